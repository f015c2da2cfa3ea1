/*
 * except.c: default (weak) exception hooks and the SWI number decoder.
 *
 * A program that expects an exception defines the hook itself; these
 * defaults report an unexpected exception on the UART and exit with a
 * failure status, so a stray exception can never pass a test.
 * Spec: ARM DDI 0100I A2.6 (exception entry and return addresses).
 */
#include "fw.h"

static void unexpected(const char *what, fw_frame *f)
{
    fw_printf("unexpected %s: lr=0x%08x spsr=0x%08x\n", what, f->pc, f->spsr);
    fw_exit(1);
}

__attribute__((weak)) void fw_undef_handler(fw_frame *f) { unexpected("undef", f); }
__attribute__((weak)) void fw_swi_handler(fw_frame *f) { unexpected("swi", f); }
__attribute__((weak)) void fw_pabt_handler(fw_frame *f)
{
    fw_printf("ifsr=0x%08x ", fw_cp15_ifsr());
    unexpected("prefetch abort", f);
}
__attribute__((weak)) void fw_dabt_handler(fw_frame *f)
{
    fw_printf("dfsr=0x%08x far=0x%08x ", fw_cp15_dfsr(), fw_cp15_far());
    unexpected("data abort", f);
}
__attribute__((weak)) void fw_reserved_handler(fw_frame *f) { unexpected("reserved vector", f); }
__attribute__((weak)) void fw_fiq_handler(void)
{
    fw_puts("unexpected fiq\n");
    fw_exit(1);
}

uint32_t fw_swi_number(const fw_frame *f)
{
    /* LR points after the SWI; Thumb SWIs carry 8 bits, ARM ones 24. */
    if (f->spsr & PSR_T)
        return *(const uint16_t *)(uintptr_t)(f->pc - 2) & 0xffu;
    return *(const uint32_t *)(uintptr_t)(f->pc - 4) & 0xffffffu;
}
