#!/usr/bin/env bash
# Times `gongkai report check` over 10,000 reports (the samples copied with varied numbers), with hyperfine.
# Usage: bench/check-10k.sh [count]     (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish src/Gongkai.Cli -c Release -o "$work/cli" >/dev/null
mkdir -p "$work/reports"
samples=(samples/reports/*.txt)
for ((i = 0; i < count; i++)); do
  sample=${samples[$((i % ${#samples[@]}))]}
  # A different organisation per file, so the batch is not one report 10,000 times.
  sed "s/政务服务/政务服务${i}/" "$sample" > "$work/reports/report-$i.txt"
done
du -sh "$work/reports"
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)"; exit 1; }
hyperfine --warmup 1 --runs 5 "$work/cli/gongkai report check $work/reports --format json > /dev/null"
