/*
 * ldm_stm: LDM/STM in all four addressing modes (IA IB DA DB) with
 * writeback, sparse register lists, the base register in the list, LDM
 * of the PC (ARM and, by bit 0, Thumb: ARMv5T interworking), the user-
 * bank forms STM^/LDM^ from SVC, and PUSH/POP (ARM DDI 0100I A5.4).
 */
#include "fw.h"

uint32_t *stm_ia(uint32_t *p), *stm_ib(uint32_t *p), *stm_da(uint32_t *p), *stm_db(uint32_t *p);
void ldm_ia(uint32_t *p, uint32_t *o), ldm_ib(uint32_t *p, uint32_t *o);
void ldm_da(uint32_t *p, uint32_t *o), ldm_db(uint32_t *p, uint32_t *o);
void stm_sparse(uint32_t *p);
uint32_t stm_base_first(uint32_t *p);
uint32_t ldm_pc(uint32_t *p), ldm_pc_thumb(uint32_t *p), stm_user(uint32_t *p), push_pop(void);

static uint32_t buf[16];

static void clear(void)
{
    for (int i = 0; i < 16; i++)
        buf[i] = 0xee000000u | (uint32_t)i;
}

static void dump(const char *what)
{
    fw_printf("%-6s", what);
    for (int i = 2; i < 12; i++)
        fw_printf(" %08x", buf[i]);
    fw_putc('\n');
}

int main(void)
{
    uint32_t *mid = &buf[6], *r, o[5];
    clear(); r = stm_ia(mid); dump("stmia");
    FW_CHECK("stmia base", r - mid, 4); FW_CHECK("stmia [6]", buf[6], 1); FW_CHECK("stmia [9]", buf[9], 4);
    clear(); r = stm_ib(mid); dump("stmib");
    FW_CHECK("stmib base", r - mid, 4); FW_CHECK("stmib [7]", buf[7], 1); FW_CHECK("stmib [10]", buf[10], 4);
    clear(); r = stm_da(mid); dump("stmda");
    FW_CHECK("stmda base", mid - r, 4); FW_CHECK("stmda [3]", buf[3], 1); FW_CHECK("stmda [6]", buf[6], 4);
    clear(); r = stm_db(mid); dump("stmdb");
    FW_CHECK("stmdb base", mid - r, 4); FW_CHECK("stmdb [2]", buf[2], 1); FW_CHECK("stmdb [5]", buf[5], 4);

    for (int i = 0; i < 16; i++)
        buf[i] = 0x100u + (uint32_t)i;
    ldm_ia(mid, o);
    FW_CHECK("ldmia", o[0] + (o[3] << 16), 0x106u + (0x109u << 16));
    FW_CHECK("ldmia base", (uint32_t *)o[4] - mid, 4);
    ldm_ib(mid, o);
    FW_CHECK("ldmib", o[0] + (o[3] << 16), 0x107u + (0x10au << 16));
    ldm_da(mid, o);
    FW_CHECK("ldmda", o[0] + (o[3] << 16), 0x103u + (0x106u << 16));
    FW_CHECK("ldmda base", mid - (uint32_t *)o[4], 4);
    ldm_db(mid, o);
    FW_CHECK("ldmdb", o[0] + (o[3] << 16), 0x102u + (0x105u << 16));

    clear();
    stm_sparse(&buf[2]);
    dump("sparse");
    FW_CHECK("sparse r1", buf[2], 0x11); FW_CHECK("sparse r3", buf[3], 0x33);
    FW_CHECK("sparse r5", buf[4], 0x55); FW_CHECK("sparse r8", buf[5], 0x88);
    FW_CHECK("sparse r11", buf[6], 0xbb); FW_CHECK("sparse r12", buf[7], 0xcc);
    FW_CHECK("sparse lr", buf[8], 0xdd);
    FW_CHECK("sparse untouched", buf[9], 0xee000009u);

    clear();
    FW_CHECK("stm base first stores original base", stm_base_first(&buf[4]), 0);
    FW_CHECK("ldm pc", ldm_pc(&buf[4]), 7);
    FW_CHECK("ldm pc -> thumb", ldm_pc_thumb(&buf[4]), 42);
    FW_CHECK("ldm^ user sp", stm_user(&buf[4]), 0x0d0d0d0d);
    FW_CHECK("stm^ user sp", buf[4], 0x13131313);
    FW_CHECK("stm^ user lr", buf[5], 0x14141414);
    FW_CHECK("push/pop", push_pop(), 0xca1);
    return fw_done();
}
