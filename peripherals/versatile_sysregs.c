/*
 * Versatile PB system registers (ARM DUI 0224, "System control registers",
 * QEMU's arm_sysctl) at 0x10000000.
 *
 * Properties: "sys-id" (default 0x41007004, what QEMU's versatilepb uses:
 * board field 0x100 = PB926), "proc-id" (default 0x02000000), "sw" (user
 * switches, SYS_SW, default 0), "mci" (SYS_MCI card-detect/write-protect
 * bits, default 0: no card).
 *
 * Behaviour (QEMU's unless said): SYS_LOCK takes 0xa05f to unlock; any
 * other value locks (stored & 0x7fff, as QEMU).  Reads return the stored
 * value plus bit 16 LOCKED (set while locked), per DUI 0224 (QEMU omits
 * bit 16).  SYS_OSC0-4, SYS_RESETCTL and SYS_OSCRESET0-4 are writable only
 * while unlocked (a locked write is a guest error).  The oscillator
 * registers store what is written (QEMU reads 0), with no effect on any
 * clock.  SYS_RESETCTL bit 8 requests a system reset (PB926).  SYS_100HZ
 * and SYS_24MHZ count from simulated time 0 (100 Hz and 24 MHz, 32-bit
 * wrap).  SYS_FLAGS survive nothing; SYS_NVFLAGS survive reset.  SYS_CLCD
 * bits 13:8 (CLCDID, 0x1f at reset) are read-only.  SYS_PCICTL reads 1.
 * SYS_FLASH (bit 0), SYS_MISC and SYS_DMAPSR0-2 store what is written (QEMU:
 * read as zero) but control nothing.  Unknown offsets are guest errors.
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

enum {
    VSYS_ID = 0x00,
    VSYS_SW = 0x04,
    VSYS_LED = 0x08,
    VSYS_OSC0 = 0x0c,        /* ..0x1c OSC4 */
    VSYS_OSC4 = 0x1c,
    VSYS_LOCK = 0x20,
    VSYS_100HZ = 0x24,
    VSYS_CFGDATA1 = 0x28,
    VSYS_CFGDATA2 = 0x2c,
    VSYS_FLAGS = 0x30,       /* W: FLAGSSET */
    VSYS_FLAGSCLR = 0x34,
    VSYS_NVFLAGS = 0x38,     /* W: NVFLAGSSET */
    VSYS_NVFLAGSCLR = 0x3c,
    VSYS_RESETCTL = 0x40,
    VSYS_PCICTL = 0x44,
    VSYS_MCI = 0x48,
    VSYS_FLASH = 0x4c,
    VSYS_CLCD = 0x50,
    VSYS_CLCDSER = 0x54,
    VSYS_BOOTCS = 0x58,
    VSYS_24MHZ = 0x5c,
    VSYS_MISC = 0x60,
    VSYS_DMAPSR0 = 0x64,     /* ..0x6c DMAPSR2 */
    VSYS_DMAPSR2 = 0x6c,
    VSYS_IOSEL = 0x70,
    VSYS_PLDCTL = 0x74,
    VSYS_BUSID = 0x80,
    VSYS_PROCID0 = 0x84,
    VSYS_PROCID1 = 0x88,
    VSYS_OSCRESET0 = 0x8c,   /* ..0x9c OSCRESET4 */
    VSYS_OSCRESET4 = 0x9c,
    VSYS_TEST_OSC0 = 0xc0,   /* ..0xd0 TEST_OSC4 */
    VSYS_TEST_OSC4 = 0xd0,
};

#define VSYS_LOCK_KEY 0xa05fu
#define VSYS_LOCKED_BIT 0x10000u
#define VSYS_CLCD_RO 0x3f00u
#define VSYS_RESETCTL_RESET 0x100u

typedef struct versatile_sysregs_state {
    periph_host host;
    uint32_t sys_id, proc_id, sw, mci_reset;
    uint32_t leds, lockval, cfgdata1, cfgdata2, flags, nvflags, resetlevel;
    uint32_t osc[5], oscreset[5], mci, flash, clcd, misc, dmapsr[3];
} versatile_sysregs_state;

static bool vsys_unlocked(const versatile_sysregs_state *s)
{
    return s->lockval == VSYS_LOCK_KEY;
}

