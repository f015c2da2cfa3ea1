#!/bin/sh
# run-linux.sh COSIM KERNEL-DIR BACKEND
#
# Boots the SHIX test kernel (build-kernel.sh's KERNEL-DIR/vmlinux and
# initramfs.cpio) on
#   COSIM -M shix -nographic --backend BACKEND -kernel vmlinux
#         -append "console=ttySC1" -initrd initramfs.cpio --stats
# and checks the console (the SCIF, ttySC1): the kernel banner, the boot
# parameters cosim passed (command line, initrd), the serial console, the
# initramfs, /init's lines (init.c) and the halt it asks for -- and no
# panic, oops, BUG or WARNING.  The kernel never exits: once "reboot: System
# halted" is out (or the kernel panicked), cosim is stopped with SIGTERM
# (sent to cosim itself).  The run is bounded by ${SH4LINUX_TIMEOUT:-240}
# seconds.  Prints the console and cosim's --stats; exit 0 when every
# check passes, else 1.
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 COSIM KERNEL-DIR BACKEND" >&2
    exit 2
fi
cosim=$1; dir=$2; backend=$3
for f in "$dir/vmlinux" "$dir/initramfs.cpio"; do
    [ -f "$f" ] || { echo "run-linux: $f is missing (build-kernel.sh builds it: test sh4linux.build)"; exit 1; }
done
[ -x "$cosim" ] || { echo "run-linux: $cosim is not built"; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
"$cosim" -M shix -nographic --backend "$backend" -kernel "$dir/vmlinux" -append "console=ttySC1" \
    -initrd "$dir/initramfs.cpio" --stats </dev/null >"$tmp/out" 2>"$tmp/err" &
pid=$!
limit=$(( ${SH4LINUX_TIMEOUT:-240} * 10 ))
n=0
while kill -0 "$pid" 2>/dev/null; do
    if grep -q -e '^reboot: System halted' -e 'Kernel panic' "$tmp/out" 2>/dev/null; then
        sleep 0.2   # the rest of a panic message
        break
    fi
    n=$((n + 1))
    if [ $n -ge $limit ]; then
        echo "run-linux: no halt after ${SH4LINUX_TIMEOUT:-240} s"
        break
    fi
    sleep 0.1
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
end=$(date +%s)

echo "--- console ($backend, $((end - start)) s)"
cat "$tmp/out"
echo "--- cosim stderr"
cat "$tmp/err"

ok=1
expect() {
    grep -qF -- "$1" "$tmp/out" || { echo "run-linux: missing: $1"; ok=0; }
}
expect "Linux version 6.1"
expect "... LOADER_TYPE       - 00000001"
expect "Kernel command line: console=ttySC1"
expect "CPU: SH7750"
expect "sh-tmu.0: ch0: used for clock events"
expect "clocksource: Switched to clocksource sh-tmu.0"
expect "Unpacking initramfs..."
expect "sh-sci.1: ttySC1 at MMIO 0xffe80000"
expect "printk: console [ttySC1] enabled"
expect "Freeing unused kernel image (initmem) memory"
expect "Run /init as init process"
expect "init: hello from userspace"
expect "init: pid 1"
expect "init: /proc/version: Linux version 6.1"
expect "init: halting"
expect "reboot: System halted"
for bad in "Kernel panic" "Oops" "BUG:" "WARNING:" "Unable to handle" "initrd disabled" "init: reboot returned" \
           "failed"; do
    if grep -qF -- "$bad" "$tmp/out"; then
        echo "run-linux: unexpected: $(grep -F -- "$bad" "$tmp/out" | head -1)"
        ok=0
    fi
done
if [ $ok = 1 ]; then
    echo "run-linux: PASS ($backend)"
    exit 0
fi
echo "run-linux: FAIL ($backend)"
exit 1
