/*
 * Every packet the stub implements, against the fake machine
 * (fake_target.c): negotiation, acks, registers, memory, breakpoints,
 * watchpoints, run control, threads, target descriptions, monitor,
 * detach/kill/disconnect, and bad input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "gdb_test_util.h"

static bool contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

/* ---- negotiation and acks ------------------------------------------- */

CTEST(gdb_stub, qsupported_negotiates_stop_reasons)
{
    gdb_fixture *f = fx_new(true, false);
    const char *r = fx_cmd(f, "qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386");
    CT_ASSERT_TRUE(r != NULL);
    CT_EXPECT_TRUE(contains(r, "PacketSize=4000"));
    CT_EXPECT_TRUE(contains(r, "qXfer:features:read+"));
    CT_EXPECT_TRUE(contains(r, "vContSupported+"));
    CT_EXPECT_TRUE(contains(r, "QStartNoAckMode+"));
    CT_EXPECT_TRUE(contains(r, "multiprocess+"));
    CT_EXPECT_TRUE(contains(r, "swbreak+"));
    CT_EXPECT_TRUE(contains(r, "hwbreak+"));
    /* a client that does not announce them does not get them */
    r = fx_cmd(f, "qSupported:vContSupported+");
    CT_ASSERT_TRUE(r != NULL);
    CT_EXPECT_FALSE(contains(r, "swbreak"));
    CT_EXPECT_FALSE(contains(r, "hwbreak"));
    CT_EXPECT_FALSE(contains(r, "multiprocess"));
    fx_free(f);
}

CTEST(gdb_stub, ack_mode_and_noack)
{
    gdb_fixture *f = fx_new(true, false);
    tio_send(f->s, "?");
    /* exactly "+" then the reply frame, with the protocol's checksum */
    CT_ASSERT_TRUE(f->io.len >= 1);
    CT_EXPECT_EQ(f->io.out[0], '+');
    CT_EXPECT_EQ(memcmp(f->io.out + 1, "$T05thread:01;#", 15), 0);
    const char *r = fx_cmd(f, "QStartNoAckMode");
    CT_EXPECT_STREQ(r, "OK");
    int acks = f->io.acks;
    CT_EXPECT_STREQ(fx_cmd(f, "qAttached"), "1");
    CT_EXPECT_EQ(f->io.acks, acks);         /* no '+' any more */
    CT_EXPECT_FALSE(f->io.bad_frame);
    fx_free(f);
}

CTEST(gdb_stub, nack_resends_last_reply)
{
    gdb_fixture *f = fx_new(true, false);
    CT_EXPECT_STREQ(fx_cmd(f, "qAttached"), "1");
    size_t before = f->io.len;
    gdb_stub_feed(f->s, (const uint8_t *)"-", 1);
    CT_ASSERT_EQ(f->io.len - before, 5);
    CT_EXPECT_EQ(memcmp(f->io.out + before, "$1#31", 5), 0);
    gdb_stub_stats st;
    gdb_stub_get_stats(f->s, &st);
    CT_EXPECT_EQ(st.resends, 1);
    fx_free(f);
}

CTEST(gdb_stub, bad_checksum_is_nacked_not_executed)
{
    gdb_fixture *f = fx_new(true, false);
    const char *bad = "$M1000,1:ff#00";
    gdb_stub_feed(f->s, (const uint8_t *)bad, strlen(bad));
    CT_ASSERT_EQ(f->io.len, 1);
    CT_EXPECT_EQ(f->io.out[0], '-');
    CT_EXPECT_EQ(f->m.mem[0], 0);
    fx_free(f);
}

CTEST(gdb_stub, unknown_packets_get_empty_reply)
{
    gdb_fixture *f = fx_new(true, false);
    CT_EXPECT_STREQ(fx_cmd(f, "qFooBar"), "");
    CT_EXPECT_STREQ(fx_cmd(f, "!"), "");
    CT_EXPECT_STREQ(fx_cmd(f, "vMustReplyEmpty"), "");
    CT_EXPECT_STREQ(fx_cmd(f, ""), "");
    CT_EXPECT_STREQ(fx_cmd(f, "gx"), "");
    CT_EXPECT_STREQ(fx_cmd(f, "qSymbol::"), "OK");
    fx_free(f);
}

/* ---- registers ------------------------------------------------------ */

