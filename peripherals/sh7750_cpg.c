/*
 * SH7750 clock pulse generator and watchdog registers (CPG/WDT), after
 * the SH7750 hardware manual (REJ09B0366), section 10.
 *
 * Registers (window at 0xffc00000):
 *   0x00 FRQCR (16, reset 0x0e0a: I = 1/1... as the manual's mode 0 value)
 *   0x04 STBCR (8)   0x08 WTCNT (8 read; write 16 bits 0x5aXX)
 *   0x0c WTCSR (8 read; write 16 bits 0xa5XX)   0x10 STBCR2 (8)
 * Clocks are fixed by the board (the CPU and TMU "clock-frequency"
 * properties): FRQCR and the standby registers are stored and read back.
 * The watchdog does not count (logged once when started); WTCNT/WTCSR
 * writes without the key byte are ignored, as on the chip.
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

typedef struct sh7750_cpg_state {
    periph_host host;
    uint16_t frqcr;
    uint8_t stbcr, wtcnt, wtcsr, stbcr2;
} sh7750_cpg_state;

static bool sh7750_cpg_init(void *opaque, const periph_host *host, const periph_props *props,
                            const periph_irq *irq_out, char *err, size_t err_len)
{
    ((sh7750_cpg_state *)opaque)->host = *host;
    return true;
}

static void sh7750_cpg_reset(void *opaque)
{
    sh7750_cpg_state *s = opaque;
    s->frqcr = 0x0e0a;
    s->stbcr = s->wtcnt = s->wtcsr = s->stbcr2 = 0;
}

static periph_status sh7750_cpg_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh7750_cpg_state *s = opaque;
    switch (offset) {
    case 0x00: *val = s->frqcr; break;
    case 0x04: *val = s->stbcr; break;
    case 0x08: *val = s->wtcnt; break;
    case 0x0c: *val = s->wtcsr; break;
    case 0x10: *val = s->stbcr2; break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-cpg: read of bad offset 0x%llx",
                   (unsigned long long)offset);
        *val = 0;
    }
    return PERIPH_OK;
}

static periph_status sh7750_cpg_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sh7750_cpg_state *s = opaque;
    uint32_t v = (uint32_t)val;
    switch (offset) {
    case 0x00: s->frqcr = (uint16_t)(v & 0x0fff); break;
    case 0x04: s->stbcr = (uint8_t)v; break;
    case 0x08:
        if ((v >> 8) == 0x5a)
            s->wtcnt = (uint8_t)v;
        else
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-cpg: WTCNT write without key");
        break;
    case 0x0c:
        if ((v >> 8) == 0xa5) {
            if ((v & 0x80) && !(s->wtcsr & 0x80))
                periph_log(&s->host, PERIPH_LOG_UNIMP, "sh7750-cpg: watchdog does not count");
            s->wtcsr = (uint8_t)v;
        } else {
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-cpg: WTCSR write without key");
        }
        break;
    case 0x10: s->stbcr2 = (uint8_t)v; break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-cpg: write to bad offset 0x%llx",
                   (unsigned long long)offset);
    }
    return PERIPH_OK;
}

const periph_model sh7750_cpg_model = {
    .compatible = "renesas,sh7750-cpg",
    .name = "sh7750-cpg",
    .state_size = sizeof(sh7750_cpg_state),
    .region_size = 0x14,
    .init = sh7750_cpg_init,
    .reset = sh7750_cpg_reset,
    .read = sh7750_cpg_read,
    .write = sh7750_cpg_write,
};
