/*
 * SerialICE in the cosim platform (docs/serialice.md, docs/cli.md):
 *
 *   host side   -serialice dev=...|tcp=...[,...] -serialice-forward RULE...
 *               SerialIceHost parses the options, connects, shakes hands
 *               and puts a tlmb::SerialIceBridge between the CPU and the
 *               bus.  Rules: the rules= file first, then every
 *               -serialice-forward in order (the last matching rule wins).
 *   target side --serialice-target pty[,fault=F][,baud=N][,mainboard=S]
 *               SerialIceTarget makes the platform "the real board": it
 *               serves the SerialICE shell on a new pty from the bus.
 *
 * Target mode, decided: the CPU is held (it never executes; like a board
 * sitting in the SerialICE shell, whose own code is the shell) and only
 * the devices live.  The server runs as an SC_THREAD that calls the
 * target simulator directly, so every bus access is a b_transport from
 * SystemC's own thread (no host thread ever touches SystemC); it blocks
 * the kernel only while it waits for a byte, at most one poll slice.
 * Simulated time passes at the line's pace: each byte received costs 10
 * bit times at baud= (default 115200), and each idle poll slice (~20 ms
 * of wall time with nothing on the line) lets 20 ms of simulated time
 * pass, so the board's timers run roughly in real time while it waits.
 * The run ends when the host closes the line (exit 0), the disconnect
 * fault fires (exit 0) or the line fails (exit 1).
 *
 * Both classes are created by cosim::Platform during elaboration.
 */
#ifndef COSIM_SERIALICE_GLUE_H
#define COSIM_SERIALICE_GLUE_H

#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "cosim/platform.h"
#include "serialice/client.h"
#include "serialice/config.h"
#include "serialice/log.h"
#include "serialice/rules.h"
#include "serialice/target-sim.h"
#include "serialice/transport.h"
#include "tlm-bridge/serialice-bridge.h"

namespace cosim {

class SerialIceHost {
public:
    /* Parse, connect, handshake, bind cpu -> bridge -> bus.  NULL and a
     * one-line reason in *err on bad options or no board.  on_stop runs
     * (once) with the reason when the session stops mid-run. */
    static std::unique_ptr<SerialIceHost> create(const Options &o, tlmb::CpuInitiator &cpu,
                                                 tlmb::Router &bus,
                                                 std::function<void(const std::string &)> on_stop,
                                                 std::string *err);
    ~SerialIceHost();
    SerialIceHost(const SerialIceHost &) = delete;
    SerialIceHost &operator=(const SerialIceHost &) = delete;

    /* Flush the log: call at every end of a run.  False and *err if the
     * log could not be written. */
    [[nodiscard]] bool finish(std::string *err);
    tlmb::SerialIceBridge &bridge() { return *bridge_; }
    const sice_client &client() const { return client_; }

private:
    SerialIceHost() = default;
    static void client_message(void *opaque, const char *line);

    FILE *messages_ = stderr;
    std::string last_message_;   /* the client's last line, printed already */
    sice_config cfg_{};
    sice_transport t_{};
    bool t_open_ = false;
    sice_client client_{};
    sice_rules rules_{};
    sice_log log_{};
    bool log_open_ = false;
    std::unique_ptr<tlmb::SerialIceBridge> bridge_;
};

class SerialIceTarget : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(SerialIceTarget);

    tlm_utils::simple_initiator_socket<SerialIceTarget> socket;   /* to the bus */

    /* Parse the spec, open the pty, hold the CPU, bind to the bus and
     * announce the pty on `messages`.  NULL and *err on a bad spec.
     * stop(status, note) ends the run. */
    static std::unique_ptr<SerialIceTarget> create(const Options &o, tcg_cpu *cpu, tlmb::CpuInitiator &cpu_init,
                                                   tlmb::Router &bus,
                                                   std::function<void(int, const std::string &)> stop,
                                                   std::string *err);
    ~SerialIceTarget() override;

    const char *pty_path() const { return t_.path; }
    const sice_target_stats &stats() const { return tg_.stats; }

private:
    explicit SerialIceTarget(sc_core::sc_module_name name);
    void serve();
    bool access(uint64_t addr, unsigned size, bool is_write, uint64_t *val);
    static bool mem_read(void *opaque, uint64_t addr, unsigned size, uint64_t *val);
    static bool mem_write(void *opaque, uint64_t addr, unsigned size, uint64_t val);
    static void pass_time(void *opaque, bool idle);

    sice_target_config cfg_{};
    std::string mainboard_;
    sice_target tg_{};
    sice_transport t_{};
    sc_core::sc_time byte_time_, idle_time_;
    std::function<void(int, const std::string &)> stop_;
    const volatile std::sig_atomic_t *stop_flag_ = nullptr;
    tlm::tlm_generic_payload trans_;
    uint8_t data_[8];
};

} // namespace cosim

#endif
