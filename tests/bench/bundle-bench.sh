#!/usr/bin/env bash
# Performance benchmark of signed update bundles (.fwb) against openssl, mender-artifact and RAUC.
#
# This is a measurement, not a test: it prints medians and ratios next to the goals and exits 0
# whether or not a goal is met (it exits non-zero only when it cannot measure at all).
#
# Usage:  tests/bench/bundle-bench.sh
# Environment:
#   BENCH_RUNS=5          runs per measurement; the median is reported
#   BENCH_TMPDIR=/tmp     where the scratch directory is made (removed on exit)
#   BENCH_SIZE_MIB=256    size of each input (the goals are stated for 256)
#   BENCH_RSS_MIB=1024    size of the mixed payload for the peak-RSS measurement
#   BENCH_LEVELS="3 4"    extra zstd levels to time `fwtool bundle create` at (besides the default)
#   BENCH_SKIP_INSTALL=1  do not apt-get install missing tools
#   BENCH_BIN=DIR         use DIR/agent/fwagent and DIR/tool/fwtool instead of publishing (A/B comparisons)
#   BENCH_KEEP=1          keep the scratch directory
#   BENCH_NICE=-20        niceness of every measured command (all tools alike); the default -20
#                         (when run as root) keeps other work on a shared machine from stretching
#                         the wall times; BENCH_NICE=0 measures at normal priority
#
# Every figure is measured with a warm page cache (inputs and bundles were just written), so it
# is CPU and memory bandwidth that is compared, not the disk. Wall time and CPU time (user+sys)
# are both reported: on a shared machine the CPU time is the steadier figure.
set -euo pipefail

