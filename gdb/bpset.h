/*
 * A small set of breakpoints and watchpoints with the queries a CPU loop
 * needs.  The stub uses one to remember what the current client inserted
 * (so a disconnect or detach removes everything); the CPU side can use
 * one as its own store behind gdb_debug_if.insert_bp/remove_bp.
 *
 * Semantics (GDB manual, "Z packets"): entries are counted, so inserting
 * the same breakpoint twice needs two removals; a watchpoint covers
 * [addr, addr + len) and matches any access that overlaps it; type
 * ACCESS matches reads and writes.  Breakpoints match on the exact
 * address of an instruction (kind is kept but not used for matching).
 *
 * Invariant: n <= GDB_BPSET_MAX; wp_lo/wp_hi bound every watchpoint so the
 * common "no watchpoint near this access" answer costs two compares.
 */
#ifndef GDB_BPSET_H
#define GDB_BPSET_H

#include <stdbool.h>
#include <stdint.h>

#include "debug-if.h"

#define GDB_BPSET_MAX 64

typedef struct gdb_bp {
    gdb_bp_type type;
    uint64_t addr;
    uint64_t len;           /* breakpoint kind, or watched length */
} gdb_bp;

typedef struct gdb_bpset {
    gdb_bp e[GDB_BPSET_MAX];
    unsigned n;
    unsigned n_wp;          /* how many entries are watchpoints        */
    uint64_t wp_lo, wp_hi;  /* union bound of watchpoints: [lo, hi)    */
} gdb_bpset;

void gdb_bpset_init(gdb_bpset *s);
/* GDB_OK, GDB_ERR_NOSPACE or GDB_ERR_INVAL (zero-length watchpoint). */
GDB_WUR int gdb_bpset_insert(gdb_bpset *s, gdb_bp_type type, uint64_t addr, uint64_t len);
/* GDB_OK or GDB_ERR_INVAL (no such entry). */
GDB_WUR int gdb_bpset_remove(gdb_bpset *s, gdb_bp_type type, uint64_t addr, uint64_t len);
/* Is there a (software or hardware) breakpoint at pc?  *hw tells which
 * (software wins when both exist); hw may be NULL. */
bool gdb_bpset_bp_at(const gdb_bpset *s, uint64_t pc, bool *hw);
/* Does [lo, hi) contain a breakpoint?  (For translation: a TB that covers
 * one must check before that instruction.) */
bool gdb_bpset_bp_in_range(const gdb_bpset *s, uint64_t lo, uint64_t hi);
/* Could any access within [lo, hi) hit a watchpoint?  (For the TLB: such
 * a page must take the slow path even when DMI-backed.) */
bool gdb_bpset_wp_in_range(const gdb_bpset *s, uint64_t lo, uint64_t hi);
/* Check one access of len bytes at addr; on a hit fill *ev (reason
 * WATCHPOINT, the matching type and the watched address) and return true. */
bool gdb_bpset_check_access(const gdb_bpset *s, uint64_t addr, unsigned len, bool is_write,
                            gdb_stop_event *ev);

#endif
