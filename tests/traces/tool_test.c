/*
 * cosim-trace end to end on a known program: tests/traces/known-fw.S is
 * built into an ARM ELF (symbols through libelf), and a binary trace of
 * its execution (the control flow of that code, with an IRQ taken in
 * leaf) is written with the trace writer; every subcommand is checked
 * against hand-computed numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctest.h"
#include "traces/bintrace.h"
#include "traces/tarmac-parse.h"

#ifdef TRACES_TOOL_TESTS

typedef struct step {
    uint32_t pc, op;
    uint8_t branch;
    uint64_t cost;
    int exc;                   /* IRQ after this instruction */
    int mem;                   /* 1 push write, 2 pop read   */
} step;

enum { N = TRACE_BRANCH_NONE, C = TRACE_BRANCH_CALL, R = TRACE_BRANCH_RETURN };

static const step prog[] = {
    { 0x1000, 0xe3a00001, N, 1, 0, 0 }, { 0x1004, 0xeb0003fd, C, 1, 0, 0 },
    { 0x2000, 0xe52de004, N, 2, 0, 1 }, { 0x2004, 0xeb0003fd, C, 1, 0, 0 },
    { 0x3000, 0xe2800001, N, 1, 0, 0 }, { 0x3004, 0xe12fff1e, R, 3, 0, 0 },
    { 0x2008, 0xeb0003fc, C, 1, 0, 0 },
    { 0x3000, 0xe2800001, N, 1, 0, 0 }, { 0x3004, 0xe12fff1e, R, 3, 0, 0 },
    { 0x200c, 0xe49df004, R, 2, 0, 2 },
    { 0x1008, 0xeb000bfc, C, 1, 0, 0 },
    { 0x4000, 0xe3a01002, N, 1, 1, 0 },
    { 0x5000, 0xe2422001, N, 1, 0, 0 }, { 0x5004, 0xe25ef004, R, 2, 0, 0 },
    { 0x4004, 0xe12fff1e, R, 1, 0, 0 },
    { 0x100c, 0xeafffffe, N, 1, 0, 0 },
};

static void write_trace(const char *path)
{
    FILE *f = fopen(path, "wb");
    trace_bin_writer w;
    if (!f || !trace_bin_writer_open(&w, f, 40, 0))
        abort();
    uint64_t t = 0;
    for (size_t i = 0; i < sizeof prog / sizeof prog[0]; i++) {
        const step *s = &prog[i];
        const char *mode = s->pc == 0x5000 || s->pc == 0x5004 ? "irq_s" : "svc_s";
        trace_insn e = { .time = { t, t * 5000 }, .count = i + 1, .pc = s->pc, .phys_pc = s->pc,
                         .opcode = s->op, .size = 4, .isa = TRACE_ISA_ARM, .branch = s->branch,
                         .executed = true, .mode = mode };
        trace_bin_write_insn(&w, &e);
        if (s->mem) {
            trace_mem m = { .time = e.time, .is_write = s->mem == 1, .size = 4, .vaddr = 0x7fffc,
                            .paddr = 0x7fffc, .value = 0x100c, .pc = s->pc };
            trace_bin_write_mem(&w, &m);
            trace_reg r = { .time = e.time, .regno = 13, .width = 32, .name = "r13_svc",
                            .value = s->mem == 1 ? 0x7fffc : 0x80000 };
            trace_bin_write_reg(&w, &r);
        }
        if (s->branch == C) {
            trace_reg r = { .time = e.time, .regno = 14, .width = 32, .name = "r14_svc", .value = s->pc + 4 };
            trace_bin_write_reg(&w, &r);
        }
        t += s->cost;
        if (s->exc) {
            trace_exc x = { .time = { t, t * 5000 }, .number = 6, .name = "IRQ", .return_addr = s->pc + 4,
                            .handler = 0x5000 };
            trace_bin_write_exc(&w, &x);
        }
    }
    trace_bus b = { .time_ps = 42000, .initiator = "cpu0", .target = "uart0", .addr = 0x101f1000, .size = 4,
                    .is_write = true, .data = 0x41, .latency_ps = 10000 };
    trace_bin_write_bus(&w, &b);
    if (!trace_bin_writer_close(&w) || fclose(f) != 0)
        abort();
}

/* Runs a shell command; returns its output (malloc'd) and exit status. */
static char *run(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            buf = realloc(buf, cap);
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    if (!buf)
        buf = calloc(1, 1);
    buf[len] = 0;
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return buf;
}

