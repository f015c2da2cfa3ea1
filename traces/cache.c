/*
 * Set-associative cache model (semantics in cache.h).
 *
 * Storage per level: tag/stamp/flags arrays of sets*ways entries, set s
 * at [s*ways, (s+1)*ways).  Line addresses are addr >> line_shift; the
 * set is the line address modulo sets (power of two).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "traces/cache.h"

#define F_VALID 1u
#define F_DIRTY 2u

static bool pow2(uint32_t v) { return v && !(v & (v - 1)); }

static unsigned log2u(uint32_t v)
{
    unsigned n = 0;
    while (v > 1) {
        v >>= 1;
        n++;
    }
    return n;
}

static bool parse_size(const char *s, size_t n, uint32_t *out)
{
    char buf[32];
    if (!n || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = 0;
    char *end;
    unsigned long long v = strtoull(buf, &end, 10);
    if (end == buf)
        return false;
    if (*end == 'k' || *end == 'K') {
        v *= 1024;
        end++;
    } else if (*end == 'm' || *end == 'M') {
        v *= 1024 * 1024;
        end++;
    }
    if (*end || v == 0 || v > 0x80000000ull)
        return false;
    *out = (uint32_t)v;
    return true;
}

bool trace_cache_parse(const char *spec, trace_cache_config *out, char *err, size_t err_len)
{
    trace_cache_config c = { 0 };
    const char *p = spec;
    int field = 0;
    while (p && *p) {
        size_t n = strcspn(p, ",");
        bool ok = true;
        switch (field) {
        case 0: ok = parse_size(p, n, &c.size); break;
        case 1: ok = parse_size(p, n, &c.line); break;
        case 2: ok = parse_size(p, n, &c.ways); break;
        case 3:
            if (n == 3 && !strncmp(p, "lru", 3)) c.policy = TRACE_CACHE_LRU;
            else if (n == 4 && !strncmp(p, "fifo", 4)) c.policy = TRACE_CACHE_FIFO;
            else if (n == 6 && !strncmp(p, "random", 6)) c.policy = TRACE_CACHE_RANDOM;
            else ok = false;
            break;
        default:
            if (n == 2 && !strncmp(p, "wb", 2)) c.write_through = false;
            else if (n == 2 && !strncmp(p, "wt", 2)) c.write_through = true;
            else if (n == 2 && !strncmp(p, "wa", 2)) c.no_write_allocate = false;
            else if (n == 3 && !strncmp(p, "nwa", 3)) c.no_write_allocate = true;
            else ok = false;
        }
        if (!ok) {
            snprintf(err, err_len, "cache '%s': bad field '%.*s' (expected SIZE,LINE,WAYS,"
                     "lru|fifo|random[,wb|wt][,wa|nwa])", spec, (int)n, p);
            return false;
        }
        field++;
        p += n;
        if (*p == ',')
            p++;
    }
    if (field < 4) {
        snprintf(err, err_len, "cache '%s': expected SIZE,LINE,WAYS,POLICY", spec ? spec : "");
        return false;
    }
    *out = c;
    return true;
}

bool trace_cache_init(trace_cache *c, const char *name, const trace_cache_config *cfg,
                      trace_cache *next, char *err, size_t err_len)
{
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    if (!pow2(cfg->size) || !pow2(cfg->line) || !pow2(cfg->ways) || cfg->line < 4 ||
        (uint64_t)cfg->line * cfg->ways > cfg->size) {
        snprintf(err, err_len, "%s: size %u, line %u and ways %u must be powers of two with "
                 "line*ways <= size", name, cfg->size, cfg->line, cfg->ways);
        return false;
    }
    c->cfg = *cfg;
    c->sets = cfg->size / cfg->line / cfg->ways;
    c->line_shift = log2u(cfg->line);
    size_t n = (size_t)c->sets * cfg->ways;
    c->tag = calloc(n, sizeof *c->tag);
    c->stamp = calloc(n, sizeof *c->stamp);
    c->flags = calloc(n, 1);
    if (!c->tag || !c->stamp || !c->flags) {
        trace_cache_free(c);
        snprintf(err, err_len, "%s: out of memory", name);
        return false;
    }
    c->rng = cfg->seed ? cfg->seed : 0x2545f4914f6cdd1dull;
    c->next = next;
    return true;
}

void trace_cache_free(trace_cache *c)
{
    free(c->tag);
    free(c->stamp);
    free(c->flags);
    c->tag = c->stamp = NULL;
    c->flags = NULL;
}

static uint32_t victim(trace_cache *c, size_t base)
{
    uint32_t ways = c->cfg.ways;
    for (uint32_t w = 0; w < ways; w++)
        if (!(c->flags[base + w] & F_VALID))
            return w;
    if (c->cfg.policy == TRACE_CACHE_RANDOM) {
        c->rng ^= c->rng << 13;
        c->rng ^= c->rng >> 7;
        c->rng ^= c->rng << 17;
        return (uint32_t)(c->rng % ways);
    }
    uint32_t best = 0;   /* LRU and FIFO: oldest stamp */
    for (uint32_t w = 1; w < ways; w++)
        if (c->stamp[base + w] < c->stamp[base + best])
            best = w;
    return best;
}

