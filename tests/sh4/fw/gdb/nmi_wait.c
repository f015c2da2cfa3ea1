/* Waits for an NMI that only a debugger can give (gdb: "monitor nmi"),
 * then checks how it came: INTEVT 0x1c0 through VBR + 0x600 while
 * SR.IMASK = 15 (an NMI is not masked by it, and leaves it alone), and
 * the DMAC saw the same NMI pin (DMAOR.NMIF).  Built for
 * tests/sh4/fw/run-gdb-nmi.sh only: without a debugger it sleeps forever. */
#include "fw.h"

#define DMAC_DMAOR 0xffa00040u

static volatile uint32_t nmi_code, nmi_ssr, n_nmi;

static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (kind != 2 || code != 0x1c0) {
        fw_puts("unexpected exception\n");
        fw_end(1);
    }
    nmi_code = code;
    nmi_ssr = frame[1];
    n_nmi++;
}

/* gdb stops here, then raises the NMI */
__attribute__((noinline)) void nmi_ready(void)
{
    __asm__ volatile("" ::: "memory");
}

int main(void)
{
    fw_set_handler(h);
    fw_puts("waiting for an NMI\n");
    nmi_ready();
    while (!n_nmi)
        fw_sleep();                                  /* IMASK stays 15 */
    fw_check("one NMI", n_nmi, 1);
    fw_check("NMI INTEVT", nmi_code, 0x1c0);
    fw_check("taken at IMASK 15", (nmi_ssr >> 4) & 15, 15);
    fw_check("IMASK unchanged", (fw_get_sr() >> 4) & 15, 15);
    fw_check("DMAOR.NMIF", REG32(DMAC_DMAOR) & 2, 2);
    return fw_finish();
}
