/*
 * The SH7750 DMAC on a manual clock (tests/periph/periph_testhost): it
 * masters the test host's RAM at PTH_MEM_BASE through bus_read/bus_write.
 * Default bus clock 100 MHz: a unit of 1, 2 or 4 bytes takes 6 cycles
 * (60 ns), 8 bytes 80 ns, 32 bytes 200 ns.
 */
#include <string.h>

#include "ctest.h"
#include "periph_testhost.h"

#define SAR(n) (0x10u * (n) + 0x0)
#define DAR(n) (0x10u * (n) + 0x4)
#define TCR(n) (0x10u * (n) + 0x8)
#define CHCR(n) (0x10u * (n) + 0xc)
#define DMAOR 0x40u

#define DE 0x1u
#define TE 0x2u
#define IE 0x4u
#define TM_BURST 0x80u
#define TS_8 0x00u
#define TS_1 0x10u
#define TS_4 0x30u
#define TS_32 0x40u
#define AUTO 0x400u            /* RS = 0100 */
#define SM_INC 0x1000u
#define SM_DEC 0x2000u
#define DM_INC 0x4000u
#define DM_DEC 0x8000u

#define MEM PTH_MEM_BASE
#define DMTE(n) (n)
#define DMAE 4

static void dmac_new(periph_testhost *t, pth_dev *d)
{
    pth_init(t);
    for (unsigned i = 0; i < PTH_MEM_SIZE; i++)
        t->mem[i] = (uint8_t)(i * 7 + 3);
    CT_ASSERT_TRUE(pth_dev_create(t, d, "renesas,sh7750-dmac"));
}

/* Program channel n (SAR, DAR, DMATCR, then CHCR, which may start it). */
static void ch_start(pth_dev *d, int n, uint32_t sar, uint32_t dar, uint32_t count, uint32_t chcr)
{
    pth_wr(d, SAR(n), sar);
    pth_wr(d, DAR(n), dar);
    pth_wr(d, TCR(n), count);
    pth_wr(d, CHCR(n), chcr);
}

CTEST(sh7750_dmac, memcpy_longwords_with_te_interrupt)
{
    periph_testhost t;
    pth_dev d;
    dmac_new(&t, &d);
    uint8_t want[64];
    memcpy(want, t.mem, 64);
    pth_wr(&d, SAR(0), MEM);
    pth_wr(&d, DAR(0), 0xac001000u);                    /* a P2 address: the top 3 bits go */
    pth_wr(&d, TCR(0), 16);
    pth_wr(&d, DMAOR, 1);                               /* DME */
    pth_wr(&d, CHCR(0), DM_INC | SM_INC | AUTO | TS_4 | IE | DE);
    /* units at 0, 60, ..., 900 ns; TE at the end of the last, 960 ns */
    pth_advance_to(&t, 959);
    CT_EXPECT_EQ(pth_rd(&d, TCR(0)), 0u);
    CT_EXPECT_EQ(pth_rd(&d, CHCR(0)) & TE, 0u);
    CT_EXPECT_FALSE(t.irq[DMTE(0)].level);
    pth_advance_to(&t, 960);
    CT_EXPECT_TRUE(t.irq[DMTE(0)].level);
    CT_EXPECT_EQ(pth_rd(&d, CHCR(0)) & TE, TE);
    CT_EXPECT_EQ(memcmp(t.mem + 0x1000, want, 64), 0);
    CT_EXPECT_EQ(pth_rd(&d, SAR(0)), MEM + 64);
    CT_EXPECT_EQ(pth_rd(&d, DAR(0)), 0xac001040u);
    CT_EXPECT_EQ(t.bus_reads, 16u);
    CT_EXPECT_EQ(t.bus_writes, 16u);
    CT_EXPECT_EQ(pth_armed_timers(&t), 0u);
    /* TE is cleared by writing 0, never set by writing 1 */
    pth_wr(&d, CHCR(0), DM_INC | SM_INC | AUTO | TS_4 | IE | TE);
    CT_EXPECT_TRUE(t.irq[DMTE(0)].level);
    pth_wr(&d, CHCR(0), DM_INC | SM_INC | AUTO | TS_4 | IE);
    CT_EXPECT_FALSE(t.irq[DMTE(0)].level);
    pth_wr(&d, CHCR(1), AUTO | TS_4 | TE);
    CT_EXPECT_EQ(pth_rd(&d, CHCR(1)), AUTO | TS_4);
    pth_dev_destroy(&d);
}

