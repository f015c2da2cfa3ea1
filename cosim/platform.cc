/*
 * cosim::Platform: builds a board description into SystemC modules (see
 * platform.h).  Order of construction, each step failing with one line:
 *   board (built-in or .dtb) -> CPU (by compatible: cpu-factory.h) + bus ->
 *   memories -> devices (by compatible) -> IRQ wiring -> serial backends ->
 *   firmware (-bios, -kernel) + entry.
 *
 * Conventions chosen here (docs/embedding.md, docs/cli.md):
 *   - serialN is the UART named by the /aliases serialN property; without
 *     aliases, UARTs wired straight to the root interrupt controller come
 *     first, then the others, each in tree order (this gives QEMU's order
 *     on the Versatile PB: UART0..2, then UART3 behind the SIC);
 *   - SYS_HEAPINFO (semihosting) describes main RAM as QEMU does: heap in
 *     the upper half, stack at the top growing down to the RAM base;
 *   - SYS_GET_CMDLINE returns "KERNEL-PATH [APPEND]", as QEMU does;
 *   - boot protocol "linux-arm" (Versatile PB): a raw image starts at the
 *     board's load address as a Linux zImage, with r0 = 0, r1 = the board's
 *     machine id, r2 = an ATAG list or the -dtb tree (arm-linux-glue.cc);
 *   - boot protocol "linux-sh" (SHIX): -append and -initrd fill the SH
 *     Linux boot parameters in the kernel's zero page (sh-linux-glue.cc).
 */
#include "cosim/platform.h"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cerrno>
#include <cstdarg>
#include <cstring>

#include "tlm-bridge/c-api.h"
extern "C" {
#include "targets/arm/cpu.h"
}
#include "cosim/chardev.h"
#include "cosim/cpu-factory.h"
#include "cosim/loader.h"
#include "cosim/trace-glue.h"
#include "cosim/gdb-glue.h"
#include "cosim/serialice-glue.h"
#include "cosim/errors.h"
#include "platforms/board.h"

#include <libfdt.h>

namespace cosim {

struct Platform::PropCtx {
    const board *b;
    int node;
};

namespace {

std::string sc_safe_name(const char *s)
{
    std::string n;
    for (const char *p = s; *p; p++)
        n += (std::isalnum(static_cast<unsigned char>(*p)) || *p == '_') ? *p : '_';
    return n.empty() ? std::string("dev") : n;
}

std::string fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char *f, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}


bool model_known(void *, const char *compatible)
{
    return periph_find_model(compatible) != nullptr;
}

} // namespace

Platform::Platform(sc_core::sc_module_name name, const Options &opts)
    : sc_module(name), opts_(opts), board_(new board())
{
    /* SystemC's own notes ("Simulation stopped by user") would land in
     * the guest's output */
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
    /* Built inside the constructor so every module and process is a child
     * of this one ("cosim.cpu", "cosim.uart_101f1000", ...). */
    built_ = build(&build_err_);
}

std::unique_ptr<Platform> Platform::create(const Options &opts, std::string *err)
{
    std::unique_ptr<Platform> p(new Platform("cosim", opts));
    if (!p->built_) {
        if (err)
            *err = p->build_err_;
        return nullptr;
    }
    return p;
}

Platform::~Platform()
{
    trace_.reset();   /* detaches from the CPU and the bus first */
    sice_target_.reset();
    sice_host_.reset();
    for (chardev *c : chardevs_)
        chardev_close(c);
    /* modules referring to the CPU go first */
    cpu_init_.reset();
    guest_.reset();
    if (own_log_file_ && log_.file)
        std::fclose(log_.file);
    std::free(dtb_buf_);
}

tcg_cpu *Platform::cpu() { return guest_->common(); }

