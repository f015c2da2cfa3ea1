/*
 * uart_regs: the PL011 (ARM DDI 0183G) as the Versatile PB's UART0 and
 * UART3: PrimeCell ID registers, reset values of CR and IFLS, flag
 * register (TX FIFO empty, RX FIFO empty with no input), writable control
 * registers reading back, and the transmit interrupt of UART3 delivered
 * through the SIC (input 6) and VIC input 31: each character written with
 * TXIM set raises one interrupt, cleared by UARTICR.
 */
#include "fw.h"

static volatile uint32_t uart3_irqs;

static void uart3_isr(void)
{
    if (REG32(VPB_UART3 + UART_MIS) & UART_INT_TX) {
        REG32(VPB_UART3 + UART_ICR) = UART_INT_TX;
        uart3_irqs++;
    }
}

int main(void)
{
    uint32_t id[8];
    for (int i = 0; i < 8; i++)
        id[i] = REG32(VPB_UART0 + 0xfe0 + 4 * i) & 0xff;
    fw_printf("UART0 PeriphID %02x %02x %02x %02x CellID %02x %02x %02x %02x\n",
              id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7]);
    FW_CHECK("PL011 part number", id[0] | (id[1] & 0xf) << 8, 0x011);
    FW_CHECK("CellID", id[4] | id[5] << 8 | id[6] << 16 | id[7] << 24, 0xb105f00du);
    FW_CHECK("UART3 CR at reset", REG32(VPB_UART3 + UART_CR), 0x300);
    FW_CHECK("UART3 IFLS at reset", REG32(VPB_UART3 + UART_IFLS), 0x12);
    while (!(REG32(VPB_UART0 + UART_FR) & UART_FR_TXFE)) {
    }
    FW_CHECK("FR: TXFE and RXFE, not busy", REG32(VPB_UART0 + UART_FR) & 0xf8, 0x90);

    REG32(VPB_UART3 + UART_IBRD) = 0x27;
    REG32(VPB_UART3 + UART_FBRD) = 0x04;
    REG32(VPB_UART3 + UART_LCR_H) = 0x70;
    REG32(VPB_UART3 + UART_IFLS) = 0x09;
    FW_CHECK("IBRD", REG32(VPB_UART3 + UART_IBRD), 0x27);
    FW_CHECK("FBRD", REG32(VPB_UART3 + UART_FBRD), 0x04);
    FW_CHECK("LCR_H", REG32(VPB_UART3 + UART_LCR_H), 0x70);
    FW_CHECK("IFLS", REG32(VPB_UART3 + UART_IFLS), 0x09);
    REG32(VPB_UART3 + UART_LCR_H) = 0x60;   /* FIFOs off again */
    REG32(VPB_UART3 + UART_CR) = 0x301;

    fw_vic_init();
    fw_sic_handler(SIC_IRQ_UART3, uart3_isr);
    FW_CHECK("SIC enable readback", REG32(VPB_SIC + SIC_ENABLE), 1u << SIC_IRQ_UART3);
    REG32(VPB_UART3 + UART_ICR) = 0x7ff;
    REG32(VPB_UART3 + UART_IMSC) = UART_INT_TX;
    FW_CHECK("IMSC readback", REG32(VPB_UART3 + UART_IMSC), UART_INT_TX);
    fw_irq_enable();
    for (int i = 0; i < 3; i++) {
        REG32(VPB_UART3 + UART_DR) = (uint32_t)('a' + i);
        for (volatile int w = 0; w < 200 && uart3_irqs <= (uint32_t)i; w++) {
        }
    }
    fw_irq_disable();
    FW_CHECK("UART3 TX interrupts via SIC", uart3_irqs, 3);
    FW_CHECK("SIC status clear", REG32(VPB_SIC + SIC_STATUS) & (1u << SIC_IRQ_UART3), 0);
    REG32(VPB_UART3 + UART_IMSC) = 0;
    return fw_done();
}
