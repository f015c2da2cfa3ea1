/*
 * The per-CPU translation block store.
 *
 *   - Arena: TB structs, their insn tables, page descriptors and backend
 *     code are bump-allocated from one block.  Nothing is freed one TB at
 *     a time; when the arena is full every TB is dropped at once
 *     (tcg_tb_flush).  A flush requested while a TB runs (from a helper)
 *     only unlinks everything and sets flush_pending; the memory is
 *     reclaimed at the loop top, when no TB can be executing.
 *   - Hash: buckets keyed by (phys_pc, flags, pc); lookups also check
 *     that a TB's second page still maps to the same physical page.
 *   - Page lists: each physical page with code knows its TBs, so a write
 *     into it (tcg_tb_invalidate_phys_range) finds them; a page gaining
 *     its first TB gets its TLB write tags marked NOTDIRTY.
 *   - Jump cache: a direct-mapped cache by virtual pc in front of the
 *     hash, cleared on TLB flushes (the virtual->physical view changed).
 *   - For the JIT the arena is executable: one memfd mapped twice, read-
 *     write at `arena` and read-execute at arena + exec_delta (W^X: no page
 *     is ever writable and executable through the same mapping).  Hosts
 *     without memfd fall back to one RWX mapping.
 *   - Chains: tb->jmp_dest[n] is the direct successor; dst->jmp_list links
 *     the incoming chains as tagged pointers (src | n) so invalidating a
 *     TB can unchain everything pointing at it.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "backend.h"

#define TB_HASH_SIZE   (1u << TCG_TB_HASH_BITS)
#define PAGE_HASH_SIZE (1u << TCG_PAGE_HASH_BITS)
#define JC_SIZE        (1u << TCG_JC_BITS)

static uint32_t tb_hash(uint64_t phys_pc, uint32_t flags, uint32_t pc)
{
    uint64_t h = phys_pc * 0x9e3779b97f4a7c15ull ^ (uint64_t)flags * 0xc2b2ae3d27d4eb4full ^ pc;
    return (uint32_t)(h >> (64 - TCG_TB_HASH_BITS));
}

static uint32_t page_hash(uint64_t page)
{
    return (uint32_t)(((page >> TCG_PAGE_BITS) * 0x9e3779b97f4a7c15ull) >> (64 - TCG_PAGE_HASH_BITS));
}

/* Map the arena twice (RW + RX) through a memfd; RWX as a fallback. */
static bool map_exec_arena(tcg_tb_cache *c)
{
    int fd = memfd_create("tcg-jit", MFD_CLOEXEC);
    if (fd >= 0) {
        if (ftruncate(fd, (off_t)c->arena_size) == 0) {
            void *rw = mmap(NULL, c->arena_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            void *rx = mmap(NULL, c->arena_size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
            if (rw != MAP_FAILED && rx != MAP_FAILED) {
                close(fd);
                c->arena = rw;
                c->exec_delta = (uint8_t *)rx - (uint8_t *)rw;
                return true;
            }
            if (rw != MAP_FAILED)
                munmap(rw, c->arena_size);
            if (rx != MAP_FAILED)
                munmap(rx, c->arena_size);
        }
        close(fd);
    }
    void *p = mmap(NULL, c->arena_size, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return false;
    c->arena = p;
    c->exec_delta = 0;
    return true;
}

bool tcg_tbs_init(tcg_cpu *cpu, bool executable)
{
    tcg_tb_cache *c = calloc(1, sizeof(*c));
    if (!c)
        return false;
    c->arena_size = cpu->tb_arena_size ? cpu->tb_arena_size : TCG_DEFAULT_ARENA;
    c->exec = executable;
    if (executable) {
        c->arena_size = (c->arena_size + 4095u) & ~(size_t)4095u;
        if (!map_exec_arena(c))
            c->exec = false;      /* c->arena stays NULL: init fails below */
    } else {
        c->arena = malloc(c->arena_size);
    }
    c->hash = calloc(TB_HASH_SIZE, sizeof(*c->hash));
    c->pages = calloc(PAGE_HASH_SIZE, sizeof(*c->pages));
    c->jc = calloc(JC_SIZE, sizeof(*c->jc));
    c->icount_limit = UINT64_MAX;
    c->last_slot = -1;
    cpu->tbs = c;
    if (!c->arena || !c->hash || !c->pages || !c->jc) {
        tcg_tbs_destroy(cpu);
        return false;
    }
    return true;
}

void tcg_tbs_destroy(tcg_cpu *cpu)
{
    tcg_tb_cache *c = cpu->tbs;
    if (!c)
        return;
    if (c->exec && c->arena) {
        if (c->exec_delta)
            munmap(c->arena + c->exec_delta, c->arena_size);
        munmap(c->arena, c->arena_size);
    } else {
        free(c->arena);
    }
    free(c->hash);
    free(c->pages);
    free(c->jc);
    free(c);
    cpu->tbs = NULL;
}

void *tcg_tbs_alloc(tcg_cpu *cpu, size_t size)
{
    tcg_tb_cache *c = cpu->tbs;
    size_t start = (c->arena_used + 15u) & ~(size_t)15u;
    if (start > c->arena_size || size > c->arena_size - start)
        return NULL;
    c->arena_used = start + size;
    return c->arena + start;
}

void *tcg_tbs_alloc_rest(tcg_cpu *cpu, size_t min, size_t max, size_t *got)
{
    tcg_tb_cache *c = cpu->tbs;
    size_t start = (c->arena_used + 15u) & ~(size_t)15u;
    if (start > c->arena_size || min > c->arena_size - start)
        return NULL;
    size_t n = c->arena_size - start;
    if (n > max)
        n = max;
    c->arena_used = start + n;
    *got = n;
    return c->arena + start;
}

void tcg_tbs_trim(tcg_cpu *cpu, void *end)
{
    tcg_tb_cache *c = cpu->tbs;
    size_t used = (size_t)((uint8_t *)end - c->arena);
    if (used <= c->arena_used)
        c->arena_used = used;
}

void tcg_tbs_reclaim(tcg_cpu *cpu)
{
    tcg_tb_cache *c = cpu->tbs;
    if (c->flush_pending) {
        c->flush_pending = false;
        c->arena_used = c->arena_floor;
        c->last_tb = NULL;
    }
}

void tcg_tb_flush(tcg_cpu *cpu)
{
    tcg_tb_cache *c = cpu->tbs;
    memset(c->hash, 0, TB_HASH_SIZE * sizeof(*c->hash));
    memset(c->pages, 0, PAGE_HASH_SIZE * sizeof(*c->pages));
    memset(c->jc, 0, JC_SIZE * sizeof(*c->jc));
    c->last_tb = NULL;
    cpu->stat_tb_flushes++;
    if (cpu->cur_tb) {
        /* inside a TB: old TBs stay readable until the loop top, and
         * tcg_chain_next refuses to follow any chain meanwhile */
        c->flush_pending = true;
    } else {
        c->arena_used = c->arena_floor;
        c->flush_pending = false;
    }
}

/* ---- jump cache -------------------------------------------------------- */

void tcg_jc_flush(tcg_cpu *cpu)
{
    memset(cpu->tbs->jc, 0, JC_SIZE * sizeof(*cpu->tbs->jc));
}

void tcg_jc_flush_page(tcg_cpu *cpu, uint32_t vaddr)
{
    /* a TB starting on the previous page may run into this one */
    for (int k = 0; k < 2; k++) {
        uint32_t base = tcg_jc_hash((vaddr & TCG_PAGE_MASK) - (uint32_t)k * TCG_PAGE_SIZE) & ~63u;
        memset(&cpu->tbs->jc[base], 0, 64 * sizeof(*cpu->tbs->jc));
    }
}

/* ---- lookup ----------------------------------------------------------- */

static int tb_mmu_index(tcg_cpu *cpu, const tcg_tb *tb)
{
    return tcg_cpu_mmu_index(cpu, tb->flags);
}

static bool second_page_ok(tcg_cpu *cpu, const tcg_tb *tb)
{
    if (tb->page[1] == TCG_PAGE_NONE)
        return true;
    uint64_t phys;
    uint32_t v2 = (tb->pc & TCG_PAGE_MASK) + TCG_PAGE_SIZE;
    return tcg_tlb_code_phys_probe(cpu, v2, tb_mmu_index(cpu, tb), &phys) &&
           (phys & ~(uint64_t)(TCG_PAGE_SIZE - 1)) == tb->page[1];
}

tcg_tb *tcg_tb_lookup(tcg_cpu *cpu, uint32_t pc, uint32_t flags, uint64_t phys_pc)
{
    tcg_tb_cache *c = cpu->tbs;
    for (tcg_tb *tb = c->hash[tb_hash(phys_pc, flags, pc)]; tb; tb = tb->hash_next)
        if (tb->pc == pc && tb->flags == flags && tb->phys_pc == phys_pc && !tb->invalid &&
            second_page_ok(cpu, tb))
            return tb;
    return NULL;
}

/* ---- insertion -------------------------------------------------------- */

static tcg_page_desc *page_find(tcg_tb_cache *c, uint64_t page)
{
    for (tcg_page_desc *p = c->pages[page_hash(page)]; p; p = p->next)
        if (p->page == page)
            return p;
    return NULL;
}

bool tcg_tb_page_has_code(tcg_cpu *cpu, uint64_t phys_page)
{
    tcg_page_desc *p = page_find(cpu->tbs, phys_page & ~(uint64_t)(TCG_PAGE_SIZE - 1));
    return p && p->first;
}

bool tcg_tb_insert(tcg_cpu *cpu, tcg_tb *tb)
{
    tcg_tb_cache *c = cpu->tbs;
    tcg_page_desc *pd[2] = { NULL, NULL };
    /* allocate first so a full arena leaves nothing half linked */
    for (int n = 0; n < 2; n++) {
        if (tb->page[n] == TCG_PAGE_NONE)
            continue;
        pd[n] = page_find(c, tb->page[n]);
        if (!pd[n]) {
            pd[n] = tcg_tbs_alloc(cpu, sizeof(tcg_page_desc));
            if (!pd[n])
                return false;
            pd[n]->page = tb->page[n];
            pd[n]->first = NULL;
            uint32_t h = page_hash(tb->page[n]);
            pd[n]->next = c->pages[h];
            c->pages[h] = pd[n];
        }
    }
    for (int n = 0; n < 2; n++) {
        if (!pd[n])
            continue;
        bool was_empty = pd[n]->first == NULL;
        tb->page_next[n] = pd[n]->first;
        pd[n]->first = tb;
        if (was_empty)
            tcg_tlb_protect_code(cpu, tb->page[n]);
    }
    uint32_t h = tb_hash(tb->phys_pc, tb->flags, tb->pc);
    tb->hash_next = c->hash[h];
    c->hash[h] = tb;
    return true;
}

/* ---- chaining ----------------------------------------------------------- */

#define JMP_TAG(tb, n) ((tcg_tb *)((uintptr_t)(tb) | (uintptr_t)(n)))
#define JMP_TB(p)      ((tcg_tb *)((uintptr_t)(p) & ~(uintptr_t)1))
#define JMP_N(p)       ((int)((uintptr_t)(p) & 1))

static void unlink_incoming(tcg_tb *dst, tcg_tb *src, int n)
{
    tcg_tb **pp = &dst->jmp_list;
    while (*pp) {
        tcg_tb *t = JMP_TB(*pp);
        int tn = JMP_N(*pp);
        if (t == src && tn == n) {
            *pp = src->jmp_next[n];
            return;
        }
        pp = &t->jmp_next[tn];
    }
}

void tcg_tb_add_jump(tcg_cpu *cpu, tcg_tb *src, int slot, tcg_tb *dst)
{
    if (slot < 0 || slot > 1 || src->invalid || dst->invalid)
        return;
    if (src->jmp_dest[slot] == dst) {
        if (src->jmp_gen[slot] != cpu->tbs->tlb_gen) {
            src->jmp_gen[slot] = cpu->tbs->tlb_gen;
            cpu->backend->ops->chain(cpu, src, slot, dst);   /* a JIT patches the generation */
        }
        return;
    }
    if (src->jmp_dest[slot]) {
        unlink_incoming(src->jmp_dest[slot], src, slot);
        cpu->backend->ops->unchain(cpu, src, slot);
    }
    src->jmp_dest[slot] = dst;
    src->jmp_gen[slot] = cpu->tbs->tlb_gen;
    src->jmp_next[slot] = dst->jmp_list;
    dst->jmp_list = JMP_TAG(src, slot);
    cpu->backend->ops->chain(cpu, src, slot, dst);
}

/* ---- invalidation ------------------------------------------------------- */

static void page_unlink(tcg_tb_cache *c, tcg_tb *tb, int n)
{
    tcg_page_desc *pd = page_find(c, tb->page[n]);
    if (!pd)
        return;
    tcg_tb **pp = &pd->first;
    while (*pp) {
        tcg_tb *t = *pp;
        int tn = t->page[0] == pd->page ? 0 : 1;
        if (t == tb) {
            *pp = t->page_next[tn];
            return;
        }
        pp = &t->page_next[tn];
    }
}

void tcg_tb_invalidate(tcg_cpu *cpu, tcg_tb *tb)
{
    tcg_tb_cache *c = cpu->tbs;
    if (tb->invalid)
        return;
    tb->invalid = true;
    if (tb->trace_data && cpu->target->tb_drop)
        cpu->target->tb_drop(cpu, tb);

    tcg_tb **pp = &c->hash[tb_hash(tb->phys_pc, tb->flags, tb->pc)];
    while (*pp && *pp != tb)
        pp = &(*pp)->hash_next;
    if (*pp)
        *pp = tb->hash_next;

    for (int n = 0; n < 2; n++)
        if (tb->page[n] != TCG_PAGE_NONE)
            page_unlink(c, tb, n);

    uint32_t j = tcg_jc_hash(tb->pc);
    if (c->jc[j] == tb)
        c->jc[j] = NULL;

    /* incoming chains */
    for (tcg_tb *p = tb->jmp_list; p;) {
        tcg_tb *src = JMP_TB(p);
        int n = JMP_N(p);
        p = src->jmp_next[n];
        src->jmp_dest[n] = NULL;
        src->jmp_next[n] = NULL;
        cpu->backend->ops->unchain(cpu, src, n);
    }
    tb->jmp_list = NULL;
    /* outgoing chains */
    for (int n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            unlink_incoming(tb->jmp_dest[n], tb, n);
            tb->jmp_dest[n] = NULL;
            cpu->backend->ops->unchain(cpu, tb, n);
        }
    }
    if (c->last_tb == tb)
        c->last_tb = NULL;
}

void tcg_tb_invalidate_phys_range(tcg_cpu *cpu, uint64_t paddr, uint64_t len)
{
    if (!cpu->tbs || len == 0)
        return;
    uint64_t end = paddr + len;
    for (uint64_t page = paddr & ~(uint64_t)(TCG_PAGE_SIZE - 1); page < end; page += TCG_PAGE_SIZE) {
        tcg_page_desc *pd = page_find(cpu->tbs, page);
        if (!pd)
            continue;
        tcg_tb *tb = pd->first;
        while (tb) {
            int n = tb->page[0] == page ? 0 : 1;
            tcg_tb *next = tb->page_next[n];
            /* the TB's bytes on this page */
            uint64_t lo = tb->phys_pc, hi = tb->phys_pc + tb->size;
            if (n == 1) {
                lo = page;
                hi = page + ((tb->pc + tb->size) & ~TCG_PAGE_MASK);
            } else if (tb->page[1] != TCG_PAGE_NONE) {
                hi = page + TCG_PAGE_SIZE;
            }
            if (tb->size == 0 || (lo < end && paddr < hi))
                tcg_tb_invalidate(cpu, tb);
            tb = next;
        }
        if (!pd->first)
            tcg_tlb_unprotect_code(cpu, page);
    }
}
