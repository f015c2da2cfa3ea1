/*
 * The target-neutral debug interface: everything the GDB stub needs from a
 * simulated machine, as a table of callbacks plus an opaque pointer.
 *
 * Who drives whom.  The CPUs run inside a SystemC thread, so the stub
 * never blocks that thread and never calls "run" itself.  Instead:
 *
 *   - the simulation feeds the stub with bytes from the client (see
 *     transport.h: gdb_transport_poll) at instruction boundaries only,
 *     i.e. between two tcg_cpu_exec() slices, never from inside a TB;
 *   - before every slice the simulation asks the stub "may CPU n run?"
 *     (gdb_stub_cpu_run in stub.h): HOLD, CONTINUE, STEP (one instruction)
 *     or QUIT;
 *   - while every CPU is on HOLD the simulation blocks in the host (polling
 *     the socket) WITHOUT calling SystemC wait(), so SystemC time does not
 *     advance and timers freeze;
 *   - when a CPU stops for a debug reason (breakpoint, watchpoint, step
 *     done, guest exit) the simulation reports it (gdb_stub_report_stop);
 *     the stub then holds every CPU (all-stop mode) and sends the stop
 *     reply.
 *
 * The stub calls the callbacks below only from inside gdb_stub_feed /
 * gdb_stub_report_stop / gdb_stub_client_* calls, i.e. on the simulation
 * thread while the CPUs are at an instruction boundary.
 *
 * Register layout: per CPU, a gdb_arch (arch.h) lists the registers in
 * gdb numbering (name, number, size, XML type, which go in the 'g'
 * packet).  The stub derives the 'g' packet, p/P checks, qXfer target
 * descriptions and "monitor info registers" from it; a target (ARM now,
 * SH4 later) only maps gdb numbers to its own state.  Register values
 * cross this interface as bytes in target byte order.
 *
 * Status codes: callbacks returning int use GDB_OK or a negative
 * GDB_ERR_*; the stub maps them to E14 (fault), E22 (bad argument) or an
 * empty reply (unsupported: gdb then falls back or reports "not supported").
 */
#ifndef GDB_DEBUG_IF_H
#define GDB_DEBUG_IF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GDB_WUR __attribute__((warn_unused_result))

#define GDB_OK               0
#define GDB_ERR_FAULT      (-14)   /* memory fault: reply E14             */
#define GDB_ERR_INVAL      (-22)   /* bad argument: reply E22             */
#define GDB_ERR_UNSUPPORTED (-95)  /* not implemented: empty reply        */
#define GDB_ERR_NOSPACE    (-28)   /* no free breakpoint slot: reply E28  */

/* Z/z packet types, numbered as on the wire (Z0..Z4). */
typedef enum gdb_bp_type {
    GDB_BP_SW = 0,          /* software breakpoint (no guest patching here) */
    GDB_BP_HW = 1,          /* hardware breakpoint                          */
    GDB_WP_WRITE = 2,       /* write watchpoint                             */
    GDB_WP_READ = 3,        /* read watchpoint                              */
    GDB_WP_ACCESS = 4,      /* read or write watchpoint                     */
} gdb_bp_type;

/* What a CPU may do next (answer of gdb_stub_cpu_run). */
typedef enum gdb_run {
    GDB_RUN_HOLD = 0,       /* stay at this instruction boundary; time frozen */
    GDB_RUN_CONTINUE,       /* run freely (breakpoints/watchpoints armed)     */
    GDB_RUN_STEP,           /* execute exactly one instruction, then report   */
    GDB_RUN_QUIT,           /* the debugger killed the session: end the run   */
} gdb_run;

/* Why a CPU stopped (gdb_stub_report_stop). */
typedef enum gdb_stop_reason {
    GDB_STOP_BREAKPOINT,    /* PC reached a breakpoint (not executed yet)     */
    GDB_STOP_WATCHPOINT,    /* a data access hit a watchpoint                 */
    GDB_STOP_STEP,          /* single-step completed                          */
    GDB_STOP_INTERRUPTED,   /* stopped on request (Ctrl-C): SIGINT            */
    GDB_STOP_SIGNAL,        /* stopped with a signal (e.g. guest fault)       */
    GDB_STOP_EXITED,        /* the guest ended the run with an exit code      */
    GDB_STOP_KILLED,        /* the guest was terminated by a signal           */
} gdb_stop_reason;

/* gdb signal numbers (gdb's own numbering, also Linux's for these) */
#define GDB_SIGINT  2
#define GDB_SIGILL  4
#define GDB_SIGTRAP 5
#define GDB_SIGBUS  7
#define GDB_SIGSEGV 11
#define GDB_SIGKILL 9

