#!/bin/sh
# run-compare.sh EXPECTED-STDOUT EXPECTED-STATUS PROGRAM ARGS...
# Runs PROGRAM (stdin /dev/null, 60 s at most) and compares its stdout
# and exit status with the expectations; prints a diff on mismatch.
set -u
exp_out=$1; exp_status=$2; shift 2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
timeout 60 "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
status=$?
ok=1
if ! cmp -s "$exp_out" "$tmp/out"; then
    echo "stdout differs (- expected, + actual):"; diff -u "$exp_out" "$tmp/out" | head -40; ok=0
fi
if [ "$status" != "$exp_status" ]; then
    echo "exit status $status, expected $exp_status"; ok=0
fi
if [ $ok = 0 ]; then echo "stderr:"; head -20 "$tmp/err"; exit 1; fi
exit 0
