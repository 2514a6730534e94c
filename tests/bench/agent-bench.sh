#!/usr/bin/env bash
# Install throughput of fwagent's update engine against the shell pipeline that does the same
# work with the system's tools.
#
# This is a measurement, not a test: it prints medians and the ratio next to the goal and exits 0
# whether or not the goal is met (non-zero only when it cannot measure at all).
#
#   fwagent install   verify the whole bundle (signatures, trust, policy, every chunk), then stream
#                     the payload into an image-file slot, fsync, read it back against the chunk
#                     digests, arm the simulated bootloader, checkpoint in LiteDB
#   baseline          zstd -dc PAYLOAD.zst | dd of=SLOT conv=fsync; openssl dgst -sha256 SLOT
#                     (decompress, write, sync, hash what landed)
#
# The goal: fwagent's throughput at least 0.8 of the baseline's (medians of BENCH_RUNS runs).
#
# Usage:  tests/bench/agent-bench.sh
# Environment:
#   BENCH_RUNS=5          runs per measurement; the median is reported
#   BENCH_SIZE_MIB=256    payload size
#   BENCH_TMPDIR=/tmp     where the scratch directory is made (removed on exit)
#   BENCH_KEEP=1          keep the scratch directory
#   BENCH_BIN=DIR         use DIR/agent/fwagent and DIR/tool/fwtool instead of publishing
#   BENCH_NICE=-20        niceness of every measured command when run as root (0: normal priority)
#
# Inputs are in the page cache (just written), so the figures compare CPU, memory bandwidth and
# the write-back of the slot, not the reading disk.
set -euo pipefail

RUNS=${BENCH_RUNS:-5}
SIZE_MIB=${BENCH_SIZE_MIB:-256}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BASE=${BENCH_TMPDIR:-${TMPDIR:-/tmp}}
WORK=$(mktemp -d "$BASE/agent-bench.XXXXXX")
cleanup() { if [[ -z ${BENCH_KEEP:-} ]]; then rm -rf "$WORK"; else echo "scratch kept in $WORK"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '%s\n' "$*" >&2; }
die() { log "agent-bench: $*"; exit 1; }

for tool in zstd dd openssl; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install zstd coreutils openssl)"
done

NICE=()
if [[ ${BENCH_NICE:-} != 0 ]] && ((EUID == 0)); then
    NICE=(nice -n "${BENCH_NICE:--20}")
fi

BIN=${BENCH_BIN:-$WORK/bin}
if [[ -z ${BENCH_BIN:-} ]]; then
    log "publishing fwagent (NativeAOT) and fwtool ..."
    dotnet publish "$REPO/agent/Firmware.Agent" -r linux-x64 -o "$BIN/agent" >"$WORK/publish-agent.log" 2>&1 \
        || { cat "$WORK/publish-agent.log" >&2; die "publishing fwagent failed"; }
    dotnet publish "$REPO/tools/Firmware.Tool" -o "$BIN/tool" >"$WORK/publish-tool.log" 2>&1 \
        || { cat "$WORK/publish-tool.log" >&2; die "publishing fwtool failed"; }
fi
FWAGENT=$BIN/agent/fwagent
FWTOOL=$BIN/tool/fwtool
[[ -x $FWAGENT && -x $FWTOOL ]] || die "no fwagent or fwtool under $BIN"

# A payload like a root filesystem: half file-system content (compresses), half random (does not).
SIZE=$((SIZE_MIB * 1048576))
log "making a $SIZE_MIB MiB payload, keys, trust and the bundle ..."
{ tar -cf - -C / usr 2>/dev/null || true; } | head -c $((SIZE / 2)) >"$WORK/payload.img"
truncate -s $((SIZE / 2)) "$WORK/payload.img"
head -c $((SIZE / 2)) /dev/urandom >>"$WORK/payload.img"
zstd -q -3 -T0 "$WORK/payload.img" -o "$WORK/payload.img.zst"
mkdir -p "$WORK/keys"
"$FWTOOL" keygen --out "$WORK/keys/root" >/dev/null
"$FWTOOL" keygen --out "$WORK/keys/release" >/dev/null
"$FWTOOL" trust init --root "$WORK/keys/root.key" --release "$WORK/keys/release.pub" --out "$WORK/trust.json" >/dev/null
"$FWTOOL" bundle create --board bench-board --version 1.1.0 --payload "rootfs=$WORK/payload.img" \
    --key "$WORK/keys/release.key" --trust "$WORK/trust.json" --out "$WORK/bundle.fwb" >/dev/null
