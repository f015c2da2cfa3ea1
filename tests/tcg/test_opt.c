/*
 * Optimizer: each folding rule, copy propagation, dead-code removal,
 * branch folding, and a randomized check that optimizing never changes
 * what a TB computes (random op sequences on random inputs, interpreted
 * before and after optimization).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "random-ir.h"
#include "toy.h"

#define SETUP() toy_cpu *t = calloc(1, sizeof(toy_cpu)); CT_ASSERT_TRUE(t && toy_init(t)); \
                tcg_ctx *s = t->common.ctx
#define TEARDOWN() do { toy_destroy(t); free(t); } while (0)

static unsigned count_op(const tcg_ctx *s, tcg_opcode opc)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < s->n_ops; i++)
        n += s->ops[i].opc == opc;
    return n;
}

/* the single op writing `d`, or NULL */
static const tcg_op *writer_of(const tcg_ctx *s, tcg_val d)
{
    const tcg_op *w = NULL;
    for (uint32_t i = 0; i < s->n_ops; i++) {
        const tcg_op_def *def = &tcg_op_defs[s->ops[i].opc];
        for (unsigned k = 0; k < def->n_out; k++)
            if (s->ops[i].args[k] == d)
                w = &s->ops[i];
    }
    return w;
}

static bool is_movi(const tcg_ctx *s, const tcg_op *op, uint32_t c)
{
    return op && op->opc == TCG_OP_mov && tcg_val_is_const(s, op->args[1]) && s->vals[op->args[1]].value == c;
}

static bool is_mov_from(const tcg_op *op, tcg_val src)
{
    return op && op->opc == TCG_OP_mov && op->args[1] == src;
}

CTEST(tcg_opt, constant_folding_every_pure_op)
{
    SETUP();
    static const tcg_opcode bins[] = { TCG_OP_add, TCG_OP_sub, TCG_OP_mul, TCG_OP_and, TCG_OP_or,
                                       TCG_OP_xor, TCG_OP_andc, TCG_OP_shl, TCG_OP_shr, TCG_OP_sar,
                                       TCG_OP_rotr };
    static const tcg_opcode uns[] = { TCG_OP_neg, TCG_OP_not, TCG_OP_clz, TCG_OP_ext8s, TCG_OP_ext8u,
                                      TCG_OP_ext16s, TCG_OP_ext16u, TCG_OP_bswap32 };
    const uint32_t a = 0x8123f687u, b = 0x00000005u;
    for (size_t i = 0; i < sizeof(bins) / sizeof(bins[0]); i++) {
        tcg_ctx_reset(s);
        tcg_val x = tcg_temp(s);
        tcg_gen_movi(s, x, a);
        const uint32_t args[TCG_MAX_ARGS] = { t->g_r[0], x, tcg_const(s, b) };
        tcg_emit(s, bins[i], args);
        tcg_gen_exit_tb(s);
        tcg_optimize(s);
        uint32_t in[2] = { a, b }, out[2];
        CT_ASSERT_TRUE(tcg_fold(bins[i], in, NULL, out));
        CT_EXPECT_EQ(s->n_ops, 2u);                 /* mov r0, $result; exit_tb */
        CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[0]), out[0]));
    }
    for (size_t i = 0; i < sizeof(uns) / sizeof(uns[0]); i++) {
        tcg_ctx_reset(s);
        const uint32_t args[TCG_MAX_ARGS] = { t->g_r[0], tcg_const(s, a) };
        tcg_emit(s, uns[i], args);
        tcg_gen_exit_tb(s);
        tcg_optimize(s);
        uint32_t in[1] = { a }, out[2];
        CT_ASSERT_TRUE(tcg_fold(uns[i], in, NULL, out));
        CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[0]), out[0]));
    }
    /* double-word ops fold into two moves */
    tcg_ctx_reset(s);
    tcg_gen_mulu2(s, t->g_r[0], t->g_r[1], tcg_const(s, 0xffffffffu), tcg_const(s, 3));
    tcg_gen_add2(s, t->g_r[2], t->g_r[3], tcg_const(s, 0xffffffffu), tcg_const(s, 1),
                 tcg_const(s, 1), tcg_const(s, 2));
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    CT_EXPECT_EQ(count_op(s, TCG_OP_mulu2) + count_op(s, TCG_OP_add2), 0u);
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[0]), (uint32_t)(0xffffffffull * 3)));
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[1]), (uint32_t)((0xffffffffull * 3) >> 32)));
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[2]), 0u));
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[3]), 4u));
    TEARDOWN();
}

