/*
 * ARM926 system behaviour with guest code running through the translator
 * and the CPU loop (armfe's fixture, tests/arm/arm_fixture.h): MMU faults
 * (data and prefetch aborts with their FSR/FAR), external aborts from the
 * bus, alignment faults, SWI and return, BKPT, undefined coprocessor
 * registers, WFI halting and waking, IRQ delivery, the test-and-clean
 * loop, semihosting from SVC and User mode, and -d int logging.
 *
 * Every vector holds "b .", so an exception parks the pc at its vector.
 */
#include <stdio.h>
#include <string.h>

#include "arm_fixture.h"
#include "targets/arm/internals.h"

/* MRC/MCR p15, 0, rd, crn, crm, opc2 as constant expressions */
#define MRC15(rd, crn, crm, opc2) (0xee100f10u | (crn) << 16 | (rd) << 12 | (opc2) << 5 | (crm))
#define MCR15(rd, crn, crm, opc2) (0xee000f10u | (crn) << 16 | (rd) << 12 | (opc2) << 5 | (crm))

#define TTB 0x10000u

/* identity section for the first MiB (code, vectors, data), AP=3, domain 0 */
static void map_low_mib(armfix *f)
{
    armfix_wr32(f, TTB, 0x00000c12u);
}

/* the MMU-on preamble: 7 instructions */
#define MMU_ON                                                                     \
    0xe3a00801u,            /* mov r0, #0x10000     */                             \
    MCR15(0, 2, 0, 0),      /* TTBR                 */                             \
    0xe3a00001u,            /* mov r0, #1           */                             \
    MCR15(0, 3, 0, 0),      /* DACR: domain 0 client */                            \
    MRC15(0, 1, 0, 0),      /* SCTLR                */                             \
    0xe3800001u,            /* orr r0, r0, #1       */                             \
    MCR15(0, 1, 0, 0)       /* MMU on               */

ARMFIX_TEST(arm_sys_run, data_abort_translation)
{
    map_low_mib(f);
    A32(f, MMU_ON,
        0xe3a01601u,        /* mov r1, #0x100000 */
        0xe5912000u);       /* ldr r2, [r1]      (0x1020) */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x10u);
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_ABT);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x1028u);
    CT_EXPECT_EQ(f->cpu.spsr & ARM_CPSR_M, (uint32_t)ARM_MODE_SVC);
    CT_EXPECT_EQ(f->cpu.cp15.dfsr, 0x05u);
    CT_EXPECT_EQ(f->cpu.cp15.far, 0x00100000u);
    CT_EXPECT_EQ(f->cpu.cp15.sctlr & ARM_SCTLR_M, ARM_SCTLR_M);
}

ARMFIX_TEST(arm_sys_run, data_abort_permission_user)
{
    /* section 1 MiB at VA 0x00100000 -> PA 0, AP=1 (privileged only), domain 2 */
    map_low_mib(f);
    armfix_wr32(f, TTB + 4, 0x00000412u | 2u << 5);
    A32(f, MMU_ON,
        0xe3a00015u,        /* mov r0, #0x15: domains 0, 2 client */
        MCR15(0, 3, 0, 0),
        0xe3a01601u,        /* mov r1, #0x100000 */
        0xe5912000u,        /* ldr r2, [r1]: privileged, fine */
        0xe321f010u,        /* msr cpsr_c, #0x10: User */
        0xe5812004u);       /* str r2, [r1, #4]  (0x1030) */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x10u);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x1038u);
    CT_EXPECT_EQ(f->cpu.spsr & ARM_CPSR_M, (uint32_t)ARM_MODE_USR);
    CT_EXPECT_EQ(f->cpu.cp15.dfsr, 0x2du);   /* permission, section, domain 2 */
    CT_EXPECT_EQ(f->cpu.cp15.far, 0x00100004u);
}

ARMFIX_TEST(arm_sys_run, prefetch_abort)
{
    map_low_mib(f);
    A32(f, MMU_ON,
        0xe3a01601u,        /* mov r1, #0x100000 */
        0xe1a0f001u);       /* mov pc, r1 */
    f->cpu.cp15.far = 0x1234;
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x0cu);
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_ABT);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x00100004u);
    CT_EXPECT_EQ(f->cpu.cp15.ifsr, 0x05u);
    CT_EXPECT_EQ(f->cpu.cp15.far, 0x1234u);   /* prefetch aborts leave FAR alone */
}

ARMFIX_TEST(arm_sys_run, external_abort_from_bus)
{
    /* MMU off; 0x100000 is past the fixture's RAM: the bus says decode error */
    A32(f, 0xe3a01601u,     /* mov r1, #0x100000 */
        0xe5812000u);       /* str r2, [r1]  (0x1004) */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x10u);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x100cu);
    CT_EXPECT_EQ(f->cpu.cp15.dfsr, 0x08u);
    CT_EXPECT_EQ(f->cpu.cp15.far, 0x00100000u);
}

