/*
 * shifter: every addressing mode 1 shifter operand (immediate shifts by
 * every amount, RRX, register shifts by 0, 1..31, 32, 33, >=256, rotated
 * immediates) with the shifter carry-out observed through MOVS/ANDS.
 * Results and NZCV are printed for a few inputs and both carry-ins, and
 * the immediate and register forms of LSL/LSR/ASR/ROR are checked against
 * a C model of ARM DDI 0100I A5.1.4-A5.1.13.
 */
#include "fw.h"

unsigned shifter_imm(uint32_t v, uint32_t *out, uint32_t cin);
unsigned shifter_reg(uint32_t v, uint32_t *out, uint32_t cin, uint32_t amount);
unsigned shifter_rotimm(uint32_t v, uint32_t *out, uint32_t cin);

/* kind: 0 lsl 1 lsr 2 asr 3 ror; amount already reduced to 0..255.
 * Returns value, *c the carry-out (cin when the shift is 0). */
static uint32_t model(int kind, uint32_t v, uint32_t n, uint32_t cin, uint32_t *c)
{
    *c = cin;
    if (n == 0)
        return v;
    switch (kind) {
    case 0:
        if (n < 32) { *c = (v >> (32 - n)) & 1; return v << n; }
        *c = n == 32 ? (v & 1) : 0;
        return 0;
    case 1:
        if (n < 32) { *c = (v >> (n - 1)) & 1; return v >> n; }
        *c = n == 32 ? v >> 31 : 0;
        return 0;
    case 2:
        if (n < 32) { *c = (v >> (n - 1)) & 1; return (uint32_t)((int32_t)v >> n); }
        *c = v >> 31;
        return (uint32_t)((int32_t)v >> 31);
    default:
        n &= 31;
        if (n == 0) { *c = v >> 31; return v; }
        *c = (v >> (n - 1)) & 1;
        return (v >> n) | (v << (32 - n));
    }
}

static uint32_t flags_of(uint32_t r, uint32_t c, uint32_t oldv)
{
    return ((r >> 31) << 3) | ((r == 0) << 2) | (c << 1) | oldv;
}

int main(void)
{
    static const uint32_t inputs[] = { 0x80000001u, 0x7ffffffeu, 0xf0f0a5a5u, 1u };
    static const uint32_t amounts[] = { 0, 1, 4, 31, 32, 33, 64, 255, 256, 257, 0xffffff20u };
    uint32_t buf[2 * 128];
    unsigned bad = 0;

    for (unsigned i = 0; i < 4; i++) {
        uint32_t v = inputs[i];
        for (uint32_t cin = 0; cin < 2; cin++) {
            unsigned n = shifter_imm(v, buf, cin);
            fw_printf("imm v=%08x c=%u:\n", v, cin);
            for (unsigned k = 0; k < n; k++) {
                fw_printf(" %08x/%x", buf[2 * k], buf[2 * k + 1] >> 28);
                if (k % 8 == 7 || k == n - 1)
                    fw_putc('\n');
                /* model: 32 lsl, 32 lsr, 32 asr, 31 ror, rrx */
                int kind = k < 32 ? 0 : k < 64 ? 1 : k < 96 ? 2 : 3;
                uint32_t amt = k < 32 ? k : k < 96 ? (k % 32) + 1 : k - 95;
                uint32_t c, r;
                if (k == 127) {
                    r = (cin << 31) | (v >> 1);
                    c = v & 1;
                } else {
                    r = model(kind, v, amt, cin, &c);
                }
                bad += buf[2 * k] != r || (buf[2 * k + 1] >> 28) != flags_of(r, c, 0);
            }
            for (unsigned a = 0; a < sizeof amounts / sizeof amounts[0]; a++) {
                n = shifter_reg(v, buf, cin, amounts[a]);
                fw_printf("reg v=%08x c=%u s=%08x:", v, cin, amounts[a]);
                for (unsigned k = 0; k < n; k++)
                    fw_printf(" %08x/%x", buf[2 * k], buf[2 * k + 1] >> 28);
                fw_putc('\n');
                for (int kind = 0; kind < 4; kind++) {
                    uint32_t c, r = model(kind, v, amounts[a] & 0xff, cin, &c);
                    bad += buf[2 * kind] != r ||
                           (buf[2 * kind + 1] >> 28) != flags_of(r, c, 0);
                }
            }
            n = shifter_rotimm(v, buf, cin);
            fw_printf("rot v=%08x c=%u:", v, cin);
            for (unsigned k = 0; k < n - 1; k++)
                fw_printf(" %08x/%x", buf[2 * k], buf[2 * k + 1] >> 28);
            fw_putc('\n');
            /* the last pair is `sub r2, pc, #0`: its own address + 8 */
            uint32_t pcval = buf[2 * (n - 1)];
            bad += (pcval & 3) != 0;
        }
    }
    FW_CHECK("shifter model mismatches", bad, 0);
    return fw_done();
}
