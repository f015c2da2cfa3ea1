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
# tarball, kernel.config, init.c, this script), nothing is done.  A missing
# tarball or tool is an error (exit 1), never a silent pass.
#
# Environment: LINUX_SOURCE_TARBALL (default /usr/src/linux-source-6.1.tar.xz),
# ARM_CROSS_COMPILE (default arm-linux-gnueabi-), ARMLINUX_JOBS (default 2).
set -eu
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
inputs="$tarball $here/kernel.config $here/init.c $here/build-kernel.sh"
up_to_date=yes
for product in $products; do
    [ -f "$product" ] || up_to_date=no
    for f in $inputs; do
        [ -f "$product" ] && [ "$f" -nt "$product" ] && up_to_date=no
    done
done
if [ $up_to_date = yes ]; then
    echo "build-kernel: $out/zImage, versatile-pb.dtb and initramfs.cpio are up to date"
    exit 0
fi
start=$(date +%s)
rm -f $products

# the source, extracted once per tarball
src=$out/linux-source
if [ ! -f "$src/.extracted" ] || [ "$tarball" -nt "$src/.extracted" ]; then
    echo "build-kernel: extracting $tarball"
    rm -rf "$src"
    mkdir -p "$src"
    tar -xJf "$tarball" -C "$src" --strip-components=1
    touch "$src/.extracted"
fi

# configuration: tinyconfig + kernel.config, and check that every option
# of the fragment made it (a dependency missing would drop it silently)
kmake() { nice -n 10 make -s -C "$src" O="$out/kbuild" ARCH=arm CROSS_COMPILE="$cross" "$@"; }
mkdir -p "$out/kbuild"
kmake tinyconfig >/dev/null
(cd "$out/kbuild" && "$src/scripts/kconfig/merge_config.sh" -m .config "$here/kernel.config" >/dev/null 2>&1)
kmake olddefconfig >/dev/null
grep '^CONFIG_' "$here/kernel.config" | while read -r line; do
    grep -qx "$line" "$out/kbuild/.config" || die "kernel.config: $line did not make it into the configuration"
done
grep '^# CONFIG_.* is not set' "$here/kernel.config" | while read -r line; do
    opt=$(echo "$line" | sed 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1/')
    if grep -q "^$opt=" "$out/kbuild/.config"; then
        die "kernel.config: $opt is set although the fragment turns it off"
    fi
done

echo "build-kernel: building zImage and versatile-pb.dtb (-j$jobs)"
kmake -j"$jobs" zImage versatile-pb.dtb
kernel_done=$(date +%s)

# /init and the initramfs (the kernel's own gen_init_cpio: no root needed
# for the /dev/console node)
"${cross}gcc" -O2 -march=armv5te -marm -nostdlib -static -ffreestanding -fno-pic -Wall -Wextra -Werror \
    -o "$out/init" "$here/init.c"
cat >"$out/initramfs.list" <<LIST
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
file /init $out/init 0755 0 0
LIST
"$out/kbuild/usr/gen_init_cpio" "$out/initramfs.list" >"$out/initramfs.cpio.tmp"
mv "$out/initramfs.cpio.tmp" "$out/initramfs.cpio"
cp "$out/kbuild/arch/arm/boot/dts/versatile-pb.dtb" "$out/versatile-pb.dtb.tmp"
mv "$out/versatile-pb.dtb.tmp" "$out/versatile-pb.dtb"
cp "$out/kbuild/arch/arm/boot/zImage" "$out/zImage.tmp"
mv "$out/zImage.tmp" "$out/zImage"
end=$(date +%s)
echo "build-kernel: done in $((end - start)) s (kernel build $((kernel_done - start)) s): $out/zImage, versatile-pb.dtb, initramfs.cpio"
