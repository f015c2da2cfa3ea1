/*
 * Versatile system registers: IDs, lock, locked registers, flags, the
 * 24 MHz and 100 Hz counters from simulated time, CLCD read-only bits.
 */
#include "ctest.h"
#include "periph_testhost.h"

enum { ID = 0x00, SW = 0x04, LED = 0x08, OSC0 = 0x0c, OSC4 = 0x1c, LOCK = 0x20, HZ100 = 0x24,
       CFGDATA1 = 0x28, CFGDATA2 = 0x2c, FLAGS = 0x30, FLAGSCLR = 0x34, NVFLAGS = 0x38,
       NVFLAGSCLR = 0x3c, RESETCTL = 0x40, PCICTL = 0x44, MCI = 0x48, FLASH = 0x4c, CLCD = 0x50,
       MHZ24 = 0x5c, MISC = 0x60, DMAPSR0 = 0x64, PROCID0 = 0x84, PROCID1 = 0x88,
       OSCRESET0 = 0x8c, TEST_OSC0 = 0xc0 };

#define SETUP()                                    \
    periph_testhost t;                             \
    pth_init(&t);                                  \
    pth_dev d;                                     \
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,versatile-sysreg"))

CTEST(versatile_sysregs, reset_values)
{
    SETUP();
    CT_EXPECT_EQ(pth_rd(&d, ID), 0x41007004u);
    CT_EXPECT_EQ(pth_rd(&d, PROCID0), 0x02000000u);
    CT_EXPECT_EQ(pth_rd(&d, PROCID1), 0xff000000u);
    CT_EXPECT_EQ(pth_rd(&d, SW), 0);
    CT_EXPECT_EQ(pth_rd(&d, LED), 0);
    CT_EXPECT_EQ(pth_rd(&d, LOCK), 0x10000);          /* locked */
    CT_EXPECT_EQ(pth_rd(&d, FLAGS), 0);
    CT_EXPECT_EQ(pth_rd(&d, NVFLAGS), 0);
    CT_EXPECT_EQ(pth_rd(&d, RESETCTL), 0);
    CT_EXPECT_EQ(pth_rd(&d, PCICTL), 1);
    CT_EXPECT_EQ(pth_rd(&d, MCI), 0);
    CT_EXPECT_EQ(pth_rd(&d, CLCD), 0x1f00);
    CT_EXPECT_EQ(pth_rd(&d, MHZ24), 0);
    CT_EXPECT_EQ(pth_rd(&d, HZ100), 0);
    CT_EXPECT_EQ(pth_rd(&d, TEST_OSC0), 0);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 0);
    pth_dev_destroy(&d);
}

CTEST(versatile_sysregs, properties)
{
    periph_testhost t;
    pth_init(&t);
    pth_set_prop(&t, "sys-id", 0x41008004);
    pth_set_prop(&t, "proc-id", 0x0c000000);
    pth_set_prop(&t, "sw", 0x5a);
    pth_set_prop(&t, "mci", 1);
    pth_dev d;
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,core-module-versatile"));
    CT_EXPECT_EQ(pth_rd(&d, ID), 0x41008004u);
    CT_EXPECT_EQ(pth_rd(&d, PROCID0), 0x0c000000u);
    CT_EXPECT_EQ(pth_rd(&d, SW), 0x5a);
    CT_EXPECT_EQ(pth_rd(&d, MCI), 1);
    pth_dev_destroy(&d);
}

CTEST(versatile_sysregs, lock_protects_osc_and_resetctl)
{
    SETUP();
    pth_wr(&d, OSC0, 0x1234);
    CT_EXPECT_EQ(pth_rd(&d, OSC0), 0);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    pth_wr(&d, LOCK, 0xa05f);
    CT_EXPECT_EQ(pth_rd(&d, LOCK), 0xa05f);
    pth_wr(&d, OSC0, 0x1234);
    pth_wr(&d, OSC4, 0x5678);
    pth_wr(&d, OSCRESET0, 0x9abc);
    CT_EXPECT_EQ(pth_rd(&d, OSC0), 0x1234);
    CT_EXPECT_EQ(pth_rd(&d, OSC4), 0x5678);
    CT_EXPECT_EQ(pth_rd(&d, OSCRESET0), 0x9abc);
    pth_wr(&d, LOCK, 0xffff);                         /* anything else locks */
    CT_EXPECT_EQ(pth_rd(&d, LOCK), 0x10000 | 0x7fff);
    pth_wr(&d, OSC0, 1);
    CT_EXPECT_EQ(pth_rd(&d, OSC0), 0x1234);
    pth_wr(&d, RESETCTL, 0x100);
    CT_EXPECT_EQ(t.resets_requested, 0);
    CT_EXPECT_EQ(pth_rd(&d, RESETCTL), 0);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 2);
    pth_wr(&d, LOCK, 0xa05f);
    pth_wr(&d, RESETCTL, 0x4);                        /* no reset bit */
    CT_EXPECT_EQ(t.resets_requested, 0);
    CT_EXPECT_EQ(pth_rd(&d, RESETCTL), 0x4);
    pth_wr(&d, RESETCTL, 0x105);
    CT_EXPECT_EQ(t.resets_requested, 1);
    pth_dev_destroy(&d);
}

