/* MAC.W / MAC.L dot products and MAC.W saturation (S = 1). */
#include "fw.h"
static int16_t va[4] = { 1, -2, 3, -4 }, vb[4] = { 5, 6, -7, 8 };
static int32_t la[2] = { 0x40000000, -3 }, lb[2] = { 4, 0x7fffffff };
int main(void)
{
    uint32_t lo, hi;
    const int16_t *pa = va, *pb = vb;
    __asm__ volatile("clrmac\n mac.w @%2+,@%3+\n mac.w @%2+,@%3+\n mac.w @%2+,@%3+\n mac.w @%2+,@%3+\n"
                     "sts macl,%0\n sts mach,%1"
                     : "=r"(lo), "=r"(hi), "+r"(pa), "+r"(pb) : : "mach", "macl", "memory");
    fw_check("mac.w", lo, (uint32_t)(5 - 12 - 21 - 32));
    const int32_t *qa = la, *qb = lb;
    __asm__ volatile("clrmac\n mac.l @%2+,@%3+\n mac.l @%2+,@%3+\n sts macl,%0\n sts mach,%1"
                     : "=r"(lo), "=r"(hi), "+r"(qa), "+r"(qb) : : "mach", "macl", "memory");
    int64_t want = (int64_t)0x40000000 * 4 + (int64_t)-3 * 0x7fffffff;
    fw_check("mac.l lo", lo, (uint32_t)want);
    fw_check("mac.l hi", hi, (uint32_t)((uint64_t)want >> 32));
    static int16_t big[2] = { 0x7fff, 0x7fff };
    const int16_t *p = big, *q = big;
    __asm__ volatile("clrmac\n sets\n lds %4,macl\n mac.w @%2+,@%3+\n clrs\n sts macl,%0\n sts mach,%1"
                     : "=r"(lo), "=r"(hi), "+r"(p), "+r"(q) : "r"(0x7fff0000u) : "mach", "macl", "memory");
    fw_check("mac.w saturated", lo, 0x7fffffffu);
    fw_check("mach overflow bit", hi & 1, 1);
    return fw_finish();
}
