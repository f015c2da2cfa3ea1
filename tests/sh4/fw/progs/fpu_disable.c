/* SR.FD = 1: an FPU instruction raises FPU disable (0x800); the handler
 * enables the FPU and retries it. */
#include "fw.h"
static volatile uint32_t code_seen;
static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    code_seen = code;
    frame[1] &= ~0x8000u;            /* SSR.FD = 0: retry with the FPU on */
}
int main(void)
{
    uint32_t r;
    fw_set_handler(h);
    fw_set_sr(fw_get_sr() | 0x8000u);
    /* lds to FPUL is an FPU instruction (FD applies); fldi1 would be
     * illegal with GCC's FPSCR.PR = 1 */
    __asm__ volatile("lds %1,fpul\n fsts fpul,fr4\n flds fr4,fpul\n sts fpul,%0"
                     : "=r"(r) : "r"(0x3f800000u) : "fr4", "fpul");
    fw_check("expevt", code_seen, 0x800);
    fw_check("fpul round trip after retry", r, 0x3f800000u);
    return fw_finish();
}