truncate -s $((SIZE + 16 * 1048576)) "$WORK/slot-a.img" "$WORK/slot-b.img"

TIMEFORMAT='%3R %3U %3S'
sample() {
    local file=$1
    shift
    local t
    { t=$( { time "$@" >/dev/null 2>"$WORK/last.err"; } 2>&1 ); } || { cat "$WORK/last.err" >&2; return 1; }
    echo "$t" >>"$file"
}

agent_install() {
    rm -rf "$WORK/data" "$WORK/boot.state"
    "${NICE[@]}" "$FWAGENT" install "$WORK/bundle.fwb" --data "$WORK/data" --slot-a "$WORK/slot-a.img" --slot-b "$WORK/slot-b.img" \
        --boot "simulated:$WORK/boot.state" --trust "$WORK/trust.json" --board bench-board --installed-version 1.0.0 --booted A
}

baseline() {
    "${NICE[@]}" bash -c 'zstd -dc "$1" | dd of="$2" bs=4M conv=fsync,notrunc status=none && openssl dgst -sha256 "$2" >/dev/null' _ \
        "$WORK/payload.img.zst" "$WORK/slot-b.img"
}

# Round-robin, so that load from elsewhere on the machine falls on both alike.
for ((i = 0; i < RUNS; i++)); do
    sample "$WORK/agent" agent_install || die "fwagent install failed"
    sample "$WORK/baseline" baseline || die "the baseline pipeline failed"
done
cmp -n "$SIZE" "$WORK/payload.img" "$WORK/slot-b.img" || die "the slot does not hold the payload"

median() {
    awk -v c="$2" '{ v = (c == 4) ? $2 + $3 : $c; print v }' "$1" | sort -g |
        awk '{ a[NR] = $1 } END { if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
mibps() { awk -v s="$1" -v m="$SIZE_MIB" 'BEGIN { printf "%.0f", m / s }'; }

agent_wall=$(median "$WORK/agent" 1)
agent_cpu=$(median "$WORK/agent" 4)
base_wall=$(median "$WORK/baseline" 1)
base_cpu=$(median "$WORK/baseline" 4)
ratio=$(awk -v a="$agent_wall" -v b="$base_wall" 'BEGIN { printf "%.2f", b / a }')
bundle_mib=$(awk -v b="$(stat -c %s "$WORK/bundle.fwb")" 'BEGIN { printf "%.1f", b / 1048576 }')

printf '\nInstall of a %s MiB payload (bundle %s MiB) into an image-file slot, medians of %s runs, %s cores\n' "$SIZE_MIB" "$bundle_mib" "$RUNS" "$(nproc)"
printf '  %-58s %9s %9s %9s\n' "" "wall s" "MiB/s" "cpu s"
printf '  %-58s %9s %9s %9s\n' "fwagent install (verify, write, fsync, read back, arm)" "$agent_wall" "$(mibps "$agent_wall")" "$agent_cpu"
printf '  %-58s %9s %9s %9s\n' "zstd -dc | dd conv=fsync; openssl dgst -sha256" "$base_wall" "$(mibps "$base_wall")" "$base_cpu"
printf '  throughput ratio fwagent / baseline: %s (goal >= 0.8): %s\n' "$ratio" "$(awk -v r="$ratio" 'BEGIN { print (r >= 0.8) ? "met" : "NOT met" }')"
