#!/bin/sh
# compare-bootdata.sh COSIM BOOTDATA-BIN DTB BACKEND QEMU
#
# Runs the raw image bootdata.bin (bootdata.c: prints r0-r2 and the ATAG
# list or device tree header r2 points at, and the initrd's first word) on
# QEMU (the oracle) and on COSIM --backend BACKEND, both as
#   -M versatilepb -nographic -semihosting -kernel BOOTDATA-BIN OPTIONS
# for several OPTIONS (ATAGs with and without -append/-initrd, -m, a device
# tree DTB with and without an initrd), and compares the outputs.  Exit 0
# when every case agrees, else 1 (diffs printed).
set -u
if [ $# -ne 5 ]; then
    echo "usage: $0 COSIM BOOTDATA-BIN DTB BACKEND QEMU" >&2
    exit 2
fi
cosim=$1; bin=$2; dtb=$3; backend=$4; qemu=$5
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
printf 'INITRD-bytes' >"$tmp/initrd"

ok=1
n=0
check() {
    n=$((n + 1))
    timeout 30 "$qemu" -M versatilepb -nographic -semihosting -kernel "$bin" "$@" </dev/null \
        >"$tmp/qemu.$n" 2>/dev/null
    timeout 30 "$cosim" -M versatilepb -nographic -semihosting --backend "$backend" -kernel "$bin" "$@" </dev/null \
        >"$tmp/cosim.$n" 2>"$tmp/cosim.err"
    status=$?
    echo "--- case $n: $*"
    cat "$tmp/cosim.$n"
    if [ $status != 0 ] || ! grep -q '^regs ' "$tmp/qemu.$n" || ! diff -u "$tmp/qemu.$n" "$tmp/cosim.$n"; then
        echo "compare-bootdata: case $n differs from QEMU (cosim exit $status)"
        cat "$tmp/cosim.err"
        ok=0
    fi
}
check
check -m 256
check -append "console=ttyAMA0 rdinit=/init" -initrd "$tmp/initrd"
check -dtb "$dtb"
check -dtb "$dtb" -append "console=ttyAMA0" -initrd "$tmp/initrd"
if [ $ok = 1 ]; then
    echo "compare-bootdata: PASS ($backend, $n cases)"
    exit 0
fi
echo "compare-bootdata: FAIL ($backend)"
exit 1
