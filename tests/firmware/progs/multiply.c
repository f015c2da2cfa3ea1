/*
 * multiply: MUL MLA MULS UMULL UMLAL SMULL SMLAL (and their S forms:
 * N and Z from the result, C and V unchanged on ARMv5, ARM DDI 0100I
 * A4.1.40) over boundary operands; results checked against 64-bit C.
 */
#include "fw.h"

static const uint32_t vals[] = { 0, 1, 3, 0x7fffffffu, 0x80000000u, 0xffffffffu,
                                 0x12345678u, 0xfedcba98u, 0x00010001u };
#define NV (sizeof vals / sizeof vals[0])

int main(void)
{
    unsigned bad = 0;
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j++) {
            uint32_t a = vals[i], b = vals[j], acc = 0x01020304u;
            uint32_t mul, mla, f1, ulo, uhi, f2, slo, shi, alo, ahi, blo, bhi;
            __asm__ volatile("msr cpsr_f, %[c]\n muls %[m], %[a], %[b]\n mrs %[f], cpsr"
                             : [m] "=&r"(mul), [f] "=&r"(f1)
                             : [a] "r"(a), [b] "r"(b), [c] "r"(0x30000000u) : "cc");
            __asm__ volatile("mla %0, %1, %2, %3" : "=&r"(mla) : "r"(a), "r"(b), "r"(acc));
            __asm__ volatile("msr cpsr_f, %[c]\n umulls %[lo], %[hi], %[a], %[b]\n mrs %[f], cpsr"
                             : [lo] "=&r"(ulo), [hi] "=&r"(uhi), [f] "=&r"(f2)
                             : [a] "r"(a), [b] "r"(b), [c] "r"(0x30000000u) : "cc");
            __asm__ volatile("smull %0, %1, %2, %3" : "=&r"(slo), "=&r"(shi) : "r"(a), "r"(b));
            alo = 0xfffffff0u; ahi = 0x00000001u;
            __asm__ volatile("umlal %0, %1, %2, %3" : "+r"(alo), "+r"(ahi) : "r"(a), "r"(b));
            blo = 0x00000010u; bhi = 0x80000000u;
            __asm__ volatile("smlal %0, %1, %2, %3" : "+r"(blo), "+r"(bhi) : "r"(a), "r"(b));
            fw_printf("%08x*%08x: mul %08x/%x mla %08x umull %08x%08x/%x smull %08x%08x "
                      "umlal %08x%08x smlal %08x%08x\n",
                      a, b, mul, f1 >> 28, mla, uhi, ulo, f2 >> 28, shi, slo, ahi, alo, bhi, blo);
            uint64_t u = (uint64_t)a * b;
            int64_t s = (int64_t)(int32_t)a * (int32_t)b;
            uint64_t ua = u + 0x1fffffff0ull;
            uint64_t sa = (uint64_t)s + 0x8000000000000010ull;
            bad += mul != (uint32_t)u;
            bad += (f1 >> 28) != ((((uint32_t)u >> 31) << 3) | (((uint32_t)u == 0) << 2) | 3);
            bad += mla != (uint32_t)u + acc;
            bad += ulo != (uint32_t)u || uhi != (uint32_t)(u >> 32);
            bad += (f2 >> 28) != (((uint32_t)(u >> 63) << 3) | ((u == 0) << 2) | 3);
            bad += slo != (uint32_t)s || shi != (uint32_t)((uint64_t)s >> 32);
            bad += alo != (uint32_t)ua || ahi != (uint32_t)(ua >> 32);
            bad += blo != (uint32_t)sa || bhi != (uint32_t)(sa >> 32);
        }
    }
    FW_CHECK("multiply mismatches", bad, 0);
    return fw_done();
}
