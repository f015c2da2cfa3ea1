/* A user-mode write to a page whose PR forbids it: TLB protection
 * violation (0x0c0); the handler checks and ends the test. */
#include "fw.h"
static volatile uint32_t code_seen, tea_seen;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    code_seen = code;
    tea_seen = REG32(CCN_TEA);
    /* report from the handler: the user program cannot go on */
    fw_check("expevt", code_seen, 0x0c0);
    fw_check("tea", tea_seen, 0x00500010u);
    fw_check("ssr.md = 0 (from user mode)", frame[1] & 0x40000000u, 0);
    REG32(CCN_MMUCR) = 4;
    fw_end(fw_finish());
}
static void ldtlb(uint32_t urc, uint32_t vpn, uint32_t ptel)
{
    REG32(CCN_MMUCR) = 1u | (urc << 10);
    REG32(CCN_PTEH) = vpn;
    REG32(CCN_PTEL) = ptel;
    __asm__ volatile("ldtlb\n nop" ::: "memory");
}
extern char user_code[];
__asm__(".align 2\nuser_code:\n mov.l @r4,r0\n mov.l r0,@r4\n bra .\n nop\n");
int main(void)
{
    fw_set_handler(h);
    REG32(CCN_MMUCR) = 5;
    /* entry 0: code page at virtual 0x00400000 -> physical of user_code,
     * PR = 2 (user read); entry 1: data page 0x00500000, PR = 2 (read only) */
    uint32_t code_phys = (uint32_t)(uintptr_t)user_code & 0x1ffff000u;
    ldtlb(0, 0x00400000, code_phys | 0x100 | 0x10 | (2 << 5) | 4);
    ldtlb(1, 0x00500000, 0x0c900000 | 0x100 | 0x10 | (2 << 5) | 4);
    uint32_t entry = 0x00400000 | ((uint32_t)(uintptr_t)user_code & 0xfff);
    __asm__ volatile(
        "mov %0,r4\n"
        "ldc %1,spc\n"
        "mov #0,r0\n ldc r0,ssr\n"   /* user mode, bank 0, IMASK 0 */
        "mov.l 1f,r1\n"
        "jmp @r1\n nop\n"
        ".align 2\n1: .long 2f\n"
        "2: rte\n nop\n"
        :: "r"(0x00500010u), "r"(entry) : "r0", "r1", "r4", "memory");
    return 1;   /* not reached: the handler ends the test */
}
