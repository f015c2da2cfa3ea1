/*
 * tlmb::SerialIceBridge: TLM-2.0 payloads in, serialice/bridge.c core
 * calls out (see serialice-bridge.h for routing, DMI and failure rules).
 * Loosely-timed base protocol only (IEEE 1666-2011 sections 11, 14).
 */
#include "tlm-bridge/serialice-bridge.h"

#include <cstring>

#include "tlm-bridge/guest-pc.h"
#include "tlm-bridge/payload.h"

namespace tlmb {

SerialIceBridge::SerialIceBridge(sc_core::sc_module_name name, sice_client *client, const sice_rules *rules,
                                 sice_log *log)
    : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket"), rules_(rules)
{
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "bus values are copied as host integers");
    sice_bridge_init(&core_, client, rules, log, sim_access, this);
    target_socket.register_b_transport(this, &SerialIceBridge::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &SerialIceBridge::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &SerialIceBridge::transport_dbg);
    initiator_socket.register_invalidate_direct_mem_ptr(this, &SerialIceBridge::invalidate_direct_mem_ptr);
}

void SerialIceBridge::b_transport(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay)
{
    const uint64_t addr = trans.get_address();
    const sice_rule *rule = rules_ ? sice_rules_match(rules_, SICE_SPACE_MEM, addr) : nullptr;
    if (!rule) {
        initiator_socket->b_transport(trans, delay);
        return;
    }
    const unsigned len = trans.get_data_length();
    if (trans.get_byte_enable_ptr() || trans.get_streaming_width() < len) {
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (len != 1 && len != 2 && len != 4 && len != 8) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (trans.is_read() == trans.is_write()) {   /* TLM_IGNORE_COMMAND */
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    const bool is_write = trans.is_write();
    uint64_t val = 0;
    if (is_write)
        std::memcpy(&val, trans.get_data_ptr(), len);
    uint32_t pc = 0;
    (void)guest_pc(trans, &pc);   /* 0 for an initiator that is not a CPU */

    n_handled_++;
    cur_delay_ = &delay;
    sim_status_ = tlm::TLM_OK_RESPONSE;
    const sice_status st = sice_bridge_access(&core_, SICE_SPACE_MEM, addr, len, is_write, &val, pc);
    cur_delay_ = nullptr;
    if (rule->route & SICE_ROUTE_HW)
        delay += latency_;

    switch (st) {
    case SICE_OK:
        if (!is_write)
            std::memcpy(trans.get_data_ptr(), &val, len);
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        break;
    case SICE_ERR_IO:
        /* the simulated device refused: the guest sees its error */
        trans.set_response_status(sim_status_ != tlm::TLM_OK_RESPONSE ? sim_status_
                                                                      : tlm::TLM_GENERIC_ERROR_RESPONSE);
        break;
    default:
        trans.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        if (!stop_reported_) {
            stop_reported_ = true;
            if (on_stop_)
                on_stop_(core_.stop_msg[0] ? core_.stop_msg : "serialice: the session stopped");
            else
                sc_core::sc_stop();
        }
        break;
    }
}

bool SerialIceBridge::sim_access(void *opaque, sice_space space, uint64_t addr, unsigned size, bool is_write,
                                 uint64_t *val)
{
    SerialIceBridge *self = static_cast<SerialIceBridge *>(opaque);
    if (space != SICE_SPACE_MEM || size > sizeof self->sim_data_ || !self->cur_delay_) {
        self->sim_status_ = tlm::TLM_ADDRESS_ERROR_RESPONSE;
        return false;
    }
    tlm::tlm_generic_payload &t = self->sim_trans_;
    prepare_access(t, is_write, addr, self->sim_data_, size, val);
    self->initiator_socket->b_transport(t, *self->cur_delay_);
    self->sim_status_ = t.get_response_status();
    if (!t.is_response_ok())
        return false;
    if (!is_write) {
        *val = 0;
        std::memcpy(val, self->sim_data_, size);
    }
    return true;
}

bool SerialIceBridge::get_direct_mem_ptr(tlm::tlm_generic_payload &trans, tlm::tlm_dmi &dmi)
{
    const uint64_t addr = trans.get_address();
    if (rules_ && sice_rules_match(rules_, SICE_SPACE_MEM, addr)) {
        n_dmi_refused_++;
        dmi.set_start_address(addr);
        dmi.set_end_address(addr);
        return false;
    }
    const bool ok = initiator_socket->get_direct_mem_ptr(trans, dmi);
    if (!ok || !rules_)
        return ok;
    /* Clip the grant so it spans no rule's range: the part on addr's side
     * of every covered range is kept. */
    uint64_t start = dmi.get_start_address(), end = dmi.get_end_address();
    for (size_t i = 0; i < rules_->n; i++) {
        const sice_rule &r = rules_->v[i];
        if (r.space != SICE_SPACE_MEM || r.last < start || r.first > end)
            continue;
        if (r.last < addr)
            start = r.last + 1;
        else if (r.first > addr)
            end = r.first - 1;
    }
    if (start > addr || end < addr)
        return false;   /* cannot happen: addr itself is not covered */
    if (dmi.get_dmi_ptr() && start != dmi.get_start_address())
        dmi.set_dmi_ptr(dmi.get_dmi_ptr() + (start - dmi.get_start_address()));
    dmi.set_start_address(start);
    dmi.set_end_address(end);
    return true;
}

unsigned SerialIceBridge::transport_dbg(tlm::tlm_generic_payload &trans)
{
    return initiator_socket->transport_dbg(trans);
}

void SerialIceBridge::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end)
{
    target_socket->invalidate_direct_mem_ptr(start, end);
}

} // namespace tlmb
