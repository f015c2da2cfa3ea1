/*
 * Thumb (16-bit, ARMv5TE) decoder and instruction semantics.
 *
 * arm_t16_patterns is the single source of truth for Thumb decoding: the
 * 19 Thumb-1 formats of the ARM7TDMI/ARM9 documentation plus the ARMv5
 * additions (BLX register, BLX suffix, BKPT), first match wins.  `cycles`
 * is the ARM9EJ-S issue cost of the class.
 *
 * Thumb reads the pc as insn address + 4; PC-relative LDR and ADR use
 * (pc + 4) & ~3.  Data-processing writes to the pc (ADD/MOV high
 * registers) do not interwork; POP {pc} does (ARMv5).  BL/BLX are two
 * instructions: the prefix sets LR = pc + 4 + (offset << 12), the suffix
 * branches from LR.  When both halves are translated in the same TB the
 * target is known and the branch is direct; a lone suffix branches
 * through LR as the architecture says.
 *
 * Spec: ARM DDI 0100I chapters A6 (Thumb instruction set) and A7 (Thumb
 * instructions).
 */
#include "targets/arm/helper.h"
#include "targets/arm/translate.h"

#define BIT(n)           (1u << (n))
#define FIELD(insn, lo, w) (((insn) >> (lo)) & ((1u << (w)) - 1u))

#define T16_UDEF_CYCLES 3

static uint32_t t16_pc_aligned(arm_dc *dc)
{
    return (dc->pc + 4) & ~3u;
}

/* ---- format 1-3: shifts, add/sub, immediates -------------------------- */

/* LSL/LSR/ASR Rd, Rm, #imm5 */
static bool trans_shift_imm(arm_dc *dc, uint32_t insn)
{
    tcg_val r = arm_gen_shift_imm(dc, arm_load_reg(dc, FIELD(insn, 3, 3)), FIELD(insn, 11, 2),
                                  FIELD(insn, 6, 5), true);
    arm_gen_logic_flags(dc, r);
    arm_store_reg(dc, FIELD(insn, 0, 3), r);
    return true;
}

/* ADD/SUB Rd, Rn, Rm|#imm3 */
static bool trans_addsub3(arm_dc *dc, uint32_t insn)
{
    tcg_val a = arm_load_reg(dc, FIELD(insn, 3, 3));
    tcg_val b = (insn & BIT(10)) ? arm_const(dc, FIELD(insn, 6, 3))
                                 : arm_load_reg(dc, FIELD(insn, 6, 3));
    tcg_val r = (insn & BIT(9)) ? arm_gen_sub_cc(dc, a, b) : arm_gen_add_cc(dc, a, b);
    arm_store_reg(dc, FIELD(insn, 0, 3), r);
    return true;
}

/* MOV/CMP/ADD/SUB Rd, #imm8 */
static bool trans_imm8(arm_dc *dc, uint32_t insn)
{
    unsigned rd = FIELD(insn, 8, 3);
    tcg_val imm = arm_const(dc, FIELD(insn, 0, 8)), r;
    switch (FIELD(insn, 11, 2)) {
    case 0:
        arm_gen_logic_flags(dc, imm);
        arm_store_reg(dc, rd, imm);
        return true;
    case 1:
        arm_gen_sub_cc(dc, arm_load_reg(dc, rd), imm);
        return true;
    case 2:
        r = arm_gen_add_cc(dc, arm_load_reg(dc, rd), imm);
        break;
    default:
        r = arm_gen_sub_cc(dc, arm_load_reg(dc, rd), imm);
        break;
    }
    arm_store_reg(dc, rd, r);
    return true;
}

/* ---- format 4: ALU operations -------------------------------------------- */

enum {
    T_AND, T_EOR, T_LSL, T_LSR, T_ASR, T_ADC, T_SBC, T_ROR,
    T_TST, T_NEG, T_CMP, T_CMN, T_ORR, T_MUL, T_BIC, T_MVN,
};

