/*
 * A32 loads and stores: every addressing mode of LDR/STR (immediate and
 * scaled register offsets, pre/post-indexed, writeback, negative), byte,
 * halfword and signed loads, ARM926 unaligned behaviour, LDRD/STRD,
 * LDM/STM in all four modes with writeback, pc in the list and the ^
 * forms, SWP/SWPB.  Expected values follow ARM DDI 0100I A5.2-A5.5 and
 * the ARM926EJ-S choices documented in translate-a32.c.
 */
#include "arm_fixture.h"

#define D ARMFIX_DATA

/* words D + 4 * i hold 0x1000 + i */
static void fill_words(armfix *f)
{
    for (uint32_t i = 0; i < 16; i++)
        armfix_wr32(f, D + 4 * i, 0x1000 + i);
}

typedef struct ld_case {
    uint32_t insn;
    uint32_t r1, r2;
    uint32_t r0, r1_after;
} ld_case;

static const ld_case ld_cases[] = {
    { 0xe5910004, D, 0, 0x1001, D },                  /* ldr r0, [r1, #4] */
    { 0xe5b10004, D, 0, 0x1001, D + 4 },              /* ldr r0, [r1, #4]! */
    { 0xe4910004, D, 0, 0x1000, D + 4 },              /* ldr r0, [r1], #4 */
    { 0xe5110004, D + 8, 0, 0x1001, D + 8 },          /* ldr r0, [r1, #-4] */
    { 0xe7910102, D, 3, 0x1003, D },                  /* ldr r0, [r1, r2, lsl #2] */
    { 0xe7110102, D + 16, 1, 0x1003, D + 16 },        /* ldr r0, [r1, -r2, lsl #2] */
    { 0xe7310102, D + 16, 1, 0x1003, D + 12 },        /* ldr r0, [r1, -r2, lsl #2]! */
    { 0xe61100c2, D + 8, 8, 0x1002, D + 4 },          /* ldr r0, [r1], -r2, asr #1 */
    { 0xe4b10004, D, 0, 0x1000, D + 4 },              /* ldrt r0, [r1], #4 */
    { 0xe01100b2, D + 8, 4, 0x1002, D + 4 },          /* ldrh r0, [r1], -r2 */
    { 0xe5d10003, D + 4, 0, 0x00, D + 4 },            /* ldrb r0, [r1, #3] */
};

ARMFIX_TEST(a32_ldst, addressing_modes)
{
    for (unsigned i = 0; i < sizeof(ld_cases) / sizeof(ld_cases[0]); i++) {
        const ld_case *c = &ld_cases[i];
        fill_words(f);
        f->cpu.regs[0] = 0xdeadbeef;
        f->cpu.regs[1] = c->r1;
        f->cpu.regs[2] = c->r2;
        armfix_a32(f, &c->insn, 1);
        CT_ASSERT_TRUE(armfix_run(f));
        if (f->cpu.regs[0] != c->r0 || f->cpu.regs[1] != c->r1_after)
            ctest_fail(__FILE__, __LINE__, "case %u (%08x): r0 %08x r1 %08x, want %08x %08x", i,
                       c->insn, f->cpu.regs[0], f->cpu.regs[1], c->r0, c->r1_after);
    }
}

ARMFIX_TEST(a32_ldst, loaded_base_wins_over_writeback)
{
    fill_words(f);
    A32(f, 0xe5b11004);     /* ldr r1, [r1, #4]! */
    f->cpu.regs[1] = D;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[1], 0x1001);
}

ARMFIX_TEST(a32_ldst, store_writeback_stores_old_base)
{
    A32(f, 0xe5a11004);     /* str r1, [r1, #4]! */
    f->cpu.regs[1] = D;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, D + 4), D);
    CT_EXPECT_EQ(f->cpu.regs[1], D + 4);
}

