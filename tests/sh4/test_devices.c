/*
 * SH7750 on-chip peripherals (INTC, TMU, SCIF, SCI, CPG, BSC, RTC) through
 * the device API with a manual clock (tests/periph/periph_testhost).
 */
#include "ctest.h"
#include "periph_testhost.h"

CTEST(sh7750_intc, priority_and_ack)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-intc"));
    d.model->set_irq_in(d.s, 0, true);            /* TMU0, priority 0: masked */
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x80), 0u);
    pth_wr(&d, 0x04, 0x5000);                      /* IPRA: TMU0 = 5 */
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x80), (5u << 16) | 0x400u);
    pth_wr(&d, 0x0c, 0x0090);                      /* IPRC: SCIF = 9 */
    d.model->set_irq_in(d.s, 13, true);            /* SCIF RXI */
    CT_EXPECT_EQ(pth_rd(&d, 0x80), (9u << 16) | 0x720u);
    d.model->set_irq_in(d.s, 13, false);
    CT_EXPECT_EQ(pth_rd(&d, 0x80), (5u << 16) | 0x400u);
    d.model->set_irq_in(d.s, 0, false);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x04), 0x5000u);
    pth_dev_destroy(&d);
}

CTEST(sh7750_tmu, underflow_reload_interrupt)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    pth_set_prop(&t, "clock-frequency", 1000000);  /* P = 1 MHz: P/4 = 4 us ticks */
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-tmu"));
    pth_wr(&d, 0x08, 99);      /* TCOR0 */
    pth_wr(&d, 0x0c, 99);      /* TCNT0 */
    pth_wr(&d, 0x10, 0x20);    /* TCR0: UNIE, P/4 */
    pth_wr(&d, 0x04, 1);       /* start channel 0 */
    pth_advance(&t, 40 * 4000);
    CT_EXPECT_EQ(pth_rd(&d, 0x0c), 59u);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_advance(&t, 60 * 4000);              /* tick 100: underflow */
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x10) & 0x100u, 0x100u);
    CT_EXPECT_EQ(pth_rd(&d, 0x0c), 99u);     /* reloaded from TCOR */
    pth_wr(&d, 0x10, 0x20);                  /* clear UNF */
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_advance(&t, 100 * 4000);             /* period = TCOR + 1 ticks */
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, 0x04, 0);                     /* stop */
    uint32_t v = pth_rd(&d, 0x0c);
    pth_advance(&t, 1000000);
    CT_EXPECT_EQ(pth_rd(&d, 0x0c), v);
    pth_dev_destroy(&d);
}

CTEST(sh_scif, transmit_and_receive_fifo)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,scif"));
    CT_EXPECT_EQ(pth_rd(&d, 0x10) & 0x60u, 0x60u);     /* TEND, TDFE */
    pth_wr(&d, 0x08, 0x30);                              /* TE, RE */
    pth_wr_sized(&d, 0x0c, 1, 'h');
    pth_wr_sized(&d, 0x0c, 1, 'i');
    CT_EXPECT_EQ(t.out_len, 2u);
    CT_EXPECT_EQ(t.out[0], 'h');
    CT_EXPECT_EQ(t.out[1], 'i');
    pth_wr(&d, 0x10, 0);                                 /* clearing TDFE: it comes back */
    CT_EXPECT_EQ(pth_rd(&d, 0x10) & 0x20u, 0x20u);
    /* receive: trigger 1 byte -> RDF; RXI with RIE */
    pth_wr(&d, 0x08, 0x70);
    CT_EXPECT_FALSE(t.irq[1].level);
    const uint8_t in[] = { 'a', 'b' };
    pth_chr_send(&t, in, 2);
    CT_EXPECT_EQ(pth_rd(&d, 0x1c), 2u);
    CT_EXPECT_EQ(pth_rd(&d, 0x10) & 0x02u, 0x02u);
    CT_EXPECT_TRUE(t.irq[1].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x14), (uint32_t)'a');
    CT_EXPECT_EQ(pth_rd(&d, 0x14), (uint32_t)'b');
    pth_wr(&d, 0x10, 0x60 & ~0x03);                      /* clear RDF, DR */
    CT_EXPECT_FALSE(t.irq[1].level);
    /* TXI while TIE and TDFE */
    pth_wr(&d, 0x08, 0xb0);
    CT_EXPECT_TRUE(t.irq[3].level);
    pth_dev_destroy(&d);
}

CTEST(sh7750_sci, transmit_on_tdre_clear)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-sci"));
    pth_wr(&d, 0x08, 0x30);
    pth_wr(&d, 0x0c, 'Z');
    CT_EXPECT_EQ(t.out_len, 0u);
    pth_wr(&d, 0x10, (uint32_t)~0x80u & 0xff);          /* clear TDRE: send */
    CT_EXPECT_EQ(t.out_len, 1u);
    CT_EXPECT_EQ(t.out[0], 'Z');
    CT_EXPECT_EQ(pth_rd(&d, 0x10) & 0x84u, 0x84u);
    const uint8_t in[] = { 'q' };
    pth_chr_send(&t, in, 1);
    CT_EXPECT_EQ(pth_rd(&d, 0x10) & 0x40u, 0x40u);
    CT_EXPECT_EQ(pth_rd(&d, 0x14), (uint32_t)'q');
    pth_dev_destroy(&d);
}

CTEST(sh7750_misc, cpg_bsc_rtc)
{
    periph_testhost t;
    pth_dev cpg, bsc, rtc;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &cpg, "renesas,sh7750-cpg"));
    CT_ASSERT_TRUE(pth_dev_create(&t, &bsc, "renesas,sh7750-bsc"));
    CT_ASSERT_TRUE(pth_dev_create(&t, &rtc, "renesas,sh7750-rtc"));
    CT_EXPECT_EQ(pth_rd(&cpg, 0x00), 0x0e0au);
    pth_wr(&cpg, 0x08, 0x12);                 /* no key: ignored */
    CT_EXPECT_EQ(pth_rd(&cpg, 0x08), 0u);
    pth_wr(&cpg, 0x08, 0x5a12);
    CT_EXPECT_EQ(pth_rd(&cpg, 0x08), 0x12u);
    uint32_t r1 = pth_rd(&bsc, 0x28), r2 = pth_rd(&bsc, 0x28);
    CT_EXPECT_EQ(r2, r1 + 1);                 /* refresh count advances */
    pth_wr(&bsc, 0x14, 0x50100024);
    CT_EXPECT_EQ(pth_rd(&bsc, 0x14), 0x50100024u);
    CT_EXPECT_EQ(pth_rd(&rtc, 0x1c), 0x2000u);    /* 2000-01-01 */
    CT_EXPECT_EQ(pth_rd(&rtc, 0x18), 0x01u);
    pth_advance(&t, 61ull * 1000000000ull);
    CT_EXPECT_EQ(pth_rd(&rtc, 0x04), 0x01u);
    CT_EXPECT_EQ(pth_rd(&rtc, 0x08), 0x01u);
    pth_wr(&rtc, 0x0c, 0x23);
    CT_EXPECT_EQ(pth_rd(&rtc, 0x0c), 0x23u);
    CT_EXPECT_EQ(pth_rd(&rtc, 0x10), 6u);        /* 2000-01-01 was a Saturday */
    pth_dev_destroy(&rtc);
    pth_dev_destroy(&bsc);
    pth_dev_destroy(&cpg);
}
