/*
 * tlmb::Memory: a RAM or ROM as a TLM-2.0 target.
 *
 * The backing store is one calloc'd block (the host zero-fills lazily, so
 * a 1 GiB RAM costs nothing until touched).  Every access path is offered:
 *   - b_transport: reads and writes (byte enables honoured), latency added
 *     to the annotated delay, DMI hinted as allowed;
 *   - get_direct_mem_ptr: the whole block; RAM grants read+write, ROM
 *     grants read only, with the configured latencies;
 *   - transport_dbg: untimed copy (loaders, debuggers), which may also
 *     write a ROM: that is how a ROM gets its contents.
 *
 * ROM writes from the bus are IGNORED (TLM_OK_RESPONSE, memory unchanged)
 * and reported through the guest-error hook, as a real ROM/flash in read
 * mode ignores them; they never fault.
 *
 * Addresses are target-local: 0 is the first byte (the router translates).
 */
#ifndef TLMB_MEMORY_H
#define TLMB_MEMORY_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace tlmb {

class Memory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<Memory> socket;

    /* size: bytes (> 0); read_only: a ROM. */
    Memory(sc_core::sc_module_name name, uint64_t size, bool read_only,
           sc_core::sc_time read_latency = sc_core::SC_ZERO_TIME,
           sc_core::sc_time write_latency = sc_core::SC_ZERO_TIME);

    uint8_t *data() { return mem_.get(); }
    uint64_t size() const { return size_; }
    bool read_only() const { return read_only_; }

    /* Called with a one-line message when the guest does something a real
     * memory would not like (writes to ROM). */
    void set_guest_error_hook(std::function<void(const std::string &)> fn) { guest_error_ = std::move(fn); }

    /* Statistics, for tests and profiling. */
    uint64_t transport_count() const { return n_transport_; }
    uint64_t ignored_writes() const { return n_ignored_writes_; }

private:
    struct FreeDeleter { void operator()(uint8_t *p) const; };

    void b_transport(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload &trans, tlm::tlm_dmi &dmi);
    unsigned transport_dbg(tlm::tlm_generic_payload &trans);

    std::unique_ptr<uint8_t, FreeDeleter> mem_;
    uint64_t size_;
    bool read_only_;
    sc_core::sc_time read_latency_, write_latency_;
    std::function<void(const std::string &)> guest_error_;
    uint64_t n_transport_ = 0, n_ignored_writes_ = 0;
};

} // namespace tlmb

#endif
