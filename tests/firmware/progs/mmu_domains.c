/*
 * mmu_domains: domain access control (DACR, ARM DDI 0100I B4.6-B4.7):
 * the same section checked as no-access (domain fault 0x9), client (AP
 * enforced: AP=0 gives permission fault 0xd), manager (AP ignored), and
 * AP=0 with the S (system, SCTLR bit 8) and R (ROM, bit 9) bits: S makes
 * it privileged read-only, R read-only for all.
 */
#include "mmu_util.h"

#define VA 0x60000000u
#define PA 0x00600000u

static void probe(const char *what)
{
    fw_mmu_tlb_flush();
    uint32_t before = mmu_last.aborts;
    mmu_report_read(what, VA + 0x10u);
    mmu_report_write(what, VA + 0x14u, 0x77u);
    fw_printf("  -> %u aborts\n", mmu_last.aborts - before);
}

int main(void)
{
    uint32_t *l1 = fw_mmu_l1();
    *(volatile uint32_t *)(PA + 0x10u) = 0x600d600du;
    fw_mmu_identity(l1, 8);
    fw_mmu_section(l1, VA, PA, MMU_AP_NONE, 3);
    fw_mmu_enable(l1, MMU_DOMAIN_CLIENT);       /* domain 3: no access */
    probe("domain 3 no-access");
    FW_CHECK("domain fault section", mmu_last.fsr & 0xff, 0x39);

    fw_mmu_set_dacr(MMU_DOMAIN_CLIENT | (MMU_DOMAIN_CLIENT << 6));
    probe("client, AP=0");
    FW_CHECK("permission fault section", mmu_last.fsr & 0xff, 0x3d);

    fw_mmu_set_dacr(MMU_DOMAIN_CLIENT | (MMU_DOMAIN_MANAGER << 6));
    probe("manager, AP=0");
    FW_CHECK("manager: read ok", mmu_try_read(VA + 0x10u), 0x600d600du);

    fw_mmu_set_dacr(MMU_DOMAIN_CLIENT | (MMU_DOMAIN_CLIENT << 6));
    uint32_t sctlr = fw_cp15_sctlr();
    fw_cp15_set_sctlr(sctlr | (1u << 8));       /* S */
    probe("client, AP=0, S=1");
    fw_cp15_set_sctlr(sctlr | (1u << 9));       /* R */
    probe("client, AP=0, R=1");
    fw_cp15_set_sctlr(sctlr);

    fw_mmu_section(l1, VA, PA, MMU_AP_UREAD, 3);
    probe("client, AP=2 (from SVC)");
    fw_mmu_section(l1, VA, PA, MMU_AP_ALL, 3);
    probe("client, AP=3");
    /* DACR reads back */
    uint32_t d;
    __asm__ volatile("mcr p15, 0, %1, c3, c0, 0\n mrc p15, 0, %0, c3, c0, 0"
                     : "=r"(d) : "r"(0x5555aaa5u));
    FW_CHECK("dacr readback", d, 0x5555aaa5u);
    fw_mmu_set_dacr(MMU_DOMAIN_CLIENT);
    fw_mmu_disable();
    fw_printf("total aborts %u\n", mmu_last.aborts);
    return fw_done();
}
