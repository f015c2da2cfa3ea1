/*
 * The ARM CPU seen by a debugger in gdb's register numbering
 * (org.gnu.gdb.arm.core: r0-r12, sp = 13, lr = 14, pc = 15, cpsr = 25;
 * see gdb/arch-arm.c for the layout the stub serves).  Values are 4
 * bytes, little-endian (target byte order).
 *
 * Reads see the current mode's registers; pc is the address of the next
 * instruction (not the pipeline's +8).  A cpsr write goes through
 * arm_cpsr_write, so a mode change swaps the register banks as MSR would;
 * an invalid mode field is refused.  A pc write in Thumb state clears
 * bit 0.
 */
#ifndef ARM_GDB_ARM_H
#define ARM_GDB_ARM_H

#include <stddef.h>
#include <stdint.h>

#include "targets/arm/cpu.h"

#define ARM_GDB_REG_CPSR 25

/* 0 (GDB_OK), or GDB_ERR_INVAL for a register the ARM926 does not have. */
__attribute__((warn_unused_result)) int arm_gdb_read_reg(arm_cpu *cpu, int regnum, uint8_t *buf);
__attribute__((warn_unused_result)) int arm_gdb_write_reg(arm_cpu *cpu, int regnum, const uint8_t *buf);
/* Text for "monitor info registers": mode, SPSR, banked registers, CP15. */
void arm_gdb_describe(const arm_cpu *cpu, char *buf, size_t len);

#endif
