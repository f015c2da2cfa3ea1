/*
 * ARM (A32) state decoder and instruction semantics, ARMv5TE as
 * implemented by the ARM926EJ-S.
 *
 * arm_a32_patterns is the single source of truth for A32 decoding: it is
 * searched in order, first match wins, so the narrow encodings that live
 * inside wider ones (multiplies and extra load/stores inside data
 * processing, the miscellaneous space inside TST/TEQ/CMP/CMN without S)
 * come first, each region closed by an undefined catch-all.  `cycles` is
 * the ARM9EJ-S issue cost of the class; handlers add data-dependent extras
 * (register-specified shifts, registers transferred, pc writes).
 *
 * Handlers validate the encoding before emitting any IR and return false
 * for undefined encodings; the caller raises the undefined-instruction
 * exception.  The condition is tested by the caller (skip label).
 *
 * Implementation choices for UNPREDICTABLE cases follow the ARM926EJ-S
 * (and QEMU, the differential oracle): STR/STM of the pc store
 * address + 8; LDR from an unaligned address rotates the aligned word;
 * LDRH/STRH ignore address bit 0; a loaded base register wins over
 * writeback; STM of a written-back base that is not the lowest register
 * stores the new base.
 *
 * Spec: ARM DDI 0100I sections A3 (instruction set), A4 (instructions),
 * A5 (addressing modes); ARM DDI 0198E (ARM926EJ-S TRM) for timing.
 */
#include "targets/arm/helper.h"
#include "targets/arm/translate.h"

#define BIT(n)           (1u << (n))
#define FIELD(insn, lo, w) (((insn) >> (lo)) & ((1u << (w)) - 1u))

#define ARM_UDEF_CYCLES 3

/* ---- data processing -------------------------------------------------- */

enum {
    DP_AND, DP_EOR, DP_SUB, DP_RSB, DP_ADD, DP_ADC, DP_SBC, DP_RSC,
    DP_TST, DP_TEQ, DP_CMP, DP_CMN, DP_ORR, DP_MOV, DP_BIC, DP_MVN,
};

static bool dp_is_logical(unsigned op)
{
    return op == DP_AND || op == DP_EOR || op == DP_TST || op == DP_TEQ ||
           op == DP_ORR || op == DP_MOV || op == DP_BIC || op == DP_MVN;
}

/* Shifter operand (A5.1); sets CF for logical ops with S. */
static tcg_val a32_shifter_operand(arm_dc *dc, uint32_t insn, bool set_carry)
{
    if (insn & BIT(25)) {
        uint32_t imm = FIELD(insn, 0, 8), rot = FIELD(insn, 8, 4) * 2;
        uint32_t v = rot ? (imm >> rot) | (imm << (32 - rot)) : imm;
        if (set_carry && rot)
            tcg_gen_movi(dc->s, dc->tr->CF, v >> 31);
        return arm_const(dc, v);
    }
    unsigned rm = FIELD(insn, 0, 4), type = FIELD(insn, 5, 2);
    if (!(insn & BIT(4)))
        return arm_gen_shift_imm(dc, arm_load_reg(dc, rm), type, FIELD(insn, 7, 5), set_carry);
    /* register-specified shift: one more cycle, and the pc reads as + 12 */
    dc->extra_cycles += 1;
    tcg_val rs = arm_load_reg_pcoff(dc, FIELD(insn, 8, 4), 12);
    return arm_gen_shift_reg(dc, arm_load_reg_pcoff(dc, rm, 12), type, rs, set_carry);
}

