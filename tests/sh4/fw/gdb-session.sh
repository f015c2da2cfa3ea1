# gdb-session.sh: sourced by the run-gdb*.sh tests.  Drives one
# gdb-multiarch session against `cosim -M shix -S -gdb tcp::0 -kernel ELF`
# whose guest prints an END line on the SCIF when it is done.
#
#   gdb_session_start COSIM ELF BACKEND    start cosim, find its port ($port)
#   gdb_session_run GDB ELF CMDS           run gdb on the command file CMDS
#                                          until the guest's END line, then
#                                          stop gdb (Ctrl-C) and cosim; prints
#                                          both outputs
#   expect REGEX FILE                      a check: sets fail=1 when missing
#
# $work (a temporary directory, removed on exit) holds uart, cosim.err and
# gdb.out.  Bounded: cosim 200 s, gdb 150 s (generous: CI machines are
# loaded).  Processes are signalled themselves, never their `timeout`
# wrappers: timeout passes a SIGINT on to its whole process group, and a
# second Ctrl-C makes gdb give up the target.
set -u
. "$(dirname "$0")/../../tools/gdb-port.sh"
work=$(mktemp -d) || exit 1
cpid=
fail=0
trap '[ -n "$cpid" ] && kill $cpid 2>/dev/null; rm -rf "$work"' EXIT

gdb_session_start() {
    timeout 200 "$1" -M shix -nographic -serial "file:$work/uart" --backend "$3" -kernel "$2" \
        -S -gdb tcp::0 </dev/null >"$work/cosim.out" 2>"$work/cosim.err" &
    cpid=$!
    port=$(cosim_gdb_port "$work/cosim.err" $cpid)
    [ -n "$port" ] || { echo "cosim did not start listening"; cat "$work/cosim.err"; exit 1; }
}

gdb_session_run() {
    timeout 150 "$1" -nx -batch -x "$3" "$2" >"$work/gdb.out" 2>&1 &
    gpid=$!
    # the guest runs on to its END line and sleeps: then stop gdb and cosim
    for i in $(seq 1 1500); do
        grep -q '^END' "$work/uart" 2>/dev/null && break
        kill -0 $gpid 2>/dev/null || break
        sleep 0.1
    done
    gdbpid=$(pgrep -P $gpid | head -1)
    kill -INT "${gdbpid:-$gpid}" 2>/dev/null
    { wait $gpid; } 2>/dev/null
    cospid=$(pgrep -P $cpid | head -1)
    kill "${cospid:-$cpid}" 2>/dev/null
    { wait $cpid; } 2>/dev/null
    cpid=
    echo "=== gdb output"; cat "$work/gdb.out"
    echo "=== guest UART"; cat "$work/uart"
}

expect() { grep -Eq -- "$1" "$2" || { echo "MISSING: $1"; fail=1; }; }
