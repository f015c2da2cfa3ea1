#!/bin/sh
# run-gdb-nmi.sh COSIM GDB ELF BACKEND
#
# gdb's "monitor nmi" on `cosim -M shix -S -gdb tcp::0 -kernel ELF`: gdb
# stops the guest at nmi_ready(), raises the NMI and lets it run; the
# guest (tests/sh4/fw/gdb/nmi_wait.c) sleeps with SR.IMASK = 15 until the
# NMI arrives, checks INTEVT 0x1c0 and DMAOR.NMIF, and prints END PASS.
# Bounded: cosim 200 s, gdb 150 s.  Exit 0 when every check holds.
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
break nmi_ready
continue
monitor nmi
delete
continue
EOF
timeout 150 "$gdb" -nx -batch -x "$work/cmds" "$elf" >"$work/gdb.out" 2>&1 &
gpid=$!
# the guest runs on to its END line and sleeps: then stop gdb (Ctrl-C) and cosim
for i in $(seq 1 1500); do
    grep -q '^END' "$work/uart" 2>/dev/null && break
    kill -0 $gpid 2>/dev/null || break
    sleep 0.1
done
# to gdb itself, not its `timeout` wrapper (which would signal the group)
gdbpid=$(pgrep -P $gpid | head -1)
kill -INT "${gdbpid:-$gpid}" 2>/dev/null
{ wait $gpid; } 2>/dev/null
cospid=$(pgrep -P $cpid | head -1)
kill "${cospid:-$cpid}" 2>/dev/null
{ wait $cpid; } 2>/dev/null
cpid=

echo "=== gdb output"; cat "$work/gdb.out"
echo "=== guest UART"; cat "$work/uart"
fail=0
expect() { grep -Eq -- "$1" "$2" || { echo "MISSING: $1"; fail=1; }; }
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
