/*
 * GDB stub: general queries (q/Q), v packets, target descriptions and
 * monitor commands (qRcmd).
 *
 * Spec: GDB manual, "General Query Packets", "Packets" (vCont), "Target
 * Descriptions".  qSupported advertises swbreak+/hwbreak+ only when the
 * client announced them (then stop replies carry swbreak:/hwbreak:).
 * Monitor output goes out as O<hex> packets followed by OK.
 */
#include "stub-int.h"

#include <stdlib.h>
#include <string.h>

/* exact name, or name followed by one of the separators in `seps` */
static bool is_cmd(const char *pkt, size_t len, const char *name, const char *seps)
{
    size_t n = strlen(name);
    if (len < n || memcmp(pkt, name, n) != 0)
        return false;
    return len == n || (seps && strchr(seps, pkt[n]) && pkt[n] != '\0');
}

/* ---- qSupported ------------------------------------------------------ */

static void handle_qsupported(gdb_stub *s, const char *p, const char *end)
{
    s->swbreak = s->hwbreak = s->multiprocess = false;
    while (p < end) {
        const char *f = p;
        while (p < end && *p != ';')
            p++;
        size_t n = (size_t)(p - f);
        if (n == 8 && !memcmp(f, "swbreak+", 8))
            s->swbreak = true;
        else if (n == 8 && !memcmp(f, "hwbreak+", 8))
            s->hwbreak = true;
        else if (n == 13 && !memcmp(f, "multiprocess+", 13))
            s->multiprocess = true;
        if (p < end)
            p++;
    }
    const gdb_arch *a = s->dif->cpu_arch(s->opaque, 0);
    gdb_rb_reset(s);
    gdb_rb_printf(s, "PacketSize=%zx", s->cfg.packet_size);
    if (a && a->xml_arch)
        gdb_rb_puts(s, ";qXfer:features:read+");
    gdb_rb_puts(s, ";vContSupported+;QStartNoAckMode+");
    if (s->multiprocess)
        gdb_rb_puts(s, ";multiprocess+");
    if (s->swbreak)
        gdb_rb_puts(s, ";swbreak+");
    if (s->hwbreak)
        gdb_rb_puts(s, ";hwbreak+");
    gdb_send_reply(s);
}

/* ---- threads --------------------------------------------------------- */

static void handle_thread_info(gdb_stub *s)
{
    gdb_rb_reset(s);
    gdb_rb_puts(s, "m");
    for (int i = 0; i < s->ncpus; i++) {
        if (i)
            gdb_rb_puts(s, ",");
        gdb_rb_tid(s, i);
    }
    gdb_send_reply(s);
}

static void handle_extra_info(gdb_stub *s, const char *p, const char *end)
{
    int cpu;
    if (!gdb_parse_thread(s, &p, end, &cpu) || p != end || cpu < 0) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    const char *name = s->dif->cpu_name ? s->dif->cpu_name(s->opaque, cpu) : NULL;
    const gdb_arch *a = s->dif->cpu_arch(s->opaque, cpu);
    if (!name)
        name = a ? a->name : "cpu";
    char text[160];
    int n = snprintf(text, sizeof text, "CPU#%d %s [%s]", cpu, name,
                     s->action[cpu] == GDB_RUN_HOLD || !s->running ? "halted" : "running");
    if (n < 0)
        n = 0;
    if ((size_t)n >= sizeof text)
        n = sizeof text - 1;
    gdb_rb_reset(s);
    gdb_rb_hex(s, (const uint8_t *)text, (size_t)n);
    gdb_send_reply(s);
}

/* ---- qXfer:features:read:ANNEX:OFF,LEN ------------------------------- */

