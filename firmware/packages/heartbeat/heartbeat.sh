#!/bin/busybox sh
# Heartbeat service: every HEARTBEAT_INTERVAL seconds, append "beat N EPOCH" to
# $HEARTBEAT_DIR/beats and print it. Failure on demand, for tests of health checks and rollback:
#   - if $HEARTBEAT_DIR/fail exists, exit with the number it holds (1 if empty or not a number);
#   - HEARTBEAT_COUNT=N stops after N beats with status 0 (0 or unset: run forever).
set -u
dir=${HEARTBEAT_DIR:-/run/heartbeat}
interval=${HEARTBEAT_INTERVAL:-10}
count=${HEARTBEAT_COUNT:-0}
mkdir -p "$dir"
beat=0
while :; do
    if [ -e "$dir/fail" ]; then
        code=$(cat "$dir/fail" 2>/dev/null)
        case "$code" in
            ''|*[!0-9]*) code=1 ;;
        esac
        echo "heartbeat: failing with status $code on request ($dir/fail)" >&2
        exit "$code"
    fi
    beat=$((beat + 1))
    line="beat $beat $(date +%s)"
    echo "$line" >> "$dir/beats"
    echo "heartbeat: $line"
    if [ "$count" -gt 0 ] && [ "$beat" -ge "$count" ]; then
        exit 0
    fi
    sleep "$interval"
done
