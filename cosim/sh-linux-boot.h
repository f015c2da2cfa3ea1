/*
 * SH Linux boot parameters: the "zero page" a boot loader fills for an SH
 * (SuperH, 32-bit) Linux kernel.
 *
 * The kernel links a page of its own first (.empty_zero_page, at _text,
 * one page before the entry point _stext) and reads it early in
 * setup_arch() (arch/sh/include/asm/setup.h, arch/sh/kernel/setup.c):
 *
 *   0x000  MOUNT_ROOT_RDONLY    0x010  INITRD_START (from the RAM base)
 *   0x004  RAMDISK_FLAGS        0x014  INITRD_SIZE
 *   0x008  ORIG_ROOT_DEV        0x018  "SE?" mark: 0x53453f00 + 32 or + 29
 *   0x00c  LOADER_TYPE          0x100  command line, NUL-terminated (256 bytes)
 *
 * The kernel's own copy holds defaults (read-only root, root device
 * 0x0200, loader type 1, no initrd, empty command line) and the mark,
 * which tells a loader that the page is really there.  An initrd is used
 * only when LOADER_TYPE, INITRD_START and INITRD_SIZE are all non-zero;
 * INITRD_START counts from the kernel's CONFIG_MEMORY_START and must be
 * page aligned, and the initrd must end inside the kernel's memory.
 *
 * Values are stored little-endian (the SH-4 boards here are little-endian).
 * Plain C: the pieces are unit-tested without a platform (tests/platforms).
 */
#ifndef COSIM_SH_LINUX_BOOT_H
#define COSIM_SH_LINUX_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SH_LINUX_MOUNT_ROOT_RDONLY 0x000
#define SH_LINUX_RAMDISK_FLAGS     0x004
#define SH_LINUX_ORIG_ROOT_DEV     0x008
#define SH_LINUX_LOADER_TYPE       0x00c
#define SH_LINUX_INITRD_START      0x010
#define SH_LINUX_INITRD_SIZE       0x014
#define SH_LINUX_MARK              0x018
#define SH_LINUX_COMMAND_LINE      0x100
#define SH_LINUX_COMMAND_LINE_SIZE 256     /* with its NUL */
#define SH_LINUX_PARAMS_SIZE       0x200   /* the bytes a loader touches */

#define SH_LINUX_MARK_32BIT 0x53453f20u    /* "SE?" + 32: 32-bit physical mode */
#define SH_LINUX_MARK_29BIT 0x53453f1du    /* "SE?" + 29 */

/* Page size of the kernels this loader finds the zero page for (the
 * entry point is the zero page + 4 KiB). */
#define SH_LINUX_PAGE_SIZE 0x1000u

/* True if page[0, SH_LINUX_PARAMS_SIZE) carries the kernel's mark. */
bool sh_linux_params_marked(const uint8_t *page);

/* Fill page[0, SH_LINUX_PARAMS_SIZE): the command line (when cmdline is
 * not NULL; the rest of the 256-byte area is zeroed) and, when
 * initrd_size is not 0, LOADER_TYPE = 1, INITRD_START, INITRD_SIZE.  The
 * other fields keep the kernel's defaults.  False with one line in err
 * ("-append: ...") when the command line does not fit. */
bool sh_linux_params_fill(uint8_t *page, const char *cmdline, uint32_t initrd_offset,
                          uint32_t initrd_size, char *err, size_t err_len);

/* Where an initrd of `size` bytes goes in the RAM [ram_base, ram_base +
 * ram_size) that also holds the kernel up to kernel_end: at the top,
 * rounded down to a page.  False with one line in err if it does not fit
 * above the kernel. */
bool sh_linux_initrd_place(uint64_t ram_base, uint64_t ram_size, uint64_t kernel_end, uint64_t size,
                           uint64_t *addr, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif
