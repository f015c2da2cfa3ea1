/* Two pending TMU interrupts: the higher IPR level is taken first, and
 * IMASK holds back a level at or below it. */
#include "fw.h"
static volatile uint32_t order[4], n;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (n < 4)
        order[n++] = code;
    unsigned ch = (code - 0x400) / 0x20;
    REG16(TMU_TCR(ch)) = 0;          /* clear UNF and UNIE: one shot each */
}
int main(void)
{
    fw_set_handler(h);
    REG16(INTC_IPRA) = 0x3900;       /* TMU0 = 3, TMU1 = 9 */
    for (int c = 0; c < 2; c++) {
        REG32(TMU_TCOR(c)) = 100;
        REG32(TMU_TCNT(c)) = 100;
        REG16(TMU_TCR(c)) = 0x20;
    }
    REG8(TMU_TSTR) = 3;
    for (volatile int i = 0; i < 20000; i++)
        ;                            /* both underflow while masked */
    fw_set_imask(5);                 /* only TMU1 (9) may come in */
    for (volatile int i = 0; i < 100; i++)
        ;
    fw_check("one taken under imask 5", n, 1);
    fw_set_imask(0);
    for (volatile int i = 0; i < 100; i++)
        ;
    fw_set_imask(15);
    REG8(TMU_TSTR) = 0;
    fw_check("count", n, 2);
    fw_check("first", order[0], 0x420);
    fw_check("second", order[1], 0x400);
    return fw_finish();
}
