/*
 * Character backends for UARTs (see chardev.h): stdio, null, file, tcp
 * client/server and pty, polled without threads.
 *
 * POSIX only (termios, sockets, posix_openpt).  Spec syntax and the
 * user-visible messages follow QEMU's -serial/-chardev conventions.
 *
 * Invariants: a chardev owns every fd it opened and nothing else (stdio's
 * fds 0/1 are borrowed, never closed); input is read only as far as the
 * device can take it (can_receive), so nothing is ever buffered here;
 * output never raises SIGPIPE (MSG_NOSIGNAL) and a vanished tcp peer just
 * disconnects.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "cosim/chardev.h"

struct chardev {
    periph_chr chr;            /* handed to the UART; chr.opaque == this   */
    chardev_spec spec;
    char label[32];
    FILE *msg;
    int in_fd;                 /* -1: no input                              */
    int out_fd;                /* -1: output dropped                        */
    bool owns_fds;             /* false for stdio                           */
    bool in_eof;               /* stdin at end of file: stop polling        */
    int listen_fd;             /* tcp server                                */
    int conn_fd;               /* tcp: the peer, or -1                      */
    int pty_slave_fd;          /* kept open so the master never sees EIO    */
    char pty_path[64];
    bool tty_raw;              /* stdin's termios saved in `saved_tio`      */
    struct termios saved_tio;
};

__attribute__((format(printf, 3, 4)))
static bool fail(char *err, size_t err_len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
    return false;
}

/* ---- parsing ------------------------------------------------------------ */

#define TCP_SYNTAX "expected tcp:HOST:PORT[,server][,nowait]"

static bool parse_port(const char *s, size_t n, uint16_t *out)
{
    if (n == 0 || n > 5)
        return false;
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    if (v > 65535)
        return false;
    *out = (uint16_t)v;
    return true;
}

static bool parse_tcp(chardev_spec *spec, const char *text, const char *rest, char *err, size_t err_len)
{
    const char *opts = strchr(rest, ',');
    size_t addr_len = opts ? (size_t)(opts - rest) : strlen(rest);
    const char *colon = memrchr(rest, ':', addr_len);
    if (!colon)
        return fail(err, err_len, "chardev '%s': %s", text, TCP_SYNTAX);
    size_t host_len = (size_t)(colon - rest);
    if (host_len >= sizeof spec->host)
        return fail(err, err_len, "chardev '%s': host name too long", text);
    if (!parse_port(colon + 1, addr_len - host_len - 1, &spec->port))
        return fail(err, err_len, "chardev '%s': bad port '%.*s' (0..65535)", text,
                    (int)(addr_len - host_len - 1), colon + 1);
    if (host_len == 0)
        strcpy(spec->host, "127.0.0.1");
    else {
        memcpy(spec->host, rest, host_len);
        spec->host[host_len] = '\0';
    }
    spec->kind = CHARDEV_TCP;
    while (opts) {
        const char *o = opts + 1;
        opts = strchr(o, ',');
        size_t n = opts ? (size_t)(opts - o) : strlen(o);
#define OPT_IS(s) (n == sizeof(s) - 1 && memcmp(o, s, n) == 0)
        if (OPT_IS("server") || OPT_IS("server=on"))
            spec->server = true;
        else if (OPT_IS("server=off"))
            spec->server = false;
        else if (OPT_IS("nowait") || OPT_IS("wait=off"))
            spec->nowait = true;
        else if (OPT_IS("wait") || OPT_IS("wait=on"))
            spec->nowait = false;
        else if (OPT_IS("nodelay") || OPT_IS("nodelay=on"))
            ;   /* we write whole buffers anyway */
        else
            return fail(err, err_len, "chardev '%s': unknown tcp option '%.*s' (%s)", text,
                        (int)n, o, TCP_SYNTAX);
#undef OPT_IS
    }
    if (!spec->server && spec->port == 0)
        return fail(err, err_len, "chardev '%s': a tcp client needs a port", text);
    return true;
}

bool chardev_parse(chardev_spec *spec, const char *text, char *err, size_t err_len)
{
    memset(spec, 0, sizeof *spec);
    if (!text)
        return fail(err, err_len, "chardev: no spec");
    const char *s = text;
    if (strncmp(s, "mon:", 4) == 0) {
        if (strcmp(s + 4, "stdio") != 0)
            return fail(err, err_len, "chardev '%s': only mon:stdio is supported", text);
        spec->mux_monitor = true;
        s += 4;
    }
    if (strcmp(s, "stdio") == 0) {
        spec->kind = CHARDEV_STDIO;
        return true;
    }
    if (strcmp(s, "null") == 0) {
        spec->kind = CHARDEV_NULL;
        return true;
    }
    if (strcmp(s, "pty") == 0) {
        spec->kind = CHARDEV_PTY;
        return true;
    }
    if (strncmp(s, "file:", 5) == 0) {
        if (s[5] == '\0')
            return fail(err, err_len, "chardev '%s': expected file:PATH", text);
        if (strlen(s + 5) >= sizeof spec->path)
            return fail(err, err_len, "chardev '%s': path too long", text);
        strcpy(spec->path, s + 5);
        spec->kind = CHARDEV_FILE;
        return true;
    }
    if (strncmp(s, "tcp:", 4) == 0)
        return parse_tcp(spec, text, s + 4, err, err_len);
    return fail(err, err_len,
                "chardev '%s': unknown backend (expected stdio, mon:stdio, null, file:PATH, "
                "tcp:HOST:PORT[,server][,nowait] or pty)", text);
}

