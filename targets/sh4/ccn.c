/*
 * The SH-4's CPU-internal part of the P4 control space, put in front of
 * the platform bus (sh4_cpu_attach_bus):
 *
 *   0xff000000-0xff0000ff  CCN/MMU/exception registers (manual 3.2, 4.2, 5.2):
 *                          PTEH 00, PTEL 04, TTB 08, TEA 0c, MMUCR 10,
 *                          BASRA 14, BASRB 18, CCR 1c, TRA 20, EXPEVT 24,
 *                          INTEVT 28, PTEA 34, QACR0 38, QACR1 3c;
 *                          read-only version registers PVR 30, CVR 40,
 *                          PRR 44 (see SH4_PVR below)
 *   0xe0000000-0xe3ffffff  store queues SQ0/SQ1 (32-bit writes; manual 4.6)
 *   0xf0000000-0xf7ffffff  cache and TLB arrays (manual 3.7, 4.5): the
 *                          ITLB (f2 address, f3 data 1, f38 data 2) and
 *                          UTLB (f6/f7, f78 data 2) arrays read and write
 *                          the TLBs (index in bits [9:8] / [13:8]);
 *                          cache arrays (caches are not modelled) read 0
 *                          and ignore writes.
 * Physical area 7 (0x1c000000-0x1fffffff) aliases P4 (manual 3.3.1), so
 * 0x1fxxxxxx is served as 0xffxxxxxx.  Everything else, including the
 * on-chip peripherals (INTC 0xffd00000, TMU 0xffd80000, SCI 0xffe00000,
 * SCIF 0xffe80000, ...), goes to the platform bus at its P4 address.
 * Registers of the UBC (0xff200000) are absent: reads 0, writes ignored.
 */
#include "targets/sh4/internals.h"

#define SH4_CCN_BASE 0xff000000u

/* Version registers.  The SH7750 hardware manual's register list leaves
 * them out, but the silicon has them and software identifies the part by
 * them (Linux's SH-4 cpu_probe panics with "Unknown CPU" on 0):
 *   PVR  processor version: family 0x04, SH7750 0x0205 in bits [23:8];
 *   CVR  cache version: FPU present (bit 29), 8 KiB instruction cache
 *        (bits [23:20] = 2) and 16 KiB operand cache (bits [19:16] = 4);
 *   PRR  product revision: none on the SH7750 (0). */
#define SH4_PVR 0x04020500u
#define SH4_CVR 0x20240000u
#define SH4_PRR 0x00000000u

static uint32_t sh4_canon(uint64_t addr)
{
    if (addr >= 0x1c000000u && addr < 0x20000000u)
        return (uint32_t)addr | 0xe0000000u;
    return (uint32_t)addr;
}

static bool sh4_is_internal(uint32_t a)
{
    return (a & 0xffffff00u) == SH4_CCN_BASE || (a & 0xfc000000u) == 0xe0000000u ||
           (a >= 0xf0000000u && a < 0xf8000000u) || (a & 0xfff00000u) == 0xff200000u;
}

bool sh4_ccn_read(sh4_cpu *cpu, uint32_t addr, unsigned size, uint32_t *val)
{
    switch (addr & 0xff) {
    case 0x00: *val = cpu->pteh; break;
    case 0x04: *val = cpu->ptel; break;
    case 0x08: *val = cpu->ttb; break;
    case 0x0c: *val = cpu->tea; break;
    case 0x10: *val = cpu->mmucr; break;
    case 0x1c: *val = cpu->ccr; break;
    case 0x20: *val = cpu->tra; break;
    case 0x24: *val = cpu->expevt; break;
    case 0x28: *val = cpu->intevt; break;
    case 0x30: *val = SH4_PVR; break;
    case 0x34: *val = cpu->ptea; break;
    case 0x38: *val = cpu->qacr[0]; break;
    case 0x3c: *val = cpu->qacr[1]; break;
    case 0x40: *val = SH4_CVR; break;
    case 0x44: *val = SH4_PRR; break;
    default:
        *val = 0;
        return false;
    }
    return true;
}

