/*
 * tlmb::CpuInitiator against a scripted stand-in for the tcg CPU loop.
 *
 * This binary does NOT link tcg: it defines the five tcg functions the
 * bridge calls (tcg_cpu_exec, tcg_cpu_cut_budget, tcg_cpu_set_interrupt,
 * tcg_cpu_insn_cycles, tcg_tlb_flush) with a tiny "CPU" that runs a script of steps, each with
 * a known cycle cost, through the real bus port.  That pins the bridge's
 * timing exactly: quantum boundaries, the local time annotated on each
 * access, stall cycles, WFI sleeping, stop, DMI caching/invalidation.
 * The real CPU is exercised by cpu_initiator_arm_test.cc.
 */
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "tlm-bridge/cpu-initiator.h"
#include "tlm-bridge/memory.h"
#include "tlm-bridge/periph-target.h"
#include "tlm-bridge/router.h"
#include "tlm_test_util.h"

using namespace sc_core;
using tlmtest::RecTarget;

namespace {

struct Step {
    enum Kind { ALU, LD, ST, WFI, STOP, IRQ_SEEN, DMI, CALL, DBG_RD } kind;
    uint64_t a = 0, v = 0;
};

struct FakeCpu {
    tcg_cpu common;           /* first, as for a real target */
    std::vector<Step> prog;
    size_t pc = 0;
    std::vector<uint64_t> loads;
    std::vector<tcg_bus_status> status;
    std::vector<uint32_t> irq_seen;
    std::vector<tcg_dmi> dmis;
    std::vector<bool> dmi_ok;
    std::vector<std::function<void()>> calls;
    std::vector<uint64_t> dbg_len;
    unsigned flushes = 0;
    std::function<bool()> accepts;   /* NULL: any request ends a halt */
    FakeCpu() { std::memset(&common, 0, sizeof common); }
};

FakeCpu *fake(tcg_cpu *c) { return reinterpret_cast<FakeCpu *>(c); }

} // namespace

extern "C" {

tcg_exit_reason tcg_cpu_exec(tcg_cpu *c, uint64_t budget)
{
    FakeCpu *f = fake(c);
    if (c->halted) {
        if (!c->interrupt_request)
            return TCG_EXIT_HALTED;
        c->halted = false;
    }
    c->in_exec = true;
    c->budget_end = c->cycles + budget;
    tcg_exit_reason r = TCG_EXIT_BUDGET;
    while (c->cycles < c->budget_end) {
        if (f->pc >= f->prog.size()) {
            c->exited = true;
            r = TCG_EXIT_STOP;
            break;
        }
        const Step s = f->prog[f->pc++];
        uint64_t val = s.v, stall = 0;
        switch (s.kind) {
        case Step::ALU:
            c->cycles += s.a;      /* a whole "TB": may overshoot the budget */
            break;
        case Step::LD:
        case Step::ST:
            f->status.push_back(c->bus.ops->access(c->bus.opaque, s.a, 4, s.kind == Step::ST, &val,
                                                   c->cycles, &stall));
            c->cycles += 1 + stall;
            if (s.kind == Step::LD)
                f->loads.push_back(val);
            break;
        case Step::WFI:
            c->cycles += 1;
            c->halted = true;
            c->in_exec = false;
            return TCG_EXIT_HALTED;
        case Step::STOP:
            c->exited = true;
            c->exit_code = static_cast<int>(s.v);
            c->in_exec = false;
            return TCG_EXIT_STOP;
        case Step::IRQ_SEEN:
            f->irq_seen.push_back(c->interrupt_request);
            break;
        case Step::DMI: {
            tcg_dmi d = {};
            f->dmi_ok.push_back(c->bus.ops->get_dmi(c->bus.opaque, s.a, s.v != 0, &d));
            f->dmis.push_back(d);
            break;
        }
        case Step::CALL:
            f->calls[s.a]();
            break;
        case Step::DBG_RD: {
            std::vector<uint8_t> buf(s.v);
            f->dbg_len.push_back(c->bus.ops->debug_access(c->bus.opaque, s.a, buf.data(), s.v, false));
            break;
        }
        }
    }
    c->in_exec = false;
    return r;
}

void tcg_cpu_cut_budget(tcg_cpu *c, uint64_t end)
{
    if (end < c->budget_end)
        c->budget_end = end;
}

void tcg_cpu_set_interrupt(tcg_cpu *c, uint32_t mask, bool level)
{
    if (level)
        c->interrupt_request |= mask;
    else
        c->interrupt_request &= ~mask;
}

/* as for ARM WFI, unless a test makes the CPU refuse requests (as an
 * SH-4 in SLEEP does below SR.IMASK) */
bool tcg_cpu_has_work(tcg_cpu *c)
{
    const FakeCpu *f = fake(c);
    return c->interrupt_request != 0 && (!f->accepts || f->accepts());
}

uint64_t tcg_cpu_insn_cycles(const tcg_cpu *c) { return c->cycles; }

void tcg_tlb_flush(tcg_cpu *c) { fake(c)->flushes++; }

} // extern "C"

