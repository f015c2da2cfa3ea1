/*
 * Binary trace: round trip of a long mixed event stream (every field
 * compared), skipping through the chunk index, a file cut before its
 * index (the reader walks the chunk headers), and rejection of bad files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "traces/bintrace.h"

typedef struct rec {
    int kind;                 /* 1 insn 2 reg 3 mem 4 exc 5 bus */
    trace_insn i;
    trace_reg r;
    trace_mem m;
    trace_exc e;
    trace_bus b;
    char s1[32], s2[32];
} rec;

typedef struct recorder {
    rec *v;
    size_t n, cap;
} recorder;

static rec *push(recorder *rc)
{
    if (rc->n == rc->cap) {
        rc->cap = rc->cap ? 2 * rc->cap : 1024;
        rc->v = realloc(rc->v, rc->cap * sizeof *rc->v);
    }
    rec *x = &rc->v[rc->n++];
    memset(x, 0, sizeof *x);
    return x;
}

static void cp(char *d, const char *s) { snprintf(d, 32, "%s", s ? s : "(null)"); }

static void r_insn(void *o, const trace_insn *e) { rec *x = push(o); x->kind = 1; x->i = *e; cp(x->s1, e->mode); }
static void r_reg(void *o, const trace_reg *e) { rec *x = push(o); x->kind = 2; x->r = *e; cp(x->s1, e->name); }
static void r_mem(void *o, const trace_mem *e) { rec *x = push(o); x->kind = 3; x->m = *e; }
static void r_exc(void *o, const trace_exc *e) { rec *x = push(o); x->kind = 4; x->e = *e; cp(x->s1, e->name); }
static void r_bus(void *o, const trace_bus *e) { rec *x = push(o); x->kind = 5; x->b = *e; cp(x->s1, e->initiator); cp(x->s2, e->target); }

static const trace_sink_ops rec_ops = { .name = "rec", .insn = r_insn, .reg = r_reg, .mem = r_mem,
                                        .exc = r_exc, .bus = r_bus };

/* A deterministic pseudo-program: mostly sequential code with branches,
 * mode switches, Thumb, loads/stores, exceptions and bus traffic. */
static void generate(trace_sink s, unsigned n_insns)
{
    static const char *const modes[] = { "svc_s", "usr_s", "irq_s" };
    uint64_t x = 0x9e3779b97f4a7c15ull, pc = 0x8000, cyc = 0, ps = 0;
    char regname[16];
    for (unsigned k = 1; k <= n_insns; k++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        bool thumb = (k / 1000) % 3 == 1;
        trace_insn i = { .time = { cyc, ps }, .count = k, .pc = pc, .phys_pc = pc,
                         .opcode = thumb ? (uint32_t)x & 0xffff : (uint32_t)x, .size = thumb ? 2 : 4,
                         .isa = thumb ? TRACE_ISA_THUMB : TRACE_ISA_ARM,
                         .branch = (uint8_t)(x % 7 == 0 ? TRACE_BRANCH_CALL : x % 11 == 0 ? TRACE_BRANCH_RETURN : 0),
                         .executed = x % 13 != 0, .cpu = (uint16_t)((k / 5000) % 2),
                         .mode = modes[(k / 777) % 3] };
        if (k % 4096 == 17)
            i.phys_pc = pc + 0x80000000u;
        if (k % 9999 == 5)
            i.count = k;   /* explicit count jump */
        s.ops->insn(s.opaque, &i);
        if (x % 3 == 0) {
            snprintf(regname, sizeof regname, "r%u", (unsigned)(x % 13));
            trace_reg r = { .time = i.time, .cpu = i.cpu, .regno = (uint16_t)(x % 13), .width = 32,
                            .name = regname, .value = (uint32_t)(x >> 20) };
            s.ops->reg(s.opaque, &r);
        }
        if (x % 5 == 0) {
            trace_mem m = { .time = i.time, .cpu = i.cpu, .is_write = (x >> 8) & 1,
                            .size = (uint8_t)(1u << ((x >> 9) & 3)),
                            .vaddr = 0x20000 + ((x >> 12) & 0xfffc), .value = (x >> 3) & 0xffffffff,
                            .pc = pc };
            m.paddr = k % 2 ? m.vaddr : m.vaddr + 0x1000;
            s.ops->mem(s.opaque, &m);
        }
        if (k % 1500 == 0) {
            trace_exc e = { .time = { cyc + 1, ps + 500 }, .cpu = i.cpu, .number = 6, .name = "IRQ",
                            .return_addr = pc + 4, .handler = 0x18 };
            s.ops->exc(s.opaque, &e);
        }
        if (k % 250 == 0) {
            trace_bus b = { .time_ps = ps - 300, .initiator = "cpu0", .target = k % 500 ? "uart0" : "timer0",
                            .addr = 0x101f1000 + (k & 0xfc), .size = 4, .is_write = k % 500 == 0,
                            .data = k, .latency_ps = 10000, .status = (uint8_t)(k % 3) };
            s.ops->bus(s.opaque, &b);
        }
        cyc += 1 + (x % 4);
        ps += 5000 * (1 + (x % 4));
        pc = (x % 9 == 0) ? 0x8000 + ((x >> 16) & 0xfffc) : pc + i.size;
    }
}

