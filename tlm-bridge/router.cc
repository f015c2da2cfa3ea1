/*
 * tlmb::Router: address decoding and translation (see router.h), and
 * the optional bus trace of every b_transport (end of file).
 */
#include "tlm-bridge/router.h"

#include <algorithm>
#include <cstdio>

#include "traces/trace-events.h"

namespace tlmb {

Router::Router(sc_core::sc_module_name name)
    : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket")
{
    target_socket.register_b_transport(this, &Router::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &Router::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &Router::transport_dbg);
    initiator_socket.register_invalidate_direct_mem_ptr(this, &Router::invalidate_direct_mem_ptr);
}

const Router::Mapping *Router::overlap(uint64_t base, uint64_t size) const
{
    for (const Mapping &m : maps_)
        if (base < m.base + m.size && m.base < base + size)
            return &m;
    return nullptr;
}

bool Router::map(target_socket_type &target, uint64_t base, uint64_t size, const std::string &name,
                 std::string *err)
{
    char buf[256];
    if (size == 0 || base + size < base) {
        std::snprintf(buf, sizeof buf, "%s: bad window 0x%llx+0x%llx", name.c_str(),
                      (unsigned long long)base, (unsigned long long)size);
        if (err)
            *err = buf;
        return false;
    }
    if (const Mapping *o = overlap(base, size)) {
        std::snprintf(buf, sizeof buf, "%s at 0x%llx+0x%llx overlaps %s at 0x%llx+0x%llx", name.c_str(),
                      (unsigned long long)base, (unsigned long long)size, o->name.c_str(),
                      (unsigned long long)o->base, (unsigned long long)o->size);
        if (err)
            *err = buf;
        return false;
    }
    /* port numbers of a multi-socket follow the order of bind() calls */
    const unsigned port = static_cast<unsigned>(maps_.size());
    initiator_socket.bind(target);
    Mapping m{base, size, port, name};
    maps_.insert(std::upper_bound(maps_.begin(), maps_.end(), m,
                                  [](const Mapping &a, const Mapping &b) { return a.base < b.base; }),
                 m);
    port_to_map_.assign(maps_.size(), 0);
    for (size_t i = 0; i < maps_.size(); i++)
        port_to_map_[maps_[i].port] = static_cast<unsigned>(i);
    for (unsigned &c : decode_cache_)
        c = 0;
    return true;
}

const Router::Mapping *Router::find(uint64_t addr) const
{
    if (maps_.empty())
        return nullptr;
    unsigned &slot = decode_cache_[(addr >> 12) & ((1u << kDecodeCacheBits) - 1)];
    const Mapping &c = maps_[slot];
    if (addr - c.base < c.size)
        return &c;
    /* last window whose base is <= addr */
    auto it = std::upper_bound(maps_.begin(), maps_.end(), addr,
                               [](uint64_t a, const Mapping &m) { return a < m.base; });
    if (it == maps_.begin())
        return nullptr;
    --it;
    if (addr - it->base >= it->size)
        return nullptr;
    slot = static_cast<unsigned>(it - maps_.begin());
    return &*it;
}

void Router::b_transport(int id, tlm::tlm_generic_payload &trans, sc_core::sc_time &delay)
{
    const uint64_t addr = trans.get_address();
    const Mapping *m = find(addr);
    const uint64_t len = trans.get_data_length();
    const sc_core::sc_time before = delay;
    if (!m || len > m->size - (addr - m->base)) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        if (trace_)
            trace_transport(id, nullptr, trans, addr, before, delay);
        return;
    }
    trans.set_address(addr - m->base);
    initiator_socket[m->port]->b_transport(trans, delay);
    trans.set_address(addr);
    if (trace_)
        trace_transport(id, m, trans, addr, before, delay);
}

