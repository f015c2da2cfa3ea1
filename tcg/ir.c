/*
 * The IR: op table, translation context, value/label allocation, the
 * emitter, constant evaluation (tcg_fold) and the readable op dump.
 *
 * Invariants:
 *   - values [0, n_globals) are globals and survive tcg_ctx_reset; temps
 *     and constants are appended after them for one TB;
 *   - constants are deduplicated per TB through const_hash (an open-
 *     addressed table of value index + 1), so equal constants share one
 *     value and the optimizer can compare operands by index;
 *   - no table ever overflows: when one is full, ctx->overflow is set and
 *     a harmless value/label/op is returned; the CPU loop retranslates the
 *     TB with fewer guest instructions.
 */
#include <stdio.h>
#include <string.h>

#include "sem.h"
#include "tcg.h"

const tcg_op_def tcg_op_defs[TCG_OP_COUNT] = {
#define DEF(name, oargs, iargs, cargs, flags) { #name, oargs, iargs, cargs, flags },
#include "tcg-ops.def"
};

void tcg_ctx_init(tcg_ctx *s)
{
    s->n_vals = 0;
    s->n_globals = 0;
    s->n_helpers = 0;
    tcg_ctx_reset(s);
}

void tcg_ctx_reset(tcg_ctx *s)
{
    s->n_vals = s->n_globals;
    s->n_temps = 0;
    s->n_ops = 0;
    s->n_labels = 0;
    s->overflow = false;
    memset(s->const_hash, 0, sizeof(s->const_hash));
}

tcg_val tcg_global(tcg_ctx *s, size_t env_offset, const char *name)
{
    /* globals are registered at CPU creation, before any TB */
    if (s->n_globals >= TCG_MAX_GLOBALS || s->n_vals != s->n_globals) {
        s->overflow = true;
        return 0;
    }
    tcg_val v = s->n_globals++;
    s->vals[v] = (tcg_val_info){ .kind = TCG_VAL_GLOBAL, .value = (uint32_t)env_offset, .name = name };
    s->n_vals = s->n_globals;
    return v;
}

uint32_t tcg_helper_register(tcg_ctx *s, tcg_helper_fn fn, const char *name, uint32_t flags)
{
    for (uint32_t i = 0; i < s->n_helpers; i++)
        if (s->helpers[i].fn == fn)
            return i;
    if (s->n_helpers >= TCG_MAX_HELPERS) {
        s->overflow = true;
        return 0;
    }
    s->helpers[s->n_helpers] = (tcg_helper_info){ fn, name, flags };
    return s->n_helpers++;
}

static tcg_val new_val(tcg_ctx *s, uint8_t kind, uint32_t value)
{
    if (s->n_vals >= TCG_MAX_VALS) {
        s->overflow = true;
        /* Any existing value keeps the emitter going; the TB is discarded. */
        return 0;
    }
    tcg_val v = s->n_vals++;
    s->vals[v] = (tcg_val_info){ .kind = kind, .value = value, .name = NULL };
    return v;
}

tcg_val tcg_temp(tcg_ctx *s)
{
    tcg_val v = new_val(s, TCG_VAL_TEMP, s->n_temps);
    if (!s->overflow)
        s->n_temps++;
    return v;
}

tcg_val tcg_const(tcg_ctx *s, uint32_t c)
{
    uint32_t h = (c * 0x9e3779b1u) >> (32 - 10);
    for (uint32_t probe = 0; probe < 16; probe++) {
        uint32_t slot = (h + probe) & (TCG_CONST_HASH - 1);
        uint32_t e = s->const_hash[slot];
        if (e == 0) {
            if (s->n_vals >= TCG_MAX_VALS)
                break;
            tcg_val v = new_val(s, TCG_VAL_CONST, c);
            s->const_hash[slot] = v + 1;
            return v;
        }
        if (s->vals[e - 1].value == c)
            return e - 1;
    }
    /* table crowded: an undeduplicated constant is still correct */
    return new_val(s, TCG_VAL_CONST, c);
}

