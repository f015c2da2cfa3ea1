/*
 * Runtime helpers called from translated ARM code.
 *
 * Every helper has the uniform tcg_helper_fn signature
 *   uint32_t fn(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
 * (unused arguments are ignored) so both backends call them alike; env is
 * the arm_cpu.  The front end (translate.c) registers them with the flags
 * noted here.
 *
 * Conventions for helpers that raise exceptions:
 *   - arm_helper_raise: the front end has stored regs[15] = address of the
 *     instruction raising it; do_interrupt derives LR from that address
 *     and the exception (SWI/UDF: +4 ARM, +2 Thumb; prefetch: +4;
 *     data abort: +8; IRQ/FIQ taken at TB boundaries: next insn + 4).
 *   - memory faults restore regs[15] from insn_start data themselves.
 *
 * System helpers live in helper-sys.c; ALU helpers in helper-alu.c.
 */
#ifndef ARM_HELPER_H
#define ARM_HELPER_H

#include <stdint.h>

#define ARM_HELPER_(name) uint32_t arm_helper_##name(void *env, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)

/* ---- system (helper-sys.c) ---- */
ARM_HELPER_(cpsr_read);          /* -> CPSR                                      NO_WG   */
ARM_HELPER_(cpsr_write);         /* a0 = value, a1 = byte mask (MSR); may switch mode    */
ARM_HELPER_(spsr_read);          /* -> SPSR (0 and guest_error in USR/SYS)       NO_WG   */
ARM_HELPER_(spsr_write);         /* a0 = value, a1 = byte mask                           */
ARM_HELPER_(exception_return);   /* a0 = new PC: CPSR = SPSR, PC = a0 (aligned per T)    */
ARM_HELPER_(raise);              /* a0 = exception number; does not return               */
ARM_HELPER_(get_user_reg);       /* a0 = reg 8..14 -> USR-mode value (LDM/STM ^)  NO_WG  */
ARM_HELPER_(set_user_reg);       /* a0 = reg 8..14, a1 = value                            */
ARM_HELPER_(mrc);                /* a0 = instruction word -> value (UNDEF if unknown)     */
ARM_HELPER_(mcr);                /* a0 = instruction word, a1 = value                     */
ARM_HELPER_(wfi);                /* halt until interrupt; regs[15] = next insn; no return */
ARM_HELPER_(semihost);           /* regs[15] = next insn; performs the call on r0/r1      */
ARM_HELPER_(check_align);        /* a0 = address, a1 = mask: data abort if addr & mask    */

/* ---- ALU (helper-alu.c), all TCG_CALL_NO_RWG unless noted ---- */
ARM_HELPER_(qadd);               /* saturating; sets QF (writes a global: not NO_RWG)    */
ARM_HELPER_(qsub);
ARM_HELPER_(qdadd);
ARM_HELPER_(qdsub);
ARM_HELPER_(add_setq);           /* a0 + a1, sets QF on signed overflow (SMLAxy/SMLAWy)   */

#endif
