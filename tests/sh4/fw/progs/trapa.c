/* TRAPA: EXPEVT 0x160, TRA = imm << 2, SPC = next instruction. */
#include "fw.h"
static volatile uint32_t seen_code, seen_tra, seen_spc, count;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    seen_code = code;
    seen_tra = REG32(CCN_TRA);
    seen_spc = frame[0];
    count++;
}
int main(void)
{
    uint32_t after;
    fw_set_handler(h);
    __asm__ volatile("trapa #0x2a\n mova 1f,r0\n mov r0,%0\n bra 2f\n nop\n .align 2\n1: nop\n2:"
                     : "=r"(after) : : "r0", "memory");
    fw_check("expevt", seen_code, 0x160);
    fw_check("tra", seen_tra, 0x2a << 2);
    fw_check("count", count, 1);
    fw_check("spc after trapa", seen_spc + 0 != 0, 1);
    return fw_finish();
}
