/*
 * board_parse on hand-made trees (libfdt sequential-write API): the error
 * line for each kind of broken tree, and the less common rules on a good
 * one (2-cell addresses, ranges translation, GIC 3-cell interrupts,
 * inherited interrupt-parent, disabled and non-memory-mapped nodes).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "ctest.h"
#include "platforms/board.h"

#define TREE_SIZE 16384

/* prop(buf, "reg", 2, 0x1000, 0x100): a property of n big-endian cells. */
static void cells(void *t, const char *name, int n, ...)
{
    fdt32_t v[32];   /* the longest list below has 17 */
    if (n > 32)
        abort();
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        v[i] = cpu_to_fdt32(va_arg(ap, uint32_t));
    va_end(ap);
    fdt_property(t, name, v, n * (int)sizeof(fdt32_t));
}

static void *tree_begin(void)
{
    void *t = malloc(TREE_SIZE);
    fdt_create(t, TREE_SIZE);
    fdt_finish_reservemap(t);
    fdt_begin_node(t, "");
    return t;
}

static void *tree_end(void *t)
{
    fdt_end_node(t);
    if (fdt_finish(t) != 0) {
        free(t);
        return NULL;
    }
    return t;
}

static void add_cpus(void *t)
{
    fdt_begin_node(t, "cpus");
    cells(t, "#address-cells", 1, 1);
    cells(t, "#size-cells", 1, 0);
    fdt_begin_node(t, "cpu@0");
    fdt_property_string(t, "device_type", "cpu");
    fdt_property_string(t, "compatible", "arm,arm926ej-s");
    cells(t, "reg", 1, 0);
    fdt_end_node(t);
    fdt_end_node(t);
}

typedef enum breakage {
    B_NONE,
    B_NO_CPUS,
    B_NO_MEMORY,
    B_BAD_PHANDLE,
    B_NOT_INTC,
    B_BAD_REG,
    B_TWO_ROOTS,
    B_OVERLAP,
    B_MANY_IRQS,
    B_NO_ICELLS,
    B_NO_IPARENT,
    B_BAD_IRQ_LEN,
    B_SIZE_ZERO,
    B_BAD_COMPAT,
} breakage;

