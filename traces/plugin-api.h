/*
 * cosim plugin ABI (C), in the spirit of QEMU's TCG plugins, with our own
 * names.  A plugin is a shared object loaded with
 *     -plugin ./hotblocks.so,top=10,arg=verbose
 * that exports two symbols:
 *     COSIM_PLUGIN_EXPORT const uint32_t cosim_plugin_version = COSIM_PLUGIN_API_VERSION;
 *     COSIM_PLUGIN_EXPORT int cosim_plugin_install(cosim_plugin_ctx *ctx,
 *                                                  const cosim_plugin_info *info,
 *                                                  int argc, char **argv);
 * install returns 0 to accept, non-zero to refuse (the run stops with a
 * message).  argv holds the comma-separated items after the file name
 * ("top=10", "verbose": a legacy "arg=" prefix is removed); argv is valid
 * only during install (copy what you keep).
 *
 * Instrumentation is translated in only where a plugin asks for it: at TB
 * translation time the plugin sees the TB's instructions and registers
 * execution callbacks on the TB or on single instructions, and memory
 * callbacks on single instructions.  Instructions nobody instrumented run
 * without any call.  Global callbacks: TB translation, exception, exit.
 *
 * The plugin calls the host only through the function table behind the
 * handles (no symbol lookup in the host binary, no global state needed):
 * use the inline wrappers below.  Handles (ctx, tb, insn) are owned by the
 * host; tb and insn handles are valid only inside the TB translation
 * callback.  Callbacks run on the simulation thread, one at a time.
 *
 * Versioning: the host refuses a plugin whose cosim_plugin_version is
 * greater than its own COSIM_PLUGIN_API_VERSION, or older than
 * COSIM_PLUGIN_API_MIN_VERSION.  New functions are only appended to the
 * table; `size` tells a plugin how much of it the host provides.
 */
#ifndef COSIM_PLUGIN_API_H
#define COSIM_PLUGIN_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define COSIM_PLUGIN_API_VERSION 1
#define COSIM_PLUGIN_API_MIN_VERSION 1
#define COSIM_PLUGIN_EXPORT __attribute__((visibility("default")))

typedef struct cosim_plugin_api cosim_plugin_api;

/* Handles: the first member is the host's function table; the rest is
 * private to the host. */
typedef struct cosim_plugin_ctx { const cosim_plugin_api *api; } cosim_plugin_ctx;
typedef struct cosim_plugin_tb { const cosim_plugin_api *api; } cosim_plugin_tb;
typedef struct cosim_plugin_insn { const cosim_plugin_api *api; } cosim_plugin_insn;

typedef struct cosim_plugin_info {
    uint32_t api_version;          /* the host's COSIM_PLUGIN_API_VERSION   */
    const char *target_name;       /* "arm", ...                             */
    unsigned n_cpus;
} cosim_plugin_info;

typedef enum cosim_plugin_mem_rw {
    COSIM_PLUGIN_MEM_R = 1,
    COSIM_PLUGIN_MEM_W = 2,
    COSIM_PLUGIN_MEM_RW = 3,
} cosim_plugin_mem_rw;

typedef struct cosim_plugin_mem_info {
    uint64_t vaddr;
    uint64_t value;
    uint8_t size;                  /* bytes */
    bool is_store;
} cosim_plugin_mem_info;

typedef struct cosim_plugin_exc_info {
    uint32_t number;
    const char *name;
    uint64_t return_addr, handler;
} cosim_plugin_exc_info;

typedef void (*cosim_plugin_tb_trans_cb)(cosim_plugin_ctx *ctx, void *udata, cosim_plugin_tb *tb);
typedef void (*cosim_plugin_exec_cb)(unsigned cpu_index, void *udata);
typedef void (*cosim_plugin_mem_cb)(unsigned cpu_index, const cosim_plugin_mem_info *info, void *udata);
typedef void (*cosim_plugin_exc_cb)(unsigned cpu_index, const cosim_plugin_exc_info *info, void *udata);
typedef void (*cosim_plugin_exit_cb)(cosim_plugin_ctx *ctx, void *udata);

