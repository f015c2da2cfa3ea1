// Registers every CTEST case (C, in the "ctest_cases" section) with GoogleTest.
#include <gtest/gtest.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "ctest.h"

extern "C" {
extern const ctest_case __start_ctest_cases[] __attribute__((weak));
extern const ctest_case __stop_ctest_cases[] __attribute__((weak));

void ctest_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ADD_FAILURE_AT(file, line) << msg;
}

bool ctest_streq(const char *a, const char *b)
{
    return a && b && std::strcmp(a, b) == 0;
}
}

namespace {
class CTestCase : public testing::Test {
public:
    explicit CTestCase(void (*fn)()) : fn_(fn) {}
    void TestBody() override { fn_(); }

private:
    void (*fn_)();
};
} // namespace

// Called from each test binary's main() before RUN_ALL_TESTS().
void ctest_register_all()
{
    if (!__start_ctest_cases)
        return;
    for (const ctest_case *c = __start_ctest_cases; c < __stop_ctest_cases; ++c) {
        void (*fn)() = c->fn;
        testing::RegisterTest(c->suite, c->name, nullptr, nullptr, c->file, c->line,
                              [fn]() -> testing::Test * { return new CTestCase(fn); });
    }
}
