/*
 * SerialICE forwarding rules: parser and matcher (syntax in rules.h).
 *
 * The parser never trusts its input: every number must be consumed whole,
 * ranges must be non-empty and must not wrap, I/O ports stop at 0xffff,
 * and every error says which token is wrong and what was expected.
 */
#include "serialice/rules.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULE_MAX_LINE 512

void sice_rules_init(sice_rules *r)
{
    memset(r, 0, sizeof *r);
}

void sice_rules_free(sice_rules *r)
{
    free(r->v);
    memset(r, 0, sizeof *r);
}

static bool number(const char *s, uint64_t *out)
{
    if (!*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static sice_status parse_range(sice_rule *rule, char *tok, char *err, size_t errlen)
{
    const char *orig = tok;
    uint64_t limit = ~0ull;
    if (strncmp(tok, "io:", 3) == 0) {
        rule->space = SICE_SPACE_IO;
        limit = 0xffff;
        tok += 3;
    }
    if (strcmp(tok, "all") == 0) {
        rule->first = 0;
        rule->last = limit;
        return SICE_OK;
    }
    char *op = strpbrk(tok, "+-");
    uint64_t a, b;
    if (!op) {
        if (!number(tok, &a))
            return sice_arg_error(err, errlen, "bad address '%s' (want START+SIZE, FIRST-LAST, ADDR or "
                        "all, optionally after io:)", orig);
        rule->first = rule->last = a;
    } else {
        char kind = *op;
        *op = '\0';
        bool ok = number(tok, &a) && number(op + 1, &b);
        *op = kind;
        if (!ok)
            return sice_arg_error(err, errlen, "bad range '%s' (want START+SIZE or FIRST-LAST, numbers "
                        "like 0x101f1000)", orig);
        if (kind == '+') {
            if (b == 0)
                return sice_arg_error(err, errlen, "empty range '%s' (size 0)", orig);
            if (a + (b - 1) < a)
                return sice_arg_error(err, errlen, "range '%s' wraps past the end of the address space",
                            orig);
            rule->first = a;
            rule->last = a + (b - 1);
        } else {
            if (b < a)
                return sice_arg_error(err, errlen, "range '%s' ends before it starts", orig);
            rule->first = a;
            rule->last = b;
        }
    }
    if (rule->last > limit)
        return sice_arg_error(err, errlen, "I/O range '%s' goes past port 0xffff", orig);
    return SICE_OK;
}

/* Parse one rule from a writable, already comment-stripped line. */
static sice_status parse_rule(sice_rule *rule, char *line, char *err, size_t errlen)
{
    memset(rule, 0, sizeof *rule);
    rule->route = SICE_ROUTE_HW;
    bool have_mask = false, have_value = false, have_on = false;
    char *save = NULL;
    char *tok = strtok_r(line, ", \t\r\n", &save);
    if (!tok)
        return sice_arg_error(err, errlen, "empty rule");
    sice_status st = parse_range(rule, tok, err, errlen);
    if (st != SICE_OK)
        return st;
    while ((tok = strtok_r(NULL, ", \t\r\n", &save)) != NULL) {
        char *eq = strchr(tok, '=');
        if (!eq)
            return sice_arg_error(err, errlen, "expected KEY=VALUE, got '%s' (keys: to, mask, value, on, "
                        "name)", tok);
        *eq = '\0';
        const char *key = tok, *val = eq + 1;
        if (strcmp(key, "to") == 0) {
            if (strcmp(val, "hw") == 0)
                rule->route = SICE_ROUTE_HW;
            else if (strcmp(val, "sim") == 0)
                rule->route = SICE_ROUTE_SIM;
            else if (strcmp(val, "both") == 0)
                rule->route = SICE_ROUTE_BOTH;
            else
                return sice_arg_error(err, errlen, "bad to=%s (want hw, sim or both)", val);
        } else if (strcmp(key, "mask") == 0) {
            if (!number(val, &rule->mask))
                return sice_arg_error(err, errlen, "bad mask=%s (want a number)", val);
            have_mask = true;
        } else if (strcmp(key, "value") == 0) {
            if (!number(val, &rule->value))
                return sice_arg_error(err, errlen, "bad value=%s (want a number)", val);
            have_value = true;
        } else if (strcmp(key, "on") == 0) {
            if (strcmp(val, "read") == 0)
                rule->rewrite_on = SICE_REWRITE_READ;
            else if (strcmp(val, "write") == 0)
                rule->rewrite_on = SICE_REWRITE_WRITE;
            else if (strcmp(val, "rw") == 0)
                rule->rewrite_on = SICE_REWRITE_READ | SICE_REWRITE_WRITE;
            else
                return sice_arg_error(err, errlen, "bad on=%s (want read, write or rw)", val);
            have_on = true;
        } else if (strcmp(key, "name") == 0) {
            size_t n = strlen(val);
            if (n == 0 || n >= sizeof rule->name)
                return sice_arg_error(err, errlen, "bad name=%s (1 to %zu characters)", val,
                            sizeof rule->name - 1);
            for (size_t i = 0; i < n; i++)
                if (!isalnum((unsigned char)val[i]) && !strchr("_.-", val[i]))
                    return sice_arg_error(err, errlen, "bad name=%s (letters, digits, '_', '.', '-')",
                                val);
            memcpy(rule->name, val, n + 1);
        } else {
            return sice_arg_error(err, errlen, "unknown option '%s' (keys: to, mask, value, on, name)",
                        key);
        }
    }
    if (have_mask != have_value)
        return sice_arg_error(err, errlen, "mask= and value= go together (bits under mask are forced "
                    "to value)");
    if (have_on && !have_mask)
        return sice_arg_error(err, errlen, "on= needs mask= and value=");
    if (have_mask) {
        rule->rewrite = true;
        if (!have_on)
            rule->rewrite_on = SICE_REWRITE_READ | SICE_REWRITE_WRITE;
        if (rule->value & ~rule->mask)
            return sice_arg_error(err, errlen, "value=0x%llx has bits outside mask=0x%llx",
                        (unsigned long long)rule->value, (unsigned long long)rule->mask);
    }
    if (!rule->name[0])
        snprintf(rule->name, sizeof rule->name, "%s", rule->space == SICE_SPACE_IO ? "IO" : "MEM");
    return SICE_OK;
}

static sice_status push(sice_rules *r, const sice_rule *rule)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        sice_rule *v = realloc(r->v, cap * sizeof *v);
        if (!v)
            return SICE_ERR_IO;
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = *rule;
    return SICE_OK;
}

sice_status sice_rules_add(sice_rules *r, const char *spec, char *err, size_t errlen)
{
    char line[RULE_MAX_LINE];
    if (strlen(spec) >= sizeof line)
        return sice_arg_error(err, errlen, "rule too long (more than %zu characters)", sizeof line - 1);
    snprintf(line, sizeof line, "%s", spec);
    sice_rule rule;
    char why[200];
    sice_status st = parse_rule(&rule, line, why, sizeof why);
    if (st != SICE_OK)
        return sice_arg_error(err, errlen, "bad forwarding rule '%s': %s", spec, why);
    if (push(r, &rule) != SICE_OK)
        return sice_arg_error(err, errlen, "out of memory");
    return SICE_OK;
}

sice_status sice_rules_parse_text(sice_rules *r, const char *text, const char *name,
                                  char *err, size_t errlen)
{
    unsigned lineno = 0;
    const char *p = text;
    while (*p) {
        lineno++;
        size_t n = strcspn(p, "\n");
        char line[RULE_MAX_LINE];
        if (n >= sizeof line)
            return sice_arg_error(err, errlen, "%s:%u: line too long (more than %zu characters)", name,
                        lineno, sizeof line - 1);
        memcpy(line, p, n);
        line[n] = '\0';
        p += n + (p[n] == '\n');
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        if (line[strspn(line, " \t\r")] == '\0')
            continue;
        sice_rule rule;
        char why[200];
        if (parse_rule(&rule, line, why, sizeof why) != SICE_OK)
            return sice_arg_error(err, errlen, "%s:%u: %s", name, lineno, why);
        if (push(r, &rule) != SICE_OK)
            return sice_arg_error(err, errlen, "out of memory");
    }
    return SICE_OK;
}

sice_status sice_rules_load(sice_rules *r, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return sice_arg_error(err, errlen, "cannot open rules file %s: %s", path, strerror(errno));
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    while (text) {
        size_t n = fread(text + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
        if (len + 1 == cap) {
            if (cap >= (1u << 24))
                break;
            char *bigger = realloc(text, cap * 2);
            if (!bigger) {
                free(text);
                text = NULL;
                break;
            }
            text = bigger;
            cap *= 2;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (!text || bad) {
        free(text);
        return sice_arg_error(err, errlen, "cannot read rules file %s", path);
    }
    text[len] = '\0';
    if (memchr(text, '\0', len))
        return free(text), sice_arg_error(err, errlen, "%s: not a text file (NUL byte)", path);
    sice_status st = sice_rules_parse_text(r, text, path, err, errlen);
    free(text);
    return st;
}

const sice_rule *sice_rules_match(const sice_rules *r, sice_space space, uint64_t addr)
{
    for (size_t i = r->n; i-- > 0;) {
        const sice_rule *rule = &r->v[i];
        if (rule->space == space && addr >= rule->first && addr <= rule->last)
            return rule;
    }
    return NULL;
}

uint64_t sice_rule_apply(const sice_rule *rule, bool is_write, unsigned size, uint64_t val)
{
    uint64_t m = size >= 8 ? ~0ull : (1ull << (size * 8)) - 1;
    if (!rule || !rule->rewrite)
        return val & m;
    unsigned dir = is_write ? SICE_REWRITE_WRITE : SICE_REWRITE_READ;
    if (!(rule->rewrite_on & dir))
        return val & m;
    return ((val & ~rule->mask) | (rule->value & rule->mask)) & m;
}

void sice_rule_format(const sice_rule *rule, char *buf, size_t len)
{
    static const char *const to[] = { "?", "sim", "hw", "both" };
    static const char *const on[] = { "?", "read", "write", "rw" };
    int n = snprintf(buf, len, "%s0x%llx-0x%llx,to=%s", rule->space == SICE_SPACE_IO ? "io:" : "",
                     (unsigned long long)rule->first, (unsigned long long)rule->last,
                     to[rule->route & 3]);
    if (rule->rewrite && n > 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n, ",mask=0x%llx,value=0x%llx,on=%s",
                 (unsigned long long)rule->mask, (unsigned long long)rule->value,
                 on[rule->rewrite_on & 3]);
    n = (int)strlen(buf);
    if ((size_t)n < len)
        snprintf(buf + n, len - (size_t)n, ",name=%s", rule->name);
}
