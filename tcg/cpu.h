/*
 * The target-neutral CPU: state every guest CPU shares, the hooks a target
 * provides, the soft TLB, the TB cache and the CPU loop.
 *
 * A target's CPU struct embeds `tcg_cpu` as its FIRST member, so the same
 * pointer is a `tcg_cpu *` for this layer and the `env` that globals and
 * helpers are relative to.
 *
 * The CPU loop (tcg_cpu_exec) runs TBs until the cycle budget is spent,
 * the CPU halts (WFI/SLEEP) or something asks it to stop; it then returns
 * so the caller (a SystemC thread, or a unit test) can let time advance.
 * Exceptions raised inside a TB leave through siglongjmp to the loop's C
 * frame (never across a C++ frame).
 *
 * Time: `cycles` counts every cycle the CPU has consumed since reset;
 * guests see nothing of the host clock.
 */
#ifndef TCG_CPU_H
#define TCG_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "tcg.h"

/* ---- soft TLB ------------------------------------------------------ */

/* 1 KiB: the smallest page of the supported guests (ARMv5 tiny pages). */
#define TCG_PAGE_BITS 10
#define TCG_PAGE_SIZE (1u << TCG_PAGE_BITS)
#define TCG_PAGE_MASK (~(TCG_PAGE_SIZE - 1u))
#define TCG_TLB_BITS  8
#define TCG_TLB_SIZE  (1u << TCG_TLB_BITS)
#define TCG_NB_MMU_MODES 4

/* flag bits kept in the low (in-page) bits of the addr_* tags; above bit
 * 2, so a fast path may compare the address's alignment bits [1:0] with
 * the tag too (a misaligned address then never matches) */
#define TCG_TLB_INVALID  (1u << 3)  /* entry unused for this access kind     */
#define TCG_TLB_MMIO     (1u << 4)  /* no DMI: every access takes the bus    */
#define TCG_TLB_NOTDIRTY (1u << 5)  /* page holds translated code: writes go
                                       through the slow path and invalidate */

typedef struct tcg_tlb_entry {
    uint32_t addr_read, addr_write, addr_code;  /* vpage | flags          */
    uintptr_t addend;                            /* host = vaddr + addend */
    uint64_t reserved;   /* addition: 32-byte entries on 64-bit hosts, so
                            the JIT's index is one shift and one mask */
} tcg_tlb_entry;

typedef struct tcg_tlb_full {
    uint64_t phys_page;    /* physical address of the page */
    uint32_t prot;         /* TCG_PROT_* */
    /* additions: the DMI view of the page (NULL: through the bus) and the
     * per-access DMI latency; a page with latency takes the slow path. */
    uint8_t *host_read, *host_write;
    uint32_t lat_read, lat_write;
} tcg_tlb_full;

#define TCG_PROT_READ  1u
#define TCG_PROT_WRITE 2u
#define TCG_PROT_EXEC  4u

typedef enum tcg_access { TCG_ACCESS_READ = 0, TCG_ACCESS_WRITE = 1, TCG_ACCESS_EXEC = 2 } tcg_access;

/* ---- translation blocks -------------------------------------------- */

typedef struct tcg_insn_data {
    uint32_t pc;            /* guest virtual PC of the instruction       */
    uint32_t cycles_before; /* cycles of the TB's instructions before it */
    uint32_t data;          /* target word (e.g. SH4 delay-slot state)   */
} tcg_insn_data;

