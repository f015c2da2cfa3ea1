/* TMU0 underflow interrupts through the INTC (INTEVT 0x400). */
#include "fw.h"
static volatile uint32_t ticks, last_code;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (kind == 2 && code == 0x400) {
        ticks++;
        REG16(TMU_TCR(0)) = 0x20;   /* clear UNF, keep UNIE */
    }
    last_code = code;
}
int main(void)
{
    fw_set_handler(h);
    REG16(INTC_IPRA) = 0x8000;       /* TMU0 priority 8 */
    REG32(TMU_TCOR(0)) = 1249;       /* 50 MHz / 4 / 1250 = 10 kHz */
    REG32(TMU_TCNT(0)) = 1249;
    REG16(TMU_TCR(0)) = 0x20;
    REG8(TMU_TSTR) = 1;
    fw_set_imask(0);
    while (ticks < 5)
        ;
    fw_set_imask(15);
    REG8(TMU_TSTR) = 0;
    fw_check("intevt", last_code, 0x400);
    fw_check("ticks", ticks, 5);
    return fw_finish();
}
