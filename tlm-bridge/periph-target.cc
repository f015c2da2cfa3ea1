/*
 * tlmb::PeriphTarget: periph_model -> TLM-2.0 target (see periph-target.h).
 *
 * Invariant: every host service the model can reach is implemented here
 * with SystemC primitives only (no host clock, no threads), so a device
 * behaves identically run after run.
 */
#ifndef SC_INCLUDE_DYNAMIC_PROCESSES
#define SC_INCLUDE_DYNAMIC_PROCESSES   /* sc_spawn for timers */
#endif
#include "tlm-bridge/periph-target.h"

#include <cstdlib>
#include <cstring>
#include <ctime>

namespace tlmb {

/* A periph_timer handed to the model is one of these (opaque to it). */
struct PeriphTarget::Timer {
    sc_core::sc_event ev;
    void (*cb)(void *) = nullptr;
    void *opaque = nullptr;
    bool armed = false;
    explicit Timer(const char *name) : ev(name) {}
};

PeriphTarget::PeriphTarget(sc_core::sc_module_name name, const periph_model *model, const tcg_log *log)
    : sc_module(name), socket("socket"), model_(model), log_(log)
{
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "guest values are copied as host integers");
    socket.register_b_transport(this, &PeriphTarget::b_transport);
    socket.register_transport_dbg(this, &PeriphTarget::transport_dbg);

    const int n_out = model_->n_irq_out > 0 ? model_->n_irq_out : 0;
    const int n_in = model_->n_irq_in > 0 ? model_->n_irq_in : 0;
    for (int i = 0; i < n_out; i++) {
        char nm[32];
        std::snprintf(nm, sizeof nm, "irq_out_%d", i);
        irq_out_.emplace_back(new sc_core::sc_signal<bool>(nm, false));
    }
    out_level_.assign(n_out, 0);
    driven_.assign(n_out, 0);
    for (int i = 0; i < n_in; i++) {
        char nm[32];
        std::snprintf(nm, sizeof nm, "irq_in_%d", i);
        irq_in_.emplace_back(new sc_core::sc_in<bool>(nm));
    }
    in_bound_.assign(n_in, 0);
    in_level_.assign(n_in, 0);
    if (n_in)
        tie_low_.reset(new sc_core::sc_signal<bool>("tie_low", false));
    if (model_->bus_master)
        master_.reset(new tlm_utils::simple_initiator_socket<PeriphTarget>("master"));

    if (n_out) {
        SC_METHOD(drive_irqs);
        sensitive << irq_changed_;
    }
    if (n_in) {
        SC_METHOD(sample_irq_inputs);
        for (auto &p : irq_in_)
            sensitive << *p;
        dont_initialize();
    }
}

PeriphTarget::~PeriphTarget()
{
    if (initialised_ && model_->destroy)
        model_->destroy(state_);
    std::free(state_);
}

bool PeriphTarget::init(const periph_props *props, std::string *err)
{
    static const periph_host_ops ops = {
        host_now_ns, host_timer_new, host_timer_mod, host_timer_del,
        host_timer_free, host_log, host_host_time,
        host_request_reset, host_bus_read, host_bus_write,
    };
    host_.ops = &ops;
    host_.ctx = this;

    state_ = std::calloc(1, model_->state_size ? model_->state_size : 1);
    if (!state_) {
        if (err)
            *err = std::string(name()) + ": out of memory";
        return false;
    }
    std::vector<periph_irq> lines(irq_out_.size());
    for (size_t i = 0; i < lines.size(); i++)
        lines[i] = periph_irq{host_irq_set, this, static_cast<int>(i)};

    static const periph_props no_props = {
        [](const void *, const char *, uint64_t *) { return false; },
        [](const void *, const char *, const char **) { return false; },
        nullptr,
    };
    char why[256] = "";
    if (!model_->init(state_, &host_, props ? props : &no_props, lines.empty() ? nullptr : lines.data(),
                      why, sizeof why)) {
        if (err)
            *err = std::string(name()) + ": " + (why[0] ? why : "device initialisation failed");
        return false;
    }
    initialised_ = true;
    if (model_->reset)
        model_->reset(state_);
    return true;
}

bool PeriphTarget::connect_irq_in(int n, sc_core::sc_signal_in_if<bool> &wire)
{
    if (n < 0 || n >= static_cast<int>(irq_in_.size()) || in_bound_[n])
        return false;
    irq_in_[n]->bind(wire);
    in_bound_[n] = 1;
    return true;
}

