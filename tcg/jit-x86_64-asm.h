/*
 * A minimal x86-64 instruction encoder for the JIT (private to
 * tcg/jit-x86_64.c): REX/ModRM/SIB encoding of register, memory and
 * immediate forms, enough for 32-bit integer code plus the few 64-bit
 * forms the TLB fast path, accounting and calls need.
 *
 * Encodings follow the Intel SDM vol. 2 (opcode tables, ModRM/SIB rules:
 * rsp/r12 as a base need a SIB byte, rbp/r13 as a base need a
 * displacement).  Callers check the buffer's room before each op, so the
 * emitters themselves never check bounds.
 */
#ifndef TCG_JIT_X86_64_ASM_H
#define TCG_JIT_X86_64_ASM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { X_RAX, X_RCX, X_RDX, X_RBX, X_RSP, X_RBP, X_RSI, X_RDI,
       X_R8, X_R9, X_R10, X_R11, X_R12, X_R13, X_R14, X_R15 };

/* condition codes (the low nibble of Jcc/SETcc/CMOVcc) */
enum { X_CC_O, X_CC_NO, X_CC_B, X_CC_AE, X_CC_E, X_CC_NE, X_CC_BE, X_CC_A,
       X_CC_S, X_CC_NS, X_CC_P, X_CC_NP, X_CC_L, X_CC_GE, X_CC_LE, X_CC_G };

/* ALU group numbers: opcode base and /digit of the 0x81/0x83 forms */
enum { X_ADD, X_OR, X_ADC, X_SBB, X_AND, X_SUB, X_XOR, X_CMP };
/* shift group /digit */
enum { X_ROL = 0, X_ROR = 1, X_SHL = 4, X_SHR = 5, X_SAR = 7 };

typedef struct xbuf {
    uint8_t *p;
} xbuf;

/* encoding flags */
#define XF_W   1u      /* REX.W: 64-bit operand size           */
#define XF_66  2u      /* 16-bit operand size                  */
#define XF_BR  4u      /* reg field is a byte register          */
#define XF_BM  8u      /* rm field (register form) is a byte register */

static inline void x_b1(xbuf *b, uint32_t v) { *b->p++ = (uint8_t)v; }
static inline void x_b4(xbuf *b, uint32_t v) { memcpy(b->p, &v, 4); b->p += 4; }
static inline void x_b8(xbuf *b, uint64_t v) { memcpy(b->p, &v, 8); b->p += 8; }

static inline void x_prefix(xbuf *b, unsigned f, int r, int x, int m)
{
    if (f & XF_66)
        x_b1(b, 0x66);
    unsigned rex = 0x40u | ((f & XF_W) ? 8u : 0u) | ((r & 8) ? 4u : 0u) | ((x & 8) ? 2u : 0u) |
                   ((m & 8) ? 1u : 0u);
    /* spl/bpl/sil/dil exist only with a REX prefix */
    bool need = rex != 0x40u || ((f & XF_BR) && r >= 4 && r < 8) || ((f & XF_BM) && m >= 4 && m < 8);
    if (need)
        x_b1(b, rex);
}

static inline void x_opc(xbuf *b, uint32_t opc)
{
    if (opc > 0xff)
        x_b1(b, opc >> 8);
    x_b1(b, opc & 0xffu);
}

/* op reg, rm (register form) */
static inline void x_rr(xbuf *b, unsigned f, uint32_t opc, int r, int m)
{
    x_prefix(b, f, r, 0, m);
    x_opc(b, opc);
    x_b1(b, 0xc0u | (unsigned)(r & 7) << 3 | (unsigned)(m & 7));
}

/* op reg, [base + index*(1<<scale) + disp]; index < 0: none */
static inline void x_rm(xbuf *b, unsigned f, uint32_t opc, int r, int base, int index, int scale,
                        int32_t disp)
{
    x_prefix(b, f, r, index < 0 ? 0 : index, base);
    x_opc(b, opc);
    unsigned mod = (disp == 0 && (base & 7) != 5) ? 0u : (disp >= -128 && disp <= 127) ? 1u : 2u;
    if (index < 0 && (base & 7) != 4) {
        x_b1(b, mod << 6 | (unsigned)(r & 7) << 3 | (unsigned)(base & 7));
    } else {
        x_b1(b, mod << 6 | (unsigned)(r & 7) << 3 | 4u);
        x_b1(b, (unsigned)scale << 6 | (unsigned)((index < 0 ? 4 : index) & 7) << 3 | (unsigned)(base & 7));
    }
    if (mod == 1)
        x_b1(b, (uint32_t)disp);
    else if (mod == 2)
        x_b4(b, (uint32_t)disp);
}

static inline void x_mov_ri(xbuf *b, int r, uint32_t imm)      /* mov r32, imm32 */
{
    x_prefix(b, 0, 0, 0, r);
    x_b1(b, 0xb8u + (unsigned)(r & 7));
    x_b4(b, imm);
}

static inline void x_mov_ri64(xbuf *b, int r, uint64_t imm)    /* mov r64, imm64 */
{
    x_prefix(b, XF_W, 0, 0, r);
    x_b1(b, 0xb8u + (unsigned)(r & 7));
    x_b8(b, imm);
}

static inline void x_mov_rr(xbuf *b, int d, int s)             /* mov r32, r32 */
{
    if (d != s)
        x_rr(b, 0, 0x89, s, d);
}

static inline void x_ld32(xbuf *b, int d, int base, int32_t disp)   /* mov r32, [base+disp] */
{
    x_rm(b, 0, 0x8b, d, base, -1, 0, disp);
}

static inline void x_st32(xbuf *b, int s, int base, int32_t disp)   /* mov [base+disp], r32 */
{
    x_rm(b, 0, 0x89, s, base, -1, 0, disp);
}

static inline void x_st32i(xbuf *b, int base, int32_t disp, uint32_t imm)  /* mov dword [m], imm */
{
    x_rm(b, 0, 0xc7, 0, base, -1, 0, disp);
    x_b4(b, imm);
}

static inline void x_alu_rr(xbuf *b, int op, int d, int s)     /* op r32, r32 */
{
    x_rr(b, 0, (uint32_t)(op * 8 + 1), s, d);
}

static inline void x_alu_ri(xbuf *b, int op, int d, uint32_t imm)
{
    if ((int32_t)imm >= -128 && (int32_t)imm <= 127) {
        x_rr(b, 0, 0x83, op, d);
        x_b1(b, imm);
    } else {
        x_rr(b, 0, 0x81, op, d);
        x_b4(b, imm);
    }
}

static inline void x_shift_ri(xbuf *b, int op, int d, uint32_t n)
{
    x_rr(b, 0, 0xc1, op, d);
    x_b1(b, n);
}

static inline void x_jcc32(xbuf *b, int cc) { x_b1(b, 0x0f); x_b1(b, 0x80u + (unsigned)cc); x_b4(b, 0); }
static inline void x_jmp32(xbuf *b) { x_b1(b, 0xe9); x_b4(b, 0); }

/* rel32 at `site` (the 4 bytes just emitted) to reach `target`; both are
 * addresses in the same mapping */
static inline void x_patch_rel32(uint8_t *site, const uint8_t *target)
{
    int32_t rel = (int32_t)(target - (site + 4));
    memcpy(site, &rel, 4);
}

#endif
