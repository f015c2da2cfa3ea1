/*
 * The device model API: what every built-in C peripheral implements and
 * what it may ask of its host.
 *
 * A device is a state struct plus a `periph_model` (its ops).  It knows
 * nothing of SystemC: the tlm-bridge adapter makes it a TLM target and
 * turns its IRQ outputs into sc_signal<bool>; unit tests drive it through
 * a manual clock (tests/periph/periph_testhost.*).
 *
 * Time is simulated nanoseconds, read from the host (`now_ns`); timers are
 * one-shot callbacks at an absolute simulated time.  Devices never read
 * the host clock unless they are told to (an RTC's `use-host-time`).
 * A DMA controller (model flag `bus_master`) reaches memory and other
 * devices through the host's bus_read/bus_write: TLM transactions on its
 * own initiator socket in the SystemC platform, the plain-C map in tests.
 */
#ifndef PERIPH_PERIPH_H
#define PERIPH_PERIPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PERIPH_WUR __attribute__((warn_unused_result))

/* ---- IRQ lines ------------------------------------------------------ */

typedef struct periph_irq {
    void (*set)(void *opaque, int n, bool level);
    void *opaque;
    int n;
} periph_irq;

static inline void periph_irq_set(const periph_irq *irq, bool level)
{
    if (irq->set)
        irq->set(irq->opaque, irq->n, level);
}

/* ---- host services -------------------------------------------------- */

/* Result of a register access (and of a bus-master access, below). */
typedef enum periph_status {
    PERIPH_OK = 0,
    PERIPH_BUS_ERROR,     /* slave error: the initiator sees TLM_GENERIC_ERROR_RESPONSE */
} periph_status;

typedef struct periph_timer periph_timer;   /* owned by the host */

typedef enum periph_log_kind {
    PERIPH_LOG_GUEST_ERROR,   /* the guest did something wrong (-d guest_errors) */
    PERIPH_LOG_UNIMP,         /* a feature the model does not have (-d unimp)    */
} periph_log_kind;

typedef struct periph_host_ops {
    uint64_t (*now_ns)(void *ctx);
    periph_timer *(*timer_new)(void *ctx, void (*cb)(void *opaque), void *opaque);
    /* (Re)arm a one-shot timer at absolute simulated time `when_ns`. */
    void (*timer_mod)(void *ctx, periph_timer *t, uint64_t when_ns);
    void (*timer_del)(void *ctx, periph_timer *t);
    void (*timer_free)(void *ctx, periph_timer *t);
    void (*log)(void *ctx, periph_log_kind kind, const char *msg);
    /* host wall clock in seconds since the epoch, only for devices told to use it */
    int64_t (*host_time)(void *ctx);
    /* Optional (may be NULL): the guest asked for a system reset (e.g. the
     * Versatile SYS_RESETCTL).  The host performs it later, not inside the
     * device's register write. */
    void (*request_reset)(void *ctx);
    /* Optional (NULL: the host gives devices no bus): a bus-master access
     * by a DMA-capable device (model flag bus_master).  `len` bytes at bus
     * address `addr` (the physical address space the CPU's bus sees), to
     * or from buf in guest memory byte order.  Returns PERIPH_OK, or
     * PERIPH_BUS_ERROR when nothing answers there or the target reports an
     * error.  *latency_ns gets the time the target took (the TLM delay it
     * annotated; 0 for a plain memory): the device adds it to its own
     * timing.  Called from a register access or a timer callback. */
    periph_status (*bus_read)(void *ctx, uint64_t addr, void *buf, unsigned len, uint64_t *latency_ns);
    periph_status (*bus_write)(void *ctx, uint64_t addr, const void *buf, unsigned len,
                               uint64_t *latency_ns);
} periph_host_ops;

typedef struct periph_host {
    const periph_host_ops *ops;
    void *ctx;
} periph_host;

