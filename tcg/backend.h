/*
 * The backend interface (private to tcg/): how translated IR becomes
 * something the host runs.  The portable interpreter (interp.c) is one
 * backend; the x86-64 JIT plugs in the same way.
 *
 * Contract:
 *   - compile() turns the optimized ops of ctx into tb->code, allocating
 *     from the CPU's TB arena (tcg_tbs_alloc); false when the arena is
 *     full (the loop flushes every TB and retranslates).  Code memory is
 *     never freed one TB at a time: the arena is reclaimed wholesale.
 *   - exec() runs tb and any TBs chained from it until one leaves through
 *     exit_tb, or through a goto_tb whose chain may not be followed (see
 *     tcg_chain_next); it charges each completed TB (cycles, icount) and
 *     keeps cpu->cur_tb / cpu->cur_insn current for exact faults.
 *   - chain()/unchain() are called after tb->jmp_dest[slot] changed, so a
 *     JIT can patch its direct jump (the interpreter reads jmp_dest).
 */
#ifndef TCG_BACKEND_H
#define TCG_BACKEND_H

#include "internal.h"

typedef struct tcg_exec_result {
    tcg_tb *last;          /* TB that left                          */
    int slot;              /* goto_tb slot it left through, -1: exit_tb */
} tcg_exec_result;

typedef struct tcg_backend_ops {
    const char *name;
    TCG_WUR bool (*init)(tcg_cpu *cpu);
    void (*destroy)(tcg_cpu *cpu);
    TCG_WUR bool (*compile)(tcg_cpu *cpu, tcg_ctx *ctx, tcg_tb *tb);
    tcg_exec_result (*exec)(tcg_cpu *cpu, tcg_tb *tb);
    void (*chain)(tcg_cpu *cpu, tcg_tb *src, int slot, tcg_tb *dst);
    void (*unchain)(tcg_cpu *cpu, tcg_tb *src, int slot);
    /* -d out_asm: a readable listing of tb->code */
    void (*dump)(tcg_cpu *cpu, const tcg_tb *tb, FILE *f);
    bool exec_arena;       /* the TB arena must be executable (JIT) */
} tcg_backend_ops;

struct tcg_backend {
    const tcg_backend_ops *ops;
    void *priv;
};

extern const tcg_backend_ops tcg_interp_backend;
#if defined(__x86_64__)
extern const tcg_backend_ops tcg_jit_x86_64_backend;
#endif

#endif
