/*
 * SerialICE host protocol client (see client.h for the protocol and the
 * fault policy).
 *
 * One access = one attempt, plus at most cfg.retries more after a
 * resynchronisation.  An attempt sends the command byte by byte checking
 * each echo, reads the reply against a shape ("\nhhhh": 'h' a hex digit,
 * 'c' any character but '\n', other characters literal) failing as soon as
 * a byte does not fit, then consumes the prompt.  Nothing here waits
 * without a bound: every byte has timeout_ms, resync has a bounded number
 * of '@' and a bounded silence.
 */
#include "serialice/client.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define RESYNC_MAX_AT 64          /* '@' sent per resynchronisation, at most   */
#define RESYNC_MAX_BYTES 4096     /* junk accepted while resynchronising       */
#define VERSION_MAX 90
/* *mb: a newline, then 32 characters (space padded) */
#define MB_SHAPE "\n" "cccccccccccccccc" "cccccccccccccccc"

static const char banner_mark[] = "SerialICE v";

/* ---- messages ---------------------------------------------------------- */

static void emit(sice_client *c, const char *line)
{
    if (c->cfg.message)
        c->cfg.message(c->cfg.message_opaque, line);
    else
        fprintf(stderr, "%s\n", line);
}

static void detail(sice_client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void detail(sice_client *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->detail, sizeof c->detail, fmt, ap);
    va_end(ap);
}

/* A received byte as the message shows it: x, \n, \xff. */
static const char *show(char *buf, size_t len, uint8_t b)
{
    if (b == '\n')
        snprintf(buf, len, "\\n");
    else if (b >= 0x20 && b < 0x7f)
        snprintf(buf, len, "%c", b);
    else
        snprintf(buf, len, "\\x%02x", b);
    return buf;
}

/* ---- bytes in and out ------------------------------------------------- */

static void note(sice_client *c, uint8_t b)
{
    if (c->seen_len == sizeof c->seen) {
        memmove(c->seen, c->seen + 1, sizeof c->seen - 1);
        c->seen_len--;
    }
    c->seen[c->seen_len++] = b;
}

/* Next received byte with '\r' dropped. */
static sice_status rx(sice_client *c, uint8_t *b, unsigned timeout_ms)
{
    for (;;) {
        if (c->rx_pos == c->rx_len) {
            size_t got = 0;
            sice_status st = sice_transport_read(c->t, c->rx, sizeof c->rx, timeout_ms, &got);
            if (st != SICE_OK)
                return st;
            c->rx_pos = 0;
            c->rx_len = got;
        }
        uint8_t v = c->rx[c->rx_pos++];
        if (v == '\r')
            continue;
        note(c, v);
        *b = v;
        return SICE_OK;
    }
}

static sice_status tx(sice_client *c, uint8_t b)
{
    return sice_transport_write(c->t, &b, 1, c->cfg.timeout_ms);
}

static bool banner_seen(const sice_client *c)
{
    size_t m = sizeof banner_mark - 1;
    for (size_t i = 0; i + m <= c->seen_len; i++)
        if (memcmp(c->seen + i, banner_mark, m) == 0)
            return true;
    return false;
}

static void why_rx(sice_client *c, sice_status st, const char *waiting_for)
{
    if (st == SICE_ERR_TIMEOUT)
        detail(c, "timeout after %u ms waiting for %s", c->cfg.timeout_ms, waiting_for);
    else
        detail(c, "%s while waiting for %s (%s)", sice_status_name(st), waiting_for, c->t->err);
}

/*
 * Resynchronise: send '@', wait (up to timeout_ms) for the board to answer
 * it, then read until the line is quiet for quiet_ms; done when what came
 * back since that '@' ends in a prompt.  Only one '@' is ever outstanding,
 * so no stale "@\n> " can trail behind a success.  Each '@' lands at the
 * prompt or as a bad digit / separator of the interrupted command (see
 * docs/serialice.md about writes cut short).  A board silent for two
 * timeouts in a row, or babbling past RESYNC_MAX_BYTES, is given up on.
 */
static sice_status resync(sice_client *c)
{
    unsigned silent = 0;
    size_t junk = 0;
    for (unsigned n = 0; n < RESYNC_MAX_AT; n++) {
        sice_status st = tx(c, '@');
        if (st != SICE_OK)
            return st;
        uint8_t tail[3] = { 0, 0, 0 };
        size_t got = 0;
        for (;;) {
            uint8_t b;
            st = rx(c, &b, got ? c->cfg.quiet_ms : c->cfg.timeout_ms);
            if (st == SICE_ERR_TIMEOUT)
                break;
            if (st != SICE_OK)
                return st;
            tail[0] = tail[1];
            tail[1] = tail[2];
            tail[2] = b;
            got++;
            if (++junk > RESYNC_MAX_BYTES)
                return SICE_ERR_PROTOCOL;   /* a babbling line: give up */
        }
        if (got >= 3 && memcmp(tail, "\n> ", 3) == 0)
            return SICE_OK;
        silent = got ? 0 : silent + 1;
        if (silent >= 2)
            return SICE_ERR_TIMEOUT;
    }
    return SICE_ERR_TIMEOUT;
}