static bool trans_alu(arm_dc *dc, uint32_t insn)
{
    tcg_ctx *s = dc->s;
    unsigned op = FIELD(insn, 6, 4), rd = FIELD(insn, 0, 3);
    tcg_val a = arm_load_reg(dc, rd), b = arm_load_reg(dc, FIELD(insn, 3, 3));
    tcg_val r = arm_tmp(dc);
    switch (op) {
    case T_AND: case T_TST: tcg_gen_and(s, r, a, b); break;
    case T_EOR: tcg_gen_xor(s, r, a, b); break;
    case T_ORR: tcg_gen_or(s, r, a, b); break;
    case T_BIC: tcg_gen_andc(s, r, a, b); break;
    case T_MVN: tcg_gen_not(s, r, b); break;
    case T_MUL: tcg_gen_mul(s, r, a, b); break;     /* ARMv5: C unchanged */
    case T_LSL: r = arm_gen_shift_reg(dc, a, 0, b, true); dc->extra_cycles++; break;
    case T_LSR: r = arm_gen_shift_reg(dc, a, 1, b, true); dc->extra_cycles++; break;
    case T_ASR: r = arm_gen_shift_reg(dc, a, 2, b, true); dc->extra_cycles++; break;
    case T_ROR: r = arm_gen_shift_reg(dc, a, 3, b, true); dc->extra_cycles++; break;
    case T_ADC: r = arm_gen_adc_cc(dc, a, b); break;
    case T_SBC: r = arm_gen_sbc_cc(dc, a, b); break;
    case T_NEG: r = arm_gen_sub_cc(dc, arm_const(dc, 0), b); break;
    case T_CMP: arm_gen_sub_cc(dc, a, b); return true;
    case T_CMN: arm_gen_add_cc(dc, a, b); return true;
    }
    switch (op) {
    case T_ADC: case T_SBC: case T_NEG:
        break;                                  /* flags already set */
    default:
        arm_gen_logic_flags(dc, r);
        break;
    }
    if (op != T_TST)
        arm_store_reg(dc, rd, r);
    return true;
}

/* ---- format 5: high registers and BX/BLX ---------------------------------- */

static bool trans_hireg(arm_dc *dc, uint32_t insn)
{
    unsigned rd = FIELD(insn, 0, 3) | (FIELD(insn, 7, 1) << 3);
    unsigned rm = FIELD(insn, 3, 4);
    tcg_val r;
    switch (FIELD(insn, 8, 2)) {
    case 0:                                          /* ADD: no flags */
        r = arm_tmp(dc);
        tcg_gen_add(dc->s, r, arm_load_reg(dc, rd), arm_load_reg(dc, rm));
        arm_store_reg(dc, rd, r);
        return true;
    case 1:                                          /* CMP */
        arm_gen_sub_cc(dc, arm_load_reg(dc, rd), arm_load_reg(dc, rm));
        return true;
    default:                                         /* MOV: no flags */
        arm_store_reg(dc, rd, arm_load_reg(dc, rm));
        return true;
    }
}

static bool trans_bx(arm_dc *dc, uint32_t insn)
{
    tcg_val t = arm_tmp(dc);
    tcg_gen_mov(dc->s, t, arm_load_reg(dc, FIELD(insn, 3, 4)));   /* Rm may be lr */
    if (insn & BIT(7))                               /* BLX Rm */
        tcg_gen_movi(dc->s, dc->tr->regs[14], dc->next_pc | 1);
    arm_gen_bx(dc, t);
    return true;
}

/* ---- formats 6-11: loads and stores ----------------------------------------- */

/* One load or store.  kind: 0 STR, 1 STRH, 2 STRB, 3 LDRSB, 4 LDR, 5 LDRH,
 * 6 LDRB, 7 LDRSH (the format 7/8 opcode order). */
