/* Register banks: R0-R7 of bank 1 through ldc/stc Rn_BANK and SR.RB. */
#include "fw.h"
int main(void)
{
    uint32_t v1, v2;
    __asm__ volatile(
        "mov #55,r1\n"
        "ldc r1,r2_bank\n"       /* bank 1 r2 = 55 */
        "mov #7,r2\n"            /* bank 0 r2 = 7 */
        "stc sr,r3\n"
        "mov.l 1f,r4\n"
        "or r4,r3\n"             /* RB = 1, BL = 1 (no exceptions meanwhile) */
        "ldc r3,sr\n"
        "mov r2,r5\n"            /* bank 1: r2 = 55 */
        "stc r2_bank,r6\n"       /* other bank: 7 */
        "mov r5,r8\n"
        "mov r6,r9\n"
        "stc sr,r3\n"           /* r3/r4 of bank 1 now: recompute */
        "mov.l 2f,r4\n"
        "and r4,r3\n"
        "ldc r3,sr\n"
        "mov r8,%0\n mov r9,%1\n"
        "bra 3f\n nop\n .align 2\n"
        "1: .long 0x30000000\n 2: .long 0xcfffffff\n 3:"
        : "=r"(v1), "=r"(v2) : : "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "memory");
    fw_check("bank1 r2", v1, 55);
    fw_check("bank0 r2 via stc", v2, 7);
    return fw_finish();
}
