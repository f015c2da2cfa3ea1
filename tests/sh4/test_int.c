/*
 * SH-4 integer instruction classes: data moves and addressing modes,
 * arithmetic with carry/overflow, compares, multiply/MAC, DIV0/DIV1,
 * logic, shifts and rotates (SH-4 Software Manual, chapter 9).
 */
#include "sh4_fixture.h"

SH4FIX_TEST(sh4_int, mov_imm_sign_extends)
{
    SH4(f, MOVI(-2, 1), MOVI(0x7f, 2), MOV(1, 3));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 0xfffffffeu);
    CT_EXPECT_EQ(f->cpu.regs[2], 0x7fu);
    CT_EXPECT_EQ(f->cpu.regs[3], 0xfffffffeu);
}

SH4FIX_TEST(sh4_int, add_sub)
{
    f->cpu.regs[1] = 0x7fffffff;
    f->cpu.regs[2] = 5;
    SH4(f, ADD(2, 1), ADDI(-3, 2), MOV(2, 4), SUB(1, 4));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 0x80000004u);
    CT_EXPECT_EQ(f->cpu.regs[2], 2u);
    CT_EXPECT_EQ(f->cpu.regs[4], 2u - 0x80000004u);
}

SH4FIX_TEST(sh4_int, addc_chain_64bit)
{
    /* {r1:r0} + {r3:r2} = 0x00000001_ffffffff + 0x00000002_00000001 */
    f->cpu.regs[0] = 0xffffffff; f->cpu.regs[1] = 1;
    f->cpu.regs[2] = 1; f->cpu.regs[3] = 2;
    SH4(f, CLRT, ADDC(2, 0), ADDC(3, 1));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0u);
    CT_EXPECT_EQ(f->cpu.regs[1], 4u);
    CT_EXPECT_EQ(f->cpu.sr_t, 0u);
}

SH4FIX_TEST(sh4_int, subc_borrow_and_negc)
{
    f->cpu.regs[0] = 0; f->cpu.regs[1] = 5;
    f->cpu.regs[2] = 1; f->cpu.regs[3] = 2;
    f->cpu.regs[5] = 7;
    /* {r1:r0} - {r3:r2} = 5:0 - 2:1 = 2:ffffffff; negc: 0 - 7 - T */
    SH4(f, CLRT, SUBC(2, 0), SUBC(3, 1), SETT, NEGC(5, 6), MOVT(7));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0xffffffffu);
    CT_EXPECT_EQ(f->cpu.regs[1], 2u);
    CT_EXPECT_EQ(f->cpu.regs[6], 0xfffffff8u);
    CT_EXPECT_EQ(f->cpu.regs[7], 1u);
}

SH4FIX_TEST(sh4_int, addv_subv_overflow)
{
    f->cpu.regs[1] = 0x7fffffff; f->cpu.regs[2] = 1;
    f->cpu.regs[3] = 0x80000000; f->cpu.regs[4] = 1;
    f->cpu.regs[5] = 10; f->cpu.regs[6] = 3;
    SH4(f, ADDV(2, 1), MOVT(8), SUBV(4, 3), MOVT(9), ADDV(6, 5), MOVT(10));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 0x80000000u);
    CT_EXPECT_EQ(f->cpu.regs[8], 1u);
    CT_EXPECT_EQ(f->cpu.regs[3], 0x7fffffffu);
    CT_EXPECT_EQ(f->cpu.regs[9], 1u);
    CT_EXPECT_EQ(f->cpu.regs[5], 13u);
    CT_EXPECT_EQ(f->cpu.regs[10], 0u);
}