bool Platform::build(std::string *err)
{
    log_.mask = opts_.log_mask;
    log_.file = stderr;
    if (!opts_.log_file.empty()) {
        log_.file = std::fopen(opts_.log_file.c_str(), "w");
        if (!log_.file)
            return fail(err, fmt("-D %s: %s", opts_.log_file.c_str(), std::strerror(errno)));
        own_log_file_ = true;
    }
    if (opts_.quantum <= sc_core::SC_ZERO_TIME)
        return fail(err, "--quantum must be greater than zero");
    tlm_utils::tlm_quantumkeeper::set_global_quantum(opts_.quantum);

    return build_board(err) && check_linux_options(err) && build_cpu(err) && build_memories(err) &&
           build_devices(err) && wire_irqs(err) && open_serials(err) && load_firmware(err) &&
           start_serialice_target(err) && open_gdb(err) && start_tracing(err);
}

bool Platform::read_option_file(const char *opt, const std::string &path, std::vector<uint8_t> *out, std::string *err)
{
    const std::string who = std::string(opt) + " " + path + ": ";
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return fail(err, who + std::strerror(errno));
    uint8_t buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        out->insert(out->end(), buf, buf + n);
    const bool bad = std::ferror(f) != 0;
    const int e = errno;
    std::fclose(f);
    if (bad)
        return fail(err, who + std::strerror(e));
    if (out->empty())
        return fail(err, who + "empty file");
    return true;
}

bool Platform::check_linux_options(std::string *err)
{
    /* The SH boot protocol passes -append/-initrd in the kernel's zero page
     * (sh-linux-glue.cc), the ARM one passes -dtb/-initrd/-append as a
     * device tree or ATAG list (arm-linux-glue.cc); other boards have no
     * way to hand them to a kernel. */
    const bool sh_linux = std::strcmp(board_->boot_protocol, "linux-sh") == 0;
    const bool arm_linux = std::strcmp(board_->boot_protocol, "linux-arm") == 0;
    if (!opts_.dtb.empty() && !arm_linux)
        return fail(err, "-dtb: this board has no ARM Linux boot protocol");
    if (!opts_.initrd.empty() && !sh_linux && !arm_linux)
        return fail(err, "-initrd: booting Linux is not implemented yet on this board");
    if (!opts_.append.empty() && !opts_.semihosting && !sh_linux && !arm_linux)
        return fail(err, "-append: booting Linux is not implemented yet on this board "
                         "(with -semihosting it sets the semihosting command line)");
    if ((!opts_.initrd.empty() || !opts_.append.empty()) && sh_linux && opts_.kernel.empty())
        return fail(err, std::string(opts_.initrd.empty() ? "-append" : "-initrd") +
                             ": needs a Linux kernel (-kernel vmlinux)");
    if ((!opts_.dtb.empty() || !opts_.initrd.empty() || (!opts_.append.empty() && !opts_.semihosting)) &&
        arm_linux && opts_.kernel.empty())
        return fail(err, std::string(!opts_.dtb.empty() ? "-dtb" : !opts_.initrd.empty() ? "-initrd" : "-append") +
                             ": needs a Linux kernel (-kernel zImage)");
    return true;
}

bool Platform::build_board(std::string *err)
{
    const void *fdt = nullptr;
    if (!opts_.board_dtb.empty()) {
        char why[256];
        if (!board_read_dtb_file(opts_.board_dtb.c_str(), &dtb_buf_, why, sizeof why))
            return fail(err, why);
        fdt = dtb_buf_;
    } else {
        const board_builtin *bb = board_builtin_find(opts_.machine.c_str());
        if (!bb)
            return fail(err, fmt("-M %s: unknown machine (-M help lists them)", opts_.machine.c_str()));
        fdt = bb->dtb;
    }
    char why[256];
    if (!board_parse_ex(board_.get(), fdt, model_known, nullptr, why, sizeof why))
        return fail(err, why);
    return true;
}

