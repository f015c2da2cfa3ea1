/*
 * A32 data processing: every shifter-operand form with its carry-out,
 * the arithmetic flags (ADC/SBC/RSC carries, overflow), compares, the
 * pc as an operand and as a destination, condition codes and branches.
 * Expected values are worked out by hand from ARM DDI 0100I A4/A5.1.
 */
#include "arm_fixture.h"

typedef struct dp_case {
    uint32_t insn;
    uint32_t r1, r2, r3;
    unsigned nzcv_in;
    uint32_t r0;           /* expected; 0xdeadbeef = untouched */
    unsigned nzcv;         /* expected N Z C V as 0b1111 */
} dp_case;

static const dp_case dp_cases[] = {
    /* immediate operand: carry = bit 31 only when rotated */
    { 0xe3b004ff, 0, 0, 0, 0x0, 0xff000000, 0xa },       /* movs r0, #0xff000000 */
    { 0xe3b00001, 0, 0, 0, 0x3, 1, 0x3 },                /* movs r0, #1: C,V kept */
    /* LSL #imm; LSL #0 leaves C */
    { 0xe1b00081, 0x80000001, 0, 0, 0x0, 2, 0x2 },       /* movs r0, r1, lsl #1 */
    { 0xe1b00001, 0, 0, 0, 0x2, 0, 0x6 },                /* movs r0, r1 */
    /* LSR #32 (encoded #0), LSR #1 */
    { 0xe1b00021, 0x80000000, 0, 0, 0x0, 0, 0x6 },       /* movs r0, r1, lsr #32 */
    { 0xe1b00021, 0x7fffffff, 0, 0, 0x2, 0, 0x4 },
    { 0xe1b000a1, 3, 0, 0, 0x0, 1, 0x2 },                /* movs r0, r1, lsr #1 */
    /* ASR #32 (encoded #0), ASR #4 */
    { 0xe1b00041, 0x80000000, 0, 0, 0x0, 0xffffffff, 0xa }, /* movs r0, r1, asr #32 */
    { 0xe1b00041, 0x7fffffff, 0, 0, 0x2, 0, 0x4 },
    { 0xe1b00241, 0x80000008, 0, 0, 0x0, 0xf8000000, 0xa }, /* movs r0, r1, asr #4 */
    /* ROR #0 is RRX; ROR #8 */
    { 0xe1b00061, 3, 0, 0, 0x2, 0x80000001, 0xa },       /* movs r0, r1, rrx */
    { 0xe1b00061, 2, 0, 0, 0x0, 1, 0x0 },
    { 0xe1b00461, 0xff, 0, 0, 0x0, 0xff000000, 0xa },    /* movs r0, r1, ror #8 */
    { 0xe1b00461, 0x7f00, 0, 0, 0x2, 0x7f, 0x0 },
    /* LSL by register: 0 (only the bottom byte counts), 1, 31, 32, 33 */
    { 0xe1b00211, 0x12345678, 0x100, 0, 0x2, 0x12345678, 0x2 }, /* movs r0, r1, lsl r2 */
    { 0xe1b00211, 0x80000001, 0x101, 0, 0x0, 2, 0x2 },
    { 0xe1b00211, 0x40000001, 1, 0, 0x2, 0x80000002, 0x8 },
    { 0xe1b00211, 3, 31, 0, 0x0, 0x80000000, 0xa },
    { 0xe1b00211, 1, 32, 0, 0x0, 0, 0x6 },
    { 0xe1b00211, 0xffffffff, 33, 0, 0x2, 0, 0x4 },
    /* LSR by register: 0, 31, 32, 33 */
    { 0xe1b00231, 0x80000000, 0, 0, 0x0, 0x80000000, 0x8 }, /* movs r0, r1, lsr r2 */
    { 0xe1b00231, 0x80000000, 31, 0, 0x2, 1, 0x0 },
    { 0xe1b00231, 0x80000000, 32, 0, 0x0, 0, 0x6 },
    { 0xe1b00231, 0xffffffff, 33, 0, 0x2, 0, 0x4 },
    /* ASR by register: 32, 40, 255 */
    { 0xe1b00251, 0x80000000, 32, 0, 0x0, 0xffffffff, 0xa }, /* movs r0, r1, asr r2 */
    { 0xe1b00251, 0x80000000, 40, 0, 0x0, 0xffffffff, 0xa },
    { 0xe1b00251, 0x40000000, 40, 0, 0x2, 0, 0x4 },
    { 0xe1b00251, 0x80000000, 0xff, 0, 0x0, 0xffffffff, 0xa },
    { 0xe1b00251, 0x80000010, 5, 0, 0x0, 0xfc000000, 0xa },
    /* ROR by register: 0, 32, 36 */
    { 0xe1b00271, 0, 0, 0, 0x2, 0, 0x6 },                /* movs r0, r1, ror r2 */
    { 0xe1b00271, 0x80000001, 32, 0, 0x0, 0x80000001, 0xa },
    { 0xe1b00271, 0xf1, 36, 0, 0x2, 0x1000000f, 0x0 },
    /* ADDS */
    { 0xe0910002, 0x7fffffff, 1, 0, 0x0, 0x80000000, 0x9 },  /* adds r0, r1, r2 */
    { 0xe0910002, 0xffffffff, 1, 0, 0x0, 0, 0x6 },
    { 0xe0910002, 1, 2, 0, 0xf, 3, 0x0 },
    { 0xe0910002, 0x80000000, 0x80000000, 0, 0x0, 0, 0x7 },
    /* SUBS: C is NOT borrow */
    { 0xe0510002, 5, 5, 0, 0x0, 0, 0x6 },                /* subs r0, r1, r2 */
    { 0xe0510002, 0, 1, 0, 0x0, 0xffffffff, 0x8 },
    { 0xe0510002, 0x80000000, 1, 0, 0x0, 0x7fffffff, 0x3 },
    { 0xe0510002, 1, 0x80000000, 0, 0x0, 0x80000001, 0x9 },
    /* RSBS r0, r1, #0 */
    { 0xe2710000, 1, 0, 0, 0x0, 0xffffffff, 0x8 },
    { 0xe2710000, 0, 0, 0, 0x0, 0, 0x6 },
    { 0xe2710000, 0x80000000, 0, 0, 0x0, 0x80000000, 0x9 },
    /* ADCS */
    { 0xe0b10002, 0xffffffff, 0, 0, 0x2, 0, 0x6 },       /* adcs r0, r1, r2 */
    { 0xe0b10002, 0x7fffffff, 0, 0, 0x2, 0x80000000, 0x9 },
    { 0xe0b10002, 0xffffffff, 1, 0, 0x0, 0, 0x6 },
    { 0xe0b10002, 0xffffffff, 0xffffffff, 0, 0x2, 0xffffffff, 0xa },
    /* SBCS: r1 - r2 - NOT C */
    { 0xe0d10002, 5, 5, 0, 0x0, 0xffffffff, 0x8 },       /* sbcs r0, r1, r2 */
    { 0xe0d10002, 5, 5, 0, 0x2, 0, 0x6 },
    { 0xe0d10002, 0x80000000, 0, 0, 0x0, 0x7fffffff, 0x3 },
    { 0xe0d10002, 0, 0xffffffff, 0, 0x0, 0, 0x4 },
    /* RSCS: r2 - r1 - NOT C */
    { 0xe0f10002, 1, 2, 0, 0x0, 0, 0x6 },                /* rscs r0, r1, r2 */
    { 0xe0f10002, 1, 2, 0, 0x2, 1, 0x2 },
    /* compares write no register */
    { 0xe1510002, 3, 5, 0, 0x0, 0xdeadbeef, 0x8 },       /* cmp r1, r2 */
    { 0xe1710002, 0xffffffff, 1, 0, 0x0, 0xdeadbeef, 0x6 }, /* cmn r1, r2 */
    { 0xe1110002, 0xf0, 0x0f, 0, 0x3, 0xdeadbeef, 0x7 }, /* tst r1, r2 */
    { 0xe3310102, 0x80000000, 0, 0, 0x0, 0xdeadbeef, 0x6 }, /* teq r1, #0x80000000 */
    { 0xe3310102, 0, 0, 0, 0x0, 0xdeadbeef, 0xa },
    /* without S the flags stay */
    { 0xe0810002, 1, 2, 0, 0xf, 3, 0xf },                /* add r0, r1, r2 */
    { 0xe0a10002, 1, 2, 0, 0x2, 4, 0x2 },                /* adc r0, r1, r2 */
    { 0xe0a10002, 1, 2, 0, 0x0, 3, 0x0 },
    { 0xe0c10002, 10, 3, 0, 0x0, 6, 0x0 },               /* sbc r0, r1, r2 */
    { 0xe0c10002, 10, 3, 0, 0x2, 7, 0x2 },
    { 0xe0e10002, 3, 10, 0, 0x0, 6, 0x0 },               /* rsc r0, r1, r2 */
    { 0xe0010002, 0xff00ff00, 0x0ff00ff0, 0, 0x0, 0x0f000f00, 0x0 }, /* and */
    { 0xe0210002, 0xff00ff00, 0x0ff00ff0, 0, 0x0, 0xf0f0f0f0, 0x0 }, /* eor */
    { 0xe1810002, 0xff00ff00, 0x0ff00ff0, 0, 0x0, 0xfff0fff0, 0x0 }, /* orr */
    { 0xe1c10002, 0xff00ff00, 0x0ff00ff0, 0, 0x0, 0xf000f000, 0x0 }, /* bic */
    { 0xe1e00001, 0xff00ff00, 0, 0, 0x0, 0x00ff00ff, 0x0 },          /* mvn r0, r1 */
    /* logical S op takes C from the shifter */
    { 0xe01100a2, 0xffffffff, 3, 0, 0x0, 1, 0x2 },       /* ands r0, r1, r2, lsr #1 */
    { 0xe0810182, 1, 2, 0, 0x0, 17, 0x0 },               /* add r0, r1, r2, lsl #3 */
    { 0xe0410352, 100, 0xffffff00, 4, 0x0, 116, 0x0 },   /* sub r0, r1, r2, asr r3 */
};

