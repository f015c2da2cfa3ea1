/*
 * ARM926EJ-S system control coprocessor (CP15) and the CP14 debug ID.
 *
 * Register map: ARM926EJ-S TRM (DDI 0198E) chapter 2, with QEMU's
 * "arm926" choices where the TRM leaves room:
 *   c0  c0,0 MIDR 0x41069265; c0,1 CTR 0x01dd20d2; c0,2 TCM status 0 (no
 *       TCMs); other opc2 read as MIDR (TRM); opc1=1 reads 0 (Linux probes
 *       the v7 cache ID registers there)
 *   c1  SCTLR, stored as written (as QEMU); M, A, S, R, V take effect
 *   c2  TTBR     c3 DACR     c5 DFSR (opc2 0) / IFSR (opc2 1)     c6 FAR
 *   c7  cache operations: every MCR is accepted (no caches are modelled;
 *       code changes are caught by TB invalidation); c7,c0,4 and c7,c8,2
 *       are wait-for-interrupt; MRC c7,c10,3 / c7,c14,3 (test and clean,
 *       test clean and invalidate) return 0x40000000 ("clean", Z set)
 *   c8  TLB invalidate (any CRm, any opc1): opc2 0 all, 1 by MVA, 2/3 all
 *   c9  c0,0/c0,1 D/I cache lockdown (read/write storage); c1,0/c1,1 TCM
 *       regions read 0, writes ignored (no TCMs)
 *   c10 c0,0 TLB lockdown (read/write storage)
 *   c13 c0,0 FCSE PID (bits [31:25]; changes flush the TLB); c0,1 context ID
 *   c15 implementation-defined test/debug: reads 0, writes ignored
 *   CP14 c0,c0,0 DBGDIDR reads 0 from any mode (as QEMU: Linux then leaves
 *       the debug hardware alone)
 *
 * Access: privileged only, except the CP15 test-and-clean reads and
 * DBGDIDR, which QEMU allows from User mode.  Anything else is UNDEFINED
 * and logged under -d unimp.
 *
 * MRC with Rd = 15 (test and clean loops: "MRC p15, 0, r15, c7, c10, 3"):
 * arm_helper_mrc returns the value; the front end must then copy bits
 * [31:28] of the result to N Z C V and not write r15 (ARM ARM A4.1.32).
 *
 * State changes the front end must respect: every MCR can change
 * translation (SCTLR.A is a TB flag, SCTLR.M/TTBR/DACR/FCSE change the
 * mapping), so the TB ends after each MCR.
 */
#include "targets/arm/cpu.h"
#include "targets/arm/internals.h"

#define ARM926_MIDR 0x41069265u
#define ARM926_CTR  0x01dd20d2u
#define ARM926_SCTLR_RESET 0x00090078u

typedef struct arm_cp_fields {
    unsigned cp, opc1, crn, crm, opc2, rd;
} arm_cp_fields;

static arm_cp_fields arm_cp_decode(uint32_t insn)
{
    arm_cp_fields f = {
        .cp = (insn >> 8) & 15, .opc1 = (insn >> 21) & 7, .crn = (insn >> 16) & 15,
        .crm = insn & 15, .opc2 = (insn >> 5) & 7, .rd = (insn >> 12) & 15,
    };
    return f;
}

void arm_cp15_reset(arm_cpu *cpu)
{
    arm_cp15 *cp = &cpu->cp15;

    *cp = (arm_cp15){ 0 };
    cp->midr = ARM926_MIDR;
    cp->ctr = ARM926_CTR;
    cp->sctlr = ARM926_SCTLR_RESET;
}

/* No such register (or no access from this mode): UNDEFINED.  QEMU logs
 * these under -d unimp ("unsupported system register"); so do we. */
