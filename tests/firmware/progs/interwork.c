/*
 * interwork: ARM<->Thumb transfers on ARMv5T: BX, BLX (register and
 * immediate, both directions), Thumb BL, POP {pc}, LDR pc with bit 0,
 * BX pc from Thumb, conditional BLX; plus a C call into a Thumb function
 * compiled from C (interwork_thumb.c, -mthumb).
 */
#include "fw.h"

uint32_t iw_bx(uint32_t), iw_blx_reg(uint32_t), iw_blx_imm(uint32_t);
uint32_t iw_nested(uint32_t), iw_ldr_pc(uint32_t), iw_bx_pc(uint32_t), iw_blx_cond(uint32_t);
uint32_t thumb_c_sum(const uint32_t *v, int n, uint32_t (*cb)(uint32_t));

static uint32_t arm_square(uint32_t x)
{
    return x * x;
}

int main(void)
{
    FW_CHECK("arm bx -> thumb bx lr", iw_bx(10), 13);
    FW_CHECK("arm blx reg -> thumb pop pc", iw_blx_reg(10), 15);
    FW_CHECK("arm blx imm -> thumb blx imm -> arm", iw_blx_imm(10), 30);
    FW_CHECK("thumb bl thumb, blx reg arm", iw_nested(10), 26);
    FW_CHECK("ldr pc bit0 -> thumb", iw_ldr_pc(10), 13);
    FW_CHECK("thumb bx pc -> arm", iw_bx_pc(10), 0x10b);
    FW_CHECK("blxlt taken", iw_blx_cond(4), 7);
    FW_CHECK("blxlt not taken", iw_blx_cond(40), 40);
    static const uint32_t v[5] = { 1, 2, 3, 4, 5 };
    FW_CHECK("thumb C calls back into ARM", thumb_c_sum(v, 5, arm_square), 55);
    fw_printf("cpsr.T in main = %u\n", (fw_get_cpsr() >> 5) & 1);
    return fw_done();
}
