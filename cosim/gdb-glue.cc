/*
 * cosim::GdbServer (see gdb-glue.h): the stub's view of the platform and
 * the debugger's run control of the CPU thread, following the driving
 * loop of gdb/stub.h (reference: tests/gdb/fake_server.c).
 *
 * Stop rules: a breakpoint stops only a CPU that runs with CONTINUE (a
 * step executes the instruction under a breakpoint: gdb steps over its
 * own breakpoints that way); a watchpoint stops before the access, with
 * the instruction not executed (gdb then steps over it, as ARM
 * watchpoints are "non-steppable"); a step ends after one instruction,
 * or at the vector of an exception or interrupt it entered.
 */
#include "cosim/gdb-glue.h"

#include <cstring>

#include "cosim/platform.h"
extern "C" {
#include "gdb/arch.h"
#include "targets/arm/cpu.h"
#include "targets/arm/gdb-arm.h"
#include "targets/sh4/cpu.h"
#include "targets/sh4/sh4-gdb.h"
}
#include "cosim/cpu-factory.h"

namespace cosim {

namespace {
constexpr int kHeldPollMs = 100;   /* host wait per poll while gdb holds the CPU */
}

const gdb_debug_if GdbServer::dif_ = [] {
    gdb_debug_if d{};
    d.num_cpus = d_num_cpus;
    d.cpu_arch = d_cpu_arch;
    d.cpu_name = d_cpu_name;
    d.read_reg = d_read_reg;
    d.write_reg = d_write_reg;
    d.read_mem = d_read_mem;
    d.write_mem = d_write_mem;
    d.insert_bp = d_insert_bp;
    d.remove_bp = d_remove_bp;
    d.info_registers = d_info_registers;
    d.memory_map = d_memory_map;
    d.get_time = d_get_time;
    d.reset = d_reset;
    d.quit = d_quit;
    d.nmi = d_nmi;
    return d;
}();

const tcg_debug_ops GdbServer::tops_ = {t_bp_in_range, t_bp_hit, t_wp_in_range, t_watch_hit};

GdbServer::GdbServer(const Machine &m) : m_(m)
{
    gdb_bpset_init(&bps_);
    std::memset(&dbg_, 0, sizeof dbg_);
    dbg_.ops = &tops_;
    dbg_.opaque = this;
}

GdbServer::~GdbServer()
{
    /* the CPU may already be destroyed: touch only our own objects */
    if (tr_)
        gdb_transport_close(tr_);
    gdb_stub_free(stub_);
}

tcg_cpu *GdbServer::tcpu() const { return m_.sh4 ? &m_.sh4->common : &m_.arm->common; }

std::unique_ptr<GdbServer> GdbServer::open(const Machine &m, const std::string &spec, bool start_halted,
                                           FILE *messages, std::string *err)
{
    std::unique_ptr<GdbServer> g(new GdbServer(m));
    gdb_stub_config cfg{};
    cfg.start_halted = start_halted;
    g->stub_ = gdb_stub_new(&dif_, g.get(), &cfg);
    if (!g->stub_ || !tcg_debug_attach(g->tcpu(), &g->dbg_)) {
        *err = "gdb: cannot create the stub";
        return nullptr;
    }
    char why[256] = "";
    if (gdb_transport_open(&g->tr_, spec.c_str(), why, sizeof why) != GDB_OK) {
        g->tr_ = nullptr;
        g->tcpu()->debug = nullptr;
        *err = why[0] ? why : "gdb: cannot open " + spec;
        return nullptr;
    }
    if (start_halted && messages) {
        char where[160];
        gdb_transport_describe(g->tr_, where, sizeof where);
        std::fprintf(messages, "cosim: gdb: waiting for a debugger on %s\n", where);
        std::fflush(messages);
    }
    g->mode_ = start_halted ? GDB_RUN_HOLD : GDB_RUN_CONTINUE;
    m.cpu->set_run_hook(g.get());
    return g;
}

/* ---- run control ------------------------------------------------------ */

void GdbServer::set_mode(gdb_run act)
{
    /* leaving or entering step mode (and every new step) resets the step */
    if (act == GDB_RUN_STEP || mode_ == GDB_RUN_STEP)
        tcg_debug_set_step(tcpu(), act == GDB_RUN_STEP, gdb_stub_step_irqs(stub_));
    mode_ = act;
}

bool GdbServer::before_exec()
{
    gdb_transport_poll(tr_, stub_, 0);
    for (;;) {
        const gdb_run act = gdb_stub_cpu_run(stub_, 0);
        if (act == GDB_RUN_QUIT)
            return false;
        if (act != GDB_RUN_HOLD) {
            set_mode(act);
            return true;
        }
        /* held: the host waits, SystemC time does not move */
        gdb_transport_poll(tr_, stub_, kHeldPollMs);
    }
}

void GdbServer::report(const gdb_stop_event &ev)
{
    gdb_stub_report_stop(stub_, 0, &ev);
}

bool GdbServer::after_exec(tcg_exit_reason r)
{
    tcg_debug_stop why;
    uint32_t addr;
    bool wr;
    if (tcg_debug_take_stop(tcpu(), &why, &addr, &wr)) {
        if (have_event_)
            report(pending_);
        have_event_ = false;
        return true;
    }
    tcg_cpu *c = tcpu();
    if (c->exited) {
        gdb_stop_event ev{};
        ev.reason = GDB_STOP_EXITED;
        ev.code = c->exit_code;
        report(ev);
        return false;      /* the run ends as without a debugger */
    }
    if (mode_ == GDB_RUN_STEP && r != TCG_EXIT_BUDGET) {
        gdb_stop_event ev{};
        ev.reason = GDB_STOP_STEP;
        report(ev);
        return true;
    }
    if (mode_ == GDB_RUN_STEP) {
        /* the budget ended before the instruction (cannot happen with the
         * step's budget of one cycle, see tcg_cpu_exec): step again */
        return true;
    }
    (void)r;
    return false;
}

sc_core::sc_time GdbServer::poll_period() const
{
    return sc_core::sc_time(1, sc_core::SC_MS);
}

bool GdbServer::leave_sleep()
{
    gdb_transport_poll(tr_, stub_, 0);
    if (gdb_stub_any_running(stub_))
        return false;
    /* A debug request is a WFI wake-up event on ARM (ARM ARM v5, B6.6.4
     * "Wait for interrupt"): the core leaves the low-power state, so a
     * resume runs the instructions after the WFI.  SH-4: likewise after
     * the SLEEP, and no longer "asleep" for a later NMI under SR.BL. */
    if (m_.sh4)
        sh4_cpu_leave_sleep(m_.sh4);
    else
        tcpu()->halted = false;
    return true;
}

/* ---- tcg_debug_ops ------------------------------------------------------- */

bool GdbServer::t_bp_in_range(void *o, tcg_cpu *, uint32_t pc, uint32_t len)
{
    return gdb_bpset_bp_in_range(&static_cast<GdbServer *>(o)->bps_, pc, (uint64_t)pc + len);
}

bool GdbServer::t_bp_hit(void *o, tcg_cpu *, uint32_t pc, uint32_t len)
{
    GdbServer *g = static_cast<GdbServer *>(o);
    if (g->mode_ != GDB_RUN_CONTINUE || !gdb_bpset_bp_in_range(&g->bps_, pc, (uint64_t)pc + len))
        return false;
    bool hw = false;
    for (uint32_t a = pc; a < pc + len; a++)
        if (gdb_bpset_bp_at(&g->bps_, a, &hw))
            break;
    g->pending_ = gdb_stop_event{};
    g->pending_.reason = GDB_STOP_BREAKPOINT;
    g->pending_.hw = hw;
    g->have_event_ = true;
    return true;
}

bool GdbServer::t_wp_in_range(void *o, tcg_cpu *, uint32_t page, uint32_t size)
{
    return gdb_bpset_wp_in_range(&static_cast<GdbServer *>(o)->bps_, page, (uint64_t)page + size);
}

bool GdbServer::t_watch_hit(void *o, tcg_cpu *, uint32_t vaddr, unsigned len, bool is_write, uint32_t *wp)
{
    GdbServer *g = static_cast<GdbServer *>(o);
    gdb_stop_event ev{};
    if (g->mode_ == GDB_RUN_HOLD || !gdb_bpset_check_access(&g->bps_, vaddr, len, is_write, &ev))
        return false;
    g->pending_ = ev;
    g->have_event_ = true;
    *wp = static_cast<uint32_t>(ev.wp_addr);
    return true;
}

/* ---- gdb_debug_if ------------------------------------------------------ */

int GdbServer::d_num_cpus(void *) { return 1; }

const gdb_arch *GdbServer::d_cpu_arch(void *o, int)
{
    return static_cast<GdbServer *>(o)->m_.sh4 ? &gdb_arch_sh4 : &gdb_arch_arm;
}

const char *GdbServer::d_cpu_name(void *o, int)
{
    const arm_cpu *a = static_cast<GdbServer *>(o)->m_.arm;
    if (const sh4_cpu *s = static_cast<GdbServer *>(o)->m_.sh4)
        return s->model ? s->model : "sh4";
    return a->model ? a->model : "arm";
}

int GdbServer::d_read_reg(void *o, int, int n, uint8_t *buf)
{
    if (sh4_cpu *s = static_cast<GdbServer *>(o)->m_.sh4)   /* 4 bytes, or -22 */
        return sh4_gdb_read_reg(s, n, buf, 4) == 4 ? GDB_OK : GDB_ERR_INVAL;
    return arm_gdb_read_reg(static_cast<GdbServer *>(o)->m_.arm, n, buf);
}

int GdbServer::d_write_reg(void *o, int, int n, const uint8_t *buf)
{
    if (sh4_cpu *s = static_cast<GdbServer *>(o)->m_.sh4)
        return sh4_gdb_write_reg(s, n, buf, 4) == 4 ? GDB_OK : GDB_ERR_INVAL;
    return arm_gdb_write_reg(static_cast<GdbServer *>(o)->m_.arm, n, buf);
}

size_t GdbServer::d_read_mem(void *o, int, uint64_t addr, uint8_t *buf, size_t len)
{
    if (addr > 0xffffffffull)
        return 0;
    if (len > 0x100000000ull - addr)
        len = static_cast<size_t>(0x100000000ull - addr);
    return static_cast<size_t>(
        tcg_cpu_debug_rw(static_cast<GdbServer *>(o)->tcpu(), static_cast<uint32_t>(addr), buf, len, false));
}

size_t GdbServer::d_write_mem(void *o, int, uint64_t addr, const uint8_t *buf, size_t len)
{
    if (addr > 0xffffffffull)
        return 0;
    if (len > 0x100000000ull - addr)
        len = static_cast<size_t>(0x100000000ull - addr);
    /* tcg_cpu_debug_rw invalidates the TBs the write covers */
    return static_cast<size_t>(tcg_cpu_debug_rw(static_cast<GdbServer *>(o)->tcpu(), static_cast<uint32_t>(addr),
                                                const_cast<uint8_t *>(buf), len, true));
}

void GdbServer::bps_changed(gdb_bp_type t)
{
    if (t == GDB_BP_SW || t == GDB_BP_HW)
        tcg_debug_breakpoints_changed(tcpu(), bps_.n > bps_.n_wp);
    else
        tcg_debug_watchpoints_changed(tcpu(), bps_.n_wp > 0);
}

int GdbServer::d_insert_bp(void *o, gdb_bp_type t, uint64_t addr, uint64_t kind)
{
    GdbServer *g = static_cast<GdbServer *>(o);
    if (addr > 0xffffffffull)
        return GDB_ERR_INVAL;
    const int rc = gdb_bpset_insert(&g->bps_, t, addr, kind);
    if (rc == GDB_OK)
        g->bps_changed(t);
    return rc;
}

int GdbServer::d_remove_bp(void *o, gdb_bp_type t, uint64_t addr, uint64_t kind)
{
    GdbServer *g = static_cast<GdbServer *>(o);
    const int rc = gdb_bpset_remove(&g->bps_, t, addr, kind);
    if (rc == GDB_OK)
        g->bps_changed(t);
    return rc;
}

void GdbServer::d_info_registers(void *o, int, gdb_text *out)
{
    char buf[1024];
    if (sh4_cpu *s = static_cast<GdbServer *>(o)->m_.sh4) {   /* the stub lists the registers */
        const uint32_t sr = sh4_sr_read(s);
        gdb_text_printf(out, "sr: MD=%u RB=%u BL=%u FD=%u IMASK=%u T=%u; fpscr: PR=%u SZ=%u FR=%u\n",
                        sr >> 30 & 1, sr >> 29 & 1, sr >> 28 & 1, sr >> 15 & 1, sr >> 4 & 15, sr & 1,
                        s->fpscr >> 19 & 1, s->fpscr >> 20 & 1, s->fpscr >> 21 & 1);
        return;
    }
    arm_gdb_describe(static_cast<GdbServer *>(o)->m_.arm, buf, sizeof buf);
    gdb_text_printf(out, "%s", buf);
}

void GdbServer::d_memory_map(void *o, gdb_text *out)
{
    for (const tlmb::Router::Mapping &mp : static_cast<GdbServer *>(o)->m_.bus->mappings())
        gdb_text_printf(out, "%08llx-%08llx %s\n", static_cast<unsigned long long>(mp.base),
                        static_cast<unsigned long long>(mp.base + mp.size - 1), mp.name.c_str());
}

int GdbServer::d_get_time(void *o, int, gdb_time *t)
{
    GdbServer *g = static_cast<GdbServer *>(o);
    const sc_core::sc_time now = g->m_.cpu->now();
    t->sim_time_ps = static_cast<uint64_t>(now / sc_core::sc_time(1, sc_core::SC_PS) + 0.5);
    t->cycles = g->tcpu()->cycles;
    t->insns = g->tcpu()->icount;
    return GDB_OK;
}

int GdbServer::d_reset(void *o)
{
    GdbServer *g = static_cast<GdbServer *>(o);
    return g->m_.reset && g->m_.reset() ? GDB_OK : GDB_ERR_UNSUPPORTED;
}

int GdbServer::d_nmi(void *o)
{
    GdbServer *g = static_cast<GdbServer *>(o);
    if (!g->m_.nmi || !g->m_.nmi())
        return GDB_ERR_UNSUPPORTED;
    /* Let the new request reach the CPU's input now, so the NMI is taken
     * at the first instruction boundary after gdb resumes.  Zero-time
     * waits on the CPU thread: simulated time still stands. */
    for (int i = 0; i < tlmb::CpuInitiator::kMaxDeltaWaits && sc_core::sc_pending_activity_at_current_time(); i++)
        sc_core::wait(sc_core::SC_ZERO_TIME);
    return GDB_OK;
}

void GdbServer::d_quit(void *o, int code)
{
    /* the run ends at the next before_exec (the stub answers QUIT);
     * Platform::run returns this status */
    tcg_cpu *c = static_cast<GdbServer *>(o)->tcpu();
    c->exited = true;
    c->exit_code = code;
}

/* ---- the platform side: -s / -S / -gdb ------------------------------------ */

bool Platform::open_gdb(std::string *err)
{
    if (opts_.gdb.empty()) {
        if (opts_.gdb_wait && err)
            *err = "-S needs a debugger connection: add -s or -gdb tcp::PORT";
        return !opts_.gdb_wait;
    }
    GdbServer::Machine m;
    m.arm = arm_;
    m.sh4 = guest_->sh4();
    m.cpu = cpu_init_.get();
    m.bus = router_.get();
    m.reset = [this] {
        /* as a power-on: CPU reset, then the firmware image again (its
         * data may have changed) with its entry point.  Devices keep
         * their state (no device reset yet). */
        guest_->reset();
        std::string why;
        if (!load_firmware(&why))
            return false;
        tcg_tb_flush(cpu());
        tcg_tlb_flush(cpu());
        cpu()->exited = false;
        return true;
    };
    m.nmi = [this] { return nmi(); };
    gdb_ = GdbServer::open(m, opts_.gdb, opts_.gdb_wait, opts_.messages, err);
    return gdb_ != nullptr;
}

} // namespace cosim
