/*
 * SerialICE bridge core: one guest access in, routed by the rules to the
 * real board (through the client), to the simulated device, or both,
 * rewritten if a rule says so, and logged.  This is the whole behaviour of
 * the SerialICE TLM target module; the (later) SystemC wrapper only turns
 * a tlm_generic_payload into sice_bridge_access() and adds latency.
 *
 * Policy:
 *   - reads routed to both: the simulated device is read too (its side
 *     effects happen), the board's value is returned;
 *   - writes: the (rewritten) value goes to every destination;
 *   - the simulated device returning false is a bus error for the guest
 *     (SICE_ERR_IO), not a SerialICE failure;
 *   - a SerialICE failure (the client has already retried once) stops the
 *     bridge: the log gets an info line naming the failure and is
 *     flushed, b->stop_msg holds the message, and this and every later
 *     access return SICE_ERR_STOPPED: the caller stops the simulation.
 * The hardware sees 32-bit addresses (the wire format); an access above
 * 4 GiB routed to hardware also stops the bridge with a message.
 */
#ifndef SERIALICE_BRIDGE_H
#define SERIALICE_BRIDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "serialice/client.h"
#include "serialice/log.h"
#include "serialice/rules.h"
#include "serialice/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The simulated side: the device (or bus) the bridge stands in front of. */
typedef bool (*sice_sim_access_fn)(void *opaque, sice_space space, uint64_t addr, unsigned size,
                                   bool is_write, uint64_t *val);

typedef struct sice_bridge {
    sice_client *client;      /* NULL: no board (every HW route fails) */
    const sice_rules *rules;
    sice_log *log;            /* NULL: no log                          */
    sice_sim_access_fn sim;   /* NULL: no simulated device (reads 0)   */
    void *sim_opaque;
    bool stopped;
    char stop_msg[SICE_MSG + 64];
    uint64_t to_hw, to_sim;   /* access counts                         */
} sice_bridge;

void sice_bridge_init(sice_bridge *b, sice_client *client, const sice_rules *rules,
                      sice_log *log, sice_sim_access_fn sim, void *sim_opaque);

/* One access of size 1/2/4/8 at addr by the instruction at pc. */
sice_status sice_bridge_access(sice_bridge *b, sice_space space, uint64_t addr, unsigned size,
                               bool is_write, uint64_t *val, uint32_t pc) SICE_WUR;

/* Flush the log (call when the simulation ends for any reason). */
sice_status sice_bridge_finish(sice_bridge *b) SICE_WUR;

#ifdef __cplusplus
}
#endif

#endif