uint32_t tcg_label(tcg_ctx *s)
{
    if (s->n_labels >= TCG_MAX_LABELS) {
        s->overflow = true;
        return 0;
    }
    return s->n_labels++;
}

tcg_op *tcg_emit(tcg_ctx *s, tcg_opcode opc, const uint32_t *args)
{
    tcg_op *op;
    if (s->n_ops >= TCG_MAX_OPS) {
        s->overflow = true;
        op = &s->overflow_op;
    } else {
        op = &s->ops[s->n_ops++];
    }
    op->opc = (uint16_t)opc;
    memcpy(op->args, args, sizeof(op->args));
    return op;
}

void tcg_gen_call(tcg_ctx *s, uint32_t helper, tcg_val ret, tcg_val a0, tcg_val a1, tcg_val a2, tcg_val a3)
{
    tcg_val a[4] = { a0, a1, a2, a3 };
    for (int i = 0; i < 4; i++)
        if (a[i] == TCG_VAL_NONE)
            a[i] = tcg_const(s, 0);
    TCG_EMIT_(s, TCG_OP_call, ret, a[0], a[1], a[2], a[3], helper);
}

bool tcg_cond_eval(tcg_cond c, uint32_t a, uint32_t b)
{
    return tcg_sem_cond(c, a, b) != 0;
}

bool tcg_fold(tcg_opcode opc, const uint32_t *in, const uint32_t *cargs, uint32_t *out)
{
    if ((unsigned)opc >= TCG_OP_COUNT || tcg_op_defs[opc].n_in == 0)
        return false;
    /* read only as many inputs as the op has: callers size `in` by it */
    uint32_t a = in[0], b = tcg_op_defs[opc].n_in > 1 ? in[1] : 0;
    switch (opc) {
    case TCG_OP_mov:     out[0] = a; return true;
    case TCG_OP_add:     out[0] = a + b; return true;
    case TCG_OP_sub:     out[0] = a - b; return true;
    case TCG_OP_mul:     out[0] = a * b; return true;
    case TCG_OP_and:     out[0] = a & b; return true;
    case TCG_OP_or:      out[0] = a | b; return true;
    case TCG_OP_xor:     out[0] = a ^ b; return true;
    case TCG_OP_andc:    out[0] = a & ~b; return true;
    case TCG_OP_shl:     out[0] = tcg_sem_shl(a, b); return true;
    case TCG_OP_shr:     out[0] = tcg_sem_shr(a, b); return true;
    case TCG_OP_sar:     out[0] = tcg_sem_sar(a, b); return true;
    case TCG_OP_rotr:    out[0] = tcg_sem_rotr(a, b); return true;
    case TCG_OP_neg:     out[0] = 0u - a; return true;
    case TCG_OP_not:     out[0] = ~a; return true;
    case TCG_OP_clz:     out[0] = tcg_sem_clz(a); return true;
    case TCG_OP_ext8s:   out[0] = tcg_sem_ext8s(a); return true;
    case TCG_OP_ext8u:   out[0] = a & 0xffu; return true;
    case TCG_OP_ext16s:  out[0] = tcg_sem_ext16s(a); return true;
    case TCG_OP_ext16u:  out[0] = a & 0xffffu; return true;
    case TCG_OP_bswap32: out[0] = __builtin_bswap32(a); return true;
    case TCG_OP_setcond: out[0] = (uint32_t)tcg_sem_cond((tcg_cond)cargs[0], a, b); return true;
    case TCG_OP_movcond: out[0] = tcg_sem_cond((tcg_cond)cargs[0], a, b) ? in[2] : in[3]; return true;
    case TCG_OP_mulu2:   tcg_sem_mulu2(&out[0], &out[1], a, b); return true;
    case TCG_OP_muls2:   tcg_sem_muls2(&out[0], &out[1], a, b); return true;
    case TCG_OP_add2:    tcg_sem_add2(&out[0], &out[1], in[0], in[1], in[2], in[3]); return true;
    case TCG_OP_sub2:    tcg_sem_sub2(&out[0], &out[1], in[0], in[1], in[2], in[3]); return true;
    default:             return false;
    }
}

