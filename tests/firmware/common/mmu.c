/*
 * mmu.c: ARMv5 MMU helpers (CP15 c1/c2/c3/c5/c6/c8) for the MMU tests.
 *
 * One level-1 table of 4096 section/page-table descriptors lives in .bss,
 * 16 KiB aligned as TTBR requires.  fw_mmu_identity maps RAM (first N
 * MiB) and the Versatile I/O window 0x10000000-0x101fffff flat as
 * sections in domain 0 with AP=3, so the UART keeps working with the MMU
 * on; the tests then punch holes or add mappings.
 * Spec: ARM DDI 0100I B3 (Virtual memory system architecture), ARM926EJ-S
 * TRM 3.2 and 2.3 (CP15 registers).
 */
#include "fw.h"

static uint32_t fw_l1_table[4096] __attribute__((aligned(16384)));

uint32_t *fw_mmu_l1(void)
{
    return fw_l1_table;
}

void fw_mmu_section(uint32_t *l1, uint32_t va, uint32_t pa, unsigned ap,
                    unsigned domain)
{
    /* Section: [31:20] base, [11:10] AP, [8:5] domain, bit 4 set (v5
     * requires it), [1:0] = 2; C=B=0 (uncached: the tests see memory). */
    l1[va >> 20] = (pa & 0xfff00000u) | (ap << 10) | (domain << 5) | 0x10u | 2u;
}

void fw_mmu_identity(uint32_t *l1, unsigned mb)
{
    for (int i = 0; i < 4096; i++)
        l1[i] = 0;
    for (unsigned i = 0; i < mb; i++)
        fw_mmu_section(l1, i << 20, i << 20, MMU_AP_ALL, 0);
    for (uint32_t a = 0x10000000u; a < 0x10200000u; a += 0x100000u)
        fw_mmu_section(l1, a, a, MMU_AP_ALL, 0);
}

void fw_mmu_tlb_flush(void)
{
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" :: "r"(0) : "memory");
}

void fw_mmu_set_dacr(uint32_t dacr)
{
    __asm__ volatile("mcr p15, 0, %0, c3, c0, 0" :: "r"(dacr) : "memory");
}

uint32_t fw_cp15_sctlr(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v));
    return v;
}

void fw_cp15_set_sctlr(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n nop\n nop" :: "r"(v) : "memory");
}

void fw_mmu_enable(uint32_t *l1, uint32_t dacr)
{
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" :: "r"(l1) : "memory");
    fw_mmu_set_dacr(dacr);
    fw_mmu_tlb_flush();
    fw_cp15_set_sctlr(fw_cp15_sctlr() | 1u);
}

void fw_mmu_disable(void)
{
    fw_cp15_set_sctlr(fw_cp15_sctlr() & ~1u);
    fw_mmu_tlb_flush();
}

uint32_t fw_cp15_dfsr(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v));
    return v;
}

uint32_t fw_cp15_ifsr(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v));
    return v;
}

uint32_t fw_cp15_far(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));
    return v;
}
