/* Delayed branches: the slot always executes; bt/bf have no slot. */
#include "fw.h"
int main(void)
{
    uint32_t r = 0, pr = 0;
    __asm__ volatile(
        "mov #0,%0\n"
        "bra 1f\n"
        " add #1,%0\n"       /* slot: runs */
        "add #16,%0\n"       /* skipped */
        "1: sett\n"
        "bt 2f\n"
        "add #32,%0\n"       /* skipped, bt has no slot */
        "2: bsr 3f\n"
        " add #2,%0\n"       /* slot of bsr */
        "bra 4f\n"
        " add #4,%0\n"
        "3: rts\n"
        " sts pr,%1\n"       /* slot of rts reads PR */
        "4: nop\n"
        : "=&r"(r), "=&r"(pr) : : "pr", "t");
    fw_check("slots", r, 7);
    fw_check("pr in rts slot nonzero", pr != 0, 1);
    return fw_finish();
}