/* ---- dump ------------------------------------------------------------ */

static const char *const cond_names[] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt", [TCG_COND_GE] = "ge", [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu", [TCG_COND_LEU] = "leu", [TCG_COND_GTU] = "gtu",
};

static int val_str(const tcg_ctx *s, tcg_val v, char *buf, size_t len)
{
    if (v == TCG_VAL_NONE)
        return snprintf(buf, len, "-");
    if (v >= s->n_vals)
        return snprintf(buf, len, "?%u", v);
    const tcg_val_info *vi = &s->vals[v];
    switch (vi->kind) {
    case TCG_VAL_GLOBAL:
        if (vi->name)
            return snprintf(buf, len, "%s", vi->name);
        return snprintf(buf, len, "env+%u", vi->value);
    case TCG_VAL_TEMP:
        return snprintf(buf, len, "tmp%u", vi->value);
    default:
        return snprintf(buf, len, "$0x%x", vi->value);
    }
}

char *tcg_dump_op(const tcg_ctx *s, const tcg_op *op, char *buf, size_t len)
{
    const tcg_op_def *d = &tcg_op_defs[op->opc];
    size_t n = 0;
#define PUT(...) do { int r_ = snprintf(buf + n, n < len ? len - n : 0, __VA_ARGS__); \
                      if (r_ > 0) n += (size_t)r_; } while (0)
    buf[0] = 0;
    if (op->opc == TCG_OP_insn_start) {
        PUT(" ---- %08x cycles=%u data=%x", op->args[0], op->args[1], op->args[2]);
        return buf;
    }
    if (op->opc == TCG_OP_set_label) {
        PUT("$L%u:", op->args[0]);
        return buf;
    }
    PUT(" %s ", d->name);
    if (op->opc == TCG_OP_call) {
        uint32_t h = op->args[5];
        PUT("%s", h < s->n_helpers && s->helpers[h].name ? s->helpers[h].name : "?");
    }
    unsigned nv = d->n_out + d->n_in;
    for (unsigned i = 0; i < nv; i++) {
        char vb[48];
        val_str(s, op->args[i], vb, sizeof(vb));
        PUT("%s%s", (i || op->opc == TCG_OP_call) ? "," : "", vb);
    }
    for (unsigned i = 0; i < d->n_const; i++) {
        uint32_t c = op->args[nv + i];
        const char *sep = (nv || i) ? "," : "";
        switch (op->opc) {
        case TCG_OP_setcond: case TCG_OP_movcond:
            PUT("%s%s", sep, c < 12 ? cond_names[c] : "?");
            break;
        case TCG_OP_brcond:
            if (i == 0)
                PUT("%s%s", sep, c < 12 ? cond_names[c] : "?");
            else
                PUT("%s$L%u", sep, c);
            break;
        case TCG_OP_br:
            PUT("%s$L%u", sep, c);
            break;
        case TCG_OP_call:
            break;               /* helper name printed first */
        case TCG_OP_qemu_ld: case TCG_OP_qemu_st: {
            static const char *const sz[] = { "ub", "uw", "ul", "?", "sb", "sw", "sl", "?" };
            PUT("%s%s%s,idx%u", sep, sz[c & 7u], (c & TCG_MO_ALIGN_ROT) ? "rot" : "",
                c >> TCG_MO_IDX_SHIFT);
            break;
        }
        default:
            PUT("%s$0x%x", sep, c);
            break;
        }
    }
#undef PUT
    return buf;
}

void tcg_dump_ops(const tcg_ctx *s, void *file)
{
    FILE *f = file;
    char buf[256];
    for (uint32_t i = 0; i < s->n_ops; i++)
        fprintf(f, "%s\n", tcg_dump_op(s, &s->ops[i], buf, sizeof(buf)));
}