CTEST(sh7750_dmac, progress_is_seen_at_the_accessor_time)
{
    periph_testhost t;
    pth_dev d;
    dmac_new(&t, &d);
    pth_wr(&d, DMAOR, 1);
    ch_start(&d, 2, MEM, MEM + 0x2000, 4, DM_INC | SM_INC | AUTO | TS_32 | DE);   /* 200 ns a unit */
    CT_EXPECT_EQ(pth_rd(&d, TCR(2)), 3u);               /* the first unit started at once */
    pth_advance_to(&t, 399);
    CT_EXPECT_EQ(pth_rd(&d, TCR(2)), 2u);
    pth_advance_to(&t, 400);
    CT_EXPECT_EQ(pth_rd(&d, TCR(2)), 1u);
    pth_advance_to(&t, 800);
    CT_EXPECT_EQ(pth_rd(&d, CHCR(2)) & TE, TE);
    CT_EXPECT_FALSE(t.irq[DMTE(2)].level);              /* IE clear */
    CT_EXPECT_EQ(memcmp(t.mem + 0x2000, t.mem, 128), 0);
    pth_dev_destroy(&d);
}

CTEST(sh7750_dmac, fixed_and_decrementing_addresses)
{
    periph_testhost t;
    pth_dev d;
    dmac_new(&t, &d);
    pth_wr(&d, DMAOR, 1);
    /* one source byte to 8 bytes going down */
    ch_start(&d, 1, MEM + 5, MEM + 0x100 + 7, 8, DM_DEC | AUTO | TS_1 | DE);
    pth_advance(&t, 1000);
    for (int i = 0; i < 8; i++)
        CT_EXPECT_EQ(t.mem[0x100 + i], t.mem[5]);
    CT_EXPECT_EQ(pth_rd(&d, DAR(1)), MEM + 0x100 - 1);
    CT_EXPECT_EQ(pth_rd(&d, SAR(1)), MEM + 5);
    /* quadwords, source decrementing: reverses the order of the units */
    uint8_t a[8], b[8];
    memcpy(a, t.mem + 0x200, 8);
    memcpy(b, t.mem + 0x208, 8);
    ch_start(&d, 3, MEM + 0x208, MEM + 0x300, 2, DM_INC | SM_DEC | AUTO | TS_8 | DE);
    pth_advance(&t, 1000);
    CT_EXPECT_EQ(memcmp(t.mem + 0x300, b, 8), 0);
    CT_EXPECT_EQ(memcmp(t.mem + 0x308, a, 8), 0);
    pth_dev_destroy(&d);
}

CTEST(sh7750_dmac, address_error_stops_everything)
{
    periph_testhost t;
    pth_dev d;
    dmac_new(&t, &d);
    pth_wr(&d, DMAOR, 1);
    pth_wr(&d, SAR(0), MEM + 2);                        /* not longword aligned */
    pth_wr(&d, DAR(0), MEM + 0x1000);
    pth_wr(&d, TCR(0), 4);
    pth_wr(&d, CHCR(0), DM_INC | SM_INC | AUTO | TS_4 | DE);
    CT_EXPECT_TRUE(t.irq[DMAE].level);
    CT_EXPECT_EQ(pth_rd(&d, DMAOR), 0x5u);              /* AE | DME */
    CT_EXPECT_EQ(pth_rd(&d, TCR(0)), 4u);               /* nothing moved */
    CT_EXPECT_EQ(t.bus_reads, 0u);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1u);
    /* while AE is set no channel runs */
    ch_start(&d, 1, MEM, MEM + 0x1000, 1, DM_INC | SM_INC | AUTO | TS_4 | DE);
    pth_advance(&t, 1000);
    CT_EXPECT_EQ(pth_rd(&d, TCR(1)), 1u);
    /* clear AE (write 0), fix channel 0: both finish */
    pth_wr(&d, SAR(0), MEM);
    pth_wr(&d, DMAOR, 1);
    CT_EXPECT_FALSE(t.irq[DMAE].level);
    pth_advance(&t, 1000);
    CT_EXPECT_EQ(pth_rd(&d, CHCR(0)) & TE, TE);
    CT_EXPECT_EQ(pth_rd(&d, CHCR(1)) & TE, TE);
    /* a bus error (nothing mapped) is an address error too */
    pth_wr(&d, CHCR(0), 0);
    pth_wr(&d, DAR(0), 0x08000000u);
    pth_wr(&d, TCR(0), 1);
    pth_wr(&d, CHCR(0), DM_INC | SM_INC | AUTO | TS_4 | DE);
    CT_EXPECT_EQ(pth_rd(&d, DMAOR) & 0x4u, 0x4u);
    CT_EXPECT_EQ(t.bus_errors, 1u);
    pth_dev_destroy(&d);
}

