/*
 * SH7750 (SH-4) CPU model: creation and reset, SR/FPSCR with register
 * banks, exception and interrupt entry, and the tcg_target_ops table.
 *
 * Reset (SH7750 hardware manual, table 5.x "register states after
 * reset"): PC = 0xa0000000, SR = MD | RB | BL | IMASK 15 (0x700000f0),
 * VBR = 0, FPSCR = 0x00040001 (DN = 1, RM = round to zero), EXPEVT = 0,
 * MMUCR = 0 (MMU off), general registers undefined (zero here).
 *
 * Exception entry (manual 5.5): SPC = PC of the instruction that caused
 * it (the delayed branch for a fault in its slot; the next instruction
 * for TRAPA and interrupts), SSR = SR, SGR = R15, EXPEVT (or INTEVT) =
 * code, SR.MD = SR.RB = SR.BL = 1, PC = VBR + 0x100 (general), + 0x400
 * (TLB miss), + 0x600 (interrupt).  An exception while SR.BL = 1 is a
 * manual reset (EXPEVT 0x020, PC 0xa0000000); a TLB multiple hit
 * (EXPEVT 0x140) is a reset too, keeping TEA and PTEH.
 *
 * Interrupts: the interrupt controller drives TCG_INTERRUPT_HARD while an
 * enabled source is pending.  To learn which one, the CPU reads the
 * controller's acknowledge word at intc_ack_addr (a model-private
 * register: level << 16 | INTEVT code; see peripherals/sh7750_intc.c).
 * The interrupt is taken when SR.BL = 0, no delay slot is pending and the
 * level is above SR.IMASK.  With intc_ack_addr = 0 (tests without an
 * INTC) the request is taken as level 15, INTEVT 0x200 (IRL 15).
 * While a pending interrupt stays masked, the acknowledge word is read at
 * every TB boundary (one MMIO read each): cheap next to a TB, and it keeps
 * the CPU free of any copy of the INTC's state.
 *
 * NMI: the INTC's second output drives TCG_INTERRUPT_NMI from the active
 * NMI edge until the CPU accepts it.  It is taken at level 16 (whatever
 * SR.IMASK says, which it leaves alone) with INTEVT 0x1c0 through VBR +
 * 0x600; while SR.BL = 1 it waits, unless ICR.NMIB = 1 (bit 25 of the
 * acknowledge word) or it ends a SLEEP.  On acceptance the CPU writes
 * 0x1c0 to the acknowledge word, which clears the INTC's latch; without
 * an INTC (intc_ack_addr = 0) it clears the request line itself.
 */
#include <stdio.h>
#include <string.h>

#include "targets/sh4/internals.h"

static const char *const sh4_model_names[] = {
    "sh7750", "sh7750r", "sh7751", "sh4", "renesas,sh7750", "renesas,sh7750r", "renesas,sh4",
};

bool sh4_model_known(const char *model)
{
    for (unsigned i = 0; i < sizeof(sh4_model_names) / sizeof(sh4_model_names[0]); i++)
        if (model && strcmp(model, sh4_model_names[i]) == 0)
            return true;
    return false;
}

bool sh4_cpu_init(sh4_cpu *cpu, const char *model, const char *backend)
{
    if (!sh4_model_known(model))
        return false;
    memset(cpu, 0, sizeof(*cpu));
    cpu->model = "sh7750";
    cpu->intc_ack_addr = SH4_INTC_ACK_DEFAULT;
    if (!tcg_cpu_init(&cpu->common, &sh4_target_ops, backend))
        return false;
    if (!sh4_translate_init(cpu)) {
        tcg_cpu_destroy(&cpu->common);
        return false;
    }
    sh4_cpu_reset(cpu);
    return true;
}

void sh4_cpu_destroy(sh4_cpu *cpu)
{
    sh4_translate_free(cpu);
    tcg_cpu_destroy(&cpu->common);
}

