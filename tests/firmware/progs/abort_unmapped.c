/*
 * abort_unmapped (architectural golden): with the MMU off, a load from a
 * physical address where the Versatile PB decodes nothing (0x20000000)
 * is an external abort: a data abort whose FSR reports an external
 * abort on a non-linefetch (0b1000, ARM DDI 0100I B4.6 table B4-1), and
 * branching there is a prefetch abort.  QEMU reads such space as zero
 * instead (its versatilepb sets ignore_memory_transaction_failures), so
 * the golden output comes from the ARM ARM (golden-arch/).
 */
#include "mmu_util.h"

static uint32_t pabt_count, pabt_lr;

void fw_pabt_handler(fw_frame *f)
{
    pabt_count++;
    pabt_lr = f->pc;
    f->pc = f->r[4];
    f->spsr &= ~PSR_T;
}

int main(void)
{
    uint32_t v = mmu_try_read(0x20000000u);
    FW_CHECK("load from unmapped space aborts", mmu_last.aborts, 1);
    FW_CHECK("value not loaded", v, 0xababababu);
    FW_CHECK("fsr external abort (0b10x0)", mmu_last.fsr & 0xd, 0x8);
    FW_CHECK("store to unmapped space aborts", mmu_try_write(0x20000010u, 1), 1);
    __asm__ volatile("adr r4, 1f\n bx %0\n1:" :: "r"(0x20000100u) : "r4", "lr", "memory");
    FW_CHECK("prefetch abort", pabt_count, 1);
    FW_CHECK("pabt lr", pabt_lr, 0x20000104u);
    return fw_done();
}
