/*
 * ARM926EJ-S CPU model: creation and reset, CPSR and register banks,
 * exception entry, interrupts, and the tcg_target_ops table.
 *
 * The model presents the ARM926EJ-S as QEMU's "arm926" does: MIDR
 * 0x41069265, cache type 0x01dd20d2, SCTLR reset 0x00090078.  Reset state
 * (ARM ARM v5, A2.6.1): SVC mode, IRQ and FIQ disabled, ARM state, PC at
 * the reset vector (0, or 0xffff0000 with SCTLR.V).  The condition flags
 * are architecturally UNKNOWN at reset; they read as QEMU's do (Z set,
 * since the split ZF is zero), so the reset CPSR is 0x400001d3 as in
 * qemu-system-arm.
 *
 * CPSR bit 8: ARMv5 has no imprecise-abort mask and silicon reads the bit
 * as zero, but QEMU treats it as the v6 "A" bit on every core: set at reset
 * and on prefetch abort, data abort, IRQ and FIQ entry, writable with
 * MSR's x field, saved in SPSRs.  We do the same so that register dumps
 * and MRS results compare equal with qemu-system-arm (differential tests).
 * Nothing in the model depends on the bit.
 *
 * Banking invariant: regs[0..15] always hold the current mode's view; the
 * bank arrays hold the other modes' r13/r14/SPSR, usr_regs/fiq_regs the
 * r8-r12 set not in use.  Only arm_switch_mode() moves values between them.
 *
 * Exception entry (ARM ARM v5, A2.6): the front end leaves regs[15] at the
 * instruction that raised the exception (or the next one for IRQ/FIQ,
 * taken between TBs); LR gets the value the handler expects:
 *   UDF, SWI: insn + 4 (ARM) / + 2 (Thumb)   prefetch abort, BKPT: insn + 4
 *   data abort: insn + 8                      IRQ, FIQ: next insn + 4
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "targets/arm/cpu.h"
#include "targets/arm/internals.h"
#include "targets/arm/trace-arm.h"

/* ---- modes and banks ------------------------------------------------ */

bool arm_mode_valid(uint32_t mode)
{
    return arm_mode_bank(mode) >= 0;
}

int arm_mode_bank(uint32_t mode)
{
    switch (mode) {
    case ARM_MODE_USR:
    case ARM_MODE_SYS: return ARM_BANK_USR;
    case ARM_MODE_SVC: return ARM_BANK_SVC;
    case ARM_MODE_ABT: return ARM_BANK_ABT;
    case ARM_MODE_UND: return ARM_BANK_UND;
    case ARM_MODE_IRQ: return ARM_BANK_IRQ;
    case ARM_MODE_FIQ: return ARM_BANK_FIQ;
    default: return -1;
    }
}

void arm_switch_mode(arm_cpu *cpu, uint32_t new_mode)
{
    uint32_t old_mode = arm_cpu_mode(cpu);
    int ob = arm_mode_bank(old_mode), nb = arm_mode_bank(new_mode);

    assert(ob >= 0 && nb >= 0);
    if (old_mode == new_mode)
        return;
    if (old_mode == ARM_MODE_FIQ) {
        memcpy(cpu->fiq_regs, &cpu->regs[8], sizeof(cpu->fiq_regs));
        memcpy(&cpu->regs[8], cpu->usr_regs, sizeof(cpu->usr_regs));
    } else if (new_mode == ARM_MODE_FIQ) {
        memcpy(cpu->usr_regs, &cpu->regs[8], sizeof(cpu->usr_regs));
        memcpy(&cpu->regs[8], cpu->fiq_regs, sizeof(cpu->fiq_regs));
    }
    cpu->banked_r13[ob] = cpu->regs[13];
    cpu->banked_r14[ob] = cpu->regs[14];
    cpu->banked_spsr[ob] = cpu->spsr;
    cpu->regs[13] = cpu->banked_r13[nb];
    cpu->regs[14] = cpu->banked_r14[nb];
    cpu->spsr = cpu->banked_spsr[nb];
    cpu->cpsr_rest = (cpu->cpsr_rest & ~ARM_CPSR_M) | new_mode;
    arm_tb_flags_refresh(cpu);
}

