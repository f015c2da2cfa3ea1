/*
 * The SerialICE client: handshake and every command and size over each
 * transport, against the target simulator and against a scripted peer
 * that replays the genuine shell's transcript byte for byte (so the bytes
 * the client sends are checked too), plus transport set-up checks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "ctest.h"
#include "rig.h"

static void handshake_on(rig_link link)
{
    rig r;
    CT_ASSERT_TRUE(rig_start(&r, link, NULL));
    CT_ASSERT_EQ(rig_open_client(&r), SICE_OK);
    CT_EXPECT_STREQ(sice_client_version(&r.client), "SerialICE v1.6 (Nov 21 2026)");
    CT_EXPECT_STREQ(sice_client_mainboard(&r.client), "QEMU X86");
    CT_EXPECT_STREQ(sice_client_error(&r.client), "");
    CT_EXPECT_EQ(r.nmsgs, 0);
    CT_EXPECT_EQ(r.target.stats.commands, 2);   /* *vi, *mb */
    rig_stop(&r);
}

CTEST(serialice_client, handshake_pty) { handshake_on(RIG_PTY); }
CTEST(serialice_client, handshake_socketpair) { handshake_on(RIG_SOCKETPAIR); }

CTEST(serialice_client, handshake_tcp_sets_nodelay)
{
    rig r;
    CT_ASSERT_TRUE(rig_start(&r, RIG_TCP, NULL));
    int on = 0;
    socklen_t len = sizeof on;
    CT_ASSERT_EQ(getsockopt(r.host_t.fd, IPPROTO_TCP, TCP_NODELAY, &on, &len), 0);
    CT_EXPECT_NE(on, 0);
    CT_ASSERT_EQ(rig_open_client(&r), SICE_OK);
    CT_EXPECT_STREQ(sice_client_mainboard(&r.client), "QEMU X86");
    uint64_t v = 0;
    CT_ASSERT_EQ(sice_read_mem(&r.client, 0x1000, 2, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0xbeef);
    rig_stop(&r);
}

static void all_commands_on(rig_link link)
{
    rig r;
    CT_ASSERT_TRUE(rig_start(&r, link, NULL));
    CT_ASSERT_EQ(rig_open_client(&r), SICE_OK);
    sice_client *c = &r.client;
    static const struct { uint32_t addr; unsigned size; uint64_t val; } cases[] = {
        { 0x2000, 1, 0xa5 }, { 0x2010, 2, 0xbeef }, { 0x2020, 4, 0xdeadbeef },
        { 0x2030, 8, 0x0123456789abcdefull }, { 0x2041, 4, 0x80000001 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CT_ASSERT_EQ(sice_write_mem(c, cases[i].addr, cases[i].size, cases[i].val), SICE_OK);
        uint64_t got = 0;
        for (unsigned b = 0; b < cases[i].size; b++)   /* landed little-endian */
            got |= (uint64_t)r.board.ram[cases[i].addr + b] << (8 * b);
        CT_EXPECT_EQ(got, cases[i].val);
        uint64_t v = ~0ull;
        CT_ASSERT_EQ(sice_read_mem(c, cases[i].addr, cases[i].size, &v), SICE_OK);
        CT_EXPECT_EQ(v, cases[i].val);
    }
    /* Values the board holds without us having written them. */
    r.board.ram[0x3000] = 0x11; r.board.ram[0x3001] = 0x22;
    r.board.ram[0x3002] = 0x33; r.board.ram[0x3003] = 0x44;
    uint64_t v = 0;
    CT_ASSERT_EQ(sice_read_mem(c, 0x3000, 4, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0x44332211);
    CT_ASSERT_EQ(sice_read_mem(c, 0x3001, 2, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0x3322);
    /* A write of a too-wide value sends only the low bytes. */
    CT_ASSERT_EQ(sice_write_mem(c, 0x3000, 1, 0x1ff), SICE_OK);
    CT_EXPECT_EQ(r.board.ram[0x3000], 0xff);
    CT_EXPECT_EQ(r.board.ram[0x3001], 0x22);

    /* I/O ports, b/w/l. */
    CT_ASSERT_EQ(sice_write_io(c, 0x80, 1, 0x23), SICE_OK);
    CT_EXPECT_EQ(r.board.io[0x80], 0x23);
    CT_ASSERT_EQ(sice_write_io(c, 0x3f8, 2, 0x4142), SICE_OK);
    CT_EXPECT_EQ(r.board.io[0x3f8], 0x42);
    CT_EXPECT_EQ(r.board.io[0x3f9], 0x41);
    CT_ASSERT_EQ(sice_read_io(c, 0xcfc, 4, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0x12378086);
    CT_ASSERT_EQ(sice_read_io(c, 0xcfc, 2, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0x8086);
    CT_ASSERT_EQ(sice_read_io(c, 0x80, 1, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0x23);
    CT_EXPECT_EQ(sice_read_io(c, 0x80, 8, &v), SICE_ERR_ARG);   /* no .q on ports */
    CT_EXPECT_EQ(sice_read_mem(c, 0x80, 3, &v), SICE_ERR_ARG);

    /* MSRs and CPUID. */
    CT_ASSERT_EQ(sice_rdmsr(c, 0x1b, 0x9c5a203a, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0xfee00900);
    CT_ASSERT_EQ(sice_wrmsr(c, 0x277, 0x9c5a203a, 0x0007040600070406ull), SICE_OK);
    CT_ASSERT_EQ(sice_rdmsr(c, 0x277, 0x9c5a203a, &v), SICE_OK);
    CT_EXPECT_EQ(v, 0x0007040600070406ull);
    uint32_t id[4] = { 0, 0, 0, 0 };
    CT_ASSERT_EQ(sice_cpuid(c, 0, 0, id), SICE_OK);
    CT_EXPECT_EQ(id[0], 4);
    CT_EXPECT_EQ(id[1], 0x756e6547);
    CT_EXPECT_EQ(id[2], 0x6c65746e);
    CT_EXPECT_EQ(id[3], 0x49656e69);

    CT_EXPECT_EQ(r.nmsgs, 0);
    CT_EXPECT_EQ(c->retried, 0);
    CT_EXPECT_EQ(r.target.stats.errors, 0);
    CT_EXPECT_EQ(r.target.stats.mem_writes, 6);
    rig_stop(&r);
}

CTEST(serialice_client, every_command_and_size_pty) { all_commands_on(RIG_PTY); }
CTEST(serialice_client, every_command_and_size_socketpair) { all_commands_on(RIG_SOCKETPAIR); }

/* ---- a scripted peer replaying the genuine transcript ----------------- */

typedef struct peer {
    int fd;
    const char *const *in;     /* what the host must send, step by step */
    const char *const *out;    /* what the genuine shell answered       */
    size_t steps;
    char error[200];
} peer;

static bool peer_read(int fd, uint8_t *b)
{
    struct timeval tv = { 2, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return read(fd, b, 1) == 1;
}

static void *peer_thread(void *arg)
{
    peer *p = arg;
    /* Stale banner first: the host must not depend on it. */
    const char banner[] = "\r\nSerialICE v1.6 (Nov 21 2026)\r\n\r\n> ";
    if (write(p->fd, banner, sizeof banner - 1) < 0)
        return NULL;
    for (size_t s = 0; s < p->steps; s++) {
        size_t n = strlen(p->in[s]);
        for (size_t i = 0; i < n; i++) {
            uint8_t b;
            if (!peer_read(p->fd, &b)) {
                snprintf(p->error, sizeof p->error, "step %zu: host sent nothing", s);
                return NULL;
            }
            if (b != (uint8_t)p->in[s][i]) {
                snprintf(p->error, sizeof p->error, "step %zu byte %zu: host sent 0x%02x, "
                         "transcript has '%c'", s, i, b, p->in[s][i]);
                return NULL;
            }
            if (write(p->fd, &p->out[s][i], 1) != 1)   /* the echo */
                return NULL;
        }
        const char *rest = p->out[s] + n;
        if (write(p->fd, rest, strlen(rest)) < 0)
            return NULL;
    }
    return NULL;
}

CTEST(serialice_client, talks_to_the_genuine_transcript)
{
    static const char *const in[] = {
        "@", "@", "*vi", "*mb", "*ri0cfc.l", "*wi0cf8.l=80000000", "*rm00001000.w",
        "*ci00000000.00000000", "*rc0000001b.9c5a203a",
    };
    static const char *const out[] = {
        "@\r\n> ", "@\r\n> ",
        "*vi\r\nSerialICE v1.6 (Nov 21 2026)\r\n\r\n> ",
        "*mb\r\nQEMU X86                        \r\n> ",
        "*ri0cfc.l\r\n12378086\r\n> ",
        "*wi0cf8.l=80000000\r\n> ",
        "*rm00001000.w\r\nbeef\r\n> ",
        "*ci00000000.00000000\r\n00000004.756e6547.6c65746e.49656e69\r\n> ",
        "*rc0000001b.9c5a203a\r\n00000000.fee00900\r\n> ",
    };
    int sv[2];
    CT_ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    peer p = { .fd = sv[0], .in = in, .out = out, .steps = 9 };
    pthread_t th;
    CT_ASSERT_EQ(pthread_create(&th, NULL, peer_thread, &p), 0);
    usleep(50 * 1000);   /* let the banner arrive before the host flushes it */
    sice_transport t;
    CT_ASSERT_EQ(sice_transport_from_fd(&t, sv[1]), SICE_OK);
    sice_client c;
    sice_client_config cfg = { .timeout_ms = 1000, .quiet_ms = 40 };
    sice_status st = sice_client_open(&c, &t, &cfg);
    uint64_t v = 0;
    uint32_t id[4] = { 0, 0, 0, 0 };
    if (st == SICE_OK) {
        CT_EXPECT_STREQ(sice_client_version(&c), "SerialICE v1.6 (Nov 21 2026)");
        CT_EXPECT_STREQ(sice_client_mainboard(&c), "QEMU X86");
        CT_EXPECT_EQ(sice_read_io(&c, 0xcfc, 4, &v), SICE_OK);
        CT_EXPECT_EQ(v, 0x12378086);
        CT_EXPECT_EQ(sice_write_io(&c, 0xcf8, 4, 0x80000000), SICE_OK);
        CT_EXPECT_EQ(sice_read_mem(&c, 0x1000, 2, &v), SICE_OK);
        CT_EXPECT_EQ(v, 0xbeef);
        CT_EXPECT_EQ(sice_cpuid(&c, 0, 0, id), SICE_OK);
        CT_EXPECT_EQ(id[0], 4);
        CT_EXPECT_EQ(id[3], 0x49656e69);
        CT_EXPECT_EQ(sice_rdmsr(&c, 0x1b, 0x9c5a203a, &v), SICE_OK);
        CT_EXPECT_EQ(v, 0xfee00900);
    }
    sice_transport_close(&t);
    pthread_join(th, NULL);
    close(sv[0]);
    CT_EXPECT_EQ(st, SICE_OK);
    CT_EXPECT_STREQ(p.error, "");
}

/* ---- transports --------------------------------------------------------- */

CTEST(serialice_transport, serial_open_is_raw_8n1_exclusive)
{
    sice_transport m, s;
    CT_ASSERT_EQ(sice_transport_open_pty(&m, 0), SICE_OK);
    CT_ASSERT_EQ(sice_transport_open_serial(&s, m.path, 57600), SICE_OK);
    struct termios tio;
    CT_ASSERT_EQ(tcgetattr(s.fd, &tio), 0);
    CT_EXPECT_EQ(tio.c_cflag & CSIZE, CS8);
    CT_EXPECT_EQ(tio.c_cflag & (PARENB | CSTOPB | CRTSCTS), 0);
    CT_EXPECT_EQ(tio.c_lflag & (ICANON | ECHO | ISIG), 0);
    CT_EXPECT_EQ(tio.c_iflag & (ICRNL | IGNCR | IXON), 0);
    CT_EXPECT_EQ(tio.c_oflag & OPOST, 0);
    CT_EXPECT_EQ(cfgetospeed(&tio), B57600);
    int excl = 0;
    CT_ASSERT_EQ(ioctl(s.fd, TIOCGEXCL, &excl), 0);
    CT_EXPECT_NE(excl, 0);
    if (geteuid() != 0) {   /* root may always open an exclusive tty */
        int fd2 = open(m.path, O_RDWR | O_NOCTTY);
        CT_EXPECT_TRUE(fd2 < 0 && errno == EBUSY);
        if (fd2 >= 0)
            close(fd2);
    }
    sice_transport_close(&s);
    sice_transport_close(&m);
}

CTEST(serialice_transport, open_errors_are_clear)
{
    sice_transport t;
    CT_EXPECT_EQ(sice_transport_open_serial(&t, "/dev/null", 12345), SICE_ERR_ARG);
    CT_EXPECT_TRUE(strstr(t.err, "unsupported baud rate 12345") != NULL);
    CT_EXPECT_EQ(sice_transport_open_serial(&t, "/nonexistent/ttyUSB9", 115200), SICE_ERR_IO);
    CT_EXPECT_TRUE(strstr(t.err, "cannot open /nonexistent/ttyUSB9") != NULL);
    CT_EXPECT_EQ(sice_transport_open_serial(&t, "/dev/null", 115200), SICE_ERR_ARG);
    CT_EXPECT_TRUE(strstr(t.err, "not a serial device") != NULL);
    CT_EXPECT_EQ(sice_transport_open_tcp(&t, "127.0.0.1", 0, 500), SICE_ERR_ARG);
    /* A closed local port: refused, reported, no hang. */
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t al = sizeof a;
    CT_ASSERT_EQ(bind(ls, (struct sockaddr *)&a, sizeof a), 0);
    CT_ASSERT_EQ(getsockname(ls, (struct sockaddr *)&a, &al), 0);
    close(ls);   /* bound, never listened: nothing there now */
    CT_EXPECT_EQ(sice_transport_open_tcp(&t, "127.0.0.1", ntohs(a.sin_port), 500), SICE_ERR_IO);
    CT_EXPECT_TRUE(strstr(t.err, "cannot connect to 127.0.0.1:") != NULL);
    static const unsigned ok[] = { 9600, 19200, 38400, 57600, 115200, 230400, 460800 };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        CT_EXPECT_NE(sice_baud_to_speed(ok[i]), 0);
    CT_EXPECT_EQ(sice_baud_to_speed(300), 0);
}

CTEST(serialice_transport, read_times_out_and_sees_hangup)
{
    int sv[2];
    CT_ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    sice_transport t;
    CT_ASSERT_EQ(sice_transport_from_fd(&t, sv[0]), SICE_OK);
    uint8_t b;
    size_t got = 9;
    double t0 = rig_now_ms();
    CT_EXPECT_EQ(sice_transport_read(&t, &b, 1, 80, &got), SICE_ERR_TIMEOUT);
    double dt = rig_now_ms() - t0;
    CT_EXPECT_TRUE(dt >= 70 && dt < 1000);
    CT_EXPECT_EQ(got, 0);
    close(sv[1]);
    CT_EXPECT_EQ(sice_transport_read(&t, &b, 1, 80, &got), SICE_ERR_CLOSED);
    CT_EXPECT_EQ(sice_transport_write(&t, &b, 1, 80), SICE_ERR_CLOSED);
    sice_transport_close(&t);

    /* A pty whose slave side closes: the master reads a hang-up. */
    sice_transport m, s;
    CT_ASSERT_EQ(sice_transport_open_pty(&m, 0), SICE_OK);
    CT_ASSERT_EQ(sice_transport_open_serial(&s, m.path, 115200), SICE_OK);
    sice_transport_close(&s);
    CT_EXPECT_EQ(sice_transport_read(&m, &b, 1, 200, &got), SICE_ERR_CLOSED);
    sice_transport_close(&m);
}