ARMFIX_TEST(arm_sys_run, alignment_fault)
{
    A32(f, MRC15(0, 1, 0, 0),
        0xe3800002u,        /* orr r0, r0, #2: SCTLR.A */
        MCR15(0, 1, 0, 0),
        0xe3a01902u,        /* mov r1, #0x8000 */
        0xe5912000u,        /* ldr r2, [r1]: aligned, fine */
        0xe2811002u,        /* add r1, r1, #2 */
        0xe5912000u);       /* ldr r2, [r1]  (0x1018) */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x10u);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x1020u);
    CT_EXPECT_EQ(f->cpu.cp15.dfsr, 0x01u);
    CT_EXPECT_EQ(f->cpu.cp15.far, 0x8002u);
}

ARMFIX_TEST(arm_sys_run, swi_and_return_from_user)
{
    armfix_wr32(f, 0x08, 0xe1b0f00eu);   /* SWI vector: movs pc, lr */
    A32(f, 0xe321f010u,     /* msr cpsr_c, #0x10: User, IRQ/FIQ enabled */
        0xe3a00005u,        /* mov r0, #5 */
        0xef000010u,        /* swi 0x10  (0x1008) */
        0xe3a01007u);       /* mov r1, #7 */
    CT_EXPECT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 7u);
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_USR);
    CT_EXPECT_EQ(f->cpu.banked_r14[ARM_BANK_SVC], 0x100cu);
    CT_EXPECT_EQ(f->cpu.banked_spsr[ARM_BANK_SVC] & 0xffu, (uint32_t)ARM_MODE_USR);
}

ARMFIX_TEST(arm_sys_run, thumb_swi_entry)
{
    T16(f, 0x2001,          /* movs r0, #1 */
        0xdf10);            /* svc 0x10  (0x1002) */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x08u);
    CT_EXPECT_FALSE(armfix_thumb(f));
    CT_EXPECT_EQ(f->cpu.regs[14], 0x1004u);
    CT_EXPECT_EQ(f->cpu.spsr & ARM_CPSR_T, ARM_CPSR_T);
}

ARMFIX_TEST(arm_sys_run, bkpt_and_undefined_cp15)
{
    A32(f, 0xe1200070u);    /* bkpt #0 */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x0cu);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x1004u);
    CT_EXPECT_EQ(f->cpu.cp15.ifsr, 0x02u);

    /* MRC of c4 (nothing there): UDF raised from the helper, pc restored */
    A32(f, 0xe3a00001u,     /* mov r0, #1 */
        MRC15(0, 4, 0, 0)); /* (0x1004) */
    arm_switch_mode(&f->cpu, ARM_MODE_SVC);
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x04u);
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_UND);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x1008u);
    CT_EXPECT_EQ(f->cpu.regs[0], 1u);
}

ARMFIX_TEST(arm_sys_run, test_and_clean_loop)
{
    /* 1: mrc p15, 0, r15, c7, c14, 3 ; bne 1b -- ends at once: "clean" */
    A32(f, 0xe3a00000u,     /* mov r0, #0 */
        MRC15(15, 7, 14, 3),
        0x1afffffdu,        /* bne 1b */
        0xe3a00001u);       /* mov r0, #1 */
    armfix_set_nzcv(f, 0);
    CT_EXPECT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 1u);
    CT_EXPECT_EQ(armfix_nzcv(f), 4u);   /* Z */
}

ARMFIX_TEST(arm_sys_run, wfi_halts_and_wakes)
{
    tcg_cpu *c = &f->cpu.common;
    A32(f, 0xe3a01000u,     /* mov r1, #0 */
        MCR15(0, 7, 0, 4),  /* wait for interrupt (0x1004) */
        0xe3a01001u);       /* mov r1, #1 */
    CT_EXPECT_EQ(tcg_cpu_exec(c, 20000), TCG_EXIT_HALTED);
    CT_EXPECT_EQ(f->cpu.regs[15], 0x1008u);
    CT_EXPECT_EQ(f->cpu.regs[1], 0u);
    /* still no interrupt: stays halted */
    CT_EXPECT_EQ(tcg_cpu_exec(c, 20000), TCG_EXIT_HALTED);
    /* a masked IRQ wakes the core without being taken (I is set) */
    tcg_cpu_set_interrupt(c, TCG_INTERRUPT_HARD, true);
    CT_EXPECT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 1u);
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_SVC);
}

