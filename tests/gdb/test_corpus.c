/*
 * Replays the fuzz corpus (tests/gdb/corpus/) through the same entry the
 * libFuzzer target uses, plus a bounded deterministic mutation run, so
 * every ctest run re-checks that no input crashes the stub or breaks its
 * invariants (see fuzz_entry.h for the codes).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "fuzz_entry.h"

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            uint8_t *nb = realloc(buf, cap);
            if (!nb)
                break;
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return buf;
}

CTEST(gdb_fuzz, corpus_replay)
{
    DIR *d = opendir(GDB_CORPUS_DIR);
    CT_ASSERT_TRUE(d != NULL);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", GDB_CORPUS_DIR, e->d_name);
        size_t len = 0;
        uint8_t *buf = slurp(path, &len);
        CT_ASSERT_TRUE(buf != NULL);
        int rc = gdb_fuzz_one(buf, len);
        CT_EXPECT_EQ(rc, 0);
        if (rc)
            ctest_fail(__FILE__, __LINE__, "corpus file %s violates invariant %d", e->d_name, rc);
        free(buf);
        files++;
    }
    closedir(d);
    CT_EXPECT_TRUE(files >= 10);
}

/* Bounded, deterministic mutations of the corpus: byte flips, inserted
 * frame characters, truncations, splices. */
CTEST(gdb_fuzz, deterministic_mutations)
{
    DIR *d = opendir(GDB_CORPUS_DIR);
    CT_ASSERT_TRUE(d != NULL);
    uint32_t x = 12345;
    static const uint8_t specials[] = { '$', '#', '}', '*', '+', '-', 0x03, ',', ':', ';', 0 };
    struct dirent *e;
    int runs = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", GDB_CORPUS_DIR, e->d_name);
        size_t len = 0;
        uint8_t *buf = slurp(path, &len);
        CT_ASSERT_TRUE(buf != NULL && len > 0);
        uint8_t *mut = malloc(len + 64);
        for (int i = 0; i < 60; i++) {
            memcpy(mut, buf, len);
            size_t n = len;
            for (int k = 0; k < 1 + i % 6; k++) {
                x = x * 1103515245u + 12345u;
                size_t pos = (x >> 8) % n;
                switch ((x >> 4) % 4) {
                case 0: mut[pos] ^= (uint8_t)(1u << (x % 8)); break;
                case 1: mut[pos] = specials[(x >> 12) % sizeof specials]; break;
                case 2: n = pos + 1; break;
                default: mut[pos] = (uint8_t)(x >> 16); break;
                }
            }
            int rc = gdb_fuzz_one(mut, n);
            if (rc)
                ctest_fail(__FILE__, __LINE__, "mutation %d of %s violates invariant %d", i, e->d_name, rc);
            runs++;
        }
        free(mut);
        free(buf);
    }
    closedir(d);
    CT_EXPECT_TRUE(runs >= 600);
}
