/*
 * SH-4 front end infrastructure: IR globals and helper registration, the
 * TB loop, delay slots, memory access generators with alignment checks,
 * and TB exits.  The instruction table and its handlers are in
 * translate-int.c (integer and system) and translate-fpu.c (FPU).
 *
 * TB rules: a TB covers instructions of one 1 KiB TCG page; it ends after
 * any branch, any write to SR/FPSCR/MMU state, and any exception.  A
 * delayed branch and its slot are translated together (the slot gets its
 * own insn_start with SH4_INSN_SLOT, so a fault in the slot restores the
 * branch's address into SPC, as the manual requires).  When the slot is on
 * another page, or after RTE (the slot runs with the restored SR), the
 * branch parks its target in delayed_pc/delayed_cond with ds_flags set and
 * the next TB (SH4_TBFLAG_DS) starts with the slot.
 *
 * Spec: SH-4 Software Manual (REJ09B0318) and SH7750 Hardware Manual
 * (REJ09B0366), sections 2 (registers), 5 (exceptions), 9/10 (ISA).
 */
#include <stddef.h>
#include <stdlib.h>

#include "targets/sh4/internals.h"
#include "targets/sh4/translate.h"
#include "tcg/debug.h"

typedef struct sh4_helper_def {
    tcg_helper_fn fn;
    const char *name;
    uint32_t flags;
} sh4_helper_def;

static const sh4_helper_def sh4_helper_defs[SH4_H_COUNT] = {
    [SH4_H_RAISE]       = { sh4_helper_raise, "raise", TCG_CALL_NO_WG },
    [SH4_H_ADDR_ERR]    = { sh4_helper_addr_err, "addr_err", TCG_CALL_NO_WG },
    [SH4_H_TRAPA]       = { sh4_helper_trapa, "trapa", TCG_CALL_NO_WG },
    [SH4_H_SLEEP]       = { sh4_helper_sleep, "sleep", 0 },
    [SH4_H_SR_WRITE]    = { sh4_helper_sr_write, "sr_write", 0 },
    [SH4_H_SR_READ]     = { sh4_helper_sr_read, "sr_read", TCG_CALL_NO_WG },
    [SH4_H_FPSCR_WRITE] = { sh4_helper_fpscr_write, "fpscr_write", 0 },
    [SH4_H_DIV1]        = { sh4_helper_div1, "div1", 0 },
    [SH4_H_MACL]        = { sh4_helper_macl, "mac_l", 0 },
    [SH4_H_MACW]        = { sh4_helper_macw, "mac_w", 0 },
    [SH4_H_LDTLB]       = { sh4_helper_ldtlb, "ldtlb", TCG_CALL_NO_WG },
    [SH4_H_PREF]        = { sh4_helper_pref, "pref", TCG_CALL_NO_WG },
    [SH4_H_RTE]         = { sh4_helper_rte, "rte", 0 },
    [SH4_H_FADD]        = { sh4_helper_fadd, "fadd", 0 },
    [SH4_H_FSUB]        = { sh4_helper_fsub, "fsub", 0 },
    [SH4_H_FMUL]        = { sh4_helper_fmul, "fmul", 0 },
    [SH4_H_FDIV]        = { sh4_helper_fdiv, "fdiv", 0 },
    [SH4_H_FCMP_EQ]     = { sh4_helper_fcmp_eq, "fcmp_eq", 0 },
    [SH4_H_FCMP_GT]     = { sh4_helper_fcmp_gt, "fcmp_gt", 0 },
    [SH4_H_FMAC]        = { sh4_helper_fmac, "fmac", 0 },
    [SH4_H_FSQRT]       = { sh4_helper_fsqrt, "fsqrt", 0 },
    [SH4_H_FLOAT]       = { sh4_helper_float, "float", 0 },
    [SH4_H_FTRC]        = { sh4_helper_ftrc, "ftrc", 0 },
    [SH4_H_FCNVSD]      = { sh4_helper_fcnvsd, "fcnvsd", 0 },
    [SH4_H_FCNVDS]      = { sh4_helper_fcnvds, "fcnvds", 0 },
    [SH4_H_FIPR]        = { sh4_helper_fipr, "fipr", 0 },
    [SH4_H_FTRV]        = { sh4_helper_ftrv, "ftrv", 0 },
    [SH4_H_FSCA]        = { sh4_helper_fsca, "fsca", 0 },
    [SH4_H_FSRRA]       = { sh4_helper_fsrra, "fsrra", 0 },
    [SH4_H_FRCHG]       = { sh4_helper_frchg, "frchg", 0 },
};

