// main() for test binaries that link libsystemc: ours must win over the
// library's, and the library still needs an sc_main symbol to link.
#include <gtest/gtest.h>
#include <systemc>

void ctest_register_all();

int sc_main(int, char **)
{
    return 0;  // never called: tests drive sc_start() themselves
}

int main(int argc, char **argv)
{
    testing::InitGoogleTest(&argc, argv);
    ctest_register_all();
    return RUN_ALL_TESTS();
}
