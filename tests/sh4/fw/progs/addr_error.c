/* Misaligned load: address error (0x0e0), TEA = the address. */
#include "fw.h"
static volatile uint32_t code_seen, tea_seen;
static uint32_t buf[4];
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    code_seen = code;
    tea_seen = REG32(CCN_TEA);
    frame[0] += 2;
}
int main(void)
{
    fw_set_handler(h);
    volatile uint32_t *p = (volatile uint32_t *)((uintptr_t)buf + 2);
    (void)*p;
    fw_check("expevt", code_seen, 0x0e0);
    fw_check("tea", tea_seen, (uint32_t)(uintptr_t)p);
    volatile uint16_t *q = (volatile uint16_t *)((uintptr_t)buf + 1);
    *q = 5;
    fw_check("write expevt", code_seen, 0x100);
    return fw_finish();
}