void sh4_cpu_attach_bus(sh4_cpu *cpu, tcg_bus bus)
{
    cpu->outer_bus = bus;
    cpu->common.bus.ops = &sh4_internal_bus_ops;
    cpu->common.bus.opaque = cpu;
    tcg_tlb_flush(&cpu->common);
}

void sh4_cpu_reset(sh4_cpu *cpu)
{
    memset(cpu->regs, 0, sizeof(cpu->regs));
    memset(cpu->bank, 0, sizeof(cpu->bank));
    memset(cpu->fregs, 0, sizeof(cpu->fregs));
    cpu->sr = SH4_SR_MD | SH4_SR_RB | SH4_SR_BL | SH4_SR_IMASK;
    cpu->sr_t = cpu->sr_q = cpu->sr_m = 0;
    cpu->gbr = cpu->vbr = cpu->ssr = cpu->spc = cpu->sgr = cpu->dbr = 0;
    cpu->mach = cpu->macl = cpu->pr = 0;
    cpu->fpscr = 0x00040001u;
    cpu->fpul = 0;
    cpu->ds_flags = 0;
    cpu->asleep = false;
    cpu->delayed_pc = cpu->delayed_cond = 0;
    cpu->tra = cpu->expevt = cpu->intevt = 0;
    cpu->ccr = 0;
    cpu->qacr[0] = cpu->qacr[1] = 0;
    memset(cpu->sq, 0, sizeof(cpu->sq));
    sh4_mmu_reset(cpu);
    cpu->pc = 0xa0000000u;
    cpu->common.exception_index = TCG_EXCP_NONE;
    cpu->common.halted = false;
}

/* ---- SR / FPSCR ------------------------------------------------------ */

uint32_t sh4_sr_read(const sh4_cpu *cpu)
{
    return cpu->sr | (cpu->sr_t ? SH4_SR_T : 0) | (cpu->sr_q ? SH4_SR_Q : 0) |
           (cpu->sr_m ? SH4_SR_M : 0);
}

static bool sh4_bank1(uint32_t sr)
{
    return (sr & (SH4_SR_MD | SH4_SR_RB)) == (SH4_SR_MD | SH4_SR_RB);
}

void sh4_sr_write(sh4_cpu *cpu, uint32_t v)
{
    v &= SH4_SR_MASK;
    if (sh4_bank1(v) != sh4_bank1(cpu->sr)) {
        for (unsigned i = 0; i < 8; i++) {
            uint32_t t = cpu->regs[i];
            cpu->regs[i] = cpu->bank[i];
            cpu->bank[i] = t;
        }
    }
    cpu->sr = v & ~(SH4_SR_T | SH4_SR_Q | SH4_SR_M);
    cpu->sr_t = (v & SH4_SR_T) != 0;
    cpu->sr_q = (v & SH4_SR_Q) != 0;
    cpu->sr_m = (v & SH4_SR_M) != 0;
}

void sh4_fpscr_write(sh4_cpu *cpu, uint32_t v)
{
    v &= SH4_FPSCR_MASK;
    if ((v ^ cpu->fpscr) & SH4_FPSCR_FR) {
        for (unsigned i = 0; i < 16; i++) {
            uint32_t t = cpu->fregs[i];
            cpu->fregs[i] = cpu->fregs[16 + i];
            cpu->fregs[16 + i] = t;
        }
    }
    cpu->fpscr = v;
}

uint32_t sh4_tb_flags(const sh4_cpu *cpu)
{
    uint32_t f = 0;
    if (cpu->sr & SH4_SR_MD)
        f |= SH4_TBFLAG_MD;
    if (cpu->sr & SH4_SR_FD)
        f |= SH4_TBFLAG_FD;
    if (cpu->fpscr & SH4_FPSCR_PR)
        f |= SH4_TBFLAG_PR;
    if (cpu->fpscr & SH4_FPSCR_SZ)
        f |= SH4_TBFLAG_SZ;
    if (cpu->ds_flags & SH4_DS_PENDING)
        f |= SH4_TBFLAG_DS;
    if (cpu->ds_flags & SH4_DS_COND)
        f |= SH4_TBFLAG_DSC;
    if (cpu->ds_flags & SH4_DS_RTE)
        f |= SH4_TBFLAG_RTE;
    return f;
}

