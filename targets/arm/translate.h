/*
 * Internal interface of the ARM front end (translate*.c): the per-CPU
 * tables of IR globals and helper ids, the per-TB disassembly context, the
 * instruction pattern tables and the code generators shared by the A32
 * (translate-a32.c) and Thumb (translate-t16.c) decoders.
 *
 * Decoding is table driven: each ISA has one const array of
 * (mask, match, handler, cycles, name) patterns, searched first match
 * first.  The same table gives the decoder, the instruction class name
 * (disassembly, decoder tests) and the static cycle cost of the class.
 * A handler returns false for an encoding it does not accept; the caller
 * then emits an undefined-instruction exception.
 *
 * Conventions inside a TB (ARM ARM, ARMv5TE):
 *   - reading r15 as an operand gives insn address + 8 (ARM) / + 4 (Thumb);
 *   - regs[15] in CPU state is only written when leaving the TB or before a
 *     helper that needs it (raise, semihosting, MCR);
 *   - every handler that ends the TB emits its own exit (goto_tb slot 0 or
 *     exit_tb) and sets dc->end_tb; the TB loop emits the fall-through exit
 *     (goto_tb slot 1) for the sequential path.
 */
#ifndef ARM_TRANSLATE_H
#define ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "targets/arm/cpu.h"
#include "tcg/tcg.h"

/* Helpers the front end calls, in registration order. */
typedef enum arm_helper_id {
    ARM_H_CPSR_READ, ARM_H_CPSR_WRITE, ARM_H_SPSR_READ, ARM_H_SPSR_WRITE,
    ARM_H_EXCEPTION_RETURN, ARM_H_RAISE, ARM_H_GET_USER_REG, ARM_H_SET_USER_REG,
    ARM_H_MRC, ARM_H_MCR, ARM_H_WFI, ARM_H_SEMIHOST, ARM_H_CHECK_ALIGN,
    ARM_H_QADD, ARM_H_QSUB, ARM_H_QDADD, ARM_H_QDSUB, ARM_H_ADD_SETQ,
    ARM_H_COUNT
} arm_helper_id;

/* Per-CPU: IR handles of the CPU-state globals and the helper ids. */
typedef struct arm_tr_tables {
    tcg_val regs[16];
    tcg_val NF, ZF, CF, VF, QF;
    uint32_t helper[ARM_H_COUNT];
} arm_tr_tables;

/* Per-TB translation state. */
typedef struct arm_dc {
    arm_cpu *cpu;
    tcg_ctx *s;
    tcg_tb *tb;
    const arm_tr_tables *tr;
    uint32_t pc;            /* address of the instruction being translated */
    uint32_t next_pc;       /* address of the sequentially next one        */
    uint32_t insn;
    bool thumb;
    bool priv;
    bool align;             /* SCTLR.A: check data alignment               */
    bool semihost;
    int mmu_idx;            /* data accesses (LDRT & co. use USER)         */
    bool end_tb;            /* the handler emitted the TB's exit           */
    uint32_t extra_cycles;  /* data-dependent cost the handler adds        */
    /* Thumb BL/BLX prefix at bl_prefix_pc in this TB set LR to bl_lr */
    bool bl_prefix;
    uint32_t bl_prefix_pc;
    uint32_t bl_lr;
    /* tracing (trace-arm.c): trace is NULL in untraced TBs */
    struct arm_trace *trace;
    const struct trace_plugin_tb_instr *plugin;   /* plugins' instrumentation */
    bool trace_mem, trace_mem_plugin;   /* call the trace helper after accesses */
    uint32_t trace_op;      /* op index of this insn's trace call; ~0: none */
    uint32_t trace_first_op;
} arm_dc;

typedef bool arm_trans_fn(arm_dc *dc, uint32_t insn);

typedef struct arm_pattern {
    uint32_t mask, match;
    arm_trans_fn *fn;
    uint8_t cycles;
    const char *name;
} arm_pattern;

/* The tables (translate-a32.c, translate-t16.c). */
extern const arm_pattern arm_a32_patterns[];
extern const unsigned arm_a32_npatterns;
extern const arm_pattern arm_a32_uncond_patterns[];   /* cond == 0b1111 */
extern const unsigned arm_a32_uncond_npatterns;
extern const arm_pattern arm_t16_patterns[];
extern const unsigned arm_t16_npatterns;

/* SWI: with semihosting on and the semihosting immediate, the semihosting
 * call (the PC already past the SWI, the TB ends); else the SWI exception. */
bool arm_gen_swi(arm_dc *dc, bool semihosting_imm);

/* The handler of table rows that are undefined instructions: declines,
 * so the caller raises the undefined-instruction exception. */
bool arm_trans_udef(arm_dc *dc, uint32_t insn);

/* First pattern matching insn, or NULL (translate.c). */
const arm_pattern *arm_decode(const arm_pattern *table, unsigned n, uint32_t insn);
/* The pattern an A32 word / Thumb halfword decodes to (either table). */
const arm_pattern *arm_a32_decode(uint32_t insn);
const arm_pattern *arm_t16_decode(uint32_t insn);

/* Translate one instruction (translate-a32.c / translate-t16.c); returns
 * its static cycle cost. */
uint32_t arm_a32_translate_insn(arm_dc *dc, uint32_t insn);
uint32_t arm_t16_translate_insn(arm_dc *dc, uint32_t insn);

/* ---- code generators (translate.c) ---------------------------------- */

