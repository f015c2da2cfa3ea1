/* Runs from the boot ROM (-bios): prints through the SCIF. */
#include "fw.h"
int main(void)
{
    uint32_t pc;
    __asm__ volatile("mova 1f,r0\n mov r0,%0\n bra 2f\n nop\n .align 2\n1: nop\n2:" : "=r"(pc) : : "r0");
    fw_puts("Hello from the SHIX boot ROM\n");
    fw_check("running in P2 ROM", pc >> 24, 0xa0);
    return fw_finish();
}
