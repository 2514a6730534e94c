#!/bin/busybox sh
# fw-initramfs /init: mounts this slot's squashfs root read-only and hands over to its init.
# Contract (docs/kernel.md):
#   fw.slot=A|B          the slot booted; root defaults to PARTLABEL=root-<slot>
#   root=PARTLABEL=NAME | /dev/NODE   the slot's root partition (overrides the default)
#   init=PATH            the program to run in the root (default /sbin/init)
#   fw.data=PARTLABEL=NAME | /dev/NODE | none   the persistent data partition (default PARTLABEL=data)
#   fw.rootwait=SECONDS  how long to wait for the root device (default 10)
#   fw.esp=PARTLABEL=NAME | /dev/NODE   the ESP, mounted on /boot/efi when the root has that directory (default PARTLABEL=esp)
# Console markers start with "fw-initramfs:"; tests and the bench wait for them.
# Every step checks its own result: a step the boot cannot continue without calls fatal, which
# exits, so the kernel panics ("Attempted to kill init") and, with panic=N, reboots into the
# bootloader's fallback slot. Optional steps (data partition, a module already built in) warn.

PATH=/bin
export PATH

say() { echo "fw-initramfs: $*" > /dev/console; }
fatal() { say "FATAL: $*"; sleep 1; exit 1; }

/bin/busybox mkdir -p /dev /proc /sys /run /tmp /newroot
mount -t devtmpfs -o nosuid,mode=0755 devtmpfs /dev || fatal "cannot mount devtmpfs on /dev"
mount -t proc -o nosuid,nodev,noexec proc /proc || fatal "cannot mount /proc"
mount -t sysfs -o nosuid,nodev,noexec sysfs /sys || fatal "cannot mount /sys"
say "started (kernel $(uname -r))"

# Kernel command line: the last occurrence of a key wins, as in the kernel itself.
slot=""; root=""; init="/sbin/init"; data="PARTLABEL=data"; esp="PARTLABEL=esp"; rootwait=10
for word in $(cat /proc/cmdline); do
    case "$word" in
        fw.slot=*) slot="${word#fw.slot=}" ;;
        root=*) root="${word#root=}" ;;
        init=*) init="${word#init=}" ;;
        fw.data=*) data="${word#fw.data=}" ;;
        fw.rootwait=*) rootwait="${word#fw.rootwait=}" ;;
        fw.esp=*) esp="${word#fw.esp=}" ;;
    esac
done
case "$slot" in
    A|B) ;;
    "") fatal "no fw.slot= on the kernel command line" ;;
    *) fatal "fw.slot=$slot is not A or B" ;;
esac
[ -n "$root" ] || root="PARTLABEL=root-$slot"
case "$rootwait" in
    ''|*[!0-9]*) fatal "fw.rootwait=$rootwait is not a number of seconds" ;;
esac

# Modules in dependency order, as resolved at build time (lib/modules/VERSION/load.list).
modules="/lib/modules/$(uname -r)"
[ -f "$modules/load.list" ] || fatal "no $modules/load.list: this initramfs was built for another kernel"
count=0
while read -r module; do
    [ -n "$module" ] || continue
    name="${module##*/}"; name="${name%.ko}"
    if insmod "$modules/$module" 2>/tmp/insmod.err; then
        count=$((count + 1))
    elif [ -d "/sys/module/$(echo "$name" | tr - _)" ]; then
        count=$((count + 1))
    else
        say "warning: insmod $name failed: $(cat /tmp/insmod.err)"
    fi
done < "$modules/load.list"
say "loaded $count modules"

# Finds a block device by partition label through sysfs (no udev here): prints /dev/NAME.
find_device() {
    case "$1" in
        PARTLABEL=*)
            want="${1#PARTLABEL=}"
            for uevent in /sys/class/block/*/uevent; do
                [ -f "$uevent" ] || continue
                if grep -qx "PARTNAME=$want" "$uevent"; then
                    echo "/dev/$(sed -n 's/^DEVNAME=//p' "$uevent")"
                    return 0
                fi
            done
            return 1 ;;
        /dev/*) [ -b "$1" ] && echo "$1" ;;
        *) return 2 ;;
    esac
}

tries=$((rootwait * 10))
device=""
while :; do
    device="$(find_device "$root")"
    status=$?
    [ "$status" -eq 2 ] && fatal "root=$root: only PARTLABEL=NAME and /dev/NODE are supported"
    [ -n "$device" ] && break
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || fatal "root device $root did not appear within ${rootwait}s"
    usleep 100000
done

mount -t squashfs -o ro "$device" /newroot || fatal "cannot mount $device ($root) as squashfs"
grep -q "^$device /newroot squashfs ro[, ]" /proc/mounts || fatal "$device is not mounted read-only on /newroot"
say "root slot $slot mounted ($device, squashfs, ro)"

for mount in run:0755 tmp:1777; do
    dir="${mount%:*}"
    if [ -d "/newroot/$dir" ]; then
        mount -t tmpfs -o "nosuid,nodev,mode=${mount#*:}" tmpfs "/newroot/$dir" || fatal "cannot mount tmpfs on /$dir"
    else
        say "warning: the root has no /$dir to mount tmpfs on"
    fi
done
say "tmpfs mounted on /run and /tmp"

# The data partition persists across slots; the image build formats it (ext4). Without it the
# system still boots, read-only, and says so.
if [ "$data" = "none" ]; then
    say "data partition disabled (fw.data=none)"
else
    target=/newroot/data
    [ -d "$target" ] || { target=/newroot/run/data; mkdir -p "$target"; }
    datadev="$(find_device "$data")"
    if [ -z "$datadev" ]; then
        say "warning: data partition $data not found; continuing read-only"
    elif mount -t ext4 -o rw,nosuid,nodev "$datadev" "$target" 2>/tmp/mount.err; then
        say "data partition mounted ($datadev on ${target#/newroot})"
    else
        say "warning: data partition $datadev not mounted: $(cat /tmp/mount.err); continuing read-only"
    fi
fi

# The ESP holds GRUB's environment block, where an update agent arms and commits trial boots. Only
# a root that asks for it (has /boot/efi) gets it; without it the system boots and says so.
if [ -d /newroot/boot/efi ]; then
    espdev="$(find_device "$esp")"
    if [ -z "$espdev" ]; then
        say "warning: ESP $esp not found; /boot/efi stays empty"
    elif mount -t vfat -o rw,nosuid,nodev,noexec,flush "$espdev" /newroot/boot/efi 2>/tmp/mount.err; then
        say "ESP mounted ($espdev on /boot/efi)"
    else
        say "warning: ESP $espdev not mounted: $(cat /tmp/mount.err)"
    fi
fi

for dir in dev proc sys; do
    if [ -d "/newroot/$dir" ]; then
        mount --move "/$dir" "/newroot/$dir" || fatal "cannot move /$dir into the root"
    else
        say "warning: the root has no /$dir"
    fi
done

[ -e "/newroot$init" ] || [ -L "/newroot$init" ] || fatal "the root has no $init"
say "switching to $init"
exec switch_root /newroot "$init"
