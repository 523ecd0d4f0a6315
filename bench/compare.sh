#!/usr/bin/env bash
# Benchmark: s3img beside aws CLI, rclone, s3cmd and curl, moving the same random image to
# and from a real S3 server through squid with Basic auth, all on loopback.
#
#   bench/compare.sh [SIZE] [RUNS]       SIZE as for head -c (default 2G), RUNS >= 1 (default 3)
#   BENCH_SCALING=0 bench/compare.sh     skip the 1 GiB vs 4 GiB memory check of s3img
#   BENCH_TOOLS="s3img curl" bench/compare.sh   only these tools
#   BENCH_SCHEME=https bench/compare.sh  the endpoint over TLS, through a CONNECT tunnel
#
# The object store, the source image and every download live in /dev/shm, so the disk is
# not what is measured. Tools run in turn within each round, each with its own defaults.
# Squid gets a 64 MB request buffer (see below; BENCH_STOCK_SQUID=1 to keep the stock
# one). s3cmd cannot
# authenticate to a proxy, so it goes through a second port of the same squid without auth.
# It prints, per tool and direction, the median MB/s, peak RSS and CPU seconds, and the
# ratio of s3img to each; the raw numbers stay in $BENCH_KEEP when that is set.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
size=${1:-2G}
runs=${2:-3}
scaling=${BENCH_SCALING:-1}
scheme=${BENCH_SCHEME:-http}
[[ $scheme =~ ^https?$ ]] || { echo "BENCH_SCHEME must be http or https, not $scheme" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number, not $runs" >&2; exit 2; }

# --- tools -------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
need=()
command -v squid >/dev/null || need+=(squid)
command -v htpasswd >/dev/null || need+=(apache2-utils)
command -v rclone >/dev/null || need+=(rclone)
[ -x /usr/bin/time ] || need+=(time)
command -v curl >/dev/null || need+=(curl)
python3 -c 'import venv' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi
venv=$repo/target/bench-tools/venv
if [ ! -x "$venv/bin/aws" ] || [ ! -x "$venv/bin/s3cmd" ]; then
  echo "== installing aws CLI and s3cmd from PyPI into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check awscli s3cmd
fi
echo "== building s3img and the S3 server (release)"
cargo build --release --locked --quiet -p s3img -p s3img-test-server
bin=$repo/target/release

# --- rig ---------------------------------------------------------------------------------
work=$(mktemp -d /dev/shm/s3img-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${BENCH_KEEP:-}" ]; then
    mkdir -p "$BENCH_KEEP"
    cp "$work"/results.tsv "$sq"/access.log "$BENCH_KEEP"/ 2>/dev/null || true
  fi
  [ -n "${BENCH_DEBUG:-}" ] && cat "$sq"/cache.log >&2
  rm -rf "$work"
  # squid leaves its shared memory segments behind when killed.
  [ -n "${proxy_port:-}" ] && rm -f /dev/shm/s3imgbench"$proxy_port"-* 2>/dev/null
  true
}
trap cleanup EXIT

# shellcheck source=scripts/ports.sh
. "$repo/scripts/ports.sh"

access_key=bench-access
secret_key=bench-secret
bucket=bench
host=s3.bench.internal
password='bench p@ss:w/rd'

tls_args=()
ca=$work/tls/ca.pem
[ "$scheme" = https ] && tls_args=(--tls-dir "$work/tls" --tls-name "$host")
"$bin/s3img-test-server" --root "$work/store" --access-key "$access_key" \
  --secret-key "$secret_key" --bucket "$bucket" --port-file "$work/s3.port" \
  "${tls_args[@]}" >/dev/null 2>"$work/s3.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/s3.port" ] && break; sleep 0.1; done
s3_port=$(cat "$work/s3.port")
wait_port "$s3_port"
endpoint=$scheme://$host:$s3_port

proxy_port=$(free_port)
open_port=$(free_port)
# squid drops root for its cache_effective_user, which must write its logs.
sq=$work/squid
mkdir -m 777 "$sq"
htpasswd -b -c -m "$work/htpasswd" ops "$password" 2>/dev/null
chmod 644 "$work/htpasswd"
echo "127.0.0.1 $host" >"$work/hosts"
# Debian's squid 5.7 cuts off some uploads part-way when the client sends faster than the
# server reads (squid bug 5405); every tool here then resends or fails. A larger request
# buffer avoids it, so that speeds are compared; BENCH_STOCK_SQUID=1 keeps the stock buffer
# to see how each tool copes.
squid_buffer="client_request_buffer_max_size 64 MB"
[ "${BENCH_STOCK_SQUID:-0}" = 1 ] && squid_buffer="# stock client_request_buffer_max_size"
cat >"$work/squid.conf" <<CONF
http_port 127.0.0.1:$proxy_port
http_port 127.0.0.1:$open_port
pid_filename $sq/squid.pid
cache_log $sq/cache.log
access_log stdio:$sq/access.log squid
logformat squid %ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %un %>lp
strip_query_terms off
cache deny all
cache_mem 8 MB
memory_cache_shared off
hosts_file $work/hosts
dns_nameservers 127.0.0.1
coredump_dir $sq
netdb_filename none
pinger_enable off
shutdown_lifetime 0 seconds
$squid_buffer
auth_param basic program /usr/lib/squid/basic_ncsa_auth $work/htpasswd
acl authed proxy_auth REQUIRED
acl open_port localport $open_port
http_access allow open_port
http_access allow authed
http_access deny all
CONF
squid -N -n "s3imgbench$proxy_port" -f "$work/squid.conf" 2>"$work/squid.stderr" &
pids+=($!)
wait_port "$proxy_port"

encoded_password=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$password")
export AWS_ACCESS_KEY_ID=$access_key AWS_SECRET_ACCESS_KEY=$secret_key
export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=$work/no-aws-config AWS_SHARED_CREDENTIALS_FILE=$work/no-aws-credentials
unset AWS_CA_BUNDLE HTTPS_PROXY HTTP_PROXY https_proxy http_proxy NO_PROXY no_proxy
authed_proxy=http://ops:$encoded_password@127.0.0.1:$proxy_port
cat >"$work/s3cfg" <<CFG
[default]
access_key = $access_key
secret_key = $secret_key
host_base = $host:$s3_port
host_bucket = $host:$s3_port
use_https = $([ "$scheme" = https ] && echo True || echo False)
ca_certs_file = $([ "$scheme" = https ] && echo "$ca")
signature_v2 = False
bucket_location = us-east-1
proxy_host = 127.0.0.1
proxy_port = $open_port
progress_meter = False
CFG

mkdir -p "$work/in" "$work/out"
results=$work/results.tsv
: >"$results"

# One measured command: TOOL DIRECTION BYTES -- command...
measure() {
  local tool=$1 direction=$2 bytes=$3
  shift 4
  local stats=$work/time.out
  if ! /usr/bin/time -o "$stats" -f '%e %M %U %S' "$@" >"$work/last.out" 2>"$work/last.err"; then
    echo "!! $tool $direction failed:" >&2
    tail -n "${BENCH_ERR_LINES:-5}" "$work/last.err" >&2
    return 1
  fi
  printf '%s\t%s\t%s\t%s\n' "$tool" "$direction" "$bytes" "$(tr ' ' '\t' <"$stats")" >>"$results"
}

# Each tool as a command line that /usr/bin/time can run: env, then the program.
trust=()
[ "$scheme" = https ] && trust=(S3IMG_CA_BUNDLE="$ca")
s3img=(env "${trust[@]}" S3IMG_ENDPOINT="$endpoint" S3IMG_REGION=us-east-1 S3IMG_BUCKET="$bucket"
  S3IMG_PROXY_HOST=127.0.0.1 S3IMG_PROXY_PORT="$proxy_port" S3IMG_PROXY_USER=ops
  S3IMG_PROXY_PASSWORD="$password" XDG_CONFIG_HOME="$work/xdg" "$bin/s3img")
trust=()
[ "$scheme" = https ] && trust=(--ca-bundle "$ca")
aws=(env HTTP_PROXY="$authed_proxy" HTTPS_PROXY="$authed_proxy" "$venv/bin/aws"
  --endpoint-url "$endpoint" "${trust[@]}")
