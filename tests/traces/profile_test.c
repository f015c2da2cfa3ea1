/*
 * Profile, folded stacks and flame graph on synthetic known call trees:
 * exact inclusive/exclusive numbers, folded text and SVG content.
 */
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "traces/profile.h"
#include "traces/svg.h"

typedef struct step {
    uint64_t pc;
    uint8_t branch;
    bool executed;
    uint64_t cost;
    uint64_t exc_ret;          /* nonzero: an exception follows this insn */
} step;

static void run(trace_profile *p, const step *s, size_t n)
{
    uint64_t t = 0;
    trace_sink k = trace_profile_sink(p);
    for (size_t i = 0; i < n; i++) {
        trace_insn e = { .time = { t, t * 1000 }, .count = i + 1, .pc = s[i].pc, .phys_pc = s[i].pc,
                         .size = 4, .isa = TRACE_ISA_ARM, .branch = s[i].branch,
                         .executed = s[i].executed };
        k.ops->insn(k.opaque, &e);
        t += s[i].cost;
        if (s[i].exc_ret) {
            trace_exc x = { .time = { t, t * 1000 }, .number = 6, .name = "IRQ",
                            .return_addr = s[i].exc_ret, .handler = 0x5000 };
            k.ops->exc(k.opaque, &x);
        }
    }
}

static void symbols(trace_symtab *t)
{
    trace_symtab_init(t);
    bool ok = trace_symtab_add(t, "main", 0x1000, 0x100) && trace_symtab_add(t, "foo", 0x2000, 0x100) &&
              trace_symtab_add(t, "bar", 0x3000, 0x100) && trace_symtab_add(t, "leaf", 0x4000, 0x100) &&
              trace_symtab_add(t, "isr", 0x5000, 0x100) && trace_symtab_add(t, "rec", 0x6000, 0) &&
              trace_symtab_add(t, "bar_alias", 0x3000, 0x100);
    if (!ok)
        abort();
    trace_symtab_finish(t);
}

enum { N = TRACE_BRANCH_NONE, C = TRACE_BRANCH_CALL, R = TRACE_BRANCH_RETURN };

static const step tree[] = {
    { 0x1000, N, true, 1, 0 }, { 0x1004, C, true, 1, 0 },          /* main: BL foo   */
    { 0x2000, N, true, 2, 0 }, { 0x2004, C, true, 1, 0 },          /* foo: BL bar    */
    { 0x3000, N, true, 1, 0 }, { 0x3004, R, true, 3, 0 },          /* bar: BX lr     */
    { 0x2008, C, true, 1, 0 },                                     /* foo: BL bar    */
    { 0x3000, N, true, 1, 0 }, { 0x3004, R, true, 3, 0 },
    { 0x200c, R, true, 2, 0 },                                     /* foo: POP {pc}  */
    { 0x1008, C, true, 1, 0 },                                     /* main: BL leaf  */
    { 0x4000, N, true, 1, 0x4004 },                                /* leaf; IRQ      */
    { 0x5000, N, true, 1, 0 }, { 0x5004, R, true, 2, 0 },          /* isr: SUBS pc   */
    { 0x4004, R, true, 1, 0 },                                     /* leaf: BX lr    */
    { 0x100c, N, true, 1, 0 },                                     /* main: B .      */
};

