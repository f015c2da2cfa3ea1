/*
 * A32 miscellaneous instructions: MRS/MSR (fields, User-mode
 * restrictions, mode switch with banked registers), BX/BLX/BXJ and
 * BLX <imm> interworking to Thumb and back, SWI/BKPT/undefined encodings
 * raising their exceptions with the right vector, mode and LR, PLD as a
 * no-op.  ARM DDI 0100I A4.1, A2.6 (exceptions).
 */
#include "arm_fixture.h"

ARMFIX_TEST(a32_misc, mrs_msr_flags)
{
    A32(f, 0xe10f0000,      /* mrs r0, cpsr */
           0xe128f001,      /* msr cpsr_f, r1 */
           0xe10f2000);     /* mrs r2, cpsr */
    armfix_set_nzcv(f, 0x9);
    f->cpu.regs[1] = 0x68000000;       /* Z C Q */
    uint32_t rest = f->cpu.cpsr_rest;  /* mode, I, F (and A) as reset left them */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(rest & ARM_CPSR_M, ARM_MODE_SVC);
    CT_EXPECT_EQ(f->cpu.regs[0], 0x90000000 | rest);
    CT_EXPECT_EQ(f->cpu.regs[2], 0x68000000 | rest);
    CT_EXPECT_EQ(armfix_nzcv(f), 0x6);
    CT_EXPECT_EQ(f->cpu.QF, 1);
}

ARMFIX_TEST(a32_misc, msr_mode_switch_banks_sp)
{
    A32(f, 0xe121f001,      /* msr cpsr_c, r1: to IRQ mode */
           0xe1a0200d,      /* mov r2, sp */
           0xe10f0000);     /* mrs r0, cpsr */
    f->cpu.regs[1] = 0xd2;
    f->cpu.banked_r13[ARM_BANK_IRQ] = 0x1234;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_IRQ);
    CT_EXPECT_EQ(f->cpu.regs[2], 0x1234);
    CT_EXPECT_EQ(f->cpu.regs[0] & 0xff, 0xd2);
    CT_EXPECT_EQ(f->cpu.banked_r13[ARM_BANK_SVC], ARMFIX_STACK);
}

ARMFIX_TEST(a32_misc, msr_user_mode_writes_flags_only)
{
    A32(f, 0xe129f001);     /* msr cpsr_fc, r1 */
    arm_switch_mode(&f->cpu, ARM_MODE_USR);
    f->cpu.regs[1] = 0xf00000d3;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_USR);
    CT_EXPECT_EQ(armfix_nzcv(f), 0xf);
}

ARMFIX_TEST(a32_misc, msr_mrs_spsr)
{
    A32(f, 0xe16ff001,      /* msr spsr_fsxc, r1 */
           0xe14f0000,      /* mrs r0, spsr */
           0xe329f01f);     /* msr cpsr_fc, #0x1f: System mode, flags clear */
    f->cpu.regs[1] = 0x60000010;
    armfix_set_nzcv(f, 0xf);
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0x60000010);
    CT_EXPECT_EQ(f->cpu.banked_spsr[ARM_BANK_SVC], 0x60000010);
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_SYS);
    CT_EXPECT_EQ(armfix_nzcv(f), 0x0);
}

ARMFIX_TEST(a32_misc, blx_reg_to_thumb_and_bx_back)
{
    static const uint16_t thumb[] = { 0x2109, 0x4770 };   /* movs r1, #9; bx lr */
    armfix_put16(f, 0x2000, thumb, 2);
    A32(f, 0xe3a02a02,      /* mov r2, #0x2000 */
           0xe3822001,      /* orr r2, r2, #1 */
           0xe12fff32,      /* blx r2 */
           0xe3a03009);     /* mov r3, #9 */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 9);
    CT_EXPECT_EQ(f->cpu.regs[3], 9);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 12);
    CT_EXPECT_FALSE(armfix_thumb(f));
}

ARMFIX_TEST(a32_misc, blx_reg_arm_to_arm)
{
    A32(f, 0xe12fff31,      /* blx r1 -> sub */
           0xe3a00001,      /* mov r0, #1 */
           0xea000001,      /* b end */
           0xe3a02002,      /* sub: mov r2, #2 */
           0xe12fff1e);     /* bx lr */
    f->cpu.regs[1] = ARMFIX_CODE + 12;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 1);
    CT_EXPECT_EQ(f->cpu.regs[2], 2);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 4);
}

ARMFIX_TEST(a32_misc, blx_lr_uses_old_lr)
{
    A32(f, 0xe12fff3e,      /* blx lr */
           0xe3a00001);     /* mov r0, #1 (skipped) */
    f->cpu.regs[14] = ARMFIX_CODE + 8;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 4);
}

ARMFIX_TEST(a32_misc, bxj_behaves_as_bx)
{
    A32(f, 0xe12fff21,      /* bxj r1 */
           0xe3a00001);     /* mov r0, #1 (skipped) */
    f->cpu.regs[1] = ARMFIX_CODE + 8;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0);
    CT_EXPECT_FALSE(armfix_thumb(f));
}

