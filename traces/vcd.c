/*
 * VCD writer (see vcd.h; format from IEEE 1364-2005 section 18).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "traces/vcd.h"

void trace_vcd_init(trace_vcd *v, FILE *f)
{
    memset(v, 0, sizeof *v);
    v->f = f;
}

static void make_id(size_t n, char *id)
{
    size_t k = 0;
    do {
        id[k++] = (char)('!' + n % 94);
        n /= 94;
    } while (n && k < 7);
    id[k] = 0;
}

/* VCD identifiers in $var are whitespace-free. */
static void clean(char *dst, size_t len, const char *src)
{
    size_t j = 0;
    for (size_t i = 0; src && src[i] && j + 1 < len; i++)
        dst[j++] = isspace((unsigned char)src[i]) ? '_' : src[i];
    dst[j] = 0;
}

int trace_vcd_add(trace_vcd *v, const char *scope, const char *name, unsigned width,
                  uint64_t initial)
{
    if (v->started || !name || !*name || width == 0 || width > 64)
        return -1;
    if (v->n == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 16;
        trace_vcd_signal *s = realloc(v->sig, cap * sizeof *s);
        if (!s)
            return -1;
        v->sig = s;
        v->cap = cap;
    }
    trace_vcd_signal *s = &v->sig[v->n];
    memset(s, 0, sizeof *s);
    clean(s->scope, sizeof s->scope, scope && *scope ? scope : "top");
    clean(s->name, sizeof s->name, name);
    s->width = width;
    if (width < 64)
        initial &= (1ull << width) - 1;
    s->value = s->initial = initial;
    make_id(v->n, s->id);
    return (int)v->n++;
}

static void put_value(trace_vcd *v, const trace_vcd_signal *s)
{
    if (s->width == 1) {
        fprintf(v->f, "%c%s\n", s->value ? '1' : '0', s->id);
        return;
    }
    char bits[65];
    int k = 0;
    bool lead = true;
    for (int b = (int)s->width - 1; b >= 0; b--) {
        int bit = (int)((s->value >> b) & 1);
        if (bit)
            lead = false;
        if (!lead || b == 0)
            bits[k++] = (char)('0' + bit);
    }
    bits[k] = 0;
    fprintf(v->f, "b%s %s\n", bits, s->id);
}

static void start(trace_vcd *v)
{
    if (v->started)
        return;
    v->started = true;
    fputs("$version cosim $end\n$timescale 1ps $end\n", v->f);
    /* group by scope, in order of first appearance */
    for (size_t i = 0; i < v->n; i++) {
        bool seen = false;
        for (size_t j = 0; j < i; j++)
            if (!strcmp(v->sig[j].scope, v->sig[i].scope))
                seen = true;
        if (seen)
            continue;
        fprintf(v->f, "$scope module %s $end\n", v->sig[i].scope);
        for (size_t j = i; j < v->n; j++)
            if (!strcmp(v->sig[j].scope, v->sig[i].scope))
                fprintf(v->f, "$var wire %u %s %s $end\n", v->sig[j].width, v->sig[j].id,
                        v->sig[j].name);
        fputs("$upscope $end\n", v->f);
    }
    fputs("$enddefinitions $end\n#0\n$dumpvars\n", v->f);
    for (size_t i = 0; i < v->n; i++)
        put_value(v, &v->sig[i]);
    fputs("$end\n", v->f);
}

bool trace_vcd_change(trace_vcd *v, int handle, uint64_t time_ps, uint64_t value)
{
    if (handle < 0 || (size_t)handle >= v->n)
        return false;
    start(v);
    if (time_ps < v->time_ps)
        return false;
    trace_vcd_signal *s = &v->sig[handle];
    if (s->width < 64)
        value &= (1ull << s->width) - 1;
    if (value == s->value)
        return true;
    if (time_ps != v->time_ps) {
        fprintf(v->f, "#%" PRIu64 "\n", time_ps);
        v->time_ps = time_ps;
    }
    s->value = value;
    put_value(v, s);
    return true;
}

bool trace_vcd_close(trace_vcd *v, uint64_t end_ps)
{
    start(v);
    if (end_ps > v->time_ps)
        fprintf(v->f, "#%" PRIu64 "\n", end_ps);
    bool ok = fflush(v->f) == 0 && !ferror(v->f) && !v->io_error;
    free(v->sig);
    v->sig = NULL;
    v->n = v->cap = 0;
    return ok;
}
