/* DMA into the DMAC's own registers: channel 0 is set to write a
 * longword into SAR1.  A transfer reaching the engine's own registers in
 * the middle of a unit is refused (a bus error on that access), so the
 * channel stops with an address error: DMAOR.AE set, no TE, SAR1 as it
 * was -- and the simulation goes on. */
#include "fw.h"

#define DMAC_SAR(n)    (0xffa00000u + 0x10u * (n))
#define DMAC_DAR(n)    (0xffa00004u + 0x10u * (n))
#define DMAC_DMATCR(n) (0xffa00008u + 0x10u * (n))
#define DMAC_CHCR(n)   (0xffa0000cu + 0x10u * (n))
#define DMAC_DMAOR     0xffa00040u
#define DMAOR_DME 0x1u
#define DMAOR_AE  0x4u
#define CHCR_DE 0x1u
#define CHCR_TE 0x2u

static uint32_t word __attribute__((aligned(4))) = 0x0c001000u;

int main(void)
{
    REG32(DMAC_SAR(1)) = 0x12345678u;
    REG32(DMAC_DMAOR) = DMAOR_DME;
    REG32(DMAC_SAR(0)) = (uint32_t)&word;
    REG32(DMAC_DAR(0)) = DMAC_SAR(1);
    REG32(DMAC_DMATCR(0)) = 1;
    /* SM increment, DM fixed, auto-request memory -> on-chip register,
     * longwords, enable */
    REG32(DMAC_CHCR(0)) = 0x1000u | 0x500u | 0x30u | CHCR_DE;
    for (int i = 0; i < 1000 && !(REG32(DMAC_DMAOR) & DMAOR_AE); i++)
        ;
    fw_check("address error", REG32(DMAC_DMAOR) & DMAOR_AE, DMAOR_AE);
    fw_check("no transfer end", REG32(DMAC_CHCR(0)) & CHCR_TE, 0);
    fw_check("SAR1 unchanged", REG32(DMAC_SAR(1)), 0x12345678u);
    return fw_finish();
}