static void handle_xfer_features(gdb_stub *s, const char *p, const char *end)
{
    const char *annex = p;
    while (p < end && *p != ':')
        p++;
    size_t alen = (size_t)(p - annex);
    uint64_t off, len;
    if (p >= end || *p++ != ':' || !gdb_parse_hex(&p, end, &off) || p >= end || *p++ != ',' ||
        !gdb_parse_hex(&p, end, &len) || p != end) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    const gdb_arch *a = s->dif->cpu_arch(s->opaque, gdb_sel_cpu(s, s->g_cpu));
    if (!a || !a->xml_arch) {
        gdb_send_str(s, "");
        return;
    }
    if (alen != 10 || memcmp(annex, "target.xml", 10) != 0) {
        gdb_send_str(s, "E00");     /* unknown annex */
        return;
    }
    gdb_text t;
    gdb_text_init(&t, 64 * 1024);
    if (!gdb_arch_xml(a, &t)) {
        gdb_text_free(&t);
        gdb_send_str(s, "E00");
        return;
    }
    gdb_rb_reset(s);
    if (off >= t.len) {
        gdb_rb_puts(s, "l");
    } else {
        size_t avail = t.len - (size_t)off;
        size_t want = len < avail ? (size_t)len : avail;
        size_t used;
        /* 1 byte for the m/l marker; escapes may double bytes */
        size_t room = s->rcap - 1;
        char *out = malloc(room);
        if (!out) {
            gdb_text_free(&t);
            gdb_send_error(s, GDB_ERR_INVAL);
            return;
        }
        size_t o = gdb_bin_escape((const uint8_t *)t.buf + off, want, (uint8_t *)out, room, &used);
        gdb_rb_puts(s, off + used >= t.len ? "l" : "m");
        gdb_rb_put(s, out, o);
        free(out);
    }
    gdb_text_free(&t);
    gdb_send_reply(s);
}

/* ---- monitor --------------------------------------------------------- */

static void mon_help(gdb_text *t)
{
    gdb_text_printf(t,
        "monitor commands:\n"
        "  help                 this list\n"
        "  info registers       registers of the current CPU (Hg thread)\n"
        "  info mtree           memory map of the machine\n"
        "  time                 simulated time, cycles and instructions per CPU\n"
        "  step-irq [on|off]    may a single step take a pending interrupt (default off)\n"
        "  system_reset         reset the machine (CPUs stay stopped)\n"
        "  nmi                  raise the machine's non-maskable interrupt\n"
        "  quit                 end the simulation\n");
}

static void mon_info_registers(gdb_stub *s, gdb_text *t)
{
    int cpu = gdb_sel_cpu(s, s->g_cpu);
    const gdb_arch *a = s->dif->cpu_arch(s->opaque, cpu);
    uint8_t buf[64];
    gdb_text_printf(t, "CPU#%d:\n", cpu);
    for (unsigned i = 0; a && i < a->nregs; i++) {
        const gdb_reg_desc *r = &a->regs[i];
        gdb_text_printf(t, "  %-6s ", r->name);
        if (r->size > sizeof buf || !s->dif->read_reg ||
            s->dif->read_reg(s->opaque, cpu, r->regnum, buf) != GDB_OK) {
            gdb_text_printf(t, "<unavailable>\n");
            continue;
        }
        /* little-endian target order; both supported guests are LE */
        gdb_text_printf(t, "0x");
        for (unsigned b = r->size; b-- > 0;)
            gdb_text_printf(t, "%02x", buf[b]);
        gdb_text_printf(t, "\n");
    }
    if (s->dif->info_registers)
        s->dif->info_registers(s->opaque, cpu, t);
}

static void mon_time(gdb_stub *s, gdb_text *t)
{
    if (!s->dif->get_time) {
        gdb_text_printf(t, "simulated time is not available\n");
        return;
    }
    for (int i = 0; i < s->ncpus; i++) {
        gdb_time tm;
        if (s->dif->get_time(s->opaque, i, &tm) != GDB_OK) {
            gdb_text_printf(t, "CPU#%d: time not available\n", i);
            continue;
        }
        if (i == 0)
            gdb_text_printf(t, "simulated time: %llu.%03llu ns\n",
                            (unsigned long long)(tm.sim_time_ps / 1000),
                            (unsigned long long)(tm.sim_time_ps % 1000));
        gdb_text_printf(t, "CPU#%d: %llu cycles, %llu instructions\n", i,
                        (unsigned long long)tm.cycles, (unsigned long long)tm.insns);
    }
}