uint32_t arm_cpsr_read(const arm_cpu *cpu)
{
    return (cpu->NF & ARM_CPSR_N) | (cpu->ZF == 0 ? ARM_CPSR_Z : 0) | (cpu->CF ? ARM_CPSR_C : 0) |
           ((cpu->VF >> 31) << 28) | (cpu->QF ? ARM_CPSR_Q : 0) | cpu->cpsr_rest;
}

void arm_cpsr_write(arm_cpu *cpu, uint32_t val, uint32_t mask)
{
    if (mask & ARM_CPSR_N)
        cpu->NF = val & ARM_CPSR_N;
    if (mask & ARM_CPSR_Z)
        cpu->ZF = (val & ARM_CPSR_Z) ? 0 : 1;
    if (mask & ARM_CPSR_C)
        cpu->CF = (val >> 29) & 1;
    if (mask & ARM_CPSR_V)
        cpu->VF = (val & ARM_CPSR_V) << 3;
    if (mask & ARM_CPSR_Q)
        cpu->QF = (val >> 27) & 1;
    if ((mask & ARM_CPSR_M) && ((val ^ cpu->cpsr_rest) & mask & ARM_CPSR_M)) {
        uint32_t m = (cpu->cpsr_rest & ~mask & ARM_CPSR_M) | (val & mask & ARM_CPSR_M);
        if (arm_mode_valid(m))
            arm_switch_mode(cpu, m);
        else
            tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR,
                         "arm: CPSR write with invalid mode 0x%02x ignored\n", m);
    }
    mask &= ARM_CPSR_T | ARM_CPSR_F | ARM_CPSR_I | ARM_CPSR_A;
    cpu->cpsr_rest = (cpu->cpsr_rest & ~mask) | (val & mask);
    arm_tb_flags_refresh(cpu);
}

uint32_t arm_tb_flags(const arm_cpu *cpu)
{
    uint32_t f = 0;
    bool priv = !arm_is_user(cpu);

    if (cpu->cpsr_rest & ARM_CPSR_T)
        f |= ARM_TBFLAG_THUMB;
    if (priv)
        f |= ARM_TBFLAG_PRIV;
    /* QEMU 7.2 semantics: semihosting traps only outside User mode (its
     * "userspace=on" option is off by default); a User-mode SWI 0x123456
     * is an ordinary SWI. */
    if (cpu->semihosting && priv)
        f |= ARM_TBFLAG_SEMIHOST;
    if (cpu->cp15.sctlr & ARM_SCTLR_A)
        f |= ARM_TBFLAG_ALIGN;
    if (cpu->common.trace)
        f |= ARM_TBFLAG_TRACE;
    return f;
}

/* ---- creation and reset --------------------------------------------- */

static bool arm_model_known(const char *model)
{
    static const char *const names[] = { "arm926", "arm926ej-s", "arm,arm926ej-s" };
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (model && strcmp(model, names[i]) == 0)
            return true;
    return false;
}

bool arm_cpu_init(arm_cpu *cpu, const char *model, const char *backend)
{
    if (!arm_model_known(model))
        return false;
    memset(cpu, 0, sizeof(*cpu));
    cpu->model = "arm926";
    if (!tcg_cpu_init(&cpu->common, &arm_target_ops, backend))
        return false;
    if (!arm_translate_init(cpu)) {
        tcg_cpu_destroy(&cpu->common);
        return false;
    }
    arm_cpu_reset(cpu);
    return true;
}

void arm_cpu_reset(arm_cpu *cpu)
{
    memset(cpu->regs, 0, sizeof(cpu->regs));
    cpu->NF = cpu->ZF = cpu->CF = cpu->VF = cpu->QF = 0;
    cpu->spsr = 0;
    memset(cpu->banked_r13, 0, sizeof(cpu->banked_r13));
    memset(cpu->banked_r14, 0, sizeof(cpu->banked_r14));
    memset(cpu->banked_spsr, 0, sizeof(cpu->banked_spsr));
    memset(cpu->usr_regs, 0, sizeof(cpu->usr_regs));
    memset(cpu->fiq_regs, 0, sizeof(cpu->fiq_regs));
    cpu->cpsr_rest = ARM_MODE_SVC | ARM_CPSR_A | ARM_CPSR_I | ARM_CPSR_F;
    arm_cp15_reset(cpu);
    arm_semihost_reset(cpu);
    cpu->regs[15] = arm_vector_base(cpu);
    cpu->common.exception_index = TCG_EXCP_NONE;
    cpu->common.halted = false;
    arm_mmu_flush_all(cpu);
    arm_tb_flags_refresh(cpu);
}

