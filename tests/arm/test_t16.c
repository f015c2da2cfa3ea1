/*
 * Thumb (ARMv5TE 16-bit) instructions, all 19 Thumb-1 formats plus the
 * ARMv5 additions (BLX register and immediate, BKPT): shifts, add/sub,
 * immediates, ALU operations with flags, high registers and BX/BLX,
 * PC-relative, register/immediate/SP-relative loads and stores, address
 * generation, SP adjust, PUSH/POP (POP pc interworks), LDMIA/STMIA,
 * conditional branches, SWI, branches and the BL/BLX pair, and the
 * undefined encodings.  Expected values by hand from ARM DDI 0100I A7.
 */
#include "arm_fixture.h"

#define D ARMFIX_DATA

typedef struct t_case {
    uint16_t insn;
    uint32_t r1, r2;
    unsigned nzcv_in;
    uint32_t r0, r1_out;   /* expected */
    unsigned nzcv;
} t_case;

static const t_case t_cases[] = {
    /* format 1: shift by immediate */
    { 0x0048, 0x80000001, 0, 0x0, 2, 0x80000001, 0x2 },           /* lsls r0, r1, #1 */
    { 0x0808, 0x80000000, 0, 0x0, 0, 0x80000000, 0x6 },           /* lsrs r0, r1, #32 */
    { 0x1008, 0x80000000, 0, 0x0, 0xffffffff, 0x80000000, 0xa },  /* asrs r0, r1, #32 */
    { 0x0008, 0, 0, 0x3, 0, 0, 0x7 },                             /* lsls r0, r1, #0: C kept */
    /* format 2: add/subtract register and 3-bit immediate */
    { 0x1888, 0x7fffffff, 1, 0x0, 0x80000000, 0x7fffffff, 0x9 },  /* adds r0, r1, r2 */
    { 0x1a88, 5, 5, 0x0, 0, 5, 0x6 },                             /* subs r0, r1, r2 */
    { 0x1dc8, 0xfffffff9, 0, 0x0, 0, 0xfffffff9, 0x6 },           /* adds r0, r1, #7 */
    { 0x1e48, 0, 0, 0x0, 0xffffffff, 0, 0x8 },                    /* subs r0, r1, #1 */
    /* format 3: 8-bit immediate */
    { 0x2080, 0, 0, 0x3, 0x80, 0, 0x3 },                          /* movs r0, #0x80 */
    { 0x2905, 5, 0, 0x0, 0xdeadbeef, 5, 0x6 },                    /* cmp r1, #5 */
    { 0x3101, 0xffffffff, 0, 0x0, 0xdeadbeef, 0, 0x6 },           /* adds r1, #1 */
    { 0x3901, 0x80000000, 0, 0x0, 0xdeadbeef, 0x7fffffff, 0x3 },  /* subs r1, #1 */
    /* format 4: ALU, Rd = r1, Rm = r2 */
    { 0x4011, 0xf0f0, 0xff00, 0x0, 0xdeadbeef, 0xf000, 0x0 },     /* ands */
    { 0x4051, 0xff, 0xff, 0x0, 0xdeadbeef, 0, 0x4 },              /* eors */
    { 0x4091, 1, 32, 0x0, 0xdeadbeef, 0, 0x6 },                   /* lsls r1, r2 */
    { 0x4091, 0x80000000, 0, 0x2, 0xdeadbeef, 0x80000000, 0xa },
    { 0x40d1, 0x80000000, 33, 0x2, 0xdeadbeef, 0, 0x4 },          /* lsrs r1, r2 */
    { 0x4111, 0x80000000, 40, 0x0, 0xdeadbeef, 0xffffffff, 0xa }, /* asrs r1, r2 */
    { 0x4151, 1, 1, 0x2, 0xdeadbeef, 3, 0x0 },                    /* adcs */
    { 0x4191, 5, 5, 0x0, 0xdeadbeef, 0xffffffff, 0x8 },           /* sbcs */
    { 0x41d1, 0x80000001, 1, 0x0, 0xdeadbeef, 0xc0000000, 0xa },  /* rors */
    { 0x4211, 1, 2, 0x0, 0xdeadbeef, 1, 0x4 },                    /* tst */
    { 0x4251, 0, 1, 0x0, 0xdeadbeef, 0xffffffff, 0x8 },           /* negs */
    { 0x4251, 7, 0, 0x0, 0xdeadbeef, 0, 0x6 },
    { 0x4291, 1, 2, 0x0, 0xdeadbeef, 1, 0x8 },                    /* cmp */
    { 0x42d1, 0x80000000, 0x80000000, 0x0, 0xdeadbeef, 0x80000000, 0x7 }, /* cmn */
    { 0x4311, 0xf0, 0x0f, 0x0, 0xdeadbeef, 0xff, 0x0 },           /* orrs */
    { 0x4351, 3, 0xffffffff, 0x3, 0xdeadbeef, 0xfffffffd, 0xb },  /* muls: C, V kept */
    { 0x4391, 0xff, 0x0f, 0x0, 0xdeadbeef, 0xf0, 0x0 },           /* bics */
    { 0x43d1, 5, 0, 0x0, 0xdeadbeef, 0xffffffff, 0x8 },           /* mvns */
};

