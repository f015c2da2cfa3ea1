/*
 * ARM Linux boot data (cosim/arm-linux-boot.h): the ATAG list words
 * (Documentation/arm/booting.rst, arch/arm/include/uapi/asm/setup.h), where
 * the initrd and the device tree go (QEMU's direct kernel boot), and the
 * /chosen and /memory properties written into a tree.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "ctest.h"
#include "cosim/arm-linux-boot.h"

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

CTEST(arm_linux_boot, atags_full)
{
    uint8_t buf[256];
    memset(buf, 0xa5, sizeof buf);
    size_t len = 0;
    char err[200] = "";
    CT_ASSERT_TRUE(arm_linux_atags_build(buf, sizeof buf, 0, 0x08000000, "console=ttyAMA0", 0x04000000, 0x1234,
                                         &len, err, sizeof err));
    /* CORE: 5 words, flags 1, page size 4096, root device 0 */
    CT_EXPECT_EQ(le32(buf + 0), 5);
    CT_EXPECT_EQ(le32(buf + 4), 0x54410001);
    CT_EXPECT_EQ(le32(buf + 8), 1);
    CT_EXPECT_EQ(le32(buf + 12), 4096);
    CT_EXPECT_EQ(le32(buf + 16), 0);
    /* MEM: 4 words, size then start */
    CT_EXPECT_EQ(le32(buf + 20), 4);
    CT_EXPECT_EQ(le32(buf + 24), 0x54410002);
    CT_EXPECT_EQ(le32(buf + 28), 0x08000000);
    CT_EXPECT_EQ(le32(buf + 32), 0);
    /* INITRD2: start, size */
    CT_EXPECT_EQ(le32(buf + 36), 4);
    CT_EXPECT_EQ(le32(buf + 40), 0x54420005);
    CT_EXPECT_EQ(le32(buf + 44), 0x04000000);
    CT_EXPECT_EQ(le32(buf + 48), 0x1234);
    /* CMDLINE: "console=ttyAMA0" + NUL = 16 bytes = 4 words, + 2 */
    CT_EXPECT_EQ(le32(buf + 52), 6);
    CT_EXPECT_EQ(le32(buf + 56), 0x54410009);
    CT_EXPECT_STREQ((const char *)buf + 60, "console=ttyAMA0");
    /* NONE: two zero words */
    CT_EXPECT_EQ(le32(buf + 76), 0);
    CT_EXPECT_EQ(le32(buf + 80), 0);
    CT_EXPECT_EQ(len, 84);
}

CTEST(arm_linux_boot, atags_minimal_and_padding)
{
    uint8_t buf[256];
    memset(buf, 0xa5, sizeof buf);
    size_t len = 0;
    char err[200] = "";
    CT_ASSERT_TRUE(arm_linux_atags_build(buf, sizeof buf, 0x20000000, 0x100000, NULL, 0, 0, &len, err, sizeof err));
    CT_EXPECT_EQ(len, 20 + 16 + 8);   /* CORE, MEM, NONE */
    CT_EXPECT_EQ(le32(buf + 32), 0x20000000);
    CT_EXPECT_EQ(le32(buf + 40), 0);   /* NONE's tag */
    /* "ab" + NUL: padded to one word with zeros */
    CT_ASSERT_TRUE(arm_linux_atags_build(buf, sizeof buf, 0, 0x100000, "ab", 0, 0, &len, err, sizeof err));
    CT_EXPECT_EQ(le32(buf + 36), 3);
    CT_EXPECT_EQ(le32(buf + 44), 0x00006261u);
    CT_EXPECT_EQ(len, 20 + 16 + 12 + 8);
}

CTEST(arm_linux_boot, atags_errors)
{
    char line[1100];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    static uint8_t buf[4096];
    size_t len = 0;
    char err[200] = "";
    CT_EXPECT_FALSE(arm_linux_atags_build(buf, sizeof buf, 0, 0x100000, line, 0, 0, &len, err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "-append") != NULL);
    err[0] = '\0';
    CT_EXPECT_FALSE(arm_linux_atags_build(buf, 40, 0, 0x100000, NULL, 0, 0, &len, err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "does not fit") != NULL);
}

CTEST(arm_linux_boot, initrd_and_dtb_place)
{
    uint64_t at = 0;
    char err[200] = "";
    /* 128 MiB: half way; 512 MiB: capped at 128 MiB */
    CT_ASSERT_TRUE(arm_linux_initrd_place(0, 128u << 20, 0x200000, 0x1000, &at, err, sizeof err));
    CT_EXPECT_EQ(at, 0x04000000);
    CT_ASSERT_TRUE(arm_linux_initrd_place(0x60000000, 512u << 20, 0x60200000, 0x1000, &at, err, sizeof err));
    CT_EXPECT_EQ(at, 0x68000000);
    /* does not fit / kernel in the way */
    CT_EXPECT_FALSE(arm_linux_initrd_place(0, 128u << 20, 0x200000, (64u << 20) + 1, &at, err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "-initrd") != NULL && strstr(err, "do not fit") != NULL);
    CT_EXPECT_FALSE(arm_linux_initrd_place(0, 8u << 20, 0x500000, 0x10, &at, err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "above the initrd") != NULL);
    /* the tree: after the initrd, 4 KiB aligned */
    CT_ASSERT_TRUE(arm_linux_dtb_place(0, 128u << 20, 0x04000000, 0xc00, 0x2000, &at, err, sizeof err));
    CT_EXPECT_EQ(at, 0x04001000);
    CT_ASSERT_TRUE(arm_linux_dtb_place(0, 128u << 20, 0x04000000, 0, 0x2000, &at, err, sizeof err));
    CT_EXPECT_EQ(at, 0x04000000);
    CT_EXPECT_FALSE(arm_linux_dtb_place(0, 128u << 20, 0x04000000, 0x04000000 - 0x800, 0x2000, &at, err,
                                        sizeof err));
    CT_EXPECT_TRUE(strstr(err, "-dtb") != NULL);
}

