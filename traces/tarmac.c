/*
 * Tarmac writer (see tarmac.h for the lines and the invariants; the
 * format rules come from docs/tracing.md).
 */
#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "traces/tarmac.h"

void trace_tarmac_init(trace_tarmac *t, FILE *f, trace_tarmac_unit unit)
{
    memset(t, 0, sizeof *t);
    t->f = f;
    t->unit = unit;
}

bool trace_tarmac_unit_parse(const char *s, trace_tarmac_unit *out)
{
    if (!strcmp(s, "clk")) {
        *out = TRACE_TARMAC_CLK;
        return true;
    }
    if (!strcmp(s, "ns")) {
        *out = TRACE_TARMAC_NS;
        return true;
    }
    return false;
}

static uint64_t tm_time(const trace_tarmac *t, trace_time tm)
{
    return t->unit == TRACE_TARMAC_CLK ? tm.cycles : tm.ps / 1000u;
}

static const char *tm_unit(const trace_tarmac *t)
{
    return t->unit == TRACE_TARMAC_CLK ? "clk" : "ns";
}

/* The consumers' lexer accepts letters, digits and "_-.#" in a word. */
static void word_copy(char *dst, size_t len, const char *src, const char *fallback)
{
    size_t j = 0;
    if (!src || !*src)
        src = fallback;
    for (size_t i = 0; src[i] && j + 1 < len; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[j++] = (isalnum(c) || c == '_' || c == '-' || c == '.' || c == '#') ? (char)c : '_';
    }
    dst[j] = 0;
}

static void prefix(trace_tarmac *t, uint64_t time, uint16_t cpu)
{
    fprintf(t->f, "%" PRIu64 " %s ", time, tm_unit(t));
    if (t->cpu_prefix)
        fprintf(t->f, "cpu%u ", (unsigned)cpu);
}

static void line_end(trace_tarmac *t)
{
    if (fputc('\n', t->f) == EOF)
        t->io_error = true;
    t->lines++;
}

/* Address: 8 digits for 32-bit addresses, 16 above. */
static void put_addr(trace_tarmac *t, uint64_t a)
{
    if (a >> 32)
        fprintf(t->f, "%016" PRIx64, a);
    else
        fprintf(t->f, "%08" PRIx64, a);
}

void trace_tarmac_insn(trace_tarmac *t, const trace_insn *e)
{
    const char *iset;
    if (e->isa == TRACE_ISA_ARM)
        iset = "A";
    else if (e->isa == TRACE_ISA_THUMB)
        iset = "T";
    else {
        t->skipped++;
        return;
    }
    uint64_t time = tm_time(t, e->time);
    t->have_insn = true;
    t->insn_time = time;
    t->insn_cpu = e->cpu;

    char mode[32], dis[256];
    word_copy(mode, sizeof mode, e->mode, "unknown");
    trace_insn_disas(e, dis, sizeof dis);
    for (char *p = dis; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    const char *d = dis;
    while (*d == ' ')
        d++;
    prefix(t, time, e->cpu);
    fprintf(t->f, "%s (%" PRIu64 ") ", e->executed ? "IT" : "IS", e->count);
    put_addr(t, e->pc);
    if (e->phys_pc != e->pc) {
        fputc(':', t->f);
        put_addr(t, e->phys_pc);
    }
    if (e->size == 2)
        fprintf(t->f, " %04" PRIx32, e->opcode & 0xffffu);
    else
        fprintf(t->f, " %08" PRIx32, e->opcode);
    /* A disassembly starting with '{' or '*' is a lexer error for the
     * consumers; an empty one would leave nothing to show. */
    const char *lead = "";
    if (!*d)
        d = "<undefined>";
    else if (*d == '{' || *d == '*')
        lead = "<?> ";
    fprintf(t->f, " %s %s : %s%s", iset, mode, lead, d);
    line_end(t);
}

void trace_tarmac_reg(trace_tarmac *t, const trace_reg *e)
{
    char name[32];
    word_copy(name, sizeof name, e->name, "unknown");
    prefix(t, t->have_insn ? t->insn_time : tm_time(t, e->time), e->cpu);
    if (e->width > 32)
        fprintf(t->f, "R %s %016" PRIx64, name, e->value);
    else
        fprintf(t->f, "R %s %08" PRIx32, name, (uint32_t)e->value);
    line_end(t);
}

void trace_tarmac_mem(trace_tarmac *t, const trace_mem *e)
{
    unsigned size = e->size;
    if (size != 1 && size != 2 && size != 4 && size != 8)
        size = 4;
    uint64_t v = size == 8 ? e->value : e->value & ((1ull << (8 * size)) - 1);
    prefix(t, t->have_insn ? t->insn_time : tm_time(t, e->time), e->cpu);
    fprintf(t->f, "M%c%u ", e->is_write ? 'W' : 'R', size);
    put_addr(t, e->vaddr);
    if (e->paddr != e->vaddr) {
        fputc(':', t->f);
        put_addr(t, e->paddr);
    }
    fprintf(t->f, " %0*" PRIx64, (int)(2 * size), v);
    line_end(t);
}

void trace_tarmac_exc(trace_tarmac *t, const trace_exc *e)
{
    char name[48];
    word_copy(name, sizeof name, e->name, "EXCEPTION");
    uint64_t time = tm_time(t, e->time);
    /* Registers written by the exception entry (CPSR, SPSR, LR) follow
     * this line and carry its time. */
    t->have_insn = true;
    t->insn_time = time;
    prefix(t, time, e->cpu);
    fputs("E ", t->f);
    put_addr(t, e->return_addr);
    fprintf(t->f, " %08" PRIx32 " CoreEvent_%s", e->number, name);
    line_end(t);
}

bool trace_tarmac_finish(trace_tarmac *t)
{
    if (fflush(t->f) != 0 || ferror(t->f))
        t->io_error = true;
    return !t->io_error;
}

static void s_insn(void *o, const trace_insn *e) { trace_tarmac_insn(o, e); }
static void s_reg(void *o, const trace_reg *e) { trace_tarmac_reg(o, e); }
static void s_mem(void *o, const trace_mem *e) { trace_tarmac_mem(o, e); }
static void s_exc(void *o, const trace_exc *e) { trace_tarmac_exc(o, e); }
static bool s_finish(void *o) { return trace_tarmac_finish(o); }

static const trace_sink_ops tarmac_ops = {
    .name = "tarmac", .insn = s_insn, .reg = s_reg, .mem = s_mem, .exc = s_exc,
    .finish = s_finish,
};

trace_sink trace_tarmac_sink(trace_tarmac *t)
{
    return (trace_sink){ &tarmac_ops, t };
}
