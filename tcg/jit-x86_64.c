/*
 * The x86-64 JIT backend ("jit"): IR ops become host code in the
 * executable TB arena (tb-cache.c maps it W^X: written through one
 * mapping, run through another).
 *
 * Registers.  rbp holds env (the CPU struct), r12 the TB cache (TB temps
 * spill to c->jit_temps[], chain checks read c->jit_gate).  rax, rcx
 * and rdx are scratch inside one op.  The other ten registers are
 * allocated to IR values within a TB (callee-saved ones first, so values
 * survive helper calls).  A value is either in memory (globals: env;
 * temps: jit_temps; constants: the immediate), or in a register, clean or
 * dirty.  Inputs are loaded into registers on first use and stay there;
 * outputs are written to registers and marked dirty.
 *
 * Invariants:
 *   - at a label every value is in memory (stores before it, all register
 *     bindings dropped at it); before a branch dirty live values are
 *     stored (the fall-through keeps its clean bindings);
 *   - at TB exits and before helper calls that read globals, dirty
 *     globals are stored; after helpers that may write globals, bindings
 *     of globals are dropped;
 *   - liveness: temp last uses are computed per TB; a temp past its last
 *     use is never stored (if the TB branches backwards every temp is
 *     treated as live to the end);
 *   - the TLB fast path is inline (index, tag compare including "does
 *     not cross the page", host addend, access); the slow path is out of
 *     line (emitted into a side buffer and appended after the TB's code):
 *     it stores the dirty globals so a fault sees exact guest state, saves
 *     live caller-saved registers, sets cur_tb/cur_insn, and calls
 *     tcg_tlb_ld_slow / tcg_tlb_st_slow.  Pages holding code, MMIO and DMI
 *     with latency carry flag bits in their tags, so they always miss;
 *   - exceptions leave with siglongjmp from the C slow path or helper to
 *     tcg_cpu_exec's frame: the JIT frame is simply abandoned (it holds no
 *     state that needs unwinding); cur_tb/cur_insn are stored before every
 *     call, so the guest PC and cycle count are restored exactly;
 *   - accounting as the interpreter: a completed TB adds tb->cycles and
 *     tb->icount at its exit; a chained goto_tb then runs the checks of
 *     tcg_chain_next before jumping directly to the next TB's code: the
 *     budget and ONE 64-bit compare of
 *     c->jit_gate with the chain's TLB generation.  jit_gate holds
 *     tlb_gen in its low word and "the loop has work" (tcg_exit_pending:
 *     interrupt, stop, exit, deferred flush, instruction limit) in its
 *     high word; it is computed on entry (jit_exec) and after every call
 *     into C (helpers, memory slow paths: sync_exit_request), the only
 *     code that can change those conditions while generated code runs;
 *   - cycles: while generated code runs, the cycle count lives in
 *     c->jit_cycles_rel (cycles minus the budget's end, negative until the
 *     budget is spent): a TB exit adds its cycles there and the sign flag
 *     of that add is the budget check.  cpu->cycles is written before every
 *     call into C (put_cycles) and on the way back to the loop (jit_exec),
 *     and re-read after each call (stalls);
 *   - exit_tb (indirect branches, returns, cross-page jumps) calls
 *     tcg_jit_lookup, which applies the loop's conditions, probes the
 *     per-CPU jump cache and returns the next TB's code to jump to (QEMU's
 *     lookup_and_goto_ptr); only a miss or a pending condition goes back
 *     to the CPU loop;
 *   - the code behind an exit (chain checks and patchable jump, or the
 *     lookup) is emitted inline at the first exit through that slot;
 *   - TCG_MO_ALIGN_ROT loads compare the address's low two bits with the
 *     TLB tag too (tag flags sit above bit 2), so a misaligned address
 *     takes the slow path, which rotates (tcg_tlb_ld_slow);
 *   - moves into globals that stay live in another register, and
 *     constants into globals, are stored at once instead of occupying a
 *     second register until the exit.
 *
 * TB layout in the arena: a jit_tb header (patch sites for chaining), then
 * the code, then the out-of-line slow paths.  tb->code points to the header.
 */
#if defined(__x86_64__)

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "debug.h"
#include "jit-x86_64-asm.h"
#include "sem.h"

#ifdef TCG_HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

#define R_ENV X_RBP
#define R_TBS X_R12

/* frame below the six pushed callee-saved registers */
#define FRAME_ARGS 0          /* 4 x u32: helper arguments staged here */
#define FRAME_SAVE 16         /* 8 bytes per register number            */
#define FRAME_SIZE (16 + 16 * 8 + 8)

static const int8_t alloc_order[] = { X_RBX, X_R13, X_R14, X_R15, X_RSI, X_RDI,
                                      X_R8, X_R9, X_R10, X_R11 };
#define N_ALLOC ((int)sizeof(alloc_order))
#define CALLER_SAVED ((1u << X_RSI) | (1u << X_RDI) | (1u << X_R8) | (1u << X_R9) | \
                      (1u << X_R10) | (1u << X_R11))

#define OP_MARGIN   512u       /* room one op (or slow path, or the stubs) may need:
                                    the largest, a call, is about 250 bytes */
#define SIDE_SIZE   (512u << 10)
#define MAX_CODE    (4u << 20)
#define MAX_RELOCS  4096u

typedef struct jit_tb {
    uint32_t code_size;        /* bytes of code after this header        */
    uint32_t jmp_site[2];      /* rel32 of the chain jump, 0: no slot     */
    uint32_t gen_site[2];      /* imm32 of the TLB generation check       */
    uint32_t exit_off[2];      /* unchained target: the slot's exit       */
    uint32_t pad;
} jit_tb;

typedef struct reloc {
    uint32_t site;             /* rel32 position                          */
    uint32_t target;           /* label id or offset                      */
    uint8_t kind;              /* RL_*                                    */
} reloc;
enum { RL_LABEL, RL_MAIN_TO_SIDE, RL_SIDE_TO_MAIN, RL_STUB };
enum { STUB_CHAIN0, STUB_CHAIN1, STUB_EXIT, STUB_COUNT };

typedef struct jit_state {
    uintptr_t (*enter)(tcg_cpu *cpu, tcg_tb_cache *c, const void *code);
    const uint8_t *epilogue_rx;
    /* per-compile scratch */
    int32_t val_reg[TCG_MAX_VALS];
    uint8_t val_dirty[TCG_MAX_VALS];
    int32_t last_use[TCG_MAX_VALS];
    int32_t reg_val[16];
    uint32_t reg_stamp[16];
    int32_t label_pos[TCG_MAX_LABELS];
    reloc relocs[MAX_RELOCS];
    uint32_t n_relocs;
    uint8_t side[SIDE_SIZE];
} jit_state;

typedef struct jcc {
    tcg_cpu *cpu;
    tcg_ctx *ctx;
    tcg_tb *tb;
    jit_state *js;
    xbuf m, s;                 /* main code, side (slow paths)          */
    uint8_t *m0, *mend;
    uint32_t op;               /* index of the op being compiled        */
    uint32_t stamp;
    uint16_t locked;
    int32_t insn;              /* current guest instruction index, -1   */
    bool reachable;
    bool overflow;
    int32_t stub_pos[STUB_COUNT];
    bool stub_used[STUB_COUNT];
    jit_tb *hdr;               /* patch sites of this TB                */
} jcc;

static jit_state *jstate(tcg_cpu *cpu) { return cpu->backend->priv; }

/* ---- values ----------------------------------------------------------- */

static bool v_const(const jcc *c, tcg_val v) { return c->ctx->vals[v].kind == TCG_VAL_CONST; }
static bool v_global(const jcc *c, tcg_val v) { return c->ctx->vals[v].kind == TCG_VAL_GLOBAL; }
static bool v_temp(const jcc *c, tcg_val v) { return c->ctx->vals[v].kind == TCG_VAL_TEMP; }
static uint32_t v_cval(const jcc *c, tcg_val v) { return c->ctx->vals[v].value; }

