#!/usr/bin/env bash
# Checks every crate in Cargo.lock against the RustSec advisory database, including yanked
# versions. Needs network access to github.com (the database) and crates.io (yanked state),
# which is why scripts/test.sh does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deny >/dev/null || cargo install cargo-deny --locked --version 0.20.2
cargo deny --workspace --locked check advisories
