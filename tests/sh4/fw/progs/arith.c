/* Integer arithmetic compiled by GCC (libgcc division helpers included). */
#include "fw.h"
static volatile int32_t a = -123456, b = 789;
static volatile uint32_t ua = 0xfedcba98u, ub = 12345u;
int main(void)
{
    fw_check("add", (uint32_t)(a + b), (uint32_t)(-123456 + 789));
    fw_check("mul", (uint32_t)(a * b), (uint32_t)(-123456 * 789));
    fw_check("sdiv", (uint32_t)(a / b), (uint32_t)(-123456 / 789));
    fw_check("smod", (uint32_t)(a % b), (uint32_t)(-123456 % 789));
    fw_check("udiv", ua / ub, 0xfedcba98u / 12345u);
    fw_check("umod", ua % ub, 0xfedcba98u % 12345u);
    fw_check("shift", (uint32_t)(a >> 3), (uint32_t)(-123456 >> 3));
    return fw_finish();
}