CTEST(gdb_stub, g_packet_core_registers)
{
    gdb_fixture *f = fx_new(true, false);
    for (int i = 0; i < 16; i++)
        f->m.cpu[0].r[i] = 0x11223300u + (unsigned)i;
    f->m.cpu[0].cpsr = 0x600000d3;
    const char *r = fx_cmd(f, "g");
    CT_ASSERT_TRUE(r != NULL);
    /* r0..r15 then cpsr, 32-bit little-endian each */
    char want[17 * 8 + 1];
    for (int i = 0; i < 16; i++)
        snprintf(want + 8 * i, 9, "%02x332211", i);
    snprintf(want + 128, 9, "d3000060");
    CT_EXPECT_STREQ(r, want);
    fx_free(f);
}

CTEST(gdb_stub, G_packet_writes_and_validates)
{
    gdb_fixture *f = fx_new(true, false);
    char pkt[1 + 17 * 8 + 1] = "G";
    for (int i = 0; i < 17; i++)
        snprintf(pkt + 1 + 8 * i, 9, "%08x", 0x01000000u * (unsigned)(i + 1));  /* LE: value = i+1 */
    CT_EXPECT_STREQ(fx_cmd(f, pkt), "OK");
    for (int i = 0; i < 16; i++)
        CT_EXPECT_EQ(f->m.cpu[0].r[i], (unsigned)i + 1);
    CT_EXPECT_EQ(f->m.cpu[0].cpsr, 17);
    /* wrong length, then a non-hex digit: rejected, nothing written */
    CT_EXPECT_STREQ(fx_cmd(f, "G00"), "E22");
    pkt[5] = 'z';
    pkt[1] = 'f';
    CT_EXPECT_STREQ(fx_cmd(f, pkt), "E22");
    CT_EXPECT_EQ(f->m.cpu[0].r[0], 1);
    fx_free(f);
}

CTEST(gdb_stub, p_and_P_single_registers)
{
    gdb_fixture *f = fx_new(true, false);
    f->m.cpu[0].cpsr = 0x200000d3;
    f->m.cpu[0].r[15] = 0x1234;
    CT_EXPECT_STREQ(fx_cmd(f, "p19"), "d3000020");   /* cpsr is gdb register 25 */
    CT_EXPECT_STREQ(fx_cmd(f, "pf"), "34120000");
    CT_EXPECT_STREQ(fx_cmd(f, "p10"), "E22");         /* 16: no such register */
    CT_EXPECT_STREQ(fx_cmd(f, "p1a"), "E22");         /* no VFP on CPU 0 */
    CT_EXPECT_STREQ(fx_cmd(f, "pzz"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "Pf=00200000"), "OK");
    CT_EXPECT_EQ(f->m.cpu[0].r[15], 0x2000);
    CT_EXPECT_STREQ(fx_cmd(f, "Pf=0020"), "E22");     /* wrong size */
    CT_EXPECT_STREQ(fx_cmd(f, "Pf=0020000g"), "E22"); /* non-hex */
    CT_EXPECT_STREQ(fx_cmd(f, "Pf"), "E22");
    CT_EXPECT_EQ(f->m.cpu[0].r[15], 0x2000);
    fx_free(f);
}

CTEST(gdb_stub, vfp_registers_on_the_vfp_cpu)
{
    gdb_fixture *f = fx_new(true, true);
    f->m.cpu[1].d[0] = 0x3ff0000000000000ull;   /* 1.0 */
    f->m.cpu[1].fpscr = 0x03000000;
    CT_EXPECT_STREQ(fx_cmd(f, "Hgp1.2"), "OK");
    CT_EXPECT_STREQ(fx_cmd(f, "p1a"), "000000000000f03f");
    CT_EXPECT_STREQ(fx_cmd(f, "p2a"), "00000003");    /* fpscr = 42 */
    CT_EXPECT_STREQ(fx_cmd(f, "P1b=0000000000000040"), "OK");
    CT_EXPECT_EQ(f->m.cpu[1].d[1], 0x4000000000000000ull);
    /* g still carries only the core registers */
    const char *r = fx_cmd(f, "g");
    CT_ASSERT_TRUE(r != NULL);
    CT_EXPECT_EQ(strlen(r), 17 * 8);
    fx_free(f);
}

/* ---- memory --------------------------------------------------------- */

