/* RTC interrupts through the INTC (IPRA[3:0]): eight periodic interrupts
 * (PRI, INTEVT 0x4a0) at 1/256 s, then an alarm (ATI, 0x480) at 00:01:00
 * together with its carry (CUI, 0x4c0), the clock set to 00:00:59 with the
 * divider restarted.  The CPU sleeps between interrupts; TMU1/TMU2 run
 * free as stopwatches. */
#include "fw.h"

#define RTC_RSECAR 0xffc80020u
#define RTC_RMINAR 0xffc80024u
#define RTC_RHRAR  0xffc80028u
#define RTC_RCR1   0xffc80038u
#define RTC_RCR2   0xffc8003cu

static volatile uint32_t n_pri, n_irq, order[4], tick_first, tick_eighth;
static volatile uint8_t ati_min, ati_sec, cui_sec;

static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (kind != 2) {
        fw_puts("unexpected exception\n");
        fw_end(1);
    }
    if (n_irq < 4)
        order[n_irq] = code;
    n_irq++;
    switch (code) {
    case 0x4a0:                                      /* PRI: clear PEF */
        if (++n_pri == 1)
            tick_first = REG32(TMU_TCNT(1));
        else if (n_pri == 8)
            tick_eighth = REG32(TMU_TCNT(1));
        REG8(RTC_RCR2) = (uint8_t)(REG8(RTC_RCR2) & ~0x80u);
        break;
    case 0x480:                                      /* ATI: clear AF */
        ati_min = REG8(RTC_RMINCNT);
        ati_sec = REG8(RTC_RSECCNT);
        REG8(RTC_RCR1) = (uint8_t)(REG8(RTC_RCR1) & ~0x01u);
        break;
    case 0x4c0:                                      /* CUI: clear CF */
        cui_sec = REG8(RTC_RSECCNT);
        REG8(RTC_RCR1) = (uint8_t)(REG8(RTC_RCR1) & ~0x80u);
        break;
    default:
        fw_puts("unexpected interrupt\n");
        fw_end(1);
    }
}

static void stopwatch(int ch, unsigned tpsc)
{
    REG32(TMU_TCOR(ch)) = 0xffffffffu;
    REG32(TMU_TCNT(ch)) = 0xffffffffu;
    REG16(TMU_TCR(ch)) = (uint16_t)tpsc;
}

int main(void)
{
    fw_set_handler(h);
    REG16(INTC_IPRA) = 0x0005;                       /* RTC level 5 */
    stopwatch(1, 0);                                 /* P/4: 12.5 MHz */
    stopwatch(2, 4);                                 /* P/1024: 48828 Hz */
    REG8(TMU_TSTR) = 6;

    REG8(RTC_RCR2) = 0x19;                           /* PES 1/256 s, RTCEN, START */
    fw_set_imask(0);
    while (n_pri < 8)
        fw_sleep();
    REG8(RTC_RCR2) = 0x09;                           /* no more periodic interrupts */
    fw_check("eight periodic interrupts", n_pri, 8);
    fw_check("periodic INTEVT", order[0], 0x4a0);
    /* seven periods of 1/256 s: 27.34 ms = 341797 ticks of P/4 */
    uint32_t span = tick_first - tick_eighth;
    fw_check("seven periods take 27.3 ms", span > 338000 && span < 346000, 1);

    /* 00:00:59 with the divider restarted: in one second the carry to
     * 00:01:00 matches the alarm (minute 01, second 00, hour 00) */
    fw_set_imask(15);
    n_irq = 0;
    REG8(RTC_RCR2) = 0x08;                           /* stop to set the clock */
    REG8(RTC_RMINCNT) = 0x00;
    REG8(RTC_RSECCNT) = 0x59;
    REG8(RTC_RSECAR) = 0x80;
    REG8(RTC_RMINAR) = 0x81;
    REG8(RTC_RHRAR) = 0x80;
    REG8(RTC_RCR1) = 0x18;                           /* CIE, AIE; CF, AF cleared */
    uint32_t t0 = REG32(TMU_TCNT(2));
    REG8(RTC_RCR2) = 0x0b;                           /* RESET, RTCEN, START */
    fw_set_imask(0);
    while (n_irq < 2)
        fw_sleep();
    fw_set_imask(15);
    uint32_t t1 = REG32(TMU_TCNT(2));
    REG8(RTC_RCR1) = 0;
    REG8(TMU_TSTR) = 0;
    fw_check("alarm first (lower INTEVT)", order[0], 0x480);
    fw_check("then the carry", order[1], 0x4c0);
    fw_check("alarm minute", ati_min, 0x01);
    fw_check("alarm second", ati_sec, 0x00);
    fw_check("carry second", cui_sec, 0x00);
    /* one second: 48828 ticks of P/1024 */
    fw_check("one second to the alarm", t0 - t1 > 48000 && t0 - t1 < 49700, 1);
    return fw_finish();
}
