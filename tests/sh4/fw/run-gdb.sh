#!/bin/sh
# run-gdb.sh COSIM GDB ELF BACKEND
#
# gdb-multiarch against `cosim -M shix -S -gdb tcp::0 -kernel ELF`: the
# SH-4 register layout (gdb/arch-sh4.c, gdb's "sh4" numbering, no XML),
# breakpoints, backtrace, single step, register writes and the monitor.
# ELF is tests/sh4/fw/progs/arith.c; the checks below name its lines.
# Bounded: cosim 200 s, gdb 150 s (generous: CI machines are loaded).  Exit 0 when every check holds.
set -u
cosim=$1; gdb=$2; elf=$3; backend=$4
work=$(mktemp -d) || exit 1
cpid=
trap '[ -n "$cpid" ] && kill $cpid 2>/dev/null; rm -rf "$work"' EXIT

timeout 200 "$cosim" -M shix -nographic -serial "file:$work/uart" --backend "$backend" -kernel "$elf" \
    -S -gdb tcp::0 </dev/null >"$work/cosim.out" 2>"$work/cosim.err" &
cpid=$!
port=
for i in $(seq 1 300); do
    port=$(sed -n 's/.*waiting for a debugger on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/cosim.err")
    [ -n "$port" ] && break
    kill -0 $cpid 2>/dev/null || break
    sleep 0.1
done
[ -n "$port" ] || { echo "cosim did not start listening"; cat "$work/cosim.err"; exit 1; }

cat >"$work/cmds" <<EOF
set pagination off
set confirm off
set architecture sh4
target remote 127.0.0.1:$port
printf "pc_at_entry = 0x%x\n", \$pc
printf "sr_at_reset = 0x%x\n", \$sr
break fw_check
continue
bt 2
set \$bp = \$pc
stepi
printf "step_len = %d\n", \$pc - \$bp
set \$r5 = 0x1234
set \$fr3 = 2.5
printf "r5 = 0x%x\n", \$r5
set var got = 0x1234
printf "fr3 = %g\n", \$fr3
monitor info registers
delete
continue 0
EOF
timeout 150 "$gdb" -nx -batch -x "$work/cmds" "$elf" >"$work/gdb.out" 2>&1 &
gpid=$!
# the guest runs on to "END PASS" and sleeps: then stop gdb (Ctrl-C) and cosim
for i in $(seq 1 1500); do
    grep -q '^END' "$work/uart" 2>/dev/null && break
    kill -0 $gpid 2>/dev/null || break
    sleep 0.1
done
# to gdb itself: `timeout` would pass the SIGINT on to gdb AND to its
# process group, and a second Ctrl-C makes gdb give up the target
gdbpid=$(pgrep -P $gpid | head -1)
kill -INT "${gdbpid:-$gpid}" 2>/dev/null
{ wait $gpid; } 2>/dev/null
kill $cpid 2>/dev/null
{ wait $cpid; } 2>/dev/null
cpid=

echo "=== gdb output"; cat "$work/gdb.out"
echo "=== guest UART"; cat "$work/uart"
fail=0
expect() { grep -Eq -- "$1" "$2" || { echo "MISSING: $1"; fail=1; }; }
g=$work/gdb.out
expect '^pc_at_entry = 0x8c010000$' "$g"
expect '^sr_at_reset = 0x700000f0$' "$g"
expect 'Breakpoint 1, fw_check \(what=0x[0-9a-f]+ "add", ' "$g"
expect '^#1  0x[0-9a-f]+ in main \(\) at .*arith.c:7' "$g"
expect '^step_len = 2$' "$g"
expect '^r5 = 0x1234$' "$g"
expect '^fr3 = 2.5$' "$g"
expect 'fr3 +0x40200000' "$g"
expect '^sr: MD=1 RB=0 BL=0 FD=0 IMASK=15 T=[01]; fpscr: PR=1 SZ=0 FR=0' "$g"
if grep -Eq 'Remote connection closed|Cannot access memory|[Ee]rror' "$g"; then
    echo "UNEXPECTED: an error in gdb's output"; fail=1
fi
# the memory write reached the guest: fw_check("add", ...) printed the changed argument
expect '^FAIL add: got 0x00001234 want 0xfffe20d5$' "$work/uart"
expect '^END FAIL$' "$work/uart"
[ "$fail" = 0 ] && echo "PASS"
exit $fail
