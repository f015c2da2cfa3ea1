/*
 * Character backends: spec parsing and its errors, and each backend end to
 * end with a fake UART (a byte sink with limited room): null, file, stdio
 * (over pipes), tcp server (nowait and waiting) and client on loopback,
 * pty.  Every blocking step is bounded by poll timeouts or alarm().
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctest.h"
#include "cosim/chardev.h"

typedef struct fake_uart {
    uint8_t got[256];
    size_t n;
    size_t room;   /* bytes it accepts per can_receive call */
} fake_uart;

static size_t uart_can_receive(void *dev)
{
    fake_uart *u = dev;
    size_t free_space = sizeof u->got - u->n;
    return u->room < free_space ? u->room : free_space;
}

static void uart_receive(void *dev, const uint8_t *buf, size_t len)
{
    fake_uart *u = dev;
    memcpy(u->got + u->n, buf, len);
    u->n += len;
}

static void attach(chardev *c, fake_uart *u)
{
    periph_chr *chr = chardev_chr(c);
    chr->can_receive = uart_can_receive;
    chr->receive = uart_receive;
    chr->dev = u;
}

static size_t chr_write(chardev *c, const char *s)
{
    periph_chr *chr = chardev_chr(c);
    return chr->ops->write(chr, (const uint8_t *)s, strlen(s));
}

/* Poll until `want` bytes arrived or ~2 s passed. */
static void poll_until(chardev *c, fake_uart *u, size_t want)
{
    for (int i = 0; i < 200 && u->n < want; i++) {
        if (chardev_poll(c) == 0)
            usleep(10000);
    }
}

/* Read exactly n bytes from fd within ~2 s. */
static bool read_timed(int fd, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, 2000) <= 0)
            return false;
        ssize_t r = read(fd, buf + got, n - got);
        if (r <= 0)
            return false;
        got += (size_t)r;
    }
    return true;
}

/* ---- parsing ----------------------------------------------------------- */

CTEST(chardev, parse_good)
{
    chardev_spec s;
    char err[256] = "";
    CT_ASSERT_TRUE(chardev_parse(&s, "stdio", err, sizeof err));
    CT_EXPECT_EQ(s.kind, CHARDEV_STDIO);
    CT_EXPECT_FALSE(s.mux_monitor);
    CT_ASSERT_TRUE(chardev_parse(&s, "mon:stdio", err, sizeof err));
    CT_EXPECT_EQ(s.kind, CHARDEV_STDIO);
    CT_EXPECT_TRUE(s.mux_monitor);
    CT_ASSERT_TRUE(chardev_parse(&s, "null", err, sizeof err));
    CT_EXPECT_EQ(s.kind, CHARDEV_NULL);
    CT_ASSERT_TRUE(chardev_parse(&s, "pty", err, sizeof err));
    CT_EXPECT_EQ(s.kind, CHARDEV_PTY);
    CT_ASSERT_TRUE(chardev_parse(&s, "file:/tmp/x:y,z", err, sizeof err));
    CT_EXPECT_EQ(s.kind, CHARDEV_FILE);
    CT_EXPECT_STREQ(s.path, "/tmp/x:y,z");
    CT_ASSERT_TRUE(chardev_parse(&s, "tcp::4444,server,nowait", err, sizeof err));
    CT_EXPECT_EQ(s.kind, CHARDEV_TCP);
    CT_EXPECT_STREQ(s.host, "127.0.0.1");
    CT_EXPECT_EQ(s.port, 4444);
    CT_EXPECT_TRUE(s.server);
    CT_EXPECT_TRUE(s.nowait);
    CT_ASSERT_TRUE(chardev_parse(&s, "tcp:localhost:1234", err, sizeof err));
    CT_EXPECT_STREQ(s.host, "localhost");
    CT_EXPECT_EQ(s.port, 1234);
    CT_EXPECT_FALSE(s.server);
    CT_EXPECT_FALSE(s.nowait);
    CT_ASSERT_TRUE(chardev_parse(&s, "tcp:0.0.0.0:65535,server=on,wait=off", err, sizeof err));
    CT_EXPECT_STREQ(s.host, "0.0.0.0");
    CT_EXPECT_EQ(s.port, 65535);
    CT_EXPECT_TRUE(s.server);
    CT_EXPECT_TRUE(s.nowait);
}

