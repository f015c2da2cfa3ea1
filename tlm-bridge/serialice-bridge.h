/*
 * tlmb::SerialIceBridge: the SerialICE bridge as a TLM-2.0 module that
 * sits between the CPU and the bus (docs/serialice.md).
 *
 *   cpu.socket.bind(sice.target_socket);
 *   sice.initiator_socket.bind(router.target_socket);
 *
 * An access that matches no forwarding rule passes straight through to
 * the bus, untouched and unlogged.  One that matches a rule goes to the C
 * core (serialice/bridge.h): to the real board over the serial line, to
 * the simulated device behind the bus (the original device, reached
 * through initiator_socket), or both, rewritten if the rule says so,
 * logged with the guest PC (tlmb::CpuExtension, guest-pc.h).  Addresses
 * are the global guest physical addresses the CPU puts on the bus.
 *
 * Timing: an access that reaches the board costs `latency` of simulated
 * time on top of whatever the simulated device (to=both) charges; the
 * wall-clock time the serial line takes is not simulated time.
 *
 * DMI: refused for any address a rule covers (whatever its route: every
 * such access must be seen and logged), and a grant from the bus is
 * clipped so that it never spans a rule's range.  Invalidations from the
 * bus are passed on to the CPU.  Debug accesses (loader, debugger) go to
 * the simulation only: a debugger reading memory never touches the board.
 *
 * Failure: once the core stops (the client gave up after its retry, the
 * board reset or went away), the access gets TLM_GENERIC_ERROR_RESPONSE
 * and the stop handler runs once with the core's message; the core has
 * already written the reason into the log and flushed it.
 */
#ifndef TLMB_SERIALICE_BRIDGE_H
#define TLMB_SERIALICE_BRIDGE_H

#include <cstdint>
#include <functional>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "serialice/bridge.h"

namespace tlmb {

class SerialIceBridge : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<SerialIceBridge> target_socket;        /* the CPU binds here */
    tlm_utils::simple_initiator_socket<SerialIceBridge> initiator_socket;  /* to the bus         */

    /* client: a session after its handshake (NULL: no board, every
     * hardware route stops the run); rules and log outlive the module. */
    SerialIceBridge(sc_core::sc_module_name name, sice_client *client, const sice_rules *rules,
                    sice_log *log);

    void set_latency(const sc_core::sc_time &t) { latency_ = t; }
    /* Called once, with the reason, when the session stops. */
    void set_stop_handler(std::function<void(const std::string &)> fn) { on_stop_ = std::move(fn); }

    sice_bridge &core() { return core_; }
    bool stopped() const { return core_.stopped; }
    /* accesses the bridge handled (matched a rule), and DMI refusals */
    uint64_t stat_handled() const { return n_handled_; }
    uint64_t stat_dmi_refused() const { return n_dmi_refused_; }

private:
    void b_transport(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload &trans, tlm::tlm_dmi &dmi);
    unsigned transport_dbg(tlm::tlm_generic_payload &trans);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
    static bool sim_access(void *opaque, sice_space space, uint64_t addr, unsigned size, bool is_write,
                           uint64_t *val);

    sice_bridge core_;
    const sice_rules *rules_;
    sc_core::sc_time latency_ = sc_core::SC_ZERO_TIME;
    std::function<void(const std::string &)> on_stop_;
    bool stop_reported_ = false;

    /* the access in progress (sim_access runs inside b_transport) */
    sc_core::sc_time *cur_delay_ = nullptr;
    tlm::tlm_response_status sim_status_ = tlm::TLM_OK_RESPONSE;
    tlm::tlm_generic_payload sim_trans_;
    uint8_t sim_data_[8];

    uint64_t n_handled_ = 0, n_dmi_refused_ = 0;
};

} // namespace tlmb

#endif
