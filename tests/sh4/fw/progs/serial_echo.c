/* SCIF receive: echoes what arrives (the runner sends "sh4\n"). */
#include "fw.h"
int main(void)
{
    char buf[8];
    int n = 0;
    fw_puts("type: ");
    while (n < 4) {
        int c = fw_getc();
        if (c >= 0)
            buf[n++] = (char)c;
    }
    fw_puts("got ");
    for (int i = 0; i < 3; i++)
        fw_putc(buf[i]);
    fw_putc('\n');
    fw_check("received", (uint32_t)(buf[0] << 16 | buf[1] << 8 | buf[2]), 's' << 16 | 'h' << 8 | '4');
    return fw_finish();
}
