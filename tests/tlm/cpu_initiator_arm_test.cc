/*
 * tlmb::CpuInitiator with the real ARM926 CPU (targets/arm + tcg):
 * code runs from a DMI-granted memory, device accesses become
 * b_transport with the CPU's local time, WFI sleeps until an interrupt.
 */
#include <gtest/gtest.h>

#include "tlm-bridge/cpu-initiator.h"
#include "tlm-bridge/memory.h"
#include "tlm-bridge/router.h"
#include "tlm_test_util.h"
extern "C" {
#include "targets/arm/cpu.h"
}

using namespace sc_core;
using tlmtest::RecTarget;

namespace {

/* 0x00 ldr r0, [pc, #16]   ; r0 = 0x10000000
 * 0x04 mov r1, #1
 * 0x08 str r1, [r0]
 * 0x0c str r1, [r0, #4]
 * 0x10 mcr p15, 0, r0, c7, c0, 4   ; wait for interrupt
 * 0x14 b .
 * 0x18 .word 0x10000000 */
const uint32_t prog[] = {0xe59f0010, 0xe3a01001, 0xe5801000, 0xe5801004, 0xee070f90, 0xeafffffe, 0x10000000};

struct ArmBench {
    arm_cpu *arm;
    std::unique_ptr<tlmb::CpuInitiator> cpu;
    tlmb::Router bus{"bus"};
    tlmb::Memory ram{"ram", 0x10000, false};
    RecTarget dev{"dev"};
    ArmBench()
    {
        arm = static_cast<arm_cpu *>(std::calloc(1, sizeof(arm_cpu)));
        EXPECT_TRUE(arm_cpu_init(arm, "arm926", "interp"));
        arm->regs[15] = 0;
        tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_time(10, SC_US));
        cpu.reset(new tlmb::CpuInitiator("cpu", &arm->common, sc_time(5, SC_NS)));
        cpu->socket.bind(bus.target_socket);
        std::string err;
        EXPECT_TRUE(bus.map(ram.socket, 0, 0x10000, "ram", &err)) << err;
        EXPECT_TRUE(bus.map(dev.socket, 0x10000000, 0x100, "dev", &err)) << err;
        std::memcpy(ram.data(), prog, sizeof prog);
    }
    ~ArmBench()
    {
        cpu.reset();
        tcg_cpu_destroy(&arm->common);
        std::free(arm);
    }
};

} // namespace

TEST(cpu_initiator_arm, runs_code_from_dmi_and_stores_to_a_device)
{
    ArmBench b;
    sc_start();   /* ends when the CPU sleeps with nothing to wake it */
    ASSERT_EQ(b.dev.log.size(), 2u);
    EXPECT_EQ(b.dev.log[0].addr, 0u);
    EXPECT_EQ(b.dev.log[1].addr, 4u);
    EXPECT_EQ(b.dev.log[0].data, 1u);
    /* decoupled: both stores happen before SystemC time moves, each
     * annotated with the local time of its instruction, in order */
    EXPECT_EQ(b.dev.log[0].stamp, SC_ZERO_TIME);
    EXPECT_EQ(b.dev.log[1].stamp, SC_ZERO_TIME);
    EXPECT_GT(b.dev.log[0].delay, SC_ZERO_TIME);
    EXPECT_GT(b.dev.log[1].delay, b.dev.log[0].delay);
    EXPECT_TRUE(b.arm->common.halted);
    /* asleep after a sync: SystemC time is exactly the cycles consumed */
    EXPECT_EQ(sc_time_stamp(), sc_time::from_value(b.arm->common.cycles * 5000));
    EXPECT_GE(b.cpu->stat_dmi_grants(), 1u);   /* code came through DMI */
    EXPECT_EQ(b.cpu->stat_transports(), 2u);   /* only the device accesses */
}

TEST(cpu_initiator_arm, an_interrupt_line_wakes_wfi)
{
    ArmBench b;
    sc_signal<bool> irq("irq");
    b.cpu->connect_irq(irq);
    sc_spawn([&] {
        wait(10, SC_US);
        irq.write(true);
    });
    sc_start(20, SC_US);
    /* IRQs are masked (reset state), so WFI just ends: the CPU runs on to
     * the final `b .` */
    EXPECT_FALSE(b.arm->common.halted);
    EXPECT_EQ(b.arm->regs[15], 0x14u);
    EXPECT_EQ(sc_time_stamp(), sc_time(20, SC_US));
}
