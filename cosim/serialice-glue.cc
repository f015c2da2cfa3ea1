/*
 * SerialICE in the cosim platform: the host side (-serialice: options ->
 * client -> tlmb::SerialIceBridge between CPU and bus) and the target side
 * (--serialice-target: the platform's bus served as a SerialICE board).
 * See serialice-glue.h for the decisions; docs/serialice.md for the
 * workflow.  Also holds the two Platform steps that create them, so that
 * platform.cc only calls them.
 */
#include "cosim/serialice-glue.h"
#include "cosim/errors.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace cosim {

/* ---- host side ------------------------------------------------------------ */

std::unique_ptr<SerialIceHost> SerialIceHost::create(const Options &o, tlmb::CpuInitiator &cpu, tlmb::Router &bus,
                                                     std::function<void(const std::string &)> on_stop,
                                                     std::string *err)
{
    std::unique_ptr<SerialIceHost> h(new SerialIceHost());
    h->messages_ = o.messages;
    sice_rules_init(&h->rules_);
    sice_transport_init(&h->t_);
    char why[512];
    sice_config_defaults(&h->cfg_);
    if (sice_config_parse(&h->cfg_, o.serialice.c_str(), why, sizeof why) != SICE_OK) {
        fail(err, why);
        return nullptr;
    }
    /* the rules file first, then the command line: later rules win */
    if (h->cfg_.rules[0] && sice_rules_load(&h->rules_, h->cfg_.rules, why, sizeof why) != SICE_OK) {
        fail(err, std::string("-serialice rules=: ") + why);
        return nullptr;
    }
    for (const std::string &r : o.serialice_forward)
        if (sice_rules_add(&h->rules_, r.c_str(), why, sizeof why) != SICE_OK) {
            fail(err, "-serialice-forward " + r + ": " + why);
            return nullptr;
        }
    if (h->cfg_.log[0]) {
        if (sice_log_open(&h->log_, h->cfg_.log) != SICE_OK) {
            fail(err, std::string("-serialice log=") + h->cfg_.log + ": " + std::strerror(errno));
            return nullptr;
        }
        h->log_open_ = true;
    }
    if (sice_config_connect(&h->cfg_, &h->t_, why, sizeof why) != SICE_OK) {
        fail(err, why);
        return nullptr;
    }
    h->t_open_ = true;
    sice_client_config cc = sice_config_client(&h->cfg_);
    cc.message = client_message;
    cc.message_opaque = h.get();
    if (sice_client_open(&h->client_, &h->t_, &cc) != SICE_OK) {
        fail(err, sice_client_error(&h->client_));
        return nullptr;
    }
    h->bridge_.reset(new tlmb::SerialIceBridge("serialice", &h->client_, &h->rules_,
                                               h->log_open_ ? &h->log_ : nullptr));
    h->bridge_->set_latency(sc_core::sc_time(static_cast<double>(h->cfg_.latency_ns), sc_core::SC_NS));
    /* the client has printed its final error already: the run's end note
     * repeats only a reason the client never gave (no board, log error) */
    SerialIceHost *self = h.get();
    h->bridge_->set_stop_handler([self, on_stop](const std::string &why) {
        on_stop(why == self->last_message_ ? std::string() : why);
    });
    cpu.socket.bind(h->bridge_->target_socket);
    h->bridge_->initiator_socket.bind(bus.target_socket);
    if (h->messages_)
        std::fprintf(h->messages_, "cosim: serialice: board \"%s\" (%s) on %s, %zu forwarding rule%s\n",
                     sice_client_mainboard(&h->client_), sice_client_version(&h->client_), h->t_.path,
                     h->rules_.n, h->rules_.n == 1 ? "" : "s");
    return h;
}

void SerialIceHost::client_message(void *opaque, const char *line)
{
    SerialIceHost *self = static_cast<SerialIceHost *>(opaque);
    self->last_message_ = line;
    FILE *f = self->messages_;
    if (f) {
        std::fprintf(f, "cosim: %s\n", line);
        std::fflush(f);
    }
}

bool SerialIceHost::finish(std::string *err)
{
    if (bridge_ && sice_bridge_finish(&bridge_->core()) != SICE_OK)
        return fail(err, std::string("serialice: cannot write the access log ") + log_.path);
    return true;
}

