#!/bin/sh
# run-linux.sh COSIM KERNEL-DIR BACKEND
#
# Boots the Versatile PB test kernel (build-kernel.sh's KERNEL-DIR/zImage,
# versatile-pb.dtb and initramfs.cpio) on
#   COSIM -M versatilepb -nographic --backend BACKEND -kernel zImage
#         -dtb versatile-pb.dtb -initrd initramfs.cpio
#         -append "console=ttyAMA0" --stats
# and checks the console (UART0, ttyAMA0): the kernel banner, the boot data
# cosim passed (machine from the device tree, command line, initrd), the
# interrupt controllers and timer, the serial console, the initramfs,
# /init's lines (init.c) and the halt it asks for -- and no panic, oops,
# BUG or WARNING.  The kernel never exits: once "reboot: System halted" is
# out (or the kernel panicked), cosim is stopped with SIGTERM (sent to
# cosim itself).  The run is bounded by ${ARMLINUX_TIMEOUT:-240} seconds.
# Prints the console and cosim's --stats; exit 0 when every check passes,
# else 1.
set -u
. "$(dirname "$0")/../../tools/linux-console.sh"
if [ $# -ne 3 ]; then
    echo "usage: $0 COSIM KERNEL-DIR BACKEND" >&2
    exit 2
fi
cosim=$1; dir=$2; backend=$3
for f in "$dir/zImage" "$dir/versatile-pb.dtb" "$dir/initramfs.cpio"; do
    [ -f "$f" ] || { echo "run-linux: $f is missing (build-kernel.sh builds it: test armlinux.build)"; exit 1; }
done
[ -x "$cosim" ] || { echo "run-linux: $cosim is not built"; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
linux_boot "$tmp/out" "$tmp/err" "${ARMLINUX_TIMEOUT:-240}" \
    "$cosim" -M versatilepb -nographic --backend "$backend" -kernel "$dir/zImage" -dtb "$dir/versatile-pb.dtb" \
    -initrd "$dir/initramfs.cpio" -append "console=ttyAMA0" --stats
end=$(date +%s)

echo "--- console ($backend, $((end - start)) s)"
cat "$tmp/out"
echo "--- cosim stderr"
cat "$tmp/err"

linux_expect "$tmp/out" \
    "Booting Linux on physical CPU 0x0" \
    "Linux version 6.1" \
    "CPU: ARM926EJ-S [41069265] revision 5 (ARMv5TEJ), cr=00093177" \
    "OF: fdt: Machine model: ARM Versatile PB" \
    "Kernel command line: console=ttyAMA0" \
    "VIC @" \
    "FPGA IRQ chip 0" \
    "clocksource: arm,sp804" \
    "101f1000.uart: ttyAMA0 at MMIO 0x101f1000" \
    "printk: console [ttyAMA0] enabled" \
    "clocksource: Switched to clocksource arm,sp804" \
    "Unpacking initramfs..." \
    "Freeing initrd memory" \
    "Freeing unused kernel image (initmem) memory" \
    "Run /init as init process" \
    "init: hello from userspace" \
    "init: pid 1" \
    "init: /proc/version: Linux version 6.1" \
    "init: halting" \
    "reboot: System halted"
linux_reject "$tmp/out" "Kernel panic" "Oops" "BUG:" "WARNING:" "Unable to handle" "Unhandled fault" \
    "Internal error" "initrd disabled" "init: reboot returned" "failed"
if [ $linux_ok = 1 ]; then
    echo "run-linux: PASS ($backend)"
    exit 0
fi
echo "run-linux: FAIL ($backend)"
exit 1
