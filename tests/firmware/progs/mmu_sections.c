/*
 * mmu_sections: the ARMv5 MMU with section descriptors (ARM DDI 0100I
 * B4.3-B4.5): identity map + MMU on keeps executing; a 1 MiB alias
 * (VA 0x40000000 -> PA 0x00300000) sees data written through the
 * identity map; remapping the entry and flushing the TLB switches the
 * alias to PA 0x00400000; a fault entry gives a section translation fault
 * (FSR 0x5) with the domain in FSR[7:4] and the VA in FAR; MMU off
 * again goes back to flat addressing.
 */
#include "mmu_util.h"

int main(void)
{
    uint32_t *l1 = fw_mmu_l1();
    volatile uint32_t *pa3 = (uint32_t *)0x00300000u, *pa4 = (uint32_t *)0x00400000u;
    pa3[0] = 0x33330000u;
    pa3[1] = 0x33330001u;
    pa4[0] = 0x44440000u;

    fw_mmu_identity(l1, 8);
    fw_mmu_section(l1, 0x40000000u, 0x00300000u, MMU_AP_ALL, 0);
    fw_mmu_enable(l1, MMU_DOMAIN_CLIENT);
    FW_CHECK("sctlr.M", fw_cp15_sctlr() & 1, 1);
    fw_puts("mmu on, still running\n");
    FW_CHECK("alias read", mmu_try_read(0x40000000u), 0x33330000u);
    FW_CHECK("alias read +4", mmu_try_read(0x40000004u), 0x33330001u);
    mmu_try_write(0x40000008u, 0xa11a5u);
    FW_CHECK("alias write visible at PA", pa3[2], 0xa11a5u);

    fw_mmu_section(l1, 0x40000000u, 0x00400000u, MMU_AP_ALL, 0);
    fw_mmu_tlb_flush();
    FW_CHECK("remapped alias", mmu_try_read(0x40000000u), 0x44440000u);

    /* two VAs, one PA */
    fw_mmu_section(l1, 0x40100000u, 0x00400000u, MMU_AP_ALL, 0);
    fw_mmu_tlb_flush();
    mmu_try_write(0x40100010u, 0x5eed);
    FW_CHECK("second alias", mmu_try_read(0x40000010u), 0x5eed);

    /* unmapped VA: section translation fault, domain field, FAR */
    l1[0x40000000u >> 20] = 0;
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 1" :: "r"(0x40000000u) : "memory"); /* TLB by MVA */
    mmu_report_read("unmapped section", 0x40000abcu);
    FW_CHECK("fsr status (section translation)", mmu_last.fsr & 0xf, 0x5);
    FW_CHECK("far", mmu_last.far, 0x40000abcu);
    mmu_report_write("unmapped section", 0x40012344u, 1);
    FW_CHECK("far on write", mmu_last.far, 0x40012344u);
    /* a section in domain 5 (client) that is unmapped: domain is reported
     * for translation faults only when known, so use a present section
     * with AP=0 for a permission fault instead */
    fw_mmu_section(l1, 0x40200000u, 0x00400000u, MMU_AP_NONE, 5);
    fw_mmu_set_dacr(MMU_DOMAIN_CLIENT | (MMU_DOMAIN_CLIENT << 10));
    fw_mmu_tlb_flush();
    mmu_report_read("AP=0 section", 0x40200040u);
    FW_CHECK("fsr (section permission, domain 5)", mmu_last.fsr & 0xff, 0x5d);
    FW_CHECK("aborts so far", mmu_last.aborts, 3);

    fw_mmu_disable();
    FW_CHECK("mmu off: flat again", *(volatile uint32_t *)0x00400010u, 0x5eed);
    return fw_done();
}