ARMFIX_TEST(a32_ldst, bytes_halfwords_signed)
{
    armfix_wr32(f, D, 0x44332211);
    armfix_wr32(f, D + 4, 0x8899aabb);
    A32(f, 0xe5d10003,      /* ldrb r0, [r1, #3]   */
           0xe1d120b2,      /* ldrh r2, [r1, #2]   */
           0xe1d430f2,      /* ldrsh r3, [r4, #2]  */
           0xe1d450d3,      /* ldrsb r5, [r4, #3]  */
           0xe1d460d0,      /* ldrsb r6, [r4, #0]  */
           0xe1d170f0);     /* ldrsh r7, [r1, #0]  */
    f->cpu.regs[1] = D;
    f->cpu.regs[4] = D + 4;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0x44);
    CT_EXPECT_EQ(f->cpu.regs[2], 0x4433);
    CT_EXPECT_EQ(f->cpu.regs[3], 0xffff8899);
    CT_EXPECT_EQ(f->cpu.regs[5], 0xffffff88);
    CT_EXPECT_EQ(f->cpu.regs[6], 0xffffffbb);
    CT_EXPECT_EQ(f->cpu.regs[7], 0x2211);
}

ARMFIX_TEST(a32_ldst, unaligned_ldr_rotates)
{
    armfix_wr32(f, D, 0x44332211);
    A32(f, 0xe5910000,      /* ldr r0, [r1]     */
           0xe5912001,      /* ldr r2, [r1, #1] */
           0xe5913002,      /* ldr r3, [r1, #2] */
           0xe5914003,      /* ldr r4, [r1, #3] */
           0xe1d150b1);     /* ldrh r5, [r1, #1]: bit 0 ignored */
    f->cpu.regs[1] = D;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0x44332211);
    CT_EXPECT_EQ(f->cpu.regs[2], 0x11443322);
    CT_EXPECT_EQ(f->cpu.regs[3], 0x22114433);
    CT_EXPECT_EQ(f->cpu.regs[4], 0x33221144);
    CT_EXPECT_EQ(f->cpu.regs[5], 0x2211);
}

ARMFIX_TEST(a32_ldst, stores)
{
    A32(f, 0xe5c10001,      /* strb r0, [r1, #1]   */
           0xe5840002,      /* str r0, [r4, #2]: aligned store */
           0xe1c600b2,      /* strh r0, [r6, #2]   */
           0xe16700b6,      /* strh r0, [r7, #-6]! */
           0xe4e80001);     /* strbt r0, [r8], #1  */
    f->cpu.regs[0] = 0xabcd1234;
    f->cpu.regs[1] = D;
    f->cpu.regs[4] = D + 4;
    f->cpu.regs[6] = D + 12;
    f->cpu.regs[7] = D + 24;
    f->cpu.regs[8] = D + 32;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, D), 0x00003400);
    CT_EXPECT_EQ(armfix_rd32(f, D + 4), 0xabcd1234);
    CT_EXPECT_EQ(armfix_rd32(f, D + 8), 0);
    CT_EXPECT_EQ(armfix_rd32(f, D + 12), 0x12340000);
    CT_EXPECT_EQ(armfix_rd32(f, D + 16), 0x12340000);
    CT_EXPECT_EQ(f->cpu.regs[7], D + 18);
    CT_EXPECT_EQ(armfix_rd32(f, D + 32), 0x34);
    CT_EXPECT_EQ(f->cpu.regs[8], D + 33);
}

