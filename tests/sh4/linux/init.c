/*
 * /init of the SHIX Linux boot test: the first user process, statically
 * linked without a C library (sh4-linux-gnu-gcc -nostdlib -static).
 *
 * It talks to the kernel through raw system calls -- TRAPA #0x13, the call
 * number in r3, arguments in r4-r7, the result in r0 -- and prints on the
 * console the kernel opened for it (fds 0-2 on /dev/console; the body is
 * tests/tools/linux-init.h):
 *
 *   init: hello from userspace
 *   init: pid 1
 *   init: /proc/version: Linux version 6.1...     (mount("proc"), open, read)
 *   init: halting
 *
 * then asks the kernel to halt (reboot(LINUX_REBOOT_CMD_HALT)); the kernel
 * prints "reboot: System halted" and the CPU sleeps with interrupts masked.
 *
 * Built at -O0: Debian's sh4-linux-gnu-gcc 12 drops the load and test
 * feeding a conditional branch at -O1 and above (docs/boards/shix.md).
 */

static long sys5(long nr, long a, long b, long c, long d, long e)
{
    register long r3 __asm__("r3") = nr;
    register long r4 __asm__("r4") = a;
    register long r5 __asm__("r5") = b;
    register long r6 __asm__("r6") = c;
    register long r7 __asm__("r7") = d;
    register long r0 __asm__("r0") = e;   /* the fifth argument goes in r0 */
    __asm__ volatile("trapa #0x13"
                     : "+r"(r0)
                     : "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
                     : "memory", "t");
    return r0;
}

#include "../../tools/linux-init.h"

/* The kernel starts the process here with r15 at the top of its stack. */
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "\tmov.l 1f, r0\n"
        "\tjsr @r0\n"
        "\tnop\n"
        "\t.align 2\n"
        "1:\t.long init_main\n");
