/*
 * SH7750 bus state controller (BSC) registers, after the SH7750 hardware
 * manual (REJ09B0366), section 13.
 *
 * Registers (window at 0xff800000): BCR1 0x00 (32), BCR2 0x04 (16),
 * WCR1 0x08, WCR2 0x0c, WCR3 0x10 (32), MCR 0x14 (32), PCR 0x18 (16),
 * RTCSR 0x1c, RTCNT 0x20, RTCOR 0x24, RFCR 0x28 (16), PCTRA 0x2c (32),
 * PDTRA 0x30 (16), PCTRB 0x40 (32), PDTRB 0x44 (16), GPIOIC 0x48 (16).
 * The memory map is fixed by the board, so the bus settings are stored and
 * read back only.  Boot code waits for SDRAM refreshes by polling RFCR:
 * each RFCR read advances it by one (10 bits), so such loops terminate.
 * RTCSR/RTCNT/RTCOR writes carry the key 0xa5 in bits 15:8 (RFCR: 0xa4);
 * keyless writes are ignored.  Reset values: BCR2 0x3ffc, PCR/RTCSR 0,
 * everything else 0 (the SH7750's mode pins are not modelled).
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#define BSC_NREGS (0x4c / 4)

typedef struct sh7750_bsc_state {
    periph_host host;
    uint32_t r[BSC_NREGS];
} sh7750_bsc_state;

static bool sh7750_bsc_init(void *opaque, const periph_host *host, const periph_props *props,
                            const periph_irq *irq_out, char *err, size_t err_len)
{
    ((sh7750_bsc_state *)opaque)->host = *host;
    return true;
}

static void sh7750_bsc_reset(void *opaque)
{
    sh7750_bsc_state *s = opaque;
    for (int i = 0; i < BSC_NREGS; i++)
        s->r[i] = 0;
    s->r[0x04 / 4] = 0x3ffc;
}

static bool bsc_valid(uint64_t off)
{
    return off < 0x4c && (off & 3) == 0 && off != 0x34 && off != 0x38 && off != 0x3c;
}

static periph_status sh7750_bsc_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    sh7750_bsc_state *s = opaque;
    if (!bsc_valid(offset)) {
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-bsc: read of bad offset 0x%llx",
                   (unsigned long long)offset);
        *val = 0;
        return PERIPH_OK;
    }
    if (offset == 0x28)
        s->r[0x28 / 4] = (s->r[0x28 / 4] + 1) & 0x3ff;
    *val = s->r[offset / 4];
    return PERIPH_OK;
}

static periph_status sh7750_bsc_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    sh7750_bsc_state *s = opaque;
    uint32_t v = (uint32_t)val;
    if (!bsc_valid(offset)) {
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "sh7750-bsc: write to bad offset 0x%llx",
                   (unsigned long long)offset);
        return PERIPH_OK;
    }
    if (offset >= 0x1c && offset <= 0x28) {
        uint32_t key = offset == 0x28 ? 0xa4 : 0xa5;
        if ((v >> 8) != key) {
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR,
                       "sh7750-bsc: refresh register 0x%llx written without key",
                       (unsigned long long)offset);
            return PERIPH_OK;
        }
        v &= offset == 0x28 ? 0x3ff : 0xff;
    }
    s->r[offset / 4] = v;
    return PERIPH_OK;
}

const periph_model sh7750_bsc_model = {
    .compatible = "renesas,sh7750-bsc",
    .name = "sh7750-bsc",
    .state_size = sizeof(sh7750_bsc_state),
    .region_size = 0x4c,
    .init = sh7750_bsc_init,
    .reset = sh7750_bsc_reset,
    .read = sh7750_bsc_read,
    .write = sh7750_bsc_write,
};