CTEST(sh7750_dmac, nmi_stops_until_nmif_cleared)
{
    periph_testhost t;
    pth_dev d;
    dmac_new(&t, &d);
    pth_wr(&d, DMAOR, 1);
    ch_start(&d, 0, MEM, MEM + 0x1000, 10, DM_INC | SM_INC | AUTO | TS_4 | IE | DE);
    pth_advance_to(&t, 250);                            /* units at 0..240 done */
    d.model->nmi(d.s);
    CT_EXPECT_EQ(pth_rd(&d, DMAOR), 0x3u);              /* NMIF | DME */
    pth_advance(&t, 10000);
    CT_EXPECT_EQ(pth_rd(&d, TCR(0)), 5u);
    CT_EXPECT_EQ(pth_armed_timers(&t), 0u);
    pth_wr(&d, DMAOR, 3);                               /* writing 1 keeps NMIF */
    pth_advance(&t, 10000);
    CT_EXPECT_EQ(pth_rd(&d, TCR(0)), 5u);
    pth_wr(&d, DMAOR, 1);                               /* cleared: resumes now */
    uint64_t at = t.now;
    pth_advance_to(&t, at + 5 * 60 - 1);
    CT_EXPECT_FALSE(t.irq[DMTE(0)].level);
    pth_advance_to(&t, at + 5 * 60);
    CT_EXPECT_TRUE(t.irq[DMTE(0)].level);
    pth_dev_destroy(&d);
}

/* Two channels of 3 units each started together: when does each end? */
static void two_channels(uint32_t dmaor, uint32_t mode0, uint64_t *end0, uint64_t *end1)
{
    periph_testhost t;
    pth_dev d;
    dmac_new(&t, &d);
    for (int n = 0; n < 2; n++) {
        pth_wr(&d, SAR(n), MEM);
        pth_wr(&d, DAR(n), MEM + 0x1000 + 0x100 * (uint32_t)n);
        pth_wr(&d, TCR(n), 3);
    }
    /* DME last: both channels become ready at the same time */
    pth_wr(&d, CHCR(1), DM_INC | SM_INC | AUTO | TS_4 | IE | DE);
    pth_wr(&d, CHCR(0), mode0 | DM_INC | SM_INC | AUTO | TS_4 | IE | DE);
    pth_wr(&d, DMAOR, dmaor);
    *end0 = *end1 = 0;
    for (uint64_t ns = 0; ns <= 1000 && !(*end0 && *end1); ns += 10) {
        pth_advance_to(&t, ns);
        if (!*end0 && t.irq[0].level)
            *end0 = ns;
        if (!*end1 && t.irq[1].level)
            *end1 = ns;
    }
    pth_dev_destroy(&d);
}

CTEST(sh7750_dmac, channel_priority_modes)
{
    uint64_t e0, e1;
    two_channels(0x001, 0, &e0, &e1);                   /* CH0 > CH1: 0 then 1 */
    CT_EXPECT_EQ(e0, 180u);
    CT_EXPECT_EQ(e1, 360u);
    two_channels(0x201, 0, &e0, &e1);                   /* CH2 > CH0 > CH1 */
    CT_EXPECT_EQ(e0, 180u);
    CT_EXPECT_EQ(e1, 360u);
    two_channels(0x301, 0, &e0, &e1);                   /* round robin, cycle steal */
    CT_EXPECT_EQ(e0, 300u);                             /* 0 1 0 1 0 | 1 */
    CT_EXPECT_EQ(e1, 360u);
    two_channels(0x301, TM_BURST, &e0, &e1);            /* round robin, 0 in burst: keeps it */
    CT_EXPECT_EQ(e0, 180u);
    CT_EXPECT_EQ(e1, 360u);
}

CTEST(sh7750_dmac, latency_and_bus_clock)
{
    periph_testhost t;
    pth_dev d;
    pth_init(&t);
    pth_set_prop(&t, "clock-frequency", 50000000);      /* 20 ns cycles: 120 ns a unit */
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "renesas,sh7750-dmac"));
    t.bus_latency_ns = 15;                              /* read + write: 30 ns more */
    pth_wr(&d, DMAOR, 1);
    ch_start(&d, 0, MEM, MEM + 0x100, 2, DM_INC | SM_INC | AUTO | TS_4 | IE | DE);
    pth_advance_to(&t, 299);
    CT_EXPECT_FALSE(t.irq[0].level);
    pth_advance_to(&t, 300);
    CT_EXPECT_TRUE(t.irq[0].level);
    pth_dev_destroy(&d);
}

CTEST(sh7750_dmac, request_sources_not_modelled)
{
    periph_testhost t;
    pth_dev d;
    dmac_new(&t, &d);
    pth_wr(&d, DMAOR, 1);
    ch_start(&d, 0, MEM, 0xffe8000cu, 4, SM_INC | 0xa00u | TS_1 | DE);   /* SCIF transmit request */
    CT_EXPECT_EQ(pth_take_unimp(&t), 1u);
    pth_advance(&t, 100000);
    CT_EXPECT_EQ(pth_rd(&d, TCR(0)), 4u);
    CT_EXPECT_EQ(t.bus_reads, 0u);
    CT_EXPECT_EQ(pth_armed_timers(&t), 0u);
    /* DME = 0: an auto-request channel waits too */
    pth_wr(&d, DMAOR, 0);
    pth_wr(&d, CHCR(0), SM_INC | AUTO | TS_1 | DE);
    pth_advance(&t, 100000);
    CT_EXPECT_EQ(pth_rd(&d, TCR(0)), 4u);
    pth_dev_destroy(&d);
}
