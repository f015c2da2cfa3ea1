/*
 * SH-4 register layout in gdb numbering (data only).
 *
 * Facts (gdb's sh-tdep.c "sh4" register numbering, as QEMU's SH4 stub
 * serves it): 59 32-bit registers in target byte order -- 0-15 r0-r15,
 * 16 pc, 17 pr, 18 gbr, 19 vbr, 20 mach, 21 macl, 22 sr, 23 fpul,
 * 24 fpscr, 25-40 fr0-fr15, 41 ssr, 42 spc, 43-50 r0b0-r7b0 (bank 0),
 * 51-58 r0b1-r7b1 (bank 1).  gdb has no target-description feature for
 * SuperH, so there is no XML (xml_arch NULL): the user picks the layout
 * with "set architecture sh4", and the 'g' packet carries all 59.
 * The values themselves come from targets/sh4/sh4-gdb.h.
 */
#include "arch.h"

#define R(n, num) { n, num, 4, true, "int", NULL, 0 }
#define P(n, num, t) { n, num, 4, true, t, NULL, 0 }
#define F(n, num) { n, num, 4, true, "ieee_single", "float", 0 }

static const char *const sh4_features[] = { "org.gnu.gdb.sh.core" };

static const gdb_reg_desc sh4_regs[] = {
    R("r0", 0), R("r1", 1), R("r2", 2), R("r3", 3), R("r4", 4), R("r5", 5), R("r6", 6), R("r7", 7),
    R("r8", 8), R("r9", 9), R("r10", 10), R("r11", 11), R("r12", 12), R("r13", 13), R("r14", 14),
    P("r15", 15, "data_ptr"), P("pc", 16, "code_ptr"), P("pr", 17, "code_ptr"), R("gbr", 18),
    P("vbr", 19, "code_ptr"), R("mach", 20), R("macl", 21), R("sr", 22), R("fpul", 23), R("fpscr", 24),
    F("fr0", 25), F("fr1", 26), F("fr2", 27), F("fr3", 28), F("fr4", 29), F("fr5", 30), F("fr6", 31),
    F("fr7", 32), F("fr8", 33), F("fr9", 34), F("fr10", 35), F("fr11", 36), F("fr12", 37), F("fr13", 38),
    F("fr14", 39), F("fr15", 40), R("ssr", 41), P("spc", 42, "code_ptr"),
    R("r0b0", 43), R("r1b0", 44), R("r2b0", 45), R("r3b0", 46), R("r4b0", 47), R("r5b0", 48),
    R("r6b0", 49), R("r7b0", 50),
    R("r0b1", 51), R("r1b1", 52), R("r2b1", 53), R("r3b1", 54), R("r4b1", 55), R("r5b1", 56),
    R("r6b1", 57), R("r7b1", 58),
};

const gdb_arch gdb_arch_sh4 = {
    "sh4", NULL, sh4_features, 1, sh4_regs, (unsigned)(sizeof(sh4_regs) / sizeof(sh4_regs[0])),
};
