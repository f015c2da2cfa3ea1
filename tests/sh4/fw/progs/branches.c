/* bt/s, bf/s, braf, bsrf, jmp, jsr. */
#include "fw.h"
static int counter;
static void bump(void) { counter += 100; }
int main(void)
{
    uint32_t r;
    __asm__ volatile(
        "mov #0,%0\n"
        "clrt\n"
        "bf/s 1f\n"
        " add #1,%0\n"
        "add #64,%0\n"
        "1: sett\n"
        "bf/s 2f\n"          /* not taken, slot still runs */
        " add #2,%0\n"
        "add #4,%0\n"
        "2: mov #4,r1\n"
        "braf r1\n"          /* pc + 4 + 4 */
        " add #8,%0\n"
        "add #64,%0\n"
        "add #64,%0\n"
        "nop\n"
        : "=&r"(r) : : "r1", "t");
    fw_check("bf/s braf", r, 15);
    void (*volatile fp)(void) = bump;
    fp();
    fp();
    fw_check("jsr", (uint32_t)counter, 200);
    return fw_finish();
}
