/*
 * Tarmac writer + strict parser on the synthetic event stream of a known
 * program (the one in docs/tracing.md, extended with a
 * callee, a condition-failed instruction, a Thumb call and an IRQ):
 * exact text, exact line counts, and the parser accepts every line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "traces/tarmac-parse.h"
#include "traces/tarmac.h"

static void emit_program(trace_sink s)
{
    const trace_sink_ops *o = s.ops;
    trace_reg r0 = { .time = { 0, 0 }, .name = "cpsr", .width = 32, .value = 0x1d3 };
    o->reg(s.opaque, &r0);

    trace_insn i = { .time = { 1, 1000 }, .count = 1, .pc = 0x8020, .phys_pc = 0x8020,
                     .opcode = 0xe92d4010, .size = 4, .isa = TRACE_ISA_ARM, .executed = true,
                     .mode = "svc_s", .disas_text = "PUSH     {r4,lr}" };
    o->insn(s.opaque, &i);
    trace_mem m = { .time = { 1, 1000 }, .is_write = true, .size = 4, .vaddr = 0x7fff0,
                    .paddr = 0x7fff0, .value = 0, .pc = 0x8020 };
    o->mem(s.opaque, &m);
    m.vaddr = m.paddr = 0x7fff4;
    m.value = 0x8008;
    o->mem(s.opaque, &m);
    char name[16];
    trace_arm_reg_name(13, "svc_s", name, sizeof name);
    trace_reg r = { .time = { 1, 1000 }, .name = name, .width = 32, .value = 0x7fff0 };
    o->reg(s.opaque, &r);

    i = (trace_insn){ .time = { 2, 2000 }, .count = 2, .pc = 0x8024, .phys_pc = 0x8024,
                      .opcode = 0xe3a00029, .size = 4, .isa = TRACE_ISA_ARM, .executed = true,
                      .mode = "svc_s", .disas_text = "MOV      r0,#0x29" };
    o->insn(s.opaque, &i);
    r = (trace_reg){ .time = { 2, 2000 }, .name = "r0", .width = 32, .value = 0x29 };
    o->reg(s.opaque, &r);

    i = (trace_insn){ .time = { 3, 3000 }, .count = 3, .pc = 0x8028, .phys_pc = 0x8028,
                      .opcode = 0xebfffffa, .size = 4, .isa = TRACE_ISA_ARM, .executed = true,
                      .mode = "svc_s", .branch = TRACE_BRANCH_CALL,
                      .disas_text = "BL       0x8018" };
    o->insn(s.opaque, &i);
    trace_arm_reg_name(14, "svc_s", name, sizeof name);
    r = (trace_reg){ .time = { 3, 3000 }, .name = name, .width = 32, .value = 0x802c };
    o->reg(s.opaque, &r);

    /* condition failed */
    i = (trace_insn){ .time = { 4, 4000 }, .count = 4, .pc = 0x8018, .phys_pc = 0x8018,
                      .opcode = 0x03a00001, .size = 4, .isa = TRACE_ISA_ARM, .executed = false,
                      .mode = "svc_s", .disas_text = "MOVEQ    r0,#1" };
    o->insn(s.opaque, &i);
    /* load with a virtual != physical address */
    i = (trace_insn){ .time = { 5, 5000 }, .count = 5, .pc = 0x801c, .phys_pc = 0x801c,
                      .opcode = 0xe5d01000, .size = 4, .isa = TRACE_ISA_ARM, .executed = true,
                      .mode = "svc_s", .disas_text = "LDRB     r1,[r0,#0]" };
    o->insn(s.opaque, &i);
    m = (trace_mem){ .time = { 5, 5000 }, .size = 1, .vaddr = 0x29, .paddr = 0x80000029,
                     .value = 0x41 };
    o->mem(s.opaque, &m);
    r = (trace_reg){ .time = { 5, 5000 }, .name = "r1", .width = 32, .value = 0x41 };
    o->reg(s.opaque, &r);
    /* Thumb: a 16-bit and a 32-bit BL (first halfword first) */
    i = (trace_insn){ .time = { 7, 7000 }, .count = 6, .pc = 0x9000, .phys_pc = 0x9000,
                      .opcode = 0x2005, .size = 2, .isa = TRACE_ISA_THUMB, .executed = true,
                      .mode = "usr_s", .disas_text = "MOVS     r0,#5" };
    o->insn(s.opaque, &i);
    i = (trace_insn){ .time = { 8, 8000 }, .count = 7, .pc = 0x9002, .phys_pc = 0x9002,
                      .opcode = 0xf000f802, .size = 4, .isa = TRACE_ISA_THUMB, .executed = true,
                      .mode = "usr_s", .disas_text = "BL       0x900a" };
    o->insn(s.opaque, &i);
    r = (trace_reg){ .time = { 8, 8000 }, .name = "r14", .width = 32, .value = 0x9007 };
    o->reg(s.opaque, &r);
    /* IRQ taken */
    trace_exc e = { .time = { 9, 9000 }, .number = 6, .name = "IRQ", .return_addr = 0x9006,
                    .handler = 0x18 };
    o->exc(s.opaque, &e);
    r = (trace_reg){ .time = { 9, 9000 }, .name = "cpsr", .width = 32, .value = 0x1d2 };
    o->reg(s.opaque, &r);
    /* a disassembly that would start with '{' is protected */
    i = (trace_insn){ .time = { 10, 10000 }, .count = 8, .pc = 0x18, .phys_pc = 0x18,
                      .opcode = 0xe1a00000, .size = 4, .isa = TRACE_ISA_ARM, .executed = true,
                      .mode = "irq_s", .disas_text = "{weird}\nop" };
    o->insn(s.opaque, &i);
}

