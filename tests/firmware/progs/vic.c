/*
 * vic: the PL190 vectored interrupt controller with software interrupts
 * (VICSoftInt) only, so the order is deterministic: four sources raised
 * together are served by priority (vectored slot 0 first, non-vectored
 * last through VICDefVectAddr); a handler that raises a higher-priority
 * source gets it served next after its end-of-interrupt; IRQ status,
 * raw status and enable registers; the PrimeCell ID registers.
 */
#include "fw.h"

static char log_buf[32];
static volatile int log_len;

static void put_log(char c, int irq)
{
    log_buf[log_len++] = c;
    REG32(VPB_VIC + VIC_SOFTINTCLR) = 1u << irq;
}

static volatile int raise_again = 1;
static void isr_a(void) { put_log('A', 7); }
static void isr_b(void)
{
    put_log('B', 3);
    if (raise_again) {
        raise_again = 0;
        REG32(VPB_VIC + VIC_SOFTINT) = 1u << 7;   /* higher priority than C, D */
    }
}
static void isr_c(void) { put_log('C', 20); }
static void isr_d(void) { put_log('D', 9); }

int main(void)
{
    fw_printf("VIC PeriphID %02x %02x %02x %02x CellID %02x %02x %02x %02x\n",
              REG32(VPB_VIC + 0xfe0) & 0xff, REG32(VPB_VIC + 0xfe4) & 0xff,
              REG32(VPB_VIC + 0xfe8) & 0xff, REG32(VPB_VIC + 0xfec) & 0xff,
              REG32(VPB_VIC + 0xff0) & 0xff, REG32(VPB_VIC + 0xff4) & 0xff,
              REG32(VPB_VIC + 0xff8) & 0xff, REG32(VPB_VIC + 0xffc) & 0xff);
    fw_vic_init();
    fw_vic_vector(0, 7, isr_a);
    fw_vic_vector(1, 3, isr_b);
    fw_vic_vector(2, 20, isr_c);
    fw_vic_default(9, isr_d);
    FW_CHECK("VectCntl1 readback", REG32(VPB_VIC + VIC_VECTCNTL0 + 4), 0x23);

    /* raised but not enabled: raw status only */
    REG32(VPB_VIC + VIC_SOFTINT) = (1u << 9) | (1u << 20) | (1u << 3) | (1u << 7);
    FW_CHECK("SoftInt readback", REG32(VPB_VIC + VIC_SOFTINT), 0x100288);
    FW_CHECK("RawIntr has the soft bits", REG32(VPB_VIC + VIC_RAWINTR) & 0x100288, 0x100288);
    FW_CHECK("IRQStatus 0 while disabled", REG32(VPB_VIC + VIC_IRQSTATUS), 0);
    REG32(VPB_VIC + VIC_INTENABLE) = (1u << 9) | (1u << 20) | (1u << 3) | (1u << 7);
    FW_CHECK("IntEnable readback", REG32(VPB_VIC + VIC_INTENABLE), 0x100288);
    FW_CHECK("IRQStatus when enabled", REG32(VPB_VIC + VIC_IRQSTATUS), 0x100288);

    fw_irq_enable();
    for (volatile int i = 0; i < 100 && log_len < 5; i++) {
    }
    fw_irq_disable();
    log_buf[log_len] = 0;
    fw_printf("service order: %s\n", log_buf);
    FW_CHECK("order A B A C D", strcmp(log_buf, "ABACD"), 0);
    FW_CHECK("nothing pending", REG32(VPB_VIC + VIC_IRQSTATUS), 0);

    /* IntEnClear disables; a raised source stays raw */
    REG32(VPB_VIC + VIC_INTENCLEAR) = 1u << 20;
    REG32(VPB_VIC + VIC_SOFTINT) = 1u << 20;
    FW_CHECK("disabled source not in IRQStatus", REG32(VPB_VIC + VIC_IRQSTATUS), 0);
    FW_CHECK("IntEnable after clear", REG32(VPB_VIC + VIC_INTENABLE), 0x288);
    REG32(VPB_VIC + VIC_SOFTINTCLR) = 1u << 20;
    return fw_done();
}