ARMFIX_TEST(a32_dp, table)
{
    for (unsigned i = 0; i < sizeof(dp_cases) / sizeof(dp_cases[0]); i++) {
        const dp_case *c = &dp_cases[i];
        f->cpu.regs[0] = 0xdeadbeef;
        f->cpu.regs[1] = c->r1;
        f->cpu.regs[2] = c->r2;
        f->cpu.regs[3] = c->r3;
        armfix_set_nzcv(f, c->nzcv_in);
        armfix_a32(f, &c->insn, 1);
        CT_ASSERT_TRUE(armfix_run(f));
        if (f->cpu.regs[0] != c->r0 || armfix_nzcv(f) != c->nzcv)
            ctest_fail(__FILE__, __LINE__, "case %u (insn %08x): r0 %08x nzcv %x, want %08x %x",
                       i, c->insn, f->cpu.regs[0], armfix_nzcv(f), c->r0, c->nzcv);
        CT_EXPECT_EQ(f->cpu.regs[1], c->r1);
    }
}

ARMFIX_TEST(a32_dp, pc_operand)
{
    A32(f, 0xe28f0000,      /* add r0, pc, #0          -> insn + 8  */
           0xe08f1213);     /* add r1, pc, r3, lsl r2  -> insn + 12 */
    f->cpu.regs[2] = 0;
    f->cpu.regs[3] = 0;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], ARMFIX_CODE + 8);
    CT_EXPECT_EQ(f->cpu.regs[1], ARMFIX_CODE + 4 + 12);
}

