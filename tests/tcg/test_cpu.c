/*
 * The CPU loop, TB cache, chaining, accounting, TLB and bus paths, with
 * the toy guest of toy.c.  Expected cycle/instruction counts are derived
 * from the toy's cost table and the accounting rules of cpu-exec.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "tcg/internal.h"
#include "toy.h"

#define I(op, rd, rs, imm) toy_insn(TOY_##op, rd, rs, imm)
#define SETUP() toy_cpu *t = calloc(1, sizeof(toy_cpu)); CT_ASSERT_TRUE(t && toy_init(t)); \
                tcg_cpu *cpu = &t->common
#define TEARDOWN() do { toy_destroy(t); free(t); } while (0)
#define LOAD(addr, ...) do { const uint32_t p_[] = { __VA_ARGS__ }; \
                             toy_load(t, (addr), p_, sizeof(p_) / 4); } while (0)

/* count r2 down from n, r1 counts up: 3 insns per iteration, then EXIT */
static void load_count_loop(toy_cpu *t, uint32_t base)
{
    LOAD(base,
         I(ADDI, 1, 1, 1),
         I(ADDI, 2, 2, -1),
         I(BNE, 2, 0, -3),
         I(EXIT, 0, 0, 0));
}
#define LOOP_ITER_CYCLES (TOY_C_ADDI + TOY_C_ADDI + TOY_C_BR)

CTEST(tcg_cpu, unknown_backend_is_refused)
{
    toy_cpu *t = calloc(1, sizeof(toy_cpu));
    CT_ASSERT_TRUE(t != NULL);
    CT_EXPECT_FALSE(tcg_cpu_init(&t->common, &toy_target_ops, "no-such-backend"));
    free(t);
}

CTEST(tcg_cpu, tb_cache_and_accounting)
{
    SETUP();
    load_count_loop(t, 0x100);
    t->pc = 0x100;
    t->r[2] = 10;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000000), TCG_EXIT_STOP);
    CT_EXPECT_TRUE(cpu->exited);
    CT_EXPECT_EQ(t->r[1], 10u);
    CT_EXPECT_EQ(t->pc, 0x110u);
    /* one TB for the loop body, one for EXIT: the body is reused */
    CT_EXPECT_EQ(cpu->stat_tbs_translated, 2u);
    CT_EXPECT_EQ(t->translations_seen, 2u);
    CT_EXPECT_EQ(cpu->icount, 10u * 3u + 1u);
    CT_EXPECT_EQ(cpu->cycles, 10u * LOOP_ITER_CYCLES + TOY_C_ALU);
    TEARDOWN();
}

