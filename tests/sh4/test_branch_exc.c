/*
 * SH-4 branches, delay slots, exceptions, register banks, interrupts and
 * SLEEP (SH-4 Software Manual ch. 9; SH7750 hardware manual ch. 5).
 */
#include "sh4_fixture.h"

#define CODE(off) (SH4FIX_CODE + (off))

SH4FIX_TEST(sh4_branch, bra_executes_slot)
{
    /* 0: bra +2 (-> 8); 2: add #1,r1 (slot); 4: add #2,r1; 6: add #4,r1; 8: add #8,r1 */
    SH4(f, BRA(2), ADDI(1, 1), ADDI(2, 1), ADDI(4, 1), ADDI(8, 1));
    f->cpu.regs[1] = 0;
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 9u);
}

SH4FIX_TEST(sh4_branch, bt_bf_no_slot)
{
    /* bt skips the next insn without executing any slot */
    SH4(f, SETT, BT(0), ADDI(1, 1), ADDI(2, 1), CLRT, BT(0), ADDI(4, 1), BF(0), ADDI(8, 1));
    f->cpu.regs[1] = 0;
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 2u + 4u);
}

SH4FIX_TEST(sh4_branch, bts_bfs_slot_runs_both_ways)
{
    /* T=1: bt/s taken (slot runs); then T=0: bt/s not taken, slot still runs */
    SH4(f, SETT, BTS(1), ADDI(1, 1), ADDI(2, 1), ADDI(4, 1),
        CLRT, BTS(1), ADDI(8, 1), ADDI(16, 1), ADDI(32, 1),
        BFS(0), ADDI(64, 2), ADDI(1, 3));
    f->cpu.regs[1] = 0; f->cpu.regs[2] = 0; f->cpu.regs[3] = 0;
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 1u + 4u + 8u + 16u + 32u);
    CT_EXPECT_EQ(f->cpu.regs[2], 64u);
    CT_EXPECT_EQ(f->cpu.regs[3], 1u);
}

SH4FIX_TEST(sh4_branch, slot_sees_condition_before_it)
{
    /* bt/s reads T before the slot changes it */
    SH4(f, SETT, BTS(1), CLRT, ADDI(1, 1), ADDI(2, 1), MOVT(5));
    f->cpu.regs[1] = 0;
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 2u);
    CT_EXPECT_EQ(f->cpu.regs[5], 0u);
}

SH4FIX_TEST(sh4_branch, bsr_rts_pr)
{
    /* 0: bsr +3 (-> 0xa); 2: mov #1,r2 (slot); 4: bra +5 (-> 0x12); 6: nop;
     * 8: nop; a: rts; c: mov #7,r3 (slot); e..10: nop; 12: end */
    SH4(f, BSR(3), MOVI(1, 2), BRA(5), NOP, NOP, RTS, MOVI(7, 3), NOP, NOP);
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pr, CODE(4));
    CT_EXPECT_EQ(f->cpu.regs[2], 1u);
    CT_EXPECT_EQ(f->cpu.regs[3], 7u);
}

SH4FIX_TEST(sh4_branch, rts_uses_pr_before_slot)
{
    /* the slot reloads PR: RTS still goes to the old PR */
    f->cpu.pr = CODE(8);
    f->cpu.regs[4] = 0x12345678;
    SH4(f, RTS, LDSPR(4), NOP, NOP, ADDI(1, 1));
    f->cpu.regs[1] = 0;
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 1u);
    CT_EXPECT_EQ(f->cpu.pr, 0x12345678u);
}

SH4FIX_TEST(sh4_branch, jmp_jsr_braf_bsrf)
{
    /* 0: jsr @r8 (-> 0x20); 4: bsrf r9 at 6 (-> 0x30); 0x32: braf r10 (-> 0xa) */
    static const uint16_t sub1[] = { ADDI(1, 1), RTS, NOP };
    static const uint16_t sub2[] = { ADDI(8, 1), BRAF(10), NOP };
    SH4(f, JSR(8), NOP, ADDI(2, 1), BSRF(9), NOP, ADDI(4, 1), NOP);
    sh4fix_put16(f, CODE(0x20), sub1, 3);
    sh4fix_put16(f, CODE(0x30), sub2, 3);
    f->cpu.regs[8] = CODE(0x20);
    f->cpu.regs[9] = 0x30 - (0x06 + 4);
    f->cpu.regs[10] = (uint32_t)(0x0a - (0x32 + 4));
    f->cpu.regs[1] = 0;
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 15u);
    CT_EXPECT_EQ(f->cpu.pr, CODE(0x0a));
}