static arm_cp_status arm_cp_unknown(arm_cpu *cpu, bool read, const arm_cp_fields *f)
{
    tcg_log_item(&cpu->common, TCG_LOG_UNIMP,
                 "arm: %s unsupported coprocessor register cp%u, opc1 %u, c%u, c%u, opc2 %u%s\n",
                 read ? "read of" : "write to", f->cp, f->opc1, f->crn, f->crm, f->opc2,
                 arm_is_user(cpu) ? " (User mode)" : "");
    return ARM_CP_UNDEF;
}

arm_cp_status arm_cp_read(arm_cpu *cpu, uint32_t insn, uint32_t *val)
{
    arm_cp_fields f = arm_cp_decode(insn);
    arm_cp15 *cp = &cpu->cp15;
    bool user = arm_is_user(cpu);

    if (f.cp == 14) {
        if (f.opc1 == 0 && f.crn == 0 && f.crm == 0 && f.opc2 == 0) {
            *val = 0;   /* DBGDIDR */
            return ARM_CP_OK;
        }
        return arm_cp_unknown(cpu, true, &f);
    }
    if (f.cp != 15)
        return arm_cp_unknown(cpu, true, &f);
    /* the only User-mode readable CP15 registers: test and clean */
    if (f.crn == 7 && f.opc1 == 0 && f.opc2 == 3 && (f.crm == 10 || f.crm == 14)) {
        *val = ARM_CPSR_Z;   /* the data cache is always clean */
        return ARM_CP_OK;
    }
    if (user)
        return arm_cp_unknown(cpu, true, &f);
    if (f.crn == 15) {
        *val = 0;
        return ARM_CP_OK;
    }
    if (f.crn == 0 && f.crm == 0 && f.opc1 == 1) {
        *val = 0;
        return ARM_CP_OK;
    }
    if (f.opc1 != 0)
        return arm_cp_unknown(cpu, true, &f);

    switch (f.crn) {
    case 0:
        if (f.crm != 0)
            break;
        *val = f.opc2 == 1 ? cp->ctr : f.opc2 == 2 ? 0 : cp->midr;
        return ARM_CP_OK;
    case 1:
        if (f.crm == 0 && f.opc2 == 0) {
            *val = cp->sctlr;
            return ARM_CP_OK;
        }
        break;
    case 2:
        if (f.crm == 0 && f.opc2 == 0) {
            *val = cp->ttbr;
            return ARM_CP_OK;
        }
        break;
    case 3:
        if (f.crm == 0 && f.opc2 == 0) {
            *val = cp->dacr;
            return ARM_CP_OK;
        }
        break;
    case 5:
        if (f.crm == 0 && f.opc2 <= 1) {
            *val = f.opc2 == 0 ? cp->dfsr : cp->ifsr;
            return ARM_CP_OK;
        }
        break;
    case 6:
        if (f.crm == 0 && f.opc2 == 0) {
            *val = cp->far;
            return ARM_CP_OK;
        }
        break;
    case 9:
        if (f.crm == 0 && f.opc2 <= 1) {
            *val = f.opc2 == 0 ? cp->dlockdown : cp->ilockdown;
            return ARM_CP_OK;
        }
        if (f.crm == 1 && f.opc2 <= 1) {
            *val = 0;   /* DTCM / ITCM region: no TCMs */
            return ARM_CP_OK;
        }
        break;
    case 10:
        if (f.crm == 0 && f.opc2 == 0) {
            *val = cp->tlb_lockdown;
            return ARM_CP_OK;
        }
        break;
    case 13:
        if (f.crm == 0 && f.opc2 <= 1) {
            *val = f.opc2 == 0 ? cp->fcse_pid : cp->context_id;
            return ARM_CP_OK;
        }
        break;
    default:
        break;
    }
    return arm_cp_unknown(cpu, true, &f);
}

