/*
 * SerialICE access log: formatting and buffered output (see log.h for the
 * line format and how it maps the original x86 fields onto our guests).
 */
#include "serialice/log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

sice_status sice_log_open(sice_log *l, const char *path)
{
    memset(l, 0, sizeof *l);
    l->next_id = 1;
    snprintf(l->path, sizeof l->path, "%s", path);
    if (strcmp(path, "-") == 0) {
        l->f = stderr;
        return SICE_OK;
    }
    l->f = fopen(path, "w");
    if (!l->f)
        return SICE_ERR_IO;
    l->own = true;
    return SICE_OK;
}

void sice_log_attach(sice_log *l, FILE *f)
{
    memset(l, 0, sizeof *l);
    l->next_id = 1;
    l->f = f;
    snprintf(l->path, sizeof l->path, "(stream)");
}

static char width(unsigned size)
{
    switch (size) {
    case 1: return 'b';
    case 2: return 'w';
    case 4: return 'l';
    case 8: return 'q';
    }
    return '?';
}

static uint64_t mask(unsigned size)
{
    return size >= 8 ? ~0ull : (1ull << (size * 8)) - 1;
}

static const char *default_name(sice_log_kind k)
{
    switch (k) {
    case SICE_LOG_IO_READ: case SICE_LOG_IO_WRITE: return "IO";
    case SICE_LOG_MSR_READ: case SICE_LOG_MSR_WRITE: return "MSR";
    case SICE_LOG_CPUID: return "CPUID";
    default: return "MEM";
    }
}

int sice_log_format(char *buf, size_t len, uint32_t id, const sice_log_entry *e)
{
    char flags[5] = {
        e->flags & SICE_LOG_INFO ? 'I' : 'R',
        e->flags & SICE_LOG_HW ? 'H' : '.',
        e->flags & SICE_LOG_SIM ? 'Q' : '.',
        e->flags & SICE_LOG_UNKNOWN ? 'U' : e->flags & SICE_LOG_FAKED ? 'F'
            : e->flags & SICE_LOG_DROPPED ? 'D' : '.',
        '\0',
    };
    char body[96];
    int dw = (int)(e->size ? e->size : 1) * 2;
    unsigned long long v = e->val & mask(e->size);
    switch (e->kind) {
    case SICE_LOG_MEM_READ:
        snprintf(body, sizeof body, " read%c %08llx => %0*llx", width(e->size),
                 (unsigned long long)e->addr, dw, v);
        break;
    case SICE_LOG_MEM_WRITE:
        snprintf(body, sizeof body, "write%c %08llx <= %0*llx", width(e->size),
                 (unsigned long long)e->addr, dw, v);
        break;
    case SICE_LOG_IO_READ:
        snprintf(body, sizeof body, " in%c %04llx => %0*llx", width(e->size),
                 (unsigned long long)e->addr, dw, v);
        break;
    case SICE_LOG_IO_WRITE:
        snprintf(body, sizeof body, "out%c %04llx <= %0*llx", width(e->size),
                 (unsigned long long)e->addr, dw, v);
        break;
    case SICE_LOG_MSR_READ:
    case SICE_LOG_MSR_WRITE:
        snprintf(body, sizeof body, "%s %08llx %s %08x.%08x",
                 e->kind == SICE_LOG_MSR_READ ? "rdmsr" : "wrmsr", (unsigned long long)e->addr,
                 e->kind == SICE_LOG_MSR_READ ? "=>" : "<=", (unsigned)(e->val >> 32),
                 (unsigned)e->val);
        break;
    case SICE_LOG_CPUID:
        snprintf(body, sizeof body, "cpuid %08x.%08x => %08x.%08x.%08x.%08x",
                 (unsigned)e->addr, e->ecx, e->cpuid[0], e->cpuid[1], e->cpuid[2], e->cpuid[3]);
        break;
    default:
        snprintf(body, sizeof body, "?");
    }
    return snprintf(buf, len, "%04x.%04x    %s    [0000:%08x]   %s: %s", e->parent, id, flags,
                    e->pc, e->name ? e->name : default_name(e->kind), body);
}

sice_status sice_log_write(sice_log *l, const sice_log_entry *e, uint32_t *id)
{
    uint32_t my = l->next_id++;
    if (id)
        *id = my;
    if (!l->f)
        return SICE_OK;
    char line[192];
    sice_log_format(line, sizeof line, my, e);
    if (fprintf(l->f, "%s\n", line) < 0) {
        l->failed = true;
        return SICE_ERR_IO;
    }
    return SICE_OK;
}

sice_status sice_log_info(sice_log *l, uint32_t pc, const char *text)
{
    uint32_t my = l->next_id++;
    if (!l->f)
        return SICE_OK;
    if (fprintf(l->f, "0000.%04x    I...    [0000:%08x]   SerialICE: %s\n", my, pc, text) < 0) {
        l->failed = true;
        return SICE_ERR_IO;
    }
    return SICE_OK;
}

sice_status sice_log_flush(sice_log *l)
{
    if (!l->f)
        return SICE_OK;
    if (fflush(l->f) != 0 || l->failed)
        return SICE_ERR_IO;
    return SICE_OK;
}

sice_status sice_log_close(sice_log *l)
{
    sice_status st = sice_log_flush(l);
    if (l->own && l->f && fclose(l->f) != 0)
        st = SICE_ERR_IO;
    l->f = NULL;
    l->own = false;
    return st;
}
