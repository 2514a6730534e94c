#!/usr/bin/env bash
# Rootfs benchmark: writing a squashfs of a tree of a few thousand files through the rootfs
# assembly (one OCI layer applied in memory, then mksquashfs fed pseudo definitions with the file
# bytes inline) against mksquashfs run directly on the same files extracted to a directory.
# Same compressor (zstd, level 15), block size and timestamps (all 0) on both sides.
#
# This is a measurement, not a test: it prints medians and exits 0 (non-zero only when it cannot
# measure at all).
#
# Usage:  tests/bench/rootfs-bench.sh
# Environment:
#   BENCH_RUNS=5          runs per measurement; the median is reported
#   BENCH_FILES=3000      how many files of /usr (each under 256 KiB, and symlinks) go into the layer
#   BENCH_TMPDIR=/tmp     where the scratch directory is made (removed on exit)
#   BENCH_KEEP=1          keep the scratch directory
set -euo pipefail

RUNS=${BENCH_RUNS:-5}
FILES=${BENCH_FILES:-3000}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BASE=${BENCH_TMPDIR:-${TMPDIR:-/tmp}}
WORK=$(mktemp -d "$BASE/rootfs-bench.XXXXXX")
cleanup() { if [[ -z ${BENCH_KEEP:-} ]]; then rm -rf "$WORK"; else echo "scratch kept in $WORK"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '%s\n' "$*" >&2; }
die() { log "rootfs-bench: $*"; exit 1; }
command -v mksquashfs >/dev/null || die "mksquashfs not found: apt-get install squashfs-tools"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now_ms() { date +%s%3N; }

# The input: real files (binaries, libraries, docs) so that compression is realistic.
log "making a layer of $FILES files from /usr"
(cd / && find usr/bin usr/lib usr/share -xdev \( -type l -o -type f -size -256k \) 2>/dev/null | LC_ALL=C sort | sed -n "1,${FILES}p") >"$WORK/list"
tar -C / --no-recursion -cf "$WORK/layer.tar" -T "$WORK/list"
mkdir "$WORK/extracted"
tar -C "$WORK/extracted" -xf "$WORK/layer.tar"
files=$(wc -l <"$WORK/list")
mib=$(du -sm --apparent-size "$WORK/extracted" | cut -f1)

log "building the harness"
dotnet build "$REPO/tests/bench/Firmware.Rootfs.Bench" -c Release -o "$WORK/bin" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build failed"; }
harness="$WORK/bin/Firmware.Rootfs.Bench"

direct=() ours_total=() ours_apply=() ours_write=() listing=()
for ((run = 1; run <= RUNS; run++)); do
    log "run $run/$RUNS"
    rm -f "$WORK/direct.img"
    start=$(now_ms)
    mksquashfs "$WORK/extracted" "$WORK/direct.img" -comp zstd -noappend -quiet -no-progress -mkfs-time 0 -all-time 0 >/dev/null
    direct+=($(($(now_ms) - start)))

    rm -rf "$WORK/staging" "$WORK/ours.img"
    start=$(now_ms)
    read -r apply write list < <("$harness" "$WORK/layer.tar" "$WORK/staging" "$WORK/ours.img")
    ours_total+=($(($(now_ms) - start)))
    ours_apply+=("$apply") ours_write+=("$write") listing+=("$list")
done

size() { stat -c %s "$1"; }
printf '\nrootfs-bench: %s files, %s MiB, zstd level 15, block 128 KiB, %s runs, medians (load average at the end: %s)\n' \
    "$files" "$mib" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-52s %8s ms\n' "mksquashfs on the extracted directory" "$(printf '%s\n' "${direct[@]}" | median)"
printf '  %-52s %8s ms\n' "rootfs: apply the layer (spool + hash, in memory)" "$(printf '%s\n' "${ours_apply[@]}" | median)"
printf '  %-52s %8s ms\n' "rootfs: write the squashfs (pseudo file + mksquashfs)" "$(printf '%s\n' "${ours_write[@]}" | median)"
printf '  %-52s %8s ms\n' "rootfs: content listing" "$(printf '%s\n' "${listing[@]}" | median)"
printf '  %-52s %8s ms\n' "rootfs: whole process (incl. .NET start)" "$(printf '%s\n' "${ours_total[@]}" | median)"
printf '  %-52s %8s bytes\n' "image size, mksquashfs on the directory" "$(size "$WORK/direct.img")"
printf '  %-52s %8s bytes\n' "image size, rootfs" "$(size "$WORK/ours.img")"
if cmp -s "$WORK/direct.img" "$WORK/ours.img"; then
    echo "  the two images are byte-identical"
elif diff <(unsquashfs -lln "$WORK/direct.img" | awk '{ $4 = ""; $5 = ""; print }' | tail -n +2) \
        <(unsquashfs -lln "$WORK/ours.img" | awk '{ $4 = ""; $5 = ""; print }' | tail -n +2) >/dev/null; then
    echo "  listings (unsquashfs -lln, times aside) are identical"
else
    echo "  listings differ (see: BENCH_KEEP=1, then diff the two unsquashfs -lln)"
fi
