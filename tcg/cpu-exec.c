/*
 * The CPU loop: find or translate the next TB, run it, handle what made
 * it stop (exceptions, interrupts, halts, stop requests, the budget).
 *
 * Flow (tcg_cpu_exec): sigsetjmp once; exceptions raised inside a TB (or
 * while translating) siglongjmp back here, after the raising function has
 * charged the partial TB.  At the loop top, in order: reclaim a deferred
 * TB flush; deliver exception_index (>= 0: target->do_interrupt; HALTED:
 * halt; EXIT: return STOP); stop_request / exited -> STOP; halted ->
 * HALTED unless tcg_cpu_has_work (a pending interrupt the target's
 * has_work hook accepts, if it has one, wakes it);
 * target->exec_interrupt when interrupt_request != 0; budget -> BUDGET;
 * max_insns -> STOP (with exited set).  Then: PC and flags from
 * target->get_tb_state, the jump cache, else the physical PC through the
 * TLB exec path and the hash, else translate; chain the previous TB's
 * goto_tb slot to it (unless -d nochain); run it.
 *
 * Cycle and instruction accounting -- the one definition:
 *   - a completed TB (goto_tb or exit_tb, also when chained) adds
 *     tb->cycles and tb->icount;
 *   - an exception with exception_index >= 0 raised inside a TB
 *     (tcg_cpu_raise_restore, tcg_cpu_raise, memory and bus faults) adds
 *     only the instructions BEFORE the faulting one: cur_insn's
 *     cycles_before and its index.  The faulting instruction did not
 *     retire; what its exception entry costs is the target's business;
 *   - tcg_cpu_exit_tb and the loop's own stops raised inside a TB
 *     (TCG_EXCP_HALTED, TCG_EXCP_EXIT) count the current instruction as
 *     completed (its cycles: up to the next instruction's cycles_before,
 *     or tb->cycles for the last one);
 *   - bus stalls are added to cycles as they happen.
 * So tcg_cpu_insn_cycles() = cycles + cur_insn->cycles_before is exact
 * inside a TB, and cycles/icount are deterministic for a given input.
 *
 * max_insns is checked at TB boundaries (chains included), so the run
 * stops at the first TB boundary at or after the limit: deterministic,
 * but possibly a few instructions over.
 */
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "debug.h"

static const tcg_backend_ops *const backends[] = {
    &tcg_interp_backend,
#if defined(__x86_64__)
    &tcg_jit_x86_64_backend,
#endif
};

const char *tcg_default_backend(void)
{
#if defined(__x86_64__)
    return "jit";
#else
    return "interp";
#endif
}

bool tcg_cpu_init(tcg_cpu *cpu, const tcg_target_ops *target, const char *backend)
{
    const tcg_backend_ops *ops = NULL;
    const char *want = backend ? backend : "interp";
    for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
        if (strcmp(backends[i]->name, want) == 0)
            ops = backends[i];
    if (!ops || !target)
        return false;

    cpu->target = target;
    cpu->exception_index = TCG_EXCP_NONE;
    cpu->interrupt_request = 0;
    cpu->halted = false;
    cpu->stop_request = false;
    cpu->exited = false;
    cpu->cur_tb = NULL;
    cpu->cur_insn = NULL;
    cpu->in_exec = false;
    cpu->debug = NULL;
    cpu->ctx = malloc(sizeof(tcg_ctx));
    cpu->backend = calloc(1, sizeof(tcg_backend));
    cpu->tbs = NULL;
    cpu->temps = NULL;
    if (!cpu->ctx || !cpu->backend || !tcg_tbs_init(cpu, ops->exec_arena)) {
        tcg_cpu_destroy(cpu);
        return false;
    }
    tcg_ctx_init(cpu->ctx);
    cpu->backend->ops = ops;
    if (!ops->init(cpu)) {
        tcg_cpu_destroy(cpu);
        return false;
    }
    tcg_tlb_flush(cpu);
    return true;
}

