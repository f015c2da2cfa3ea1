#!/bin/sh
# run-cosim.sh COSIM SHIX_RUN INPUT BACKEND FW-ARGS...
#
# Runs one SHIX firmware program on the SystemC platform,
#   COSIM -M shix -nographic --backend BACKEND FW-ARGS...
# (FW-ARGS: -kernel X.elf | -bios X.bin) with INPUT (printf %b escapes,
# may be empty) on the console's stdin, and checks the SCIF output (stdout):
#   - it must end with the line "END PASS" (the programs print it after
#     their checks, then sleep with interrupts masked for good);
#   - it must be byte for byte what the same program prints on SHIX_RUN
#     (the plain-C SHIX runner of tests/sh4/fw, run here first; it must
#     pass too), so every "ok ..." line and its order are compared.
# A firmware never exits: once its END line is out, cosim is stopped with
# SIGTERM (its handler ends the run cleanly).  The run is bounded by
# ${SH4FW_TIMEOUT:-60} seconds.  Exit 0 when both checks pass, else 1 with
# a diff and cosim's stderr.
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 COSIM SHIX_RUN INPUT BACKEND FW-ARGS..." >&2
    exit 2
fi
cosim=$1; shix_run=$2; input=$3; backend=$4; shift 4
for b in "$cosim" "$shix_run"; do
    [ -x "$b" ] || { echo "run-cosim: $b is not built" >&2; exit 1; }
done

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
printf '%b' "$input" >"$tmp/in"
ref=$tmp/ref
if [ -n "$input" ]; then
    in_str=$(printf '%b' "$input"; echo x)   # the x keeps trailing newlines
    timeout "${SH4FW_TIMEOUT:-60}" "$shix_run" "$@" --input "${in_str%x}" >"$ref" 2>"$tmp/ref-err"
else
    timeout "${SH4FW_TIMEOUT:-60}" "$shix_run" "$@" >"$ref" 2>"$tmp/ref-err"
fi
rs=$?
if [ $rs != 0 ]; then
    echo "run-cosim: the reference run on shix_run failed (status $rs):"
    cat "$ref" "$tmp/ref-err" | head -30
    exit 1
fi
timeout "${SH4FW_TIMEOUT:-60}" "$cosim" -M shix -nographic --backend "$backend" "$@" \
    <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &
pid=$!
# wait for a complete END line (or for cosim to end by itself)
while kill -0 "$pid" 2>/dev/null; do
    if grep -q '^END .*$' "$tmp/out" 2>/dev/null && [ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" = '\n' ]; then
        kill -TERM "$pid" 2>/dev/null
        break
    fi
    sleep 0.05
done
{ wait "$pid"; } 2>/dev/null
status=$?

ok=1
if [ "$(tail -n 1 "$tmp/out")" != "END PASS" ]; then
    echo "run-cosim: the output does not end with END PASS (cosim exit status $status)"
    [ "$status" = 124 ] && echo "run-cosim: (timed out after ${SH4FW_TIMEOUT:-60}s)"
    ok=0
fi
if ! cmp -s "$tmp/out" "$ref"; then
    echo "run-cosim: output differs from shix_run's (- shix_run, + cosim):"
    diff -u "$ref" "$tmp/out" | head -60
    ok=0
fi
if [ $ok = 0 ]; then
    echo "run-cosim: output:"
    head -40 "$tmp/out"
    echo "run-cosim: stderr of cosim:"
    head -20 "$tmp/err"
    exit 1
fi
exit 0