/* ---- one attempt of one command ---------------------------------------- */

static bool is_hex(uint8_t b)
{
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
}

/*
 * Send `cmd`, check echoes, read a reply of shape `shape` into out (NUL
 * terminated; the leading '\n' dropped), then the prompt.  For *vi
 * (shape NULL) the reply is '\n' + a line up to '\n'.
 */
static sice_status attempt(sice_client *c, const char *cmd, const char *shape,
                           char *out, size_t outlen)
{
    char a[8], b[8];
    sice_status st;
    for (size_t i = 0; cmd[i]; i++) {
        uint8_t e;
        if ((st = tx(c, (uint8_t)cmd[i])) != SICE_OK) {
            detail(c, "%s sending '%c' (%s)", sice_status_name(st), cmd[i], c->t->err);
            return st;
        }
        if ((st = rx(c, &e, c->cfg.timeout_ms)) != SICE_OK) {
            char what[80];
            snprintf(what, sizeof what, "the echo of '%c'", cmd[i]);
            why_rx(c, st, what);
            return st;
        }
        if (e != (uint8_t)cmd[i]) {
            detail(c, "echo mismatch (sent '%s', got '%s')", show(a, sizeof a, (uint8_t)cmd[i]),
                   show(b, sizeof b, e));
            return SICE_ERR_PROTOCOL;
        }
    }
    size_t n = 0;
    if (shape) {
        size_t want = strlen(shape);
        for (size_t i = 0; i < want; i++) {
            uint8_t v;
            if ((st = rx(c, &v, c->cfg.timeout_ms)) != SICE_OK) {
                char what[80];
                snprintf(what, sizeof what, "the reply (got %zu of %zu bytes)", i, want);
                why_rx(c, st, what);
                return st;
            }
            char s = shape[i];
            bool fits = s == 'h' ? is_hex(v) : s == 'c' ? v != '\n' : v == (uint8_t)s;
            if (!fits) {
                if (v == '\n' && i > 0)
                    detail(c, "reply too short (%zu of %zu characters, then a newline)", i - 1,
                           want - 1);
                else if (s == 'h')
                    detail(c, "reply not hex ('%s' at character %zu of %zu)",
                           show(a, sizeof a, v), i, want - 1);
                else
                    detail(c, "malformed reply ('%s' at byte %zu where '%s' belongs)",
                           show(a, sizeof a, v), i, show(b, sizeof b, (uint8_t)s));
                return SICE_ERR_PROTOCOL;
            }
            if (i > 0 && n + 1 < outlen)
                out[n++] = (char)v;
        }
    } else {
        /* *vi: "\n" + version line + "\n" */
        for (size_t i = 0;; i++) {
            uint8_t v;
            if ((st = rx(c, &v, c->cfg.timeout_ms)) != SICE_OK) {
                why_rx(c, st, "the version line");
                return st;
            }
            if (i == 0 && v == '\n')
                continue;
            if (i == 0 || (v != '\n' && i > VERSION_MAX)) {
                detail(c, "malformed version reply ('%s' at byte %zu)", show(a, sizeof a, v), i);
                return SICE_ERR_PROTOCOL;
            }
            if (v == '\n')
                break;
            if (n + 1 < outlen)
                out[n++] = (char)v;
        }
        out[n] = '\0';
        if (strncmp(out, banner_mark, sizeof banner_mark - 1) != 0) {
            detail(c, "not a SerialICE version string: '%s'", out);
            return SICE_ERR_PROTOCOL;
        }
    }
    if (outlen)
        out[n] = '\0';
    static const char prompt[] = "\n> ";
    for (size_t i = 0; i < 3; i++) {
        uint8_t v;
        if ((st = rx(c, &v, c->cfg.timeout_ms)) != SICE_OK) {
            why_rx(c, st, "the prompt");
            return st;
        }
        if (v != (uint8_t)prompt[i]) {
            detail(c, "unexpected '%s' after the reply (expected the prompt)",
                   show(a, sizeof a, v));
            return SICE_ERR_PROTOCOL;
        }
    }
    return SICE_OK;
}

/* ---- policy ------------------------------------------------------------ */

static sice_status stop(sice_client *c, sice_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static sice_status stop(sice_client *c, sice_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->error, sizeof c->error, fmt, ap);
    va_end(ap);
    c->stopped = true;
    c->stop_status = st;
    emit(c, c->error);
    return st;
}