static void expect_parse_error(const char *spec, const char *want, int line)
{
    chardev_spec s;
    char err[256] = "";
    if (chardev_parse(&s, spec, err, sizeof err))
        ctest_fail(__FILE__, line, "'%s' accepted", spec);
    else if (strcmp(err, want) != 0)
        ctest_fail(__FILE__, line, "error \"%s\", expected \"%s\"", err, want);
    chardev *c = (chardev *)1;
    if (chardev_open_str(&c, spec, "serial0", NULL, err, sizeof err) || c != NULL)
        ctest_fail(__FILE__, line, "chardev_open_str accepted '%s'", spec);
}

CTEST(chardev, parse_errors)
{
    expect_parse_error("bogus", "chardev 'bogus': unknown backend (expected stdio, mon:stdio, null, "
                       "file:PATH, tcp:HOST:PORT[,server][,nowait] or pty)", __LINE__);
    expect_parse_error("", "chardev '': unknown backend (expected stdio, mon:stdio, null, "
                       "file:PATH, tcp:HOST:PORT[,server][,nowait] or pty)", __LINE__);
    expect_parse_error("file:", "chardev 'file:': expected file:PATH", __LINE__);
    expect_parse_error("tcp:1234,server",
                       "chardev 'tcp:1234,server': expected tcp:HOST:PORT[,server][,nowait]", __LINE__);
    expect_parse_error("tcp:host:99999", "chardev 'tcp:host:99999': bad port '99999' (0..65535)",
                       __LINE__);
    expect_parse_error("tcp:host:12a", "chardev 'tcp:host:12a': bad port '12a' (0..65535)", __LINE__);
    expect_parse_error("tcp:host:", "chardev 'tcp:host:': bad port '' (0..65535)", __LINE__);
    expect_parse_error("tcp:h:12,serverx",
                       "chardev 'tcp:h:12,serverx': unknown tcp option 'serverx' "
                       "(expected tcp:HOST:PORT[,server][,nowait])", __LINE__);
    expect_parse_error("tcp:h:0", "chardev 'tcp:h:0': a tcp client needs a port", __LINE__);
    expect_parse_error("mon:null", "chardev 'mon:null': only mon:stdio is supported", __LINE__);
}

/* ---- backends -------------------------------------------------------------- */

CTEST(chardev, null_backend)
{
    chardev *c = NULL;
    char err[256] = "";
    CT_ASSERT_TRUE(chardev_open_str(&c, "null", "serial0", NULL, err, sizeof err));
    fake_uart u = { .room = 16 };
    attach(c, &u);
    CT_EXPECT_EQ(chr_write(c, "dropped"), 7);
    CT_EXPECT_EQ(chardev_poll(c), 0);
    CT_EXPECT_EQ(chardev_get_kind(c), CHARDEV_NULL);
    CT_EXPECT_TRUE(chardev_pty_path(c) == NULL);
    CT_EXPECT_EQ(chardev_tcp_port(c), 0);
    chardev_close(c);
    chardev_close(NULL);
}

