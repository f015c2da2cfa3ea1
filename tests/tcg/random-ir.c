/*
 * Random IR programs (see random-ir.h).
 */
#include "random-ir.h"

#include <stddef.h>

uint32_t rir_rnd(rir_rng *r)
{
    r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(r->s >> 33);
}

uint32_t rir_interesting(rir_rng *r)
{
    static const uint32_t v[] = { 0, 1, 2, 31, 32, 33, 0x7fffffff, 0x80000000, 0xffffffff, 0xff,
                                  0xffff, 0x80, 0x8000 };
    return rir_rnd(r) % 3 ? v[rir_rnd(r) % 13] : rir_rnd(r);
}

static uint32_t helper_rw(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    toy_cpu *t = env;
    t->r[7] ^= a0 + 0x1234u;               /* writes globals */
    t->r[2] += a3;
    return t->r[3] * 3u + a1 - a2;         /* reads a global */
}

static uint32_t helper_ro(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    toy_cpu *t = env;
    return t->r[0] ^ t->r[5] ^ a0 ^ (a3 << 1);   /* reads globals only */
}

static uint32_t helper_pure(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    return (a0 << 3) - a1 + a2 * a3;
}

void rir_register_helpers(tcg_ctx *s, uint32_t helpers[3])
{
    helpers[0] = tcg_helper_register(s, helper_rw, "rw", 0);
    helpers[1] = tcg_helper_register(s, helper_ro, "ro", TCG_CALL_NO_WG);
    helpers[2] = tcg_helper_register(s, helper_pure, "pure", TCG_CALL_PURE);
}

enum { RIR_MAX_TEMPS = 32, RIR_MAX_LABELS = 8 };

typedef struct gen {
    toy_cpu *t;
    tcg_ctx *s;
    rir_rng *r;
    tcg_val temps[RIR_MAX_TEMPS];
    unsigned n_temps;
} gen;

/* a value to read: a constant, a global or a temp */
static tcg_val rv(gen *g)
{
    if (rir_rnd(g->r) % 4 == 0)
        return tcg_const(g->s, rir_interesting(g->r));
    return rir_rnd(g->r) % 2 ? g->t->g_r[rir_rnd(g->r) % 8] : g->temps[rir_rnd(g->r) % g->n_temps];
}

/* a value to write: a global or a temp */
static tcg_val wv(gen *g)
{
    return rir_rnd(g->r) % 2 ? g->t->g_r[rir_rnd(g->r) % 8] : g->temps[rir_rnd(g->r) % g->n_temps];
}

static void gen_mem(gen *g, const rir_shape *sh)
{
    tcg_ctx *s = g->s;
    rir_rng *r = g->r;
    tcg_val a = g->temps[rir_rnd(r) % g->n_temps];
    uint32_t size = sh->any_size ? rir_rnd(r) % 3 : TCG_MO_32;
    /* span is a power of two; words stay aligned unless any_size */
    tcg_gen_andi(s, a, rv(g), (sh->mem_span - 1) & (sh->any_size ? ~0u : ~3u));
    tcg_gen_addi(s, a, a, sh->mem_base);
    if (rir_rnd(r) % 2) {
        tcg_gen_qemu_st(s, rv(g), a, TCG_MEMOP(size, 0));
        return;
    }
    uint32_t memop;
    if (sh->any_size)
        memop = size | (size < 2 && rir_rnd(r) % 2 ? TCG_MO_SIGN : 0);
    else
        memop = rir_rnd(r) % 2 ? TCG_MO_8 | TCG_MO_SIGN : TCG_MO_32;
    tcg_gen_qemu_ld(s, wv(g), a, TCG_MEMOP(memop, 0));
}

