/*
 * SH7750 interrupt sources on a manual clock (tests/periph/periph_testhost):
 * the INTC's NMI and IRL inputs, its MAI/NMIB/IRLM modes and default
 * order, and the RTC's carry, alarm and periodic interrupts.
 */
#include "ctest.h"
#include "periph_testhost.h"

#define INTC_ACK 0x80
#define IN_DMTE0 16
#define IN_NMI 21
#define IN_IRL0 22

#define SEC 1000000000ull

/* ---- INTC ------------------------------------------------------------------- */

CTEST(sh7750_intc, nmi_edge_latch_and_ack)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-intc"));
    CT_EXPECT_EQ(pth_rd(&d, 0x00), 0x8000u);          /* NMIL: the pin rests high */
    CT_EXPECT_FALSE(t.irq[1].level);
    d.model->set_irq_in(d.s, IN_NMI, true);            /* pin falls: NMIE = 0 edge */
    CT_EXPECT_TRUE(t.irq[1].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x00), 0x0000u);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), 1u << 24);      /* NMI latched, no maskable one */
    CT_EXPECT_FALSE(t.irq[0].level);                   /* NMI is not an IMASK-level request */
    d.model->set_irq_in(d.s, IN_NMI, false);           /* pin rises: not the edge */
    CT_EXPECT_TRUE(t.irq[1].level);                    /* still latched until accepted */
    pth_wr(&d, INTC_ACK, 0x1c0);                       /* the CPU accepts it */
    CT_EXPECT_FALSE(t.irq[1].level);
    CT_EXPECT_EQ(t.irq[1].rises, 1u);
    /* NMIE = 1: the rising edge of the pin */
    pth_wr(&d, 0x00, 0x0100);
    d.model->set_irq_in(d.s, IN_NMI, true);
    CT_EXPECT_FALSE(t.irq[1].level);
    d.model->set_irq_in(d.s, IN_NMI, false);
    CT_EXPECT_TRUE(t.irq[1].level);
    pth_wr(&d, INTC_ACK, 0x1c0);
    /* NMIB travels in the acknowledge word; NMIL is read only */
    pth_wr(&d, 0x00, 0x8200);
    CT_EXPECT_EQ(pth_rd(&d, 0x00), 0x8200u);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), 1u << 25);
    /* an NMI from outside the wiring (gdb's monitor nmi) */
    d.model->nmi(d.s);
    CT_EXPECT_TRUE(t.irq[1].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x00) & 0x8000u, 0x8000u);  /* the pin did not move */
    pth_dev_destroy(&d);
}

CTEST(sh7750_intc, mai_masks_while_nmi_pin_low)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-intc"));
    pth_wr(&d, 0x04, 0x5000);                          /* TMU0 level 5 */
    d.model->set_irq_in(d.s, 0, true);
    pth_wr(&d, 0x00, 0x4000);                          /* MAI */
    CT_EXPECT_TRUE(t.irq[0].level);                    /* pin high: no effect */
    d.model->set_irq_in(d.s, IN_NMI, true);            /* pin low: all masked */
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), 1u << 24);      /* only the NMI it made */
    d.model->set_irq_in(d.s, IN_NMI, false);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_dev_destroy(&d);
}

CTEST(sh7750_intc, irl_encoded_levels)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-intc"));
    /* IRL3..0 pins = 0110 (inputs = requests 1001): level 9, INTEVT 0x2c0 */
    d.model->set_irq_in(d.s, IN_IRL0 + 0, true);
    d.model->set_irq_in(d.s, IN_IRL0 + 3, true);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (9u << 16) | 0x2c0u);
    /* pins 0000: level 15, INTEVT 0x200 */
    d.model->set_irq_in(d.s, IN_IRL0 + 1, true);
    d.model->set_irq_in(d.s, IN_IRL0 + 2, true);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (15u << 16) | 0x200u);
    /* pins 1110: level 1, INTEVT 0x3c0 */
    for (int k = 1; k < 4; k++)
        d.model->set_irq_in(d.s, IN_IRL0 + k, false);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (1u << 16) | 0x3c0u);
    /* an on-chip source at the same level: IRL comes first in the order */
    pth_wr(&d, 0x04, 0x1000);
    d.model->set_irq_in(d.s, 0, true);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (1u << 16) | 0x3c0u);
    d.model->set_irq_in(d.s, IN_IRL0, false);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (1u << 16) | 0x400u);
    pth_dev_destroy(&d);
}

