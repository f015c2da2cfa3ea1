/*
 * The intermediate representation and the builder API front ends use.
 *
 * A translation block (TB) is translated into a linear list of ops
 * (tcg-ops.def) over 32-bit values.  A value is one of:
 *   - a global: a 32-bit field of the CPU state at a fixed offset from the
 *     start of the target's CPU struct (registered once per CPU);
 *   - a temp: a TB-local scratch value, live until the end of the TB;
 *   - a constant.
 * Any input operand may be a constant; outputs are globals or temps.
 *
 * Invariants front ends rely on:
 *   - a TB ends with goto_tb or exit_tb on every path;
 *   - the front end emits insn_start before each guest instruction, so a
 *     fault inside the TB restores the exact guest PC and cycle count;
 *   - helpers see globals in CPU state (backends write cached globals back
 *     before a call unless the helper is declared TCG_CALL_NO_RWG).
 *
 * Nothing here knows a target, a host or SystemC.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TCG_WUR __attribute__((warn_unused_result))

/* op flags used in tcg-ops.def */
#define TCG_OPF_BB_START     0x01u   /* starts a basic block (label)          */
#define TCG_OPF_BB_END       0x02u   /* ends a basic block (branch, exit)     */
#define TCG_OPF_SIDE_EFFECTS 0x04u   /* never removed by dead-code removal    */
#define TCG_OPF_CAN_FAULT    0x08u   /* may leave the TB through an exception */

typedef enum tcg_opcode {
#define DEF(name, oargs, iargs, cargs, flags) TCG_OP_##name,
#include "tcg-ops.def"
    TCG_OP_COUNT
} tcg_opcode;

typedef struct tcg_op_def {
    const char *name;
    uint8_t n_out, n_in, n_const;
    uint8_t flags;
} tcg_op_def;

/* The op table, indexed by tcg_opcode. */
extern const tcg_op_def tcg_op_defs[TCG_OP_COUNT];

#define TCG_MAX_ARGS 6

/* conditions for setcond, movcond, brcond */
typedef enum tcg_cond {
    TCG_COND_NEVER, TCG_COND_ALWAYS,
    TCG_COND_EQ, TCG_COND_NE,
    TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,      /* signed   */
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,  /* unsigned */
} tcg_cond;

/* memop for qemu_ld / qemu_st: size, signedness, MMU index */
#define TCG_MO_8    0u
#define TCG_MO_16   1u
#define TCG_MO_32   2u
#define TCG_MO_SIZE 3u
#define TCG_MO_SIGN 4u
/* Word load of a guest whose unaligned LDR returns the aligned word
 * rotated (ARMv4/v5, ARM926 with SCTLR.U clear): the result is the 32-bit
 * word at addr & ~3, rotated right by 8 * (addr & 3); faults and bus
 * accesses use the aligned address.  Backends handle only aligned
 * addresses inline (the TLB compare includes the low address bits) and
 * leave the rotation to the memory slow path.  TCG_MO_32 loads only. */
#define TCG_MO_ALIGN_ROT 8u
#define TCG_MO_IDX_SHIFT 4
#define TCG_MEMOP(size_sign, mmu_idx) ((uint32_t)(size_sign) | ((uint32_t)(mmu_idx) << TCG_MO_IDX_SHIFT))

/* A value handle.  Index into the context's value table. */
typedef uint32_t tcg_val;
#define TCG_VAL_NONE 0xffffffffu

typedef enum tcg_val_kind { TCG_VAL_GLOBAL, TCG_VAL_TEMP, TCG_VAL_CONST } tcg_val_kind;

typedef struct tcg_val_info {
    uint8_t kind;              /* tcg_val_kind */
    uint32_t value;            /* CONST: the constant; GLOBAL: env offset; TEMP: temp number */
    const char *name;          /* GLOBAL only, for dumps */
} tcg_val_info;

typedef struct tcg_op {
    uint16_t opc;              /* tcg_opcode */
    uint32_t args[TCG_MAX_ARGS];
} tcg_op;

/* Helpers: a uniform C signature so the interpreter and the JIT call every
 * helper the same way.  env is the target CPU struct. */
typedef uint32_t (*tcg_helper_fn)(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);

#define TCG_CALL_NO_RWG  0x1u  /* neither reads nor writes globals                   */
#define TCG_CALL_NO_WG   0x2u  /* reads globals, never writes them                    */
#define TCG_CALL_PURE    0x4u  /* result depends only on the args; no side effects,
                                  cannot fault: removable when the result is unused */
/* Note for NO_RWG: raising an exception reads the guest state, so a helper
 * that may raise must not be NO_RWG (the optimizer may drop a global write
 * that a NO_RWG call separates from a later overwrite).  NO_WG is fine. */

typedef struct tcg_helper_info {
    tcg_helper_fn fn;
    const char *name;
    uint32_t flags;
} tcg_helper_info;

#define TCG_MAX_GLOBALS 64
#define TCG_MAX_HELPERS 256
#define TCG_MAX_OPS     8192   /* per TB, after front end; front ends stop early */
#define TCG_MAX_VALS    8192
#define TCG_MAX_LABELS  1024

