/*
 * One fuzz input through the whole stub: the libFuzzer target
 * (fuzz_packet.c) and the corpus replay test (test_corpus.c) share it.
 */
#ifndef TESTS_GDB_FUZZ_ENTRY_H
#define TESTS_GDB_FUZZ_ENTRY_H

#include <stddef.h>
#include <stdint.h>

/* Returns 0, or a non-zero code naming the violated invariant:
 * 1 the stub wrote a frame with a bad checksum or framing,
 * 2 a CPU was told to run while the stub said nothing runs,
 * 3 the fake machine holds more breakpoints than the stub allows. */
int gdb_fuzz_one(const uint8_t *data, size_t len);

#endif
