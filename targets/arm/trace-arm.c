/*
 * ARM instruction tracing: the runtime helpers that report trace events
 * (traces/trace-events.h) and plugin callbacks (traces/plugin-host.h),
 * and the generators the front end calls in traced TBs.
 *
 * How each event is produced:
 *   - trace_insn: a helper call right after insn_start (before the
 *     condition test and any effect).  Its constant arguments (encoding,
 *     condition, Thumb bit, branch kind, written-register mask) are
 *     patched into the call once the instruction is translated, since
 *     only then is it known which registers its IR writes.  The helper
 *     evaluates the condition from the flags (executed = false when it
 *     fails), numbers the instruction and gets the time from
 *     tcg_cpu_insn_cycles().
 *   - trace_reg: the written-register mask is found statically from the
 *     instruction's IR (outputs that are register/flag globals, CPSR
 *     stores, helpers that write registers).  The values are read when
 *     the NEXT event of the CPU is reported (next instruction, exception
 *     entry, end of run): by then the instruction has completed and the
 *     globals are in CPU state, and nothing else ran in between.  A data
 *     abort cancels the pending writes (the faulting instruction wrote
 *     nothing: LDM and writeback forms load before they write).
 *   - trace_mem: a helper call after every qemu_ld/qemu_st of a traced
 *     instruction, with the address, the data and the size; the physical
 *     address comes from the TLB entry the access just used.
 *   - trace_exc: arm_take_exception calls the begin/end hooks; the entry's
 *     own writes (lr of the new mode, CPSR) follow the E event.
 * Plugins: the TB is translated once to learn its instructions, the
 * plugins instrument it, and it is translated again with the callbacks
 * they asked for.  The instrumentation hangs off tb->trace_data; it is
 * freed when the TB is invalidated (tb_drop) or, after a TB-cache flush,
 * at the next translation (the flushed TB may still be running when the
 * flush is requested).
 *
 * All state is in struct arm_trace (cpu->common.trace).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "targets/arm/internals.h"
#include "targets/arm/trace-arm.h"
#include "targets/arm/translate.h"

#define ARM_TRACE_DIS_CACHE 1024u          /* disassembly cache entries   */
#define ARM_TRACE_MAX_INSNS 1024u          /* per TB, for the plugin pass */

/* written-register mask bits (besides r0..r14 in bits 0..14) */
#define ARM_TRACE_CPSR      (1u << 16)
#define ARM_TRACE_USR_SHIFT 17             /* User-bank r8..r14 (LDM ^)   */

/* meta argument of the insn helper */
#define ARM_TRACE_M_COND(m)   ((m) & 0xfu)
#define ARM_TRACE_M_THUMB     (1u << 4)
#define ARM_TRACE_M_BRANCH(m) (((m) >> 5) & 3u)
#define ARM_TRACE_M_ISA_SHIFT 5

/* info argument of the mem helper */
#define ARM_TRACE_I_STORE  (1u << 2)
#define ARM_TRACE_I_HUB    (1u << 8)
#define ARM_TRACE_I_PLUGIN (1u << 9)

typedef struct arm_trace_ref arm_trace_ref;
struct arm_trace_ref {              /* a TB's plugin instrumentation */
    trace_plugin_tb_instr *instr;
    uint64_t flush_gen;              /* stat_tb_flushes when made     */
    tcg_tb *tb;
    arm_trace_ref *prev, *next;
};

typedef struct arm_trace_dis {
    uint32_t pc, opcode;
    bool thumb, valid;
    char text[72];
} arm_trace_dis;

