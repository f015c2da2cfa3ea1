/* Helpers for modes.c: fill r8-r14 in every mode with (mode+1)<<24 | regno,
 * then read them all back into out[mode*7 + (reg-8)]. */
    .syntax unified
    .arm
    .text

.macro FILL modebits, tag
    msr cpsr_c, #\modebits
    mov r0, sp
    mov r1, lr
    ldr r8,  =(\tag << 24) | 8
    ldr r9,  =(\tag << 24) | 9
    ldr r10, =(\tag << 24) | 10
    ldr r11, =(\tag << 24) | 11
    ldr r12, =(\tag << 24) | 12
    ldr sp,  =(\tag << 24) | 13
    ldr lr,  =(\tag << 24) | 14
    str r0, [r3], #4            /* save the real sp/lr */
    str r1, [r3], #4
.endm

.macro DUMP modebits
    msr cpsr_c, #\modebits
    stmia r2!, {r8-r14}
.endm

.macro RESTORE modebits
    msr cpsr_c, #\modebits
    ldr sp, [r3], #4
    ldr lr, [r3], #4
.endm

    .global modes_bank_test
modes_bank_test:
    push {r4-r11, lr}
    mov r2, r0
    mrs r4, cpsr
    ldr r3, =saved
    FILL 0xd1, 1
    FILL 0xd2, 2
    FILL 0xd7, 3
    FILL 0xdb, 4
    FILL 0xd3, 5
    FILL 0xdf, 6
    DUMP 0xd1
    DUMP 0xd2
    DUMP 0xd7
    DUMP 0xdb
    DUMP 0xd3
    DUMP 0xdf
    ldr r3, =saved
    RESTORE 0xd1
    RESTORE 0xd2
    RESTORE 0xd7
    RESTORE 0xdb
    RESTORE 0xd3
    RESTORE 0xdf
    msr cpsr_c, r4
    pop {r4-r11, pc}

/* SPSR of FIQ IRQ ABT UND SVC := (m << 28) | 0xd0 | m, then read back. */
    .global modes_spsr_test
modes_spsr_test:
    push {r4, lr}
    mrs r4, cpsr
    mov r2, #0
    .irp mb, 0xd1, 0xd2, 0xd7, 0xdb, 0xd3
    msr cpsr_c, #\mb
    orr r1, r2, #0xd0
    orr r1, r1, r2, lsl #28
    msr spsr_cxsf, r1
    add r2, r2, #1
    .endr
    .irp mb, 0xd1, 0xd2, 0xd7, 0xdb, 0xd3
    msr cpsr_c, #\mb
    mrs r1, spsr
    str r1, [r0], #4
    .endr
    msr cpsr_c, r4
    pop {r4, pc}

    .bss
    .align 2
saved: .space 6 * 8
