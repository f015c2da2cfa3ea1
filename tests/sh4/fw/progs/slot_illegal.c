/* A branch in a delay slot: slot illegal (0x1a0), SPC = the first branch. */
#include "fw.h"
static volatile uint32_t code_seen, spc_seen;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    code_seen = code;
    spc_seen = frame[0];
    frame[0] += 6;     /* skip bra, slot, filler */
}
int main(void)
{
    uint32_t at;
    fw_set_handler(h);
    __asm__ volatile("mova 1f,r0\n mov r0,%0\n bra 1f\n nop\n .align 2\n"
                     "1: bra 2f\n bra 2f\n nop\n 2: nop\n"
                     : "=r"(at) : : "r0", "memory");
    fw_check("expevt", code_seen, 0x1a0);
    fw_check("spc = branch", spc_seen, at);
    return fw_finish();
}