RUNS=${BENCH_RUNS:-5}
SIZE_MIB=${BENCH_SIZE_MIB:-256}
RSS_MIB=${BENCH_RSS_MIB:-1024}
LEVELS=${BENCH_LEVELS:-3 4}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BASE=${BENCH_TMPDIR:-${TMPDIR:-/tmp}}
WORK=$(mktemp -d "$BASE/bundle-bench.XXXXXX")
cleanup() { if [[ -z ${BENCH_KEEP:-} ]]; then rm -rf "$WORK"; else echo "scratch kept in $WORK"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM   # so that an interrupted run still removes its scratch directory

log() { printf '%s\n' "$*" >&2; }
die() { log "bundle-bench: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
install_tools() {
    local missing=()
    command -v mender-artifact >/dev/null || missing+=(mender-artifact)
    command -v rauc >/dev/null || missing+=(rauc)
    command -v mksquashfs >/dev/null || missing+=(squashfs-tools)
    [[ -x /usr/bin/time ]] || missing+=(time)
    command -v openssl >/dev/null || missing+=(openssl)
    ((${#missing[@]} == 0)) && return 0
    [[ -n ${BENCH_SKIP_INSTALL:-} ]] && die "missing tools: ${missing[*]}"
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    log "installing: ${missing[*]}"
    if ! "${sudo[@]}" apt-get install -y "${missing[@]}" >"$WORK/apt.log" 2>&1; then
        "${sudo[@]}" apt-get update >>"$WORK/apt.log" 2>&1 || true
        "${sudo[@]}" apt-get install -y "${missing[@]}" >>"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log" >&2; die "apt-get install failed"; }
    fi
}

AOT_NOTE=""
publish() {
    if [[ -n ${BENCH_BIN:-} ]]; then
        FWAGENT=$BENCH_BIN/agent/fwagent
        FWTOOL=$BENCH_BIN/tool/fwtool
        [[ -x $FWAGENT && -x $FWTOOL ]] || die "BENCH_BIN=$BENCH_BIN holds no agent/fwagent and tool/fwtool"
        AOT_NOTE="binaries from $BENCH_BIN (not published by this run)"
        return 0
    fi
    local out=$WORK/bin
    log "publishing fwagent (NativeAOT) ..."
    dotnet publish "$REPO/agent/Firmware.Agent" -r linux-x64 -o "$out/agent" >"$WORK/publish-agent.log" 2>&1 \
        || { cat "$WORK/publish-agent.log" >&2; die "publishing fwagent failed"; }
    log "publishing fwtool (NativeAOT) ..."
    local aot=0 attempt
    for attempt in 1 2; do   # the AOT compiler has been seen to fail once and succeed on a retry
        if dotnet publish "$REPO/tools/Firmware.Tool" -r linux-x64 -p:PublishAot=true -o "$out/tool" >"$WORK/publish-tool.log" 2>&1; then
            aot=1
            break
        fi
        log "fwtool NativeAOT publish failed (attempt $attempt)"
    done
    if ((aot)) && ! grep -qE ': warning [A-Z]+[0-9]+' "$WORK/publish-tool.log"; then
        AOT_NOTE="fwtool: NativeAOT"
    else
        grep -E ': (warning|error) ' "$WORK/publish-tool.log" | sort -u | head -20 >&2 || true
        log "fwtool NativeAOT publish failed or warned; falling back to ReadyToRun"
        rm -rf "$out/tool"
        dotnet publish "$REPO/tools/Firmware.Tool" -r linux-x64 -p:PublishReadyToRun=true -o "$out/tool" >"$WORK/publish-tool-r2r.log" 2>&1 \
            || { cat "$WORK/publish-tool-r2r.log" >&2; die "publishing fwtool failed"; }
        AOT_NOTE="fwtool: ReadyToRun (NativeAOT publish failed or warned, see above)"
    fi
    grep -qE ': warning [A-Z]+[0-9]+' "$WORK/publish-agent.log" && AOT_NOTE+="; fwagent publish printed warnings"
    FWAGENT=$out/agent/fwagent
    FWTOOL=$out/tool/fwtool
    [[ -x $FWAGENT && -x $FWTOOL ]] || die "published binaries not found"
}

# ---------------------------------------------------------------------------------------------
# Timing: each sample is "wall user sys" in seconds (bash's time builtin, millisecond resolution).
# ---------------------------------------------------------------------------------------------
TIMEFORMAT='%3R %3U %3S'

# sample FILE CMD...: runs CMD once with output discarded, appends its times to FILE; fails if CMD fails.
sample() {
    local file=$1
    shift
    local t
    { t=$( { time "$@" >/dev/null 2>"$WORK/last.err"; } 2>&1 ); } || { cat "$WORK/last.err" >&2; return 1; }
    echo "$t" >>"$file"
}

# Commands are registered under a key, then run round-robin: round 1 runs every command once,
# round 2 again, and so on. Load from elsewhere on the machine then falls on all of them alike.
declare -A CMD=() OUT=() FAILED=()
NICE=()
if [[ ${BENCH_NICE:-} != 0 ]] && ((EUID == 0)); then
    NICE=(nice -n "${BENCH_NICE:--20}")
fi

# add KEY OUTPUT CMD...: registers CMD; OUTPUT (may be empty) is removed before each run.
add() {
    local key=$1 output=$2
    shift 2
    CMD[$key]=$(printf '%q ' "$@")
    OUT[$key]=$output
    rm -f "$WORK/t/$key"
}

# rounds KEY...: RUNS rounds over the keys; a command that fails is reported and dropped.
rounds() {
    local i key
    for ((i = 0; i < RUNS; i++)); do
        for key in "$@"; do
            [[ -n ${FAILED[$key]:-} ]] && continue
            if [[ -n ${OUT[$key]} ]]; then
                rm -rf "${OUT[$key]}"
                sync -f "$(dirname "${OUT[$key]}")" 2>/dev/null || true
            fi
            if ! sample "$WORK/t/$key" eval "${NICE[*]}" "${CMD[$key]}"; then
                log "FAILED ($key): ${CMD[$key]}"
                FAILED[$key]=1
                rm -f "$WORK/t/$key"
            fi
        done
    done
}

# median of column COL (1 wall, 2 user, 3 sys, 4 user+sys) of KEY; empty when not measured.
median() {
    local key=$1 col=${2:-1}
    [[ -s $WORK/t/$key ]] || return 0
    awk -v c="$col" '{ v = (c == 4) ? $2 + $3 : $c; print v }' "$WORK/t/$key" | sort -g |
        awk '{ a[NR] = $1 } END { if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# spread KEY: "min-max" of the wall samples of KEY (how much the runs disagreed).
spread() {
    [[ -s $WORK/t/$1 ]] || { echo "-"; return 0; }
    sort -g "$WORK/t/$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'
}

# Arithmetic helpers (awk); each prints "-" when an operand is missing.
div() { awk -v a="${1:-}" -v b="${2:-}" -v f="${3:-%.2f}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf f, a / b }'; }
mibps() { awk -v bytes="$1" -v s="${2:-}" 'BEGIN { if (s == "" || s + 0 == 0) print "-"; else printf "%.0f", bytes / 1048576 / s }'; }
mib() { awk -v b="${1:-}" 'BEGIN { if (b == "") print "-"; else printf "%.1f", b / 1048576 }'; }
verdict() { awk -v x="${1:-}" -v op="$2" -v g="$3" 'BEGIN { if (x == "" || x == "-") { print "n/a"; exit }
    ok = (op == ">=") ? (x + 0 >= g + 0) : (x + 0 <= g + 0); print ok ? "MET" : "MISSED" }'; }
size_of() { [[ -e $1 ]] && stat -c %s "$1" || true; }

row() { printf '  %-46s' "$1"; shift; printf ' %10s' "$@"; printf '\n'; }
# rowk NAME KEY REST...: a row whose last column is the wall spread of KEY.
rowk() { local name=$1 key=$2; shift 2; row "$name" "$@" "$(spread "$key")"; }
rule() { printf '  %s\n' "------------------------------------------------------------------------------------------------------------------"; }

# ---------------------------------------------------------------------------------------------
# Setup
# ---------------------------------------------------------------------------------------------
install_tools
command -v dotnet >/dev/null || die "dotnet SDK not found"
publish
mkdir -p "$WORK/t" "$WORK/keys" "$WORK/in"

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
K=$WORK/keys
"$FWTOOL" keygen --out "$K/root" >/dev/null
"$FWTOOL" keygen --out "$K/release" >/dev/null
"$FWTOOL" trust init --root "$K/root.key" --release "$K/release.pub" --out "$K/trust.json" >/dev/null
# mender-artifact signs with ECDSA P-256 (PEM); RAUC with an X.509 certificate from a self-signed CA.
openssl ecparam -genkey -name prime256v1 -noout -out "$K/mender.key" 2>/dev/null
openssl ec -in "$K/mender.key" -pubout -out "$K/mender.pub" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$K/ca.key" -out "$K/ca.pem" -days 30 -subj "/CN=bench CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$K/rauc.key" -out "$K/rauc.csr" -subj "/CN=bench signer" 2>/dev/null
openssl x509 -req -in "$K/rauc.csr" -CA "$K/ca.pem" -CAkey "$K/ca.key" -CAcreateserial -out "$K/rauc.pem" -days 30 2>/dev/null

BOARD=bench-board
SIZE=$((SIZE_MIB * 1048576))

make_input() {
    local kind=$1 out=$2
    case $kind in
        random) head -c "$SIZE" /dev/urandom >"$out" ;;
        rootfs)
            { tar -cf - -C / usr 2>/dev/null || true; } | head -c "$SIZE" >"$out"
            truncate -s "$SIZE" "$out" ;;
    esac
}

# ---------------------------------------------------------------------------------------------
# One input: every measurement, then its table.
# ---------------------------------------------------------------------------------------------
bench_input() {
    local kind=$1 label=$2
    local D=$WORK/$kind
    mkdir -p "$D/rauc"
    log "[$kind] making the $SIZE_MIB MiB input ..."
    make_input "$kind" "$D/payload.img"
    local P=$D/payload.img
    ln "$P" "$D/rauc/rootfs.img"
    printf '[update]\ncompatible=%s\nversion=1.0.0\n\n[image.rootfs]\nfilename=rootfs.img\n' "$BOARD" >"$D/rauc/manifest.raucm"

    # --- create -----------------------------------------------------------------------------
    log "[$kind] create: fwtool, mender-artifact, rauc ($RUNS runs each) ..."
    local FW=(--board "$BOARD" --version 1.0.0 --key "$K/release.key")
    local keys=("$kind.create.fw")
    add "$kind.create.fw" "$D/bundle.fwb" "$FWTOOL" bundle create "${FW[@]}" --payload "rootfs=$P" --out "$D/bundle.fwb"
    local level
    for level in $LEVELS; do
        add "$kind.create.fw$level" "$D/bundle-l$level.fwb" "$FWTOOL" bundle create "${FW[@]}" --payload "rootfs=$P" --level "$level" --out "$D/bundle-l$level.fwb"
        keys+=("$kind.create.fw$level")
    done
    add "$kind.create.mender" "$D/plain.mender" mender-artifact write rootfs-image -t "$BOARD" -n release-1 -f "$P" -o "$D/plain.mender"
    add "$kind.create.menders" "$D/signed.mender" mender-artifact write rootfs-image -t "$BOARD" -n release-1 -f "$P" -o "$D/signed.mender" -k "$K/mender.key"
    local RAUC=(rauc bundle --cert "$K/rauc.pem" --key "$K/rauc.key")
    add "$kind.create.rauc" "$D/bundle.raucb" "${RAUC[@]}" "$D/rauc" "$D/bundle.raucb"
    add "$kind.create.raucz" "$D/bundle-zstd.raucb" "${RAUC[@]}" --mksquashfs-args="-comp zstd -Xcompression-level 6" "$D/rauc" "$D/bundle-zstd.raucb"
    rounds "${keys[@]}" "$kind.create.mender" "$kind.create.menders" "$kind.create.rauc" "$kind.create.raucz"

    # --- verify -----------------------------------------------------------------------------
    log "[$kind] verify: fwagent, fwtool, openssl, mender-artifact, rauc ($RUNS runs each) ..."
    local B=$D/bundle.fwb T=$K/trust.json
    [[ -s $B ]] || die "no bundle was created for $kind"
    "$FWAGENT" verify "$B" --trust "$T" >/dev/null || die "fwagent rejects its own bundle"
    openssl dgst -sha256 "$B" >/dev/null   # warm-up: the bundle is in the page cache for everyone
    add "$kind.verify.openssl" "" openssl dgst -sha256 "$B"
    add "$kind.verify.agent" "" "$FWAGENT" verify "$B" --trust "$T"
    add "$kind.verify.agent.stored" "" "$FWAGENT" verify "$B" --trust "$T" --stored-only
    add "$kind.verify.tool" "" "$FWTOOL" bundle verify "$B" --trust "$T"
    add "$kind.verify.tool.stored" "" "$FWTOOL" bundle verify "$B" --trust "$T" --stored-only
    add "$kind.verify.mender" "" mender-artifact validate "$D/plain.mender"
    add "$kind.verify.menders" "" mender-artifact validate "$D/signed.mender" -k "$K/mender.pub"
    add "$kind.verify.rauc" "" rauc info --keyring "$K/ca.pem" "$D/bundle.raucb"
    rounds "$kind.verify.openssl" "$kind.verify.agent" "$kind.verify.agent.stored" "$kind.verify.tool" "$kind.verify.tool.stored" \
        "$kind.verify.mender" "$kind.verify.menders" "$kind.verify.rauc"

    # --- table ------------------------------------------------------------------------------
    local bsize msize mssize rsize rzsize
    bsize=$(size_of "$B"); msize=$(size_of "$D/plain.mender"); mssize=$(size_of "$D/signed.mender")
    rsize=$(size_of "$D/bundle.raucb"); rzsize=$(size_of "$D/bundle-zstd.raucb")
    # w KEY / c KEY: median wall / cpu (user+sys) seconds.
    w() { median "$kind.$1" 1; }
    c() { median "$kind.$1" 4; }

    echo
    echo "== Input: $label ($SIZE_MIB MiB payload; .fwb bundle $(mib "$bsize") MiB) -- load now: $(uptime | sed 's/.*load average/load average/')"
    echo
    echo "  1. Verify throughput over the .fwb bundle file (median of $RUNS; MiB/s = bundle bytes / wall second;"
    echo "     ratio = openssl time / our time, from wall and from cpu = user+sys)"
    row "command" "wall s" "cpu s" "MiB/s" "ratio wall" "ratio cpu" "wall range"
    rule
    local key verdicts=()
    for key in verify.openssl:"openssl dgst -sha256 bundle.fwb" verify.agent:"fwagent verify (full)" verify.agent.stored:"fwagent verify --stored-only" \
        verify.tool:"fwtool bundle verify (full)" verify.tool.stored:"fwtool bundle verify --stored-only"; do
        local k=${key%%:*} name=${key#*:}
        local rw rc
        rw=$(div "$(w verify.openssl)" "$(w "$k")"); rc=$(div "$(c verify.openssl)" "$(c "$k")")
        rowk "$name" "$kind.$k" "$(w "$k")" "$(c "$k")" "$(mibps "$bsize" "$(w "$k")")" "$rw" "$rc"
        [[ $k == verify.openssl ]] || verdicts+=("${name% (full)}: $(verdict "$rw" ">=" 0.85) (cpu $(verdict "$rc" ">=" 0.85))")
    done
    echo "  goal ours/openssl >= 0.85 on wall medians:"
    printf '    %s\n' "${verdicts[@]}"
    echo
    echo "  2. Verify time vs mender-artifact validate (same payload; ratio = their time / ours, >= 1 means ours is no slower)"
    row "command" "wall s" "cpu s" "file MiB" "ratio wall" "ratio cpu" "wall range"
    rule
    rowk "fwagent verify (full)" "$kind.verify.agent" "$(w verify.agent)" "$(c verify.agent)" "$(mib "$bsize")" "" ""
    rowk "mender-artifact validate (unsigned)" "$kind.verify.mender" "$(w verify.mender)" "$(c verify.mender)" "$(mib "$msize")" \
        "$(div "$(w verify.mender)" "$(w verify.agent)")" "$(div "$(c verify.mender)" "$(c verify.agent)")"
    rowk "mender-artifact validate -k (ECDSA P-256)" "$kind.verify.menders" "$(w verify.menders)" "$(c verify.menders)" "$(mib "$mssize")" \
        "$(div "$(w verify.menders)" "$(w verify.agent)")" "$(div "$(c verify.menders)" "$(c verify.agent)")"
    rowk "(info) rauc info --keyring (plain: CMS only)" "$kind.verify.rauc" "$(w verify.rauc)" "$(c verify.rauc)" "$(mib "$rsize")" \
        "$(div "$(w verify.rauc)" "$(w verify.agent)")" "$(div "$(c verify.rauc)" "$(c verify.agent)")"
    echo "  goal ours no slower (wall): vs unsigned $(verdict "$(div "$(w verify.mender)" "$(w verify.agent)")" ">=" 1)," \
        "vs signed $(verdict "$(div "$(w verify.menders)" "$(w verify.agent)")" ">=" 1)"
    echo
    local cw
    cw=$(w create.fw)
    echo "  3. Create time (median of $RUNS; ratio = their time / ours, > 1 means ours is faster)   4. Size"
    row "command" "wall s" "cpu s" "size MiB" "ratio wall" "ratio cpu" "wall range"
    rule
    rowk "fwtool bundle create (zstd -6, default)" "$kind.create.fw" "$cw" "$(c create.fw)" "$(mib "$bsize")" "" ""
    for level in $LEVELS; do
        rowk "(info) fwtool bundle create --level $level" "$kind.create.fw$level" "$(w "create.fw$level")" "$(c "create.fw$level")" "$(mib "$(size_of "$D/bundle-l$level.fwb")")" \
            "$(div "$(w "create.fw$level")" "$cw")" "$(div "$(c "create.fw$level")" "$(c create.fw)")"
    done
    for key in create.mender:"mender-artifact write (gzip, unsigned)":"$msize" create.menders:"mender-artifact write -k (gzip, ECDSA)":"$mssize" \
        create.rauc:"rauc bundle (plain, mksquashfs defaults)":"$rsize" create.raucz:"(info) rauc bundle (-comp zstd -Xc.-level 6)":"$rzsize"; do
        IFS=: read -r k name size <<<"$key"
        rowk "$name" "$kind.$k" "$(w "$k")" "$(c "$k")" "$(mib "$size")" "$(div "$(w "$k")" "$cw")" "$(div "$(c "$k")" "$(c create.fw)")"
    done
    local fastest smallest
    fastest=$(printf '%s\n' "$(w create.mender)" "$(w create.menders)" "$(w create.rauc)" | grep -v '^$' | sort -g | head -1)
    smallest=$(printf '%s\n' "$msize" "$mssize" "$rsize" | grep -v '^$' | sort -g | head -1)
    echo "  goal create faster than mender-artifact and rauc (defaults, wall): $(verdict "$(div "$fastest" "$cw")" ">=" 1)" \
        "(ours $cw s, fastest of theirs ${fastest:--} s)"
    echo "  goal bundle no larger than the smaller of mender/rauc (defaults): $(verdict "$(div "$bsize" "$smallest" "%.4f")" "<=" 1)" \
        "(ours $bsize bytes, smallest of theirs ${smallest:--} bytes, ratio $(div "$bsize" "$smallest" "%.4f"))"

    rm -rf "$D"
}

# ---------------------------------------------------------------------------------------------
# Peak RSS of fwagent verify on a large mixed bundle
# ---------------------------------------------------------------------------------------------
bench_rss() {
    local D=$WORK/rss
    mkdir -p "$D"
    log "[rss] making the $RSS_MIB MiB mixed payload and its bundle ..."
    local total=$((RSS_MIB * 1048576)) quarter=$((RSS_MIB * 1048576 / 4))
    # 5/8 rootfs tar, 1/4 random, the rest zeros (sparse regions of an image).
    {
        { tar -cf - -C / usr 2>/dev/null || true; } | head -c $((total * 5 / 8))
        head -c "$quarter" /dev/urandom
        head -c $((total - total * 5 / 8 - quarter)) /dev/zero
    } >"$D/mixed.img"
    truncate -s "$total" "$D/mixed.img"
    "$FWTOOL" bundle create --board "$BOARD" --version 1.0.0 --key "$K/release.key" --payload "rootfs=$D/mixed.img" --out "$D/mixed.fwb" >/dev/null
    rm -f "$D/mixed.img"
    local i mode
    for mode in full stored; do
        local extra=()
        [[ $mode == stored ]] && extra=(--stored-only)
        rm -f "$WORK/t/rss.$mode"
        for ((i = 0; i < RUNS; i++)); do
            "${NICE[@]}" /usr/bin/time -v -o "$D/time.txt" "$FWAGENT" verify "$D/mixed.fwb" --trust "$K/trust.json" "${extra[@]}" >/dev/null
            awk -F': ' '/Maximum resident set size/ { printf "%s ", $2 } /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; printf "%s\n", s }' \
                "$D/time.txt" >>"$WORK/t/rss.$mode"
        done
    done
    local bsize
    bsize=$(size_of "$D/mixed.fwb")
    rss_median() { awk -v c="$2" '{ print $c }' "$WORK/t/rss.$1" | sort -g | awk '{ a[NR] = $1 } END { printf "%.2f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
    local full stored
    full=$(awk -v k="$(rss_median full 1)" 'BEGIN { printf "%.1f", k / 1024 }')
    stored=$(awk -v k="$(rss_median stored 1)" 'BEGIN { printf "%.1f", k / 1024 }')
    echo
    echo "== 5. Peak RSS of fwagent verify on a $RSS_MIB MiB mixed payload (bundle $(mib "$bsize") MiB; /usr/bin/time -v, median of $RUNS)"
    row "command" "wall s" "" "max RSS MiB" ""
    rule
    row "fwagent verify (full)" "$(rss_median full 2)" "" "$full" ""
    row "fwagent verify --stored-only" "$(rss_median stored 2)" "" "$stored" ""
    row "(baseline) fwagent verify, 4 KiB payload" "" "" "$(awk -v k="${SMALL_RSS:-}" 'BEGIN { if (k == "") print "-"; else printf "%.1f", k / 1024 }')" ""
    echo "  goal: peak RSS < 64 MiB -- full $(verdict "$full" "<=" 63.999), --stored-only $(verdict "$stored" "<=" 63.999)"
    rm -rf "$D"
}

# Fixed cost of a run: verify a bundle with a 4 KiB payload (process start, key and trust parsing, signature).
bench_startup() {
    local D=$WORK/small
    mkdir -p "$D"
    head -c 4096 /dev/urandom >"$D/small.img"
    "$FWTOOL" bundle create --board "$BOARD" --version 1.0.0 --key "$K/release.key" --payload "rootfs=$D/small.img" --out "$D/small.fwb" >/dev/null
    add small.openssl "" openssl dgst -sha256 "$D/small.fwb"
    add small.agent "" "$FWAGENT" verify "$D/small.fwb" --trust "$K/trust.json"
    add small.tool "" "$FWTOOL" bundle verify "$D/small.fwb" --trust "$K/trust.json"
    rounds small.openssl small.agent small.tool
    SMALL_RSS=$("${NICE[@]}" /usr/bin/time -f %M "$FWAGENT" verify "$D/small.fwb" --trust "$K/trust.json" 2>&1 >/dev/null | tail -1)
    echo
    echo "== Fixed cost per run: verifying a bundle with a 4 KiB payload (median of $RUNS)"
    row "command" "wall s" "cpu s" "" ""
    rule
    row "openssl dgst -sha256" "$(median small.openssl)" "$(median small.openssl 4)" "" ""
    row "fwagent verify" "$(median small.agent)" "$(median small.agent 4)" "" ""
    row "fwtool bundle verify" "$(median small.tool)" "$(median small.tool 4)" "" ""
    rm -rf "$D"
}

SMALL_RSS=""
START=$(date +%s)
echo "bundle-bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" diff --quiet HEAD 2>/dev/null || echo ' (modified)')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), SHA-NI: $(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no)," \
    "$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
echo "tools: $(dotnet --version | sed 's/^/dotnet /'), $(openssl version | cut -d' ' -f1-2), $(mender-artifact --version 2>&1 | head -1)," \
    "$(rauc --version 2>&1 | head -1), $(mksquashfs -version 2>&1 | head -1 | cut -d' ' -f1-3); $AOT_NOTE"
echo "runs: $RUNS per measurement, round-robin (median shown); warm page cache; priority: ${NICE[*]:-normal}; scratch in $WORK"
echo "load at start: $(uptime | sed 's/.*load average/load average/')"

bench_startup
bench_input random "incompressible (urandom)"
bench_input rootfs "rootfs (tar of /usr, truncated to size)"
bench_rss

echo
echo "load at end: $(uptime | sed 's/.*load average/load average/'); total $(($(date +%s) - START)) s of benchmarking"
exit 0
