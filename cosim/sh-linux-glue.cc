/*
 * The platform side of the SH Linux boot protocol (board boot protocol
 * "linux-sh", e.g. -M shix): after -kernel has loaded a vmlinux ELF,
 * -append and -initrd go into the kernel's boot parameter page
 * (cosim/sh-linux-boot.h), as a boot loader would leave them.
 *
 *   - the page: the ELF symbol empty_zero_page, or without symbols one
 *     page (4 KiB) below the entry point _stext; it must carry the
 *     kernel's "SE?" mark, so a bare-metal ELF given -append is refused
 *     instead of being patched;
 *   - the initrd (any bytes: an initramfs cpio or a ramdisk image) goes at
 *     the top of the RAM bank that holds the kernel, page aligned, and
 *     INITRD_START counts from that bank's base: the kernel must be built
 *     with CONFIG_MEMORY_START = that base (SHIX: 0x0c000000 or 0x08000000);
 *   - the CPU starts at the ELF entry with the reset state, as for any ELF;
 *     the kernel's head code sets SR, VBR and its stack itself.
 */
#include "cosim/platform.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "cosim/cpu-factory.h"
#include "cosim/loader.h"
#include "cosim/sh-linux-boot.h"
#include "cosim/errors.h"

namespace cosim {

bool Platform::boot_sh_linux(const loader_image &img, std::string *err)
{
    const std::string &kernel = opts_.kernel;
    if (img.format != LOADER_FORMAT_ELF)
        return fail(err, kernel + ": a raw image; -append and -initrd need the SH Linux kernel as an ELF (vmlinux)");
    const loader_symbol *zp = loader_symbol_find(&img, "empty_zero_page");
    const uint64_t page_addr = zp ? zp->addr : img.entry - SH_LINUX_PAGE_SIZE;
    const uint64_t page_bus = guest_->load_address_to_bus(page_addr);
    uint64_t off = 0;
    tlmb::Memory *ram = memory_at(page_bus, &off);
    char why[256];
    if (!ram || off + SH_LINUX_PARAMS_SIZE > ram->size() || !sh_linux_params_marked(ram->data() + off)) {
        std::snprintf(why, sizeof why,
                      "%s: not an SH Linux kernel (no boot parameter page with the \"SE?\" mark at 0x%08llx); "
                      "-append and -initrd need one",
                      kernel.c_str(), static_cast<unsigned long long>(page_addr));
        return fail(err, why);
    }
    uint8_t *page = ram->data() + off;
    const uint64_t ram_base = page_bus - off;

    uint64_t initrd_at = 0;
    std::vector<uint8_t> initrd;
    if (!opts_.initrd.empty()) {
        if (!read_option_file("-initrd", opts_.initrd, &initrd, err))
            return false;
        const uint64_t kernel_end = guest_->load_address_to_bus(img.high - 1) + 1;
        if (!sh_linux_initrd_place(ram_base, ram->size(), kernel_end, initrd.size(), &initrd_at, why, sizeof why))
            return fail(err, why);
        std::memcpy(ram->data() + (initrd_at - ram_base), initrd.data(), initrd.size());
    }
    if (!sh_linux_params_fill(page, opts_.append.empty() ? nullptr : opts_.append.c_str(),
                              static_cast<uint32_t>(initrd_at - ram_base), static_cast<uint32_t>(initrd.size()),
                              why, sizeof why))
        return fail(err, why);
    return true;
}

} // namespace cosim
