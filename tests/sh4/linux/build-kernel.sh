#!/bin/sh
# build-kernel.sh OUT
#
# Builds the SHIX Linux test kernel and its initramfs into OUT:
#   OUT/vmlinux         Linux 6.1 for the SH7750 (little-endian), from
#                       Debian's linux-source-6.1 tarball: tinyconfig plus
#                       kernel.config (this directory)
#   OUT/initramfs.cpio  /init (init.c, static, no C library) and /dev/console
# Everything in between stays in OUT (the extracted source, OUT/kbuild).
#
# Cached: when OUT/vmlinux and OUT/initramfs.cpio are newer than every input
# (the tarball, kernel.config, init.c and tests/tools/linux-init.h, the
# compiler plugin, this script), nothing is done.  A missing tarball or tool is an error (exit 1), never a
# silent pass.
#
# The kernel is compiled with gcc-no-treg-combine.so (built here from
# gcc-no-treg-combine.cc): Debian's sh4-linux-gnu-gcc 12 drops the load and
# test in front of conditional branches otherwise (see that file).
#
# Environment: LINUX_SOURCE_TARBALL (default /usr/src/linux-source-6.1.tar.xz),
# SH4_CROSS_COMPILE (default sh4-linux-gnu-), SH4LINUX_JOBS (default 2).
set -eu
. "$(dirname "$0")/../../tools/linux-build.sh"
if [ $# -ne 1 ]; then
    echo "usage: $0 OUT" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
tarball=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
cross=${SH4_CROSS_COMPILE:-sh4-linux-gnu-}
jobs=${SH4LINUX_JOBS:-2}

die() { echo "build-kernel: $*" >&2; exit 1; }

[ -r "$tarball" ] || die "$tarball not found (install the Debian package linux-source-6.1)"
for tool in "${cross}gcc" g++ make flex bison bc xz; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (tests/tools/debian-packages.txt lists the packages)"
done
plugin_inc=$("${cross}gcc" -print-file-name=plugin)/include
[ -r "$plugin_inc/gcc-plugin.h" ] || die "no GCC plugin headers for ${cross}gcc (Debian package gcc-12-plugin-dev-sh4-linux-gnu)"

inputs="$tarball $here/kernel.config $here/init.c $here/../../tools/linux-init.h $here/../../tools/linux-build.sh $here/gcc-no-treg-combine.cc $here/build-kernel.sh"
products="$out/vmlinux $out/initramfs.cpio"
if lb_up_to_date "$products" "$inputs"; then
    echo "build-kernel: $out/vmlinux and initramfs.cpio are up to date"
    exit 0
fi
start=$(date +%s)
rm -f "$out/vmlinux" "$out/initramfs.cpio"

# the compiler plugin
g++ -shared -fPIC -fno-rtti -O2 -I"$plugin_inc" -o "$out/gcc-no-treg-combine.so" "$here/gcc-no-treg-combine.cc"

# the source, extracted once per tarball
src=$out/linux-source
lb_extract "$tarball" "$src"

# configuration: tinyconfig + kernel.config
lb_configure "$src" "$out/kbuild" "$here/kernel.config" ARCH=sh CROSS_COMPILE="$cross"
kmake() { nice -n 10 make -s -C "$src" O="$out/kbuild" ARCH=sh CROSS_COMPILE="$cross" "$@"; }

echo "build-kernel: building vmlinux (-j$jobs)"
kmake -j"$jobs" KCFLAGS="-fplugin=$out/gcc-no-treg-combine.so" vmlinux
kernel_done=$(date +%s)

# /init and the initramfs
"${cross}gcc" -O0 -nostdlib -static -ffreestanding -fno-pic -Wall -Wextra -Werror \
    -o "$out/init" "$here/init.c"
lb_initramfs "$out/kbuild" "$out/init" "$out/initramfs.cpio"
cp "$out/kbuild/vmlinux" "$out/vmlinux.tmp"
mv "$out/vmlinux.tmp" "$out/vmlinux"
end=$(date +%s)
echo "build-kernel: done in $((end - start)) s (kernel build $((kernel_done - start)) s): $out/vmlinux, $out/initramfs.cpio"