static const char *const sh4_reg_names[16] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

bool sh4_translate_init(sh4_cpu *cpu)
{
    tcg_ctx *s = cpu->common.ctx;
    if (!s)
        return false;
    sh4_tr_tables *tr = calloc(1, sizeof(*tr));
    if (!tr)
        return false;
    for (unsigned i = 0; i < 16; i++)
        tr->regs[i] = tcg_global(s, offsetof(sh4_cpu, regs) + 4 * i, sh4_reg_names[i]);
    tr->t = tcg_global(s, offsetof(sh4_cpu, sr_t), "T");
    tr->q = tcg_global(s, offsetof(sh4_cpu, sr_q), "Q");
    tr->m = tcg_global(s, offsetof(sh4_cpu, sr_m), "M");
    tr->gbr = tcg_global(s, offsetof(sh4_cpu, gbr), "gbr");
    tr->mach = tcg_global(s, offsetof(sh4_cpu, mach), "mach");
    tr->macl = tcg_global(s, offsetof(sh4_cpu, macl), "macl");
    tr->pr = tcg_global(s, offsetof(sh4_cpu, pr), "pr");
    tr->pc = tcg_global(s, offsetof(sh4_cpu, pc), "pc");
    tr->fpul = tcg_global(s, offsetof(sh4_cpu, fpul), "fpul");
    bool ok = tr->fpul != TCG_VAL_NONE;
    for (unsigned i = 0; i < 16; i++)
        ok = ok && tr->regs[i] != TCG_VAL_NONE;
    for (unsigned i = 0; i < SH4_H_COUNT; i++)
        tr->helper[i] = tcg_helper_register(s, sh4_helper_defs[i].fn, sh4_helper_defs[i].name,
                                            sh4_helper_defs[i].flags);
    if (!ok || s->overflow) {
        free(tr);
        return false;
    }
    cpu->tr = tr;
    return true;
}

void sh4_translate_free(sh4_cpu *cpu)
{
    free(cpu->tr);
    cpu->tr = NULL;
}

const sh4_pattern *sh4_decode(uint16_t insn)
{
    for (unsigned i = 0; i < sh4_npatterns; i++)
        if ((insn & sh4_patterns[i].mask) == sh4_patterns[i].match)
            return &sh4_patterns[i];
    return NULL;
}

/* ---- generators ---------------------------------------------------------- */

tcg_val sh4_gen_helper(sh4_dc *dc, sh4_helper_id h, bool has_ret, tcg_val a0, tcg_val a1,
                       tcg_val a2, tcg_val a3)
{
    tcg_val r = has_ret ? sh4_tmp(dc) : TCG_VAL_NONE;
    tcg_gen_call(dc->s, dc->tr->helper[h], r, a0, a1, a2, a3);
    return r;
}

void sh4_gen_exception(sh4_dc *dc, int excp)
{
    /* raise restores pc (and the slot's branch address) from insn_start */
    sh4_gen_helper(dc, SH4_H_RAISE, false, sh4_const(dc, (uint32_t)excp), TCG_VAL_NONE,
                   TCG_VAL_NONE, TCG_VAL_NONE);
    if (!dc->in_slot) {
        tcg_gen_exit_tb(dc->s);
        dc->end_tb = true;
    }
}