bool Platform::build_cpu(std::string *err)
{
    const board &b = *board_;
    if (b.n_cpus != 1)
        return fail(err, fmt("board %s: %d CPUs; only single-CPU boards are supported", b.name, b.n_cpus));
    const char *backend = opts_.backend.empty() ? tcg_default_backend() : opts_.backend.c_str();
    guest_ = GuestCpu::create(b, backend, err);   /* by the cpu compatible (cpu-factory.h) */
    if (!guest_)
        return false;
    arm_ = guest_->arm();
    if (!arm_ && opts_.semihosting)
        return fail(err, fmt("-semihosting: not available on CPU %s (ARM semihosting only)", b.cpu_model));
    sc_core::sc_time period = opts_.cpu_period;
    if (!opts_.cpu_period_given && guest_->clock_hz())   /* the cpu node's clock-frequency */
        period = sc_core::sc_time(1.0 / static_cast<double>(guest_->clock_hz()), sc_core::SC_SEC);
    tcg_cpu *c = guest_->common();
    c->log = log_;
    c->max_insns = opts_.max_insns;

    cpu_init_.reset(new tlmb::CpuInitiator("cpu", c, period));
    cpu_init_->set_dmi_enabled(opts_.dmi);
    cpu_init_->set_lookahead(opts_.lookahead);
    router_.reset(new tlmb::Router("bus"));
    if (!bind_cpu_bus(err))   /* straight, or through the SerialICE bridge */
        return false;
    guest_->bus_installed(b);   /* SH-4: its own P4 regions in front of the bus */
    if (!arm_)
        return true;

    /* by member name: the struct grows (write_console_err was added) */
    static const arm_semihost_ops semi = [] {
        arm_semihost_ops o{};
        o.write_console = semi_write_console;
        o.write_console_err = semi_write_console_err;
        o.read_console = semi_read_console;
        o.cmdline = semi_cmdline;
        o.elapsed_ns = semi_elapsed_ns;
        return o;
    }();
    /* as QEMU: the image's path, then -append's text */
    semi_cmdline_ = opts_.kernel + (opts_.append.empty() ? "" : " " + opts_.append);
    arm_->semihosting = opts_.semihosting;
    arm_->semihost = &semi;
    arm_->semihost_opaque = this;
    return true;
}

bool Platform::build_memories(std::string *err)
{
    board &b = *board_;
    for (int i = 0; i < b.n_memories; i++) {
        board_memory &m = b.memories[i];
        if (m.is_main_ram && opts_.ram_size) {
            m.size = opts_.ram_size;
            for (int k = 0; k < b.n_devices; k++) {
                const board_device &d = b.devices[k];
                if (d.base < m.base + m.size && m.base < d.base + d.size)
                    return fail(err, fmt("-m: %llu MiB of RAM at 0x%llx would overlap %s at 0x%llx",
                                         (unsigned long long)(m.size >> 20), (unsigned long long)m.base,
                                         d.name, (unsigned long long)d.base));
            }
        }
        std::unique_ptr<tlmb::Memory> mem(
            new tlmb::Memory(sc_safe_name(m.name).c_str(), m.size, m.read_only));
        if (!mem->data())
            return fail(err, fmt("%s: cannot allocate %llu MiB", m.name,
                                 (unsigned long long)(m.size >> 20)));
        const tcg_log *log = &log_;
        mem->set_guest_error_hook([log](const std::string &msg) {
            if (log->mask & TCG_LOG_GUEST_ERROR)
                std::fprintf(log->file, "%s\n", msg.c_str());
        });
        std::string why;
        if (!router_->map(mem->socket, m.base, m.size, m.name, &why))
            return fail(err, m.is_main_ram && opts_.ram_size ? "-m: " + why : "board: " + why);
        mems_.push_back(std::move(mem));
    }
    return true;
}

