/*
 * SerialICE target-end simulator: the board side of the shell protocol.
 *
 * Structured like the genuine shell's main loop so the byte stream matches
 * it exactly: print the prompt, read one byte (every read byte is echoed at
 * once), ignore it unless it is '*', read two command letters, parse the
 * fixed-width arguments digit by digit, answer.  Separators ('.', '=') are
 * consumed without being checked, as the shell does.  An unknown width
 * letter ends the command right there (no reply digits, nothing written);
 * the host never sends one.
 *
 * Faults are injected at fixed points (see target-sim.h) so tests can
 * check each host-side recovery path deterministically.
 */
#include "serialice/target-sim.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define POLL_SLICE_MS 20u
/* Internal: sice_target_stop() was called; unwinds like an error. */
#define STOP_REQUESTED ((sice_status)1000)

static const char prompt[] = "\r\n> ";

void sice_target_init(sice_target *tg, const sice_target_config *cfg, const sice_target_bus *bus)
{
    memset(tg, 0, sizeof *tg);
    if (cfg)
        tg->cfg = *cfg;
    if (bus)
        tg->bus = *bus;
    snprintf(tg->version, sizeof tg->version, "%s",
             tg->cfg.version ? tg->cfg.version : "SerialICE v1.6 (cosim target-sim)");
    snprintf(tg->mainboard, sizeof tg->mainboard, "%-32.32s",
             tg->cfg.mainboard ? tg->cfg.mainboard : "COSIM");
    tg->cfg.version = NULL;     /* we keep our own copies */
    tg->cfg.mainboard = NULL;
    if (tg->cfg.fault.count == 0)
        tg->cfg.fault.count = 1;
}

void sice_target_stop(sice_target *tg)
{
    __atomic_store_n(&tg->stop, true, __ATOMIC_RELEASE);
}

static bool stopping(sice_target *tg)
{
    return __atomic_load_n(&tg->stop, __ATOMIC_ACQUIRE);
}

static sice_status put(sice_target *tg, const char *s, size_t n)
{
    sice_status st = sice_transport_write(tg->t, (const uint8_t *)s, n, 1000);
    return st == SICE_ERR_TIMEOUT ? SICE_ERR_IO : st;
}

static sice_status puts_(sice_target *tg, const char *s)
{
    return put(tg, s, strlen(s));
}

/* Sleep in slices so a stop request is honoured. */
static void pause_ms(sice_target *tg, unsigned ms)
{
    while (ms && !stopping(tg)) {
        unsigned slice = ms < POLL_SLICE_MS ? ms : POLL_SLICE_MS;
        poll(NULL, 0, (int)slice);
        ms -= slice;
    }
}

static bool fault(sice_target *tg, sice_fault_mode m)
{
    return tg->fault_now && tg->cfg.fault.mode == m;
}

/* The line goes away: close our end so the host sees EOF / hang-up. */
static sice_status disconnect(sice_target *tg)
{
    tg->stats.faults++;
    if (tg->t->kind != SICE_TRANSPORT_PTY)
        shutdown(tg->t->fd, SHUT_RDWR);
    sice_transport_close(tg->t);
    return SICE_ERR_CLOSED;
}

/*
 * Read one byte from the host and echo it.  `at_prompt` marks the byte
 * read at the prompt: a '*' there starts a command (and decides whether
 * this command is faulted), anything else is ignored by the caller.
 */
