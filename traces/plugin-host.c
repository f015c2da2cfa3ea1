/*
 * Plugin host (see plugin-host.h, and plugin-api.h for the plugin side).
 *
 * Handles given to plugins are host structs whose first member is the
 * public handle, so the function table can downcast them.  TB and insn
 * handles live on the host's heap only during trace_plugin_tb_translate.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "traces/plugin-host.h"

struct trace_plugin {
    cosim_plugin_ctx pub;      /* first: the handle the plugin sees */
    trace_plugin_host *host;
    void *dl;
    char *path;
    cosim_plugin_tb_trans_cb tb_trans;
    void *tb_trans_udata;
    cosim_plugin_exc_cb exc;
    void *exc_udata;
    cosim_plugin_exit_cb at_exit;
    void *exit_udata;
};

typedef struct host_tb host_tb;
typedef struct host_insn {
    cosim_plugin_insn pub;
    host_tb *tb;
    size_t index;
} host_insn;

struct host_tb {
    cosim_plugin_tb pub;
    trace_plugin_tb_instr *instr;
    const trace_insn *insns;
    host_insn *hinsns;
    bool used;
};

static bool cb_add(trace_plugin_cb_list *l, void (*fn)(void), void *udata, uint8_t rw)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? 2 * l->cap : 2;
        trace_plugin_cb *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return false;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (trace_plugin_cb){ fn, udata, rw };
    return true;
}

/* ---- the function table ------------------------------------------------ */

static void api_register_tb_trans(cosim_plugin_ctx *ctx, cosim_plugin_tb_trans_cb cb, void *udata)
{
    trace_plugin *p = (trace_plugin *)ctx;
    p->tb_trans = cb;
    p->tb_trans_udata = udata;
}

static void api_register_exception(cosim_plugin_ctx *ctx, cosim_plugin_exc_cb cb, void *udata)
{
    trace_plugin *p = (trace_plugin *)ctx;
    p->exc = cb;
    p->exc_udata = udata;
}

static void api_register_atexit(cosim_plugin_ctx *ctx, cosim_plugin_exit_cb cb, void *udata)
{
    trace_plugin *p = (trace_plugin *)ctx;
    p->at_exit = cb;
    p->exit_udata = udata;
}

static void api_register_tb_exec(cosim_plugin_tb *tb, cosim_plugin_exec_cb cb, void *udata)
{
    host_tb *t = (host_tb *)tb;
    if (cb_add(&t->instr->tb_exec, (void (*)(void))cb, udata, 0))
        t->used = true;
}

static void api_register_insn_exec(cosim_plugin_insn *insn, cosim_plugin_exec_cb cb, void *udata)
{
    host_insn *i = (host_insn *)insn;
    if (cb_add(&i->tb->instr->insn_exec[i->index], (void (*)(void))cb, udata, 0))
        i->tb->used = true;
}

static void api_register_mem(cosim_plugin_insn *insn, cosim_plugin_mem_cb cb, cosim_plugin_mem_rw rw,
                             void *udata)
{
    host_insn *i = (host_insn *)insn;
    if (cb_add(&i->tb->instr->mem[i->index], (void (*)(void))cb, udata, (uint8_t)rw))
        i->tb->used = true;
}

static size_t api_tb_n_insns(const cosim_plugin_tb *tb) { return ((const host_tb *)tb)->instr->n_insns; }
static uint64_t api_tb_vaddr(const cosim_plugin_tb *tb) { return ((const host_tb *)tb)->instr->vaddr; }

static cosim_plugin_insn *api_tb_get_insn(cosim_plugin_tb *tb, size_t i)
{
    host_tb *t = (host_tb *)tb;
    return i < t->instr->n_insns ? &t->hinsns[i].pub : NULL;
}

static const trace_insn *insn_of(const cosim_plugin_insn *insn)
{
    const host_insn *i = (const host_insn *)insn;
    return &i->tb->insns[i->index];
}

static uint64_t api_insn_vaddr(const cosim_plugin_insn *i) { return insn_of(i)->pc; }
static uint32_t api_insn_opcode(const cosim_plugin_insn *i) { return insn_of(i)->opcode; }
static size_t api_insn_size(const cosim_plugin_insn *i) { return insn_of(i)->size; }
static bool api_insn_thumb(const cosim_plugin_insn *i) { return insn_of(i)->isa == TRACE_ISA_THUMB; }
static void api_insn_disas(const cosim_plugin_insn *i, char *buf, size_t len) { trace_insn_disas(insn_of(i), buf, len); }

static void api_outs(cosim_plugin_ctx *ctx, const char *text)
{
    trace_plugin *p = (trace_plugin *)ctx;
    fputs(text, p->host->out ? p->host->out : stderr);
}

