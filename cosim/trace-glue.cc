/*
 * Tracing options wired to the platform: see trace-glue.h and
 * docs/tracing.md.  Only this file knows both the command line's specs and
 * the trace library; the CPU side is targets/arm/trace-arm.h, the bus
 * side tlmb::Router::set_trace.
 */
#include "cosim/trace-glue.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cosim/cpu-factory.h"
#include "cosim/platform.h"
#include "platforms/board.h"
#include "peripherals/periph.h"
#include "tlm-bridge/cpu-initiator.h"
#include "tlm-bridge/router.h"

extern "C" {
#include "targets/arm/trace-arm.h"
#include "traces/bintrace.h"
#include "traces/bustrace.h"
#include "traces/dfilter.h"
#include "traces/plugin-host.h"
#include "traces/tarmac.h"
#include "traces/vcd.h"
}

namespace cosim {

namespace {

struct Spec {
    std::string kind, file;
    std::string unit = "clk";            /* tarmac */
    std::vector<std::string> signals;    /* vcd: name prefixes; empty = all */
};

bool split_spec(const std::string &s, Spec *out, std::string *err)
{
    const size_t colon = s.find(':');
    if (colon == std::string::npos || colon == 0) {
        *err = "--trace " + s + ": expected KIND:FILE (kinds: tarmac, bin, bus, vcd)";
        return false;
    }
    out->kind = s.substr(0, colon);
    if (out->kind != "tarmac" && out->kind != "bin" && out->kind != "bus" && out->kind != "vcd") {
        *err = "--trace " + s + ": unknown kind '" + out->kind + "' (kinds: tarmac, bin, bus, vcd)";
        return false;
    }
    std::vector<std::string> items;
    size_t pos = colon + 1;
    for (;;) {
        const size_t comma = s.find(',', pos);
        items.push_back(s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        if (comma == std::string::npos)
            break;
        pos = comma + 1;
    }
    out->file = items[0];
    if (out->file.empty()) {
        *err = "--trace " + s + ": no file name";
        return false;
    }
    for (size_t i = 1; i < items.size(); i++) {
        const std::string &kv = items[i];
        if (out->kind == "tarmac" && kv.compare(0, 5, "unit=") == 0) {
            out->unit = kv.substr(5);
            if (out->unit != "clk" && out->unit != "ns") {
                *err = "--trace " + s + ": unit must be clk or ns";
                return false;
            }
        } else if (out->kind == "vcd" && kv.compare(0, 8, "signals=") == 0) {
            std::string list = kv.substr(8);
            size_t p = 0;
            for (;;) {
                const size_t plus = list.find('+', p);
                std::string n = list.substr(p, plus == std::string::npos ? std::string::npos : plus - p);
                if (!n.empty())
                    out->signals.push_back(n);
                if (plus == std::string::npos)
                    break;
                p = plus + 1;
            }
            if (out->signals.empty()) {
                *err = "--trace " + s + ": signals= needs at least one name";
                return false;
            }
        } else {
            *err = "--trace " + s + ": unknown setting '" + kv + "'";
            return false;
        }
    }
    return true;
}

bool log_filter(const void *opaque, uint64_t pc)
{
    return trace_dfilter_match(static_cast<const trace_dfilter *>(opaque), pc);
}

uint64_t to_ps(const sc_core::sc_time &t)
{
    return static_cast<uint64_t>(t / sc_core::sc_time(1, sc_core::SC_PS) + 0.5);
}

} // namespace

struct TraceSetup::Impl {
    arm_cpu *cpu = nullptr;
    tlmb::CpuInitiator *init = nullptr;
    tlmb::Router *bus = nullptr;
    bool cpu_attached = false, bus_attached = false, finished = false;

    trace_hub hub;
    trace_dfilter dfilter;
    bool have_dfilter = false;
    trace_plugin_host plugins;
    bool have_plugins = false;
    std::vector<TraceWire> wires;             /* what VCD outputs may show */

    struct Output {
        Spec spec;
        FILE *f = nullptr;
        bool own = false;
        trace_tarmac tarmac;
        trace_bin_writer bin;
        bool bin_open = false;
        trace_buslog buslog;
        trace_vcd vcd;
        std::vector<int> handles;             /* per wire: VCD handle or -1 */
        const std::vector<TraceWire> *wires = nullptr;
    };
    std::vector<std::unique_ptr<Output>> outs;

    static uint64_t cpu_time_ps(void *opaque, uint64_t cycles)
    {
        const tlmb::CpuInitiator *init = static_cast<const tlmb::CpuInitiator *>(opaque);
        return to_ps(sc_core::sc_time_stamp() + init->local_time(cycles));
    }

