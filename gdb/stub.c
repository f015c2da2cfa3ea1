/*
 * GDB stub core: acks and resends, run control (all-stop), stop replies,
 * and the register, memory, breakpoint, thread and run packets.  Queries
 * (q/Q/v) and monitor commands are in stub-query.c.
 *
 * Spec: GDB manual, "Remote Protocol" (Packets, Stop Reply Packets).
 * Error replies: E14 memory fault, E22 bad argument, E28 no breakpoint
 * slot; unknown or unsupported packets get an empty reply.  Every parse
 * checks the packet end: trailing junk is a bad argument, never ignored.
 */
#include "stub-int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reply building ------------------------------------------------- */

void gdb_rb_reset(gdb_stub *s)
{
    s->rlen = 0;
    s->roverflow = false;
    s->reply[0] = '\0';
}

void gdb_rb_put(gdb_stub *s, const char *p, size_t n)
{
    if (s->rlen + n > s->rcap) {
        s->roverflow = true;
        return;
    }
    memcpy(s->reply + s->rlen, p, n);
    s->rlen += n;
    s->reply[s->rlen] = '\0';
}

void gdb_rb_puts(gdb_stub *s, const char *p)
{
    gdb_rb_put(s, p, strlen(p));
}

void gdb_rb_printf(gdb_stub *s, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        s->roverflow = true;
        return;
    }
    gdb_rb_put(s, tmp, (size_t)n);
}

void gdb_rb_hex(gdb_stub *s, const uint8_t *p, size_t n)
{
    if (s->rlen + 2 * n > s->rcap) {
        s->roverflow = true;
        return;
    }
    gdb_hex_encode(p, n, s->reply + s->rlen);
    s->rlen += 2 * n;
    s->reply[s->rlen] = '\0';
}

void gdb_rb_tid(gdb_stub *s, int cpu)
{
    if (s->multiprocess)
        gdb_rb_printf(s, "p01.%02x", cpu + 1);
    else
        gdb_rb_printf(s, "%02x", cpu + 1);
}

static void log_line(gdb_stub *s, const char *what)
{
    if (s->cfg.log)
        fprintf(s->cfg.log, "gdb: %s\n", what);
}

static void raw_write(gdb_stub *s, const uint8_t *p, size_t n)
{
    if (!s->connected || s->io_failed || !s->write)
        return;
    if (s->write(s->io, p, n) < n) {
        s->io_failed = true;
        log_line(s, "write to the client failed; dropping it");
    }
}

void gdb_send_payload(gdb_stub *s, const char *p, size_t n)
{
    size_t f = gdb_pkt_encode((const uint8_t *)p, n, s->cfg.rle, s->last, sizeof s->last);
    /* replies are built within rcap <= GDB_PKT_MAX, so framing fits */
    if (f == 0) {
        log_line(s, "internal: reply too large");
        f = gdb_pkt_encode((const uint8_t *)"E22", 3, false, s->last, sizeof s->last);
    }
    s->last_len = f;
    raw_write(s, s->last, f);
}

void gdb_send_reply(gdb_stub *s)
{
    if (s->roverflow) {
        log_line(s, "internal: reply overflow");
        gdb_send_payload(s, "E22", 3);
        return;
    }
    gdb_send_payload(s, s->reply, s->rlen);
}

void gdb_send_str(gdb_stub *s, const char *str)
{
    gdb_send_payload(s, str, strlen(str));
}

void gdb_send_error(gdb_stub *s, int err)
{
    switch (err) {
    case GDB_OK:
        gdb_send_str(s, "OK");
        break;
    case GDB_ERR_FAULT:
        gdb_send_str(s, "E14");
        break;
    case GDB_ERR_NOSPACE:
        gdb_send_str(s, "E28");
        break;
    case GDB_ERR_UNSUPPORTED:
        gdb_send_str(s, "");
        break;
    default:
        gdb_send_str(s, "E22");
        break;
    }
}

/* ---- parsing -------------------------------------------------------- */

bool gdb_parse_hex(const char **pp, const char *end, uint64_t *v)
{
    const char *p = *pp;
    uint64_t x = 0;
    int n = 0;
    while (p < end && gdb_hex_val((unsigned char)*p) >= 0) {
        if (++n > 16)
            return false;           /* would overflow 64 bits */
        x = x << 4 | (uint64_t)gdb_hex_val((unsigned char)*p);
        p++;
    }
    if (n == 0)
        return false;
    *pp = p;
    *v = x;
    return true;
}

