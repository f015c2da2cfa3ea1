/*
 * A periph_host for device unit tests: a manual simulated clock, a timer
 * list fired in time order as the test advances the clock, an IRQ recorder
 * for device outputs, a character backend that captures output, a RAM for
 * bus-master (DMA) accesses, a property table and log counters.  No
 * SystemC, no threads.
 *
 *   periph_testhost t;
 *   pth_init(&t);
 *   pth_set_prop(&t, "clock-frequency", 1000000);
 *   pth_dev d;
 *   CT_ASSERT_TRUE(pth_dev_create(&t, &d, "arm,sp804"));   // init + reset
 *   pth_wr(&d, 0x00, 100);
 *   pth_advance(&t, 1000);            // fires due timers in order
 *   CT_EXPECT_TRUE(t.irq[0].level);
 *   pth_dev_destroy(&d);
 *
 * Invariants: timers fire in (when, arm order) order and the clock equals
 * the firing timer's time during its callback; the clock never goes back.
 */
#ifndef TESTS_PERIPH_TESTHOST_H
#define TESTS_PERIPH_TESTHOST_H

#include "peripherals/periph.h"

#define PTH_MAX_TIMERS 16
#define PTH_MAX_IRQS 16
#define PTH_MAX_PROPS 16
#define PTH_OUT_MAX 4096
/* memory bus-master devices (DMA) reach through bus_read/bus_write */
#define PTH_MEM_BASE 0x0c000000u
#define PTH_MEM_SIZE 0x4000u

struct periph_timer {
    void (*cb)(void *opaque);
    void *opaque;
    bool armed;
    bool in_use;
    uint64_t when;
    uint64_t seq;             /* arm order, breaks ties */
};

typedef struct pth_irq_line {
    bool level;
    unsigned rises;           /* low -> high transitions */
    unsigned falls;
} pth_irq_line;

typedef struct periph_testhost {
    periph_host host;
    uint64_t now;
    uint64_t seq;
    struct periph_timer timers[PTH_MAX_TIMERS];
    int64_t wall_time;        /* what host_time returns */
    unsigned resets_requested;

    unsigned n_guest_errors, n_unimp;
    char last_log[256];

    pth_irq_line irq[PTH_MAX_IRQS];
    periph_irq irq_out[PTH_MAX_IRQS];   /* line n records into irq[n] */

    periph_chr chr;
    uint8_t out[PTH_OUT_MAX];
    size_t out_len;

    /* bus-master accesses: a RAM at PTH_MEM_BASE, anything else is a bus
     * error; every access costs bus_latency_ns (annotated latency) */
    uint8_t mem[PTH_MEM_SIZE];
    uint64_t bus_latency_ns;
    unsigned bus_reads, bus_writes, bus_errors;

    struct { const char *name; uint64_t u64; const char *str; } props[PTH_MAX_PROPS];
    int n_props;
    periph_props periph_props;
} periph_testhost;

typedef struct pth_dev {
    periph_testhost *t;
    const periph_model *model;
    void *s;
} pth_dev;

void pth_init(periph_testhost *t);
void pth_set_prop(periph_testhost *t, const char *name, uint64_t value);
void pth_set_prop_str(periph_testhost *t, const char *name, const char *value);

/* Advance the clock to `when` (absolute) / by `delta`, firing due timers. */
void pth_advance_to(periph_testhost *t, uint64_t when);
void pth_advance(periph_testhost *t, uint64_t delta);
/* Earliest armed timer, or UINT64_MAX. */
uint64_t pth_next_timer(const periph_testhost *t);
unsigned pth_armed_timers(const periph_testhost *t);

/* Find the model, allocate, init with t's host/props/irq_out, reset. */
bool pth_dev_create(periph_testhost *t, pth_dev *d, const char *compatible);
void pth_dev_destroy(pth_dev *d);
uint32_t pth_rd(pth_dev *d, uint64_t offset);
uint64_t pth_rd_sized(pth_dev *d, uint64_t offset, unsigned size);
void pth_wr(pth_dev *d, uint64_t offset, uint32_t value);
void pth_wr_sized(pth_dev *d, uint64_t offset, unsigned size, uint64_t value);

/* Send bytes from the "outside world" through the attached chr. */
size_t pth_chr_can_receive(periph_testhost *t);
void pth_chr_send(periph_testhost *t, const uint8_t *buf, size_t len);

/* Log counters since the last call, then zeroed. */
unsigned pth_take_guest_errors(periph_testhost *t);
unsigned pth_take_unimp(periph_testhost *t);

#endif