static const char expected_clk[] =
    "0 clk R cpsr 000001d3\n"
    "1 clk IT (1) 00008020 e92d4010 A svc_s : PUSH     {r4,lr}\n"
    "1 clk MW4 0007fff0 00000000\n"
    "1 clk MW4 0007fff4 00008008\n"
    "1 clk R r13_svc 0007fff0\n"
    "2 clk IT (2) 00008024 e3a00029 A svc_s : MOV      r0,#0x29\n"
    "2 clk R r0 00000029\n"
    "3 clk IT (3) 00008028 ebfffffa A svc_s : BL       0x8018\n"
    "3 clk R r14_svc 0000802c\n"
    "4 clk IS (4) 00008018 03a00001 A svc_s : MOVEQ    r0,#1\n"
    "5 clk IT (5) 0000801c e5d01000 A svc_s : LDRB     r1,[r0,#0]\n"
    "5 clk MR1 00000029:80000029 41\n"
    "5 clk R r1 00000041\n"
    "7 clk IT (6) 00009000 2005 T usr_s : MOVS     r0,#5\n"
    "8 clk IT (7) 00009002 f000f802 T usr_s : BL       0x900a\n"
    "8 clk R r14 00009007\n"
    "9 clk E 00009006 00000006 CoreEvent_IRQ\n"
    "9 clk R cpsr 000001d2\n"
    "10 clk IT (8) 00000018 e1a00000 A irq_s : <?> {weird} op\n";

CTEST(traces_tarmac, writer_exact_text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CT_ASSERT_TRUE(f != NULL);
    trace_tarmac t;
    trace_tarmac_init(&t, f, TRACE_TARMAC_CLK);
    emit_program(trace_tarmac_sink(&t));
    CT_ASSERT_TRUE(trace_tarmac_finish(&t));
    fclose(f);
    CT_EXPECT_STREQ(buf, expected_clk);
    CT_EXPECT_EQ(t.lines, 19);
    free(buf);
}

typedef struct counts {
    unsigned it, is, reg, mr, mw, exc;
    uint64_t last_count;
    bool counter_ok;
    trace_tarmac_event ev[32];
    unsigned n;
} counts;

static void count_ev(void *o, const trace_tarmac_event *ev)
{
    counts *c = o;
    if (c->n < 32)
        c->ev[c->n++] = *ev;
    switch (ev->kind) {
    case TRACE_TARMAC_EV_INSN:
        if (ev->executed)
            c->it++;
        else
            c->is++;
        if (ev->count != c->last_count + 1)
            c->counter_ok = false;
        c->last_count = ev->count;
        break;
    case TRACE_TARMAC_EV_REG: c->reg++; break;
    case TRACE_TARMAC_EV_MEM: if (ev->is_write) c->mw++; else c->mr++; break;
    case TRACE_TARMAC_EV_EXC: c->exc++; break;
    }
}

static bool parse_text(const char *text, counts *c, char *err, size_t err_len)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    memset(c, 0, sizeof *c);
    c->counter_ok = true;
    bool ok = trace_tarmac_parse_stream(f, count_ev, c, err, err_len);
    fclose(f);
    return ok;
}

