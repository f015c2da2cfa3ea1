/*
 * System helpers called from translated ARM code (declared in helper.h
 * under "system"): PSR access, exception return and raising, the User
 * register view for LDM/STM ^, coprocessor access, WFI, semihosting and
 * alignment checks.
 *
 * MSR masks: a1 of cpsr_write/spsr_write may be either the instruction's
 * 4-bit field mask (bit 0 = c, 1 = x, 2 = s, 3 = f, as in MSR bits
 * [19:16]) or an already expanded 32-bit byte mask; a value <= 0xf is taken
 * as a field mask (no MSR writes only mode bits 0..3 otherwise).
 *
 * Rules (ARM ARM v5, A4.1.39 MSR; QEMU behaves the same):
 *   - MSR never changes T or J (execution state); the x field writes bit 8
 *     (QEMU's A bit, see cpu.c);
 *   - in User mode only the flags N Z C V Q are written, silently;
 *   - a write of an invalid mode keeps the current mode (UNPREDICTABLE);
 *   - SPSR accesses in User/System mode (no SPSR) are logged guest errors.
 *
 * Exceptions from helpers use tcg_cpu_raise_restore, which puts regs[15]
 * back to the raising instruction from the TB's insn_start data; WFI and
 * semihosting continue at the next instruction.
 */
#include "targets/arm/cpu.h"
#include "targets/arm/helper.h"
#include "targets/arm/internals.h"

static uint32_t arm_msr_mask(uint32_t a1)
{
    uint32_t m = 0;

    if (a1 & ~0xfu)
        return a1;
    for (int i = 0; i < 4; i++)
        if (a1 & (1u << i))
            m |= 0xffu << (8 * i);
    return m;
}

ARM_HELPER_(cpsr_read)
{
    return arm_cpsr_read(env);
}

ARM_HELPER_(cpsr_write)
{
    arm_cpu *cpu = env;
    uint32_t mask = arm_msr_mask(a1) & ARM_CPSR_MSR_MASK;

    if (arm_is_user(cpu))
        mask &= ARM_CPSR_USER_MASK;
    arm_cpsr_write(cpu, a0, mask);
    return 0;
}

ARM_HELPER_(spsr_read)
{
    arm_cpu *cpu = env;
    uint32_t mode = arm_cpu_mode(cpu);

    if (mode == ARM_MODE_USR || mode == ARM_MODE_SYS) {
        tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR, "arm: SPSR read in %s mode\n",
                     mode == ARM_MODE_USR ? "User" : "System");
        return 0;
    }
    return cpu->spsr;
}

ARM_HELPER_(spsr_write)
{
    arm_cpu *cpu = env;
    uint32_t mode = arm_cpu_mode(cpu);
    uint32_t mask = arm_msr_mask(a1) & ARM_SPSR_MASK;

    if (mode == ARM_MODE_USR || mode == ARM_MODE_SYS) {
        tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR, "arm: SPSR write in %s mode ignored\n",
                     mode == ARM_MODE_USR ? "User" : "System");
        return 0;
    }
    cpu->spsr = (cpu->spsr & ~mask) | (a0 & mask);
    return 0;
}

ARM_HELPER_(exception_return)
{
    arm_cpu *cpu = env;
    uint32_t mode = arm_cpu_mode(cpu);

    if (mode == ARM_MODE_USR || mode == ARM_MODE_SYS) {
        /* UNPREDICTABLE: there is no SPSR; behave as a plain branch */
        tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR,
                     "arm: exception return in %s mode: CPSR unchanged\n",
                     mode == ARM_MODE_USR ? "User" : "System");
    } else {
        arm_cpsr_write(cpu, cpu->spsr, ARM_SPSR_MASK & ~ARM_CPSR_J);
    }
    cpu->regs[15] = a0 & ((cpu->cpsr_rest & ARM_CPSR_T) ? ~1u : ~3u);
    return 0;
}

ARM_HELPER_(raise)
{
    tcg_cpu_raise_restore(&((arm_cpu *)env)->common, (int)a0);
}

