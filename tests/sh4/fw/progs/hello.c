/* Prints through the SCIF. */
#include "fw.h"
int main(void)
{
    fw_puts("Hello from SH-4 on SHIX\n");
    return 0;
}