/* ---- I/O -------------------------------------------------------------------- */

static void drop_conn(chardev *c)
{
    if (c->conn_fd >= 0)
        close(c->conn_fd);
    c->conn_fd = -1;
    c->in_fd = c->out_fd = -1;
}

static void set_conn(chardev *c, int fd)
{
    c->conn_fd = fd;
    c->in_fd = c->out_fd = fd;
}

size_t chardev_write(chardev *c, const uint8_t *buf, size_t len)
{
    size_t done = 0;
    if (c->out_fd < 0)
        return len;   /* null, or no peer: dropped like QEMU does */
    while (done < len) {
        ssize_t n;
        if (c->spec.kind == CHARDEV_TCP)
            n = send(c->out_fd, buf + done, len - done, MSG_NOSIGNAL);
        else
            n = write(c->out_fd, buf + done, len - done);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (c->spec.kind == CHARDEV_TCP)
            drop_conn(c);   /* peer gone: the rest is dropped */
        /* pty with nobody reading (EAGAIN), or a write error: drop. */
        break;
    }
    return len;
}

static size_t chr_write(periph_chr *chr, const uint8_t *buf, size_t len)
{
    return chardev_write(chr->opaque, buf, len);
}

static const periph_chr_ops chardev_chr_ops = { chr_write };

static void try_accept(chardev *c)
{
    if (c->listen_fd < 0 || c->conn_fd >= 0)
        return;
    int fd = accept4(c->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd >= 0)
        set_conn(c, fd);
}

size_t chardev_poll(chardev *c)
{
    size_t delivered = 0;
    if (c->spec.kind == CHARDEV_TCP && c->spec.server)
        try_accept(c);
    if (c->in_fd < 0 || c->in_eof || !c->chr.can_receive || !c->chr.receive)
        return 0;
    for (;;) {
        size_t room = c->chr.can_receive(c->chr.dev);
        if (room == 0)
            break;
        struct pollfd p = { .fd = c->in_fd, .events = POLLIN };
        if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR)))
            break;
        uint8_t buf[256];
        if (room > sizeof buf)
            room = sizeof buf;
        ssize_t n = read(c->in_fd, buf, room);
        if (n > 0) {
            c->chr.receive(c->chr.dev, buf, (size_t)n);
            delivered += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EIO))
            break;   /* EIO: pty master with no slave open */
        /* End of input. */
        if (c->spec.kind == CHARDEV_TCP) {
            drop_conn(c);
            if (c->spec.server)
                try_accept(c);
        } else {
            c->in_eof = true;
        }
        break;
    }
    return delivered;
}

/* ---- opening ------------------------------------------------------------------ */

/* Raw input on a terminal: no line editing or echo, bytes as typed; output
 * processing and signal keys (Ctrl-C) stay, as with QEMU's -serial stdio. */
static void stdio_raw(chardev *c)
{
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &c->saved_tio) != 0)
        return;
    struct termios t = c->saved_tio;
    t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | IEXTEN);
    t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
        c->tty_raw = true;
}

static bool open_pty(chardev *c, char *err, size_t err_len)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0)
        return fail(err, err_len, "chardev 'pty': posix_openpt: %s", strerror(errno));
    if (grantpt(m) != 0 || unlockpt(m) != 0 ||
        ptsname_r(m, c->pty_path, sizeof c->pty_path) != 0) {
        int e = errno;
        close(m);
        return fail(err, err_len, "chardev 'pty': %s", strerror(e));
    }
    int s = open(c->pty_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) {
        int e = errno;
        close(m);
        return fail(err, err_len, "chardev 'pty': %s: %s", c->pty_path, strerror(e));
    }
    struct termios t;
    if (tcgetattr(s, &t) == 0) {
        cfmakeraw(&t);
        (void)tcsetattr(s, TCSANOW, &t);
    }
    int fl = fcntl(m, F_GETFL);
    (void)fcntl(m, F_SETFL, fl | O_NONBLOCK);
    c->in_fd = c->out_fd = m;
    c->pty_slave_fd = s;
    fprintf(c->msg, "char device redirected to %s (label %s)\n", c->pty_path, c->label);
    fflush(c->msg);
    return true;
}