bool Router::get_direct_mem_ptr(int, tlm::tlm_generic_payload &trans, tlm::tlm_dmi &dmi)
{
    const uint64_t addr = trans.get_address();
    const Mapping *m = find(addr);
    if (!m)
        return false;
    trans.set_address(addr - m->base);
    const bool ok = initiator_socket[m->port]->get_direct_mem_ptr(trans, dmi);
    trans.set_address(addr);
    /* Translate whatever the target described (a grant, or the extent of
     * a refusal) back to global addresses, clipped to the window so a
     * target larger than its window never leaks past it. */
    uint64_t start = dmi.get_start_address(), end = dmi.get_end_address();
    if (end > m->size - 1)
        end = m->size - 1;
    if (start > end) {
        dmi.set_start_address(addr);
        dmi.set_end_address(addr);
        return false;
    }
    dmi.set_start_address(m->base + start);
    dmi.set_end_address(m->base + end);
    return ok;
}

unsigned Router::transport_dbg(int, tlm::tlm_generic_payload &trans)
{
    const uint64_t addr = trans.get_address();
    const Mapping *m = find(addr);
    if (!m)
        return 0;
    const unsigned len = trans.get_data_length();
    const uint64_t room = m->size - (addr - m->base);
    const unsigned clipped = room < len ? static_cast<unsigned>(room) : len;
    trans.set_address(addr - m->base);
    trans.set_data_length(clipped);
    const unsigned n = initiator_socket[m->port]->transport_dbg(trans);
    trans.set_address(addr);
    trans.set_data_length(len);
    return n;
}

void Router::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end)
{
    if (static_cast<size_t>(port) >= port_to_map_.size())
        return;
    const Mapping &m = maps_[port_to_map_[port]];
    if (start > m.size - 1)
        return;
    if (end > m.size - 1)
        end = m.size - 1;
    for (unsigned i = 0; i < target_socket.size(); i++)
        target_socket[i]->invalidate_direct_mem_ptr(m.base + start, m.base + end);
}

/* ---- bus tracing -------------------------------------------------------------
 * One trace_bus event (traces/trace-events.h) per b_transport, built from
 * the payload after the target returned.  Time: sc_time_stamp() plus the
 * delay the initiator annotated (its local time); latency: the delay the
 * target added.  Only the header of the trace library is used (the hub's
 * dispatch is inline), so the bridge does not link it. */

namespace {

uint64_t trace_ps_of(const sc_core::sc_time &t)
{
    return static_cast<uint64_t>(t / sc_core::sc_time(1, sc_core::SC_PS) + 0.5);
}

} // namespace

void Router::set_trace(::trace_hub *hub, std::vector<std::string> initiators)
{
    trace_ = hub;
    trace_initiators_ = std::move(initiators);
}

void Router::trace_transport(int id, const Mapping *m, const tlm::tlm_generic_payload &trans, uint64_t addr,
                             const sc_core::sc_time &before, const sc_core::sc_time &after)
{
    char init_name[16];
    const char *initiator = init_name;
    if (id >= 0 && static_cast<size_t>(id) < trace_initiators_.size())
        initiator = trace_initiators_[static_cast<size_t>(id)].c_str();
    else
        std::snprintf(init_name, sizeof init_name, "init%d", id);
    const unsigned len = trans.get_data_length();
    const unsigned char *p = trans.get_data_ptr();
    uint64_t data = 0;
    for (unsigned i = 0; p && i < len && i < 8; i++)
        data |= static_cast<uint64_t>(p[i]) << (8 * i);
    trace_bus e = {};
    e.time_ps = trace_ps_of(sc_core::sc_time_stamp() + before);
    e.initiator = initiator;
    e.target = m ? m->name.c_str() : "unmapped";
    e.addr = addr;
    e.size = len;
    e.is_write = trans.is_write();
    e.data = data;
    e.latency_ps = after > before ? trace_ps_of(after - before) : 0;
    switch (trans.get_response_status()) {
    case tlm::TLM_OK_RESPONSE: e.status = TRACE_BUS_OK; break;
    case tlm::TLM_ADDRESS_ERROR_RESPONSE: e.status = TRACE_BUS_DECODE_ERROR; break;
    default: e.status = TRACE_BUS_ERROR; break;
    }
    trace_hub_bus(trace_, &e);
}

} // namespace tlmb
