/*
 * PL190 VIC: enables, FIQ select, soft interrupts, and vectored priority
 * with nesting through VectAddr reads (acknowledge) and writes (EOI).
 * t.irq[0] is nVICIRQ, t.irq[1] nVICFIQ.
 */
#include "ctest.h"
#include "periph_testhost.h"

enum { IRQSTATUS = 0x00, FIQSTATUS = 0x04, RAWINTR = 0x08, INTSELECT = 0x0c, INTENABLE = 0x10,
       INTENCLEAR = 0x14, SOFTINT = 0x18, SOFTINTCLEAR = 0x1c, PROTECTION = 0x20,
       VECTADDR = 0x30, DEFVECTADDR = 0x34, VECTADDR0 = 0x100, VECTCNTL0 = 0x200 };

#define SETUP()                                    \
    periph_testhost t;                             \
    pth_init(&t);                                  \
    pth_dev d;                                     \
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,versatile-vic"))

static void in(pth_dev *d, int n, bool level)
{
    d->model->set_irq_in(d->s, n, level);
}

CTEST(pl190, reset_values_and_ids)
{
    SETUP();
    CT_EXPECT_EQ(d.model->n_irq_in, 32);
    CT_EXPECT_EQ(d.model->n_irq_out, 2);
    CT_EXPECT_EQ(pth_rd(&d, IRQSTATUS), 0);
    CT_EXPECT_EQ(pth_rd(&d, FIQSTATUS), 0);
    CT_EXPECT_EQ(pth_rd(&d, RAWINTR), 0);
    CT_EXPECT_EQ(pth_rd(&d, INTSELECT), 0);
    CT_EXPECT_EQ(pth_rd(&d, INTENABLE), 0);
    CT_EXPECT_EQ(pth_rd(&d, SOFTINT), 0);
    CT_EXPECT_EQ(pth_rd(&d, PROTECTION), 0);
    CT_EXPECT_EQ(pth_rd(&d, DEFVECTADDR), 0);
    for (int i = 0; i < 16; i++) {
        CT_EXPECT_EQ(pth_rd(&d, VECTADDR0 + 4 * i), 0);
        CT_EXPECT_EQ(pth_rd(&d, VECTCNTL0 + 4 * i), 0);
    }
    static const uint8_t id[8] = { 0x90, 0x11, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    for (int i = 0; i < 8; i++)
        CT_EXPECT_EQ(pth_rd(&d, 0xfe0 + 4 * i), id[i]);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_FALSE(t.irq[1].level);
    pth_dev_destroy(&d);
}

CTEST(pl190, pl190_compatible_alias)
{
    periph_testhost t;
    pth_init(&t);
    pth_dev d;
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,pl190-vic"));
    CT_EXPECT_EQ(pth_rd(&d, 0xfe0), 0x90);
    pth_dev_destroy(&d);
}

CTEST(pl190, enable_and_disable)
{
    SETUP();
    in(&d, 4, true);
    CT_EXPECT_EQ(pth_rd(&d, RAWINTR), 1u << 4);
    CT_EXPECT_EQ(pth_rd(&d, IRQSTATUS), 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_wr(&d, INTENABLE, (1u << 4) | (1u << 9));
    pth_wr(&d, INTENABLE, 1u << 12);                 /* set-only: keeps 4 and 9 */
    CT_EXPECT_EQ(pth_rd(&d, INTENABLE), (1u << 4) | (1u << 9) | (1u << 12));
    CT_EXPECT_EQ(pth_rd(&d, IRQSTATUS), 1u << 4);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_FALSE(t.irq[1].level);
    in(&d, 4, false);
    CT_EXPECT_FALSE(t.irq[0].level);
    in(&d, 9, true);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, INTENCLEAR, 1u << 9);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, INTENABLE), (1u << 4) | (1u << 12));
    CT_EXPECT_EQ(pth_rd(&d, RAWINTR), 1u << 9);
    pth_dev_destroy(&d);
}

CTEST(pl190, fiq_select)
{
    SETUP();
    pth_wr(&d, INTENABLE, 0xffffffffu);
    pth_wr(&d, INTSELECT, 1u << 7);
    CT_EXPECT_EQ(pth_rd(&d, INTSELECT), 1u << 7);
    in(&d, 7, true);
    CT_EXPECT_TRUE(t.irq[1].level);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, FIQSTATUS), 1u << 7);
    CT_EXPECT_EQ(pth_rd(&d, IRQSTATUS), 0);
    pth_wr(&d, INTSELECT, 0);                        /* back to IRQ */
    CT_EXPECT_FALSE(t.irq[1].level);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, INTSELECT, 1u << 7);
    pth_wr(&d, INTENCLEAR, 1u << 7);                 /* a disabled FIQ source is quiet */
    CT_EXPECT_FALSE(t.irq[1].level);
    CT_EXPECT_EQ(pth_rd(&d, FIQSTATUS), 0);
    pth_dev_destroy(&d);
}

CTEST(pl190, soft_interrupts)
{
    SETUP();
    pth_wr(&d, INTENABLE, 1u << 2);
    pth_wr(&d, SOFTINT, (1u << 2) | (1u << 3));
    CT_EXPECT_EQ(pth_rd(&d, SOFTINT), (1u << 2) | (1u << 3));
    CT_EXPECT_EQ(pth_rd(&d, RAWINTR), (1u << 2) | (1u << 3));
    CT_EXPECT_EQ(pth_rd(&d, IRQSTATUS), 1u << 2);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, SOFTINTCLEAR, 1u << 2);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, SOFTINT), 1u << 3);
    pth_dev_destroy(&d);
}

