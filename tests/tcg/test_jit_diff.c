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
#include "toy.h"

#ifndef TCG_JIT_DIFF_ITERS
#define TCG_JIT_DIFF_ITERS 4000
#endif

typedef struct rng { uint64_t s; } rng;
static uint32_t rnd(rng *r)
{
    r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(r->s >> 33);
}

static uint32_t interesting(rng *r)
{
    static const uint32_t v[] = { 0, 1, 2, 31, 32, 33, 0x7fffffff, 0x80000000, 0xffffffff, 0xff,
                                  0xffff, 0x80, 0x8000 };
    return rnd(r) % 3 ? v[rnd(r) % 13] : rnd(r);
}

static uint32_t helper_rw(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    toy_cpu *t = env;
    t->r[7] ^= a0 + 0x1234u;
    t->r[2] += a3;
    return t->r[3] * 3u + a1 - a2;
}

static uint32_t helper_ro(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    toy_cpu *t = env;
    return t->r[0] ^ t->r[5] ^ a0 ^ (a3 << 1);
}

static uint32_t helper_pure(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    return (a0 << 3) - a1 + a2 * a3;
}

enum { NT = 24, NL = 6 };

static void gen_program(toy_cpu *t, rng *r, const uint32_t *helpers, unsigned n_ops)
{
    tcg_ctx *s = t->common.ctx;
    tcg_ctx_reset(s);
    tcg_val temps[NT];
    for (int i = 0; i < NT; i++) {
        temps[i] = tcg_temp(s);
        tcg_gen_movi(s, temps[i], interesting(r));
    }
    uint32_t labels[NL];
    for (int i = 0; i < NL; i++)
        labels[i] = tcg_label(s);
    unsigned next_label = 0;
#define RV() (rnd(r) % 4 == 0 ? tcg_const(s, interesting(r)) \
              : rnd(r) % 2 ? t->g_r[rnd(r) % 8] : temps[rnd(r) % NT])
#define WV() (rnd(r) % 2 ? t->g_r[rnd(r) % 8] : temps[rnd(r) % NT])
    for (unsigned i = 0; i < n_ops; i++) {
        unsigned k = rnd(r) % 44;
        if (k < 20) {
            static const tcg_opcode ops[] = {
                TCG_OP_mov, TCG_OP_add, TCG_OP_sub, TCG_OP_mul, TCG_OP_and, TCG_OP_or, TCG_OP_xor,
                TCG_OP_andc, TCG_OP_shl, TCG_OP_shr, TCG_OP_sar, TCG_OP_rotr, TCG_OP_neg, TCG_OP_not,
                TCG_OP_clz, TCG_OP_ext8s, TCG_OP_ext8u, TCG_OP_ext16s, TCG_OP_ext16u, TCG_OP_bswap32 };
            uint32_t args[TCG_MAX_ARGS] = { 0 };
            args[0] = WV();
            args[1] = rnd(r) % 6 == 0 ? args[0] : RV();       /* in place */
            args[2] = rnd(r) % 5 == 0 ? args[1] : rnd(r) % 6 == 0 ? args[0] : RV();
            tcg_emit(s, ops[rnd(r) % 20], args);
        } else if (k < 23) {
            tcg_gen_setcond(s, (tcg_cond)(rnd(r) % 12), WV(), RV(), RV());
        } else if (k < 25) {
            tcg_val d = WV();
            tcg_gen_movcond(s, (tcg_cond)(rnd(r) % 12), d, RV(), RV(), RV(), rnd(r) % 3 ? RV() : d);
        } else if (k < 27) {
            tcg_val lo = WV(), hi;
            do hi = WV(); while (hi == lo);
            switch (rnd(r) % 4) {
            case 0: tcg_gen_mulu2(s, lo, hi, RV(), RV()); break;
            case 1: tcg_gen_muls2(s, lo, hi, RV(), RV()); break;
            case 2: tcg_gen_add2(s, lo, hi, RV(), RV(), RV(), RV()); break;
            default: tcg_gen_sub2(s, lo, hi, RV(), RV(), RV(), RV()); break;
            }
        } else if (k < 30 && next_label < NL) {
            tcg_gen_brcond(s, (tcg_cond)(rnd(r) % 12), RV(), RV(), labels[next_label]);
        } else if (k < 32 && next_label < NL) {
            tcg_gen_set_label(s, labels[next_label++]);
        } else if (k < 33 && next_label < NL) {
            tcg_gen_br(s, labels[next_label]);
        } else if (k < 34) {
            tcg_gen_exit_tb(s);
        } else if (k < 36) {
            uint32_t h = helpers[rnd(r) % 3];
            tcg_gen_call(s, h, rnd(r) % 4 ? WV() : TCG_VAL_NONE, RV(), RV(), RV(), RV());
        } else if (k < 38) {
            size_t off = rnd(r) % 2 ? offsetof(toy_cpu, r) + 4u * (rnd(r) % 8)
                                    : offsetof(toy_cpu, scratch) + 4u * (rnd(r) % 8);
            if (rnd(r) % 2)
                tcg_gen_st_env(s, RV(), off);
            else
                tcg_gen_ld_env(s, WV(), off);
        } else if (k < 42) {
            /* guest memory in [0x300, 0x500): crosses the 0x400 page edge */
            tcg_val a = temps[rnd(r) % NT];
            tcg_gen_andi(s, a, RV(), 0x1ff);
            tcg_gen_addi(s, a, a, 0x300);
            uint32_t size = rnd(r) % 3;
            if (rnd(r) % 2) {
                tcg_gen_qemu_st(s, RV(), a, TCG_MEMOP(size, 0));
            } else {
                uint32_t sign = size < 2 && rnd(r) % 2 ? TCG_MO_SIGN : 0;
                tcg_gen_qemu_ld(s, WV(), a, TCG_MEMOP(size | sign, 0));
            }
        } else {
            tcg_gen_insn_start(s, 0x1000 + 4 * i, i, 0);
        }
    }
    while (next_label < NL)
        tcg_gen_set_label(s, labels[next_label++]);
    tcg_gen_exit_tb(s);
