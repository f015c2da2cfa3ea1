/*
 * The portable interpreter backend.
 *
 * compile() turns the optimized ops of a TB into a compact array of slots:
 * each instruction is a handler address (for computed-goto dispatch)
 * followed by its operands, already resolved:
 *   - value operands are uint32_t pointers: a global points into the CPU
 *     struct, a temp into cpu->temps[], a constant into the TB's constant
 *     pool (stored after the slots);
 *   - labels are slot pointers; insn_start carries &tb->insns[i];
 *   - memory ops carry their memop, calls their function pointer.
 * Because globals live in the CPU struct at all times, helpers and the
 * fault path always see current guest state and no write-back is needed.
 *
 * exec() runs a TB, follows goto_tb chains (tcg_chain_next decides) and
 * charges each completed TB's cycles and instructions; qemu_ld/qemu_st do
 * the soft-TLB fast path inline and call the slow path out of line.
 * Semantics come from sem.h, shared with the constant folder.
 * Assumes a little-endian host (as the guests are).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "sem.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the interpreter's inline TLB path assumes a little-endian host"
#endif

typedef union islot {
    const void *h;
    uint32_t *p;
    uintptr_t u;
    const union islot *t;
    const tcg_insn_data *insn;
    tcg_helper_fn fn;
} islot;

typedef struct interp_code {
    uint32_t n_slots, n_consts;
    islot slots[];
} interp_code;

/* The interpreter's own instruction set. */
#define IOPS(X) \
    X(mov) X(add) X(sub) X(mul) X(and) X(or) X(xor) X(andc) X(shl) X(shr) X(sar) X(rotr) \
    X(neg) X(not) X(clz) X(ext8s) X(ext8u) X(ext16s) X(ext16u) X(bswap32) \
    X(setcond_eq) X(setcond_ne) X(setcond_lt) X(setcond_ge) X(setcond_le) X(setcond_gt) \
    X(setcond_ltu) X(setcond_geu) X(setcond_leu) X(setcond_gtu) \
    X(movcond) X(mulu2) X(muls2) X(add2) X(sub2) \
    X(ld8u) X(ld8s) X(ld16u) X(ld16s) X(ld32) X(ld32a) X(st8) X(st16) X(st32) \
    X(call) X(br) \
    X(brcond_eq) X(brcond_ne) X(brcond_lt) X(brcond_ge) X(brcond_le) X(brcond_gt) \
    X(brcond_ltu) X(brcond_geu) X(brcond_leu) X(brcond_gtu) \
    X(insn_start) X(goto_tb) X(exit_tb)

enum {
#define X(n) I_##n,
    IOPS(X)
#undef X
    I_COUNT
};

static const char *const iop_names[I_COUNT] = {
#define X(n) #n,
    IOPS(X)
#undef X
};

static inline islot *code_slots(const tcg_tb *tb) { return ((interp_code *)tb->code)->slots; }

/*
 * The dispatch loop.  Called with table_out != NULL only to fetch the
 * handler addresses for compile().
 */
static tcg_exec_result interp_run(tcg_cpu *cpu, tcg_tb *tb, const void *const **table_out)
{
    static const void *const table[I_COUNT] = {
#define X(n) &&L_##n,
        IOPS(X)
#undef X
    };
    if (table_out) {
        *table_out = table;
        return (tcg_exec_result){ NULL, -1 };
    }

    const islot *ip = code_slots(tb);
    cpu->cur_tb = tb;
    cpu->cur_insn = NULL;

#define NEXT goto *ip->h
#define BIN(n, expr) L_##n: { uint32_t a = *ip[2].p, b = *ip[3].p; *ip[1].p = (expr); ip += 4; NEXT; }
#define UN(n, expr)  L_##n: { uint32_t a = *ip[2].p; *ip[1].p = (expr); ip += 3; NEXT; }
#define SETC(c, expr) L_setcond_##c: { uint32_t a = *ip[2].p, b = *ip[3].p; *ip[1].p = (expr); ip += 4; NEXT; }
#define BRC(c, expr) L_brcond_##c: { uint32_t a = *ip[1].p, b = *ip[2].p; \
        ip = (expr) ? ip[3].t : ip + 4; NEXT; }