ARMFIX_TEST(a32_dp, pc_destination)
{
    A32(f, 0xe28ff004,      /* add pc, pc, #4  -> skips two insns */
           0xe3a00001,      /* mov r0, #1 */
           0xe3a00002,      /* mov r0, #2 */
           0xe3a01003);     /* mov r1, #3 */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0);
    CT_EXPECT_EQ(f->cpu.regs[1], 3);
}

ARMFIX_TEST(a32_dp, movs_pc_returns_from_exception)
{
    A32(f, 0xe1b0f00e,      /* movs pc, lr */
           0xe3a00001,      /* mov r0, #1 (skipped) */
           0xe3a01002);     /* mov r1, #2 */
    f->cpu.spsr = ARM_MODE_USR | ARM_CPSR_N | ARM_CPSR_V;
    f->cpu.regs[14] = ARMFIX_CODE + 8;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_USR);
    CT_EXPECT_EQ(armfix_nzcv(f), 0x9);
    CT_EXPECT_EQ(f->cpu.regs[0], 0);
    CT_EXPECT_EQ(f->cpu.regs[1], 2);
}

/* ARM ARM table A3-1, written independently of the front end */
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
    case 12: return !z && n == v; case 13: return z || n != v;
    default: return true;
    }
}

ARMFIX_TEST(a32_dp, condition_codes)
{
    for (unsigned cond = 0; cond < 15; cond++) {
        for (unsigned nzcv = 0; nzcv < 16; nzcv++) {
            uint32_t code[2] = {
                0x03a00001u | cond << 28,   /* mov<cond> r0, #1 */
                0xe3a01002u,                /* mov r1, #2       */
            };
            f->cpu.regs[0] = 0;
            f->cpu.regs[1] = 0;
            armfix_set_nzcv(f, nzcv);
            armfix_a32(f, code, 2);
            CT_ASSERT_TRUE(armfix_run(f));
            if (f->cpu.regs[0] != (cond_holds(cond, nzcv) ? 1u : 0u))
                ctest_fail(__FILE__, __LINE__, "cond %u nzcv %x: r0 = %u", cond, nzcv,
                           f->cpu.regs[0]);
            CT_EXPECT_EQ(f->cpu.regs[1], 2);
            CT_EXPECT_EQ(armfix_nzcv(f), nzcv);
        }
    }
}