/* A minimal good board, broken in one way. */
static void *small_tree(breakage br)
{
    void *t = tree_begin();
    cells(t, "#address-cells", 1, 1);
    cells(t, "#size-cells", 1, 1);
    fdt_property_string(t, "compatible", "test,small");
    if (br != B_NO_IPARENT)
        cells(t, "interrupt-parent", 1, 1);
    if (br != B_NO_CPUS)
        add_cpus(t);
    if (br != B_NO_MEMORY) {
        fdt_begin_node(t, "memory@0");
        fdt_property_string(t, "device_type", "memory");
        cells(t, "reg", 2, 0x80000000, 0x100000);
        fdt_end_node(t);
    }
    fdt_begin_node(t, "intc@1000");
    fdt_property_string(t, "compatible", "test,intc");
    cells(t, "reg", 2, 0x1000, 0x100);
    if (br != B_NOT_INTC)
        fdt_property(t, "interrupt-controller", NULL, 0);
    if (br != B_NO_ICELLS)
        cells(t, "#interrupt-cells", 1, 1);
    cells(t, "phandle", 1, 1);
    fdt_end_node(t);
    fdt_begin_node(t, "uart@2000");
    if (br == B_BAD_COMPAT)
        fdt_property(t, "compatible", "arm,pl011", 9);   /* no NUL */
    else
        fdt_property_string(t, "compatible", "arm,pl011");
    if (br == B_BAD_REG)
        cells(t, "reg", 3, 0x2000, 0x100, 0);
    else if (br == B_OVERLAP)
        cells(t, "reg", 2, 0x1080, 0x100);
    else if (br == B_SIZE_ZERO)
        cells(t, "reg", 2, 0x2000, 0);
    else
        cells(t, "reg", 2, 0x2000, 0x100);
    if (br == B_MANY_IRQS)
        cells(t, "interrupts", 17, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
    else if (br == B_BAD_IRQ_LEN)
        fdt_property(t, "interrupts", "\0\0\0\5\0", 5);
    else
        cells(t, "interrupts", 1, 5);
    if (br == B_BAD_PHANDLE)
        cells(t, "interrupt-parent", 1, 7);
    fdt_end_node(t);
    if (br == B_TWO_ROOTS) {
        fdt_begin_node(t, "intc@3000");
        fdt_property_string(t, "compatible", "test,intc");
        cells(t, "reg", 2, 0x3000, 0x100);
        fdt_property(t, "interrupt-controller", NULL, 0);
        cells(t, "#interrupt-cells", 1, 1);
        cells(t, "interrupt-parent", 1, 2);
        cells(t, "phandle", 1, 2);
        fdt_end_node(t);
    }
    return tree_end(t);
}

static void expect_error(breakage br, const char *want, int line)
{
    void *t = small_tree(br);
    if (!t) {
        ctest_fail(__FILE__, line, "tree build failed");
        return;
    }
    board *b = calloc(1, sizeof *b);
    char err[256] = "";
    bool ok = board_parse(b, t, err, sizeof err);
    if (ok)
        ctest_fail(__FILE__, line, "board_parse accepted a broken tree (expected \"%s\")", want);
    else if (strcmp(err, want) != 0)
        ctest_fail(__FILE__, line, "error \"%s\", expected \"%s\"", err, want);
    free(b);
    free(t);
}

CTEST(board_errors, small_tree_is_good)
{
    void *t = small_tree(B_NONE);
    CT_ASSERT_TRUE(t != NULL);
    board *b = calloc(1, sizeof *b);
    char err[256] = "";
    bool ok = board_parse(b, t, err, sizeof err);
    CT_EXPECT_STREQ(err, "");
    CT_ASSERT_TRUE(ok);
    CT_EXPECT_STREQ(b->name, "small");            /* from compatible "test,small" */
    CT_EXPECT_STREQ(b->description, "small");     /* no /model */
    CT_EXPECT_FALSE(b->has_load_address);
    CT_EXPECT_EQ(b->chosen_node, -1);
    CT_EXPECT_EQ(b->n_devices, 2);
    CT_EXPECT_EQ(b->root_intc, 0);
    CT_EXPECT_EQ(b->devices[1].irq_parent, 0);
    CT_EXPECT_EQ(b->devices[1].n_irqs, 1);
    CT_EXPECT_EQ(b->devices[1].irqs[0], 5);
    free(b);
    free(t);
}

CTEST(board_errors, messages)
{
    expect_error(B_NO_CPUS, "board: no /cpus node", __LINE__);
    expect_error(B_NO_MEMORY, "board: no memory (no /memory node and no mmio-sram)", __LINE__);
    expect_error(B_BAD_PHANDLE, "board: node uart@2000: interrupt-parent phandle 7 not found",
                 __LINE__);
    expect_error(B_NOT_INTC,
                 "board: node uart@2000: interrupt parent intc@1000 is not an interrupt-controller",
                 __LINE__);
    expect_error(B_BAD_REG, "board: node uart@2000: reg has 12 bytes, not a multiple of 8", __LINE__);
    expect_error(B_TWO_ROOTS, "board: two root interrupt controllers: intc@1000 and intc@3000",
                 __LINE__);
    expect_error(B_OVERLAP,
                 "board: intc@1000 [0x1000, +0x100) overlaps uart@2000 [0x1080, +0x100)", __LINE__);
    expect_error(B_MANY_IRQS, "board: node uart@2000: 17 interrupts, at most 16 supported", __LINE__);
    expect_error(B_NO_ICELLS, "board: node uart@2000: interrupt parent intc@1000 has no #interrupt-cells",
                 __LINE__);
    expect_error(B_NO_IPARENT, "board: node uart@2000: interrupts but no interrupt-parent", __LINE__);
    expect_error(B_BAD_IRQ_LEN, "board: node uart@2000: interrupts has 5 bytes, not a multiple of 4",
                 __LINE__);
    expect_error(B_BAD_COMPAT,
                 "board: node uart@2000: compatible is not a list of NUL-terminated strings", __LINE__);
    expect_error(B_SIZE_ZERO, "board: node uart@2000: reg entry 0 has size 0", __LINE__);
}

CTEST(board_errors, not_a_tree)
{
    board *b = calloc(1, sizeof *b);
    uint8_t junk[256];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t)(i * 37 + 11);
    char err[256] = "";
    CT_EXPECT_FALSE(board_parse(b, junk, err, sizeof err));
    CT_EXPECT_TRUE(strncmp(err, "board: not a valid device tree blob (", 37) == 0);
    CT_EXPECT_FALSE(board_parse(b, NULL, err, sizeof err));
    CT_EXPECT_STREQ(err, "board: no device tree");
    /* A truncated copy of a good tree: header claims more than is there
     * is caught by fdt_check_full on what the header describes; corrupt
     * the structure block instead. */
    void *t = small_tree(B_NONE);
    CT_ASSERT_TRUE(t != NULL);
    uint8_t *s = (uint8_t *)t + fdt_off_dt_struct(t);
    s[0] = 0x77;   /* first token no longer FDT_BEGIN_NODE */
    CT_EXPECT_FALSE(board_parse(b, t, err, sizeof err));
    CT_EXPECT_TRUE(strncmp(err, "board: not a valid device tree blob", 35) == 0);
    free(t);
    free(b);
}