typedef struct tcg_tb tcg_tb;
struct tcg_tb {
    uint32_t pc;            /* guest virtual PC of the first instruction */
    uint32_t flags;         /* target mode flags (Thumb, privilege, ...) */
    uint64_t phys_pc;       /* physical PC: the cache key with flags     */
    uint32_t size;          /* guest bytes covered                       */
    uint32_t icount;        /* guest instructions                        */
    uint32_t cycles;        /* static cycle cost of the whole TB         */
    bool invalid;
    void *code;             /* backend's executable form                 */
    tcg_insn_data *insns;   /* icount entries                            */
    tcg_tb *jmp_dest[2];    /* chained successors (NULL: go via the loop)*/
    tcg_tb *hash_next;      /* cache bucket chain                        */
    uint64_t page[2];       /* physical pages spanned (page[1] = ~0 if one) */
    tcg_tb *page_next[2];   /* per-page TB lists, for invalidation       */
    tcg_tb *jmp_list;       /* TBs chained to this one (to unchain)      */
    tcg_tb *jmp_next[2];
    uint32_t jmp_gen[2];    /* addition: TLB generation when chained; a
                               chain made before a TLB flush is not followed */
    void *trace_data;       /* addition: the target's trace instrumentation
                               of this TB (plugins); NULL: none.  Released
                               through tcg_target_ops.tb_drop */
};

typedef struct tcg_tb_cache tcg_tb_cache;   /* private to tcg/tb-cache.c */
typedef struct tcg_backend tcg_backend;     /* private to a backend       */

/* ---- target hooks --------------------------------------------------- */

typedef struct tcg_cpu tcg_cpu;

typedef struct tcg_target_ops {
    const char *name;
    /* PC and mode flags of the next TB to run */
    void (*get_tb_state)(tcg_cpu *cpu, uint32_t *pc, uint32_t *flags);
    /* Front end: emit IR for one TB starting at tb->pc with tb->flags.
     * Reads code with tcg_code_ld*; stops at max_insns, a branch, or the
     * end of a page; sets tb->size, tb->icount and tb->cycles. */
    void (*translate)(tcg_cpu *cpu, tcg_ctx *ctx, tcg_tb *tb, uint32_t max_insns);
    /* MMU: translate vaddr; on success call tcg_tlb_set_page and return
     * true; on a fault return false if probe, else raise the guest
     * exception (tcg_cpu_raise_restore).  Targets without MMU map 1:1. */
    bool (*tlb_fill)(tcg_cpu *cpu, uint32_t vaddr, tcg_access access, int mmu_idx, bool probe);
    /* Take a pending interrupt if the CPU state allows it; true if taken. */
    bool (*exec_interrupt)(tcg_cpu *cpu, uint32_t interrupt_request);
    /* Enter the exception in cpu->exception_index (architectural entry). */
    void (*do_interrupt)(tcg_cpu *cpu);
    /* Put the guest PC (and target word) of a faulting instruction back. */
    void (*restore_state)(tcg_cpu *cpu, const tcg_insn_data *insn);
    /* Disassemble one instruction for logs; returns its length in bytes. */
    unsigned (*disas)(tcg_cpu *cpu, uint32_t pc, uint32_t flags, char *buf, size_t len);
    /* Log the CPU registers (for -d cpu). */
    void (*dump_state)(tcg_cpu *cpu, FILE *f);

    /* ---- additions ---- */
    /* MMU index used for code fetch in a TB with these flags (the loop
     * needs it to find the physical PC of the next TB).  NULL: 0.
     * ARM: flags & ARM_TBFLAG_PRIV ? ARM_MMU_IDX_PRIV : ARM_MMU_IDX_USER. */
    int (*mmu_index)(tcg_cpu *cpu, uint32_t tb_flags);
    /* A bus access of a guest load/store/fetch failed (slave error or
     * decode error).  The target sets its architectural fault state (ARM:
     * FSR/FAR, external abort) and raises with tcg_cpu_raise_restore; it
     * must not return.  vaddr is the guest virtual address of the access.
     * NULL (or returning): the access is logged as a guest error, reads
     * give 0 and writes are dropped. */
    void (*bus_fault)(tcg_cpu *cpu, uint32_t vaddr, tcg_access access, tcg_bus_status status);
    /* A TB whose trace_data is set was invalidated: release trace_data
     * (and clear it).  NULL: trace_data is never set. */
    void (*tb_drop)(tcg_cpu *cpu, tcg_tb *tb);
    /* Offsets in the CPU struct of the guest PC (uint32_t) and of a
     * uint32_t the target keeps equal to get_tb_state's flags whenever
     * generated code runs (updated by the helpers and generated code that
     * change the state; get_tb_state, which the loop calls before entering
     * generated code, refreshes it), so the JIT's inline exit_tb lookup
     * reads two words instead of calling get_tb_state.  0: no such words,
     * the lookup calls get_tb_state. */
    size_t jit_pc_offset;
    size_t jit_flags_offset;
    /* Whether these pending interrupt requests end a halt (WFI/SLEEP).
     * NULL: any request does, even a masked one (ARM WFI).  SH-4: only
     * one the CPU would accept (an NMI, or a level above SR.IMASK); a
     * SLEEP with masked requests only sleeps on. */
    bool (*has_work)(tcg_cpu *cpu, uint32_t interrupt_request);
} tcg_target_ops;

