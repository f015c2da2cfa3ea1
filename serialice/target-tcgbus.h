/*
 * Serve the SerialICE target simulator from a platform bus: adapts a
 * tcg_bus (tcg/bus.h) to sice_target_bus so `cosim --serialice-target`
 * can make any simulated board answer the shell protocol.  Memory goes
 * through the bus's access() (device side effects happen, as on the real
 * board); there is no I/O port space on our guests, so I/O reads are
 * all-ones and writes vanish; MSR/CPUID are x86-only and answer all-ones.
 */
#ifndef SERIALICE_TARGET_TCGBUS_H
#define SERIALICE_TARGET_TCGBUS_H

#include "serialice/target-sim.h"
#include "tcg/bus.h"

#ifdef __cplusplus
extern "C" {
#endif

/* `bus` must outlive the returned callbacks. */
sice_target_bus sice_target_bus_from_tcg(const tcg_bus *bus);

#ifdef __cplusplus
}
#endif

#endif