SerialIceHost::~SerialIceHost()
{
    /* a write error here was reported by finish() already */
    if (log_open_ && sice_log_close(&log_) != SICE_OK)
        log_open_ = false;
    if (t_open_)
        sice_transport_close(&t_);
    sice_rules_free(&rules_);
}

/* ---- target side ------------------------------------------------------------ */

SerialIceTarget::SerialIceTarget(sc_core::sc_module_name name) : sc_module(name), socket("socket")
{
    sice_transport_init(&t_);
    SC_THREAD(serve);
    set_stack_size(256 * 1024);
}

SerialIceTarget::~SerialIceTarget()
{
    sice_transport_close(&t_);
}

std::unique_ptr<SerialIceTarget> SerialIceTarget::create(const Options &o, tcg_cpu *cpu,
                                                         tlmb::CpuInitiator &cpu_init, tlmb::Router &bus,
                                                         std::function<void(int, const std::string &)> stop,
                                                         std::string *err)
{
    std::unique_ptr<SerialIceTarget> s(new SerialIceTarget("serialice_target"));
    const std::string &spec = o.serialice_target;
    unsigned baud = SICE_BAUD_DEFAULT;
    bool pty = false;
    size_t pos = 0;
    while (pos <= spec.size()) {
        size_t comma = spec.find(',', pos);
        if (comma == std::string::npos)
            comma = spec.size();
        const std::string item = spec.substr(pos, comma - pos);
        pos = comma + 1;
        const size_t eq = item.find('=');
        const std::string k = item.substr(0, eq), v = eq == std::string::npos ? "" : item.substr(eq + 1);
        if (item == "pty") {
            pty = true;
        } else if (k == "fault" && eq != std::string::npos) {
            char why[200];
            if (sice_target_parse_fault(v.c_str(), &s->cfg_.fault, why, sizeof why) != SICE_OK) {
                fail(err, "--serialice-target: " + std::string(why));
                return nullptr;
            }
        } else if (k == "baud" && eq != std::string::npos) {
            char *end = nullptr;
            const unsigned long b = std::strtoul(v.c_str(), &end, 10);
            if (v.empty() || *end || b > 4000000 || !sice_baud_to_speed(static_cast<unsigned>(b))) {
                fail(err, "--serialice-target: unsupported baud=" + v +
                              " (9600, 19200, 38400, 57600, 115200, 230400, 460800)");
                return nullptr;
            }
            baud = static_cast<unsigned>(b);
        } else if (k == "mainboard" && eq != std::string::npos) {
            s->mainboard_ = v;
        } else {
            fail(err, "--serialice-target: unknown item '" + item + "' (want pty[,fault=MODE[@N][xCOUNT][:MS]]"
                      "[,baud=N][,mainboard=NAME])");
            return nullptr;
        }
    }
    if (!pty) {
        fail(err, "--serialice-target " + spec + ": only 'pty' is supported as the line");
        return nullptr;
    }
    /* keep our own slave open until the host has spoken, so the line does
     * not read as hung up before the host opens it (see pass_time) */
    if (sice_transport_open_pty(&s->t_, 1) != SICE_OK) {
        fail(err, "--serialice-target: " + std::string(s->t_.err));
        return nullptr;
    }
    /* 8N1: 10 bit times per byte */
    s->byte_time_ = sc_core::sc_time(10.0 / baud, sc_core::SC_SEC);
    s->idle_time_ = sc_core::sc_time(20, sc_core::SC_MS);
    if (s->mainboard_.empty())
        s->mainboard_ = o.machine;
    s->cfg_.mainboard = s->mainboard_.c_str();
    s->stop_ = std::move(stop);
    s->stop_flag_ = o.stop_flag;

    /* Hold the CPU: it stops before its first instruction, and its stop
     * is not the end of the run. */
    cpu->stop_request = true;
    cpu_init.set_stop_handler([] {});
    s->socket.bind(bus.target_socket);
    if (o.messages) {
        std::fprintf(o.messages, "cosim: serialice target: serving SerialICE on %s (CPU held, %u baud)\n",
                     s->t_.path, baud);
        std::fflush(o.messages);
    }
    return s;
}

