/*
 * ARM926EJ-S CP15 (and CP14 DBGDIDR): ID registers, SCTLR reset and
 * writes, fault registers, cache operations, test-and-clean, WFI, TLB
 * operations, FCSE PID, lockdown, User-mode access and undefined
 * registers.
 */
#include "ctest.h"
#include "armsys_test.h"

#define MRC(crn, opc1, crm, opc2) arm_cp_insn(true, 15, (opc1), 0, (crn), (crm), (opc2))
#define MCR(crn, opc1, crm, opc2) arm_cp_insn(false, 15, (opc1), 0, (crn), (crm), (opc2))

static uint32_t rd(arm_cpu *cpu, uint32_t insn, arm_cp_status *st)
{
    uint32_t v = 0xdeadbeef;
    *st = arm_cp_read(cpu, insn, &v);
    return v;
}

CTEST(arm_cp15, id_registers)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cp_status st;
    CT_EXPECT_EQ(rd(fx.cpu, MRC(0, 0, 0, 0), &st), 0x41069265u);
    CT_EXPECT_EQ(st, ARM_CP_OK);
    CT_EXPECT_EQ(rd(fx.cpu, MRC(0, 0, 0, 1), &st), 0x01dd20d2u);
    CT_EXPECT_EQ(st, ARM_CP_OK);
    CT_EXPECT_EQ(rd(fx.cpu, MRC(0, 0, 0, 2), &st), 0u);   /* TCM status: none */
    CT_EXPECT_EQ(st, ARM_CP_OK);
    /* unimplemented c0,c0 opc2 read as the main ID (ARM926 TRM) */
    for (unsigned op2 = 3; op2 < 8; op2++) {
        CT_EXPECT_EQ(rd(fx.cpu, MRC(0, 0, 0, op2), &st), 0x41069265u);
        CT_EXPECT_EQ(st, ARM_CP_OK);
    }
    CT_EXPECT_EQ(rd(fx.cpu, MRC(0, 1, 0, 0), &st), 0u);   /* v7 cache ID probe */
    CT_EXPECT_EQ(st, ARM_CP_OK);
    (void)rd(fx.cpu, MRC(0, 0, 1, 0), &st);
    CT_EXPECT_EQ(st, ARM_CP_UNDEF);
    /* ID registers are read-only */
    CT_EXPECT_EQ(arm_cp_write(fx.cpu, MCR(0, 0, 0, 0), 0), ARM_CP_UNDEF);
    /* CP14 DBGDIDR reads 0, from User mode too */
    arm_cpsr_write(fx.cpu, ARM_MODE_USR, ARM_CPSR_M);
    CT_EXPECT_EQ(rd(fx.cpu, arm_cp_insn(true, 14, 0, 0, 0, 0, 0), &st), 0u);
    CT_EXPECT_EQ(st, ARM_CP_OK);
    armsys_teardown(&fx);
}

CTEST(arm_cp15, sctlr_and_mmu_registers)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    arm_cp_status st;

    CT_EXPECT_EQ(rd(cpu, MRC(1, 0, 0, 0), &st), 0x00090078u);
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(1, 0, 0, 0), 0x00090078u | ARM_SCTLR_V | ARM_SCTLR_A), ARM_CP_OK);
    CT_EXPECT_EQ(rd(cpu, MRC(1, 0, 0, 0), &st), 0x0009207au);
    CT_EXPECT_EQ(arm_tb_flags(cpu) & ARM_TBFLAG_ALIGN, ARM_TBFLAG_ALIGN);
    /* V moves the vectors */
    cpu->regs[15] = 0x100;
    arm_take_exception(cpu, ARM_EXCP_SWI);
    CT_EXPECT_EQ(cpu->regs[15], 0xffff0008u);

    static const struct { unsigned crn, opc2; } regs[] = {
        { 2, 0 }, { 3, 0 }, { 5, 0 }, { 5, 1 }, { 6, 0 }, { 9, 0 }, { 9, 1 }, { 10, 0 }, { 13, 1 },
    };
    uint32_t *fields[] = { &cpu->cp15.ttbr, &cpu->cp15.dacr, &cpu->cp15.dfsr, &cpu->cp15.ifsr,
                           &cpu->cp15.far, &cpu->cp15.dlockdown, &cpu->cp15.ilockdown,
                           &cpu->cp15.tlb_lockdown, &cpu->cp15.context_id };
    for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        uint32_t v = 0x12345000u + i;
        CT_EXPECT_EQ(arm_cp_write(cpu, MCR(regs[i].crn, 0, 0, regs[i].opc2), v), ARM_CP_OK);
        CT_EXPECT_EQ(*fields[i], v);
        CT_EXPECT_EQ(rd(cpu, MRC(regs[i].crn, 0, 0, regs[i].opc2), &st), v);
        CT_EXPECT_EQ(st, ARM_CP_OK);
    }
    armsys_teardown(&fx);
}

