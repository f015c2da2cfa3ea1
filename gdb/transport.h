/*
 * Transports for the GDB stub: a TCP or Unix-domain listening socket, one
 * client at a time, non-blocking, polled by the simulation.
 *
 * Specs accepted (the -gdb option; -s means "tcp::1234"):
 *   tcp::PORT          127.0.0.1:PORT (loopback unless told otherwise)
 *   tcp:HOST:PORT      explicit address, e.g. tcp:0.0.0.0:1234
 *   PORT / :PORT       shorthand for tcp::PORT
 *   unix:PATH          Unix-domain socket (a stale socket file is replaced)
 * PORT 0 binds an ephemeral port (tests); gdb_transport_port tells which.
 *
 * While a client is connected, further connections are accepted and
 * closed at once (gdb sees "connection closed").  A client that goes
 * away (EOF, error, failed write) is dropped: the stub releases the
 * machine and a new client can attach.
 */
#ifndef GDB_TRANSPORT_H
#define GDB_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "stub.h"

typedef struct gdb_transport gdb_transport;

/* Open and listen.  On failure returns a negative GDB_ERR_* and puts one
 * line (no newline) in err, e.g. "gdb: cannot listen on 127.0.0.1:1234:
 * Address already in use". */
GDB_WUR int gdb_transport_open(gdb_transport **out, const char *spec, char *err, size_t errlen);
void gdb_transport_close(gdb_transport *t);
/* Bound TCP port, or -1 for a Unix socket. */
int gdb_transport_port(const gdb_transport *t);
bool gdb_transport_connected(const gdb_transport *t);
/* Where it listens, e.g. "127.0.0.1:1234" or "unix:/tmp/gdb.sock" (for
 * the "waiting for gdb" log line). */
void gdb_transport_describe(const gdb_transport *t, char *buf, size_t len);

/* Accept a client, read what it sent and feed it to the stub; wait at
 * most timeout_ms for something to happen (0: do not wait, -1: wait
 * forever).  Returns the number of bytes fed, or 0. */
size_t gdb_transport_poll(gdb_transport *t, gdb_stub *s, int timeout_ms);

/* Drop the current client (the stub is told). */
void gdb_transport_drop(gdb_transport *t, gdb_stub *s);

#endif
