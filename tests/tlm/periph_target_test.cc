/*
 * tlmb::PeriphTarget with a toy periph_model: timers at exact SystemC
 * times, IRQ output wires, IRQ inputs, now_ns with the annotated delay,
 * bus rules, property/init errors and logging.
 */
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "tlm-bridge/periph-target.h"
#include "tlm_test_util.h"

using namespace sc_core;
using tlmtest::TestInit;

namespace {

/* ---- the toy device ---------------------------------------------------
 * 0x00 R  now_ns[31:0]        0x04 R  now_ns[63:32]
 * 0x08 W  arm timer at now + value ns      0x18 W  cancel the timer
 * 0x0c W  output levels (bit n -> out n)   0x10 R  input levels
 * 0x14 R  set_irq_in calls    0x1c R  timer fires   0x24 R  "init-value" property
 * 0x20    bus error (and a guest-error log line)
 * The timer callback raises output 0 and records the time it ran. */
struct Toy {
    periph_host host;
    periph_irq out[2];
    periph_timer *timer;
    uint32_t in_levels, in_calls, fires, init_value;
    uint64_t fire_ns;
};

void toy_fire(void *opaque)
{
    Toy *t = static_cast<Toy *>(opaque);
    t->fires++;
    t->fire_ns = t->host.ops->now_ns(t->host.ctx);
    periph_irq_set(&t->out[0], true);
}

bool toy_init(void *s, const periph_host *host, const periph_props *props, const periph_irq *irq, char *err,
              size_t len)
{
    Toy *t = static_cast<Toy *>(s);
    t->host = *host;
    t->out[0] = irq[0];
    t->out[1] = irq[1];
    uint64_t v = 0;
    if (props->get_u64(props->ctx, "fail", &v)) {
        std::snprintf(err, len, "property fail is set");
        return false;
    }
    if (props->get_u64(props->ctx, "init-value", &v))
        t->init_value = static_cast<uint32_t>(v);
    t->timer = host->ops->timer_new(host->ctx, toy_fire, t);
    return true;
}

periph_status toy_read(void *s, uint64_t off, unsigned size, uint64_t *val)
{
    Toy *t = static_cast<Toy *>(s);
    const uint64_t now = t->host.ops->now_ns(t->host.ctx);
    switch (off) {
    case 0x00: *val = now & 0xffffffffu; return PERIPH_OK;
    case 0x04: *val = now >> 32; return PERIPH_OK;
    case 0x10: *val = t->in_levels; return PERIPH_OK;
    case 0x14: *val = t->in_calls; return PERIPH_OK;
    case 0x1c: *val = t->fires; return PERIPH_OK;
    case 0x24: *val = t->init_value; return PERIPH_OK;
    case 0x20: t->host.ops->log(t->host.ctx, PERIPH_LOG_GUEST_ERROR, "read of the error register");
        return PERIPH_BUS_ERROR;
    default: *val = 0; return PERIPH_OK;
    }
}

periph_status toy_write(void *s, uint64_t off, unsigned size, uint64_t val)
{
    Toy *t = static_cast<Toy *>(s);
    switch (off) {
    case 0x08: t->host.ops->timer_mod(t->host.ctx, t->timer, t->host.ops->now_ns(t->host.ctx) + val); break;
    case 0x18: t->host.ops->timer_del(t->host.ctx, t->timer); break;
    case 0x0c:
        periph_irq_set(&t->out[0], val & 1);
        periph_irq_set(&t->out[1], val & 2);
        break;
    case 0x20: return PERIPH_BUS_ERROR;
    default: break;
    }
    return PERIPH_OK;
}

void toy_set_irq_in(void *s, int n, bool level)
{
    Toy *t = static_cast<Toy *>(s);
    t->in_calls++;
    if (level)
        t->in_levels |= 1u << n;
    else
        t->in_levels &= ~(1u << n);
}

const periph_model toy_model = {
    "test,toy", "toy", sizeof(Toy), 0x100, 2, 4, false,
    toy_init, nullptr, toy_read, toy_write, toy_set_irq_in, nullptr, nullptr, false, nullptr,
};

struct Props {
    std::vector<std::pair<std::string, uint64_t>> kv;
    periph_props p;
    Props()
    {
        p.get_u64 = [](const void *ctx, const char *name, uint64_t *out) {
            for (auto &e : static_cast<const Props *>(ctx)->kv)
                if (e.first == name) {
                    *out = e.second;
                    return true;
                }
            return false;
        };
        p.get_str = [](const void *, const char *, const char **) { return false; };
        p.ctx = this;
    }
};

/* A bench: a test initiator wired straight to the toy. */
struct Bench : sc_module {
    SC_HAS_PROCESS(Bench);
    TestInit init{"init"};
    tlmb::PeriphTarget dev;
    std::vector<std::pair<sc_time, bool>> out0_changes;
    Bench(const tcg_log *log = nullptr) : sc_module("bench"), dev("toy", &toy_model, log)
    {
        init.socket.bind(dev.socket);
        std::string err;
        EXPECT_TRUE(dev.init(nullptr, &err)) << err;
        SC_METHOD(watch);
        sensitive << dev.irq_out(0);
        dont_initialize();
    }
    void watch() { out0_changes.push_back({sc_time_stamp(), dev.irq_out(0).read()}); }
    Toy *toy() { return static_cast<Toy *>(dev.state()); }
    uint32_t rd(uint64_t a, sc_time d = SC_ZERO_TIME)
    {
        uint32_t v = 0;
        EXPECT_EQ(init.read32(a, &v, d), tlm::TLM_OK_RESPONSE);
        return v;
    }
    void wr(uint64_t a, uint32_t v, sc_time d = SC_ZERO_TIME) { EXPECT_EQ(init.write32(a, v, d), tlm::TLM_OK_RESPONSE); }
};

} // namespace

