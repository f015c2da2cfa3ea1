/*
 * Differential test: the same SH-4 program runs on qemu-sh4 (linux-user,
 * -cpu sh7750r) and on our sh4_cpu; their register and memory dumps must
 * be equal byte for byte.
 *
 * Each program is generated here from a seed: a prologue that loads every
 * register (R0-R13, T, MACH, MACL, PR, FR0-15, XF0-15, FPSCR) from a data
 * table, a body of random instructions (or a directed sequence), and an
 * epilogue that stores every register plus a 256-byte data buffer and
 * writes them to stdout with raw Linux system calls (trapa #0x13, number
 * in r3, arguments in r4-r6; no C library: Debian's qemu-sh4 7.2 hangs in
 * glibc start-up).  sh4-linux-gnu-gcc -nostdlib -static builds it.
 *
 * Our side loads the same ELF into a tcg_bus_map RAM, runs it in user
 * mode with the MMU off, and serves the two system calls (write, exit)
 * from the trapa exception, so both sides execute identical bytes.
 *
 * Generator invariants (so that any random program is valid on both
 * sides): r12 = GBR = buffer base and r14 = table pointer are never
 * written by the body; r13 is the scratch pointer, always re-derived from
 * r12 before use; memory operands stay inside the 8-aligned buffer and are
 * aligned; branches go forward to the start of a generated unit and their
 * delay slots hold a one-instruction, non-branch, non-PC-relative unit.
 * Floating-point inputs are "nice" values (small integers scaled by
 * powers of two) so that NaN payload and underflow-tininess conventions,
 * which the manual leaves to the implementation, do not enter.
 *
 * Left out because QEMU 7.2 itself is wrong there (fixed in later QEMU;
 * unit tests in test_int.c / test_fpu.c check them against the manual):
 *   - ADDV stores the sum in Rm instead of Rn; SUBV computes T wrongly;
 *   - FIPR and FTRV are accepted only with FPSCR.PR = 1 (the manual:
 *     PR = 0), so they raise an illegal instruction in single precision;
 *   - ROTL and ROTR leave T = 0 (the manual: T = the bit rotated out;
 *     checked with "mov #1,r6; sett; rotr r6; movt r7": QEMU 7.2 gives
 *     r7 = 0, and the same for rotl of 0xffffffff);
 *   - MAC with S = 1 does not saturate (the body never sets S);
 *   - DIV1 with Rm = 0 when subtracting: QEMU's carry trick reports a
 *     borrow, the manual's operation does not (DIV1 units load a non-zero
 *     divisor first).
 *
 * Usage: sh4_difftest [first_seed count]   (defaults: 1 60)
 * Environment: SH4_DIFF_KEEP=1 keeps the generated sources in the work
 * directory.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "targets/sh4/cpu.h"
#include "tcg/bus-map.h"

#ifndef SH4_DIFF_CC
#define SH4_DIFF_CC "sh4-linux-gnu-gcc"
#endif
#ifndef SH4_DIFF_QEMU
#define SH4_DIFF_QEMU "qemu-sh4"
#endif

/* ---- random numbers (xorshift, seeded) ---------------------------------- */

typedef struct dt_rng { uint64_t s; } dt_rng;

static uint32_t dt_rand(dt_rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (uint32_t)(r->s >> 16);
}

static uint32_t dt_below(dt_rng *r, uint32_t n) { return dt_rand(r) % n; }

/* ---- program generation --------------------------------------------------- */

#define DT_MAX_UNITS 200
#define DT_BUF 256

typedef enum dt_mode { DT_INT, DT_FSINGLE, DT_FDOUBLE, DT_FPAIR, DT_MODES } dt_mode;

typedef struct dt_unit {
    uint16_t op[6];
    unsigned n;
    bool slot_ok;          /* may sit in a delay slot */
    bool branch;           /* needs a target: filled in the second pass */
    uint16_t base;         /* branch opcode without displacement */
    bool is12;             /* 12-bit displacement (bra/bsr) */
} dt_unit;

typedef struct dt_prog {
    dt_unit u[DT_MAX_UNITS];
    unsigned n;
    dt_mode mode;
} dt_prog;

static unsigned dt_reg(dt_rng *r) { return dt_below(r, 12); }   /* r0..r11 */
static unsigned dt_fr(dt_rng *r) { return dt_below(r, 16); }
static unsigned dt_dr(dt_rng *r) { return dt_below(r, 8) * 2; }

