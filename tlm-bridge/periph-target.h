/*
 * tlmb::PeriphTarget: the one adapter that makes any built-in C device
 * (a periph_model, peripherals/periph.h) a TLM-2.0 target with
 * sc_signal<bool> interrupt lines.
 *
 *   tlmb::PeriphTarget uart("uart0", periph_find_model("arm,pl011"), &log);
 *   if (!uart.init(&props, &err)) ...          // model->init + reset
 *   bus.map(uart.socket, 0x101f1000, 0x1000, ...);
 *   vic.connect_irq_in(12, uart.irq_out(0));   // wires are the driver's signals
 *   uart.attach_chr(chardev_chr(c));
 *
 * What the device sees of its host (periph_host_ops):
 *   now_ns    sc_time_stamp() plus the annotated delay of the transaction
 *             being served, so a register read during a CPU quantum sees
 *             the CPU's local time; outside a transaction, sc_time_stamp().
 *             (Loosely timed: a timer callback may afterwards run at an
 *             earlier time than a CPU access already served.)
 *   timers    one sc_event + one spawned SC_METHOD each: the callback runs
 *             at exactly the SystemC time asked for (a time already past
 *             fires in the next delta cycle).
 *   log       guest errors / unimplemented features, printed to the
 *             platform log when the -d item is enabled.
 *   bus_read, bus_write
 *             (bus-master models only) b_transport on master_socket().
 * IRQ outputs are driven by ONE method of this module (so each wire has a
 * single writer, whichever process made the device change its level); a
 * level set during a transaction reaches the wire one delta cycle later.
 * IRQ inputs (interrupt controllers) call model->set_irq_in on every
 * change, lowest line first; unconnected inputs are tied low.
 *
 * Bus rules: sizes 1, 2, 4 and 8 bytes inside the register window;
 * byte enables -> TLM_BYTE_ENABLE_ERROR_RESPONSE; streaming ->
 * TLM_BURST_ERROR_RESPONSE; outside the window -> address error; the
 * model's PERIPH_BUS_ERROR -> TLM_GENERIC_ERROR_RESPONSE.  No DMI.
 * transport_dbg returns 0 bytes: device reads have side effects (FIFOs,
 * clear-on-read) that a debugger must not trigger.
 */
#ifndef TLMB_PERIPH_TARGET_H
#define TLMB_PERIPH_TARGET_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "tlm-bridge/c-api.h"

namespace tlmb {

class PeriphTarget : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(PeriphTarget);
    tlm_utils::simple_target_socket<PeriphTarget> socket;

    /* log: mask + file of the platform (-d / -D); may be NULL (silent). */
    PeriphTarget(sc_core::sc_module_name name, const periph_model *model, const tcg_log *log);
    ~PeriphTarget() override;

    /* Allocate and initialise the device state (model->init, then
     * model->reset); false with the model's reason.  During elaboration. */
    [[nodiscard]] bool init(const periph_props *props, std::string *err);

    const periph_model *model() const { return model_; }
    void *state() { return state_; }

    /* The wire driven by output n (0 <= n < model->n_irq_out). */
    sc_core::sc_signal<bool> &irq_out(int n) { return *irq_out_[n]; }
    /* Connect input n to a wire; false if n is out of range or already
     * connected.  During elaboration. */
    [[nodiscard]] bool connect_irq_in(int n, sc_core::sc_signal_in_if<bool> &wire);
    bool irq_in_connected(int n) const { return n >= 0 && n < (int)in_bound_.size() && in_bound_[n]; }

    /* Give a UART-like device its character backend (has_chr models). */
    void attach_chr(periph_chr *chr);

    /* What a device's "system reset" request does (periph_request_reset);
     * without a handler the request is logged as unimplemented. */
    void set_reset_handler(std::function<void()> fn) { on_reset_ = std::move(fn); }

    /* Extra time every register access costs (annotated on the delay). */
    void set_latency(const sc_core::sc_time &t) { latency_ = t; }

    uint64_t now_ns() const;

    /* A bus-master model's (DMA) initiator socket, NULL for the others:
     * bind it to the bus (Router::target_socket) during elaboration.  The
     * model's bus_read/bus_write become b_transport calls on it, starting
     * at the device's now and returning the target's annotated delay as
     * the latency.  They run in the model's timer callbacks (a method
     * process), so a target reached by DMA must not call wait(). */
    tlm_utils::simple_initiator_socket<PeriphTarget> *master_socket() { return master_.get(); }
    /* Called after every successful bus-master write: (bus address,
     * length).  The platform drops translated code there. */
    void set_dma_write_hook(std::function<void(uint64_t, uint64_t)> fn) { on_dma_write_ = std::move(fn); }
    /* The NMI pin's active edge from outside the wiring (model->nmi);
     * false when the model does not listen to NMI. */
    bool nmi();

private:
    struct Timer;

    void b_transport(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    unsigned transport_dbg(tlm::tlm_generic_payload &trans);
    void drive_irqs();
    void sample_irq_inputs();
    void before_end_of_elaboration() override;

    static void host_irq_set(void *opaque, int n, bool level);
    static uint64_t host_now_ns(void *ctx);
    static periph_timer *host_timer_new(void *ctx, void (*cb)(void *), void *opaque);
    static void host_timer_mod(void *ctx, periph_timer *t, uint64_t when_ns);
    static void host_timer_del(void *ctx, periph_timer *t);
    static void host_timer_free(void *ctx, periph_timer *t);
    static void host_log(void *ctx, periph_log_kind kind, const char *msg);
    static int64_t host_host_time(void *ctx);
    static void host_request_reset(void *ctx);
    static periph_status host_bus_read(void *ctx, uint64_t addr, void *buf, unsigned len, uint64_t *lat);
    static periph_status host_bus_write(void *ctx, uint64_t addr, const void *buf, unsigned len,
                                        uint64_t *lat);
    periph_status bus_transport(tlm::tlm_command cmd, uint64_t addr, uint8_t *buf, unsigned len,
                                uint64_t *lat);

    const periph_model *model_;
    const tcg_log *log_;
    void *state_ = nullptr;
    bool initialised_ = false;
    periph_host host_;
    sc_core::sc_time latency_ = sc_core::SC_ZERO_TIME;
    /* sc_time ticks per ns; building sc_time(1, SC_NS) on every access
     * was a tenth of the MMIO path */
    const uint64_t ns_ticks_ = sc_core::sc_time(1, sc_core::SC_NS).value();
    const sc_core::sc_time *cur_delay_ = nullptr;   /* set while serving b_transport */

    std::vector<std::unique_ptr<sc_core::sc_signal<bool>>> irq_out_;
    std::vector<char> out_level_;                    /* what the model last asked for */
    std::vector<char> driven_;                       /* what drive_irqs last wrote */
    sc_core::sc_event irq_changed_;

    std::vector<std::unique_ptr<sc_core::sc_in<bool>>> irq_in_;
    std::vector<char> in_bound_, in_level_;
    std::unique_ptr<sc_core::sc_signal<bool>> tie_low_;

    std::vector<std::unique_ptr<Timer>> timers_;
    std::function<void()> on_reset_;

    std::unique_ptr<tlm_utils::simple_initiator_socket<PeriphTarget>> master_;   /* bus_master models */
    tlm::tlm_generic_payload master_trans_;
    std::function<void(uint64_t, uint64_t)> on_dma_write_;
};

} // namespace tlmb

#endif
