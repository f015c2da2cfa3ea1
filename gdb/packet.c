/*
 * GDB RSP framing (see packet.h for the wire format and invariants).
 *
 * Invariants: data[len] is always a NUL (handlers may treat text packets
 * as C strings; binary ones use len); len <= cap; a frame that would pass
 * cap sets `oversize` and stores nothing more, but is still read to its
 * checksum so the stream stays in sync.
 */
#include "packet.h"

#include <string.h>

enum {
    ST_IDLE = 0,    /* between frames                            */
    ST_DATA,        /* inside $...                               */
    ST_ESCAPE,      /* after '}': next byte is literal            */
    ST_RLE,         /* after '*': next byte is the repeat count   */
    ST_CSUM1,       /* after '#'                                  */
    ST_CSUM2,       /* after the first checksum digit             */
};

int gdb_hex_val(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool gdb_hex_decode(const char *hex, size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i++) {
        int hi = gdb_hex_val((unsigned char)hex[2 * i]);
        int lo = hi < 0 ? -1 : gdb_hex_val((unsigned char)hex[2 * i + 1]);
        if (lo < 0)
            return false;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

void gdb_hex_encode(const uint8_t *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
}

void gdb_pkt_parser_init(gdb_pkt_parser *p, size_t cap)
{
    memset(p, 0, offsetof(gdb_pkt_parser, data));
    p->cap = (cap == 0 || cap > GDB_PKT_MAX) ? GDB_PKT_MAX : cap;
    p->state = ST_IDLE;
    p->data[0] = '\0';
}

bool gdb_pkt_in_frame(const gdb_pkt_parser *p)
{
    return p->state != ST_IDLE;
}

static void start_frame(gdb_pkt_parser *p)
{
    p->state = ST_DATA;
    p->sum = 0;
    p->len = 0;
    p->oversize = p->malformed = p->rx_sum_bad = false;
    p->have_prev = false;
}

static void store(gdb_pkt_parser *p, uint8_t b)
{
    if (p->len >= p->cap) {
        p->oversize = true;
        return;
    }
    p->data[p->len++] = b;
    p->have_prev = true;
}

static gdb_pkt_event end_frame(gdb_pkt_parser *p, uint8_t lo_digit)
{
    int lo = gdb_hex_val(lo_digit);
    bool bad = p->rx_sum_bad || lo < 0 || (uint8_t)(p->rx_sum | lo) != p->sum;
    p->state = ST_IDLE;
    /* a rejected frame leaves no payload behind for a careless caller */
    if (p->oversize) {
        p->len = 0;
        p->data[0] = '\0';
        p->stat_oversize++;
        return GDB_PKT_OVERSIZE;
    }
    p->data[p->len] = '\0';
    if (bad) {
        p->stat_bad_checksum++;
        return GDB_PKT_BAD_CHECKSUM;
    }
    if (p->malformed) {
        p->stat_malformed++;
        return GDB_PKT_MALFORMED;
    }
    p->stat_packets++;
    return GDB_PKT_PACKET;
}

gdb_pkt_event gdb_pkt_push(gdb_pkt_parser *p, uint8_t c)
{
    /* '$' always starts a new frame: a cut-off frame is dropped */
    if (c == '$' && p->state != ST_CSUM1 && p->state != ST_CSUM2) {
        if (p->state != ST_IDLE)
            p->stat_garbage++;
        start_frame(p);
        return GDB_PKT_NONE;
    }
    switch (p->state) {
    case ST_IDLE:
        if (c == '+')
            return GDB_PKT_ACK;
        if (c == '-')
            return GDB_PKT_NACK;
        if (c == 0x03)
            return GDB_PKT_INTERRUPT;
        p->stat_garbage++;
        return GDB_PKT_NONE;
    case ST_DATA:
        if (c == '#') {
            p->state = ST_CSUM1;
            return GDB_PKT_NONE;
        }
        p->sum += c;
        if (c == '*') {
            p->state = ST_RLE;
            return GDB_PKT_NONE;
        }
        if (c == '}')
            p->state = ST_ESCAPE;
        store(p, c);
        return GDB_PKT_NONE;
    case ST_ESCAPE:
        if (c == '#') {             /* lone '}' at the end: binary handler rejects it */
            p->state = ST_CSUM1;
            return GDB_PKT_NONE;
        }
        p->sum += c;
        store(p, c);
        p->state = ST_DATA;
        return GDB_PKT_NONE;
    case ST_RLE:
        if (c == '#') {
            p->malformed = true;
            p->state = ST_CSUM1;
            return GDB_PKT_NONE;
        }
        p->sum += c;
        p->state = ST_DATA;
        if (!p->have_prev || c < 32 || c > 126 || p->len == 0) {
            p->malformed = true;
            return GDB_PKT_NONE;
        }
        {
            uint8_t rep = p->data[p->len - 1];
            for (int n = c - 29; n > 0 && !p->oversize; n--)
                store(p, rep);
        }
        return GDB_PKT_NONE;
    case ST_CSUM1: {
        int hi = gdb_hex_val(c);
        p->rx_sum_bad = hi < 0;
        p->rx_sum = (uint8_t)((hi < 0 ? 0 : hi) << 4);
        p->state = ST_CSUM2;
        return GDB_PKT_NONE;
    }
    case ST_CSUM2:
        return end_frame(p, c);
    }
    p->state = ST_IDLE;  /* unreachable: defensive resync */
    return GDB_PKT_NONE;
}

size_t gdb_pkt_feed(gdb_pkt_parser *p, const uint8_t *in, size_t len, gdb_pkt_event *ev)
{
    *ev = GDB_PKT_NONE;
    for (size_t i = 0; i < len; i++) {
        gdb_pkt_event e = gdb_pkt_push(p, in[i]);
        if (e != GDB_PKT_NONE) {
            *ev = e;
            return i + 1;
        }
    }
    return len;
}

size_t gdb_pkt_encode(const uint8_t *payload, size_t len, bool rle, uint8_t *out, size_t cap)
{
    static const char digits[] = "0123456789abcdef";
    if (rle && memchr(payload, '}', len))
        rle = false;
    size_t o = 0;
    uint8_t sum = 0;
    if (cap < 4)
        return 0;
    out[o++] = '$';
    for (size_t i = 0; i < len;) {
        uint8_t c = payload[i];
        size_t run = 1;
        if (rle)
            while (i + run < len && payload[i + run] == c && run < 98)
                run++;
        /* repeats after the first byte; counts 6 and 7 would encode as
         * '#' and '$', so shorten those runs */
        size_t rep = run - 1;
        if (rep == 6 || rep == 7)
            rep = 5;
        if (rle && rep >= 3) {
            if (o + 3 > cap - 3)
                return 0;
            uint8_t n = (uint8_t)(rep + 29);
            out[o++] = c;
            out[o++] = '*';
            out[o++] = n;
            sum += c + '*' + n;
            i += rep + 1;
        } else {
            if (o + 1 > cap - 3)
                return 0;
            out[o++] = c;
            sum += c;
            i++;
        }
    }
    out[o++] = '#';
    out[o++] = (uint8_t)digits[sum >> 4];
    out[o++] = (uint8_t)digits[sum & 15];
    return o;
}

size_t gdb_bin_escape(const uint8_t *in, size_t len, uint8_t *out, size_t cap, size_t *consumed)
{
    size_t o = 0, i = 0;
    for (; i < len; i++) {
        uint8_t c = in[i];
        bool esc = c == '$' || c == '#' || c == '}' || c == '*';
        if (o + (esc ? 2 : 1) > cap)
            break;
        if (esc) {
            out[o++] = '}';
            out[o++] = c ^ 0x20;
        } else {
            out[o++] = c;
        }
    }
    *consumed = i;
    return o;
}

bool gdb_bin_unescape(uint8_t *buf, size_t len, size_t *out_len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '}') {
            if (++i >= len)
                return false;
            buf[o++] = buf[i] ^ 0x20;
        } else {
            buf[o++] = buf[i];
        }
    }
    *out_len = o;
    return true;
}