ARMFIX_TEST(a32_ldst, ldrd_strd)
{
    fill_words(f);
    A32(f, 0xe1c120d8,      /* ldrd r2, [r1, #8]    */
           0xe16560f8,      /* strd r6, [r5, #-8]!  */
           0xe08780d4);     /* ldrd r8, [r7], r4    */
    f->cpu.regs[1] = D;
    f->cpu.regs[5] = D + 40;
    f->cpu.regs[6] = 0xaaaa;
    f->cpu.regs[7] = D + 4;
    f->cpu.regs[4] = 8;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[2], 0x1002);
    CT_EXPECT_EQ(f->cpu.regs[3], 0x1003);
    CT_EXPECT_EQ(armfix_rd32(f, D + 32), 0xaaaa);
    CT_EXPECT_EQ(armfix_rd32(f, D + 36), D + 4);    /* r7 before the last ldrd */
    CT_EXPECT_EQ(f->cpu.regs[5], D + 32);
    CT_EXPECT_EQ(f->cpu.regs[8], 0x1001);
    CT_EXPECT_EQ(f->cpu.regs[9], 0x1002);
}

ARMFIX_TEST(a32_ldst, ldrd_odd_register_is_undefined)
{
    A32(f, 0xe1c130d0);     /* ldrd r3, [r1] */
    f->cpu.regs[1] = D;
    CT_EXPECT_FALSE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[15], 0x4);
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_UND);
    CT_EXPECT_EQ(f->cpu.regs[14], ARMFIX_CODE + 4);
}

ARMFIX_TEST(a32_ldst, pc_load_store)
{
    A32(f, 0xe581f000,      /* str pc, [r1]: insn + 8 */
           0xe59f0004,      /* ldr r0, [pc, #4] */
           0xe594f000,      /* ldr pc, [r4] */
           0xe3a02001,      /* mov r2, #1 (skipped) */
           0xcafef00d);     /* literal */
    f->cpu.regs[1] = D;
    f->cpu.regs[4] = D + 4;
    armfix_wr32(f, D + 4, ARMFIX_CODE + 20);      /* the terminator */
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, D), ARMFIX_CODE + 8);
    CT_EXPECT_EQ(f->cpu.regs[0], 0xcafef00d);
    CT_EXPECT_EQ(f->cpu.regs[2], 0);
    CT_EXPECT_FALSE(armfix_thumb(f));
}

ARMFIX_TEST(a32_ldst, ldr_pc_interworks)
{
    static const uint16_t thumb[] = { 0x2005, 0xe7fe };   /* movs r0, #5; b . */
    armfix_put16(f, 0x2000, thumb, 2);
    A32(f, 0xe591f000);     /* ldr pc, [r1] */
    f->cpu.regs[1] = D;
    armfix_wr32(f, D, 0x2001);
    f->end = 0x2002;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_TRUE(armfix_thumb(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 5);
}

typedef struct blk_case {
    uint32_t insn;
    uint32_t r0;             /* base */
    uint32_t r0_after;
    uint32_t addr;           /* lowest address transferred */
} blk_case;

static const blk_case blk_cases[] = {
    { 0xe8a0000e, D, D + 12, D },           /* stmia r0!, {r1-r3} */
    { 0xe9a0000e, D, D + 12, D + 4 },       /* stmib r0!, {r1-r3} */
    { 0xe820000e, D + 16, D + 4, D + 8 },   /* stmda r0!, {r1-r3} */
    { 0xe920000e, D + 16, D + 4, D + 4 },   /* stmdb r0!, {r1-r3} */
    { 0xe8b0000e, D, D + 12, D },           /* ldmia r0!, {r1-r3} */
    { 0xe9b0000e, D, D + 12, D + 4 },       /* ldmib r0!, {r1-r3} */
    { 0xe830000e, D + 16, D + 4, D + 8 },   /* ldmda r0!, {r1-r3} */
    { 0xe930000e, D + 16, D + 4, D + 4 },   /* ldmdb r0!, {r1-r3} */
};

ARMFIX_TEST(a32_ldst, ldm_stm_modes)
{
    for (unsigned i = 0; i < sizeof(blk_cases) / sizeof(blk_cases[0]); i++) {
        const blk_case *c = &blk_cases[i];
        bool load = c->insn & (1u << 20);
        fill_words(f);
        f->cpu.regs[0] = c->r0;
        f->cpu.regs[1] = 0xa1;
        f->cpu.regs[2] = 0xa2;
        f->cpu.regs[3] = 0xa3;
        armfix_a32(f, &c->insn, 1);
        CT_ASSERT_TRUE(armfix_run(f));
        CT_EXPECT_EQ(f->cpu.regs[0], c->r0_after);
        uint32_t w = (c->addr - D) / 4;
        for (uint32_t k = 0; k < 3; k++) {
            if (load)
                CT_EXPECT_EQ(f->cpu.regs[1 + k], 0x1000 + w + k);
            else
                CT_EXPECT_EQ(armfix_rd32(f, c->addr + 4 * k), 0xa1 + k);
        }
        /* nothing outside the three words */
        if (!load) {
            if (w > 0)
                CT_EXPECT_EQ(armfix_rd32(f, c->addr - 4), 0x1000 + w - 1);
            CT_EXPECT_EQ(armfix_rd32(f, c->addr + 12), 0x1000 + w + 3);
        }
    }
}

ARMFIX_TEST(a32_ldst, ldm_stm_pc)
{
    A32(f, 0xe8808002,      /* stmia r0, {r1, pc}: pc stored as insn + 8 */
           0xe8948002,      /* ldmia r4, {r1, pc} */
           0xe3a02001);     /* mov r2, #1 (skipped) */
    f->cpu.regs[0] = D;
    f->cpu.regs[1] = 0x77;
    f->cpu.regs[4] = D + 16;
    armfix_wr32(f, D + 16, 0x55);
    armfix_wr32(f, D + 20, ARMFIX_CODE + 12);
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, D), 0x77);
    CT_EXPECT_EQ(armfix_rd32(f, D + 4), ARMFIX_CODE + 8);
    CT_EXPECT_EQ(f->cpu.regs[1], 0x55);
    CT_EXPECT_EQ(f->cpu.regs[2], 0);
}

