/*
 * tcg_bus -> sice_target_bus adapter (see target-tcgbus.h).  Only memory is
 * wired; the debug interface is not used because the board side of
 * SerialICE performs real accesses with their side effects.
 */
#include "serialice/target-tcgbus.h"

static bool mem_read(void *opaque, uint64_t addr, unsigned size, uint64_t *val)
{
    const tcg_bus *bus = opaque;
    uint64_t stall = 0;
    *val = 0;
    return bus->ops->access(bus->opaque, addr, size, false, val, 0, &stall) == TCG_BUS_OK;
}

static bool mem_write(void *opaque, uint64_t addr, unsigned size, uint64_t val)
{
    const tcg_bus *bus = opaque;
    uint64_t stall = 0;
    return bus->ops->access(bus->opaque, addr, size, true, &val, 0, &stall) == TCG_BUS_OK;
}

sice_target_bus sice_target_bus_from_tcg(const tcg_bus *bus)
{
    return (sice_target_bus){
        .mem_read = mem_read,
        .mem_write = mem_write,
        .opaque = (void *)bus,
    };
}
