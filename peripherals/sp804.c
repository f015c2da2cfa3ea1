/*
 * ARM Dual-Timer Module (SP804), after ARM DDI 0271 (SP804 TRM).
 *
 * Two identical 32/16-bit down-counters (registers at 0x00 and 0x20) share
 * one clock ("clock-frequency", 1 MHz on the Versatile PB) and drive one
 * IRQ output, the OR of both masked interrupts (TIMINTC, which is what the
 * Versatile PB wires to its VIC).
 *
 * Counting is computed from simulated time, never stepped: while a counter
 * runs, `count` is its value at tick 0, and tick k happens at simulated
 * time (base + k * prescale * 1e9) / freq, rounded up to the next ns.  The
 * base is kept in units of 1/freq ns (`base_fns`, exact: no rounding ever
 * accumulates, whatever the frequency).  From tick k the value is
 *     count - k                                  while k <= count,
 *     then (periodic / free-running) the counter goes 0 -> R on the next
 *     tick: R - ((k - count - 1) mod (R + 1)), R = Load (periodic) or
 *     0xffffffff / 0xffff (free-running); one-shot halts at 0.
 * So a periodic interrupt comes every R + 1 ticks, as on the hardware.
 * The interrupt is raised when the counter reaches 0 (also at once when
 * Load is written with 0); a host timer is armed at the exact simulated
 * nanosecond of the next zero.  Every access first brings the counter up
 * to "now" (sp804_advance): that raises any interrupt that is due and
 * rebases to the last tick boundary, so the phase of the clock survives
 * control changes.
 *
 * Where the TRM and QEMU differ, the TRM is followed (documented):
 *  - writing Load restarts the count from Load in every mode (QEMU loads
 *    0xffffffff in free-running mode), and writing Control does not reload
 *    the counter (QEMU reloads it when Enable is set);
 *  - a one-shot counter halts at 0 with Enable still set, and writing Load
 *    restarts it;
 *  - Value reads 0xffffffff after reset (QEMU: 0);
 *  - the period is R + 1 ticks (QEMU: R).
 * The count restarts at the time of a Load write (the TRM loads on the next
 * TIMCLK edge); prescale 0b11 is undefined, logged, and treated as 1 like
 * QEMU.  Integration test registers are logged as unimplemented.
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#include <stdio.h>

/* Per-timer register offsets (DDI 0271, table 3-1); timer 2 at +0x20. */
enum {
    SP804_LOAD = 0x00,
    SP804_VALUE = 0x04,
    SP804_CONTROL = 0x08,
    SP804_INTCLR = 0x0c,
    SP804_RIS = 0x10,
    SP804_MIS = 0x14,
    SP804_BGLOAD = 0x18,
    SP804_ITCR = 0xf00,
    SP804_ITOP = 0xf04,
};

/* TimerXControl bits. */
#define SP804_CTRL_ONESHOT 0x01u
#define SP804_CTRL_SIZE32 0x02u
#define SP804_CTRL_PRESCALE_SHIFT 2
#define SP804_CTRL_IE 0x20u
#define SP804_CTRL_PERIODIC 0x40u
#define SP804_CTRL_ENABLE 0x80u

#define SP804_NS_PER_S 1000000000u

struct sp804_state;

typedef struct sp804_channel {
    struct sp804_state *dev;
    periph_timer *timer;
    uint32_t load;       /* TimerXLoad / TimerXBGLoad                   */
    uint32_t control;
    bool ris;
    bool running;        /* enabled and not halted at 0 in one-shot mode */
    uint32_t count;      /* value at tick 0 (running) or frozen value    */
    unsigned __int128 base_fns;   /* tick 0, in ns * freq                */
} sp804_channel;

typedef struct sp804_state {
    periph_host host;
    periph_irq irq;
    uint64_t freq;
    sp804_channel ch[2];
} sp804_state;

