/*
 * SH7750 interrupt controller (INTC), after the SH7750 hardware manual
 * (REJ09B0366), section 19: on-chip sources, the NMI pin and the IRL pins.
 *
 * Registers (16 bits, window at 0xffd00000):
 *   0x00 ICR   NMIL 15 (read only: the NMI pin level), MAI 14, NMIB 9,
 *              NMIE 8, IRLM 7
 *   0x04 IPRA  [15:12] TMU0  [11:8] TMU1  [7:4] TMU2  [3:0] RTC
 *   0x08 IPRB  [15:12] WDT   [11:8] REF   [7:4] SCI   [3:0] reserved
 *   0x0c IPRC  [15:12] GPIO  [11:8] DMAC  [7:4] SCIF  [3:0] H-UDI
 *   0x10 IPRD  [15:12] IRL0  [11:8] IRL1  [7:4] IRL2  [3:0] IRL3 (used
 *              when ICR.IRLM = 1; reset value 0xda74, the levels 13, 10,
 *              7, 4 the SH7750 without IPRD gives those pins)
 *   0x80 ACK   model-private, read only: (level << 16) | INTEVT code of the
 *              maskable interrupt the CPU would take now (0 when none),
 *              bit 24 = an NMI is latched, bit 25 = ICR.NMIB.  The SH-4
 *              CPU model reads it when it accepts an interrupt, and when
 *              an NMI is pending while SR.BL = 1 (targets/sh4/cpu.c); the
 *              real INTC hands INTEVT over on an internal bus the same way.
 *              Writing 0x1c0 here is the CPU's "NMI accepted": the latch
 *              clears.
 *
 * Inputs (level; the board wires device outputs to them):
 *    0 TMU0 TUNI0 (0x400)   1 TMU1 TUNI1 (0x420)  2 TMU2 TUNI2 (0x440)
 *    3 TMU2 TICPI2 (0x460)  4 RTC ATI (0x480)     5 RTC PRI (0x4a0)
 *    6 RTC CUI (0x4c0)      7 SCI ERI (0x4e0)     8 SCI RXI (0x500)
 *    9 SCI TXI (0x520)     10 SCI TEI (0x540)    11 WDT ITI (0x560)
 *   12 SCIF ERI (0x700)    13 SCIF RXI (0x720)   14 SCIF BRI (0x740)
 *   15 SCIF TXI (0x760)    16-19 DMAC DMTE0-3 (0x640-0x6a0)
 *   20 DMAC DMAE (0x6c0)
 *   21 the NMI pin, inverted: high means the pin is driven low (an
 *      unconnected input is a pin resting high, NMIL = 1).  The pin edge
 *      ICR.NMIE selects latches an NMI request: with NMIE = 0 (falling
 *      edge, the reset value) a rising input, with NMIE = 1 a falling one.
 *   22-25 IRL0-IRL3 requests, active high the same way: input 22 + k high
 *      means pin IRLk is driven low.  ICR.IRLM = 0: the four requests
 *      are the level, L = 8*IRL3 + 4*IRL2 + 2*IRL1 + IRL0 (pins 0000 ->
 *      level 15), INTEVT 0x200 + 0x20 * (15 - L); IRLM = 1: four
 *      independent sources IRL0-3, INTEVT 0x240, 0x2a0, 0x300, 0x360,
 *      priorities from IPRD.
 * Outputs: 0 to the CPU's interrupt request, high while a maskable source
 * is pending at a non-zero level; 1 the NMI request, high from the active
 * NMI edge until the CPU accepts it (write 0x1c0 to ACK).
 *
 * Among pending sources the highest level wins; equal levels go by the
 * manual's default order: IRL, H-UDI, GPIO, DMAC, TMU0, TMU1, TMU2, RTC,
 * SCI, SCIF, WDT, REF, and within a module by INTEVT code.  ICR.MAI = 1
 * masks every maskable interrupt while the NMI pin is low.
 */
#include <stdio.h>