static void t16_ldst(arm_dc *dc, unsigned kind, unsigned rd, tcg_val addr)
{
    tcg_ctx *s = dc->s;
    tcg_val a = arm_tmp(dc), v;
    switch (kind) {
    case 0:
        arm_gen_check_align(dc, addr, 3);
        tcg_gen_andi(s, a, addr, ~3u);
        arm_gen_st(dc, arm_load_reg(dc, rd), a, TCG_MO_32, -1);
        return;
    case 1:
        arm_gen_check_align(dc, addr, 1);
        tcg_gen_andi(s, a, addr, ~1u);
        arm_gen_st(dc, arm_load_reg(dc, rd), a, TCG_MO_16, -1);
        return;
    case 2:
        arm_gen_st(dc, arm_load_reg(dc, rd), addr, TCG_MO_8, -1);
        return;
    case 3:
        v = arm_gen_ld(dc, addr, TCG_MO_8 | TCG_MO_SIGN, -1);
        break;
    case 4:
        arm_gen_check_align(dc, addr, 3);
        v = arm_gen_ld32_rot(dc, addr, -1);
        break;
    case 5: case 7:
        arm_gen_check_align(dc, addr, 1);
        tcg_gen_andi(s, a, addr, ~1u);
        v = arm_gen_ld(dc, a, TCG_MO_16 | (kind == 7 ? TCG_MO_SIGN : 0), -1);
        break;
    default:
        v = arm_gen_ld(dc, addr, TCG_MO_8, -1);
        break;
    }
    arm_store_reg(dc, rd, v);
}

static tcg_val t16_add(arm_dc *dc, tcg_val a, tcg_val b)
{
    tcg_val r = arm_tmp(dc);
    tcg_gen_add(dc->s, r, a, b);
    return r;
}

/* LDR Rd, [pc, #imm8 * 4] */
static bool trans_ldr_pc(arm_dc *dc, uint32_t insn)
{
    tcg_val addr = arm_const(dc, t16_pc_aligned(dc) + 4 * FIELD(insn, 0, 8));
    arm_store_reg(dc, FIELD(insn, 8, 3), arm_gen_ld(dc, addr, TCG_MO_32, -1));
    return true;
}

/* [Rn, Rm] */
static bool trans_ldst_reg(arm_dc *dc, uint32_t insn)
{
    tcg_val addr = t16_add(dc, arm_load_reg(dc, FIELD(insn, 3, 3)), arm_load_reg(dc, FIELD(insn, 6, 3)));
    t16_ldst(dc, FIELD(insn, 9, 3), FIELD(insn, 0, 3), addr);
    return true;
}

/* STR/LDR/STRB/LDRB [Rn, #imm5 * size] */
static bool trans_ldst_imm(arm_dc *dc, uint32_t insn)
{
    bool byte = insn & BIT(12), load = insn & BIT(11);
    uint32_t off = FIELD(insn, 6, 5) * (byte ? 1 : 4);
    tcg_val addr = t16_add(dc, arm_load_reg(dc, FIELD(insn, 3, 3)), arm_const(dc, off));
    static const unsigned kind[2][2] = { { 0, 4 }, { 2, 6 } };
    t16_ldst(dc, kind[byte][load], FIELD(insn, 0, 3), addr);
    return true;
}

/* STRH/LDRH [Rn, #imm5 * 2] */
static bool trans_ldst_half(arm_dc *dc, uint32_t insn)
{
    tcg_val addr = t16_add(dc, arm_load_reg(dc, FIELD(insn, 3, 3)), arm_const(dc, FIELD(insn, 6, 5) * 2));
    t16_ldst(dc, (insn & BIT(11)) ? 5 : 1, FIELD(insn, 0, 3), addr);
    return true;
}

/* STR/LDR Rd, [sp, #imm8 * 4] */
static bool trans_ldst_sp(arm_dc *dc, uint32_t insn)
{
    tcg_val addr = t16_add(dc, dc->tr->regs[13], arm_const(dc, 4 * FIELD(insn, 0, 8)));
    t16_ldst(dc, (insn & BIT(11)) ? 4 : 0, FIELD(insn, 8, 3), addr);
    return true;
}

