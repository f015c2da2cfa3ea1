/*
 * -d logging: an item prints only when its bit is set in cpu->log.mask;
 * output goes to cpu->log.file (stderr when unset).
 */
#include <stdarg.h>
#include <stdio.h>

#include "cpu.h"

void tcg_log_item(tcg_cpu *cpu, uint32_t item, const char *fmt, ...)
{
    if (!(cpu->log.mask & item))
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(cpu->log.file ? cpu->log.file : stderr, fmt, ap);
    va_end(ap);
}