static char dir[64];
static char trace_path[128];

static void setup(void)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/cosim-trace-test-XXXXXX");
        if (!mkdtemp(dir))
            abort();
        snprintf(trace_path, sizeof trace_path, "%s/run.ctrace", dir);
    }
    write_trace(trace_path);
}

static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (dir[0] && system(cmd) == 0)
        dir[0] = 0;
}

static char *tool(const char *args, int *status)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s %s 2>&1", COSIM_TRACE_BIN, args);
    return run(cmd, status);
}

CTEST(traces_tool, profile_folded_flamegraph_report)
{
    setup();
    char args[512];
    int st;
    snprintf(args, sizeof args, "profile %s --elf %s", trace_path, KNOWN_ELF);
    char *out = tool(args, &st);
    CT_EXPECT_EQ(st, 0);
    CT_EXPECT_TRUE(strstr(out, "00001000          1           23 100.00            4  17.39  main\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "00002000          1           14  60.87            6  26.09  foo\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "00003000          2            8  34.78            8  34.78  bar\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "00004000          1            5  21.74            2   8.70  leaf\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "00005000          1            3  13.04            3  13.04  isr\n") != NULL);
    if (!strstr(out, "  foo\n"))
        ctest_fail(__FILE__, __LINE__, "output: %s", out);
    free(out);

    snprintf(args, sizeof args, "folded %s --elf %s", trace_path, KNOWN_ELF);
    out = tool(args, &st);
    CT_EXPECT_EQ(st, 0);
    CT_EXPECT_STREQ(out, "main 4\nmain;foo 6\nmain;foo;bar 8\nmain;leaf 2\nmain;leaf;isr 3\n");
    free(out);

    snprintf(args, sizeof args, "flamegraph %s --elf %s -o %s/fg.svg", trace_path, KNOWN_ELF, dir);
    out = tool(args, &st);
    CT_EXPECT_EQ(st, 0);
    free(out);
    char path[256];
    snprintf(path, sizeof path, "cat %s/fg.svg", dir);
    out = run(path, &st);
    CT_EXPECT_TRUE(strstr(out, "<title>foo (14 cycles, 60.87%)</title>") != NULL);
    CT_EXPECT_TRUE(strstr(out, "</svg>") != NULL);
    free(out);

    snprintf(args, sizeof args, "report %s --elf %s -o %s/report", trace_path, KNOWN_ELF, dir);
    out = tool(args, &st);
    CT_EXPECT_EQ(st, 0);
    free(out);
    snprintf(path, sizeof path, "cat %s/report/summary.txt", dir);
    out = run(path, &st);
    CT_EXPECT_TRUE(strstr(out, "instructions:        16 (0 condition failed, 0 Thumb)\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "exceptions:          1\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "  bar\n") != NULL);
    free(out);
    snprintf(path, sizeof path, "cat %s/report/top-functions.svg", dir);
    out = run(path, &st);
    CT_EXPECT_TRUE(strstr(out, ">bar</text>") != NULL);
    CT_EXPECT_TRUE(strstr(out, ">8 cycles</text>") != NULL);
    free(out);
    snprintf(path, sizeof path, "cat %s/report/flamegraph.svg %s/report/folded.txt", dir, dir);
    out = run(path, &st);
    CT_EXPECT_TRUE(strstr(out, "<title>all (23 cycles, 100.00%)</title>") != NULL);
    CT_EXPECT_TRUE(strstr(out, "main;leaf;isr 3\n") != NULL);
    free(out);
    cleanup();
}

typedef struct tcount {
    unsigned it, r, m, e;
    char first[256];
} tcount;

static void tc(void *o, const trace_tarmac_event *ev)
{
    tcount *c = o;
    if (ev->kind == TRACE_TARMAC_EV_INSN) {
        if (!c->it)
            snprintf(c->first, sizeof c->first, "%s", ev->disas);
        c->it++;
    }
    c->r += ev->kind == TRACE_TARMAC_EV_REG;
    c->m += ev->kind == TRACE_TARMAC_EV_MEM;
    c->e += ev->kind == TRACE_TARMAC_EV_EXC;
}

