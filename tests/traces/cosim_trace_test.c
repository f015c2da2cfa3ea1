/*
 * cosim's tracing end to end: runs the cosim program with each --trace
 * format, -plugin and -dfilter on firmware whose trace is known by
 * construction (fw/count.S: 41 instructions, fw/calltree.S: a fixed call
 * tree), and on firmware-suite programs (hello: UART output, bus log;
 * timer_periodic: ten timer interrupts, VCD).  Expected numbers come from
 * the firmware's source (see the comments there), never from a previous
 * run.  Tarmac output must pass the strict parser (traces/tarmac-parse.h);
 * the interpreter and the JIT must write identical traces.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctest.h"
#include "traces/tarmac-parse.h"

#define RUN_FLAGS "-M versatilepb -nographic -semihosting"

typedef struct tmpdir {
    char path[64];
} tmpdir;

static void tmp_make(tmpdir *d)
{
    snprintf(d->path, sizeof d->path, "/tmp/cosim-trace-XXXXXX");
    if (!mkdtemp(d->path))
        d->path[0] = 0;
}

static void tmp_drop(tmpdir *d)
{
    char cmd[128];
    if (!d->path[0])
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", d->path);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", d->path);
}

/* Runs a shell command; its exit status, or -1. */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    return st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Whole file, NUL-terminated (caller frees); NULL if unreadable. */
static char *slurp(const char *dir, const char *name)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b)
        b[n] = 0;
    fclose(f);
    return b;
}

static unsigned count_str(const char *hay, const char *needle)
{
    unsigned n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* ---- Tarmac through the strict parser ------------------------------------- */

typedef struct tarmac_counts {
    unsigned it, is, reg, mr, mw, exc, irq;
    uint64_t last_count, is_count, is_addr;
    uint64_t lr_value;
    bool lr_seen;
} tarmac_counts;

static void tally(void *opaque, const trace_tarmac_event *ev)
{
    tarmac_counts *c = opaque;
    switch (ev->kind) {
    case TRACE_TARMAC_EV_INSN:
        if (ev->executed) {
            c->it++;
        } else {
            c->is++;
            c->is_count = ev->count;
            c->is_addr = ev->addr;
        }
        c->last_count = ev->count;
        break;
    case TRACE_TARMAC_EV_REG:
        c->reg++;
        if (!strcmp(ev->reg, "r14_svc")) {
            c->lr_value = ev->value;
            c->lr_seen = true;
        }
        break;
    case TRACE_TARMAC_EV_MEM:
        if (ev->is_write)
            c->mw++;
        else
            c->mr++;
        break;
    case TRACE_TARMAC_EV_EXC:
        c->exc++;
        if (strstr(ev->text, "CoreEvent_IRQ"))
            c->irq++;
        break;
    }
}

static bool parse_tarmac(const char *dir, const char *name, tarmac_counts *c, char *err, size_t len)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "r");
    if (!f) {
        snprintf(err, len, "cannot open %.150s", p);
        return false;
    }
    memset(c, 0, sizeof *c);
    bool ok = trace_tarmac_parse_stream(f, tally, c, err, len);
    fclose(f);
    return ok;
}

/* count.S: 40 executed + the final BNE not taken (instruction 32, at
 * 0x10010); register writes: r0 (mov) r1 (mov), 10 x r0 (add), 10 x r1 +
 * cpsr (subs), r3 (ldr), r14_svc = 0x10024 (bl), r0 (add), cpsr (bx),
 * r1 (ldr =), r0 (mov), r0 (semihosting call): 40; memory: 2 reads, 1
 * write; no exception. */
