/*
 * undef: the undefined instruction exception (ARM DDI 0100I A2.6.3):
 * a permanently undefined ARM encoding, an MCR to an absent coprocessor
 * (cp7), an undefined Thumb encoding.  The handler checks it runs in UND
 * mode with IRQs masked, reads the faulting instruction at LR-4 (ARM) or
 * LR-2 (Thumb), and resumes after it (LR already points there).  A
 * skipped instruction proves the return path.
 */
#include "fw.h"

static uint32_t seen_insn, seen_mode, seen_thumb, count;

void fw_undef_handler(fw_frame *f)
{
    count++;
    seen_mode = fw_get_cpsr() & 0x9f;
    seen_thumb = (f->spsr & PSR_T) != 0;
    seen_insn = seen_thumb ? *(uint16_t *)(f->pc - 2) : *(uint32_t *)(f->pc - 4);
    f->r[0] = 0x5a5a0000u | count;
}

uint32_t undef_thumb(void);
__asm__(".syntax unified\n .thumb\n .thumb_func\n .global undef_thumb\n undef_thumb:\n"
        " movs r0, #1\n .short 0xde01\n adds r0, r0, #1\n bx lr\n .arm\n");

int main(void)
{
    uint32_t r;
    __asm__ volatile("mov r0, #1\n .word 0xe7f000f0\n mov %0, r0" : "=r"(r) :: "r0");
    FW_CHECK("udf handler result in r0", r, 0x5a5a0001u);
    FW_CHECK("udf insn", seen_insn, 0xe7f000f0u);
    FW_CHECK("mode in handler (UND, I set)", seen_mode, 0x9b);
    FW_CHECK("spsr.T", seen_thumb, 0);

    __asm__ volatile("mov r0, #1\n mcr p7, 0, r0, c1, c2, 3\n mov %0, r0" : "=r"(r) :: "r0");
    FW_CHECK("absent coprocessor -> undef", r, 0x5a5a0002u);
    FW_CHECK("cp7 insn", seen_insn, 0xee010772u);

    r = undef_thumb();
    FW_CHECK("thumb undef resumes after", r, 0x5a5a0004u);
    FW_CHECK("thumb insn", seen_insn, 0xde01);
    FW_CHECK("spsr.T thumb", seen_thumb, 1);
    FW_CHECK("exceptions taken", count, 3);
    return fw_done();
}