/* ---- exceptions -------------------------------------------------------- */

/* Exception entry costs cycles of its own (the faulting instruction is
 * not charged): a guest that faults in a loop still lets time advance. */
#define SH4_EXCP_ENTRY_CYCLES 5

const char *sh4_excp_name(int code)
{
    switch (code & 0xffff) {
    case SH4_EXCP_TLB_MISS_R: return "TLB miss/invalid (read)";
    case SH4_EXCP_TLB_MISS_W: return "TLB miss/invalid (write)";
    case SH4_EXCP_INITIAL_WRITE: return "initial page write";
    case SH4_EXCP_TLB_PROT_R: return "TLB protection violation (read)";
    case SH4_EXCP_TLB_PROT_W: return "TLB protection violation (write)";
    case SH4_EXCP_ADDR_ERR_R: return "address error (read)";
    case SH4_EXCP_ADDR_ERR_W: return "address error (write)";
    case SH4_EXCP_FPU: return "FPU exception";
    case SH4_EXCP_TLB_MULTI: return "TLB multiple hit";
    case SH4_EXCP_TRAPA: return "trapa";
    case SH4_EXCP_ILLEGAL: return "illegal instruction";
    case SH4_EXCP_SLOT_ILLEGAL: return "slot illegal instruction";
    case SH4_EXCP_FPU_DISABLE: return "FPU disable";
    case SH4_EXCP_SLOT_FPU_DISABLE: return "slot FPU disable";
    default: return "unknown";
    }
}

void sh4_take_reset(sh4_cpu *cpu, uint32_t code)
{
    tcg_log_item(&cpu->common, TCG_LOG_INT, "sh4: reset (EXPEVT 0x%03x)\n", code);
    cpu->common.cycles += SH4_EXCP_ENTRY_CYCLES;
    sh4_sr_write(cpu, SH4_SR_MD | SH4_SR_RB | SH4_SR_BL | SH4_SR_IMASK |
                      (cpu->sr & SH4_SR_FD));
    cpu->expevt = code;
    cpu->vbr = 0;
    cpu->ds_flags = 0;
    sh4_mmu_reset(cpu);
    cpu->pc = 0xa0000000u;
}

static void sh4_enter(sh4_cpu *cpu, uint32_t vec)
{
    cpu->common.cycles += SH4_EXCP_ENTRY_CYCLES;
    cpu->ssr = sh4_sr_read(cpu);
    cpu->spc = cpu->pc;
    cpu->sgr = cpu->regs[15];
    sh4_sr_write(cpu, cpu->ssr | SH4_SR_MD | SH4_SR_RB | SH4_SR_BL);
    cpu->ds_flags = 0;
    cpu->pc = cpu->vbr + vec;
}

void sh4_take_exception(sh4_cpu *cpu, int excp)
{
    tcg_cpu *c = &cpu->common;
    uint32_t code = (uint32_t)excp & 0xfff;
    tcg_log_item(c, TCG_LOG_INT, "sh4: exception 0x%03x [%s] at pc 0x%08x\n", code,
                 sh4_excp_name(excp), cpu->pc);
    if (code == SH4_EXCP_TLB_MULTI) {
        /* a reset-type exception (manual 5.6.1): TEA and PTEH.VPN keep
         * the address that hit twice, the rest as a manual reset */
        uint32_t tea = cpu->tea, pteh = cpu->pteh;
        sh4_take_reset(cpu, SH4_EXCP_TLB_MULTI);
        cpu->tea = tea;
        cpu->pteh = pteh;
        return;
    }
    if (cpu->sr & SH4_SR_BL) {
        tcg_log_item(c, TCG_LOG_GUEST_ERROR,
                     "sh4: exception 0x%03x with SR.BL set at 0x%08x: manual reset\n", code,
                     cpu->pc);
        sh4_take_reset(cpu, 0x020);
        return;
    }
    cpu->expevt = code;
    sh4_enter(cpu, (excp & SH4_EXCP_VEC400) ? 0x400 : 0x100);
}