CTEST(gdb_stub, memory_read_write_and_faults)
{
    gdb_fixture *f = fx_new(true, false);
    fake_poke(&f->m, 0x1000, 0xdeadbeef);
    CT_EXPECT_STREQ(fx_cmd(f, "m1000,4"), "efbeadde");
    CT_EXPECT_STREQ(fx_cmd(f, "M1004,2:abcd"), "OK");
    CT_EXPECT_EQ(f->m.mem[4], 0xab);
    CT_EXPECT_EQ(f->m.mem[5], 0xcd);
    /* unmapped: E14; partial at the end of RAM: the mapped bytes */
    CT_EXPECT_STREQ(fx_cmd(f, "m0,4"), "E14");
    f->m.mem[FAKE_MEM_SIZE - 2] = 0x12;
    f->m.mem[FAKE_MEM_SIZE - 1] = 0x34;
    CT_EXPECT_STREQ(fx_cmd(f, "m4ffe,4"), "1234");
    CT_EXPECT_STREQ(fx_cmd(f, "M4ffe,4:00000000"), "E14");
    CT_EXPECT_STREQ(fx_cmd(f, "M0,1:00"), "E14");
    /* bad arguments */
    CT_EXPECT_STREQ(fx_cmd(f, "m1000"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "m1000,4junk"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "mxyz,4"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "m11111111111111111,4"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "M1000,2:abc"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "M1000,2:abcg"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "M1000,2"), "E22");
    CT_EXPECT_EQ(fake_peek(&f->m, 0x1000), 0xdeadbeef);
    /* a huge length is clamped to one reply, not an error */
    const char *r = fx_cmd(f, "m1000,100000");
    CT_ASSERT_TRUE(r != NULL);
    CT_EXPECT_EQ(strlen(r), 0x4000);
    fx_free(f);
}

CTEST(gdb_stub, X_binary_write_with_escapes)
{
    gdb_fixture *f = fx_new(true, false);
    /* bytes 23 24 7d 2a 00 41 escaped: }03 }04 }5d }0a 00 41 */
    const char pkt[] = { 'X', '1', '0', '0', '0', ',', '6', ':',
                         '}', 0x03, '}', 0x04, '}', 0x5d, '}', 0x0a, 0x00, 'A' };
    tio_drain(&f->io);
    tio_send_n(f->s, pkt, sizeof pkt);
    CT_EXPECT_STREQ(tio_next(&f->io), "OK");
    const uint8_t want[] = { 0x23, 0x24, 0x7d, 0x2a, 0x00, 0x41 };
    CT_EXPECT_EQ(memcmp(f->m.mem, want, 6), 0);
    CT_EXPECT_STREQ(fx_cmd(f, "X1000,0:"), "OK");        /* probe */
    CT_EXPECT_STREQ(fx_cmd(f, "X1000,2:A"), "E22");      /* length mismatch */
    CT_EXPECT_STREQ(fx_cmd(f, "X0,1:A"), "E14");
    fx_free(f);
}

/* ---- breakpoints, watchpoints, run control -------------------------- */

/* nops at 0x1000.., a store to 0x1800 at 0x1010, a load at 0x1014, exit 3 at 0x1018 */
static void load_program(fake_machine *m)
{
    for (uint32_t a = 0x1000; a < 0x1010; a += 4)
        fake_poke(m, a, 0);
    fake_poke(m, 0x1010, 0x01001800);
    fake_poke(m, 0x1014, 0x02001800);
    fake_poke(m, 0x1018, 0xff000003);
    m->cpu[0].r[15] = 0x1000;
    fake_poke(m, 0x1100, 0x03001100);  /* CPU 1 spins on a jump-to-self */
    m->cpu[1].r[15] = 0x1100;
}

CTEST(gdb_stub, software_breakpoint_and_continue)
{
    gdb_fixture *f = fx_new(true, true);
    load_program(&f->m);
    CT_EXPECT_STREQ(fx_cmd(f, "Z0,1008,4"), "OK");
    CT_EXPECT_EQ(f->m.bps.n, 1);
    CT_EXPECT_EQ(fx_cmd(f, "c"), NULL);                 /* no reply until it stops */
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_CONTINUE);
    fake_run(&f->m, f->s, 100);
    CT_EXPECT_STREQ(tio_next(&f->io), "T05thread:p01.01;swbreak:;");
    CT_EXPECT_EQ(f->m.cpu[0].r[15], 0x1008);
    CT_EXPECT_EQ(f->m.cpu[0].insns, 2);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_HOLD);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 1), GDB_RUN_HOLD);
    /* held: time does not move */
    uint64_t t = f->m.sim_ps;
    CT_EXPECT_EQ(fake_run(&f->m, f->s, 100), 0);
    CT_EXPECT_EQ(f->m.sim_ps, t);
    CT_EXPECT_STREQ(fx_cmd(f, "z0,1008,4"), "OK");
    CT_EXPECT_EQ(f->m.bps.n, 0);
    CT_EXPECT_STREQ(fx_cmd(f, "z0,1008,4"), "E22");    /* not inserted */
    fx_free(f);
}