static void setup_vectors(pth_dev *d)
{
    pth_wr(d, VECTADDR0 + 0, 0x1000);     /* slot 0: source 5 (highest) */
    pth_wr(d, VECTCNTL0 + 0, 0x20 | 5);
    pth_wr(d, VECTADDR0 + 4, 0x2000);     /* slot 1: source 3 */
    pth_wr(d, VECTCNTL0 + 4, 0x20 | 3);
    pth_wr(d, VECTADDR0 + 8, 0x3000);     /* slot 2: source 8, but not enabled */
    pth_wr(d, VECTCNTL0 + 8, 8);
    pth_wr(d, DEFVECTADDR, 0x9000);
    pth_wr(d, INTENABLE, 0xffffffffu);
}

CTEST(pl190, vectored_priority_and_nesting)
{
    SETUP();
    setup_vectors(&d);
    CT_EXPECT_EQ(pth_rd(&d, VECTCNTL0 + 4), 0x23);
    in(&d, 3, true);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x2000);      /* ack: now at priority 1 */
    CT_EXPECT_FALSE(t.irq[0].level);                 /* its own source is masked */
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x2000);      /* re-read: same level */
    in(&d, 7, true);                                 /* non-vectored: lower */
    CT_EXPECT_FALSE(t.irq[0].level);
    in(&d, 5, true);                                 /* slot 0 preempts */
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x1000);
    CT_EXPECT_FALSE(t.irq[0].level);
    in(&d, 5, false);
    pth_wr(&d, VECTADDR, 0);                         /* EOI: back to priority 1 */
    CT_EXPECT_FALSE(t.irq[0].level);
    in(&d, 3, false);
    pth_wr(&d, VECTADDR, 0);                         /* EOI: idle, 7 still pending */
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x9000);      /* non-vectored -> DefVectAddr */
    CT_EXPECT_FALSE(t.irq[0].level);
    in(&d, 8, true);                                 /* slot 2 disabled: non-vectored */
    CT_EXPECT_FALSE(t.irq[0].level);
    in(&d, 3, true);                                 /* any vectored beats non-vectored */
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x2000);
    pth_wr(&d, VECTADDR, 0);
    pth_wr(&d, VECTADDR, 0);                         /* back to idle */
    in(&d, 3, false);
    in(&d, 7, false);
    in(&d, 8, false);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_wr(&d, VECTADDR, 0);                         /* extra EOI at idle: harmless */
    in(&d, 3, true);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_dev_destroy(&d);
}

CTEST(pl190, highest_pending_wins_ack)
{
    SETUP();
    setup_vectors(&d);
    in(&d, 3, true);
    in(&d, 5, true);
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x1000);
    pth_wr(&d, VECTADDR, 0);
    in(&d, 5, false);
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x2000);
    pth_dev_destroy(&d);
}

CTEST(pl190, vectaddr_without_pending_returns_default)
{
    SETUP();
    setup_vectors(&d);
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x9000);
    in(&d, 3, true);                                 /* no priority was taken */
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, INTENCLEAR, 1u << 3);                 /* disabled sources are not acked */
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x9000);
    pth_wr(&d, INTENABLE, 1u << 3);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_dev_destroy(&d);
}

CTEST(pl190, fiq_sources_do_not_take_irq_vectors)
{
    SETUP();
    setup_vectors(&d);
    pth_wr(&d, INTSELECT, 1u << 5);
    in(&d, 5, true);
    CT_EXPECT_TRUE(t.irq[1].level);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, VECTADDR), 0x9000);
    pth_dev_destroy(&d);
}

CTEST(pl190, guest_errors_and_unimp)
{
    SETUP();
    pth_wr(&d, IRQSTATUS, 0xffffffffu);              /* Linux does this: silent */
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 0);
    CT_EXPECT_EQ(pth_rd(&d, IRQSTATUS), 0);
    pth_wr(&d, RAWINTR, 1);
    (void)pth_rd(&d, INTENCLEAR);
    (void)pth_rd(&d, 0x40);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 3);
    pth_wr(&d, PROTECTION, 1);
    CT_EXPECT_EQ(pth_rd(&d, PROTECTION), 1);
    CT_EXPECT_EQ(pth_take_unimp(&t), 1);
    pth_wr(&d, 0x300, 1);
    CT_EXPECT_EQ(pth_take_unimp(&t), 1);
    pth_dev_destroy(&d);
}

CTEST(pl190, reset_restores_idle_priority)
{
    SETUP();
    setup_vectors(&d);
    in(&d, 3, true);
    (void)pth_rd(&d, VECTADDR);
    CT_EXPECT_FALSE(t.irq[0].level);
    d.model->reset(d.s);
    CT_EXPECT_EQ(pth_rd(&d, INTENABLE), 0);
    CT_EXPECT_EQ(pth_rd(&d, VECTCNTL0 + 4), 0);
    CT_EXPECT_EQ(pth_rd(&d, RAWINTR), 1u << 3);      /* input lines are the sources' */
    pth_wr(&d, INTENABLE, 1u << 3);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_dev_destroy(&d);
}