#undef RV
#undef WV
}

typedef struct snapshot {
    uint32_t r[8], scratch[8];
    uint8_t mem[0x300];
} snapshot;

static void run_one(toy_cpu *t, const uint32_t *helpers, uint64_t seed, unsigned n_ops, bool optimize,
                    const snapshot *init, snapshot *out)
{
    rng r = { seed };
    gen_program(t, &r, helpers, n_ops);
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
        tcg_ctx *s = both[b]->common.ctx;
        uint32_t *h = b ? hj : hi;
        h[0] = tcg_helper_register(s, helper_rw, "rw", 0);
        h[1] = tcg_helper_register(s, helper_ro, "ro", TCG_CALL_NO_WG);
        h[2] = tcg_helper_register(s, helper_pure, "pure", TCG_CALL_PURE);
    }
    snapshot *init = malloc(sizeof(snapshot)), *oi = malloc(sizeof(snapshot)), *oj = malloc(sizeof(snapshot));
    CT_ASSERT_TRUE(init && oi && oj);
    unsigned checked = 0;
    for (unsigned iter = 0; iter < TCG_JIT_DIFF_ITERS; iter++) {
        uint64_t seed = 0x2545f4914f6cdd1dull * (iter + 7);
        unsigned n_ops = 10 + iter % 120;
        rng r = { seed ^ 0xabcdef };
        for (int i = 0; i < 8; i++) {
            init->r[i] = interesting(&r);
            init->scratch[i] = rnd(&r);
        }
        for (size_t i = 0; i < sizeof(init->mem); i++)
            init->mem[i] = (uint8_t)rnd(&r);
        bool optimize = iter % 2;
        run_one(ti, hi, seed, n_ops, optimize, init, oi);
        run_one(tj, hj, seed, n_ops, optimize, init, oj);
        bool same = memcmp(oi, oj, sizeof(*oi)) == 0;
        if (!same) {
            rng r2 = { seed };
            gen_program(tj, &r2, hj, n_ops);
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
