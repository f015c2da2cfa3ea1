/*
 * ARM CPU state (ARMv5TEJ: ARM926EJ-S), shared by the front end
 * (translate-*.c) and the system side (cpu.c, mmu.c, cp15.c, semihost.c).
 *
 * Register file: regs[0..15] always hold the CURRENT mode's view; banked
 * copies of the other modes live in the bank arrays and are swapped by
 * arm_switch_mode().  regs[15] holds the address of the next instruction
 * to execute when the CPU is outside a TB (NOT the pipeline-visible +8).
 *
 * Flags are split so the front end can compute them cheaply (the same
 * layout as QEMU's, a known-good choice):
 *   NF: bit 31 is N     ZF: Z is (ZF == 0)     CF: 0 or 1     VF: bit 31 is V
 *   QF: sticky saturation flag (0 or 1)
 * Everything else of the CPSR (mode M[4:0], T, F, I, and bit 8 as QEMU's
 * "A", see cpu.c) is in cpsr_rest;
 * read the architectural CPSR with arm_cpsr_read().
 */
#ifndef ARM_CPU_H
#define ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"

/* CPSR bits */
#define ARM_CPSR_M   0x1fu
#define ARM_CPSR_T   (1u << 5)
#define ARM_CPSR_F   (1u << 6)
#define ARM_CPSR_I   (1u << 7)
#define ARM_CPSR_Q   (1u << 27)
#define ARM_CPSR_V   (1u << 28)
#define ARM_CPSR_C   (1u << 29)
#define ARM_CPSR_Z   (1u << 30)
#define ARM_CPSR_N   (1u << 31)
#define ARM_CPSR_NZCV 0xf0000000u

/* modes */
#define ARM_MODE_USR 0x10
#define ARM_MODE_FIQ 0x11
#define ARM_MODE_IRQ 0x12
#define ARM_MODE_SVC 0x13
#define ARM_MODE_ABT 0x17
#define ARM_MODE_UND 0x1b
#define ARM_MODE_SYS 0x1f

/* bank indices for r13, r14, SPSR */
enum { ARM_BANK_USR, ARM_BANK_SVC, ARM_BANK_ABT, ARM_BANK_UND, ARM_BANK_IRQ, ARM_BANK_FIQ, ARM_BANK_COUNT };

/* exception numbers (exception_index); vector offset = 4 * number */
#define ARM_EXCP_RESET      0
#define ARM_EXCP_UDEF       1   /* undefined instruction             */
#define ARM_EXCP_SWI        2
#define ARM_EXCP_PREFETCH   3   /* prefetch abort (also BKPT)        */
#define ARM_EXCP_DATA_ABORT 4
#define ARM_EXCP_IRQ        6
#define ARM_EXCP_FIQ        7
#define ARM_EXCP_BKPT       8   /* BKPT: prefetch abort vector, IFSR debug event */
#define ARM_EXCP_SEMIHOST   9   /* handled by the loop, not the guest */

/* TB flags (tcg_tb.flags) */
#define ARM_TBFLAG_THUMB    (1u << 0)
#define ARM_TBFLAG_PRIV     (1u << 1)   /* mode != USR: also the MMU index */
#define ARM_TBFLAG_SEMIHOST (1u << 2)   /* SWI 0x123456 / 0xab are semihosting calls */
#define ARM_TBFLAG_ALIGN    (1u << 3)   /* SCTLR.A: check alignment of data accesses */
#define ARM_TBFLAG_TRACE    (1u << 4)   /* tracing on (trace-arm.h): instrumented TB */

/* MMU indices */
#define ARM_MMU_IDX_USER 0
#define ARM_MMU_IDX_PRIV 1

/* CP15 (ARM926EJ-S) */
typedef struct arm_cp15 {
    uint32_t midr;          /* c0,c0,0 main ID                    */
    uint32_t ctr;           /* c0,c0,1 cache type                 */
    uint32_t sctlr;         /* c1,c0,0 control                    */
    uint32_t ttbr;          /* c2 translation table base          */
    uint32_t dacr;          /* c3 domain access control           */
    uint32_t dfsr;          /* c5,c0,0 data fault status          */
    uint32_t ifsr;          /* c5,c0,1 instruction fault status   */
    uint32_t far;           /* c6 fault address                   */
    uint32_t fcse_pid;      /* c13,c0,0                           */
    uint32_t context_id;    /* c13,c0,1                           */
    uint32_t dlockdown;     /* c9,c0,0 data cache lockdown        */
    uint32_t ilockdown;     /* c9,c0,1 instruction cache lockdown */
    uint32_t tlb_lockdown;  /* c10,c0,0 TLB lockdown              */
} arm_cp15;

/* SCTLR bits */
#define ARM_SCTLR_M (1u << 0)   /* MMU enable          */
#define ARM_SCTLR_A (1u << 1)   /* alignment checking  */
#define ARM_SCTLR_S (1u << 8)   /* system protection   */
#define ARM_SCTLR_R (1u << 9)   /* ROM protection      */
#define ARM_SCTLR_V (1u << 13)  /* high vectors        */

