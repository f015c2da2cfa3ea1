/*
 * A fake board for the SerialICE target simulator (see ram-board.h).
 * Values are little-endian in the byte arrays, as on the guests we model.
 */
#include "serialice/ram-board.h"

#include <stdlib.h>
#include <string.h>

sice_status sice_ram_board_init(sice_ram_board *b, uint64_t base, uint64_t size)
{
    memset(b, 0, sizeof *b);
    if (size == 0 || size > (1ull << 30) || base + size < base)
        return SICE_ERR_ARG;
    b->ram = calloc(1, size);
    b->io = calloc(1, 0x10000);
    if (!b->ram || !b->io) {
        sice_ram_board_free(b);
        return SICE_ERR_IO;
    }
    b->base = base;
    b->size = size;
    /* Leaf 0: max leaf 0, vendor "CosimSICEsim" (ebx, edx, ecx order). */
    b->cpuid0[0] = 0;
    memcpy(&b->cpuid0[1], "Cosi", 4);
    memcpy(&b->cpuid0[3], "mSIC", 4);
    memcpy(&b->cpuid0[2], "Esim", 4);
    return SICE_OK;
}

void sice_ram_board_free(sice_ram_board *b)
{
    free(b->ram);
    free(b->io);
    b->ram = b->io = NULL;
}

static uint64_t get_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = size; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

static void put_le(uint8_t *p, unsigned size, uint64_t v)
{
    for (unsigned i = 0; i < size; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

static bool in_ram(const sice_ram_board *b, uint64_t addr, unsigned size)
{
    return size <= b->size && addr >= b->base && addr - b->base <= b->size - size;
}

static bool mem_read(void *opaque, uint64_t addr, unsigned size, uint64_t *val)
{
    sice_ram_board *b = opaque;
    if (!in_ram(b, addr, size))
        return false;
    *val = get_le(b->ram + (addr - b->base), size);
    return true;
}

static bool mem_write(void *opaque, uint64_t addr, unsigned size, uint64_t val)
{
    sice_ram_board *b = opaque;
    if (!in_ram(b, addr, size))
        return false;
    put_le(b->ram + (addr - b->base), size, val);
    return true;
}

static bool io_read(void *opaque, uint32_t port, unsigned size, uint64_t *val)
{
    sice_ram_board *b = opaque;
    if (port > 0x10000u - size)
        return false;
    *val = get_le(b->io + port, size);
    return true;
}

static bool io_write(void *opaque, uint32_t port, unsigned size, uint64_t val)
{
    sice_ram_board *b = opaque;
    if (port > 0x10000u - size)
        return false;
    put_le(b->io + port, size, val);
    return true;
}

static bool rdmsr(void *opaque, uint32_t msr, uint32_t key, uint64_t *val)
{
    sice_ram_board *b = opaque;
    *val = 0;
    for (unsigned i = 0; i < SICE_RAM_BOARD_MSRS; i++)
        if (b->msr[i].used && b->msr[i].msr == msr)
            *val = b->msr[i].val;
    return true;
}

static bool wrmsr(void *opaque, uint32_t msr, uint32_t key, uint64_t val)
{
    sice_ram_board *b = opaque;
    for (unsigned i = 0; i < SICE_RAM_BOARD_MSRS; i++) {
        if (!b->msr[i].used || b->msr[i].msr == msr) {
            b->msr[i].used = true;
            b->msr[i].msr = msr;
            b->msr[i].val = val;
            return true;
        }
    }
    return false;
}

static bool cpuid(void *opaque, uint32_t eax, uint32_t ecx, uint32_t out[4])
{
    sice_ram_board *b = opaque;
    if (eax != 0)
        return false;
    memcpy(out, b->cpuid0, sizeof b->cpuid0);
    return true;
}

sice_target_bus sice_ram_board_bus(sice_ram_board *b)
{
    return (sice_target_bus){
        .mem_read = mem_read, .mem_write = mem_write,
        .io_read = io_read,   .io_write = io_write,
        .rdmsr = rdmsr,       .wrmsr = wrmsr,
        .cpuid = cpuid,       .opaque = b,
    };
}