static dt_unit *dt_add(dt_prog *p, bool slot_ok)
{
    dt_unit *u = &p->u[p->n++];
    memset(u, 0, sizeof(*u));
    u->slot_ok = slot_ok;
    return u;
}

static void dt_one(dt_prog *p, uint16_t op)
{
    dt_unit *u = dt_add(p, true);
    u->op[u->n++] = op;
}

/* r13 = r12 + off (off < 128) */
static void dt_r13(dt_unit *u, unsigned off)
{
    u->op[u->n++] = 0x6d00 | (12 << 4) | 3;            /* mov r12,r13 */
    u->op[u->n++] = (uint16_t)(0x7d00 | (off & 0xff)); /* add #off,r13 */
}

static void dt_gen_int(dt_prog *p, dt_rng *r)
{
    unsigned n = dt_reg(r), m = dt_reg(r);
    uint16_t nm = (uint16_t)(n << 8 | m << 4);
    static const uint16_t rr[] = {
        0x6003, 0x300c, 0x300e, 0x3008, 0x300a, 0x600b, 0x600a, 0x6007,
        0x2009, 0x200b, 0x200a, 0x2008, 0x3000, 0x3002, 0x3003, 0x3006, 0x3007, 0x200c,
        0x2007, 0x300d, 0x3005, 0x0007, 0x200f, 0x200e, 0x600e, 0x600f, 0x600c,
        0x600d, 0x6008, 0x6009, 0x200d, 0x400c, 0x400d,
    };
    static const uint16_t rn[] = {
        0x4000, 0x4001, 0x4021, 0x4020, 0x4024, 0x4025, 0x4008, 0x4018,
        0x4028, 0x4009, 0x4019, 0x4029, 0x4010, 0x4011, 0x4015, 0x0029, 0x000a, 0x001a,
        0x400a, 0x401a, 0x002a, 0x402a,
    };
    unsigned k = dt_below(r, 100);
    if (k < 5) {
        /* div1 with a divisor that is never 0 (see the header) */
        dt_unit *u = dt_add(p, false);
        if (m == n)
            m = (m + 1) % 12;
        u->op[u->n++] = (uint16_t)(0xe000 | m << 8 | (1 + dt_below(r, 127)));
        u->op[u->n++] = (uint16_t)(0x3004 | n << 8 | m << 4);
    } else if (k < 45) {
        dt_one(p, rr[dt_below(r, sizeof(rr) / 2)] | nm);
    } else if (k < 62) {
        dt_one(p, rn[dt_below(r, sizeof(rn) / 2)] | (uint16_t)(n << 8));
    } else if (k < 68) {
        static const uint16_t imm[] = { 0xe000, 0x7000 };
        dt_one(p, imm[dt_below(r, 2)] | (uint16_t)(n << 8) | (uint16_t)dt_below(r, 256));
    } else if (k < 72) {
        static const uint16_t r0i[] = { 0xc900, 0xcb00, 0xca00, 0xc800, 0x8800 };
        dt_one(p, r0i[dt_below(r, 5)] | (uint16_t)dt_below(r, 256));
    } else if (k < 75) {
        static const uint16_t z[] = { 0x0008, 0x0018, 0x0028, 0x0019 };
        dt_one(p, z[dt_below(r, 4)]);
    } else if (k < 80) {          /* @(disp,r12) */
        unsigned d = dt_below(r, 16);
        switch (dt_below(r, 4)) {
        case 0: dt_one(p, (uint16_t)(0x1c00 | m << 4 | d)); break;          /* mov.l Rm,@(d,r12) */
        case 1: dt_one(p, (uint16_t)(0x5000 | n << 8 | 12 << 4 | d)); break; /* mov.l @(d,r12),Rn */
        case 2: dt_one(p, (uint16_t)(dt_below(r, 2) ? 0x8000 : 0x8400) | 12 << 4 | d); break;
        default: dt_one(p, (uint16_t)(dt_below(r, 2) ? 0x8100 : 0x8500) | 12 << 4 | d); break;
        }
    } else if (k < 84) {          /* @(r0,r12) */
        dt_unit *u = dt_add(p, false);
        unsigned sz = dt_below(r, 3);
        unsigned off = dt_below(r, 120) & ~((1u << sz) - 1);
        u->op[u->n++] = (uint16_t)(0xe000 | off);                    /* mov #off,r0 */
        if (dt_below(r, 2))
            u->op[u->n++] = (uint16_t)(0x0004 | 12 << 8 | (m ? m : 1) << 4 | sz);   /* store */
        else
            u->op[u->n++] = (uint16_t)(0x000c | (n ? n : 1) << 8 | 12 << 4 | sz);  /* load */
    } else if (k < 88) {          /* @r13+ / @-r13 / @r13 */
        dt_unit *u = dt_add(p, false);
        unsigned sz = dt_below(r, 3);
        dt_r13(u, 64 + (dt_below(r, 32) & ~((1u << sz) - 1) & ~3u));
        static const uint16_t f[] = { 0x6004, 0x2004, 0x6000, 0x2000 };
        uint16_t base = f[dt_below(r, 4)];
        if (base & 0x4000)
            u->op[u->n++] = (uint16_t)(base | n << 8 | 13 << 4 | sz);
        else
            u->op[u->n++] = (uint16_t)(base | 13 << 8 | m << 4 | sz);
    } else if (k < 90) {          /* GBR */
        unsigned sz = dt_below(r, 3);
        unsigned d = dt_below(r, 64 >> sz);
        dt_one(p, (uint16_t)((dt_below(r, 2) ? 0xc000 : 0xc400) | sz << 8 | d));
    } else if (k < 92) {          /* logic on @(r0,gbr), tas.b */
        dt_unit *u = dt_add(p, false);
        if (dt_below(r, 3)) {
            u->op[u->n++] = (uint16_t)(0xe000 | dt_below(r, 100));
            u->op[u->n++] = (uint16_t)(0xcc00 | dt_below(r, 4) << 8 | dt_below(r, 256));
        } else {
            dt_r13(u, dt_below(r, 100));
            u->op[u->n++] = 0x4d1b;
        }
    } else if (k < 94) {          /* mac.w / mac.l */
        dt_unit *u = dt_add(p, false);
        bool l = dt_below(r, 2);
        dt_r13(u, 8 * dt_below(r, 8));
        u->op[u->n++] = (uint16_t)(0xe000 | (8 * dt_below(r, 8)));   /* mov #k,r0 */
        u->op[u->n++] = 0x300c | 12 << 4;                             /* add r12,r0 */
        u->op[u->n++] = (uint16_t)((l ? 0x000f : 0x400f) | 13 << 8 | 0 << 4);
    } else if (k < 96) {          /* pc-relative reads of code */
        unsigned d = dt_below(r, 8);
        static const uint16_t pcr[] = { 0x9000, 0xd000 };
        dt_unit *u = dt_add(p, false);
        if (dt_below(r, 3))
            u->op[u->n++] = pcr[dt_below(r, 2)] | (uint16_t)(n << 8 | d);
        else
            u->op[u->n++] = (uint16_t)(0xc700 | d);   /* mova */
    } else {                      /* forward branches */
        static const uint16_t br[] = { 0x8900, 0x8b00, 0x8d00, 0x8f00, 0xa000, 0xb000 };
        unsigned which = dt_below(r, 6);
        dt_unit *u = dt_add(p, false);
        u->branch = true;
        u->base = br[which];
        u->is12 = which >= 4;
        u->n = 1;
    }
}