bool Platform::build_devices(std::string *err)
{
    const board &b = *board_;
    for (int i = 0; i < b.n_devices; i++) {
        const board_device &d = b.devices[i];
        const periph_model *model = periph_find_model(d.compatible);
        if (!model)
            return fail(err, fmt("board: %s: no model for compatible \"%s\"", d.name, d.compatible));
        std::unique_ptr<tlmb::PeriphTarget> t(
            new tlmb::PeriphTarget(sc_safe_name(d.name).c_str(), model, &log_));
        props_.emplace_back(new PropCtx{&b, d.node});
        periph_props props;
        props.get_u64 = [](const void *ctx, const char *name, uint64_t *out) {
            const PropCtx *pc = static_cast<const PropCtx *>(ctx);
            return board_prop_u64(pc->b, pc->node, name, out);
        };
        props.get_str = [](const void *ctx, const char *name, const char **out) {
            const PropCtx *pc = static_cast<const PropCtx *>(ctx);
            return board_prop_str(pc->b, pc->node, name, out);
        };
        props.ctx = props_.back().get();
        std::string why;
        if (!t->init(&props, &why))
            return fail(err, "board: " + why);
        t->set_reset_handler([this] { guest_reset_request(); });
        if (!router_->map(t->socket, d.base, d.size, d.name, &why))
            return fail(err, "board: " + why);
        if (t->master_socket()) {   /* a DMA controller: an initiator on the bus too */
            t->master_socket()->bind(router_->target_socket);
            t->set_dma_write_hook([this](uint64_t addr, uint64_t len) {
                tcg_tb_invalidate_phys_range(cpu(), addr, len);
            });
        }
        devs_.push_back(std::move(t));
    }
    return true;
}

bool Platform::wire_irqs(std::string *err)
{
    const board &b = *board_;
    for (int i = 0; i < b.n_devices; i++) {
        const board_device &d = b.devices[i];
        if (d.irq_parent < 0 || d.irq_parent == i || d.n_irqs == 0)
            continue;
        tlmb::PeriphTarget &src = *devs_[i], &dst = *devs_[d.irq_parent];
        const board_device &pd = b.devices[d.irq_parent];
        for (int k = 0; k < d.n_irqs; k++) {
            if (k >= src.model()->n_irq_out) {
                /* The description names more lines than the model drives
                 * (e.g. a placeholder for hardware not modelled yet): the
                 * parent's input stays low. */
                if (log_.mask & TCG_LOG_UNIMP)
                    std::fprintf(log_.file, "%s: interrupt %d (input %u of %s) is not driven by model %s\n",
                                 d.name, k, d.irqs[k], pd.name, src.model()->name);
                continue;
            }
            if (static_cast<int>(d.irqs[k]) >= dst.model()->n_irq_in)
                return fail(err, fmt("board: %s: interrupt %u of %s does not exist (%d inputs)", d.name,
                                     d.irqs[k], pd.name, dst.model()->n_irq_in));
            if (!dst.connect_irq_in(static_cast<int>(d.irqs[k]), src.irq_out(k)))
                return fail(err, fmt("board: %s: input %u of %s is already driven", d.name, d.irqs[k], pd.name));
        }
    }
    if (b.root_intc >= 0) {
        tlmb::PeriphTarget &root = *devs_[b.root_intc];
        if (root.model()->n_irq_out >= 1)
            cpu_init_->connect_irq(root.irq_out(0));
        if (root.model()->n_irq_out >= 2)   /* ARM: FIQ; SH-4: the INTC's NMI request */
            cpu_init_->connect_fiq(root.irq_out(1), guest_->arch() == GuestCpu::Arch::Sh4
                                                        ? TCG_INTERRUPT_NMI : TCG_INTERRUPT_FIQ);
    }
    return true;
}

