/*
 * SH-4 memory management (SH7750 hardware manual, section 3): address
 * spaces P0-P4, the UTLB, the ITLB, LDTLB, address errors, and the
 * soft-TLB fill.
 *
 * Address spaces (manual 3.3.1):
 *   P0/U0 0x00000000-0x7fffffff  translated when MMUCR.AT = 1, else the
 *                                physical address is vaddr[28:0]
 *   P1    0x80000000-0x9fffffff  vaddr[28:0], privileged only
 *   P2    0xa0000000-0xbfffffff  vaddr[28:0], privileged only
 *   P3    0xc0000000-0xdfffffff  like P0 (translated when AT = 1)
 *   P4    0xe0000000-0xffffffff  control space: identity (the internal
 *                                bus in ccn.c serves the CPU's own
 *                                registers, the platform bus the rest)
 * User mode may touch only U0 and, when MMUCR.SQMD = 0, the store-queue
 * area 0xe0000000-0xe3ffffff; anything else is an address error.
 *
 * UTLB lookup (manual 3.6): an entry matches when VPN agrees under its
 * page size (1K/4K/64K/1M) and, unless it is shared (SH = 1) or
 * MMUCR.SV = 1 with SR.MD = 1, its ASID equals PTEH.ASID.  No match:
 * TLB miss (vector VBR + 0x400); a matching entry with V = 0: TLB invalid
 * (same EXPEVT, vector + 0x100); then protection (PR) and the initial
 * page write (D = 0) checks.  Two valid matching entries: TLB multiple
 * hit, a reset-type exception (EXPEVT 0x140, cpu.c).
 *
 * ITLB (manual 3.5.2, "memory access using ITLB"): instruction fetches
 * look up the 4-entry ITLB (valid entries only).  On an ITLB miss the
 * hardware searches the UTLB: a hit is copied into the ITLB entry that
 * MMUCR.LRUI selects (the manual's replacement table) and the fetch
 * retries; no UTLB match is the instruction TLB miss (EXPEVT 0x040,
 * VBR + 0x400).  Every ITLB use updates LRUI (the manual's update table).
 * The ITLB keeps only PR[1]: a user fetch from a page without it is an
 * instruction TLB protection violation (0x0a0), raised after the
 * refill.  LDTLB and UTLB array writes leave the ITLB alone (it may go
 * stale, as on the chip); MMUCR.TI and reset clear it.
 *
 * Soft TLB coherence: a soft-TLB entry carries EXEC only while an ITLB
 * entry maps its page to the same physical page (fetch fills come from
 * the ITLB; data fills add EXEC only when the ITLB agrees), and the soft
 * TLB is flushed whenever a valid ITLB entry is replaced or written, so a
 * fetch from a page that left the ITLB always goes through the ITLB again.
 * LRUI therefore moves on soft-TLB fetch fills (the first fetch of a page
 * after a flush), not on every fetch: soft-TLB hits are not ITLB uses.
 * Probe fills (second page of a TB) do not refill the ITLB or move LRUI.
 *
 * The soft TLB holds 1 KiB pages: each fill enters the 1 KiB piece of the
 * mapping that was touched (any SH-4 page size is a multiple of that);
 * every change of UTLB contents, PTEH.ASID or MMUCR.AT flushes it.
 * MMUCR.URC advances on each UTLB-translated fill (the hardware advances
 * it on every UTLB access; software only relies on it cycling).
 */
#include "targets/sh4/internals.h"

static const uint32_t sh4_page_mask[4] = { 0x3ffu, 0xfffu, 0xffffu, 0xfffffu };

static const int sh4_miss_code[3] = {
    [TCG_ACCESS_READ] = SH4_EXCP_TLB_MISS_R,
    [TCG_ACCESS_WRITE] = SH4_EXCP_TLB_MISS_W,
    [TCG_ACCESS_EXEC] = SH4_EXCP_TLB_MISS_R,
};

void sh4_mmu_reset(sh4_cpu *cpu)
{
    cpu->pteh = cpu->ptel = cpu->ptea = cpu->ttb = cpu->tea = 0;
    cpu->mmucr = 0;
    for (unsigned i = 0; i < SH4_UTLB_SIZE; i++)
        cpu->utlb[i].v = false;
    for (unsigned i = 0; i < SH4_ITLB_SIZE; i++)
        cpu->itlb[i].v = false;
    tcg_tlb_flush(&cpu->common);
}

