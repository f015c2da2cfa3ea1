/*
 * Bus transaction text log (format in bustrace.h).
 */
#include <inttypes.h>
#include <string.h>

#include "traces/bustrace.h"

void trace_buslog_init(trace_buslog *b, FILE *f)
{
    memset(b, 0, sizeof *b);
    b->f = f;
}

void trace_buslog_write(trace_buslog *b, const trace_bus *e)
{
    static const char *const status[] = { "OK", "ERROR", "DECODE_ERROR", "?" };
    unsigned n = e->size < 8 ? e->size : 8;
    uint64_t data = n == 8 ? e->data : e->data & ((1ull << (8 * n)) - 1);
    fprintf(b->f, "%" PRIu64 " ps %s -> %s %c%" PRIu32 " ", e->time_ps,
            e->initiator ? e->initiator : "?", e->target ? e->target : "?",
            e->is_write ? 'W' : 'R', e->size);
    if (e->addr >> 32)
        fprintf(b->f, "%016" PRIx64, e->addr);
    else
        fprintf(b->f, "%08" PRIx64, e->addr);
    fprintf(b->f, " %0*" PRIx64 " lat %" PRIu64 " ps %s\n", (int)(2 * (n ? n : 1)), data,
            e->latency_ps, status[e->status & 3u]);
    b->lines++;
}

static void s_bus(void *o, const trace_bus *e) { trace_buslog_write(o, e); }
static bool s_finish(void *o)
{
    trace_buslog *b = o;
    return fflush(b->f) == 0 && !ferror(b->f);
}

static const trace_sink_ops buslog_ops = { .name = "buslog", .bus = s_bus, .finish = s_finish };

trace_sink trace_buslog_sink(trace_buslog *b)
{
    return (trace_sink){ &buslog_ops, b };
}
