/*
 * tcg_bus_map: a plain C implementation of the bus port (bus.h) for unit
 * tests and for embeddings without SystemC.
 *
 *   tcg_bus_map m;
 *   tcg_bus_map_init(&m);
 *   uint8_t *ram = tcg_bus_map_add_ram(&m, 0x0, 0x100000, NULL);   // allocated
 *   tcg_bus_map_add_mmio(&m, 0x101f1000, 0x1000, uart_read, uart_write, uart);
 *   cpu->bus = tcg_bus_map_bus(&m);
 *
 * Regions never overlap (adding an overlapping one fails).  RAM and ROM
 * are host memory and grant DMI (ROM: read only; writes to ROM through
 * the bus are ignored and return OK).  MMIO regions call back with the
 * offset inside the region.  Anything else is TCG_BUS_DECODE_ERROR.
 * debug_access reads/writes RAM and ROM (also ROM writes, for loaders)
 * and stops at MMIO or holes.
 */
#ifndef TCG_BUS_MAP_H
#define TCG_BUS_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "tcg.h"

typedef tcg_bus_status (*tcg_bus_map_read_fn)(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
typedef tcg_bus_status (*tcg_bus_map_write_fn)(void *opaque, uint64_t offset, unsigned size, uint64_t val);

typedef enum tcg_bus_map_kind { TCG_BUS_MAP_RAM, TCG_BUS_MAP_ROM, TCG_BUS_MAP_MMIO } tcg_bus_map_kind;

typedef struct tcg_bus_map_region {
    uint64_t base, size;
    tcg_bus_map_kind kind;
    uint8_t *host;               /* RAM/ROM */
    bool owned;                  /* host allocated by the map */
    tcg_bus_map_read_fn read;    /* MMIO */
    tcg_bus_map_write_fn write;
    void *opaque;
    uint32_t latency;            /* stall cycles per access (MMIO), DMI latency (RAM/ROM) */
} tcg_bus_map_region;

#define TCG_BUS_MAP_MAX_REGIONS 64

typedef struct tcg_bus_map {
    tcg_bus_map_region regions[TCG_BUS_MAP_MAX_REGIONS];
    unsigned n_regions;
    uint64_t n_accesses;         /* bus (non-DMI) accesses seen, for tests */
    bool dmi_enabled;            /* false: refuse DMI (everything via access) */
} tcg_bus_map;

void tcg_bus_map_init(tcg_bus_map *m);
void tcg_bus_map_destroy(tcg_bus_map *m);
/* host NULL: allocate (zeroed).  Returns the host memory, NULL on failure. */
TCG_WUR uint8_t *tcg_bus_map_add_ram(tcg_bus_map *m, uint64_t base, uint64_t size, uint8_t *host);
TCG_WUR uint8_t *tcg_bus_map_add_rom(tcg_bus_map *m, uint64_t base, uint64_t size, uint8_t *host);
TCG_WUR bool tcg_bus_map_add_mmio(tcg_bus_map *m, uint64_t base, uint64_t size, tcg_bus_map_read_fn read,
                                  tcg_bus_map_write_fn write, void *opaque);
/* The region containing addr, or NULL. */
tcg_bus_map_region *tcg_bus_map_find(tcg_bus_map *m, uint64_t addr);
tcg_bus tcg_bus_map_bus(tcg_bus_map *m);

extern const tcg_bus_ops tcg_bus_map_ops;

#endif
