/*
 * SH7750 realtime clock (RTC), after the SH7750 hardware manual
 * (REJ09B0366), section 11: the time-of-day counters only.
 *
 * Registers (window at 0xffc80000, BCD): R64CNT 0x00 (64 Hz counter,
 * read only), RSECCNT 0x04, RMINCNT 0x08, RHRCNT 0x0c, RWKCNT 0x10 (day
 * of week, 0 = Sunday), RDAYCNT 0x14, RMONCNT 0x18, RYRCNT 0x1c (16 bits,
 * four BCD digits), alarm registers 0x20-0x34 (stored only), RCR1 0x38,
 * RCR2 0x3c (START bit 0, RESET bit 1).
 * The counters are computed from simulated time: time = base seconds
 * (2000-01-01 00:00:00 at reset, or the host clock with property
 * "use-host-time") plus the simulated time since the base, while
 * RCR2.START is set.  Writing a counter replaces that field.  Alarm,
 * periodic and carry interrupts are not modelled (no outputs wired).
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

typedef struct sh7750_rtc_state {
    periph_host host;
    bool use_host_time;
    int64_t base_secs;        /* seconds since 1970 at base_ns */
    uint64_t base_ns;
    uint64_t frac_ns;         /* stopped clock: sub-second part */
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

static int64_t rtc_now_secs(sh7750_rtc_state *s, uint64_t *sub_ns)
{
    uint64_t now = periph_now_ns(&s->host);
    uint64_t el = (s->rcr2 & 1) ? now - s->base_ns + s->frac_ns : s->frac_ns;
    *sub_ns = el % 1000000000u;
    return s->base_secs + (int64_t)(el / 1000000000u);
}

static void rtc_set_secs(sh7750_rtc_state *s, int64_t secs, uint64_t sub_ns)
{
    s->base_secs = secs;
    s->base_ns = periph_now_ns(&s->host);
    s->frac_ns = sub_ns;
}

static bool sh7750_rtc_init(void *opaque, const periph_host *host, const periph_props *props,
                            const periph_irq *irq_out, char *err, size_t err_len)
{
    sh7750_rtc_state *s = opaque;
    uint64_t v = 0;
    s->host = *host;
    periph_prop_u64(props, "use-host-time", 0, &v);
    s->use_host_time = v != 0;
    return true;
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
}

static periph_status sh7750_rtc_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh7750_rtc_state *s = opaque;
    uint64_t sub;
    int64_t t = rtc_now_secs(s, &sub), days = t / 86400, y;
    unsigned sod = (unsigned)(t % 86400), m, d;
    civil_from_days(days, &y, &m, &d);
    switch (offset) {
    case 0x00: *val = (unsigned)(sub * 64 / 1000000000u) & 0x7f; break;
    case 0x04: *val = bcd(sod % 60); break;
    case 0x08: *val = bcd(sod / 60 % 60); break;
    case 0x0c: *val = bcd(sod / 3600); break;
    case 0x10: *val = (unsigned)((days + 4) % 7); break;
    case 0x14: *val = bcd(d); break;
    case 0x18: *val = bcd(m); break;
    case 0x1c: *val = (uint32_t)bcd((unsigned)(y / 100)) << 8 | bcd((unsigned)(y % 100)); break;
    case 0x20: case 0x24: case 0x28: case 0x2c: case 0x30: case 0x34:
        *val = s->alarm[(offset - 0x20) / 4]; break;
    case 0x38: *val = s->rcr1; break;
    case 0x3c: *val = s->rcr2; break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-rtc: read of bad offset 0x%llx",
                   (unsigned long long)offset);
        *val = 0;
    }
    return PERIPH_OK;
}

static periph_status sh7750_rtc_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sh7750_rtc_state *s = opaque;
    uint32_t v = (uint32_t)val;
    uint64_t sub;
    int64_t t = rtc_now_secs(s, &sub), days = t / 86400, y;
    unsigned sod = (unsigned)(t % 86400), m, d;
    unsigned sec = sod % 60, min = sod / 60 % 60, hr = sod / 3600;
    civil_from_days(days, &y, &m, &d);
    switch (offset) {
    case 0x04: sec = unbcd(v & 0x7f); break;
    case 0x08: min = unbcd(v & 0x7f); break;
    case 0x0c: hr = unbcd(v & 0x3f); break;
    case 0x10: return PERIPH_OK;   /* day of week follows from the date */
    case 0x14: d = unbcd(v & 0x3f); break;
    case 0x18: m = unbcd(v & 0x1f); break;
    case 0x1c: y = unbcd(v >> 8) * 100 + unbcd(v & 0xff); break;
    case 0x20: case 0x24: case 0x28: case 0x2c: case 0x30: case 0x34:
        s->alarm[(offset - 0x20) / 4] = (uint8_t)v;
        return PERIPH_OK;
    case 0x38: s->rcr1 = (uint8_t)(v & 0x19); return PERIPH_OK;
    case 0x3c: {
        if (v & 2)   /* RESET: the sub-second divider restarts */
            sub = 0;
        s->rcr2 = (uint8_t)(v & 0xfd);
        rtc_set_secs(s, t, sub);
        return PERIPH_OK;
    }
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-rtc: write to bad offset 0x%llx",
                   (unsigned long long)offset);
        return PERIPH_OK;
    }
    if (m < 1 || m > 12 || d < 1 || d > 31 || hr > 23 || min > 59 || sec > 59) {
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-rtc: invalid time written, ignored");
        return PERIPH_OK;
    }
    rtc_set_secs(s, days_from_civil(y, m, d) * 86400 + hr * 3600 + min * 60 + sec, sub);
    return PERIPH_OK;
}

const periph_model sh7750_rtc_model = {
    .compatible = "renesas,sh7750-rtc",
    .name = "sh7750-rtc",
    .state_size = sizeof(sh7750_rtc_state),
    .region_size = 0x40,
    .init = sh7750_rtc_init,
    .reset = sh7750_rtc_reset,
    .read = sh7750_rtc_read,
    .write = sh7750_rtc_write,
};
