/*
 * ARM front end infrastructure: IR globals and helper registration, the TB
 * loop, condition codes, flag generation, the barrel shifter, memory
 * access generators, block transfers and TB exits.  The ISA decoders are
 * translate-a32.c (ARM state) and translate-t16.c (Thumb state).
 *
 * Flag representation (targets/arm/cpu.h): NF bit 31 = N, Z is (ZF == 0),
 * CF is 0 or 1, VF bit 31 = V.  Every flag-setting generator computes its
 * result into a temp before touching a flag so operands that alias the
 * destination stay valid.
 *
 * TB rules: a TB covers at most max_insns instructions of one 1 KiB
 * TCG page, and ends after any write to the pc, any helper that can change
 * the mode/T bit/MMU state, and any exception.  Direct branches within the
 * TB's page(s) chain with goto_tb (slot 0 = taken/branch target, slot 1 =
 * sequential); other exits go through exit_tb so the loop re-reads the
 * CPU state (the mapping of another page may differ).
 *
 * Spec: ARM Architecture Reference Manual (ARM DDI 0100I), ARMv5TE.
 */
#include <stdlib.h>
#include <stddef.h>

#include "tcg/debug.h"
#include "targets/arm/helper.h"
#include "targets/arm/translate.h"

/* ---- registration ---------------------------------------------------- */

typedef struct arm_helper_def {
    tcg_helper_fn fn;
    const char *name;
    uint32_t flags;
} arm_helper_def;

/* Helpers that may raise must let the backend write globals back first,
 * so they are at most NO_WG; helpers that write guest registers or flags
 * have no flag at all. */
static const arm_helper_def arm_helper_defs[ARM_H_COUNT] = {
    [ARM_H_CPSR_READ]        = { arm_helper_cpsr_read, "cpsr_read", TCG_CALL_NO_WG },
    [ARM_H_CPSR_WRITE]       = { arm_helper_cpsr_write, "cpsr_write", 0 },
    [ARM_H_SPSR_READ]        = { arm_helper_spsr_read, "spsr_read", TCG_CALL_NO_WG },
    [ARM_H_SPSR_WRITE]       = { arm_helper_spsr_write, "spsr_write", TCG_CALL_NO_WG },
    [ARM_H_EXCEPTION_RETURN] = { arm_helper_exception_return, "exception_return", 0 },
    [ARM_H_RAISE]            = { arm_helper_raise, "raise", TCG_CALL_NO_WG },
    [ARM_H_GET_USER_REG]     = { arm_helper_get_user_reg, "get_user_reg", TCG_CALL_NO_WG },
    [ARM_H_SET_USER_REG]     = { arm_helper_set_user_reg, "set_user_reg", 0 },
    [ARM_H_MRC]              = { arm_helper_mrc, "mrc", TCG_CALL_NO_WG },
    [ARM_H_MCR]              = { arm_helper_mcr, "mcr", 0 },
    [ARM_H_WFI]              = { arm_helper_wfi, "wfi", 0 },
    [ARM_H_SEMIHOST]         = { arm_helper_semihost, "semihost", 0 },
    [ARM_H_CHECK_ALIGN]      = { arm_helper_check_align, "check_align", TCG_CALL_NO_WG },
    [ARM_H_QADD]             = { arm_helper_qadd, "qadd", 0 },
    [ARM_H_QSUB]             = { arm_helper_qsub, "qsub", 0 },
    [ARM_H_QDADD]            = { arm_helper_qdadd, "qdadd", 0 },
    [ARM_H_QDSUB]            = { arm_helper_qdsub, "qdsub", 0 },
    [ARM_H_ADD_SETQ]         = { arm_helper_add_setq, "add_setq", 0 },
};

static const char *const arm_reg_names[16] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
    "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
};

