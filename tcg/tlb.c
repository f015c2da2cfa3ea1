/*
 * The soft TLB: per MMU mode, a direct-mapped table of 1 KiB pages.
 *
 * An entry's tags (addr_read/addr_write/addr_code) hold the virtual page
 * plus flag bits; the fast path (interp.c, tcg_code_ld*) compares the tag
 * with the page of the address, so any flag sends the access here:
 *   INVALID  no translation for this access kind (tags are all-ones)
 *   MMIO     no usable DMI pointer (or DMI latency to charge): bus access
 *   NOTDIRTY the page holds translated code: the write invalidates the
 *            TBs first (self-modifying code, loaders), then completes
 * For RAM/ROM, addend turns a guest virtual address into a host pointer.
 *
 * Slow paths: a miss calls target->tlb_fill (which installs the entry with
 * tcg_tlb_set_page or raises the guest's MMU fault); an MMIO access goes
 * through cpu->bus.ops->access with the exact instruction cycle count and
 * adds the stall to cpu->cycles; a failed bus access goes to
 * target->bus_fault, which raises the architectural abort.  An access that
 * crosses a page is split into bytes (a store checks both pages first so
 * it never half-completes on a fault).  Values are little-endian.
 */
#include <stdarg.h>
#include <string.h>

#include "debug.h"
#include "internal.h"

#define TAG_INVALID (~(uint32_t)0)
#define OFFSET_MASK (TCG_PAGE_SIZE - 1u)

int tcg_cpu_mmu_index(tcg_cpu *cpu, uint32_t flags)
{
    return cpu->target && cpu->target->mmu_index ? cpu->target->mmu_index(cpu, flags) : 0;
}

static uint32_t *entry_tag(tcg_tlb_entry *e, tcg_access access)
{
    return access == TCG_ACCESS_READ ? &e->addr_read
         : access == TCG_ACCESS_WRITE ? &e->addr_write : &e->addr_code;
}

static bool entry_valid(uint32_t tag, uint32_t vaddr)
{
    return !(tag & TCG_TLB_INVALID) && (tag & TCG_PAGE_MASK) == (vaddr & TCG_PAGE_MASK);
}

static size_t full_index(int mmu_idx, uint32_t vaddr)
{
    return (vaddr >> TCG_PAGE_BITS) & (TCG_TLB_SIZE - 1u);
}

/* ---- maintenance ------------------------------------------------------ */

void tcg_tlb_flush(tcg_cpu *cpu)
{
    memset(cpu->tlb, 0xff, sizeof(cpu->tlb));
    if (cpu->tbs) {
        tcg_jc_flush(cpu);
        cpu->tbs->tlb_gen++;
    }
}

void tcg_tlb_flush_page(tcg_cpu *cpu, uint32_t vaddr)
{
    for (int m = 0; m < TCG_NB_MMU_MODES; m++) {
        tcg_tlb_entry *e = tcg_tlb_entry_for(cpu, m, vaddr);
        if (entry_valid(e->addr_read, vaddr) || entry_valid(e->addr_write, vaddr) ||
            entry_valid(e->addr_code, vaddr))
            e->addr_read = e->addr_write = e->addr_code = TAG_INVALID;
    }
    if (cpu->tbs) {
        tcg_jc_flush_page(cpu, vaddr);
        cpu->tbs->tlb_gen++;
    }
}

