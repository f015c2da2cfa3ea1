/*
 * The built-in versatilepb tree against QEMU 7.2's hw/arm/versatilepb.c:
 * every region QEMU maps, its size, its IRQ line and controller, and the
 * compatible our platform builder will instantiate.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "ctest.h"
#include "platforms/board.h"

typedef struct expect_dev {
    const char *name;
    const char *compatible;
    uint64_t base, size;
    const char *parent;      /* interrupt controller name, NULL: no irqs */
    int n_irqs;
    uint32_t irqs[11];
} expect_dev;

#define VIC "interrupt-controller@10140000"
#define SIC "interrupt-controller@10003000"
#define UNIMP "cosim,unimplemented"

static const expect_dev vpb_devices[] = {
    { "flash@34000000", UNIMP, 0x34000000, 64u << 20, NULL, 0, { 0 } },
    { "sysreg@10000000", "arm,versatile-sysreg", 0x10000000, 0x1000, NULL, 0, { 0 } },
    { "pci-controller@10001000", UNIMP, 0x10001000, 0x1000, SIC, 2, { 27, 28 } },
    { "i2c@10002000", UNIMP, 0x10002000, 0x1000, NULL, 0, { 0 } },
    /* combined output -> VIC 31, pass-through outputs -> VIC 21..30 */
    { SIC, "arm,versatile-sic", 0x10003000, 0x1000, VIC, 11,
      { 31, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30 } },
    { "aaci@10004000", UNIMP, 0x10004000, 0x1000, SIC, 1, { 24 } },
    { "mmc@10005000", UNIMP, 0x10005000, 0x1000, SIC, 2, { 22, 1 } },
    { "kmi@10006000", UNIMP, 0x10006000, 0x1000, SIC, 1, { 3 } },
    { "kmi@10007000", UNIMP, 0x10007000, 0x1000, SIC, 1, { 4 } },
    { "uart@10009000", "arm,pl011", 0x10009000, 0x1000, SIC, 1, { 6 } },
    { "mmc@1000b000", UNIMP, 0x1000b000, 0x1000, SIC, 2, { 23, 2 } },
    { "ethernet@10010000", UNIMP, 0x10010000, 0x10, SIC, 1, { 25 } },
    { "clcd@10120000", UNIMP, 0x10120000, 0x1000, VIC, 1, { 16 } },
    { "dma@10130000", UNIMP, 0x10130000, 0x1000, VIC, 1, { 17 } },
    { VIC, "arm,versatile-vic", 0x10140000, 0x1000, NULL, 0, { 0 } },
    /* real-board AMBA devices QEMU leaves unmapped (accesses ignored
     * there): placeholders here, for Linux's PrimeCell ID probe */
    { "sci@1000a000", UNIMP, 0x1000a000, 0x1000, NULL, 0, { 0 } },
    { "smc@10100000", UNIMP, 0x10100000, 0x1000, NULL, 0, { 0 } },
    { "mpmc@10110000", UNIMP, 0x10110000, 0x1000, NULL, 0, { 0 } },
    { "sysctl@101e0000", UNIMP, 0x101e0000, 0x1000, NULL, 0, { 0 } },
    { "watchdog@101e1000", UNIMP, 0x101e1000, 0x1000, NULL, 0, { 0 } },
    { "sci@101f0000", UNIMP, 0x101f0000, 0x1000, NULL, 0, { 0 } },
    { "spi@101f4000", UNIMP, 0x101f4000, 0x1000, NULL, 0, { 0 } },
    { "timer@101e2000", "arm,sp804", 0x101e2000, 0x1000, VIC, 1, { 4 } },
    { "timer@101e3000", "arm,sp804", 0x101e3000, 0x1000, VIC, 1, { 5 } },
    { "gpio@101e4000", UNIMP, 0x101e4000, 0x1000, VIC, 1, { 6 } },
    { "gpio@101e5000", UNIMP, 0x101e5000, 0x1000, VIC, 1, { 7 } },
    { "gpio@101e6000", UNIMP, 0x101e6000, 0x1000, VIC, 1, { 8 } },
    { "gpio@101e7000", UNIMP, 0x101e7000, 0x1000, VIC, 1, { 9 } },
    { "rtc@101e8000", "arm,pl031", 0x101e8000, 0x1000, VIC, 1, { 10 } },
    { "uart@101f1000", "arm,pl011", 0x101f1000, 0x1000, VIC, 1, { 12 } },
    { "uart@101f2000", "arm,pl011", 0x101f2000, 0x1000, VIC, 1, { 13 } },
    { "uart@101f3000", "arm,pl011", 0x101f3000, 0x1000, VIC, 1, { 14 } },
    { "pci-self-config@41000000", UNIMP, 0x41000000, 0x01000000, NULL, 0, { 0 } },
    { "pci-config@42000000", UNIMP, 0x42000000, 0x01000000, NULL, 0, { 0 } },
    { "pci-io@43000000", UNIMP, 0x43000000, 0x01000000, NULL, 0, { 0 } },
    { "pci-mem@44000000", UNIMP, 0x44000000, 0x0c000000, NULL, 0, { 0 } },
    { "pci-mem@50000000", UNIMP, 0x50000000, 0x10000000, NULL, 0, { 0 } },
    { "pci-mem@60000000", UNIMP, 0x60000000, 0x10000000, NULL, 0, { 0 } },
};