bool arm_translate_init(arm_cpu *cpu)
{
    tcg_ctx *s = cpu->common.ctx;
    if (!s)
        return false;
    arm_tr_tables *tr = calloc(1, sizeof(*tr));
    if (!tr)
        return false;
    for (unsigned i = 0; i < 16; i++)
        tr->regs[i] = tcg_global(s, offsetof(arm_cpu, regs) + 4 * i, arm_reg_names[i]);
    tr->NF = tcg_global(s, offsetof(arm_cpu, NF), "NF");
    tr->ZF = tcg_global(s, offsetof(arm_cpu, ZF), "ZF");
    tr->CF = tcg_global(s, offsetof(arm_cpu, CF), "CF");
    tr->VF = tcg_global(s, offsetof(arm_cpu, VF), "VF");
    tr->QF = tcg_global(s, offsetof(arm_cpu, QF), "QF");
    bool ok = tr->QF != TCG_VAL_NONE;
    for (unsigned i = 0; i < 16; i++)
        ok = ok && tr->regs[i] != TCG_VAL_NONE;
    for (unsigned i = 0; i < ARM_H_COUNT; i++)
        tr->helper[i] = tcg_helper_register(s, arm_helper_defs[i].fn, arm_helper_defs[i].name,
                                            arm_helper_defs[i].flags);
    if (!ok || s->overflow) {
        free(tr);
        return false;
    }
    cpu->tr = tr;
    return true;
}

void arm_translate_free(arm_cpu *cpu)
{
    free(cpu->tr);
    cpu->tr = NULL;
}

/* ---- decode ------------------------------------------------------------ */

bool arm_gen_swi(arm_dc *dc, bool semihosting_imm)
{
    if (dc->semihost && semihosting_imm) {
        tcg_gen_movi(dc->s, dc->tr->regs[15], dc->next_pc);
        arm_gen_helper(dc, ARM_H_SEMIHOST, false, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE,
                       TCG_VAL_NONE);
        arm_gen_exit_indirect(dc);
        return true;
    }
    arm_gen_exception(dc, ARM_EXCP_SWI);
    return true;
}

bool arm_trans_udef(arm_dc *dc, uint32_t insn)
{
    return false;
}

const arm_pattern *arm_decode(const arm_pattern *table, unsigned n, uint32_t insn)
{
    for (unsigned i = 0; i < n; i++)
        if ((insn & table[i].mask) == table[i].match)
            return &table[i];
    return NULL;
}

const arm_pattern *arm_a32_decode(uint32_t insn)
{
    if ((insn >> 28) == 0xf)
        return arm_decode(arm_a32_uncond_patterns, arm_a32_uncond_npatterns, insn);
    return arm_decode(arm_a32_patterns, arm_a32_npatterns, insn);
}

const arm_pattern *arm_t16_decode(uint32_t insn)
{
    return arm_decode(arm_t16_patterns, arm_t16_npatterns, insn & 0xffffu);
}

/* ---- registers ------------------------------------------------------- */

tcg_val arm_load_reg_pcoff(arm_dc *dc, unsigned r, uint32_t pc_off)
{
    if (r == 15)
        return arm_const(dc, dc->pc + pc_off);
    return dc->tr->regs[r];
}

tcg_val arm_load_reg(arm_dc *dc, unsigned r)
{
    return arm_load_reg_pcoff(dc, r, dc->thumb ? 4 : 8);
}

void arm_gen_exit_indirect(arm_dc *dc)
{
    tcg_gen_exit_tb(dc->s);
    dc->end_tb = true;
}

void arm_store_reg(arm_dc *dc, unsigned r, tcg_val v)
{
    if (r == 15) {
        /* ARMv5: a data-processing write to the pc does not interwork;
         * the low bits the current state cannot hold are ignored. */
        tcg_gen_andi(dc->s, dc->tr->regs[15], v, dc->thumb ? ~1u : ~3u);
        dc->extra_cycles += 2;
        arm_gen_exit_indirect(dc);
        return;
    }
    tcg_gen_mov(dc->s, dc->tr->regs[r], v);
}

