/*
 * The unit-test device host (see periph_testhost.h).
 */
#include "periph_testhost.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static uint64_t pth_now_ns(void *ctx)
{
    return ((periph_testhost *)ctx)->now;
}

static periph_timer *pth_timer_new(void *ctx, void (*cb)(void *), void *opaque)
{
    periph_testhost *t = ctx;
    for (int i = 0; i < PTH_MAX_TIMERS; i++) {
        if (!t->timers[i].in_use) {
            t->timers[i] = (struct periph_timer){ .cb = cb, .opaque = opaque, .in_use = true };
            return &t->timers[i];
        }
    }
    return NULL;
}

static void pth_timer_mod(void *ctx, periph_timer *tm, uint64_t when)
{
    periph_testhost *t = ctx;
    tm->armed = true;
    tm->when = when;
    tm->seq = t->seq++;
}

static void pth_timer_del(void *ctx, periph_timer *tm)
{
    tm->armed = false;
}

static void pth_timer_free(void *ctx, periph_timer *tm)
{
    tm->armed = false;
    tm->in_use = false;
}

static void pth_log(void *ctx, periph_log_kind kind, const char *msg)
{
    periph_testhost *t = ctx;
    if (kind == PERIPH_LOG_GUEST_ERROR)
        t->n_guest_errors++;
    else
        t->n_unimp++;
    strncpy(t->last_log, msg, sizeof t->last_log - 1);
    t->last_log[sizeof t->last_log - 1] = 0;
}

static int64_t pth_host_time(void *ctx)
{
    return ((periph_testhost *)ctx)->wall_time;
}

static void pth_request_reset(void *ctx)
{
    ((periph_testhost *)ctx)->resets_requested++;
}

static periph_status pth_bus(periph_testhost *t, uint64_t addr, uint8_t *buf, unsigned len, bool is_write,
                             uint64_t *lat)
{
    *lat = t->bus_latency_ns;
    if (addr < PTH_MEM_BASE || addr - PTH_MEM_BASE > PTH_MEM_SIZE || len > PTH_MEM_SIZE - (addr - PTH_MEM_BASE)) {
        t->bus_errors++;
        return PERIPH_BUS_ERROR;
    }
    uint8_t *p = t->mem + (addr - PTH_MEM_BASE);
    if (is_write) {
        memcpy(p, buf, len);
        t->bus_writes++;
    } else {
        memcpy(buf, p, len);
        t->bus_reads++;
    }
    return PERIPH_OK;
}

static periph_status pth_bus_read(void *ctx, uint64_t addr, void *buf, unsigned len, uint64_t *lat)
{
    return pth_bus(ctx, addr, buf, len, false, lat);
}

static periph_status pth_bus_write(void *ctx, uint64_t addr, const void *buf, unsigned len, uint64_t *lat)
{
    return pth_bus(ctx, addr, (uint8_t *)buf, len, true, lat);
}

static const periph_host_ops pth_ops = {
    .now_ns = pth_now_ns,
    .timer_new = pth_timer_new,
    .timer_mod = pth_timer_mod,
    .timer_del = pth_timer_del,
    .timer_free = pth_timer_free,
    .log = pth_log,
    .host_time = pth_host_time,
    .request_reset = pth_request_reset,
    .bus_read = pth_bus_read,
    .bus_write = pth_bus_write,
};

static void pth_irq_set(void *opaque, int n, bool level)
{
    periph_testhost *t = opaque;
    pth_irq_line *l = &t->irq[n];
    if (level && !l->level)
        l->rises++;
    if (!level && l->level)
        l->falls++;
    l->level = level;
}

static size_t pth_chr_write(periph_chr *chr, const uint8_t *buf, size_t len)
{
    periph_testhost *t = chr->opaque;
    for (size_t i = 0; i < len && t->out_len < PTH_OUT_MAX; i++)
        t->out[t->out_len++] = buf[i];
    return len;
}

static const periph_chr_ops pth_chr_ops = { .write = pth_chr_write };

static bool pth_get_u64(const void *ctx, const char *name, uint64_t *out)
{
    const periph_testhost *t = ctx;
    for (int i = 0; i < t->n_props; i++)
        if (!t->props[i].str && strcmp(t->props[i].name, name) == 0) {
            *out = t->props[i].u64;
            return true;
        }
    return false;
}

static bool pth_get_str(const void *ctx, const char *name, const char **out)
{
    const periph_testhost *t = ctx;
    for (int i = 0; i < t->n_props; i++)
        if (t->props[i].str && strcmp(t->props[i].name, name) == 0) {
            *out = t->props[i].str;
            return true;
        }
    return false;
}