bool sh4_ccn_write(sh4_cpu *cpu, uint32_t addr, unsigned size, uint32_t v)
{
    tcg_cpu *c = &cpu->common;
    switch (addr & 0xff) {
    case 0x00:
        if ((v ^ cpu->pteh) & 0xffu)
            tcg_tlb_flush(c);   /* a new ASID selects other UTLB entries */
        cpu->pteh = v & 0xfffffcffu;
        break;
    case 0x04: cpu->ptel = v & 0x1ffffdffu; break;
    case 0x08: cpu->ttb = v; break;
    case 0x0c: cpu->tea = v; break;
    case 0x10:
        if (v & SH4_MMUCR_TI) {
            for (unsigned i = 0; i < SH4_UTLB_SIZE; i++)
                cpu->utlb[i].v = false;
            for (unsigned i = 0; i < SH4_ITLB_SIZE; i++)
                cpu->itlb[i].v = false;
        }
        cpu->mmucr = v & SH4_MMUCR_MASK & ~SH4_MMUCR_TI;
        tcg_tlb_flush(c);
        break;
    case 0x1c: cpu->ccr = v; break;
    case 0x20: cpu->tra = v & 0x3fcu; break;
    case 0x24: cpu->expevt = v & 0xfffu; break;
    case 0x28: cpu->intevt = v & 0xfffu; break;
    case 0x34: cpu->ptea = v & 0xfu; break;
    case 0x38: cpu->qacr[0] = v & 0x1cu; break;
    case 0x3c: cpu->qacr[1] = v & 0x1cu; break;
    case 0x30: case 0x40: case 0x44: break;   /* read-only */
    default:
        return false;
    }
    return true;
}

/* ---- TLB arrays ------------------------------------------------------------- */

static uint32_t sh4_tlb_addr_word(const sh4_tlb_entry *e)
{
    return e->vpn | (e->d ? 0x200u : 0) | (e->v ? 0x100u : 0) | e->asid;
}

static uint32_t sh4_tlb_data_word(const sh4_tlb_entry *e)
{
    return e->ppn | (e->v ? 0x100u : 0) | ((uint32_t)(e->sz & 2) << 6) |
           ((uint32_t)e->pr << 5) | ((uint32_t)(e->sz & 1) << 4) | (e->c ? 8u : 0) |
           (e->d ? 4u : 0) | (e->sh ? 2u : 0) | (e->wt ? 1u : 0);
}

/* ITLB data array 1 (manual 3.7.2): PPN, V, SZ, PR (bit 6: the ITLB
 * keeps PR[1] only), C, SH; no D or WT. */
static uint32_t sh4_itlb_data_word(const sh4_tlb_entry *e)
{
    return sh4_tlb_data_word(e) & 0x1ffffddau;
}

static uint32_t sh4_array_read(sh4_cpu *cpu, uint32_t a)
{
    switch (a >> 24) {
    case 0xf2: return sh4_tlb_addr_word(&cpu->itlb[(a >> 8) & 3]) & ~0x200u;
    case 0xf3: {
        const sh4_tlb_entry *e = &cpu->itlb[(a >> 8) & 3];
        if (a & 0x800000u)   /* data array 2 */
            return e->sa | ((uint32_t)e->tc << 3);
        return sh4_itlb_data_word(e);
    }
    case 0xf6: return sh4_tlb_addr_word(&cpu->utlb[(a >> 8) & 63]);
    case 0xf7: {
        const sh4_tlb_entry *e = &cpu->utlb[(a >> 8) & 63];
        if (a & 0x800000u)
            return e->sa | ((uint32_t)e->tc << 3);
        return sh4_tlb_data_word(e);
    }
    default: return 0;
    }
}

static void sh4_array_write(sh4_cpu *cpu, uint32_t a, uint32_t v)
{
    sh4_tlb_entry *e;
    bool itlb = false;
    switch (a >> 24) {
    case 0xf2: case 0xf3:
        e = &cpu->itlb[(a >> 8) & 3];
        itlb = true;
        break;
    case 0xf6: case 0xf7:
        e = &cpu->utlb[(a >> 8) & 63];
        break;
    default:
        return;   /* cache arrays: caches are not modelled */
    }
    if ((a >> 24) == 0xf6 && (a & 0x80u)) {
        /* associative write: update D and V of the entry matching VPN/ASID */
        for (unsigned i = 0; i < SH4_UTLB_SIZE; i++) {
            sh4_tlb_entry *u = &cpu->utlb[i];
            uint32_t m = ~(u->sz == 0 ? 0x3ffu : u->sz == 1 ? 0xfffu : u->sz == 2 ? 0xffffu : 0xfffffu);
            if ((u->vpn & m) == (v & m) && (u->sh || u->asid == (v & 0xffu))) {
                u->d = (v >> 9) & 1;
                u->v = (v >> 8) & 1;
            }
        }
    } else if ((a >> 24) == 0xf2 || (a >> 24) == 0xf6) {
        e->vpn = v & 0xfffffc00u;
        e->v = (v >> 8) & 1;
        if ((a >> 24) == 0xf6)
            e->d = (v >> 9) & 1;
        e->asid = (uint8_t)v;
    } else if (a & 0x800000u) {   /* ITLB / UTLB data array 2 */
        e->sa = v & 7;
        e->tc = (v >> 3) & 1;
    } else {
        e->ppn = v & 0x1ffffc00u;
        e->v = (v >> 8) & 1;
        e->sz = (uint8_t)(((v >> 6) & 2) | ((v >> 4) & 1));
        e->pr = (uint8_t)((v >> 5) & (itlb ? 2 : 3));
        e->c = (v >> 3) & 1;
        e->d = !itlb && ((v >> 2) & 1);
        e->sh = (v >> 1) & 1;
        e->wt = !itlb && (v & 1);
    }
    tcg_tlb_flush(&cpu->common);
}