void tcg_cpu_destroy(tcg_cpu *cpu)
{
    if (cpu->backend && cpu->backend->ops)
        cpu->backend->ops->destroy(cpu);
    free(cpu->backend);
    cpu->backend = NULL;
    tcg_tbs_destroy(cpu);
    free(cpu->ctx);
    cpu->ctx = NULL;
}

void tcg_cpu_set_interrupt(tcg_cpu *cpu, uint32_t mask, bool level)
{
    if (level) {
        cpu->interrupt_request |= mask;
        /* Without a has_work hook any request ends the halt, even a pulse
         * gone by the next tcg_cpu_exec (ARM WFI's wake-up event); with
         * one the loop asks the target (tcg_cpu_has_work). */
        const tcg_target_ops *t = cpu->target;
        if (!t || !t->has_work)
            cpu->halted = false;
    } else {
        cpu->interrupt_request &= ~mask;
    }
}

bool tcg_cpu_has_work(tcg_cpu *cpu)
{
    if (!cpu->interrupt_request)
        return false;
    const tcg_target_ops *t = cpu->target;
    return !t || !t->has_work || t->has_work(cpu, cpu->interrupt_request);
}

void tcg_cpu_print_stats(const tcg_cpu *cpu, FILE *f, double host_seconds)
{
    const tcg_tb_cache *c = cpu->tbs;
    fprintf(f, "tcg stats (backend %s):\n", cpu->backend && cpu->backend->ops ? cpu->backend->ops->name : "?");
    fprintf(f, "  guest instructions  %llu\n", (unsigned long long)cpu->icount);
    fprintf(f, "  guest cycles        %llu\n", (unsigned long long)cpu->cycles);
    fprintf(f, "  TBs translated      %llu\n", (unsigned long long)cpu->stat_tbs_translated);
    fprintf(f, "  TB cache flushes    %llu\n", (unsigned long long)cpu->stat_tb_flushes);
    if (c && c->stat_jit_lookups)      /* indirect exits resolved inside JIT code */
        fprintf(f, "  inline TB lookups   %llu\n", (unsigned long long)c->stat_jit_lookups);
    fprintf(f, "  TLB misses          %llu\n", (unsigned long long)cpu->stat_tlb_misses);
    if (host_seconds > 0)
        fprintf(f, "  host MIPS           %.1f\n", (double)cpu->icount / host_seconds / 1e6);
}

uint64_t tcg_cpu_insn_cycles(const tcg_cpu *cpu)
{
    return cpu->cycles + (cpu->cur_insn ? cpu->cur_insn->cycles_before : 0u);
}

void tcg_cpu_cut_budget(tcg_cpu *cpu, uint64_t end_cycles)
{
    if (end_cycles >= cpu->budget_end)
        return;
    cpu->budget_end = end_cycles;
    /* Generated code counts toward jit_cycles_base (see jit_exec); inside
     * a call from it cpu->cycles is exact and the relative count is
     * re-read from it on return, so moving the base is all it takes.
     * Outside generated code the next jit_exec sets both again. */
    tcg_tb_cache *c = cpu->tbs;
    uint64_t room = end_cycles > cpu->cycles ? end_cycles - cpu->cycles : 0;
    if (room > ((uint64_t)1 << 62))
        room = (uint64_t)1 << 62;
    c->jit_cycles_base = cpu->cycles + room;
}

/* ---- leaving a TB early --------------------------------------------- */

