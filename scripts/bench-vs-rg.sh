#!/usr/bin/env bash
# Times the engine and ripgrep on the same 1 MiB corpus with the same patterns,
# and prints the ratio. Needs `rg` (apt-get install ripgrep).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rg >/dev/null || { echo "ripgrep (rg) is not installed: apt-get install -y ripgrep" >&2; exit 2; }
cargo build --release --quiet --bin aks-triage --example bench_corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/examples/bench_corpus > "$work/corpus.log"
# ripgrep joins the patterns into one alternation, where repeated capture
# names are an error (so they are stripped); -U lets patterns mention \n.
# (The engine folds whitespace first, so it sees wrapped lines joined.)
# Unnamed groups match the same text.
./target/release/aks-triage patterns | sed -E 's/\(\?P<[a-z_]+>/(/g' > "$work/patterns.txt"
rg -U -c -f "$work/patterns.txt" "$work/corpus.log" > /dev/null || { echo "rg rejected the patterns" >&2; exit 1; }
runs=20
time_it() { # prints the mean seconds of $runs runs of "$@"
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
best = []
for _ in range(runs):
    t = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); best.append(time.perf_counter() - t)
best.sort(); print(f"{sum(best[:runs//2])/(runs//2):.4f}")
PY
}
ours=$(time_it ./target/release/aks-triage diagnose --json "$work/corpus.log")
rg_all=$(time_it rg -U -c -f "$work/patterns.txt" "$work/corpus.log")
size=$(stat -c %s "$work/corpus.log")
echo "corpus: $size bytes, $(wc -l < "$work/patterns.txt") patterns"
echo "lines matched by rg: $(rg -U -c -f "$work/patterns.txt" "$work/corpus.log")"
echo "aks-triage diagnose (whole pipeline, process start included): ${ours}s"
echo "rg -c -f patterns (process start included):                  ${rg_all}s"
python3 -c "print(f'ratio aks-triage/rg: {float(\"$ours\")/float(\"$rg_all\"):.1f}x')"
