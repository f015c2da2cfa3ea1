/*
 * The trace event model: what the CPU loop, the front end and the TLM
 * bridge report when tracing is on, and the sink interface every output
 * format implements (Tarmac, binary trace, bus log, profile, cache model,
 * statistics).
 *
 * Who emits what (the contract for the CPU side; see docs/tracing.md):
 *   - trace_insn  once per guest instruction that reached execution,
 *                 BEFORE its effects (condition-failed ones too, with
 *                 executed = false);
 *   - trace_reg   for every register the instruction wrote (LR, SP and
 *                 CPSR included), after its trace_insn, with its time;
 *   - trace_mem   for every data access the instruction made, after its
 *                 trace_insn (value = data read or written);
 *   - trace_exc   when an exception is taken, between the last retired
 *                 instruction and the first one of the handler;
 *   - trace_bus   from the bridge, per TLM transaction (SystemC time).
 * Events of one CPU arrive in program order.  Sinks never call back into
 * the CPU; they only read the event (pointers inside are valid for the
 * duration of the call).
 *
 * Zero cost when off: the CPU side tests `hub->want & TRACE_WANT_x` (a
 * plain load) and translates the per-instruction helper calls into a TB
 * only when the bit is set; a hub with no sink has want == 0.
 *
 * All state lives in the hub and in each sink's own struct; nothing here
 * is global.
 */
#ifndef TRACES_TRACE_EVENTS_H
#define TRACES_TRACE_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRACE_WUR __attribute__((warn_unused_result))

/* Simulated time: CPU cycles since reset and picoseconds of SystemC time.
 * A producer that knows only one of them sets the other to 0. */
typedef struct trace_time {
    uint64_t cycles;
    uint64_t ps;
} trace_time;

typedef enum trace_isa {
    TRACE_ISA_ARM = 0,     /* A32: Tarmac "A" */
    TRACE_ISA_THUMB = 1,   /* T16/T32: Tarmac "T" */
    TRACE_ISA_OTHER = 2,   /* another architecture (SH4...): Tarmac "O" is
                              AArch64 there, so Tarmac refuses these */
} trace_isa;

/* What an instruction does to control flow, known statically by the
 * front end; profiles rebuild call stacks from it. */
typedef enum trace_branch {
    TRACE_BRANCH_NONE = 0,
    TRACE_BRANCH_CALL = 1,    /* BL, BLX: the next instruction starts a callee
                                 whose return address is pc + length        */
    TRACE_BRANCH_RETURN = 2,  /* any indirect branch that may be a return:
                                 BX lr, POP {..pc}, LDM ..pc, MOV pc,lr,
                                 SUBS pc,lr,#n (exception returns)         */
} trace_branch;

typedef struct trace_insn trace_insn;

/* Writes the disassembly of `insn` into buf (NUL-terminated, no newline). */
typedef void (*trace_disas_fn)(void *opaque, const trace_insn *insn, char *buf, size_t len);

struct trace_insn {
    trace_time time;          /* when the instruction started              */
    uint64_t count;           /* 1-based number of this instruction on its
                                 CPU (retired + condition-failed)          */
    uint64_t pc;              /* virtual address                            */
    uint64_t phys_pc;         /* physical address (== pc without an MMU)    */
    uint32_t opcode;          /* encoding; 32-bit Thumb: first halfword in
                                 the high 16 bits                           */
    uint8_t size;             /* bytes: 2 or 4                              */
    uint8_t isa;              /* trace_isa                                  */
    uint8_t branch;           /* trace_branch                               */
    bool executed;            /* false: condition failed (Tarmac IS)        */
    uint16_t cpu;             /* CPU index                                  */
    const char *mode;         /* Tarmac mode token, e.g. "svc_s"; NULL: unknown */
    const char *disas_text;   /* disassembly if already known, else NULL    */
    trace_disas_fn disas;     /* else called lazily by sinks that print it  */
    void *disas_opaque;
};

typedef struct trace_reg {
    trace_time time;          /* the time of the instruction that wrote it */
    uint16_t cpu;
    uint16_t regno;           /* producer's register number (for tools)   */
    uint8_t width;            /* bits: 32 or 64                           */
    const char *name;         /* Tarmac name: "r0", "r13_svc", "cpsr"...  */
    uint64_t value;
} trace_reg;

typedef struct trace_mem {
    trace_time time;
    uint16_t cpu;
    bool is_write;
    uint8_t size;             /* bytes: 1, 2, 4 or 8                      */
    uint64_t vaddr, paddr;
    uint64_t value;           /* data read or written (little-endian value) */
    uint64_t pc;              /* instruction that made the access         */
} trace_mem;

