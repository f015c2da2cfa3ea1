/*
 * Transport over real sockets (loopback TCP and Unix), single-threaded:
 * the test is both the client and the simulation that polls.  Every wait
 * is bounded (2 s) so a bug fails the test instead of hanging it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "ctest.h"
#include "fake_target.h"
#include "gdb/transport.h"

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int connect_tcp(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int connect_unix(const char *path)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    memcpy(sa.sun_path, path, strlen(path) < sizeof sa.sun_path ? strlen(path) + 1 : 0);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* poll the transport until cond holds or 2 s pass */
#define PUMP_UNTIL(t, s, cond) do {                                   \
        long end_ = now_ms() + 2000;                                  \
        while (!(cond) && now_ms() < end_)                            \
            gdb_transport_poll((t), (s), 10);                         \
    } while (0)

/* send a framed packet from the client */
static void client_send(int fd, const char *payload)
{
    char buf[512];
    unsigned sum = 0;
    for (const char *p = payload; *p; p++)
        sum += (uint8_t)*p;
    int n = snprintf(buf, sizeof buf, "$%s#%02x", payload, sum & 0xff);
    CT_EXPECT_EQ(send(fd, buf, (size_t)n, MSG_NOSIGNAL), n);
}

/* pump until the client has received a full frame (ending "#cc"); returns bytes */
static size_t client_recv(gdb_transport *t, gdb_stub *s, int fd, char *buf, size_t cap)
{
    size_t n = 0;
    long end = now_ms() + 2000;
    buf[0] = '\0';
    while (now_ms() < end) {
        gdb_transport_poll(t, s, 5);
        struct pollfd pf = { .fd = fd, .events = POLLIN };
        if (poll(&pf, 1, 5) > 0) {
            ssize_t r = recv(fd, buf + n, cap - 1 - n, 0);
            if (r <= 0)
                break;
            n += (size_t)r;
            buf[n] = '\0';
            char *h = strchr(buf, '#');
            if (h && strlen(h) >= 3)
                break;
        }
    }
    return n;
}

typedef struct tctx {
    fake_machine m;
    gdb_stub *s;
    gdb_transport *t;
} tctx;

static tctx *ctx_new(const char *spec)
{
    tctx *c = calloc(1, sizeof *c);
    fake_init(&c->m);
    gdb_stub_config cfg = { .start_halted = false };
    c->s = gdb_stub_new(&fake_dif, &c->m, &cfg);
    char err[256];
    if (gdb_transport_open(&c->t, spec, err, sizeof err) != GDB_OK) {
        fprintf(stderr, "%s\n", err);
        gdb_stub_free(c->s);
        free(c);
        return NULL;
    }
    return c;
}

static void ctx_free(tctx *c)
{
    gdb_transport_close(c->t);
    gdb_stub_free(c->s);
    free(c);
}

CTEST(gdb_transport, tcp_session_disconnect_and_reattach)
{
    tctx *c = ctx_new("tcp::0");
    CT_ASSERT_TRUE(c != NULL);
    int port = gdb_transport_port(c->t);
    CT_ASSERT_TRUE(port > 0);
    char where[64], want[64];
    gdb_transport_describe(c->t, where, sizeof where);
    snprintf(want, sizeof want, "127.0.0.1:%d", port);
    CT_EXPECT_STREQ(where, want);           /* loopback by default */

    for (int round = 0; round < 2; round++) {
        int fd = connect_tcp(port);
        CT_ASSERT_TRUE(fd >= 0);
        PUMP_UNTIL(c->t, c->s, gdb_transport_connected(c->t));
        CT_ASSERT_TRUE(gdb_stub_has_client(c->s));
        CT_EXPECT_EQ(gdb_stub_cpu_run(c->s, 0), GDB_RUN_HOLD);
        client_send(fd, "?");
        char buf[256];
        client_recv(c->t, c->s, fd, buf, sizeof buf);
        CT_EXPECT_EQ(strncmp(buf, "+$T05thread:01;#", 16), 0);
        /* a breakpoint, a continue, then the client vanishes mid-run */
        client_send(fd, "Z0,1008,4");
        client_recv(c->t, c->s, fd, buf, sizeof buf);
        CT_EXPECT_EQ(strncmp(buf, "+$OK#9a", 7), 0);
        CT_EXPECT_EQ(c->m.bps.n, 1);
        client_send(fd, "c");
        PUMP_UNTIL(c->t, c->s, gdb_stub_cpu_run(c->s, 0) == GDB_RUN_CONTINUE);
        close(fd);
        PUMP_UNTIL(c->t, c->s, !gdb_transport_connected(c->t));
        CT_EXPECT_FALSE(gdb_stub_has_client(c->s));
        CT_EXPECT_EQ(c->m.bps.n, 0);
        CT_EXPECT_EQ(gdb_stub_cpu_run(c->s, 0), GDB_RUN_CONTINUE);
    }
    ctx_free(c);
}

CTEST(gdb_transport, second_client_is_turned_away)
{
    tctx *c = ctx_new("tcp:127.0.0.1:0");
    CT_ASSERT_TRUE(c != NULL);
    int port = gdb_transport_port(c->t);
    int a = connect_tcp(port);
    PUMP_UNTIL(c->t, c->s, gdb_transport_connected(c->t));
    int b = connect_tcp(port);
    CT_ASSERT_TRUE(a >= 0 && b >= 0);
    /* b gets EOF; a still works */
    char buf[256];
    ssize_t r = -1;
    long end = now_ms() + 2000;
    while (now_ms() < end) {
        gdb_transport_poll(c->t, c->s, 5);
        struct pollfd pf = { .fd = b, .events = POLLIN };
        if (poll(&pf, 1, 5) > 0) {
            r = recv(b, buf, sizeof buf, 0);
            break;
        }
    }
    CT_EXPECT_EQ(r, 0);
    client_send(a, "qAttached");
    client_recv(c->t, c->s, a, buf, sizeof buf);
    CT_EXPECT_EQ(strncmp(buf, "+$1#31", 6), 0);
    close(a);
    close(b);
    ctx_free(c);
}