ARMFIX_TEST(t16, alu_table)
{
    for (unsigned i = 0; i < sizeof(t_cases) / sizeof(t_cases[0]); i++) {
        const t_case *c = &t_cases[i];
        f->cpu.regs[0] = 0xdeadbeef;
        f->cpu.regs[1] = c->r1;
        f->cpu.regs[2] = c->r2;
        armfix_set_nzcv(f, c->nzcv_in);
        armfix_t16(f, &c->insn, 1);
        CT_ASSERT_TRUE(armfix_run(f));
        if (f->cpu.regs[0] != c->r0 || f->cpu.regs[1] != c->r1_out || armfix_nzcv(f) != c->nzcv)
            ctest_fail(__FILE__, __LINE__, "case %u (%04x): r0 %08x r1 %08x nzcv %x, want %08x %08x %x",
                       i, c->insn, f->cpu.regs[0], f->cpu.regs[1], armfix_nzcv(f), c->r0,
                       c->r1_out, c->nzcv);
        CT_EXPECT_TRUE(armfix_thumb(f));
    }
}

ARMFIX_TEST(t16, high_registers)
{
    T16(f, 0x4441,          /* add r1, r8 */
           0x4488,          /* add r8, r1 */
           0x4588,          /* cmp r8, r1 */
           0x4689,          /* mov r9, r1 */
           0x4673);         /* mov r3, lr */
    f->cpu.regs[1] = 1;
    f->cpu.regs[8] = 0x10;
    f->cpu.regs[14] = 0x1234;
    armfix_set_nzcv(f, 0x0);
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 0x11);
    CT_EXPECT_EQ(f->cpu.regs[8], 0x21);
    CT_EXPECT_EQ(f->cpu.regs[9], 0x11);
    CT_EXPECT_EQ(f->cpu.regs[3], 0x1234);
    CT_EXPECT_EQ(armfix_nzcv(f), 0x2);
}

ARMFIX_TEST(t16, pc_reads)
{
    T16(f, 0x467b,          /* mov r3, pc: insn + 4 */
           0xa002,          /* add r0, pc, #8: ((insn + 4) & ~3) + 8 */
           0x4901,          /* ldr r1, [pc, #4]: ((insn + 4) & ~3) + 4 */
           0xe003,          /* b end */
           0x46c0, 0x46c0,
           0x5678, 0x1234); /* literal at code + 12 */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[3], ARMFIX_CODE + 4);
    CT_EXPECT_EQ(f->cpu.regs[0], ARMFIX_CODE + 12);
    CT_EXPECT_EQ(f->cpu.regs[1], 0x12345678);
}

ARMFIX_TEST(t16, mov_pc_does_not_interwork)
{
    T16(f, 0x468f,          /* mov pc, r1 */
           0x2001,          /* movs r0, #1 (skipped) */
           0x2002);         /* movs r0, #2 */
    f->cpu.regs[1] = (ARMFIX_CODE + 4) | 1;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 2);
    CT_EXPECT_TRUE(armfix_thumb(f));
}

