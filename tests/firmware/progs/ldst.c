/*
 * ldst: addressing mode 2 (LDR/STR/LDRB/STRB with immediate, register and
 * scaled-register offsets; offset, pre-indexed with writeback and
 * post-indexed forms; LDRT/STRT) and addressing mode 3 (LDRH/STRH,
 * LDRSB/LDRSH, LDRD/STRD), checked against expected memory contents and
 * base-register write-back (ARM DDI 0100I A5.2, A5.3).
 */
#include "fw.h"

static uint32_t mem[16] __attribute__((aligned(8)));

static void fill(void)
{
    for (int i = 0; i < 16; i++)
        mem[i] = 0x11111111u * (uint32_t)i + 0x80706050u;
}

int main(void)
{
    uint32_t v, base, idx;
    uint8_t *b = (uint8_t *)mem;

    fill();
    /* immediate offset, positive and negative */
    base = (uint32_t)&mem[4];
    __asm__ volatile("ldr %0, [%1, #8]" : "=r"(v) : "r"(base));
    FW_CHECK("ldr [r,#8]", v, mem[6]);
    __asm__ volatile("ldr %0, [%1, #-12]" : "=r"(v) : "r"(base));
    FW_CHECK("ldr [r,#-12]", v, mem[1]);
    /* register offset, added and subtracted */
    idx = 12;
    __asm__ volatile("ldr %0, [%1, %2]" : "=r"(v) : "r"(base), "r"(idx));
    FW_CHECK("ldr [r,r]", v, mem[7]);
    __asm__ volatile("ldr %0, [%1, -%2]" : "=r"(v) : "r"(base), "r"(idx));
    FW_CHECK("ldr [r,-r]", v, mem[1]);
    /* scaled register offsets */
    idx = 2;
    __asm__ volatile("ldr %0, [%1, %2, lsl #2]" : "=r"(v) : "r"(base), "r"(idx));
    FW_CHECK("ldr [r,r,lsl#2]", v, mem[6]);
    idx = 0x40;
    __asm__ volatile("ldr %0, [%1, %2, lsr #4]" : "=r"(v) : "r"(base), "r"(idx));
    FW_CHECK("ldr [r,r,lsr#4]", v, mem[5]);
    idx = 0xfffffff0u;   /* asr #2 -> -4 */
    __asm__ volatile("ldr %0, [%1, %2, asr #2]" : "=r"(v) : "r"(base), "r"(idx));
    FW_CHECK("ldr [r,r,asr#2]", v, mem[3]);
    idx = 0x00000001u;   /* ror #30 -> 4 */
    __asm__ volatile("ldr %0, [%1, %2, ror #30]" : "=r"(v) : "r"(base), "r"(idx));
    FW_CHECK("ldr [r,r,ror#30]", v, mem[5]);
    idx = 8;             /* rrx with C=1 -> 0x80000004: use subtract form */
    __asm__ volatile("msr cpsr_f, %3\n ldr %0, [%1, %2, rrx]"
                     : "=&r"(v) : "r"(base), "r"(idx), "r"(0u) : "cc");
    FW_CHECK("ldr [r,r,rrx] c=0", v, mem[5]);
    /* pre-indexed with writeback */
    base = (uint32_t)&mem[4];
    __asm__ volatile("ldr %0, [%1, #4]!" : "=r"(v), "+r"(base));
    FW_CHECK("ldr [r,#4]! value", v, mem[5]);
    FW_CHECK("ldr [r,#4]! base", base, (uint32_t)&mem[5]);
    idx = 8;
    __asm__ volatile("ldr %0, [%1, -%2]!" : "=r"(v), "+r"(base) : "r"(idx));
    FW_CHECK("ldr [r,-r]! value", v, mem[3]);
    FW_CHECK("ldr [r,-r]! base", base, (uint32_t)&mem[3]);
    /* post-indexed */
    __asm__ volatile("ldr %0, [%1], #12" : "=r"(v), "+r"(base));
    FW_CHECK("ldr [r],#12 value", v, mem[3]);
    FW_CHECK("ldr [r],#12 base", base, (uint32_t)&mem[6]);
    idx = 1;
    __asm__ volatile("ldr %0, [%1], -%2, lsl #3" : "=r"(v), "+r"(base) : "r"(idx));
    FW_CHECK("ldr [r],-r,lsl#3 value", v, mem[6]);
    FW_CHECK("ldr [r],-r,lsl#3 base", base, (uint32_t)&mem[4]);
    /* stores */
    __asm__ volatile("str %1, [%0, #4]!" : "+r"(base) : "r"(0xa5a5a5a5u) : "memory");
    FW_CHECK("str [r,#4]!", mem[5], 0xa5a5a5a5u);
    FW_CHECK("str [r,#4]! base", base, (uint32_t)&mem[5]);
    __asm__ volatile("str %1, [%0], #-4" : "+r"(base) : "r"(0x5a5a5a5au) : "memory");
    FW_CHECK("str [r],#-4", mem[5], 0x5a5a5a5au);
    FW_CHECK("str [r],#-4 base", base, (uint32_t)&mem[4]);
    /* bytes */
    fill();
    base = (uint32_t)mem;
    __asm__ volatile("ldrb %0, [%1, #5]" : "=r"(v) : "r"(base));
    FW_CHECK("ldrb [r,#5]", v, b[5]);
    __asm__ volatile("strb %1, [%0, #6]" :: "r"(base), "r"(0x1234u) : "memory");
    FW_CHECK("strb [r,#6] low byte only", mem[1], (0x91817161u & 0xff00ffffu) | 0x00340000u);
    idx = 3;
    __asm__ volatile("ldrb %0, [%1, %2]!" : "=r"(v), "+r"(base) : "r"(idx));
    FW_CHECK("ldrb [r,r]!", v, b[3]);
    __asm__ volatile("strb %1, [%0], #1" : "+r"(base) : "r"(0xeeu) : "memory");
    FW_CHECK("strb [r],#1", b[3], 0xee);
    FW_CHECK("strb [r],#1 base", base, (uint32_t)mem + 4);
    /* LDRT/STRT from SVC with the MMU off: plain accesses */
    base = (uint32_t)&mem[8];
    __asm__ volatile("ldrt %0, [%1], #4" : "=r"(v), "+r"(base));
    FW_CHECK("ldrt", v, mem[8]);
    FW_CHECK("ldrt base", base, (uint32_t)&mem[9]);
    __asm__ volatile("strbt %1, [%0], #1" : "+r"(base) : "r"(0x77u) : "memory");
    FW_CHECK("strbt", b[36], 0x77);

    /* halfwords and signed loads */
    fill();
    base = (uint32_t)mem;
    __asm__ volatile("ldrh %0, [%1, #2]" : "=r"(v) : "r"(base));
    FW_CHECK("ldrh [r,#2]", v, mem[0] >> 16);
    __asm__ volatile("ldrsh %0, [%1, #2]" : "=r"(v) : "r"(base));
    FW_CHECK("ldrsh [r,#2]", v, (uint32_t)(int32_t)(int16_t)(mem[0] >> 16));
    __asm__ volatile("ldrsb %0, [%1, #7]" : "=r"(v) : "r"(base));
    FW_CHECK("ldrsb [r,#7]", v, (uint32_t)(int32_t)(int8_t)(mem[1] >> 24));
    __asm__ volatile("ldrsb %0, [%1, #0]" : "=r"(v) : "r"(base));
    FW_CHECK("ldrsb [r,#0] positive", v, 0x50);
    idx = 6;
    __asm__ volatile("ldrh %0, [%1, %2]!" : "=r"(v), "+r"(base) : "r"(idx));
    FW_CHECK("ldrh [r,r]!", v, mem[1] >> 16);
    FW_CHECK("ldrh [r,r]! base", base, (uint32_t)mem + 6);
    __asm__ volatile("ldrsh %0, [%1], -%2" : "=r"(v), "+r"(base) : "r"(idx));
    FW_CHECK("ldrsh [r],-r", v, (uint32_t)(int32_t)(int16_t)(mem[1] >> 16));
    FW_CHECK("ldrsh [r],-r base", base, (uint32_t)mem);
    __asm__ volatile("strh %1, [%0, #10]!" : "+r"(base) : "r"(0xfedcba98u) : "memory");
    FW_CHECK("strh [r,#10]!", mem[2], (0xa2928272u & 0x0000ffffu) | 0xba980000u);
    FW_CHECK("strh base", base, (uint32_t)mem + 10);
    __asm__ volatile("strh %1, [%0], #-2" : "+r"(base) : "r"(0x4321u) : "memory");
    FW_CHECK("strh [r],#-2", mem[2], 0x43218272u);

    /* doublewords: Rt even, Rt2 = Rt+1 */
    fill();
    {
        register uint32_t lo __asm__("r4");
        register uint32_t hi __asm__("r5");
        base = (uint32_t)&mem[2];
        __asm__ volatile("ldrd r4, r5, [%2, #8]" : "=r"(lo), "=r"(hi) : "r"(base));
        FW_CHECK("ldrd lo", lo, mem[4]);
        FW_CHECK("ldrd hi", hi, mem[5]);
        __asm__ volatile("ldrd r4, r5, [%2, #-8]!" : "=r"(lo), "=r"(hi), "+r"(base));
        FW_CHECK("ldrd ! lo", lo, mem[0]);
        FW_CHECK("ldrd ! base", base, (uint32_t)mem);
        lo = 0xdead0001u;
        hi = 0xbeef0002u;
        __asm__ volatile("strd r4, r5, [%0], #16" : "+r"(base) : "r"(lo), "r"(hi) : "memory");
        FW_CHECK("strd [r],#16 lo", mem[0], 0xdead0001u);
        FW_CHECK("strd [r],#16 hi", mem[1], 0xbeef0002u);
        FW_CHECK("strd base", base, (uint32_t)&mem[4]);
        idx = 8;
        __asm__ volatile("strd r4, r5, [%0, %1]" :: "r"(base), "r"(idx), "r"(lo), "r"(hi) : "memory");
        FW_CHECK("strd [r,r]", mem[6] ^ mem[7], 0xdead0001u ^ 0xbeef0002u);
    }
    /* LDR into PC (v5: bit 0 selects Thumb; here an ARM target) */
    {
        uint32_t r;
        __asm__ volatile("adr r1, 1f\n str r1, [%1]\n mov %0, #0\n ldr pc, [%1]\n"
                         " mov %0, #1\n1: add %0, %0, #2"
                         : "=&r"(r) : "r"(&mem[0]) : "r1", "memory");
        FW_CHECK("ldr pc", r, 2);
    }
    return fw_done();
}