typedef struct arm_trace {
    arm_cpu *cpu;
    trace_hub *hub;
    trace_plugin_host *plugins;
    uint32_t want;                   /* hub->want                      */
    arm_trace_time_fn time_fn;
    void *time_opaque;
    uint64_t count;                  /* instructions reported          */

    /* register writes of the last instruction, reported lazily */
    uint32_t pend_mask;
    uint32_t pend_mode;
    trace_time pend_time;

    /* helper ids */
    uint32_t h_insn, h_mem, h_plugin_tb, h_plugin_insn;

    /* plugin instrumentation owned by TBs */
    arm_trace_ref *refs;
    uint64_t refs_gen;               /* flush generation refs were checked at */
    trace_insn scratch[ARM_TRACE_MAX_INSNS];
    uint32_t n_scratch;
    bool collecting;                 /* first pass of a plugin translation */

    csh cs_arm, cs_thumb;
    bool cs_ok;
    arm_trace_dis dis[ARM_TRACE_DIS_CACHE];
} arm_trace;

static arm_trace *arm_trace_of(const arm_cpu *cpu)
{
    return (arm_trace *)cpu->common.trace;
}

/* ---- small helpers -------------------------------------------------------- */

static const char *arm_trace_mode_name(uint32_t mode)
{
    /* Tarmac mode tokens; "_s": ARMv5 has no Non-secure state */
    switch (mode) {
    case ARM_MODE_USR: return "usr_s";
    case ARM_MODE_FIQ: return "fiq_s";
    case ARM_MODE_IRQ: return "irq_s";
    case ARM_MODE_SVC: return "svc_s";
    case ARM_MODE_ABT: return "abt_s";
    case ARM_MODE_UND: return "und_s";
    case ARM_MODE_SYS: return "sys_s";
    default: return "unknown";
    }
}

static trace_time arm_trace_now(const arm_trace *t)
{
    trace_time tm;
    tm.cycles = t->cpu->common.in_exec ? tcg_cpu_insn_cycles(&t->cpu->common) : t->cpu->common.cycles;
    tm.ps = t->time_fn ? t->time_fn(t->time_opaque, tm.cycles) : 0;
    return tm;
}

/* Register r as mode `mode` sees it, whatever the current mode is. */
static uint32_t arm_trace_reg_in_mode(const arm_cpu *cpu, unsigned r, uint32_t mode)
{
    uint32_t cur = cpu->cpsr_rest & ARM_CPSR_M;
    if (r < 8 || arm_mode_bank(cur) == arm_mode_bank(mode))
        return cpu->regs[r];
    if (r < 13) {
        bool fiq = mode == ARM_MODE_FIQ, cur_fiq = cur == ARM_MODE_FIQ;
        if (fiq == cur_fiq)
            return cpu->regs[r];
        return fiq ? cpu->fiq_regs[r - 8] : cpu->usr_regs[r - 8];
    }
    int b = arm_mode_bank(mode);
    if (b < 0)
        return 0;
    return r == 13 ? cpu->banked_r13[b] : cpu->banked_r14[b];
}

static bool arm_trace_cond_passed(const arm_cpu *cpu, unsigned cond)
{
    bool z = cpu->ZF == 0, c = cpu->CF != 0;
    bool n = (int32_t)cpu->NF < 0, v = (int32_t)cpu->VF < 0;
    bool r;
    switch (cond >> 1) {
    case 0: r = z; break;                 /* EQ / NE */
    case 1: r = c; break;                 /* CS / CC */
    case 2: r = n; break;                 /* MI / PL */
    case 3: r = v; break;                 /* VS / VC */
    case 4: r = c && !z; break;           /* HI / LS */
    case 5: r = n == v; break;            /* GE / LT */
    case 6: r = !z && n == v; break;      /* GT / LE */
    default: return true;                 /* AL, unconditional space */
    }
    return (cond & 1) ? !r : r;
}

static void arm_trace_emit_reg(arm_trace *t, unsigned regno, const char *name, uint32_t value)
{
    trace_reg e = {
        .time = t->pend_time,
        .cpu = (uint16_t)t->cpu->common.cpu_index,
        .regno = (uint16_t)regno,
        .width = 32,
        .name = name,
        .value = value,
    };
    trace_hub_reg(t->hub, &e);
}

