/*
 * SH-4 gdb register numbering (targets/sh4/gdb-regs.c).
 */
#include "sh4_fixture.h"
#include "targets/sh4/sh4-gdb.h"

static uint32_t rd(sh4fix *f, int n)
{
    uint8_t b[4] = { 0xee, 0xee, 0xee, 0xee };
    if (sh4_gdb_read_reg(&f->cpu, n, b, 4) != 4)
        return 0xdeadbeefu;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

CTEST(sh4_gdb, layout_and_banks)
{
    sh4fix *f = sh4fix_new();
    CT_ASSERT_TRUE(f != NULL);
    CT_EXPECT_STREQ(sh4_gdb_reg_name(16), "pc");
    CT_EXPECT_STREQ(sh4_gdb_reg_name(24), "fpscr");
    CT_EXPECT_STREQ(sh4_gdb_reg_name(58), "r7b1");
    CT_EXPECT_TRUE(sh4_gdb_reg_name(59) == NULL);
    f->cpu.regs[3] = 0x33;          /* bank 0 is current (RB = 0) */
    f->cpu.bank[3] = 0x1333;        /* bank 1 */
    f->cpu.fregs[2] = 0x40000000;
    f->cpu.sr_t = 1;
    CT_EXPECT_EQ(rd(f, 3), 0x33u);
    CT_EXPECT_EQ(rd(f, 43 + 3), 0x33u);
    CT_EXPECT_EQ(rd(f, 51 + 3), 0x1333u);
    CT_EXPECT_EQ(rd(f, 27), 0x40000000u);
    CT_EXPECT_EQ(rd(f, 22), SH4_SR_MD | SH4_SR_IMASK | SH4_SR_T);
    /* writing SR with RB = 1 swaps banks: gdb's r3 is now bank 1 */
    uint32_t sr = SH4_SR_MD | SH4_SR_RB | SH4_SR_IMASK;
    uint8_t b[4] = { (uint8_t)sr, (uint8_t)(sr >> 8), (uint8_t)(sr >> 16), (uint8_t)(sr >> 24) };
    CT_EXPECT_EQ(sh4_gdb_write_reg(&f->cpu, 22, b, 4), 4);
    CT_EXPECT_EQ(rd(f, 3), 0x1333u);
    CT_EXPECT_EQ(rd(f, 43 + 3), 0x33u);
    CT_EXPECT_EQ(sh4_gdb_read_reg(&f->cpu, 59, b, 4), -22);
    sh4fix_free(f);
}