static sice_status get(sice_target *tg, uint8_t *c, bool at_prompt)
{
    for (;;) {
        if (stopping(tg))
            return STOP_REQUESTED;
        size_t got = 0;
        sice_status st = sice_transport_read(tg->t, c, 1, POLL_SLICE_MS, &got);
        if (st == SICE_ERR_TIMEOUT) {
            if (tg->bus.pass_time)
                tg->bus.pass_time(tg->bus.opaque, true);
            continue;
        }
        if (st != SICE_OK)
            return st;
        break;
    }
    if (tg->bus.pass_time)
        tg->bus.pass_time(tg->bus.opaque, false);
    if (at_prompt && *c == '*') {
        const sice_target_fault *f = &tg->cfg.fault;
        unsigned n = tg->stats.commands++;
        tg->fault_now = f->mode != SICE_FAULT_NONE && n >= f->at && n - f->at < f->count;
        tg->cmd_bytes = 0;
    }
    if (!at_prompt || *c == '*') {
        unsigned idx = tg->cmd_bytes++;
        if (idx == 0 && fault(tg, SICE_FAULT_DISCONNECT)) {
            sice_status st = put(tg, "*", 1);
            if (st != SICE_OK)
                return st;
            return disconnect(tg);
        }
        if (idx == 0 && fault(tg, SICE_FAULT_WRONG_ECHO)) {
            tg->stats.faults++;
            return put(tg, "x", 1);
        }
        if (idx == 3 && fault(tg, SICE_FAULT_NOISE)) {
            tg->stats.faults++;
            sice_status st = put(tg, "\xff~#", 3);
            if (st != SICE_OK)
                return st;
        }
    }
    return put(tg, (const char *)c, 1);
}

#define GET(c) do { sice_status st_ = get(tg, (c), false); if (st_ != SICE_OK) return st_; } while (0)
#define PUT(s) do { sice_status st_ = puts_(tg, (s)); if (st_ != SICE_OK) return st_; } while (0)

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* `digits` hex digits, most significant first; a bad digit counts as 0. */
static sice_status get_hex(sice_target *tg, unsigned digits, uint64_t *out)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < digits; i++) {
        uint8_t c;
        GET(&c);
        int d = hexval(c);
        if (d < 0) {
            tg->stats.errors++;
            PUT("ERROR: parsing number\r\n");
            d = 0;
        }
        v = (v << 4) | (uint64_t)d;
    }
    *out = v;
    return SICE_OK;
}

static unsigned width_bytes(uint8_t w)
{
    switch (w) {
    case 'b': return 1;
    case 'w': return 2;
    case 'l': return 4;
    case 'q': return 8;
    }
    return 0;
}

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? ~0ull : (1ull << (size * 8)) - 1;
}

/* Send a reply ("\r\n" + body), with the reply faults applied. */
static sice_status reply(sice_target *tg, const char *body)
{
    char buf[80];
    snprintf(buf, sizeof buf, "%s", body);
    size_t n = strlen(buf);
    if (fault(tg, SICE_FAULT_SHORT_REPLY) && n > 0) {
        tg->stats.faults++;
        buf[--n] = '\0';
    }
    if (fault(tg, SICE_FAULT_NONHEX_REPLY) && n > 0) {
        tg->stats.faults++;
        buf[0] = 'z';
    }
    PUT("\r\n");
    PUT(buf);
    return SICE_OK;
}

static void hex(char *out, size_t len, uint64_t v, unsigned size)
{
    snprintf(out, len, "%0*llx", (int)(size * 2), (unsigned long long)(v & size_mask(size)));
}

