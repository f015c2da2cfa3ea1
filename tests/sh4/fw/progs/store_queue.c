/* Store queues: eight words into SQ0, PREF writes them to SDRAM. */
#include "fw.h"
int main(void)
{
    volatile uint32_t *sq = (volatile uint32_t *)0xe0000000u;
    volatile uint32_t *dst = (volatile uint32_t *)0xac400000u;   /* P2 view */
    for (int i = 0; i < 8; i++)
        dst[i] = 0;
    REG32(CCN_QACR0) = (0x0c400000u >> 26) << 2;
    for (int i = 0; i < 8; i++)
        sq[i] = 0x11111111u * (uint32_t)(i + 1);
    fw_check("not yet written", dst[0], 0);
    __asm__ volatile("pref @%0" : : "r"(0xe0400000u) : "memory");
    fw_check("word 0", dst[0], 0x11111111u);
    fw_check("word 7", dst[7], 0x88888888u);
    return fw_finish();
}