void pth_init(periph_testhost *t)
{
    memset(t, 0, sizeof *t);
    t->host.ops = &pth_ops;
    t->host.ctx = t;
    for (int i = 0; i < PTH_MAX_IRQS; i++)
        t->irq_out[i] = (periph_irq){ .set = pth_irq_set, .opaque = t, .n = i };
    t->chr.ops = &pth_chr_ops;
    t->chr.opaque = t;
    t->periph_props = (periph_props){ .get_u64 = pth_get_u64, .get_str = pth_get_str, .ctx = t };
}

void pth_set_prop(periph_testhost *t, const char *name, uint64_t value)
{
    assert(t->n_props < PTH_MAX_PROPS);
    t->props[t->n_props].name = name;
    t->props[t->n_props].u64 = value;
    t->props[t->n_props].str = NULL;
    t->n_props++;
}

void pth_set_prop_str(periph_testhost *t, const char *name, const char *value)
{
    assert(t->n_props < PTH_MAX_PROPS);
    t->props[t->n_props].name = name;
    t->props[t->n_props].str = value;
    t->n_props++;
}

static struct periph_timer *pth_earliest(periph_testhost *t)
{
    struct periph_timer *best = NULL;
    for (int i = 0; i < PTH_MAX_TIMERS; i++) {
        struct periph_timer *tm = &t->timers[i];
        if (!tm->in_use || !tm->armed)
            continue;
        if (!best || tm->when < best->when || (tm->when == best->when && tm->seq < best->seq))
            best = tm;
    }
    return best;
}

uint64_t pth_next_timer(const periph_testhost *t)
{
    struct periph_timer *tm = pth_earliest((periph_testhost *)t);
    return tm ? tm->when : UINT64_MAX;
}

unsigned pth_armed_timers(const periph_testhost *t)
{
    unsigned n = 0;
    for (int i = 0; i < PTH_MAX_TIMERS; i++)
        n += t->timers[i].in_use && t->timers[i].armed;
    return n;
}

void pth_advance_to(periph_testhost *t, uint64_t when)
{
    assert(when >= t->now);
    /* Bounded so a device that re-arms at "now" forever fails the test
     * instead of hanging it. */
    for (unsigned guard = 0; guard < 10000000; guard++) {
        struct periph_timer *tm = pth_earliest(t);
        if (!tm || tm->when > when)
            break;
        if (tm->when > t->now)
            t->now = tm->when;
        tm->armed = false;
        tm->cb(tm->opaque);
    }
    t->now = when;
}

void pth_advance(periph_testhost *t, uint64_t delta)
{
    pth_advance_to(t, t->now + delta);
}

bool pth_dev_create(periph_testhost *t, pth_dev *d, const char *compatible)
{
    char err[128] = "";
    d->t = t;
    d->model = periph_find_model(compatible);
    d->s = NULL;
    if (!d->model)
        return false;
    d->s = calloc(1, d->model->state_size);
    if (!d->s)
        return false;
    if (!d->model->init(d->s, &t->host, &t->periph_props, t->irq_out, err, sizeof err)) {
        strncpy(t->last_log, err, sizeof t->last_log - 1);
        free(d->s);
        d->s = NULL;
        return false;
    }
    if (d->model->has_chr)
        d->model->attach_chr(d->s, &t->chr);
    d->model->reset(d->s);
    return true;
}

void pth_dev_destroy(pth_dev *d)
{
    if (!d->s)
        return;
    if (d->model->destroy)
        d->model->destroy(d->s);
    free(d->s);
    d->s = NULL;
}

uint64_t pth_rd_sized(pth_dev *d, uint64_t offset, unsigned size)
{
    uint64_t v = 0xdeadbeefdeadbeefull;
    periph_status st = d->model->read(d->s, offset, size, &v);
    assert(st == PERIPH_OK);
    (void)st;
    return v;
}

uint32_t pth_rd(pth_dev *d, uint64_t offset)
{
    return (uint32_t)pth_rd_sized(d, offset, 4);
}

void pth_wr_sized(pth_dev *d, uint64_t offset, unsigned size, uint64_t value)
{
    periph_status st = d->model->write(d->s, offset, size, value);
    assert(st == PERIPH_OK);
    (void)st;
}

void pth_wr(pth_dev *d, uint64_t offset, uint32_t value)
{
    pth_wr_sized(d, offset, 4, value);
}

size_t pth_chr_can_receive(periph_testhost *t)
{
    return t->chr.can_receive ? t->chr.can_receive(t->chr.dev) : 0;
}

void pth_chr_send(periph_testhost *t, const uint8_t *buf, size_t len)
{
    if (t->chr.receive)
        t->chr.receive(t->chr.dev, buf, len);
}

unsigned pth_take_guest_errors(periph_testhost *t)
{
    unsigned n = t->n_guest_errors;
    t->n_guest_errors = 0;
    return n;
}

unsigned pth_take_unimp(periph_testhost *t)
{
    unsigned n = t->n_unimp;
    t->n_unimp = 0;
    return n;
}
