/*
 * SH7750 serial communication interface (SCI, channel 1; no FIFO), after
 * the SH7750 hardware manual (REJ09B0366), section 15, asynchronous mode.
 *
 * Registers (8 bits, window at 0xffe00000):
 *   0x00 SCSMR1  0x04 SCBRR1  0x08 SCSCR1  0x0c SCTDR1  0x10 SCSSR1
 *   0x14 SCRDR1 (R)  0x18 SCSCMR1  0x1c SCSPTR1
 * SCSCR1: TIE 7, RIE 6, TE 5, RE 4, TEIE 2.  SCSSR1: TDRE 7, RDRF 6,
 * ORER 5, FER 4, PER 3, TEND 2 (read only), MPB 1, MPBT 0.
 * Transmit: software writes SCTDR1 then clears TDRE (writes 0 to it); the
 * byte leaves at once through the character backend and TDRE and TEND are
 * set again (baud rate not modelled).  Receive: one byte in SCRDR1, RDRF
 * set; a byte arriving while RDRF is still set is an overrun (ORER).
 * Outputs: 0 ERI (ORER/FER/PER with RIE), 1 RXI (RDRF with RIE),
 * 2 TXI (TDRE with TIE), 3 TEI (TEND with TEIE).
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

enum { SSR_TDRE = 0x80, SSR_RDRF = 0x40, SSR_ORER = 0x20, SSR_FER = 0x10, SSR_PER = 0x08, SSR_TEND = 0x04 };
enum { SCR_TIE = 0x80, SCR_RIE = 0x40, SCR_TE = 0x20, SCR_RE = 0x10, SCR_TEIE = 0x04 };

typedef struct sh7750_sci_state {
    periph_host host;
    periph_irq irq[4];
    periph_chr *chr;
    uint8_t smr, brr, scr, tdr, ssr, rdr, scmr, sptr;
} sh7750_sci_state;

static void sci_update(sh7750_sci_state *s)
{
    periph_irq_set(&s->irq[0], (s->scr & SCR_RIE) && (s->ssr & (SSR_ORER | SSR_FER | SSR_PER)));
    periph_irq_set(&s->irq[1], (s->scr & SCR_RIE) && (s->ssr & SSR_RDRF));
    periph_irq_set(&s->irq[2], (s->scr & SCR_TIE) && (s->ssr & SSR_TDRE));
    periph_irq_set(&s->irq[3], (s->scr & SCR_TEIE) && (s->ssr & SSR_TEND));
}

static size_t sci_can_receive(void *opaque)
{
    sh7750_sci_state *s = opaque;
    return (s->scr & SCR_RE) && !(s->ssr & SSR_RDRF) ? 1 : 0;
}

static void sci_receive(void *opaque, const uint8_t *buf, size_t len)
{
    sh7750_sci_state *s = opaque;
    if (!len)
        return;
    if (s->ssr & SSR_RDRF)
        s->ssr |= SSR_ORER;
    else {
        s->rdr = buf[0];
        s->ssr |= SSR_RDRF;
    }
    sci_update(s);
}

static bool sh7750_sci_init(void *opaque, const periph_host *host, const periph_props *props,
                            const periph_irq *irq_out, char *err, size_t err_len)
{
    sh7750_sci_state *s = opaque;
    s->host = *host;
    for (int i = 0; i < 4; i++)
        s->irq[i] = irq_out[i];
    return true;
}

static void sh7750_sci_reset(void *opaque)
{
    sh7750_sci_state *s = opaque;
    s->smr = 0; s->brr = 0xff; s->scr = 0; s->tdr = 0xff;
    s->ssr = SSR_TDRE | SSR_TEND; s->rdr = 0; s->scmr = 0; s->sptr = 0;
    sci_update(s);
}

static void sh7750_sci_attach_chr(void *opaque, periph_chr *chr)
{
    sh7750_sci_state *s = opaque;
    s->chr = chr;
    if (chr) {
        chr->dev = s;
        chr->can_receive = sci_can_receive;
        chr->receive = sci_receive;
    }
}

static periph_status sh7750_sci_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh7750_sci_state *s = opaque;
    switch (offset) {
    case 0x00: *val = s->smr; break;
    case 0x04: *val = s->brr; break;
    case 0x08: *val = s->scr; break;
    case 0x0c: *val = s->tdr; break;
    case 0x10: *val = s->ssr; break;
    case 0x14: *val = s->rdr; break;
    case 0x18: *val = s->scmr; break;
    case 0x1c: *val = s->sptr; break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-sci: read of bad offset 0x%llx",
                   (unsigned long long)offset);
        *val = 0;
    }
    return PERIPH_OK;
}

static periph_status sh7750_sci_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sh7750_sci_state *s = opaque;
    uint8_t v = (uint8_t)val;
    switch (offset) {
    case 0x00: s->smr = v; break;
    case 0x04: s->brr = v; break;
    case 0x08: s->scr = v; break;
    case 0x0c: s->tdr = v; break;
    case 0x10: {
        bool send = (s->ssr & SSR_TDRE) && !(v & SSR_TDRE) && (s->scr & SCR_TE);
        /* flags clear on 0; TEND is read only; MPBT is written */
        s->ssr = (uint8_t)((s->ssr & (v | SSR_TEND | 0x02)) & ~0x01) | (v & 0x01);
        if (send) {
            if (s->chr && s->chr->ops && s->chr->ops->write)
                (void)s->chr->ops->write(s->chr, &s->tdr, 1);
            s->ssr |= SSR_TDRE | SSR_TEND;
        }
        break;
    }
    case 0x18: s->scmr = v; break;
    case 0x1c: s->sptr = v; break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-sci: write to bad offset 0x%llx",
                   (unsigned long long)offset);
    }
    sci_update(s);
    return PERIPH_OK;
}

const periph_model sh7750_sci_model = {
    .compatible = "renesas,sh7750-sci",
    .name = "sh7750-sci",
    .state_size = sizeof(sh7750_sci_state),
    .region_size = 0x20,
    .n_irq_out = 4,
    .has_chr = true,
    .init = sh7750_sci_init,
    .reset = sh7750_sci_reset,
    .read = sh7750_sci_read,
    .write = sh7750_sci_write,
    .attach_chr = sh7750_sci_attach_chr,
};
