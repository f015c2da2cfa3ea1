/*
 * The bus port: how a CPU reaches memory and devices.
 *
 * The CPU never knows what is behind it.  In the product the tlm-bridge
 * implements these callbacks with TLM-2.0 b_transport / get_direct_mem_ptr
 * on the CPU's initiator socket; unit tests implement them with a plain C
 * map (tcg/bus-map.h).
 *
 * Values cross the port as little-endian integers of 1, 2, 4 or 8 bytes
 * (both supported guests are little-endian).
 */
#ifndef TCG_BUS_H
#define TCG_BUS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum tcg_bus_status {
    TCG_BUS_OK = 0,
    TCG_BUS_ERROR,         /* slave error: the guest gets an external abort  */
    TCG_BUS_DECODE_ERROR,  /* nothing mapped there: the guest gets an abort  */
} tcg_bus_status;

/* A direct memory interface grant: [start, end] (inclusive) maps to host. */
typedef struct tcg_dmi {
    uint8_t *host;         /* host address of `start` */
    uint64_t start, end;
    bool can_read, can_write;
    uint32_t read_latency_cycles, write_latency_cycles;  /* per access, charged by the CPU */
} tcg_dmi;

typedef struct tcg_bus_ops {
    /*
     * One access from the CPU.  `insn_cycles` is the CPU's cycle count at
     * this instruction (exact, not rounded to the TB), so the bus can
     * annotate the transaction with the CPU's local time.  Extra latency
     * the access costs is returned in *stall_cycles (may be 0).
     */
    tcg_bus_status (*access)(void *opaque, uint64_t addr, unsigned size, bool is_write,
                             uint64_t *val, uint64_t insn_cycles, uint64_t *stall_cycles);
    /* Ask for a DMI grant covering addr; false when the target refuses. */
    bool (*get_dmi)(void *opaque, uint64_t addr, bool for_write, tcg_dmi *out);
    /* Debugger/loader access: no side effects on timing, may cross regions.
     * Returns the number of bytes transferred (less than len on a hole). */
    uint64_t (*debug_access)(void *opaque, uint64_t addr, uint8_t *buf, uint64_t len, bool is_write);
} tcg_bus_ops;

typedef struct tcg_bus {
    const tcg_bus_ops *ops;
    void *opaque;
} tcg_bus;

#endif
