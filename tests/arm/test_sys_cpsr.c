/*
 * ARM926 system side: reset state, CPSR access, register banking across
 * all modes, MSR/SPSR helper rules, the User register view for LDM/STM ^
 * and the TB flags.
 */
#include "ctest.h"
#include "armsys_test.h"
#include "targets/arm/helper.h"

static const uint32_t all_modes[] = {
    ARM_MODE_USR, ARM_MODE_FIQ, ARM_MODE_IRQ, ARM_MODE_SVC, ARM_MODE_ABT, ARM_MODE_UND, ARM_MODE_SYS,
};
#define N_MODES (sizeof(all_modes) / sizeof(all_modes[0]))

CTEST(arm_sys, reset_state)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    /* SVC, I and F set, ARM state; Z and bit 8 read set as in QEMU */
    CT_EXPECT_EQ(arm_cpsr_read(cpu), 0x400001d3u);
    CT_EXPECT_EQ(cpu->regs[15], 0u);
    CT_EXPECT_EQ(cpu->cp15.sctlr, 0x00090078u);
    CT_EXPECT_EQ(cpu->cp15.midr, 0x41069265u);
    CT_EXPECT_EQ(cpu->cp15.ctr, 0x01dd20d2u);
    for (int i = 0; i < 15; i++)
        CT_EXPECT_EQ(cpu->regs[i], 0u);
    armsys_teardown(&fx);
}

CTEST(arm_sys, reset_high_vectors)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    cpu->regs[3] = 7;
    arm_cpsr_write(cpu, ARM_MODE_USR, ARM_CPSR_M);
    arm_cpu_reset(cpu);
    CT_EXPECT_EQ(cpu->regs[3], 0u);
    CT_EXPECT_EQ(arm_cpsr_read(cpu) & 0xff, 0xd3u);
    /* reset goes to the vector SCTLR.V selects */
    cpu->cp15.sctlr |= ARM_SCTLR_V;
    cpu->regs[15] = 0x1234;
    arm_take_exception(cpu, ARM_EXCP_RESET);
    CT_EXPECT_EQ(cpu->regs[15], 0xffff0000u);
    CT_EXPECT_EQ(arm_cpsr_read(cpu) & 0xff, 0xd3u);
    armsys_teardown(&fx);
}

CTEST(arm_sys, model_names)
{
    arm_cpu *cpu = calloc(1, sizeof(arm_cpu));
    CT_ASSERT_TRUE(cpu != NULL);
    CT_EXPECT_FALSE(arm_cpu_init(cpu, "cortex-a9", "interp"));
    CT_EXPECT_FALSE(arm_cpu_init(cpu, NULL, "interp"));
    free(cpu);
}

CTEST(arm_sys, cpsr_flags_roundtrip)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    static const uint32_t flag_sets[] = { 0x00000000u, 0x80000000u, 0x40000000u, 0x20000000u,
                                          0x10000000u, 0x08000000u, 0xf8000000u, 0xa8000000u };
    for (unsigned i = 0; i < sizeof(flag_sets) / sizeof(flag_sets[0]); i++) {
        arm_cpsr_write(cpu, flag_sets[i], 0xf8000000u);
        CT_EXPECT_EQ(arm_cpsr_read(cpu), flag_sets[i] | 0x1d3u);
    }
    /* the split representation */
    arm_cpsr_write(cpu, ARM_CPSR_N | ARM_CPSR_C | ARM_CPSR_V, ARM_CPSR_NZCV);
    CT_EXPECT_EQ(cpu->NF >> 31, 1u);
    CT_EXPECT_NE(cpu->ZF, 0u);
    CT_EXPECT_EQ(cpu->CF, 1u);
    CT_EXPECT_EQ(cpu->VF >> 31, 1u);
    armsys_teardown(&fx);
}

