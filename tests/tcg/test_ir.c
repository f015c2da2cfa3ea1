/*
 * IR builder, op table, constant dedupe, overflow handling and the dump.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "tcg/tcg.h"

static tcg_ctx *new_ctx(void)
{
    tcg_ctx *s = malloc(sizeof(tcg_ctx));
    if (s)
        tcg_ctx_init(s);
    return s;
}

CTEST(tcg_ir, op_table_matches_def_file)
{
    CT_EXPECT_STREQ(tcg_op_defs[TCG_OP_add].name, "add");
    CT_EXPECT_EQ(tcg_op_defs[TCG_OP_add].n_out, 1);
    CT_EXPECT_EQ(tcg_op_defs[TCG_OP_add].n_in, 2);
    CT_EXPECT_EQ(tcg_op_defs[TCG_OP_movcond].n_in, 4);
    CT_EXPECT_EQ(tcg_op_defs[TCG_OP_movcond].n_const, 1);
    CT_EXPECT_EQ(tcg_op_defs[TCG_OP_add2].n_out, 2);
    CT_EXPECT_TRUE(tcg_op_defs[TCG_OP_qemu_ld].flags & TCG_OPF_CAN_FAULT);
    CT_EXPECT_TRUE(tcg_op_defs[TCG_OP_set_label].flags & TCG_OPF_BB_START);
    for (int i = 0; i < TCG_OP_COUNT; i++)
        CT_EXPECT_TRUE(tcg_op_defs[i].n_out + tcg_op_defs[i].n_in + tcg_op_defs[i].n_const <= TCG_MAX_ARGS);
}

CTEST(tcg_ir, values_and_constant_dedupe)
{
    tcg_ctx *s = new_ctx();
    CT_ASSERT_TRUE(s != NULL);
    tcg_val g0 = tcg_global(s, 16, "r0");
    tcg_val g1 = tcg_global(s, 20, "r1");
    CT_EXPECT_EQ(s->n_globals, 2u);
    CT_EXPECT_EQ(s->vals[g1].value, 20u);
    tcg_val t0 = tcg_temp(s), t1 = tcg_temp(s);
    CT_EXPECT_NE(t0, t1);
    CT_EXPECT_EQ(s->vals[t1].kind, TCG_VAL_TEMP);
    tcg_val c1 = tcg_const(s, 42), c2 = tcg_const(s, 42), c3 = tcg_const(s, 43);
    CT_EXPECT_EQ(c1, c2);
    CT_EXPECT_NE(c1, c3);
    CT_EXPECT_TRUE(tcg_val_is_const(s, c1));
    CT_EXPECT_FALSE(tcg_val_is_const(s, g0));
    CT_EXPECT_FALSE(tcg_val_is_const(s, TCG_VAL_NONE));
    /* reset forgets temps and constants, keeps globals */
    tcg_ctx_reset(s);
    CT_EXPECT_EQ(s->n_vals, 2u);
    CT_EXPECT_EQ(s->n_temps, 0u);
    tcg_val c4 = tcg_const(s, 42);
    CT_EXPECT_EQ(s->vals[c4].value, 42u);
    CT_EXPECT_EQ(c4, 2u);
    /* many distinct constants stay correct even past the dedupe table */
    for (uint32_t i = 0; i < 3000; i++) {
        tcg_val c = tcg_const(s, i * 7919u);
        CT_ASSERT_EQ(s->vals[c].value, i * 7919u);
        CT_ASSERT_EQ(s->vals[tcg_const(s, i * 7919u)].value, i * 7919u);
    }
    CT_EXPECT_FALSE(s->overflow);
    free(s);
}

