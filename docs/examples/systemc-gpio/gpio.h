/*
 * Gpio: a small GPIO block written as a plain SystemC/TLM-2.0 model, the
 * kind of peripheral a SoC architect brings to the platform.
 *
 * 32 pins.  Register map (32-bit accesses, offsets in the 4 KiB window):
 *   0x00 DATA  read: pin levels (inputs from `pins_in`, outputs from the
 *              output latch); write: the output latch
 *   0x04 DIR   1 = the pin is an output (driven on `pins_out`)
 *   0x08 IE    interrupt enable, one bit per input pin
 *   0x0c IS    interrupt status: an enabled input pin changed level;
 *              write 1s to clear
 *   0x10 ID    0x47504931 ("GPI1")
 * `irq` is high while IS & IE != 0.  Every register access costs 10 ns.
 *
 * SystemC points worth copying:
 *   - the TLM target follows the base protocol (length, byte enables,
 *     response status) and annotates its latency on the delay;
 *   - `irq` has exactly one writer process (update_irq), whether the
 *     change comes from a bus write (the CPU's thread) or from a pin
 *     (the input method); both just notify an event.
 */
#ifndef EXAMPLE_GPIO_H
#define EXAMPLE_GPIO_H

#include <cstdint>
#include <cstring>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

class Gpio : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(Gpio);

    tlm_utils::simple_target_socket<Gpio> socket;
    sc_core::sc_in<uint32_t> pins_in;
    sc_core::sc_out<uint32_t> pins_out;
    sc_core::sc_signal<bool> irq;

    enum { DATA = 0x00, DIR = 0x04, IE = 0x08, IS = 0x0c, ID = 0x10 };
    static constexpr uint32_t kId = 0x47504931;

    explicit Gpio(sc_core::sc_module_name name)
        : sc_module(name), socket("socket"), pins_in("pins_in"), pins_out("pins_out"), irq("irq", false)
    {
        socket.register_b_transport(this, &Gpio::b_transport);
        SC_METHOD(input_changed);
        sensitive << pins_in;
        dont_initialize();
        SC_METHOD(update_irq);
        sensitive << irq_ev_;
        dont_initialize();
    }

private:
    void b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &delay)
    {
        const uint64_t off = t.get_address();
        if (t.get_data_length() != 4 || t.get_byte_enable_ptr() || t.get_streaming_width() != 4 || (off & 3)) {
            t.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
            return;
        }
        uint32_t v = 0;
        if (t.is_read()) {
            switch (off) {
            case DATA: v = (last_in_ & ~dir_) | (out_ & dir_); break;
            case DIR: v = dir_; break;
            case IE: v = ie_; break;
            case IS: v = is_; break;
            case ID: v = kId; break;
            default: t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE); return;
            }
            std::memcpy(t.get_data_ptr(), &v, 4);
        } else {
            std::memcpy(&v, t.get_data_ptr(), 4);
            switch (off) {
            case DATA: out_ = v; pins_out.write(out_ & dir_); break;
            case DIR: dir_ = v; pins_out.write(out_ & dir_); break;
            case IE: ie_ = v; irq_ev_.notify(sc_core::SC_ZERO_TIME); break;
            case IS: is_ &= ~v; irq_ev_.notify(sc_core::SC_ZERO_TIME); break;
            default: t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE); return;
            }
        }
        delay += sc_core::sc_time(10, sc_core::SC_NS);
        t.set_response_status(tlm::TLM_OK_RESPONSE);
    }

    void input_changed()
    {
        const uint32_t now = pins_in.read();
        is_ |= (now ^ last_in_) & ~dir_ & ie_;
        last_in_ = now;
        irq_ev_.notify(sc_core::SC_ZERO_TIME);
    }

    void update_irq() { irq.write((is_ & ie_) != 0); }

    uint32_t out_ = 0, dir_ = 0, ie_ = 0, is_ = 0, last_in_ = 0;
    sc_core::sc_event irq_ev_;
};

/* The board around the GPIO: output pins 0..7 come back on input pins
 * 8..15 after 1 us (a loop-back cable with some delay). */
class Loopback : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(Loopback);
    sc_core::sc_in<uint32_t> from;
    sc_core::sc_out<uint32_t> to;

    explicit Loopback(sc_core::sc_module_name name) : sc_module(name), from("from"), to("to")
    {
        SC_METHOD(changed);
        sensitive << from;
        dont_initialize();
        SC_METHOD(arrive);
        sensitive << arrive_ev_;
        dont_initialize();
    }

private:
    void changed() { arrive_ev_.notify(sc_core::sc_time(1, sc_core::SC_US)); }
    void arrive() { to.write((from.read() & 0xffu) << 8); }
    sc_core::sc_event arrive_ev_;
};

#endif