namespace {

constexpr uint64_t kDev = 0x10000000;

struct Bench {
    FakeCpu f;
    tlmb::CpuInitiator cpu{"cpu", &f.common, sc_time(5, SC_NS)};   /* 200 MHz */
    tlmb::Router bus{"bus"};
    tlmb::Memory ram{"ram", 0x10000, false};
    tlmb::Memory ram2{"ram2", 0x1000, false};
    RecTarget dev{"dev"};
    explicit Bench(sc_time quantum)
    {
        tlm_utils::tlm_quantumkeeper::set_global_quantum(quantum);
        cpu.socket.bind(bus.target_socket);
        std::string err;
        EXPECT_TRUE(bus.map(ram.socket, 0, 0x10000, "ram", &err)) << err;
        EXPECT_TRUE(bus.map(ram2.socket, 0x10000, 0x1000, "ram2", &err)) << err;
        EXPECT_TRUE(bus.map(dev.socket, kDev, 0x100, "dev", &err)) << err;
    }
    void add(Step::Kind k, uint64_t a = 0, uint64_t v = 0) { f.prog.push_back(Step{k, a, v}); }
};

} // namespace

TEST(cpu_initiator, syncs_at_quantum_boundaries)
{
    Bench b(sc_time(10, SC_US));   /* 2000 cycles */
    for (int i = 0; i < 10; i++)
        b.add(Step::ALU, 1000);
    b.add(Step::STOP, 0, 3);
    std::vector<sc_time> seen;
    /* an observer in the middle of each quantum finds the CPU already at
     * the quantum's end: it runs ahead, a quantum at a time */
    sc_spawn([&] {
        wait(5, SC_US);
        for (int i = 0; i < 5; i++) {
            seen.push_back(sc_time::from_value(b.f.common.cycles * 5000));
            wait(10, SC_US);
        }
    });
    sc_start(1, SC_MS);
    EXPECT_EQ(sc_time_stamp(), sc_time(50, SC_US));   /* 10000 cycles, then sc_stop() */
    EXPECT_TRUE(b.cpu.stopped());
    EXPECT_EQ(b.f.common.exit_code, 3);
    EXPECT_EQ(b.cpu.stat_syncs(), 5u);
    ASSERT_EQ(seen.size(), 5u);
    for (int i = 0; i < 5; i++)
        EXPECT_EQ(seen[i], sc_time(10 * (i + 1), SC_US)) << i;
}

TEST(cpu_initiator, overshooting_tbs_realign_to_the_quantum_grid)
{
    Bench b(sc_time(10, SC_US));
    b.cpu.set_lookahead(false);    /* nothing else runs: it would not sync at all */
    for (int i = 0; i < 4; i++)
        b.add(Step::ALU, 1500);    /* 7.5 us each */
    sc_start(1, SC_MS);
    /* syncs at 15 us (two TBs), 22.5 us (one TB: 5 us left in the
     * quantum), 30 us; stop at 30 us */
    EXPECT_EQ(sc_time_stamp(), sc_time(30, SC_US));
    EXPECT_EQ(b.cpu.stat_syncs(), 3u);
}