void PeriphTarget::before_end_of_elaboration()
{
    for (size_t i = 0; i < irq_in_.size(); i++)
        if (!in_bound_[i]) {
            irq_in_[i]->bind(*tie_low_);
            in_bound_[i] = 1;
        }
}

void PeriphTarget::attach_chr(periph_chr *chr)
{
    if (initialised_ && model_->attach_chr)
        model_->attach_chr(state_, chr);
}

/* ---- bus side ------------------------------------------------------ */

void PeriphTarget::b_transport(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay)
{
    const tlm::tlm_command cmd = trans.get_command();
    const uint64_t addr = trans.get_address();
    const unsigned len = trans.get_data_length();

    if (cmd == tlm::TLM_IGNORE_COMMAND) {
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    if (!initialised_) {
        trans.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        return;
    }
    if (trans.get_byte_enable_ptr()) {
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (trans.get_streaming_width() < len || (len != 1 && len != 2 && len != 4 && len != 8)) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (addr >= model_->region_size || len > model_->region_size - addr) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }

    uint64_t val = 0;
    periph_status st;
    /* nested when a bus-master model's transfer reaches a device */
    const sc_core::sc_time *outer_delay = cur_delay_;
    cur_delay_ = &delay;
    if (cmd == tlm::TLM_READ_COMMAND) {
        st = model_->read(state_, addr, len, &val);
        std::memcpy(trans.get_data_ptr(), &val, len);
    } else {
        std::memcpy(&val, trans.get_data_ptr(), len);
        st = model_->write(state_, addr, len, val);
    }
    cur_delay_ = outer_delay;
    delay += latency_;
    trans.set_response_status(st == PERIPH_OK ? tlm::TLM_OK_RESPONSE : tlm::TLM_GENERIC_ERROR_RESPONSE);
}

unsigned PeriphTarget::transport_dbg(tlm::tlm_generic_payload &)
{
    return 0;
}

/* ---- IRQ lines --------------------------------------------------------- */

void PeriphTarget::host_irq_set(void *opaque, int n, bool level)
{
    PeriphTarget *self = static_cast<PeriphTarget *>(opaque);
    if (n < 0 || n >= static_cast<int>(self->out_level_.size()))
        return;
    self->out_level_[n] = level;
    /* Before the simulation starts, drive_irqs' initialisation run picks
     * the level up; afterwards it runs in the next delta cycle.  Models
     * recompute their line on most register writes: a level equal to the
     * driven one needs no delta cycle (a notification already pending
     * for another change finds nothing to do), and the CPU waits for
     * delta activity after each access, so this keeps MMIO cheap. */
    if (sc_core::sc_is_running() && static_cast<bool>(self->driven_[n]) != level)
        self->irq_changed_.notify(sc_core::SC_ZERO_TIME);
}

void PeriphTarget::drive_irqs()
{
    for (size_t i = 0; i < irq_out_.size(); i++)
        if (driven_[i] != out_level_[i]) {
            driven_[i] = out_level_[i];
            irq_out_[i]->write(out_level_[i]);
        }
}

void PeriphTarget::sample_irq_inputs()
{
    for (size_t i = 0; i < irq_in_.size(); i++) {
        const bool level = irq_in_[i]->read();
        if (level != static_cast<bool>(in_level_[i])) {
            in_level_[i] = level;
            if (initialised_ && model_->set_irq_in)
                model_->set_irq_in(state_, static_cast<int>(i), level);
        }
    }
}

/* ---- host services ------------------------------------------------------ */

uint64_t PeriphTarget::now_ns() const
{
    sc_core::sc_time t = sc_core::sc_time_stamp();
    if (cur_delay_)
        t += *cur_delay_;
    return t.value() / ns_ticks_;
}

uint64_t PeriphTarget::host_now_ns(void *ctx)
{
    return static_cast<PeriphTarget *>(ctx)->now_ns();
}

periph_timer *PeriphTarget::host_timer_new(void *ctx, void (*cb)(void *), void *opaque)
{
    PeriphTarget *self = static_cast<PeriphTarget *>(ctx);
    char nm[48];
    std::snprintf(nm, sizeof nm, "%s_timer%zu", self->basename(), self->timers_.size());
    Timer *t = new Timer(sc_core::sc_gen_unique_name(nm));
    self->timers_.emplace_back(t);
    t->cb = cb;
    t->opaque = opaque;

    sc_core::sc_spawn_options opts;
    opts.spawn_method();
    opts.set_sensitivity(&t->ev);
    opts.dont_initialize();
    sc_core::sc_spawn(
        [t]() {
            t->armed = false;
            if (t->cb)
                t->cb(t->opaque);
        },
        sc_core::sc_gen_unique_name(nm), &opts);
    return reinterpret_cast<periph_timer *>(t);
}

void PeriphTarget::host_timer_mod(void *ctx, periph_timer *pt, uint64_t when_ns)
{
    const PeriphTarget *self = static_cast<const PeriphTarget *>(ctx);
    Timer *t = reinterpret_cast<Timer *>(pt);
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    const sc_core::sc_time when =
        sc_core::sc_time::from_value(when_ns * self->ns_ticks_);
    t->ev.cancel();
    t->armed = true;
    t->ev.notify(when > now ? when - now : sc_core::SC_ZERO_TIME);
}

void PeriphTarget::host_timer_del(void *, periph_timer *pt)
{
    Timer *t = reinterpret_cast<Timer *>(pt);
    t->ev.cancel();
    t->armed = false;
}

void PeriphTarget::host_timer_free(void *, periph_timer *pt)
{
    /* The spawned method still refers to the timer, so it stays allocated
     * (owned by timers_) but becomes inert. */
    Timer *t = reinterpret_cast<Timer *>(pt);
    t->ev.cancel();
    t->armed = false;
    t->cb = nullptr;
}

void PeriphTarget::host_log(void *ctx, periph_log_kind kind, const char *msg)
{
    PeriphTarget *self = static_cast<PeriphTarget *>(ctx);
    const uint32_t item = kind == PERIPH_LOG_UNIMP ? TCG_LOG_UNIMP : TCG_LOG_GUEST_ERROR;
    if (!self->log_ || !(self->log_->mask & item))
        return;
    FILE *f = self->log_->file ? self->log_->file : stderr;
    std::fprintf(f, "%s: %s\n", self->basename(), msg);
}

int64_t PeriphTarget::host_host_time(void *)
{
    /* only devices explicitly configured to follow the host clock call this */
    return static_cast<int64_t>(std::time(nullptr));
}

void PeriphTarget::host_request_reset(void *ctx)
{
    PeriphTarget *self = static_cast<PeriphTarget *>(ctx);
    if (self->on_reset_)
        self->on_reset_();
    else
        host_log(ctx, PERIPH_LOG_UNIMP, "system reset requested: not supported by this host");
}

/* ---- bus master (DMA) ------------------------------------------------------ */

periph_status PeriphTarget::bus_transport(tlm::tlm_command cmd, uint64_t addr, uint8_t *buf, unsigned len,
                                          uint64_t *lat)
{
    *lat = 0;
    if (!master_)
        return PERIPH_BUS_ERROR;
    tlm::tlm_generic_payload &t = master_trans_;
    t.set_command(cmd);
    t.set_address(addr);
    t.set_data_ptr(buf);
    t.set_data_length(len);
    t.set_streaming_width(len);
    t.set_byte_enable_ptr(nullptr);
    t.set_dmi_allowed(false);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    /* the transfer starts at the device's now (inside a register access:
     * the initiator's local time) */
    const sc_core::sc_time start = cur_delay_ ? *cur_delay_ : sc_core::SC_ZERO_TIME;
    sc_core::sc_time delay = start;
    (*master_)->b_transport(t, delay);
    if (delay > start)
        *lat = (delay - start).value() / ns_ticks_;
    if (!t.is_response_ok())
        return PERIPH_BUS_ERROR;
    if (cmd == tlm::TLM_WRITE_COMMAND && on_dma_write_)
        on_dma_write_(addr, len);
    return PERIPH_OK;
}

periph_status PeriphTarget::host_bus_read(void *ctx, uint64_t addr, void *buf, unsigned len, uint64_t *lat)
{
    return static_cast<PeriphTarget *>(ctx)->bus_transport(tlm::TLM_READ_COMMAND, addr,
                                                            static_cast<uint8_t *>(buf), len, lat);
}

periph_status PeriphTarget::host_bus_write(void *ctx, uint64_t addr, const void *buf, unsigned len,
                                           uint64_t *lat)
{
    /* TLM payloads carry a non-const pointer; a write only reads it */
    return static_cast<PeriphTarget *>(ctx)->bus_transport(
        tlm::TLM_WRITE_COMMAND, addr, const_cast<uint8_t *>(static_cast<const uint8_t *>(buf)), len, lat);
}

bool PeriphTarget::nmi()
{
    if (!initialised_ || !model_->nmi)
        return false;
    model_->nmi(state_);
    return true;
}

} // namespace tlmb
