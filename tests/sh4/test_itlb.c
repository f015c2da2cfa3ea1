/*
 * SH-4 instruction TLB tests (SH7750 hardware manual, section 3: MMUCR
 * LRUI tables, "memory access using ITLB" flowchart, ITLB address and
 * data arrays at 0xf2000000 / 0xf3000000 / 0xf3800000).
 *
 * Code runs from translated U0 pages: the P1 program calls a one-line
 * stub ("rts ; add #k,r13") through JSR, so every call fetches from the
 * mapped page.  Expected ITLB contents and LRUI values are worked out by
 * hand from the manual's tables in the comments.
 */
#include "sh4_fixture.h"

#define V(k)  (0x00400000u + 0x1000u * (k))     /* virtual pages   */
#define PH(k) (0x0c010000u + 0x1000u * (k))     /* their RAM pages */

static uint32_t lrui(const sh4fix *f)
{
    return f->cpu.mmucr >> SH4_MMUCR_LRUI_SHIFT;
}

/* UTLB entry: 4 KiB, V = 1, D = 1, PR as given, C = WT = 0. */
static void utlb_set(sh4fix *f, unsigned i, uint32_t vpn, uint32_t ppn, uint8_t asid, uint8_t pr)
{
    f->cpu.utlb[i] = (sh4_tlb_entry){ .vpn = vpn, .ppn = ppn, .asid = asid, .sz = 1, .pr = pr,
                                      .v = true, .d = true };
}

/* stub at physical page p: rts ; add #k,r13 (r13: not banked, so it
 * survives exception entry) */
static void stub(sh4fix *f, uint32_t p, int k)
{
    const uint16_t code[] = { RTS, ADDI(k, 13) };
    sh4fix_put16(f, p | 0x80000000u, code, 2);
}

/* Five pages through a 4-entry ITLB, LRUI from 0 (manual, MMUCR.LRUI):
 *   V0: LRUI 000000 -> replace entry 3; use 3 -> 001011
 *   V1: 001011 -> entry 2; use 2 -> 011110
 *   V2: 011110 -> entry 1; use 1 -> 111000
 *   V3: 111000 -> entry 0; use 0 -> 000000
 *   V4: 000000 -> entry 3 (evicts V0); -> 001011
 *   V0: ITLB miss again -> entry 2 (evicts V1); -> 011110
 * The second V0 call refills only if the soft TLB (and jump cache) lost
 * V0's fetch mapping when entry 3 was replaced. */
SH4FIX_TEST(sh4_itlb, fill_from_utlb_lru_and_softtlb_flush)
{
    for (unsigned k = 0; k < 5; k++) {
        utlb_set(f, 10 + 10 * k, V(k), PH(k), 0, 3);
        stub(f, PH(k), 1 << k);
    }
    f->cpu.mmucr = SH4_MMUCR_AT;
    for (unsigned k = 0; k < 5; k++)
        f->cpu.regs[8 + k] = V(k);
    f->cpu.regs[13] = 0;
    SH4(f, JSR(8), NOP, JSR(9), NOP, JSR(10), NOP, JSR(11), NOP, JSR(12), NOP, JSR(8), NOP);
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[13], 1u + 2 + 4 + 8 + 16 + 1);
    CT_EXPECT_EQ(lrui(f), 0x1eu);
    static const uint32_t want[4] = { V(3), V(2), V(0), V(4) };
    for (unsigned i = 0; i < 4; i++) {
        CT_EXPECT_TRUE(f->cpu.itlb[i].v);
        CT_EXPECT_EQ(f->cpu.itlb[i].vpn, want[i]);
        CT_EXPECT_EQ(f->cpu.itlb[i].ppn, want[i] - V(0) + PH(0));
    }
}

/* LDTLB writes the UTLB only; the ITLB keeps an entry after the UTLB
 * loses it; MMUCR.TI clears both, and only then is a fetch an
 * instruction TLB miss (EXPEVT 0x040, VBR + 0x400). */
