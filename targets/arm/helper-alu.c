/*
 * ARM ALU helpers: the ARMv5TE saturating arithmetic (QADD, QSUB, QDADD,
 * QDSUB) and the Q-flag-setting accumulate of SMLAxy/SMLAWy.
 *
 * Each saturates to the signed 32-bit range and sets the sticky QF when
 * it does (ARM DDI 0100I A4.1.46-49, A4.1.74, A4.1.76); QF is never
 * cleared here.  They write QF, a registered global, so they are
 * registered without TCG_CALL_NO_RWG (translate.c).
 */
#include <stdint.h>

#include "targets/arm/cpu.h"
#include "targets/arm/helper.h"

static int32_t arm_sat32(arm_cpu *cpu, int64_t v)
{
    if (v > INT32_MAX) {
        cpu->QF = 1;
        return INT32_MAX;
    }
    if (v < INT32_MIN) {
        cpu->QF = 1;
        return INT32_MIN;
    }
    return (int32_t)v;
}

/* a0 = Rm, a1 = Rn: Rd = SAT(Rm + Rn) */
ARM_HELPER_(qadd)
{
    return (uint32_t)arm_sat32(env, (int64_t)(int32_t)a0 + (int32_t)a1);
}

/* Rd = SAT(Rm - Rn) */
ARM_HELPER_(qsub)
{
    return (uint32_t)arm_sat32(env, (int64_t)(int32_t)a0 - (int32_t)a1);
}

/* Rd = SAT(Rm + SAT(Rn * 2)); either saturation sets Q */
ARM_HELPER_(qdadd)
{
    int32_t d = arm_sat32(env, 2 * (int64_t)(int32_t)a1);
    return (uint32_t)arm_sat32(env, (int64_t)(int32_t)a0 + d);
}

/* Rd = SAT(Rm - SAT(Rn * 2)) */
ARM_HELPER_(qdsub)
{
    int32_t d = arm_sat32(env, 2 * (int64_t)(int32_t)a1);
    return (uint32_t)arm_sat32(env, (int64_t)(int32_t)a0 - d);
}

/* a0 + a1 modulo 2^32; Q set on signed overflow (the sum is not saturated) */
ARM_HELPER_(add_setq)
{
    arm_cpu *cpu = env;
    uint32_t r = a0 + a1;
    if (~(a0 ^ a1) & (a0 ^ r) & 0x80000000u)
        cpu->QF = 1;
    return r;
}
