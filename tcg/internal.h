/*
 * Declarations shared between the files of tcg/ and its unit tests; not
 * part of the API front ends or the embedding use.
 *
 *   tb-cache.c : the per-CPU TB store (arena, hash, page lists, jump cache)
 *   tlb.c      : the soft TLB slow paths and code-page protection
 *   cpu-exec.c : the loop, unwinding on exceptions
 */
#ifndef TCG_INTERNAL_H
#define TCG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cpu.h"

#define TCG_TB_HASH_BITS   14
#define TCG_PAGE_HASH_BITS 12
#define TCG_JC_BITS        12     /* 64 pages x 64 slots, see tcg_jc_hash */
#define TCG_DEFAULT_ARENA  (16u << 20)
#define TCG_DEFAULT_MAX_INSNS_PER_TB 512u
#define TCG_PAGE_NONE      (~(uint64_t)0)

/* Physical page descriptor: the TBs with code on that page. */
typedef struct tcg_page_desc tcg_page_desc;
struct tcg_page_desc {
    uint64_t page;
    tcg_tb *first;               /* linked through tb->page_next[n], where
                                    n is 0 or 1 by tb->page[n] == page */
    tcg_page_desc *next;         /* hash bucket chain */
};

struct tcg_tb_cache {
    uint8_t *arena;
    size_t arena_size, arena_used;
    size_t mark;                 /* arena_used when translation began      */
    bool translating;            /* a longjmp out of translate: roll back  */
    bool flush_pending;          /* tcg_tb_flush ran inside a TB: the arena
                                    is reclaimed at the loop top            */
    tcg_tb **hash;               /* 1 << TCG_TB_HASH_BITS buckets          */
    tcg_page_desc **pages;       /* 1 << TCG_PAGE_HASH_BITS buckets        */
    tcg_tb **jc;                 /* per-CPU jump cache by virtual pc       */
    uint32_t tlb_gen;            /* bumped by every TLB flush              */
    uint64_t icount_limit;       /* max_insns, or UINT64_MAX               */
    tcg_tb *last_tb;             /* TB that just exited through a slot     */
    int last_slot;

    /* executable arena (JIT): the same pages mapped twice, written through
     * `arena` and run at `arena + exec_delta`; arena_floor bytes at the
     * start (the JIT's entry/exit trampoline) survive flushes */
    bool exec;
    ptrdiff_t exec_delta;
    size_t arena_floor;
    uint64_t stat_jc_hits;       /* indirect exits resolved in the jump cache */
    /* JIT chain/lookup gate: low word = tlb_gen, high word = 1 while the
     * loop must see the next TB boundary (tcg_exit_pending: interrupt,
     * stop, exit, deferred flush, instruction limit), so one compare with
     * a chain's TLB generation checks both.  jit_exec computes it on entry
     * and the JIT code recomputes it after every call into C (helpers,
     * memory slow paths), the only places where these conditions or the
     * TLB generation can change while generated code runs. */
    uint64_t jit_gate;
    /* While JIT code runs it counts cycles in jit_cycles_rel = cycles -
     * jit_cycles_base (negative until the budget is reached, so a TB exit
     * adds its cycles and tests the sign in one instruction) and writes
     * cpu->cycles = base + rel before every call into C and when it
     * returns to the loop; after a call it re-reads cpu->cycles (stalls). */
    int64_t jit_cycles_rel;
    uint64_t jit_cycles_base;
    uint8_t jit_icount_limited;  /* icount_limit != UINT64_MAX */
    uint64_t stat_jit_lookups;   /* exit_tb resolved by the JIT's inline lookup */
    /* the JIT's spill slots for TB temps, addressed from its env registers */
    uint32_t jit_temps[TCG_MAX_VALS + 1];
};

/* ---- backend interface (see backend.h) ------------------------------ */

/* ---- tb-cache.c ------------------------------------------------------ */
/* executable: map the arena for a JIT (W^X dual mapping when possible) */
TCG_WUR bool tcg_tbs_init(tcg_cpu *cpu, bool executable);
void tcg_tbs_destroy(tcg_cpu *cpu);
/* Arena allocation, 16-byte aligned; NULL when full. */
void *tcg_tbs_alloc(tcg_cpu *cpu, size_t size);
/* Allocate what is left (at most max, at least min; NULL if less than min
 * is free); the caller gives the unused tail back with tcg_tbs_trim. */
