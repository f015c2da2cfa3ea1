#!/bin/sh
# backend-compare.sh COSIM ELF
# Runs one firmware program with --backend interp and --backend jit and
# requires identical stdout and exit status.  Device-visible timing comes
# from the CPU's cycle count, so programs that print timer or RTC values
# also check that both backends account cycles identically.
set -u
cosim=$1; elf=$2
[ -f "$elf" ] || { echo "backend-compare: missing $elf"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for be in interp jit; do
    timeout "${FW_TIMEOUT:-100}" "$cosim" -M versatilepb -nographic -semihosting -kernel "$elf" \
        --backend $be --max-insns 200000000 </dev/null >"$tmp/$be.out" 2>"$tmp/$be.err"
    echo $? >"$tmp/$be.status"
done
ok=0
cmp -s "$tmp/interp.out" "$tmp/jit.out" || { echo "stdout differs (- interp, + jit):";
    diff -u "$tmp/interp.out" "$tmp/jit.out" | head -40; ok=1; }
cmp -s "$tmp/interp.status" "$tmp/jit.status" || { echo "exit status: interp $(cat "$tmp/interp.status")," \
    "jit $(cat "$tmp/jit.status")"; ok=1; }
[ $ok = 0 ] && echo "same output and status ($(cat "$tmp/jit.status")), $(wc -l <"$tmp/jit.out") lines"
exit $ok
