#!/usr/bin/env bash
# Image build benchmark: `fwtool image build` of firmware/images/minimal.yml plus fw/libs (the C
# library and libseccomp Debian's runc links, so the containers run) for qemu-x86_64, its inputs
# read from OCI layouts built by `fwtool pkg build` (busybox-static, runc, libc6, libseccomp2 and
# the kernel from Debian). Prints each run's build time (measured inside fwtool), the sizes (kernel,
# initramfs, root squashfs, mapped bytes in the bmap, bundle), then boots the image with
# `fwtool run qemu` and prints, per boot, the time from GRUB handing over to the kernel to the
# first heartbeat and from the initramfs's switch_root to the first heartbeat (init and
# containers); medians and the load average.
#
# This is a measurement, not a test: it prints figures and exits 0 (non-zero only when it cannot
# measure at all). Needs squashfs-tools, mtools, grub-efi-amd64-bin, ovmf, qemu-system-x86, python3.
#
# Usage:  tests/bench/image-build-bench.sh          (BENCH_RUNS=3 by default)
set -euo pipefail

RUNS=${BENCH_RUNS:-3}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/image-build-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

dotnet build "$REPO/tools/Firmware.Tool" -c Release -o "$WORK/fwtool" -v quiet -nologo >/dev/null
FWTOOL=$WORK/fwtool/fwtool
export SOURCE_DATE_EPOCH=1700000000

deb() { # PACKAGE ARCH -> directory the package is unpacked in
    local dir=$WORK/debs/$1_$2
    mkdir -p "$dir"
    (cd "$dir" && apt-get download -qq "$1:$2" 2>/dev/null && dpkg-deb -x ./*.deb root)
    echo "$dir/root"
}
mkdir -p "$WORK/packages" "$WORK/layouts"
for p in busybox init runc; do cp -a "$REPO/firmware/packages/$p" "$WORK/packages/"; mkdir -p "$WORK/packages/$p/bin/amd64"; done
busybox=$(deb busybox-static amd64)/bin/busybox
cp "$busybox" "$WORK/packages/busybox/bin/amd64/"; cp "$busybox" "$WORK/packages/init/bin/amd64/"
cp "$(deb runc amd64)/usr/sbin/runc" "$WORK/packages/runc/bin/amd64/"
# fw/libs: the loader, libc and libseccomp where Debian's runc looks for them.
libc=$(deb libc6 amd64); seccomp=$(deb libseccomp2 amd64)
mkdir -p "$WORK/packages/libs/amd64/lib/x86_64-linux-gnu" "$WORK/packages/libs/amd64/lib64"
cp -L "$libc/lib/x86_64-linux-gnu/libc.so.6" "$seccomp/usr/lib/x86_64-linux-gnu/libseccomp.so.2" "$WORK/packages/libs/amd64/lib/x86_64-linux-gnu/"
cp -L "$libc/lib64/ld-linux-x86-64.so.2" "$WORK/packages/libs/amd64/lib64/"
printf 'name: fw/libs\narchitectures: [amd64]\nfiles:\n  - source: ${arch}/lib\n    destination: /lib\n  - source: ${arch}/lib64\n    destination: /lib64\n' > "$WORK/packages/libs/pkg.yml"
# The kernel as a LinuxKit image: /kernel and /kernel.tar with the module directories the initramfs draws from.
kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ { print $2; exit }')
kroot=$(deb "$kpkg" amd64); kver=${kpkg#linux-image-}
mkdir -p "$WORK/packages/kernel"
cp "$kroot/boot/vmlinuz-$kver" "$WORK/packages/kernel/kernel"
(cd "$kroot" && tar cf "$WORK/packages/kernel/kernel.tar" --owner=0 --group=0 --mtime=@0 --sort=name \
    lib/modules/"$kver"/{kernel/fs,kernel/drivers/block,kernel/drivers/virtio,kernel/crypto,kernel/lib,modules.builtin,modules.order})
printf 'name: fw/kernel\narchitectures: [amd64]\nfiles:\n  - source: kernel\n    destination: /kernel\n  - source: kernel.tar\n    destination: /kernel.tar\n' > "$WORK/packages/kernel/pkg.yml"
for p in busybox init runc libs kernel; do "$FWTOOL" pkg build "$WORK/packages/$p" --arch amd64 --out "$WORK/layouts/$p" --tag dev >/dev/null; done
sed 's#^  - fw/runc:dev$#  - fw/runc:dev\n  - fw/libs:dev#' "$REPO/firmware/images/minimal.yml" > "$WORK/minimal.yml"
"$FWTOOL" keygen --out "$WORK/release" >/dev/null

SOURCES=()
for p in kernel init runc busybox libs; do SOURCES+=(--source "fw/$p:dev=oci:$WORK/layouts/$p:dev"); done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/builds"
for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/out"
    "$FWTOOL" image build "$WORK/minimal.yml" --board qemu-x86_64 --boards "$REPO/boards" --version 0.1.0 --key "$WORK/release.key" \
        --cache "$WORK/cache" --out "$WORK/out" "${SOURCES[@]}" --json |
        python3 -c 'import json, sys; r = json.load(sys.stdin); print(r["seconds"], r["kernelBytes"], r["initramfsBytes"], r["rootBytes"], r["mappedBytes"], r["bundleBytes"], r["sha256"])' |
        tee -a "$WORK/builds" | sed 's/^/build: seconds kernel initramfs root mapped bundle sha256: /'
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "build: median $(cut -d' ' -f1 "$WORK/builds" | median) s; distinct images: $(cut -d' ' -f7 "$WORK/builds" | sort -u | wc -l)"

# Boots: console lines are time-stamped as they arrive; QEMU is stopped at the second heartbeat.
: > "$WORK/boots"
for _ in $(seq "$RUNS"); do
    python3 - "$FWTOOL" "$WORK/out/minimal-qemu-x86_64-0.1.0.img" "$REPO/boards" <<'PY' | tee -a "$WORK/boots" | sed 's/^/boot: kernel-to-heartbeat init-to-heartbeat: /'
import subprocess, sys, time
fwtool, image, boards = sys.argv[1:]
p = subprocess.Popen([fwtool, "run", "qemu", image, "--board", "qemu-x86_64", "--boards", boards, "--disk-copy"],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
seen, deadline = {}, time.monotonic() + 600
for raw in p.stdout:
    line, now = raw.decode(errors="replace"), time.monotonic()
    for marker in ("fw-grub: booting slot", "fw-initramfs: switching to /sbin/init", "heartbeat fw-minimal"):
        if marker in line and marker not in seen:
            seen[marker] = now
    if "heartbeat fw-minimal" in seen or now > deadline:
        break
import os, signal
os.killpg(p.pid, signal.SIGKILL)
if "heartbeat fw-minimal" not in seen:
    sys.exit("no heartbeat: " + ", ".join(seen))
beat = seen["heartbeat fw-minimal"]
print(f'{beat - seen["fw-grub: booting slot"]:.2f} {beat - seen["fw-initramfs: switching to /sbin/init"]:.2f}')
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "boot: median kernel start to first heartbeat $(cut -d' ' -f1 "$WORK/boots" | median) s, switch_root to first heartbeat $(cut -d' ' -f2 "$WORK/boots" | median) s"
