/*
 * The body of the Linux boot tests' /init (tests/arm/linux/init.c,
 * tests/sh4/linux/init.c): print a greeting and the pid, mount /proc and
 * print /proc/version, then halt the machine (reboot(LINUX_REBOOT_CMD_HALT)),
 * so the kernel prints "reboot: System halted" and the test can stop.
 *
 * No C library: the including file first defines the raw system call
 *     static long sys5(long nr, long a, long b, long c, long d, long e);
 * and then includes this file, and provides _start, which calls
 * init_main().  The call numbers below are the same on both
 * architectures (32-bit ARM EABI and SuperH).
 */
#ifndef TESTS_TOOLS_LINUX_INIT_H
#define TESTS_TOOLS_LINUX_INIT_H

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

static long sys5(long nr, long a, long b, long c, long d, long e);

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

/* no division: neither ARMv5 nor SH-4 divides in hardware, and there is
 * no libgcc here */
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

void init_main(void);

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

#endif
