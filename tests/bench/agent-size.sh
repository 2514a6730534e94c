#!/usr/bin/env bash
# Agent footprint (a measurement, not a test): fwagent's exe size for linux-x64 and linux-arm64
# (goal < 8 MiB; Mender's client is 9.8 MiB), idle RSS (goal < 16 MB) and exec-to-ready (goal
# < 20 ms) of the x64 exe on this machine. "Ready" is the line `fwagent telemetry --config FILE`
# prints once it has loaded agent.yml, opened its LiteDB ring, taken a first sample and started
# its timer: the offline collection loop, which needs no broker. Idle RSS is VmRSS two seconds
# after ready, of that loop and of the daemon (`fwagent run`, offline, on a simulated board with a
# trust file made by fwtool). Prints medians of BENCH_RUNS runs (default 21 for time, 5 for RSS).
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
if [[ -f $x64/fwagent.dbg ]]; then
    # A start-up order whose names have drifted from the code wants make-startup-order.sh again.
    order=agent/Firmware.Agent/startup.order
    present=$(nm --defined-only "$x64/fwagent.dbg" | awk 'NR == FNR { listed[$0] = 1; next } $3 in listed { n++ } END { print n + 0 }' "$order" -)
    echo "start-up order  $present of $(wc -l <"$order") listed methods are in the x64 exe   $order"
fi

# shellcheck source=offline-agent.sh
source tests/bench/offline-agent.sh
offline_agent "$work" 60
config=$work/agent.yml
telemetry=(telemetry --config "$config")
daemon=(run --config "$config" --proc "$work/proc" --init-control "$work/control" --installed-version 1.0.0)

# One run of a command: time exec to its ready line, optionally read VmRSS after a pause, stop it.
run_once() {
    local settle=$1 start end line pid rss=0
    shift
    start=$(date +%s%N)
    exec {out}< <(exec "$x64/fwagent" "$@")
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

run_once 0 "${telemetry[@]}" >/dev/null   # warm the page cache and create the ring
for ((i = 0; i < runs; i++)); do run_once 0 "${telemetry[@]}"; done | awk '{ print $1 }' > "$work/ready"
for ((i = 0; i < ${BENCH_RSS_RUNS:-5}; i++)); do
    run_once 2 "${telemetry[@]}" | awk '{ print $2 }' >> "$work/rss"
    run_once 2 "${daemon[@]}" | awk '{ print $2 }' >> "$work/rss-daemon"
done
ready_us=$(median < "$work/ready")
megabytes() { awk -v k="$1" 'BEGIN { printf "%.1f MB (%d KiB)", k * 1024 / 1e6, k }'; }
echo "exec to ready  x64  median $(awk -v u="$ready_us" 'BEGIN { printf "%.1f ms", u / 1000 }') over $runs runs   fwagent telemetry --config agent.yml (until 'fwagent: ready')"
echo "idle RSS       x64  median $(megabytes "$(median < "$work/rss")") over ${BENCH_RSS_RUNS:-5} runs   VmRSS 2 s after ready, fwagent telemetry"
echo "idle RSS       x64  median $(megabytes "$(median < "$work/rss-daemon")") over ${BENCH_RSS_RUNS:-5} runs   VmRSS 2 s after ready, fwagent run (offline)"
