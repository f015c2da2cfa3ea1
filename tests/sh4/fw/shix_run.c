/*
 * shix_run: a plain-C runner for the SHIX board, for the SH-4 firmware
 * tests (no SystemC).  It builds the board from platforms/shix.dts the way
 * the platform builder does -- memories and ROM on a tcg_bus_map, every
 * device with a built-in model as MMIO with its IRQs wired through the
 * board tree, the SH7750 CPU with the CPU-internal P4 regions in front --
 * loads firmware and runs it against a simulated clock.  It is also the
 * reference for wiring an SH-4 board in cosim (see docs/boards/shix.md).
 *
 *   shix_run [-bios rom.bin] [-kernel fw.elf|fw.bin] [--max-insns N]
 *            [--timeout-ms SIMULATED_MS] [-d LOGMASK] [--input STRING]
 *
 * The first UART of the tree (the SCIF) prints to stdout; --input feeds
 * bytes to it.  The run ends when the guest prints a line starting with
 * "END" (exit status 0 if the line is "END PASS", else 1), when the CPU
 * sleeps with no interrupt source that could wake it, or at the simulated
 * timeout (exit status 2).
 *
 * Time: the CPU runs in quanta of SHIX_QUANTUM cycles at the cpu node's
 * clock-frequency; device timers fire in time order between quanta, and a
 * sleeping CPU skips ahead to the next timer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim/loader.h"
#include "peripherals/periph.h"
#include "platforms/board.h"
#include "targets/sh4/cpu.h"
#include "tcg/bus-map.h"

#define SHIX_QUANTUM 2000u
#define SHIX_MAX_TIMERS 64
#define SHIX_OUT_MAX 65536

struct periph_timer {
    void (*cb)(void *opaque);
    void *opaque;
    bool armed, used;
    uint64_t when, seq;
};

typedef struct shix_dev {
    const periph_model *model;
    void *state;
    int index;
    struct shix *sys;
    periph_irq out[BOARD_MAX_IRQS];
    periph_chr chr;
} shix_dev;

typedef struct shix {
    sh4_cpu cpu;
    tcg_bus_map map;
    board b;
    shix_dev devs[BOARD_MAX_DEVICES];
    struct periph_timer timers[SHIX_MAX_TIMERS];
    uint64_t seq;
    uint64_t ns_base_cycles;      /* cycles at time 0 */
    uint64_t hz;
    char out[SHIX_OUT_MAX];
    size_t out_len;
    const char *input;
    periph_chr *console;
} shix;

/* ---- host services ------------------------------------------------------ */

static uint64_t shix_now(void *ctx)
{
    shix *s = ctx;
    return (s->cpu.common.cycles * 1000000000ull) / s->hz;
}

static periph_timer *shix_timer_new(void *ctx, void (*cb)(void *), void *opaque)
{
    shix *s = ctx;
    for (int i = 0; i < SHIX_MAX_TIMERS; i++)
        if (!s->timers[i].used) {
            s->timers[i] = (struct periph_timer){ .cb = cb, .opaque = opaque, .used = true };
            return &s->timers[i];
        }
    return NULL;
}

static void shix_timer_mod(void *ctx, periph_timer *t, uint64_t when)
{
    shix *s = ctx;
    t->armed = true;
    t->when = when;
    t->seq = s->seq++;
}

static void shix_timer_del(void *ctx, periph_timer *t) { (void)ctx; if (t) t->armed = false; }
static void shix_timer_free(void *ctx, periph_timer *t) { (void)ctx; if (t) t->used = t->armed = false; }

static void shix_log(void *ctx, periph_log_kind kind, const char *msg)
{
    shix *s = ctx;
    if (s->cpu.common.log.mask & (kind == PERIPH_LOG_GUEST_ERROR ? TCG_LOG_GUEST_ERROR : TCG_LOG_UNIMP))
        fprintf(stderr, "%s\n", msg);
}

static int64_t shix_host_time(void *ctx) { (void)ctx; return 946684800; }

/* Bus-master accesses (the DMAC): RAM and ROM by copy (ROM ignores
 * writes), device registers as one access of 1, 2, 4 or 8 bytes -- what
 * the TLM device adapter accepts too.  No latency: the map models none.
 * A write drops translated code it covers, as a CPU store would. */
