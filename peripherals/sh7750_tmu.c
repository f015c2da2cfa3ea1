/*
 * SH7750 timer unit (TMU), channels 0-2, after the SH7750 hardware
 * manual (REJ09B0366), section 12.
 *
 * Registers (window at 0xffd80000):
 *   0x00 TOCR (8)  0x04 TSTR (8): STR0..2 start bits
 *   channel n at 0x08 + 0x0c * n: TCORn (32), TCNTn (32), TCRn (16)
 *   0x2c TCPR2 (input capture; not modelled, reads 0)
 * TCR: TPSC[2:0] prescaler (0: P/4, 1: P/16, 2: P/64, 3: P/256,
 * 4: P/1024; 5: RTC clock, 6/7: external clock are not modelled and
 * count as P/4, logged), CKEG[4:3], UNIE bit 5, ICPE[7:6], UNF bit 8
 * (set on underflow, cleared by writing 0), ICPF bit 9.
 *
 * Counting is computed from simulated time, never stepped: while a channel
 * runs, `count` is TCNT at tick 0 of its current base and tick k happens
 * at base + k * prescale / P.  TCNT counts down; the tick after 0 is the
 * underflow: TCNT reloads from TCOR, UNF is set, and TUNIn (output n) is
 * raised while UNF and UNIE are both set.  So with TCNT = TCOR = N an
 * underflow comes every N + 1 ticks.  A host timer is armed for the exact
 * simulated time of the next underflow; every access first brings the
 * channel up to "now".
 *
 * Property: "clock-frequency" = the peripheral clock P in Hz (default
 * 50 MHz; QEMU's SH7750 uses the same).
 * Outputs: 0 TUNI0, 1 TUNI1, 2 TUNI2.
 */
#include <stdio.h>

#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#define SH7750_TMU_NS 1000000000u
#define TCR_UNIE 0x0020u
#define TCR_UNF  0x0100u

struct sh7750_tmu_state;

typedef struct sh7750_tmu_ch {
    struct sh7750_tmu_state *dev;
    int idx;
    periph_timer *timer;
    periph_irq irq;
    uint32_t tcor, count;
    uint16_t tcr;
    bool running;
    unsigned __int128 base_fns;   /* tick 0 in ns * freq */
} sh7750_tmu_ch;

typedef struct sh7750_tmu_state {
    periph_host host;
    uint64_t freq;
    uint8_t tocr, tstr;
    sh7750_tmu_ch ch[3];
} sh7750_tmu_state;

static uint32_t tmu_prescale(const sh7750_tmu_ch *c)
{
    static const uint32_t p[8] = { 4, 16, 64, 256, 1024, 4, 4, 4 };
    return p[c->tcr & 7];
}

static unsigned __int128 tmu_tick_fns(const sh7750_tmu_ch *c)
{
    return (unsigned __int128)tmu_prescale(c) * SH7750_TMU_NS;
}

static uint64_t tmu_ticks_at(const sh7750_tmu_ch *c, uint64_t t)
{
    unsigned __int128 now = (unsigned __int128)t * c->dev->freq;
    if (now < c->base_fns)
        return 0;
    return (uint64_t)((now - c->base_fns) / tmu_tick_fns(c));
}

static uint32_t tmu_value_at(const sh7750_tmu_ch *c, uint64_t k)
{
    if (k <= c->count)
        return c->count - (uint32_t)k;
    uint64_t period = (uint64_t)c->tcor + 1;
    return c->tcor - (uint32_t)((k - c->count - 1) % period);
}

/* Bring the channel to now; true if an underflow was passed. */
static bool tmu_advance(sh7750_tmu_ch *c)
{
    if (!c->running)
        return false;
    uint64_t k = tmu_ticks_at(c, periph_now_ns(&c->dev->host));
    if (k == 0)
        return false;
    bool under = k > c->count;
    c->count = tmu_value_at(c, k);
    c->base_fns += (unsigned __int128)k * tmu_tick_fns(c);
    if (under)
        c->tcr |= TCR_UNF;
    return under;
}

static void tmu_update(sh7750_tmu_ch *c)
{
    periph_irq_set(&c->irq, (c->tcr & TCR_UNF) && (c->tcr & TCR_UNIE));
}

static void tmu_schedule(sh7750_tmu_ch *c)
{
    const periph_host *h = &c->dev->host;
    if (!c->running) {
        periph_timer_del(h, c->timer);
        return;
    }
    unsigned __int128 at = c->base_fns + ((unsigned __int128)c->count + 1) * tmu_tick_fns(c);
    unsigned __int128 f = c->dev->freq;
    periph_timer_mod(h, c->timer, (uint64_t)((at + f - 1) / f));
}

static void tmu_timer_cb(void *opaque)
{
    sh7750_tmu_ch *c = opaque;
    (void)tmu_advance(c);
    tmu_schedule(c);
    tmu_update(c);
}

static void tmu_set_running(sh7750_tmu_ch *c, bool run)
{
    if (run && !c->running)
        c->base_fns = (unsigned __int128)periph_now_ns(&c->dev->host) * c->dev->freq;
    c->running = run;
}

