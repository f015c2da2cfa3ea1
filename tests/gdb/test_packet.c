/*
 * Packet layer: framing, checksums, acks, 0x03, run-length decoding and
 * encoding, binary escapes, oversize and garbage resynchronisation.
 * Expected checksums are computed by hand in the comments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "gdb/packet.h"

/* feed a C string; return the last non-NONE event (NONE if none) */
static gdb_pkt_event feed_str(gdb_pkt_parser *p, const char *s, int *nevents)
{
    gdb_pkt_event last = GDB_PKT_NONE;
    int n = 0;
    for (; *s; s++) {
        gdb_pkt_event e = gdb_pkt_push(p, (uint8_t)*s);
        if (e != GDB_PKT_NONE) {
            last = e;
            n++;
        }
    }
    if (nevents)
        *nevents = n;
    return last;
}

static gdb_pkt_parser *new_parser(size_t cap)
{
    gdb_pkt_parser *p = malloc(sizeof *p);
    gdb_pkt_parser_init(p, cap);
    return p;
}

CTEST(gdb_packet, good_checksum)
{
    gdb_pkt_parser *p = new_parser(0);
    /* 'O' 0x4f + 'K' 0x4b = 0x9a */
    CT_EXPECT_EQ(feed_str(p, "$OK#9a", NULL), GDB_PKT_PACKET);
    CT_EXPECT_EQ(p->len, 2);
    CT_EXPECT_STREQ((char *)p->data, "OK");
    /* upper-case checksum digits are accepted too */
    CT_EXPECT_EQ(feed_str(p, "$OK#9A", NULL), GDB_PKT_PACKET);
    /* empty packet: checksum 00 */
    CT_EXPECT_EQ(feed_str(p, "$#00", NULL), GDB_PKT_PACKET);
    CT_EXPECT_EQ(p->len, 0);
    free(p);
}

CTEST(gdb_packet, bad_checksum)
{
    gdb_pkt_parser *p = new_parser(0);
    CT_EXPECT_EQ(feed_str(p, "$OK#9b", NULL), GDB_PKT_BAD_CHECKSUM);
    CT_EXPECT_EQ(feed_str(p, "$OK#zz", NULL), GDB_PKT_BAD_CHECKSUM);
    CT_EXPECT_EQ(feed_str(p, "$OK#9", NULL), GDB_PKT_NONE);   /* incomplete */
    CT_EXPECT_EQ(feed_str(p, "g", NULL), GDB_PKT_BAD_CHECKSUM);
    CT_EXPECT_EQ(p->stat_bad_checksum, 3);
    CT_EXPECT_EQ(p->stat_packets, 0);
    /* the parser is back in sync */
    CT_EXPECT_EQ(feed_str(p, "$OK#9a", NULL), GDB_PKT_PACKET);
    free(p);
}

CTEST(gdb_packet, acks_and_interrupt)
{
    gdb_pkt_parser *p = new_parser(0);
    CT_EXPECT_EQ(gdb_pkt_push(p, '+'), GDB_PKT_ACK);
    CT_EXPECT_EQ(gdb_pkt_push(p, '-'), GDB_PKT_NACK);
    CT_EXPECT_EQ(gdb_pkt_push(p, 0x03), GDB_PKT_INTERRUPT);
    /* inside a frame they are data: 0x03, '+' and '-' */
    const uint8_t frame[] = { '$', 0x03, '+', '-', '#', '3', '1' };  /* 3+0x2b+0x2d = 0x5b */
    gdb_pkt_event last = GDB_PKT_NONE;
    for (size_t i = 0; i < sizeof frame; i++) {
        gdb_pkt_event e = gdb_pkt_push(p, frame[i]);
        if (i + 1 < sizeof frame)
            CT_EXPECT_EQ(e, GDB_PKT_NONE);
        last = e;
    }
    CT_EXPECT_EQ(last, GDB_PKT_BAD_CHECKSUM);   /* 0x31 != 0x5b */
    const uint8_t frame2[] = { '$', 0x03, '+', '-', '#', '5', 'b' };
    for (size_t i = 0; i < sizeof frame2; i++)
        last = gdb_pkt_push(p, frame2[i]);
    CT_ASSERT_EQ(last, GDB_PKT_PACKET);
    CT_EXPECT_EQ(p->len, 3);
    CT_EXPECT_EQ(p->data[0], 0x03);
    free(p);
}

