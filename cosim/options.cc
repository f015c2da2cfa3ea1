/*
 * QEMU-style command-line parsing for the cosim program (see options.h and
 * docs/cli.md).  Option names and value syntax follow qemu-system-arm's
 * where an option exists there; --max-insns, --quantum, --cpu-freq,
 * --backend and --board-dtb are ours.
 */
#include "cosim/options.h"
#include "cosim/trace-glue.h"
#include "traces/dfilter.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace cosim {

namespace {

struct LogItem {
    const char *name;
    uint32_t mask;
    const char *help;
};

const LogItem log_items[] = {
    {"in_asm", TCG_LOG_IN_ASM, "show guest code as it is translated"},
    {"op", TCG_LOG_OP, "show the IR of each translation block"},
    {"op_opt", TCG_LOG_OP_OPT, "show the IR after optimization"},
    {"out_asm", TCG_LOG_OUT_ASM, "show the backend's form of each block"},
    {"exec", TCG_LOG_EXEC, "show each translation block as it runs"},
    {"cpu", TCG_LOG_CPU, "show the CPU registers before each block"},
    {"int", TCG_LOG_INT, "show interrupts and exceptions"},
    {"mmu", TCG_LOG_MMU, "show MMU faults and walks"},
    {"guest_errors", TCG_LOG_GUEST_ERROR, "show the guest's invalid operations (bad register accesses, ...)"},
    {"unimp", TCG_LOG_UNIMP, "show uses of features the models do not implement"},
    {"nochain", TCG_LOG_NOCHAIN, "do not chain translation blocks (with exec: see every block)"},
};

bool parse_u64(const std::string &s, uint64_t *v)
{
    if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0])))
        return false;
    errno = 0;
    char *end = nullptr;
    const unsigned long long x = std::strtoull(s.c_str(), &end, 10);
    if (errno || *end)
        return false;
    *v = x;
    return true;
}

/* number with an optional binary (sizes) or decimal (frequencies) suffix */
bool parse_scaled(const std::string &in, uint64_t unit_default, bool binary, uint64_t *out)
{
    std::string s = in;
    if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0])))
        return false;
    errno = 0;
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (errno || !(v > 0))
        return false;
    std::string suf(end);
    for (char &c : suf)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const double k = binary ? 1024.0 : 1000.0;
    double mul;
    if (suf.empty())
        mul = static_cast<double>(unit_default);
    else if (suf == "b" || (!binary && suf == "hz"))
        mul = 1;
    else if (suf == "k" || suf == "kb" || suf == "khz")
        mul = k;
    else if (suf == "m" || suf == "mb" || suf == "mhz")
        mul = k * k;
    else if (suf == "g" || suf == "gb" || suf == "ghz")
        mul = k * k * k;
    else if (suf == "t" || suf == "tb")
        mul = k * k * k * k;
    else
        return false;
    if ((binary && suf == "khz") || (binary && suf == "mhz") || (binary && suf == "ghz"))
        return false;
    const double r = v * mul;
    if (r < 1 || r > 1.8e19 || r != std::floor(r))
        return false;
    *out = static_cast<uint64_t>(r);
    return true;
}

} // namespace

bool parse_size(const std::string &s, uint64_t *bytes)
{
    std::string v = s.compare(0, 5, "size=") == 0 ? s.substr(5) : s;
    return parse_scaled(v, 1024 * 1024, true, bytes);   /* QEMU: a bare number is MiB */
}

bool parse_freq(const std::string &s, uint64_t *hz)
{
    return parse_scaled(s, 1, false, hz);
}

bool parse_time(const std::string &s, sc_core::sc_time *t)
{
    if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.'))
        return false;
    errno = 0;
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (errno || !(v > 0) || !std::isfinite(v))
        return false;
    const std::string unit(end);
    sc_core::sc_time_unit u;
    if (unit == "s")
        u = sc_core::SC_SEC;
    else if (unit == "ms")
        u = sc_core::SC_MS;
    else if (unit == "us")
        u = sc_core::SC_US;
    else if (unit == "ns")
        u = sc_core::SC_NS;
    else if (unit == "ps")
        u = sc_core::SC_PS;
    else
        return false;
    const sc_core::sc_time r(v, u);
    if (r <= sc_core::SC_ZERO_TIME)
        return false;   /* below the time resolution */
    *t = r;
    return true;
}

