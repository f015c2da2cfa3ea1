/*
 * SH-4 FPU (single/double precision, banks, FIPR/FTRV, conversions,
 * FPSCR flags) and MMU (LDTLB, TLB miss/protection/initial write, P-areas,
 * store queues) tests against the SH-4 manuals.
 */
#include <string.h>

#include "sh4_fixture.h"

static uint32_t fbits(float v) { uint32_t u; memcpy(&u, &v, 4); return u; }
static float fval(uint32_t u) { float v; memcpy(&v, &u, 4); return v; }

SH4FIX_TEST(sh4_fpu, single_arith)
{
    f->cpu.fregs[1] = fbits(1.5f);
    f->cpu.fregs[2] = fbits(-4.0f);
    f->cpu.fregs[3] = fbits(3.0f);
    SH4(f, FMOV(1, 4), FADD(2, 4),      /* fr4 = -2.5 */
        FMOV(1, 5), FMUL(2, 5),         /* fr5 = -6 */
        FMOV(2, 6), FDIV(3, 6),         /* fr6 = -4/3 */
        FMOV(3, 7), FSUB(1, 7),         /* fr7 = 1.5 */
        FCMPGT(1, 3), MOVT(1), FCMPEQ(7, 1), MOVT(2));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.fregs[4], fbits(-2.5f));
    CT_EXPECT_EQ(f->cpu.fregs[5], fbits(-6.0f));
    CT_EXPECT_EQ(f->cpu.fregs[6], fbits(-4.0f / 3.0f));
    CT_EXPECT_EQ(f->cpu.fregs[7], fbits(1.5f));
    CT_EXPECT_EQ(f->cpu.regs[1], 1u);
    CT_EXPECT_EQ(f->cpu.regs[2], 1u);
    /* -4/3 is inexact: cause and flag I */
    CT_EXPECT_EQ(f->cpu.fpscr & 0x4u, 0x4u);
}

SH4FIX_TEST(sh4_fpu, double_precision)
{
    double a = 1.0 / 3.0, b = 2.5;
    uint64_t ua, ub;
    memcpy(&ua, &a, 8);
    memcpy(&ub, &b, 8);
    f->cpu.fregs[2] = (uint32_t)(ua >> 32); f->cpu.fregs[3] = (uint32_t)ua;
    f->cpu.fregs[4] = (uint32_t)(ub >> 32); f->cpu.fregs[5] = (uint32_t)ub;
    f->cpu.regs[1] = SH4_FPSCR_PR;
    f->cpu.regs[2] = 7;
    SH4(f, LDSFPSCR(1), FMUL(4, 2),      /* dr2 = 2.5/3 */
        LDSFPUL(2), FLOAT(6),            /* dr6 = 7.0 */
        FCNVDS(2), STSFPUL(3));          /* r3 = (float)dr2 */
    CT_ASSERT_TRUE(sh4fix_run(f));
    double r = 0, s = 0;
    uint64_t u = (uint64_t)f->cpu.fregs[2] << 32 | f->cpu.fregs[3];
    memcpy(&r, &u, 8);
    CT_EXPECT_TRUE(r == (1.0 / 3.0) * 2.5);
    u = (uint64_t)f->cpu.fregs[6] << 32 | f->cpu.fregs[7];
    memcpy(&s, &u, 8);
    CT_EXPECT_TRUE(s == 7.0);
    CT_EXPECT_EQ(f->cpu.regs[3], fbits((float)((1.0 / 3.0) * 2.5)));
}

SH4FIX_TEST(sh4_fpu, float_ftrc_fpul)
{
    f->cpu.regs[1] = (uint32_t)-42;
    f->cpu.fregs[3] = fbits(-7.75f);
    f->cpu.fregs[4] = fbits(3e9f);
    SH4(f, LDSFPUL(1), FLOAT(2), FTRC(3), STSFPUL(5), FTRC(4), STSFPUL(6), FLDI1(7), FLDI0(8),
        FNEG(7), FABS(3));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.fregs[2], fbits(-42.0f));
    CT_EXPECT_EQ(f->cpu.regs[5], (uint32_t)-7);
    CT_EXPECT_EQ(f->cpu.regs[6], 0x7fffffffu);          /* saturated, invalid */
    CT_EXPECT_EQ(f->cpu.fpscr & 0x40u, 0x40u);          /* flag V */
    CT_EXPECT_EQ(f->cpu.fregs[7], fbits(-1.0f));
    CT_EXPECT_EQ(f->cpu.fregs[8], 0u);
    CT_EXPECT_EQ(f->cpu.fregs[3], fbits(7.75f));
}

