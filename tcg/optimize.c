/*
 * The IR optimizer: one forward pass, then one backward pass.
 *
 * Forward (basic-block local):
 *   - copy propagation: values known to hold equal contents form a ring;
 *     an input is replaced by the oldest member of its ring (so the
 *     original source, often a global, is read instead of a temp copy);
 *   - constant tracking and folding with tcg_fold (the interpreter's own
 *     semantics), including setcond/movcond, and brcond with a known
 *     outcome becoming br or disappearing;
 *   - algebraic identities (x+0, x*1, x&0, x^x, x-x, ...), commutative
 *     ops normalized with the constant second;
 *   - unreachable code after br/goto_tb/exit_tb is dropped up to the next
 *     referenced label; labels nobody branches to are dropped (so the
 *     known state flows on); a br to the label right after it vanishes.
 *   State is forgotten at every referenced label (a generation counter
 *   makes that O(1)); globals are forgotten after calls that may write
 *   them (not NO_RWG/NO_WG) and after an st_env that overlaps them.
 *
 * Backward (dead-code removal by liveness):
 *   - globals are live at TB exits, branches, calls that read globals,
 *     faulting ops (qemu_ld/st, calls) and ld_env of their offset;
 *   - temps are dead at TB exits, and conservatively live from any use
 *     past a label or branch back to the start of the TB (a "barrier"
 *     count makes that O(1)); if the TB has a backward branch, every temp
 *     is kept;
 *   - an op without side effects whose outputs are all dead is removed;
 *     a call is removable only if its helper is TCG_CALL_PURE.
 *
 * Then copy coalescing (coalesce_pass): a temp copied into a global is
 * computed into the global directly when nothing can tell the difference.
 */
#include <string.h>

#include "sem.h"
#include "tcg.h"

typedef struct opt_state {
    tcg_ctx *s;
    tcg_opt_val *v;
    uint32_t gen;
    uint32_t seq;
    uint32_t n_out;
    bool unreachable;
} opt_state;

static bool is_const_kind(const tcg_ctx *s, tcg_val v)
{
    return v < s->n_vals && s->vals[v].kind == TCG_VAL_CONST;
}

static tcg_opt_val *ov(opt_state *st, tcg_val v)
{
    tcg_opt_val *o = &st->v[v];
    /* constants never join rings; their state comes from the value
     * table every time (the optimizer may create new ones, whose scratch
     * entries hold leftovers of earlier TBs) */
    if (is_const_kind(st->s, v)) {
        o->gen = st->gen;
        o->prev = o->next = v;
        o->seq = 0;
        o->is_const = 1;
        o->cval = st->s->vals[v].value;
        return o;
    }
    if (o->gen != st->gen) {
        o->gen = st->gen;
        o->prev = o->next = v;
        o->seq = 0;
        o->is_const = is_const_kind(st->s, v);
        o->cval = o->is_const ? st->s->vals[v].value : 0;
    }
    return o;
}

/* v's content changes: leave its ring, forget its constant */
static void reset_val(opt_state *st, tcg_val v)
{
    if (v == TCG_VAL_NONE || v >= st->s->n_vals || is_const_kind(st->s, v))
        return;
    tcg_opt_val *o = ov(st, v);
    if (o->next != v) {
        st->v[o->prev].next = o->next;
        st->v[o->next].prev = o->prev;
        o->prev = o->next = v;
    }
    o->is_const = 0;
    o->seq = 0;
}

static void set_const(opt_state *st, tcg_val d, uint32_t c)
{
    reset_val(st, d);
    tcg_opt_val *o = ov(st, d);
    o->is_const = 1;
    o->cval = c;
}

static void set_copy(opt_state *st, tcg_val d, tcg_val src)
{
    tcg_opt_val *so = ov(st, src);
    if (so->is_const) {
        set_const(st, d, so->cval);
        return;
    }
    reset_val(st, d);
    tcg_opt_val *o = ov(st, d);
    if (so->seq == 0)
        so->seq = ++st->seq;
    o->seq = ++st->seq;
    /* insert d after src */
    o->prev = src;
    o->next = so->next;
    st->v[so->next].prev = d;
    so->next = d;
}

