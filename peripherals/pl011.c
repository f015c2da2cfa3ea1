/*
 * ARM PrimeCell UART (PL011), after ARM DDI 0183 (PL011 TRM), with the
 * behaviour of QEMU's model where the two differ on what software sees.
 *
 * Model:
 *  - Transmit is instantaneous: a write to UARTDR goes straight to the
 *    character backend and sets TXRIS at once (as QEMU does); the transmit
 *    FIFO is therefore always empty (FR.TXFE = 1, TXFF = BUSY = 0).
 *  - Receive: the backend feeds bytes through can_receive/receive into a
 *    16-entry FIFO (LCR_H.FEN = 1) or a 1-character holding register
 *    (FEN = 0).  Toggling FEN empties the FIFO.  RXRIS follows QEMU's rule:
 *    it rises when the FIFO goes from empty to non-empty and falls when a
 *    read of UARTDR empties it; the IFLS trigger level is stored but not
 *    used (QEMU does the same because Linux only drains the FIFO from the
 *    interrupt), so the receive-timeout interrupt (RTRIS) is never needed
 *    and never raised.
 *  - A byte that arrives while the FIFO is full is lost and sets RSR.OE and
 *    OERIS (TRM: the FIFO contents stay valid).  RSR.FE/PE/BE follow the
 *    character last read from DR; RSR.OE stays until a write to ECR.
 *  - Loopback (CR.LBE): transmitted bytes go to the backend and into the
 *    receive FIFO, and backend input is dropped (as QEMU does).
 *  - Baud rate, line format, modem lines, IrDA, DMA and the test registers
 *    have no effect; DMA enables and test registers are logged unimp.
 * Invariant: rx_count <= depth and rx_pos < depth, depth = 16 or 1.
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#include <string.h>

/* Register offsets (DDI 0183, table 3-1). */
enum {
    PL011_DR = 0x000,
    PL011_RSR_ECR = 0x004,
    PL011_FR = 0x018,
    PL011_ILPR = 0x020,
    PL011_IBRD = 0x024,
    PL011_FBRD = 0x028,
    PL011_LCR_H = 0x02c,
    PL011_CR = 0x030,
    PL011_IFLS = 0x034,
    PL011_IMSC = 0x038,
    PL011_RIS = 0x03c,
    PL011_MIS = 0x040,
    PL011_ICR = 0x044,
    PL011_DMACR = 0x048,
    PL011_ITCR = 0x080,      /* 0x080..0x08c: test registers */
    PL011_TDR = 0x08c,
};

/* UARTFR bits. */
#define PL011_FR_CTS 0x001u
#define PL011_FR_BUSY 0x008u
#define PL011_FR_RXFE 0x010u
#define PL011_FR_TXFF 0x020u
#define PL011_FR_RXFF 0x040u
#define PL011_FR_TXFE 0x080u

/* Interrupt bits (RIS/MIS/IMSC/ICR). */
#define PL011_INT_RX 0x010u
#define PL011_INT_TX 0x020u
#define PL011_INT_RT 0x040u
#define PL011_INT_OE 0x400u
#define PL011_INT_ALL 0x7ffu

/* RSR bits; DR carries the same errors in bits 11:8. */
#define PL011_RSR_OE 0x8u

#define PL011_LCR_FEN 0x10u
#define PL011_CR_UARTEN 0x001u
#define PL011_CR_LBE 0x080u
#define PL011_CR_TXE 0x100u

#define PL011_FIFO_DEPTH 16

typedef struct pl011_state {
    periph_host host;
    periph_irq irq;
    periph_chr *chr;

    uint16_t rx_fifo[PL011_FIFO_DEPTH];   /* data in 7:0, errors in 11:8 */
    unsigned rx_pos, rx_count;

    uint32_t rsr, ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
    bool warned_disabled_tx;              /* log the disabled-TX mistake once */
} pl011_state;

static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static unsigned pl011_depth(const pl011_state *s)
{
    return (s->lcr_h & PL011_LCR_FEN) ? PL011_FIFO_DEPTH : 1;
}

static void pl011_update(pl011_state *s)
{
    periph_irq_set(&s->irq, (s->ris & s->imsc) != 0);
}

