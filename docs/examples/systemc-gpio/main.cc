/*
 * example_systemc_gpio: the Versatile PB from cosim::Platform plus a
 * user's SystemC GPIO (gpio.h) at 0x10150000, its interrupt on VIC input
 * 20 (both unused by the board), and a loop-back "cable" outside the SoC.
 *
 *   example_systemc_gpio -kernel gpio_demo.elf -semihosting [cosim options]
 *
 * It takes the same options as the cosim program (cosim::parse_cli).
 */
#include <cstdio>
#include <cstdlib>

#include "cosim/options.h"
#include "cosim/platform.h"
#include "gpio.h"

int sc_main(int argc, char **argv)
{
    cosim::Options opts;
    std::string err;
    if (cosim::parse_cli(argc, argv, &opts, &err) != cosim::CliAction::Run) {
        std::fprintf(stderr, "example_systemc_gpio: %s\n",
                     err.empty() ? "usage: example_systemc_gpio -kernel FW.elf [cosim options]" : err.c_str());
        return 1;
    }
    auto platform = cosim::Platform::create(opts, &err);
    if (!platform) {
        std::fprintf(stderr, "example_systemc_gpio: %s\n", err.c_str());
        return 1;
    }

    Gpio gpio("gpio");
    Loopback cable("cable");
    sc_core::sc_signal<uint32_t> out_pins("out_pins"), in_pins("in_pins");
    gpio.pins_out(out_pins);
    cable.from(out_pins);
    cable.to(in_pins);
    gpio.pins_in(in_pins);

    if (!platform->attach(gpio.socket, 0x10150000, 0x1000, &err, "gpio") ||
        !platform->connect_irq(20, gpio.irq, &err)) {
        std::fprintf(stderr, "example_systemc_gpio: %s\n", err.c_str());
        return 1;
    }
    return platform->run();
}

/* Keep SystemC's banner off stderr (our main() wins over libsystemc's). */
int main(int argc, char **argv)
{
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
    return sc_core::sc_elab_and_sim(argc, argv);
}
