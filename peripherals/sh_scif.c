/*
 * SuperH serial communication interface with FIFO (SCIF, channel 2 of
 * the SH7750), after the SH7750 hardware manual (REJ09B0366), section 16.
 *
 * Registers (window at 0xffe80000; sizes as in the manual):
 *   0x00 SCSMR2 (16)  0x04 SCBRR2 (8)   0x08 SCSCR2 (16)  0x0c SCFTDR2 (8, W)
 *   0x10 SCFSR2 (16)  0x14 SCFRDR2 (8, R) 0x18 SCFCR2 (16) 0x1c SCFDR2 (16, R)
 *   0x20 SCSPTR2 (16) 0x24 SCLSR2 (16)
 * SCSCR2: TIE 7, RIE 6, TE 5, RE 4, REIE 3.  SCFSR2: ER 7, TEND 6, TDFE 5,
 * BRK 4, FER 3, PER 2, RDF 1, DR 0; flags are cleared by writing 0 after
 * reading 1 (the model clears on any 0 write).  SCFCR2: RTRG[7:6]
 * (1, 4, 8, 14 bytes), TFRST 2, RFRST 1.  SCFDR2: [12:8] bytes in the
 * transmit FIFO, [4:0] in the receive FIFO.
 *
 * Timing: a byte written to SCFTDR2 (with TE set) leaves at once through
 * the character backend, so the transmit FIFO is always empty: TDFE and
 * TEND read 1 again as soon as software clears them (baud rate not
 * modelled).  Received bytes enter a 16-byte FIFO; RDF is set when it
 * holds at least the trigger count, DR when it holds fewer but is not
 * empty (the manual sets DR after an idle time; here at once).
 * Outputs: 0 ERI (ER/BRK with RIE or REIE), 1 RXI (RDF/DR with RIE),
 * 2 BRI (BRK with RIE or REIE), 3 TXI (TDFE with TIE).
 */
#include <stdio.h>

#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#define SCIF_FIFO 16

enum {
    SCFSR_DR = 0x01, SCFSR_RDF = 0x02, SCFSR_PER = 0x04, SCFSR_FER = 0x08, SCFSR_BRK = 0x10,
    SCFSR_TDFE = 0x20, SCFSR_TEND = 0x40, SCFSR_ER = 0x80,
};
enum { SCSCR_REIE = 0x08, SCSCR_RE = 0x10, SCSCR_TE = 0x20, SCSCR_RIE = 0x40, SCSCR_TIE = 0x80 };

typedef struct sh_scif_state {
    periph_host host;
    periph_irq irq[4];
    periph_chr *chr;
    uint16_t smr, scr, fsr, fcr, sptr, lsr;
    uint8_t brr;
    uint8_t rx[SCIF_FIFO];
    unsigned rx_head, rx_count;
} sh_scif_state;

static unsigned scif_trigger(const sh_scif_state *s)
{
    static const unsigned t[4] = { 1, 4, 8, 14 };
    return t[(s->fcr >> 6) & 3];
}

static void scif_update(sh_scif_state *s)
{
    if (s->rx_count >= scif_trigger(s))
        s->fsr |= SCFSR_RDF;
    else if (s->rx_count)
        s->fsr |= SCFSR_DR;
    bool rie = s->scr & SCSCR_RIE, eie = s->scr & (SCSCR_RIE | SCSCR_REIE);
    periph_irq_set(&s->irq[0], eie && (s->fsr & (SCFSR_ER | SCFSR_BRK)));
    periph_irq_set(&s->irq[1], rie && (s->fsr & (SCFSR_RDF | SCFSR_DR)));
    periph_irq_set(&s->irq[2], eie && (s->fsr & SCFSR_BRK));
    periph_irq_set(&s->irq[3], (s->scr & SCSCR_TIE) && (s->fsr & SCFSR_TDFE));
}

static size_t scif_can_receive(void *opaque)
{
    sh_scif_state *s = opaque;
    return (s->scr & SCSCR_RE) ? SCIF_FIFO - s->rx_count : 0;
}

