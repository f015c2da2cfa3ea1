/*
 * SH-4 memory management (SH7750 hardware manual, section 3): address
 * spaces P0-P4, the UTLB, LDTLB, address errors, and the soft-TLB fill.
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
 * page write (D = 0) checks.  The ITLB is not modelled separately:
 * instruction fetches look up the UTLB directly, as if every ITLB miss
 * were refilled by hardware from the UTLB (which the SH-4 does), so only
 * the fetch-side protection rule (user access needs PR[1]) differs.
 * Multiple hits are logged and the first entry wins (the SH-4 resets).
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

/* Find the UTLB entry for vaddr: index, -1 for none. */
static int sh4_utlb_find(sh4_cpu *cpu, uint32_t vaddr, bool priv)
{
    int hit = -1;
    for (int i = 0; i < SH4_UTLB_SIZE; i++) {
        const sh4_tlb_entry *e = &cpu->utlb[i];
        uint32_t m = ~sh4_page_mask[e->sz & 3];
        if ((e->vpn & m) != (vaddr & m) || !sh4_asid_check(cpu, e, priv))
            continue;
        /* an entry with V = 0 takes part in the match (TLB invalid) but a
         * valid entry is preferred over it */
        if (hit >= 0 && cpu->utlb[hit].v && e->v) {
            tcg_log_item(&cpu->common, TCG_LOG_GUEST_ERROR,
                         "sh4: UTLB multiple hit at 0x%08x (entries %d, %d)\n", vaddr, hit, i);
            continue;
        }
        if (hit < 0 || (!cpu->utlb[hit].v && e->v))
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

typedef enum sh4_xlate {
    SH4_XLATE_OK, SH4_XLATE_ADDR_ERR, SH4_XLATE_MISS, SH4_XLATE_INVALID, SH4_XLATE_PROT,
    SH4_XLATE_INITIAL_WRITE,
} sh4_xlate;

/* vaddr -> paddr and the protection of its page for this mode. */
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
    int i = sh4_utlb_find(cpu, vaddr, priv);
    if (i < 0)
        return SH4_XLATE_MISS;
    const sh4_tlb_entry *e = &cpu->utlb[i];
    if (!e->v)
        return SH4_XLATE_INVALID;
    if (!debug)
        sh4_urc_step(cpu);
    uint32_t m = sh4_page_mask[e->sz & 3];
    *paddr = (e->ppn & ~m) | (vaddr & m);
    uint32_t p;
    if (priv)
        p = TCG_PROT_READ | TCG_PROT_EXEC | ((e->pr & 1) ? TCG_PROT_WRITE : 0);
    else
        p = (e->pr & 2) ? (TCG_PROT_READ | TCG_PROT_EXEC | ((e->pr & 1) ? TCG_PROT_WRITE : 0)) : 0;
    static const uint32_t need[3] = { TCG_PROT_READ, TCG_PROT_WRITE, TCG_PROT_EXEC };
    if (!(p & need[access]))
        return SH4_XLATE_PROT;
    if (!e->d) {
        if (access == TCG_ACCESS_WRITE)
            return SH4_XLATE_INITIAL_WRITE;
        p &= ~TCG_PROT_WRITE;   /* the first write must still fault */
    }
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