SH4FIX_TEST(sh4_fpu, banks_and_pair_moves)
{
    f->cpu.fregs[0] = 0x11111111;
    f->cpu.fregs[16] = 0x22222222;       /* XF0 */
    f->cpu.fregs[2] = 0x33333333; f->cpu.fregs[3] = 0x44444444;
    SH4(f, FRCHG, FMOV(0, 5), FRCHG, FSCHG, FMOV(2, 9) /* xd8 <- dr2 */, FSCHG);
    CT_ASSERT_TRUE(sh4fix_run(f));
    /* after the first frchg FR0 is the old XF0 */
    CT_EXPECT_EQ(f->cpu.fregs[16 + 5], 0x22222222u);     /* written in bank 1, now XF5 */
    CT_EXPECT_EQ(f->cpu.fregs[16 + 8], 0x33333333u);
    CT_EXPECT_EQ(f->cpu.fregs[16 + 9], 0x44444444u);
    CT_EXPECT_EQ(f->cpu.fpscr & (SH4_FPSCR_FR | SH4_FPSCR_SZ), 0u);
}

SH4FIX_TEST(sh4_fpu, fmov_memory_single_and_pair)
{
    sh4fix_wr32(f, SH4FIX_DATA, 0x3f800000);
    sh4fix_wr32(f, SH4FIX_DATA + 8, 0x00000000);     /* double 2.0: low word */
    sh4fix_wr32(f, SH4FIX_DATA + 12, 0x40000000);    /* high word */
    f->cpu.regs[1] = SH4FIX_DATA;
    f->cpu.regs[2] = SH4FIX_DATA + 8;
    f->cpu.regs[3] = SH4FIX_DATA + 32;
    SH4(f, FMOVLDP(1, 4), FSCHG, FMOVLD(2, 6), FMOVSTM(6, 3), FSCHG, FMOVST(4, 3));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.fregs[4], 0x3f800000u);
    CT_EXPECT_EQ(f->cpu.regs[1], SH4FIX_DATA + 4);
    CT_EXPECT_EQ(f->cpu.fregs[6], 0x40000000u);       /* DR6 high = FR6 */
    CT_EXPECT_EQ(f->cpu.fregs[7], 0u);
    CT_EXPECT_EQ(f->cpu.regs[3], SH4FIX_DATA + 24);
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_DATA + 28), 0x40000000u);
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_DATA + 24), 0x3f800000u);   /* fr4 overwrote low word */
}

SH4FIX_TEST(sh4_fpu, fipr_ftrv_fmac)
{
    for (int i = 0; i < 4; i++) {
        f->cpu.fregs[i] = fbits((float)(i + 1));          /* fv0 = 1 2 3 4 */
        f->cpu.fregs[4 + i] = fbits((float)(2 * i));      /* fv4 = 0 2 4 6 */
        f->cpu.fregs[8 + i] = fbits(1.0f);                /* fv8 = 1 1 1 1 */
    }
    /* XMTRX: XF[i + 4j] = row i, column j: a scaled identity plus column 3 */
    for (int i = 0; i < 16; i++)
        f->cpu.fregs[16 + i] = 0;
    for (int i = 0; i < 4; i++)
        f->cpu.fregs[16 + i + 4 * i] = fbits(2.0f);
    f->cpu.fregs[16 + 0 + 12] = fbits(10.0f);
    f->cpu.fregs[12] = fbits(0.5f);
    SH4(f, FIPR(1, 0),                   /* fr3 = fv0 . fv4 = 0+4+12+24 = 40 */
        FTRV(2),                         /* fv8 = XMTRX * (1 1 1 1) */
        FMAC(1, 12));                    /* fr12 = fr0 * fr1 + fr12 = 1*2 + 0.5 */
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.fregs[3], fbits(40.0f));
    CT_EXPECT_EQ(f->cpu.fregs[8], fbits(12.0f));
    CT_EXPECT_EQ(f->cpu.fregs[9], fbits(2.0f));
    CT_EXPECT_EQ(f->cpu.fregs[11], fbits(2.0f));
    CT_EXPECT_EQ(f->cpu.fregs[12], fbits(2.5f));
}

