/*
 * tlmb::SerialIceBridge between a test initiator and a Router: routing
 * (pass-through, to=sim, to=both with a real client talking to the
 * target simulator on a socketpair), DMI refusal and clipping, latency,
 * the guest PC from tlmb::CpuExtension, and the stop path.  One
 * elaboration per process (each case is its own ctest test).
 */
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "tlm-bridge/guest-pc.h"
#include "tlm-bridge/memory.h"
#include "tlm-bridge/router.h"
#include "tlm-bridge/serialice-bridge.h"
#include "../tlm/tlm_test_util.h"

extern "C" {
#include "rig.h"
}

using namespace sc_core;
using tlmtest::RecTarget;
using tlmtest::TestInit;

namespace {

/* RAM 0..0xffff, a device at 0x10000+0x100; rules: a to=sim window in
 * RAM, a to=hw window in RAM, the device to=both. */
struct Bench {
    TestInit init{"init"};
    sice_rules rules;
    sice_log log{};
    char *logbuf = nullptr;
    size_t loglen = 0;
    FILE *logf = nullptr;
    tlmb::Router bus{"bus"};
    tlmb::Memory ram{"ram", 0x10000, false};
    RecTarget dev{"dev"};
    std::unique_ptr<tlmb::SerialIceBridge> sice;
    int stops = 0;
    std::string stop_msg;

    explicit Bench(sice_client *client)
    {
        sice_rules_init(&rules);
        char err[200];
        for (const char *r : {"0x2000+0x100,to=sim,name=SIMWIN", "0x8000+0x10,to=hw,name=HWWIN",
                              "0x10000+0x100,to=both,name=DEV"})
            EXPECT_EQ(sice_rules_add(&rules, r, err, sizeof err), SICE_OK) << err;
        logf = open_memstream(&logbuf, &loglen);
        sice_log_attach(&log, logf);
        sice.reset(new tlmb::SerialIceBridge("sice", client, &rules, &log));
        sice->set_stop_handler([this](const std::string &m) {
            stops++;
            stop_msg = m;
        });
        init.socket.bind(sice->target_socket);
        sice->initiator_socket.bind(bus.target_socket);
        std::string e;
        EXPECT_TRUE(bus.map(ram.socket, 0, 0x10000, "ram", &e)) << e;
        EXPECT_TRUE(bus.map(dev.socket, 0x10000, 0x100, "dev", &e)) << e;
    }
    ~Bench()
    {
        std::fclose(logf);
        std::free(logbuf);
        sice_rules_free(&rules);
    }
    std::string logged()
    {
        EXPECT_EQ(sice_log_flush(&log), SICE_OK);
        std::fflush(logf);
        return std::string(logbuf, loglen);
    }
};

} // namespace

