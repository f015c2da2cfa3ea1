/*
 * cond_codes_eval(flags) -> bit mask: bit c set if condition c (EQ..AL)
 * passes with NZCV = flags[3:0].  Every condition is an ORR without S,
 * so all 15 are evaluated against the same flags.
 */
    .syntax unified
    .arm
    .text
    .global cond_codes_eval
cond_codes_eval:
    lsl r0, r0, #28
    msr cpsr_f, r0
    mov r1, #0
    orreq r1, r1, #1 << 0
    orrne r1, r1, #1 << 1
    orrcs r1, r1, #1 << 2
    orrcc r1, r1, #1 << 3
    orrmi r1, r1, #1 << 4
    orrpl r1, r1, #1 << 5
    orrvs r1, r1, #1 << 6
    orrvc r1, r1, #1 << 7
    orrhi r1, r1, #1 << 8
    orrls r1, r1, #1 << 9
    orrge r1, r1, #1 << 10
    orrlt r1, r1, #1 << 11
    orrgt r1, r1, #1 << 12
    orrle r1, r1, #1 << 13
    orral r1, r1, #1 << 14
    mov r0, r1
    bx lr

/* Conditional branches and BL: r0 = flags; returns a mask of taken ones. */
    .global cond_branch_eval
cond_branch_eval:
    push {r4, lr}
    lsl r0, r0, #28
    msr cpsr_f, r0
    mov r4, #0
    bleq 1f
    bne 2f
    orr r4, r4, #0x100
2:  blhi 3f
    mov r0, r4
    pop {r4, pc}
1:  orr r4, r4, #1
    bx lr
3:  orr r4, r4, #2
    bx lr
