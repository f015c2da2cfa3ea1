/*
 * bootdata: a bare-metal raw image (linked at 0x10000, the Versatile PB's
 * load address) that prints on UART0 what the boot loader handed it -- r0,
 * r1, r2 and the data r2 points at -- then leaves through semihosting.
 * compare-bootdata.sh runs it on QEMU and on cosim with the same options
 * and compares the two outputs.
 *
 *   regs r0=... r1=... r2=...
 *   atag size=N tag=0x54410001 ...payload words...      (an ATAG list)
 *   atag cmdline "..."
 *   dtb magic=0xd00dfeed totalsize=N                     (a device tree)
 *   initrd[0]=...                                        (first word at r2's initrd)
 *
 * Freestanding: no C library; the stack is set below the image.
 */
#include <stdint.h>

#define UART0_DR (*(volatile uint32_t *)0x101f1000u)
#define UART0_FR (*(volatile uint32_t *)0x101f1018u)

static void putc_(char c)
{
    while (UART0_FR & (1u << 5))   /* TXFF */
        ;
    UART0_DR = (uint32_t)c;
}

static void puts_(const char *s)
{
    while (*s)
        putc_(*s++);
}

static void hex(uint32_t v)
{
    puts_("0x");
    for (int i = 28; i >= 0; i -= 4)
        putc_("0123456789abcdef"[(v >> i) & 15]);
}

static uint32_t be32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}

static void semihost_exit(void)
{
    register uint32_t r0 __asm__("r0") = 0x18;        /* SYS_EXIT */
    register uint32_t r1 __asm__("r1") = 0x20026;     /* ApplicationExit */
    __asm__ volatile("svc #0x123456" : : "r"(r0), "r"(r1) : "memory");
}

void bootdata_main(uint32_t r0, uint32_t r1, uint32_t r2)
{
    puts_("regs r0=");
    hex(r0);
    puts_(" r1=");
    hex(r1);
    puts_(" r2=");
    hex(r2);
    puts_("\n");
    const uint32_t *p = (const uint32_t *)(uintptr_t)r2;
    uint32_t initrd = 0;
    if (be32(p[0]) == 0xd00dfeedu) {
        puts_("dtb magic=");
        hex(be32(p[0]));
        puts_(" totalsize=");
        hex(be32(p[1]));
        puts_("\n");
        initrd = 0x04000000u;   /* where both put it with 128 MiB */
    } else {
        for (int n = 0; n < 16; n++) {
            const uint32_t size = p[0], tag = p[1];
            if (tag == 0x54410009u) {   /* ATAG_CMDLINE */
                puts_("atag cmdline \"");
                puts_((const char *)&p[2]);
                puts_("\"\n");
            } else {
                puts_("atag size=");
                hex(size);
                puts_(" tag=");
                hex(tag);
                for (uint32_t i = 2; i < size; i++) {
                    putc_(' ');
                    hex(p[i]);
                }
                puts_("\n");
            }
            if (tag == 0x54420005u)   /* ATAG_INITRD2 */
                initrd = p[2];
            if (tag == 0 || size < 2)
                break;
            p += size;
        }
    }
    if (initrd) {
        puts_("initrd[0]=");
        hex(*(const volatile uint32_t *)(uintptr_t)initrd);
        puts_("\n");
    }
    semihost_exit();
}

/* r0-r2 go straight to bootdata_main; the stack is the 32 KiB below 0x10000 */
__asm__(".section .text.start\n"
        ".global _start\n"
        "_start:\n"
        "\tldr sp, =0x10000\n"
        "\tbl bootdata_main\n"
        "1:\tb 1b\n");
