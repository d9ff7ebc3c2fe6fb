#!/usr/bin/env bash
# Fuzzes the engine and the analyzers with cargo-fuzz (libFuzzer) for a while
# each: ./scripts/fuzz.sh [seconds per target, default 60]. Needs nightly Rust
# (installed here through rustup) and cargo-fuzz. The corpus of interesting
# inputs lives in fuzz/corpus/ and grows with each run; `cargo +nightly fuzz
# cmin <target>` keeps it small before a commit.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
secs="${1:-60}"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for target in diagnose_bytes diagnose_fragments analyzers; do
  mkdir -p "fuzz/corpus/$target"
  echo "==> $target for ${secs}s"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$secs" -max_len=8192 -rss_limit_mb=2048 2>&1 | grep -E '^(#[0-9]+\s+(DONE|INITED)|Done|SUMMARY|==[0-9]+==|thread)' || true
done