ARMFIX_TEST(a32_misc, blx_imm_to_thumb)
{
    A32(f, 0xfa000002,      /* blx code+16 (Thumb) */
           0xe3a01001,      /* mov r1, #1 */
           0xea000001,      /* b end */
           0xe1a00000,      /* nop */
           0x47702009);     /* thumb: movs r0, #9; bx lr */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 9);
    CT_EXPECT_EQ(f->cpu.regs[1], 1);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 4);
    CT_EXPECT_FALSE(armfix_thumb(f));
}

ARMFIX_TEST(a32_misc, blx_imm_halfword_target)
{
    A32(f, 0xfb000002,      /* blx code+18 (H = 1) */
           0xe3a01001,      /* mov r1, #1 */
           0xea000002,      /* b end */
           0xe1a00000,      /* nop */
           0x20092201,      /* thumb: +16 movs r2, #1 (skipped); +18 movs r0, #9 */
           0x46c04770);     /* thumb: bx lr; nop */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 9);
    CT_EXPECT_EQ(f->cpu.regs[2], 0);
    CT_EXPECT_EQ(f->cpu.regs[1], 1);
}

ARMFIX_TEST(a32_misc, swi_enters_svc)
{
    A32(f, 0xef000010);     /* swi 0x10 */
    arm_switch_mode(&f->cpu, ARM_MODE_USR);
    armfix_set_nzcv(f, 0x8);
    uint32_t old = armfix_cpsr(f);
    CT_EXPECT_EQ(old & 0xff0000ff, 0x80000010 | ARM_CPSR_I | ARM_CPSR_F);
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x08);
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_SVC);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 4);
    CT_EXPECT_EQ(f->cpu.spsr, old);
}

ARMFIX_TEST(a32_misc, semihost_swi_is_plain_swi_when_disabled)
{
    A32(f, 0xef123456);     /* swi 0x123456 */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x08);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 4);
}

ARMFIX_TEST(a32_misc, bkpt_prefetch_abort)
{
    A32(f, 0xe3a00001,      /* mov r0, #1 */
           0xe1200172);     /* bkpt 0x12 */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 1);
    CT_EXPECT_EQ(f->cpu.regs[15], 0x0c);
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_ABT);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 8);
}

/* Encodings with no ARMv5TE instruction (or no coprocessor behind them). */
static const uint32_t udef_insns[] = {
    0xe7f000f0,     /* udf #0 (register offset load/store with bit 4 set) */
    0xe1000070,     /* miscellaneous space, op 0111 without BKPT bits */
    0xe1600010,     /* miscellaneous space: 0001 0110 .... 0001 but not CLZ */
    0xe0200090 | (1u << 22) | (1u << 21),   /* MUL space op 0x3 with bit 22: no insn */
    0xe3000000,     /* 0011 0000: MOVW is ARMv6T2 */
    0xee000100,     /* cdp p1 */
    0xed910100,     /* ldc p1, c0, [r1] */
    0xec410f00,     /* mcrr p15 (no 64-bit CP15 registers on ARM926) */
    0xee100e30,     /* mrc p14 with an unknown register */
    0xee100a10,     /* mrc p10: no VFP */
    0xf1010000,     /* unconditional space: SETEND is ARMv6 */
    0xf8900a00,     /* unconditional space: RFE is ARMv6 */
    0xe1c130d0,     /* ldrd r3 (odd register) */
};

ARMFIX_TEST(a32_misc, undefined_encodings)
{
    for (unsigned i = 0; i < sizeof(udef_insns) / sizeof(udef_insns[0]); i++) {
        const uint32_t code[2] = { 0xe3a00001, udef_insns[i] };   /* mov r0, #1; insn */
        f->cpu.regs[0] = 0;
        f->cpu.regs[1] = ARMFIX_DATA;
        arm_switch_mode(&f->cpu, ARM_MODE_SVC);
        armfix_a32(f, code, 2);
        CT_EXPECT_FALSE(armfix_run(f));
        if (f->cpu.regs[15] != 0x04 || armfix_mode(f) != ARM_MODE_UND ||
            f->cpu.regs[14] != ARMFIX_CODE + 8 || f->cpu.regs[0] != 1)
            ctest_fail(__FILE__, __LINE__, "%08x: pc %08x mode %x lr %08x r0 %u", udef_insns[i],
                       f->cpu.regs[15], armfix_mode(f), f->cpu.regs[14], f->cpu.regs[0]);
    }
}

ARMFIX_TEST(a32_misc, conditional_undefined_not_taken)
{
    A32(f, 0x07f000f0,      /* udfeq: condition fails */
           0xe3a00001);     /* mov r0, #1 */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 1);
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_SVC);
}

ARMFIX_TEST(a32_misc, pld_is_a_hint)
{
    A32(f, 0xf5d1f004,      /* pld [r1, #4]: unmapped, no abort */
           0xf7d1f002,      /* pld [r1, r2] */
           0xe3a00001);     /* mov r0, #1 */
    f->cpu.regs[1] = 0xf0000000;
    f->cpu.regs[2] = 4;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 1);
    CT_EXPECT_EQ(f->bus_accesses, 0);
}

ARMFIX_TEST(a32_misc, mrc_midr)
{
    A32(f, 0xee100f10);     /* mrc p15, 0, r0, c0, c0, 0 */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0x41069265);
}
