#!/usr/bin/env bash
# Regenerates startup.order: the managed methods fwagent runs from exec until its daemon and its
# telemetry loop sit idle. ILC places them first in the exe's code (IlcOrderFile in
# Firmware.Agent.csproj), so starting maps about 1 MB of code instead of most of its 6.6 MB: the
# kernel maps 64 KB around every page a process touches (docs/performance.md, "Agent footprint").
#
# Run it after changing what the agent does at start, and commit the result. A stale file costs
# memory, never correctness: ILC skips names it no longer emits and places unlisted methods after
# the listed ones.
#
# How: publishes fwagent with its symbol table, runs `fwagent run` (offline, a simulated board) and
# `fwagent telemetry` under valgrind's callgrind until each prints its ready line and a few
# samples later, then keeps the executed functions that live in ILC's managed code section, in
# their present address order. Needs valgrind (apt-get install valgrind).
# Usage: agent/Firmware.Agent/make-startup-order.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/startup-order.XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }

echo "publishing fwagent linux-x64 with its symbol table ..." >&2
# Its own native intermediate directory: the link is incremental, and the stripped exe of an earlier
# publish must neither be reused here nor be replaced by this one.
dotnet publish "$repo/agent/Firmware.Agent" -c Release -r linux-x64 -o "$work/bin" -nologo -v quiet \
    -p:StripSymbols=false -p:NativeIntermediateOutputPath="$work/native/" >"$work/publish.log" 2>&1 \
    || { cat "$work/publish.log" >&2; exit 1; }
# valgrind's debuginfo reader stops at DWARF 5; the symbol table is all it needs here.
strip --strip-debug "$work/bin/fwagent"

# shellcheck source=../../tests/bench/offline-agent.sh
source "$repo/tests/bench/offline-agent.sh"
offline_agent "$work" 1

# Runs one command under callgrind until its ready line, lets it take a few samples, then stops
# it the way init does (SIGTERM), so callgrind writes its profile.
profile() {
    local name=$1
    shift
    echo "profiling fwagent $1 (slow under valgrind) ..." >&2
    valgrind --tool=callgrind --callgrind-out-file="$work/$name.callgrind" "$work/bin/fwagent" "$@" >"$work/$name.out" 2>"$work/$name.err" &
    local pid=$! waited=0
    until grep -q "^fwagent: ready" "$work/$name.out"; do
        sleep 1
        if ((++waited > 600)) || ! kill -0 "$pid" 2>/dev/null; then
            cat "$work/$name.out" "$work/$name.err" >&2
            echo "fwagent $1 did not get ready under valgrind" >&2
            exit 1
        fi
    done
    sleep 10
    kill -TERM "$pid"
    wait "$pid" || true
}
profile run run --config "$work/agent.yml" --proc "$work/proc" --init-control "$work/control" --installed-version 1.0.0
rm -rf "$work/data"
profile telemetry telemetry --config "$work/agent.yml"

grep -ohE "^c?fn=\([0-9]+\) .*" "$work"/*.callgrind | sed -E "s/^c?fn=\([0-9]+\) //; s/'[0-9]+$//" | sort -u >"$work/executed"
managed=$(readelf -SW "$work/bin/fwagent" | awk '{ for (i = 1; i < NF; i++) if ($i == "__managedcode") print $(i + 2) }')
[[ -n $managed ]] || { echo "no __managedcode section in the exe" >&2; exit 1; }
# nm pads addresses to 16 hex digits, as readelf does, so they compare as strings.
nm -n --defined-only "$work/bin/fwagent" | awk -v start="$managed" '($2 == "t" || $2 == "T") && $1 >= start { print $3 }' >"$work/managed"
awk 'NR == FNR { ran[$0] = 1; next } $0 in ran' "$work/executed" "$work/managed" >"$here/startup.order"
echo "startup.order: $(wc -l <"$here/startup.order") of $(wc -l <"$work/managed") managed methods" >&2
