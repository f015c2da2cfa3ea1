/*
 * Random IR programs for the randomized tests of the translation core:
 * test_opt.c (optimized vs unoptimized, on one backend) and
 * test_jit_diff.c (interpreter vs JIT).  A program is one TB over the toy
 * CPU (toy.h): every pure op kind, setcond/movcond, double-word ops,
 * forward branches, early exits, helper calls of each flag class, env
 * accesses that alias the globals, guest loads and stores, insn_start
 * markers; every temp is defined before it is read.  The same seed gives
 * the same program, so a failing one can be regenerated for the log.
 */
#ifndef TESTS_TCG_RANDOM_IR_H
#define TESTS_TCG_RANDOM_IR_H

#include <stdbool.h>
#include <stdint.h>

#include "toy.h"

typedef struct rir_rng { uint64_t s; } rir_rng;

uint32_t rir_rnd(rir_rng *r);
/* an edge value (0, 1, 31, 32, 0x80000000, ...) two times in three */
uint32_t rir_interesting(rir_rng *r);

/* Registers the three helpers programs call, in s: [0] reads and writes
 * globals (flags 0), [1] reads globals only (TCG_CALL_NO_WG), [2] pure. */
void rir_register_helpers(tcg_ctx *s, uint32_t helpers[3]);

typedef struct rir_shape {
    unsigned n_temps;        /* more than the host has registers: spills   */
    unsigned n_labels;
    unsigned mem_weight;     /* guest accesses: mem_weight draws in 40 + it */
    uint32_t mem_base;       /* guest accesses stay in [mem_base,           */
    uint32_t mem_span;       /*                         mem_base + mem_span) */
    bool any_size;           /* 8/16/32-bit at any alignment (page-crossing */
                             /* when the range spans a page edge); else     */
                             /* aligned words and signed bytes              */
    bool aliasing;           /* ops in place, movcond keeping its target    */
} rir_shape;

/* Emits a program of about n_ops ops into t's context (reset first). */
void rir_gen(toy_cpu *t, rir_rng *r, const uint32_t helpers[3], unsigned n_ops, const rir_shape *shape);

#endif