ARMFIX_TEST(a32_ldst, ldm_pc_interworks)
{
    static const uint16_t thumb[] = { 0x2105, 0xe7fe };   /* movs r1, #5; b . */
    armfix_put16(f, 0x2000, thumb, 2);
    A32(f, 0xe8b08001);     /* ldmia r0!, {r0, pc} */
    f->cpu.regs[0] = D;
    armfix_wr32(f, D, 0x99);
    armfix_wr32(f, D + 4, 0x2001);
    f->end = 0x2002;
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_TRUE(armfix_thumb(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0x99);
    CT_EXPECT_EQ(f->cpu.regs[1], 5);
}

ARMFIX_TEST(a32_ldst, base_in_list)
{
    A32(f, 0xe8a10007,      /* stmia r1!, {r0-r2}: r1 not lowest -> new base stored */
           0xe8a30038,      /* stmia r3!, {r3-r5}: r3 lowest -> old base stored */
           0xe8b60070);     /* ldmia r6!, {r4-r6}: loaded r6 wins */
    f->cpu.regs[0] = 0xa;
    f->cpu.regs[1] = D;
    f->cpu.regs[2] = 0xc;
    f->cpu.regs[3] = D + 16;
    f->cpu.regs[4] = 0x4;
    f->cpu.regs[5] = 0x5;
    f->cpu.regs[6] = D + 32;
    armfix_wr32(f, D + 32, 0x40);
    armfix_wr32(f, D + 36, 0x50);
    armfix_wr32(f, D + 40, 0x60);
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, D), 0xa);
    CT_EXPECT_EQ(armfix_rd32(f, D + 4), D + 12);
    CT_EXPECT_EQ(armfix_rd32(f, D + 8), 0xc);
    CT_EXPECT_EQ(f->cpu.regs[1], D + 12);
    CT_EXPECT_EQ(armfix_rd32(f, D + 16), D + 16);
    CT_EXPECT_EQ(f->cpu.regs[3], D + 28);
    CT_EXPECT_EQ(f->cpu.regs[4], 0x40);
    CT_EXPECT_EQ(f->cpu.regs[5], 0x50);
    CT_EXPECT_EQ(f->cpu.regs[6], 0x60);
}