void arm_gen_bx(arm_dc *dc, tcg_val v)
{
    tcg_ctx *s = dc->s;
    tcg_val t = arm_tmp(dc), c = arm_tmp(dc), mask = arm_tmp(dc), pc = arm_tmp(dc);
    tcg_gen_andi(s, t, v, 1);
    tcg_gen_movcond(s, TCG_COND_NE, mask, t, arm_const(dc, 0), arm_const(dc, ~1u),
                    arm_const(dc, ~3u));
    tcg_gen_and(s, pc, v, mask);
    /* the cached TB flags (arm_cpu.tb_flags) follow the Thumb bit */
    tcg_gen_ld_env(s, c, offsetof(arm_cpu, tb_flags));
    tcg_gen_andi(s, c, c, ~ARM_TBFLAG_THUMB);
    tcg_gen_or(s, c, c, t);
    tcg_gen_st_env(s, c, offsetof(arm_cpu, tb_flags));
    tcg_gen_ld_env(s, c, offsetof(arm_cpu, cpsr_rest));
    tcg_gen_andi(s, c, c, ~ARM_CPSR_T);
    tcg_gen_shli(s, t, t, 5);
    tcg_gen_or(s, c, c, t);
    tcg_gen_st_env(s, c, offsetof(arm_cpu, cpsr_rest));
    tcg_gen_mov(s, dc->tr->regs[15], pc);
    dc->extra_cycles += 2;
    arm_gen_exit_indirect(dc);
}

void arm_store_reg_bx(arm_dc *dc, unsigned r, tcg_val v)
{
    if (r == 15)
        arm_gen_bx(dc, v);
    else
        tcg_gen_mov(dc->s, dc->tr->regs[r], v);
}

/* ---- conditions ---------------------------------------------------------- */

void arm_gen_test_cc(arm_dc *dc, unsigned cond, uint32_t label)
{
    tcg_ctx *s = dc->s;
    const arm_tr_tables *tr = dc->tr;
    tcg_val zero = arm_const(dc, 0), t;
    switch (cond) {
    case 0x0: tcg_gen_brcond(s, TCG_COND_EQ, tr->ZF, zero, label); break;  /* EQ */
    case 0x1: tcg_gen_brcond(s, TCG_COND_NE, tr->ZF, zero, label); break;  /* NE */
    case 0x2: tcg_gen_brcond(s, TCG_COND_NE, tr->CF, zero, label); break;  /* CS */
    case 0x3: tcg_gen_brcond(s, TCG_COND_EQ, tr->CF, zero, label); break;  /* CC */
    case 0x4: tcg_gen_brcond(s, TCG_COND_LT, tr->NF, zero, label); break;  /* MI */
    case 0x5: tcg_gen_brcond(s, TCG_COND_GE, tr->NF, zero, label); break;  /* PL */
    case 0x6: tcg_gen_brcond(s, TCG_COND_LT, tr->VF, zero, label); break;  /* VS */
    case 0x7: tcg_gen_brcond(s, TCG_COND_GE, tr->VF, zero, label); break;  /* VC */
    case 0x8: case 0x9:                       /* HI: C && !Z;  LS: !C || Z */
        t = arm_tmp(dc);
        tcg_gen_neg(s, t, tr->CF);
        tcg_gen_and(s, t, t, tr->ZF);
        tcg_gen_brcond(s, cond == 0x8 ? TCG_COND_NE : TCG_COND_EQ, t, zero, label);
        break;
    case 0xa: case 0xb:                       /* GE: N == V;  LT: N != V */
        t = arm_tmp(dc);
        tcg_gen_xor(s, t, tr->NF, tr->VF);
        tcg_gen_brcond(s, cond == 0xa ? TCG_COND_GE : TCG_COND_LT, t, zero, label);
        break;
    case 0xc: case 0xd:                       /* GT: !Z && N == V;  LE */
        t = arm_tmp(dc);
        tcg_gen_xor(s, t, tr->NF, tr->VF);
        tcg_gen_sari(s, t, t, 31);            /* 0 when N == V, else ~0 */
        tcg_gen_andc(s, t, tr->ZF, t);
        tcg_gen_brcond(s, cond == 0xc ? TCG_COND_NE : TCG_COND_EQ, t, zero, label);
        break;
    default:
        tcg_gen_br(s, label);
        break;
    }
}

