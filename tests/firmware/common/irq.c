/*
 * irq.c: interrupt routing through the PL190 VIC and the Versatile SIC.
 *
 * Vectored sources have their handler address in VICVectAddrN; the IRQ
 * stub (crt0.S) calls whatever VICVectAddr returns.  Non-vectored sources
 * land in fw_vic_default_isr (the VICDefVectAddr), which dispatches on
 * VICIRQStatus through a table; SIC sources arrive on VIC input 31 and are
 * dispatched on SIC_STATUS the same way.
 * Spec: PL190 TRM (ARM DDI 0181E) 3.2-3.3; Versatile PB TRM 4.9.
 */
#include "fw.h"

typedef struct fw_irq_tables {
    fw_isr vic[32];
    fw_isr sic[32];
} fw_irq_tables;

static fw_irq_tables fw_irqs;

static void fw_vic_default_isr(void)
{
    uint32_t st = REG32(VPB_VIC + VIC_IRQSTATUS);
    for (int i = 0; i < 32; i++)
        if ((st & (1u << i)) && fw_irqs.vic[i])
            fw_irqs.vic[i]();
}

static void fw_sic_isr(void)
{
    uint32_t st = REG32(VPB_SIC + SIC_STATUS);
    for (int i = 0; i < 32; i++)
        if ((st & (1u << i)) && fw_irqs.sic[i])
            fw_irqs.sic[i]();
}

void fw_vic_init(void)
{
    REG32(VPB_VIC + VIC_INTENCLEAR) = 0xffffffffu;
    REG32(VPB_VIC + VIC_SOFTINTCLR) = 0xffffffffu;
    REG32(VPB_VIC + VIC_INTSELECT) = 0;
    for (int i = 0; i < 16; i++)
        REG32(VPB_VIC + VIC_VECTCNTL0 + 4 * i) = 0;
    REG32(VPB_VIC + VIC_DEFVECTADDR) = (uint32_t)(uintptr_t)fw_vic_default_isr;
    REG32(VPB_SIC + SIC_ENCLR) = 0xffffffffu;
    for (int i = 0; i < 32; i++) {
        fw_irqs.vic[i] = 0;
        fw_irqs.sic[i] = 0;
    }
}

void fw_vic_vector(int slot, int irq, fw_isr fn)
{
    REG32(VPB_VIC + VIC_VECTADDR0 + 4 * slot) = (uint32_t)(uintptr_t)fn;
    REG32(VPB_VIC + VIC_VECTCNTL0 + 4 * slot) = 0x20u | (uint32_t)irq;
}

void fw_vic_default(int irq, fw_isr fn)
{
    fw_irqs.vic[irq] = fn;
}

void fw_vic_enable(int irq)
{
    REG32(VPB_VIC + VIC_INTENABLE) = 1u << irq;
}

void fw_vic_disable(int irq)
{
    REG32(VPB_VIC + VIC_INTENCLEAR) = 1u << irq;
}

void fw_sic_handler(int src, fw_isr fn)
{
    fw_irqs.sic[src] = fn;
    fw_irqs.vic[IRQ_SIC] = fw_sic_isr;
    REG32(VPB_SIC + SIC_ENABLE) = 1u << src;
    fw_vic_enable(IRQ_SIC);
}

void fw_timer_start(uint32_t base, uint32_t load, uint32_t ctrl)
{
    REG32(base + TIMER_CTRL) = 0;
    REG32(base + TIMER_INTCLR) = 1;
    REG32(base + TIMER_LOAD) = load;
    REG32(base + TIMER_CTRL) = ctrl | TIMER_CTRL_EN;
}

void fw_timer_stop(uint32_t base)
{
    REG32(base + TIMER_CTRL) = 0;
    REG32(base + TIMER_INTCLR) = 1;
}