CTEST(cosim_trace, tarmac_exact_counts)
{
    tmpdir d;
    tmp_make(&d);
    CT_ASSERT_TRUE(d.path[0] != 0);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --trace tarmac:%s/t.tarmac >/dev/null", COSIM_BIN,
                    COUNT_ELF, d.path), 0);
    tarmac_counts c;
    char err[200];
    bool ok = parse_tarmac(d.path, "t.tarmac", &c, err, sizeof err);
    if (!ok)
        fprintf(stderr, "%s\n", err);
    CT_ASSERT_TRUE(ok);
    CT_ASSERT_EQ(c.it, 40u);
    CT_ASSERT_EQ(c.is, 1u);
    CT_ASSERT_EQ(c.last_count, 41u);
    CT_ASSERT_EQ(c.is_count, 32u);
    CT_ASSERT_EQ(c.is_addr, 0x10010u);
    CT_ASSERT_EQ(c.reg, 40u);
    CT_ASSERT_EQ(c.mr, 2u);
    CT_ASSERT_EQ(c.mw, 1u);
    CT_ASSERT_EQ(c.exc, 0u);
    CT_ASSERT_TRUE(c.lr_seen);
    CT_ASSERT_EQ(c.lr_value, 0x10024u);
    char *t = slurp(d.path, "t.tarmac");
    CT_ASSERT_TRUE(t != NULL);
    /* the store of the loop's sum (10 + 9 + ... + 1 = 55) */
    CT_ASSERT_EQ(count_str(t, " MW4 00020000 00000037\n"), 1u);
    free(t);
    tmp_drop(&d);
}

CTEST(cosim_trace, tarmac_ns_unit_parses)
{
    tmpdir d;
    tmp_make(&d);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --trace tarmac:%s/t.tarmac,unit=ns >/dev/null",
                    COSIM_BIN, CALLTREE_ELF, d.path), 0);
    tarmac_counts c;
    char err[200];
    bool ok = parse_tarmac(d.path, "t.tarmac", &c, err, sizeof err);
    if (!ok)
        fprintf(stderr, "%s\n", err);
    CT_ASSERT_TRUE(ok);
    CT_ASSERT_EQ(c.it + c.is, 19u);          /* calltree.S: 19 instructions */
    char *t = slurp(d.path, "t.tarmac");
    CT_ASSERT_TRUE(t != NULL);
    CT_ASSERT_EQ(count_str(t, " clk "), 0u);
    CT_ASSERT_TRUE(count_str(t, " ns IT ") == 19u);
    free(t);
    tmp_drop(&d);
}

/* The binary trace holds the same events (cosim-trace stats). */
CTEST(cosim_trace, bin_stats_exact)
{
    tmpdir d;
    tmp_make(&d);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --trace bin:%s/t.bin >/dev/null && %s stats %s/t.bin >%s/s.txt",
                    COSIM_BIN, COUNT_ELF, d.path, COSIM_TRACE_BIN, d.path, d.path), 0);
    char *s = slurp(d.path, "s.txt");
    CT_ASSERT_TRUE(s != NULL);
    CT_ASSERT_TRUE(strstr(s, "instructions:        41 (1 condition failed, 0 Thumb)\n") != NULL);
    CT_ASSERT_TRUE(strstr(s, "register writes:     40\n") != NULL);
    CT_ASSERT_TRUE(strstr(s, "memory reads:        2 (8 bytes)\n") != NULL);
    CT_ASSERT_TRUE(strstr(s, "memory writes:       1 (4 bytes)\n") != NULL);
    CT_ASSERT_TRUE(strstr(s, "exceptions:          0\n") != NULL);
    free(s);
    tmp_drop(&d);
}

/* Both backends: byte-identical Tarmac and binary traces. */
CTEST(cosim_trace, backends_identical)
{
    static const char *const elfs[] = { COUNT_ELF, CALLTREE_ELF, SUITE_FW_DIR "/hello.elf",
                                        SUITE_FW_DIR "/timer_periodic.elf" };
    tmpdir d;
    tmp_make(&d);
    for (size_t i = 0; i < sizeof elfs / sizeof elfs[0]; i++) {
        for (int b = 0; b < 2; b++) {
            const char *be = b ? "jit" : "interp";
            CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --backend %s --trace tarmac:%s/%s.tarmac "
                            "--trace bin:%s/%s.bin >/dev/null 2>&1",
                            COSIM_BIN, elfs[i], be, d.path, be, d.path, be), 0);
        }
        CT_ASSERT_EQ(sh("cmp -s %s/interp.tarmac %s/jit.tarmac", d.path, d.path), 0);
        CT_ASSERT_EQ(sh("cmp -s %s/interp.bin %s/jit.bin", d.path, d.path), 0);
        CT_ASSERT_EQ(sh("test -s %s/interp.tarmac", d.path), 0);
    }
    tmp_drop(&d);
}