void *tcg_tbs_alloc_rest(tcg_cpu *cpu, size_t min, size_t max, size_t *got);
void tcg_tbs_trim(tcg_cpu *cpu, void *end);
/* Reclaim the arena if a flush is pending (loop top only). */
void tcg_tbs_reclaim(tcg_cpu *cpu);
tcg_tb *tcg_tb_lookup(tcg_cpu *cpu, uint32_t pc, uint32_t flags, uint64_t phys_pc);
/* Enter a freshly translated TB into hash and page lists; false if the
 * arena has no room for a page descriptor. */
TCG_WUR bool tcg_tb_insert(tcg_cpu *cpu, tcg_tb *tb);
void tcg_tb_add_jump(tcg_cpu *cpu, tcg_tb *src, int slot, tcg_tb *dst);
void tcg_tb_invalidate(tcg_cpu *cpu, tcg_tb *tb);
bool tcg_tb_page_has_code(tcg_cpu *cpu, uint64_t phys_page);
void tcg_jc_flush(tcg_cpu *cpu);
void tcg_jc_flush_page(tcg_cpu *cpu, uint32_t vaddr);
static inline uint32_t tcg_jc_hash(uint32_t pc)
{
    /* page bits select a 64-entry block, so one page flushes one block */
    return (((pc >> TCG_PAGE_BITS) & 63u) << 6) | ((pc >> 1) & 63u);
}

/* ---- tlb.c ------------------------------------------------------------ */
uint32_t tcg_tlb_ld_slow(tcg_cpu *cpu, uint32_t vaddr, uint32_t memop);
void tcg_tlb_st_slow(tcg_cpu *cpu, uint32_t vaddr, uint32_t val, uint32_t memop);
/* Physical address of code at vaddr (fills the TLB; may raise). */
uint64_t tcg_tlb_code_phys(tcg_cpu *cpu, uint32_t vaddr, int mmu_idx);
/* Same without raising; false when not mapped for execution. */
bool tcg_tlb_code_phys_probe(tcg_cpu *cpu, uint32_t vaddr, int mmu_idx, uint64_t *phys);
/* Page gained / lost its last TB: route writes through the slow path. */
void tcg_tlb_protect_code(tcg_cpu *cpu, uint64_t phys_page);
void tcg_tlb_unprotect_code(tcg_cpu *cpu, uint64_t phys_page);
int tcg_cpu_mmu_index(tcg_cpu *cpu, uint32_t flags);

/* ---- cpu-exec.c --------------------------------------------------------- */
/* Account the partial TB and leave to the loop; completed: the current
 * instruction retired. */
_Noreturn void tcg_cpu_unwind(tcg_cpu *cpu, bool completed);

/* Fast-path TLB lookups for one access kind (no flags set => direct). */
static inline tcg_tlb_entry *tcg_tlb_entry_for(tcg_cpu *cpu, int mmu_idx, uint32_t vaddr)
{
    return &cpu->tlb[mmu_idx][(vaddr >> TCG_PAGE_BITS) & (TCG_TLB_SIZE - 1u)];
}

/* Any reason for the loop to see the next TB boundary (besides the
 * budget and the TLB generation of a chain)? */
static inline uint32_t tcg_exit_pending(const tcg_cpu *cpu)
{
    const tcg_tb_cache *c = cpu->tbs;
    return cpu->interrupt_request | (uint32_t)cpu->stop_request | (uint32_t)cpu->exited |
           (uint32_t)c->flush_pending | (uint32_t)(c->icount_limit != UINT64_MAX);
}

/* Should a goto_tb follow its chain now?  The loop's checks, inlined. */
static inline tcg_tb *tcg_chain_next(tcg_cpu *cpu, tcg_tb *tb, unsigned slot)
{
    tcg_tb *next = tb->jmp_dest[slot];
    tcg_tb_cache *c = cpu->tbs;
    if (next == NULL || tb->jmp_gen[slot] != c->tlb_gen)
        return NULL;
    if (cpu->interrupt_request | (uint32_t)cpu->stop_request | (uint32_t)cpu->exited |
        (uint32_t)c->flush_pending)
        return NULL;
    if (cpu->cycles >= cpu->budget_end || cpu->icount >= c->icount_limit)
        return NULL;
    return next;
}

#endif
