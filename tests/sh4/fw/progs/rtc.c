/* RTC: the date counters start at 2000 and seconds advance with time
 * (TMU2 measures 1.1 s of simulated time). */
#include "fw.h"
int main(void)
{
    fw_check("year", REG16(RTC_RYRCNT), 0x2000);
    uint8_t s0 = REG8(RTC_RSECCNT);
    REG32(TMU_TCOR(2)) = 0xffffffffu;
    REG32(TMU_TCNT(2)) = 0xffffffffu;
    REG16(TMU_TCR(2)) = 4;               /* P/1024: 48828 Hz */
    REG8(TMU_TSTR) = 4;
    while (0xffffffffu - REG32(TMU_TCNT(2)) < 53711u)
        ;
    uint8_t s1 = REG8(RTC_RSECCNT);
    fw_check("one second later", (uint32_t)(s1 - s0) & 0xff, 1);
    return fw_finish();
}
