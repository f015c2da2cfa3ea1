/*
 * Test fixture for SH-4 instruction tests: a real sh4_cpu (interpreter
 * backend) on a tcg_bus_map with RAM, a program loader, instruction
 * encoders and a budgeted run.
 *
 * Layout: RAM at physical 0x0c000000 (SH4FIX_RAM_SIZE), used through P1
 * (0x8c000000).  VBR = SH4FIX_VBR; the general (+0x100), TLB miss (+0x400)
 * and interrupt (+0x600) vectors hold "bra . ; nop", so an exception parks
 * the pc at its vector.  Programs load at SH4FIX_CODE followed by the same
 * terminator at sh4fix_end(); sh4fix_run() spends a fixed cycle budget and
 * reports whether the pc sits on the terminator.  The CPU starts
 * privileged (SR = MD | IMASK 15, RB = BL = 0), FPSCR = 0 (round to
 * nearest, single precision).  Every SH4FIX_TEST body runs three times:
 * normal TBs, one-instruction TBs, and on the x86-64 JIT backend (when
 * the host has it).
 */
#ifndef TESTS_SH4_FIXTURE_H
#define TESTS_SH4_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctest.h"
#include "targets/sh4/cpu.h"
#include "tcg/bus-map.h"

#define SH4FIX_RAM_PHYS 0x0c000000u
#define SH4FIX_RAM_SIZE 0x00100000u
#define SH4FIX_P1       0x8c000000u
#define SH4FIX_VBR      0x8c000000u
#define SH4FIX_CODE     0x8c001000u
#define SH4FIX_DATA     0x8c008000u
#define SH4FIX_STACK    0x8c0f0000u

typedef struct sh4fix {
    sh4_cpu cpu;
    tcg_bus_map map;
    uint8_t *ram;
    uint32_t end;
} sh4fix;

/* backend NULL: "interp" */
sh4fix *sh4fix_new_backend(const char *backend);
sh4fix *sh4fix_new(void);
void sh4fix_free(sh4fix *f);
void sh4fix_set_tb_insns(sh4fix *f, uint32_t n);
/* Load at SH4FIX_CODE (plus terminator), pc there, TBs flushed. */
void sh4fix_load(sh4fix *f, const uint16_t *code, size_t n);
/* Store halfwords at any P1 address (no terminator). */
void sh4fix_put16(sh4fix *f, uint32_t vaddr, const uint16_t *code, size_t n);
bool sh4fix_run(sh4fix *f);
uint32_t sh4fix_rd32(sh4fix *f, uint32_t vaddr);
void sh4fix_wr32(sh4fix *f, uint32_t vaddr, uint32_t v);
uint16_t sh4fix_rd16(sh4fix *f, uint32_t vaddr);
uint8_t sh4fix_rd8(sh4fix *f, uint32_t vaddr);

#define SH4FIX_TEST(suite, name)                                                   \
    static void sh4fix_body_##suite##_##name(sh4fix *f);                           \
    CTEST(suite, name) {                                                           \
        sh4fix *f = sh4fix_new();                                                  \
        CT_ASSERT_TRUE(f != NULL);                                                 \
        sh4fix_body_##suite##_##name(f);                                           \
        sh4fix_free(f);                                                            \
    }                                                                              \
    CTEST(suite, name##_1insn) {                                                   \
        sh4fix *f = sh4fix_new();                                                  \
        CT_ASSERT_TRUE(f != NULL);                                                 \
        sh4fix_set_tb_insns(f, 1);                                                 \
        sh4fix_body_##suite##_##name(f);                                           \
        sh4fix_free(f);                                                            \
    }                                                                              \
    CTEST(suite, name##_jit) {                                                     \
        sh4fix *f = sh4fix_new_backend("jit");                                     \
        if (!f)                                                                    \
            return;   /* no JIT backend on this host */                            \
        sh4fix_body_##suite##_##name(f);                                           \
        sh4fix_free(f);                                                            \
    }                                                                              \
    static void sh4fix_body_##suite##_##name(sh4fix *f)

#define SH4(f, ...) do { static const uint16_t c_[] = { __VA_ARGS__ };            \
        sh4fix_load((f), c_, sizeof(c_) / sizeof(c_[0])); } while (0)

/* ---- encoders (SH-4 Software Manual, chapter 9) ---- */
#define NM_(b, n, m) ((uint16_t)((b) | ((n) << 8) | ((m) << 4)))
#define N_(b, n)     ((uint16_t)((b) | ((n) << 8)))
#define I8_(b, i)    ((uint16_t)((b) | ((i) & 0xff)))
#define NI_(b, n, i) ((uint16_t)((b) | ((n) << 8) | ((i) & 0xff)))