CTEST(arm_sys, banks_all_modes)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;

    /* give every mode its own r8-r14 and SPSR values */
    for (unsigned m = 0; m < N_MODES; m++) {
        arm_cpsr_write(cpu, all_modes[m], ARM_CPSR_M);
        CT_ASSERT_EQ(arm_cpsr_read(cpu) & ARM_CPSR_M, all_modes[m]);
        for (unsigned r = 8; r <= 14; r++)
            cpu->regs[r] = all_modes[m] << 8 | r;
        cpu->spsr = 0xf0000000u | all_modes[m];
        cpu->regs[0] = 0xabc;   /* r0-r7 are never banked */
    }
    /* visit the modes in another order and check what each sees */
    for (int m = (int)N_MODES - 1; m >= 0; m--) {
        uint32_t mode = all_modes[m];
        arm_cpsr_write(cpu, mode, ARM_CPSR_M);
        CT_EXPECT_EQ(cpu->regs[0], 0xabcu);
        for (unsigned r = 8; r <= 14; r++) {
            uint32_t owner;
            if (r <= 12)   /* r8-r12: FIQ has its own, everyone else shares */
                owner = mode == ARM_MODE_FIQ ? ARM_MODE_FIQ : ARM_MODE_SYS;
            else           /* r13/r14: USR and SYS share */
                owner = mode == ARM_MODE_USR ? ARM_MODE_SYS : mode;
            CT_EXPECT_EQ(cpu->regs[r], owner << 8 | r);
        }
        if (mode != ARM_MODE_USR && mode != ARM_MODE_SYS)
            CT_EXPECT_EQ(cpu->spsr, 0xf0000000u | mode);
    }
    armsys_teardown(&fx);
}

CTEST(arm_sys, mode_valid)
{
    unsigned valid = 0;
    for (uint32_t m = 0; m < 32; m++)
        valid += arm_mode_valid(m);
    CT_EXPECT_EQ(valid, 7u);
    for (unsigned m = 0; m < N_MODES; m++)
        CT_EXPECT_TRUE(arm_mode_valid(all_modes[m]));
    CT_EXPECT_FALSE(arm_mode_valid(0x16));   /* monitor: not on ARMv5 */
    CT_EXPECT_FALSE(arm_mode_valid(0x1a));   /* hyp */
    CT_EXPECT_EQ(arm_mode_bank(ARM_MODE_SYS), ARM_BANK_USR);
    CT_EXPECT_EQ(arm_mode_bank(0x00), -1);
}

CTEST(arm_sys, msr_rules)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;

    /* field mask "c" (bit 0): mode and I/F, T untouched by MSR */
    arm_helper_cpsr_write(cpu, ARM_MODE_IRQ | ARM_CPSR_T, 0x1, 0, 0);
    CT_EXPECT_EQ(arm_cpsr_read(cpu), 0x40000000u | ARM_CPSR_A | ARM_MODE_IRQ);
    /* field "x" holds bit 8 (QEMU's A) */
    arm_helper_cpsr_write(cpu, 0, 0x2, 0, 0);
    CT_EXPECT_EQ(arm_cpsr_read(cpu), 0x40000000u | ARM_MODE_IRQ);
    arm_helper_cpsr_write(cpu, ARM_CPSR_A, 0x2, 0, 0);
    /* field mask "f" only: flags change, control byte kept */
    arm_helper_cpsr_write(cpu, 0x90000000u | ARM_MODE_SVC, 0x8, 0, 0);
    CT_EXPECT_EQ(arm_cpsr_read(cpu), 0x90000000u | ARM_CPSR_A | ARM_MODE_IRQ);
    /* an expanded byte mask works too */
    arm_helper_cpsr_write(cpu, ARM_MODE_SVC | ARM_CPSR_I, 0x000000ffu, 0, 0);
    CT_EXPECT_EQ(arm_cpsr_read(cpu), 0x90000000u | ARM_CPSR_A | ARM_MODE_SVC | ARM_CPSR_I);
    /* an invalid mode is ignored, the rest of the byte is written */
    arm_helper_cpsr_write(cpu, 0x15 | ARM_CPSR_F, 0x1, 0, 0);
    CT_EXPECT_EQ(arm_cpsr_read(cpu), 0x90000000u | ARM_CPSR_A | ARM_MODE_SVC | ARM_CPSR_F);
    /* User mode: only the flags */
    arm_helper_cpsr_write(cpu, ARM_MODE_USR, 0x1, 0, 0);
    CT_ASSERT_EQ(arm_cpsr_read(cpu) & ARM_CPSR_M, (uint32_t)ARM_MODE_USR);
    arm_helper_cpsr_write(cpu, 0x68000000u | ARM_MODE_SVC | ARM_CPSR_I | ARM_CPSR_F, 0xf, 0, 0);
    CT_EXPECT_EQ(arm_cpsr_read(cpu), 0x68000000u | ARM_CPSR_A | ARM_MODE_USR);
    CT_EXPECT_EQ(arm_helper_cpsr_read(cpu, 0, 0, 0, 0), 0x68000000u | ARM_CPSR_A | ARM_MODE_USR);
    armsys_teardown(&fx);
}