static unsigned count_lines(const char *buf, const char *needle)
{
    unsigned n = 0;
    for (const char *p = buf; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

static unsigned run_traced(uint32_t log_extra, uint64_t *icount, tcg_tb **loop_tb_dest)
{
    toy_cpu *t = calloc(1, sizeof(toy_cpu));
    if (!t || !toy_init(t))
        return 0;
    load_count_loop(t, 0x100);
    t->pc = 0x100;
    t->r[2] = 20;
    char *buf = NULL;
    size_t len = 0;
    t->common.log.file = open_memstream(&buf, &len);
    t->common.log.mask = TCG_LOG_EXEC | log_extra;
    (void)tcg_cpu_exec(&t->common, 1000000);
    fclose(t->common.log.file);
    unsigned n = count_lines(buf, "Trace ");
    free(buf);
    *icount = t->common.icount;
    tcg_tb *tb = tcg_tb_lookup(&t->common, 0x100, 0, 0x100);
    *loop_tb_dest = tb ? tb->jmp_dest[1] : NULL;
    bool self = tb && tb->jmp_dest[1] == tb;
    if (!self)
        *loop_tb_dest = NULL;
    else
        *loop_tb_dest = (tcg_tb *)1;     /* only compared with NULL */
    toy_destroy(t);
    free(t);
    return n;
}

CTEST(tcg_cpu, chaining_and_nochain)
{
    uint64_t ic_chain, ic_nochain;
    tcg_tb *d_chain, *d_nochain;
    unsigned chained = run_traced(0, &ic_chain, &d_chain);
    unsigned unchained = run_traced(TCG_LOG_NOCHAIN, &ic_nochain, &d_nochain);
    /* without chaining every TB execution passes the loop: 20 + EXIT */
    CT_EXPECT_EQ(unchained, 21u);
    /* with it the loop body chains to itself after the first iteration */
    CT_EXPECT_TRUE(chained < 5u);
    CT_EXPECT_TRUE(d_chain != NULL);
    CT_EXPECT_TRUE(d_nochain == NULL);
    /* chaining never changes what the guest computes or how it is counted */
    CT_EXPECT_EQ(ic_chain, ic_nochain);
}

CTEST(tcg_cpu, budget_exit_and_resume)
{
    SETUP();
    LOAD(0x200, I(ADDI, 1, 1, 1), I(B, 0, 0, -2));    /* forever */
    t->pc = 0x200;
    const uint64_t tb_cycles = TOY_C_ADDI + TOY_C_BR;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 100), TCG_EXIT_BUDGET);
    CT_EXPECT_TRUE(cpu->cycles >= 100);
    CT_EXPECT_TRUE(cpu->cycles < 100 + tb_cycles);
    CT_EXPECT_EQ(cpu->cycles % tb_cycles, 0u);
    CT_EXPECT_EQ(t->r[1], cpu->cycles / tb_cycles);
    uint64_t c0 = cpu->cycles;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 50), TCG_EXIT_BUDGET);
    CT_EXPECT_TRUE(cpu->cycles >= c0 + 50);
    CT_EXPECT_TRUE(cpu->cycles < c0 + 50 + tb_cycles);
    CT_EXPECT_EQ(t->r[1], cpu->cycles / tb_cycles);
    /* a stop request is consumed by the next call */
    cpu->stop_request = true;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 50), TCG_EXIT_STOP);
    CT_EXPECT_FALSE(cpu->stop_request);
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 10), TCG_EXIT_BUDGET);
    TEARDOWN();
}

static uint64_t run_max_insns(uint64_t limit, tcg_exit_reason *why, bool *exited)
{
    toy_cpu *t = calloc(1, sizeof(toy_cpu));
    if (!t || !toy_init(t))
        return 0;
    LOAD(0x200, I(ADDI, 1, 1, 1), I(ADDI, 2, 2, 1), I(B, 0, 0, -3));
    t->pc = 0x200;
    t->common.max_insns = limit;
    *why = tcg_cpu_exec(&t->common, UINT64_MAX);
    *exited = t->common.exited;
    uint64_t n = t->common.icount;
    toy_destroy(t);
    free(t);
    return n;
}

CTEST(tcg_cpu, max_insns_stops_deterministically)
{
    tcg_exit_reason why1, why2;
    bool ex1, ex2;
    uint64_t n1 = run_max_insns(50, &why1, &ex1);
    uint64_t n2 = run_max_insns(50, &why2, &ex2);
    CT_EXPECT_EQ(why1, TCG_EXIT_STOP);
    CT_EXPECT_TRUE(ex1);
    CT_EXPECT_TRUE(n1 >= 50 && n1 < 50 + 3);
    CT_EXPECT_EQ(n1, n2);
    CT_EXPECT_EQ(why2, why1);
}

