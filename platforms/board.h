/*
 * A board as data: what the platform builder instantiates.
 *
 * Boards are device-tree sources (platforms/<name>.dts) compiled by dtc at
 * build time and embedded in the program; a user may also pass their own
 * .dtb (--board-dtb).  This module reads a flattened device tree with
 * libfdt and produces a plain C description; it knows no SystemC and no
 * CPU, and builds nothing itself.
 *
 * What is read from the tree:
 *   /model, /compatible               board name and description
 *   /cpus/cpu@N  compatible           CPU model ("arm,arm926ej-s")
 *   /memory@X    reg                  RAM (size overridden by -m)
 *   nodes with compatible "mmio-sram" ROM/SRAM (property read-only for ROM)
 *   every other node with reg and a compatible that names a built-in model
 *   interrupts / interrupt-parent      IRQ wiring (one cell per line)
 *   /chosen: cosim,load-address, cosim,boot-protocol
 * The root interrupt controller (an interrupt-controller node with no
 * interrupt-parent) drives the CPU: its output 0 is IRQ, output 1 is FIQ
 * (on an SH-4, the NMI request).
 *
 * Details of the reading (Devicetree Specification v0.4):
 *   - #address-cells/#size-cells of the parent are honoured; addresses are
 *     translated to CPU space through each ancestor's `ranges` (empty
 *     `ranges` is the identity).  A node under a bus without `ranges`
 *     (e.g. an I2C device) is not memory-mapped and is skipped.
 *   - A device's model is its first compatible, except that a node whose
 *     compatible list contains "cosim,unimplemented" gets that one (the
 *     hardware is named but not modelled yet).  board_parse_ex lets the
 *     caller pick the first compatible it has a model for instead.
 *   - Only the first reg entry makes base/size.
 *   - interrupt-parent is inherited from the nearest ancestor that has it.
 *     Interrupt specifiers are #interrupt-cells of the parent wide: 1 cell
 *     is the input number; 2 cells: number, flags; 3 cells: the GIC
 *     binding (type 0 SPI -> 32 + n, type 1 PPI -> 16 + n).
 *   - An interrupt controller whose resolved parent is none or itself is
 *     the root; there may be at most one.
 *   - Board short name: root property cosim,name, else the part of the
 *     first root compatible after the comma.  Description: /model.
 *   - Main RAM: the first /memory node's first reg entry.
 */
#ifndef PLATFORMS_BOARD_H
#define PLATFORMS_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BOARD_MAX_DEVICES 64
#define BOARD_MAX_MEMORIES 8
#define BOARD_MAX_IRQS 16         /* was 4; the Versatile SIC needs 11 outputs */
#define BOARD_NAME_LEN 64

typedef struct board_memory {
    char name[BOARD_NAME_LEN];
    uint64_t base, size;
    bool read_only;
    bool is_main_ram;          /* the one -m resizes */
} board_memory;

typedef struct board_device {
    char name[BOARD_NAME_LEN];       /* node name, e.g. "uart@101f1000"      */
    char compatible[BOARD_NAME_LEN]; /* the compatible that matched a model  */
    uint64_t base, size;
    int irq_parent;                  /* index in devices[], or -1            */
    int n_irqs;
    uint32_t irqs[BOARD_MAX_IRQS];   /* input numbers on the parent          */
    bool is_intc;                    /* interrupt-controller property        */
    int node;                        /* fdt node offset, for properties      */
} board_device;

typedef struct board {
    const void *fdt;                 /* the tree (kept for properties)       */
    char name[BOARD_NAME_LEN];       /* short name: -M NAME                  */
    char description[128];
    char cpu_model[BOARD_NAME_LEN];
    int n_cpus;
    board_memory memories[BOARD_MAX_MEMORIES];
    int n_memories;
    board_device devices[BOARD_MAX_DEVICES];
    int n_devices;
    int root_intc;                   /* device index driving the CPU, or -1  */
    uint64_t load_address;           /* raw images (-kernel foo.bin)         */
    /* Additions (after the first version of this header): */
    bool has_load_address;           /* /chosen cosim,load-address present    */
    char boot_protocol[32];          /* /chosen cosim,boot-protocol, or ""    */
    int chosen_node;                 /* fdt offset of /chosen, or -1          */
} board;

/* Parse a flattened tree; false with a one-line reason in err.  The tree
 * must stay alive as long as the board (b->fdt points to it). */
__attribute__((warn_unused_result))
bool board_parse(board *b, const void *fdt, char *err, size_t err_len);

/* Same, but a device's model is the first compatible for which `known`
 * returns true; a node with reg and a compatible none of which is known is
 * an error ("board: node gpio@101e4000: no model for compatible \"arm,pl061\"").
 * known == NULL behaves like board_parse. */
typedef bool (*board_model_known_fn)(void *ctx, const char *compatible);
__attribute__((warn_unused_result))
bool board_parse_ex(board *b, const void *fdt, board_model_known_fn known, void *ctx,
                    char *err, size_t err_len);

/* Read a .dtb file (checked with fdt_check_header) into a malloc'd buffer;
 * the caller frees *out.  False with a one-line reason. */
__attribute__((warn_unused_result))
bool board_read_dtb_file(const char *path, void **out, char *err, size_t err_len);

/* Index in b->devices of the nth (0-based) device with this compatible, or -1. */
int board_find_device(const board *b, const char *compatible, int nth);

/* The main RAM (the one -m resizes), or NULL. */
board_memory *board_main_memory(board *b);

/* The built-in boards (embedded .dtb), NULL-terminated. */
typedef struct board_builtin {
    const char *name;
    const char *description;
    const void *dtb;
} board_builtin;
const board_builtin *board_builtin_find(const char *name);
const board_builtin *board_builtin_list(void);   /* array ending with name == NULL */

/* Property accessors for device models (periph_props over a node).
 * u64 reads a 1-cell (u32) or 2-cell (u64) big-endian value; str a
 * NUL-terminated string.  False when absent or malformed. */
bool board_prop_u64(const board *b, int node, const char *name, uint64_t *out);
bool board_prop_str(const board *b, int node, const char *name, const char **out);

#ifdef __cplusplus
}
#endif

#endif