CTEST(chardev, file_backend)
{
    char path[] = "/tmp/chardev_test_XXXXXX";
    int fd = mkstemp(path);
    CT_ASSERT_TRUE(fd >= 0);
    CT_ASSERT_EQ(write(fd, "old contents that must go", 25), 25);
    close(fd);
    char spec[64];
    snprintf(spec, sizeof spec, "file:%s", path);
    chardev *c = NULL;
    char err[256] = "";
    CT_ASSERT_TRUE(chardev_open_str(&c, spec, "serial0", NULL, err, sizeof err));
    CT_EXPECT_EQ(chr_write(c, "hello "), 6);
    CT_EXPECT_EQ(chr_write(c, "world\n"), 6);
    fake_uart u = { .room = 16 };
    attach(c, &u);
    CT_EXPECT_EQ(chardev_poll(c), 0);   /* no input from a file backend */
    chardev_close(c);
    char buf[64] = "";
    FILE *f = fopen(path, "rb");
    CT_ASSERT_TRUE(f != NULL);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    unlink(path);
    CT_EXPECT_EQ(n, 12);
    CT_EXPECT_STREQ(buf, "hello world\n");

    CT_EXPECT_FALSE(chardev_open_str(&c, "file:/nonexistent/dir/out.txt", "serial0", NULL, err,
                                     sizeof err));
    CT_EXPECT_STREQ(err, "chardev 'file:/nonexistent/dir/out.txt': No such file or directory");
}

/* stdio over pipes: fds 0 and 1 are swapped for the test's duration. */
CTEST(chardev, stdio_backend)
{
    int in_pipe[2], out_pipe[2];
    CT_ASSERT_EQ(pipe(in_pipe), 0);
    CT_ASSERT_EQ(pipe(out_pipe), 0);
    fflush(stdout);
    int saved_in = dup(0), saved_out = dup(1);
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);

    chardev *c = NULL;
    char err[256] = "";
    bool ok = chardev_open_str(&c, "mon:stdio", "serial0", NULL, err, sizeof err);
    fake_uart u = { .room = 2 };
    size_t wrote = 0, first_poll = 0, after_eof = 0;
    char out[8] = "";
    bool out_ok = false;
    if (ok) {
        attach(c, &u);
        wrote = chr_write(c, "out!");
        out_ok = read_timed(out_pipe[0], out, 4);
        CT_EXPECT_EQ(write(in_pipe[1], "input", 5), 5);
        first_poll = chardev_poll(c);
        u.room = 16;
        poll_until(c, &u, 5);
        close(in_pipe[1]);
        after_eof = chardev_poll(c) + chardev_poll(c);
        chardev_close(c);
    }
    dup2(saved_in, 0);
    dup2(saved_out, 1);
    close(saved_in);
    close(saved_out);
    close(in_pipe[0]);
    close(out_pipe[0]);
    close(out_pipe[1]);

    CT_ASSERT_TRUE(ok);
    CT_EXPECT_EQ(wrote, 4);
    CT_EXPECT_TRUE(out_ok);
    CT_EXPECT_EQ(memcmp(out, "out!", 4), 0);
    /* can_receive allows 2 bytes at a time: a poll reads in steps of 2. */
    CT_EXPECT_TRUE(first_poll >= 2);
    CT_EXPECT_EQ(u.n, 5);
    CT_EXPECT_EQ(memcmp(u.got, "input", 5), 0);
    CT_EXPECT_EQ(after_eof, 0);
}

/* A device that is full gets nothing; the bytes wait in the host buffer. */
static size_t full_can_receive(void *dev) { (void)dev; return 0; }