TEST(serialice_tlm, unmatched_accesses_pass_through_unlogged)
{
    Bench b(nullptr);
    sc_start(SC_ZERO_TIME);
    sc_time d = SC_ZERO_TIME;
    EXPECT_EQ(b.init.write32(0x400, 0xa5a5a5a5, d), tlm::TLM_OK_RESPONSE);
    uint32_t v = 0;
    std::memcpy(&v, b.ram.data() + 0x400, 4);
    EXPECT_EQ(v, 0xa5a5a5a5u);
    uint32_t r = 0;
    EXPECT_EQ(b.init.read32(0x400, &r, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(r, 0xa5a5a5a5u);
    /* unmapped stays an address error */
    EXPECT_EQ(b.init.read32(0x20000, &r, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.sice->stat_handled(), 0u);
    EXPECT_EQ(b.logged(), "");
}

TEST(serialice_tlm, dmi_refused_in_rule_ranges_and_clipped_around_them)
{
    Bench b(nullptr);
    sc_start(SC_ZERO_TIME);
    tlm::tlm_dmi d;
    EXPECT_FALSE(b.init.dmi(0x2010, false, d));
    EXPECT_FALSE(b.init.dmi(0x800f, true, d));
    tlm::tlm_dmi lo, mid, hi;
    ASSERT_TRUE(b.init.dmi(0x100, false, lo));
    EXPECT_EQ(lo.get_start_address(), 0u);
    EXPECT_EQ(lo.get_end_address(), 0x1fffu);
    EXPECT_EQ(lo.get_dmi_ptr(), b.ram.data());
    ASSERT_TRUE(b.init.dmi(0x3000, true, mid));
    EXPECT_EQ(mid.get_start_address(), 0x2100u);
    EXPECT_EQ(mid.get_end_address(), 0x7fffu);
    EXPECT_EQ(mid.get_dmi_ptr(), b.ram.data() + 0x2100);
    ASSERT_TRUE(b.init.dmi(0x9000, false, hi));
    EXPECT_EQ(hi.get_start_address(), 0x8010u);
    EXPECT_EQ(hi.get_end_address(), 0xffffu);
    EXPECT_EQ(hi.get_dmi_ptr(), b.ram.data() + 0x8010);
    EXPECT_EQ(b.sice->stat_dmi_refused(), 2u);
}

TEST(serialice_tlm, to_sim_rule_reaches_the_device_logged_with_the_guest_pc)
{
    Bench b(nullptr);
    sc_start(SC_ZERO_TIME);
    /* a fake CPU whose current instruction is at 0x00012344 */
    tcg_cpu *cpu = static_cast<tcg_cpu *>(std::calloc(1, sizeof(tcg_cpu)));
    tcg_insn_data insn = {0x00012344, 0, 0};
    cpu->cur_insn = &insn;
    tlm::tlm_generic_payload t;
    t.set_extension(new tlmb::CpuExtension(cpu));
    uint32_t v = 0xcafef00d;
    t.set_command(tlm::TLM_WRITE_COMMAND);
    t.set_address(0x2004);
    t.set_data_ptr(reinterpret_cast<unsigned char *>(&v));
    t.set_data_length(4);
    t.set_streaming_width(4);
    sc_time d = SC_ZERO_TIME;
    b.init.socket->b_transport(t, d);
    EXPECT_EQ(t.get_response_status(), tlm::TLM_OK_RESPONSE);
    uint32_t in_ram = 0;
    std::memcpy(&in_ram, b.ram.data() + 0x2004, 4);
    EXPECT_EQ(in_ram, 0xcafef00du);
    EXPECT_EQ(b.logged(), "0000.0001    R.Q.    [0000:00012344]   SIMWIN: writel 00002004 <= cafef00d\n");
    std::free(cpu);
}

TEST(serialice_tlm, to_both_goes_to_board_and_device_and_costs_the_latency)
{
    rig r;
    ASSERT_TRUE(rig_start(&r, RIG_SOCKETPAIR, nullptr));
    ASSERT_EQ(rig_open_client(&r), SICE_OK);
    {
        Bench b(&r.client);
        b.sice->set_latency(sc_time(100, SC_NS));
        b.dev.latency = sc_time(7, SC_NS);
        sc_start(SC_ZERO_TIME);
        sc_time d(1, SC_NS);
        EXPECT_EQ(b.init.write32(0x10010, 0x12345678, d), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(d, sc_time(108, SC_NS));   /* 1 + the device's 7 + the bridge's 100 */
        ASSERT_EQ(b.dev.log.size(), 1u);
        EXPECT_EQ(b.dev.log[0].addr, 0x10u);   /* the device sees its own offset */
        EXPECT_EQ(b.dev.log[0].data, 0x12345678u);
        uint32_t on_board = 0;
        std::memcpy(&on_board, r.board.ram + 0x10010, 4);
        EXPECT_EQ(on_board, 0x12345678u);
        /* reads return the board's value; the device is read too */
        const uint32_t board_val = 0x0badf00d;
        std::memcpy(r.board.ram + 0x10020, &board_val, 4);
        std::memset(b.dev.mem + 0x20, 0x11, 4);
        uint32_t v = 0;
        d = SC_ZERO_TIME;
        EXPECT_EQ(b.init.read32(0x10020, &v, d), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(v, board_val);
        EXPECT_EQ(b.dev.log.size(), 2u);
        EXPECT_EQ(d, sc_time(107, SC_NS));
        /* to=hw: the board only */
        EXPECT_EQ(b.init.write32(0x8000, 0x55aa55aa, d), tlm::TLM_OK_RESPONSE);
        std::memcpy(&on_board, r.board.ram + 0x8000, 4);
        EXPECT_EQ(on_board, 0x55aa55aau);
        EXPECT_EQ(b.ram.data()[0x8000], 0);
        EXPECT_EQ(b.logged(),
                  "0000.0001    RHQ.    [0000:00000000]   DEV: writel 00010010 <= 12345678\n"
                  "0000.0002    RHQ.    [0000:00000000]   DEV:  readl 00010020 => 0badf00d\n"
                  "0000.0003    RH..    [0000:00000000]   HWWIN: writel 00008000 <= 55aa55aa\n");
        EXPECT_EQ(b.stops, 0);
    }
    rig_stop(&r);
}

TEST(serialice_tlm, hardware_route_without_a_board_stops_once)
{
    Bench b(nullptr);
    sc_start(SC_ZERO_TIME);
    sc_time d = SC_ZERO_TIME;
    uint32_t v = 0;
    EXPECT_EQ(b.init.read32(0x8004, &v, d), tlm::TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_EQ(b.stops, 1);
    EXPECT_NE(b.stop_msg.find("no board is connected"), std::string::npos) << b.stop_msg;
    EXPECT_TRUE(b.sice->stopped());
    /* every later handled access fails at once, without a second report */
    EXPECT_EQ(b.init.write32(0x2000, 1, d), tlm::TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_EQ(b.stops, 1);
    /* the log ends with the reason */
    const std::string l = b.logged();
    EXPECT_NE(l.find("I...    [0000:00000000]   SerialICE: serialice: access routed to hardware but no "
                     "board is connected"),
              std::string::npos)
        << l;
}
