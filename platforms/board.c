/*
 * board_parse: a flattened device tree -> struct board (see board.h for
 * what is read and the rules applied).
 *
 * Follows the Devicetree Specification v0.4: #address-cells/#size-cells
 * of the parent bus size each reg entry, `ranges` translates bus addresses
 * to the parent's space, interrupt-parent is inherited, #interrupt-cells
 * of the interrupt parent sizes each interrupt specifier.
 *
 * Invariants: every error is one line starting "board: " and the board is
 * unusable after one; devices[] are in tree order; irq_parent always names
 * an interrupt-controller device; regions (memories and devices) never
 * overlap.  Nothing here allocates except board_read_dtb_file.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "platforms/board.h"

#define BOARD_UNIMPLEMENTED "cosim,unimplemented"

typedef struct parse_ctx {
    board *b;
    board_model_known_fn known;
    void *known_ctx;
    char *err;
    size_t err_len;
    /* parent offset of the node at struct offset 4 * i, -1 for the root:
     * libfdt's fdt_parent_offset walks the tree from the root on every
     * call, which made parsing quadratic (~20 M instructions per start) */
    int *parent;
    size_t n_parent;
} parse_ctx;

__attribute__((format(printf, 2, 3)))
static bool fail(parse_ctx *pc, const char *fmt, ...)
{
    int n = snprintf(pc->err, pc->err_len, "board: ");
    if (n >= 0 && (size_t)n < pc->err_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(pc->err + n, pc->err_len - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static const char *node_name(const void *fdt, int node)
{
    const char *name = fdt_get_name(fdt, node, NULL);
    return (name && *name) ? name : "/";
}

static bool copy_str(char *dst, size_t dst_len, const char *src)
{
    size_t n = strlen(src);
    if (n >= dst_len)
        return false;
    memcpy(dst, src, n + 1);
    return true;
}

static uint64_t read_cells(const fdt32_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = (v << 32) | fdt32_to_cpu(p[i]);
    return v;
}

/* Does a NUL-separated string list property hold `s`? */
static bool strlist_has(const char *list, int len, const char *s)
{
    for (int i = 0; i < len;) {
        size_t n = strnlen(list + i, (size_t)(len - i));
        if (n == strlen(s) && memcmp(list + i, s, n) == 0)
            return true;
        i += (int)n + 1;
    }
    return false;
}

static bool node_disabled(const void *fdt, int node)
{
    int len;
    const char *st = fdt_getprop(fdt, node, "status", &len);
    if (!st || len <= 0)
        return false;
    return strncmp(st, "okay", (size_t)len) != 0 && strncmp(st, "ok", (size_t)len) != 0;
}

/* Cells of a bus node, checked to fit our 64-bit fields. */
static bool bus_cells(parse_ctx *pc, int bus, int *ac, int *sc)
{
    const void *fdt = pc->b->fdt;
    *ac = fdt_address_cells(fdt, bus);
    *sc = fdt_size_cells(fdt, bus);
    if (*ac < 1 || *ac > 2)
        return fail(pc, "node %s: #address-cells %d unsupported (1 or 2)", node_name(fdt, bus), *ac);
    if (*sc < 0 || *sc > 2)
        return fail(pc, "node %s: #size-cells %d unsupported (0..2)", node_name(fdt, bus), *sc);
    return true;
}

static int parent_of(const parse_ctx *pc, int node)
{
    if (node < 0 || (size_t)node / 4 >= pc->n_parent)
        return -FDT_ERR_BADOFFSET;
    return pc->parent[node / 4];
}

/*
 * Translate a bus address of `node` to CPU space through the ancestors'
 * `ranges`.  *mapped is false (and true is returned) when some ancestor
 * has no ranges: the node is not memory-mapped.
 */
static bool translate(parse_ctx *pc, int node, uint64_t *addr, uint64_t size, bool *mapped)
{
    const void *fdt = pc->b->fdt;
    int bus = parent_of(pc, node);
    *mapped = true;
    while (bus > 0) {
        int len;
        const fdt32_t *r = fdt_getprop(fdt, bus, "ranges", &len);
        if (!r) {
            *mapped = false;
            return true;
        }
        int parent = parent_of(pc, bus);
        if (parent < 0)
            return fail(pc, "node %s: bad tree structure", node_name(fdt, bus));
        if (len > 0) {
            int cac, csc, pac, psc;
            if (!bus_cells(pc, bus, &cac, &csc) || !bus_cells(pc, parent, &pac, &psc))
                return false;
            int entry = cac + pac + csc;
            if (csc == 0 || len % (entry * 4) != 0)
                return fail(pc, "node %s: ranges has %d bytes, not a multiple of %d",
                            node_name(fdt, bus), len, entry * 4);
            bool found = false;
            for (int i = 0; i < len / 4 && !found; i += entry) {
                uint64_t child = read_cells(r + i, cac);
                uint64_t paddr = read_cells(r + i + cac, pac);
                uint64_t rsize = read_cells(r + i + cac + pac, csc);
                if (*addr >= child && *addr - child < rsize && size <= rsize - (*addr - child)) {
                    *addr = *addr - child + paddr;
                    found = true;
                }
            }
            if (!found)
                return fail(pc, "node %s: address 0x%llx (size 0x%llx) is outside the ranges of %s",
                            node_name(fdt, node), (unsigned long long)*addr,
                            (unsigned long long)size, node_name(fdt, bus));
        }
        bus = parent;
    }
    return true;
}

/* The first reg entry, translated.  *mapped false: no reg to use here. */
static bool first_reg(parse_ctx *pc, int node, int index, uint64_t *base, uint64_t *size,
                      int *n_entries, bool *mapped)
{
    const void *fdt = pc->b->fdt;
    int len, ac, sc;
    const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
    *mapped = false;
    if (!reg)
        return true;
    int bus = parent_of(pc, node);
    if (bus < 0)
        return fail(pc, "node %s: bad tree structure", node_name(fdt, node));
    if (!bus_cells(pc, bus, &ac, &sc))
        return false;
    if (sc == 0) /* e.g. CPUs or I2C devices: not memory-mapped */
        return true;
    int entry = (ac + sc) * 4;
    if (len <= 0 || len % entry != 0)
        return fail(pc, "node %s: reg has %d bytes, not a multiple of %d",
                    node_name(fdt, node), len, entry);
    *n_entries = len / entry;
    if (index >= *n_entries)
        return true;
    const fdt32_t *e = reg + index * (ac + sc);
    *base = read_cells(e, ac);
    *size = read_cells(e + ac, sc);
    if (*size == 0)
        return fail(pc, "node %s: reg entry %d has size 0", node_name(fdt, node), index);
    if (*base + *size - 1 < *base)
        return fail(pc, "node %s: reg entry %d wraps around the address space",
                    node_name(fdt, node), index);
    return translate(pc, node, base, *size, mapped);
}

static bool add_memory(parse_ctx *pc, int node, uint64_t base, uint64_t size, bool ro)
{
    board *b = pc->b;
    if (b->n_memories >= BOARD_MAX_MEMORIES)
        return fail(pc, "more than %d memory regions", BOARD_MAX_MEMORIES);
    board_memory *m = &b->memories[b->n_memories];
    if (!copy_str(m->name, sizeof m->name, node_name(b->fdt, node)))
        return fail(pc, "node %s: name longer than %d characters", node_name(b->fdt, node),
                    BOARD_NAME_LEN - 1);
    m->base = base;
    m->size = size;
    m->read_only = ro;
    m->is_main_ram = false;
    b->n_memories++;
    return true;
}

static bool parse_memory(parse_ctx *pc, int node, bool sram, bool *main_seen)
{
    const void *fdt = pc->b->fdt;
    int n_entries = 1;
    bool ro = sram && fdt_getprop(fdt, node, "read-only", NULL) != NULL;
    for (int i = 0; i < n_entries; i++) {
        uint64_t base = 0, size = 0;
        bool mapped;
        if (!first_reg(pc, node, i, &base, &size, &n_entries, &mapped))
            return false;
        if (!mapped)
            return i > 0 ? true
                         : fail(pc, "node %s: memory without a usable reg", node_name(fdt, node));
        if (!add_memory(pc, node, base, size, ro))
            return false;
        if (!sram && !*main_seen) {
            pc->b->memories[pc->b->n_memories - 1].is_main_ram = true;
            *main_seen = true;
        }
    }
    return true;
}

/* Choose the model compatible of a device node. */
static bool pick_compatible(parse_ctx *pc, int node, const char *list, int len, const char **out)
{
    const void *fdt = pc->b->fdt;
    *out = NULL;
    if (pc->known) {
        for (int i = 0; i < len && !*out;) {
            if (pc->known(pc->known_ctx, list + i))
                *out = list + i;
            i += (int)strnlen(list + i, (size_t)(len - i)) + 1;
        }
        if (!*out)
            return fail(pc, "node %s: no model for compatible \"%s\"", node_name(fdt, node), list);
    } else {
        *out = strlist_has(list, len, BOARD_UNIMPLEMENTED) ? BOARD_UNIMPLEMENTED : list;
    }
    return true;
}

static bool parse_device(parse_ctx *pc, int node)
{
    board *b = pc->b;
    const void *fdt = b->fdt;
    int clen, n_entries = 1;
    const char *compat = fdt_getprop(fdt, node, "compatible", &clen);
    if (!compat)
        return true;
    if (clen <= 0 || compat[clen - 1] != '\0')
        return fail(pc, "node %s: compatible is not a list of NUL-terminated strings",
                    node_name(fdt, node));
    uint64_t base = 0, size = 0;
    bool mapped;
    if (!first_reg(pc, node, 0, &base, &size, &n_entries, &mapped))
        return false;
    if (!mapped)
        return true;
    const char *model;
    if (!pick_compatible(pc, node, compat, clen, &model))
        return false;
    if (b->n_devices >= BOARD_MAX_DEVICES)
        return fail(pc, "more than %d devices", BOARD_MAX_DEVICES);
    board_device *d = &b->devices[b->n_devices];
    memset(d, 0, sizeof *d);
    if (!copy_str(d->name, sizeof d->name, node_name(fdt, node)))
        return fail(pc, "node %s: name longer than %d characters", node_name(fdt, node),
                    BOARD_NAME_LEN - 1);
    if (!copy_str(d->compatible, sizeof d->compatible, model))
        return fail(pc, "node %s: compatible \"%s\" longer than %d characters",
                    node_name(fdt, node), model, BOARD_NAME_LEN - 1);
    d->base = base;
    d->size = size;
    d->irq_parent = -1;
    d->is_intc = fdt_getprop(fdt, node, "interrupt-controller", NULL) != NULL;
    d->node = node;
    b->n_devices++;
    return true;
}

static bool parse_cpus(parse_ctx *pc)
{
    board *b = pc->b;
    const void *fdt = b->fdt;
    int cpus = fdt_path_offset(fdt, "/cpus");
    if (cpus < 0)
        return fail(pc, "no /cpus node");
    int node;
    fdt_for_each_subnode(node, fdt, cpus) {
        const char *dt = fdt_getprop(fdt, node, "device_type", NULL);
        if (!dt || strcmp(dt, "cpu") != 0 || node_disabled(fdt, node))
            continue;
        int len;
        const char *compat = fdt_getprop(fdt, node, "compatible", &len);
        if (!compat || len <= 0 || compat[len - 1] != '\0')
            return fail(pc, "node %s: CPU without a compatible", node_name(fdt, node));
        if (b->n_cpus == 0) {
            if (!copy_str(b->cpu_model, sizeof b->cpu_model, compat))
                return fail(pc, "node %s: CPU compatible too long", node_name(fdt, node));
        } else if (strcmp(b->cpu_model, compat) != 0) {
            return fail(pc, "node %s: CPU \"%s\" differs from the first CPU \"%s\"",
                        node_name(fdt, node), compat, b->cpu_model);
        }
        b->n_cpus++;
    }
    if (b->n_cpus == 0)
        return fail(pc, "no CPU under /cpus");
    return true;
}

static bool parse_root_and_chosen(parse_ctx *pc)
{
    board *b = pc->b;
    const void *fdt = b->fdt;
    int len;
    const char *s = fdt_getprop(fdt, 0, "cosim,name", &len);
    if (s && len > 0 && s[len - 1] == '\0') {
        if (!copy_str(b->name, sizeof b->name, s))
            return fail(pc, "cosim,name too long");
    } else {
        s = fdt_getprop(fdt, 0, "compatible", &len);
        if (s && len > 0 && s[len - 1] == '\0') {
            const char *comma = strchr(s, ',');
            if (!copy_str(b->name, sizeof b->name, comma ? comma + 1 : s))
                return fail(pc, "root compatible too long");
        } else {
            copy_str(b->name, sizeof b->name, "unnamed");
        }
    }
    s = fdt_getprop(fdt, 0, "model", &len);
    if (!(s && len > 0 && s[len - 1] == '\0'))
        s = b->name;
    snprintf(b->description, sizeof b->description, "%s", s);

    b->chosen_node = fdt_path_offset(fdt, "/chosen");
    if (b->chosen_node < 0) {
        b->chosen_node = -1;
        return true;
    }
    const fdt32_t *p = fdt_getprop(fdt, b->chosen_node, "cosim,load-address", &len);
    if (p) {
        if (len != 4 && len != 8)
            return fail(pc, "/chosen: cosim,load-address must be 1 or 2 cells");
        b->load_address = read_cells(p, len / 4);
        b->has_load_address = true;
    }
    s = fdt_getprop(fdt, b->chosen_node, "cosim,boot-protocol", &len);
    if (s) {
        if (len <= 0 || s[len - 1] != '\0' || !copy_str(b->boot_protocol, sizeof b->boot_protocol, s))
            return fail(pc, "/chosen: bad cosim,boot-protocol");
    }
    return true;
}

static int device_index(const board *b, int node)
{
    for (int i = 0; i < b->n_devices; i++)
        if (b->devices[i].node == node)
            return i;
    return -1;
}

/* The node's interrupt parent (inherited); -1 when there is none. */
static bool resolve_irq_parent(parse_ctx *pc, int node, int *parent_node)
{
    const void *fdt = pc->b->fdt;
    *parent_node = -1;
    for (int n = node; n >= 0; n = n == 0 ? -1 : parent_of(pc, n)) {
        int len;
        const fdt32_t *p = fdt_getprop(fdt, n, "interrupt-parent", &len);
        if (!p)
            continue;
        if (len != 4)
            return fail(pc, "node %s: interrupt-parent must be one phandle", node_name(fdt, n));
        uint32_t ph = fdt32_to_cpu(*p);
        int target = fdt_node_offset_by_phandle(fdt, ph);
        if (target < 0)
            return fail(pc, "node %s: interrupt-parent phandle %u not found",
                        node_name(fdt, node), ph);
        *parent_node = target;
        return true;
    }
    return true;
}

static bool decode_irq(parse_ctx *pc, int node, const fdt32_t *spec, int cells, uint32_t *out)
{
    switch (cells) {
    case 1:
    case 2:
        *out = fdt32_to_cpu(spec[0]);
        return true;
    case 3: {
        uint32_t type = fdt32_to_cpu(spec[0]), n = fdt32_to_cpu(spec[1]);
        if (type > 1)
            return fail(pc, "node %s: interrupt type %u unsupported (GIC binding: 0 SPI, 1 PPI)",
                        node_name(pc->b->fdt, node), type);
        *out = n + (type == 0 ? 32 : 16);
        return true;
    }
    default:
        return fail(pc, "node %s: #interrupt-cells %d of its interrupt parent unsupported",
                    node_name(pc->b->fdt, node), cells);
    }
}

static bool wire_irqs(parse_ctx *pc, int i)
{
    board *b = pc->b;
    const void *fdt = b->fdt;
    board_device *d = &b->devices[i];
    if (fdt_getprop(fdt, d->node, "interrupts-extended", NULL))
        return fail(pc, "node %s: interrupts-extended is not supported", d->name);
    int len;
    const fdt32_t *irqs = fdt_getprop(fdt, d->node, "interrupts", &len);
    int pnode;
    if (!resolve_irq_parent(pc, d->node, &pnode))
        return false;
    if (!irqs) {
        /* The parent only matters for finding the root controller. */
        return true;
    }
    if (pnode < 0)
        return fail(pc, "node %s: interrupts but no interrupt-parent", d->name);
    if (pnode == d->node)
        return fail(pc, "node %s: is its own interrupt parent", d->name);
    int p = device_index(b, pnode);
    if (p < 0)
        return fail(pc, "node %s: interrupt parent %s is not a memory-mapped device",
                    d->name, node_name(fdt, pnode));
    if (!b->devices[p].is_intc)
        return fail(pc, "node %s: interrupt parent %s is not an interrupt-controller",
                    d->name, b->devices[p].name);
    int clen;
    const fdt32_t *c = fdt_getprop(fdt, pnode, "#interrupt-cells", &clen);
    if (!c || clen != 4)
        return fail(pc, "node %s: interrupt parent %s has no #interrupt-cells",
                    d->name, b->devices[p].name);
    int cells = (int)fdt32_to_cpu(*c);
    if (cells < 1 || cells > 3)
        return fail(pc, "node %s: #interrupt-cells %d of %s unsupported",
                    d->name, cells, b->devices[p].name);
    if (len <= 0 || len % (cells * 4) != 0)
        return fail(pc, "node %s: interrupts has %d bytes, not a multiple of %d",
                    d->name, len, cells * 4);
    int n = len / (cells * 4);
    if (n > BOARD_MAX_IRQS)
        return fail(pc, "node %s: %d interrupts, at most %d supported", d->name, n, BOARD_MAX_IRQS);
    for (int k = 0; k < n; k++)
        if (!decode_irq(pc, d->node, irqs + k * cells, cells, &d->irqs[k]))
            return false;
    d->n_irqs = n;
    d->irq_parent = p;
    return true;
}

static bool find_root_intc(parse_ctx *pc)
{
    board *b = pc->b;
    b->root_intc = -1;
    for (int i = 0; i < b->n_devices; i++) {
        board_device *d = &b->devices[i];
        if (!d->is_intc || d->irq_parent >= 0)
            continue;
        if (fdt_getprop(b->fdt, d->node, "interrupts", NULL))
            continue;
        int pnode;
        if (!resolve_irq_parent(pc, d->node, &pnode))
            return false;
        if (pnode >= 0 && pnode != d->node)
            continue;   /* an intc feeding another one without interrupts: not root */
        if (b->root_intc >= 0)
            return fail(pc, "two root interrupt controllers: %s and %s",
                        b->devices[b->root_intc].name, d->name);
        b->root_intc = i;
    }
    return true;
}

static bool check_overlaps(parse_ctx *pc)
{
    const board *b = pc->b;
    int n = b->n_memories + b->n_devices;
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
            const char *ni, *nj;
            uint64_t bi, si, bj, sj;
#define REGION(k, nm, bs, sz) do {                                              \
                if ((k) < b->n_memories) { nm = b->memories[k].name;            \
                    bs = b->memories[k].base; sz = b->memories[k].size; }       \
                else { nm = b->devices[(k) - b->n_memories].name;               \
                    bs = b->devices[(k) - b->n_memories].base;                  \
                    sz = b->devices[(k) - b->n_memories].size; } } while (0)
            REGION(i, ni, bi, si);
            REGION(j, nj, bj, sj);
#undef REGION
            if (bi <= bj + (sj - 1) && bj <= bi + (si - 1))
                return fail(pc, "%s [0x%llx, +0x%llx) overlaps %s [0x%llx, +0x%llx)",
                            ni, (unsigned long long)bi, (unsigned long long)si,
                            nj, (unsigned long long)bj, (unsigned long long)sj);
        }
    }
    return true;
}

