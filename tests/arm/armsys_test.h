/*
 * Shared fixture for the ARM system-side tests (test_sys_*, test_cp15*,
 * test_mmu*, test_semihost*): an ARM926 CPU on a plain C RAM bus.
 *
 * The bus is one RAM region [base, base + size); everything else answers
 * with a decode error, so tests can provoke external aborts.  Accesses are
 * counted so tests can tell a real walk from a cached one.
 */
#ifndef TESTS_ARM_ARMSYS_TEST_H
#define TESTS_ARM_ARMSYS_TEST_H

#include <stdlib.h>
#include <string.h>

#include "targets/arm/cpu.h"
#include "targets/arm/internals.h"

typedef struct armsys_ram {
    uint8_t *mem;
    uint64_t base, size;
    unsigned accesses;
} armsys_ram;

static tcg_bus_status armsys_ram_access(void *opaque, uint64_t addr, unsigned size, bool is_write,
                                        uint64_t *val, uint64_t insn_cycles, uint64_t *stall)
{
    armsys_ram *r = opaque;
    (void)insn_cycles;
    *stall = 0;
    r->accesses++;
    if (addr < r->base || addr + size > r->base + r->size)
        return TCG_BUS_DECODE_ERROR;
    uint8_t *p = r->mem + (addr - r->base);
    if (is_write) {
        for (unsigned i = 0; i < size; i++)
            p[i] = (uint8_t)(*val >> (8 * i));
    } else {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint64_t)p[i] << (8 * i);
        *val = v;
    }
    return TCG_BUS_OK;
}

static bool armsys_ram_dmi(void *opaque, uint64_t addr, bool for_write, tcg_dmi *out)
{
    armsys_ram *r = opaque;
    (void)for_write;
    if (addr < r->base || addr >= r->base + r->size)
        return false;
    out->host = r->mem;
    out->start = r->base;
    out->end = r->base + r->size - 1;
    out->can_read = out->can_write = true;
    out->read_latency_cycles = out->write_latency_cycles = 0;
    return true;
}

static uint64_t armsys_ram_debug(void *opaque, uint64_t addr, uint8_t *buf, uint64_t len,
                                 bool is_write)
{
    armsys_ram *r = opaque;
    uint64_t n = 0;
    while (n < len && addr + n >= r->base && addr + n < r->base + r->size) {
        uint8_t *p = r->mem + (addr + n - r->base);
        if (is_write)
            *p = buf[n];
        else
            buf[n] = *p;
        n++;
    }
    return n;
}

static const tcg_bus_ops armsys_ram_ops = {
    .access = armsys_ram_access,
    .get_dmi = armsys_ram_dmi,
    .debug_access = armsys_ram_debug,
};

typedef struct armsys_fixture {
    arm_cpu *cpu;
    armsys_ram ram;
} armsys_fixture;

/* A CPU after reset with `size` bytes of zeroed RAM at `base`. */
static inline bool armsys_setup(armsys_fixture *fx, uint64_t base, uint64_t size)
{
    memset(fx, 0, sizeof(*fx));
    fx->cpu = calloc(1, sizeof(arm_cpu));
    fx->ram.mem = calloc(1, size);
    fx->ram.base = base;
    fx->ram.size = size;
    if (!fx->cpu || !fx->ram.mem || !arm_cpu_init(fx->cpu, "arm926", "interp"))
        return false;
    fx->cpu->common.bus.ops = &armsys_ram_ops;
    fx->cpu->common.bus.opaque = &fx->ram;
    return true;
}

static inline void armsys_teardown(armsys_fixture *fx)
{
    if (fx->cpu) {
        arm_semihost_reset(fx->cpu);
        arm_translate_free(fx->cpu);
        tcg_cpu_destroy(&fx->cpu->common);
    }
    free(fx->cpu);
    free(fx->ram.mem);
}

static inline void armsys_w32(armsys_fixture *fx, uint64_t addr, uint32_t v)
{
    uint8_t *p = fx->ram.mem + (addr - fx->ram.base);
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

static inline uint32_t armsys_r32(armsys_fixture *fx, uint64_t addr)
{
    const uint8_t *p = fx->ram.mem + (addr - fx->ram.base);
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#endif
