#!/bin/sh
# run-bench.sh [-n RUNS] [-b BACKEND] [-o REPORT.md] COSIM BENCH_DIR [QEMU]
#
# Runs every benchmark ELF (bench_<k>.elf in BENCH_DIR, built by the
# `bench` target into <build>/tests/bench) on
#   COSIM -M versatilepb -nographic -semihosting -kernel ELF --backend B
#   QEMU  -M versatilepb -nographic -semihosting -kernel ELF
# alternating the two, RUNS times each (default 5), checks that both print
# the same output, and prints per benchmark: the median wall time of each,
# the ratio cosim/qemu, guest MIPS of both (guest instructions from cosim's
# --stats line "guest instructions N", see tcg_cpu_print_stats; "-" while
# the cosim binary has no --stats option) and the geometric mean of the
# ratios over the compute kernels (all but mmio).  -o also writes the table
# as Markdown (docs/performance.md quotes it).
#
# When /usr/bin/time exists, the CPU time (user + system) of each run is
# measured too and reported as a second ratio: on a shared, loaded machine
# the wall time mostly measures the scheduler, the CPU time much less so.
set -u
runs=5; be=jit; report=
while getopts n:b:o: opt; do
    case $opt in
    n) runs=$OPTARG ;; b) be=$OPTARG ;; o) report=$OPTARG ;;
    *) echo "usage: $0 [-n RUNS] [-b BACKEND] [-o REPORT.md] COSIM BENCH_DIR [QEMU]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { echo "usage: $0 [-n RUNS] [-b BACKEND] [-o REPORT.md] COSIM BENCH_DIR [QEMU]" >&2; exit 2; }
cosim=$1; dir=$2; qemu=${3:-$(command -v qemu-system-arm)}
[ -x "$cosim" ] || { echo "run-bench: $cosim is not executable" >&2; exit 2; }
[ -x "$qemu" ] || { echo "run-bench: qemu-system-arm not found" >&2; exit 2; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
# run_timed CPUFILE CMD...: run CMD, append its user+system CPU seconds
if [ -x /usr/bin/time ]; then
    run_timed() {
        f=$1; shift
        /usr/bin/time -f '%U %S' -o "$tmp/t" "$@"
        awk '{print $1 + $2}' "$tmp/t" >>"$f"
    }
else
    run_timed() { shift; "$@"; }
fi
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# guest instruction count from cosim's exact counter (--stats)
count_insns() {
    "$cosim" -M versatilepb -nographic -semihosting -kernel "$1" --backend "$be" --stats \
        </dev/null 2>&1 >/dev/null | awk '/guest instructions/ {print $3}'
}

printf '%-10s %10s %10s %8s %10s %10s %8s %8s %8s\n' benchmark cosim_s qemu_s ratio cosim_MIPS qemu_MIPS \
    cosim_cpu qemu_cpu cpu_ratio
[ -n "$report" ] && {
    echo "| benchmark | cosim ($be) median s | qemu median s | ratio cosim/qemu | guest Minsns | cosim MIPS | qemu MIPS | cosim CPU s | qemu CPU s | CPU ratio |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$report"
logsum=0; nlog=0; clogsum=0; cnlog=0; status=0
for k in crc sort matmul sieve string recursive thumb mmio; do
    elf=$dir/bench_$k.elf
    [ -f "$elf" ] || { echo "run-bench: missing $elf" >&2; status=1; continue; }
    : >"$tmp/c"; : >"$tmp/q"; : >"$tmp/cc"; : >"$tmp/qc"
    i=0
    while [ $i -lt "$runs" ]; do
        t0=$(now)
        run_timed "$tmp/cc" timeout 600 "$cosim" -M versatilepb -nographic -semihosting -kernel "$elf" \
            --backend "$be" </dev/null >"$tmp/cout" 2>/dev/null
        t1=$(now)
        run_timed "$tmp/qc" timeout 600 "$qemu" -M versatilepb -nographic -semihosting -kernel "$elf" \
            -audiodev none,id=n </dev/null >"$tmp/qout" 2>/dev/null
        t2=$(now)
        echo "$t1 - $t0" | bc -l >>"$tmp/c"
        echo "$t2 - $t1" | bc -l >>"$tmp/q"
        if ! cmp -s "$tmp/cout" "$tmp/qout"; then
            echo "run-bench: $k: cosim and qemu outputs differ" >&2; status=1
        fi
        i=$((i + 1))
    done
    c=$(median <"$tmp/c"); q=$(median <"$tmp/q")
    ratio=$(echo "$c / $q" | bc -l)
    cc=-; qc=-; cratio=-
    if [ -s "$tmp/cc" ] && [ -s "$tmp/qc" ]; then
        cc=$(median <"$tmp/cc"); qc=$(median <"$tmp/qc")
        cratio=$(echo "$cc / $qc" | bc -l)
    fi
    n=$(count_insns "$elf")
    if [ -n "$n" ]; then
        cm=$(echo "$n / $c / 1000000" | bc -l); qm=$(echo "$n / $q / 1000000" | bc -l)
        mi=$(echo "$n / 1000000" | bc -l)
    else
        cm=-; qm=-; mi=-
    fi
    fmt() { case $1 in -) echo - ;; *) printf '%.0f' "$1" ;; esac; }
    fmt2() { case $1 in -) echo - ;; *) printf '%.2f' "$1" ;; esac; }
    printf '%-10s %10.3f %10.3f %8.2f %10s %10s %8s %8s %8s\n' "$k" "$c" "$q" "$ratio" "$(fmt "$cm")" \
        "$(fmt "$qm")" "$(fmt2 "$cc")" "$(fmt2 "$qc")" "$(fmt2 "$cratio")"
    [ -n "$report" ] && printf '| %s | %.3f | %.3f | %.2f | %s | %s | %s | %s | %s | %s |\n' "$k" "$c" "$q" \
        "$ratio" "$(fmt "$mi")" "$(fmt "$cm")" "$(fmt "$qm")" "$(fmt2 "$cc")" "$(fmt2 "$qc")" \
        "$(fmt2 "$cratio")" >>"$report"
    if [ "$k" != mmio ]; then
        logsum=$(echo "$logsum + l($ratio)" | bc -l); nlog=$((nlog + 1))
        if [ "$cratio" != - ]; then
            clogsum=$(echo "$clogsum + l($cratio)" | bc -l); cnlog=$((cnlog + 1))
        fi
    fi
done
geo=$(echo "e($logsum / $nlog)" | bc -l)
printf 'geometric mean of cosim/qemu over the %d compute kernels: %.2f\n' "$nlog" "$geo"
[ -n "$report" ] && printf '\nGeometric mean of cosim/qemu over the %d compute kernels: **%.2f**\n' "$nlog" "$geo" >>"$report"
if [ "$cnlog" -gt 0 ]; then
    cgeo=$(echo "e($clogsum / $cnlog)" | bc -l)
    printf 'geometric mean of the CPU-time ratios: %.2f\n' "$cgeo"
    [ -n "$report" ] && printf 'Geometric mean of the CPU-time ratios: **%.2f**\n' "$cgeo" >>"$report"
fi
exit $status