static unsigned retries(const sice_client *c)
{
    if (c->cfg.no_retry)
        return 0;
    return c->cfg.retries ? c->cfg.retries : 1;
}

static sice_status run(sice_client *c, const char *what, const char *cmd, const char *shape,
                       char *out, size_t outlen)
{
    if (c->stopped)
        return SICE_ERR_STOPPED;
    for (unsigned n = 0;; n++) {
        c->seen_len = 0;
        sice_status st = attempt(c, cmd, shape, out, outlen);
        if (st == SICE_OK) {
            if (n)
                c->retried++;
            return SICE_OK;
        }
        if (st == SICE_ERR_CLOSED)
            return stop(c, st, "serialice: %s: %s: the board is gone, stopping", what, c->detail);
        sice_status rs = resync(c);
        if (shape && banner_seen(c))
            return stop(c, SICE_ERR_RESET,
                        "serialice: %s: %s; the board reset (its banner appeared): its state no "
                        "longer matches the simulation, stopping", what, c->detail);
        if (rs == SICE_ERR_CLOSED)
            return stop(c, rs, "serialice: %s: %s; then the line closed: stopping", what,
                        c->detail);
        if (rs != SICE_OK)
            return stop(c, rs, "serialice: %s: %s; resynchronisation failed (%s): stopping",
                        what, c->detail, sice_status_name(rs));
        if (n >= retries(c))
            return stop(c, st, "serialice: %s: %s (failed again after %u retr%s): stopping",
                        what, c->detail, n, n == 1 ? "y" : "ies");
        char line[SICE_MSG + 64];
        snprintf(line, sizeof line, "serialice: %s: %s; resynchronised, retrying", what,
                 c->detail);
        emit(c, line);
    }
}

/* ---- public API -------------------------------------------------------- */

sice_status sice_client_open(sice_client *c, sice_transport *t, const sice_client_config *cfg)
{
    memset(c, 0, sizeof *c);
    c->t = t;
    if (cfg)
        c->cfg = *cfg;
    if (!c->cfg.timeout_ms)
        c->cfg.timeout_ms = 10000;
    if (!c->cfg.quiet_ms)
        c->cfg.quiet_ms = 100;
    if (t->fd < 0)
        return stop(c, SICE_ERR_CLOSED, "serialice: handshake: %s is not open", t->path);

    /* Whatever the board said before we listened (its banner) is stale. */
    sice_transport_flush(t);
    sice_status st = resync(c);
    if (st != SICE_OK)
        return stop(c, st, "serialice: handshake: no prompt from the board on %s (%s); is the "
                    "SerialICE shell running, is the baud rate right?", t->path,
                    sice_status_name(st));
    /* The second '@' of the original handshake: check its echo and prompt. */
    c->seen_len = 0;
    const uint8_t want[4] = { '@', '\n', '>', ' ' };
    if ((st = tx(c, '@')) != SICE_OK)
        return stop(c, st, "serialice: handshake: %s", sice_status_name(st));
    for (size_t i = 0; i < 4; i++) {
        uint8_t v;
        char a[8];
        if ((st = rx(c, &v, c->cfg.timeout_ms)) != SICE_OK)
            return stop(c, st, "serialice: handshake: %s waiting for the prompt after '@'",
                        sice_status_name(st));
        if (v != want[i])
            return stop(c, SICE_ERR_PROTOCOL, "serialice: handshake: unexpected '%s' after '@'",
                        show(a, sizeof a, v));
    }
    if ((st = run(c, "version (*vi)", "*vi", NULL, c->version, sizeof c->version)) != SICE_OK)
        return st;
    char mb[40];
    if ((st = run(c, "mainboard (*mb)", "*mb", MB_SHAPE, mb,
                  sizeof mb)) != SICE_OK)
        return st;
    size_t n = strlen(mb);
    while (n && mb[n - 1] == ' ')
        mb[--n] = '\0';
    snprintf(c->mainboard, sizeof c->mainboard, "%s", mb);
    return SICE_OK;
}

static char width_letter(unsigned size)
{
    switch (size) {
    case 1: return 'b';
    case 2: return 'w';
    case 4: return 'l';
    case 8: return 'q';
    }
    return 0;
}

static uint64_t parse_hex(const char *s, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n && s[i]; i++) {
        char ch = s[i];
        unsigned d = ch <= '9' ? (unsigned)(ch - '0') : (unsigned)((ch | 0x20) - 'a' + 10);
        v = v << 4 | d;
    }
    return v;
}

static uint64_t mask(unsigned size)
{
    return size >= 8 ? ~0ull : (1ull << (size * 8)) - 1;
}