CTEST(tcg_cpu, halt_and_wake_by_interrupt)
{
    SETUP();
    LOAD(0x300, I(WFI, 0, 0, 0), I(ADDI, 1, 1, 1), I(WFI, 0, 0, 0), I(ADDI, 1, 1, 1), I(EXIT, 0, 0, 0));
    LOAD(0x400, I(ADDI, 5, 5, 1), I(JR, 0, 6, 0));     /* IRQ handler: count, return */
    t->pc = 0x300;
    t->irq_vector = 0x400;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_HALTED);
    CT_EXPECT_TRUE(cpu->halted);
    CT_EXPECT_EQ(t->pc, 0x304u);
    /* WFI completed: it is counted */
    CT_EXPECT_EQ(cpu->icount, 1u);
    CT_EXPECT_EQ(cpu->cycles, (uint64_t)TOY_C_ALU);
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_HALTED);     /* nothing pending */
    CT_EXPECT_EQ(t->r[1], 0u);
    /* a masked interrupt pulse still wakes the CPU, but is not taken */
    tcg_cpu_set_interrupt(cpu, TCG_INTERRUPT_HARD, true);
    CT_EXPECT_FALSE(cpu->halted);
    tcg_cpu_set_interrupt(cpu, TCG_INTERRUPT_HARD, false);
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_HALTED);
    CT_EXPECT_EQ(t->r[1], 1u);
    CT_EXPECT_EQ(t->r[5], 0u);
    CT_EXPECT_EQ(t->pc, 0x30cu);
    CT_EXPECT_EQ(cpu->icount, 3u);
    /* enabled: taken at the next TB boundary, the handler runs and returns */
    t->irq_enabled = true;
    tcg_cpu_set_interrupt(cpu, TCG_INTERRUPT_HARD, true);
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->r[5], 1u);
    CT_EXPECT_EQ(t->r[6], 0x30cu);
    CT_EXPECT_EQ(t->r[1], 2u);
    CT_EXPECT_TRUE(cpu->exited);
    TEARDOWN();
}

CTEST(tcg_cpu, wfi_with_interrupt_line_held_does_not_halt)
{
    SETUP();
    LOAD(0x300, I(WFI, 0, 0, 0), I(ADDI, 1, 1, 1), I(EXIT, 0, 0, 0));
    t->pc = 0x300;
    tcg_cpu_set_interrupt(cpu, TCG_INTERRUPT_HARD, true);   /* masked in the toy */
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->r[1], 1u);
    CT_EXPECT_FALSE(cpu->halted);
    TEARDOWN();
}

CTEST(tcg_cpu, data_abort_restores_exact_pc_and_cycles)
{
    SETUP();
    LOAD(0x500,
         I(ADDI, 1, 1, 1),
         I(ADDI, 1, 1, 1),
         I(LDW, 3, 4, 0),          /* r4 points into the fault window */
         I(ADDI, 1, 1, 1),
         I(EXIT, 0, 0, 0));
    LOAD(0x600, I(ADDI, 2, 2, 7), I(EXIT, 0, 0, 0));
    t->fault_lo = 0x8000;
    t->fault_hi = 0x8400;
    t->r[4] = 0x8010;
    t->vector = 0x600;
    t->pc = 0x500;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->excp_count, 1u);
    CT_EXPECT_EQ(t->last_excp, TOY_EXCP_DABT);
    CT_EXPECT_EQ(t->excp_pc, 0x508u);          /* exactly the LDW */
    CT_EXPECT_EQ(t->r[1], 2u);                 /* the third ADDI never ran */
    CT_EXPECT_EQ(t->r[2], 7u);
    /* two ADDIs retired before the fault; the LDW did not; then the
     * handler TB (ADDI + EXIT) */
    CT_EXPECT_EQ(cpu->icount, 2u + 2u);
    CT_EXPECT_EQ(cpu->cycles, 2u * TOY_C_ADDI + TOY_C_ADDI + TOY_C_ALU);
    TEARDOWN();
}

CTEST(tcg_cpu, helper_exception_and_prefetch_abort)
{
    SETUP();
    LOAD(0x700, I(ADDI, 1, 1, 1), I(UDF, 0, 0, 0));
    LOAD(0x800, I(JR, 0, 3, 0));               /* handler: jump to r3 */
    LOAD(0x3f8, I(ADDI, 1, 1, 1), I(ADDI, 1, 1, 1));  /* runs into the fault page */
    LOAD(0x900, I(EXIT, 0, 0, 0));
    t->vector = 0x800;
    t->r[3] = 0x3f8;
    t->fault_lo = 0x400;
    t->fault_hi = 0x800;
    t->pc = 0x700;
    /* UDF -> vector (r7 = 0x704) -> 0x3f8: two ADDIs, then fetching
     * 0x400 faults (PABT, r7 = 0x400) -> vector -> jump to r3 ... stop
     * the loop by redirecting r3 on the second exception */
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 60), TCG_EXIT_BUDGET);
    CT_EXPECT_TRUE(t->excp_count >= 2);
    CT_EXPECT_EQ(t->r[7], 0x400u);
    CT_EXPECT_EQ(t->last_excp, TOY_EXCP_PABT);
    t->r[3] = 0x900;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_STOP);
    TEARDOWN();
}

