/*
 * Test helpers for the gdb stub (see gdb_test_util.h).  Framing and
 * checksums are computed here independently of gdb/packet.c, so the stub
 * is checked against the protocol, not against itself.
 */
#include "gdb_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t tio_write(void *io, const uint8_t *buf, size_t len)
{
    tio *t = io;
    if (t->fail_writes)
        return 0;
    if (len > sizeof t->out - t->len)
        len = sizeof t->out - t->len;
    memcpy(t->out + t->len, buf, len);
    t->len += len;
    return len;
}

void tio_send_n(gdb_stub *s, const char *payload, size_t len)
{
    char *frame = malloc(len + 5);   /* $ payload # c c NUL */
    unsigned sum = 0;
    frame[0] = '$';
    for (size_t i = 0; i < len; i++) {
        frame[1 + i] = payload[i];
        sum += (uint8_t)payload[i];
    }
    snprintf(frame + 1 + len, 4, "#%02x", sum & 0xff);
    gdb_stub_feed(s, (const uint8_t *)frame, len + 4);
    free(frame);
}

void tio_send(gdb_stub *s, const char *payload)
{
    tio_send_n(s, payload, strlen(payload));
}

static int hexv(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

const char *tio_next(tio *t)
{
    while (t->rd < t->len && t->out[t->rd] != '$') {
        if (t->out[t->rd] == '+')
            t->acks++;
        else if (t->out[t->rd] == '-')
            t->nacks++;
        t->rd++;
    }
    if (t->rd >= t->len)
        return NULL;
    size_t i = t->rd + 1, n = 0;
    unsigned sum = 0;
    while (i < t->len && t->out[i] != '#') {
        sum += t->out[i];
        /* expand run-length sequences like a client would */
        if (t->out[i] == '*' && n > 0 && i + 1 < t->len) {
            int rep = t->out[i + 1] - 29;
            sum += t->out[i + 1];
            while (rep-- > 0 && n < GDB_PKT_MAX)
                t->pkt[n] = t->pkt[n - 1], n++;
            i += 2;
            continue;
        }
        if (n < GDB_PKT_MAX)
            t->pkt[n++] = (char)t->out[i];
        i++;
    }
    if (i + 2 >= t->len)
        return NULL;        /* incomplete frame: wait for more */
    int hi = hexv(t->out[i + 1]), lo = hexv(t->out[i + 2]);
    if (hi < 0 || lo < 0 || (unsigned)(hi << 4 | lo) != (sum & 0xff))
        t->bad_frame = true;
    t->rd = i + 3;
    t->pkt[n] = '\0';
    t->pkt_len = n;
    return t->pkt;
}

void tio_drain(tio *t)
{
    while (tio_next(t))
        ;
}

gdb_fixture *fx_new(bool start_halted, bool mp)
{
    gdb_fixture *f = calloc(1, sizeof *f);
    fake_init(&f->m);
    gdb_stub_config cfg = { .start_halted = start_halted };
    f->s = gdb_stub_new(&fake_dif, &f->m, &cfg);
    gdb_stub_client_connected(f->s, tio_write, &f->io);
    if (mp) {
        tio_send(f->s, "qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+");
        tio_drain(&f->io);
    }
    return f;
}

void fx_free(gdb_fixture *f)
{
    gdb_stub_free(f->s);
    free(f);
}

const char *fx_cmd(gdb_fixture *f, const char *payload)
{
    tio_drain(&f->io);
    tio_send(f->s, payload);
    return tio_next(&f->io);
}

void fx_unhex(const char *hex, char *out, size_t cap)
{
    size_t n = 0;
    while (hex[0] && hex[1] && n + 1 < cap) {
        out[n++] = (char)(hexv(hex[0]) << 4 | hexv(hex[1]));
        hex += 2;
    }
    out[n] = '\0';
}

void fx_hex(const char *text, char *out, size_t cap)
{
    size_t n = 0;
    for (; *text && n + 3 < cap; text++, n += 2)
        snprintf(out + n, 3, "%02x", (unsigned char)*text);
    out[n] = '\0';
}