static void v_mem(const jcc *c, tcg_val v, int *base, int32_t *disp)
{
    const tcg_val_info *vi = &c->ctx->vals[v];
    if (vi->kind == TCG_VAL_GLOBAL) {
        *base = R_ENV;
        *disp = (int32_t)vi->value;
    } else {
        *base = R_TBS;
        *disp = (int32_t)(offsetof(tcg_tb_cache, jit_temps) + 4u * vi->value);
    }
}

/* the value may still be read: by a later op, or by the current one (an
 * input not loaded yet may be evicted while the op loads another) */
static bool v_live_after(const jcc *c, tcg_val v)
{
    return !v_temp(c, v) || c->js->last_use[v] >= (int32_t)c->op;
}

/* ---- register file ------------------------------------------------------ */

static void reg_unbind(jcc *c, int r)
{
    int32_t v = c->js->reg_val[r];
    if (v >= 0)
        c->js->val_reg[v] = -1;
    c->js->reg_val[r] = -1;
}

/* write a dirty value back (if anyone can still read it from memory;
 * at a branch, the branch itself reads its operands from registers) */
static void reg_store_ex(jcc *c, xbuf *b, int r, bool this_op_reads_reg)
{
    jit_state *js = c->js;
    int32_t v = js->reg_val[r];
    if (v < 0 || !js->val_dirty[v])
        return;
    if (v_live_after(c, (tcg_val)v) &&
        !(this_op_reads_reg && v_temp(c, (tcg_val)v) && js->last_use[v] == (int32_t)c->op)) {
        int base;
        int32_t disp;
        v_mem(c, (tcg_val)v, &base, &disp);
        x_st32(b, r, base, disp);
    }
    js->val_dirty[v] = 0;
}

static void reg_store(jcc *c, xbuf *b, int r) { reg_store_ex(c, b, r, false); }

static int reg_alloc(jcc *c, uint16_t exclude)
{
    jit_state *js = c->js;
    uint16_t busy = exclude | c->locked;
    int best = -1;
    for (int i = 0; i < N_ALLOC; i++) {
        int r = alloc_order[i];
        if (busy & (1u << r))
            continue;
        if (js->reg_val[r] < 0)
            return r;
        /* victim: clean before dirty, then least recently used */
        if (best < 0)
            best = r;
        else {
            bool bd = js->val_dirty[js->reg_val[best]], rd = js->val_dirty[js->reg_val[r]];
            if ((bd && !rd) || (bd == rd && js->reg_stamp[r] < js->reg_stamp[best]))
                best = r;
        }
    }
    if (best < 0) {
        fprintf(stderr, "tcg jit: out of registers\n");
        abort();
    }
    reg_store(c, &c->m, best);
    reg_unbind(c, best);
    return best;
}

static void reg_bind(jcc *c, int r, tcg_val v, bool dirty)
{
    jit_state *js = c->js;
    if (js->reg_val[r] >= 0 && js->reg_val[r] != (int32_t)v)
        js->val_reg[js->reg_val[r]] = -1;
    if (js->val_reg[v] >= 0 && js->val_reg[v] != r)
        js->reg_val[js->val_reg[v]] = -1;
    js->reg_val[r] = (int32_t)v;
    js->val_reg[v] = r;
    js->val_dirty[v] = dirty;
    js->reg_stamp[r] = ++c->stamp;
}

/* v in a register (loaded if needed), locked for the current op */
static int load(jcc *c, tcg_val v)
{
    jit_state *js = c->js;
    int r = js->val_reg[v];
    if (r < 0) {
        r = reg_alloc(c, 0);
        if (v_const(c, v)) {
            x_mov_ri(&c->m, r, v_cval(c, v));
        } else {
            int base;
            int32_t disp;
            v_mem(c, v, &base, &disp);
            x_ld32(&c->m, r, base, disp);
        }
        reg_bind(c, r, v, false);
    }
    js->reg_stamp[r] = ++c->stamp;
    c->locked |= (uint16_t)(1u << r);
    return r;
}

/* the op's output register: reuse `src`'s register when src is the output
 * itself or a temp that dies here and is not read again by this op */
static int out_reg(jcc *c, tcg_val d, int src_reg, tcg_val src, bool src_other_use)
{
    if (src_reg >= 0 && src != TCG_VAL_NONE &&
        (src == d || (v_temp(c, src) && !src_other_use && c->js->last_use[src] <= (int32_t)c->op)))
        return src_reg;
    return reg_alloc(c, 0);
}

/* after an op: drop dead temps, bind the output */
static void finish(jcc *c, tcg_val d, int dr)
{
    jit_state *js = c->js;
    if (d != TCG_VAL_NONE && dr >= 0)
        reg_bind(c, dr, d, true);
    for (int i = 0; i < N_ALLOC; i++) {
        int r = alloc_order[i];
        int32_t v = js->reg_val[r];
        if (v >= 0 && v_temp(c, (tcg_val)v) && js->last_use[v] <= (int32_t)c->op) {
            js->val_dirty[v] = 0;
            reg_unbind(c, r);
        }
    }
    c->locked = 0;
}

/* store dirty globals (to buffer b) without changing bindings' state
 * (mark_clean false: used on slow paths that may return) */
static void store_globals(jcc *c, xbuf *b, bool mark_clean)
{
    jit_state *js = c->js;
    for (int i = 0; i < N_ALLOC; i++) {
        int r = alloc_order[i];
        int32_t v = js->reg_val[r];
        if (v >= 0 && js->val_dirty[v] && v_global(c, (tcg_val)v)) {
            int base;
            int32_t disp;
            v_mem(c, (tcg_val)v, &base, &disp);
            x_st32(b, r, base, disp);
            if (mark_clean)
                js->val_dirty[v] = 0;
        }
    }
}

/* store every dirty live value; drop: forget all bindings too */
static void flush_regs(jcc *c, bool drop)
{
    for (int i = 0; i < N_ALLOC; i++) {
        int r = alloc_order[i];
        reg_store_ex(c, &c->m, r, !drop);
        if (drop)
            reg_unbind(c, r);
    }
}

static void drop_globals(jcc *c)
{
    for (int i = 0; i < N_ALLOC; i++) {
        int r = alloc_order[i];
        int32_t v = c->js->reg_val[r];
        if (v >= 0 && v_global(c, (tcg_val)v))
            reg_unbind(c, r);
    }
}

/* ---- relocations ---------------------------------------------------------- */

static void add_reloc(jcc *c, uint32_t site, uint32_t target, uint8_t kind)
{
    jit_state *js = c->js;
    if (js->n_relocs >= MAX_RELOCS) {
        c->overflow = true;
        return;
    }
    js->relocs[js->n_relocs++] = (reloc){ site, target, kind };
}

static uint32_t m_off(const jcc *c) { return (uint32_t)(c->m.p - c->m0); }
static uint32_t s_off(const jcc *c) { return (uint32_t)(c->s.p - c->js->side); }

/* ---- calls ------------------------------------------------------------------ */

static void set_cur(jcc *c, xbuf *b)
{
    x_mov_ri64(b, X_RAX, (uintptr_t)c->tb);
    x_rm(b, XF_W, 0x89, X_RAX, R_ENV, -1, 0, (int32_t)offsetof(tcg_cpu, cur_tb));
    const tcg_insn_data *in = (c->insn >= 0 && c->tb->insns) ? &c->tb->insns[c->insn] : NULL;
    x_mov_ri64(b, X_RAX, (uintptr_t)in);
    x_rm(b, XF_W, 0x89, X_RAX, R_ENV, -1, 0, (int32_t)offsetof(tcg_cpu, cur_insn));
}

static void call_abs(xbuf *b, const void *fn)
{
    x_rr(b, XF_W, 0x89, R_ENV, X_RDI);               /* mov rdi, rbp */
    x_mov_ri64(b, X_RAX, (uintptr_t)fn);
    x_rr(b, 0, 0xff, 2, X_RAX);                      /* call rax */
}