SH4FIX_TEST(sh4_exc, slot_illegal)
{
    /* a branch in a delay slot: slot illegal, SPC = the first branch */
    SH4(f, NOP, BRA(4), BRA(4), NOP);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x100);
    CT_EXPECT_EQ(f->cpu.expevt, 0x1a0u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(2));
}

SH4FIX_TEST(sh4_exc, illegal_instruction)
{
    f->cpu.regs[15] = 0x1234;
    SH4(f, NOP, 0x0000);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x100);
    CT_EXPECT_EQ(f->cpu.expevt, 0x180u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(2));
    CT_EXPECT_EQ(f->cpu.sgr, 0x1234u);
    CT_EXPECT_EQ(f->cpu.ssr, SH4_SR_MD | SH4_SR_IMASK);
    CT_EXPECT_EQ(f->cpu.sr & (SH4_SR_MD | SH4_SR_RB | SH4_SR_BL),
                 SH4_SR_MD | SH4_SR_RB | SH4_SR_BL);
}

SH4FIX_TEST(sh4_exc, address_error_in_slot_reports_branch)
{
    f->cpu.regs[1] = SH4FIX_DATA + 1;
    SH4(f, NOP, BRA(4), MOVLL(1, 2), NOP);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x100);
    CT_EXPECT_EQ(f->cpu.expevt, 0x0e0u);
    CT_EXPECT_EQ(f->cpu.tea, SH4FIX_DATA + 1);
    CT_EXPECT_EQ(f->cpu.spc, CODE(2));
}

SH4FIX_TEST(sh4_exc, address_error_write)
{
    f->cpu.regs[1] = SH4FIX_DATA + 2;
    f->cpu.regs[3] = 5;
    SH4(f, ADDI(1, 3), MOVLS(3, 1));
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.expevt, 0x100u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(2));
    /* the instruction before retired (r3 of bank 0, now the other bank) */
    CT_EXPECT_EQ(f->cpu.bank[3], 6u);
}

SH4FIX_TEST(sh4_exc, trapa_and_rte)
{
    /* handler at VBR+0x100: r0 = TRA; rte; nop (slot) */
    static const uint16_t handler[] = { 0xd001 /* mov.l @(4,pc),r0 -> +8 */, 0x6002 /* mov.l @r0,r0 */,
                                        RTE, ADDI(1, 5), 0x0020, 0xff00 };
    sh4fix_put16(f, SH4FIX_VBR + 0x100, handler, 6);
    f->cpu.regs[5] = 0;
    SH4(f, TRAPA(0x21), ADDI(10, 5));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.bank[0], 0x84u);  /* TRA = imm << 2, read into bank-1 r0 */
    CT_EXPECT_EQ(f->cpu.expevt, 0x160u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(2));
    CT_EXPECT_EQ(f->cpu.regs[5], 11u);             /* slot of rte, then after trapa */
    CT_EXPECT_EQ(f->cpu.sr & SH4_SR_BL, 0u);
}

SH4FIX_TEST(sh4_exc, register_banks)
{
    /* MD=1 RB=0: write r0 bank 1 through ldc; switch RB; read back */
    f->cpu.regs[0] = 0x11;
    f->cpu.regs[1] = 0x22;
    f->cpu.regs[2] = SH4_SR_MD | SH4_SR_RB | SH4_SR_IMASK;
    SH4(f, LDCBANK(1, 0), LDCSR(2), MOV(0, 8), STCBANK(0, 9));
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[8], 0x22u);   /* bank 1 r0 is now current */
    CT_EXPECT_EQ(f->cpu.regs[9], 0x11u);   /* bank 0 r0 is the other bank */
    CT_EXPECT_EQ(sh4_sr_read(&f->cpu) & SH4_SR_RB, SH4_SR_RB);
}

