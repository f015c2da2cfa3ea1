/*
 * cosim::GdbServer: the GDB remote stub (gdb/) connected to the
 * platform's CPU.  It implements gdb_debug_if over the ARM CPU (registers
 * via targets/arm/gdb-arm.c, memory via tcg_cpu_debug_rw, breakpoints and
 * watchpoints via tcg/debug.h) and drives the stub from the CPU thread as
 * a tlmb::CpuInitiator::RunHook:
 *
 *   - between two tcg_cpu_exec slices it polls the socket without
 *     waiting; while gdb holds the CPU it blocks in the host (poll with a
 *     timeout, never SystemC wait()), so simulated time stands still;
 *   - a breakpoint or watchpoint hit, a finished step and the guest's exit
 *     are reported to the stub, which sends the stop reply;
 *   - while the CPU sleeps in WFI it still answers gdb (Ctrl-C) every
 *     poll period of simulated time.
 *
 * Created by Platform::open_gdb (-s / -S / -gdb).  Invariant: all calls
 * happen on the CPU's SystemC thread, at an instruction boundary.
 */
#ifndef COSIM_GDB_GLUE_H
#define COSIM_GDB_GLUE_H

#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "tlm-bridge/cpu-initiator.h"
#include "tlm-bridge/router.h"

extern "C" {
#include "gdb/bpset.h"
#include "gdb/stub.h"
#include "gdb/transport.h"
#include "tcg/debug.h"
}

struct arm_cpu;
struct sh4_cpu;

namespace cosim {

class GdbServer : public tlmb::CpuInitiator::RunHook {
public:
    struct Machine {
        arm_cpu *arm;
        sh4_cpu *sh4 = nullptr;        /* an SH-4 board instead (arm NULL) */
        tlmb::CpuInitiator *cpu;
        tlmb::Router *bus;
        std::function<bool()> reset;   /* monitor system_reset; false: failed */
        std::function<bool()> nmi;     /* monitor nmi; false: the machine has none */
    };

    /* Listen on spec ("tcp::1234", "tcp:HOST:PORT", "unix:PATH"); with
     * start_halted the CPU waits for a debugger (and a line saying where
     * goes to messages).  NULL with one line in *err (port in use, ...). */
    static std::unique_ptr<GdbServer> open(const Machine &m, const std::string &spec, bool start_halted,
                                           FILE *messages, std::string *err);
    ~GdbServer() override;

    bool before_exec() override;
    bool after_exec(tcg_exit_reason r) override;
    sc_core::sc_time poll_period() const override;
    bool leave_sleep() override;

private:
    explicit GdbServer(const Machine &m);
    void set_mode(gdb_run act);
    void report(const gdb_stop_event &ev);
    tcg_cpu *tcpu() const;

    /* gdb_debug_if callbacks (opaque = this) */
    static const gdb_debug_if dif_;
    static int d_num_cpus(void *o);
    static const gdb_arch *d_cpu_arch(void *o, int cpu);
    static const char *d_cpu_name(void *o, int cpu);
    static int d_read_reg(void *o, int cpu, int n, uint8_t *buf);
    static int d_write_reg(void *o, int cpu, int n, const uint8_t *buf);
    static size_t d_read_mem(void *o, int cpu, uint64_t addr, uint8_t *buf, size_t len);
    static size_t d_write_mem(void *o, int cpu, uint64_t addr, const uint8_t *buf, size_t len);
    static int d_insert_bp(void *o, gdb_bp_type t, uint64_t addr, uint64_t kind);
    static int d_remove_bp(void *o, gdb_bp_type t, uint64_t addr, uint64_t kind);
    static void d_info_registers(void *o, int cpu, gdb_text *out);
    static void d_memory_map(void *o, gdb_text *out);
    static int d_get_time(void *o, int cpu, gdb_time *t);
    static int d_reset(void *o);
    static int d_nmi(void *o);
    static void d_quit(void *o, int code);
    void bps_changed(gdb_bp_type t);

    /* tcg_debug_ops callbacks (opaque = this) */
    static const tcg_debug_ops tops_;
    static bool t_bp_in_range(void *o, tcg_cpu *c, uint32_t pc, uint32_t len);
    static bool t_bp_hit(void *o, tcg_cpu *c, uint32_t pc, uint32_t len);
    static bool t_wp_in_range(void *o, tcg_cpu *c, uint32_t page, uint32_t size);
    static bool t_watch_hit(void *o, tcg_cpu *c, uint32_t vaddr, unsigned len, bool is_write, uint32_t *wp);

    Machine m_;
    gdb_stub *stub_ = nullptr;
    gdb_transport *tr_ = nullptr;
    gdb_bpset bps_;
    tcg_debug dbg_;
    gdb_run mode_ = GDB_RUN_CONTINUE;   /* what the current slice does       */
    bool have_event_ = false;            /* pending_ describes the debug stop  */
    gdb_stop_event pending_ = {};
};

} // namespace cosim

#endif