static sice_status cmd_mem_or_io(sice_target *tg, bool io, bool write)
{
    uint64_t addr, val = 0;
    uint8_t sep, w;
    sice_status st = get_hex(tg, io ? 4 : 8, &addr);
    if (st != SICE_OK)
        return st;
    GET(&sep);
    GET(&w);
    unsigned size = width_bytes(w);
    if (!size || (io && size == 8))
        return SICE_OK;
    if (write) {
        GET(&sep);
        if ((st = get_hex(tg, size * 2, &val)) != SICE_OK)
            return st;
        if (fault(tg, SICE_FAULT_STALL)) {
            tg->stats.faults++;
            pause_ms(tg, tg->cfg.fault.stall_ms);
        }
        if (io) {
            tg->stats.io_writes++;
            if (tg->bus.io_write)
                (void)tg->bus.io_write(tg->bus.opaque, (uint32_t)addr, size, val);
        } else {
            tg->stats.mem_writes++;
            if (tg->bus.mem_write)
                (void)tg->bus.mem_write(tg->bus.opaque, addr, size, val);
        }
        return SICE_OK;
    }
    bool ok;
    if (io) {
        tg->stats.io_reads++;
        ok = tg->bus.io_read && tg->bus.io_read(tg->bus.opaque, (uint32_t)addr, size, &val);
    } else {
        tg->stats.mem_reads++;
        ok = tg->bus.mem_read && tg->bus.mem_read(tg->bus.opaque, addr, size, &val);
    }
    if (!ok)
        val = ~0ull;
    if (fault(tg, SICE_FAULT_STALL)) {
        tg->stats.faults++;
        pause_ms(tg, tg->cfg.fault.stall_ms);
    }
    char body[20];
    hex(body, sizeof body, val, size);
    return reply(tg, body);
}

static sice_status cmd_msr(sice_target *tg, bool write)
{
    uint64_t msr, key, hi, lo;
    uint8_t sep;
    sice_status st = get_hex(tg, 8, &msr);
    if (st != SICE_OK)
        return st;
    GET(&sep);
    if ((st = get_hex(tg, 8, &key)) != SICE_OK)
        return st;
    if (write) {
        GET(&sep);
        if ((st = get_hex(tg, 8, &hi)) != SICE_OK)
            return st;
        GET(&sep);
        if ((st = get_hex(tg, 8, &lo)) != SICE_OK)
            return st;
        tg->stats.msr_writes++;
        if (tg->bus.wrmsr)
            (void)tg->bus.wrmsr(tg->bus.opaque, (uint32_t)msr, (uint32_t)key, hi << 32 | lo);
        return SICE_OK;
    }
    uint64_t v = 0;
    tg->stats.msr_reads++;
    if (!tg->bus.rdmsr || !tg->bus.rdmsr(tg->bus.opaque, (uint32_t)msr, (uint32_t)key, &v))
        v = ~0ull;
    if (fault(tg, SICE_FAULT_STALL)) {
        tg->stats.faults++;
        pause_ms(tg, tg->cfg.fault.stall_ms);
    }
    char body[24];
    snprintf(body, sizeof body, "%08x.%08x", (unsigned)(v >> 32), (unsigned)v);
    return reply(tg, body);
}

static sice_status cmd_cpuid(sice_target *tg)
{
    uint64_t eax, ecx;
    uint8_t sep;
    sice_status st = get_hex(tg, 8, &eax);
    if (st != SICE_OK)
        return st;
    GET(&sep);
    if ((st = get_hex(tg, 8, &ecx)) != SICE_OK)
        return st;
    uint32_t r[4] = { 0, 0, 0, 0 };
    tg->stats.cpuids++;
    if (!tg->bus.cpuid || !tg->bus.cpuid(tg->bus.opaque, (uint32_t)eax, (uint32_t)ecx, r))
        r[0] = r[1] = r[2] = r[3] = 0xffffffffu;
    if (fault(tg, SICE_FAULT_STALL)) {
        tg->stats.faults++;
        pause_ms(tg, tg->cfg.fault.stall_ms);
    }
    char body[40];
    snprintf(body, sizeof body, "%08x.%08x.%08x.%08x", r[0], r[1], r[2], r[3]);
    return reply(tg, body);
}

static sice_status banner(sice_target *tg)
{
    PUT("\r\n");
    PUT(tg->version);
    PUT("\r\n");
    return SICE_OK;
}

