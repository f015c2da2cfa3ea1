/*
 * tlmb::Router: decoding, address translation, DMI translation and
 * invalidation, debug transport clipping.  Multi-sockets finish their
 * binding at elaboration, so each case runs sc_start(SC_ZERO_TIME) before
 * it makes calls.
 */
#include <gtest/gtest.h>

#include "tlm-bridge/memory.h"
#include "tlm-bridge/router.h"
#include "tlm_test_util.h"

using namespace sc_core;
using tlmtest::RecTarget;
using tlmtest::TestInit;

namespace {

struct Bench {
    TestInit init{"init"};
    tlmb::Router bus{"bus"};
    RecTarget a{"a"}, b{"b"};
    Bench()
    {
        init.socket.bind(bus.target_socket);
        std::string err;
        EXPECT_TRUE(bus.map(b.socket, 0x20000, 0x100, "b", &err)) << err;
        EXPECT_TRUE(bus.map(a.socket, 0x10000, 0x100, "a", &err)) << err;
    }
};

} // namespace

TEST(router, translates_to_target_local_addresses)
{
    Bench t;
    sc_start(SC_ZERO_TIME);
    sc_time d = SC_ZERO_TIME;
    EXPECT_EQ(t.init.write32(0x10010, 0xcafef00d, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(t.init.write32(0x200fc, 0x12345678, d), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(t.a.log.size(), 1u);
    ASSERT_EQ(t.b.log.size(), 1u);
    EXPECT_EQ(t.a.log[0].addr, 0x10u);
    EXPECT_EQ(t.a.log[0].data, 0xcafef00du);
    EXPECT_EQ(t.b.log[0].addr, 0xfcu);
    EXPECT_EQ(t.b.log[0].data, 0x12345678u);
    /* the initiator gets its own address back */
    EXPECT_EQ(t.init.last_addr_after, 0x200fcu);
    uint32_t v = 0;
    EXPECT_EQ(t.init.read32(0x10010, &v, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(v, 0xcafef00du);
}

TEST(router, unmapped_and_straddling_accesses_are_address_errors)
{
    Bench t;
    sc_start(SC_ZERO_TIME);
    sc_time d = SC_ZERO_TIME;
    uint32_t v = 0;
    EXPECT_EQ(t.init.read32(0x0, &v, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(t.init.read32(0x10100, &v, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);   /* one past a */
    EXPECT_EQ(t.init.read32(0x1fffc, &v, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(t.init.read32(0x100fe, &v, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);   /* runs past a's end */
    EXPECT_EQ(t.init.read32(0xfffffffffffffffcull, &v, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_TRUE(t.a.log.empty());
    EXPECT_TRUE(t.b.log.empty());
    /* the last byte of a window is reachable */
    EXPECT_EQ(t.init.read32(0x100fc, &v, d), tlm::TLM_OK_RESPONSE);
}

TEST(router, forwards_delay_and_errors)
{
    Bench t;
    t.a.latency = sc_time(7, SC_NS);
    t.b.answer = tlm::TLM_GENERIC_ERROR_RESPONSE;
    sc_start(SC_ZERO_TIME);
    sc_time d(3, SC_NS);
    uint32_t v = 0;
    EXPECT_EQ(t.init.read32(0x10000, &v, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(t.a.log[0].delay, sc_time(3, SC_NS));
    EXPECT_EQ(d, sc_time(10, SC_NS));
    EXPECT_EQ(t.init.read32(0x20000, &v, d), tlm::TLM_GENERIC_ERROR_RESPONSE);
}

TEST(router, refuses_overlapping_and_empty_windows)
{
    Bench t;
    RecTarget c("c");
    std::string err;
    EXPECT_FALSE(t.bus.map(c.socket, 0x100ff, 0x10, "c", &err));
    EXPECT_NE(err.find("overlaps a"), std::string::npos) << err;
    EXPECT_FALSE(t.bus.map(c.socket, 0x30000, 0, "c", &err));
    EXPECT_FALSE(t.bus.map(c.socket, 0xfffffffffffff000ull, 0x2000, "c", &err));
    EXPECT_EQ(t.bus.find(0x100ff)->name, "a");
    EXPECT_EQ(t.bus.find(0x20000)->name, "b");
    EXPECT_EQ(t.bus.find(0x20100), nullptr);
    /* c stays unbound: bind it somewhere valid so elaboration would pass */
    EXPECT_TRUE(t.bus.map(c.socket, 0x10100, 0x100, "c", &err)) << err;   /* adjacent is fine */
    EXPECT_EQ(t.bus.find(0x10100)->name, "c");
}

TEST(router, dmi_ranges_are_translated_and_clipped)
{
    TestInit init("init");
    tlmb::Router bus("bus");
    tlmb::Memory ram("ram", 0x10000, false, sc_time(2, SC_NS), sc_time(3, SC_NS));
    init.socket.bind(bus.target_socket);
    std::string err;
    /* the window is smaller than the memory behind it */
    ASSERT_TRUE(bus.map(ram.socket, 0x80000000, 0x8000, "ram", &err)) << err;
    sc_start(SC_ZERO_TIME);

    tlm::tlm_dmi dmi;
    ASSERT_TRUE(init.dmi(0x80001234, true, dmi));
    EXPECT_EQ(dmi.get_start_address(), 0x80000000u);
    EXPECT_EQ(dmi.get_end_address(), 0x80007fffu);
    EXPECT_EQ(dmi.get_dmi_ptr(), ram.data());
    EXPECT_TRUE(dmi.is_read_write_allowed());
    EXPECT_EQ(dmi.get_read_latency(), sc_time(2, SC_NS));
    EXPECT_EQ(dmi.get_write_latency(), sc_time(3, SC_NS));

    tlm::tlm_dmi none;
    EXPECT_FALSE(init.dmi(0x90000000, false, none));
}

TEST(router, invalidation_is_translated_and_forwarded_to_all_initiators)
{
    TestInit i1("i1"), i2("i2");
    tlmb::Router bus("bus");
    RecTarget a("a"), b("b");
    i1.socket.bind(bus.target_socket);
    i2.socket.bind(bus.target_socket);
    std::string err;
    ASSERT_TRUE(bus.map(a.socket, 0x1000, 0x100, "a", &err));
    ASSERT_TRUE(bus.map(b.socket, 0x4000, 0x100, "b", &err));
    sc_start(SC_ZERO_TIME);
    b.socket->invalidate_direct_mem_ptr(0x10, 0x1f);
    EXPECT_EQ(i1.invalidations, 1u);
    EXPECT_EQ(i2.invalidations, 1u);
    EXPECT_EQ(i1.inval_start, 0x4010u);
    EXPECT_EQ(i1.inval_end, 0x401fu);
    /* "everything" from a target means its whole window, no more */
    a.socket->invalidate_direct_mem_ptr(0, ~0ull);
    EXPECT_EQ(i2.invalidations, 2u);
    EXPECT_EQ(i2.inval_start, 0x1000u);
    EXPECT_EQ(i2.inval_end, 0x10ffu);
}

TEST(router, debug_transport_is_clipped_at_the_window_end)
{
    Bench t;
    sc_start(SC_ZERO_TIME);
    for (unsigned i = 0; i < 256; i++)
        t.a.mem[i] = static_cast<uint8_t>(i);
    uint8_t buf[64] = {};
    EXPECT_EQ(t.init.dbg(tlm::TLM_READ_COMMAND, 0x100f0, buf, sizeof buf), 16u);
    EXPECT_EQ(buf[0], 0xf0);
    EXPECT_EQ(buf[15], 0xff);
    EXPECT_EQ(t.init.dbg(tlm::TLM_READ_COMMAND, 0x30000, buf, sizeof buf), 0u);
    const uint8_t w[4] = {1, 2, 3, 4};
    EXPECT_EQ(t.init.dbg(tlm::TLM_WRITE_COMMAND, 0x20010, const_cast<uint8_t *>(w), 4), 4u);
    EXPECT_EQ(t.b.mem[0x10], 1);
    EXPECT_EQ(t.b.mem[0x13], 4);
    EXPECT_TRUE(t.b.log.empty());   /* debug traffic is not bus traffic */
}
