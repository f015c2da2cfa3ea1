/*
 * gpio_demo: guest firmware for docs/examples/systemc-gpio.  Drives the
 * user's SystemC GPIO at 0x10150000 (register map in gpio.h): outputs on
 * pins 0..7 come back on inputs 8..15 after 1 us; each change raises the
 * GPIO's interrupt on VIC input 20, which this program takes through the
 * PL190 (vectored) and reports over UART0.  Exits via semihosting with 0
 * when every check passed.
 */
#include "fw.h"

#define GPIO      0x10150000u
#define GPIO_DATA 0x00
#define GPIO_DIR  0x04
#define GPIO_IE   0x08
#define GPIO_IS   0x0c
#define GPIO_ID   0x10
#define IRQ_GPIO  20

static volatile unsigned irqs;
static volatile uint32_t last_is, last_data;

static void gpio_isr(void)
{
    last_is = REG32(GPIO + GPIO_IS);
    last_data = REG32(GPIO + GPIO_DATA);
    REG32(GPIO + GPIO_IS) = last_is;      /* acknowledge: the line drops */
    irqs++;
}

static void round_trip(uint32_t value, unsigned n)
{
    REG32(GPIO + GPIO_DATA) = value;
    while (irqs < n)
        fw_wfi();                         /* the interrupt wakes us */
    fw_printf("wrote 0x%02x: irq %u, status 0x%04x, data 0x%04x\n", (unsigned)value, irqs,
              (unsigned)last_is, (unsigned)last_data);
}

int main(void)
{
    fw_printf("gpio id 0x%08x\n", (unsigned)REG32(GPIO + GPIO_ID));
    fw_vic_init();
    fw_vic_vector(0, IRQ_GPIO, gpio_isr);
    fw_vic_enable(IRQ_GPIO);
    REG32(GPIO + GPIO_DIR) = 0x00ff;      /* pins 0..7 out, 8..15 in */
    REG32(GPIO + GPIO_IE) = 0xff00;
    fw_irq_enable();

    round_trip(0x5a, 1);
    round_trip(0xa5, 2);
    REG32(GPIO + GPIO_DATA) = 0xa5;       /* no change on the pins ...      */
    for (volatile int i = 0; i < 2000; i++) /* ... for well over 1 us ...   */
        ;
    FW_CHECK("no interrupt without a change", irqs, 2);   /* ... no interrupt */
    round_trip(0x00, 3);

    FW_CHECK("interrupts taken", irqs, 3);
    FW_CHECK("status of the last change", last_is, 0xa500);
    FW_CHECK("VIC line low after acknowledge", REG32(VPB_VIC + VIC_RAWINTR) & (1u << IRQ_GPIO), 0);
    return fw_done();
}