    void vcd_change(Output *o, size_t wire)
    {
        const int h = o->handles[wire];
        if (h >= 0 && !trace_vcd_change(&o->vcd, h, to_ps(sc_core::sc_time_stamp()),
                                        (*o->wires)[wire].signal->read() ? 1 : 0))
            o->vcd.io_error = true;
    }

    bool open_output(const Spec &sp, std::string *err)
    {
        std::unique_ptr<Output> o(new Output);
        o->spec = sp;
        if (sp.file == "-") {
            o->f = stdout;
        } else {
            o->f = std::fopen(sp.file.c_str(), sp.kind == "bin" ? "wb" : "w");
            if (!o->f) {
                *err = "--trace " + sp.kind + ":" + sp.file + ": " + std::strerror(errno);
                return false;
            }
            o->own = true;
        }
        Output *raw = o.get();
        outs.push_back(std::move(o));
        bool added = true;
        if (sp.kind == "tarmac") {
            trace_tarmac_init(&raw->tarmac, raw->f, sp.unit == "ns" ? TRACE_TARMAC_NS : TRACE_TARMAC_CLK);
            added = trace_hub_add(&hub, trace_tarmac_sink(&raw->tarmac));
        } else if (sp.kind == "bin") {
            if (!trace_bin_writer_open(&raw->bin, raw->f, 40 /* EM_ARM */, 0)) {
                *err = "--trace bin:" + sp.file + ": cannot write the header";
                return false;
            }
            raw->bin_open = true;
            added = trace_hub_add(&hub, trace_bin_writer_sink(&raw->bin));
        } else if (sp.kind == "bus") {
            trace_buslog_init(&raw->buslog, raw->f);
            added = trace_hub_add(&hub, trace_buslog_sink(&raw->buslog));
        } else {
            trace_vcd_init(&raw->vcd, raw->f);
            raw->wires = &wires;
            for (size_t i = 0; i < wires.size(); i++) {
                bool pick = sp.signals.empty();
                for (const std::string &p : sp.signals)
                    if (wires[i].name.compare(0, p.size(), p) == 0)
                        pick = true;
                int h = -1;
                if (pick) {
                    h = trace_vcd_add(&raw->vcd, "irq", wires[i].name.c_str(), 1,
                                      wires[i].signal->read() ? 1 : 0);
                    if (h < 0) {
                        *err = "--trace vcd: cannot add signal " + wires[i].name;
                        return false;
                    }
                    sc_core::sc_spawn_options opt;
                    opt.spawn_method();
                    opt.dont_initialize();
                    opt.set_sensitivity(&wires[i].signal->value_changed_event());
                    sc_core::sc_spawn([this, raw, i]() { vcd_change(raw, i); },
                                      sc_core::sc_gen_unique_name("trace_vcd"), &opt);
                }
                raw->handles.push_back(h);
            }
            if (!sp.signals.empty() && raw->vcd.n == 0) {
                std::string known;
                for (const TraceWire &w : wires)
                    known += (known.empty() ? "" : ", ") + w.name;
                *err = "--trace vcd: no interrupt wire matches signals= (wires: " + known + ")";
                return false;
            }
        }
        if (!added) {
            *err = "--trace: too many trace outputs";
            return false;
        }
        return true;
    }

