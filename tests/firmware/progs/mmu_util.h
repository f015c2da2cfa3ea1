/* Shared by the MMU programs: an abort recorder that skips the faulting
 * instruction, so a test can probe an address and read what happened. */
#ifndef MMU_UTIL_H
#define MMU_UTIL_H
#include "fw.h"

typedef struct mmu_probe {
    uint32_t aborts, fsr, far;
} mmu_probe;
extern mmu_probe mmu_last;

/* Read a word; returns the value or 0xabababab if it aborted. */
uint32_t mmu_try_read(uint32_t va);
/* Write a word; returns 1 if it aborted. */
int mmu_try_write(uint32_t va, uint32_t v);
/* Print "what: ok value" or "what: abort fsr=.. far=.." lines. */
void mmu_report_read(const char *what, uint32_t va);
void mmu_report_write(const char *what, uint32_t va, uint32_t v);
#endif
