/*
 * Disassembly for -d in_asm: capstone output in QEMU's line layout
 * (checked against qemu-system-arm 7.2's own log of the same words), for
 * ARM, 16- and 32-bit Thumb, undecodable words, short reads, and the
 * tcg_target_ops hook reading guest memory.
 */
#include "ctest.h"
#include "armsys_test.h"

typedef struct dis_out {
    char text[128];
} dis_out;

static const char *dis_(dis_out *o, uint32_t pc, bool thumb, const uint8_t *code, unsigned n,
                        unsigned *len)
{
    *len = arm_disas_insn(pc, thumb, code, n, o->text, sizeof(o->text));
    return o->text;
}
#define dis(...) dis_(&out, __VA_ARGS__)

CTEST(arm_disas, arm_lines)
{
    unsigned len;
    dis_out out;
    static const uint8_t mov[] = { 0x01, 0x00, 0xa0, 0xe3 };
    static const uint8_t mrc[] = { 0x10, 0x0f, 0x11, 0xee };
    static const uint8_t b[] = { 0xfe, 0xff, 0xff, 0xea };
    CT_EXPECT_STREQ(dis(0x10000, false, mov, 4, &len), "0x00010000:  e3a00001  mov      r0, #1");
    CT_EXPECT_EQ(len, 4u);
    CT_EXPECT_STREQ(dis(0x10004, false, mrc, 4, &len),
                    "0x00010004:  ee110f10  mrc      p15, #0, r0, c1, c0, #0");
    CT_EXPECT_STREQ(dis(0x10008, false, b, 4, &len), "0x00010008:  eafffffe  b        #0x10008");
}

CTEST(arm_disas, thumb_lines)
{
    unsigned len;
    dis_out out;
    static const uint8_t movs[] = { 0x01, 0x20, 0x00, 0x00 };
    static const uint8_t bl[] = { 0x00, 0xf0, 0x02, 0xf8 };
    CT_EXPECT_STREQ(dis(0x8000, true, movs, 4, &len), "0x00008000:  2001       movs     r0, #1");
    CT_EXPECT_EQ(len, 2u);
    CT_EXPECT_STREQ(dis(0x8000, true, bl, 4, &len), "0x00008000:  f000 f802  bl       #0x8008");
    CT_EXPECT_EQ(len, 4u);
}

CTEST(arm_disas, undecodable_and_short)
{
    unsigned len;
    dis_out out;
    static const uint8_t ff[] = { 0xff, 0xff, 0xff, 0xff };
    CT_EXPECT_STREQ(dis(0x8000, false, ff, 4, &len), "0x00008000:  ffffffff  .word    0xffffffff");
    CT_EXPECT_EQ(len, 4u);
    CT_EXPECT_STREQ(dis(0x8000, false, ff, 2, &len), "0x00008000:  (unreadable)");
    /* a small buffer truncates, never overflows */
    char small[12];
    memset(small, 'x', sizeof(small));
    arm_disas_insn(0x8000, false, ff, 4, small, 8);
    CT_EXPECT_STREQ(small, "0x00008");
    CT_EXPECT_EQ(small[8], 'x');
}

CTEST(arm_disas, hook_reads_guest_memory)
{
    armsys_fixture fx;
    CT_ASSERT_TRUE(armsys_setup(&fx, 0, 0x1000));
    char buf[128];
    armsys_w32(&fx, 0x100, 0xe3a00001u);
    fx.ram.mem[0x104] = 0x01;
    fx.ram.mem[0x105] = 0x20;
    CT_EXPECT_EQ(arm_disas(&fx.cpu->common, 0x100, 0, buf, sizeof(buf)), 4u);
    CT_EXPECT_STREQ(buf, "0x00000100:  e3a00001  mov      r0, #1");
    CT_EXPECT_EQ(arm_disas(&fx.cpu->common, 0x104, ARM_TBFLAG_THUMB, buf, sizeof(buf)), 2u);
    CT_EXPECT_STREQ(buf, "0x00000104:  2001       movs     r0, #1");
    /* the last halfword of memory: a 16-bit Thumb insn is still shown */
    fx.ram.mem[0xffe] = 0x01;
    fx.ram.mem[0xfff] = 0x20;
    CT_EXPECT_EQ(arm_disas(&fx.cpu->common, 0xffe, ARM_TBFLAG_THUMB, buf, sizeof(buf)), 2u);
    CT_EXPECT_STREQ(buf, "0x00000ffe:  2001       movs     r0, #1");
    armsys_teardown(&fx);
}
