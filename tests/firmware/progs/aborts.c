/*
 * aborts: prefetch and data aborts through the MMU (QEMU does not abort
 * on unmapped physical addresses, so every fault here is an MMU fault):
 * executing from an unmapped section (ARM and Thumb targets) gives a
 * prefetch abort with LR_abt = address + 4 and IFSR = translation fault;
 * BKPT (ARMv5T) gives a prefetch abort too; an LDM from an unmapped
 * section reports its first address in FAR; with SCTLR.A=1 a misaligned
 * LDR gives an alignment fault (FSR 0b00x1).
 */
#include "mmu_util.h"

static uint32_t pabt_count, pabt_lr, pabt_ifsr, pabt_spsr_t;

void fw_pabt_handler(fw_frame *f)
{
    pabt_count++;
    pabt_lr = f->pc;
    pabt_ifsr = fw_cp15_ifsr();
    pabt_spsr_t = (f->spsr & PSR_T) != 0;
    /* resume at the address the test left in r4, in ARM state */
    f->pc = f->r[4];
    f->spsr &= ~PSR_T;
}

static void jump_to(uint32_t target)
{
    __asm__ volatile("adr r4, 1f\n bx %0\n1:" :: "r"(target) : "r4", "lr", "memory");
}

int main(void)
{
    uint32_t *l1 = fw_mmu_l1();
    fw_mmu_identity(l1, 8);
    fw_mmu_enable(l1, MMU_DOMAIN_CLIENT);

    jump_to(0x70000100u);
    fw_printf("prefetch abort (ARM): lr=%08x ifsr=%03x T=%u\n", pabt_lr, pabt_ifsr & 0xff, pabt_spsr_t);
    FW_CHECK("pabt lr = target + 4", pabt_lr, 0x70000104u);
    FW_CHECK("ifsr status section translation", pabt_ifsr & 0xf, 0x5);
    jump_to(0x70000201u);
    fw_printf("prefetch abort (Thumb): lr=%08x ifsr=%03x T=%u\n", pabt_lr, pabt_ifsr & 0xff, pabt_spsr_t);
    FW_CHECK("pabt thumb lr = target + 4", pabt_lr, 0x70000204u);
    FW_CHECK("spsr.T", pabt_spsr_t, 1);
    /* an instruction that straddles nothing but whose page is fine, after
     * a fault: execution resumes normally */
    FW_CHECK("prefetch aborts", pabt_count, 2);

    /* BKPT: prefetch abort, LR = BKPT + 4 */
    uint32_t at;
    __asm__ volatile("adr r4, 1f\n adr %0, 2f\n2: bkpt 0x12\n nop\n1:" : "=r"(at) :: "r4", "memory");
    fw_printf("bkpt: lr-addr=%u\n", pabt_lr - at);
    FW_CHECK("bkpt lr = addr + 4", pabt_lr - at, 4);
    FW_CHECK("prefetch aborts after bkpt", pabt_count, 3);

    /* data abort on an LDM from the last word of an unmapped section */
    fw_mmu_section(l1, 0x70100000u, 0x00700000u, MMU_AP_ALL, 0);
    fw_mmu_tlb_flush();
    {
        register uint32_t base __asm__("r0") = 0x700ffffcu;   /* last word of a hole */
        __asm__ volatile("ldmia r0, {r1, r2}" : "+r"(base) :: "r1", "r2", "memory");
        fw_printf("ldm across unmapped: fsr=%03x far=%08x\n", mmu_last.fsr & 0xff, mmu_last.far);
        FW_CHECK("ldm far", mmu_last.far, 0x700ffffcu);
    }
    /* alignment fault: SCTLR.A = 1, LDR from addr % 4 == 2 */
    uint32_t sctlr = fw_cp15_sctlr();
    fw_cp15_set_sctlr(sctlr | 2u);
    static uint32_t words[2] = { 0x11223344u, 0x55667788u };
    FW_CHECK("aligned with A=1", mmu_try_read((uint32_t)&words[0]), 0x11223344u);
    FW_CHECK("misaligned with A=1 aborts", mmu_try_read((uint32_t)&words[0] + 2), 0xababababu);
    fw_printf("alignment fault: fsr=%03x far=&words+%u\n", mmu_last.fsr & 0xff,
              mmu_last.far - (uint32_t)&words[0]);
    FW_CHECK("alignment fault far", mmu_last.far, (uint32_t)&words[0] + 2);
    FW_CHECK("alignment fault status 0b00x1", mmu_last.fsr & 0xd, 0x1);
    fw_cp15_set_sctlr(sctlr);
    FW_CHECK("data aborts", mmu_last.aborts, 2);
    fw_mmu_disable();
    return fw_done();
}