SH4FIX_TEST(sh4_itlb, ldtlb_utlb_only_stale_hit_ti_and_miss)
{
    stub(f, PH(0), 1);
    f->cpu.pteh = V(0) | 0x23;
    f->cpu.ptel = PH(0) | 0x100 | 0x10 | (3 << 5) | 4;    /* V, 4K, PR 3, D */
    f->cpu.mmucr = SH4_MMUCR_AT | (10u << SH4_MMUCR_URC_SHIFT);
    f->cpu.regs[0] = 0;
    f->cpu.regs[1] = V(0);
    f->cpu.regs[2] = 0xf6000000u | (10u << 8);           /* UTLB[10] address array */
    f->cpu.regs[3] = SH4_MMUCR_AT | SH4_MMUCR_TI;
    f->cpu.regs[4] = 0xff000010u;                         /* MMUCR */
    f->cpu.regs[13] = 0;
    f->cpu.regs[6] = 0xf2000300u;                         /* ITLB[3] address array */
    f->cpu.regs[10] = 0xffffffffu;                        /* overwritten by the read */
    SH4(f, LDTLB,
        MOVLL(6, 10),          /* ITLB[3] before any fetch: 0 */
        JSR(1), NOP,           /* ITLB miss, UTLB hit: copy into ITLB[3] */
        MOVLL(6, 8),           /* VPN | V | ASID */
        MOVLS(0, 2),           /* UTLB[10].V = 0 */
        JSR(1), NOP,           /* the ITLB still hits */
        MOVLS(3, 4),           /* TI */
        MOVLL(6, 9),           /* V cleared */
        JSR(1), NOP);          /* ITLB and UTLB miss */
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_TRUE(f->cpu.utlb[10].vpn == 0 && !f->cpu.utlb[10].v);
    CT_EXPECT_EQ(f->cpu.regs[10], 0u);
    CT_EXPECT_EQ(f->cpu.regs[8], 0x00400123u);
    CT_EXPECT_EQ(f->cpu.regs[9], 0x00400023u);
    CT_EXPECT_EQ(f->cpu.regs[13], 2u);
    CT_EXPECT_EQ(f->cpu.expevt, 0x040u);
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x400);
    CT_EXPECT_EQ(f->cpu.spc, V(0));
    CT_EXPECT_EQ(f->cpu.tea, V(0));
    CT_EXPECT_EQ(f->cpu.pteh, V(0) | 0x23);
    for (unsigned i = 0; i < 4; i++)
        CT_EXPECT_FALSE(f->cpu.itlb[i].v);
}

/* ITLB arrays (manual 3.7.1/3.7.2): address VPN | V | ASID; data array 1
 * PPN | V | SZ1 | PR (bit 6, PR[1] only) | SZ0 | C | SH, no D/WT; data
 * array 2 SA | TC << 3.  An entry written through the arrays translates
 * fetches with no UTLB entry behind it, and its use moves LRUI:
 * 001011 (after the fill of entry 3), use 1 -> 101001. */
SH4FIX_TEST(sh4_itlb, arrays_read_write_and_lrui)
{
    stub(f, PH(0), 1);
    stub(f, PH(5), 2);
    f->cpu.utlb[7] = (sh4_tlb_entry){ .vpn = V(0), .ppn = PH(0), .asid = 0x23, .sz = 1, .pr = 3,
                                      .v = true, .c = true, .d = true, .wt = true, .sa = 5,
                                      .tc = 1 };
    f->cpu.pteh = 0x23;
    f->cpu.mmucr = SH4_MMUCR_AT;
    f->cpu.regs[1] = V(0);
    f->cpu.regs[2] = V(5) | 0x100 | 0x23;
    f->cpu.regs[3] = 0xf2000100u;
    f->cpu.regs[4] = PH(5) | 0x100 | 0x40 | 0x20 | 0x10 | 0x04 | 0x01;   /* + PR[0], D, WT */
    f->cpu.regs[13] = 0;
    f->cpu.regs[6] = 0xf3000100u;
    f->cpu.regs[7] = V(5);
    f->cpu.regs[8] = 0xf2000300u;
    f->cpu.regs[10] = 0xf3000300u;
    f->cpu.regs[12] = 0xf3800300u;
    SH4(f, JSR(1), NOP,
        MOVLL(8, 9), MOVLL(10, 11), MOVLL(12, 15),
        MOVLS(2, 3), MOVLS(4, 6), MOVLL(6, 14),
        JSR(7), NOP);
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[9], 0x00400123u);
    CT_EXPECT_EQ(f->cpu.regs[11], 0x0c010158u);
    CT_EXPECT_EQ(f->cpu.regs[15], 0x0000000du);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x0c015150u);
    CT_EXPECT_EQ(f->cpu.regs[13], 3u);
    CT_EXPECT_EQ(lrui(f), 0x29u);
}

