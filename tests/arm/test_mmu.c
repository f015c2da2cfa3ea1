/*
 * ARMv5 MMU walk with hand-built page tables in RAM: sections, coarse
 * tables with small and large pages, fine tables with tiny pages, subpage
 * permissions, domains, AP with SCTLR S/R for User and privileged
 * accesses, and the exact FSR of every fault class.
 *
 * RAM: 1 MiB at 0.  First-level table at 0x4000, second-level tables at
 * 0x8000 (coarse) and 0x9000 (fine).  Physical targets need not be RAM.
 */
#include "ctest.h"
#include "armsys_test.h"

#define TTB      0x4000u
#define COARSE   0x8000u
#define COARSE2  0x8400u
#define FINE     0x9000u
#define PRIV     ARM_MMU_IDX_PRIV
#define USER     ARM_MMU_IDX_USER
#define RD       TCG_ACCESS_READ
#define WR       TCG_ACCESS_WRITE
#define EX       TCG_ACCESS_EXEC

static uint32_t l1_section(uint32_t pa, unsigned ap, unsigned dom)
{
    return (pa & 0xfff00000u) | ap << 10 | dom << 5 | 0x10 | 2;
}
static uint32_t l1_coarse(uint32_t table, unsigned dom) { return (table & 0xfffffc00u) | dom << 5 | 0x10 | 1; }
static uint32_t l1_fine(uint32_t table, unsigned dom) { return (table & 0xfffff000u) | dom << 5 | 0x10 | 3; }
static uint32_t l2_aps(unsigned a0, unsigned a1, unsigned a2, unsigned a3)
{
    return a3 << 10 | a2 << 8 | a1 << 6 | a0 << 4;
}
static uint32_t l2_small(uint32_t pa, uint32_t aps) { return (pa & 0xfffff000u) | aps | 2; }
static uint32_t l2_large(uint32_t pa, uint32_t aps) { return (pa & 0xffff0000u) | aps | 1; }
static uint32_t l2_tiny(uint32_t pa, unsigned ap) { return (pa & 0xfffffc00u) | ap << 4 | 3; }

static void set_l1(armsys_fixture *fx, uint32_t va, uint32_t desc) { armsys_w32(fx, TTB + (va >> 20) * 4, desc); }

static bool mmu_setup(armsys_fixture *fx)
{
    if (!armsys_setup(fx, 0, 0x100000))
        return false;
    fx->cpu->cp15.ttbr = TTB;
    fx->cpu->cp15.dacr = 0x55555555u;   /* all domains client */
    fx->cpu->cp15.sctlr |= ARM_SCTLR_M;
    return true;
}

/* translate, expecting success; returns the physical address (~0 on a fault) */
static uint32_t xlate(armsys_fixture *fx, uint32_t va, tcg_access acc, int idx, uint32_t *fsr)
{
    arm_mmu_result r;
    bool ok = arm_mmu_translate(fx->cpu, va, acc, idx, false, &r);
    *fsr = ok ? 0 : r.fsr;
    return ok ? r.phys : 0xffffffffu;
}

CTEST(arm_mmu, off_is_flat)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_mmu_result r;
    CT_ASSERT_TRUE(arm_mmu_translate(fx.cpu, 0x12345678u, WR, USER, false, &r));
    CT_EXPECT_EQ(r.phys, 0x12345678u);
    CT_EXPECT_EQ(r.prot, TCG_PROT_READ | TCG_PROT_WRITE | TCG_PROT_EXEC);
    CT_EXPECT_EQ(fx.ram.accesses, 0u);
    armsys_teardown(&fx);
}

