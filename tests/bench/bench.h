/*
 * bench.h: the benchmark kernels (kernels.c) and their driver (main.c).
 *
 * Each kernel does a fixed amount of integer work scaled by `reps`,
 * checks its own result where it can (a sort must be sorted, CRC tables
 * must agree with the bitwise algorithm) and returns a checksum that
 * depends on every step, so an emulator bug shows as a wrong checksum.
 * Nothing depends on time or on device timing, so the checksum is the
 * same on every correct emulator.  Guest code: plain globals are fine.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

uint32_t bench_crc(unsigned reps);
uint32_t bench_sort(unsigned reps);
uint32_t bench_matmul(unsigned reps);
uint32_t bench_sieve(unsigned reps);
uint32_t bench_string(unsigned reps);
uint32_t bench_recursive(unsigned reps);
uint32_t bench_mmio(unsigned reps);

/* set by a kernel that found its own result wrong */
extern unsigned bench_errors;

#endif
