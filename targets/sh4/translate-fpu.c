/*
 * SH-4 FPU instruction handlers (rows in translate-int.c's table).
 *
 * Register access: FRn / XFn live in env (fregs[], see cpu.h) and are
 * moved with ld_env / st_env; arithmetic is done by helpers
 * (helper-fpu.c) that work on env directly with register numbers as
 * arguments, so one helper serves single and double precision
 * (FPSCR.PR, read from env: PR is also a TB flag, so env agrees with
 * the translation).
 *
 * Which encodings are illegal for which PR (SH-4 Software Manual, 9.x;
 * QEMU 7.2 agrees): FADD/FSUB/FMUL/FDIV/FCMP/FSQRT/FLOAT/FTRC with PR=1
 * need even register numbers; FMAC, FIPR, FTRV, FLDI0/1, FSCHG, FRCHG,
 * FSRRA, FSCA need PR=0; FCNVSD/FCNVDS need PR=1.  With FPSCR.SZ=1 FMOV
 * moves register pairs: bit 0 of the register field selects XDn (the
 * other bank) instead of DRn.
 *
 * 64-bit FMOV (SZ=1) memory layout, as QEMU 7.2: the pair is one
 * little-endian 64-bit value whose high half is FRn, so FRn comes from
 * addr + 4 and FRn+1 from addr; the address must be 8-byte aligned.
 */
#include <stddef.h>

#include "targets/sh4/translate.h"

#define RN(i) (((i) >> 8) & 15u)
#define RM(i) (((i) >> 4) & 15u)
#define REG(n) (dc->tr->regs[(n)])
#define S_ (dc->s)
#define PR_ (dc->flags & SH4_TBFLAG_PR)
#define SZ_ (dc->flags & SH4_TBFLAG_SZ)

/* fregs index of a pair named by a register field with SZ=1 */
static unsigned sh4_pair(unsigned r)
{
    return (r & 1) ? 16 + (r & 14) : r;
}

static void sh4_fhelper(sh4_dc *dc, sh4_helper_id h, uint32_t a0, uint32_t a1)
{
    sh4_gen_helper(dc, h, false, sh4_const(dc, a0), sh4_const(dc, a1), TCG_VAL_NONE, TCG_VAL_NONE);
}

bool sh4_trans_fop(sh4_dc *dc, uint16_t insn)
{
    static const sh4_helper_id ops[4] = { SH4_H_FADD, SH4_H_FSUB, SH4_H_FMUL, SH4_H_FDIV };
    if (PR_ && (insn & 0x0110))
        return false;
    sh4_fhelper(dc, ops[insn & 3], RN(insn), RM(insn));
    if (PR_ && (insn & 3) == 3)
        dc->cycles += 13;   /* FDIV double: 23 cycles against 10 single */
    return true;
}

bool sh4_trans_fcmp(sh4_dc *dc, uint16_t insn)
{
    if (PR_ && (insn & 0x0110))
        return false;
    tcg_val t = sh4_gen_helper(dc, (insn & 1) ? SH4_H_FCMP_GT : SH4_H_FCMP_EQ, true,
                               sh4_const(dc, RN(insn)), sh4_const(dc, RM(insn)), TCG_VAL_NONE,
                               TCG_VAL_NONE);
    tcg_gen_mov(S_, dc->tr->t, t);
    return true;
}

bool sh4_trans_fmov(sh4_dc *dc, uint16_t insn)
{
    if (SZ_) {
        unsigned d = sh4_pair(RN(insn)), s = sh4_pair(RM(insn));
        tcg_val hi = sh4_gen_freg_load(dc, s), lo = sh4_gen_freg_load(dc, s + 1);
        sh4_gen_freg_store(dc, d, hi);
        sh4_gen_freg_store(dc, d + 1, lo);
    } else {
        sh4_gen_freg_store(dc, RN(insn), sh4_gen_freg_load(dc, RM(insn)));
    }
    return true;
}

/* fmov.s @(R0,Rm),FRn (6) / @Rm,FRn (8) / @Rm+,FRn (9) */
bool sh4_trans_fmov_ld(sh4_dc *dc, uint16_t insn)
{
    unsigned op = insn & 15, n = RN(insn), m = RM(insn);
    tcg_val a = REG(m);
    if (op == 6) {
        a = sh4_tmp(dc);
        tcg_gen_add(S_, a, REG(m), REG(0));
    }
    if (SZ_) {
        tcg_val a4 = sh4_tmp(dc);
        sh4_gen_check_align(dc, a, 7, false);
        tcg_val lo = sh4_gen_ld(dc, a, TCG_MO_32);
        tcg_gen_addi(S_, a4, a, 4);
        tcg_val hi = sh4_gen_ld(dc, a4, TCG_MO_32);
        unsigned d = sh4_pair(n);
        sh4_gen_freg_store(dc, d, hi);
        sh4_gen_freg_store(dc, d + 1, lo);
    } else {
        sh4_gen_freg_store(dc, n, sh4_gen_ld(dc, a, TCG_MO_32));
    }
    if (op == 9)
        tcg_gen_addi(S_, REG(m), REG(m), SZ_ ? 8 : 4);
    return true;
}