CTEST(sh7750_intc, irl_independent_with_iprd)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-intc"));
    CT_EXPECT_EQ(pth_rd(&d, 0x10), 0xda74u);
    pth_wr(&d, 0x00, 0x0080);                          /* IRLM */
    d.model->set_irq_in(d.s, IN_IRL0 + 1, true);       /* IRL1: 0x2a0 at IPRD[11:8] */
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (10u << 16) | 0x2a0u);
    d.model->set_irq_in(d.s, IN_IRL0 + 3, true);       /* IRL3: 0x360, level 4 */
    pth_wr(&d, 0x10, 0x0f0c);                          /* IRL1 = 15, IRL3 = 12 */
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (15u << 16) | 0x2a0u);
    pth_wr(&d, 0x10, 0x000c);                          /* IRL1 masked */
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (12u << 16) | 0x360u);
    pth_wr(&d, 0x10, 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_dev_destroy(&d);
}

CTEST(sh7750_intc, dmac_sources_and_default_order)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-intc"));
    pth_wr(&d, 0x0c, 0x0600);                          /* IPRC: DMAC = 6 */
    d.model->set_irq_in(d.s, IN_DMTE0 + 4, true);      /* DMAE */
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (6u << 16) | 0x6c0u);
    d.model->set_irq_in(d.s, IN_DMTE0 + 2, true);      /* DMTE2: lower code wins */
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (6u << 16) | 0x680u);
    /* TMU0 at the same level: the DMAC comes first in the default order */
    pth_wr(&d, 0x04, 0x6000);
    d.model->set_irq_in(d.s, 0, true);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (6u << 16) | 0x680u);
    pth_wr(&d, 0x04, 0x7000);
    CT_EXPECT_EQ(pth_rd(&d, INTC_ACK), (7u << 16) | 0x400u);
    pth_dev_destroy(&d);
}

/* ---- RTC ---------------------------------------------------------------------- */

enum { RTC_ATI = 0, RTC_PRI = 1, RTC_CUI = 2 };

CTEST(sh7750_rtc, periodic_interrupt_every_period)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-rtc"));
    CT_EXPECT_EQ(pth_armed_timers(&t), 0u);            /* idle: nothing armed */
    pth_wr(&d, 0x3c, 0x19);                            /* PES = 1/256 s, RTCEN, START */
    pth_advance(&t, 3906249);
    CT_EXPECT_FALSE(t.irq[RTC_PRI].level);
    pth_advance(&t, 1);                                /* 1/256 s exactly */
    CT_EXPECT_TRUE(t.irq[RTC_PRI].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x3c), 0x99u);             /* PEF */
    pth_wr(&d, 0x3c, 0x19);                            /* PEF written 0 */
    CT_EXPECT_FALSE(t.irq[RTC_PRI].level);
    /* count the periods of one second, clearing PEF each time */
    unsigned n = 1;
    for (uint64_t i = 1; i <= 255 * 4; i++) {
        pth_advance_to(&t, 3906250 + i * 3906250 / 4);
        if (t.irq[RTC_PRI].level) {
            n++;
            pth_wr(&d, 0x3c, 0x19);
        }
    }
    CT_EXPECT_EQ(n, 256u);
    /* 2 s period: on even seconds of the clock */
    pth_wr(&d, 0x3c, 0x79);
    pth_advance_to(&t, 2 * SEC - 1);
    CT_EXPECT_FALSE(t.irq[RTC_PRI].level);
    pth_advance_to(&t, 2 * SEC);
    CT_EXPECT_TRUE(t.irq[RTC_PRI].level);
    /* PES = 0: no request even with PEF, nothing armed */
    pth_wr(&d, 0x3c, 0x89);
    CT_EXPECT_FALSE(t.irq[RTC_PRI].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x3c), 0x89u);
    CT_EXPECT_EQ(pth_armed_timers(&t), 0u);
    pth_dev_destroy(&d);
}