int sh4_mmu_index(tcg_cpu *c, uint32_t tb_flags)
{
    (void)c;
    return (tb_flags & (SH4_TBFLAG_MD | SH4_TBFLAG_RTE)) ? SH4_MMU_IDX_PRIV : SH4_MMU_IDX_USER;
}

void sh4_mmu_raise(sh4_cpu *cpu, uint32_t vaddr, tcg_access access, int code)
{
    tcg_cpu *c = &cpu->common;
    cpu->tea = vaddr;
    cpu->pteh = (cpu->pteh & 0xffu) | (vaddr & 0xfffffc00u);
    tcg_log_item(c, TCG_LOG_MMU, "sh4: mmu fault 0x%03x at 0x%08x (%s)\n", code & 0xfff, vaddr,
                 access == TCG_ACCESS_EXEC ? "fetch" : access == TCG_ACCESS_WRITE ? "write" : "read");
    if (access == TCG_ACCESS_EXEC) {
        /* fetch faults happen while translating the TB's first
         * instruction: pc is already there; a pending slot restarts at its
         * branch */
        if (cpu->ds_flags & SH4_DS_PENDING) {
            cpu->pc -= 2;
            cpu->ds_flags = 0;
        }
        tcg_cpu_raise(c, code);
    }
    tcg_cpu_raise_restore(c, code);
}

static bool sh4_asid_check(const sh4_cpu *cpu, const sh4_tlb_entry *e, bool priv)
{
    if (e->sh)
        return true;
    if ((cpu->mmucr & SH4_MMUCR_SV) && priv)
        return true;
    return e->asid == (cpu->pteh & 0xffu);
}

static bool sh4_vpn_match(const sh4_tlb_entry *e, uint32_t vaddr)
{
    uint32_t m = ~sh4_page_mask[e->sz & 3];
    return (e->vpn & m) == (vaddr & m);
}

static uint64_t sh4_entry_paddr(const sh4_tlb_entry *e, uint32_t vaddr)
{
    uint32_t m = sh4_page_mask[e->sz & 3];
    return (e->ppn & ~m) | (vaddr & m);
}

/* Find the UTLB entry for vaddr: index, -1 for none; *multi is set when
 * two valid entries match (a TLB multiple hit). */
static int sh4_utlb_find(const sh4_cpu *cpu, uint32_t vaddr, bool priv, bool *multi)
{
    int hit = -1;
    *multi = false;
    for (int i = 0; i < SH4_UTLB_SIZE; i++) {
        const sh4_tlb_entry *e = &cpu->utlb[i];
        if (!sh4_vpn_match(e, vaddr) || !sh4_asid_check(cpu, e, priv))
            continue;
        /* an entry with V = 0 takes part in the match (TLB invalid) but a
         * valid entry is preferred over it */
        if (hit >= 0 && cpu->utlb[hit].v && e->v)
            *multi = true;
        else if (hit < 0 || (!cpu->utlb[hit].v && e->v))
            hit = i;
    }
    return hit;
}

/* Find the ITLB entry for vaddr: only valid entries match (manual figure
 * "memory access using ITLB": VPNs match and V = 1). */
static int sh4_itlb_find(const sh4_cpu *cpu, uint32_t vaddr, bool priv, bool *multi)
{
    int hit = -1;
    *multi = false;
    for (int i = 0; i < SH4_ITLB_SIZE; i++) {
        const sh4_tlb_entry *e = &cpu->itlb[i];
        if (!e->v || !sh4_vpn_match(e, vaddr) || !sh4_asid_check(cpu, e, priv))
            continue;
        if (hit >= 0)
            *multi = true;
        else
            hit = i;
    }
    return hit;
}

static void sh4_urc_step(sh4_cpu *cpu)
{
    uint32_t urc = (cpu->mmucr >> SH4_MMUCR_URC_SHIFT) & 63;
    uint32_t urb = (cpu->mmucr >> SH4_MMUCR_URB_SHIFT) & 63;
    urc = urc + 1;
    if (urc == 64 || (urb && urc == urb))
        urc = 0;
    cpu->mmucr = (cpu->mmucr & ~(63u << SH4_MMUCR_URC_SHIFT)) | (urc << SH4_MMUCR_URC_SHIFT);
}