/* After a call into C: re-read the cycle count and recompute the chain
 * gate c->jit_gate (tcg_exit_pending, tlb_gen) with rcx and rdx, leaving
 * rax (the call's result) alone.
 * Helpers and memory slow paths are the only C code that runs inside
 * generated code, so the gate is exact at every goto_tb and exit_tb. */
/* cpu->cycles = base + rel, before a call into C (clobbers rcx) */
static void put_cycles(xbuf *b)
{
    x_rm(b, XF_W, 0x8b, X_RCX, R_TBS, -1, 0, (int32_t)offsetof(tcg_tb_cache, jit_cycles_rel));
    x_rm(b, XF_W, 0x03, X_RCX, R_TBS, -1, 0, (int32_t)offsetof(tcg_tb_cache, jit_cycles_base));
    x_rm(b, XF_W, 0x89, X_RCX, R_ENV, -1, 0, (int32_t)offsetof(tcg_cpu, cycles));
}

static void sync_exit_request(xbuf *b)
{
    const int32_t gate = (int32_t)offsetof(tcg_tb_cache, jit_gate);
    /* the callee may have added stall cycles: rel = cycles - base */
    x_rm(b, XF_W, 0x8b, X_RCX, R_ENV, -1, 0, (int32_t)offsetof(tcg_cpu, cycles));
    x_rm(b, XF_W, 0x2b, X_RCX, R_TBS, -1, 0, (int32_t)offsetof(tcg_tb_cache, jit_cycles_base));
    x_rm(b, XF_W, 0x89, X_RCX, R_TBS, -1, 0, (int32_t)offsetof(tcg_tb_cache, jit_cycles_rel));
    x_ld32(b, X_RCX, R_ENV, (int32_t)offsetof(tcg_cpu, interrupt_request));
    x_rm(b, XF_BR, 0x0a, X_RCX, R_ENV, -1, 0, (int32_t)offsetof(tcg_cpu, stop_request));
    x_rm(b, XF_BR, 0x0a, X_RCX, R_ENV, -1, 0, (int32_t)offsetof(tcg_cpu, exited));
    x_rm(b, XF_BR, 0x0a, X_RCX, R_TBS, -1, 0, (int32_t)offsetof(tcg_tb_cache, flush_pending));
    x_rm(b, XF_BR, 0x0a, X_RCX, R_TBS, -1, 0, (int32_t)offsetof(tcg_tb_cache, jit_icount_limited));
    x_rr(b, 0, 0x85, X_RCX, X_RCX);                                  /* test ecx, ecx */
    x_rr(b, XF_BM, 0x0f90 + X_CC_NE, 0, X_RCX);                      /* setne cl      */
    x_rr(b, XF_BM, 0x0fb6, X_RCX, X_RCX);                            /* movzx ecx, cl */
    x_rr(b, XF_W, 0xc1, X_SHL, X_RCX);                               /* shl rcx, 32   */
    x_b1(b, 32);
    x_ld32(b, X_RDX, R_TBS, (int32_t)offsetof(tcg_tb_cache, tlb_gen));
    x_rr(b, XF_W, 0x0b, X_RCX, X_RDX);                               /* or rcx, rdx   */
    /* one 64-bit store, so the chain check's 64-bit load is forwarded */
    x_rm(b, XF_W, 0x89, X_RCX, R_TBS, -1, 0, gate);
}

/* caller-saved registers bound to values, except `keep_out` */
static uint16_t live_caller_saved(jcc *c, int except)
{
    uint16_t m = 0;
    for (int r = 0; r < 16; r++)
        if ((CALLER_SAVED & (1u << r)) && r != except && c->js->reg_val[r] >= 0)
            m |= (uint16_t)(1u << r);
    return m;
}

static void save_regs(xbuf *b, uint16_t m, bool restore)
{
    for (int r = 0; r < 16; r++)
        if (m & (1u << r))
            x_rm(b, XF_W, restore ? 0x8b : 0x89, r, X_RSP, -1, 0, FRAME_SAVE + 8 * r);
}

/* ---- ops ---------------------------------------------------------------------- */

static int cc_of(tcg_cond cond)
{
    static const int8_t map[] = {
        [TCG_COND_EQ] = X_CC_E, [TCG_COND_NE] = X_CC_NE, [TCG_COND_LT] = X_CC_L,
        [TCG_COND_GE] = X_CC_GE, [TCG_COND_LE] = X_CC_LE, [TCG_COND_GT] = X_CC_G,
        [TCG_COND_LTU] = X_CC_B, [TCG_COND_GEU] = X_CC_AE, [TCG_COND_LEU] = X_CC_BE,
        [TCG_COND_GTU] = X_CC_A,
    };
    return map[cond];
}

static tcg_cond cond_swap(tcg_cond cond)
{
    switch (cond) {
    case TCG_COND_LT: return TCG_COND_GT;
    case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;
    case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default: return cond;
    }
}

/* cmp a, b (a in a register); returns the x86 condition for `cond`, which
 * may be swapped when a is a constant */
static int emit_cmp(jcc *c, tcg_val a, tcg_val b, tcg_cond cond)
{
    if (v_const(c, a) && !v_const(c, b)) {
        tcg_val t = a;
        a = b;
        b = t;
        cond = cond_swap(cond);
    }
    int ra = load(c, a);
    if (v_const(c, b))
        x_alu_ri(&c->m, X_CMP, ra, v_cval(c, b));
    else
        x_alu_rr(&c->m, X_CMP, ra, load(c, b));
    return cc_of(cond);
}

/* d = const */
static void gen_movi(jcc *c, tcg_val d, uint32_t v)
{
    if (v_global(c, d)) {
        /* a guest register or flag set to a constant ("pc = next" before
         * an exit, "C = 1"): store it now rather than tie up a register
         * until the exit; the optimizer has already propagated the
         * constant into later reads */
        if (c->js->val_reg[d] >= 0)
            reg_unbind(c, c->js->val_reg[d]);
        x_st32i(&c->m, R_ENV, (int32_t)c->ctx->vals[d].value, v);
        finish(c, TCG_VAL_NONE, -1);
        return;
    }
    int r = c->js->val_reg[d] >= 0 ? c->js->val_reg[d] : reg_alloc(c, 0);
    x_mov_ri(&c->m, r, v);
    finish(c, d, r);
}

/* Is global d written again in this basic block (within a short
 * window)?  Then a register copy is cheaper than storing it now: the
 * value would be dead before any exit. */
static bool rewritten_soon(const jcc *c, tcg_val d)
{
    const tcg_ctx *s = c->ctx;
    for (uint32_t i = c->op + 1; i < s->n_ops && i <= c->op + 32; i++) {
        const tcg_op *op = &s->ops[i];
        const tcg_op_def *def = &tcg_op_defs[op->opc];
        if (def->flags & (TCG_OPF_BB_START | TCG_OPF_BB_END))
            return false;
        for (unsigned k = 0; k < def->n_out; k++)
            if (op->args[k] == d)
                return true;
    }
    return false;
}

static void gen_mov(jcc *c, tcg_val d, tcg_val a)
{
    if (d == a) {
        finish(c, TCG_VAL_NONE, -1);
        return;
    }
    if (v_const(c, a)) {
        gen_movi(c, d, v_cval(c, a));
        return;
    }
    int ra = load(c, a);
    int r;
    if (v_temp(c, a) && c->js->last_use[a] <= (int32_t)c->op) {
        r = ra;                                  /* a dies: rename */
    } else if (v_global(c, d) && !rewritten_soon(c, d)) {
        /* a stays live in its register: store the copy (one store, as at
         * the exit) instead of duplicating the value into a second register */
        if (c->js->val_reg[d] >= 0)
            reg_unbind(c, c->js->val_reg[d]);
        x_st32(&c->m, ra, R_ENV, (int32_t)c->ctx->vals[d].value);
        finish(c, TCG_VAL_NONE, -1);
        return;
    } else {
        r = c->js->val_reg[d] >= 0 && c->js->val_reg[d] != ra ? c->js->val_reg[d] : reg_alloc(c, 0);
        x_mov_rr(&c->m, r, ra);
    }
    finish(c, d, r);
}

