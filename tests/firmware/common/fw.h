/*
 * fw.h: the freestanding library shared by every guest test program of the
 * Versatile PB firmware suite (tests/firmware).
 *
 * What it gives a program: console output on PL011 UART0 (polled), a
 * printf subset, ARM semihosting (exit codes, SYS_WRITE0...), hooks for
 * every exception (weak C handlers receiving a register frame), IRQ/FIQ
 * dispatch through the PL190 VIC and the Versatile SIC, SP804 timer and
 * ARMv5 MMU helpers.
 *
 * Invariants: the program is linked at 0x10000 and crt0 copies the vector
 * table to address 0; main() runs in SVC mode with IRQ and FIQ masked; a
 * return from main() exits through semihosting with main's value.
 * This is guest code: the state a test needs (interrupt counters) lives in
 * plain globals, which is what firmware does.
 * Specs: ARM DDI 0100I (ARMv5 ARM), ARM DDI 0198E (ARM926EJ-S TRM),
 * ARM DUI 0224I (Versatile PB TRM), PL011/PL031/PL190/SP804 TRMs,
 * ARM semihosting v2.
 */
#ifndef FW_H
#define FW_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))

/* ---- Versatile PB memory map (DUI 0224I, 4.1) ---- */
#define VPB_SYSREGS     0x10000000u
#define VPB_SIC         0x10003000u
#define VPB_UART3       0x10009000u
#define VPB_VIC         0x10140000u
#define VPB_TIMER01     0x101e2000u
#define VPB_TIMER23     0x101e3000u
#define VPB_RTC         0x101e8000u
#define VPB_UART0       0x101f1000u
#define VPB_UART1       0x101f2000u
#define VPB_UART2       0x101f3000u

/* VIC (PL190) inputs on the Versatile PB. */
#define IRQ_WDOG    0
#define IRQ_SOFT    1
#define IRQ_TIMER01 4
#define IRQ_TIMER23 5
#define IRQ_RTC     10
#define IRQ_UART0   12
#define IRQ_UART1   13
#define IRQ_UART2   14
#define IRQ_SIC     31
/* SIC inputs */
#define SIC_IRQ_UART3 6

/* ---- PL190 registers ---- */
#define VIC_IRQSTATUS   0x000
#define VIC_FIQSTATUS   0x004
#define VIC_RAWINTR     0x008
#define VIC_INTSELECT   0x00c
#define VIC_INTENABLE   0x010
#define VIC_INTENCLEAR  0x014
#define VIC_SOFTINT     0x018
#define VIC_SOFTINTCLR  0x01c
#define VIC_PROTECTION  0x020
#define VIC_VECTADDR    0x030
#define VIC_DEFVECTADDR 0x034
#define VIC_VECTADDR0   0x100
#define VIC_VECTCNTL0   0x200

/* ---- SIC ---- */
#define SIC_STATUS      0x00
#define SIC_RAWSTAT     0x04
#define SIC_ENABLE      0x08   /* read: mask; write: set */
#define SIC_ENCLR       0x0c
#define SIC_PICENABLE   0x20
#define SIC_PICENCLR    0x24

/* ---- PL011 ---- */
#define UART_DR     0x000
#define UART_RSR    0x004
#define UART_FR     0x018
#define UART_ILPR   0x020
#define UART_IBRD   0x024
#define UART_FBRD   0x028
#define UART_LCR_H  0x02c
#define UART_CR     0x030
#define UART_IFLS   0x034
#define UART_IMSC   0x038
#define UART_RIS    0x03c
#define UART_MIS    0x040
#define UART_ICR    0x044
#define UART_DMACR  0x048
#define UART_FR_TXFF (1u << 5)
#define UART_FR_RXFE (1u << 4)
#define UART_FR_TXFE (1u << 7)
#define UART_INT_TX  (1u << 5)

/* ---- SP804 (offsets inside one timer; the second is at +0x20) ---- */
#define TIMER_LOAD     0x00
#define TIMER_VALUE    0x04
#define TIMER_CTRL     0x08
#define TIMER_INTCLR   0x0c
#define TIMER_RIS      0x10
#define TIMER_MIS      0x14
#define TIMER_BGLOAD   0x18
#define TIMER_CTRL_EN       (1u << 7)
#define TIMER_CTRL_PERIODIC (1u << 6)
#define TIMER_CTRL_INTEN    (1u << 5)
#define TIMER_CTRL_32BIT    (1u << 1)
#define TIMER_CTRL_ONESHOT  (1u << 0)

/* ---- system registers ---- */
#define SYS_ID      0x00
#define SYS_LED     0x08
#define SYS_LOCK    0x20
#define SYS_100HZ   0x24
#define SYS_24MHZ   0x5c

/* ---- CPSR ---- */
#define PSR_MODE_USR 0x10
#define PSR_MODE_FIQ 0x11
#define PSR_MODE_IRQ 0x12
#define PSR_MODE_SVC 0x13
#define PSR_MODE_ABT 0x17
#define PSR_MODE_UND 0x1b
#define PSR_MODE_SYS 0x1f
#define PSR_T (1u << 5)
#define PSR_F (1u << 6)
#define PSR_I (1u << 7)
#define PSR_Q (1u << 27)

