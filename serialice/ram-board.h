/*
 * A fake board for the SerialICE target simulator: RAM, an I/O port space,
 * a few MSRs and CPUID leaf 0.  Used by the tests and by the standalone
 * sice-target program so the client can be tried without hardware.
 *
 * Memory outside [base, base+size) is a bus error (the target answers
 * all-ones).  I/O ports are a flat 64 KiB little-endian byte space.
 * Unknown MSRs read as 0 and accept writes into a small table.
 */
#ifndef SERIALICE_RAM_BOARD_H
#define SERIALICE_RAM_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "serialice/status.h"
#include "serialice/target-sim.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SICE_RAM_BOARD_MSRS 16

typedef struct sice_ram_board {
    uint8_t *ram;
    uint64_t base, size;
    uint8_t *io;                /* 0x10000 bytes */
    struct { uint32_t msr; uint64_t val; bool used; } msr[SICE_RAM_BOARD_MSRS];
    uint32_t cpuid0[4];         /* eax, ebx, ecx, edx for leaf 0 */
} sice_ram_board;

sice_status sice_ram_board_init(sice_ram_board *b, uint64_t base, uint64_t size) SICE_WUR;
void sice_ram_board_free(sice_ram_board *b);
/* The callback bus for sice_target_init(). */
sice_target_bus sice_ram_board_bus(sice_ram_board *b);

#ifdef __cplusplus
}
#endif

#endif
