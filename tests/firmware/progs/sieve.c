/*
 * sieve: Sieve of Eratosthenes up to 100000 (byte array), prime counts
 * at powers of ten (pi(10^k) known), the sum of primes, the largest gap,
 * and the first primes printed.
 */
#include "fw.h"

#define N 100000
static uint8_t composite[N + 1];

int main(void)
{
    for (uint32_t i = 2; i * i <= N; i++)
        if (!composite[i])
            for (uint32_t j = i * i; j <= N; j += i)
                composite[j] = 1;
    uint32_t count = 0, last = 0, gap = 0, gap_at = 0;
    uint64_t sum = 0;
    static const uint32_t pi[] = { 4, 25, 168, 1229, 9592 };
    uint32_t next = 10;
    int k = 0;
    fw_printf("first primes:");
    for (uint32_t i = 2; i <= N; i++) {
        if (!composite[i]) {
            count++;
            sum += i;
            if (count <= 20)
                fw_printf(" %u", i);
            if (last && i - last > gap) {
                gap = i - last;
                gap_at = last;
            }
            last = i;
        }
        if (i == next) {
            fw_printf("%spi(%u)=%u\n", k == 0 ? "\n" : "", next, count);
            FW_CHECK("pi", count, pi[k]);
            k++;
            next *= 10;
        }
    }
    fw_printf("sum=%llu largest gap %u after %u, last prime %u\n", sum, gap, gap_at, last);
    FW_CHECK("largest prime <= 100000", last, 99991);
    return fw_done();
}
