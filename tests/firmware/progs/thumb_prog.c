/*
 * thumb_prog: a whole program compiled with -mthumb (Thumb-1 on ARMv5T):
 * insertion sort and heap sort of LCG data, bitwise CRC-32, string
 * functions (reverse, itoa/atoi round trip, a word count), a switch
 * compiled to a table, division through libgcc's Thumb helpers, and a
 * semihosting exit through the Thumb SWI 0xAB.  The library it links is
 * ARM code, so every call into it interworks.
 */
#include "fw.h"

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static void insertion_sort(uint32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        uint32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void sift(int32_t *a, int start, int end)
{
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1;
        if (child + 1 <= end && a[child] < a[child + 1])
            child++;
        if (a[root] >= a[child])
            return;
        int32_t t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void heap_sort(int32_t *a, int n)
{
    for (int s = (n - 2) / 2; s >= 0; s--)
        sift(a, s, n - 1);
    for (int e = n - 1; e > 0; e--) {
        int32_t t = a[0];
        a[0] = a[e];
        a[e] = t;
        sift(a, 0, e - 1);
    }
}

static uint32_t crc32_bitwise(const uint8_t *p, int n)
{
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

static void reverse(char *s)
{
    int n = (int)strlen(s);
    for (int i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
}

static void my_itoa(int v, char *out)
{
    int neg = v < 0;
    unsigned u = neg ? 0u - (unsigned)v : (unsigned)v;
    char *p = out;
    do {
        *p++ = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        *p++ = '-';
    *p = 0;
    reverse(out);
}

static int my_atoi(const char *s)
{
    int neg = 0, v = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return neg ? -v : v;
}

static const char *classify(int c)
{
    switch (c) {
    case 0: return "zero";
    case 1: return "one";
    case 2: return "two";
    case 3: return "three";
    case 5: return "five";
    case 8: return "eight";
    case 13: return "thirteen";
    default: return "other";
    }
}

int main(void)
{
    uint32_t seed = 42, a[64];
    int32_t b[100];
    for (int i = 0; i < 64; i++)
        a[i] = lcg(&seed) % 1000;
    insertion_sort(a, 64);
    fw_printf("sorted:");
    int ok = 1;
    for (int i = 0; i < 64; i++) {
        if (i % 16 == 0)
            fw_printf("\n ");
        fw_printf(" %3u", a[i]);
        if (i && a[i - 1] > a[i])
            ok = 0;
    }
    fw_putc('\n');
    FW_CHECK("insertion sort ordered", ok, 1);
    for (int i = 0; i < 100; i++)
        b[i] = (int32_t)lcg(&seed) - 0x800000;
    heap_sort(b, 100);
    ok = 1;
    for (int i = 1; i < 100; i++)
        if (b[i - 1] > b[i])
            ok = 0;
    fw_printf("heap min %d max %d median %d\n", b[0], b[99], b[50]);
    FW_CHECK("heap sort ordered", ok, 1);

    const char *msg = "The quick brown fox jumps over the lazy dog";
    FW_CHECK("crc32(fox)", crc32_bitwise((const uint8_t *)msg, (int)strlen(msg)), 0x414fa339u);
    FW_CHECK("crc32(123456789)", crc32_bitwise((const uint8_t *)"123456789", 9), 0xcbf43926u);

    char buf[32];
    strcpy(buf, msg + 4);
    buf[15] = 0;
    reverse(buf);
    fw_printf("reversed [%s]\n", buf);
    static const int nums[] = { 0, 7, -7, 2147483647, -2147483647 - 1, 1000000, -31337 };
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        my_itoa(nums[i], buf);
        fw_printf("itoa %s -> %d\n", buf, my_atoi(buf));
        FW_CHECK("atoi(itoa(x))", (uint32_t)my_atoi(buf), (uint32_t)nums[i]);
    }
    int words = 0, in = 0;
    for (const char *p = msg; *p; p++) {
        if (*p != ' ' && !in)
            words++;
        in = *p != ' ';
    }
    FW_CHECK("words", words, 9);
    for (int i = 0; i < 15; i++)
        fw_printf("%s%s", classify(i), i == 14 ? "\n" : " ");
    int32_t q = -1000000007, d = 97;
    fw_printf("div %d / %d = %d rem %d, udiv %u\n", q, d, q / d, q % d, 4000000000u / 7u);
    FW_CHECK("div", (uint32_t)(q / d), (uint32_t)-10309278);
    FW_CHECK("mod", (uint32_t)(q % d), (uint32_t)-41);

    int failed = fw_done();
    /* Exit through the Thumb semihosting SWI. */
    fw_semihost_thumb(SEMI_SYS_EXIT, failed ? ADP_STOPPED_RUNTIME_ERROR
                                            : ADP_STOPPED_APPLICATION_EXIT);
    return 1;   /* not reached */
}
