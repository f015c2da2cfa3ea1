#!/bin/sh
# cli-check.sh MODE PATTERN COSIM ARGS...
#   MODE error: expect exit 1, nothing on stdout, exactly ONE line on
#               stderr, matching the grep -E PATTERN and starting "cosim: "
#   MODE ok:    expect exit 0 and stdout matching PATTERN
#   MODE note:  expect exit STATUS (PATTERN is "STATUS:REGEX"), REGEX
#               matching stderr's last line
# stdin is /dev/null; 30 s at most.
set -u
mode=$1; pattern=$2; shift 2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
timeout 30 "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
status=$?
fail() { echo "FAIL: $*"; echo "--- stdout"; head -5 "$tmp/out"; echo "--- stderr"; head -5 "$tmp/err"; exit 1; }
case $mode in
error)
    [ "$status" = 1 ] || fail "exit status $status, expected 1"
    [ -s "$tmp/out" ] && fail "stdout is not empty"
    [ "$(wc -l <"$tmp/err")" = 1 ] || fail "stderr has $(wc -l <"$tmp/err") lines, expected 1"
    grep -q '^cosim: ' "$tmp/err" || fail "stderr does not start with 'cosim: '"
    grep -Eq -- "$pattern" "$tmp/err" || fail "stderr does not match /$pattern/"
    ;;
ok)
    [ "$status" = 0 ] || fail "exit status $status, expected 0"
    grep -Eq -- "$pattern" "$tmp/out" || fail "stdout does not match /$pattern/"
    ;;
note)
    want=${pattern%%:*}; re=${pattern#*:}
    [ "$status" = "$want" ] || fail "exit status $status, expected $want"
    tail -1 "$tmp/err" | grep -Eq -- "$re" || fail "last stderr line does not match /$re/"
    ;;
*) echo "bad mode $mode"; exit 2 ;;
esac
exit 0