/* one id: "-1", or hex; id -1 -> GDB_TID_ALL, 0 -> GDB_TID_ANY */
static bool parse_id(const char **p, const char *end, int64_t *id)
{
    if (*p + 1 < end && (*p)[0] == '-' && (*p)[1] == '1') {
        *p += 2;
        *id = -1;
        return true;
    }
    uint64_t v;
    if (!gdb_parse_hex(p, end, &v) || v > 0x7fffffff)
        return false;
    *id = (int64_t)v;
    return true;
}

bool gdb_parse_thread(gdb_stub *s, const char **pp, const char *end, int *cpu)
{
    const char *p = *pp;
    int64_t pid = 1, tid;
    if (p < end && *p == 'p') {
        p++;
        if (!parse_id(&p, end, &pid))
            return false;
        if (p < end && *p == '.') {
            p++;
            if (!parse_id(&p, end, &tid))
                return false;
        } else {
            tid = -1;                       /* "pPID": all its threads */
        }
    } else if (!parse_id(&p, end, &tid)) {
        return false;
    }
    if (pid != 1 && pid != -1 && pid != 0)
        return false;
    if (tid == -1)
        *cpu = GDB_TID_ALL;
    else if (tid == 0)
        *cpu = GDB_TID_ANY;
    else if (tid <= s->ncpus)
        *cpu = (int)tid - 1;
    else
        return false;
    *pp = p;
    return true;
}

int gdb_sel_cpu(const gdb_stub *s, int sel)
{
    if (sel >= 0 && sel < s->ncpus)
        return sel;
    return s->stop_cpu;
}

/* ---- run control ---------------------------------------------------- */

gdb_stub *gdb_stub_new(const gdb_debug_if *dif, void *opaque, const gdb_stub_config *cfg)
{
    if (!dif || !dif->num_cpus || !dif->cpu_arch)
        return NULL;
    int n = dif->num_cpus(opaque);
    if (n <= 0 || n > 0x7fff)
        return NULL;
    gdb_stub *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->action = calloc((size_t)n, sizeof *s->action);
    s->signal = calloc((size_t)n, sizeof *s->signal);
    if (!s->action || !s->signal) {
        gdb_stub_free(s);
        return NULL;
    }
    s->dif = dif;
    s->opaque = opaque;
    if (cfg)
        s->cfg = *cfg;
    if (s->cfg.packet_size == 0 || s->cfg.packet_size > GDB_PKT_MAX)
        s->cfg.packet_size = GDB_PKT_MAX;
    if (s->cfg.packet_size < 256)
        s->cfg.packet_size = 256;       /* g of a 64-register CPU must fit */
    s->rcap = s->cfg.packet_size;
    s->ncpus = n;
    gdb_bpset_init(&s->bps);
    gdb_pkt_parser_init(&s->parser, s->cfg.packet_size);
    s->last_stop.reason = GDB_STOP_SIGNAL;
    s->last_stop.code = GDB_SIGTRAP;
    if (s->cfg.start_halted) {
        s->running = false;
    } else {
        for (int i = 0; i < n; i++)
            s->action[i] = GDB_RUN_CONTINUE;
        s->running = true;
    }
    return s;
}

void gdb_stub_free(gdb_stub *s)
{
    if (!s)
        return;
    free(s->action);
    free(s->signal);
    free(s);
}

static void hold_all(gdb_stub *s)
{
    for (int i = 0; i < s->ncpus; i++)
        s->action[i] = GDB_RUN_HOLD;
    s->running = false;
}

void gdb_stub_resume_all(gdb_stub *s, const gdb_run *action, const int *signal)
{
    bool any = false;
    for (int i = 0; i < s->ncpus; i++) {
        s->action[i] = action[i];
        s->signal[i] = signal ? signal[i] : 0;
        any |= action[i] != GDB_RUN_HOLD;
    }
    s->running = any;
    if (any && s->dif->resume) {
        gdb_resume r = { s->ncpus, s->action, s->signal, s->step_irqs };
        s->dif->resume(s->opaque, &r);
    }
}

