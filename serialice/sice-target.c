/*
 * sice-target: a fake SerialICE board on a pty (or a TCP port), so the
 * host side can be tried without hardware.
 *
 *   $ sice-target --ram 0x101f0000+0x10000 --mainboard "FAKE VERSATILE"
 *   sice-target: serving SerialICE on /dev/pts/7 (RAM 0x101f0000+0x10000)
 *   $ picocom -b 115200 /dev/pts/7        # type *rm101f0000.l
 *
 * It keeps the pty slave open itself, so hosts may come and go; it runs
 * until killed.  --fault injects one of the target simulator's faults
 * (see target-sim.h) to watch a host recover or stop.
 */
#include <errno.h>
#include <stdbool.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "serialice/ram-board.h"
#include "serialice/target-sim.h"
#include "serialice/transport.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: sice-target [--ram BASE+SIZE] [--mainboard NAME] [--version TEXT]\n"
            "                   [--fault MODE[@N][xCOUNT][:MS]] [--tcp PORT] [--no-banner]\n"
            "Serves the SerialICE shell protocol from a RAM-backed fake board on a new\n"
            "pty (its path is printed) or, with --tcp, on 127.0.0.1:PORT.\n"
            "Fault modes: none noise echo short nonhex stall reset disconnect.\n");
}

static int parse_ram(const char *s, uint64_t *base, uint64_t *size)
{
    char *end;
    errno = 0;
    *base = strtoull(s, &end, 0);
    if (errno || *end != '+')
        return -1;
    const char *p = end + 1;
    *size = strtoull(p, &end, 0);
    return (errno || end == p || *end) ? -1 : 0;
}

static int serve_tcp(sice_target *tg, unsigned port)
{
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(ls, (struct sockaddr *)&a, sizeof a) < 0 || listen(ls, 1) < 0) {
        fprintf(stderr, "sice-target: cannot listen on 127.0.0.1:%u: %s\n", port,
                strerror(errno));
        return 1;
    }
    printf("sice-target: serving SerialICE on 127.0.0.1:%u\n", port);
    fflush(stdout);
    for (;;) {
        int fd = accept(ls, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "sice-target: accept: %s\n", strerror(errno));
            return 1;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sice_transport t;
        if (sice_transport_from_fd(&t, fd) != SICE_OK) {
            close(fd);
            continue;
        }
        sice_status st = sice_target_serve(tg, &t);
        sice_transport_close(&t);
        fprintf(stderr, "sice-target: host left (%s)\n", sice_status_name(st));
    }
}

int main(int argc, char **argv)
{
    uint64_t base = 0, size = 0x100000;
    unsigned tcp_port = 0;
    sice_target_config cfg = { .mainboard = "COSIM FAKE BOARD" };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--no-banner")) {
            cfg.no_banner = true;
            continue;
        }
        static const char *const with_value[] = { "--ram", "--mainboard", "--version",
                                                  "--fault", "--tcp" };
        bool known = false;
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
            known |= strcmp(a, with_value[k]) == 0;
        if (!known) {
            fprintf(stderr, "sice-target: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
        if (!v) {
            fprintf(stderr, "sice-target: %s needs a value\n", a);
            usage(stderr);
            return 2;
        }
        i++;
        if (!strcmp(a, "--ram")) {
            if (parse_ram(v, &base, &size) < 0) {
                fprintf(stderr, "sice-target: bad --ram '%s' (want BASE+SIZE)\n", v);
                return 2;
            }
        } else if (!strcmp(a, "--mainboard")) {
            cfg.mainboard = v;
        } else if (!strcmp(a, "--version")) {
            cfg.version = v;
        } else if (!strcmp(a, "--fault")) {
            char err[160];
            if (sice_target_parse_fault(v, &cfg.fault, err, sizeof err) != SICE_OK) {
                fprintf(stderr, "sice-target: %s\n", err);
                return 2;
            }
        } else if (!strcmp(a, "--tcp")) {
            char *end;
            unsigned long p = strtoul(v, &end, 0);
            if (*end || p == 0 || p > 65535) {
                fprintf(stderr, "sice-target: bad --tcp port '%s'\n", v);
                return 2;
            }
            tcp_port = (unsigned)p;
        } else {
            fprintf(stderr, "sice-target: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
    }
    sice_ram_board board;
    if (sice_ram_board_init(&board, base, size) != SICE_OK) {
        fprintf(stderr, "sice-target: cannot make RAM 0x%llx+0x%llx\n",
                (unsigned long long)base, (unsigned long long)size);
        return 1;
    }
    sice_target_bus bus = sice_ram_board_bus(&board);
    sice_target tg;
    sice_target_init(&tg, &cfg, &bus);
    if (tcp_port)
        return serve_tcp(&tg, tcp_port);

    sice_transport t;
    if (sice_transport_open_pty(&t, 1) != SICE_OK) {
        fprintf(stderr, "sice-target: %s\n", t.err);
        return 1;
    }
    printf("sice-target: serving SerialICE on %s (RAM 0x%llx+0x%llx)\n", t.path,
           (unsigned long long)base, (unsigned long long)size);
    fflush(stdout);
    sice_status st = sice_target_serve(&tg, &t);
    fprintf(stderr, "sice-target: stopped (%s)\n", sice_status_name(st));
    sice_transport_close(&t);
    sice_ram_board_free(&board);
    return st == SICE_OK ? 0 : 1;
}
