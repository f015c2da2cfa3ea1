# linux-console.sh: sourced by the Linux boot tests (tests/arm/linux,
# tests/sh4/linux), whose kernels run an /init that halts the machine.
#
#   linux_boot OUT ERR TIMEOUT-S PROGRAM [ARGS...]
#       runs the emulator with the console (stdout) in OUT and stderr in
#       ERR until "reboot: System halted" or a kernel panic is on the
#       console, or TIMEOUT-S seconds passed (then it says so and returns
#       1); either way the emulator gets SIGTERM (itself, not a wrapper:
#       the kernel never exits on its own).
#   linux_expect FILE TEXT...    every TEXT must occur in FILE
#   linux_reject FILE TEXT...    no TEXT may occur in FILE
# Both set linux_ok=0 and say which text when a check fails.
linux_ok=1

linux_boot() {
    out=$1; err=$2; limit=$(( $3 * 10 )); shift 3
    "$@" </dev/null >"$out" 2>"$err" &
    pid=$!
    n=0
    rc=0
    while kill -0 "$pid" 2>/dev/null; do
        if grep -q -e '^reboot: System halted' -e 'Kernel panic' "$out" 2>/dev/null; then
            sleep 0.2   # the rest of a panic message
            break
        fi
        n=$((n + 1))
        if [ $n -ge $limit ]; then
            echo "$1: no halt after $((limit / 10)) s"
            rc=1
            break
        fi
        sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return $rc
}

linux_expect() {
    f=$1; shift
    for t in "$@"; do
        grep -qF -- "$t" "$f" || { echo "missing: $t"; linux_ok=0; }
    done
}

linux_reject() {
    f=$1; shift
    for t in "$@"; do
        if grep -qF -- "$t" "$f"; then
            echo "unexpected: $(grep -F -- "$t" "$f" | head -1)"
            linux_ok=0
        fi
    done
}