/* ---- flags ---------------------------------------------------------------- */

void arm_gen_logic_flags(arm_dc *dc, tcg_val res)
{
    tcg_gen_mov(dc->s, dc->tr->NF, res);
    tcg_gen_mov(dc->s, dc->tr->ZF, res);
}

/* V for r = a + b: operands of equal sign, result of the other sign. */
static void arm_gen_add_vf(arm_dc *dc, tcg_val r, tcg_val a, tcg_val b)
{
    tcg_val t1 = arm_tmp(dc), t2 = arm_tmp(dc);
    tcg_gen_xor(dc->s, t1, r, a);
    tcg_gen_xor(dc->s, t2, a, b);
    tcg_gen_andc(dc->s, dc->tr->VF, t1, t2);
}

tcg_val arm_gen_add_cc(arm_dc *dc, tcg_val a, tcg_val b)
{
    tcg_val r = arm_tmp(dc), c = arm_tmp(dc), zero = arm_const(dc, 0);
    tcg_gen_add2(dc->s, r, c, a, zero, b, zero);
    arm_gen_add_vf(dc, r, a, b);
    tcg_gen_mov(dc->s, dc->tr->CF, c);
    arm_gen_logic_flags(dc, r);
    return r;
}

tcg_val arm_gen_sub_cc(arm_dc *dc, tcg_val a, tcg_val b)
{
    tcg_ctx *s = dc->s;
    tcg_val r = arm_tmp(dc), t1 = arm_tmp(dc), t2 = arm_tmp(dc);
    tcg_gen_sub(s, r, a, b);
    tcg_gen_xor(s, t1, r, a);
    tcg_gen_xor(s, t2, a, b);
    tcg_gen_and(s, dc->tr->VF, t1, t2);
    tcg_gen_setcond(s, TCG_COND_GEU, dc->tr->CF, a, b);   /* C = NOT borrow */
    arm_gen_logic_flags(dc, r);
    return r;
}

tcg_val arm_gen_adc_cc(arm_dc *dc, tcg_val a, tcg_val b)
{
    tcg_ctx *s = dc->s;
    tcg_val t = arm_tmp(dc), c1 = arm_tmp(dc), r = arm_tmp(dc), c2 = arm_tmp(dc);
    tcg_val zero = arm_const(dc, 0);
    tcg_gen_add2(s, t, c1, a, zero, dc->tr->CF, zero);
    tcg_gen_add2(s, r, c2, t, c1, b, zero);
    arm_gen_add_vf(dc, r, a, b);
    tcg_gen_mov(s, dc->tr->CF, c2);
    arm_gen_logic_flags(dc, r);
    return r;
}

tcg_val arm_gen_sbc_cc(arm_dc *dc, tcg_val a, tcg_val b)
{
    /* a - b - NOT(C) == a + NOT(b) + C, with the same carry and overflow */
    tcg_val nb = arm_tmp(dc);
    tcg_gen_not(dc->s, nb, b);
    return arm_gen_adc_cc(dc, a, nb);
}

tcg_val arm_gen_adc(arm_dc *dc, tcg_val a, tcg_val b)
{
    tcg_val r = arm_tmp(dc);
    tcg_gen_add(dc->s, r, a, b);
    tcg_gen_add(dc->s, r, r, dc->tr->CF);
    return r;
}

tcg_val arm_gen_sbc(arm_dc *dc, tcg_val a, tcg_val b)
{
    tcg_val r = arm_tmp(dc);
    tcg_gen_sub(dc->s, r, a, b);
    tcg_gen_add(dc->s, r, r, dc->tr->CF);
    tcg_gen_subi(dc->s, r, r, 1);
    return r;
}

/* ---- barrel shifter ------------------------------------------------------ */

/* CF = bit n of v */
static void arm_gen_carry_bit(arm_dc *dc, tcg_val v, unsigned n)
{
    tcg_val t = arm_tmp(dc);
    tcg_gen_shri(dc->s, t, v, n);
    tcg_gen_andi(dc->s, dc->tr->CF, t, 1);
}

