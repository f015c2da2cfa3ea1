/*
 * cosim-trace: offline analysis of binary traces (traces/bintrace.h).
 *
 *   cosim-trace dump TRACE [--from N] [--limit N]   text, one event a line
 *   cosim-trace stats TRACE                         counts and time span
 *   cosim-trace tarmac TRACE [-o FILE] [--unit clk|ns]   convert (capstone disassembly)
 *   cosim-trace profile TRACE --elf FW.elf [--top N]     inclusive/exclusive cycles
 *   cosim-trace folded TRACE --elf FW.elf [-o FILE] [--insns]
 *   cosim-trace flamegraph TRACE --elf FW.elf -o OUT.svg [--insns]
 *   cosim-trace cache TRACE [--l1i SPEC] [--l1d SPEC] [--l2 SPEC] [--elf FW.elf] [--top N]
 *   cosim-trace report TRACE --elf FW.elf -o DIR
 * Exit status: 0 ok, 1 bad input (one line on stderr), 2 usage.
 * Cache SPEC: SIZE,LINE,WAYS,lru|fifo|random[,wb|wt][,wa|nwa] (traces/cache.h).
 */
#include <capstone/capstone.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "traces/bintrace.h"
#include "traces/cache.h"
#include "traces/elfsyms.h"
#include "traces/profile.h"
#include "traces/svg.h"
#include "traces/tarmac.h"

typedef struct opts {
    const char *cmd, *trace, *elf, *out, *l1i, *l1d, *l2, *unit;
    uint64_t from, limit;
    size_t top;
    bool insns;
} opts;

static int usage(void)
{
    fputs("usage: cosim-trace dump|stats|tarmac|profile|folded|flamegraph|cache|report TRACE [options]\n"
          "  --elf FW.elf  -o OUT  --top N  --insns  --unit clk|ns  --from N  --limit N\n"
          "  --l1i SPEC  --l1d SPEC  --l2 SPEC   (SPEC: SIZE,LINE,WAYS,lru|fifo|random[,wb|wt][,wa|nwa])\n",
          stderr);
    return 2;
}

static bool parse_opts(int argc, char **argv, opts *o)
{
    memset(o, 0, sizeof *o);
    o->top = 20;
    if (argc < 3)
        return false;
    o->cmd = argv[1];
    o->trace = argv[2];
    for (int i = 3; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define OPT(name, field) if (!strcmp(a, name)) { if (!v) return false; o->field = v; i++; continue; }
        OPT("--elf", elf) OPT("-o", out) OPT("--l1i", l1i) OPT("--l1d", l1d) OPT("--l2", l2)
        OPT("--unit", unit)
#undef OPT
        if (!strcmp(a, "--insns")) { o->insns = true; continue; }
        if ((!strcmp(a, "--top") || !strcmp(a, "--from") || !strcmp(a, "--limit")) && v) {
            char *end;
            unsigned long long n = strtoull(v, &end, 0);
            if (*end)
                return false;
            if (a[2] == 't') o->top = (size_t)n;
            else if (a[2] == 'f') o->from = n;
            else o->limit = n;
            i++;
            continue;
        }
        fprintf(stderr, "cosim-trace: unknown option '%s'\n", a);
        return false;
    }
    return true;
}

/* ---- disassembly through capstone ---------------------------------------- */

typedef struct disas {
    csh arm, thumb;
    bool ok;
} disas;

static void disas_insn(void *opaque, const trace_insn *e, char *buf, size_t len)
{
    disas *d = opaque;
    uint8_t b[4];
    size_t n;
    if (e->size == 2) {
        b[0] = (uint8_t)e->opcode; b[1] = (uint8_t)(e->opcode >> 8);
        n = 2;
    } else if (e->isa == TRACE_ISA_THUMB) {      /* first halfword first */
        b[0] = (uint8_t)(e->opcode >> 16); b[1] = (uint8_t)(e->opcode >> 24);
        b[2] = (uint8_t)e->opcode; b[3] = (uint8_t)(e->opcode >> 8);
        n = 4;
    } else {
        for (int i = 0; i < 4; i++)
            b[i] = (uint8_t)(e->opcode >> (8 * i));
        n = 4;
    }
    buf[0] = 0;
    if (!d->ok)
        return;
    cs_insn *insn;
    size_t cnt = cs_disasm(e->isa == TRACE_ISA_THUMB ? d->thumb : d->arm, b, n, e->pc, 1, &insn);
    if (cnt) {
        snprintf(buf, len, "%-8s %s", insn[0].mnemonic, insn[0].op_str);
        cs_free(insn, cnt);
    }
}