/* ---- formats 12-13: address generation ----------------------------------- */

/* ADD Rd, pc|sp, #imm8 * 4 */
static bool trans_add_addr(arm_dc *dc, uint32_t insn)
{
    uint32_t off = 4 * FIELD(insn, 0, 8);
    tcg_val r = (insn & BIT(11)) ? t16_add(dc, dc->tr->regs[13], arm_const(dc, off))
                                 : arm_const(dc, t16_pc_aligned(dc) + off);
    arm_store_reg(dc, FIELD(insn, 8, 3), r);
    return true;
}

/* ADD/SUB sp, #imm7 * 4 */
static bool trans_adjust_sp(arm_dc *dc, uint32_t insn)
{
    uint32_t off = 4 * FIELD(insn, 0, 7);
    tcg_val sp = dc->tr->regs[13];
    if (insn & BIT(7))
        tcg_gen_subi(dc->s, sp, sp, off);
    else
        tcg_gen_addi(dc->s, sp, sp, off);
    return true;
}

/* ---- formats 14-15: block transfers ------------------------------------------ */

static bool trans_push_pop(arm_dc *dc, uint32_t insn)
{
    uint32_t list = FIELD(insn, 0, 8);
    bool pop = insn & BIT(11);
    if (insn & BIT(8))
        list |= pop ? BIT(15) : BIT(14);
    if (list == 0)
        return false;                            /* UNPREDICTABLE: undefined */
    if (pop)
        arm_gen_ldm(dc, 13, list, true, false, true, false);    /* LDMIA sp! */
    else
        arm_gen_stm(dc, 13, list, false, true, true, false);    /* STMDB sp! */
    return true;
}

static bool trans_ldm_stm(arm_dc *dc, uint32_t insn)
{
    uint32_t list = FIELD(insn, 0, 8);
    unsigned rn = FIELD(insn, 8, 3);
    if (list == 0)
        return false;
    if (insn & BIT(11))
        arm_gen_ldm(dc, rn, list, true, false, true, false);
    else
        arm_gen_stm(dc, rn, list, true, false, true, false);
    return true;
}

/* ---- formats 16-19: branches and exceptions ---------------------------------- */

static bool trans_bcond(arm_dc *dc, uint32_t insn)
{
    uint32_t skip = tcg_label(dc->s);
    int32_t off = (int32_t)(insn << 24) >> 23;
    arm_gen_test_cc(dc, FIELD(insn, 8, 4) ^ 1, skip);
    arm_gen_goto(dc, dc->pc + 4 + (uint32_t)off);
    tcg_gen_set_label(dc->s, skip);
    arm_gen_goto_slot(dc, 1, dc->next_pc);
    return true;
}

static bool trans_swi(arm_dc *dc, uint32_t insn)
{
    return arm_gen_swi(dc, FIELD(insn, 0, 8) == 0xab);   /* Thumb semihosting: SWI 0xab */
}

static bool trans_bkpt(arm_dc *dc, uint32_t insn)
{
    arm_gen_exception(dc, ARM_EXCP_BKPT);
    return true;
}

static bool trans_b(arm_dc *dc, uint32_t insn)
{
    int32_t off = (int32_t)(insn << 21) >> 20;
    arm_gen_goto(dc, dc->pc + 4 + (uint32_t)off);
    return true;
}

/* BL/BLX prefix: LR = pc + 4 + (sext(imm11) << 12) */
static bool trans_bl_prefix(arm_dc *dc, uint32_t insn)
{
    int32_t off = (int32_t)(insn << 21) >> 9;
    dc->bl_lr = dc->pc + 4 + (uint32_t)off;
    dc->bl_prefix = true;
    dc->bl_prefix_pc = dc->pc;
    tcg_gen_movi(dc->s, dc->tr->regs[14], dc->bl_lr);
    return true;
}

