#!/bin/sh
# compare-qemu.sh COSIM KERNEL-DIR BACKEND QEMU
#
# Boots the Versatile PB test kernel (build-kernel.sh's KERNEL-DIR) twice
# with the same files and options,
#   -M versatilepb -nographic -kernel zImage -dtb versatile-pb.dtb
#   -initrd initramfs.cpio -append "console=ttyAMA0"
# on QEMU (QEMU = qemu-system-arm, the oracle) and on COSIM --backend
# BACKEND, and compares the two consoles line by line.  Lines that measure
# the host's speed ("Calibrating delay loop") are dropped, and so are
# QEMU's own diagnostics on stdout ("vpb_sic_write: Bad register offset
# 0x2c": the kernel clears the SIC's FIQ enables, which this SIC lacks;
# cosim logs that with -d guest_errors).  The lines
# are compared sorted: the initramfs is unpacked asynchronously, so its
# lines may interleave with others differently.  Each run stops (SIGTERM to
# the emulator itself) once "reboot: System halted" or a panic is out, and
# is bounded by ${ARMLINUX_TIMEOUT:-240} seconds.  Exit 0 when both
# consoles reach the halt and agree, else 1 (the diff is printed).
set -u
. "$(dirname "$0")/../../tools/linux-console.sh"
if [ $# -ne 4 ]; then
    echo "usage: $0 COSIM KERNEL-DIR BACKEND QEMU" >&2
    exit 2
fi
cosim=$1; dir=$2; backend=$3; qemu=$4
for f in "$dir/zImage" "$dir/versatile-pb.dtb" "$dir/initramfs.cpio"; do
    [ -f "$f" ] || { echo "compare-qemu: $f is missing (build-kernel.sh builds it: test armlinux.build)"; exit 1; }
done

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# boot NAME PROGRAM [ARGS...]: the sorted, filtered console in $tmp/NAME.lines
boot() {
    name=$1; shift
    linux_boot "$tmp/$name.out" "$tmp/$name.err" "${ARMLINUX_TIMEOUT:-240}" \
        "$@" -M versatilepb -nographic -kernel "$dir/zImage" -dtb "$dir/versatile-pb.dtb" \
        -initrd "$dir/initramfs.cpio" -append "console=ttyAMA0"
    tr -d '\r' <"$tmp/$name.out" | grep -v -e '^Calibrating delay loop' -e '^vpb_sic_write: ' \
        -e '^qemu-system-arm: terminating on signal' -e '^cosim: stopped by a signal' | sort >"$tmp/$name.lines"
}

boot qemu "$qemu" -no-reboot
boot cosim "$cosim" --backend "$backend"

ok=1
for name in qemu cosim; do
    grep -q '^reboot: System halted' "$tmp/$name.lines" || { echo "compare-qemu: $name did not reach the halt"; ok=0; }
done
if ! diff -u "$tmp/qemu.lines" "$tmp/cosim.lines"; then
    echo "compare-qemu: the consoles differ (sorted; - QEMU, + cosim)"
    ok=0
fi
echo "compare-qemu: $(wc -l <"$tmp/cosim.lines") console lines compared"
if [ $ok = 1 ]; then
    echo "compare-qemu: PASS ($backend)"
    exit 0
fi
echo "--- QEMU console"; cat "$tmp/qemu.out"
echo "--- cosim console"; cat "$tmp/cosim.out"; cat "$tmp/cosim.err"
echo "compare-qemu: FAIL ($backend)"
exit 1