TEST(cpu_initiator, lookahead_runs_on_to_the_next_pending_event)
{
    Bench b(sc_time(10, SC_US));   /* 2000 cycles; the TBs are 1000 (5 us) */
    for (int i = 0; i < 20; i++)
        b.add(Step::ALU, 1000);
    b.add(Step::STOP);
    std::vector<sc_time> seen;
    sc_spawn([&] {
        wait(42, SC_US);
        seen.push_back(sc_time::from_value(b.f.common.cycles * 5000));
        wait(30, SC_US);
        seen.push_back(sc_time::from_value(b.f.common.cycles * 5000));
    });
    sc_start(1, SC_MS);
    /* the CPU syncs at the first quantum boundary at or after each event,
     * as with a fixed quantum, but skips the boundaries in between, and
     * runs to the end without syncing: nothing else is pending.  The
     * first slice ends at the first boundary (10 us): the observer
     * thread, spawned before sc_start, is still runnable at time 0. */
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0], sc_time(50, SC_US));
    EXPECT_EQ(seen[1], sc_time(80, SC_US));
    EXPECT_EQ(sc_time_stamp(), sc_time(100, SC_US));
    EXPECT_EQ(b.cpu.stat_syncs(), 4u);   /* 10, 50, 80 us and the stop (10 with a fixed quantum) */
}

TEST(cpu_initiator, lookahead_is_capped)
{
    Bench b(sc_time(10, SC_US));
    for (int i = 0; i < 25; i++)
        b.add(Step::ALU, 20000);   /* 100 us each, 2.5 ms in all */
    b.add(Step::STOP);
    sc_start(10, SC_MS);
    EXPECT_EQ(b.cpu.max_lookahead(), sc_time(1, SC_MS));
    EXPECT_EQ(sc_time_stamp(), sc_time(2500, SC_US));
    EXPECT_EQ(b.cpu.stat_syncs(), 3u);   /* at 1 ms, 2 ms and the stop */
}

namespace {
/* a one-shot timer: writing v arms it to fire v ns later (in the CPU's
 * time); firing raises output 0, which stays high */
struct Shot { periph_irq out; const periph_host *h; periph_timer *t; };
const periph_model shot_model = {
    "test,oneshot", "oneshot", sizeof(Shot), 0x10, 1, 0, false,
    [](void *st, const periph_host *h, const periph_props *, const periph_irq *irq, char *, size_t) {
        Shot *s = static_cast<Shot *>(st);
        s->out = irq[0];
        s->h = h;
        s->t = h->ops->timer_new(h->ctx, [](void *o) { periph_irq_set(&static_cast<Shot *>(o)->out, true); }, s);
        return s->t != nullptr;
    },
    nullptr,
    [](void *, uint64_t, unsigned, uint64_t *v) { *v = 0; return PERIPH_OK; },
    [](void *st, uint64_t, unsigned, uint64_t v) {
        Shot *s = static_cast<Shot *>(st);
        s->h->ops->timer_mod(s->h->ctx, s->t, periph_now_ns(s->h) + v);
        return PERIPH_OK;
    },
    nullptr, nullptr, nullptr, false, nullptr,
};

/* Index of the first IRQ_SEEN step that saw the interrupt, for a CPU
 * that arms the one-shot for 3 us at 0.5 us and then runs 0.5 us TBs,
 * each followed by an IRQ_SEEN. */
size_t first_irq_step(bool lookahead)
{
    Bench b(sc_time(10, SC_US));
    b.cpu.set_lookahead(lookahead);
    tlmb::PeriphTarget shot("shot", &shot_model, nullptr);
    std::string err;
    EXPECT_TRUE(shot.init(nullptr, &err)) << err;
    EXPECT_TRUE(b.bus.map(shot.socket, 0x20000000, 0x10, "shot", &err)) << err;
    b.cpu.connect_irq(shot.irq_out(0));
    b.add(Step::ALU, 100);
    b.add(Step::ST, 0x20000000, 3000);
    for (int i = 0; i < 40; i++) {
        b.add(Step::ALU, 100);
        b.add(Step::IRQ_SEEN);
    }
    b.add(Step::STOP);
    sc_start(1, SC_MS);
    for (size_t i = 0; i < b.f.irq_seen.size(); i++)
        if (b.f.irq_seen[i])
            return i;
    return SIZE_MAX;
}
} // namespace

/* Each test is its own process (one SystemC kernel each): the pair shows
 * the same step with and without lookahead. */
TEST(cpu_initiator, an_event_scheduled_by_an_access_is_seen_at_the_quantum_boundary)
{
    /* the timer fires at 3.5 us; the CPU sees it after its sync at the
     * quantum's end, 10 us, reached by the 19th TB after the store */
    EXPECT_EQ(first_irq_step(false), 18u);
}

TEST(cpu_initiator, an_event_scheduled_by_an_access_cuts_the_lookahead)
{
    /* Nothing is pending when the slice starts, so the CPU may run 1 ms
     * ahead; the store schedules the timer, and the budget is cut back to
     * the quantum boundary: the same step as with a fixed quantum. */
    EXPECT_EQ(first_irq_step(true), 18u);
}

TEST(cpu_initiator, accesses_carry_the_local_time_of_their_instruction)
{
    Bench b(sc_time(1, SC_MS));
    b.add(Step::ALU, 100);
    b.add(Step::ST, kDev + 0x10, 7);
    b.add(Step::ALU, 300);
    b.add(Step::LD, kDev + 0x10);
    b.add(Step::STOP);
    sc_start(1, SC_MS);
    ASSERT_EQ(b.dev.log.size(), 2u);
    EXPECT_EQ(b.dev.log[0].stamp, SC_ZERO_TIME);            /* decoupled: SystemC still at 0 */
    EXPECT_EQ(b.dev.log[0].delay, sc_time(500, SC_NS));     /* 100 cycles */
    EXPECT_EQ(b.dev.log[0].addr, 0x10u);
    EXPECT_EQ(b.dev.log[1].delay, sc_time(2005, SC_NS));    /* 100 + 1 + 300 cycles */
    ASSERT_EQ(b.f.loads.size(), 1u);
    EXPECT_EQ(b.f.loads[0], 7u);
    EXPECT_EQ(sc_time_stamp(), sc_time(2010, SC_NS));       /* 402 cycles at the stop */
}

TEST(cpu_initiator, target_latency_becomes_stall_cycles)
{
    Bench b(sc_time(1, SC_MS));
    b.dev.latency = sc_time(12, SC_NS);   /* rounds up to 3 cycles */
    b.add(Step::ST, kDev, 1);
    b.add(Step::ST, kDev, 2);
    b.add(Step::STOP);
    sc_start(1, SC_MS);
    ASSERT_EQ(b.dev.log.size(), 2u);
    EXPECT_EQ(b.dev.log[0].delay, SC_ZERO_TIME);
    EXPECT_EQ(b.dev.log[1].delay, sc_time(20, SC_NS));    /* 1 + 3 cycles */
    EXPECT_EQ(b.f.common.cycles, 8u);
}

TEST(cpu_initiator, response_status_maps_to_bus_status)
{
    Bench b(sc_time(1, SC_MS));
    b.add(Step::LD, 0x20000000);          /* nothing there */
    b.add(Step::LD, kDev + 0xfe);         /* runs past the window */
    b.add(Step::CALL, 0);
    b.add(Step::ST, kDev, 1);
    b.add(Step::LD, 0x100);               /* RAM through b_transport works too */
    b.add(Step::STOP);
    b.f.calls.push_back([&] { b.dev.answer = tlm::TLM_GENERIC_ERROR_RESPONSE; });
    sc_start(1, SC_MS);
    ASSERT_EQ(b.f.status.size(), 4u);
    EXPECT_EQ(b.f.status[0], TCG_BUS_DECODE_ERROR);
    EXPECT_EQ(b.f.status[1], TCG_BUS_DECODE_ERROR);
    EXPECT_EQ(b.f.status[2], TCG_BUS_ERROR);
    EXPECT_EQ(b.f.status[3], TCG_BUS_OK);
}