static void sh4_do_interrupt(tcg_cpu *c)
{
    sh4_take_exception(sh4_env(c), c->exception_index);
}

/* Ask the INTC which interrupt is pending: level and INTEVT code. */
/* The INTC's acknowledge word (level, INTEVT code, NMIB), read over the
 * bus; false when nothing answers there. */
static bool sh4_intc_ack_word(sh4_cpu *cpu, uint64_t *v)
{
    const tcg_bus *b = &cpu->outer_bus;
    uint64_t stall = 0;
    *v = 0;
    return b->ops && b->ops->access(b->opaque, cpu->intc_ack_addr, 4, false, v, cpu->common.cycles, &stall) ==
                         TCG_BUS_OK;
}

static bool sh4_intc_ack(sh4_cpu *cpu, uint32_t *level, uint32_t *code)
{
    if (!cpu->intc_ack_addr) {
        *level = 15;
        *code = 0x200;
        return true;
    }
    uint64_t v;
    if (!sh4_intc_ack_word(cpu, &v))
        return false;
    *level = ((uint32_t)v >> 16) & 15;
    *code = (uint32_t)v & 0xfff;
    return *level != 0;
}

/* May a pending NMI be taken now?  With SR.BL = 0 always; with BL = 1
 * only when ICR.NMIB says so (the INTC tells it in its acknowledge word)
 * or when it wakes the CPU from SLEEP (manual 19.2.1). */
static bool sh4_nmi_ok(sh4_cpu *cpu, bool woke)
{
    if (!(cpu->sr & SH4_SR_BL) || woke)
        return true;
    uint64_t v;
    return cpu->intc_ack_addr && sh4_intc_ack_word(cpu, &v) && (v & SH4_INTC_ACK_NMIB);
}

/* The NMI is being taken: the INTC's request latch clears when the CPU
 * writes the code to the acknowledge word; without an INTC the request
 * line is the CPU's own edge latch. */
static void sh4_nmi_accepted(sh4_cpu *cpu)
{
    if (!cpu->intc_ack_addr) {
        tcg_cpu_set_interrupt(&cpu->common, TCG_INTERRUPT_NMI, false);
        return;
    }
    const tcg_bus *b = &cpu->outer_bus;
    uint64_t v = SH4_EXCP_NMI, stall = 0;
    if (b->ops)
        (void)b->ops->access(b->opaque, cpu->intc_ack_addr, 4, true, &v, cpu->common.cycles, &stall);
}

void sh4_cpu_leave_sleep(sh4_cpu *cpu)
{
    cpu->common.halted = false;
    cpu->asleep = false;
}

static bool sh4_exec_interrupt(tcg_cpu *c, uint32_t req)
{
    sh4_cpu *cpu = sh4_env(c);
    uint32_t level, code;
    bool woke = cpu->asleep;
    cpu->asleep = false;
    if (cpu->ds_flags)
        return false;
    if ((req & TCG_INTERRUPT_NMI) && sh4_nmi_ok(cpu, woke)) {
        /* level 16: above any SR.IMASK */
        tcg_log_item(c, TCG_LOG_INT, "sh4: NMI (INTEVT 0x1c0) at pc 0x%08x\n", cpu->pc);
        sh4_nmi_accepted(cpu);
        cpu->intevt = SH4_EXCP_NMI;
        sh4_enter(cpu, 0x600);
        return true;
    }
    if (cpu->sr & SH4_SR_BL)
        return false;
    if (!(req & TCG_INTERRUPT_HARD) || !sh4_intc_ack(cpu, &level, &code))
        return false;
    if (level <= ((cpu->sr & SH4_SR_IMASK) >> 4))
        return false;
    tcg_log_item(c, TCG_LOG_INT, "sh4: interrupt INTEVT 0x%03x level %u at pc 0x%08x\n", code,
                 level, cpu->pc);
    cpu->intevt = code;
    sh4_enter(cpu, 0x600);
    return true;
}

