/*
 * crt0.S: reset entry, vector table and exception stubs of the firmware
 * test suite.
 *
 * The program is linked at 0x10000 (the ELF entry is _start).  At reset
 * the CPU is in SVC mode; _start copies the 8 vectors and their 8 literal
 * words (the table is position independent: every vector is
 * `ldr pc, [pc, #24]`) to physical address 0, gives every privileged mode
 * its own stack, zeroes .bss and calls main() in SVC mode with IRQ and
 * FIQ still masked.  main's return value goes to fw_exit().
 *
 * Exception stubs (undef, SWI, prefetch/data abort) push a fw_frame
 * {spsr, pad, r0-r12, lr} (16 words: the stack stays 8-byte aligned for
 * AAPCS) and call the C hook with its address; on return they restore
 * SPSR and registers and resume at frame->pc with `ldm ... pc^`, which
 * also restores CPSR (and the T bit) from SPSR.
 * IRQ: reads VICVectAddr (which acknowledges the highest-priority source
 * in the PL190), calls that address, writes VICVectAddr (end of
 * interrupt).  Spec: ARM DDI 0100I A2.6, PL190 TRM 3.3.
 */
    .syntax unified
    .arm

    .section .vectors, "ax"
    .global fw_vectors
fw_vectors:
    ldr pc, [pc, #24]
    ldr pc, [pc, #24]
    ldr pc, [pc, #24]
    ldr pc, [pc, #24]
    ldr pc, [pc, #24]
    ldr pc, [pc, #24]
    ldr pc, [pc, #24]
    ldr pc, [pc, #24]
    .word _start
    .word fw_undef_stub
    .word fw_swi_stub
    .word fw_pabt_stub
    .word fw_dabt_stub
    .word fw_reserved_stub
    .word fw_irq_stub
    .word fw_fiq_stub

    .text
    .global _start
    .type _start, %function
_start:
    /* Copy the vector table (16 words) to 0. */
    ldr r0, =fw_vectors
    mov r1, #0
    ldmia r0!, {r2-r9}
    stmia r1!, {r2-r9}
    ldmia r0!, {r2-r9}
    stmia r1!, {r2-r9}

    /* One stack per mode; interrupts stay masked. */
    msr cpsr_c, #0xd1           /* FIQ */
    ldr sp, =__stack_fiq
    msr cpsr_c, #0xd2           /* IRQ */
    ldr sp, =__stack_irq
    msr cpsr_c, #0xd7           /* ABT */
    ldr sp, =__stack_abt
    msr cpsr_c, #0xdb           /* UND */
    ldr sp, =__stack_und
    msr cpsr_c, #0xdf           /* SYS (and USR) */
    ldr sp, =__stack_usr
    msr cpsr_c, #0xd3           /* SVC */
    ldr sp, =__stack_svc

    /* Zero .bss. */
    ldr r0, =__bss_start
    ldr r1, =__bss_end
    mov r2, #0
1:  cmp r0, r1
    strlo r2, [r0], #4
    blo 1b

    bl main
    bl fw_exit
    b .
    .size _start, . - _start

.macro EXC_STUB name, hook
    .global \name
    .type \name, %function
\name:
    stmfd sp!, {r0-r12, lr}
    mrs r0, spsr
    stmfd sp!, {r0, r1}          /* spsr, pad */
    mov r0, sp
    bl \hook
    ldmfd sp!, {r0, r1}
    msr spsr_cxsf, r0
    ldmfd sp!, {r0-r12, pc}^
    .size \name, . - \name
.endm

    EXC_STUB fw_undef_stub, fw_undef_handler
    EXC_STUB fw_swi_stub, fw_swi_handler
    EXC_STUB fw_pabt_stub, fw_pabt_handler
    EXC_STUB fw_dabt_stub, fw_dabt_handler
    EXC_STUB fw_reserved_stub, fw_reserved_handler

    .global fw_irq_stub
    .type fw_irq_stub, %function
fw_irq_stub:
    sub lr, lr, #4
    stmfd sp!, {r0-r3, r12, lr}
    ldr r0, =0x10140000
    ldr r1, [r0, #0x30]          /* VICVectAddr: acknowledge */
    blx r1
    ldr r0, =0x10140000
    str r0, [r0, #0x30]          /* end of interrupt */
    ldmfd sp!, {r0-r3, r12, pc}^
    .size fw_irq_stub, . - fw_irq_stub

    .global fw_fiq_stub
    .type fw_fiq_stub, %function
fw_fiq_stub:
    sub lr, lr, #4
    stmfd sp!, {r0-r3, r12, lr}
    bl fw_fiq_handler
    ldmfd sp!, {r0-r3, r12, pc}^
    .size fw_fiq_stub, . - fw_fiq_stub

/* Semihosting entry points: r0 = operation, r1 = argument.  LR is saved
 * because a SWI taken from SVC mode overwrites LR_svc (a debugger-based
 * semihosting implementation does take the exception). */
    .global fw_semihost
    .type fw_semihost, %function
fw_semihost:
    push {r4, lr}
    svc 0x123456
    pop {r4, pc}
    .size fw_semihost, . - fw_semihost

    .thumb
    .global fw_semihost_thumb
    .type fw_semihost_thumb, %function
    .thumb_func
fw_semihost_thumb:
    push {r4, lr}
    svc 0xab
    pop {r4, pc}
    .size fw_semihost_thumb, . - fw_semihost_thumb
