/*
 * Benchmark kernels (see bench.h): integer work representative of
 * firmware -- table-driven CRC, sorting, matrix multiply, a sieve, byte
 * string operations, a call-heavy recursion -- and an MMIO loop over the
 * Versatile PB's UART, timer and system registers.  Built for ARM and,
 * for the Thumb benchmark, with -mthumb.
 */
#include "bench.h"
#include "fw.h"

unsigned bench_errors;

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s;
}

/* ---- CRC-32 (reflected 0xEDB88320), table driven ---- */
static uint32_t crc_tab[256];
static uint8_t crc_buf[16384];

uint32_t bench_crc(unsigned reps)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
        crc_tab[i] = c;
    }
    uint32_t s = 12345, sum = 0;
    for (uint32_t i = 0; i < sizeof crc_buf; i++)
        crc_buf[i] = (uint8_t)(lcg(&s) >> 24);
    for (unsigned r = 0; r < reps; r++) {
        uint32_t c = 0xffffffffu ^ r;
        const uint8_t *p = crc_buf;
        for (uint32_t n = sizeof crc_buf; n--;)
            c = crc_tab[(c ^ *p++) & 0xff] ^ (c >> 8);
        sum = sum * 31u + ~c;
        crc_buf[r % sizeof crc_buf] ^= (uint8_t)c;
    }
    /* the standard check value */
    uint32_t c = 0xffffffffu;
    for (const char *q = "123456789"; *q; q++)
        c = crc_tab[(c ^ (uint8_t)*q) & 0xff] ^ (c >> 8);
    if (~c != 0xcbf43926u)
        bench_errors++;
    return sum;
}

/* ---- sorting: recursive quicksort with insertion sort for small runs ---- */
static int32_t sort_a[4096];

static void isort(int32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void qsort_r32(int32_t *a, int n)
{
    while (n > 16) {
        int32_t p = a[n / 2];
        int i = 0, j = n - 1;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) {
                int32_t t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        if (j + 1 < n - i) {
            qsort_r32(a, j + 1);
            a += i; n -= i;
        } else {
            qsort_r32(a + i, n - i);
            n = j + 1;
        }
    }
    isort(a, n);
}

uint32_t bench_sort(unsigned reps)
{
    uint32_t s = 777, sum = 0;
    const int n = (int)(sizeof sort_a / sizeof sort_a[0]);
    for (unsigned r = 0; r < reps; r++) {
        for (int i = 0; i < n; i++)
            sort_a[i] = (int32_t)lcg(&s) >> (r % 8);
        qsort_r32(sort_a, n);
        for (int i = 1; i < n; i++)
            if (sort_a[i - 1] > sort_a[i])
                bench_errors++;
        sum = sum * 33u + (uint32_t)sort_a[n / 3] + (uint32_t)sort_a[0];
    }
    return sum;
}

/* ---- matrix multiply, 48x48 integers ---- */
#define MN 48
static int32_t ma[MN][MN], mb[MN][MN], mc[MN][MN];

uint32_t bench_matmul(unsigned reps)
{
    uint32_t s = 4242, sum = 0;
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++) {
            ma[i][j] = (int32_t)(lcg(&s) >> 20) - 2048;
            mb[i][j] = (int32_t)(lcg(&s) >> 20) - 2048;
        }
    for (unsigned r = 0; r < reps; r++) {
        for (int i = 0; i < MN; i++)
            for (int j = 0; j < MN; j++) {
                int32_t acc = 0;
                for (int k = 0; k < MN; k++)
                    acc += ma[i][k] * mb[k][j];
                mc[i][j] = acc;
            }
        ma[r % MN][(r * 7) % MN] ^= mc[(r * 3) % MN][r % MN] & 0xff;
        sum = sum * 17u + (uint32_t)mc[r % MN][(r * 5) % MN];
    }
    return sum;
}

/* ---- sieve of Eratosthenes over 64 Ki numbers ---- */
static uint8_t sieve_flags[65536];

