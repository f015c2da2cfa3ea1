/*
 * cp15_id: the ARM926EJ-S system control coprocessor identification and
 * control registers (ARM926EJ-S TRM 2.3): main ID (MIDR), cache type
 * (CTR), SCTLR at reset (read before anything changes it), TTBR and DACR
 * read back what is written, cache/TLB maintenance operations are
 * accepted, and the ARM926 "test and clean D-cache" loop
 * (MRC p15,0,r15,c7,c14,3) terminates with Z set.
 */
#include "fw.h"

int main(void)
{
    uint32_t midr, ctr, sctlr, v;
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr));
    sctlr = fw_cp15_sctlr();
    fw_printf("MIDR   = %08x (implementer %02x, arch %x, part %03x, rev %u)\n", midr,
              midr >> 24, (midr >> 16) & 0xf, (midr >> 4) & 0xfff, midr & 0xf);
    fw_printf("CTR    = %08x\n", ctr);
    fw_printf("SCTLR  = %08x at reset\n", sctlr);
    FW_CHECK("MIDR implementer ARM", midr >> 24, 0x41);
    FW_CHECK("MIDR part 926", (midr >> 4) & 0xfff, 0x926);
    FW_CHECK("SCTLR.M off at reset", sctlr & 1, 0);
    /* unimplemented opcode2 of c0 reads as MIDR on ARM926 */
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 7" : "=r"(v));
    fw_printf("c0,c0,7 = %08x\n", v);

    __asm__ volatile("mcr p15, 0, %1, c2, c0, 0\n mrc p15, 0, %0, c2, c0, 0"
                     : "=r"(v) : "r"(0x00124000u));
    FW_CHECK("TTBR readback", v & 0xffffc000u, 0x00124000u);
    __asm__ volatile("mcr p15, 0, %1, c3, c0, 0\n mrc p15, 0, %0, c3, c0, 0"
                     : "=r"(v) : "r"(0xc3c3c3c3u));
    FW_CHECK("DACR readback", v, 0xc3c3c3c3u);
    __asm__ volatile("mcr p15, 0, %0, c3, c0, 0" :: "r"(0));

    /* maintenance: invalidate I/D caches, drain write buffer, TLBs */
    __asm__ volatile("mcr p15, 0, %0, c7, c7, 0\n"
                     "mcr p15, 0, %0, c7, c10, 4\n"
                     "mcr p15, 0, %0, c7, c5, 0\n"
                     "mcr p15, 0, %0, c7, c6, 0\n"
                     "mcr p15, 0, %0, c8, c7, 0\n"
                     "mcr p15, 0, %0, c8, c5, 0\n"
                     "mcr p15, 0, %0, c8, c6, 0\n" :: "r"(0) : "memory");
    int loops = 0;
    __asm__ volatile("1: add %0, %0, #1\n cmp %0, #1000\n bge 2f\n"
                     " mrc p15, 0, r15, c7, c14, 3\n bne 1b\n2:"
                     : "+r"(loops) :: "cc", "memory");
    fw_printf("test-and-clean loop iterations: %d\n", loops);
    FW_CHECK("test-and-clean terminates", loops < 1000, 1);
    /* SCTLR writable bits: set and clear the I-cache enable bit (12) */
    fw_cp15_set_sctlr(sctlr | (1u << 12));
    v = fw_cp15_sctlr();
    fw_cp15_set_sctlr(sctlr);
    FW_CHECK("SCTLR.I set", (v >> 12) & 1, 1);
    FW_CHECK("SCTLR.I cleared", (fw_cp15_sctlr() >> 12) & 1, 0);
    return fw_done();
}
