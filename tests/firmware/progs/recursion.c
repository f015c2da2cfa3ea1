/*
 * recursion: deep call chains and stack use: naive Fibonacci, Ackermann
 * (m <= 2, then A(3,5)), Towers of Hanoi move counting, and mutual
 * recursion; values checked against closed forms.
 */
#include "fw.h"

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint32_t ack(uint32_t m, uint32_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static uint32_t hanoi(int n, int from, int to, int via, uint32_t *sig)
{
    if (n == 0)
        return 0;
    uint32_t moves = hanoi(n - 1, from, via, to, sig);
    *sig = *sig * 31u + (uint32_t)(from * 3 + to);
    return moves + 1 + hanoi(n - 1, via, to, from, sig);
}

static int is_odd(uint32_t n);
static int is_even(uint32_t n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(uint32_t n) { return n == 0 ? 0 : is_even(n - 1); }

int main(void)
{
    uint32_t a = 0, b = 1;
    for (uint32_t n = 0; n <= 24; n++) {
        uint32_t f = fib(n);
        fw_printf("fib(%u)=%u%s", n, f, n % 5 == 4 ? "\n" : " ");
        if (f != a)
            FW_CHECK("fib", f, a);
        uint32_t t = a + b;
        a = b;
        b = t;
    }
    fw_putc('\n');
    for (uint32_t m = 0; m <= 2; m++)
        for (uint32_t n = 0; n <= 4; n++) {
            uint32_t want = m == 0 ? n + 1 : m == 1 ? n + 2 : 2 * n + 3;
            if (ack(m, n) != want)
                FW_CHECK("ack", ack(m, n), want);
        }
    FW_CHECK("ack(3,5)", ack(3, 5), 253);
    uint32_t sig = 0;
    FW_CHECK("hanoi(16) moves", hanoi(16, 0, 2, 1, &sig), 65535);
    fw_printf("hanoi signature %08x\n", sig);
    FW_CHECK("is_even(1001)", is_even(1001), 0);
    FW_CHECK("is_odd(777)", is_odd(777), 1);
    return fw_done();
}
