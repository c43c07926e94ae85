#!/usr/bin/env bash
# Launch time against a bare eframe window, measured side by side in one run.
#
#   DISPLAY=:99 benches/launch_ratio.sh [RUNS] [FOLDER]
#
# Alternates `parallax FOLDER --timings --screenshot` (FOLDER: the bundled seeds by default)
# with `examples/bare.rs` RUNS times (default 9), and prints the median time from process
# start to Parallax's first frame on screen with both articles in it, the median time to
# the bare window's first frame on screen, their ratio, and both peak memories.
# Needs an X display (Xvfb will do) and builds both release binaries first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
folder=${2:-seeds}
cargo build --release --quiet --bin parallax --example bare
shot=$(mktemp --suffix=.png)
trap 'rm -f "$shot"' EXIT
p_ms=() b_ms=() p_mb=() b_mb=()
for ((i = 0; i < runs; i++)); do
    out=$(./target/release/parallax "$folder" --timings --screenshot "$shot" 2>&1)
    p_ms+=("$(grep 'first frame with both articles shown' <<<"$out" | awk '{print $3}')")
    p_mb+=("$(grep 'peak memory' <<<"$out" | awk '{print $5}')")
    out=$( { /usr/bin/time -f 'peak %M' ./target/release/examples/bare; } 2>&1)
    b_ms+=("$(grep 'first frame shown' <<<"$out" | awk '{print $3}')")
    b_mb+=("$(awk '/^peak/ {printf "%.1f", $2 / 1024}' <<<"$out")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
pm=$(median "${p_ms[@]}") bm=$(median "${b_ms[@]}")
pmem=$(median "${p_mb[@]}") bmem=$(median "${b_mb[@]}")
echo "runs: $runs, folder: $folder"
echo "parallax, first frame with both articles shown: median $pm ms (${p_ms[*]})"
echo "bare window, first frame shown:                 median $bm ms (${b_ms[*]})"
echo "launch ratio: $(awk -v p="$pm" -v b="$bm" 'BEGIN {printf "%.2f", p / b}')"
echo "peak memory: parallax $pmem MB, bare $bmem MB, ratio $(awk -v p="$pmem" -v b="$bmem" 'BEGIN {printf "%.2f", p / b}')"