static bool sh7750_tmu_init(void *opaque, const periph_host *host, const periph_props *props,
                            const periph_irq *irq_out, char *err, size_t err_len)
{
    sh7750_tmu_state *s = opaque;
    s->host = *host;
    periph_prop_u64(props, "clock-frequency", 50000000, &s->freq);
    if (s->freq == 0 || s->freq > 1000000000ull) {
        snprintf(err, err_len, "sh7750-tmu: clock-frequency %llu out of range",
                 (unsigned long long)s->freq);
        return false;
    }
    for (int i = 0; i < 3; i++) {
        sh7750_tmu_ch *c = &s->ch[i];
        c->dev = s;
        c->idx = i;
        c->irq = irq_out[i];
        c->timer = host->ops->timer_new(host->ctx, tmu_timer_cb, c);
        if (!c->timer) {
            snprintf(err, err_len, "sh7750-tmu: host could not create a timer");
            return false;
        }
    }
    return true;
}

static void sh7750_tmu_destroy(void *opaque)
{
    sh7750_tmu_state *s = opaque;
    for (int i = 0; i < 3; i++)
        if (s->ch[i].timer) {
            s->host.ops->timer_free(s->host.ctx, s->ch[i].timer);
            s->ch[i].timer = NULL;
        }
}

static void sh7750_tmu_reset(void *opaque)
{
    sh7750_tmu_state *s = opaque;
    s->tocr = 0;
    s->tstr = 0;
    for (int i = 0; i < 3; i++) {
        sh7750_tmu_ch *c = &s->ch[i];
        c->tcor = c->count = 0xffffffffu;
        c->tcr = 0;
        c->running = false;
        c->base_fns = 0;
        periph_timer_del(&s->host, c->timer);
        tmu_update(c);
    }
}

static periph_status sh7750_tmu_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh7750_tmu_state *s = opaque;
    if (offset == 0x00) {
        *val = s->tocr;
    } else if (offset == 0x04) {
        *val = s->tstr;
    } else if (offset >= 0x08 && offset < 0x2c) {
        sh7750_tmu_ch *c = &s->ch[(offset - 8) / 12];
        if (tmu_advance(c)) {
            tmu_schedule(c);
            tmu_update(c);
        }
        switch ((offset - 8) % 12) {
        case 0: *val = c->tcor; break;
        case 4: *val = c->count; break;
        default: *val = c->tcr; break;
        }
    } else if (offset == 0x2c) {
        *val = 0;
    } else {
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-tmu: read of bad offset 0x%llx",
                   (unsigned long long)offset);
        *val = 0;
    }
    return PERIPH_OK;
}

static periph_status sh7750_tmu_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sh7750_tmu_state *s = opaque;
    uint32_t v = (uint32_t)val;
    if (offset == 0x00) {
        s->tocr = (uint8_t)(v & 1);
    } else if (offset == 0x04) {
        for (int i = 0; i < 3; i++) {
            (void)tmu_advance(&s->ch[i]);
            tmu_set_running(&s->ch[i], (v >> i) & 1);
            tmu_schedule(&s->ch[i]);
            tmu_update(&s->ch[i]);
        }
        s->tstr = (uint8_t)(v & 7);
    } else if (offset >= 0x08 && offset < 0x2c) {
        sh7750_tmu_ch *c = &s->ch[(offset - 8) / 12];
        (void)tmu_advance(c);
        switch ((offset - 8) % 12) {
        case 0: c->tcor = v; break;
        case 4:
            c->count = v;
            if (c->running)
                c->base_fns = (unsigned __int128)periph_now_ns(&s->host) * s->freq;
            break;
        default: {
            uint16_t nv = (uint16_t)(v & 0x03ff);
            if ((nv & 7) >= 5)
                periph_log(&s->host, PERIPH_LOG_UNIMP,
                           "sh7750-tmu: TPSC %u (RTC/external clock) counts as P/4", nv & 7);
            if (((nv ^ c->tcr) & 7) && c->running)   /* new prescaler: restart the phase */
                c->base_fns = (unsigned __int128)periph_now_ns(&s->host) * s->freq;
            /* UNF and ICPF can only be cleared by software */
            nv = (uint16_t)((nv & ~0x300u) | (c->tcr & nv & 0x300u));
            c->tcr = nv;
            break;
        }
        }
        tmu_schedule(c);
        tmu_update(c);
    } else {
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-tmu: write to bad offset 0x%llx",
                   (unsigned long long)offset);
    }
    return PERIPH_OK;
}

const periph_model sh7750_tmu_model = {
    .compatible = "renesas,sh7750-tmu",
    .name = "sh7750-tmu",
    .state_size = sizeof(sh7750_tmu_state),
    .region_size = 0x30,
    .n_irq_out = 3,
    .n_irq_in = 0,
    .has_chr = false,
    .init = sh7750_tmu_init,
    .reset = sh7750_tmu_reset,
    .read = sh7750_tmu_read,
    .write = sh7750_tmu_write,
    .set_irq_in = NULL,
    .attach_chr = NULL,
    .destroy = sh7750_tmu_destroy,
};