CTEST(gdb_transport, port_in_use_is_one_clear_error)
{
    tctx *c = ctx_new("tcp::0");
    CT_ASSERT_TRUE(c != NULL);
    char spec[64], err[256];
    snprintf(spec, sizeof spec, "tcp::%d", gdb_transport_port(c->t));
    gdb_transport *t2 = NULL;
    CT_EXPECT_EQ(gdb_transport_open(&t2, spec, err, sizeof err), GDB_ERR_INVAL);
    CT_EXPECT_TRUE(t2 == NULL);
    char want[128];
    snprintf(want, sizeof want, "gdb: cannot listen on 127.0.0.1:%d: Address already in use",
             gdb_transport_port(c->t));
    CT_EXPECT_STREQ(err, want);
    CT_EXPECT_TRUE(strchr(err, '\n') == NULL);
    ctx_free(c);
}

CTEST(gdb_transport, bad_specs)
{
    static const char *bad[] = { "bogus", "tcp::70000", "tcp::-1", "unix:", "tcp:1.2.3.4.5:0", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gdb_transport *t = NULL;
        char err[256] = "";
        CT_EXPECT_NE(gdb_transport_open(&t, bad[i], err, sizeof err), GDB_OK);
        CT_EXPECT_TRUE(t == NULL);
        CT_EXPECT_EQ(strncmp(err, "gdb: ", 5), 0);
    }
    /* a regular file is never replaced by the unix socket */
    char path[128];
    snprintf(path, sizeof path, "/tmp/gdbtest-file-%d", (int)getpid());
    FILE *f = fopen(path, "w");
    CT_ASSERT_TRUE(f != NULL);
    fclose(f);
    char spec[160], err[256];
    snprintf(spec, sizeof spec, "unix:%s", path);
    gdb_transport *t = NULL;
    CT_EXPECT_NE(gdb_transport_open(&t, spec, err, sizeof err), GDB_OK);
    struct stat st;
    CT_EXPECT_EQ(stat(path, &st), 0);
    unlink(path);
}

CTEST(gdb_transport, explicit_any_address)
{
    tctx *c = ctx_new("tcp:0.0.0.0:0");
    CT_ASSERT_TRUE(c != NULL);
    char where[64];
    gdb_transport_describe(c->t, where, sizeof where);
    CT_EXPECT_EQ(strncmp(where, "0.0.0.0:", 8), 0);
    int fd = connect_tcp(gdb_transport_port(c->t));
    CT_ASSERT_TRUE(fd >= 0);
    PUMP_UNTIL(c->t, c->s, gdb_transport_connected(c->t));
    CT_EXPECT_TRUE(gdb_transport_connected(c->t));
    close(fd);
    ctx_free(c);
}

CTEST(gdb_transport, unix_socket_session)
{
    char path[128], spec[160];
    snprintf(path, sizeof path, "/tmp/gdbtest-%d.sock", (int)getpid());
    snprintf(spec, sizeof spec, "unix:%s", path);
    tctx *c = ctx_new(spec);
    CT_ASSERT_TRUE(c != NULL);
    CT_EXPECT_EQ(gdb_transport_port(c->t), -1);
    int fd = connect_unix(path);
    CT_ASSERT_TRUE(fd >= 0);
    PUMP_UNTIL(c->t, c->s, gdb_transport_connected(c->t));
    client_send(fd, "m1000,4");
    char buf[256];
    c->m.mem[0] = 0x5a;
    client_recv(c->t, c->s, fd, buf, sizeof buf);
    CT_EXPECT_EQ(strncmp(buf, "+$5a000000#", 11), 0);
    close(fd);
    PUMP_UNTIL(c->t, c->s, !gdb_transport_connected(c->t));
    CT_EXPECT_FALSE(gdb_stub_has_client(c->s));
    ctx_free(c);
    struct stat st;
    CT_EXPECT_NE(stat(path, &st), 0);       /* removed on close */
    /* a stale socket from an earlier run is replaced */
    int stale = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    memcpy(sa.sun_path, path, strlen(path) < sizeof sa.sun_path ? strlen(path) + 1 : 0);
    CT_ASSERT_EQ(bind(stale, (struct sockaddr *)&sa, sizeof sa), 0);
    close(stale);
    c = ctx_new(spec);
    CT_EXPECT_TRUE(c != NULL);
    if (c)
        ctx_free(c);
}

CTEST(gdb_transport, client_sending_garbage_then_closing)
{
    tctx *c = ctx_new("tcp::0");
    CT_ASSERT_TRUE(c != NULL);
    int fd = connect_tcp(gdb_transport_port(c->t));
    PUMP_UNTIL(c->t, c->s, gdb_transport_connected(c->t));
    uint8_t junk[8192];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t)(i * 131 + 7);
    CT_EXPECT_EQ(send(fd, junk, sizeof junk, MSG_NOSIGNAL), (ssize_t)sizeof junk);
    shutdown(fd, SHUT_WR);
    PUMP_UNTIL(c->t, c->s, !gdb_transport_connected(c->t));
    CT_EXPECT_FALSE(gdb_transport_connected(c->t));
    CT_EXPECT_EQ(gdb_stub_cpu_run(c->s, 0), GDB_RUN_CONTINUE);
    close(fd);
    ctx_free(c);
}
