/*
 * SH7750 realtime clock (RTC), after the SH7750 hardware manual
 * (REJ09B0366), section 11: the time-of-day counters, the alarm, and the
 * carry, alarm and periodic interrupts.
 *
 * Registers (window at 0xffc80000, BCD): R64CNT 0x00 (64 Hz counter,
 * read only), RSECCNT 0x04, RMINCNT 0x08, RHRCNT 0x0c, RWKCNT 0x10 (day
 * of week, 0 = Sunday), RDAYCNT 0x14, RMONCNT 0x18, RYRCNT 0x1c (16 bits,
 * four BCD digits), alarm registers RSECAR 0x20, RMINAR 0x24, RHRAR 0x28,
 * RWKAR 0x2c, RDAYAR 0x30, RMONAR 0x34 (bit 7 ENB: compare this field),
 * RCR1 0x38: CF 7, CIE 4, AIE 3, AF 0;
 * RCR2 0x3c: PEF 7, PES [6:4] (0 none, 1/256, 1/64, 1/16, 1/4, 1/2, 1, 2
 * seconds), RTCEN 3, ADJ 2 (30-second adjustment, reads 0), RESET 1
 * (restarts the divider, reads 0), START 0.
 * CF, AF and PEF are cleared by writing 0; writing 1 leaves them.
 *
 * Time: the counters are computed from simulated time, never stepped.
 * The RTC's own clock is a position in nanoseconds, base seconds
 * (2000-01-01 00:00:00 at reset, or the host clock with property
 * "use-host-time") plus the simulated time since the base while
 * RCR2.START is set.  Writing a counter replaces that field (the
 * sub-second divider keeps its phase).  Events sit on that clock:
 *   - carry: every whole second: CF, and CUI (output 2) while CF and CIE;
 *   - alarm: at a whole second whose counters equal every alarm field
 *     with ENB set (no ENB set: no alarm): AF, and ATI (output 0) while
 *     AF and AIE;
 *   - periodic: every multiple of the PES period on the RTC clock (so a
 *     1 s period falls on the carries, 2 s on even seconds): PEF, and PRI
 *     (output 1) while PEF and PES != 0.
 * A jump of the clock (a counter write, RESET, ADJ) makes no events.  A
 * host timer is armed for the next event only while some interrupt could
 * come of it (CIE, an ENB bit, or PES set), so an idle RTC arms nothing;
 * otherwise CF is brought up to date when RCR1 is read.
 */
#include <stdio.h>

#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#define RTC_NS 1000000000ll

#define RCR1_CF  0x80u
#define RCR1_CIE 0x10u
#define RCR1_AIE 0x08u
#define RCR1_AF  0x01u
#define RCR2_PEF 0x80u
#define RCR2_PES 0x70u
#define RCR2_ADJ 0x04u
#define RCR2_RESET 0x02u
#define RCR2_START 0x01u
#define ALARM_ENB 0x80u

typedef struct sh7750_rtc_state {
    periph_host host;
    periph_irq ati, pri, cui;
    periph_timer *timer;
    bool use_host_time;
    int64_t epoch_secs;       /* the clock's zero, seconds since 1970: the
                                 start of the day last set, so that the ns
                                 clock below stays far from overflow for
                                 any year the counters hold (0-9999) */
    int64_t base_secs;        /* seconds since the epoch at base_ns */
    uint64_t base_ns;
    uint64_t frac_ns;         /* sub-second part at base_ns */
    int64_t done_ns;          /* events are processed up to this clock position */
    uint8_t alarm[6];
    uint8_t rcr1, rcr2;
} sh7750_rtc_state;

static uint8_t bcd(unsigned v) { return (uint8_t)(((v / 10) % 10) << 4 | (v % 10)); }
static unsigned unbcd(unsigned v) { return (v >> 4) * 10 + (v & 15); }

/* days since 1970-01-01 <-> civil date (proleptic Gregorian) */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static bool rtc_running(const sh7750_rtc_state *s) { return (s->rcr2 & RCR2_START) != 0; }