CTEST(tcg_opt, setcond_movcond_brcond_with_constants)
{
    SETUP();
    tcg_ctx_reset(s);
    tcg_gen_setcond(s, TCG_COND_LT, t->g_r[0], tcg_const(s, 0xffffffffu), tcg_const(s, 1));
    tcg_gen_setcond(s, TCG_COND_LTU, t->g_r[1], tcg_const(s, 0xffffffffu), tcg_const(s, 1));
    tcg_gen_movcond(s, TCG_COND_EQ, t->g_r[2], tcg_const(s, 4), tcg_const(s, 4), t->g_r[5], t->g_r[6]);
    tcg_gen_setcond(s, TCG_COND_GEU, t->g_r[3], t->g_r[7], t->g_r[7]);       /* x >= x */
    uint32_t skip = tcg_label(s), taken = tcg_label(s);
    tcg_gen_brcondi(s, TCG_COND_EQ, t->g_r[0], 1, taken);    /* r0 is 1: always */
    tcg_gen_movi(s, t->g_r[4], 0x111);                       /* unreachable */
    tcg_gen_exit_tb(s);
    tcg_gen_set_label(s, taken);
    tcg_gen_brcondi(s, TCG_COND_NE, tcg_const(s, 3), 3, skip);   /* never */
    tcg_gen_movi(s, t->g_r[4], 0x222);
    tcg_gen_set_label(s, skip);
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[0]), 1u));
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[1]), 0u));
    CT_EXPECT_TRUE(is_mov_from(writer_of(s, t->g_r[2]), t->g_r[5]));
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[3]), 1u));
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[4]), 0x222u));
    CT_EXPECT_EQ(count_op(s, TCG_OP_brcond), 0u);
    CT_EXPECT_EQ(count_op(s, TCG_OP_br), 0u);
    CT_EXPECT_EQ(count_op(s, TCG_OP_setcond) + count_op(s, TCG_OP_movcond), 0u);
    CT_EXPECT_EQ(count_op(s, TCG_OP_set_label), 0u);    /* nobody branches any more */
    CT_EXPECT_EQ(count_op(s, TCG_OP_exit_tb), 1u);
    TEARDOWN();
}

CTEST(tcg_opt, algebraic_identities)
{
    SETUP();
    struct { tcg_opcode opc; bool const_first; uint32_t c; int64_t expect; } rules[] = {
        /* expect: -1 = copy of x, otherwise the constant result */
        { TCG_OP_add, false, 0, -1 }, { TCG_OP_add, true, 0, -1 }, { TCG_OP_sub, false, 0, -1 },
        { TCG_OP_or, false, 0, -1 }, { TCG_OP_xor, true, 0, -1 }, { TCG_OP_shl, false, 0, -1 },
        { TCG_OP_shr, false, 32, -1 }, { TCG_OP_sar, false, 0, -1 }, { TCG_OP_rotr, false, 0, -1 },
        { TCG_OP_mul, false, 1, -1 }, { TCG_OP_mul, true, 1, -1 }, { TCG_OP_and, false, 0xffffffff, -1 },
        { TCG_OP_andc, false, 0, -1 },
        { TCG_OP_mul, false, 0, 0 }, { TCG_OP_and, true, 0, 0 }, { TCG_OP_or, false, 0xffffffff, 0xffffffff },
        { TCG_OP_andc, false, 0xffffffff, 0 }, { TCG_OP_shl, true, 0, 0 }, { TCG_OP_shr, true, 0, 0 },
    };
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        tcg_ctx_reset(s);
        tcg_val c = tcg_const(s, rules[i].c);
        const uint32_t args[TCG_MAX_ARGS] = { t->g_r[0], rules[i].const_first ? c : t->g_r[1],
                                              rules[i].const_first ? t->g_r[1] : c };
        tcg_emit(s, rules[i].opc, args);
        tcg_gen_exit_tb(s);
        tcg_optimize(s);
        const tcg_op *w = writer_of(s, t->g_r[0]);
        if (rules[i].expect == -1)
            CT_EXPECT_TRUE(is_mov_from(w, t->g_r[1]));
        else
            CT_EXPECT_TRUE(is_movi(s, w, (uint32_t)rules[i].expect));
        if (!(rules[i].expect == -1 ? is_mov_from(w, t->g_r[1]) : is_movi(s, w, (uint32_t)rules[i].expect)))
            ctest_fail(__FILE__, __LINE__, "rule %zu (%s) not applied", i, tcg_op_defs[rules[i].opc].name);
    }
    /* same-operand rules */
    static const struct { tcg_opcode opc; int expect; } same[] = {
        { TCG_OP_xor, 0 }, { TCG_OP_sub, 0 }, { TCG_OP_andc, 0 }, { TCG_OP_and, -1 }, { TCG_OP_or, -1 },
    };
    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        tcg_ctx_reset(s);
        tcg_val x = tcg_temp(s);
        tcg_gen_mov(s, x, t->g_r[1]);      /* a copy: still "the same value" */
        const uint32_t args[TCG_MAX_ARGS] = { t->g_r[0], t->g_r[1], x };
        tcg_emit(s, same[i].opc, args);
        tcg_gen_exit_tb(s);
        tcg_optimize(s);
        const tcg_op *w = writer_of(s, t->g_r[0]);
        CT_EXPECT_TRUE(same[i].expect == -1 ? is_mov_from(w, t->g_r[1]) : is_movi(s, w, 0));
        CT_EXPECT_EQ(s->n_ops, 2u);        /* the copy into x is dead */
    }
    TEARDOWN();
}

