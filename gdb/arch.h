/*
 * Register layouts in gdb numbering, target descriptions (qXfer XML) and a
 * small text sink used by the monitor.
 *
 * A gdb_arch is pure data: the one source of truth for the 'g' packet
 * (registers with in_g set, in table order, which must be ascending gdb
 * number), for p/P range checks, for the target.xml the stub serves and
 * for "monitor info registers".  Layouts for each guest live here as const
 * tables (arch-arm.c; SH4 adds arch-sh4.c); they know nothing of the
 * target's C structs, which map gdb numbers to state themselves.
 *
 * Spec: GDB manual, "Target Descriptions" (features org.gnu.gdb.arm.core,
 * org.gnu.gdb.arm.vfp, org.gnu.gdb.arm.neon).
 */
#ifndef GDB_ARCH_H
#define GDB_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug-if.h"

typedef struct gdb_reg_desc {
    const char *name;       /* gdb name: "r0", "sp", "cpsr", "d0", "fpscr" */
    uint16_t regnum;        /* gdb register number                         */
    uint8_t size;           /* bytes                                       */
    bool in_g;              /* carried in the g/G packet                   */
    const char *type;       /* XML type: "uint32", "data_ptr", "code_ptr", "ieee_double", "int" */
    const char *group;      /* XML group or NULL                            */
    uint8_t feature;        /* index into gdb_arch.features                */
} gdb_reg_desc;

struct gdb_arch {
    const char *name;           /* "arm", "arm+vfp-d16" (for logs)              */
    const char *xml_arch;       /* <architecture>; NULL: no target description */
    const char *const *features;/* feature names, indexed by gdb_reg_desc.feature */
    unsigned nfeatures;         /* including register-less features (neon)     */
    const gdb_reg_desc *regs;   /* ascending regnum                             */
    unsigned nregs;
};

/* ARM layouts: core (r0-r12, sp, lr, pc, cpsr = 25), and core + VFP. */
extern const gdb_arch gdb_arch_arm;            /* ARM926EJ-S (no VFP)           */
extern const gdb_arch gdb_arch_arm_vfp_d16;    /* VFPv2/v3-D16: d0-d15 + fpscr  */
extern const gdb_arch gdb_arch_arm_vfp_d32;    /* VFPv3-D32/NEON: d0-d31 + fpscr + neon */
/* SH-4 (arch-sh4.c): gdb's "sh4" numbering, 59 registers, no XML. */
extern const gdb_arch gdb_arch_sh4;

/* Register by gdb number, or NULL. */
const gdb_reg_desc *gdb_arch_reg(const gdb_arch *a, int regnum);
/* Bytes of the g packet (sum of in_g register sizes). */
size_t gdb_arch_g_size(const gdb_arch *a);

/* ---- text sink: grows up to a bound, then silently truncates ---- */
struct gdb_text {
    char *buf;
    size_t len, cap, limit;
    bool truncated;
};
void gdb_text_init(gdb_text *t, size_t limit);
void gdb_text_free(gdb_text *t);
void gdb_text_printf(gdb_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gdb_text_append(gdb_text *t, const char *s, size_t n);

/* Write the target description of `a` (the whole target.xml) into t.
 * Returns false if the arch has no description. */
GDB_WUR bool gdb_arch_xml(const gdb_arch *a, gdb_text *t);

#endif
