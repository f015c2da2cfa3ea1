#!/bin/sh
# run-test.sh EMULATOR ELF GOLDEN-BASE [EMULATOR-ARGS...]
#
# Runs one firmware program on EMULATOR (cosim or qemu-system-arm) as
#   EMULATOR -M versatilepb -nographic -semihosting -kernel ELF ARGS...
# under `timeout ${FW_TIMEOUT:-60}`, and compares its stdout with
# GOLDEN-BASE.out and its exit status with GOLDEN-BASE.status.
# Exit 0 when both match; otherwise prints a diff and exits 1.
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 EMULATOR ELF GOLDEN-BASE [EMULATOR-ARGS...]" >&2
    exit 2
fi
emu=$1; elf=$2; golden=$3; shift 3
for f in "$elf" "$golden.out" "$golden.status"; do
    [ -f "$f" ] || { echo "run-test: missing $f" >&2; exit 1; }
done
[ -x "$emu" ] || { echo "run-test: emulator $emu is not built/executable" >&2; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
timeout "${FW_TIMEOUT:-60}" "$emu" -M versatilepb -nographic -semihosting \
    -kernel "$elf" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
status=$?
echo "$status" >"$tmp/status"

ok=1
if ! cmp -s "$tmp/out" "$golden.out"; then
    echo "run-test: stdout differs from $golden.out (- golden, + actual):"
    diff -u "$golden.out" "$tmp/out" | head -60
    ok=0
fi
if ! cmp -s "$tmp/status" "$golden.status"; then
    echo "run-test: exit status $status, golden $(cat "$golden.status")"
    [ "$status" = 124 ] && echo "run-test: (timed out after ${FW_TIMEOUT:-60}s)"
    ok=0
fi
if [ $ok = 0 ]; then
    echo "run-test: stderr of the run:"
    head -20 "$tmp/err"
    exit 1
fi
exit 0
