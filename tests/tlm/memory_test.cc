/*
 * tlmb::Memory: RAM/ROM semantics, byte enables, latency, DMI grants.
 */
#include <gtest/gtest.h>

#include "tlm-bridge/memory.h"
#include "tlm_test_util.h"

using namespace sc_core;
using tlmtest::TestInit;

TEST(memory, ram_reads_back_writes_and_annotates_latency)
{
    TestInit init("init");
    tlmb::Memory ram("ram", 0x1000, false, sc_time(10, SC_NS), sc_time(20, SC_NS));
    init.socket.bind(ram.socket);
    sc_time d = SC_ZERO_TIME;
    EXPECT_EQ(init.write32(0x100, 0xa1b2c3d4, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(d, sc_time(20, SC_NS));
    EXPECT_TRUE(init.last_dmi_allowed);
    uint32_t v = 0;
    EXPECT_EQ(init.read32(0x100, &v, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(d, sc_time(30, SC_NS));
    EXPECT_EQ(v, 0xa1b2c3d4u);
    EXPECT_EQ(ram.data()[0x100], 0xd4);   /* little-endian layout */
    uint8_t b = 0;
    EXPECT_EQ(init.access(tlm::TLM_READ_COMMAND, 0x102, &b, 1, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b, 0xb2);
}

TEST(memory, out_of_range_is_an_address_error)
{
    TestInit init("init");
    tlmb::Memory ram("ram", 0x1000, false);
    init.socket.bind(ram.socket);
    sc_time d = SC_ZERO_TIME;
    uint32_t v = 0;
    EXPECT_EQ(init.read32(0xffe, &v, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(init.read32(0x1000, &v, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(init.read32(0xffc, &v, d), tlm::TLM_OK_RESPONSE);
}

TEST(memory, byte_enables_select_bytes)
{
    TestInit init("init");
    tlmb::Memory ram("ram", 0x100, false);
    init.socket.bind(ram.socket);
    std::memset(ram.data(), 0x55, 8);
    sc_time d = SC_ZERO_TIME;
    uint32_t v = 0xaabbccdd;
    const uint8_t be[4] = {0xff, 0x00, 0xff, 0x00};
    EXPECT_EQ(init.access(tlm::TLM_WRITE_COMMAND, 0, &v, 4, d, be, 4), tlm::TLM_OK_RESPONSE);
    uint32_t r = 0;
    EXPECT_EQ(init.read32(0, &r, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(r, 0x55bb55ddu);
}

TEST(memory, rom_ignores_bus_writes_and_reports_them)
{
    TestInit init("init");
    tlmb::Memory rom("rom", 0x100, true);
    init.socket.bind(rom.socket);
    std::string msg;
    rom.set_guest_error_hook([&](const std::string &m) { msg = m; });
    rom.data()[4] = 0x42;
    sc_time d = SC_ZERO_TIME;
    EXPECT_EQ(init.write32(4, 0xffffffff, d), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(rom.data()[4], 0x42);
    EXPECT_EQ(rom.ignored_writes(), 1u);
    EXPECT_NE(msg.find("ROM"), std::string::npos) << msg;
    /* debug writes (the loader's path) do reach a ROM */
    uint32_t w = 0x01020304;
    EXPECT_EQ(init.dbg(tlm::TLM_WRITE_COMMAND, 4, &w, 4), 4u);
    EXPECT_EQ(rom.data()[4], 0x04);
}

TEST(memory, dmi_grants_follow_access_rights)
{
    TestInit init("init");
    tlmb::Memory ram("ram", 0x2000, false), rom("rom", 0x1000, true);
    TestInit init2("init2");
    init.socket.bind(ram.socket);
    init2.socket.bind(rom.socket);
    tlm::tlm_dmi d1;
    ASSERT_TRUE(init.dmi(0x1800, true, d1));
    EXPECT_TRUE(d1.is_read_write_allowed());
    EXPECT_EQ(d1.get_dmi_ptr(), ram.data());
    EXPECT_EQ(d1.get_start_address(), 0u);
    EXPECT_EQ(d1.get_end_address(), 0x1fffu);

    tlm::tlm_dmi d2;
    ASSERT_TRUE(init2.dmi(0x10, false, d2));
    EXPECT_TRUE(d2.is_read_allowed());
    EXPECT_FALSE(d2.is_write_allowed());
    tlm::tlm_dmi d3;
    EXPECT_FALSE(init2.dmi(0x10, true, d3));
    tlm::tlm_dmi d4;
    EXPECT_FALSE(init.dmi(0x2000, false, d4));
}