std::vector<int> Platform::uart_order() const
{
    const board &b = *board_;
    std::vector<int> order;
    auto is_uart = [&](int i) { return devs_[i]->model()->has_chr; };
    /* /aliases serialN first */
    for (int n = 0; n < 16; n++) {
        const char *path = fdt_get_alias(b.fdt, fmt("serial%d", n).c_str());
        if (!path)
            break;
        const int node = fdt_path_offset(b.fdt, path);
        for (int i = 0; i < b.n_devices; i++)
            if (b.devices[i].node == node && is_uart(i))
                order.push_back(i);
    }
    auto listed = [&](int i) { return std::find(order.begin(), order.end(), i) != order.end(); };
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < b.n_devices; i++) {
            const bool on_root = b.devices[i].irq_parent == b.root_intc;
            if (is_uart(i) && !listed(i) && on_root == (pass == 0))
                order.push_back(i);
        }
    return order;
}

bool Platform::open_serials(std::string *err)
{
    const std::vector<int> uarts = uart_order();
    std::vector<std::string> specs = opts_.serial;
    if (specs.empty())
        specs.push_back("stdio");   /* no display: serial0 is the terminal, as with -nographic */
    if (specs.size() > uarts.size() && !(specs.size() == 1 && uarts.empty()))
        return fail(err, fmt("-serial: %zu given, board %s has %zu serial ports", specs.size(), board_->name,
                             uarts.size()));
    for (size_t n = 0; n < specs.size() && n < uarts.size(); n++) {
        if (specs[n] == "none")
            continue;
        chardev *c = nullptr;
        char why[256];
        if (!chardev_open_str(&c, specs[n].c_str(), fmt("serial%zu", n).c_str(), opts_.messages, why, sizeof why))
            return fail(err, fmt("-serial %s: %s", specs[n].c_str(), why));
        chardevs_.push_back(c);
        devs_[uarts[n]]->attach_chr(chardev_chr(c));
        const chardev_kind k = chardev_get_kind(c);
        if (k == CHARDEV_STDIO || k == CHARDEV_TCP || k == CHARDEV_PTY)
            poll_inputs_ = true;
    }
    if (poll_inputs_) {
        SC_METHOD(poll_serials);
    }
    return true;
}

void Platform::poll_serials()
{
    if (opts_.stop_flag && *opts_.stop_flag) {
        stopped_by_flag_ = true;
        sc_core::sc_stop();
        return;
    }
    for (chardev *c : chardevs_)
        (void)chardev_poll(c);
    next_trigger(opts_.serial_poll);
}

bool Platform::loader_write(void *opaque, uint64_t addr, const void *buf, uint64_t len)
{
    Platform *self = static_cast<Platform *>(opaque);
    uint64_t off = 0;
    tlmb::Memory *m = self->memory_at(self->guest_->load_address_to_bus(addr), &off);
    if (!m || len > m->size() - off)
        return false;
    std::memcpy(m->data() + off, buf, len);
    return true;
}

bool Platform::load_firmware(std::string *err)
{
    if (opts_.kernel.empty() && !opts_.serialice_target.empty())
        return true;   /* a SerialICE target: the CPU is held, no firmware needed */
    if (!opts_.bios.empty() && !load_bios(err))   /* the boot ROM; the PC stays at reset */
        return false;
    if (opts_.kernel.empty() && !opts_.bios.empty())
        return true;
    if (opts_.kernel.empty())
        return fail(err, "no firmware to run (give -kernel FILE)");
    const board &b = *board_;
    loader_config cfg = {};
    cfg.machine = guest_->elf_machine();
    cfg.load_address = b.load_address;
    cfg.has_load_address = b.has_load_address;
    cfg.write = loader_write;
    cfg.opaque = this;
    loader_image img = {};
    char why[512];
    if (!loader_load_file(&img, opts_.kernel.c_str(), &cfg, why, sizeof why))
        return fail(err, why);
    entry_ = img.entry;
    const bool raw = img.format == LOADER_FORMAT_RAW;
    const bool sh_linux = std::strcmp(b.boot_protocol, "linux-sh") == 0 &&
                          (!opts_.append.empty() || !opts_.initrd.empty());
    if (sh_linux && !boot_sh_linux(img, err)) {   /* boot protocol "linux-sh" */
        loader_image_free(&img);
        return false;
    }
    guest_->set_entry(entry_, raw);
    /* boot protocol "linux-arm": r0-r2 and the ATAGs or device tree */
    if (arm_ && std::strcmp(b.boot_protocol, "linux-arm") == 0 && !boot_arm_linux(img, err)) {
        loader_image_free(&img);
        return false;
    }
    loader_image_free(&img);
    if (!arm_)
        return true;   /* SH-4: the kernel or firmware sets up the rest itself */

    /* SYS_HEAPINFO */
    const board_memory *ram = nullptr;
    for (int i = 0; i < b.n_memories; i++)
        if (b.memories[i].is_main_ram)
            ram = &b.memories[i];
    if (ram) {
        const uint64_t top = ram->base + ram->size;
        arm_->heap_base = static_cast<uint32_t>(ram->base + ram->size / 2);
        arm_->heap_limit = static_cast<uint32_t>(top);
        arm_->stack_base = static_cast<uint32_t>(top);
        arm_->stack_limit = static_cast<uint32_t>(ram->base);
    }
    return true;
}

