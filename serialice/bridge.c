/*
 * SerialICE bridge core (policy in bridge.h): rules -> destinations ->
 * rewrite -> log.  No SystemC, no target knowledge: addresses, sizes and
 * the guest PC come from the caller.
 */
#include "serialice/bridge.h"

#include <stdio.h>
#include <string.h>

void sice_bridge_init(sice_bridge *b, sice_client *client, const sice_rules *rules,
                      sice_log *log, sice_sim_access_fn sim, void *sim_opaque)
{
    memset(b, 0, sizeof *b);
    b->client = client;
    b->rules = rules;
    b->log = log;
    b->sim = sim;
    b->sim_opaque = sim_opaque;
}

static sice_status halt(sice_bridge *b, const char *msg, uint32_t pc)
{
    b->stopped = true;
    snprintf(b->stop_msg, sizeof b->stop_msg, "%s", msg);
    if (b->log) {
        /* An 'I' (information) line naming the failure, then the flush.  A
         * log that cannot be written is reported in the stop message. */
        sice_status ls = sice_log_info(b->log, pc, msg);
        if (sice_log_flush(b->log) != SICE_OK || ls != SICE_OK) {
            size_t n = strlen(b->stop_msg);
            snprintf(b->stop_msg + n, sizeof b->stop_msg - n, " (and the log %s could not be "
                     "written)", b->log->path);
        }
    }
    return SICE_ERR_STOPPED;
}

static sice_status hw(sice_bridge *b, sice_space space, uint64_t addr, unsigned size,
                      bool is_write, uint64_t *val, uint32_t pc)
{
    if (!b->client)
        return halt(b, "serialice: access routed to hardware but no board is connected", pc);
    if (space == SICE_SPACE_MEM && addr > 0xffffffffull) {
        char m[128];
        snprintf(m, sizeof m, "serialice: address 0x%llx does not fit the 32-bit wire format",
                 (unsigned long long)addr);
        return halt(b, m, pc);
    }
    sice_status st;
    if (space == SICE_SPACE_MEM)
        st = is_write ? sice_write_mem(b->client, (uint32_t)addr, size, *val)
                      : sice_read_mem(b->client, (uint32_t)addr, size, val);
    else
        st = is_write ? sice_write_io(b->client, (uint16_t)addr, size, *val)
                      : sice_read_io(b->client, (uint16_t)addr, size, val);
    if (st == SICE_OK) {
        b->to_hw++;
        return SICE_OK;
    }
    if (st == SICE_ERR_ARG) {
        char m[128];
        snprintf(m, sizeof m, "serialice: %s of size %u cannot be forwarded",
                 space == SICE_SPACE_IO ? "I/O access" : "memory access", size);
        return halt(b, m, pc);
    }
    const char *why = sice_client_error(b->client);
    return halt(b, why[0] ? why : "serialice: the board stopped answering", pc);
}

sice_status sice_bridge_access(sice_bridge *b, sice_space space, uint64_t addr, unsigned size,
                               bool is_write, uint64_t *val, uint32_t pc)
{
    if (b->stopped)
        return SICE_ERR_STOPPED;
    uint64_t m = size >= 8 ? ~0ull : (1ull << (size * 8)) - 1;
    const sice_rule *rule = b->rules ? sice_rules_match(b->rules, space, addr) : NULL;
    sice_route route = rule ? rule->route : SICE_ROUTE_SIM;
    sice_log_entry e = {
        .kind = space == SICE_SPACE_IO ? (is_write ? SICE_LOG_IO_WRITE : SICE_LOG_IO_READ)
                                       : (is_write ? SICE_LOG_MEM_WRITE : SICE_LOG_MEM_READ),
        .addr = addr, .size = size, .pc = pc,
        .flags = (rule ? 0 : SICE_LOG_UNKNOWN) |
                 (route & SICE_ROUTE_HW ? SICE_LOG_HW : 0) |
                 (route & SICE_ROUTE_SIM ? SICE_LOG_SIM : 0),
        .name = rule ? rule->name : NULL,
    };
    sice_status st;
    bool sim_ok = true;
    if (is_write) {
        uint64_t v = sice_rule_apply(rule, true, size, *val);
        if (v != (*val & m))
            e.flags |= SICE_LOG_FAKED;
        if ((route & SICE_ROUTE_HW) && (st = hw(b, space, addr, size, true, &v, pc)) != SICE_OK)
            return st;
        if (route & SICE_ROUTE_SIM) {
            b->to_sim++;
            sim_ok = b->sim && b->sim(b->sim_opaque, space, addr, size, true, &v);
        }
        e.val = v;
    } else {
        uint64_t sv = 0, hv = 0;
        if (route & SICE_ROUTE_SIM) {
            b->to_sim++;
            sim_ok = b->sim && b->sim(b->sim_opaque, space, addr, size, false, &sv);
        }
        if ((route & SICE_ROUTE_HW) && (st = hw(b, space, addr, size, false, &hv, pc)) != SICE_OK)
            return st;
        uint64_t raw = (route & SICE_ROUTE_HW ? hv : sv) & m;
        uint64_t v = sice_rule_apply(rule, false, size, raw);
        if (v != raw)
            e.flags |= SICE_LOG_FAKED;
        *val = v;
        e.val = v;
        if (route == SICE_ROUTE_BOTH)
            sim_ok = true;  /* the board answered: its value stands */
    }
    if (b->log && sice_log_write(b->log, &e, NULL) != SICE_OK)
        return halt(b, "serialice: cannot write the access log", pc);
    return sim_ok ? SICE_OK : SICE_ERR_IO;
}

sice_status sice_bridge_finish(sice_bridge *b)
{
    return b->log ? sice_log_flush(b->log) : SICE_OK;
}
