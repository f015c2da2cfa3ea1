/*
 * A32 multiplies: MUL/MLA (and the flags of MULS), the 64-bit UMULL,
 * UMLAL, SMULL, SMLAL, the ARMv5TE DSP multiplies SMULxy, SMLAxy, SMULWy,
 * SMLAWy, SMLALxy with the Q flag, the saturating QADD/QSUB/QDADD/QDSUB
 * and CLZ.  Expected values are worked out by hand from ARM DDI 0100I
 * A4.1 (the instruction pages) and A2.5.7 (Q flag).
 */
#include "arm_fixture.h"

typedef struct mul_case {
    uint32_t insn;
    uint32_t r1, r2, r3, r4, r5;
    unsigned nzcv_in;
    uint32_t r0, r4_out, r5_out;   /* expected */
    unsigned nzcv;
    bool q;                        /* Q after (starts clear) */
} mul_case;

static const mul_case mul_cases[] = {
    { 0xe0000291, 7, 6, 0, 0, 0, 0x0, 42, 0, 0, 0x0, false },            /* mul r0, r1, r2 */
    { 0xe0000291, 0x10000, 0x10000, 0, 0, 0, 0x0, 0, 0, 0, 0x0, false },
    { 0xe0203291, 3, 4, 5, 0, 0, 0x0, 17, 0, 0, 0x0, false },            /* mla r0, r1, r2, r3 */
    /* MULS: N and Z from the result, C and V unchanged (ARMv5) */
    { 0xe0100291, 0xffffffff, 1, 0, 0, 0, 0x3, 0xffffffff, 0, 0, 0xb, false },
    { 0xe0100291, 0, 9, 0, 0, 0, 0x3, 0, 0, 0, 0x7, false },
    /* 64-bit: r4 = RdLo, r5 = RdHi */
    { 0xe0854291, 0xffffffff, 0xffffffff, 0, 0, 0, 0x0, 0xdeadbeef, 1, 0xfffffffe, 0x0, false },
    { 0xe0a54291, 1, 1, 0, 0xffffffff, 1, 0x0, 0xdeadbeef, 0, 2, 0x0, false },   /* umlal */
    { 0xe0c54291, 0xffffffff, 2, 0, 0, 0, 0x0, 0xdeadbeef, 0xfffffffe, 0xffffffff, 0x0, false },
    { 0xe0e54291, 0xfffffffe, 3, 0, 10, 0, 0x0, 0xdeadbeef, 4, 0, 0x0, false },   /* smlal */
    { 0xe0954291, 0, 5, 0, 0, 0, 0x3, 0xdeadbeef, 0, 0, 0x7, false },             /* umulls */
    { 0xe0954291, 0x80000000, 2, 0, 0, 0, 0x3, 0xdeadbeef, 0, 1, 0x3, false },
    { 0xe0954291, 0xffffffff, 0xffffffff, 0, 0, 0, 0x0, 0xdeadbeef, 1, 0xfffffffe, 0x8, false },
    /* SMULxy: x picks the half of Rm (r1), y the half of Rs (r2) */
    { 0xe1600281, 0x0003fffe, 0x7fff0005, 0, 0, 0, 0x0, 0xfffffff6, 0, 0, 0x0, false }, /* bb */
    { 0xe16002c1, 0x0003fffe, 0x7fff0005, 0, 0, 0, 0x0, 0xffff0002, 0, 0, 0x0, false }, /* bt */
    { 0xe16002a1, 0x0003fffe, 0x7fff0005, 0, 0, 0, 0x0, 15, 0, 0, 0x0, false },         /* tb */
    { 0xe16002e1, 0x0003fffe, 0x7fff0005, 0, 0, 0, 0x0, 0x17ffd, 0, 0, 0x0, false },    /* tt */
    { 0xe1600281, 0x8000, 0x8000, 0, 0, 0, 0x0, 0x40000000, 0, 0, 0x0, false },
    /* SMLAxy: Q on signed overflow of the accumulate, result wraps */
    { 0xe1003281, 0x8000, 0x8000, 0x40000000, 0, 0, 0x0, 0x80000000, 0, 0, 0x0, true },
    { 0xe10032e1, 0x00020000, 0x00030000, 4, 0, 0, 0x0, 10, 0, 0, 0x0, false },         /* tt */
    /* SMULWy / SMLAWy: (Rm * Rs.y) >> 16 */
    { 0xe12002a1, 0x40000000, 2, 0, 0, 0, 0x0, 0x8000, 0, 0, 0x0, false },              /* smulwb */
    { 0xe12002a1, 0xffffffff, 1, 0, 0, 0, 0x0, 0xffffffff, 0, 0, 0x0, false },
    { 0xe12002e1, 0x00030000, 0xfffe0000, 0, 0, 0, 0x0, 0xfffffffa, 0, 0, 0x0, false }, /* smulwt */
    { 0xe1203281, 0x7fffffff, 0x7fff, 0x7fffffff, 0, 0, 0x0, 0xbfff7ffe, 0, 0, 0x0, true },
    { 0xe12032c1, 0x00010000, 0x00050000, 1, 0, 0, 0x0, 6, 0, 0, 0x0, false },          /* smlawt */
    /* SMLALxy: 64-bit accumulate, never Q */
    { 0xe1454281, 2, 3, 0, 0xffffffff, 0, 0x0, 0xdeadbeef, 5, 1, 0x0, false },          /* bb */
    { 0xe14542a1, 0xffff0000, 1, 0, 0, 0, 0x0, 0xdeadbeef, 0xffffffff, 0xffffffff, 0x0, false },
    /* saturating arithmetic: qadd Rd, Rm, Rn (Rm = r1, Rn = r2) */
    { 0xe1020051, 1, 2, 0, 0, 0, 0x0, 3, 0, 0, 0x0, false },
    { 0xe1020051, 0x7fffffff, 1, 0, 0, 0, 0x0, 0x7fffffff, 0, 0, 0x0, true },
    { 0xe1020051, 0x80000000, 0xffffffff, 0, 0, 0, 0x0, 0x80000000, 0, 0, 0x0, true },
    { 0xe1220051, 0x80000000, 1, 0, 0, 0, 0x0, 0x80000000, 0, 0, 0x0, true },          /* qsub */
    { 0xe1220051, 10, 3, 0, 0, 0, 0x0, 7, 0, 0, 0x0, false },
    { 0xe1420051, 5, 3, 0, 0, 0, 0x0, 11, 0, 0, 0x0, false },                           /* qdadd */
    { 0xe1420051, 1, 0x40000000, 0, 0, 0, 0x0, 0x7fffffff, 0, 0, 0x0, true },
    { 0xe1620051, 0, 0xc0000000, 0, 0, 0, 0x0, 0x7fffffff, 0, 0, 0x0, true },           /* qdsub */
    { 0xe1620051, 10, 2, 0, 0, 0, 0x0, 6, 0, 0, 0x0, false },
    /* CLZ */
    { 0xe16f0f11, 0, 0, 0, 0, 0, 0x0, 32, 0, 0, 0x0, false },
    { 0xe16f0f11, 1, 0, 0, 0, 0, 0x0, 31, 0, 0, 0x0, false },
    { 0xe16f0f11, 0x80000000, 0, 0, 0, 0, 0x0, 0, 0, 0, 0x0, false },
    { 0xe16f0f11, 0x00010000, 0, 0, 0, 0, 0x0, 15, 0, 0, 0x0, false },
};

