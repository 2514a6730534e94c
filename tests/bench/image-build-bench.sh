#!/usr/bin/env bash
# Image build benchmark: `fwtool image build` of firmware/images/minimal.yml for qemu-x86_64, its
# inputs read from OCI layouts built by `fwtool pkg build` (fwinit, busybox-static, runc, libc6,
# libseccomp2 and the kernel from Debian). Prints each run's build time (measured inside fwtool), the sizes (kernel,
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
for p in busybox init libc runc; do cp -a "$REPO/firmware/packages/$p" "$WORK/packages/"; done
for p in busybox init runc; do mkdir -p "$WORK/packages/$p/bin/amd64"; done
busybox=$(deb busybox-static amd64)/bin/busybox
cp "$busybox" "$WORK/packages/busybox/bin/amd64/"; cp "$busybox" "$WORK/packages/init/bin/amd64/"
cp "$(deb runc amd64)/usr/sbin/runc" "$WORK/packages/runc/bin/amd64/"
# fwinit, and glibc and libseccomp by the libc package's own script.
dotnet publish "$REPO/firmware/Firmware.Init.Exe" -c Release -r linux-x64 -o "$WORK/publish" -nologo >/dev/null
cp "$WORK/publish/fwinit" "$WORK/packages/init/bin/amd64/"
sh "$WORK/packages/libc/fetch.sh" amd64 >/dev/null
# The kernel as a LinuxKit image: /kernel and /kernel.tar with the module directories the initramfs draws from.
kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ { print $2; exit }')
kroot=$(deb "$kpkg" amd64); kver=${kpkg#linux-image-}
mkdir -p "$WORK/packages/kernel"
cp "$kroot/boot/vmlinuz-$kver" "$WORK/packages/kernel/kernel"
(cd "$kroot" && tar cf "$WORK/packages/kernel/kernel.tar" --owner=0 --group=0 --mtime=@0 --sort=name \
    lib/modules/"$kver"/{kernel/fs,kernel/drivers/block,kernel/drivers/virtio,kernel/crypto,kernel/lib,modules.builtin,modules.order})
printf 'name: fw/kernel\narchitectures: [amd64]\nfiles:\n  - source: kernel\n    destination: /kernel\n  - source: kernel.tar\n    destination: /kernel.tar\n' > "$WORK/packages/kernel/pkg.yml"
for p in busybox init libc runc kernel; do "$FWTOOL" pkg build "$WORK/packages/$p" --arch amd64 --out "$WORK/layouts/$p" --tag dev >/dev/null; done
"$FWTOOL" keygen --out "$WORK/release" >/dev/null

SOURCES=()
for p in kernel init libc runc busybox; do SOURCES+=(--source "fw/$p:dev=oci:$WORK/layouts/$p:dev"); done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/builds"
for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/out"
    "$FWTOOL" image build "$REPO/firmware/images/minimal.yml" --board qemu-x86_64 --boards "$REPO/boards" --version 0.1.0 --key "$WORK/release.key" \
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