/* The RTC clock at simulated time now: nanoseconds since epoch_secs. */
static int64_t rtc_clock_at(const sh7750_rtc_state *s, uint64_t now)
{
    uint64_t el = rtc_running(s) ? now - s->base_ns + s->frac_ns : s->frac_ns;
    return s->base_secs * RTC_NS + (int64_t)el;
}

static int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b < 0); }

static int64_t rtc_now_secs(sh7750_rtc_state *s, uint64_t *sub_ns)
{
    int64_t c = rtc_clock_at(s, periph_now_ns(&s->host));
    int64_t secs = floor_div(c, RTC_NS);
    *sub_ns = (uint64_t)(c - secs * RTC_NS);
    return s->epoch_secs + secs;
}

/* PES period in ns, 0 for none. */
static int64_t rtc_period_ns(const sh7750_rtc_state *s)
{
    static const int64_t p[8] = { 0, RTC_NS / 256, RTC_NS / 64, RTC_NS / 16, RTC_NS / 4, RTC_NS / 2,
                                  RTC_NS, 2 * RTC_NS };
    return p[(s->rcr2 & RCR2_PES) >> 4];
}

static bool rtc_alarm_on(const sh7750_rtc_state *s)
{
    for (int i = 0; i < 6; i++)
        if (s->alarm[i] & ALARM_ENB)
            return true;
    return false;
}

/* Does the time `secs` match every enabled alarm field? */
static bool rtc_alarm_match(const sh7750_rtc_state *s, int64_t secs)
{
    int64_t days = floor_div(secs, 86400), y;
    unsigned sod = (unsigned)(secs - days * 86400), m, d;
    civil_from_days(days, &y, &m, &d);
    const unsigned now[6] = { bcd(sod % 60), bcd(sod / 60 % 60), bcd(sod / 3600),
                              (unsigned)((days % 7 + 11) % 7), bcd(d), bcd(m) };
    static const uint8_t mask[6] = { 0x7f, 0x7f, 0x3f, 0x07, 0x3f, 0x1f };
    bool any = false;
    for (int i = 0; i < 6; i++) {
        if (!(s->alarm[i] & ALARM_ENB))
            continue;
        any = true;
        if ((s->alarm[i] & mask[i]) != now[i])
            return false;
    }
    return any;
}

static void rtc_update(sh7750_rtc_state *s)
{
    periph_irq_set(&s->ati, (s->rcr1 & RCR1_AF) && (s->rcr1 & RCR1_AIE));
    periph_irq_set(&s->pri, (s->rcr2 & RCR2_PEF) && (s->rcr2 & RCR2_PES));
    periph_irq_set(&s->cui, (s->rcr1 & RCR1_CF) && (s->rcr1 & RCR1_CIE));
}

/* Raise the flags of the events in (done_ns, now]. */
static void rtc_advance(sh7750_rtc_state *s)
{
    int64_t c = rtc_clock_at(s, periph_now_ns(&s->host));
    if (c <= s->done_ns)
        return;
    int64_t s0 = floor_div(s->done_ns, RTC_NS), s1 = floor_div(c, RTC_NS);
    if (s1 > s0) {
        s->rcr1 |= RCR1_CF;
        if (rtc_alarm_on(s)) {
            /* the seconds passed; with an enabled alarm the timer fires
             * every second, so this is normally one */
            int64_t first = s1 - s0 > 2 * 86400 ? s1 - 2 * 86400 + 1 : s0 + 1;
            for (int64_t t = first; t <= s1; t++)
                if (rtc_alarm_match(s, s->epoch_secs + t)) {
                    s->rcr1 |= RCR1_AF;
                    break;
                }
        }
    }
    int64_t p = rtc_period_ns(s);
    if (p && floor_div(c, p) > floor_div(s->done_ns, p))
        s->rcr2 |= RCR2_PEF;
    s->done_ns = c;
}

