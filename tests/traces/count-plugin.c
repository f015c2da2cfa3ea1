/*
 * A plugin built by the tests (not an example): counts TB executions,
 * instruction executions and memory accesses through every kind of
 * callback of the ABI (traces/plugin-api.h), and prints the totals at exit:
 *   count-plugin: tbs T insns I reads R writes W exceptions E
 * cosim_trace_test.c checks them against the known firmware
 * (tests/traces/fw/count.S).  State hangs off the struct made in install.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "traces/plugin-api.h"

COSIM_PLUGIN_EXPORT const uint32_t cosim_plugin_version = COSIM_PLUGIN_API_VERSION;

typedef struct counts {
    uint64_t tbs, insns, reads, writes, excs;
} counts;

static void on_tb(unsigned cpu, void *u) { (void)cpu; ((counts *)u)->tbs++; }
static void on_insn(unsigned cpu, void *u) { (void)cpu; ((counts *)u)->insns++; }

static void on_mem(unsigned cpu, const cosim_plugin_mem_info *m, void *u)
{
    (void)cpu;
    if (m->is_store)
        ((counts *)u)->writes++;
    else
        ((counts *)u)->reads++;
}

static void on_exc(unsigned cpu, const cosim_plugin_exc_info *e, void *u)
{
    (void)cpu;
    (void)e;
    ((counts *)u)->excs++;
}

static void on_trans(cosim_plugin_ctx *ctx, void *u, cosim_plugin_tb *tb)
{
    (void)ctx;
    cosim_plugin_register_tb_exec_cb(tb, on_tb, u);
    for (size_t i = 0; i < cosim_plugin_tb_n_insns(tb); i++) {
        cosim_plugin_insn *in = cosim_plugin_tb_get_insn(tb, i);
        cosim_plugin_register_insn_exec_cb(in, on_insn, u);
        cosim_plugin_register_mem_cb(in, on_mem, COSIM_PLUGIN_MEM_RW, u);
    }
}

static void at_exit_cb(cosim_plugin_ctx *ctx, void *u)
{
    counts *c = u;
    char line[160];
    snprintf(line, sizeof line,
             "count-plugin: tbs %" PRIu64 " insns %" PRIu64 " reads %" PRIu64 " writes %" PRIu64
             " exceptions %" PRIu64 "\n", c->tbs, c->insns, c->reads, c->writes, c->excs);
    cosim_plugin_outs(ctx, line);
    free(c);
}

COSIM_PLUGIN_EXPORT int cosim_plugin_install(cosim_plugin_ctx *ctx, const cosim_plugin_info *info,
                                             int argc, char **argv)
{
    (void)info;
    (void)argv;
    if (argc != 0)
        return -1;
    counts *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    cosim_plugin_register_tb_trans_cb(ctx, on_trans, c);
    cosim_plugin_register_exception_cb(ctx, on_exc, c);
    cosim_plugin_register_atexit_cb(ctx, at_exit_cb, c);
    return 0;
}