ARMFIX_TEST(t16, add_pc)
{
    T16(f, 0x448f,          /* add pc, r1: pc reads insn + 4 */
           0x2001,          /* movs r0, #1 (skipped) */
           0x2002,          /* movs r0, #2 (skipped) */
           0x2003);         /* movs r0, #3 */
    f->cpu.regs[1] = 2;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 3);
}

ARMFIX_TEST(t16, bx_to_arm_and_back)
{
    static const uint32_t arm[] = { 0xe3a02007, 0xe12fff1e };    /* mov r2, #7; bx lr */
    armfix_put32(f, 0x3000, arm, 2);
    T16(f, 0x4788,          /* blx r1 */
           0x2005);         /* movs r0, #5 */
    f->cpu.regs[1] = 0x3000;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[2], 7);
    CT_EXPECT_EQ(f->cpu.regs[0], 5);
    CT_EXPECT_EQ(f->cpu.regs[14], (ARMFIX_CODE + 2) | 1);
    CT_EXPECT_TRUE(armfix_thumb(f));
}

ARMFIX_TEST(t16, bx_stays_thumb)
{
    T16(f, 0x4708,          /* bx r1 */
           0x2001);         /* movs r0, #1 (skipped) */
    f->cpu.regs[1] = (ARMFIX_CODE + 4) | 1;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0);
    CT_EXPECT_TRUE(armfix_thumb(f));
}

typedef struct tld_case {
    uint16_t insn;
    uint32_t r2;
    uint32_t r0;
} tld_case;

/* r1 = D, sp = D - 4; memory: D: 0x8899aabb, D + 4: 0x44332211 */
static const tld_case tld_cases[] = {
    { 0x5688, 3, 0xffffff88 },      /* ldrsb r0, [r1, r2] */
    { 0x5688, 4, 0x11 },
    { 0x5888, 4, 0x44332211 },      /* ldr r0, [r1, r2] */
    { 0x5888, 5, 0x11443322 },      /* unaligned: rotated */
    { 0x5a88, 2, 0x8899 },          /* ldrh r0, [r1, r2] */
    { 0x5a88, 3, 0x8899 },          /* odd: bit 0 ignored */
    { 0x5c88, 1, 0xaa },            /* ldrb r0, [r1, r2] */
    { 0x5e88, 2, 0xffff8899 },      /* ldrsh r0, [r1, r2] */
    { 0x5e88, 4, 0x2211 },
    { 0x6848, 0, 0x44332211 },      /* ldr r0, [r1, #4] */
    { 0x7848, 0, 0xaa },            /* ldrb r0, [r1, #1] */
    { 0x8848, 0, 0x8899 },          /* ldrh r0, [r1, #2] */
    { 0x9802, 0, 0x44332211 },      /* ldr r0, [sp, #8] */
};

ARMFIX_TEST(t16, loads)
{
    for (unsigned i = 0; i < sizeof(tld_cases) / sizeof(tld_cases[0]); i++) {
        const tld_case *c = &tld_cases[i];
        armfix_wr32(f, D, 0x8899aabb);
        armfix_wr32(f, D + 4, 0x44332211);
        f->cpu.regs[0] = 0xdeadbeef;
        f->cpu.regs[1] = D;
        f->cpu.regs[2] = c->r2;
        f->cpu.regs[13] = D - 4;
        armfix_t16(f, &c->insn, 1);
        CT_ASSERT_TRUE(armfix_run(f));
        if (f->cpu.regs[0] != c->r0)
            ctest_fail(__FILE__, __LINE__, "case %u (%04x): r0 %08x, want %08x", i, c->insn,
                       f->cpu.regs[0], c->r0);
    }
}

typedef struct tst_case {
    uint16_t insn;
    uint32_t r2;
    uint32_t addr, word;
} tst_case;

/* r0 = 0x11223344, r1 = D, sp = D - 4, memory clear */
static const tst_case tst_cases[] = {
    { 0x5088, 4, D + 4, 0x11223344 },   /* str r0, [r1, r2] */
    { 0x5088, 6, D + 4, 0x11223344 },   /* unaligned: aligned store */
    { 0x5288, 6, D + 4, 0x33440000 },   /* strh r0, [r1, r2] */
    { 0x5488, 7, D + 4, 0x44000000 },   /* strb r0, [r1, r2] */
    { 0x6048, 0, D + 4, 0x11223344 },   /* str r0, [r1, #4] */
    { 0x7048, 0, D, 0x00004400 },       /* strb r0, [r1, #1] */
    { 0x8048, 0, D, 0x33440000 },       /* strh r0, [r1, #2] */
    { 0x9002, 0, D + 4, 0x11223344 },   /* str r0, [sp, #8] */
};