SH4FIX_TEST(sh4_int, compares)
{
    f->cpu.regs[1] = 0xfffffffe;   /* -2 */
    f->cpu.regs[2] = 3;
    SH4(f, CMPGT(2, 1), MOVT(3),    /* -2 > 3 signed: 0 */
        CMPHI(2, 1), MOVT(4),       /* unsigned: 1 */
        CMPGE(1, 1), MOVT(5),       /* 1 */
        CMPHS(1, 2), MOVT(6),       /* 3 >= 0xfffffffe unsigned: 0 */
        CMPPZ(1), MOVT(7), CMPPL(2), MOVT(8),
        MOV(2, 0), CMPEQI(3), MOVT(9));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[3], 0u);
    CT_EXPECT_EQ(f->cpu.regs[4], 1u);
    CT_EXPECT_EQ(f->cpu.regs[5], 1u);
    CT_EXPECT_EQ(f->cpu.regs[6], 0u);
    CT_EXPECT_EQ(f->cpu.regs[7], 0u);
    CT_EXPECT_EQ(f->cpu.regs[8], 1u);
    CT_EXPECT_EQ(f->cpu.regs[9], 1u);
}

SH4FIX_TEST(sh4_int, cmp_str)
{
    f->cpu.regs[1] = 0x12345678; f->cpu.regs[2] = 0xff34ffff; f->cpu.regs[3] = 0x87654321;
    SH4(f, CMPSTR(2, 1), MOVT(4), CMPSTR(3, 1), MOVT(5));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[4], 1u);
    CT_EXPECT_EQ(f->cpu.regs[5], 0u);
}

SH4FIX_TEST(sh4_int, dt_loop)
{
    /* r1 = 5; loop: add #3,r2; dt r1; bf loop */
    f->cpu.regs[2] = 0;
    SH4(f, MOVI(5, 1), ADDI(3, 2), DT(1), BF(-4));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[2], 15u);
    CT_EXPECT_EQ(f->cpu.regs[1], 0u);
    CT_EXPECT_EQ(f->cpu.sr_t, 1u);
}

SH4FIX_TEST(sh4_int, extend_swap_xtrct)
{
    f->cpu.regs[1] = 0x1234abcd;
    f->cpu.regs[9] = 0x55667788;
    SH4(f, EXTSB(1, 2), EXTSW(1, 3), EXTUB(1, 4), EXTUW(1, 5), SWAPB(1, 6), SWAPW(1, 7),
        MOV(9, 8), XTRCT(1, 8), NOT(1, 10), NEG(1, 11));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[2], 0xffffffcdu);
    CT_EXPECT_EQ(f->cpu.regs[3], 0xffffabcdu);
    CT_EXPECT_EQ(f->cpu.regs[4], 0xcdu);
    CT_EXPECT_EQ(f->cpu.regs[5], 0xabcdu);
    CT_EXPECT_EQ(f->cpu.regs[6], 0x1234cdabu);
    CT_EXPECT_EQ(f->cpu.regs[7], 0xabcd1234u);
    CT_EXPECT_EQ(f->cpu.regs[8], 0xabcd5566u);
    CT_EXPECT_EQ(f->cpu.regs[10], ~0x1234abcdu);
    CT_EXPECT_EQ(f->cpu.regs[11], 0u - 0x1234abcdu);
}

SH4FIX_TEST(sh4_int, multiply)
{
    f->cpu.regs[1] = 0xfffffffd;   /* -3 */
    f->cpu.regs[2] = 0x10000007;
    SH4(f, DMULS(2, 1), STSMACH(3), STSMACL(4), DMULU(2, 1), STSMACH(5), STSMACL(6),
        MULL(2, 1), STSMACL(7), MULSW(2, 1), STSMACL(8), MULUW(2, 1), STSMACL(9));
    CT_ASSERT_TRUE(sh4fix_run(f));
    int64_t s = (int64_t)-3 * 0x10000007;
    uint64_t u = (uint64_t)0xfffffffdu * 0x10000007u;
    CT_EXPECT_EQ(f->cpu.regs[3], (uint32_t)((uint64_t)s >> 32));
    CT_EXPECT_EQ(f->cpu.regs[4], (uint32_t)s);
    CT_EXPECT_EQ(f->cpu.regs[5], (uint32_t)(u >> 32));
    CT_EXPECT_EQ(f->cpu.regs[6], (uint32_t)u);
    CT_EXPECT_EQ(f->cpu.regs[7], 0xfffffffdu * 0x10000007u);
    CT_EXPECT_EQ(f->cpu.regs[8], (uint32_t)(-3 * 7));
    CT_EXPECT_EQ(f->cpu.regs[9], 0xfffdu * 7u);
}

