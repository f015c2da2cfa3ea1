/*
 * SHIX firmware test library: SCIF console, exception hooks, SH7750
 * register addresses, and a few SH-4 register accessors.
 */
#ifndef SHIX_FW_H
#define SHIX_FW_H

#include <stdint.h>

#define REG8(a)  (*(volatile uint8_t *)(a))
#define REG16(a) (*(volatile uint16_t *)(a))
#define REG32(a) (*(volatile uint32_t *)(a))

/* CCN */
#define CCN_PTEH   0xff000000u
#define CCN_PTEL   0xff000004u
#define CCN_TTB    0xff000008u
#define CCN_TEA    0xff00000cu
#define CCN_MMUCR  0xff000010u
#define CCN_TRA    0xff000020u
#define CCN_EXPEVT 0xff000024u
#define CCN_INTEVT 0xff000028u
#define CCN_QACR0  0xff000038u
/* INTC */
#define INTC_IPRA 0xffd00004u
#define INTC_IPRB 0xffd00008u
#define INTC_IPRC 0xffd0000cu
/* TMU */
#define TMU_TSTR  0xffd80004u
#define TMU_TCOR(n) (0xffd80008u + 12u * (n))
#define TMU_TCNT(n) (0xffd8000cu + 12u * (n))
#define TMU_TCR(n)  (0xffd80010u + 12u * (n))
/* SCIF */
#define SCIF_SCSCR2  0xffe80008u
#define SCIF_SCFTDR2 0xffe8000cu
#define SCIF_SCFSR2  0xffe80010u
#define SCIF_SCFRDR2 0xffe80014u
#define SCIF_SCFDR2  0xffe8001cu
/* RTC */
#define RTC_RSECCNT 0xffc80004u
#define RTC_RMINCNT 0xffc80008u
#define RTC_RYRCNT  0xffc8001cu
/* BSC / CPG */
#define BSC_RFCR  0xff800028u
#define CPG_FRQCR 0xffc00000u

void fw_putc(char c);
void fw_puts(const char *s);
void fw_puthex(uint32_t v);
void fw_putdec(int32_t v);
int fw_getc(void);                      /* -1 when the FIFO is empty */
void fw_end(int status) __attribute__((noreturn));
/* check: prints "ok <what>" or "FAIL <what>: got X want Y" and counts */
void fw_check(const char *what, uint32_t got, uint32_t want);
int fw_failures(void);
int fw_finish(void);                    /* prints a summary; status for main */

/* Exception hook: kind 0 general (VBR+0x100), 1 TLB miss (+0x400),
 * 2 interrupt (+0x600); frame[0] = SPC, frame[1] = SSR. */
typedef void (*fw_handler)(uint32_t code, uint32_t kind, uint32_t *frame);
void fw_set_handler(fw_handler h);

static inline uint32_t fw_get_sr(void) { uint32_t v; __asm__ volatile("stc sr,%0" : "=r"(v)); return v; }
static inline void fw_set_sr(uint32_t v) { __asm__ volatile("ldc %0,sr" : : "r"(v) : "memory"); }
static inline void fw_set_imask(unsigned m) { fw_set_sr((fw_get_sr() & ~0xf0u) | (m << 4)); }
static inline void fw_sleep(void) { __asm__ volatile("sleep" ::: "memory"); }

#endif
