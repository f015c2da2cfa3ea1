/*
 * Breakpoint/watchpoint set (see bpset.h).  Linear scans: gdb rarely has
 * more than a handful of entries, and the watchpoint bound keeps the
 * per-access check cheap when none is near.
 */
#include "bpset.h"

#include <string.h>

static bool is_wp(gdb_bp_type t)
{
    return t == GDB_WP_WRITE || t == GDB_WP_READ || t == GDB_WP_ACCESS;
}

static void recompute_bound(gdb_bpset *s)
{
    s->n_wp = 0;
    s->wp_lo = UINT64_MAX;
    s->wp_hi = 0;
    for (unsigned i = 0; i < s->n; i++) {
        if (!is_wp(s->e[i].type))
            continue;
        s->n_wp++;
        uint64_t lo = s->e[i].addr;
        uint64_t hi = lo + s->e[i].len < lo ? UINT64_MAX : lo + s->e[i].len;
        if (lo < s->wp_lo)
            s->wp_lo = lo;
        if (hi > s->wp_hi)
            s->wp_hi = hi;
    }
}

void gdb_bpset_init(gdb_bpset *s)
{
    memset(s, 0, sizeof *s);
    recompute_bound(s);
}

int gdb_bpset_insert(gdb_bpset *s, gdb_bp_type type, uint64_t addr, uint64_t len)
{
    if ((unsigned)type > GDB_WP_ACCESS || (is_wp(type) && len == 0))
        return GDB_ERR_INVAL;
    if (s->n >= GDB_BPSET_MAX)
        return GDB_ERR_NOSPACE;
    s->e[s->n++] = (gdb_bp){ type, addr, len };
    recompute_bound(s);
    return GDB_OK;
}

int gdb_bpset_remove(gdb_bpset *s, gdb_bp_type type, uint64_t addr, uint64_t len)
{
    for (unsigned i = 0; i < s->n; i++) {
        const gdb_bp *b = &s->e[i];
        /* a breakpoint is removed by address whatever kind gdb passes
         * (gdb may re-derive the kind differently at removal time) */
        if (b->type == type && b->addr == addr && (!is_wp(type) || b->len == len)) {
            s->e[i] = s->e[--s->n];
            recompute_bound(s);
            return GDB_OK;
        }
    }
    return GDB_ERR_INVAL;
}

bool gdb_bpset_bp_at(const gdb_bpset *s, uint64_t pc, bool *hw)
{
    bool found = false, sw = false;
    for (unsigned i = 0; i < s->n; i++) {
        if (s->e[i].addr != pc || is_wp(s->e[i].type))
            continue;
        found = true;
        if (s->e[i].type == GDB_BP_SW)
            sw = true;
    }
    if (found && hw)
        *hw = !sw;
    return found;
}

bool gdb_bpset_bp_in_range(const gdb_bpset *s, uint64_t lo, uint64_t hi)
{
    for (unsigned i = 0; i < s->n; i++)
        if (!is_wp(s->e[i].type) && s->e[i].addr >= lo && s->e[i].addr < hi)
            return true;
    return false;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    /* [a, a+alen) and [b, b+blen), written to survive wrap at 2^64 */
    return alen && blen && (a >= b ? a - b < blen : b - a < alen);
}

bool gdb_bpset_wp_in_range(const gdb_bpset *s, uint64_t lo, uint64_t hi)
{
    if (s->n_wp == 0 || hi <= lo || hi <= s->wp_lo || lo >= s->wp_hi)
        return false;
    for (unsigned i = 0; i < s->n; i++)
        if (is_wp(s->e[i].type) && overlaps(lo, hi - lo, s->e[i].addr, s->e[i].len))
            return true;
    return false;
}

bool gdb_bpset_check_access(const gdb_bpset *s, uint64_t addr, unsigned len, bool is_write,
                            gdb_stop_event *ev)
{
    if (s->n_wp == 0 || addr >= s->wp_hi || addr + len <= s->wp_lo)
        return false;
    for (unsigned i = 0; i < s->n; i++) {
        const gdb_bp *b = &s->e[i];
        if (!is_wp(b->type) || !overlaps(addr, len, b->addr, b->len))
            continue;
        if ((b->type == GDB_WP_WRITE && !is_write) || (b->type == GDB_WP_READ && is_write))
            continue;
        if (ev) {
            memset(ev, 0, sizeof *ev);
            ev->reason = GDB_STOP_WATCHPOINT;
            ev->wp_type = b->type;
            /* report the watched address gdb knows, or the accessed byte
             * inside it: gdb matches either against its watch list */
            ev->wp_addr = addr > b->addr ? addr : b->addr;
        }
        return true;
    }
    return false;
}
