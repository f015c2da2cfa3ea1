/*
 * Cache model against hand-computed miss counts for small patterns.
 */
#include <string.h>

#include "ctest.h"
#include "traces/cache.h"

static trace_cache_config cfg(uint32_t size, uint32_t line, uint32_t ways, trace_cache_policy p)
{
    return (trace_cache_config){ .size = size, .line = line, .ways = ways, .policy = p };
}

CTEST(traces_cache, direct_mapped_conflict)
{
    char err[160];
    trace_cache c;
    /* 1 KiB, 32-byte lines, direct mapped: 32 sets; 0x000 and 0x400 share set 0 */
    trace_cache_config k = cfg(1024, 32, 1, TRACE_CACHE_LRU);
    CT_ASSERT_TRUE(trace_cache_init(&c, "L1D", &k, NULL, err, sizeof err));
    CT_ASSERT_EQ(c.sets, 32);
    unsigned misses = 0;
    for (int i = 0; i < 4; i++) {
        misses += trace_cache_access(&c, 0x000, 4, false);
        misses += trace_cache_access(&c, 0x400, 4, false);
    }
    CT_EXPECT_EQ(misses, 8);                 /* every access evicts the other */
    CT_EXPECT_EQ(c.st.reads, 8);
    CT_EXPECT_EQ(c.st.read_misses, 8);
    CT_EXPECT_EQ(c.st.evictions, 7);
    trace_cache_free(&c);

    /* the same two lines in a 2-way cache of the same size: 2 cold misses */
    k = cfg(1024, 32, 2, TRACE_CACHE_LRU);
    CT_ASSERT_TRUE(trace_cache_init(&c, "L1D", &k, NULL, err, sizeof err));
    CT_ASSERT_EQ(c.sets, 16);
    misses = 0;
    for (int i = 0; i < 4; i++) {
        misses += trace_cache_access(&c, 0x000, 4, false);
        misses += trace_cache_access(&c, 0x400, 4, false);
    }
    CT_EXPECT_EQ(misses, 2);
    CT_EXPECT_EQ(c.st.evictions, 0);
    /* an access straddling a line boundary touches two lines */
    CT_EXPECT_EQ(trace_cache_access(&c, 0x3e, 4, false), 2);
    CT_EXPECT_EQ(c.st.reads, 10);
    trace_cache_free(&c);
}

static unsigned run_abaca(trace_cache_policy p)
{
    char err[160];
    trace_cache c;
    /* one set, two ways: lines A=0x00, B=0x20, C=0x40 */
    trace_cache_config k = cfg(64, 32, 2, p);
    if (!trace_cache_init(&c, "L1", &k, NULL, err, sizeof err))
        return 999;
    unsigned m = 0;
    const uint64_t seq[] = { 0x00, 0x20, 0x00, 0x40, 0x00 };
    for (int i = 0; i < 5; i++)
        m += trace_cache_access(&c, seq[i], 4, false);
    trace_cache_free(&c);
    return m;
}

CTEST(traces_cache, lru_vs_fifo)
{
    /* LRU: A miss, B miss, A hit, C miss (evicts B), A hit           = 3
     * FIFO: A miss, B miss, A hit, C miss (evicts A, oldest), A miss = 4 */
    CT_EXPECT_EQ(run_abaca(TRACE_CACHE_LRU), 3);
    CT_EXPECT_EQ(run_abaca(TRACE_CACHE_FIFO), 4);
    /* random with a fixed seed is repeatable and between the bounds */
    unsigned r1 = run_abaca(TRACE_CACHE_RANDOM), r2 = run_abaca(TRACE_CACHE_RANDOM);
    CT_EXPECT_EQ(r1, r2);
    CT_EXPECT_TRUE(r1 == 3 || r1 == 4);
}

CTEST(traces_cache, write_policies)
{
    char err[160];
    trace_cache c, mem;
    /* L2 stand-in to count what L1 sends down */
    trace_cache_config big = cfg(4096, 32, 4, TRACE_CACHE_LRU);
    CT_ASSERT_TRUE(trace_cache_init(&mem, "L2", &big, NULL, err, sizeof err));
    /* write-back, write-allocate, DM 2 sets of 32 bytes */
    trace_cache_config k = cfg(64, 32, 1, TRACE_CACHE_LRU);
    CT_ASSERT_TRUE(trace_cache_init(&c, "L1D", &k, &mem, err, sizeof err));
    CT_EXPECT_EQ(trace_cache_access(&c, 0x00, 4, true), 1);   /* write miss: fill, dirty */
    CT_EXPECT_EQ(trace_cache_access(&c, 0x04, 4, true), 0);   /* write hit */
    CT_EXPECT_EQ(trace_cache_access(&c, 0x40, 4, false), 1);  /* same set: evicts dirty line */
    CT_EXPECT_EQ(c.st.writebacks, 1);
    CT_EXPECT_EQ(mem.st.reads, 2);                            /* two fills */
    CT_EXPECT_EQ(mem.st.writes, 1);                           /* one write-back */
    trace_cache_free(&c);
    trace_cache_free(&mem);

    /* write-through, no write-allocate */
    CT_ASSERT_TRUE(trace_cache_init(&mem, "L2", &big, NULL, err, sizeof err));
    k.write_through = true;
    k.no_write_allocate = true;
    CT_ASSERT_TRUE(trace_cache_init(&c, "L1D", &k, &mem, err, sizeof err));
    CT_EXPECT_EQ(trace_cache_access(&c, 0x00, 4, true), 1);   /* miss, not allocated */
    CT_EXPECT_EQ(trace_cache_access(&c, 0x00, 4, false), 1);  /* so this misses too */
    CT_EXPECT_EQ(trace_cache_access(&c, 0x00, 4, true), 0);   /* hit, written through */
    CT_EXPECT_EQ(trace_cache_access(&c, 0x40, 4, false), 1);  /* evicts a clean line */
    CT_EXPECT_EQ(c.st.writebacks, 0);
    CT_EXPECT_EQ(mem.st.writes, 2);
    CT_EXPECT_EQ(mem.st.reads, 2);
    trace_cache_free(&c);
    trace_cache_free(&mem);
}

