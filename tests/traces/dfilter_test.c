/* -dfilter parsing and matching (QEMU's three range forms). */
#include <string.h>

#include "ctest.h"
#include "traces/dfilter.h"

CTEST(traces_dfilter, forms)
{
    trace_dfilter f;
    char err[160];
    trace_dfilter_init(&f);
    CT_ASSERT_TRUE(trace_dfilter_match(&f, 0x1234));      /* no filter: all */
    CT_ASSERT_TRUE(trace_dfilter_parse(&f, "0x1000+0x100,0x3000-0x10,0x5000..0x5003", err, sizeof err));
    CT_ASSERT_EQ(f.n, 3);
    CT_EXPECT_EQ(f.ranges[0].lo, 0x1000);
    CT_EXPECT_EQ(f.ranges[0].hi, 0x10ff);
    CT_EXPECT_EQ(f.ranges[1].lo, 0x2ff1);
    CT_EXPECT_EQ(f.ranges[1].hi, 0x3000);
    CT_EXPECT_EQ(f.ranges[2].lo, 0x5000);
    CT_EXPECT_EQ(f.ranges[2].hi, 0x5003);
    CT_EXPECT_FALSE(trace_dfilter_match(&f, 0xfff));
    CT_EXPECT_TRUE(trace_dfilter_match(&f, 0x1000));
    CT_EXPECT_TRUE(trace_dfilter_match(&f, 0x10ff));
    CT_EXPECT_FALSE(trace_dfilter_match(&f, 0x1100));
    CT_EXPECT_FALSE(trace_dfilter_match(&f, 0x2ff0));
    CT_EXPECT_TRUE(trace_dfilter_match(&f, 0x2ff1));
    CT_EXPECT_TRUE(trace_dfilter_match(&f, 0x5003));
    CT_EXPECT_FALSE(trace_dfilter_match(&f, 0x5004));
    CT_EXPECT_TRUE(trace_dfilter_match_range(&f, 0xffc, 8));
    CT_EXPECT_FALSE(trace_dfilter_match_range(&f, 0xff8, 8));
    /* decimal works too, and later specs add ranges */
    CT_ASSERT_TRUE(trace_dfilter_parse(&f, "100+1", err, sizeof err));
    CT_EXPECT_EQ(f.n, 4);
    CT_EXPECT_TRUE(trace_dfilter_match(&f, 100));
    CT_EXPECT_FALSE(trace_dfilter_match(&f, 101));
    trace_dfilter_free(&f);
}

CTEST(traces_dfilter, errors)
{
    trace_dfilter f;
    char err[160];
    trace_dfilter_init(&f);
    const char *bad[] = { "", "0x1000", "0x1000+0", "0x2000..0x1000", "0x1000+0x10,",
                          "zz+1", "0x1000+0x10x", "0x10-0x20", "0xffffffffffffffff+2" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        CT_EXPECT_FALSE(trace_dfilter_parse(&f, bad[i], err, sizeof err));
        CT_EXPECT_TRUE(strncmp(err, "-dfilter: ", 10) == 0);
        CT_EXPECT_EQ(f.n, 0);
    }
    trace_dfilter_free(&f);
}
