/*
 * A bus-master device through tlmb::PeriphTarget: the SH7750 DMAC's
 * transfers are b_transport calls on its master socket through the Router
 * to a tlmb::Memory, timed by the DMAC's own rate plus the latency the
 * memory annotates; the write hook sees every write; nmi() reaches the
 * model.
 */
#include <gtest/gtest.h>

#include <cstring>
#include <utility>
#include <vector>

#include "tlm-bridge/memory.h"
#include "tlm-bridge/periph-target.h"
#include "tlm-bridge/router.h"
#include "tlm_test_util.h"

using namespace sc_core;
using tlmtest::TestInit;

namespace {

constexpr uint64_t kRam = 0x0c000000, kDmac = 0xffa00000;

/* CPU stand-in, router, 64 KiB RAM (10 ns per read and per write), DMAC */
struct Bench : sc_module {
    SC_HAS_PROCESS(Bench);
    TestInit init{"init"};
    tlmb::Router bus{"bus"};
    tlmb::Memory ram;
    tlmb::PeriphTarget dmac;
    std::vector<std::pair<sc_time, int>> irq_rises;   /* (time, output) */
    std::vector<std::pair<uint64_t, uint64_t>> dma_writes;
    bool last_[5] = {};
    Bench()
        : sc_module("bench"), ram("ram", 0x10000, false, sc_time(10, SC_NS), sc_time(10, SC_NS)),
          dmac("dmac", periph_find_model("renesas,sh7750-dmac"), nullptr)
    {
        std::string err;
        EXPECT_TRUE(dmac.init(nullptr, &err)) << err;
        init.socket.bind(bus.target_socket);
        EXPECT_TRUE(bus.map(ram.socket, kRam, 0x10000, "ram", &err)) << err;
        EXPECT_TRUE(bus.map(dmac.socket, kDmac, 0x44, "dmac", &err)) << err;
        EXPECT_TRUE(dmac.master_socket() != nullptr);
        dmac.master_socket()->bind(bus.target_socket);
        dmac.set_dma_write_hook([this](uint64_t a, uint64_t n) { dma_writes.push_back({a, n}); });
        SC_METHOD(watch);
        for (int i = 0; i < 5; i++)
            sensitive << dmac.irq_out(i);
        dont_initialize();
    }
    void watch()
    {
        for (int i = 0; i < 5; i++) {
            const bool v = dmac.irq_out(i).read();
            if (v && !last_[i])
                irq_rises.push_back({sc_time_stamp(), i});
            last_[i] = v;
        }
    }
    void wr(uint64_t off, uint32_t v)
    {
        sc_time d = SC_ZERO_TIME;
        EXPECT_EQ(init.write32(kDmac + off, v, d), tlm::TLM_OK_RESPONSE);
    }
    uint32_t rd(uint64_t off)
    {
        uint32_t v = 0;
        sc_time d = SC_ZERO_TIME;
        EXPECT_EQ(init.read32(kDmac + off, &v, d), tlm::TLM_OK_RESPONSE);
        return v;
    }
};

} // namespace

TEST(dma_master, transfers_are_timed_transactions)
{
    Bench b;
    for (int i = 0; i < 64; i++)
        b.ram.data()[i] = static_cast<uint8_t>(0x40 + i);
    sc_spawn([&] {
        wait(100, SC_NS);
        b.wr(0x00, kRam);                 /* SAR0 */
        b.wr(0x04, kRam + 0x1000);        /* DAR0 */
        b.wr(0x08, 4);                    /* DMATCR0 */
        b.wr(0x40, 1);                    /* DMAOR: DME */
        b.wr(0x0c, 0x4000 | 0x1000 | 0x400 | 0x30 | 0x4 | 0x1);   /* inc, inc, auto, 4 bytes, IE, DE */
    });
    sc_start(2, SC_US);
    /* a unit: 6 bus cycles at 100 MHz + 10 ns read + 10 ns write = 80 ns;
     * four from 100 ns: DMTE0 at 420 ns */
    ASSERT_EQ(b.irq_rises.size(), 1u);
    EXPECT_EQ(b.irq_rises[0].first, sc_time(420, SC_NS));
    EXPECT_EQ(b.irq_rises[0].second, 0);
    EXPECT_EQ(std::memcmp(b.ram.data() + 0x1000, b.ram.data(), 16), 0);
    ASSERT_EQ(b.dma_writes.size(), 4u);
    EXPECT_EQ(b.dma_writes[3].first, kRam + 0x100c);
    EXPECT_EQ(b.dma_writes[3].second, 4u);
    EXPECT_EQ(b.rd(0x08), 0u);
    EXPECT_EQ(b.rd(0x0c) & 0x2u, 0x2u);   /* TE */
}

TEST(dma_master, decode_error_is_an_address_error)
{
    Bench b;
    sc_spawn([&] {
        b.wr(0x40, 1);
        b.wr(0x00, kRam);
        b.wr(0x04, 0x08000000);           /* nothing mapped there */
        b.wr(0x08, 1);
        b.wr(0x0c, 0x4000 | 0x1000 | 0x400 | 0x30 | 0x1);
    });
    sc_start(1, SC_US);
    ASSERT_EQ(b.irq_rises.size(), 1u);
    EXPECT_EQ(b.irq_rises[0].second, 4);   /* DMAE */
    EXPECT_EQ(b.rd(0x40), 0x5u);           /* AE | DME */
    EXPECT_TRUE(b.dma_writes.empty());
}

TEST(dma_master, nmi_reaches_the_model)
{
    Bench b;
    sc_spawn([&] {
        b.wr(0x40, 1);
        EXPECT_TRUE(b.dmac.nmi());
    });
    sc_start(1, SC_US);
    EXPECT_EQ(b.rd(0x40), 0x3u);           /* NMIF | DME */
}