CTEST(tcg_opt, copy_propagation_within_blocks)
{
    SETUP();
    tcg_ctx_reset(s);
    tcg_val a = tcg_temp(s), b = tcg_temp(s);
    tcg_gen_mov(s, a, t->g_r[1]);
    tcg_gen_mov(s, b, a);
    tcg_gen_add(s, t->g_r[0], b, t->g_r[2]);      /* reads r1 directly */
    tcg_gen_movi(s, t->g_r[1], 5);                 /* r1 changes: a, b keep the old value */
    tcg_gen_add(s, t->g_r[3], b, t->g_r[1]);       /* b stays; r1 becomes $5 */
    uint32_t l = tcg_label(s);
    tcg_gen_brcondi(s, TCG_COND_EQ, t->g_r[7], 0, l);
    tcg_gen_set_label(s, l);                       /* merge: forget everything */
    tcg_gen_add(s, t->g_r[4], t->g_r[1], t->g_r[1]);
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    const tcg_op *w0 = writer_of(s, t->g_r[0]);
    CT_ASSERT_TRUE(w0 != NULL);
    CT_EXPECT_EQ(w0->args[1], t->g_r[1]);
    const tcg_op *w3 = writer_of(s, t->g_r[3]);
    CT_ASSERT_TRUE(w3 != NULL);
    CT_EXPECT_TRUE(s->vals[w3->args[1]].kind == TCG_VAL_TEMP);     /* the saved copy */
    CT_EXPECT_TRUE(tcg_val_is_const(s, w3->args[2]) && s->vals[w3->args[2]].value == 5u);
    /* brcond to the next label vanished, so the label went too and the
     * constant r1 flows on into the last add, which folds */
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[4]), 10u));
    TEARDOWN();
}

