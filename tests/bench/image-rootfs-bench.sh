#!/usr/bin/env bash
# Image rootfs benchmark: `fwtool image rootfs firmware/images/minimal.yml` for amd64, its
# busybox image pulled from a docker-registry on 127.0.0.1 and the others read from OCI layouts
# built by `fwtool pkg build` (busybox-static and runc from Debian). Cold (an empty --cache) and
# warm (the same cache again) builds alternate, so both see the same machine load; prints each
# run's build time (measured inside fwtool, .NET start excluded), cache hits and misses, and the
# medians, the image size and the load average.
#
# This is a measurement, not a test: it prints figures and exits 0 (non-zero only when it cannot
# measure at all). Needs docker-registry, skopeo, squashfs-tools and python3.
#
# Usage:  tests/bench/image-rootfs-bench.sh          (BENCH_RUNS=5 by default)
set -euo pipefail

RUNS=${BENCH_RUNS:-5}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/image-rootfs-bench.XXXXXX")
REG=
cleanup() { [[ -n $REG ]] && kill "$REG" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

dotnet build "$REPO/tools/Firmware.Tool" -c Release -o "$WORK/fwtool" -v quiet -nologo >/dev/null
FWTOOL=$WORK/fwtool/fwtool
export SOURCE_DATE_EPOCH=1700000000

# Debian binaries: busybox-static and runc for both architectures (the .debs, never committed).
deb() { # PACKAGE ARCH FILE -> path of FILE inside the package
    local dir=$WORK/debs/$1_$2
    mkdir -p "$dir"
    (cd "$dir" && { apt-get download -qq "$1:$2" 2>/dev/null || { dpkg --add-architecture "$2" && apt-get update -qq && apt-get download -qq "$1:$2"; }; } && dpkg-deb -x ./*.deb root)
    echo "$dir/root/$3"
}
mkdir -p "$WORK/packages" "$WORK/layouts"
for p in busybox init libc runc; do cp -a "$REPO/firmware/packages/$p" "$WORK/packages/"; done
for a in amd64 arm64; do
    busybox=$(deb busybox-static $a bin/busybox)
    runc=$(deb runc $a usr/sbin/runc)
    for p in busybox init; do mkdir -p "$WORK/packages/$p/bin/$a"; cp "$busybox" "$WORK/packages/$p/bin/$a/"; done
    mkdir -p "$WORK/packages/runc/bin/$a"; cp "$runc" "$WORK/packages/runc/bin/$a/"
    # fwinit for the architecture, and glibc and libseccomp by the libc package's own script.
    rid=linux-x64; [ "$a" = arm64 ] && rid=linux-arm64
    dotnet publish "$REPO/firmware/Firmware.Init.Exe" -c Release -r "$rid" -o "$WORK/publish/$a" -nologo >/dev/null
    cp "$WORK/publish/$a/fwinit" "$WORK/packages/init/bin/$a/"
    sh "$WORK/packages/libc/fetch.sh" "$a" >/dev/null
done
# The rootfs build resolves and records the kernel image without unpacking it.
mkdir -p "$WORK/packages/kernel" && echo kernel > "$WORK/packages/kernel/kernel"
printf 'name: fw/kernel\narchitectures: [amd64, arm64]\nfiles:\n  - source: kernel\n    destination: /kernel\n    mode: "0644"\n' > "$WORK/packages/kernel/pkg.yml"
for p in busybox init libc runc kernel; do "$FWTOOL" pkg build "$WORK/packages/$p" --out "$WORK/layouts/$p" --tag dev >/dev/null; done

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$WORK/registry" "$PORT" > "$WORK/registry.yml"
docker-registry serve "$WORK/registry.yml" >/dev/null 2>&1 & REG=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/v2/" >/dev/null && break; sleep 0.1; done
skopeo copy -q --all --dest-tls-verify=false "oci:$WORK/layouts/busybox:dev" "docker://127.0.0.1:$PORT/fw/busybox:dev"

SOURCES=(--source "fw/kernel:dev=oci:$WORK/layouts/kernel:dev" --source "fw/init:dev=oci:$WORK/layouts/init:dev"
         --source "fw/libc:dev=oci:$WORK/layouts/libc:dev"
         --source "fw/runc:dev=oci:$WORK/layouts/runc:dev" --source "fw/busybox:dev=docker://127.0.0.1:$PORT/fw/busybox:dev")
build() { # CACHE -> "seconds hits misses bytes sha256"
    "$FWTOOL" image rootfs "$REPO/firmware/images/minimal.yml" --arch amd64 --out "$WORK/out" --cache "$1" "${SOURCES[@]}" --json |
        python3 -c 'import json, sys; r = json.load(sys.stdin); print(r["seconds"], r["cacheHits"], r["cacheMisses"], r["bytes"], r["sha256"])'
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/cold"; : > "$WORK/warm"
for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/cache"
    build "$WORK/cache" | tee -a "$WORK/cold" | sed 's/^/cold /'
    build "$WORK/cache" | tee -a "$WORK/warm" | sed 's/^/warm /'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { cut -d' ' -f1 "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
hits() { awk '{ h += $2; m += $3 } END { printf "%d of %d blobs (%.0f%%)", h, h + m, h + m ? 100 * h / (h + m) : 0 }' "$1"; }
echo "cold: median $(median "$WORK/cold") s, cache hits $(hits "$WORK/cold")"
echo "warm: median $(median "$WORK/warm") s, cache hits $(hits "$WORK/warm")"
echo "squashfs: $(cut -d' ' -f4 "$WORK/cold" | sort -u | tr '\n' ' ')bytes, sha256 $(cut -d' ' -f5 "$WORK/cold" "$WORK/warm" | sort -u | tr '\n' ' ')"
