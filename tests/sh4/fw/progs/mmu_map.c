/* MMU: pages loaded with LDTLB on demand from a TLB-miss handler; U0
 * virtual 0x10000000 (64 KiB) -> SDRAM 0x0c800000.  PTEH/TEA show the miss. */
#include "fw.h"
static volatile uint32_t misses, last_tea;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (kind != 1) {
        fw_puts("unexpected exception ");
        fw_puthex(code);
        fw_end(1);
    }
    misses++;
    last_tea = REG32(CCN_TEA);
    uint32_t vpn = last_tea & ~0xfffu;
    /* 4 KiB page, V, PR = 3 (all RW), D, C */
    REG32(CCN_PTEL) = (0x0c800000u + (vpn - 0x10000000u)) | 0x100 | 0x10 | 0x60 | 0x4 | 0x8;
    REG32(CCN_PTEH) = vpn;           /* ASID 0 */
    __asm__ volatile("ldtlb\n nop" ::: "memory");
}
int main(void)
{
    fw_set_handler(h);
    REG32(CCN_MMUCR) = 0x00000005;   /* TI, AT */
    volatile uint32_t *v = (volatile uint32_t *)0x10000100u;
    volatile uint32_t *p1 = (volatile uint32_t *)0x8c800100u;
    *v = 0xfeedbeefu;
    fw_check("through P1", *p1, 0xfeedbeefu);
    fw_check("tea", last_tea, 0x10000100u);
    v[1024] = 42;                    /* next 4 KiB page: another miss */
    fw_check("second page", p1[1024], 42);
    fw_check("misses", misses, 2);
    (void)*v;
    fw_check("no miss when mapped", misses, 2);
    REG32(CCN_MMUCR) = 0x00000004;   /* MMU off, TLB flushed */
    return fw_finish();
}