static void vsys_reset(void *opaque)
{
    versatile_sysregs_state *s = opaque;
    s->leds = 0;
    s->lockval = 0;
    s->cfgdata1 = 0;
    s->cfgdata2 = 0;
    s->flags = 0;
    s->resetlevel = 0;
    for (int i = 0; i < 5; i++) {
        s->osc[i] = 0;
        s->oscreset[i] = 0;
    }
    s->mci = s->mci_reset;
    s->flash = 0;
    s->clcd = 0x1f00;        /* CLCDID 0x1f: VGA, as QEMU */
    s->misc = 0;
    for (int i = 0; i < 3; i++)
        s->dmapsr[i] = 0;
    /* nvflags are non-volatile: kept across reset. */
}

static bool vsys_init(void *opaque, const periph_host *host, const periph_props *props,
                      const periph_irq *irq_out, char *err, size_t err_len)
{
    versatile_sysregs_state *s = opaque;
    uint64_t v;
    s->host = *host;
    periph_prop_u64(props, "sys-id", 0x41007004, &v);
    s->sys_id = (uint32_t)v;
    periph_prop_u64(props, "proc-id", 0x02000000, &v);
    s->proc_id = (uint32_t)v;
    periph_prop_u64(props, "sw", 0, &v);
    s->sw = (uint32_t)v;
    periph_prop_u64(props, "mci", 0, &v);
    s->mci_reset = (uint32_t)v;
    s->nvflags = 0;
    return true;
}

/* Counter at `hz` from simulated time 0, wrapping at 32 bits. */
static uint32_t vsys_counter(const versatile_sysregs_state *s, uint64_t hz)
{
    unsigned __int128 t = (unsigned __int128)periph_now_ns(&s->host) * hz;
    return (uint32_t)(uint64_t)(t / 1000000000u);
}

static periph_status vsys_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    versatile_sysregs_state *s = opaque;
    uint64_t off = offset & ~3ull;
    uint32_t r = 0;

    if (off >= VSYS_OSC0 && off <= VSYS_OSC4) {
        r = s->osc[(off - VSYS_OSC0) >> 2];
    } else if (off >= VSYS_OSCRESET0 && off <= VSYS_OSCRESET4) {
        r = s->oscreset[(off - VSYS_OSCRESET0) >> 2];
    } else if (off >= VSYS_DMAPSR0 && off <= VSYS_DMAPSR2) {
        r = s->dmapsr[(off - VSYS_DMAPSR0) >> 2];
    } else if (off >= VSYS_TEST_OSC0 && off <= VSYS_TEST_OSC4) {
        r = 0;       /* oscillator test counters: not modelled, read 0 as QEMU */
    } else {
        switch (off) {
        case VSYS_ID: r = s->sys_id; break;
        case VSYS_SW: r = s->sw; break;
        case VSYS_LED: r = s->leds; break;
        case VSYS_LOCK: r = s->lockval | (vsys_unlocked(s) ? 0 : VSYS_LOCKED_BIT); break;
        case VSYS_100HZ: r = vsys_counter(s, 100); break;
        case VSYS_CFGDATA1: r = s->cfgdata1; break;
        case VSYS_CFGDATA2: r = s->cfgdata2; break;
        case VSYS_FLAGS: r = s->flags; break;
        case VSYS_NVFLAGS: r = s->nvflags; break;
        case VSYS_RESETCTL: r = s->resetlevel; break;
        case VSYS_PCICTL: r = 1; break;
        case VSYS_MCI: r = s->mci; break;
        case VSYS_FLASH: r = s->flash; break;
        case VSYS_CLCD: r = s->clcd; break;
        case VSYS_CLCDSER: r = 0; break;
        case VSYS_BOOTCS: r = 0; break;
        case VSYS_24MHZ: r = vsys_counter(s, 24000000); break;
        case VSYS_MISC: r = s->misc; break;
        case VSYS_IOSEL: case VSYS_PLDCTL: case VSYS_BUSID: r = 0; break;
        case VSYS_PROCID0: r = s->proc_id; break;
        case VSYS_PROCID1: r = 0xff000000u; break;
        default:
            periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "versatile-sysreg: read of %s offset 0x%llx",
                       (off == VSYS_FLAGSCLR || off == VSYS_NVFLAGSCLR) ? "write-only" : "bad",
                       (unsigned long long)offset);
            break;
        }
    }
    *val = periph_narrow_read(r, offset, size);
    return PERIPH_OK;
}

