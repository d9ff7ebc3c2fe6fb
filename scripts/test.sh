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

step "Building the site (bad content fails here)"
trunk build --release

step "Download size of the built site"
./scripts/sizes.sh

step "Browser end-to-end tests (headless Chromium)"
cargo test -p aks-triage-e2e -- --test-threads=1