ARMFIX_TEST(t16, stores)
{
    for (unsigned i = 0; i < sizeof(tst_cases) / sizeof(tst_cases[0]); i++) {
        const tst_case *c = &tst_cases[i];
        armfix_wr32(f, D, 0);
        armfix_wr32(f, D + 4, 0);
        f->cpu.regs[0] = 0x11223344;
        f->cpu.regs[1] = D;
        f->cpu.regs[2] = c->r2;
        f->cpu.regs[13] = D - 4;
        armfix_t16(f, &c->insn, 1);
        CT_ASSERT_TRUE(armfix_run(f));
        if (armfix_rd32(f, c->addr) != c->word)
            ctest_fail(__FILE__, __LINE__, "case %u (%04x): [%08x] = %08x, want %08x", i, c->insn,
                       c->addr, armfix_rd32(f, c->addr), c->word);
    }
}

ARMFIX_TEST(t16, address_generation_and_sp)
{
    T16(f, 0x46c0,          /* nop */
           0xa002,          /* add r0, pc, #8: ((code + 2 + 4) & ~3) + 8 */
           0xa902,          /* add r1, sp, #8 */
           0xb004,          /* add sp, #16 */
           0x466a,          /* mov r2, sp */
           0xb085);         /* sub sp, #20 */
    f->cpu.regs[13] = 0x4000;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], ARMFIX_CODE + 4 + 8);
    CT_EXPECT_EQ(f->cpu.regs[1], 0x4008);
    CT_EXPECT_EQ(f->cpu.regs[2], 0x4010);
    CT_EXPECT_EQ(f->cpu.regs[13], 0x4010 - 20);
}

ARMFIX_TEST(t16, push_pop_pc_thumb)
{
    T16(f, 0xb503,          /* push {r0, r1, lr} */
           0xbd0c,          /* pop {r2, r3, pc} */
           0x2001);         /* movs r0, #1 (skipped) */
    f->cpu.regs[0] = 0xa0;
    f->cpu.regs[1] = 0xa1;
    f->cpu.regs[14] = (ARMFIX_CODE + 6) | 1;
    f->cpu.regs[13] = 0x4000;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, 0x4000 - 12), 0xa0);
    CT_EXPECT_EQ(armfix_rd32(f, 0x4000 - 8), 0xa1);
    CT_EXPECT_EQ(armfix_rd32(f, 0x4000 - 4), (ARMFIX_CODE + 6) | 1);
    CT_EXPECT_EQ(f->cpu.regs[2], 0xa0);
    CT_EXPECT_EQ(f->cpu.regs[3], 0xa1);
    CT_EXPECT_EQ(f->cpu.regs[0], 0xa0);
    CT_EXPECT_EQ(f->cpu.regs[13], 0x4000);
    CT_EXPECT_TRUE(armfix_thumb(f));
}

ARMFIX_TEST(t16, pop_pc_interworks_to_arm)
{
    static const uint32_t arm[] = { 0xe3a02007, 0xeafffffe };    /* mov r2, #7; b . */
    armfix_put32(f, 0x3000, arm, 2);
    T16(f, 0xbd00);         /* pop {pc} */
    f->cpu.regs[13] = 0x4000;
    armfix_wr32(f, 0x4000, 0x3000);
    f->end = 0x3004;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_FALSE(armfix_thumb(f));
    CT_EXPECT_EQ(f->cpu.regs[2], 7);
    CT_EXPECT_EQ(f->cpu.regs[13], 0x4004);
}

