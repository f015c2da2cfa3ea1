/*
 * TCP / Unix-domain transport for the GDB stub (see transport.h).
 *
 * Invariants: the listening socket and the client socket are
 * non-blocking; reads never block beyond the poll timeout the caller
 * chose; writes to a client that stops reading give up after a bounded
 * wait (GDB_WRITE_TIMEOUT_MS) and drop it, so a stuck debugger cannot
 * hang the simulation.  SIGPIPE is avoided with MSG_NOSIGNAL.
 */
#define _GNU_SOURCE
#include "transport.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define GDB_WRITE_TIMEOUT_MS 5000

struct gdb_transport {
    int lfd;                /* listening socket                 */
    int cfd;                /* client socket, -1 if none        */
    int port;               /* bound TCP port, -1 for unix      */
    char *unix_path;        /* to unlink on close               */
};

static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int fail(char *err, size_t errlen, int code, const char *fmt, const char *what, const char *why)
{
    if (err && errlen)
        snprintf(err, errlen, fmt, what, why);
    return code;
}

static bool parse_port(const char *s, int *port)
{
    char *e;
    if (!*s)
        return false;
    long v = strtol(s, &e, 10);
    if (*e || v < 0 || v > 65535)
        return false;
    *port = (int)v;
    return true;
}

static int open_tcp(gdb_transport *t, const char *host, const char *portstr, char *err, size_t errlen)
{
    int port;
    char where[300];
    snprintf(where, sizeof where, "%s:%s", host, portstr);
    if (!parse_port(portstr, &port))
        return fail(err, errlen, GDB_ERR_INVAL, "gdb: bad port in '%s'%s", where, "");
    struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(host, portstr, &hints, &res);
    if (rc != 0 || !res) {
        if (res)
            freeaddrinfo(res);
        return fail(err, errlen, GDB_ERR_INVAL, "gdb: cannot resolve '%s': %s", where, gai_strerror(rc));
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        freeaddrinfo(res);
        return fail(err, errlen, GDB_ERR_INVAL, "gdb: cannot listen on %s: %s", where, strerror(errno));
    }
    int one = 1;
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, res->ai_addr, res->ai_addrlen) < 0 || listen(fd, 1) < 0 || set_nonblock(fd) < 0) {
        int e = errno;
        close(fd);
        freeaddrinfo(res);
        return fail(err, errlen, GDB_ERR_INVAL, "gdb: cannot listen on %s: %s", where, strerror(e));
    }
    freeaddrinfo(res);
    struct sockaddr_in sa;
    socklen_t sl = sizeof sa;
    if (getsockname(fd, (struct sockaddr *)&sa, &sl) == 0)
        port = ntohs(sa.sin_port);
    t->lfd = fd;
    t->port = port;
    return GDB_OK;
}

static int open_unix(gdb_transport *t, const char *path, char *err, size_t errlen)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (!*path || strlen(path) >= sizeof sa.sun_path)
        return fail(err, errlen, GDB_ERR_INVAL, "gdb: bad unix socket path '%s'%s", path, "");
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode))
            return fail(err, errlen, GDB_ERR_INVAL, "gdb: cannot listen on %s: %s", path,
                        "file exists and is not a socket");
        unlink(path);           /* stale socket of an earlier run */
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail(err, errlen, GDB_ERR_INVAL, "gdb: cannot listen on %s: %s", path, strerror(errno));
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0 || set_nonblock(fd) < 0) {
        int e = errno;
        close(fd);
        return fail(err, errlen, GDB_ERR_INVAL, "gdb: cannot listen on %s: %s", path, strerror(e));
    }
    t->unix_path = strdup(path);
    t->lfd = fd;
    t->port = -1;
    return GDB_OK;
}

