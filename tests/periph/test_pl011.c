/*
 * PL011 UART: reset values, IDs, registers, TX to the backend, RX FIFO and
 * holding register, overrun, loopback and the interrupt line.
 */
#include "ctest.h"
#include "periph_testhost.h"

#include <string.h>

enum { DR = 0x00, RSR = 0x04, FR = 0x18, ILPR = 0x20, IBRD = 0x24, FBRD = 0x28, LCR_H = 0x2c,
       CR = 0x30, IFLS = 0x34, IMSC = 0x38, RIS = 0x3c, MIS = 0x40, ICR = 0x44, DMACR = 0x48 };
enum { FR_RXFE = 0x10, FR_TXFF = 0x20, FR_RXFF = 0x40, FR_TXFE = 0x80, FR_BUSY = 0x08 };
enum { INT_RX = 0x10, INT_TX = 0x20, INT_OE = 0x400 };

#define SETUP()                                    \
    periph_testhost t;                             \
    pth_init(&t);                                  \
    pth_dev d;                                     \
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,pl011"))

CTEST(pl011, reset_values)
{
    SETUP();
    CT_EXPECT_EQ(pth_rd(&d, FR), FR_TXFE | FR_RXFE);
    CT_EXPECT_EQ(pth_rd(&d, CR), 0x300);
    CT_EXPECT_EQ(pth_rd(&d, IFLS), 0x12);
    CT_EXPECT_EQ(pth_rd(&d, LCR_H), 0);
    CT_EXPECT_EQ(pth_rd(&d, IMSC), 0);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    CT_EXPECT_EQ(pth_rd(&d, MIS), 0);
    CT_EXPECT_EQ(pth_rd(&d, RSR), 0);
    CT_EXPECT_EQ(pth_rd(&d, IBRD), 0);
    CT_EXPECT_EQ(pth_rd(&d, FBRD), 0);
    CT_EXPECT_EQ(pth_rd(&d, ILPR), 0);
    CT_EXPECT_EQ(pth_rd(&d, DMACR), 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 0);
    pth_dev_destroy(&d);
}

CTEST(pl011, id_registers)
{
    SETUP();
    static const uint8_t id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    for (int i = 0; i < 8; i++)
        CT_EXPECT_EQ(pth_rd(&d, 0xfe0 + 4 * i), id[i]);
    pth_dev_destroy(&d);
}

CTEST(pl011, register_read_write)
{
    SETUP();
    pth_wr(&d, ILPR, 0x1ab);
    CT_EXPECT_EQ(pth_rd(&d, ILPR), 0xab);
    pth_wr(&d, IBRD, 0x12345);
    CT_EXPECT_EQ(pth_rd(&d, IBRD), 0x2345);     /* 16-bit divisor */
    pth_wr(&d, FBRD, 0xff);
    CT_EXPECT_EQ(pth_rd(&d, FBRD), 0x3f);       /* 6-bit fraction */
    pth_wr(&d, LCR_H, 0x70);
    CT_EXPECT_EQ(pth_rd(&d, LCR_H), 0x70);
    pth_wr(&d, CR, 0x301);
    CT_EXPECT_EQ(pth_rd(&d, CR), 0x301);
    pth_wr(&d, IFLS, 0x24);
    CT_EXPECT_EQ(pth_rd(&d, IFLS), 0x24);
    pth_wr(&d, IMSC, 0xffff);
    CT_EXPECT_EQ(pth_rd(&d, IMSC), 0x7ff);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 0);
    CT_EXPECT_EQ(pth_take_unimp(&t), 0);
    pth_wr(&d, DMACR, 0x3);
    CT_EXPECT_EQ(pth_rd(&d, DMACR), 0x3);
    CT_EXPECT_EQ(pth_take_unimp(&t), 1);
    pth_dev_destroy(&d);
}

