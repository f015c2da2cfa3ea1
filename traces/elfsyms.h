/*
 * Function symbols for profiles: a sorted table of [addr, end) ranges
 * with names, filled from an ELF file (through the firmware loader's
 * libelf reader, cosim/loader.h) or by hand (tests, other formats).
 *
 * From an ELF, FUNC symbols are kept, and NOTYPE ones that are not ARM
 * mapping symbols ($a, $t, $d, ...) since hand-written assembly labels
 * its functions that way; OBJECT symbols are not code.  A symbol without
 * a size extends to the next symbol (or to +4 KiB when it is the last).
 * Overlapping ranges are cut at the next start, so lookup is a binary
 * search.  Function index i is stable once trace_symtab_finish ran.
 */
#ifndef TRACES_ELFSYMS_H
#define TRACES_ELFSYMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct trace_sym {
    char *name;
    uint64_t addr, end;       /* [addr, end) */
} trace_sym;

typedef struct trace_symtab {
    trace_sym *syms;
    size_t n, cap;
    bool finished;
} trace_symtab;

void trace_symtab_init(trace_symtab *t);
void trace_symtab_free(trace_symtab *t);
/* size 0: unknown (extends to the next symbol).  false: out of memory. */
__attribute__((warn_unused_result))
bool trace_symtab_add(trace_symtab *t, const char *name, uint64_t addr, uint64_t size);
/* Sorts, drops duplicates, computes ends.  Call once after the adds. */
void trace_symtab_finish(trace_symtab *t);
/* Index of the function holding addr, or -1. */
long trace_symtab_lookup(const trace_symtab *t, uint64_t addr);
/* Loads the function symbols of an ARM ELF file (then finish). */
__attribute__((warn_unused_result))
bool trace_symtab_load_elf(trace_symtab *t, const char *path, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif
