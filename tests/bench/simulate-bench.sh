#!/usr/bin/env bash
# Fleet simulator footprint and reconnect storm (a measurement, not a test). For each device count
# in BENCH_DEVICES (default "100 1000"), runs `fwtool simulate` against one Mosquitto on 127.0.0.1
# (a random port) and reports:
#   - connect: seconds from start until every device is connected (one process, N MQTT clients);
#   - RSS of the simulator once connected, and memory per device: (RSS(N) - RSS(smallest N)) / (N - smallest N);
#   - the reconnect storm after a broker restart: seconds until every device is back, and the
#     busiest second of CONNECTs in Mosquitto's log against the peer "no jitter" (all N in one
#     second): the ratio says how much the jittered back-off spreads the storm.
# Each figure is the median of BENCH_RUNS runs (default 3). Prints the load average with each run.
# Usage: tests/bench/simulate-bench.sh [FWTOOL]   (FWTOOL: a built fwtool; default: the managed Release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${BENCH_RUNS:-3}
counts=${BENCH_DEVICES:-100 1000}
work=$(mktemp -d "${TMPDIR:-/tmp}/simulate-bench.XXXXXX")
broker_pid=
sim_pid=
cleanup() {
    [[ -n $sim_pid ]] && kill -TERM "$sim_pid" 2>/dev/null || true
    [[ -n $broker_pid ]] && kill -TERM "$broker_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [[ -n ${1:-} ]]; then
    fwtool=("$1")
else
    dotnet build tools/Firmware.Tool -c Release -nologo -v quiet >/dev/null
    fwtool=(dotnet tools/Firmware.Tool/bin/Release/net10.0/fwtool.dll)
fi

"${fwtool[@]}" keygen --out "$work/root" >/dev/null
"${fwtool[@]}" keygen --out "$work/release" >/dev/null
"${fwtool[@]}" trust init --root "$work/root.pub" --release "$work/release.pub" --sign "$work/root.key" --out "$work/trust.json" >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 10000
log_dest stdout
log_type notice
log_timestamp true
CONF
# Logs to standard output, appended here: as root, mosquitto drops to its own user, which cannot write in $work.
start_broker() { mosquitto -c "$work/mosquitto.conf" >>"$work/mosquitto.log" 2>&1 & broker_pid=$!; sleep 0.5; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Waits until LINE_PREFIX appears in FILE after line AFTER; prints the seconds field ("... at S s").
wait_for() {
    local file=$1 prefix=$2 after=$3 line
    for _ in $(seq 1 1200); do
        line=$(tail -n +"$((after + 1))" "$file" | grep -m1 "^$prefix" || true)
        if [[ -n $line ]]; then awk '{ for (i = 1; i < NF; i++) if ($i == "at") print $(i + 1) }' <<<"$line"; return; fi
        sleep 0.25
    done
    echo "timed out waiting for '$prefix' in $file" >&2; exit 1
}

declare -A rss_median
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $counts; do
    connects=() rsses=() backs=() peaks=()
    for run in $(seq 1 "$runs"); do
        start_broker
        out=$work/sim-$n-$run.log
        "${fwtool[@]}" simulate --devices "$n" --broker "mqtt://127.0.0.1:$port" --trust "$work/trust.json" --dir "$work/devices-$n-$run" --seed "$run" >"$out" 2>/dev/null &
        sim_pid=$!
        connected=$(wait_for "$out" "connected: all" 0)
        sleep 2
        rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$sim_pid/status")
        # The storm: restart the broker; every device reconnects through its jittered back-off.
        lines=$(wc -l <"$out")
        : >"$work/mosquitto.log"
        kill -TERM "$broker_pid"; wait "$broker_pid" 2>/dev/null || true
        down=$(wait_for "$out" "disconnected:" "$lines")
        start_broker
        up=$(wait_for "$out" "connected: all" "$lines")
        peak=$(grep "New client connected" "$work/mosquitto.log" | awk -F: '{ print $1 }' | sort | uniq -c | sort -rn | awk 'NR == 1 { print $1 }')
        kill -TERM "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=
        kill -TERM "$broker_pid"; wait "$broker_pid" 2>/dev/null || true; broker_pid=
        rm -rf "$work/devices-$n-$run"
        connects+=("$connected") rsses+=("$rss") backs+=("$(awk -v a="$down" -v b="$up" 'BEGIN { printf "%.3f", b - a }')") peaks+=("${peak:-0}")
        echo "  run $run, $n devices: connected after $connected s, RSS $rss KiB, back after a broker restart in ${backs[-1]} s, busiest second ${peaks[-1]} CONNECTs; load $(cut -d' ' -f1-3 /proc/loadavg)"
    done
    c=$(printf '%s\n' "${connects[@]}" | median)
    r=$(printf '%s\n' "${rsses[@]}" | median)
    b=$(printf '%s\n' "${backs[@]}" | median)
    p=$(printf '%s\n' "${peaks[@]}" | median)
    rss_median[$n]=$r
    echo "$n devices: connect $c s, RSS $r KiB, reconnect storm $b s, busiest second $p of $n CONNECTs (ratio $(awk -v p="$p" -v n="$n" 'BEGIN { printf "%.2f", p / n }') against all at once)"
done
first=$(tr ' ' '\n' <<<"$counts" | head -1)
for n in $counts; do
    ((n == first)) && continue
    echo "memory per device (${first} -> ${n}): $(awk -v a="${rss_median[$first]}" -v b="${rss_median[$n]}" -v m="$first" -v n="$n" 'BEGIN { printf "%.1f KiB", (b - a) / (n - m) }')"
done