/* ---- run ------------------------------------------------------------------- */

void Platform::guest_reset_request()
{
    reset_requested_ = true;
    cpu()->stop_request = true;   /* the CPU loop returns STOP at once */
}

int Platform::run()
{
    const auto host_start = std::chrono::steady_clock::now();   /* --stats */
    sc_core::sc_start();
    std::fflush(stdout);
    tcg_cpu *c = cpu();
    if (opts_.stats) {
        const std::chrono::duration<double> host = std::chrono::steady_clock::now() - host_start;
        FILE *sf = opts_.messages ? opts_.messages : stderr;
        tcg_cpu_print_stats(c, sf, host.count());
        std::fprintf(sf, "  simulated time      %s\n", sc_core::sc_time_stamp().to_string().c_str());
    }
    FILE *msg = opts_.messages;
    std::string why;
    if (!finish_tracing(&why) && msg)   /* trailers, plugin atexit output */
        std::fprintf(msg, "cosim: %s\n", why.c_str());
    if (log_.file)
        std::fflush(log_.file);
    if (!finish_serialice(&why)) {   /* the access log is flushed at every end of a run */
        if (msg)
            std::fprintf(msg, "cosim: %s\n", why.c_str());
        if (!stop_requested_) {
            stop_requested_ = true;
            stop_status_ = 1;
        }
    }
    if (stop_requested_) {
        if (msg && !stop_note_.empty())
            std::fprintf(msg, "cosim: %s\n", stop_note_.c_str());
        return stop_status_;
    }
    if (opts_.max_insns && c->icount >= opts_.max_insns) {
        if (msg)
            std::fprintf(msg, "cosim: stopped after %llu instructions (--max-insns)\n",
                         (unsigned long long)c->icount);
        return 0;
    }
    if (c->exited)
        return c->exit_code;
    if (reset_requested_) {
        if (msg)
            std::fprintf(msg, "cosim: the guest requested a system reset; stopping (reset is not supported yet)\n");
        return 0;
    }
    if (stopped_by_flag_) {
        if (msg)
            std::fprintf(msg, "cosim: stopped by a signal\n");
        return 1;
    }
    if (msg)
        std::fprintf(msg, "cosim: the CPU is halted and nothing is left to wake it (at %s, pc 0x%08x)\n",
                     sc_core::sc_time_stamp().to_string().c_str(), guest_->pc());
    return 1;
}

void Platform::stop(int status, const std::string &note)
{
    if (stop_requested_)
        return;
    stop_requested_ = true;
    stop_status_ = status;
    stop_note_ = note;
    cpu()->stop_request = true;   /* no further guest instruction */
    if (sc_core::sc_is_running())
        sc_core::sc_stop();
}

/* ---- embedding API ---------------------------------------------------------- */

