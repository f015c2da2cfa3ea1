/*
 * Differential test of the backends through the ARM front end: random
 * sequences of ARM (data processing with every shifter form and condition,
 * multiplies and long multiplies, word/byte/halfword/signed loads and
 * stores with pre/post indexing and writeback) and Thumb instructions
 * (shifts, add/sub, immediate ops, the ALU group, high-register ops, all
 * load/store forms with immediate offsets) run on two ARM926 CPUs, one on
 * the interpreter and one on the JIT, from the same random start state.
 * The program ends in "b ." and both run the same cycle budget; registers,
 * CPSR, memory, cycles and instruction counts must end equal.  Some runs
 * use one-instruction TBs so every instruction boundary is a TB exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "targets/arm/cpu.h"

#define RAM_SIZE  0x40000u
#define CODE      0x1000u
#define DATA_LO   0x10000u
#define DATA_HI   0x30000u
#define DATA_BASE 0x20000u

typedef struct armdiff {
    arm_cpu cpu;
    uint8_t *ram;
} armdiff;

static tcg_bus_status ad_access(void *opaque, uint64_t addr, unsigned size, bool is_write,
                                uint64_t *val, uint64_t insn_cycles, uint64_t *stall)
{
    armdiff *a = opaque;
    *stall = 0;
    if (addr + size > RAM_SIZE)
        return TCG_BUS_DECODE_ERROR;
    if (is_write) {
        for (unsigned i = 0; i < size; i++)
            a->ram[addr + i] = (uint8_t)(*val >> (8 * i));
    } else {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint64_t)a->ram[addr + i] << (8 * i);
        *val = v;
    }
    return TCG_BUS_OK;
}

static bool ad_get_dmi(void *opaque, uint64_t addr, bool for_write, tcg_dmi *out)
{
    armdiff *a = opaque;
    if (addr >= RAM_SIZE)
        return false;
    memset(out, 0, sizeof(*out));
    out->host = a->ram;
    out->start = 0;
    out->end = RAM_SIZE - 1;
    out->can_read = out->can_write = true;
    return true;
}

static uint64_t ad_debug(void *opaque, uint64_t addr, uint8_t *buf, uint64_t len, bool is_write)
{
    armdiff *a = opaque;
    if (addr >= RAM_SIZE)
        return 0;
    if (len > RAM_SIZE - addr)
        len = RAM_SIZE - addr;
    if (is_write)
        memcpy(a->ram + addr, buf, len);
    else
        memcpy(buf, a->ram + addr, len);
    return len;
}

static const tcg_bus_ops ad_bus = { ad_access, ad_get_dmi, ad_debug };

static armdiff *ad_new(const char *backend)
{
    armdiff *a = calloc(1, sizeof(*a));
    if (!a)
        return NULL;
    a->ram = calloc(1, RAM_SIZE);
    if (!a->ram || !arm_cpu_init(&a->cpu, "arm926", backend)) {
        free(a->ram);
        free(a);
        return NULL;
    }
    a->cpu.common.bus.ops = &ad_bus;
    a->cpu.common.bus.opaque = a;
    return a;
}

static void ad_free(armdiff *a)
{
    arm_translate_free(&a->cpu);
    tcg_cpu_destroy(&a->cpu.common);
    free(a->ram);
    free(a);
}

typedef struct rng { uint64_t s; } rng;
static uint32_t rnd(rng *r)
{
    r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(r->s >> 33);
}

static uint32_t interesting(rng *r)
{
    static const uint32_t v[] = { 0, 1, 2, 31, 32, 0x7fffffff, 0x80000000, 0xffffffff, 0xff, 0x100 };
    return rnd(r) % 3 ? v[rnd(r) % 10] : rnd(r);
}

/* a register other than pc and the data base r11 */
static unsigned areg(rng *r)
{
    unsigned x;
    do x = rnd(r) % 15; while (x == 11);
    return x;
}

