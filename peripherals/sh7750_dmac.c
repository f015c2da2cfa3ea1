/*
 * SH7750 direct memory access controller (DMAC), channels 0-3, after the
 * SH7750 hardware manual (REJ09B0366), section 14: auto-request transfers
 * in dual address mode, as a bus master (periph_host bus_read/bus_write).
 *
 * Registers (32 bits, window at 0xffa00000), channel n at 0x10 * n:
 *   0x00 SARn    source address        0x04 DARn   destination address
 *   0x08 DMATCRn transfer count [23:0] (0 means 2^24 units)
 *   0x0c CHCRn   SSA/STC/DSA/DTC [31:24] (stored), DS RL AM AL [19:16]
 *                (stored), DM [15:14] and SM [13:12] (0 fixed, 1 increment,
 *                2 decrement), RS [11:8], TM 7 (1 burst), TS [6:4] (0: 8,
 *                1: 1, 2: 2, 3: 4, 4: 32 bytes), IE 2, TE 1, DE 0
 *   0x40 DMAOR   DDT 15 (stored), PR [9:8] (0: 0>1>2>3, 1: 0>2>3>1,
 *                2: 2>0>1>3, 3: round robin), COD 4 (stored), AE 2, NMIF 1,
 *                DME 0
 * TE, AE and NMIF are cleared by writing 0 (after reading 1) and never set
 * by software.  A channel transfers while DMAOR.DME = 1, NMIF = AE = 0 and
 * its DE = 1, TE = 0.
 *
 * Request sources (CHCR.RS): auto-request 0100, 0101, 0110 (memory or an
 * on-chip register as either side) is modelled.  External DREQ (0000,
 * 0010, 0011), SCI/SCIF TXI/RXI (1000-1011) and TMU2 input capture
 * (1100-1110) requests never come: the model has no such request lines
 * (logged as unimplemented when such a channel is enabled).
 *
 * Addresses: SAR/DAR with the top three bits ignored (29-bit physical),
 * except that area 7 (0x1c000000-0x1fffffff) and P4 (0xe0000000 and up)
 * are the on-chip registers at their P4 bus addresses.
 *
 * Address error (DMAOR.AE, interrupt DMAE): a source or destination not
 * aligned to the transfer size, a reserved TS/SM/DM value, or a bus error
 * (nothing mapped there, or a register that refuses that size, e.g. a
 * 32-byte block to a device).  All channels stop; the unit is not done.
 * NMI (the pin's edge, periph_model.nmi) sets NMIF and stops them too.
 *
 * Timing: one transfer unit takes 2 * (2 + ceil(size / 4)) cycles of the
 * bus clock (property "clock-frequency", default 100 MHz: the SH7750's
 * bus clock at a 200 MHz CPU): a read and a write of 32-bit beats with two
 * cycles of overhead each -- 6 cycles for 1, 2 or 4 bytes, 8 for 8, 20 for
 * 32 -- plus the latency the targets annotate (TLM delay).  Units follow
 * each other back to back: the data of a unit moves at its start (one
 * bus_read, one bus_write of the unit's size) and SAR/DAR/DMATCR advance
 * then; TE (and DMTEn with IE) comes at the end of the last unit.  The
 * engine serves one unit at a time: a burst-mode channel (TM = 1) keeps it
 * until its count is done, a cycle-steal channel gives it up after each
 * unit, and the next unit goes to the ready channel DMAOR.PR prefers.  The
 * CPU is not slowed down by DMA traffic.  Progress is computed lazily: a
 * timer fires at the next unit or TE, and every register access first
 * brings the engine up to the accessing initiator's time.
 *
 * Outputs: 0-3 DMTE0-3 (TE and IE), 4 DMAE (AE).
 */
#include <stdio.h>
#include <string.h>

#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#define DMAC_NCH 4
#define DMAC_NS 1000000000ull

#define CHCR_DE 0x1u
#define CHCR_TE 0x2u
#define CHCR_IE 0x4u
#define CHCR_TM 0x80u
#define CHCR_WRITABLE 0xff0ffff5u   /* all but reserved bits 23-20, 3 and TE */

#define DMAOR_DME  0x1u
#define DMAOR_NMIF 0x2u
#define DMAOR_AE   0x4u
#define DMAOR_WRITABLE 0x8311u      /* DDT, PR, COD, DME */

typedef struct sh7750_dmac_ch {
    uint32_t sar, dar, tcr, chcr;
    bool ending;               /* last unit done; TE at end_ns */
    uint64_t end_ns;
    bool unimp_logged;
} sh7750_dmac_ch;