static periph_status shix_bus_rw(shix *s, uint64_t addr, uint8_t *buf, unsigned len, bool is_write)
{
    tcg_bus_map_region *r = tcg_bus_map_find(&s->map, addr);
    if (!r || len == 0 || len > r->size - (addr - r->base))
        return PERIPH_BUS_ERROR;
    uint64_t off = addr - r->base;
    if (r->kind != TCG_BUS_MAP_MMIO) {
        if (!is_write)
            memcpy(buf, r->host + off, len);
        else if (r->kind == TCG_BUS_MAP_RAM)
            memcpy(r->host + off, buf, len);
    } else {
        if (len != 1 && len != 2 && len != 4 && len != 8)
            return PERIPH_BUS_ERROR;
        uint64_t v = 0;
        if (is_write) {
            memcpy(&v, buf, len);
            if (r->write(r->opaque, off, len, v) != TCG_BUS_OK)
                return PERIPH_BUS_ERROR;
        } else {
            if (r->read(r->opaque, off, len, &v) != TCG_BUS_OK)
                return PERIPH_BUS_ERROR;
            memcpy(buf, &v, len);
        }
    }
    if (is_write)
        tcg_tb_invalidate_phys_range(&s->cpu.common, addr, len);
    return PERIPH_OK;
}

static periph_status shix_bus_read(void *ctx, uint64_t addr, void *buf, unsigned len, uint64_t *lat)
{
    *lat = 0;
    return shix_bus_rw(ctx, addr, buf, len, false);
}

static periph_status shix_bus_write(void *ctx, uint64_t addr, const void *buf, unsigned len, uint64_t *lat)
{
    *lat = 0;
    return shix_bus_rw(ctx, addr, (uint8_t *)buf, len, true);
}

static const periph_host_ops shix_host_ops = {
    .now_ns = shix_now, .timer_new = shix_timer_new, .timer_mod = shix_timer_mod,
    .timer_del = shix_timer_del, .timer_free = shix_timer_free, .log = shix_log,
    .host_time = shix_host_time, .bus_read = shix_bus_read, .bus_write = shix_bus_write,
};

/* The earliest armed timer, or NULL. */
static struct periph_timer *shix_next_timer(shix *s)
{
    struct periph_timer *best = NULL;
    for (int i = 0; i < SHIX_MAX_TIMERS; i++) {
        struct periph_timer *t = &s->timers[i];
        if (t->armed && (!best || t->when < best->when || (t->when == best->when && t->seq < best->seq)))
            best = t;
    }
    return best;
}

static void shix_fire_due(shix *s, uint64_t now)
{
    for (;;) {
        struct periph_timer *t = shix_next_timer(s);
        if (!t || t->when > now)
            return;
        t->armed = false;
        t->cb(t->opaque);
    }
}

/* ---- devices ------------------------------------------------------------ */

static void shix_irq_set(void *opaque, int n, bool level)
{
    shix_dev *d = opaque;
    shix *s = d->sys;
    const board_device *bd = &s->b.devices[d->index];
    if (d->index == s->b.root_intc) {   /* the INTC: 0 interrupt request, 1 NMI request */
        if (n == 0 || n == 1)
            tcg_cpu_set_interrupt(&s->cpu.common, n ? TCG_INTERRUPT_NMI : TCG_INTERRUPT_HARD, level);
        return;
    }
    if (bd->irq_parent < 0 || n >= bd->n_irqs)
        return;
    shix_dev *p = &s->devs[bd->irq_parent];
    if (p->model && p->model->set_irq_in)
        p->model->set_irq_in(p->state, (int)bd->irqs[n], level);
}

static tcg_bus_status shix_mmio_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    shix_dev *d = opaque;
    return d->model->read(d->state, off, size, val) == PERIPH_OK ? TCG_BUS_OK : TCG_BUS_ERROR;
}

static tcg_bus_status shix_mmio_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    shix_dev *d = opaque;
    return d->model->write(d->state, off, size, val) == PERIPH_OK ? TCG_BUS_OK : TCG_BUS_ERROR;
}

