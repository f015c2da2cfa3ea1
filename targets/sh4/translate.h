/*
 * Internal interface of the SH-4 front end (translate*.c, disas.c): the
 * per-CPU tables of IR globals and helper ids, the per-TB context and the
 * instruction pattern table.
 *
 * Decoding is table driven: one const array of (mask, match, handler,
 * cycles, flags, format) rows for the whole 16-bit ISA, searched first
 * match first.  The same row gives the decoder, the disassembly (format)
 * and the static cycle cost.  A handler returns false for an encoding it
 * does not accept; the caller then raises a (slot) illegal instruction.
 *
 * Disassembly format escapes (disas.c):
 *   %n %m  Rn (bits 11:8), Rm (bits 7:4)       %N %M  FRn, FRm
 *   %D %E  DRn / XDn, DRm / XDm (by bit 8/4)    %V %W  FVn (11:10), FVm (9:8)
 *   %B     Rm_BANK / Rn_BANK (bits 6:4)          %i     imm8 signed, %x imm8 hex
 *   %1 %2 %4  disp4 * 1/2/4                      %a %b %c  disp8 * 1/2/4
 *   %w %l  PC-relative word / long address      %j %J  branch target disp8 / disp12
 *
 * Conventions inside a TB:
 *   - the pc global is only written when leaving the TB or before a
 *     helper that needs it;
 *   - a delayed branch computes its target into dc->delayed (a temp),
 *     performs its own side effects (PR), then translates the slot
 *     (sh4_gen_slot) and jumps.
 */
#ifndef SH4_TRANSLATE_H
#define SH4_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "targets/sh4/cpu.h"
#include "tcg/tcg.h"

typedef enum sh4_helper_id {
    SH4_H_RAISE, SH4_H_ADDR_ERR, SH4_H_TRAPA, SH4_H_SLEEP,
    SH4_H_SR_WRITE, SH4_H_SR_READ, SH4_H_FPSCR_WRITE, SH4_H_DIV1, SH4_H_MACL, SH4_H_MACW,
    SH4_H_LDTLB, SH4_H_PREF, SH4_H_RTE,
    SH4_H_FADD, SH4_H_FSUB, SH4_H_FMUL, SH4_H_FDIV, SH4_H_FCMP_EQ, SH4_H_FCMP_GT,
    SH4_H_FMAC, SH4_H_FSQRT, SH4_H_FLOAT, SH4_H_FTRC, SH4_H_FCNVSD, SH4_H_FCNVDS,
    SH4_H_FIPR, SH4_H_FTRV, SH4_H_FSCA, SH4_H_FSRRA, SH4_H_FRCHG,
    SH4_H_COUNT
} sh4_helper_id;

typedef struct sh4_tr_tables {
    tcg_val regs[16];
    tcg_val t, q, m;
    tcg_val gbr, mach, macl, pr, pc, fpul;
    uint32_t helper[SH4_H_COUNT];
} sh4_tr_tables;

typedef struct sh4_dc {
    sh4_cpu *cpu;
    tcg_ctx *s;
    tcg_tb *tb;
    const sh4_tr_tables *tr;
    uint32_t pc;               /* address of the instruction being translated */
    uint16_t insn;
    uint32_t flags;            /* tb flags */
    int mmu_idx;
    bool in_slot;              /* translating a delay slot                    */
    bool end_tb;               /* the handler emitted the TB's exit           */
    uint32_t extra_cycles;
    uint32_t cycles;           /* cycles of the TB so far (insn_start)        */
    uint32_t n_insns;
    uint32_t last_pc;          /* highest instruction address translated      */
    bool slot_exit;            /* the slot changed translation state: exit_tb */
} sh4_dc;

typedef bool sh4_trans_fn(sh4_dc *dc, uint16_t insn);

/* pattern flags */
#define SH4_P_SLOT_ILLEGAL 0x1u  /* illegal in a delay slot (branches, RTE, TRAPA, LDC SR) */
#define SH4_P_FPU          0x2u  /* FPU instruction: FPU-disable exception when SR.FD   */
#define SH4_P_PRIV         0x4u  /* privileged: illegal in user mode                    */

