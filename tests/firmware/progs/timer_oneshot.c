/*
 * timer_oneshot: SP804 one-shot mode (timer 1 at 0x101e2020) fires exactly
 * once and halts at 0, measured against timer 2 (0x101e3000, VIC input
 * 5) ticking periodically: after 6 reference ticks of 1 ms a one-shot of
 * 2.5 ms has fired once.  Timers 0 and 1 share VIC input 4; the shared
 * handler checks which one interrupted through its MIS register.
 */
#include "fw.h"

#define TIMER1 (VPB_TIMER01 + 0x20u)
static volatile uint32_t ref_ticks, oneshot_fired, timer0_fired;

static void timer01_isr(void)
{
    if (REG32(TIMER1 + TIMER_MIS) & 1) {
        REG32(TIMER1 + TIMER_INTCLR) = 1;
        oneshot_fired++;
    }
    if (REG32(VPB_TIMER01 + TIMER_MIS) & 1) {
        REG32(VPB_TIMER01 + TIMER_INTCLR) = 1;
        timer0_fired++;
    }
}

static void timer23_isr(void)
{
    REG32(VPB_TIMER23 + TIMER_INTCLR) = 1;
    if (++ref_ticks == 6)
        fw_timer_stop(VPB_TIMER23);
}

int main(void)
{
    fw_vic_init();
    fw_vic_vector(0, IRQ_TIMER23, timer23_isr);
    fw_vic_vector(1, IRQ_TIMER01, timer01_isr);
    fw_vic_enable(IRQ_TIMER01);
    fw_vic_enable(IRQ_TIMER23);

    fw_timer_start(TIMER1, 2500, TIMER_CTRL_32BIT | TIMER_CTRL_ONESHOT | TIMER_CTRL_INTEN);
    fw_timer_start(VPB_TIMER23, 1000, TIMER_CTRL_32BIT | TIMER_CTRL_PERIODIC | TIMER_CTRL_INTEN);
    fw_irq_enable();
    while (ref_ticks < 6)
        fw_wfi();
    fw_irq_disable();
    FW_CHECK("reference ticks", ref_ticks, 6);
    FW_CHECK("one-shot fired once", oneshot_fired, 1);
    FW_CHECK("timer 0 silent", timer0_fired, 0);
    FW_CHECK("one-shot halted at 0", REG32(TIMER1 + TIMER_VALUE), 0);
    FW_CHECK("one-shot RIS clear after INTCLR", REG32(TIMER1 + TIMER_RIS), 0);
    fw_timer_stop(TIMER1);
    return fw_done();
}
