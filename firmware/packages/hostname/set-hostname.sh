#!/bin/busybox sh
# Onboot: set the hostname from HOSTNAME_FILE (default /etc/hostname); fail clearly when it is
# missing or empty, so a broken image spec stops the boot at the step that is wrong.
set -eu
file=${HOSTNAME_FILE:-/etc/hostname}
if [ ! -s "$file" ]; then
    echo "set-hostname: $file is missing or empty" >&2
    exit 1
fi
name=$(head -n 1 "$file")
hostname "$name"
echo "set-hostname: $(hostname)"
