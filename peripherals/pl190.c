/*
 * ARM PrimeCell Vectored Interrupt Controller (PL190), after ARM DDI 0181
 * (PL190 TRM), with QEMU's priority logic.
 *
 * 32 level inputs; output 0 is nVICIRQ (active high here), output 1 is
 * nVICFIQ.  A source is pending when (input | SoftInt) & IntEnable; pending
 * sources selected by IntSelect go to FIQ, the rest to IRQ.
 *
 * Vectored priority: 16 vector slots (VectCntlN: bit 5 enable, 4:0
 * source), slot 0 highest, then the non-vectored level 16 (DefVectAddr),
 * then "idle" 17.  prio_mask[p] is the set of sources in vectored slots
 * with higher priority than level p (prio_mask[16] = every vectored source,
 * prio_mask[17] = all).  The IRQ output is raised for pending IRQ sources
 * in prio_mask[current priority], so while a handler runs only higher
 * priorities can interrupt it.  Reading VectAddr acknowledges: the current
 * priority becomes that of the highest pending source (pushing the old one)
 * and the read returns that slot's address (DefVectAddr for non-vectored);
 * writing VectAddr ends the interrupt and pops the previous priority.
 *
 * Differences from QEMU (the TRM is followed): the VectAddr priority search
 * and FIQStatus/nVICFIQ only consider enabled sources (QEMU ignores
 * IntEnable there).  Writes to IRQStatus are ignored without a log (Linux
 * does them; QEMU ignores them too).  Protection is stored but user-mode
 * accesses are not rejected (logged as unimplemented); test registers are
 * unimplemented.
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

enum {
    PL190_IRQSTATUS = 0x000,
    PL190_FIQSTATUS = 0x004,
    PL190_RAWINTR = 0x008,
    PL190_INTSELECT = 0x00c,
    PL190_INTENABLE = 0x010,
    PL190_INTENCLEAR = 0x014,
    PL190_SOFTINT = 0x018,
    PL190_SOFTINTCLEAR = 0x01c,
    PL190_PROTECTION = 0x020,
    PL190_VECTADDR = 0x030,
    PL190_DEFVECTADDR = 0x034,
    PL190_VECTADDR0 = 0x100,     /* ..0x13c */
    PL190_VECTCNTL0 = 0x200,     /* ..0x23c */
    PL190_ITCR = 0x300,
    PL190_ITOP2 = 0x310,
};

#define PL190_NUM_VECT 16
#define PL190_PRIO_DEFAULT 16    /* non-vectored IRQ being serviced */
#define PL190_PRIO_IDLE 17       /* no IRQ being serviced          */
#define PL190_VECTCNTL_ENABLE 0x20u

typedef struct pl190_state {
    periph_host host;
    periph_irq irq, fiq;
    uint32_t level;              /* input lines                       */
    uint32_t soft;               /* SoftInt                           */
    uint32_t enable;             /* IntEnable                         */
    uint32_t select;             /* IntSelect: 1 = FIQ                */
    uint32_t protection;
    uint32_t vect_addr[PL190_NUM_VECT + 1];   /* [16] = DefVectAddr  */
    uint8_t vect_cntl[PL190_NUM_VECT];
    uint32_t prio_mask[PL190_PRIO_IDLE + 1];
    int priority;
    int prev_prio[PL190_PRIO_IDLE];
} pl190_state;

