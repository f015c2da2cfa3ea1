/*
 * SerialICE transports: serial device, pty master, TCP client, adopted fd.
 *
 * All descriptors are non-blocking and every wait goes through poll() with
 * the caller's timeout, so a dead board can never hang the simulation.
 * Serial settings follow the SerialICE host: raw, 8 data bits, no parity,
 * one stop bit, no flow control, VMIN=0/VTIME=0 (we time out ourselves),
 * CLOCAL so a missing DCD does not block, TIOCEXCL so nobody else opens the
 * line while we own it.
 */
#define _GNU_SOURCE
#include "serialice/transport.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

static sice_status fail(sice_transport *t, sice_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static sice_status fail(sice_transport *t, sice_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->err, sizeof t->err, fmt, ap);
    va_end(ap);
    return st;
}

void sice_transport_init(sice_transport *t)
{
    memset(t, 0, sizeof *t);
    t->fd = -1;
    t->keep_fd = -1;
}

unsigned sice_baud_to_speed(unsigned baud)
{
    static const struct { unsigned baud; speed_t speed; } map[] = {
        { 9600, B9600 },     { 19200, B19200 },   { 38400, B38400 },
        { 57600, B57600 },   { 115200, B115200 }, { 230400, B230400 },
        { 460800, B460800 },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].baud == baud)
            return map[i].speed;
    return 0;
}

static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return -1;
    return fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* Raw 8N1, no flow control, no echo, no CR/NL mapping in either direction. */
static int set_raw(int fd, speed_t speed)
{
    struct termios tio;
    if (tcgetattr(fd, &tio) < 0)
        return -1;
    cfmakeraw(&tio);
    tio.c_cflag &= ~(CSIZE | PARENB | CSTOPB | CRTSCTS);
    tio.c_cflag |= CS8 | CLOCAL | CREAD;
    tio.c_iflag &= ~(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    if (speed) {
        cfsetispeed(&tio, speed);
        cfsetospeed(&tio, speed);
    }
    return tcsetattr(fd, TCSANOW, &tio);
}

sice_status sice_transport_open_serial(sice_transport *t, const char *path, unsigned baud)
{
    sice_transport_init(t);
    t->kind = SICE_TRANSPORT_SERIAL;
    snprintf(t->path, sizeof t->path, "%s", path ? path : "");
    if (!path || !*path)
        return fail(t, SICE_ERR_ARG, "no serial device given");
    speed_t speed = sice_baud_to_speed(baud);
    if (!speed)
        return fail(t, SICE_ERR_ARG,
                    "unsupported baud rate %u (use 9600, 19200, 38400, 57600, "
                    "115200, 230400 or 460800)", baud);
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return fail(t, SICE_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    if (!isatty(fd)) {
        close(fd);
        return fail(t, SICE_ERR_ARG, "%s is not a serial device (not a tty)", path);
    }
    if (ioctl(fd, TIOCEXCL) < 0) {
        int e = errno;
        close(fd);
        return fail(t, SICE_ERR_IO, "cannot take %s exclusively: %s", path, strerror(e));
    }
    if (set_raw(fd, speed) < 0) {
        int e = errno;
        close(fd);
        return fail(t, SICE_ERR_IO, "cannot configure %s (raw 8N1 %u): %s", path, baud,
                    strerror(e));
    }
    tcflush(fd, TCIOFLUSH);
    t->fd = fd;
    return SICE_OK;
}

sice_status sice_transport_open_pty(sice_transport *t, int keep_slave)
{
    sice_transport_init(t);
    t->kind = SICE_TRANSPORT_PTY;
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return fail(t, SICE_ERR_IO, "cannot open a pty: %s", strerror(errno));
    if (grantpt(fd) < 0 || unlockpt(fd) < 0 || ptsname_r(fd, t->path, sizeof t->path) != 0) {
        int e = errno;
        close(fd);
        return fail(t, SICE_ERR_IO, "cannot set up the pty: %s", strerror(e));
    }
    /* The slave starts in cooked mode (echo, ONLCR): make it raw before any
     * byte crosses, so the banner and replies arrive untouched. */
    if (set_raw(fd, 0) < 0 || set_nonblock(fd) < 0) {
        int e = errno;
        close(fd);
        return fail(t, SICE_ERR_IO, "cannot configure the pty: %s", strerror(e));
    }
    if (keep_slave) {
        t->keep_fd = open(t->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (t->keep_fd < 0) {
            int e = errno;
            close(fd);
            return fail(t, SICE_ERR_IO, "cannot open pty slave %s: %s", t->path, strerror(e));
        }
    }
    t->fd = fd;
    return SICE_OK;
}

static int wait_fd(int fd, short events, unsigned timeout_ms)
{
    struct pollfd p = { .fd = fd, .events = events };
    for (;;) {
        int r = poll(&p, 1, (int)timeout_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r;
        return p.revents;
    }
}

sice_status sice_transport_open_tcp(sice_transport *t, const char *host, unsigned port,
                                    unsigned timeout_ms)
{
    sice_transport_init(t);
    t->kind = SICE_TRANSPORT_TCP;
    snprintf(t->path, sizeof t->path, "%s:%u", host ? host : "", port);
    if (!host || !*host || port == 0 || port > 65535)
        return fail(t, SICE_ERR_ARG, "bad TCP address '%s'", t->path);
    char service[16];
    snprintf(service, sizeof service, "%u", port);
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host, service, &hints, &res);
    if (gai != 0)
        return fail(t, SICE_ERR_ARG, "cannot resolve %s: %s", host, gai_strerror(gai));
    sice_status st = fail(t, SICE_ERR_IO, "cannot connect to %s", t->path);
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                        ai->ai_protocol);
        if (fd < 0)
            continue;
        int r = connect(fd, ai->ai_addr, ai->ai_addrlen);
        if (r < 0 && errno == EINPROGRESS) {
            int ev = wait_fd(fd, POLLOUT, timeout_ms);
            int soerr = 0;
            socklen_t sl = sizeof soerr;
            if (ev <= 0) {
                soerr = ETIMEDOUT;
            } else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0) {
                soerr = errno;
            }
            r = soerr ? -1 : 0;
            errno = soerr;
        }
        if (r < 0) {
            st = fail(t, SICE_ERR_IO, "cannot connect to %s: %s", t->path, strerror(errno));
            close(fd);
            continue;
        }
        int one = 1;
        if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) {
            st = fail(t, SICE_ERR_IO, "cannot set TCP_NODELAY on %s: %s", t->path,
                      strerror(errno));
            close(fd);
            continue;
        }
        t->fd = fd;
        st = SICE_OK;
        break;
    }
    freeaddrinfo(res);
    return st;
}

