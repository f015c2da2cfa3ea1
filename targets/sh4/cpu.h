/*
 * SuperH SH-4 (SH7750) CPU state, shared by the front end (translate*.c),
 * the helpers and the system side (cpu.c, mmu.c, ccn.c, disas.c).
 *
 * Register file (SH7750 hardware manual, section 2):
 *   regs[0..15] always hold the CURRENT view of R0-R15; bank[0..7] hold
 *   R0-R7 of the bank not in use.  The bank in use is bank 1 when
 *   SR.MD = 1 and SR.RB = 1, else bank 0; sh4_sr_write() swaps.
 *   SR is split: T, Q and M live in sr_t / sr_q / sr_m (0 or 1) so the
 *   front end can use them cheaply; `sr` holds every other bit (those
 *   three are zero there).  Read the architectural SR with sh4_sr_read().
 *   fregs[0..15] are the CURRENT FR0-FR15 and fregs[16..31] XF0-XF15
 *   (FPSCR.FR swaps the halves, sh4_fpscr_write()).  DRn is the pair
 *   fregs[n] (high word) and fregs[n + 1] (low word).
 *   pc is the address of the next instruction to execute outside a TB.
 *
 * Delay slots: a delayed branch and its slot are translated together.
 * When they cannot be (RTE: the slot runs with the new SR; a slot on the
 * next page), the branch stores delayed_pc (and delayed_cond for BT/S,
 * BF/S) and sets ds_flags; the next TB starts with the slot and then
 * jumps.  Interrupts are not accepted while ds_flags is set.
 *
 * Exceptions: exception_index is the EXPEVT code (0x040 .. 0x820).
 */
#ifndef SH4_CPU_H
#define SH4_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"

/* SR bits (manual 2.2.4) */
#define SH4_SR_T      (1u << 0)
#define SH4_SR_S      (1u << 1)
#define SH4_SR_IMASK  (0xfu << 4)
#define SH4_SR_Q      (1u << 8)
#define SH4_SR_M      (1u << 9)
#define SH4_SR_FD     (1u << 15)
#define SH4_SR_BL     (1u << 28)
#define SH4_SR_RB     (1u << 29)
#define SH4_SR_MD     (1u << 30)
#define SH4_SR_MASK   0x700083f3u   /* bits that exist */

/* FPSCR bits (manual 6.4) */
#define SH4_FPSCR_RM    0x3u
#define SH4_FPSCR_FLAG  (0x1fu << 2)
#define SH4_FPSCR_ENABLE (0x1fu << 7)
#define SH4_FPSCR_CAUSE (0x3fu << 12)
#define SH4_FPSCR_DN    (1u << 18)
#define SH4_FPSCR_PR    (1u << 19)
#define SH4_FPSCR_SZ    (1u << 20)
#define SH4_FPSCR_FR    (1u << 21)
#define SH4_FPSCR_MASK  0x003fffffu

/* exception codes (EXPEVT / INTEVT, manual table 5.1) */
#define SH4_EXCP_POWER_ON      0x000
#define SH4_EXCP_TLB_MISS_R    0x040
#define SH4_EXCP_TLB_MISS_W    0x060
#define SH4_EXCP_INITIAL_WRITE 0x080
#define SH4_EXCP_TLB_PROT_R    0x0a0
#define SH4_EXCP_TLB_PROT_W    0x0c0
#define SH4_EXCP_ADDR_ERR_R    0x0e0
#define SH4_EXCP_ADDR_ERR_W    0x100
#define SH4_EXCP_FPU           0x120
#define SH4_EXCP_TRAPA         0x160
#define SH4_EXCP_TLB_MULTI     0x140   /* a reset: PC 0xa0000000 */
#define SH4_EXCP_ILLEGAL       0x180
#define SH4_EXCP_SLOT_ILLEGAL  0x1a0
#define SH4_EXCP_NMI           0x1c0
#define SH4_EXCP_FPU_DISABLE   0x800
#define SH4_EXCP_SLOT_FPU_DISABLE 0x820
/* internal: a TLB miss (no entry) vectors to VBR + 0x400; this bit on the
 * exception number selects that vector, EXPEVT gets the code without it */
#define SH4_EXCP_VEC400        0x10000

/* TB flags (tcg_tb.flags) */
#define SH4_TBFLAG_MD    (1u << 0)   /* privileged: also the MMU index     */
#define SH4_TBFLAG_FD    (1u << 1)   /* FPU disabled                       */
#define SH4_TBFLAG_PR    (1u << 2)   /* FPSCR.PR: double precision         */
#define SH4_TBFLAG_SZ    (1u << 3)   /* FPSCR.SZ: 64-bit FMOV              */
#define SH4_TBFLAG_DS    (1u << 4)   /* first insn is a pending delay slot */
#define SH4_TBFLAG_DSC   (1u << 5)   /* ... of a conditional branch        */

/* ds_flags */
#define SH4_DS_PENDING   (1u << 0)
#define SH4_DS_COND      (1u << 1)

/* insn_start target word: this instruction sits in a delay slot */
#define SH4_INSN_SLOT    1u

#define SH4_MMU_IDX_USER 0
#define SH4_MMU_IDX_PRIV 1

