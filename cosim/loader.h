/*
 * Firmware loader: puts an ELF or a raw binary image into guest memory.
 *
 * The loader knows no bus and no SystemC: every byte goes through the
 * caller's `write` callback, which succeeds only where RAM or ROM is, so
 * an image that does not fit the board is refused with one clear line
 * instead of being silently truncated.
 *
 * ELF (System V ABI, ARM ELF supplement): ELF32 little-endian only; the
 * machine must match the board (EM_ARM, later EM_SH).  Each PT_LOAD
 * segment is copied to its physical address (p_paddr), as QEMU does, and
 * p_memsz - p_filesz bytes after it are zero-filled (.bss).  The entry is
 * e_entry, moved by (p_paddr - p_vaddr) when it lies in an executable
 * segment whose two addresses differ (again as QEMU does).  The symbol
 * table (.symtab) is kept, sorted by address, for tracing and profiling.
 *
 * Anything that does not start with the ELF magic is a raw image, copied
 * at the board's load address; its entry is that address.
 *
 * Usage:
 *   loader_config cfg = { .machine = LOADER_EM_ARM, .load_address = b.load_address,
 *                         .has_load_address = true, .write = my_write, .opaque = bus };
 *   loader_image img;
 *   char err[256];
 *   if (!loader_load_file(&img, path, &cfg, err, sizeof err)) {
 *       fprintf(stderr, "cosim: %s\n", err); exit(1);
 *   }
 *   ... img.entry ...; loader_symbol_lookup(&img, pc); loader_image_free(&img);
 *
 * Invariants: on failure the image is left empty (nothing to free, though
 * loader_image_free on it is harmless); bytes may already have been written
 * to guest memory.  Garbage or truncated input never crashes the loader.
 */
#ifndef COSIM_LOADER_H
#define COSIM_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LOADER_WUR __attribute__((warn_unused_result))

/* ELF e_machine values we accept (from the System V ABI registry). */
#define LOADER_EM_SH  42
#define LOADER_EM_ARM 40

/* Write len bytes at guest physical address addr; false where there is no
 * RAM/ROM (any part of the range). */
typedef bool (*loader_write_fn)(void *opaque, uint64_t addr, const void *buf, uint64_t len);

typedef struct loader_config {
    uint16_t machine;          /* required e_machine: LOADER_EM_ARM, ...      */
    uint64_t load_address;     /* where raw images go                         */
    bool has_load_address;     /* false: raw images are refused               */
    loader_write_fn write;
    void *opaque;              /* passed to write                              */
} loader_config;

typedef enum loader_format {
    LOADER_FORMAT_NONE = 0,
    LOADER_FORMAT_ELF,
    LOADER_FORMAT_RAW,
} loader_format;

typedef enum loader_sym_type {
    LOADER_SYM_NOTYPE = 0,     /* labels (assembly)                           */
    LOADER_SYM_OBJECT,
    LOADER_SYM_FUNC,
} loader_sym_type;

typedef struct loader_symbol {
    const char *name;          /* points into the image's string pool          */
    uint64_t addr;             /* Thumb bit cleared                            */
    uint64_t size;             /* 0 when the ELF gives none                    */
    loader_sym_type type;
    bool thumb;                /* ARM: a function whose st_value had bit 0 set */
    bool global;               /* STB_GLOBAL or STB_WEAK                       */
} loader_symbol;

typedef struct loader_segment {
    uint64_t paddr, vaddr;
    uint64_t filesz, memsz;
    uint32_t flags;            /* PF_X | PF_W | PF_R                            */
} loader_segment;

typedef struct loader_image {
    loader_format format;
    uint64_t entry;
    uint16_t machine;          /* e_machine, 0 for raw images                  */
    uint64_t low, high;        /* lowest loaded address, one past the highest  */
    loader_segment *segments;  /* ELF: the PT_LOAD segments loaded; raw: one   */
    size_t n_segments;
    loader_symbol *symbols;    /* sorted by addr, then name                    */
    size_t n_symbols;
    char *strings;             /* pool the symbol names point into             */
} loader_image;

/* Load the file at path.  Errors (one line, no trailing newline) name the
 * file: "fw.elf: ELF is for machine x86-64 (62), this board needs ARM". */
LOADER_WUR bool loader_load_file(loader_image *img, const char *path, const loader_config *cfg,
                                 char *err, size_t err_len);

/* Same, from a buffer; `name` is used in messages. */
LOADER_WUR bool loader_load_buffer(loader_image *img, const void *data, size_t len,
                                   const char *name, const loader_config *cfg,
                                   char *err, size_t err_len);

void loader_image_free(loader_image *img);

/* The symbol that covers addr: the one with the greatest address <= addr
 * whose extent holds it (sized symbols: [addr, addr+size); unsized ones:
 * up to the next symbol's address).  NULL when none does. */
const loader_symbol *loader_symbol_lookup(const loader_image *img, uint64_t addr);

/* First symbol with this exact name, or NULL. */
const loader_symbol *loader_symbol_find(const loader_image *img, const char *name);

/* "ARM", "SuperH", "x86-64", ... for an e_machine value; NULL if unknown. */
const char *loader_machine_name(uint16_t machine);

#ifdef __cplusplus
}
#endif

#endif