typedef struct trace_exc {
    trace_time time;
    uint16_t cpu;
    uint32_t number;          /* architecture's exception number          */
    const char *name;         /* "IRQ", "UNDEF", "SVC", ...               */
    uint64_t return_addr;     /* where execution resumes after the handler */
    uint64_t handler;         /* vector / first handler instruction       */
} trace_exc;

typedef enum trace_bus_status {
    TRACE_BUS_OK = 0,
    TRACE_BUS_ERROR = 1,
    TRACE_BUS_DECODE_ERROR = 2,
} trace_bus_status;

typedef struct trace_bus {
    uint64_t time_ps;         /* SystemC time when the transaction started */
    const char *initiator;    /* "cpu0", a DMA name, ...                   */
    const char *target;       /* device or memory name                     */
    uint64_t addr;
    uint32_t size;            /* bytes                                     */
    bool is_write;
    uint64_t data;            /* first min(size, 8) bytes, little-endian  */
    uint64_t latency_ps;      /* delay the target annotated                */
    uint8_t status;           /* trace_bus_status                          */
} trace_bus;

/* ---- sinks ------------------------------------------------------------ */

#define TRACE_WANT_INSN (1u << 0)
#define TRACE_WANT_REG  (1u << 1)
#define TRACE_WANT_MEM  (1u << 2)
#define TRACE_WANT_EXC  (1u << 3)
#define TRACE_WANT_BUS  (1u << 4)

/* Every output format is one of these; NULL callbacks are skipped. */
typedef struct trace_sink_ops {
    const char *name;
    void (*insn)(void *opaque, const trace_insn *e);
    void (*reg)(void *opaque, const trace_reg *e);
    void (*mem)(void *opaque, const trace_mem *e);
    void (*exc)(void *opaque, const trace_exc *e);
    void (*bus)(void *opaque, const trace_bus *e);
    /* End of the run: flush, write trailers.  false: an I/O error. */
    bool (*finish)(void *opaque);
} trace_sink_ops;

typedef struct trace_sink {
    const trace_sink_ops *ops;
    void *opaque;
} trace_sink;

#define TRACE_HUB_MAX_SINKS 8

/* Fan-out to the sinks of one machine.  `want` is the union of what the
 * sinks handle: the CPU side reads it to decide what to instrument. */
typedef struct trace_hub {
    uint32_t want;
    unsigned n_sinks;
    trace_sink sinks[TRACE_HUB_MAX_SINKS];
} trace_hub;

void trace_hub_init(trace_hub *hub);
/* false when the hub is full. */
TRACE_WUR bool trace_hub_add(trace_hub *hub, trace_sink sink);
/* Calls every sink's finish; false if any failed (all are called). */
TRACE_WUR bool trace_hub_finish(trace_hub *hub);

/* Dispatch (the CPU side calls these only when the want bit is set). */
static inline void trace_hub_insn(const trace_hub *h, const trace_insn *e)
{
    for (unsigned i = 0; i < h->n_sinks; i++)
        if (h->sinks[i].ops->insn)
            h->sinks[i].ops->insn(h->sinks[i].opaque, e);
}
static inline void trace_hub_reg(const trace_hub *h, const trace_reg *e)
{
    for (unsigned i = 0; i < h->n_sinks; i++)
        if (h->sinks[i].ops->reg)
            h->sinks[i].ops->reg(h->sinks[i].opaque, e);
}
static inline void trace_hub_mem(const trace_hub *h, const trace_mem *e)
{
    for (unsigned i = 0; i < h->n_sinks; i++)
        if (h->sinks[i].ops->mem)
            h->sinks[i].ops->mem(h->sinks[i].opaque, e);
}
static inline void trace_hub_exc(const trace_hub *h, const trace_exc *e)
{
    for (unsigned i = 0; i < h->n_sinks; i++)
        if (h->sinks[i].ops->exc)
            h->sinks[i].ops->exc(h->sinks[i].opaque, e);
}
static inline void trace_hub_bus(const trace_hub *h, const trace_bus *e)
{
    for (unsigned i = 0; i < h->n_sinks; i++)
        if (h->sinks[i].ops->bus)
            h->sinks[i].ops->bus(h->sinks[i].opaque, e);
}

/* The sink view of a hub (so hubs nest, e.g. a dfilter in front). */
trace_sink trace_hub_as_sink(trace_hub *hub);

/* Disassembly of an event into buf: disas_text, else the callback, else
 * "" (never fails). */
void trace_insn_disas(const trace_insn *e, char *buf, size_t len);

/* Tarmac register name for ARM core register `regno` (0..15) in `mode`
 * ("usr", "svc", "irq", "fiq", "abt", "und", "sys"; a "_s" suffix is
 * ignored): banked registers get the mode suffix, as Tarmac wants
 * ("r13_svc", "r14_irq", "r8_fiq"); user/system ones are plain "rN". */
void trace_arm_reg_name(unsigned regno, const char *mode, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