static void arm_trace_flush_pending(arm_trace *t)
{
    uint32_t m = t->pend_mask;
    if (!m)
        return;
    t->pend_mask = 0;
    const arm_cpu *cpu = t->cpu;
    const char *mode = arm_trace_mode_name(t->pend_mode);
    char name[16];
    for (unsigned r = 0; r < 15; r++) {
        if (m & (1u << r)) {
            trace_arm_reg_name(r, mode, name, sizeof name);
            arm_trace_emit_reg(t, r, name, arm_trace_reg_in_mode(cpu, r, t->pend_mode));
        }
    }
    for (unsigned r = 8; r < 15; r++) {
        if (m & (1u << (ARM_TRACE_USR_SHIFT + r - 8))) {
            trace_arm_reg_name(r, "usr", name, sizeof name);
            arm_trace_emit_reg(t, r, name, arm_trace_reg_in_mode(cpu, r, ARM_MODE_USR));
        }
    }
    if (m & ARM_TRACE_CPSR)
        arm_trace_emit_reg(t, 16, "cpsr", arm_cpsr_read(cpu));
}

/* ---- disassembly (lazy, cached) ------------------------------------------- */

static void arm_trace_disas(void *opaque, const trace_insn *e, char *buf, size_t len)
{
    arm_trace *t = opaque;
    bool thumb = e->isa == TRACE_ISA_THUMB;
    uint32_t pc = (uint32_t)e->pc;
    arm_trace_dis *d = &t->dis[((pc >> 1) ^ (e->opcode * 0x9e3779b1u >> 22)) & (ARM_TRACE_DIS_CACHE - 1)];
    if (!d->valid || d->pc != pc || d->opcode != e->opcode || d->thumb != thumb) {
        uint8_t code[4] = { (uint8_t)e->opcode, (uint8_t)(e->opcode >> 8),
                            (uint8_t)(e->opcode >> 16), (uint8_t)(e->opcode >> 24) };
        cs_insn *ci = NULL;
        size_t n = t->cs_ok ? cs_disasm(thumb ? t->cs_thumb : t->cs_arm, code, thumb ? 2 : 4, pc, 1, &ci) : 0;
        if (n == 1)
            snprintf(d->text, sizeof d->text, "%.31s%s%.38s", ci->mnemonic, ci->op_str[0] ? " " : "",
                     ci->op_str);
        else
            snprintf(d->text, sizeof d->text, "%s", thumb && (e->opcode & 0xf000) == 0xf000 ? "bl (prefix)"
                                                                                     : "<undefined>");
        if (ci)
            cs_free(ci, n);
        d->pc = pc;
        d->opcode = e->opcode;
        d->thumb = thumb;
        d->valid = true;
    }
    snprintf(buf, len, "%s", d->text);
}

/* ---- runtime helpers ------------------------------------------------------ */

static uint64_t arm_trace_phys_pc(const tcg_cpu *c, uint32_t pc)
{
    const tcg_tb *tb = c->cur_tb;
    if (!tb)
        return pc;
    if ((pc & TCG_PAGE_MASK) == (tb->pc & TCG_PAGE_MASK))
        return tb->phys_pc + (pc - tb->pc);
    return tb->page[1] | (pc & ~TCG_PAGE_MASK);
}

static uint32_t arm_trace_helper_insn(void *env, uint32_t opcode, uint32_t meta, uint32_t mask, uint32_t a3)
{
    arm_cpu *cpu = env;
    arm_trace *t = arm_trace_of(cpu);
    const tcg_insn_data *in = cpu->common.cur_insn;
    (void)a3;
    arm_trace_flush_pending(t);
    uint32_t pc = in ? in->pc : cpu->regs[15];
    uint32_t mode = cpu->cpsr_rest & ARM_CPSR_M;
    bool thumb = (meta & ARM_TRACE_M_THUMB) != 0;
    trace_insn e = {
        .time = arm_trace_now(t),
        .count = ++t->count,
        .pc = pc,
        .phys_pc = arm_trace_phys_pc(&cpu->common, pc),
        .opcode = opcode,
        .size = thumb ? 2 : 4,
        .isa = thumb ? TRACE_ISA_THUMB : TRACE_ISA_ARM,
        .branch = (uint8_t)ARM_TRACE_M_BRANCH(meta),
        .executed = arm_trace_cond_passed(cpu, ARM_TRACE_M_COND(meta)),
        .cpu = (uint16_t)cpu->common.cpu_index,
        .mode = arm_trace_mode_name(mode),
        .disas = arm_trace_disas,
        .disas_opaque = t,
    };
    trace_hub_insn(t->hub, &e);
    if (e.executed && (t->want & TRACE_WANT_REG)) {
        t->pend_mask = mask;
        t->pend_mode = mode;
        t->pend_time = e.time;
    }
    return 0;
}

