/*
 * Shifter-operand forms (ARM DDI 0100I A5.1) executed with MOVS so the
 * shifter carry-out lands in C.  Each helper: r0 = value, r1 = output
 * array, r2 = carry in (0/1), r3 = register shift amount (reg forms);
 * stores {result, cpsr} pairs and returns the number of pairs.
 */
    .syntax unified
    .arm
    .text

.macro STEP insn:vararg
    msr cpsr_f, r12
    \insn
    mrs r3, cpsr
    stmia r1!, {r2, r3}
.endm

/* immediate shifts: LSL #0..31, LSR #1..32, ASR #1..32, ROR #1..31, RRX */
    .global shifter_imm
shifter_imm:
    push {r4, lr}
    mov r4, r1
    lsl r12, r2, #29
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    STEP movs r2, r0, lsl #\n
    .endr
    .irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32
    STEP movs r2, r0, lsr #\n
    .endr
    .irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32
    STEP movs r2, r0, asr #\n
    .endr
    .irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    STEP movs r2, r0, ror #\n
    .endr
    STEP movs r2, r0, rrx
    sub r0, r1, r4
    lsr r0, r0, #3
    pop {r4, pc}

/* register shifts by r3 (only its bottom byte counts) */
    .global shifter_reg
shifter_reg:
    push {r4, r5, lr}
    mov r4, r1
    mov r5, r3
    lsl r12, r2, #29
    STEP movs r2, r0, lsl r5
    STEP movs r2, r0, lsr r5
    STEP movs r2, r0, asr r5
    STEP movs r2, r0, ror r5
    /* data-processing with a register-shifted operand and Rn */
    STEP adds r2, r0, r0, lsl r5
    STEP ands r2, r0, r0, ror r5
    STEP rsbs r2, r0, r0, asr r5
    STEP eors r2, r0, r0, lsr r5
    sub r0, r1, r4
    lsr r0, r0, #3
    pop {r4, r5, pc}

/* rotated immediates: carry-out is bit 31 when rotate != 0 */
    .global shifter_rotimm
shifter_rotimm:
    push {r4, lr}
    mov r4, r1
    lsl r12, r2, #29
    STEP movs r2, #0xff
    STEP movs r2, #0xff000000
    STEP movs r2, #0x3fc
    STEP movs r2, #0xc000003f
    STEP mvns r2, #0x80000000
    STEP ands r2, r0, #0xf000000f
    STEP orrs r2, r0, #0x00ff0000
    STEP teq r0, #0x80000000
    STEP adds r2, r0, #0x40000000
    STEP subs r2, r0, #0x1
    /* the PC as an operand reads as this instruction + 8 */
    STEP sub r2, pc, #0
    sub r0, r1, r4
    lsr r0, r0, #3
    pop {r4, pc}
