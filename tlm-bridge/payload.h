/*
 * One way to set up a generic payload for a plain single-beat access, so
 * every initiator in the bridge (the CPU, the SerialICE module) issues
 * transactions the targets see alike: no byte enables, streaming width =
 * length, no DMI hint, response INCOMPLETE until a target answers.
 */
#ifndef TLM_BRIDGE_PAYLOAD_H
#define TLM_BRIDGE_PAYLOAD_H

#include <cstring>

#include <tlm>

namespace tlmb {

inline void prepare_access(tlm::tlm_generic_payload &t, bool is_write, uint64_t addr,
                           unsigned char *data, unsigned size, const void *wdata)
{
    t.set_command(is_write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    t.set_address(addr);
    t.set_data_ptr(data);
    t.set_data_length(size);
    t.set_streaming_width(size);
    t.set_byte_enable_ptr(nullptr);
    t.set_byte_enable_length(0);
    t.set_dmi_allowed(false);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    if (is_write)
        std::memcpy(data, wdata, size);
}

} // namespace tlmb

#endif