void tcg_tlb_set_page(tcg_cpu *cpu, uint32_t vaddr, uint64_t paddr, uint32_t prot, int mmu_idx)
{
    uint32_t vpage = vaddr & TCG_PAGE_MASK;
    uint64_t ppage = paddr & ~(uint64_t)OFFSET_MASK;
    tcg_tlb_entry *e = tcg_tlb_entry_for(cpu, mmu_idx, vaddr);
    tcg_tlb_full *f = &cpu->tlb_full[mmu_idx][full_index(mmu_idx, vaddr)];

    *f = (tcg_tlb_full){ .phys_page = ppage, .prot = prot };
    const tcg_bus_ops *ops = cpu->bus.ops;
    tcg_dmi dmi;
    if (ops && ops->get_dmi && (prot & (TCG_PROT_READ | TCG_PROT_EXEC)) &&
        ops->get_dmi(cpu->bus.opaque, ppage, false, &dmi) && dmi.host &&
        dmi.start <= ppage && dmi.end >= ppage + OFFSET_MASK) {
        uint8_t *host = dmi.host + (ppage - dmi.start);
        if (dmi.can_read) {
            f->host_read = host;
            f->lat_read = dmi.read_latency_cycles;
        }
        if (dmi.can_write) {
            f->host_write = host;
            f->lat_write = dmi.write_latency_cycles;
        }
    }
    if (ops && ops->get_dmi && (prot & TCG_PROT_WRITE) && !f->host_write &&
        ops->get_dmi(cpu->bus.opaque, ppage, true, &dmi) && dmi.host && dmi.can_write &&
        dmi.start <= ppage && dmi.end >= ppage + OFFSET_MASK) {
        f->host_write = dmi.host + (ppage - dmi.start);
        f->lat_write = dmi.write_latency_cycles;
    }

    uint8_t *host = f->host_read ? f->host_read : f->host_write;
    e->addend = (uintptr_t)host - (uintptr_t)vpage;
    e->addr_read = (prot & TCG_PROT_READ)
        ? vpage | (f->host_read && !f->lat_read ? 0u : TCG_TLB_MMIO) : TAG_INVALID;
    e->addr_code = (prot & TCG_PROT_EXEC) ? vpage | (f->host_read ? 0u : TCG_TLB_MMIO) : TAG_INVALID;
    if (prot & TCG_PROT_WRITE) {
        uint32_t w = vpage;
        if (!f->host_write || f->lat_write || f->host_write != host)
            w |= TCG_TLB_MMIO;
        if (cpu->tbs && tcg_tb_page_has_code(cpu, ppage))
            w |= TCG_TLB_NOTDIRTY;
        e->addr_write = w;
    } else {
        e->addr_write = TAG_INVALID;
    }
    if (cpu->debug && tcg_debug_page_watched(cpu, vpage)) {
        /* a debugger watches this page: data accesses take the slow path */
        if (e->addr_read != TAG_INVALID)
            e->addr_read |= TCG_TLB_MMIO;
        if (e->addr_write != TAG_INVALID)
            e->addr_write |= TCG_TLB_MMIO;
    }
    tcg_log_item(cpu, TCG_LOG_MMU, "tlb: mmu%d %08x -> %08llx prot %x%s\n", mmu_idx, vpage,
                 (unsigned long long)ppage, prot, f->host_read ? " dmi" : "");
}

void tcg_tlb_protect_code(tcg_cpu *cpu, uint64_t phys_page)
{
    for (int m = 0; m < TCG_NB_MMU_MODES; m++)
        for (uint32_t i = 0; i < TCG_TLB_SIZE; i++)
            if (cpu->tlb[m][i].addr_write != TAG_INVALID && cpu->tlb_full[m][i].phys_page == phys_page)
                cpu->tlb[m][i].addr_write |= TCG_TLB_NOTDIRTY;
}

void tcg_tlb_unprotect_code(tcg_cpu *cpu, uint64_t phys_page)
{
    for (int m = 0; m < TCG_NB_MMU_MODES; m++)
        for (uint32_t i = 0; i < TCG_TLB_SIZE; i++)
            if (cpu->tlb[m][i].addr_write != TAG_INVALID && cpu->tlb_full[m][i].phys_page == phys_page)
                cpu->tlb[m][i].addr_write &= ~TCG_TLB_NOTDIRTY;
}

/* ---- fill --------------------------------------------------------------- */

/* Make the entry for vaddr valid for `access`, raising the guest fault if
 * the MMU refuses.  Returns the entry index. */
static size_t tlb_fill_entry(tcg_cpu *cpu, uint32_t vaddr, tcg_access access, int mmu_idx)
{
    tcg_tlb_entry *e = tcg_tlb_entry_for(cpu, mmu_idx, vaddr);
    if (entry_valid(*entry_tag(e, access), vaddr))
        return full_index(mmu_idx, vaddr);
    cpu->stat_tlb_misses++;
    bool ok = cpu->target->tlb_fill(cpu, vaddr, access, mmu_idx, false);
    if (!ok || !entry_valid(*entry_tag(e, access), vaddr)) {
        /* the target neither mapped the page nor raised: treat the
         * access as hitting nothing */
        tcg_log_item(cpu, TCG_LOG_GUEST_ERROR, "tlb_fill left %08x unmapped (access %d)\n", vaddr, access);
        if (cpu->target->bus_fault)
            cpu->target->bus_fault(cpu, vaddr, access, TCG_BUS_DECODE_ERROR);
        return SIZE_MAX;
    }
    return full_index(mmu_idx, vaddr);
}

