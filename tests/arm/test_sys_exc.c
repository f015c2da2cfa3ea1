/*
 * ARM926 exception entry and return: LR, SPSR, mode, masks and vector of
 * every exception (ARM ARM v5 A2.6), high vectors, IRQ/FIQ masking and
 * priority, the exception_return helper, and the -d cpu dump format.
 */
#include <stdio.h>

#include "ctest.h"
#include "armsys_test.h"
#include "targets/arm/helper.h"

typedef struct exc_case {
    int excp;
    uint32_t mode, vector, lr_arm, lr_thumb;  /* LR relative to regs[15] */
    bool sets_f, sets_a;   /* A: QEMU's bit 8 */
} exc_case;

static const exc_case exc_cases[] = {
    { ARM_EXCP_UDEF,       ARM_MODE_UND, 0x04, 4, 2, false, false },
    { ARM_EXCP_SWI,        ARM_MODE_SVC, 0x08, 4, 2, false, false },
    { ARM_EXCP_PREFETCH,   ARM_MODE_ABT, 0x0c, 4, 4, false, true },
    { ARM_EXCP_BKPT,       ARM_MODE_ABT, 0x0c, 4, 4, false, true },
    { ARM_EXCP_DATA_ABORT, ARM_MODE_ABT, 0x10, 8, 8, false, true },
    { ARM_EXCP_IRQ,        ARM_MODE_IRQ, 0x18, 4, 4, false, true },
    { ARM_EXCP_FIQ,        ARM_MODE_FIQ, 0x1c, 4, 4, true, true },
    { ARM_EXCP_RESET,      ARM_MODE_SVC, 0x00, 0, 0, true, true },
};

static void check_entry(armsys_fixture *fx, const exc_case *c, bool thumb, bool high)
{
    arm_cpu *cpu = fx->cpu;
    /* start in User mode with distinctive flags; F clear, I clear */
    arm_cpsr_write(cpu, 0xa0000000u | ARM_MODE_USR | (thumb ? ARM_CPSR_T : 0), 0xffffffffu);
    if (high)
        cpu->cp15.sctlr |= ARM_SCTLR_V;
    else
        cpu->cp15.sctlr &= ~ARM_SCTLR_V;
    uint32_t old_cpsr = arm_cpsr_read(cpu);
    cpu->regs[13] = 0x5555;   /* User SP: must survive in its bank */
    cpu->regs[15] = 0x8000;
    cpu->common.exception_index = c->excp;
    arm_do_interrupt(&cpu->common);

    uint32_t cpsr = arm_cpsr_read(cpu);
    CT_EXPECT_EQ(cpsr & ARM_CPSR_M, c->mode);
    CT_EXPECT_EQ(cpsr & ARM_CPSR_T, 0u);
    CT_EXPECT_EQ(cpsr & ARM_CPSR_I, ARM_CPSR_I);
    CT_EXPECT_EQ(cpsr & ARM_CPSR_F, c->sets_f ? ARM_CPSR_F : 0u);
    CT_EXPECT_EQ(cpsr & ARM_CPSR_A, c->sets_a ? ARM_CPSR_A : 0u);
    CT_EXPECT_EQ(cpsr & ARM_CPSR_NZCV, 0xa0000000u);
    CT_EXPECT_EQ(cpu->spsr, old_cpsr);
    CT_EXPECT_EQ(cpu->regs[14], 0x8000u + (thumb ? c->lr_thumb : c->lr_arm));
    CT_EXPECT_EQ(cpu->regs[15], (high ? 0xffff0000u : 0u) + c->vector);
    CT_EXPECT_EQ(cpu->banked_r13[ARM_BANK_USR], 0x5555u);
}

CTEST(arm_sys, exception_entry_all)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    for (unsigned i = 0; i < sizeof(exc_cases) / sizeof(exc_cases[0]); i++) {
        check_entry(&fx, &exc_cases[i], false, false);
        check_entry(&fx, &exc_cases[i], false, true);
        if (exc_cases[i].excp != ARM_EXCP_RESET)
            check_entry(&fx, &exc_cases[i], true, false);
    }
    armsys_teardown(&fx);
}