typedef struct dev_state { unsigned reads; uint64_t w[3]; } dev_state;

static tcg_bus_status dev_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    ((dev_state *)opaque)->reads++;
    *val = 0xc0de0000u + off;
    return TCG_BUS_OK;
}

static tcg_bus_status dev_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    dev_state *d = opaque;
    d->w[0] = off;
    d->w[1] = val;
    d->w[2]++;
    return TCG_BUS_OK;
}

CTEST(tcg_cpu, tlb_fast_path_mmio_and_stalls)
{
    SETUP();
    dev_state dev = { 0, { 0, 0, 0 } };
    CT_ASSERT_TRUE(tcg_bus_map_add_mmio(&t->map, 0x20000, 0x1000, dev_read, dev_write, &dev));
    tcg_bus_map_find(&t->map, 0x20000)->latency = 7;
    LOAD(0x100,
         I(STW, 1, 2, 0),          /* RAM 0x4000 */
         I(LDW, 3, 2, 0),
         I(STW, 1, 2, 4),
         I(LDW, 4, 5, 8),          /* MMIO 0x20008 */
         I(STW, 1, 5, 0x10),       /* MMIO 0x20010 */
         I(EXIT, 0, 0, 0));
    t->r[1] = 0xa5a5a5a5;
    t->r[2] = 0x4000;
    t->r[5] = 0x20000;
    t->pc = 0x100;
    uint64_t acc0 = t->map.n_accesses;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->r[3], 0xa5a5a5a5u);
    CT_EXPECT_EQ(memcmp(t->ram + 0x4004, &t->r[1], 4), 0);
    CT_EXPECT_EQ(t->r[4], 0xc0de0008u);
    CT_EXPECT_EQ(dev.reads, 1u);
    CT_EXPECT_EQ(dev.w[0], 0x10u);
    CT_EXPECT_EQ(dev.w[1], 0xa5a5a5a5u);
    CT_EXPECT_EQ(dev.w[2], 1u);
    /* RAM went through DMI: only the two MMIO accesses reached the bus */
    CT_EXPECT_EQ(t->map.n_accesses - acc0, 2u);
    /* one fill per page maps every access kind: code, RAM data, MMIO */
    CT_EXPECT_EQ(cpu->stat_tlb_misses, 3u);
    /* static cost plus two MMIO stalls of 7 cycles */
    CT_EXPECT_EQ(cpu->cycles, 4u * TOY_C_MEM + TOY_C_MEM + TOY_C_ALU + 2u * 7u);
    TEARDOWN();
}

CTEST(tcg_cpu, decode_error_goes_to_bus_fault_hook)
{
    SETUP();
    LOAD(0x100, I(ADDI, 1, 1, 1), I(LDW, 3, 2, 4), I(ADDI, 1, 1, 1), I(EXIT, 0, 0, 0));
    LOAD(0x600, I(EXIT, 0, 0, 0));
    t->r[2] = 0x50000;             /* nothing on the bus there */
    t->vector = 0x600;
    t->pc = 0x100;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->bus_faults, 1u);
    CT_EXPECT_EQ(t->bus_fault_addr, 0x50004u);
    CT_EXPECT_EQ(t->bus_fault_status, TCG_BUS_DECODE_ERROR);
    CT_EXPECT_EQ(t->last_excp, TOY_EXCP_BUS);
    CT_EXPECT_EQ(t->excp_pc, 0x104u);
    CT_EXPECT_EQ(t->r[1], 1u);
    TEARDOWN();
}