TEST(periph_target, timer_fires_at_the_exact_systemc_time)
{
    Bench b;
    sc_spawn([&] {
        wait(100, SC_NS);
        b.wr(0x08, 250);          /* at 100 ns: fire at 350 ns */
    });
    sc_start(1, SC_US);
    EXPECT_EQ(b.toy()->fires, 1u);
    EXPECT_EQ(b.toy()->fire_ns, 350u);
    /* the wire follows one delta later, at the same time */
    ASSERT_EQ(b.out0_changes.size(), 1u);
    EXPECT_EQ(b.out0_changes[0].first, sc_time(350, SC_NS));
    EXPECT_TRUE(b.out0_changes[0].second);
}

TEST(periph_target, timer_rearm_and_cancel)
{
    Bench b;
    sc_spawn([&] {
        b.wr(0x08, 500);          /* 500 ns ...                 */
        wait(10, SC_NS);
        b.wr(0x08, 290);          /* ... re-armed for 300 ns     */
        wait(400, SC_NS);         /* 410 ns: fired once at 300   */
        b.wr(0x08, 100);          /* 510 ns                      */
        wait(50, SC_NS);
        b.wr(0x18, 0);            /* cancelled at 560 ns         */
    });
    sc_start(2, SC_US);
    EXPECT_EQ(b.toy()->fires, 1u);
    EXPECT_EQ(b.toy()->fire_ns, 300u);
}

TEST(periph_target, timer_armed_from_cpu_local_time)
{
    Bench b;
    sc_spawn([&] {
        wait(1, SC_US);
        /* a CPU ahead in time arms for "now": the device sees 1.2 us */
        sc_time d(200, SC_NS);
        EXPECT_EQ(b.init.write32(0x08, 0, d), tlm::TLM_OK_RESPONSE);
    });
    sc_start(5, SC_US);
    EXPECT_EQ(b.toy()->fires, 1u);
    EXPECT_EQ(b.toy()->fire_ns, 1200u);   /* SystemC time 1.2 us: the event was 200 ns ahead */
}

TEST(periph_target, now_ns_includes_the_annotated_delay)
{
    Bench b;
    uint32_t at_zero = 1, plain = 0, ahead = 0;
    sc_spawn([&] {
        at_zero = b.rd(0x00);
        wait(1, SC_US);
        plain = b.rd(0x00);
        ahead = b.rd(0x00, sc_time(234, SC_NS));
    });
    sc_start(2, SC_US);
    EXPECT_EQ(at_zero, 0u);
    EXPECT_EQ(plain, 1000u);
    EXPECT_EQ(ahead, 1234u);
    EXPECT_EQ(b.dev.now_ns(), 2000u);   /* outside a transaction: sc_time_stamp() */
}

TEST(periph_target, irq_outputs_drive_their_wires)
{
    Bench b;
    bool o0_mid = true, o1_mid = false;
    sc_spawn([&] {
        wait(10, SC_NS);
        b.wr(0x0c, 2);
        wait(SC_ZERO_TIME);
        wait(SC_ZERO_TIME);
        o0_mid = b.dev.irq_out(0).read();
        o1_mid = b.dev.irq_out(1).read();
        wait(10, SC_NS);
        b.wr(0x0c, 1);
        wait(10, SC_NS);
        b.wr(0x0c, 0);
    });
    sc_start(1, SC_US);
    EXPECT_FALSE(o0_mid);
    EXPECT_TRUE(o1_mid);
    EXPECT_FALSE(b.dev.irq_out(1).read());
    ASSERT_EQ(b.out0_changes.size(), 2u);
    EXPECT_EQ(b.out0_changes[0].first, sc_time(20, SC_NS));
    EXPECT_TRUE(b.out0_changes[0].second);
    EXPECT_EQ(b.out0_changes[1].first, sc_time(30, SC_NS));
    EXPECT_FALSE(b.out0_changes[1].second);
}