tcg_val arm_gen_shift_imm(arm_dc *dc, tcg_val v, unsigned type, unsigned n, bool set_carry)
{
    tcg_ctx *s = dc->s;
    tcg_val r = arm_tmp(dc);
    switch (type & 3) {
    case 0:                                    /* LSL #0 is the identity */
        if (n == 0)
            return v;
        if (set_carry)
            arm_gen_carry_bit(dc, v, 32 - n);
        tcg_gen_shli(s, r, v, n);
        return r;
    case 1:                                    /* LSR #0 encodes LSR #32 */
        if (set_carry)
            arm_gen_carry_bit(dc, v, n == 0 ? 31 : n - 1);
        if (n == 0)
            return arm_const(dc, 0);
        tcg_gen_shri(s, r, v, n);
        return r;
    case 2:                                    /* ASR #0 encodes ASR #32 */
        if (set_carry)
            arm_gen_carry_bit(dc, v, n == 0 ? 31 : n - 1);
        tcg_gen_sari(s, r, v, n == 0 ? 31 : n);
        return r;
    default:
        if (n == 0) {                          /* RRX */
            tcg_val c = arm_tmp(dc);
            tcg_gen_shli(s, c, dc->tr->CF, 31);
            tcg_gen_shri(s, r, v, 1);
            tcg_gen_or(s, r, r, c);
            if (set_carry)
                tcg_gen_andi(s, dc->tr->CF, v, 1);
            return r;
        }
        tcg_gen_rotri(s, r, v, n);
        if (set_carry)
            tcg_gen_shri(s, dc->tr->CF, r, 31);
        return r;
    }
}

tcg_val arm_gen_shift_reg(arm_dc *dc, tcg_val v, unsigned type, tcg_val rs, bool set_carry)
{
    tcg_ctx *s = dc->s;
    tcg_val amt = arm_tmp(dc), r = arm_tmp(dc), t = arm_tmp(dc), c = arm_tmp(dc);
    tcg_val zero = arm_const(dc, 0), k32 = arm_const(dc, 32);
    tcg_gen_andi(s, amt, rs, 0xff);
    switch (type & 3) {
    case 0:                                    /* LSL: >= 32 gives 0 */
        tcg_gen_shl(s, t, v, amt);
        tcg_gen_movcond(s, TCG_COND_LTU, r, amt, k32, t, zero);
        if (set_carry) {                       /* 1..32: bit 32-n; > 32: 0 */
            tcg_val n = arm_tmp(dc);
            tcg_gen_sub(s, n, k32, amt);
            tcg_gen_shr(s, c, v, n);
            tcg_gen_andi(s, c, c, 1);
            tcg_gen_movcond(s, TCG_COND_LEU, c, amt, k32, c, zero);
        }
        break;
    case 1:                                    /* LSR: >= 32 gives 0 */
        tcg_gen_shr(s, t, v, amt);
        tcg_gen_movcond(s, TCG_COND_LTU, r, amt, k32, t, zero);
        if (set_carry) {                       /* 1..32: bit n-1; > 32: 0 */
            tcg_val n = arm_tmp(dc);
            tcg_gen_subi(s, n, amt, 1);
            tcg_gen_shr(s, c, v, n);
            tcg_gen_andi(s, c, c, 1);
            tcg_gen_movcond(s, TCG_COND_LEU, c, amt, k32, c, zero);
        }
        break;
    case 2: {                                  /* ASR: >= 32 behaves as 31 */
        tcg_val n = arm_tmp(dc);
        tcg_gen_movcond(s, TCG_COND_LTU, n, amt, k32, amt, arm_const(dc, 31));
        tcg_gen_sar(s, r, v, n);
        if (set_carry) {                       /* 1..32: bit n-1; > 32: bit 31 */
            tcg_val m = arm_tmp(dc);
            tcg_gen_subi(s, m, amt, 1);
            tcg_gen_movcond(s, TCG_COND_LEU, m, amt, k32, m, arm_const(dc, 31));
            tcg_gen_shr(s, c, v, m);
            tcg_gen_andi(s, c, c, 1);
        }
        break;
    }
    default:                                   /* ROR: count mod 32 */
        tcg_gen_rotr(s, r, v, amt);
        if (set_carry)
            tcg_gen_shri(s, c, r, 31);
        break;
    }
    if (set_carry)                             /* a zero count leaves C alone */
        tcg_gen_movcond(s, TCG_COND_EQ, dc->tr->CF, amt, zero, dc->tr->CF, c);
    return r;
}