static bool same(const rec *a, const rec *b)
{
    if (a->kind != b->kind || strcmp(a->s1, b->s1) || strcmp(a->s2, b->s2))
        return false;
    switch (a->kind) {
    case 1:
        return a->i.time.cycles == b->i.time.cycles && a->i.time.ps == b->i.time.ps &&
               a->i.count == b->i.count && a->i.pc == b->i.pc && a->i.phys_pc == b->i.phys_pc &&
               a->i.opcode == b->i.opcode && a->i.size == b->i.size && a->i.isa == b->i.isa &&
               a->i.branch == b->i.branch && a->i.executed == b->i.executed && a->i.cpu == b->i.cpu;
    case 2:
        return a->r.time.cycles == b->r.time.cycles && a->r.time.ps == b->r.time.ps &&
               a->r.cpu == b->r.cpu && a->r.regno == b->r.regno && a->r.width == b->r.width &&
               a->r.value == b->r.value;
    case 3:
        return a->m.time.cycles == b->m.time.cycles && a->m.time.ps == b->m.time.ps &&
               a->m.cpu == b->m.cpu && a->m.is_write == b->m.is_write && a->m.size == b->m.size &&
               a->m.vaddr == b->m.vaddr && a->m.paddr == b->m.paddr && a->m.value == b->m.value &&
               a->m.pc == b->m.pc;
    case 4:
        return a->e.time.cycles == b->e.time.cycles && a->e.time.ps == b->e.time.ps &&
               a->e.cpu == b->e.cpu && a->e.number == b->e.number &&
               a->e.return_addr == b->e.return_addr && a->e.handler == b->e.handler;
    case 5:
        return a->b.time_ps == b->b.time_ps && a->b.addr == b->b.addr && a->b.size == b->b.size &&
               a->b.is_write == b->b.is_write && a->b.data == b->b.data &&
               a->b.latency_ps == b->b.latency_ps && a->b.status == b->b.status;
    }
    return false;
}

#define N_INSNS 60000u

static FILE *write_trace(recorder *orig, size_t chunk, long *size_out)
{
    FILE *f = tmpfile();
    trace_bin_writer w;
    if (!trace_bin_writer_open(&w, f, 40, chunk))
        return NULL;
    trace_hub hub;
    trace_hub_init(&hub);
    if (!trace_hub_add(&hub, trace_bin_writer_sink(&w)) ||
        !trace_hub_add(&hub, (trace_sink){ &rec_ops, orig }))
        return NULL;
    generate(trace_hub_as_sink(&hub), N_INSNS);
    if (!trace_hub_finish(&hub))
        return NULL;
    fseek(f, 0, SEEK_END);
    *size_out = ftell(f);
    return f;
}

CTEST(traces_bintrace, roundtrip)
{
    recorder orig = { 0 }, back = { 0 };
    long size;
    FILE *f = write_trace(&orig, 4096, &size);
    CT_ASSERT_TRUE(f != NULL);
    trace_bin_reader r;
    char err[160];
    CT_ASSERT_TRUE(trace_bin_reader_open(&r, f, err, sizeof err));
    CT_EXPECT_TRUE(r.had_index);
    CT_EXPECT_EQ(r.machine, 40);
    CT_EXPECT_TRUE(r.n_chunks > 20);
    CT_ASSERT_TRUE(trace_bin_reader_replay(&r, (trace_sink){ &rec_ops, &back }));
    CT_ASSERT_EQ(back.n, orig.n);
    size_t insns = 0, bad = 0;
    for (size_t i = 0; i < orig.n; i++) {
        insns += orig.v[i].kind == 1;
        if (!same(&orig.v[i], &back.v[i]) && bad++ < 3)
            ctest_fail(__FILE__, __LINE__, "record %zu (kind %d) differs", i, orig.v[i].kind);
    }
    CT_EXPECT_EQ(bad, 0);
    CT_EXPECT_EQ(insns, N_INSNS);
    /* compact: well under the 16+ bytes per instruction a naive layout takes */
    CT_EXPECT_TRUE((size_t)size < orig.n * 10);
    trace_bin_reader_close(&r);
    fclose(f);
    free(orig.v);
    free(back.v);
}