CTEST(arm_sys, bkpt_sets_ifsr)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    fx.cpu->cp15.ifsr = 0x5;
    fx.cpu->common.exception_index = ARM_EXCP_BKPT;
    arm_do_interrupt(&fx.cpu->common);
    CT_EXPECT_EQ(fx.cpu->cp15.ifsr, 0x2u);
    armsys_teardown(&fx);
}

CTEST(arm_sys, irq_fiq_masking_and_priority)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    tcg_cpu *c = &cpu->common;
    const uint32_t both = TCG_INTERRUPT_HARD | TCG_INTERRUPT_FIQ;

    /* reset: both masked, nothing taken, state unchanged */
    cpu->regs[15] = 0x100;
    CT_EXPECT_FALSE(arm_exec_interrupt(c, both));
    CT_EXPECT_EQ(cpu->regs[15], 0x100u);
    CT_EXPECT_EQ(arm_cpsr_read(cpu) & ARM_CPSR_M, (uint32_t)ARM_MODE_SVC);

    /* I clear, F set: IRQ only */
    arm_cpsr_write(cpu, ARM_CPSR_F, ARM_CPSR_I | ARM_CPSR_F);
    CT_EXPECT_FALSE(arm_exec_interrupt(c, TCG_INTERRUPT_FIQ));
    CT_EXPECT_TRUE(arm_exec_interrupt(c, both));
    CT_EXPECT_EQ(arm_cpsr_read(cpu) & ARM_CPSR_M, (uint32_t)ARM_MODE_IRQ);
    CT_EXPECT_EQ(cpu->regs[15], 0x18u);
    CT_EXPECT_EQ(cpu->regs[14], 0x104u);
    CT_EXPECT_EQ(c->exception_index, TCG_EXCP_NONE);
    /* now in IRQ mode with I set: another IRQ is masked */
    CT_EXPECT_FALSE(arm_exec_interrupt(c, TCG_INTERRUPT_HARD));

    /* both enabled, both pending: FIQ first */
    arm_cpsr_write(cpu, ARM_MODE_SVC, ARM_CPSR_I | ARM_CPSR_F | ARM_CPSR_M);
    cpu->regs[15] = 0x200;
    CT_EXPECT_TRUE(arm_exec_interrupt(c, both));
    CT_EXPECT_EQ(arm_cpsr_read(cpu) & 0xff, (uint32_t)(ARM_MODE_FIQ | ARM_CPSR_I | ARM_CPSR_F));
    CT_EXPECT_EQ(cpu->regs[15], 0x1cu);
    CT_EXPECT_EQ(cpu->regs[14], 0x204u);
    CT_EXPECT_EQ(cpu->spsr, ARM_MODE_SVC | ARM_CPSR_A | (arm_cpsr_read(cpu) & ARM_CPSR_NZCV));
    /* F and I set in FIQ mode: nothing more */
    CT_EXPECT_FALSE(arm_exec_interrupt(c, both));
    armsys_teardown(&fx);
}

CTEST(arm_sys, exception_return)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;

    /* User code at 0x8000 (Thumb) is interrupted, the handler returns */
    arm_cpsr_write(cpu, 0x20000000u | ARM_MODE_USR | ARM_CPSR_T, 0xffffffffu);
    cpu->regs[13] = 0x7000;
    cpu->regs[15] = 0x8002;
    CT_ASSERT_TRUE(arm_exec_interrupt(&cpu->common, TCG_INTERRUPT_HARD));
    CT_ASSERT_EQ(cpu->regs[14], 0x8006u);
    cpu->regs[13] = 0x3000;   /* IRQ stack */
    /* SUBS pc, lr, #4 */
    arm_helper_exception_return(cpu, cpu->regs[14] - 4, 0, 0, 0);
    CT_EXPECT_EQ(arm_cpsr_read(cpu), 0x20000000u | ARM_MODE_USR | ARM_CPSR_T);
    CT_EXPECT_EQ(cpu->regs[15], 0x8002u);
    CT_EXPECT_EQ(cpu->regs[13], 0x7000u);
    CT_EXPECT_EQ(cpu->banked_r13[ARM_BANK_IRQ], 0x3000u);

    /* ARM state return aligns the PC to 4 */
    arm_cpsr_write(cpu, ARM_MODE_SVC, ARM_CPSR_M);   /* User can't: use the raw write */
    cpu->spsr = ARM_MODE_SYS | ARM_CPSR_I;
    arm_helper_exception_return(cpu, 0x9003, 0, 0, 0);
    CT_EXPECT_EQ(arm_cpsr_read(cpu) & 0xffu, (uint32_t)(ARM_MODE_SYS | ARM_CPSR_I));
    CT_EXPECT_EQ(cpu->regs[15], 0x9000u);

    /* System mode has no SPSR: CPSR unchanged, still a branch */
    cpu->spsr = 0;
    arm_helper_exception_return(cpu, 0xa000, 0, 0, 0);
    CT_EXPECT_EQ(arm_cpsr_read(cpu) & 0xffu, (uint32_t)(ARM_MODE_SYS | ARM_CPSR_I));
    CT_EXPECT_EQ(cpu->regs[15], 0xa000u);
    armsys_teardown(&fx);
}