typedef struct sh4_pattern {
    uint16_t mask, match;
    sh4_trans_fn *fn;
    uint8_t cycles;
    uint8_t flags;
    const char *fmt;
} sh4_pattern;

extern const sh4_pattern sh4_patterns[];
extern const unsigned sh4_npatterns;

/* First matching row (FPU rows depend on PR/SZ only in their handler). */
const sh4_pattern *sh4_decode(uint16_t insn);

/* ---- code generators (translate.c) ---- */
void sh4_gen_exception(sh4_dc *dc, int excp);    /* pc = this insn (or branch), raise */
/* Address error unless (addr & mask) == 0 (emitted inline). */
void sh4_gen_check_align(sh4_dc *dc, tcg_val addr, uint32_t mask, bool is_write);
tcg_val sh4_gen_ld(sh4_dc *dc, tcg_val addr, uint32_t size_sign);
void sh4_gen_st(sh4_dc *dc, tcg_val val, tcg_val addr, uint32_t size);
tcg_val sh4_gen_helper(sh4_dc *dc, sh4_helper_id h, bool has_ret, tcg_val a0, tcg_val a1,
                       tcg_val a2, tcg_val a3);
/* Delayed branch to `target` (temp or const), optionally conditional on
 * cond != 0: translates the slot, then exits. */
void sh4_gen_delayed_branch(sh4_dc *dc, tcg_val target, tcg_val cond);
/* Immediate (non-delayed) conditional branch: BT / BF. */
void sh4_gen_cond_branch(sh4_dc *dc, bool if_true, uint32_t dest);
/* End the TB after a state change; pc = next insn. */
void sh4_gen_update_exit(sh4_dc *dc);
/* FPU registers fregs[idx] (0..15 FR, 16..31 XF) through env. */
tcg_val sh4_gen_freg_load(sh4_dc *dc, unsigned idx);
void sh4_gen_freg_store(sh4_dc *dc, unsigned idx, tcg_val v);

static inline tcg_val sh4_tmp(sh4_dc *dc) { return tcg_temp(dc->s); }
static inline tcg_val sh4_const(sh4_dc *dc, uint32_t v) { return tcg_const(dc->s, v); }

/* helpers (helper.c, helper-fpu.c) */
#define SH4_HELPER_(name) uint32_t sh4_helper_##name(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
SH4_HELPER_(raise);        /* a0 = excp; pc (or the slot's branch) restored from insn_start */
SH4_HELPER_(addr_err);     /* a0 = address, a1 = is_write */
SH4_HELPER_(trapa);        /* a0 = imm, a1 = next pc */
SH4_HELPER_(sleep);        /* a0 = next pc */
SH4_HELPER_(sr_write);
SH4_HELPER_(sr_read);
SH4_HELPER_(fpscr_write);
SH4_HELPER_(div1);         /* a0 = Rm, a1 = Rn -> new Rn (Q, M, T updated) */
SH4_HELPER_(macl);         /* a0 = @Rm, a1 = @Rn values */
SH4_HELPER_(macw);
SH4_HELPER_(ldtlb);
SH4_HELPER_(pref);         /* a0 = address */
SH4_HELPER_(rte);
SH4_HELPER_(fadd);  SH4_HELPER_(fsub); SH4_HELPER_(fmul); SH4_HELPER_(fdiv);
SH4_HELPER_(fcmp_eq); SH4_HELPER_(fcmp_gt); SH4_HELPER_(fmac); SH4_HELPER_(fsqrt);
SH4_HELPER_(float); SH4_HELPER_(ftrc); SH4_HELPER_(fcnvsd); SH4_HELPER_(fcnvds);
SH4_HELPER_(fipr); SH4_HELPER_(ftrv); SH4_HELPER_(fsca); SH4_HELPER_(fsrra); SH4_HELPER_(frchg);

#endif