bool parse_log_items(const std::string &s, uint32_t *mask, std::string *bad)
{
    uint32_t m = 0;
    size_t pos = 0;
    while (pos <= s.size()) {
        size_t comma = s.find(',', pos);
        if (comma == std::string::npos)
            comma = s.size();
        const std::string item = s.substr(pos, comma - pos);
        bool found = false;
        for (const LogItem &li : log_items)
            if (item == li.name) {
                m |= li.mask;
                found = true;
            }
        if (!found) {
            if (bad)
                *bad = item;
            return false;
        }
        pos = comma + 1;
    }
    *mask |= m;
    return true;
}

const char *cli_help_text()
{
    return "usage: cosim [options] -kernel FILE\n"
           "Runs firmware on a SystemC/TLM-2.0 model of a board (QEMU-style options).\n"
           "\n"
           "Board and memory:\n"
           "  -M, -machine NAME      board to model (default versatilepb); -M help lists them\n"
           "  --board-dtb FILE       use this flattened device tree as the board instead\n"
           "  -m SIZE                main RAM size: 128 (MiB), 128M, 1G (default: the board's)\n"
           "Firmware:\n"
           "  -kernel FILE           ELF (runs from its entry) or raw image (at the board's load address)\n"
           "  -bios FILE             raw image in the boot ROM, run from the reset vector (e.g. -M shix)\n"
           "  -append STRING         the Linux command line: -M versatilepb of a raw -kernel\n"
           "                         (zImage), -M shix of a -kernel vmlinux; with -semihosting\n"
           "                         also the semihosting command line\n"
           "  -initrd FILE           initrd/initramfs for the Linux -kernel (zImage, SH vmlinux)\n"
           "  -dtb FILE              device tree for a Linux zImage (-M versatilepb): /chosen gets\n"
           "                         -append and -initrd; without -dtb the kernel gets ATAGs\n"
           "Devices:\n"
           "  -serial SPEC           next UART's backend: stdio, null, none, file:PATH,\n"
           "                         tcp:HOST:PORT[,server][,nowait], pty (repeatable;\n"
           "                         default: serial0 on stdio)\n"
           "  -nographic             accepted (there is no display anyway)\n"
           "  -display none, -monitor none  accepted\n"
           "  -semihosting           enable ARM semihosting (console on stdout, exit codes)\n"
           "  -semihosting-config enable=on|off[,target=native|auto][,arg=STR]...\n"
           "Debugging and logs:\n"
           "  -d ITEM[,ITEM...]      log items (-d help lists them)\n"
           "  -D FILE                write the log to FILE instead of stderr\n"
           "  -dfilter RANGES        -d in_asm/exec/cpu only for code in RANGES\n"
           "                         (START+SIZE, START-SIZE, START..END, comma-separated)\n"
           "Tracing (docs/tracing.md):\n"
           "  --trace tarmac:FILE[,unit=clk|ns]  instruction trace in Tarmac text\n"
           "  --trace bin:FILE       compact binary trace (cosim-trace reads it)\n"
           "  --trace bus:FILE       one line per TLM transaction (with --no-dmi: RAM too)\n"
           "  --trace vcd:FILE[,signals=NAME+NAME...]  interrupt wires as VCD\n"
           "  -plugin FILE.so[,NAME=VALUE...]  load an instrumentation plugin (repeatable)\n"
           "  -gdb DEV               GDB stub: tcp::PORT (127.0.0.1), tcp:HOST:PORT, unix:PATH\n"
           "  -s                     shorthand for -gdb tcp::1234\n"
           "  -S                     hold the CPU until gdb resumes it (needs -s or -gdb)\n"
           "Simulation:\n"
           "  --max-insns N          stop after N guest instructions (exit status 0)\n"
           "  --quantum TIME         TLM global quantum, e.g. 10us (default), 1us, 100ns\n"
           "  --strict-quantum       sync the CPU at every quantum boundary (default: skip the\n"
           "                         ones before which nothing else has work, up to 1 ms)\n"
           "  --cpu-freq FREQ        CPU clock, e.g. 200M (default: the board's, else 200M), 1G, 50MHz\n"
           "  --backend NAME         translation backend: jit (x86-64 default) or interp\n"
           "  --stats                print guest instructions, cycles, TB and TLB counts and\n"
           "                         guest MIPS (host wall time) on stderr at the end\n"
           "  --no-dmi               no direct memory access: RAM through b_transport (slow)\n"
           "SerialICE (docs/serialice.md):\n"
           "  -serialice dev=TTY|tcp=HOST:PORT[,baud=N][,log=FILE][,rules=FILE][,timeout=MS]...\n"
           "                         forward accesses to a real board running the SerialICE shell\n"
           "  -serialice-forward RULE  e.g. 0x101f1000+0x1000[,to=hw|sim|both] (repeatable)\n"
           "  --serialice-target pty[,fault=MODE@N][,baud=N]  be the board: serve the shell\n"
           "                         protocol from this board's bus on a new pty (CPU held)\n"
           "  -h, --help             this text;  -version  version\n"
           "\n"
           "Exit status: the guest's semihosting exit code; 0 after --max-insns or a guest\n"
           "reset request; 1 on a usage error, a load error, or a CPU halted for good.\n";
}

