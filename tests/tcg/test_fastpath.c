/*
 * The translation core's speed paths (docs/performance.md), on whichever
 * backend the binary is built for (tcg_tests: interp, tcg_tests_jit: jit):
 *   - TCG_MO_ALIGN_ROT loads: the aligned word inline, the rotated word
 *     through the slow path for misaligned addresses;
 *   - optimizer: copy coalescing into globals (and where it must not
 *     happen), double-word ops whose high half is dead, unsigned compares
 *     with zero;
 *   - exit_tb through the JIT's inline jump-cache lookup keeps the loop's
 *     accounting (cycles, instructions) exact.
 */
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "tcg/internal.h"
#include "toy.h"

#define SETUP() toy_cpu *t = calloc(1, sizeof(toy_cpu)); CT_ASSERT_TRUE(t && toy_init(t)); \
                tcg_ctx *s = t->common.ctx
#define TEARDOWN() do { toy_destroy(t); free(t); } while (0)

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

static unsigned count_op(const tcg_ctx *s, tcg_opcode opc)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < s->n_ops; i++)
        n += s->ops[i].opc == opc;
    return n;
}

static void put32(toy_cpu *t, uint32_t addr, uint32_t v)
{
    memcpy(t->ram + addr, &v, 4);
}

static uint32_t rotr(uint32_t v, unsigned n)
{
    n &= 31u;
    return n ? (v >> n) | (v << (32u - n)) : v;
}

CTEST(tcg_fastpath, align_rot_load_rotates_misaligned_words)
{
    SETUP();
    put32(t, 0x100, 0x44332211u);
    put32(t, 0x104, 0x88776655u);
    put32(t, 0x3fc, 0xddccbbaau);   /* last word of the first 1 KiB page */
    put32(t, 0x400, 0x01020304u);
    static const uint32_t addrs[] = { 0x100, 0x101, 0x102, 0x103, 0x104, 0x3fd, 0x3fe, 0x3ff };
    for (unsigned i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
        uint32_t a = addrs[i];
        uint32_t word;
        memcpy(&word, t->ram + (a & ~3u), 4);
        uint32_t want = rotr(word, 8u * (a & 3u));
        for (int opt = 0; opt < 2; opt++) {
            tcg_ctx_reset(s);
            t->r[1] = a;
            t->r[3] = 0xbad0bad0u;
            tcg_gen_qemu_ld(s, t->g_r[3], t->g_r[1], TCG_MEMOP(TCG_MO_32 | TCG_MO_ALIGN_ROT, 0));
            tcg_gen_exit_tb(s);
            CT_ASSERT_TRUE(toy_run_ir(t, opt != 0));
            CT_EXPECT_EQ(t->r[3], want);
        }
        uint32_t v = 0;
        CT_ASSERT_TRUE(tcg_mem_probe_ld(&t->common, a, TCG_MO_32 | TCG_MO_ALIGN_ROT, &v));
        CT_EXPECT_EQ(v, want);
    }
    /* a plain 32-bit load at the same misaligned address is not rotated */
    tcg_ctx_reset(s);
    t->r[1] = 0x101;
    tcg_gen_qemu_ld(s, t->g_r[3], t->g_r[1], TCG_MEMOP(TCG_MO_32, 0));
    tcg_gen_exit_tb(s);
    CT_ASSERT_TRUE(toy_run_ir(t, true));
    CT_EXPECT_EQ(t->r[3], 0x55443322u);
    TEARDOWN();
}