/* Let the machine run freely (no client, or detached). */
void gdb_stub_release(gdb_stub *s)
{
    /* the client's breakpoints must not stop a machine nobody debugs */
    for (unsigned i = s->bps.n; i-- > 0;) {
        const gdb_bp *b = &s->bps.e[i];
        if (s->dif->remove_bp && s->dif->remove_bp(s->opaque, b->type, b->addr, b->len) != GDB_OK)
            log_line(s, "could not remove a breakpoint on detach");
    }
    gdb_bpset_init(&s->bps);
    if (s->quit || s->exited)
        return;
    gdb_run *run = calloc((size_t)s->ncpus, sizeof *run);
    if (!run) {
        /* cannot build the request: release the CPUs directly */
        for (int i = 0; i < s->ncpus; i++)
            s->action[i] = GDB_RUN_CONTINUE;
        s->running = true;
        return;
    }
    for (int i = 0; i < s->ncpus; i++)
        run[i] = GDB_RUN_CONTINUE;
    gdb_stub_resume_all(s, run, NULL);
    free(run);
}

void gdb_stub_quit(gdb_stub *s, int code)
{
    hold_all(s);
    if (!s->quit && s->dif->quit)
        s->dif->quit(s->opaque, code);
    s->quit = true;
}

gdb_run gdb_stub_cpu_run(gdb_stub *s, int cpu)
{
    if (s->quit || s->exited)
        return GDB_RUN_QUIT;
    if (cpu < 0 || cpu >= s->ncpus || !s->running)
        return GDB_RUN_HOLD;
    return s->action[cpu];
}

bool gdb_stub_any_running(const gdb_stub *s)
{
    return s->running && !s->quit && !s->exited;
}

int gdb_stub_resume_signal(const gdb_stub *s, int cpu)
{
    return cpu >= 0 && cpu < s->ncpus ? s->signal[cpu] : 0;
}

bool gdb_stub_step_irqs(const gdb_stub *s)
{
    return s->step_irqs;
}

bool gdb_stub_has_client(const gdb_stub *s)
{
    return s->connected;
}

bool gdb_stub_io_failed(const gdb_stub *s)
{
    return s->io_failed;
}

void gdb_stub_get_stats(const gdb_stub *s, gdb_stub_stats *st)
{
    *st = s->stats;
    st->garbage = s->parser.stat_garbage;
}

/* ---- stop replies --------------------------------------------------- */

static void build_stop_reply(gdb_stub *s, int cpu, const gdb_stop_event *ev)
{
    gdb_rb_reset(s);
    switch (ev->reason) {
    case GDB_STOP_EXITED:
        gdb_rb_printf(s, "W%02x", ev->code & 0xff);
        if (s->multiprocess)
            gdb_rb_puts(s, ";process:1");
        return;
    case GDB_STOP_KILLED:
        gdb_rb_printf(s, "X%02x", ev->code & 0xff);
        if (s->multiprocess)
            gdb_rb_puts(s, ";process:1");
        return;
    case GDB_STOP_INTERRUPTED:
        gdb_rb_printf(s, "T%02x", GDB_SIGINT);
        break;
    case GDB_STOP_SIGNAL:
        gdb_rb_printf(s, "T%02x", ev->code & 0xff);
        break;
    default:
        gdb_rb_printf(s, "T%02x", GDB_SIGTRAP);
        break;
    }
    gdb_rb_puts(s, "thread:");
    gdb_rb_tid(s, cpu);
    gdb_rb_puts(s, ";");
    if (ev->reason == GDB_STOP_WATCHPOINT) {
        const char *kw = ev->wp_type == GDB_WP_READ ? "rwatch" :
                         ev->wp_type == GDB_WP_ACCESS ? "awatch" : "watch";
        gdb_rb_printf(s, "%s:%llx;", kw, (unsigned long long)ev->wp_addr);
    } else if (ev->reason == GDB_STOP_BREAKPOINT) {
        /* only when negotiated: older clients reject unknown stop fields */
        if (ev->hw && s->hwbreak)
            gdb_rb_puts(s, "hwbreak:;");
        else if (!ev->hw && s->swbreak)
            gdb_rb_puts(s, "swbreak:;");
    }
}