int gdb_transport_open(gdb_transport **out, const char *spec, char *err, size_t errlen)
{
    *out = NULL;
    if (err && errlen)
        err[0] = '\0';
    if (!spec)
        return fail(err, errlen, GDB_ERR_INVAL, "gdb: missing transport%s%s", "", "");
    gdb_transport *t = calloc(1, sizeof *t);
    if (!t)
        return fail(err, errlen, GDB_ERR_INVAL, "gdb: out of memory%s%s", "", "");
    t->lfd = t->cfd = -1;
    int rc;
    if (!strncmp(spec, "unix:", 5)) {
        rc = open_unix(t, spec + 5, err, errlen);
    } else {
        char host[256] = "127.0.0.1";
        const char *port = spec;
        if (!strncmp(spec, "tcp:", 4)) {
            const char *rest = spec + 4;
            const char *colon = strrchr(rest, ':');
            if (!colon) {
                port = rest;                    /* "tcp:1234" */
            } else {
                size_t hl = (size_t)(colon - rest);
                if (hl >= sizeof host) {
                    free(t);
                    return fail(err, errlen, GDB_ERR_INVAL, "gdb: bad transport '%s'%s", spec, "");
                }
                if (hl) {
                    memcpy(host, rest, hl);
                    host[hl] = '\0';
                }
                port = colon + 1;
            }
        } else if (spec[0] == ':') {
            port = spec + 1;
        } else {
            int dummy;
            if (!parse_port(spec, &dummy)) {
                free(t);
                return fail(err, errlen, GDB_ERR_INVAL,
                            "gdb: bad transport '%s' (use tcp::PORT, tcp:HOST:PORT or unix:PATH)%s", spec, "");
            }
        }
        rc = open_tcp(t, host, port, err, errlen);
    }
    if (rc != GDB_OK) {
        free(t->unix_path);
        free(t);
        return rc;
    }
    *out = t;
    return GDB_OK;
}

void gdb_transport_close(gdb_transport *t)
{
    if (!t)
        return;
    if (t->cfd >= 0)
        close(t->cfd);
    if (t->lfd >= 0)
        close(t->lfd);
    if (t->unix_path) {
        unlink(t->unix_path);
        free(t->unix_path);
    }
    free(t);
}

int gdb_transport_port(const gdb_transport *t)
{
    return t->port;
}

bool gdb_transport_connected(const gdb_transport *t)
{
    return t->cfd >= 0;
}

void gdb_transport_describe(const gdb_transport *t, char *buf, size_t len)
{
    if (t->unix_path) {
        snprintf(buf, len, "unix:%s", t->unix_path);
        return;
    }
    struct sockaddr_in sa;
    socklen_t sl = sizeof sa;
    char host[INET_ADDRSTRLEN] = "?";
    if (getsockname(t->lfd, (struct sockaddr *)&sa, &sl) == 0)
        inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
    snprintf(buf, len, "%s:%d", host, t->port);
}

/* Write everything or give up after a bounded wait (stub write_fn). */
static size_t client_write(void *io, const uint8_t *buf, size_t len)
{
    gdb_transport *t = io;
    size_t done = 0;
    while (done < len && t->cfd >= 0) {
        ssize_t n = send(t->cfd, buf + done, len - done, MSG_NOSIGNAL);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd pf = { .fd = t->cfd, .events = POLLOUT };
            if (poll(&pf, 1, GDB_WRITE_TIMEOUT_MS) > 0 && !(pf.revents & (POLLERR | POLLHUP)))
                continue;
        }
        break;
    }
    return done;
}

void gdb_transport_drop(gdb_transport *t, gdb_stub *s)
{
    if (t->cfd < 0)
        return;
    close(t->cfd);
    t->cfd = -1;
    gdb_stub_client_disconnected(s);
}

static void accept_client(gdb_transport *t, gdb_stub *s)
{
    int fd = accept4(t->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
        return;
    if (t->cfd >= 0) {
        close(fd);              /* one debugger at a time */
        return;
    }
    if (t->port >= 0) {
        int one = 1;            /* small packets, answered at once */
        (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    t->cfd = fd;
    gdb_stub_client_connected(s, client_write, t);
}

size_t gdb_transport_poll(gdb_transport *t, gdb_stub *s, int timeout_ms)
{
    if (t->cfd >= 0 && gdb_stub_io_failed(s))
        gdb_transport_drop(t, s);       /* a stop reply could not be sent */
    struct pollfd pf[2] = { { .fd = t->lfd, .events = POLLIN }, { .fd = t->cfd, .events = POLLIN } };
    int n = poll(pf, t->cfd >= 0 ? 2 : 1, timeout_ms);
    if (n <= 0)
        return 0;
    size_t fed = 0;
    if (t->cfd >= 0 && (pf[1].revents & (POLLIN | POLLHUP | POLLERR))) {
        uint8_t buf[4096];
        /* bounded, so a flooding client cannot starve the simulation */
        for (int rounds = 0; rounds < 64; rounds++) {
            ssize_t r = recv(t->cfd, buf, sizeof buf, 0);
            if (r > 0) {
                gdb_stub_feed(s, buf, (size_t)r);
                fed += (size_t)r;
                if (gdb_stub_io_failed(s)) {
                    gdb_transport_drop(t, s);
                    break;
                }
                continue;
            }
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            gdb_transport_drop(t, s);   /* EOF or error */
            break;
        }
    }
    if (pf[0].revents & POLLIN)
        accept_client(t, s);
    return fed;
}
