/*
 * modes: processor modes and banked registers (ARM DDI 0100I A2.3-A2.5):
 * each of FIQ IRQ ABT UND SVC SYS gets distinct r8-r14 values; FIQ banks
 * r8-r12 as well as r13/r14, the others only r13/r14; SYS shares USR's.
 * Then every mode's values are read back, and every SPSR is written and
 * read back independently.  MSR with only the control field leaves the
 * flags alone; MSR of the flags field leaves the mode alone.
 */
#include "fw.h"

uint32_t modes_bank_test(uint32_t *out);   /* modes_asm.S */
uint32_t modes_spsr_test(uint32_t *out);

int main(void)
{
    static const char *const names[] = { "fiq", "irq", "abt", "und", "svc", "sys" };
    uint32_t out[6 * 7];
    modes_bank_test(out);
    for (int m = 0; m < 6; m++) {
        fw_printf("%s:", names[m]);
        for (int r = 0; r < 7; r++)
            fw_printf(" r%d=%08x", r + 8, out[m * 7 + r]);
        fw_putc('\n');
    }
    unsigned bad = 0;
    for (int m = 0; m < 6; m++)
        for (int r = 0; r < 7; r++) {
            /* who owns r8-r12 when this mode reads them: FIQ its own,
             * everybody else the shared bank, written last by SYS (m=5).
             * r13/r14: own bank (SYS = USR). */
            uint32_t owner = (r < 5 && m != 0) ? 5 : (uint32_t)m;
            uint32_t want = ((owner + 1) << 24) | ((uint32_t)r + 8);
            bad += out[m * 7 + r] != want;
        }
    FW_CHECK("banked register mismatches", bad, 0);

    uint32_t spsr[5];
    modes_spsr_test(spsr);
    for (int m = 0; m < 5; m++)
        fw_printf("spsr_%s = %08x\n", names[m], spsr[m]);
    bad = 0;
    for (int m = 0; m < 5; m++)
        bad += spsr[m] != (((uint32_t)m << 28) | 0xd0u | (uint32_t)m);
    FW_CHECK("spsr mismatches", bad, 0);

    uint32_t f;
    __asm__ volatile("msr cpsr_f, %1\n msr cpsr_c, #0xd3\n mrs %0, cpsr"
                     : "=r"(f) : "r"(0xa0000000u) : "cc");
    FW_CHECK("msr cpsr_c keeps flags", f & 0xf00000ffu, 0xa00000d3u);
    __asm__ volatile("msr cpsr_f, %1\n mrs %0, cpsr" : "=r"(f) : "r"(0x500000dfu) : "cc");
    FW_CHECK("msr cpsr_f keeps mode", f & 0xf00000ffu, 0x500000d3u);
    return fw_done();
}