#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#define SH7750_INTC_NONCHIP 21      /* on-chip sources: inputs 0-20 */
#define SH7750_INTC_IN_NMI 21
#define SH7750_INTC_IN_IRL0 22
#define SH7750_INTC_NIN 26
#define SH7750_INTC_ACK 0x80
#define SH7750_INTC_ACK_NMI (1u << 24)
#define SH7750_INTC_ACK_NMIB (1u << 25)
#define SH7750_INTC_NMI_CODE 0x1c0

#define ICR_NMIL 0x8000u
#define ICR_MAI  0x4000u
#define ICR_NMIB 0x0200u
#define ICR_NMIE 0x0100u
#define ICR_IRLM 0x0080u
#define ICR_WRITABLE (ICR_MAI | ICR_NMIB | ICR_NMIE | ICR_IRLM)

typedef struct sh7750_intc_state {
    periph_host host;
    periph_irq out, nmi_out;
    uint16_t icr, ipr[4];
    uint32_t level;             /* input levels, bit n = input n */
    bool nmi_latched;
} sh7750_intc_state;

/* INTEVT code, (IPR index, shift) and default-order rank of each on-chip
 * input; a lower rank wins a tie */
static const struct {
    uint16_t code;
    uint8_t ipr, shift, rank;
} sh7750_intc_src[SH7750_INTC_NONCHIP] = {
    { 0x400, 0, 12, 3 }, { 0x420, 0, 8, 4 }, { 0x440, 0, 4, 5 }, { 0x460, 0, 4, 5 },
    { 0x480, 0, 0, 6 }, { 0x4a0, 0, 0, 6 }, { 0x4c0, 0, 0, 6 },
    { 0x4e0, 1, 4, 7 }, { 0x500, 1, 4, 7 }, { 0x520, 1, 4, 7 }, { 0x540, 1, 4, 7 },
    { 0x560, 1, 12, 9 },
    { 0x700, 2, 4, 8 }, { 0x720, 2, 4, 8 }, { 0x740, 2, 4, 8 }, { 0x760, 2, 4, 8 },
    { 0x640, 2, 8, 2 }, { 0x660, 2, 8, 2 }, { 0x680, 2, 8, 2 }, { 0x6a0, 2, 8, 2 }, { 0x6c0, 2, 8, 2 },
};

static const uint16_t sh7750_intc_irl_code[4] = { 0x240, 0x2a0, 0x300, 0x360 };

/* The NMI pin's level (input 21 is the inverted pin). */
static bool nmi_pin(const sh7750_intc_state *s)
{
    return !((s->level >> SH7750_INTC_IN_NMI) & 1);
}

typedef struct intc_best {
    unsigned level, rank, code;
} intc_best;

static void intc_consider(intc_best *b, unsigned level, unsigned rank, unsigned code)
{
    if (level == 0)
        return;
    if (level > b->level || (level == b->level && (rank < b->rank || (rank == b->rank && code < b->code))))
        *b = (intc_best){ level, rank, code };
}

/* Highest pending maskable interrupt: (level << 16) | code, or 0. */
static uint32_t sh7750_intc_pending(const sh7750_intc_state *s)
{
    if ((s->icr & ICR_MAI) && !nmi_pin(s))
        return 0;
    intc_best b = { 0, 0, 0 };
    unsigned irl = (s->level >> SH7750_INTC_IN_IRL0) & 15;
    if (!(s->icr & ICR_IRLM)) {
        if (irl)
            intc_consider(&b, irl, 0, 0x200 + 0x20 * (15 - irl));
    } else {
        for (int k = 0; k < 4; k++)
            if (irl & (1u << k))
                intc_consider(&b, (s->ipr[3] >> (12 - 4 * k)) & 15u, 0, sh7750_intc_irl_code[k]);
    }
    for (int n = 0; n < SH7750_INTC_NONCHIP; n++)
        if (s->level & (1u << n))
            intc_consider(&b, (s->ipr[sh7750_intc_src[n].ipr] >> sh7750_intc_src[n].shift) & 15u,
                          sh7750_intc_src[n].rank, sh7750_intc_src[n].code);
    return b.level ? (uint32_t)b.level << 16 | b.code : 0;
}

