/*
 * Bus transaction log: a trace sink that prints one line per TLM
 * transaction reported by the bridge (trace_bus events):
 *
 *   <time ps> ps <initiator> -> <target> <R|W><size> <addr> <data> lat <ps> ps <OK|ERROR|DECODE_ERROR>
 *   1500000 ps cpu0 -> uart0 W4 101f1000 00000041 lat 10000 ps OK
 *
 * Data shows min(size, 8) bytes as a little-endian value (2*size hex
 * digits); addresses 8 hex digits (16 above 4 GiB).  Lines end in '\n'.
 * The same events go to the binary trace through its bus callback.
 */
#ifndef TRACES_BUSTRACE_H
#define TRACES_BUSTRACE_H

#include <stdio.h>

#include "traces/trace-events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct trace_buslog {
    FILE *f;
    uint64_t lines;
} trace_buslog;

void trace_buslog_init(trace_buslog *b, FILE *f);
void trace_buslog_write(trace_buslog *b, const trace_bus *e);
trace_sink trace_buslog_sink(trace_buslog *b);

#ifdef __cplusplus
}
#endif

#endif
