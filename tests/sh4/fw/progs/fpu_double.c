/* Double precision (FPSCR.PR = 1): arithmetic, conversion, sqrt. */
#include "fw.h"
static volatile double a = 1.0 / 3.0, b = 2.5;
static volatile float fs = 0.1f;
static uint32_t hi(double d) { union { double d; uint64_t u; } x = { d }; return (uint32_t)(x.u >> 32); }
static uint32_t lo(double d) { union { double d; uint64_t u; } x = { d }; return (uint32_t)x.u; }
int main(void)
{
    double m = a * b;
    fw_check("dmul hi", hi(m), 0x3feaaaaau);      /* (1/3) * 2.5 */
    fw_check("dmul lo", lo(m), 0xaaaaaaaau);
    double s = __builtin_sqrt(b * b);
    fw_check("dsqrt", hi(s), 0x40040000u);
    double cv = fs;
    fw_check("fcnvsd hi", hi(cv), 0x3fb99999u);
    fw_check("fcnvsd lo", lo(cv), 0xa0000000u);
    fw_check("dcmp", a < b, 1);
    return fw_finish();
}