CTEST(tcg_fastpath, copy_into_global_is_coalesced)
{
    SETUP();
    /* t = r1 + 5; r0 = t; r2 = t ^ r3 */
    tcg_ctx_reset(s);
    tcg_val x = tcg_temp(s);
    tcg_gen_addi(s, x, t->g_r[1], 5);
    tcg_gen_mov(s, t->g_r[0], x);
    tcg_gen_xor(s, t->g_r[2], x, t->g_r[3]);
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    const tcg_op *w = writer_of(s, t->g_r[0]);
    CT_ASSERT_TRUE(w != NULL);
    CT_EXPECT_EQ(w->opc, (uint16_t)TCG_OP_add);
    CT_EXPECT_EQ(count_op(s, TCG_OP_mov), 0u);
    const tcg_op *x2 = writer_of(s, t->g_r[2]);
    CT_ASSERT_TRUE(x2 != NULL);
    CT_EXPECT_TRUE(x2->args[1] == t->g_r[0] || x2->args[2] == t->g_r[0]);

    /* a temp read only by the copy: "r4 = r4 + 1" becomes one add */
    tcg_ctx_reset(s);
    tcg_val y = tcg_temp(s);
    tcg_gen_addi(s, y, t->g_r[4], 1);
    tcg_gen_mov(s, t->g_r[4], y);
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    const tcg_op *w4 = writer_of(s, t->g_r[4]);
    CT_ASSERT_TRUE(w4 != NULL);
    CT_EXPECT_EQ(w4->opc, (uint16_t)TCG_OP_add);
    CT_EXPECT_EQ(w4->args[1], t->g_r[4]);
    CT_EXPECT_EQ(count_op(s, TCG_OP_mov), 0u);

    /* and it computes the same */
    tcg_ctx_reset(s);
    x = tcg_temp(s);
    t->r[1] = 37;
    t->r[3] = 0xf0f0f0f0u;
    tcg_gen_addi(s, x, t->g_r[1], 5);
    tcg_gen_mov(s, t->g_r[0], x);
    tcg_gen_xor(s, t->g_r[2], x, t->g_r[3]);
    tcg_gen_exit_tb(s);
    CT_ASSERT_TRUE(toy_run_ir(t, true));
    CT_EXPECT_EQ(t->r[0], 42u);
    CT_EXPECT_EQ(t->r[2], 42u ^ 0xf0f0f0f0u);
    TEARDOWN();
}

CTEST(tcg_fastpath, no_coalescing_across_a_faulting_load)
{
    SETUP();
    /* base writeback: r1 must not change before the load can fault */
    tcg_ctx_reset(s);
    tcg_val a = tcg_temp(s);
    tcg_gen_addi(s, a, t->g_r[1], 4);
    tcg_gen_qemu_ld(s, t->g_r[2], a, TCG_MEMOP(TCG_MO_32, 0));
    tcg_gen_mov(s, t->g_r[1], a);
    tcg_gen_add(s, t->g_r[3], a, t->g_r[2]);
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    const tcg_op *w = writer_of(s, t->g_r[1]);
    CT_ASSERT_TRUE(w != NULL);
    CT_EXPECT_EQ(w->opc, (uint16_t)TCG_OP_mov);
    uint32_t ld = UINT32_MAX, mv = UINT32_MAX;
    for (uint32_t i = 0; i < s->n_ops; i++) {
        if (s->ops[i].opc == TCG_OP_qemu_ld)
            ld = i;
        if (&s->ops[i] == w)
            mv = i;
    }
    CT_EXPECT_TRUE(ld < mv);

    /* nor when the global is written again while the temp is still read */
    tcg_ctx_reset(s);
    tcg_val x = tcg_temp(s);
    tcg_gen_addi(s, x, t->g_r[1], 1);
    tcg_gen_mov(s, t->g_r[0], x);
    tcg_gen_movi(s, t->g_r[0], 7);
    tcg_gen_mov(s, t->g_r[2], x);
    tcg_gen_exit_tb(s);
    t->r[1] = 10;
    CT_ASSERT_TRUE(toy_run_ir(t, true));
    CT_EXPECT_EQ(t->r[0], 7u);
    CT_EXPECT_EQ(t->r[2], 11u);
    TEARDOWN();
}

CTEST(tcg_fastpath, double_word_op_with_dead_high_half_narrows)
{
    SETUP();
    static const tcg_opcode dw[] = { TCG_OP_add2, TCG_OP_sub2, TCG_OP_mulu2, TCG_OP_muls2 };
    static const tcg_opcode narrow[] = { TCG_OP_add, TCG_OP_sub, TCG_OP_mul, TCG_OP_mul };
    for (unsigned i = 0; i < 4; i++) {
        for (int run = 0; run < 2; run++) {
            tcg_ctx_reset(s);
            tcg_val hi = tcg_temp(s);
            tcg_val z = tcg_const(s, 0);
            if (dw[i] == TCG_OP_add2 || dw[i] == TCG_OP_sub2)
                tcg_gen_add2(s, t->g_r[0], hi, t->g_r[1], z, t->g_r[2], z);
            else if (dw[i] == TCG_OP_mulu2)
                tcg_gen_mulu2(s, t->g_r[0], hi, t->g_r[1], t->g_r[2]);
            else
                tcg_gen_muls2(s, t->g_r[0], hi, t->g_r[1], t->g_r[2]);
            if (dw[i] == TCG_OP_sub2)
                s->ops[s->n_ops - 1].opc = TCG_OP_sub2;
            tcg_gen_exit_tb(s);
            if (run == 0) {
                tcg_optimize(s);
                CT_EXPECT_EQ(count_op(s, dw[i]), 0u);
                const tcg_op *w = writer_of(s, t->g_r[0]);
                CT_ASSERT_TRUE(w != NULL);
                CT_EXPECT_EQ(w->opc, (uint16_t)narrow[i]);
            } else {
                t->r[1] = 0x89abcdefu;
                t->r[2] = 0x76543210u;
                CT_ASSERT_TRUE(toy_run_ir(t, true));
                uint32_t want = i == 0 ? 0x89abcdefu + 0x76543210u
                              : i == 1 ? 0x89abcdefu - 0x76543210u : 0x89abcdefu * 0x76543210u;
                CT_EXPECT_EQ(t->r[0], want);
            }
        }
    }
    /* a live high half keeps the double-word op */
    tcg_ctx_reset(s);
    tcg_gen_add2(s, t->g_r[0], t->g_r[3], t->g_r[1], tcg_const(s, 0), t->g_r[2], tcg_const(s, 0));
    tcg_gen_exit_tb(s);
    tcg_optimize(s);
    CT_EXPECT_EQ(count_op(s, TCG_OP_add2), 1u);
    TEARDOWN();
}