SH4FIX_TEST(sh4_fpu, sqrt_and_enabled_exception)
{
    f->cpu.fregs[1] = fbits(2.0f);
    f->cpu.fregs[2] = fbits(1.0f);
    f->cpu.fregs[3] = 0;
    f->cpu.regs[1] = 1u << 10;        /* enable Z (divide by zero) */
    SH4(f, FSQRT(1), LDSFPSCR(1), FDIV(3, 2), NOP);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.fregs[1], fbits(1.41421356f));
    CT_EXPECT_EQ(f->cpu.expevt, 0x120u);
    CT_EXPECT_EQ(f->cpu.spc, SH4FIX_CODE + 4);
    CT_EXPECT_EQ(f->cpu.fregs[2], fbits(1.0f));           /* unchanged */
    CT_EXPECT_EQ((f->cpu.fpscr >> 12) & 0x3f, 0x08u);     /* cause Z */
    (void)fval;
}

/* ---- MMU ---- */

/* Map 4 KiB at vaddr 0x00400000 -> RAM phys 0x0c010000 with PR, D given. */
static void sh4fix_map(sh4fix *f, uint32_t vpn, uint32_t ppn, uint32_t pr, bool d, unsigned urc)
{
    f->cpu.pteh = vpn;                                    /* ASID 0 */
    f->cpu.ptel = ppn | 0x100 | 0x10 /* 4K */ | (pr << 5) | (d ? 4 : 0);
    f->cpu.mmucr = SH4_MMUCR_AT | (urc << SH4_MMUCR_URC_SHIFT);
}

SH4FIX_TEST(sh4_mmu, ldtlb_and_access)
{
    sh4fix_map(f, 0x00400000, 0x0c010000, 3, true, 5);
    f->cpu.regs[1] = 0x00400010;
    f->cpu.regs[2] = 0xcafef00d;
    sh4fix_wr32(f, SH4FIX_P1 + 0x10014, 0x12345678);
    SH4(f, LDTLB, MOVLS(2, 1), MOVLL4(1, 1, 3));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_P1 + 0x10010), 0xcafef00du);
    CT_EXPECT_EQ(f->cpu.regs[3], 0x12345678u);
    CT_EXPECT_TRUE(f->cpu.utlb[5].v);
    CT_EXPECT_EQ(f->cpu.utlb[5].vpn, 0x00400000u);
}

SH4FIX_TEST(sh4_mmu, tlb_miss_vectors_to_0x400)
{
    f->cpu.mmucr = SH4_MMUCR_AT;
    f->cpu.pteh = 0x17;     /* ASID 0x17 */
    f->cpu.regs[1] = 0x00801234;
    SH4(f, NOP, MOVLS(1, 1));
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x400);
    CT_EXPECT_EQ(f->cpu.expevt, 0x060u);
    CT_EXPECT_EQ(f->cpu.tea, 0x00801234u);
    CT_EXPECT_EQ(f->cpu.pteh, 0x00801017u);   /* VPN of the address, ASID kept */
    CT_EXPECT_EQ(f->cpu.spc, SH4FIX_CODE + 2);
}

SH4FIX_TEST(sh4_mmu, initial_write_and_protection)
{
    /* D = 0: a read works, a write raises initial page write (vector 0x100) */
    sh4fix_map(f, 0x00400000, 0x0c010000, 3, false, 0);
    f->cpu.regs[1] = 0x00400000;
    SH4(f, LDTLB, MOVLL(1, 2), MOVLS(2, 1));
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x100);
    CT_EXPECT_EQ(f->cpu.expevt, 0x080u);
    CT_EXPECT_EQ(f->cpu.spc, SH4FIX_CODE + 4);
}