CTEST(gdb_packet, chunked_feed)
{
    gdb_pkt_parser *p = new_parser(0);
    /* "m1000,4": 6d+31+30+30+30+2c+34 = 0x18e -> 8e; preceded by an ack */
    const char *stream = "+$m1000,4#8e+";
    size_t len = strlen(stream);
    for (size_t chunk = 1; chunk <= len; chunk++) {
        gdb_pkt_parser_init(p, 0);
        int packets = 0, acks = 0;
        for (size_t off = 0; off < len;) {
            size_t n = len - off < chunk ? len - off : chunk;
            while (n) {
                gdb_pkt_event ev;
                size_t used = gdb_pkt_feed(p, (const uint8_t *)stream + off, n, &ev);
                CT_ASSERT_TRUE(used > 0 && used <= n);
                if (ev == GDB_PKT_PACKET) {
                    packets++;
                    CT_EXPECT_STREQ((char *)p->data, "m1000,4");
                }
                if (ev == GDB_PKT_ACK)
                    acks++;
                off += used;
                n -= used;
            }
        }
        CT_EXPECT_EQ(packets, 1);
        CT_EXPECT_EQ(acks, 2);
    }
    free(p);
}

CTEST(gdb_packet, rle_decode)
{
    gdb_pkt_parser *p = new_parser(0);
    /* "0* " = '0' + 3 more = "0000"; sum 0x30+0x2a+0x20 = 0x7a */
    CT_ASSERT_EQ(feed_str(p, "$0* #7a", NULL), GDB_PKT_PACKET);
    CT_EXPECT_STREQ((char *)p->data, "0000");
    /* "ab*\"c": 'b' + 5 more (0x22 - 29); sum 61+62+2a+22+63 = 0x172 -> 72 */
    CT_ASSERT_EQ(feed_str(p, "$ab*\"c#72", NULL), GDB_PKT_PACKET);
    CT_EXPECT_STREQ((char *)p->data, "abbbbbbc");
    free(p);
}

CTEST(gdb_packet, rle_malformed)
{
    gdb_pkt_parser *p = new_parser(0);
    /* '*' with nothing to repeat: sum 2a+20 = 4a */
    CT_EXPECT_EQ(feed_str(p, "$* #4a", NULL), GDB_PKT_MALFORMED);
    /* count below ' ': 0x30 + 0x2a + 0x1f = 0x79 */
    const char bad[] = { '$', '0', '*', 0x1f, '#', '7', '9', 0 };
    CT_EXPECT_EQ(feed_str(p, bad, NULL), GDB_PKT_MALFORMED);
    /* '*' right before '#' */
    CT_EXPECT_EQ(feed_str(p, "$0*#5a", NULL), GDB_PKT_MALFORMED);
    CT_EXPECT_EQ(p->stat_malformed, 3);
    CT_EXPECT_EQ(feed_str(p, "$OK#9a", NULL), GDB_PKT_PACKET);
    free(p);
}

CTEST(gdb_packet, escapes_kept_then_unescaped)
{
    gdb_pkt_parser *p = new_parser(0);
    /* X data "}\x03" is an escaped '#'; "}\x5d" an escaped '}' */
    const uint8_t frame_body[] = { 'X', '}', 0x03, '}', 0x5d, '}', 0x0a };
    unsigned sum = 0;
    for (size_t i = 0; i < sizeof frame_body; i++)
        sum += frame_body[i];
    gdb_pkt_push(p, '$');
    for (size_t i = 0; i < sizeof frame_body; i++)
        CT_EXPECT_EQ(gdb_pkt_push(p, frame_body[i]), GDB_PKT_NONE);
    const char *hex = "0123456789abcdef";
    gdb_pkt_push(p, '#');
    gdb_pkt_push(p, (uint8_t)hex[(sum >> 4) & 15]);
    CT_ASSERT_EQ(gdb_pkt_push(p, (uint8_t)hex[sum & 15]), GDB_PKT_PACKET);
    CT_ASSERT_EQ(p->len, sizeof frame_body);
    size_t n;
    CT_ASSERT_TRUE(gdb_bin_unescape(p->data + 1, p->len - 1, &n));
    CT_ASSERT_EQ(n, 3);
    CT_EXPECT_EQ(p->data[1], '#');
    CT_EXPECT_EQ(p->data[2], '}');
    CT_EXPECT_EQ(p->data[3], '*');
    uint8_t lone[] = { 'a', '}' };
    CT_EXPECT_FALSE(gdb_bin_unescape(lone, 2, &n));
    free(p);
}

CTEST(gdb_packet, bin_escape)
{
    const uint8_t in[] = { '$', '#', '}', '*', 'a', 0x00 };
    uint8_t out[16];
    size_t used;
    size_t n = gdb_bin_escape(in, sizeof in, out, sizeof out, &used);
    const uint8_t want[] = { '}', 0x04, '}', 0x03, '}', 0x5d, '}', 0x0a, 'a', 0x00 };
    CT_ASSERT_EQ(n, sizeof want);
    CT_EXPECT_EQ(used, sizeof in);
    CT_EXPECT_EQ(memcmp(out, want, n), 0);
    /* output space for 3 bytes: '$' needs 2, '#' would need 2 more */
    n = gdb_bin_escape(in, sizeof in, out, 3, &used);
    CT_EXPECT_EQ(n, 2);
    CT_EXPECT_EQ(used, 1);
}