static uint32_t arm_trace_insn_index(const tcg_cpu *c)
{
    return c->cur_tb && c->cur_insn ? (uint32_t)(c->cur_insn - c->cur_tb->insns) : 0;
}

static uint32_t arm_trace_helper_mem(void *env, uint32_t vaddr, uint32_t value, uint32_t info, uint32_t a3)
{
    arm_cpu *cpu = env;
    tcg_cpu *c = &cpu->common;
    arm_trace *t = arm_trace_of(cpu);
    (void)a3;
    unsigned size = 1u << (info & TCG_MO_SIZE);
    bool store = (info & ARM_TRACE_I_STORE) != 0;
    if (size < 4)
        value &= (1u << (8 * size)) - 1u;
    if (info & ARM_TRACE_I_HUB) {
        int mmu = (int)((info >> TCG_MO_IDX_SHIFT) & (TCG_NB_MMU_MODES - 1));
        unsigned idx = (vaddr >> TCG_PAGE_BITS) & (TCG_TLB_SIZE - 1u);
        const tcg_tlb_entry *te = &c->tlb[mmu][idx];
        uint32_t tag = store ? te->addr_write : te->addr_read;
        uint64_t paddr = vaddr;
        if (!(tag & TCG_TLB_INVALID) && (tag & TCG_PAGE_MASK) == (vaddr & TCG_PAGE_MASK))
            paddr = c->tlb_full[mmu][idx].phys_page | (vaddr & ~TCG_PAGE_MASK);
        trace_mem e = {
            .time = arm_trace_now(t),
            .cpu = (uint16_t)c->cpu_index,
            .is_write = store,
            .size = (uint8_t)size,
            .vaddr = vaddr,
            .paddr = paddr,
            .value = value,
            .pc = c->cur_insn ? c->cur_insn->pc : cpu->regs[15],
        };
        trace_hub_mem(t->hub, &e);
    }
    if ((info & ARM_TRACE_I_PLUGIN) && c->cur_tb && c->cur_tb->trace_data) {
        const arm_trace_ref *ref = c->cur_tb->trace_data;
        trace_plugin_mem(ref->instr, arm_trace_insn_index(c), (unsigned)c->cpu_index, vaddr, size,
                         store, value);
    }
    return 0;
}

static uint32_t arm_trace_helper_plugin_tb(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    tcg_cpu *c = env;
    if (c->cur_tb && c->cur_tb->trace_data)
        trace_plugin_tb_exec(((const arm_trace_ref *)c->cur_tb->trace_data)->instr, (unsigned)c->cpu_index);
    return 0;
}

static uint32_t arm_trace_helper_plugin_insn(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    tcg_cpu *c = env;
    if (c->cur_tb && c->cur_tb->trace_data)
        trace_plugin_insn_exec(((const arm_trace_ref *)c->cur_tb->trace_data)->instr,
                               arm_trace_insn_index(c), (unsigned)c->cpu_index);
    return 0;
}

/* ---- plugin instrumentation ownership -------------------------------------- */

static void arm_trace_ref_free(arm_trace *t, arm_trace_ref *r)
{
    if (r->prev)
        r->prev->next = r->next;
    else
        t->refs = r->next;
    if (r->next)
        r->next->prev = r->prev;
    trace_plugin_tb_instr_free(r->instr);
    free(r);
}

