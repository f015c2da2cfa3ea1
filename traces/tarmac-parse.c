/*
 * Strict Tarmac parser (rules in tarmac-parse.h).  A tiny lexer in the
 * style the consumers use: words of [A-Za-z0-9_.#-], single-character
 * punctuation ":()[],<>", anything else is an error before the
 * disassembly starts.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "traces/tarmac-parse.h"

typedef struct lexer {
    const char *s;
    size_t pos, len;
} lexer;

typedef struct token {
    size_t start, end;
    char punct;               /* 0: word or end of line */
} token;

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.' || c == '#';
}

/* false on a character the consumers cannot lex */
static bool lex(lexer *l, token *t)
{
    while (l->pos < l->len && isspace((unsigned char)l->s[l->pos]))
        l->pos++;
    t->start = l->pos;
    t->punct = 0;
    if (l->pos == l->len) {
        t->end = l->pos;
        return true;
    }
    char c = l->s[l->pos];
    if (strchr(":()[],<>", c)) {
        t->punct = c;
        t->end = ++l->pos;
        return true;
    }
    while (l->pos < l->len && word_char(l->s[l->pos]))
        l->pos++;
    t->end = l->pos;
    return t->end > t->start;
}

static bool is_eol(const token *t) { return !t->punct && t->end == t->start; }
static bool is_word(const token *t) { return !t->punct && t->end > t->start; }
static size_t tlen(const token *t) { return t->end - t->start; }

static bool word_eq(const lexer *l, const token *t, const char *w)
{
    return is_word(t) && tlen(t) == strlen(w) && !memcmp(l->s + t->start, w, tlen(t));
}

static bool all_of(const lexer *l, const token *t, const char *set)
{
    if (!is_word(t))
        return false;
    for (size_t i = t->start; i < t->end; i++)
        if (!strchr(set, l->s[i]))
            return false;
    return true;
}

static const char HEX[] = "0123456789abcdefABCDEF";
static const char DEC[] = "0123456789";

static uint64_t tval(const lexer *l, const token *t, int base)
{
    char buf[40];
    size_t n = tlen(t) < sizeof buf - 1 ? tlen(t) : sizeof buf - 1;
    memcpy(buf, l->s + t->start, n);
    buf[n] = 0;
    return strtoull(buf, NULL, base);
}

static void tcopy(const lexer *l, const token *t, char *dst, size_t len)
{
    size_t n = tlen(t) < len - 1 ? tlen(t) : len - 1;
    memcpy(dst, l->s + t->start, n);
    dst[n] = 0;
}