SH4FIX_TEST(sh4_mmu, user_protection_violation)
{
    /* page PR = 1 (privileged RW only), user code in a PR = 2 page */
    static const uint16_t user[] = { MOVLL(5, 6) };
    sh4fix_put16(f, SH4FIX_P1 + 0x20000, user, 1);
    f->cpu.pteh = 0x00400000; f->cpu.ptel = 0x0c010000 | 0x100 | 0x10 | (1 << 5) | 4;
    f->cpu.mmucr = SH4_MMUCR_AT;
    f->cpu.regs[7] = 0x00500000;
    f->cpu.regs[8] = 0x0c020000 | 0x100 | 0x10 | (2 << 5) | 4;
    f->cpu.regs[9] = 1u << SH4_MMUCR_URC_SHIFT | SH4_MMUCR_AT;
    f->cpu.regs[10] = 0xff000000;   /* PTEH; PTEL at +4; MMUCR at +0x10 */
    f->cpu.regs[5] = 0x00400000;
    f->cpu.regs[3] = 0x00500000;
    f->cpu.regs[4] = 0;
    SH4(f, LDTLB,                       /* entry 0: 0x400000, PR=1 */
        MOVLS(9, 10), ADDI(0x10, 10), MOVLS(9, 10), ADDI(-0x10, 10),
        MOVLS(7, 10), ADDI(4, 10), MOVLS(8, 10),
        LDTLB,                          /* entry 1: 0x500000 -> user code, PR=2 */
        LDCSPC(3), LDCSSR(4), RTE, NOP);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.expevt, 0x0a0u);
    CT_EXPECT_EQ(f->cpu.spc, 0x00500000u);
    CT_EXPECT_EQ(f->cpu.tea, 0x00400000u);
}

SH4FIX_TEST(sh4_mmu, store_queue_flush)
{
    /* SQ0 -> physical 0x0c000000 | (addr & 0x03ffffe0) with QACR0 = 0x0c >> 24 << 2 */
    f->cpu.qacr[0] = (0x0c000000u >> 26) << 2;
    f->cpu.regs[1] = 0xe0010040;     /* SQ0 (bit 5 = 0), target offset 0x10040 */
    f->cpu.regs[2] = 0xa5a5a5a5;
    f->cpu.regs[3] = 0x01020304;
    SH4(f, MOVLS(2, 1), MOVLS4(3, 7, 1), PREF(1));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_P1 + 0x10040), 0xa5a5a5a5u);
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_P1 + 0x1005c), 0x01020304u);
}

SH4FIX_TEST(sh4_mmu, ccn_registers_and_p2)
{
    /* TRA/EXPEVT read through P4; P2 reaches the same RAM as P1 */
    f->cpu.regs[1] = 0xff000010;   /* MMUCR */
    f->cpu.regs[2] = 0xac008000;   /* P2 view of DATA */
    f->cpu.regs[3] = 0x5a5a1234;
    SH4(f, MOVLL(1, 4), MOVLS(3, 2));
    f->cpu.mmucr = 0x00000100;     /* SV */
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[4], 0x100u);
    CT_EXPECT_EQ(sh4fix_rd32(f, SH4FIX_DATA), 0x5a5a1234u);
}

SH4FIX_TEST(sh4_mmu, version_registers)
{
    /* PVR/CVR/PRR: what Linux's cpu_probe reads to name the part (SH7750:
     * PVR bits [23:8] = 0x0205, FPU in CVR bit 29); read-only */
    f->cpu.regs[1] = 0xff000030;   /* PVR */
    f->cpu.regs[2] = 0xff000040;   /* CVR */
    f->cpu.regs[3] = 0xff000044;   /* PRR */
    f->cpu.regs[7] = 0x12345678;
    SH4(f, MOVLS(7, 1), MOVLL(1, 4), MOVLL(2, 5), MOVLL(3, 6));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[4], 0x04020500u);
    CT_EXPECT_EQ((f->cpu.regs[4] >> 8) & 0xffff, 0x0205u);
    CT_EXPECT_EQ(f->cpu.regs[5], 0x20240000u);
    CT_EXPECT_EQ(f->cpu.regs[6], 0u);
}

CTEST(sh4_disas, formats)
{
    char buf[128];
    sh4_disas_insn(0x8c001000, 0xe17f, 0, buf, sizeof(buf));
    CT_EXPECT_STREQ(buf, "e17f       mov #127,r1");
    sh4_disas_insn(0x8c001000, MOVLL4(3, 1, 6), 0, buf, sizeof(buf));
    CT_EXPECT_STREQ(buf, "5613       mov.l @(12,r1),r6");
    sh4_disas_insn(0x8c001000, BRA(4), 0, buf, sizeof(buf));
    CT_EXPECT_STREQ(buf, "a004       bra 0x8c00100c");
    sh4_disas_insn(0x8c001000, FADD(2, 4), SH4_TBFLAG_PR, buf, sizeof(buf));
    CT_EXPECT_STREQ(buf, "f420       fadd dr2,dr4");
    sh4_disas_insn(0x8c001000, 0x0000, 0, buf, sizeof(buf));
    CT_EXPECT_STREQ(buf, "0000       .word 0x0000");
}