/* Constant dedupe table size (per TB; open addressing, power of two). */
#define TCG_CONST_HASH 1024

/* Optimizer scratch, one per value (private to tcg/optimize.c). */
typedef struct tcg_opt_val {
    uint32_t gen;              /* state valid only when gen == current gen   */
    uint32_t prev, next;       /* ring of values known to hold equal content */
    uint32_t seq;              /* join order: the oldest member is preferred */
    uint32_t cval;             /* constant content when is_const             */
    uint8_t is_const;
    uint8_t live;              /* liveness pass                              */
    uint32_t live_gen, seen_barrier;
    uint8_t seen_use;
} tcg_opt_val;

/*
 * Translation context: one per CPU.  Globals and helpers are registered
 * once at CPU creation and persist; ops, temps, constants and labels are
 * reset for every TB.
 */
typedef struct tcg_ctx {
    tcg_val_info vals[TCG_MAX_VALS];
    uint32_t n_vals;           /* globals occupy [0, n_globals) */
    uint32_t n_globals;
    uint32_t n_temps;
    tcg_op ops[TCG_MAX_OPS];
    uint32_t n_ops;
    uint32_t n_labels;
    tcg_helper_info helpers[TCG_MAX_HELPERS];
    uint32_t n_helpers;
    bool overflow;             /* a table filled: the TB is cut short and retried smaller */

    /* --- additions (private to the tcg directory) --- */
    tcg_op overflow_op;        /* tcg_emit returns this once ops[] is full   */
    uint32_t const_hash[TCG_CONST_HASH];   /* val index + 1, 0 = empty       */
    tcg_op opt_ops[TCG_MAX_OPS];           /* optimizer output buffer        */
    tcg_opt_val opt_vals[TCG_MAX_VALS];
    uint32_t opt_label_refs[TCG_MAX_LABELS];
    uint32_t opt_label_pos[TCG_MAX_LABELS];
} tcg_ctx;

void tcg_ctx_init(tcg_ctx *s);
/* Start a new TB: forget temps, constants, ops and labels. */
void tcg_ctx_reset(tcg_ctx *s);

tcg_val tcg_global(tcg_ctx *s, size_t env_offset, const char *name);
/* Register a helper once; the id goes into call ops. */
uint32_t tcg_helper_register(tcg_ctx *s, tcg_helper_fn fn, const char *name, uint32_t flags);

tcg_val tcg_temp(tcg_ctx *s);
tcg_val tcg_const(tcg_ctx *s, uint32_t v);
uint32_t tcg_label(tcg_ctx *s);

static inline bool tcg_val_is_const(const tcg_ctx *s, tcg_val v)
{
    return v != TCG_VAL_NONE && s->vals[v].kind == TCG_VAL_CONST;
}

/* Raw emitter; the wrappers below are what front ends call.  When ops[]
 * is full it sets s->overflow and returns a scratch op (never NULL); the
 * CPU loop then retranslates the TB with fewer instructions. */
tcg_op *tcg_emit(tcg_ctx *s, tcg_opcode opc, const uint32_t *args);

#define TCG_EMIT_(s, opc, ...) \
    do { const uint32_t a_[TCG_MAX_ARGS] = { __VA_ARGS__ }; tcg_emit((s), (opc), a_); } while (0)

static inline void tcg_gen_mov(tcg_ctx *s, tcg_val d, tcg_val a) { TCG_EMIT_(s, TCG_OP_mov, d, a); }
static inline void tcg_gen_movi(tcg_ctx *s, tcg_val d, uint32_t c) { TCG_EMIT_(s, TCG_OP_mov, d, tcg_const(s, c)); }

