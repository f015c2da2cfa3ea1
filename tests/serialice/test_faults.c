/*
 * Fault handling: the target simulator misbehaves in each way it can, and
 * the client must follow the documented policy (docs/serialice.md):
 * recoverable faults are reported, resynchronised and retried once; a
 * second failure, a board reset or a closed line stops the session with a
 * message naming the access; nothing hangs.
 *
 * Command numbers: the handshake's *vi and *mb are commands 0 and 1, so
 * the first access of a test is command 2 and its retry command 3.
 */
#include <string.h>

#include "ctest.h"
#include "rig.h"

#define BOUND_MS 5000.0   /* "no hang": every fault test finishes well within this */

static bool start(rig *r, rig_link link, sice_fault_mode mode, unsigned count, unsigned stall)
{
    sice_target_fault f = { .mode = mode, .at = 2, .count = count, .stall_ms = stall };
    return rig_start(r, link, &f) && rig_open_client(r) == SICE_OK;
}

/* One read of 0x1000.l that must succeed after exactly one retry. */
static void recovers(rig_link link, sice_fault_mode mode, unsigned stall, const char *why)
{
    rig r;
    double t0 = rig_now_ms();
    CT_ASSERT_TRUE(start(&r, link, mode, 1, stall));
    r.board.ram[0x1002] = 0x37;
    r.board.ram[0x1003] = 0x12;
    uint64_t v = 0;
    CT_EXPECT_EQ(sice_read_mem(&r.client, 0x1000, 4, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0x1237beef);
    CT_EXPECT_EQ(r.client.retried, 1);
    CT_EXPECT_FALSE(r.client.stopped);
    CT_EXPECT_EQ(r.target.stats.faults >= 1, 1);
    CT_EXPECT_EQ(r.nmsgs, 1);
    CT_EXPECT_TRUE(rig_msg_has(&r, "serialice: read 0x00001000.l: "));
    CT_EXPECT_TRUE(rig_msg_has(&r, why));
    CT_EXPECT_TRUE(rig_msg_has(&r, "; resynchronised, retrying"));
    for (unsigned i = 0; i < r.nmsgs && (r.nmsgs != 1 || !rig_msg_has(&r, why)); i++)
        ctest_fail(__FILE__, __LINE__, "message %u: %s", i, r.msgs[i]);
    /* The line is back in step: later accesses need no retry. */
    CT_EXPECT_EQ(sice_read_mem(&r.client, 0x1000, 2, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0xbeef);
    CT_EXPECT_EQ(r.client.retried, 1);
    CT_EXPECT_EQ(r.nmsgs, 1);
    rig_stop(&r);
    CT_EXPECT_TRUE(rig_now_ms() - t0 < BOUND_MS);
}

/* The same fault twice in a row: the retry fails too and the session stops. */
static void stops_after_retry(rig_link link, sice_fault_mode mode, sice_status want,
                              const char *why)
{
    rig r;
    double t0 = rig_now_ms();
    CT_ASSERT_TRUE(start(&r, link, mode, 2, 0));
    uint64_t v = 0;
    CT_EXPECT_EQ(sice_read_mem(&r.client, 0x1000, 4, &v), want);
    CT_EXPECT_TRUE(r.client.stopped);
    CT_EXPECT_EQ(r.nmsgs, 2);                        /* the retry notice, the stop */
    const char *err = sice_client_error(&r.client);
    const char *want_prefix = "serialice: read 0x00001000.l: ";
    CT_EXPECT_TRUE(strncmp(err, want_prefix, strlen(want_prefix)) == 0);
    CT_EXPECT_TRUE(strstr(err, why) != NULL);
    CT_EXPECT_TRUE(strstr(err, "(failed again after 1 retry): stopping") != NULL);
    if (!strstr(err, why))
        ctest_fail(__FILE__, __LINE__, "error was: %s", err);
    /* Stopped for good: no more traffic, immediate answer. */
    unsigned cmds = r.target.stats.commands;
    CT_EXPECT_EQ(sice_read_mem(&r.client, 0x1000, 4, &v), SICE_ERR_STOPPED);
    CT_EXPECT_EQ(sice_write_mem(&r.client, 0x1000, 4, 1), SICE_ERR_STOPPED);
    CT_EXPECT_EQ(r.target.stats.commands, cmds);
    rig_stop(&r);
    CT_EXPECT_TRUE(rig_now_ms() - t0 < BOUND_MS);
}

CTEST(serialice_fault, wrong_echo_retries_once)
{
    rig r;
    CT_ASSERT_TRUE(start(&r, RIG_SOCKETPAIR, SICE_FAULT_WRONG_ECHO, 1, 0));
    r.board.ram[0x1018] = 0x42;
    uint64_t v = 0;
    CT_EXPECT_EQ(sice_read_mem(&r.client, 0x101f1018 - 0x101f0000, 1, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0x42);
    CT_ASSERT_EQ(r.nmsgs, 1);
    CT_EXPECT_STREQ(r.msgs[0], "serialice: read 0x00001018.b: echo mismatch (sent '*', got 'x'); "
                               "resynchronised, retrying");
    rig_stop(&r);
}

CTEST(serialice_fault, noise_recovers) { recovers(RIG_SOCKETPAIR, SICE_FAULT_NOISE, 0, "echo mismatch (sent '0', got '\\xff')"); }
CTEST(serialice_fault, short_reply_recovers) { recovers(RIG_SOCKETPAIR, SICE_FAULT_SHORT_REPLY, 0, "reply too short (7 of 8 characters, then a newline)"); }
CTEST(serialice_fault, nonhex_reply_recovers) { recovers(RIG_SOCKETPAIR, SICE_FAULT_NONHEX_REPLY, 0, "reply not hex ('z' at character 1 of 8)"); }
CTEST(serialice_fault, stall_recovers) { recovers(RIG_SOCKETPAIR, SICE_FAULT_STALL, 650, "timeout after 400 ms waiting for the reply (got 0 of 9 bytes)"); }
CTEST(serialice_fault, wrong_echo_recovers_pty) { recovers(RIG_PTY, SICE_FAULT_WRONG_ECHO, 0, "echo mismatch (sent '*', got 'x')"); }
CTEST(serialice_fault, noise_recovers_tcp) { recovers(RIG_TCP, SICE_FAULT_NOISE, 0, "echo mismatch"); }

CTEST(serialice_fault, noise_twice_stops) { stops_after_retry(RIG_SOCKETPAIR, SICE_FAULT_NOISE, SICE_ERR_PROTOCOL, "echo mismatch (sent '0', got '\\xff')"); }
CTEST(serialice_fault, wrong_echo_twice_stops_pty) { stops_after_retry(RIG_PTY, SICE_FAULT_WRONG_ECHO, SICE_ERR_PROTOCOL, "echo mismatch (sent '*', got 'x')"); }
CTEST(serialice_fault, short_reply_twice_stops) { stops_after_retry(RIG_SOCKETPAIR, SICE_FAULT_SHORT_REPLY, SICE_ERR_PROTOCOL, "reply too short"); }
CTEST(serialice_fault, nonhex_reply_twice_stops) { stops_after_retry(RIG_SOCKETPAIR, SICE_FAULT_NONHEX_REPLY, SICE_ERR_PROTOCOL, "reply not hex"); }

CTEST(serialice_fault, stall_forever_stops_without_hanging)
{
    rig r;
    double t0 = rig_now_ms();
    CT_ASSERT_TRUE(start(&r, RIG_SOCKETPAIR, SICE_FAULT_STALL, 1, 60000));
    uint64_t v = 0;
    CT_EXPECT_EQ(sice_read_mem(&r.client, 0x1000, 4, &v), SICE_ERR_TIMEOUT);
    CT_EXPECT_TRUE(r.client.stopped);
    const char *err = sice_client_error(&r.client);
    CT_EXPECT_TRUE(strstr(err, "serialice: read 0x00001000.l: timeout after 400 ms waiting for "
                               "the reply (got 0 of 9 bytes); resynchronisation failed "
                               "(timeout): stopping") != NULL);
    if (!strstr(err, "resynchronisation failed"))
        ctest_fail(__FILE__, __LINE__, "error was: %s", err);
    rig_stop(&r);
    CT_EXPECT_TRUE(rig_now_ms() - t0 < BOUND_MS);
}

static void reset_stops(rig_link link)
{
    rig r;
    double t0 = rig_now_ms();
    CT_ASSERT_TRUE(start(&r, link, SICE_FAULT_RESET, 1, 0));
    uint64_t v = 0;
    CT_EXPECT_EQ(sice_write_mem(&r.client, 0x1000, 4, 0x11223344), SICE_ERR_RESET);
    CT_EXPECT_TRUE(r.client.stopped);
    const char *err = sice_client_error(&r.client);
    const char *want = "serialice: write 0x00001000.l <= 0x11223344: echo mismatch "
                       "(sent '0', got '\\n'); the board reset";
    CT_EXPECT_TRUE(strncmp(err, want, strlen(want)) == 0);
    if (!strstr(err, "the board reset"))
        ctest_fail(__FILE__, __LINE__, "error was: %s", err);
    CT_EXPECT_EQ(r.board.ram[0x1000], 0xef);   /* the write never happened */
    CT_EXPECT_EQ(sice_read_mem(&r.client, 0x1000, 4, &v), SICE_ERR_STOPPED);
    rig_stop(&r);
    CT_EXPECT_TRUE(rig_now_ms() - t0 < BOUND_MS);
}

CTEST(serialice_fault, reset_stops_socketpair) { reset_stops(RIG_SOCKETPAIR); }
CTEST(serialice_fault, reset_stops_pty) { reset_stops(RIG_PTY); }

static void disconnect_stops(rig_link link)
{
    rig r;
    double t0 = rig_now_ms();
    CT_ASSERT_TRUE(start(&r, link, SICE_FAULT_DISCONNECT, 1, 0));
    uint64_t v = 0;
    CT_EXPECT_EQ(sice_read_mem(&r.client, 0x1000, 4, &v), SICE_ERR_CLOSED);
    CT_EXPECT_TRUE(r.client.stopped);
    const char *err = sice_client_error(&r.client);
    const char *want = "serialice: read 0x00001000.l: disconnected ";
    CT_EXPECT_TRUE(strncmp(err, want, strlen(want)) == 0);
    CT_EXPECT_TRUE(strstr(err, "the board is gone, stopping") != NULL);
    if (!strstr(err, "the board is gone"))
        ctest_fail(__FILE__, __LINE__, "error was: %s", err);
    CT_EXPECT_EQ(r.nmsgs, 1);   /* no retry on a dead line */
    CT_EXPECT_EQ(sice_read_mem(&r.client, 0x1000, 4, &v), SICE_ERR_STOPPED);
    rig_stop(&r);
    CT_EXPECT_EQ(r.serve_status, SICE_ERR_CLOSED);
    CT_EXPECT_TRUE(rig_now_ms() - t0 < BOUND_MS);
}

CTEST(serialice_fault, disconnect_stops_socketpair) { disconnect_stops(RIG_SOCKETPAIR); }
CTEST(serialice_fault, disconnect_stops_pty) { disconnect_stops(RIG_PTY); }
CTEST(serialice_fault, disconnect_stops_tcp) { disconnect_stops(RIG_TCP); }

CTEST(serialice_fault, write_with_noise_is_retried_and_lands)
{
    rig r;
    CT_ASSERT_TRUE(start(&r, RIG_SOCKETPAIR, SICE_FAULT_NOISE, 1, 0));
    CT_EXPECT_EQ(sice_write_mem(&r.client, 0x1000, 4, 0xcafef00d), SICE_OK);
    CT_EXPECT_EQ(r.board.ram[0x1000], 0x0d);
    CT_EXPECT_EQ(r.board.ram[0x1003], 0xca);
    CT_EXPECT_TRUE(rig_msg_has(&r, "serialice: write 0x00001000.l <= 0xcafef00d: echo mismatch"));
    CT_EXPECT_EQ(r.client.retried, 1);
    rig_stop(&r);
}

CTEST(serialice_fault, no_retry_config_stops_at_first_fault)
{
    rig r;
    sice_target_fault f = { .mode = SICE_FAULT_NONHEX_REPLY, .at = 2, .count = 1 };
    CT_ASSERT_TRUE(rig_start(&r, RIG_SOCKETPAIR, &f));
    r.ccfg.no_retry = true;
    CT_ASSERT_EQ(rig_open_client(&r), SICE_OK);
    uint64_t v;
    CT_EXPECT_EQ(sice_read_io(&r.client, 0xcfc, 4, &v), SICE_ERR_PROTOCOL);
    CT_EXPECT_TRUE(strstr(sice_client_error(&r.client), "serialice: io read 0x0cfc.l: reply not "
                          "hex ('z' at character 1 of 8) (failed again after 0 retries)") != NULL);
    rig_stop(&r);
}

CTEST(serialice_fault, handshake_without_board_fails_cleanly)
{
    /* A pty nobody serves: the handshake must give up, not hang. */
    sice_transport m, s;
    CT_ASSERT_EQ(sice_transport_open_pty(&m, 0), SICE_OK);
    CT_ASSERT_EQ(sice_transport_open_serial(&s, m.path, 115200), SICE_OK);
    sice_client c;
    sice_client_config cfg = { .timeout_ms = 300, .quiet_ms = 30,
                               .message = NULL };
    double t0 = rig_now_ms();
    CT_EXPECT_EQ(sice_client_open(&c, &s, &cfg), SICE_ERR_TIMEOUT);
    CT_EXPECT_TRUE(rig_now_ms() - t0 < BOUND_MS);
    CT_EXPECT_TRUE(strstr(sice_client_error(&c), "serialice: handshake: no prompt from the board") != NULL);
    sice_transport_close(&s);
    sice_transport_close(&m);
}
