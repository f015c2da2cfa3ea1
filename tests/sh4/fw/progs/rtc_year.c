/* RTC years far from 1970: the counters hold 0000-9999 (BCD), and the
 * clock keeps running in them (the model counts nanoseconds from the
 * last day set, not from 1970, which would overflow after 2262).  The
 * carry interrupt (CUI) wakes the sleeping CPU when the second moves. */
#include "fw.h"

#define RTC_RCR1 0xffc80038u
#define RTC_RCR2 0xffc8003cu

static volatile unsigned cui_sec = 0xff;

static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (kind != 2 || code != 0x4c0) {
        fw_puts("unexpected exception\n");
        fw_end(1);
    }
    cui_sec = REG8(RTC_RSECCNT);
    REG8(RTC_RCR1) = 0;                       /* CF cleared, CIE off */
}

int main(void)
{
    fw_set_handler(h);
    REG16(INTC_IPRA) = 0x0005;                /* RTC level 5 */
    REG8(RTC_RCR2) = 0x08;                    /* stopped, RTCEN */
    REG16(RTC_RYRCNT) = 0x2300;
    fw_check("year 2300 reads back", REG16(RTC_RYRCNT), 0x2300);
    REG16(RTC_RYRCNT) = 0x9999;
    fw_check("year 9999 reads back", REG16(RTC_RYRCNT), 0x9999);
    REG8(RTC_RSECCNT) = 0x10;
    REG8(RTC_RCR1) = 0x10;                    /* CIE */
    REG8(RTC_RCR2) = 0x09;                    /* START */
    fw_set_imask(0);
    while (cui_sec == 0xff)
        fw_sleep();
    fw_check("the second moved in 9999", cui_sec, 0x11);
    fw_check("still 9999", REG16(RTC_RYRCNT), 0x9999);
    return fw_finish();
}