/* Returns false when the command is unknown. */
static bool monitor(gdb_stub *s, const char *cmd, gdb_text *t)
{
    while (*cmd == ' ')
        cmd++;
    size_t n = strlen(cmd);
    while (n && (cmd[n - 1] == ' ' || cmd[n - 1] == '\n'))
        n--;
#define IS(str) (n == strlen(str) && !memcmp(cmd, str, n))
    if (IS("help") || IS("?")) {
        mon_help(t);
    } else if (IS("info registers") || IS("info reg")) {
        mon_info_registers(s, t);
    } else if (IS("info mtree")) {
        if (s->dif->memory_map)
            s->dif->memory_map(s->opaque, t);
        else
            gdb_text_printf(t, "no memory map available\n");
    } else if (IS("time") || IS("info time")) {
        mon_time(s, t);
    } else if (IS("step-irq")) {
        gdb_text_printf(t, "step-irq is %s\n", s->step_irqs ? "on" : "off");
    } else if (IS("step-irq on")) {
        s->step_irqs = true;
        gdb_text_printf(t, "single-step may take pending interrupts\n");
    } else if (IS("step-irq off")) {
        s->step_irqs = false;
        gdb_text_printf(t, "single-step does not take pending interrupts\n");
    } else if (IS("system_reset")) {
        if (!s->dif->reset)
            gdb_text_printf(t, "reset is not supported by this machine\n");
        else if (s->dif->reset(s->opaque) != GDB_OK)
            gdb_text_printf(t, "reset failed\n");
        else
            gdb_text_printf(t, "machine reset\n");
    } else if (IS("nmi")) {
        if (!s->dif->nmi || s->dif->nmi(s->opaque) != GDB_OK)
            gdb_text_printf(t, "this machine has no NMI\n");
        else
            gdb_text_printf(t, "NMI raised: it is taken when the CPU runs\n");
    } else if (IS("quit")) {
        gdb_text_printf(t, "ending the simulation\n");
        gdb_stub_quit(s, 0);
    } else {
        return false;
    }
#undef IS
    return true;
}