/*
 * Rules for front ends (translate):
 *   - Emit insn_start before every guest instruction.
 *   - A TB never runs into a page that is not mapped: stop the TB at the
 *     end of a page.  A TB spans at most two pages, and only when one
 *     instruction straddles the boundary; such an instruction must be the
 *     first of its TB (end the TB before it otherwise), so a prefetch
 *     fault raised while translating always belongs to the TB's first
 *     instruction, whose state is the CPU state at the TB start.
 *   - goto_tb is only for successors with the same TB flags (no mode
 *     change) whose PC is known; the loop creates the chain after its own
 *     lookup, and follows it only while no interrupt, stop or budget end
 *     is pending and the TLB has not been flushed since.
 *   - Code is read with tcg_code_ld16/32 only (so the pages are known).
 *
 * Cycle and instruction accounting (cpu-exec.c):
 *   - A TB that completes (goto_tb / exit_tb) adds tb->cycles to `cycles`
 *     and tb->icount to `icount`.
 *   - An exception raised inside a TB with exception_index >= 0
 *     (tcg_cpu_raise_restore, tcg_cpu_raise, memory/bus faults) adds the
 *     cycles and instructions of the TB's instructions BEFORE the faulting
 *     one (insn_start's cycles_before and index): the faulting instruction
 *     did not retire and costs nothing here; do_interrupt may charge the
 *     exception entry itself.
 *   - tcg_cpu_exit_tb and the loop's own stops raised inside a TB
 *     (TCG_EXCP_HALTED, TCG_EXCP_EXIT) count the current instruction as
 *     completed: its cycles and the instruction are included.
 *   - Bus stall cycles (MMIO latency, DMI latency) are added to `cycles`
 *     when the access happens.
 */

/* interrupt_request bits (level: set while the line is asserted) */
#define TCG_INTERRUPT_HARD  (1u << 0)   /* ARM IRQ, SH4 IRL     */
#define TCG_INTERRUPT_FIQ   (1u << 1)
#define TCG_INTERRUPT_NMI   (1u << 2)

/* exception_index values below 0 are the loop's own; >= 0 are the target's */
#define TCG_EXCP_NONE   (-1)
#define TCG_EXCP_HALTED (-2)   /* WFI/SLEEP: stop until an interrupt        */
#define TCG_EXCP_EXIT   (-3)   /* stop the loop (semihosting exit, debug)   */
#define TCG_EXCP_DEBUG  (-4)   /* debugger stop (tcg/debug.h): instruction not done */
/* From a helper: sync the PC to the NEXT instruction, then
 * tcg_cpu_raise(cpu, TCG_EXCP_HALTED or TCG_EXCP_EXIT); the instruction
 * counts as completed.  A halted CPU wakes when tcg_cpu_has_work: with
 * interrupt_request != 0 (even a masked one, as ARM WFI does) unless the
 * target's has_work hook says otherwise. */

