/*
 * ARM registers in gdb numbering (see gdb-arm.h).  Spec: GDB manual,
 * "ARM Features"; ARM ARM v5 A2.3-A2.5 (registers, CPSR, modes).
 */
#include "targets/arm/gdb-arm.h"

#include <stdio.h>

#include "gdb/debug-if.h"
#include "targets/arm/internals.h"

static void put32(uint8_t *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

int arm_gdb_read_reg(arm_cpu *cpu, int regnum, uint8_t *buf)
{
    if (regnum >= 0 && regnum < 16)
        put32(buf, cpu->regs[regnum]);
    else if (regnum == ARM_GDB_REG_CPSR)
        put32(buf, arm_cpsr_read(cpu));
    else
        return GDB_ERR_INVAL;
    return GDB_OK;
}

int arm_gdb_write_reg(arm_cpu *cpu, int regnum, const uint8_t *buf)
{
    uint32_t v = get32(buf);
    if (regnum >= 0 && regnum < 15) {
        cpu->regs[regnum] = v;
    } else if (regnum == 15) {
        cpu->regs[15] = (cpu->cpsr_rest & ARM_CPSR_T) ? v & ~1u : v & ~3u;
    } else if (regnum == ARM_GDB_REG_CPSR) {
        if (!arm_mode_valid(v & ARM_CPSR_M))
            return GDB_ERR_INVAL;
        arm_cpsr_write(cpu, v, 0xffffffffu);
    } else {
        return GDB_ERR_INVAL;
    }
    return GDB_OK;
}

static const char *mode_name(uint32_t m)
{
    switch (m) {
    case ARM_MODE_USR: return "usr";
    case ARM_MODE_FIQ: return "fiq";
    case ARM_MODE_IRQ: return "irq";
    case ARM_MODE_SVC: return "svc";
    case ARM_MODE_ABT: return "abt";
    case ARM_MODE_UND: return "und";
    case ARM_MODE_SYS: return "sys";
    default: return "???";
    }
}

void arm_gdb_describe(const arm_cpu *cpu, char *buf, size_t len)
{
    static const char *const bank_names[ARM_BANK_COUNT] = { "usr", "svc", "abt", "und", "irq", "fiq" };
    uint32_t cpsr = arm_cpsr_read(cpu), mode = cpsr & ARM_CPSR_M;
    int cur = arm_mode_bank(mode);
    size_t n = 0;
#define OUT(...)                                                              \
    do {                                                                      \
        int k_ = snprintf(buf + n, n < len ? len - n : 0, __VA_ARGS__);       \
        if (k_ > 0)                                                           \
            n += (size_t)k_;                                                  \
    } while (0)
    if (len)
        buf[0] = '\0';
    OUT("mode %s (%s state), IRQ %s, FIQ %s\n", mode_name(mode), (cpsr & ARM_CPSR_T) ? "Thumb" : "ARM",
        (cpsr & ARM_CPSR_I) ? "masked" : "enabled", (cpsr & ARM_CPSR_F) ? "masked" : "enabled");
    if (cur != ARM_BANK_USR)
        OUT("spsr     0x%08x\n", cpu->spsr);
    for (int b = 0; b < ARM_BANK_COUNT; b++) {
        if (b == cur)
            continue;   /* the current mode's copy is in r13/r14 */
        OUT("%s: r13 0x%08x r14 0x%08x", bank_names[b], cpu->banked_r13[b], cpu->banked_r14[b]);
        if (b != ARM_BANK_USR)
            OUT(" spsr 0x%08x", cpu->banked_spsr[b]);
        OUT("\n");
    }
    OUT("cp15: sctlr 0x%08x ttbr 0x%08x dacr 0x%08x dfsr 0x%08x ifsr 0x%08x far 0x%08x\n",
        cpu->cp15.sctlr, cpu->cp15.ttbr, cpu->cp15.dacr, cpu->cp15.dfsr, cpu->cp15.ifsr, cpu->cp15.far);
#undef OUT
}
