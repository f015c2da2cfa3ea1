/*
 * Device API support shared by all models: logging through the host,
 * bus-master accesses, property look-up with defaults, the model table
 * search, and the common register-write check (see periph_internal.h for
 * the access convention).
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void periph_log(const periph_host *h, periph_log_kind kind, const char *fmt, ...)
{
    if (!h || !h->ops || !h->ops->log)
        return;
    /* Messages are one short line; a fixed buffer keeps this allocation-free. */
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    h->ops->log(h->ctx, kind, buf);
}

void periph_request_reset(const periph_host *h)
{
    if (h && h->ops && h->ops->request_reset)
        h->ops->request_reset(h->ctx);
    else
        periph_log(h, PERIPH_LOG_UNIMP, "system reset requested, but the host cannot reset");
}

periph_status periph_bus_read(const periph_host *h, uint64_t addr, void *buf, unsigned len,
                              uint64_t *latency_ns)
{
    uint64_t lat = 0;
    periph_status st = PERIPH_BUS_ERROR;
    if (h && h->ops && h->ops->bus_read)
        st = h->ops->bus_read(h->ctx, addr, buf, len, &lat);
    if (latency_ns)
        *latency_ns = lat;
    return st;
}

periph_status periph_bus_write(const periph_host *h, uint64_t addr, const void *buf, unsigned len,
                               uint64_t *latency_ns)
{
    uint64_t lat = 0;
    periph_status st = PERIPH_BUS_ERROR;
    if (h && h->ops && h->ops->bus_write)
        st = h->ops->bus_write(h->ctx, addr, buf, len, &lat);
    if (latency_ns)
        *latency_ns = lat;
    return st;
}

bool periph_prop_u64(const periph_props *p, const char *name, uint64_t dflt, uint64_t *out)
{
    if (p && p->get_u64 && p->get_u64(p->ctx, name, out))
        return true;
    *out = dflt;
    return false;
}

bool periph_prop_str(const periph_props *p, const char *name, const char **out)
{
    if (p && p->get_str && p->get_str(p->ctx, name, out))
        return true;
    *out = NULL;
    return false;
}

const periph_model *periph_find_model(const char *compatible)
{
    if (!compatible)
        return NULL;
    for (const periph_model *const *m = periph_models; *m; m++)
        if (strcmp((*m)->compatible, compatible) == 0)
            return *m;
    return NULL;
}

bool periph_write_ok(const periph_host *h, const char *who, uint64_t offset, unsigned size)
{
    if ((offset & 3) == 0)
        return true;
    periph_log(h, PERIPH_LOG_GUEST_ERROR, "%s: %u-byte write at unaligned offset 0x%llx ignored",
               who, size, (unsigned long long)offset);
    return false;
}
