/*
 * Debugger support in the CPU loop (tcg/debug.h) on the ARM front end:
 * single-step (one instruction, no interrupt unless allowed, exception
 * entry ends the step), breakpoints checked by translated code (the
 * instruction does not execute, the PC stays on it), watchpoints on the
 * slow path of DMI-backed RAM (stop before the access), and stepping
 * over a breakpoint.  Runs on both backends (armjit.* copies).
 */
#include <string.h>

#include "arm_fixture.h"
#include "tcg/debug.h"

typedef struct dbg_fix {
    tcg_debug dbg;
    uint32_t bp;              /* breakpoint address, 0: none */
    uint32_t wp, wp_len;      /* write watchpoint, len 0: none */
    bool stepping;            /* breakpoints do not stop a step */
    unsigned bp_checks;
} dbg_fix;

static bool f_bp_in_range(void *o, tcg_cpu *c, uint32_t pc, uint32_t len)
{
    dbg_fix *d = o;
    return d->bp && d->bp >= pc && d->bp < pc + len;
}

static bool f_bp_hit(void *o, tcg_cpu *c, uint32_t pc, uint32_t len)
{
    dbg_fix *d = o;
    d->bp_checks++;
    return !d->stepping && f_bp_in_range(o, c, pc, len);
}

static bool f_wp_in_range(void *o, tcg_cpu *c, uint32_t page, uint32_t size)
{
    dbg_fix *d = o;
    return d->wp_len && d->wp < page + size && page < d->wp + d->wp_len;
}

static bool f_watch_hit(void *o, tcg_cpu *c, uint32_t va, unsigned len, bool wr, uint32_t *wp)
{
    dbg_fix *d = o;
    if (!wr || !d->wp_len || !(va < d->wp + d->wp_len && d->wp < va + len))
        return false;
    *wp = d->wp;
    return true;
}

static const tcg_debug_ops dbg_ops = { f_bp_in_range, f_bp_hit, f_wp_in_range, f_watch_hit };

static void dbg_attach(armfix *f, dbg_fix *d)
{
    memset(d, 0, sizeof *d);
    d->dbg.ops = &dbg_ops;
    d->dbg.opaque = d;
    CT_ASSERT_TRUE(tcg_debug_attach(&f->cpu.common, &d->dbg));
}

#define CODE ARMFIX_CODE
#define MOV_R0_1  0xe3a00001u
#define MOV_R1_2  0xe3a01002u
#define MOV_R2_3  0xe3a02003u
#define MOV_R3_4  0xe3a03004u
#define MOV_R2_DATA 0xe3a02a08u   /* mov r2, #0x8000 (ARMFIX_DATA) */
#define STR_R1_R2 0xe5821000u     /* str r1, [r2] */
#define SWI_0     0xef000000u

