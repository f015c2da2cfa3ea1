/*
 * qsort: a generic quicksort (median of three, function-pointer
 * comparator, byte-wise swaps of arbitrary element sizes) sorting ints,
 * structs by two keys and strings; checks order and that the multiset of
 * keys is preserved.
 */
#include "fw.h"

typedef int (*cmp_fn)(const void *, const void *);

static void swap_bytes(uint8_t *a, uint8_t *b, size_t n)
{
    while (n--) {
        uint8_t t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

static void my_qsort(void *base, size_t n, size_t sz, cmp_fn cmp)
{
    uint8_t *a = base;
    while (n > 1) {
        size_t mid = n / 2;
        if (cmp(a + mid * sz, a) < 0) swap_bytes(a + mid * sz, a, sz);
        if (cmp(a + (n - 1) * sz, a) < 0) swap_bytes(a + (n - 1) * sz, a, sz);
        if (cmp(a + (n - 1) * sz, a + mid * sz) < 0) swap_bytes(a + (n - 1) * sz, a + mid * sz, sz);
        swap_bytes(a + mid * sz, a + (n - 1) * sz, sz);   /* pivot at end */
        uint8_t *p = a + (n - 1) * sz;
        size_t store = 0;
        for (size_t i = 0; i < n - 1; i++)
            if (cmp(a + i * sz, p) < 0)
                swap_bytes(a + i * sz, a + store++ * sz, sz);
        swap_bytes(a + store * sz, p, sz);
        /* recurse on the smaller part, loop on the larger */
        if (store < n - store - 1) {
            my_qsort(a, store, sz, cmp);
            a += (store + 1) * sz;
            n -= store + 1;
        } else {
            my_qsort(a + (store + 1) * sz, n - store - 1, sz, cmp);
            n = store;
        }
    }
}

static int cmp_int(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return a < b ? -1 : a > b;
}

typedef struct rec { uint16_t key; uint8_t tag; char name[5]; } rec;

static int cmp_rec(const void *x, const void *y)
{
    const rec *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (int)a->tag - (int)b->tag;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int32_t ints[500];
static rec recs[200];

int main(void)
{
    uint32_t s = 12345, sum_before = 0, sum_after = 0;
    for (int i = 0; i < 500; i++) {
        s = s * 69069u + 1u;
        ints[i] = (int32_t)s >> 12;
        sum_before += (uint32_t)ints[i];
    }
    my_qsort(ints, 500, sizeof ints[0], cmp_int);
    int ok = 1;
    for (int i = 0; i < 500; i++) {
        sum_after += (uint32_t)ints[i];
        if (i && ints[i - 1] > ints[i])
            ok = 0;
    }
    fw_printf("ints: min %d q1 %d median %d q3 %d max %d\n", ints[0], ints[125], ints[250],
              ints[375], ints[499]);
    FW_CHECK("ints ordered", ok, 1);
    FW_CHECK("ints preserved", sum_after, sum_before);

    for (int i = 0; i < 200; i++) {
        s = s * 69069u + 1u;
        recs[i].key = (uint16_t)(s >> 28);
        recs[i].tag = (uint8_t)(s >> 8);
        fw_snprintf(recs[i].name, sizeof recs[i].name, "r%03d", i);
    }
    my_qsort(recs, 200, sizeof recs[0], cmp_rec);
    ok = 1;
    for (int i = 1; i < 200; i++)
        if (cmp_rec(&recs[i - 1], &recs[i]) > 0)
            ok = 0;
    fw_printf("recs:");
    for (int i = 0; i < 200; i += 20)
        fw_printf(" %u/%u/%s", recs[i].key, recs[i].tag, recs[i].name);
    fw_putc('\n');
    FW_CHECK("records ordered", ok, 1);

    const char *words[] = { "versatile", "arm926", "thumb", "semihosting", "vic", "sp804",
                            "pl011", "mmu", "abort", "interrupt", "banked", "cp15" };
    my_qsort(words, 12, sizeof words[0], cmp_str);
    for (int i = 0; i < 12; i++)
        fw_printf("%s%s", words[i], i == 11 ? "\n" : " ");
    FW_CHECK("first word", strcmp(words[0], "abort"), 0);
    return fw_done();
}
