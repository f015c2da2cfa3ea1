/*
 * Debugger support in the CPU loop (see debug.h): the breakpoint check
 * helper translated code calls, the watchpoint check of the TLB slow
 * path, and single-step control.
 *
 * A debug stop leaves the TB like a fault that the guest never sees: the
 * PC (and target word) of the current instruction are restored, only the
 * instructions before it are charged, exception_index is TCG_EXCP_DEBUG,
 * and the loop returns TCG_EXIT_STOP.  Running again re-executes the
 * instruction from its start.
 */
#include "debug.h"

#include "internal.h"

static _Noreturn void debug_leave(tcg_cpu *cpu)
{
    if (cpu->cur_tb && cpu->cur_insn && cpu->target->restore_state)
        cpu->target->restore_state(cpu, cpu->cur_insn);
    cpu->exception_index = TCG_EXCP_DEBUG;
    tcg_cpu_unwind(cpu, false);
}

/* helper: (pc, len) of the instruction about to run */
static uint32_t helper_debug_bp(void *env, uint32_t pc, uint32_t len, uint32_t a2, uint32_t a3)
{
    tcg_cpu *cpu = env;
    tcg_debug *d = cpu->debug;
    (void)a2;
    (void)a3;
    if (d && d->ops->bp_hit && d->ops->bp_hit(d->opaque, cpu, pc, len)) {
        d->stop = TCG_DEBUG_BREAKPOINT;
        d->stop_addr = pc;
        d->stop_write = false;
        debug_leave(cpu);
    }
    return 0;
}

bool tcg_debug_attach(tcg_cpu *cpu, tcg_debug *dbg)
{
    /* may raise, so the backend must write globals back first: NO_WG */
    dbg->helper_bp = tcg_helper_register(cpu->ctx, helper_debug_bp, "debug_bp", TCG_CALL_NO_WG);
    if (cpu->ctx->overflow)
        return false;
    dbg->stop = TCG_DEBUG_NONE;
    dbg->step_ran = false;
    cpu->debug = dbg;
    return true;
}

void tcg_debug_breakpoints_changed(tcg_cpu *cpu, bool have_bp)
{
    if (cpu->debug)
        cpu->debug->have_bp = have_bp;
    /* TBs translated before this change lack (or carry stale) checks */
    tcg_tb_flush(cpu);
}

void tcg_debug_watchpoints_changed(tcg_cpu *cpu, bool have_wp)
{
    if (cpu->debug)
        cpu->debug->have_wp = have_wp;
    /* entries filled before this change point straight at RAM */
    tcg_tlb_flush(cpu);
}

void tcg_debug_set_step(tcg_cpu *cpu, bool on, bool step_irqs)
{
    tcg_debug *d = cpu->debug;
    if (!d)
        return;
    d->singlestep = on;
    d->step_irqs = step_irqs;
    d->step_ran = false;
    /* no chain between a step TB and a normal one, in either direction */
    if (cpu->tbs)
        cpu->tbs->last_tb = NULL;
}

bool tcg_debug_take_stop(tcg_cpu *cpu, tcg_debug_stop *why, uint32_t *addr, bool *is_write)
{
    tcg_debug *d = cpu->debug;
    if (!d || d->stop == TCG_DEBUG_NONE)
        return false;
    *why = d->stop;
    *addr = d->stop_addr;
    *is_write = d->stop_write;
    d->stop = TCG_DEBUG_NONE;
    return true;
}

void tcg_debug_gen_bp_check(tcg_cpu *cpu, tcg_ctx *s, uint32_t pc, uint32_t len)
{
    tcg_debug *d = cpu->debug;
    if (!d || !d->have_bp || !d->ops->bp_in_range || !d->ops->bp_in_range(d->opaque, cpu, pc, len))
        return;
    tcg_gen_call(s, d->helper_bp, TCG_VAL_NONE, tcg_const(s, pc), tcg_const(s, len), TCG_VAL_NONE,
                 TCG_VAL_NONE);
}

bool tcg_debug_page_watched(tcg_cpu *cpu, uint32_t vpage)
{
    tcg_debug *d = cpu->debug;
    return d && d->have_wp && d->ops->wp_in_range &&
           d->ops->wp_in_range(d->opaque, cpu, vpage & TCG_PAGE_MASK, TCG_PAGE_SIZE);
}

void tcg_debug_check_access(tcg_cpu *cpu, uint32_t vaddr, unsigned size, bool is_write)
{
    tcg_debug *d = cpu->debug;
    uint32_t wp = 0;
    /* only guest accesses made inside a TB stop: they have a state to restore */
    if (!d || !d->have_wp || !cpu->in_exec || !cpu->cur_tb || !d->ops->watch_hit ||
        !d->ops->watch_hit(d->opaque, cpu, vaddr, size, is_write, &wp))
        return;
    d->stop = TCG_DEBUG_WATCHPOINT;
    d->stop_addr = wp;
    d->stop_write = is_write;
    debug_leave(cpu);
}