/* Does a pending request end SLEEP?  Only an interrupt the CPU accepts
 * (manual 9.5.2, 19.6): an NMI, or a source above SR.IMASK (with SR.BL = 1
 * too: the CPU wakes, and takes it once BL is cleared).  A request at or
 * below IMASK stays pending and the CPU sleeps on -- Linux halts with
 * interrupts masked and SLEEP in a loop. */
static bool sh4_has_work(tcg_cpu *c, uint32_t req)
{
    sh4_cpu *cpu = sh4_env(c);
    uint32_t level, code;
    if (req & TCG_INTERRUPT_NMI)
        return true;
    if (!(req & TCG_INTERRUPT_HARD) || !sh4_intc_ack(cpu, &level, &code))
        return false;
    return level > ((cpu->sr & SH4_SR_IMASK) >> 4);
}

/* ---- other hooks ---------------------------------------------------------- */

static void sh4_get_tb_state(tcg_cpu *c, uint32_t *pc, uint32_t *flags)
{
    sh4_cpu *cpu = sh4_env(c);
    *pc = cpu->pc;
    *flags = sh4_tb_flags(cpu);
}

static void sh4_restore_state(tcg_cpu *c, const tcg_insn_data *insn)
{
    sh4_cpu *cpu = sh4_env(c);
    cpu->pc = insn->pc;
    if (insn->data & SH4_INSN_SLOT) {
        /* SPC of a fault in a delay slot is the branch (manual 5.5.1) */
        cpu->pc -= 2;
        cpu->ds_flags = 0;
    }
}

static unsigned sh4_disas(tcg_cpu *c, uint32_t pc, uint32_t flags, char *buf, size_t len)
{
    uint8_t b[2] = { 0, 0 };
    if (tcg_cpu_debug_rw(c, pc, b, 2, false) != 2) {
        snprintf(buf, len, "????       <unreadable>");
        return 2;
    }
    return sh4_disas_insn(pc, (uint16_t)(b[0] | b[1] << 8), flags, buf, len);
}

static void sh4_dump_state(tcg_cpu *c, FILE *f)
{
    sh4_cpu *cpu = sh4_env(c);
    fprintf(f, "pc=0x%08x sr=0x%08x pr=0x%08x fpscr=0x%08x\n", cpu->pc, sh4_sr_read(cpu),
            cpu->pr, cpu->fpscr);
    fprintf(f, "spc=0x%08x ssr=0x%08x gbr=0x%08x vbr=0x%08x\n", cpu->spc, cpu->ssr, cpu->gbr,
            cpu->vbr);
    fprintf(f, "sgr=0x%08x dbr=0x%08x delayed_pc=0x%08x fpul=0x%08x\n", cpu->sgr, cpu->dbr,
            cpu->delayed_pc, cpu->fpul);
    for (int i = 0; i < 16; i++)
        fprintf(f, "r%d=0x%08x%c", i, cpu->regs[i], (i % 4) == 3 ? '\n' : ' ');
    for (int i = 0; i < 8; i++)
        fprintf(f, "r%d_bank=0x%08x%c", i, cpu->bank[i], (i % 4) == 3 ? '\n' : ' ');
}

const tcg_target_ops sh4_target_ops = {
    .name = "sh4",
    .get_tb_state = sh4_get_tb_state,
    .translate = sh4_translate,
    .tlb_fill = sh4_tlb_fill,
    .exec_interrupt = sh4_exec_interrupt,
    .has_work = sh4_has_work,
    .do_interrupt = sh4_do_interrupt,
    .restore_state = sh4_restore_state,
    .disas = sh4_disas,
    .dump_state = sh4_dump_state,
    .mmu_index = sh4_mmu_index,
    .bus_fault = sh4_bus_fault,
};
