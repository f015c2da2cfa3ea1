/*
 * Register-layout helpers, target description XML and the bounded text
 * sink.  The XML is generated from the gdb_arch table so the description
 * gdb sees and the 'g'/'p' packets the stub serves cannot disagree.
 * Spec: GDB manual, "Target Description Format".
 */
#include "arch.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const gdb_reg_desc *gdb_arch_reg(const gdb_arch *a, int regnum)
{
    if (!a || regnum < 0)
        return NULL;
    for (unsigned i = 0; i < a->nregs; i++)
        if (a->regs[i].regnum == regnum)
            return &a->regs[i];
    return NULL;
}

size_t gdb_arch_g_size(const gdb_arch *a)
{
    size_t n = 0;
    for (unsigned i = 0; i < a->nregs; i++)
        if (a->regs[i].in_g)
            n += a->regs[i].size;
    return n;
}

void gdb_text_init(gdb_text *t, size_t limit)
{
    t->buf = NULL;
    t->len = t->cap = 0;
    t->limit = limit;
    t->truncated = false;
}

void gdb_text_free(gdb_text *t)
{
    free(t->buf);
    t->buf = NULL;
    t->len = t->cap = 0;
}

/* Make room for n more bytes plus a NUL; false (and truncated) past the
 * limit or when the host is out of memory. */
static bool text_reserve(gdb_text *t, size_t n)
{
    if (t->len + n + 1 > t->limit) {
        t->truncated = true;
        return false;
    }
    if (t->len + n + 1 <= t->cap)
        return true;
    size_t cap = t->cap ? t->cap : 256;
    while (cap < t->len + n + 1)
        cap *= 2;
    if (cap > t->limit)
        cap = t->limit;
    char *nb = realloc(t->buf, cap);
    if (!nb) {
        t->truncated = true;
        return false;
    }
    t->buf = nb;
    t->cap = cap;
    return true;
}

void gdb_text_append(gdb_text *t, const char *s, size_t n)
{
    if (!text_reserve(t, n)) {
        /* keep what fits: the reader sees a truncated but valid text */
        size_t room = t->limit > t->len + 1 ? t->limit - t->len - 1 : 0;
        if (room == 0 || !text_reserve(t, room))
            return;
        n = room;
        t->truncated = true;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

void gdb_text_printf(gdb_text *t, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        gdb_text_append(t, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big)
        return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    gdb_text_append(t, big, (size_t)n);
    free(big);
}

bool gdb_arch_xml(const gdb_arch *a, gdb_text *t)
{
    if (!a || !a->xml_arch)
        return false;
    gdb_text_printf(t, "<?xml version=\"1.0\"?>\n"
                       "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                       "<target version=\"1.0\">\n"
                       "<architecture>%s</architecture>\n", a->xml_arch);
    for (unsigned f = 0; f < a->nfeatures; f++) {
        gdb_text_printf(t, "<feature name=\"%s\">\n", a->features[f]);
        for (unsigned i = 0; i < a->nregs; i++) {
            const gdb_reg_desc *r = &a->regs[i];
            if (r->feature != f)
                continue;
            gdb_text_printf(t, "  <reg name=\"%s\" bitsize=\"%u\" regnum=\"%u\" type=\"%s\"",
                            r->name, r->size * 8u, r->regnum, r->type ? r->type : "int");
            if (r->group)
                gdb_text_printf(t, " group=\"%s\"", r->group);
            gdb_text_printf(t, "/>\n");
        }
        gdb_text_printf(t, "</feature>\n");
    }
    gdb_text_printf(t, "</target>\n");
    return !t->truncated;
}