static bool tlb_probe_entry(tcg_cpu *cpu, uint32_t vaddr, tcg_access access, int mmu_idx, size_t *idx)
{
    tcg_tlb_entry *e = tcg_tlb_entry_for(cpu, mmu_idx, vaddr);
    if (!entry_valid(*entry_tag(e, access), vaddr)) {
        cpu->stat_tlb_misses++;
        if (!cpu->target->tlb_fill(cpu, vaddr, access, mmu_idx, true) ||
            !entry_valid(*entry_tag(e, access), vaddr))
            return false;
    }
    *idx = full_index(mmu_idx, vaddr);
    return true;
}

/* ---- accesses within one page ----------------------------------------- */

static uint64_t bus_access(tcg_cpu *cpu, uint32_t vaddr, uint64_t paddr, unsigned size, bool is_write,
                           uint64_t val, tcg_access access)
{
    uint64_t stall = 0;
    tcg_bus_status st = TCG_BUS_DECODE_ERROR;
    if (cpu->bus.ops && cpu->bus.ops->access)
        st = cpu->bus.ops->access(cpu->bus.opaque, paddr, size, is_write, &val,
                                  tcg_cpu_insn_cycles(cpu), &stall);
    cpu->cycles += stall;
    if (st != TCG_BUS_OK) {
        if (cpu->target->bus_fault)
            cpu->target->bus_fault(cpu, vaddr, access, st);
        tcg_log_item(cpu, TCG_LOG_GUEST_ERROR, "bus %s error at %08x (phys %08llx, size %u)\n",
                     is_write ? "write" : "read", vaddr, (unsigned long long)paddr, size);
        return 0;
    }
    return val;
}

static uint32_t ld_page(tcg_cpu *cpu, uint32_t vaddr, unsigned size, tcg_access access, int mmu_idx)
{
    size_t i = tlb_fill_entry(cpu, vaddr, access, mmu_idx);
    if (i == SIZE_MAX)
        return 0;
    const tcg_tlb_full *f = &cpu->tlb_full[mmu_idx][i];
    uint32_t off = vaddr & OFFSET_MASK;
    if (f->host_read) {
        uint32_t v = 0;
        memcpy(&v, f->host_read + off, size);
        if (access == TCG_ACCESS_READ)
            cpu->cycles += f->lat_read;
        return v;
    }
    return (uint32_t)bus_access(cpu, vaddr, f->phys_page | off, size, false, 0, access);
}

static void st_page(tcg_cpu *cpu, uint32_t vaddr, unsigned size, uint32_t val, int mmu_idx)
{
    size_t i = tlb_fill_entry(cpu, vaddr, TCG_ACCESS_WRITE, mmu_idx);
    if (i == SIZE_MAX)
        return;
    tcg_tlb_entry *e = &cpu->tlb[mmu_idx][i];
    const tcg_tlb_full *f = &cpu->tlb_full[mmu_idx][i];
    uint32_t off = vaddr & OFFSET_MASK;
    if (e->addr_write & TCG_TLB_NOTDIRTY)
        tcg_tb_invalidate_phys_range(cpu, f->phys_page | off, size);
    if (f->host_write) {
        memcpy(f->host_write + off, &val, size);
        cpu->cycles += f->lat_write;
        return;
    }
    bus_access(cpu, vaddr, f->phys_page | off, size, true, val, TCG_ACCESS_WRITE);
}

static bool crosses(uint32_t vaddr, unsigned size)
{
    return (vaddr & OFFSET_MASK) + size > TCG_PAGE_SIZE;
}

static uint32_t extend(uint32_t v, uint32_t memop)
{
    if (memop & TCG_MO_SIGN) {
        if ((memop & TCG_MO_SIZE) == TCG_MO_8)
            return (uint32_t)(int32_t)(int8_t)v;
        if ((memop & TCG_MO_SIZE) == TCG_MO_16)
            return (uint32_t)(int32_t)(int16_t)v;
    }
    return v;
}

