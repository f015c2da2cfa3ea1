/*
 * VCD writer (IEEE 1364-2005 section 18, Value Change Dump) for interrupt
 * lines and chosen device signals; GTKWave reads it.
 *
 * Output shape:
 *   $version cosim $end
 *   $timescale 1ps $end
 *   $scope module irq $end
 *   $var wire 1 ! uart0 $end
 *   $upscope $end
 *   $enddefinitions $end
 *   #0
 *   $dumpvars
 *   0!
 *   $end
 *   #1500
 *   1!
 * Invariants: signals are registered before the first change (the header
 * is written then); times are picoseconds and never go backwards (a
 * change with an earlier time is refused); a change to the value a
 * signal already has writes nothing; identifiers are the printable
 * characters '!'..'~' in base 94.  No date line, so output is
 * deterministic.
 */
#ifndef TRACES_VCD_H
#define TRACES_VCD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct trace_vcd_signal {
    char scope[32], name[48];
    unsigned width;            /* 1..64 */
    uint64_t value, initial;
    char id[8];
} trace_vcd_signal;

typedef struct trace_vcd {
    FILE *f;
    trace_vcd_signal *sig;
    size_t n, cap;
    bool started;
    uint64_t time_ps;
    bool io_error;
} trace_vcd;

void trace_vcd_init(trace_vcd *v, FILE *f);
/* Registers a signal; returns its handle (>= 0), or -1 after the first
 * change or on bad arguments. */
int trace_vcd_add(trace_vcd *v, const char *scope, const char *name, unsigned width,
                  uint64_t initial);
/* Value change at time_ps; false if time goes back or the handle is bad. */
__attribute__((warn_unused_result))
bool trace_vcd_change(trace_vcd *v, int handle, uint64_t time_ps, uint64_t value);
/* Writes the header if nothing changed, a final time stamp if given
 * (end_ps > last change), flushes, frees; false on an I/O error. */
__attribute__((warn_unused_result))
bool trace_vcd_close(trace_vcd *v, uint64_t end_ps);

#ifdef __cplusplus
}
#endif

#endif