[ "$scheme" = https ] && trust=(--ca-cert "$ca")
rclone=(env HTTP_PROXY="$authed_proxy" HTTPS_PROXY="$authed_proxy" RCLONE_CONFIG_B_TYPE=s3
  RCLONE_CONFIG_B_PROVIDER=Other
  RCLONE_CONFIG_B_ACCESS_KEY_ID="$access_key" RCLONE_CONFIG_B_SECRET_ACCESS_KEY="$secret_key"
  RCLONE_CONFIG_B_ENDPOINT="$endpoint" RCLONE_CONFIG_B_REGION=us-east-1
  RCLONE_CONFIG="$work/no-rclone.conf" rclone "${trust[@]}")
s3cmd=("$venv/bin/s3cmd" -c "$work/s3cfg")
trust=()
[ "$scheme" = https ] && trust=(--cacert "$ca")
curl=(curl "${trust[@]}" -sS -f --aws-sigv4 "aws:amz:us-east-1:s3" --user "$access_key:$secret_key"
  -x "http://127.0.0.1:$proxy_port" --proxy-user "ops:$password"
  -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")

run_put() {
  local tool=$1 src=$2 bytes=$3 key=$1.img
  case $tool in
    s3img) measure s3img put "$bytes" -- "${s3img[@]}" -q -v put --force "$src" "s3://$bucket/$key" ;;
    aws) measure aws put "$bytes" -- "${aws[@]}" s3 cp --only-show-errors "$src" "s3://$bucket/$key" ;;
    rclone) measure rclone put "$bytes" -- "${rclone[@]}" copyto --ignore-times "$src" "B:$bucket/$key" ;;
    s3cmd) measure s3cmd put "$bytes" -- "${s3cmd[@]}" ${BENCH_S3CMD_FLAGS:-} -q put "$src" "s3://$bucket/$key" ;;
    curl) measure curl put "$bytes" -- "${curl[@]}" -T "$src" -o /dev/null "$endpoint/$bucket/$key" ;;
  esac
}
run_get() {
  local tool=$1 bytes=$2 key=$1.img dst=$work/out/$1.img
  rm -f "$dst"
  case $tool in
    s3img) measure s3img get "$bytes" -- "${s3img[@]}" -q -v get --force "s3://$bucket/$key" "$dst" ;;
    aws) measure aws get "$bytes" -- "${aws[@]}" s3 cp --only-show-errors "s3://$bucket/$key" "$dst" ;;
    rclone) measure rclone get "$bytes" -- "${rclone[@]}" copyto --ignore-times "B:$bucket/$key" "$dst" ;;
    s3cmd) measure s3cmd get "$bytes" -- "${s3cmd[@]}" -q get --force "s3://$bucket/$key" "$dst" ;;
    curl) measure curl get "$bytes" -- "${curl[@]}" -o "$dst" "$endpoint/$bucket/$key" ;;
  esac
  cmp -s "$work/in/image" "$dst" || { echo "!! $tool get: the bytes differ from the source" >&2; exit 1; }
  rm -f "$dst"
}

# Seconds s3img spent sending parts, and the server spent completing the upload, from the
# timestamps of its -v log.
phases() {
  python3 - "$1" <<'PY'
import datetime, re, sys
marks = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+Z) +INFO .*?(multipart upload to|parts sent; completing|storing the image)", line)
    if m:
        marks[m.group(2)] = datetime.datetime.fromisoformat(m.group(1).replace("Z", "+00:00"))
try:
    sent = marks["parts sent; completing"]
    parts = (sent - marks["multipart upload to"]).total_seconds()
    done = (marks["storing the image"] - sent).total_seconds()
    print(f"{parts:.3f}\t{done:.3f}")
except KeyError:
    pass
PY
}