/* ---- dump and stats ------------------------------------------------------- */

typedef struct dump {
    FILE *f;
    uint64_t n, limit;
    disas *d;
} dump;

#define DUMP_CHECK(dp) do { if ((dp)->limit && (dp)->n >= (dp)->limit) return; (dp)->n++; } while (0)

static void d_insn(void *o, const trace_insn *e)
{
    dump *dp = o;
    DUMP_CHECK(dp);
    char dis[128];
    disas_insn(dp->d, e, dis, sizeof dis);
    fprintf(dp->f, "%" PRIu64 "c %" PRIu64 "ps cpu%u insn #%" PRIu64 " %08" PRIx64 " %0*" PRIx32 " %s %s%s%s %s\n",
            e->time.cycles, e->time.ps, e->cpu, e->count, e->pc, e->size == 2 ? 4 : 8, e->opcode,
            e->isa == TRACE_ISA_THUMB ? "T" : e->isa == TRACE_ISA_ARM ? "A" : "O", e->mode ? e->mode : "-",
            e->executed ? "" : " (cond failed)",
            e->branch == TRACE_BRANCH_CALL ? " [call]" : e->branch == TRACE_BRANCH_RETURN ? " [ret]" : "",
            dis);
}

static void d_reg(void *o, const trace_reg *e)
{
    dump *dp = o;
    DUMP_CHECK(dp);
    fprintf(dp->f, "%" PRIu64 "c %" PRIu64 "ps cpu%u reg %s = %0*" PRIx64 "\n", e->time.cycles, e->time.ps,
            e->cpu, e->name ? e->name : "?", e->width > 32 ? 16 : 8, e->value);
}

static void d_mem(void *o, const trace_mem *e)
{
    dump *dp = o;
    DUMP_CHECK(dp);
    fprintf(dp->f, "%" PRIu64 "c %" PRIu64 "ps cpu%u %s%u %08" PRIx64 " (pa %08" PRIx64 ") = %" PRIx64 "\n",
            e->time.cycles, e->time.ps, e->cpu, e->is_write ? "write" : "read", e->size, e->vaddr,
            e->paddr, e->value);
}

static void d_exc(void *o, const trace_exc *e)
{
    dump *dp = o;
    DUMP_CHECK(dp);
    fprintf(dp->f, "%" PRIu64 "c %" PRIu64 "ps cpu%u exception %u %s return %08" PRIx64 " handler %08" PRIx64 "\n",
            e->time.cycles, e->time.ps, e->cpu, e->number, e->name ? e->name : "?", e->return_addr,
            e->handler);
}

static void d_bus(void *o, const trace_bus *e)
{
    dump *dp = o;
    DUMP_CHECK(dp);
    fprintf(dp->f, "%" PRIu64 "ps bus %s -> %s %s%u %08" PRIx64 " = %" PRIx64 " lat %" PRIu64 "ps status %u\n",
            e->time_ps, e->initiator ? e->initiator : "?", e->target ? e->target : "?",
            e->is_write ? "W" : "R", e->size, e->addr, e->data, e->latency_ps, e->status);
}

static const trace_sink_ops dump_ops = { .name = "dump", .insn = d_insn, .reg = d_reg, .mem = d_mem,
                                         .exc = d_exc, .bus = d_bus };

typedef struct stats {
    uint64_t insns, failed, thumb, regs, reads, writes, rbytes, wbytes, excs, bus;
    uint64_t first_cycles, last_cycles, first_ps, last_ps, bus_latency;
    bool any;
} stats;

