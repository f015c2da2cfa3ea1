/*
 * A known call tree for the profile and flame graph tests
 * (tests/traces/cosim_trace_test.c):
 *   _start -> main -> foo -> bar, bar
 *                  -> leaf
 * Instructions per function (self): _start 5 (mov sp, bl, 3 to exit), main 4,
 * foo 4, bar 2 per call, leaf 2: 19 in all.
 */
    .syntax unified
    .arm
    .text
    .global _start
    .type _start, %function
_start:
    mov     sp, #0x80000         @ a stack for the pushes
    bl      main
    ldr     r1, =0x20026         @ ADP_Stopped_ApplicationExit
    mov     r0, #0x18            @ SYS_EXIT
    svc     0x123456
    .size _start, . - _start

    .type main, %function
main:
    push    {lr}
    bl      foo
    bl      leaf
    pop     {pc}
    .size main, . - main

    .type foo, %function
foo:
    push    {lr}
    bl      bar
    bl      bar
    pop     {pc}
    .size foo, . - foo

    .type bar, %function
bar:
    add     r0, r0, #1
    bx      lr
    .size bar, . - bar

    .type leaf, %function
leaf:
    mov     r1, #2
    bx      lr
    .size leaf, . - leaf
    .pool
