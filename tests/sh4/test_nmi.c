/*
 * The SH-4's external interrupts: NMI (level 16, INTEVT 0x1c0, not masked
 * by SR.IMASK, held while SR.BL = 1 unless ICR.NMIB or a SLEEP) on the
 * CPU alone and through the SH7750 INTC on the bus, and IRL requests
 * through the INTC.
 */
#include "periph_testhost.h"
#include "sh4_fixture.h"

#define CODE(off) (SH4FIX_CODE + (off))
#define INTC_BASE 0xffd00000u

SH4FIX_TEST(sh4_nmi, taken_over_imask_15)
{
    /* IMASK 15 (the fixture's SR): an IRL request would wait, NMI does not */
    SH4(f, NOP, NOP, NOP);
    tcg_cpu_set_interrupt(&f->cpu.common, TCG_INTERRUPT_NMI, true);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x600);
    CT_EXPECT_EQ(f->cpu.intevt, 0x1c0u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(0));
    CT_EXPECT_EQ(f->cpu.ssr & SH4_SR_IMASK, SH4_SR_IMASK);
    CT_EXPECT_EQ(sh4_sr_read(&f->cpu) & (SH4_SR_BL | SH4_SR_IMASK), SH4_SR_BL | SH4_SR_IMASK);
    /* an edge: without an INTC the CPU clears its own request */
    CT_EXPECT_EQ(f->cpu.common.interrupt_request & TCG_INTERRUPT_NMI, 0u);
}

SH4FIX_TEST(sh4_nmi, held_while_bl_then_taken)
{
    sh4_sr_write(&f->cpu, SH4_SR_MD | SH4_SR_BL | SH4_SR_IMASK);
    f->cpu.regs[2] = SH4_SR_MD | SH4_SR_IMASK;
    f->cpu.regs[1] = 0;
    SH4(f, NOP, ADDI(1, 1), LDCSR(2), ADDI(2, 1), NOP);
    tcg_cpu_set_interrupt(&f->cpu.common, TCG_INTERRUPT_NMI, true);
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x600);
    CT_EXPECT_EQ(f->cpu.intevt, 0x1c0u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(6));   /* right after the ldc that cleared BL */
    CT_EXPECT_EQ(f->cpu.bank[1], 1u);     /* R1 of bank 0, now in the other bank */
}

SH4FIX_TEST(sh4_nmi, ends_sleep_even_with_bl)
{
    sh4_sr_write(&f->cpu, SH4_SR_MD | SH4_SR_BL | SH4_SR_IMASK);
    SH4(f, SLEEP, ADDI(1, 1));
    f->cpu.regs[1] = 0;
    CT_EXPECT_EQ(tcg_cpu_exec(&f->cpu.common, 10000), TCG_EXIT_HALTED);
    CT_EXPECT_EQ(f->cpu.pc, CODE(2));
    tcg_cpu_set_interrupt(&f->cpu.common, TCG_INTERRUPT_NMI, true);
    tcg_cpu_exec(&f->cpu.common, 10000);
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x600);
    CT_EXPECT_EQ(f->cpu.intevt, 0x1c0u);
    CT_EXPECT_EQ(f->cpu.spc, CODE(2));
    CT_EXPECT_EQ(f->cpu.bank[1], 0u);
}

SH4FIX_TEST(sh4_nmi, held_by_bl_after_a_sleep_left_without_an_interrupt)
{
    /* a debugger stops the sleeping CPU and lets it run on: the SLEEP is
     * over, so an NMI under SR.BL waits again */
    sh4_sr_write(&f->cpu, SH4_SR_MD | SH4_SR_BL | SH4_SR_IMASK);
    SH4(f, SLEEP, ADDI(1, 1), NOP, NOP);
    f->cpu.regs[1] = 0;
    CT_EXPECT_EQ(tcg_cpu_exec(&f->cpu.common, 10000), TCG_EXIT_HALTED);
    sh4_cpu_leave_sleep(&f->cpu);
    tcg_cpu_set_interrupt(&f->cpu.common, TCG_INTERRUPT_NMI, true);
    CT_ASSERT_TRUE(sh4fix_run(f));                      /* to the end, no NMI taken */
    CT_EXPECT_EQ(f->cpu.regs[1], 1u);                  /* ran on after the SLEEP */
    CT_EXPECT_EQ(f->cpu.common.interrupt_request & TCG_INTERRUPT_NMI, (uint32_t)TCG_INTERRUPT_NMI);
}

