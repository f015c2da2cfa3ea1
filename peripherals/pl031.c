/*
 * ARM PrimeCell Real Time Clock (PL031), after ARM DDI 0224 (PL031 TRM),
 * with QEMU's behaviour.
 *
 * The counter counts seconds of SIMULATED time:
 *     DR(t) = offset + floor(t / 1 s)        (mod 2^32)
 * so it ticks on whole simulated seconds and a run is deterministic.  The
 * start value is the property "base" (default 0) or, with "use-host-time"
 * = 1, the host's wall clock (host->ops->host_time) at init.  Writing LR
 * makes DR read the written value from now on (the seconds phase is kept,
 * as QEMU keeps it).  The time survives reset(): an RTC is battery-backed.
 *
 * Match interrupt: RIS is set when DR becomes equal to MR; a host timer is
 * armed at the exact simulated second where that happens (QEMU arms it a
 * whole number of seconds after the MR/LR write instead of on the second
 * boundary).  Writing MR (or LR) equal to the current count sets RIS at
 * once, as QEMU does.  MIS = RIS & IMSC drives the IRQ.
 * CR reads 1 (the RTC is always started; writes ignored), as QEMU.
 * PeriphID is QEMU's: 0x31 0x10 0x14 0x00 (revision field 1).
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#include <stdio.h>

enum {
    PL031_DR = 0x00,
    PL031_MR = 0x04,
    PL031_LR = 0x08,
    PL031_CR = 0x0c,
    PL031_IMSC = 0x10,
    PL031_RIS = 0x14,
    PL031_MIS = 0x18,
    PL031_ICR = 0x1c,
};

#define PL031_NS_PER_S 1000000000ull

typedef struct pl031_state {
    periph_host host;
    periph_irq irq;
    periph_timer *timer;
    uint32_t offset;     /* DR = offset + whole simulated seconds */
    uint32_t mr, lr, im, is;
} pl031_state;

static const uint8_t pl031_id[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static uint64_t pl031_seconds(const pl031_state *s)
{
    return periph_now_ns(&s->host) / PL031_NS_PER_S;
}

static uint32_t pl031_count(const pl031_state *s)
{
    return s->offset + (uint32_t)pl031_seconds(s);
}

static void pl031_update(pl031_state *s)
{
    periph_irq_set(&s->irq, (s->is & s->im) != 0);
}

static void pl031_set_alarm(pl031_state *s)
{
    /* Wraps like the counter, so a match "behind" us is 2^32 s ahead. */
    uint32_t d = s->mr - pl031_count(s);
    if (d == 0) {
        periph_timer_del(&s->host, s->timer);
        s->is = 1;
        pl031_update(s);
        return;
    }
    periph_timer_mod(&s->host, s->timer, (pl031_seconds(s) + d) * PL031_NS_PER_S);
}

static void pl031_timer_cb(void *opaque)
{
    pl031_state *s = opaque;
    s->is = 1;
    pl031_update(s);
}

static bool pl031_init(void *opaque, const periph_host *host, const periph_props *props,
                       const periph_irq *irq_out, char *err, size_t err_len)
{
    pl031_state *s = opaque;
    uint64_t use_host = 0, base = 0;
    s->host = *host;
    s->irq = irq_out[0];
    periph_prop_u64(props, "use-host-time", 0, &use_host);
    periph_prop_u64(props, "base", 0, &base);
    if (use_host) {
        if (!host->ops->host_time) {
            snprintf(err, err_len, "pl031: use-host-time set but the host has no wall clock");
            return false;
        }
        base = (uint64_t)host->ops->host_time(host->ctx);
    }
    s->offset = (uint32_t)base - (uint32_t)pl031_seconds(s);
    s->timer = host->ops->timer_new(host->ctx, pl031_timer_cb, s);
    if (!s->timer) {
        snprintf(err, err_len, "pl031: host could not create a timer");
        return false;
    }
    return true;
}

static void pl031_reset(void *opaque)
{
    pl031_state *s = opaque;
    s->mr = 0;
    s->lr = 0;
    s->im = 0;
    s->is = 0;
    periph_timer_del(&s->host, s->timer);
    pl031_update(s);
}

static void pl031_destroy(void *opaque)
{
    pl031_state *s = opaque;
    if (s->timer) {
        s->host.ops->timer_free(s->host.ctx, s->timer);
        s->timer = NULL;
    }
}

static periph_status pl031_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    pl031_state *s = opaque;
    uint64_t off = offset & ~3ull;
    uint32_t r = 0;
    switch (off) {
    case PL031_DR: r = pl031_count(s); break;
    case PL031_MR: r = s->mr; break;
    case PL031_LR: r = s->lr; break;
    case PL031_CR: r = 1; break;
    case PL031_IMSC: r = s->im; break;
    case PL031_RIS: r = s->is; break;
    case PL031_MIS: r = s->is & s->im; break;
    default:
        if (periph_is_id_offset(off))
            r = periph_id_read(pl031_id, off);
        else
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "pl031: read of %s offset 0x%llx",
                       off == PL031_ICR ? "write-only" : "bad", (unsigned long long)offset);
        break;
    }
    *val = periph_narrow_read(r, offset, size);
    return PERIPH_OK;
}

static periph_status pl031_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    pl031_state *s = opaque;
    if (!periph_write_ok(&s->host, "pl031", offset, size))
        return PERIPH_OK;
    uint32_t v = (uint32_t)val;
    switch (offset) {
    case PL031_LR:
        s->lr = v;
        s->offset += v - pl031_count(s);
        pl031_set_alarm(s);
        break;
    case PL031_MR:
        s->mr = v;
        pl031_set_alarm(s);
        break;
    case PL031_IMSC: s->im = v & 1; pl031_update(s); break;
    case PL031_ICR: s->is &= ~(v & 1); pl031_update(s); break;
    case PL031_CR: break;            /* always started */
    case PL031_DR:
    case PL031_RIS:
    case PL031_MIS:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "pl031: write to read-only offset 0x%llx",
                   (unsigned long long)offset);
        break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "pl031: write to bad offset 0x%llx",
                   (unsigned long long)offset);
        break;
    }
    return PERIPH_OK;
}

const periph_model pl031_model = {
    .compatible = "arm,pl031",
    .name = "pl031",
    .state_size = sizeof(pl031_state),
    .region_size = 0x1000,
    .n_irq_out = 1,
    .n_irq_in = 0,
    .has_chr = false,
    .init = pl031_init,
    .reset = pl031_reset,
    .read = pl031_read,
    .write = pl031_write,
    .set_irq_in = NULL,
    .attach_chr = NULL,
    .destroy = pl031_destroy,
};
