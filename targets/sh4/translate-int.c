/*
 * SH-4 integer and system instructions: handlers and THE instruction
 * table (sh4_patterns, which also lists the FPU rows whose handlers live
 * in translate-fpu.c).
 *
 * Semantics follow the SH-4 Software Manual (REJ09B0318), chapter 9; where
 * QEMU 7.2 (our differential oracle, linux-user mode) takes a documented
 * choice for an encoding the manual leaves open, we take the same one:
 *   - MAC.L/MAC.W with Rm == Rn read both operands at the same address
 *     and add 8 (QEMU order: read @Rm, read @Rn, then increment both);
 *   - MOV.x @Rm+,Rn with m == n keeps the loaded value;
 *   - MOV.x Rm,@-Rn with m == n stores the old value of Rn.
 * MAC with SR.S = 1 saturates as the manual says (QEMU 7.2 does not:
 * differential tests run with S = 0).
 *
 * Cycle column: the SH7750 issue cycles of the hardware manual's
 * instruction timing table (section 8.3, "issue rate"); latencies and
 * dual issue are not modelled, and a taken conditional branch costs the
 * same as one not taken.  docs/boards/shix.md describes the table.
 */
#include <stddef.h>

#include "targets/sh4/translate.h"

#define RN(i) (((i) >> 8) & 15u)
#define RM(i) (((i) >> 4) & 15u)
#define REG(n) (dc->tr->regs[(n)])
#define S_ (dc->s)
#define IMM8S(i) ((uint32_t)(int32_t)(int8_t)((i) & 0xff))
#define IMM8U(i) ((uint32_t)((i) & 0xff))
#define DISP4(i) ((uint32_t)((i) & 0xf))

#define TRANS(name) static bool trans_##name(sh4_dc *dc, uint16_t insn)

/* The control/system register saves and restores: v to @-Rn (Rn moves
 * only after the store, so a faulting store leaves it as it was), and a
 * longword from @Rn+. */
static void sh4_gen_push32(sh4_dc *dc, unsigned rn, tcg_val v)
{
    tcg_val a = sh4_tmp(dc);
    tcg_gen_subi(S_, a, REG(rn), 4);
    sh4_gen_st(dc, v, a, TCG_MO_32);
    tcg_gen_mov(S_, REG(rn), a);
}

static tcg_val sh4_gen_pop32(sh4_dc *dc, unsigned rn)
{
    tcg_val v = sh4_gen_ld(dc, REG(rn), TCG_MO_32);
    tcg_gen_addi(S_, REG(rn), REG(rn), 4);
    return v;
}

/* ---- data moves ----------------------------------------------------------- */

