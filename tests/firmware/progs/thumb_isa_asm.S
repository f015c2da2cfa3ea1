/*
 * Thumb (v5T, Thumb-1) data-processing and shift instructions for
 * thumb_isa.c.  thumb_run(idx, a, b, &flags) calls op number idx in
 * Thumb state with r0 = a, r1 = b and flags NZCV preset to 0b0010 (C=1),
 * then returns r0 and stores CPSR (flags survive BX back to ARM).
 */
    .syntax unified
    .text
    .arm
    .global thumb_run
thumb_run:
    push {r4, r5, lr}
    mov r5, r3
    adr r4, thumb_ops
    ldr r4, [r4, r0, lsl #2]
    mov r0, r1
    mov r1, r2
    mov r12, #0x20000000        /* C = 1 on entry */
    msr cpsr_f, r12
    blx r4
    mrs r1, cpsr
    str r1, [r5]
    pop {r4, r5, pc}

    .global thumb_nops
thumb_ops:
    .word t_adds_r, t_subs_r, t_adds_i3, t_subs_i8, t_adcs, t_sbcs, t_rsbs0
    .word t_muls, t_ands, t_eors, t_orrs, t_bics, t_mvns, t_cmp, t_cmn, t_tst
    .word t_lsls_i, t_lsrs_i, t_asrs_i, t_lsls_r, t_lsrs_r, t_asrs_r, t_rors_r
    .word t_add_hi, t_mov_hi, t_cmp_hi, t_movs_i, t_lsrs32, t_asrs32
    .word t_cmp_i8
thumb_ops_end:
    .set thumb_nops, (thumb_ops_end - thumb_ops) / 4

    .thumb
.macro TOP name, body:vararg
    .type \name, %function
    .thumb_func
\name:
    \body
    bx lr
.endm
    TOP t_adds_r, adds r0, r0, r1
    TOP t_subs_r, subs r0, r0, r1
    TOP t_adds_i3, adds r0, r0, #7
    TOP t_subs_i8, subs r0, #200
    TOP t_adcs, adcs r0, r1
    TOP t_sbcs, sbcs r0, r1
    TOP t_rsbs0, rsbs r0, r1, #0
    TOP t_muls, muls r0, r1
    TOP t_ands, ands r0, r1
    TOP t_eors, eors r0, r1
    TOP t_orrs, orrs r0, r1
    TOP t_bics, bics r0, r1
    TOP t_mvns, mvns r0, r1
    TOP t_cmp, cmp r0, r1
    TOP t_cmn, cmn r0, r1
    TOP t_tst, tst r0, r1
    TOP t_lsls_i, lsls r0, r0, #13
    TOP t_lsrs_i, lsrs r0, r0, #7
    TOP t_asrs_i, asrs r0, r0, #9
    TOP t_lsls_r, lsls r0, r1
    TOP t_lsrs_r, lsrs r0, r1
    TOP t_asrs_r, asrs r0, r1
    TOP t_rors_r, rors r0, r1
    /* high registers: ADD/MOV/CMP with r8-r12 (ADD/MOV set no flags) */
    .type t_add_hi, %function
    .thumb_func
t_add_hi:
    mov r12, r1
    add r0, r12
    bx lr
    .type t_mov_hi, %function
    .thumb_func
t_mov_hi:                       /* r8/r9 are callee-saved: keep them */
    mov r2, r8
    mov r3, r9
    mov r8, r0
    mov r9, r8
    mov r0, r9
    adds r0, r0, r1
    mov r8, r2
    mov r9, r3
    bx lr
    TOP t_cmp_hi, mov r12, r1; cmp r0, r12
    TOP t_movs_i, movs r0, #0
    TOP t_lsrs32, lsrs r0, r0, #32
    TOP t_asrs32, asrs r0, r0, #32
    TOP t_cmp_i8, cmp r0, #128

/* Memory forms: r0 = buffer of 8 words; returns a mix of loaded values. */
    .global thumb_mem
    .type thumb_mem, %function
    .thumb_func
thumb_mem:
    push {r4-r7, lr}
    movs r1, #4
    ldr r2, [r0, #4]            /* imm offset */
    ldr r3, [r0, r1]            /* reg offset */
    ldrb r4, [r0, #5]
    ldrh r5, [r0, #6]
    movs r1, #3
    ldrsb r6, [r0, r1]
    movs r1, #2
    ldrsh r7, [r0, r1]
    str r2, [r0, #28]
    strb r4, [r0, #24]
    strh r5, [r0, #26]
    adds r2, r2, r3
    adds r2, r2, r4
    adds r2, r2, r5
    adds r2, r2, r6
    adds r2, r2, r7
    /* LDMIA/STMIA with writeback */
    movs r1, r0
    ldmia r1!, {r3, r4}
    subs r1, r1, r0             /* 8 */
    adds r2, r2, r1
    movs r1, r0
    adds r1, #8
    stmia r1!, {r3, r4}
    /* SP-relative and PC-relative */
    sub sp, #8
    str r2, [sp, #4]
    ldr r3, [sp, #4]
    add sp, #8
    ldr r4, 1f
    adds r0, r3, r4
    add r1, sp, #16             /* ADD rd, sp, #imm */
    adr r3, 1f                  /* ADD rd, pc, #imm */
    ldr r3, [r3]
    adds r0, r0, r3
    pop {r4-r7, pc}
    .align 2
1:  .word 0x01000000

/* Conditional branches, BL and a counted loop: sum 1..r0. */
    .global thumb_loop
    .type thumb_loop, %function
    .thumb_func
thumb_loop:
    push {lr}
    movs r1, #0
2:  cmp r0, #0
    beq 3f
    adds r1, r1, r0
    subs r0, #1
    bl thumb_nop
    b 2b
3:  movs r0, r1
    pop {pc}
    .type thumb_nop, %function
    .thumb_func
thumb_nop:
    bx lr

/* Thumb SWI into the ARM SWI handler: returns what the handler put in r0. */
    .global thumb_swi
    .type thumb_swi, %function
    .thumb_func
thumb_swi:                      /* LR_svc is overwritten by the SWI */
    push {r4, lr}
    svc 0x42
    pop {r4, pc}