void tcg_cpu_unwind(tcg_cpu *cpu, bool completed)
{
    if (!cpu->in_exec) {
        fprintf(stderr, "tcg: exception %d raised outside tcg_cpu_exec\n", cpu->exception_index);
        abort();
    }
    const tcg_tb *tb = cpu->cur_tb;
    const tcg_insn_data *in = cpu->cur_insn;
    if (tb && in) {
        uint32_t idx = (uint32_t)(in - tb->insns);
        if (completed) {
            cpu->cycles += idx + 1 < tb->icount ? tb->insns[idx + 1].cycles_before : tb->cycles;
            cpu->icount += idx + 1;
        } else {
            cpu->cycles += in->cycles_before;
            cpu->icount += idx;
        }
    }
    cpu->cur_tb = NULL;
    cpu->cur_insn = NULL;
    siglongjmp(cpu->jmp_env, 1);
}

void tcg_cpu_raise_restore(tcg_cpu *cpu, int excp)
{
    if (cpu->cur_tb && cpu->cur_insn && cpu->target->restore_state)
        cpu->target->restore_state(cpu, cpu->cur_insn);
    cpu->exception_index = excp;
    tcg_cpu_unwind(cpu, excp < 0);
}

void tcg_cpu_raise(tcg_cpu *cpu, int excp)
{
    cpu->exception_index = excp;
    tcg_cpu_unwind(cpu, excp < 0);
}

void tcg_cpu_exit_tb(tcg_cpu *cpu)
{
    tcg_cpu_unwind(cpu, true);
}

/* ---- translation -------------------------------------------------------- */

static void log_in_asm(tcg_cpu *cpu, const tcg_tb *tb)
{
    FILE *f = cpu->log.file ? cpu->log.file : stderr;
    fprintf(f, "IN: pc=%08x flags=%x\n", tb->pc, tb->flags);
    for (uint32_t i = 0; i < tb->icount; i++) {
        char buf[128] = "";
        if (cpu->target->disas)
            cpu->target->disas(cpu, tb->insns[i].pc, tb->flags, buf, sizeof(buf));
        fprintf(f, "0x%08x:  %s\n", tb->insns[i].pc, buf);
    }
    fprintf(f, "\n");
}

/* -dfilter (QEMU semantics): in_asm, exec and cpu logs by TB address */
static bool tcg_log_pc_ok(const tcg_cpu *cpu, uint32_t pc)
{
    return !cpu->log.filter || cpu->log.filter(cpu->log.filter_opaque, pc);
}

static _Noreturn void fatal(const char *msg)
{
    fprintf(stderr, "tcg: %s\n", msg);
    abort();
}

