/*
 * tlmb::CpuInitiator: a target-neutral tcg CPU as a TLM-2.0 loosely-timed
 * initiator.
 *
 *   arm_cpu *arm = ...;  arm_cpu_init(arm, "arm926", "interp");
 *   tlmb::CpuInitiator cpu("cpu", &arm->common, sc_time(5, SC_NS));   // 200 MHz
 *   cpu.socket.bind(router.target_socket);
 *   cpu.connect_irq(vic.irq_out(0));  cpu.connect_fiq(vic.irq_out(1));
 *   tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_time(10, SC_US));
 *   sc_start();
 *
 * Time: the CPU's `cycles` counter is its clock.  Local time (how far the
 * CPU runs ahead of sc_time_stamp()) is
 *     (cycles - sync_cycles) * clock_period
 * where sync_cycles is the counter value at the last synchronisation.
 * The thread runs tcg_cpu_exec with a budget that ends at its run limit,
 * then syncs (wait(local time)).  The run limit is the next quantum
 * boundary.  With lookahead (the default) quantum boundaries before which
 * no SystemC process has anything to do are skipped: the limit is the
 * first boundary at or after the next pending activity (a timer event, a
 * poll, another thread's wake-up), at most max_lookahead() ahead.  Until
 * then no other process runs, so nothing can observe the CPU being
 * further ahead, and a device event reaches the CPU at the same boundary
 * as with a fixed quantum.  The CPU itself creates activity only through
 * bus accesses; after each one the budget is cut (tcg_cpu_cut_budget) if
 * the access scheduled something before the limit.
 * Each bus access is annotated with the local time of the exact
 * instruction making it (the bus callback's insn_cycles), so a device
 * sees the CPU's time; latency a target adds becomes stall cycles.
 *
 * Interrupts: the irq/fiq inputs (level) call tcg_cpu_set_interrupt from
 * an SC_METHOD.  After an MMIO access that left activity pending at the
 * current time (a device changed an interrupt line), the thread lets the
 * delta cycles run (wait(SC_ZERO_TIME), bounded) before it continues, so
 * an interrupt a register write raises is taken at the next TB boundary,
 * as on hardware, not a quantum later.  WFI (TCG_EXIT_HALTED) syncs and
 * waits for an interrupt request instead of spinning.  TCG_EXIT_STOP
 * syncs and calls the stop handler (default: sc_stop()).
 *
 * DMI: grants are cached (a few ranges, round robin) and handed to the
 * soft TLB; invalidate_direct_mem_ptr drops overlapping ranges and
 * flushes the TLB.  Debug accesses use transport_dbg, range by range.
 *
 * Invariants: the SC_THREAD's frames stay small (tcg runs on its 1 MiB
 * coroutine stack); nothing here reads the host clock.
 */
#ifndef TLMB_CPU_INITIATOR_H
#define TLMB_CPU_INITIATOR_H

#include <cstdint>
#include <functional>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "tlm-bridge/c-api.h"

namespace tlmb {

/* 200 MHz: the ARM926EJ-S of the Versatile PB926EJ-S runs at 210 MHz
 * (the PLL's default); a round figure is easier to reason about. */
inline sc_core::sc_time default_cpu_period() { return sc_core::sc_time(5, sc_core::SC_NS); }
/* 10 us: 2000 cycles at 200 MHz.  Interrupts from timers are seen within
 * a quantum (MMIO-triggered ones at once, see above), and the cost of a
 * SystemC context switch is paid once per ~2000 guest instructions. */
inline sc_core::sc_time default_quantum() { return sc_core::sc_time(10, sc_core::SC_US); }

class CpuInitiator : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(CpuInitiator);

    /* Run control by a debugger (cosim/gdb-glue.cc), called on the CPU
     * thread between tcg_cpu_exec slices.  Without one the loop is as
     * described above. */
    class RunHook {
    public:
        virtual ~RunHook() = default;
        /* Before each slice.  May block in the host while the debugger
         * holds the CPU (never wait(): simulated time stands still).
         * false: end the run as TCG_EXIT_STOP does. */
        virtual bool before_exec() = 0;
        /* After a slice that returned r: true if the debugger took the
         * exit (breakpoint, watchpoint, finished step): go on. */
        virtual bool after_exec(tcg_exit_reason r) = 0;
        /* While the CPU sleeps (WFI) it also wakes every poll_period()
         * and asks leave_sleep() whether the debugger wants it back. */
        virtual sc_core::sc_time poll_period() const = 0;
        virtual bool leave_sleep() = 0;
    };
    /* Elaboration only; the hook outlives the simulation. */
    void set_run_hook(RunHook *h) { hook_ = h; }

    tlm_utils::simple_initiator_socket<CpuInitiator> socket;

    /* cpu: initialised by its target (tcg_cpu_init done); not owned.
     * Installs this module as the CPU's bus. */
    CpuInitiator(sc_core::sc_module_name name, tcg_cpu *cpu,
                 sc_core::sc_time clock_period = default_cpu_period());

