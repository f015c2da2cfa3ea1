/*
 * -dfilter: restrict logs and traces to guest address ranges.
 *
 * Syntax (QEMU's -dfilter): a comma-separated list of ranges, each
 *   start+size   [start, start + size - 1]
 *   start-size   [start - size + 1, start]   (the range ends at start)
 *   start..end   [start, end]                (end inclusive)
 * Numbers are C-style (0x hex, 0 octal, decimal).  A size of 0, an end
 * below start, a range leaving the 64-bit space or trailing garbage is
 * refused with a message.  An empty filter (no -dfilter) matches every
 * address.
 *
 * Usage:
 *   trace_dfilter f; char err[128];
 *   trace_dfilter_init(&f);
 *   if (!trace_dfilter_parse(&f, "0x8000+0x100,0x20000..0x2ffff", err, sizeof err)) ...
 *   if (trace_dfilter_match(&f, pc)) log(...);
 *   trace_dfilter_free(&f);
 */
#ifndef TRACES_DFILTER_H
#define TRACES_DFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct trace_drange {
    uint64_t lo, hi;          /* inclusive */
} trace_drange;

typedef struct trace_dfilter {
    trace_drange *ranges;
    size_t n;
} trace_dfilter;

void trace_dfilter_init(trace_dfilter *f);
void trace_dfilter_free(trace_dfilter *f);
/* Adds the ranges of spec; on failure the filter is unchanged. */
__attribute__((warn_unused_result))
bool trace_dfilter_parse(trace_dfilter *f, const char *spec, char *err, size_t err_len);
/* True when there is no range or addr lies in one. */
bool trace_dfilter_match(const trace_dfilter *f, uint64_t addr);
/* True when [addr, addr+len) overlaps a range (or there is none). */
bool trace_dfilter_match_range(const trace_dfilter *f, uint64_t addr, uint64_t len);

#ifdef __cplusplus
}
#endif

#endif