CTEST(gdb_packet, oversize_rejected_then_resync)
{
    gdb_pkt_parser *p = new_parser(16);
    char big[64];
    memset(big, 'a', 40);
    big[40] = 0;
    char frame[80];
    /* 40 * 0x61 = 0xf28 -> 28 */
    snprintf(frame, sizeof frame, "$%s#28", big);
    CT_EXPECT_EQ(feed_str(p, frame, NULL), GDB_PKT_OVERSIZE);
    CT_EXPECT_EQ(p->len, 0);
    CT_EXPECT_EQ(p->stat_oversize, 1);
    /* exactly the capacity is fine: 16 * 0x61 = 0x610 -> 10 */
    memset(big, 'a', 16);
    big[16] = 0;
    snprintf(frame, sizeof frame, "$%s#10", big);
    CT_EXPECT_EQ(feed_str(p, frame, NULL), GDB_PKT_PACKET);
    CT_EXPECT_EQ(p->len, 16);
    /* a run-length sequence cannot expand past the buffer either:
     * "a*~" = 1 + 97 bytes; sum 61+2a+7e = 0x109 -> 09 */
    CT_EXPECT_EQ(feed_str(p, "$a*~#09", NULL), GDB_PKT_OVERSIZE);
    CT_EXPECT_EQ(feed_str(p, "$OK#9a", NULL), GDB_PKT_PACKET);
    free(p);
}

CTEST(gdb_packet, garbage_resync)
{
    gdb_pkt_parser *p = new_parser(0);
    int n;
    /* junk, a cut-off frame, then a good one */
    CT_EXPECT_EQ(feed_str(p, "junk\r\n$m10$OK#9a", &n), GDB_PKT_PACKET);
    CT_EXPECT_EQ(n, 1);
    CT_EXPECT_STREQ((char *)p->data, "OK");
    CT_EXPECT_EQ(p->stat_garbage, 7);   /* 6 junk bytes + 1 cut-off frame */
    CT_EXPECT_FALSE(gdb_pkt_in_frame(p));
    free(p);
}

CTEST(gdb_packet, encode_plain)
{
    uint8_t out[32];
    size_t n = gdb_pkt_encode((const uint8_t *)"OK", 2, false, out, sizeof out);
    CT_ASSERT_EQ(n, 6);
    CT_EXPECT_EQ(memcmp(out, "$OK#9a", 6), 0);
    n = gdb_pkt_encode((const uint8_t *)"", 0, false, out, sizeof out);
    CT_ASSERT_EQ(n, 4);
    CT_EXPECT_EQ(memcmp(out, "$#00", 4), 0);
    /* does not fit: 0 */
    CT_EXPECT_EQ(gdb_pkt_encode((const uint8_t *)"OK", 2, false, out, 5), 0);
}

CTEST(gdb_packet, encode_rle_roundtrip)
{
    gdb_pkt_parser *p = new_parser(0);
    uint8_t out[512];
    char in[300];
    /* runs of every length 1..100 of alternating characters */
    for (int runlen = 1; runlen <= 100; runlen++) {
        size_t k = 0;
        for (int r = 0; r < runlen; r++)
            in[k++] = '0';
        in[k++] = 'x';
        for (int r = 0; r < runlen; r++)
            in[k++] = 'f';
        size_t n = gdb_pkt_encode((const uint8_t *)in, k, true, out, sizeof out);
        CT_ASSERT_TRUE(n > 0);
        /* count characters never '#' or '$' inside the body */
        for (size_t i = 1; i + 3 < n; i++)
            CT_EXPECT_TRUE(out[i] != '#' && out[i] != '$');
        if (runlen >= 4)
            CT_EXPECT_TRUE(n < k + 4);   /* actually compressed */
        gdb_pkt_event last = GDB_PKT_NONE;
        for (size_t i = 0; i < n; i++)
            last = gdb_pkt_push(p, out[i]);
        CT_ASSERT_EQ(last, GDB_PKT_PACKET);
        CT_ASSERT_EQ(p->len, k);
        CT_EXPECT_EQ(memcmp(p->data, in, k), 0);
    }
    free(p);
}

CTEST(gdb_packet, hex)
{
    uint8_t b[4];
    CT_ASSERT_TRUE(gdb_hex_decode("deadBEEF", 4, b));
    CT_EXPECT_EQ(b[0], 0xde);
    CT_EXPECT_EQ(b[3], 0xef);
    CT_EXPECT_FALSE(gdb_hex_decode("de0g", 2, b));
    CT_EXPECT_FALSE(gdb_hex_decode("d", 1, b));
    char h[9] = { 0 };
    gdb_hex_encode((const uint8_t *)"\x01\xab\xff\x10", 4, h);
    CT_EXPECT_STREQ(h, "01abff10");
}
