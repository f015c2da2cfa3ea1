/*
 * Fuzz entry: feed arbitrary bytes to a stub attached to the fake machine,
 * in varying chunk sizes, letting the machine run between chunks, and
 * check that whatever the stub writes back is well-framed.
 *
 * The first input byte selects the configuration (bit 0 start halted,
 * bit 1 run-length encoded replies, bit 2 a 256-byte PacketSize, bit 3
 * disconnect and reattach half-way); the rest is the client's byte
 * stream.  Deterministic: the same input always takes the same path.
 */
#include "fuzz_entry.h"

#include <stdlib.h>

#include "fake_target.h"
#include "gdb/packet.h"
#include "gdb/stub.h"

typedef struct fuzz_sink {
    gdb_pkt_parser parser;  /* re-parses everything the stub writes */
    int violation;
} fuzz_sink;

static size_t sink_write(void *io, const uint8_t *buf, size_t len)
{
    fuzz_sink *k = io;
    for (size_t i = 0; i < len; i++) {
        gdb_pkt_event e = gdb_pkt_push(&k->parser, buf[i]);
        if (e == GDB_PKT_BAD_CHECKSUM || e == GDB_PKT_MALFORMED || e == GDB_PKT_OVERSIZE)
            k->violation = 1;
    }
    return len;
}

static void load_program(fake_machine *m)
{
    fake_poke(m, 0x1000, 0);
    fake_poke(m, 0x1004, 0x01001800);
    fake_poke(m, 0x1008, 0x02001800);
    fake_poke(m, 0x100c, 0x03001000);
    fake_poke(m, 0x1100, 0x03001100);
    fake_poke(m, 0x1200, 0xff000001);
}

int gdb_fuzz_one(const uint8_t *data, size_t len)
{
    if (len == 0)
        return 0;
    uint8_t flags = data[0];
    data++;
    len--;
    fake_machine *m = malloc(sizeof *m);
    fuzz_sink *k = malloc(sizeof *k);
    if (!m || !k) {
        free(m);
        free(k);
        return 0;
    }
    fake_init(m);
    load_program(m);
    gdb_pkt_parser_init(&k->parser, 0);
    k->violation = 0;
    gdb_stub_config cfg = {
        .start_halted = flags & 1,
        .rle = (flags & 2) != 0,
        .packet_size = (flags & 4) ? 256 : 0,
    };
    gdb_stub *s = gdb_stub_new(&fake_dif, m, &cfg);
    int rc = 0;
    if (!s)
        goto out;
    gdb_stub_client_connected(s, sink_write, k);
    static const size_t chunks[] = { 1, 7, 64, 3, 1024, 2, 13 };
    size_t off = 0, ci = 0;
    bool reattached = false;
    while (off < len) {
        size_t n = chunks[ci++ % (sizeof chunks / sizeof chunks[0])];
        if (n > len - off)
            n = len - off;
        gdb_stub_feed(s, data + off, n);
        off += n;
        if ((flags & 8) && !reattached && off >= len / 2) {
            gdb_stub_client_disconnected(s);
            fake_run(m, s, 5);
            gdb_stub_client_connected(s, sink_write, k);
            gdb_pkt_parser_init(&k->parser, 0);
            reattached = true;
        }
        bool any = gdb_stub_any_running(s);
        for (int c = 0; c < FAKE_NCPUS; c++) {
            gdb_run r = gdb_stub_cpu_run(s, c);
            if (!any && (r == GDB_RUN_CONTINUE || r == GDB_RUN_STEP))
                rc = 2;
        }
        fake_run(m, s, 20);
        if (m->bps.n > GDB_BPSET_MAX)
            rc = 3;
    }
    gdb_stub_client_disconnected(s);
    if (m->bps.n != 0)
        rc = 3;     /* a disconnect must remove everything the client inserted */
    if (k->violation)
        rc = 1;
    gdb_stub_free(s);
out:
    free(m);
    free(k);
    return rc;
}
