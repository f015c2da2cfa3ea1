/*
 * Character backends for UART models: where a serial port's bytes go and
 * where its input comes from, chosen with a QEMU-style spec:
 *
 *   stdio | mon:stdio        the terminal (raw input only when stdin is a tty)
 *   null                     output dropped, no input
 *   file:PATH                output written to PATH (created/truncated), no input
 *   tcp:HOST:PORT[,server][,nowait]
 *                            client: connect to HOST:PORT;
 *                            server: listen on HOST (default 127.0.0.1; an
 *                            empty HOST means 127.0.0.1 too), and without
 *                            nowait block until a client connects, as QEMU does
 *   pty                      a new pseudo-terminal, announced like QEMU:
 *                            "char device redirected to /dev/pts/N (label L)"
 *
 * A chardev implements `periph_chr` (peripherals/periph.h): the UART model
 * calls ops->write for output; for input the simulation calls
 * chardev_poll() now and then (no threads), which reads what is available
 * without blocking and feeds the device through can_receive/receive.
 * Bytes the device cannot take yet stay in the host's buffer.
 *
 * Invariants: no global state (each chardev owns its fds and the saved
 * terminal mode); chardev_close restores the terminal and closes every fd;
 * the caller must close every chardev before exiting (also on signals) or a
 * tty is left in raw mode.  Output to a peer that is gone is dropped, as
 * QEMU drops it.
 */
#ifndef COSIM_CHARDEV_H
#define COSIM_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "peripherals/periph.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CHARDEV_WUR __attribute__((warn_unused_result))

typedef enum chardev_kind {
    CHARDEV_NULL = 0,
    CHARDEV_STDIO,
    CHARDEV_FILE,
    CHARDEV_TCP,
    CHARDEV_PTY,
} chardev_kind;

typedef struct chardev_spec {
    chardev_kind kind;
    char path[256];            /* file                                        */
    char host[128];            /* tcp: "127.0.0.1" when the spec leaves it out */
    uint16_t port;             /* tcp: 0 lets the OS choose (server, tests)    */
    bool server;               /* tcp                                          */
    bool nowait;               /* tcp server: don't wait for the first client  */
    bool mux_monitor;          /* written "mon:stdio"; otherwise plain stdio    */
} chardev_spec;

typedef struct chardev chardev;

/* Parse a spec; false with a one-line reason, e.g.
 * "chardev 'tcp:1234,server': expected tcp:HOST:PORT[,server][,nowait]". */
CHARDEV_WUR bool chardev_parse(chardev_spec *spec, const char *text, char *err, size_t err_len);

/* Open a backend.  `label` names the port in messages ("serial0");
 * `msg` receives notices such as the pty path (NULL: stderr). */
CHARDEV_WUR bool chardev_open(chardev **out, const chardev_spec *spec, const char *label,
                              FILE *msg, char *err, size_t err_len);

/* chardev_parse + chardev_open. */
CHARDEV_WUR bool chardev_open_str(chardev **out, const char *text, const char *label,
                                  FILE *msg, char *err, size_t err_len);

/* The periph_chr to hand to the UART's attach_chr.  Owned by the chardev. */
periph_chr *chardev_chr(chardev *c);

/* Deliver available input to the device without blocking (and, for a tcp
 * server, accept a waiting client).  Returns bytes delivered. */
size_t chardev_poll(chardev *c);

/* Write to the outside world (what chr->ops->write does). */
size_t chardev_write(chardev *c, const uint8_t *buf, size_t len);

chardev_kind chardev_get_kind(const chardev *c);
/* pty: the slave path ("/dev/pts/N"); NULL for other kinds. */
const char *chardev_pty_path(const chardev *c);
/* tcp server: the port actually listened on (useful with port 0); else 0. */
uint16_t chardev_tcp_port(const chardev *c);
/* tcp: whether a peer is connected now. */
bool chardev_connected(const chardev *c);

/* Restore the terminal, close fds, free.  NULL is fine. */
void chardev_close(chardev *c);

#ifdef __cplusplus
}
#endif

#endif
