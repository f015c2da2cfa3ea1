/*
 * Interpreter semantics, op by op, against independent C computations:
 * each op runs once with register operands and once with constant
 * operands (through the constant pool), without the optimizer.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "toy.h"

#define SETUP() toy_cpu *t = calloc(1, sizeof(toy_cpu)); CT_ASSERT_TRUE(t && toy_init(t)); \
                tcg_ctx *s = t->common.ctx
#define TEARDOWN() do { toy_destroy(t); free(t); } while (0)

/* d = op(a, b): with a, b in r1, r2 (as_const: b as a constant) */
static uint32_t bin(toy_cpu *t, tcg_opcode opc, uint32_t a, uint32_t b, bool as_const)
{
    tcg_ctx *s = t->common.ctx;
    tcg_ctx_reset(s);
    t->r[1] = a;
    t->r[2] = b;
    const uint32_t args[TCG_MAX_ARGS] = { t->g_r[3], t->g_r[1], as_const ? tcg_const(s, b) : t->g_r[2] };
    tcg_emit(s, opc, args);
    tcg_gen_exit_tb(s);
    t->r[3] = 0xdeadbeef;
    if (!toy_run_ir(t, false))
        return 0xbad0bad0;
    return t->r[3];
}

static uint32_t un(toy_cpu *t, tcg_opcode opc, uint32_t a)
{
    tcg_ctx *s = t->common.ctx;
    tcg_ctx_reset(s);
    t->r[1] = a;
    const uint32_t args[TCG_MAX_ARGS] = { t->g_r[3], t->g_r[1] };
    tcg_emit(s, opc, args);
    tcg_gen_exit_tb(s);
    if (!toy_run_ir(t, false))
        return 0xbad0bad0;
    return t->r[3];
}

static const uint32_t samples[] = { 0, 1, 2, 31, 32, 33, 0x7fffffff, 0x80000000, 0x80000001,
                                    0xffffffff, 0xfffffffe, 0x12345678, 0xdeadbeef, 0x00ff00ff };
#define NS (sizeof(samples) / sizeof(samples[0]))

CTEST(tcg_interp, binary_ops)
{
    SETUP();
    (void)s;
    for (unsigned i = 0; i < NS; i++)
        for (unsigned j = 0; j < NS; j++)
            for (int c = 0; c < 2; c++) {
                uint32_t a = samples[i], b = samples[j];
                CT_EXPECT_EQ(bin(t, TCG_OP_add, a, b, c), a + b);
                CT_EXPECT_EQ(bin(t, TCG_OP_sub, a, b, c), a - b);
                CT_EXPECT_EQ(bin(t, TCG_OP_mul, a, b, c), (uint32_t)((uint64_t)a * b));
                CT_EXPECT_EQ(bin(t, TCG_OP_and, a, b, c), a & b);
                CT_EXPECT_EQ(bin(t, TCG_OP_or, a, b, c), a | b);
                CT_EXPECT_EQ(bin(t, TCG_OP_xor, a, b, c), a ^ b);
                CT_EXPECT_EQ(bin(t, TCG_OP_andc, a, b, c), a & ~b);
            }
    TEARDOWN();
}

CTEST(tcg_interp, shifts_modulo_32)
{
    SETUP();
    (void)s;
    uint32_t a = 0x80000001u;
    for (int c = 0; c < 2; c++) {
        CT_EXPECT_EQ(bin(t, TCG_OP_shl, a, 0, c), a);
        CT_EXPECT_EQ(bin(t, TCG_OP_shr, a, 0, c), a);
        CT_EXPECT_EQ(bin(t, TCG_OP_sar, a, 0, c), a);
        CT_EXPECT_EQ(bin(t, TCG_OP_rotr, a, 0, c), a);
        CT_EXPECT_EQ(bin(t, TCG_OP_shl, a, 31, c), 0x80000000u);
        CT_EXPECT_EQ(bin(t, TCG_OP_shr, a, 31, c), 1u);
        CT_EXPECT_EQ(bin(t, TCG_OP_sar, a, 31, c), 0xffffffffu);
        CT_EXPECT_EQ(bin(t, TCG_OP_sar, 0x40000000u, 31, c), 0u);
        CT_EXPECT_EQ(bin(t, TCG_OP_rotr, a, 31, c), 0x00000003u);
        CT_EXPECT_EQ(bin(t, TCG_OP_rotr, a, 1, c), 0xc0000000u);
        /* counts are taken modulo 32 */
        CT_EXPECT_EQ(bin(t, TCG_OP_shl, a, 32, c), a);
        CT_EXPECT_EQ(bin(t, TCG_OP_shr, a, 33, c), a >> 1);
        CT_EXPECT_EQ(bin(t, TCG_OP_sar, a, 63, c), 0xffffffffu);
        for (uint32_t n = 0; n < 32; n++) {
            CT_EXPECT_EQ(bin(t, TCG_OP_shl, 0x12345678u, n, c), 0x12345678u << n);
            CT_EXPECT_EQ(bin(t, TCG_OP_shr, 0x92345678u, n, c), 0x92345678u >> n);
            CT_EXPECT_EQ(bin(t, TCG_OP_sar, 0x92345678u, n, c), (uint32_t)((int32_t)0x92345678u >> n));
            CT_EXPECT_EQ(bin(t, TCG_OP_rotr, 0x92345678u, n, c),
                         n ? (0x92345678u >> n) | (0x92345678u << (32 - n)) : 0x92345678u);
        }
    }
    TEARDOWN();
}

