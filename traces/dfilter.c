/*
 * -dfilter range parsing and matching (see dfilter.h for the syntax,
 * which follows QEMU's documented -dfilter forms).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "traces/dfilter.h"

void trace_dfilter_init(trace_dfilter *f)
{
    f->ranges = NULL;
    f->n = 0;
}

void trace_dfilter_free(trace_dfilter *f)
{
    free(f->ranges);
    trace_dfilter_init(f);
}

static bool parse_num(const char **p, uint64_t *out)
{
    const char *s = *p;
    if (*s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s)
        return false;
    *out = v;
    *p = end;
    return true;
}

bool trace_dfilter_parse(trace_dfilter *f, const char *spec, char *err, size_t err_len)
{
    size_t cap = f->n;
    trace_drange *r = NULL;
    size_t n = f->n;
    if (!spec || !*spec) {
        snprintf(err, err_len, "-dfilter: empty range list");
        return false;
    }
    /* Build into a copy so a bad spec leaves f unchanged. */
    cap = n + 4;
    r = malloc(cap * sizeof *r);
    if (!r) {
        snprintf(err, err_len, "-dfilter: out of memory");
        return false;
    }
    if (n)
        memcpy(r, f->ranges, n * sizeof *r);
    const char *p = spec;
    for (;;) {
        const char *item = p;
        uint64_t a, b, lo, hi;
        if (!parse_num(&p, &a))
            goto bad;
        if (*p == '+' || *p == '-') {
            char op = *p++;
            if (!parse_num(&p, &b))
                goto bad;
            if (b == 0) {
                snprintf(err, err_len, "-dfilter: range '%.*s' has size 0",
                         (int)strcspn(item, ","), item);
                free(r);
                return false;
            }
            if (op == '+') {
                lo = a;
                hi = a + (b - 1);
                if (hi < lo)
                    goto overflow;
            } else {
                hi = a;
                if (b - 1 > a)
                    goto overflow;
                lo = a - (b - 1);
            }
        } else if (p[0] == '.' && p[1] == '.') {
            p += 2;
            if (!parse_num(&p, &b))
                goto bad;
            if (b < a) {
                snprintf(err, err_len, "-dfilter: range '%.*s' ends before it starts",
                         (int)strcspn(item, ","), item);
                free(r);
                return false;
            }
            lo = a;
            hi = b;
        } else {
            goto bad;
        }
        if (*p != ',' && *p != 0)
            goto bad;
        if (n == cap) {
            cap *= 2;
            trace_drange *nr = realloc(r, cap * sizeof *r);
            if (!nr) {
                free(r);
                snprintf(err, err_len, "-dfilter: out of memory");
                return false;
            }
            r = nr;
        }
        r[n].lo = lo;
        r[n].hi = hi;
        n++;
        if (*p == 0)
            break;
        p++;
        continue;
    bad:
        snprintf(err, err_len,
                 "-dfilter: bad range '%.*s' (expected start+size, start-size or start..end)",
                 (int)strcspn(item, ","), item);
        free(r);
        return false;
    overflow:
        snprintf(err, err_len, "-dfilter: range '%.*s' leaves the address space",
                 (int)strcspn(item, ","), item);
        free(r);
        return false;
    }
    free(f->ranges);
    f->ranges = r;
    f->n = n;
    return true;
}

bool trace_dfilter_match(const trace_dfilter *f, uint64_t addr)
{
    if (!f->n)
        return true;
    for (size_t i = 0; i < f->n; i++)
        if (addr >= f->ranges[i].lo && addr <= f->ranges[i].hi)
            return true;
    return false;
}

bool trace_dfilter_match_range(const trace_dfilter *f, uint64_t addr, uint64_t len)
{
    if (!f->n)
        return true;
    if (!len)
        return false;
    uint64_t last = addr + (len - 1);
    if (last < addr)
        last = UINT64_MAX;
    for (size_t i = 0; i < f->n; i++)
        if (addr <= f->ranges[i].hi && last >= f->ranges[i].lo)
            return true;
    return false;
}
