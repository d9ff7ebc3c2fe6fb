#!/usr/bin/env bash
# Installs what building, serving and testing AKS Triage needs, skipping what
# is already there: the wasm target, Trunk, the wasm-bindgen CLI that matches
# Cargo.lock, and (with --browser) Chromium and chromedriver for the browser
# tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

want_browser=no
[ "${1:-}" = "--browser" ] && want_browser=yes

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

command -v cargo >/dev/null || { echo "error: cargo is not installed (install Rust with rustup first)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "error: python3 is needed by the Trunk post-build hook (apt-get install python3)" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
  say "Installing Trunk 0.21.14 (about 10 minutes, once)"
  cargo install trunk --version 0.21.14 --locked
fi

wb=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
if ! grep -q "wasm_bindgen = \"$wb\"" Trunk.toml; then
  echo "error: Trunk.toml [tools] wasm_bindgen must be \"$wb\" (the version in Cargo.lock)" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
  say "Installing wasm-bindgen-cli $wb (about 3 minutes, once)"
  # Not --locked: one locked dependency version is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$wb" --force
fi

if [ "$want_browser" = yes ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Chromium and chromedriver (Debian packages)"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
fi

# Trunk runs cargo offline; fetch the dependencies first.
cargo fetch --quiet
