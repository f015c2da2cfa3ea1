/*
 * Test fixture for ARM instruction tests: a real arm_cpu (ARM926EJ-S,
 * interpreter backend) on a plain RAM bus, with a tiny program loader and
 * a run-until-idle driver.
 *
 *   armfix *f = armfix_new();
 *   static const uint32_t code[] = { 0xe3a00001 };   // mov r0, #1
 *   armfix_a32(f, code, 1);
 *   CT_ASSERT_TRUE(armfix_run(f));                   // reached the end
 *   CT_EXPECT_EQ(f->cpu.regs[0], 1);
 *   armfix_free(f);
 *
 * Layout: RAM [0, ARMFIX_RAM_SIZE); every exception vector holds "b ." so
 * an exception parks the pc at its vector; programs load at ARMFIX_CODE
 * and are followed by a "b ." terminator (ARM or Thumb) at armfix_end().
 * armfix_run() spends a fixed cycle budget, so a program that loops
 * forever still returns; it reports whether the pc sits on the terminator.
 * The CPU starts in SVC mode, ARM state, flags clear.
 */
#ifndef TESTS_ARM_FIXTURE_H
#define TESTS_ARM_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctest.h"
#include "targets/arm/cpu.h"

#define ARMFIX_RAM_SIZE 0x40000u
#define ARMFIX_CODE     0x1000u
#define ARMFIX_DATA     0x8000u
#define ARMFIX_STACK    0x20000u

typedef struct armfix {
    arm_cpu cpu;
    uint8_t *ram;
    uint32_t end;           /* address of the terminator */
    uint64_t bus_accesses;  /* slow-path (non-DMI) accesses seen */
} armfix;

armfix *armfix_new(void);
void armfix_free(armfix *f);
/* Limit TBs to n instructions (1 exercises every TB boundary path). */
void armfix_set_tb_insns(armfix *f, uint32_t n);

/* Load a program at ARMFIX_CODE (plus terminator) and point the pc at it. */
void armfix_a32(armfix *f, const uint32_t *code, size_t n);
void armfix_t16(armfix *f, const uint16_t *code, size_t n);
/* Same at an arbitrary address (no terminator, state unchanged). */
void armfix_put32(armfix *f, uint32_t addr, const uint32_t *code, size_t n);
void armfix_put16(armfix *f, uint32_t addr, const uint16_t *code, size_t n);

/* Run a fixed budget; true if the pc ended on the terminator. */
bool armfix_run(armfix *f);

uint32_t armfix_rd32(armfix *f, uint32_t addr);
void armfix_wr32(armfix *f, uint32_t addr, uint32_t v);
uint8_t armfix_rd8(armfix *f, uint32_t addr);

/* CPSR helpers: NZCV as a 4-bit value (N = 8, Z = 4, C = 2, V = 1). */
void armfix_set_nzcv(armfix *f, unsigned nzcv);
unsigned armfix_nzcv(armfix *f);
uint32_t armfix_cpsr(armfix *f);
uint32_t armfix_mode(armfix *f);
bool armfix_thumb(armfix *f);

/* A test body run twice: with normal TBs and with one-instruction TBs
 * (every TB exit path), each on a fresh fixture `f`. */
#define ARMFIX_TEST(suite, name)                                                   \
    static void armfix_body_##suite##_##name(armfix *f);                           \
    CTEST(suite, name) {                                                           \
        armfix *f = armfix_new();                                                  \
        CT_ASSERT_TRUE(f != NULL);                                                 \
        armfix_body_##suite##_##name(f);                                           \
        armfix_free(f);                                                            \
    }                                                                              \
    CTEST(suite, name##_1insn) {                                                   \
        armfix *f = armfix_new();                                                  \
        CT_ASSERT_TRUE(f != NULL);                                                 \
        armfix_set_tb_insns(f, 1);                                                 \
        armfix_body_##suite##_##name(f);                                           \
        armfix_free(f);                                                            \
    }                                                                              \
    static void armfix_body_##suite##_##name(armfix *f)

/* Load an inline A32 / Thumb program: A32(f, 0xe3a00001, ...) */
#define A32(f, ...) do { static const uint32_t c_[] = { __VA_ARGS__ };            \
        armfix_a32((f), c_, sizeof(c_) / sizeof(c_[0])); } while (0)
#define T16(f, ...) do { static const uint16_t c_[] = { __VA_ARGS__ };            \
        armfix_t16((f), c_, sizeof(c_) / sizeof(c_[0])); } while (0)

#endif
