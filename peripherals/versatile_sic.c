/*
 * Versatile PB secondary interrupt controller (SIC), after the Versatile
 * PB user guide (ARM DUI 0224) and QEMU's versatilepb.c model.
 *
 * 32 level inputs.  Output 0 is the OR of the enabled sources
 * ((inputs | soft) & ENABLE) and goes to VIC input 31.  SIC inputs 21..30
 * can also bypass the SIC: when PICENABLE bit n is set, SIC input n drives
 * VIC input n directly.  A device tree cannot express eleven outputs with
 * one interrupts cell, so the model has n_irq_out = 11:
 *     output 0       -> VIC 31  (combined)
 *     output k, 1..10 -> VIC 20 + k  (pass-through of SIC input 20 + k)
 * and the board wires them with interrupts = <31 21 22 ... 30>.
 *
 * Registers (offsets as QEMU models them):
 *   0x00 STATUS     R  (inputs | soft) & ENABLE
 *   0x04 RAWSTAT    R  inputs | soft
 *   0x08 ENABLE     R  enable mask;   W ENSET: mask |= value
 *   0x0c ENCLR      W  mask &= ~value
 *   0x10 SOFTINTSET R  soft;          W soft |= value
 *   0x14 SOFTINTCLR W  soft &= ~value
 *   0x20 PICENABLE  R  pass-through;  W PICENSET (bits 21..30 only)
 *   0x24 PICENCLR   W  pass-through &= ~value
 * Differences from QEMU (documented, hardware-like): QEMU's SOFTINTSET and
 * SOFTINTCLR toggle bit 0 of the enable mask instead of raising a software
 * interrupt, and QEMU leaves a pass-through line at its last level when
 * PICENCLR disables it; here software interrupts are real and a disabled
 * pass-through output is driven low.  Pass-through lines are driven from
 * the raw input only (not soft, not ENABLE), as in QEMU.
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

enum {
    VSIC_STATUS = 0x00,
    VSIC_RAWSTAT = 0x04,
    VSIC_ENABLE = 0x08,
    VSIC_ENCLR = 0x0c,
    VSIC_SOFTINTSET = 0x10,
    VSIC_SOFTINTCLR = 0x14,
    VSIC_PICENABLE = 0x20,
    VSIC_PICENCLR = 0x24,
};

#define VSIC_PASS_FIRST 21
#define VSIC_PASS_LAST 30
#define VSIC_N_PASS (VSIC_PASS_LAST - VSIC_PASS_FIRST + 1)
#define VSIC_PASS_MASK 0x7fe00000u   /* bits 21..30 */

typedef struct versatile_sic_state {
    periph_host host;
    periph_irq out;                       /* to VIC 31            */
    periph_irq pass[VSIC_N_PASS];         /* to VIC 21..30        */
    uint32_t level, soft, enable, pic_enable;
} versatile_sic_state;

static void vsic_update(versatile_sic_state *s)
{
    periph_irq_set(&s->out, ((s->level | s->soft) & s->enable) != 0);
    for (int i = 0; i < VSIC_N_PASS; i++) {
        uint32_t bit = 1u << (VSIC_PASS_FIRST + i);
        periph_irq_set(&s->pass[i], (s->level & s->pic_enable & bit) != 0);
    }
}

static void vsic_reset(void *opaque)
{
    versatile_sic_state *s = opaque;
    s->soft = 0;
    s->enable = 0;
    s->pic_enable = 0;
    vsic_update(s);
}

static bool vsic_init(void *opaque, const periph_host *host, const periph_props *props,
                      const periph_irq *irq_out, char *err, size_t err_len)
{
    versatile_sic_state *s = opaque;
    s->host = *host;
    s->out = irq_out[0];
    for (int i = 0; i < VSIC_N_PASS; i++)
        s->pass[i] = irq_out[1 + i];
    return true;
}

static void vsic_set_irq_in(void *opaque, int n, bool level)
{
    versatile_sic_state *s = opaque;
    if (periph_set_input_level(&s->level, n, 32, level))
        vsic_update(s);
}

static periph_status vsic_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    versatile_sic_state *s = opaque;
    uint64_t off = offset & ~3ull;
    uint32_t r = 0;
    switch (off) {
    case VSIC_STATUS: r = (s->level | s->soft) & s->enable; break;
    case VSIC_RAWSTAT: r = s->level | s->soft; break;
    case VSIC_ENABLE: r = s->enable; break;
    case VSIC_SOFTINTSET: r = s->soft; break;
    case VSIC_PICENABLE: r = s->pic_enable; break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "versatile-sic: read of %s offset 0x%llx",
                   (off == VSIC_ENCLR || off == VSIC_SOFTINTCLR || off == VSIC_PICENCLR)
                       ? "write-only" : "bad",
                   (unsigned long long)offset);
        break;
    }
    *val = periph_narrow_read(r, offset, size);
    return PERIPH_OK;
}

static periph_status vsic_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    versatile_sic_state *s = opaque;
    if (!periph_write_ok(&s->host, "versatile-sic", offset, size))
        return PERIPH_OK;
    uint32_t v = (uint32_t)val;
    switch (offset) {
    case VSIC_ENABLE: s->enable |= v; break;
    case VSIC_ENCLR: s->enable &= ~v; break;
    case VSIC_SOFTINTSET: s->soft |= v; break;
    case VSIC_SOFTINTCLR: s->soft &= ~v; break;
    case VSIC_PICENABLE:
        /* Other bits read as zero (Linux writes 0xffd00000 here). */
        s->pic_enable |= v & VSIC_PASS_MASK;
        break;
    case VSIC_PICENCLR: s->pic_enable &= ~v; break;
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "versatile-sic: write to %s offset 0x%llx",
                   (offset == VSIC_STATUS || offset == VSIC_RAWSTAT) ? "read-only" : "bad",
                   (unsigned long long)offset);
        return PERIPH_OK;
    }
    vsic_update(s);
    return PERIPH_OK;
}

const periph_model versatile_sic_model = {
    .compatible = "arm,versatile-sic",
    .name = "versatile-sic",
    .state_size = sizeof(versatile_sic_state),
    .region_size = 0x1000,
    .n_irq_out = 1 + VSIC_N_PASS,
    .n_irq_in = 32,
    .has_chr = false,
    .init = vsic_init,
    .reset = vsic_reset,
    .read = vsic_read,
    .write = vsic_write,
    .set_irq_in = vsic_set_irq_in,
    .attach_chr = NULL,
    .destroy = NULL,
};
