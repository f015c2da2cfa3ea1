/*
 * Function symbol table (see elfsyms.h).  ELF reading is the firmware
 * loader's (cosim/loader.c, libelf); here we only choose and sort.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim/loader.h"
#include "traces/elfsyms.h"

void trace_symtab_init(trace_symtab *t)
{
    memset(t, 0, sizeof *t);
}

void trace_symtab_free(trace_symtab *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->syms[i].name);
    free(t->syms);
    trace_symtab_init(t);
}

bool trace_symtab_add(trace_symtab *t, const char *name, uint64_t addr, uint64_t size)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        trace_sym *s = realloc(t->syms, cap * sizeof *s);
        if (!s)
            return false;
        t->syms = s;
        t->cap = cap;
    }
    char *copy = strdup(name ? name : "?");
    if (!copy)
        return false;
    /* end holds the size until finish */
    t->syms[t->n++] = (trace_sym){ copy, addr, size };
    t->finished = false;
    return true;
}

static int by_addr(const void *a, const void *b)
{
    const trace_sym *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    /* prefer the sized one first, then by name, so the pick is stable */
    if ((x->end != 0) != (y->end != 0))
        return x->end ? -1 : 1;
    return strcmp(x->name, y->name);
}

void trace_symtab_finish(trace_symtab *t)
{
    qsort(t->syms, t->n, sizeof *t->syms, by_addr);
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (k && t->syms[k - 1].addr == t->syms[i].addr) {
            free(t->syms[i].name);   /* alias at the same address */
            continue;
        }
        t->syms[k++] = t->syms[i];
    }
    t->n = k;
    for (size_t i = 0; i < t->n; i++) {
        uint64_t size = t->syms[i].end;
        uint64_t next = i + 1 < t->n ? t->syms[i + 1].addr : UINT64_MAX;
        uint64_t end = size ? t->syms[i].addr + size : (next != UINT64_MAX ? next : t->syms[i].addr + 4096);
        if (end > next)
            end = next;
        t->syms[i].end = end;
    }
    t->finished = true;
}

long trace_symtab_lookup(const trace_symtab *t, uint64_t addr)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->syms[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo)
        return -1;
    const trace_sym *s = &t->syms[lo - 1];
    return addr < s->end ? (long)(lo - 1) : -1;
}

static bool discard(void *opaque, uint64_t addr, const void *buf, uint64_t len)
{
    (void)opaque; (void)addr; (void)buf; (void)len;
    return true;
}

bool trace_symtab_load_elf(trace_symtab *t, const char *path, char *err, size_t err_len)
{
    loader_config cfg = { .machine = LOADER_EM_ARM, .write = discard };
    loader_image img;
    if (!loader_load_file(&img, path, &cfg, err, err_len))
        return false;
    if (img.format != LOADER_FORMAT_ELF) {
        snprintf(err, err_len, "%s: not an ELF file", path);
        loader_image_free(&img);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < img.n_symbols && ok; i++) {
        const loader_symbol *s = &img.symbols[i];
        if (s->type == LOADER_SYM_OBJECT || !s->name[0] || s->name[0] == '$')
            continue;
        if (s->type == LOADER_SYM_NOTYPE && s->size == 0 && !s->global && s->name[0] == '.')
            continue;   /* local assembler labels like .L1 */
        ok = trace_symtab_add(t, s->name, s->addr, s->size);
    }
    loader_image_free(&img);
    if (!ok) {
        snprintf(err, err_len, "%s: out of memory", path);
        return false;
    }
    trace_symtab_finish(t);
    return true;
}