/* Every node's parent, in one walk (see parse_ctx.parent). */
static bool index_parents(parse_ctx *pc)
{
    const void *fdt = pc->b->fdt;
    enum { MAX_DEPTH = 64 };
    int stack[MAX_DEPTH], depth = 0;
    pc->n_parent = (size_t)fdt_size_dt_struct(fdt) / 4 + 1;
    pc->parent = malloc(pc->n_parent * sizeof *pc->parent);
    if (!pc->parent)
        return fail(pc, "out of memory");
    for (size_t i = 0; i < pc->n_parent; i++)
        pc->parent[i] = -FDT_ERR_BADOFFSET;
    /* depth < 0: past the root's end (libfdt returns that offset) */
    for (int node = 0; node >= 0 && depth >= 0; node = fdt_next_node(fdt, node, &depth)) {
        if (depth >= MAX_DEPTH) {
            free(pc->parent);
            pc->parent = NULL;
            return fail(pc, "device tree nested deeper than %d levels", MAX_DEPTH);
        }
        stack[depth] = node;
        pc->parent[node / 4] = depth > 0 ? stack[depth - 1] : -1;
    }
    return true;
}

static bool parse_tree(parse_ctx *pc)
{
    board *b = pc->b;
    const void *fdt = b->fdt;
    if (!parse_root_and_chosen(pc) || !parse_cpus(pc))
        return false;

    /* Walk the tree in order; skip subtrees of /cpus, /chosen, /aliases
     * and of disabled nodes. */
    bool main_seen = false;
    int skip_depth = -1, depth = 0;
    for (int node = fdt_next_node(fdt, 0, &depth); node >= 0;
         node = fdt_next_node(fdt, node, &depth)) {
        if (skip_depth >= 0) {
            if (depth > skip_depth)
                continue;
            skip_depth = -1;
        }
        const char *name = node_name(fdt, node);
        if (node_disabled(fdt, node) ||
            (depth == 1 && (strcmp(name, "cpus") == 0 || strcmp(name, "chosen") == 0 ||
                            strcmp(name, "aliases") == 0))) {
            skip_depth = depth;
            continue;
        }
        const char *dt = fdt_getprop(fdt, node, "device_type", NULL);
        int clen;
        const char *compat = fdt_getprop(fdt, node, "compatible", &clen);
        if (dt && strcmp(dt, "memory") == 0) {
            if (!parse_memory(pc, node, false, &main_seen))
                return false;
        } else if (compat && clen > 0 && strlist_has(compat, clen, "mmio-sram")) {
            if (!parse_memory(pc, node, true, &main_seen))
                return false;
        } else if (!parse_device(pc, node)) {
            return false;
        }
    }
    if (b->n_memories == 0)
        return fail(pc, "no memory (no /memory node and no mmio-sram)");
    for (int i = 0; i < b->n_devices; i++)
        if (!wire_irqs(pc, i))
            return false;
    if (!find_root_intc(pc) || !check_overlaps(pc))
        return false;
    return true;
}