CTEST(gdb_stub, hardware_breakpoint_reports_hwbreak)
{
    gdb_fixture *f = fx_new(true, true);
    load_program(&f->m);
    CT_EXPECT_STREQ(fx_cmd(f, "Z1,100c,4"), "OK");
    CT_EXPECT_EQ(fx_cmd(f, "c"), NULL);
    fake_run(&f->m, f->s, 100);
    CT_EXPECT_STREQ(tio_next(&f->io), "T05thread:p01.01;hwbreak:;");
    CT_EXPECT_EQ(f->m.cpu[0].r[15], 0x100c);
    fx_free(f);
}

CTEST(gdb_stub, breakpoint_without_negotiation_has_no_swbreak)
{
    gdb_fixture *f = fx_new(true, false);
    load_program(&f->m);
    CT_EXPECT_STREQ(fx_cmd(f, "Z0,1008,4"), "OK");
    CT_EXPECT_EQ(fx_cmd(f, "c"), NULL);
    fake_run(&f->m, f->s, 100);
    CT_EXPECT_STREQ(tio_next(&f->io), "T05thread:01;");
    fx_free(f);
}

CTEST(gdb_stub, watchpoints_write_read_access)
{
    static const struct { const char *z, *want; uint32_t pc; } cases[] = {
        { "Z2,1800,4", "T05thread:p01.01;watch:1800;", 0x1010 },
        { "Z3,1802,2", "T05thread:p01.01;rwatch:1802;", 0x1014 },
        { "Z4,1800,1", "T05thread:p01.01;awatch:1800;", 0x1010 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gdb_fixture *f = fx_new(true, true);
        load_program(&f->m);
        f->m.cpu[0].r[0] = 0x55;
        CT_EXPECT_STREQ(fx_cmd(f, cases[i].z), "OK");
        CT_EXPECT_EQ(fx_cmd(f, "c"), NULL);
        fake_run(&f->m, f->s, 100);
        CT_EXPECT_STREQ(tio_next(&f->io), cases[i].want);
        CT_EXPECT_EQ(f->m.cpu[0].r[15], cases[i].pc);
        fx_free(f);
    }
}

CTEST(gdb_stub, single_step_moves_one_cpu_one_instruction)
{
    gdb_fixture *f = fx_new(true, true);
    load_program(&f->m);
    CT_EXPECT_EQ(fx_cmd(f, "s"), NULL);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_STEP);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 1), GDB_RUN_HOLD);
    CT_EXPECT_EQ(f->m.last_action[0], GDB_RUN_STEP);
    CT_EXPECT_FALSE(f->m.last_step_irqs);             /* documented default */
    fake_run(&f->m, f->s, 100);
    CT_EXPECT_STREQ(tio_next(&f->io), "T05thread:p01.01;");
    CT_EXPECT_EQ(f->m.cpu[0].r[15], 0x1004);
    CT_EXPECT_EQ(f->m.cpu[0].insns, 1);
    CT_EXPECT_EQ(f->m.cpu[1].insns, 0);
    /* step CPU 1 through Hc */
    CT_EXPECT_STREQ(fx_cmd(f, "Hcp1.2"), "OK");
    CT_EXPECT_EQ(fx_cmd(f, "s"), NULL);
    fake_run(&f->m, f->s, 100);
    CT_EXPECT_STREQ(tio_next(&f->io), "T05thread:p01.02;");
    CT_EXPECT_EQ(f->m.cpu[1].insns, 1);
    CT_EXPECT_EQ(f->m.cpu[0].insns, 1);
    fx_free(f);
}

CTEST(gdb_stub, vcont_actions_per_thread)
{
    gdb_fixture *f = fx_new(true, true);
    load_program(&f->m);
    CT_EXPECT_STREQ(fx_cmd(f, "vCont?"), "vCont;c;C;s;S");
    /* step CPU 2 only: CPU 1 stays held */
    CT_EXPECT_EQ(fx_cmd(f, "vCont;s:p1.2"), NULL);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_HOLD);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 1), GDB_RUN_STEP);
    fake_run(&f->m, f->s, 10);
    CT_EXPECT_STREQ(tio_next(&f->io), "T05thread:p01.02;");
    CT_EXPECT_EQ(f->m.cpu[0].insns, 0);
    /* leftmost action wins; the default applies to the rest */
    CT_EXPECT_EQ(fx_cmd(f, "vCont;s:p1.1;c"), NULL);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_STEP);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 1), GDB_RUN_CONTINUE);
    fake_run(&f->m, f->s, 10);
    CT_EXPECT_STREQ(tio_next(&f->io), "T05thread:p01.01;");
    CT_EXPECT_EQ(f->m.cpu[0].insns, 1);
    /* signals are parsed and handed to the target */
    CT_EXPECT_EQ(fx_cmd(f, "vCont;C0b:p1.1;c"), NULL);
    CT_EXPECT_EQ(gdb_stub_resume_signal(f->s, 0), 11);
    CT_EXPECT_EQ(gdb_stub_resume_signal(f->s, 1), 0);
    gdb_stub_feed(f->s, (const uint8_t *)"\x03", 1);
    CT_EXPECT_TRUE(contains(tio_next(&f->io), "T02"));
    /* bad vCont */
    CT_EXPECT_STREQ(fx_cmd(f, "vCont;x"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "vCont;s:p1.9"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "vCont;Czz"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "vCont"), "E22");
    fx_free(f);
}