static bool commutative(tcg_opcode opc)
{
    return opc == TCG_OP_add || opc == TCG_OP_mul || opc == TCG_OP_and || opc == TCG_OP_or ||
           opc == TCG_OP_xor;
}

static void gen_binary(jcc *c, tcg_opcode opc, tcg_val d, tcg_val a, tcg_val b)
{
    xbuf *m = &c->m;
    if (commutative(opc) && (v_const(c, a) ||
                             (b != d && v_temp(c, b) && c->js->last_use[b] <= (int32_t)c->op &&
                              c->js->val_reg[b] >= 0 && a != d))) {
        tcg_val t = a;
        a = b;
        b = t;
    }
    int ra = v_const(c, a) ? -1 : load(c, a);
    int rb = v_const(c, b) ? -1 : load(c, b);
    uint32_t bi = rb < 0 ? v_cval(c, b) : 0;
    int r = out_reg(c, d, ra, a, a == b);
    if (r != ra) {
        if (ra < 0)
            x_mov_ri(m, r, v_cval(c, a));
        else
            x_mov_rr(m, r, ra);
    }
    switch (opc) {
    case TCG_OP_add: case TCG_OP_sub: case TCG_OP_and: case TCG_OP_or: case TCG_OP_xor: {
        int op = opc == TCG_OP_add ? X_ADD : opc == TCG_OP_sub ? X_SUB : opc == TCG_OP_and ? X_AND
               : opc == TCG_OP_or ? X_OR : X_XOR;
        if (rb < 0)
            x_alu_ri(m, op, r, bi);
        else
            x_alu_rr(m, op, r, rb);
        break;
    }
    case TCG_OP_andc:
        if (rb < 0) {
            x_alu_ri(m, X_AND, r, ~bi);
        } else {
            x_mov_rr(m, X_RAX, rb);
            x_rr(m, 0, 0xf7, 2, X_RAX);              /* not eax */
            x_alu_rr(m, X_AND, r, X_RAX);
        }
        break;
    case TCG_OP_mul:
        if (rb < 0) {
            x_rr(m, 0, 0x69, r, r);                  /* imul r, r, imm32 */
            x_b4(m, bi);
        } else {
            x_rr(m, 0, 0x0faf, r, rb);
        }
        break;
    default: {                                       /* shifts: count mod 32 */
        int op = opc == TCG_OP_shl ? X_SHL : opc == TCG_OP_shr ? X_SHR : opc == TCG_OP_sar ? X_SAR : X_ROR;
        if (rb < 0) {
            if (bi & 31u)
                x_shift_ri(m, op, r, bi & 31u);
        } else {
            x_mov_rr(m, X_RCX, rb);
            x_rr(m, 0, 0xd3, op, r);
        }
        break;
    }
    }
    finish(c, d, r);
}

static void gen_unary(jcc *c, tcg_opcode opc, tcg_val d, tcg_val a)
{
    xbuf *m = &c->m;
    int ra = load(c, a);
    int r;
    switch (opc) {
    case TCG_OP_neg: case TCG_OP_not: case TCG_OP_bswap32:
        r = out_reg(c, d, ra, a, false);
        x_mov_rr(m, r, ra);
        if (opc == TCG_OP_bswap32) {
            x_prefix(m, 0, 0, 0, r);
            x_b1(m, 0x0f);
            x_b1(m, 0xc8u + (unsigned)(r & 7));
        } else {
            x_rr(m, 0, 0xf7, opc == TCG_OP_neg ? 3 : 2, r);
        }
        break;
    case TCG_OP_clz:
        x_rr(m, 0, 0x0fbd, X_RAX, ra);               /* bsr eax, a     */
        x_mov_ri(m, X_RDX, 63);
        x_rr(m, 0, 0x0f40 + X_CC_E, X_RAX, X_RDX);   /* cmovz eax, edx */
        x_alu_ri(m, X_XOR, X_RAX, 31);
        r = out_reg(c, d, ra, a, false);
        x_mov_rr(m, r, X_RAX);
        break;
    default: {
        uint32_t opc2 = opc == TCG_OP_ext8s ? 0x0fbe : opc == TCG_OP_ext8u ? 0x0fb6
                      : opc == TCG_OP_ext16s ? 0x0fbf : 0x0fb7;
        r = out_reg(c, d, ra, a, false);
        x_rr(m, (opc == TCG_OP_ext8s || opc == TCG_OP_ext8u) ? XF_BM : 0, opc2, r, ra);
        break;
    }
    }
    finish(c, d, r);
}

static void gen_setcond(jcc *c, tcg_val d, tcg_val a, tcg_val b, tcg_cond cond)
{
    if (cond == TCG_COND_NEVER || cond == TCG_COND_ALWAYS) {
        gen_movi(c, d, cond == TCG_COND_ALWAYS);
        return;
    }
    int cc = emit_cmp(c, a, b, cond);
    x_rr(&c->m, XF_BM, 0x0f90 + (uint32_t)cc, 0, X_RAX);   /* setcc al */
    int r = reg_alloc(c, 0);
    x_rr(&c->m, XF_BM, 0x0fb6, r, X_RAX);                   /* movzx r, al */
    finish(c, d, r);
}

static void gen_movcond(jcc *c, tcg_val d, tcg_val c1, tcg_val c2, tcg_val v1, tcg_val v2, tcg_cond cond)
{
    if (cond == TCG_COND_NEVER || cond == TCG_COND_ALWAYS) {
        gen_mov(c, d, cond == TCG_COND_ALWAYS ? v1 : v2);
        return;
    }
    int r1 = load(c, v1);
    int r2 = v_const(c, v2) ? -1 : load(c, v2);
    bool other = v2 == c1 || v2 == c2 || v2 == v1;
    int r = out_reg(c, d, r2, v2, other);
    if (r != r2) {
        if (r2 < 0)
            x_mov_ri(&c->m, r, v_cval(c, v2));
        else
            x_mov_rr(&c->m, r, r2);
    }
    c->locked |= (uint16_t)(1u << r);
    int cc = emit_cmp(c, c1, c2, cond);
    x_rr(&c->m, 0, 0x0f40 + (uint32_t)cc, r, r1);          /* cmovcc r, v1 */
    finish(c, d, r);
}

/* eax = value of v (any kind) */
static void to_scratch(jcc *c, int sr, tcg_val v)
{
    if (v_const(c, v))
        x_mov_ri(&c->m, sr, v_cval(c, v));
    else
        x_mov_rr(&c->m, sr, load(c, v));
}

static void alu_any(jcc *c, int op, int dr, tcg_val v)
{
    if (v_const(c, v))
        x_alu_ri(&c->m, op, dr, v_cval(c, v));
    else
        x_alu_rr(&c->m, op, dr, load(c, v));
}

/* outputs of the double-word ops come from eax (lo) and edx (hi) */
static void bind_pair(jcc *c, tcg_val lo, tcg_val hi)
{
    int rl = reg_alloc(c, 0);
    x_mov_rr(&c->m, rl, X_RAX);
    c->locked |= (uint16_t)(1u << rl);
    int rh = reg_alloc(c, 0);
    x_mov_rr(&c->m, rh, X_RDX);
    reg_bind(c, rl, lo, true);
    reg_bind(c, rh, hi, true);
    finish(c, TCG_VAL_NONE, -1);
}