echo "== making a random $size image in $work"
head -c "$size" /dev/urandom >"$work/in/image"
bytes=$(stat -c %s "$work/in/image")
read -r -a tools <<<"${BENCH_TOOLS:-s3img aws rclone s3cmd curl}"
retries_before=0
for round in $(seq 1 "$runs"); do
  echo "== round $round of $runs: put"
  for tool in "${tools[@]}"; do
    run_put "$tool" "$work/in/image" "$bytes"
    if [ "$tool" = s3img ]; then
      n=$(grep -c 'trying again' "$work/last.err" || true)
      retries_before=$((retries_before + n))
      phases "$work/last.err" >>"$work/phases.tsv"
    fi
  done
  echo "== round $round of $runs: get"
  for tool in "${tools[@]}"; do run_get "$tool" "$bytes"; done
done

if [ "$scaling" = 1 ]; then
  echo "== s3img peak memory at 1 GiB and 4 GiB"
  rm -f "$work/in/image" "$work/store/$bucket"/*.img
  for gib in 1 4; do
    head -c "${gib}G" /dev/urandom >"$work/in/scale"
    measure "s3img-${gib}GiB" put "$((gib << 30))" -- "${s3img[@]}" -q put --force "$work/in/scale" "s3://$bucket/scale.img"
    rm -f "$work/in/scale"
    measure "s3img-${gib}GiB" get "$((gib << 30))" -- "${s3img[@]}" -q get --force "s3://$bucket/scale.img" "$work/out/scale"
    rm -f "$work/out/scale" "$work/store/$bucket/scale.img"
  done
fi

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "versions: $("$bin/s3img" --version), $("$venv/bin/aws" --version 2>&1 | cut -d' ' -f1), $(rclone version | head -1), s3cmd $("$venv/bin/s3cmd" --version | awk '{print $3}'), $(curl --version | head -1 | cut -d' ' -f1-2), $(squid -v | head -1 | awk '{print "squid", $4}')"
echo "endpoint: $scheme through squid; image: $bytes bytes, $runs runs per tool and direction; s3img resent $retries_before pieces cut off by squid"
if [ "$scheme" = https ]; then
  echo "squid logged $(grep -c ' CONNECT ' "$sq/access.log" || true) CONNECT tunnels to $host"
else
  for tool in "${tools[@]}"; do
    n=$(grep -c "/$bucket/$tool.img" "$sq/access.log" || true)
    echo "squid logged $n requests for $tool.img"
  done
fi
python3 - "$results" "$work/phases.tsv" "$bytes" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    tool, direction, size, secs, rss, user, system = line.split("\t")
    rows[(tool, direction)].append(
        (int(size) / 1e6 / max(float(secs), 1e-3), int(rss) / 1024, float(user) + float(system)))
def med(values, i):
    return statistics.median(v[i] for v in values)
print()
print(f"{'tool':<12} {'dir':<4} {'MB/s':>8} {'peak RSS MiB':>13} {'CPU s':>7} {'s3img/tool':>11}")
for direction in ("put", "get"):
    ours = rows.get(("s3img", direction))
    for (tool, d), values in sorted(rows.items(), key=lambda kv: kv[0][0] != "s3img"):
        if d != direction:
            continue
        speed = med(values, 0)
        ratio = f"{med(ours, 0) / speed:.2f}x" if ours and not tool.startswith("s3img") else ""
        print(f"{tool:<12} {d:<4} {speed:8.1f} {med(values, 1):13.1f} {med(values, 2):7.1f} {ratio:>11}")
try:
    phases = [tuple(map(float, l.split())) for l in open(sys.argv[2]) if l.strip()]
except FileNotFoundError:
    phases = []
if phases:
    parts = statistics.median(p[0] for p in phases)
    done = statistics.median(p[1] for p in phases)
    print()
    print(f"s3img put, median: parts sent in {parts:.1f} s ({int(sys.argv[3]) / 1e6 / parts:.1f} MB/s), "
          f"then {done:.1f} s for the server to complete the multipart upload")
small, large = rows.get(("s3img-1GiB", "put")), rows.get(("s3img-4GiB", "put"))
if small and large:
    print()
    for direction in ("put", "get"):
        a, b = med(rows[("s3img-1GiB", direction)], 1), med(rows[("s3img-4GiB", direction)], 1)
        print(f"s3img {direction} peak RSS: {a:.1f} MiB at 1 GiB, {b:.1f} MiB at 4 GiB ({(b / a - 1) * 100:+.1f}%)")
PY