/* MMUCR.LRUI after ITLB entry i is used (manual 3.2, MMUCR): bits that
 * the use clears and bits that it sets, as LRUI[5:0] values. */
static const uint8_t sh4_lrui_clear[SH4_ITLB_SIZE] = { 0x38, 0x06, 0x01, 0x00 };
static const uint8_t sh4_lrui_set[SH4_ITLB_SIZE] = { 0x00, 0x20, 0x14, 0x0b };

static void sh4_itlb_use(sh4_cpu *cpu, unsigned i)
{
    uint32_t lrui = (cpu->mmucr >> SH4_MMUCR_LRUI_SHIFT) & 63;
    lrui = (lrui & ~(uint32_t)sh4_lrui_clear[i]) | sh4_lrui_set[i];
    cpu->mmucr = (cpu->mmucr & ~(63u << SH4_MMUCR_LRUI_SHIFT)) | (lrui << SH4_MMUCR_LRUI_SHIFT);
}

/* The ITLB entry an ITLB miss replaces (manual 3.2, MMUCR.LRUI): a
 * (mask, value) pair on LRUI[5:0] per entry; the four are disjoint. */
static int sh4_itlb_victim(const sh4_cpu *cpu)
{
    static const uint8_t mask[SH4_ITLB_SIZE] = { 0x38, 0x26, 0x15, 0x0b };
    static const uint8_t want[SH4_ITLB_SIZE] = { 0x38, 0x06, 0x01, 0x00 };
    uint32_t lrui = (cpu->mmucr >> SH4_MMUCR_LRUI_SHIFT) & 63;
    for (int i = 0; i < SH4_ITLB_SIZE; i++)
        if ((lrui & mask[i]) == want[i])
            return i;
    return -1;   /* a setting the manual prohibits */
}

typedef enum sh4_xlate {
    SH4_XLATE_OK, SH4_XLATE_ADDR_ERR, SH4_XLATE_MISS, SH4_XLATE_INVALID, SH4_XLATE_PROT,
    SH4_XLATE_INITIAL_WRITE, SH4_XLATE_MULTI,
} sh4_xlate;

/* Data permissions an UTLB entry grants in this mode (manual 3.4.3: PR
 * 0 priv R, 1 priv RW, 2 all R, 3 all RW); W only once D = 1 so the
 * first write still faults. */
static uint32_t sh4_utlb_data_prot(const sh4_tlb_entry *e, bool priv)
{
    if (!priv && !(e->pr & 2))
        return 0;
    return TCG_PROT_READ | (((e->pr & 1) && e->d) ? TCG_PROT_WRITE : 0);
}

/* Copy UTLB entry u into the ITLB slot LRUI selects (an ITLB miss that
 * hits the UTLB).  The ITLB keeps only PR[1] (user may execute). */
static int sh4_itlb_refill(sh4_cpu *cpu, const sh4_tlb_entry *u)
{
    int i = sh4_itlb_victim(cpu);
    if (i < 0) {
        tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR,
                     "sh4: MMUCR.LRUI 0x%02x is a prohibited setting: replacing ITLB entry 0\n",
                     (cpu->mmucr >> SH4_MMUCR_LRUI_SHIFT) & 63);
        i = 0;
    }
    sh4_tlb_entry *e = &cpu->itlb[i];
    /* the soft TLB may hold fetch permission from the entry replaced */
    if (e->v)
        tcg_tlb_flush(&cpu->common);
    *e = *u;
    e->pr &= 2;
    e->d = e->wt = false;
    tcg_log_item(&cpu->common, TCG_LOG_MMU, "sh4: itlb[%d] <- vpn 0x%08x asid %u ppn 0x%08x sz %u\n",
                 i, e->vpn, e->asid, e->ppn, e->sz);
    return i;
}

/* Instruction fetch through the ITLB (manual 3.5.2, figure "memory access
 * using ITLB").  probe: look only, no refill, no LRUI update. */
