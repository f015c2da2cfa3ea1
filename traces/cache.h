/*
 * Configurable set-associative cache model for trace-driven analysis:
 * L1 instruction and data caches and an optional unified L2, fed with
 * instruction fetches (trace_insn) and data accesses (trace_mem), with
 * misses attributed to the function of the instruction that caused them.
 *
 * One level: size, line and ways (powers of two; sets = size/line/ways),
 * replacement LRU, FIFO or random (xorshift64 seeded from the config, so
 * runs are repeatable), write-back or write-through, write-allocate or
 * not.  Semantics, per line-sized piece of an access:
 *   read hit/miss: on a miss the line is filled from the next level (a
 *     read of the line there) after evicting a victim; a dirty victim of a
 *     write-back cache is written to the next level first;
 *   write hit: write-back marks the line dirty, write-through also writes
 *     the next level;
 *   write miss: with write-allocate as a read miss then a write hit; without,
 *     the write goes to the next level only.
 * LRU touches on every hit; FIFO only on fills.  An invalid way is always
 * filled before anything is evicted.
 *
 * Spec string (command line): "SIZE,LINE,WAYS,POLICY[,wb|wt][,wa|nwa]",
 * SIZE with optional k/m suffix, POLICY lru|fifo|random:
 *   --l1d 16k,32,4,lru   --l1i 16k,32,4,lru   --l2 256k,64,8,lru,wb,wa
 * Defaults: write-back, write-allocate.
 */
#ifndef TRACES_CACHE_H
#define TRACES_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "traces/trace-events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum trace_cache_policy {
    TRACE_CACHE_LRU = 0,
    TRACE_CACHE_FIFO = 1,
    TRACE_CACHE_RANDOM = 2,
} trace_cache_policy;

typedef struct trace_cache_config {
    uint32_t size, line, ways;
    trace_cache_policy policy;
    bool write_through;        /* default false: write-back            */
    bool no_write_allocate;    /* default false: write-allocate        */
    uint64_t seed;             /* random policy; 0: a fixed default    */
} trace_cache_config;

typedef struct trace_cache_stats {
    uint64_t reads, writes, read_misses, write_misses, writebacks, evictions;
} trace_cache_stats;

typedef struct trace_cache trace_cache;
struct trace_cache {
    char name[8];
    trace_cache_config cfg;
    uint32_t sets, line_shift;
    uint64_t *tag;             /* sets*ways; line address                */
    uint64_t *stamp;           /* LRU: last use; FIFO: fill time          */
    uint8_t *flags;            /* bit0 valid, bit1 dirty                  */
    uint64_t tick, rng;
    trace_cache_stats st;
    trace_cache *next;         /* next level, or NULL (memory)           */
};

/* Parses a spec string (see above); message in err on failure. */
TRACE_WUR bool trace_cache_parse(const char *spec, trace_cache_config *out, char *err, size_t err_len);
TRACE_WUR bool trace_cache_init(trace_cache *c, const char *name, const trace_cache_config *cfg,
                                trace_cache *next, char *err, size_t err_len);
void trace_cache_free(trace_cache *c);
/* One access of `size` bytes (split at line boundaries); returns the
 * number of line pieces that missed. */
unsigned trace_cache_access(trace_cache *c, uint64_t addr, unsigned size, bool is_write);

/* ---- hierarchy with per-function attribution ------------------------- */

/* Maps a pc to a function index (0..n-1), or -1 when unknown. */
typedef long (*trace_cache_sym_fn)(void *opaque, uint64_t pc);

typedef struct trace_cache_fn_stats {
    uint64_t i_accesses, i_misses, d_accesses, d_misses, l2_misses;
} trace_cache_fn_stats;

typedef struct trace_cache_hier {
    trace_cache l1i, l1d, l2;
    bool has_l1i, has_l1d, has_l2;
    trace_cache_sym_fn sym;
    void *sym_opaque;
    trace_cache_fn_stats *fn;  /* indexed by function; [n_fn] = unknown  */
    size_t n_fn;
    bool physical;             /* index with physical addresses         */
} trace_cache_hier;

/* Any of the configs may be NULL (level absent).  n_functions: how many
 * indices sym may return. */
TRACE_WUR bool trace_cache_hier_init(trace_cache_hier *h, const trace_cache_config *l1i,
                                     const trace_cache_config *l1d, const trace_cache_config *l2,
                                     trace_cache_sym_fn sym, void *sym_opaque, size_t n_functions,
                                     char *err, size_t err_len);
void trace_cache_hier_free(trace_cache_hier *h);
void trace_cache_hier_fetch(trace_cache_hier *h, uint64_t pc, uint64_t addr, unsigned size);
void trace_cache_hier_data(trace_cache_hier *h, uint64_t pc, uint64_t addr, unsigned size,
                           bool is_write);
/* Sink: instruction fetches (executed or not) and data accesses. */
trace_sink trace_cache_hier_sink(trace_cache_hier *h);

#ifdef __cplusplus
}
#endif

#endif
