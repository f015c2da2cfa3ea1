/*
 * ARMv5 virtual memory system (ARM ARM v5, chapter B3; ARM926EJ-S TRM
 * chapter 3): the translation table walk, domains, access permissions,
 * fault status, and the soft-TLB fill.
 *
 * Walk: TTBR[31:14] + VA[31:20] selects a first-level descriptor:
 *   xx00 fault   01 coarse table (256 entries, VA[19:12])   10 section 1 MiB
 *   11 fine table (1024 entries, VA[19:10])
 * Second level: 00 fault, 01 large 64 KiB (AP per 16 KiB subpage,
 * VA[15:14]), 10 small 4 KiB (AP per 1 KiB subpage, VA[11:10]), 11 tiny
 * 1 KiB (fine tables only; a translation fault in a coarse table).
 *
 * Fault priority follows the ARM ARM (B3.6, figure "Sequence for checking
 * faults"): external abort on the walk, translation, domain, permission.
 * For pages the domain is checked after the second-level fetch, so an
 * invalid second-level entry in a no-access domain is a page translation
 * fault (0x7); QEMU 7.2 checks the domain first and reports 0xb there.
 *
 * Permissions (AP, SCTLR S/R; ARM ARM B3.4.1):
 *   AP=00: S=0 R=0 none; S=1 R=0 priv R; S=0 R=1 all R; S=1 R=1 none
 *          (UNPREDICTABLE, none as in QEMU)
 *   AP=01 priv RW; AP=10 priv RW, user R; AP=11 all RW.
 * ARMv5 has no execute-never: anything readable is executable.  Manager
 * domains skip the AP check.
 *
 * The soft TLB holds 1 KiB pages, so every mapping enters it in 1 KiB
 * pieces; `tlb_has_large` remembers that a mapping larger than 4 KiB was
 * entered, because an invalidate by MVA must then drop all its pieces.
 *
 * FCSE (ARM ARM B8): addresses below 32 MiB are relocated by the PID
 * before the walk; FAR reports the modified virtual address.  The TLB is
 * keyed by the unmodified VA and flushed when the PID changes.
 */
#include <stdio.h>

#include "targets/arm/cpu.h"
#include "targets/arm/internals.h"

/* Read a page table word.  The walk is a real bus read (it can fail with
 * an external abort); debug walks use the side-effect-free path. */
static bool arm_ptw_ld32(arm_cpu *cpu, uint32_t paddr, bool debug, uint32_t *out)
{
    const tcg_bus *bus = &cpu->common.bus;

    if (!bus->ops)
        return false;
    if (debug) {
        uint8_t b[4];
        if (!bus->ops->debug_access ||
            bus->ops->debug_access(bus->opaque, paddr, b, 4, false) != 4)
            return false;
        *out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
        return true;
    }
    uint64_t val = 0, stall = 0;
    /* time stamp: the TB-granular count is enough for a table read */
    if (bus->ops->access(bus->opaque, paddr, 4, false, &val, cpu->common.cycles, &stall) !=
        TCG_BUS_OK)
        return false;
    *out = (uint32_t)val;
    return true;
}

static uint32_t arm_ap_prot(const arm_cpu *cpu, uint32_t ap, bool user)
{
    switch (ap) {
    case 0:
        switch (cpu->cp15.sctlr & (ARM_SCTLR_S | ARM_SCTLR_R)) {
        case ARM_SCTLR_S: return user ? 0 : TCG_PROT_READ;
        case ARM_SCTLR_R: return TCG_PROT_READ;
        default: return 0;
        }
    case 1: return user ? 0 : TCG_PROT_READ | TCG_PROT_WRITE;
    case 2: return user ? TCG_PROT_READ : TCG_PROT_READ | TCG_PROT_WRITE;
    default: return TCG_PROT_READ | TCG_PROT_WRITE;
    }
}

static const uint32_t arm_access_prot[] = {
    [TCG_ACCESS_READ] = TCG_PROT_READ,
    [TCG_ACCESS_WRITE] = TCG_PROT_WRITE,
    [TCG_ACCESS_EXEC] = TCG_PROT_EXEC,
};