static sh4_xlate sh4_fetch_translate(sh4_cpu *cpu, uint32_t vaddr, bool priv, bool probe,
                                     uint64_t *paddr, uint32_t *prot)
{
    bool multi;
    int i = sh4_itlb_find(cpu, vaddr, priv, &multi);
    if (multi)
        return SH4_XLATE_MULTI;
    if (i < 0) {
        if (probe)
            return SH4_XLATE_MISS;
        int u = sh4_utlb_find(cpu, vaddr, priv, &multi);
        if (multi)
            return SH4_XLATE_MULTI;
        if (u < 0)
            return SH4_XLATE_MISS;
        if (!cpu->utlb[u].v)
            return SH4_XLATE_INVALID;
        sh4_urc_step(cpu);
        i = sh4_itlb_refill(cpu, &cpu->utlb[u]);
    }
    if (!probe)
        sh4_itlb_use(cpu, (unsigned)i);
    const sh4_tlb_entry *e = &cpu->itlb[i];
    if (!priv && !(e->pr & 2))
        return SH4_XLATE_PROT;
    *paddr = sh4_entry_paddr(e, vaddr);
    *prot = TCG_PROT_EXEC;
    /* data accesses to the same page keep their soft-TLB entry when the
     * UTLB maps it to the same place */
    int u = sh4_utlb_find(cpu, vaddr, priv, &multi);
    if (u >= 0 && !multi && cpu->utlb[u].v && sh4_entry_paddr(&cpu->utlb[u], vaddr) == *paddr)
        *prot |= sh4_utlb_data_prot(&cpu->utlb[u], priv);
    return SH4_XLATE_OK;
}

/* vaddr -> paddr and the protection of its page for this mode.  Fetches
 * use the ITLB, data accesses the UTLB; a soft-TLB entry carries EXEC
 * only while an ITLB entry maps the page to the same place. */
static sh4_xlate sh4_translate_addr(sh4_cpu *cpu, uint32_t vaddr, tcg_access access, bool priv,
                                    bool debug, uint64_t *paddr, uint32_t *prot)
{
    const uint32_t all = TCG_PROT_READ | TCG_PROT_WRITE | TCG_PROT_EXEC;
    if (vaddr >= 0x80000000u) {
        if (!priv) {
            bool sq = (vaddr & 0xfc000000u) == 0xe0000000u && !(cpu->mmucr & SH4_MMUCR_SQMD);
            if (!sq)
                return SH4_XLATE_ADDR_ERR;
        }
        if (vaddr >= 0xe0000000u) {
            *paddr = vaddr;
            *prot = all;
            return SH4_XLATE_OK;
        }
        if (vaddr < 0xc0000000u || !(cpu->mmucr & SH4_MMUCR_AT)) {
            *paddr = vaddr & 0x1fffffffu;
            *prot = all;
            return SH4_XLATE_OK;
        }
    } else if (!(cpu->mmucr & SH4_MMUCR_AT)) {
        *paddr = vaddr & 0x1fffffffu;
        *prot = all;
        return SH4_XLATE_OK;
    }
    if (access == TCG_ACCESS_EXEC)
        return sh4_fetch_translate(cpu, vaddr, priv, debug, paddr, prot);
    bool multi;
    int i = sh4_utlb_find(cpu, vaddr, priv, &multi);
    if (multi)
        return SH4_XLATE_MULTI;
    if (i < 0)
        return SH4_XLATE_MISS;
    const sh4_tlb_entry *e = &cpu->utlb[i];
    if (!e->v)
        return SH4_XLATE_INVALID;
    if (!debug)
        sh4_urc_step(cpu);
    *paddr = sh4_entry_paddr(e, vaddr);
    if (!priv && !(e->pr & 2))
        return SH4_XLATE_PROT;
    if (access == TCG_ACCESS_WRITE && !(e->pr & 1))
        return SH4_XLATE_PROT;
    if (access == TCG_ACCESS_WRITE && !e->d)
        return SH4_XLATE_INITIAL_WRITE;
    uint32_t p = sh4_utlb_data_prot(e, priv);
    int t = sh4_itlb_find(cpu, vaddr, priv, &multi);
    if (t >= 0 && !multi && (priv || (cpu->itlb[t].pr & 2)) &&
        sh4_entry_paddr(&cpu->itlb[t], vaddr) == *paddr)
        p |= TCG_PROT_EXEC;
    *prot = p;
    return SH4_XLATE_OK;
}

