#!/usr/bin/env bash
# Agent footprint (a measurement, not a test): fwagent's exe size for linux-x64 and linux-arm64
# (goal < 8 MiB; Mender's client is 9.8 MiB), idle RSS (goal < 16 MB) and exec-to-ready (goal
# < 20 ms) of the x64 exe on this machine. "Ready" is the line `fwagent telemetry --config FILE`
# prints once it has loaded agent.yml, opened its LiteDB ring, taken a first sample and started
# its timer: the offline collection loop, which needs no broker. Idle RSS is VmRSS two seconds
# after ready. Prints medians of BENCH_RUNS runs (default 21 for time, 5 for RSS).
# With BENCH_BREAKDOWN=1 (only when it publishes) it also prints where the x64 exe's bytes are:
# code and types per assembly and namespace, read from ILC's .mstat by tests/bench/mstat-sizes.cs.
# Usage: tests/bench/agent-size.sh [PUBLISHED_X64_DIR [PUBLISHED_ARM64_DIR]]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${BENCH_RUNS:-21}
work=$(mktemp -d "${TMPDIR:-/tmp}/agent-size.XXXXXX")
trap 'rm -rf "$work"' EXIT

x64=${1:-}
arm64=${2:-}
if [[ -z $x64 ]]; then
    echo "publishing fwagent linux-x64 (NativeAOT)..."
    breakdown=false
    [[ ${BENCH_BREAKDOWN:-} == 1 ]] && breakdown=true
    dotnet publish agent/Firmware.Agent -c Release -r linux-x64 -o "$work/x64" -nologo -v quiet \
        -p:IlcGenerateMstatFile=$breakdown >/dev/null
    x64=$work/x64
    if $breakdown; then
        dotnet run tests/bench/mstat-sizes.cs -- agent/Firmware.Agent/obj/Release/net10.0/linux-x64/native/fwagent.mstat
    fi
fi
if [[ -z $arm64 ]]; then
    echo "publishing fwagent linux-arm64 (NativeAOT, cross)..."
    dotnet publish agent/Firmware.Agent -c Release -r linux-arm64 -o "$work/arm64" -nologo -v quiet >/dev/null
    arm64=$work/arm64
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mib() { awk -v b="$1" 'BEGIN { printf "%.2f MiB", b / 1048576 }'; }
x64_size=$(stat -c %s "$x64/fwagent")
arm64_size=$(stat -c %s "$arm64/fwagent")
echo "exe size  linux-x64   $x64_size bytes ($(mib "$x64_size"))   stat -c %s $x64/fwagent"
echo "exe size  linux-arm64 $arm64_size bytes ($(mib "$arm64_size"))   stat -c %s $arm64/fwagent"

config=$work/agent.yml
cat >"$config" <<YAML
device: { id: bench-1, compatible: bench-board }
data-dir: $work/data
slots:
  a: { file: $work/a.img, size: 64MiB }
  b: { file: $work/b.img, size: 64MiB }
boot: { backend: simulated, simulated: { state: $work/boot.state } }
telemetry: { interval-s: 60, ring: 10080, mounts: [/] }
YAML

# One run: start the loop, time exec to its ready line, optionally read VmRSS after a pause, stop it.
run_once() {
    local settle=$1 start end line pid rss=0
    start=$(date +%s%N)
    exec {out}< <(exec "$x64/fwagent" telemetry --config "$config")
    pid=$!
    read -r line <&"$out"
    end=$(date +%s%N)
    [[ $line == "fwagent: ready"* ]] || { echo "unexpected first line: $line" >&2; exit 1; }
    if ((settle)); then
        sleep "$settle"
        rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
    fi
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    exec {out}<&-
    echo "$(((end - start) / 1000)) $rss"
}

run_once 0 >/dev/null   # warm the page cache and create the ring
for ((i = 0; i < runs; i++)); do run_once 0; done | awk '{ print $1 }' > "$work/ready"
for ((i = 0; i < ${BENCH_RSS_RUNS:-5}; i++)); do run_once 2; done | awk '{ print $2 }' > "$work/rss"
ready_us=$(median < "$work/ready")
rss_kib=$(median < "$work/rss")
echo "exec to ready  x64  median $(awk -v u="$ready_us" 'BEGIN { printf "%.1f ms", u / 1000 }') over $runs runs   fwagent telemetry --config agent.yml (until 'fwagent: ready')"
echo "idle RSS       x64  median $(awk -v k="$rss_kib" 'BEGIN { printf "%.1f MB (%d KiB)", k * 1024 / 1e6, k }') over ${BENCH_RSS_RUNS:-5} runs   VmRSS 2 s after ready"