typedef struct sh7750_dmac_state {
    periph_host host;
    periph_irq irq[5];
    periph_timer *timer;
    uint64_t bus_hz;
    uint32_t dmaor;
    sh7750_dmac_ch ch[DMAC_NCH];
    uint64_t free_ns;          /* when the engine can start the next unit */
    int burst_ch;              /* channel holding the engine, or -1 */
    unsigned rr_next;          /* round robin: first channel to look at */
    bool in_unit;              /* moving a unit: our own registers refuse */
} sh7750_dmac_state;

static unsigned ch_size(uint32_t chcr)
{
    static const unsigned sz[8] = { 8, 1, 2, 4, 32, 0, 0, 0 };
    return sz[(chcr >> 4) & 7];
}

static unsigned ch_rs(uint32_t chcr) { return (chcr >> 8) & 15; }

static bool ch_auto(uint32_t chcr)
{
    unsigned rs = ch_rs(chcr);
    return rs == 4 || rs == 5 || rs == 6;
}

static bool dmac_enabled(const sh7750_dmac_state *s)
{
    return (s->dmaor & (DMAOR_DME | DMAOR_NMIF | DMAOR_AE)) == DMAOR_DME;
}

/* Has a request and may transfer now. */
static bool ch_ready(const sh7750_dmac_state *s, int n)
{
    const sh7750_dmac_ch *c = &s->ch[n];
    return dmac_enabled(s) && (c->chcr & (CHCR_DE | CHCR_TE)) == CHCR_DE && !c->ending && ch_auto(c->chcr);
}

/* The channel the next unit goes to, or -1. */
static int dmac_pick(const sh7750_dmac_state *s)
{
    static const uint8_t order[3][DMAC_NCH] = { { 0, 1, 2, 3 }, { 0, 2, 3, 1 }, { 2, 0, 1, 3 } };
    if (s->burst_ch >= 0 && ch_ready(s, s->burst_ch))
        return s->burst_ch;
    unsigned pr = (s->dmaor >> 8) & 3;
    for (unsigned i = 0; i < DMAC_NCH; i++) {
        int n = pr == 3 ? (int)((s->rr_next + i) % DMAC_NCH) : order[pr][i];
        if (ch_ready(s, n))
            return n;
    }
    return -1;
}

static void dmac_update(sh7750_dmac_state *s)
{
    for (int n = 0; n < DMAC_NCH; n++)
        periph_irq_set(&s->irq[n], (s->ch[n].chcr & (CHCR_TE | CHCR_IE)) == (CHCR_TE | CHCR_IE));
    periph_irq_set(&s->irq[4], (s->dmaor & DMAOR_AE) != 0);
}

/* SAR/DAR -> bus address (see the top of the file). */
static uint64_t dmac_bus_addr(uint32_t a)
{
    if (a >= 0xe0000000u)
        return a;
    a &= 0x1fffffffu;
    return a >= 0x1c000000u ? (0xe0000000u | a) : a;
}

static void dmac_address_error(sh7750_dmac_state *s, int n, const char *why, uint32_t addr)
{
    periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-dmac: channel %d: %s (0x%08x): address error",
               n, why, addr);
    s->dmaor |= DMAOR_AE;
    s->burst_ch = -1;
}

/* Move one unit of channel n; false (AE set) on an address error.
 * *cost_ns: how long the unit holds the engine. */
static bool dmac_unit(sh7750_dmac_state *s, int n, uint64_t *cost_ns)
{
    sh7750_dmac_ch *c = &s->ch[n];
    unsigned size = ch_size(c->chcr), sm = (c->chcr >> 12) & 3, dm = (c->chcr >> 14) & 3;
    if (!size || sm == 3 || dm == 3) {
        dmac_address_error(s, n, "reserved TS, SM or DM in CHCR", c->chcr);
        return false;
    }
    if (c->sar & (size - 1)) {
        dmac_address_error(s, n, "source not aligned to the transfer size", c->sar);
        return false;
    }
    if (c->dar & (size - 1)) {
        dmac_address_error(s, n, "destination not aligned to the transfer size", c->dar);
        return false;
    }
    uint8_t buf[32];
    uint64_t lat_r = 0, lat_w = 0;
    /* A transfer from or to the DMAC's own registers would re-enter the
     * engine in the middle of a unit: those accesses answer with a bus
     * error (sh7750_dmac_read/write), an address error here. */
    s->in_unit = true;
    periph_status rd = periph_bus_read(&s->host, dmac_bus_addr(c->sar), buf, size, &lat_r);
    periph_status wr = rd == PERIPH_OK ? periph_bus_write(&s->host, dmac_bus_addr(c->dar), buf, size, &lat_w)
                                       : PERIPH_BUS_ERROR;
    s->in_unit = false;
    if (rd != PERIPH_OK) {
        dmac_address_error(s, n, "bus error reading the source", c->sar);
        return false;
    }
    if (wr != PERIPH_OK) {
        dmac_address_error(s, n, "bus error writing the destination", c->dar);
        return false;
    }
    if (sm == 1)
        c->sar += size;
    else if (sm == 2)
        c->sar -= size;
    if (dm == 1)
        c->dar += size;
    else if (dm == 2)
        c->dar -= size;
    c->tcr = (c->tcr - 1) & 0xffffffu;
    uint64_t cycles = 2 * (2 + (size + 3) / 4);
    *cost_ns = (cycles * DMAC_NS + s->bus_hz - 1) / s->bus_hz + lat_r + lat_w;
    return true;
}

