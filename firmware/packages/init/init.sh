#!/bin/busybox sh
# The root's init: the initramfs switch_root's into it (docs/kernel.md). It mounts the kernel's
# filesystems, runs /containers/onboot/* in order with runc (each to completion; a failure is
# reported and the boot goes on, as LinuxKit's init does), starts /containers/services/* in the
# background, and reaps children for ever.
bb=/bin/busybox
$bb mkdir -p /proc /sys /dev /run /tmp
$bb mount -t proc proc /proc
$bb mount -t sysfs sysfs /sys
$bb mount -t devtmpfs devtmpfs /dev 2>/dev/null
$bb mount -t tmpfs -o mode=0755 tmpfs /run
$bb mount -t tmpfs tmpfs /tmp
$bb mkdir -p /sys/fs/cgroup && $bb mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
echo "fw-init: starting containers"
for bundle in /containers/onboot/*; do
    [ -d "$bundle" ] || continue
    name=${bundle##*/}
    if /usr/bin/runc run --bundle "$bundle" "onboot-${name#*-}" </dev/null; then
        echo "fw-init: onboot $name done"
    else
        echo "fw-init: onboot $name failed with status $?"
    fi
done
for bundle in /containers/services/*; do
    [ -d "$bundle" ] || continue
    /usr/bin/runc run --bundle "$bundle" "${bundle##*/}" </dev/null &
    echo "fw-init: service ${bundle##*/} started"
done
while :; do
    wait
    $bb sleep 1
done