#define LD(n, size, T, ext) LDA(n, size, T, ext, 0u)
/* amask: address bits that must be clear for the inline path (TCG_MO_ALIGN_ROT) */
#define LDA(n, size, T, ext, amask) L_##n: { \
        uint32_t addr = *ip[2].p; uint32_t memop = (uint32_t)ip[3].u; \
        tcg_tlb_entry *e = tcg_tlb_entry_for(cpu, (int)(memop >> TCG_MO_IDX_SHIFT), addr); \
        uint32_t v; \
        if (__builtin_expect(e->addr_read == (addr & TCG_PAGE_MASK) && !(addr & (amask)) && \
                             (addr & ~TCG_PAGE_MASK) <= TCG_PAGE_SIZE - (size), 1)) { \
            T t_; memcpy(&t_, (const void *)(addr + e->addend), sizeof(t_)); v = ext; \
        } else { \
            v = tcg_tlb_ld_slow(cpu, addr, memop); \
        } \
        *ip[1].p = v; ip += 4; NEXT; }
#define ST(n, size, T) L_##n: { \
        uint32_t addr = *ip[2].p; uint32_t memop = (uint32_t)ip[3].u; \
        tcg_tlb_entry *e = tcg_tlb_entry_for(cpu, (int)(memop >> TCG_MO_IDX_SHIFT), addr); \
        if (__builtin_expect(e->addr_write == (addr & TCG_PAGE_MASK) && \
                             (addr & ~TCG_PAGE_MASK) <= TCG_PAGE_SIZE - (size), 1)) { \
            T t_ = (T)*ip[1].p; memcpy((void *)(addr + e->addend), &t_, sizeof(t_)); \
        } else { \
            tcg_tlb_st_slow(cpu, addr, *ip[1].p, memop); \
        } \
        ip += 4; NEXT; }

    NEXT;

    L_mov: { *ip[1].p = *ip[2].p; ip += 3; NEXT; }
    BIN(add, a + b)
    BIN(sub, a - b)
    BIN(mul, a * b)
    BIN(and, a & b)
    BIN(or, a | b)
    BIN(xor, a ^ b)
    BIN(andc, a & ~b)
    BIN(shl, tcg_sem_shl(a, b))
    BIN(shr, tcg_sem_shr(a, b))
    BIN(sar, tcg_sem_sar(a, b))
    BIN(rotr, tcg_sem_rotr(a, b))
    UN(neg, 0u - a)
    UN(not, ~a)
    UN(clz, tcg_sem_clz(a))
    UN(ext8s, tcg_sem_ext8s(a))
    UN(ext8u, a & 0xffu)
    UN(ext16s, tcg_sem_ext16s(a))
    UN(ext16u, a & 0xffffu)
    UN(bswap32, __builtin_bswap32(a))
    SETC(eq, a == b)
    SETC(ne, a != b)
    SETC(lt, (int32_t)a < (int32_t)b)
    SETC(ge, (int32_t)a >= (int32_t)b)
    SETC(le, (int32_t)a <= (int32_t)b)
    SETC(gt, (int32_t)a > (int32_t)b)
    SETC(ltu, a < b)
    SETC(geu, a >= b)
    SETC(leu, a <= b)
    SETC(gtu, a > b)
    L_movcond: {
        uint32_t c1 = *ip[2].p, c2 = *ip[3].p;
        *ip[1].p = tcg_sem_cond((tcg_cond)ip[6].u, c1, c2) ? *ip[4].p : *ip[5].p;
        ip += 7; NEXT;
    }
    L_mulu2: { uint32_t lo, hi; tcg_sem_mulu2(&lo, &hi, *ip[3].p, *ip[4].p);
               *ip[1].p = lo; *ip[2].p = hi; ip += 5; NEXT; }
    L_muls2: { uint32_t lo, hi; tcg_sem_muls2(&lo, &hi, *ip[3].p, *ip[4].p);
               *ip[1].p = lo; *ip[2].p = hi; ip += 5; NEXT; }
    L_add2: { uint32_t lo, hi; tcg_sem_add2(&lo, &hi, *ip[3].p, *ip[4].p, *ip[5].p, *ip[6].p);
              *ip[1].p = lo; *ip[2].p = hi; ip += 7; NEXT; }
    L_sub2: { uint32_t lo, hi; tcg_sem_sub2(&lo, &hi, *ip[3].p, *ip[4].p, *ip[5].p, *ip[6].p);
              *ip[1].p = lo; *ip[2].p = hi; ip += 7; NEXT; }
    LD(ld8u, 1, uint8_t, t_)
    LD(ld8s, 1, int8_t, (uint32_t)(int32_t)t_)
    LD(ld16u, 2, uint16_t, t_)
    LD(ld16s, 2, int16_t, (uint32_t)(int32_t)t_)
    LD(ld32, 4, uint32_t, t_)
    LDA(ld32a, 4, uint32_t, t_, 3u)
    ST(st8, 1, uint8_t)
    ST(st16, 2, uint16_t)
    ST(st32, 4, uint32_t)
    L_call: {
        uint32_t r = ip[1].fn(cpu, *ip[3].p, *ip[4].p, *ip[5].p, *ip[6].p);
        *ip[2].p = r;
        ip += 7; NEXT;
    }
    L_br: { ip = ip[1].t; NEXT; }
    BRC(eq, a == b)
    BRC(ne, a != b)
    BRC(lt, (int32_t)a < (int32_t)b)
    BRC(ge, (int32_t)a >= (int32_t)b)
    BRC(le, (int32_t)a <= (int32_t)b)
    BRC(gt, (int32_t)a > (int32_t)b)
    BRC(ltu, a < b)
    BRC(geu, a >= b)
    BRC(leu, a <= b)
    BRC(gtu, a > b)
    L_insn_start: { cpu->cur_insn = ip[1].insn; ip += 2; NEXT; }
    L_goto_tb: {
        unsigned slot = (unsigned)ip[1].u;
        cpu->cycles += tb->cycles;
        cpu->icount += tb->icount;
        cpu->cur_insn = NULL;
        tcg_tb *next = tcg_chain_next(cpu, tb, slot);
        if (next) {
            tb = next;
            cpu->cur_tb = tb;
            ip = code_slots(tb);
            NEXT;
        }
        cpu->cur_tb = NULL;
        return (tcg_exec_result){ tb, (int)slot };
    }
    L_exit_tb: {
        cpu->cycles += tb->cycles;
        cpu->icount += tb->icount;
        cpu->cur_insn = NULL;
        cpu->cur_tb = NULL;
        return (tcg_exec_result){ tb, -1 };
    }