CTEST(traces_bintrace, seek_by_chunk_index)
{
    recorder orig = { 0 }, back = { 0 };
    long size;
    FILE *f = write_trace(&orig, 2048, &size);
    CT_ASSERT_TRUE(f != NULL);
    trace_bin_reader r;
    char err[160];
    CT_ASSERT_TRUE(trace_bin_reader_open(&r, f, err, sizeof err));
    const uint64_t target = 45678;
    CT_ASSERT_TRUE(trace_bin_reader_seek_count(&r, target));
    CT_EXPECT_TRUE(r.chunk > 0);
    CT_EXPECT_TRUE(r.index[r.chunk].first_count <= target);
    CT_EXPECT_TRUE(r.chunk + 1 == r.n_chunks || r.index[r.chunk + 1].first_count > target);
    /* the chunk decodes on its own: its first record is an instruction
     * equal to the original with that count */
    CT_ASSERT_EQ(trace_bin_reader_next(&r, (trace_sink){ &rec_ops, &back }), 1);
    CT_ASSERT_EQ(back.v[0].kind, 1);
    uint64_t first = back.v[0].i.count;
    CT_EXPECT_EQ(first, r.index[r.chunk].first_count);
    size_t pos = 0;
    while (pos < orig.n && !(orig.v[pos].kind == 1 && orig.v[pos].i.count == first))
        pos++;
    CT_ASSERT_TRUE(pos < orig.n);
    while (trace_bin_reader_next(&r, (trace_sink){ &rec_ops, &back }) > 0)
        ;
    CT_ASSERT_EQ(back.n, orig.n - pos);
    size_t bad = 0;
    for (size_t i = 0; i < back.n; i++)
        bad += !same(&orig.v[pos + i], &back.v[i]);
    CT_EXPECT_EQ(bad, 0);
    trace_bin_reader_close(&r);
    fclose(f);
    free(orig.v);
    free(back.v);
}

CTEST(traces_bintrace, truncated_and_bad_files)
{
    recorder orig = { 0 }, back = { 0 };
    long size;
    FILE *f = write_trace(&orig, 4096, &size);
    CT_ASSERT_TRUE(f != NULL);
    char *data = malloc((size_t)size);
    fseek(f, 0, SEEK_SET);
    CT_ASSERT_EQ(fread(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);

    /* cut in the middle: no index, the last chunk is partial */
    long cut = size / 2;
    FILE *g = fmemopen(data, (size_t)cut, "r");
    trace_bin_reader r;
    char err[160];
    CT_ASSERT_TRUE(trace_bin_reader_open(&r, g, err, sizeof err));
    CT_EXPECT_FALSE(r.had_index);
    CT_EXPECT_TRUE(r.n_chunks > 5);
    CT_ASSERT_TRUE(trace_bin_reader_replay(&r, (trace_sink){ &rec_ops, &back }));
    CT_EXPECT_TRUE(back.n > 0 && back.n < orig.n);
    size_t bad = 0;
    for (size_t i = 0; i < back.n; i++)
        bad += !same(&orig.v[i], &back.v[i]);
    CT_EXPECT_EQ(bad, 0);
    trace_bin_reader_close(&r);
    fclose(g);

    /* bad magic, future version */
    char *copy = malloc((size_t)size);
    memcpy(copy, data, (size_t)size);
    copy[0] = 'X';
    g = fmemopen(copy, (size_t)size, "r");
    CT_EXPECT_FALSE(trace_bin_reader_open(&r, g, err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "magic") != NULL);
    fclose(g);
    memcpy(copy, data, (size_t)size);
    copy[8] = 9;
    g = fmemopen(copy, (size_t)size, "r");
    CT_EXPECT_FALSE(trace_bin_reader_open(&r, g, err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "version 9") != NULL);
    fclose(g);
    /* garbage inside a chunk payload: an error, never a crash */
    memcpy(copy, data, (size_t)size);
    for (long i = 24 + 40; i < 24 + 40 + 200; i++)
        copy[i] = (char)0xff;
    g = fmemopen(copy, (size_t)size, "r");
    CT_ASSERT_TRUE(trace_bin_reader_open(&r, g, err, sizeof err));
    back.n = 0;
    CT_EXPECT_FALSE(trace_bin_reader_replay(&r, (trace_sink){ &rec_ops, &back }));
    CT_EXPECT_TRUE(strstr(r.err, "corrupt") != NULL);
    trace_bin_reader_close(&r);
    fclose(g);
    free(copy);
    free(data);
    free(orig.v);
    free(back.v);
}