CTEST(arm_sys, spsr_helpers)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;

    arm_helper_spsr_write(cpu, 0xffffffffu, 0xf, 0, 0);
    CT_EXPECT_EQ(arm_helper_spsr_read(cpu, 0, 0, 0, 0), 0xf90001ffu);   /* NZCVQ J A I F T M */
    arm_helper_spsr_write(cpu, 0x00000010u, 0x1, 0, 0);
    CT_EXPECT_EQ(cpu->spsr, 0xf9000110u);
    /* the SPSR is banked: ABT has its own */
    arm_cpsr_write(cpu, ARM_MODE_ABT, ARM_CPSR_M);
    CT_EXPECT_EQ(cpu->spsr, 0u);
    arm_cpsr_write(cpu, ARM_MODE_SVC, ARM_CPSR_M);
    CT_EXPECT_EQ(cpu->spsr, 0xf9000110u);
    /* no SPSR in System/User mode: reads 0, writes ignored */
    arm_cpsr_write(cpu, ARM_MODE_SYS, ARM_CPSR_M);
    arm_helper_spsr_write(cpu, 0x12345678u, 0xf, 0, 0);
    CT_EXPECT_EQ(arm_helper_spsr_read(cpu, 0, 0, 0, 0), 0u);
    arm_cpsr_write(cpu, ARM_MODE_SVC, ARM_CPSR_M);
    CT_EXPECT_EQ(cpu->spsr, 0xf9000110u);
    armsys_teardown(&fx);
}

CTEST(arm_sys, user_reg_view)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;

    arm_cpsr_write(cpu, ARM_MODE_USR, ARM_CPSR_M);
    for (unsigned r = 8; r <= 14; r++)
        cpu->regs[r] = 0x100 + r;
    arm_switch_mode(cpu, ARM_MODE_FIQ);
    for (unsigned r = 8; r <= 14; r++) {
        cpu->regs[r] = 0x200 + r;
        CT_EXPECT_EQ(arm_helper_get_user_reg(cpu, r, 0, 0, 0), 0x100u + r);
    }
    arm_helper_set_user_reg(cpu, 9, 0x999, 0, 0);
    arm_helper_set_user_reg(cpu, 13, 0x1313, 0, 0);
    CT_EXPECT_EQ(cpu->regs[9], 0x209u);
    CT_EXPECT_EQ(cpu->regs[13], 0x20du);
    arm_switch_mode(cpu, ARM_MODE_SVC);
    /* SVC shares r8-r12 with User, has its own r13/r14 */
    CT_EXPECT_EQ(arm_helper_get_user_reg(cpu, 9, 0, 0, 0), 0x999u);
    CT_EXPECT_EQ(arm_helper_get_user_reg(cpu, 13, 0, 0, 0), 0x1313u);
    arm_helper_set_user_reg(cpu, 14, 0x1414, 0, 0);
    CT_EXPECT_NE(cpu->regs[14], 0x1414u);
    arm_switch_mode(cpu, ARM_MODE_SYS);
    CT_EXPECT_EQ(cpu->regs[9], 0x999u);
    CT_EXPECT_EQ(cpu->regs[13], 0x1313u);
    CT_EXPECT_EQ(cpu->regs[14], 0x1414u);
    CT_EXPECT_EQ(arm_helper_get_user_reg(cpu, 14, 0, 0, 0), 0x1414u);
    armsys_teardown(&fx);
}

CTEST(arm_sys, tb_flags)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    uint32_t pc, flags;

    CT_EXPECT_EQ(arm_tb_flags(cpu), ARM_TBFLAG_PRIV);
    cpu->semihosting = true;
    CT_EXPECT_EQ(arm_tb_flags(cpu), ARM_TBFLAG_PRIV | ARM_TBFLAG_SEMIHOST);
    cpu->cp15.sctlr |= ARM_SCTLR_A;
    arm_cpsr_write(cpu, ARM_CPSR_T, ARM_CPSR_T);
    CT_EXPECT_EQ(arm_tb_flags(cpu),
                 ARM_TBFLAG_PRIV | ARM_TBFLAG_SEMIHOST | ARM_TBFLAG_ALIGN | ARM_TBFLAG_THUMB);
    /* User mode: not privileged, and no semihosting trap (QEMU 7.2) */
    arm_cpsr_write(cpu, ARM_MODE_USR, ARM_CPSR_M);
    CT_EXPECT_EQ(arm_tb_flags(cpu), ARM_TBFLAG_ALIGN | ARM_TBFLAG_THUMB);
    cpu->regs[15] = 0x8002;
    arm_get_tb_state(&cpu->common, &pc, &flags);
    CT_EXPECT_EQ(pc, 0x8002u);
    CT_EXPECT_EQ(flags, ARM_TBFLAG_ALIGN | ARM_TBFLAG_THUMB);
    armsys_teardown(&fx);
}
