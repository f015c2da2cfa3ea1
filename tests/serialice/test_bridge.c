/*
 * The bridge core (what the SerialICE TLM module will run per access):
 * routing by rules to the board (target simulator), the simulation, or
 * both; rewrites; one log line per access with the guest PC; and the stop
 * path on a SerialICE failure (log flushed, later accesses refused).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctest.h"
#include "rig.h"
#include "serialice/bridge.h"
#include "serialice/target-tcgbus.h"

#include <pthread.h>
#include <sys/socket.h>

typedef struct simdev {
    uint8_t mem[0x10000];
    unsigned reads, writes;
} simdev;

static bool sim_access(void *opaque, sice_space space, uint64_t addr, unsigned size,
                       bool is_write, uint64_t *val)
{
    simdev *d = opaque;
    uint64_t off = addr & 0xffff;
    if (space != SICE_SPACE_MEM || off + size > sizeof d->mem)
        return false;
    if (is_write) {
        d->writes++;
        for (unsigned i = 0; i < size; i++)
            d->mem[off + i] = (uint8_t)(*val >> (8 * i));
    } else {
        d->reads++;
        *val = 0;
        for (unsigned i = 0; i < size; i++)
            *val |= (uint64_t)d->mem[off + i] << (8 * i);
    }
    return true;
}

static void add(sice_rules *r, const char *spec)
{
    char err[200];
    if (sice_rules_add(r, spec, err, sizeof err) != SICE_OK)
        ctest_fail(__FILE__, __LINE__, "%s", err);
}

CTEST(serialice_bridge, routes_rewrites_and_logs)
{
    rig r;
    CT_ASSERT_TRUE(rig_start(&r, RIG_SOCKETPAIR, NULL));
    CT_ASSERT_EQ(rig_open_client(&r), SICE_OK);
    sice_rules rules;
    sice_rules_init(&rules);
    add(&rules, "0x1000+0x100,name=HWRAM");
    add(&rules, "0x2000+0x100,to=sim");
    add(&rules, "0x3000+0x100,to=both");
    add(&rules, "0x3080+0x4,to=hw,mask=0xf0,value=0x50,on=rw,name=FAKE");
    char *logbuf = NULL;
    size_t loglen = 0;
    FILE *mf = open_memstream(&logbuf, &loglen);
    CT_ASSERT_TRUE(mf != NULL);
    sice_log log;
    sice_log_attach(&log, mf);
    simdev *d = calloc(1, sizeof *d);
    sice_bridge b;
    sice_bridge_init(&b, &r.client, &rules, &log, sim_access, d);

    uint64_t v = 0;
    /* Hardware only: the board's RAM holds 0xbeef at 0x1000. */
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x1000, 2, false, &v, 0x8000), SICE_OK);
    CT_EXPECT_EQ(v, 0xbeef);
    v = 0x11223344;
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x1010, 4, true, &v, 0x8004), SICE_OK);
    CT_EXPECT_EQ(r.board.ram[0x1010], 0x44);
    CT_EXPECT_EQ(d->writes, 0);
    /* Simulation only: the board never sees it. */
    unsigned before = r.target.stats.commands;
    v = 0x77;
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x2004, 1, true, &v, 0x8008), SICE_OK);
    CT_EXPECT_EQ(d->mem[0x2004], 0x77);
    CT_EXPECT_EQ(r.target.stats.commands, before);
    /* Both: writes reach both, reads take the board's value. */
    v = 0xa1b2c3d4;
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x3000, 4, true, &v, 0x800c), SICE_OK);
    CT_EXPECT_EQ(d->mem[0x3000], 0xd4);
    CT_EXPECT_EQ(r.board.ram[0x3000], 0xd4);
    r.board.ram[0x3000] = 0x99;   /* the board's register changed on its own */
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x3000, 1, false, &v, 0x8010), SICE_OK);
    CT_EXPECT_EQ(v, 0x99);
    CT_EXPECT_EQ(d->reads, 1);
    /* Rewrite: bits 7:4 forced to 5, on the way out and on the way back. */
    v = 0x0f;
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x3080, 1, true, &v, 0x8014), SICE_OK);
    CT_EXPECT_EQ(r.board.ram[0x3080], 0x5f);
    r.board.ram[0x3080] = 0xa3;
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x3080, 1, false, &v, 0x8018), SICE_OK);
    CT_EXPECT_EQ(v, 0x53);
    /* No rule: the simulation, flagged unknown. */
    d->mem[0x4000 & 0xffff] = 0x42;
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x4000, 1, false, &v, 0x801c), SICE_OK);
    CT_EXPECT_EQ(v, 0x42);
    CT_EXPECT_EQ(b.to_hw, 6);   /* 0x1000 r, 0x1010 w, 0x3000 w+r, 0x3080 w+r */
    CT_EXPECT_EQ(b.to_sim, 4);  /* 0x2004 w, 0x3000 w+r, 0x4000 r */

    CT_EXPECT_EQ(sice_bridge_finish(&b), SICE_OK);
    fclose(mf);
    CT_EXPECT_STREQ(logbuf,
        "0000.0001    RH..    [0000:00008000]   HWRAM:  readw 00001000 => beef\n"
        "0000.0002    RH..    [0000:00008004]   HWRAM: writel 00001010 <= 11223344\n"
        "0000.0003    R.Q.    [0000:00008008]   MEM: writeb 00002004 <= 77\n"
        "0000.0004    RHQ.    [0000:0000800c]   MEM: writel 00003000 <= a1b2c3d4\n"
        "0000.0005    RHQ.    [0000:00008010]   MEM:  readb 00003000 => 99\n"
        "0000.0006    RH.F    [0000:00008014]   FAKE: writeb 00003080 <= 5f\n"
        "0000.0007    RH.F    [0000:00008018]   FAKE:  readb 00003080 => 53\n"
        "0000.0008    R.QU    [0000:0000801c]   MEM:  readb 00004000 => 42\n");
    free(logbuf);
    free(d);
    sice_rules_free(&rules);
    rig_stop(&r);
}

