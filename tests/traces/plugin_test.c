/*
 * Plugin host with the example plugins built as .so in the tree (dlopen),
 * fed with synthetic TBs the way the CPU side will: translate once, then
 * call only the helpers the instrumentation asks for.
 */
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "traces/plugin-host.h"

#define A(a_, op) { .pc = (a_), .phys_pc = (a_), .opcode = (op), .size = 4, .isa = TRACE_ISA_ARM, .executed = true }
#define T(a_, op) { .pc = (a_), .phys_pc = (a_), .opcode = (op), .size = 2, .isa = TRACE_ISA_THUMB, .executed = true }

static const trace_insn tb_a[] = { A(0x8000, 0xe3a00001), A(0x8004, 0xe5901000), A(0x8008, 0xe0800001),
                                   A(0x800c, 0xea000000) };     /* MOV, LDR, ADD, B */
static const trace_insn tb_b[] = { T(0x9000, 0x2005), T(0x9002, 0x6008), T(0x9004, 0x4770) };
                                                                /* MOVS, STR, BX lr */
static const trace_insn tb_c[] = { A(0xa000, 0xe0000190), A(0xa004, 0xef000000) };   /* MUL, SVC */

/* What the CPU loop does for one execution of an instrumented TB. */
static void run_tb(const trace_plugin_tb_instr *in, const trace_insn *insns, size_t n)
{
    if (!in)
        return;
    if (in->tb_exec.n)
        trace_plugin_tb_exec(in, 0);
    for (size_t i = 0; i < n; i++) {
        if (in->insn_exec[i].n)
            trace_plugin_insn_exec(in, i, 0);
        if (in->mem[i].n) {
            if (insns[i].opcode == 0xe5901000)
                trace_plugin_mem(in, i, 0, 0x20000, 4, false, 7);
            if (insns[i].opcode == 0x6008)
                trace_plugin_mem(in, i, 0, 0x20004, 4, true, 5);
        }
    }
}

static void drive(trace_plugin_host *h)
{
    trace_plugin_tb_instr *a = trace_plugin_tb_translate(h, 0x8000, tb_a, 4);
    trace_plugin_tb_instr *b = trace_plugin_tb_translate(h, 0x9000, tb_b, 3);
    trace_plugin_tb_instr *c = trace_plugin_tb_translate(h, 0xa000, tb_c, 2);
    for (int k = 0; k < 10; k++)
        run_tb(a, tb_a, 4);
    for (int k = 0; k < 5; k++)
        run_tb(b, tb_b, 3);
    run_tb(c, tb_c, 2);
    trace_exc e = { .number = 2, .name = "SVC", .return_addr = 0xa008, .handler = 0x8 };
    trace_plugin_exception(h, 0, &e);
    trace_plugin_tb_instr_free(a);
    trace_plugin_tb_instr_free(b);
    trace_plugin_tb_instr_free(c);
}

CTEST(traces_plugin, hotblocks_and_insn_mix)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    trace_plugin_host h;
    char err[256];
    trace_plugin_host_init(&h, out, "arm", 1);
    CT_EXPECT_FALSE(trace_plugin_host_active(&h));
    CT_EXPECT_TRUE(trace_plugin_tb_translate(&h, 0x8000, tb_a, 4) == NULL);   /* nothing asked */
    bool ok = trace_plugin_host_load(&h, HOTBLOCKS_SO ",top=2", err, sizeof err);
    if (!ok)
        ctest_fail(__FILE__, __LINE__, "%s", err);
    CT_ASSERT_TRUE(ok);
    CT_EXPECT_TRUE(trace_plugin_host_active(&h));
    /* hotblocks asks for a TB-entry callback only: no per-insn helpers */
    trace_plugin_tb_instr *probe = trace_plugin_tb_translate(&h, 0x7000, tb_a, 4);
    CT_ASSERT_TRUE(probe != NULL);
    CT_EXPECT_EQ(probe->tb_exec.n, 1);
    for (size_t i = 0; i < 4; i++) {
        CT_EXPECT_EQ(probe->insn_exec[i].n, 0);
        CT_EXPECT_EQ(probe->mem[i].n, 0);
    }
    trace_plugin_tb_instr_free(probe);
    ok = trace_plugin_host_load(&h, INSN_MIX_SO, err, sizeof err);
    if (!ok)
        ctest_fail(__FILE__, __LINE__, "%s", err);
    CT_ASSERT_TRUE(ok);
    drive(&h);
    trace_plugin_host_exit(&h);
    trace_plugin_host_exit(&h);    /* atexit runs once */
    trace_plugin_host_free(&h);
    fclose(out);
    CT_EXPECT_STREQ(buf,
        "hotblocks: 4 blocks, 57 instructions\n"
        "pc         insns      execs  insns*execs\n"
        "00008000       4         10           40\n"
        "00009000       3          5           15\n"
        "insn-mix: 57 instructions\n"
        "branch           15\n"
        "load/store       15\n"
        "data-processing  25\n"
        "multiply         1\n"
        "system           1\n"
        "other            0\n"
        "memory: 10 reads, 5 writes; exceptions: 1\n");
    free(buf);
}

CTEST(traces_plugin, load_errors_and_spec)
{
    trace_plugin_host h;
    char err[256];
    trace_plugin_host_init(&h, stderr, "arm", 1);
    CT_EXPECT_FALSE(trace_plugin_host_load(&h, "/nonexistent/x.so", err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "-plugin /nonexistent/x.so") != NULL);
    CT_EXPECT_FALSE(trace_plugin_host_load(&h, ",top=1", err, sizeof err));
    CT_EXPECT_FALSE(trace_plugin_host_load(&h, HOTBLOCKS_SO ",top=0", err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "refused") != NULL);
    CT_EXPECT_FALSE(trace_plugin_host_load(&h, HOTBLOCKS_SO ",bogus", err, sizeof err));
    CT_EXPECT_FALSE(trace_plugin_host_load(&h, "libm.so.6", err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "does not export") != NULL);
    CT_EXPECT_EQ(h.n_plugins, 0);
    trace_plugin_host_free(&h);

    char *path, **argv;
    int argc;
    CT_ASSERT_TRUE(trace_plugin_parse_spec("p.so,arg=foo,k=v,,arg=", &path, &argc, &argv));
    CT_EXPECT_STREQ(path, "p.so");
    CT_ASSERT_EQ(argc, 2);
    CT_EXPECT_STREQ(argv[0], "foo");
    CT_EXPECT_STREQ(argv[1], "k=v");
    trace_plugin_free_args(path, argc, argv);
}