ARMFIX_TEST(t16, ldmia_stmia)
{
    T16(f, 0xc105,          /* stmia r1!, {r0, r2} */
           0xcb05,          /* ldmia r3!, {r0, r2} */
           0xcc30);         /* ldmia r4, {r4, r5}: no writeback, r4 loaded */
    f->cpu.regs[0] = 0xa0;
    f->cpu.regs[2] = 0xa2;
    f->cpu.regs[1] = D;
    f->cpu.regs[3] = D + 16;
    f->cpu.regs[4] = D + 32;
    armfix_wr32(f, D + 16, 0xb0);
    armfix_wr32(f, D + 20, 0xb2);
    armfix_wr32(f, D + 32, 0xc4);
    armfix_wr32(f, D + 36, 0xc5);
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, D), 0xa0);
    CT_EXPECT_EQ(armfix_rd32(f, D + 4), 0xa2);
    CT_EXPECT_EQ(f->cpu.regs[1], D + 8);
    CT_EXPECT_EQ(f->cpu.regs[0], 0xb0);
    CT_EXPECT_EQ(f->cpu.regs[2], 0xb2);
    CT_EXPECT_EQ(f->cpu.regs[3], D + 24);
    CT_EXPECT_EQ(f->cpu.regs[4], 0xc4);
    CT_EXPECT_EQ(f->cpu.regs[5], 0xc5);
}

/* same table as the A32 test, written independently of the front end */
static bool cond_holds(unsigned cond, unsigned nzcv)
{
    bool n = nzcv & 8, z = nzcv & 4, c = nzcv & 2, v = nzcv & 1;
    switch (cond) {
    case 0: return z;            case 1: return !z;
    case 2: return c;            case 3: return !c;
    case 4: return n;            case 5: return !n;
    case 6: return v;            case 7: return !v;
    case 8: return c && !z;      case 9: return !c || z;
    case 10: return n == v;      case 11: return n != v;
    case 12: return !z && n == v; default: return z || n != v;
    }
}

ARMFIX_TEST(t16, conditional_branches)
{
    for (unsigned cond = 0; cond < 14; cond++) {
        for (unsigned nzcv = 0; nzcv < 16; nzcv++) {
            const uint16_t code[3] = {
                (uint16_t)(0xd000 | cond << 8),   /* b<cond> over the next insn */
                0x2001,                           /* movs r0, #1 */
                0x2102,                           /* movs r1, #2 */
            };
            f->cpu.regs[0] = 0;
            f->cpu.regs[1] = 0;
            armfix_set_nzcv(f, nzcv);
            armfix_t16(f, code, 3);
            CT_ASSERT_TRUE(armfix_run(f));
            if (f->cpu.regs[0] != (cond_holds(cond, nzcv) ? 0u : 1u))
                ctest_fail(__FILE__, __LINE__, "cond %u nzcv %x: r0 = %u", cond, nzcv,
                           f->cpu.regs[0]);
            CT_EXPECT_EQ(f->cpu.regs[1], 2);
        }
    }
}

ARMFIX_TEST(t16, loop_and_branches)
{
    T16(f, 0x2005,          /* movs r0, #5 */
           0x3801,          /* loop: subs r0, #1 */
           0x4441,          /* add r1, r8: flags untouched */
           0xd1fc,          /* bne loop */
           0xe001,          /* b +2 insns */
           0x2207,          /* movs r2, #7 (skipped) */
           0x2208);         /* movs r2, #8 (skipped) */
    f->cpu.regs[8] = 1;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0);
    CT_EXPECT_EQ(f->cpu.regs[1], 5);
    CT_EXPECT_EQ(f->cpu.regs[2], 0);
}

ARMFIX_TEST(t16, bl_pair)
{
    T16(f, 0xf000, 0xf802,  /* bl sub */
           0x2001,          /* movs r0, #1 */
           0xe001,          /* b end */
           0x2207,          /* sub: movs r2, #7 */
           0x4770);         /* bx lr */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 1);
    CT_EXPECT_EQ(f->cpu.regs[2], 7);
    CT_EXPECT_EQ(f->cpu.regs[14], (ARMFIX_CODE + 4) | 1);
}

ARMFIX_TEST(t16, bl_backwards_far)
{
    static const uint16_t sub[] = { 0x2207, 0x4770 };      /* movs r2, #7; bx lr */
    armfix_put16(f, 0x0800, sub, 2);
    /* bl from code (0x1000) to 0x800: offset -0x804 from code + 4 */
    T16(f, 0xf7ff, 0xfbfe,  /* bl 0x800 */
           0x2001);         /* movs r0, #1 */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[2], 7);
    CT_EXPECT_EQ(f->cpu.regs[0], 1);
}

