/*
 * swi: the software interrupt exception with a number (ARM DDI 0100I
 * A4.1.107): the handler runs in SVC mode with IRQs masked, decodes the
 * 24-bit comment field from the SWI at LR-4, implements a tiny system-
 * call table (add, multiply, get SPSR), and returns a value in r0; a
 * conditional SWI that fails its condition is not taken; an SWI from
 * SYS mode returns to SYS mode with its registers intact.
 */
#include "fw.h"

static uint32_t calls;

void fw_swi_handler(fw_frame *f)
{
    uint32_t n = fw_swi_number(f);
    calls++;
    switch (n) {
    case 1: f->r[0] = f->r[0] + f->r[1]; break;
    case 2: f->r[0] = f->r[0] * f->r[1]; break;
    case 3: f->r[0] = f->spsr & 0xff; break;
    case 4: f->r[0] = fw_get_cpsr() & 0x9f; break;
    default: f->r[0] = 0xdead0000u | n; break;
    }
}

#define SWI2(num, a, b, out)                                                   \
    __asm__ volatile("mov r0, %1\n mov r1, %2\n svc " #num "\n mov %0, r0"     \
                     : "=r"(out) : "r"(a), "r"(b) : "r0", "r1", "lr", "memory")

int main(void)
{
    uint32_t r;
    SWI2(1, 40, 2, r);
    FW_CHECK("swi 1 add", r, 42);
    SWI2(2, 6, 7, r);
    FW_CHECK("swi 2 mul", r, 42);
    SWI2(4, 0, 0, r);
    FW_CHECK("handler mode SVC, I set", r, 0x93);
    SWI2(0xabcdef, 0, 0, r);
    FW_CHECK("24-bit number", r, 0xdead0000u | 0xabcdef);
    __asm__ volatile("cmp %1, #0\n mov r0, #5\n svcne 1\n mov %0, r0"
                     : "=r"(r) : "r"(0) : "r0", "r1", "lr", "cc");
    FW_CHECK("svcne not taken", r, 5);
    /* from SYS mode: SPSR_svc holds SYS, return restores it */
    uint32_t mode;
    __asm__ volatile("mrs r2, cpsr\n msr cpsr_c, #0xdf\n mov r4, #0x44\n svc 3\n"
                     " mov %0, r0\n mrs %1, cpsr\n add %0, %0, r4, lsl #8\n msr cpsr_c, r2"
                     : "=&r"(r), "=&r"(mode) :: "r0", "r1", "r2", "r4", "lr", "memory");
    FW_CHECK("spsr from SYS (+r4 kept)", r, 0x44df);
    FW_CHECK("back in SYS", mode & 0x1f, 0x1f);
    FW_CHECK("calls", calls, 5);
    return fw_done();
}