static bool same_ring(opt_state *st, tcg_val a, tcg_val b)
{
    if (a == b)
        return true;
    if (is_const_kind(st->s, a) || is_const_kind(st->s, b))
        return false;
    uint32_t n = 0;
    for (tcg_val x = ov(st, a)->next; x != a && n < TCG_MAX_VALS; x = st->v[x].next, n++)
        if (x == b)
            return true;
    return false;
}

static tcg_val opt_const(opt_state *st, uint32_t c)
{
    if (st->s->n_vals >= TCG_MAX_VALS)
        return TCG_VAL_NONE;
    return tcg_const(st->s, c);
}

/* the best value to read instead of v */
static tcg_val repr(opt_state *st, tcg_val v)
{
    if (v == TCG_VAL_NONE || v >= st->s->n_vals || is_const_kind(st->s, v))
        return v;
    tcg_opt_val *o = ov(st, v);
    if (o->is_const) {
        tcg_val c = opt_const(st, o->cval);
        return c == TCG_VAL_NONE ? v : c;
    }
    tcg_val best = v;
    uint32_t best_seq = o->seq, n = 0;
    for (tcg_val x = o->next; x != v && n < TCG_MAX_VALS; x = st->v[x].next, n++)
        if (st->v[x].seq < best_seq) {
            best = x;
            best_seq = st->v[x].seq;
        }
    return best;
}

static bool known(opt_state *st, tcg_val v, uint32_t *c)
{
    if (v == TCG_VAL_NONE || v >= st->s->n_vals)
        return false;
    tcg_opt_val *o = ov(st, v);
    if (o->is_const)
        *c = o->cval;
    return o->is_const;
}

static void forget_globals(opt_state *st)
{
    for (tcg_val g = 0; g < st->s->n_globals; g++)
        reset_val(st, g);
}

static void out_op(opt_state *st, const tcg_op *op)
{
    st->s->opt_ops[st->n_out++] = *op;
}

static void out_mov(opt_state *st, tcg_val d, tcg_val src)
{
    if (d == src || same_ring(st, d, src))
        return;                                   /* already holds it */
    tcg_op m = { .opc = TCG_OP_mov, .args = { d, src } };
    out_op(st, &m);
    set_copy(st, d, src);
}

static bool out_movi(opt_state *st, tcg_val d, uint32_t c)
{
    uint32_t cur;
    if (known(st, d, &cur) && cur == c)
        return true;
    tcg_val cv = opt_const(st, c);
    if (cv == TCG_VAL_NONE)
        return false;
    tcg_op m = { .opc = TCG_OP_mov, .args = { d, cv } };
    out_op(st, &m);
    set_const(st, d, c);
    return true;
}

static void drop_branch(opt_state *st, const tcg_op *op)
{
    uint32_t l = op->opc == TCG_OP_br ? op->args[0] : op->opc == TCG_OP_brcond ? op->args[3] : UINT32_MAX;
    if (l < st->s->n_labels && st->s->opt_label_refs[l])
        st->s->opt_label_refs[l]--;
}

/* Known outcome of (a cond b): 1/0, or -1 when unknown. */
static int cond_outcome(opt_state *st, tcg_cond c, tcg_val a, tcg_val b)
{
    uint32_t ca, cb;
    if (c == TCG_COND_ALWAYS)
        return 1;
    if (c == TCG_COND_NEVER)
        return 0;
    if (known(st, a, &ca) && known(st, b, &cb))
        return tcg_sem_cond(c, ca, cb);
    if (a == b) {
        switch (c) {
        case TCG_COND_EQ: case TCG_COND_GE: case TCG_COND_LE: case TCG_COND_GEU: case TCG_COND_LEU:
            return 1;
        default:
            return 0;
        }
    }
    /* unsigned comparisons with zero (ARM's C flag of CMP x, #0) */
    if (known(st, b, &cb) && cb == 0 && (c == TCG_COND_GEU || c == TCG_COND_LTU))
        return c == TCG_COND_GEU;
    if (known(st, a, &ca) && ca == 0 && (c == TCG_COND_LEU || c == TCG_COND_GTU))
        return c == TCG_COND_LEU;
    return -1;
}

