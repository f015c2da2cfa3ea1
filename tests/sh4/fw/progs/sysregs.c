/* CPG, BSC and CCN registers: reset values and read-back. */
#include "fw.h"
int main(void)
{
    fw_check("frqcr reset", REG16(CPG_FRQCR), 0x0e0a);
    uint16_t r1 = REG16(BSC_RFCR), r2 = REG16(BSC_RFCR);
    fw_check("rfcr counts", (uint32_t)(r2 - r1), 1);
    REG32(0xff800014u) = 0x50100024u;     /* MCR */
    fw_check("mcr", REG32(0xff800014u), 0x50100024u);
    fw_check("expevt after reset path", REG32(CCN_EXPEVT) & 0xfff, 0);
    REG32(CCN_TTB) = 0x12345678u;
    fw_check("ttb", REG32(CCN_TTB), 0x12345678u);
    fw_check("area7 alias", REG32(0x1f000008u), 0x12345678u);
    return fw_finish();
}