SH4FIX_TEST(sh4_int, mac_w_and_l)
{
    /* two halfword pairs and two long pairs at DATA */
    sh4fix_wr32(f, SH4FIX_DATA, 0x0003fffe);        /* -2, 3 */
    sh4fix_wr32(f, SH4FIX_DATA + 4, 0x00050004);    /* 4, 5 */
    sh4fix_wr32(f, SH4FIX_DATA + 8, 0x80000000);
    sh4fix_wr32(f, SH4FIX_DATA + 12, 0x00000002);
    sh4fix_wr32(f, SH4FIX_DATA + 16, 0x00000003);
    sh4fix_wr32(f, SH4FIX_DATA + 20, 0xffffffff);
    f->cpu.regs[1] = SH4FIX_DATA; f->cpu.regs[2] = SH4FIX_DATA + 4;
    f->cpu.regs[3] = SH4FIX_DATA + 8; f->cpu.regs[4] = SH4FIX_DATA + 16;
    SH4(f, CLRMAC, MACW(1, 2), MACW(1, 2), STSMACL(5), STSMACH(6),
        CLRMAC, MACL(3, 4), MACL(3, 4), STSMACL(7), STSMACH(8));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[5], (uint32_t)(-2 * 4 + 3 * 5));
    CT_EXPECT_EQ(f->cpu.regs[6], 0u);
    int64_t acc = (int64_t)(int32_t)0x80000000 * 3 + 2 * -1;
    CT_EXPECT_EQ(f->cpu.regs[7], (uint32_t)acc);
    CT_EXPECT_EQ(f->cpu.regs[8], (uint32_t)((uint64_t)acc >> 32));
    CT_EXPECT_EQ(f->cpu.regs[1], SH4FIX_DATA + 4);
    CT_EXPECT_EQ(f->cpu.regs[4], SH4FIX_DATA + 24);
}

SH4FIX_TEST(sh4_int, mac_saturation)
{
    /* S = 1: MAC.W saturates MACL and sets MACH bit 0 */
    sh4fix_wr32(f, SH4FIX_DATA, 0x7fff7fff);
    f->cpu.mach = 0;
    f->cpu.macl = 0x7fff0000;
    f->cpu.regs[1] = SH4FIX_DATA; f->cpu.regs[2] = SH4FIX_DATA + 2;
    SH4(f, SETS, MACW(1, 2), STSMACL(5), STSMACH(6), CLRS);
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[5], 0x7fffffffu);
    CT_EXPECT_EQ(f->cpu.regs[6], 1u);
}

/* 32 / 16 unsigned division with DIV0U + 16 x DIV1 (manual's example) */
SH4FIX_TEST(sh4_int, div1_unsigned_32_by_16)
{
    f->cpu.regs[1] = 1234567;           /* dividend */
    f->cpu.regs[0] = 1000u << 16;       /* divisor in the upper half */
    uint16_t code[40];
    unsigned n = 0;
    code[n++] = DIV0U;
    for (int i = 0; i < 16; i++)
        code[n++] = DIV1(0, 1);
    code[n++] = ROTCL(1);
    code[n++] = EXTUW(1, 1);
    sh4fix_load(f, code, n);
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 1234567u / 1000u);
}

/* signed 32 / 32 division: DIV0S + 32 x (ROTCL; DIV1) (manual's example) */
SH4FIX_TEST(sh4_int, div1_signed_32_by_32)
{
    static const int32_t cases[][2] = { { -1000000, 7 }, { 999999, -13 }, { -77, -5 }, { 42, 6 } };
    for (unsigned k = 0; k < 4; k++) {
        int32_t dvd = cases[k][0], dvs = cases[k][1];
        f->cpu.regs[1] = (uint32_t)dvs;
        f->cpu.regs[2] = (uint32_t)dvd;
        uint16_t code[80];
        unsigned n = 0;
        code[n++] = MOV(2, 3);
        code[n++] = ROTCL(3);
        code[n++] = SUBC(0, 0);          /* r0 = 0 - T: sign extension */
        code[n++] = XOR(3, 3);
        code[n++] = SUBC(3, 2);          /* dividend - sign (one's to two's) */
        code[n++] = DIV0S(1, 0);
        for (int i = 0; i < 32; i++) {
            code[n++] = ROTCL(2);
            code[n++] = DIV1(1, 0);
        }
        code[n++] = ROTCL(2);
        code[n++] = ADDC(3, 2);
        sh4fix_load(f, code, n);
        CT_ASSERT_TRUE(sh4fix_run(f));
        CT_EXPECT_EQ(f->cpu.regs[2], (uint32_t)(dvd / dvs));
    }
}