void sh4_gen_check_align(sh4_dc *dc, tcg_val addr, uint32_t mask, bool is_write)
{
    if (mask == 0)
        return;
    if (tcg_val_is_const(dc->s, addr) && !(dc->s->vals[addr].value & mask))
        return;
    tcg_ctx *s = dc->s;
    tcg_val t = sh4_tmp(dc);
    uint32_t ok = tcg_label(s);
    tcg_gen_andi(s, t, addr, mask);
    tcg_gen_brcondi(s, TCG_COND_EQ, t, 0, ok);
    sh4_gen_helper(dc, SH4_H_ADDR_ERR, false, addr, sh4_const(dc, is_write), TCG_VAL_NONE,
                   TCG_VAL_NONE);
    tcg_gen_set_label(s, ok);
}

tcg_val sh4_gen_ld(sh4_dc *dc, tcg_val addr, uint32_t size_sign)
{
    tcg_val d = sh4_tmp(dc);
    sh4_gen_check_align(dc, addr, (1u << (size_sign & TCG_MO_SIZE)) - 1, false);
    tcg_gen_qemu_ld(dc->s, d, addr, TCG_MEMOP(size_sign, dc->mmu_idx));
    return d;
}

void sh4_gen_st(sh4_dc *dc, tcg_val val, tcg_val addr, uint32_t size)
{
    sh4_gen_check_align(dc, addr, (1u << size) - 1, true);
    tcg_gen_qemu_st(dc->s, val, addr, TCG_MEMOP(size, dc->mmu_idx));
}

tcg_val sh4_gen_freg_load(sh4_dc *dc, unsigned idx)
{
    tcg_val d = sh4_tmp(dc);
    tcg_gen_ld_env(dc->s, d, offsetof(sh4_cpu, fregs) + 4 * (idx & 31));
    return d;
}

void sh4_gen_freg_store(sh4_dc *dc, unsigned idx, tcg_val v)
{
    tcg_gen_st_env(dc->s, v, offsetof(sh4_cpu, fregs) + 4 * (idx & 31));
}

/* Leave through slot to a known pc: chain only within the TB's page. */
static void sh4_gen_goto(sh4_dc *dc, unsigned slot, uint32_t dest, bool chain)
{
    tcg_gen_movi(dc->s, dc->tr->pc, dest);
    if (chain && (dest & TCG_PAGE_MASK) == (dc->tb->pc & TCG_PAGE_MASK))
        tcg_gen_goto_tb(dc->s, slot);
    else
        tcg_gen_exit_tb(dc->s);
}

void sh4_gen_update_exit(sh4_dc *dc)
{
    if (dc->in_slot) {
        /* the branch after the slot leaves through exit_tb */
        dc->slot_exit = true;
        return;
    }
    tcg_gen_movi(dc->s, dc->tr->pc, dc->pc + 2);
    tcg_gen_exit_tb(dc->s);
    dc->end_tb = true;
}

