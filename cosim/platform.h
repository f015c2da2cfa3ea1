/*
 * cosim::Platform: a whole board (CPU, memories, built-in devices, IRQ
 * wiring, serial backends, firmware) as one SystemC module, built from a
 * board description (platforms/board.h).  The `cosim` program is a thin
 * sc_main around it; users embed it in their own sc_main to put their
 * SystemC models on the bus (docs/embedding.md):
 *
 *   int sc_main(int argc, char **argv) {
 *       cosim::Options o;
 *       o.kernel = argv[1];
 *       std::string err;
 *       auto p = cosim::Platform::create(o, &err);
 *       if (!p) { std::fprintf(stderr, "%s\n", err.c_str()); return 1; }
 *       MyGpio gpio("gpio");
 *       if (!p->attach(gpio.socket, 0x10150000, 0x1000, &err) ||
 *           !p->connect_irq(20, gpio.irq, &err)) { ... }
 *       return p->run();
 *   }
 *
 * Invariants:
 *   - everything is created during elaboration (create/attach/connect_irq
 *     before run); one Platform per process, as SystemC allows one
 *     simulation per process;
 *   - time comes only from SystemC: the same inputs give the same output
 *     and the same simulated time, run after run;
 *   - user errors come back as one line (no "cosim: " prefix), never as a
 *     crash.
 */
#ifndef COSIM_PLATFORM_H
#define COSIM_PLATFORM_H

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "tlm-bridge/cpu-initiator.h"
#include "tlm-bridge/memory.h"
#include "tlm-bridge/periph-target.h"
#include "tlm-bridge/router.h"

struct board;
struct chardev;
struct loader_image;
struct arm_cpu;

namespace cosim {

struct Options {
    std::string machine = "versatilepb";   /* a built-in board (-M)               */
    std::string board_dtb;                  /* or a user's .dtb (--board-dtb)      */
    uint64_t ram_size = 0;                  /* bytes (-m); 0: the board's          */
    std::string kernel;                     /* ELF or raw image (-kernel)          */
    std::string bios;                       /* raw boot ROM image (-bios)          */
    std::string append;                     /* -append: semihosting or Linux command line */
    std::string initrd;                     /* -initrd: boot protocol "linux-sh" only */
    std::string dtb;                        /* -dtb: not implemented yet (refused) */
    std::vector<std::string> serial;        /* serial0.. specs (-serial); "none"   */
    bool semihosting = false;
    uint32_t log_mask = 0;                  /* TCG_LOG_* (-d)                      */
    std::string log_file;                   /* -D; empty: stderr                   */
    sc_core::sc_time quantum = tlmb::default_quantum();
    sc_core::sc_time cpu_period = tlmb::default_cpu_period();
    bool cpu_period_given = false;          /* --cpu-freq; else the cpu node's clock-frequency */
    uint64_t max_insns = 0;                 /* 0: no limit                          */
    std::string backend;                    /* --backend; empty: tcg_default_backend() */
    bool stats = false;                     /* --stats: tcg_cpu_print_stats at the end */
    bool dmi = true;                        /* --no-dmi: RAM through b_transport  */
    bool lookahead = true;                  /* --strict-quantum: off              */
    /* how often (simulated) input-capable serial backends are polled */
    sc_core::sc_time serial_poll = sc_core::sc_time(100, sc_core::SC_US);
    FILE *messages = stderr;                /* run()'s notes ("stopped after ...") */
    /* Checked at every serial poll (see polls_inputs()): non-zero stops
     * the run, so the program's signal handler can end it cleanly and a
     * terminal in raw mode gets restored. */
    const volatile std::sig_atomic_t *stop_flag = nullptr;
    /* SerialICE (docs/serialice.md; cosim/serialice-glue.h) */
    std::string serialice;                  /* -serialice dev=...|tcp=...[,...]   */
    std::vector<std::string> serialice_forward;   /* -serialice-forward RULE    */
    std::string serialice_target;           /* --serialice-target pty[,...]      */
    /* GDB stub (docs/debugging.md; cosim/gdb-glue.h) */
    std::string gdb;                        /* -gdb tcp::PORT|tcp:HOST:PORT|unix:PATH; -s */
    bool gdb_wait = false;                  /* -S: hold the CPU until gdb resumes it */
    /* Tracing (docs/tracing.md; cosim/trace-glue.h) */
    std::vector<std::string> traces;        /* --trace KIND:FILE[,...] (repeatable) */
    std::vector<std::string> plugins;       /* -plugin FILE.so[,k=v...] (repeatable) */
    std::string dfilter;                    /* -dfilter RANGES for -d in_asm/exec/cpu */
};

class SerialIceHost;
class GuestCpu;
class GdbServer;
class TraceSetup;
class SerialIceTarget;

class Platform : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(Platform);