    /* Interrupt inputs; unconnected ones are tied low.  Elaboration only.
     * The second input sets interrupt_request bit `mask`: the ARM's FIQ,
     * or TCG_INTERRUPT_NMI for the SH-4's NMI request. */
    void connect_irq(sc_core::sc_signal_in_if<bool> &wire);
    void connect_fiq(sc_core::sc_signal_in_if<bool> &wire, uint32_t mask = TCG_INTERRUPT_FIQ);

    /* What to do on TCG_EXIT_STOP (after syncing); default sc_stop(). */
    void set_stop_handler(std::function<void()> fn) { on_stop_ = std::move(fn); }

    /* On (default): when no SystemC process has anything to do before
     * the end of the quantum, the CPU runs on to the next pending activity
     * (at most max_lookahead() of local time) before it syncs; see the
     * timing notes above.  Off: it syncs at every quantum boundary, the
     * classic loosely-timed behaviour.  Elaboration only. */
    void set_lookahead(bool on) { lookahead_ = on; }
    const sc_core::sc_time &max_lookahead() const { return max_lookahead_; }

    /* Off: every access, RAM included, is a b_transport (slow; for bus
     * monitors and for debugging).  Elaboration only. */
    void set_dmi_enabled(bool on) { dmi_enabled_ = on; }

    tcg_cpu *cpu() const { return cpu_; }
    const sc_core::sc_time &clock_period() const { return period_; }
    /* The CPU's own notion of now: sc_time_stamp() + local time at the
     * current instruction (exact inside a TB, e.g. from a helper). */
    sc_core::sc_time now() const;
    /* Local time of a cycle count, relative to the last sync. */
    sc_core::sc_time local_time(uint64_t cycles) const;
    bool stopped() const { return stopped_; }

    /* statistics */
    uint64_t stat_transports() const { return n_transport_; }
    uint64_t stat_dmi_grants() const { return n_dmi_grants_; }
    uint64_t stat_dmi_invalidations() const { return n_dmi_inval_; }
    uint64_t stat_syncs() const { return n_syncs_; }

    /* At most this many zero-time waits when the CPU thread lets pending
     * delta activity run (after a bus access; gdb's "monitor nmi"), in
     * case a model loops on deltas. */
    static constexpr int kMaxDeltaWaits = 64;

private:
    /* exposes the next sync point, to size the exec budget */
    struct QuantumKeeper : tlm_utils::tlm_quantumkeeper {
        /* the end of the current quantum as a local time */
        sc_core::sc_time quantum_end() const
        {
            const sc_core::sc_time now = sc_core::sc_time_stamp();
            return m_next_sync_point > now ? m_next_sync_point - now : sc_core::SC_ZERO_TIME;
        }
    };

    static constexpr int kDmiCacheSize = 8;

    void run();
    void sync();
    sc_core::sc_time grid_after(const sc_core::sc_time &local) const;
    sc_core::sc_time run_limit() const;
    void limit_to_next_activity(uint64_t cycles_now, const sc_core::sc_time &next);
    void irq_changed();
    void before_end_of_elaboration() override;
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
    uint64_t cycles_of(const sc_core::sc_time &t, bool round_up) const;

    static tcg_bus_status bus_access(void *opaque, uint64_t addr, unsigned size, bool is_write,
                                     uint64_t *val, uint64_t insn_cycles, uint64_t *stall_cycles);
    static bool bus_get_dmi(void *opaque, uint64_t addr, bool for_write, tcg_dmi *out);
    static uint64_t bus_debug_access(void *opaque, uint64_t addr, uint8_t *buf, uint64_t len, bool is_write);

    tcg_cpu *cpu_;
    sc_core::sc_time period_;
    QuantumKeeper qk_;
    uint64_t sync_cycles_ = 0;
    bool stopped_ = false;
    bool dmi_enabled_ = true;
    bool lookahead_ = true;
    const sc_core::sc_time max_lookahead_{1, sc_core::SC_MS};
    uint64_t quantum_end_cycles_ = 0;   /* of the running slice */
    sc_core::sc_time limit_stamp_;       /* its run limit, as an absolute time */
    std::function<void()> on_stop_;
    RunHook *hook_ = nullptr;

    sc_core::sc_in<bool> irq_, fiq_;
    bool irq_bound_ = false, fiq_bound_ = false;
    uint32_t fiq_mask_ = TCG_INTERRUPT_FIQ;
    sc_core::sc_signal<bool> tie_low_;
    sc_core::sc_event wake_;

    tlm::tlm_generic_payload trans_;   /* reused for every access */
    tlm::tlm_generic_payload dmi_trans_, dbg_trans_;
    uint8_t data_[8];

    struct DmiEntry {
        bool valid;
        uint64_t start, end;
        uint8_t *ptr;            /* host address of start */
        bool can_read, can_write;
        sc_core::sc_time read_lat, write_lat;
    };
    DmiEntry dmi_[kDmiCacheSize] = {};
    int dmi_next_ = 0;

    uint64_t n_transport_ = 0, n_dmi_grants_ = 0, n_dmi_inval_ = 0, n_syncs_ = 0;
};

} // namespace tlmb

#endif