/* ---- memory ----------------------------------------------------------------- */

tcg_val arm_gen_ld(arm_dc *dc, tcg_val addr, uint32_t size_sign, int mmu_idx)
{
    tcg_val d = arm_tmp(dc);
    tcg_gen_qemu_ld(dc->s, d, addr, TCG_MEMOP(size_sign, mmu_idx < 0 ? dc->mmu_idx : mmu_idx));
    if (dc->trace_mem | dc->trace_mem_plugin)      /* traced TB: report the access */
        arm_trace_gen_mem(dc, addr, d, TCG_MEMOP(size_sign, mmu_idx < 0 ? dc->mmu_idx : mmu_idx), false);
    return d;
}

void arm_gen_st(arm_dc *dc, tcg_val val, tcg_val addr, uint32_t size, int mmu_idx)
{
    tcg_gen_qemu_st(dc->s, val, addr, TCG_MEMOP(size, mmu_idx < 0 ? dc->mmu_idx : mmu_idx));
    if (dc->trace_mem | dc->trace_mem_plugin)
        arm_trace_gen_mem(dc, addr, val, TCG_MEMOP(size, mmu_idx < 0 ? dc->mmu_idx : mmu_idx), true);
}

tcg_val arm_gen_ld32_rot(arm_dc *dc, tcg_val addr, int mmu_idx)
{
    /* ARM926: the aligned word, rotated so the addressed byte is in [7:0];
     * TCG_MO_ALIGN_ROT keeps the aligned case inline and rotates in the
     * memory slow path */
    return arm_gen_ld(dc, addr, TCG_MO_32 | TCG_MO_ALIGN_ROT, mmu_idx);
}

void arm_gen_check_align(arm_dc *dc, tcg_val addr, uint32_t mask)
{
    if (!dc->align)
        return;
    arm_gen_helper(dc, ARM_H_CHECK_ALIGN, false, addr, arm_const(dc, mask), TCG_VAL_NONE,
                   TCG_VAL_NONE);
}

/* ---- helpers and exits ------------------------------------------------------ */

tcg_val arm_gen_helper(arm_dc *dc, arm_helper_id h, bool has_ret, tcg_val a0, tcg_val a1,
                       tcg_val a2, tcg_val a3)
{
    tcg_val r = has_ret ? arm_tmp(dc) : TCG_VAL_NONE;
    tcg_gen_call(dc->s, dc->tr->helper[h], r, a0, a1, a2, a3);
    return r;
}

void arm_gen_goto_slot(arm_dc *dc, unsigned slot, uint32_t dest)
{
    tcg_gen_movi(dc->s, dc->tr->regs[15], dest);
    /* Chain only within the page this TB lies in (a TB never spans two):
     * the mapping of any other page may change without this TB being
     * invalidated, so those exits look the next TB up again. */
    if ((dest & TCG_PAGE_MASK) == (dc->tb->pc & TCG_PAGE_MASK))
        tcg_gen_goto_tb(dc->s, slot);
    else
        tcg_gen_exit_tb(dc->s);
    dc->end_tb = true;
}

void arm_gen_goto(arm_dc *dc, uint32_t dest)
{
    arm_gen_goto_slot(dc, 0, dest);
    dc->extra_cycles += 2;     /* ARM9: a taken branch refills the pipeline */
}

void arm_gen_exception(arm_dc *dc, int excp)
{
    tcg_gen_movi(dc->s, dc->tr->regs[15], dc->pc);
    arm_gen_helper(dc, ARM_H_RAISE, false, arm_const(dc, (uint32_t)excp), TCG_VAL_NONE,
                   TCG_VAL_NONE, TCG_VAL_NONE);
    arm_gen_exit_indirect(dc);
}

