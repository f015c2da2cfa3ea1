/*
 * Internal interface of the ARM system side (cpu.c, helper-sys.c, cp15.c,
 * mmu.c, semihost.c, disas.c).  Not for use outside targets/arm and its
 * tests.
 *
 * Fault status codes are the ARMv5 short-descriptor encodings (ARM ARM
 * v5, "Fault Address and Fault Status registers"; ARM926EJ-S TRM, table
 * "Priority encoding of fault status"): FSR[3:0] = status, FSR[7:4] =
 * domain.  Like QEMU, the domain field is filled from the first-level
 * descriptor whenever one was read (it is UNPREDICTABLE where the ARM ARM
 * marks it invalid) and is zero for alignment and external aborts.
 */
#ifndef ARM_INTERNALS_H
#define ARM_INTERNALS_H

#include <stdbool.h>
#include <stdint.h>

#include "targets/arm/cpu.h"

/* FSR status values */
#define ARM_FSR_ALIGN          0x1u   /* alignment                            */
#define ARM_FSR_DEBUG          0x2u   /* debug event (BKPT), as QEMU reports   */
#define ARM_FSR_TRANS_SECTION  0x5u
#define ARM_FSR_TRANS_PAGE     0x7u
#define ARM_FSR_EXT            0x8u   /* external abort, non-linefetch         */
#define ARM_FSR_DOMAIN_SECTION 0x9u
#define ARM_FSR_DOMAIN_PAGE    0xbu
#define ARM_FSR_EXT_L1         0xcu   /* external abort on translation, level 1 */
#define ARM_FSR_PERM_SECTION   0xdu
#define ARM_FSR_EXT_L2         0xeu   /* external abort on translation, level 2 */
#define ARM_FSR_PERM_PAGE      0xfu

/* Bit 8 behaves as QEMU's "A" bit on its ARMv5 cores (see cpu.c): set at
 * reset and on abort, IRQ and FIQ entry, written by MSR's x field. */
#define ARM_CPSR_A          (1u << 8)

/* CPSR bits an MSR may write (T and J are execution state: not via MSR),
 * and the bits an SPSR holds. */
#define ARM_CPSR_J          (1u << 24)
#define ARM_CPSR_MSR_MASK   (ARM_CPSR_NZCV | ARM_CPSR_Q | ARM_CPSR_A | ARM_CPSR_I | ARM_CPSR_F | ARM_CPSR_M)
#define ARM_CPSR_USER_MASK  (ARM_CPSR_NZCV | ARM_CPSR_Q)
#define ARM_SPSR_MASK       (ARM_CPSR_MSR_MASK | ARM_CPSR_J | ARM_CPSR_T)

/* ---- cpu.c ---------------------------------------------------------- */

static inline uint32_t arm_cpu_mode(const arm_cpu *cpu) { return cpu->cpsr_rest & ARM_CPSR_M; }
static inline bool arm_is_user(const arm_cpu *cpu) { return arm_cpu_mode(cpu) == ARM_MODE_USR; }
static inline arm_cpu *arm_env(tcg_cpu *c) { return (arm_cpu *)c; }
/* Recompute cpu->tb_flags after a change of CPSR.M/T, SCTLR.A, semihosting
 * or tracing (see arm_cpu.tb_flags). */
static inline void arm_tb_flags_refresh(arm_cpu *cpu) { cpu->tb_flags = arm_tb_flags(cpu); }

/* Vector base per SCTLR.V. */
static inline uint32_t arm_vector_base(const arm_cpu *cpu)
{
    return (cpu->cp15.sctlr & ARM_SCTLR_V) ? 0xffff0000u : 0u;
}

/* Architectural entry into exception `excp` (ARM_EXCP_*, not SEMIHOST)
 * with regs[15] per the helper.h conventions. */
void arm_take_exception(arm_cpu *cpu, int excp);
/* Name of an exception for logs. */
const char *arm_excp_name(int excp);
/* tcg_target_ops hooks (also called directly by tests) */
void arm_get_tb_state(tcg_cpu *c, uint32_t *pc, uint32_t *flags);
bool arm_exec_interrupt(tcg_cpu *c, uint32_t interrupt_request);
void arm_do_interrupt(tcg_cpu *c);
void arm_restore_state(tcg_cpu *c, const tcg_insn_data *insn);
void arm_dump_state(tcg_cpu *c, FILE *f);

