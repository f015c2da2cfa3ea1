/*
 * The cosim command line: QEMU-style options parsed into cosim::Options.
 *
 *   cosim -M versatilepb -m 128M -kernel fw.elf -nographic -serial stdio
 *         -semihosting -d in_asm,int,guest_errors -D log.txt
 *         --max-insns 1000000 --quantum 10us
 *
 * Every option is accepted with one or two leading dashes.  Parsing never
 * prints or exits: it returns what to do and, on a user error, ONE line
 * (without the "cosim: " prefix) in err.  See docs/cli.md.
 */
#ifndef COSIM_OPTIONS_H
#define COSIM_OPTIONS_H

#include <cstdint>
#include <string>

#include "cosim/platform.h"

namespace cosim {

enum class CliAction {
    Run,            /* build the platform and run */
    Help,           /* --help */
    Version,        /* -version */
    MachineHelp,    /* -M help */
    LogHelp,        /* -d help */
    Error,          /* err holds the reason */
};

CliAction parse_cli(int argc, const char *const *argv, Options *opts, std::string *err);

/* Value parsers, exposed for tests.  All return false on bad input. */
/* "128" (MiB, as QEMU), "128M", "1G", "512K", "65536B"; must be > 0. */
[[nodiscard]] bool parse_size(const std::string &s, uint64_t *bytes);
/* "10us", "1ms", "2.5us", "100ns", "1000ps", "1s"; must be > 0. */
[[nodiscard]] bool parse_time(const std::string &s, sc_core::sc_time *t);
/* "200M", "210000000", "1G", "50MHz" (Hz); must be > 0. */
[[nodiscard]] bool parse_freq(const std::string &s, uint64_t *hz);
/* "in_asm,int,guest_errors" -> TCG_LOG_* mask; false names the bad item. */
[[nodiscard]] bool parse_log_items(const std::string &s, uint32_t *mask, std::string *bad);

const char *cli_help_text();
/* "-d help" text: every log item with a line of description. */
std::string cli_log_help_text();

} // namespace cosim

#endif