static uint32_t ld_any(tcg_cpu *cpu, uint32_t vaddr, unsigned size, tcg_access access, int mmu_idx)
{
    if (!crosses(vaddr, size))
        return ld_page(cpu, vaddr, size, access, mmu_idx);
    uint32_t v = 0;
    for (unsigned b = 0; b < size; b++)
        v |= ld_page(cpu, vaddr + b, 1, access, mmu_idx) << (8 * b);
    return v;
}

/* TCG_MO_ALIGN_ROT: rotate the aligned word so the addressed byte is in [7:0] */
static uint32_t rot_word(uint32_t w, uint32_t vaddr)
{
    unsigned sh = 8u * (vaddr & 3u);
    return sh ? (w >> sh) | (w << (32u - sh)) : w;
}

uint32_t tcg_tlb_ld_slow(tcg_cpu *cpu, uint32_t vaddr, uint32_t memop)
{
    if (memop & TCG_MO_ALIGN_ROT)   /* the aligned word, rotated (tcg.h) */
        return rot_word(tcg_tlb_ld_slow(cpu, vaddr & ~3u, memop & ~TCG_MO_ALIGN_ROT), vaddr);
    unsigned size = 1u << (memop & TCG_MO_SIZE);
    int mmu_idx = (int)((memop >> TCG_MO_IDX_SHIFT) & (TCG_NB_MMU_MODES - 1));
    if (cpu->debug)
        tcg_debug_check_access(cpu, vaddr, size, false);
    return extend(ld_any(cpu, vaddr, size, TCG_ACCESS_READ, mmu_idx), memop);
}

void tcg_tlb_st_slow(tcg_cpu *cpu, uint32_t vaddr, uint32_t val, uint32_t memop)
{
    unsigned size = 1u << (memop & TCG_MO_SIZE);
    int mmu_idx = (int)((memop >> TCG_MO_IDX_SHIFT) & (TCG_NB_MMU_MODES - 1));
    if (cpu->debug)
        tcg_debug_check_access(cpu, vaddr, size, true);
    if (!crosses(vaddr, size)) {
        st_page(cpu, vaddr, size, val, mmu_idx);
        return;
    }
    /* translate both pages before writing anything: a fault on the second
     * must leave the first untouched */
    (void)tlb_fill_entry(cpu, vaddr, TCG_ACCESS_WRITE, mmu_idx);
    (void)tlb_fill_entry(cpu, vaddr + size - 1u, TCG_ACCESS_WRITE, mmu_idx);
    for (unsigned b = 0; b < size; b++)
        st_page(cpu, vaddr + b, 1, (val >> (8 * b)) & 0xffu, mmu_idx);
}

/* ---- API ------------------------------------------------------------------ */

uint32_t tcg_mem_ld(tcg_cpu *cpu, uint32_t vaddr, uint32_t memop)
{
    return tcg_tlb_ld_slow(cpu, vaddr, memop);
}

void tcg_mem_st(tcg_cpu *cpu, uint32_t vaddr, uint32_t val, uint32_t memop)
{
    tcg_tlb_st_slow(cpu, vaddr, val, memop);
}

static bool probe_byte_range(tcg_cpu *cpu, uint32_t vaddr, unsigned size, int mmu_idx, uint32_t *out)
{
    size_t i;
    if (!tlb_probe_entry(cpu, vaddr, TCG_ACCESS_READ, mmu_idx, &i))
        return false;
    const tcg_tlb_full *f = &cpu->tlb_full[mmu_idx][i];
    uint32_t off = vaddr & OFFSET_MASK;
    uint32_t v = 0;
    if (f->host_read) {
        memcpy(&v, f->host_read + off, size);
    } else {
        uint64_t val = 0, stall = 0;
        if (!cpu->bus.ops || !cpu->bus.ops->access ||
            cpu->bus.ops->access(cpu->bus.opaque, f->phys_page | off, size, false, &val,
                                 tcg_cpu_insn_cycles(cpu), &stall) != TCG_BUS_OK)
            return false;
        cpu->cycles += stall;
        v = (uint32_t)val;
    }
    *out = v;
    return true;
}