/* One access to one line; true on a miss. */
static bool access_line(trace_cache *c, uint64_t line, bool is_write)
{
    size_t base = (size_t)(line & (c->sets - 1)) * c->cfg.ways;
    uint32_t ways = c->cfg.ways;
    c->tick++;
    if (is_write)
        c->st.writes++;
    else
        c->st.reads++;
    for (uint32_t w = 0; w < ways; w++) {
        if ((c->flags[base + w] & F_VALID) && c->tag[base + w] == line) {
            if (c->cfg.policy == TRACE_CACHE_LRU)
                c->stamp[base + w] = c->tick;
            if (is_write) {
                if (c->cfg.write_through) {
                    if (c->next)
                        access_line(c->next, line << c->line_shift >> c->next->line_shift, true);
                } else {
                    c->flags[base + w] |= F_DIRTY;
                }
            }
            return false;
        }
    }
    if (is_write)
        c->st.write_misses++;
    else
        c->st.read_misses++;
    if (is_write && c->cfg.no_write_allocate) {
        if (c->next)
            access_line(c->next, line << c->line_shift >> c->next->line_shift, true);
        return true;
    }
    uint32_t w = victim(c, base);
    size_t i = base + w;
    if (c->flags[i] & F_VALID) {
        c->st.evictions++;
        if (c->flags[i] & F_DIRTY) {
            c->st.writebacks++;
            if (c->next)
                access_line(c->next, c->tag[i] << c->line_shift >> c->next->line_shift, true);
        }
    }
    if (c->next)
        access_line(c->next, line << c->line_shift >> c->next->line_shift, false);
    c->tag[i] = line;
    c->flags[i] = F_VALID;
    c->stamp[i] = c->tick;
    if (is_write) {
        if (c->cfg.write_through) {
            if (c->next)
                access_line(c->next, line << c->line_shift >> c->next->line_shift, true);
        } else {
            c->flags[i] |= F_DIRTY;
        }
    }
    return true;
}

unsigned trace_cache_access(trace_cache *c, uint64_t addr, unsigned size, bool is_write)
{
    if (!size)
        size = 1;
    uint64_t first = addr >> c->line_shift, last = (addr + size - 1) >> c->line_shift;
    unsigned misses = 0;
    for (uint64_t l = first; l <= last; l++)
        misses += access_line(c, l, is_write);
    return misses;
}

/* ---- hierarchy -------------------------------------------------------- */

