/*
 * GDB remote serial protocol framing: a push parser for the byte stream
 * from the client, the encoder for replies, binary escapes and hex.
 *
 * Wire format (GDB manual, "Overview" of the remote protocol):
 *   $<payload>#<two hex digits: sum of payload bytes mod 256>
 *   '+' / '-'  acknowledge / ask for a resend (unless NoAck mode)
 *   0x03       outside a packet: interrupt (Ctrl-C)
 *   '}' x      escape: the byte is x ^ 0x20 (binary data only, e.g. X)
 *   c '*' n    run-length: c repeated (n - 29) more times, n in 32..126
 *              and n is never '#' or '$'
 *
 * The parser is fed one byte at a time (any chunking works) and owns a
 * bounded buffer: a packet longer than the capacity is swallowed up to its
 * '#cc' and reported as OVERSIZE, never stored.  A '$' inside a packet
 * restarts framing (the earlier packet was cut off); bytes outside a
 * packet that are not '$', '+', '-' or 0x03 are counted as garbage and
 * skipped, so the parser always resynchronises on the next '$'.
 *
 * Run-length sequences are expanded on input, while checksumming the raw
 * bytes.  Escapes are NOT undone here: only binary packets carry them, so
 * the packet handler calls gdb_bin_unescape on the binary part.
 */
#ifndef GDB_PACKET_H
#define GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug-if.h"

/* Largest payload the stub accepts (advertised as PacketSize). */
#define GDB_PKT_MAX 16384

typedef enum gdb_pkt_event {
    GDB_PKT_NONE = 0,       /* byte consumed; nothing complete yet          */
    GDB_PKT_PACKET,         /* complete packet: data[0..len), NUL-terminated */
    GDB_PKT_BAD_CHECKSUM,   /* complete frame, checksum wrong or not hex    */
    GDB_PKT_MALFORMED,      /* complete frame, bad run-length sequence      */
    GDB_PKT_OVERSIZE,       /* frame longer than the capacity: discarded    */
    GDB_PKT_ACK,            /* '+'                                          */
    GDB_PKT_NACK,           /* '-'                                          */
    GDB_PKT_INTERRUPT,      /* 0x03 outside a packet                        */
} gdb_pkt_event;

typedef struct gdb_pkt_parser {
    int state;              /* private: framing state                       */
    uint8_t sum;            /* running checksum of raw payload bytes        */
    uint8_t rx_sum;         /* checksum received (first digit)              */
    bool rx_sum_bad;        /* a checksum digit was not hex                 */
    bool oversize;          /* this frame overflowed the buffer             */
    bool malformed;         /* this frame had a bad run-length sequence     */
    bool have_prev;         /* a byte exists that '*' may repeat            */
    size_t len;             /* payload bytes stored                         */
    size_t cap;             /* capacity (<= GDB_PKT_MAX)                    */
    /* counters, for logs and tests */
    uint64_t stat_packets, stat_garbage, stat_bad_checksum, stat_oversize, stat_malformed;
    uint8_t data[GDB_PKT_MAX + 1];
} gdb_pkt_parser;

/* cap: 0 or > GDB_PKT_MAX means GDB_PKT_MAX. */
void gdb_pkt_parser_init(gdb_pkt_parser *p, size_t cap);
/* Feed one byte. */
gdb_pkt_event gdb_pkt_push(gdb_pkt_parser *p, uint8_t byte);
/* Feed bytes until the first event other than NONE (returned in *ev) or
 * the end of the input; returns the number of bytes consumed. */
size_t gdb_pkt_feed(gdb_pkt_parser *p, const uint8_t *in, size_t len, gdb_pkt_event *ev);
/* True while the parser is inside a frame. */
bool gdb_pkt_in_frame(const gdb_pkt_parser *p);

/* Frame a payload: writes $payload#cs into out.  With rle, runs of 4 or
 * more equal bytes are compressed (never producing '#' or '$' as a count;
 * payloads containing '}' are not compressed, so escapes stay intact).
 * Returns the frame length, or 0 if it does not fit in cap. */
GDB_WUR size_t gdb_pkt_encode(const uint8_t *payload, size_t len, bool rle, uint8_t *out, size_t cap);

/* Escape binary data for a reply ('$', '#', '}', '*' become '}' x^0x20).
 * Consumes input while the output fits; *consumed = input bytes used.
 * Returns output bytes. */
size_t gdb_bin_escape(const uint8_t *in, size_t len, uint8_t *out, size_t cap, size_t *consumed);
/* Undo escapes in place; false on a trailing lone '}'. */
GDB_WUR bool gdb_bin_unescape(uint8_t *buf, size_t len, size_t *out_len);

/* Hex helpers.  gdb_hex_val: 0..15 or -1. */
int gdb_hex_val(int c);
/* Decode exactly 2*n hex digits into n bytes; false on a non-hex digit. */
GDB_WUR bool gdb_hex_decode(const char *hex, size_t n, uint8_t *out);
/* Encode n bytes as 2*n lowercase hex digits (no NUL). */
void gdb_hex_encode(const uint8_t *in, size_t n, char *out);

#endif