static void st_time(stats *s, trace_time t)
{
    if (!s->any) {
        s->first_cycles = t.cycles;
        s->first_ps = t.ps;
        s->any = true;
    }
    if (t.cycles > s->last_cycles) s->last_cycles = t.cycles;
    if (t.ps > s->last_ps) s->last_ps = t.ps;
}
static void s_insn(void *o, const trace_insn *e)
{
    stats *s = o;
    st_time(s, e->time);
    s->insns++;
    s->failed += !e->executed;
    s->thumb += e->isa == TRACE_ISA_THUMB;
}
static void s_reg(void *o, const trace_reg *e) { ((stats *)o)->regs++; (void)e; }
static void s_mem(void *o, const trace_mem *e)
{
    stats *s = o;
    if (e->is_write) { s->writes++; s->wbytes += e->size; }
    else { s->reads++; s->rbytes += e->size; }
}
static void s_exc(void *o, const trace_exc *e) { ((stats *)o)->excs++; (void)e; }
static void s_bus(void *o, const trace_bus *e) { stats *s = o; s->bus++; s->bus_latency += e->latency_ps; }

static const trace_sink_ops stats_ops = { .name = "stats", .insn = s_insn, .reg = s_reg, .mem = s_mem,
                                          .exc = s_exc, .bus = s_bus };

static void print_stats(FILE *f, const stats *s)
{
    fprintf(f, "instructions:        %" PRIu64 " (%" PRIu64 " condition failed, %" PRIu64 " Thumb)\n",
            s->insns, s->failed, s->thumb);
    fprintf(f, "cycles:              %" PRIu64 " .. %" PRIu64 "\n", s->first_cycles, s->last_cycles);
    fprintf(f, "simulated time:      %" PRIu64 " ps .. %" PRIu64 " ps\n", s->first_ps, s->last_ps);
    fprintf(f, "register writes:     %" PRIu64 "\n", s->regs);
    fprintf(f, "memory reads:        %" PRIu64 " (%" PRIu64 " bytes)\n", s->reads, s->rbytes);
    fprintf(f, "memory writes:       %" PRIu64 " (%" PRIu64 " bytes)\n", s->writes, s->wbytes);
    fprintf(f, "exceptions:          %" PRIu64 "\n", s->excs);
    fprintf(f, "bus transactions:    %" PRIu64 " (total latency %" PRIu64 " ps)\n", s->bus, s->bus_latency);
}

/* ---- tarmac conversion: capstone fills in the disassembly ----------------- */

typedef struct tarmac_fwd {
    trace_tarmac *t;
    disas *d;
} tarmac_fwd;

static void f_insn(void *o, const trace_insn *e)
{
    tarmac_fwd *fw = o;
    trace_insn c = *e;
    if (!c.disas_text && !c.disas) {
        c.disas = disas_insn;
        c.disas_opaque = fw->d;
    }
    trace_tarmac_insn(fw->t, &c);
}
static void f_reg(void *o, const trace_reg *e) { trace_tarmac_reg(((tarmac_fwd *)o)->t, e); }
static void f_mem(void *o, const trace_mem *e) { trace_tarmac_mem(((tarmac_fwd *)o)->t, e); }
static void f_exc(void *o, const trace_exc *e) { trace_tarmac_exc(((tarmac_fwd *)o)->t, e); }

static const trace_sink_ops fwd_ops = { .name = "tarmac", .insn = f_insn, .reg = f_reg, .mem = f_mem,
                                        .exc = f_exc };

/* ---- helpers --------------------------------------------------------------- */

static FILE *open_out(const char *path, FILE *dflt)
{
    if (!path)
        return dflt;
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "cosim-trace: %s: %s\n", path, strerror(errno));
    return f;
}

static bool close_out(FILE *f, FILE *dflt, const char *path)
{
    bool ok = fflush(f) == 0 && !ferror(f);
    if (f != dflt)
        ok = (fclose(f) == 0) && ok;
    if (!ok)
        fprintf(stderr, "cosim-trace: %s: write error\n", path ? path : "stdout");
    return ok;
}

static bool replay(trace_bin_reader *r, trace_sink s)
{
    if (!trace_bin_reader_replay(r, s)) {
        fprintf(stderr, "cosim-trace: %s\n", r->err);
        return false;
    }
    return true;
}

static bool load_syms(const opts *o, trace_symtab *t, bool required)
{
    trace_symtab_init(t);
    if (!o->elf) {
        if (required)
            fprintf(stderr, "cosim-trace: %s needs --elf FW.elf\n", o->cmd);
        return !required;
    }
    char err[256];
    if (!trace_symtab_load_elf(t, o->elf, err, sizeof err)) {
        fprintf(stderr, "cosim-trace: %s\n", err);
        return false;
    }
    return true;
}