static const uint8_t sp804_id[8] = { 0x04, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static uint32_t sp804_prescale(const sp804_channel *c)
{
    switch ((c->control >> SP804_CTRL_PRESCALE_SHIFT) & 3) {
    case 1: return 16;
    case 2: return 256;
    default: return 1;
    }
}

static uint32_t sp804_mask(const sp804_channel *c)
{
    return (c->control & SP804_CTRL_SIZE32) ? 0xffffffffu : 0xffffu;
}

static bool sp804_oneshot(const sp804_channel *c)
{
    return (c->control & SP804_CTRL_ONESHOT) != 0;
}

/* Value the counter takes after passing 0 (periodic: Load; free-running: max). */
static uint32_t sp804_reload(const sp804_channel *c)
{
    return (c->control & SP804_CTRL_PERIODIC) ? (c->load & sp804_mask(c)) : sp804_mask(c);
}

/* Length of one tick in ns * freq. */
static unsigned __int128 sp804_tick_fns(const sp804_channel *c)
{
    return (unsigned __int128)sp804_prescale(c) * SP804_NS_PER_S;
}

static unsigned __int128 sp804_fns(const sp804_channel *c, uint64_t t)
{
    return (unsigned __int128)t * c->dev->freq;
}

/* Whole ticks elapsed from tick 0 to time t. */
static uint64_t sp804_ticks_at(const sp804_channel *c, uint64_t t)
{
    unsigned __int128 now = sp804_fns(c, t);
    if (now < c->base_fns)
        return 0;
    return (uint64_t)((now - c->base_fns) / sp804_tick_fns(c));
}

/* Simulated time of tick k: the first ns at or after it. */
static uint64_t sp804_tick_time(const sp804_channel *c, uint64_t k)
{
    unsigned __int128 at = c->base_fns + (unsigned __int128)k * sp804_tick_fns(c);
    unsigned __int128 f = c->dev->freq;
    return (uint64_t)((at + f - 1) / f);
}

static uint32_t sp804_value_at(const sp804_channel *c, uint64_t k)
{
    if (k <= c->count)
        return c->count - (uint32_t)k;
    if (sp804_oneshot(c))
        return 0;
    uint64_t period = (uint64_t)sp804_reload(c) + 1;
    return sp804_reload(c) - (uint32_t)((k - c->count - 1) % period);
}

/* First tick after base at which the counter reaches 0, or UINT64_MAX.
 * A 0 at tick 0 itself has always been delivered already. */
static uint64_t sp804_next_zero(const sp804_channel *c)
{
    if (c->count > 0)
        return c->count;
    if (sp804_oneshot(c))
        return UINT64_MAX;
    return (uint64_t)sp804_reload(c) + 1;
}

static void sp804_update(sp804_state *s)
{
    bool level = false;
    for (int i = 0; i < 2; i++)
        level |= s->ch[i].ris && (s->ch[i].control & SP804_CTRL_IE);
    periph_irq_set(&s->irq, level);
}

static void sp804_schedule(sp804_channel *c)
{
    const periph_host *h = &c->dev->host;
    uint64_t z = c->running ? sp804_next_zero(c) : UINT64_MAX;
    if (z == UINT64_MAX)
        periph_timer_del(h, c->timer);
    else
        periph_timer_mod(h, c->timer, sp804_tick_time(c, z));
}

/* Bring the counter to `now`: raise a due interrupt, rebase to the last
 * tick boundary, halt a one-shot counter at 0.  Does not reschedule;
 * returns whether a zero was passed (only then does the next expiry move). */
static bool sp804_advance(sp804_channel *c, uint64_t now)
{
    if (!c->running)
        return false;
    uint64_t k = sp804_ticks_at(c, now);
    if (k == 0)
        return false;
    bool passed = sp804_next_zero(c) <= k;
    if (passed)
        c->ris = true;
    uint32_t v = sp804_value_at(c, k);
    c->base_fns += (unsigned __int128)k * sp804_tick_fns(c);
    c->count = v;
    if (sp804_oneshot(c) && v == 0)
        c->running = false;
    return passed;
}

static bool sp804_sync(sp804_channel *c)
{
    return sp804_advance(c, periph_now_ns(&c->dev->host));
}

static void sp804_timer_cb(void *opaque)
{
    sp804_channel *c = opaque;
    (void)sp804_sync(c);
    sp804_schedule(c);
    sp804_update(c->dev);
}

static void sp804_write_load(sp804_channel *c, uint32_t v)
{
    c->load = v;
    c->count = v & sp804_mask(c);
    c->base_fns = sp804_fns(c, periph_now_ns(&c->dev->host));
    bool enabled = (c->control & SP804_CTRL_ENABLE) != 0;
    if (c->count == 0 && enabled)
        c->ris = true;     /* TRM: loading 0 interrupts immediately */
    c->running = enabled && !(sp804_oneshot(c) && c->count == 0);
}

static void sp804_write_control(sp804_channel *c, uint32_t v)
{
    if (((v >> SP804_CTRL_PRESCALE_SHIFT) & 3) == 3)
        periph_log(&c->dev->host, PERIPH_LOG_GUEST_ERROR,
                   "sp804: undefined prescale 0b11 in Control 0x%x, using 1", v);
    bool was_running = c->running;
    c->control = v & 0xff;
    c->count &= sp804_mask(c);
    bool enabled = (c->control & SP804_CTRL_ENABLE) != 0;
    c->running = enabled && !(sp804_oneshot(c) && c->count == 0);
    /* A running counter keeps its tick phase (base is a tick boundary); one
     * that starts now counts from now. */
    if (c->running && !was_running)
        c->base_fns = sp804_fns(c, periph_now_ns(&c->dev->host));
}

static void sp804_reset(void *opaque)
{
    sp804_state *s = opaque;
    for (int i = 0; i < 2; i++) {
        sp804_channel *c = &s->ch[i];
        c->load = 0;
        c->control = SP804_CTRL_IE;
        c->ris = false;
        c->running = false;
        c->count = 0xffffffffu;
        c->base_fns = 0;
        periph_timer_del(&s->host, c->timer);
    }
    sp804_update(s);
}

static bool sp804_init(void *opaque, const periph_host *host, const periph_props *props,
                       const periph_irq *irq_out, char *err, size_t err_len)
{
    sp804_state *s = opaque;
    s->host = *host;
    s->irq = irq_out[0];
    periph_prop_u64(props, "clock-frequency", 1000000, &s->freq);
    if (s->freq == 0 || s->freq > SP804_NS_PER_S * 10ull) {
        snprintf(err, err_len, "sp804: clock-frequency %llu out of range",
                 (unsigned long long)s->freq);
        return false;
    }
    for (int i = 0; i < 2; i++) {
        s->ch[i].dev = s;
        s->ch[i].timer = host->ops->timer_new(host->ctx, sp804_timer_cb, &s->ch[i]);
        if (!s->ch[i].timer) {
            snprintf(err, err_len, "sp804: host could not create a timer");
            return false;
        }
    }
    return true;
}

static void sp804_destroy(void *opaque)
{
    sp804_state *s = opaque;
    for (int i = 0; i < 2; i++) {
        if (s->ch[i].timer) {
            s->host.ops->timer_free(s->host.ctx, s->ch[i].timer);
            s->ch[i].timer = NULL;
        }
    }
}

static periph_status sp804_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sp804_state *s = opaque;
    uint64_t off = offset & ~3ull;
    uint32_t r = 0;

    if (off < 0x40) {
        sp804_channel *c = &s->ch[off >> 5];
        /* Value, RIS and MIS depend on time: bring the counter to now.
         * Reads are frequent (Linux's clocksource), so the host timer is
         * only re-armed when a zero was passed. */
        if (sp804_sync(c)) {
            sp804_schedule(c);
            sp804_update(s);
        }
        switch (off & 0x1f) {
        case SP804_LOAD:
        case SP804_BGLOAD: r = c->load; break;
        case SP804_VALUE: r = c->count; break;
        case SP804_CONTROL: r = c->control; break;
        case SP804_RIS: r = c->ris; break;
        case SP804_MIS: r = c->ris && (c->control & SP804_CTRL_IE); break;
        default:
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sp804: read of %s offset 0x%llx",
                       (off & 0x1f) == SP804_INTCLR ? "write-only" : "bad",
                       (unsigned long long)offset);
            break;
        }
    } else if (periph_is_id_offset(off)) {
        r = periph_id_read(sp804_id, off);
    } else if (off == SP804_ITCR || off == SP804_ITOP) {
        periph_log(&s->host, PERIPH_LOG_UNIMP, "sp804: integration test registers not implemented");
    } else {
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sp804: read of bad offset 0x%llx",
                   (unsigned long long)offset);
    }
    *val = periph_narrow_read(r, offset, size);
    return PERIPH_OK;
}

