#!/usr/bin/env bash
# Fleet at scale (docs/performance.md, "Fleet at scale"): simulated devices, each running the
# agent's own device runtime and update engine over its own MQTT client (`fwtool simulate`, memory
# slots), taken by `fwtool fleet serve` through a wave rollout of a random-payload bundle, through
# one Mosquitto on loopback without TLS. Reports wall time, controller messages per second, the
# CPU time of the controller, the broker and the simulators, the controller's peak RSS, and lost
# and duplicated (stale) reports.
#
# This is a measurement, not a test: it prints its figures and exits 0 (non-zero only when it
# cannot measure at all). One run per call; run it several times for medians.
#
# Usage:  tests/bench/fleet-scale-bench.sh [FWTOOL]   (FWTOOL: a built fwtool; default: the managed Release build)
# Environment:
#   BENCH_DEVICES=10000        simulated devices in all
#   BENCH_PROCESSES=1          `fwtool simulate` processes sharing them (device ids s1-00001.., s2-00001..)
#   BENCH_BUNDLE_MIB=4         the bundle's payload
#   BENCH_WAVES=1%,10%,100%    the rollout's waves
#   BENCH_MAX_CONCURRENT=1000  installs in flight at most (each holds its download on the device's data directory)
#   BENCH_DIR=/dev/shm         where the devices' directories go (tmpfs: their fsyncs cost nothing, as on a device's own flash they would cost its own time)
#   BENCH_KEEP=1               keep the scratch directories
set -euo pipefail

