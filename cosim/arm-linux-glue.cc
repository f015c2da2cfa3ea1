/*
 * The platform side of the ARM Linux boot protocol (board boot protocol
 * "linux-arm", e.g. -M versatilepb): after -kernel has loaded a raw image
 * (a zImage) at the board's load address, the boot data goes into RAM as
 * QEMU's direct kernel boot leaves it (cosim/arm-linux-boot.h):
 *
 *   - -initrd FILE (any bytes: an initramfs cpio or a ramdisk image) at
 *     RAM base + min(RAM size / 2, 128 MiB);
 *   - with -dtb FILE: that tree, its /chosen filled from -append and
 *     -initrd and its /memory set to the RAM, after the initrd (4 KiB
 *     aligned); r2 = its address;
 *   - without -dtb: an ATAG list at RAM base + 0x100; r2 = its address
 *     (a bare-metal raw image loaded over that spot keeps it, r2 = 0);
 *   - r0 = 0, r1 = the board's cosim,linux-machine-id; the CPU's reset
 *     state (SVC, IRQ/FIQ masked, MMU and caches off) is what the kernel
 *     wants.
 *
 * The RAM is the bank that holds the kernel.  An ELF -kernel is bare-metal
 * firmware: -dtb and -initrd are refused for it, and so is -append unless
 * -semihosting gives it a meaning.
 */
#include "cosim/platform.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "cosim/arm-linux-boot.h"
#include "cosim/cpu-factory.h"
#include "cosim/loader.h"
#include "cosim/errors.h"
#include "targets/arm/cpu.h"
#include "platforms/board.h"

namespace cosim {

bool Platform::boot_arm_linux(const loader_image &img, std::string *err)
{
    const bool linux_opts = !opts_.dtb.empty() || !opts_.initrd.empty() || (!opts_.append.empty() && !opts_.semihosting);
    if (img.format != LOADER_FORMAT_RAW) {
        if (!linux_opts)
            return true;   /* bare-metal ELF firmware */
        return fail(err, opts_.kernel + ": an ELF file; -dtb, -initrd and -append (without -semihosting) "
                                        "need a Linux kernel image (zImage)");
    }
    if (!opts_.bios.empty() && !linux_opts)
        return true;   /* a boot ROM runs first: it owns the low RAM */

    uint64_t off = 0;
    const uint64_t kernel_bus = guest_->load_address_to_bus(img.low);
    tlmb::Memory *ram = memory_at(kernel_bus, &off);
    if (!ram)
        return fail(err, opts_.kernel + ": not loaded in RAM; cannot pass boot data");
    const uint64_t ram_base = kernel_bus - off, ram_size = ram->size();
    const uint64_t kernel_end = guest_->load_address_to_bus(img.high - 1) + 1;
    char why[256];

    uint64_t initrd_at = ram_base + ram_size / 2;   /* where the tree goes without an initrd */
    std::vector<uint8_t> initrd;
    if (!opts_.initrd.empty()) {
        if (!read_option_file("-initrd", opts_.initrd, &initrd, err))
            return false;
        if (!arm_linux_initrd_place(ram_base, ram_size, kernel_end, initrd.size(), &initrd_at, why, sizeof why))
            return fail(err, why);
        std::memcpy(ram->data() + (initrd_at - ram_base), initrd.data(), initrd.size());
    } else if (!arm_linux_initrd_place(ram_base, ram_size, kernel_end, 0, &initrd_at, why, sizeof why)) {
        initrd_at = kernel_end;   /* a kernel above the half: the tree goes after it */
    }
    const char *cmdline = opts_.append.empty() ? nullptr : opts_.append.c_str();

    uint64_t boot_data = 0;
    if (!opts_.dtb.empty()) {
        std::vector<uint8_t> blob;
        if (!read_option_file("-dtb", opts_.dtb, &blob, err))
            return false;
        if (!arm_linux_fdt_check(blob.data(), blob.size(), why, sizeof why))
            return fail(err, "-dtb " + opts_.dtb + ": " + why);
        std::vector<uint8_t> tree(arm_linux_fdt_room(blob.data(), cmdline));
        size_t len = 0;
        if (!arm_linux_fdt_setup(blob.data(), tree.data(), tree.size(), cmdline, initrd_at, initrd.size(), ram_base,
                                 ram_size, &len, why, sizeof why))
            return fail(err, "-dtb " + opts_.dtb + ": " + why);
        if (!arm_linux_dtb_place(ram_base, ram_size, initrd_at, initrd.size(), len, &boot_data, why, sizeof why))
            return fail(err, why);
        std::memcpy(ram->data() + (boot_data - ram_base), tree.data(), len);
    } else {
        boot_data = ram_base + ARM_LINUX_ATAGS_OFFSET;
        const bool overlap = boot_data + ARM_LINUX_ATAGS_MAX > img.low && boot_data < kernel_end;
        size_t len = 0;
        if (overlap && linux_opts)
            return fail(err, opts_.kernel + ": loaded over the ATAG list at RAM base + 0x100");
        if (overlap)
            boot_data = 0;   /* a bare-metal image down there: leave it alone */
        else if (!arm_linux_atags_build(ram->data() + ARM_LINUX_ATAGS_OFFSET, ARM_LINUX_ATAGS_MAX,
                                        static_cast<uint32_t>(ram_base), static_cast<uint32_t>(ram_size), cmdline,
                                        static_cast<uint32_t>(initrd_at), static_cast<uint32_t>(initrd.size()),
                                        &len, why, sizeof why))
            return fail(err, why);
    }

    uint64_t mach = 0;
    const board &b = *board_;
    if (b.chosen_node >= 0)
        board_prop_u64(&b, b.chosen_node, "cosim,linux-machine-id", &mach);
    arm_->regs[0] = 0;
    arm_->regs[1] = static_cast<uint32_t>(mach);
    arm_->regs[2] = static_cast<uint32_t>(boot_data);
    return true;
}

} // namespace cosim