static periph_status sp804_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sp804_state *s = opaque;
    if (!periph_write_ok(&s->host, "sp804", offset, size))
        return PERIPH_OK;
    uint32_t v = (uint32_t)val;

    if (offset < 0x40) {
        sp804_channel *c = &s->ch[offset >> 5];
        (void)sp804_sync(c);
        switch (offset & 0x1f) {
        case SP804_LOAD: sp804_write_load(c, v); break;
        case SP804_BGLOAD: c->load = v; break;
        case SP804_CONTROL: sp804_write_control(c, v); break;
        case SP804_INTCLR: c->ris = false; break;
        default:
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sp804: write to %s offset 0x%llx",
                       (offset & 0x1f) <= SP804_MIS ? "read-only" : "bad",
                       (unsigned long long)offset);
            break;
        }
        sp804_schedule(c);
        sp804_update(s);
    } else if (offset == SP804_ITCR || offset == SP804_ITOP) {
        if (v)
            periph_log(&s->host, PERIPH_LOG_UNIMP, "sp804: integration test mode not implemented");
    } else {
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sp804: write to bad offset 0x%llx",
                   (unsigned long long)offset);
    }
    return PERIPH_OK;
}

const periph_model sp804_model = {
    .compatible = "arm,sp804",
    .name = "sp804",
    .state_size = sizeof(sp804_state),
    .region_size = 0x1000,
    .n_irq_out = 1,
    .n_irq_in = 0,
    .has_chr = false,
    .init = sp804_init,
    .reset = sp804_reset,
    .read = sp804_read,
    .write = sp804_write,
    .set_irq_in = NULL,
    .attach_chr = NULL,
    .destroy = sp804_destroy,
};