TEST(cpu_initiator, dmi_grants_are_cached_and_invalidated)
{
    Bench b(sc_time(1, SC_MS));
    b.add(Step::DMI, 0x1234, 1);
    b.add(Step::DMI, 0xfff0, 0);          /* same grant: no new request */
    b.add(Step::DMI, kDev, 0);            /* the device refuses */
    b.add(Step::CALL, 0);                 /* RAM invalidates [0x100, 0x1ff] */
    b.add(Step::DMI, 0x40, 0);            /* asks again */
    b.add(Step::DMI, 0x10004, 1);         /* second memory, translated */
    b.add(Step::STOP);
    b.f.calls.push_back([&] { b.ram.socket->invalidate_direct_mem_ptr(0x100, 0x1ff); });
    sc_start(1, SC_MS);
    ASSERT_EQ(b.f.dmi_ok.size(), 5u);
    EXPECT_TRUE(b.f.dmi_ok[0]);
    EXPECT_EQ(b.f.dmis[0].host, b.ram.data());
    EXPECT_EQ(b.f.dmis[0].start, 0u);
    EXPECT_EQ(b.f.dmis[0].end, 0xffffu);
    EXPECT_TRUE(b.f.dmis[0].can_write);
    EXPECT_TRUE(b.f.dmi_ok[1]);
    EXPECT_FALSE(b.f.dmi_ok[2]);
    EXPECT_EQ(b.dev.dmi_requests, 1u);
    EXPECT_EQ(b.f.flushes, 1u);
    EXPECT_EQ(b.cpu.stat_dmi_invalidations(), 1u);
    EXPECT_TRUE(b.f.dmi_ok[3]);
    EXPECT_TRUE(b.f.dmi_ok[4]);
    EXPECT_EQ(b.f.dmis[4].host, b.ram2.data());
    EXPECT_EQ(b.f.dmis[4].start, 0x10000u);
    EXPECT_EQ(b.f.dmis[4].end, 0x10fffu);
    EXPECT_EQ(b.cpu.stat_dmi_grants(), 3u);   /* first, after invalidation, ram2 */
}

TEST(cpu_initiator, dmi_latency_is_reported_in_cycles)
{
    FakeCpu f;
    tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_time(1, SC_MS));
    tlmb::CpuInitiator cpu("cpu", &f.common, sc_time(5, SC_NS));
    tlmb::Memory slow("slow", 0x1000, false, sc_time(11, SC_NS), sc_time(20, SC_NS));
    cpu.socket.bind(slow.socket);
    f.prog.push_back(Step{Step::DMI, 0x10, 0});
    sc_start(1, SC_MS);
    ASSERT_EQ(f.dmis.size(), 1u);
    EXPECT_EQ(f.dmis[0].read_latency_cycles, 3u);
    EXPECT_EQ(f.dmis[0].write_latency_cycles, 4u);
}

TEST(cpu_initiator, wfi_sleeps_until_an_interrupt)
{
    Bench b(sc_time(10, SC_US));
    sc_signal<bool> irq("irq");
    b.cpu.connect_irq(irq);
    b.add(Step::ALU, 10);
    b.add(Step::WFI);
    b.add(Step::IRQ_SEEN);
    b.add(Step::ST, kDev, 1);
    b.add(Step::STOP);
    sc_spawn([&] {
        wait(37, SC_US);
        irq.write(true);
    });
    sc_start(1, SC_MS);
    ASSERT_EQ(b.dev.log.size(), 1u);
    /* the store right after the wake-up happens at 37 us */
    EXPECT_EQ(b.dev.log[0].stamp + b.dev.log[0].delay, sc_time(37, SC_US));
    ASSERT_EQ(b.f.irq_seen.size(), 1u);
    EXPECT_EQ(b.f.irq_seen[0], static_cast<uint32_t>(TCG_INTERRUPT_HARD));
    /* asleep, the CPU did not run a quantum at a time: one sync before
     * sleeping, one at the stop */
    EXPECT_EQ(b.cpu.stat_syncs(), 2u);
}

TEST(cpu_initiator, a_sleep_with_a_refused_request_wakes_when_the_cpu_accepts_one)
{
    /* The line is high from the start, but the CPU refuses the request
     * (an SH-4 in SLEEP below SR.IMASK); at 37 us a higher source comes up
     * behind the same line (here: the CPU starts accepting) while the
     * line does not change.  The CPU must wake then, not sleep forever. */
    Bench b(sc_time(10, SC_US));
    sc_signal<bool> irq("irq");
    b.cpu.connect_irq(irq);
    bool higher = false;
    b.f.accepts = [&] { return higher; };
    b.add(Step::ALU, 10);
    b.add(Step::WFI);
    b.add(Step::ST, kDev, 1);
    b.add(Step::STOP);
    sc_spawn([&] {
        irq.write(true);
        wait(37, SC_US);
        higher = true;
        wait(SC_ZERO_TIME);   /* as an interrupt controller updates in a delta */
    });
    sc_start(1, SC_MS);
    ASSERT_EQ(b.dev.log.size(), 1u);
    EXPECT_EQ(b.dev.log[0].stamp + b.dev.log[0].delay, sc_time(37, SC_US));
    EXPECT_TRUE(b.cpu.stopped());
}

