/*
 * libFuzzer target for the GDB stub (packet parser + protocol state
 * machine + fake machine).  Built only with clang (target gdb_fuzz, not
 * part of ctest):  ninja gdb_fuzz && bin/gdb_fuzz tests/gdb/corpus
 * An invariant violation aborts so libFuzzer saves the input.
 */
#include <stdlib.h>

#include "fuzz_entry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (gdb_fuzz_one(data, size) != 0)
        abort();
    return 0;
}