bool arm_mmu_translate(arm_cpu *cpu, uint32_t mva, tcg_access access, int mmu_idx, bool debug,
                       arm_mmu_result *res)
{
    const arm_cp15 *cp = &cpu->cp15;
    bool user = mmu_idx == ARM_MMU_IDX_USER;
    uint32_t desc, desc2, domain, dom_ctl, ap, type;
    bool section;

    res->fsr = 0;
    if (!(cp->sctlr & ARM_SCTLR_M)) {
        res->phys = mva;
        res->prot = TCG_PROT_READ | TCG_PROT_WRITE | TCG_PROT_EXEC;
        res->page_size = 1u << 20;
        return true;
    }

    if (!arm_ptw_ld32(cpu, (cp->ttbr & 0xffffc000u) | ((mva >> 18) & 0x3ffcu), debug, &desc)) {
        res->fsr = ARM_FSR_EXT_L1;
        return false;
    }
    type = desc & 3;
    domain = (desc >> 5) & 15;
    if (type == 0) {
        res->fsr = ARM_FSR_TRANS_SECTION | domain << 4;
        return false;
    }
    section = type == 2;
    if (section) {
        res->phys = (desc & 0xfff00000u) | (mva & 0x000fffffu);
        res->page_size = 1u << 20;
        ap = (desc >> 10) & 3;
    } else {
        uint32_t l2 = type == 1 ? (desc & 0xfffffc00u) | ((mva >> 10) & 0x3fcu)
                                : (desc & 0xfffff000u) | ((mva >> 8) & 0xffcu);
        if (!arm_ptw_ld32(cpu, l2, debug, &desc2)) {
            res->fsr = ARM_FSR_EXT_L2 | domain << 4;
            return false;
        }
        switch (desc2 & 3) {
        case 1:   /* large page, 64 KiB: four 16 KiB subpages */
            res->phys = (desc2 & 0xffff0000u) | (mva & 0xffffu);
            res->page_size = 0x10000;
            ap = (desc2 >> (4 + ((mva >> 13) & 6))) & 3;
            break;
        case 2:   /* small page, 4 KiB: four 1 KiB subpages */
            res->phys = (desc2 & 0xfffff000u) | (mva & 0xfffu);
            res->page_size = 0x1000;
            ap = (desc2 >> (4 + ((mva >> 9) & 6))) & 3;
            break;
        case 3:
            if (type == 1) {   /* tiny pages exist only in fine tables */
                res->fsr = ARM_FSR_TRANS_PAGE | domain << 4;
                return false;
            }
            res->phys = (desc2 & 0xfffffc00u) | (mva & 0x3ffu);
            res->page_size = 0x400;
            ap = (desc2 >> 4) & 3;
            break;
        default:
            res->fsr = ARM_FSR_TRANS_PAGE | domain << 4;
            return false;
        }
    }

    dom_ctl = (cp->dacr >> (2 * domain)) & 3;
    if (dom_ctl == 0 || dom_ctl == 2) {   /* no access, reserved */
        res->fsr = (section ? ARM_FSR_DOMAIN_SECTION : ARM_FSR_DOMAIN_PAGE) | domain << 4;
        return false;
    }
    if (dom_ctl == 3) {   /* manager: no permission check */
        res->prot = TCG_PROT_READ | TCG_PROT_WRITE | TCG_PROT_EXEC;
    } else {
        res->prot = arm_ap_prot(cpu, ap, user);
        if (res->prot & TCG_PROT_READ)
            res->prot |= TCG_PROT_EXEC;
    }
    if (!(res->prot & arm_access_prot[access])) {
        res->fsr = (section ? ARM_FSR_PERM_SECTION : ARM_FSR_PERM_PAGE) | domain << 4;
        return false;
    }
    return true;
}

void arm_mmu_record_fault(arm_cpu *cpu, uint32_t mva, tcg_access access, uint32_t fsr)
{
    if (access == TCG_ACCESS_EXEC) {
        /* ARMv5 has no IFAR: the faulting address is the aborted PC */
        cpu->cp15.ifsr = fsr;
    } else {
        cpu->cp15.dfsr = fsr;
        cpu->cp15.far = mva;
    }
}

static const char *const arm_access_name[] = { "read", "write", "exec" };