CTEST(traces_tarmac, parser_accepts_writer_output)
{
    for (int unit = 0; unit < 2; unit++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        trace_tarmac t;
        trace_tarmac_init(&t, f, unit ? TRACE_TARMAC_NS : TRACE_TARMAC_CLK);
        emit_program(trace_tarmac_sink(&t));
        CT_ASSERT_TRUE(trace_tarmac_finish(&t));
        fclose(f);
        counts c;
        char err[200] = "";
        bool ok = parse_text(buf, &c, err, sizeof err);
        CT_EXPECT_TRUE(ok);
        if (!ok)
            ctest_fail(__FILE__, __LINE__, "%s", err);
        CT_EXPECT_EQ(c.it, 7);
        CT_EXPECT_EQ(c.is, 1);
        CT_EXPECT_EQ(c.reg, 7);
        CT_EXPECT_EQ(c.mw, 2);
        CT_EXPECT_EQ(c.mr, 1);
        CT_EXPECT_EQ(c.exc, 1);
        CT_EXPECT_TRUE(c.counter_ok);
        CT_EXPECT_EQ(c.n, 19);
        /* fields survive the round trip */
        CT_EXPECT_EQ(c.ev[1].addr, 0x8020);
        CT_EXPECT_EQ(c.ev[1].encoding, 0xe92d4010);
        CT_EXPECT_EQ(c.ev[1].enc_bits, 32);
        CT_EXPECT_STREQ(c.ev[1].iset, "A");
        CT_EXPECT_STREQ(c.ev[1].mode, "svc_s");
        CT_EXPECT_STREQ(c.ev[1].disas, "PUSH     {r4,lr}");
        CT_EXPECT_EQ(c.ev[1].time, unit ? 1 : 1);
        CT_EXPECT_STREQ(c.ev[4].reg, "r13_svc");
        CT_EXPECT_EQ(c.ev[4].value, 0x7fff0);
        CT_EXPECT_EQ(c.ev[11].phys, 0x80000029);
        CT_EXPECT_TRUE(c.ev[11].has_phys);
        CT_EXPECT_EQ(c.ev[11].size, 1);
        CT_EXPECT_EQ(c.ev[11].value, 0x41);
        CT_EXPECT_EQ(c.ev[13].enc_bits, 16);
        CT_EXPECT_EQ(c.ev[14].encoding, 0xf000f802);
        CT_EXPECT_EQ(c.ev[15].value & 1, 1);      /* Thumb LR has bit 0 set */
        CT_EXPECT_STREQ(c.ev[16].text, "00009006 00000006 CoreEvent_IRQ");
        CT_EXPECT_EQ(c.ev[18].time, 10);
        CT_EXPECT_STREQ(c.ev[0].unit, unit ? "ns" : "clk");
        free(buf);
    }
}

CTEST(traces_tarmac, parser_rejects)
{
    static const char *const bad[] = {
        "1 clk IT (1) 0x00008020 e92d4010 A svc_s : PUSH {r4,lr}\n",   /* 0x prefix     */
        "1 clk IT 1 00008020 e92d4010 A svc_s : NOP\n",               /* no (counter)  */
        "1 clk IT (1) 00008020 e92d4010 X svc_s : NOP\n",             /* bad iset      */
        "1 clk IT (1) 00008020 e92d4010 A : NOP\n",                   /* mode missing  */
        "1 clk IT (1) 00008020 e92d4010 A svc_s NOP\n",               /* no colon      */
        "1 clk IT (1) 00008020 e92d401 A svc_s : NOP\n",              /* 7-digit enc   */
        "1 clk IT (1) 00008020 e92d4010 A svc_s : {r4}\n",            /* starts with { */
        "1 clk IT (1) 00008020 e92d4010 A svc_s : *x\n",              /* starts with * */
        "1 cycles IT (1) 00008020 e92d4010 A svc_s : NOP\n",          /* bad unit      */
        "1 clk R r0 29\n",                                            /* short value   */
        "1 clk R r13_svc 0x0007fff0\n",
        "1 clk R cpsr 1d3\n",
        "1 clk MW4 0007fff0\n",                                       /* no data       */
        "1 clk MW4 0007fff0 0000\n",                                  /* short data    */
        "1 clk MW3 0007fff0 000000\n",                                /* bad size      */
        "1 clk FOO 1\n",                                              /* unknown event */
        "1 clk IT (1) 00008020 e92d4010 A svc_s@ : NOP\n",            /* unlexable     */
        "1 clk IT (1) 00008020 e92d4010 A svc_s : NOP",               /* no newline    */
        "2 clk IT (1) 00008020 e92d4010 A svc_s : NOP\n1 clk IT (2) 00008024 e92d4010 A svc_s : NOP\n",
        "2 clk IT (1) 00008020 e92d4010 A svc_s : NOP\n3 clk R r0 00000001\n",  /* R time */
        "1 clk E\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        counts c;
        char err[200] = "";
        bool ok = parse_text(bad[i], &c, err, sizeof err);
        if (ok)
            ctest_fail(__FILE__, __LINE__, "accepted bad line %zu: %s", i, bad[i]);
        CT_EXPECT_TRUE(strncmp(err, "line ", 5) == 0);
    }
    /* and the reference's own minimal example is accepted */
    static const char good[] =
        "0 clk R cpsr 000001d3\n"
        "1 clk IT (1) 00008020 e92d4010 A svc_s : PUSH     {r4,lr}\n"
        "1 clk MW4 0007fff0 00000000\n"
        "1 clk MW4 0007fff4 00008008\n"
        "1 clk R r13_svc 0007fff0\n"
        "2 clk IT (2) 00008024 e3a00029 A svc_s : MOV      r0,#0x29\n"
        "2 clk R r0 00000029\n"
        "3 clk IT (3) 00008028 ebfffffa A svc_s : BL       0x8018\n"
        "3 clk R r14_svc 0000802c\n"
        "\n"
        "cpu0 IT (4) 00008018 e12fff1e A svc_s : BX lr\n";
    counts c;
    char err[200] = "";
    CT_EXPECT_TRUE(parse_text(good, &c, err, sizeof err));
    CT_EXPECT_EQ(c.it, 4);
    CT_EXPECT_EQ(c.ev[9].time, 3);     /* inherited */
    CT_EXPECT_EQ(c.ev[9].cpu, 0);
}