static int find_dev(const board *b, const char *name)
{
    for (int i = 0; i < b->n_devices; i++)
        if (strcmp(b->devices[i].name, name) == 0)
            return i;
    return -1;
}

static bool parse_vpb(board *b)
{
    const board_builtin *bb = board_builtin_find("versatilepb");
    if (!bb)
        return false;
    char err[256] = "";
    bool ok = board_parse(b, bb->dtb, err, sizeof err);
    if (!ok)
        ctest_fail(__FILE__, __LINE__, "board_parse: %s", err);
    return ok;
}

CTEST(board, builtin_table)
{
    const board_builtin *list = board_builtin_list();
    CT_ASSERT_TRUE(list != NULL);
    CT_ASSERT_TRUE(list[0].name != NULL);
    CT_EXPECT_STREQ(list[0].name, "versatilepb");
    CT_EXPECT_STREQ(list[0].description, "ARM Versatile/PB (ARM926EJ-S)");
    CT_EXPECT_EQ(fdt_check_header(list[0].dtb), 0);
    CT_EXPECT_TRUE(board_builtin_find("versatilepb") == &list[0]);
    CT_EXPECT_TRUE(board_builtin_find("no-such-board") == NULL);
    CT_EXPECT_TRUE(board_builtin_find(NULL) == NULL);
    int n = 0;
    while (list[n].name)
        n++;
    CT_EXPECT_TRUE(list[n].dtb == NULL);
}

CTEST(board, versatilepb_machine)
{
    board *b = calloc(1, sizeof *b);
    CT_ASSERT_TRUE(b != NULL);
    if (!parse_vpb(b)) {
        free(b);
        return;
    }
    CT_EXPECT_STREQ(b->name, "versatilepb");
    CT_EXPECT_STREQ(b->description, "ARM Versatile PB");
    CT_EXPECT_STREQ(b->cpu_model, "arm,arm926ej-s");
    CT_EXPECT_EQ(b->n_cpus, 1);
    CT_EXPECT_TRUE(b->has_load_address);
    CT_EXPECT_EQ(b->load_address, 0x10000);
    CT_EXPECT_STREQ(b->boot_protocol, "linux-arm");
    CT_ASSERT_TRUE(b->chosen_node >= 0);
    uint64_t mach = 0;
    CT_EXPECT_TRUE(board_prop_u64(b, b->chosen_node, "cosim,linux-machine-id", &mach));
    CT_EXPECT_EQ(mach, 0x183);   /* QEMU vpb_init board id */

    CT_EXPECT_EQ(b->n_memories, 1);
    board_memory *ram = board_main_memory(b);
    CT_ASSERT_TRUE(ram != NULL);
    CT_EXPECT_EQ(ram->base, 0);
    CT_EXPECT_EQ(ram->size, 128u << 20);
    CT_EXPECT_FALSE(ram->read_only);
    CT_EXPECT_STREQ(ram->name, "memory@0");

    CT_ASSERT_TRUE(b->root_intc >= 0);
    CT_EXPECT_STREQ(b->devices[b->root_intc].name, VIC);
    CT_EXPECT_TRUE(b->devices[b->root_intc].is_intc);
    CT_EXPECT_EQ(b->devices[b->root_intc].irq_parent, -1);
    free(b);
}