CTEST(tcg_ir, overflow_sets_flag_instead_of_overflowing)
{
    tcg_ctx *s = new_ctx();
    CT_ASSERT_TRUE(s != NULL);
    tcg_val g = tcg_global(s, 0, "g");
    for (int i = 0; i < TCG_MAX_OPS + 10; i++)
        tcg_gen_mov(s, g, g);
    CT_EXPECT_TRUE(s->overflow);
    CT_EXPECT_EQ(s->n_ops, (uint32_t)TCG_MAX_OPS);
    tcg_ctx_reset(s);
    CT_EXPECT_FALSE(s->overflow);
    for (int i = 0; i < TCG_MAX_LABELS + 1; i++)
        (void)tcg_label(s);
    CT_EXPECT_TRUE(s->overflow);
    tcg_ctx_reset(s);
    for (int i = 0; i < TCG_MAX_VALS; i++)
        (void)tcg_temp(s);
    CT_EXPECT_TRUE(s->overflow);
    CT_EXPECT_EQ(s->n_vals, (uint32_t)TCG_MAX_VALS);
    free(s);
}

static uint32_t dummy_helper(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) { return a0; }

CTEST(tcg_ir, dump_is_readable)
{
    tcg_ctx *s = new_ctx();
    CT_ASSERT_TRUE(s != NULL);
    tcg_val r0 = tcg_global(s, 0, "r0");
    uint32_t h = tcg_helper_register(s, dummy_helper, "dummy", TCG_CALL_PURE);
    tcg_val t = tcg_temp(s);
    uint32_t l = tcg_label(s);
    tcg_gen_insn_start(s, 0x8000, 3, 0);
    tcg_gen_addi(s, t, r0, 0x10);
    tcg_gen_brcondi(s, TCG_COND_LTU, t, 5, l);
    tcg_gen_call(s, h, r0, t, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
    tcg_gen_qemu_ld(s, r0, t, TCG_MEMOP(TCG_MO_16 | TCG_MO_SIGN, 1));
    tcg_gen_set_label(s, l);
    tcg_gen_exit_tb(s);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CT_ASSERT_TRUE(f != NULL);
    tcg_dump_ops(s, f);
    fclose(f);
    CT_EXPECT_TRUE(strstr(buf, " ---- 00008000 cycles=3") != NULL);
    CT_EXPECT_TRUE(strstr(buf, " add tmp0,r0,$0x10") != NULL);
    CT_EXPECT_TRUE(strstr(buf, " brcond tmp0,$0x5,ltu,$L0") != NULL);
    CT_EXPECT_TRUE(strstr(buf, " call dummy,r0,tmp0,$0x0,$0x0,$0x0") != NULL);
    CT_EXPECT_TRUE(strstr(buf, " qemu_ld r0,tmp0,sw,idx1") != NULL);
    CT_EXPECT_TRUE(strstr(buf, "$L0:") != NULL);
    CT_EXPECT_TRUE(strstr(buf, " exit_tb") != NULL);
    free(buf);
    free(s);
}

CTEST(tcg_ir, fold_agrees_with_cond_eval)
{
    uint32_t in[4] = { 5, 7, 0x11, 0x22 }, out[2] = { 0, 0 };
    uint32_t c = TCG_COND_LT;
    CT_ASSERT_TRUE(tcg_fold(TCG_OP_setcond, in, &c, out));
    CT_EXPECT_EQ(out[0], tcg_cond_eval(TCG_COND_LT, 5, 7));
    CT_ASSERT_TRUE(tcg_fold(TCG_OP_movcond, in, &c, out));
    CT_EXPECT_EQ(out[0], 0x11u);
    CT_EXPECT_FALSE(tcg_fold(TCG_OP_qemu_ld, in, &c, out));
    CT_EXPECT_FALSE(tcg_fold(TCG_OP_call, in, &c, out));
    CT_ASSERT_TRUE(tcg_fold(TCG_OP_sub2, in, NULL, out));     /* {7:5} - {0x22:0x11} */
    uint64_t r = ((7ull << 32) | 5) - ((0x22ull << 32) | 0x11);
    CT_EXPECT_EQ(out[0], (uint32_t)r);
    CT_EXPECT_EQ(out[1], (uint32_t)(r >> 32));
}