static bool trans_dp(arm_dc *dc, uint32_t insn)
{
    tcg_ctx *s = dc->s;
    unsigned op = FIELD(insn, 21, 4), rn = FIELD(insn, 16, 4), rd = FIELD(insn, 12, 4);
    bool sflag = insn & BIT(20);
    /* S with Rd = pc copies SPSR to CPSR: flags from the result are moot */
    bool exc_return = sflag && rd == 15 && !(op >= DP_TST && op <= DP_CMN);
    bool set_cc = sflag && !exc_return;
    bool reg_shift = !(insn & BIT(25)) && (insn & BIT(4));

    tcg_val b = a32_shifter_operand(dc, insn, set_cc && dp_is_logical(op));
    tcg_val a = (op == DP_MOV || op == DP_MVN) ? TCG_VAL_NONE
                : arm_load_reg_pcoff(dc, rn, reg_shift ? 12 : 8);
    tcg_val r = arm_tmp(dc);

    switch (op) {
    case DP_AND: case DP_TST: tcg_gen_and(s, r, a, b); break;
    case DP_EOR: case DP_TEQ: tcg_gen_xor(s, r, a, b); break;
    case DP_ORR: tcg_gen_or(s, r, a, b); break;
    case DP_BIC: tcg_gen_andc(s, r, a, b); break;
    case DP_MOV: tcg_gen_mov(s, r, b); break;
    case DP_MVN: tcg_gen_not(s, r, b); break;
    case DP_SUB: case DP_CMP:
        if (set_cc) r = arm_gen_sub_cc(dc, a, b); else tcg_gen_sub(s, r, a, b);
        break;
    case DP_RSB:
        if (set_cc) r = arm_gen_sub_cc(dc, b, a); else tcg_gen_sub(s, r, b, a);
        break;
    case DP_ADD: case DP_CMN:
        if (set_cc) r = arm_gen_add_cc(dc, a, b); else tcg_gen_add(s, r, a, b);
        break;
    case DP_ADC: r = set_cc ? arm_gen_adc_cc(dc, a, b) : arm_gen_adc(dc, a, b); break;
    case DP_SBC: r = set_cc ? arm_gen_sbc_cc(dc, a, b) : arm_gen_sbc(dc, a, b); break;
    case DP_RSC: r = set_cc ? arm_gen_sbc_cc(dc, b, a) : arm_gen_sbc(dc, b, a); break;
    }
    if (set_cc && dp_is_logical(op))
        arm_gen_logic_flags(dc, r);
    if (op >= DP_TST && op <= DP_CMN)
        return true;                 /* compares write no register */
    if (exc_return) {
        arm_gen_helper(dc, ARM_H_EXCEPTION_RETURN, false, r, TCG_VAL_NONE, TCG_VAL_NONE,
                       TCG_VAL_NONE);
        dc->extra_cycles += 2;
        arm_gen_exit_indirect(dc);
        return true;
    }
    arm_store_reg(dc, rd, r);
    return true;
}

/* ---- multiplies ----------------------------------------------------------- */

static bool trans_mul(arm_dc *dc, uint32_t insn)
{
    tcg_ctx *s = dc->s;
    unsigned rd = FIELD(insn, 16, 4), rn = FIELD(insn, 12, 4);
    unsigned rs = FIELD(insn, 8, 4), rm = FIELD(insn, 0, 4);
    tcg_val r = arm_tmp(dc);
    tcg_gen_mul(s, r, arm_load_reg(dc, rm), arm_load_reg(dc, rs));
    if (insn & BIT(21))
        tcg_gen_add(s, r, r, arm_load_reg(dc, rn));
    if (insn & BIT(20))
        arm_gen_logic_flags(dc, r);   /* ARMv5: C and V unchanged */
    arm_store_reg(dc, rd, r);
    return true;
}

static bool trans_mull(arm_dc *dc, uint32_t insn)
{
    tcg_ctx *s = dc->s;
    unsigned rdhi = FIELD(insn, 16, 4), rdlo = FIELD(insn, 12, 4);
    unsigned rs = FIELD(insn, 8, 4), rm = FIELD(insn, 0, 4);
    tcg_val lo = arm_tmp(dc), hi = arm_tmp(dc);
    if (insn & BIT(22))
        tcg_gen_muls2(s, lo, hi, arm_load_reg(dc, rm), arm_load_reg(dc, rs));
    else
        tcg_gen_mulu2(s, lo, hi, arm_load_reg(dc, rm), arm_load_reg(dc, rs));
    if (insn & BIT(21))
        tcg_gen_add2(s, lo, hi, lo, hi, arm_load_reg(dc, rdlo), arm_load_reg(dc, rdhi));
    if (insn & BIT(20)) {
        tcg_gen_mov(s, dc->tr->NF, hi);
        tcg_gen_or(s, dc->tr->ZF, lo, hi);
    }
    arm_store_reg(dc, rdlo, lo);
    arm_store_reg(dc, rdhi, hi);
    return true;
}