/* log items (-d); several may be set */
#define TCG_LOG_IN_ASM      (1u << 0)
#define TCG_LOG_OP          (1u << 1)
#define TCG_LOG_OP_OPT      (1u << 2)
#define TCG_LOG_OUT_ASM     (1u << 3)
#define TCG_LOG_EXEC        (1u << 4)
#define TCG_LOG_CPU         (1u << 5)
#define TCG_LOG_INT         (1u << 6)
#define TCG_LOG_MMU         (1u << 7)
#define TCG_LOG_GUEST_ERROR (1u << 8)
#define TCG_LOG_UNIMP       (1u << 9)
#define TCG_LOG_NOCHAIN     (1u << 10)

typedef struct tcg_log {
    uint32_t mask;
    FILE *file;            /* stderr unless -D */
    /* addition (-dfilter): in_asm, exec and cpu logs only for TBs whose
     * pc passes; NULL: every TB */
    bool (*filter)(const void *opaque, uint64_t pc);
    const void *filter_opaque;
} tcg_log;

/* why tcg_cpu_exec returned */
typedef enum tcg_exit_reason {
    TCG_EXIT_BUDGET,       /* cycle budget spent: let time advance       */
    TCG_EXIT_HALTED,       /* waiting for an interrupt                   */
    TCG_EXIT_STOP,         /* stop requested (guest exit, debugger, ...) */
} tcg_exit_reason;

struct tcg_cpu {
    const tcg_target_ops *target;
    int cpu_index;

    /* loop control */
    sigjmp_buf jmp_env;
    int exception_index;
    uint32_t interrupt_request;
    bool halted;
    bool stop_request;             /* set by anyone; the loop returns STOP */
    int exit_code;                 /* guest's exit status (semihosting)   */
    bool exited;                   /* the guest asked to end the run      */

    /* time */
    uint64_t cycles;               /* consumed since reset, TB-granular    */
    uint64_t budget_end;           /* loop returns once cycles reach this  */
    uint64_t icount;               /* guest instructions retired           */

    /* the running TB and instruction, for exact fault state */
    tcg_tb *cur_tb;
    const tcg_insn_data *cur_insn;

    /* memory */
    tcg_bus bus;
    tcg_tlb_entry tlb[TCG_NB_MMU_MODES][TCG_TLB_SIZE];
    tcg_tlb_full tlb_full[TCG_NB_MMU_MODES][TCG_TLB_SIZE];

    /* translation */
    tcg_ctx *ctx;
    tcg_tb_cache *tbs;
    tcg_backend *backend;
    uint32_t max_insns_per_tb;
    uint32_t *temps;               /* backend scratch for TB temps */

    /* limits and observability */
    uint64_t max_insns;            /* 0: unlimited; else stop after this many */
    tcg_log log;
    uint64_t stat_tbs_translated, stat_tb_flushes, stat_tlb_misses;

    /* ---- additions ---- */
    size_t tb_arena_size;          /* bytes for TBs + code; 0: default (set before init) */
    bool in_exec;                  /* inside tcg_cpu_exec (raising is allowed) */
    struct tcg_debug *debug;       /* debugger hooks (tcg/debug.h); NULL: none */
    void *trace;                   /* addition: the target's tracing state
                                      (targets/arm/trace-arm.c); NULL: off.
                                      Front ends decide at translation time */
};

/* ---- API for the embedding (bridge, tests) --------------------------- */

/* backend: "interp" (portable interpreter) or "jit" (x86-64 hosts);
 * NULL means "interp"; returns false if unknown */
TCG_WUR bool tcg_cpu_init(tcg_cpu *cpu, const tcg_target_ops *target, const char *backend);
/* The fastest backend this host has ("jit" on x86-64, else "interp"). */
const char *tcg_default_backend(void);
void tcg_cpu_destroy(tcg_cpu *cpu);
/* Run until budget_cycles more cycles are spent, the CPU halts or stops.
 * STOP is returned for: stop_request (consumed: cleared on return),
 * exited (sticky), exception_index TCG_EXCP_EXIT, and max_insns reached
 * (which also sets exited).  HALTED: the CPU waits for an interrupt; the
 * next call returns HALTED at once until interrupt_request != 0. */