SH4FIX_TEST(sh4_exc, user_mode_privilege)
{
    /* enter user mode with rte: SSR = 0 (MD=0), SPC = user code */
    static const uint16_t user[] = { ADDI(1, 1), STCSR(2) };
    sh4fix_put16(f, CODE(0x40), user, 2);
    f->cpu.regs[3] = CODE(0x40) & 0x1fffffffu;   /* U0 (MMU off) */
    f->cpu.regs[4] = 0;
    f->cpu.regs[1] = 0;
    SH4(f, LDCSPC(3), LDCSSR(4), RTE, NOP);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.bank[1], 1u);      /* user r1 (bank 0) */
    CT_EXPECT_EQ(f->cpu.expevt, 0x180u);   /* stc sr in user mode */
    CT_EXPECT_EQ(f->cpu.spc, CODE(0x42) & 0x1fffffffu);
    CT_EXPECT_EQ(f->cpu.ssr & SH4_SR_MD, 0u);
}

SH4FIX_TEST(sh4_exc, user_access_to_p1_is_address_error)
{
    static const uint16_t user[] = { MOVLL(5, 6) };
    sh4fix_put16(f, CODE(0x40), user, 1);
    /* user code must run from U0: map nothing, so run it from P0 with MMU off */
    f->cpu.regs[3] = (CODE(0x40) & 0x1fffffffu);
    f->cpu.regs[4] = 0;
    f->cpu.regs[5] = SH4FIX_DATA;
    SH4(f, LDCSPC(3), LDCSSR(4), RTE, NOP);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.expevt, 0x0e0u);
    CT_EXPECT_EQ(f->cpu.tea, SH4FIX_DATA);
    CT_EXPECT_EQ(f->cpu.spc, CODE(0x40) & 0x1fffffffu);
}

SH4FIX_TEST(sh4_exc, exception_with_bl_resets)
{
    f->cpu.regs[2] = SH4_SR_MD | SH4_SR_BL | SH4_SR_IMASK;
    SH4(f, LDCSR(2), 0x0000);
    sh4fix_run(f);
    CT_EXPECT_EQ(f->cpu.expevt, 0x020u);
    CT_EXPECT_EQ(f->cpu.vbr, 0u);
}

SH4FIX_TEST(sh4_exc, interrupt_taken_when_unmasked)
{
    /* IMASK 15 first: nothing; then lower it */
    f->cpu.regs[2] = SH4_SR_MD | (14u << 4);
    SH4(f, NOP, NOP, LDCSR(2), ADDI(1, 1), NOP);
    f->cpu.regs[1] = 0;
    tcg_cpu_set_interrupt(&f->cpu.common, TCG_INTERRUPT_HARD, true);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x600);
    CT_EXPECT_EQ(f->cpu.intevt, 0x200u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(6));   /* right after the ldc sr */
    CT_EXPECT_EQ(f->cpu.bank[1], 0u);
    CT_EXPECT_EQ(f->cpu.sr & SH4_SR_BL, SH4_SR_BL);
}

SH4FIX_TEST(sh4_exc, sleep_wakes_on_interrupt)
{
    f->cpu.regs[2] = SH4_SR_MD;
    SH4(f, LDCSR(2), SLEEP, ADDI(1, 1));
    f->cpu.regs[1] = 0;
    tcg_exit_reason r = tcg_cpu_exec(&f->cpu.common, 10000);
    CT_EXPECT_EQ(r, TCG_EXIT_HALTED);
    CT_EXPECT_EQ(f->cpu.pc, CODE(4));
    tcg_cpu_set_interrupt(&f->cpu.common, TCG_INTERRUPT_HARD, true);
    tcg_cpu_exec(&f->cpu.common, 10000);
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x600);
    CT_EXPECT_EQ(f->cpu.spc, CODE(4));
    CT_EXPECT_EQ(f->cpu.bank[1], 0u);
}

