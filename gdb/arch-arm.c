/*
 * ARM register layouts in gdb numbering (data only).
 *
 * Facts (GDB manual, "ARM Features"; gdb's own arm-core.xml numbering):
 * org.gnu.gdb.arm.core holds r0-r12, sp (13), lr (14), pc (15) and cpsr
 * as register 25 (16-24 are the legacy FPA registers, absent here).  The
 * optional org.gnu.gdb.arm.vfp feature holds d0-d15 or d0-d31 (64-bit)
 * and fpscr, numbered on from 26; an empty org.gnu.gdb.arm.neon feature
 * lets gdb build the q/s pseudo registers on a D32 VFP.  With a target
 * description the 'g' packet carries r0-r15 and cpsr (little-endian);
 * VFP registers are read one at a time with 'p'.
 */
#include "arch.h"

#define CORE(n, num, t) { n, num, 4, true, t, NULL, 0 }
#define DREG(n, num) { n, num, 8, false, "ieee_double", "float", 1 }

static const char *const arm_features_core[] = { "org.gnu.gdb.arm.core" };
static const char *const arm_features_vfp[] = { "org.gnu.gdb.arm.core", "org.gnu.gdb.arm.vfp" };
static const char *const arm_features_neon[] = { "org.gnu.gdb.arm.core", "org.gnu.gdb.arm.vfp",
                                                 "org.gnu.gdb.arm.neon" };

#define ARM_CORE_REGS                                                           \
    CORE("r0", 0, "int"), CORE("r1", 1, "int"), CORE("r2", 2, "int"),         \
    CORE("r3", 3, "int"), CORE("r4", 4, "int"), CORE("r5", 5, "int"),         \
    CORE("r6", 6, "int"), CORE("r7", 7, "int"), CORE("r8", 8, "int"),         \
    CORE("r9", 9, "int"), CORE("r10", 10, "int"), CORE("r11", 11, "int"),     \
    CORE("r12", 12, "int"), CORE("sp", 13, "data_ptr"), CORE("lr", 14, "int"), \
    CORE("pc", 15, "code_ptr"), CORE("cpsr", 25, "int")

#define ARM_D0_15                                                               \
    DREG("d0", 26), DREG("d1", 27), DREG("d2", 28), DREG("d3", 29),           \
    DREG("d4", 30), DREG("d5", 31), DREG("d6", 32), DREG("d7", 33),           \
    DREG("d8", 34), DREG("d9", 35), DREG("d10", 36), DREG("d11", 37),         \
    DREG("d12", 38), DREG("d13", 39), DREG("d14", 40), DREG("d15", 41)

static const gdb_reg_desc arm_regs_core[] = { ARM_CORE_REGS };

static const gdb_reg_desc arm_regs_vfp_d16[] = {
    ARM_CORE_REGS, ARM_D0_15,
    { "fpscr", 42, 4, false, "int", "float", 1 },
};

static const gdb_reg_desc arm_regs_vfp_d32[] = {
    ARM_CORE_REGS, ARM_D0_15,
    DREG("d16", 42), DREG("d17", 43), DREG("d18", 44), DREG("d19", 45),
    DREG("d20", 46), DREG("d21", 47), DREG("d22", 48), DREG("d23", 49),
    DREG("d24", 50), DREG("d25", 51), DREG("d26", 52), DREG("d27", 53),
    DREG("d28", 54), DREG("d29", 55), DREG("d30", 56), DREG("d31", 57),
    { "fpscr", 58, 4, false, "int", "float", 1 },
};

#define N(a) (unsigned)(sizeof(a) / sizeof((a)[0]))

const gdb_arch gdb_arch_arm = {
    "arm", "arm", arm_features_core, N(arm_features_core), arm_regs_core, N(arm_regs_core),
};
const gdb_arch gdb_arch_arm_vfp_d16 = {
    "arm+vfp-d16", "arm", arm_features_vfp, N(arm_features_vfp), arm_regs_vfp_d16, N(arm_regs_vfp_d16),
};
const gdb_arch gdb_arch_arm_vfp_d32 = {
    "arm+vfp-d32", "arm", arm_features_neon, N(arm_features_neon), arm_regs_vfp_d32, N(arm_regs_vfp_d32),
};