CTEST(tcg_interp, unary_ops)
{
    SETUP();
    (void)s;
    CT_EXPECT_EQ(un(t, TCG_OP_clz, 0), 32u);
    CT_EXPECT_EQ(un(t, TCG_OP_clz, 1), 31u);
    CT_EXPECT_EQ(un(t, TCG_OP_clz, 0x80000000u), 0u);
    CT_EXPECT_EQ(un(t, TCG_OP_clz, 0x00010000u), 15u);
    for (unsigned i = 0; i < NS; i++) {
        uint32_t a = samples[i];
        CT_EXPECT_EQ(un(t, TCG_OP_neg, a), 0u - a);
        CT_EXPECT_EQ(un(t, TCG_OP_not, a), ~a);
        CT_EXPECT_EQ(un(t, TCG_OP_mov, a), a);
        CT_EXPECT_EQ(un(t, TCG_OP_ext8s, a), (uint32_t)(int32_t)(int8_t)(a & 0xff));
        CT_EXPECT_EQ(un(t, TCG_OP_ext8u, a), a & 0xffu);
        CT_EXPECT_EQ(un(t, TCG_OP_ext16s, a), (uint32_t)(int32_t)(int16_t)(a & 0xffff));
        CT_EXPECT_EQ(un(t, TCG_OP_ext16u, a), a & 0xffffu);
        CT_EXPECT_EQ(un(t, TCG_OP_bswap32, a),
                     (a >> 24) | ((a >> 8) & 0xff00u) | ((a << 8) & 0xff0000u) | (a << 24));
    }
    CT_EXPECT_EQ(un(t, TCG_OP_ext8s, 0x80u), 0xffffff80u);
    CT_EXPECT_EQ(un(t, TCG_OP_ext16s, 0x17fffu), 0x7fffu);
    TEARDOWN();
}

static bool ref_cond(tcg_cond c, uint32_t a, uint32_t b)
{
    int32_t sa = (int32_t)a, sb = (int32_t)b;
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    return false;
}

CTEST(tcg_interp, setcond_movcond_brcond_every_condition)
{
    SETUP();
    for (int c = TCG_COND_NEVER; c <= TCG_COND_GTU; c++)
        for (unsigned i = 0; i < NS; i++)
            for (unsigned j = 0; j < NS; j++) {
                uint32_t a = samples[i], b = samples[j];
                bool want = ref_cond((tcg_cond)c, a, b);
                CT_EXPECT_EQ(tcg_cond_eval((tcg_cond)c, a, b), want);

                /* setcond r3 = (r1 c r2); movcond r4 = (r1 c r2) ? r5 : r6;
                 * brcond r1 c r2 -> L: r0 = 1 on the taken path, 2 otherwise */
                tcg_ctx_reset(s);
                t->r[1] = a; t->r[2] = b; t->r[5] = 0x55; t->r[6] = 0x66; t->r[0] = 0;
                tcg_gen_setcond(s, (tcg_cond)c, t->g_r[3], t->g_r[1], t->g_r[2]);
                tcg_gen_movcond(s, (tcg_cond)c, t->g_r[4], t->g_r[1], t->g_r[2], t->g_r[5], t->g_r[6]);
                uint32_t l = tcg_label(s);
                tcg_gen_brcond(s, (tcg_cond)c, t->g_r[1], t->g_r[2], l);
                tcg_gen_movi(s, t->g_r[0], 2);
                tcg_gen_exit_tb(s);
                tcg_gen_set_label(s, l);
                tcg_gen_movi(s, t->g_r[0], 1);
                tcg_gen_exit_tb(s);
                CT_ASSERT_TRUE(toy_run_ir(t, false));
                CT_EXPECT_EQ(t->r[3], want ? 1u : 0u);
                CT_EXPECT_EQ(t->r[4], want ? 0x55u : 0x66u);
                CT_EXPECT_EQ(t->r[0], want ? 1u : 2u);
            }
    TEARDOWN();
}

