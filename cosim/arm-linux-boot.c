/*
 * ARM Linux boot data (see arm-linux-boot.h): the ATAG list, the device
 * tree's /chosen and /memory, and where the initrd and the tree go.
 */
#include "cosim/arm-linux-boot.h"

#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#define MIB (1024u * 1024u)

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Append one tag: header {words, tag}, then `words - 2` payload words
 * (payload bytes beyond plen are zero). */
static bool add_tag(uint8_t *buf, size_t cap, size_t *at, uint32_t tag, const void *payload, size_t plen)
{
    const size_t words = 2 + (plen + 3) / 4;
    if (*at + words * 4 > cap)
        return false;
    uint8_t *p = buf + *at;
    put_le32(p, tag == ARM_LINUX_ATAG_NONE ? 0 : (uint32_t)words);
    put_le32(p + 4, tag);
    memset(p + 8, 0, (words - 2) * 4);
    if (plen)
        memcpy(p + 8, payload, plen);
    *at += words * 4;
    return true;
}

bool arm_linux_atags_build(uint8_t *buf, size_t cap, uint32_t ram_base, uint32_t ram_size, const char *cmdline,
                           uint32_t initrd_start, uint32_t initrd_size, size_t *len, char *err, size_t err_len)
{
    size_t at = 0;
    uint8_t w[12];
    bool ok = true;

    /* QEMU's order: CORE, MEM, INITRD2, CMDLINE, NONE.
     * CORE: flags 1 (root read-only), page size 4 KiB, root device 0 */
    put_le32(w, 1);
    put_le32(w + 4, 0x1000);
    put_le32(w + 8, 0);
    ok = ok && add_tag(buf, cap, &at, ARM_LINUX_ATAG_CORE, w, 12);
    put_le32(w, ram_size);
    put_le32(w + 4, ram_base);
    ok = ok && add_tag(buf, cap, &at, ARM_LINUX_ATAG_MEM, w, 8);
    if (initrd_size) {
        put_le32(w, initrd_start);
        put_le32(w + 4, initrd_size);
        ok = ok && add_tag(buf, cap, &at, ARM_LINUX_ATAG_INITRD2, w, 8);
    }
    if (cmdline) {
        const size_t n = strlen(cmdline) + 1;
        if (n > ARM_LINUX_CMDLINE_MAX) {
            snprintf(err, err_len, "-append: the command line is %zu bytes; the kernel takes at most %u",
                     n - 1, ARM_LINUX_CMDLINE_MAX - 1);
            return false;
        }
        ok = ok && add_tag(buf, cap, &at, ARM_LINUX_ATAG_CMDLINE, cmdline, n);
    }
    ok = ok && add_tag(buf, cap, &at, ARM_LINUX_ATAG_NONE, NULL, 0);
    if (!ok) {
        snprintf(err, err_len, "the ATAG list does not fit in %zu bytes", cap);
        return false;
    }
    *len = at;
    return true;
}

bool arm_linux_initrd_place(uint64_t ram_base, uint64_t ram_size, uint64_t kernel_end, uint64_t size,
                            uint64_t *addr, char *err, size_t err_len)
{
    const uint64_t at = ram_base + (ram_size / 2 < 128ull * MIB ? ram_size / 2 : 128ull * MIB);
    if (kernel_end > at) {
        snprintf(err, err_len, "-initrd: the kernel ends at 0x%08llx, above the initrd address 0x%08llx",
                 (unsigned long long)kernel_end, (unsigned long long)at);
        return false;
    }
    if (size > ram_base + ram_size - at) {
        snprintf(err, err_len,
                 "-initrd: %llu bytes do not fit in RAM at 0x%08llx (%llu bytes free up to 0x%08llx)",
                 (unsigned long long)size, (unsigned long long)at, (unsigned long long)(ram_base + ram_size - at),
                 (unsigned long long)(ram_base + ram_size));
        return false;
    }
    *addr = at;
    return true;
}

bool arm_linux_fdt_check(const void *blob, size_t len, char *err, size_t err_len)
{
    if (len < sizeof(struct fdt_header) || fdt_magic(blob) != FDT_MAGIC) {
        snprintf(err, err_len, "not a device tree blob (no 0xd00dfeed magic)");
        return false;
    }
    const int rc = fdt_check_header(blob);
    if (rc != 0) {
        snprintf(err, err_len, "not a valid device tree blob: %s", fdt_strerror(rc));
        return false;
    }
    if (fdt_totalsize(blob) > len) {
        snprintf(err, err_len, "truncated device tree blob (%zu of %u bytes)", len, (unsigned)fdt_totalsize(blob));
        return false;
    }
    return true;
}