/* Arm the timer for the next event that could interrupt. */
static void rtc_schedule(sh7750_rtc_state *s)
{
    uint64_t now = periph_now_ns(&s->host);
    int64_t c = rtc_clock_at(s, now), next = INT64_MAX;
    if (rtc_running(s)) {
        if ((s->rcr1 & RCR1_CIE) || rtc_alarm_on(s))
            next = (floor_div(c, RTC_NS) + 1) * RTC_NS;
        int64_t p = rtc_period_ns(s);
        if (p && (floor_div(c, p) + 1) * p < next)
            next = (floor_div(c, p) + 1) * p;
    }
    if (next == INT64_MAX)
        periph_timer_del(&s->host, s->timer);
    else
        periph_timer_mod(&s->host, s->timer, now + (uint64_t)(next - c));
}

static void rtc_timer_cb(void *opaque)
{
    sh7750_rtc_state *s = opaque;
    rtc_advance(s);
    rtc_schedule(s);
    rtc_update(s);
}

/* Move the clock to secs (since 1970) + sub_ns: a jump, no events. */
static void rtc_set_secs(sh7750_rtc_state *s, int64_t secs, uint64_t sub_ns)
{
    s->epoch_secs = floor_div(secs, 86400) * 86400;
    s->base_secs = secs - s->epoch_secs;
    s->base_ns = periph_now_ns(&s->host);
    s->frac_ns = sub_ns;
    s->done_ns = rtc_clock_at(s, s->base_ns);
}

static bool sh7750_rtc_init(void *opaque, const periph_host *host, const periph_props *props,
                            const periph_irq *irq_out, char *err, size_t err_len)
{
    sh7750_rtc_state *s = opaque;
    uint64_t v = 0;
    s->host = *host;
    s->ati = irq_out[0];
    s->pri = irq_out[1];
    s->cui = irq_out[2];
    periph_prop_u64(props, "use-host-time", 0, &v);
    s->use_host_time = v != 0;
    s->timer = host->ops->timer_new(host->ctx, rtc_timer_cb, s);
    if (!s->timer) {
        snprintf(err, err_len, "sh7750-rtc: host could not create a timer");
        return false;
    }
    return true;
}

static void sh7750_rtc_destroy(void *opaque)
{
    sh7750_rtc_state *s = opaque;
    if (s->timer) {
        s->host.ops->timer_free(s->host.ctx, s->timer);
        s->timer = NULL;
    }
}

static void sh7750_rtc_reset(void *opaque)
{
    sh7750_rtc_state *s = opaque;
    int64_t secs = days_from_civil(2000, 1, 1) * 86400;
    if (s->use_host_time && s->host.ops->host_time)
        secs = s->host.ops->host_time(s->host.ctx);
    s->rcr1 = 0;
    s->rcr2 = 0x09;   /* START, RTCEN */
    for (int i = 0; i < 6; i++)
        s->alarm[i] = 0;
    rtc_set_secs(s, secs, 0);
    rtc_schedule(s);
    rtc_update(s);
}

static periph_status sh7750_rtc_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh7750_rtc_state *s = opaque;
    uint64_t sub;
    int64_t t = rtc_now_secs(s, &sub), days = floor_div(t, 86400), y;
    unsigned sod = (unsigned)(t - days * 86400), m, d;
    civil_from_days(days, &y, &m, &d);
    switch (offset) {
    case 0x00: *val = (unsigned)(sub * 64 / 1000000000u) & 0x7f; break;
    case 0x04: *val = bcd(sod % 60); break;
    case 0x08: *val = bcd(sod / 60 % 60); break;
    case 0x0c: *val = bcd(sod / 3600); break;
    case 0x10: *val = (unsigned)((days % 7 + 11) % 7); break;
    case 0x14: *val = bcd(d); break;
    case 0x18: *val = bcd(m); break;
    case 0x1c: *val = (uint32_t)bcd((unsigned)(y / 100)) << 8 | bcd((unsigned)(y % 100)); break;
    case 0x20: case 0x24: case 0x28: case 0x2c: case 0x30: case 0x34:
        *val = s->alarm[(offset - 0x20) / 4]; break;
    case 0x38: case 0x3c:
        rtc_advance(s);
        rtc_update(s);
        *val = offset == 0x38 ? s->rcr1 : s->rcr2;
        break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-rtc: read of bad offset 0x%llx",
                   (unsigned long long)offset);
        *val = 0;
    }
    return PERIPH_OK;
}