static void stop_machine(gdb_stub *s, int cpu, const gdb_stop_event *ev)
{
    hold_all(s);
    s->stop_cpu = cpu;
    s->last_stop = *ev;
    /* gdb expects the thread that stopped to become the current one */
    s->g_cpu = s->c_cpu = cpu;
    if (ev->reason == GDB_STOP_EXITED || ev->reason == GDB_STOP_KILLED)
        s->exited = true;
    if (s->connected) {
        build_stop_reply(s, cpu, ev);
        gdb_send_reply(s);
    }
}

void gdb_stub_report_stop(gdb_stub *s, int cpu, const gdb_stop_event *ev)
{
    if (cpu < 0 || cpu >= s->ncpus || s->quit || s->exited)
        return;
    bool final = ev->reason == GDB_STOP_EXITED || ev->reason == GDB_STOP_KILLED;
    /* a second CPU hitting something after the machine stopped: dropped,
     * it re-hits when resumed.  An exit is always reported. */
    if (!s->running && !final)
        return;
    if (!s->connected && !final)
        return;     /* free run: no debugger, nothing to stop for */
    stop_machine(s, cpu, ev);
}

/* ---- client connection ---------------------------------------------- */

void gdb_stub_client_connected(gdb_stub *s, gdb_stub_write_fn write, void *io)
{
    s->connected = true;
    s->write = write;
    s->io = io;
    s->io_failed = false;
    s->no_ack = s->multiprocess = s->swbreak = s->hwbreak = false;
    s->last_len = 0;
    gdb_pkt_parser_init(&s->parser, s->cfg.packet_size);
    gdb_bpset_init(&s->bps);
    if (s->exited)
        return;
    /* a debugger attaches to a stopped machine */
    int cpu = 0;
    for (int i = 0; i < s->ncpus; i++)
        if (s->action[i] != GDB_RUN_HOLD) {
            cpu = i;
            break;
        }
    hold_all(s);
    s->stop_cpu = cpu;
    s->g_cpu = s->c_cpu = cpu;
    s->last_stop = (gdb_stop_event){ .reason = GDB_STOP_SIGNAL, .code = GDB_SIGTRAP };
    if (s->dif->request_stop)
        s->dif->request_stop(s->opaque);
}

void gdb_stub_client_disconnected(gdb_stub *s)
{
    if (!s->connected)
        return;
    s->connected = false;
    s->write = NULL;
    s->io = NULL;
    s->no_ack = false;
    gdb_stub_release(s);
}

/* ---- registers ------------------------------------------------------ */

static const gdb_arch *cpu_arch(gdb_stub *s, int cpu)
{
    return s->dif->cpu_arch(s->opaque, cpu);
}

static void handle_g(gdb_stub *s)
{
    int cpu = gdb_sel_cpu(s, s->g_cpu);
    const gdb_arch *a = cpu_arch(s, cpu);
    uint8_t buf[64];
    gdb_rb_reset(s);
    for (unsigned i = 0; a && i < a->nregs; i++) {
        const gdb_reg_desc *r = &a->regs[i];
        if (!r->in_g)
            continue;
        if (r->size <= sizeof buf && s->dif->read_reg &&
            s->dif->read_reg(s->opaque, cpu, r->regnum, buf) == GDB_OK) {
            gdb_rb_hex(s, buf, r->size);
        } else {
            for (unsigned b = 0; b < r->size; b++)
                gdb_rb_puts(s, "xx");   /* unavailable */
        }
    }
    gdb_send_reply(s);
}

static void handle_G(gdb_stub *s, const char *p, const char *end)
{
    int cpu = gdb_sel_cpu(s, s->g_cpu);
    const gdb_arch *a = cpu_arch(s, cpu);
    size_t need = a ? gdb_arch_g_size(a) : 0;
    if (!a || (size_t)(end - p) != 2 * need || !s->dif->write_reg) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    /* validate everything before writing anything */
    for (const char *q = p; q < end; q++)
        if (gdb_hex_val((unsigned char)*q) < 0) {
            gdb_send_error(s, GDB_ERR_INVAL);
            return;
        }
    int err = GDB_OK;
    uint8_t buf[64];
    for (unsigned i = 0; i < a->nregs; i++) {
        const gdb_reg_desc *r = &a->regs[i];
        if (!r->in_g)
            continue;
        if (r->size <= sizeof buf && gdb_hex_decode(p, r->size, buf)) {
            int e = s->dif->write_reg(s->opaque, cpu, r->regnum, buf);
            if (e != GDB_OK && e != GDB_ERR_UNSUPPORTED)
                err = e;
        }
        p += 2 * r->size;
    }
    gdb_send_error(s, err);
}

