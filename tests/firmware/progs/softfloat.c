/*
 * softfloat: IEEE double and float arithmetic through libgcc's software
 * floating point (no FPU used: -mfloat-abi=soft): Newton square roots, a
 * series for pi, float<->int conversions with rounding toward zero,
 * comparisons with NaN and infinities; printed as scaled integers.
 */
#include "fw.h"

static double my_sqrt(double x)
{
    double g = x > 1 ? x / 2 : 1;
    for (int i = 0; i < 60; i++)
        g = 0.5 * (g + x / g);
    return g;
}

int main(void)
{
    for (int i = 2; i <= 10; i++) {
        double r = my_sqrt((double)i);
        fw_printf("sqrt(%d) * 1e9 = %lld\n", i, (long long)(r * 1e9));
    }
    double pi = 0;
    for (int k = 0; k < 20; k++) {
        double t = 4.0 / (8 * k + 1) - 2.0 / (8 * k + 4) - 1.0 / (8 * k + 5) - 1.0 / (8 * k + 6);
        double p16 = 1;
        for (int j = 0; j < k; j++)
            p16 /= 16;
        pi += p16 * t;
    }
    fw_printf("pi * 1e15 = %lld\n", (long long)(pi * 1e15));
    FW_CHECK("pi digits", (uint32_t)(long long)(pi * 1e8), 314159265u);
    float f = 1.0f / 3.0f;
    uint32_t bits;
    memcpy(&bits, &f, 4);
    FW_CHECK("1/3f bits", bits, 0x3eaaaaabu);
    double d = 0.1 + 0.2;
    uint64_t db;
    memcpy(&db, &d, 8);
    FW_CHECK("0.1+0.2 bits hi", (uint32_t)(db >> 32), 0x3fd33333u);
    FW_CHECK("0.1+0.2 bits lo", (uint32_t)db, 0x33333334u);
    FW_CHECK("(int)-2.7", (uint32_t)(int)(volatile double){ -2.7 }, (uint32_t)-2);
    FW_CHECK("(unsigned)3e9", (unsigned)(volatile double){ 3e9 }, 3000000000u);
    volatile double zero = 0;
    double nan = zero / zero, inf = 1 / zero;
    FW_CHECK("nan != nan", nan != nan, 1);
    FW_CHECK("nan < 1 false", nan < 1, 0);
    FW_CHECK("inf > 1e308", inf > 1e308, 1);
    FW_CHECK("-inf < -1e308", -inf < -1e308, 1);
    return fw_done();
}
