/*
 * Internal interface of the SH-4 system side (cpu.c, mmu.c, ccn.c,
 * helper*.c, disas.c).  Not for use outside targets/sh4 and its tests.
 */
#ifndef SH4_INTERNALS_H
#define SH4_INTERNALS_H

#include <stdbool.h>
#include <stdint.h>

#include "targets/sh4/cpu.h"

/* ds_flags: the pending slot belongs to RTE (fetched privileged) */
#define SH4_DS_RTE      (1u << 2)
/* TB flag: the pending slot is RTE's: fetch it with the privileged index */
#define SH4_TBFLAG_RTE  (1u << 6)

static inline sh4_cpu *sh4_env(tcg_cpu *c) { return (sh4_cpu *)c; }
static inline bool sh4_is_priv(const sh4_cpu *cpu) { return (cpu->sr & SH4_SR_MD) != 0; }

/* cpu.c */
const char *sh4_excp_name(int code);
/* Enter exception `excp` (EXPEVT code | SH4_EXCP_VEC400) with pc = SPC. */
void sh4_take_exception(sh4_cpu *cpu, int excp);
/* Manual reset (EXPEVT 0x020): an exception while SR.BL = 1. */
void sh4_take_reset(sh4_cpu *cpu, uint32_t code);

/* mmu.c */
bool sh4_tlb_fill(tcg_cpu *c, uint32_t vaddr, tcg_access access, int mmu_idx, bool probe);
void sh4_bus_fault(tcg_cpu *c, uint32_t vaddr, tcg_access access, tcg_bus_status status);
int sh4_mmu_index(tcg_cpu *c, uint32_t tb_flags);
void sh4_mmu_reset(sh4_cpu *cpu);
void sh4_mmu_ldtlb(sh4_cpu *cpu);
/* Record TEA/PTEH for a fault at vaddr and raise `code` (restoring state
 * for data accesses); does not return. */
_Noreturn void sh4_mmu_raise(sh4_cpu *cpu, uint32_t vaddr, tcg_access access, int code);
/* Translate for debug / store-queue use without faulting: physical
 * address or false. */
bool sh4_mmu_debug_translate(sh4_cpu *cpu, uint32_t vaddr, uint64_t *paddr);

/* ccn.c: the CPU-internal P4 regions */
extern const tcg_bus_ops sh4_internal_bus_ops;
bool sh4_ccn_read(sh4_cpu *cpu, uint32_t addr, unsigned size, uint32_t *val);
bool sh4_ccn_write(sh4_cpu *cpu, uint32_t addr, unsigned size, uint32_t val);
/* PREF to the store-queue area: write 32 bytes out. */
void sh4_sq_flush(sh4_cpu *cpu, uint32_t vaddr);

#endif
