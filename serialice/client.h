/*
 * SerialICE host protocol client: talks to the shell on a real board (or
 * the target simulator) over a sice_transport.
 *
 * Wire protocol (docs/serialice.md has the full table):
 *   handshake  '@' until a fresh prompt "\n> ", a second '@' (its echo and
 *              prompt checked), then *vi (version line) and *mb (32 chars);
 *   command    sent byte by byte, every echo checked; then exactly the
 *              reply's length ('\n' + fixed-width hex), then the prompt
 *              "\n> " that follows every command (a write's only reply).
 * '\r' is dropped from everything received (the original host relied on
 * the tty's IGNCR; we do it here so TCP and pty behave the same).
 *
 * Invariant between calls: the board sits at a prompt that we have
 * already consumed, so the next byte we see is the echo of what we send.
 *
 * Fault policy (documented in docs/serialice.md):
 *   - echo mismatch, line noise, short or non-hex reply, timeout: report,
 *     resynchronise ('@' until a fresh prompt with the line quiet), retry
 *     the access once; a second failure stops the session;
 *   - the board's reset banner seen, or the line closed: stop at once
 *     (the board's state no longer matches the simulation / nothing left
 *     to retry on);
 *   - once stopped, every call returns SICE_ERR_STOPPED immediately, so the
 *     caller can stop the simulation cleanly and flush the log.
 * Every message names the access: "serialice: read 0x101f1018.l: echo
 * mismatch (sent '*', got 'x')".
 */
#ifndef SERIALICE_CLIENT_H
#define SERIALICE_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "serialice/status.h"
#include "serialice/transport.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sice_client_config {
    unsigned timeout_ms;   /* wait for any expected byte; 0: 10000 (the original's VTIME=100) */
    unsigned quiet_ms;     /* resync: the line counts as quiet after this; 0: 100 */
    unsigned retries;      /* retries per access after a recoverable fault; default 1 */
    bool no_retry;         /* set to make retries 0 (retries=0 means "default")    */
    /* Where warnings and the final error go, one line each without '\n'.
     * NULL: stderr. */
    void (*message)(void *opaque, const char *line);
    void *message_opaque;
} sice_client_config;

#define SICE_RXBUF 256
#define SICE_MSG 256

typedef struct sice_client {
    sice_transport *t;
    sice_client_config cfg;
    uint8_t rx[SICE_RXBUF];       /* received, not yet consumed (raw, '\r' included) */
    size_t rx_pos, rx_len;
    uint8_t seen[SICE_RXBUF];     /* last bytes of the failing exchange (diagnostics) */
    size_t seen_len;
    char version[96];             /* "SerialICE v1.6 (...)"                  */
    char mainboard[33];           /* trailing spaces stripped                */
    bool stopped;
    sice_status stop_status;
    char error[SICE_MSG];         /* the message that stopped the session    */
    char detail[SICE_MSG];        /* scratch: why the current attempt failed */
    unsigned retried;             /* accesses that needed a retry (stats)    */
} sice_client;

/* Handshake over an open transport (not owned).  On failure c->error says why. */
sice_status sice_client_open(sice_client *c, sice_transport *t,
                             const sice_client_config *cfg) SICE_WUR;

/* Memory: size 1, 2, 4 or 8; addresses are 32-bit on the wire. */
sice_status sice_read_mem(sice_client *c, uint32_t addr, unsigned size, uint64_t *val) SICE_WUR;
sice_status sice_write_mem(sice_client *c, uint32_t addr, unsigned size, uint64_t val) SICE_WUR;
/* I/O ports: 16-bit port, size 1, 2 or 4. */
sice_status sice_read_io(sice_client *c, uint16_t port, unsigned size, uint64_t *val) SICE_WUR;
sice_status sice_write_io(sice_client *c, uint16_t port, unsigned size, uint64_t val) SICE_WUR;
/* MSRs (x86 boards): value is hi:lo; key goes to EDI on the board. */
sice_status sice_rdmsr(sice_client *c, uint32_t msr, uint32_t key, uint64_t *val) SICE_WUR;
sice_status sice_wrmsr(sice_client *c, uint32_t msr, uint32_t key, uint64_t val) SICE_WUR;
/* CPUID: out = eax, ebx, ecx, edx. */
sice_status sice_cpuid(sice_client *c, uint32_t eax, uint32_t ecx, uint32_t out[4]) SICE_WUR;

/* Strings read at handshake. */
const char *sice_client_version(const sice_client *c);
const char *sice_client_mainboard(const sice_client *c);
/* The message that stopped the session ("" while running). */
const char *sice_client_error(const sice_client *c);

#ifdef __cplusplus
}
#endif

#endif