static void dt_fmem(dt_prog *p, dt_rng *r, bool pair)
{
    dt_unit *u = dt_add(p, false);
    unsigned f = pair ? dt_below(r, 16) : dt_fr(r);
    unsigned off = 64 + 8 * dt_below(r, 8);
    switch (dt_below(r, 4)) {
    case 0:
        dt_r13(u, off);
        u->op[u->n++] = (uint16_t)(0xf008 | f << 8 | 13 << 4);   /* fmov @r13,FRn */
        break;
    case 1:
        dt_r13(u, off);
        u->op[u->n++] = (uint16_t)(0xf00a | 13 << 8 | f << 4);   /* fmov FRm,@r13 */
        break;
    case 2:
        dt_r13(u, off);
        u->op[u->n++] = (uint16_t)(0xf009 | f << 8 | 13 << 4);   /* fmov @r13+,FRn */
        break;
    default:
        u->op[u->n++] = (uint16_t)(0xe000 | off);                 /* mov #off,r0 */
        u->op[u->n++] = (uint16_t)(0xf007 | 12 << 8 | f << 4);   /* fmov FRm,@(r0,r12) */
        break;
    }
}

static void dt_gen_fp(dt_prog *p, dt_rng *r)
{
    unsigned k = dt_below(r, 100);
    if (p->mode == DT_FPAIR) {
        if (k < 40)
            dt_one(p, (uint16_t)(0xf00c | dt_below(r, 16) << 8 | dt_below(r, 16) << 4));
        else if (k < 70)
            dt_fmem(p, r, true);
        else
            dt_gen_int(p, r);
        return;
    }
    if (p->mode == DT_FDOUBLE) {
        unsigned n = dt_dr(r), m = dt_dr(r);
        static const uint16_t dd[] = { 0xf000, 0xf001, 0xf002, 0xf003, 0xf004, 0xf005, 0xf00c };
        static const uint16_t d1[] = { 0xf02d, 0xf03d, 0xf04d, 0xf05d, 0xf06d, 0xf0ad, 0xf0bd };
        if (k < 45)
            dt_one(p, dd[dt_below(r, 7)] | (uint16_t)(n << 8 | m << 4));
        else if (k < 65)
            dt_one(p, d1[dt_below(r, 7)] | (uint16_t)(n << 8));
        else if (k < 75)
            dt_one(p, (uint16_t)(dt_below(r, 2) ? 0x405a | dt_reg(r) << 8 : 0x005a | dt_reg(r) << 8));
        else
            dt_gen_int(p, r);
        return;
    }
    unsigned n = dt_fr(r), m = dt_fr(r);
    static const uint16_t ss[] = { 0xf000, 0xf001, 0xf002, 0xf003, 0xf004, 0xf005, 0xf00c, 0xf00e };
    static const uint16_t s1[] = { 0xf00d, 0xf01d, 0xf02d, 0xf03d, 0xf04d, 0xf05d, 0xf06d,
                                   0xf08d, 0xf09d };
    if (k < 40)
        dt_one(p, ss[dt_below(r, 8)] | (uint16_t)(n << 8 | m << 4));
    else if (k < 58)
        dt_one(p, s1[dt_below(r, 9)] | (uint16_t)(n << 8));
    else if (k < 66)
        dt_one(p, 0xfbfd);                                         /* frchg */
    else if (k < 72)
        dt_one(p, (uint16_t)(dt_below(r, 2) ? 0x405a | dt_reg(r) << 8 : 0x005a | dt_reg(r) << 8));
    else if (k < 80)
        dt_fmem(p, r, false);
    else
        dt_gen_int(p, r);
}