    ~Impl()
    {
        if (cpu_attached)
            arm_trace_detach(cpu);
        if (bus_attached)
            bus->set_trace(nullptr, {});
        if (have_plugins)
            trace_plugin_host_free(&plugins);
        if (have_dfilter) {
            if (cpu && cpu->common.log.filter_opaque == &dfilter) {
                cpu->common.log.filter = nullptr;
                cpu->common.log.filter_opaque = nullptr;
            }
            trace_dfilter_free(&dfilter);
        }
        for (auto &o : outs) {
            if (o->spec.kind == "vcd" && !finished)
                if (!trace_vcd_close(&o->vcd, 0))
                    o->vcd.io_error = true;   /* an aborted run: nothing to report */
            if (o->bin_open && !finished)
                if (!trace_bin_writer_close(&o->bin))
                    o->bin.io_error = true;
            if (o->own && o->f)
                std::fclose(o->f);
        }
    }
};

TraceSetup::TraceSetup() : impl_(new Impl) {}
TraceSetup::~TraceSetup() = default;

bool TraceSetup::check_spec(const std::string &spec, std::string *err)
{
    Spec s;
    return split_spec(spec, &s, err);
}

bool TraceSetup::wanted(const Options &o)
{
    return !o.traces.empty() || !o.plugins.empty() || !o.dfilter.empty();
}

std::unique_ptr<TraceSetup> TraceSetup::create(const Options &o, arm_cpu *cpu, tlmb::CpuInitiator *init,
                                               tlmb::Router *bus, const std::vector<TraceWire> &wires,
                                               FILE *log, std::string *err)
{
    std::unique_ptr<TraceSetup> ts(new TraceSetup);
    Impl &m = *ts->impl_;
    m.cpu = cpu;
    m.init = init;
    m.bus = bus;
    m.wires = wires;
    trace_hub_init(&m.hub);

    if (!o.dfilter.empty()) {
        trace_dfilter_init(&m.dfilter);
        m.have_dfilter = true;
        char why[160];
        if (!trace_dfilter_parse(&m.dfilter, o.dfilter.c_str(), why, sizeof why)) {
            *err = std::string("-dfilter: ") + why;
            return nullptr;
        }
        cpu->common.log.filter = log_filter;
        cpu->common.log.filter_opaque = &m.dfilter;
    }
    for (const std::string &s : o.traces) {
        Spec sp;
        if (!split_spec(s, &sp, err) || !m.open_output(sp, err))
            return nullptr;
    }
    if (!o.plugins.empty()) {
        trace_plugin_host_init(&m.plugins, log ? log : stderr, "arm", 1);
        m.have_plugins = true;
        for (const std::string &p : o.plugins) {
            char why[256];
            if (!trace_plugin_host_load(&m.plugins, p.c_str(), why, sizeof why)) {
                *err = std::string("-plugin ") + p + ": " + why;
                return nullptr;
            }
        }
    }
    /* the CPU is instrumented only for what is wanted: a bus log alone
     * leaves every TB untouched */
    const uint32_t cpu_want = TRACE_WANT_INSN | TRACE_WANT_REG | TRACE_WANT_MEM | TRACE_WANT_EXC;
    const bool cpu_events = (m.hub.want & cpu_want) != 0;
    if (cpu_events || (m.have_plugins && m.plugins.n_plugins > 0)) {
        if (!arm_trace_attach(cpu, cpu_events ? &m.hub : nullptr, m.have_plugins ? &m.plugins : nullptr,
                              Impl::cpu_time_ps, init)) {
            *err = "tracing: cannot instrument the CPU (out of memory)";
            return nullptr;
        }
        m.cpu_attached = true;
    }
    if (m.hub.want & TRACE_WANT_BUS) {
        bus->set_trace(&m.hub, {"cpu0"});
        m.bus_attached = true;
    }
    return ts;
}

bool TraceSetup::finish(std::string *err)
{
    Impl &m = *impl_;
    if (m.finished)
        return true;
    m.finished = true;
    if (m.cpu_attached)
        arm_trace_flush(m.cpu);
    if (m.have_plugins)
        trace_plugin_host_exit(&m.plugins);
    bool ok = trace_hub_finish(&m.hub);
    for (auto &o : m.outs) {
        if (o->spec.kind == "vcd" && !trace_vcd_close(&o->vcd, to_ps(sc_core::sc_time_stamp())))
            ok = false;
        if (o->spec.kind == "bus" && std::fflush(o->f) != 0)
            ok = false;
        o->bin_open = false;
        if (o->own) {
            if (std::fclose(o->f) != 0)
                ok = false;
            o->f = nullptr;
        } else if (o->f) {
            std::fflush(o->f);
        }
    }
    if (!ok && err)
        *err = "--trace: writing a trace file failed";
    return ok;
}

} // namespace cosim

/* ---- Platform's tracing steps ------------------------------------------------ */

namespace cosim {

namespace {
bool fail_trace(std::string *err, const char *why)
{
    if (err)
        *err = why;
    return false;
}
} // namespace

bool Platform::start_tracing(std::string *err)
{
    if (!TraceSetup::wanted(opts_))
        return true;
    if (!arm_)
        return fail_trace(err, "--trace, -plugin and -dfilter need an ARM CPU");
    if (!arm_) {   /* the CPU side (arm_trace_attach) is ARM-only so far */
        *err = "--trace, -plugin, -dfilter: tracing is not available on CPU " + guest_->model() + " yet";
        return false;
    }
    /* interrupt wires: every device output, named after the board node */
    std::vector<TraceWire> wires;
    const board &b = *board_;
    for (int i = 0; i < b.n_devices && i < static_cast<int>(devs_.size()); i++) {
        if (!devs_[i] || !devs_[i]->model())
            continue;
        const int n = devs_[i]->model()->n_irq_out;
        std::string base = b.devices[i].name;
        for (char &ch : base)
            if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_')
                ch = '_';
        for (int k = 0; k < n; k++)
            wires.push_back({n == 1 ? base : base + "_" + std::to_string(k), &devs_[i]->irq_out(k)});
    }
    trace_ = TraceSetup::create(opts_, arm_, cpu_init_.get(), router_.get(), wires,
                                log_.file ? log_.file : stderr, err);
    return trace_ != nullptr;
}

bool Platform::finish_tracing(std::string *err)
{
    return !trace_ || trace_->finish(err);
}

} // namespace cosim