CTEST(arm_mmu, section_ap)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(mmu_setup(&fx));
    uint32_t fsr;

    /* AP=3: all access */
    set_l1(&fx, 0x00100000, l1_section(0x80000000u, 3, 1));
    CT_EXPECT_EQ(xlate(&fx, 0x00123456, WR, USER, &fsr), 0x80023456u);
    arm_mmu_result r;
    CT_ASSERT_TRUE(arm_mmu_translate(fx.cpu, 0x00100000, RD, USER, false, &r));
    CT_EXPECT_EQ(r.page_size, 0x100000u);
    CT_EXPECT_EQ(r.prot, TCG_PROT_READ | TCG_PROT_WRITE | TCG_PROT_EXEC);

    /* AP=1: privileged only */
    set_l1(&fx, 0x00100000, l1_section(0x80000000u, 1, 1));
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, WR, PRIV, &fsr), 0x80000010u);
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, RD, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x1du);   /* permission, section, domain 1 */
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, EX, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x1du);

    /* AP=2: User read-only */
    set_l1(&fx, 0x00100000, l1_section(0x80000000u, 2, 1));
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, RD, USER, &fsr), 0x80000010u);
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, EX, USER, &fsr), 0x80000010u);
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, WR, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x1du);
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, WR, PRIV, &fsr), 0x80000010u);

    /* AP=0 with S/R */
    set_l1(&fx, 0x00100000, l1_section(0x80000000u, 0, 1));
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x1du);
    fx.cpu->cp15.sctlr |= ARM_SCTLR_S;
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, RD, PRIV, &fsr), 0x80000010u);
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, WR, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x1du);
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, RD, USER, &fsr), 0xffffffffu);
    fx.cpu->cp15.sctlr ^= ARM_SCTLR_S | ARM_SCTLR_R;
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, RD, USER, &fsr), 0x80000010u);
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, WR, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x1du);
    fx.cpu->cp15.sctlr |= ARM_SCTLR_S;   /* S and R: no access */
    CT_EXPECT_EQ(xlate(&fx, 0x00100010, RD, PRIV, &fsr), 0xffffffffu);
    armsys_teardown(&fx);
}

