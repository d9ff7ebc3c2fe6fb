#!/usr/bin/env bash
# Sets up what is missing, then runs every test: the engine natively with the
# `regex` backend and again with the browser's `regex-lite` backend, the app's
# unit tests, the content build through Trunk, and the browser end-to-end tests
# in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Lints (clippy, warnings are errors)"
cargo clippy --workspace --exclude aks-triage-e2e --all-targets -- -D warnings

step "Engine, content and CLI tests (regex backend) + app unit tests"
cargo test --workspace --exclude aks-triage-e2e

step "The same engine tests with the browser's regex-lite backend"
cargo test --no-default-features --features cli --lib --test tests

step "A broken content file stops cargo build with file:line:col"
# The CLI compiles content/ in its build script; point it at a broken fixture.
broken=tests/fixtures/broken/invalid-regex
if AKS_TRIAGE_CONTENT="$PWD/$broken/content" cargo check --quiet --lib --target-dir target/broken-content 2>target/broken-content.log; then
  echo "error: cargo build accepted $broken" >&2; exit 1
fi
grep -qF "content/$(cat "$broken/expected.txt")" target/broken-content.log || { echo "error: the build did not report $(cat "$broken/expected.txt")" >&2; cat target/broken-content.log >&2; exit 1; }
echo "ok: cargo build stops at content/$(cat "$broken/expected.txt")"

step "Accuracy on real pastes (blind holdout, then dev; per label)"
cargo run --release --quiet --bin aks-triage -- eval eval/holdout.jsonl | sed -n '/^label/,$p'
printf 'holdout-2: '; cargo run --release --quiet --bin aks-triage -- eval eval/holdout-2.jsonl | tail -1
for f in dev dev-extra dev-negatives dev-former-holdout dev-4 dev-5; do printf '%s: ' "$f"; cargo run --release --quiet --bin aks-triage -- eval "eval/$f.jsonl" | tail -1; done

step "Building the site (bad content fails here)"
trunk build --release

step "Download size of the built site"
./scripts/sizes.sh

step "Browser end-to-end tests (headless Chromium)"
cargo test -p aks-triage-e2e -- --test-threads=1
