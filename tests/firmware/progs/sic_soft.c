/*
 * sic_soft (architectural golden): the Versatile SIC software interrupt
 * (SIC_SOFTINTSET/SOFTINTCLR at 0x10/0x14, ARM DUI 0224I 4.9.2) raises
 * SIC source 0, which reaches the CPU through VIC input 31.  QEMU 7.2
 * toggles an enable bit instead, so the golden comes from the manual.
 */
#include "fw.h"

static volatile uint32_t hits;

static void soft_isr(void)
{
    REG32(VPB_SIC + 0x14) = 1;   /* SOFTINTCLR */
    hits++;
}

int main(void)
{
    fw_vic_init();
    fw_sic_handler(0, soft_isr);
    REG32(VPB_SIC + 0x10) = 1;   /* SOFTINTSET */
    FW_CHECK("SIC raw status", REG32(VPB_SIC + SIC_RAWSTAT) & 1, 1);
    FW_CHECK("SIC status", REG32(VPB_SIC + SIC_STATUS) & 1, 1);
    FW_CHECK("VIC input 31", (REG32(VPB_VIC + VIC_IRQSTATUS) >> 31) & 1, 1);
    fw_irq_enable();
    for (volatile int i = 0; i < 100 && !hits; i++) {
    }
    fw_irq_disable();
    FW_CHECK("soft interrupt served", hits, 1);
    FW_CHECK("SIC status clear", REG32(VPB_SIC + SIC_STATUS) & 1, 0);
    return fw_done();
}