struct cosim_plugin_api {
    uint32_t version;
    uint32_t size;                 /* sizeof(cosim_plugin_api) of the host  */
    void (*register_tb_trans)(cosim_plugin_ctx *ctx, cosim_plugin_tb_trans_cb cb, void *udata);
    void (*register_exception)(cosim_plugin_ctx *ctx, cosim_plugin_exc_cb cb, void *udata);
    void (*register_atexit)(cosim_plugin_ctx *ctx, cosim_plugin_exit_cb cb, void *udata);
    void (*register_tb_exec)(cosim_plugin_tb *tb, cosim_plugin_exec_cb cb, void *udata);
    void (*register_insn_exec)(cosim_plugin_insn *insn, cosim_plugin_exec_cb cb, void *udata);
    void (*register_mem)(cosim_plugin_insn *insn, cosim_plugin_mem_cb cb, cosim_plugin_mem_rw rw,
                         void *udata);
    size_t (*tb_n_insns)(const cosim_plugin_tb *tb);
    uint64_t (*tb_vaddr)(const cosim_plugin_tb *tb);
    cosim_plugin_insn *(*tb_get_insn)(cosim_plugin_tb *tb, size_t i);
    uint64_t (*insn_vaddr)(const cosim_plugin_insn *insn);
    uint32_t (*insn_opcode)(const cosim_plugin_insn *insn);
    size_t (*insn_size)(const cosim_plugin_insn *insn);
    bool (*insn_thumb)(const cosim_plugin_insn *insn);
    /* Disassembly into buf (NUL-terminated); "" when unknown. */
    void (*insn_disas)(const cosim_plugin_insn *insn, char *buf, size_t len);
    /* Text output (the -D log file, or stderr). */
    void (*outs)(cosim_plugin_ctx *ctx, const char *text);
};

/* Entry points a plugin defines. */
COSIM_PLUGIN_EXPORT extern const uint32_t cosim_plugin_version;
COSIM_PLUGIN_EXPORT int cosim_plugin_install(cosim_plugin_ctx *ctx, const cosim_plugin_info *info,
                                             int argc, char **argv);

/* ---- wrappers ---------------------------------------------------------- */

static inline void cosim_plugin_register_tb_trans_cb(cosim_plugin_ctx *ctx, cosim_plugin_tb_trans_cb cb,
                                                     void *udata)
{ ctx->api->register_tb_trans(ctx, cb, udata); }
static inline void cosim_plugin_register_exception_cb(cosim_plugin_ctx *ctx, cosim_plugin_exc_cb cb,
                                                      void *udata)
{ ctx->api->register_exception(ctx, cb, udata); }
static inline void cosim_plugin_register_atexit_cb(cosim_plugin_ctx *ctx, cosim_plugin_exit_cb cb,
                                                   void *udata)
{ ctx->api->register_atexit(ctx, cb, udata); }
static inline void cosim_plugin_register_tb_exec_cb(cosim_plugin_tb *tb, cosim_plugin_exec_cb cb,
                                                    void *udata)
{ tb->api->register_tb_exec(tb, cb, udata); }
static inline void cosim_plugin_register_insn_exec_cb(cosim_plugin_insn *insn, cosim_plugin_exec_cb cb,
                                                      void *udata)
{ insn->api->register_insn_exec(insn, cb, udata); }
static inline void cosim_plugin_register_mem_cb(cosim_plugin_insn *insn, cosim_plugin_mem_cb cb,
                                                cosim_plugin_mem_rw rw, void *udata)
{ insn->api->register_mem(insn, cb, rw, udata); }
static inline size_t cosim_plugin_tb_n_insns(const cosim_plugin_tb *tb) { return tb->api->tb_n_insns(tb); }
static inline uint64_t cosim_plugin_tb_vaddr(const cosim_plugin_tb *tb) { return tb->api->tb_vaddr(tb); }
static inline cosim_plugin_insn *cosim_plugin_tb_get_insn(cosim_plugin_tb *tb, size_t i)
{ return tb->api->tb_get_insn(tb, i); }
static inline uint64_t cosim_plugin_insn_vaddr(const cosim_plugin_insn *i) { return i->api->insn_vaddr(i); }
static inline uint32_t cosim_plugin_insn_opcode(const cosim_plugin_insn *i) { return i->api->insn_opcode(i); }
static inline size_t cosim_plugin_insn_size(const cosim_plugin_insn *i) { return i->api->insn_size(i); }
static inline bool cosim_plugin_insn_thumb(const cosim_plugin_insn *i) { return i->api->insn_thumb(i); }
static inline void cosim_plugin_insn_disas(const cosim_plugin_insn *i, char *buf, size_t len)
{ i->api->insn_disas(i, buf, len); }
static inline void cosim_plugin_outs(cosim_plugin_ctx *ctx, const char *text) { ctx->api->outs(ctx, text); }

#ifdef __cplusplus
}
#endif

#endif
