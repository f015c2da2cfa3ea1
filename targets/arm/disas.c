/*
 * ARM / Thumb disassembly for logs (-d in_asm), through capstone.
 *
 * Line layout is QEMU's capstone layout, so logs compare line for line:
 *   ARM    "0x00008000:  e3a00001  mov      r0, #1"
 *   Thumb  "0x00008000:  2001       movs     r0, #1"
 *          "0x00008002:  f000 f802  bl       #0x800a"
 * i.e. address, the instruction units (32-bit words for ARM, halfwords for
 * Thumb) padded to one word, two spaces, the mnemonic padded to 8, the
 * operands.  Bytes capstone cannot decode print as ".word" / ".short".
 *
 * A capstone handle is opened per call: this runs only with logging on,
 * and keeping no handle keeps the CPU free of host library state.
 */
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

#include "targets/arm/cpu.h"
#include "targets/arm/internals.h"

/* Print the instruction units of bytes[0..size) and the padding up to the
 * 4-byte split, as QEMU's cap_dump_insn does. */
static int arm_disas_units(char *buf, size_t len, bool thumb, const uint8_t *b, unsigned size)
{
    int pos = 0;
    unsigned unit = thumb ? 2 : 4;

    for (unsigned i = 0; i + unit <= size && pos >= 0 && (size_t)pos < len; i += unit) {
        if (thumb)
            pos += snprintf(buf + pos, len - pos, " %04x", (unsigned)(b[i] | b[i + 1] << 8));
        else
            pos += snprintf(buf + pos, len - pos, " %08x",
                            (unsigned)(b[i] | b[i + 1] << 8 | b[i + 2] << 16 |
                                       (uint32_t)b[i + 3] << 24));
    }
    if (size < 4 && pos >= 0 && (size_t)pos < len)
        pos += snprintf(buf + pos, len - pos, "%*s", (int)((4 - size) / unit * (2 * unit + 1)), "");
    return pos;
}

unsigned arm_disas_insn(uint32_t pc, bool thumb, const uint8_t *code, unsigned avail, char *buf,
                        size_t len)
{
    csh h;
    cs_insn *insn = NULL;
    size_t n = 0;
    unsigned size = thumb ? 2 : 4;
    int pos;

    if (len == 0)
        return size;
    buf[0] = 0;
    if (cs_open(CS_ARCH_ARM, thumb ? CS_MODE_THUMB : CS_MODE_ARM, &h) == CS_ERR_OK) {
        n = cs_disasm(h, code, avail, pc, 1, &insn);
        if (n == 1) {
            size = insn->size;
            pos = snprintf(buf, len, "0x%08x: ", pc);
            if (pos >= 0 && (size_t)pos < len)
                pos += arm_disas_units(buf + pos, len - pos, thumb, code, size);
            if (pos >= 0 && (size_t)pos < len)
                snprintf(buf + pos, len - pos, "  %-8s %s", insn->mnemonic, insn->op_str);
            cs_free(insn, n);
        }
        cs_close(&h);
    }
    if (n != 1) {
        if (avail < size) {
            snprintf(buf, len, "0x%08x:  (unreadable)", pc);
            return size;
        }
        uint32_t v = thumb ? (uint32_t)(code[0] | code[1] << 8)
                           : (uint32_t)(code[0] | code[1] << 8 | code[2] << 16 |
                                        (uint32_t)code[3] << 24);
        pos = snprintf(buf, len, "0x%08x: ", pc);
        if (pos >= 0 && (size_t)pos < len)
            pos += arm_disas_units(buf + pos, len - pos, thumb, code, size);
        if (pos >= 0 && (size_t)pos < len)
            snprintf(buf + pos, len - pos, "  %-8s 0x%0*x", thumb ? ".short" : ".word",
                     thumb ? 4 : 8, v);
    }
    return size;
}

unsigned arm_disas(tcg_cpu *c, uint32_t pc, uint32_t flags, char *buf, size_t len)
{
    uint8_t code[4] = { 0 };
    bool thumb = (flags & ARM_TBFLAG_THUMB) != 0;
    unsigned got = (unsigned)tcg_cpu_debug_rw(c, pc, code, 4, false);

    /* a 16-bit Thumb instruction may end a readable range */
    if (got < 4 && thumb)
        got = (unsigned)tcg_cpu_debug_rw(c, pc, code, 2, false);
    return arm_disas_insn(pc, thumb, code, got, buf, len);
}