uint32_t bench_sieve(unsigned reps)
{
    uint32_t sum = 0;
    const uint32_t n = sizeof sieve_flags;
    for (unsigned r = 0; r < reps; r++) {
        for (uint32_t i = 0; i < n; i++)
            sieve_flags[i] = 1;
        sieve_flags[0] = sieve_flags[1] = 0;
        for (uint32_t i = 2; i * i < n; i++)
            if (sieve_flags[i])
                for (uint32_t j = i * i; j < n; j += i)
                    sieve_flags[j] = 0;
        uint32_t count = 0, last = 0;
        for (uint32_t i = 0; i < n - r; i++)
            if (sieve_flags[i]) {
                count++;
                last = i;
            }
        sum = sum * 7u + count + last;
    }
    if (sieve_flags[65521] != 1 || sieve_flags[65535] != 0)
        bench_errors++;
    return sum;
}

/* ---- byte strings: length, copy, compare, search, reverse ---- */
static char str_a[2048], str_b[2048];

static uint32_t s_len(const char *s) { const char *p = s; while (*p) p++; return (uint32_t)(p - s); }
static void s_cpy(char *d, const char *s) { while ((*d++ = *s++) != 0) { } }
static int s_cmp(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}
static const char *s_chr(const char *s, char c) { for (; *s; s++) if (*s == c) return s; return 0; }
static void s_rev(char *s, uint32_t n) { for (uint32_t i = 0, j = n - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; } }

uint32_t bench_string(unsigned reps)
{
    uint32_t s = 99, sum = 0;
    for (unsigned i = 0; i < sizeof str_a - 1; i++)
        str_a[i] = (char)('a' + lcg(&s) % 26);
    str_a[sizeof str_a - 1] = 0;
    for (unsigned r = 0; r < reps; r++) {
        s_cpy(str_b, str_a);
        str_b[(r * 13) % (sizeof str_b - 1)] = 'A';
        uint32_t n = s_len(str_b);
        s_rev(str_b, n);
        int c = s_cmp(str_a, str_b);
        const char *q = s_chr(str_b, (char)('a' + r % 26));
        sum = sum * 131u + n + (uint32_t)c + (q ? (uint32_t)(q - str_b) : 0u);
        str_a[r % (sizeof str_a - 1)] = (char)('a' + (sum >> 7) % 26);
    }
    return sum;
}

/* ---- call-heavy: naive Fibonacci and Ackermann ---- */
static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static uint32_t ack(uint32_t m, uint32_t n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

uint32_t bench_recursive(unsigned reps)
{
    uint32_t sum = 0;
    for (unsigned r = 0; r < reps; r++)
        sum = sum * 3u + fib(20 + r % 3) + ack(2, 3 + r % 4);
    if (fib(10) != 55)
        bench_errors++;
    return sum;
}

/* ---- MMIO: UART0 and timer registers, read back and the system ID ---- */
#define B_UART_IBRD   (VPB_UART0 + UART_IBRD)
#define B_UART_FBRD   (VPB_UART0 + UART_FBRD)
#define B_TIMER_LOAD  (VPB_TIMER01 + TIMER_LOAD)
#define B_TIMER_BGLOAD (VPB_TIMER01 + TIMER_BGLOAD)
#define B_SYS_ID      (VPB_SYSREGS + SYS_ID)

uint32_t bench_mmio(unsigned reps)
{
    uint32_t sum = 0, id = REG32(B_SYS_ID);
    uint32_t ibrd = REG32(B_UART_IBRD), fbrd = REG32(B_UART_FBRD);
    for (unsigned r = 0; r < reps; r++) {
        REG32(B_TIMER_LOAD) = r * 3u + 1u;
        REG32(B_UART_FBRD) = r & 0x3fu;
        sum += REG32(B_TIMER_BGLOAD) + (REG32(B_UART_FBRD) << 8);
        sum ^= REG32(B_SYS_ID) == id ? 0x5au : 0xa5u;
    }
    REG32(B_UART_IBRD) = ibrd;
    REG32(B_UART_FBRD) = fbrd;
    return sum;
}