CTEST(pl011, tx_goes_to_chr_and_raises_txris)
{
    SETUP();
    pth_wr(&d, CR, 0x301);
    pth_wr(&d, DR, 'H');
    pth_wr(&d, DR, 0x100 | 'i');           /* only bits 7:0 are data */
    CT_ASSERT_EQ(t.out_len, 2);
    CT_EXPECT_EQ(t.out[0], 'H');
    CT_EXPECT_EQ(t.out[1], 'i');
    CT_EXPECT_EQ(pth_rd(&d, RIS) & INT_TX, INT_TX);
    CT_EXPECT_EQ(pth_rd(&d, MIS), 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, FR) & (FR_TXFE | FR_TXFF | FR_BUSY), FR_TXFE);
    pth_wr(&d, IMSC, INT_TX);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, MIS), INT_TX);
    pth_wr(&d, ICR, INT_TX);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    pth_wr(&d, DR, '!');
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(t.irq[0].rises, 2);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 0);
    pth_dev_destroy(&d);
}

CTEST(pl011, tx_while_disabled_sends_and_logs_once)
{
    SETUP();
    /* Reset CR has UARTEN clear: data still goes out (as QEMU), logged once. */
    pth_wr(&d, DR, 'a');
    pth_wr(&d, DR, 'b');
    CT_EXPECT_EQ(t.out_len, 2);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    pth_dev_destroy(&d);
}

CTEST(pl011, rx_holding_register_without_fifo)
{
    SETUP();
    CT_EXPECT_EQ(pth_chr_can_receive(&t), 1);
    pth_wr(&d, IMSC, INT_RX);
    pth_chr_send(&t, (const uint8_t *)"a", 1);
    CT_EXPECT_EQ(pth_rd(&d, FR) & (FR_RXFE | FR_RXFF), FR_RXFF);
    CT_EXPECT_EQ(pth_rd(&d, RIS) & INT_RX, INT_RX);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_chr_can_receive(&t), 0);
    CT_EXPECT_EQ(pth_rd(&d, DR), 'a');
    CT_EXPECT_EQ(pth_rd(&d, FR) & (FR_RXFE | FR_RXFF), FR_RXFE);
    CT_EXPECT_EQ(pth_rd(&d, RIS) & INT_RX, 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_chr_can_receive(&t), 1);
    pth_dev_destroy(&d);
}

CTEST(pl011, rx_fifo_fills_in_order)
{
    SETUP();
    pth_wr(&d, LCR_H, 0x70);   /* FEN, 8 bits */
    CT_EXPECT_EQ(pth_chr_can_receive(&t), 16);
    uint8_t buf[16];
    for (int i = 0; i < 16; i++)
        buf[i] = (uint8_t)('A' + i);
    pth_chr_send(&t, buf, 10);
    CT_EXPECT_EQ(pth_chr_can_receive(&t), 6);
    CT_EXPECT_EQ(pth_rd(&d, FR) & (FR_RXFE | FR_RXFF), 0);
    pth_chr_send(&t, buf + 10, 6);
    CT_EXPECT_EQ(pth_rd(&d, FR) & (FR_RXFE | FR_RXFF), FR_RXFF);
    CT_EXPECT_EQ(pth_chr_can_receive(&t), 0);
    for (int i = 0; i < 16; i++) {
        CT_EXPECT_EQ(pth_rd(&d, RIS) & INT_RX, INT_RX);  /* until the FIFO is empty */
        CT_EXPECT_EQ(pth_rd(&d, DR), 'A' + i);
        CT_EXPECT_EQ(pth_rd(&d, FR) & FR_RXFF, 0);
    }
    CT_EXPECT_EQ(pth_rd(&d, FR) & FR_RXFE, FR_RXFE);
    CT_EXPECT_EQ(pth_rd(&d, RIS) & INT_RX, 0);
    CT_EXPECT_EQ(pth_rd(&d, RSR), 0);
    pth_dev_destroy(&d);
}

CTEST(pl011, rx_wraps_around_fifo)
{
    SETUP();
    pth_wr(&d, LCR_H, 0x10);
    for (int round = 0; round < 40; round++) {
        uint8_t c[2] = { (uint8_t)round, (uint8_t)(round + 100) };
        pth_chr_send(&t, c, 2);
        CT_EXPECT_EQ(pth_rd(&d, DR), round);
        CT_EXPECT_EQ(pth_rd(&d, DR), round + 100);
    }
    CT_EXPECT_EQ(pth_rd(&d, FR) & FR_RXFE, FR_RXFE);
    pth_dev_destroy(&d);
}