ARMFIX_TEST(arm_sys_run, irq_and_fiq_delivery)
{
    tcg_cpu *c = &f->cpu.common;
    A32(f, 0xe3a00000u,     /* mov r0, #0 */
        0xe321f093u,        /* msr cpsr_c, #0x93: SVC, IRQ masked, FIQ enabled (0x1004) */
        0xe3a00001u,        /* mov r0, #1 */
        0xe321f013u,        /* msr cpsr_c, #0x13: IRQ enabled (0x100c) */
        0xe3a00002u);       /* mov r0, #2 */
    tcg_cpu_set_interrupt(c, TCG_INTERRUPT_HARD, true);
    CT_EXPECT_FALSE(armfix_run(f));
    /* IRQ taken right after the MSR that unmasked it */
    CT_EXPECT_EQ(f->cpu.regs[15], 0x18u);
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_IRQ);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x1014u);   /* next insn 0x1010, + 4 */
    CT_EXPECT_EQ(f->cpu.regs[0], 1u);
    CT_EXPECT_EQ(f->cpu.spsr & 0xffu, 0x13u);

    /* FIQ wins over IRQ when both are pending and enabled */
    A32(f, 0xe321f013u,     /* msr cpsr_c, #0x13 */
        0xe3a00003u);
    arm_switch_mode(&f->cpu, ARM_MODE_SVC);
    f->cpu.cpsr_rest |= ARM_CPSR_I | ARM_CPSR_F;
    tcg_cpu_set_interrupt(c, TCG_INTERRUPT_FIQ, true);
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x1cu);
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_FIQ);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x1008u);
}

typedef struct con_capture {
    char out[64];
    unsigned n;
} con_capture;

static void con_write(void *opaque, const uint8_t *buf, uint32_t len)
{
    con_capture *cc = opaque;
    for (uint32_t i = 0; i < len && cc->n + 1 < sizeof(cc->out); i++)
        cc->out[cc->n++] = (char)buf[i];
}

static const arm_semihost_ops con_ops = { .write_console = con_write };

ARMFIX_TEST(arm_sys_run, semihosting_write_and_exit)
{
    con_capture cc = { { 0 }, 0 };
    f->cpu.semihosting = true;
    f->cpu.semihost = &con_ops;
    f->cpu.semihost_opaque = &cc;
    memcpy(f->ram + 0x2000, "hi\n", 4);
    A32(f, 0xe3a00004u,     /* mov r0, #4: SYS_WRITE0 */
        0xe3a01a02u,        /* mov r1, #0x2000 */
        0xef123456u,        /* swi 0x123456 */
        0xe3a00018u,        /* mov r0, #0x18: SYS_EXIT */
        0xe3a01802u,        /* mov r1, #0x20000 */
        0xe3811026u,        /* orr r1, r1, #0x26: ApplicationExit */
        0xef123456u,        /* swi 0x123456  (0x1018) */
        0xe3a00063u);       /* mov r0, #99: never */
    CT_EXPECT_EQ(tcg_cpu_exec(&f->cpu.common, 20000), TCG_EXIT_STOP);
    CT_EXPECT_STREQ(cc.out, "hi\n");
    CT_EXPECT_TRUE(f->cpu.common.exited);
    CT_EXPECT_EQ(f->cpu.common.exit_code, 0);
    CT_EXPECT_EQ(f->cpu.regs[15], 0x101cu);
    CT_EXPECT_EQ(armfix_mode(f), (uint32_t)ARM_MODE_SVC);
}

ARMFIX_TEST(arm_sys_run, semihosting_not_from_user)
{
    con_capture cc = { { 0 }, 0 };
    f->cpu.semihosting = true;
    f->cpu.semihost = &con_ops;
    f->cpu.semihost_opaque = &cc;
    memcpy(f->ram + 0x2000, "hi\n", 4);
    A32(f, 0xe321f010u,     /* msr cpsr_c, #0x10: User */
        0xe3a00004u,
        0xe3a01a02u,
        0xef123456u);       /* an ordinary SWI here (0x100c) */
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x08u);
    CT_EXPECT_EQ(f->cpu.regs[14], 0x1010u);
    CT_EXPECT_EQ(cc.n, 0u);
    CT_EXPECT_FALSE(f->cpu.common.exited);
}

ARMFIX_TEST(arm_sys_run, int_log)
{
    char buf[1024] = { 0 };
    FILE *log = fmemopen(buf, sizeof(buf) - 1, "w");
    CT_ASSERT_TRUE(log != NULL);
    f->cpu.common.log.mask = TCG_LOG_INT;
    f->cpu.common.log.file = log;
    A32(f, 0xe3a01601u,     /* mov r1, #0x100000 */
        0xe5912000u);       /* ldr r2, [r1]: external abort */
    CT_EXPECT_FALSE(armfix_run(f));
    fclose(log);
    f->cpu.common.log.file = NULL;
    f->cpu.common.log.mask = 0;
    CT_EXPECT_TRUE(strstr(buf, "Taking exception 4 [Data Abort] on CPU 0\n"
                               "...from EL1 to EL1\n") != NULL);
    CT_EXPECT_TRUE(strstr(buf, "...with DFSR 0x8 DFAR 0x100000\n") != NULL);
}