/* ---- console ---- */
void fw_putc(int c);
void fw_puts(const char *s);             /* no newline added */
int fw_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fw_vprintf(const char *fmt, va_list ap);
int fw_snprintf(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- semihosting ---- */
#define SEMI_SYS_OPEN          0x01
#define SEMI_SYS_CLOSE         0x02
#define SEMI_SYS_WRITEC        0x03
#define SEMI_SYS_WRITE0        0x04
#define SEMI_SYS_WRITE         0x05
#define SEMI_SYS_ISTTY         0x09
#define SEMI_SYS_ERRNO         0x13
#define SEMI_SYS_GET_CMDLINE   0x15
#define SEMI_SYS_HEAPINFO      0x16
#define SEMI_SYS_EXIT          0x18
#define SEMI_SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT  0x20026u
#define ADP_STOPPED_RUNTIME_ERROR     0x20023u

uint32_t fw_semihost(uint32_t op, uint32_t arg);   /* ARM SWI 0x123456 */
uint32_t fw_semihost_thumb(uint32_t op, uint32_t arg); /* Thumb SWI 0xAB */
/* 0: ApplicationExit (status 0); anything else: RunTimeErrorUnknown. */
void fw_exit(int code) __attribute__((noreturn));
void fw_semi_write0(const char *s);
void fw_semi_writec(char c);

/* ---- checks: print and remember failures; fw_done() exits ---- */
typedef struct fw_checks { unsigned passed, failed; } fw_checks;
extern fw_checks fw_check_state;
void fw_check_u32(const char *what, uint32_t got, uint32_t want);
#define FW_CHECK(what, got, want) fw_check_u32((what), (uint32_t)(got), (uint32_t)(want))
int fw_done(void);   /* prints a summary line; returns 0 if all passed */

/* ---- exceptions ---- */
/* Frame pushed by the exception stubs (crt0.S).  `pc` is the banked LR as
 * the exception left it; the stub returns to `pc` unchanged with
 * `spsr` restored, so a handler adjusts pc to skip or retry. */
typedef struct fw_frame {
    uint32_t spsr;
    uint32_t pad;
    uint32_t r[13];
    uint32_t pc;
} fw_frame;

/* Weak: the defaults print and exit with failure. */
void fw_undef_handler(fw_frame *f);
void fw_swi_handler(fw_frame *f);
void fw_pabt_handler(fw_frame *f);
void fw_dabt_handler(fw_frame *f);
void fw_fiq_handler(void);
void fw_reserved_handler(fw_frame *f);
/* SWI comment field from the instruction that trapped (ARM or Thumb). */
uint32_t fw_swi_number(const fw_frame *f);

/* ---- CPSR helpers ---- */
static inline uint32_t fw_get_cpsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}
static inline void fw_irq_enable(void)
{
    uint32_t t;
    __asm__ volatile("mrs %0, cpsr\n bic %0, %0, #0x80\n msr cpsr_c, %0"
                     : "=r"(t) :: "memory");
}
static inline void fw_irq_disable(void)
{
    uint32_t t;
    __asm__ volatile("mrs %0, cpsr\n orr %0, %0, #0x80\n msr cpsr_c, %0"
                     : "=r"(t) :: "memory");
}
static inline void fw_fiq_enable(void)
{
    uint32_t t;
    __asm__ volatile("mrs %0, cpsr\n bic %0, %0, #0x40\n msr cpsr_c, %0"
                     : "=r"(t) :: "memory");
}
static inline void fw_fiq_disable(void)
{
    uint32_t t;
    __asm__ volatile("mrs %0, cpsr\n orr %0, %0, #0x40\n msr cpsr_c, %0"
                     : "=r"(t) :: "memory");
}
/* ARM926 wait for interrupt (CP15 c7, c0, 4). */
static inline void fw_wfi(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c0, 4" :: "r"(0) : "memory");
}

/* ---- interrupts (VIC + SIC) ---- */
typedef void (*fw_isr)(void);
void fw_vic_init(void);                        /* all off, default vector set */
/* Route `irq` through vectored slot `slot` (0 = highest priority). */
void fw_vic_vector(int slot, int irq, fw_isr fn);
/* Non-vectored: served through the default vector, lowest priority. */
void fw_vic_default(int irq, fw_isr fn);
void fw_vic_enable(int irq);
void fw_vic_disable(int irq);
/* SIC source -> handler; enables the source and VIC input 31. */
void fw_sic_handler(int src, fw_isr fn);

/* ---- SP804 ---- */
void fw_timer_start(uint32_t base, uint32_t load, uint32_t ctrl);
void fw_timer_stop(uint32_t base);

/* ---- MMU (ARMv5, CP15) ---- */
#define MMU_AP_NONE 0      /* with S=R=0: no access */
#define MMU_AP_PRIV 1      /* privileged RW, user none */
#define MMU_AP_UREAD 2     /* privileged RW, user RO */
#define MMU_AP_ALL 3       /* RW for all */
#define MMU_DOMAIN_NOACCESS 0
#define MMU_DOMAIN_CLIENT 1
#define MMU_DOMAIN_MANAGER 3

/* The level-1 table (16 KiB aligned, in .bss). */
uint32_t *fw_mmu_l1(void);
/* Identity-map the first `mb` MiB and the I/O regions as sections,
 * domain 0, AP=all; leaves everything else faulting. */
void fw_mmu_identity(uint32_t *l1, unsigned mb);
void fw_mmu_section(uint32_t *l1, uint32_t va, uint32_t pa, unsigned ap,
                    unsigned domain);
void fw_mmu_enable(uint32_t *l1, uint32_t dacr);
void fw_mmu_disable(void);
void fw_mmu_tlb_flush(void);
void fw_mmu_set_dacr(uint32_t dacr);
uint32_t fw_cp15_sctlr(void);
void fw_cp15_set_sctlr(uint32_t v);
uint32_t fw_cp15_dfsr(void);
uint32_t fw_cp15_ifsr(void);
uint32_t fw_cp15_far(void);

/* ---- string ---- */
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char *strcpy(char *d, const char *s);

#endif
