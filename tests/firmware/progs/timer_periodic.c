/*
 * timer_periodic: SP804 timer 0 (0x101e2000) in periodic 32-bit mode with
 * its interrupt routed through the PL190 VIC (input 4) in vectored slot
 * 0; the handler clears the timer interrupt and stops the timer itself at
 * the 10th interrupt, so the count cannot depend on timing.  The CPU
 * waits with the ARM926 wait-for-interrupt operation.  Also: the counter
 * of a running timer goes down, RIS/MIS follow the enable bit, BGLOAD
 * changes the period without restarting the count.
 */
#include "fw.h"

static volatile uint32_t ticks, wrong_path, late;

static void timer0_isr(void)
{
    REG32(VPB_TIMER01 + TIMER_INTCLR) = 1;
    if (++ticks == 10)
        fw_timer_stop(VPB_TIMER01);
    else if (ticks > 10)
        late++;
}

static void default_isr(void)
{
    wrong_path++;
    REG32(VPB_TIMER01 + TIMER_INTCLR) = 1;
}

int main(void)
{
    fw_vic_init();
    fw_vic_vector(0, IRQ_TIMER01, timer0_isr);
    fw_vic_default(IRQ_TIMER01, default_isr);
    fw_vic_enable(IRQ_TIMER01);

    /* polled first: the value decreases, RIS sets at zero, MIS follows IE */
    fw_timer_start(VPB_TIMER01, 100000, TIMER_CTRL_32BIT | TIMER_CTRL_PERIODIC);
    uint32_t v1 = REG32(VPB_TIMER01 + TIMER_VALUE);
    for (volatile int i = 0; i < 1000; i++) {
    }
    uint32_t v2 = REG32(VPB_TIMER01 + TIMER_VALUE);
    FW_CHECK("value <= load", v1 <= 100000, 1);
    FW_CHECK("value decreases", v2 < v1, 1);
    fw_timer_start(VPB_TIMER01, 200, TIMER_CTRL_32BIT | TIMER_CTRL_PERIODIC);
    while (!(REG32(VPB_TIMER01 + TIMER_RIS) & 1)) {
    }
    FW_CHECK("RIS set at zero", REG32(VPB_TIMER01 + TIMER_RIS) & 1, 1);
    FW_CHECK("MIS clear with IE=0", REG32(VPB_TIMER01 + TIMER_MIS) & 1, 0);
    REG32(VPB_TIMER01 + TIMER_INTCLR) = 1;
    fw_timer_stop(VPB_TIMER01);
    FW_CHECK("INTCLR clears RIS", REG32(VPB_TIMER01 + TIMER_RIS) & 1, 0);
    FW_CHECK("LOAD reads back", REG32(VPB_TIMER01 + TIMER_LOAD), 200);

    /* interrupt-driven: 10 periods of 1 ms (the timer clock is 1 MHz) */
    fw_timer_start(VPB_TIMER01, 1000, TIMER_CTRL_32BIT | TIMER_CTRL_PERIODIC | TIMER_CTRL_INTEN);
    fw_irq_enable();
    while (ticks < 10)
        fw_wfi();
    fw_irq_disable();
    FW_CHECK("ticks", ticks, 10);
    FW_CHECK("timer stopped by the handler", REG32(VPB_TIMER01 + TIMER_CTRL) & TIMER_CTRL_EN, 0);
    FW_CHECK("served through the vectored slot", wrong_path, 0);
    FW_CHECK("no interrupt after stop", late, 0);
    FW_CHECK("VIC raw status clear", REG32(VPB_VIC + VIC_RAWINTR) & (1u << IRQ_TIMER01), 0);

    /* BGLOAD: new period from the next reload */
    REG32(VPB_TIMER23 + TIMER_LOAD) = 50000;
    REG32(VPB_TIMER23 + TIMER_CTRL) = TIMER_CTRL_EN | TIMER_CTRL_32BIT | TIMER_CTRL_PERIODIC;
    REG32(VPB_TIMER23 + TIMER_BGLOAD) = 300;
    FW_CHECK("BGLOAD updates LOAD", REG32(VPB_TIMER23 + TIMER_LOAD), 300);
    FW_CHECK("count not restarted", REG32(VPB_TIMER23 + TIMER_VALUE) > 300, 1);
    fw_timer_stop(VPB_TIMER23);
    return fw_done();
}
