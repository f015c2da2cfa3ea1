/*
 * SH7750 interrupt controller (INTC), after the SH7750 hardware manual
 * (REJ09B0366), section 19, for the on-chip sources.
 *
 * Registers (16 bits, window at 0xffd00000):
 *   0x00 ICR   NMI/IRL mode bits: stored, no effect (no NMI or IRL pins here)
 *   0x04 IPRA  [15:12] TMU0  [11:8] TMU1  [7:4] TMU2  [3:0] RTC
 *   0x08 IPRB  [15:12] WDT   [11:8] REF   [7:4] SCI   [3:0] reserved
 *   0x0c IPRC  [15:12] GPIO  [11:8] DMAC  [7:4] SCIF  [3:0] H-UDI
 *   0x10 IPRD  (SH7750R) stored only
 *   0x80 ACK   model-private, read only: (level << 16) | INTEVT code of the
 *              interrupt the CPU would take now, 0 when none.  The SH-4
 *              CPU model reads it when it accepts an interrupt
 *              (targets/sh4/cpu.c); the real INTC hands INTEVT over on an
 *              internal bus the same way.
 *
 * Inputs (level, active high; the board wires device outputs to them):
 *    0 TMU0 TUNI0 (0x400)   1 TMU1 TUNI1 (0x420)  2 TMU2 TUNI2 (0x440)
 *    3 TMU2 TICPI2 (0x460)  4 RTC ATI (0x480)     5 RTC PRI (0x4a0)
 *    6 RTC CUI (0x4c0)      7 SCI ERI (0x4e0)     8 SCI RXI (0x500)
 *    9 SCI TXI (0x520)     10 SCI TEI (0x540)    11 WDT ITI (0x560)
 *   12 SCIF ERI (0x700)    13 SCIF RXI (0x720)   14 SCIF BRI (0x740)
 *   15 SCIF TXI (0x760)
 * Output 0 (to the CPU's interrupt request) is high while some input is
 * high with a non-zero priority.  Among pending sources the highest IPR
 * level wins; equal levels go to the lower INTEVT code (the manual's
 * default order within one module lists them the same way).
 */
#include <stdio.h>

#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#define SH7750_INTC_NIN 16
#define SH7750_INTC_ACK 0x80

typedef struct sh7750_intc_state {
    periph_host host;
    periph_irq out;
    uint16_t icr, ipr[4];
    uint32_t level;             /* input levels, bit n = input n */
} sh7750_intc_state;

static const uint16_t sh7750_intc_code[SH7750_INTC_NIN] = {
    0x400, 0x420, 0x440, 0x460, 0x480, 0x4a0, 0x4c0, 0x4e0,
    0x500, 0x520, 0x540, 0x560, 0x700, 0x720, 0x740, 0x760,
};

/* (IPR index, shift) holding each input's priority */
static const uint8_t sh7750_intc_ipr[SH7750_INTC_NIN][2] = {
    { 0, 12 }, { 0, 8 }, { 0, 4 }, { 0, 4 }, { 0, 0 }, { 0, 0 }, { 0, 0 }, { 1, 4 },
    { 1, 4 }, { 1, 4 }, { 1, 4 }, { 1, 12 }, { 2, 4 }, { 2, 4 }, { 2, 4 }, { 2, 4 },
};

static unsigned sh7750_intc_prio(const sh7750_intc_state *s, int n)
{
    return (s->ipr[sh7750_intc_ipr[n][0]] >> sh7750_intc_ipr[n][1]) & 15u;
}

/* Highest pending: (level << 16) | code, or 0. */
static uint32_t sh7750_intc_pending(const sh7750_intc_state *s)
{
    uint32_t best = 0;
    unsigned best_level = 0;
    for (int n = 0; n < SH7750_INTC_NIN; n++) {
        if (!(s->level & (1u << n)))
            continue;
        unsigned p = sh7750_intc_prio(s, n);
        if (p > best_level) {
            best_level = p;
            best = (uint32_t)p << 16 | sh7750_intc_code[n];
        }
    }
    return best;
}

static void sh7750_intc_update(sh7750_intc_state *s)
{
    periph_irq_set(&s->out, sh7750_intc_pending(s) != 0);
}

static bool sh7750_intc_init(void *opaque, const periph_host *host, const periph_props *props,
                             const periph_irq *irq_out, char *err, size_t err_len)
{
    sh7750_intc_state *s = opaque;
    s->host = *host;
    s->out = irq_out[0];
    return true;
}

static void sh7750_intc_reset(void *opaque)
{
    sh7750_intc_state *s = opaque;
    s->icr = 0;
    for (int i = 0; i < 4; i++)
        s->ipr[i] = 0;
    sh7750_intc_update(s);
}

static periph_status sh7750_intc_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh7750_intc_state *s = opaque;
    switch (offset) {
    case 0x00: *val = s->icr; break;
    case 0x04: case 0x08: case 0x0c: case 0x10: *val = s->ipr[(offset - 4) / 4]; break;
    case SH7750_INTC_ACK: *val = sh7750_intc_pending(s); break;
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
    case 0x00: s->icr = (uint16_t)val; break;
    case 0x04: case 0x08: case 0x0c: case 0x10: s->ipr[(offset - 4) / 4] = (uint16_t)val; break;
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
    if (periph_set_input_level(&s->level, n, SH7750_INTC_NIN, level))
        sh7750_intc_update(s);
}

const periph_model sh7750_intc_model = {
    .compatible = "renesas,sh7750-intc",
    .name = "sh7750-intc",
    .state_size = sizeof(sh7750_intc_state),
    .region_size = 0x100,
    .n_irq_out = 1,
    .n_irq_in = SH7750_INTC_NIN,
    .has_chr = false,
    .init = sh7750_intc_init,
    .reset = sh7750_intc_reset,
    .read = sh7750_intc_read,
    .write = sh7750_intc_write,
    .set_irq_in = sh7750_intc_set_irq_in,
    .attach_chr = NULL,
    .destroy = NULL,
};