/* A small tree: / { #address-cells = 1; #size-cells = 1; memory { reg } } */
static void make_tree(void *buf, size_t cap, bool with_chosen, size_t *len)
{
    *len = 0;
    CT_EXPECT_EQ(fdt_create_empty_tree(buf, (int)cap), 0);
    CT_EXPECT_EQ(fdt_setprop_u32(buf, 0, "#address-cells", 1), 0);
    CT_EXPECT_EQ(fdt_setprop_u32(buf, 0, "#size-cells", 1), 0);
    int mem = fdt_add_subnode(buf, 0, "memory@0");
    CT_EXPECT_TRUE(mem >= 0);
    const fdt32_t reg[2] = {cpu_to_fdt32(0), cpu_to_fdt32(0x1000000)};
    CT_EXPECT_EQ(fdt_setprop(buf, mem, "reg", reg, sizeof reg), 0);
    if (with_chosen)
        CT_EXPECT_TRUE(fdt_add_subnode(buf, 0, "chosen") >= 0);
    CT_EXPECT_EQ(fdt_pack(buf), 0);
    *len = fdt_totalsize(buf);
}

static uint32_t cell(const void *fdt, const char *path, const char *name, int i)
{
    int node = fdt_path_offset(fdt, path);
    int len = 0;
    const fdt32_t *p = fdt_getprop(fdt, node, name, &len);
    if (!p || len < 4 * (i + 1))
        return 0xdeadbeef;
    return fdt32_to_cpu(p[i]);
}

CTEST(arm_linux_boot, fdt_setup)
{
    static uint8_t blob[1024];
    size_t blen = 0;
    make_tree(blob, sizeof blob, false, &blen);
    char err[200] = "";
    CT_ASSERT_TRUE(arm_linux_fdt_check(blob, blen, err, sizeof err));
    const size_t room = arm_linux_fdt_room(blob, "console=ttyAMA0");
    CT_EXPECT_EQ(room, (blen + 10000) * 2);   /* QEMU's slack */
    uint8_t *out = malloc(room);
    CT_ASSERT_TRUE(out != NULL);
    size_t len = 0;
    CT_ASSERT_TRUE(arm_linux_fdt_setup(blob, out, room, "console=ttyAMA0", 0x04000000, 0x1234, 0, 0x08000000,
                                       &len, err, sizeof err));
    CT_EXPECT_EQ(len, room);
    const char *args = fdt_getprop(out, fdt_path_offset(out, "/chosen"), "bootargs", NULL);
    CT_ASSERT_TRUE(args != NULL);
    CT_EXPECT_STREQ(args, "console=ttyAMA0");
    CT_EXPECT_EQ(cell(out, "/chosen", "linux,initrd-start", 0), 0x04000000);
    CT_EXPECT_EQ(cell(out, "/chosen", "linux,initrd-end", 0), 0x04001234);
    CT_EXPECT_EQ(cell(out, "/memory", "reg", 0), 0);
    CT_EXPECT_EQ(cell(out, "/memory", "reg", 1), 0x08000000);

    /* nothing given: /chosen exists, no bootargs, no initrd */
    size_t blen2 = 0;
    make_tree(blob, sizeof blob, true, &blen2);
    CT_ASSERT_TRUE(arm_linux_fdt_setup(blob, out, arm_linux_fdt_room(blob, NULL), NULL, 0x04000000, 0, 0,
                                       0x08000000, &len, err, sizeof err));
    (void)blen2;
    CT_EXPECT_TRUE(fdt_path_offset(out, "/chosen") >= 0);
    CT_EXPECT_TRUE(fdt_getprop(out, fdt_path_offset(out, "/chosen"), "bootargs", NULL) == NULL);
    CT_EXPECT_TRUE(fdt_getprop(out, fdt_path_offset(out, "/chosen"), "linux,initrd-start", NULL) == NULL);
    free(out);
}

CTEST(arm_linux_boot, fdt_check_rejects)
{
    char err[200] = "";
    const char text[] = "this is not a device tree blob, just text";
    CT_EXPECT_FALSE(arm_linux_fdt_check(text, sizeof text, err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "not a device tree blob") != NULL);
    static uint8_t blob[1024];
    size_t blen = 0;
    make_tree(blob, sizeof blob, false, &blen);
    err[0] = '\0';
    CT_EXPECT_FALSE(arm_linux_fdt_check(blob, blen - 8, err, sizeof err));   /* truncated */
    CT_EXPECT_TRUE(err[0] != '\0');
}
