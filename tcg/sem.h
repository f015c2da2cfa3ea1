/*
 * Op semantics, written once (private to tcg/).
 *
 * tcg_fold (ir.c) uses these to fold constants and the interpreter uses
 * them to execute, so optimized and unoptimized code agree bit for bit.
 * All values are 32-bit; shift and rotate counts are taken modulo 32 and
 * clz(0) is 32, as tcg-ops.def specifies.
 */
#ifndef TCG_SEM_H
#define TCG_SEM_H

#include <stdint.h>

#include "tcg.h"

static inline uint32_t tcg_sem_shl(uint32_t a, uint32_t b) { return a << (b & 31u); }
static inline uint32_t tcg_sem_shr(uint32_t a, uint32_t b) { return a >> (b & 31u); }
static inline uint32_t tcg_sem_sar(uint32_t a, uint32_t b) { return (uint32_t)((int32_t)a >> (b & 31u)); }
static inline uint32_t tcg_sem_rotr(uint32_t a, uint32_t b)
{
    b &= 31u;
    return b ? (a >> b) | (a << (32u - b)) : a;
}
static inline uint32_t tcg_sem_clz(uint32_t a) { return a ? (uint32_t)__builtin_clz(a) : 32u; }
static inline uint32_t tcg_sem_ext8s(uint32_t a) { return (uint32_t)(int32_t)(int8_t)(uint8_t)a; }
static inline uint32_t tcg_sem_ext16s(uint32_t a) { return (uint32_t)(int32_t)(int16_t)(uint16_t)a; }

static inline int tcg_sem_cond(tcg_cond c, uint32_t a, uint32_t b)
{
    switch (c) {
    case TCG_COND_NEVER:  return 0;
    case TCG_COND_ALWAYS: return 1;
    case TCG_COND_EQ:  return a == b;
    case TCG_COND_NE:  return a != b;
    case TCG_COND_LT:  return (int32_t)a < (int32_t)b;
    case TCG_COND_GE:  return (int32_t)a >= (int32_t)b;
    case TCG_COND_LE:  return (int32_t)a <= (int32_t)b;
    case TCG_COND_GT:  return (int32_t)a > (int32_t)b;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    return 0;
}

static inline void tcg_sem_mulu2(uint32_t *lo, uint32_t *hi, uint32_t a, uint32_t b)
{
    uint64_t p = (uint64_t)a * b;
    *lo = (uint32_t)p;
    *hi = (uint32_t)(p >> 32);
}
static inline void tcg_sem_muls2(uint32_t *lo, uint32_t *hi, uint32_t a, uint32_t b)
{
    uint64_t p = (uint64_t)((int64_t)(int32_t)a * (int64_t)(int32_t)b);
    *lo = (uint32_t)p;
    *hi = (uint32_t)(p >> 32);
}
static inline void tcg_sem_add2(uint32_t *lo, uint32_t *hi, uint32_t alo, uint32_t ahi,
                                uint32_t blo, uint32_t bhi)
{
    uint64_t r = (((uint64_t)ahi << 32) | alo) + (((uint64_t)bhi << 32) | blo);
    *lo = (uint32_t)r;
    *hi = (uint32_t)(r >> 32);
}
static inline void tcg_sem_sub2(uint32_t *lo, uint32_t *hi, uint32_t alo, uint32_t ahi,
                                uint32_t blo, uint32_t bhi)
{
    uint64_t r = (((uint64_t)ahi << 32) | alo) - (((uint64_t)bhi << 32) | blo);
    *lo = (uint32_t)r;
    *hi = (uint32_t)(r >> 32);
}

#endif