/* Fill branch displacements: forward to a unit start, slot = next unit
 * (which must be slot_ok; otherwise the branch becomes a nop). */
static void dt_fix_branches(dt_prog *p)
{
    unsigned pos[DT_MAX_UNITS + 1];
    unsigned a = 0;
    for (unsigned i = 0; i < p->n; i++) {
        pos[i] = a;
        a += 2 * p->u[i].n;
    }
    pos[p->n] = a;
    for (unsigned i = 0; i < p->n; i++) {
        dt_unit *u = &p->u[i];
        if (!u->branch)
            continue;
        bool delayed = u->base != 0x8900 && u->base != 0x8b00;
        unsigned first = i + 1 + (delayed ? 1 : 0);   /* earliest target unit */
        if (delayed && (i + 1 >= p->n || !p->u[i + 1].slot_ok)) {
            u->op[0] = 0x0009;
            continue;
        }
        unsigned t = first + (unsigned)(pos[i] % 3);
        if (t > p->n)
            t = p->n;
        if (t < first)
            t = first;
        int32_t disp = ((int32_t)pos[t] - (int32_t)(pos[i] + 4)) / 2;
        if (disp < 0 || disp > 100) {
            u->op[0] = 0x0009;
            continue;
        }
        u->op[0] = (uint16_t)(u->base | (u->is12 ? (disp & 0xfff) : (disp & 0xff)));
    }
}

/* "nice" float: small integer times a power of two */
static uint32_t dt_nice_f(dt_rng *r)
{
    float v = (float)((int)dt_below(r, 129) - 64) * (float)(1 << dt_below(r, 8)) / 16.0f;
    uint32_t u;
    memcpy(&u, &v, 4);
    return u;
}

static uint64_t dt_nice_d(dt_rng *r)
{
    double v = (double)((int)dt_below(r, 20001) - 10000) * (double)(1 << dt_below(r, 12)) / 64.0;
    uint64_t u;
    memcpy(&u, &v, 8);
    return u;
}

