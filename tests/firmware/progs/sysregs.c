/*
 * sysregs: the Versatile system registers (ARM DUI 0224I 4.3): SYS_ID,
 * SYS_PROCID, SYS_LED read/write, the SYS_LOCK protection key (0xa05f
 * unlocks; only the key field [15:0] is printed: QEMU does not model the
 * LOCKED bit 16), and the free-running 24 MHz counter: only its
 * monotonicity is printed, since its value depends on timing.  (QEMU's
 * 100 Hz counter does not run, so it is not tested.)
 */
#include "fw.h"

int main(void)
{
    uint32_t id = REG32(VPB_SYSREGS + SYS_ID);
    fw_printf("SYS_ID = %08x\n", id);
    FW_CHECK("SYS_ID manufacturer ARM", id >> 24, 0x41);
    fw_printf("SYS_PROCID = %08x\n", REG32(VPB_SYSREGS + 0x84));
    REG32(VPB_SYSREGS + SYS_LED) = 0xa5;
    FW_CHECK("SYS_LED readback", REG32(VPB_SYSREGS + SYS_LED) & 0xff, 0xa5);
    REG32(VPB_SYSREGS + SYS_LED) = 0;
    fw_printf("SYS_LOCK at reset = %08x\n", REG32(VPB_SYSREGS + SYS_LOCK) & 0xffff);
    REG32(VPB_SYSREGS + SYS_LOCK) = 0xa05f;
    fw_printf("SYS_LOCK unlocked = %08x\n", REG32(VPB_SYSREGS + SYS_LOCK) & 0xffff);
    REG32(VPB_SYSREGS + SYS_LOCK) = 0;
    fw_printf("SYS_LOCK relocked = %08x\n", REG32(VPB_SYSREGS + SYS_LOCK) & 0xffff);

    uint32_t prev = REG32(VPB_SYSREGS + SYS_24MHZ), first = prev, backwards = 0;
    for (int i = 0; i < 2000; i++) {
        uint32_t n = REG32(VPB_SYSREGS + SYS_24MHZ);
        backwards += (int32_t)(n - prev) < 0;
        prev = n;
    }
    FW_CHECK("24MHz counter never goes back", backwards, 0);
    FW_CHECK("24MHz counter advances", prev != first, 1);
    return fw_done();
}