SH4FIX_TEST(sh4_int, logic)
{
    f->cpu.regs[1] = 0xf0f0f0f0; f->cpu.regs[2] = 0xff00ff00;
    f->cpu.regs[0] = 0x1234;
    SH4(f, MOV(1, 3), AND(2, 3), MOV(1, 4), OR(2, 4), MOV(1, 5), XOR(2, 5),
        TST(2, 1), MOVT(6), ANDI(0x0f), MOV(0, 7), ORI(0xf0), XORI(0x01), TSTI(0x100 - 1), MOVT(8));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[3], 0xf000f000u);
    CT_EXPECT_EQ(f->cpu.regs[4], 0xfff0fff0u);
    CT_EXPECT_EQ(f->cpu.regs[5], 0x0ff00ff0u);
    CT_EXPECT_EQ(f->cpu.regs[6], 0u);
    CT_EXPECT_EQ(f->cpu.regs[7], 0x4u);
    CT_EXPECT_EQ(f->cpu.regs[0], 0xf5u);
    CT_EXPECT_EQ(f->cpu.regs[8], 0u);
}

SH4FIX_TEST(sh4_int, shifts_and_rotates)
{
    f->cpu.regs[1] = 0x80000001;
    SH4(f, MOV(1, 2), SHLL(2), MOVT(10),
        MOV(1, 3), SHLR(3), MOVT(11),
        MOV(1, 4), SHAR(4),
        MOV(1, 5), ROTL(5),
        MOV(1, 6), ROTR(6),
        MOV(1, 7), CLRT, ROTCL(7), MOVT(12),
        MOV(1, 8), SETT, ROTCR(8), MOVT(13),
        MOV(1, 9), SHLL8(9), SHLR2(9), SHLL16(9));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[2], 2u);
    CT_EXPECT_EQ(f->cpu.regs[10], 1u);
    CT_EXPECT_EQ(f->cpu.regs[3], 0x40000000u);
    CT_EXPECT_EQ(f->cpu.regs[11], 1u);
    CT_EXPECT_EQ(f->cpu.regs[4], 0xc0000000u);
    CT_EXPECT_EQ(f->cpu.regs[5], 3u);
    CT_EXPECT_EQ(f->cpu.regs[6], 0xc0000000u);
    CT_EXPECT_EQ(f->cpu.regs[7], 2u);
    CT_EXPECT_EQ(f->cpu.regs[12], 1u);
    CT_EXPECT_EQ(f->cpu.regs[8], 0xc0000000u);
    CT_EXPECT_EQ(f->cpu.regs[13], 1u);
    CT_EXPECT_EQ(f->cpu.regs[9], ((0x80000001u << 8) >> 2) << 16);
}

SH4FIX_TEST(sh4_int, shad_shld)
{
    f->cpu.regs[1] = 0x80000010;
    f->cpu.regs[2] = 4;          /* left 4 */
    f->cpu.regs[3] = (uint32_t)-4;  /* right 4 */
    f->cpu.regs[4] = (uint32_t)-32; /* right 32: sign fill / zero */
    SH4(f, MOV(1, 5), SHAD(2, 5), MOV(1, 6), SHAD(3, 6), MOV(1, 7), SHAD(4, 7),
        MOV(1, 8), SHLD(3, 8), MOV(1, 9), SHLD(4, 9));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[5], 0x00000100u);
    CT_EXPECT_EQ(f->cpu.regs[6], 0xf8000001u);
    CT_EXPECT_EQ(f->cpu.regs[7], 0xffffffffu);
    CT_EXPECT_EQ(f->cpu.regs[8], 0x08000001u);
    CT_EXPECT_EQ(f->cpu.regs[9], 0u);
}

