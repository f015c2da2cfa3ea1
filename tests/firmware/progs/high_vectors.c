/*
 * high_vectors: SCTLR.V (bit 13) moves the vector table to 0xffff0000
 * (ARM DDI 0100I A2.6.11).  The MMU maps VA 0xfff00000 to RAM; the high
 * table is a copy of the normal one whose SWI and undef entries point to
 * stubs that count high-vector entries before joining the common path.
 * With V=1 both exceptions go through the high table; with V=0 again
 * through the low one.
 */
#include "fw.h"

extern const uint32_t fw_vectors[16];
void hv_swi_stub(void), hv_undef_stub(void);
uint32_t hv_hits;
static uint32_t swi_calls, undef_calls;

__asm__(".arm\n"
        "hv_swi_stub:\n push {r0, r1}\n ldr r0, =hv_hits\n ldr r1, [r0]\n add r1, r1, #1\n"
        " str r1, [r0]\n pop {r0, r1}\n b fw_swi_stub\n"
        "hv_undef_stub:\n push {r0, r1}\n ldr r0, =hv_hits\n ldr r1, [r0]\n add r1, r1, #0x100\n"
        " str r1, [r0]\n pop {r0, r1}\n b fw_undef_stub\n .ltorg\n");

void fw_swi_handler(fw_frame *f) { swi_calls++; }
void fw_undef_handler(fw_frame *f) { undef_calls++; }

static void raise_both(void)
{
    __asm__ volatile("svc 7" ::: "lr", "memory");
    __asm__ volatile(".word 0xe7f000f0" ::: "memory");
}

int main(void)
{
    uint32_t *l1 = fw_mmu_l1();
    volatile uint32_t *high = (uint32_t *)0x007f0000u;   /* PA of VA 0xffff0000 */
    for (int i = 0; i < 16; i++)
        high[i] = fw_vectors[i];
    high[8 + 1] = (uint32_t)hv_undef_stub;
    high[8 + 2] = (uint32_t)hv_swi_stub;
    fw_mmu_identity(l1, 8);
    fw_mmu_section(l1, 0xfff00000u, 0x00700000u, MMU_AP_ALL, 0);
    fw_mmu_enable(l1, MMU_DOMAIN_CLIENT);
    FW_CHECK("high vector readable", *(volatile uint32_t *)0xffff0000u, fw_vectors[0]);

    raise_both();
    FW_CHECK("V=0: low vectors", hv_hits, 0);
    fw_cp15_set_sctlr(fw_cp15_sctlr() | (1u << 13));
    FW_CHECK("sctlr.V set", (fw_cp15_sctlr() >> 13) & 1, 1);
    raise_both();
    FW_CHECK("V=1: high vectors (swi + undef)", hv_hits, 0x101);
    raise_both();
    FW_CHECK("V=1 again", hv_hits, 0x202);
    fw_cp15_set_sctlr(fw_cp15_sctlr() & ~(1u << 13));
    raise_both();
    FW_CHECK("V=0: low again", hv_hits, 0x202);
    FW_CHECK("handlers ran", swi_calls + (undef_calls << 8), 0x404);
    fw_mmu_disable();
    return fw_done();
}