/* Value of register r as an operand (r15: pc + 8 / + 4). */
tcg_val arm_load_reg(arm_dc *dc, unsigned r);
/* Same, with an explicit pc offset (register-shift forms read pc + 12). */
tcg_val arm_load_reg_pcoff(arm_dc *dc, unsigned r, uint32_t pc_off);
/* Write r; r15 is a branch without interworking (ends the TB). */
void arm_store_reg(arm_dc *dc, unsigned r, tcg_val v);
/* Write r; r15 is an interworking branch (LDR/LDM/POP pc on v5, BX). */
void arm_store_reg_bx(arm_dc *dc, unsigned r, tcg_val v);
/* Interworking branch to v: T = v[0]; ends the TB. */
void arm_gen_bx(arm_dc *dc, tcg_val v);

/* Condition: branch to label when cond (0..13) HOLDS. */
void arm_gen_test_cc(arm_dc *dc, unsigned cond, uint32_t label);

/* Flags */
void arm_gen_logic_flags(arm_dc *dc, tcg_val res);           /* N, Z      */
tcg_val arm_gen_add_cc(arm_dc *dc, tcg_val a, tcg_val b);    /* N Z C V   */
tcg_val arm_gen_sub_cc(arm_dc *dc, tcg_val a, tcg_val b);
tcg_val arm_gen_adc_cc(arm_dc *dc, tcg_val a, tcg_val b);
tcg_val arm_gen_sbc_cc(arm_dc *dc, tcg_val a, tcg_val b);    /* a - b - !C */
tcg_val arm_gen_adc(arm_dc *dc, tcg_val a, tcg_val b);       /* no flags   */
tcg_val arm_gen_sbc(arm_dc *dc, tcg_val a, tcg_val b);

/* Shifts: type 0 LSL, 1 LSR, 2 ASR, 3 ROR.  With set_carry the shifter
 * carry-out goes to CF (unchanged where the ARM ARM says so). */
tcg_val arm_gen_shift_imm(arm_dc *dc, tcg_val v, unsigned type, unsigned amount, bool set_carry);
tcg_val arm_gen_shift_reg(arm_dc *dc, tcg_val v, unsigned type, tcg_val amount, bool set_carry);

/* Memory: mmu_idx < 0 means the TB's default index. */
tcg_val arm_gen_ld(arm_dc *dc, tcg_val addr, uint32_t size_sign, int mmu_idx);
void arm_gen_st(arm_dc *dc, tcg_val val, tcg_val addr, uint32_t size, int mmu_idx);
/* LDR word with ARM926 unaligned rotation. */
tcg_val arm_gen_ld32_rot(arm_dc *dc, tcg_val addr, int mmu_idx);
/* Data abort when addr & mask and SCTLR.A is set (no-op otherwise). */
void arm_gen_check_align(arm_dc *dc, tcg_val addr, uint32_t mask);

/* TB exits */
void arm_gen_goto(arm_dc *dc, uint32_t dest);            /* direct, slot 0   */
/* Store regs[15] = dest and leave through slot (exit_tb if off-page). */
void arm_gen_goto_slot(arm_dc *dc, unsigned slot, uint32_t dest);
void arm_gen_exit_indirect(arm_dc *dc);                   /* regs[15] stored  */
/* Exception from this instruction: regs[15] = insn address, raise. */
void arm_gen_exception(arm_dc *dc, int excp);
/* End the TB after a state change; regs[15] = next insn. */
void arm_gen_update_exit(arm_dc *dc);
/* Call helper with up to 4 args (TCG_VAL_NONE for unused). */
tcg_val arm_gen_helper(arm_dc *dc, arm_helper_id h, bool has_ret, tcg_val a0, tcg_val a1,
                       tcg_val a2, tcg_val a3);

/* Block data transfer shared by LDM/STM and Thumb PUSH/POP/LDMIA/STMIA:
 * up = U (increment), before = P, wback = W, user = the ^ form (User bank
 * registers, or with pc in an LDM list: exception return).  A loaded base
 * wins over writeback; LDM loads every word before writing any register,
 * so a data abort part-way leaves the registers untouched. */
void arm_gen_ldm(arm_dc *dc, unsigned rn, uint32_t list, bool up, bool before, bool wback,
                 bool user);
void arm_gen_stm(arm_dc *dc, unsigned rn, uint32_t list, bool up, bool before, bool wback,
                 bool user);

/* Translate one TB; plugins false: the plain pass that tells the plugins
 * which instructions the TB holds (arm_translate passes true). */
void arm_translate_tb(tcg_cpu *cpu, tcg_ctx *s, tcg_tb *tb, uint32_t max_insns, bool plugins);

/* Tracing hooks (trace-arm.c); the insn and mem ones only when dc->trace
 * is set, i.e. in TBs with ARM_TBFLAG_TRACE. */
void arm_trace_tb_begin(arm_dc *dc, uint32_t *max_insns, bool plugins);
void arm_trace_insn_begin(arm_dc *dc, uint32_t insn_idx);
void arm_trace_insn_end(arm_dc *dc, uint32_t pc, uint32_t insn);
void arm_trace_gen_mem(arm_dc *dc, tcg_val addr, tcg_val val, uint32_t memop, bool is_store);

static inline tcg_val arm_tmp(arm_dc *dc) { return tcg_temp(dc->s); }
static inline tcg_val arm_const(arm_dc *dc, uint32_t v) { return tcg_const(dc->s, v); }

#endif