CTEST(tcg_fastpath, unsigned_compare_with_zero_folds)
{
    SETUP();
    static const tcg_cond conds[] = { TCG_COND_GEU, TCG_COND_LTU };
    for (unsigned i = 0; i < 2; i++) {
        tcg_ctx_reset(s);
        tcg_gen_setcond(s, conds[i], t->g_r[0], t->g_r[1], tcg_const(s, 0));
        tcg_gen_setcond(s, conds[i] == TCG_COND_GEU ? TCG_COND_LEU : TCG_COND_GTU, t->g_r[2],
                        tcg_const(s, 0), t->g_r[1]);
        tcg_gen_exit_tb(s);
        tcg_optimize(s);
        CT_EXPECT_EQ(count_op(s, TCG_OP_setcond), 0u);
        for (uint32_t r1 = 0; r1 < 3; r1++) {
            tcg_ctx_reset(s);
            t->r[1] = r1 ? 0x80000000u + r1 : 0;
            tcg_gen_setcond(s, conds[i], t->g_r[0], t->g_r[1], tcg_const(s, 0));
            tcg_gen_setcond(s, conds[i] == TCG_COND_GEU ? TCG_COND_LEU : TCG_COND_GTU, t->g_r[2],
                            tcg_const(s, 0), t->g_r[1]);
            tcg_gen_exit_tb(s);
            CT_ASSERT_TRUE(toy_run_ir(t, true));
            CT_EXPECT_EQ(t->r[0], i == 0 ? 1u : 0u);
            CT_EXPECT_EQ(t->r[2], i == 0 ? 1u : 0u);
        }
    }
    TEARDOWN();
}

#define I(op, rd, rs, imm) toy_insn(TOY_##op, rd, rs, imm)

CTEST(tcg_fastpath, indirect_exits_keep_exact_accounting)
{
    SETUP();
    (void)s;
    /* 0x1000: r2 += 1; jr r1 (r1 = 0x1000): every TB leaves via exit_tb */
    const uint32_t prog[] = { I(ADDI, 2, 2, 1), I(JR, 0, 1, 0) };
    toy_load(t, 0x1000, prog, 2);
    t->pc = 0x1000;
    t->r[1] = 0x1000;
    uint64_t per_tb = TOY_C_ADDI + TOY_C_BR;
    /* budgets that end inside a TB: the loop stops at the first boundary
     * at or after the budget, with or without the inline lookup */
    tcg_exit_reason r = tcg_cpu_exec(&t->common, 1000 * per_tb + 1);
    CT_EXPECT_EQ(r, TCG_EXIT_BUDGET);
    CT_EXPECT_EQ(t->r[2], 1001u);
    CT_EXPECT_EQ(t->common.icount, 2002u);
    CT_EXPECT_EQ(t->common.cycles, 1001u * per_tb);
    /* the JIT resolved (nearly) all of them without going back to the loop */
    if (strcmp(TOY_BACKEND, "jit") == 0)
        CT_EXPECT_TRUE(t->common.tbs->stat_jit_lookups >= 990u);
    r = tcg_cpu_exec(&t->common, 10 * per_tb);
    CT_EXPECT_EQ(r, TCG_EXIT_BUDGET);
    CT_EXPECT_EQ(t->r[2], 1011u);
    CT_EXPECT_EQ(t->common.cycles, 1011u * per_tb);
    /* max_insns is honoured at the first TB boundary at or after it */
    t->common.max_insns = 2022u + 7u;
    r = tcg_cpu_exec(&t->common, 1u << 20);
    CT_EXPECT_EQ(r, TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->common.icount, 2030u);        /* first TB boundary at or after 2029 */
    CT_EXPECT_EQ(t->r[2], 1015u);
    TEARDOWN();
}