static sice_status command(sice_target *tg)
{
    uint8_t a, b;
    GET(&a);
    GET(&b);
    if (fault(tg, SICE_FAULT_RESET)) {
        /* The board rebooted: its banner, then the main loop's prompt. */
        tg->stats.faults++;
        return banner(tg);
    }
    switch ((a << 8) | b) {
    case ('r' << 8) | 'm': return cmd_mem_or_io(tg, false, false);
    case ('w' << 8) | 'm': return cmd_mem_or_io(tg, false, true);
    case ('r' << 8) | 'i': return cmd_mem_or_io(tg, true, false);
    case ('w' << 8) | 'i': return cmd_mem_or_io(tg, true, true);
    case ('r' << 8) | 'c': return cmd_msr(tg, false);
    case ('w' << 8) | 'c': return cmd_msr(tg, true);
    case ('c' << 8) | 'i': return cmd_cpuid(tg);
    case ('m' << 8) | 'b': return reply(tg, tg->mainboard);
    case ('v' << 8) | 'i': {
        sice_status st = reply(tg, tg->version);
        if (st != SICE_OK)
            return st;
        PUT("\r\n");
        return SICE_OK;
    }
    }
    tg->stats.errors++;
    PUT("ERROR\r\n");
    return SICE_OK;
}

sice_status sice_target_serve(sice_target *tg, sice_transport *t)
{
    tg->t = t;
    sice_status st = SICE_OK;
    if (!tg->cfg.no_banner)
        st = banner(tg);
    while (st == SICE_OK) {
        if ((st = puts_(tg, prompt)) != SICE_OK)
            break;
        uint8_t c;
        if ((st = get(tg, &c, true)) != SICE_OK)
            break;
        if (c != '*')
            continue;
        st = command(tg);
    }
    if (st == STOP_REQUESTED)
        return SICE_OK;
    if (st == SICE_ERR_CLOSED || st == SICE_ERR_IO)
        return st;
    return SICE_ERR_IO;
}

sice_status sice_target_parse_fault(const char *spec, sice_target_fault *out,
                                    char *err, unsigned errlen)
{
    static const struct { const char *name; sice_fault_mode mode; } modes[] = {
        { "none", SICE_FAULT_NONE },       { "noise", SICE_FAULT_NOISE },
        { "echo", SICE_FAULT_WRONG_ECHO }, { "short", SICE_FAULT_SHORT_REPLY },
        { "nonhex", SICE_FAULT_NONHEX_REPLY }, { "stall", SICE_FAULT_STALL },
        { "reset", SICE_FAULT_RESET },     { "disconnect", SICE_FAULT_DISCONNECT },
    };
    memset(out, 0, sizeof *out);
    out->count = 1;
    out->stall_ms = 2000;
    /* The mode is the known name the spec starts with, followed by the end
     * or a separator ("nonhex" itself holds the count separator 'x'). */
    size_t n = strcspn(spec, "@x:");
    bool found = false;
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        size_t len = strlen(modes[i].name);
        if (strncmp(spec, modes[i].name, len) == 0 && (spec[len] == '\0' || strchr("@x:", spec[len]))) {
            out->mode = modes[i].mode;
            n = len;
            found = true;
        }
    }
    if (!found) {
        snprintf(err, errlen, "unknown fault mode '%.*s' (none, noise, echo, short, nonhex, "
                 "stall, reset, disconnect)", (int)n, spec);
        return SICE_ERR_ARG;
    }
    const char *p = spec + n;
    while (*p) {
        char kind = *p++;
        char *end;
        errno = 0;
        unsigned long v = strtoul(p, &end, 0);
        if (end == p || errno || v > 0xffffffffu) {
            snprintf(err, errlen, "bad number after '%c' in fault spec '%s'", kind, spec);
            return SICE_ERR_ARG;
        }
        if (kind == '@')
            out->at = (unsigned)v;
        else if (kind == 'x')
            out->count = (unsigned)v;
        else
            out->stall_ms = (unsigned)v;
        p = end;
        if (*p && !strchr("@x:", *p)) {
            snprintf(err, errlen, "unexpected '%c' in fault spec '%s'", *p, spec);
            return SICE_ERR_ARG;
        }
    }
    return SICE_OK;
}