ARMFIX_TEST(a32_dp, conditional_pc_write)
{
    /* a skipped write to the pc must fall through to the next insn */
    A32(f, 0x11a0f00e,      /* movne pc, lr */
           0xe3a00001,      /* mov r0, #1 */
           0x01a0f00e,      /* moveq pc, lr */
           0xe3a00002);     /* mov r0, #2 (skipped) */
    f->cpu.regs[14] = ARMFIX_CODE + 16;
    armfix_set_nzcv(f, 0x4);    /* Z */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 1);
}

ARMFIX_TEST(a32_dp, loop)
{
    A32(f, 0xe3a00005,      /* mov r0, #5 */
           0xe2500001,      /* loop: subs r0, r0, #1 */
           0xe2811001,      /* add r1, r1, #1 */
           0x1afffffc);     /* bne loop */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0);
    CT_EXPECT_EQ(f->cpu.regs[1], 5);
    CT_EXPECT_EQ(armfix_nzcv(f), 0x6);
}

ARMFIX_TEST(a32_dp, bl_and_return)
{
    A32(f, 0xeb000001,      /* bl sub */
           0xe3a00001,      /* mov r0, #1 */
           0xea000001,      /* b end */
           0xe3a02007,      /* sub: mov r2, #7 */
           0xe12fff1e);     /* bx lr */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 1);
    CT_EXPECT_EQ(f->cpu.regs[2], 7);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 4);
    CT_EXPECT_FALSE(armfix_thumb(f));
}