static size_t shix_chr_write(periph_chr *chr, const uint8_t *buf, size_t len)
{
    shix *s = chr->opaque;
    fwrite(buf, 1, len, stdout);
    for (size_t i = 0; i < len && s->out_len + 1 < SHIX_OUT_MAX; i++)
        s->out[s->out_len++] = (char)buf[i];
    s->out[s->out_len] = 0;
    return len;
}

static const periph_chr_ops shix_chr_ops = { .write = shix_chr_write };

typedef struct shix_prop_ctx { const board *b; int node; } shix_prop_ctx;

static bool shix_prop_u64(const void *ctx, const char *name, uint64_t *out)
{
    const shix_prop_ctx *p = ctx;
    return board_prop_u64(p->b, p->node, name, out);
}

static bool shix_prop_str(const void *ctx, const char *name, const char **out)
{
    const shix_prop_ctx *p = ctx;
    return board_prop_str(p->b, p->node, name, out);
}

static bool shix_build(shix *s, char *err, size_t len)
{
    const board_builtin *bb = board_builtin_find("shix");
    s->hz = 200000000;   /* the cpu node's clock-frequency */
    if (!bb || !board_parse(&s->b, bb->dtb, err, len))
        return false;
    tcg_bus_map_init(&s->map);
    for (int i = 0; i < s->b.n_memories; i++) {
        const board_memory *m = &s->b.memories[i];
        uint8_t *h = m->read_only ? tcg_bus_map_add_rom(&s->map, m->base, m->size, NULL)
                                  : tcg_bus_map_add_ram(&s->map, m->base, m->size, NULL);
        if (!h) {
            snprintf(err, len, "cannot map memory %s", m->name);
            return false;
        }
    }
    periph_host host = { &shix_host_ops, s };
    for (int i = 0; i < s->b.n_devices; i++) {
        const board_device *bd = &s->b.devices[i];
        shix_dev *d = &s->devs[i];
        d->model = periph_find_model(bd->compatible);
        d->index = i;
        d->sys = s;
        if (!d->model)
            continue;
        d->state = calloc(1, d->model->state_size);
        for (int k = 0; k < BOARD_MAX_IRQS; k++)
            d->out[k] = (periph_irq){ shix_irq_set, d, k };
        static shix_prop_ctx pctx[BOARD_MAX_DEVICES];
        pctx[i] = (shix_prop_ctx){ &s->b, bd->node };
        periph_props props = { shix_prop_u64, shix_prop_str, &pctx[i] };
        if (!d->state || !d->model->init(d->state, &host, &props, d->out, err, len))
            return false;
        if (d->model->has_chr && !s->console) {
            d->chr = (periph_chr){ .ops = &shix_chr_ops, .opaque = s };
            d->model->attach_chr(d->state, &d->chr);
            s->console = &d->chr;
        }
        if (!tcg_bus_map_add_mmio(&s->map, bd->base, bd->size, shix_mmio_read, shix_mmio_write, d)) {
            snprintf(err, len, "cannot map device %s", bd->name);
            return false;
        }
    }
    for (int i = 0; i < s->b.n_devices; i++)
        if (s->devs[i].model)
            s->devs[i].model->reset(s->devs[i].state);
    if (!sh4_cpu_init(&s->cpu, s->b.cpu_model, "interp")) {
        snprintf(err, len, "unknown CPU %s", s->b.cpu_model);
        return false;
    }
    sh4_cpu_attach_bus(&s->cpu, tcg_bus_map_bus(&s->map));
    if (s->b.root_intc >= 0)
        s->cpu.intc_ack_addr = (uint32_t)s->b.devices[s->b.root_intc].base + 0x80;
    return true;
}

static bool shix_loader_write(void *opaque, uint64_t addr, const void *buf, uint64_t len)
{
    shix *s = opaque;
    /* SH ELF segments are linked at P1/P2 addresses: the bus sees 29 bits */
    return s->map.n_regions &&
           tcg_bus_map_bus(&s->map).ops->debug_access(&s->map, addr & 0x1fffffffu, (uint8_t *)buf, len,
                                                      true) == len;
}

