/*
 * mmu_pages: second-level tables (ARM DDI 0100I B4.4): a coarse table
 * (256 entries, 1 KiB aligned) with small pages (4 KiB) and a large page
 * (64 KiB, descriptor repeated 16 times), per-1KiB subpage permissions
 * (AP0..AP3), a fine table (1024 entries, 4 KiB aligned) with tiny pages
 * (1 KiB); page translation faults (FSR 0x7) and page permission faults
 * (FSR 0xf) with FAR.
 */
#include "mmu_util.h"

static uint32_t coarse[256] __attribute__((aligned(1024)));
static uint32_t fine[1024] __attribute__((aligned(4096)));

#define VA_COARSE 0x50000000u
#define VA_FINE 0x50100000u
#define PA_BASE 0x00500000u

int main(void)
{
    uint32_t *l1 = fw_mmu_l1();
    /* fill PA 0x500000..0x5fffff with its own address / 0x400 + tag */
    for (uint32_t a = PA_BASE; a < PA_BASE + 0x100000u; a += 0x400)
        *(volatile uint32_t *)a = 0xd0000000u | (a >> 10);

    fw_mmu_identity(l1, 8);
    /* coarse: L1 type 1, domain 0, bit 4 set */
    l1[VA_COARSE >> 20] = (uint32_t)coarse | 0x10u | 1u;
    for (int i = 0; i < 256; i++)
        coarse[i] = 0;
    /* small page (type 2): VA+0x0000 -> PA+0x3000, all subpages AP=3 */
    coarse[0] = (PA_BASE + 0x3000u) | (0xffu << 4) | 2u;
    /* small page VA+0x1000 -> PA+0x8000 with subpage APs 3,1,2,0
     * (AP0 for VA[11:10]=0 in bits [5:4] ... AP3 in [11:10]) */
    coarse[1] = (PA_BASE + 0x8000u) | (3u << 4) | (1u << 6) | (2u << 8) | (0u << 10) | 2u;
    /* large page (type 1) VA+0x10000..0x1ffff -> PA+0x20000, 16 copies */
    for (int i = 16; i < 32; i++)
        coarse[i] = (PA_BASE + 0x20000u) | (0xffu << 4) | 1u;
    /* fine: L1 type 3 */
    l1[VA_FINE >> 20] = (uint32_t)fine | 0x10u | 3u;
    for (int i = 0; i < 1024; i++)
        fine[i] = 0;
    /* tiny page (type 3) VA_FINE+0x400 -> PA+0x4c00, AP=3 in [5:4] */
    fine[1] = (PA_BASE + 0x4c00u) | (3u << 4) | 3u;
    /* small page inside a fine table: 4 identical entries */
    for (int i = 8; i < 12; i++)
        fine[i] = (PA_BASE + 0x9000u) | (0xffu << 4) | 2u;
    fw_mmu_enable(l1, MMU_DOMAIN_CLIENT);

    mmu_report_read("small", VA_COARSE + 0x0000u);
    FW_CHECK("small page", mmu_try_read(VA_COARSE + 0x0404u), 0);   /* untagged word */
    FW_CHECK("small page tag", mmu_try_read(VA_COARSE + 0x0400u), 0xd0000000u | ((PA_BASE + 0x3400u) >> 10));
    mmu_report_read("large +0x0000", VA_COARSE + 0x10000u);
    mmu_report_read("large +0xfc00", VA_COARSE + 0x1fc00u);
    FW_CHECK("large page offset", mmu_try_read(VA_COARSE + 0x1a800u),
             0xd0000000u | ((PA_BASE + 0x2a800u) >> 10));
    mmu_report_read("tiny", VA_FINE + 0x400u);
    FW_CHECK("tiny page", mmu_try_read(VA_FINE + 0x400u), 0xd0000000u | ((PA_BASE + 0x4c00u) >> 10));
    mmu_report_read("tiny neighbour (fault)", VA_FINE + 0x800u);
    FW_CHECK("fine-table translation fault", mmu_last.fsr & 0xf, 0x7);
    mmu_report_read("small in fine table", VA_FINE + 0x2c00u);
    FW_CHECK("small in fine", mmu_try_read(VA_FINE + 0x2c00u), 0xd0000000u | ((PA_BASE + 0x9c00u) >> 10));

    mmu_report_read("coarse hole", VA_COARSE + 0x5000u);
    FW_CHECK("page translation fault", mmu_last.fsr & 0xff, 0x07);
    FW_CHECK("far", mmu_last.far, VA_COARSE + 0x5000u);

    /* subpages from SVC: AP=3 rw, AP=1 rw (priv), AP=2 rw (priv), AP=0 no access */
    for (uint32_t sp = 0; sp < 4; sp++) {
        uint32_t va = VA_COARSE + 0x1000u + sp * 0x400u;
        mmu_report_read("subpage", va);
        mmu_report_write("subpage", va + 4, 0x1234u + sp);
    }
    FW_CHECK("subpage AP=0 is a page permission fault", mmu_last.fsr & 0xf, 0xf);
    FW_CHECK("aborts", mmu_last.aborts, 4);
    fw_mmu_disable();
    FW_CHECK("subpage 1 write landed", *(volatile uint32_t *)(PA_BASE + 0x8404u), 0x1235u);
    return fw_done();
}
