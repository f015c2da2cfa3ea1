#!/bin/sh
# run-gdb.sh COSIM GDB ELF BACKEND
#
# gdb-multiarch against `cosim -M shix -S -gdb tcp::0 -kernel ELF`: the
# SH-4 register layout (gdb/arch-sh4.c, gdb's "sh4" numbering, no XML),
# breakpoints, backtrace, single step, register writes and the monitor.
# ELF is tests/sh4/fw/progs/arith.c; the checks below name its lines.
# Exit 0 when every check holds (gdb-session.sh runs the session).
cosim=$1; gdb=$2; elf=$3; backend=$4
. "$(dirname "$0")/gdb-session.sh"
gdb_session_start "$cosim" "$elf" "$backend"

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
gdb_session_run "$gdb" "$elf" "$work/cmds"

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
