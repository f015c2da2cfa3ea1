/*
 * alu_flags: NZCV after the flag-setting data-processing instructions
 * (ADDS ADCS SUBS SBCS RSBS RSCS CMP CMN TST TEQ ANDS ORRS EORS BICS MVNS)
 * over a grid of boundary operands and both carry-in values.  Every line
 * is printed (the golden file compares them all) and the result and
 * flags of each arithmetic op are also checked against a C model of
 * ARM DDI 0100I A4.1 (carry = unsigned carry out / NOT borrow, overflow
 * = signed overflow).
 */
#include "fw.h"

static const uint32_t vals[] = { 0, 1, 2, 0x7fffffffu, 0x80000000u,
                                 0x80000001u, 0xfffffffeu, 0xffffffffu,
                                 0x12345678u };
#define NV (sizeof vals / sizeof vals[0])

#define ARITH(name, insn)                                                     \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t cin, uint32_t *f)  \
    {                                                                         \
        uint32_t r, fl;                                                       \
        __asm__ volatile("msr cpsr_f, %[c]\n\t" insn " %[r], %[a], %[b]\n\t"  \
                         "mrs %[f], cpsr"                                     \
                         : [r] "=&r"(r), [f] "=&r"(fl)                        \
                         : [a] "r"(a), [b] "r"(b), [c] "r"(cin << 29)         \
                         : "cc");                                             \
        *f = fl >> 28;                                                        \
        return r;                                                             \
    }
ARITH(do_adds, "adds")
ARITH(do_adcs, "adcs")
ARITH(do_subs, "subs")
ARITH(do_sbcs, "sbcs")
ARITH(do_rsbs, "rsbs")
ARITH(do_rscs, "rscs")
ARITH(do_ands, "ands")
ARITH(do_orrs, "orrs")
ARITH(do_eors, "eors")
ARITH(do_bics, "bics")

#define CMPOP(name, insn)                                                     \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t cin)               \
    {                                                                         \
        uint32_t fl;                                                          \
        __asm__ volatile("msr cpsr_f, %[c]\n\t" insn " %[a], %[b]\n\t"        \
                         "mrs %[f], cpsr"                                     \
                         : [f] "=&r"(fl)                                      \
                         : [a] "r"(a), [b] "r"(b), [c] "r"(cin << 29)         \
                         : "cc");                                             \
        return fl >> 28;                                                      \
    }
CMPOP(do_cmp, "cmp")
CMPOP(do_cmn, "cmn")
CMPOP(do_tst, "tst")
CMPOP(do_teq, "teq")

/* C model: a + b + c with NZCV. */
static uint32_t model_add(uint32_t a, uint32_t b, uint32_t c, uint32_t *f)
{
    uint64_t u = (uint64_t)a + b + c;
    int64_t s = (int64_t)(int32_t)a + (int32_t)b + (int64_t)c;
    uint32_t r = (uint32_t)u;
    *f = ((r >> 31) << 3) | ((r == 0) << 2) | ((uint32_t)(u >> 32) << 1) |
         (s != (int32_t)r);
    return r;
}

typedef uint32_t (*arith_fn)(uint32_t, uint32_t, uint32_t, uint32_t *);

static void table(const char *name, arith_fn fn, int kind)
{
    unsigned bad = 0;
    for (uint32_t cin = 0; cin < 2; cin++) {
        for (unsigned i = 0; i < NV; i++) {
            fw_printf("%s c%u %08x:", name, cin, vals[i]);
            for (unsigned j = 0; j < NV; j++) {
                uint32_t f, mf, r = fn(vals[i], vals[j], cin, &f), m;
                fw_printf(" %08x/%x", r, f);
                switch (kind) {
                case 0: m = model_add(vals[i], vals[j], 0, &mf); break;
                case 1: m = model_add(vals[i], vals[j], cin, &mf); break;
                case 2: m = model_add(vals[i], ~vals[j], 1, &mf); break;
                case 3: m = model_add(vals[i], ~vals[j], cin, &mf); break;
                case 4: m = model_add(vals[j], ~vals[i], 1, &mf); break;
                case 5: m = model_add(vals[j], ~vals[i], cin, &mf); break;
                default: m = r; mf = f; break;
                }
                if (m != r || mf != f)
                    bad++;
            }
            fw_putc('\n');
        }
    }
    FW_CHECK(name, bad, 0);
}

int main(void)
{
    table("adds", do_adds, 0);
    table("adcs", do_adcs, 1);
    table("subs", do_subs, 2);
    table("sbcs", do_sbcs, 3);
    table("rsbs", do_rsbs, 4);
    table("rscs", do_rscs, 5);
    table("ands", do_ands, 9);
    table("orrs", do_orrs, 9);
    table("eors", do_eors, 9);
    table("bics", do_bics, 9);

    /* CMP/CMN/TST/TEQ set exactly the flags of SUBS/ADDS/ANDS/EORS. */
    unsigned bad = 0;
    for (uint32_t cin = 0; cin < 2; cin++)
        for (unsigned i = 0; i < NV; i++)
            for (unsigned j = 0; j < NV; j++) {
                uint32_t f, a = vals[i], b = vals[j];
                do_subs(a, b, cin, &f);
                bad += do_cmp(a, b, cin) != f;
                do_adds(a, b, cin, &f);
                bad += do_cmn(a, b, cin) != f;
                do_ands(a, b, cin, &f);
                bad += do_tst(a, b, cin) != f;
                do_eors(a, b, cin, &f);
                bad += do_teq(a, b, cin) != f;
            }
    FW_CHECK("cmp/cmn/tst/teq match", bad, 0);

    /* Logical ops with an immediate keep C (rotate 0) or take bit 31
     * of the rotated constant (ARM DDI 0100I A5.1.3). */
    uint32_t f;
    __asm__ volatile("msr cpsr_f, %1\n ands %0, %0, #0xff\n mrs %0, cpsr"
                     : "=&r"(f) : "r"(1u << 29), "0"(0x100u) : "cc");
    FW_CHECK("ands #0xff keeps C (Z=1,C=1)", f >> 28, 0x6);
    __asm__ volatile("msr cpsr_f, %1\n movs %0, #0xf0000000\n mrs %0, cpsr"
                     : "=&r"(f) : "r"(0u) : "cc");
    FW_CHECK("movs #0xf0000000 sets C from bit 31 (N=1,C=1)", f >> 28, 0xa);
    __asm__ volatile("msr cpsr_f, %1\n mvns %0, #0\n mrs %0, cpsr"
                     : "=&r"(f) : "r"(0x30000000u) : "cc");
    FW_CHECK("mvns #0 keeps C,V (N=1,C=1,V=1)", f >> 28, 0xb);
    return fw_done();
}