#undef NEXT
#undef BIN
#undef UN
#undef SETC
#undef BRC
#undef LD
#undef LDA
#undef ST
}

static tcg_exec_result interp_exec(tcg_cpu *cpu, tcg_tb *tb)
{
    return interp_run(cpu, tb, NULL);
}

/* ---- compile ------------------------------------------------------- */

static const uint8_t iop_of_bin[TCG_OP_COUNT] = {
    [TCG_OP_add] = I_add, [TCG_OP_sub] = I_sub, [TCG_OP_mul] = I_mul, [TCG_OP_and] = I_and,
    [TCG_OP_or] = I_or, [TCG_OP_xor] = I_xor, [TCG_OP_andc] = I_andc, [TCG_OP_shl] = I_shl,
    [TCG_OP_shr] = I_shr, [TCG_OP_sar] = I_sar, [TCG_OP_rotr] = I_rotr,
    [TCG_OP_neg] = I_neg, [TCG_OP_not] = I_not, [TCG_OP_clz] = I_clz, [TCG_OP_ext8s] = I_ext8s,
    [TCG_OP_ext8u] = I_ext8u, [TCG_OP_ext16s] = I_ext16s, [TCG_OP_ext16u] = I_ext16u,
    [TCG_OP_bswap32] = I_bswap32, [TCG_OP_mov] = I_mov,
};