CTEST(gdb_stub, ctrl_c_interrupts_a_running_machine)
{
    gdb_fixture *f = fx_new(true, true);
    load_program(&f->m);
    fake_poke(&f->m, 0x1000, 0x03001000);  /* CPU 0 spins too */
    CT_EXPECT_EQ(fx_cmd(f, "c"), NULL);
    int requests = f->m.stop_requests;
    CT_EXPECT_EQ(fake_run(&f->m, f->s, 50), 100);
    CT_EXPECT_EQ(tio_next(&f->io), NULL);
    gdb_stub_feed(f->s, (const uint8_t *)"\x03", 1);
    CT_EXPECT_STREQ(tio_next(&f->io), "T02thread:p01.01;");
    CT_EXPECT_EQ(f->m.stop_requests, requests + 1);
    CT_EXPECT_EQ(fake_run(&f->m, f->s, 50), 0);
    /* 0x03 while stopped is ignored */
    gdb_stub_feed(f->s, (const uint8_t *)"\x03", 1);
    CT_EXPECT_EQ(tio_next(&f->io), NULL);
    fx_free(f);
}

CTEST(gdb_stub, guest_exit_sends_W)
{
    gdb_fixture *f = fx_new(true, true);
    load_program(&f->m);
    CT_EXPECT_EQ(fx_cmd(f, "c"), NULL);
    fake_run(&f->m, f->s, 100);
    CT_EXPECT_STREQ(tio_next(&f->io), "W03;process:1");
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_QUIT);
    CT_EXPECT_STREQ(fx_cmd(f, "?"), "W03;process:1");
    fx_free(f);

    f = fx_new(true, false);
    gdb_stop_event ev = { .reason = GDB_STOP_KILLED, .code = 9 };
    CT_EXPECT_EQ(fx_cmd(f, "c"), NULL);
    gdb_stub_report_stop(f->s, 0, &ev);
    CT_EXPECT_STREQ(tio_next(&f->io), "X09");
    fx_free(f);
}

CTEST(gdb_stub, breakpoint_errors)
{
    gdb_fixture *f = fx_new(true, false);
    CT_EXPECT_STREQ(fx_cmd(f, "Z9,1000,4"), "");       /* unknown type */
    CT_EXPECT_STREQ(fx_cmd(f, "Z0,1000"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "Z0,zz,4"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "Z2,1000,0"), "E22");    /* zero-length watch */
    CT_EXPECT_STREQ(fx_cmd(f, "Z0,1000,4;X1,0"), "OK"); /* conditions ignored */
    for (int i = 0; i < GDB_BPSET_MAX - 1; i++) {
        char pkt[32];
        snprintf(pkt, sizeof pkt, "Z0,%x,4", 0x2000 + 4 * i);
        CT_EXPECT_STREQ(fx_cmd(f, pkt), "OK");
    }
    CT_EXPECT_STREQ(fx_cmd(f, "Z0,9000,4"), "E28");     /* full */
    fx_free(f);
}

/* ---- threads -------------------------------------------------------- */