/* hello prints through UART0: one bus write to its data register per byte
 * of output (DMI is on: RAM accesses do not reach the bus). */
CTEST(cosim_trace, bus_log_uart_writes)
{
    tmpdir d;
    tmp_make(&d);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s/hello.elf --trace bus:%s/bus.log >%s/out.txt",
                    COSIM_BIN, SUITE_FW_DIR, d.path, d.path), 0);
    char *out = slurp(d.path, "out.txt"), *bus = slurp(d.path, "bus.log");
    CT_ASSERT_TRUE(out != NULL && bus != NULL);
    CT_ASSERT_TRUE(strlen(out) > 0);
    CT_ASSERT_EQ(count_str(bus, "cpu0 -> uart@101f1000 W4 101f1000 "), (unsigned)strlen(out));
    /* the first byte printed is the first data written */
    char first[64];
    snprintf(first, sizeof first, "W4 101f1000 %08x lat", (unsigned)(unsigned char)out[0]);
    CT_ASSERT_TRUE(strstr(bus, first) != NULL);
    free(out);
    free(bus);
    tmp_drop(&d);
}

/* timer_periodic takes `ticks` timer interrupts: the timer's wire rises
 * that many times in the VCD, and the Tarmac trace has as many IRQ
 * exception entries. */
CTEST(cosim_trace, vcd_timer_interrupts)
{
    tmpdir d;
    tmp_make(&d);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s/timer_periodic.elf --trace vcd:%s/irq.vcd,signals=timer_101e2000 "
                    "--trace tarmac:%s/t.tarmac >%s/out.txt",
                    COSIM_BIN, SUITE_FW_DIR, d.path, d.path, d.path), 0);
    char *out = slurp(d.path, "out.txt"), *vcd = slurp(d.path, "irq.vcd");
    CT_ASSERT_TRUE(out != NULL && vcd != NULL);
    const char *tk = strstr(out, "ticks = 0x");
    CT_ASSERT_TRUE(tk != NULL);
    unsigned ticks = (unsigned)strtoul(tk + 8, NULL, 16);
    CT_ASSERT_TRUE(ticks > 0);
    CT_ASSERT_TRUE(strstr(vcd, "$var wire 1 ! timer_101e2000 $end\n") != NULL);
    CT_ASSERT_EQ(count_str(vcd, "\n$var "), 1u);
    CT_ASSERT_EQ(count_str(vcd, "\n1!\n"), ticks);
    tarmac_counts c;
    char err[200];
    CT_ASSERT_TRUE(parse_tarmac(d.path, "t.tarmac", &c, err, sizeof err));
    CT_ASSERT_EQ(c.irq, ticks);
    free(out);
    free(vcd);
    tmp_drop(&d);
}

/* Plugins on real firmware: the example hotblocks and a plugin built by
 * the tests that uses every callback kind.  count.S runs 13 TBs: 1 + 9
 * loop iterations + 3, with 41 instructions, 2 reads and 1 write. */
CTEST(cosim_trace, plugins_exact_counts)
{
    tmpdir d;
    tmp_make(&d);
    for (int b = 0; b < 2; b++) {
        CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --backend %s -plugin %s,top=2 -plugin %s -D %s/log.txt",
                        COSIM_BIN, COUNT_ELF, b ? "jit" : "interp", HOTBLOCKS_SO, COUNT_PLUGIN_SO, d.path), 0);
        char *log = slurp(d.path, "log.txt");
        CT_ASSERT_TRUE(log != NULL);
        CT_ASSERT_TRUE(strstr(log, "hotblocks: 5 blocks, 41 instructions\n") != NULL);
        CT_ASSERT_TRUE(strstr(log, "00010008       3          9           27\n") != NULL);
        CT_ASSERT_TRUE(strstr(log, "count-plugin: tbs 13 insns 41 reads 2 writes 1 exceptions 0\n") != NULL);
        free(log);
    }
    /* exceptions reach plugins: timer_periodic's ten IRQs */
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s/timer_periodic.elf -plugin %s -D %s/log.txt >/dev/null",
                    COSIM_BIN, SUITE_FW_DIR, COUNT_PLUGIN_SO, d.path), 0);
    char *log = slurp(d.path, "log.txt");
    CT_ASSERT_TRUE(log != NULL && strstr(log, " exceptions 10\n") != NULL);
    free(log);
    /* a refused plugin stops the run with one line */
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s -plugin %s,bogus=1 2>/dev/null", COSIM_BIN, COUNT_ELF,
                    COUNT_PLUGIN_SO), 1);
    tmp_drop(&d);
}

