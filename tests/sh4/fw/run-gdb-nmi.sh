#!/bin/sh
# run-gdb-nmi.sh COSIM GDB ELF BACKEND
#
# gdb's "monitor nmi" on `cosim -M shix -S -gdb tcp::0 -kernel ELF`: gdb
# stops the guest at nmi_ready(), raises the NMI and lets it run; the
# guest (tests/sh4/fw/gdb/nmi_wait.c) sleeps with SR.IMASK = 15 until the
# NMI arrives, checks INTEVT 0x1c0 and DMAOR.NMIF, and prints END PASS.
# Exit 0 when every check holds (gdb-session.sh runs the session).
cosim=$1; gdb=$2; elf=$3; backend=$4
. "$(dirname "$0")/gdb-session.sh"
gdb_session_start "$cosim" "$elf" "$backend"

cat >"$work/cmds" <<EOF
set pagination off
set confirm off
set architecture sh4
target remote 127.0.0.1:$port
break nmi_ready
continue
monitor nmi
delete
continue
EOF
gdb_session_run "$gdb" "$elf" "$work/cmds"

g=$work/gdb.out
expect 'Breakpoint 1, nmi_ready \(\)' "$g"
expect '^NMI raised' "$g"
if grep -Eq 'Remote connection closed|Cannot access memory|[Ee]rror' "$g"; then
    echo "UNEXPECTED: an error in gdb's output"; fail=1
fi
expect '^ok one NMI$' "$work/uart"
expect '^ok NMI INTEVT$' "$work/uart"
expect '^ok taken at IMASK 15$' "$work/uart"
expect '^ok IMASK unchanged$' "$work/uart"
expect '^ok DMAOR.NMIF$' "$work/uart"
expect '^END PASS$' "$work/uart"
[ "$fail" = 0 ] && echo "PASS"
exit $fail