TEST(periph_target, irq_inputs_reach_the_model_and_unconnected_ones_are_low)
{
    Bench b;
    sc_signal<bool> l1("l1"), l3("l3");
    ASSERT_TRUE(b.dev.connect_irq_in(1, l1));
    ASSERT_TRUE(b.dev.connect_irq_in(3, l3));
    EXPECT_FALSE(b.dev.connect_irq_in(1, l3));   /* already connected */
    EXPECT_FALSE(b.dev.connect_irq_in(4, l3));   /* no such input     */
    uint32_t mid = 0;
    sc_spawn([&] {
        wait(10, SC_NS);
        l1.write(true);
        l3.write(true);
        wait(10, SC_NS);
        mid = b.toy()->in_levels;
        l1.write(false);
    });
    sc_start(1, SC_US);
    EXPECT_EQ(mid, 0xau);
    EXPECT_EQ(b.toy()->in_levels, 0x8u);
    EXPECT_EQ(b.toy()->in_calls, 3u);
}

TEST(periph_target, bus_rules)
{
    Bench b;
    sc_time d = SC_ZERO_TIME;
    uint32_t v = 0;
    const uint8_t be[4] = {0xff, 0xff, 0xff, 0xff};
    EXPECT_EQ(b.init.access(tlm::TLM_READ_COMMAND, 0, &v, 4, d, be, 4), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    EXPECT_EQ(b.init.access(tlm::TLM_READ_COMMAND, 0, &v, 3, d), tlm::TLM_BURST_ERROR_RESPONSE);
    EXPECT_EQ(b.init.read32(0x100, &v, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.init.read32(0xfe, &v, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.init.read32(0x20, &v, d), tlm::TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_EQ(b.init.write32(0x20, 0, d), tlm::TLM_GENERIC_ERROR_RESPONSE);
    uint8_t byte = 0xff;
    EXPECT_EQ(b.init.access(tlm::TLM_READ_COMMAND, 0x24, &byte, 1, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(byte, 0);
    uint8_t buf[4];
    EXPECT_EQ(b.init.dbg(tlm::TLM_READ_COMMAND, 0, buf, 4), 0u);   /* no side-effecting debug reads */
    tlm::tlm_dmi dmi;
    EXPECT_FALSE(b.init.dmi(0, false, dmi));
}

TEST(periph_target, latency_is_annotated)
{
    Bench b;
    b.dev.set_latency(sc_time(40, SC_NS));
    sc_time d(5, SC_NS);
    uint32_t v = 0;
    EXPECT_EQ(b.init.read32(0x10, &v, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(d, sc_time(45, SC_NS));
}

TEST(periph_target, properties_and_init_errors)
{
    Props ok;
    ok.kv.push_back({"init-value", 77});
    tlmb::PeriphTarget a("a", &toy_model, nullptr);
    std::string err;
    ASSERT_TRUE(a.init(&ok.p, &err)) << err;
    EXPECT_EQ(static_cast<Toy *>(a.state())->init_value, 77u);

    Props bad;
    bad.kv.push_back({"fail", 1});
    tlmb::PeriphTarget c("c", &toy_model, nullptr);
    EXPECT_FALSE(c.init(&bad.p, &err));
    EXPECT_EQ(err, "c: property fail is set");
}

TEST(periph_target, guest_errors_are_logged_only_when_enabled)
{
    FILE *f = std::tmpfile();
    ASSERT_NE(f, nullptr);
    tcg_log log = {};
    log.file = f;
    Bench b(&log);
    sc_time d = SC_ZERO_TIME;
    uint32_t v = 0;
    (void)b.init.read32(0x20, &v, d);
    EXPECT_EQ(std::ftell(f), 0);
    log.mask = TCG_LOG_GUEST_ERROR;
    (void)b.init.read32(0x20, &v, d);
    std::rewind(f);
    char line[128] = "";
    ASSERT_NE(std::fgets(line, sizeof line, f), nullptr);
    EXPECT_STREQ(line, "toy: read of the error register\n");
    std::fclose(f);
}