sice_status sice_transport_from_fd(sice_transport *t, int fd)
{
    sice_transport_init(t);
    t->kind = SICE_TRANSPORT_FD;
    snprintf(t->path, sizeof t->path, "fd %d", fd);
    if (fd < 0 || set_nonblock(fd) < 0)
        return fail(t, SICE_ERR_ARG, "bad file descriptor %d", fd);
    t->fd = fd;
    return SICE_OK;
}

sice_status sice_transport_read(sice_transport *t, uint8_t *buf, size_t len,
                                unsigned timeout_ms, size_t *got)
{
    *got = 0;
    if (t->fd < 0)
        return fail(t, SICE_ERR_CLOSED, "%s: not open", t->path);
    bool tty = t->kind == SICE_TRANSPORT_SERIAL || t->kind == SICE_TRANSPORT_PTY || isatty(t->fd);
    bool polled = false;
    for (;;) {
        ssize_t n = read(t->fd, buf, len);
        if (n > 0) {
            *got = (size_t)n;
            return SICE_OK;
        }
        /* A raw tty (VMIN=0, VTIME=0) reads 0 when it is merely empty; only
         * a 0 right after poll() said "readable" means the line hung up. */
        if (n == 0 && tty && !polled)
            errno = EAGAIN, n = -1;
        if (n == 0)
            return fail(t, SICE_ERR_CLOSED, "%s: end of file (the other end closed)", t->path);
        if (errno == EINTR)
            continue;
        if (errno == EIO || errno == ECONNRESET)  /* pty hung up, adapter unplugged, peer reset */
            return fail(t, SICE_ERR_CLOSED, "%s: line hung up (EIO)", t->path);
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return fail(t, SICE_ERR_IO, "%s: read: %s", t->path, strerror(errno));
        int ev = wait_fd(t->fd, POLLIN, timeout_ms);
        if (ev == 0)
            return fail(t, SICE_ERR_TIMEOUT, "%s: no data for %u ms", t->path, timeout_ms);
        if (ev < 0)
            return fail(t, SICE_ERR_IO, "%s: poll: %s", t->path, strerror(errno));
        if ((ev & (POLLHUP | POLLERR)) && !(ev & POLLIN))
            return fail(t, SICE_ERR_CLOSED, "%s: line hung up", t->path);
        /* POLLIN (possibly with HUP: drain first, the next read reports it) */
        polled = true;
    }
}

sice_status sice_transport_write(sice_transport *t, const uint8_t *buf, size_t len,
                                 unsigned timeout_ms)
{
    if (t->fd < 0)
        return fail(t, SICE_ERR_CLOSED, "%s: not open", t->path);
    size_t done = 0;
    while (done < len) {
        ssize_t n = t->kind == SICE_TRANSPORT_TCP || t->kind == SICE_TRANSPORT_FD
                        ? send(t->fd, buf + done, len - done, MSG_NOSIGNAL)
                        : write(t->fd, buf + done, len - done);
        if (n < 0 && errno == ENOTSOCK)
            n = write(t->fd, buf + done, len - done);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EPIPE || errno == EIO || errno == ECONNRESET))
            return fail(t, SICE_ERR_CLOSED, "%s: line hung up (%s)", t->path, strerror(errno));
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return fail(t, SICE_ERR_IO, "%s: write: %s", t->path, strerror(errno));
        int ev = wait_fd(t->fd, POLLOUT, timeout_ms);
        if (ev == 0)
            return fail(t, SICE_ERR_TIMEOUT, "%s: cannot send for %u ms", t->path, timeout_ms);
        if (ev < 0)
            return fail(t, SICE_ERR_IO, "%s: poll: %s", t->path, strerror(errno));
        if ((ev & (POLLHUP | POLLERR)) && !(ev & POLLOUT))
            return fail(t, SICE_ERR_CLOSED, "%s: line hung up", t->path);
    }
    return SICE_OK;
}

void sice_transport_flush(sice_transport *t)
{
    if (t->fd < 0)
        return;
    if (isatty(t->fd)) {
        tcflush(t->fd, TCIOFLUSH);
        return;
    }
    uint8_t junk[256];
    while (read(t->fd, junk, sizeof junk) > 0) {
    }
}

void sice_transport_close(sice_transport *t)
{
    if (t->fd >= 0)
        close(t->fd);
    if (t->keep_fd >= 0)
        close(t->keep_fd);
    t->fd = -1;
    t->keep_fd = -1;
}