bool arm_tlb_fill(tcg_cpu *c, uint32_t vaddr, tcg_access access, int mmu_idx, bool probe)
{
    arm_cpu *cpu = arm_env(c);
    uint32_t mva = arm_fcse_mva(cpu, vaddr);
    arm_mmu_result r;

    if (arm_mmu_translate(cpu, mva, access, mmu_idx, probe, &r)) {
        tcg_log_item(c, TCG_LOG_MMU,
                     "arm_mmu: %s va 0x%08x mva 0x%08x idx %d -> pa 0x%08x prot %c%c%c size 0x%x\n",
                     arm_access_name[access], vaddr, mva, mmu_idx, r.phys,
                     (r.prot & TCG_PROT_READ) ? 'r' : '-', (r.prot & TCG_PROT_WRITE) ? 'w' : '-',
                     (r.prot & TCG_PROT_EXEC) ? 'x' : '-', r.page_size);
        if (r.page_size > 0x1000)
            cpu->tlb_has_large = true;
        tcg_tlb_set_page(c, vaddr & TCG_PAGE_MASK, r.phys & TCG_PAGE_MASK, r.prot, mmu_idx);
        return true;
    }
    tcg_log_item(c, TCG_LOG_MMU, "arm_mmu: %s va 0x%08x mva 0x%08x idx %d -> fault FSR 0x%x%s\n",
                 arm_access_name[access], vaddr, mva, mmu_idx, r.fsr, probe ? " (probe)" : "");
    if (probe)
        return false;
    arm_mmu_record_fault(cpu, mva, access, r.fsr);
    arm_mmu_raise(cpu, access);
}

void arm_mmu_raise(arm_cpu *cpu, tcg_access access)
{
    /* Fetches fault while a TB is translated, and (tcg/cpu.h rules) only
     * for the TB's first instruction, whose address is still in regs[15];
     * nothing to restore.  Data aborts restore the faulting instruction. */
    if (access == TCG_ACCESS_EXEC)
        tcg_cpu_raise(&cpu->common, ARM_EXCP_PREFETCH);
    tcg_cpu_raise_restore(&cpu->common, ARM_EXCP_DATA_ABORT);
}

void arm_bus_fault(tcg_cpu *c, uint32_t vaddr, tcg_access access, tcg_bus_status status)
{
    arm_cpu *cpu = arm_env(c);
    uint32_t mva = arm_fcse_mva(cpu, vaddr);

    /* ARM926: "external abort on noncachable nonbufferable access"; slave
     * and decode errors look the same (ARMv5 FSRs have no ExT bit) */
    tcg_log_item(c, TCG_LOG_GUEST_ERROR, "arm: bus %s error on %s at 0x%08x: external abort\n",
                 status == TCG_BUS_DECODE_ERROR ? "decode" : "slave", arm_access_name[access], vaddr);
    arm_mmu_record_fault(cpu, mva, access, ARM_FSR_EXT);
    arm_mmu_raise(cpu, access);
}

int arm_mmu_index(tcg_cpu *c, uint32_t tb_flags)
{
    (void)c;
    return (tb_flags & ARM_TBFLAG_PRIV) ? ARM_MMU_IDX_PRIV : ARM_MMU_IDX_USER;
}

void arm_mmu_flush_all(arm_cpu *cpu)
{
    cpu->tlb_has_large = false;
    tcg_tlb_flush(&cpu->common);
}

void arm_mmu_flush_mva(arm_cpu *cpu, uint32_t mva)
{
    /* A mapping larger than 4 KiB sits in the TLB as many 1 KiB pieces:
     * only a full flush is sure to drop them all. */
    if (cpu->tlb_has_large) {
        arm_mmu_flush_all(cpu);
        return;
    }
    /* The TLB is keyed by VA: an MVA in the current FCSE slot was reached
     * from the VA below 32 MiB as well as from itself. */
    for (unsigned i = 0; i < 4; i++)
        tcg_tlb_flush_page(&cpu->common, (mva & ~0xfffu) + i * TCG_PAGE_SIZE);
    if (cpu->cp15.fcse_pid && (mva & 0xfe000000u) == cpu->cp15.fcse_pid) {
        uint32_t va = mva - cpu->cp15.fcse_pid;
        for (unsigned i = 0; i < 4; i++)
            tcg_tlb_flush_page(&cpu->common, (va & ~0xfffu) + i * TCG_PAGE_SIZE);
    }
}