/* Bring the engine up to `now`: finish TEs due, run the units that start
 * by then; then arm the timer for what comes next. */
static void dmac_advance(sh7750_dmac_state *s, uint64_t now)
{
    /* bounded: a zero-cost unit cannot happen (cost >= one bus cycle),
     * but a huge backlog is worked off in slices by the timer */
    for (unsigned guard = 0; guard < 100000; guard++) {
        for (int n = 0; n < DMAC_NCH; n++) {
            sh7750_dmac_ch *c = &s->ch[n];
            if (c->ending && c->end_ns <= now) {
                c->ending = false;
                c->chcr |= CHCR_TE;
            }
        }
        int n = dmac_pick(s);
        if (n < 0 || s->free_ns > now)
            break;
        uint64_t cost = 0;
        if (!dmac_unit(s, n, &cost))
            break;
        uint64_t start = s->free_ns;
        s->free_ns = start + cost;
        bool burst = (s->ch[n].chcr & CHCR_TM) != 0;
        s->burst_ch = burst ? n : -1;
        if (!burst)
            s->rr_next = (unsigned)(n + 1) % DMAC_NCH;
        if (s->ch[n].tcr == 0) {
            s->ch[n].ending = true;
            s->ch[n].end_ns = s->free_ns;
            s->burst_ch = -1;
            s->rr_next = (unsigned)(n + 1) % DMAC_NCH;
        }
    }
    dmac_update(s);
    uint64_t next = UINT64_MAX;
    if (dmac_pick(s) >= 0)
        next = s->free_ns > now ? s->free_ns : now;
    for (int n = 0; n < DMAC_NCH; n++)
        if (s->ch[n].ending && s->ch[n].end_ns < next)
            next = s->ch[n].end_ns;
    if (next == UINT64_MAX)
        periph_timer_del(&s->host, s->timer);
    else
        periph_timer_mod(&s->host, s->timer, next);
}

static void dmac_timer_cb(void *opaque)
{
    sh7750_dmac_state *s = opaque;
    dmac_advance(s, periph_now_ns(&s->host));
}

/* After a register change that may start the engine: an idle engine
 * starts now, not at the end of its last unit. */
static void dmac_kick(sh7750_dmac_state *s, uint64_t now)
{
    if (s->free_ns < now)
        s->free_ns = now;
    dmac_advance(s, now);
}

static bool sh7750_dmac_init(void *opaque, const periph_host *host, const periph_props *props,
                             const periph_irq *irq_out, char *err, size_t err_len)
{
    sh7750_dmac_state *s = opaque;
    s->host = *host;
    for (int i = 0; i < 5; i++)
        s->irq[i] = irq_out[i];
    periph_prop_u64(props, "clock-frequency", 100000000, &s->bus_hz);
    if (s->bus_hz == 0 || s->bus_hz > 1000000000ull) {
        snprintf(err, err_len, "sh7750-dmac: clock-frequency %llu out of range",
                 (unsigned long long)s->bus_hz);
        return false;
    }
    if (!host->ops->bus_read || !host->ops->bus_write) {
        snprintf(err, err_len, "sh7750-dmac: the host gives devices no bus to master");
        return false;
    }
    s->timer = host->ops->timer_new(host->ctx, dmac_timer_cb, s);
    if (!s->timer) {
        snprintf(err, err_len, "sh7750-dmac: host could not create a timer");
        return false;
    }
    return true;
}

static void sh7750_dmac_destroy(void *opaque)
{
    sh7750_dmac_state *s = opaque;
    if (s->timer) {
        s->host.ops->timer_free(s->host.ctx, s->timer);
        s->timer = NULL;
    }
}

