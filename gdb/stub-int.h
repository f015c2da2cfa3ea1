/*
 * Private state of the GDB stub, shared by stub.c (framing, run control,
 * registers, memory, breakpoints) and stub-query.c (q/Q/v packets,
 * target descriptions, monitor commands).  Not for use outside gdb/.
 *
 * Invariants: reply[] holds the payload being built, rlen <= rcap (the
 * negotiated packet size) and reply[rlen] is NUL; `running` is true iff
 * some action[i] is CONTINUE or STEP; while a client is connected and
 * `running` is false, every CPU is held.
 */
#ifndef GDB_STUB_INT_H
#define GDB_STUB_INT_H

#include "arch.h"
#include "bpset.h"
#include "packet.h"
#include "stub.h"

#define GDB_TID_ALL (-1)    /* thread id -1: all threads       */
#define GDB_TID_ANY (-2)    /* thread id 0: any thread         */

struct gdb_stub {
    const gdb_debug_if *dif;
    void *opaque;
    gdb_stub_config cfg;
    int ncpus;
    gdb_run *action;        /* per CPU                          */
    int *signal;            /* per CPU, from the last resume    */
    bool running;
    bool quit;              /* 'k' / vKill / monitor quit       */
    bool exited;            /* the guest ended (W/X sent)       */
    bool step_irqs;

    /* client */
    bool connected;
    gdb_stub_write_fn write;
    void *io;
    bool io_failed;
    bool no_ack, multiprocess, swbreak, hwbreak;
    int g_cpu, c_cpu;       /* Hg / Hc selection (cpu index or GDB_TID_*) */
    int stop_cpu;           /* CPU of the last stop               */
    gdb_stop_event last_stop;
    gdb_bpset bps;          /* inserted by the current client     */
    gdb_stub_stats stats;

    /* output */
    size_t rcap, rlen;
    bool roverflow;
    char reply[GDB_PKT_MAX + 1];
    size_t last_len;        /* last frame sent, for '-' resends   */
    uint8_t last[GDB_PKT_MAX + 8];

    gdb_pkt_parser parser;
};

/* reply building (stub.c) */
void gdb_rb_reset(gdb_stub *s);
void gdb_rb_put(gdb_stub *s, const char *p, size_t n);
void gdb_rb_puts(gdb_stub *s, const char *p);
void gdb_rb_printf(gdb_stub *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gdb_rb_hex(gdb_stub *s, const uint8_t *p, size_t n);
void gdb_rb_tid(gdb_stub *s, int cpu);
/* frame and write the reply / any payload */
void gdb_send_reply(gdb_stub *s);
void gdb_send_payload(gdb_stub *s, const char *p, size_t n);
void gdb_send_str(gdb_stub *s, const char *str);
void gdb_send_error(gdb_stub *s, int gdb_err);   /* E14/E22/E28 or empty */

/* parsing helpers (stub.c); p advances, end is one past the packet */
bool gdb_parse_hex(const char **p, const char *end, uint64_t *v);
bool gdb_parse_thread(gdb_stub *s, const char **p, const char *end, int *cpu);
/* CPU selected by Hg/Hc (any/all -> the stopped CPU) */
int gdb_sel_cpu(const gdb_stub *s, int sel);

/* run control (stub.c) */
void gdb_stub_resume_all(gdb_stub *s, const gdb_run *action, const int *signal);
void gdb_stub_quit(gdb_stub *s, int code);
void gdb_stub_release(gdb_stub *s);

/* q/Q/v packets and monitor (stub-query.c): true if handled (reply sent
 * or intentionally none) */
bool gdb_handle_query(gdb_stub *s, char *pkt, size_t len);

#endif
