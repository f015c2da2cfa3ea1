/*
 * SerialICE access log, in the original SerialICE line format so existing
 * replay and analysis tools read it:
 *
 *   PPPP.IIII    FLAGS    [CS:EIP]   NAME: body
 *
 *   PPPP.IIII  parent id and id of the access, 4+ lowercase hex digits;
 *              top-level accesses have parent 0000, ids count from 0001
 *   FLAGS      4 characters: R (a real access; I = information only),
 *              H or . (went to the hardware), Q or . (went to the
 *              simulation: "Q" kept from the original's QEMU),
 *              U (no rule matched), F (value faked by a rewrite),
 *              D (dropped) or .
 *   [CS:EIP]   the guest PC.  x86 had a segment:offset; our guests (ARM,
 *              SH) have a flat PC, so CS is 0000 and EIP is the 32-bit PC
 *              in 8 hex digits: [0000:00010a3c]
 *   NAME       the rule's name= (default MEM, IO, MSR, CPUID)
 *   body       writeb/w/l/q ADDR <= DATA     readb/w/l/q ADDR => DATA
 *              outb/w/l PORT <= DATA          inb/w/l PORT => DATA
 *              wrmsr MSR <= HI.LO            rdmsr MSR => HI.LO
 *              cpuid EAX.ECX => EAX.EBX.ECX.EDX
 *              right-aligned verbs (" readl", " inw") as in the original;
 *              ADDR 8 digits, PORT 4, DATA 2/4/8/16 by size.
 *
 * Lines are buffered and flushed by sice_log_flush() (call it when the
 * simulation stops, normally or on a SerialICE failure) and at close.
 */
#ifndef SERIALICE_LOG_H
#define SERIALICE_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "serialice/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sice_log_kind {
    SICE_LOG_MEM_READ, SICE_LOG_MEM_WRITE,
    SICE_LOG_IO_READ, SICE_LOG_IO_WRITE,
    SICE_LOG_MSR_READ, SICE_LOG_MSR_WRITE,
    SICE_LOG_CPUID,
} sice_log_kind;

enum {
    SICE_LOG_HW = 1,        /* H */
    SICE_LOG_SIM = 2,       /* Q */
    SICE_LOG_UNKNOWN = 4,   /* U */
    SICE_LOG_FAKED = 8,     /* F */
    SICE_LOG_DROPPED = 16,  /* D */
    SICE_LOG_INFO = 32,     /* I instead of R */
};

typedef struct sice_log_entry {
    sice_log_kind kind;
    uint64_t addr;          /* address, port, MSR number or CPUID eax     */
    unsigned size;          /* bytes: 1, 2, 4, 8 (MSR/CPUID: ignored)      */
    uint64_t val;           /* data (MSR: hi << 32 | lo)                   */
    uint32_t ecx;           /* CPUID: ecx in                               */
    uint32_t cpuid[4];      /* CPUID: eax, ebx, ecx, edx out               */
    uint32_t pc;            /* guest PC of the access                      */
    uint32_t parent;        /* id of the enclosing access, 0 if none       */
    unsigned flags;         /* SICE_LOG_*                                  */
    const char *name;       /* filter / rule name; NULL: by kind           */
} sice_log_entry;

typedef struct sice_log {
    FILE *f;
    bool own;               /* we opened it: close it at the end          */
    uint32_t next_id;
    bool failed;            /* a write to the log failed                  */
    char path[256];
} sice_log;

/* Open `path` for writing ("-" is stderr).  Truncates an existing file. */
sice_status sice_log_open(sice_log *l, const char *path) SICE_WUR;
/* Log to a stream the caller owns (tests use a memory stream). */
void sice_log_attach(sice_log *l, FILE *f);
/* Format one line (no '\n') as it would be logged with id `id`. */
int sice_log_format(char *buf, size_t len, uint32_t id, const sice_log_entry *e);
/* Append one line; returns the id it got through *id (may be NULL). */
sice_status sice_log_write(sice_log *l, const sice_log_entry *e, uint32_t *id) SICE_WUR;
/* An information line (flags "I...", name SerialICE, body = text), used to
 * record why the session stopped. */
sice_status sice_log_info(sice_log *l, uint32_t pc, const char *text) SICE_WUR;
sice_status sice_log_flush(sice_log *l) SICE_WUR;
sice_status sice_log_close(sice_log *l) SICE_WUR;

#ifdef __cplusplus
}
#endif

#endif
