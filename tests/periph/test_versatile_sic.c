/*
 * Versatile SIC: enable set/clear, status, soft interrupts, the combined
 * output (t.irq[0], to VIC 31) and the PICENABLE pass-through outputs
 * (t.irq[k] carries SIC input 20 + k, k = 1..10).
 */
#include "ctest.h"
#include "periph_testhost.h"

enum { STATUS = 0x00, RAWSTAT = 0x04, ENABLE = 0x08, ENCLR = 0x0c, SOFTINTSET = 0x10,
       SOFTINTCLR = 0x14, PICENABLE = 0x20, PICENCLR = 0x24 };

#define SETUP()                                    \
    periph_testhost t;                             \
    pth_init(&t);                                  \
    pth_dev d;                                     \
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,versatile-sic"))

static void in(pth_dev *d, int n, bool level)
{
    d->model->set_irq_in(d->s, n, level);
}

CTEST(versatile_sic, reset_values)
{
    SETUP();
    CT_EXPECT_EQ(d.model->n_irq_out, 11);
    CT_EXPECT_EQ(d.model->n_irq_in, 32);
    CT_EXPECT_EQ(pth_rd(&d, STATUS), 0);
    CT_EXPECT_EQ(pth_rd(&d, RAWSTAT), 0);
    CT_EXPECT_EQ(pth_rd(&d, ENABLE), 0);
    CT_EXPECT_EQ(pth_rd(&d, SOFTINTSET), 0);
    CT_EXPECT_EQ(pth_rd(&d, PICENABLE), 0);
    for (int i = 0; i < 11; i++)
        CT_EXPECT_FALSE(t.irq[i].level);
    pth_dev_destroy(&d);
}

CTEST(versatile_sic, enable_and_combined_output)
{
    SETUP();
    in(&d, 3, true);
    CT_EXPECT_EQ(pth_rd(&d, RAWSTAT), 1u << 3);
    CT_EXPECT_EQ(pth_rd(&d, STATUS), 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_wr(&d, ENABLE, 1u << 3);
    pth_wr(&d, ENABLE, 1u << 6);                     /* ENSET accumulates */
    CT_EXPECT_EQ(pth_rd(&d, ENABLE), (1u << 3) | (1u << 6));
    CT_EXPECT_EQ(pth_rd(&d, STATUS), 1u << 3);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, ENCLR, 1u << 3);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, ENABLE), 1u << 6);
    in(&d, 6, true);
    CT_EXPECT_TRUE(t.irq[0].level);
    in(&d, 6, false);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_dev_destroy(&d);
}

CTEST(versatile_sic, soft_interrupts)
{
    SETUP();
    pth_wr(&d, ENABLE, 1u << 0);
    pth_wr(&d, SOFTINTSET, 1u << 0);
    CT_EXPECT_EQ(pth_rd(&d, SOFTINTSET), 1u << 0);
    CT_EXPECT_EQ(pth_rd(&d, RAWSTAT), 1u << 0);
    CT_EXPECT_EQ(pth_rd(&d, STATUS), 1u << 0);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, SOFTINTCLR, 1u << 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, SOFTINTSET), 0);
    CT_EXPECT_EQ(pth_rd(&d, ENABLE), 1u << 0);       /* not QEMU's mask toggle */
    pth_dev_destroy(&d);
}

CTEST(versatile_sic, pic_pass_through)
{
    SETUP();
    pth_wr(&d, PICENABLE, 0xffd00000u);              /* what Linux writes */
    CT_EXPECT_EQ(pth_rd(&d, PICENABLE), 0x7fc00000u); /* only 21..30 exist */
    in(&d, 22, true);
    CT_EXPECT_TRUE(t.irq[2].level);                  /* output k = input 20 + k */
    CT_EXPECT_FALSE(t.irq[0].level);                 /* not enabled in the SIC */
    in(&d, 21, true);                                /* not pass-through enabled */
    CT_EXPECT_FALSE(t.irq[1].level);
    pth_wr(&d, PICENABLE, 1u << 21);
    CT_EXPECT_TRUE(t.irq[1].level);
    in(&d, 30, true);
    CT_EXPECT_TRUE(t.irq[10].level);
    pth_wr(&d, PICENCLR, 1u << 22);
    CT_EXPECT_FALSE(t.irq[2].level);                 /* disabled line is driven low */
    CT_EXPECT_EQ(pth_rd(&d, PICENABLE), (1u << 21) | (1u << 23) | (1u << 24) | (1u << 25) |
                                            (1u << 26) | (1u << 27) | (1u << 28) |
                                            (1u << 29) | (1u << 30));
    pth_wr(&d, ENABLE, 1u << 22);                    /* the SIC path is independent */
    CT_EXPECT_TRUE(t.irq[0].level);
    in(&d, 30, false);
    CT_EXPECT_FALSE(t.irq[10].level);
    /* Soft interrupts are not passed through. */
    pth_wr(&d, SOFTINTSET, 1u << 23);
    CT_EXPECT_FALSE(t.irq[3].level);
    pth_dev_destroy(&d);
}

CTEST(versatile_sic, guest_errors)
{
    SETUP();
    (void)pth_rd(&d, ENCLR);
    (void)pth_rd(&d, 0x18);
    pth_wr(&d, STATUS, 1);
    pth_wr(&d, 0x40, 1);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 4);
    CT_EXPECT_EQ(pth_rd(&d, ENABLE), 0);
    pth_dev_destroy(&d);
}
