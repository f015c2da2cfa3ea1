/*
 * Debugger support in the CPU loop: breakpoints checked by translated
 * code, watchpoints checked on the soft-TLB slow path, and single-step.
 * Target-neutral: a debugger (the GDB glue) fills a tcg_debug with its
 * queries and hangs it on tcg_cpu.debug; front ends call
 * tcg_debug_gen_bp_check before each guest instruction.
 *
 *   tcg_debug dbg = { .ops = &my_ops, .opaque = me };
 *   tcg_debug_attach(cpu, &dbg);            // once, after tcg_cpu_init
 *   tcg_debug_breakpoints_changed(cpu);     // after inserting/removing a breakpoint
 *   tcg_debug_watchpoints_changed(cpu);     // after inserting/removing a watchpoint
 *   tcg_debug_set_step(cpu, true, false);   // next tcg_cpu_exec runs ONE instruction
 *   r = tcg_cpu_exec(cpu, budget);
 *   if (tcg_debug_take_stop(cpu, &why, &addr, &wr)) ... a breakpoint or watchpoint hit
 *
 * Breakpoints never patch guest memory.  When a TB is translated and the
 * debugger has a breakpoint inside an instruction, the front end emits a
 * helper call before that instruction; at run time the helper asks
 * ops->bp_hit (which may say no, e.g. while single-stepping) and, on a
 * hit, leaves the TB with the instruction NOT executed (PC restored to
 * it) and tcg_cpu_exec returns TCG_EXIT_STOP.  Inserting or removing a
 * breakpoint flushes the TB cache, so TBs built before it are not reused.
 *
 * Watchpoints: while the debugger has any, every page it says may hold
 * one gets the TLB's MMIO flag for data accesses, so all loads and
 * stores to it (RAM included, JIT or interpreter) take the slow path,
 * which calls ops->watch_hit before the access; a hit restores the
 * instruction's state like a fault (the access does not happen) and
 * leaves as above.
 *
 * Single-step: TBs are built with TCG_TB_FLAG_STEP in their flags (one
 * instruction each, kept apart from normal TBs in the cache), the loop
 * returns after one instruction (or after entering an exception, or after
 * taking an interrupt when step_irqs allows it), and no chain is made
 * from or to a step TB.
 *
 * Invariant: with tcg_cpu.debug NULL, or with no breakpoint, watchpoint or
 * step, translated code and the fast paths are exactly as without a
 * debugger.
 */
#ifndef TCG_DEBUG_H
#define TCG_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

typedef struct tcg_debug_ops {
    /* Translation: is there a breakpoint at an address in [pc, pc+len)? */
    bool (*bp_in_range)(void *opaque, tcg_cpu *cpu, uint32_t pc, uint32_t len);
    /* Run time, before the instruction at pc: stop here? */
    bool (*bp_hit)(void *opaque, tcg_cpu *cpu, uint32_t pc, uint32_t len);
    /* TLB fill: may an access within [page, page+size) hit a watchpoint? */
    bool (*wp_in_range)(void *opaque, tcg_cpu *cpu, uint32_t page, uint32_t size);
    /* Slow path, before a data access: stop here?  *wp_addr: the watched
     * address that matched. */
    bool (*watch_hit)(void *opaque, tcg_cpu *cpu, uint32_t vaddr, unsigned len, bool is_write,
                      uint32_t *wp_addr);
} tcg_debug_ops;

typedef enum tcg_debug_stop {
    TCG_DEBUG_NONE = 0,
    TCG_DEBUG_BREAKPOINT,
    TCG_DEBUG_WATCHPOINT,
} tcg_debug_stop;

typedef struct tcg_debug {
    const tcg_debug_ops *ops;
    void *opaque;
    bool have_bp;           /* any breakpoint: front ends emit checks        */
    bool have_wp;           /* any watchpoint: TLB sends pages to slow path  */

    /* single-step (tcg_debug_set_step) */
    bool singlestep;
    bool step_irqs;         /* a step may take a pending interrupt           */
    bool step_ran;          /* loop: the step's instruction has started      */

    /* the stop that ended the last tcg_cpu_exec (tcg_debug_take_stop) */
    tcg_debug_stop stop;
    uint32_t stop_addr;     /* breakpoint PC, or watched data address        */
    bool stop_write;        /* watchpoint: the access was a write            */

    uint32_t helper_bp;     /* helper id of the breakpoint check in cpu->ctx */
} tcg_debug;

/* TB flag bit reserved for tcg: the TB was built for single-stepping. */
#define TCG_TB_FLAG_STEP (1u << 31)

/* Attach dbg to cpu (registers the check helper).  False if the helper
 * table is full. */
TCG_WUR bool tcg_debug_attach(tcg_cpu *cpu, tcg_debug *dbg);
/* The debugger's breakpoint set changed: set have_bp, flush the TB cache. */
void tcg_debug_breakpoints_changed(tcg_cpu *cpu, bool have_bp);
/* The watchpoint set changed: set have_wp, flush the TLB. */
void tcg_debug_watchpoints_changed(tcg_cpu *cpu, bool have_wp);
/* Single-step mode for the following tcg_cpu_exec calls. */
void tcg_debug_set_step(tcg_cpu *cpu, bool on, bool step_irqs);
/* Did the last tcg_cpu_exec stop for a breakpoint/watchpoint?  Clears it. */
bool tcg_debug_take_stop(tcg_cpu *cpu, tcg_debug_stop *why, uint32_t *addr, bool *is_write);

/* Front ends: call after insn_start of the instruction at pc (len bytes). */
void tcg_debug_gen_bp_check(tcg_cpu *cpu, tcg_ctx *s, uint32_t pc, uint32_t len);

/* ---- used by the loop and the TLB (tcg/ only) ---- */
/* Flags to OR into the TB flags of the next TB. */
static inline uint32_t tcg_debug_tb_cflags(const tcg_cpu *cpu)
{
    return cpu->debug && cpu->debug->singlestep ? TCG_TB_FLAG_STEP : 0u;
}
/* May the loop take an interrupt now? */
static inline bool tcg_debug_irq_ok(const tcg_cpu *cpu)
{
    return !cpu->debug || !cpu->debug->singlestep || cpu->debug->step_irqs;
}
/* Loop top: the single step is complete, return. */
static inline bool tcg_debug_step_done(const tcg_cpu *cpu)
{
    return cpu->debug && cpu->debug->singlestep && cpu->debug->step_ran;
}
/* Loop: an instruction (TB) or an interrupt entry is about to happen. */
static inline void tcg_debug_note_step(tcg_cpu *cpu)
{
    if (cpu->debug && cpu->debug->singlestep)
        cpu->debug->step_ran = true;
}
/* Does this page need the slow path for data accesses? */
bool tcg_debug_page_watched(tcg_cpu *cpu, uint32_t vpage);
/* Slow path: check a data access; raises (does not return) on a hit. */
void tcg_debug_check_access(tcg_cpu *cpu, uint32_t vaddr, unsigned size, bool is_write);

#endif
