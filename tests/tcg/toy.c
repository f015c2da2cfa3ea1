/*
 * The toy target used by the tcg tests (see toy.h for the ISA).
 */
#include <setjmp.h>
#include <stddef.h>
#include <string.h>

#include "tcg/backend.h"
#include "toy.h"

static toy_cpu *TOY(tcg_cpu *c) { return (toy_cpu *)c; }

static void toy_get_tb_state(tcg_cpu *cpu, uint32_t *pc, uint32_t *flags)
{
    *pc = TOY(cpu)->pc;
    *flags = 0;
}

static bool toy_tlb_fill(tcg_cpu *cpu, uint32_t vaddr, tcg_access access, int mmu_idx, bool probe)
{
    toy_cpu *t = TOY(cpu);
    if (vaddr >= t->fault_lo && vaddr < t->fault_hi) {
        if (probe)
            return false;
        tcg_cpu_raise_restore(cpu, access == TCG_ACCESS_EXEC ? TOY_EXCP_PABT : TOY_EXCP_DABT);
    }
    tcg_tlb_set_page(cpu, vaddr, vaddr, TCG_PROT_READ | TCG_PROT_WRITE | TCG_PROT_EXEC, mmu_idx);
    return true;
}

static bool toy_exec_interrupt(tcg_cpu *cpu, uint32_t req)
{
    toy_cpu *t = TOY(cpu);
    if (!t->irq_enabled || !(req & TCG_INTERRUPT_HARD))
        return false;
    t->r[6] = t->pc;
    t->pc = t->irq_vector;
    t->irq_enabled = false;
    return true;
}

static void toy_do_interrupt(tcg_cpu *cpu)
{
    toy_cpu *t = TOY(cpu);
    t->last_excp = cpu->exception_index;
    t->excp_count++;
    t->excp_pc = t->pc;
    t->r[7] = t->pc;
    t->pc = t->vector;
}

static void toy_restore_state(tcg_cpu *cpu, const tcg_insn_data *insn)
{
    TOY(cpu)->pc = insn->pc;
}

static void toy_bus_fault(tcg_cpu *cpu, uint32_t vaddr, tcg_access access, tcg_bus_status st)
{
    toy_cpu *t = TOY(cpu);
    t->bus_faults++;
    t->bus_fault_addr = vaddr;
    t->bus_fault_status = st;
    tcg_cpu_raise_restore(cpu, TOY_EXCP_BUS);
}

static uint32_t helper_wfi(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    tcg_cpu_raise(env, TCG_EXCP_HALTED);
}

static uint32_t helper_udf(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    tcg_cpu_raise(env, TOY_EXCP_UDF);
}

static uint32_t helper_exit(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    tcg_cpu *cpu = env;
    cpu->exited = true;
    cpu->exit_code = (int)a0;
    return 0;
}

static uint32_t helper_flush(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    tcg_tb_flush(env);
    return 0;
}