/* BL suffix (H = 11) and BLX suffix (H = 01, to ARM state) */
static bool trans_bl_suffix(arm_dc *dc, uint32_t insn)
{
    bool blx = !(insn & BIT(12));
    if (blx && (insn & 1))
        return false;
    uint32_t off = FIELD(insn, 0, 11) << 1;
    bool known = dc->bl_prefix && dc->bl_prefix_pc + 2 == dc->pc;
    tcg_val dest = TCG_VAL_NONE;
    if (!known) {
        dest = arm_tmp(dc);
        tcg_gen_addi(dc->s, dest, dc->tr->regs[14], off);
    }
    tcg_gen_movi(dc->s, dc->tr->regs[14], dc->next_pc | 1);
    if (blx) {
        if (known) {
            dest = arm_const(dc, (dc->bl_lr + off) & ~3u);
        } else {
            tcg_gen_andi(dc->s, dest, dest, ~3u);
        }
        arm_gen_bx(dc, dest);                    /* bit 0 clear: ARM state */
    } else if (known) {
        arm_gen_goto(dc, dc->bl_lr + off);
    } else {
        tcg_gen_andi(dc->s, dc->tr->regs[15], dest, ~1u);
        dc->extra_cycles += 2;
        arm_gen_exit_indirect(dc);
    }
    return true;
}

/* ---- the table -------------------------------------------------------------------- */

#define P(mask, match, fn, cyc, name) { mask, match, fn, cyc, name }