/* A richer good tree: 64-bit root, a bus with ranges, a GIC. */
static void *soc_tree(void)
{
    void *t = tree_begin();
    cells(t, "#address-cells", 1, 2);
    cells(t, "#size-cells", 1, 2);
    fdt_property_string(t, "compatible", "vendor,soc-board");
    fdt_property_string(t, "model", "Vendor SoC board");
    fdt_property_string(t, "cosim,name", "socboard");
    add_cpus(t);
    fdt_begin_node(t, "chosen");
    cells(t, "cosim,load-address", 2, 0x1, 0x80008000);
    fdt_property_string(t, "cosim,boot-protocol", "none");
    fdt_end_node(t);
    fdt_begin_node(t, "memory@80000000");
    fdt_property_string(t, "device_type", "memory");
    cells(t, "reg", 4, 0, 0x80000000, 0, 0x10000000);
    fdt_end_node(t);

    fdt_begin_node(t, "soc");
    fdt_property_string(t, "compatible", "simple-bus");
    cells(t, "#address-cells", 1, 1);
    cells(t, "#size-cells", 1, 1);
    /* bus 0..1M -> CPU 0xf0000000 */
    cells(t, "ranges", 4, 0x0, 0x0, 0xf0000000, 0x100000);
    cells(t, "interrupt-parent", 1, 1);   /* inherited by the children */

    fdt_begin_node(t, "interrupt-controller@1000");
    fdt_property_string(t, "compatible", "arm,cortex-a9-gic");
    cells(t, "reg", 2, 0x1000, 0x1000);
    fdt_property(t, "interrupt-controller", NULL, 0);
    cells(t, "#interrupt-cells", 1, 3);
    cells(t, "phandle", 1, 1);
    fdt_end_node(t);

    fdt_begin_node(t, "serial@2000");
    fdt_property(t, "compatible", "xlnx,xuartps\0cdns,uart-r1p8", 28);
    cells(t, "reg", 2, 0x2000, 0x1000);
    cells(t, "interrupts", 3, 0, 37, 4);    /* SPI 37 -> GIC input 69 */
    fdt_end_node(t);

    fdt_begin_node(t, "timer@3000");
    fdt_property_string(t, "compatible", "arm,cortex-a9-twd-timer");
    cells(t, "reg", 2, 0x3000, 0x20);
    cells(t, "interrupts", 3, 1, 13, 0x304);  /* PPI 13 -> 29 */
    fdt_end_node(t);

    fdt_begin_node(t, "gpio@4000");
    fdt_property_string(t, "compatible", "x,gpio");
    cells(t, "reg", 2, 0x4000, 0x1000);
    fdt_property_string(t, "status", "disabled");
    fdt_end_node(t);

    fdt_begin_node(t, "i2c@5000");
    fdt_property_string(t, "compatible", "x,i2c");
    cells(t, "reg", 2, 0x5000, 0x1000);
    cells(t, "#address-cells", 1, 1);
    cells(t, "#size-cells", 1, 0);
    fdt_begin_node(t, "eeprom@50");
    fdt_property_string(t, "compatible", "atmel,24c02");
    cells(t, "reg", 1, 0x50);
    fdt_end_node(t);
    fdt_end_node(t);

    fdt_begin_node(t, "sram@8000");
    fdt_property_string(t, "compatible", "mmio-sram");
    cells(t, "reg", 2, 0x8000, 0x4000);
    fdt_property(t, "read-only", NULL, 0);
    fdt_end_node(t);
    fdt_end_node(t);   /* soc */

    fdt_begin_node(t, "isolated-bus");   /* no ranges: not memory-mapped */
    fdt_property_string(t, "compatible", "x,bus");
    cells(t, "#address-cells", 1, 1);
    cells(t, "#size-cells", 1, 1);
    fdt_begin_node(t, "dev@0");
    fdt_property_string(t, "compatible", "x,dev");
    cells(t, "reg", 2, 0, 0x10);
    fdt_end_node(t);
    fdt_end_node(t);
    return tree_end(t);
}

