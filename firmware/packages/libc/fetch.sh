#!/bin/sh
# Fills root/ARCH (ARCH: amd64 or arm64) with Debian's libc6 and libseccomp2 for that
# architecture, the libraries fwinit and runc link, and libssl3 (libssl.so.3, libcrypto.so.3), which
# fwagent's .NET runtime loads for SHA-256 and TLS; the agent's container binds these read-only. A foreign architecture is added to dpkg and
# its package lists fetched first, as docs/kernel.md does for kernels. Only the loader and the
# shared objects are kept: documentation, configuration and the iconv modules (fwinit runs with
# invariant globalization and runc converts no character sets) stay out of the image.
set -eu
arch=${1:?usage: fetch.sh amd64|arm64}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download "libc6:$arch" "libseccomp2:$arch" "libssl3:$arch" >/dev/null 2>&1; then
    dpkg --add-architecture "$arch"
    apt-get update -qq
    apt-get download "libc6:$arch" "libseccomp2:$arch" "libssl3:$arch"
fi
root=$here/root/$arch
rm -rf "$root"
mkdir -p "$root"
for deb in ./*.deb; do
    dpkg-deb -x "$deb" "$root"
done
cd "$root"
rm -rf etc usr/share usr/libexec usr/lib/*/gconv usr/lib/*/audit
# arm64's loader lives in /lib; an empty /lib64 keeps pkg.yml the same for both.
mkdir -p lib64 usr/lib
echo "root/$arch: $(find . -type f | wc -l) files, $(du -sh . | cut -f1)"