/* Algebraic identities for a binary op with inputs a, b (after
 * replacement).  Returns true if the op was replaced. */
static bool simplify_binary(opt_state *st, tcg_opcode opc, tcg_val d, tcg_val a, tcg_val b)
{
    uint32_t cb = 0, ca = 0;
    bool kb = known(st, b, &cb), ka = known(st, a, &ca);
    switch (opc) {
    case TCG_OP_add: case TCG_OP_or: case TCG_OP_xor: case TCG_OP_sub:
    case TCG_OP_shl: case TCG_OP_shr: case TCG_OP_sar: case TCG_OP_rotr: case TCG_OP_andc:
        if (kb && (cb == 0 || (opc >= TCG_OP_shl && opc <= TCG_OP_rotr && (cb & 31u) == 0))) {
            out_mov(st, d, a);
            return true;
        }
        break;
    default:
        break;
    }
    switch (opc) {
    case TCG_OP_mul:
        if (kb && cb == 0)
            return out_movi(st, d, 0);
        if (kb && cb == 1) {
            out_mov(st, d, a);
            return true;
        }
        break;
    case TCG_OP_and:
        if (kb && cb == 0)
            return out_movi(st, d, 0);
        if ((kb && cb == 0xffffffffu) || a == b) {
            out_mov(st, d, a);
            return true;
        }
        break;
    case TCG_OP_or:
        if (kb && cb == 0xffffffffu)
            return out_movi(st, d, 0xffffffffu);
        if (a == b) {
            out_mov(st, d, a);
            return true;
        }
        break;
    case TCG_OP_xor: case TCG_OP_sub: case TCG_OP_andc:
        if (a == b)
            return out_movi(st, d, 0);
        if (opc == TCG_OP_andc && kb && cb == 0xffffffffu)
            return out_movi(st, d, 0);
        break;
    case TCG_OP_shl: case TCG_OP_shr: case TCG_OP_sar: case TCG_OP_rotr:
        if (ka && ca == 0)
            return out_movi(st, d, 0);
        if (ka && ca == 0xffffffffu && (opc == TCG_OP_sar || opc == TCG_OP_rotr))
            return out_movi(st, d, 0xffffffffu);
        break;
    default:
        break;
    }
    return false;
}