static uint32_t pl011_fr(const pl011_state *s)
{
    uint32_t fr = PL011_FR_TXFE;
    if (s->rx_count == 0)
        fr |= PL011_FR_RXFE;
    if (s->rx_count == pl011_depth(s))
        fr |= PL011_FR_RXFF;
    return fr;
}

static void pl011_rx_reset(pl011_state *s)
{
    s->rx_count = 0;
    s->rx_pos = 0;
}

/* One character (with error bits) arrives at the receiver. */
static void pl011_put_rx(pl011_state *s, uint16_t c)
{
    unsigned depth = pl011_depth(s);
    if (s->rx_count == depth) {
        s->rsr |= PL011_RSR_OE;
        s->ris |= PL011_INT_OE;
        pl011_update(s);
        return;
    }
    s->rx_fifo[(s->rx_pos + s->rx_count) % depth] = c;
    s->rx_count++;
    /* QEMU's trigger level is always 1: RX interrupt as soon as data is there. */
    if (s->rx_count == 1)
        s->ris |= PL011_INT_RX;
    pl011_update(s);
}

static uint32_t pl011_read_dr(pl011_state *s)
{
    /* Reading an empty FIFO returns the stale slot, as the hardware does. */
    uint16_t c = s->rx_fifo[s->rx_pos];
    if (s->rx_count > 0) {
        s->rx_count--;
        s->rx_pos = (s->rx_pos + 1) % pl011_depth(s);
    }
    if (s->rx_count == 0)
        s->ris &= ~PL011_INT_RX;
    s->rsr = (s->rsr & PL011_RSR_OE) | ((c >> 8) & 0x7u);
    pl011_update(s);
    return c;
}

static void pl011_write_dr(pl011_state *s, uint8_t ch)
{
    if ((s->cr & (PL011_CR_UARTEN | PL011_CR_TXE)) != (PL011_CR_UARTEN | PL011_CR_TXE) &&
        !s->warned_disabled_tx) {
        /* Real hardware would not send; QEMU sends anyway and so do we,
         * because much bare-metal code never sets UARTEN. */
        s->warned_disabled_tx = true;
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR,
                   "pl011: data written while UART or transmitter disabled (CR=0x%x)", s->cr);
    }
    if (s->chr && s->chr->ops && s->chr->ops->write)
        s->chr->ops->write(s->chr, &ch, 1);
    if (s->cr & PL011_CR_LBE)
        pl011_put_rx(s, ch);
    s->ris |= PL011_INT_TX;
    pl011_update(s);
}

static void pl011_reset(void *opaque)
{
    pl011_state *s = opaque;
    pl011_rx_reset(s);
    memset(s->rx_fifo, 0, sizeof s->rx_fifo);
    s->rsr = 0;
    s->ilpr = 0;
    s->ibrd = 0;
    s->fbrd = 0;
    s->lcr_h = 0;
    s->cr = 0x300;        /* TXE | RXE */
    s->ifls = 0x12;       /* both trigger levels at half full */
    s->imsc = 0;
    s->ris = 0;
    s->dmacr = 0;
    s->warned_disabled_tx = false;
    pl011_update(s);
}

static bool pl011_init(void *opaque, const periph_host *host, const periph_props *props,
                       const periph_irq *irq_out, char *err, size_t err_len)
{
    pl011_state *s = opaque;
    s->host = *host;
    s->irq = irq_out[0];
    return true;
}

static periph_status pl011_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    pl011_state *s = opaque;
    uint64_t off = offset & ~3ull;
    uint32_t r = 0;

    switch (off) {
    case PL011_DR: r = pl011_read_dr(s); break;
    case PL011_RSR_ECR: r = s->rsr; break;
    case PL011_FR: r = pl011_fr(s); break;
    case PL011_ILPR: r = s->ilpr; break;
    case PL011_IBRD: r = s->ibrd; break;
    case PL011_FBRD: r = s->fbrd; break;
    case PL011_LCR_H: r = s->lcr_h; break;
    case PL011_CR: r = s->cr; break;
    case PL011_IFLS: r = s->ifls; break;
    case PL011_IMSC: r = s->imsc; break;
    case PL011_RIS: r = s->ris; break;
    case PL011_MIS: r = s->ris & s->imsc; break;
    case PL011_DMACR: r = s->dmacr; break;
    default:
        if (periph_is_id_offset(off)) {
            r = periph_id_read(pl011_id, off);
        } else if (off >= PL011_ITCR && off <= PL011_TDR) {
            periph_log(&s->host, PERIPH_LOG_UNIMP, "pl011: test register 0x%llx not implemented",
                       (unsigned long long)off);
        } else {
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "pl011: read of bad offset 0x%llx",
                       (unsigned long long)offset);
        }
        break;
    }
    *val = periph_narrow_read(r, offset, size);
    return PERIPH_OK;
}

