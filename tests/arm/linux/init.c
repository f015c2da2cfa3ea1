/*
 * /init of the Versatile PB Linux boot test: the first user process,
 * statically linked without a C library (arm-linux-gnueabi-gcc
 * -march=armv5te -marm -nostdlib -static).
 *
 * It talks to the kernel through raw EABI system calls -- SVC #0, the call
 * number in r7, arguments in r0-r4, the result in r0 -- and prints on the
 * console the kernel opened for it (fds 0-2 on /dev/console):
 *
 *   init: hello from userspace
 *   init: pid 1
 *   init: /proc/version: Linux version 6.1...     (mount("proc"), open, read)
 *   init: halting
 *
 * then asks the kernel to halt (reboot(LINUX_REBOOT_CMD_HALT)); the kernel
 * prints "reboot: System halted" and the CPU spins with interrupts masked.
 */

enum {
    NR_EXIT = 1,
    NR_READ = 3,
    NR_WRITE = 4,
    NR_OPEN = 5,
    NR_CLOSE = 6,
    NR_GETPID = 20,
    NR_MOUNT = 21,
    NR_REBOOT = 88,
};

#define REBOOT_MAGIC1 0xfee1deadL
#define REBOOT_MAGIC2 672274793L
#define REBOOT_CMD_HALT 0xcdef0123L

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

static long sys3(long nr, long a, long b, long c)
{
    return sys5(nr, a, b, c, 0, 0);
}

static unsigned long str_len(const char *s)
{
    unsigned long n = 0;
    while (s[n] != '\0')
        n++;
    return n;
}

static void put(const char *s)
{
    sys3(NR_WRITE, 1, (long)s, (long)str_len(s));
}

/* no division: ARMv5 has no divide instruction and there is no libgcc */
static void put_dec(unsigned long v)
{
    static const unsigned long pow10[] = {1000000000, 100000000, 10000000, 1000000, 100000,
                                          10000,      1000,      100,      10,      1};
    char buf[12];
    int n = 0;
    for (unsigned i = 0; i < sizeof pow10 / sizeof pow10[0]; i++) {
        char d = '0';
        while (v >= pow10[i]) {
            v -= pow10[i];
            d++;
        }
        if (d != '0' || n > 0 || i == sizeof pow10 / sizeof pow10[0] - 1)
            buf[n++] = d;
    }
    buf[n] = '\0';
    put(buf);
}

static void show_proc_version(void)
{
    static char buf[256];
    if (sys5(NR_MOUNT, (long)"proc", (long)"/proc", (long)"proc", 0, 0) != 0) {
        put("init: mount /proc failed\n");
        return;
    }
    long fd = sys3(NR_OPEN, (long)"/proc/version", 0, 0);
    if (fd < 0) {
        put("init: open /proc/version failed\n");
        return;
    }
    long n = sys3(NR_READ, fd, (long)buf, (long)sizeof buf - 1);
    sys3(NR_CLOSE, fd, 0, 0);
    if (n <= 0) {
        put("init: read /proc/version failed\n");
        return;
    }
    buf[n] = '\0';
    put("init: /proc/version: ");
    put(buf);   /* ends with its own newline */
}

void init_main(void)
{
    put("init: hello from userspace\n");
    put("init: pid ");
    put_dec((unsigned long)sys3(NR_GETPID, 0, 0, 0));
    put("\n");
    show_proc_version();
    put("init: halting\n");
    sys5(NR_REBOOT, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_HALT, 0, 0);
    put("init: reboot returned\n");
    for (;;)
        sys3(NR_EXIT, 0, 0, 0);
}

/* The kernel starts the process here with sp at the top of its stack. */
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "\tbl init_main\n"
        "1:\tb 1b\n");
