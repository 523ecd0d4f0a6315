#!/usr/bin/env bash
# Runs every fuzz target under fuzz/ for a bounded time each:
#   scripts/fuzz.sh [SECONDS]      (default 60 seconds a target)
# Installs cargo-fuzz when it is missing. The inputs each run found are kept in
# target/fuzz-corpus/TARGET and reused by the next run; the committed seeds are in
# fuzz/seeds/TARGET. A failing input is saved under fuzz/artifacts/TARGET and the script
# exits non-zero; replay it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -a TARGET fuzz/artifacts/TARGET/FILE   (from fuzz/)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
case $seconds in
  '' | *[!0-9]* | 0) echo "usage: scripts/fuzz.sh [SECONDS], a whole number above 0" >&2; exit 2 ;;
esac

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
# cargo fuzz builds with nightly-only sanitizer flags; the machine's toolchain is stable.
export RUSTC_BOOTSTRAP=1

cd fuzz
# -a: debug assertions and overflow checks on, as in the test build.
cargo fuzz build -a
for target in $(cargo fuzz list); do
  corpus=../target/fuzz-corpus/$target
  mkdir -p "$corpus"
  echo "fuzzing $target for ${seconds}s"
  log=$corpus.log
  if ! cargo fuzz run -a "$target" "$corpus" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz target $target failed; the input is under fuzz/artifacts/$target" >&2
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|new_units_added)' "$log" | sed 's/^/  /'
done