static void handle_p(gdb_stub *s, const char *p, const char *end)
{
    uint64_t n;
    int cpu = gdb_sel_cpu(s, s->g_cpu);
    const gdb_reg_desc *r;
    uint8_t buf[64];
    if (!gdb_parse_hex(&p, end, &n) || p != end || n > 0xffff ||
        !(r = gdb_arch_reg(cpu_arch(s, cpu), (int)n)) || r->size > sizeof buf || !s->dif->read_reg) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    int e = s->dif->read_reg(s->opaque, cpu, r->regnum, buf);
    gdb_rb_reset(s);
    if (e == GDB_OK) {
        gdb_rb_hex(s, buf, r->size);
    } else if (e == GDB_ERR_UNSUPPORTED) {
        for (unsigned b = 0; b < r->size; b++)
            gdb_rb_puts(s, "xx");
    } else {
        gdb_send_error(s, e);
        return;
    }
    gdb_send_reply(s);
}

static void handle_P(gdb_stub *s, const char *p, const char *end)
{
    uint64_t n;
    int cpu = gdb_sel_cpu(s, s->g_cpu);
    const gdb_reg_desc *r;
    uint8_t buf[64];
    if (!gdb_parse_hex(&p, end, &n) || p >= end || *p++ != '=' || n > 0xffff ||
        !(r = gdb_arch_reg(cpu_arch(s, cpu), (int)n)) || r->size > sizeof buf ||
        (size_t)(end - p) != 2u * r->size || !gdb_hex_decode(p, r->size, buf) || !s->dif->write_reg) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    gdb_send_error(s, s->dif->write_reg(s->opaque, cpu, r->regnum, buf));
}

/* ---- memory --------------------------------------------------------- */

/* "ADDR,LEN" then optional ':' (required when want_colon) */
static bool parse_addr_len(const char **p, const char *end, uint64_t *addr, uint64_t *len, bool want_colon)
{
    if (!gdb_parse_hex(p, end, addr) || *p >= end || *(*p)++ != ',' || !gdb_parse_hex(p, end, len))
        return false;
    if (want_colon)
        return *p < end && *(*p)++ == ':';
    return *p == end;
}

static void handle_m(gdb_stub *s, const char *p, const char *end)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, end, &addr, &len, false) || !s->dif->read_mem) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    /* a shorter read is allowed: clamp to what fits in one reply */
    if (len > s->rcap / 2)
        len = s->rcap / 2;
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    size_t got = len ? s->dif->read_mem(s->opaque, gdb_sel_cpu(s, s->g_cpu), addr, buf, len) : 0;
    if (got > len)
        got = len;
    if (len && got == 0) {
        gdb_send_error(s, GDB_ERR_FAULT);
    } else {
        gdb_rb_reset(s);
        gdb_rb_hex(s, buf, got);
        gdb_send_reply(s);
    }
    free(buf);
}

static void write_mem_reply(gdb_stub *s, uint64_t addr, const uint8_t *buf, size_t len)
{
    if (len == 0) {
        gdb_send_error(s, GDB_OK);      /* X with length 0 probes support */
        return;
    }
    if (!s->dif->write_mem) {
        gdb_send_error(s, GDB_ERR_FAULT);
        return;
    }
    size_t done = s->dif->write_mem(s->opaque, gdb_sel_cpu(s, s->g_cpu), addr, buf, len);
    gdb_send_error(s, done == len ? GDB_OK : GDB_ERR_FAULT);
}

static void handle_M(gdb_stub *s, const char *p, const char *end)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, end, &addr, &len, true) || len > s->rcap ||
        (uint64_t)(end - p) != 2 * len) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf || !gdb_hex_decode(p, len, buf)) {
        free(buf);
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    write_mem_reply(s, addr, buf, len);
    free(buf);
}

