#!/bin/sh
# gdb-port-in-use.sh COSIM IMAGE
# A second cosim asking for the port a first one listens on must fail
# with exit 1 and one line "cosim: gdb: cannot listen on 127.0.0.1:PORT:
# Address already in use" (docs/cli.md).  Bounded: 20 s.
set -u
cosim=$1; image=$2
tmp=$(mktemp -d) || exit 1
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
timeout 20 "$cosim" -nographic -serial null -S -gdb tcp::0 -kernel "$image" </dev/null >/dev/null 2>"$tmp/first" &
pid=$!
port=
for i in $(seq 1 100); do
    port=$(sed -n 's/.*waiting for a debugger on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/first")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "FAIL: first cosim did not listen"; cat "$tmp/first"; exit 1; }
timeout 20 "$cosim" -nographic -serial null -gdb "tcp::$port" -kernel "$image" </dev/null >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 1 ] || { echo "FAIL: exit status $status, expected 1"; cat "$tmp/err"; exit 1; }
[ "$(wc -l <"$tmp/err")" = 1 ] || { echo "FAIL: stderr is not one line"; cat "$tmp/err"; exit 1; }
grep -q "^cosim: gdb: cannot listen on 127.0.0.1:$port: Address already in use$" "$tmp/err" ||
    { echo "FAIL: unexpected message"; cat "$tmp/err"; exit 1; }
echo PASS
exit 0
