/*
 * SerialICE connection settings: parser for the -serialice option value
 * (see config.h).  Keys are checked strictly; unknown keys and malformed
 * numbers are user errors with a message naming them.
 */
#include "serialice/config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sice_config_defaults(sice_config *c)
{
    memset(c, 0, sizeof *c);
    c->baud = SICE_BAUD_DEFAULT;
    c->timeout_ms = 10000;
    c->quiet_ms = 100;
    c->retries = 1;
}

static bool num(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    if (!*s || *s == '-')
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || v > max)
        return false;
    *out = v;
    return true;
}

static bool copy(char *dst, size_t n, const char *src)
{
    if (!*src || strlen(src) >= n)
        return false;
    memcpy(dst, src, strlen(src) + 1);
    return true;
}

sice_status sice_config_parse(sice_config *c, const char *spec, char *err, size_t errlen)
{
    char buf[1024];
    if (strlen(spec) >= sizeof buf)
        return sice_arg_error(err, errlen, "-serialice: option too long");
    snprintf(buf, sizeof buf, "%s", spec);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq)
            return sice_arg_error(err, errlen, "-serialice: expected KEY=VALUE, got '%s' (keys: dev, tcp, "
                       "baud, timeout, quiet, retries, log, rules, latency)", tok);
        *eq = '\0';
        const char *k = tok, *v = eq + 1;
        unsigned long long n;
        if (!strcmp(k, "dev")) {
            if (!copy(c->dev, sizeof c->dev, v))
                return sice_arg_error(err, errlen, "-serialice: bad dev='%s'", v);
        } else if (!strcmp(k, "tcp")) {
            const char *colon = strrchr(v, ':');
            if (!colon || colon == v || (size_t)(colon - v) >= sizeof c->tcp_host ||
                !num(colon + 1, 65535, &n) || n == 0)
                return sice_arg_error(err, errlen, "-serialice: bad tcp='%s' (want HOST:PORT)", v);
            memcpy(c->tcp_host, v, (size_t)(colon - v));
            c->tcp_host[colon - v] = '\0';
            c->tcp_port = (unsigned)n;
        } else if (!strcmp(k, "baud")) {
            if (!num(v, 0xffffffffu, &n) || !sice_baud_to_speed((unsigned)n))
                return sice_arg_error(err, errlen, "-serialice: unsupported baud=%s (9600, 19200, 38400, "
                           "57600, 115200, 230400, 460800)", v);
            c->baud = (unsigned)n;
        } else if (!strcmp(k, "timeout") || !strcmp(k, "quiet")) {
            if (!num(v, 600000, &n) || n == 0)
                return sice_arg_error(err, errlen, "-serialice: bad %s=%s (milliseconds, 1..600000)", k, v);
            *(!strcmp(k, "timeout") ? &c->timeout_ms : &c->quiet_ms) = (unsigned)n;
        } else if (!strcmp(k, "retries")) {
            if (!num(v, 10, &n))
                return sice_arg_error(err, errlen, "-serialice: bad retries=%s (0..10)", v);
            c->retries = (unsigned)n;
            c->no_retry = n == 0;
        } else if (!strcmp(k, "log")) {
            if (!copy(c->log, sizeof c->log, v))
                return sice_arg_error(err, errlen, "-serialice: bad log='%s'", v);
        } else if (!strcmp(k, "rules")) {
            if (!copy(c->rules, sizeof c->rules, v))
                return sice_arg_error(err, errlen, "-serialice: bad rules='%s'", v);
        } else if (!strcmp(k, "latency")) {
            if (!num(v, 1000000000ull, &n))
                return sice_arg_error(err, errlen, "-serialice: bad latency=%s (nanoseconds)", v);
            c->latency_ns = n;
        } else {
            return sice_arg_error(err, errlen, "-serialice: unknown key '%s' (keys: dev, tcp, baud, "
                       "timeout, quiet, retries, log, rules, latency)", k);
        }
    }
    if (!c->dev[0] && !c->tcp_host[0])
        return sice_arg_error(err, errlen, "-serialice: say where the board is: dev=/dev/ttyUSB0 or "
                   "tcp=HOST:PORT");
    if (c->dev[0] && c->tcp_host[0])
        return sice_arg_error(err, errlen, "-serialice: give dev= or tcp=, not both");
    return SICE_OK;
}

sice_status sice_config_connect(const sice_config *c, sice_transport *t, char *err, size_t errlen)
{
    sice_status st = c->tcp_host[0]
        ? sice_transport_open_tcp(t, c->tcp_host, c->tcp_port, c->timeout_ms)
        : sice_transport_open_serial(t, c->dev, c->baud);
    if (st != SICE_OK && err && errlen)
        snprintf(err, errlen, "serialice: %s", t->err);
    return st;
}

sice_client_config sice_config_client(const sice_config *c)
{
    return (sice_client_config){
        .timeout_ms = c->timeout_ms,
        .quiet_ms = c->quiet_ms,
        .retries = c->retries,
        .no_retry = c->no_retry,
    };
}
