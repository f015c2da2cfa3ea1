/* SLEEP with a masked source pending: TMU0 (level 3, under IMASK 5)
 * keeps the INTC's request line high, so when TMU1 (level 10) comes up
 * the line does not change; the CPU must still wake for it (INTEVT
 * 0x420) instead of sleeping on. */
#include "fw.h"
static volatile uint32_t got;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (kind != 2) { fw_puts("unexpected exception\n"); fw_end(1); }
    if (code == 0x420) {
        got = code;
        REG8(TMU_TSTR) = REG8(TMU_TSTR) & ~2u;         /* stop TMU1 */
        REG16(TMU_TCR(1)) = 0x0020;                    /* clear UNF */
    } else { fw_puts("unexpected code\n"); fw_end(1); }
}
int main(void)
{
    fw_set_handler(h);
    fw_set_imask(5);
    REG16(INTC_IPRA) = 0x3a00;                        /* TMU0 level 3, TMU1 level 10 */
    REG32(TMU_TCOR(0)) = 50; REG32(TMU_TCNT(0)) = 50; REG16(TMU_TCR(0)) = 0x0020;
    REG32(TMU_TCOR(1)) = 0xffffffffu; REG32(TMU_TCNT(1)) = 100000; REG16(TMU_TCR(1)) = 0x0020;
    REG8(TMU_TSTR) = 3;
    while (!(REG16(TMU_TCR(0)) & 0x100))
        ;                                             /* TMU0 pending, masked */
    fw_puts("sleeping with a masked source pending\n");
    while (!got)
        fw_sleep();
    fw_check("woken by TMU1", got, 0x420);
    return fw_finish();
}