/* Slots an op takes, and how many constant-pool entries it may need. */
static unsigned op_slots(const tcg_op *op)
{
    const tcg_op_def *d = &tcg_op_defs[op->opc];
    switch (op->opc) {
    case TCG_OP_set_label: return 0;
    case TCG_OP_ld_env: case TCG_OP_st_env: return 3;       /* as mov */
    case TCG_OP_setcond: return 4;
    case TCG_OP_movcond: return 7;
    case TCG_OP_brcond: return 4;
    case TCG_OP_br: return 2;
    case TCG_OP_qemu_ld: case TCG_OP_qemu_st: return 4;
    case TCG_OP_call: return 7;
    case TCG_OP_insn_start: return 2;
    case TCG_OP_goto_tb: return 2;
    case TCG_OP_exit_tb: return 1;
    default: return 1u + d->n_out + d->n_in;
    }
}

typedef struct compile_state {
    tcg_cpu *cpu;
    const tcg_ctx *ctx;
    uint32_t *pool;
    uint32_t n_pool;
    uint32_t sink;                /* index of the discard temp */
} compile_state;

static uint32_t *operand(compile_state *cs, tcg_val v, bool is_out)
{
    const tcg_ctx *s = cs->ctx;
    if (v == TCG_VAL_NONE || v >= s->n_vals)
        return &cs->cpu->temps[cs->sink];
    const tcg_val_info *vi = &s->vals[v];
    switch (vi->kind) {
    case TCG_VAL_GLOBAL:
        return (uint32_t *)((char *)cs->cpu + vi->value);
    case TCG_VAL_TEMP:
        return &cs->cpu->temps[vi->value];
    default:
        if (is_out)               /* malformed IR: never clobber the pool */
            return &cs->cpu->temps[cs->sink];
        cs->pool[cs->n_pool] = vi->value;
        return &cs->pool[cs->n_pool++];
    }
}