typedef struct gdb_stop_event {
    gdb_stop_reason reason;
    bool hw;                /* BREAKPOINT: hit a Z1 (hwbreak) rather than Z0 */
    gdb_bp_type wp_type;    /* WATCHPOINT: GDB_WP_WRITE/READ/ACCESS          */
    uint64_t wp_addr;       /* WATCHPOINT: data address that matched         */
    int code;               /* EXITED: exit status; SIGNAL/KILLED: signal    */
} gdb_stop_event;

/* Resume request as the stub decided it, handed to the target so it can
 * prepare (e.g. switch to one-instruction TBs for a step, deliver a
 * signal).  action[i] is for CPU i. */
typedef struct gdb_resume {
    int ncpus;
    const gdb_run *action;  /* HOLD, CONTINUE or STEP per CPU                */
    const int *signal;      /* signal to deliver per CPU (0: none)           */
    bool step_irqs;         /* a step may take a pending interrupt           */
} gdb_resume;

/* Simulated time for "monitor time". */
typedef struct gdb_time {
    uint64_t sim_time_ps;   /* SystemC time in picoseconds                   */
    uint64_t cycles;        /* cycles consumed by this CPU since reset       */
    uint64_t insns;         /* instructions retired by this CPU              */
} gdb_time;

typedef struct gdb_text gdb_text;       /* text sink (arch.h)           */
typedef struct gdb_arch gdb_arch;       /* register layout (arch.h)     */

typedef struct gdb_debug_if {
    /* ---- machine shape ---- */
    int (*num_cpus)(void *opaque);
    /* Register layout of CPU n (never NULL for a valid n). */
    const gdb_arch *(*cpu_arch)(void *opaque, int cpu);
    /* Optional: short description for qThreadExtraInfo ("arm926"); NULL ok. */
    const char *(*cpu_name)(void *opaque, int cpu);

    /* ---- registers: buf holds reg->size bytes in target byte order ---- */
    /* GDB_OK, GDB_ERR_INVAL (no such register) or GDB_ERR_UNSUPPORTED
     * (register exists but is unavailable: sent as "xx..").             */
    int (*read_reg)(void *opaque, int cpu, int regnum, uint8_t *buf);
    int (*write_reg)(void *opaque, int cpu, int regnum, const uint8_t *buf);

    /* ---- memory: debug access through CPU n's MMU, no guest faults,
     * no timing effects.  Returns the number of bytes done from addr
     * (stops at the first unmapped byte).  Writes must invalidate
     * translated code they cover. ---- */
    size_t (*read_mem)(void *opaque, int cpu, uint64_t addr, uint8_t *buf, size_t len);
    size_t (*write_mem)(void *opaque, int cpu, uint64_t addr, const uint8_t *buf, size_t len);

    /* ---- breakpoints and watchpoints (global: all CPUs).  kind is the
     * Z0/Z1 kind (ARM: 2 Thumb, 3 Thumb-2, 4 ARM) or the watched length.
     * The target must not patch guest memory; it checks at translation
     * and flushes the TBs covering addr.  NULL: unsupported. ---- */
    int (*insert_bp)(void *opaque, gdb_bp_type type, uint64_t addr, uint64_t kind);
    int (*remove_bp)(void *opaque, gdb_bp_type type, uint64_t addr, uint64_t kind);

    /* ---- run control ---- */
    /* Optional: called when the stub lets CPUs run or step. */
    void (*resume)(void *opaque, const gdb_resume *r);
    /* Optional: make running CPUs return to the simulation loop soon
     * (Ctrl-C, detach); the loop then asks gdb_stub_cpu_run again. */
    void (*request_stop)(void *opaque);

    /* ---- monitor (qRcmd) hooks; any may be NULL ---- */
    /* Extra text after the register dump of "info registers" (modes,
     * banked registers, CP15...). */
    void (*info_registers)(void *opaque, int cpu, gdb_text *out);
    /* Memory map for "info mtree": one region per line. */
    void (*memory_map)(void *opaque, gdb_text *out);
    /* Simulated time and counters of CPU n. */
    int (*get_time)(void *opaque, int cpu, gdb_time *t);
    /* Reset the machine (CPUs stay held by the debugger). */
    int (*reset)(void *opaque);
    /* End the simulation (monitor quit, 'k'). */
    void (*quit)(void *opaque, int exit_code);
    /* Deliver a non-maskable interrupt (monitor nmi, as QEMU's monitor
     * has it): GDB_OK, or GDB_ERR_UNSUPPORTED when the machine has none. */
    int (*nmi)(void *opaque);
} gdb_debug_if;

#endif