DEVICES=${BENCH_DEVICES:-10000}
PROCESSES=${BENCH_PROCESSES:-1}
MIB=${BENCH_BUNDLE_MIB:-4}
WAVES=${BENCH_WAVES:-1%,10%,100%}
CONCURRENT=${BENCH_MAX_CONCURRENT:-1000}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fleet-scale-bench.XXXXXX")
DEVDIR=$(mktemp -d "${BENCH_DIR:-/dev/shm}/fleet-scale-devices.XXXXXX")
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ -z ${BENCH_KEEP:-} ]]; then rm -rf "$WORK" "$DEVDIR"; else echo "scratch kept in $WORK and $DEVDIR" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
ulimit -n "$(ulimit -Hn)"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "fleet-scale-bench: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks=$(getconf CLK_TCK)
cpu() { awk -v t="$ticks" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$1/stat"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
metric() { awk -v m="$1" '$1 == m || index($1, m "{") == 1 { v = $2 } END { print v + 0 }' <<<"$2"; }
command -v mosquitto >/dev/null || die "mosquitto not found: apt-get install mosquitto"
(( DEVICES % PROCESSES == 0 )) || die "BENCH_DEVICES ($DEVICES) must split evenly over BENCH_PROCESSES ($PROCESSES)"

if [[ -n ${1:-} ]]; then
    FWTOOL=$(realpath "$1")
else
    log "building fwtool"
    dotnet build "$REPO/tools/Firmware.Tool" -c Release -v q -nologo >/dev/null
    FWTOOL="$REPO/tools/Firmware.Tool/bin/Release/net10.0/fwtool"
fi

cd "$WORK"
"$FWTOOL" keygen --out root >/dev/null
"$FWTOOL" keygen --out release >/dev/null
"$FWTOOL" trust init --root root.key --root-threshold 1 --release release.pub --out trust.json >/dev/null
head -c $((MIB << 20)) /dev/urandom >payload.img
"$FWTOOL" bundle create --board bench --version 2.0.0 --payload rootfs=payload.img --key release.key --trust trust.json --out bundle.fwb >/dev/null

BROKER=$(free_port)
# As fleet-bench.sh: room for the controller's queue in a burst (it acknowledges a report once it
# is stored), and no Nagle delay on the small request and answer writes.
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\nmax_queued_messages 1000000\nset_tcp_nodelay true\n' "$BROKER" >mosquitto.conf
mosquitto -c mosquitto.conf & BROKER_PID=$!; PIDS+=("$BROKER_PID")
sleep 0.5

METRICS=$(free_port)
URL="http://127.0.0.1:$METRICS/"
"$FWTOOL" fleet serve --broker "mqtt://127.0.0.1:$BROKER" --db fleet.db --store store --trust trust.json \
    --metrics "127.0.0.1:$METRICS" --device-rate 1GiB/s --bandwidth 1GiB/s 2>controller.log & CONTROLLER=$!; PIDS+=("$CONTROLLER")
for _ in $(seq 100); do curl -sf "${URL}metrics" >/dev/null && break; sleep 0.2; done

log "starting $DEVICES devices in $PROCESSES simulate process(es) under $DEVDIR (load average $(load))"
SIMS=()
for k in $(seq "$PROCESSES"); do
    "$FWTOOL" simulate --devices $((DEVICES / PROCESSES)) --broker "mqtt://127.0.0.1:$BROKER" --trust trust.json --board bench \
        --slots memory --id-prefix "s$k" --dir "$DEVDIR/s$k" --seed "$k" >"simulate-$k.log" 2>"simulate-$k.err" & SIMS+=($!); PIDS+=($!)
done

started=$(date +%s.%N)
while :; do
    online=$(metric 'fleet_devices{state="online"}' "$(curl -sf "${URL}metrics")")
    (( online >= DEVICES )) && break
    for pid in "${SIMS[@]}"; do kill -0 "$pid" 2>/dev/null || die "a simulate process exited: $(tail -3 simulate-*.err)"; done
    (( $(date +%s) - ${started%.*} > 1800 )) && die "only $online of $DEVICES devices registered in 30 min"
    sleep 2
done
registered=$(awk -v a="$(date +%s.%N)" -v b="$started" 'BEGIN { printf "%.1f", a - b }')
log "all $DEVICES devices registered in $registered s (load average $(load))"

before=$(curl -sf "${URL}metrics")
c0=$(cpu "$CONTROLLER"); b0=$(cpu "$BROKER_PID"); s0=0; for pid in "${SIMS[@]}"; do s0=$(awk -v a="$s0" -v b="$(cpu "$pid")" 'BEGIN { print a + b }'); done
t0=$(date +%s.%N)
# --max-failures 100%: the run measures delivery to every device; a device the soak judges
# unhealthy is counted (unhealthy=) rather than stopping the rollout.
id=$("$FWTOOL" rollout start bundle.fwb --waves "$WAVES" --max-failures 100% --soak 0s --max-concurrent "$CONCURRENT" --controller-url "$URL" --json \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
log "rollout $id: waves $WAVES, at most $CONCURRENT installs in flight"
: >progress.txt
while :; do
    sleep 5
    m=$(curl -sf "${URL}metrics") || continue
    committed=$(metric "fleet_rollout_jobs{rollout=\"$id\",state=\"committed\"}" "$m")
    flight=$(metric "fleet_rollout_jobs{rollout=\"$id\",state=\"inFlight\"}" "$m")
    printf '%s committed=%s in_flight=%s controller_cpu=%s broker_cpu=%s load=%s\n' \
        "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.0f", a - b }')" "$committed" "$flight" "$(cpu "$CONTROLLER")" "$(cpu "$BROKER_PID")" "$(cut -d' ' -f1 /proc/loadavg)" >>progress.txt
    grep -qE "fleet_rollout_state\{rollout=\"$id\",[^}]*state=\"(completed|aborted)\"" <<<"$m" && break
done
t1=$(date +%s.%N)
c1=$(cpu "$CONTROLLER"); b1=$(cpu "$BROKER_PID"); s1=0; for pid in "${SIMS[@]}"; do s1=$(awk -v a="$s1" -v b="$(cpu "$pid")" 'BEGIN { print a + b }'); done
after=$(curl -sf "${URL}metrics")
state=$(grep -oE "fleet_rollout_state\{rollout=\"$id\",[^}]*state=\"[a-z]+\"" <<<"$after" | sed 's/.*state="//; s/"//')
committed=$(metric "fleet_rollout_jobs{rollout=\"$id\",state=\"committed\"}" "$after")
targets=$(metric "fleet_rollout_jobs{rollout=\"$id\",state=\"targets\"}" "$after")
failed=$(metric "fleet_rollout_failures{rollout=\"$id\",of=\"failed\"}" "$after")
unhealthy=$(grep -c "unhealthy in the soak" controller.log || true)
# Lost: devices whose final report never reached the controller (neither committed nor a failure:
# failures count rolled-back and failed installs, and committed ones the soak judged unhealthy).
lost=$(( targets - committed - failed ))
received=$(( $(metric fleet_controller_messages_received_total "$after") - $(metric fleet_controller_messages_received_total "$before") ))
stale=$(metric fleet_controller_stale_progress_total "$after")
chunks=$(metric fleet_controller_chunks_served_total "$after")
wall=$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')
simrss=0; for pid in "${SIMS[@]}"; do simrss=$(( simrss + $(awk '/VmHWM/ { print $2 }' "/proc/$pid/status") )); done

printf 'fleet-scale: devices=%s processes=%s bundle_mib=%s waves=%s max_concurrent=%s state=%s wall_s=%s registered_s=%s committed=%s failed=%s unhealthy=%s lost=%s stale=%s\n' \
    "$DEVICES" "$PROCESSES" "$MIB" "$WAVES" "$CONCURRENT" "$state" "$wall" "$registered" "$committed" "$failed" "$unhealthy" "$lost" "$stale"
printf 'fleet-scale: controller_messages=%s messages_per_s=%s chunks_served=%s controller_cpu_s=%s controller_peak_rss_mib=%s broker_cpu_s=%s simulators_cpu_s=%s simulators_peak_rss_mib=%s load_average="%s"\n' \
    "$received" "$(awk -v r="$received" -v w="$wall" 'BEGIN { printf "%.0f", r / w }')" "$chunks" \
    "$(awk -v a="$c1" -v b="$c0" 'BEGIN { printf "%.1f", a - b }')" "$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$CONTROLLER/status")" \
    "$(awk -v a="$b1" -v b="$b0" 'BEGIN { printf "%.1f", a - b }')" "$(awk -v a="$s1" -v b="$s0" 'BEGIN { printf "%.1f", a - b }')" "$(( simrss / 1024 ))" "$(load)"
cp progress.txt "${TMPDIR:-/tmp}/fleet-scale-progress-$DEVICES.txt"
log "progress every 5 s (seconds since start, committed, in flight, cumulative controller and broker CPU): ${TMPDIR:-/tmp}/fleet-scale-progress-$DEVICES.txt"