/* ---- through the INTC model on the CPU's bus ---- */

static void ext_irq(void *opaque, int n, bool level)
{
    sh4_cpu *cpu = opaque;
    tcg_cpu_set_interrupt(&cpu->common, n ? TCG_INTERRUPT_NMI : TCG_INTERRUPT_HARD, level);
}

static tcg_bus_status ext_rd(void *o, uint64_t off, unsigned size, uint64_t *v)
{
    pth_dev *d = o;
    return d->model->read(d->s, off, size, v) == PERIPH_OK ? TCG_BUS_OK : TCG_BUS_ERROR;
}

static tcg_bus_status ext_wr(void *o, uint64_t off, unsigned size, uint64_t v)
{
    pth_dev *d = o;
    return d->model->write(d->s, off, size, v) == PERIPH_OK ? TCG_BUS_OK : TCG_BUS_ERROR;
}

/* An INTC at its SH7750 address, outputs wired to the CPU as on the board. */
static bool ext_intc(sh4fix *f, periph_testhost *t, pth_dev *d)
{
    pth_init(t);
    t->irq_out[0] = (periph_irq){ ext_irq, &f->cpu, 0 };
    t->irq_out[1] = (periph_irq){ ext_irq, &f->cpu, 1 };
    if (!pth_dev_create(t, d, "renesas,sh7750-intc") ||
        !tcg_bus_map_add_mmio(&f->map, INTC_BASE, 0x100, ext_rd, ext_wr, d))
        return false;
    f->cpu.intc_ack_addr = INTC_BASE + 0x80;
    return true;
}

SH4FIX_TEST(sh4_nmi, intc_nmib_and_acknowledge)
{
    periph_testhost t;
    pth_dev d;
    CT_ASSERT_TRUE(ext_intc(f, &t, &d));
    sh4_sr_write(&f->cpu, SH4_SR_MD | SH4_SR_BL | SH4_SR_IMASK);
    SH4(f, NOP, NOP, NOP);
    d.model->set_irq_in(d.s, 21, true);                /* the NMI pin falls */
    CT_EXPECT_TRUE(sh4fix_run(f));                     /* NMIB = 0: held while BL */
    CT_EXPECT_EQ(pth_rd(&d, 0x80) & (1u << 24), 1u << 24);
    pth_wr(&d, 0x00, 0x0200);                          /* NMIB: taken even with BL */
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x600);
    CT_EXPECT_EQ(f->cpu.intevt, 0x1c0u);
    CT_EXPECT_EQ(f->cpu.spc, f->end);
    /* the CPU's acknowledge cleared the latch, and with it the request */
    CT_EXPECT_EQ(pth_rd(&d, 0x80) & (1u << 24), 0u);
    CT_EXPECT_EQ(f->cpu.common.interrupt_request & TCG_INTERRUPT_NMI, 0u);
    pth_dev_destroy(&d);
}

SH4FIX_TEST(sh4_nmi, intc_irl_level_and_imask)
{
    periph_testhost t;
    pth_dev d;
    CT_ASSERT_TRUE(ext_intc(f, &t, &d));
    f->cpu.regs[2] = SH4_SR_MD | (12u << 4);
    SH4(f, NOP, LDCSR(2), NOP, NOP);
    /* IRL pins 0011 (requests 1100): level 12, not above IMASK 12 */
    d.model->set_irq_in(d.s, 22 + 2, true);
    d.model->set_irq_in(d.s, 22 + 3, true);
    CT_EXPECT_TRUE(sh4fix_run(f));
    d.model->set_irq_in(d.s, 22 + 0, true);            /* level 13: INTEVT 0x240 */
    CT_ASSERT_FALSE(sh4fix_run(f));
    CT_EXPECT_EQ(f->cpu.pc, SH4FIX_VBR + 0x600);
    CT_EXPECT_EQ(f->cpu.intevt, 0x240u);
    pth_dev_destroy(&d);
}