bool tcg_mem_probe_ld(tcg_cpu *cpu, uint32_t vaddr, uint32_t memop, uint32_t *val)
{
    if (memop & TCG_MO_ALIGN_ROT) {
        uint32_t w;
        if (!tcg_mem_probe_ld(cpu, vaddr & ~3u, memop & ~TCG_MO_ALIGN_ROT, &w))
            return false;
        *val = rot_word(w, vaddr);
        return true;
    }
    unsigned size = 1u << (memop & TCG_MO_SIZE);
    int mmu_idx = (int)((memop >> TCG_MO_IDX_SHIFT) & (TCG_NB_MMU_MODES - 1));
    uint32_t v = 0;
    if (!crosses(vaddr, size)) {
        if (!probe_byte_range(cpu, vaddr, size, mmu_idx, &v))
            return false;
    } else {
        for (unsigned b = 0; b < size; b++) {
            uint32_t byte;
            if (!probe_byte_range(cpu, vaddr + b, 1, mmu_idx, &byte))
                return false;
            v |= byte << (8 * b);
        }
    }
    *val = extend(v, memop);
    return true;
}

static uint32_t code_ld(tcg_cpu *cpu, uint32_t vaddr, unsigned size, int mmu_idx)
{
    tcg_tlb_entry *e = tcg_tlb_entry_for(cpu, mmu_idx, vaddr);
    if (e->addr_code == (vaddr & TCG_PAGE_MASK) && !crosses(vaddr, size)) {
        uint32_t v = 0;
        memcpy(&v, (const void *)(vaddr + e->addend), size);
        return v;
    }
    return ld_any(cpu, vaddr, size, TCG_ACCESS_EXEC, mmu_idx);
}

uint32_t tcg_code_ld16(tcg_cpu *cpu, uint32_t vaddr, int mmu_idx)
{
    return code_ld(cpu, vaddr, 2, mmu_idx);
}

uint32_t tcg_code_ld32(tcg_cpu *cpu, uint32_t vaddr, int mmu_idx)
{
    return code_ld(cpu, vaddr, 4, mmu_idx);
}

uint64_t tcg_tlb_code_phys(tcg_cpu *cpu, uint32_t vaddr, int mmu_idx)
{
    size_t i = tlb_fill_entry(cpu, vaddr, TCG_ACCESS_EXEC, mmu_idx);
    if (i == SIZE_MAX)
        return vaddr;    /* only reached when the target did not raise */
    return cpu->tlb_full[mmu_idx][i].phys_page | (vaddr & OFFSET_MASK);
}

bool tcg_tlb_code_phys_probe(tcg_cpu *cpu, uint32_t vaddr, int mmu_idx, uint64_t *phys)
{
    size_t i;
    if (!tlb_probe_entry(cpu, vaddr, TCG_ACCESS_EXEC, mmu_idx, &i))
        return false;
    *phys = cpu->tlb_full[mmu_idx][i].phys_page | (vaddr & OFFSET_MASK);
    return true;
}

uint64_t tcg_cpu_debug_rw(tcg_cpu *cpu, uint32_t vaddr, uint8_t *buf, uint64_t len, bool is_write)
{
    uint32_t pc = 0, flags = 0;
    if (cpu->target && cpu->target->get_tb_state)
        cpu->target->get_tb_state(cpu, &pc, &flags);
    int mmu_idx = tcg_cpu_mmu_index(cpu, flags);
    uint64_t done = 0;
    if (!cpu->bus.ops || !cpu->bus.ops->debug_access)
        return 0;
    while (done < len) {
        uint32_t va = vaddr + (uint32_t)done;
        uint64_t chunk = TCG_PAGE_SIZE - (va & OFFSET_MASK);
        if (chunk > len - done)
            chunk = len - done;
        size_t i;
        /* read permission is enough, also for writes: debuggers plant
         * breakpoints in read-only code */
        if (!tlb_probe_entry(cpu, va, TCG_ACCESS_READ, mmu_idx, &i))
            break;
        uint64_t pa = cpu->tlb_full[mmu_idx][i].phys_page | (va & OFFSET_MASK);
        uint64_t n = cpu->bus.ops->debug_access(cpu->bus.opaque, pa, buf + done, chunk, is_write);
        if (is_write && n)
            tcg_tb_invalidate_phys_range(cpu, pa, n);
        done += n;
        if (n < chunk)
            break;
    }
    return done;
}
