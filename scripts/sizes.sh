#!/usr/bin/env bash
# Prints the raw and gzip -9 size of each file of the built site and the total.
set -euo pipefail
cd "$(dirname "$0")/../dist"
total_raw=0; total_gz=0
printf '%-30s %10s %10s\n' file raw gzip
for f in $(find . -type f | sort); do
  raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-30s %10d %10d\n' "${f#./}" "$raw" "$gz"
done
printf '%-30s %10d %10d\n' TOTAL "$total_raw" "$total_gz"
