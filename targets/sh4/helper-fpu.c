/*
 * SH-4 FPU helpers: arithmetic on env->fregs with IEEE 754 semantics as
 * the SH-4 Software Manual (chapter 6) describes them, computed with the
 * host's IEEE arithmetic under the guest's rounding mode.
 *
 *   - FPSCR.RM: 0 round to nearest, 1 round to zero (2, 3 reserved: zero);
 *   - FPSCR.DN = 1: denormal inputs are read as zero of the same sign and
 *     denormal results are flushed to zero; such a flush raises no flag
 *     (as QEMU's softfloat with flush-to-zero);
 *   - NaNs: the SH-4 marks a signalling NaN with the top fraction bit SET
 *     (0x7fc00000 signals, 0x7fbfffff is quiet); any NaN result is the
 *     default qNaN 0x7fbfffff (double 0x7ff7ffffffffffff); an sNaN operand
 *     raises invalid.  The host is not asked about NaNs at all;
 *   - each operation clears the cause field, then sets cause and flag bits
 *     for invalid (V), divide by zero (Z), overflow (O), underflow (U) and
 *     inexact (I); a cause whose enable bit is set raises the FPU
 *     exception (EXPEVT 0x120) and leaves the destination unchanged.
 *   - FIPR / FTRV are computed as QEMU 7.2 does: products and sums rounded
 *     to single precision one at a time, left to right.
 *   - FSCA (an SH-4A instruction accepted here) takes the angle from
 *     FPUL[15:0] as a fraction of a full turn; FSRRA is 1/sqrt.
 */
#include <fenv.h>
#include <math.h>
#include <string.h>

#include "targets/sh4/internals.h"
#include "targets/sh4/translate.h"

#define SH4_QNAN32 0x7fbfffffu
#define SH4_QNAN64 0x7ff7ffffffffffffull

/* cause/flag/enable bit positions (cause field order: I U O Z V E) */
#define FX_I 0x01u
#define FX_U 0x02u
#define FX_O 0x04u
#define FX_Z 0x08u
#define FX_V 0x10u

typedef struct sh4_fctx {
    sh4_cpu *cpu;
    uint32_t fx;        /* SH-side exception bits raised by us */
    bool flushed;       /* a denormal result was flushed (host flags dropped) */
} sh4_fctx;

