/*
 * Test helpers for the gdb stub: a client endpoint that records what the
 * stub writes and frames packets for it with its own (independent)
 * checksum code, and a fixture tying a fake machine, a stub and a client.
 */
#ifndef TESTS_GDB_TEST_UTIL_H
#define TESTS_GDB_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fake_target.h"
#include "gdb/packet.h"
#include "gdb/stub.h"

typedef struct tio {
    uint8_t out[1 << 18];   /* everything the stub wrote          */
    size_t len, rd;         /* bytes written / consumed by tio_next */
    int acks, nacks;        /* '+' / '-' seen by tio_next           */
    bool bad_frame;         /* a frame failed its checksum          */
    bool fail_writes;       /* simulate a broken connection         */
    char pkt[GDB_PKT_MAX + 1];
    size_t pkt_len;
} tio;

size_t tio_write(void *io, const uint8_t *buf, size_t len);
/* frame payload (len bytes) and feed it to the stub */
void tio_send_n(gdb_stub *s, const char *payload, size_t len);
void tio_send(gdb_stub *s, const char *payload);
/* next frame the stub wrote (acks skipped and counted), or NULL */
const char *tio_next(tio *t);
/* discard everything pending */
void tio_drain(tio *t);

typedef struct gdb_fixture {
    fake_machine m;
    tio io;
    gdb_stub *s;
} gdb_fixture;

/* connect a client; multiprocess/swbreak negotiated when `mp` */
gdb_fixture *fx_new(bool start_halted, bool mp);
void fx_free(gdb_fixture *f);
/* send a packet and return the next reply (NULL if none) */
const char *fx_cmd(gdb_fixture *f, const char *payload);
/* decode a hex reply (O packets / qThreadExtraInfo) into text */
void fx_unhex(const char *hex, char *out, size_t cap);
/* hex-encode text */
void fx_hex(const char *text, char *out, size_t cap);

#endif