/* ---- store queues ---------------------------------------------------------- */

void sh4_sq_flush(sh4_cpu *cpu, uint32_t vaddr)
{
    unsigned q = (vaddr >> 5) & 1;
    uint64_t dest;
    if (cpu->mmucr & SH4_MMUCR_AT) {
        /* translated through the UTLB: the page must map vaddr */
        if (!sh4_mmu_debug_translate(cpu, vaddr & 0x03ffffe0u, &dest)) {
            tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR,
                         "sh4: store queue flush to unmapped 0x%08x dropped\n", vaddr);
            return;
        }
        dest &= ~(uint64_t)31;
    } else {
        dest = ((uint64_t)(cpu->qacr[q] & 0x1cu) << 24) | (vaddr & 0x03ffffe0u);
    }
    const tcg_bus *b = &cpu->outer_bus;
    for (unsigned i = 0; i < 8; i++) {
        uint64_t v = cpu->sq[q][i], stall = 0;
        if (!b->ops || b->ops->access(b->opaque, dest + 4 * i, 4, true, &v,
                                      tcg_cpu_insn_cycles(&cpu->common), &stall) != TCG_BUS_OK)
            tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR,
                         "sh4: store queue write to 0x%08llx failed\n",
                         (unsigned long long)(dest + 4 * i));
        cpu->common.cycles += stall;
    }
    tcg_tb_invalidate_phys_range(&cpu->common, dest, 32);
}

/* ---- the bus in front of the platform -------------------------------------- */

static tcg_bus_status sh4_ib_access(void *opaque, uint64_t addr, unsigned size, bool is_write,
                                    uint64_t *val, uint64_t insn_cycles, uint64_t *stall)
{
    sh4_cpu *cpu = opaque;
    uint32_t a = sh4_canon(addr);
    if (sh4_is_internal(a)) {
        *stall = 0;
        if ((a & 0xffffff00u) == SH4_CCN_BASE) {
            uint32_t v = 0;
            bool ok = is_write ? sh4_ccn_write(cpu, a, size, (uint32_t)*val)
                               : sh4_ccn_read(cpu, a, size, &v);
            if (!ok)
                tcg_log_item(&cpu->common, TCG_LOG_UNIMP, "sh4: CCN register 0x%08x %s\n", a,
                             is_write ? "write ignored" : "reads 0");
            if (!is_write)
                *val = v;
        } else if ((a & 0xfc000000u) == 0xe0000000u) {
            if (is_write)
                cpu->sq[(a >> 5) & 1][(a >> 2) & 7] = (uint32_t)*val;
            else
                *val = cpu->sq[(a >> 5) & 1][(a >> 2) & 7];
        } else if (a >= 0xf0000000u && a < 0xf8000000u) {
            if (is_write)
                sh4_array_write(cpu, a, (uint32_t)*val);
            else
                *val = sh4_array_read(cpu, a);
        } else if (!is_write) {
            *val = 0;
        }
        return TCG_BUS_OK;
    }
    const tcg_bus *b = &cpu->outer_bus;
    if (!b->ops)
        return TCG_BUS_DECODE_ERROR;
    return b->ops->access(b->opaque, a, size, is_write, val, insn_cycles, stall);
}

static bool sh4_ib_get_dmi(void *opaque, uint64_t addr, bool for_write, tcg_dmi *out)
{
    sh4_cpu *cpu = opaque;
    uint32_t a = sh4_canon(addr);
    const tcg_bus *b = &cpu->outer_bus;
    if (sh4_is_internal(a) || a != addr || !b->ops || !b->ops->get_dmi)
        return false;
    return b->ops->get_dmi(b->opaque, addr, for_write, out);
}

static uint64_t sh4_ib_debug(void *opaque, uint64_t addr, uint8_t *buf, uint64_t len,
                             bool is_write)
{
    sh4_cpu *cpu = opaque;
    const tcg_bus *b = &cpu->outer_bus;
    if (sh4_is_internal(sh4_canon(addr)) || !b->ops || !b->ops->debug_access)
        return 0;
    return b->ops->debug_access(b->opaque, sh4_canon(addr), buf, len, is_write);
}

const tcg_bus_ops sh4_internal_bus_ops = {
    .access = sh4_ib_access,
    .get_dmi = sh4_ib_get_dmi,
    .debug_access = sh4_ib_debug,
};