static bool open_tcp(chardev *c, const char *text, char *err, size_t err_len)
{
    const chardev_spec *sp = &c->spec;
    char port[8];
    snprintf(port, sizeof port, "%u", sp->port);
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = sp->server ? AI_PASSIVE : 0 };
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(sp->host, port, &hints, &res);
    if (rc != 0)
        return fail(err, err_len, "chardev '%s': %s: %s", text, sp->host, gai_strerror(rc));
    int fd = -1, e = 0;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            e = errno;
            continue;
        }
        int one = 1;
        bool ok;
        if (sp->server) {
            (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
            ok = bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, 1) == 0;
        } else {
            ok = connect(fd, a->ai_addr, a->ai_addrlen) == 0;
        }
        if (!ok) {
            e = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0)
        return fail(err, err_len, "chardev '%s': cannot %s %s:%u: %s", text,
                    sp->server ? "listen on" : "connect to", sp->host, sp->port, strerror(e));
    if (!sp->server) {
        set_conn(c, fd);
        return true;
    }
    c->listen_fd = fd;
    int fl = fcntl(fd, F_GETFL);
    (void)fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    if (sp->nowait)
        return true;
    fprintf(c->msg, "cosim: waiting for connection on tcp:%s:%u,server\n", sp->host,
            chardev_tcp_port(c));
    fflush(c->msg);
    while (c->conn_fd < 0) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, -1) < 0 && errno != EINTR)
            return fail(err, err_len, "chardev '%s': poll: %s", text, strerror(errno));
        try_accept(c);
    }
    return true;
}

bool chardev_open(chardev **out, const chardev_spec *spec, const char *label, FILE *msg,
                  char *err, size_t err_len)
{
    *out = NULL;
    chardev *c = calloc(1, sizeof *c);
    if (!c)
        return fail(err, err_len, "chardev: out of memory");
    c->spec = *spec;
    snprintf(c->label, sizeof c->label, "%s", label ? label : "serial");
    c->msg = msg ? msg : stderr;
    c->in_fd = c->out_fd = c->listen_fd = c->conn_fd = c->pty_slave_fd = -1;
    c->owns_fds = true;
    c->chr.ops = &chardev_chr_ops;
    c->chr.opaque = c;

    char text[320];
    snprintf(text, sizeof text, "%s", spec->kind == CHARDEV_FILE ? spec->path : "tcp");
    bool ok = true;
    switch (spec->kind) {
    case CHARDEV_NULL:
        break;
    case CHARDEV_STDIO:
        c->owns_fds = false;
        c->in_fd = STDIN_FILENO;
        c->out_fd = STDOUT_FILENO;
        stdio_raw(c);
        break;
    case CHARDEV_FILE:
        c->out_fd = open(spec->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (c->out_fd < 0)
            ok = fail(err, err_len, "chardev 'file:%s': %s", spec->path, strerror(errno));
        break;
    case CHARDEV_TCP:
        snprintf(text, sizeof text, "tcp:%s:%u%s%s", spec->host, spec->port,
                 spec->server ? ",server" : "", spec->nowait ? ",nowait" : "");
        ok = open_tcp(c, text, err, err_len);
        break;
    case CHARDEV_PTY:
        ok = open_pty(c, err, err_len);
        break;
    default:
        ok = fail(err, err_len, "chardev: bad kind %d", (int)spec->kind);
    }
    if (!ok) {
        chardev_close(c);
        return false;
    }
    *out = c;
    return true;
}

bool chardev_open_str(chardev **out, const char *text, const char *label, FILE *msg,
                      char *err, size_t err_len)
{
    chardev_spec spec;
    *out = NULL;
    if (!chardev_parse(&spec, text, err, err_len))
        return false;
    return chardev_open(out, &spec, label, msg, err, err_len);
}

periph_chr *chardev_chr(chardev *c) { return &c->chr; }

chardev_kind chardev_get_kind(const chardev *c) { return c->spec.kind; }

const char *chardev_pty_path(const chardev *c)
{
    return c->spec.kind == CHARDEV_PTY && c->pty_path[0] ? c->pty_path : NULL;
}

uint16_t chardev_tcp_port(const chardev *c)
{
    if (c->listen_fd < 0)
        return 0;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(c->listen_fd, (struct sockaddr *)&ss, &len) != 0)
        return 0;
    char port[8];
    if (getnameinfo((struct sockaddr *)&ss, len, NULL, 0, port, sizeof port, NI_NUMERICSERV) != 0)
        return 0;
    return (uint16_t)atoi(port);
}

bool chardev_connected(const chardev *c) { return c->conn_fd >= 0; }

void chardev_close(chardev *c)
{
    if (!c)
        return;
    if (c->tty_raw)
        (void)tcsetattr(STDIN_FILENO, TCSANOW, &c->saved_tio);
    if (c->owns_fds) {
        if (c->conn_fd >= 0)
            close(c->conn_fd);
        else if (c->in_fd >= 0)
            close(c->in_fd);          /* pty master */
        else if (c->out_fd >= 0)
            close(c->out_fd);         /* file */
        if (c->listen_fd >= 0)
            close(c->listen_fd);
        if (c->pty_slave_fd >= 0)
            close(c->pty_slave_fd);
    }
    free(c);
}