/* Free what belongs to TBs of an earlier cache generation (flushed). */
static void arm_trace_reap(arm_trace *t)
{
    uint64_t gen = t->cpu->common.stat_tb_flushes;
    if (gen == t->refs_gen)
        return;
    t->refs_gen = gen;
    for (arm_trace_ref *r = t->refs, *nx; r; r = nx) {
        nx = r->next;
        if (r->flush_gen != gen)
            arm_trace_ref_free(t, r);
    }
}

void arm_trace_tb_drop(tcg_cpu *c, tcg_tb *tb)
{
    arm_trace *t = c->trace;
    arm_trace_ref *r = tb->trace_data;
    tb->trace_data = NULL;
    if (t && r && r->tb == tb)
        arm_trace_ref_free(t, r);
}

/* ---- translation ------------------------------------------------------------ */

static uint8_t arm_trace_branch_kind(uint32_t insn, bool thumb)
{
    if (thumb) {
        insn &= 0xffffu;
        if ((insn & 0xf800) == 0xf800 || (insn & 0xf800) == 0xe800 || (insn & 0xff87) == 0x4780)
            return TRACE_BRANCH_CALL;                 /* BL / BLX suffix, BLX Rm */
        if (insn == 0x4770 || (insn & 0xff00) == 0xbd00 || insn == 0x46f7)
            return TRACE_BRANCH_RETURN;               /* BX lr, POP {..pc}, MOV pc,lr */
        return TRACE_BRANCH_NONE;
    }
    if ((insn >> 28) == 0xf)
        return (insn & 0xfe000000u) == 0xfa000000u ? TRACE_BRANCH_CALL : TRACE_BRANCH_NONE;
    if ((insn & 0x0f000000u) == 0x0b000000u || (insn & 0x0ffffff0u) == 0x012fff30u)
        return TRACE_BRANCH_CALL;                     /* BL, BLX Rm */
    if ((insn & 0x0fffffffu) == 0x012fff1eu ||                                 /* BX lr */
        (insn & 0x0e108000u) == 0x08108000u ||                                 /* LDM with pc */
        ((insn & 0x0c50f000u) == 0x0410f000u && ((insn >> 16) & 0xf) == 13) || /* LDR pc,[sp].. */
        (insn & 0x0fefffffu) == 0x01a0f00eu ||                                 /* MOV(S) pc, lr */
        (insn & 0x0ffff000u) == 0x025ef000u)                                   /* SUBS pc, lr, #n */
        return TRACE_BRANCH_RETURN;
    return TRACE_BRANCH_NONE;
}

static unsigned arm_trace_cond(uint32_t insn, bool thumb)
{
    if (thumb) {
        unsigned c = (insn >> 8) & 0xf;
        return (insn & 0xf000) == 0xd000 && c < 0xe ? c : 0xe;
    }
    return insn >> 28 >= 0xe ? 0xe : insn >> 28;
}

/* Registers the IR of ops [first, n_ops) writes (see the mask bits). */
static uint32_t arm_trace_written(const arm_dc *dc, uint32_t first)
{
    const tcg_ctx *s = dc->s;
    const arm_tr_tables *tr = dc->tr;
    uint32_t m = 0;
    for (uint32_t i = first; i < s->n_ops; i++) {
        const tcg_op *op = &s->ops[i];
        const tcg_op_def *def = &tcg_op_defs[op->opc];
        for (unsigned k = 0; k < def->n_out; k++) {
            tcg_val v = op->args[k];
            if (v == TCG_VAL_NONE || v >= s->n_globals)
                continue;
            for (unsigned r = 0; r < 15; r++)
                if (v == tr->regs[r])
                    m |= 1u << r;
            if (v == tr->NF || v == tr->ZF || v == tr->CF || v == tr->VF || v == tr->QF)
                m |= ARM_TRACE_CPSR;
        }
        if (op->opc == TCG_OP_st_env && op->args[1] == offsetof(arm_cpu, cpsr_rest))
            m |= ARM_TRACE_CPSR;
        if (op->opc != TCG_OP_call)
            continue;
        uint32_t h = op->args[5];
        tcg_val a0 = op->args[1];
        if (h == tr->helper[ARM_H_CPSR_WRITE] || h == tr->helper[ARM_H_EXCEPTION_RETURN] ||
            h == tr->helper[ARM_H_QADD] || h == tr->helper[ARM_H_QSUB] ||
            h == tr->helper[ARM_H_QDADD] || h == tr->helper[ARM_H_QDSUB] ||
            h == tr->helper[ARM_H_ADD_SETQ])
            m |= ARM_TRACE_CPSR;
        else if (h == tr->helper[ARM_H_SEMIHOST])
            m |= 1u;                                  /* r0 = the call's result */
        else if (h == tr->helper[ARM_H_RAISE] && tcg_val_is_const(s, a0) &&
                 s->vals[a0].value == ARM_EXCP_SEMIHOST)
            m |= 1u;
        else if (h == tr->helper[ARM_H_SET_USER_REG] && tcg_val_is_const(s, a0)) {
            uint32_t r = s->vals[a0].value;
            if (r >= 8 && r < 15)
                m |= 1u << (ARM_TRACE_USR_SHIFT + r - 8);
        }
    }
    return m;
}

