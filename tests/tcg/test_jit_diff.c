/*
 * Differential test of the IR backends: random TBs (every op kind, many
 * temps so the JIT's register allocator spills, constants in every operand
 * position, branches, helper calls of each flag class, env accesses that
 * alias globals, guest loads/stores of every size including accesses that
 * cross a page and so take the slow path) run on the interpreter and on
 * the JIT from the same start state; registers, env scratch and memory must
 * end equal.  Each program runs unoptimized (raw shapes the optimizer would
 * have removed) and optimized (the shapes front ends produce).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "random-ir.h"
#include "toy.h"

#ifndef TCG_JIT_DIFF_ITERS
#define TCG_JIT_DIFF_ITERS 4000
#endif

/* many temps so the JIT's register allocator spills; guest accesses of
 * every size in [0x300, 0x500), across the 0x400 page edge (slow path) */
static const rir_shape jit_shape = {
    .n_temps = 24, .n_labels = 6, .mem_weight = 4, .mem_base = 0x300, .mem_span = 0x200,
    .any_size = true, .aliasing = true,
};

typedef struct snapshot {
    uint32_t r[8], scratch[8];
    uint8_t mem[0x300];
} snapshot;

static void run_one(toy_cpu *t, const uint32_t *helpers, uint64_t seed, unsigned n_ops, bool optimize,
                    const snapshot *init, snapshot *out)
{
    rir_rng r = { seed };
    rir_gen(t, &r, helpers, n_ops, &jit_shape);
    memcpy(t->r, init->r, sizeof(init->r));
    memcpy(t->scratch, init->scratch, sizeof(init->scratch));
    memcpy(t->ram + 0x300, init->mem, sizeof(init->mem));
    if (!toy_run_ir(t, optimize))
        fprintf(stderr, "compile failed\n");
    memcpy(out->r, t->r, sizeof(t->r));
    memcpy(out->scratch, t->scratch, sizeof(t->scratch));
    memcpy(out->mem, t->ram + 0x300, sizeof(out->mem));
}

CTEST(tcg_jit, random_ir_same_as_interpreter)
{
    toy_cpu *ti = calloc(1, sizeof(toy_cpu)), *tj = calloc(1, sizeof(toy_cpu));
    CT_ASSERT_TRUE(ti && tj);
    CT_ASSERT_TRUE(toy_init_backend(ti, 0, "interp"));
    CT_ASSERT_TRUE(toy_init_backend(tj, 0, "jit"));
    uint32_t hi[3], hj[3];
    toy_cpu *both[2] = { ti, tj };
    for (int b = 0; b < 2; b++) {
        rir_register_helpers(both[b]->common.ctx, b ? hj : hi);
    }
    snapshot *init = malloc(sizeof(snapshot)), *oi = malloc(sizeof(snapshot)), *oj = malloc(sizeof(snapshot));
    CT_ASSERT_TRUE(init && oi && oj);
    unsigned checked = 0;
    for (unsigned iter = 0; iter < TCG_JIT_DIFF_ITERS; iter++) {
        uint64_t seed = 0x2545f4914f6cdd1dull * (iter + 7);
        unsigned n_ops = 10 + iter % 120;
        rir_rng r = { seed ^ 0xabcdef };
        for (int i = 0; i < 8; i++) {
            init->r[i] = rir_interesting(&r);
            init->scratch[i] = rir_rnd(&r);
        }
        for (size_t i = 0; i < sizeof(init->mem); i++)
            init->mem[i] = (uint8_t)rir_rnd(&r);
        bool optimize = iter % 2;
        run_one(ti, hi, seed, n_ops, optimize, init, oi);
        run_one(tj, hj, seed, n_ops, optimize, init, oj);
        bool same = memcmp(oi, oj, sizeof(*oi)) == 0;
        if (!same) {
            rir_rng r2 = { seed };
            rir_gen(tj, &r2, hj, n_ops, &jit_shape);
            if (optimize)
                tcg_optimize(tj->common.ctx);
            fprintf(stderr, "iteration %u (optimize %d):\n", iter, optimize);
            tcg_dump_ops(tj->common.ctx, stderr);
            tj->common.log.mask = TCG_LOG_OUT_ASM;
            run_one(tj, hj, seed, n_ops, optimize, init, oj);
            tj->common.log.mask = 0;
            for (int i = 0; i < 8; i++)
                fprintf(stderr, "r%d: %08x vs %08x   scratch%d: %08x vs %08x\n", i, oi->r[i], oj->r[i],
                        i, oi->scratch[i], oj->scratch[i]);
            for (size_t i = 0; i < sizeof(oi->mem); i++)
                if (oi->mem[i] != oj->mem[i])
                    fprintf(stderr, "mem[%zx]: %02x vs %02x\n", 0x300 + i, oi->mem[i], oj->mem[i]);
        }
        CT_ASSERT_TRUE(same);
        checked++;
    }
    CT_EXPECT_EQ(checked, (unsigned)TCG_JIT_DIFF_ITERS);
    free(init);
    free(oi);
    free(oj);
    toy_destroy(ti);
    toy_destroy(tj);
    free(ti);
    free(tj);
}
