#!/usr/bin/env bash
# Sets up and runs every s3img test on a Debian machine: installs the proxies and tools the
# tests start (squid, tinyproxy, apache2-utils for htpasswd, qemu-utils for qemu-img) when
# missing, checks the dependency policy (deny.toml), builds the workspace once, runs the unit
# and end-to-end tests, then runs each fuzz target for a short, bounded time
# (S3IMG_FUZZ_SECONDS, default 30; scripts/fuzz.sh runs them longer).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v squid >/dev/null || need+=(squid)
command -v tinyproxy >/dev/null || need+=(tinyproxy)
command -v htpasswd >/dev/null || need+=(apache2-utils)
command -v qemu-img >/dev/null || need+=(qemu-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Debian starts the packaged daemons on install; the tests run their own on free ports.
for unit in squid tinyproxy; do
  if command -v systemctl >/dev/null && systemctl is-active --quiet "$unit" 2>/dev/null; then
    systemctl stop "$unit" || true
  fi
done

# Nothing may reach the network: no instance metadata, no ambient credentials or proxies.
export AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN \
  HTTP_PROXY HTTPS_PROXY ALL_PROXY http_proxy https_proxy all_proxy NO_PROXY no_proxy

# Licences, duplicate versions and sources of every crate; the advisory check needs GitHub
# and is left to scripts/audit.sh.
command -v cargo-deny >/dev/null || cargo install cargo-deny --locked --version 0.20.2
cargo deny --workspace --locked check bans licenses sources

# Two cores: build once, then run the tests without rebuilding.
cargo build --workspace --all-targets --locked
cargo test --workspace --locked -- --test-threads=4

scripts/fuzz.sh "${S3IMG_FUZZ_SECONDS:-30}"
