/*
 * The cosim program: sc_main = parse the command line, build the platform
 * (cosim::Platform), run it, exit with the guest's status.
 *
 * User errors print ONE line "cosim: <reason>" on stderr and exit 1
 * (docs/cli.md).  The one piece of process-wide state is the signal flag
 * below: a signal handler can reach nothing else, and the platform polls
 * it to stop cleanly (restoring a terminal left in raw mode).
 */
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cosim/options.h"
#include "cosim/platform.h"
#include "platforms/board.h"

namespace {

volatile std::sig_atomic_t cosim_stop_signal = 0;   /* the only mutable global: see above */

extern "C" void cosim_on_signal(int sig)
{
    if (cosim_stop_signal) {
        std::signal(sig, SIG_DFL);   /* second signal: give up at once */
        std::raise(sig);
    }
    cosim_stop_signal = sig;
}

void print_machines()
{
    std::printf("Supported machines are:\n");
    for (const board_builtin *b = board_builtin_list(); b && b->name; b++)
        std::printf("%-20s %s\n", b->name, b->description ? b->description : "");
}

} // namespace

int sc_main(int argc, char **argv)
{
    cosim::Options opts;
    std::string err;
    switch (cosim::parse_cli(argc, argv, &opts, &err)) {
    case cosim::CliAction::Help:
        std::fputs(cosim::cli_help_text(), stdout);
        return 0;
    case cosim::CliAction::Version:
        std::printf("cosim version 0.1.0 (SystemC %s)\n", sc_core::sc_release());
        return 0;
    case cosim::CliAction::MachineHelp:
        print_machines();
        return 0;
    case cosim::CliAction::LogHelp:
        std::fputs(cosim::cli_log_help_text().c_str(), stdout);
        return 0;
    case cosim::CliAction::Error:
        std::fprintf(stderr, "cosim: %s\n", err.c_str());
        return 1;
    case cosim::CliAction::Run:
        break;
    }

    opts.stop_flag = &cosim_stop_signal;
    std::unique_ptr<cosim::Platform> p = cosim::Platform::create(opts, &err);
    if (!p) {
        std::fprintf(stderr, "cosim: %s\n", err.c_str());
        return 1;
    }
    /* Only a platform that polls its inputs sees the flag; it is also the
     * only kind that may have put the terminal in raw mode.  Otherwise the
     * default action (terminate) is right. */
    if (p->polls_inputs()) {
        std::signal(SIGINT, cosim_on_signal);
        std::signal(SIGTERM, cosim_on_signal);
        std::signal(SIGHUP, cosim_on_signal);
    }
    return p->run();
}

/* Our own main() (it takes precedence over libsystemc's): SystemC's
 * copyright banner on stderr would break the "one line on stderr" rule
 * and clutter every run, so it is switched off before SystemC starts. */
int main(int argc, char **argv)
{
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
    return sc_core::sc_elab_and_sim(argc, argv);
}
