// main() for C test binaries without SystemC.  Binaries that link
// libsystemc use tests/shim/ctest_main_sc.cc instead (libsystemc brings
// its own main() and needs an sc_main symbol).
#include <gtest/gtest.h>

void ctest_register_all();

int main(int argc, char **argv)
{
    testing::InitGoogleTest(&argc, argv);
    ctest_register_all();
    return RUN_ALL_TESTS();
}