/* Translate the instruction at dc->pc (fetched already into insn). */
static void sh4_translate_one(sh4_dc *dc, uint16_t insn)
{
    tcg_gen_insn_start(dc->s, dc->pc, dc->cycles, dc->in_slot ? SH4_INSN_SLOT : 0);
    if (dc->pc > dc->last_pc)
        dc->last_pc = dc->pc;
    tcg_debug_gen_bp_check(&dc->cpu->common, dc->s, dc->pc, 2);   /* gdb breakpoint here? */
    dc->insn = insn;
    dc->n_insns++;
    const sh4_pattern *p = sh4_decode(insn);
    if (!p) {
        dc->cycles += 1;
        sh4_gen_exception(dc, dc->in_slot ? SH4_EXCP_SLOT_ILLEGAL : SH4_EXCP_ILLEGAL);
        return;
    }
    dc->cycles += p->cycles;
    if (dc->in_slot && (p->flags & SH4_P_SLOT_ILLEGAL)) {
        sh4_gen_exception(dc, SH4_EXCP_SLOT_ILLEGAL);
        return;
    }
    if ((p->flags & SH4_P_PRIV) && !(dc->flags & SH4_TBFLAG_MD)) {
        sh4_gen_exception(dc, dc->in_slot ? SH4_EXCP_SLOT_ILLEGAL : SH4_EXCP_ILLEGAL);
        return;
    }
    if ((p->flags & SH4_P_FPU) && (dc->flags & SH4_TBFLAG_FD)) {
        sh4_gen_exception(dc, dc->in_slot ? SH4_EXCP_SLOT_FPU_DISABLE : SH4_EXCP_FPU_DISABLE);
        return;
    }
    if (!p->fn(dc, insn))
        sh4_gen_exception(dc, dc->in_slot ? SH4_EXCP_SLOT_ILLEGAL : SH4_EXCP_ILLEGAL);
}

/* Emit the exit of a delayed branch whose slot has been translated. */
static void sh4_gen_branch_exit(sh4_dc *dc, tcg_val target, tcg_val cond, uint32_t fall)
{
    tcg_ctx *s = dc->s;
    bool chain = !dc->slot_exit;
    if (cond != TCG_VAL_NONE) {
        uint32_t not_taken = tcg_label(s);
        tcg_gen_brcondi(s, TCG_COND_EQ, cond, 0, not_taken);
        if (tcg_val_is_const(s, target)) {
            sh4_gen_goto(dc, 0, s->vals[target].value, chain);
        } else {
            tcg_gen_mov(s, dc->tr->pc, target);
            tcg_gen_exit_tb(s);
        }
        tcg_gen_set_label(s, not_taken);
        sh4_gen_goto(dc, 1, fall, chain);
    } else if (tcg_val_is_const(s, target)) {
        sh4_gen_goto(dc, 0, s->vals[target].value, chain);
    } else {
        tcg_gen_mov(s, dc->tr->pc, target);
        tcg_gen_exit_tb(s);
    }
    dc->end_tb = true;
}

void sh4_gen_delayed_branch(sh4_dc *dc, tcg_val target, tcg_val cond)
{
    tcg_ctx *s = dc->s;
    uint32_t slot_pc = dc->pc + 2;

    /* the slot may overwrite the registers the target and condition came
     * from: keep private copies */
    if (!tcg_val_is_const(s, target)) {
        tcg_val t = sh4_tmp(dc);
        tcg_gen_mov(s, t, target);
        target = t;
    }
    if (cond != TCG_VAL_NONE) {
        tcg_val c = sh4_tmp(dc);
        tcg_gen_mov(s, c, cond);
        cond = c;
    }
    if ((slot_pc & TCG_PAGE_MASK) != (dc->tb->pc & TCG_PAGE_MASK)) {
        /* the slot is on another page: run it in the next TB */
        tcg_gen_st_env(s, target, offsetof(sh4_cpu, delayed_pc));
        uint32_t f = SH4_DS_PENDING;
        if (cond != TCG_VAL_NONE) {
            tcg_gen_st_env(s, cond, offsetof(sh4_cpu, delayed_cond));
            f |= SH4_DS_COND;
        }
        tcg_gen_st_env(s, sh4_const(dc, f), offsetof(sh4_cpu, ds_flags));
        tcg_gen_movi(s, dc->tr->pc, slot_pc);
        tcg_gen_exit_tb(s);
        dc->end_tb = true;
        return;
    }
    uint32_t branch_pc = dc->pc;
    dc->pc = slot_pc;
    dc->in_slot = true;
    dc->slot_exit = false;
    uint16_t insn = (uint16_t)tcg_code_ld16(&dc->cpu->common, slot_pc, dc->mmu_idx);
    sh4_translate_one(dc, insn);
    dc->in_slot = false;
    sh4_gen_branch_exit(dc, target, cond, slot_pc + 2);
    dc->pc = branch_pc;   /* the TB loop advances past branch and slot */
}