/* ---- exceptions ----------------------------------------------------- */

const char *arm_excp_name(int excp)
{
    static const char *const names[] = {
        [ARM_EXCP_RESET] = "Reset",
        [ARM_EXCP_UDEF] = "Undefined Instruction",
        [ARM_EXCP_SWI] = "SVC",
        [ARM_EXCP_PREFETCH] = "Prefetch Abort",
        [ARM_EXCP_DATA_ABORT] = "Data Abort",
        [ARM_EXCP_IRQ] = "IRQ",
        [ARM_EXCP_FIQ] = "FIQ",
        [ARM_EXCP_BKPT] = "Breakpoint",
        [ARM_EXCP_SEMIHOST] = "Semihosting call",
    };
    if (excp >= 0 && excp < (int)(sizeof(names) / sizeof(names[0])) && names[excp])
        return names[excp];
    return "unknown";
}

void arm_take_exception(arm_cpu *cpu, int excp)
{
    tcg_cpu *c = &cpu->common;
    uint32_t old_cpsr = arm_cpsr_read(cpu);
    uint32_t pc = cpu->regs[15];
    bool thumb = (old_cpsr & ARM_CPSR_T) != 0;
    uint32_t mode, lr, vec, mask = ARM_CPSR_I;

    /* QEMU's wording and numbering (its IRQ/FIQ/BKPT are one lower than
     * our vector-based numbers), so -d int logs diff against QEMU's */
    tcg_log_item(c, TCG_LOG_INT, "Taking exception %d [%s] on CPU %d\n",
                 excp >= ARM_EXCP_IRQ && excp <= ARM_EXCP_BKPT ? excp - 1 : excp,
                 arm_excp_name(excp), c->cpu_index);
    tcg_log_item(c, TCG_LOG_INT, "...from EL%d to EL1\n", (old_cpsr & ARM_CPSR_M) == ARM_MODE_USR ? 0 : 1);
    switch (excp) {
    case ARM_EXCP_RESET:
        mode = ARM_MODE_SVC; lr = pc; vec = 0x00; mask |= ARM_CPSR_F | ARM_CPSR_A;
        break;
    case ARM_EXCP_UDEF:
        mode = ARM_MODE_UND; lr = pc + (thumb ? 2 : 4); vec = 0x04;
        break;
    case ARM_EXCP_SWI:
        mode = ARM_MODE_SVC; lr = pc + (thumb ? 2 : 4); vec = 0x08;
        break;
    case ARM_EXCP_BKPT:
        /* BKPT is a prefetch abort with a debug-event status, as in QEMU */
        cpu->cp15.ifsr = ARM_FSR_DEBUG;
        /* fall through */
    case ARM_EXCP_PREFETCH:
        mode = ARM_MODE_ABT; lr = pc + 4; vec = 0x0c; mask |= ARM_CPSR_A;
        tcg_log_item(c, TCG_LOG_INT, "...with IFSR 0x%x\n", cpu->cp15.ifsr);
        break;
    case ARM_EXCP_DATA_ABORT:
        mode = ARM_MODE_ABT; lr = pc + 8; vec = 0x10; mask |= ARM_CPSR_A;
        tcg_log_item(c, TCG_LOG_INT, "...with DFSR 0x%x DFAR 0x%x\n", cpu->cp15.dfsr,
                     cpu->cp15.far);
        break;
    case ARM_EXCP_IRQ:
        mode = ARM_MODE_IRQ; lr = pc + 4; vec = 0x18; mask |= ARM_CPSR_A;
        break;
    case ARM_EXCP_FIQ:
        mode = ARM_MODE_FIQ; lr = pc + 4; vec = 0x1c; mask |= ARM_CPSR_F | ARM_CPSR_A;
        break;
    default:
        /* a host-side bug: the front end raised a number we never define */
        tcg_log_item(c, TCG_LOG_GUEST_ERROR, "arm: unknown exception %d ignored\n", excp);
        return;
    }
    if (c->trace)
        arm_trace_exc_begin(cpu, excp);
    arm_switch_mode(cpu, mode);
    cpu->spsr = old_cpsr;
    cpu->regs[14] = lr;
    cpu->cpsr_rest = (cpu->cpsr_rest & ~ARM_CPSR_T) | mask;
    arm_tb_flags_refresh(cpu);
    cpu->regs[15] = arm_vector_base(cpu) + vec;
    if (c->trace)
        arm_trace_exc_end(cpu, excp);
}

