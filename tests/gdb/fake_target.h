/*
 * A fake machine behind gdb_debug_if for the stub tests, the fuzz harness
 * and the end-to-end gdb test: two CPUs (CPU 0 ARM core registers only,
 * CPU 1 with VFP d0-d15), 16 KiB of RAM at FAKE_MEM_BASE (everything else
 * unmapped), and a tiny word-coded ISA so "running" can hit breakpoints,
 * watchpoints, steps and exits:
 *
 *   0x01AAAAAA  store r0 (4 bytes) to 0x00AAAAAA
 *   0x02AAAAAA  load r0 from 0x00AAAAAA
 *   0x03AAAAAA  jump to 0x00AAAAAA
 *   0xFF0000CC  exit with code CC
 *   other       r1 += 1 (a "nop" that leaves a trace)
 *
 * Breakpoints are checked before an instruction when continuing (gdb
 * steps over them itself), watchpoints before the access (the access does
 * not happen and the PC stays on the instruction: ARM gdb treats
 * watchpoints as non-steppable).  This mirrors what the CPU side must do.
 */
#ifndef TESTS_GDB_FAKE_TARGET_H
#define TESTS_GDB_FAKE_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#include "gdb/arch.h"
#include "gdb/bpset.h"
#include "gdb/debug-if.h"
#include "gdb/stub.h"

#define FAKE_NCPUS 2
#define FAKE_MEM_BASE 0x1000u
#define FAKE_MEM_SIZE 0x4000u

typedef struct fake_cpu {
    uint32_t r[16];
    uint32_t cpsr;
    uint64_t d[16];
    uint32_t fpscr;
    uint64_t cycles, insns;
} fake_cpu;

typedef struct fake_machine {
    fake_cpu cpu[FAKE_NCPUS];
    uint8_t mem[FAKE_MEM_SIZE];
    gdb_bpset bps;
    uint64_t sim_ps;
    /* hook call records */
    int resets, quits, quit_code, resumes, stop_requests;
    int nmis;               /* monitor nmi calls */
    bool no_nmi;            /* answer "no NMI on this machine" */
    gdb_run last_action[FAKE_NCPUS];
    bool last_step_irqs;
    bool exited;            /* the guest ran its exit instruction */
    int exit_code;
} fake_machine;

extern const gdb_debug_if fake_dif;

void fake_init(fake_machine *m);
/* Store a 32-bit little-endian word in fake RAM. */
void fake_poke(fake_machine *m, uint32_t addr, uint32_t val);
uint32_t fake_peek(const fake_machine *m, uint32_t addr);
/* Run as the stub allows for at most `rounds` rounds (one instruction per
 * runnable CPU per round); returns the instructions executed.  Stops
 * early when every CPU is held or the stub says QUIT. */
int fake_run(fake_machine *m, gdb_stub *s, int rounds);

#endif
