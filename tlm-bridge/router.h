/*
 * tlmb::Router: the address decoder between initiators (CPUs, DMA) and
 * targets (memories, devices, users' SystemC models).
 *
 *   Router bus("bus");
 *   cpu.socket.bind(bus.target_socket);              // any number of initiators
 *   if (!bus.map(ram.socket, 0x00000000, 128 << 20, &err)) ...
 *   if (!bus.map(uart.socket, 0x101f1000, 0x1000, &err)) ...
 *
 * Invariants:
 *   - mapped windows [base, base + size) never overlap (map() refuses);
 *   - targets see target-local addresses (global - base), on every path:
 *     b_transport, get_direct_mem_ptr, transport_dbg;
 *   - DMI ranges come back in global addresses, clipped to the window;
 *     invalidate_direct_mem_ptr from a target is translated the same way
 *     and forwarded to every initiator;
 *   - an access that hits no window, or runs past the end of its window,
 *     gets TLM_ADDRESS_ERROR_RESPONSE (the CPU turns it into an abort);
 *   - transport_dbg is clipped at the window's end, so a caller walks a
 *     range window by window (a hole returns 0 bytes).
 * Loosely-timed only: nb_transport is not forwarded.
 * The address attribute is restored after each forwarded call so the
 * initiator may reuse its payload.
 */
#ifndef TLMB_ROUTER_H
#define TLMB_ROUTER_H

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

struct trace_hub;   /* traces/trace-events.h (bus tracing) */

namespace tlmb {

class Router : public sc_core::sc_module {
public:
    tlm_utils::multi_passthrough_target_socket<Router> target_socket;      /* initiators bind here */
    tlm_utils::multi_passthrough_initiator_socket<Router> initiator_socket; /* to the targets      */

    /* what map() accepts: any TLM-2.0 base-protocol target socket */
    typedef tlm_utils::multi_passthrough_initiator_socket<Router>::base_target_socket_type
        target_socket_type;

    struct Mapping {
        uint64_t base, size;
        unsigned port;          /* index in initiator_socket */
        std::string name;
    };

    explicit Router(sc_core::sc_module_name name);

    /* Bind `target` to a new window; false (and err) on an empty window,
     * one that wraps past 2^64, or one that overlaps an existing window.
     * Only during elaboration. */
    [[nodiscard]] bool map(target_socket_type &target, uint64_t base, uint64_t size,
                           const std::string &name, std::string *err);

    /* The window holding addr, or NULL. */
    const Mapping *find(uint64_t addr) const;
    /* Would [base, base + size) overlap a window?  Returns it, or NULL. */
    const Mapping *overlap(uint64_t base, uint64_t size) const;
    const std::vector<Mapping> &mappings() const { return maps_; }

    /* Bus tracing (router.cc): every b_transport is reported to hub
     * (traces/trace-events.h) with its SystemC start time, the window's
     * name and the delay the target added; initiators[id] names the
     * initiator bound as socket id.  hub NULL: off. */
    void set_trace(::trace_hub *hub, std::vector<std::string> initiators);

private:
    void trace_transport(int id, const Mapping *m, const tlm::tlm_generic_payload &trans, uint64_t addr,
                         const sc_core::sc_time &before, const sc_core::sc_time &after);
    ::trace_hub *trace_ = nullptr;
    std::vector<std::string> trace_initiators_;

    void b_transport(int id, tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload &trans, tlm::tlm_dmi &dmi);
    unsigned transport_dbg(int id, tlm::tlm_generic_payload &trans);
    void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);

    std::vector<Mapping> maps_;          /* sorted by base */
    std::vector<unsigned> port_to_map_;  /* initiator port -> index in maps_ (rebuilt on map()) */
    /* Decode cache: the window last found for each of a few 4 KiB pages
     * (direct mapped by page number).  Device drivers alternate between
     * a handful of devices; one "last hit" entry missed on every switch. */
    static constexpr unsigned kDecodeCacheBits = 6;
    mutable unsigned decode_cache_[1u << kDecodeCacheBits] = {};
};

} // namespace tlmb

#endif
