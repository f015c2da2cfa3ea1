/* SLEEP until a TMU1 interrupt wakes the CPU (INTEVT 0x420). */
#include "fw.h"
static volatile uint32_t woke;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (code == 0x420) {
        woke++;
        REG16(TMU_TCR(1)) = 0x20;
    }
}
int main(void)
{
    fw_set_handler(h);
    REG16(INTC_IPRA) = 0x0500;
    REG32(TMU_TCOR(1)) = 50000;
    REG32(TMU_TCNT(1)) = 50000;
    REG16(TMU_TCR(1)) = 0x20;
    REG8(TMU_TSTR) = 2;
    fw_set_imask(0);
    for (int i = 0; i < 3; i++)
        fw_sleep();
    fw_set_imask(15);
    fw_check("woken three times", woke, 3);
    return fw_finish();
}
