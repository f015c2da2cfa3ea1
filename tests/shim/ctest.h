/*
 * C test shim: write test bodies in C, run them under GoogleTest.
 *
 *   #include "ctest.h"
 *   CTEST(pl011, reset_values) {
 *       CT_EXPECT_EQ(pl011_read(...), 0x300);
 *       CT_ASSERT_TRUE(ok);          // returns from the test on failure
 *   }
 *
 * Each CTEST places a descriptor in the "ctest_cases" linker section; the
 * C++ side (ctest_gtest.cc) walks that section at start-up and registers
 * every case with GoogleTest, so ctest/gtest filters, XML output and
 * gtest_discover_tests all work.  Test objects must be linked directly
 * (not from a static archive) or the linker drops their sections.
 */
#ifndef TESTS_CTEST_H
#define TESTS_CTEST_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ctest_case {
    const char *suite;
    const char *name;
    void (*fn)(void);
    const char *file;
    int line;
} ctest_case;

/* Record a failure at file:line (non-fatal: the caller decides to return). */
void ctest_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define CTEST(suite, name)                                                         \
    static void ctest_fn_##suite##_##name(void);                                   \
    __attribute__((used, section("ctest_cases"), aligned(sizeof(void *))))         \
    static const ctest_case ctest_desc_##suite##_##name = {                        \
        #suite, #name, ctest_fn_##suite##_##name, __FILE__, __LINE__ };            \
    static void ctest_fn_##suite##_##name(void)

#define CT_CHECK_(cond, fatal, ...)                                                \
    do { if (!(cond)) { ctest_fail(__FILE__, __LINE__, __VA_ARGS__);               \
                        if (fatal) return; } } while (0)

#define CT_CMP_(a, op, b, fatal) do {                                              \
        unsigned long long ct_a_ = (unsigned long long)(a);                       \
        unsigned long long ct_b_ = (unsigned long long)(b);                       \
        CT_CHECK_(ct_a_ op ct_b_, fatal, "%s %s %s: 0x%llx vs 0x%llx",             \
                  #a, #op, #b, ct_a_, ct_b_); } while (0)

#define CT_EXPECT_TRUE(c)   CT_CHECK_((c), 0, "expected true: %s", #c)
#define CT_ASSERT_TRUE(c)   CT_CHECK_((c), 1, "expected true: %s", #c)
#define CT_EXPECT_FALSE(c)  CT_CHECK_(!(c), 0, "expected false: %s", #c)
#define CT_ASSERT_FALSE(c)  CT_CHECK_(!(c), 1, "expected false: %s", #c)
#define CT_EXPECT_EQ(a, b)  CT_CMP_(a, ==, b, 0)
#define CT_ASSERT_EQ(a, b)  CT_CMP_(a, ==, b, 1)
#define CT_EXPECT_NE(a, b)  CT_CMP_(a, !=, b, 0)
#define CT_ASSERT_NE(a, b)  CT_CMP_(a, !=, b, 1)
#define CT_EXPECT_STREQ(a, b) CT_CHECK_(ctest_streq((a), (b)), 0, "%s == %s: \"%s\" vs \"%s\"", #a, #b, (a), (b))
#define CT_ASSERT_STREQ(a, b) CT_CHECK_(ctest_streq((a), (b)), 1, "%s == %s: \"%s\" vs \"%s\"", #a, #b, (a), (b))

bool ctest_streq(const char *a, const char *b);

#ifdef __cplusplus
}
#endif

#endif