CTEST(tcg_interp, double_word_ops)
{
    SETUP();
    static const uint32_t v[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x12345678 };
    for (unsigned i = 0; i < 8; i++)
        for (unsigned j = 0; j < 8; j++) {
            uint32_t a = v[i], b = v[j];
            tcg_ctx_reset(s);
            t->r[0] = a; t->r[1] = b;
            tcg_gen_mulu2(s, t->g_r[2], t->g_r[3], t->g_r[0], t->g_r[1]);
            tcg_gen_muls2(s, t->g_r[4], t->g_r[5], t->g_r[0], t->g_r[1]);
            tcg_gen_exit_tb(s);
            CT_ASSERT_TRUE(toy_run_ir(t, false));
            uint64_t pu = (uint64_t)a * b;
            int64_t ps = (int64_t)(int32_t)a * (int32_t)b;
            CT_EXPECT_EQ(t->r[2], (uint32_t)pu);
            CT_EXPECT_EQ(t->r[3], (uint32_t)(pu >> 32));
            CT_EXPECT_EQ(t->r[4], (uint32_t)(uint64_t)ps);
            CT_EXPECT_EQ(t->r[5], (uint32_t)((uint64_t)ps >> 32));

            /* add2/sub2 over {r1:r0} and {b:a}: carries and borrows */
            for (unsigned k = 0; k < 8; k++) {
                uint32_t hi2 = v[k];
                tcg_ctx_reset(s);
                t->r[0] = a; t->r[1] = hi2; t->r[2] = b; t->r[3] = a ^ b;
                tcg_gen_add2(s, t->g_r[4], t->g_r[5], t->g_r[0], t->g_r[1], t->g_r[2], t->g_r[3]);
                tcg_gen_sub2(s, t->g_r[6], t->g_r[7], t->g_r[0], t->g_r[1], t->g_r[2], t->g_r[3]);
                tcg_gen_exit_tb(s);
                CT_ASSERT_TRUE(toy_run_ir(t, false));
                uint64_t x = ((uint64_t)hi2 << 32) | a, y = ((uint64_t)(a ^ b) << 32) | b;
                CT_EXPECT_EQ(t->r[4], (uint32_t)(x + y));
                CT_EXPECT_EQ(t->r[5], (uint32_t)((x + y) >> 32));
                CT_EXPECT_EQ(t->r[6], (uint32_t)(x - y));
                CT_EXPECT_EQ(t->r[7], (uint32_t)((x - y) >> 32));
            }
        }
    /* the signed product of the extremes */
    tcg_ctx_reset(s);
    t->r[0] = 0x80000000u; t->r[1] = 0x80000000u;
    tcg_gen_muls2(s, t->g_r[2], t->g_r[3], t->g_r[0], t->g_r[1]);
    tcg_gen_exit_tb(s);
    CT_ASSERT_TRUE(toy_run_ir(t, false));
    CT_EXPECT_EQ(t->r[2], 0u);
    CT_EXPECT_EQ(t->r[3], 0x40000000u);
    TEARDOWN();
}

CTEST(tcg_interp, labels_and_loops)
{
    SETUP();
    /* r0 = sum of 1..r1 with a backward branch inside the TB */
    tcg_ctx_reset(s);
    t->r[0] = 0; t->r[1] = 10;
    uint32_t top = tcg_label(s), out = tcg_label(s);
    tcg_gen_set_label(s, top);
    tcg_gen_brcondi(s, TCG_COND_EQ, t->g_r[1], 0, out);
    tcg_gen_add(s, t->g_r[0], t->g_r[0], t->g_r[1]);
    tcg_gen_subi(s, t->g_r[1], t->g_r[1], 1);
    tcg_gen_br(s, top);
    tcg_gen_set_label(s, out);
    tcg_gen_exit_tb(s);
    CT_ASSERT_TRUE(toy_run_ir(t, false));
    CT_EXPECT_EQ(t->r[0], 55u);
    CT_EXPECT_EQ(t->r[1], 0u);
    TEARDOWN();
}

static uint32_t helper_mix(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    toy_cpu *t = env;
    t->scratch[0]++;                     /* proves env is the CPU */
    return a0 * 1000u + a1 * 100u + a2 * 10u + a3;
}

