/*
 * Benchmark driver: runs the kernel(s) chosen at build time
 * (-DBENCH_ONE=bench_crc, or all of them with -DBENCH_ALL), prints one
 * checksum line per kernel on UART0 and exits through semihosting with 0,
 * or 1 if a kernel found its own result wrong.  -DBENCH_SCALE divides the
 * work (the ctest smoke builds use a small scale).
 */
#include "bench.h"
#include "fw.h"

#ifndef BENCH_SCALE
#define BENCH_SCALE 1
#endif

typedef struct kernel {
    const char *name;
    uint32_t (*fn)(unsigned);
    unsigned reps;      /* full-size repetitions */
} kernel;

static const kernel kernels[] = {
    { "crc", bench_crc, 4000 },
    { "sort", bench_sort, 1200 },
    { "matmul", bench_matmul, 800 },
    { "sieve", bench_sieve, 1000 },
    { "string", bench_string, 60000 },
    { "recursive", bench_recursive, 2500 },
    { "mmio", bench_mmio, 2000000 },
};

static void run(const kernel *k)
{
    unsigned reps = k->reps / BENCH_SCALE ? k->reps / BENCH_SCALE : 1;
    uint32_t sum = k->fn(reps);
    fw_printf("bench %s: reps %u checksum %08x\n", k->name, reps, sum);
}

int main(void)
{
#ifdef BENCH_ALL
    for (unsigned i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
        if (kernels[i].fn != bench_mmio)
            run(&kernels[i]);
#else
    for (unsigned i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
        if (kernels[i].fn == BENCH_ONE)
            run(&kernels[i]);
#endif
    if (bench_errors)
        fw_printf("bench: %u self-check errors\n", bench_errors);
    return bench_errors ? 1 : 0;
}