tcg_exit_reason tcg_cpu_exec(tcg_cpu *cpu, uint64_t budget_cycles);
/* Lower the current budget's end to `end_cycles` (no effect if it is
 * not lower).  Callable from the bus callbacks inside tcg_cpu_exec (e.g.
 * when an access scheduled a device event before the budget's end); the
 * loop then returns BUDGET at the first TB boundary at or after it. */
void tcg_cpu_cut_budget(tcg_cpu *cpu, uint64_t end_cycles);
/* Interrupt lines (level sensitive).  Raising one ends a halt (even if
 * lowered again before the next tcg_cpu_exec), unless the target has a
 * has_work hook: then the halt ends when tcg_cpu_has_work. */
void tcg_cpu_set_interrupt(tcg_cpu *cpu, uint32_t mask, bool level);
/* Whether a halted CPU would wake now: an interrupt request is pending
 * and the target's has_work hook (if any) accepts it. */
bool tcg_cpu_has_work(tcg_cpu *cpu);
/* --stats: guest instructions and cycles, TBs translated, flushes, chain
 * hits (JIT), TLB misses and, given the host time spent, guest MIPS. */
void tcg_cpu_print_stats(const tcg_cpu *cpu, FILE *f, double host_seconds);
/* Exact cycle count at the current instruction (inside a TB). */
uint64_t tcg_cpu_insn_cycles(const tcg_cpu *cpu);

/* ---- API for targets ------------------------------------------------- */

/* Raise exception `excp` (>= 0) from a helper or the memory slow path:
 * restores PC and cycles of the current instruction from insn_start data,
 * then leaves the TB.  Does not return. */
_Noreturn void tcg_cpu_raise_restore(tcg_cpu *cpu, int excp);
/* Same, when the helper has already synced the guest PC itself. */
_Noreturn void tcg_cpu_raise(tcg_cpu *cpu, int excp);
/* Leave the TB after the current instruction completed (state is synced);
 * used after writes to CPU state that change translation (mode, MMU). */
_Noreturn void tcg_cpu_exit_tb(tcg_cpu *cpu);

/* Code fetch for front ends (through the TLB; may raise prefetch aborts). */
uint32_t tcg_code_ld16(tcg_cpu *cpu, uint32_t vaddr, int mmu_idx);
uint32_t tcg_code_ld32(tcg_cpu *cpu, uint32_t vaddr, int mmu_idx);

/* Guest data access from helpers (semihosting, LDM/STM helpers, etc.);
 * faults raise the guest exception with state restored. */
uint32_t tcg_mem_ld(tcg_cpu *cpu, uint32_t vaddr, uint32_t memop);
void tcg_mem_st(tcg_cpu *cpu, uint32_t vaddr, uint32_t val, uint32_t memop);
/* Same without faulting: returns false on a translation or bus fault. */
TCG_WUR bool tcg_mem_probe_ld(tcg_cpu *cpu, uint32_t vaddr, uint32_t memop, uint32_t *val);

/* TLB management (called by tlb_fill and by MMU maintenance) */
void tcg_tlb_set_page(tcg_cpu *cpu, uint32_t vaddr, uint64_t paddr, uint32_t prot, int mmu_idx);
void tcg_tlb_flush(tcg_cpu *cpu);
void tcg_tlb_flush_page(tcg_cpu *cpu, uint32_t vaddr);

/* TB cache */
void tcg_tb_flush(tcg_cpu *cpu);
/* A write hit [paddr, paddr+len): drop every TB with code there. */
void tcg_tb_invalidate_phys_range(tcg_cpu *cpu, uint64_t paddr, uint64_t len);

/* Debug access through the MMU (gdb, semihosting, loaders): no faults
 * raised, returns bytes transferred. */
uint64_t tcg_cpu_debug_rw(tcg_cpu *cpu, uint32_t vaddr, uint8_t *buf, uint64_t len, bool is_write);

/* guest-error logging helper: prints only when the item is enabled */
void tcg_log_item(tcg_cpu *cpu, uint32_t item, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
