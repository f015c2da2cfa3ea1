/* DMAC auto-request transfers (IPRC[11:8] priority):
 *   channel 0: 4 KiB memory copy in 32-byte units, end signalled by DMTE0
 *              (INTEVT 0x640) while the CPU sleeps;
 *   channel 1: a string byte by byte into SCFTDR2 (memory -> on-chip
 *              register), TE polled: the line below "dma to the SCIF";
 *   channel 2: machine code copied over a function the CPU has already
 *              run: the next call runs the new code;
 *   channel 3: an unaligned longword source: address error, DMAE (0x6c0).
 * The CPU touches the buffers through P2 (uncached), as on hardware. */
#include "fw.h"

#define DMAC_SAR(n)    (0xffa00000u + 0x10u * (n))
#define DMAC_DAR(n)    (0xffa00004u + 0x10u * (n))
#define DMAC_DMATCR(n) (0xffa00008u + 0x10u * (n))
#define DMAC_CHCR(n)   (0xffa0000cu + 0x10u * (n))
#define DMAC_DMAOR     0xffa00040u

#define DE 0x1u
#define TE 0x2u
#define IE 0x4u
#define TS_1 0x10u
#define TS_4 0x30u
#define TS_32 0x40u
#define RS_AUTO 0x400u          /* memory -> memory */
#define RS_AUTO_TO_REG 0x500u   /* memory -> on-chip register */
#define SM_INC 0x1000u
#define DM_INC 0x4000u

#define P2(p) ((volatile uint8_t *)((uint32_t)(p) | 0x20000000u))

static uint8_t src[4096] __attribute__((aligned(32)));
static uint8_t dst[4096] __attribute__((aligned(32)));
/* mov #imm,r0; rts; nop; nop */
static const uint16_t code_a[4] __attribute__((aligned(4))) = { 0xe011, 0x000b, 0x0009, 0x0009 };
static const uint16_t code_b[4] __attribute__((aligned(4))) = { 0xe022, 0x000b, 0x0009, 0x0009 };
static uint16_t func[4] __attribute__((aligned(4)));
static const char msg[] = "dma to the SCIF\n";

static volatile uint32_t n_irq, last_code, dmaor_seen;

static void h(uint32_t code, uint32_t kind, uint32_t *frame)
{
    if (kind != 2) {
        fw_puts("unexpected exception\n");
        fw_end(1);
    }
    n_irq++;
    last_code = code;
    if (code == 0x640) {
        REG32(DMAC_CHCR(0)) = 0;                     /* TE (and DE) cleared */
    } else if (code == 0x6c0) {
        dmaor_seen = REG32(DMAC_DMAOR);
        REG32(DMAC_CHCR(3)) = 0;
        REG32(DMAC_DMAOR) = 1;                       /* AE written 0 */
    }
}

static void start(int ch, const void *from, uint32_t to, uint32_t count, uint32_t chcr)
{
    REG32(DMAC_SAR(ch)) = (uint32_t)from;
    REG32(DMAC_DAR(ch)) = to;
    REG32(DMAC_DMATCR(ch)) = count;
    REG32(DMAC_CHCR(ch)) = chcr;
}

static void wait_te(int ch)
{
    while (!(REG32(DMAC_CHCR(ch)) & TE))
        ;
}

int main(void)
{
    fw_set_handler(h);
    REG16(INTC_IPRC) = 0x0700;                       /* DMAC level 7 */
    for (int i = 0; i < 4096; i++)
        P2(src)[i] = (uint8_t)(i * 13 + (i >> 8));
    REG32(DMAC_DMAOR) = 1;                           /* DME */

    start(0, src, (uint32_t)dst, 4096 / 32, DM_INC | SM_INC | RS_AUTO | TS_32 | IE | DE);
    fw_set_imask(0);
    while (!n_irq)
        fw_sleep();
    fw_set_imask(15);
    fw_check("DMTE0 INTEVT", last_code, 0x640);
    fw_check("DMATCR0 counted down", REG32(DMAC_DMATCR(0)), 0);
    fw_check("SAR0 advanced", REG32(DMAC_SAR(0)), (uint32_t)src + 4096);
    int diff = 0;
    for (int i = 0; i < 4096; i++)
        diff += P2(dst)[i] != P2(src)[i];
    fw_check("4 KiB copied", diff, 0);

    fw_puts("dma to the SCIF:\n");
    start(1, msg, SCIF_SCFTDR2, sizeof msg - 1, SM_INC | RS_AUTO_TO_REG | TS_1 | DE);
    wait_te(1);
    REG32(DMAC_CHCR(1)) = 0;
    fw_check("string sent", REG32(DMAC_DMATCR(1)), 0);

    int (*fn)(void) = (int (*)(void))(uint32_t)func;
    start(2, code_a, (uint32_t)func, 2, DM_INC | SM_INC | RS_AUTO | TS_4 | DE);
    wait_te(2);
    REG32(DMAC_CHCR(2)) = 0;
    fw_check("code A runs", (uint32_t)fn(), 0x11);
    start(2, code_b, (uint32_t)func, 2, DM_INC | SM_INC | RS_AUTO | TS_4 | DE);
    wait_te(2);
    REG32(DMAC_CHCR(2)) = 0;
    fw_check("code B replaced it", (uint32_t)fn(), 0x22);

    n_irq = 0;
    start(3, src + 2, (uint32_t)dst, 4, DM_INC | SM_INC | RS_AUTO | TS_4 | DE);
    fw_set_imask(0);
    while (!n_irq)
        fw_sleep();
    fw_set_imask(15);
    fw_check("DMAE INTEVT", last_code, 0x6c0);
    fw_check("DMAOR.AE was set", dmaor_seen & 0x4, 0x4);
    fw_check("AE cleared", REG32(DMAC_DMAOR), 1);
    fw_check("nothing moved", REG32(DMAC_DMATCR(3)), 4);
    return fw_finish();
}
