/* 64-bit multiply and divide (dmulu/dmuls, libgcc __udivdi3). */
#include "fw.h"
static volatile uint64_t x = 0x123456789abcdefull, y = 0x12345ull;
static volatile int64_t sx = -0x7654321012345ll;
int main(void)
{
    uint64_t p = x * y;
    fw_check("mul64 lo", (uint32_t)p, (uint32_t)(0x123456789abcdefull * 0x12345ull));
    fw_check("mul64 hi", (uint32_t)(p >> 32), (uint32_t)((0x123456789abcdefull * 0x12345ull) >> 32));
    uint64_t q = x / y;
    fw_check("div64", (uint32_t)q, (uint32_t)(0x123456789abcdefull / 0x12345ull));
    int64_t sq = sx / 1000;
    fw_check("sdiv64", (uint32_t)sq, (uint32_t)(-0x7654321012345ll / 1000));
    fw_check("smod64", (uint32_t)(sx % 1000), (uint32_t)(-0x7654321012345ll % 1000));
    return fw_finish();
}