bool trace_cache_hier_init(trace_cache_hier *h, const trace_cache_config *l1i,
                           const trace_cache_config *l1d, const trace_cache_config *l2,
                           trace_cache_sym_fn sym, void *sym_opaque, size_t n_functions,
                           char *err, size_t err_len)
{
    memset(h, 0, sizeof *h);
    if (l2) {
        if (!trace_cache_init(&h->l2, "L2", l2, NULL, err, err_len))
            return false;
        h->has_l2 = true;
    }
    trace_cache *next = h->has_l2 ? &h->l2 : NULL;
    if (l1i) {
        if (!trace_cache_init(&h->l1i, "L1I", l1i, next, err, err_len))
            goto fail;
        h->has_l1i = true;
    }
    if (l1d) {
        if (!trace_cache_init(&h->l1d, "L1D", l1d, next, err, err_len))
            goto fail;
        h->has_l1d = true;
    }
    h->sym = sym;
    h->sym_opaque = sym_opaque;
    h->n_fn = n_functions;
    h->fn = calloc(n_functions + 1, sizeof *h->fn);
    if (!h->fn) {
        snprintf(err, err_len, "cache model: out of memory");
        goto fail;
    }
    return true;
fail:
    trace_cache_hier_free(h);
    return false;
}

void trace_cache_hier_free(trace_cache_hier *h)
{
    if (h->has_l1i)
        trace_cache_free(&h->l1i);
    if (h->has_l1d)
        trace_cache_free(&h->l1d);
    if (h->has_l2)
        trace_cache_free(&h->l2);
    free(h->fn);
    memset(h, 0, sizeof *h);
}

static trace_cache_fn_stats *fn_of(trace_cache_hier *h, uint64_t pc)
{
    long i = h->sym ? h->sym(h->sym_opaque, pc) : -1;
    if (i < 0 || (size_t)i >= h->n_fn)
        i = (long)h->n_fn;
    return &h->fn[i];
}

void trace_cache_hier_fetch(trace_cache_hier *h, uint64_t pc, uint64_t addr, unsigned size)
{
    trace_cache_fn_stats *f = fn_of(h, pc);
    uint64_t l2m = h->has_l2 ? h->l2.st.read_misses + h->l2.st.write_misses : 0;
    f->i_accesses++;
    if (h->has_l1i)
        f->i_misses += trace_cache_access(&h->l1i, addr, size, false) != 0;
    else if (h->has_l2)
        f->i_misses += trace_cache_access(&h->l2, addr, size, false) != 0;
    if (h->has_l2)
        f->l2_misses += h->l2.st.read_misses + h->l2.st.write_misses - l2m;
}

void trace_cache_hier_data(trace_cache_hier *h, uint64_t pc, uint64_t addr, unsigned size,
                           bool is_write)
{
    trace_cache_fn_stats *f = fn_of(h, pc);
    uint64_t l2m = h->has_l2 ? h->l2.st.read_misses + h->l2.st.write_misses : 0;
    f->d_accesses++;
    if (h->has_l1d)
        f->d_misses += trace_cache_access(&h->l1d, addr, size, is_write) != 0;
    else if (h->has_l2)
        f->d_misses += trace_cache_access(&h->l2, addr, size, is_write) != 0;
    if (h->has_l2)
        f->l2_misses += h->l2.st.read_misses + h->l2.st.write_misses - l2m;
}

static void s_insn(void *o, const trace_insn *e)
{
    trace_cache_hier *h = o;
    trace_cache_hier_fetch(h, e->pc, h->physical ? e->phys_pc : e->pc, e->size);
}

static void s_mem(void *o, const trace_mem *e)
{
    trace_cache_hier *h = o;
    trace_cache_hier_data(h, e->pc, h->physical ? e->paddr : e->vaddr, e->size, e->is_write);
}

static const trace_sink_ops cache_ops = { .name = "cache", .insn = s_insn, .mem = s_mem };

trace_sink trace_cache_hier_sink(trace_cache_hier *h)
{
    return (trace_sink){ &cache_ops, h };
}