CTEST(board_errors, soc_tree_rules)
{
    void *t = soc_tree();
    CT_ASSERT_TRUE(t != NULL);
    board *b = calloc(1, sizeof *b);
    char err[256] = "";
    bool ok = board_parse(b, t, err, sizeof err);
    CT_EXPECT_STREQ(err, "");
    CT_ASSERT_TRUE(ok);
    CT_EXPECT_STREQ(b->name, "socboard");
    CT_EXPECT_STREQ(b->description, "Vendor SoC board");
    CT_EXPECT_TRUE(b->has_load_address);
    CT_EXPECT_EQ(b->load_address, 0x180008000ull);
    CT_EXPECT_STREQ(b->boot_protocol, "none");

    CT_ASSERT_EQ(b->n_memories, 2);
    board_memory *ram = board_main_memory(b);
    CT_ASSERT_TRUE(ram != NULL);
    CT_EXPECT_EQ(ram->base, 0x80000000ull);
    CT_EXPECT_EQ(ram->size, 0x10000000ull);
    CT_EXPECT_STREQ(b->memories[1].name, "sram@8000");
    CT_EXPECT_EQ(b->memories[1].base, 0xf0008000ull);
    CT_EXPECT_EQ(b->memories[1].size, 0x4000);
    CT_EXPECT_TRUE(b->memories[1].read_only);
    CT_EXPECT_FALSE(b->memories[1].is_main_ram);

    /* gic, serial, timer, i2c controller; not the disabled gpio, not the
     * eeprom (I2C address), not the device behind a bus without ranges. */
    CT_ASSERT_EQ(b->n_devices, 4);
    CT_EXPECT_STREQ(b->devices[0].name, "interrupt-controller@1000");
    CT_EXPECT_EQ(b->devices[0].base, 0xf0001000ull);
    CT_EXPECT_EQ(b->root_intc, 0);
    CT_EXPECT_STREQ(b->devices[1].name, "serial@2000");
    CT_EXPECT_STREQ(b->devices[1].compatible, "xlnx,xuartps");   /* first compatible */
    CT_EXPECT_EQ(b->devices[1].base, 0xf0002000ull);
    CT_EXPECT_EQ(b->devices[1].irq_parent, 0);
    CT_EXPECT_EQ(b->devices[1].n_irqs, 1);
    CT_EXPECT_EQ(b->devices[1].irqs[0], 69);
    CT_EXPECT_EQ(b->devices[2].irqs[0], 29);
    CT_EXPECT_EQ(b->devices[2].size, 0x20);
    CT_EXPECT_STREQ(b->devices[3].name, "i2c@5000");
    CT_EXPECT_EQ(b->devices[3].n_irqs, 0);
    CT_EXPECT_EQ(b->devices[3].irq_parent, -1);
    free(b);
    free(t);
}

CTEST(board_errors, read_dtb_file)
{
    char err[256] = "";
    void *blob = (void *)1;
    CT_EXPECT_FALSE(board_read_dtb_file("/nonexistent/board.dtb", &blob, err, sizeof err));
    CT_EXPECT_STREQ(err, "board: /nonexistent/board.dtb: No such file or directory");
    CT_EXPECT_TRUE(blob == NULL);

    char path[] = "/tmp/board_test_XXXXXX";
    int fd = mkstemp(path);
    CT_ASSERT_TRUE(fd >= 0);
    CT_ASSERT_EQ(write(fd, "hello, not a tree", 17), 17);
    close(fd);
    CT_EXPECT_FALSE(board_read_dtb_file(path, &blob, err, sizeof err));
    char want[128];
    snprintf(want, sizeof want, "board: %s: not a device tree blob (", path);
    CT_EXPECT_TRUE(strncmp(err, want, strlen(want)) == 0);

    void *t = small_tree(B_NONE);
    CT_ASSERT_TRUE(t != NULL);
    FILE *f = fopen(path, "wb");
    CT_ASSERT_TRUE(f != NULL);
    fwrite(t, 1, fdt_totalsize(t), f);
    fclose(f);
    bool ok = board_read_dtb_file(path, &blob, err, sizeof err);
    CT_EXPECT_TRUE(ok);
    if (ok) {
        CT_EXPECT_EQ(fdt_totalsize(blob), fdt_totalsize(t));
        CT_EXPECT_EQ(memcmp(blob, t, fdt_totalsize(t)), 0);
        free(blob);
    }
    /* Truncated: header says more than the file holds. */
    f = fopen(path, "wb");
    CT_ASSERT_TRUE(f != NULL);
    fwrite(t, 1, fdt_totalsize(t) - 8, f);
    fclose(f);
    CT_EXPECT_FALSE(board_read_dtb_file(path, &blob, err, sizeof err));
    CT_EXPECT_TRUE(strstr(err, "not a device tree blob") != NULL);
    unlink(path);
    free(t);
}