static void sh7750_dmac_reset(void *opaque)
{
    sh7750_dmac_state *s = opaque;
    memset(s->ch, 0, sizeof(s->ch));
    s->dmaor = 0;
    s->free_ns = 0;
    s->burst_ch = -1;
    s->rr_next = 0;
    periph_timer_del(&s->host, s->timer);
    dmac_update(s);
}

static uint32_t dmac_reg(const sh7750_dmac_state *s, uint64_t word, bool *ok)
{
    *ok = true;
    if (word == 0x40)
        return s->dmaor;
    if (word < 0x40) {
        const sh7750_dmac_ch *c = &s->ch[word / 0x10];
        switch (word & 0xc) {
        case 0x0: return c->sar;
        case 0x4: return c->dar;
        case 0x8: return c->tcr;
        default: return c->chcr;
        }
    }
    *ok = false;
    return 0;
}

static periph_status sh7750_dmac_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh7750_dmac_state *s = opaque;
    if (s->in_unit)
        return PERIPH_BUS_ERROR;   /* a transfer from our own registers */
    dmac_advance(s, periph_now_ns(&s->host));
    bool ok;
    uint32_t v = dmac_reg(s, offset & ~3ull, &ok);
    if (!ok)
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-dmac: read of bad offset 0x%llx",
                   (unsigned long long)offset);
    *val = periph_narrow_read(v, offset, size);
    return PERIPH_OK;
}

static void dmac_write_chcr(sh7750_dmac_state *s, int n, uint32_t v)
{
    sh7750_dmac_ch *c = &s->ch[n];
    /* TE is cleared by writing 0 and never set by software */
    c->chcr = (v & CHCR_WRITABLE) | (c->chcr & v & CHCR_TE);
    if ((c->chcr & CHCR_DE) && !ch_auto(c->chcr) && !c->unimp_logged) {
        unsigned rs = ch_rs(c->chcr);
        if (rs == 1 || rs == 7 || rs == 15)
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-dmac: channel %d: reserved RS %u", n, rs);
        else
            periph_log(&s->host, PERIPH_LOG_UNIMP,
                       "sh7750-dmac: channel %d: request source RS %u (external, SCI/SCIF or TMU2 "
                       "request) is not modelled: no transfer", n, rs);
        c->unimp_logged = true;
    }
    if (!(c->chcr & CHCR_DE))
        c->unimp_logged = false;
}

static periph_status sh7750_dmac_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sh7750_dmac_state *s = opaque;
    if (s->in_unit)
        return PERIPH_BUS_ERROR;   /* a transfer to our own registers */
    uint64_t now = periph_now_ns(&s->host);
    uint32_t v = (uint32_t)val;
    if (size != 4 || (offset & 3)) {
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR,
                   "sh7750-dmac: %u-byte write at offset 0x%llx ignored (registers are 32 bits)", size,
                   (unsigned long long)offset);
        return PERIPH_OK;
    }
    dmac_advance(s, now);
    if (offset == 0x40) {
        /* AE and NMIF are cleared by writing 0 */
        s->dmaor = (v & DMAOR_WRITABLE) | (s->dmaor & v & (DMAOR_AE | DMAOR_NMIF));
    } else if (offset < 0x40) {
        sh7750_dmac_ch *c = &s->ch[offset / 0x10];
        switch (offset & 0xc) {
        case 0x0: c->sar = v; break;
        case 0x4: c->dar = v; break;
        case 0x8: c->tcr = v & 0xffffffu; break;
        default: dmac_write_chcr(s, (int)(offset / 0x10), v); break;
        }
    } else {
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-dmac: write to bad offset 0x%llx",
                   (unsigned long long)offset);
        return PERIPH_OK;
    }
    dmac_kick(s, now);
    return PERIPH_OK;
}

/* NMI: every channel stops until software clears NMIF. */
static void sh7750_dmac_nmi(void *opaque)
{
    sh7750_dmac_state *s = opaque;
    dmac_advance(s, periph_now_ns(&s->host));
    s->dmaor |= DMAOR_NMIF;
    s->burst_ch = -1;
    dmac_advance(s, periph_now_ns(&s->host));
}

const periph_model sh7750_dmac_model = {
    .compatible = "renesas,sh7750-dmac",
    .name = "sh7750-dmac",
    .state_size = sizeof(sh7750_dmac_state),
    .region_size = 0x44,
    .n_irq_out = 5,
    .n_irq_in = 0,
    .has_chr = false,
    .init = sh7750_dmac_init,
    .reset = sh7750_dmac_reset,
    .read = sh7750_dmac_read,
    .write = sh7750_dmac_write,
    .set_irq_in = NULL,
    .attach_chr = NULL,
    .destroy = sh7750_dmac_destroy,
    .bus_master = true,
    .nmi = sh7750_dmac_nmi,
};