static const cosim_plugin_api host_api = {
    .version = COSIM_PLUGIN_API_VERSION,
    .size = sizeof(cosim_plugin_api),
    .register_tb_trans = api_register_tb_trans,
    .register_exception = api_register_exception,
    .register_atexit = api_register_atexit,
    .register_tb_exec = api_register_tb_exec,
    .register_insn_exec = api_register_insn_exec,
    .register_mem = api_register_mem,
    .tb_n_insns = api_tb_n_insns,
    .tb_vaddr = api_tb_vaddr,
    .tb_get_insn = api_tb_get_insn,
    .insn_vaddr = api_insn_vaddr,
    .insn_opcode = api_insn_opcode,
    .insn_size = api_insn_size,
    .insn_thumb = api_insn_thumb,
    .insn_disas = api_insn_disas,
    .outs = api_outs,
};

/* ---- loading ------------------------------------------------------------ */

void trace_plugin_host_init(trace_plugin_host *h, FILE *out, const char *target_name, unsigned n_cpus)
{
    memset(h, 0, sizeof *h);
    h->out = out;
    snprintf(h->target, sizeof h->target, "%s", target_name ? target_name : "");
    h->info = (cosim_plugin_info){ COSIM_PLUGIN_API_VERSION, h->target, n_cpus };
}

void trace_plugin_free_args(char *path, int argc, char **argv)
{
    free(path);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
}

bool trace_plugin_parse_spec(const char *spec, char **path, int *argc, char ***argv)
{
    *path = NULL;
    *argc = 0;
    *argv = NULL;
    size_t n = strcspn(spec, ",");
    if (!n)
        return false;
    *path = strndup(spec, n);
    int cnt = 0;
    for (const char *s = spec + n; *s; s++)
        cnt += *s == ',';
    char **v = calloc((size_t)cnt + 1, sizeof *v);
    if (!*path || !v) {
        free(v);
        free(*path);
        *path = NULL;
        return false;
    }
    const char *s = spec + n;
    int k = 0;
    while (*s == ',') {
        s++;
        size_t m = strcspn(s, ",");
        const char *item = s;
        if (m >= 4 && !strncmp(item, "arg=", 4)) {
            item += 4;
            m -= 4;
        }
        if (m)
            v[k++] = strndup(item, m);
        s = item + m;
    }
    *argc = k;
    *argv = v;
    return true;
}

bool trace_plugin_host_load(trace_plugin_host *h, const char *spec, char *err, size_t err_len)
{
    char *path, **argv;
    int argc;
    if (!trace_plugin_parse_spec(spec, &path, &argc, &argv)) {
        snprintf(err, err_len, "-plugin '%s': expected FILE.so[,arg=...]", spec);
        return false;
    }
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        snprintf(err, err_len, "-plugin %s: %s", path, dlerror());
        trace_plugin_free_args(path, argc, argv);
        return false;
    }
    const uint32_t *ver = dlsym(dl, "cosim_plugin_version");
    int (*install)(cosim_plugin_ctx *, const cosim_plugin_info *, int, char **);
    *(void **)&install = dlsym(dl, "cosim_plugin_install");
    const char *why = NULL;
    if (!ver || !install)
        why = "does not export cosim_plugin_version and cosim_plugin_install";
    else if (*ver > COSIM_PLUGIN_API_VERSION || *ver < COSIM_PLUGIN_API_MIN_VERSION)
        why = "was built for an unsupported plugin API version";
    trace_plugin *p = NULL;
    trace_plugin **list = NULL;
    if (!why) {
        p = calloc(1, sizeof *p);
        list = realloc(h->plugins, (h->n_plugins + 1) * sizeof *list);
        if (!p || !list)
            why = "out of memory";
        if (list)
            h->plugins = list;
    }
    if (!why) {
        p->pub.api = &host_api;
        p->host = h;
        p->dl = dl;
        p->path = path;
        if (install(&p->pub, &h->info, argc, argv) != 0)
            why = "refused to install (bad arguments?)";
    }
    if (why) {
        if (ver && why[0] == 'w')
            snprintf(err, err_len, "-plugin %s %s (plugin %u, host %u..%u)", path, why, *ver,
                     COSIM_PLUGIN_API_MIN_VERSION, COSIM_PLUGIN_API_VERSION);
        else
            snprintf(err, err_len, "-plugin %s %s", path, why);
        free(p);
        dlclose(dl);
        trace_plugin_free_args(path, argc, argv);
        return false;
    }
    h->plugins[h->n_plugins++] = p;
    trace_plugin_free_args(NULL, argc, argv);
    return true;
}