static tcg_tb *tb_gen_code(tcg_cpu *cpu, uint32_t pc, uint32_t flags, uint64_t phys_pc)
{
    tcg_tb_cache *c = cpu->tbs;
    tcg_ctx *ctx = cpu->ctx;
    FILE *lf = cpu->log.file ? cpu->log.file : stderr;
    int attempts = 0;

restart:
    if (attempts++ > 0) {
        if (attempts > 2)
            fatal("TB arena too small for a single TB");
        tcg_tb_flush(cpu);
    }
    c->translating = true;
    c->mark = c->arena_used;
    tcg_tb *tb = tcg_tbs_alloc(cpu, sizeof(tcg_tb));
    if (!tb)
        goto restart;
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->flags = flags;
    tb->phys_pc = phys_pc;
    tb->page[0] = phys_pc & ~(uint64_t)(TCG_PAGE_SIZE - 1);
    tb->page[1] = TCG_PAGE_NONE;

    uint32_t max = cpu->max_insns_per_tb ? cpu->max_insns_per_tb : TCG_DEFAULT_MAX_INSNS_PER_TB;
    if (flags & TCG_TB_FLAG_STEP)
        max = 1;                          /* single-step: one instruction */
    for (;;) {
        tcg_ctx_reset(ctx);
        tb->size = tb->icount = tb->cycles = 0;
        cpu->target->translate(cpu, ctx, tb, max);
        if (!ctx->overflow)
            break;
        if (max <= 1)
            fatal("one guest instruction overflows the IR tables");
        max = (tb->icount > 1 && tb->icount < max ? tb->icount : max) / 2;
    }

    /* number the instructions before optimization may delete code */
    uint32_t n = 0;
    for (uint32_t i = 0; i < ctx->n_ops; i++)
        if (ctx->ops[i].opc == TCG_OP_insn_start)
            ctx->ops[i].args[3] = n++;
    if (n)
        tb->icount = n;
    if (n) {
        tb->insns = tcg_tbs_alloc(cpu, n * sizeof(tcg_insn_data));
        if (!tb->insns)
            goto restart;
        for (uint32_t i = 0, k = 0; i < ctx->n_ops; i++) {
            const tcg_op *op = &ctx->ops[i];
            if (op->opc == TCG_OP_insn_start)
                tb->insns[k++] = (tcg_insn_data){ op->args[0], op->args[1], op->args[2] };
        }
    }

    if ((cpu->log.mask & TCG_LOG_IN_ASM) && tcg_log_pc_ok(cpu, tb->pc))
        log_in_asm(cpu, tb);
    if (cpu->log.mask & TCG_LOG_OP) {
        fprintf(lf, "OP:\n");
        tcg_dump_ops(ctx, lf);
        fprintf(lf, "\n");
    }
    tcg_optimize(ctx);
    if (cpu->log.mask & TCG_LOG_OP_OPT) {
        fprintf(lf, "OP after optimization:\n");
        tcg_dump_ops(ctx, lf);
        fprintf(lf, "\n");
    }

    if (tb->size > 0) {
        uint32_t last = pc + tb->size - 1u;
        if ((last & TCG_PAGE_MASK) != (pc & TCG_PAGE_MASK)) {
            uint64_t phys;
            if (tcg_tlb_code_phys_probe(cpu, last, tcg_cpu_mmu_index(cpu, flags), &phys))
                tb->page[1] = phys & ~(uint64_t)(TCG_PAGE_SIZE - 1);
        }
    }

    if (!cpu->backend->ops->compile(cpu, ctx, tb))
        goto restart;
    if (!tcg_tb_insert(cpu, tb))
        goto restart;
    c->translating = false;
    cpu->stat_tbs_translated++;
    if ((cpu->log.mask & TCG_LOG_OUT_ASM) && cpu->backend->ops->dump)
        cpu->backend->ops->dump(cpu, tb, lf);
    return tb;
}

static tcg_tb *tb_find(tcg_cpu *cpu)
{
    tcg_tb_cache *c = cpu->tbs;
    uint32_t pc, flags;
    cpu->target->get_tb_state(cpu, &pc, &flags);
    flags |= tcg_debug_tb_cflags(cpu);
    uint32_t h = tcg_jc_hash(pc);
    tcg_tb *tb = c->jc[h];
    if (tb && tb->pc == pc && tb->flags == flags && !tb->invalid)
        return tb;
    /* may raise the guest's prefetch abort: no TB runs, so no restore */
    uint64_t phys = tcg_tlb_code_phys(cpu, pc, tcg_cpu_mmu_index(cpu, flags));
    tb = tcg_tb_lookup(cpu, pc, flags, phys);
    if (!tb)
        tb = tb_gen_code(cpu, pc, flags, phys);
    c->jc[h] = tb;
    return tb;
}

/* ---- the loop -------------------------------------------------------------- */

