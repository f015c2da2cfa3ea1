#!/bin/sh
# determinism.sh COSIM ELF [ARGS...]
#
# Runs the same firmware three times -- twice with the default backend and
# once with the portable interpreter -- with --stats, and checks that the
# guest's output, its exit status, the guest instruction count, the cycle
# count and the final simulated time are identical in every run.  Host
# figures (MIPS, TB counts) are left out: they may differ.
set -u
cosim=$1; elf=$2; shift 2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

run() {  # run TAG [extra args]
    tag=$1; shift
    timeout 120 "$cosim" -M versatilepb -nographic -semihosting -kernel "$elf" \
        --stats "$@" </dev/null >"$tmp/$tag.out" 2>"$tmp/$tag.err"
    echo "status $?" >"$tmp/$tag.key"
    grep -E '^  (guest instructions|guest cycles|simulated time) ' "$tmp/$tag.err" >>"$tmp/$tag.key"
    cat "$tmp/$tag.out" >>"$tmp/$tag.key"
}
run a "$@"
run b "$@"
run c --backend interp "$@"

n=$(grep -cE '^  (guest instructions|guest cycles|simulated time) ' "$tmp/a.err")
if [ "$n" != 3 ]; then
    echo "determinism: --stats did not print instructions, cycles and simulated time:"
    cat "$tmp/a.err"
    exit 1
fi
ok=0
for t in b c; do
    if ! cmp -s "$tmp/a.key" "$tmp/$t.key"; then
        echo "determinism: run '$t' differs from run 'a':"
        diff -u "$tmp/a.key" "$tmp/$t.key" | head -40
        ok=1
    fi
done
[ $ok = 0 ] && head -4 "$tmp/a.key"
exit $ok