void arm_do_interrupt(tcg_cpu *c)
{
    arm_cpu *cpu = arm_env(c);
    int excp = c->exception_index;

    if (excp == ARM_EXCP_SEMIHOST) {
        /* raised through arm_helper_raise: regs[15] is the SWI itself */
        bool thumb = (cpu->cpsr_rest & ARM_CPSR_T) != 0;
        tcg_log_item(c, TCG_LOG_INT, "Taking exception %d [%s] r0=0x%x\n", excp,
                     arm_excp_name(excp), cpu->regs[0]);
        cpu->regs[15] += thumb ? 2 : 4;
        if (arm_semihost_call(cpu))
            c->stop_request = true;
        return;
    }
    arm_take_exception(cpu, excp);
}

bool arm_exec_interrupt(tcg_cpu *c, uint32_t interrupt_request)
{
    arm_cpu *cpu = arm_env(c);
    int excp;

    /* FIQ has priority over IRQ (ARM ARM v5, A2.6.8) */
    if ((interrupt_request & TCG_INTERRUPT_FIQ) && !(cpu->cpsr_rest & ARM_CPSR_F))
        excp = ARM_EXCP_FIQ;
    else if ((interrupt_request & TCG_INTERRUPT_HARD) && !(cpu->cpsr_rest & ARM_CPSR_I))
        excp = ARM_EXCP_IRQ;
    else
        return false;
    c->exception_index = excp;
    arm_take_exception(cpu, excp);
    c->exception_index = TCG_EXCP_NONE;
    return true;
}

/* ---- other tcg hooks ------------------------------------------------ */

void arm_get_tb_state(tcg_cpu *c, uint32_t *pc, uint32_t *flags)
{
    arm_cpu *cpu = arm_env(c);
    *pc = cpu->regs[15];
    /* also refreshes the cache: the state may have been written directly
     * since the last run (gdb, tests, the platform) */
    *flags = cpu->tb_flags = arm_tb_flags(cpu);
}

void arm_restore_state(tcg_cpu *c, const tcg_insn_data *insn)
{
    arm_env(c)->regs[15] = insn->pc;
}

void arm_dump_state(tcg_cpu *c, FILE *f)
{
    static const char *const mode_names[16] = {
        "usr", "fiq", "irq", "svc", "???", "???", "mon", "abt",
        "???", "???", "hyp", "und", "???", "???", "???", "sys",
    };
    arm_cpu *cpu = arm_env(c);
    uint32_t psr = arm_cpsr_read(cpu);

    for (int i = 0; i < 16; i++)
        fprintf(f, "R%02d=%08x%c", i, cpu->regs[i], (i % 4) == 3 ? '\n' : ' ');
    fprintf(f, "PSR=%08x %c%c%c%c %c %s%d\n", psr,
            (psr & ARM_CPSR_N) ? 'N' : '-', (psr & ARM_CPSR_Z) ? 'Z' : '-',
            (psr & ARM_CPSR_C) ? 'C' : '-', (psr & ARM_CPSR_V) ? 'V' : '-',
            (psr & ARM_CPSR_T) ? 'T' : 'A', mode_names[psr & 0xf], (psr & 0x10) ? 32 : 26);
}

const tcg_target_ops arm_target_ops = {
    .name = "arm",
    .get_tb_state = arm_get_tb_state,
    .jit_pc_offset = offsetof(arm_cpu, regs[15]),
    .jit_flags_offset = offsetof(arm_cpu, tb_flags),
    .translate = arm_translate,
    .tlb_fill = arm_tlb_fill,
    .exec_interrupt = arm_exec_interrupt,
    .do_interrupt = arm_do_interrupt,
    .tb_drop = arm_trace_tb_drop,
    .restore_state = arm_restore_state,
    .disas = arm_disas,
    .dump_state = arm_dump_state,
    .mmu_index = arm_mmu_index,
    .bus_fault = arm_bus_fault,
};