static void gen_dword(jcc *c, const tcg_op *op)
{
    xbuf *m = &c->m;
    const uint32_t *a = op->args;
    switch (op->opc) {
    case TCG_OP_mulu2: case TCG_OP_muls2:
        for (int k = 0; k < 2; k++) {
            int sr = k ? X_RDX : X_RAX;
            tcg_val v = a[2 + k];
            if (v_const(c, v)) {
                if (op->opc == TCG_OP_muls2) {
                    x_rr(m, XF_W, 0xc7, 0, sr);          /* mov r64, simm32 */
                    x_b4(m, v_cval(c, v));
                } else {
                    x_mov_ri(m, sr, v_cval(c, v));
                }
            } else if (op->opc == TCG_OP_muls2) {
                x_rr(m, XF_W, 0x63, sr, load(c, v));     /* movsxd */
            } else {
                x_mov_rr(m, sr, load(c, v));
            }
        }
        x_rr(m, XF_W, 0x0faf, X_RAX, X_RDX);             /* imul rax, rdx */
        x_rr(m, XF_W, 0x89, X_RAX, X_RDX);               /* mov rdx, rax  */
        x_rr(m, XF_W, 0xc1, X_SHR, X_RDX);               /* shr rdx, 32   */
        x_b1(m, 32);
        break;
    default:
        to_scratch(c, X_RAX, a[2]);
        to_scratch(c, X_RDX, a[3]);
        alu_any(c, op->opc == TCG_OP_add2 ? X_ADD : X_SUB, X_RAX, a[4]);
        alu_any(c, op->opc == TCG_OP_add2 ? X_ADC : X_SBB, X_RDX, a[5]);
        break;
    }
    bind_pair(c, a[0], a[1]);
}

/* globals overlapping env bytes [off, off+4) */
static bool overlaps(const jcc *c, tcg_val g, uint32_t off)
{
    uint32_t go = c->ctx->vals[g].value;
    return go < off + 4u && off < go + 4u;
}

static void gen_ld_env(jcc *c, tcg_val d, uint32_t off)
{
    for (tcg_val g = 0; g < c->ctx->n_globals; g++) {
        int r = c->js->val_reg[g];
        if (r >= 0 && overlaps(c, g, off))
            reg_store(c, &c->m, r);
    }
    int r = reg_alloc(c, 0);
    x_ld32(&c->m, r, R_ENV, (int32_t)off);
    finish(c, d, r);
}

static void gen_st_env(jcc *c, tcg_val a, uint32_t off)
{
    int ra = v_const(c, a) ? -1 : load(c, a);
    for (tcg_val g = 0; g < c->ctx->n_globals; g++) {
        int r = c->js->val_reg[g];
        if (r >= 0 && overlaps(c, g, off))
            reg_store(c, &c->m, r);
    }
    if (ra < 0)
        x_st32i(&c->m, R_ENV, (int32_t)off, v_cval(c, a));
    else
        x_st32(&c->m, ra, R_ENV, (int32_t)off);
    for (tcg_val g = 0; g < c->ctx->n_globals; g++) {
        int r = c->js->val_reg[g];
        if (r >= 0 && overlaps(c, g, off))
            reg_unbind(c, r);
    }
    finish(c, TCG_VAL_NONE, -1);
}

static void gen_call(jcc *c, const tcg_op *op)
{
    xbuf *m = &c->m;
    const uint32_t *a = op->args;
    uint32_t h = a[5];
    if (h >= c->ctx->n_helpers) {
        finish(c, TCG_VAL_NONE, -1);
        return;
    }
    const tcg_helper_info *hi = &c->ctx->helpers[h];
    /* stage the arguments: sources may sit in argument registers */
    for (int k = 0; k < 4; k++) {
        tcg_val v = a[1 + k];
        int32_t disp = FRAME_ARGS + 4 * k;
        if (v == TCG_VAL_NONE || v_const(c, v))
            x_st32i(m, X_RSP, disp, v == TCG_VAL_NONE ? 0 : v_cval(c, v));
        else
            x_st32(m, load(c, v), X_RSP, disp);
    }
    c->locked = 0;
    if (!(hi->flags & TCG_CALL_NO_RWG))
        store_globals(c, m, true);
    /* caller-saved registers do not survive the call */
    for (int r = 0; r < 16; r++) {
        if (CALLER_SAVED & (1u << r)) {
            reg_store(c, m, r);
            reg_unbind(c, r);
        }
    }
    set_cur(c, m);
    put_cycles(m);
    x_ld32(m, X_RSI, X_RSP, FRAME_ARGS + 0);
    x_ld32(m, X_RDX, X_RSP, FRAME_ARGS + 4);
    x_ld32(m, X_RCX, X_RSP, FRAME_ARGS + 8);
    x_ld32(m, X_R8, X_RSP, FRAME_ARGS + 12);
    call_abs(m, (const void *)hi->fn);
    sync_exit_request(m);
    if (!(hi->flags & (TCG_CALL_NO_RWG | TCG_CALL_NO_WG)))
        drop_globals(c);
    int r = -1;
    if (a[0] != TCG_VAL_NONE && !v_const(c, a[0])) {
        r = reg_alloc(c, 0);
        x_mov_rr(m, r, X_RAX);
    }
    finish(c, r >= 0 ? a[0] : TCG_VAL_NONE, r);
}

/* guest memory: inline TLB hit path, out-of-line miss path */
static void gen_qemu(jcc *c, const tcg_op *op, bool is_st)
{
    xbuf *m = &c->m, *s = &c->s;
    const uint32_t *a = op->args;
    uint32_t memop = a[2];
    unsigned sz = memop & TCG_MO_SIZE;
    if (sz == 3)
        sz = TCG_MO_32;
    unsigned size = 1u << sz;
    int mmu = (int)((memop >> TCG_MO_IDX_SHIFT) & (TCG_NB_MMU_MODES - 1));
    tcg_val addr = is_st ? a[1] : a[1], val = is_st ? a[0] : TCG_VAL_NONE;
    int ra = load(c, addr);
    int rv = -1;
    if (is_st && !v_const(c, val))
        rv = load(c, val);
    int rd = is_st ? -1 : reg_alloc(c, 0);
    if (rd >= 0)
        c->locked |= (uint16_t)(1u << rd);

    int32_t tlb = (int32_t)(offsetof(tcg_cpu, tlb) + (size_t)mmu * TCG_TLB_SIZE * sizeof(tcg_tlb_entry));
    int32_t tag = tlb + (int32_t)(is_st ? offsetof(tcg_tlb_entry, addr_write) : offsetof(tcg_tlb_entry, addr_read));
    int32_t add = tlb + (int32_t)offsetof(tcg_tlb_entry, addend);
    _Static_assert(sizeof(tcg_tlb_entry) == 32, "TLB entry is 32 bytes");
    _Static_assert(TCG_PAGE_BITS >= 5, "entry offset from the page number by one shift");

    /* ecx = byte offset of the entry: page number * 32, masked */
    x_mov_rr(m, X_RCX, ra);
    x_shift_ri(m, X_SHR, X_RCX, TCG_PAGE_BITS - 5);
    x_alu_ri(m, X_AND, X_RCX, (TCG_TLB_SIZE - 1u) << 5);
    if (!is_st && (memop & TCG_MO_ALIGN_ROT)) {
        /* aligned only: the low address bits take part in the compare,
         * a misaligned address misses and the slow path rotates */
        x_mov_rr(m, X_RDX, ra);
        x_alu_ri(m, X_AND, X_RDX, TCG_PAGE_MASK | 3u);
    } else {
        if (size > 1)
            x_rm(m, 0, 0x8d, X_RDX, ra, -1, 0, (int32_t)size - 1); /* lea edx, [a+size-1] */
        else
            x_mov_rr(m, X_RDX, ra);
        x_alu_ri(m, X_AND, X_RDX, TCG_PAGE_MASK);
    }
    x_rm(m, 0, 0x3b, X_RDX, R_ENV, X_RCX, 0, tag);            /* cmp edx, [tag] */
    x_jcc32(m, X_CC_NE);
    add_reloc(c, m_off(c) - 4, s_off(c), RL_MAIN_TO_SIDE);
    x_rm(m, XF_W, 0x8b, X_RDX, R_ENV, X_RCX, 0, add);         /* mov rdx, [addend] */
    if (is_st) {
        unsigned f = sz == TCG_MO_16 ? XF_66 : 0;
        if (rv < 0) {
            uint32_t imm = v_cval(c, val);
            x_rm(m, f, sz == TCG_MO_8 ? 0xc6 : 0xc7, 0, X_RDX, ra, 0, 0);
            if (sz == TCG_MO_8)
                x_b1(m, imm);
            else if (sz == TCG_MO_16) {
                x_b1(m, imm);
                x_b1(m, imm >> 8);
            } else
                x_b4(m, imm);
        } else {
            x_rm(m, f | (sz == TCG_MO_8 ? XF_BR : 0), sz == TCG_MO_8 ? 0x88 : 0x89, rv, X_RDX, ra, 0, 0);
        }
    } else {
        bool sign = (memop & TCG_MO_SIGN) != 0;
        uint32_t opc = sz == TCG_MO_8 ? (sign ? 0x0fbe : 0x0fb6)
                     : sz == TCG_MO_16 ? (sign ? 0x0fbf : 0x0fb7) : 0x8b;
        x_rm(m, 0, opc, rd, X_RDX, ra, 0, 0);
    }
    uint32_t resume = m_off(c);

    /* slow path */
    store_globals(c, s, false);
    uint16_t saved = live_caller_saved(c, rd);
    save_regs(s, saved, false);
    set_cur(c, s);
    put_cycles(s);
    x_mov_rr(s, X_RAX, ra);
    if (is_st) {
        if (rv < 0)
            x_mov_ri(s, X_RCX, v_cval(c, val));
        else
            x_mov_rr(s, X_RCX, rv);
        x_mov_rr(s, X_RSI, X_RAX);
        x_mov_rr(s, X_RDX, X_RCX);
        x_mov_ri(s, X_RCX, memop);
        call_abs(s, (const void *)tcg_tlb_st_slow);
    } else {
        x_mov_rr(s, X_RSI, X_RAX);
        x_mov_ri(s, X_RDX, memop);
        call_abs(s, (const void *)tcg_tlb_ld_slow);
    }
    sync_exit_request(s);        /* MMIO may raise an interrupt or stop */
    save_regs(s, saved, true);
    if (rd >= 0)
        x_mov_rr(s, rd, X_RAX);
    x_jmp32(s);
    add_reloc(c, s_off(c) - 4, resume, RL_SIDE_TO_MAIN);
    finish(c, is_st ? TCG_VAL_NONE : a[0], rd);
}

