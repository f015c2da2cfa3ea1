/*
 * Integer and system helpers called from translated SH-4 code
 * (declared in translate.h): exceptions, TRAPA, SLEEP, SR/FPSCR writes,
 * DIV1, MAC, LDTLB, PREF, RTE.
 *
 * DIV1 and MAC follow the operation descriptions of the SH-4 Software
 * Manual (REJ09B0318): DIV1 one step of non-restoring division with
 * Q/M/T; MAC.L with S=1 saturates the 64-bit sum to 48 bits
 * (0xffff800000000000 .. 0x00007fffffffffff); MAC.W with S=1 is a 32-bit
 * saturating add to MACL that sets MACH bit 0 on overflow.
 */
#include "targets/sh4/internals.h"
#include "targets/sh4/translate.h"

SH4_HELPER_(raise)
{
    tcg_cpu_raise_restore(&((sh4_cpu *)env)->common, (int)a0);
}

SH4_HELPER_(addr_err)
{
    sh4_cpu *cpu = env;
    tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR, "sh4: unaligned %s at 0x%08x\n",
                 a1 ? "write" : "read", a0);
    sh4_mmu_raise(cpu, a0, a1 ? TCG_ACCESS_WRITE : TCG_ACCESS_READ,
                  a1 ? SH4_EXCP_ADDR_ERR_W : SH4_EXCP_ADDR_ERR_R);
}

SH4_HELPER_(trapa)
{
    sh4_cpu *cpu = env;
    cpu->tra = a0 << 2;
    cpu->pc = a1;   /* SPC = the instruction after TRAPA */
    tcg_cpu_raise(&cpu->common, SH4_EXCP_TRAPA);
}

SH4_HELPER_(sleep)
{
    sh4_cpu *cpu = env;
    tcg_cpu *c = &cpu->common;
    cpu->pc = a0;
    cpu->asleep = true;   /* an NMI ends SLEEP even with SR.BL = 1 */
    if (tcg_cpu_has_work(c))   /* an interrupt the CPU accepts is pending */
        return 0;
    c->halted = true;
    tcg_cpu_raise(c, TCG_EXCP_HALTED);
}

SH4_HELPER_(sr_write)
{
    sh4_sr_write(env, a0);
    return 0;
}

SH4_HELPER_(sr_read)
{
    return sh4_sr_read(env);
}

SH4_HELPER_(fpscr_write)
{
    sh4_fpscr_write(env, a0);
    return 0;
}

SH4_HELPER_(div1)
{
    sh4_cpu *cpu = env;
    uint32_t rm = a0, rn = a1, old_q = cpu->sr_q, tmp0, tmp1;
    uint32_t q = rn >> 31;
    rn = (rn << 1) | cpu->sr_t;
    tmp0 = rn;
    if (old_q == cpu->sr_m) {
        rn -= rm;
        tmp1 = rn > tmp0;
    } else {
        rn += rm;
        tmp1 = rn < tmp0;
    }
    /* the manual's four cases reduce to: Q ^= carry/borrow, inverted when M */
    if (cpu->sr_m == 0)
        q = q ? !tmp1 : tmp1;
    else
        q = q ? tmp1 : !tmp1;
    cpu->sr_q = q;
    cpu->sr_t = q == cpu->sr_m;
    return rn;
}

SH4_HELPER_(macl)
{
    sh4_cpu *cpu = env;
    int64_t acc = (int64_t)(((uint64_t)cpu->mach << 32) | cpu->macl);
    int64_t prod = (int64_t)(int32_t)a0 * (int64_t)(int32_t)a1;
    int64_t res;
    if (cpu->sr & SH4_SR_S) {
        /* 48-bit saturation: the accumulator is a signed 48-bit value */
        acc = (int64_t)((uint64_t)acc << 16) >> 16;
        res = acc + prod;
        if (res > 0x00007fffffffffffll)
            res = 0x00007fffffffffffll;
        else if (res < -0x0000800000000000ll)
            res = -0x0000800000000000ll;
    } else {
        res = (int64_t)((uint64_t)acc + (uint64_t)prod);
    }
    cpu->mach = (uint32_t)((uint64_t)res >> 32);
    cpu->macl = (uint32_t)res;
    return 0;
}

SH4_HELPER_(macw)
{
    sh4_cpu *cpu = env;
    int64_t prod = (int64_t)(int16_t)a0 * (int64_t)(int16_t)a1;
    if (cpu->sr & SH4_SR_S) {
        int64_t res = (int64_t)(int32_t)cpu->macl + prod;
        if (res > 0x7fffffffll) {
            cpu->macl = 0x7fffffffu;
            cpu->mach |= 1;
        } else if (res < -0x80000000ll) {
            cpu->macl = 0x80000000u;
            cpu->mach |= 1;
        } else {
            cpu->macl = (uint32_t)res;
        }
    } else {
        uint64_t acc = ((uint64_t)cpu->mach << 32) | cpu->macl;
        acc += (uint64_t)prod;
        cpu->mach = (uint32_t)(acc >> 32);
        cpu->macl = (uint32_t)acc;
    }
    return 0;
}

SH4_HELPER_(ldtlb)
{
    sh4_mmu_ldtlb(env);
    return 0;
}

SH4_HELPER_(pref)
{
    sh4_cpu *cpu = env;
    if ((a0 & 0xfc000000u) == 0xe0000000u)
        sh4_sq_flush(cpu, a0);
    return 0;
}

SH4_HELPER_(rte)
{
    sh4_cpu *cpu = env;
    bool was_priv = sh4_is_priv(cpu);
    cpu->delayed_pc = cpu->spc;
    sh4_sr_write(cpu, cpu->ssr);
    /* the slot is fetched with the pre-RTE privilege (manual, RTE) */
    cpu->ds_flags = SH4_DS_PENDING | (was_priv ? SH4_DS_RTE : 0);
    return 0;
}
