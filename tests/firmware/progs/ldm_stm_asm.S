/*
 * Block transfers for ldm_stm.c.  Each helper takes r0 = buffer and
 * returns the written-back base in r0 unless said otherwise.
 */
    .syntax unified
    .arm
    .text

/* STM in the four modes with writeback, values 1..4 in r1-r4. */
.macro STMMODE name, mode
    .global \name
\name:
    push {r4, lr}
    mov r1, #1
    mov r2, #2
    mov r3, #3
    mov r4, #4
    stm\mode r0!, {r1-r4}
    pop {r4, pc}
.endm
    STMMODE stm_ia, ia
    STMMODE stm_ib, ib
    STMMODE stm_da, da
    STMMODE stm_db, db

/* LDM in the four modes with writeback: r0 = base, r1 = out[5]
 * (4 loaded registers + final base). */
.macro LDMMODE name, mode
    .global \name
\name:
    push {r4-r7, lr}
    mov r12, r1
    ldm\mode r0!, {r4-r7}
    stmia r12, {r4-r7}
    str r0, [r12, #16]
    pop {r4-r7, pc}
.endm
    LDMMODE ldm_ia, ia
    LDMMODE ldm_ib, ib
    LDMMODE ldm_da, da
    LDMMODE ldm_db, db

/* Non-contiguous register list, no writeback: the lowest register goes
 * to the lowest address whatever the order in the source. */
    .global stm_sparse
stm_sparse:
    push {r4-r11, lr}
    mov r1, #0x11
    mov r3, #0x33
    mov r5, #0x55
    mov r8, #0x88
    mov r11, #0xbb
    mov r12, #0xcc
    mov lr, #0xdd
    stmia r0, {r1, r3, r5, r8, r11, r12, lr}
    pop {r4-r11, pc}

/* STM with the base in the list, base first: stores the original base
 * (ARM DDI 0100I A4.1.97: the base is the lowest register -> stored
 * unchanged). Returns the stored base value minus the original. */
    .global stm_base_first
stm_base_first:
    push {r4, lr}
    mov r4, r0
    mov r1, #0x5a
    stmia r0!, {r0, r1}
    ldr r0, [r4]
    sub r0, r0, r4
    pop {r4, pc}

/* LDM loading the PC: returns through the loaded address. */
    .global ldm_pc
ldm_pc:
    push {r4, lr}
    mov r1, #7
    adr r2, 1f
    stmia r0, {r1, r2}
    mov r2, #0
    ldmia r0, {r4, pc}
    mov r0, #0xba
    pop {r4, pc}
1:  mov r0, r4
    pop {r4, pc}

/* LDM with bit 0 of the loaded PC set: ARMv5 switches to Thumb. */
    .global ldm_pc_thumb
ldm_pc_thumb:
    push {r4, lr}
    adr r1, 2f
    orr r1, r1, #1
    str r1, [r0]
    ldmia r0, {pc}
    .thumb
2:  movs r0, #42
    pop {r4, pc}
    .arm

/* STM^ / LDM^ from SVC: the user-mode r13/r14 are transferred. */
    .global stm_user
stm_user:
    push {r4, lr}
    mov r4, r0
    mrs r2, cpsr
    msr cpsr_c, #0xdf           /* SYS: shares the user bank */
    mov r1, sp
    mov r3, lr
    ldr sp, =0x13131313
    ldr lr, =0x14141414
    msr cpsr_c, r2              /* back to SVC */
    stmia r4, {sp, lr}^         /* user sp/lr */
    ldr r12, =0x0d0d0d0d
    str r12, [r4, #8]
    add r4, r4, #8
    ldmia r4, {sp}^             /* user sp := 0x0d0d0d0d */
    nop
    msr cpsr_c, #0xdf
    mov r0, sp                  /* what user sp is now */
    mov sp, r1                  /* restore user sp/lr */
    mov lr, r3
    msr cpsr_c, r2
    pop {r4, pc}

/* PUSH/POP are STMDB/LDMIA on sp: full descending stack. */
    .global push_pop
push_pop:
    mov r12, sp
    mov r1, #0xa1
    mov r2, #0xa2
    mov r3, #0xa3
    push {r1-r3}
    ldr r0, [sp]                /* lowest address: r1 */
    sub r1, r12, sp             /* 12 */
    add r0, r0, r1, lsl #8
    pop {r1-r3}
    cmp r12, sp
    addne r0, r0, #0x10000
    bx lr