#define TCG_GEN_BIN_(name) \
    static inline void tcg_gen_##name(tcg_ctx *s, tcg_val d, tcg_val a, tcg_val b) \
    { TCG_EMIT_(s, TCG_OP_##name, d, a, b); } \
    static inline void tcg_gen_##name##i(tcg_ctx *s, tcg_val d, tcg_val a, uint32_t c) \
    { TCG_EMIT_(s, TCG_OP_##name, d, a, tcg_const(s, c)); }
TCG_GEN_BIN_(add) TCG_GEN_BIN_(sub) TCG_GEN_BIN_(mul) TCG_GEN_BIN_(and)
TCG_GEN_BIN_(or) TCG_GEN_BIN_(xor) TCG_GEN_BIN_(andc) TCG_GEN_BIN_(shl)
TCG_GEN_BIN_(shr) TCG_GEN_BIN_(sar) TCG_GEN_BIN_(rotr)
#undef TCG_GEN_BIN_

#define TCG_GEN_UN_(name) \
    static inline void tcg_gen_##name(tcg_ctx *s, tcg_val d, tcg_val a) { TCG_EMIT_(s, TCG_OP_##name, d, a); }
TCG_GEN_UN_(neg) TCG_GEN_UN_(not) TCG_GEN_UN_(clz) TCG_GEN_UN_(ext8s) TCG_GEN_UN_(ext8u)
TCG_GEN_UN_(ext16s) TCG_GEN_UN_(ext16u) TCG_GEN_UN_(bswap32)
#undef TCG_GEN_UN_

static inline void tcg_gen_setcond(tcg_ctx *s, tcg_cond c, tcg_val d, tcg_val a, tcg_val b)
{ TCG_EMIT_(s, TCG_OP_setcond, d, a, b, c); }
static inline void tcg_gen_movcond(tcg_ctx *s, tcg_cond c, tcg_val d, tcg_val c1, tcg_val c2,
                                   tcg_val v1, tcg_val v2)
{ TCG_EMIT_(s, TCG_OP_movcond, d, c1, c2, v1, v2, c); }
static inline void tcg_gen_mulu2(tcg_ctx *s, tcg_val lo, tcg_val hi, tcg_val a, tcg_val b)
{ TCG_EMIT_(s, TCG_OP_mulu2, lo, hi, a, b); }
static inline void tcg_gen_muls2(tcg_ctx *s, tcg_val lo, tcg_val hi, tcg_val a, tcg_val b)
{ TCG_EMIT_(s, TCG_OP_muls2, lo, hi, a, b); }
static inline void tcg_gen_add2(tcg_ctx *s, tcg_val lo, tcg_val hi, tcg_val alo, tcg_val ahi,
                                tcg_val blo, tcg_val bhi)
{ TCG_EMIT_(s, TCG_OP_add2, lo, hi, alo, ahi, blo, bhi); }
static inline void tcg_gen_sub2(tcg_ctx *s, tcg_val lo, tcg_val hi, tcg_val alo, tcg_val ahi,
                                tcg_val blo, tcg_val bhi)
{ TCG_EMIT_(s, TCG_OP_sub2, lo, hi, alo, ahi, blo, bhi); }
static inline void tcg_gen_ld_env(tcg_ctx *s, tcg_val d, size_t off) { TCG_EMIT_(s, TCG_OP_ld_env, d, (uint32_t)off); }
static inline void tcg_gen_st_env(tcg_ctx *s, tcg_val a, size_t off) { TCG_EMIT_(s, TCG_OP_st_env, a, (uint32_t)off); }
static inline void tcg_gen_qemu_ld(tcg_ctx *s, tcg_val d, tcg_val addr, uint32_t memop)
{ TCG_EMIT_(s, TCG_OP_qemu_ld, d, addr, memop); }
static inline void tcg_gen_qemu_st(tcg_ctx *s, tcg_val v, tcg_val addr, uint32_t memop)
{ TCG_EMIT_(s, TCG_OP_qemu_st, v, addr, memop); }
/* ret may be TCG_VAL_NONE; unused args may be TCG_VAL_NONE (passed as 0) */
void tcg_gen_call(tcg_ctx *s, uint32_t helper, tcg_val ret, tcg_val a0, tcg_val a1, tcg_val a2, tcg_val a3);
static inline void tcg_gen_set_label(tcg_ctx *s, uint32_t l) { TCG_EMIT_(s, TCG_OP_set_label, l); }
static inline void tcg_gen_br(tcg_ctx *s, uint32_t l) { TCG_EMIT_(s, TCG_OP_br, l); }
static inline void tcg_gen_brcond(tcg_ctx *s, tcg_cond c, tcg_val a, tcg_val b, uint32_t l)
{ TCG_EMIT_(s, TCG_OP_brcond, a, b, c, l); }
static inline void tcg_gen_brcondi(tcg_ctx *s, tcg_cond c, tcg_val a, uint32_t b, uint32_t l)
{ TCG_EMIT_(s, TCG_OP_brcond, a, tcg_const(s, b), c, l); }
static inline void tcg_gen_insn_start(tcg_ctx *s, uint32_t pc, uint32_t cycles_before, uint32_t data)
{ TCG_EMIT_(s, TCG_OP_insn_start, pc, cycles_before, data); }
static inline void tcg_gen_goto_tb(tcg_ctx *s, unsigned slot) { TCG_EMIT_(s, TCG_OP_goto_tb, slot); }
static inline void tcg_gen_exit_tb(tcg_ctx *s) { TCG_EMIT_(s, TCG_OP_exit_tb, 0); }

/* Optimizer: constant folding, copy propagation, dead-code removal. */
void tcg_optimize(tcg_ctx *s);

/* Evaluate one op's arithmetic on constants (shared by optimizer and
 * interpreter so both agree bit for bit).  Returns false for ops that are
 * not pure arithmetic. */
bool tcg_fold(tcg_opcode opc, const uint32_t *in, const uint32_t *cargs, uint32_t *out);
bool tcg_cond_eval(tcg_cond c, uint32_t a, uint32_t b);

/* Human-readable dump of the current op list (for -d op / op_opt). */
void tcg_dump_ops(const tcg_ctx *s, void *file /* FILE * */);
/* Dump one op into buf (no newline); returns buf. */
char *tcg_dump_op(const tcg_ctx *s, const tcg_op *op, char *buf, size_t len);

#endif
