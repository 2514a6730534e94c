#!/usr/bin/env bash
# The test command (README.md): installs what the tests need, builds everything with warnings as
# errors, then runs every tier: Unit and Integration first, System (NativeAOT publish, QEMU) last.
# Run one tier alone with: dotnet test Firmware.sln --filter Category=Unit
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages: the NativeAOT toolchain, then the real peers the tests run against.
packages=(
    clang zlib1g-dev                                  # NativeAOT
    tar openssl bmap-tools zstd xz-utils gzip mount   # bundles and flashing: tar, openssl, bmaptool, compressors, losetup
    grub-common grub-emu libubootenv-tool u-boot-tools u-boot-qemu   # boot control: grub-editenv, grub-emu, fw_printenv/fw_setenv, mkimage, U-Boot for QEMU
    fdisk gdisk mtools dosfstools                     # disks: sfdisk, sgdisk, FAT images
    skopeo umoci docker-registry apache2-utils        # OCI: image tools, a registry on loopback, htpasswd
    squashfs-tools attr runc busybox-static util-linux   # rootfs: mksquashfs, getfattr, container runtime, userland, unshare; setsid (run qemu)
    cpio binutils kmod e2fsprogs                      # kernels and initramfs: cpio, ar, depmod, mkfs.ext4
    qemu-system-x86 qemu-system-arm qemu-user-static  # QEMU: boots under TCG, U-Boot script tests, arm64 fwagent
    ovmf qemu-efi-aarch64                             # UEFI firmware fwtool run qemu boots images with (OVMF, AAVMF)
    socat                                             # fwtool run qemu --broker: one relay per guest connection to the broker
    grub-efi-amd64-bin grub-efi-arm64-bin:arm64       # GRUB EFI modules fwtool image build links (Debian builds the arm64 ones for arm64 only)
    lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross   # fwagent cross-built for arm64
    mosquitto mosquitto-clients                       # fleet: the MQTT 5 broker of the integration tests, mosquitto_passwd
)
# grub-efi-arm64-bin:arm64 needs the arm64 package lists (the kernel tests use them too).
dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64 && apt-get update -qq; }
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet restore Firmware.sln
dotnet build Firmware.sln -c Release --no-restore

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
run_tier() {
    local filter=$1
    echo "== tests: $filter"
    dotnet test Firmware.sln -c Release --no-build --filter "$filter" --logger "console;verbosity=minimal" 2>&1 \
        | tee -a "$results/log" || status=1
}
run_tier "Category!=System"
run_tier "Category=System"

# One closing line that any reader of the log can count on.
awk '/(Passed|Failed)!/ {
        for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$results/log"
exit $status
