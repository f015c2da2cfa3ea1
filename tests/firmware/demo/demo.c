/*
 * demo: the firmware the README's main job boots.  Prints a banner with
 * what it finds on the board (CPU ID, system ID), counts 50 interrupts
 * of SP804 timer 0 through the VIC (1 ms period, the CPU sleeping in
 * wait-for-interrupt in between), draws a small fixed-point Mandelbrot
 * set, prints a few primes, and exits 0 through semihosting.  Everything
 * printed is deterministic.
 */
#include "fw.h"

static volatile uint32_t ticks;

static void tick(void)
{
    REG32(VPB_TIMER01 + TIMER_INTCLR) = 1;
    if (++ticks == 50)
        fw_timer_stop(VPB_TIMER01);
}

static void mandelbrot(void)
{
    static const char shade[] = " .:-=+*#%@";
    for (int y = -12; y <= 12; y++) {
        for (int x = -39; x <= 20; x++) {
            /* 16.16 fixed point: c = (x/20 - 0.5, y/10) */
            int32_t cr = x * 3277 - 16384, ci = y * 6554, zr = 0, zi = 0;
            int it = 0;
            while (it < 9) {
                int32_t zr2 = (int32_t)(((int64_t)zr * zr) >> 16);
                int32_t zi2 = (int32_t)(((int64_t)zi * zi) >> 16);
                if (zr2 + zi2 > 4 * 65536)
                    break;
                zi = (int32_t)(((int64_t)zr * zi) >> 15) + ci;
                zr = zr2 - zi2 + cr;
                it++;
            }
            fw_putc(shade[it]);
        }
        fw_putc('\n');
    }
}

int main(void)
{
    uint32_t midr;
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
    fw_puts("========================================================\n");
    fw_puts(" cosim demo firmware: ARM Versatile PB, ARM926EJ-S\n");
    fw_printf(" CPU MIDR %08x  SYS_ID %08x\n", midr, REG32(VPB_SYSREGS + SYS_ID));
    fw_puts("========================================================\n");

    fw_vic_init();
    fw_vic_vector(0, IRQ_TIMER01, tick);
    fw_vic_enable(IRQ_TIMER01);
    fw_timer_start(VPB_TIMER01, 1000, TIMER_CTRL_32BIT | TIMER_CTRL_PERIODIC | TIMER_CTRL_INTEN);
    fw_irq_enable();
    while (ticks < 50)
        fw_wfi();
    fw_irq_disable();
    fw_printf("timer: %u interrupts of SP804 timer 0 through the PL190 VIC\n", ticks);

    mandelbrot();

    fw_puts("primes below 100:");
    for (int n = 2; n < 100; n++) {
        int p = 1;
        for (int d = 2; d * d <= n; d++)
            if (n % d == 0)
                p = 0;
        if (p)
            fw_printf(" %d", n);
    }
    fw_puts("\ndemo done\n");
    return 0;
}
