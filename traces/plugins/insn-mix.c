/*
 * Example plugin: instruction mix.  Classifies each guest instruction at
 * translation time (ARM A32 and Thumb encodings, ARM ARM ARMv5 chapter
 * A3/A5 and Thumb chapter A6 opcode maps, coarse classes) and counts
 * executions per class with one execution callback per instruction.
 * Also counts loads and stores seen by memory callbacks, and exceptions.
 *
 *   -plugin build/plugins/insn-mix.so
 * Output:
 *   insn-mix: 170 instructions
 *   branch          10
 *   load/store      40
 *   ...
 *   memory: 30 reads, 10 writes; exceptions: 1
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "traces/plugin-api.h"

COSIM_PLUGIN_EXPORT const uint32_t cosim_plugin_version = COSIM_PLUGIN_API_VERSION;

enum { MIX_BRANCH, MIX_LDST, MIX_DP, MIX_MUL, MIX_SYS, MIX_OTHER, MIX_N };

static const char *const mix_names[MIX_N] = { "branch", "load/store", "data-processing", "multiply",
                                              "system", "other" };

typedef struct mix {
    uint64_t count[MIX_N];
    uint64_t reads, writes, exceptions;
} mix;

static int classify_a32(uint32_t op)
{
    uint32_t cond = op >> 28;
    if (cond == 0xf)
        return ((op >> 25) & 7) == 5 ? MIX_BRANCH : MIX_OTHER;   /* BLX imm */
    if ((op & 0x0ffffff0u) == 0x012fff10u || (op & 0x0ffffff0u) == 0x012fff30u)
        return MIX_BRANCH;                                        /* BX, BLX reg */
    switch ((op >> 25) & 7) {
    case 5: return MIX_BRANCH;
    case 4: return MIX_LDST;                                      /* LDM/STM */
    case 2: return MIX_LDST;
    case 3: return (op & 0x10) ? MIX_OTHER : MIX_LDST;            /* media space */
    case 6: return MIX_SYS;                                       /* coprocessor */
    case 7: return MIX_SYS;                                       /* CDP/MRC/MCR/SVC */
    case 0:
        if ((op & 0x0f0000f0u) == 0x00000090u || (op & 0x0f8000f0u) == 0x00800090u)
            return MIX_MUL;
        if ((op & 0x0fb00ff0u) == 0x01000090u)
            return MIX_LDST;                                      /* SWP */
        if ((op & 0x90) == 0x90)
            return MIX_LDST;                                      /* LDRH & co */
        if ((op & 0x0fb000f0u) == 0x01000000u || (op & 0x0fb000f0u) == 0x01200000u)
            return MIX_SYS;                                       /* MRS/MSR reg */
        return MIX_DP;
    case 1:
        if ((op & 0x0fb00000u) == 0x03200000u)
            return MIX_SYS;                                       /* MSR imm */
        return MIX_DP;
    }
    return MIX_OTHER;
}

static int classify_t16(uint32_t op)
{
    if ((op & 0xff00) == 0xdf00)
        return MIX_SYS;                                           /* SVC */
    if ((op >> 11) == 0x1c || (op >> 12) == 0xd || (op & 0xff00) == 0x4700)
        return MIX_BRANCH;                                        /* B, Bcc, BX/BLX */
    if ((op & 0xffc0) == 0x4340)
        return MIX_MUL;
    if ((op >> 11) == 0x9 || ((op >> 12) >= 5 && (op >> 12) <= 9) || (op >> 12) == 0xc ||
        (op & 0xf600) == 0xb400)
        return MIX_LDST;                                          /* LDR lit, LDR/STR, LDM, PUSH/POP */
    if ((op >> 13) <= 2 || (op >> 10) == 0x10 || (op >> 10) == 0x11 || (op >> 12) == 0xa ||
        (op & 0xff00) == 0xb000)
        return MIX_DP;
    return MIX_OTHER;
}

static int classify(bool thumb, size_t size, uint32_t op)
{
    if (!thumb)
        return classify_a32(op);
    if (size == 2)
        return classify_t16(op & 0xffff);
    if ((op & 0xf800c000u) == 0xf000c000u)
        return MIX_BRANCH;                                        /* Thumb BL/BLX */
    return MIX_OTHER;
}

static void insn_exec(unsigned cpu, void *udata)
{
    (void)cpu;
    (*(uint64_t *)udata)++;
}

static void mem_access(unsigned cpu, const cosim_plugin_mem_info *info, void *udata)
{
    (void)cpu;
    mix *m = udata;
    if (info->is_store)
        m->writes++;
    else
        m->reads++;
}

static void exception(unsigned cpu, const cosim_plugin_exc_info *info, void *udata)
{
    (void)cpu;
    (void)info;
    ((mix *)udata)->exceptions++;
}

static void tb_trans(cosim_plugin_ctx *ctx, void *udata, cosim_plugin_tb *tb)
{
    (void)ctx;
    mix *m = udata;
    size_t n = cosim_plugin_tb_n_insns(tb);
    for (size_t i = 0; i < n; i++) {
        cosim_plugin_insn *insn = cosim_plugin_tb_get_insn(tb, i);
        int c = classify(cosim_plugin_insn_thumb(insn), cosim_plugin_insn_size(insn),
                         cosim_plugin_insn_opcode(insn));
        cosim_plugin_register_insn_exec_cb(insn, insn_exec, &m->count[c]);
        if (c == MIX_LDST)
            cosim_plugin_register_mem_cb(insn, mem_access, COSIM_PLUGIN_MEM_RW, m);
    }
}

static void at_exit(cosim_plugin_ctx *ctx, void *udata)
{
    mix *m = udata;
    uint64_t total = 0;
    for (int i = 0; i < MIX_N; i++)
        total += m->count[i];
    char line[128];
    snprintf(line, sizeof line, "insn-mix: %" PRIu64 " instructions\n", total);
    cosim_plugin_outs(ctx, line);
    for (int i = 0; i < MIX_N; i++) {
        snprintf(line, sizeof line, "%-16s %" PRIu64 "\n", mix_names[i], m->count[i]);
        cosim_plugin_outs(ctx, line);
    }
    snprintf(line, sizeof line, "memory: %" PRIu64 " reads, %" PRIu64 " writes; exceptions: %" PRIu64 "\n",
             m->reads, m->writes, m->exceptions);
    cosim_plugin_outs(ctx, line);
    free(m);
}

COSIM_PLUGIN_EXPORT int cosim_plugin_install(cosim_plugin_ctx *ctx, const cosim_plugin_info *info,
                                             int argc, char **argv)
{
    (void)info;
    (void)argv;
    if (argc)
        return -1;   /* no options */
    mix *m = calloc(1, sizeof *m);
    if (!m)
        return -1;
    cosim_plugin_register_tb_trans_cb(ctx, tb_trans, m);
    cosim_plugin_register_exception_cb(ctx, exception, m);
    cosim_plugin_register_atexit_cb(ctx, at_exit, m);
    return 0;
}
