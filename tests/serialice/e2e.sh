#!/bin/sh
# e2e.sh CASE COSIM FIRMWARE [OBJDUMP]
#
# SerialICE end to end with two cosim processes and no hardware:
#   target: cosim -M versatilepb --serialice-target pty[,fault=...]
#           (the "real board": its serial0 goes to target.out)
#   host:   cosim -M versatilepb -kernel FIRMWARE -serialice dev=PTY,log=...
#           -serialice-forward UART0 -serialice-forward TIMER23
# and a baseline run of FIRMWARE alone.  "The same output" means: the
# target's serial0 output equals the baseline's UART0 output (the
# forwarded UART writes land on the board's UART), and the host's own
# stdout is empty.
#
# CASE:
#   clean              no fault: same output, status 0, the access log is
#                      complete (one line per access the board served) and
#                      carries the guest PC (a load or store there, checked with OBJDUMP)
#   recover-MODE       the board misbehaves once on a read (command 20):
#                      the host retries, the run completes with the same
#                      output and a warning naming the access
#   signal             SIGTERM while the host waits on a stalled board: status
#                      1, and the log is flushed and complete all the same
#   fatal-MODE         the board misbehaves so the host must stop: status 1,
#                      one message naming the access, the log ends with the
#                      reason and holds every access before it, the board's
#                      output is a prefix of the baseline's, nothing hangs
# Every process runs under timeout.
set -u
case=$1; cosim=$2; fw=$3; objdump=${4:-}
tmp=$(mktemp -d) || exit 1
tpid=
hpid=
cleanup() {
    [ -n "$hpid" ] && kill "$hpid" 2>/dev/null
    [ -n "$tpid" ] && kill "$tpid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL ($case): $*"
    for f in host.err target.err; do
        [ -f "$tmp/$f" ] && { echo "--- $f"; tail -8 "$tmp/$f"; }
    done
    [ -f "$tmp/access.log" ] && { echo "--- access.log (tail)"; tail -4 "$tmp/access.log"; }
    exit 1
}

# ---- the baseline -------------------------------------------------------
timeout 60 "$cosim" -M versatilepb -nographic -semihosting -kernel "$fw" </dev/null \
    >"$tmp/base.out" 2>"$tmp/base.err"
[ $? = 0 ] || fail "baseline run failed: $(cat "$tmp/base.err")"
[ -s "$tmp/base.out" ] || fail "baseline printed nothing"
grep -q '^PASS' "$tmp/base.out" || fail "baseline firmware did not pass"

# ---- the board ----------------------------------------------------------
fault=
hostopts=
case $case in
clean) ;;
signal) fault=stall@20:8000 ;;
recover-stall) fault=stall@20:600; hostopts=,timeout=400 ;;
recover-*) fault=${case#recover-}@20 ;;
fatal-stall) fault=stall@20x2:600; hostopts=,timeout=400 ;;
fatal-reset | fatal-disconnect) fault=${case#fatal-}@20 ;;
fatal-*) fault=${case#fatal-}@20x2 ;;
*) echo "unknown case $case"; exit 2 ;;
esac
spec=pty
[ -n "$fault" ] && spec="pty,fault=$fault"
timeout 120 "$cosim" -M versatilepb --serialice-target "$spec" -serial "file:$tmp/target.out" \
    </dev/null >"$tmp/target.stdout" 2>"$tmp/target.err" &
tpid=$!
pty=
for _ in $(seq 100); do
    pty=$(sed -n 's/^cosim: serialice target: serving SerialICE on \([^ ]*\) .*/\1/p' "$tmp/target.err")
    [ -n "$pty" ] && break
    kill -0 "$tpid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$pty" ] || fail "the target did not announce its pty"

# ---- the host -----------------------------------------------------------
timeout 120 "$cosim" -M versatilepb -nographic -semihosting -serial null -kernel "$fw" \
    -serialice "dev=$pty,log=$tmp/access.log$hostopts" \
    -serialice-forward 0x101f1000+0x1000,name=UART0 \
    -serialice-forward 0x101e3000+0x1000,name=TIMER23 \
    </dev/null >"$tmp/host.out" 2>"$tmp/host.err" &
hpid=$!
if [ "$case" = signal ]; then
    # the board stalls 8 s on command 20 (the host's timeout is 10 s):
    # interrupt the host while it waits.  Wait for the first forwarded byte
    # (the host is past its handshake and forwarding; a loaded machine may
    # take seconds to get there), then give it time to reach the stall.
    for _ in $(seq 600); do
        [ -s "$tmp/target.out" ] && break
        kill -0 "$hpid" 2>/dev/null || break
        sleep 0.1
    done
    sleep 1.5
    # to cosim itself: `timeout` would pass the signal on to cosim AND to its
    # process group, and cosim takes a second signal as "give up at once"
    cpid=$(pgrep -P "$hpid" | head -1)
    kill -TERM "${cpid:-$hpid}"
fi
wait "$hpid"
hstatus=$?
hpid=
# the board ends when the host closes the line (bounded by its timeout)
wait "$tpid"
tstatus=$?
tpid=
[ "$tstatus" = 0 ] || fail "target exit status $tstatus"
grep -q "^cosim: serialice target: .* after [0-9]* commands" "$tmp/target.err" ||
    fail "target did not report its end"
[ -s "$tmp/host.out" ] && fail "host stdout is not empty (UART0 output should be on the board)"
[ -f "$tmp/access.log" ] || fail "no access log"

log=$tmp/access.log
# the log's access lines: one per access the guest made to a forwarded range
grep -Eq '^[0-9a-f]{4,}\.[0-9a-f]{4,}    [RI][H.][Q.][UFD.]    \[0000:[0-9a-f]{8}\]   ' "$log" ||
    fail "log lines are not in the SerialICE format"