static const uint8_t pl190_id[8] = { 0x90, 0x11, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static uint32_t pl190_raw(const pl190_state *s) { return s->level | s->soft; }
static uint32_t pl190_irq_pending(const pl190_state *s) { return pl190_raw(s) & s->enable & ~s->select; }
static uint32_t pl190_fiq_pending(const pl190_state *s) { return pl190_raw(s) & s->enable & s->select; }

static void pl190_update(pl190_state *s)
{
    periph_irq_set(&s->irq, (pl190_irq_pending(s) & s->prio_mask[s->priority]) != 0);
    periph_irq_set(&s->fiq, pl190_fiq_pending(s) != 0);
}

static void pl190_update_vectors(pl190_state *s)
{
    uint32_t mask = 0;
    for (int i = 0; i < PL190_NUM_VECT; i++) {
        s->prio_mask[i] = mask;
        if (s->vect_cntl[i] & PL190_VECTCNTL_ENABLE)
            mask |= 1u << (s->vect_cntl[i] & 0x1f);
    }
    s->prio_mask[PL190_PRIO_DEFAULT] = mask;
    s->prio_mask[PL190_PRIO_IDLE] = 0xffffffffu;
    pl190_update(s);
}

/* Read of VectAddr: acknowledge the highest-priority pending IRQ. */
static uint32_t pl190_ack(pl190_state *s)
{
    uint32_t pending = pl190_irq_pending(s);
    int i;
    /* prio_mask[i + 1] holds every source at priority <= i, so the first
     * hit is the priority of the best pending source. */
    for (i = 0; i < s->priority; i++)
        if (pending & s->prio_mask[i + 1])
            break;
    if (i == PL190_PRIO_IDLE)
        return s->vect_addr[PL190_PRIO_DEFAULT];  /* nothing pending: undefined, as QEMU */
    if (i < s->priority) {
        s->prev_prio[i] = s->priority;
        s->priority = i;
        pl190_update(s);
    }
    return s->vect_addr[s->priority];
}

static void pl190_reset(void *opaque)
{
    pl190_state *s = opaque;
    s->soft = 0;
    s->enable = 0;
    s->select = 0;
    s->protection = 0;
    for (int i = 0; i <= PL190_NUM_VECT; i++)
        s->vect_addr[i] = 0;
    for (int i = 0; i < PL190_NUM_VECT; i++)
        s->vect_cntl[i] = 0;
    s->priority = PL190_PRIO_IDLE;
    /* Input levels belong to the sources, not to the VIC: keep them. */
    pl190_update_vectors(s);
}

static bool pl190_init(void *opaque, const periph_host *host, const periph_props *props,
                       const periph_irq *irq_out, char *err, size_t err_len)
{
    pl190_state *s = opaque;
    s->host = *host;
    s->irq = irq_out[0];
    s->fiq = irq_out[1];
    s->priority = PL190_PRIO_IDLE;
    s->prio_mask[PL190_PRIO_IDLE] = 0xffffffffu;
    return true;
}

static void pl190_set_irq_in(void *opaque, int n, bool level)
{
    pl190_state *s = opaque;
    if (periph_set_input_level(&s->level, n, 32, level))
        pl190_update(s);
}

static periph_status pl190_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    pl190_state *s = opaque;
    uint64_t off = offset & ~3ull;
    uint32_t r = 0;

    if (off >= PL190_VECTADDR0 && off < PL190_VECTADDR0 + 4 * PL190_NUM_VECT) {
        r = s->vect_addr[(off - PL190_VECTADDR0) >> 2];
    } else if (off >= PL190_VECTCNTL0 && off < PL190_VECTCNTL0 + 4 * PL190_NUM_VECT) {
        r = s->vect_cntl[(off - PL190_VECTCNTL0) >> 2];
    } else if (periph_is_id_offset(off)) {
        r = periph_id_read(pl190_id, off);
    } else {
        switch (off) {
        case PL190_IRQSTATUS: r = pl190_irq_pending(s); break;
        case PL190_FIQSTATUS: r = pl190_fiq_pending(s); break;
        case PL190_RAWINTR: r = pl190_raw(s); break;
        case PL190_INTSELECT: r = s->select; break;
        case PL190_INTENABLE: r = s->enable; break;
        case PL190_SOFTINT: r = s->soft; break;
        case PL190_PROTECTION: r = s->protection; break;
        case PL190_VECTADDR: r = pl190_ack(s); break;
        case PL190_DEFVECTADDR: r = s->vect_addr[PL190_PRIO_DEFAULT]; break;
        default:
            if (off >= PL190_ITCR && off <= PL190_ITOP2)
                periph_log(&s->host, PERIPH_LOG_UNIMP, "pl190: test registers not implemented");
            else
                periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "pl190: read of %s offset 0x%llx",
                           (off == PL190_INTENCLEAR || off == PL190_SOFTINTCLEAR) ? "write-only"
                                                                                  : "bad",
                           (unsigned long long)offset);
            break;
        }
    }
    *val = periph_narrow_read(r, offset, size);
    return PERIPH_OK;
}

static periph_status pl190_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    pl190_state *s = opaque;
    if (!periph_write_ok(&s->host, "pl190", offset, size))
        return PERIPH_OK;
    uint32_t v = (uint32_t)val;

    if (offset >= PL190_VECTADDR0 && offset < PL190_VECTADDR0 + 4 * PL190_NUM_VECT) {
        s->vect_addr[(offset - PL190_VECTADDR0) >> 2] = v;
        return PERIPH_OK;
    }
    if (offset >= PL190_VECTCNTL0 && offset < PL190_VECTCNTL0 + 4 * PL190_NUM_VECT) {
        s->vect_cntl[(offset - PL190_VECTCNTL0) >> 2] = v & 0x3f;
        pl190_update_vectors(s);
        return PERIPH_OK;
    }
    switch (offset) {
    case PL190_IRQSTATUS: break;   /* read-only; Linux writes it, QEMU ignores it */
    case PL190_INTSELECT: s->select = v; break;
    case PL190_INTENABLE: s->enable |= v; break;
    case PL190_INTENCLEAR: s->enable &= ~v; break;
    case PL190_SOFTINT: s->soft |= v; break;
    case PL190_SOFTINTCLEAR: s->soft &= ~v; break;
    case PL190_PROTECTION:
        s->protection = v & 1;
        if (s->protection)
            periph_log(&s->host, PERIPH_LOG_UNIMP,
                       "pl190: protection (privileged-only access) not enforced");
        break;
    case PL190_VECTADDR:
        /* End of interrupt: the value written is ignored. */
        if (s->priority < PL190_PRIO_IDLE)
            s->priority = s->prev_prio[s->priority];
        break;
    case PL190_DEFVECTADDR: s->vect_addr[PL190_PRIO_DEFAULT] = v; break;
    default:
        if (offset >= PL190_ITCR && offset <= PL190_ITOP2) {
            if (v)
                periph_log(&s->host, PERIPH_LOG_UNIMP, "pl190: test mode not implemented");
        } else {
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "pl190: write to %s offset 0x%llx",
                       (offset == PL190_FIQSTATUS || offset == PL190_RAWINTR) ? "read-only" : "bad",
                       (unsigned long long)offset);
        }
        return PERIPH_OK;
    }
    pl190_update(s);
    return PERIPH_OK;
}

#define PL190_MODEL(compat)                                                       \
    {                                                                             \
        .compatible = compat, .name = "pl190", .state_size = sizeof(pl190_state), \
        .region_size = 0x1000, .n_irq_out = 2, .n_irq_in = 32, .has_chr = false,  \
        .init = pl190_init, .reset = pl190_reset, .read = pl190_read,             \
        .write = pl190_write, .set_irq_in = pl190_set_irq_in, .attach_chr = NULL, \
        .destroy = NULL,                                                          \
    }

const periph_model pl190_model = PL190_MODEL("arm,versatile-vic");
const periph_model pl190_model_pl190 = PL190_MODEL("arm,pl190-vic");
