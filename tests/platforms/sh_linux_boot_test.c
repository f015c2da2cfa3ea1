/*
 * SH Linux boot parameters (cosim/sh-linux-boot.h): the page layout of
 * arch/sh/include/asm/setup.h (offsets, little-endian words, the command
 * line at 0x100), the kernel's "SE?" mark, and where an initrd goes.
 */
#include <string.h>

#include "ctest.h"
#include "cosim/sh-linux-boot.h"

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void set_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* The page as the kernel links it (head_32.S): its defaults and mark. */
static void kernel_page(uint8_t *page, uint32_t mark)
{
    memset(page, 0, SH_LINUX_PAGE_SIZE);
    set_le32(page + 0x00, 1);        /* MOUNT_ROOT_RDONLY */
    set_le32(page + 0x08, 0x0200);   /* ORIG_ROOT_DEV */
    set_le32(page + 0x0c, 1);        /* LOADER_TYPE */
    set_le32(page + 0x18, mark);
}

CTEST(sh_linux_boot, mark)
{
    static uint8_t page[SH_LINUX_PAGE_SIZE];
    kernel_page(page, 0x53453f00 + 32);
    CT_EXPECT_TRUE(sh_linux_params_marked(page));
    kernel_page(page, 0x53453f00 + 29);
    CT_EXPECT_TRUE(sh_linux_params_marked(page));
    kernel_page(page, 0x203f4553);   /* the mark big-endian: not ours */
    CT_EXPECT_FALSE(sh_linux_params_marked(page));
    memset(page, 0, sizeof page);
    CT_EXPECT_FALSE(sh_linux_params_marked(page));
}

CTEST(sh_linux_boot, command_line_and_initrd)
{
    static uint8_t page[SH_LINUX_PAGE_SIZE];
    kernel_page(page, SH_LINUX_MARK_32BIT);
    memset(page + 0x100, 'x', 256);   /* stale bytes are cleared */
    char err[200] = "";
    CT_ASSERT_TRUE(sh_linux_params_fill(page, "console=ttySC1 rdinit=/init", 0xff0000, 0x1234, err, sizeof err));
    CT_EXPECT_STREQ((const char *)page + 0x100, "console=ttySC1 rdinit=/init");
    for (int i = 0x100 + 27; i < 0x200; i++)
        CT_EXPECT_EQ(page[i], 0);
    CT_EXPECT_EQ(le32(page + 0x00), 1);          /* kept */
    CT_EXPECT_EQ(le32(page + 0x04), 0);
    CT_EXPECT_EQ(le32(page + 0x08), 0x0200);     /* kept */
    CT_EXPECT_EQ(le32(page + 0x0c), 1);
    CT_EXPECT_EQ(le32(page + 0x10), 0xff0000);
    CT_EXPECT_EQ(le32(page + 0x14), 0x1234);
    CT_EXPECT_EQ(page[0x10], 0x00);   /* little-endian */
    CT_EXPECT_EQ(page[0x12], 0xff);
    CT_EXPECT_EQ(le32(page + 0x18), SH_LINUX_MARK_32BIT);
    CT_EXPECT_EQ(page[0x200], 0);     /* nothing past the parameter area */
}

CTEST(sh_linux_boot, only_what_is_given)
{
    static uint8_t page[SH_LINUX_PAGE_SIZE];
    kernel_page(page, SH_LINUX_MARK_32BIT);
    set_le32(page + 0x0c, 0);
    strcpy((char *)page + 0x100, "built-in");
    char err[200] = "";
    /* no command line, no initrd: the page stays as it is */
    CT_ASSERT_TRUE(sh_linux_params_fill(page, NULL, 0, 0, err, sizeof err));
    CT_EXPECT_STREQ((const char *)page + 0x100, "built-in");
    CT_EXPECT_EQ(le32(page + 0x0c), 0);
    CT_EXPECT_EQ(le32(page + 0x10), 0);
    CT_EXPECT_EQ(le32(page + 0x14), 0);
    /* an empty -append is a command line too */
    CT_ASSERT_TRUE(sh_linux_params_fill(page, "", 0, 0, err, sizeof err));
    CT_EXPECT_EQ(page[0x100], 0);
}

CTEST(sh_linux_boot, command_line_too_long)
{
    static uint8_t page[SH_LINUX_PAGE_SIZE];
    kernel_page(page, SH_LINUX_MARK_32BIT);
    char line[300];
    memset(line, 'a', sizeof line);
    line[255] = '\0';   /* 255 characters + NUL: the most that fits */
    char err[200] = "";
    CT_ASSERT_TRUE(sh_linux_params_fill(page, line, 0, 0, err, sizeof err));
    CT_EXPECT_EQ(page[0x100 + 254], 'a');
    CT_EXPECT_EQ(page[0x100 + 255], 0);
    line[255] = 'a';
    line[256] = '\0';
    CT_EXPECT_FALSE(sh_linux_params_fill(page, line, 0, 0, err, sizeof err));
    CT_EXPECT_STREQ(err, "-append: the command line is 256 bytes; an SH Linux kernel takes at most 255");
}

CTEST(sh_linux_boot, initrd_placement)
{
    char err[200] = "";
    uint64_t at = 0;
    /* SHIX: 16 MiB at 0x0c000000, kernel up to 0x0c1ee000 */
    CT_ASSERT_TRUE(sh_linux_initrd_place(0x0c000000, 0x01000000, 0x0c1ee000, 3072, &at, err, sizeof err));
    CT_EXPECT_EQ(at, 0x0cfff000);
    CT_ASSERT_TRUE(sh_linux_initrd_place(0x0c000000, 0x01000000, 0x0c1ee000, 0x2001, &at, err, sizeof err));
    CT_EXPECT_EQ(at, 0x0cffd000);   /* page aligned below the top */
    CT_ASSERT_TRUE(sh_linux_initrd_place(0x0c000000, 0x01000000, 0x0c1ee000, 0x1000, &at, err, sizeof err));
    CT_EXPECT_EQ(at, 0x0cfff000);   /* exactly one page */
    /* exactly the room above the kernel */
    CT_ASSERT_TRUE(sh_linux_initrd_place(0x0c000000, 0x01000000, 0x0c1ee000, 0x01000000 - 0x1ee000, &at, err,
                                         sizeof err));
    CT_EXPECT_EQ(at, 0x0c1ee000);
    /* one byte more, or a size whose page rounding reaches into the kernel */
    CT_EXPECT_FALSE(sh_linux_initrd_place(0x0c000000, 0x01000000, 0x0c1ee000, 0x01000000 - 0x1ee000 + 1, &at,
                                          err, sizeof err));
    CT_EXPECT_STREQ(err, "-initrd: 14753793 bytes do not fit between the kernel's end (0xc1ee000) and the end "
                         "of its RAM (0xd000000)");
    CT_EXPECT_FALSE(sh_linux_initrd_place(0x0c000000, 0x01000000, 0x0c1ee800, 0x01000000 - 0x1ef000 + 0x10, &at,
                                          err, sizeof err));
    CT_EXPECT_FALSE(sh_linux_initrd_place(0x0c000000, 0x01000000, 0x0c1ee000, 0, &at, err, sizeof err));
    CT_EXPECT_FALSE(sh_linux_initrd_place(0x0c000000, 0x01000000, 0x0c1ee000, UINT64_MAX, &at, err, sizeof err));
}