int main(int argc, char **argv)
{
    static shix sys;
    shix *s = &sys;
    const char *bios = NULL, *kernel = NULL;
    uint64_t max_insns = 0, timeout_ms = 2000, logmask = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-bios") && i + 1 < argc)
            bios = argv[++i];
        else if (!strcmp(argv[i], "-kernel") && i + 1 < argc)
            kernel = argv[++i];
        else if (!strcmp(argv[i], "--max-insns") && i + 1 < argc)
            max_insns = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--timeout-ms") && i + 1 < argc)
            timeout_ms = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "-d") && i + 1 < argc)
            logmask = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--input") && i + 1 < argc)
            s->input = argv[++i];
        else {
            fprintf(stderr, "shix_run: bad argument %s\n", argv[i]);
            return 3;
        }
    }
    char err[256];
    if (!shix_build(s, err, sizeof(err))) {
        fprintf(stderr, "shix_run: %s\n", err);
        return 3;
    }
    s->cpu.common.log.mask = (uint32_t)logmask;
    s->cpu.common.log.file = stderr;
    s->cpu.common.max_insns = max_insns;
    if (getenv("SHIX_1INSN"))   /* one instruction per TB: exact -d cpu traces */
        s->cpu.common.max_insns_per_tb = 1;
    loader_config cfg = { .machine = LOADER_EM_SH, .write = shix_loader_write, .opaque = s };
    loader_image img = { 0 };
    if (bios) {
        cfg.load_address = 0;
        cfg.has_load_address = true;
        if (!loader_load_file(&img, bios, &cfg, err, sizeof(err))) {
            fprintf(stderr, "shix_run: %s\n", err);
            return 3;
        }
        loader_image_free(&img);
    }
    if (kernel) {
        cfg.load_address = s->b.load_address;
        cfg.has_load_address = s->b.has_load_address;
        if (!loader_load_file(&img, kernel, &cfg, err, sizeof(err))) {
            fprintf(stderr, "shix_run: %s\n", err);
            return 3;
        }
        s->cpu.pc = img.format == LOADER_FORMAT_RAW ? (uint32_t)(0xa0000000u | img.entry)
                                                    : (uint32_t)img.entry;
        loader_image_free(&img);
    }
    uint64_t limit_ns = timeout_ms * 1000000ull;
    const char *in = s->input;
    for (;;) {
        tcg_exit_reason r = tcg_cpu_exec(&s->cpu.common, SHIX_QUANTUM);
        uint64_t now = shix_now(s);
        shix_fire_due(s, now);
        if (in && *in && s->console && s->console->can_receive &&
            s->console->can_receive(s->console->dev)) {
            s->console->receive(s->console->dev, (const uint8_t *)in, 1);
            in++;
        }
        const char *end = strstr(s->out, "END");
        if (end && (end == s->out || end[-1] == '\n') && strchr(end, '\n')) {
            fflush(stdout);
            return strncmp(end, "END PASS", 8) == 0 ? 0 : 1;
        }
        if (r == TCG_EXIT_STOP)
            break;
        if (now >= limit_ns)
            break;
        if (r == TCG_EXIT_HALTED && !tcg_cpu_has_work(&s->cpu.common)) {
            /* (a timer that just fired may have raised a request the CPU
             * accepts: then it wakes at the next exec, no skipping; one it
             * refuses, under SR.IMASK, must not stop time) */
            struct periph_timer *t = shix_next_timer(s);
            if (!t && !(in && *in)) {
                fprintf(stderr, "shix_run: CPU sleeps with nothing to wake it\n");
                break;
            }
            if (t && t->when > now) {
                /* skip to the timer: advance the CPU's clock too */
                uint64_t cyc = (t->when * s->hz + 999999999ull) / 1000000000ull;
                if (cyc > s->cpu.common.cycles)
                    s->cpu.common.cycles = cyc;
            }
        }
    }
    fflush(stdout);
    fprintf(stderr, "shix_run: stopped at pc 0x%08x without END (%llu insns)\n", s->cpu.pc,
            (unsigned long long)s->cpu.common.icount);
    return 2;
}