__attribute__((format(printf, 4, 5)))
static int fail(const trace_tarmac_parser *p, char *err, size_t err_len, const char *fmt, ...)
{
    int n = snprintf(err, err_len, "line %llu: ", (unsigned long long)p->line_no);
    if (n >= 0 && (size_t)n < err_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + n, err_len - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void trace_tarmac_parser_init(trace_tarmac_parser *p)
{
    memset(p, 0, sizeof *p);
}

static const char *const UNITS[] = { "clk", "ns", "cs", "cyc", "tic", "ps", "us" };

static bool is_unit(const lexer *l, const token *t)
{
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++)
        if (word_eq(l, t, UNITS[i]))
            return true;
    return false;
}

/* Registers whose value is 32 bits in AArch32 state. */
static bool is_core32(const char *name)
{
    if (name[0] == 'r' && isdigit((unsigned char)name[1])) {
        char *end;
        unsigned long n = strtoul(name + 1, &end, 10);
        return n <= 15 && (*end == 0 || *end == '_');
    }
    static const char *const names[] = { "sp", "lr", "pc", "cpsr", "spsr" };
    for (size_t i = 0; i < 5; i++) {
        size_t k = strlen(names[i]);
        if (!strncmp(name, names[i], k) && (name[k] == 0 || name[k] == '_'))
            return true;
    }
    return false;
}

#define NEXT()                                                                   \
    do {                                                                         \
        if (!lex(&l, &t))                                                        \
            return fail(p, err, err_len, "character '%c' at column %zu cannot be lexed", \
                        l.s[l.pos], l.pos + 1);                                  \
    } while (0)

int trace_tarmac_parse_line(trace_tarmac_parser *p, const char *line, trace_tarmac_event *ev,
                            char *err, size_t err_len)
{
    lexer l = { line, 0, strlen(line) };
    token t;
    p->line_no++;
    while (l.len && (line[l.len - 1] == '\r' || line[l.len - 1] == '\n'))
        l.len--;
    memset(ev, 0, sizeof *ev);
    ev->cpu = -1;
    NEXT();
    if (is_eol(&t))
        return 0;

    uint64_t time = p->time;
    if (all_of(&l, &t, DEC)) {
        time = tval(&l, &t, 10);
        NEXT();
        if (is_unit(&l, &t)) {
            tcopy(&l, &t, ev->unit, sizeof ev->unit);
            NEXT();
        }
        if (time < p->time)
            return fail(p, err, err_len, "time %llu goes backwards (previous %llu)",
                        (unsigned long long)time, (unsigned long long)p->time);
    }
    p->time = time;
    ev->time = time;

    if (is_word(&t) && tlen(&t) > 3 && !memcmp(l.s + t.start, "cpu", 3)) {
        if (!all_of(&l, &(token){ t.start + 3, t.end, 0 }, DEC))
            return fail(p, err, err_len, "bad cpu token");
        ev->cpu = (int)strtol(l.s + t.start + 3, NULL, 10);
        NEXT();
    }

    if (word_eq(&l, &t, "IT") || word_eq(&l, &t, "IS")) {
        ev->kind = TRACE_TARMAC_EV_INSN;
        ev->executed = word_eq(&l, &t, "IT");
        NEXT();
        if (t.punct != '(')
            return fail(p, err, err_len, "expected '(' and an instruction counter");
        NEXT();
        if (!all_of(&l, &t, DEC))
            return fail(p, err, err_len, "expected a decimal instruction counter");
        ev->count = tval(&l, &t, 10);
        NEXT();
        if (t.punct != ')')
            return fail(p, err, err_len, "expected ')' after the counter");
        NEXT();
        if (!all_of(&l, &t, HEX))
            return fail(p, err, err_len, "expected a hex instruction address");
        ev->addr = tval(&l, &t, 16);
        NEXT();
        if (t.punct == ':') {
            NEXT();
            if (!all_of(&l, &t, HEX))
                return fail(p, err, err_len, "expected a hex physical address after ':'");
            ev->phys = tval(&l, &t, 16);
            ev->has_phys = true;
            NEXT();
        }
        if (!all_of(&l, &t, HEX) || (tlen(&t) != 4 && tlen(&t) != 8))
            return fail(p, err, err_len, "expected a 4- or 8-digit hex encoding");
        ev->encoding = (uint32_t)tval(&l, &t, 16);
        ev->enc_bits = (unsigned)tlen(&t) * 4;
        NEXT();
        if (!(word_eq(&l, &t, "A") || word_eq(&l, &t, "T") || word_eq(&l, &t, "T16") ||
              word_eq(&l, &t, "T32") || word_eq(&l, &t, "O")))
            return fail(p, err, err_len, "expected instruction set A, T, T16, T32 or O");
        tcopy(&l, &t, ev->iset, sizeof ev->iset);
        NEXT();
        if (!is_word(&t))
            return fail(p, err, err_len, "expected a CPU mode word");
        tcopy(&l, &t, ev->mode, sizeof ev->mode);
        NEXT();
        if (t.punct != ':')
            return fail(p, err, err_len, "expected ':' before the disassembly");
        /* the consumers lex the first token of the disassembly */
        size_t save = l.pos;
        while (save < l.len && isspace((unsigned char)l.s[save]))
            save++;
        if (save < l.len && (l.s[save] == '{' || l.s[save] == '*'))
            return fail(p, err, err_len, "disassembly starts with '%c'", l.s[save]);
        size_t end = l.len;
        while (end > save && isspace((unsigned char)l.s[end - 1]))
            end--;
        size_t n = end - save < sizeof ev->disas - 1 ? end - save : sizeof ev->disas - 1;
        memcpy(ev->disas, l.s + save, n);
        ev->disas[n] = 0;
        p->have_insn = true;
        p->insn_time = time;
        return 1;
    }

    if (word_eq(&l, &t, "R")) {
        ev->kind = TRACE_TARMAC_EV_REG;
        NEXT();
        if (!is_word(&t))
            return fail(p, err, err_len, "expected a register name");
        tcopy(&l, &t, ev->reg, sizeof ev->reg);
        NEXT();
        if (!all_of(&l, &t, HEX))
            return fail(p, err, err_len, "expected a hex register value");
        ev->value_digits = (unsigned)tlen(&t);
        ev->value = tval(&l, &t, 16);
        if (is_core32(ev->reg) && ev->value_digits != 8)
            return fail(p, err, err_len, "register %s needs exactly 8 hex digits, got %u",
                        ev->reg, ev->value_digits);
        if (ev->value_digits % 2 || ev->value_digits > 16)
            return fail(p, err, err_len, "register value is not a whole number of bytes");
        NEXT();
        if (!is_eol(&t))
            return fail(p, err, err_len, "unexpected text after the register value");
        if (p->have_insn && time != p->insn_time)
            return fail(p, err, err_len, "R line time %llu differs from its instruction's %llu",
                        (unsigned long long)time, (unsigned long long)p->insn_time);
        return 1;
    }

    if (is_word(&t) && tlen(&t) == 3 && l.s[t.start] == 'M' &&
        (l.s[t.start + 1] == 'R' || l.s[t.start + 1] == 'W') &&
        strchr("1248", l.s[t.start + 2])) {
        ev->kind = TRACE_TARMAC_EV_MEM;
        ev->is_write = l.s[t.start + 1] == 'W';
        ev->size = (unsigned)(l.s[t.start + 2] - '0');
        NEXT();
        if (!all_of(&l, &t, HEX))
            return fail(p, err, err_len, "expected a hex memory address");
        ev->addr = tval(&l, &t, 16);
        NEXT();
        if (t.punct == ':') {
            NEXT();
            if (!all_of(&l, &t, HEX))
                return fail(p, err, err_len, "expected a hex physical address after ':'");
            ev->phys = tval(&l, &t, 16);
            ev->has_phys = true;
            NEXT();
        }
        if (!all_of(&l, &t, HEX) || tlen(&t) != 2 * ev->size)
            return fail(p, err, err_len, "expected %u hex digits of memory data", 2 * ev->size);
        ev->value = tval(&l, &t, 16);
        NEXT();
        if (!is_eol(&t))
            return fail(p, err, err_len, "unexpected text after the memory data");
        if (p->have_insn && time != p->insn_time)
            return fail(p, err, err_len, "memory line time differs from its instruction's");
        return 1;
    }

    if (word_eq(&l, &t, "E")) {
        ev->kind = TRACE_TARMAC_EV_EXC;
        NEXT();
        if (is_eol(&t))
            return fail(p, err, err_len, "expected exception details after E");
        size_t n = l.len - t.start < sizeof ev->text - 1 ? l.len - t.start : sizeof ev->text - 1;
        memcpy(ev->text, l.s + t.start, n);
        ev->text[n] = 0;
        p->have_insn = true;
        p->insn_time = time;
        return 1;
    }

    if (is_word(&t)) {
        char w[32];
        tcopy(&l, &t, w, sizeof w);
        return fail(p, err, err_len, "unknown event type '%s'", w);
    }
    return fail(p, err, err_len, "expected an event type");
}

bool trace_tarmac_parse_stream(FILE *f, trace_tarmac_event_fn fn, void *opaque,
                               char *err, size_t err_len)
{
    trace_tarmac_parser p;
    trace_tarmac_parser_init(&p);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool ok = true;
    trace_tarmac_event ev;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] != '\n') {
            p.line_no++;
            fail(&p, err, err_len, "last line has no newline (truncated trace)");
            ok = false;
            break;
        }
        int r = trace_tarmac_parse_line(&p, line, &ev, err, err_len);
        if (r < 0) {
            ok = false;
            break;
        }
        if (r > 0 && fn)
            fn(opaque, &ev);
    }
    free(line);
    return ok;
}
