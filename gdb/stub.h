/*
 * The GDB remote stub: the protocol state machine between one client and
 * a machine seen through gdb_debug_if (debug-if.h).
 *
 * The simulation drives it; it never blocks and never runs CPUs itself:
 *
 *   gdb_stub *s = gdb_stub_new(&my_dif, machine, &cfg);
 *   gdb_transport *t;  (transport.h)  gdb_transport_open(&t, "tcp::1234", err, sizeof err);
 *   for (;;) {                                   // the CPU's SystemC thread
 *       gdb_transport_poll(t, s, 0);             // at an instruction boundary
 *       switch (gdb_stub_cpu_run(s, cpu)) {
 *       case GDB_RUN_HOLD:     gdb_transport_poll(t, s, 100); continue;  // no wait(): time frozen
 *       case GDB_RUN_STEP:     run one instruction; gdb_stub_report_stop(s, cpu, &step_done); break;
 *       case GDB_RUN_CONTINUE: run a quantum; on a breakpoint/watchpoint/exit report it; wait(quantum); break;
 *       case GDB_RUN_QUIT:     end the simulation;
 *       }
 *   }
 *
 * All-stop mode: whenever one CPU stops (a report, Ctrl-C) every CPU is
 * held and one stop reply goes to the client.  Reports that arrive while
 * nothing runs are ignored (another CPU already stopped the machine; a
 * breakpoint not yet executed will hit again).
 *
 * Without a client: the machine runs freely, unless the stub was created
 * with start_halted (-S), in which case it holds until a client resumes
 * it.  A connecting client stops the machine (stop reply SIGTRAP); a
 * disconnect or 'D' removes every breakpoint/watchpoint the client
 * inserted and lets the machine run again.  'k', vKill and "monitor quit"
 * make gdb_stub_cpu_run answer QUIT (and call dif->quit).
 *
 * Single-step and interrupts: by default a step does NOT take a pending
 * interrupt (the step lands on the next instruction of the code being
 * debugged, as gdb users expect); "monitor step-irq on" changes that.
 * The CPU side reads the setting with gdb_stub_step_irqs().
 */
#ifndef GDB_STUB_H
#define GDB_STUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "debug-if.h"

typedef struct gdb_stub gdb_stub;

typedef struct gdb_stub_config {
    bool start_halted;      /* -S: hold the CPUs until a debugger resumes them */
    bool rle;               /* run-length encode replies                       */
    size_t packet_size;     /* accepted payload size (PacketSize); 0: GDB_PKT_MAX */
    FILE *log;              /* one line per rejected packet / event; NULL: quiet */
} gdb_stub_config;

/* Writes bytes to the client; returns the number written (less than len
 * means the connection is broken: the stub stops writing and reports it
 * through gdb_stub_io_failed). */
typedef size_t (*gdb_stub_write_fn)(void *io, const uint8_t *buf, size_t len);

/* NULL if the machine has no CPU or allocation fails. */
GDB_WUR gdb_stub *gdb_stub_new(const gdb_debug_if *dif, void *opaque, const gdb_stub_config *cfg);
void gdb_stub_free(gdb_stub *s);

/* A client connected: the stub holds the machine and talks through write. */
void gdb_stub_client_connected(gdb_stub *s, gdb_stub_write_fn write, void *io);
/* The client went away (EOF, error, after D or k): breakpoints removed,
 * machine released (unless it quit or exited). */
void gdb_stub_client_disconnected(gdb_stub *s);
bool gdb_stub_has_client(const gdb_stub *s);
/* A write to the client failed: the transport should drop it. */
bool gdb_stub_io_failed(const gdb_stub *s);

/* Bytes from the client, any chunking.  Call only at an instruction
 * boundary (between CPU slices): handlers read registers and memory. */
void gdb_stub_feed(gdb_stub *s, const uint8_t *buf, size_t len);

/* May CPU n run, and how? */
gdb_run gdb_stub_cpu_run(gdb_stub *s, int cpu);
/* True when some CPU may run (CONTINUE or STEP). */
bool gdb_stub_any_running(const gdb_stub *s);
/* Signal gdb asked to deliver to CPU n with the last resume (0: none). */
int gdb_stub_resume_signal(const gdb_stub *s, int cpu);
/* May a single step take a pending interrupt?  (default false) */
bool gdb_stub_step_irqs(const gdb_stub *s);

/* CPU n stopped for a debug reason (see gdb_stop_reason). */
void gdb_stub_report_stop(gdb_stub *s, int cpu, const gdb_stop_event *ev);

/* Statistics for logs and tests. */
typedef struct gdb_stub_stats {
    uint64_t packets, bad_checksum, oversize, malformed, garbage, unknown, resends;
} gdb_stub_stats;
void gdb_stub_get_stats(const gdb_stub *s, gdb_stub_stats *st);

#endif
