/*
 * SerialICE transports: the byte pipe between the host and the board.
 *
 * Three ways to reach a board, one file descriptor each:
 *   - a serial device (USB adapter, /dev/ttyS*): raw 8N1, no flow control,
 *     a fixed baud rate, opened exclusively (TIOCEXCL) so no getty or
 *     second emulator can steal bytes;
 *   - a pseudo-terminal master (the target-end simulator serves a simulated
 *     board on it; `path` reports the slave for the host to open);
 *   - a TCP connection (a board behind a terminal server), TCP_NODELAY set
 *     because SerialICE exchanges one byte per round trip.
 * `sice_transport_from_fd` adopts any other descriptor (socketpair in tests).
 *
 * Invariants: the fd is non-blocking; every read and write is bounded by
 * a timeout (poll), so no call can hang.  '\r' is NOT stripped here: the
 * client does that so every transport behaves the same.
 */
#ifndef SERIALICE_TRANSPORT_H
#define SERIALICE_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "serialice/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sice_transport_kind {
    SICE_TRANSPORT_NONE = 0,
    SICE_TRANSPORT_SERIAL,
    SICE_TRANSPORT_PTY,
    SICE_TRANSPORT_TCP,
    SICE_TRANSPORT_FD,
} sice_transport_kind;

typedef struct sice_transport {
    int fd;                   /* -1 when closed                            */
    int keep_fd;              /* pty: our own slave fd, or -1 (see open_pty) */
    sice_transport_kind kind;
    char path[256];           /* device path, pty slave path or host:port  */
    char err[256];            /* last error, for messages                  */
} sice_transport;

/* Baud rates accepted for serial devices (9600..460800). */
#define SICE_BAUD_DEFAULT 115200u

/* Zero the struct (fd = -1).  Safe to close afterwards. */
void sice_transport_init(sice_transport *t);

/* Serial device: raw 8N1 at `baud`, exclusive.  Also works on a pty slave. */
sice_status sice_transport_open_serial(sice_transport *t, const char *path,
                                       unsigned baud) SICE_WUR;

/*
 * New pty: t->fd is the master (raw mode), t->path the slave path.
 * keep_slave: hold the slave open ourselves so a host may close and reopen
 * it without the master seeing a hang-up (the standalone target wants that;
 * tests that check disconnect handling do not).
 */
sice_status sice_transport_open_pty(sice_transport *t, int keep_slave) SICE_WUR;

/* TCP client to host:port with TCP_NODELAY; connect bounded by timeout_ms. */
sice_status sice_transport_open_tcp(sice_transport *t, const char *host, unsigned port,
                                    unsigned timeout_ms) SICE_WUR;

/* Adopt an open descriptor (made non-blocking; closed by sice_transport_close). */
sice_status sice_transport_from_fd(sice_transport *t, int fd) SICE_WUR;

/*
 * Read up to `len` bytes, waiting at most timeout_ms for the first one.
 * *got is the count (>= 1 on SICE_OK).  SICE_ERR_TIMEOUT when nothing came,
 * SICE_ERR_CLOSED on EOF / EIO / hang-up.
 */
sice_status sice_transport_read(sice_transport *t, uint8_t *buf, size_t len,
                                 unsigned timeout_ms, size_t *got) SICE_WUR;

/* Write all `len` bytes; each wait for room is bounded by timeout_ms. */
sice_status sice_transport_write(sice_transport *t, const uint8_t *buf, size_t len,
                                 unsigned timeout_ms) SICE_WUR;

/* Discard what the OS has buffered in both directions (tcflush on ttys). */
void sice_transport_flush(sice_transport *t);

void sice_transport_close(sice_transport *t);

/* Map a baud number to its termios speed; 0 if unsupported. */
unsigned sice_baud_to_speed(unsigned baud);

#ifdef __cplusplus
}
#endif

#endif