std::string cli_log_help_text()
{
    std::string s = "Log items (-d ITEM,ITEM...):\n";
    for (const LogItem &li : log_items) {
        char line[160];
        std::snprintf(line, sizeof line, "  %-13s %s\n", li.name, li.help);
        s += line;
    }
    return s;
}

CliAction parse_cli(int argc, const char *const *argv, Options *o, std::string *err)
{
    auto error = [&](const std::string &m) {
        *err = m;
        return CliAction::Error;
    };
    bool machine_help = false, log_help = false;
    for (int i = 1; i < argc; i++) {
        std::string opt = argv[i];
        if (opt.size() < 2 || opt[0] != '-')
            return error("unexpected argument '" + opt + "' (options start with '-'; see --help)");
        if (opt.compare(0, 2, "--") == 0)
            opt = opt.substr(1);   /* QEMU accepts -opt and --opt alike */

        static const char *const with_value[] = {
            "-M", "-machine", "-m", "-kernel", "-bios", "-append", "-initrd", "-dtb", "-serial", "-display",
            "-monitor", "-semihosting-config", "-d", "-D", "-gdb", "-max-insns", "-quantum",
            "-cpu-freq", "-backend", "-board-dtb",
            "-trace", "-plugin", "-dfilter",
            "-serialice", "-serialice-forward", "-serialice-target",
        };
        bool needs = false;
        for (const char *w : with_value)
            if (opt == w)
                needs = true;
        std::string val;
        if (needs) {
            if (i + 1 >= argc)
                return error("option " + std::string(argv[i]) + " needs a value (see --help)");
            val = argv[++i];
        }

        if (opt == "-h" || opt == "-help") {
            return CliAction::Help;
        } else if (opt == "-version") {
            return CliAction::Version;
        } else if (opt == "-M" || opt == "-machine") {
            /* "-machine versatilepb,accel=tcg": the name is the first field */
            std::string name = val.substr(0, val.find(','));
            if (name.compare(0, 5, "type=") == 0)
                name = name.substr(5);
            if (name == "help" || name == "?")
                machine_help = true;
            else if (name.empty())
                return error("-M: empty machine name (-M help lists them)");
            else
                o->machine = name;
        } else if (opt == "-m") {
            uint64_t bytes = 0;
            if (!parse_size(val, &bytes))
                return error("-m " + val + ": bad size (examples: 128, 128M, 1G)");
            if (bytes > 0xffffffffull)
                return error("-m " + val + ": larger than the 32-bit address space");
            o->ram_size = bytes;
        } else if (opt == "-bios") {
            if (access(val.c_str(), R_OK) != 0)
                return error("-bios " + val + ": " + std::strerror(errno));
            o->bios = val;
        } else if (opt == "-kernel") {
            if (access(val.c_str(), R_OK) != 0)
                return error("-kernel " + val + ": " + std::strerror(errno));
            o->kernel = val;
        } else if (opt == "-append") {
            o->append = val;
        } else if (opt == "-initrd") {
            o->initrd = val;
        } else if (opt == "-dtb") {
            o->dtb = val;
        } else if (opt == "-serial") {
            o->serial.push_back(val);
        } else if (opt == "-nographic") {
            /* nothing to turn off */
        } else if (opt == "-display" || opt == "-monitor") {
            if (val != "none")
                return error(opt + " " + val + ": only 'none' is supported");
        } else if (opt == "-semihosting") {
            o->semihosting = true;
        } else if (opt == "-semihosting-config") {
            size_t pos = 0;
            while (pos <= val.size()) {
                size_t comma = val.find(',', pos);
                if (comma == std::string::npos)
                    comma = val.size();
                const std::string kv = val.substr(pos, comma - pos);
                if (kv == "enable=on" || kv == "on" || kv == "enable")
                    o->semihosting = true;
                else if (kv == "enable=off")
                    o->semihosting = false;
                else if (kv == "target=native" || kv == "target=auto")
                    ;
                else if (kv.compare(0, 4, "arg=") == 0)
                    o->append += (o->append.empty() ? "" : " ") + kv.substr(4);
                else
                    return error("-semihosting-config: unsupported setting '" + kv + "'");
                pos = comma + 1;
            }
        } else if (opt == "-d") {
            if (val == "help" || val == "?") {
                log_help = true;
                continue;
            }
            std::string bad;
            if (!parse_log_items(val, &o->log_mask, &bad))
                return error("-d: unknown log item '" + bad + "' (-d help lists them)");
        } else if (opt == "-D") {
            o->log_file = val;
        } else if (opt == "-s") {
            if (o->gdb.empty())
                o->gdb = "tcp::1234";   /* -gdb, in any order, wins */
        } else if (opt == "-S") {
            o->gdb_wait = true;
        } else if (opt == "-gdb") {
            o->gdb = val;
        } else if (opt == "-max-insns") {
            uint64_t n = 0;
            if (!parse_u64(val, &n) || n == 0)
                return error("--max-insns " + val + ": expected a positive integer");
            o->max_insns = n;
        } else if (opt == "-quantum") {
            sc_core::sc_time t;
            if (!parse_time(val, &t))
                return error("--quantum " + val + ": expected a positive time such as 10us, 1ms, 500ns");
            o->quantum = t;
        } else if (opt == "-cpu-freq") {
            uint64_t hz = 0;
            if (!parse_freq(val, &hz) || hz > 1000000000000ull)
                return error("--cpu-freq " + val + ": expected a frequency such as 200M, 1G, 50MHz");
            const sc_core::sc_time p = sc_core::sc_time(1.0 / static_cast<double>(hz), sc_core::SC_SEC);
            if (p <= sc_core::SC_ZERO_TIME)
                return error("--cpu-freq " + val + ": too fast for the time resolution");
            o->cpu_period = p;
            o->cpu_period_given = true;
        } else if (opt == "-strict-quantum") {
            o->lookahead = false;
        } else if (opt == "-no-dmi") {
            o->dmi = false;
        } else if (opt == "-stats") {
            o->stats = true;
        } else if (opt == "-backend") {
            o->backend = val;
        } else if (opt == "-trace") {
            std::string why;
            if (!TraceSetup::check_spec(val, &why))
                return error(why);
            o->traces.push_back(val);
        } else if (opt == "-plugin") {
            if (val.empty() || val[0] == ',')
                return error("-plugin: expected FILE.so[,NAME=VALUE...]");
            o->plugins.push_back(val);
        } else if (opt == "-dfilter") {
            trace_dfilter f;
            trace_dfilter_init(&f);
            char why[160];
            const bool ok = trace_dfilter_parse(&f, val.c_str(), why, sizeof why);
            trace_dfilter_free(&f);
            if (!ok)
                return error(std::string("-dfilter ") + val + ": " + why);
            o->dfilter = val;
        } else if (opt == "-board-dtb") {
            if (access(val.c_str(), R_OK) != 0)
                return error("--board-dtb " + val + ": " + std::strerror(errno));
            o->board_dtb = val;
        } else if (opt == "-serialice") {
            o->serialice = val;   /* parsed when the platform connects (serialice-glue.cc) */
        } else if (opt == "-serialice-forward") {
            o->serialice_forward.push_back(val);
        } else if (opt == "-serialice-target") {
            o->serialice_target = val;
        } else {
            return error("unknown option '" + std::string(argv[i]) + "' (see --help)");
        }
    }
    if (machine_help)
        return CliAction::MachineHelp;
    if (log_help)
        return CliAction::LogHelp;
    if (!o->serialice_forward.empty() && o->serialice.empty())
        return error("-serialice-forward needs -serialice (the board to forward to)");
    if (o->kernel.empty() && o->bios.empty() && o->serialice_target.empty())
        return error("no firmware to run (give -kernel FILE or -bios FILE; see --help)");
    return CliAction::Run;
}

} // namespace cosim