CTEST(serialice_bridge, failure_stops_and_flushes_the_log)
{
    rig r;
    sice_target_fault f = { .mode = SICE_FAULT_NONHEX_REPLY, .at = 3, .count = 2 };
    CT_ASSERT_TRUE(rig_start(&r, RIG_SOCKETPAIR, &f));
    CT_ASSERT_EQ(rig_open_client(&r), SICE_OK);
    sice_rules rules;
    sice_rules_init(&rules);
    add(&rules, "0x1000+0x1000");
    char path[] = "/tmp/sice-bridge-XXXXXX";
    int fd = mkstemp(path);
    CT_ASSERT_TRUE(fd >= 0);
    close(fd);
    sice_log log;
    CT_ASSERT_EQ(sice_log_open(&log, path), SICE_OK);
    sice_bridge b;
    sice_bridge_init(&b, &r.client, &rules, &log, NULL, NULL);
    uint64_t v = 0;
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x1000, 2, false, &v, 0x100), SICE_OK);
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x1000, 2, false, &v, 0x104),
                 SICE_ERR_STOPPED);
    CT_EXPECT_TRUE(b.stopped);
    CT_EXPECT_TRUE(strstr(b.stop_msg, "serialice: read 0x00001000.w: reply not hex") != NULL);
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x1000, 2, false, &v, 0x108),
                 SICE_ERR_STOPPED);
    /* Flushed at the stop, without closing: a crash right now loses nothing. */
    char buf[1024] = "";
    FILE *rf = fopen(path, "r");
    CT_ASSERT_TRUE(rf != NULL);
    size_t n = fread(buf, 1, sizeof buf - 1, rf);
    buf[n] = '\0';
    fclose(rf);
    const char *want = "0000.0001    RH..    [0000:00000100]   MEM:  readw 00001000 => beef\n"
                       "0000.0002    I...    [0000:00000104]   SerialICE: serialice: read "
                       "0x00001000.w: reply not hex";
    CT_EXPECT_TRUE(strncmp(buf, want, strlen(want)) == 0);
    if (strncmp(buf, want, strlen(want)) != 0)
        ctest_fail(__FILE__, __LINE__, "log was:\n%s", buf);
    CT_EXPECT_EQ(sice_log_close(&log), SICE_OK);
    unlink(path);
    sice_rules_free(&rules);
    rig_stop(&r);
}