CTEST(gdb_stub, thread_packets)
{
    gdb_fixture *f = fx_new(true, true);
    CT_EXPECT_STREQ(fx_cmd(f, "qfThreadInfo"), "mp01.01,p01.02");
    CT_EXPECT_STREQ(fx_cmd(f, "qsThreadInfo"), "l");
    CT_EXPECT_STREQ(fx_cmd(f, "qC"), "QCp01.01");
    CT_EXPECT_STREQ(fx_cmd(f, "Tp1.2"), "OK");
    CT_EXPECT_STREQ(fx_cmd(f, "Tp1.3"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "Tp2.1"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "Hgp1.5"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "Hx1"), "E22");
    CT_EXPECT_STREQ(fx_cmd(f, "Hgp1.2"), "OK");
    CT_EXPECT_STREQ(fx_cmd(f, "qC"), "QCp01.02");
    CT_EXPECT_STREQ(fx_cmd(f, "Hc-1"), "OK");
    CT_EXPECT_STREQ(fx_cmd(f, "Hg0"), "OK");
    CT_EXPECT_STREQ(fx_cmd(f, "qAttached:1"), "1");
    const char *r = fx_cmd(f, "qThreadExtraInfo,p1.2");
    CT_ASSERT_TRUE(r != NULL);
    char text[128];
    fx_unhex(r, text, sizeof text);
    CT_EXPECT_STREQ(text, "CPU#1 fake-vfp [halted]");
    CT_EXPECT_STREQ(fx_cmd(f, "qThreadExtraInfo,p1.7"), "E22");
    fx_free(f);

    /* without multiprocess: plain hex ids */
    f = fx_new(true, false);
    CT_EXPECT_STREQ(fx_cmd(f, "qfThreadInfo"), "m01,02");
    CT_EXPECT_STREQ(fx_cmd(f, "T2"), "OK");
    fx_free(f);
}

/* ---- target descriptions -------------------------------------------- */

CTEST(gdb_stub, target_xml_per_cpu)
{
    gdb_fixture *f = fx_new(true, true);
    const char *r = fx_cmd(f, "qXfer:features:read:target.xml:0,3fff");
    CT_ASSERT_TRUE(r != NULL && r[0] == 'l');
    char *whole = strdup(r + 1);
    CT_EXPECT_TRUE(contains(whole, "<architecture>arm</architecture>"));
    CT_EXPECT_TRUE(contains(whole, "<feature name=\"org.gnu.gdb.arm.core\">"));
    CT_EXPECT_TRUE(contains(whole, "name=\"cpsr\" bitsize=\"32\" regnum=\"25\""));
    CT_EXPECT_TRUE(contains(whole, "name=\"pc\" bitsize=\"32\" regnum=\"15\" type=\"code_ptr\""));
    CT_EXPECT_FALSE(contains(whole, "vfp"));           /* ARM926: no VFP */
    /* read in small pieces: same document, m...m then l */
    char joined[8192] = "";
    size_t off = 0;
    for (int guard = 0; guard < 1000; guard++) {
        char pkt[64];
        snprintf(pkt, sizeof pkt, "qXfer:features:read:target.xml:%zx,40", off);
        r = fx_cmd(f, pkt);
        CT_ASSERT_TRUE(r != NULL && (r[0] == 'm' || r[0] == 'l'));
        CT_ASSERT_TRUE(strlen(r + 1) <= 0x40);
        strcat(joined, r + 1);
        off += strlen(r + 1);
        if (r[0] == 'l')
            break;
    }
    CT_EXPECT_STREQ(joined, whole);
    /* past the end: "l" */
    char pkt[64];
    snprintf(pkt, sizeof pkt, "qXfer:features:read:target.xml:%zx,40", strlen(whole) + 10);
    CT_EXPECT_STREQ(fx_cmd(f, pkt), "l");
    CT_EXPECT_STREQ(fx_cmd(f, "qXfer:features:read:other.xml:0,40"), "E00");
    CT_EXPECT_STREQ(fx_cmd(f, "qXfer:features:read:target.xml:0"), "E22");
    free(whole);
    /* the VFP CPU gets the vfp feature */
    CT_EXPECT_STREQ(fx_cmd(f, "Hgp1.2"), "OK");
    r = fx_cmd(f, "qXfer:features:read:target.xml:0,3fff");
    CT_EXPECT_TRUE(contains(r, "<feature name=\"org.gnu.gdb.arm.vfp\">"));
    CT_EXPECT_TRUE(contains(r, "name=\"d15\" bitsize=\"64\" regnum=\"41\""));
    CT_EXPECT_TRUE(contains(r, "name=\"fpscr\" bitsize=\"32\" regnum=\"42\""));
    fx_free(f);
}

/* ---- monitor -------------------------------------------------------- */

/* run a monitor command; collect O output into text; return final reply */
static const char *monitor(gdb_fixture *f, const char *cmd, char *text, size_t cap)
{
    char pkt[512] = "qRcmd,";
    fx_hex(cmd, pkt + 6, sizeof pkt - 6);
    tio_drain(&f->io);
    tio_send(f->s, pkt);
    text[0] = '\0';
    const char *r;
    while ((r = tio_next(&f->io)) && r[0] == 'O' && strcmp(r, "OK") != 0) {
        char piece[4096];
        fx_unhex(r + 1, piece, sizeof piece);
        strncat(text, piece, cap - strlen(text) - 1);
    }
    return r;
}

