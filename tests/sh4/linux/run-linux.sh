#!/bin/sh
# run-linux.sh COSIM KERNEL-DIR BACKEND
#
# Boots the SHIX test kernel (build-kernel.sh's KERNEL-DIR/vmlinux and
# initramfs.cpio) on
#   COSIM -M shix -nographic --backend BACKEND -kernel vmlinux
#         -append "console=ttySC1" -initrd initramfs.cpio --stats
# and checks the console (the SCIF, ttySC1): the kernel banner, the boot
# parameters cosim passed (command line, initrd), the serial console, the
# initramfs, /init's lines (init.c) and the halt it asks for -- and no
# panic, oops, BUG or WARNING.  The kernel never exits: once "reboot: System
# halted" is out (or the kernel panicked), cosim is stopped with SIGTERM
# (sent to cosim itself).  The run is bounded by ${SH4LINUX_TIMEOUT:-240}
# seconds.  Prints the console and cosim's --stats; exit 0 when every
# check passes, else 1.
set -u
. "$(dirname "$0")/../../tools/linux-console.sh"
if [ $# -ne 3 ]; then
    echo "usage: $0 COSIM KERNEL-DIR BACKEND" >&2
    exit 2
fi
cosim=$1; dir=$2; backend=$3
for f in "$dir/vmlinux" "$dir/initramfs.cpio"; do
    [ -f "$f" ] || { echo "run-linux: $f is missing (build-kernel.sh builds it: test sh4linux.build)"; exit 1; }
done
[ -x "$cosim" ] || { echo "run-linux: $cosim is not built"; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
linux_boot "$tmp/out" "$tmp/err" "${SH4LINUX_TIMEOUT:-240}" \
    "$cosim" -M shix -nographic --backend "$backend" -kernel "$dir/vmlinux" -append "console=ttySC1" \
    -initrd "$dir/initramfs.cpio" --stats
end=$(date +%s)

echo "--- console ($backend, $((end - start)) s)"
cat "$tmp/out"
echo "--- cosim stderr"
cat "$tmp/err"

linux_expect "$tmp/out" \
    "Linux version 6.1" \
    "... LOADER_TYPE       - 00000001" \
    "Kernel command line: console=ttySC1" \
    "CPU: SH7750" \
    "sh-tmu.0: ch0: used for clock events" \
    "clocksource: Switched to clocksource sh-tmu.0" \
    "Unpacking initramfs..." \
    "sh-sci.1: ttySC1 at MMIO 0xffe80000" \
    "printk: console [ttySC1] enabled" \
    "Freeing unused kernel image (initmem) memory" \
    "Run /init as init process" \
    "init: hello from userspace" \
    "init: pid 1" \
    "init: /proc/version: Linux version 6.1" \
    "init: halting" \
    "reboot: System halted"
linux_reject "$tmp/out" "Kernel panic" "Oops" "BUG:" "WARNING:" "Unable to handle" "initrd disabled" \
    "init: reboot returned" "failed"
if [ $linux_ok = 1 ]; then
    echo "run-linux: PASS ($backend)"
    exit 0
fi
echo "run-linux: FAIL ($backend)"
exit 1