#define DT_INIT_WORDS (1 + 16 + 1 + 16 + 1 + 4 + 14)
#define DT_OUT_WORDS (16 + 5 + 32)

typedef struct dt_case {
    dt_prog prog;
    uint32_t init[DT_INIT_WORDS];
    uint8_t buf[DT_BUF];
} dt_case;

static void dt_generate(dt_case *c, uint32_t seed, dt_mode mode)
{
    dt_rng r = { 0x9e3779b97f4a7c15ull ^ ((uint64_t)seed * 0x100000001b3ull) };
    for (int i = 0; i < 8; i++)
        dt_rand(&r);
    memset(c, 0, sizeof(*c));
    c->prog.mode = mode;
    unsigned units = 40 + dt_below(&r, 60);
    while (c->prog.n < units)
        mode == DT_INT ? dt_gen_int(&c->prog, &r) : dt_gen_fp(&c->prog, &r);
    /* SH4_DIFF_TRUNC=n keeps the first n units (to bisect a mismatch) */
    if (getenv("SH4_DIFF_TRUNC") && strtoul(getenv("SH4_DIFF_TRUNC"), NULL, 0) < c->prog.n)
        c->prog.n = (unsigned)strtoul(getenv("SH4_DIFF_TRUNC"), NULL, 0);
    dt_fix_branches(&c->prog);

    /* DN = 1 only for integer programs: QEMU 7.2 flushes denormal results
     * but not denormal inputs (the manual: both), and FP programs make
     * denormals from integers moved through FPUL */
    uint32_t rm = dt_below(&r, 2), dn = mode == DT_INT ? dt_below(&r, 2) : 0;
    uint32_t base = rm | dn << 18;
    uint32_t fin = base | (mode == DT_FDOUBLE ? SH4_FPSCR_PR : 0) |
                   (mode == DT_FPAIR ? SH4_FPSCR_SZ : 0);
    unsigned w = 0;
    c->init[w++] = base | SH4_FPSCR_FR;
    for (int i = 0; i < 32; i += 2) {     /* XF, then FR after the FPSCR */
        if (i == 16)
            c->init[w++] = base;
        if (mode == DT_FDOUBLE) {
            uint64_t d = dt_nice_d(&r);
            c->init[w++] = (uint32_t)(d >> 32);
            c->init[w++] = (uint32_t)d;
        } else {
            c->init[w++] = dt_nice_f(&r);
            c->init[w++] = dt_nice_f(&r);
        }
    }
    c->init[w++] = fin;
    c->init[w++] = dt_rand(&r);          /* mach */
    c->init[w++] = dt_rand(&r);          /* macl */
    c->init[w++] = dt_rand(&r);          /* pr   */
    c->init[w++] = dt_rand(&r);          /* T in bit 0 */
    for (int i = 0; i < 14; i++) {
        uint32_t v = dt_rand(&r);
        switch (dt_below(&r, 4)) {
        case 0: v &= 0xff; break;
        case 1: v = (uint32_t)(int32_t)(int16_t)v; break;
        default: break;
        }
        c->init[w++] = v;
    }
    /* FPUL holds a nice integer for FLOAT */
    for (int i = 0; i < DT_BUF; i++)
        c->buf[i] = (uint8_t)dt_rand(&r);
    if (mode != DT_INT)
        for (int i = 0; i < DT_BUF; i += 8) {
            uint64_t d = mode == DT_FDOUBLE ? dt_nice_d(&r)
                                            : ((uint64_t)dt_nice_f(&r) << 32 | dt_nice_f(&r));
            memcpy(&c->buf[i], &d, 8);
        }
}

