/*
 * SP804 dual timer at 1 MHz (1 tick = 1000 ns unless said): exact values
 * at exact simulated times, interrupts at exact times, the three modes,
 * prescalers, 16-bit mode and the combined IRQ.
 */
#include "ctest.h"
#include "periph_testhost.h"

enum { LOAD = 0x00, VALUE = 0x04, CTRL = 0x08, INTCLR = 0x0c, RIS = 0x10, MIS = 0x14,
       BGLOAD = 0x18, T2 = 0x20 };
enum { ONESHOT = 0x01, SIZE32 = 0x02, DIV16 = 0x04, DIV256 = 0x08, IE = 0x20, PERIODIC = 0x40,
       EN = 0x80 };

#define SETUP()                                    \
    periph_testhost t;                             \
    pth_init(&t);                                  \
    pth_dev d;                                     \
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,sp804"))

CTEST(sp804, reset_values_and_ids)
{
    SETUP();
    for (int tm = 0; tm < 2; tm++) {
        CT_EXPECT_EQ(pth_rd(&d, tm * T2 + LOAD), 0);
        CT_EXPECT_EQ(pth_rd(&d, tm * T2 + VALUE), 0xffffffffu);
        CT_EXPECT_EQ(pth_rd(&d, tm * T2 + CTRL), IE);
        CT_EXPECT_EQ(pth_rd(&d, tm * T2 + RIS), 0);
        CT_EXPECT_EQ(pth_rd(&d, tm * T2 + MIS), 0);
        CT_EXPECT_EQ(pth_rd(&d, tm * T2 + BGLOAD), 0);
    }
    static const uint8_t id[8] = { 0x04, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    for (int i = 0; i < 8; i++)
        CT_EXPECT_EQ(pth_rd(&d, 0xfe0 + 4 * i), id[i]);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_armed_timers(&t), 0);
    /* A disabled counter does not move. */
    pth_advance(&t, 5000000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0xffffffffu);
    pth_dev_destroy(&d);
}

CTEST(sp804, periodic_countdown_exact_times)
{
    SETUP();
    pth_wr(&d, LOAD, 100);
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | IE);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 100);
    CT_EXPECT_EQ(pth_next_timer(&t), 100000);
    pth_advance_to(&t, 999);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 100);
    pth_advance_to(&t, 1000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 99);
    pth_advance_to(&t, 50500);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 50);
    pth_advance_to(&t, 99999);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 1);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    pth_advance_to(&t, 100000);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 1);
    CT_EXPECT_EQ(pth_rd(&d, MIS), 1);
    /* Reload on the next tick: a period is Load + 1 ticks. */
    pth_advance_to(&t, 101000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 100);
    pth_wr(&d, INTCLR, 1);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_next_timer(&t), 201000);
    pth_advance_to(&t, 200999);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_advance_to(&t, 201000);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(t.irq[0].rises, 2);
    pth_dev_destroy(&d);
}

CTEST(sp804, periodic_interrupt_count_over_long_run)
{
    SETUP();
    pth_wr(&d, LOAD, 9);                      /* every 10 us */
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | IE);
    unsigned n = 0;
    for (uint64_t now = 0; now < 1000000; now += 500) {
        pth_advance_to(&t, now);
        if (t.irq[0].level) {
            n++;
            pth_wr(&d, INTCLR, 0);
        }
    }
    /* zeros at 9, 19, ..., 999 us -> 100 interrupts before 1 ms */
    CT_EXPECT_EQ(n, 100);
    pth_dev_destroy(&d);
}

CTEST(sp804, oneshot_halts_at_zero_and_load_restarts)
{
    SETUP();
    pth_wr(&d, LOAD, 10);
    pth_wr(&d, CTRL, EN | ONESHOT | SIZE32 | IE);
    CT_EXPECT_EQ(pth_next_timer(&t), 10000);
    pth_advance_to(&t, 10000);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_armed_timers(&t), 0);
    pth_advance_to(&t, 50000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0);
    CT_EXPECT_EQ(pth_rd(&d, CTRL) & EN, EN);
    pth_wr(&d, INTCLR, 1);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_advance_to(&t, 60000);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_wr(&d, LOAD, 5);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 5);
    CT_EXPECT_EQ(pth_next_timer(&t), 65000);
    pth_advance_to(&t, 65000);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(t.irq[0].rises, 2);
    pth_dev_destroy(&d);
}