CTEST(gdb_stub, monitor_commands)
{
    gdb_fixture *f = fx_new(true, true);
    char text[8192];
    CT_EXPECT_STREQ(monitor(f, "help", text, sizeof text), "OK");
    CT_EXPECT_TRUE(contains(text, "info registers"));
    CT_EXPECT_TRUE(contains(text, "system_reset"));
    f->m.cpu[0].r[15] = 0xcafe0;
    CT_EXPECT_STREQ(monitor(f, "info registers", text, sizeof text), "OK");
    CT_EXPECT_TRUE(contains(text, "pc     0x000cafe0"));
    CT_EXPECT_TRUE(contains(text, "mode: fake0"));
    CT_EXPECT_STREQ(monitor(f, "info mtree", text, sizeof text), "OK");
    CT_EXPECT_TRUE(contains(text, "00001000-00004fff ram"));
    f->m.sim_ps = 1234567;
    f->m.cpu[1].cycles = 42;
    CT_EXPECT_STREQ(monitor(f, "time", text, sizeof text), "OK");
    CT_EXPECT_TRUE(contains(text, "simulated time: 1234.567 ns"));
    CT_EXPECT_TRUE(contains(text, "CPU#1: 42 cycles"));
    CT_EXPECT_STREQ(monitor(f, "step-irq on", text, sizeof text), "OK");
    CT_EXPECT_TRUE(gdb_stub_step_irqs(f->s));
    CT_EXPECT_STREQ(monitor(f, "system_reset", text, sizeof text), "OK");
    CT_EXPECT_EQ(f->m.resets, 1);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_HOLD);   /* still held */
    CT_EXPECT_STREQ(monitor(f, "nmi", text, sizeof text), "OK");
    CT_EXPECT_EQ(f->m.nmis, 1);
    CT_EXPECT_TRUE(contains(text, "NMI raised"));
    f->m.no_nmi = true;
    CT_EXPECT_STREQ(monitor(f, "nmi", text, sizeof text), "OK");
    CT_EXPECT_TRUE(contains(text, "this machine has no NMI"));
    CT_EXPECT_STREQ(monitor(f, "frobnicate", text, sizeof text), "OK");
    CT_EXPECT_TRUE(contains(text, "unknown command 'frobnicate'"));
    CT_EXPECT_STREQ(fx_cmd(f, "qRcmd,6"), "E22");           /* odd hex */
    CT_EXPECT_STREQ(fx_cmd(f, "qRcmd,zz"), "E22");
    CT_EXPECT_STREQ(monitor(f, "quit", text, sizeof text), "OK");
    CT_EXPECT_EQ(f->m.quits, 1);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_QUIT);
    fx_free(f);
}

/* ---- session life cycle --------------------------------------------- */

CTEST(gdb_stub, start_halted_or_free_running_without_client)
{
    fake_machine m;
    fake_init(&m);
    gdb_stub_config cfg = { .start_halted = true };
    gdb_stub *s = gdb_stub_new(&fake_dif, &m, &cfg);
    CT_ASSERT_TRUE(s != NULL);
    CT_EXPECT_EQ(gdb_stub_cpu_run(s, 0), GDB_RUN_HOLD);
    CT_EXPECT_FALSE(gdb_stub_any_running(s));
    gdb_stub_free(s);
    cfg.start_halted = false;
    s = gdb_stub_new(&fake_dif, &m, &cfg);
    CT_EXPECT_EQ(gdb_stub_cpu_run(s, 0), GDB_RUN_CONTINUE);
    CT_EXPECT_EQ(gdb_stub_cpu_run(s, 1), GDB_RUN_CONTINUE);
    CT_EXPECT_EQ(gdb_stub_cpu_run(s, 2), GDB_RUN_HOLD);      /* no such CPU */
    /* a breakpoint-like report without a client does not stop anything */
    gdb_stop_event ev = { .reason = GDB_STOP_BREAKPOINT };
    gdb_stub_report_stop(s, 0, &ev);
    CT_EXPECT_EQ(gdb_stub_cpu_run(s, 0), GDB_RUN_CONTINUE);
    /* attaching stops the machine */
    tio *io = calloc(1, sizeof *io);
    gdb_stub_client_connected(s, tio_write, io);
    CT_EXPECT_EQ(gdb_stub_cpu_run(s, 0), GDB_RUN_HOLD);
    CT_EXPECT_EQ(m.stop_requests, 1);
    gdb_stub_free(s);
    free(io);
}

