/*
 * cond_codes: the 15 condition codes under all 16 NZCV combinations
 * (conditional ORR), checked against the table of ARM DDI 0100I A3.2.1,
 * plus conditional B/BL.
 */
#include "fw.h"

uint32_t cond_codes_eval(uint32_t flags);
uint32_t cond_branch_eval(uint32_t flags);

static int cond_model(int c, uint32_t f)
{
    int n = (f >> 3) & 1, z = (f >> 2) & 1, cf = (f >> 1) & 1, v = f & 1;
    switch (c) {
    case 0: return z;
    case 1: return !z;
    case 2: return cf;
    case 3: return !cf;
    case 4: return n;
    case 5: return !n;
    case 6: return v;
    case 7: return !v;
    case 8: return cf && !z;
    case 9: return !cf || z;
    case 10: return n == v;
    case 11: return n != v;
    case 12: return !z && n == v;
    case 13: return z || n != v;
    default: return 1;
    }
}

int main(void)
{
    static const char names[15][3] = { "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
                                        "hi", "ls", "ge", "lt", "gt", "le", "al" };
    unsigned bad = 0;
    for (uint32_t f = 0; f < 16; f++) {
        uint32_t m = cond_codes_eval(f), want = 0;
        fw_printf("nzcv=%x%x%x%x:", f >> 3, (f >> 2) & 1, (f >> 1) & 1, f & 1);
        for (int c = 0; c < 15; c++) {
            if (m & (1u << c))
                fw_printf(" %s", names[c]);
            want |= (uint32_t)cond_model(c, f) << c;
        }
        fw_printf("  branches=%03x\n", cond_branch_eval(f));
        bad += m != want;
        uint32_t bw = (uint32_t)cond_model(0, f) | ((uint32_t)cond_model(8, f) << 1) |
                      (!cond_model(1, f) ? 0x100u : 0);
        bad += cond_branch_eval(f) != bw;
    }
    FW_CHECK("condition table mismatches", bad, 0);
    return fw_done();
}