void arm_gen_update_exit(arm_dc *dc)
{
    tcg_gen_movi(dc->s, dc->tr->regs[15], dc->next_pc);
    arm_gen_exit_indirect(dc);
}

/* ---- block transfers --------------------------------------------------------- */

static unsigned arm_popcount(uint32_t v)
{
    return (unsigned)__builtin_popcount(v);
}

/* Lowest address of the transfer and the written-back base. */
static void arm_gen_block_addrs(arm_dc *dc, unsigned rn, unsigned n, bool up, bool before,
                                tcg_val *start, tcg_val *wb)
{
    tcg_ctx *s = dc->s;
    tcg_val base = arm_load_reg(dc, rn);
    *start = arm_tmp(dc);
    *wb = arm_tmp(dc);
    if (up) {
        tcg_gen_addi(s, *start, base, before ? 4 : 0);
        tcg_gen_addi(s, *wb, base, 4 * n);
    } else {
        tcg_gen_subi(s, *start, base, before ? 4 * n : 4 * n - 4);
        tcg_gen_subi(s, *wb, base, 4 * n);
    }
    arm_gen_check_align(dc, *start, 3);
    /* LDM/STM ignore address bits [1:0] */
    tcg_gen_andi(s, *start, *start, ~3u);
}

void arm_gen_ldm(arm_dc *dc, unsigned rn, uint32_t list, bool up, bool before, bool wback,
                 bool user)
{
    tcg_ctx *s = dc->s;
    unsigned n = arm_popcount(list);
    tcg_val start, wb, vals[16];
    arm_gen_block_addrs(dc, rn, n, up, before, &start, &wb);
    bool exc_return = user && (list & (1u << 15));
    bool user_bank = user && !exc_return && dc->priv;
    /* Load everything first: a data abort part-way leaves registers and the
     * base untouched, so the instruction restarts cleanly. */
    unsigned i = 0;
    for (unsigned r = 0; r < 16; r++) {
        if (!(list & (1u << r)))
            continue;
        tcg_val a = arm_tmp(dc);
        tcg_gen_addi(s, a, start, 4 * i++);
        vals[r] = arm_gen_ld(dc, a, TCG_MO_32, -1);
    }
    /* a base that is also loaded keeps the loaded value */
    if (wback && !(list & (1u << rn)))
        tcg_gen_mov(s, dc->tr->regs[rn], wb);
    for (unsigned r = 0; r < 15; r++) {
        if (!(list & (1u << r)))
            continue;
        if (user_bank && r >= 8)
            arm_gen_helper(dc, ARM_H_SET_USER_REG, false, arm_const(dc, r), vals[r],
                           TCG_VAL_NONE, TCG_VAL_NONE);
        else
            tcg_gen_mov(s, dc->tr->regs[r], vals[r]);
    }
    dc->extra_cycles += n > 1 ? n - 1 : 0;
    if (list & (1u << 15)) {
        if (exc_return) {
            arm_gen_helper(dc, ARM_H_EXCEPTION_RETURN, false, vals[15], TCG_VAL_NONE,
                           TCG_VAL_NONE, TCG_VAL_NONE);
            dc->extra_cycles += 2;
            arm_gen_exit_indirect(dc);
        } else {
            arm_gen_bx(dc, vals[15]);
        }
    }
}

