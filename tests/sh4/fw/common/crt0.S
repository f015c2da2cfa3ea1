/*
 * Start-up and exception vectors for the SHIX firmware tests.
 * _start: privileged, bank 0, BL = 0, IMASK = 15, FPU on with FPSCR.PR = 1
 * (GCC's -m4 default mode); VBR = fw_vbr; bss zeroed; main(); fw_end(ret).
 * Vectors: VBR + 0x100 general, + 0x400 TLB miss, + 0x600 interrupt.  Each
 * saves PR, MACH, MACL, SSR, SPC, R8-R14 is left to C (callee-saved), and
 * calls fw_exception(code, kind, frame) with kind 0/1/2 and frame[0] = SPC,
 * frame[1] = SSR (the handler may change them), on the bank-1 registers.
 */
    .section .text.start, "ax"
    .global _start
_start:
    mov.l   .Lstack, r15
    mov.l   .Lsr, r0
    ldc     r0, sr
    mov.l   .Lvbr, r0
    ldc     r0, vbr
    mov.l   .Lfpscr, r0
    lds     r0, fpscr
    mov.l   .Lbss_start, r1
    mov.l   .Lbss_end, r2
    mov     #0, r0
1:  cmp/hs  r2, r1
    bt      2f
    mov.l   r0, @r1
    bra     1b
    add     #4, r1
2:  mov.l   .Lmain, r0
    jsr     @r0
    nop
    mov.l   .Lend, r1
    jsr     @r1
    mov     r0, r4
3:  bra     3b
    nop
    .align 2
.Lstack:     .long __stack_top
.Lsr:        .long 0x400000f0
.Lvbr:       .long fw_vbr
.Lfpscr:     .long 0x00080000
.Lbss_start: .long __bss_start
.Lbss_end:   .long __bss_end
.Lmain:      .long main
.Lend:       .long fw_end

    .section .vectors, "ax"
    .global fw_vbr
fw_vbr:
    .org 0x100
    bra     exc_entry
    mov     #0, r5
    .org 0x400
    bra     exc_entry
    mov     #1, r5
    .org 0x600
    bra     exc_entry
    mov     #2, r5

exc_entry:
    sts.l   pr, @-r15
    sts.l   mach, @-r15
    sts.l   macl, @-r15
    stc.l   ssr, @-r15
    stc.l   spc, @-r15
    mov     r5, r0
    cmp/eq  #2, r0
    mov.l   .Lexpevt, r4
    bf      4f
    mov.l   .Lintevt, r4
4:  mov.l   @r4, r4
    mov.l   .Lhandler, r0
    jsr     @r0
    mov     r15, r6
    ldc.l   @r15+, spc
    ldc.l   @r15+, ssr
    lds.l   @r15+, macl
    lds.l   @r15+, mach
    lds.l   @r15+, pr
    rte
    nop
    .align 2
.Lexpevt:  .long 0xff000024
.Lintevt:  .long 0xff000028
.Lhandler: .long fw_exception
	.section .note.GNU-stack,"",%progbits