bool sh4_tlb_fill(tcg_cpu *c, uint32_t vaddr, tcg_access access, int mmu_idx, bool probe)
{
    sh4_cpu *cpu = sh4_env(c);
    bool priv = mmu_idx == SH4_MMU_IDX_PRIV;
    uint64_t paddr = 0;
    uint32_t prot = 0;
    sh4_xlate r = sh4_translate_addr(cpu, vaddr, access, priv, probe, &paddr, &prot);
    if (r == SH4_XLATE_OK) {
        tcg_tlb_set_page(c, vaddr & TCG_PAGE_MASK, paddr & ~(uint64_t)(TCG_PAGE_SIZE - 1), prot,
                         mmu_idx);
        return true;
    }
    if (probe)
        return false;
    bool w = access == TCG_ACCESS_WRITE;
    switch (r) {
    case SH4_XLATE_ADDR_ERR:
        tcg_log_item(c, TCG_LOG_GUEST_ERROR, "sh4: user access to 0x%08x: address error\n", vaddr);
        sh4_mmu_raise(cpu, vaddr, access, w ? SH4_EXCP_ADDR_ERR_W : SH4_EXCP_ADDR_ERR_R);
    case SH4_XLATE_MISS:
        sh4_mmu_raise(cpu, vaddr, access, sh4_miss_code[access] | SH4_EXCP_VEC400);
    case SH4_XLATE_INVALID:
        sh4_mmu_raise(cpu, vaddr, access, sh4_miss_code[access]);
    case SH4_XLATE_PROT:
        sh4_mmu_raise(cpu, vaddr, access, w ? SH4_EXCP_TLB_PROT_W : SH4_EXCP_TLB_PROT_R);
    case SH4_XLATE_MULTI:
        tcg_log_item(c, TCG_LOG_GUEST_ERROR, "sh4: %s multiple hit at 0x%08x: reset\n",
                     access == TCG_ACCESS_EXEC ? "ITLB" : "UTLB", vaddr);
        sh4_mmu_raise(cpu, vaddr, access, SH4_EXCP_TLB_MULTI);
    default:
        sh4_mmu_raise(cpu, vaddr, access, SH4_EXCP_INITIAL_WRITE);
    }
}

bool sh4_mmu_debug_translate(sh4_cpu *cpu, uint32_t vaddr, uint64_t *paddr)
{
    uint32_t prot;
    return sh4_translate_addr(cpu, vaddr, TCG_ACCESS_READ, true, true, paddr, &prot) ==
           SH4_XLATE_OK;
}

void sh4_bus_fault(tcg_cpu *c, uint32_t vaddr, tcg_access access, tcg_bus_status status)
{
    /* The SH-4 has no bus-error exception: like QEMU, reads of nothing
     * give 0 and writes are dropped; the access is logged. */
    tcg_log_item(c, TCG_LOG_GUEST_ERROR, "sh4: bus %s error on %s at 0x%08x\n",
                 status == TCG_BUS_DECODE_ERROR ? "decode" : "slave",
                 access == TCG_ACCESS_WRITE ? "write" : access == TCG_ACCESS_EXEC ? "fetch" : "read",
                 vaddr);
}

void sh4_mmu_ldtlb(sh4_cpu *cpu)
{
    uint32_t urc = (cpu->mmucr >> SH4_MMUCR_URC_SHIFT) & 63;
    sh4_tlb_entry *e = &cpu->utlb[urc];
    uint32_t l = cpu->ptel;
    e->vpn = cpu->pteh & 0xfffffc00u;
    e->asid = (uint8_t)cpu->pteh;
    e->ppn = l & 0x1ffffc00u;
    e->v = (l >> 8) & 1;
    e->sz = (uint8_t)(((l >> 6) & 2) | ((l >> 4) & 1));
    e->pr = (uint8_t)((l >> 5) & 3);
    e->c = (l >> 3) & 1;
    e->d = (l >> 2) & 1;
    e->sh = (l >> 1) & 1;
    e->wt = l & 1;
    e->sa = (uint8_t)(cpu->ptea & 7);
    e->tc = (uint8_t)((cpu->ptea >> 3) & 1);
    tcg_log_item(&cpu->common, TCG_LOG_MMU,
                 "sh4: ldtlb utlb[%u] vpn 0x%08x asid %u ppn 0x%08x sz %u pr %u v %d d %d sh %d\n",
                 urc, e->vpn, e->asid, e->ppn, e->sz, e->pr, e->v, e->d, e->sh);
    tcg_tlb_flush(&cpu->common);
}