static const void *tcg_jit_lookup(tcg_cpu *cpu);

/* The code behind a TB exit, emitted inline at the first exit through it
 * (later exits through the same slot jump here).  Chain slots: the checks
 * of tcg_chain_next, then the patchable direct jump (jit_chain) or, while
 * unchained, the return to the loop.  exit_tb: the inline TB lookup. */
static void emit_stub(jcc *c, int st)
{
    xbuf *m = &c->m;
    jit_tb *hdr = c->hdr;
    const uint8_t *epi = c->js->epilogue_rx;
    ptrdiff_t delta = c->cpu->tbs->exec_delta;
    c->stub_pos[st] = (int32_t)m_off(c);
    if (st != STUB_EXIT) {
        int slot = st == STUB_CHAIN1;
        uint8_t *to_exit[2];
        /* the budget (the sign left by the exit's add to jit_cycles_rel:
         * nothing between that add and here touches the flags), then one
         * 64-bit compare of jit_gate with the
         * chain's TLB generation (patched in by jit_chain; sign-extended,
         * so a generation >= 2^31 never matches and the exit simply goes
         * through the loop), which also fails while the loop has
         * something to do */
        x_jcc32(m, X_CC_NS);              /* cycles_rel >= 0: budget reached */
        to_exit[0] = m->p - 4;
        x_rm(m, XF_W, 0x81, X_CMP, R_TBS, -1, 0, (int32_t)offsetof(tcg_tb_cache, jit_gate));
        hdr->gen_site[slot] = m_off(c);
        x_b4(m, 0x7fffffffu);             /* unchained: no generation matches */
        x_jcc32(m, X_CC_NE);
        to_exit[1] = m->p - 4;
        x_jmp32(m);
        hdr->jmp_site[slot] = m_off(c) - 4;
        hdr->exit_off[slot] = m_off(c);
        for (int k = 0; k < 2; k++)
            x_patch_rel32(to_exit[k], m->p);
        x_patch_rel32(m->p - 4, m->p);                        /* unchained */
        x_mov_ri64(m, X_RAX, (uintptr_t)c->tb | (uintptr_t)slot);
    } else {
        /* indirect exit: probe the jump cache (tcg_jit_lookup) and jump
         * straight to the next TB's code when the loop has nothing to do */
        call_abs(m, (const void *)tcg_jit_lookup);
        x_rr(m, XF_W, 0x85, X_RAX, X_RAX);                   /* test rax, rax */
        x_b1(m, 0x74);                                        /* jz +2 */
        x_b1(m, 2);
        x_rr(m, 0, 0xff, 4, X_RAX);                           /* jmp rax */
        x_mov_ri64(m, X_RAX, (uintptr_t)c->tb | 2u);
    }
    x_jmp32(m);
    int32_t rel = (int32_t)(epi - (m->p + delta));           /* in the executable view */
    memcpy(m->p - 4, &rel, 4);
}

/* TB exit: write globals back, charge the TB, leave through a stub */
static void gen_exit(jcc *c, int stub)
{
    xbuf *m = &c->m;
    store_globals(c, m, true);
    x_rm(m, XF_W, 0x81, X_ADD, R_ENV, -1, 0, (int32_t)offsetof(tcg_cpu, icount));
    x_b4(m, c->tb->icount);
    /* last: the chain check tests the sign this add leaves in the flags */
    x_rm(m, XF_W, 0x81, X_ADD, R_TBS, -1, 0, (int32_t)offsetof(tcg_tb_cache, jit_cycles_rel));
    x_b4(m, c->tb->cycles);
    if (!c->stub_used[stub]) {
        c->stub_used[stub] = true;
        emit_stub(c, stub);
    } else {
        x_jmp32(m);
        add_reloc(c, m_off(c) - 4, (uint32_t)stub, RL_STUB);
    }
    c->reachable = false;
}

static void gen_label_jump(jcc *c, int cc, uint32_t label)
{
    if (cc < 0)
        x_jmp32(&c->m);
    else
        x_jcc32(&c->m, cc);
    add_reloc(c, m_off(c) - 4, label, RL_LABEL);
}