static bool dt_write_source(const dt_case *c, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fprintf(f, "\t.text\n\t.global _start\n_start:\n"
               "\tmov.l 1f,r14\n\tmov.l 2f,r12\n\tbra 3f\n\tnop\n\t.align 2\n"
               "1:\t.long init\n2:\t.long buf\n3:\n"
               "\tldc r12,gbr\n"
               "\tlds.l @r14+,fpscr\n");
    for (int i = 0; i < 16; i++)
        fprintf(f, "\tfmov.s @r14+,fr%d\n", i);
    fprintf(f, "\tlds.l @r14+,fpscr\n");
    for (int i = 0; i < 16; i++)
        fprintf(f, "\tfmov.s @r14+,fr%d\n", i);
    fprintf(f, "\tlds.l @r14+,fpscr\n\tlds.l @r14+,mach\n\tlds.l @r14+,macl\n"
               "\tlds.l @r14+,pr\n\tmov.l @r14+,r0\n\tshlr r0\n"
               "\tmov.l @r14+,r0\n\tlds r0,fpul\n\tadd #-4,r14\n");
    for (int i = 0; i < 14; i++)
        fprintf(f, i == 12 ? "\tadd #4,r14\n" : "\tmov.l @r14+,r%d\n", i);
    fprintf(f, "\t/* body */\n");
    for (unsigned i = 0; i < c->prog.n; i++)
        for (unsigned k = 0; k < c->prog.u[i].n; k++)
            fprintf(f, "\t.short 0x%04x\n", c->prog.u[i].op[k]);
    fprintf(f, "\t/* epilogue: r14 = out */\n");
    for (int i = 0; i < 14; i++)
        fprintf(f, "\tmov.l r%d,@(%d,r14)\n", i, 4 * i);
    fprintf(f, "\tmovt r0\n\tmov.l r0,@(56,r14)\n\tsts mach,r0\n\tmov.l r0,@(60,r14)\n"
               "\tadd #64,r14\n"
               "\tsts macl,r0\n\tmov.l r0,@(0,r14)\n\tsts pr,r0\n\tmov.l r0,@(4,r14)\n"
               "\tstc gbr,r0\n\tmov.l r0,@(8,r14)\n\tsts fpul,r0\n\tmov.l r0,@(12,r14)\n"
               "\tsts fpscr,r0\n\tmov.l r0,@(16,r14)\n\tadd #20,r14\n"
               "\tmov #0,r1\n\tlds r1,fpscr\n");
    for (int i = 0; i < 16; i++)
        fprintf(f, "\tfmov.s fr%d,@r14\n\tadd #4,r14\n", i);
    fprintf(f, "\tmov #0x20,r1\n\tshll16 r1\n\tlds r1,fpscr\n");
    for (int i = 0; i < 16; i++)
        fprintf(f, "\tfmov.s fr%d,@r14\n\tadd #4,r14\n", i);
    fprintf(f, "\tmov #4,r3\n\tmov #1,r4\n\tmov.l 4f,r5\n\tmov.l 5f,r6\n\ttrapa #0x13\n"
               "\tmov #4,r3\n\tmov #1,r4\n\tmov r12,r5\n\tmov.l 6f,r6\n\ttrapa #0x13\n"
               "\tmov #1,r3\n\tmov #0,r4\n\ttrapa #0x13\n"
               "\t.align 2\n4:\t.long out\n5:\t.long %d\n6:\t.long %d\n",
            DT_OUT_WORDS * 4, DT_BUF);
    fprintf(f, "\t.data\n\t.align 3\ninit:\n");
    for (int i = 0; i < DT_INIT_WORDS; i++)
        fprintf(f, "\t.long 0x%08x\n", c->init[i]);
    fprintf(f, "out:\t.space %d\n\t.align 3\nbuf:\n", DT_OUT_WORDS * 4);
    for (int i = 0; i < DT_BUF; i++)
        fprintf(f, "\t.byte 0x%02x\n", c->buf[i]);
    return fclose(f) == 0;
}

/* ---- running on qemu-sh4 ----------------------------------------------------- */

static size_t dt_run_qemu(const char *elf, uint8_t *out, size_t cap)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "timeout 10 %s -cpu sh7750r %s", SH4_DIFF_QEMU, elf);
    FILE *p = popen(cmd, "r");
    if (!p)
        return 0;
    size_t n = fread(out, 1, cap, p);
    int st = pclose(p);
    return st == 0 ? n : 0;
}

/* ---- running on our CPU ---------------------------------------------------- */

#define DT_RAM 0x01000000u
#define DT_VBR 0x80001000u