/* ---- cp15.c --------------------------------------------------------- */

typedef enum arm_cp_status {
    ARM_CP_OK,       /* done                                          */
    ARM_CP_UNDEF,    /* no such register / no access: UDF exception   */
    ARM_CP_WFI,      /* write was "wait for interrupt" (c7,c0,4 / c7,c8,2) */
} arm_cp_status;

void arm_cp15_reset(arm_cpu *cpu);
/* MRC / MCR with the instruction word `insn` (cp, opc1, CRn, CRm, opc2). */
TCG_WUR arm_cp_status arm_cp_read(arm_cpu *cpu, uint32_t insn, uint32_t *val);
TCG_WUR arm_cp_status arm_cp_write(arm_cpu *cpu, uint32_t insn, uint32_t val);
/* Encode an MRC/MCR instruction word (AL condition), for tests and tools. */
static inline uint32_t arm_cp_insn(bool read, unsigned cp, unsigned opc1, unsigned rd, unsigned crn,
                                   unsigned crm, unsigned opc2)
{
    return 0xee000010u | (read ? 1u << 20 : 0) | (opc1 & 7u) << 21 | (crn & 15u) << 16 |
           (rd & 15u) << 12 | (cp & 15u) << 8 | (opc2 & 7u) << 5 | (crm & 15u);
}

/* ---- mmu.c ---------------------------------------------------------- */

typedef struct arm_mmu_result {
    uint32_t phys;        /* physical address of the translated address  */
    uint32_t prot;        /* TCG_PROT_* granted                          */
    uint32_t page_size;   /* size of the mapping (section, page, ...)    */
    uint32_t fsr;         /* on failure: FSR value (status | domain << 4) */
} arm_mmu_result;

/* FCSE: modified virtual address of va (PID applies below 32 MiB). */
static inline uint32_t arm_fcse_mva(const arm_cpu *cpu, uint32_t va)
{
    return va < 0x02000000u ? va + cpu->cp15.fcse_pid : va;
}

/* Walk the tables for a modified virtual address.  `debug` reads the
 * tables without timing side effects (gdb, loaders).  Returns false with
 * res->fsr set on a fault. */
TCG_WUR bool arm_mmu_translate(arm_cpu *cpu, uint32_t mva, tcg_access access, int mmu_idx,
                               bool debug, arm_mmu_result *res);
/* Record a fault in DFSR/FAR (data) or IFSR (fetch). */
void arm_mmu_record_fault(arm_cpu *cpu, uint32_t mva, tcg_access access, uint32_t fsr);
/* Raise the abort for a recorded fault: prefetch abort (fetch) or data
 * abort (restoring the faulting instruction).  Does not return. */
_Noreturn void arm_mmu_raise(arm_cpu *cpu, tcg_access access);
/* tcg_target_ops.tlb_fill, .bus_fault (external abort, FSR 0x8) and
 * .mmu_index */
bool arm_tlb_fill(tcg_cpu *c, uint32_t vaddr, tcg_access access, int mmu_idx, bool probe);
_Noreturn void arm_bus_fault(tcg_cpu *c, uint32_t vaddr, tcg_access access, tcg_bus_status status);
int arm_mmu_index(tcg_cpu *c, uint32_t tb_flags);
/* TLB maintenance for CP15 c8 and FCSE/SCTLR changes */
void arm_mmu_flush_all(arm_cpu *cpu);
void arm_mmu_flush_mva(arm_cpu *cpu, uint32_t mva);

/* ---- semihost.c ----------------------------------------------------- */

/* Perform the semihosting call in r0 (argument r1), result in r0.  Returns
 * true when the guest asked to end the run (common.exited and exit_code
 * are set then).  Never raises a guest exception. */
bool arm_semihost_call(arm_cpu *cpu);
/* Close host files and forget handles (reset). */
void arm_semihost_reset(arm_cpu *cpu);

/* ---- disas.c -------------------------------------------------------- */

/* Disassemble the instruction in code[0..avail) at address pc into buf in
 * QEMU's -d in_asm layout (no newline); returns its length in bytes. */
unsigned arm_disas_insn(uint32_t pc, bool thumb, const uint8_t *code, unsigned avail, char *buf,
                        size_t len);
/* tcg_target_ops.disas: fetches through the MMU (debug access). */
unsigned arm_disas(tcg_cpu *c, uint32_t pc, uint32_t flags, char *buf, size_t len);

#endif
