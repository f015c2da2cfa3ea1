/*
 * unaligned (architectural golden): word accesses at addresses that are
 * not word aligned, with SCTLR.A = 0 (alignment checking off) and no
 * ARMv6 U bit.  ARMv5 (ARM DDI 0100I A4.1.23 LDR, A4.1.99 STR): LDR reads
 * the aligned word and rotates it right by 8 * address[1:0]; STR ignores
 * address[1:0]; LDRB/STRB at any address are exact.
 * QEMU 7.2 does a true unaligned access instead, so this program's golden
 * output is written from the ARM ARM (golden-arch/), not from QEMU.
 */
#include "fw.h"

static uint32_t mem[4] __attribute__((aligned(8)));

int main(void)
{
    for (int off = 0; off < 4; off++) {
        uint32_t v;
        mem[0] = 0x44332211u;
        mem[1] = 0x88776655u;
        __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"((uint8_t *)mem + off) : "memory");
        uint32_t rot = off ? (mem[0] >> (8 * off)) | (mem[0] << (32 - 8 * off)) : mem[0];
        fw_printf("ldr +%d = %08x\n", off, v);
        FW_CHECK("ldr unaligned rotates", v, rot);
        __asm__ volatile("str %1, [%0]" :: "r"((uint8_t *)mem + off), "r"(0xaabbccddu)
                         : "memory");
        fw_printf("str +%d -> %08x %08x\n", off, mem[0], mem[1]);
        FW_CHECK("str unaligned ignores addr[1:0]", mem[0] ^ mem[1], 0xaabbccddu ^ 0x88776655u);
    }
    return fw_done();
}