/* Profile and flame graph of calltree.S (instructions per stack). */
CTEST(cosim_trace, profile_calltree)
{
    tmpdir d;
    tmp_make(&d);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --trace bin:%s/t.bin >/dev/null && "
                    "%s folded %s/t.bin --elf %s --insns -o %s/f.txt && "
                    "%s flamegraph %s/t.bin --elf %s --insns -o %s/f.svg",
                    COSIM_BIN, CALLTREE_ELF, d.path, COSIM_TRACE_BIN, d.path, CALLTREE_ELF, d.path,
                    COSIM_TRACE_BIN, d.path, CALLTREE_ELF, d.path), 0);
    char *f = slurp(d.path, "f.txt"), *svg = slurp(d.path, "f.svg");
    CT_ASSERT_TRUE(f != NULL && svg != NULL);
    CT_ASSERT_STREQ(f, "_start 5\n_start;main 4\n_start;main;foo 4\n_start;main;foo;bar 4\n_start;main;leaf 2\n");
    CT_ASSERT_TRUE(strstr(svg, "<title>_start (19 instructions, 100.00%)</title>") != NULL);
    CT_ASSERT_TRUE(strstr(svg, "<title>foo (8 instructions") != NULL);
    CT_ASSERT_TRUE(strstr(svg, "<title>bar (4 instructions") != NULL);
    CT_ASSERT_TRUE(strstr(svg, "<title>leaf (2 instructions") != NULL);
    free(f);
    free(svg);
    tmp_drop(&d);
}

/* -dfilter limits -d in_asm to TBs starting in the ranges (QEMU). */
CTEST(cosim_trace, dfilter_in_asm)
{
    tmpdir d;
    tmp_make(&d);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s -d in_asm -D %s/all.txt", COSIM_BIN, COUNT_ELF, d.path), 0);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s -d in_asm -dfilter 0x10030+8 -D %s/one.txt", COSIM_BIN,
                    COUNT_ELF, d.path), 0);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s -d in_asm -dfilter 0x10000..0x10013,0x10024+4 -D %s/two.txt",
                    COSIM_BIN, COUNT_ELF, d.path), 0);
    char *all = slurp(d.path, "all.txt"), *one = slurp(d.path, "one.txt"), *two = slurp(d.path, "two.txt");
    CT_ASSERT_TRUE(all && one && two);
    CT_ASSERT_EQ(count_str(all, "IN: "), 5u);      /* the five TBs of count.S */
    CT_ASSERT_EQ(count_str(one, "IN: "), 1u);
    CT_ASSERT_TRUE(strstr(one, "IN: pc=00010030") != NULL);
    CT_ASSERT_EQ(count_str(two, "IN: "), 3u);      /* 0x10000, 0x10008, 0x10024 */
    CT_ASSERT_TRUE(strstr(two, "IN: pc=00010024") != NULL);
    free(all);
    free(one);
    free(two);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s -dfilter 0x100..0x10 2>/dev/null", COSIM_BIN, COUNT_ELF), 1);
    tmp_drop(&d);
}

CTEST(cosim_trace, cli_errors)
{
    tmpdir d;
    tmp_make(&d);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --trace foo:x 2>%s/e.txt", COSIM_BIN, COUNT_ELF, d.path), 1);
    char *e = slurp(d.path, "e.txt");
    CT_ASSERT_TRUE(e && strstr(e, "unknown kind 'foo'") != NULL);
    free(e);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --trace tarmac:x,unit=s 2>/dev/null", COSIM_BIN, COUNT_ELF), 1);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --trace tarmac:/nonexistent/dir/t 2>/dev/null", COSIM_BIN,
                    COUNT_ELF), 1);
    CT_ASSERT_EQ(sh("%s " RUN_FLAGS " -kernel %s --trace vcd:%s/v.vcd,signals=nosuchwire 2>/dev/null",
                    COSIM_BIN, COUNT_ELF, d.path), 1);
    tmp_drop(&d);
}