CTEST(board, versatilepb_devices)
{
    board *b = calloc(1, sizeof *b);
    CT_ASSERT_TRUE(b != NULL);
    if (!parse_vpb(b)) {
        free(b);
        return;
    }
    size_t n_expect = sizeof vpb_devices / sizeof vpb_devices[0];
    CT_EXPECT_EQ(b->n_devices, n_expect);
    for (size_t k = 0; k < n_expect; k++) {
        const expect_dev *e = &vpb_devices[k];
        int i = find_dev(b, e->name);
        CT_CHECK_(i >= 0, 0, "device %s missing", e->name);
        if (i < 0)
            continue;
        const board_device *d = &b->devices[i];
        CT_CHECK_(strcmp(d->compatible, e->compatible) == 0, 0, "%s: compatible %s, expected %s",
                  e->name, d->compatible, e->compatible);
        CT_CHECK_(d->base == e->base && d->size == e->size, 0,
                  "%s: [0x%llx +0x%llx], expected [0x%llx +0x%llx]", e->name,
                  (unsigned long long)d->base, (unsigned long long)d->size,
                  (unsigned long long)e->base, (unsigned long long)e->size);
        if (!e->parent) {
            CT_CHECK_(d->n_irqs == 0 && d->irq_parent == -1, 0, "%s: unexpected irqs", e->name);
            continue;
        }
        CT_CHECK_(d->irq_parent >= 0 && strcmp(b->devices[d->irq_parent].name, e->parent) == 0, 0,
                  "%s: wrong interrupt parent", e->name);
        int want_n = strcmp(e->name, "pci-controller@10001000") == 0 ? 4 : e->n_irqs;
        CT_CHECK_(d->n_irqs == want_n, 0, "%s: %d irqs, expected %d", e->name, d->n_irqs, want_n);
        for (int q = 0; q < e->n_irqs && q < d->n_irqs; q++)
            CT_CHECK_(d->irqs[q] == e->irqs[q], 0, "%s: irq[%d] = %u, expected %u", e->name, q,
                      d->irqs[q], e->irqs[q]);
    }
    /* The PCI controller's four lines are SIC 27..30. */
    int pci = find_dev(b, "pci-controller@10001000");
    CT_ASSERT_TRUE(pci >= 0);
    for (int q = 0; q < 4; q++)
        CT_EXPECT_EQ(b->devices[pci].irqs[q], 27 + q);

    /* Interrupt controllers are flagged, nothing else is. */
    for (int i = 0; i < b->n_devices; i++) {
        bool intc = strcmp(b->devices[i].name, VIC) == 0 || strcmp(b->devices[i].name, SIC) == 0;
        CT_CHECK_(b->devices[i].is_intc == intc, 0, "%s: is_intc wrong", b->devices[i].name);
    }

    /* board_find_device: tree order, nth match. */
    int u0 = board_find_device(b, "arm,pl011", 0);
    CT_ASSERT_TRUE(u0 >= 0);
    CT_EXPECT_STREQ(b->devices[u0].name, "uart@10009000");   /* UART3 comes first in the tree */
    CT_EXPECT_EQ(board_find_device(b, "arm,pl011", 3) >= 0, 1);
    CT_EXPECT_EQ(board_find_device(b, "arm,pl011", 4), -1);
    CT_EXPECT_EQ(board_find_device(b, "arm,nothing", 0), -1);

    /* Properties of a device node. */
    int sr = find_dev(b, "sysreg@10000000");
    CT_ASSERT_TRUE(sr >= 0);
    uint64_t v = 0;
    CT_EXPECT_TRUE(board_prop_u64(b, b->devices[sr].node, "sys-id", &v));
    CT_EXPECT_EQ(v, 0x41007004);
    CT_EXPECT_TRUE(board_prop_u64(b, b->devices[sr].node, "proc-id", &v));
    CT_EXPECT_EQ(v, 0x02000000);
    CT_EXPECT_FALSE(board_prop_u64(b, b->devices[sr].node, "no-such-prop", &v));
    const char *s = NULL;
    CT_EXPECT_TRUE(board_prop_str(b, b->devices[sr].node, "compatible", &s));
    CT_EXPECT_STREQ(s, "arm,versatile-sysreg");
    CT_EXPECT_FALSE(board_prop_str(b, b->devices[sr].node, "sys-id", &s));   /* not a string */
    free(b);
}

/* With a model matcher, the first known compatible is chosen, and an
 * unknown one is an error naming the node. */
static bool know_pl011_and_friends(void *ctx, const char *c)
{
    (void)ctx;
    return strcmp(c, "arm,pl011") == 0 || strcmp(c, "arm,sp804") == 0 ||
           strcmp(c, "arm,versatile-vic") == 0 || strcmp(c, "arm,versatile-sic") == 0 ||
           strcmp(c, "arm,versatile-sysreg") == 0 || strcmp(c, "arm,pl031") == 0 ||
           strcmp(c, "cosim,unimplemented") == 0 || strcmp(c, "arm,pl061") == 0;
}

CTEST(board, parse_ex_matcher)
{
    board *b = calloc(1, sizeof *b);
    CT_ASSERT_TRUE(b != NULL);
    const board_builtin *bb = board_builtin_find("versatilepb");
    char err[256] = "";
    bool ok = board_parse_ex(b, bb->dtb, know_pl011_and_friends, NULL, err, sizeof err);
    CT_EXPECT_TRUE(ok);
    if (ok) {
        int g = find_dev(b, "gpio@101e4000");
        CT_ASSERT_TRUE(g >= 0);
        CT_EXPECT_STREQ(b->devices[g].compatible, "arm,pl061");   /* known now: preferred */
        int f = find_dev(b, "flash@34000000");
        CT_ASSERT_TRUE(f >= 0);
        CT_EXPECT_STREQ(b->devices[f].compatible, "cosim,unimplemented");
    }
    free(b);
}