CTEST(arm_cp15, fcse_pid)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    arm_cp_status st;

    /* only bits [31:25] exist */
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(13, 0, 0, 0), 0x0600ffffu), ARM_CP_OK);
    CT_EXPECT_EQ(rd(cpu, MRC(13, 0, 0, 0), &st), 0x06000000u);
    CT_EXPECT_EQ(arm_fcse_mva(cpu, 0x00001234u), 0x06001234u);
    CT_EXPECT_EQ(arm_fcse_mva(cpu, 0x01ffffffu), 0x07ffffffu);
    CT_EXPECT_EQ(arm_fcse_mva(cpu, 0x02000000u), 0x02000000u);   /* >= 32 MiB: unchanged */
    CT_EXPECT_EQ(arm_fcse_mva(cpu, 0xc0000000u), 0xc0000000u);
    armsys_teardown(&fx);
}

CTEST(arm_cp15, cache_ops_and_test_clean)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    arm_cp_status st;

    /* the cache operations Linux's proc-arm926 uses are accepted */
    static const unsigned ops[][2] = { { 5, 0 }, { 5, 1 }, { 6, 0 }, { 6, 1 }, { 7, 0 }, { 10, 1 },
                                       { 10, 2 }, { 10, 4 }, { 13, 1 }, { 14, 1 }, { 14, 2 } };
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        CT_EXPECT_EQ(arm_cp_write(cpu, MCR(7, 0, ops[i][0], ops[i][1]), 0x1000), ARM_CP_OK);
    /* wait for interrupt, both encodings */
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(7, 0, 0, 4), 0), ARM_CP_WFI);
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(7, 0, 8, 2), 0), ARM_CP_WFI);
    /* test (and clean / and invalidate): Z set means "all clean" */
    CT_EXPECT_EQ(rd(cpu, MRC(7, 0, 10, 3), &st), ARM_CPSR_Z);
    CT_EXPECT_EQ(st, ARM_CP_OK);
    CT_EXPECT_EQ(rd(cpu, MRC(7, 0, 14, 3), &st), ARM_CPSR_Z);
    CT_EXPECT_EQ(st, ARM_CP_OK);
    /* other c7 reads do not exist */
    (void)rd(cpu, MRC(7, 0, 5, 0), &st);
    CT_EXPECT_EQ(st, ARM_CP_UNDEF);
    /* TLB operations */
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(8, 0, 7, 0), 0), ARM_CP_OK);
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(8, 0, 5, 1), 0x4000), ARM_CP_OK);
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(8, 0, 6, 1), 0x4000), ARM_CP_OK);
    /* c15 test registers: read 0, writes ignored */
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(15, 7, 3, 0), 5), ARM_CP_OK);
    CT_EXPECT_EQ(rd(cpu, MRC(15, 7, 3, 0), &st), 0u);
    CT_EXPECT_EQ(st, ARM_CP_OK);
    armsys_teardown(&fx);
}

CTEST(arm_cp15, user_mode_and_undefined)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    arm_cpu *cpu = fx.cpu;
    arm_cp_status st;

    /* registers that do not exist on the ARM926 */
    static const unsigned crn_undef[] = { 4, 11, 12, 14 };
    for (unsigned i = 0; i < 4; i++) {
        (void)rd(cpu, MRC(crn_undef[i], 0, 0, 0), &st);
        CT_EXPECT_EQ(st, ARM_CP_UNDEF);
        CT_EXPECT_EQ(arm_cp_write(cpu, MCR(crn_undef[i], 0, 0, 0), 0), ARM_CP_UNDEF);
    }
    (void)rd(cpu, MRC(1, 0, 0, 1), &st);
    CT_EXPECT_EQ(st, ARM_CP_UNDEF);
    (void)rd(cpu, MRC(2, 1, 0, 0), &st);
    CT_EXPECT_EQ(st, ARM_CP_UNDEF);
    (void)rd(cpu, arm_cp_insn(true, 10, 0, 0, 0, 0, 0), &st);   /* no VFP via MRC here */
    CT_EXPECT_EQ(st, ARM_CP_UNDEF);

    /* User mode: everything but the test-and-clean reads is undefined */
    arm_cpsr_write(cpu, ARM_MODE_USR, ARM_CPSR_M);
    (void)rd(cpu, MRC(0, 0, 0, 0), &st);
    CT_EXPECT_EQ(st, ARM_CP_UNDEF);
    (void)rd(cpu, MRC(1, 0, 0, 0), &st);
    CT_EXPECT_EQ(st, ARM_CP_UNDEF);
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(7, 0, 10, 4), 0), ARM_CP_UNDEF);
    CT_EXPECT_EQ(arm_cp_write(cpu, MCR(7, 0, 0, 4), 0), ARM_CP_UNDEF);
    CT_EXPECT_EQ(rd(cpu, MRC(7, 0, 10, 3), &st), ARM_CPSR_Z);
    CT_EXPECT_EQ(st, ARM_CP_OK);
    armsys_teardown(&fx);
}
