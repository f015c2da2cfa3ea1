/*
 * semi_info: semihosting queries with no console output of their own
 * (results are printed on the UART): SYS_HEAPINFO (only the relations
 * base < limit and stack_limit < stack_base are printed, the values
 * depend on the platform's RAM layout), SYS_GET_CMDLINE (QEMU 7.2 passes
 * the -kernel path when no arguments are given: only its file name is
 * compared, the directory depends on the build tree).
 */
#include "fw.h"

int main(void)
{
    uint32_t block[4] = { 0, 0, 0, 0 };
    uint32_t arg = (uint32_t)block;
    uint32_t r = fw_semihost(SEMI_SYS_HEAPINFO, (uint32_t)&arg);
    fw_printf("HEAPINFO returned %u\n", r);
    FW_CHECK("heap base < heap limit", block[0] < block[1], 1);
    FW_CHECK("stack limit < stack base", block[3] < block[2] || block[3] == 0, 1);

    char cmd[80];
    memset(cmd, 'x', sizeof cmd);
    uint32_t cargs[2] = { (uint32_t)cmd, sizeof cmd };
    r = fw_semihost(SEMI_SYS_GET_CMDLINE, (uint32_t)cargs);
    FW_CHECK("GET_CMDLINE status", r, 0);
    FW_CHECK("length matches string", cargs[1] == strlen(cmd), 1);
    const char *want = "semi_info.elf";
    size_t n = strlen(cmd), w = strlen(want);
    fw_printf("cmdline ends with \"%s\": %s\n", want,
              n >= w && strcmp(cmd + n - w, want) == 0 ? "yes" : "no");
    return fw_done();
}
