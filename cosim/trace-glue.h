/*
 * cosim::TraceSetup: the command line's tracing options wired to a
 * platform (docs/tracing.md):
 *
 *   --trace tarmac:FILE[,unit=clk|ns]   Tarmac text (traces/tarmac.h)
 *   --trace bin:FILE                    binary trace (traces/bintrace.h)
 *   --trace bus:FILE                    TLM transaction log (traces/bustrace.h)
 *   --trace vcd:FILE[,signals=A+B...]   interrupt lines as VCD (traces/vcd.h)
 *   -plugin FILE.so[,k=v...]            plugins (traces/plugin-api.h)
 *   -dfilter RANGES                     -d in_asm/exec/cpu only for these PCs
 *
 * One hub fans the CPU's events (targets/arm/trace-arm.h) and the bus's
 * (tlmb::Router::set_trace) out to the sinks; VCD probes are SystemC
 * methods on the interrupt wires.  Lifetime: created during elaboration
 * (Platform::build), finish() after sc_start returns, destroyed before the
 * CPU.  All state is in this object.
 */
#ifndef COSIM_TRACE_GLUE_H
#define COSIM_TRACE_GLUE_H

#include <memory>
#include <string>
#include <vector>

#include <systemc>

struct arm_cpu;

namespace tlmb {
class CpuInitiator;
class Router;
}

namespace cosim {

struct Options;

/* A wire the VCD output may show: its name and the signal. */
struct TraceWire {
    std::string name;
    sc_core::sc_signal_in_if<bool> *signal;
};

class TraceSetup {
public:
    /* Checks a --trace spec's syntax (kind and settings) without opening
     * anything; false and one line in *err. */
    [[nodiscard]] static bool check_spec(const std::string &spec, std::string *err);
    /* Nothing to do when the options ask for no tracing, plugin or filter. */
    static bool wanted(const Options &o);

    /* Opens the outputs, loads the plugins and attaches to the CPU and
     * the bus; NULL and one line in *err on failure. */
    static std::unique_ptr<TraceSetup> create(const Options &o, arm_cpu *cpu, tlmb::CpuInitiator *init,
                                              tlmb::Router *bus, const std::vector<TraceWire> &wires,
                                              FILE *log, std::string *err);
    ~TraceSetup();

    /* End of the run: pending events, plugin atexit callbacks, trailers,
     * files closed.  false (and *err) on an I/O error.  Idempotent. */
    [[nodiscard]] bool finish(std::string *err);

    struct Impl;

private:
    TraceSetup();
    std::unique_ptr<Impl> impl_;
};

} // namespace cosim

#endif