/* "\n" + 2*size 'h' */
static void shape_for(char *shape, unsigned size)
{
    shape[0] = '\n';
    memset(shape + 1, 'h', size * 2);
    shape[1 + size * 2] = '\0';
}

sice_status sice_read_mem(sice_client *c, uint32_t addr, unsigned size, uint64_t *val)
{
    char w = width_letter(size), what[64], cmd[32], shape[24], out[24];
    if (!w)
        return SICE_ERR_ARG;  /* caller bug: no such width */
    snprintf(what, sizeof what, "read 0x%08x.%c", addr, w);
    snprintf(cmd, sizeof cmd, "*rm%08x.%c", addr, w);
    shape_for(shape, size);
    sice_status st = run(c, what, cmd, shape, out, sizeof out);
    if (st == SICE_OK)
        *val = parse_hex(out, size * 2);
    return st;
}

sice_status sice_write_mem(sice_client *c, uint32_t addr, unsigned size, uint64_t val)
{
    char w = width_letter(size), what[80], cmd[40];
    if (!w)
        return SICE_ERR_ARG;  /* caller bug: no such width */
    val &= mask(size);
    snprintf(what, sizeof what, "write 0x%08x.%c <= 0x%0*llx", addr, w, (int)size * 2,
             (unsigned long long)val);
    snprintf(cmd, sizeof cmd, "*wm%08x.%c=%0*llx", addr, w, (int)size * 2,
             (unsigned long long)val);
    return run(c, what, cmd, "", NULL, 0);
}

sice_status sice_read_io(sice_client *c, uint16_t port, unsigned size, uint64_t *val)
{
    char w = width_letter(size), what[64], cmd[32], shape[24], out[24];
    if (!w || size == 8)
        return SICE_ERR_ARG;  /* caller bug: no such width */
    snprintf(what, sizeof what, "io read 0x%04x.%c", port, w);
    snprintf(cmd, sizeof cmd, "*ri%04x.%c", port, w);
    shape_for(shape, size);
    sice_status st = run(c, what, cmd, shape, out, sizeof out);
    if (st == SICE_OK)
        *val = parse_hex(out, size * 2);
    return st;
}

sice_status sice_write_io(sice_client *c, uint16_t port, unsigned size, uint64_t val)
{
    char w = width_letter(size), what[80], cmd[40];
    if (!w || size == 8)
        return SICE_ERR_ARG;  /* caller bug: no such width */
    val &= mask(size);
    snprintf(what, sizeof what, "io write 0x%04x.%c <= 0x%0*llx", port, w, (int)size * 2,
             (unsigned long long)val);
    snprintf(cmd, sizeof cmd, "*wi%04x.%c=%0*llx", port, w, (int)size * 2,
             (unsigned long long)val);
    return run(c, what, cmd, "", NULL, 0);
}

sice_status sice_rdmsr(sice_client *c, uint32_t msr, uint32_t key, uint64_t *val)
{
    char what[64], cmd[32], out[24];
    snprintf(what, sizeof what, "rdmsr 0x%08x", msr);
    snprintf(cmd, sizeof cmd, "*rc%08x.%08x", msr, key);
    sice_status st = run(c, what, cmd, "\nhhhhhhhh.hhhhhhhh", out, sizeof out);
    if (st == SICE_OK)
        *val = parse_hex(out, 8) << 32 | parse_hex(out + 9, 8);
    return st;
}

sice_status sice_wrmsr(sice_client *c, uint32_t msr, uint32_t key, uint64_t val)
{
    char what[80], cmd[48];
    unsigned hi = (unsigned)(val >> 32), lo = (unsigned)val;
    snprintf(what, sizeof what, "wrmsr 0x%08x <= 0x%08x.%08x", msr, hi, lo);
    snprintf(cmd, sizeof cmd, "*wc%08x.%08x=%08x.%08x", msr, key, hi, lo);
    return run(c, what, cmd, "", NULL, 0);
}

sice_status sice_cpuid(sice_client *c, uint32_t eax, uint32_t ecx, uint32_t out[4])
{
    char what[64], cmd[32], r[48];
    snprintf(what, sizeof what, "cpuid 0x%08x.0x%08x", eax, ecx);
    snprintf(cmd, sizeof cmd, "*ci%08x.%08x", eax, ecx);
    sice_status st = run(c, what, cmd, "\nhhhhhhhh.hhhhhhhh.hhhhhhhh.hhhhhhhh", r, sizeof r);
    if (st == SICE_OK)
        for (unsigned i = 0; i < 4; i++)
            out[i] = (uint32_t)parse_hex(r + 9 * i, 8);
    return st;
}

const char *sice_client_version(const sice_client *c)
{
    return c->version;
}

const char *sice_client_mainboard(const sice_client *c)
{
    return c->mainboard;
}

const char *sice_client_error(const sice_client *c)
{
    return c->error;
}
