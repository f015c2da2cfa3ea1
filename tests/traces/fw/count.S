/*
 * Firmware with an exactly known trace, for the cosim --trace tests
 * (tests/traces/cosim_trace_test.c).  Runs in SVC mode from reset with
 * semihosting; no interrupts.
 *
 * Instructions executed: 41 (40 executed + 1 condition-failed BNE):
 *   2 (movs) + 10 x 3 (loop) + 4 (ldr/str/ldr/bl) + 2 (func) + 3 (exit).
 * Register writes reported: 40 (see the test for the list);
 * data reads: 2 (the exit code's literal-pool load and one LDR; the
 * assembler makes the first "ldr =" a MOV); data writes: 1.
 * Translation blocks (for the hotblocks plugin): 5 + 9 x 3 + 4 + 2 + 3.
 */
    .syntax unified
    .arm
    .text
    .global _start
    .type _start, %function
_start:
    mov     r0, #0
    mov     r1, #10
loop:
    add     r0, r0, r1
    subs    r1, r1, #1
    bne     loop                 @ taken 9 times, then condition failed
    ldr     r2, =0x20000         @ literal: MR4
    str     r0, [r2]             @ MW4 0x20000 = 55
    ldr     r3, [r2]             @ MR4
    bl      func
    ldr     r1, =0x20026         @ literal: ADP_Stopped_ApplicationExit
    mov     r0, #0x18            @ SYS_EXIT
    svc     0x123456
    .size _start, . - _start

    .type func, %function
func:
    add     r0, r0, #1
    bx      lr
    .size func, . - func
    .pool
