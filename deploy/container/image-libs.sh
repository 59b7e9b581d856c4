#!/bin/sh
# Copies the shared libraries that the ELF files under the given directories need (their ldd
# closure: glibc, libz, libstdc++, ...) from this machine into ROOT, at the paths ldd resolves
# them to, plus the dynamic loader and, where dpkg knows the library, its package's copyright
# file (under usr/share/doc). The image build runs it (spike-dist, Maven `package`) on the
# jlink'd runtime and on the native libraries the jar extracts at run time (sqlite-jdbc, netty).
# A library that ldd cannot find fails the build, unless a file of that name is one of the
# scanned ones (the runtime's own libjvm.so, libjava.so, ...).
# Usage: deploy/container/image-libs.sh ROOT DIR...
set -eu
[ $# -ge 2 ] || { echo "usage: $0 ROOT DIR..." >&2; exit 2; }
root=$1
shift
command -v ldd >/dev/null || { echo "image-libs: ldd is missing (install libc-bin)" >&2; exit 1; }
scan=$(mktemp)
trap 'rm -f "$scan"' EXIT
find "$@" -type f -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo "$1"' _ {} \; >"$scan"
[ -s "$scan" ] || { echo "image-libs: no ELF file under $*" >&2; exit 1; }
own=$(sed 's|.*/||' "$scan")
needed=$(while read -r elf; do ldd "$elf" || { echo "image-libs: ldd $elf failed" >&2; exit 1; }; done <"$scan")
missing=$(echo "$needed" | awk '/=> not found/ {print $1}' | sort -u)
for lib in $missing; do
  echo "$own" | grep -qx "$lib" || { echo "image-libs: $lib (needed by the image) not found on this machine" >&2; exit 1; }
done
# "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"
paths=$(echo "$needed" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u)
for p in $paths; do
  real=$(realpath "$p")
  inside=no
  for dir in "$@"; do
    case $real in "$(realpath "$dir")"/*) inside=yes ;; esac
  done
  [ $inside = no ] || continue
  mkdir -p "$root$(dirname "$p")"
  cp -L "$p" "$root$p"
  chmod 755 "$root$p"
  echo "image-libs: $p"
  # The licence travels with the binary: the Debian copyright file of the library's package.
  pkg=""
  if command -v dpkg-query >/dev/null 2>&1; then
    pkg=$(dpkg-query -S "$p" 2>/dev/null || dpkg-query -S "$real" 2>/dev/null || true)
    pkg=${pkg%%:*}
  fi
  if [ -n "$pkg" ] && [ -f "/usr/share/doc/$pkg/copyright" ]; then
    mkdir -p "$root/usr/share/doc/$pkg"
    cp -L "/usr/share/doc/$pkg/copyright" "$root/usr/share/doc/$pkg/copyright"
  fi
done