static uint32_t gen_a32(rng *r)
{
    uint32_t cond = rnd(r) % 4 ? 0xeu : rnd(r) % 15;
    uint32_t c = cond << 28;
    unsigned k = rnd(r) % 10;
    if (k < 6) {                                  /* data processing */
        uint32_t op = rnd(r) % 16, s = rnd(r) % 2;
        if (op >= 8 && op <= 11)
            s = 1;                                /* TST/TEQ/CMP/CMN */
        uint32_t rn = rnd(r) % 16, rd = areg(r);
        uint32_t operand;
        switch (rnd(r) % 3) {
        case 0: operand = (1u << 25) | (rnd(r) % 16) << 8 | (rnd(r) & 0xff); break;
        case 1: operand = (rnd(r) % 32) << 7 | (rnd(r) % 4) << 5 | (rnd(r) % 16); break;
        default: operand = (uint32_t)areg(r) << 8 | (rnd(r) % 4) << 5 | 1u << 4 | areg(r); break;
        }
        if ((operand & (1u << 4)) && !(operand & (1u << 25)) && rn == 15)
            rn = 0;                               /* pc with a register shift: unpredictable */
        return c | op << 21 | s << 20 | rn << 16 | rd << 12 | operand;
    }
    if (k < 7) {                                  /* multiplies */
        uint32_t s = rnd(r) % 2, rm = areg(r), rs = areg(r), rd, rn;
        do rd = areg(r); while (rd == rm);
        do rn = areg(r); while (rn == rd || rn == rm);
        switch (rnd(r) % 3) {
        case 0: return c | s << 20 | rd << 16 | rs << 8 | 0x90u | rm;                     /* MUL */
        case 1: return c | 1u << 21 | s << 20 | rd << 16 | rn << 12 | rs << 8 | 0x90u | rm; /* MLA */
        default: return c | (0x8u + rnd(r) % 4) << 21 | s << 20 | rd << 16 | rn << 12 | rs << 8 | 0x90u | rm;
        }
    }
    /* loads/stores off r11 */
    uint32_t rt = areg(r), p = rnd(r) % 2, u = rnd(r) % 2, w = rnd(r) % 4 == 0;
    if (!p)
        w = 0;                                     /* post-index always writes back */
    if (rnd(r) % 2) {                              /* word / byte, immediate offset */
        uint32_t l = rnd(r) % 2, b = rnd(r) % 2;
        return c | 1u << 26 | p << 24 | u << 23 | b << 22 | w << 21 | l << 20 | 11u << 16 | rt << 12 |
               (rnd(r) & 0xffu);
    }
    /* halfword / signed: LDRH STRH LDRSB LDRSH */
    static const uint32_t kinds[4][2] = { { 1, 0xb }, { 0, 0xb }, { 1, 0xd }, { 1, 0xf } };
    unsigned kk = rnd(r) % 4;
    uint32_t off = rnd(r) & 0xffu;
    return c | p << 24 | u << 23 | 1u << 22 | w << 21 | kinds[kk][0] << 20 | 11u << 16 | rt << 12 |
           (off >> 4) << 8 | kinds[kk][1] << 4 | (off & 15u);
}

/* Thumb: r7 is the data base */
static unsigned treg(rng *r) { return rnd(r) % 7; }

static uint16_t gen_t16(rng *r)
{
    unsigned k = rnd(r) % 9;
    switch (k) {
    case 0: return (uint16_t)((rnd(r) % 3) << 11 | (rnd(r) % 32) << 6 | treg(r) << 3 | treg(r));
    case 1: return (uint16_t)(0x1800u | (rnd(r) % 4) << 9 | (rnd(r) % 8) << 6 | treg(r) << 3 | treg(r));
    case 2: return (uint16_t)(0x2000u | (rnd(r) % 4) << 11 | treg(r) << 8 | (rnd(r) & 0xffu));
    case 3: case 4: return (uint16_t)(0x4000u | (rnd(r) % 16) << 6 | treg(r) << 3 | treg(r));
    case 5: {                                      /* ADD/CMP/MOV with high registers, no pc dest */
        unsigned op = rnd(r) % 3, rm = rnd(r) % 15, rd;
        do rd = rnd(r) % 15; while (rd == 7 || rd == 13 || (rd < 8 && (rm < 8) && op != 1));
        if (rm == 13 || rm == 7)
            rm = 6;
        if (rd < 8 && rm < 8)
            rm += 8;
        if (rm == 13 || rm == 15)
            rm = 12;
        return (uint16_t)(0x4400u | op << 8 | (rd >> 3) << 7 | rm << 3 | (rd & 7u));
    }
    case 6: return (uint16_t)(0x6000u | (rnd(r) % 2) << 11 | (rnd(r) % 32) << 6 | 7u << 3 | treg(r)); /* STR/LDR word */
    case 7: return (uint16_t)(0x7000u | (rnd(r) % 2) << 11 | (rnd(r) % 32) << 6 | 7u << 3 | treg(r)); /* byte */
    default: return (uint16_t)(0x8000u | (rnd(r) % 2) << 11 | (rnd(r) % 32) << 6 | 7u << 3 | treg(r)); /* half */
    }
}

typedef struct state {
    uint32_t regs[16], cpsr;
    uint64_t cycles, icount;
} state;

static void setup(armdiff *a, rng *r, bool thumb, const uint32_t *regs, uint32_t nzcvq,
                  const uint8_t *data, uint32_t tb_insns)
{
    arm_cpu *c = &a->cpu;
    memcpy(a->ram + DATA_LO, data, DATA_HI - DATA_LO);
    for (uint32_t v = 0; v < 0x20; v += 4) {
        uint32_t b = 0xeafffffe;
        memcpy(a->ram + v, &b, 4);
    }
    memcpy(c->regs, regs, sizeof(c->regs));
    c->regs[11] = DATA_BASE;
    c->regs[7] = thumb ? DATA_BASE : c->regs[7];
    c->regs[15] = CODE;
    arm_cpsr_write(c, nzcvq, ARM_CPSR_NZCV | ARM_CPSR_Q);
    c->cpsr_rest = (c->cpsr_rest & ~ARM_CPSR_T) | (thumb ? ARM_CPSR_T : 0);
    c->common.max_insns_per_tb = tb_insns;
    c->common.cycles = c->common.icount = 0;
    tcg_tb_flush(&c->common);
}