ARMFIX_TEST(a32_ldst, user_bank_forms)
{
    A32(f, 0xe8c06000,      /* stmia r0, {r13, r14}^ */
           0xe8d16000);     /* ldmia r1, {r13, r14}^ */
    f->cpu.banked_r13[ARM_BANK_USR] = 0x1111;
    f->cpu.banked_r14[ARM_BANK_USR] = 0x2222;
    f->cpu.regs[14] = 0x3333;
    f->cpu.regs[0] = D;
    f->cpu.regs[1] = D + 16;
    armfix_wr32(f, D + 16, 0x4444);
    armfix_wr32(f, D + 20, 0x5555);
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_rd32(f, D), 0x1111);
    CT_EXPECT_EQ(armfix_rd32(f, D + 4), 0x2222);
    CT_EXPECT_EQ(f->cpu.banked_r13[ARM_BANK_USR], 0x4444);
    CT_EXPECT_EQ(f->cpu.banked_r14[ARM_BANK_USR], 0x5555);
    CT_EXPECT_EQ(f->cpu.regs[13], ARMFIX_STACK);     /* SVC registers untouched */
    CT_EXPECT_EQ(f->cpu.regs[14], 0x3333);
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_SVC);
}

ARMFIX_TEST(a32_ldst, ldm_exception_return)
{
    A32(f, 0xe8d08002,      /* ldmia r0, {r1, pc}^ */
           0xe3a02001);     /* mov r2, #1 (skipped) */
    f->cpu.spsr = ARM_MODE_USR | ARM_CPSR_Z;
    f->cpu.regs[0] = D;
    armfix_wr32(f, D, 5);
    armfix_wr32(f, D + 4, ARMFIX_CODE + 8);
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(armfix_mode(f), ARM_MODE_USR);
    CT_EXPECT_EQ(armfix_nzcv(f), 0x4);
    CT_EXPECT_EQ(f->cpu.regs[1], 5);
    CT_EXPECT_EQ(f->cpu.regs[2], 0);
}

ARMFIX_TEST(a32_ldst, swp)
{
    A32(f, 0xe1010092,      /* swp r0, r2, [r1]    */
           0xe1443095,      /* swpb r3, r5, [r4]   */
           0xe10a6096,      /* swp r6, r6, [r10]: Rd = Rm */
           0xe1087099);     /* swp r7, r9, [r8]: unaligned, rotated load */
    f->cpu.regs[1] = D;
    f->cpu.regs[2] = 0x55;
    armfix_wr32(f, D, 0x1000);
    f->cpu.regs[4] = D + 5;
    f->cpu.regs[5] = 0x1ff;
    armfix_wr32(f, D + 4, 0x44332211);
    f->cpu.regs[6] = 0x1234;
    f->cpu.regs[10] = D + 8;
    armfix_wr32(f, D + 8, 0x77);
    f->cpu.regs[8] = D + 13;
    f->cpu.regs[9] = 0x99;
    armfix_wr32(f, D + 12, 0x44332211);
    CT_ASSERT_TRUE(armfix_run(f));
    CT_EXPECT_EQ(f->cpu.regs[0], 0x1000);
    CT_EXPECT_EQ(armfix_rd32(f, D), 0x55);
    CT_EXPECT_EQ(f->cpu.regs[3], 0x22);
    CT_EXPECT_EQ(armfix_rd32(f, D + 4), 0x4433ff11);
    CT_EXPECT_EQ(f->cpu.regs[6], 0x77);
    CT_EXPECT_EQ(armfix_rd32(f, D + 8), 0x1234);
    CT_EXPECT_EQ(f->cpu.regs[7], 0x11443322);
    CT_EXPECT_EQ(armfix_rd32(f, D + 12), 0x99);
}