#define NOP          0x0009
#define CLRT         0x0008
#define SETT         0x0018
#define CLRMAC       0x0028
#define LDTLB        0x0038
#define SETS         0x0058
#define CLRS         0x0048
#define DIV0U        0x0019
#define RTS          0x000b
#define SLEEP        0x001b
#define RTE          0x002b
#define MOVI(i, n)   NI_(0xe000, n, i)
#define MOV(m, n)    NM_(0x6003, n, m)
#define ADD(m, n)    NM_(0x300c, n, m)
#define ADDI(i, n)   NI_(0x7000, n, i)
#define ADDC(m, n)   NM_(0x300e, n, m)
#define ADDV(m, n)   NM_(0x300f, n, m)
#define SUB(m, n)    NM_(0x3008, n, m)
#define SUBC(m, n)   NM_(0x300a, n, m)
#define SUBV(m, n)   NM_(0x300b, n, m)
#define NEG(m, n)    NM_(0x600b, n, m)
#define NEGC(m, n)   NM_(0x600a, n, m)
#define NOT(m, n)    NM_(0x6007, n, m)
#define AND(m, n)    NM_(0x2009, n, m)
#define OR(m, n)     NM_(0x200b, n, m)
#define XOR(m, n)    NM_(0x200a, n, m)
#define TST(m, n)    NM_(0x2008, n, m)
#define ANDI(i)      I8_(0xc900, i)
#define ORI(i)       I8_(0xcb00, i)
#define XORI(i)      I8_(0xca00, i)
#define TSTI(i)      I8_(0xc800, i)
#define CMPEQ(m, n)  NM_(0x3000, n, m)
#define CMPHS(m, n)  NM_(0x3002, n, m)
#define CMPGE(m, n)  NM_(0x3003, n, m)
#define CMPHI(m, n)  NM_(0x3006, n, m)
#define CMPGT(m, n)  NM_(0x3007, n, m)
#define CMPPZ(n)     N_(0x4011, n)
#define CMPPL(n)     N_(0x4015, n)
#define CMPEQI(i)    I8_(0x8800, i)
#define CMPSTR(m, n) NM_(0x200c, n, m)
#define DIV0S(m, n)  NM_(0x2007, n, m)
#define DIV1(m, n)   NM_(0x3004, n, m)
#define DMULS(m, n)  NM_(0x300d, n, m)
#define DMULU(m, n)  NM_(0x3005, n, m)
#define MULL(m, n)   NM_(0x0007, n, m)
#define MULSW(m, n)  NM_(0x200f, n, m)
#define MULUW(m, n)  NM_(0x200e, n, m)
#define MACL(m, n)   NM_(0x000f, n, m)
#define MACW(m, n)   NM_(0x400f, n, m)
#define DT(n)        N_(0x4010, n)
#define EXTSB(m, n)  NM_(0x600e, n, m)
#define EXTSW(m, n)  NM_(0x600f, n, m)
#define EXTUB(m, n)  NM_(0x600c, n, m)
#define EXTUW(m, n)  NM_(0x600d, n, m)
#define SWAPB(m, n)  NM_(0x6008, n, m)
#define SWAPW(m, n)  NM_(0x6009, n, m)
#define XTRCT(m, n)  NM_(0x200d, n, m)
#define SHLL(n)      N_(0x4000, n)
#define SHLR(n)      N_(0x4001, n)
#define SHAR(n)      N_(0x4021, n)
#define SHAL(n)      N_(0x4020, n)
#define ROTL(n)      N_(0x4004, n)
#define ROTR(n)      N_(0x4005, n)
#define ROTCL(n)     N_(0x4024, n)
#define ROTCR(n)     N_(0x4025, n)
#define SHLL2(n)     N_(0x4008, n)
#define SHLL8(n)     N_(0x4018, n)
#define SHLL16(n)    N_(0x4028, n)
#define SHLR2(n)     N_(0x4009, n)
#define SHLR8(n)     N_(0x4019, n)
#define SHLR16(n)    N_(0x4029, n)
#define SHAD(m, n)   NM_(0x400c, n, m)
#define SHLD(m, n)   NM_(0x400d, n, m)
#define MOVT(n)      N_(0x0029, n)
#define MOVBS(m, n)  NM_(0x2000, n, m)     /* mov.b Rm,@Rn  */
#define MOVWS(m, n)  NM_(0x2001, n, m)
#define MOVLS(m, n)  NM_(0x2002, n, m)
#define MOVBL(m, n)  NM_(0x6000, n, m)     /* mov.b @Rm,Rn  */
#define MOVWL(m, n)  NM_(0x6001, n, m)
#define MOVLL(m, n)  NM_(0x6002, n, m)
#define MOVBM(m, n)  NM_(0x2004, n, m)     /* mov.b Rm,@-Rn */
#define MOVLM(m, n)  NM_(0x2006, n, m)
#define MOVBP(m, n)  NM_(0x6004, n, m)     /* mov.b @Rm+,Rn */
#define MOVLP(m, n)  NM_(0x6006, n, m)
#define MOVLS4(m, d, n) ((uint16_t)(0x1000 | ((n) << 8) | ((m) << 4) | ((d) & 15)))  /* mov.l Rm,@(d*4,Rn) */
#define MOVLL4(d, m, n) ((uint16_t)(0x5000 | ((n) << 8) | ((m) << 4) | ((d) & 15)))  /* mov.l @(d*4,Rm),Rn */
#define MOVLS0(m, n) NM_(0x0006, n, m)     /* mov.l Rm,@(R0,Rn) */
#define MOVLL0(m, n) NM_(0x000e, n, m)     /* mov.l @(R0,Rm),Rn */
#define MOVWPC(d, n) NI_(0x9000, n, d)
#define MOVLPC(d, n) NI_(0xd000, n, d)
#define MOVA(d)      I8_(0xc700, d)
#define MOVLGS(d)    I8_(0xc200, d)        /* mov.l R0,@(d*4,GBR) */
#define MOVLGL(d)    I8_(0xc600, d)
#define TASB(n)      N_(0x401b, n)
#define BT(d)        I8_(0x8900, d)
#define BF(d)        I8_(0x8b00, d)
#define BTS(d)       I8_(0x8d00, d)
#define BFS(d)       I8_(0x8f00, d)
#define BRA(d)       ((uint16_t)(0xa000 | ((d) & 0xfff)))
#define BSR(d)       ((uint16_t)(0xb000 | ((d) & 0xfff)))
#define BRAF(n)      N_(0x0023, n)
#define BSRF(n)      N_(0x0003, n)
#define JMP(n)       N_(0x402b, n)
#define JSR(n)       N_(0x400b, n)
#define TRAPA(i)     I8_(0xc300, i)
#define LDCSR(n)     N_(0x400e, n)
#define LDCGBR(n)    N_(0x401e, n)
#define LDCVBR(n)    N_(0x402e, n)
#define LDCSSR(n)    N_(0x403e, n)
#define LDCSPC(n)    N_(0x404e, n)
#define LDCBANK(m, b) ((uint16_t)(0x408e | ((m) << 8) | ((b) << 4)))
#define STCSR(n)     N_(0x0002, n)
#define STCGBR(n)    N_(0x0012, n)
#define STCBANK(b, n) ((uint16_t)(0x0082 | ((n) << 8) | ((b) << 4)))
#define STCSGR(n)    N_(0x003a, n)
#define STCLSR(n)    N_(0x4003, n)
#define LDSMACH(n)   N_(0x400a, n)
#define LDSMACL(n)   N_(0x401a, n)
#define LDSPR(n)     N_(0x402a, n)
#define LDSFPUL(n)   N_(0x405a, n)
#define LDSFPSCR(n)  N_(0x406a, n)
#define STSMACH(n)   N_(0x000a, n)
#define STSMACL(n)   N_(0x001a, n)
#define STSPR(n)     N_(0x002a, n)
#define STSFPUL(n)   N_(0x005a, n)
#define STSFPSCR(n)  N_(0x006a, n)
#define STSLPR(n)    N_(0x4022, n)
#define LDSLPR(n)    N_(0x4026, n)
#define PREF(n)      N_(0x0083, n)
/* FPU */
#define FADD(m, n)   NM_(0xf000, n, m)
#define FSUB(m, n)   NM_(0xf001, n, m)
#define FMUL(m, n)   NM_(0xf002, n, m)
#define FDIV(m, n)   NM_(0xf003, n, m)
#define FCMPEQ(m, n) NM_(0xf004, n, m)
#define FCMPGT(m, n) NM_(0xf005, n, m)
#define FMOVLD(m, n) NM_(0xf008, n, m)     /* fmov.s @Rm,FRn */
#define FMOVLDP(m, n) NM_(0xf009, n, m)    /* fmov.s @Rm+,FRn */
#define FMOVST(m, n) NM_(0xf00a, n, m)     /* fmov.s FRm,@Rn */
#define FMOVSTM(m, n) NM_(0xf00b, n, m)    /* fmov.s FRm,@-Rn */
#define FMOV(m, n)   NM_(0xf00c, n, m)
#define FMAC(m, n)   NM_(0xf00e, n, m)
#define FSTS(n)      N_(0xf00d, n)
#define FLDS(m)      N_(0xf01d, m)
#define FLOAT(n)     N_(0xf02d, n)
#define FTRC(m)      N_(0xf03d, m)
#define FNEG(n)      N_(0xf04d, n)
#define FABS(n)      N_(0xf05d, n)
#define FSQRT(n)     N_(0xf06d, n)
#define FLDI0(n)     N_(0xf08d, n)
#define FLDI1(n)     N_(0xf09d, n)
#define FCNVSD(n)    N_(0xf0ad, n)
#define FCNVDS(m)    N_(0xf0bd, m)
#define FIPR(m, n)   ((uint16_t)(0xf0ed | ((n) << 10) | ((m) << 8)))   /* fipr FVm*4,FVn*4 */
#define FTRV(n)      ((uint16_t)(0xf1fd | ((n) << 10)))
#define FSCHG        0xf3fd
#define FRCHG        0xfbfd

#endif
