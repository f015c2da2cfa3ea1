/*
 * SH-4 disassembly for logs (-d in_asm), driven by the instruction table:
 * each row's format string (escapes in translate.h) is expanded with the
 * instruction's fields.  Line layout:
 *   "e101       mov #1,r1"   (the log prints the address before it)
 * Mnemonics and operand syntax are the Renesas assembler's (as GNU as and
 * objdump print them, in lower case).  FPU rows print FRn / DRn / XDn as
 * FPSCR.PR and SZ in the TB flags select.
 */
#include <stdio.h>
#include <string.h>

#include "targets/sh4/cpu.h"
#include "targets/sh4/translate.h"

static int sh4_fr_name(char *o, size_t len, unsigned r, uint32_t flags, bool is_fmov)
{
    if ((flags & SH4_TBFLAG_SZ) && is_fmov)
        return snprintf(o, len, "%s%u", (r & 1) ? "xd" : "dr", r & 14);
    if ((flags & SH4_TBFLAG_PR) && !is_fmov)
        return snprintf(o, len, "dr%u", r & 14);
    return snprintf(o, len, "fr%u", r);
}

unsigned sh4_disas_insn(uint32_t pc, uint16_t insn, uint32_t tb_flags, char *buf, size_t len)
{
    const sh4_pattern *p = sh4_decode(insn);
    size_t pos = 0;
    int w = snprintf(buf, len, "%04x       ", insn);
    if (w < 0 || (size_t)w >= len)
        return 2;
    pos = (size_t)w;
    if (!p) {
        snprintf(buf + pos, len - pos, ".word 0x%04x", insn);
        return 2;
    }
    unsigned n = (insn >> 8) & 15, m = (insn >> 4) & 15;
    bool fmov = strncmp(p->fmt, "fmov", 4) == 0;
    for (const char *f = p->fmt; *f && pos + 1 < len; f++) {
        if (*f != '%') {
            buf[pos++] = *f;
            continue;
        }
        f++;
        char *o = buf + pos;
        size_t l = len - pos;
        int k = 0;
        switch (*f) {
        case 'n': k = snprintf(o, l, "r%u", n); break;
        case 'm': k = snprintf(o, l, "r%u", m); break;
        case 'N': k = sh4_fr_name(o, l, n, tb_flags, fmov); break;
        case 'M': k = sh4_fr_name(o, l, m, tb_flags, fmov); break;
        case 'D': k = snprintf(o, l, "dr%u", n & 14); break;
        case 'E': k = snprintf(o, l, "dr%u", m & 14); break;
        case 'V': k = snprintf(o, l, "fv%u", n & 12); break;
        case 'W': k = snprintf(o, l, "fv%u", (n & 3) << 2); break;
        case 'B': k = snprintf(o, l, "r%u_bank", m & 7); break;
        case 'i': k = snprintf(o, l, "%d", (int)(int8_t)(insn & 0xff)); break;
        case 'x': k = snprintf(o, l, "0x%x", insn & 0xffu); break;
        case '1': k = snprintf(o, l, "%u", insn & 15u); break;
        case '2': k = snprintf(o, l, "%u", (insn & 15u) * 2); break;
        case '4': k = snprintf(o, l, "%u", (insn & 15u) * 4); break;
        case 'g': k = snprintf(o, l, "%u", (insn & 0xffu) << ((insn >> 8) & 3)); break;
        case 'z': k = snprintf(o, l, "%c", "bwl?"[(insn >> 8) & 3]); break;
        case 'S': k = snprintf(o, l, "%u", ((insn >> 4) & 3) == 0 ? 2 : ((insn >> 4) & 3) == 1 ? 8 : 16); break;
        case 'w': k = snprintf(o, l, "0x%08x", pc + 4 + (insn & 0xffu) * 2); break;
        case 'l': k = snprintf(o, l, "0x%08x", ((pc + 4) & ~3u) + (insn & 0xffu) * 4); break;
        case 'j': k = snprintf(o, l, "0x%08x", pc + 4 + (uint32_t)(int32_t)(int8_t)(insn & 0xff) * 2); break;
        case 'J': {
            int32_t d = (int32_t)((uint32_t)(insn & 0xfff) << 20) >> 20;
            k = snprintf(o, l, "0x%08x", pc + 4 + (uint32_t)d * 2);
            break;
        }
        default: k = snprintf(o, l, "%%%c", *f); break;
        }
        if (k < 0)
            break;
        pos += (size_t)k < l ? (size_t)k : l - 1;
    }
    buf[pos < len ? pos : len - 1] = 0;
    return 2;
}