CTEST(traces_tool, tarmac_stats_cache_dump)
{
    setup();
    char args[512];
    int st;
    snprintf(args, sizeof args, "tarmac %s -o %s/run.tarmac", trace_path, dir);
    char *out = tool(args, &st);
    CT_EXPECT_EQ(st, 0);
    free(out);
    char path[256];
    snprintf(path, sizeof path, "%s/run.tarmac", dir);
    FILE *f = fopen(path, "r");
    CT_ASSERT_TRUE(f != NULL);
    tcount c = { 0 };
    char err[256] = "";
    bool ok = trace_tarmac_parse_stream(f, tc, &c, err, sizeof err);
    fclose(f);
    if (!ok)
        ctest_fail(__FILE__, __LINE__, "%s", err);
    CT_EXPECT_TRUE(ok);
    CT_EXPECT_EQ(c.it, 16);
    CT_EXPECT_EQ(c.r, 4 + 2);        /* four calls (LR), push and pop (SP) */
    CT_EXPECT_EQ(c.m, 2);
    CT_EXPECT_EQ(c.e, 1);
    CT_EXPECT_STREQ(c.first, "mov      r0, #1");
    snprintf(path, sizeof path, "head -3 %s/run.tarmac", dir);
    out = run(path, &st);
    CT_EXPECT_STREQ(out,
        "0 clk IT (1) 00001000 e3a00001 A svc_s : mov      r0, #1\n"
        "1 clk IT (2) 00001004 eb0003fd A svc_s : bl       #0x2000\n"
        "1 clk R r14_svc 00001008\n");
    free(out);

    snprintf(args, sizeof args, "stats %s", trace_path);
    out = tool(args, &st);
    CT_EXPECT_EQ(st, 0);
    CT_EXPECT_TRUE(strstr(out, "instructions:        16 (0 condition failed, 0 Thumb)\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "cycles:              0 .. 22\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "memory reads:        1 (4 bytes)\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "bus transactions:    1 (total latency 10000 ps)\n") != NULL);
    free(out);

    /* L1I: 64 B, 16-byte lines, direct mapped: every function's code maps
     * to set 0, so a fetch misses whenever the line changes (11 of 16). */
    snprintf(args, sizeof args, "cache %s --elf %s --l1i 64,16,1,lru --l1d 1k,32,1,lru", trace_path, KNOWN_ELF);
    out = tool(args, &st);
    CT_EXPECT_EQ(st, 0);
    CT_EXPECT_TRUE(strstr(out, "16 accesses         11 misses ( 68.75%)") != NULL);
    CT_EXPECT_TRUE(strstr(out, "         4          3          2          1          0  foo\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "         4          2          0          0          0  bar\n") != NULL);
    CT_EXPECT_TRUE(strstr(out, "         2          2          0          0          0  leaf\n") != NULL);
    if (!strstr(out, "  foo\n"))
        ctest_fail(__FILE__, __LINE__, "output: %s", out);
    free(out);

    snprintf(args, sizeof args, "dump %s --limit 2", trace_path);
    out = tool(args, &st);
    CT_EXPECT_EQ(st, 0);
    CT_EXPECT_STREQ(out,
        "0c 0ps cpu0 insn #1 00001000 e3a00001 A svc_s mov      r0, #1\n"
        "1c 5000ps cpu0 insn #2 00001004 eb0003fd A svc_s [call] bl       #0x2000\n");
    free(out);
    cleanup();
}

CTEST(traces_tool, bad_input)
{
    setup();
    int st;
    char args[512];
    char *out = tool("stats /nonexistent.ctrace", &st);
    CT_EXPECT_EQ(st, 1);
    CT_EXPECT_TRUE(strstr(out, "cosim-trace: /nonexistent.ctrace: ") == out);
    free(out);
    out = tool("stats " KNOWN_ELF, &st);
    CT_EXPECT_EQ(st, 1);
    CT_EXPECT_TRUE(strstr(out, "bad magic") != NULL);
    free(out);
    snprintf(args, sizeof args, "profile %s", trace_path);
    out = tool(args, &st);
    CT_EXPECT_EQ(st, 1);
    CT_EXPECT_TRUE(strstr(out, "needs --elf") != NULL);
    free(out);
    snprintf(args, sizeof args, "profile %s --elf %s", trace_path, trace_path);
    out = tool(args, &st);
    CT_EXPECT_EQ(st, 1);
    free(out);
    snprintf(args, sizeof args, "cache %s --l1d 16k,32,3,lru", trace_path);
    out = tool(args, &st);
    CT_EXPECT_EQ(st, 1);
    CT_EXPECT_TRUE(strstr(out, "powers of two") != NULL);
    free(out);
    out = tool("frobnicate x", &st);
    CT_EXPECT_EQ(st, 2);
    free(out);
    cleanup();
}
#endif
