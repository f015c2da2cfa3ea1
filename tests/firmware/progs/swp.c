/*
 * swp: SWP and SWPB, the ARMv5 atomic swaps (ARM DDI 0100I A4.1.108-109):
 * the old memory value goes to Rd, Rm is stored; SWPB zero-extends and
 * touches one byte.  Also Rd == Rm (swap a register with memory).
 */
#include "fw.h"

static uint32_t cell[2];

int main(void)
{
    uint32_t old;
    cell[0] = 0x11223344u;
    cell[1] = 0x55667788u;
    __asm__ volatile("swp %0, %1, [%2]" : "=&r"(old) : "r"(0xcafef00du), "r"(&cell[0]) : "memory");
    FW_CHECK("swp old", old, 0x11223344u);
    FW_CHECK("swp new", cell[0], 0xcafef00du);
    __asm__ volatile("swpb %0, %1, [%2]" : "=&r"(old) : "r"(0x1ffu), "r"((uint8_t *)&cell[1] + 2) : "memory");
    FW_CHECK("swpb old", old, 0x66);
    FW_CHECK("swpb new", cell[1], 0x55ff7788u);
    uint32_t r = 0x0badbeefu;
    __asm__ volatile("swp %0, %0, [%1]" : "+r"(r) : "r"(&cell[0]) : "memory");
    FW_CHECK("swp rd==rm old", r, 0xcafef00du);
    FW_CHECK("swp rd==rm new", cell[0], 0x0badbeefu);
    /* a spinlock built on SWP: take, fail to take, release */
    uint32_t lock = 0, got;
    __asm__ volatile("swp %0, %1, [%2]" : "=&r"(got) : "r"(1u), "r"(&lock) : "memory");
    FW_CHECK("lock taken (was free)", got, 0);
    __asm__ volatile("swp %0, %1, [%2]" : "=&r"(got) : "r"(1u), "r"(&lock) : "memory");
    FW_CHECK("lock busy", got, 1);
    return fw_done();
}