static bool interp_compile(tcg_cpu *cpu, tcg_ctx *ctx, tcg_tb *tb)
{
    const void *const *table;
    interp_run(NULL, NULL, &table);

    /* pass 1: size and label positions */
    uint32_t *label_pos = ctx->opt_label_pos;
    for (uint32_t l = 0; l < ctx->n_labels; l++)
        label_pos[l] = UINT32_MAX;
    uint32_t n_slots = 0, n_pool = 0;
    for (uint32_t i = 0; i < ctx->n_ops; i++) {
        const tcg_op *op = &ctx->ops[i];
        if (op->opc == TCG_OP_set_label && op->args[0] < ctx->n_labels)
            label_pos[op->args[0]] = n_slots;
        n_slots += op_slots(op);
        n_pool += tcg_op_defs[op->opc].n_in + 1u;
    }
    n_slots += 1;   /* a trailing exit_tb: falling off the end leaves safely */

    size_t bytes = sizeof(interp_code) + n_slots * sizeof(islot) + n_pool * sizeof(uint32_t);
    interp_code *code = tcg_tbs_alloc(cpu, bytes);
    if (!code)
        return false;
    code->n_slots = n_slots;
    islot *sl = code->slots;
    compile_state cs = { cpu, ctx, (uint32_t *)(sl + n_slots), 0, TCG_MAX_VALS };

    uint32_t k = 0, insn_no = 0;
#define EMIT_H(iop) (sl[k++].h = table[(iop)])
#define EMIT_IN(v)  (sl[k++].p = operand(&cs, (v), false))
#define EMIT_OUT(v) (sl[k++].p = operand(&cs, (v), true))
#define EMIT_U(x)   (sl[k++].u = (uintptr_t)(x))
#define LABEL(l)    ((l) < ctx->n_labels && label_pos[(l)] != UINT32_MAX ? &sl[label_pos[(l)]] : &sl[n_slots - 1])
    for (uint32_t i = 0; i < ctx->n_ops; i++) {
        const tcg_op *op = &ctx->ops[i];
        const uint32_t *a = op->args;
        uint32_t start = k;
        switch (op->opc) {
        case TCG_OP_set_label:
            break;
        case TCG_OP_ld_env:
            EMIT_H(I_mov); EMIT_OUT(a[0]);
            sl[k++].p = (uint32_t *)((char *)cpu + a[1]);
            break;
        case TCG_OP_st_env:
            EMIT_H(I_mov);
            sl[k++].p = (uint32_t *)((char *)cpu + a[1]);
            EMIT_IN(a[0]);
            break;
        case TCG_OP_setcond: {
            tcg_cond c = (tcg_cond)a[3];
            if (c == TCG_COND_NEVER || c == TCG_COND_ALWAYS) {
                /* constant result: 0 == 0 is 1, 0 == 1 is 0 */
                EMIT_H(I_setcond_eq); EMIT_OUT(a[0]);
                cs.pool[cs.n_pool] = 0;
                sl[k++].p = &cs.pool[cs.n_pool++];
                cs.pool[cs.n_pool] = c == TCG_COND_ALWAYS ? 0u : 1u;
                sl[k++].p = &cs.pool[cs.n_pool++];
                break;
            }
            EMIT_H(I_setcond_eq + (c - TCG_COND_EQ)); EMIT_OUT(a[0]); EMIT_IN(a[1]); EMIT_IN(a[2]);
            break;
        }
        case TCG_OP_movcond:
            EMIT_H(I_movcond); EMIT_OUT(a[0]); EMIT_IN(a[1]); EMIT_IN(a[2]); EMIT_IN(a[3]); EMIT_IN(a[4]);
            EMIT_U(a[5]);
            break;
        case TCG_OP_mulu2: case TCG_OP_muls2:
            EMIT_H(op->opc == TCG_OP_mulu2 ? I_mulu2 : I_muls2);
            EMIT_OUT(a[0]); EMIT_OUT(a[1]); EMIT_IN(a[2]); EMIT_IN(a[3]);
            break;
        case TCG_OP_add2: case TCG_OP_sub2:
            EMIT_H(op->opc == TCG_OP_add2 ? I_add2 : I_sub2);
            EMIT_OUT(a[0]); EMIT_OUT(a[1]); EMIT_IN(a[2]); EMIT_IN(a[3]); EMIT_IN(a[4]); EMIT_IN(a[5]);
            break;
        case TCG_OP_qemu_ld: {
            static const uint8_t ld_iop[8] = { I_ld8u, I_ld16u, I_ld32, I_ld32, I_ld8s, I_ld16s, I_ld32, I_ld32 };
            EMIT_H((a[2] & TCG_MO_ALIGN_ROT) ? I_ld32a : ld_iop[a[2] & 7u]); EMIT_OUT(a[0]); EMIT_IN(a[1]);
            EMIT_U(a[2]);
            break;
        }
        case TCG_OP_qemu_st: {
            static const uint8_t st_iop[4] = { I_st8, I_st16, I_st32, I_st32 };
            EMIT_H(st_iop[a[2] & TCG_MO_SIZE]); EMIT_IN(a[0]); EMIT_IN(a[1]); EMIT_U(a[2]);
            break;
        }
        case TCG_OP_call: {
            uint32_t h = a[5];
            EMIT_H(I_call);
            sl[k++].fn = h < ctx->n_helpers ? ctx->helpers[h].fn : NULL;
            EMIT_OUT(a[0]); EMIT_IN(a[1]); EMIT_IN(a[2]); EMIT_IN(a[3]); EMIT_IN(a[4]);
            break;
        }
        case TCG_OP_br:
            EMIT_H(I_br); sl[k++].t = LABEL(a[0]);
            break;
        case TCG_OP_brcond: {
            tcg_cond c = (tcg_cond)a[2];
            if (c == TCG_COND_NEVER || c == TCG_COND_ALWAYS) {
                /* same 4-slot size: br over an unused slot pair, or to L */
                EMIT_H(I_br);
                sl[k].t = c == TCG_COND_ALWAYS ? LABEL(a[3]) : &sl[start + 4];
                k = start + 4;
                break;
            }
            EMIT_H(I_brcond_eq + (c - TCG_COND_EQ)); EMIT_IN(a[0]); EMIT_IN(a[1]);
            sl[k++].t = LABEL(a[3]);
            break;
        }
        case TCG_OP_insn_start: {
            /* the CPU loop numbered the instructions in args[3] before
             * optimization, so removed code cannot shift the index */
            uint32_t n = a[3];
            if (n >= tb->icount)
                n = insn_no < tb->icount ? insn_no : (tb->icount ? tb->icount - 1 : 0);
            insn_no++;
            EMIT_H(I_insn_start); sl[k++].insn = tb->insns ? &tb->insns[n] : NULL;
            break;
        }
        case TCG_OP_goto_tb:
            EMIT_H(I_goto_tb); EMIT_U(a[0] & 1u);
            break;
        case TCG_OP_exit_tb:
            EMIT_H(I_exit_tb);
            break;
        default:
            EMIT_H(iop_of_bin[op->opc]);
            for (unsigned j = 0; j < tcg_op_defs[op->opc].n_out; j++)
                EMIT_OUT(a[j]);
            for (unsigned j = 0; j < tcg_op_defs[op->opc].n_in; j++)
                EMIT_IN(a[tcg_op_defs[op->opc].n_out + j]);
            break;
        }
        if (k != start + op_slots(op)) {
            fprintf(stderr, "tcg interp: slot size mismatch for %s\n", tcg_op_defs[op->opc].name);
            abort();
        }
    }
    EMIT_H(I_exit_tb);
#undef EMIT_H
#undef EMIT_IN
#undef EMIT_OUT
#undef EMIT_U
#undef LABEL
    code->n_consts = cs.n_pool;
    tb->code = code;
    return true;
}