void arm_trace_tb_begin(arm_dc *dc, uint32_t *max_insns, bool plugins)
{
    arm_trace *t = arm_trace_of(dc->cpu);
    if (!t)
        return;
    dc->trace = t;
    dc->trace_op = ~0u;
    if (!plugins) {              /* first pass of a plugin translation */
        t->collecting = true;
        t->n_scratch = 0;
        return;
    }
    t->collecting = false;
    if (!t->plugins || !trace_plugin_host_active(t->plugins))
        return;
    arm_trace_reap(t);
    tcg_tb *tb = dc->tb;
    if (tb->trace_data)          /* retranslated (IR overflow): start over */
        arm_trace_tb_drop(&dc->cpu->common, tb);
    /* Pass 1: which instructions does this TB hold? */
    uint32_t max = *max_insns < ARM_TRACE_MAX_INSNS ? *max_insns : ARM_TRACE_MAX_INSNS;
    arm_translate_tb(&dc->cpu->common, dc->s, tb, max, false);
    t->collecting = false;
    uint32_t n = t->n_scratch;
    bool overflow = dc->s->overflow;
    tcg_ctx_reset(dc->s);
    tb->size = tb->icount = tb->cycles = 0;
    if (overflow || n == 0)
        return;                  /* the caller retries smaller; no plugin pass */
    trace_plugin_tb_instr *instr = trace_plugin_tb_translate(t->plugins, tb->pc, t->scratch, n);
    *max_insns = n;
    if (!instr)
        return;
    arm_trace_ref *r = calloc(1, sizeof *r);
    if (!r) {
        trace_plugin_tb_instr_free(instr);
        return;
    }
    r->instr = instr;
    r->flush_gen = dc->cpu->common.stat_tb_flushes;
    r->tb = tb;
    r->next = t->refs;
    if (t->refs)
        t->refs->prev = r;
    t->refs = r;
    tb->trace_data = r;
    dc->plugin = r->instr;
    /* TB entry callbacks run right after the first insn_start (the loop
     * emits them through arm_trace_insn_begin of instruction 0) */
}