CTEST(traces_profile, known_call_tree)
{
    trace_symtab t;
    symbols(&t);
    CT_ASSERT_EQ(t.n, 6);          /* the alias at 0x3000 is merged (name order) */
    CT_EXPECT_EQ(trace_symtab_lookup(&t, 0x30ff), 2);
    CT_EXPECT_EQ(trace_symtab_lookup(&t, 0x3100), -1);  /* sized: ends there */
    CT_EXPECT_EQ(trace_symtab_lookup(&t, 0x0fff), -1);
    CT_EXPECT_EQ(trace_symtab_lookup(&t, 0x6fff), 5);   /* unsized, last: +4 KiB */
    CT_EXPECT_EQ(trace_symtab_lookup(&t, 0x7000), -1);
    trace_profile p;
    CT_ASSERT_TRUE(trace_profile_init(&p, &t));
    run(&p, tree, sizeof tree / sizeof tree[0]);
    CT_ASSERT_TRUE(trace_profile_finish(&p, 0));    /* last insn costs 1 */
    CT_EXPECT_EQ(p.total_cycles, 23);
    CT_EXPECT_EQ(p.total_insns, 16);
    long main_ = 0, foo = 1, bar = 2, leaf = 3, isr = 4;
    CT_EXPECT_STREQ(trace_profile_fn_name(&p, bar), "bar");
    CT_EXPECT_EQ(p.fn[main_].incl_cycles, 23);
    CT_EXPECT_EQ(p.fn[main_].excl_cycles, 4);
    CT_EXPECT_EQ(p.fn[foo].incl_cycles, 14);
    CT_EXPECT_EQ(p.fn[foo].excl_cycles, 6);
    CT_EXPECT_EQ(p.fn[bar].incl_cycles, 8);
    CT_EXPECT_EQ(p.fn[bar].excl_cycles, 8);
    CT_EXPECT_EQ(p.fn[leaf].incl_cycles, 5);
    CT_EXPECT_EQ(p.fn[leaf].excl_cycles, 2);
    CT_EXPECT_EQ(p.fn[isr].incl_cycles, 3);
    CT_EXPECT_EQ(p.fn[isr].excl_cycles, 3);
    CT_EXPECT_EQ(p.fn[main_].calls, 1);
    CT_EXPECT_EQ(p.fn[foo].calls, 1);
    CT_EXPECT_EQ(p.fn[bar].calls, 2);
    CT_EXPECT_EQ(p.fn[isr].calls, 1);
    CT_EXPECT_EQ(p.fn[bar].excl_insns, 4);
    CT_EXPECT_EQ(p.fn[main_].incl_insns, 16);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    trace_profile_write_folded(&p, f, false);
    fclose(f);
    CT_EXPECT_STREQ(buf, "main 4\nmain;foo 6\nmain;foo;bar 8\nmain;leaf 2\nmain;leaf;isr 3\n");
    free(buf);
    f = open_memstream(&buf, &len);
    trace_profile_write_folded(&p, f, true);
    fclose(f);
    CT_EXPECT_STREQ(buf, "main 4\nmain;foo 4\nmain;foo;bar 4\nmain;leaf 2\nmain;leaf;isr 2\n");
    free(buf);

    f = open_memstream(&buf, &len);
    size_t frames = trace_svg_flamegraph(&p, f, "known <tree>", false);
    fclose(f);
    CT_EXPECT_EQ(frames, 6);
    size_t groups = 0;
    for (const char *s = buf; (s = strstr(s, "<g><title>")); s++)
        groups++;
    CT_EXPECT_EQ(groups, 6);
    CT_EXPECT_TRUE(strstr(buf, "<title>all (23 cycles, 100.00%)</title>") != NULL);
    CT_EXPECT_TRUE(strstr(buf, "<title>bar (8 cycles, 34.78%)</title>") != NULL);
    CT_EXPECT_TRUE(strstr(buf, "<title>isr (3 cycles, 13.04%)</title>") != NULL);
    CT_EXPECT_TRUE(strstr(buf, ">foo</text>") != NULL);
    CT_EXPECT_TRUE(strstr(buf, "known &lt;tree&gt;") != NULL);
    /* main spans the full width (1180 px), bar 8/23 of it */
    CT_EXPECT_TRUE(strstr(buf, "width=\"1180.0\"") != NULL);
    CT_EXPECT_TRUE(strstr(buf, "width=\"410.4\"") != NULL);
    CT_EXPECT_TRUE(strncmp(buf, "<?xml", 5) == 0);
    CT_EXPECT_TRUE(strstr(buf, "</svg>\n") != NULL);
    free(buf);

    f = open_memstream(&buf, &len);
    trace_profile_write_table(&p, f, 0);
    fclose(f);
    CT_EXPECT_TRUE(strstr(buf, "00002000          1           14  60.87            6  26.09  foo\n") != NULL);
    free(buf);
    trace_profile_free(&p);
    trace_symtab_free(&t);
}

CTEST(traces_profile, recursion_counts_once)
{
    trace_symtab t;
    symbols(&t);
    static const step s[] = {
        { 0x1000, C, true, 1, 0 },                                       /* main: BL rec */
        { 0x6000, N, true, 1, 0 }, { 0x6004, C, true, 1, 0 },            /* depth 1      */
        { 0x6000, N, true, 1, 0 }, { 0x6004, C, true, 1, 0 },            /* depth 2      */
        { 0x6000, N, true, 1, 0 }, { 0x6004, C, false, 1, 0 },           /* depth 3: BLNE fails */
        { 0x6008, R, true, 1, 0 }, { 0x6008, R, true, 1, 0 }, { 0x6008, R, true, 1, 0 },
        { 0x1004, N, true, 1, 0 },
    };
    trace_profile p;
    CT_ASSERT_TRUE(trace_profile_init(&p, &t));
    run(&p, s, sizeof s / sizeof s[0]);
    CT_ASSERT_TRUE(trace_profile_finish(&p, 12));     /* last insn: 12 - 10 = 2 cycles */
    CT_EXPECT_EQ(p.total_cycles, 12);
    long rec = 5;
    CT_EXPECT_EQ(p.fn[rec].calls, 3);
    CT_EXPECT_EQ(p.fn[rec].incl_cycles, 9);
    CT_EXPECT_EQ(p.fn[rec].excl_cycles, 9);
    CT_EXPECT_EQ(p.fn[0].incl_cycles, 12);
    CT_EXPECT_EQ(p.fn[0].excl_cycles, 3);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    trace_profile_write_folded(&p, f, false);
    fclose(f);
    CT_EXPECT_STREQ(buf, "main 3\nmain;rec 3\nmain;rec;rec 3\nmain;rec;rec;rec 3\n");
    free(buf);
    trace_profile_free(&p);
    trace_symtab_free(&t);
}