void sh4_gen_cond_branch(sh4_dc *dc, bool if_true, uint32_t dest)
{
    tcg_ctx *s = dc->s;
    uint32_t not_taken = tcg_label(s);
    tcg_gen_brcondi(s, if_true ? TCG_COND_EQ : TCG_COND_NE, dc->tr->t, 0, not_taken);
    sh4_gen_goto(dc, 0, dest, true);
    tcg_gen_set_label(s, not_taken);
    sh4_gen_goto(dc, 1, dc->pc + 2, true);
    dc->end_tb = true;
}

/* ---- the TB loop ------------------------------------------------------------- */

#define SH4_INSN_MAX_OPS  160
#define SH4_INSN_MAX_VALS 200

void sh4_translate(tcg_cpu *cpu, tcg_ctx *s, tcg_tb *tb, uint32_t max_insns)
{
    sh4_cpu *scpu = (sh4_cpu *)cpu;
    sh4_dc dc = {
        .cpu = scpu,
        .s = s,
        .tb = tb,
        .tr = scpu->tr,
        .flags = tb->flags,
        .mmu_idx = (tb->flags & SH4_TBFLAG_MD) ? SH4_MMU_IDX_PRIV : SH4_MMU_IDX_USER,
        .pc = tb->pc,
    };
    uint32_t page = tb->pc & TCG_PAGE_MASK;
    if (max_insns == 0)
        max_insns = 1;

    if (tb->flags & SH4_TBFLAG_DS) {
        /* a pending delay slot, then the parked branch */
        dc.in_slot = true;
        /* RTE's slot is fetched with the privilege from before the RTE */
        int fetch_idx = (tb->flags & SH4_TBFLAG_RTE) ? SH4_MMU_IDX_PRIV : dc.mmu_idx;
        uint16_t insn = (uint16_t)tcg_code_ld16(cpu, dc.pc, fetch_idx);
        sh4_translate_one(&dc, insn);
        dc.in_slot = false;
        if (!dc.end_tb) {
            tcg_val target = sh4_tmp(&dc), cond = TCG_VAL_NONE;
            tcg_gen_ld_env(s, target, offsetof(sh4_cpu, delayed_pc));
            if (tb->flags & SH4_TBFLAG_DSC) {
                cond = sh4_tmp(&dc);
                tcg_gen_ld_env(s, cond, offsetof(sh4_cpu, delayed_cond));
            }
            tcg_gen_st_env(s, sh4_const(&dc, 0), offsetof(sh4_cpu, ds_flags));
            dc.slot_exit = true;   /* the target is not known here */
            sh4_gen_branch_exit(&dc, target, cond, dc.pc + 2);
        }
        tb->size = 2;
        tb->icount = dc.n_insns;
        tb->cycles = dc.cycles;
        return;
    }

    for (;;) {
        uint16_t insn = (uint16_t)tcg_code_ld16(cpu, dc.pc, dc.mmu_idx);
        sh4_translate_one(&dc, insn);
        dc.pc += 2;
        if (dc.end_tb)
            break;
        if (dc.n_insns >= max_insns || (dc.pc & TCG_PAGE_MASK) != page || s->overflow ||
            s->n_ops + SH4_INSN_MAX_OPS * 2 > TCG_MAX_OPS ||
            s->n_vals + SH4_INSN_MAX_VALS * 2 > TCG_MAX_VALS ||
            s->n_labels + 8 > TCG_MAX_LABELS) {
            sh4_gen_goto(&dc, 1, dc.pc, true);
            break;
        }
    }
    /* a delayed branch translated its slot too: last_pc covers it */
    tb->size = dc.last_pc + 2 - tb->pc;
    tb->icount = dc.n_insns;
    tb->cycles = dc.cycles;
}
