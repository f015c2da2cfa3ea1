/*
 * clz: CLZ (ARMv5) on zero, powers of two and mixed values, checked
 * against a shift loop.
 */
#include "fw.h"

static uint32_t clz_insn(uint32_t v)
{
    uint32_t r;
    __asm__("clz %0, %1" : "=r"(r) : "r"(v));
    return r;
}

static uint32_t clz_model(uint32_t v)
{
    uint32_t n = 0;
    while (n < 32 && !(v & (0x80000000u >> n)))
        n++;
    return n;
}

int main(void)
{
    unsigned bad = 0;
    uint32_t x = 0x9e3779b9u;
    for (int i = 0; i <= 32; i++) {
        uint32_t p = i < 32 ? 1u << i : 0;
        uint32_t m = i < 32 ? (p | (p - 1)) : 0xffffffffu;
        fw_printf("clz(%08x)=%2u clz(%08x)=%2u\n", p, clz_insn(p), m, clz_insn(m));
        bad += clz_insn(p) != clz_model(p) || clz_insn(m) != clz_model(m);
    }
    for (int i = 0; i < 1000; i++) {
        x = x * 1664525u + 1013904223u;
        uint32_t v = x >> (x & 31);
        bad += clz_insn(v) != clz_model(v);
    }
    FW_CHECK("clz mismatches", bad, 0);
    return fw_done();
}
