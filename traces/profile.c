/*
 * Call-stack reconstruction and calling-context tree (rules in
 * profile.h).  Nodes live in one array; a child is always created after
 * its parent, so subtree totals are one reverse sweep.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "traces/profile.h"

static uint32_t new_node(trace_profile *p, long fn, uint32_t parent)
{
    if (p->n_nodes == p->cap_nodes) {
        size_t cap = p->cap_nodes ? 2 * p->cap_nodes : 256;
        trace_prof_node *n = realloc(p->nodes, cap * sizeof *n);
        if (!n) {
            p->oom = true;
            return parent;
        }
        p->nodes = n;
        p->cap_nodes = cap;
    }
    uint32_t i = (uint32_t)p->n_nodes++;
    p->nodes[i] = (trace_prof_node){ .fn = fn, .parent = parent, .first_child = 0,
                                     .next_sibling = 0 };
    if (i) {
        /* append to keep children in order of first appearance */
        uint32_t *link = &p->nodes[parent].first_child;
        while (*link)
            link = &p->nodes[*link].next_sibling;
        *link = i;
    }
    return i;
}

static uint32_t child(trace_profile *p, uint32_t parent, long fn)
{
    for (uint32_t c = p->nodes[parent].first_child; c; c = p->nodes[c].next_sibling)
        if (p->nodes[c].fn == fn)
            return c;
    return new_node(p, fn, parent);
}

bool trace_profile_init(trace_profile *p, const trace_symtab *syms)
{
    memset(p, 0, sizeof *p);
    p->syms = syms;
    new_node(p, -1, 0);
    return !p->oom;
}

void trace_profile_free(trace_profile *p)
{
    free(p->nodes);
    free(p->stack);
    free(p->fn);
    memset(p, 0, sizeof *p);
}

static long fn_index(const trace_profile *p, uint64_t pc)
{
    long i = p->syms ? trace_symtab_lookup(p->syms, pc) : -1;
    return i < 0 ? (long)(p->syms ? p->syms->n : 0) : i;
}

static void push(trace_profile *p, uint64_t ret)
{
    if (p->depth == p->cap_stack) {
        size_t cap = p->cap_stack ? 2 * p->cap_stack : 64;
        trace_prof_frame *s = realloc(p->stack, cap * sizeof *s);
        if (!s) {
            p->oom = true;
            return;
        }
        p->stack = s;
        p->cap_stack = cap;
    }
    p->stack[p->depth++] = (trace_prof_frame){ p->cur, ret };
}

static void charge(trace_profile *p, uint64_t cycles)
{
    p->nodes[p->cur].self_cycles += cycles;
    p->nodes[p->cur].self_insns++;
    p->total_cycles += cycles;
    p->total_insns++;
}

void trace_profile_insn(trace_profile *p, const trace_insn *e)
{
    if (p->finished)
        return;
    long f = fn_index(p, e->pc);
    if (!p->have_prev) {
        p->cur = child(p, 0, f);
        p->nodes[p->cur].calls++;
    } else {
        charge(p, e->time.cycles > p->prev_cycles ? e->time.cycles - p->prev_cycles : 0);
        uint64_t seq = p->prev_pc + p->prev_size;
        if (p->pending_exc) {
            push(p, p->exc_ret);
            p->cur = child(p, p->cur, f);
            p->nodes[p->cur].calls++;
        } else if (p->prev_executed && p->prev_branch == TRACE_BRANCH_CALL && e->pc != seq) {
            push(p, seq);
            p->cur = child(p, p->cur, f);
            p->nodes[p->cur].calls++;
        } else if (p->prev_executed && p->prev_branch == TRACE_BRANCH_RETURN) {
            for (size_t k = p->depth; k-- > 0;) {
                if ((p->stack[k].ret & ~1ull) == (e->pc & ~1ull)) {
                    p->cur = p->stack[k].caller;
                    p->depth = k;
                    break;
                }
            }
        }
        if (p->nodes[p->cur].fn != f)
            p->cur = child(p, p->nodes[p->cur].parent, f);
    }
    p->pending_exc = false;
    p->have_prev = true;
    p->prev_pc = e->pc;
    p->prev_size = e->size;
    p->prev_branch = e->branch;
    p->prev_executed = e->executed;
    p->prev_cycles = e->time.cycles;
}

void trace_profile_exc(trace_profile *p, const trace_exc *e)
{
    p->pending_exc = true;
    p->exc_ret = e->return_addr;
}