CTEST(sp804, free_running_16bit_wraps_to_ffff)
{
    SETUP();
    pth_wr(&d, LOAD, 3);
    pth_wr(&d, CTRL, EN | IE);                /* free-running, 16-bit */
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 3);
    pth_advance_to(&t, 3000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_advance_to(&t, 4000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0xffff);
    pth_advance_to(&t, 5000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0xfffe);
    pth_wr(&d, INTCLR, 1);
    CT_EXPECT_EQ(pth_next_timer(&t), 3000 + 65536ull * 1000);
    pth_dev_destroy(&d);
}

CTEST(sp804, free_running_32bit_wraps)
{
    SETUP();
    pth_wr(&d, CTRL, SIZE32 | IE);
    pth_wr(&d, LOAD, 1);
    pth_wr(&d, CTRL, EN | SIZE32 | IE);
    pth_advance_to(&t, 2000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0xffffffffu);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 1);
    pth_wr(&d, INTCLR, 1);
    CT_EXPECT_EQ(pth_next_timer(&t), 1000 + (1ull << 32) * 1000);
    pth_advance_to(&t, 2000 + 1000ull * 0x10000000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0xffffffffu - 0x10000000u);
    pth_dev_destroy(&d);
}

CTEST(sp804, prescalers)
{
    SETUP();
    pth_wr(&d, LOAD, 10);
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | IE | DIV16);
    CT_EXPECT_EQ(pth_next_timer(&t), 160000);
    pth_advance_to(&t, 15999);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 10);
    pth_advance_to(&t, 16000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 9);
    pth_advance_to(&t, 160000);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, CTRL, 0);

    pth_wr(&d, INTCLR, 1);
    pth_wr(&d, LOAD, 10);
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | IE | DIV256);
    uint64_t start = t.now;
    CT_EXPECT_EQ(pth_next_timer(&t), start + 2560000);
    pth_advance_to(&t, start + 256000 * 3);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 7);
    pth_dev_destroy(&d);
}

CTEST(sp804, prescale_change_keeps_tick_phase)
{
    SETUP();
    pth_wr(&d, LOAD, 1000);
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32);
    pth_advance_to(&t, 2500);                 /* ticks at 1000, 2000 */
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 998);
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | DIV16);   /* from the 2000 ns boundary */
    pth_advance_to(&t, 17999);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 998);
    pth_advance_to(&t, 18000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 997);
    pth_dev_destroy(&d);
}

CTEST(sp804, sixteen_bit_mode_masks_load)
{
    SETUP();
    pth_wr(&d, CTRL, IE);                     /* 16-bit, disabled */
    pth_wr(&d, LOAD, 0x12345);
    CT_EXPECT_EQ(pth_rd(&d, LOAD), 0x12345);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0x2345);
    pth_wr(&d, CTRL, EN | PERIODIC | IE);
    pth_advance_to(&t, 0x2345 * 1000ull);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_advance_to(&t, 0x2346 * 1000ull);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0x2345);  /* reloads the 16-bit Load */
    pth_dev_destroy(&d);
}

CTEST(sp804, disable_freezes_value)
{
    SETUP();
    pth_wr(&d, LOAD, 100);
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | IE);
    pth_advance_to(&t, 30500);
    pth_wr(&d, CTRL, PERIODIC | SIZE32 | IE);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 70);
    CT_EXPECT_EQ(pth_armed_timers(&t), 0);
    pth_advance_to(&t, 500000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 70);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | IE);      /* resumes from 70 */
    CT_EXPECT_EQ(pth_next_timer(&t), 570000);
    pth_dev_destroy(&d);
}

CTEST(sp804, interrupt_enable_masks_output)
{
    SETUP();
    pth_wr(&d, LOAD, 5);
    pth_wr(&d, CTRL, EN | ONESHOT | SIZE32);
    pth_advance_to(&t, 5000);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 1);
    CT_EXPECT_EQ(pth_rd(&d, MIS), 0);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_wr(&d, CTRL, EN | ONESHOT | SIZE32 | IE);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, MIS), 1);
    pth_wr(&d, INTCLR, 0xdead);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    pth_dev_destroy(&d);
}

