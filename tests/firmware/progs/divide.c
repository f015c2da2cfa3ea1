/*
 * divide: integer division through libgcc (ARMv5 has no divide
 * instruction): __aeabi_uidiv/idiv/uidivmod/idivmod and the 64-bit
 * __aeabi_uldivmod/ldivmod, checked by q*d + r == n and |r| < |d| over
 * many operands, then many numbers printed in decimal (64-bit printf).
 */
#include "fw.h"

int main(void)
{
    unsigned bad = 0;
    uint32_t s = 99;
    for (int i = 0; i < 2000; i++) {
        s = s * 1664525u + 1013904223u;
        uint32_t n = s;
        s = s * 1664525u + 1013904223u;
        uint32_t d = (s >> (s & 31)) | 1u;
        uint32_t q = n / d, r = n % d;
        bad += q * d + r != n || r >= d;
        int32_t sn = (int32_t)n, sd = (int32_t)(d ^ (s & 0x80000000u));
        if (sd == -1 && sn == (int32_t)0x80000000)
            continue;
        int32_t sq = sn / sd, sr = sn % sd;
        bad += sq * sd + sr != sn || (sr != 0 && (sr < 0) != (sn < 0));
        uint64_t n64 = ((uint64_t)n << 32) | s, d64 = ((uint64_t)d << (s & 15)) | 1u;
        uint64_t q64 = n64 / d64, r64 = n64 % d64;
        bad += q64 * d64 + r64 != n64 || r64 >= d64;
        int64_t sn64 = (int64_t)n64, sd64 = -(int64_t)d64;
        int64_t sq64 = sn64 / sd64, sr64 = sn64 % sd64;
        bad += sq64 * sd64 + sr64 != sn64;
    }
    FW_CHECK("division identities", bad, 0);
    FW_CHECK("0xffffffff / 1", 0xffffffffu / (volatile uint32_t){ 1 }, 0xffffffffu);
    FW_CHECK("-7 / 2", (uint32_t)(-7 / (volatile int32_t){ 2 }), (uint32_t)-3);
    FW_CHECK("-7 % 2", (uint32_t)(-7 % (volatile int32_t){ 2 }), (uint32_t)-1);

    uint64_t f = 1;
    for (int i = 1; i <= 20; i++) {
        f *= (uint64_t)i;
        fw_printf("%2d! = %llu\n", i, f);
    }
    uint64_t p = 1;
    for (int i = 0; i < 40; i += 3, p *= 3u * 3u * 3u)
        fw_printf("3^%d = %llu = 0x%llx\n", i, p, p);
    int64_t v = -1;
    for (int i = 0; i < 64; i += 7, v *= 128)
        fw_printf("%lld ", v);
    fw_putc('\n');
    return fw_done();
}
