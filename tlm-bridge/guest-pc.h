/*
 * tlmb::CpuExtension: tells a target which tcg CPU issued a transaction,
 * so it can learn the guest PC of the instruction making the access
 * (the SerialICE log needs it; tcg_bus_ops::access does not carry it).
 *
 * The CPU initiator attaches one to its reused payload once, at
 * construction; the payload owns it (freed by the payload's destructor).
 * Nothing is done per access: the PC is read from the CPU when a target
 * asks, from cpu->cur_insn (set by every backend before a memory slow
 * path runs), or from the target's own PC when no TB is running.
 *
 * Initiators that are not CPUs (DMA, the SerialICE target server) attach
 * none: guest_pc() then returns false.
 */
#ifndef TLMB_GUEST_PC_H
#define TLMB_GUEST_PC_H

#include <cstdint>

#include <tlm>

#include "tlm-bridge/c-api.h"

namespace tlmb {

struct CpuExtension : tlm::tlm_extension<CpuExtension> {
    explicit CpuExtension(tcg_cpu *c = nullptr) : cpu(c) {}
    tlm::tlm_extension_base *clone() const override { return new CpuExtension(cpu); }
    void copy_from(const tlm::tlm_extension_base &o) override
    {
        cpu = static_cast<const CpuExtension &>(o).cpu;
    }
    tcg_cpu *cpu;
};

/* The issuing CPU, or NULL. */
inline tcg_cpu *issuing_cpu(const tlm::tlm_generic_payload &t)
{
    CpuExtension *e = t.get_extension<CpuExtension>();
    return e ? e->cpu : nullptr;
}

/* The guest PC of the instruction making this access; false when the
 * initiator is not a CPU. */
inline bool guest_pc(const tlm::tlm_generic_payload &t, uint32_t *pc)
{
    tcg_cpu *c = issuing_cpu(t);
    if (!c)
        return false;
    if (c->cur_insn) {
        *pc = c->cur_insn->pc;
        return true;
    }
    uint32_t flags = 0;
    *pc = 0;
    if (c->target && c->target->get_tb_state)
        c->target->get_tb_state(c, pc, &flags);
    return true;
}

} // namespace tlmb

#endif
