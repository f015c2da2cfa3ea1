/*
 * rtc: the PL031 real-time clock (ARM DDI 0224B).  Its count follows
 * the host clock in QEMU, so only relations are printed: ID registers,
 * DR reads back LR just after a load (allowing one tick), DR never goes
 * backwards, MR and IMSC read back, CR reads 1 (started).
 */
#include "fw.h"

#define RTC_DR 0x00
#define RTC_MR 0x04
#define RTC_LR 0x08
#define RTC_CR 0x0c
#define RTC_IMSC 0x10
#define RTC_RIS 0x14
#define RTC_ICR 0x1c

int main(void)
{
    fw_printf("RTC PeriphID %02x %02x %02x %02x CellID %02x %02x %02x %02x\n",
              REG32(VPB_RTC + 0xfe0) & 0xff, REG32(VPB_RTC + 0xfe4) & 0xff,
              REG32(VPB_RTC + 0xfe8) & 0xff, REG32(VPB_RTC + 0xfec) & 0xff,
              REG32(VPB_RTC + 0xff0) & 0xff, REG32(VPB_RTC + 0xff4) & 0xff,
              REG32(VPB_RTC + 0xff8) & 0xff, REG32(VPB_RTC + 0xffc) & 0xff);
    FW_CHECK("CR started", REG32(VPB_RTC + RTC_CR) & 1, 1);
    REG32(VPB_RTC + RTC_LR) = 1000000;
    uint32_t d = REG32(VPB_RTC + RTC_DR);
    FW_CHECK("DR after LR in [LR, LR+1]", d - 1000000u <= 1, 1);
    uint32_t prev = d, backwards = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t n = REG32(VPB_RTC + RTC_DR);
        backwards += n < prev;
        prev = n;
    }
    FW_CHECK("DR monotonic", backwards, 0);
    REG32(VPB_RTC + RTC_MR) = 0x12345678u;
    FW_CHECK("MR readback", REG32(VPB_RTC + RTC_MR), 0x12345678u);
    REG32(VPB_RTC + RTC_IMSC) = 1;
    FW_CHECK("IMSC readback", REG32(VPB_RTC + RTC_IMSC) & 1, 1);
    REG32(VPB_RTC + RTC_IMSC) = 0;
    REG32(VPB_RTC + RTC_ICR) = 1;
    FW_CHECK("RIS clear (match far away)", REG32(VPB_RTC + RTC_RIS) & 1, 0);
    return fw_done();
}