CTEST(gdb_stub, disconnect_mid_run_releases_and_reattach_works)
{
    gdb_fixture *f = fx_new(true, true);
    load_program(&f->m);
    CT_EXPECT_STREQ(fx_cmd(f, "Z0,1008,4"), "OK");
    CT_EXPECT_STREQ(fx_cmd(f, "Z2,1800,4"), "OK");
    CT_EXPECT_EQ(fx_cmd(f, "c"), NULL);
    /* half a packet, then the client vanishes */
    gdb_stub_feed(f->s, (const uint8_t *)"$m10", 4);
    gdb_stub_client_disconnected(f->s);
    CT_EXPECT_FALSE(gdb_stub_has_client(f->s));
    CT_EXPECT_EQ(f->m.bps.n, 0);                 /* client's breakpoints gone */
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_CONTINUE);
    fake_run(&f->m, f->s, 3);
    CT_EXPECT_EQ(f->m.cpu[0].r[15], 0x100c);     /* ran through 0x1008 */
    /* a new client attaches: machine stops, fresh protocol state */
    memset(&f->io, 0, sizeof f->io);
    gdb_stub_client_connected(f->s, tio_write, &f->io);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_HOLD);
    CT_EXPECT_STREQ(fx_cmd(f, "?"), "T05thread:01;");
    CT_EXPECT_STREQ(fx_cmd(f, "pf"), "0c100000");
    fx_free(f);
}

CTEST(gdb_stub, detach_and_kill)
{
    gdb_fixture *f = fx_new(true, false);
    CT_EXPECT_STREQ(fx_cmd(f, "Z0,1008,4"), "OK");
    CT_EXPECT_STREQ(fx_cmd(f, "D"), "OK");
    CT_EXPECT_EQ(f->m.bps.n, 0);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_CONTINUE);
    CT_EXPECT_STREQ(fx_cmd(f, "Dx"), "E22");
    fx_free(f);

    f = fx_new(true, false);
    CT_EXPECT_EQ(fx_cmd(f, "k"), NULL);          /* no reply to k */
    CT_EXPECT_EQ(f->m.quits, 1);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_QUIT);
    fx_free(f);

    f = fx_new(true, true);
    CT_EXPECT_STREQ(fx_cmd(f, "vKill;1"), "OK");
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 1), GDB_RUN_QUIT);
    fx_free(f);
}

CTEST(gdb_stub, oversized_packet_is_rejected_cleanly)
{
    fake_machine m;
    fake_init(&m);
    gdb_stub_config cfg = { .start_halted = true, .packet_size = 256 };
    gdb_stub *s = gdb_stub_new(&fake_dif, &m, &cfg);
    tio *io = calloc(1, sizeof *io);
    gdb_stub_client_connected(s, tio_write, io);
    tio_send(s, "qSupported");
    CT_EXPECT_TRUE(contains(tio_next(io), "PacketSize=100"));
    char big[700] = "M1000,150:";
    for (int i = 0; i < 0x150; i++)
        strcat(big, "aa");
    tio_send(s, big);
    CT_EXPECT_STREQ(tio_next(io), "E22");
    CT_EXPECT_EQ(m.mem[0], 0);
    tio_send(s, "m1000,1");
    CT_EXPECT_STREQ(tio_next(io), "00");
    gdb_stub_stats st;
    gdb_stub_get_stats(s, &st);
    CT_EXPECT_EQ(st.oversize, 1);
    gdb_stub_free(s);
    free(io);
}

CTEST(gdb_stub, failed_write_is_reported)
{
    gdb_fixture *f = fx_new(true, false);
    f->io.fail_writes = true;
    tio_send(f->s, "?");
    CT_EXPECT_TRUE(gdb_stub_io_failed(f->s));
    /* the stub stops talking; the transport drops the client */
    gdb_stub_client_disconnected(f->s);
    CT_EXPECT_EQ(gdb_stub_cpu_run(f->s, 0), GDB_RUN_CONTINUE);
    fx_free(f);
}

CTEST(gdb_stub, rle_replies_decode_to_the_same_payload)
{
    fake_machine m;
    fake_init(&m);
    gdb_stub_config cfg = { .start_halted = true, .rle = true };
    gdb_stub *s = gdb_stub_new(&fake_dif, &m, &cfg);
    tio *io = calloc(1, sizeof *io);
    gdb_stub_client_connected(s, tio_write, io);
    tio_send(s, "m1000,40");                       /* 64 zero bytes */
    const char *r = tio_next(io);
    CT_ASSERT_TRUE(r != NULL);
    CT_EXPECT_EQ(strlen(r), 128);
    CT_EXPECT_EQ(strspn(r, "0"), 128);
    CT_EXPECT_TRUE(io->len < 60);                  /* compressed on the wire */
    CT_EXPECT_FALSE(io->bad_frame);
    gdb_stub_free(s);
    free(io);
}
