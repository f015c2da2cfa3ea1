/*
 * SHIX firmware test library (see fw.h).  The console is the SCIF: TE is
 * enabled on first use; each byte waits for TDFE, is written to SCFTDR2,
 * and TDFE/TEND are cleared as the manual's transmit flow says.
 */
#include "fw.h"

static int fw_fail_count;
static volatile int fw_console_on;   /* volatile: see the note in fw_putc */
static fw_handler fw_hook;

void fw_putc(char c)
{
    if (!fw_console_on) {
        REG16(SCIF_SCSCR2) = 0x30;          /* TE | RE */
        fw_console_on = 1;
    }
    while (!(REG16(SCIF_SCFSR2) & 0x20))
        ;
    REG8(SCIF_SCFTDR2) = (uint8_t)c;
    REG16(SCIF_SCFSR2) = (uint16_t)(REG16(SCIF_SCFSR2) & ~0x60u);
}

void fw_puts(const char *s)
{
    while (*s)
        fw_putc(*s++);
}

void fw_puthex(uint32_t v)
{
    fw_puts("0x");
    for (int i = 28; i >= 0; i -= 4)
        fw_putc("0123456789abcdef"[(v >> i) & 15]);
}

void fw_putdec(int32_t v)
{
    char b[12];
    int n = 0;
    uint32_t u = v < 0 ? (uint32_t)-v : (uint32_t)v;
    if (v < 0)
        fw_putc('-');
    do {
        b[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n)
        fw_putc(b[--n]);
}

int fw_getc(void)
{
    if (!fw_console_on) {
        REG16(SCIF_SCSCR2) = 0x30;
        fw_console_on = 1;
    }
    if (!(REG16(SCIF_SCFDR2) & 0x1f))
        return -1;
    int c = REG8(SCIF_SCFRDR2);
    REG16(SCIF_SCFSR2) = (uint16_t)(REG16(SCIF_SCFSR2) & ~0x03u);
    return c;
}

void fw_check(const char *what, uint32_t got, uint32_t want)
{
    if (got == want) {
        fw_puts("ok ");
        fw_puts(what);
        fw_putc('\n');
        return;
    }
    fw_fail_count++;
    fw_puts("FAIL ");
    fw_puts(what);
    fw_puts(": got ");
    fw_puthex(got);
    fw_puts(" want ");
    fw_puthex(want);
    fw_putc('\n');
}

int fw_failures(void) { return fw_fail_count; }

int fw_finish(void)
{
    return fw_fail_count ? 1 : 0;
}

void fw_end(int status)
{
    fw_puts(status == 0 ? "END PASS\n" : "END FAIL\n");
    fw_set_sr(fw_get_sr() | 0xf0u);
    for (;;)
        fw_sleep();
}

void fw_set_handler(fw_handler h) { fw_hook = h; }

void fw_exception(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (fw_hook) {
        fw_hook(code, kind, frame);
        return;
    }
    fw_puts("unexpected exception ");
    fw_puthex(code);
    fw_puts(" at ");
    fw_puthex(frame[0]);
    fw_putc('\n');
    fw_end(1);
}