CTEST(tcg_cpu, self_modifying_code_is_retranslated)
{
    SETUP();
    /* 0x1000: r1 += 1; jump to 0x2000.  0x2000: overwrite 0x1000 with
     * "r1 += 100", count r6 down, loop back to 0x1000 */
    LOAD(0x1000, I(ADDI, 1, 1, 1), I(JR, 0, 4, 0));
    LOAD(0x2000, I(STW, 5, 3, 0), I(ADDI, 6, 6, -1), I(BNE, 6, 0, -0x403), I(EXIT, 0, 0, 0));
    t->r[3] = 0x1000;
    t->r[4] = 0x2000;
    t->r[5] = I(ADDI, 1, 1, 100);
    t->r[6] = 3;
    t->pc = 0x1000;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->r[1], 1u + 100u + 100u);
    /* 0x1000, 0x2000 and the EXIT TB, plus 0x1000 again after each of the
     * stores that were followed by a jump back (every store is a write
     * into a page with code, whatever value it writes) */
    CT_EXPECT_EQ(cpu->stat_tbs_translated, 3u + (3u - 1u));
    TEARDOWN();
}

CTEST(tcg_cpu, store_into_own_tb_takes_effect_next_time)
{
    SETUP();
    /* one TB that patches its own first instruction, then loops */
    LOAD(0x1000, I(ADDI, 1, 1, 1), I(STW, 5, 3, 0), I(ADDI, 6, 6, -1), I(BNE, 6, 0, -4), I(EXIT, 0, 0, 0));
    t->r[3] = 0x1000;
    t->r[5] = I(ADDI, 1, 1, 10);
    t->r[6] = 3;
    t->pc = 0x1000;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->r[1], 1u + 10u + 10u);
    TEARDOWN();
}

CTEST(tcg_cpu, debug_rw_and_invalidation)
{
    SETUP();
    LOAD(0x100, I(ADDI, 1, 1, 1), I(EXIT, 0, 0, 0));
    t->pc = 0x100;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->r[1], 1u);
    uint8_t buf[8];
    CT_EXPECT_EQ(tcg_cpu_debug_rw(cpu, 0x100, buf, 8, false), 8u);
    CT_EXPECT_EQ(memcmp(buf, t->ram + 0x100, 8), 0);
    /* patch the code as a debugger would: the TB must go */
    uint32_t w = I(ADDI, 1, 1, 5);
    CT_EXPECT_EQ(tcg_cpu_debug_rw(cpu, 0x100, (uint8_t *)&w, 4, true), 4u);
    CT_EXPECT_EQ(memcmp(t->ram + 0x100, &w, 4), 0);
    t->pc = 0x100;
    cpu->exited = false;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->r[1], 6u);
    /* a read running off the end of RAM stops at the hole */
    CT_EXPECT_EQ(tcg_cpu_debug_rw(cpu, TOY_RAM_SIZE - 4, buf, 8, false), 4u);
    /* an unmapped page through the MMU transfers nothing */
    t->fault_lo = 0x800;
    t->fault_hi = 0xc00;
    CT_EXPECT_EQ(tcg_cpu_debug_rw(cpu, 0x7fe, buf, 4, false), 2u);
    TEARDOWN();
}

CTEST(tcg_cpu, mem_api_and_probe)
{
    SETUP();
    memcpy(t->ram + 0x40, "\x01\x02\x03\x84", 4);
    uint32_t v = 0;
    CT_EXPECT_TRUE(tcg_mem_probe_ld(cpu, 0x40, TCG_MEMOP(TCG_MO_32, 0), &v));
    CT_EXPECT_EQ(v, 0x84030201u);
    CT_EXPECT_TRUE(tcg_mem_probe_ld(cpu, 0x43, TCG_MEMOP(TCG_MO_8 | TCG_MO_SIGN, 0), &v));
    CT_EXPECT_EQ(v, 0xffffff84u);
    CT_EXPECT_FALSE(tcg_mem_probe_ld(cpu, 0x50000, TCG_MEMOP(TCG_MO_32, 0), &v));
    t->fault_lo = 0x1000;
    t->fault_hi = 0x1400;
    CT_EXPECT_FALSE(tcg_mem_probe_ld(cpu, 0x1000, TCG_MEMOP(TCG_MO_32, 0), &v));
    CT_EXPECT_EQ(tcg_code_ld32(cpu, 0x40, 0), 0x84030201u);
    CT_EXPECT_EQ(tcg_code_ld16(cpu, 0x42, 0), 0x8403u);
    TEARDOWN();
}