static void scif_receive(void *opaque, const uint8_t *buf, size_t len)
{
    sh_scif_state *s = opaque;
    for (size_t i = 0; i < len && s->rx_count < SCIF_FIFO; i++)
        s->rx[(s->rx_head + s->rx_count++) % SCIF_FIFO] = buf[i];
    scif_update(s);
}

static bool sh_scif_init(void *opaque, const periph_host *host, const periph_props *props,
                         const periph_irq *irq_out, char *err, size_t err_len)
{
    sh_scif_state *s = opaque;
    s->host = *host;
    for (int i = 0; i < 4; i++)
        s->irq[i] = irq_out[i];
    return true;
}

static void sh_scif_reset(void *opaque)
{
    sh_scif_state *s = opaque;
    s->smr = 0;
    s->brr = 0xff;
    s->scr = 0;
    s->fsr = SCFSR_TEND | SCFSR_TDFE;
    s->fcr = 0;
    s->sptr = 0;
    s->lsr = 0;
    s->rx_head = s->rx_count = 0;
    scif_update(s);
}

static void sh_scif_attach_chr(void *opaque, periph_chr *chr)
{
    sh_scif_state *s = opaque;
    s->chr = chr;
    if (chr) {
        chr->dev = s;
        chr->can_receive = scif_can_receive;
        chr->receive = scif_receive;
    }
}

static periph_status sh_scif_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh_scif_state *s = opaque;
    switch (offset) {
    case 0x00: *val = s->smr; break;
    case 0x04: *val = s->brr; break;
    case 0x08: *val = s->scr; break;
    case 0x10: *val = s->fsr; break;
    case 0x14:
        if (s->rx_count) {
            *val = s->rx[s->rx_head];
            s->rx_head = (s->rx_head + 1) % SCIF_FIFO;
            s->rx_count--;
        } else {
            *val = 0;
        }
        scif_update(s);
        break;
    case 0x18: *val = s->fcr; break;
    case 0x1c: *val = s->rx_count; break;
    case 0x20: *val = s->sptr; break;
    case 0x24: *val = s->lsr; break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh-scif: read of %s offset 0x%llx",
                   offset == 0x0c ? "write-only" : "bad", (unsigned long long)offset);
        *val = 0;
        break;
    }
    return PERIPH_OK;
}

static periph_status sh_scif_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sh_scif_state *s = opaque;
    uint32_t v = (uint32_t)val;
    switch (offset) {
    case 0x00: s->smr = (uint16_t)v; break;
    case 0x04: s->brr = (uint8_t)v; break;
    case 0x08: s->scr = (uint16_t)(v & 0xfa); break;
    case 0x0c:
        if (!(s->scr & SCSCR_TE)) {
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR,
                       "sh-scif: SCFTDR2 written with TE clear: byte dropped");
            break;
        }
        if (s->chr && s->chr->ops && s->chr->ops->write) {
            uint8_t b = (uint8_t)v;
            (void)s->chr->ops->write(s->chr, &b, 1);
        }
        break;
    case 0x10:
        /* write 0 clears a flag; the transmitter is always idle, so TDFE and
         * TEND come back at once */
        s->fsr &= (uint16_t)(v | ~0xffu);
        s->fsr |= SCFSR_TEND | SCFSR_TDFE;
        break;
    case 0x18:
        s->fcr = (uint16_t)(v & 0xff);
        if (v & 2)
            s->rx_head = s->rx_count = 0;
        break;
    case 0x20: s->sptr = (uint16_t)v; break;
    case 0x24: s->lsr = (uint16_t)(v & 1); break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh-scif: write to bad offset 0x%llx",
                   (unsigned long long)offset);
        break;
    }
    /* a cleared RDF/DR comes back while the FIFO still holds data */
    scif_update(s);
    return PERIPH_OK;
}

const periph_model sh_scif_model = {
    .compatible = "renesas,scif",
    .name = "sh-scif",
    .state_size = sizeof(sh_scif_state),
    .region_size = 0x28,
    .n_irq_out = 4,
    .n_irq_in = 0,
    .has_chr = true,
    .init = sh_scif_init,
    .reset = sh_scif_reset,
    .read = sh_scif_read,
    .write = sh_scif_write,
    .set_irq_in = NULL,
    .attach_chr = sh_scif_attach_chr,
    .destroy = NULL,
};
