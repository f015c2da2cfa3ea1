/* General illegal instruction (0x180): the handler skips it. */
#include "fw.h"
static volatile uint32_t code_seen, spc_seen;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    code_seen = code;
    spc_seen = frame[0];
    frame[0] += 2;
}
int main(void)
{
    uint32_t at;
    fw_set_handler(h);
    __asm__ volatile("mova 1f,r0\n mov r0,%0\n bra 1f\n nop\n .align 2\n1: .word 0xfffd\n nop"
                     : "=r"(at) : : "r0", "memory");
    fw_check("expevt", code_seen, 0x180);
    fw_check("spc", spc_seen, at);
    return fw_finish();
}
