/*
 * user_mode: unprivileged execution with the MMU on (ARM DDI 0100I
 * B4.5.1 access permissions).  From USR mode: AP=3 read/write, AP=2
 * read-only (write -> permission fault), AP=1 no access; MSR cannot
 * change the mode or the I/F bits in USR; MRS reads mode 0x10; a SWI
 * brings the program back to SVC (the handler rewrites SPSR).  From SVC,
 * LDRT/STRT on an AP=1 section are checked as user accesses and fault.
 */
#include "mmu_util.h"

#define VA_ALL  0x60000000u
#define VA_RO   0x60100000u
#define VA_PRIV 0x60200000u

void fw_swi_handler(fw_frame *f)
{
    if (fw_swi_number(f) == 0x99) {
        /* return to SVC with IRQ/FIQ masked */
        f->spsr = (f->spsr & ~0xffu) | 0xd3u;
    }
}

static uint32_t user_results[8];

static void user_body(void)
{
    uint32_t cpsr, r;
    __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
    user_results[0] = cpsr & 0xdf;
    /* try to become SVC and unmask: ignored for the control byte in USR */
    __asm__ volatile("msr cpsr_c, #0x13\n mrs %0, cpsr" : "=r"(r));
    user_results[1] = r & 0xdf;
    user_results[2] = mmu_try_read(VA_ALL);
    user_results[3] = mmu_try_write(VA_ALL + 4, 0x11u);
    user_results[4] = mmu_try_read(VA_RO);
    user_results[5] = mmu_try_write(VA_RO + 4, 0x22u);
    user_results[6] = mmu_try_read(VA_PRIV);
    user_results[7] = mmu_last.fsr & 0xff;
    /* the user can print: the UART section is AP=3 */
    fw_puts("hello from user mode\n");
}

int main(void)
{
    uint32_t *l1 = fw_mmu_l1();
    *(volatile uint32_t *)0x00500000u = 0xa0a0a0a0u;
    *(volatile uint32_t *)0x00600000u = 0xb0b0b0b0u;
    *(volatile uint32_t *)0x00700000u = 0xc0c0c0c0u;
    fw_mmu_identity(l1, 8);
    fw_mmu_section(l1, VA_ALL, 0x00500000u, MMU_AP_ALL, 0);
    fw_mmu_section(l1, VA_RO, 0x00600000u, MMU_AP_UREAD, 0);
    fw_mmu_section(l1, VA_PRIV, 0x00700000u, MMU_AP_PRIV, 0);
    fw_mmu_enable(l1, MMU_DOMAIN_CLIENT);

    /* SVC view first */
    FW_CHECK("svc reads AP=1", mmu_try_read(VA_PRIV), 0xc0c0c0c0u);
    uint32_t v = 0;
    uint32_t before = mmu_last.aborts;
    {
        /* LDRT is post-indexed: Rd must differ from Rn */
        register uint32_t r0 __asm__("r0") = VA_PRIV;
        register uint32_t r1 __asm__("r1") = 0xababababu;   /* kept if aborted */
        __asm__ volatile("ldrt r1, [r0]" : "+r"(r0), "+r"(r1) :: "memory");
        v = r1;
    }
    FW_CHECK("ldrt on AP=1 from SVC aborts", mmu_last.aborts - before, 1);
    fw_printf("ldrt: value %08x fsr=%03x\n", v, mmu_last.fsr & 0xff);

    /* drop to USR (user stack from crt0), run, SWI back */
    __asm__ volatile("msr cpsr_c, #0x10" ::: "memory");
    user_body();
    __asm__ volatile("svc 0x99" ::: "lr", "memory");
    uint32_t mode = fw_get_cpsr() & 0x1f;

    FW_CHECK("back in SVC", mode, 0x13);
    FW_CHECK("user cpsr", user_results[0], 0x10);
    FW_CHECK("user msr cpsr_c ignored", user_results[1], 0x10);
    FW_CHECK("user read AP=3", user_results[2], 0xa0a0a0a0u);
    FW_CHECK("user write AP=3 ok", user_results[3], 0);
    FW_CHECK("user read AP=2", user_results[4], 0xb0b0b0b0u);
    FW_CHECK("user write AP=2 faults", user_results[5], 1);
    FW_CHECK("user read AP=1 faults", user_results[6], 0xababababu);
    FW_CHECK("fsr permission section", user_results[7], 0x0d);
    fw_mmu_disable();
    FW_CHECK("user write landed", *(volatile uint32_t *)0x00500004u, 0x11u);
    return fw_done();
}