bool trace_plugin_host_active(const trace_plugin_host *h)
{
    for (size_t i = 0; i < h->n_plugins; i++)
        if (h->plugins[i]->tb_trans)
            return true;
    return false;
}

void trace_plugin_tb_instr_free(trace_plugin_tb_instr *instr)
{
    if (!instr)
        return;
    free(instr->tb_exec.v);
    for (size_t i = 0; i < instr->n_insns; i++) {
        free(instr->insn_exec[i].v);
        free(instr->mem[i].v);
    }
    free(instr->insn_exec);
    free(instr->mem);
    free(instr->insn_vaddr);
    free(instr);
}

trace_plugin_tb_instr *trace_plugin_tb_translate(trace_plugin_host *h, uint64_t vaddr,
                                                 const trace_insn *insns, size_t n)
{
    if (!trace_plugin_host_active(h))
        return NULL;
    trace_plugin_tb_instr *instr = calloc(1, sizeof *instr);
    host_tb tb = { .pub = { &host_api }, .instr = instr, .insns = insns };
    if (!instr)
        return NULL;
    instr->vaddr = vaddr;
    instr->n_insns = n;
    instr->insn_exec = calloc(n ? n : 1, sizeof *instr->insn_exec);
    instr->mem = calloc(n ? n : 1, sizeof *instr->mem);
    instr->insn_vaddr = calloc(n ? n : 1, sizeof *instr->insn_vaddr);
    tb.hinsns = calloc(n ? n : 1, sizeof *tb.hinsns);
    if (!instr->insn_exec || !instr->mem || !instr->insn_vaddr || !tb.hinsns) {
        free(tb.hinsns);
        trace_plugin_tb_instr_free(instr);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        tb.hinsns[i] = (host_insn){ { &host_api }, &tb, i };
        instr->insn_vaddr[i] = insns[i].pc;
    }
    for (size_t i = 0; i < h->n_plugins; i++)
        if (h->plugins[i]->tb_trans)
            h->plugins[i]->tb_trans(&h->plugins[i]->pub, h->plugins[i]->tb_trans_udata, &tb.pub);
    free(tb.hinsns);
    if (!tb.used) {
        trace_plugin_tb_instr_free(instr);
        return NULL;
    }
    return instr;
}

void trace_plugin_tb_exec(const trace_plugin_tb_instr *instr, unsigned cpu)
{
    for (uint32_t k = 0; k < instr->tb_exec.n; k++)
        ((cosim_plugin_exec_cb)instr->tb_exec.v[k].fn)(cpu, instr->tb_exec.v[k].udata);
}

void trace_plugin_insn_exec(const trace_plugin_tb_instr *instr, size_t i, unsigned cpu)
{
    const trace_plugin_cb_list *l = &instr->insn_exec[i];
    for (uint32_t k = 0; k < l->n; k++)
        ((cosim_plugin_exec_cb)l->v[k].fn)(cpu, l->v[k].udata);
}

void trace_plugin_mem(const trace_plugin_tb_instr *instr, size_t i, unsigned cpu, uint64_t vaddr,
                      unsigned size, bool is_store, uint64_t value)
{
    const trace_plugin_cb_list *l = &instr->mem[i];
    cosim_plugin_mem_info info = { vaddr, value, (uint8_t)size, is_store };
    for (uint32_t k = 0; k < l->n; k++)
        if (l->v[k].rw & (is_store ? COSIM_PLUGIN_MEM_W : COSIM_PLUGIN_MEM_R))
            ((cosim_plugin_mem_cb)l->v[k].fn)(cpu, &info, l->v[k].udata);
}

void trace_plugin_exception(trace_plugin_host *h, unsigned cpu, const trace_exc *e)
{
    cosim_plugin_exc_info info = { e->number, e->name, e->return_addr, e->handler };
    for (size_t i = 0; i < h->n_plugins; i++)
        if (h->plugins[i]->exc)
            h->plugins[i]->exc(cpu, &info, h->plugins[i]->exc_udata);
}

void trace_plugin_host_exit(trace_plugin_host *h)
{
    for (size_t i = 0; i < h->n_plugins; i++) {
        trace_plugin *p = h->plugins[i];
        if (p->at_exit) {
            cosim_plugin_exit_cb cb = p->at_exit;
            p->at_exit = NULL;   /* once */
            cb(&p->pub, p->exit_udata);
        }
    }
}

void trace_plugin_host_free(trace_plugin_host *h)
{
    for (size_t i = 0; i < h->n_plugins; i++) {
        dlclose(h->plugins[i]->dl);
        free(h->plugins[i]->path);
        free(h->plugins[i]);
    }
    free(h->plugins);
    h->plugins = NULL;
    h->n_plugins = 0;
}
