/*
 * exit_fail: a failing program: prints a message and exits through
 * SYS_EXIT with reason ADP_Stopped_RunTimeErrorUnknown (0x20023), which
 * the emulator turns into exit status 1.
 */
#include "fw.h"

int main(void)
{
    fw_puts("this program fails on purpose\n");
    fw_exit(1);
}
