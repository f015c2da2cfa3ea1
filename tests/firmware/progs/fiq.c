/*
 * fiq: fast interrupts: VICIntSelect routes a source to FIQ instead of
 * IRQ.  A software interrupt and then SP804 timer 3 (0x101e3020, input 5)
 * are taken as FIQs; the handler runs in FIQ mode with both I and F
 * masked and uses the banked r8-r12 (checked unchanged in SVC after).
 * An IRQ-routed source pending at the same time is served after the FIQ.
 */
#include "fw.h"

#define TIMER3 (VPB_TIMER23 + 0x20u)
static volatile uint32_t fiq_count, fiq_mode, timer_fiqs, irq_count, order;

void fw_fiq_handler(void)
{
    fiq_mode = fw_get_cpsr() & 0xdf;
    fiq_count++;
    order = order * 16 + 1;
    if (REG32(VPB_VIC + VIC_FIQSTATUS) & (1u << 1))
        REG32(VPB_VIC + VIC_SOFTINTCLR) = 1u << 1;
    if (REG32(TIMER3 + TIMER_MIS) & 1) {
        REG32(TIMER3 + TIMER_INTCLR) = 1;
        if (++timer_fiqs == 5)
            fw_timer_stop(TIMER3);
    }
    /* scribble the FIQ-banked registers */
    __asm__ volatile("mov r8, #0\n mov r9, #0\n mov r10, #0\n mov r11, #0\n mov r12, #0"
                     ::: "r8", "r9", "r10", "r11", "r12");
}

static void irq2_isr(void)
{
    irq_count++;
    order = order * 16 + 2;
    REG32(VPB_VIC + VIC_SOFTINTCLR) = 1u << 2;
}

int main(void)
{
    fw_vic_init();
    fw_vic_vector(0, 2, irq2_isr);
    REG32(VPB_VIC + VIC_INTSELECT) = (1u << 1) | (1u << IRQ_TIMER23);
    FW_CHECK("IntSelect readback", REG32(VPB_VIC + VIC_INTSELECT), 0x22);
    REG32(VPB_VIC + VIC_INTENABLE) = (1u << 1) | (1u << 2) | (1u << IRQ_TIMER23);

    uint32_t r8_after;
    REG32(VPB_VIC + VIC_SOFTINT) = (1u << 1) | (1u << 2);
    FW_CHECK("FIQStatus", REG32(VPB_VIC + VIC_FIQSTATUS), 0x2);
    FW_CHECK("IRQStatus", REG32(VPB_VIC + VIC_IRQSTATUS), 0x4);
    __asm__ volatile("mov r8, #0x88\n"
                     "mrs r0, cpsr\n bic r0, r0, #0xc0\n msr cpsr_c, r0\n"
                     "nop\n nop\n nop\n nop\n"
                     "orr r0, r0, #0xc0\n msr cpsr_c, r0\n mov %0, r8"
                     : "=r"(r8_after) :: "r0", "r8", "memory");
    FW_CHECK("fiq taken", fiq_count, 1);
    FW_CHECK("irq taken", irq_count, 1);
    FW_CHECK("FIQ before IRQ", order, 0x12);
    FW_CHECK("handler mode FIQ, I and F set", fiq_mode, 0xd1);
    FW_CHECK("SVC r8 unaffected by FIQ bank", r8_after, 0x88);

    fw_timer_start(TIMER3, 1000, TIMER_CTRL_32BIT | TIMER_CTRL_PERIODIC | TIMER_CTRL_INTEN);
    fw_fiq_enable();
    while (timer_fiqs < 5)
        fw_wfi();
    fw_fiq_disable();
    FW_CHECK("timer FIQs", timer_fiqs, 5);
    FW_CHECK("total FIQs", fiq_count, 6);
    FW_CHECK("no IRQ from the FIQ-routed timer", irq_count, 1);
    return fw_done();
}