static void vsys_locked_write(versatile_sysregs_state *s, uint64_t offset, uint32_t *reg, uint32_t v)
{
    if (vsys_unlocked(s))
        *reg = v;
    else
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR,
                   "versatile-sysreg: write to locked register 0x%llx ignored",
                   (unsigned long long)offset);
}

static periph_status vsys_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    versatile_sysregs_state *s = opaque;
    if (!periph_write_ok(&s->host, "versatile-sysreg", offset, size))
        return PERIPH_OK;
    uint32_t v = (uint32_t)val;

    if (offset >= VSYS_OSC0 && offset <= VSYS_OSC4) {
        vsys_locked_write(s, offset, &s->osc[(offset - VSYS_OSC0) >> 2], v);
        return PERIPH_OK;
    }
    if (offset >= VSYS_OSCRESET0 && offset <= VSYS_OSCRESET4) {
        vsys_locked_write(s, offset, &s->oscreset[(offset - VSYS_OSCRESET0) >> 2], v);
        return PERIPH_OK;
    }
    if (offset >= VSYS_DMAPSR0 && offset <= VSYS_DMAPSR2) {
        s->dmapsr[(offset - VSYS_DMAPSR0) >> 2] = v;
        return PERIPH_OK;
    }
    switch (offset) {
    case VSYS_LED: s->leds = v; break;
    case VSYS_LOCK: s->lockval = (v == VSYS_LOCK_KEY) ? v : (v & 0x7fff); break;
    case VSYS_CFGDATA1: s->cfgdata1 = v; break;
    case VSYS_CFGDATA2: s->cfgdata2 = v; break;
    case VSYS_FLAGS: s->flags |= v; break;
    case VSYS_FLAGSCLR: s->flags &= ~v; break;
    case VSYS_NVFLAGS: s->nvflags |= v; break;
    case VSYS_NVFLAGSCLR: s->nvflags &= ~v; break;
    case VSYS_RESETCTL:
        vsys_locked_write(s, offset, &s->resetlevel, v);
        if (vsys_unlocked(s) && (v & VSYS_RESETCTL_RESET))
            periph_request_reset(&s->host);
        break;
    case VSYS_PCICTL: break;          /* nothing to control */
    case VSYS_FLASH: s->flash = v & 1; break;
    case VSYS_CLCD: s->clcd = (s->clcd & VSYS_CLCD_RO) | (v & ~VSYS_CLCD_RO); break;
    case VSYS_MISC: s->misc = v; break;
    case VSYS_CLCDSER: case VSYS_IOSEL: case VSYS_PLDCTL:
    case VSYS_BUSID: case VSYS_PROCID0: case VSYS_PROCID1:
        break;                          /* RAZ/WI or read-only, ignored as QEMU */
    default:
        periph_log(&s->host, PERIPH_LOG_GUEST_ERROR, "versatile-sysreg: write to %s offset 0x%llx",
                   (offset == VSYS_ID || offset == VSYS_SW || offset == VSYS_100HZ ||
                    offset == VSYS_MCI || offset == VSYS_24MHZ || offset == VSYS_BOOTCS ||
                    (offset >= VSYS_TEST_OSC0 && offset <= VSYS_TEST_OSC4))
                       ? "read-only" : "bad",
                   (unsigned long long)offset);
        break;
    }
    return PERIPH_OK;
}

#define VSYS_MODEL(compat)                                                            \
    {                                                                                 \
        .compatible = compat, .name = "versatile-sysreg",                             \
        .state_size = sizeof(versatile_sysregs_state), .region_size = 0x1000,         \
        .n_irq_out = 0, .n_irq_in = 0, .has_chr = false, .init = vsys_init,           \
        .reset = vsys_reset, .read = vsys_read, .write = vsys_write,                  \
        .set_irq_in = NULL, .attach_chr = NULL, .destroy = NULL,                      \
    }

const periph_model versatile_sysregs_model = VSYS_MODEL("arm,versatile-sysreg");
const periph_model versatile_sysregs_model_cm = VSYS_MODEL("arm,core-module-versatile");