CTEST(sp804, both_timers_share_one_irq)
{
    SETUP();
    pth_wr(&d, LOAD, 10);
    pth_wr(&d, CTRL, EN | ONESHOT | SIZE32 | IE);
    pth_wr(&d, T2 + LOAD, 4);
    pth_wr(&d, T2 + CTRL, EN | ONESHOT | SIZE32 | IE);
    CT_EXPECT_EQ(pth_next_timer(&t), 4000);
    pth_advance_to(&t, 4000);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, T2 + RIS), 1);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 0);
    pth_wr(&d, T2 + INTCLR, 1);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_advance_to(&t, 10000);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, RIS), 1);
    pth_wr(&d, T2 + INTCLR, 1);               /* the other timer's clear: no effect */
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, INTCLR, 1);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_dev_destroy(&d);
}

CTEST(sp804, load_zero_interrupts_at_once)
{
    SETUP();
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | IE);
    pth_advance_to(&t, 777);
    pth_wr(&d, LOAD, 0);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, INTCLR, 1);
    CT_EXPECT_FALSE(t.irq[0].level);
    CT_EXPECT_EQ(pth_next_timer(&t), 1777);   /* then every tick */
    pth_dev_destroy(&d);
}

CTEST(sp804, bgload_changes_next_period_only)
{
    SETUP();
    pth_wr(&d, LOAD, 100);
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | IE);
    pth_advance_to(&t, 50000);
    pth_wr(&d, BGLOAD, 20);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 50);
    CT_EXPECT_EQ(pth_rd(&d, LOAD), 20);
    pth_advance_to(&t, 100000);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_wr(&d, INTCLR, 1);
    pth_advance_to(&t, 101000);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 20);
    CT_EXPECT_EQ(pth_next_timer(&t), 121000);
    pth_dev_destroy(&d);
}

CTEST(sp804, non_integer_tick_period)
{
    periph_testhost t;
    pth_init(&t);
    pth_set_prop(&t, "clock-frequency", 3000000);   /* 333.33 ns per tick */
    pth_dev d;
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,sp804"));
    pth_wr(&d, LOAD, 2);
    pth_wr(&d, CTRL, EN | ONESHOT | SIZE32 | IE);
    CT_EXPECT_EQ(pth_next_timer(&t), 667);          /* ceil(666.67) */
    pth_advance_to(&t, 333);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 2);
    pth_advance_to(&t, 334);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 1);
    pth_advance_to(&t, 666);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_advance_to(&t, 667);
    CT_EXPECT_TRUE(t.irq[0].level);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0);
    pth_dev_destroy(&d);

    /* Periodic, Load 2: a period of 3 ticks = exactly 1000 ns; reads on
     * every ns in between must not shift the phase. */
    pth_init(&t);
    pth_set_prop(&t, "clock-frequency", 3000000);
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,sp804"));
    pth_wr(&d, LOAD, 2);
    pth_wr(&d, CTRL, EN | PERIODIC | SIZE32 | IE);
    unsigned n = 0;
    for (uint64_t now = 1; now <= 10000; now++) {
        pth_advance_to(&t, now);
        (void)pth_rd(&d, VALUE);
        if (t.irq[0].level) {
            CT_EXPECT_EQ(now % 1000, 667);
            n++;
            pth_wr(&d, INTCLR, 1);
        }
    }
    CT_EXPECT_EQ(n, 10);
    pth_dev_destroy(&d);
}

CTEST(sp804, bad_clock_frequency_rejected)
{
    periph_testhost t;
    pth_init(&t);
    pth_set_prop(&t, "clock-frequency", 0);
    pth_dev d;
    CT_EXPECT_FALSE(pth_dev_create(&t, &d, "arm,sp804"));
}

CTEST(sp804, guest_errors_and_unimp)
{
    SETUP();
    pth_wr(&d, VALUE, 5);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    CT_EXPECT_EQ(pth_rd(&d, VALUE), 0xffffffffu);
    (void)pth_rd(&d, INTCLR);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    pth_wr(&d, CTRL, 0x0c);                   /* prescale 0b11: undefined */
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    (void)pth_rd(&d, 0x100);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    pth_wr(&d, 0xf00, 1);
    CT_EXPECT_EQ(pth_take_unimp(&t), 1);
    pth_dev_destroy(&d);
}