ARM_HELPER_(get_user_reg)
{
    arm_cpu *cpu = env;
    uint32_t mode = arm_cpu_mode(cpu);

    if (a0 >= 8 && a0 <= 12)
        return mode == ARM_MODE_FIQ ? cpu->usr_regs[a0 - 8] : cpu->regs[a0];
    if (a0 == 13 || a0 == 14) {
        if (mode == ARM_MODE_USR || mode == ARM_MODE_SYS)
            return cpu->regs[a0];
        return a0 == 13 ? cpu->banked_r13[ARM_BANK_USR] : cpu->banked_r14[ARM_BANK_USR];
    }
    return cpu->regs[a0 & 15];
}

ARM_HELPER_(set_user_reg)
{
    arm_cpu *cpu = env;
    uint32_t mode = arm_cpu_mode(cpu);

    if (a0 >= 8 && a0 <= 12) {
        if (mode == ARM_MODE_FIQ)
            cpu->usr_regs[a0 - 8] = a1;
        else
            cpu->regs[a0] = a1;
    } else if (a0 == 13 || a0 == 14) {
        if (mode == ARM_MODE_USR || mode == ARM_MODE_SYS)
            cpu->regs[a0] = a1;
        else if (a0 == 13)
            cpu->banked_r13[ARM_BANK_USR] = a1;
        else
            cpu->banked_r14[ARM_BANK_USR] = a1;
    } else {
        cpu->regs[a0 & 15] = a1;
    }
    return 0;
}

/* Halt until an interrupt (ARM926 "wait for interrupt").  A pending
 * interrupt, even a masked one, wakes the core at once (as QEMU's WFI), so
 * the halt is skipped.  next_pc is where execution resumes. */
static uint32_t arm_do_wfi(arm_cpu *cpu, uint32_t next_pc)
{
    tcg_cpu *c = &cpu->common;

    if (c->interrupt_request & (TCG_INTERRUPT_HARD | TCG_INTERRUPT_FIQ))
        return 0;
    cpu->regs[15] = next_pc;
    c->halted = true;
    tcg_cpu_raise(c, TCG_EXCP_HALTED);
}

ARM_HELPER_(mrc)
{
    arm_cpu *cpu = env;
    uint32_t val = 0;

    if (arm_cp_read(cpu, a0, &val) != ARM_CP_OK)
        tcg_cpu_raise_restore(&cpu->common, ARM_EXCP_UDEF);
    return val;
}

ARM_HELPER_(mcr)
{
    arm_cpu *cpu = env;

    switch (arm_cp_write(cpu, a0, a1)) {
    case ARM_CP_OK:
        return 0;
    case ARM_CP_WFI: {
        /* MCR is always a 32-bit ARM instruction */
        const tcg_insn_data *insn = cpu->common.cur_insn;
        return arm_do_wfi(cpu, insn ? insn->pc + 4 : cpu->regs[15]);
    }
    case ARM_CP_UNDEF:
    default:
        tcg_cpu_raise_restore(&cpu->common, ARM_EXCP_UDEF);
    }
}

ARM_HELPER_(wfi)
{
    arm_cpu *cpu = env;
    return arm_do_wfi(cpu, cpu->regs[15]);
}

ARM_HELPER_(semihost)
{
    arm_cpu *cpu = env;

    /* exit: common.exited is set (sticky); leave the loop now */
    if (arm_semihost_call(cpu))
        tcg_cpu_raise(&cpu->common, TCG_EXCP_EXIT);
    return cpu->regs[0];
}

ARM_HELPER_(check_align)
{
    arm_cpu *cpu = env;

    if ((a0 & a1) && (cpu->cp15.sctlr & ARM_SCTLR_A)) {
        tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR,
                     "arm: alignment fault at 0x%08x (mask 0x%x)\n", a0, a1);
        arm_mmu_record_fault(cpu, a0, TCG_ACCESS_READ, ARM_FSR_ALIGN);
        tcg_cpu_raise_restore(&cpu->common, ARM_EXCP_DATA_ABORT);
    }
    return 0;
}
