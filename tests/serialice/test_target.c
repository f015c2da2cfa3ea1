/*
 * The target simulator against the genuine shell's observed transcript
 * (docs/serialice.md, "observed from the genuine shell v1.6"): a raw host
 * writes the same bytes and must read back exactly the same bytes.
 */
#include <string.h>
#include <unistd.h>

#include "ctest.h"
#include "rig.h"

/* Write `out`, then read exactly strlen(expect) bytes (2 s bound) and
 * check nothing else follows for 60 ms.  Returns true when equal. */
static bool exchange(sice_transport *t, const char *out, const char *expect, char *got,
                     size_t gotlen)
{
    size_t want = strlen(expect), n = 0;
    if (sice_transport_write(t, (const uint8_t *)out, strlen(out), 1000) != SICE_OK)
        return false;
    double end = rig_now_ms() + 2000;
    while (n < want && rig_now_ms() < end) {
        size_t k = 0;
        if (sice_transport_read(t, (uint8_t *)got + n, want - n, 100, &k) == SICE_OK)
            n += k;
    }
    uint8_t extra;
    size_t k = 0;
    bool more = sice_transport_read(t, &extra, 1, 60, &k) == SICE_OK;
    got[n < gotlen ? n : gotlen - 1] = '\0';
    return n == want && !more && memcmp(got, expect, want) == 0;
}

static const struct { const char *host, *board; } transcript[] = {
    { "@", "@\r\n> " },
    { "*vi", "*vi\r\nSerialICE v1.6 (Nov 21 2026)\r\n\r\n> " },
    { "*mb", "*mb\r\nQEMU X86                        \r\n> " },
    { "*ri0cfc.l", "*ri0cfc.l\r\n12378086\r\n> " },
    { "*wi0cf8.l=80000000", "*wi0cf8.l=80000000\r\n> " },
    { "*rm00001000.w", "*rm00001000.w\r\nbeef\r\n> " },
    { "*ci00000000.00000000", "*ci00000000.00000000\r\n00000004.756e6547.6c65746e.49656e69\r\n> " },
    { "*rc0000001b.9c5a203a", "*rc0000001b.9c5a203a\r\n00000000.fee00900\r\n> " },
    { "*xx", "*xxERROR\r\n\r\n> " },
};

CTEST(serialice_target, reproduces_genuine_transcript)
{
    rig r;
    CT_ASSERT_TRUE(rig_start(&r, RIG_SOCKETPAIR, NULL));
    char got[256];
    /* The banner comes once at start-up, then the first prompt. */
    CT_EXPECT_TRUE(exchange(&r.host_t, "", "\r\nSerialICE v1.6 (Nov 21 2026)\r\n\r\n> ", got,
                            sizeof got));
    for (size_t i = 0; i < sizeof transcript / sizeof transcript[0]; i++) {
        bool same = exchange(&r.host_t, transcript[i].host, transcript[i].board, got, sizeof got);
        CT_EXPECT_TRUE(same);
        if (!same)
            ctest_fail(__FILE__, __LINE__, "step %zu '%s': got '%s'", i, transcript[i].host, got);
    }
    /* The I/O write landed in the board's port space (little-endian). */
    CT_EXPECT_EQ(r.board.io[0xcfb], 0x80);
    CT_EXPECT_EQ(r.board.io[0xcf8], 0x00);
    CT_EXPECT_EQ(r.target.stats.io_writes, 1);
    CT_EXPECT_EQ(r.target.stats.errors, 1);   /* the *xx */
    rig_stop(&r);
}

CTEST(serialice_target, bad_hex_digit_reports_each_and_counts_zero)
{
    rig r;
    CT_ASSERT_TRUE(rig_start(&r, RIG_PTY, NULL));
    r.board.ram[0x1002] = 0x34;
    r.board.ram[0x1003] = 0x12;
    char got[256];
    (void)exchange(&r.host_t, "", "\r\nSerialICE v1.6 (Nov 21 2026)\r\n\r\n> ", got, sizeof got);
    /* 'g' and 'G' are not hex: each prints the error, and counts as 0:
     * "0000gG02" reads as address 0x00000002 (RAM holds 0 there). */
    CT_EXPECT_TRUE(exchange(&r.host_t, "*rm0000gG02.w",
                            "*rm0000gERROR: parsing number\r\nGERROR: parsing number\r\n02.w"
                            "\r\n0000\r\n> ", got, sizeof got));
    CT_EXPECT_TRUE(exchange(&r.host_t, "*rm000010g2.w",
                            "*rm000010gERROR: parsing number\r\n2.w\r\n1234\r\n> ", got,
                            sizeof got));
    CT_EXPECT_EQ(r.target.stats.errors, 3);
    rig_stop(&r);
}

