/*
 * thumb_isa: the Thumb-1 (ARMv5T) instruction set: every data-processing
 * and shift form over a grid of operands with the resulting NZCV printed
 * (flags preset to C=1, so instructions that keep C are visible), shifts
 * by register amounts >= 32, high-register ADD/MOV/CMP, loads and stores
 * of every size and offset form, LDMIA/STMIA, SP/PC-relative forms,
 * conditional branches, BL, and a Thumb SWI (the handler reads the 8-bit
 * comment field and sees SPSR.T set).  Spec: ARM DDI 0100I part A7.
 */
#include "fw.h"

uint32_t thumb_run(uint32_t idx, uint32_t a, uint32_t b, uint32_t *flags);
extern const char thumb_nops[];
uint32_t thumb_mem(uint32_t *buf);
uint32_t thumb_loop(uint32_t n);
uint32_t thumb_swi(uint32_t x);

static const char *const names[] = {
    "adds", "subs", "adds#7", "subs#200", "adcs", "sbcs", "rsbs#0", "muls", "ands", "eors",
    "orrs", "bics", "mvns", "cmp", "cmn", "tst", "lsls#13", "lsrs#7", "asrs#9", "lsls r",
    "lsrs r", "asrs r", "rors r", "add hi", "mov hi", "cmp hi", "movs#0", "lsrs#32", "asrs#32",
    "cmp#128",
};

static const uint32_t vals[] = { 0, 1, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0xc8u,
                                 32, 33, 0x12345678u };
#define NV (sizeof vals / sizeof vals[0])

static uint32_t swi_seen;

void fw_swi_handler(fw_frame *f)
{
    swi_seen = fw_swi_number(f) | ((f->spsr & PSR_T) ? 0x100u : 0);
    f->r[0] += 1000;
}

int main(void)
{
    unsigned nops = (unsigned)(uintptr_t)thumb_nops;
    for (unsigned op = 0; op < nops; op++) {
        fw_printf("%s:\n", names[op]);
        for (unsigned i = 0; i < NV; i++) {
            fw_printf(" %08x:", vals[i]);
            for (unsigned j = 0; j < NV; j++) {
                uint32_t f, r = thumb_run(op, vals[i], vals[j], &f);
                fw_printf(" %08x/%x", r, f >> 28);
            }
            fw_putc('\n');
        }
    }
    uint32_t f;
    FW_CHECK("adds 0x7fffffff+1 flags NV", (thumb_run(0, 0x7fffffffu, 1, &f), f >> 28), 0x9);
    FW_CHECK("lsls by 32 -> 0, C=bit0", (thumb_run(19, 3, 32, &f), f >> 28), 0x6);
    FW_CHECK("movs #0 keeps C", (thumb_run(26, 5, 0, &f), f >> 28), 0x6);

    uint32_t buf[8] = { 0x11111111u, 0x22222222u, 0x83848586u, 0x44444444u, 0, 0, 0, 0 };
    uint32_t r = thumb_mem(buf);
    fw_printf("thumb_mem = %08x buf: %08x %08x %08x %08x\n", r, buf[2], buf[3], buf[6], buf[7]);
    uint32_t want = 0x22222222u + 0x22222222u + 0x22u + 0x2222u +
                    (uint32_t)(int8_t)0x11 + (uint32_t)(int16_t)0x1111 + 8u;
    FW_CHECK("thumb_mem", r, want + 0x02000000u);
    FW_CHECK("thumb stmia", buf[2] ^ buf[3], 0x11111111u ^ 0x22222222u);
    FW_CHECK("thumb strb/strh/str", buf[6], 0x22220022u);
    FW_CHECK("thumb loop sum 1..100", thumb_loop(100), 5050);
    FW_CHECK("thumb swi result", thumb_swi(5), 1005);
    FW_CHECK("thumb swi number + spsr.T", swi_seen, 0x142);
    return fw_done();
}