/* signed 16-bit half of v: top or bottom */
static tcg_val a32_half(arm_dc *dc, tcg_val v, bool top)
{
    tcg_val t = arm_tmp(dc);
    if (top)
        tcg_gen_sari(dc->s, t, v, 16);
    else
        tcg_gen_ext16s(dc->s, t, v);
    return t;
}

/* SMLAxy, SMLALxy, SMULxy: 16 x 16 signed products */
static bool trans_smlaxy(arm_dc *dc, uint32_t insn)
{
    tcg_ctx *s = dc->s;
    unsigned op = FIELD(insn, 21, 2), rd = FIELD(insn, 16, 4), rn = FIELD(insn, 12, 4);
    unsigned rs = FIELD(insn, 8, 4), rm = FIELD(insn, 0, 4);
    tcg_val p = arm_tmp(dc);
    tcg_gen_mul(s, p, a32_half(dc, arm_load_reg(dc, rm), insn & BIT(5)),
                a32_half(dc, arm_load_reg(dc, rs), insn & BIT(6)));
    switch (op) {
    case 0:                                     /* SMLAxy: Q on overflow */
        p = arm_gen_helper(dc, ARM_H_ADD_SETQ, true, p, arm_load_reg(dc, rn), TCG_VAL_NONE,
                           TCG_VAL_NONE);
        break;
    case 2: {                                   /* SMLALxy: RdHi:RdLo += p */
        tcg_val lo = arm_tmp(dc), hi = arm_tmp(dc), ph = arm_tmp(dc);
        tcg_gen_sari(s, ph, p, 31);
        tcg_gen_add2(s, lo, hi, arm_load_reg(dc, rn), arm_load_reg(dc, rd), p, ph);
        arm_store_reg(dc, rn, lo);
        arm_store_reg(dc, rd, hi);
        return true;
    }
    default:                                    /* SMULxy */
        break;
    }
    arm_store_reg(dc, rd, p);
    return true;
}

/* SMLAWy, SMULWy: (32 x 16) >> 16 */
static bool trans_smlawy(arm_dc *dc, uint32_t insn)
{
    tcg_ctx *s = dc->s;
    unsigned rd = FIELD(insn, 16, 4), rn = FIELD(insn, 12, 4);
    unsigned rs = FIELD(insn, 8, 4), rm = FIELD(insn, 0, 4);
    tcg_val lo = arm_tmp(dc), hi = arm_tmp(dc), r = arm_tmp(dc);
    tcg_gen_muls2(s, lo, hi, arm_load_reg(dc, rm), a32_half(dc, arm_load_reg(dc, rs), insn & BIT(6)));
    tcg_gen_shri(s, lo, lo, 16);
    tcg_gen_shli(s, hi, hi, 16);
    tcg_gen_or(s, r, lo, hi);
    if (!(insn & BIT(5)))                       /* SMLAWy accumulates */
        r = arm_gen_helper(dc, ARM_H_ADD_SETQ, true, r, arm_load_reg(dc, rn), TCG_VAL_NONE,
                           TCG_VAL_NONE);
    arm_store_reg(dc, rd, r);
    return true;
}

/* QADD, QSUB, QDADD, QDSUB: Rd = sat(Rm op [sat(2 *)] Rn) */
static bool trans_qaddsub(arm_dc *dc, uint32_t insn)
{
    static const arm_helper_id h[4] = { ARM_H_QADD, ARM_H_QSUB, ARM_H_QDADD, ARM_H_QDSUB };
    tcg_val r = arm_gen_helper(dc, h[FIELD(insn, 21, 2)], true, arm_load_reg(dc, FIELD(insn, 0, 4)),
                               arm_load_reg(dc, FIELD(insn, 16, 4)), TCG_VAL_NONE, TCG_VAL_NONE);
    arm_store_reg(dc, FIELD(insn, 12, 4), r);
    return true;
}

/* ---- miscellaneous ----------------------------------------------------- */

static bool trans_clz(arm_dc *dc, uint32_t insn)
{
    tcg_val r = arm_tmp(dc);
    tcg_gen_clz(dc->s, r, arm_load_reg(dc, FIELD(insn, 0, 4)));
    arm_store_reg(dc, FIELD(insn, 12, 4), r);
    return true;
}

