/*
 * SerialICE connection settings, parsed from the command-line option
 *
 *   -serialice dev=/dev/ttyUSB0[,baud=115200][,timeout=MS][,quiet=MS]
 *              [,retries=N][,log=FILE][,rules=FILE][,latency=NS]
 *   -serialice tcp=HOST:PORT[,...]            board behind a terminal server
 *
 * (forwarding rules come separately: -serialice-forward RULE, rules.h).
 * Defaults: baud 115200, timeout 10000 ms (the original's VTIME=100),
 * quiet 100 ms, retries 1, latency 0 (the bridge adds no simulated time
 * beyond the bus's own), no log.  `retries=0` disables retrying.
 */
#ifndef SERIALICE_CONFIG_H
#define SERIALICE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "serialice/client.h"
#include "serialice/status.h"
#include "serialice/transport.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sice_config {
    char dev[256];          /* serial device, or "" with tcp */
    unsigned baud;
    char tcp_host[128];
    unsigned tcp_port;
    unsigned timeout_ms, quiet_ms, retries;
    bool no_retry;
    char log[256];          /* "" = no log, "-" = stderr */
    char rules[256];        /* rules file, "" = none */
    uint64_t latency_ns;    /* simulated time charged per forwarded access */
} sice_config;

void sice_config_defaults(sice_config *c);
/* Parse the option value (without "-serialice"). */
sice_status sice_config_parse(sice_config *c, const char *spec, char *err, size_t errlen) SICE_WUR;
/* Open the transport the settings name; err gets the transport's message. */
sice_status sice_config_connect(const sice_config *c, sice_transport *t, char *err,
                                size_t errlen) SICE_WUR;
/* The client settings (message hook left NULL: stderr). */
sice_client_config sice_config_client(const sice_config *c);

#ifdef __cplusplus
}
#endif

#endif