CTEST(serialice_target, uppercase_hex_and_stray_bytes)
{
    rig r;
    CT_ASSERT_TRUE(rig_start(&r, RIG_SOCKETPAIR, NULL));
    char got[256];
    (void)exchange(&r.host_t, "", "\r\nSerialICE v1.6 (Nov 21 2026)\r\n\r\n> ", got, sizeof got);
    /* Anything but '*' at the prompt: echoed, then a fresh prompt. */
    CT_EXPECT_TRUE(exchange(&r.host_t, "\r", "\r\r\n> ", got, sizeof got));
    CT_EXPECT_TRUE(exchange(&r.host_t, "\n", "\n\r\n> ", got, sizeof got));
    CT_EXPECT_TRUE(exchange(&r.host_t, "z", "z\r\n> ", got, sizeof got));
    CT_EXPECT_TRUE(exchange(&r.host_t, "*wm0000ABCD.q=0123456789ABCDEF",
                            "*wm0000ABCD.q=0123456789ABCDEF\r\n> ", got, sizeof got));
    CT_EXPECT_EQ(r.board.ram[0xabcd], 0xef);
    CT_EXPECT_EQ(r.board.ram[0xabcd + 7], 0x01);
    CT_EXPECT_TRUE(exchange(&r.host_t, "*rm0000abcd.q", "*rm0000abcd.q\r\n0123456789abcdef\r\n> ",
                            got, sizeof got));
    CT_EXPECT_TRUE(exchange(&r.host_t, "*rm0000abcd.b", "*rm0000abcd.b\r\nef\r\n> ", got,
                            sizeof got));
    /* Outside the board's RAM: a floating bus, all ones. */
    CT_EXPECT_TRUE(exchange(&r.host_t, "*rm80000000.l", "*rm80000000.l\r\nffffffff\r\n> ", got,
                            sizeof got));
    /* Command letters are lower case only. */
    CT_EXPECT_TRUE(exchange(&r.host_t, "*RM", "*RMERROR\r\n\r\n> ", got, sizeof got));
    rig_stop(&r);
}

CTEST(serialice_target, fault_spec_parsing)
{
    sice_target_fault f;
    char err[160];
    CT_ASSERT_EQ(sice_target_parse_fault("stall@3x2:750", &f, err, sizeof err), SICE_OK);
    CT_EXPECT_EQ(f.mode, SICE_FAULT_STALL);
    CT_EXPECT_EQ(f.at, 3);
    CT_EXPECT_EQ(f.count, 2);
    CT_EXPECT_EQ(f.stall_ms, 750);
    CT_ASSERT_EQ(sice_target_parse_fault("echo", &f, err, sizeof err), SICE_OK);
    CT_EXPECT_EQ(f.mode, SICE_FAULT_WRONG_ECHO);
    CT_EXPECT_EQ(f.at, 0);
    CT_EXPECT_EQ(f.count, 1);
    CT_EXPECT_EQ(sice_target_parse_fault("gremlins", &f, err, sizeof err), SICE_ERR_ARG);
    CT_EXPECT_TRUE(strstr(err, "unknown fault mode 'gremlins'") != NULL);
    CT_EXPECT_EQ(sice_target_parse_fault("noise@x", &f, err, sizeof err), SICE_ERR_ARG);
    CT_EXPECT_TRUE(strstr(err, "bad number after '@'") != NULL);
    /* "nonhex" holds the count separator 'x' */
    CT_ASSERT_EQ(sice_target_parse_fault("nonhex@5x2", &f, err, sizeof err), SICE_OK);
    CT_EXPECT_EQ(f.mode, SICE_FAULT_NONHEX_REPLY);
    CT_EXPECT_EQ(f.at, 5);
    CT_EXPECT_EQ(f.count, 2);
    CT_ASSERT_EQ(sice_target_parse_fault("nonhex", &f, err, sizeof err), SICE_OK);
    CT_EXPECT_EQ(f.mode, SICE_FAULT_NONHEX_REPLY);
    CT_EXPECT_EQ(f.count, 1);
    CT_EXPECT_EQ(sice_target_parse_fault("nonhexy", &f, err, sizeof err), SICE_ERR_ARG);
}
