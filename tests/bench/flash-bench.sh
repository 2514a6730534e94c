#!/usr/bin/env bash
# Flash benchmark (a measurement, not a test): fwtool flash against bmaptool copy and dd on the
# same 2 GiB sparse image with about 300 MiB mapped, written to a file target with fsync.
# Prints medians of BENCH_RUNS runs (default 5) and the ratios. Usage: tests/bench/flash-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${BENCH_RUNS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/flash-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

need=()
for tool in bmaptool:bmap-tools python3:python3 bc:bc; do
    command -v "${tool%%:*}" >/dev/null || need+=("${tool##*:}")
done
if ((${#need[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "building fwtool (NativeAOT)..."
dotnet publish tools/Firmware.Tool -c Release -r linux-x64 -o "$work/bin" -nologo -v quiet >/dev/null
fwtool="$work/bin/fwtool"

# 2 GiB image: a partition table's worth at the start, then extents of random and text data
# scattered across the disk, about 300 MiB in all (what a small rootfs and boot partition hold).
image="$work/disk.img"
truncate -s 2G "$image"
seed=0
for spec in 0:1 16:64 200:100 700:40 1200:60 1900:35; do
    offset=${spec%%:*} mib=${spec##*:}
    seed=$((seed + 1))
    python3 - "$image" "$offset" "$mib" "$seed" <<'PY'
import random, sys
path, offset, mib, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
with open(path, "r+b") as f:
    f.seek(offset << 20)
    for i in range(mib):
        block = rng.randbytes(1 << 20) if i % 3 else (b"firmware service mount data " * 40000)[: 1 << 20]
        f.write(block)
PY
done
"$fwtool" bmap create "$image" --out "$image.bmap" --force >/dev/null
mapped=$(grep -o '<MappedBlocksCount> [0-9]*' "$image.bmap" | grep -o '[0-9]*')
echo "image: 2 GiB, $((mapped * 4096 / 1048576)) MiB mapped; runs: $runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"

time_of() { # prints wall seconds of a command
    local start end
    start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A samples
for ((run = 1; run <= runs; run++)); do
    # Round-robin, so a burst of load from elsewhere hits every tool alike.
    rm -f "$work/t-"*
    samples[fwtool]+="$(time_of "$fwtool" flash "$image" --to "$work/t-fwtool" --bmap "$image.bmap")"$'\n'
    samples[fwtool-noverify]+="$(time_of "$fwtool" flash "$image" --to "$work/t-fwtool-nv" --bmap "$image.bmap" --no-verify)"$'\n'
    samples[bmaptool]+="$(time_of bmaptool copy --bmap "$image.bmap" "$image" "$work/t-bmaptool")"$'\n'
    samples[dd]+="$(time_of dd if="$image" of="$work/t-dd" bs=4M conv=fsync,sparse)"$'\n'
    cmp -s "$image" "$work/t-fwtool" || { echo "fwtool output differs from the image"; exit 1; }
done

printf '\n%-30s %10s %10s\n' "command (file target, fsync)" "median s" "vs bmaptool"
base=$(printf '%s' "${samples[bmaptool]}" | median)
for name in fwtool fwtool-noverify bmaptool dd; do
    m=$(printf '%s' "${samples[$name]}" | median)
    printf '%-30s %10.3f %10.2f\n' "$name" "$m" "$(echo "$m / $base" | bc -l)"
done
echo
echo "fwtool: bmap ranges checked while reading, written on a second thread, fsync, then every range"
echo "read back from the medium (page cache dropped). bmaptool: ranges checked while reading, fsync."
echo "dd: every byte of the 2 GiB read, holes skipped on write (conv=sparse), fsync. Goal: fwtool/bmaptool <= 0.5."