/* Semihosting services the embedding provides (console, files, exit). */
typedef struct arm_semihost_ops {
    void (*write_console)(void *opaque, const uint8_t *buf, uint32_t len);
    int (*read_console)(void *opaque);              /* one byte, or -1 on EOF */
    const char *(*cmdline)(void *opaque);            /* SYS_GET_CMDLINE       */
    uint64_t (*elapsed_ns)(void *opaque);            /* simulated time        */
    /* SYS_WRITEC, SYS_WRITE0 and ":tt" opened for append: the error
     * stream, as QEMU routes them (stderr); NULL: use write_console */
    void (*write_console_err)(void *opaque, const uint8_t *buf, uint32_t len);
} arm_semihost_ops;

/* One semihosting file handle (semihost.c); handle number = index + 1. */
typedef struct arm_semihost_file {
    uint8_t kind;              /* 0 free; console in/out/err; host file; features */
    uint32_t pos;              /* read position of the ":semihosting-features" file */
    void *host;                /* FILE * of a host file                  */
} arm_semihost_file;
#define ARM_SEMIHOST_MAX_FILES 16

typedef struct arm_cpu {
    tcg_cpu common;            /* MUST be first */

    uint32_t regs[16];
    uint32_t NF, ZF, CF, VF, QF;
    uint32_t cpsr_rest;        /* M[4:0], T, F, I, A (other bits zero)   */
    uint32_t spsr;             /* current mode's SPSR (undefined in USR/SYS) */
    /* arm_tb_flags() of the current state, cached for the JIT's exit_tb
     * lookup (tcg_target_ops.jit_flags_offset).  Exact while generated
     * code runs: refreshed by arm_get_tb_state (the loop, before entering
     * generated code), mode/CPSR/SCTLR writes, exception entry, reset, and
     * by the code BX generates (Thumb bit).  Code outside a run may write
     * the state directly (tests, platform): the loop's refresh covers it. */
    uint32_t tb_flags;

    uint32_t banked_r13[ARM_BANK_COUNT];
    uint32_t banked_r14[ARM_BANK_COUNT];
    uint32_t banked_spsr[ARM_BANK_COUNT];
    uint32_t usr_regs[5];      /* r8-r12 of every mode but FIQ */
    uint32_t fiq_regs[5];      /* r8-r12 of FIQ                */

    arm_cp15 cp15;

    /* front end's per-CPU tables: globals and helper ids (translate.c) */
    struct arm_tr_tables *tr;

    /* semihosting (enabled with -semihosting) */
    bool semihosting;
    const arm_semihost_ops *semihost;
    void *semihost_opaque;
    uint32_t heap_base, heap_limit, stack_base, stack_limit;  /* SYS_HEAPINFO */
    uint32_t semihost_errno;   /* SYS_ERRNO: errno of the last failed call */
    arm_semihost_file semihost_files[ARM_SEMIHOST_MAX_FILES];

    /* MMU (mmu.c): the soft TLB holds 1 KiB pieces of a mapping larger
     * than 4 KiB, so a TLB invalidate by MVA must flush everything. */
    bool tlb_has_large;

    /* IDs presented to the guest */
    const char *model;         /* "arm926" */
} arm_cpu;

/* ---- system side (cpu.c) ------------------------------------------- */

/* Create an ARM926EJ-S ("arm926", "arm926ej-s" or "arm,arm926ej-s");
 * backend as for tcg_cpu_init.  Zeroes *cpu first: set the bus,
 * semihosting and heap fields afterwards. */
TCG_WUR bool arm_cpu_init(arm_cpu *cpu, const char *model, const char *backend);
void arm_cpu_reset(arm_cpu *cpu);
uint32_t arm_cpsr_read(const arm_cpu *cpu);
/* Write the CPSR bits selected by mask, switching banks on a mode change. */
void arm_cpsr_write(arm_cpu *cpu, uint32_t val, uint32_t mask);
void arm_switch_mode(arm_cpu *cpu, uint32_t new_mode);
/* Is `mode` a valid ARMv5 mode number? */
bool arm_mode_valid(uint32_t mode);
int arm_mode_bank(uint32_t mode);

/* TB flags for the current state (Thumb, privilege, semihosting, alignment) */
uint32_t arm_tb_flags(const arm_cpu *cpu);

extern const tcg_target_ops arm_target_ops;

/* ---- front end (translate.c) ----------------------------------------- */

/* Register globals and helpers in cpu->common.ctx; called by arm_cpu_init. */
TCG_WUR bool arm_translate_init(arm_cpu *cpu);
void arm_translate_free(arm_cpu *cpu);
/* tcg_target_ops.translate */
void arm_translate(tcg_cpu *cpu, tcg_ctx *ctx, tcg_tb *tb, uint32_t max_insns);

#endif