    /* Build everything and load the firmware; NULL with a one-line
     * reason in *err on bad input (unknown board, missing file, ...). */
    static std::unique_ptr<Platform> create(const Options &opts, std::string *err);
    ~Platform() override;

    /* Put a TLM-2.0 target on the bus at [base, base + size); it sees
     * offsets from 0.  False if the window overlaps one in use. */
    [[nodiscard]] bool attach(tlmb::Router::target_socket_type &target, uint64_t base, uint64_t size,
                              std::string *err = nullptr, const std::string &name = "");
    /* Drive input `line` of an interrupt controller (default: the root
     * one, e.g. the VIC) from a level signal.  False if the line does not
     * exist or is already driven. */
    [[nodiscard]] bool connect_irq(unsigned line, sc_core::sc_signal_in_if<bool> &level,
                                   std::string *err = nullptr, const std::string &intc = "");
    /* Or let the platform own the wire: a signal the caller writes or
     * binds an sc_out<bool> to.  NULL (and err) as for connect_irq. */
    sc_core::sc_signal<bool> *irq_line(unsigned line, std::string *err = nullptr, const std::string &intc = "");
    /* An edge on the board's NMI pin from outside the wiring (gdb's
     * "monitor nmi"): every device that listens to NMI sees it (SH7750:
     * the INTC latches an NMI, the DMAC sets DMAOR.NMIF).  False when the
     * board has no NMI (the Versatile PB). */
    bool nmi();

    /* sc_start() until the guest exits, --max-insns is reached, the guest
     * asks for a reset, or nothing is left to happen.  Returns the exit
     * status: the guest's semihosting exit code; 0 after --max-insns or
     * a guest reset request; 1 when the CPU is halted with nothing to wake
     * it, or on a stop signal. */
    int run();
    /* End the run from a model or glue code: the CPU stops at its next
     * instruction boundary, sc_start() returns, and run() prints `note`
     * (as "cosim: NOTE", if not empty) and returns `status`.  The first
     * call wins. */
    void stop(int status, const std::string &note);

    /* ---- introspection ---- */
    const board &board_desc() const { return *board_; }
    tcg_cpu *cpu();
    tlmb::CpuInitiator &cpu_initiator() { return *cpu_init_; }
    tlmb::Router &bus() { return *router_; }
    /* A built-in device by node name ("uart@101f1000"), or NULL. */
    tlmb::PeriphTarget *device(const std::string &node_name);
    /* The RAM/ROM holding addr, or NULL. */
    tlmb::Memory *memory_at(uint64_t addr, uint64_t *offset = nullptr);
    uint64_t entry() const { return entry_; }
    /* Whether a serial backend takes input (stdio, tcp, pty): the platform
     * then polls it, and Options::stop_flag, every serial_poll. */
    bool polls_inputs() const { return poll_inputs_; }

private:
    struct PropCtx;