static bool dt_load_elf(uint8_t *ram, const char *path, uint32_t *entry)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    uint8_t eh[52];
    bool ok = fread(eh, 1, 52, f) == 52 && memcmp(eh, "\177ELF\1\1", 6) == 0;
    uint32_t phoff = 0, phnum = 0, phentsize = 0;
    if (ok) {
        memcpy(entry, eh + 24, 4);
        memcpy(&phoff, eh + 28, 4);
        phentsize = (uint32_t)(eh[42] | eh[43] << 8);
        phnum = (uint32_t)(eh[44] | eh[45] << 8);
    }
    for (uint32_t i = 0; ok && i < phnum; i++) {
        uint32_t ph[8];
        ok = fseek(f, (long)(phoff + i * phentsize), SEEK_SET) == 0 && fread(ph, 4, 8, f) == 8;
        if (!ok || ph[0] != 1)   /* PT_LOAD */
            continue;
        uint32_t off = ph[1], pa = ph[3] & 0x1fffffffu, filesz = ph[4], memsz = ph[5];
        ok = pa + memsz <= DT_RAM;
        if (ok) {
            memset(ram + pa, 0, memsz);
            ok = fseek(f, (long)off, SEEK_SET) == 0 && fread(ram + pa, 1, filesz, f) == filesz;
        }
    }
    fclose(f);
    return ok;
}

static size_t dt_run_ours(const char *elf, uint8_t *out, size_t cap, const char *backend,
                          char *why, size_t why_len)
{
    static sh4_cpu cpu;
    tcg_bus_map map;
    size_t n = 0;
    tcg_bus_map_init(&map);
    uint8_t *ram = tcg_bus_map_add_ram(&map, 0, DT_RAM, NULL);
    uint32_t entry = 0;
    if (!ram || !dt_load_elf(ram, elf, &entry) || !sh4_cpu_init(&cpu, "sh7750", backend)) {
        snprintf(why, why_len, "setup failed");
        tcg_bus_map_destroy(&map);
        return 0;
    }
    sh4_cpu_attach_bus(&cpu, tcg_bus_map_bus(&map));
    cpu.intc_ack_addr = 0;
    if (getenv("SH4_DIFF_1INSN"))
        cpu.common.max_insns_per_tb = 1;
    if (getenv("SH4_DIFF_LOG")) {
        cpu.common.log.mask = (uint32_t)strtoul(getenv("SH4_DIFF_LOG"), NULL, 0);
        cpu.common.log.file = stderr;
    }
    /* park every vector: bra . ; nop */
    for (uint32_t v = 0x100; v <= 0x600; v += 0x100) {
        uint32_t a = (DT_VBR & 0x1fffffffu) + v;
        ram[a] = 0xfe; ram[a + 1] = 0xaf; ram[a + 2] = 0x09; ram[a + 3] = 0x00;
    }
    cpu.vbr = DT_VBR;
    sh4_sr_write(&cpu, 0);   /* user mode, bank 0 */
    cpu.regs[15] = 0x00f00000u;   /* a stack, as the kernel would give one */
    cpu.pc = entry;
    for (int iter = 0; iter < 1000; iter++) {
        tcg_cpu_exec(&cpu.common, 200000);
        if (cpu.pc != DT_VBR + 0x100 && cpu.pc != DT_VBR + 0x400) {
            snprintf(why, why_len, "no system call: pc 0x%08x", cpu.pc);
            break;
        }
        if (cpu.expevt != 0x160 || cpu.tra != 0x13 << 2) {
            snprintf(why, why_len, "exception 0x%03x at 0x%08x", cpu.expevt, cpu.spc);
            break;
        }
        /* the user's r3..r6 are bank 0: the other bank now */
        uint32_t nr = cpu.bank[3], a1 = cpu.bank[4], a2 = cpu.bank[5], a3 = cpu.bank[6];
        if (getenv("SH4_DIFF_LOG"))
            fprintf(stderr, "syscall %u (%u, 0x%x, %u) spc 0x%08x ssr 0x%08x cycles %llu\n", nr, a1, a2, a3,
                    cpu.spc, cpu.ssr, (unsigned long long)cpu.common.cycles);
        if (nr == 1) {
            sh4_cpu_destroy(&cpu);
            tcg_bus_map_destroy(&map);
            return n;
        }
        if (nr != 4 || a1 != 1 || n + a3 > cap) {
            snprintf(why, why_len, "unexpected system call %u", nr);
            break;
        }
        n += tcg_cpu_debug_rw(&cpu.common, a2, out + n, a3, false);
        cpu.bank[0] = a3;
        sh4_sr_write(&cpu, cpu.ssr);
        cpu.pc = cpu.spc;
        /* tcg_cpu_exec keeps the last TB's chain slot across calls, so a PC
         * changed from outside would be chained to the parked TB: flush
         * (reported to the core's owner) */
        tcg_tb_flush(&cpu.common);
    }
    sh4_cpu_destroy(&cpu);
    tcg_bus_map_destroy(&map);
    return 0;
}

