/*
 * cosim::GuestCpu (see cpu-factory.h): ARM926EJ-S and SH7750 CPUs behind
 * one small interface for the platform builder.
 *
 * SH-4 facts used here (SH7750 hardware manual, sections 3.3 and 5.4):
 * after a power-on reset the CPU fetches from 0xa0000000, which is P2
 * (uncached, untranslated) over physical address 0, the boot ROM; P1
 * (0x80000000) and P2 (0xa0000000) map the 512 MiB physical space by
 * dropping the top three address bits.
 */
#include "cosim/cpu-factory.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

extern "C" {
#include "targets/arm/cpu.h"
#include "targets/sh4/cpu.h"
}
#include "cosim/loader.h"
#include "cosim/platform.h"
#include "cosim/errors.h"
#include "platforms/board.h"

#include <libfdt.h>

namespace cosim {

namespace {

constexpr uint32_t kSh4P2 = 0xa0000000u;
constexpr uint64_t kSh4PhysMask = 0x1fffffffu;


/* clock-frequency of the first device_type = "cpu" node, 0 if none */
uint64_t cpu_clock(const board &b)
{
    const int node = fdt_node_offset_by_prop_value(b.fdt, -1, "device_type", "cpu", 4);
    uint64_t hz = 0;
    if (node < 0 || !board_prop_u64(&b, node, "clock-frequency", &hz))
        return 0;
    return hz;
}

} // namespace

std::unique_ptr<GuestCpu> GuestCpu::create(const board &b, const char *backend, std::string *err)
{
    std::unique_ptr<GuestCpu> g(new GuestCpu());
    g->model_ = b.cpu_model;
    g->hz_ = cpu_clock(b);
    const std::string bad_backend = std::string("--backend ") + backend +
                                    ": unknown translation backend (known: interp, jit on x86-64)";
    if (g->model_ == "arm,arm926ej-s") {
        g->arch_ = Arch::Arm;
        g->arm_ = static_cast<arm_cpu *>(std::calloc(1, sizeof(arm_cpu)));
        if (!g->arm_) {
            fail(err, "out of memory");
            return nullptr;
        }
        if (!arm_cpu_init(g->arm_, "arm926", backend)) {
            fail(err, bad_backend);
            return nullptr;
        }
        g->common_ = &g->arm_->common;
    } else if (sh4_model_known(b.cpu_model)) {
        g->arch_ = Arch::Sh4;
        g->sh4_ = static_cast<sh4_cpu *>(std::calloc(1, sizeof(sh4_cpu)));
        if (!g->sh4_) {
            fail(err, "out of memory");
            return nullptr;
        }
        if (!sh4_cpu_init(g->sh4_, b.cpu_model, backend)) {
            fail(err, bad_backend);
            return nullptr;
        }
        g->common_ = &g->sh4_->common;
    } else {
        fail(err, std::string("board ") + b.name + ": CPU \"" + b.cpu_model +
                      "\" is not supported (known: arm,arm926ej-s, renesas,sh7750)");
        return nullptr;
    }
    g->inited_ = true;
    return g;
}

GuestCpu::~GuestCpu()
{
    if (inited_ && arm_)
        tcg_cpu_destroy(&arm_->common);
    if (inited_ && sh4_)
        sh4_cpu_destroy(sh4_);
    std::free(arm_);
    std::free(sh4_);
}

void GuestCpu::bus_installed(const board &b)
{
    if (!sh4_)
        return;
    sh4_cpu_attach_bus(sh4_, sh4_->common.bus);
    /* the INTC's acknowledge word (peripherals/sh7750_intc.c); without a
     * controller, interrupts are taken as level 15 (targets/sh4/cpu.h) */
    sh4_->intc_ack_addr = b.root_intc >= 0 ? static_cast<uint32_t>(b.devices[b.root_intc].base) + 0x80u : 0u;
}

uint16_t GuestCpu::elf_machine() const
{
    return arch_ == Arch::Sh4 ? LOADER_EM_SH : LOADER_EM_ARM;
}

uint64_t GuestCpu::load_address_to_bus(uint64_t addr) const
{
    return arch_ == Arch::Sh4 ? (addr & kSh4PhysMask) : addr;
}

void GuestCpu::set_entry(uint64_t entry, bool raw)
{
    if (arm_) {
        arm_->regs[15] = static_cast<uint32_t>(entry & ~1ull);
        if (entry & 1)
            arm_cpsr_write(arm_, ARM_CPSR_T, ARM_CPSR_T);
        return;
    }
    /* a raw image's entry is its (physical) load address: run it uncached */
    sh4_->pc = raw ? (kSh4P2 | static_cast<uint32_t>(entry & kSh4PhysMask)) : static_cast<uint32_t>(entry);
}

uint32_t GuestCpu::pc() const
{
    return arm_ ? arm_->regs[15] : sh4_->pc;
}

void GuestCpu::reset()
{
    if (arm_)
        arm_cpu_reset(arm_);
    else
        sh4_cpu_reset(sh4_);
}

bool load_bios_image(const std::string &path, uint8_t *rom, uint64_t rom_size, std::string *err)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return fail(err, "-bios " + path + ": " + std::strerror(errno));
    /* one byte more than fits tells "too large" from "exactly full" */
    uint8_t *buf = static_cast<uint8_t *>(std::malloc(rom_size + 1));
    if (!buf) {
        std::fclose(f);
        return fail(err, "out of memory");
    }
    const size_t n = std::fread(buf, 1, rom_size + 1, f);
    const bool read_err = std::ferror(f) != 0;
    const int e = errno;
    std::fclose(f);
    bool ok = false;
    if (read_err)
        fail(err, "-bios " + path + ": " + std::strerror(e));
    else if (n == 0)
        fail(err, "-bios " + path + ": empty file");
    else if (n > rom_size)
        fail(err, "-bios " + path + ": larger than the " + std::to_string(rom_size / 1024) + " KiB boot ROM");
    else {
        std::memcpy(rom, buf, n);
        ok = true;
    }
    std::free(buf);
    return ok;
}

/* ---- the platform side: -bios -------------------------------------------------- */

bool Platform::load_bios(std::string *err)
{
    /* The ROM the reset vector fetches from (SHIX: the 16 KiB ROM at 0).
     * A board without one (the Versatile PB boots from RAM at 0) refuses
     * -bios rather than giving it a made-up meaning. */
    const board &b = *board_;
    const uint64_t at = guest_->reset_fetch_address();
    bool rom = false;
    for (int i = 0; i < b.n_memories; i++)
        if (b.memories[i].read_only && at >= b.memories[i].base && at - b.memories[i].base < b.memories[i].size)
            rom = true;
    uint64_t off = 0;
    tlmb::Memory *m = memory_at(at, &off);
    if (!rom || !m)
        return fail(err, std::string("-bios: board ") + b.name +
                             " has no boot ROM at the reset address (use -kernel)");
    return load_bios_image(opts_.bios, m->data() + off, m->size() - off, err);
}

} // namespace cosim
