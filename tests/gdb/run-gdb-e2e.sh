#!/bin/sh
# End-to-end: a real gdb-multiarch against gdb_fake_server over TCP.
# Checks what gdb itself prints: target description (ARM, cpsr), memory
# read/write, a breakpoint, stepi, a hardware watchpoint, monitor
# commands, threads, and the guest's exit code.  Every step is bounded.
#   run-gdb-e2e.sh SERVER_BINARY GDB
set -u
server=$1
gdb=$2
work=$(mktemp -d)
trap 'kill $spid 2>/dev/null; rm -rf "$work"' EXIT

"$server" tcp::0 >"$work/server.out" 2>"$work/server.err" &
spid=$!
port=
for i in $(seq 1 50); do
    port=$(sed -n 's/^port //p' "$work/server.out")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "server did not start"; cat "$work/server.err"; exit 1; }

cat >"$work/cmds" <<GDB
set pagination off
set confirm off
set architecture arm
target remote 127.0.0.1:$port
info registers pc cpsr
x/2xw 0x1000
set {int}0x1804 = 0x55aa55aa
x/xw 0x1804
info threads
break *0x1008
continue
stepi
print/x \$pc
watch *(int*)0x1800
continue
print/x \$pc
delete
monitor help
monitor time
monitor info mtree
continue
GDB

timeout 60 "$gdb" -nx -batch -x "$work/cmds" >"$work/gdb.out" 2>&1
grc=$?
wait $spid
src=$?
cat "$work/gdb.out"
echo "--- server stderr"; cat "$work/server.err"

fail=0
expect() {
    if ! grep -q -- "$1" "$work/gdb.out"; then
        echo "MISSING: $1"; fail=1
    fi
}
expect "pc  *0x1000"
expect "cpsr  *0xd3"
expect "0x1000:.*0x00000000.*0x00000000"
expect "0x1804:.*0x55aa55aa"
expect "Thread 1.2"
expect "Breakpoint 1, 0x00001008"
expect "= 0x100c"
expect "atchpoint 2: \*(int\*)0x1800"
expect "New value = 305419896"
expect "= 0x1014"
expect "info registers"
expect "cycles"
expect "00001000-00004fff ram"
expect "exited with code 03"
[ "$src" = 3 ] || { echo "server exit code $src, want 3"; fail=1; }
[ "$fail" = 0 ] && echo "gdb end-to-end: PASS"
exit $fail