size_t arm_linux_fdt_room(const void *blob, const char *cmdline)
{
    /* QEMU's slack, (size + 10000) * 2: the kernel reserves the tree's
     * total size, so the same slack gives the same memory map; but never
     * less than the new properties need (a page beyond the command line). */
    const size_t qemu = ((size_t)fdt_totalsize(blob) + 10000) * 2;
    const size_t need = fdt_totalsize(blob) + (cmdline ? strlen(cmdline) + 1 : 0) + 0x1000;
    return qemu > need ? qemu : need;
}

/* reg / initrd values: one or two cells, as the tree's cell counts say */
static int set_cells(void *fdt, int node, const char *name, int cells, const uint64_t *vals, int n)
{
    uint8_t buf[32];
    int at = 0;
    for (int i = 0; i < n; i++) {
        if (cells == 2) {
            fdt64_t v = cpu_to_fdt64(vals[i]);
            memcpy(buf + at, &v, 8);
            at += 8;
        } else {
            fdt32_t v = cpu_to_fdt32((uint32_t)vals[i]);
            memcpy(buf + at, &v, 4);
            at += 4;
        }
    }
    return fdt_setprop(fdt, node, name, buf, at);
}

bool arm_linux_fdt_setup(const void *blob, void *out, size_t out_cap, const char *cmdline, uint64_t initrd_start,
                         uint64_t initrd_size, uint64_t ram_base, uint64_t ram_size, size_t *len, char *err,
                         size_t err_len)
{
    int rc = fdt_open_into(blob, out, (int)out_cap);
    const char *what = "expanding the tree";
    int chosen = -1;
    if (rc == 0) {
        chosen = fdt_path_offset(out, "/chosen");
        if (chosen == -FDT_ERR_NOTFOUND)
            chosen = fdt_add_subnode(out, 0, "chosen");
        rc = chosen < 0 ? chosen : 0;
        what = "/chosen";
    }
    if (rc == 0 && cmdline) {
        rc = fdt_setprop_string(out, chosen, "bootargs", cmdline);
        what = "/chosen/bootargs";
    }
    if (rc == 0 && initrd_size) {
        const int cells = initrd_start + initrd_size > 0xffffffffull ? 2 : 1;
        const uint64_t start = initrd_start, end = initrd_start + initrd_size;
        rc = set_cells(out, chosen, "linux,initrd-start", cells, &start, 1);
        if (rc == 0)
            rc = set_cells(out, chosen, "linux,initrd-end", cells, &end, 1);
        what = "/chosen/linux,initrd-*";
    }
    if (rc == 0) {
        const int mem = fdt_path_offset(out, "/memory");
        if (mem >= 0) {
            const int ac = fdt_address_cells(out, 0), sc = fdt_size_cells(out, 0);
            if ((ac == 1 || ac == 2) && ac == sc) {
                const uint64_t reg[2] = {ram_base, ram_size};
                rc = set_cells(out, mem, "reg", ac, reg, 2);
                what = "/memory/reg";
            }
        }
    }
    if (rc != 0) {
        snprintf(err, err_len, "device tree: %s: %s", what, fdt_strerror(rc));
        return false;
    }
    *len = fdt_totalsize(out);
    return true;
}

bool arm_linux_dtb_place(uint64_t ram_base, uint64_t ram_size, uint64_t initrd_start, uint64_t initrd_size,
                         uint64_t size, uint64_t *addr, char *err, size_t err_len)
{
    const uint64_t at = (initrd_start + initrd_size + ARM_LINUX_DTB_ALIGN - 1) & ~(uint64_t)(ARM_LINUX_DTB_ALIGN - 1);
    if (at < ram_base || at + size > ram_base + ram_size) {
        snprintf(err, err_len, "-dtb: %llu bytes do not fit in RAM at 0x%08llx (RAM ends at 0x%08llx)",
                 (unsigned long long)size, (unsigned long long)at, (unsigned long long)(ram_base + ram_size));
        return false;
    }
    *addr = at;
    return true;
}