CTEST(chardev, pty_backend)
{
    char msgbuf[256] = "";
    FILE *msg = fmemopen(msgbuf, sizeof msgbuf, "w");
    CT_ASSERT_TRUE(msg != NULL);
    chardev *c = NULL;
    char err[256] = "";
    bool ok = chardev_open_str(&c, "pty", "serial0", msg, err, sizeof err);
    fclose(msg);
    CT_EXPECT_STREQ(err, "");
    CT_ASSERT_TRUE(ok);
    const char *path = chardev_pty_path(c);
    CT_ASSERT_TRUE(path != NULL);
    CT_EXPECT_EQ(strncmp(path, "/dev/pts/", 9), 0);
    char want[128];
    snprintf(want, sizeof want, "char device redirected to %s (label serial0)\n", path);
    CT_EXPECT_STREQ(msgbuf, want);

    int s = open(path, O_RDWR | O_NOCTTY);
    CT_ASSERT_TRUE(s >= 0);
    fake_uart u = { .room = 64 };
    attach(c, &u);
    CT_EXPECT_EQ(chr_write(c, "xyz"), 3);
    char buf[4] = "";
    CT_EXPECT_TRUE(read_timed(s, buf, 3));
    CT_EXPECT_EQ(memcmp(buf, "xyz", 3), 0);

    CT_EXPECT_EQ(write(s, "abc", 3), 3);
    chardev_chr(c)->can_receive = full_can_receive;
    CT_EXPECT_EQ(chardev_poll(c), 0);
    CT_EXPECT_EQ(u.n, 0);
    chardev_chr(c)->can_receive = uart_can_receive;
    poll_until(c, &u, 3);
    CT_EXPECT_EQ(u.n, 3);
    CT_EXPECT_EQ(memcmp(u.got, "abc", 3), 0);
    close(s);
    chardev_close(c);
}

static int connect_loopback(uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

CTEST(chardev, tcp_server_nowait)
{
    chardev *c = NULL;
    char err[256] = "";
    CT_ASSERT_TRUE(chardev_open_str(&c, "tcp:127.0.0.1:0,server,nowait", "serial0", NULL, err,
                                    sizeof err));
    uint16_t port = chardev_tcp_port(c);
    CT_ASSERT_TRUE(port != 0);
    CT_EXPECT_FALSE(chardev_connected(c));
    fake_uart u = { .room = 3 };
    attach(c, &u);
    CT_EXPECT_EQ(chr_write(c, "nobody listens"), 14);   /* dropped, no hang */
    CT_EXPECT_EQ(chardev_poll(c), 0);

    int cl = connect_loopback(port);
    CT_ASSERT_TRUE(cl >= 0);
    for (int i = 0; i < 200 && !chardev_connected(c); i++) {
        (void)chardev_poll(c);
        usleep(10000);
    }
    CT_ASSERT_TRUE(chardev_connected(c));
    CT_EXPECT_EQ(write(cl, "hello", 5), 5);
    poll_until(c, &u, 5);
    CT_EXPECT_EQ(u.n, 5);
    CT_EXPECT_EQ(memcmp(u.got, "hello", 5), 0);
    CT_EXPECT_EQ(chr_write(c, "back"), 4);
    char buf[8] = "";
    CT_EXPECT_TRUE(read_timed(cl, buf, 4));
    CT_EXPECT_EQ(memcmp(buf, "back", 4), 0);

    /* Client leaves: the server notices and takes the next one. */
    close(cl);
    for (int i = 0; i < 200 && chardev_connected(c); i++) {
        (void)chardev_poll(c);
        usleep(10000);
    }
    CT_EXPECT_FALSE(chardev_connected(c));
    CT_EXPECT_EQ(chr_write(c, "gone"), 4);
    cl = connect_loopback(port);
    CT_ASSERT_TRUE(cl >= 0);
    CT_EXPECT_EQ(write(cl, "2nd", 3), 3);
    poll_until(c, &u, 8);
    CT_EXPECT_EQ(u.n, 8);
    CT_EXPECT_EQ(memcmp(u.got + 5, "2nd", 3), 0);
    close(cl);

    /* Same port again while it is in use: one clear line. */
    char spec[64], want[128];
    snprintf(spec, sizeof spec, "tcp:127.0.0.1:%u,server,nowait", port);
    chardev *c2 = NULL;
    CT_EXPECT_FALSE(chardev_open_str(&c2, spec, "serial1", NULL, err, sizeof err));
    snprintf(want, sizeof want, "chardev 'tcp:127.0.0.1:%u,server,nowait': cannot listen on "
             "127.0.0.1:%u: Address already in use", port, port);
    CT_EXPECT_STREQ(err, want);
    chardev_close(c);
}

static uint16_t free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        close(fd);
        return 0;
    }
    close(fd);
    return ntohs(a.sin_port);
}

