/*
 * ARM Linux boot data: what a boot loader hands a 32-bit ARM Linux kernel
 * (the kernel's Documentation/arm/booting.rst).
 *
 * The kernel (a zImage, started at its first byte) expects r0 = 0, r1 = the
 * machine type, r2 = the physical address of either
 *   - a flattened device tree (magic 0xd00dfeed), whose /chosen node holds
 *     the command line ("bootargs") and the initrd ("linux,initrd-start",
 *     "linux,initrd-end"), or
 *   - an ATAG list: 32-bit little-endian words, each tag a header
 *     {size in words, tag} and its payload, ending with ATAG_NONE:
 *       ATAG_CORE    0x54410001  flags, page size, root device
 *       ATAG_MEM     0x54410002  size, start
 *       ATAG_INITRD2 0x54420005  start (physical), size
 *       ATAG_CMDLINE 0x54410009  the NUL-terminated string, word padded
 *       ATAG_NONE    0x00000000  size 0
 * with the MMU and caches off, in SVC mode, IRQ and FIQ masked (an ARM's
 * reset state).
 *
 * Placement follows QEMU's direct kernel boot (hw/arm/boot.c), so that the
 * same files boot the same way on both: the ATAG list at RAM base + 0x100,
 * the initrd at RAM base + min(RAM size / 2, 128 MiB), the device tree
 * after the initrd, 4 KiB aligned.
 *
 * Plain C: the pieces are unit-tested without a platform (tests/platforms).
 */
#ifndef COSIM_ARM_LINUX_BOOT_H
#define COSIM_ARM_LINUX_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ARM_LINUX_ATAG_CORE    0x54410001u
#define ARM_LINUX_ATAG_MEM     0x54410002u
#define ARM_LINUX_ATAG_CMDLINE 0x54410009u
#define ARM_LINUX_ATAG_INITRD2 0x54420005u
#define ARM_LINUX_ATAG_NONE    0x00000000u

#define ARM_LINUX_ATAGS_OFFSET 0x100u     /* from the RAM base */
#define ARM_LINUX_ATAGS_MAX    0x1000u    /* bytes the list may take */
#define ARM_LINUX_CMDLINE_MAX  1024u      /* the kernel's COMMAND_LINE_SIZE, with its NUL */
#define ARM_LINUX_DTB_ALIGN    0x1000u

/* Write the ATAG list into buf[0, cap), in QEMU's order: CORE, MEM
 * (ram_base, ram_size), INITRD2 when initrd_size is not 0, CMDLINE when
 * cmdline is not NULL, NONE.  *len gets the bytes written.  False with one line in err when the
 * command line is too long or the list does not fit. */
bool arm_linux_atags_build(uint8_t *buf, size_t cap, uint32_t ram_base, uint32_t ram_size, const char *cmdline,
                           uint32_t initrd_start, uint32_t initrd_size, size_t *len, char *err, size_t err_len);

/* Where an initrd of `size` bytes goes in RAM [ram_base, ram_base +
 * ram_size) holding the kernel up to kernel_end: ram_base + min(ram_size /
 * 2, 128 MiB).  False with one line in err when the kernel reaches past
 * that address or the initrd does not end inside RAM. */
bool arm_linux_initrd_place(uint64_t ram_base, uint64_t ram_size, uint64_t kernel_end, uint64_t size,
                            uint64_t *addr, char *err, size_t err_len);

/* True if blob[0, len) starts with a device tree header that libfdt
 * accepts and whose total size fits in len; else false with one line in
 * err ("not a device tree blob ..."). */
bool arm_linux_fdt_check(const void *blob, size_t len, char *err, size_t err_len);

/* The size of the output buffer arm_linux_fdt_setup needs for blob: with
 * the slack QEMU leaves, (blob size + 10000) * 2 bytes, or more when the
 * command line needs it. */
size_t arm_linux_fdt_room(const void *blob, const char *cmdline);

/* Copy the checked tree blob into out[0, out_cap) (expanded) and set in
 * it /chosen "bootargs" (when cmdline is not NULL), "linux,initrd-start"
 * and "linux,initrd-end" (when initrd_size is not 0), and the reg of
 * /memory (when the tree has that node) to {ram_base, ram_size}.  The
 * tree is not packed: its total size stays out_cap.  *len gets it.  False with one line in err
 * when libfdt fails. */
bool arm_linux_fdt_setup(const void *blob, void *out, size_t out_cap, const char *cmdline, uint64_t initrd_start,
                         uint64_t initrd_size, uint64_t ram_base, uint64_t ram_size, size_t *len, char *err,
                         size_t err_len);

/* Where a tree of `size` bytes goes: after [initrd_start, initrd_start +
 * initrd_size) rounded up to ARM_LINUX_DTB_ALIGN (the initrd address is
 * used even without an initrd).  False with one line in err when it does
 * not end inside RAM. */
bool arm_linux_dtb_place(uint64_t ram_base, uint64_t ram_size, uint64_t initrd_start, uint64_t initrd_size,
                         uint64_t size, uint64_t *addr, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif
