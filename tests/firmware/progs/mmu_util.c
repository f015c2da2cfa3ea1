/*
 * mmu_util: data abort recording for the MMU tests.  The handler stores
 * DFSR (status in bits [3:0], domain in [7:4]) and FAR and resumes at the
 * instruction after the aborted one (LR_abt - 8 + 4, ARM DDI 0100I
 * A2.6.6).  The probes are single LDR/STR instructions in asm so exactly
 * one instruction is skipped.
 */
#include "mmu_util.h"

mmu_probe mmu_last;

void fw_dabt_handler(fw_frame *f)
{
    mmu_last.aborts++;
    mmu_last.fsr = fw_cp15_dfsr();
    mmu_last.far = fw_cp15_far();
    f->r[0] = 0xababababu;
    f->pc -= 4;
}

uint32_t mmu_try_read(uint32_t va)
{
    register uint32_t r0 __asm__("r0") = va;
    __asm__ volatile("ldr r0, [r0]" : "+r"(r0) :: "memory");
    return r0;
}

int mmu_try_write(uint32_t va, uint32_t v)
{
    uint32_t before = mmu_last.aborts;
    register uint32_t r0 __asm__("r0") = va;
    register uint32_t r1 __asm__("r1") = v;
    __asm__ volatile("str r1, [r0]" : "+r"(r0) : "r"(r1) : "memory");
    return mmu_last.aborts != before;
}

void mmu_report_read(const char *what, uint32_t va)
{
    uint32_t before = mmu_last.aborts;
    uint32_t v = mmu_try_read(va);
    if (mmu_last.aborts != before)
        fw_printf("%s: read %08x aborts fsr=%03x far=%08x\n", what, va, mmu_last.fsr & 0xff,
                  mmu_last.far);
    else
        fw_printf("%s: read %08x = %08x\n", what, va, v);
}

void mmu_report_write(const char *what, uint32_t va, uint32_t v)
{
    if (mmu_try_write(va, v))
        fw_printf("%s: write %08x aborts fsr=%03x far=%08x\n", what, va, mmu_last.fsr & 0xff,
                  mmu_last.far);
    else
        fw_printf("%s: write %08x ok\n", what, va);
}