static periph_status pl011_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    pl011_state *s = opaque;
    if (!periph_write_ok(&s->host, "pl011", offset, size))
        return PERIPH_OK;
    uint32_t v = (uint32_t)val;

    switch (offset) {
    case PL011_DR: pl011_write_dr(s, (uint8_t)v); break;
    case PL011_RSR_ECR: s->rsr = 0; break;       /* any write to ECR clears all errors */
    case PL011_ILPR: s->ilpr = v & 0xff; break;
    case PL011_IBRD: s->ibrd = v & 0xffff; break;
    case PL011_FBRD: s->fbrd = v & 0x3f; break;
    case PL011_LCR_H:
        if ((s->lcr_h ^ v) & PL011_LCR_FEN)
            pl011_rx_reset(s);
        s->lcr_h = v & 0xff;
        break;
    case PL011_CR: s->cr = v & 0xffff; break;
    case PL011_IFLS: s->ifls = v & 0x3f; break;
    case PL011_IMSC: s->imsc = v & PL011_INT_ALL; pl011_update(s); break;
    case PL011_ICR: s->ris &= ~v; pl011_update(s); break;
    case PL011_DMACR:
        s->dmacr = v & 0x7;
        if (s->dmacr)
            periph_log(&s->host, PERIPH_LOG_UNIMP, "pl011: DMA not implemented (DMACR=0x%x)", v);
        break;
    case PL011_FR:
    case PL011_RIS:
    case PL011_MIS:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "pl011: write to read-only offset 0x%llx",
                   (unsigned long long)offset);
        break;
    default:
        if (offset >= PL011_ITCR && offset <= PL011_TDR)
            periph_log(&s->host, PERIPH_LOG_UNIMP, "pl011: test register 0x%llx not implemented",
                       (unsigned long long)offset);
        else
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "pl011: write to bad offset 0x%llx",
                       (unsigned long long)offset);
        break;
    }
    return PERIPH_OK;
}

static size_t pl011_can_receive(void *dev)
{
    pl011_state *s = dev;
    return pl011_depth(s) - s->rx_count;
}

static void pl011_receive(void *dev, const uint8_t *buf, size_t len)
{
    pl011_state *s = dev;
    if (s->cr & PL011_CR_LBE)
        return;           /* the RX pin is disconnected in loopback */
    for (size_t i = 0; i < len; i++)
        pl011_put_rx(s, buf[i]);
}

static void pl011_attach_chr(void *opaque, periph_chr *chr)
{
    pl011_state *s = opaque;
    s->chr = chr;
    if (chr) {
        chr->can_receive = pl011_can_receive;
        chr->receive = pl011_receive;
        chr->dev = s;
    }
}

static void pl011_destroy(void *opaque)
{
    pl011_state *s = opaque;
    if (s->chr && s->chr->dev == s) {
        s->chr->can_receive = NULL;
        s->chr->receive = NULL;
        s->chr->dev = NULL;
    }
}

const periph_model pl011_model = {
    .compatible = "arm,pl011",
    .name = "pl011",
    .state_size = sizeof(pl011_state),
    .region_size = 0x1000,
    .n_irq_out = 1,
    .n_irq_in = 0,
    .has_chr = true,
    .init = pl011_init,
    .reset = pl011_reset,
    .read = pl011_read,
    .write = pl011_write,
    .set_irq_in = NULL,
    .attach_chr = pl011_attach_chr,
    .destroy = pl011_destroy,
};
