/*
 * dsp: the ARMv5TE DSP extension: SMULxy SMLAxy SMULWy SMLAWy SMLALxy and
 * the saturating QADD QSUB QDADD QDSUB, with the sticky Q flag (set on
 * saturation or on SMLAxy/SMLAWy accumulate overflow, never cleared by
 * them, cleared by MSR).  Checked against a C model of ARM DDI 0100I
 * A4.1.* (Q = CPSR bit 27).
 */
#include "fw.h"

static const uint32_t vals[] = { 0, 1, 0x7fff8000u, 0x80007fffu, 0xffff0001u,
                                 0x7fffffffu, 0x80000000u, 0x40000000u, 0xc0001234u };
#define NV (sizeof vals / sizeof vals[0])

static int32_t half(uint32_t v, int top) { return (int16_t)(top ? v >> 16 : v); }

static int32_t sat(int64_t v, int *q)
{
    if (v > 0x7fffffff) { *q = 1; return 0x7fffffff; }
    if (v < -0x7fffffffll - 1) { *q = 1; return (int32_t)0x80000000u; }
    return (int32_t)v;
}

#define Q3(insn, R, Q, a, b)                                                  \
    __asm__ volatile("msr cpsr_f, %[z]\n " insn " %[r], %[x], %[y]\n mrs %[q], cpsr" \
                     : [r] "=&r"(R), [q] "=&r"(Q) : [x] "r"(a), [y] "r"(b), [z] "r"(0) : "cc")
#define Q4(insn, R, Q, a, b, c)                                               \
    __asm__ volatile("msr cpsr_f, %[z]\n " insn " %[r], %[x], %[y], %[w]\n mrs %[q], cpsr" \
                     : [r] "=&r"(R), [q] "=&r"(Q)                             \
                     : [x] "r"(a), [y] "r"(b), [w] "r"(c), [z] "r"(0) : "cc")

int main(void)
{
    unsigned bad = 0;
    const uint32_t acc = 0x7ffffff0u;
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j++) {
            uint32_t a = vals[i], b = vals[j], r[16], q[16];
            Q3("smulbb", r[0], q[0], a, b);
            Q3("smulbt", r[1], q[1], a, b);
            Q3("smultb", r[2], q[2], a, b);
            Q3("smultt", r[3], q[3], a, b);
            Q4("smlabb", r[4], q[4], a, b, acc);
            Q4("smlatt", r[5], q[5], a, b, acc);
            Q3("smulwb", r[6], q[6], a, b);
            Q3("smulwt", r[7], q[7], a, b);
            Q4("smlawb", r[8], q[8], a, b, acc);
            Q4("smlawt", r[9], q[9], a, b, acc);
            Q3("qadd", r[10], q[10], a, b);
            Q3("qsub", r[11], q[11], a, b);
            Q3("qdadd", r[12], q[12], a, b);
            Q3("qdsub", r[13], q[13], a, b);
            uint32_t lo = 0xfffffff0u, hi = 0x7fffffffu;
            __asm__ volatile("smlalbt %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
            fw_printf("%08x,%08x:", a, b);
            for (int k = 0; k < 14; k++)
                fw_printf(" %08x%s", r[k], (q[k] & PSR_Q) ? "q" : "");
            fw_printf(" %08x%08x\n", hi, lo);

            /* model */
            int qq;
            uint32_t m[14], mq[14];
            for (int k = 0; k < 4; k++) {
                m[k] = (uint32_t)(half(a, k >> 1) * half(b, k & 1));
                mq[k] = 0;
            }
            int64_t p;
            p = (int64_t)half(a, 0) * half(b, 0) + (int32_t)acc;
            m[4] = (uint32_t)p; mq[4] = p != (int32_t)p;
            p = (int64_t)half(a, 1) * half(b, 1) + (int32_t)acc;
            m[5] = (uint32_t)p; mq[5] = p != (int32_t)p;
            m[6] = (uint32_t)(((int64_t)(int32_t)a * half(b, 0)) >> 16); mq[6] = 0;
            m[7] = (uint32_t)(((int64_t)(int32_t)a * half(b, 1)) >> 16); mq[7] = 0;
            p = (((int64_t)(int32_t)a * half(b, 0)) >> 16) + (int32_t)acc;
            m[8] = (uint32_t)p; mq[8] = p != (int32_t)p;
            p = (((int64_t)(int32_t)a * half(b, 1)) >> 16) + (int32_t)acc;
            m[9] = (uint32_t)p; mq[9] = p != (int32_t)p;
            qq = 0; m[10] = (uint32_t)sat((int64_t)(int32_t)a + (int32_t)b, &qq); mq[10] = qq;
            qq = 0; m[11] = (uint32_t)sat((int64_t)(int32_t)a - (int32_t)b, &qq); mq[11] = qq;
            qq = 0;
            int32_t d = sat(2 * (int64_t)(int32_t)b, &qq);
            m[12] = (uint32_t)sat((int64_t)(int32_t)a + d, &qq); mq[12] = qq;
            qq = 0;
            d = sat(2 * (int64_t)(int32_t)b, &qq);
            m[13] = (uint32_t)sat((int64_t)(int32_t)a - d, &qq); mq[13] = qq;
            for (int k = 0; k < 14; k++)
                bad += r[k] != m[k] || ((q[k] & PSR_Q) != 0) != mq[k];
            uint64_t l = 0x7ffffffffffffff0ull + (uint64_t)(int64_t)(half(a, 0) * half(b, 1));
            bad += lo != (uint32_t)l || hi != (uint32_t)(l >> 32);
        }
    }
    FW_CHECK("dsp mismatches", bad, 0);

    /* Q is sticky: a non-saturating QADD after a saturating one keeps it,
     * and MSR clears it. */
    uint32_t f, r;
    __asm__ volatile("msr cpsr_f, %[z]\n qadd %[r], %[m], %[m]\n qadd %[r], %[o], %[o]\n"
                     " mrs %[f], cpsr" : [r] "=&r"(r), [f] "=&r"(f)
                     : [m] "r"(0x7fffffffu), [o] "r"(1u), [z] "r"(0) : "cc");
    FW_CHECK("q sticky", (f & PSR_Q) != 0, 1);
    FW_CHECK("qadd 1+1", r, 2);
    __asm__ volatile("msr cpsr_f, %[z]\n mrs %[f], cpsr" : [f] "=r"(f) : [z] "r"(0) : "cc");
    FW_CHECK("q cleared by msr", (f & PSR_Q) != 0, 0);
    /* LDRD/STRD and PLD exist on v5TE: PLD is a hint with no effect. */
    __asm__ volatile("pld [%0]\n pld [%0, #64]" :: "r"(vals));
    return fw_done();
}