static void gen_op(jcc *c, const tcg_op *op)
{
    const uint32_t *a = op->args;
    tcg_opcode opc = (tcg_opcode)op->opc;
    const tcg_op_def *def = &tcg_op_defs[opc];

    /* all inputs constant: fold at compile time (same semantics) */
    if (def->n_in && def->n_out && opc != TCG_OP_call && opc != TCG_OP_qemu_ld) {
        bool all = true;
        uint32_t in[6], out[2];
        for (unsigned k = 0; k < def->n_in; k++) {
            all = all && v_const(c, a[def->n_out + k]);
            if (all)
                in[k] = v_cval(c, a[def->n_out + k]);
        }
        if (all && tcg_fold(opc, in, &a[def->n_out + def->n_in], out)) {
            for (unsigned k = 0; k < def->n_out; k++)
                if (a[k] != TCG_VAL_NONE && !v_const(c, a[k]))
                    gen_movi(c, a[k], out[k]);
            return;
        }
    }
    switch (opc) {
    case TCG_OP_mov:
        gen_mov(c, a[0], a[1]);
        break;
    case TCG_OP_add: case TCG_OP_sub: case TCG_OP_mul: case TCG_OP_and: case TCG_OP_or:
    case TCG_OP_xor: case TCG_OP_andc: case TCG_OP_shl: case TCG_OP_shr: case TCG_OP_sar:
    case TCG_OP_rotr:
        gen_binary(c, opc, a[0], a[1], a[2]);
        break;
    case TCG_OP_neg: case TCG_OP_not: case TCG_OP_clz: case TCG_OP_ext8s: case TCG_OP_ext8u:
    case TCG_OP_ext16s: case TCG_OP_ext16u: case TCG_OP_bswap32:
        gen_unary(c, opc, a[0], a[1]);
        break;
    case TCG_OP_setcond:
        gen_setcond(c, a[0], a[1], a[2], (tcg_cond)a[3]);
        break;
    case TCG_OP_movcond:
        gen_movcond(c, a[0], a[1], a[2], a[3], a[4], (tcg_cond)a[5]);
        break;
    case TCG_OP_mulu2: case TCG_OP_muls2: case TCG_OP_add2: case TCG_OP_sub2:
        gen_dword(c, op);
        break;
    case TCG_OP_ld_env:
        gen_ld_env(c, a[0], a[1]);
        break;
    case TCG_OP_st_env:
        gen_st_env(c, a[0], a[1]);
        break;
    case TCG_OP_qemu_ld:
        gen_qemu(c, op, false);
        break;
    case TCG_OP_qemu_st:
        gen_qemu(c, op, true);
        break;
    case TCG_OP_call:
        gen_call(c, op);
        break;
    case TCG_OP_set_label:
        if (c->reachable) {
            flush_regs(c, true);
        } else {                              /* nothing flows in from above */
            for (int r = 0; r < 16; r++)
                reg_unbind(c, r);
        }
        if (a[0] < c->ctx->n_labels)
            c->js->label_pos[a[0]] = (int32_t)m_off(c);
        c->reachable = true;
        break;
    case TCG_OP_br:
        flush_regs(c, false);
        gen_label_jump(c, -1, a[0]);
        c->reachable = false;
        break;
    case TCG_OP_brcond: {
        tcg_cond cond = (tcg_cond)a[2];
        if (v_const(c, a[0]) && v_const(c, a[1]))
            cond = tcg_cond_eval(cond, v_cval(c, a[0]), v_cval(c, a[1])) ? TCG_COND_ALWAYS : TCG_COND_NEVER;
        if (cond == TCG_COND_NEVER) {
            finish(c, TCG_VAL_NONE, -1);
            break;
        }
        if (cond == TCG_COND_ALWAYS) {
            flush_regs(c, false);
            gen_label_jump(c, -1, a[3]);
            c->reachable = false;
            break;
        }
        /* load the operands first: the stores below must not be
         * separated from the jump by anything that sets flags */
        if (!v_const(c, a[0]))
            load(c, a[0]);
        if (!v_const(c, a[1]))
            load(c, a[1]);
        flush_regs(c, false);
        int cc = emit_cmp(c, a[0], a[1], cond);
        gen_label_jump(c, cc, a[3]);
        finish(c, TCG_VAL_NONE, -1);
        break;
    }
    case TCG_OP_insn_start: {
        uint32_t n = a[3];
        if (n >= c->tb->icount)
            n = c->tb->icount ? c->tb->icount - 1 : 0;
        c->insn = (int32_t)n;
        break;
    }
    case TCG_OP_goto_tb:
        gen_exit(c, (a[0] & 1u) ? STUB_CHAIN1 : STUB_CHAIN0);
        break;
    case TCG_OP_exit_tb:
        gen_exit(c, STUB_EXIT);
        break;
    default:
        break;
    }
}

/* ---- liveness ------------------------------------------------------------- */

static void compute_last_use(jcc *c)
{
    tcg_ctx *s = c->ctx;
    jit_state *js = c->js;
    for (uint32_t v = 0; v < s->n_vals; v++)
        js->last_use[v] = -1;
    bool backward = false;
    for (uint32_t l = 0; l < s->n_labels; l++)
        js->label_pos[l] = -1;
    for (uint32_t i = 0; i < s->n_ops; i++) {
        const tcg_op *op = &s->ops[i];
        const tcg_op_def *d = &tcg_op_defs[op->opc];
        for (unsigned k = 0; k < d->n_in; k++) {
            tcg_val v = op->args[d->n_out + k];
            if (v < s->n_vals)
                js->last_use[v] = (int32_t)i;
        }
        if (op->opc == TCG_OP_set_label && op->args[0] < s->n_labels)
            js->label_pos[op->args[0]] = (int32_t)i;
        uint32_t l = op->opc == TCG_OP_br ? op->args[0] : op->opc == TCG_OP_brcond ? op->args[3] : UINT32_MAX;
        if (l < s->n_labels && js->label_pos[l] >= 0)
            backward = true;
    }
    if (backward)
        for (uint32_t v = 0; v < s->n_vals; v++)
            js->last_use[v] = (int32_t)s->n_ops;
    for (uint32_t l = 0; l < s->n_labels; l++)
        js->label_pos[l] = -1;
}

/* ---- inline lookup for exit_tb -------------------------------------------------- */

static const uint8_t *code_rx(tcg_cpu *cpu, const tcg_tb *tb);

/* Called from generated code at exit_tb, after the TB was charged: the
 * executable code of the next TB when the loop would find it in the jump
 * cache and has nothing else to do at this boundary (QEMU's
 * lookup_and_goto_ptr); NULL sends the exit to the loop.  The conditions
 * are the loop's: budget, tcg_exit_pending, per-TB logging. */
static const void *tcg_jit_lookup(tcg_cpu *cpu)
{
    tcg_tb_cache *c = cpu->tbs;
    if ((c->jit_gate >> 32) || c->jit_cycles_rel >= 0 ||
        (cpu->log.mask & (TCG_LOG_EXEC | TCG_LOG_CPU | TCG_LOG_NOCHAIN)))
        return NULL;
    /* single-stepping: the loop counts every TB (tcg_debug_step_done) */
    if (tcg_debug_tb_cflags(cpu))
        return NULL;
    uint32_t pc, flags;
    const tcg_target_ops *t = cpu->target;
    if (t->jit_flags_offset) {
        /* the target keeps these exact while generated code runs */
        memcpy(&pc, (const char *)cpu + t->jit_pc_offset, sizeof(pc));
        memcpy(&flags, (const char *)cpu + t->jit_flags_offset, sizeof(flags));
    } else {
        t->get_tb_state(cpu, &pc, &flags);
    }
    tcg_tb *tb = c->jc[tcg_jc_hash(pc)];
    if (!tb || tb->pc != pc || tb->flags != flags || tb->invalid)
        return NULL;
    cpu->cur_tb = tb;
    cpu->cur_insn = NULL;
    c->stat_jit_lookups++;
    return code_rx(cpu, tb);
}

/* ---- compile -------------------------------------------------------------------- */