void arm_trace_insn_begin(arm_dc *dc, uint32_t insn_idx)
{
    arm_trace *t = dc->trace;
    tcg_ctx *s = dc->s;
    dc->trace_first_op = s->n_ops;
    dc->trace_op = ~0u;
    dc->trace_mem = false;
    dc->trace_mem_plugin = false;
    if (t->collecting)
        return;
    const trace_plugin_tb_instr *pi = dc->plugin;
    if (pi && insn_idx == 0 && pi->tb_exec.n)
        tcg_gen_call(s, t->h_plugin_tb, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE,
                     TCG_VAL_NONE);
    if (pi && insn_idx < pi->n_insns && pi->insn_exec[insn_idx].n)
        tcg_gen_call(s, t->h_plugin_insn, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE,
                     TCG_VAL_NONE);
    if (t->want & (TRACE_WANT_INSN | TRACE_WANT_REG)) {
        uint32_t at = s->n_ops;
        tcg_gen_call(s, t->h_insn, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
        if (!s->overflow)
            dc->trace_op = at;
    }
    dc->trace_mem = (t->want & TRACE_WANT_MEM) != 0;
    dc->trace_mem_plugin = pi && insn_idx < pi->n_insns && pi->mem[insn_idx].n;
}

void arm_trace_insn_end(arm_dc *dc, uint32_t pc, uint32_t insn)
{
    arm_trace *t = dc->trace;
    tcg_ctx *s = dc->s;
    uint8_t branch = arm_trace_branch_kind(insn, dc->thumb);
    if (t->collecting) {
        if (t->n_scratch < ARM_TRACE_MAX_INSNS) {
            t->scratch[t->n_scratch++] = (trace_insn){
                .pc = pc,
                .phys_pc = dc->tb->phys_pc + (pc - dc->tb->pc),
                .opcode = insn,
                .size = dc->thumb ? 2 : 4,
                .isa = dc->thumb ? TRACE_ISA_THUMB : TRACE_ISA_ARM,
                .branch = branch,
                .executed = true,
                .cpu = (uint16_t)dc->cpu->common.cpu_index,
                .disas = arm_trace_disas,
                .disas_opaque = t,
            };
        }
        return;
    }
    if (dc->trace_op == ~0u || s->overflow)
        return;
    uint32_t meta = arm_trace_cond(insn, dc->thumb) | (dc->thumb ? ARM_TRACE_M_THUMB : 0u) |
                    (uint32_t)branch << ARM_TRACE_M_ISA_SHIFT;
    uint32_t mask = (t->want & TRACE_WANT_REG) ? arm_trace_written(dc, dc->trace_first_op) : 0;
    tcg_val a_op = tcg_const(s, insn), a_meta = tcg_const(s, meta), a_mask = tcg_const(s, mask);
    if (s->overflow)
        return;
    tcg_op *op = &s->ops[dc->trace_op];
    op->args[1] = a_op;
    op->args[2] = a_meta;
    op->args[3] = a_mask;
}

void arm_trace_gen_mem(arm_dc *dc, tcg_val addr, tcg_val val, uint32_t memop, bool is_store)
{
    arm_trace *t = dc->trace;
    uint32_t info = (memop & ~(uint32_t)TCG_MO_SIGN) | (is_store ? ARM_TRACE_I_STORE : 0u) |
                    (dc->trace_mem ? ARM_TRACE_I_HUB : 0u) |
                    (dc->trace_mem_plugin ? ARM_TRACE_I_PLUGIN : 0u);
    tcg_gen_call(dc->s, t->h_mem, TCG_VAL_NONE, addr, val, arm_const(dc, info), TCG_VAL_NONE);
}

/* ---- exceptions ---------------------------------------------------------------- */

void arm_trace_exc_begin(arm_cpu *cpu, int excp)
{
    arm_trace *t = arm_trace_of(cpu);
    if (!t)
        return;
    if (excp == ARM_EXCP_DATA_ABORT)
        t->pend_mask = 0;        /* the aborted instruction wrote nothing */
    else
        arm_trace_flush_pending(t);
}

static const char *arm_trace_exc_name(int excp)
{
    /* Tarmac's CoreEvent_ names */
    switch (excp) {
    case ARM_EXCP_RESET: return "RESET";
    case ARM_EXCP_UDEF: return "UNDEF";
    case ARM_EXCP_SWI: return "SVC";
    case ARM_EXCP_PREFETCH: return "PREFETCH_ABORT";
    case ARM_EXCP_BKPT: return "BKPT";
    case ARM_EXCP_DATA_ABORT: return "DATA_ABORT";
    case ARM_EXCP_IRQ: return "IRQ";
    case ARM_EXCP_FIQ: return "FIQ";
    default: return "EXCEPTION";
    }
}

void arm_trace_exc_end(arm_cpu *cpu, int excp)
{
    arm_trace *t = arm_trace_of(cpu);
    if (!t)
        return;
    uint32_t lr = cpu->regs[14], back;
    switch (excp) {
    case ARM_EXCP_IRQ: case ARM_EXCP_FIQ: case ARM_EXCP_PREFETCH: case ARM_EXCP_BKPT: back = 4; break;
    case ARM_EXCP_DATA_ABORT: back = 8; break;
    default: back = 0; break;
    }
    trace_exc e = {
        .time = arm_trace_now(t),
        .cpu = (uint16_t)cpu->common.cpu_index,
        .number = (uint32_t)excp,
        .name = arm_trace_exc_name(excp),
        .return_addr = lr - back,
        .handler = cpu->regs[15],
    };
    if (t->want & TRACE_WANT_EXC)
        trace_hub_exc(t->hub, &e);
    if (t->want & TRACE_WANT_REG) {
        /* the entry wrote lr of the new mode and the CPSR */
        uint32_t mode = cpu->cpsr_rest & ARM_CPSR_M;
        t->pend_time = e.time;
        t->pend_mode = mode;
        t->pend_mask = (1u << 14) | ARM_TRACE_CPSR;
        arm_trace_flush_pending(t);
    }
    if (t->plugins)
        trace_plugin_exception(t->plugins, (unsigned)cpu->common.cpu_index, &e);
}

/* ---- attach / detach ------------------------------------------------------------ */

bool arm_trace_attach(arm_cpu *cpu, trace_hub *hub, trace_plugin_host *plugins,
                      arm_trace_time_fn time_fn, void *time_opaque)
{
    tcg_cpu *c = &cpu->common;
    if (c->trace || (!hub && !plugins))
        return false;
    arm_trace *t = calloc(1, sizeof *t);
    if (!t)
        return false;
    t->cpu = cpu;
    t->hub = hub;
    t->plugins = plugins;
    t->want = hub ? hub->want : 0;
    t->time_fn = time_fn;
    t->time_opaque = time_opaque;
    t->refs_gen = c->stat_tb_flushes;
    tcg_ctx *s = c->ctx;
    /* insn reads the flags and (for the pending writes) the registers */
    t->h_insn = tcg_helper_register(s, arm_trace_helper_insn, "trace_insn", TCG_CALL_NO_WG);
    t->h_mem = tcg_helper_register(s, arm_trace_helper_mem, "trace_mem", TCG_CALL_NO_RWG);
    t->h_plugin_tb = tcg_helper_register(s, arm_trace_helper_plugin_tb, "plugin_tb", TCG_CALL_NO_RWG);
    t->h_plugin_insn = tcg_helper_register(s, arm_trace_helper_plugin_insn, "plugin_insn", TCG_CALL_NO_RWG);
    if (s->overflow) {
        free(t);
        return false;
    }
    t->cs_ok = cs_open(CS_ARCH_ARM, CS_MODE_ARM, &t->cs_arm) == CS_ERR_OK;
    if (t->cs_ok && cs_open(CS_ARCH_ARM, CS_MODE_THUMB, &t->cs_thumb) != CS_ERR_OK) {
        cs_close(&t->cs_arm);
        t->cs_ok = false;
    }
    c->trace = t;
    arm_tb_flags_refresh(cpu);
    tcg_tb_flush(c);             /* TBs made before are untraced */
    return true;
}

void arm_trace_flush(arm_cpu *cpu)
{
    arm_trace *t = arm_trace_of(cpu);
    if (t)
        arm_trace_flush_pending(t);
}

uint64_t arm_trace_count(const arm_cpu *cpu)
{
    const arm_trace *t = arm_trace_of(cpu);
    return t ? t->count : 0;
}

void arm_trace_detach(arm_cpu *cpu)
{
    arm_trace *t = arm_trace_of(cpu);
    if (!t)
        return;
    tcg_cpu *c = &cpu->common;
    if (c->tbs)
        tcg_tb_flush(c);
    while (t->refs)
        arm_trace_ref_free(t, t->refs);
    if (t->cs_ok) {
        cs_close(&t->cs_arm);
        cs_close(&t->cs_thumb);
    }
    c->trace = NULL;
    arm_tb_flags_refresh(cpu);
    free(t);
}
