/*
 * semi_console: console output through semihosting only (no UART, since
 * the interleaving of the two is not a property): SYS_WRITE0 strings,
 * SYS_WRITEC characters, SYS_OPEN(":tt") + SYS_WRITE + SYS_CLOSE.
 * Semihosting v2 (ARM IHI 0057).
 * Observed on QEMU 7.2 with plain -semihosting: SYS_WRITE0/SYS_WRITEC go
 * to QEMU's stderr, SYS_WRITE on ":tt" to stdout; the golden file holds
 * stdout only, i.e. the ":tt" lines.
 */
#include "fw.h"

static char line[96];

static void tt_write(uint32_t h, const char *s)
{
    uint32_t wargs[3] = { h, (uint32_t)s, strlen(s) };
    if (fw_semihost(SEMI_SYS_WRITE, (uint32_t)wargs) != 0)
        fw_semi_write0("SYS_WRITE short\n");
}

int main(void)
{
    fw_semi_write0("semihosting SYS_WRITE0: hello\n");
    const char *s = "SYS_WRITEC one by one\n";
    while (*s)
        fw_semi_writec(*s++);
    uint32_t open_args[3] = { (uint32_t)":tt", 4 /* "w" */, 3 };
    uint32_t h = fw_semihost(SEMI_SYS_OPEN, (uint32_t)open_args);
    if (h == 0xffffffffu) {
        fw_semi_write0("FAIL: SYS_OPEN :tt\n");
        return 1;
    }
    tt_write(h, "SYS_WRITE to :tt\n");
    for (int i = 1; i <= 5; i++) {
        fw_snprintf(line, sizeof line, "line %d of %d through SYS_WRITE\n", i, 5);
        tt_write(h, line);
    }
    tt_write(h, "PASS\n");
    uint32_t closed = fw_semihost(SEMI_SYS_CLOSE, (uint32_t)&h);
    return closed != 0;
}