bool Platform::attach(tlmb::Router::target_socket_type &target, uint64_t base, uint64_t size, std::string *err,
                      const std::string &name)
{
    const std::string n = name.empty() ? fmt("user@%llx", (unsigned long long)base) : name;
    return router_->map(target, base, size, n, err);
}

tlmb::PeriphTarget *Platform::intc_for(const std::string &name, std::string *err)
{
    const board &b = *board_;
    if (name.empty()) {
        if (b.root_intc < 0) {
            fail(err, fmt("board %s has no interrupt controller", b.name));
            return nullptr;
        }
        return devs_[b.root_intc].get();
    }
    for (int i = 0; i < b.n_devices; i++)
        if (name == b.devices[i].name && b.devices[i].is_intc)
            return devs_[i].get();
    fail(err, fmt("no interrupt controller named %s", name.c_str()));
    return nullptr;
}

bool Platform::connect_irq(unsigned line, sc_core::sc_signal_in_if<bool> &level, std::string *err,
                           const std::string &intc)
{
    tlmb::PeriphTarget *t = intc_for(intc, err);
    if (!t)
        return false;
    if (static_cast<int>(line) >= t->model()->n_irq_in)
        return fail(err, fmt("%s has no interrupt input %u (%d inputs)", t->basename(), line,
                             t->model()->n_irq_in));
    if (!t->connect_irq_in(static_cast<int>(line), level))
        return fail(err, fmt("interrupt input %u of %s is already driven", line, t->basename()));
    return true;
}

sc_core::sc_signal<bool> *Platform::irq_line(unsigned line, std::string *err, const std::string &intc)
{
    std::unique_ptr<sc_core::sc_signal<bool>> s(
        new sc_core::sc_signal<bool>(fmt("irq_line_%u", line).c_str(), false));
    if (!connect_irq(line, *s, err, intc))
        return nullptr;
    user_lines_.push_back(std::move(s));
    return user_lines_.back().get();
}

bool Platform::nmi()
{
    bool any = false;
    for (auto &d : devs_)
        any = d->nmi() || any;
    return any;
}

tlmb::PeriphTarget *Platform::device(const std::string &node_name)
{
    for (int i = 0; i < board_->n_devices; i++)
        if (node_name == board_->devices[i].name)
            return devs_[i].get();
    return nullptr;
}

tlmb::Memory *Platform::memory_at(uint64_t addr, uint64_t *offset)
{
    for (int i = 0; i < board_->n_memories && i < static_cast<int>(mems_.size()); i++) {
        const board_memory &m = board_->memories[i];
        if (addr >= m.base && addr - m.base < m.size) {
            if (offset)
                *offset = addr - m.base;
            return mems_[i].get();
        }
    }
    return nullptr;
}

/* ---- semihosting services ------------------------------------------------------- */

void Platform::semi_write_console(void *, const uint8_t *buf, uint32_t len)
{
    std::fwrite(buf, 1, len, stdout);
    std::fflush(stdout);
}

void Platform::semi_write_console_err(void *, const uint8_t *buf, uint32_t len)
{
    /* SYS_WRITEC / SYS_WRITE0 / ":tt" for append: stderr, as in QEMU */
    std::fflush(stdout);
    std::fwrite(buf, 1, len, stderr);
    std::fflush(stderr);
}

int Platform::semi_read_console(void *)
{
    std::fflush(stdout);
    const int ch = std::getchar();
    return ch == EOF ? -1 : ch;
}

const char *Platform::semi_cmdline(void *opaque)
{
    return static_cast<Platform *>(opaque)->semi_cmdline_.c_str();
}

uint64_t Platform::semi_elapsed_ns(void *opaque)
{
    const sc_core::sc_time t = static_cast<Platform *>(opaque)->cpu_init_->now();
    return t.value() / sc_core::sc_time(1, sc_core::SC_NS).value();
}

} // namespace cosim