void rir_gen(toy_cpu *t, rir_rng *r, const uint32_t helpers[3], unsigned n_ops, const rir_shape *sh)
{
    gen g = { .t = t, .s = t->common.ctx, .r = r };
    tcg_ctx *s = g.s;
    tcg_ctx_reset(s);
    g.n_temps = sh->n_temps < RIR_MAX_TEMPS ? sh->n_temps : RIR_MAX_TEMPS;
    for (unsigned i = 0; i < g.n_temps; i++) {
        g.temps[i] = tcg_temp(s);
        tcg_gen_movi(s, g.temps[i], rir_interesting(r));    /* defined before any use */
    }
    const unsigned n_labels = sh->n_labels < RIR_MAX_LABELS ? sh->n_labels : RIR_MAX_LABELS;
    uint32_t labels[RIR_MAX_LABELS];
    for (unsigned i = 0; i < n_labels; i++)
        labels[i] = tcg_label(s);
    unsigned next_label = 0;
    for (unsigned i = 0; i < n_ops; i++) {
        unsigned k = rir_rnd(r) % (40 + sh->mem_weight);
        if (k < 20) {
            static const tcg_opcode ops[] = {
                TCG_OP_mov, TCG_OP_add, TCG_OP_sub, TCG_OP_mul, TCG_OP_and, TCG_OP_or, TCG_OP_xor,
                TCG_OP_andc, TCG_OP_shl, TCG_OP_shr, TCG_OP_sar, TCG_OP_rotr, TCG_OP_neg, TCG_OP_not,
                TCG_OP_clz, TCG_OP_ext8s, TCG_OP_ext8u, TCG_OP_ext16s, TCG_OP_ext16u, TCG_OP_bswap32 };
            uint32_t args[TCG_MAX_ARGS] = { 0 };
            args[0] = wv(&g);
            args[1] = sh->aliasing && rir_rnd(r) % 6 == 0 ? args[0] : rv(&g);      /* in place */
            args[2] = rir_rnd(r) % 5 == 0 ? args[1]                                /* same operand */
                      : sh->aliasing && rir_rnd(r) % 6 == 0 ? args[0] : rv(&g);
            tcg_emit(s, ops[rir_rnd(r) % 20], args);
        } else if (k < 23) {
            tcg_gen_setcond(s, (tcg_cond)(rir_rnd(r) % 12), wv(&g), rv(&g), rv(&g));
        } else if (k < 25) {
            tcg_val d = wv(&g);
            tcg_val c1 = rv(&g), c2 = rv(&g), v1 = rv(&g);
            tcg_val v2 = sh->aliasing && rir_rnd(r) % 3 == 0 ? d : rv(&g);
            tcg_gen_movcond(s, (tcg_cond)(rir_rnd(r) % 12), d, c1, c2, v1, v2);
        } else if (k < 27) {
            tcg_val lo = wv(&g), hi;
            do hi = wv(&g); while (hi == lo);
            switch (rir_rnd(r) % 4) {
            case 0: tcg_gen_mulu2(s, lo, hi, rv(&g), rv(&g)); break;
            case 1: tcg_gen_muls2(s, lo, hi, rv(&g), rv(&g)); break;
            case 2: tcg_gen_add2(s, lo, hi, rv(&g), rv(&g), rv(&g), rv(&g)); break;
            default: tcg_gen_sub2(s, lo, hi, rv(&g), rv(&g), rv(&g), rv(&g)); break;
            }
        } else if (k < 30 && next_label < n_labels) {
            /* forward branch over some ops, sometimes on constants */
            tcg_gen_brcond(s, (tcg_cond)(rir_rnd(r) % 12), rv(&g), rv(&g), labels[next_label]);
        } else if (k < 32 && next_label < n_labels) {
            tcg_gen_set_label(s, labels[next_label++]);
        } else if (k < 33 && next_label < n_labels) {
            tcg_gen_br(s, labels[next_label]);
        } else if (k < 34) {
            tcg_gen_exit_tb(s);                      /* early exit: the rest may be unreachable */
        } else if (k < 36) {
            uint32_t h = helpers[rir_rnd(r) % 3];
            tcg_gen_call(s, h, rir_rnd(r) % 4 ? wv(&g) : TCG_VAL_NONE, rv(&g), rv(&g), rv(&g), rv(&g));
        } else if (k < 38) {
            /* env access, aliasing the globals on purpose */
            size_t off = rir_rnd(r) % 2 ? offsetof(toy_cpu, r) + 4u * (rir_rnd(r) % 8)
                                        : offsetof(toy_cpu, scratch) + 4u * (rir_rnd(r) % 8);
            if (rir_rnd(r) % 2)
                tcg_gen_st_env(s, rv(&g), off);
            else
                tcg_gen_ld_env(s, wv(&g), off);
        } else if (k < 38 + sh->mem_weight) {
            gen_mem(&g, sh);
        } else {
            tcg_gen_insn_start(s, 0x1000 + 4 * i, i, 0);
        }
    }
    while (next_label < n_labels)
        tcg_gen_set_label(s, labels[next_label++]);
    tcg_gen_exit_tb(s);
}
