/*
 * hello: the smallest program: UART output through fw_printf in every
 * supported format, then a clean semihosting exit (status 0).
 */
#include "fw.h"

int main(void)
{
    fw_puts("Hello from the Versatile PB\n");
    fw_printf("dec %d %d %i %u\n", 0, -1, 2147483647, 4294967295u);
    fw_printf("min %d\n", (int)0x80000000);
    fw_printf("hex %x %X %08x %8x|%-8x|\n", 0xdeadbeefu, 0xcafeu, 0x1234u, 0xabu, 0xabu);
    fw_printf("str [%s] [%10s] [%-6s] chr %c%c%c\n", "abc", "right", "left", 'x', 'y', 'z');
    fw_printf("pad [%5d] [%-5d] [%05d] [%05d]\n", 42, 42, 42, -42);
    fw_printf("64 %llu %lld %llx\n", 18446744073709551615ull, -9223372036854775807ll - 1,
              0x0123456789abcdefull);
    fw_printf("pct 100%%\n");
    char buf[16];
    int n = fw_snprintf(buf, sizeof buf, "%s-%d-%x", "truncated", 12345, 0xfff);
    fw_printf("snprintf %d [%s]\n", n, buf);
    return 0;
}
