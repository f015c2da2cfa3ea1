/*
 * /init of the Versatile PB Linux boot test: the first user process,
 * statically linked without a C library (arm-linux-gnueabi-gcc
 * -march=armv5te -marm -nostdlib -static).
 *
 * It talks to the kernel through raw EABI system calls -- SVC #0, the call
 * number in r7, arguments in r0-r4, the result in r0 -- and prints on the
 * console the kernel opened for it (fds 0-2 on /dev/console; the body is
 * tests/tools/linux-init.h):
 *
 *   init: hello from userspace
 *   init: pid 1
 *   init: /proc/version: Linux version 6.1...     (mount("proc"), open, read)
 *   init: halting
 *
 * then asks the kernel to halt (reboot(LINUX_REBOOT_CMD_HALT)); the kernel
 * prints "reboot: System halted" and the CPU spins with interrupts masked.
 */

static long sys5(long nr, long a, long b, long c, long d, long e)
{
    register long r7 __asm__("r7") = nr;
    register long r0 __asm__("r0") = a;
    register long r1 __asm__("r1") = b;
    register long r2 __asm__("r2") = c;
    register long r3 __asm__("r3") = d;
    register long r4 __asm__("r4") = e;
    __asm__ volatile("svc #0"
                     : "+r"(r0)
                     : "r"(r7), "r"(r1), "r"(r2), "r"(r3), "r"(r4)
                     : "memory");
    return r0;
}

#include "../../tools/linux-init.h"

/* The kernel starts the process here with sp at the top of its stack. */
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "\tbl init_main\n"
        "1:\tb 1b\n");
