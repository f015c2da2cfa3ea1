#!/bin/sh
# smoke.sh COSIM ELF BACKEND [QEMU]
# Runs a small benchmark build on cosim with the given backend (bounded by
# --max-insns and timeout): it must exit 0 and print a checksum line for
# each kernel; when QEMU is given, QEMU's output must be identical.
set -u
cosim=$1; elf=$2; be=$3; qemu=${4:-}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
timeout 60 "$cosim" -M versatilepb -nographic -semihosting -kernel "$elf" --backend "$be" \
    --max-insns 400000000 </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st != 0 ]; then
    echo "smoke: $elf on $be exited $st"; head -20 "$tmp/err"; exit 1
fi
grep -q '^bench [a-z]*: reps [0-9]* checksum [0-9a-f]\{8\}$' "$tmp/out" || {
    echo "smoke: no checksum line"; cat "$tmp/out"; exit 1; }
if grep -q 'self-check errors' "$tmp/out"; then cat "$tmp/out"; exit 1; fi
if [ -n "$qemu" ] && [ -x "$qemu" ]; then
    timeout 60 "$qemu" -M versatilepb -nographic -semihosting -kernel "$elf" -audiodev none,id=n \
        </dev/null >"$tmp/qout" 2>/dev/null
    if ! cmp -s "$tmp/out" "$tmp/qout"; then
        echo "smoke: output differs from qemu (- qemu, + cosim):"; diff -u "$tmp/qout" "$tmp/out"; exit 1
    fi
fi
cat "$tmp/out"
exit 0
