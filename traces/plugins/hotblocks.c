/*
 * Example plugin: hot blocks.  Counts how often each translation block
 * runs and prints the blocks that executed the most instructions.
 *
 *   -plugin build/plugins/hotblocks.so,top=5
 *
 * Output (through the host's log):
 *   hotblocks: 3 blocks, 170 instructions
 *   pc         insns      execs  insns*execs
 *   00008000       4         40          160
 * Blocks are keyed by their start address (a TB translated again after a
 * flush keeps counting in the same entry).  Ordering: instructions
 * executed, then address, so the output is deterministic.  All state
 * hangs off the struct allocated in install (no globals).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "traces/plugin-api.h"

COSIM_PLUGIN_EXPORT const uint32_t cosim_plugin_version = COSIM_PLUGIN_API_VERSION;

typedef struct block {
    uint64_t vaddr, insns, execs;
    struct block *next;
} block;

#define HB_BUCKETS 4096

typedef struct hotblocks {
    block *bucket[HB_BUCKETS];
    size_t n_blocks;
    unsigned top;
} hotblocks;

static void tb_exec(unsigned cpu, void *udata)
{
    (void)cpu;
    ((block *)udata)->execs++;
}

static void tb_trans(cosim_plugin_ctx *ctx, void *udata, cosim_plugin_tb *tb)
{
    (void)ctx;
    hotblocks *hb = udata;
    uint64_t pc = cosim_plugin_tb_vaddr(tb);
    block **b = &hb->bucket[(pc >> 1) % HB_BUCKETS];
    while (*b && (*b)->vaddr != pc)
        b = &(*b)->next;
    if (!*b) {
        *b = calloc(1, sizeof **b);
        if (!*b)
            return;
        (*b)->vaddr = pc;
        hb->n_blocks++;
    }
    (*b)->insns = cosim_plugin_tb_n_insns(tb);
    cosim_plugin_register_tb_exec_cb(tb, tb_exec, *b);
}

static int by_weight(const void *a, const void *b)
{
    const block *x = *(block *const *)a, *y = *(block *const *)b;
    uint64_t wx = x->insns * x->execs, wy = y->insns * y->execs;
    if (wx != wy)
        return wx > wy ? -1 : 1;
    return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static void at_exit(cosim_plugin_ctx *ctx, void *udata)
{
    hotblocks *hb = udata;
    block **all = calloc(hb->n_blocks ? hb->n_blocks : 1, sizeof *all);
    size_t n = 0;
    uint64_t total = 0;
    for (size_t i = 0; i < HB_BUCKETS; i++)
        for (block *b = hb->bucket[i]; b; b = b->next) {
            if (all)
                all[n++] = b;
            total += b->insns * b->execs;
        }
    char line[128];
    snprintf(line, sizeof line, "hotblocks: %zu blocks, %" PRIu64 " instructions\n", hb->n_blocks, total);
    cosim_plugin_outs(ctx, line);
    cosim_plugin_outs(ctx, "pc         insns      execs  insns*execs\n");
    if (all) {
        qsort(all, n, sizeof *all, by_weight);
        for (size_t i = 0; i < n && i < hb->top; i++) {
            snprintf(line, sizeof line, "%08" PRIx64 " %7" PRIu64 " %10" PRIu64 " %12" PRIu64 "\n",
                     all[i]->vaddr, all[i]->insns, all[i]->execs, all[i]->insns * all[i]->execs);
            cosim_plugin_outs(ctx, line);
        }
    }
    free(all);
    for (size_t i = 0; i < HB_BUCKETS; i++)
        for (block *b = hb->bucket[i], *nx; b; b = nx) {
            nx = b->next;
            free(b);
        }
    free(hb);
}

COSIM_PLUGIN_EXPORT int cosim_plugin_install(cosim_plugin_ctx *ctx, const cosim_plugin_info *info,
                                             int argc, char **argv)
{
    (void)info;
    hotblocks *hb = calloc(1, sizeof *hb);
    if (!hb)
        return -1;
    hb->top = 10;
    for (int i = 0; i < argc; i++) {
        if (!strncmp(argv[i], "top=", 4)) {
            char *end;
            long v = strtol(argv[i] + 4, &end, 10);
            if (*end || v <= 0) {
                free(hb);
                return -1;
            }
            hb->top = (unsigned)v;
        } else {
            free(hb);
            return -1;   /* unknown option */
        }
    }
    cosim_plugin_register_tb_trans_cb(ctx, tb_trans, hb);
    cosim_plugin_register_atexit_cb(ctx, at_exit, hb);
    return 0;
}