CTEST(tcg_opt, state_forgotten_at_labels_and_after_calls)
{
    SETUP();
    uint32_t hw = tcg_helper_register(s, (tcg_helper_fn)(uintptr_t)0x1, "writes_globals", 0);
    uint32_t hn = tcg_helper_register(s, (tcg_helper_fn)(uintptr_t)0x2, "no_wg", TCG_CALL_NO_WG);
    tcg_ctx_reset(s);
    tcg_gen_movi(s, t->g_r[1], 7);
    tcg_gen_call(s, hn, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
    tcg_gen_addi(s, t->g_r[2], t->g_r[1], 1);      /* r1 still 7: folds to 8 */
    tcg_gen_call(s, hw, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
    tcg_gen_addi(s, t->g_r[3], t->g_r[1], 1);      /* r1 unknown now */
    uint32_t l = tcg_label(s);
    tcg_gen_movi(s, t->g_r[5], 1);
    tcg_gen_brcondi(s, TCG_COND_NE, t->g_r[6], 0, l);
    tcg_gen_movi(s, t->g_r[5], 2);
    tcg_gen_set_label(s, l);
    tcg_gen_addi(s, t->g_r[4], t->g_r[5], 1);      /* merge: r5 unknown */
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    CT_EXPECT_TRUE(is_movi(s, writer_of(s, t->g_r[2]), 8u));
    const tcg_op *w3 = writer_of(s, t->g_r[3]);
    CT_EXPECT_TRUE(w3 && w3->opc == TCG_OP_add && w3->args[1] == t->g_r[1]);
    const tcg_op *w4 = writer_of(s, t->g_r[4]);
    CT_EXPECT_TRUE(w4 && w4->opc == TCG_OP_add && w4->args[1] == t->g_r[5]);
    TEARDOWN();
}

static uint32_t pure_add(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) { return a0 + a1; }

CTEST(tcg_opt, dead_code_removal)
{
    SETUP();
    uint32_t hp = tcg_helper_register(s, pure_add, "pure_add", TCG_CALL_PURE);
    tcg_ctx_reset(s);
    tcg_val a = tcg_temp(s), b = tcg_temp(s), c = tcg_temp(s);
    tcg_gen_insn_start(s, 0x100, 0, 0);
    tcg_gen_add(s, a, t->g_r[1], t->g_r[2]);     /* dead: a is never read */
    tcg_gen_mul(s, b, t->g_r[1], t->g_r[2]);
    tcg_gen_movi(s, t->g_r[0], 1);               /* dead: overwritten below, no use between */
    tcg_gen_call(s, hp, c, t->g_r[1], t->g_r[2], TCG_VAL_NONE, TCG_VAL_NONE);   /* pure, unused */
    tcg_gen_mov(s, t->g_r[0], b);
    tcg_gen_movi(s, t->g_r[3], 1);               /* live: a load may fault after it */
    tcg_gen_qemu_ld(s, t->g_r[4], t->g_r[5], TCG_MEMOP(TCG_MO_32, 0));
    tcg_gen_movi(s, t->g_r[3], 2);
    tcg_gen_insn_start(s, 0x104, 1, 0);
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    CT_EXPECT_EQ(count_op(s, TCG_OP_add), 0u);
    CT_EXPECT_EQ(count_op(s, TCG_OP_call), 0u);
    CT_EXPECT_EQ(count_op(s, TCG_OP_mul), 1u);
    CT_EXPECT_EQ(count_op(s, TCG_OP_insn_start), 2u);    /* never removed */
    /* r0: only the final value is written (by the mov of b, or by the mul
     * itself once copy coalescing has merged the two) */
    unsigned writes_r0 = 0, movs_r3 = 0;
    for (uint32_t i = 0; i < s->n_ops; i++) {
        const tcg_op_def *d = &tcg_op_defs[s->ops[i].opc];
        writes_r0 += d->n_out > 0 && s->ops[i].args[0] == t->g_r[0];
        movs_r3 += s->ops[i].opc == TCG_OP_mov && s->ops[i].args[0] == t->g_r[3];
    }
    CT_EXPECT_EQ(writes_r0, 1u);
    const tcg_op *w0 = writer_of(s, t->g_r[0]);
    CT_ASSERT_TRUE(w0 != NULL);
    CT_EXPECT_TRUE(w0->opc == TCG_OP_mul || (w0->opc == TCG_OP_mov && w0->args[1] == b));
    CT_EXPECT_EQ(movs_r3, 2u);
    TEARDOWN();
}

CTEST(tcg_opt, temps_used_after_a_label_are_kept)
{
    SETUP();
    tcg_ctx_reset(s);
    tcg_val x = tcg_temp(s);
    uint32_t l = tcg_label(s);
    tcg_gen_add(s, x, t->g_r[1], t->g_r[2]);
    tcg_gen_brcondi(s, TCG_COND_EQ, t->g_r[3], 0, l);
    tcg_gen_movi(s, t->g_r[0], 9);
    tcg_gen_exit_tb(s);
    tcg_gen_set_label(s, l);
    tcg_gen_mov(s, t->g_r[0], x);
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    CT_EXPECT_EQ(count_op(s, TCG_OP_add), 1u);
    /* and it still computes the right thing on both paths */
    t->r[1] = 3; t->r[2] = 4; t->r[3] = 0;
    CT_ASSERT_TRUE(toy_run_ir(t, false));
    CT_EXPECT_EQ(t->r[0], 7u);
    TEARDOWN();
}

/* ---- randomized equivalence -------------------------------------------- */

#ifndef TCG_OPT_RANDOM_ITERS
#define TCG_OPT_RANDOM_ITERS 5000
#endif

/* few temps (the optimizer's copy tracking meets them often); aligned
 * words and signed bytes in [0x100, 0x200) */
static const rir_shape opt_shape = {
    .n_temps = 6, .n_labels = 4, .mem_weight = 1, .mem_base = 0x100, .mem_span = 0x100,
    .any_size = false, .aliasing = false,
};

CTEST(tcg_opt, random_programs_same_result_optimized)
{
    SETUP();
    uint32_t helpers[3];
    rir_register_helpers(s, helpers);
    static tcg_op saved[TCG_MAX_OPS];
    unsigned removed_total = 0, checked = 0;
    for (unsigned iter = 0; iter < TCG_OPT_RANDOM_ITERS; iter++) {
        rir_rng r = { 0x9e3779b97f4a7c15ull * (iter + 1) };
        rir_gen(t, &r, helpers, 10 + iter % 60, &opt_shape);
        CT_ASSERT_FALSE(s->overflow);
        uint32_t n_ops = s->n_ops, n_vals = s->n_vals, n_temps = s->n_temps, n_labels = s->n_labels;
        memcpy(saved, s->ops, n_ops * sizeof(tcg_op));

        uint32_t init_r[8], init_scratch[8], init_mem[64];
        for (int i = 0; i < 8; i++) {
            init_r[i] = rir_interesting(&r);
            init_scratch[i] = rir_rnd(&r);
        }
        for (int i = 0; i < 64; i++)
            init_mem[i] = rir_rnd(&r);
        uint32_t out_r[2][8], out_scratch[2][8], out_mem[2][64];
        for (int pass = 0; pass < 2; pass++) {
            s->n_ops = n_ops;
            s->n_vals = n_vals;
            s->n_temps = n_temps;
            s->n_labels = n_labels;
            memcpy(s->ops, saved, n_ops * sizeof(tcg_op));
            memcpy(t->r, init_r, sizeof(init_r));
            memcpy(t->scratch, init_scratch, sizeof(init_scratch));
            memcpy(t->ram + 0x100, init_mem, sizeof(init_mem));
            CT_ASSERT_TRUE(toy_run_ir(t, pass == 1));
            memcpy(out_mem[pass], t->ram + 0x100, sizeof(init_mem));
            memcpy(out_r[pass], t->r, sizeof(t->r));
            memcpy(out_scratch[pass], t->scratch, sizeof(t->scratch));
            if (pass == 1)
                removed_total += n_ops - s->n_ops;
        }
        bool same = memcmp(out_r[0], out_r[1], sizeof(out_r[0])) == 0 &&
                    memcmp(out_scratch[0], out_scratch[1], sizeof(out_scratch[0])) == 0 &&
                    memcmp(out_mem[0], out_mem[1], sizeof(out_mem[0])) == 0;
        if (!same) {
            /* regenerate the same program from its seed for the log */
            rir_rng r2 = { 0x9e3779b97f4a7c15ull * (iter + 1) };
            rir_gen(t, &r2, helpers, 10 + iter % 60, &opt_shape);
            tcg_dump_ops(s, stderr);
            fprintf(stderr, "---- optimized:\n");
            tcg_optimize(s);
            tcg_dump_ops(s, stderr);
            for (int i = 0; i < 8; i++)
                fprintf(stderr, "r%d: %08x vs %08x   scratch%d: %08x vs %08x\n", i, out_r[0][i], out_r[1][i],
                        i, out_scratch[0][i], out_scratch[1][i]);
        }
        CT_ASSERT_TRUE(same);
        checked++;
    }
    CT_EXPECT_EQ(checked, (unsigned)TCG_OPT_RANDOM_ITERS);
    /* the optimizer did real work on these programs */
    CT_EXPECT_TRUE(removed_total > (unsigned)TCG_OPT_RANDOM_ITERS);
    TEARDOWN();
}
