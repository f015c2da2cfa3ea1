/*
 * A tiny ARM image with functions at known addresses (linked at 0x1000),
 * for the offline tool tests: its symbols are read with libelf, and the
 * synthetic trace in tool_test.c follows this code's control flow.
 *   main 0x1000  foo 0x2000  bar 0x3000  leaf 0x4000  isr 0x5000
 */
    .syntax unified
    .arm
    .text
    .global main
    .type main, %function
main:
    mov     r0, #1
    bl      foo
    bl      leaf
1:  b       1b
    .size main, . - main

    .org 0x1000
    .global foo
    .type foo, %function
foo:
    push    {lr}
    bl      bar
    bl      bar
    pop     {pc}
    .size foo, . - foo

    .org 0x2000
    .type bar, %function
bar:
    add     r0, r0, #1
    bx      lr
    .size bar, . - bar

    .org 0x3000
    .type leaf, %function
leaf:
    mov     r1, #2
    bx      lr
    .size leaf, . - leaf

    .org 0x4000
    .global isr
    .type isr, %function
isr:
    sub     r2, r2, #1
    subs    pc, lr, #4
    .size isr, . - isr