ARMFIX_TEST(arm_debug, step_runs_one_instruction)
{
    dbg_fix d;
    dbg_attach(f, &d);
    A32(f, MOV_R0_1, MOV_R1_2, MOV_R2_3, MOV_R3_4);
    tcg_cpu *c = &f->cpu.common;
    uint64_t n0 = c->icount;
    tcg_debug_set_step(c, true, false);
    CT_EXPECT_EQ(tcg_cpu_exec(c, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(f->cpu.regs[15], CODE + 4);
    CT_EXPECT_EQ(f->cpu.regs[0], 1u);
    CT_EXPECT_EQ(f->cpu.regs[1], 0u);
    CT_EXPECT_EQ(c->icount - n0, 1u);
    tcg_debug_set_step(c, true, false);
    CT_EXPECT_EQ(tcg_cpu_exec(c, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(f->cpu.regs[15], CODE + 8);
    CT_EXPECT_EQ(f->cpu.regs[1], 2u);
    CT_EXPECT_EQ(f->cpu.regs[2], 0u);
    /* back to normal: runs on to the terminator */
    tcg_debug_set_step(c, false, false);
    CT_EXPECT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[3], 4u);
}

ARMFIX_TEST(arm_debug, step_does_not_take_irq_unless_allowed)
{
    dbg_fix d;
    dbg_attach(f, &d);
    A32(f, MOV_R0_1, MOV_R1_2, MOV_R2_3);
    tcg_cpu *c = &f->cpu.common;
    arm_cpsr_write(&f->cpu, 0, ARM_CPSR_I);          /* IRQs enabled */
    tcg_cpu_set_interrupt(c, TCG_INTERRUPT_HARD, true);
    tcg_debug_set_step(c, true, false);
    CT_EXPECT_EQ(tcg_cpu_exec(c, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(f->cpu.regs[15], CODE + 4);         /* stepped over, no IRQ */
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_SVC);
    tcg_debug_set_step(c, true, true);               /* monitor step-irq on */
    CT_EXPECT_EQ(tcg_cpu_exec(c, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(f->cpu.regs[15], 0x18u);            /* at the IRQ vector */
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_IRQ);
    CT_EXPECT_EQ(f->cpu.regs[1], 0u);                /* mov r1 not executed */
}

ARMFIX_TEST(arm_debug, step_into_swi_stops_at_vector)
{
    dbg_fix d;
    dbg_attach(f, &d);
    A32(f, SWI_0, MOV_R0_1);
    tcg_cpu *c = &f->cpu.common;
    tcg_debug_set_step(c, true, false);
    CT_EXPECT_EQ(tcg_cpu_exec(c, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(f->cpu.regs[15], 0x08u);
    CT_EXPECT_EQ(f->cpu.regs[14], CODE + 4);
    CT_EXPECT_EQ(f->cpu.regs[0], 0u);
}

ARMFIX_TEST(arm_debug, breakpoint_stops_before_the_instruction)
{
    dbg_fix d;
    dbg_attach(f, &d);
    A32(f, MOV_R0_1, MOV_R1_2, MOV_R2_3, MOV_R3_4);
    tcg_cpu *c = &f->cpu.common;
    /* a TB translated before the breakpoint must not be reused */
    tcg_debug_set_step(c, false, false);
    d.bp = CODE + 8;
    tcg_debug_breakpoints_changed(c, true);
    uint64_t n0 = c->icount;
    CT_EXPECT_EQ(tcg_cpu_exec(c, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(f->cpu.regs[15], CODE + 8);
    CT_EXPECT_EQ(f->cpu.regs[1], 2u);
    CT_EXPECT_EQ(f->cpu.regs[2], 0u);                /* not executed */
    CT_EXPECT_EQ(c->icount - n0, 2u);
    tcg_debug_stop why;
    uint32_t addr;
    bool wr;
    CT_EXPECT_TRUE(tcg_debug_take_stop(c, &why, &addr, &wr));
    CT_EXPECT_EQ(why, TCG_DEBUG_BREAKPOINT);
    CT_EXPECT_EQ(addr, CODE + 8);
    CT_EXPECT_FALSE(tcg_debug_take_stop(c, &why, &addr, &wr));
    /* running again stops again; a step executes it (gdb's step-over) */
    CT_EXPECT_EQ(tcg_cpu_exec(c, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(f->cpu.regs[15], CODE + 8);
    CT_EXPECT_TRUE(tcg_debug_take_stop(c, &why, &addr, &wr));
    d.stepping = true;
    tcg_debug_set_step(c, true, false);
    CT_EXPECT_EQ(tcg_cpu_exec(c, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(f->cpu.regs[15], CODE + 12);
    CT_EXPECT_EQ(f->cpu.regs[2], 3u);
    d.stepping = false;
    tcg_debug_set_step(c, false, false);
    CT_EXPECT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[3], 4u);
    /* removed: no check is translated any more */
    d.bp = 0;
    tcg_debug_breakpoints_changed(c, false);
    unsigned checks = d.bp_checks;
    f->cpu.regs[15] = CODE;
    CT_EXPECT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(d.bp_checks, checks);
}

ARMFIX_TEST(arm_debug, write_watchpoint_stops_before_the_store)
{
    dbg_fix d;
    dbg_attach(f, &d);
    A32(f, MOV_R1_2, MOV_R2_DATA, STR_R1_R2, MOV_R3_4);
    tcg_cpu *c = &f->cpu.common;
    armfix_wr32(f, ARMFIX_DATA, 0x55u);
    /* warm the TLB with a DMI entry first: the watchpoint must flush it */
    CT_EXPECT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, ARMFIX_DATA), 2u);
    armfix_wr32(f, ARMFIX_DATA, 0x55u);
    f->cpu.regs[15] = CODE;
    f->cpu.regs[3] = 0;
    d.wp = ARMFIX_DATA;
    d.wp_len = 4;
    tcg_debug_watchpoints_changed(c, true);
    CT_EXPECT_EQ(tcg_cpu_exec(c, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(f->cpu.regs[15], CODE + 8);         /* the str */
    CT_EXPECT_EQ(armfix_rd32(f, ARMFIX_DATA), 0x55u);  /* not written yet */
    tcg_debug_stop why;
    uint32_t addr;
    bool wr;
    CT_EXPECT_TRUE(tcg_debug_take_stop(c, &why, &addr, &wr));
    CT_EXPECT_EQ(why, TCG_DEBUG_WATCHPOINT);
    CT_EXPECT_EQ(addr, (uint32_t)ARMFIX_DATA);
    CT_EXPECT_TRUE(wr);
    d.wp_len = 0;
    tcg_debug_watchpoints_changed(c, false);
    CT_EXPECT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, ARMFIX_DATA), 2u);
    CT_EXPECT_EQ(f->cpu.regs[3], 4u);
}