ARMFIX_TEST(t16, blx_pair_to_arm)
{
    T16(f, 0xf000, 0xe804,  /* blx code + 12 (ARM) */
           0x2001,          /* movs r0, #1 */
           0xe005,          /* b end */
           0x46c0, 0x46c0,
           0x2007, 0xe3a0,  /* arm: mov r2, #7 */
           0xff1e, 0xe12f); /* arm: bx lr */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[2], 7);
    CT_EXPECT_EQ(f->cpu.regs[0], 1);
    CT_EXPECT_EQ(f->cpu.regs[14], (ARMFIX_CODE + 4) | 1);
    CT_EXPECT_TRUE(armfix_thumb(f));
}

ARMFIX_TEST(t16, swi)
{
    T16(f, 0x2001,          /* movs r0, #1 */
           0xdf12);         /* swi 0x12 */
    arm_switch_mode(&f->cpu, ARM_MODE_USR);
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x08);
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_SVC);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 4);
    CT_EXPECT_FALSE(armfix_thumb(f));
    CT_EXPECT_EQ(f->cpu.spsr & (ARM_CPSR_T | ARM_CPSR_M), ARM_CPSR_T | ARM_MODE_USR);
}

ARMFIX_TEST(t16, bkpt)
{
    T16(f, 0xbe34);         /* bkpt 0x34 */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x0c);
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_ABT);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 4);
}

static const uint16_t t_udef[] = {
    0xde01,     /* udf (b<cond> with cond 1110) */
    0xb100,     /* 1011 0001: CBZ is ARMv6T2 */
    0xb240,     /* 1011 0010: SXTH is ARMv6 */
    0xba00,     /* 1011 1010: REV is ARMv6 */
    0xb650,     /* 1011 0110: SETEND/CPS are ARMv6 */
    0xe801,     /* BLX suffix with bit 0 set */
    0xbc00,     /* pop {} */
};

ARMFIX_TEST(t16, undefined_encodings)
{
    for (unsigned i = 0; i < sizeof(t_udef) / sizeof(t_udef[0]); i++) {
        const uint16_t code[2] = { 0x2001, t_udef[i] };  /* movs r0, #1; insn */
        f->cpu.regs[0] = 0;
        arm_switch_mode(&f->cpu, ARM_MODE_SVC);
        armfix_t16(f, code, 2);
        CT_EXPECT_FALSE(armfix_run(f));
        if (f->cpu.regs[15] != 0x04 || armfix_mode(f) != ARM_MODE_UND ||
            f->cpu.regs[14] != ARMFIX_CODE + 4 || f->cpu.regs[0] != 1 || armfix_thumb(f))
            ctest_fail(__FILE__, __LINE__, "%04x: pc %08x mode %x lr %08x r0 %u", t_udef[i],
                       f->cpu.regs[15], armfix_mode(f), f->cpu.regs[14], f->cpu.regs[0]);
    }
}

typedef struct t16_console { char buf[16]; unsigned len; } t16_console;

static void t16_write_console(void *opaque, const uint8_t *buf, uint32_t len)
{
    t16_console *c = opaque;
    for (uint32_t i = 0; i < len && c->len + 1 < sizeof(c->buf); i++)
        c->buf[c->len++] = (char)buf[i];
}

static const arm_semihost_ops t16_semihost_ops = { .write_console = t16_write_console };

ARMFIX_TEST(t16, semihosting_swi_ab)
{
    t16_console con = { { 0 }, 0 };
    f->cpu.semihosting = true;
    f->cpu.semihost = &t16_semihost_ops;
    f->cpu.semihost_opaque = &con;
    T16(f, 0x2003,          /* movs r0, #3: SYS_WRITEC */
           0xdfab,          /* swi 0xab */
           0x2201);         /* movs r2, #1: execution continues */
    f->cpu.regs[1] = D;
    armfix_wr32(f, D, 'x');
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[2], 1);
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_SVC);
    CT_EXPECT_EQ(con.len, 1);
    CT_EXPECT_EQ(con.buf[0], 'x');
}