static inline uint64_t periph_now_ns(const periph_host *h) { return h->ops->now_ns(h->ctx); }
void periph_log(const periph_host *h, periph_log_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Ask the host for a system reset; logged as unimplemented when it cannot. */
void periph_request_reset(const periph_host *h);
/* Bus-master accesses (see bus_read/bus_write above); PERIPH_BUS_ERROR
 * when the host has no bus for devices.  latency_ns may be NULL. */
PERIPH_WUR periph_status periph_bus_read(const periph_host *h, uint64_t addr, void *buf, unsigned len,
                                         uint64_t *latency_ns);
PERIPH_WUR periph_status periph_bus_write(const periph_host *h, uint64_t addr, const void *buf,
                                          unsigned len, uint64_t *latency_ns);

/* ---- character backends (UARTs) --------------------------------------- */

typedef struct periph_chr periph_chr;
typedef struct periph_chr_ops {
    /* Device -> outside world; returns bytes accepted (normally all). */
    size_t (*write)(periph_chr *chr, const uint8_t *buf, size_t len);
} periph_chr_ops;

struct periph_chr {
    const periph_chr_ops *ops;
    void *opaque;
    /* Outside world -> device: the backend calls these, set by the device. */
    size_t (*can_receive)(void *dev);              /* how many bytes fit now */
    void (*receive)(void *dev, const uint8_t *buf, size_t len);
    void *dev;
};

/* ---- properties (from the board description) --------------------------- */

typedef struct periph_props {
    /* Look a property up; returns false when absent. */
    bool (*get_u64)(const void *ctx, const char *name, uint64_t *out);
    bool (*get_str)(const void *ctx, const char *name, const char **out);
    const void *ctx;
} periph_props;

/* *out = the property, or dflt when absent (or p is NULL); returns whether
 * the property was present. */
bool periph_prop_u64(const periph_props *p, const char *name, uint64_t dflt, uint64_t *out);
/* *out = the string property or NULL; returns whether it was present. */
bool periph_prop_str(const periph_props *p, const char *name, const char **out);

/* ---- models ----------------------------------------------------------------- */

typedef struct periph_model {
    const char *compatible;      /* device-tree compatible, e.g. "arm,pl011"   */
    const char *name;            /* short name for logs and -M help           */
    size_t state_size;
    uint64_t region_size;        /* size of the register window; UINT64_MAX:  */
                                 /* any offset, the board's reg decides       */
    int n_irq_out;               /* outputs, wired by the board               */
    int n_irq_in;                /* inputs (interrupt controllers)            */
    bool has_chr;                /* UART-like: takes a character backend      */

    /* Initialise state (zeroed by the caller) with its host, properties and
     * output lines (n_irq_out entries, copied).  Returns false with a
     * reason in err on bad properties. */
    PERIPH_WUR bool (*init)(void *s, const periph_host *host, const periph_props *props,
                            const periph_irq *irq_out, char *err, size_t err_len);
    void (*reset)(void *s);
    periph_status (*read)(void *s, uint64_t offset, unsigned size, uint64_t *val);
    periph_status (*write)(void *s, uint64_t offset, unsigned size, uint64_t val);
    void (*set_irq_in)(void *s, int n, bool level);          /* NULL if n_irq_in == 0 */
    void (*attach_chr)(void *s, periph_chr *chr);             /* NULL if !has_chr      */
    void (*destroy)(void *s);                                 /* may be NULL           */
    /* (below: later fields, so that models written against the first
     * fields keep compiling with positional initializers) */
    bool bus_master;             /* makes bus-master accesses (DMA): the host  */
                                 /* gives it bus_read/bus_write               */
    /* May be NULL: the board's NMI pin made its active edge, from outside
     * the wiring (a debugger's "nmi" command).  Every model that listens
     * to the NMI pin has it (SH7750: the INTC and the DMAC). */
    void (*nmi)(void *s);
} periph_model;

/* All built-in models, NULL-terminated (peripherals/models.c).  A model
 * known by several compatibles appears once per compatible (same ops, same
 * name), so the table is also the list of accepted compatibles. */
extern const periph_model *const periph_models[];
/* The model for a compatible string, or NULL. */
const periph_model *periph_find_model(const char *compatible);

#endif
