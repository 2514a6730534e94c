#!/usr/bin/env bash
# Fleet controller benchmark (docs/performance.md, "Fleet controller"):
#   1. chunk serving: one device (the agent's own FleetConnection + ChunkDownload, every chunk
#      checked against the signed manifest) fetches a 4 MiB bundle through `fwtool fleet serve`,
#      against the peer: the same payloads between two bare MQTT clients through the same
#      Mosquitto with the same window of 8, without the controller;
#   2. many devices: N cheap in-process devices (one MQTT client each, protocol.md's messages)
#      taken through a wave rollout of a small bundle; the controller's CPU time and peak RSS
#      from /proc, wall time, messages per second, lost and duplicated reports.
#
# This is a measurement, not a test: it prints medians and exits 0 (non-zero only when it cannot
# measure at all).
#
# Usage:  tests/bench/fleet-bench.sh
# Environment:
#   BENCH_RUNS=5            runs of the transfer measurements; the median is reported (0: skip them)
#   BENCH_DEVICES=1000      devices of the rollout measurement
#   BENCH_WAVES=1%,10%,100% its waves
#   BENCH_KEEP=1            keep the scratch directory
set -euo pipefail

RUNS=${BENCH_RUNS:-5}
DEVICES=${BENCH_DEVICES:-1000}
WAVES=${BENCH_WAVES:-1%,10%,100%}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fleet-bench.XXXXXX")
PIDS=()
cleanup() {
    # Controllers are started in subshells, so their pids are in files.
    for pid in "${PIDS[@]}" $(cat "$WORK"/*.pid 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    if [[ -z ${BENCH_KEEP:-} ]]; then rm -rf "$WORK"; else echo "scratch kept in $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '%s\n' "$*" >&2; }
die() { log "fleet-bench: $*"; exit 1; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
command -v mosquitto >/dev/null || die "mosquitto not found: apt-get install mosquitto"

log "building fwtool and the bench driver"
dotnet build "$REPO/tools/Firmware.Tool" -c Release -v q -nologo >/dev/null
dotnet build "$REPO/tests/bench/Firmware.Fleet.Bench" -c Release -v q -nologo >/dev/null
FWTOOL="$REPO/tools/Firmware.Tool/bin/Release/net10.0/fwtool"
DRIVER="$REPO/tests/bench/Firmware.Fleet.Bench/bin/Release/net10.0/Firmware.Fleet.Bench"

cd "$WORK"
"$FWTOOL" keygen --out root >/dev/null
"$FWTOOL" keygen --out release >/dev/null
"$FWTOOL" trust init --root root.key --root-threshold 1 --release release.pub --out trust.json >/dev/null
head -c $((4 << 20)) /dev/urandom >big.img
head -c $((64 << 10)) /dev/urandom >small.img
"$FWTOOL" bundle create --board bench --version 2.0.0 --payload rootfs=big.img --key release.key --trust trust.json --out big.fwb >/dev/null
"$FWTOOL" bundle create --board bench --version 2.0.0 --payload rootfs=small.img --key release.key --trust trust.json --out small.fwb >/dev/null

BROKER=$(free_port)
# max_queued_messages: the controller acknowledges a report only once it is stored, so in a burst
# its queue at the broker grows; past the limit Mosquitto drops QoS 1 messages (default 1000).
# set_tcp_nodelay: without it Mosquitto's small writes wait on Nagle's algorithm and the peer's
# delayed ACK (about 40 ms a round trip on loopback), which caps any request/response transfer.
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\nmax_queued_messages 1000000\nset_tcp_nodelay true\n' "$BROKER" >mosquitto.conf
mosquitto -c mosquitto.conf & PIDS+=($!)
sleep 0.5

serve() { # serve NAME RATE: a controller with its own database and store; prints "PID URL"
    local port; port=$(free_port)
    "$FWTOOL" fleet serve --broker "mqtt://127.0.0.1:$BROKER" --db "$1.db" --store "$1.store" --trust trust.json \
        --metrics "127.0.0.1:$port" --device-rate "$2" --bandwidth "$2" 2>"$1.log" &
    local pid=$!
    echo "$pid" >"$1.pid"
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/metrics" >/dev/null && break; sleep 0.1; done
    echo "$pid http://127.0.0.1:$port/"
}

if (( RUNS > 0 )); then
log "chunk serving: 4 MiB bundle, $RUNS runs each (load average $(cut -d' ' -f1-3 /proc/loadavg))"
: >controller.txt; : >peer.txt
for run in $(seq "$RUNS"); do
    read -r pid url < <(serve "transfer-$run" 1GiB/s)
    "$DRIVER" transfer "$BROKER" "$url" big.fwb trust.json | field mib_per_s >>controller.txt
    kill "$pid"; rm -f "transfer-$run.pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    "$DRIVER" peer "$BROKER" big.fwb trust.json | field mib_per_s >>peer.txt
done
C=$(median <controller.txt); P=$(median <peer.txt)
printf 'chunk serving (MiB/s, median of %s): controller %s, bare MQTT peer %s, ratio %s\n' "$RUNS" "$C" "$P" "$(awk -v c="$C" -v p="$P" 'BEGIN { printf "%.2f", c / p }')"
fi

log "rollout: $DEVICES devices, waves $WAVES (load average $(cut -d' ' -f1-3 /proc/loadavg))"
read -r pid url < <(serve fleet 1GiB/s)
ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
before=$(cpu)
line=$("$DRIVER" fleet "$BROKER" "$url" small.fwb "$DEVICES" "$WAVES")
after=$(cpu)
rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
echo "rollout: $line"
printf 'controller: CPU %.1f s, peak RSS %.1f MiB (load average %s)\n' "$(awk -v a="$after" -v b="$before" -v t="$ticks" 'BEGIN { print (a - b) / t }')" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$(cut -d' ' -f1-3 /proc/loadavg)"