bool SerialIceTarget::access(uint64_t addr, unsigned size, bool is_write, uint64_t *val)
{
    if (size > sizeof data_)
        return false;
    tlm::tlm_generic_payload &t = trans_;
    t.set_command(is_write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    t.set_address(addr);
    t.set_data_ptr(data_);
    t.set_data_length(size);
    t.set_streaming_width(size);
    t.set_byte_enable_ptr(nullptr);
    t.set_byte_enable_length(0);
    t.set_dmi_allowed(false);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    if (is_write)
        std::memcpy(data_, val, size);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(t, delay);
    if (delay > sc_core::SC_ZERO_TIME)
        wait(delay);   /* no temporal decoupling here: the access takes its time */
    if (!t.is_response_ok())
        return false;
    if (!is_write) {
        *val = 0;
        std::memcpy(val, data_, size);
    }
    return true;
}

bool SerialIceTarget::mem_read(void *opaque, uint64_t addr, unsigned size, uint64_t *val)
{
    return static_cast<SerialIceTarget *>(opaque)->access(addr, size, false, val);
}

bool SerialIceTarget::mem_write(void *opaque, uint64_t addr, unsigned size, uint64_t val)
{
    return static_cast<SerialIceTarget *>(opaque)->access(addr, size, true, &val);
}

void SerialIceTarget::pass_time(void *opaque, bool idle)
{
    SerialIceTarget *self = static_cast<SerialIceTarget *>(opaque);
    if (!idle && self->t_.keep_fd >= 0) {
        /* the host has opened the line: from now on its close is the end */
        close(self->t_.keep_fd);
        self->t_.keep_fd = -1;
    }
    if (self->stop_flag_ && *self->stop_flag_)
        sice_target_stop(&self->tg_);
    self->wait(idle ? self->idle_time_ : self->byte_time_);
}

void SerialIceTarget::serve()
{
    sice_target_bus bus{};
    bus.mem_read = mem_read;
    bus.mem_write = mem_write;
    bus.pass_time = pass_time;
    bus.opaque = this;
    sice_target_init(&tg_, &cfg_, &bus);
    const sice_status st = sice_target_serve(&tg_, &t_);
    const sice_target_stats &s = tg_.stats;
    char note[256];
    const char *why = st == SICE_OK ? "stopped by a signal"
                      : st == SICE_ERR_CLOSED ? (s.faults && cfg_.fault.mode == SICE_FAULT_DISCONNECT
                                                     ? "closed the line (disconnect fault)"
                                                     : "the host closed the line")
                                              : "line error";
    std::snprintf(note, sizeof note,
                  "serialice target: %s after %u commands (%u memory reads, %u memory writes, %u faults "
                  "injected)",
                  why, s.commands, s.mem_reads, s.mem_writes, s.faults);
    stop_(st == SICE_ERR_CLOSED ? 0 : 1, note);   /* a signal or a line error: 1 */
}

/* ---- the Platform steps ------------------------------------------------------ */

bool Platform::bind_cpu_bus(std::string *err)
{
    if (opts_.serialice.empty()) {
        cpu_init_->socket.bind(router_->target_socket);
        return true;
    }
    if (!opts_.serialice_target.empty())
        return fail(err, "-serialice and --serialice-target exclude each other (one process is the "
                         "host, the other the board)");
    sice_host_ = SerialIceHost::create(opts_, *cpu_init_, *router_,
                                       [this](const std::string &why) { stop(1, why); }, err);
    /* a signal must end the run through run(), so the log gets flushed:
     * poll the stop flag as with an input-capable serial backend */
    poll_inputs_ = true;
    /* after stop() the CPU's own stop must not call sc_stop() a second time */
    cpu_init_->set_stop_handler([this] {
        if (!stop_requested_)
            sc_core::sc_stop();
    });
    return sice_host_ != nullptr;
}

bool Platform::start_serialice_target(std::string *err)
{
    if (opts_.serialice_target.empty())
        return true;
    sice_target_ = SerialIceTarget::create(opts_, cpu(), *cpu_init_, *router_,
                                           [this](int status, const std::string &note) { stop(status, note); },
                                           err);
    /* the server checks the stop flag itself: have cosim install its
     * signal handlers (main.cc) */
    poll_inputs_ = true;
    return sice_target_ != nullptr;
}

bool Platform::finish_serialice(std::string *err)
{
    return !sice_host_ || sice_host_->finish(err);
}

} // namespace cosim