static void forward_pass(opt_state *st)
{
    tcg_ctx *s = st->s;
    for (uint32_t i = 0; i < s->n_ops; i++) {
        tcg_op op = s->ops[i];
        const tcg_op_def *def = &tcg_op_defs[op.opc];
        uint32_t *a = op.args;

        if (op.opc == TCG_OP_set_label) {
            uint32_t l = a[0];
            if (st->n_out > 0) {
                tcg_op *prev = &s->opt_ops[st->n_out - 1];
                if ((prev->opc == TCG_OP_br && prev->args[0] == l) ||
                    (prev->opc == TCG_OP_brcond && prev->args[3] == l)) {
                    drop_branch(st, prev);
                    st->n_out--;
                    st->unreachable = false;
                }
            }
            if (l < s->n_labels && s->opt_label_refs[l] == 0)
                continue;                      /* nobody jumps here */
            out_op(st, &op);
            st->unreachable = false;
            st->gen++;                         /* merge point: forget all */
            continue;
        }
        if (st->unreachable) {
            drop_branch(st, &op);
            continue;
        }

        /* replace inputs by their best equivalent */
        for (unsigned k = 0; k < def->n_in; k++)
            a[def->n_out + k] = repr(st, a[def->n_out + k]);

        switch (op.opc) {
        case TCG_OP_mov:
            out_mov(st, a[0], a[1]);
            continue;
        case TCG_OP_br: case TCG_OP_goto_tb: case TCG_OP_exit_tb:
            out_op(st, &op);
            st->unreachable = true;
            continue;
        case TCG_OP_brcond: {
            int r = cond_outcome(st, (tcg_cond)a[2], a[0], a[1]);
            if (r == 0) {
                drop_branch(st, &op);
                continue;
            }
            if (r == 1) {
                tcg_op br = { .opc = TCG_OP_br, .args = { a[3] } };
                out_op(st, &br);
                st->unreachable = true;
                continue;
            }
            out_op(st, &op);
            continue;
        }
        case TCG_OP_setcond: {
            int r = cond_outcome(st, (tcg_cond)a[3], a[1], a[2]);
            if (r >= 0 && out_movi(st, a[0], (uint32_t)r))
                continue;
            break;
        }
        case TCG_OP_movcond: {
            int r = cond_outcome(st, (tcg_cond)a[5], a[1], a[2]);
            if (r >= 0 || a[3] == a[4]) {
                out_mov(st, a[0], r == 0 ? a[4] : a[3]);
                continue;
            }
            break;
        }
        case TCG_OP_add: case TCG_OP_mul: case TCG_OP_and: case TCG_OP_or: case TCG_OP_xor: {
            uint32_t c;
            if (known(st, a[1], &c) && !known(st, a[2], &c)) {
                tcg_val t = a[1];
                a[1] = a[2];
                a[2] = t;
            }
            break;
        }
        default:
            break;
        }

        /* constant folding of pure ops */
        if (def->n_in > 0 && !(def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END)) &&
            op.opc != TCG_OP_ld_env) {
            uint32_t in[4] = { 0 }, out[2], c = 0;
            bool all = true;
            for (unsigned k = 0; k < def->n_in && all; k++)
                all = known(st, a[def->n_out + k], &c), in[k] = c;
            if (all && tcg_fold((tcg_opcode)op.opc, in, &a[def->n_out + def->n_in], out)) {
                bool ok = true;
                for (unsigned k = 0; k < def->n_out && ok; k++)
                    ok = opt_const(st, out[k]) != TCG_VAL_NONE;
                if (ok) {
                    for (unsigned k = 0; k < def->n_out; k++)
                        (void)out_movi(st, a[k], out[k]);
                    continue;
                }
            }
            if (def->n_out == 1 && def->n_in == 2 && simplify_binary(st, (tcg_opcode)op.opc, a[0], a[1], a[2]))
                continue;
        }

        out_op(st, &op);
        /* outputs change */
        for (unsigned k = 0; k < def->n_out; k++)
            reset_val(st, a[k]);
        if (op.opc == TCG_OP_call) {
            uint32_t h = a[5];
            uint32_t fl = h < s->n_helpers ? s->helpers[h].flags : 0;
            if (!(fl & (TCG_CALL_NO_RWG | TCG_CALL_NO_WG | TCG_CALL_PURE)))
                forget_globals(st);
        } else if (op.opc == TCG_OP_st_env) {
            for (tcg_val g = 0; g < s->n_globals; g++)
                if (s->vals[g].value + 4u > a[1] && a[1] + 4u > s->vals[g].value)
                    reset_val(st, g);
        }
    }
}

/* ---- liveness ------------------------------------------------------ */

typedef struct live_state {
    tcg_ctx *s;
    tcg_opt_val *v;
    uint32_t barrier, exit_gen;
    bool keep_temps;
} live_state;

static bool is_temp(const tcg_ctx *s, tcg_val v)
{
    return v < s->n_vals && s->vals[v].kind == TCG_VAL_TEMP;
}

static bool is_global(const tcg_ctx *s, tcg_val v)
{
    return v < s->n_globals;
}

static bool is_live(live_state *ls, tcg_val v)
{
    if (v == TCG_VAL_NONE || v >= ls->s->n_vals)
        return false;
    tcg_opt_val *o = &ls->v[v];
    if (is_global(ls->s, v))
        return o->live;
    if (!is_temp(ls->s, v))
        return true;                          /* malformed: keep */
    if (ls->keep_temps)
        return true;
    return (o->live && o->live_gen == ls->exit_gen) || (o->seen_use && ls->barrier > o->seen_barrier);
}

