/*
 * gdbdemo: the guest the GDB end-to-end tests debug (tests/gdb/run-cosim-gdb.sh).
 * Built with -O0 -g so every source line has its own code and gdb's
 * step/next/finish behave predictably.
 *
 * What the scripts rely on:
 *   - compute(4) calls square() (ARM) in a loop and stores each partial
 *     sum to `counter` (a write watchpoint fires there: 0, 1, 5, 14);
 *   - thumb_add() (gdbdemo_thumb.c) is Thumb code called from ARM;
 *   - main() then spins until the debugger sets `release` (Ctrl-C test;
 *     scripts that do not interrupt set it before continuing), and exits
 *     through semihosting with status 0 if all results are right, else 1.
 */
#include <stdint.h>

#include "fw.h"

volatile uint32_t counter;
volatile uint32_t release;
volatile uint32_t spins;

int thumb_add(int a, int b);

int square(int x)
{
    int y = x * x;
    return y;
}

int compute(int n)
{
    int acc = 0;
    for (int i = 0; i < n; i++) {
        acc += square(i);
        counter = (uint32_t)acc;
    }
    return acc;
}

int main(void)
{
    fw_printf("gdbdemo: start\n");
    int r = compute(4);
    int t = thumb_add(r, 100);
    fw_printf("gdbdemo: compute %d thumb %d\n", r, t);
    while (!release)
        spins++;
    fw_printf("gdbdemo: released after %s spins\n", spins ? "some" : "no");
    return r == 14 && t == 114 ? 0 : 1;
}