static void sh7750_intc_update(sh7750_intc_state *s)
{
    periph_irq_set(&s->out, sh7750_intc_pending(s) != 0);
    periph_irq_set(&s->nmi_out, s->nmi_latched);
}

static bool sh7750_intc_init(void *opaque, const periph_host *host, const periph_props *props,
                             const periph_irq *irq_out, char *err, size_t err_len)
{
    sh7750_intc_state *s = opaque;
    s->host = *host;
    s->out = irq_out[0];
    s->nmi_out = irq_out[1];
    return true;
}

static void sh7750_intc_reset(void *opaque)
{
    sh7750_intc_state *s = opaque;
    s->icr = 0;
    for (int i = 0; i < 3; i++)
        s->ipr[i] = 0;
    s->ipr[3] = 0xda74;
    s->nmi_latched = false;
    sh7750_intc_update(s);
}

static periph_status sh7750_intc_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh7750_intc_state *s = opaque;
    switch (offset) {
    case 0x00: *val = (s->icr & ~ICR_NMIL) | (nmi_pin(s) ? ICR_NMIL : 0); break;
    case 0x04: case 0x08: case 0x0c: case 0x10: *val = s->ipr[(offset - 4) / 4]; break;
    case SH7750_INTC_ACK:
        *val = sh7750_intc_pending(s) | (s->nmi_latched ? SH7750_INTC_ACK_NMI : 0) |
               ((s->icr & ICR_NMIB) ? SH7750_INTC_ACK_NMIB : 0);
        break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-intc: read of bad offset 0x%llx",
                   (unsigned long long)offset);
        *val = 0;
        break;
    }
    return PERIPH_OK;
}

static periph_status sh7750_intc_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sh7750_intc_state *s = opaque;
    switch (offset) {
    case 0x00: s->icr = (uint16_t)(val & ICR_WRITABLE); break;
    case 0x04: case 0x08: case 0x0c: case 0x10: s->ipr[(offset - 4) / 4] = (uint16_t)val; break;
    case SH7750_INTC_ACK:
        if ((val & 0xfff) == SH7750_INTC_NMI_CODE)
            s->nmi_latched = false;
        break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-intc: write to bad offset 0x%llx",
                   (unsigned long long)offset);
        return PERIPH_OK;
    }
    sh7750_intc_update(s);
    return PERIPH_OK;
}

static void sh7750_intc_set_irq_in(void *opaque, int n, bool level)
{
    sh7750_intc_state *s = opaque;
    bool was = nmi_pin(s);
    if (!periph_set_input_level(&s->level, n, SH7750_INTC_NIN, level))
        return;
    if (n == SH7750_INTC_IN_NMI && was != nmi_pin(s) && nmi_pin(s) == ((s->icr & ICR_NMIE) != 0))
        s->nmi_latched = true;   /* the pin made the selected edge */
    sh7750_intc_update(s);
}

/* An NMI edge from outside the wiring (a debugger): latched as if the pin
 * had made its active edge and returned, so NMIL does not change. */
static void sh7750_intc_nmi(void *opaque)
{
    sh7750_intc_state *s = opaque;
    s->nmi_latched = true;
    sh7750_intc_update(s);
}

const periph_model sh7750_intc_model = {
    .compatible = "renesas,sh7750-intc",
    .name = "sh7750-intc",
    .state_size = sizeof(sh7750_intc_state),
    .region_size = 0x100,
    .n_irq_out = 2,
    .n_irq_in = SH7750_INTC_NIN,
    .has_chr = false,
    .init = sh7750_intc_init,
    .reset = sh7750_intc_reset,
    .read = sh7750_intc_read,
    .write = sh7750_intc_write,
    .set_irq_in = sh7750_intc_set_irq_in,
    .attach_chr = NULL,
    .destroy = NULL,
    .nmi = sh7750_intc_nmi,
};