const arm_pattern arm_t16_patterns[] = {
    /* 2: add/subtract (before 1, whose op = 11 it occupies) */
    P(0xfe00, 0x1800, trans_addsub3,   1, "adds"),
    P(0xfe00, 0x1a00, trans_addsub3,   1, "subs"),
    P(0xfe00, 0x1c00, trans_addsub3,   1, "adds"),
    P(0xfe00, 0x1e00, trans_addsub3,   1, "subs"),
    /* 1: move shifted register */
    P(0xf800, 0x0000, trans_shift_imm, 1, "lsls"),
    P(0xf800, 0x0800, trans_shift_imm, 1, "lsrs"),
    P(0xf800, 0x1000, trans_shift_imm, 1, "asrs"),
    /* 3: move/compare/add/subtract immediate */
    P(0xf800, 0x2000, trans_imm8,      1, "movs"),
    P(0xf800, 0x2800, trans_imm8,      1, "cmp"),
    P(0xf800, 0x3000, trans_imm8,      1, "adds"),
    P(0xf800, 0x3800, trans_imm8,      1, "subs"),
    /* 4: ALU operations */
    P(0xffc0, 0x4000, trans_alu,       1, "ands"),
    P(0xffc0, 0x4040, trans_alu,       1, "eors"),
    P(0xffc0, 0x4080, trans_alu,       1, "lsls"),
    P(0xffc0, 0x40c0, trans_alu,       1, "lsrs"),
    P(0xffc0, 0x4100, trans_alu,       1, "asrs"),
    P(0xffc0, 0x4140, trans_alu,       1, "adcs"),
    P(0xffc0, 0x4180, trans_alu,       1, "sbcs"),
    P(0xffc0, 0x41c0, trans_alu,       1, "rors"),
    P(0xffc0, 0x4200, trans_alu,       1, "tst"),
    P(0xffc0, 0x4240, trans_alu,       1, "negs"),
    P(0xffc0, 0x4280, trans_alu,       1, "cmp"),
    P(0xffc0, 0x42c0, trans_alu,       1, "cmn"),
    P(0xffc0, 0x4300, trans_alu,       1, "orrs"),
    P(0xffc0, 0x4340, trans_alu,       2, "muls"),
    P(0xffc0, 0x4380, trans_alu,       1, "bics"),
    P(0xffc0, 0x43c0, trans_alu,       1, "mvns"),
    /* 5: high register operations, BX/BLX */
    P(0xff00, 0x4400, trans_hireg,     1, "add"),
    P(0xff00, 0x4500, trans_hireg,     1, "cmp"),
    P(0xff00, 0x4600, trans_hireg,     1, "mov"),
    P(0xff80, 0x4700, trans_bx,        3, "bx"),
    P(0xff80, 0x4780, trans_bx,        3, "blx"),
    /* 6: PC-relative load */
    P(0xf800, 0x4800, trans_ldr_pc,    1, "ldr"),
    /* 7, 8: register offset */
    P(0xfe00, 0x5000, trans_ldst_reg,  1, "str"),
    P(0xfe00, 0x5200, trans_ldst_reg,  1, "strh"),
    P(0xfe00, 0x5400, trans_ldst_reg,  1, "strb"),
    P(0xfe00, 0x5600, trans_ldst_reg,  1, "ldrsb"),
    P(0xfe00, 0x5800, trans_ldst_reg,  1, "ldr"),
    P(0xfe00, 0x5a00, trans_ldst_reg,  1, "ldrh"),
    P(0xfe00, 0x5c00, trans_ldst_reg,  1, "ldrb"),
    P(0xfe00, 0x5e00, trans_ldst_reg,  1, "ldrsh"),
    /* 9: immediate offset, word and byte */
    P(0xf800, 0x6000, trans_ldst_imm,  1, "str"),
    P(0xf800, 0x6800, trans_ldst_imm,  1, "ldr"),
    P(0xf800, 0x7000, trans_ldst_imm,  1, "strb"),
    P(0xf800, 0x7800, trans_ldst_imm,  1, "ldrb"),
    /* 10: halfword */
    P(0xf800, 0x8000, trans_ldst_half, 1, "strh"),
    P(0xf800, 0x8800, trans_ldst_half, 1, "ldrh"),
    /* 11: SP-relative */
    P(0xf800, 0x9000, trans_ldst_sp,   1, "str"),
    P(0xf800, 0x9800, trans_ldst_sp,   1, "ldr"),
    /* 12: load address */
    P(0xf800, 0xa000, trans_add_addr,  1, "add"),
    P(0xf800, 0xa800, trans_add_addr,  1, "add"),
    /* 13: adjust SP; 14: push/pop; BKPT; the rest of 1011 is undefined */
    P(0xff00, 0xb000, trans_adjust_sp, 1, "add"),
    P(0xfe00, 0xb400, trans_push_pop,  2, "push"),
    P(0xfe00, 0xbc00, trans_push_pop,  2, "pop"),
    P(0xff00, 0xbe00, trans_bkpt,      3, "bkpt"),
    P(0xf000, 0xb000, arm_trans_udef,  T16_UDEF_CYCLES, "udef"),
    /* 15: multiple load/store */
    P(0xf800, 0xc000, trans_ldm_stm,   2, "stmia"),
    P(0xf800, 0xc800, trans_ldm_stm,   2, "ldmia"),
    /* 16, 17: conditional branch, undefined, SWI */
    P(0xff00, 0xde00, arm_trans_udef,  T16_UDEF_CYCLES, "udef"),
    P(0xff00, 0xdf00, trans_swi,       3, "swi"),
    P(0xf000, 0xd000, trans_bcond,     1, "b<c>"),
    /* 18: unconditional branch; 19: BL/BLX pair */
    P(0xf800, 0xe000, trans_b,         1, "b"),
    P(0xf800, 0xe800, trans_bl_suffix, 1, "blx"),
    P(0xf800, 0xf000, trans_bl_prefix, 1, "bl"),
    P(0xf800, 0xf800, trans_bl_suffix, 1, "bl"),
};
const unsigned arm_t16_npatterns = sizeof(arm_t16_patterns) / sizeof(arm_t16_patterns[0]);

#undef P

uint32_t arm_t16_translate_insn(arm_dc *dc, uint32_t insn)
{
    const arm_pattern *p = arm_t16_decode(insn);
    if (!p || !p->fn(dc, insn))
        arm_gen_exception(dc, ARM_EXCP_UDEF);
    return p ? p->cycles : T16_UDEF_CYCLES;
}