void arm_gen_stm(arm_dc *dc, unsigned rn, uint32_t list, bool up, bool before, bool wback,
                 bool user)
{
    tcg_ctx *s = dc->s;
    unsigned n = arm_popcount(list);
    tcg_val start, wb;
    arm_gen_block_addrs(dc, rn, n, up, before, &start, &wb);
    bool user_bank = user && dc->priv;
    unsigned lowest = (unsigned)__builtin_ctz(list);
    unsigned i = 0;
    for (unsigned r = 0; r < 16; r++) {
        if (!(list & (1u << r)))
            continue;
        tcg_val v;
        if (r == rn && wback && r != lowest)
            v = wb;        /* ARM7/9: a base that is not first stores its new value */
        else if (user_bank && r >= 8 && r < 15)
            v = arm_gen_helper(dc, ARM_H_GET_USER_REG, true, arm_const(dc, r), TCG_VAL_NONE,
                               TCG_VAL_NONE, TCG_VAL_NONE);
        else
            v = arm_load_reg(dc, r);
        tcg_val a = arm_tmp(dc);
        tcg_gen_addi(s, a, start, 4 * i++);
        arm_gen_st(dc, v, a, TCG_MO_32, -1);
    }
    if (wback)
        tcg_gen_mov(s, dc->tr->regs[rn], wb);
    dc->extra_cycles += n > 1 ? n - 1 : 0;
}

/* ---- the TB loop ------------------------------------------------------------- */

/* Room a single instruction may need (LDM of 16 registers is the worst). */
#define ARM_INSN_MAX_OPS   256
#define ARM_INSN_MAX_VALS  384

void arm_translate(tcg_cpu *cpu, tcg_ctx *s, tcg_tb *tb, uint32_t max_insns)
{
    arm_translate_tb(cpu, s, tb, max_insns, true);
}

void arm_translate_tb(tcg_cpu *cpu, tcg_ctx *s, tcg_tb *tb, uint32_t max_insns, bool plugins)
{
    arm_cpu *acpu = (arm_cpu *)cpu;
    arm_dc dc = {
        .cpu = acpu,
        .s = s,
        .tb = tb,
        .tr = acpu->tr,
        .thumb = (tb->flags & ARM_TBFLAG_THUMB) != 0,
        .priv = (tb->flags & ARM_TBFLAG_PRIV) != 0,
        .align = (tb->flags & ARM_TBFLAG_ALIGN) != 0,
        .semihost = (tb->flags & ARM_TBFLAG_SEMIHOST) != 0,
    };
    dc.mmu_idx = dc.priv ? ARM_MMU_IDX_PRIV : ARM_MMU_IDX_USER;
    uint32_t page = tb->pc & TCG_PAGE_MASK;
    uint32_t cycles = 0, n = 0;
    if (max_insns == 0)
        max_insns = 1;
    if (tb->flags & ARM_TBFLAG_TRACE)
        arm_trace_tb_begin(&dc, &max_insns, plugins);

    dc.pc = tb->pc;
    for (;;) {
        tcg_gen_insn_start(s, dc.pc, cycles, 0);
        tcg_debug_gen_bp_check(cpu, s, dc.pc, dc.thumb ? 2u : 4u);   /* gdb breakpoint here? */
        if (dc.trace)
            arm_trace_insn_begin(&dc, n);
        dc.extra_cycles = 0;
        uint32_t cost;
        if (dc.thumb) {
            dc.insn = tcg_code_ld16(cpu, dc.pc, dc.mmu_idx);
            dc.next_pc = dc.pc + 2;
            cost = arm_t16_translate_insn(&dc, dc.insn);
        } else {
            dc.insn = tcg_code_ld32(cpu, dc.pc, dc.mmu_idx);
            dc.next_pc = dc.pc + 4;
            cost = arm_a32_translate_insn(&dc, dc.insn);
        }
        if (dc.trace)
            arm_trace_insn_end(&dc, dc.pc, dc.insn);
        cycles += cost + dc.extra_cycles;
        n++;
        dc.pc = dc.next_pc;
        if (dc.end_tb)
            break;
        if (n >= max_insns || (dc.pc & TCG_PAGE_MASK) != page || s->overflow ||
            s->n_ops + ARM_INSN_MAX_OPS > TCG_MAX_OPS ||
            s->n_vals + ARM_INSN_MAX_VALS > TCG_MAX_VALS ||
            s->n_labels + 8 > TCG_MAX_LABELS) {
            arm_gen_goto_slot(&dc, 1, dc.pc);
            break;
        }
    }
    tb->size = dc.pc - tb->pc;
    tb->icount = n;
    tb->cycles = cycles;
}
