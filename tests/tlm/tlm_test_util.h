/*
 * Helpers for the tlm-bridge tests: a recording TLM target and a test
 * initiator.  Each test case elaborates its own modules and calls
 * sc_start() (one elaboration per process: ctest runs each case alone).
 */
#ifndef TESTS_TLM_TEST_UTIL_H
#define TESTS_TLM_TEST_UTIL_H

#include <cstdint>
#include <cstring>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

namespace tlmtest {

/* A target that records what it is sent and answers from a small array;
 * it can add latency, answer with an error, grant/refuse DMI and trigger
 * invalidate_direct_mem_ptr. */
struct RecTarget : sc_core::sc_module {
    tlm_utils::simple_target_socket<RecTarget> socket;
    struct Rec {
        tlm::tlm_command cmd;
        uint64_t addr;
        unsigned len;
        uint64_t data;
        sc_core::sc_time stamp, delay;   /* sc_time_stamp() and annotated delay at entry */
    };
    std::vector<Rec> log;
    uint8_t mem[256] = {};
    sc_core::sc_time latency = sc_core::SC_ZERO_TIME;
    tlm::tlm_response_status answer = tlm::TLM_OK_RESPONSE;
    bool grant_dmi = false;
    unsigned dmi_requests = 0;
    uint64_t dmi_last_addr = ~0ull;

    explicit RecTarget(sc_core::sc_module_name n) : sc_module(n), socket("socket")
    {
        socket.register_b_transport(this, &RecTarget::b_transport);
        socket.register_get_direct_mem_ptr(this, &RecTarget::get_dmi);
        socket.register_transport_dbg(this, &RecTarget::dbg);
    }
    void b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &d)
    {
        Rec r{t.get_command(), t.get_address(), t.get_data_length(), 0, sc_core::sc_time_stamp(), d};
        if (t.get_command() == tlm::TLM_WRITE_COMMAND)
            std::memcpy(&r.data, t.get_data_ptr(), t.get_data_length() > 8 ? 8 : t.get_data_length());
        log.push_back(r);
        if (answer == tlm::TLM_OK_RESPONSE && t.get_address() + t.get_data_length() <= sizeof mem) {
            if (t.get_command() == tlm::TLM_READ_COMMAND)
                std::memcpy(t.get_data_ptr(), mem + t.get_address(), t.get_data_length());
            else
                std::memcpy(mem + t.get_address(), t.get_data_ptr(), t.get_data_length());
        }
        d += latency;
        t.set_response_status(answer);
    }
    bool get_dmi(tlm::tlm_generic_payload &t, tlm::tlm_dmi &dmi)
    {
        dmi_requests++;
        dmi_last_addr = t.get_address();
        if (!grant_dmi)
            return false;
        dmi.set_dmi_ptr(mem);
        dmi.set_start_address(0);
        dmi.set_end_address(sizeof mem - 1);
        dmi.allow_read_write();
        return true;
    }
    unsigned dbg(tlm::tlm_generic_payload &t)
    {
        const uint64_t a = t.get_address();
        if (a >= sizeof mem)
            return 0;
        unsigned n = t.get_data_length();
        if (a + n > sizeof mem)
            n = static_cast<unsigned>(sizeof mem - a);
        if (t.get_command() == tlm::TLM_READ_COMMAND)
            std::memcpy(t.get_data_ptr(), mem + a, n);
        else
            std::memcpy(mem + a, t.get_data_ptr(), n);
        return n;
    }
};

/* An initiator whose calls the test makes directly (from sc_main context
 * for untimed calls, or from a thread it spawns). */
struct TestInit : sc_core::sc_module {
    tlm_utils::simple_initiator_socket<TestInit> socket;
    unsigned invalidations = 0;
    uint64_t inval_start = 0, inval_end = 0;

    explicit TestInit(sc_core::sc_module_name n) : sc_module(n), socket("socket")
    {
        socket.register_invalidate_direct_mem_ptr(this, &TestInit::inval);
    }
    void inval(sc_dt::uint64 s, sc_dt::uint64 e)
    {
        invalidations++;
        inval_start = s;
        inval_end = e;
    }
    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, void *buf, unsigned len,
                                    sc_core::sc_time &delay, const uint8_t *be = nullptr, unsigned be_len = 0)
    {
        tlm::tlm_generic_payload t;
        t.set_command(cmd);
        t.set_address(addr);
        t.set_data_ptr(static_cast<unsigned char *>(buf));
        t.set_data_length(len);
        t.set_streaming_width(len);
        t.set_byte_enable_ptr(const_cast<uint8_t *>(be));
        t.set_byte_enable_length(be_len);
        t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        socket->b_transport(t, delay);
        last_dmi_allowed = t.is_dmi_allowed();
        last_addr_after = t.get_address();
        return t.get_response_status();
    }
    tlm::tlm_response_status read32(uint64_t addr, uint32_t *v, sc_core::sc_time &d)
    {
        return access(tlm::TLM_READ_COMMAND, addr, v, 4, d);
    }
    tlm::tlm_response_status write32(uint64_t addr, uint32_t v, sc_core::sc_time &d)
    {
        return access(tlm::TLM_WRITE_COMMAND, addr, &v, 4, d);
    }
    bool dmi(uint64_t addr, bool write, tlm::tlm_dmi &out)
    {
        tlm::tlm_generic_payload t;
        t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        t.set_address(addr);
        return socket->get_direct_mem_ptr(t, out);
    }
    unsigned dbg(tlm::tlm_command cmd, uint64_t addr, void *buf, unsigned len)
    {
        tlm::tlm_generic_payload t;
        t.set_command(cmd);
        t.set_address(addr);
        t.set_data_ptr(static_cast<unsigned char *>(buf));
        t.set_data_length(len);
        return socket->transport_dbg(t);
    }
    bool last_dmi_allowed = false;
    uint64_t last_addr_after = 0;
};

} // namespace tlmtest

#endif
