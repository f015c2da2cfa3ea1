#!/bin/sh
# End-to-end: gdb-multiarch in batch mode against `cosim -S -gdb tcp::0`
# running a firmware ELF on the Versatile PB.
#   run-cosim-gdb.sh COSIM GDB ELF BACKEND SCRIPT.gdb
# The script is a gdb command file; @PORT@ becomes the port cosim bound.
# Lines in it starting with "#@" say what to check (all must hold):
#   #@ expect REGEX         gdb's output (stdout+stderr) matches REGEX (grep -E)
#   #@ reject REGEX         gdb's output does not match REGEX
#   #@ output REGEX         cosim's stdout (the guest's UART) matches REGEX
#   #@ outcount N REGEX     exactly N lines of cosim's stdout match REGEX
#   #@ status N             cosim exits with status N
#   #@ interrupt REGEX      once cosim's stdout matches REGEX (the guest is
#                           running), send SIGINT to gdb (Ctrl-C)
#   #@ reattach SCRIPT2     after gdb ends, run SCRIPT2 (same file's
#                           directory) with a second gdb; its checks use
#                           "#@ expect2" / "#@ reject2"
# Everything is bounded: each gdb 150 s, cosim 60 s after the last gdb, 200 s in all.
set -u
. "$(dirname "$0")/../tools/gdb-port.sh"
cosim=$1; gdb=$2; elf=$3; backend=$4; script=$5
work=$(mktemp -d)
cpid=
trap '[ -n "$cpid" ] && kill $cpid 2>/dev/null; rm -rf "$work"' EXIT

timeout 200 "$cosim" -M versatilepb -nographic -semihosting -kernel "$elf" \
    --backend "$backend" -S -gdb tcp::0 </dev/null >"$work/cosim.out" 2>"$work/cosim.err" &
cpid=$!
port=$(cosim_gdb_port "$work/cosim.err" $cpid)
if [ -z "$port" ]; then
    echo "cosim did not start listening"; cat "$work/cosim.err"; exit 1
fi

directive() { sed -n "s/^#@ $1 //p" "$script"; }

run_gdb() {   # run_gdb SCRIPT OUT
    sed "s/@PORT@/$port/g" "$1" >"$work/cmds"
    timeout 150 "$gdb" -nx -batch -x "$work/cmds" "$elf" >"$2" 2>&1 &
    gpid=$!
    re=$(directive interrupt)
    if [ -n "$re" ] && [ "$1" = "$script" ]; then
        for i in $(seq 1 300); do
            grep -Eq -- "$re" "$work/cosim.out" && break
            sleep 0.1
        done
        sleep 0.5
        # to gdb itself: `timeout` would pass a SIGINT on to gdb AND to its
        # process group, and a second Ctrl-C makes gdb give up the target
        gdbpid=$(pgrep -P $gpid | head -1)
        kill -INT "${gdbpid:-$gpid}" 2>/dev/null
    fi
    wait $gpid
}

run_gdb "$script" "$work/gdb.out"
second=$(directive reattach)
if [ -n "$second" ]; then
    run_gdb "$(dirname "$script")/$second" "$work/gdb2.out"
fi

# cosim ends by itself (guest exit, kill); if it does not within 60 s
# (a failed script left it running), it is stopped and the test fails
for i in $(seq 1 600); do
    kill -0 $cpid 2>/dev/null || break
    sleep 0.1
done
kill $cpid 2>/dev/null && echo "cosim still running after gdb ended: killed"
wait $cpid
cstatus=$?
cpid=

echo "=== gdb output"; cat "$work/gdb.out"
[ -f "$work/gdb2.out" ] && { echo "=== second gdb output"; cat "$work/gdb2.out"; }
echo "=== cosim stdout"; cat "$work/cosim.out"
echo "=== cosim stderr"; cat "$work/cosim.err"
echo "=== cosim exit status $cstatus"

fail=0
check() {   # check KIND FILE
    directive "$1" >"$work/patterns"
    while IFS= read -r re; do
        case $1 in
        expect*|output)
            grep -Eq -- "$re" "$2" || { echo "MISSING ($1): $re"; fail=1; } ;;
        reject*)
            grep -Eq -- "$re" "$2" && { echo "UNEXPECTED ($1): $re"; fail=1; } ;;
        outcount)
            n=${re%% *}; re=${re#* }
            got=$(grep -Ec -- "$re" "$2")
            [ "$got" = "$n" ] || { echo "COUNT ($1): $got lines match $re, want $n"; fail=1; } ;;
        esac
    done <"$work/patterns"
}
check expect "$work/gdb.out"
check reject "$work/gdb.out"
check output "$work/cosim.out"
check outcount "$work/cosim.out"
if [ -f "$work/gdb2.out" ]; then
    check expect2 "$work/gdb2.out"
    check reject2 "$work/gdb2.out"
fi
want=$(directive status)
if [ -n "$want" ] && [ "$cstatus" != "$want" ]; then
    echo "cosim exit status $cstatus, want $want"; fail=1
fi
[ "$fail" = 0 ] && echo "PASS"
exit $fail
