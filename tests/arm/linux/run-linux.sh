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
"$cosim" -M versatilepb -nographic --backend "$backend" -kernel "$dir/zImage" -dtb "$dir/versatile-pb.dtb" \
    -initrd "$dir/initramfs.cpio" -append "console=ttyAMA0" --stats </dev/null >"$tmp/out" 2>"$tmp/err" &
pid=$!
limit=$(( ${ARMLINUX_TIMEOUT:-240} * 10 ))
n=0
while kill -0 "$pid" 2>/dev/null; do
    if grep -q -e '^reboot: System halted' -e 'Kernel panic' "$tmp/out" 2>/dev/null; then
        sleep 0.2   # the rest of a panic message
        break
    fi
    n=$((n + 1))
    if [ $n -ge $limit ]; then
        echo "run-linux: no halt after ${ARMLINUX_TIMEOUT:-240} s"
        break
    fi
    sleep 0.1
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
end=$(date +%s)

echo "--- console ($backend, $((end - start)) s)"
cat "$tmp/out"
echo "--- cosim stderr"
cat "$tmp/err"

ok=1
expect() {
    grep -qF -- "$1" "$tmp/out" || { echo "run-linux: missing: $1"; ok=0; }
}
expect "Booting Linux on physical CPU 0x0"
expect "Linux version 6.1"
expect "CPU: ARM926EJ-S [41069265] revision 5 (ARMv5TEJ), cr=00093177"
expect "OF: fdt: Machine model: ARM Versatile PB"
expect "Kernel command line: console=ttyAMA0"
expect "VIC @"
expect "FPGA IRQ chip 0"
expect "clocksource: arm,sp804"
expect "101f1000.uart: ttyAMA0 at MMIO 0x101f1000"
expect "printk: console [ttyAMA0] enabled"
expect "clocksource: Switched to clocksource arm,sp804"
expect "Unpacking initramfs..."
expect "Freeing initrd memory"
expect "Freeing unused kernel image (initmem) memory"
expect "Run /init as init process"
expect "init: hello from userspace"
expect "init: pid 1"
expect "init: /proc/version: Linux version 6.1"
expect "init: halting"
expect "reboot: System halted"
for bad in "Kernel panic" "Oops" "BUG:" "WARNING:" "Unable to handle" "Unhandled fault" "Internal error" \
           "initrd disabled" "init: reboot returned" "failed"; do
    if grep -qF -- "$bad" "$tmp/out"; then
        echo "run-linux: unexpected: $(grep -F -- "$bad" "$tmp/out" | head -1)"
        ok=0
    fi
done
if [ $ok = 1 ]; then
    echo "run-linux: PASS ($backend)"
    exit 0
fi
echo "run-linux: FAIL ($backend)"
exit 1
