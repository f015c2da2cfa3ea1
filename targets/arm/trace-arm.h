/*
 * Instruction tracing and plugin instrumentation for the ARM front end:
 * what the embedding calls to turn tracing on (arm_trace_attach) and the
 * hooks translate.c and cpu.c call.  The event contract is
 * traces/trace-events.h; the plugin contract traces/plugin-host.h.
 *
 * Zero cost when off: cpu->common.trace is NULL, arm_tb_flags never sets
 * ARM_TBFLAG_TRACE, and the front end emits no trace code.  With tracing
 * on, every TB carries ARM_TBFLAG_TRACE (traced and untraced TBs are never
 * mixed) and gets helper calls only for what the sinks/plugins want:
 *   - one call before each instruction (trace_insn; the register writes
 *     of the previous instruction are reported from it, see trace-arm.c);
 *   - one call after each data access (trace_mem, plugin memory callbacks);
 *   - plugin TB / instruction execution callbacks where a plugin asked.
 */
#ifndef ARM_TRACE_ARM_H
#define ARM_TRACE_ARM_H

#include <stdbool.h>
#include <stdint.h>

#include "targets/arm/cpu.h"
#include "traces/plugin-host.h"
#include "traces/trace-events.h"

#ifdef __cplusplus
extern "C" {
#endif

/* SystemC time in picoseconds of a CPU cycle count (the bridge knows how
 * the CPU's cycles map to simulated time); NULL: ps = 0. */
typedef uint64_t (*arm_trace_time_fn)(void *opaque, uint64_t cycles);

/* Turn tracing on: events go to hub (may be NULL: plugins only), plugin
 * callbacks to plugins (may be NULL).  Call before the CPU runs (TBs
 * translated before are not traced; they are flushed).  false: out of
 * memory, or nothing to trace. */
__attribute__((warn_unused_result))
bool arm_trace_attach(arm_cpu *cpu, trace_hub *hub, trace_plugin_host *plugins,
                      arm_trace_time_fn time_fn, void *time_opaque);
/* Report the register writes still pending (end of the run).  Safe to
 * call when tracing is off. */
void arm_trace_flush(arm_cpu *cpu);
/* Turn tracing off and free its state (and every plugin instrumentation
 * of the TBs); the TB cache is flushed. */
void arm_trace_detach(arm_cpu *cpu);
/* Instructions reported so far (the last trace_insn count). */
uint64_t arm_trace_count(const arm_cpu *cpu);

/* ---- hooks (cpu.c, translate.c) ---------------------------------------- */

/* Exception entry (arm_take_exception): begin before the state changes,
 * end after (lr, pc and CPSR hold the handler's state). */
void arm_trace_exc_begin(arm_cpu *cpu, int excp);
void arm_trace_exc_end(arm_cpu *cpu, int excp);
/* tcg_target_ops.tb_drop */
void arm_trace_tb_drop(tcg_cpu *cpu, tcg_tb *tb);

#ifdef __cplusplus
}
#endif

#endif