CTEST(serialice_bridge, no_board_or_wide_address_stops_cleanly)
{
    sice_rules rules;
    sice_rules_init(&rules);
    add(&rules, "all");
    sice_bridge b;
    sice_bridge_init(&b, NULL, &rules, NULL, NULL, NULL);
    uint64_t v = 0;
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x10, 4, false, &v, 0), SICE_ERR_STOPPED);
    CT_EXPECT_TRUE(strstr(b.stop_msg, "no board is connected") != NULL);
    sice_client c;   /* never used: the address check comes first */
    memset(&c, 0, sizeof c);
    sice_bridge_init(&b, &c, &rules, NULL, NULL, NULL);
    CT_EXPECT_EQ(sice_bridge_access(&b, SICE_SPACE_MEM, 0x100000000ull, 4, false, &v, 0),
                 SICE_ERR_STOPPED);
    CT_EXPECT_TRUE(strstr(b.stop_msg, "does not fit the 32-bit wire format") != NULL);
    sice_rules_free(&rules);
}

/* ---- the target simulator served from a tcg_bus (cosim --serialice-target) */

typedef struct fakebus {
    uint8_t mem[0x100];
    unsigned accesses;
} fakebus;

static tcg_bus_status fb_access(void *opaque, uint64_t addr, unsigned size, bool is_write,
                                uint64_t *val, uint64_t insn_cycles, uint64_t *stall)
{
    fakebus *f = opaque;
    *stall = 0;
    if (addr < 0x80000000u || addr - 0x80000000u + size > sizeof f->mem)
        return TCG_BUS_DECODE_ERROR;
    uint8_t *p = f->mem + (addr - 0x80000000u);
    f->accesses++;
    if (is_write) {
        for (unsigned i = 0; i < size; i++)
            p[i] = (uint8_t)(*val >> (8 * i));
    } else {
        *val = 0;
        for (unsigned i = 0; i < size; i++)
            *val |= (uint64_t)p[i] << (8 * i);
    }
    return TCG_BUS_OK;
}

typedef struct served {
    sice_target tg;
    sice_transport t;
    sice_status st;
} served;

static void *serve_it(void *arg)
{
    served *s = arg;
    s->st = sice_target_serve(&s->tg, &s->t);
    return NULL;
}

CTEST(serialice_bridge, target_sim_from_a_tcg_bus)
{
    static const tcg_bus_ops ops = { .access = fb_access };
    fakebus fb;
    memset(&fb, 0, sizeof fb);
    tcg_bus bus = { .ops = &ops, .opaque = &fb };
    sice_target_bus tb = sice_target_bus_from_tcg(&bus);
    served s;
    sice_target_init(&s.tg, NULL, &tb);
    int sv[2];
    CT_ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    CT_ASSERT_EQ(sice_transport_from_fd(&s.t, sv[0]), SICE_OK);
    pthread_t th;
    CT_ASSERT_EQ(pthread_create(&th, NULL, serve_it, &s), 0);
    sice_transport h;
    CT_ASSERT_EQ(sice_transport_from_fd(&h, sv[1]), SICE_OK);
    sice_client c;
    sice_client_config cfg = { .timeout_ms = 1000, .quiet_ms = 40 };
    CT_EXPECT_EQ(sice_client_open(&c, &h, &cfg), SICE_OK);
    CT_EXPECT_STREQ(sice_client_mainboard(&c), "COSIM");
    uint64_t v = 0;
    CT_EXPECT_EQ(sice_write_mem(&c, 0x80000010, 4, 0xfeedf00d), SICE_OK);
    CT_EXPECT_EQ(fb.mem[0x10], 0x0d);
    CT_EXPECT_EQ(sice_read_mem(&c, 0x80000012, 2, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0xfeed);
    CT_EXPECT_EQ(sice_read_mem(&c, 0x10, 4, &v), SICE_OK);   /* decode error: all ones */
    CT_EXPECT_EQ(v, 0xffffffff);
    CT_EXPECT_EQ(sice_read_io(&c, 0x80, 1, &v), SICE_OK);    /* no I/O space on our guests */
    CT_EXPECT_EQ(v, 0xff);
    CT_EXPECT_EQ(fb.accesses, 2);
    sice_transport_close(&h);
    pthread_join(th, NULL);
    CT_EXPECT_EQ(s.st, SICE_ERR_CLOSED);
    sice_transport_close(&s.t);
}