bool trace_profile_finish(trace_profile *p, uint64_t end_cycles)
{
    if (p->finished)
        return !p->oom;
    if (p->have_prev)
        charge(p, end_cycles > p->prev_cycles ? end_cycles - p->prev_cycles : 1);
    p->finished = true;
    size_t nf = (p->syms ? p->syms->n : 0) + 1;
    p->fn = calloc(nf, sizeof *p->fn);
    if (!p->fn)
        return false;
    for (size_t i = 0; i < p->n_nodes; i++) {
        p->nodes[i].total_cycles = p->nodes[i].self_cycles;
        p->nodes[i].total_insns = p->nodes[i].self_insns;
    }
    for (size_t i = p->n_nodes; i-- > 1;) {
        trace_prof_node *n = &p->nodes[i];
        p->nodes[n->parent].total_cycles += n->total_cycles;
        p->nodes[n->parent].total_insns += n->total_insns;
    }
    for (size_t i = 1; i < p->n_nodes; i++) {
        const trace_prof_node *n = &p->nodes[i];
        trace_prof_fn *s = &p->fn[n->fn];
        s->calls += n->calls;
        s->excl_cycles += n->self_cycles;
        s->excl_insns += n->self_insns;
        /* inclusive: only the outermost node of a function on its path */
        bool outer = true;
        for (uint32_t a = n->parent; a; a = p->nodes[a].parent)
            if (p->nodes[a].fn == n->fn) {
                outer = false;
                break;
            }
        if (outer) {
            s->incl_cycles += n->total_cycles;
            s->incl_insns += n->total_insns;
        }
    }
    return !p->oom;
}

const char *trace_profile_fn_name(const trace_profile *p, long i)
{
    if (!p->syms || i < 0 || (size_t)i >= p->syms->n)
        return "[unknown]";
    return p->syms->syms[i].name;
}

static void folded_path(const trace_profile *p, uint32_t n, FILE *f)
{
    if (p->nodes[n].parent) {
        folded_path(p, p->nodes[n].parent, f);
        fputc(';', f);
    }
    fputs(trace_profile_fn_name(p, p->nodes[n].fn), f);
}

void trace_profile_write_folded(const trace_profile *p, FILE *f, bool metric_insns)
{
    /* depth-first, children in order of first appearance */
    uint32_t n = p->n_nodes > 1 ? p->nodes[0].first_child : 0;
    while (n) {
        uint64_t v = metric_insns ? p->nodes[n].self_insns : p->nodes[n].self_cycles;
        if (v) {
            folded_path(p, n, f);
            fprintf(f, " %" PRIu64 "\n", v);
        }
        if (p->nodes[n].first_child) {
            n = p->nodes[n].first_child;
            continue;
        }
        while (n && !p->nodes[n].next_sibling)
            n = p->nodes[n].parent;
        if (n)
            n = p->nodes[n].next_sibling;
    }
}

typedef struct fn_row {
    long i;
    const trace_prof_fn *s;
} fn_row;

static int by_incl(const void *a, const void *b)
{
    const fn_row *x = a, *y = b;
    if (x->s->incl_cycles != y->s->incl_cycles)
        return x->s->incl_cycles > y->s->incl_cycles ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

void trace_profile_write_table(const trace_profile *p, FILE *f, size_t top)
{
    size_t nf = (p->syms ? p->syms->n : 0) + 1, k = 0;
    fn_row *rows = malloc(nf * sizeof *rows);
    if (!rows || !p->fn) {
        free(rows);
        return;
    }
    for (size_t i = 0; i < nf; i++)
        if (p->fn[i].incl_insns)
            rows[k++] = (fn_row){ (long)i, &p->fn[i] };
    qsort(rows, k, sizeof *rows, by_incl);
    fprintf(f, "%-10s %8s %12s %6s %12s %6s  %s\n", "Address", "Calls", "Inclusive", "%", "Exclusive",
            "%", "Function");
    double tot = p->total_cycles ? (double)p->total_cycles : 1.0;
    for (size_t j = 0; j < k && (!top || j < top); j++) {
        uint64_t addr = (p->syms && (size_t)rows[j].i < p->syms->n) ? p->syms->syms[rows[j].i].addr : 0;
        fprintf(f, "%08" PRIx64 "   %8" PRIu64 " %12" PRIu64 " %6.2f %12" PRIu64 " %6.2f  %s\n", addr,
                rows[j].s->calls, rows[j].s->incl_cycles, 100.0 * (double)rows[j].s->incl_cycles / tot,
                rows[j].s->excl_cycles, 100.0 * (double)rows[j].s->excl_cycles / tot,
                trace_profile_fn_name(p, rows[j].i));
    }
    free(rows);
}

static void s_insn(void *o, const trace_insn *e) { trace_profile_insn(o, e); }
static void s_exc(void *o, const trace_exc *e) { trace_profile_exc(o, e); }

static const trace_sink_ops profile_ops = { .name = "profile", .insn = s_insn, .exc = s_exc };

trace_sink trace_profile_sink(trace_profile *p)
{
    return (trace_sink){ &profile_ops, p };
}