static void rtc_write_rcr2(sh7750_rtc_state *s, uint32_t v, int64_t t, uint64_t sub)
{
    if (v & RCR2_ADJ) {   /* to the nearest minute, divider restarted */
        int64_t sec = t - floor_div(t, 60) * 60;
        t += sec < 30 ? -sec : 60 - sec;
        sub = 0;
    }
    if (v & RCR2_RESET)   /* the sub-second divider restarts */
        sub = 0;
    /* PEF is cleared by writing 0; ADJ and RESET read 0 */
    s->rcr2 = (uint8_t)((v & (RCR2_PES | 0x08u | RCR2_START)) | (s->rcr2 & v & RCR2_PEF));
    rtc_set_secs(s, t, sub);
}

static periph_status sh7750_rtc_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sh7750_rtc_state *s = opaque;
    uint32_t v = (uint32_t)val;
    rtc_advance(s);   /* events up to now count under the old settings */
    uint64_t sub;
    int64_t t = rtc_now_secs(s, &sub), days = floor_div(t, 86400), y;
    unsigned sod = (unsigned)(t - days * 86400), m, d;
    unsigned sec = sod % 60, min = sod / 60 % 60, hr = sod / 3600;
    civil_from_days(days, &y, &m, &d);
    bool time_write = false;
    switch (offset) {
    case 0x04: sec = unbcd(v & 0x7f); time_write = true; break;
    case 0x08: min = unbcd(v & 0x7f); time_write = true; break;
    case 0x0c: hr = unbcd(v & 0x3f); time_write = true; break;
    case 0x10: break;   /* day of week follows from the date */
    case 0x14: d = unbcd(v & 0x3f); time_write = true; break;
    case 0x18: m = unbcd(v & 0x1f); time_write = true; break;
    case 0x1c: y = unbcd(v >> 8) * 100 + unbcd(v & 0xff); time_write = true; break;
    case 0x20: case 0x24: case 0x28: case 0x2c: case 0x30: case 0x34:
        s->alarm[(offset - 0x20) / 4] = (uint8_t)v;
        break;
    case 0x38:   /* CF and AF are cleared by writing 0 */
        s->rcr1 = (uint8_t)((v & (RCR1_CIE | RCR1_AIE)) | (s->rcr1 & v & (RCR1_CF | RCR1_AF)));
        break;
    case 0x3c: rtc_write_rcr2(s, v, t, sub); break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-rtc: write to bad offset 0x%llx",
                   (unsigned long long)offset);
        return PERIPH_OK;
    }
    if (time_write) {
        if (m < 1 || m > 12 || d < 1 || d > 31 || hr > 23 || min > 59 || sec > 59)
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-rtc: invalid time written, ignored");
        else
            rtc_set_secs(s, days_from_civil(y, m, d) * 86400 + hr * 3600 + min * 60 + sec, sub);
    }
    rtc_schedule(s);
    rtc_update(s);
    return PERIPH_OK;
}

const periph_model sh7750_rtc_model = {
    .compatible = "renesas,sh7750-rtc",
    .name = "sh7750-rtc",
    .state_size = sizeof(sh7750_rtc_state),
    .region_size = 0x40,
    .n_irq_out = 3,
    .init = sh7750_rtc_init,
    .reset = sh7750_rtc_reset,
    .read = sh7750_rtc_read,
    .write = sh7750_rtc_write,
    .destroy = sh7750_rtc_destroy,
};