ARMFIX_TEST(a32_mul, table)
{
    for (unsigned i = 0; i < sizeof(mul_cases) / sizeof(mul_cases[0]); i++) {
        const mul_case *c = &mul_cases[i];
        f->cpu.regs[0] = 0xdeadbeef;
        f->cpu.regs[1] = c->r1;
        f->cpu.regs[2] = c->r2;
        f->cpu.regs[3] = c->r3;
        f->cpu.regs[4] = c->r4;
        f->cpu.regs[5] = c->r5;
        f->cpu.QF = 0;
        armfix_set_nzcv(f, c->nzcv_in);
        armfix_a32(f, &c->insn, 1);
        CT_ASSERT_TRUE(armfix_run(f));
        bool q = (armfix_cpsr(f) & ARM_CPSR_Q) != 0;
        if (f->cpu.regs[0] != c->r0 || f->cpu.regs[4] != c->r4_out || f->cpu.regs[5] != c->r5_out ||
            armfix_nzcv(f) != c->nzcv || q != c->q)
            ctest_fail(__FILE__, __LINE__,
                       "case %u (%08x): r0 %08x r4 %08x r5 %08x nzcv %x q %d, want %08x %08x %08x %x %d",
                       i, c->insn, f->cpu.regs[0], f->cpu.regs[4], f->cpu.regs[5], armfix_nzcv(f), q,
                       c->r0, c->r4_out, c->r5_out, c->nzcv, c->q);
    }
}

ARMFIX_TEST(a32_mul, q_is_sticky_and_visible_to_mrs)
{
    A32(f, 0xe1020051,      /* qadd r0, r1, r2: saturates */
           0xe1043053,      /* qadd r3, r3, r4: does not */
           0xe10f5000);     /* mrs r5, cpsr */
    f->cpu.regs[1] = 0x7fffffff;
    f->cpu.regs[2] = 0x7fffffff;
    f->cpu.regs[3] = 1;
    f->cpu.regs[4] = 1;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0x7fffffff);
    CT_EXPECT_EQ(f->cpu.regs[3], 2);
    CT_EXPECT_EQ(f->cpu.regs[5] & ARM_CPSR_Q, ARM_CPSR_Q);
}