static void use(live_state *ls, tcg_val v)
{
    if (v == TCG_VAL_NONE || v >= ls->s->n_vals)
        return;
    tcg_opt_val *o = &ls->v[v];
    if (is_global(ls->s, v)) {
        o->live = 1;
    } else if (is_temp(ls->s, v)) {
        o->live = 1;
        o->live_gen = ls->exit_gen;
        if (!o->seen_use) {
            o->seen_use = 1;
            o->seen_barrier = ls->barrier;
        }
    }
}

static void kill(live_state *ls, tcg_val v)
{
    if (v == TCG_VAL_NONE || v >= ls->s->n_vals)
        return;
    if (is_global(ls->s, v) || is_temp(ls->s, v))
        ls->v[v].live = 0;
}

static void all_globals_live(live_state *ls)
{
    for (tcg_val g = 0; g < ls->s->n_globals; g++)
        ls->v[g].live = 1;
}

static void backward_pass(tcg_ctx *s)
{
    live_state ls = { s, s->opt_vals, 0, 1, false };
    for (tcg_val v = 0; v < s->n_vals; v++) {
        ls.v[v].live = 0;
        ls.v[v].live_gen = 0;
        ls.v[v].seen_use = 0;
        ls.v[v].seen_barrier = 0;
    }
    /* a backward branch makes temps loop-carried: keep them all */
    uint32_t *pos = s->opt_label_pos;
    for (uint32_t l = 0; l < s->n_labels; l++)
        pos[l] = UINT32_MAX;
    for (uint32_t i = 0; i < s->n_ops; i++) {
        const tcg_op *op = &s->ops[i];
        if (op->opc == TCG_OP_set_label && op->args[0] < s->n_labels)
            pos[op->args[0]] = i;
        uint32_t l = op->opc == TCG_OP_br ? op->args[0] : op->opc == TCG_OP_brcond ? op->args[3] : UINT32_MAX;
        if (l < s->n_labels && pos[l] != UINT32_MAX)
            ls.keep_temps = true;
    }
    all_globals_live(&ls);

    for (uint32_t i = s->n_ops; i-- > 0;) {
        tcg_op *op = &s->ops[i];
        const tcg_op_def *def = &tcg_op_defs[op->opc];
        const uint32_t *a = op->args;
        switch (op->opc) {
        case TCG_OP_exit_tb: case TCG_OP_goto_tb:
            all_globals_live(&ls);
            ls.exit_gen++;
            continue;
        case TCG_OP_set_label:
            ls.barrier++;
            continue;
        case TCG_OP_br:
            ls.barrier++;
            ls.exit_gen++;
            all_globals_live(&ls);
            continue;
        case TCG_OP_brcond:
            ls.barrier++;
            all_globals_live(&ls);
            use(&ls, a[0]);
            use(&ls, a[1]);
            continue;
        case TCG_OP_insn_start:
            continue;
        case TCG_OP_call: {
            uint32_t h = a[5];
            uint32_t fl = h < s->n_helpers ? s->helpers[h].flags : 0;
            if ((fl & TCG_CALL_PURE) && !is_live(&ls, a[0])) {
                op->opc = TCG_OP_COUNT;          /* removed */
                continue;
            }
            kill(&ls, a[0]);
            if (!(fl & (TCG_CALL_NO_RWG | TCG_CALL_PURE)))
                all_globals_live(&ls);
            for (int k = 1; k <= 4; k++)
                use(&ls, a[k]);
            continue;
        }
        default:
            break;
        }
        if (!(def->flags & TCG_OPF_SIDE_EFFECTS) && def->n_out > 0) {
            bool any = false;
            for (unsigned k = 0; k < def->n_out; k++)
                any |= is_live(&ls, a[k]);
            if (!any) {
                op->opc = TCG_OP_COUNT;
                continue;
            }
        }
        /* a double-word op whose high half nobody reads is its 32-bit
         * form (ARM ADDS/Thumb ADDS whose carry the next flag setter
         * overwrites) */
        if ((op->opc == TCG_OP_add2 || op->opc == TCG_OP_sub2 || op->opc == TCG_OP_mulu2 ||
             op->opc == TCG_OP_muls2) && !is_live(&ls, a[1])) {
            bool dw = op->opc == TCG_OP_add2 || op->opc == TCG_OP_sub2;
            tcg_op n = { .opc = (uint16_t)(op->opc == TCG_OP_add2 ? TCG_OP_add
                                         : op->opc == TCG_OP_sub2 ? TCG_OP_sub : TCG_OP_mul) };
            n.args[0] = a[0];
            n.args[1] = a[2];
            n.args[2] = dw ? a[4] : a[3];
            *op = n;
            def = &tcg_op_defs[op->opc];
        }
        for (unsigned k = 0; k < def->n_out; k++)
            kill(&ls, a[k]);
        if (def->flags & TCG_OPF_CAN_FAULT)
            all_globals_live(&ls);
        if (op->opc == TCG_OP_ld_env) {
            for (tcg_val g = 0; g < s->n_globals; g++)
                if (s->vals[g].value + 4u > a[1] && a[1] + 4u > s->vals[g].value)
                    ls.v[g].live = 1;
        }
        for (unsigned k = 0; k < def->n_in; k++)
            use(&ls, a[def->n_out + k]);
    }

    uint32_t n = 0;
    for (uint32_t i = 0; i < s->n_ops; i++)
        if (s->ops[i].opc != TCG_OP_COUNT)
            s->ops[n++] = s->ops[i];
    s->n_ops = n;
}