static bool interp_init(tcg_cpu *cpu)
{
    /* one slot per possible temp plus a sink for discarded results */
    cpu->temps = calloc(TCG_MAX_VALS + 1, sizeof(uint32_t));
    return cpu->temps != NULL;
}

static void interp_destroy(tcg_cpu *cpu)
{
    free(cpu->temps);
    cpu->temps = NULL;
}

static void interp_chain(tcg_cpu *cpu, tcg_tb *src, int slot, tcg_tb *dst) { }
static void interp_unchain(tcg_cpu *cpu, tcg_tb *src, int slot) { }

static void interp_dump(tcg_cpu *cpu, const tcg_tb *tb, FILE *f)
{
    const void *const *table;
    interp_run(NULL, NULL, &table);
    const interp_code *code = tb->code;
    fprintf(f, "interp code %p: %u slots, %u pool constants\n", (const void *)code,
            code->n_slots, code->n_consts);
    for (uint32_t k = 0; k < code->n_slots;) {
        uint32_t n = 1;
        const char *name = "?";
        for (int i = 0; i < I_COUNT; i++)
            if (table[i] == code->slots[k].h)
                name = iop_names[i];
        /* operand counts by name: reuse the compile-time sizes */
        static const struct { const char *prefix; uint32_t n; } sizes[] = {
            { "movcond", 7 }, { "setcond", 4 }, { "brcond", 4 }, { "call", 7 }, { "add2", 7 },
            { "sub2", 7 }, { "mulu2", 5 }, { "muls2", 5 }, { "ld", 4 }, { "st", 4 }, { "insn_start", 2 },
            { "goto_tb", 2 }, { "exit_tb", 1 }, { "br", 2 }, { "mov", 3 }, { "neg", 3 }, { "not", 3 },
            { "clz", 3 }, { "ext", 3 }, { "bswap32", 3 },
        };
        n = 4;
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
            if (strncmp(name, sizes[i].prefix, strlen(sizes[i].prefix)) == 0) {
                n = sizes[i].n;
                break;
            }
        fprintf(f, "  %4u: %s\n", k, name);
        k += n;
    }
}

const tcg_backend_ops tcg_interp_backend = {
    .name = "interp",
    .init = interp_init,
    .destroy = interp_destroy,
    .compile = interp_compile,
    .exec = interp_exec,
    .chain = interp_chain,
    .unchain = interp_unchain,
    .dump = interp_dump,
};