CTEST(tcg_cpu, small_arena_flushes_and_keeps_running)
{
    toy_cpu *t = calloc(1, sizeof(toy_cpu));
    CT_ASSERT_TRUE(t && toy_init_arena(t, 8192));
    /* 64 blocks of "r1 += i; B next", then a jump to an endless loop */
    for (uint32_t b = 0; b < 64; b++)
        LOAD(0x1000 + b * 8, I(ADDI, 1, 1, (int)b), I(B, 0, 0, 0));
    LOAD(0x1000 + 64 * 8, I(JR, 0, 7, 0));
    LOAD(0x3000, I(ADDI, 2, 2, 1), I(B, 0, 0, -2));
    t->r[7] = 0x3000;
    t->pc = 0x1000;
    CT_EXPECT_EQ(tcg_cpu_exec(&t->common, 2000), TCG_EXIT_BUDGET);
    CT_EXPECT_EQ(t->r[1], 63u * 64u / 2u);
    CT_EXPECT_TRUE(t->common.stat_tb_flushes > 0);
    CT_EXPECT_TRUE(t->r[2] > 0);
    toy_destroy(t);
    free(t);
}

CTEST(tcg_cpu, flush_inside_a_tb_is_deferred)
{
    SETUP();
    /* the loop body flushes every TB (itself included) on each pass */
    LOAD(0x100, I(ADDI, 1, 1, 1), I(FLUSH, 0, 0, 0), I(ADDI, 1, 1, 2), I(ADDI, 2, 2, -1),
         I(BNE, 2, 0, -5), I(EXIT, 0, 0, 0));
    t->pc = 0x100;
    t->r[2] = 5;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 100000), TCG_EXIT_STOP);
    CT_EXPECT_EQ(t->r[1], 5u * 3u);
    CT_EXPECT_EQ(cpu->stat_tb_flushes, 5u);
    /* every pass retranslates the body; then the EXIT TB */
    CT_EXPECT_EQ(cpu->stat_tbs_translated, 5u + 1u);
    CT_EXPECT_EQ(cpu->icount, 5u * 5u + 1u);
    TEARDOWN();
}

CTEST(tcg_cpu, debug_logs)
{
    SETUP();
    LOAD(0x100, I(ADDI, 1, 1, 0), I(LDW, 3, 2, 0), I(EXIT, 0, 0, 0));
    t->pc = 0x100;
    t->r[2] = 0x400;
    char *buf = NULL;
    size_t len = 0;
    cpu->log.file = open_memstream(&buf, &len);
    cpu->log.mask = TCG_LOG_IN_ASM | TCG_LOG_OP | TCG_LOG_OP_OPT | TCG_LOG_OUT_ASM | TCG_LOG_EXEC;
    CT_EXPECT_EQ(tcg_cpu_exec(cpu, 1000), TCG_EXIT_STOP);
    fclose(cpu->log.file);
    cpu->log.file = NULL;
    CT_ASSERT_TRUE(buf != NULL);
    CT_EXPECT_TRUE(strstr(buf, "IN: pc=00000100") != NULL);
    CT_EXPECT_TRUE(strstr(buf, "0x00000104:") != NULL);
    CT_EXPECT_TRUE(strstr(buf, "OP:\n") != NULL);
    CT_EXPECT_TRUE(strstr(buf, " add r1,r1,$0x0") != NULL);
    CT_EXPECT_TRUE(strstr(buf, "OP after optimization:") != NULL);
    /* r1 + 0 disappears after optimization: only in the first listing */
    const char *opt = strstr(buf, "OP after optimization:");
    CT_EXPECT_TRUE(opt && strstr(opt, " add r1,r1") == NULL);
    CT_EXPECT_TRUE(strstr(buf, " qemu_ld r3,") != NULL);
    if (strcmp(TOY_BACKEND, "interp") == 0) {
        CT_EXPECT_TRUE(strstr(buf, "interp code") != NULL);
        CT_EXPECT_TRUE(strstr(buf, "ld32") != NULL);
    } else {
        /* host code listing, disassembled when capstone is there */
        CT_EXPECT_TRUE(strstr(buf, "OUT: [size=") != NULL);
        CT_EXPECT_TRUE(strstr(buf, "jit code at") != NULL);
    }
    CT_EXPECT_TRUE(strstr(buf, "Trace ") != NULL);
    free(buf);
    TEARDOWN();
}