static void handle_rcmd(gdb_stub *s, const char *p, const char *end)
{
    size_t hl = (size_t)(end - p);
    if (hl % 2 != 0) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    char *cmd = malloc(hl / 2 + 1);
    if (!cmd || !gdb_hex_decode(p, hl / 2, (uint8_t *)cmd) || memchr(cmd, '\0', hl / 2)) {
        free(cmd);
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    cmd[hl / 2] = '\0';
    gdb_text t;
    gdb_text_init(&t, 256 * 1024);
    if (!monitor(s, cmd, &t))
        gdb_text_printf(&t, "unknown command '%s'; try 'monitor help'\n", cmd);
    free(cmd);
    /* O<hex> packets of at most (rcap - 1) / 2 bytes of text each */
    size_t chunk = (s->rcap - 1) / 2;
    for (size_t off = 0; off < t.len; off += chunk) {
        size_t n = t.len - off < chunk ? t.len - off : chunk;
        gdb_rb_reset(s);
        gdb_rb_puts(s, "O");
        gdb_rb_hex(s, (const uint8_t *)t.buf + off, n);
        gdb_send_reply(s);
    }
    gdb_text_free(&t);
    gdb_send_error(s, GDB_OK);
}

/* ---- vCont ----------------------------------------------------------- */

static void handle_vcont(gdb_stub *s, const char *p, const char *end)
{
    gdb_run *run = calloc((size_t)s->ncpus, sizeof *run);
    int *sigs = calloc((size_t)s->ncpus, sizeof *sigs);
    bool *set = calloc((size_t)s->ncpus, sizeof *set);
    bool ok = run && sigs && set && p < end;
    /* ";action[:thread]" repeated; the leftmost action matching a thread wins */
    while (ok && p < end) {
        if (*p++ != ';') {
            ok = false;
            break;
        }
        char op = p < end ? *p++ : 0;
        int sig = 0, cpu = GDB_TID_ALL;
        gdb_run act;
        if (op == 'c' || op == 'C')
            act = GDB_RUN_CONTINUE;
        else if (op == 's' || op == 'S')
            act = GDB_RUN_STEP;
        else {
            ok = false;     /* 't', 'r' and others are not offered */
            break;
        }
        if (op == 'C' || op == 'S') {
            uint64_t v;
            if (!gdb_parse_hex(&p, end, &v) || v > 0xff) {
                ok = false;
                break;
            }
            sig = (int)v;
        }
        if (p < end && *p == ':') {
            p++;
            if (!gdb_parse_thread(s, &p, end, &cpu)) {
                ok = false;
                break;
            }
        }
        for (int i = 0; i < s->ncpus; i++) {
            if (set[i] || (cpu >= 0 && cpu != i))
                continue;
            if (cpu == GDB_TID_ANY && i != gdb_sel_cpu(s, s->c_cpu))
                continue;
            set[i] = true;
            run[i] = act;
            sigs[i] = sig;
        }
    }
    bool any = false;
    for (int i = 0; ok && i < s->ncpus; i++)
        any |= run[i] != GDB_RUN_HOLD;
    if (!ok || !any)
        gdb_send_error(s, GDB_ERR_INVAL);
    else if (s->exited)
        gdb_send_str(s, "W00");
    else
        gdb_stub_resume_all(s, run, sigs);
    free(run);
    free(sigs);
    free(set);
}

/* ---- dispatch -------------------------------------------------------- */

bool gdb_handle_query(gdb_stub *s, char *pkt, size_t len)
{
    const char *end = pkt + len;
    if (is_cmd(pkt, len, "qSupported", ":")) {
        handle_qsupported(s, pkt + (len > 10 ? 11 : 10), end);
    } else if (is_cmd(pkt, len, "QStartNoAckMode", NULL)) {
        gdb_send_error(s, GDB_OK);
        s->no_ack = true;           /* the OK itself still went out acked */
    } else if (is_cmd(pkt, len, "qC", NULL)) {
        gdb_rb_reset(s);
        gdb_rb_puts(s, "QC");
        gdb_rb_tid(s, gdb_sel_cpu(s, s->g_cpu));
        gdb_send_reply(s);
    } else if (is_cmd(pkt, len, "qfThreadInfo", NULL)) {
        handle_thread_info(s);
    } else if (is_cmd(pkt, len, "qsThreadInfo", NULL)) {
        gdb_send_str(s, "l");
    } else if (is_cmd(pkt, len, "qThreadExtraInfo", ",")) {
        handle_extra_info(s, pkt + 17 <= end ? pkt + 17 : end, end);
    } else if (is_cmd(pkt, len, "qAttached", ":")) {
        gdb_send_str(s, "1");       /* attached to an existing process: detach, not kill, on quit */
    } else if (len >= 23 && !memcmp(pkt, "qXfer:features:read:", 20)) {
        handle_xfer_features(s, pkt + 20, end);
    } else if (is_cmd(pkt, len, "qRcmd", ",")) {
        handle_rcmd(s, pkt + (len > 5 ? 6 : 5), end);
    } else if (is_cmd(pkt, len, "qSymbol", ":")) {
        gdb_send_error(s, GDB_OK);  /* no symbols needed */
    } else if (is_cmd(pkt, len, "vCont?", NULL)) {
        gdb_send_str(s, "vCont;c;C;s;S");
    } else if (is_cmd(pkt, len, "vCont", ";")) {
        handle_vcont(s, pkt + 5, end);
    } else if (is_cmd(pkt, len, "vKill", ";")) {
        gdb_send_error(s, GDB_OK);
        gdb_stub_quit(s, 0);
    } else {
        return false;               /* unknown: empty reply */
    }
    return true;
}