/* ---- comparison ------------------------------------------------------------------ */

static const char *dt_word_name(unsigned w, char *buf, size_t len)
{
    static const char *const names[] = { "T", "MACH", "MACL", "PR", "GBR", "FPUL", "FPSCR" };
    if (w < 14)
        snprintf(buf, len, "r%u", w);
    else if (w < 21)
        snprintf(buf, len, "%s", names[w - 14]);
    else if (w < 37)
        snprintf(buf, len, "fr%u", w - 21);
    else if (w < 53)
        snprintf(buf, len, "xf%u", w - 37);
    else
        snprintf(buf, len, "buf+%u", (w - 53) * 4);
    return buf;
}

static bool dt_compare(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
    if (na != nb) {
        printf("  length differs: qemu %zu, ours %zu\n", na, nb);
        return false;
    }
    bool same = true;
    for (size_t i = 0; i + 4 <= na; i += 4) {
        uint32_t x, y;
        memcpy(&x, a + i, 4);
        memcpy(&y, b + i, 4);
        if (x != y) {
            char nm[32];
            printf("  %-8s qemu 0x%08x ours 0x%08x\n", dt_word_name((unsigned)(i / 4), nm, sizeof(nm)),
                   x, y);
            same = false;
        }
    }
    return same;
}

static bool dt_run_case(uint32_t seed, dt_mode mode, const char *dir)
{
    static const char *const mode_names[] = { "int", "fsingle", "fdouble", "fpair" };
    static dt_case c;
    char src[512], elf[512], cmd[1400], why[128] = "";
    static uint8_t q[4096], o[4096];
    dt_generate(&c, seed, mode);
    snprintf(src, sizeof(src), "%s/p%u_%s.S", dir, seed, mode_names[mode]);
    snprintf(elf, sizeof(elf), "%s/p%u_%s.elf", dir, seed, mode_names[mode]);
    if (!dt_write_source(&c, src))
        return false;
    snprintf(cmd, sizeof(cmd), "%s -nostdlib -static -o %s %s", SH4_DIFF_CC, elf, src);
    if (system(cmd) != 0) {
        printf("seed %u %s: build failed\n", seed, mode_names[mode]);
        return false;
    }
    size_t nq = dt_run_qemu(elf, q, sizeof(q));
    if (nq == 0) {
        printf("seed %u %s: qemu-sh4 failed\n", seed, mode_names[mode]);
        return false;
    }
    bool ok = true;
    static const char *const backends[] = { "interp", "jit" };
    for (unsigned b = 0; b < 2; b++) {
        size_t no = dt_run_ours(elf, o, sizeof(o), backends[b], why, sizeof(why));
        if (no == 0 && b == 1 && strcmp(why, "setup failed") == 0)
            continue;   /* no JIT on this host */
        if (no == 0) {
            printf("seed %u %s [%s]: our run failed: %s\n", seed, mode_names[mode], backends[b], why);
            ok = false;
            continue;
        }
        if (!dt_compare(q, nq, o, no)) {
            printf("seed %u %s [%s]: MISMATCH (source %s)\n", seed, mode_names[mode], backends[b],
                   src);
            ok = false;
        }
    }
    if (ok && !getenv("SH4_DIFF_KEEP")) {
        unlink(src);
        unlink(elf);
    }
    return ok;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--run") == 0) {
        /* run one ELF on our CPU and dump what it writes (debugging aid) */
        static uint8_t o[65536];
        char why[128] = "";
        size_t n = dt_run_ours(argv[2], o, sizeof(o), "interp", why, sizeof(why));
        fwrite(o, 1, n, stdout);
        if (!n)
            fprintf(stderr, "sh4_difftest: %s\n", why);
        return n ? 0 : 1;
    }
    uint32_t first = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 1;
    uint32_t count = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 0) : 60;
    char dir[] = "/tmp/sh4diffXXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    unsigned fails = 0, runs = 0;
    for (uint32_t s = first; s < first + count; s++) {
        dt_mode mode = (dt_mode)(s % DT_MODES);
        runs++;
        if (!dt_run_case(s, mode, dir))
            fails++;
    }
    printf("sh4_difftest: %u programs, %u failed (work dir %s)\n", runs, fails, dir);
    if (fails == 0 && !getenv("SH4_DIFF_KEEP"))
        rmdir(dir);
    return fails ? 1 : 0;
}
