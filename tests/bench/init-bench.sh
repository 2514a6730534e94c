#!/usr/bin/env bash
# fwinit boot time (a measurement, not a test): from exec to `fw-init: boot complete` for the
# published fwinit as process 1 of new pid, mount, UTS and network namespaces over a scratch root
# with two onboot steps and three services run by a stand-in runc (a shell script, as in
# tests/Firmware.Init.Tests), against the peer: the busybox ash init the image had before, doing
# the same onboot and service starts over the same root (it mounts nothing, sets no host name,
# opens no socket and writes no status table, so it does less). Prints the medians of BENCH_RUNS
# runs (default 11), their ratio, the exe size and the load average. Needs root (unshare).
# Usage: tests/bench/init-bench.sh [PUBLISHED_X64_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${BENCH_RUNS:-11}
work=$(mktemp -d "${TMPDIR:-/tmp}/init-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

published=${1:-}
if [[ -z $published ]]; then
    echo "publishing fwinit linux-x64 (NativeAOT)..."
    dotnet publish firmware/Firmware.Init.Exe -c Release -r linux-x64 -o "$work/publish" -nologo -v quiet >/dev/null
    published=$work/publish
fi

root=$work/root
mkdir -p "$root/usr/bin" "$root/etc" "$root/data" "$root/run"
echo bench > "$root/etc/hostname"
cat > "$root/usr/bin/runc" <<'RUNC'
#!/bin/sh
export ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case "$1" in
    run) exec /bin/sh "$3/run" ;;
esac
RUNC
chmod 755 "$root/usr/bin/runc"
for step in 000-a 001-b; do mkdir -p "$root/containers/onboot/$step"; echo 'true' > "$root/containers/onboot/$step/run"; done
for service in one two three; do mkdir -p "$root/containers/services/$service"; echo 'exec sleep 1000' > "$root/containers/services/$service/run"; done
cat > "$work/ash-init" <<'ASH'
#!/bin/busybox sh
root=$1
for bundle in "$root"/containers/onboot/*; do
    name=${bundle##*/}
    if "$root/usr/bin/runc" run --bundle "$bundle" "$name" </dev/null; then echo "fw-init: onboot $name done"; else echo "fw-init: onboot $name failed"; fi
done
for bundle in "$root"/containers/services/*; do
    "$root/usr/bin/runc" run --bundle "$bundle" "${bundle##*/}" </dev/null &
    echo "fw-init: service ${bundle##*/} started"
done
echo "fw-init: boot complete"
wait
ASH
chmod 755 "$work/ash-init"

# Milliseconds from exec to the boot-complete line of one run of INIT (fwinit or the ash init).
one() {
    local start end line
    rm -rf "$root/run/"*
    start=$(date +%s%N)
    coproc BOOT { exec unshare --fork --kill-child --pid --mount --mount-proc --uts --net "$@" 2>&1; }
    while IFS= read -r line <&"${BOOT[0]}"; do
        if [[ $line == "fw-init: boot complete"* ]]; then end=$(date +%s%N); break; fi
    done
    kill -KILL "$BOOT_PID" 2>/dev/null || true
    wait "$BOOT_PID" 2>/dev/null || true
    echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/fwinit.ms"; : > "$work/ash.ms"
for _ in $(seq "$runs"); do
    one "$published/fwinit" --root "$root" >> "$work/fwinit.ms"
    one "$work/ash-init" "$root" >> "$work/ash.ms"
done
fw=$(median < "$work/fwinit.ms")
ash=$(median < "$work/ash.ms")
echo "fwinit exec to boot complete: median $fw ms (runs: $(paste -sd' ' "$work/fwinit.ms"))"
echo "ash init exec to boot complete: median $ash ms (runs: $(paste -sd' ' "$work/ash.ms"))"
awk -v f="$fw" -v a="$ash" 'BEGIN { printf "ratio fwinit / ash: %.2f\n", f / a }'
echo "fwinit size: $(stat -c %s "$published/fwinit") bytes"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
