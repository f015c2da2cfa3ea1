/*
 * tlmb::CpuInitiator: the CPU loop as an SC_THREAD, the bus port as TLM-2.0
 * calls (see cpu-initiator.h for the timing model).
 *
 * Follows IEEE 1666-2011: loosely-timed coding style with temporal
 * decoupling (section 12), DMI with invalidation (section 11), the
 * generic payload rules of the base protocol (section 14).
 */
#include "tlm-bridge/cpu-initiator.h"

#include <cstring>

#include "tlm-bridge/guest-pc.h"
#include "tlm-bridge/payload.h"

namespace tlmb {

CpuInitiator::CpuInitiator(sc_core::sc_module_name name, tcg_cpu *cpu, sc_core::sc_time clock_period)
    : sc_module(name), socket("socket"), cpu_(cpu), period_(clock_period),
      irq_("irq"), fiq_("fiq"), tie_low_("tie_low", false)
{
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "bus values are copied as host integers");
    static const tcg_bus_ops ops = {bus_access, bus_get_dmi, bus_debug_access};
    sc_assert(period_ > sc_core::SC_ZERO_TIME);
    cpu_->bus.ops = &ops;
    cpu_->bus.opaque = this;
    /* who issued each access, for targets that log the guest PC (guest-pc.h);
     * owned by the payload */
    trans_.set_extension(new CpuExtension(cpu_));

    socket.register_invalidate_direct_mem_ptr(this, &CpuInitiator::invalidate_direct_mem_ptr);

    SC_THREAD(run);
    /* tcg_cpu_exec, the front end and the bus slow path all run on this
     * coroutine stack; 1 MiB leaves room for a deep translation. */
    set_stack_size(1 << 20);

    SC_METHOD(irq_changed);
    sensitive << irq_ << fiq_;
    dont_initialize();
}

void CpuInitiator::connect_irq(sc_core::sc_signal_in_if<bool> &wire)
{
    sc_assert(!irq_bound_);
    irq_.bind(wire);
    irq_bound_ = true;
}

void CpuInitiator::connect_fiq(sc_core::sc_signal_in_if<bool> &wire, uint32_t mask)
{
    sc_assert(!fiq_bound_);
    fiq_.bind(wire);
    fiq_bound_ = true;
    fiq_mask_ = mask;
}

void CpuInitiator::before_end_of_elaboration()
{
    if (!irq_bound_)
        connect_irq(tie_low_);
    if (!fiq_bound_)
        connect_fiq(tie_low_);
}

/* ---- time ---------------------------------------------------------------- */

uint64_t CpuInitiator::cycles_of(const sc_core::sc_time &t, bool round_up) const
{
    const uint64_t p = period_.value();
    return round_up ? (t.value() + p - 1) / p : t.value() / p;
}

sc_core::sc_time CpuInitiator::local_time(uint64_t cycles) const
{
    if (cycles <= sync_cycles_)
        return sc_core::SC_ZERO_TIME;
    return sc_core::sc_time::from_value((cycles - sync_cycles_) * period_.value());
}

sc_core::sc_time CpuInitiator::now() const
{
    const uint64_t c = cpu_->in_exec ? tcg_cpu_insn_cycles(cpu_) : cpu_->cycles;
    return sc_core::sc_time_stamp() + local_time(c);
}

void CpuInitiator::sync()
{
    const sc_core::sc_time local = local_time(cpu_->cycles);
    if (local > sc_core::SC_ZERO_TIME) {
        qk_.set(local);
        qk_.sync();                   /* wait(local time), then a new quantum */
        n_syncs_++;
    } else {
        qk_.reset();
    }
    sync_cycles_ = cpu_->cycles;
}

/* The first quantum boundary at or after local time `local`, as a local
 * time: syncs stay on the quantum grid, lookahead only skips boundaries. */
sc_core::sc_time CpuInitiator::grid_after(const sc_core::sc_time &local) const
{
    const uint64_t q = tlm::tlm_global_quantum::instance().get().value();
    const uint64_t stamp = sc_core::sc_time_stamp().value();
    if (q == 0)
        return local;
    const uint64_t at = stamp + local.value();
    return sc_core::sc_time::from_value((at + q - 1) / q * q - stamp);
}

sc_core::sc_time CpuInitiator::run_limit() const
{
    const sc_core::sc_time q_end = qk_.quantum_end();
    if (!lookahead_)
        return q_end;
    sc_core::sc_time next = sc_core::sc_time_to_pending_activity();
    if (next > max_lookahead_)
        next = max_lookahead_;
    return next > q_end ? grid_after(next) : q_end;
}

/* On the CPU thread inside tcg_cpu_exec, after a bus access at cycle
 * count cycles_now that scheduled activity `next` (from now) before the
 * slice's limit (a timer started, a signal will change): end the slice at
 * the first quantum boundary after that activity, or after the CPU's own
 * time if the activity is already in its past -- where a fixed quantum
 * would have synced. */
