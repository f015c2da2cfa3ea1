/*
 * SH Linux boot parameters (see sh-linux-boot.h).
 */
#include "cosim/sh-linux-boot.h"

#include <stdio.h>
#include <string.h>

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

bool sh_linux_params_marked(const uint8_t *page)
{
    const uint32_t m = get_le32(page + SH_LINUX_MARK);
    return m == SH_LINUX_MARK_32BIT || m == SH_LINUX_MARK_29BIT;
}

bool sh_linux_params_fill(uint8_t *page, const char *cmdline, uint32_t initrd_offset,
                          uint32_t initrd_size, char *err, size_t err_len)
{
    if (cmdline) {
        const size_t n = strlen(cmdline);
        if (n >= SH_LINUX_COMMAND_LINE_SIZE) {
            snprintf(err, err_len, "-append: the command line is %zu bytes; an SH Linux kernel takes at most %d",
                     n, SH_LINUX_COMMAND_LINE_SIZE - 1);
            return false;
        }
        memset(page + SH_LINUX_COMMAND_LINE, 0, SH_LINUX_COMMAND_LINE_SIZE);
        memcpy(page + SH_LINUX_COMMAND_LINE, cmdline, n);
    }
    if (initrd_size) {
        put_le32(page + SH_LINUX_LOADER_TYPE, 1);
        put_le32(page + SH_LINUX_INITRD_START, initrd_offset);
        put_le32(page + SH_LINUX_INITRD_SIZE, initrd_size);
    }
    return true;
}

bool sh_linux_initrd_place(uint64_t ram_base, uint64_t ram_size, uint64_t kernel_end, uint64_t size,
                           uint64_t *addr, char *err, size_t err_len)
{
    const uint64_t top = ram_base + ram_size;
    const uint64_t floor = kernel_end > ram_base ? kernel_end : ram_base;
    if (size == 0 || size > top - floor ||
        ((top - size) & ~(uint64_t)(SH_LINUX_PAGE_SIZE - 1)) < floor) {
        snprintf(err, err_len,
                 "-initrd: %llu bytes do not fit between the kernel's end (0x%llx) and the end of its RAM (0x%llx)",
                 (unsigned long long)size, (unsigned long long)kernel_end, (unsigned long long)top);
        return false;
    }
    *addr = (top - size) & ~(uint64_t)(SH_LINUX_PAGE_SIZE - 1);
    return true;
}