static bool run_profile(trace_bin_reader *r, trace_profile *p, const trace_symtab *t)
{
    if (!trace_profile_init(p, t)) {
        fprintf(stderr, "cosim-trace: out of memory\n");
        return false;
    }
    stats st = { 0 };
    trace_hub hub;
    trace_hub_init(&hub);
    if (!trace_hub_add(&hub, trace_profile_sink(p)) || !trace_hub_add(&hub, (trace_sink){ &stats_ops, &st }))
        return false;
    if (!replay(r, trace_hub_as_sink(&hub)))
        return false;
    if (!trace_profile_finish(p, 0)) {
        fprintf(stderr, "cosim-trace: out of memory\n");
        return false;
    }
    return true;
}

static long sym_lookup(void *opaque, uint64_t pc)
{
    return trace_symtab_lookup(opaque, pc);
}

static void print_cache_level(FILE *f, const trace_cache *c)
{
    uint64_t acc = c->st.reads + c->st.writes, miss = c->st.read_misses + c->st.write_misses;
    fprintf(f, "%-4s %8u B %4u B/line %2u-way %-6s: %10" PRIu64 " accesses %10" PRIu64
               " misses (%6.2f%%), %" PRIu64 " write-backs\n",
            c->name, c->cfg.size, c->cfg.line, c->cfg.ways,
            c->cfg.policy == TRACE_CACHE_LRU ? "lru" : c->cfg.policy == TRACE_CACHE_FIFO ? "fifo" : "random",
            acc, miss, acc ? 100.0 * (double)miss / (double)acc : 0.0, c->st.writebacks);
}

typedef struct fn_miss {
    size_t i;
    uint64_t misses;
} fn_miss;

static int by_misses(const void *a, const void *b)
{
    const fn_miss *x = a, *y = b;
    if (x->misses != y->misses)
        return x->misses > y->misses ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int cmd_cache(trace_bin_reader *r, const opts *o)
{
    trace_cache_config c1i, c1d, c2;
    char err[256];
    if (!o->l1i && !o->l1d && !o->l2) {
        fprintf(stderr, "cosim-trace: cache needs at least one of --l1i, --l1d, --l2\n");
        return 2;
    }
    if ((o->l1i && !trace_cache_parse(o->l1i, &c1i, err, sizeof err)) ||
        (o->l1d && !trace_cache_parse(o->l1d, &c1d, err, sizeof err)) ||
        (o->l2 && !trace_cache_parse(o->l2, &c2, err, sizeof err))) {
        fprintf(stderr, "cosim-trace: %s\n", err);
        return 1;
    }
    trace_symtab t;
    if (!load_syms(o, &t, false))
        return 1;
    trace_cache_hier h;
    if (!trace_cache_hier_init(&h, o->l1i ? &c1i : NULL, o->l1d ? &c1d : NULL, o->l2 ? &c2 : NULL,
                               sym_lookup, &t, t.n, err, sizeof err)) {
        fprintf(stderr, "cosim-trace: %s\n", err);
        trace_symtab_free(&t);
        return 1;
    }
    int rc = 1;
    if (replay(r, trace_cache_hier_sink(&h))) {
        if (h.has_l1i) print_cache_level(stdout, &h.l1i);
        if (h.has_l1d) print_cache_level(stdout, &h.l1d);
        if (h.has_l2) print_cache_level(stdout, &h.l2);
        fn_miss *rows = malloc((t.n + 1) * sizeof *rows);
        if (rows) {
            size_t k = 0;
            for (size_t i = 0; i <= t.n; i++) {
                uint64_t m = h.fn[i].i_misses + h.fn[i].d_misses;
                if (h.fn[i].i_accesses + h.fn[i].d_accesses)
                    rows[k++] = (fn_miss){ i, m };
            }
            qsort(rows, k, sizeof *rows, by_misses);
            printf("\n%10s %10s %10s %10s %10s  %s\n", "I-access", "I-miss", "D-access", "D-miss",
                   "L2-miss", "Function");
            for (size_t j = 0; j < k && j < o->top; j++) {
                const trace_cache_fn_stats *s = &h.fn[rows[j].i];
                printf("%10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64 "  %s\n",
                       s->i_accesses, s->i_misses, s->d_accesses, s->d_misses, s->l2_misses,
                       rows[j].i < t.n ? t.syms[rows[j].i].name : "[unknown]");
            }
            free(rows);
        }
        rc = 0;
    }
    trace_cache_hier_free(&h);
    trace_symtab_free(&t);
    return rc;
}

typedef struct fn_excl {
    size_t i;
    uint64_t v;
} fn_excl;

static int by_v(const void *a, const void *b)
{
    const fn_excl *x = a, *y = b;
    if (x->v != y->v)
        return x->v > y->v ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int cmd_report(trace_bin_reader *r, const opts *o)
{
    if (!o->out) {
        fprintf(stderr, "cosim-trace: report needs -o DIR\n");
        return 2;
    }
    if (mkdir(o->out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "cosim-trace: %s: %s\n", o->out, strerror(errno));
        return 1;
    }
    trace_symtab t;
    if (!load_syms(o, &t, true))
        return 1;
    trace_profile p;
    stats st = { 0 };
    int rc = 1;
    if (!trace_profile_init(&p, &t))
        goto out_syms;
    trace_hub hub;
    trace_hub_init(&hub);
    if (!trace_hub_add(&hub, trace_profile_sink(&p)) || !trace_hub_add(&hub, (trace_sink){ &stats_ops, &st }))
        goto out;
    if (!replay(r, trace_hub_as_sink(&hub)) || !trace_profile_finish(&p, 0))
        goto out;
    char path[4096];
    /* summary.txt */
    snprintf(path, sizeof path, "%s/summary.txt", o->out);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "cosim-trace: %s: %s\n", path, strerror(errno));
        goto out;
    }
    fprintf(f, "Trace %s (%s)\n\n", o->trace, o->elf);
    print_stats(f, &st);
    fprintf(f, "\nWhere time goes (cycles):\n");
    trace_profile_write_table(&p, f, o->top);
    if (!close_out(f, NULL, path))
        goto out;
    /* top-functions.svg: exclusive cycles */
    size_t nf = t.n + 1, k = 0;
    fn_excl *rows = malloc(nf * sizeof *rows);
    const char **labels = malloc(nf * sizeof *labels);
    uint64_t *vals = malloc(nf * sizeof *vals);
    if (!rows || !labels || !vals) {
        free(rows); free(labels); free(vals);
        goto out;
    }
    for (size_t i = 0; i < nf; i++)
        if (p.fn[i].excl_cycles)
            rows[k++] = (fn_excl){ i, p.fn[i].excl_cycles };
    qsort(rows, k, sizeof *rows, by_v);
    if (k > o->top)
        k = o->top;
    for (size_t j = 0; j < k; j++) {
        labels[j] = trace_profile_fn_name(&p, (long)rows[j].i);
        vals[j] = rows[j].v;
    }
    snprintf(path, sizeof path, "%s/top-functions.svg", o->out);
    f = fopen(path, "w");
    bool ok = f != NULL;
    if (f) {
        trace_svg_bars(f, "Exclusive cycles per function", labels, vals, k, "cycles");
        ok = close_out(f, NULL, path);
    }
    free(rows); free(labels); free(vals);
    if (!ok)
        goto out;
    snprintf(path, sizeof path, "%s/flamegraph.svg", o->out);
    f = fopen(path, "w");
    if (!f)
        goto out;
    trace_svg_flamegraph(&p, f, o->trace, false);
    if (!close_out(f, NULL, path))
        goto out;
    snprintf(path, sizeof path, "%s/folded.txt", o->out);
    f = fopen(path, "w");
    if (!f)
        goto out;
    trace_profile_write_folded(&p, f, false);
    if (!close_out(f, NULL, path))
        goto out;
    printf("%s/summary.txt %s/top-functions.svg %s/flamegraph.svg %s/folded.txt\n", o->out, o->out,
           o->out, o->out);
    rc = 0;
out:
    trace_profile_free(&p);
out_syms:
    trace_symtab_free(&t);
    return rc;
}

