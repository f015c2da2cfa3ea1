/*
 * ARM <-> Thumb interworking on ARMv5T (ARM DDI 0100I A4.1.10 BX,
 * A4.1.9 BLX, A7.1.* Thumb BL/BLX, POP {pc} and LDR pc interworking).
 * Each entry point is ARM and returns a value that proves which path ran.
 */
    .syntax unified
    .text

    .thumb
    .type t_add3, %function
    .thumb_func
t_add3:                         /* Thumb leaf: r0 + 3, return with BX lr */
    adds r0, r0, #3
    bx lr

    .type t_pop_return, %function
    .thumb_func
t_pop_return:                   /* returns with POP {pc} (interworks on v5T) */
    push {lr}
    adds r0, r0, #5
    pop {pc}

    .type t_calls_arm, %function
    .thumb_func
t_calls_arm:                    /* Thumb BLX imm to an ARM function */
    push {r4, lr}
    movs r4, r0
    blx a_times2
    adds r0, r0, r4             /* 3 * x */
    pop {r4, pc}

    .type t_calls_thumb, %function
    .thumb_func
t_calls_thumb:                  /* Thumb BL to Thumb, BLX reg to ARM */
    push {r4, lr}
    bl t_add3
    ldr r4, =a_times2
    blx r4
    pop {r4, pc}

    .type t_bx_pc, %function
    .thumb_func
t_bx_pc:                        /* BX pc from Thumb: to ARM at pc+4 (aligned) */
    adds r0, r0, #1
    bx pc
    nop
    .arm
    add r0, r0, #0x100
    bx lr

    .arm
    .type a_times2, %function
a_times2:
    lsl r0, r0, #1
    bx lr

    .global iw_bx
iw_bx:                          /* ARM BX reg to Thumb */
    push {lr}
    ldr r1, =t_add3
    mov lr, pc
    bx r1
    pop {pc}

    .global iw_blx_reg
iw_blx_reg:
    push {r4, lr}
    ldr r4, =t_pop_return
    blx r4
    pop {r4, pc}

    .global iw_blx_imm
iw_blx_imm:
    push {r4, lr}
    blx t_calls_arm
    pop {r4, pc}

    .global iw_nested
iw_nested:
    push {r4, lr}
    blx t_calls_thumb           /* (x + 3) * 2 */
    pop {r4, pc}

    .global iw_ldr_pc
iw_ldr_pc:                      /* LDR pc with bit 0 set enters Thumb */
    push {r4, lr}
    adr lr, 1f
    ldr r12, =t_add3
    str r12, [sp, #-4]!
    ldr pc, [sp], #4
1:  pop {r4, pc}

    .global iw_bx_pc
iw_bx_pc:
    push {r4, lr}
    ldr r4, =t_bx_pc
    blx r4
    pop {r4, pc}

    .global iw_blx_cond
iw_blx_cond:                    /* conditional BLX reg (ARM only) */
    push {r4, lr}
    ldr r4, =t_add3
    cmp r0, #10
    blxlt r4                    /* taken only when r0 < 10 */
    pop {r4, pc}
