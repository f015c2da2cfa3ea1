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
 * interrupt-parent) drives the CPU: its output 0 is IRQ, output 1 is FIQ.
 */
#ifndef PLATFORMS_BOARD_H
#define PLATFORMS_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOARD_MAX_DEVICES 64
#define BOARD_MAX_MEMORIES 8
#define BOARD_MAX_IRQS 4
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
} board;

/* Parse a flattened tree; false with a one-line reason in err. */
__attribute__((warn_unused_result))
bool board_parse(board *b, const void *fdt, char *err, size_t err_len);

/* The built-in boards (embedded .dtb), NULL-terminated. */
typedef struct board_builtin {
    const char *name;
    const char *description;
    const void *dtb;
} board_builtin;
const board_builtin *board_builtin_find(const char *name);
const board_builtin *board_builtin_list(void);   /* array ending with name == NULL */

/* Property accessors for device models (periph_props over a node). */
bool board_prop_u64(const board *b, int node, const char *name, uint64_t *out);
bool board_prop_str(const board *b, int node, const char *name, const char **out);

#endif