    Platform(sc_core::sc_module_name name, const Options &opts);
    [[nodiscard]] bool build(std::string *err);
    [[nodiscard]] bool build_board(std::string *err);
    [[nodiscard]] bool check_linux_options(std::string *err);
    [[nodiscard]] bool build_cpu(std::string *err);
    [[nodiscard]] bool build_memories(std::string *err);
    [[nodiscard]] bool build_devices(std::string *err);
    [[nodiscard]] bool wire_irqs(std::string *err);
    [[nodiscard]] bool open_serials(std::string *err);
    [[nodiscard]] bool load_firmware(std::string *err);
    tlmb::PeriphTarget *intc_for(const std::string &name, std::string *err);
    std::vector<int> uart_order() const;
    void poll_serials();
    void guest_reset_request();
    /* SerialICE steps (defined in serialice-glue.cc) */
    [[nodiscard]] bool bind_cpu_bus(std::string *err);
    [[nodiscard]] bool start_serialice_target(std::string *err);
    [[nodiscard]] bool finish_serialice(std::string *err);
    /* -bios (defined in cpu-factory.cc) */
    [[nodiscard]] bool load_bios(std::string *err);
    /* SH Linux boot parameters, -append/-initrd (defined in sh-linux-glue.cc) */
    [[nodiscard]] bool boot_sh_linux(const loader_image &img, std::string *err);
    [[nodiscard]] bool boot_arm_linux(const loader_image &img, std::string *err);   /* arm-linux-glue.cc */
    /* The whole of a file an option names (-initrd, -dtb): false with
     * "OPT PATH: reason" in err when it cannot be read or is empty. */
    [[nodiscard]] static bool read_option_file(const char *opt, const std::string &path, std::vector<uint8_t> *out,
                                               std::string *err);
    /* GDB stub (defined in gdb-glue.cc) */
    [[nodiscard]] bool open_gdb(std::string *err);
    /* Tracing steps (defined in trace-glue.cc) */
    [[nodiscard]] bool start_tracing(std::string *err);
    [[nodiscard]] bool finish_tracing(std::string *err);

    static bool loader_write(void *opaque, uint64_t addr, const void *buf, uint64_t len);
    static void semi_write_console(void *opaque, const uint8_t *buf, uint32_t len);
    static void semi_write_console_err(void *opaque, const uint8_t *buf, uint32_t len);
    static int semi_read_console(void *opaque);
    static const char *semi_cmdline(void *opaque);
    static uint64_t semi_elapsed_ns(void *opaque);

    Options opts_;
    tcg_log log_ = {0, nullptr, nullptr, nullptr};
    bool own_log_file_ = false;

    void *dtb_buf_ = nullptr;                  /* a user .dtb (malloc'd) */
    std::unique_ptr<board> board_;

    std::unique_ptr<GuestCpu> guest_;          /* the CPU (cpu-factory.h), owned */
    arm_cpu *arm_ = nullptr;                   /* guest_->arm(): NULL unless an ARM board */
    std::unique_ptr<tlmb::CpuInitiator> cpu_init_;
    std::unique_ptr<tlmb::Router> router_;
    std::vector<std::unique_ptr<tlmb::Memory>> mems_;
    std::vector<std::unique_ptr<tlmb::PeriphTarget>> devs_;   /* index = board device index */
    std::vector<std::unique_ptr<PropCtx>> props_;
    std::vector<std::unique_ptr<sc_core::sc_signal<bool>>> user_lines_;
    std::vector<chardev *> chardevs_;
    bool poll_inputs_ = false;

    uint64_t entry_ = 0;
    std::string semi_cmdline_;
    bool built_ = false;
    std::string build_err_;
    bool reset_requested_ = false;
    bool stopped_by_flag_ = false;
    bool stop_requested_ = false;              /* stop() was called */
    int stop_status_ = 0;
    std::string stop_note_;
    std::unique_ptr<SerialIceHost> sice_host_;
    std::unique_ptr<SerialIceTarget> sice_target_;
    std::unique_ptr<GdbServer> gdb_;
    std::unique_ptr<TraceSetup> trace_;
};

} // namespace cosim

#endif