static tcg_exit_reason cpu_exec_loop(tcg_cpu *cpu)
{
    tcg_tb_cache *c = cpu->tbs;
    const tcg_target_ops *t = cpu->target;
    for (;;) {
        tcg_tbs_reclaim(cpu);

        int excp = cpu->exception_index;
        if (excp != TCG_EXCP_NONE) {
            cpu->exception_index = TCG_EXCP_NONE;
            c->last_tb = NULL;
            if (excp >= 0) {
                tcg_log_item(cpu, TCG_LOG_INT, "exception %d at cycle %llu\n", excp,
                             (unsigned long long)cpu->cycles);
                cpu->exception_index = excp;      /* do_interrupt reads it */
                if (t->do_interrupt)
                    t->do_interrupt(cpu);
                cpu->exception_index = TCG_EXCP_NONE;
            } else if (excp == TCG_EXCP_HALTED) {
                cpu->halted = true;
            } else if (excp == TCG_EXCP_EXIT || excp == TCG_EXCP_DEBUG) {
                return TCG_EXIT_STOP;
            }
        }
        if (tcg_debug_step_done(cpu)) {
            c->last_tb = NULL;            /* never chain a step TB */
            return TCG_EXIT_STOP;
        }
        if (cpu->stop_request) {
            cpu->stop_request = false;
            return TCG_EXIT_STOP;
        }
        if (cpu->exited)
            return TCG_EXIT_STOP;
        if (cpu->halted) {
            if (!tcg_cpu_has_work(cpu))
                return TCG_EXIT_HALTED;
            cpu->halted = false;
        }
        if (cpu->interrupt_request && t->exec_interrupt && tcg_debug_irq_ok(cpu) &&
            t->exec_interrupt(cpu, cpu->interrupt_request)) {
            tcg_debug_note_step(cpu);     /* a step that takes an interrupt ends at the vector */
            tcg_log_item(cpu, TCG_LOG_INT, "interrupt taken (request %x) at cycle %llu\n",
                         cpu->interrupt_request, (unsigned long long)cpu->cycles);
            c->last_tb = NULL;
            continue;
        }
        if (cpu->cycles >= cpu->budget_end)
            return TCG_EXIT_BUDGET;
        if (cpu->icount >= c->icount_limit) {
            cpu->exited = true;
            return TCG_EXIT_STOP;
        }

        tcg_debug_note_step(cpu);
        tcg_tb *tb = tb_find(cpu);
        if (c->last_tb && !(cpu->log.mask & TCG_LOG_NOCHAIN))
            tcg_tb_add_jump(cpu, c->last_tb, c->last_slot, tb);
        c->last_tb = NULL;
        if ((cpu->log.mask & TCG_LOG_EXEC) && tcg_log_pc_ok(cpu, tb->pc))
            tcg_log_item(cpu, TCG_LOG_EXEC, "Trace %p [%08x/%x]\n", (void *)tb, tb->pc, tb->flags);
        tcg_exec_result r = cpu->backend->ops->exec(cpu, tb);
        if (r.slot >= 0) {
            c->last_tb = r.last;
            c->last_slot = r.slot;
        }
        if ((cpu->log.mask & TCG_LOG_CPU) && t->dump_state && tcg_log_pc_ok(cpu, tb->pc))
            t->dump_state(cpu, cpu->log.file ? cpu->log.file : stderr);
    }
}

tcg_exit_reason tcg_cpu_exec(tcg_cpu *cpu, uint64_t budget_cycles)
{
    tcg_tb_cache *c = cpu->tbs;
    if (cpu->debug && cpu->debug->singlestep)
        budget_cycles = 1;   /* single-step: no chain or inline lookup past the step TB */
    cpu->budget_end = budget_cycles > UINT64_MAX - cpu->cycles ? UINT64_MAX : cpu->cycles + budget_cycles;
    c->icount_limit = cpu->max_insns ? cpu->max_insns : UINT64_MAX;
    /* Between calls the embedding may have moved the PC (reset, debugger,
     * loader): the TB that ran last must not be chained to whatever runs
     * first now. */
    c->last_tb = NULL;
    cpu->in_exec = true;
    if (sigsetjmp(cpu->jmp_env, 0) != 0) {
        /* back from tcg_cpu_unwind: the partial TB is already charged */
        cpu->cur_tb = NULL;
        cpu->cur_insn = NULL;
        if (c->translating) {
            c->arena_used = c->mark;
            c->translating = false;
        }
        c->last_tb = NULL;
    }
    tcg_exit_reason r = cpu_exec_loop(cpu);
    cpu->in_exec = false;
    return r;
}