CTEST(tcg_interp, helper_calls_and_env_access)
{
    SETUP();
    uint32_t h = tcg_helper_register(s, helper_mix, "mix", 0);
    CT_EXPECT_EQ(tcg_helper_register(s, helper_mix, "mix", 0), h);   /* registered once */
    tcg_ctx_reset(s);
    t->r[1] = 1; t->r[2] = 2;
    t->scratch[0] = 0;
    t->scratch[3] = 0xabcd;
    tcg_val tmp = tcg_temp(s);
    tcg_gen_call(s, h, t->g_r[0], t->g_r[1], t->g_r[2], tcg_const(s, 3), tcg_const(s, 4));
    tcg_gen_call(s, h, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, t->g_r[2]);
    tcg_gen_ld_env(s, tmp, offsetof(toy_cpu, scratch[3]));
    tcg_gen_addi(s, tmp, tmp, 1);
    tcg_gen_st_env(s, tmp, offsetof(toy_cpu, scratch[4]));
    tcg_gen_st_env(s, tcg_const(s, 0x77), offsetof(toy_cpu, scratch[5]));
    tcg_gen_exit_tb(s);
    CT_ASSERT_TRUE(toy_run_ir(t, false));
    CT_EXPECT_EQ(t->r[0], 1234u);
    CT_EXPECT_EQ(t->scratch[0], 2u);
    CT_EXPECT_EQ(t->scratch[4], 0xabceu);
    CT_EXPECT_EQ(t->scratch[5], 0x77u);
    TEARDOWN();
}

CTEST(tcg_interp, guest_memory_sizes_and_signs)
{
    SETUP();
    /* the TLB maps RAM 1:1; bytes 0x100.. hold a pattern */
    static const uint8_t pat[8] = { 0x81, 0x92, 0xa3, 0xf4, 0x05, 0x16, 0x27, 0x38 };
    memcpy(t->ram + 0x100, pat, 8);
    tcg_ctx_reset(s);
    t->r[0] = 0x100;
    tcg_gen_qemu_ld(s, t->g_r[1], t->g_r[0], TCG_MEMOP(TCG_MO_8, 0));
    tcg_gen_qemu_ld(s, t->g_r[2], t->g_r[0], TCG_MEMOP(TCG_MO_8 | TCG_MO_SIGN, 0));
    tcg_gen_qemu_ld(s, t->g_r[3], t->g_r[0], TCG_MEMOP(TCG_MO_16, 0));
    tcg_gen_qemu_ld(s, t->g_r[4], t->g_r[0], TCG_MEMOP(TCG_MO_16 | TCG_MO_SIGN, 0));
    tcg_gen_qemu_ld(s, t->g_r[5], t->g_r[0], TCG_MEMOP(TCG_MO_32, 0));
    tcg_val a = tcg_temp(s);
    tcg_gen_addi(s, a, t->g_r[0], 0x10);
    tcg_gen_qemu_st(s, t->g_r[5], a, TCG_MEMOP(TCG_MO_32, 0));
    tcg_gen_addi(s, a, t->g_r[0], 0x20);
    tcg_gen_qemu_st(s, t->g_r[5], a, TCG_MEMOP(TCG_MO_16, 0));
    tcg_gen_addi(s, a, t->g_r[0], 0x30);
    tcg_gen_qemu_st(s, t->g_r[5], a, TCG_MEMOP(TCG_MO_8, 0));
    /* an unaligned word crossing a page boundary (slow path, split) */
    tcg_gen_movi(s, a, 0x3fe);
    tcg_gen_qemu_st(s, tcg_const(s, 0x11223344), a, TCG_MEMOP(TCG_MO_32, 0));
    tcg_gen_qemu_ld(s, t->g_r[6], a, TCG_MEMOP(TCG_MO_32, 0));
    tcg_gen_exit_tb(s);
    CT_ASSERT_TRUE(toy_run_ir(t, false));
    CT_EXPECT_EQ(t->r[1], 0x81u);
    CT_EXPECT_EQ(t->r[2], 0xffffff81u);
    CT_EXPECT_EQ(t->r[3], 0x9281u);
    CT_EXPECT_EQ(t->r[4], 0xffff9281u);
    CT_EXPECT_EQ(t->r[5], 0xf4a39281u);
    CT_EXPECT_EQ(memcmp(t->ram + 0x110, pat, 4), 0);
    CT_EXPECT_EQ(t->ram[0x120], 0x81u);
    CT_EXPECT_EQ(t->ram[0x121], 0x92u);
    CT_EXPECT_EQ(t->ram[0x122], 0u);
    CT_EXPECT_EQ(t->ram[0x130], 0x81u);
    CT_EXPECT_EQ(t->ram[0x131], 0u);
    CT_EXPECT_EQ(t->r[6], 0x11223344u);
    CT_EXPECT_EQ(t->ram[0x3fe], 0x44u);
    CT_EXPECT_EQ(t->ram[0x401], 0x11u);
    TEARDOWN();
}