static bool trans_mrs(arm_dc *dc, uint32_t insn)
{
    tcg_val r = arm_gen_helper(dc, (insn & BIT(22)) ? ARM_H_SPSR_READ : ARM_H_CPSR_READ, true,
                               TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
    arm_store_reg(dc, FIELD(insn, 12, 4), r);
    return true;
}

static bool trans_msr(arm_dc *dc, uint32_t insn)
{
    uint32_t mask = 0;
    for (unsigned i = 0; i < 4; i++)
        if (insn & BIT(16 + i))
            mask |= 0xffu << (8 * i);
    tcg_val v;
    if (insn & BIT(25)) {
        uint32_t imm = FIELD(insn, 0, 8), rot = FIELD(insn, 8, 4) * 2;
        v = arm_const(dc, rot ? (imm >> rot) | (imm << (32 - rot)) : imm);
    } else {
        v = arm_load_reg(dc, FIELD(insn, 0, 4));
    }
    if (insn & BIT(22)) {
        arm_gen_helper(dc, ARM_H_SPSR_WRITE, false, v, arm_const(dc, mask), TCG_VAL_NONE,
                       TCG_VAL_NONE);
        return true;
    }
    if (!dc->priv)
        mask &= ARM_CPSR_NZCV | ARM_CPSR_Q;   /* User mode may write the flags only */
    arm_gen_helper(dc, ARM_H_CPSR_WRITE, false, v, arm_const(dc, mask), TCG_VAL_NONE,
                   TCG_VAL_NONE);
    /* a new mode or I/F state must take effect before the next insn */
    if (mask & ~(ARM_CPSR_NZCV | ARM_CPSR_Q))
        arm_gen_update_exit(dc);
    return true;
}

static bool trans_bx(arm_dc *dc, uint32_t insn)
{
    /* BXJ: no Jazelle state here, so it behaves as BX (ARMv5TEJ allows it) */
    arm_gen_bx(dc, arm_load_reg(dc, FIELD(insn, 0, 4)));
    return true;
}

static bool trans_blx_reg(arm_dc *dc, uint32_t insn)
{
    tcg_val t = arm_tmp(dc);
    tcg_gen_mov(dc->s, t, arm_load_reg(dc, FIELD(insn, 0, 4)));   /* Rm may be lr */
    tcg_gen_movi(dc->s, dc->tr->regs[14], dc->next_pc);
    arm_gen_bx(dc, t);
    return true;
}

static bool trans_bkpt(arm_dc *dc, uint32_t insn)
{
    arm_gen_exception(dc, ARM_EXCP_BKPT);
    return true;
}

/* ---- branches ------------------------------------------------------------ */

static uint32_t a32_branch_target(arm_dc *dc, uint32_t insn)
{
    int32_t off = (int32_t)(insn << 8) >> 6;    /* sign-extended imm24 * 4 */
    return dc->pc + 8 + (uint32_t)off;
}

static bool trans_b(arm_dc *dc, uint32_t insn)
{
    if (insn & BIT(24))
        tcg_gen_movi(dc->s, dc->tr->regs[14], dc->next_pc);
    arm_gen_goto(dc, a32_branch_target(dc, insn));
    return true;
}

static bool trans_blx_imm(arm_dc *dc, uint32_t insn)
{
    uint32_t dest = a32_branch_target(dc, insn) + ((insn & BIT(24)) ? 2 : 0);
    tcg_gen_movi(dc->s, dc->tr->regs[14], dc->next_pc);
    arm_gen_bx(dc, arm_const(dc, dest | 1));     /* always to Thumb */
    return true;
}

/* ---- single data transfer ------------------------------------------------ */

/* Address and written-back base of a load/store; offset already computed. */
static void a32_addr(arm_dc *dc, uint32_t insn, tcg_val off, tcg_val *addr, tcg_val *wb)
{
    tcg_val base = arm_load_reg(dc, FIELD(insn, 16, 4));
    tcg_val sum = arm_tmp(dc);
    if (insn & BIT(23))
        tcg_gen_add(dc->s, sum, base, off);
    else
        tcg_gen_sub(dc->s, sum, base, off);
    bool pre = insn & BIT(24);
    *addr = pre ? sum : base;
    *wb = (!pre || (insn & BIT(21))) ? sum : TCG_VAL_NONE;
}

static void a32_writeback(arm_dc *dc, uint32_t insn, tcg_val wb)
{
    if (wb != TCG_VAL_NONE)
        tcg_gen_mov(dc->s, dc->tr->regs[FIELD(insn, 16, 4)], wb);
}

static bool trans_ldst(arm_dc *dc, uint32_t insn)
{
    tcg_ctx *s = dc->s;
    unsigned rd = FIELD(insn, 12, 4);
    bool byte = insn & BIT(22), load = insn & BIT(20);
    /* P = 0, W = 1: LDRT/STRT/LDRBT/STRBT access with User permissions */
    int idx = (!(insn & BIT(24)) && (insn & BIT(21))) ? ARM_MMU_IDX_USER : -1;
    tcg_val off, addr, wb;
    if (insn & BIT(25))
        off = arm_gen_shift_imm(dc, arm_load_reg(dc, FIELD(insn, 0, 4)), FIELD(insn, 5, 2),
                                FIELD(insn, 7, 5), false);
    else
        off = arm_const(dc, FIELD(insn, 0, 12));
    a32_addr(dc, insn, off, &addr, &wb);
    if (!byte)
        arm_gen_check_align(dc, addr, 3);
    if (load) {
        tcg_val v = byte ? arm_gen_ld(dc, addr, TCG_MO_8, idx) : arm_gen_ld32_rot(dc, addr, idx);
        a32_writeback(dc, insn, wb);
        arm_store_reg_bx(dc, rd, v);     /* ARMv5: LDR pc interworks */
    } else {
        tcg_val v = arm_load_reg(dc, rd);
        if (byte) {
            arm_gen_st(dc, v, addr, TCG_MO_8, idx);
        } else {
            tcg_val a = arm_tmp(dc);
            tcg_gen_andi(s, a, addr, ~3u);
            arm_gen_st(dc, v, a, TCG_MO_32, idx);
        }
        a32_writeback(dc, insn, wb);
    }
    return true;
}

/* LDRH, STRH, LDRSB, LDRSH, LDRD, STRD (A5.3) */
static bool trans_ldst_extra(arm_dc *dc, uint32_t insn)
{
    tcg_ctx *s = dc->s;
    unsigned rd = FIELD(insn, 12, 4), sh = FIELD(insn, 5, 2);
    bool load = insn & BIT(20);
    bool dual = !load && sh >= 2;              /* LDRD (sh 2) / STRD (sh 3) */
    if (dual && (rd & 1))
        return false;
    tcg_val off, addr, wb;
    if (insn & BIT(22))
        off = arm_const(dc, (FIELD(insn, 8, 4) << 4) | FIELD(insn, 0, 4));
    else
        off = arm_load_reg(dc, FIELD(insn, 0, 4));
    a32_addr(dc, insn, off, &addr, &wb);

    if (dual) {
        tcg_val a0 = arm_tmp(dc), a1 = arm_tmp(dc);
        arm_gen_check_align(dc, addr, 7);
        tcg_gen_andi(s, a0, addr, ~3u);
        tcg_gen_addi(s, a1, a0, 4);
        dc->extra_cycles += 1;
        if (sh == 2) {
            tcg_val lo = arm_gen_ld(dc, a0, TCG_MO_32, -1);
            tcg_val hi = arm_gen_ld(dc, a1, TCG_MO_32, -1);
            a32_writeback(dc, insn, wb);
            arm_store_reg(dc, rd, lo);
            arm_store_reg(dc, rd + 1, hi);
        } else {
            arm_gen_st(dc, arm_load_reg(dc, rd), a0, TCG_MO_32, -1);
            arm_gen_st(dc, arm_load_reg(dc, rd + 1), a1, TCG_MO_32, -1);
            a32_writeback(dc, insn, wb);
        }
        return true;
    }
    tcg_val a = arm_tmp(dc);
    uint32_t memop;
    if (sh == 2) {                             /* LDRSB */
        memop = TCG_MO_8 | TCG_MO_SIGN;
        tcg_gen_mov(s, a, addr);
    } else {                                   /* H / SH: address bit 0 ignored */
        memop = TCG_MO_16 | (sh == 3 ? TCG_MO_SIGN : 0);
        arm_gen_check_align(dc, addr, 1);
        tcg_gen_andi(s, a, addr, ~1u);
    }
    if (load) {
        tcg_val v = arm_gen_ld(dc, a, memop, -1);
        a32_writeback(dc, insn, wb);
        arm_store_reg(dc, rd, v);
    } else {
        arm_gen_st(dc, arm_load_reg(dc, rd), a, TCG_MO_16, -1);
        a32_writeback(dc, insn, wb);
    }
    return true;
}

static bool trans_swp(arm_dc *dc, uint32_t insn)
{
    tcg_ctx *s = dc->s;
    unsigned rn = FIELD(insn, 16, 4), rd = FIELD(insn, 12, 4), rm = FIELD(insn, 0, 4);
    tcg_val addr = arm_tmp(dc), v = arm_tmp(dc), old;
    tcg_gen_mov(s, addr, arm_load_reg(dc, rn));
    tcg_gen_mov(s, v, arm_load_reg(dc, rm));
    if (insn & BIT(22)) {
        old = arm_gen_ld(dc, addr, TCG_MO_8, -1);
        arm_gen_st(dc, v, addr, TCG_MO_8, -1);
    } else {
        tcg_val a = arm_tmp(dc);
        arm_gen_check_align(dc, addr, 3);
        old = arm_gen_ld32_rot(dc, addr, -1);
        tcg_gen_andi(s, a, addr, ~3u);
        arm_gen_st(dc, v, a, TCG_MO_32, -1);
    }
    arm_store_reg(dc, rd, old);
    return true;
}

static bool trans_ldm_stm(arm_dc *dc, uint32_t insn)
{
    uint32_t list = FIELD(insn, 0, 16);
    if (list == 0)
        return false;                          /* UNPREDICTABLE: treat as undefined */
    unsigned rn = FIELD(insn, 16, 4);
    bool before = insn & BIT(24), up = insn & BIT(23), user = insn & BIT(22);
    bool wback = insn & BIT(21);
    if (insn & BIT(20))
        arm_gen_ldm(dc, rn, list, up, before, wback, user);
    else
        arm_gen_stm(dc, rn, list, up, before, wback, user);
    return true;
}

static bool trans_pld(arm_dc *dc, uint32_t insn)
{
    return true;                               /* a hint: no architectural effect */
}

/* ---- coprocessor and exceptions -------------------------------------------- */

static bool trans_mcr_mrc(arm_dc *dc, uint32_t insn)
{
    /* CP15 (system control) and CP14 (debug ID) exist; the helpers decide
     * which registers User mode may reach (cp15.c). */
    unsigned cp = FIELD(insn, 8, 4);
    if (cp != 15 && cp != 14)
        return false;
    tcg_ctx *s = dc->s;
    unsigned rd = FIELD(insn, 12, 4);
    tcg_val iw = arm_const(dc, insn);
    if (insn & BIT(20)) {                      /* MRC */
        tcg_gen_movi(s, dc->tr->regs[15], dc->pc);
        tcg_val v = arm_gen_helper(dc, ARM_H_MRC, true, iw, TCG_VAL_NONE, TCG_VAL_NONE,
                                   TCG_VAL_NONE);
        if (rd != 15) {
            arm_store_reg(dc, rd, v);
            return true;
        }
        /* Rd = pc: bits [31:28] go to N Z C V */
        tcg_val t = arm_tmp(dc);
        tcg_gen_mov(s, dc->tr->NF, v);
        tcg_gen_andc(s, dc->tr->ZF, arm_const(dc, ARM_CPSR_Z), v);
        tcg_gen_shri(s, t, v, 29);
        tcg_gen_andi(s, dc->tr->CF, t, 1);
        tcg_gen_shli(s, dc->tr->VF, v, 3);
        return true;
    }
    /* MCR: regs[15] = next insn, so WFI (c7,c0,4) can halt and resume there;
     * the TB ends since CP15 writes change translation (MMU, alignment). */
    tcg_val v = arm_load_reg(dc, rd);
    tcg_gen_movi(s, dc->tr->regs[15], dc->next_pc);
    arm_gen_helper(dc, ARM_H_MCR, false, iw, v, TCG_VAL_NONE, TCG_VAL_NONE);
    arm_gen_exit_indirect(dc);
    return true;
}

static bool trans_swi(arm_dc *dc, uint32_t insn)
{
    return arm_gen_swi(dc, FIELD(insn, 0, 24) == 0x123456);   /* ARM semihosting: SWI 0x123456 */
}

/* ---- the table -------------------------------------------------------------- */

#define P(mask, match, fn, cyc, name) { mask, match, fn, cyc, name }

/* cond != 0b1111; the condition bits are not part of any mask */
const arm_pattern arm_a32_patterns[] = {
    /* multiplies and extra load/stores: 000x xxxx xxxx 1xx1 */
    P(0x0fe000f0, 0x00000090, trans_mul,        2, "mul"),
    P(0x0fe000f0, 0x00200090, trans_mul,        3, "mla"),
    P(0x0fe000f0, 0x00800090, trans_mull,       3, "umull"),
    P(0x0fe000f0, 0x00a00090, trans_mull,       4, "umlal"),
    P(0x0fe000f0, 0x00c00090, trans_mull,       3, "smull"),
    P(0x0fe000f0, 0x00e00090, trans_mull,       4, "smlal"),
    P(0x0ff00ff0, 0x01000090, trans_swp,        2, "swp"),
    P(0x0ff00ff0, 0x01400090, trans_swp,        2, "swpb"),
    P(0x0e1000f0, 0x000000b0, trans_ldst_extra, 1, "strh"),
    P(0x0e1000f0, 0x001000b0, trans_ldst_extra, 1, "ldrh"),
    P(0x0e1000f0, 0x000000d0, trans_ldst_extra, 1, "ldrd"),
    P(0x0e1000f0, 0x000000f0, trans_ldst_extra, 1, "strd"),
    P(0x0e1000f0, 0x001000d0, trans_ldst_extra, 1, "ldrsb"),
    P(0x0e1000f0, 0x001000f0, trans_ldst_extra, 1, "ldrsh"),
    P(0x0e000090, 0x00000090, arm_trans_udef,   ARM_UDEF_CYCLES, "udef"),
    /* miscellaneous: 0001 0xx0 (TST/TEQ/CMP/CMN without S) */
    P(0x0fbf0fff, 0x010f0000, trans_mrs,        2, "mrs"),
    P(0x0fb0fff0, 0x0120f000, trans_msr,        3, "msr"),
    P(0x0ffffff0, 0x012fff10, trans_bx,         3, "bx"),
    P(0x0ffffff0, 0x012fff20, trans_bx,         3, "bxj"),
    P(0x0ffffff0, 0x012fff30, trans_blx_reg,    3, "blx"),
    P(0x0fff0ff0, 0x016f0f10, trans_clz,        1, "clz"),
    P(0x0ff00ff0, 0x01000050, trans_qaddsub,    2, "qadd"),
    P(0x0ff00ff0, 0x01200050, trans_qaddsub,    2, "qsub"),
    P(0x0ff00ff0, 0x01400050, trans_qaddsub,    2, "qdadd"),
    P(0x0ff00ff0, 0x01600050, trans_qaddsub,    2, "qdsub"),
    P(0x0ff000f0, 0x01200070, trans_bkpt,       3, "bkpt"),
    P(0x0ff00090, 0x01000080, trans_smlaxy,     2, "smla<x><y>"),
    P(0x0ff000b0, 0x01200080, trans_smlawy,     2, "smlaw<y>"),
    P(0x0ff000b0, 0x012000a0, trans_smlawy,     1, "smulw<y>"),
    P(0x0ff00090, 0x01400080, trans_smlaxy,     3, "smlal<x><y>"),
    P(0x0ff00090, 0x01600080, trans_smlaxy,     1, "smul<x><y>"),
    P(0x0f900000, 0x01000000, arm_trans_udef,   ARM_UDEF_CYCLES, "udef"),
    /* MSR immediate; the rest of 0011 0x00 is undefined on v5 */
    P(0x0fb00000, 0x03200000, trans_msr,        3, "msr"),
    P(0x0fb00000, 0x03000000, arm_trans_udef,   ARM_UDEF_CYCLES, "udef"),
    /* data processing */
    P(0x0de00000, 0x00000000, trans_dp,         1, "and"),
    P(0x0de00000, 0x00200000, trans_dp,         1, "eor"),
    P(0x0de00000, 0x00400000, trans_dp,         1, "sub"),
    P(0x0de00000, 0x00600000, trans_dp,         1, "rsb"),
    P(0x0de00000, 0x00800000, trans_dp,         1, "add"),
    P(0x0de00000, 0x00a00000, trans_dp,         1, "adc"),
    P(0x0de00000, 0x00c00000, trans_dp,         1, "sbc"),
    P(0x0de00000, 0x00e00000, trans_dp,         1, "rsc"),
    P(0x0de00000, 0x01000000, trans_dp,         1, "tst"),
    P(0x0de00000, 0x01200000, trans_dp,         1, "teq"),
    P(0x0de00000, 0x01400000, trans_dp,         1, "cmp"),
    P(0x0de00000, 0x01600000, trans_dp,         1, "cmn"),
    P(0x0de00000, 0x01800000, trans_dp,         1, "orr"),
    P(0x0de00000, 0x01a00000, trans_dp,         1, "mov"),
    P(0x0de00000, 0x01c00000, trans_dp,         1, "bic"),
    P(0x0de00000, 0x01e00000, trans_dp,         1, "mvn"),
    /* single data transfer; register offset with bit 4 set is undefined */
    P(0x0e000010, 0x06000010, arm_trans_udef,   ARM_UDEF_CYCLES, "udef"),
    P(0x0d700000, 0x04200000, trans_ldst,       1, "strt"),
    P(0x0d700000, 0x04300000, trans_ldst,       1, "ldrt"),
    P(0x0d700000, 0x04600000, trans_ldst,       1, "strbt"),
    P(0x0d700000, 0x04700000, trans_ldst,       1, "ldrbt"),
    P(0x0c500000, 0x04000000, trans_ldst,       1, "str"),
    P(0x0c500000, 0x04100000, trans_ldst,       1, "ldr"),
    P(0x0c500000, 0x04400000, trans_ldst,       1, "strb"),
    P(0x0c500000, 0x04500000, trans_ldst,       1, "ldrb"),
    /* block transfer, branches */
    P(0x0e100000, 0x08000000, trans_ldm_stm,    2, "stm"),
    P(0x0e100000, 0x08100000, trans_ldm_stm,    2, "ldm"),
    P(0x0f000000, 0x0a000000, trans_b,          1, "b"),
    P(0x0f000000, 0x0b000000, trans_b,          1, "bl"),
    /* coprocessors: only MCR/MRC to CP14/CP15 exist */
    P(0x0f100010, 0x0e000010, trans_mcr_mrc,    2, "mcr"),
    P(0x0f100010, 0x0e100010, trans_mcr_mrc,    2, "mrc"),
    P(0x0f000010, 0x0e000000, arm_trans_udef,   ARM_UDEF_CYCLES, "cdp"),
    P(0x0e000000, 0x0c000000, arm_trans_udef,   ARM_UDEF_CYCLES, "ldc/stc"),
    P(0x0f000000, 0x0f000000, trans_swi,        3, "swi"),
};
const unsigned arm_a32_npatterns = sizeof(arm_a32_patterns) / sizeof(arm_a32_patterns[0]);

/* cond == 0b1111: the ARMv5 unconditional space */
const arm_pattern arm_a32_uncond_patterns[] = {
    P(0xfe000000, 0xfa000000, trans_blx_imm,    3, "blx"),
    P(0xfd70f000, 0xf550f000, trans_pld,        1, "pld"),
    P(0x00000000, 0x00000000, arm_trans_udef,   ARM_UDEF_CYCLES, "udef"),
};
const unsigned arm_a32_uncond_npatterns =
    sizeof(arm_a32_uncond_patterns) / sizeof(arm_a32_uncond_patterns[0]);

#undef P

uint32_t arm_a32_translate_insn(arm_dc *dc, uint32_t insn)
{
    unsigned cond = insn >> 28;
    const arm_pattern *p = arm_a32_decode(insn);
    uint32_t skip = 0;
    bool conditional = cond < 0xe;
    if (conditional) {
        skip = tcg_label(dc->s);
        arm_gen_test_cc(dc, cond ^ 1, skip);
    }
    if (!p || !p->fn(dc, insn))
        arm_gen_exception(dc, ARM_EXCP_UDEF);
    if (conditional) {
        tcg_gen_set_label(dc->s, skip);
        if (dc->end_tb)                      /* condition failed: fall through */
            arm_gen_goto_slot(dc, 1, dc->next_pc);
    }
    return p ? p->cycles : ARM_UDEF_CYCLES;
}
