/*
 * Strict Tarmac parser, written for this repository so tests can check
 * that what we write is what ARM's tarmac-trace-utilities accept.
 *
 * It implements the rules of docs/tracing.md and of the
 * utilities' parser (lib/parser.cpp), and is STRICTER wherever the
 * utilities only warn or where our writer promises more:
 *   - lexing: before the disassembly only letters, digits, "_-.#" and
 *     ":()[],<>" are allowed; the disassembly may not start with '{'/'*';
 *   - a line may start with a decimal time and an optional unit (clk, ns,
 *     cs, cyc, tic, ps, us); without one it inherits the previous time;
 *     times never go backwards;
 *   - an optional "cpuN" token;
 *   - IT/IS: "(n)" decimal counter, hex address (optional ":phys"), hex
 *     encoding of 4 or 8 digits, instruction set A/T/T16/T32/O, a mode
 *     WORD then ':' (the utilities' parser requires the word; the
 *     reference allows it to be left out: we follow the stricter one),
 *     then the disassembly (may be empty);
 *   - R <name> <value>: core registers (rN, rN_mode, sp, lr, pc, cpsr,
 *     spsr...) must have exactly 8 hex digits; others an even count;
 *     an R (or M) line must carry the time of the last IT/IS/E line;
 *   - M{R,W}{1,2,4,8} <addr>[:<paddr>] <data>: data exactly 2*size digits;
 *   - E <token> ...: exception;
 *   - any other event type, "0x" prefixes, missing fields: an error;
 *   - the input must end with a newline (else it was truncated).
 * Blank lines are skipped.
 */
#ifndef TRACES_TARMAC_PARSE_H
#define TRACES_TARMAC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum trace_tarmac_kind {
    TRACE_TARMAC_EV_INSN,
    TRACE_TARMAC_EV_REG,
    TRACE_TARMAC_EV_MEM,
    TRACE_TARMAC_EV_EXC,
} trace_tarmac_kind;

typedef struct trace_tarmac_event {
    trace_tarmac_kind kind;
    uint64_t time;
    char unit[4];             /* "" when the line had none               */
    int cpu;                  /* -1 without a cpuN token                 */
    /* instruction */
    bool executed;
    uint64_t count, addr, phys;
    bool has_phys;
    uint32_t encoding;
    unsigned enc_bits;        /* 16 or 32                                */
    char iset[4];
    char mode[16];
    char disas[256];
    /* register */
    char reg[32];
    uint64_t value;
    unsigned value_digits;
    /* memory (addr, phys, has_phys, value shared with the above) */
    bool is_write;
    unsigned size;
    /* exception: the text after "E" */
    char text[128];
} trace_tarmac_event;

typedef struct trace_tarmac_parser {
    uint64_t time;            /* inherited by lines without a time      */
    bool have_insn;
    uint64_t insn_time;
    uint64_t line_no;
} trace_tarmac_parser;

void trace_tarmac_parser_init(trace_tarmac_parser *p);

/* Parse one line (without its newline).  Returns 1 for an event, 0 for a
 * blank line, -1 for an error (message in err, prefixed "line N: "). */
__attribute__((warn_unused_result))
int trace_tarmac_parse_line(trace_tarmac_parser *p, const char *line, trace_tarmac_event *ev,
                            char *err, size_t err_len);

typedef void (*trace_tarmac_event_fn)(void *opaque, const trace_tarmac_event *ev);

/* Parse a whole stream; stops at the first error.  false on error,
 * including a missing final newline. */
__attribute__((warn_unused_result))
bool trace_tarmac_parse_stream(FILE *f, trace_tarmac_event_fn fn, void *opaque,
                               char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif
