/*
 * /init of the SHIX Linux boot test: the first user process, statically
 * linked without a C library (sh4-linux-gnu-gcc -nostdlib -static).
 *
 * It talks to the kernel through raw system calls -- TRAPA #0x13, the call
 * number in r3, arguments in r4-r7, the result in r0 -- and prints on the
 * console the kernel opened for it (fds 0-2 on /dev/console):
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

static void put_dec(long v)
{
    char buf[16];
    int i = (int)sizeof buf - 1;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 && i > 0);
    put(&buf[i]);
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
    put_dec(sys3(NR_GETPID, 0, 0, 0));
    put("\n");
    show_proc_version();
    put("init: halting\n");
    sys5(NR_REBOOT, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_HALT, 0, 0);
    put("init: reboot returned\n");
    for (;;)
        sys3(NR_EXIT, 0, 0, 0);
}

/* The kernel starts the process here with r15 at the top of its stack. */
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "\tmov.l 1f, r0\n"
        "\tjsr @r0\n"
        "\tnop\n"
        "\t.align 2\n"
        "1:\t.long init_main\n");