/* fmov.s FRm,@(R0,Rn) (7) / FRm,@Rn (a) / FRm,@-Rn (b) */
bool sh4_trans_fmov_st(sh4_dc *dc, uint16_t insn)
{
    unsigned op = insn & 15, n = RN(insn), m = RM(insn);
    tcg_val a = REG(n);
    if (op == 7) {
        a = sh4_tmp(dc);
        tcg_gen_add(S_, a, REG(n), REG(0));
    } else if (op == 0xb) {
        a = sh4_tmp(dc);
        tcg_gen_subi(S_, a, REG(n), SZ_ ? 8 : 4);
    }
    if (SZ_) {
        unsigned s = sh4_pair(m);
        tcg_val a4 = sh4_tmp(dc);
        sh4_gen_check_align(dc, a, 7, true);
        tcg_gen_addi(S_, a4, a, 4);
        sh4_gen_st(dc, sh4_gen_freg_load(dc, s + 1), a, TCG_MO_32);
        sh4_gen_st(dc, sh4_gen_freg_load(dc, s), a4, TCG_MO_32);
    } else {
        sh4_gen_st(dc, sh4_gen_freg_load(dc, m), a, TCG_MO_32);
    }
    if (op == 0xb)
        tcg_gen_mov(S_, REG(n), a);
    return true;
}

bool sh4_trans_fmac(sh4_dc *dc, uint16_t insn)
{
    if (PR_)
        return false;
    sh4_fhelper(dc, SH4_H_FMAC, RN(insn), RM(insn));
    return true;
}

bool sh4_trans_fsts(sh4_dc *dc, uint16_t insn)
{
    sh4_gen_freg_store(dc, RN(insn), dc->tr->fpul);
    return true;
}

bool sh4_trans_flds(sh4_dc *dc, uint16_t insn)
{
    tcg_gen_mov(S_, dc->tr->fpul, sh4_gen_freg_load(dc, RN(insn)));
    return true;
}

bool sh4_trans_float(sh4_dc *dc, uint16_t insn)
{
    if (PR_ && (insn & 0x0100))
        return false;
    sh4_fhelper(dc, SH4_H_FLOAT, RN(insn), 0);
    return true;
}

bool sh4_trans_ftrc(sh4_dc *dc, uint16_t insn)
{
    if (PR_ && (insn & 0x0100))
        return false;
    sh4_fhelper(dc, SH4_H_FTRC, RN(insn), 0);
    return true;
}

/* fneg / fabs: the sign of FRn (the high word of DRn when PR=1) */
bool sh4_trans_fneg_abs(sh4_dc *dc, uint16_t insn)
{
    tcg_val v = sh4_gen_freg_load(dc, RN(insn)), r = sh4_tmp(dc);
    if (insn & 0x10)
        tcg_gen_andi(S_, r, v, 0x7fffffffu);
    else
        tcg_gen_xori(S_, r, v, 0x80000000u);
    sh4_gen_freg_store(dc, RN(insn), r);
    return true;
}

bool sh4_trans_fsqrt(sh4_dc *dc, uint16_t insn)
{
    if (PR_ && (insn & 0x0100))
        return false;
    sh4_fhelper(dc, SH4_H_FSQRT, RN(insn), 0);
    if (PR_)
        dc->cycles += 11;   /* 22 cycles double, 11 single */
    return true;
}

bool sh4_trans_fsrra(sh4_dc *dc, uint16_t insn)
{
    if (PR_)
        return false;
    sh4_fhelper(dc, SH4_H_FSRRA, RN(insn), 0);
    return true;
}

bool sh4_trans_fldi(sh4_dc *dc, uint16_t insn)
{
    if (PR_)
        return false;
    sh4_gen_freg_store(dc, RN(insn), sh4_const(dc, (insn & 0x10) ? 0x3f800000u : 0));
    return true;
}

bool sh4_trans_fcnvsd(sh4_dc *dc, uint16_t insn)
{
    if (!PR_)
        return false;
    sh4_fhelper(dc, SH4_H_FCNVSD, RN(insn), 0);
    return true;
}

bool sh4_trans_fcnvds(sh4_dc *dc, uint16_t insn)
{
    if (!PR_)
        return false;
    sh4_fhelper(dc, SH4_H_FCNVDS, RN(insn), 0);
    return true;
}

bool sh4_trans_fipr(sh4_dc *dc, uint16_t insn)
{
    if (PR_)
        return false;
    sh4_fhelper(dc, SH4_H_FIPR, RN(insn) & 12, (RN(insn) & 3) << 2);
    return true;
}

bool sh4_trans_ftrv(sh4_dc *dc, uint16_t insn)
{
    if (PR_)
        return false;
    sh4_fhelper(dc, SH4_H_FTRV, RN(insn) & 12, 0);
    return true;
}

bool sh4_trans_fsca(sh4_dc *dc, uint16_t insn)
{
    if (PR_)
        return false;
    sh4_fhelper(dc, SH4_H_FSCA, RN(insn) & 14, 0);
    return true;
}

static void sh4_gen_fpscr_xor(sh4_dc *dc, uint32_t bit)
{
    tcg_val v = sh4_tmp(dc);
    tcg_gen_ld_env(S_, v, offsetof(sh4_cpu, fpscr));
    tcg_gen_xori(S_, v, v, bit);
    tcg_gen_st_env(S_, v, offsetof(sh4_cpu, fpscr));
    sh4_gen_update_exit(dc);   /* SZ / PR are TB flags */
}

bool sh4_trans_fschg(sh4_dc *dc, uint16_t insn)
{
    if (PR_)
        return false;
    sh4_gen_fpscr_xor(dc, SH4_FPSCR_SZ);
    return true;
}

bool sh4_trans_fpchg(sh4_dc *dc, uint16_t insn)
{
    sh4_gen_fpscr_xor(dc, SH4_FPSCR_PR);
    return true;
}

bool sh4_trans_frchg(sh4_dc *dc, uint16_t insn)
{
    if (PR_)
        return false;
    sh4_fhelper(dc, SH4_H_FRCHG, 0, 0);
    return true;
}