/* User fetch from a PR = 1 page: the ITLB is refilled from the UTLB
 * first, then the instruction TLB protection violation is raised
 * (EXPEVT 0x0a0, VBR + 0x100). */
SH4FIX_TEST(sh4_itlb, user_fetch_protection_after_refill)
{
    stub(f, PH(0), 1);
    utlb_set(f, 3, V(0), PH(0), 0, 1);
    f->cpu.mmucr = SH4_MMUCR_AT;
    f->cpu.regs[3] = V(0);
    f->cpu.regs[4] = 0;        /* SSR: user mode */
    SH4(f, LDCSPC(3), LDCSSR(4), RTE, NOP);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.expevt, 0x0a0u);
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x100);
    CT_EXPECT_EQ(f->cpu.spc, V(0));
    CT_EXPECT_EQ(f->cpu.tea, V(0));
    CT_EXPECT_TRUE(f->cpu.itlb[3].v);
    CT_EXPECT_EQ(f->cpu.itlb[3].vpn, V(0));
    CT_EXPECT_EQ(f->cpu.itlb[3].pr, 0u);
    CT_EXPECT_EQ(lrui(f), 0x0bu);
}

/* RAM at physical 0 with "bra . ; nop", where a reset parks. */
static bool reset_parking(sh4fix *f)
{
    uint8_t *low = tcg_bus_map_add_ram(&f->map, 0, 0x1000, NULL);
    if (!low)
        return false;
    low[0] = 0xfe; low[1] = 0xaf; low[2] = 0x09; low[3] = 0x00;
    return true;
}

static void expect_multi_hit_reset(sh4fix *f)
{
    CT_EXPECT_EQ(f->cpu.pc, 0xa0000000u);
    CT_EXPECT_EQ(f->cpu.expevt, 0x140u);
    CT_EXPECT_EQ(f->cpu.tea, V(0));
    CT_EXPECT_EQ(f->cpu.mmucr, 0u);
    CT_EXPECT_EQ(sh4_sr_read(&f->cpu) & (SH4_SR_MD | SH4_SR_RB | SH4_SR_BL),
                 SH4_SR_MD | SH4_SR_RB | SH4_SR_BL);
}

/* Two ITLB entries (written through the address/data arrays) match the
 * fetch: instruction TLB multiple hit, a reset with EXPEVT 0x140. */
SH4FIX_TEST(sh4_itlb, itlb_multiple_hit_resets)
{
    CT_ASSERT_TRUE(reset_parking(f));
    stub(f, PH(0), 1);
    f->cpu.mmucr = SH4_MMUCR_AT;
    f->cpu.regs[1] = V(0);
    f->cpu.regs[2] = V(0) | 0x100;                 /* ASID 0 */
    f->cpu.regs[3] = PH(0) | 0x100 | 0x10 | 0x40;
    f->cpu.regs[8] = 0xf2000000u;                  /* entry 0 */
    f->cpu.regs[9] = 0xf3000000u;
    f->cpu.regs[10] = 0xf2000200u;                 /* entry 2 */
    f->cpu.regs[11] = 0xf3000200u;
    SH4(f, MOVLS(2, 8), MOVLS(3, 9), MOVLS(2, 10), MOVLS(3, 11), JSR(1), NOP);
    CT_ASSERT_FALSE(sh4fix_run(f));
    expect_multi_hit_reset(f);
}

/* An ITLB miss whose UTLB search hits two valid entries is an
 * instruction TLB multiple hit too. */
SH4FIX_TEST(sh4_itlb, utlb_multiple_hit_on_refill_resets)
{
    CT_ASSERT_TRUE(reset_parking(f));
    stub(f, PH(0), 1);
    utlb_set(f, 4, V(0), PH(0), 0, 3);
    utlb_set(f, 9, V(0), PH(1), 0, 3);
    f->cpu.mmucr = SH4_MMUCR_AT;
    f->cpu.regs[1] = V(0);
    SH4(f, JSR(1), NOP);
    CT_ASSERT_FALSE(sh4fix_run(f));
    expect_multi_hit_reset(f);
    CT_EXPECT_EQ(f->cpu.regs[13], 0u);
}
