/*
 * SerialICE forwarding rules: which accesses go to the real board.
 *
 * A rule covers a memory range or an I/O port range and says where an
 * access goes: to the hardware, to the simulation, or both (on a read
 * the hardware's value wins, as in the original SerialICE).  It may also
 * rewrite the value: bits under `mask` are forced to `value`, on reads
 * (value returned to the guest), writes (value sent on) or both.
 *
 * Syntax (command line and rules file alike), one rule:
 *
 *   RANGE[,to=hw|sim|both][,mask=M,value=V][,on=read|write|rw][,name=NAME]
 *
 *   RANGE   0x101f1000+0x1000      start + size
 *           0x101f1000-0x101f1fff  first - last (inclusive)
 *           0x101f1000             one byte
 *           all                    every address
 *           io:0x3f8+8, io:0x3f8-0x3ff, io:0x80, io:all   I/O ports
 *   numbers are C style: 0x.. hex, 0.. octal, else decimal
 *   to=     default hw (the point of a forwarding rule)
 *   name=   the filter name printed in the log (default MEM / IO)
 *
 * A rules file holds one rule per line; '#' starts a comment; options may
 * be separated by ',' or blanks.  Errors name the file and line.
 *
 * Matching: the access's first address decides; the LAST matching rule
 * wins (so later rules, and the command line after the file, refine
 * earlier ones); no match means the simulation handles it.
 */
#ifndef SERIALICE_RULES_H
#define SERIALICE_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "serialice/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sice_space { SICE_SPACE_MEM = 0, SICE_SPACE_IO = 1 } sice_space;

typedef enum sice_route {
    SICE_ROUTE_SIM = 1,         /* the simulated device only             */
    SICE_ROUTE_HW = 2,          /* the real board only                   */
    SICE_ROUTE_BOTH = 3,        /* both; reads return the board's value  */
} sice_route;

enum { SICE_REWRITE_READ = 1, SICE_REWRITE_WRITE = 2 };

typedef struct sice_rule {
    sice_space space;
    uint64_t first, last;       /* inclusive */
    sice_route route;
    bool rewrite;
    unsigned rewrite_on;        /* SICE_REWRITE_READ | SICE_REWRITE_WRITE */
    uint64_t mask, value;
    char name[16];
} sice_rule;

typedef struct sice_rules {
    sice_rule *v;
    size_t n, cap;
} sice_rules;

void sice_rules_init(sice_rules *r);
void sice_rules_free(sice_rules *r);

/* Parse one rule (command-line form) and append it.  err gets "why". */
sice_status sice_rules_add(sice_rules *r, const char *spec, char *err, size_t errlen) SICE_WUR;

/* Parse a whole rules text; `name` labels errors ("rules.txt:3: ..."). */
sice_status sice_rules_parse_text(sice_rules *r, const char *text, const char *name,
                                  char *err, size_t errlen) SICE_WUR;

/* Read and parse a rules file. */
sice_status sice_rules_load(sice_rules *r, const char *path, char *err, size_t errlen) SICE_WUR;

/* The rule deciding an access at addr, or NULL (simulation only). */
const sice_rule *sice_rules_match(const sice_rules *r, sice_space space, uint64_t addr);

/* Apply a rule's rewrite to a value of `size` bytes (no-op without one). */
uint64_t sice_rule_apply(const sice_rule *rule, bool is_write, unsigned size, uint64_t val);

/* Format a rule back into the command-line syntax (for messages/logs). */
void sice_rule_format(const sice_rule *rule, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
