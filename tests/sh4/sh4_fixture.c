/*
 * SH-4 instruction-test fixture (see sh4_fixture.h).
 */
#include <stdlib.h>
#include <string.h>

#include "sh4_fixture.h"

#define SH4FIX_BUDGET 20000u

static uint8_t *sh4fix_host(sh4fix *f, uint32_t vaddr)
{
    uint32_t phys = vaddr & 0x1fffffffu;
    if (phys < SH4FIX_RAM_PHYS || phys >= SH4FIX_RAM_PHYS + SH4FIX_RAM_SIZE)
        abort();
    return f->ram + (phys - SH4FIX_RAM_PHYS);
}

sh4fix *sh4fix_new(void)
{
    return sh4fix_new_backend(NULL);
}

sh4fix *sh4fix_new_backend(const char *backend)
{
    sh4fix *f = calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    tcg_bus_map_init(&f->map);
    f->ram = tcg_bus_map_add_ram(&f->map, SH4FIX_RAM_PHYS, SH4FIX_RAM_SIZE, NULL);
    if (!f->ram || !sh4_cpu_init(&f->cpu, "sh7750", backend ? backend : "interp")) {
        tcg_bus_map_destroy(&f->map);
        free(f);
        return NULL;
    }
    const char *log = getenv("SH4FIX_LOG");
    if (log) {
        f->cpu.common.log.mask = (uint32_t)strtoul(log, NULL, 0);
        f->cpu.common.log.file = stderr;
    }
    sh4_cpu_attach_bus(&f->cpu, tcg_bus_map_bus(&f->map));
    f->cpu.intc_ack_addr = 0;
    static const uint16_t park[] = { 0xaffe, 0x0009 };   /* bra . ; nop */
    sh4fix_put16(f, SH4FIX_VBR + 0x100, park, 2);
    sh4fix_put16(f, SH4FIX_VBR + 0x400, park, 2);
    sh4fix_put16(f, SH4FIX_VBR + 0x600, park, 2);
    f->cpu.vbr = SH4FIX_VBR;
    sh4_sr_write(&f->cpu, SH4_SR_MD | SH4_SR_IMASK);
    sh4_fpscr_write(&f->cpu, 0);
    f->cpu.regs[15] = SH4FIX_STACK;
    return f;
}

void sh4fix_free(sh4fix *f)
{
    if (!f)
        return;
    sh4_cpu_destroy(&f->cpu);
    tcg_bus_map_destroy(&f->map);
    free(f);
}

void sh4fix_set_tb_insns(sh4fix *f, uint32_t n)
{
    f->cpu.common.max_insns_per_tb = n;
}

void sh4fix_put16(sh4fix *f, uint32_t vaddr, const uint16_t *code, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t *p = sh4fix_host(f, vaddr + 2 * (uint32_t)i);
        p[0] = (uint8_t)code[i];
        p[1] = (uint8_t)(code[i] >> 8);
    }
    tcg_tb_flush(&f->cpu.common);
}

void sh4fix_load(sh4fix *f, const uint16_t *code, size_t n)
{
    static const uint16_t term[] = { 0xaffe, 0x0009 };
    sh4fix_put16(f, SH4FIX_CODE, code, n);
    f->end = SH4FIX_CODE + 2 * (uint32_t)n;
    sh4fix_put16(f, f->end, term, 2);
    f->cpu.pc = SH4FIX_CODE;
}

bool sh4fix_run(sh4fix *f)
{
    tcg_cpu_exec(&f->cpu.common, SH4FIX_BUDGET);
    return f->cpu.pc == f->end;
}

uint32_t sh4fix_rd32(sh4fix *f, uint32_t vaddr)
{
    const uint8_t *p = sh4fix_host(f, vaddr);
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void sh4fix_wr32(sh4fix *f, uint32_t vaddr, uint32_t v)
{
    uint8_t *p = sh4fix_host(f, vaddr);
    for (unsigned i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

uint16_t sh4fix_rd16(sh4fix *f, uint32_t vaddr)
{
    const uint8_t *p = sh4fix_host(f, vaddr);
    return (uint16_t)(p[0] | p[1] << 8);
}

uint8_t sh4fix_rd8(sh4fix *f, uint32_t vaddr)
{
    return *sh4fix_host(f, vaddr);
}
