/*
 * Trace hub (fan-out of events to sinks) and small helpers shared by the
 * sinks.  See trace-events.h for the event contract.
 */
#include <stdio.h>
#include <string.h>

#include "traces/trace-events.h"

static uint32_t sink_want(const trace_sink_ops *ops)
{
    uint32_t w = 0;
    if (ops->insn) w |= TRACE_WANT_INSN;
    if (ops->reg)  w |= TRACE_WANT_REG;
    if (ops->mem)  w |= TRACE_WANT_MEM;
    if (ops->exc)  w |= TRACE_WANT_EXC;
    if (ops->bus)  w |= TRACE_WANT_BUS;
    return w;
}

void trace_hub_init(trace_hub *hub)
{
    memset(hub, 0, sizeof *hub);
}

bool trace_hub_add(trace_hub *hub, trace_sink sink)
{
    if (hub->n_sinks >= TRACE_HUB_MAX_SINKS || !sink.ops)
        return false;
    hub->sinks[hub->n_sinks++] = sink;
    hub->want |= sink_want(sink.ops);
    return true;
}

bool trace_hub_finish(trace_hub *hub)
{
    bool ok = true;
    for (unsigned i = 0; i < hub->n_sinks; i++)
        if (hub->sinks[i].ops->finish && !hub->sinks[i].ops->finish(hub->sinks[i].opaque))
            ok = false;
    return ok;
}

static void hub_insn(void *o, const trace_insn *e) { trace_hub_insn(o, e); }
static void hub_reg(void *o, const trace_reg *e) { trace_hub_reg(o, e); }
static void hub_mem(void *o, const trace_mem *e) { trace_hub_mem(o, e); }
static void hub_exc(void *o, const trace_exc *e) { trace_hub_exc(o, e); }
static void hub_bus(void *o, const trace_bus *e) { trace_hub_bus(o, e); }
static bool hub_finish(void *o) { return trace_hub_finish(o); }

static const trace_sink_ops hub_ops = {
    .name = "hub", .insn = hub_insn, .reg = hub_reg, .mem = hub_mem,
    .exc = hub_exc, .bus = hub_bus, .finish = hub_finish,
};

trace_sink trace_hub_as_sink(trace_hub *hub)
{
    return (trace_sink){ &hub_ops, hub };
}

void trace_insn_disas(const trace_insn *e, char *buf, size_t len)
{
    if (!len)
        return;
    buf[0] = 0;
    if (e->disas_text)
        snprintf(buf, len, "%s", e->disas_text);
    else if (e->disas)
        e->disas(e->disas_opaque, e, buf, len);
}

void trace_arm_reg_name(unsigned regno, const char *mode, char *buf, size_t len)
{
    char m[4] = "usr";
    if (mode && strlen(mode) >= 3) {
        memcpy(m, mode, 3);
        m[3] = 0;
    }
    /* ARM ARM (ARMv5) A2.3: r13-r14 are banked in every privileged mode
     * except System; r8-r12 additionally in FIQ mode. */
    bool banked = false;
    if (strcmp(m, "usr") != 0 && strcmp(m, "sys") != 0) {
        if (regno == 13 || regno == 14)
            banked = true;
        else if (regno >= 8 && regno <= 12 && strcmp(m, "fiq") == 0)
            banked = true;
    }
    if (banked)
        snprintf(buf, len, "r%u_%s", regno, m);
    else
        snprintf(buf, len, "r%u", regno);
}