void CpuInitiator::limit_to_next_activity(uint64_t cycles_now, const sc_core::sc_time &next)
{
    const sc_core::sc_time local = local_time(cycles_now);
    sc_core::sc_time limit = grid_after(next > local ? next : local);
    const sc_core::sc_time q_end = qk_.quantum_end();
    if (limit < q_end)
        limit = q_end;
    limit_stamp_ = sc_core::sc_time_stamp() + limit;
    tcg_cpu_cut_budget(cpu_, sync_cycles_ + cycles_of(limit, true));
}

/* ---- the CPU thread ----------------------------------------------------- */

void CpuInitiator::run()
{
    qk_.reset();
    sync_cycles_ = cpu_->cycles;
    for (;;) {
        const bool debugger_quit = hook_ && !hook_->before_exec();
        const sc_core::sc_time local = local_time(cpu_->cycles), limit = run_limit();
        quantum_end_cycles_ = sync_cycles_ + cycles_of(qk_.quantum_end(), true);
        limit_stamp_ = sc_core::sc_time_stamp() + limit;
        uint64_t budget = limit > local ? cycles_of(limit - local, true) : 0;
        if (budget == 0)
            budget = 1;
        const tcg_exit_reason r = debugger_quit ? TCG_EXIT_STOP : tcg_cpu_exec(cpu_, budget);
        qk_.set(local_time(cpu_->cycles));
        if (!debugger_quit && hook_ && hook_->after_exec(r)) {
            if (local_time(cpu_->cycles) >= run_limit())
                sync();
            continue;
        }

        if (r == TCG_EXIT_STOP) {
            sync();
            stopped_ = true;
            if (on_stop_)
                on_stop_();
            else
                sc_core::sc_stop();
            return;
        }
        if (r == TCG_EXIT_HALTED) {
            /* Let the rest of the system catch up, then sleep until an
             * interrupt line is raised that ends the halt (ARM WFI wakes
             * on a pending interrupt even when it is masked, SH-4 SLEEP
             * only on one it accepts: tcg_cpu_has_work). */
            sync();
            while (!tcg_cpu_has_work(cpu_)) {
                /* A request the CPU does not accept is pending (SH-4
                 * SLEEP under SR.IMASK): a higher source may come up
                 * behind the same interrupt line without the line
                 * changing, so look again whenever anything happens. */
                const bool masked = cpu_->interrupt_request != 0;
                const sc_core::sc_time next =
                    masked ? sc_core::sc_time_to_pending_activity() : sc_core::sc_max_time();
                if (masked && next == sc_core::SC_ZERO_TIME) {
                    sc_core::wait(sc_core::SC_ZERO_TIME);
                    continue;
                }
                const bool timed = masked && next < sc_core::sc_max_time() - sc_core::sc_time_stamp();
                if (!hook_) {
                    if (timed)
                        sc_core::wait(next, wake_);
                    else
                        sc_core::wait(wake_);
                    continue;
                }
                sc_core::wait(timed && next < hook_->poll_period() ? next : hook_->poll_period(), wake_);
                if (hook_->leave_sleep())
                    break;        /* the debugger stopped the CPU */
            }
            qk_.reset();
            sync_cycles_ = cpu_->cycles;
            continue;
        }
        if (local_time(cpu_->cycles) >= run_limit())
            sync();
    }
}

void CpuInitiator::irq_changed()
{
    const bool irq = irq_.read(), fiq = fiq_.read();
    tcg_cpu_set_interrupt(cpu_, TCG_INTERRUPT_HARD, irq);
    tcg_cpu_set_interrupt(cpu_, fiq_mask_, fiq);
    if (irq || fiq)
        wake_.notify();
}

/* ---- bus port ------------------------------------------------------------ */