/* ---- copy coalescing ----------------------------------------------------- */

/* Ops that end the straight-line window a value may be moved across. */
static bool coalesce_barrier(const tcg_op *op)
{
    const tcg_op_def *d = &tcg_op_defs[op->opc];
    return (d->flags & (TCG_OPF_BB_START | TCG_OPF_BB_END | TCG_OPF_CAN_FAULT)) ||
           op->opc == TCG_OP_ld_env || op->opc == TCG_OP_st_env;
}

static bool op_reads(const tcg_op *op, tcg_val v)
{
    const tcg_op_def *d = &tcg_op_defs[op->opc];
    for (unsigned k = 0; k < d->n_in; k++)
        if (op->args[d->n_out + k] == v)
            return true;
    return false;
}

static bool op_writes(const tcg_op *op, tcg_val v)
{
    const tcg_op_def *d = &tcg_op_defs[op->opc];
    for (unsigned k = 0; k < d->n_out; k++)
        if (op->args[k] == v)
            return true;
    return false;
}

static void op_rename_in(tcg_op *op, tcg_val from, tcg_val to)
{
    const tcg_op_def *d = &tcg_op_defs[op->opc];
    for (unsigned k = 0; k < d->n_in; k++)
        if (op->args[d->n_out + k] == from)
            op->args[d->n_out + k] = to;
}

/* A call that may change globals (helpers without NO_RWG/NO_WG). */
static bool writes_globals(const tcg_ctx *s, const tcg_op *op)
{
    if (op->opc == TCG_OP_st_env)
        return true;
    if (op->opc != TCG_OP_call)
        return false;
    uint32_t h = op->args[5];
    return h >= s->n_helpers || !(s->helpers[h].flags & (TCG_CALL_NO_RWG | TCG_CALL_NO_WG));
}

#define COALESCE_BACK   32u    /* how far back the temp's definition may be */
#define COALESCE_AHEAD  512u   /* how far its later uses may reach          */

/*
 * "t = f(...); ...; mov G, t; ... uses of t" becomes "G = f(...); ...;
 * ... uses of G" when that cannot be observed:
 *   - t is a temp with a single definition (not a call) and the TB has no
 *     backward branch, so every use of t sees that definition;
 *   - between the definition and the mov: no label, branch, exit, op that
 *     may fault (a fault must see G's old value), env access, nor any
 *     other access to G;
 *   - after the mov, up to t's last use: nothing writes G (no op with G as
 *     output, no call that may write globals, no st_env).
 * Backends then keep one register for G instead of a temp plus a copy
 * (front ends compute into temps and copy to guest registers so operands
 * that alias the destination stay valid).
 */
