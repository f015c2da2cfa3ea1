/*
 * PL031 RTC: IDs, a count of simulated seconds from a deterministic base,
 * LR load, the match interrupt at the exact second, mask and clear.
 */
#include "ctest.h"
#include "periph_testhost.h"

enum { DR = 0x00, MR = 0x04, LR = 0x08, CR = 0x0c, IMSC = 0x10, RIS = 0x14, MIS = 0x18,
       ICR = 0x1c };
#define S 1000000000ull

#define SETUP()                                    \
    periph_testhost t;                             \
    pth_init(&t);                                  \
    pth_dev d;                                     \
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,pl031"))

CTEST(pl031, reset_values_and_ids)
{
    SETUP();
    CT_EXPECT_EQ(pth_rd(&d, DR), 0);
    CT_EXPECT_EQ(pth_rd(&d, MR), 0);
    CT_EXPECT_EQ(pth_rd(&d, LR), 0);
    CT_EXPECT_EQ(pth_rd(&d, CR), 1);
    CT_EXPECT_EQ(pth_rd(&d, IMSC), 0);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    CT_EXPECT_EQ(pth_rd(&d, MIS), 0);
    static const uint8_t id[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    for (int i = 0; i < 8; i++)
        CT_EXPECT_EQ(pth_rd(&d, 0xfe0 + 4 * i), id[i]);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_dev_destroy(&d);
}

CTEST(pl031, counts_simulated_seconds)
{
    SETUP();
    pth_advance_to(&t, S - 1);
    CT_EXPECT_EQ(pth_rd(&d, DR), 0);
    pth_advance_to(&t, S);
    CT_EXPECT_EQ(pth_rd(&d, DR), 1);
    pth_advance_to(&t, 3600 * S + 5);
    CT_EXPECT_EQ(pth_rd(&d, DR), 3600);
    pth_dev_destroy(&d);
}

CTEST(pl031, base_and_host_time_properties)
{
    periph_testhost t;
    pth_init(&t);
    pth_set_prop(&t, "base", 1000000);
    pth_dev d;
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,pl031"));
    pth_advance_to(&t, 2 * S);
    CT_EXPECT_EQ(pth_rd(&d, DR), 1000002);
    pth_dev_destroy(&d);

    pth_init(&t);
    t.wall_time = 1700000000;
    pth_set_prop(&t, "use-host-time", 1);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,pl031"));
    CT_EXPECT_EQ(pth_rd(&d, DR), 1700000000u);
    pth_dev_destroy(&d);
}

CTEST(pl031, load_register_sets_count_keeping_phase)
{
    SETUP();
    pth_advance_to(&t, 10 * S + S / 2);
    pth_wr(&d, LR, 5000);
    CT_EXPECT_EQ(pth_rd(&d, DR), 5000);
    CT_EXPECT_EQ(pth_rd(&d, LR), 5000);
    pth_advance_to(&t, 11 * S - 1);
    CT_EXPECT_EQ(pth_rd(&d, DR), 5000);
    pth_advance_to(&t, 11 * S);
    CT_EXPECT_EQ(pth_rd(&d, DR), 5001);
    pth_dev_destroy(&d);
}

CTEST(pl031, match_interrupt_at_exact_second)
{
    SETUP();
    pth_advance_to(&t, S / 4);
    pth_wr(&d, IMSC, 1);
    pth_wr(&d, MR, 5);
    CT_EXPECT_EQ(pth_rd(&d, MR), 5);
    CT_EXPECT_EQ(pth_next_timer(&t), 5 * S);
    pth_advance_to(&t, 5 * S - 1);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    pth_advance_to(&t, 5 * S);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 1);
    CT_EXPECT_EQ(pth_rd(&d, MIS), 1);
    pth_wr(&d, ICR, 1);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    pth_dev_destroy(&d);
}

CTEST(pl031, match_mask_and_immediate_match)
{
    SETUP();
    pth_advance_to(&t, 7 * S);
    pth_wr(&d, MR, 7);                  /* equal to the count now: at once */
    CT_EXPECT_EQ(pth_rd(&d, RIS), 1);
    CT_EXPECT_EQ(pth_rd(&d, MIS), 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_wr(&d, IMSC, 3);
    CT_EXPECT_EQ(pth_rd(&d, IMSC), 1);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, IMSC, 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_wr(&d, ICR, 1);
    /* A match loaded via LR moving the count onto MR also fires. */
    pth_wr(&d, MR, 100);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    pth_wr(&d, LR, 100);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 1);
    pth_dev_destroy(&d);
}

CTEST(pl031, match_in_the_past_wraps)
{
    SETUP();
    pth_wr(&d, LR, 50);
    pth_wr(&d, MR, 10);                 /* 2^32 - 40 seconds ahead */
    CT_EXPECT_EQ(pth_next_timer(&t), ((1ull << 32) - 40) * S);
    pth_dev_destroy(&d);
}

CTEST(pl031, guest_errors)
{
    SETUP();
    (void)pth_rd(&d, ICR);
    (void)pth_rd(&d, 0x20);
    pth_wr(&d, DR, 5);
    pth_wr(&d, RIS, 1);
    pth_wr(&d, 0x40, 1);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 5);
    CT_EXPECT_EQ(pth_rd(&d, DR), 0);
    pth_wr(&d, CR, 0);                  /* ignored, always started */
    CT_EXPECT_EQ(pth_rd(&d, CR), 1);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 0);
    pth_dev_destroy(&d);
}