CTEST(pl011, rx_overrun_sets_oe)
{
    SETUP();
    pth_wr(&d, IMSC, INT_OE);
    pth_chr_send(&t, (const uint8_t *)"xy", 2);   /* holding register takes one */
    CT_EXPECT_EQ(pth_rd(&d, RSR), 0x8);
    CT_EXPECT_EQ(pth_rd(&d, RIS) & INT_OE, INT_OE);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, DR), 'x');            /* the FIFO content stays valid */
    CT_EXPECT_EQ(pth_rd(&d, FR) & FR_RXFE, FR_RXFE);
    CT_EXPECT_EQ(pth_rd(&d, RSR), 0x8);           /* until ECR is written */
    pth_wr(&d, RSR, 0);
    CT_EXPECT_EQ(pth_rd(&d, RSR), 0);
    pth_wr(&d, ICR, INT_OE);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_dev_destroy(&d);
}

CTEST(pl011, fifo_enable_toggle_flushes)
{
    SETUP();
    pth_wr(&d, LCR_H, 0x10);
    pth_chr_send(&t, (const uint8_t *)"abc", 3);
    CT_EXPECT_EQ(pth_rd(&d, FR) & FR_RXFE, 0);
    pth_wr(&d, LCR_H, 0x10 | 0x60);              /* FEN unchanged: kept */
    CT_EXPECT_EQ(pth_rd(&d, FR) & FR_RXFE, 0);
    pth_wr(&d, LCR_H, 0x60);                     /* FEN off: flushed */
    CT_EXPECT_EQ(pth_rd(&d, FR) & (FR_RXFE | FR_RXFF), FR_RXFE);
    CT_EXPECT_EQ(pth_chr_can_receive(&t), 1);
    pth_dev_destroy(&d);
}

CTEST(pl011, loopback)
{
    SETUP();
    pth_wr(&d, CR, 0x381);                       /* UARTEN | LBE | TXE | RXE */
    pth_chr_send(&t, (const uint8_t *)"z", 1);   /* RX pin disconnected */
    CT_EXPECT_EQ(pth_rd(&d, FR) & FR_RXFE, FR_RXFE);
    pth_wr(&d, DR, 'q');
    CT_EXPECT_EQ(t.out_len, 1);
    CT_EXPECT_EQ(pth_rd(&d, FR) & FR_RXFE, 0);
    CT_EXPECT_EQ(pth_rd(&d, DR), 'q');
    pth_dev_destroy(&d);
}

CTEST(pl011, narrow_accesses)
{
    SETUP();
    CT_EXPECT_EQ(pth_rd_sized(&d, CR, 2), 0x300);
    CT_EXPECT_EQ(pth_rd_sized(&d, CR + 1, 1), 0x03);
    pth_chr_send(&t, (const uint8_t *)"k", 1);
    CT_EXPECT_EQ(pth_rd_sized(&d, DR, 2), 'k');   /* Linux uses 16-bit reads */
    pth_wr_sized(&d, IMSC, 2, INT_RX);
    CT_EXPECT_EQ(pth_rd(&d, IMSC), INT_RX);
    pth_wr_sized(&d, CR + 1, 1, 0);               /* not word-aligned: ignored */
    CT_EXPECT_EQ(pth_rd(&d, CR), 0x300);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    pth_dev_destroy(&d);
}

CTEST(pl011, guest_errors_are_logged)
{
    SETUP();
    CT_EXPECT_EQ(pth_rd(&d, 0x800), 0);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    (void)pth_rd(&d, ICR);                        /* write-only */
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    pth_wr(&d, FR, 0);
    pth_wr(&d, RIS, 0xff);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 2);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    (void)pth_rd(&d, 0x80);                       /* ITCR */
    CT_EXPECT_EQ(pth_take_unimp(&t), 1);
    pth_dev_destroy(&d);
}

CTEST(pl011, reset_clears_state)
{
    SETUP();
    pth_wr(&d, IMSC, INT_RX);
    pth_chr_send(&t, (const uint8_t *)"r", 1);
    CT_EXPECT_TRUE(t.irq[0].level);
    d.model->reset(d.s);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, FR), FR_TXFE | FR_RXFE);
    CT_EXPECT_EQ(pth_rd(&d, IMSC), 0);
    pth_dev_destroy(&d);
}
