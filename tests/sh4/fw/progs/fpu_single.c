/* Single-precision arithmetic (FPSCR.PR switched by GCC). */
#include "fw.h"
static volatile float a = 1.5f, b = -0.375f, c = 3.0f;
static uint32_t bits(float f) { union { float f; uint32_t u; } x = { f }; return x.u; }
int main(void)
{
    fw_check("fadd", bits(a + b), 0x3f900000u);      /* 1.125 */
    fw_check("fmul", bits(a * b), 0xbf100000u);      /* -0.5625 */
    fw_check("fdiv", bits(a / c), 0x3f000000u);      /* 0.5 */
    fw_check("fcmp", a > b, 1);
    fw_check("ftrc", (uint32_t)(int)(b * 16.0f), (uint32_t)-6);
    fw_check("float", bits((float)(int)c * 2.0f), 0x40c00000u);
    return fw_finish();
}