CTEST(arm_sys, nested_exceptions_keep_banks)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;

    /* SWI from SVC, then a data abort in the handler, then return twice */
    cpu->regs[15] = 0x1000;
    cpu->regs[14] = 0xeeee;
    arm_take_exception(cpu, ARM_EXCP_SWI);
    CT_ASSERT_EQ(cpu->regs[14], 0x1004u);
    cpu->regs[15] = 0x2000;
    arm_take_exception(cpu, ARM_EXCP_DATA_ABORT);
    CT_EXPECT_EQ(cpu->regs[14], 0x2008u);
    CT_EXPECT_EQ(cpu->spsr & ARM_CPSR_M, (uint32_t)ARM_MODE_SVC);
    arm_helper_exception_return(cpu, cpu->regs[14] - 8, 0, 0, 0);
    CT_EXPECT_EQ(cpu->regs[15], 0x2000u);
    CT_EXPECT_EQ(cpu->regs[14], 0x1004u);
    arm_helper_exception_return(cpu, cpu->regs[14], 0, 0, 0);
    CT_EXPECT_EQ(cpu->regs[15], 0x1004u);
    CT_EXPECT_EQ(cpu->regs[14], 0x1004u);   /* SWI from SVC overwrote SVC's LR */
    armsys_teardown(&fx);
}

CTEST(arm_sys, restore_state_sets_pc)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    tcg_insn_data d = { .pc = 0x4444, .cycles_before = 3, .data = 0 };
    arm_restore_state(&fx.cpu->common, &d);
    CT_EXPECT_EQ(fx.cpu->regs[15], 0x4444u);
    armsys_teardown(&fx);
}

CTEST(arm_sys, dump_state_format)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    for (int i = 0; i < 16; i++)
        cpu->regs[i] = 0x11111111u * (uint32_t)(i % 16);
    char buf[512] = { 0 };
    FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
    CT_ASSERT_TRUE(f != NULL);
    arm_dump_state(&cpu->common, f);
    fclose(f);
    CT_EXPECT_STREQ(buf,
        "R00=00000000 R01=11111111 R02=22222222 R03=33333333\n"
        "R04=44444444 R05=55555555 R06=66666666 R07=77777777\n"
        "R08=88888888 R09=99999999 R10=aaaaaaaa R11=bbbbbbbb\n"
        "R12=cccccccc R13=dddddddd R14=eeeeeeee R15=ffffffff\n"
        "PSR=400001d3 -Z-- A svc32\n");
    armsys_teardown(&fx);
}

CTEST(arm_sys, int_log_numbering)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    char buf[256] = { 0 };
    FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
    CT_ASSERT_TRUE(f != NULL);
    cpu->common.log.mask = TCG_LOG_INT;
    cpu->common.log.file = f;
    arm_cpsr_write(cpu, ARM_MODE_USR, ARM_CPSR_M | ARM_CPSR_I);
    CT_EXPECT_TRUE(arm_exec_interrupt(&cpu->common, TCG_INTERRUPT_HARD));
    fclose(f);
    cpu->common.log.file = NULL;
    cpu->common.log.mask = 0;
    /* QEMU numbers IRQ 5 (ours is 6, from its vector) */
    CT_EXPECT_STREQ(buf, "Taking exception 5 [IRQ] on CPU 0\n...from EL0 to EL1\n");
    armsys_teardown(&fx);
}
