/*
 * exit_extended: SYS_EXIT_EXTENDED (0x20) with the parameter block
 * {ADP_Stopped_ApplicationExit, 3}: the subcode becomes the emulator's
 * exit status (3).  Semihosting v2 "SYS_EXIT_EXTENDED".
 */
#include "fw.h"

int main(void)
{
    fw_puts("exiting with status 3\n");
    static const uint32_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, 3 };
    fw_semihost(SEMI_SYS_EXIT_EXTENDED, (uint32_t)block);
    fw_puts("not reached\n");
    return 1;
}