/* Without nowait, open blocks until a client connects (a child process
 * here, retrying for up to 2 s); alarm() bounds the whole test. */
CTEST(chardev, tcp_server_waits)
{
    uint16_t port = free_port();
    CT_ASSERT_TRUE(port != 0);
    pid_t pid = fork();
    CT_ASSERT_TRUE(pid >= 0);
    if (pid == 0) {
        for (int i = 0; i < 200; i++) {
            int fd = connect_loopback(port);
            if (fd >= 0) {
                (void)!write(fd, "w", 1);
                usleep(200000);
                _exit(0);
            }
            usleep(10000);
        }
        _exit(1);
    }
    alarm(20);
    char msgbuf[256] = "";
    FILE *msg = fmemopen(msgbuf, sizeof msgbuf, "w");
    char spec[64], err[256] = "";
    snprintf(spec, sizeof spec, "tcp::%u,server", port);
    chardev *c = NULL;
    bool ok = chardev_open_str(&c, spec, "serial0", msg, err, sizeof err);
    fclose(msg);
    CT_EXPECT_STREQ(err, "");
    if (ok) {
        CT_EXPECT_TRUE(chardev_connected(c));
        fake_uart u = { .room = 8 };
        attach(c, &u);
        poll_until(c, &u, 1);
        CT_EXPECT_EQ(u.n, 1);
        CT_EXPECT_EQ(u.got[0], 'w');
        chardev_close(c);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    alarm(0);
    CT_EXPECT_TRUE(ok);
    CT_EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    char want[128];
    snprintf(want, sizeof want, "cosim: waiting for connection on tcp:127.0.0.1:%u,server\n", port);
    CT_EXPECT_STREQ(msgbuf, want);
}

CTEST(chardev, tcp_client)
{
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    CT_ASSERT_EQ(bind(ls, (struct sockaddr *)&a, sizeof a), 0);
    CT_ASSERT_EQ(listen(ls, 1), 0);
    CT_ASSERT_EQ(getsockname(ls, (struct sockaddr *)&a, &len), 0);
    uint16_t port = ntohs(a.sin_port);
    char spec[64], err[256] = "";
    snprintf(spec, sizeof spec, "tcp:127.0.0.1:%u", port);
    chardev *c = NULL;
    bool ok = chardev_open_str(&c, spec, "serial0", NULL, err, sizeof err);
    CT_EXPECT_STREQ(err, "");
    if (!ok) {
        close(ls);
        return;
    }
    int peer = accept(ls, NULL, NULL);
    CT_ASSERT_TRUE(peer >= 0);
    CT_EXPECT_TRUE(chardev_connected(c));
    fake_uart u = { .room = 8 };
    attach(c, &u);
    CT_EXPECT_EQ(chr_write(c, "to-server"), 9);
    char buf[16] = "";
    CT_EXPECT_TRUE(read_timed(peer, buf, 9));
    CT_EXPECT_EQ(memcmp(buf, "to-server", 9), 0);
    CT_EXPECT_EQ(write(peer, "from", 4), 4);
    poll_until(c, &u, 4);
    CT_EXPECT_EQ(memcmp(u.got, "from", 4), 0);
    close(peer);
    for (int i = 0; i < 200 && chardev_connected(c); i++) {
        (void)chardev_poll(c);
        usleep(10000);
    }
    CT_EXPECT_FALSE(chardev_connected(c));
    CT_EXPECT_EQ(chr_write(c, "after close"), 11);   /* dropped, no SIGPIPE */
    chardev_close(c);
    close(ls);

    /* Nobody listens on that port any more. */
    CT_EXPECT_FALSE(chardev_open_str(&c, spec, "serial0", NULL, err, sizeof err));
    char want[192];
    snprintf(want, sizeof want, "chardev '%s': cannot connect to 127.0.0.1:%u: Connection refused",
             spec, port);
    CT_EXPECT_STREQ(err, want);
}
