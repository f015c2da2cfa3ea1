/*
 * tcg_bus_map: the plain C bus (see bus-map.h).  Regions are kept in an
 * unsorted array; lookups are linear, which is fine for the few regions
 * a test uses and because RAM/ROM accesses go through DMI anyway.
 */
#include <stdlib.h>
#include <string.h>

#include "bus-map.h"

void tcg_bus_map_init(tcg_bus_map *m)
{
    memset(m, 0, sizeof(*m));
    m->dmi_enabled = true;
}

void tcg_bus_map_destroy(tcg_bus_map *m)
{
    for (unsigned i = 0; i < m->n_regions; i++)
        if (m->regions[i].owned)
            free(m->regions[i].host);
    m->n_regions = 0;
}

tcg_bus_map_region *tcg_bus_map_find(tcg_bus_map *m, uint64_t addr)
{
    for (unsigned i = 0; i < m->n_regions; i++) {
        tcg_bus_map_region *r = &m->regions[i];
        if (addr >= r->base && addr - r->base < r->size)
            return r;
    }
    return NULL;
}

static tcg_bus_map_region *add(tcg_bus_map *m, uint64_t base, uint64_t size)
{
    if (size == 0 || m->n_regions >= TCG_BUS_MAP_MAX_REGIONS || base + size - 1 < base)
        return NULL;
    for (unsigned i = 0; i < m->n_regions; i++) {
        const tcg_bus_map_region *r = &m->regions[i];
        if (base < r->base + r->size && r->base < base + size)
            return NULL;
    }
    tcg_bus_map_region *r = &m->regions[m->n_regions];
    memset(r, 0, sizeof(*r));
    r->base = base;
    r->size = size;
    return r;
}

static uint8_t *add_mem(tcg_bus_map *m, uint64_t base, uint64_t size, uint8_t *host, tcg_bus_map_kind kind)
{
    tcg_bus_map_region *r = add(m, base, size);
    if (!r)
        return NULL;
    if (!host) {
        host = calloc(1, size);
        if (!host)
            return NULL;
        r->owned = true;
    }
    r->kind = kind;
    r->host = host;
    m->n_regions++;
    return host;
}

uint8_t *tcg_bus_map_add_ram(tcg_bus_map *m, uint64_t base, uint64_t size, uint8_t *host)
{
    return add_mem(m, base, size, host, TCG_BUS_MAP_RAM);
}

uint8_t *tcg_bus_map_add_rom(tcg_bus_map *m, uint64_t base, uint64_t size, uint8_t *host)
{
    return add_mem(m, base, size, host, TCG_BUS_MAP_ROM);
}

bool tcg_bus_map_add_mmio(tcg_bus_map *m, uint64_t base, uint64_t size, tcg_bus_map_read_fn read,
                          tcg_bus_map_write_fn write, void *opaque)
{
    tcg_bus_map_region *r = add(m, base, size);
    if (!r)
        return false;
    r->kind = TCG_BUS_MAP_MMIO;
    r->read = read;
    r->write = write;
    r->opaque = opaque;
    m->n_regions++;
    return true;
}

static tcg_bus_status map_access(void *opaque, uint64_t addr, unsigned size, bool is_write,
                                 uint64_t *val, uint64_t insn_cycles, uint64_t *stall_cycles)
{
    tcg_bus_map *m = opaque;
    m->n_accesses++;
    *stall_cycles = 0;
    tcg_bus_map_region *r = tcg_bus_map_find(m, addr);
    if (!r || addr + size - 1 - r->base >= r->size)
        return TCG_BUS_DECODE_ERROR;
    *stall_cycles = r->latency;
    uint64_t off = addr - r->base;
    switch (r->kind) {
    case TCG_BUS_MAP_RAM:
    case TCG_BUS_MAP_ROM:
        if (is_write) {
            if (r->kind == TCG_BUS_MAP_RAM)
                memcpy(r->host + off, val, size);     /* little-endian host */
        } else {
            *val = 0;
            memcpy(val, r->host + off, size);
        }
        return TCG_BUS_OK;
    case TCG_BUS_MAP_MMIO:
        if (is_write)
            return r->write ? r->write(r->opaque, off, size, *val) : TCG_BUS_ERROR;
        *val = 0;
        return r->read ? r->read(r->opaque, off, size, val) : TCG_BUS_ERROR;
    }
    return TCG_BUS_DECODE_ERROR;
}

static bool map_get_dmi(void *opaque, uint64_t addr, bool for_write, tcg_dmi *out)
{
    tcg_bus_map *m = opaque;
    tcg_bus_map_region *r = tcg_bus_map_find(m, addr);
    if (!m->dmi_enabled || !r || r->kind == TCG_BUS_MAP_MMIO)
        return false;
    if (for_write && r->kind == TCG_BUS_MAP_ROM)
        return false;
    *out = (tcg_dmi){
        .host = r->host, .start = r->base, .end = r->base + r->size - 1,
        .can_read = true, .can_write = r->kind == TCG_BUS_MAP_RAM,
        .read_latency_cycles = r->latency, .write_latency_cycles = r->latency,
    };
    return true;
}

static uint64_t map_debug_access(void *opaque, uint64_t addr, uint8_t *buf, uint64_t len, bool is_write)
{
    tcg_bus_map *m = opaque;
    uint64_t done = 0;
    while (done < len) {
        tcg_bus_map_region *r = tcg_bus_map_find(m, addr + done);
        if (!r || r->kind == TCG_BUS_MAP_MMIO)
            break;
        uint64_t off = addr + done - r->base;
        uint64_t n = r->size - off;
        if (n > len - done)
            n = len - done;
        if (is_write)
            memcpy(r->host + off, buf + done, n);
        else
            memcpy(buf + done, r->host + off, n);
        done += n;
    }
    return done;
}

const tcg_bus_ops tcg_bus_map_ops = {
    .access = map_access,
    .get_dmi = map_get_dmi,
    .debug_access = map_debug_access,
};

tcg_bus tcg_bus_map_bus(tcg_bus_map *m)
{
    return (tcg_bus){ &tcg_bus_map_ops, m };
}