bad=$(grep -Evc '^[0-9a-f]{4,}\.[0-9a-f]{4,}    [RI][H.][Q.][UFD.]    \[0000:[0-9a-f]{8}\]   [A-Za-z0-9]+: ' "$log")
[ "$bad" = 0 ] || fail "$bad log lines are malformed"
outbytes=$(wc -c <"$tmp/target.out")
dr_writes=$(grep -c 'RH..    \[0000:[0-9a-f]*\]   UART0: writel 101f1000 <= ' "$log")
[ "$dr_writes" = "$outbytes" ] ||
    fail "log has $dr_writes writes to UART0 DR, the board printed $outbytes bytes"

case $case in
clean | recover-*)
    [ "$hstatus" = 0 ] || fail "host exit status $hstatus"
    cmp -s "$tmp/base.out" "$tmp/target.out" || {
        diff "$tmp/base.out" "$tmp/target.out" | head -10
        fail "board output differs from the baseline"
    }
    timer=$(grep -c 'RH..    \[0000:[0-9a-f]*\]   TIMER23: ' "$log")
    [ "$timer" -ge 9 ] || fail "only $timer timer accesses logged"
    grep -q '^[0-9a-f.]*    I' "$log" && fail "information line in a successful run's log"
    ;;
esac

case $case in
clean | signal)
    # complete: the board served exactly the accesses the log lists
    n=$(grep -c '^[0-9a-f.]*    RH' "$log")
    reads=$(sed -n 's/.* (\([0-9]*\) memory reads, \([0-9]*\) memory writes.*/\1/p' "$tmp/target.err")
    writes=$(sed -n 's/.* (\([0-9]*\) memory reads, \([0-9]*\) memory writes.*/\2/p' "$tmp/target.err")
    [ -n "$reads" ] || fail "no counts from the target"
    [ "$n" = $((reads + writes)) ] || fail "log has $n accesses, the board served $reads reads + $writes writes"
    [ "$(grep -c 'UART0:  readl 101f1018' "$log")" -ge "$outbytes" ] || fail "fewer FR polls than bytes"
    if [ "$case" = signal ]; then
        [ "$hstatus" = 1 ] || fail "host exit status $hstatus after SIGINT, expected 1"
        tail -1 "$tmp/host.err" | grep -q '^cosim: stopped by a signal$' || fail "no signal note"
        [ "$outbytes" -lt "$(wc -c <"$tmp/base.out")" ] || fail "the run was not cut short"
    else
        grep -q 'TIMER23: writel 101e3000 <= 00000100' "$log" || fail "timer LOAD write not logged"
    fi
    # ids count up from 1 with no gap
    last=$(tail -1 "$log" | sed 's/^0000\.\([0-9a-f]*\) .*/\1/')
    [ "$((0x$last))" = "$n" ] || fail "last id $last, $n lines"
    # the guest PC: each logged PC holds a store (writes) or a load (reads)
    # in the firmware, checked against its disassembly
    if [ -n "$objdump" ]; then
        sed -n 's/.*\[0000:\([0-9a-f]*\)\]   [A-Z0-9]*: *\(write\|read\).*/\1 \2/p' "$log" | sort -u >"$tmp/pcs"
        [ -s "$tmp/pcs" ] || fail "no PCs in the log"
        while read -r pc kind; do
            short=$(printf '%x' $((0x$pc)))
            insn=$("$objdump" -d --start-address=0x$pc --stop-address=$((0x$pc + 4)) "$fw" |
                   sed -n "s/^ *$short:[[:space:]]*[0-9a-f]*[[:space:]]*\([a-z]*\).*/\1/p")
            case $kind:$insn in
            write:str*) ;;
            read:ldr*) ;;
            *) fail "logged $kind at pc $pc, but the instruction there is '$insn'" ;;
            esac
        done <"$tmp/pcs"
    fi
    ;;
recover-*)
    grep -Eq '^cosim: serialice: (read|write) 0x[0-9a-f]{8}\.[bwlq].*: .*resynchronised, retrying$' \
        "$tmp/host.err" || fail "no retry warning naming the access"
    ;;
fatal-*)
    [ "$hstatus" = 1 ] || fail "host exit status $hstatus, expected 1"
    last=$(tail -1 "$tmp/host.err")
    printf '%s\n' "$last" | grep -Eq '^cosim: serialice: (read|write) 0x[0-9a-f]{8}\.[bwlq].*stopping' ||
        fail "last host message does not name the access: $last"
    case $case in
    fatal-reset) printf '%s\n' "$last" | grep -q 'the board reset' || fail "not reported as a reset: $last" ;;
    fatal-disconnect) printf '%s\n' "$last" | grep -q 'the board is gone' || fail "not reported as gone: $last" ;;
    fatal-stall) printf '%s\n' "$last" | grep -q 'timeout' || fail "not reported as a timeout: $last" ;;
    *) printf '%s\n' "$last" | grep -q 'failed again after 1 retry' || fail "no retry before stopping: $last" ;;
    esac
    # flushed, ending with the reason
    tail -1 "$log" | grep -Eq '^[0-9a-f.]*    I\.\.\.    \[0000:[0-9a-f]{8}\]   SerialICE: serialice: ' ||
        fail "the log does not end with the reason"
    # the board printed a proper prefix of the baseline output
    head -c "$outbytes" "$tmp/base.out" | cmp -s - "$tmp/target.out" || fail "board output is not a prefix"
    [ "$outbytes" -lt "$(wc -c <"$tmp/base.out")" ] || fail "the run was not cut short"
    ;;
esac
echo "ok ($case): $outbytes bytes, $(grep -c '    R' "$log") accesses logged"
exit 0
