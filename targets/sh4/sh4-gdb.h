/*
 * SH-4 registers by gdb number (targets/sh4/gdb-regs.c), for the GDB
 * stub's register callbacks: 59 32-bit registers in gdb's "sh4" order.
 */
#ifndef SH4_GDB_H
#define SH4_GDB_H

#include <stddef.h>
#include <stdint.h>

#include "targets/sh4/cpu.h"

#define SH4_GDB_NREGS 59

/* gdb name of register regnum ("r0" .. "r7b1"), NULL out of range. */
const char *sh4_gdb_reg_name(int regnum);
/* Read/write one register as little-endian bytes; return 4, or -22 for a
 * bad number or a buffer under 4 bytes. */
int sh4_gdb_read_reg(sh4_cpu *cpu, int regnum, uint8_t *buf, size_t len);
int sh4_gdb_write_reg(sh4_cpu *cpu, int regnum, const uint8_t *buf, size_t len);

#endif
