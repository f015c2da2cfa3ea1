/*
 * sice_demo: the SerialICE end-to-end firmware (tests/serialice/e2e.sh).
 *
 * Runs on the Versatile PB with UART0 (0x101f1000) and the SP804 timer
 * pair 2/3 (0x101e3000) either simulated or forwarded to a SerialICE
 * board.  It uses the timer by polling only: interrupts do not travel
 * over SerialICE (the shell protocol has no way to report one), so a
 * forwarded timer's interrupt would be raised on the board, not here.
 * Its output does not depend on how fast the timer runs relative to the
 * CPU, so it is the same whether the timer is local or remote.
 * Spec: SP804 TRM (ARM DDI 0271) 3.2; PL011 via common/console.c.
 */
#include "fw.h"

#define T VPB_TIMER23

int main(void)
{
    fw_printf("SerialICE demo: UART0 and timer 2 at 0x%08x\n", T);

    REG32(T + TIMER_CTRL) = 0;
    REG32(T + TIMER_LOAD) = 0x100;
    FW_CHECK("timer LOAD reads back", REG32(T + TIMER_LOAD), 0x100);
    REG32(T + TIMER_INTCLR) = 1;
    REG32(T + TIMER_CTRL) = TIMER_CTRL_EN | TIMER_CTRL_PERIODIC | TIMER_CTRL_32BIT;

    /* The counter moves: bounded polls (time passes on whichever side
     * holds the timer). */
    uint32_t v0 = REG32(T + TIMER_VALUE), v = v0;
    unsigned i;
    for (i = 0; i < 1000000 && v == v0; i++)
        v = REG32(T + TIMER_VALUE);
    FW_CHECK("timer counts", v != v0, 1);
    FW_CHECK("timer value within LOAD", v <= 0x100, 1);
    for (i = 0; i < 1000000 && !(REG32(T + TIMER_RIS) & 1); i++) {
    }
    FW_CHECK("timer wrapped (RIS)", REG32(T + TIMER_RIS) & 1, 1);
    REG32(T + TIMER_CTRL) = 0;
    REG32(T + TIMER_INTCLR) = 1;
    FW_CHECK("RIS clear after stop + INTCLR", REG32(T + TIMER_RIS) & 1, 0);

    /* some plain output */
    for (int n = 1; n <= 8; n++)
        fw_printf("%d squared is %d, cubed is %d\n", n, n * n, n * n * n);
    return fw_done();
}
