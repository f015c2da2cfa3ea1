/*
 * semihost.c: exit and console calls over ARM semihosting, and the
 * pass/fail bookkeeping every test program ends with.
 *
 * On 32-bit ARM, SYS_EXIT takes the reason code itself in r1 (not a
 * pointer): ADP_Stopped_ApplicationExit (0x20026) means success, and
 * QEMU maps every other reason to exit status 1.  Spec: ARM semihosting
 * v2, "SYS_EXIT (0x18)".
 */
#include "fw.h"

fw_checks fw_check_state;

void fw_exit(int code)
{
    fw_semihost(SEMI_SYS_EXIT, code == 0 ? ADP_STOPPED_APPLICATION_EXIT
                                         : ADP_STOPPED_RUNTIME_ERROR);
    for (;;) {
    }
}

void fw_semi_write0(const char *s)
{
    fw_semihost(SEMI_SYS_WRITE0, (uint32_t)(uintptr_t)s);
}

void fw_semi_writec(char c)
{
    fw_semihost(SEMI_SYS_WRITEC, (uint32_t)(uintptr_t)&c);
}

void fw_check_u32(const char *what, uint32_t got, uint32_t want)
{
    if (got == want) {
        fw_check_state.passed++;
        fw_printf("ok   %s = 0x%08x\n", what, got);
    } else {
        fw_check_state.failed++;
        fw_printf("FAIL %s = 0x%08x, want 0x%08x\n", what, got, want);
    }
}

int fw_done(void)
{
    fw_printf("%s: %u passed, %u failed\n",
              fw_check_state.failed ? "FAIL" : "PASS",
              fw_check_state.passed, fw_check_state.failed);
    return fw_check_state.failed ? 1 : 0;
}