static bool jit_compile(tcg_cpu *cpu, tcg_ctx *ctx, tcg_tb *tb)
{
    jit_state *js = jstate(cpu);
    size_t got = 0;
    uint8_t *blk = tcg_tbs_alloc_rest(cpu, sizeof(jit_tb) + 4 * OP_MARGIN, MAX_CODE, &got);
    if (!blk)
        return false;
    jit_tb *hdr = (jit_tb *)blk;
    memset(hdr, 0, sizeof(*hdr));
    jcc c = {
        .cpu = cpu, .ctx = ctx, .tb = tb, .js = js,
        .m = { blk + sizeof(jit_tb) }, .s = { js->side },
        .m0 = blk + sizeof(jit_tb), .mend = blk + got,
        .insn = -1, .reachable = true, .hdr = hdr,
    };
    for (uint32_t v = 0; v < ctx->n_vals; v++) {
        js->val_reg[v] = -1;
        js->val_dirty[v] = 0;
    }
    for (int r = 0; r < 16; r++)
        js->reg_val[r] = -1;
    js->n_relocs = 0;
    compute_last_use(&c);

    for (uint32_t i = 0; i < ctx->n_ops && !c.overflow; i++) {
        const tcg_op *op = &ctx->ops[i];
        if ((size_t)(c.mend - c.m.p) < 2 * OP_MARGIN || (size_t)(js->side + SIDE_SIZE - c.s.p) < OP_MARGIN) {
            c.overflow = true;
            break;
        }
        c.op = i;
        if (!c.reachable && op->opc != TCG_OP_set_label)
            continue;
        gen_op(&c, op);
    }
    if (!c.overflow && c.reachable) {
        c.op = ctx->n_ops;
        gen_exit(&c, STUB_EXIT);             /* falling off the end leaves safely */
    }
    if (c.overflow || (size_t)(c.mend - c.m.p) < 3 * OP_MARGIN + (size_t)(c.s.p - js->side)) {
        tcg_tbs_trim(cpu, blk);
        return false;
    }
    /* the trailing "exit" for jumps to labels that were never placed */
    uint32_t missing = UINT32_MAX;
    /* append the slow paths */
    uint32_t side_at = m_off(&c);
    size_t side_len = (size_t)(c.s.p - js->side);
    memcpy(c.m.p, js->side, side_len);
    c.m.p += side_len;
    for (uint32_t k = 0; k < js->n_relocs; k++) {
        const reloc *r = &js->relocs[k];
        uint32_t site = r->site, target = 0;
        switch (r->kind) {
        case RL_LABEL:
            if (r->target < ctx->n_labels && js->label_pos[r->target] >= 0) {
                target = (uint32_t)js->label_pos[r->target];
            } else {
                if (missing == UINT32_MAX) {
                    missing = m_off(&c);
                    x_mov_ri64(&c.m, X_RAX, (uintptr_t)tb | 2u);
                    x_jmp32(&c.m);
                    int32_t rel = (int32_t)(js->epilogue_rx - (c.m.p + cpu->tbs->exec_delta));
                    memcpy(c.m.p - 4, &rel, 4);
                }
                target = missing;
            }
            break;
        case RL_MAIN_TO_SIDE: target = side_at + r->target; break;
        case RL_SIDE_TO_MAIN: site += side_at; target = r->target; break;
        default: target = (uint32_t)c.stub_pos[r->target]; break;
        }
        x_patch_rel32(c.m0 + site, c.m0 + target);
    }
    hdr->code_size = m_off(&c);
    tcg_tbs_trim(cpu, c.m.p);
    tb->code = hdr;
    return true;
}

/* ---- entry, exit, chaining ------------------------------------------------------- */

static const uint8_t *code_rx(tcg_cpu *cpu, const tcg_tb *tb)
{
    return (const uint8_t *)tb->code + sizeof(jit_tb) + cpu->tbs->exec_delta;
}

static tcg_exec_result jit_exec(tcg_cpu *cpu, tcg_tb *tb)
{
    jit_state *js = jstate(cpu);
    tcg_tb_cache *c = cpu->tbs;
    cpu->cur_tb = tb;
    cpu->cur_insn = NULL;
    c->jit_icount_limited = c->icount_limit != UINT64_MAX;
    c->jit_gate = (uint64_t)(tcg_exit_pending(cpu) != 0) << 32 | c->tlb_gen;
    uint64_t room = cpu->budget_end > cpu->cycles ? cpu->budget_end - cpu->cycles : 0;
    if (room > ((uint64_t)1 << 62))
        room = (uint64_t)1 << 62;         /* "no budget": still far from the sign */
    c->jit_cycles_base = cpu->cycles + room;
    c->jit_cycles_rel = -(int64_t)room;
    uintptr_t r = js->enter(cpu, c, code_rx(cpu, tb));
    cpu->cycles = c->jit_cycles_base + (uint64_t)c->jit_cycles_rel;
    cpu->cur_tb = NULL;
    cpu->cur_insn = NULL;
    tcg_tb *last = (tcg_tb *)(r & ~(uintptr_t)15);
    int slot = (int)(r & 15u);
    return (tcg_exec_result){ last, slot == 2 ? -1 : slot };
}

static void jit_chain(tcg_cpu *cpu, tcg_tb *src, int slot, tcg_tb *dst)
{
    jit_tb *h = src->code;
    if (!h || !h->jmp_site[slot])
        return;
    uint8_t *code = (uint8_t *)h + sizeof(jit_tb);
    memcpy(code + h->gen_site[slot], &src->jmp_gen[slot], 4);
    /* rel32 from the executable view of src to that of dst */
    const uint8_t *site_rx = code + h->jmp_site[slot] + cpu->tbs->exec_delta;
    int32_t rel = (int32_t)(code_rx(cpu, dst) - (site_rx + 4));
    memcpy(code + h->jmp_site[slot], &rel, 4);
}

static void jit_unchain(tcg_cpu *cpu, tcg_tb *src, int slot)
{
    jit_tb *h = src->code;
    if (!h || !h->jmp_site[slot])
        return;
    uint8_t *code = (uint8_t *)h + sizeof(jit_tb);
    x_patch_rel32(code + h->jmp_site[slot], code + h->exit_off[slot]);
}

static bool jit_init(tcg_cpu *cpu)
{
    jit_state *js = calloc(1, sizeof(jit_state));
    if (!js)
        return false;
    cpu->backend->priv = js;
    tcg_tb_cache *c = cpu->tbs;
    uint8_t *blk = tcg_tbs_alloc(cpu, 256);
    if (!blk || !c->exec)
        return false;
    xbuf b = { blk };
    static const int8_t saved[] = { X_RBP, X_RBX, X_R12, X_R13, X_R14, X_R15 };
    for (size_t i = 0; i < sizeof(saved); i++) {
        x_prefix(&b, 0, 0, 0, saved[i]);
        x_b1(&b, 0x50u + (unsigned)(saved[i] & 7));
    }
    x_rr(&b, XF_W, 0x81, X_SUB, X_RSP);
    x_b4(&b, FRAME_SIZE);
    x_rr(&b, XF_W, 0x89, X_RDI, R_ENV);
    x_rr(&b, XF_W, 0x89, X_RSI, R_TBS);
    x_rr(&b, 0, 0xff, 4, X_RDX);                    /* jmp rdx */
    uint8_t *epi = b.p;
    x_rr(&b, XF_W, 0x81, X_ADD, X_RSP);
    x_b4(&b, FRAME_SIZE);
    for (size_t i = sizeof(saved); i-- > 0;) {
        x_prefix(&b, 0, 0, 0, saved[i]);
        x_b1(&b, 0x58u + (unsigned)(saved[i] & 7));
    }
    x_b1(&b, 0xc3);
    js->enter = (uintptr_t (*)(tcg_cpu *, tcg_tb_cache *, const void *))(void *)(blk + c->exec_delta);
    js->epilogue_rx = epi + c->exec_delta;
    c->arena_floor = c->arena_used;
    return true;
}

static void jit_destroy(tcg_cpu *cpu)
{
    free(cpu->backend->priv);
    cpu->backend->priv = NULL;
}

static void jit_dump(tcg_cpu *cpu, const tcg_tb *tb, FILE *f)
{
    const jit_tb *h = tb->code;
    const uint8_t *code = (const uint8_t *)h + sizeof(jit_tb);
    uint64_t rx = (uint64_t)(uintptr_t)code_rx(cpu, tb);
    fprintf(f, "OUT: [size=%u] jit code at 0x%llx for pc=%08x\n", h->code_size,
            (unsigned long long)rx, tb->pc);
#ifdef TCG_HAVE_CAPSTONE
    csh cs;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) == CS_ERR_OK) {
        cs_insn *insn = NULL;
        size_t n = cs_disasm(cs, code, h->code_size, rx, 0, &insn);
        for (size_t i = 0; i < n; i++)
            fprintf(f, "  0x%llx:  %-8s %s\n", (unsigned long long)insn[i].address, insn[i].mnemonic,
                    insn[i].op_str);
        if (n)
            cs_free(insn, n);
        cs_close(&cs);
        fprintf(f, "\n");
        return;
    }
#endif
    for (uint32_t i = 0; i < h->code_size; i++)
        fprintf(f, "%s%02x", i % 16 ? " " : (i ? "\n  " : "  "), code[i]);
    fprintf(f, "\n\n");
}

const tcg_backend_ops tcg_jit_x86_64_backend = {
    .name = "jit",
    .init = jit_init,
    .destroy = jit_destroy,
    .compile = jit_compile,
    .exec = jit_exec,
    .chain = jit_chain,
    .unchain = jit_unchain,
    .dump = jit_dump,
    .exec_arena = true,
};

#endif