static void toy_translate(tcg_cpu *cpu, tcg_ctx *s, tcg_tb *tb, uint32_t max_insns)
{
    toy_cpu *t = TOY(cpu);
    uint32_t pc = tb->pc, cycles = 0, n = 0;
    bool done = false;
    t->translations_seen++;
    while (!done) {
        uint32_t w = tcg_code_ld32(cpu, pc, 0);
        unsigned op = w >> 28, rd = (w >> 24) & 7u, rs = (w >> 20) & 7u;
        uint32_t imm = (uint32_t)(int32_t)(int16_t)(w & 0xffffu);
        uint32_t cost = TOY_C_ALU;
        tcg_gen_insn_start(s, pc, cycles, 0);
        switch (op) {
        case TOY_ADDI:
            tcg_gen_addi(s, t->g_r[rd], t->g_r[rs], imm);
            cost = TOY_C_ADDI;
            break;
        case TOY_LDW: case TOY_STW: {
            tcg_val a = tcg_temp(s);
            tcg_gen_addi(s, a, t->g_r[rs], imm);
            if (op == TOY_LDW)
                tcg_gen_qemu_ld(s, t->g_r[rd], a, TCG_MEMOP(TCG_MO_32, 0));
            else
                tcg_gen_qemu_st(s, t->g_r[rd], a, TCG_MEMOP(TCG_MO_32, 0));
            cost = TOY_C_MEM;
            break;
        }
        case TOY_BNE: {
            uint32_t l = tcg_label(s);
            tcg_gen_brcondi(s, TCG_COND_NE, t->g_r[rd], 0, l);
            tcg_gen_movi(s, t->g_pc, pc + 4);
            tcg_gen_goto_tb(s, 0);
            tcg_gen_set_label(s, l);
            tcg_gen_movi(s, t->g_pc, pc + 4 + imm * 4);
            tcg_gen_goto_tb(s, 1);
            cost = TOY_C_BR;
            done = true;
            break;
        }
        case TOY_B:
            tcg_gen_movi(s, t->g_pc, pc + 4 + imm * 4);
            tcg_gen_goto_tb(s, 0);
            cost = TOY_C_BR;
            done = true;
            break;
        case TOY_WFI:
            tcg_gen_movi(s, t->g_pc, pc + 4);
            tcg_gen_call(s, t->h_wfi, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
            done = true;
            break;
        case TOY_EXIT:
            tcg_gen_call(s, t->h_exit, TCG_VAL_NONE, t->g_r[0], TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
            tcg_gen_movi(s, t->g_pc, pc + 4);
            tcg_gen_exit_tb(s);
            done = true;
            break;
        case TOY_FLUSH:
            tcg_gen_call(s, t->h_flush, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
            break;
        case TOY_JR:
            tcg_gen_mov(s, t->g_pc, t->g_r[rs]);
            tcg_gen_exit_tb(s);
            cost = TOY_C_BR;
            done = true;
            break;
        case TOY_UDF:
        default:
            tcg_gen_movi(s, t->g_pc, pc);
            tcg_gen_call(s, t->h_udf, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE, TCG_VAL_NONE);
            done = true;
            break;
        }
        cycles += cost;
        n++;
        pc += 4;
        if (!done && (n >= max_insns || (pc & TCG_PAGE_MASK) != (tb->pc & TCG_PAGE_MASK))) {
            tcg_gen_movi(s, t->g_pc, pc);
            tcg_gen_goto_tb(s, 0);
            done = true;
        }
    }
    /* a helper that never returns still needs a TB end after it */
    if (s->n_ops && s->ops[s->n_ops - 1].opc == TCG_OP_call)
        tcg_gen_exit_tb(s);
    tb->size = pc - tb->pc;
    tb->icount = n;
    tb->cycles = cycles;
}

const tcg_target_ops toy_target_ops = {
    .name = "toy",
    .get_tb_state = toy_get_tb_state,
    .translate = toy_translate,
    .tlb_fill = toy_tlb_fill,
    .exec_interrupt = toy_exec_interrupt,
    .do_interrupt = toy_do_interrupt,
    .restore_state = toy_restore_state,
    .bus_fault = toy_bus_fault,
};

bool toy_init(toy_cpu *t)
{
    return toy_init_arena(t, 0);
}

bool toy_init_arena(toy_cpu *t, size_t tb_arena_size)
{
    return toy_init_backend(t, tb_arena_size, TOY_BACKEND);
}

bool toy_init_backend(toy_cpu *t, size_t tb_arena_size, const char *backend)
{
    memset(t, 0, sizeof(*t));
    t->common.tb_arena_size = tb_arena_size;
    tcg_bus_map_init(&t->map);
    t->ram = tcg_bus_map_add_ram(&t->map, 0, TOY_RAM_SIZE, NULL);
    if (!t->ram)
        return false;
    t->common.bus = tcg_bus_map_bus(&t->map);
    t->fault_lo = t->fault_hi = 0;
    t->last_excp = -1;
    if (!tcg_cpu_init(&t->common, &toy_target_ops, backend))
        return false;
    static const char *const names[8] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
    tcg_ctx *s = t->common.ctx;
    for (int i = 0; i < 8; i++)
        t->g_r[i] = tcg_global(s, offsetof(toy_cpu, r) + 4u * (unsigned)i, names[i]);
    t->g_pc = tcg_global(s, offsetof(toy_cpu, pc), "pc");
    t->h_wfi = tcg_helper_register(s, helper_wfi, "wfi", 0);
    t->h_udf = tcg_helper_register(s, helper_udf, "udf", TCG_CALL_NO_WG);
    t->h_exit = tcg_helper_register(s, helper_exit, "exit", TCG_CALL_NO_WG);
    t->h_flush = tcg_helper_register(s, helper_flush, "flush", TCG_CALL_NO_RWG);
    return !s->overflow;
}

void toy_destroy(toy_cpu *t)
{
    tcg_cpu_destroy(&t->common);
    tcg_bus_map_destroy(&t->map);
}

void toy_load(toy_cpu *t, uint32_t addr, const uint32_t *words, unsigned n)
{
    memcpy(t->ram + addr, words, n * 4u);
}

bool toy_run_ir(toy_cpu *t, bool optimize)
{
    tcg_cpu *cpu = &t->common;
    tcg_ctx *s = cpu->ctx;
    tcg_tb_flush(cpu);
    if (optimize)
        tcg_optimize(s);
    tcg_tb *tb = tcg_tbs_alloc(cpu, sizeof(tcg_tb));
    if (!tb)
        return false;
    memset(tb, 0, sizeof(*tb));
    tb->page[0] = tb->page[1] = ~(uint64_t)0;
    if (!cpu->backend->ops->compile(cpu, s, tb))
        return false;
    if ((cpu->log.mask & TCG_LOG_OUT_ASM) && cpu->backend->ops->dump)
        cpu->backend->ops->dump(cpu, tb, cpu->log.file ? cpu->log.file : stderr);
    cpu->in_exec = true;
    if (sigsetjmp(cpu->jmp_env, 0) == 0)
        (void)cpu->backend->ops->exec(cpu, tb);
    cpu->in_exec = false;
    return true;
}