SH4FIX_TEST(sh4_int, loads_stores)
{
    f->cpu.regs[1] = SH4FIX_DATA;
    f->cpu.regs[2] = 0x89abcdef;
    f->cpu.regs[0] = 8;
    SH4(f, MOVLS(2, 1), MOVBL(1, 3), MOVWL(1, 4), MOVLL(1, 5),
        MOVLS4(2, 3, 1),          /* @(12,r1) */
        MOVLL4(3, 1, 6),
        MOVLS0(2, 1),             /* @(r0 + r1) = DATA + 8 */
        MOVLL0(1, 7),
        MOV(1, 8), MOVBP(8, 9), MOVBP(8, 10),
        MOV(1, 11), ADDI(32, 11), MOVLM(2, 11), MOVBM(2, 11));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[3], 0xffffffefu);
    CT_EXPECT_EQ(f->cpu.regs[4], 0xffffcdefu);
    CT_EXPECT_EQ(f->cpu.regs[5], 0x89abcdefu);
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_DATA + 12), 0x89abcdefu);
    CT_EXPECT_EQ(f->cpu.regs[6], 0x89abcdefu);
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_DATA + 8), 0x89abcdefu);
    CT_EXPECT_EQ(f->cpu.regs[7], 0x89abcdefu);
    CT_EXPECT_EQ(f->cpu.regs[8], SH4FIX_DATA + 2);
    CT_EXPECT_EQ(f->cpu.regs[9], 0xffffffefu);
    CT_EXPECT_EQ(f->cpu.regs[10], 0xffffffcdu);
    CT_EXPECT_EQ(f->cpu.regs[11], SH4FIX_DATA + 27);
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_DATA + 28), 0x89abcdefu);
    CT_EXPECT_EQ(sh4fix_rd8(f, SH4FIX_DATA + 27), 0xefu);
}

SH4FIX_TEST(sh4_int, pc_relative_and_gbr)
{
    /* code: mov.w @(disp,pc) / mov.l @(disp,pc) / mova, then the pool */
    uint16_t code[] = {
        MOVWPC(3, 1),     /* 0x1000: pc+4+6 = 0x100a */
        MOVLPC(2, 2),     /* 0x1002: (0x1006 & ~3) + 8 = 0x100c */
        MOVA(2),          /* 0x1004: r0 = 0x1004 + 8 = 0x100c */
        BRA(4),           /* 0x1006: -> 0x1006 + 4 + 8 = 0x1012 */
        NOP,              /* 0x1008 */
        0xbeef,           /* 0x100a */
        0x5678, 0x1234,   /* 0x100c */
        NOP,              /* 0x1010 */
        NOP,              /* 0x1012 */
    };
    sh4fix_load(f, code, sizeof(code) / 2);
    f->cpu.gbr = SH4FIX_DATA;
    f->cpu.regs[3] = 0x11223344;
    static const uint16_t more[] = { MOV(3, 0), MOVLGS(4), MOVI(0, 0), MOVLGL(4), MOV(0, 5),
                                     0xaffe, 0x0009 };
    sh4fix_put16(f, SH4FIX_CODE + 0x12, more, 7);
    f->end = SH4FIX_CODE + 0x12 + 10;
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 0xffffbeefu);
    CT_EXPECT_EQ(f->cpu.regs[2], 0x12345678u);
    CT_EXPECT_EQ(f->cpu.regs[5], 0x11223344u);
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_DATA + 16), 0x11223344u);
}

SH4FIX_TEST(sh4_int, tas_b)
{
    sh4fix_wr32(f, SH4FIX_DATA, 0x00000100);
    f->cpu.regs[1] = SH4FIX_DATA;
    f->cpu.regs[2] = SH4FIX_DATA + 1;
    SH4(f, TASB(1), MOVT(3), TASB(2), MOVT(4));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[3], 1u);
    CT_EXPECT_EQ(f->cpu.regs[4], 0u);
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_DATA), 0x00008180u);
}
