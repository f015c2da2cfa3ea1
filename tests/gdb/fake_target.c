/*
 * Fake machine implementing gdb_debug_if (see fake_target.h).
 */
#include "fake_target.h"

#include <string.h>

static int f_num_cpus(void *o)
{
    return FAKE_NCPUS;
}

static const gdb_arch *f_cpu_arch(void *o, int cpu)
{
    return cpu == 1 ? &gdb_arch_arm_vfp_d16 : &gdb_arch_arm;
}

static const char *f_cpu_name(void *o, int cpu)
{
    return cpu == 1 ? "fake-vfp" : "fake";
}

static void put32(uint8_t *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static int f_read_reg(void *o, int cpu, int n, uint8_t *buf)
{
    fake_machine *m = o;
    fake_cpu *c = &m->cpu[cpu];
    if (n >= 0 && n < 16)
        put32(buf, c->r[n]);
    else if (n == 25)
        put32(buf, c->cpsr);
    else if (cpu == 1 && n >= 26 && n < 42) {
        put32(buf, (uint32_t)c->d[n - 26]);
        put32(buf + 4, (uint32_t)(c->d[n - 26] >> 32));
    } else if (cpu == 1 && n == 42)
        put32(buf, c->fpscr);
    else
        return GDB_ERR_INVAL;
    return GDB_OK;
}

static int f_write_reg(void *o, int cpu, int n, const uint8_t *buf)
{
    fake_machine *m = o;
    fake_cpu *c = &m->cpu[cpu];
    if (n >= 0 && n < 16)
        c->r[n] = get32(buf);
    else if (n == 25)
        c->cpsr = get32(buf);
    else if (cpu == 1 && n >= 26 && n < 42)
        c->d[n - 26] = get32(buf) | (uint64_t)get32(buf + 4) << 32;
    else if (cpu == 1 && n == 42)
        c->fpscr = get32(buf);
    else
        return GDB_ERR_INVAL;
    return GDB_OK;
}

/* bytes of [addr, addr+len) inside RAM, counted from addr */
static size_t mapped(uint64_t addr, size_t len)
{
    if (addr < FAKE_MEM_BASE || addr >= FAKE_MEM_BASE + FAKE_MEM_SIZE)
        return 0;
    size_t room = (size_t)(FAKE_MEM_BASE + FAKE_MEM_SIZE - addr);
    return len < room ? len : room;
}

static size_t f_read_mem(void *o, int cpu, uint64_t addr, uint8_t *buf, size_t len)
{
    fake_machine *m = o;
    size_t n = mapped(addr, len);
    memcpy(buf, m->mem + (addr - FAKE_MEM_BASE) * (n != 0), n);
    return n;
}

static size_t f_write_mem(void *o, int cpu, uint64_t addr, const uint8_t *buf, size_t len)
{
    fake_machine *m = o;
    size_t n = mapped(addr, len);
    memcpy(m->mem + (addr - FAKE_MEM_BASE) * (n != 0), buf, n);
    return n;
}

static int f_insert_bp(void *o, gdb_bp_type t, uint64_t addr, uint64_t kind)
{
    fake_machine *m = o;
    return gdb_bpset_insert(&m->bps, t, addr, kind);
}

static int f_remove_bp(void *o, gdb_bp_type t, uint64_t addr, uint64_t kind)
{
    fake_machine *m = o;
    return gdb_bpset_remove(&m->bps, t, addr, kind);
}

static void f_resume(void *o, const gdb_resume *r)
{
    fake_machine *m = o;
    m->resumes++;
    for (int i = 0; i < r->ncpus && i < FAKE_NCPUS; i++)
        m->last_action[i] = r->action[i];
    m->last_step_irqs = r->step_irqs;
}

static void f_request_stop(void *o)
{
    ((fake_machine *)o)->stop_requests++;
}

static void f_info_registers(void *o, int cpu, gdb_text *t)
{
    gdb_text_printf(t, "mode: fake%d\n", cpu);
}

static void f_memory_map(void *o, gdb_text *t)
{
    gdb_text_printf(t, "%08x-%08x ram\n", FAKE_MEM_BASE, FAKE_MEM_BASE + FAKE_MEM_SIZE - 1);
}

static int f_get_time(void *o, int cpu, gdb_time *t)
{
    fake_machine *m = o;
    t->sim_time_ps = m->sim_ps;
    t->cycles = m->cpu[cpu].cycles;
    t->insns = m->cpu[cpu].insns;
    return GDB_OK;
}

static int f_reset(void *o)
{
    fake_machine *m = o;
    m->resets++;
    for (int i = 0; i < FAKE_NCPUS; i++) {
        memset(m->cpu[i].r, 0, sizeof m->cpu[i].r);
        m->cpu[i].r[15] = FAKE_MEM_BASE;
        m->cpu[i].cpsr = 0xd3;
    }
    return GDB_OK;
}

static int f_nmi(void *o)
{
    fake_machine *m = o;
    if (m->no_nmi)
        return GDB_ERR_UNSUPPORTED;
    m->nmis++;
    return GDB_OK;
}

static void f_quit(void *o, int code)
{
    fake_machine *m = o;
    m->quits++;
    m->quit_code = code;
}

const gdb_debug_if fake_dif = {
    .num_cpus = f_num_cpus,
    .cpu_arch = f_cpu_arch,
    .cpu_name = f_cpu_name,
    .read_reg = f_read_reg,
    .write_reg = f_write_reg,
    .read_mem = f_read_mem,
    .write_mem = f_write_mem,
    .insert_bp = f_insert_bp,
    .remove_bp = f_remove_bp,
    .resume = f_resume,
    .request_stop = f_request_stop,
    .info_registers = f_info_registers,
    .memory_map = f_memory_map,
    .get_time = f_get_time,
    .reset = f_reset,
    .quit = f_quit,
    .nmi = f_nmi,
};

void fake_init(fake_machine *m)
{
    memset(m, 0, sizeof *m);
    gdb_bpset_init(&m->bps);
    for (int i = 0; i < FAKE_NCPUS; i++) {
        m->cpu[i].r[15] = FAKE_MEM_BASE + 0x100u * (unsigned)i;
        m->cpu[i].cpsr = 0xd3;
    }
}

void fake_poke(fake_machine *m, uint32_t addr, uint32_t val)
{
    if (mapped(addr, 4) == 4)
        put32(m->mem + addr - FAKE_MEM_BASE, val);
}

uint32_t fake_peek(const fake_machine *m, uint32_t addr)
{
    return mapped(addr, 4) == 4 ? get32(m->mem + addr - FAKE_MEM_BASE) : 0;
}

/* One instruction on CPU n; returns false when it stopped the machine. */
static bool step_one(fake_machine *m, gdb_stub *s, int n, gdb_run act)
{
    fake_cpu *c = &m->cpu[n];
    gdb_stop_event ev = { 0 };
    bool hw;
    if (act == GDB_RUN_CONTINUE && gdb_bpset_bp_at(&m->bps, c->r[15], &hw)) {
        ev.reason = GDB_STOP_BREAKPOINT;
        ev.hw = hw;
        gdb_stub_report_stop(s, n, &ev);
        return false;
    }
    if (mapped(c->r[15], 4) != 4) {
        ev.reason = GDB_STOP_SIGNAL;
        ev.code = GDB_SIGSEGV;
        gdb_stub_report_stop(s, n, &ev);
        return false;
    }
    uint32_t w = fake_peek(m, c->r[15]);
    uint32_t a = w & 0xffffffu;
    uint32_t op = w >> 24;
    if ((op == 1 || op == 2) && gdb_bpset_check_access(&m->bps, a, 4, op == 1, &ev)) {
        gdb_stub_report_stop(s, n, &ev);
        return false;
    }
    c->r[15] += 4;
    c->cycles++;
    c->insns++;
    switch (op) {
    case 0x01:
        fake_poke(m, a, c->r[0]);
        break;
    case 0x02:
        c->r[0] = fake_peek(m, a);
        break;
    case 0x03:
        c->r[15] = a;
        break;
    case 0xff:
        ev.reason = GDB_STOP_EXITED;
        ev.code = (int)(w & 0xff);
        m->exited = true;
        m->exit_code = ev.code;
        gdb_stub_report_stop(s, n, &ev);
        return false;
    default:
        c->r[1]++;
        break;
    }
    if (act == GDB_RUN_STEP) {
        ev.reason = GDB_STOP_STEP;
        gdb_stub_report_stop(s, n, &ev);
        return false;
    }
    return true;
}

int fake_run(fake_machine *m, gdb_stub *s, int rounds)
{
    int done = 0;
    for (int r = 0; r < rounds; r++) {
        bool ran = false;
        for (int n = 0; n < FAKE_NCPUS; n++) {
            gdb_run act = gdb_stub_cpu_run(s, n);
            if (act == GDB_RUN_QUIT)
                return done;
            if (act == GDB_RUN_HOLD)
                continue;
            ran = true;
            uint64_t before = m->cpu[n].insns;
            step_one(m, s, n, act);
            done += (int)(m->cpu[n].insns - before);
        }
        if (!ran)
            break;
        m->sim_ps += 1000;  /* time moves only while something runs */
    }
    return done;
}
