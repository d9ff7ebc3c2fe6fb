#!/usr/bin/env bash
# Records the current accuracy figures in eval/figures.toml (the floor that
# tests/eval.rs holds the engine to). Run after a deliberate improvement.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin aks-triage
{
  echo "# Accuracy recorded by scripts/record-figures.sh on $(date -u +%Y-%m-%d); tests/eval.rs"
  echo "# fails if a figure moves more than two points the wrong way."
  for f in holdout holdout-2 dev dev-extra dev-negatives dev-former-holdout dev-4 dev-5; do
    line=$(target/release/aks-triage eval "eval/$f.jsonl" | tail -1)
    h1=$(sed -n 's/.*hit1=\([0-9.]*\)%.*/\1/p' <<<"$line")
    h3=$(sed -n 's/.*hit3=\([0-9.]*\)%.*/\1/p' <<<"$line")
    neg=$(sed -n 's/.*neg_confident=\([0-9.]*\)%.*/\1/p' <<<"$line")
    printf '\n["%s.jsonl"]\nhit1 = %s\nhit3 = %s\nnegative_confident = %s\n' "$f" "$h1" "$h3" "$neg"
  done
} > eval/figures.toml
cat eval/figures.toml
