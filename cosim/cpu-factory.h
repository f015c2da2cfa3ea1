/*
 * cosim::GuestCpu: the board's CPU, created from the cpu node's compatible
 * (a small per-architecture factory), so the platform builder
 * (platform.cc) stays free of target details:
 *
 *   "arm,arm926ej-s"                  -> targets/arm  (arm_cpu_init)
 *   anything sh4_model_known() takes,  -> targets/sh4  (sh4_cpu_init)
 *   e.g. "renesas,sh7750"
 *
 * What differs between the targets and is answered here: the ELF machine
 * the loader accepts, how a loader address becomes a bus address (SH ELFs
 * are linked at P1/P2 addresses: the bus sees the low 29 bits), where the
 * PC starts for an ELF or a raw image, where the reset vector fetches
 * from (the -bios ROM), the PC to print, and what goes in front of the
 * TLM bus (the SH-4's own CCN registers, store queues and TLB arrays).
 *
 * Invariants: exactly one of arm() / sh4() is non-NULL; the CPU is
 * created reset (ARM: PC 0 in SVC; SH-4: PC 0xa0000000, SR MD|RB|BL|IMASK).
 */
#ifndef COSIM_CPU_FACTORY_H
#define COSIM_CPU_FACTORY_H

#include <cstdint>
#include <memory>
#include <string>

#include "tlm-bridge/c-api.h"

struct arm_cpu;
struct sh4_cpu;
struct board;

namespace cosim {

class GuestCpu {
public:
    enum class Arch { Arm, Sh4 };

    /* The CPU the board names, on translation backend `backend` (already
     * resolved: "interp", "jit").  NULL with one line in *err for an
     * unsupported CPU or an unknown backend. */
    static std::unique_ptr<GuestCpu> create(const board &b, const char *backend, std::string *err);
    ~GuestCpu();
    GuestCpu(const GuestCpu &) = delete;
    GuestCpu &operator=(const GuestCpu &) = delete;

    Arch arch() const { return arch_; }
    tcg_cpu *common() const { return common_; }
    arm_cpu *arm() const { return arm_; }
    sh4_cpu *sh4() const { return sh4_; }
    /* the cpu node's compatible ("renesas,sh7750") */
    const std::string &model() const { return model_; }
    /* the cpu node's clock-frequency in Hz; 0 if the board gives none */
    uint64_t clock_hz() const { return hz_; }

    /* Call once the bus (tlmb::CpuInitiator) is installed as common()->bus:
     * the SH-4 puts its CPU-internal P4 regions in front of it and learns
     * where to acknowledge interrupts (root interrupt controller + 0x80). */
    void bus_installed(const board &b);

    /* ELF e_machine the loader must accept (LOADER_EM_*). */
    uint16_t elf_machine() const;
    /* Bus address for an address the loader hands out (SH: 29 bits). */
    uint64_t load_address_to_bus(uint64_t addr) const;
    /* Physical address the reset vector fetches from: where -bios goes. */
    uint64_t reset_fetch_address() const { return 0; }
    /* Start at the loaded image: an ELF at its entry, a raw -kernel image
     * at its load address (SH-4: through P2, 0xa0000000 | address). */
    void set_entry(uint64_t entry, bool raw);
    /* The PC, for messages. */
    uint32_t pc() const;
    /* Architectural reset (gdb's "monitor system_reset"). */
    void reset();

private:
    GuestCpu() = default;

    Arch arch_ = Arch::Arm;
    std::string model_;
    uint64_t hz_ = 0;
    tcg_cpu *common_ = nullptr;
    arm_cpu *arm_ = nullptr;      /* calloc'd, owned */
    sh4_cpu *sh4_ = nullptr;      /* calloc'd, owned */
    bool inited_ = false;
};

/* Read a -bios image (raw bytes, as QEMU takes it) into rom[0, rom_size);
 * false with one line ("-bios FILE: ...") if it cannot be read or does
 * not fit. */
[[nodiscard]] bool load_bios_image(const std::string &path, uint8_t *rom, uint64_t rom_size, std::string *err);

} // namespace cosim

#endif