static float f32(uint32_t v) { float f; memcpy(&f, &v, 4); return f; }
static uint32_t u32(float f) { uint32_t v; memcpy(&v, &f, 4); return v; }
static double f64(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static uint64_t u64(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }

static bool nan32(uint32_t v) { return (v & 0x7f800000u) == 0x7f800000u && (v & 0x7fffffu); }
static bool snan32(uint32_t v) { return nan32(v) && (v & 0x400000u); }
static bool nan64(uint64_t v)
{
    return (v & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (v & 0xfffffffffffffull);
}
static bool snan64(uint64_t v) { return nan64(v) && (v & 0x8000000000000ull); }

static bool dn(const sh4_cpu *cpu) { return (cpu->fpscr & SH4_FPSCR_DN) != 0; }

static uint32_t in32(const sh4_cpu *cpu, uint32_t v)
{
    if (dn(cpu) && !(v & 0x7f800000u))
        return v & 0x80000000u;
    return v;
}

static uint64_t in64(const sh4_cpu *cpu, uint64_t v)
{
    if (dn(cpu) && !(v & 0x7ff0000000000000ull))
        return v & 0x8000000000000000ull;
    return v;
}

static uint64_t dr_get(const sh4_cpu *cpu, unsigned n)
{
    return ((uint64_t)cpu->fregs[n & 30] << 32) | cpu->fregs[(n & 30) + 1];
}

static void fbegin(sh4_fctx *f, sh4_cpu *cpu)
{
    f->cpu = cpu;
    f->fx = 0;
    f->flushed = false;
    feclearexcept(FE_ALL_EXCEPT);
    fesetround((cpu->fpscr & SH4_FPSCR_RM) == 0 ? FE_TONEAREST : FE_TOWARDZERO);
}

static uint32_t out32(sh4_fctx *f, float r)
{
    uint32_t v = u32(r);
    if (nan32(v))
        return SH4_QNAN32;
    if (dn(f->cpu) && !(v & 0x7f800000u) && (v & 0x7fffffu)) {
        f->flushed = true;
        return v & 0x80000000u;
    }
    return v;
}

static uint64_t out64(sh4_fctx *f, double r)
{
    uint64_t v = u64(r);
    if (nan64(v))
        return SH4_QNAN64;
    if (dn(f->cpu) && !(v & 0x7ff0000000000000ull) && (v & 0xfffffffffffffull)) {
        f->flushed = true;
        return v & 0x8000000000000000ull;
    }
    return v;
}

/* Collect the flags; raise the FPU exception if an enabled cause is set
 * (before anything is written back).  Returns normally otherwise. */
static void fend(sh4_fctx *f)
{
    sh4_cpu *cpu = f->cpu;
    int x = fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    uint32_t c = f->fx;
    if (!f->flushed) {
        if (x & FE_INEXACT) c |= FX_I;
        if (x & FE_UNDERFLOW) c |= FX_U;
    }
    if (x & FE_OVERFLOW) c |= FX_O;
    if (x & FE_DIVBYZERO) c |= FX_Z;
    if (x & FE_INVALID) c |= FX_V;
    cpu->fpscr &= ~SH4_FPSCR_CAUSE;
    cpu->fpscr |= c << 12;
    cpu->fpscr |= c << 2;
    if (c & (cpu->fpscr >> 7) & 0x1f)
        tcg_cpu_raise_restore(&cpu->common, SH4_EXCP_FPU);
}

static bool pr(const sh4_cpu *cpu) { return (cpu->fpscr & SH4_FPSCR_PR) != 0; }

/* a0 = n, a1 = m; op 0 add 1 sub 2 mul 3 div */
static void sh4_farith(sh4_cpu *cpu, unsigned n, unsigned m, int op)
{
    sh4_fctx f;
    fbegin(&f, cpu);
    if (pr(cpu)) {
        uint64_t a = in64(cpu, dr_get(cpu, n)), b = in64(cpu, dr_get(cpu, m)), r;
        if (nan64(a) || nan64(b)) {
            if (snan64(a) || snan64(b))
                f.fx |= FX_V;
            r = SH4_QNAN64;
        } else {
            double x = f64(a), y = f64(b), z;
            switch (op) {
            case 0: z = x + y; break;
            case 1: z = x - y; break;
            case 2: z = x * y; break;
            default: z = x / y; break;
            }
            r = out64(&f, z);
        }
        fend(&f);
        cpu->fregs[n & 30] = (uint32_t)(r >> 32);
        cpu->fregs[(n & 30) + 1] = (uint32_t)r;
    } else {
        uint32_t a = in32(cpu, cpu->fregs[n]), b = in32(cpu, cpu->fregs[m]), r;
        if (nan32(a) || nan32(b)) {
            if (snan32(a) || snan32(b))
                f.fx |= FX_V;
            r = SH4_QNAN32;
        } else {
            float x = f32(a), y = f32(b), z;
            switch (op) {
            case 0: z = x + y; break;
            case 1: z = x - y; break;
            case 2: z = x * y; break;
            default: z = x / y; break;
            }
            r = out32(&f, z);
        }
        fend(&f);
        cpu->fregs[n] = r;
    }
}

SH4_HELPER_(fadd) { sh4_farith(env, a0, a1, 0); return 0; }
SH4_HELPER_(fsub) { sh4_farith(env, a0, a1, 1); return 0; }
SH4_HELPER_(fmul) { sh4_farith(env, a0, a1, 2); return 0; }
SH4_HELPER_(fdiv) { sh4_farith(env, a0, a1, 3); return 0; }

/* FRn op FRm; gt: FRn > FRm.  A NaN operand gives false and invalid
 * operation, for FCMP/EQ too (QEMU 7.2 compares signalling in both; the
 * manual's FCMP/EQ table names sNaN only). */
static uint32_t sh4_fcmp(sh4_cpu *cpu, unsigned n, unsigned m, bool gt)
{
    sh4_fctx f;
    uint32_t res;
    fbegin(&f, cpu);
    if (pr(cpu)) {
        uint64_t a = in64(cpu, dr_get(cpu, n)), b = in64(cpu, dr_get(cpu, m));
        if (nan64(a) || nan64(b)) {
            f.fx |= FX_V;
            res = 0;
        } else {
            res = gt ? f64(a) > f64(b) : f64(a) == f64(b);
        }
    } else {
        uint32_t a = in32(cpu, cpu->fregs[n]), b = in32(cpu, cpu->fregs[m]);
        if (nan32(a) || nan32(b)) {
            f.fx |= FX_V;
            res = 0;
        } else {
            res = gt ? f32(a) > f32(b) : f32(a) == f32(b);
        }
    }
    fend(&f);
    return res;
}

SH4_HELPER_(fcmp_eq) { return sh4_fcmp(env, a0, a1, false); }
SH4_HELPER_(fcmp_gt) { return sh4_fcmp(env, a0, a1, true); }

SH4_HELPER_(fmac)
{
    sh4_cpu *cpu = env;
    sh4_fctx f;
    uint32_t a = in32(cpu, cpu->fregs[0]), b = in32(cpu, cpu->fregs[a1]);
    uint32_t c = in32(cpu, cpu->fregs[a0]), r;
    fbegin(&f, cpu);
    if (nan32(a) || nan32(b) || nan32(c)) {
        if (snan32(a) || snan32(b) || snan32(c))
            f.fx |= FX_V;
        r = SH4_QNAN32;
    } else {
        /* the value is the fused result; the flags come from the same
         * sum in 64-bit precision (the product is exact there), because
         * the C library's fmaf does not report them */
        float v = fmaf(f32(a), f32(b), f32(c));
        feclearexcept(FE_ALL_EXCEPT);
        volatile long double x = (long double)f32(a) * (long double)f32(b) + (long double)f32(c);
        volatile float flags_only = (float)x;
        (void)flags_only;
        r = out32(&f, v);
    }
    fend(&f);
    cpu->fregs[a0] = r;
    return 0;
}

SH4_HELPER_(fsqrt)
{
    sh4_cpu *cpu = env;
    sh4_fctx f;
    fbegin(&f, cpu);
    if (pr(cpu)) {
        uint64_t a = in64(cpu, dr_get(cpu, a0)), r;
        if (nan64(a)) {
            if (snan64(a))
                f.fx |= FX_V;
            r = SH4_QNAN64;
        } else {
            r = out64(&f, sqrt(f64(a)));
        }
        fend(&f);
        cpu->fregs[a0 & 30] = (uint32_t)(r >> 32);
        cpu->fregs[(a0 & 30) + 1] = (uint32_t)r;
    } else {
        uint32_t a = in32(cpu, cpu->fregs[a0]), r;
        if (nan32(a)) {
            if (snan32(a))
                f.fx |= FX_V;
            r = SH4_QNAN32;
        } else {
            r = out32(&f, sqrtf(f32(a)));
        }
        fend(&f);
        cpu->fregs[a0] = r;
    }
    return 0;
}

SH4_HELPER_(fsrra)
{
    sh4_cpu *cpu = env;
    sh4_fctx f;
    uint32_t a = in32(cpu, cpu->fregs[a0]), r;
    fbegin(&f, cpu);
    if (nan32(a)) {
        if (snan32(a))
            f.fx |= FX_V;
        r = SH4_QNAN32;
    } else {
        r = out32(&f, 1.0f / sqrtf(f32(a)));
    }
    fend(&f);
    cpu->fregs[a0] = r;
    return 0;
}

SH4_HELPER_(float)
{
    sh4_cpu *cpu = env;
    sh4_fctx f;
    fbegin(&f, cpu);
    if (pr(cpu)) {
        double d = (double)(int32_t)cpu->fpul;
        fend(&f);
        uint64_t r = u64(d);
        cpu->fregs[a0 & 30] = (uint32_t)(r >> 32);
        cpu->fregs[(a0 & 30) + 1] = (uint32_t)r;
    } else {
        volatile float x = (float)(int32_t)cpu->fpul;
        fend(&f);
        cpu->fregs[a0] = u32(x);
    }
    return 0;
}

/* Round toward zero to int32; out of range and NaN give invalid and the
 * saturated value; a NaN gives 0x7fffffff, as QEMU 7.2 (the manual's FTRC
 * description only says "invalid operation"). */
static uint32_t sh4_trunc(sh4_fctx *f, double x, bool is_nan)
{
    if (is_nan) {
        f->fx |= FX_V;
        return 0x7fffffffu;
    }
    if (x >= 2147483648.0) {
        f->fx |= FX_V;
        return 0x7fffffffu;
    }
    if (x <= -2147483649.0) {
        f->fx |= FX_V;
        return 0x80000000u;
    }
    double t = trunc(x);
    if (t != x)
        f->fx |= FX_I;
    return (uint32_t)(int32_t)t;
}

SH4_HELPER_(ftrc)
{
    sh4_cpu *cpu = env;
    sh4_fctx f;
    uint32_t r;
    fbegin(&f, cpu);
    if (pr(cpu)) {
        uint64_t a = in64(cpu, dr_get(cpu, a0));
        r = sh4_trunc(&f, f64(a), nan64(a));
    } else {
        uint32_t a = in32(cpu, cpu->fregs[a0]);
        r = sh4_trunc(&f, f32(a), nan32(a));
    }
    /* the host never computed anything here: only our own bits count */
    feclearexcept(FE_ALL_EXCEPT);
    fend(&f);
    cpu->fpul = r;
    return 0;
}

SH4_HELPER_(fcnvsd)
{
    sh4_cpu *cpu = env;
    sh4_fctx f;
    uint32_t a = in32(cpu, cpu->fpul);
    uint64_t r;
    fbegin(&f, cpu);
    if (nan32(a)) {
        if (snan32(a))
            f.fx |= FX_V;
        r = SH4_QNAN64;
    } else {
        r = out64(&f, (double)f32(a));
    }
    fend(&f);
    cpu->fregs[a0 & 30] = (uint32_t)(r >> 32);
    cpu->fregs[(a0 & 30) + 1] = (uint32_t)r;
    return 0;
}

SH4_HELPER_(fcnvds)
{
    sh4_cpu *cpu = env;
    sh4_fctx f;
    uint64_t a = in64(cpu, dr_get(cpu, a0));
    uint32_t r;
    fbegin(&f, cpu);
    if (nan64(a)) {
        if (snan64(a))
            f.fx |= FX_V;
        r = SH4_QNAN32;
    } else {
        volatile float x = (float)f64(a);
        r = out32(&f, x);
    }
    fend(&f);
    cpu->fpul = r;
    return 0;
}

/* single-precision a*b and a+b under the context, NaN-aware */
static float sh4_fmul1(sh4_fctx *f, float a, float b)
{
    volatile float r = a * b;
    return r;
}

static float sh4_fadd1(sh4_fctx *f, float a, float b)
{
    volatile float r = a + b;
    return r;
}

static bool sh4_any_nan(const uint32_t *v, unsigned n, bool *snan)
{
    bool any = false;
    for (unsigned i = 0; i < n; i++) {
        any |= nan32(v[i]);
        *snan |= snan32(v[i]);
    }
    return any;
}

SH4_HELPER_(fipr)
{
    sh4_cpu *cpu = env;
    unsigned n = a0, m = a1;
    sh4_fctx f;
    uint32_t in[8], r;
    bool sn = false;
    for (unsigned i = 0; i < 4; i++) {
        in[i] = in32(cpu, cpu->fregs[n + i]);
        in[4 + i] = in32(cpu, cpu->fregs[m + i]);
    }
    fbegin(&f, cpu);
    if (sh4_any_nan(in, 8, &sn)) {
        if (sn)
            f.fx |= FX_V;
        r = SH4_QNAN32;
    } else {
        float acc = sh4_fmul1(&f, f32(in[0]), f32(in[4]));
        for (unsigned i = 1; i < 4; i++)
            acc = sh4_fadd1(&f, acc, sh4_fmul1(&f, f32(in[i]), f32(in[4 + i])));
        r = out32(&f, acc);
    }
    fend(&f);
    cpu->fregs[n + 3] = r;
    return 0;
}

SH4_HELPER_(ftrv)
{
    sh4_cpu *cpu = env;
    unsigned n = a0;
    sh4_fctx f;
    uint32_t v[4], x[16], r[4];
    bool sn = false;
    for (unsigned i = 0; i < 4; i++)
        v[i] = in32(cpu, cpu->fregs[n + i]);
    for (unsigned i = 0; i < 16; i++)
        x[i] = in32(cpu, cpu->fregs[16 + i]);
    fbegin(&f, cpu);
    bool any = sh4_any_nan(v, 4, &sn) | sh4_any_nan(x, 16, &sn);
    for (unsigned i = 0; i < 4; i++) {
        if (any) {
            r[i] = SH4_QNAN32;
            continue;
        }
        /* XMTRX row i is XF[i], XF[i+4], XF[i+8], XF[i+12] */
        float acc = sh4_fmul1(&f, f32(x[i]), f32(v[0]));
        for (unsigned j = 1; j < 4; j++)
            acc = sh4_fadd1(&f, acc, sh4_fmul1(&f, f32(x[i + 4 * j]), f32(v[j])));
        r[i] = out32(&f, acc);
    }
    if (sn)
        f.fx |= FX_V;
    fend(&f);
    memcpy(&cpu->fregs[n], r, sizeof(r));
    return 0;
}

SH4_HELPER_(fsca)
{
    sh4_cpu *cpu = env;
    double ang = (double)(cpu->fpul & 0xffffu) * (2.0 * 3.14159265358979323846 / 65536.0);
    sh4_fctx f;
    fbegin(&f, cpu);
    float s = (float)sin(ang), c = (float)cos(ang);
    feclearexcept(FE_ALL_EXCEPT);
    f.fx |= FX_I;   /* the result is an approximation */
    fend(&f);
    cpu->fregs[a0 & 14] = u32(s);
    cpu->fregs[(a0 & 14) + 1] = u32(c);
    return 0;
}

SH4_HELPER_(frchg)
{
    sh4_cpu *cpu = env;
    sh4_fpscr_write(cpu, cpu->fpscr ^ SH4_FPSCR_FR);
    return 0;
}