TEST(cpu_initiator, halted_without_wakeup_source_ends_the_simulation)
{
    Bench b(sc_time(10, SC_US));
    b.add(Step::ALU, 100);
    b.add(Step::WFI);
    b.add(Step::STOP);
    sc_start();
    /* starvation: sc_start returns before its limit, the CPU never stopped */
    EXPECT_EQ(sc_time_stamp(), sc_time(505, SC_NS));
    EXPECT_FALSE(b.cpu.stopped());
    EXPECT_TRUE(b.f.common.halted);
}

namespace {
/* a one-register device: writing it sets output 0 to the value */
struct Lvl { periph_irq out; };
const periph_model lvl_model = {
    "test,level", "level", sizeof(Lvl), 0x10, 1, 0, false,
    [](void *s, const periph_host *, const periph_props *, const periph_irq *irq, char *, size_t) {
        static_cast<Lvl *>(s)->out = irq[0];
        return true;
    },
    nullptr,
    [](void *, uint64_t, unsigned, uint64_t *v) { *v = 0; return PERIPH_OK; },
    [](void *s, uint64_t, unsigned, uint64_t v) {
        periph_irq_set(&static_cast<Lvl *>(s)->out, v != 0);
        return PERIPH_OK;
    },
    nullptr, nullptr, nullptr, false, nullptr,
};
} // namespace

TEST(cpu_initiator, interrupt_raised_by_a_register_write_is_seen_by_the_next_instruction)
{
    Bench b(sc_time(1, SC_MS));   /* no quantum boundary anywhere near */
    tlmb::PeriphTarget lvl("lvl", &lvl_model, nullptr);
    std::string err;
    ASSERT_TRUE(lvl.init(nullptr, &err)) << err;
    ASSERT_TRUE(b.bus.map(lvl.socket, 0x20000000, 0x10, "lvl", &err)) << err;
    b.cpu.connect_irq(lvl.irq_out(0));
    b.add(Step::ALU, 50);
    b.add(Step::IRQ_SEEN);
    b.add(Step::ST, 0x20000000, 1);
    b.add(Step::IRQ_SEEN);
    b.add(Step::ALU, 50);
    b.add(Step::ST, 0x20000000, 0);
    b.add(Step::IRQ_SEEN);
    b.add(Step::STOP);
    sc_start(1, SC_MS);
    ASSERT_EQ(b.f.irq_seen.size(), 3u);
    EXPECT_EQ(b.f.irq_seen[0], 0u);
    EXPECT_EQ(b.f.irq_seen[1], static_cast<uint32_t>(TCG_INTERRUPT_HARD));
    EXPECT_EQ(b.f.irq_seen[2], 0u);
    EXPECT_EQ(b.cpu.stat_syncs(), 1u);    /* only the one at the stop: deltas, no time sync */
}

TEST(cpu_initiator, debug_access_walks_windows_and_stops_at_holes)
{
    Bench b(sc_time(1, SC_MS));
    b.add(Step::DBG_RD, 0xff00, 0x200);    /* ram's end + ram2's start */
    b.add(Step::DBG_RD, 0x10f00, 0x200);   /* ram2's end, then a hole */
    b.add(Step::STOP);
    sc_start(1, SC_MS);
    ASSERT_EQ(b.f.dbg_len.size(), 2u);
    EXPECT_EQ(b.f.dbg_len[0], 0x200u);
    EXPECT_EQ(b.f.dbg_len[1], 0x100u);
}

TEST(cpu_initiator, stop_handler_replaces_sc_stop)
{
    Bench b(sc_time(10, SC_US));
    bool called = false;
    b.cpu.set_stop_handler([&] { called = true; });
    b.add(Step::ALU, 200);
    b.add(Step::STOP, 0, 9);
    sc_start(100, SC_US);
    EXPECT_TRUE(called);
    EXPECT_TRUE(b.cpu.stopped());
    EXPECT_EQ(sc_time_stamp(), sc_time(100, SC_US));   /* simulation went on */
}
