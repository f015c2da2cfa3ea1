/*
 * Tarmac writer: a trace sink that prints ARM Tarmac text, the format of
 * Fast Models traces, as read by ARM's tarmac-trace-utilities
 * (facts in docs/tracing.md; the utilities' parser at
 * lib/parser.cpp is the authority on what is accepted).
 *
 * Lines written (time unit "clk" = CPU cycles, or "ns" of simulated time):
 *   <t> clk IT (<n>) <pc> <enc> A svc_s : <disassembly>     executed
 *   <t> clk IS (<n>) <pc> <enc> T usr_s : <disassembly>     condition failed
 *   <t> clk R r13_svc 0007fff0                                register write
 *   <t> clk MW4 0007fff0 00000000                             memory write
 *   <t> clk MR1 00010000:80010000 41                          vaddr:paddr
 *   <t> clk E 00008040 00000001 CoreEvent_UNDEF               exception
 * Invariants the writer guarantees (the consumers depend on them):
 *   - R and M lines carry the timestamp of the last IT/IS line, or of the
 *     E line when the exception entry wrote them (so times never go back);
 *   - no "0x" anywhere, 32-bit values have exactly 8 hex digits, the
 *     encoding has 4 digits for a 16-bit instruction and 8 otherwise;
 *   - before the disassembly only word characters and ":()[],<>" occur
 *     (names are sanitised), the disassembly never starts with '{' or '*'
 *     and never holds a newline; the mode token is always present;
 *   - every line ends with '\n' (the last one too).
 * Instructions of TRACE_ISA_OTHER are written with "O" only if the
 * producer really is AArch64; for other ISAs the trace is not Tarmac, so
 * they are counted in `skipped` and not written.
 */
#ifndef TRACES_TARMAC_H
#define TRACES_TARMAC_H

#include <stdio.h>

#include "traces/trace-events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum trace_tarmac_unit {
    TRACE_TARMAC_CLK = 0,     /* time = cycles                           */
    TRACE_TARMAC_NS = 1,      /* time = ps / 1000 (SystemC time)         */
} trace_tarmac_unit;

typedef struct trace_tarmac {
    FILE *f;
    trace_tarmac_unit unit;
    bool cpu_prefix;          /* write "cpuN " (multi-core traces)       */
    bool have_insn;
    uint64_t insn_time;       /* time of the last IT/IS/E line (in unit) */
    uint16_t insn_cpu;
    uint64_t lines, skipped;
    bool io_error;
} trace_tarmac;

void trace_tarmac_init(trace_tarmac *t, FILE *f, trace_tarmac_unit unit);
trace_sink trace_tarmac_sink(trace_tarmac *t);

/* Direct calls (the sink callbacks call these). */
void trace_tarmac_insn(trace_tarmac *t, const trace_insn *e);
void trace_tarmac_reg(trace_tarmac *t, const trace_reg *e);
void trace_tarmac_mem(trace_tarmac *t, const trace_mem *e);
void trace_tarmac_exc(trace_tarmac *t, const trace_exc *e);
/* Flush; false if any write failed. */
TRACE_WUR bool trace_tarmac_finish(trace_tarmac *t);

/* Parses "clk"/"ns"; false if neither. */
TRACE_WUR bool trace_tarmac_unit_parse(const char *s, trace_tarmac_unit *out);

#ifdef __cplusplus
}
#endif

#endif