static void handle_X(gdb_stub *s, char *p, char *end)
{
    uint64_t addr, len;
    const char *q = p;
    size_t n;
    if (!parse_addr_len(&q, end, &addr, &len, true)) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    char *data = p + (q - p);
    if (!gdb_bin_unescape((uint8_t *)data, (size_t)(end - data), &n) || n != len) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    write_mem_reply(s, addr, (const uint8_t *)data, n);
}

/* ---- breakpoints ---------------------------------------------------- */

static void handle_Z(gdb_stub *s, bool insert, const char *p, const char *end)
{
    uint64_t type, addr, kind;
    if (!gdb_parse_hex(&p, end, &type) || p >= end || *p++ != ',' ||
        !gdb_parse_hex(&p, end, &addr) || p >= end || *p++ != ',' ||
        !gdb_parse_hex(&p, end, &kind) || (p != end && *p != ';')) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    /* ";cond..." lists are only sent when ConditionalBreakpoints+ was
     * offered, which this stub does not: ignore them */
    if (type > GDB_WP_ACCESS) {
        gdb_send_str(s, "");
        return;
    }
    int (*fn)(void *, gdb_bp_type, uint64_t, uint64_t) = insert ? s->dif->insert_bp : s->dif->remove_bp;
    if (!fn) {
        gdb_send_str(s, "");
        return;
    }
    if ((type >= GDB_WP_WRITE && kind == 0) || (insert && s->bps.n >= GDB_BPSET_MAX)) {
        gdb_send_error(s, kind == 0 ? GDB_ERR_INVAL : GDB_ERR_NOSPACE);
        return;
    }
    int e = fn(s->opaque, (gdb_bp_type)type, addr, kind);
    if (e == GDB_OK) {
        /* the mirror cannot disagree: capacity was checked above, and a
         * removal the target accepted may be absent only after a reset */
        int m = insert ? gdb_bpset_insert(&s->bps, (gdb_bp_type)type, addr, kind)
                       : gdb_bpset_remove(&s->bps, (gdb_bp_type)type, addr, kind);
        (void)m;
    }
    gdb_send_error(s, e);
}

/* ---- run packets ---------------------------------------------------- */

static bool parse_signal(const char **p, const char *end, int *sig)
{
    uint64_t v;
    if (!gdb_parse_hex(p, end, &v) || v > 0xff)
        return false;
    *sig = (int)v;
    return true;
}

