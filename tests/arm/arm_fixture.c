/*
 * ARM instruction-test fixture (see arm_fixture.h): RAM bus with DMI, a
 * program loader and a budgeted run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arm_fixture.h"

#define ARMFIX_BUDGET 20000u

static tcg_bus_status armfix_access(void *opaque, uint64_t addr, unsigned size, bool is_write,
                                    uint64_t *val, uint64_t insn_cycles, uint64_t *stall)
{
    armfix *f = opaque;
    *stall = 0;
    f->bus_accesses++;
    if (addr + size > ARMFIX_RAM_SIZE)
        return TCG_BUS_DECODE_ERROR;
    if (is_write) {
        for (unsigned i = 0; i < size; i++)
            f->ram[addr + i] = (uint8_t)(*val >> (8 * i));
    } else {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint64_t)f->ram[addr + i] << (8 * i);
        *val = v;
    }
    return TCG_BUS_OK;
}

static bool armfix_get_dmi(void *opaque, uint64_t addr, bool for_write, tcg_dmi *out)
{
    armfix *f = opaque;
    if (addr >= ARMFIX_RAM_SIZE)
        return false;
    memset(out, 0, sizeof(*out));
    out->host = f->ram;
    out->start = 0;
    out->end = ARMFIX_RAM_SIZE - 1;
    out->can_read = out->can_write = true;
    return true;
}

static uint64_t armfix_debug(void *opaque, uint64_t addr, uint8_t *buf, uint64_t len, bool is_write)
{
    armfix *f = opaque;
    if (addr >= ARMFIX_RAM_SIZE)
        return 0;
    if (len > ARMFIX_RAM_SIZE - addr)
        len = ARMFIX_RAM_SIZE - addr;
    if (is_write)
        memcpy(f->ram + addr, buf, len);
    else
        memcpy(buf, f->ram + addr, len);
    return len;
}

static const tcg_bus_ops armfix_bus_ops = {
    .access = armfix_access,
    .get_dmi = armfix_get_dmi,
    .debug_access = armfix_debug,
};

armfix *armfix_new(void)
{
    armfix *f = calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    f->ram = calloc(1, ARMFIX_RAM_SIZE);
    /* ARMFIX_BACKEND=jit runs the same tests on the JIT (the "armjit."
     * copies of the tests set it, see CMakeLists.txt) */
    const char *backend = getenv("ARMFIX_BACKEND");
    if (!f->ram || !arm_cpu_init(&f->cpu, "arm926", backend && *backend ? backend : "interp")) {
        free(f->ram);
        free(f);
        return NULL;
    }
    /* ARMFIX_LOG=<mask of TCG_LOG_*> logs translation while debugging a test */
    const char *log = getenv("ARMFIX_LOG");
    if (log) {
        f->cpu.common.log.mask = (uint32_t)strtoul(log, NULL, 0);
        f->cpu.common.log.file = stderr;
    }
    f->cpu.common.bus.ops = &armfix_bus_ops;
    f->cpu.common.bus.opaque = f;
    for (uint32_t v = 0; v < 0x20; v += 4)
        armfix_wr32(f, v, 0xeafffffe);          /* b . */
    f->cpu.regs[13] = ARMFIX_STACK;
    f->cpu.NF = f->cpu.CF = f->cpu.VF = f->cpu.QF = 0;
    f->cpu.ZF = 1;
    return f;
}

void armfix_free(armfix *f)
{
    if (!f)
        return;
    arm_translate_free(&f->cpu);
    tcg_cpu_destroy(&f->cpu.common);
    free(f->ram);
    free(f);
}

void armfix_set_tb_insns(armfix *f, uint32_t n)
{
    f->cpu.common.max_insns_per_tb = n;
}

void armfix_put32(armfix *f, uint32_t addr, const uint32_t *code, size_t n)
{
    for (size_t i = 0; i < n; i++)
        armfix_wr32(f, addr + 4 * (uint32_t)i, code[i]);
}

void armfix_put16(armfix *f, uint32_t addr, const uint16_t *code, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        f->ram[addr + 2 * i] = (uint8_t)code[i];
        f->ram[addr + 2 * i + 1] = (uint8_t)(code[i] >> 8);
    }
}

void armfix_a32(armfix *f, const uint32_t *code, size_t n)
{
    static const uint32_t term = 0xeafffffe;    /* b . */
    armfix_put32(f, ARMFIX_CODE, code, n);
    f->end = ARMFIX_CODE + 4 * (uint32_t)n;
    armfix_put32(f, f->end, &term, 1);
    f->cpu.cpsr_rest &= ~ARM_CPSR_T;
    f->cpu.regs[15] = ARMFIX_CODE;
    tcg_tb_flush(&f->cpu.common);
}

void armfix_t16(armfix *f, const uint16_t *code, size_t n)
{
    static const uint16_t term = 0xe7fe;        /* b . */
    armfix_put16(f, ARMFIX_CODE, code, n);
    f->end = ARMFIX_CODE + 2 * (uint32_t)n;
    armfix_put16(f, f->end, &term, 1);
    f->cpu.cpsr_rest |= ARM_CPSR_T;
    f->cpu.regs[15] = ARMFIX_CODE;
    tcg_tb_flush(&f->cpu.common);
}

bool armfix_run(armfix *f)
{
    tcg_cpu_exec(&f->cpu.common, ARMFIX_BUDGET);
    return f->cpu.regs[15] == f->end;
}

uint32_t armfix_rd32(armfix *f, uint32_t addr)
{
    return (uint32_t)f->ram[addr] | (uint32_t)f->ram[addr + 1] << 8 |
           (uint32_t)f->ram[addr + 2] << 16 | (uint32_t)f->ram[addr + 3] << 24;
}

void armfix_wr32(armfix *f, uint32_t addr, uint32_t v)
{
    for (unsigned i = 0; i < 4; i++)
        f->ram[addr + i] = (uint8_t)(v >> (8 * i));
}

uint8_t armfix_rd8(armfix *f, uint32_t addr)
{
    return f->ram[addr];
}

void armfix_set_nzcv(armfix *f, unsigned nzcv)
{
    arm_cpsr_write(&f->cpu, (uint32_t)nzcv << 28, ARM_CPSR_NZCV);
}

unsigned armfix_nzcv(armfix *f)
{
    return arm_cpsr_read(&f->cpu) >> 28;
}

uint32_t armfix_cpsr(armfix *f)
{
    return arm_cpsr_read(&f->cpu);
}

uint32_t armfix_mode(armfix *f)
{
    return f->cpu.cpsr_rest & ARM_CPSR_M;
}

bool armfix_thumb(armfix *f)
{
    return (f->cpu.cpsr_rest & ARM_CPSR_T) != 0;
}