tcg_bus_status CpuInitiator::bus_access(void *opaque, uint64_t addr, unsigned size, bool is_write,
                                        uint64_t *val, uint64_t insn_cycles, uint64_t *stall_cycles)
{
    CpuInitiator *self = static_cast<CpuInitiator *>(opaque);
    tlm::tlm_generic_payload &t = self->trans_;
    if (size > sizeof self->data_)
        size = sizeof self->data_;
    prepare_access(t, is_write, addr, self->data_, size, val);

    const sc_core::sc_time stamp0 = sc_core::sc_time_stamp();
    sc_core::sc_time delay = self->local_time(insn_cycles);
    const sc_core::sc_time start = stamp0 + delay;
    self->n_transport_++;
    self->socket->b_transport(t, delay);
    const sc_core::sc_time stamp1 = sc_core::sc_time_stamp();
    const sc_core::sc_time end = stamp1 + delay;

    const uint64_t stall = end > start ? self->cycles_of(end - start, true) : 0;
    *stall_cycles = stall;
    if (stamp1 != stamp0) {
        /* The target called wait(): SystemC time moved under us.  Re-base
         * so the local time after the access equals the returned delay. */
        const uint64_t after = insn_cycles + stall;
        const uint64_t local = self->cycles_of(delay, false);
        self->sync_cycles_ = after > local ? after - local : 0;
        self->qk_.reset();
        self->quantum_end_cycles_ = self->sync_cycles_ + self->cycles_of(self->qk_.quantum_end(), true);
    }

    if (!is_write) {
        *val = 0;
        std::memcpy(val, self->data_, size);
    }

    /* A device that changed an interrupt line has left delta activity at
     * the current time: run it now so the CPU sees the new level at its
     * next TB boundary (bounded, in case a model loops on deltas). */
    for (int i = 0; i < kMaxDeltaWaits && sc_core::sc_pending_activity_at_current_time(); i++)
        sc_core::wait(sc_core::SC_ZERO_TIME);
    /* Running past the quantum: did the access schedule something that
     * comes before the slice's end?  (Only then is the dearer look at the
     * next timed event worth it.) */
    if (self->cpu_->budget_end > self->quantum_end_cycles_) {
        const sc_core::sc_time next = sc_core::sc_time_to_pending_activity();
        if (stamp1 + next < self->limit_stamp_)
            self->limit_to_next_activity(insn_cycles + stall, next);
    }

    switch (t.get_response_status()) {
    case tlm::TLM_OK_RESPONSE:
        return TCG_BUS_OK;
    case tlm::TLM_ADDRESS_ERROR_RESPONSE:
        return TCG_BUS_DECODE_ERROR;
    default:
        return TCG_BUS_ERROR;
    }
}

bool CpuInitiator::bus_get_dmi(void *opaque, uint64_t addr, bool for_write, tcg_dmi *out)
{
    CpuInitiator *self = static_cast<CpuInitiator *>(opaque);
    const DmiEntry *hit = nullptr;
    if (!self->dmi_enabled_)
        return false;
    for (const DmiEntry &e : self->dmi_)
        if (e.valid && addr >= e.start && addr <= e.end && (for_write ? e.can_write : e.can_read)) {
            hit = &e;
            break;
        }
    if (!hit) {
        tlm::tlm_generic_payload &t = self->dmi_trans_;
        tlm::tlm_dmi dmi;
        t.set_command(for_write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        t.set_address(addr);
        t.set_data_ptr(self->data_);
        t.set_data_length(0);
        t.set_streaming_width(0);
        t.set_byte_enable_ptr(nullptr);
        t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        if (!self->socket->get_direct_mem_ptr(t, dmi))
            return false;
        const bool r = dmi.is_read_allowed(), w = dmi.is_write_allowed();
        if (!dmi.get_dmi_ptr() || addr < dmi.get_start_address() || addr > dmi.get_end_address() ||
            !(for_write ? w : r))
            return false;
        DmiEntry &e = self->dmi_[self->dmi_next_];
        self->dmi_next_ = (self->dmi_next_ + 1) % kDmiCacheSize;
        e = DmiEntry{true, dmi.get_start_address(), dmi.get_end_address(), dmi.get_dmi_ptr(), r, w,
                     dmi.get_read_latency(), dmi.get_write_latency()};
        self->n_dmi_grants_++;
        hit = &e;
    }
    out->host = hit->ptr;
    out->start = hit->start;
    out->end = hit->end;
    out->can_read = hit->can_read;
    out->can_write = hit->can_write;
    out->read_latency_cycles = static_cast<uint32_t>(self->cycles_of(hit->read_lat, true));
    out->write_latency_cycles = static_cast<uint32_t>(self->cycles_of(hit->write_lat, true));
    return true;
}

void CpuInitiator::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end)
{
    for (DmiEntry &e : dmi_)
        if (e.valid && e.start <= end && start <= e.end)
            e.valid = false;
    n_dmi_inval_++;
    /* Always flush: the soft TLB may still hold pointers of a grant this
     * small cache has already evicted. */
    tcg_tlb_flush(cpu_);
}

uint64_t CpuInitiator::bus_debug_access(void *opaque, uint64_t addr, uint8_t *buf, uint64_t len,
                                        bool is_write)
{
    CpuInitiator *self = static_cast<CpuInitiator *>(opaque);
    tlm::tlm_generic_payload &t = self->dbg_trans_;
    uint64_t done = 0;
    while (done < len) {
        const uint64_t chunk = len - done > 0x10000000u ? 0x10000000u : len - done;
        t.set_command(is_write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        t.set_address(addr + done);
        t.set_data_ptr(buf + done);
        t.set_data_length(static_cast<unsigned>(chunk));
        t.set_streaming_width(static_cast<unsigned>(chunk));
        t.set_byte_enable_ptr(nullptr);
        const unsigned n = self->socket->transport_dbg(t);
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

} // namespace tlmb
