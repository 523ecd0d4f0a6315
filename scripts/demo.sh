#!/usr/bin/env bash
# Demo of s3img's main job on one machine: starts a signature-checking S3 server and squid
# with Basic auth on loopback, makes a qcow2 image with qemu-img, then puts, lists, gets
# and deletes it through the proxy, and shows what squid logged. Everything stays on
# 127.0.0.1 and under a temporary directory that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

need=()
command -v squid >/dev/null || need+=(squid)
command -v htpasswd >/dev/null || need+=(apache2-utils)
command -v qemu-img >/dev/null || need+=(qemu-utils)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --workspace --quiet
bin=$repo/target/debug

work=$(mktemp -d /tmp/s3img-demo.XXXXXX)
chmod 777 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=scripts/ports.sh
. "$repo/scripts/ports.sh"

echo "== starting the S3 server (s3s-fs, SigV4 checked)"
"$bin/s3img-test-server" --root "$work/store" --access-key demo-access --secret-key demo-secret \
  --bucket images --port-file "$work/s3.port" >/dev/null 2>"$work/s3.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/s3.port" ] && break; sleep 0.1; done
s3_port=$(cat "$work/s3.port")
wait_port "$s3_port"

echo "== starting squid with Basic auth (user ops)"
proxy_port=$(free_port)
htpasswd -b -c -m "$work/htpasswd" ops 'demo p@ss:word' 2>/dev/null
chmod 644 "$work/htpasswd"
echo "127.0.0.1 s3.demo.internal" >"$work/hosts"
cat >"$work/squid.conf" <<CONF
http_port 127.0.0.1:$proxy_port
pid_filename $work/squid.pid
cache_log $work/cache.log
access_log stdio:$work/access.log squid
logformat squid %tl %Ss/%03>Hs %<st %rm %ru %un
strip_query_terms off
cache deny all
hosts_file $work/hosts
dns_nameservers 127.0.0.1
coredump_dir $work
netdb_filename none
pinger_enable off
shutdown_lifetime 0 seconds
# Debian's squid 5.7 cuts off uploads that outrun a slow server (squid bug 5405); a larger
# request buffer avoids it. See "Known limitations" in the README.
client_request_buffer_max_size 64 MB
auth_param basic program /usr/lib/squid/basic_ncsa_auth $work/htpasswd
acl authed proxy_auth REQUIRED
http_access allow authed
http_access deny all
CONF
squid -N -f "$work/squid.conf" 2>"$work/squid.stderr" &
pids+=($!)
wait_port "$proxy_port"

echo "== making a 64 MiB qcow2 image with qemu-img"
qemu-img create -q -f qcow2 "$work/demo.qcow2" 1G
qemu-img convert -q -f raw -O qcow2 <(head -c 64M /dev/urandom) "$work/demo.qcow2" 2>/dev/null ||
  { head -c 64M /dev/urandom >"$work/demo.raw"; qemu-img convert -q -f raw -O qcow2 "$work/demo.raw" "$work/demo.qcow2"; rm "$work/demo.raw"; }

export AWS_EC2_METADATA_DISABLED=true AWS_ACCESS_KEY_ID=demo-access AWS_SECRET_ACCESS_KEY=demo-secret
export S3IMG_ENDPOINT="http://s3.demo.internal:$s3_port" S3IMG_REGION=us-east-1 S3IMG_BUCKET=images
export S3IMG_PROXY_HOST=127.0.0.1 S3IMG_PROXY_PORT=$proxy_port S3IMG_PROXY_USER=ops
export S3IMG_PROXY_PASSWORD='demo p@ss:word'
cd "$work"
set -x
"$bin/s3img" put demo.qcow2 s3://images/demo/
"$bin/s3img" ls s3://images/demo/
"$bin/s3img" get s3://images/demo/demo.qcow2 copy.qcow2
cmp demo.qcow2 copy.qcow2
"$bin/s3img" delete s3://images/demo/demo.qcow2
set +x
sleep 1
echo "== what squid logged (user ops, every request through the proxy)"
cat "$work/access.log"
echo "== demo finished: the image went up and came back byte for byte through squid"
