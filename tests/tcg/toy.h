/*
 * A toy guest for the translation-core tests.
 *
 * State: eight registers r0..r7 (IR globals), pc (global), a scratch area
 * reached with ld_env/st_env.  Instructions are 32-bit little-endian words:
 *   [31:28] op  [27:24] rd  [23:20] rs  [15:0] imm (sign-extended)
 *   ADDI rd, rs, imm   rd = rs + imm                       TOY_C_ADDI cycles
 *   LDW  rd, [rs+imm]  32-bit load                         TOY_C_MEM
 *   STW  rd, [rs+imm]  32-bit store of rd                  TOY_C_MEM
 *   BNE  rd, imm       if rd != 0: pc += 4 + imm*4 (goto_tb 1), else
 *                      fall through (goto_tb 0)            TOY_C_BR
 *   B    imm           pc += 4 + imm*4 (goto_tb 0)         TOY_C_BR
 *   WFI                halt until an interrupt             TOY_C_ALU
 *   UDF                raise TOY_EXCP_UDF                  TOY_C_ALU
 *   EXIT               end the run (exit code r0)          TOY_C_ALU
 *   JR   rs            pc = rs (exit_tb)                   TOY_C_BR
 *   FLUSH              helper: tcg_tb_flush from inside a TB TOY_C_ALU
 * Exceptions (do_interrupt): r7 = faulting pc, pc = vector.  The IRQ
 * (when irq_enabled): r6 = pc, pc = irq_vector, irq_enabled = false.
 * MMU: 1:1, except [fault_lo, fault_hi) which faults (TOY_EXCP_DABT /
 * TOY_EXCP_PABT for fetches).  Bus errors go to bus_fault (TOY_EXCP_BUS).
 *
 * The test harness can also run raw IR (gen callback) with or without
 * the optimizer (toy_run_ir), on the CPU's backend.
 */
#ifndef TESTS_TCG_TOY_H
#define TESTS_TCG_TOY_H

#include "tcg/bus-map.h"
#include "tcg/cpu.h"

/* The backend every toy CPU uses: the test binaries are built once per
 * backend (tcg_tests: interp, tcg_tests_jit: jit). */
#ifndef TOY_BACKEND
#define TOY_BACKEND "interp"
#endif

enum { TOY_ADDI = 1, TOY_LDW, TOY_STW, TOY_BNE, TOY_B, TOY_WFI, TOY_UDF, TOY_EXIT, TOY_JR, TOY_FLUSH };
enum { TOY_C_ALU = 1, TOY_C_ADDI = 1, TOY_C_MEM = 2, TOY_C_BR = 3 };
enum { TOY_EXCP_UDF = 1, TOY_EXCP_DABT = 2, TOY_EXCP_PABT = 3, TOY_EXCP_BUS = 4 };

typedef struct toy_cpu {
    tcg_cpu common;
    uint32_t r[8];
    uint32_t pc;
    uint32_t scratch[8];

    tcg_val g_r[8], g_pc;
    uint32_t h_wfi, h_udf, h_exit, h_flush;

    /* test knobs and observations */
    uint32_t vector, irq_vector;
    bool irq_enabled;
    uint32_t fault_lo, fault_hi;
    int last_excp;
    uint32_t excp_count, excp_pc;
    uint32_t bus_faults, bus_fault_addr;
    tcg_bus_status bus_fault_status;
    uint32_t translations_seen;

    tcg_bus_map map;
    uint8_t *ram;                     /* RAM at 0, TOY_RAM_SIZE bytes */
} toy_cpu;

#define TOY_RAM_SIZE 0x10000u

static inline uint32_t toy_insn(unsigned op, unsigned rd, unsigned rs, int imm)
{
    return ((uint32_t)op << 28) | ((uint32_t)rd << 24) | ((uint32_t)rs << 20) | ((uint32_t)imm & 0xffffu);
}

extern const tcg_target_ops toy_target_ops;

/* Create the toy CPU with RAM at 0 mapped through a bus map. */
bool toy_init(toy_cpu *t);
bool toy_init_arena(toy_cpu *t, size_t tb_arena_size);
bool toy_init_backend(toy_cpu *t, size_t tb_arena_size, const char *backend);
void toy_destroy(toy_cpu *t);
/* Write instruction words at addr (host side; no invalidation). */
void toy_load(toy_cpu *t, uint32_t addr, const uint32_t *words, unsigned n);

/* Raw IR: after tcg_ctx_reset + emitting ops (ending in exit_tb), run them
 * once, optimized or not.  Returns false if compilation failed. */
bool toy_run_ir(toy_cpu *t, bool optimize);

#endif