/* MMUCR bits (manual 3.2) */
#define SH4_MMUCR_AT    (1u << 0)
#define SH4_MMUCR_TI    (1u << 2)
#define SH4_MMUCR_SV    (1u << 8)
#define SH4_MMUCR_SQMD  (1u << 9)
#define SH4_MMUCR_URC_SHIFT 10
#define SH4_MMUCR_URB_SHIFT 18
#define SH4_MMUCR_LRUI_SHIFT 26
#define SH4_MMUCR_MASK  0xfcfcff05u

#define SH4_UTLB_SIZE 64
#define SH4_ITLB_SIZE 4

/* One TLB entry (manual 3.3.2): VPN/PPN as full addresses of the page. */
typedef struct sh4_tlb_entry {
    uint32_t vpn;      /* VPN[31:10] << 10                        */
    uint32_t ppn;      /* PPN[28:10] << 10                        */
    uint8_t asid;
    uint8_t sz;        /* 0: 1K, 1: 4K, 2: 64K, 3: 1M             */
    uint8_t pr;        /* 0 priv R, 1 priv RW, 2 all R, 3 all RW  */
    bool v, sh, c, d, wt;
    uint8_t sa, tc;    /* PTEA: space attribute, timing control   */
} sh4_tlb_entry;

/* Where the CPU asks the interrupt controller which interrupt it is
 * taking (see cpu.c, sh4_exec_interrupt). */
#define SH4_INTC_ACK_DEFAULT 0xffd00080u
/* acknowledge word bit: ICR.NMIB, an NMI may be taken while SR.BL = 1 */
#define SH4_INTC_ACK_NMIB (1u << 25)

typedef struct sh4_cpu {
    tcg_cpu common;            /* MUST be first */

    uint32_t regs[16];
    uint32_t bank[8];
    uint32_t sr;               /* SR without T, Q, M */
    uint32_t sr_t, sr_q, sr_m;
    uint32_t gbr, vbr, ssr, spc, sgr, dbr;
    uint32_t mach, macl, pr;
    uint32_t pc;
    uint32_t fpscr, fpul;
    uint32_t fregs[32];

    uint32_t ds_flags;
    uint32_t delayed_pc;
    uint32_t delayed_cond;     /* branch taken when != 0 */

    /* CCN registers at 0xff000000 (manual 3.2, 4.2, 5.2) */
    uint32_t pteh, ptel, ptea, ttb, tea, mmucr, ccr, tra, expevt, intevt;
    uint32_t qacr[2];
    uint32_t sq[2][8];         /* store queues */
    sh4_tlb_entry utlb[SH4_UTLB_SIZE];
    sh4_tlb_entry itlb[SH4_ITLB_SIZE];

    /* the platform's bus, behind the CPU-internal regions (ccn.c) */
    tcg_bus outer_bus;
    uint32_t intc_ack_addr;    /* 0: interrupts are taken as level 15, INTEVT 0x200 */
    bool asleep;               /* SLEEP ran; cleared when an interrupt is next
                                  looked at or sh4_cpu_leave_sleep */

    struct sh4_tr_tables *tr;  /* front end's globals and helper ids */
    const char *model;
} sh4_cpu;

/* ---- system side (cpu.c) ---- */

/* Create an SH7750 ("sh7750", "sh7750r", "sh4", "renesas,sh7750",
 * "renesas,sh4"); backend as for tcg_cpu_init.  Zeroes *cpu first; then
 * attach the bus with sh4_cpu_attach_bus. */
TCG_WUR bool sh4_cpu_init(sh4_cpu *cpu, const char *model, const char *backend);
void sh4_cpu_destroy(sh4_cpu *cpu);
/* Power-on reset: PC = 0xa0000000, SR = MD|RB|BL|IMASK=15, FPSCR 0x40001. */
void sh4_cpu_reset(sh4_cpu *cpu);
/* Put the CPU-internal regions (CCN registers, store queues, TLB arrays)
 * in front of `bus` and make the result the CPU's bus. */
void sh4_cpu_attach_bus(sh4_cpu *cpu, tcg_bus bus);
/* The CPU leaves SLEEP without an interrupt (a debugger stopped it): it
 * runs on after the SLEEP, and a later NMI is held by SR.BL again. */
void sh4_cpu_leave_sleep(sh4_cpu *cpu);
bool sh4_model_known(const char *model);

uint32_t sh4_sr_read(const sh4_cpu *cpu);
/* Write SR (swapping register banks when MD/RB change). */
void sh4_sr_write(sh4_cpu *cpu, uint32_t v);
/* Write FPSCR (swapping FP banks when FR changes). */
void sh4_fpscr_write(sh4_cpu *cpu, uint32_t v);
uint32_t sh4_tb_flags(const sh4_cpu *cpu);

extern const tcg_target_ops sh4_target_ops;

/* ---- front end (translate.c) ---- */
TCG_WUR bool sh4_translate_init(sh4_cpu *cpu);
void sh4_translate_free(sh4_cpu *cpu);
void sh4_translate(tcg_cpu *cpu, tcg_ctx *ctx, tcg_tb *tb, uint32_t max_insns);

/* ---- disassembler (disas.c) ---- */
/* One instruction into buf ("mov.l @(4,r1),r2"); returns 2. */
unsigned sh4_disas_insn(uint32_t pc, uint16_t insn, uint32_t tb_flags, char *buf, size_t len);

#endif