CTEST(tcg_busmap, regions_dmi_and_debug_access)
{
    tcg_bus_map m;
    tcg_bus_map_init(&m);
    uint8_t *ram = tcg_bus_map_add_ram(&m, 0x1000, 0x1000, NULL);
    uint8_t rom_mem[0x100];
    memset(rom_mem, 0x5a, sizeof(rom_mem));
    CT_ASSERT_TRUE(ram != NULL);
    CT_ASSERT_TRUE(tcg_bus_map_add_rom(&m, 0x2000, sizeof(rom_mem), rom_mem) == rom_mem);
    CT_EXPECT_TRUE(tcg_bus_map_add_ram(&m, 0x1800, 0x1000, NULL) == NULL);     /* overlaps */
    tcg_bus b = tcg_bus_map_bus(&m);
    uint64_t v = 0x11223344, stall = 99;
    CT_EXPECT_EQ(b.ops->access(b.opaque, 0x1ffe, 2, true, &v, 0, &stall), TCG_BUS_OK);
    CT_EXPECT_EQ(stall, 0u);
    CT_EXPECT_EQ(ram[0xffe], 0x44u);
    CT_EXPECT_EQ(ram[0xfff], 0x33u);
    /* an access running past the end of a region is a decode error */
    CT_EXPECT_EQ(b.ops->access(b.opaque, 0x1ffe, 4, false, &v, 0, &stall), TCG_BUS_DECODE_ERROR);
    CT_EXPECT_EQ(b.ops->access(b.opaque, 0x9000, 4, false, &v, 0, &stall), TCG_BUS_DECODE_ERROR);
    /* ROM: readable, writes ignored, DMI read-only */
    v = 0;
    CT_EXPECT_EQ(b.ops->access(b.opaque, 0x2000, 4, true, &v, 0, &stall), TCG_BUS_OK);
    CT_EXPECT_EQ(rom_mem[0], 0x5au);
    tcg_dmi d;
    CT_ASSERT_TRUE(b.ops->get_dmi(b.opaque, 0x2010, false, &d));
    CT_EXPECT_TRUE(d.can_read);
    CT_EXPECT_FALSE(d.can_write);
    CT_EXPECT_EQ(d.start, 0x2000u);
    CT_EXPECT_EQ(d.end, 0x20ffu);
    CT_EXPECT_FALSE(b.ops->get_dmi(b.opaque, 0x2010, true, &d));
    CT_ASSERT_TRUE(b.ops->get_dmi(b.opaque, 0x1010, true, &d));
    CT_EXPECT_TRUE(d.host == ram && d.can_write);
    /* debug access crosses adjacent regions, loads ROM, stops at holes */
    uint8_t buf[0x10];
    memset(buf, 0xee, sizeof(buf));
    CT_EXPECT_EQ(b.ops->debug_access(b.opaque, 0x1ff8, buf, 0x10, true), 0x10u);
    CT_EXPECT_EQ(ram[0xff8], 0xeeu);
    CT_EXPECT_EQ(rom_mem[7], 0xeeu);
    CT_EXPECT_EQ(b.ops->debug_access(b.opaque, 0x20f8, buf, 0x10, false), 8u);
    tcg_bus_map_destroy(&m);
}