CTEST(arm_mmu, coarse_small_subpages)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(mmu_setup(&fx));
    uint32_t fsr;

    set_l1(&fx, 0x00200000, l1_coarse(COARSE, 2));
    /* VA 0x00203000: index 3 of the coarse table */
    armsys_w32(&fx, COARSE + 3 * 4, l2_small(0x90005000u, l2_aps(3, 2, 1, 0)));
    arm_mmu_result r;
    CT_ASSERT_TRUE(arm_mmu_translate(fx.cpu, 0x00203004, RD, PRIV, false, &r));
    CT_EXPECT_EQ(r.phys, 0x90005004u);
    CT_EXPECT_EQ(r.page_size, 0x1000u);
    /* subpage 0: AP=3 */
    CT_EXPECT_EQ(xlate(&fx, 0x00203010, WR, USER, &fsr), 0x90005010u);
    /* subpage 1: AP=2, User read-only */
    CT_EXPECT_EQ(xlate(&fx, 0x00203410, RD, USER, &fsr), 0x90005410u);
    CT_EXPECT_EQ(xlate(&fx, 0x00203410, WR, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x2fu);   /* permission, page, domain 2 */
    /* subpage 2: AP=1, privileged only */
    CT_EXPECT_EQ(xlate(&fx, 0x00203810, WR, PRIV, &fsr), 0x90005810u);
    CT_EXPECT_EQ(xlate(&fx, 0x00203810, RD, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x2fu);
    /* subpage 3: AP=0, S=R=0: nobody */
    CT_EXPECT_EQ(xlate(&fx, 0x00203c10, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x2fu);
    /* neighbouring entry is a fault descriptor: page translation fault */
    CT_EXPECT_EQ(xlate(&fx, 0x00204000, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x27u);
    /* tiny descriptors are not allowed in coarse tables on ARMv5 */
    armsys_w32(&fx, COARSE + 5 * 4, l2_tiny(0x90006000u, 3));
    CT_EXPECT_EQ(xlate(&fx, 0x00205000, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x27u);
    armsys_teardown(&fx);
}

CTEST(arm_mmu, coarse_large_subpages)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(mmu_setup(&fx));
    uint32_t fsr;

    set_l1(&fx, 0x00400000, l1_coarse(COARSE2, 4));
    /* 64 KiB page at VA 0x00410000: entries 0x10..0x1f repeat the descriptor */
    for (unsigned i = 0x10; i < 0x20; i++)
        armsys_w32(&fx, COARSE2 + i * 4, l2_large(0xa0030000u, l2_aps(3, 2, 1, 0)));
    arm_mmu_result r;
    CT_ASSERT_TRUE(arm_mmu_translate(fx.cpu, 0x0041abcd, RD, PRIV, false, &r));
    CT_EXPECT_EQ(r.phys, 0xa003abcdu);
    CT_EXPECT_EQ(r.page_size, 0x10000u);
    /* 16 KiB subpages by VA[15:14] */
    CT_EXPECT_EQ(xlate(&fx, 0x00413ffc, WR, USER, &fsr), 0xa0033ffcu);
    CT_EXPECT_EQ(xlate(&fx, 0x00414000, WR, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x4fu);
    CT_EXPECT_EQ(xlate(&fx, 0x00417ffc, RD, USER, &fsr), 0xa0037ffcu);
    CT_EXPECT_EQ(xlate(&fx, 0x00418000, RD, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(xlate(&fx, 0x0041bfff, WR, PRIV, &fsr), 0xa003bfffu);
    CT_EXPECT_EQ(xlate(&fx, 0x0041c000, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x4fu);
    armsys_teardown(&fx);
}

CTEST(arm_mmu, fine_tiny_and_small)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(mmu_setup(&fx));
    uint32_t fsr;

    set_l1(&fx, 0x00300000, l1_fine(FINE, 3));
    /* tiny 1 KiB page at VA 0x00300400: fine index 1 */
    armsys_w32(&fx, FINE + 1 * 4, l2_tiny(0xb0000c00u, 2));
    arm_mmu_result r;
    CT_ASSERT_TRUE(arm_mmu_translate(fx.cpu, 0x003007fc, RD, USER, false, &r));
    CT_EXPECT_EQ(r.phys, 0xb0000ffcu);
    CT_EXPECT_EQ(r.page_size, 0x400u);
    CT_EXPECT_EQ(xlate(&fx, 0x00300400, WR, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x3fu);
    CT_EXPECT_EQ(xlate(&fx, 0x00300000, RD, PRIV, &fsr), 0xffffffffu);   /* index 0: fault */
    CT_EXPECT_EQ(fsr, 0x37u);
    /* a small page in a fine table: four replicated entries (VA 0x00301000) */
    for (unsigned i = 4; i < 8; i++)
        armsys_w32(&fx, FINE + i * 4, l2_small(0xb0010000u, l2_aps(3, 3, 3, 3)));
    CT_EXPECT_EQ(xlate(&fx, 0x00301ab0, WR, USER, &fsr), 0xb0010ab0u);
    armsys_teardown(&fx);
}

CTEST(arm_mmu, domains)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(mmu_setup(&fx));
    arm_cpu *cpu = fx.cpu;
    uint32_t fsr;

    set_l1(&fx, 0x00500000, l1_section(0xc0000000u, 1, 5));   /* AP: priv only */
    set_l1(&fx, 0x00600000, l1_coarse(COARSE, 6));
    armsys_w32(&fx, COARSE + 0 * 4, l2_small(0xc0100000u, l2_aps(1, 1, 1, 1)));

    /* manager: AP not checked */
    cpu->cp15.dacr = 3u << 10 | 3u << 12;
    CT_EXPECT_EQ(xlate(&fx, 0x00500004, WR, USER, &fsr), 0xc0000004u);
    CT_EXPECT_EQ(xlate(&fx, 0x00600004, WR, USER, &fsr), 0xc0100004u);
    /* no access: domain faults carry the domain */
    cpu->cp15.dacr = 0;
    CT_EXPECT_EQ(xlate(&fx, 0x00500004, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x59u);
    CT_EXPECT_EQ(xlate(&fx, 0x00600004, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x6bu);
    /* reserved (0b10) behaves as no access */
    cpu->cp15.dacr = 2u << 10;
    CT_EXPECT_EQ(xlate(&fx, 0x00500004, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x59u);
    /* client: AP checked */
    cpu->cp15.dacr = 1u << 10 | 1u << 12;
    CT_EXPECT_EQ(xlate(&fx, 0x00500004, WR, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x5du);
    CT_EXPECT_EQ(xlate(&fx, 0x00500004, WR, PRIV, &fsr), 0xc0000004u);
    /* priority (ARM ARM): an invalid page in a no-access domain is a
     * translation fault, not a domain fault */
    cpu->cp15.dacr = 0;
    CT_EXPECT_EQ(xlate(&fx, 0x00601004, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x67u);
    armsys_teardown(&fx);
}

CTEST(arm_mmu, translation_and_external_faults)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(mmu_setup(&fx));
    arm_cpu *cpu = fx.cpu;
    uint32_t fsr;

    /* empty first-level entry */
    CT_EXPECT_EQ(xlate(&fx, 0x00700000, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x05u);
    /* a fault descriptor's domain bits are reported, as QEMU does */
    set_l1(&fx, 0x00700000, 9u << 5);
    CT_EXPECT_EQ(xlate(&fx, 0x00700000, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x95u);
    /* second-level table outside RAM: external abort on the level-2 walk */
    set_l1(&fx, 0x00800000, l1_coarse(0x40000000u, 7));
    CT_EXPECT_EQ(xlate(&fx, 0x00800000, RD, PRIV, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x7eu);
    /* first-level table outside RAM */
    cpu->cp15.ttbr = 0x40000000u;
    CT_EXPECT_EQ(xlate(&fx, 0x00100000, WR, USER, &fsr), 0xffffffffu);
    CT_EXPECT_EQ(fsr, 0x0cu);
    armsys_teardown(&fx);
}

CTEST(arm_mmu, walk_uses_bus_debug_walk_does_not)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(mmu_setup(&fx));
    arm_mmu_result r;

    set_l1(&fx, 0x00200000, l1_coarse(COARSE, 0));
    armsys_w32(&fx, COARSE, l2_small(0x1000u, l2_aps(3, 3, 3, 3)));
    fx.ram.accesses = 0;
    CT_ASSERT_TRUE(arm_mmu_translate(fx.cpu, 0x00200000, RD, PRIV, true, &r));
    CT_EXPECT_EQ(fx.ram.accesses, 0u);
    CT_ASSERT_TRUE(arm_mmu_translate(fx.cpu, 0x00200000, RD, PRIV, false, &r));
    CT_EXPECT_EQ(fx.ram.accesses, 2u);
    CT_EXPECT_EQ(r.phys, 0x1000u);
    armsys_teardown(&fx);
}

CTEST(arm_mmu, fault_registers)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(mmu_setup(&fx));
    arm_cpu *cpu = fx.cpu;

    arm_mmu_record_fault(cpu, 0x1234, WR, 0x3d);
    CT_EXPECT_EQ(cpu->cp15.dfsr, 0x3du);
    CT_EXPECT_EQ(cpu->cp15.far, 0x1234u);
    CT_EXPECT_EQ(cpu->cp15.ifsr, 0u);
    arm_mmu_record_fault(cpu, 0x8000, EX, 0x07);
    CT_EXPECT_EQ(cpu->cp15.ifsr, 0x07u);
    CT_EXPECT_EQ(cpu->cp15.dfsr, 0x3du);
    CT_EXPECT_EQ(cpu->cp15.far, 0x1234u);
    armsys_teardown(&fx);
}

CTEST(arm_mmu, tlb_fill_probe_and_fcse)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(mmu_setup(&fx));
    arm_cpu *cpu = fx.cpu;
    tcg_cpu *c = &cpu->common;

    /* FCSE PID 3: VA 0x00001000 is MVA 0x06001000 */
    CT_ASSERT_EQ(arm_cp_write(cpu, arm_cp_insn(false, 15, 0, 0, 13, 0, 0), 3u << 25), ARM_CP_OK);
    set_l1(&fx, 0x06000000, l1_section(0x00000000u, 3, 0));
    CT_EXPECT_TRUE(arm_tlb_fill(c, 0x00001000, RD, PRIV, true));
    CT_EXPECT_TRUE(cpu->tlb_has_large);
    /* VA 0x00101000 -> MVA 0x06101000: no entry; a probe leaves the FSRs alone */
    cpu->cp15.dfsr = 0xaa;
    CT_EXPECT_FALSE(arm_tlb_fill(c, 0x00101000, RD, PRIV, true));
    CT_EXPECT_EQ(cpu->cp15.dfsr, 0xaau);
    /* the section at MVA 0x06000000 is also reachable directly */
    CT_EXPECT_TRUE(arm_tlb_fill(c, 0x06000400, WR, USER, true));
    arm_mmu_flush_all(cpu);
    CT_EXPECT_FALSE(cpu->tlb_has_large);
    armsys_teardown(&fx);
}