/* c [addr], s [addr], C sig[;addr], S sig[;addr] */
static void handle_resume(gdb_stub *s, char op, const char *p, const char *end)
{
    int sig = 0;
    if ((op == 'C' || op == 'S') && (!parse_signal(&p, end, &sig) || (p < end && *p++ != ';'))) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    if (p != end) {
        /* resuming at another address needs the PC register, which is
         * target-specific: gdb sets it with P/G first instead */
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    gdb_run *run = calloc((size_t)s->ncpus, sizeof *run);
    int *sigs = calloc((size_t)s->ncpus, sizeof *sigs);
    if (!run || !sigs) {
        free(run);
        free(sigs);
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    if (op == 'c' || op == 'C') {
        for (int i = 0; i < s->ncpus; i++)
            run[i] = GDB_RUN_CONTINUE;
        sigs[gdb_sel_cpu(s, s->c_cpu)] = sig;
    } else {
        /* step the Hc thread only: the others stay held so a step is
         * deterministic */
        int cpu = gdb_sel_cpu(s, s->c_cpu);
        run[cpu] = GDB_RUN_STEP;
        sigs[cpu] = sig;
    }
    gdb_stub_resume_all(s, run, sigs);
    free(run);
    free(sigs);
}

/* ---- dispatch ------------------------------------------------------- */

static void handle_H(gdb_stub *s, const char *p, const char *end)
{
    int cpu;
    if (p >= end || (*p != 'g' && *p != 'c')) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    char op = *p++;
    if (!gdb_parse_thread(s, &p, end, &cpu) || p != end) {
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    }
    if (op == 'g')
        s->g_cpu = cpu;
    else
        s->c_cpu = cpu;
    gdb_send_error(s, GDB_OK);
}

static void handle_T(gdb_stub *s, const char *p, const char *end)
{
    int cpu;
    bool ok = gdb_parse_thread(s, &p, end, &cpu) && p == end && cpu >= 0;
    gdb_send_error(s, ok ? GDB_OK : GDB_ERR_INVAL);
}

static void handle_question(gdb_stub *s)
{
    build_stop_reply(s, s->stop_cpu, &s->last_stop);
    gdb_send_reply(s);
}

static void dispatch(gdb_stub *s, char *pkt, size_t len)
{
    char *end = pkt + len;
    if (len == 0) {
        gdb_send_str(s, "");
        return;
    }
    char *p = pkt + 1;
    switch (pkt[0]) {
    case '?':
        handle_question(s);
        return;
    case 'g':
        if (len == 1) {
            handle_g(s);
            return;
        }
        break;
    case 'G':
        handle_G(s, p, end);
        return;
    case 'p':
        handle_p(s, p, end);
        return;
    case 'P':
        handle_P(s, p, end);
        return;
    case 'm':
        handle_m(s, p, end);
        return;
    case 'M':
        handle_M(s, p, end);
        return;
    case 'X':
        handle_X(s, p, end);
        return;
    case 'c': case 'C': case 's': case 'S':
        if (s->exited) {
            handle_question(s);
            return;
        }
        handle_resume(s, pkt[0], p, end);
        return;
    case 'Z':
    case 'z':
        handle_Z(s, pkt[0] == 'Z', p, end);
        return;
    case 'H':
        handle_H(s, p, end);
        return;
    case 'T':
        handle_T(s, p, end);
        return;
    case 'D':
        /* "D" or "D;pid" */
        if (len == 1 || (pkt[1] == ';' && len > 2)) {
            gdb_send_error(s, GDB_OK);
            gdb_stub_release(s);
            return;
        }
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    case 'k':
        gdb_stub_quit(s, 0);    /* no reply to 'k' */
        return;
    case 'q':
    case 'Q':
    case 'v':
        if (gdb_handle_query(s, pkt, len))
            return;
        break;
    default:
        break;
    }
    s->stats.unknown++;
    gdb_send_str(s, "");
}

static void on_event(gdb_stub *s, gdb_pkt_event ev)
{
    static const uint8_t ack = '+', nack = '-';
    switch (ev) {
    case GDB_PKT_NONE:
    case GDB_PKT_ACK:
        return;
    case GDB_PKT_NACK:
        if (!s->no_ack && s->last_len) {
            s->stats.resends++;
            raw_write(s, s->last, s->last_len);
        }
        return;
    case GDB_PKT_INTERRUPT:
        if (s->running) {
            gdb_stop_event e = { .reason = GDB_STOP_INTERRUPTED };
            int cpu = gdb_sel_cpu(s, s->c_cpu);
            for (int i = 0; i < s->ncpus; i++)
                if (s->action[i] != GDB_RUN_HOLD) {
                    cpu = i;
                    break;
                }
            if (s->dif->request_stop)
                s->dif->request_stop(s->opaque);
            stop_machine(s, cpu, &e);
        }
        return;
    case GDB_PKT_BAD_CHECKSUM:
        s->stats.bad_checksum++;
        log_line(s, "packet with a bad checksum rejected");
        if (!s->no_ack)
            raw_write(s, &nack, 1);
        return;
    case GDB_PKT_MALFORMED:
        s->stats.malformed++;
        log_line(s, "malformed packet (run-length encoding) rejected");
        if (!s->no_ack)
            raw_write(s, &nack, 1);
        return;
    case GDB_PKT_OVERSIZE:
        /* the frame arrived intact but exceeds PacketSize: resending it
         * cannot help, so acknowledge and fail the command */
        s->stats.oversize++;
        log_line(s, "oversized packet rejected");
        if (!s->no_ack)
            raw_write(s, &ack, 1);
        gdb_send_error(s, GDB_ERR_INVAL);
        return;
    case GDB_PKT_PACKET:
        s->stats.packets++;
        if (!s->no_ack)
            raw_write(s, &ack, 1);
        dispatch(s, (char *)s->parser.data, s->parser.len);
        return;
    }
}

void gdb_stub_feed(gdb_stub *s, const uint8_t *buf, size_t len)
{
    if (!s->connected)
        return;
    for (size_t i = 0; i < len && !s->io_failed; i++)
        on_event(s, gdb_pkt_push(&s->parser, buf[i]));
}