static long two_funcs(void *o, uint64_t pc)
{
    (void)o;
    return pc < 0x1000 ? 0 : 1;
}

CTEST(traces_cache, l2_sees_l1_misses_and_attribution)
{
    char err[160];
    trace_cache_config i1 = cfg(1024, 32, 1, TRACE_CACHE_LRU);
    trace_cache_config d1 = cfg(1024, 32, 1, TRACE_CACHE_LRU);
    trace_cache_config l2 = cfg(4096, 64, 2, TRACE_CACHE_LRU);
    trace_cache_hier h;
    CT_ASSERT_TRUE(trace_cache_hier_init(&h, &i1, &d1, &l2, two_funcs, NULL, 2, err, sizeof err));
    /* function 0 (pc 0x100) reads 0x2000, 0x2400, 0x2000, 0x2400: L1D
     * conflicts (4 misses); in L2 (32 sets of 64 bytes, 2 ways) they are
     * two lines: 2 misses, 2 hits. */
    uint64_t a[] = { 0x2000, 0x2400, 0x2000, 0x2400 };
    for (int i = 0; i < 4; i++)
        trace_cache_hier_data(&h, 0x100, a[i], 4, false);
    /* function 1 (pc 0x1800) reads 0x2020: another L1 line, same L2 line */
    trace_cache_hier_data(&h, 0x1800, 0x2020, 4, false);
    /* and fetches its own code: 0x1800 (cold in L1I and L2), 0x1804 (hit) */
    trace_cache_hier_fetch(&h, 0x1800, 0x1800, 4);
    trace_cache_hier_fetch(&h, 0x1804, 0x1804, 4);

    CT_EXPECT_EQ(h.l1d.st.read_misses, 5);
    CT_EXPECT_EQ(h.l1i.st.read_misses, 1);
    /* every L1 miss and nothing else reaches L2 */
    CT_EXPECT_EQ(h.l2.st.reads, h.l1d.st.read_misses + h.l1i.st.read_misses);
    CT_EXPECT_EQ(h.l2.st.read_misses, 3);
    CT_EXPECT_EQ(h.fn[0].d_accesses, 4);
    CT_EXPECT_EQ(h.fn[0].d_misses, 4);
    CT_EXPECT_EQ(h.fn[0].l2_misses, 2);
    CT_EXPECT_EQ(h.fn[1].d_accesses, 1);
    CT_EXPECT_EQ(h.fn[1].d_misses, 1);
    CT_EXPECT_EQ(h.fn[1].i_accesses, 2);
    CT_EXPECT_EQ(h.fn[1].i_misses, 1);
    CT_EXPECT_EQ(h.fn[1].l2_misses, 1);
    CT_EXPECT_EQ(h.fn[2].d_accesses, 0);   /* unknown bucket unused */
    trace_cache_hier_free(&h);
}

CTEST(traces_cache, spec_parsing)
{
    trace_cache_config c;
    char err[200];
    CT_ASSERT_TRUE(trace_cache_parse("16k,32,4,lru", &c, err, sizeof err));
    CT_EXPECT_EQ(c.size, 16384);
    CT_EXPECT_EQ(c.line, 32);
    CT_EXPECT_EQ(c.ways, 4);
    CT_EXPECT_EQ(c.policy, TRACE_CACHE_LRU);
    CT_EXPECT_FALSE(c.write_through);
    CT_ASSERT_TRUE(trace_cache_parse("1m,64,8,fifo,wt,nwa", &c, err, sizeof err));
    CT_EXPECT_EQ(c.size, 1048576);
    CT_EXPECT_EQ(c.policy, TRACE_CACHE_FIFO);
    CT_EXPECT_TRUE(c.write_through);
    CT_EXPECT_TRUE(c.no_write_allocate);
    CT_EXPECT_FALSE(trace_cache_parse("16k,32,4", &c, err, sizeof err));
    CT_EXPECT_FALSE(trace_cache_parse("16k,32,4,plru", &c, err, sizeof err));
    CT_EXPECT_FALSE(trace_cache_parse("16q,32,4,lru", &c, err, sizeof err));
    trace_cache k;
    trace_cache_config bad = cfg(1000, 32, 4, TRACE_CACHE_LRU);
    CT_EXPECT_FALSE(trace_cache_init(&k, "L1", &bad, NULL, err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "powers of two") != NULL);
}