static arm_cp_status arm_sctlr_write(arm_cpu *cpu, uint32_t val)
{
    uint32_t old = cpu->cp15.sctlr;

    cpu->cp15.sctlr = val;
    arm_tb_flags_refresh(cpu);           /* A is a TB flag */
    /* M, S and R change every translation; A and V change nothing cached
     * in the TLB (A is a TB flag, V is read at exception entry). */
    if ((old ^ val) & (ARM_SCTLR_M | ARM_SCTLR_S | ARM_SCTLR_R))
        arm_mmu_flush_all(cpu);
    tcg_log_item(&cpu->common, TCG_LOG_MMU, "arm: SCTLR 0x%08x -> 0x%08x\n", old, val);
    return ARM_CP_OK;
}

arm_cp_status arm_cp_write(arm_cpu *cpu, uint32_t insn, uint32_t val)
{
    arm_cp_fields f = arm_cp_decode(insn);
    arm_cp15 *cp = &cpu->cp15;

    if (f.cp != 15 || arm_is_user(cpu))
        return arm_cp_unknown(cpu, false, &f);
    if (f.crn == 15)
        return ARM_CP_OK;
    if (f.crn == 8) {
        if (f.opc2 == 1)
            arm_mmu_flush_mva(cpu, val);
        else if (f.opc2 <= 3)
            arm_mmu_flush_all(cpu);
        else
            return arm_cp_unknown(cpu, false, &f);
        return ARM_CP_OK;
    }
    if (f.opc1 != 0)
        return arm_cp_unknown(cpu, false, &f);

    switch (f.crn) {
    case 1:
        if (f.crm == 0 && f.opc2 == 0)
            return arm_sctlr_write(cpu, val);
        break;
    case 2:
        if (f.crm == 0 && f.opc2 == 0) {
            /* the TLB caches walks, not the base: no flush (ARM ARM B4.2) */
            cp->ttbr = val;
            return ARM_CP_OK;
        }
        break;
    case 3:
        if (f.crm == 0 && f.opc2 == 0) {
            /* domain checks are folded into the cached protections */
            if (cp->dacr != val)
                arm_mmu_flush_all(cpu);
            cp->dacr = val;
            return ARM_CP_OK;
        }
        break;
    case 5:
        if (f.crm == 0 && f.opc2 <= 1) {
            if (f.opc2 == 0)
                cp->dfsr = val;
            else
                cp->ifsr = val;
            return ARM_CP_OK;
        }
        break;
    case 6:
        if (f.crm == 0 && f.opc2 == 0) {
            cp->far = val;
            return ARM_CP_OK;
        }
        break;
    case 7:
        if ((f.crm == 0 && f.opc2 == 4) || (f.crm == 8 && f.opc2 == 2))
            return ARM_CP_WFI;
        return ARM_CP_OK;   /* cache maintenance: nothing is cached */
    case 9:
        if (f.crm == 0 && f.opc2 <= 1) {
            if (f.opc2 == 0)
                cp->dlockdown = val;
            else
                cp->ilockdown = val;
            return ARM_CP_OK;
        }
        if (f.crm == 1 && f.opc2 <= 1) {
            /* TCM region: there are no TCMs, the write enables nothing */
            tcg_log_item(&cpu->common, TCG_LOG_UNIMP, "arm: TCM region write 0x%08x ignored\n", val);
            return ARM_CP_OK;
        }
        break;
    case 10:
        if (f.crm == 0 && f.opc2 == 0) {
            cp->tlb_lockdown = val;
            return ARM_CP_OK;
        }
        break;
    case 13:
        if (f.crm == 0 && f.opc2 == 0) {
            val &= 0xfe000000u;
            if (val != cp->fcse_pid) {
                cp->fcse_pid = val;
                arm_mmu_flush_all(cpu);
            }
            return ARM_CP_OK;
        }
        if (f.crm == 0 && f.opc2 == 1) {
            cp->context_id = val;
            return ARM_CP_OK;
        }
        break;
    default:
        break;
    }
    return arm_cp_unknown(cpu, false, &f);
}
