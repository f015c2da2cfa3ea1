/*
 * SH-4 registers in gdb numbering, for the GDB stub (gdb/): the layout
 * gdb uses with "set architecture sh4" (QEMU serves no target XML for it):
 * 59 registers of 32 bits in
 * target (little-endian) byte order:
 *    0-15 r0-r15 (current bank)  16 pc  17 pr  18 gbr  19 vbr  20 mach
 *   21 macl  22 sr  23 fpul  24 fpscr  25-40 fr0-fr15 (current FP bank)
 *   41 ssr  42 spc  43-50 r0b0-r7b0  51-58 r0b1-r7b1
 * The gdb side's gdb_arch table (gdb/arch-sh4.c) lists these names and
 * numbers; this file maps them to sh4_cpu state.  Writing sr or fpscr
 * goes through sh4_sr_write / sh4_fpscr_write (bank swaps) and drops
 * translated code that depends on them (TB flags cover it).
 */
#include <string.h>

#include "targets/sh4/internals.h"
#include "targets/sh4/sh4-gdb.h"

static const char *const sh4_gdb_names[SH4_GDB_NREGS] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    "pc", "pr", "gbr", "vbr", "mach", "macl", "sr", "fpul", "fpscr",
    "fr0", "fr1", "fr2", "fr3", "fr4", "fr5", "fr6", "fr7",
    "fr8", "fr9", "fr10", "fr11", "fr12", "fr13", "fr14", "fr15",
    "ssr", "spc",
    "r0b0", "r1b0", "r2b0", "r3b0", "r4b0", "r5b0", "r6b0", "r7b0",
    "r0b1", "r1b1", "r2b1", "r3b1", "r4b1", "r5b1", "r6b1", "r7b1",
};

const char *sh4_gdb_reg_name(int regnum)
{
    return regnum >= 0 && regnum < SH4_GDB_NREGS ? sh4_gdb_names[regnum] : NULL;
}

static bool sh4_bank1_active(const sh4_cpu *cpu)
{
    return (cpu->sr & (SH4_SR_MD | SH4_SR_RB)) == (SH4_SR_MD | SH4_SR_RB);
}

/* Where R0-R7 of `bank` live now: regs[] if that bank is current. */
static uint32_t *sh4_gdb_bank_reg(sh4_cpu *cpu, unsigned bank, unsigned i)
{
    return (bank == 1) == sh4_bank1_active(cpu) ? &cpu->regs[i] : &cpu->bank[i];
}

static uint32_t *sh4_gdb_slot(sh4_cpu *cpu, int n)
{
    if (n < 16)
        return &cpu->regs[n];
    if (n >= 25 && n <= 40)
        return &cpu->fregs[n - 25];
    if (n >= 43 && n <= 58)
        return sh4_gdb_bank_reg(cpu, n >= 51, (unsigned)(n - 43) & 7);
    switch (n) {
    case 16: return &cpu->pc;
    case 17: return &cpu->pr;
    case 18: return &cpu->gbr;
    case 19: return &cpu->vbr;
    case 20: return &cpu->mach;
    case 21: return &cpu->macl;
    case 23: return &cpu->fpul;
    case 41: return &cpu->ssr;
    case 42: return &cpu->spc;
    default: return NULL;
    }
}

int sh4_gdb_read_reg(sh4_cpu *cpu, int regnum, uint8_t *buf, size_t len)
{
    uint32_t v;
    if (regnum < 0 || regnum >= SH4_GDB_NREGS || len < 4)
        return -22;
    if (regnum == 22)
        v = sh4_sr_read(cpu);
    else if (regnum == 24)
        v = cpu->fpscr;
    else
        v = *sh4_gdb_slot(cpu, regnum);
    for (int i = 0; i < 4; i++)
        buf[i] = (uint8_t)(v >> (8 * i));
    return 4;
}

int sh4_gdb_write_reg(sh4_cpu *cpu, int regnum, const uint8_t *buf, size_t len)
{
    if (regnum < 0 || regnum >= SH4_GDB_NREGS || len < 4)
        return -22;
    uint32_t v = (uint32_t)buf[0] | (uint32_t)buf[1] << 8 | (uint32_t)buf[2] << 16 |
                 (uint32_t)buf[3] << 24;
    if (regnum == 22)
        sh4_sr_write(cpu, v);
    else if (regnum == 24)
        sh4_fpscr_write(cpu, v);
    else if (regnum == 16)
        cpu->pc = v & ~1u;
    else
        *sh4_gdb_slot(cpu, regnum) = v;
    return 4;
}
