#!/bin/sh
# gen-golden.sh BUILD-DIR [NAME...]
#
# Regenerates golden/<name>.out and golden/<name>.status by running each
# program's ELF (BUILD-DIR/<name>.elf, BUILD-DIR being the firmware build
# directory, e.g. build/tests/firmware) on qemu-system-arm, the oracle.
# Without names it does every *.elf in BUILD-DIR.  Each program is run
# twice and must give identical output both times; programs with a
# hand-written golden in golden-arch/ are skipped (a timing-dependent
# program is a broken test); review `git diff tests/firmware/golden`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ]; then
    echo "usage: $0 BUILD-DIR [NAME...]" >&2
    exit 2
fi
dir=$1; shift
qemu=${QEMU:-qemu-system-arm}
command -v "$qemu" >/dev/null || { echo "gen-golden: $qemu not found" >&2; exit 1; }
if [ $# -eq 0 ]; then
    set --
    for e in "$dir"/*.elf; do
        n=$(basename "$e" .elf)
        set -- "$@" "$n"
    done
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
rc=0
for n in "$@"; do
    if [ -f "$here/golden-arch/$n.out" ]; then
        echo "gen-golden: $n has an architectural golden (golden-arch/): skipped"
        continue
    fi
    elf=$dir/$n.elf
    [ -f "$elf" ] || { echo "gen-golden: no $elf" >&2; rc=1; continue; }
    for run in 1 2; do
        timeout 10 "$qemu" -M versatilepb -nographic -semihosting \
            -audiodev none,id=n -kernel "$elf" </dev/null >"$tmp/out$run" 2>"$tmp/err"
        echo $? >"$tmp/status$run"
    done
    if ! cmp -s "$tmp/out1" "$tmp/out2" || ! cmp -s "$tmp/status1" "$tmp/status2"; then
        echo "gen-golden: $n is not deterministic; golden not written" >&2
        diff "$tmp/out1" "$tmp/out2" | head -10 >&2
        rc=1
        continue
    fi
    cp "$tmp/out1" "$here/golden/$n.out"
    cp "$tmp/status1" "$here/golden/$n.status"
    echo "gen-golden: $n status $(cat "$tmp/status1"), $(wc -l <"$tmp/out1") lines"
done
exit $rc