static void capture(armdiff *a, state *s)
{
    memset(s, 0, sizeof(*s));                     /* padding takes part in memcmp */
    memcpy(s->regs, a->cpu.regs, sizeof(s->regs));
    s->cpsr = arm_cpsr_read(&a->cpu);
    s->cycles = a->cpu.common.cycles;
    s->icount = a->cpu.common.icount;
}

static void run_diff(bool thumb, unsigned iters, unsigned *checked, bool *ok)
{
    armdiff *ai = ad_new("interp"), *aj = ad_new("jit");
    uint8_t *data = malloc(DATA_HI - DATA_LO);
    *ok = ai && aj && data;
    if (!*ok)
        return;
    for (unsigned it = 0; it < iters && *ok; it++) {
        rng r = { 0x9e3779b97f4a7c15ull * (it + 1) + (thumb ? 77 : 0) };
        unsigned n = 4 + rnd(&r) % 60;
        for (armdiff *a = ai;; a = aj) {
            rng rc = r;
            if (thumb) {
                for (unsigned i = 0; i < n; i++) {
                    uint16_t h = gen_t16(&rc);
                    memcpy(a->ram + CODE + 2 * i, &h, 2);
                }
                uint16_t term = 0xe7fe;
                memcpy(a->ram + CODE + 2 * n, &term, 2);
            } else {
                for (unsigned i = 0; i < n; i++) {
                    uint32_t w = gen_a32(&rc);
                    memcpy(a->ram + CODE + 4 * i, &w, 4);
                }
                uint32_t term = 0xeafffffe;
                memcpy(a->ram + CODE + 4 * n, &term, 4);
            }
            if (a == aj) {
                r = rc;
                break;
            }
        }
        uint32_t regs[16];
        for (int i = 0; i < 16; i++)
            regs[i] = interesting(&r);
        uint32_t nzcvq = rnd(&r) & 0xf8000000u;
        for (uint32_t i = 0; i < DATA_HI - DATA_LO; i += 4) {
            uint32_t v = rnd(&r);
            memcpy(data + i, &v, 4);
        }
        uint32_t tb_insns = rnd(&r) % 4 == 0 ? 1 : 0;
        uint64_t budget = 200 + rnd(&r) % 800;
        state si, sj;
        setup(ai, &r, thumb, regs, nzcvq, data, tb_insns);
        setup(aj, &r, thumb, regs, nzcvq, data, tb_insns);
        tcg_exit_reason ri = tcg_cpu_exec(&ai->cpu.common, budget);
        tcg_exit_reason rj = tcg_cpu_exec(&aj->cpu.common, budget);
        capture(ai, &si);
        capture(aj, &sj);
        bool same = ri == rj && memcmp(&si, &sj, sizeof(si)) == 0 &&
                    memcmp(ai->ram + DATA_LO, aj->ram + DATA_LO, DATA_HI - DATA_LO) == 0;
        if (!same) {
            fprintf(stderr, "%s program %u (%u insns, tb_insns %u) differs:\n", thumb ? "Thumb" : "ARM",
                    it, n, tb_insns);
            for (unsigned i = 0; i < n; i++) {
                char buf[96] = "";
                uint32_t pc = CODE + (thumb ? 2 : 4) * i;
                aj->cpu.common.target->disas(&aj->cpu.common, pc, thumb ? ARM_TBFLAG_THUMB : 0, buf, sizeof(buf));
                fprintf(stderr, "  %08x: %s\n", pc, buf);
            }
            for (int i = 0; i < 16; i++)
                fprintf(stderr, "  r%-2d %08x %08x%s\n", i, si.regs[i], sj.regs[i],
                        si.regs[i] != sj.regs[i] ? "  <--" : "");
            fprintf(stderr, "  cpsr %08x %08x  cycles %llu %llu  icount %llu %llu\n", si.cpsr, sj.cpsr,
                    (unsigned long long)si.cycles, (unsigned long long)sj.cycles,
                    (unsigned long long)si.icount, (unsigned long long)sj.icount);
            *ok = false;
            break;
        }
        (*checked)++;
    }
    free(data);
    ad_free(ai);
    ad_free(aj);
}

CTEST(tcg_jit_arm, random_a32_same_as_interpreter)
{
    unsigned checked = 0;
    bool ok = false;
    run_diff(false, 1500, &checked, &ok);
    CT_EXPECT_TRUE(ok);
    CT_EXPECT_EQ(checked, 1500u);
}

CTEST(tcg_jit_arm, random_t16_same_as_interpreter)
{
    unsigned checked = 0;
    bool ok = false;
    run_diff(true, 1500, &checked, &ok);
    CT_EXPECT_TRUE(ok);
    CT_EXPECT_EQ(checked, 1500u);
}