int main(int argc, char **argv)
{
    opts o;
    if (!parse_opts(argc, argv, &o))
        return usage();
    static const char *const cmds[] = { "dump", "stats", "tarmac", "profile", "folded", "flamegraph",
                                        "cache", "report" };
    bool known = false;
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        known |= !strcmp(o.cmd, cmds[i]);
    if (!known) {
        fprintf(stderr, "cosim-trace: unknown command '%s'\n", o.cmd);
        return usage();
    }
    FILE *tf = fopen(o.trace, "rb");
    if (!tf) {
        fprintf(stderr, "cosim-trace: %s: %s\n", o.trace, strerror(errno));
        return 1;
    }
    trace_bin_reader r;
    char err[256];
    if (!trace_bin_reader_open(&r, tf, err, sizeof err)) {
        fprintf(stderr, "cosim-trace: %s: %s\n", o.trace, err);
        fclose(tf);
        return 1;
    }
    disas d = { 0 };
    d.ok = cs_open(CS_ARCH_ARM, CS_MODE_ARM, &d.arm) == CS_ERR_OK;
    d.ok = d.ok && cs_open(CS_ARCH_ARM, CS_MODE_THUMB, &d.thumb) == CS_ERR_OK;
    int rc = 0;
    if (!strcmp(o.cmd, "dump")) {
        dump dp = { stdout, 0, o.limit, &d };
        if (o.from && !trace_bin_reader_seek_count(&r, o.from)) {
            fprintf(stderr, "cosim-trace: %s\n", r.err);
            rc = 1;
        } else {
            rc = replay(&r, (trace_sink){ &dump_ops, &dp }) ? 0 : 1;
        }
    } else if (!strcmp(o.cmd, "stats")) {
        stats st = { 0 };
        rc = replay(&r, (trace_sink){ &stats_ops, &st }) ? 0 : 1;
        if (!rc)
            print_stats(stdout, &st);
    } else if (!strcmp(o.cmd, "tarmac")) {
        trace_tarmac_unit unit = TRACE_TARMAC_CLK;
        if (o.unit && !trace_tarmac_unit_parse(o.unit, &unit)) {
            fprintf(stderr, "cosim-trace: --unit must be clk or ns\n");
            rc = 2;
        } else {
            FILE *out = open_out(o.out, stdout);
            if (!out) {
                rc = 1;
            } else {
                trace_tarmac t;
                trace_tarmac_init(&t, out, unit);
                tarmac_fwd fw = { &t, &d };
                rc = replay(&r, (trace_sink){ &fwd_ops, &fw }) ? 0 : 1;
                if (t.skipped)
                    fprintf(stderr, "cosim-trace: %" PRIu64 " non-ARM instructions left out\n", t.skipped);
                if (!close_out(out, stdout, o.out))
                    rc = 1;
            }
        }
    } else if (!strcmp(o.cmd, "cache")) {
        rc = cmd_cache(&r, &o);
    } else if (!strcmp(o.cmd, "report")) {
        rc = cmd_report(&r, &o);
    } else {
        /* profile, folded, flamegraph */
        trace_symtab t;
        trace_profile p;
        if (!load_syms(&o, &t, true)) {
            rc = 1;
        } else {
            if (!run_profile(&r, &p, &t)) {
                rc = 1;
            } else {
                FILE *out = open_out(o.out, stdout);
                if (!strcmp(o.cmd, "flamegraph") && !o.out) {
                    fprintf(stderr, "cosim-trace: flamegraph needs -o OUT.svg\n");
                    rc = 2;
                } else if (!out) {
                    rc = 1;
                } else {
                    if (!strcmp(o.cmd, "profile"))
                        trace_profile_write_table(&p, out, o.top);
                    else if (!strcmp(o.cmd, "folded"))
                        trace_profile_write_folded(&p, out, o.insns);
                    else
                        trace_svg_flamegraph(&p, out, o.trace, o.insns);
                    rc = close_out(out, stdout, o.out) ? 0 : 1;
                }
            }
            trace_profile_free(&p);
        }
        trace_symtab_free(&t);
    }
    if (d.ok) {
        cs_close(&d.arm);
        cs_close(&d.thumb);
    }
    trace_bin_reader_close(&r);
    fclose(tf);
    return rc;
}
