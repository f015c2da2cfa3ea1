/*
 * Per-function profile from an instruction trace: call stacks rebuilt
 * from the front end's branch kinds, a calling-context tree (CCT), and
 * from it inclusive/exclusive cycles and instructions per function,
 * folded stacks (Brendan Gregg's format: "a;b;c 123") and flame graphs.
 *
 * Rules (the same ones tarmac-trace-utilities use, made exact by the
 * branch kinds the front end knows statically):
 *   - cost of an instruction = start time (cycles) of the next one minus
 *     its own; the last one costs `end - start` given to finish (1 when
 *     end is 0).  With metric instructions, each costs 1;
 *   - an executed TRACE_BRANCH_CALL followed by a non-sequential pc opens
 *     a frame whose return address is pc + size;
 *   - an exception opens a frame whose return address is the event's
 *     return_addr;
 *   - after an executed TRACE_BRANCH_RETURN, if the new pc equals the
 *     return address of a frame on the stack (bit 0 ignored), that frame
 *     and all above it are closed (longjmp-style unwinding works);
 *   - when the pc leaves the current function without a call (tail call,
 *     fall-through into the next symbol), the top frame changes function
 *     in place (it becomes a sibling in the CCT).
 * Inclusive cost counts each instruction once per function even under
 * recursion; exclusive cost goes to the function holding the pc.
 * Function indices are the symbol table's; index n_syms is "[unknown]".
 */
#ifndef TRACES_PROFILE_H
#define TRACES_PROFILE_H

#include <stdio.h>

#include "traces/elfsyms.h"
#include "traces/trace-events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct trace_prof_node {
    long fn;                   /* function index; root: -1               */
    uint32_t parent, first_child, next_sibling;
    uint64_t self_cycles, self_insns, calls;
    uint64_t total_cycles, total_insns;   /* subtree, after finish       */
} trace_prof_node;

typedef struct trace_prof_frame {
    uint32_t caller;           /* node to go back to                     */
    uint64_t ret;              /* return address                         */
} trace_prof_frame;

typedef struct trace_prof_fn {
    uint64_t calls, incl_cycles, excl_cycles, incl_insns, excl_insns;
} trace_prof_fn;

typedef struct trace_profile {
    const trace_symtab *syms;
    trace_prof_node *nodes;    /* [0] is the root                        */
    size_t n_nodes, cap_nodes;
    trace_prof_frame *stack;
    size_t depth, cap_stack;
    uint32_t cur;
    bool have_prev, pending_exc;
    uint64_t prev_pc, prev_cycles, exc_ret;
    uint8_t prev_size, prev_branch;
    bool prev_executed;
    trace_prof_fn *fn;         /* n_syms + 1 entries, after finish       */
    uint64_t total_cycles, total_insns;
    bool finished, oom;
} trace_profile;

/* syms must outlive the profile. */
TRACE_WUR bool trace_profile_init(trace_profile *p, const trace_symtab *syms);
void trace_profile_free(trace_profile *p);
void trace_profile_insn(trace_profile *p, const trace_insn *e);
void trace_profile_exc(trace_profile *p, const trace_exc *e);
/* Closes the last instruction (end_cycles 0: it costs 1) and computes
 * the per-function numbers.  false: out of memory during the run. */
TRACE_WUR bool trace_profile_finish(trace_profile *p, uint64_t end_cycles);
trace_sink trace_profile_sink(trace_profile *p);

/* Name of function index i ("[unknown]" for n_syms or -1). */
const char *trace_profile_fn_name(const trace_profile *p, long i);
/* Folded stacks, one line per CCT node with self cost, in CCT order. */
void trace_profile_write_folded(const trace_profile *p, FILE *f, bool metric_insns);
/* Text table sorted by inclusive cycles: calls, incl, excl, name. */
void trace_profile_write_table(const trace_profile *p, FILE *f, size_t top);

#ifdef __cplusplus
}
#endif

#endif
