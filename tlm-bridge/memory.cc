/*
 * tlmb::Memory: RAM/ROM target (see memory.h for the contract).
 * Follows the TLM-2.0 base protocol rules for b_transport (IEEE 1666-2011
 * section 14): length, streaming width and byte enables are honoured, the
 * response status is always set.
 */
#include "tlm-bridge/memory.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tlmb {

void Memory::FreeDeleter::operator()(uint8_t *p) const { std::free(p); }

Memory::Memory(sc_core::sc_module_name name, uint64_t size, bool read_only,
               sc_core::sc_time read_latency, sc_core::sc_time write_latency)
    : sc_module(name), socket("socket"),
      mem_(static_cast<uint8_t *>(std::calloc(size ? size : 1, 1))), size_(size),
      read_only_(read_only), read_latency_(read_latency), write_latency_(write_latency)
{
    /* mem_ may be NULL if the host is out of memory: the builder checks
     * data() and reports it (a constructor cannot return a status). */
    socket.register_b_transport(this, &Memory::b_transport);
    socket.register_get_direct_mem_ptr(this, &Memory::get_direct_mem_ptr);
    socket.register_transport_dbg(this, &Memory::transport_dbg);
}

void Memory::b_transport(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay)
{
    n_transport_++;
    const uint64_t addr = trans.get_address();
    const unsigned len = trans.get_data_length();
    const unsigned width = trans.get_streaming_width();
    uint8_t *ptr = trans.get_data_ptr();
    const uint8_t *be = trans.get_byte_enable_ptr();
    const unsigned be_len = trans.get_byte_enable_length();
    const tlm::tlm_command cmd = trans.get_command();

    if (cmd == tlm::TLM_IGNORE_COMMAND) {
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    if (!mem_ || addr >= size_ || len > size_ - addr) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (width < len) {
        /* streaming (same address repeated) is not a memory access pattern
         * any CPU here produces */
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    uint8_t *m = mem_.get() + addr;
    if (cmd == tlm::TLM_READ_COMMAND) {
        if (be) {
            for (unsigned i = 0; i < len; i++)
                if (be[i % be_len] == TLM_BYTE_ENABLED)
                    ptr[i] = m[i];
        } else {
            std::memcpy(ptr, m, len);
        }
        delay += read_latency_;
    } else {
        if (read_only_) {
            n_ignored_writes_++;
            if (guest_error_) {
                char msg[128];
                std::snprintf(msg, sizeof msg, "%s: write of %u bytes to ROM at offset 0x%llx ignored",
                              name(), len, (unsigned long long)addr);
                guest_error_(msg);
            }
        } else if (be) {
            for (unsigned i = 0; i < len; i++)
                if (be[i % be_len] == TLM_BYTE_ENABLED)
                    m[i] = ptr[i];
        } else {
            std::memcpy(m, ptr, len);
        }
        delay += write_latency_;
    }
    trans.set_dmi_allowed(true);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool Memory::get_direct_mem_ptr(tlm::tlm_generic_payload &trans, tlm::tlm_dmi &dmi)
{
    if (!mem_ || trans.get_address() >= size_)
        return false;
    dmi.set_dmi_ptr(mem_.get());
    dmi.set_start_address(0);
    dmi.set_end_address(size_ - 1);
    dmi.set_read_latency(read_latency_);
    dmi.set_write_latency(write_latency_);
    if (read_only_) {
        dmi.allow_read();
        /* a write grant was asked for: refuse it, but describe what is
         * allowed so the initiator can still cache the read grant */
        return trans.get_command() != tlm::TLM_WRITE_COMMAND;
    }
    dmi.allow_read_write();
    return true;
}

unsigned Memory::transport_dbg(tlm::tlm_generic_payload &trans)
{
    const uint64_t addr = trans.get_address();
    uint64_t len = trans.get_data_length();
    if (!mem_ || addr >= size_)
        return 0;
    if (len > size_ - addr)
        len = size_ - addr;
    if (trans.get_command() == tlm::TLM_READ_COMMAND)
        std::memcpy(trans.get_data_ptr(), mem_.get() + addr, len);
    else if (trans.get_command() == tlm::TLM_WRITE_COMMAND)
        std::memcpy(mem_.get() + addr, trans.get_data_ptr(), len);
    else
        return 0;
    return static_cast<unsigned>(len);
}

} // namespace tlmb