static void coalesce_pass(tcg_ctx *s)
{
    tcg_opt_val *v = s->opt_vals;
    /* gen: definitions of a temp; seq: index of its last use */
    for (tcg_val x = 0; x < s->n_vals; x++) {
        v[x].gen = 0;
        v[x].seq = 0;
    }
    for (uint32_t l = 0; l < s->n_labels; l++)
        s->opt_label_pos[l] = UINT32_MAX;
    for (uint32_t i = 0; i < s->n_ops; i++) {
        const tcg_op *op = &s->ops[i];
        const tcg_op_def *d = &tcg_op_defs[op->opc];
        for (unsigned k = 0; k < d->n_out; k++)
            if (is_temp(s, op->args[k]))
                v[op->args[k]].gen++;
        for (unsigned k = 0; k < d->n_in; k++)
            if (is_temp(s, op->args[d->n_out + k]))
                v[op->args[d->n_out + k]].seq = i;
        if (op->opc == TCG_OP_set_label && op->args[0] < s->n_labels)
            s->opt_label_pos[op->args[0]] = i;
        uint32_t l = op->opc == TCG_OP_br ? op->args[0] : op->opc == TCG_OP_brcond ? op->args[3] : UINT32_MAX;
        if (l < s->n_labels && s->opt_label_pos[l] != UINT32_MAX)
            return;                           /* backward branch: leave as is */
    }
    bool changed = false;
    for (uint32_t i = 0; i < s->n_ops; i++) {
        tcg_op *mv = &s->ops[i];
        if (mv->opc != TCG_OP_mov)
            continue;
        tcg_val g = mv->args[0], t = mv->args[1];
        /* (t read only by the mov itself: still worth it, "G = G + 1"
         * then updates G's register in place instead of copying) */
        if (!is_global(s, g) || !is_temp(s, t) || v[t].gen != 1 || v[t].seq < i ||
            v[t].seq - i > COALESCE_AHEAD)
            continue;
        uint32_t j = i;
        bool ok = true;
        for (uint32_t k = i; k-- > 0 && i - k <= COALESCE_BACK;) {
            const tcg_op *op = &s->ops[k];
            if (op_writes(op, t)) {
                j = k;
                break;
            }
            if (coalesce_barrier(op) || op_reads(op, g) || op_writes(op, g)) {
                ok = false;
                break;
            }
        }
        if (!ok || j == i || s->ops[j].opc == TCG_OP_call)
            continue;
        for (uint32_t k = i + 1; k < v[t].seq && ok; k++)
            ok = !op_writes(&s->ops[k], g) && !writes_globals(s, &s->ops[k]);
        if (!ok)
            continue;
        tcg_op *def = &s->ops[j];
        for (unsigned k = 0; k < tcg_op_defs[def->opc].n_out; k++)
            if (def->args[k] == t)
                def->args[k] = g;
        for (uint32_t k = j + 1; k <= v[t].seq; k++)
            op_rename_in(&s->ops[k], t, g);
        mv->opc = TCG_OP_COUNT;               /* removed below */
        v[t].gen = 0;
        changed = true;
    }
    if (!changed)
        return;
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->n_ops; i++)
        if (s->ops[i].opc != TCG_OP_COUNT)
            s->ops[n++] = s->ops[i];
    s->n_ops = n;
}

void tcg_optimize(tcg_ctx *s)
{
    if (s->n_ops == 0)
        return;
    opt_state st = { s, s->opt_vals, 0, 0, 0, false };
    /* a fresh generation base: stale state from earlier TBs is ignored */
    for (tcg_val v = 0; v < s->n_vals; v++)
        s->opt_vals[v].gen = 0;
    st.gen = 1;
    for (uint32_t l = 0; l < s->n_labels; l++)
        s->opt_label_refs[l] = 0;
    for (uint32_t i = 0; i < s->n_ops; i++) {
        const tcg_op *op = &s->ops[i];
        uint32_t l = op->opc == TCG_OP_br ? op->args[0] : op->opc == TCG_OP_brcond ? op->args[3] : UINT32_MAX;
        if (l < s->n_labels)
            s->opt_label_refs[l]++;
    }
    forward_pass(&st);
    memcpy(s->ops, s->opt_ops, st.n_out * sizeof(tcg_op));
    s->n_ops = st.n_out;
    backward_pass(s);
    coalesce_pass(s);
}