CTEST(sh7750_rtc, carry_flag_and_interrupt)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-rtc"));
    pth_advance(&t, SEC / 2);
    CT_EXPECT_EQ(pth_rd(&d, 0x38), 0x00u);
    pth_advance(&t, SEC / 2);                          /* a carry: CF without CIE */
    CT_EXPECT_EQ(pth_rd(&d, 0x38), 0x80u);
    CT_EXPECT_FALSE(t.irq[RTC_CUI].level);
    pth_wr(&d, 0x38, 0x10);                            /* CIE, CF cleared */
    CT_EXPECT_EQ(pth_rd(&d, 0x38), 0x10u);
    CT_EXPECT_EQ(pth_next_timer(&t), 2 * SEC);
    pth_advance(&t, SEC - 1);
    CT_EXPECT_FALSE(t.irq[RTC_CUI].level);
    pth_advance(&t, 1);
    CT_EXPECT_TRUE(t.irq[RTC_CUI].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x04), 0x02u);             /* RSECCNT */
    pth_wr(&d, 0x38, 0x90);                            /* writing 1 keeps CF */
    CT_EXPECT_TRUE(t.irq[RTC_CUI].level);
    pth_wr(&d, 0x38, 0x10);
    CT_EXPECT_FALSE(t.irq[RTC_CUI].level);
    /* a stopped clock makes no carries */
    pth_wr(&d, 0x3c, 0x08);
    pth_advance(&t, 3 * SEC);
    CT_EXPECT_FALSE(t.irq[RTC_CUI].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x04), 0x02u);
    pth_dev_destroy(&d);
}

CTEST(sh7750_rtc, alarm_on_enabled_fields)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-rtc"));
    pth_wr(&d, 0x20, 0x05);                            /* RSECAR 05 without ENB: no alarm */
    pth_wr(&d, 0x38, 0x08);                            /* AIE */
    pth_advance(&t, 6 * SEC);
    CT_EXPECT_FALSE(t.irq[RTC_ATI].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x38), 0x88u);             /* carries happened */
    /* second 05 of minute 01 */
    pth_wr(&d, 0x20, 0x85);
    pth_wr(&d, 0x24, 0x81);
    pth_wr(&d, 0x38, 0x08);
    pth_advance_to(&t, 65 * SEC - 1);
    CT_EXPECT_FALSE(t.irq[RTC_ATI].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x38) & 0x01u, 0u);
    pth_advance_to(&t, 65 * SEC);
    CT_EXPECT_TRUE(t.irq[RTC_ATI].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x38) & 0x01u, 0x01u);     /* AF */
    CT_EXPECT_EQ(pth_rd(&d, 0x08), 0x01u);
    pth_wr(&d, 0x38, 0x88);                            /* AF written 0 */
    CT_EXPECT_FALSE(t.irq[RTC_ATI].level);
    /* day of week: 2000-01-01 is a Saturday (6), the 2nd a Sunday */
    pth_wr(&d, 0x20, 0x80);
    pth_wr(&d, 0x24, 0x80);
    pth_wr(&d, 0x28, 0x80);
    pth_wr(&d, 0x2c, 0x80);                            /* Sunday 00:00:00 */
    pth_advance_to(&t, 86400 * SEC - 1);
    CT_EXPECT_FALSE(t.irq[RTC_ATI].level);
    pth_advance_to(&t, 86400 * SEC);
    CT_EXPECT_TRUE(t.irq[RTC_ATI].level);
    CT_EXPECT_EQ(pth_rd(&d, 0x10), 0u);
    CT_EXPECT_EQ(pth_rd(&d, 0x14), 0x02u);
    pth_dev_destroy(&d);
}

CTEST(sh7750_rtc, clock_writes_reset_and_adjust)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-rtc"));
    pth_wr(&d, 0x3c, 0x08);                            /* stop */
    pth_wr(&d, 0x04, 0x40);                            /* 00:00:40 */
    pth_wr(&d, 0x3c, 0x0d);                            /* ADJ, START: to 00:01:00 */
    CT_EXPECT_EQ(pth_rd(&d, 0x3c), 0x09u);             /* ADJ reads 0 */
    CT_EXPECT_EQ(pth_rd(&d, 0x08), 0x01u);
    CT_EXPECT_EQ(pth_rd(&d, 0x04), 0x00u);
    /* a jump makes no carry: CF only after a real second */
    CT_EXPECT_EQ(pth_rd(&d, 0x38) & 0x80u, 0u);
    pth_advance(&t, SEC / 2);
    pth_wr(&d, 0x3c, 0x0b);                            /* RESET: the divider restarts */
    pth_advance(&t, SEC - 1);
    CT_EXPECT_EQ(pth_rd(&d, 0x38) & 0x80u, 0u);
    CT_EXPECT_EQ(pth_rd(&d, 0x04), 0x00u);
    pth_advance(&t, 1);
    CT_EXPECT_EQ(pth_rd(&d, 0x38) & 0x80u, 0x80u);
    CT_EXPECT_EQ(pth_rd(&d, 0x04), 0x01u);
    pth_dev_destroy(&d);
}
