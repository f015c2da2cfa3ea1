#!/bin/sh
# build-kernel.sh OUT
#
# Builds the Versatile PB Linux test kernel, its device tree and its
# initramfs into OUT:
#   OUT/zImage            Linux 6.1 for the ARM926EJ-S (ARMv5, EABI), from
#                         Debian's linux-source-6.1 tarball: tinyconfig plus
#                         kernel.config (this directory)
#   OUT/versatile-pb.dtb  the kernel's own arch/arm/boot/dts/versatile-pb.dtb
#   OUT/initramfs.cpio    /init (init.c, static, no C library) and /dev/console
# Everything in between stays in OUT (the extracted source, OUT/kbuild).
#
# Cached: when the three products are newer than every input (the
# tarball, kernel.config, init.c and tests/tools/linux-init.h, this
# script), nothing is done.  A missing tarball or tool is an error (exit
# 1), never a silent pass.
#
# Environment: LINUX_SOURCE_TARBALL (default /usr/src/linux-source-6.1.tar.xz),
# ARM_CROSS_COMPILE (default arm-linux-gnueabi-), ARMLINUX_JOBS (default 2).
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
cross=${ARM_CROSS_COMPILE:-arm-linux-gnueabi-}
jobs=${ARMLINUX_JOBS:-2}

die() { echo "build-kernel: $*" >&2; exit 1; }

[ -r "$tarball" ] || die "$tarball not found (install the Debian package linux-source-6.1)"
for tool in "${cross}gcc" "${cross}ld" make flex bison bc xz gzip; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (tests/tools/debian-packages.txt lists the packages)"
done

products="$out/zImage $out/versatile-pb.dtb $out/initramfs.cpio"
inputs="$tarball $here/kernel.config $here/init.c $here/../../tools/linux-init.h $here/../../tools/linux-build.sh $here/build-kernel.sh"
if lb_up_to_date "$products" "$inputs"; then
    echo "build-kernel: $out/zImage, versatile-pb.dtb and initramfs.cpio are up to date"
    exit 0
fi
start=$(date +%s)
rm -f $products

# the source, extracted once per tarball
src=$out/linux-source
lb_extract "$tarball" "$src"

# configuration: tinyconfig + kernel.config
lb_configure "$src" "$out/kbuild" "$here/kernel.config" ARCH=arm CROSS_COMPILE="$cross"
kmake() { nice -n 10 make -s -C "$src" O="$out/kbuild" ARCH=arm CROSS_COMPILE="$cross" "$@"; }

echo "build-kernel: building zImage and versatile-pb.dtb (-j$jobs)"
kmake -j"$jobs" zImage versatile-pb.dtb
kernel_done=$(date +%s)

# /init and the initramfs
"${cross}gcc" -O2 -march=armv5te -marm -nostdlib -static -ffreestanding -fno-pic -Wall -Wextra -Werror \
    -o "$out/init" "$here/init.c"
lb_initramfs "$out/kbuild" "$out/init" "$out/initramfs.cpio"
cp "$out/kbuild/arch/arm/boot/dts/versatile-pb.dtb" "$out/versatile-pb.dtb.tmp"
mv "$out/versatile-pb.dtb.tmp" "$out/versatile-pb.dtb"
cp "$out/kbuild/arch/arm/boot/zImage" "$out/zImage.tmp"
mv "$out/zImage.tmp" "$out/zImage"
end=$(date +%s)
echo "build-kernel: done in $((end - start)) s (kernel build $((kernel_done - start)) s): $out/zImage, versatile-pb.dtb, initramfs.cpio"