SH4FIX_TEST(sh4_exc, sleep_ignores_masked_interrupts)
{
    /* Only an interrupt the CPU accepts ends SLEEP (manual 9.5.2): one at
     * or below SR.IMASK stays pending and the CPU sleeps on.  (Linux halts
     * with IMASK 15 and SLEEP in a loop; waking would spin the loop.)
     * Without an INTC a request is level 15. */
    f->cpu.regs[2] = SH4_SR_MD | SH4_SR_IMASK;
    SH4(f, LDCSR(2), SLEEP, ADDI(1, 1));
    f->cpu.regs[1] = 0;
    tcg_cpu_set_interrupt(&f->cpu.common, TCG_INTERRUPT_HARD, true);   /* pending before SLEEP */
    CT_EXPECT_EQ(tcg_cpu_exec(&f->cpu.common, 10000), TCG_EXIT_HALTED);
    CT_EXPECT_EQ(f->cpu.pc, CODE(4));
    const uint64_t icount = f->cpu.common.icount;
    CT_EXPECT_FALSE(tcg_cpu_has_work(&f->cpu.common));
    /* raised again while asleep: still asleep, nothing executed */
    tcg_cpu_set_interrupt(&f->cpu.common, TCG_INTERRUPT_HARD, false);
    tcg_cpu_set_interrupt(&f->cpu.common, TCG_INTERRUPT_HARD, true);
    CT_EXPECT_EQ(tcg_cpu_exec(&f->cpu.common, 10000), TCG_EXIT_HALTED);
    CT_EXPECT_EQ(tcg_cpu_exec(&f->cpu.common, 10000), TCG_EXIT_HALTED);
    CT_EXPECT_EQ(f->cpu.common.icount, icount);
    CT_EXPECT_EQ(f->cpu.regs[1], 0u);
    CT_EXPECT_EQ(f->cpu.pc, CODE(4));
}

SH4FIX_TEST(sh4_exc, fpu_disabled)
{
    f->cpu.regs[2] = SH4_SR_MD | SH4_SR_FD | SH4_SR_IMASK;
    SH4(f, LDCSR(2), NOP, FADD(1, 2));
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.expevt, 0x800u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(4));
}

SH4FIX_TEST(sh4_exc, slot_fpu_disabled)
{
    f->cpu.regs[2] = SH4_SR_MD | SH4_SR_FD | SH4_SR_IMASK;
    SH4(f, LDCSR(2), BRA(4), FADD(1, 2));
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.expevt, 0x820u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(2));
}

CTEST(sh4_exc, cycles_are_counted_per_insn)
{
    sh4fix *f = sh4fix_new();
    CT_ASSERT_TRUE(f != NULL);
    /* one TB: 3 nops (1 cycle each), the terminator bra (2) and its slot
     * nop (1); max_insns stops the loop at that TB's end */
    SH4(f, NOP, NOP, NOP);
    f->cpu.common.max_insns = 3;
    tcg_cpu_exec(&f->cpu.common, 1000);
    CT_EXPECT_EQ(f->cpu.common.icount, 5u);
    CT_EXPECT_EQ(f->cpu.common.cycles, 6u);
    sh4fix_free(f);
}

/* A delayed branch in the last halfword of a 1 KiB page: its slot is on
 * the next page and runs in a TB of its own (SH4_TBFLAG_DS). */
SH4FIX_TEST(sh4_branch, slot_on_next_page)
{
    /* code at CODE: jump to the page end, where bt/s / bf/s / bra sit */
    uint32_t page_end = SH4FIX_CODE + 0x400 - 2;
    static const uint16_t at_end1[] = { BTS(3) };          /* -> page_end + 4 + 6 */
    static const uint16_t next1[] = { ADDI(1, 1), ADDI(16, 1), ADDI(16, 1), ADDI(16, 1),
                                      ADDI(2, 1), 0xaffe, 0x0009 };
    f->cpu.regs[1] = 0;
    f->cpu.regs[8] = page_end;
    SH4(f, SETT, JMP(8), NOP);
    sh4fix_put16(f, page_end, at_end1, 1);
    sh4fix_put16(f, page_end + 2, next1, 7);
    f->end = page_end + 2 + 10;
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 3u);      /* slot (1), target (2) */
    /* not taken: bt/s with T = 0 runs the slot and falls through */
    SH4(f, CLRT, JMP(8), NOP);
    f->end = page_end + 2 + 10;
    f->cpu.regs[1] = 0;
    CT_ASSERT_TRUE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 1u + 16u * 3 + 2u);
}