TRANS(mov) { tcg_gen_mov(S_, REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(mov_imm) { tcg_gen_movi(S_, REG(RN(insn)), IMM8S(insn)); return true; }

TRANS(movw_pc)
{
    uint32_t a = dc->pc + 4 + IMM8U(insn) * 2;
    tcg_gen_mov(S_, REG(RN(insn)), sh4_gen_ld(dc, sh4_const(dc, a), TCG_MO_16 | TCG_MO_SIGN));
    return true;
}

TRANS(movl_pc)
{
    uint32_t a = ((dc->pc + 4) & ~3u) + IMM8U(insn) * 4;
    tcg_gen_mov(S_, REG(RN(insn)), sh4_gen_ld(dc, sh4_const(dc, a), TCG_MO_32));
    return true;
}

TRANS(mova)
{
    tcg_gen_movi(S_, REG(0), ((dc->pc + 4) & ~3u) + IMM8U(insn) * 4);
    return true;
}

TRANS(movt) { tcg_gen_mov(S_, REG(RN(insn)), dc->tr->t); return true; }

static const uint32_t sh4_sz_mo[3] = { TCG_MO_8, TCG_MO_16, TCG_MO_32 };

/* size index from the low two bits of the opcode (0 b, 1 w, 2 l) */
static uint32_t sh4_szi(uint16_t insn) { return insn & 3u; }

TRANS(st_rn)      /* mov.x Rm,@Rn */
{
    sh4_gen_st(dc, REG(RM(insn)), REG(RN(insn)), sh4_sz_mo[sh4_szi(insn)]);
    return true;
}

TRANS(ld_rm)      /* mov.x @Rm,Rn */
{
    tcg_val v = sh4_gen_ld(dc, REG(RM(insn)), sh4_sz_mo[sh4_szi(insn)] | TCG_MO_SIGN);
    tcg_gen_mov(S_, REG(RN(insn)), v);
    return true;
}

TRANS(st_predec)  /* mov.x Rm,@-Rn */
{
    uint32_t sz = sh4_szi(insn);
    tcg_val a = sh4_tmp(dc);
    tcg_gen_subi(S_, a, REG(RN(insn)), 1u << sz);
    sh4_gen_st(dc, REG(RM(insn)), a, sh4_sz_mo[sz]);
    tcg_gen_mov(S_, REG(RN(insn)), a);
    return true;
}

TRANS(ld_postinc) /* mov.x @Rm+,Rn */
{
    uint32_t sz = sh4_szi(insn), n = RN(insn), m = RM(insn);
    tcg_val v = sh4_gen_ld(dc, REG(m), sh4_sz_mo[sz] | TCG_MO_SIGN);
    if (n != m)
        tcg_gen_addi(S_, REG(m), REG(m), 1u << sz);
    tcg_gen_mov(S_, REG(n), v);
    return true;
}

TRANS(st_r0)      /* mov.x Rm,@(R0,Rn) */
{
    tcg_val a = sh4_tmp(dc);
    tcg_gen_add(S_, a, REG(RN(insn)), REG(0));
    sh4_gen_st(dc, REG(RM(insn)), a, sh4_sz_mo[sh4_szi(insn)]);
    return true;
}

TRANS(ld_r0)      /* mov.x @(R0,Rm),Rn */
{
    tcg_val a = sh4_tmp(dc);
    tcg_gen_add(S_, a, REG(RM(insn)), REG(0));
    tcg_gen_mov(S_, REG(RN(insn)), sh4_gen_ld(dc, a, sh4_sz_mo[sh4_szi(insn)] | TCG_MO_SIGN));
    return true;
}

TRANS(stl_disp)   /* mov.l Rm,@(disp,Rn) */
{
    tcg_val a = sh4_tmp(dc);
    tcg_gen_addi(S_, a, REG(RN(insn)), DISP4(insn) * 4);
    sh4_gen_st(dc, REG(RM(insn)), a, TCG_MO_32);
    return true;
}

TRANS(ldl_disp)   /* mov.l @(disp,Rm),Rn */
{
    tcg_val a = sh4_tmp(dc);
    tcg_gen_addi(S_, a, REG(RM(insn)), DISP4(insn) * 4);
    tcg_gen_mov(S_, REG(RN(insn)), sh4_gen_ld(dc, a, TCG_MO_32));
    return true;
}

TRANS(st_disp_r0) /* mov.b/w R0,@(disp,Rn): 1000 000s nnnn dddd */
{
    uint32_t sz = (insn >> 8) & 1;
    tcg_val a = sh4_tmp(dc);
    tcg_gen_addi(S_, a, REG(RM(insn)), DISP4(insn) << sz);
    sh4_gen_st(dc, REG(0), a, sh4_sz_mo[sz]);
    return true;
}

TRANS(ld_disp_r0) /* mov.b/w @(disp,Rm),R0: 1000 010s mmmm dddd */
{
    uint32_t sz = (insn >> 8) & 1;
    tcg_val a = sh4_tmp(dc);
    tcg_gen_addi(S_, a, REG(RM(insn)), DISP4(insn) << sz);
    tcg_gen_mov(S_, REG(0), sh4_gen_ld(dc, a, sh4_sz_mo[sz] | TCG_MO_SIGN));
    return true;
}

TRANS(st_gbr)     /* mov.x R0,@(disp,GBR): 1100 00ss */
{
    uint32_t sz = (insn >> 8) & 3;
    tcg_val a = sh4_tmp(dc);
    tcg_gen_addi(S_, a, dc->tr->gbr, IMM8U(insn) << sz);
    sh4_gen_st(dc, REG(0), a, sh4_sz_mo[sz]);
    return true;
}

TRANS(ld_gbr)     /* mov.x @(disp,GBR),R0: 1100 01ss */
{
    uint32_t sz = (insn >> 8) & 3;
    tcg_val a = sh4_tmp(dc);
    tcg_gen_addi(S_, a, dc->tr->gbr, IMM8U(insn) << sz);
    tcg_gen_mov(S_, REG(0), sh4_gen_ld(dc, a, sh4_sz_mo[sz] | TCG_MO_SIGN));
    return true;
}

TRANS(swapb)
{
    tcg_val a = sh4_tmp(dc), b = sh4_tmp(dc), c = sh4_tmp(dc), r = sh4_tmp(dc);
    tcg_val m = REG(RM(insn));
    tcg_gen_andi(S_, a, m, 0xffff0000u);
    tcg_gen_andi(S_, b, m, 0xff);
    tcg_gen_shli(S_, b, b, 8);
    tcg_gen_shri(S_, c, m, 8);
    tcg_gen_andi(S_, c, c, 0xff);
    tcg_gen_or(S_, r, a, b);
    tcg_gen_or(S_, REG(RN(insn)), r, c);
    return true;
}

TRANS(swapw) { tcg_gen_rotri(S_, REG(RN(insn)), REG(RM(insn)), 16); return true; }

TRANS(xtrct)
{
    tcg_val a = sh4_tmp(dc), b = sh4_tmp(dc);
    tcg_gen_shli(S_, a, REG(RM(insn)), 16);
    tcg_gen_shri(S_, b, REG(RN(insn)), 16);
    tcg_gen_or(S_, REG(RN(insn)), a, b);
    return true;
}

/* ---- arithmetic ------------------------------------------------------------- */

TRANS(add) { tcg_gen_add(S_, REG(RN(insn)), REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(add_imm) { tcg_gen_addi(S_, REG(RN(insn)), REG(RN(insn)), IMM8S(insn)); return true; }
TRANS(sub) { tcg_gen_sub(S_, REG(RN(insn)), REG(RN(insn)), REG(RM(insn))); return true; }

TRANS(addc)
{
    tcg_val lo = sh4_tmp(dc), hi = sh4_tmp(dc), z = sh4_const(dc, 0);
    tcg_gen_add2(S_, lo, hi, REG(RN(insn)), z, REG(RM(insn)), z);
    tcg_gen_add2(S_, lo, hi, lo, hi, dc->tr->t, z);
    tcg_gen_mov(S_, REG(RN(insn)), lo);
    tcg_gen_mov(S_, dc->tr->t, hi);
    return true;
}

TRANS(subc)
{
    tcg_val lo = sh4_tmp(dc), hi = sh4_tmp(dc), z = sh4_const(dc, 0);
    tcg_gen_sub2(S_, lo, hi, REG(RN(insn)), z, REG(RM(insn)), z);
    tcg_gen_sub2(S_, lo, hi, lo, hi, dc->tr->t, z);
    tcg_gen_mov(S_, REG(RN(insn)), lo);
    tcg_gen_andi(S_, dc->tr->t, hi, 1);
    return true;
}

TRANS(negc)
{
    tcg_val lo = sh4_tmp(dc), hi = sh4_tmp(dc), z = sh4_const(dc, 0);
    tcg_gen_sub2(S_, lo, hi, z, z, REG(RM(insn)), z);
    tcg_gen_sub2(S_, lo, hi, lo, hi, dc->tr->t, z);
    tcg_gen_mov(S_, REG(RN(insn)), lo);
    tcg_gen_andi(S_, dc->tr->t, hi, 1);
    return true;
}

TRANS(addv)
{
    tcg_val r = sh4_tmp(dc), a = sh4_tmp(dc), b = sh4_tmp(dc);
    tcg_gen_add(S_, r, REG(RN(insn)), REG(RM(insn)));
    tcg_gen_xor(S_, a, r, REG(RN(insn)));
    tcg_gen_xor(S_, b, r, REG(RM(insn)));
    tcg_gen_and(S_, a, a, b);
    tcg_gen_shri(S_, dc->tr->t, a, 31);
    tcg_gen_mov(S_, REG(RN(insn)), r);
    return true;
}

TRANS(subv)
{
    tcg_val r = sh4_tmp(dc), a = sh4_tmp(dc), b = sh4_tmp(dc);
    tcg_gen_sub(S_, r, REG(RN(insn)), REG(RM(insn)));
    tcg_gen_xor(S_, a, REG(RN(insn)), REG(RM(insn)));
    tcg_gen_xor(S_, b, REG(RN(insn)), r);
    tcg_gen_and(S_, a, a, b);
    tcg_gen_shri(S_, dc->tr->t, a, 31);
    tcg_gen_mov(S_, REG(RN(insn)), r);
    return true;
}

TRANS(neg) { tcg_gen_neg(S_, REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(not) { tcg_gen_not(S_, REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(extub) { tcg_gen_ext8u(S_, REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(extuw) { tcg_gen_ext16u(S_, REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(extsb) { tcg_gen_ext8s(S_, REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(extsw) { tcg_gen_ext16s(S_, REG(RN(insn)), REG(RM(insn))); return true; }

static bool sh4_cmp(sh4_dc *dc, uint16_t insn, tcg_cond c)
{
    tcg_gen_setcond(S_, c, dc->tr->t, REG(RN(insn)), REG(RM(insn)));
    return true;
}

TRANS(cmp_eq) { return sh4_cmp(dc, insn, TCG_COND_EQ); }
TRANS(cmp_hs) { return sh4_cmp(dc, insn, TCG_COND_GEU); }
TRANS(cmp_ge) { return sh4_cmp(dc, insn, TCG_COND_GE); }
TRANS(cmp_hi) { return sh4_cmp(dc, insn, TCG_COND_GTU); }
TRANS(cmp_gt) { return sh4_cmp(dc, insn, TCG_COND_GT); }
TRANS(cmp_pz) { tcg_gen_setcond(S_, TCG_COND_GE, dc->tr->t, REG(RN(insn)), sh4_const(dc, 0)); return true; }
TRANS(cmp_pl) { tcg_gen_setcond(S_, TCG_COND_GT, dc->tr->t, REG(RN(insn)), sh4_const(dc, 0)); return true; }
TRANS(cmp_imm)
{
    tcg_gen_setcond(S_, TCG_COND_EQ, dc->tr->t, REG(0), sh4_const(dc, IMM8S(insn)));
    return true;
}

TRANS(cmp_str)
{
    /* some byte of Rn equals the same byte of Rm: a zero byte in Rn ^ Rm */
    tcg_val x = sh4_tmp(dc), a = sh4_tmp(dc), b = sh4_tmp(dc);
    tcg_gen_xor(S_, x, REG(RN(insn)), REG(RM(insn)));
    tcg_gen_subi(S_, a, x, 0x01010101u);
    tcg_gen_andc(S_, a, a, x);
    tcg_gen_andi(S_, b, a, 0x80808080u);
    tcg_gen_setcond(S_, TCG_COND_NE, dc->tr->t, b, sh4_const(dc, 0));
    return true;
}

TRANS(div0s)
{
    tcg_gen_shri(S_, dc->tr->q, REG(RN(insn)), 31);
    tcg_gen_shri(S_, dc->tr->m, REG(RM(insn)), 31);
    tcg_gen_xor(S_, dc->tr->t, dc->tr->q, dc->tr->m);
    return true;
}

TRANS(div0u)
{
    tcg_gen_movi(S_, dc->tr->q, 0);
    tcg_gen_movi(S_, dc->tr->m, 0);
    tcg_gen_movi(S_, dc->tr->t, 0);
    return true;
}

TRANS(div1)
{
    tcg_val r = sh4_gen_helper(dc, SH4_H_DIV1, true, REG(RM(insn)), REG(RN(insn)), TCG_VAL_NONE,
                               TCG_VAL_NONE);
    tcg_gen_mov(S_, REG(RN(insn)), r);
    return true;
}

TRANS(dmuls) { tcg_gen_muls2(S_, dc->tr->macl, dc->tr->mach, REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(dmulu) { tcg_gen_mulu2(S_, dc->tr->macl, dc->tr->mach, REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(mull) { tcg_gen_mul(S_, dc->tr->macl, REG(RN(insn)), REG(RM(insn))); return true; }

TRANS(mulsw)
{
    tcg_val a = sh4_tmp(dc), b = sh4_tmp(dc);
    tcg_gen_ext16s(S_, a, REG(RN(insn)));
    tcg_gen_ext16s(S_, b, REG(RM(insn)));
    tcg_gen_mul(S_, dc->tr->macl, a, b);
    return true;
}

TRANS(muluw)
{
    tcg_val a = sh4_tmp(dc), b = sh4_tmp(dc);
    tcg_gen_ext16u(S_, a, REG(RN(insn)));
    tcg_gen_ext16u(S_, b, REG(RM(insn)));
    tcg_gen_mul(S_, dc->tr->macl, a, b);
    return true;
}

static bool sh4_mac(sh4_dc *dc, uint16_t insn, bool is_long)
{
    uint32_t mo = is_long ? TCG_MO_32 : (TCG_MO_16 | TCG_MO_SIGN);
    tcg_val a = sh4_gen_ld(dc, REG(RM(insn)), mo);
    tcg_val b = sh4_gen_ld(dc, REG(RN(insn)), mo);
    sh4_gen_helper(dc, is_long ? SH4_H_MACL : SH4_H_MACW, false, a, b, TCG_VAL_NONE, TCG_VAL_NONE);
    tcg_gen_addi(S_, REG(RM(insn)), REG(RM(insn)), is_long ? 4 : 2);
    tcg_gen_addi(S_, REG(RN(insn)), REG(RN(insn)), is_long ? 4 : 2);
    return true;
}

TRANS(macl) { return sh4_mac(dc, insn, true); }
TRANS(macw) { return sh4_mac(dc, insn, false); }

TRANS(dt)
{
    tcg_gen_subi(S_, REG(RN(insn)), REG(RN(insn)), 1);
    tcg_gen_setcond(S_, TCG_COND_EQ, dc->tr->t, REG(RN(insn)), sh4_const(dc, 0));
    return true;
}

/* ---- logic ----------------------------------------------------------------- */

TRANS(and) { tcg_gen_and(S_, REG(RN(insn)), REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(or) { tcg_gen_or(S_, REG(RN(insn)), REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(xor) { tcg_gen_xor(S_, REG(RN(insn)), REG(RN(insn)), REG(RM(insn))); return true; }
TRANS(and_imm) { tcg_gen_andi(S_, REG(0), REG(0), IMM8U(insn)); return true; }
TRANS(or_imm) { tcg_gen_ori(S_, REG(0), REG(0), IMM8U(insn)); return true; }
TRANS(xor_imm) { tcg_gen_xori(S_, REG(0), REG(0), IMM8U(insn)); return true; }

TRANS(tst)
{
    tcg_val a = sh4_tmp(dc);
    tcg_gen_and(S_, a, REG(RN(insn)), REG(RM(insn)));
    tcg_gen_setcond(S_, TCG_COND_EQ, dc->tr->t, a, sh4_const(dc, 0));
    return true;
}

TRANS(tst_imm)
{
    tcg_val a = sh4_tmp(dc);
    tcg_gen_andi(S_, a, REG(0), IMM8U(insn));
    tcg_gen_setcond(S_, TCG_COND_EQ, dc->tr->t, a, sh4_const(dc, 0));
    return true;
}

/* and.b / or.b / xor.b / tst.b #imm,@(R0,GBR): 1100 11oo */
TRANS(logic_gbr)
{
    tcg_val a = sh4_tmp(dc), r = sh4_tmp(dc);
    tcg_gen_add(S_, a, REG(0), dc->tr->gbr);
    tcg_val v = sh4_gen_ld(dc, a, TCG_MO_8);
    switch ((insn >> 8) & 3) {
    case 0:
        tcg_gen_andi(S_, r, v, IMM8U(insn));
        tcg_gen_setcond(S_, TCG_COND_EQ, dc->tr->t, r, sh4_const(dc, 0));
        return true;
    case 1: tcg_gen_andi(S_, r, v, IMM8U(insn)); break;
    case 2: tcg_gen_xori(S_, r, v, IMM8U(insn)); break;
    default: tcg_gen_ori(S_, r, v, IMM8U(insn)); break;
    }
    sh4_gen_st(dc, r, a, TCG_MO_8);
    return true;
}

TRANS(tas)
{
    /* read-modify-write as one bus-locked access: the TLB is checked by
     * the load, and the store cannot fault after it on the same byte */
    tcg_val v = sh4_gen_ld(dc, REG(RN(insn)), TCG_MO_8), r = sh4_tmp(dc);
    tcg_gen_setcond(S_, TCG_COND_EQ, dc->tr->t, v, sh4_const(dc, 0));
    tcg_gen_ori(S_, r, v, 0x80);
    sh4_gen_st(dc, r, REG(RN(insn)), TCG_MO_8);
    return true;
}

/* ---- shifts -------------------------------------------------------------------- */

/* The one-bit shifts and rotates: T gets the bit that leaves Rn (bit 31
 * going left, bit 0 going right), then Rn = op(Rn, n). */
static bool sh4_shift1(sh4_dc *dc, uint16_t insn, bool left, tcg_opcode op, uint32_t n)
{
    tcg_val rn = REG(RN(insn));
    if (left)
        tcg_gen_shri(S_, dc->tr->t, rn, 31);
    else
        tcg_gen_andi(S_, dc->tr->t, rn, 1);
    const uint32_t args[TCG_MAX_ARGS] = { rn, rn, sh4_const(dc, n) };
    tcg_emit(S_, op, args);
    return true;
}

TRANS(shll) { return sh4_shift1(dc, insn, true, TCG_OP_shl, 1); }     /* also shal */
TRANS(shlr) { return sh4_shift1(dc, insn, false, TCG_OP_shr, 1); }
TRANS(shar) { return sh4_shift1(dc, insn, false, TCG_OP_sar, 1); }
TRANS(rotl) { return sh4_shift1(dc, insn, true, TCG_OP_rotr, 31); }
TRANS(rotr) { return sh4_shift1(dc, insn, false, TCG_OP_rotr, 1); }

TRANS(rotcl)
{
    tcg_val c = sh4_tmp(dc), r = sh4_tmp(dc);
    tcg_gen_shri(S_, c, REG(RN(insn)), 31);
    tcg_gen_shli(S_, r, REG(RN(insn)), 1);
    tcg_gen_or(S_, REG(RN(insn)), r, dc->tr->t);
    tcg_gen_mov(S_, dc->tr->t, c);
    return true;
}

TRANS(rotcr)
{
    tcg_val c = sh4_tmp(dc), r = sh4_tmp(dc), t = sh4_tmp(dc);
    tcg_gen_andi(S_, c, REG(RN(insn)), 1);
    tcg_gen_shri(S_, r, REG(RN(insn)), 1);
    tcg_gen_shli(S_, t, dc->tr->t, 31);
    tcg_gen_or(S_, REG(RN(insn)), r, t);
    tcg_gen_mov(S_, dc->tr->t, c);
    return true;
}

/* shll2/8/16 and shlr2/8/16: 0100 nnnn 00ss 100d */
TRANS(shift_n)
{
    static const uint32_t amt[3] = { 2, 8, 16 };
    uint32_t k = (insn >> 4) & 3;
    if (k == 3)
        return false;
    if (insn & 1)
        tcg_gen_shri(S_, REG(RN(insn)), REG(RN(insn)), amt[k]);
    else
        tcg_gen_shli(S_, REG(RN(insn)), REG(RN(insn)), amt[k]);
    return true;
}

static bool sh4_dyn_shift(sh4_dc *dc, uint16_t insn, bool arith)
{
    tcg_ctx *s = dc->s;
    tcg_val n = REG(RN(insn)), m = REG(RM(insn)), z = sh4_const(dc, 0);
    tcg_val sh = sh4_tmp(dc), left = sh4_tmp(dc), ramt = sh4_tmp(dc), r1 = sh4_tmp(dc);
    tcg_val r2 = sh4_tmp(dc), rr = sh4_tmp(dc);
    tcg_gen_andi(s, sh, m, 31);
    tcg_gen_shl(s, left, n, sh);
    /* negative Rm: right by 32 - (Rm & 31), a count of 32 when Rm & 31 == 0 */
    tcg_gen_neg(s, ramt, m);
    tcg_gen_andi(s, ramt, ramt, 31);
    if (arith) {
        tcg_gen_sar(s, r1, n, ramt);
        tcg_gen_sari(s, r2, n, 31);
    } else {
        tcg_gen_shr(s, r1, n, ramt);
        tcg_gen_movi(s, r2, 0);
    }
    tcg_gen_movcond(s, TCG_COND_EQ, rr, sh, z, r2, r1);
    tcg_gen_movcond(s, TCG_COND_GE, n, m, z, left, rr);
    return true;
}

TRANS(shad) { return sh4_dyn_shift(dc, insn, true); }
TRANS(shld) { return sh4_dyn_shift(dc, insn, false); }

/* ---- branches ------------------------------------------------------------------- */

static uint32_t sh4_disp8_target(const sh4_dc *dc, uint16_t insn)
{
    return dc->pc + 4 + IMM8S(insn) * 2;
}

static uint32_t sh4_disp12_target(const sh4_dc *dc, uint16_t insn)
{
    int32_t d = (int32_t)((uint32_t)(insn & 0xfff) << 20) >> 20;
    return dc->pc + 4 + (uint32_t)d * 2;
}

TRANS(bt) { sh4_gen_cond_branch(dc, true, sh4_disp8_target(dc, insn)); return true; }
TRANS(bf) { sh4_gen_cond_branch(dc, false, sh4_disp8_target(dc, insn)); return true; }

TRANS(bts)
{
    sh4_gen_delayed_branch(dc, sh4_const(dc, sh4_disp8_target(dc, insn)), dc->tr->t);
    return true;
}

TRANS(bfs)
{
    tcg_val c = sh4_tmp(dc);
    tcg_gen_setcond(S_, TCG_COND_EQ, c, dc->tr->t, sh4_const(dc, 0));
    sh4_gen_delayed_branch(dc, sh4_const(dc, sh4_disp8_target(dc, insn)), c);
    return true;
}

TRANS(bra)
{
    sh4_gen_delayed_branch(dc, sh4_const(dc, sh4_disp12_target(dc, insn)), TCG_VAL_NONE);
    return true;
}

TRANS(bsr)
{
    tcg_gen_movi(S_, dc->tr->pr, dc->pc + 4);
    sh4_gen_delayed_branch(dc, sh4_const(dc, sh4_disp12_target(dc, insn)), TCG_VAL_NONE);
    return true;
}

TRANS(braf)
{
    tcg_val t = sh4_tmp(dc);
    tcg_gen_addi(S_, t, REG(RN(insn)), dc->pc + 4);
    sh4_gen_delayed_branch(dc, t, TCG_VAL_NONE);
    return true;
}

TRANS(bsrf)
{
    tcg_val t = sh4_tmp(dc);
    tcg_gen_addi(S_, t, REG(RN(insn)), dc->pc + 4);
    tcg_gen_movi(S_, dc->tr->pr, dc->pc + 4);
    sh4_gen_delayed_branch(dc, t, TCG_VAL_NONE);
    return true;
}

TRANS(jmp) { sh4_gen_delayed_branch(dc, REG(RN(insn)), TCG_VAL_NONE); return true; }

TRANS(jsr)
{
    tcg_val t = sh4_tmp(dc);
    tcg_gen_mov(S_, t, REG(RN(insn)));
    tcg_gen_movi(S_, dc->tr->pr, dc->pc + 4);
    sh4_gen_delayed_branch(dc, t, TCG_VAL_NONE);
    return true;
}

TRANS(rts) { sh4_gen_delayed_branch(dc, dc->tr->pr, TCG_VAL_NONE); return true; }

TRANS(rte)
{
    /* SR = SSR now; the slot runs in the next TB with the new SR, then
     * the CPU continues at SPC (sh4_helper_rte parks it in delayed_pc) */
    tcg_gen_movi(S_, dc->tr->pc, dc->pc + 2);
    sh4_gen_helper(dc, SH4_H_RTE, false, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
    tcg_gen_exit_tb(S_);
    dc->end_tb = true;
    return true;
}

/* ---- system ---------------------------------------------------------------------- */

TRANS(nop) { return true; }
TRANS(clrt) { tcg_gen_movi(S_, dc->tr->t, 0); return true; }
TRANS(sett) { tcg_gen_movi(S_, dc->tr->t, 1); return true; }

TRANS(clrmac)
{
    tcg_gen_movi(S_, dc->tr->mach, 0);
    tcg_gen_movi(S_, dc->tr->macl, 0);
    return true;
}

static void sh4_gen_sr_s(sh4_dc *dc, bool set)
{
    tcg_val v = sh4_tmp(dc);
    tcg_gen_ld_env(dc->s, v, offsetof(sh4_cpu, sr));
    if (set)
        tcg_gen_ori(dc->s, v, v, SH4_SR_S);
    else
        tcg_gen_andi(dc->s, v, v, ~SH4_SR_S);
    tcg_gen_st_env(dc->s, v, offsetof(sh4_cpu, sr));
}

TRANS(clrs) { sh4_gen_sr_s(dc, false); return true; }
TRANS(sets) { sh4_gen_sr_s(dc, true); return true; }

/* Control registers by the 4-bit field of LDC/STC: 0 SR, 1 GBR, 2 VBR,
 * 3 SSR, 4 SPC, 8..15 R0_BANK..R7_BANK.  Returns the env offset, or 0
 * for SR / GBR (globals / helper) or an invalid field. */
static size_t sh4_creg_off(uint32_t f)
{
    switch (f) {
    case 2: return offsetof(sh4_cpu, vbr);
    case 3: return offsetof(sh4_cpu, ssr);
    case 4: return offsetof(sh4_cpu, spc);
    default:
        if (f >= 8)
            return offsetof(sh4_cpu, bank) + 4 * (f - 8);
        return 0;
    }
}

static tcg_val sh4_gen_creg_read(sh4_dc *dc, uint32_t f)
{
    if (f == 0)
        return sh4_gen_helper(dc, SH4_H_SR_READ, true, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE,
                              TCG_VAL_NONE);
    if (f == 1)
        return dc->tr->gbr;
    tcg_val v = sh4_tmp(dc);
    tcg_gen_ld_env(dc->s, v, sh4_creg_off(f));
    return v;
}

static void sh4_gen_creg_write(sh4_dc *dc, uint32_t f, tcg_val v)
{
    if (f == 0) {
        sh4_gen_helper(dc, SH4_H_SR_WRITE, false, v, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
        sh4_gen_update_exit(dc);
    } else if (f == 1) {
        tcg_gen_mov(dc->s, dc->tr->gbr, v);
    } else {
        tcg_gen_st_env(dc->s, v, sh4_creg_off(f));
    }
}

static bool sh4_creg_ok(sh4_dc *dc, uint32_t f)
{
    if (f > 4 && f < 8)
        return false;
    /* everything but GBR is privileged */
    return f == 1 || (dc->flags & SH4_TBFLAG_MD);
}

/* ldc Rm,X: 0100 mmmm ffff 1110 */
TRANS(ldc)
{
    uint32_t f = (insn >> 4) & 15;
    if (!sh4_creg_ok(dc, f))
        return false;
    if (f == 0 && dc->in_slot)
        return false;
    sh4_gen_creg_write(dc, f, REG(RN(insn)));
    return true;
}

/* ldc.l @Rm+,X: 0100 mmmm ffff 0111 */
TRANS(ldcl)
{
    uint32_t f = (insn >> 4) & 15;
    if (!sh4_creg_ok(dc, f))
        return false;
    if (f == 0 && dc->in_slot)
        return false;
    tcg_val v = sh4_gen_pop32(dc, RN(insn));
    sh4_gen_creg_write(dc, f, v);
    return true;
}

/* stc X,Rn: 0000 nnnn ffff 0010 */
TRANS(stc)
{
    uint32_t f = (insn >> 4) & 15;
    if (!sh4_creg_ok(dc, f))
        return false;
    tcg_gen_mov(S_, REG(RN(insn)), sh4_gen_creg_read(dc, f));
    return true;
}

/* stc.l X,@-Rn: 0100 nnnn ffff 0011 */
TRANS(stcl)
{
    uint32_t f = (insn >> 4) & 15;
    if (!sh4_creg_ok(dc, f))
        return false;
    sh4_gen_push32(dc, RN(insn), sh4_gen_creg_read(dc, f));
    return true;
}

/* SGR and DBR: stc / stc.l (privileged), ldc / ldc.l DBR */
static size_t sh4_xreg_off(uint16_t insn)
{
    return ((insn >> 4) & 15) == 3 ? offsetof(sh4_cpu, sgr) : offsetof(sh4_cpu, dbr);
}

TRANS(stc_x)
{
    tcg_val v = sh4_tmp(dc);
    tcg_gen_ld_env(S_, v, sh4_xreg_off(insn));
    tcg_gen_mov(S_, REG(RN(insn)), v);
    return true;
}

TRANS(stcl_x)
{
    tcg_val v = sh4_tmp(dc);
    tcg_gen_ld_env(S_, v, sh4_xreg_off(insn));
    sh4_gen_push32(dc, RN(insn), v);
    return true;
}

TRANS(ldc_dbr) { tcg_gen_st_env(S_, REG(RN(insn)), offsetof(sh4_cpu, dbr)); return true; }

TRANS(ldcl_dbr)
{
    tcg_val v = sh4_gen_pop32(dc, RN(insn));
    tcg_gen_st_env(S_, v, offsetof(sh4_cpu, dbr));
    return true;
}

/* System registers of LDS/STS by field: 0 MACH, 1 MACL, 2 PR, 5 FPUL, 6 FPSCR */
static tcg_val sh4_sreg(sh4_dc *dc, uint32_t f)
{
    switch (f) {
    case 0: return dc->tr->mach;
    case 1: return dc->tr->macl;
    case 2: return dc->tr->pr;
    case 5: return dc->tr->fpul;
    default: return TCG_VAL_NONE;
    }
}

static bool sh4_sreg_fpu_ok(sh4_dc *dc, uint32_t f)
{
    if (f == 5 || f == 6) {
        if (dc->flags & SH4_TBFLAG_FD) {
            sh4_gen_exception(dc, dc->in_slot ? SH4_EXCP_SLOT_FPU_DISABLE : SH4_EXCP_FPU_DISABLE);
            return false;
        }
    }
    return true;
}

static void sh4_gen_fpscr_write(sh4_dc *dc, tcg_val v)
{
    sh4_gen_helper(dc, SH4_H_FPSCR_WRITE, false, v, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
    sh4_gen_update_exit(dc);   /* PR and SZ are TB flags */
}

/* lds Rm,X: 0100 mmmm ffff 1010 */
TRANS(lds)
{
    uint32_t f = (insn >> 4) & 15;
    if (!sh4_sreg_fpu_ok(dc, f))
        return true;
    if (f == 6)
        sh4_gen_fpscr_write(dc, REG(RN(insn)));
    else
        tcg_gen_mov(S_, sh4_sreg(dc, f), REG(RN(insn)));
    return true;
}

/* lds.l @Rm+,X: 0100 mmmm ffff 0110 */
TRANS(ldsl)
{
    uint32_t f = (insn >> 4) & 15;
    if (!sh4_sreg_fpu_ok(dc, f))
        return true;
    tcg_val v = sh4_gen_pop32(dc, RN(insn));
    if (f == 6)
        sh4_gen_fpscr_write(dc, v);
    else
        tcg_gen_mov(S_, sh4_sreg(dc, f), v);
    return true;
}

static tcg_val sh4_sreg_read(sh4_dc *dc, uint32_t f)
{
    if (f == 6) {
        tcg_val v = sh4_tmp(dc);
        tcg_gen_ld_env(dc->s, v, offsetof(sh4_cpu, fpscr));
        return v;
    }
    return sh4_sreg(dc, f);
}

/* sts X,Rn: 0000 nnnn ffff 1010 */
TRANS(sts)
{
    uint32_t f = (insn >> 4) & 15;
    if (!sh4_sreg_fpu_ok(dc, f))
        return true;
    tcg_gen_mov(S_, REG(RN(insn)), sh4_sreg_read(dc, f));
    return true;
}

/* sts.l X,@-Rn: 0100 nnnn ffff 0010 */
TRANS(stsl)
{
    uint32_t f = (insn >> 4) & 15;
    if (!sh4_sreg_fpu_ok(dc, f))
        return true;
    sh4_gen_push32(dc, RN(insn), sh4_sreg_read(dc, f));
    return true;
}

TRANS(ldtlb)
{
    sh4_gen_helper(dc, SH4_H_LDTLB, false, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
    sh4_gen_update_exit(dc);
    return true;
}

TRANS(movca)
{
    sh4_gen_st(dc, REG(0), REG(RN(insn)), TCG_MO_32);
    return true;
}

TRANS(ocb) { return true; }   /* caches are not modelled: write-back/invalidate are no-ops */

TRANS(pref)
{
    sh4_gen_helper(dc, SH4_H_PREF, false, REG(RN(insn)), TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
    return true;
}

TRANS(sleep)
{
    tcg_gen_movi(S_, dc->tr->pc, dc->pc + 2);
    sh4_gen_helper(dc, SH4_H_SLEEP, false, sh4_const(dc, dc->pc + 2), TCG_VAL_NONE, TCG_VAL_NONE,
                   TCG_VAL_NONE);
    tcg_gen_exit_tb(S_);
    dc->end_tb = true;
    return true;
}

TRANS(trapa)
{
    sh4_gen_helper(dc, SH4_H_TRAPA, false, sh4_const(dc, IMM8U(insn)), sh4_const(dc, dc->pc + 2),
                   TCG_VAL_NONE, TCG_VAL_NONE);
    tcg_gen_exit_tb(S_);
    dc->end_tb = true;
    return true;
}

/* FPU handlers (translate-fpu.c) */
bool sh4_trans_fop(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fcmp(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fmov(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fmov_ld(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fmov_st(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fmac(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fsts(sh4_dc *dc, uint16_t insn);
bool sh4_trans_flds(sh4_dc *dc, uint16_t insn);
bool sh4_trans_float(sh4_dc *dc, uint16_t insn);
bool sh4_trans_ftrc(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fneg_abs(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fsqrt(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fsrra(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fldi(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fcnvsd(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fcnvds(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fipr(sh4_dc *dc, uint16_t insn);
bool sh4_trans_ftrv(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fsca(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fschg(sh4_dc *dc, uint16_t insn);
bool sh4_trans_frchg(sh4_dc *dc, uint16_t insn);
bool sh4_trans_fpchg(sh4_dc *dc, uint16_t insn);

#define SI SH4_P_SLOT_ILLEGAL
#define FP SH4_P_FPU
#define PV SH4_P_PRIV

const sh4_pattern sh4_patterns[] = {
    /* 0000 */
    { 0xffff, 0x0009, trans_nop,     1, 0,  "nop" },
    { 0xffff, 0x0008, trans_clrt,    1, 0,  "clrt" },
    { 0xffff, 0x0018, trans_sett,    1, 0,  "sett" },
    { 0xffff, 0x0028, trans_clrmac,  1, 0,  "clrmac" },
    { 0xffff, 0x0038, trans_ldtlb,   1, PV, "ldtlb" },
    { 0xffff, 0x0048, trans_clrs,    1, 0,  "clrs" },
    { 0xffff, 0x0058, trans_sets,    1, 0,  "sets" },
    { 0xffff, 0x0019, trans_div0u,   1, 0,  "div0u" },
    { 0xffff, 0x000b, trans_rts,     2, SI, "rts" },
    { 0xffff, 0x001b, trans_sleep,   4, PV, "sleep" },
    { 0xffff, 0x002b, trans_rte,     5, SI | PV, "rte" },
    { 0xf0ff, 0x0002, trans_stc,     2, PV, "stc sr,%n" },
    { 0xf0ff, 0x0012, trans_stc,     2, 0,  "stc gbr,%n" },
    { 0xf0ff, 0x0022, trans_stc,     2, PV, "stc vbr,%n" },
    { 0xf0ff, 0x0032, trans_stc,     2, PV, "stc ssr,%n" },
    { 0xf0ff, 0x0042, trans_stc,     2, PV, "stc spc,%n" },
    { 0xf08f, 0x0082, trans_stc,     2, PV, "stc %B,%n" },
    { 0xf0ff, 0x003a, trans_stc_x,   2, PV, "stc sgr,%n" },
    { 0xf0ff, 0x00fa, trans_stc_x,   2, PV, "stc dbr,%n" },
    { 0xf0ff, 0x0003, trans_bsrf,    2, SI, "bsrf %n" },
    { 0xf0ff, 0x0023, trans_braf,    2, SI, "braf %n" },
    { 0xf0ff, 0x0083, trans_pref,    1, 0,  "pref @%n" },
    { 0xf0ff, 0x0093, trans_ocb,     1, 0,  "ocbi @%n" },
    { 0xf0ff, 0x00a3, trans_ocb,     1, 0,  "ocbp @%n" },
    { 0xf0ff, 0x00b3, trans_ocb,     1, 0,  "ocbwb @%n" },
    { 0xf0ff, 0x00c3, trans_movca,   1, 0,  "movca.l r0,@%n" },
    { 0xf00f, 0x0004, trans_st_r0,   1, 0,  "mov.b %m,@(r0,%n)" },
    { 0xf00f, 0x0005, trans_st_r0,   1, 0,  "mov.w %m,@(r0,%n)" },
    { 0xf00f, 0x0006, trans_st_r0,   1, 0,  "mov.l %m,@(r0,%n)" },
    { 0xf00f, 0x0007, trans_mull,    2, 0,  "mul.l %m,%n" },
    { 0xf0ff, 0x0029, trans_movt,    1, 0,  "movt %n" },
    { 0xf0ff, 0x000a, trans_sts,     1, 0,  "sts mach,%n" },
    { 0xf0ff, 0x001a, trans_sts,     1, 0,  "sts macl,%n" },
    { 0xf0ff, 0x002a, trans_sts,     1, 0,  "sts pr,%n" },
    { 0xf0ff, 0x005a, trans_sts,     1, 0,  "sts fpul,%n" },
    { 0xf0ff, 0x006a, trans_sts,     1, 0,  "sts fpscr,%n" },
    { 0xf00f, 0x000c, trans_ld_r0,   1, 0,  "mov.b @(r0,%m),%n" },
    { 0xf00f, 0x000d, trans_ld_r0,   1, 0,  "mov.w @(r0,%m),%n" },
    { 0xf00f, 0x000e, trans_ld_r0,   1, 0,  "mov.l @(r0,%m),%n" },
    { 0xf00f, 0x000f, trans_macl,    2, 0,  "mac.l @%m+,@%n+" },
    /* 0001 */
    { 0xf000, 0x1000, trans_stl_disp, 1, 0, "mov.l %m,@(%4,%n)" },
    /* 0010 */
    { 0xf00f, 0x2000, trans_st_rn,   1, 0,  "mov.b %m,@%n" },
    { 0xf00f, 0x2001, trans_st_rn,   1, 0,  "mov.w %m,@%n" },
    { 0xf00f, 0x2002, trans_st_rn,   1, 0,  "mov.l %m,@%n" },
    { 0xf00f, 0x2004, trans_st_predec, 1, 0, "mov.b %m,@-%n" },
    { 0xf00f, 0x2005, trans_st_predec, 1, 0, "mov.w %m,@-%n" },
    { 0xf00f, 0x2006, trans_st_predec, 1, 0, "mov.l %m,@-%n" },
    { 0xf00f, 0x2007, trans_div0s,   1, 0,  "div0s %m,%n" },
    { 0xf00f, 0x2008, trans_tst,     1, 0,  "tst %m,%n" },
    { 0xf00f, 0x2009, trans_and,     1, 0,  "and %m,%n" },
    { 0xf00f, 0x200a, trans_xor,     1, 0,  "xor %m,%n" },
    { 0xf00f, 0x200b, trans_or,      1, 0,  "or %m,%n" },
    { 0xf00f, 0x200c, trans_cmp_str, 1, 0,  "cmp/str %m,%n" },
    { 0xf00f, 0x200d, trans_xtrct,   1, 0,  "xtrct %m,%n" },
    { 0xf00f, 0x200e, trans_muluw,   2, 0,  "mulu.w %m,%n" },
    { 0xf00f, 0x200f, trans_mulsw,   2, 0,  "muls.w %m,%n" },
    /* 0011 */
    { 0xf00f, 0x3000, trans_cmp_eq,  1, 0,  "cmp/eq %m,%n" },
    { 0xf00f, 0x3002, trans_cmp_hs,  1, 0,  "cmp/hs %m,%n" },
    { 0xf00f, 0x3003, trans_cmp_ge,  1, 0,  "cmp/ge %m,%n" },
    { 0xf00f, 0x3004, trans_div1,    1, 0,  "div1 %m,%n" },
    { 0xf00f, 0x3005, trans_dmulu,   2, 0,  "dmulu.l %m,%n" },
    { 0xf00f, 0x3006, trans_cmp_hi,  1, 0,  "cmp/hi %m,%n" },
    { 0xf00f, 0x3007, trans_cmp_gt,  1, 0,  "cmp/gt %m,%n" },
    { 0xf00f, 0x3008, trans_sub,     1, 0,  "sub %m,%n" },
    { 0xf00f, 0x300a, trans_subc,    1, 0,  "subc %m,%n" },
    { 0xf00f, 0x300b, trans_subv,    1, 0,  "subv %m,%n" },
    { 0xf00f, 0x300c, trans_add,     1, 0,  "add %m,%n" },
    { 0xf00f, 0x300d, trans_dmuls,   2, 0,  "dmuls.l %m,%n" },
    { 0xf00f, 0x300e, trans_addc,    1, 0,  "addc %m,%n" },
    { 0xf00f, 0x300f, trans_addv,    1, 0,  "addv %m,%n" },
    /* 0100 */
    { 0xf0ff, 0x4000, trans_shll,    1, 0,  "shll %n" },
    { 0xf0ff, 0x4010, trans_dt,      1, 0,  "dt %n" },
    { 0xf0ff, 0x4020, trans_shll,    1, 0,  "shal %n" },
    { 0xf0ff, 0x4001, trans_shlr,    1, 0,  "shlr %n" },
    { 0xf0ff, 0x4011, trans_cmp_pz,  1, 0,  "cmp/pz %n" },
    { 0xf0ff, 0x4021, trans_shar,    1, 0,  "shar %n" },
    { 0xf0ff, 0x4002, trans_stsl,    1, 0,  "sts.l mach,@-%n" },
    { 0xf0ff, 0x4012, trans_stsl,    1, 0,  "sts.l macl,@-%n" },
    { 0xf0ff, 0x4022, trans_stsl,    1, 0,  "sts.l pr,@-%n" },
    { 0xf0ff, 0x4052, trans_stsl,    1, 0,  "sts.l fpul,@-%n" },
    { 0xf0ff, 0x4062, trans_stsl,    1, 0,  "sts.l fpscr,@-%n" },
    { 0xf0ff, 0x4032, trans_stcl_x,  2, PV, "stc.l sgr,@-%n" },
    { 0xf0ff, 0x40f2, trans_stcl_x,  2, PV, "stc.l dbr,@-%n" },
    { 0xf0ff, 0x4003, trans_stcl,    2, PV, "stc.l sr,@-%n" },
    { 0xf0ff, 0x4013, trans_stcl,    2, 0,  "stc.l gbr,@-%n" },
    { 0xf0ff, 0x4023, trans_stcl,    2, PV, "stc.l vbr,@-%n" },
    { 0xf0ff, 0x4033, trans_stcl,    2, PV, "stc.l ssr,@-%n" },
    { 0xf0ff, 0x4043, trans_stcl,    2, PV, "stc.l spc,@-%n" },
    { 0xf08f, 0x4083, trans_stcl,    2, PV, "stc.l %B,@-%n" },
    { 0xf0ff, 0x4004, trans_rotl,    1, 0,  "rotl %n" },
    { 0xf0ff, 0x4024, trans_rotcl,   1, 0,  "rotcl %n" },
    { 0xf0ff, 0x4005, trans_rotr,    1, 0,  "rotr %n" },
    { 0xf0ff, 0x4015, trans_cmp_pl,  1, 0,  "cmp/pl %n" },
    { 0xf0ff, 0x4025, trans_rotcr,   1, 0,  "rotcr %n" },
    { 0xf0ff, 0x4006, trans_ldsl,    1, 0,  "lds.l @%n+,mach" },
    { 0xf0ff, 0x4016, trans_ldsl,    1, 0,  "lds.l @%n+,macl" },
    { 0xf0ff, 0x4026, trans_ldsl,    1, 0,  "lds.l @%n+,pr" },
    { 0xf0ff, 0x4056, trans_ldsl,    1, 0,  "lds.l @%n+,fpul" },
    { 0xf0ff, 0x4066, trans_ldsl,    1, 0,  "lds.l @%n+,fpscr" },
    { 0xf0ff, 0x40f6, trans_ldcl_dbr, 1, PV, "ldc.l @%n+,dbr" },
    { 0xf0ff, 0x4007, trans_ldcl,    4, SI | PV, "ldc.l @%n+,sr" },
    { 0xf0ff, 0x4017, trans_ldcl,    1, 0,  "ldc.l @%n+,gbr" },
    { 0xf0ff, 0x4027, trans_ldcl,    1, PV, "ldc.l @%n+,vbr" },
    { 0xf0ff, 0x4037, trans_ldcl,    1, PV, "ldc.l @%n+,ssr" },
    { 0xf0ff, 0x4047, trans_ldcl,    1, PV, "ldc.l @%n+,spc" },
    { 0xf08f, 0x4087, trans_ldcl,    1, PV, "ldc.l @%n+,%B" },
    { 0xf0cf, 0x4008, trans_shift_n, 1, 0,  "shll%S %n" },
    { 0xf0cf, 0x4009, trans_shift_n, 1, 0,  "shlr%S %n" },
    { 0xf0ff, 0x400a, trans_lds,     1, 0,  "lds %n,mach" },
    { 0xf0ff, 0x401a, trans_lds,     1, 0,  "lds %n,macl" },
    { 0xf0ff, 0x402a, trans_lds,     1, 0,  "lds %n,pr" },
    { 0xf0ff, 0x405a, trans_lds,     1, 0,  "lds %n,fpul" },
    { 0xf0ff, 0x406a, trans_lds,     1, 0,  "lds %n,fpscr" },
    { 0xf0ff, 0x40fa, trans_ldc_dbr, 1, PV, "ldc %n,dbr" },
    { 0xf0ff, 0x400b, trans_jsr,     2, SI, "jsr @%n" },
    { 0xf0ff, 0x401b, trans_tas,     5, 0,  "tas.b @%n" },
    { 0xf0ff, 0x402b, trans_jmp,     2, SI, "jmp @%n" },
    { 0xf00f, 0x400c, trans_shad,    1, 0,  "shad %m,%n" },
    { 0xf00f, 0x400d, trans_shld,    1, 0,  "shld %m,%n" },
    { 0xf0ff, 0x400e, trans_ldc,     4, SI | PV, "ldc %n,sr" },
    { 0xf0ff, 0x401e, trans_ldc,     1, 0,  "ldc %n,gbr" },
    { 0xf0ff, 0x402e, trans_ldc,     1, PV, "ldc %n,vbr" },
    { 0xf0ff, 0x403e, trans_ldc,     1, PV, "ldc %n,ssr" },
    { 0xf0ff, 0x404e, trans_ldc,     1, PV, "ldc %n,spc" },
    { 0xf08f, 0x408e, trans_ldc,     1, PV, "ldc %n,%B" },
    { 0xf00f, 0x400f, trans_macw,    2, 0,  "mac.w @%m+,@%n+" },
    /* 0101 */
    { 0xf000, 0x5000, trans_ldl_disp, 1, 0, "mov.l @(%4,%m),%n" },
    /* 0110 */
    { 0xf00f, 0x6000, trans_ld_rm,   1, 0,  "mov.b @%m,%n" },
    { 0xf00f, 0x6001, trans_ld_rm,   1, 0,  "mov.w @%m,%n" },
    { 0xf00f, 0x6002, trans_ld_rm,   1, 0,  "mov.l @%m,%n" },
    { 0xf00f, 0x6003, trans_mov,     1, 0,  "mov %m,%n" },
    { 0xf00f, 0x6004, trans_ld_postinc, 1, 0, "mov.b @%m+,%n" },
    { 0xf00f, 0x6005, trans_ld_postinc, 1, 0, "mov.w @%m+,%n" },
    { 0xf00f, 0x6006, trans_ld_postinc, 1, 0, "mov.l @%m+,%n" },
    { 0xf00f, 0x6007, trans_not,     1, 0,  "not %m,%n" },
    { 0xf00f, 0x6008, trans_swapb,   1, 0,  "swap.b %m,%n" },
    { 0xf00f, 0x6009, trans_swapw,   1, 0,  "swap.w %m,%n" },
    { 0xf00f, 0x600a, trans_negc,    1, 0,  "negc %m,%n" },
    { 0xf00f, 0x600b, trans_neg,     1, 0,  "neg %m,%n" },
    { 0xf00f, 0x600c, trans_extub,   1, 0,  "extu.b %m,%n" },
    { 0xf00f, 0x600d, trans_extuw,   1, 0,  "extu.w %m,%n" },
    { 0xf00f, 0x600e, trans_extsb,   1, 0,  "exts.b %m,%n" },
    { 0xf00f, 0x600f, trans_extsw,   1, 0,  "exts.w %m,%n" },
    /* 0111 */
    { 0xf000, 0x7000, trans_add_imm, 1, 0,  "add #%i,%n" },
    /* 1000 */
    { 0xff00, 0x8000, trans_st_disp_r0, 1, 0, "mov.b r0,@(%1,%m)" },
    { 0xff00, 0x8100, trans_st_disp_r0, 1, 0, "mov.w r0,@(%2,%m)" },
    { 0xff00, 0x8400, trans_ld_disp_r0, 1, 0, "mov.b @(%1,%m),r0" },
    { 0xff00, 0x8500, trans_ld_disp_r0, 1, 0, "mov.w @(%2,%m),r0" },
    { 0xff00, 0x8800, trans_cmp_imm, 1, 0,  "cmp/eq #%i,r0" },
    { 0xff00, 0x8900, trans_bt,      1, SI, "bt %j" },
    { 0xff00, 0x8b00, trans_bf,      1, SI, "bf %j" },
    { 0xff00, 0x8d00, trans_bts,     1, SI, "bt/s %j" },
    { 0xff00, 0x8f00, trans_bfs,     1, SI, "bf/s %j" },
    /* 1001 */
    { 0xf000, 0x9000, trans_movw_pc, 1, 0,  "mov.w @(%w),%n" },
    /* 1010, 1011 */
    { 0xf000, 0xa000, trans_bra,     2, SI, "bra %J" },
    { 0xf000, 0xb000, trans_bsr,     2, SI, "bsr %J" },
    /* 1100 */
    { 0xff00, 0xc300, trans_trapa,   7, SI, "trapa #%x" },
    { 0xff00, 0xc700, trans_mova,    1, 0,  "mova @(%l),r0" },
    { 0xfc00, 0xc000, trans_st_gbr,  1, 0,  "mov.%z r0,@(%g,gbr)" },
    { 0xfc00, 0xc400, trans_ld_gbr,  1, 0,  "mov.%z @(%g,gbr),r0" },
    { 0xff00, 0xc800, trans_tst_imm, 1, 0,  "tst #%x,r0" },
    { 0xff00, 0xc900, trans_and_imm, 1, 0,  "and #%x,r0" },
    { 0xff00, 0xca00, trans_xor_imm, 1, 0,  "xor #%x,r0" },
    { 0xff00, 0xcb00, trans_or_imm,  1, 0,  "or #%x,r0" },
    { 0xff00, 0xcc00, trans_logic_gbr, 3, 0, "tst.b #%x,@(r0,gbr)" },
    { 0xff00, 0xcd00, trans_logic_gbr, 4, 0, "and.b #%x,@(r0,gbr)" },
    { 0xff00, 0xce00, trans_logic_gbr, 4, 0, "xor.b #%x,@(r0,gbr)" },
    { 0xff00, 0xcf00, trans_logic_gbr, 4, 0, "or.b #%x,@(r0,gbr)" },
    /* 1101, 1110 */
    { 0xf000, 0xd000, trans_movl_pc, 1, 0,  "mov.l @(%l),%n" },
    { 0xf000, 0xe000, trans_mov_imm, 1, 0,  "mov #%i,%n" },
    /* 1111: FPU */
    { 0xf00f, 0xf000, sh4_trans_fop,  1, FP, "fadd %M,%N" },
    { 0xf00f, 0xf001, sh4_trans_fop,  1, FP, "fsub %M,%N" },
    { 0xf00f, 0xf002, sh4_trans_fop,  1, FP, "fmul %M,%N" },
    { 0xf00f, 0xf003, sh4_trans_fop,  10, FP, "fdiv %M,%N" },
    { 0xf00f, 0xf004, sh4_trans_fcmp, 1, FP, "fcmp/eq %M,%N" },
    { 0xf00f, 0xf005, sh4_trans_fcmp, 1, FP, "fcmp/gt %M,%N" },
    { 0xf00f, 0xf006, sh4_trans_fmov_ld, 1, FP, "fmov.s @(r0,%m),%N" },
    { 0xf00f, 0xf007, sh4_trans_fmov_st, 1, FP, "fmov.s %M,@(r0,%n)" },
    { 0xf00f, 0xf008, sh4_trans_fmov_ld, 1, FP, "fmov.s @%m,%N" },
    { 0xf00f, 0xf009, sh4_trans_fmov_ld, 1, FP, "fmov.s @%m+,%N" },
    { 0xf00f, 0xf00a, sh4_trans_fmov_st, 1, FP, "fmov.s %M,@%n" },
    { 0xf00f, 0xf00b, sh4_trans_fmov_st, 1, FP, "fmov.s %M,@-%n" },
    { 0xf00f, 0xf00c, sh4_trans_fmov, 1, FP, "fmov %M,%N" },
    { 0xf0ff, 0xf00d, sh4_trans_fsts, 1, FP, "fsts fpul,%N" },
    { 0xf0ff, 0xf01d, sh4_trans_flds, 1, FP, "flds %N,fpul" },
    { 0xf0ff, 0xf02d, sh4_trans_float, 1, FP, "float fpul,%N" },
    { 0xf0ff, 0xf03d, sh4_trans_ftrc, 1, FP, "ftrc %N,fpul" },
    { 0xf0ff, 0xf04d, sh4_trans_fneg_abs, 1, FP, "fneg %N" },
    { 0xf0ff, 0xf05d, sh4_trans_fneg_abs, 1, FP, "fabs %N" },
    { 0xf0ff, 0xf06d, sh4_trans_fsqrt, 11, FP, "fsqrt %N" },
    { 0xf0ff, 0xf07d, sh4_trans_fsrra, 1, FP, "fsrra %N" },
    { 0xf0ff, 0xf08d, sh4_trans_fldi, 1, FP, "fldi0 %N" },
    { 0xf0ff, 0xf09d, sh4_trans_fldi, 1, FP, "fldi1 %N" },
    { 0xf1ff, 0xf0ad, sh4_trans_fcnvsd, 1, FP, "fcnvsd fpul,%D" },
    { 0xf1ff, 0xf0bd, sh4_trans_fcnvds, 1, FP, "fcnvds %D,fpul" },
    { 0xf0ff, 0xf0ed, sh4_trans_fipr, 1, FP, "fipr %W,%V" },
    { 0xffff, 0xf3fd, sh4_trans_fschg, 1, FP, "fschg" },
    { 0xffff, 0xfbfd, sh4_trans_frchg, 1, FP, "frchg" },
    { 0xffff, 0xf7fd, sh4_trans_fpchg, 1, FP, "fpchg" },
    { 0xf3ff, 0xf1fd, sh4_trans_ftrv, 4, FP, "ftrv xmtrx,%V" },
    { 0xf1ff, 0xf0fd, sh4_trans_fsca, 3, FP, "fsca fpul,%D" },
    { 0xf00f, 0xf00e, sh4_trans_fmac, 1, FP, "fmac fr0,%M,%N" },
};

const unsigned sh4_npatterns = sizeof(sh4_patterns) / sizeof(sh4_patterns[0]);