CTEST(versatile_sysregs, counters_follow_simulated_time)
{
    SETUP();
    pth_advance_to(&t, 1000);
    CT_EXPECT_EQ(pth_rd(&d, MHZ24), 24);
    pth_advance_to(&t, 1000000000);
    CT_EXPECT_EQ(pth_rd(&d, MHZ24), 24000000);
    CT_EXPECT_EQ(pth_rd(&d, HZ100), 100);
    pth_advance_to(&t, 2509999999ull);
    CT_EXPECT_EQ(pth_rd(&d, HZ100), 250);
    /* 2^32 / 24 MHz = 178.956970666 s: the counter wraps */
    pth_advance_to(&t, 180000000000ull);
    CT_EXPECT_EQ(pth_rd(&d, MHZ24), (uint32_t)(180ull * 24000000ull));
    pth_dev_destroy(&d);
}

CTEST(versatile_sysregs, flags_and_nvflags)
{
    SETUP();
    pth_wr(&d, FLAGS, 0x0f);
    pth_wr(&d, FLAGS, 0xf0);
    CT_EXPECT_EQ(pth_rd(&d, FLAGS), 0xff);
    pth_wr(&d, FLAGSCLR, 0x3c);
    CT_EXPECT_EQ(pth_rd(&d, FLAGS), 0xc3);
    pth_wr(&d, NVFLAGS, 0x11);
    pth_wr(&d, NVFLAGSCLR, 0x01);
    CT_EXPECT_EQ(pth_rd(&d, NVFLAGS), 0x10);
    d.model->reset(d.s);
    CT_EXPECT_EQ(pth_rd(&d, FLAGS), 0);
    CT_EXPECT_EQ(pth_rd(&d, NVFLAGS), 0x10);          /* non-volatile */
    pth_dev_destroy(&d);
}

CTEST(versatile_sysregs, plain_registers)
{
    SETUP();
    pth_wr(&d, LED, 0xa5);
    CT_EXPECT_EQ(pth_rd(&d, LED), 0xa5);
    pth_wr(&d, CFGDATA1, 0x11111111);
    pth_wr(&d, CFGDATA2, 0x22222222);
    CT_EXPECT_EQ(pth_rd(&d, CFGDATA1), 0x11111111);
    CT_EXPECT_EQ(pth_rd(&d, CFGDATA2), 0x22222222);
    pth_wr(&d, CLCD, 0xffffffffu);
    CT_EXPECT_EQ(pth_rd(&d, CLCD), 0xffffdfffu);      /* 13:8 read-only = 0x1f */
    pth_wr(&d, CLCD, 0);
    CT_EXPECT_EQ(pth_rd(&d, CLCD), 0x1f00);
    pth_wr(&d, FLASH, 3);
    CT_EXPECT_EQ(pth_rd(&d, FLASH), 1);
    pth_wr(&d, MISC, 0x77);
    CT_EXPECT_EQ(pth_rd(&d, MISC), 0x77);
    pth_wr(&d, DMAPSR0 + 8, 0x3);
    CT_EXPECT_EQ(pth_rd(&d, DMAPSR0 + 8), 0x3);
    pth_wr(&d, PCICTL, 0);
    CT_EXPECT_EQ(pth_rd(&d, PCICTL), 1);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 0);
    pth_dev_destroy(&d);
}

CTEST(versatile_sysregs, guest_errors)
{
    SETUP();
    (void)pth_rd(&d, FLAGSCLR);
    (void)pth_rd(&d, 0x200);
    pth_wr(&d, ID, 0);
    pth_wr(&d, 0x200, 0);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 4);
    CT_EXPECT_EQ(pth_rd(&d, ID), 0x41007004u);
    pth_dev_destroy(&d);
}
