/*
 * Decoder tables (targets/arm/translate-a32.c, translate-t16.c): every
 * pattern is well formed and reachable (some encoding decodes to it: no
 * earlier entry shadows it completely), every encoding decodes
 * to some entry, every entry has a cycle cost, and assembler-produced
 * encodings (arm-none-eabi-as, -march=armv5tej) decode to the expected
 * instruction class.
 */
#include <string.h>

#include "arm_fixture.h"
#include "targets/arm/translate.h"

static void check_table(const arm_pattern *t, unsigned n, uint32_t extra_bits,
                        const arm_pattern *(*decode)(uint32_t))
{
    for (unsigned i = 0; i < n; i++) {
        if (t[i].match & ~t[i].mask)
            ctest_fail(__FILE__, __LINE__, "%s: match %08x has bits outside mask %08x", t[i].name,
                       t[i].match, t[i].mask);
        /* reachable: some filling of the don't-care bits decodes to it */
        bool hit = false;
        uint32_t x = 0x9e3779b9u ^ i;
        for (unsigned k = 0; k < 4096 && !hit; k++) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            uint32_t insn = t[i].match | (k == 0 ? 0 : x & ~t[i].mask);
            hit = decode((insn & ~0xf0000000u) | extra_bits) == &t[i];
        }
        if (!hit)
            ctest_fail(__FILE__, __LINE__, "%s (%08x/%08x) is shadowed by earlier entries",
                       t[i].name, t[i].match, t[i].mask);
        CT_EXPECT_TRUE(t[i].cycles > 0);
        CT_EXPECT_TRUE(t[i].fn != NULL);
        CT_EXPECT_TRUE(t[i].name != NULL);
    }
}

CTEST(arm_decode, a32_table_well_formed)
{
    check_table(arm_a32_patterns, arm_a32_npatterns, 0xe0000000u, arm_a32_decode);
    check_table(arm_a32_uncond_patterns, arm_a32_uncond_npatterns, 0xf0000000u, arm_a32_decode);
}

CTEST(arm_decode, t16_table_well_formed)
{
    check_table(arm_t16_patterns, arm_t16_npatterns, 0, arm_t16_decode);
}

CTEST(arm_decode, t16_complete)
{
    for (uint32_t insn = 0; insn < 0x10000; insn++)
        if (!arm_t16_decode(insn)) {
            ctest_fail(__FILE__, __LINE__, "%04x decodes to nothing", insn);
            return;
        }
}

CTEST(arm_decode, a32_complete)
{
    /* every combination of the bits the tables test, plus a pseudo-random sweep */
    uint32_t x = 0x12345678;
    for (uint32_t i = 0; i < (1u << 20); i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        if (!arm_a32_decode(x)) {
            ctest_fail(__FILE__, __LINE__, "%08x decodes to nothing", x);
            return;
        }
    }
}

typedef struct named { uint32_t insn; const char *name; } named;

static const named a32_named[] = {
    { 0xe0000291, "mul" },   { 0xe0203291, "mla" },    { 0xe0854291, "umull" },
    { 0xe0a54291, "umlal" }, { 0xe0c54291, "smull" },  { 0xe0e54291, "smlal" },
    { 0xe1600281, "smul<x><y>" }, { 0xe10032e1, "smla<x><y>" }, { 0xe12002e1, "smulw<y>" },
    { 0xe1203281, "smlaw<y>" }, { 0xe1454281, "smlal<x><y>" },
    { 0xe1020051, "qadd" },  { 0xe1220051, "qsub" },   { 0xe1420051, "qdadd" },
    { 0xe1620051, "qdsub" }, { 0xe16f0f11, "clz" },    { 0xe10f0000, "mrs" },
    { 0xe14f0000, "mrs" },   { 0xe128f001, "msr" },    { 0xe329f01f, "msr" },
    { 0xe12fff11, "bx" },    { 0xe12fff31, "blx" },    { 0xe12fff21, "bxj" },
    { 0xfa000002, "blx" },   { 0xef123456, "swi" },    { 0xe1200172, "bkpt" },
    { 0xe7f000f0, "udef" },  { 0xf5d1f004, "pld" },    { 0xf7d1f002, "pld" },
    { 0xee100f10, "mrc" },   { 0xee010f10, "mcr" },    { 0xee000100, "cdp" },
    { 0xed910100, "ldc/stc" }, { 0xe1010092, "swp" },  { 0xe1410092, "swpb" },
    { 0xe1d100b2, "ldrh" },  { 0xe1c100b2, "strh" },   { 0xe1d100f2, "ldrsh" },
    { 0xe1d100d3, "ldrsb" }, { 0xe1c120d8, "ldrd" },   { 0xe16120f8, "strd" },
    { 0xe4b10004, "ldrt" },  { 0xe4e10001, "strbt" },  { 0xe7910102, "ldr" },
    { 0xe5c10001, "strb" },  { 0xe8a0000e, "stm" },    { 0xe8d08002, "ldm" },
    { 0xeb000001, "bl" },    { 0x1afffffc, "b" },      { 0xe1b00271, "mov" },
    { 0xe3310102, "teq" },   { 0xe0f10002, "rsc" },    { 0xe01100a2, "and" },
};

static const named t16_named[] = {
    { 0x0048, "lsls" },  { 0x1888, "adds" },  { 0x1e48, "subs" },  { 0x2905, "cmp" },
    { 0x4351, "muls" },  { 0x43d1, "mvns" },  { 0x4488, "add" },   { 0x4588, "cmp" },
    { 0x4689, "mov" },   { 0x4708, "bx" },    { 0x4788, "blx" },   { 0x4801, "ldr" },
    { 0x5e88, "ldrsh" }, { 0x5688, "ldrsb" }, { 0x7848, "ldrb" },  { 0x8048, "strh" },
    { 0x9802, "ldr" },   { 0xa002, "add" },   { 0xb084, "add" },   { 0xb503, "push" },
    { 0xbd03, "pop" },   { 0xbe34, "bkpt" },  { 0xc905, "ldmia" }, { 0xd002, "b<c>" },
    { 0xdf12, "swi" },   { 0xde01, "udef" },  { 0xe030, "b" },     { 0xf000, "bl" },
    { 0xf9fe, "bl" },    { 0xe9fe, "blx" },   { 0xb100, "udef" },
};

CTEST(arm_decode, assembler_encodings)
{
    for (unsigned i = 0; i < sizeof(a32_named) / sizeof(a32_named[0]); i++) {
        const arm_pattern *p = arm_a32_decode(a32_named[i].insn);
        if (!p || strcmp(p->name, a32_named[i].name) != 0)
            ctest_fail(__FILE__, __LINE__, "%08x: %s, want %s", a32_named[i].insn,
                       p ? p->name : "(none)", a32_named[i].name);
    }
    for (unsigned i = 0; i < sizeof(t16_named) / sizeof(t16_named[0]); i++) {
        const arm_pattern *p = arm_t16_decode(t16_named[i].insn);
        if (!p || strcmp(p->name, t16_named[i].name) != 0)
            ctest_fail(__FILE__, __LINE__, "%04x: %s, want %s", t16_named[i].insn,
                       p ? p->name : "(none)", t16_named[i].name);
    }
}