bool board_parse_ex(board *b, const void *fdt, board_model_known_fn known, void *ctx,
                    char *err, size_t err_len)
{
    parse_ctx pc = { b, known, ctx, err, err_len, NULL, 0 };
    memset(b, 0, sizeof *b);
    b->root_intc = -1;
    b->chosen_node = -1;
    if (!fdt)
        return fail(&pc, "no device tree");
    int rc = fdt_check_header(fdt);
    if (rc == 0)
        rc = fdt_check_full(fdt, fdt_totalsize(fdt));
    if (rc != 0)
        return fail(&pc, "not a valid device tree blob (%s)", fdt_strerror(rc));
    b->fdt = fdt;
    if (!index_parents(&pc))
        return false;
    bool ok = parse_tree(&pc);
    free(pc.parent);
    return ok;
}

bool board_parse(board *b, const void *fdt, char *err, size_t err_len)
{
    return board_parse_ex(b, fdt, NULL, NULL, err, err_len);
}

bool board_read_dtb_file(const char *path, void **out, char *err, size_t err_len)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_len, "board: %s: %s", path, strerror(errno));
        return false;
    }
    size_t cap = 0, len = 0;
    unsigned char *buf = NULL;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            if (ncap > (64u << 20)) {
                snprintf(err, err_len, "board: %s: larger than 64 MiB, not a device tree", path);
                goto fail;
            }
            unsigned char *nb = realloc(buf, ncap);
            if (!nb) {
                snprintf(err, err_len, "board: %s: out of memory", path);
                goto fail;
            }
            buf = nb;
            cap = ncap;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, err_len, "board: %s: read error", path);
        goto fail;
    }
    int rc = len < sizeof(struct fdt_header) ? -FDT_ERR_TRUNCATED : fdt_check_header(buf);
    if (rc == 0 && fdt_totalsize(buf) > len)
        rc = -FDT_ERR_TRUNCATED;
    if (rc != 0) {
        snprintf(err, err_len, "board: %s: not a device tree blob (%s)", path, fdt_strerror(rc));
        goto fail;
    }
    fclose(f);
    *out = buf;
    return true;
fail:
    fclose(f);
    free(buf);
    return false;
}

int board_find_device(const board *b, const char *compatible, int nth)
{
    for (int i = 0; i < b->n_devices; i++)
        if (strcmp(b->devices[i].compatible, compatible) == 0 && nth-- == 0)
            return i;
    return -1;
}

board_memory *board_main_memory(board *b)
{
    for (int i = 0; i < b->n_memories; i++)
        if (b->memories[i].is_main_ram)
            return &b->memories[i];
    return NULL;
}

bool board_prop_u64(const board *b, int node, const char *name, uint64_t *out)
{
    int len;
    const fdt32_t *p = fdt_getprop(b->fdt, node, name, &len);
    if (!p || (len != 4 && len != 8))
        return false;
    *out = read_cells(p, len / 4);
    return true;
}

bool board_prop_str(const board *b, int node, const char *name, const char **out)
{
    int len;
    const char *p = fdt_getprop(b->fdt, node, name, &len);
    if (!p || len <= 0 || p[len - 1] != '\0')
        return false;
    *out = p;
    return true;
}
