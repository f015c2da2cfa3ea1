/*
 * Plugin host: loads plugins (dlopen) from "-plugin FILE.so[,k=v...]"
 * specs, and dispatches to the callbacks they registered.  The plugin
 * side of the ABI is traces/plugin-api.h.
 *
 * What the CPU side calls (contract for the lead's wiring):
 *   at TB translation, when trace_plugin_host_active(host):
 *       instr = trace_plugin_tb_translate(host, tb_vaddr, insns, n);
 *     insns[i] describes guest instruction i of the TB (pc, opcode, size,
 *     isa, disassembly callback).  NULL means no plugin instrumented this
 *     TB: translate it exactly as without plugins.  Otherwise keep instr
 *     with the TB and emit helper calls only where asked:
 *       instr->tb_exec.n            -> trace_plugin_tb_exec(instr, cpu) at TB entry
 *       instr->insn_exec[i].n       -> trace_plugin_insn_exec(instr, i, cpu) before insn i
 *       instr->mem[i].n             -> trace_plugin_mem(instr, i, cpu, vaddr, size,
 *                                      is_store, value) after each access of insn i
 *     and call trace_plugin_tb_instr_free(instr) when the TB is dropped;
 *   when an exception is taken: trace_plugin_exception(host, cpu, &exc);
 *   at the end of the run: trace_plugin_host_exit(host) (atexit callbacks),
 *     then trace_plugin_host_free(host).
 * All state is in the host struct; several hosts can coexist.
 */
#ifndef TRACES_PLUGIN_HOST_H
#define TRACES_PLUGIN_HOST_H

#include <stdio.h>

#include "traces/plugin-api.h"
#include "traces/trace-events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct trace_plugin_cb {
    void (*fn)(void);          /* cast to the registered type on call    */
    void *udata;
    uint8_t rw;                /* memory callbacks: cosim_plugin_mem_rw  */
} trace_plugin_cb;

typedef struct trace_plugin_cb_list {
    trace_plugin_cb *v;
    uint32_t n, cap;
} trace_plugin_cb_list;

/* Instrumentation of one TB (what the front end must call). */
typedef struct trace_plugin_tb_instr {
    uint64_t vaddr;
    size_t n_insns;
    trace_plugin_cb_list tb_exec;
    trace_plugin_cb_list *insn_exec;   /* n_insns lists */
    trace_plugin_cb_list *mem;         /* n_insns lists */
    uint64_t *insn_vaddr;              /* for memory callbacks            */
} trace_plugin_tb_instr;

typedef struct trace_plugin trace_plugin;   /* one loaded plugin (private) */

typedef struct trace_plugin_host {
    trace_plugin **plugins;
    size_t n_plugins;
    FILE *out;
    cosim_plugin_info info;
    char target[16];
} trace_plugin_host;

void trace_plugin_host_init(trace_plugin_host *h, FILE *out, const char *target_name, unsigned n_cpus);
/* Loads and installs one plugin; on failure a one-line message in err
 * and nothing stays loaded. */
TRACE_WUR bool trace_plugin_host_load(trace_plugin_host *h, const char *spec, char *err, size_t err_len);
/* True when any plugin wants TB translation callbacks. */
bool trace_plugin_host_active(const trace_plugin_host *h);
trace_plugin_tb_instr *trace_plugin_tb_translate(trace_plugin_host *h, uint64_t vaddr,
                                                 const trace_insn *insns, size_t n);
void trace_plugin_tb_instr_free(trace_plugin_tb_instr *instr);
void trace_plugin_tb_exec(const trace_plugin_tb_instr *instr, unsigned cpu);
void trace_plugin_insn_exec(const trace_plugin_tb_instr *instr, size_t i, unsigned cpu);
void trace_plugin_mem(const trace_plugin_tb_instr *instr, size_t i, unsigned cpu, uint64_t vaddr,
                      unsigned size, bool is_store, uint64_t value);
void trace_plugin_exception(trace_plugin_host *h, unsigned cpu, const trace_exc *e);
void trace_plugin_host_exit(trace_plugin_host *h);
void trace_plugin_host_free(trace_plugin_host *h);

/* Splits "FILE.so,a=1,arg=x" into path and argv (argv[i] malloc'd; the
 * legacy "arg=" prefix removed).  false on an empty file name. */
TRACE_WUR bool trace_plugin_parse_spec(const char *spec, char **path, int *argc, char ***argv);
void trace_plugin_free_args(char *path, int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif
