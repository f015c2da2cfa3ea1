/*
 * Test rig for the SerialICE suite (see rig.h).
 */
#define _GNU_SOURCE
#include "rig.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

double rig_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void rig_target_config(sice_target_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->version = "SerialICE v1.6 (Nov 21 2026)";
    cfg->mainboard = "QEMU X86";
}

static void capture(void *opaque, const char *line)
{
    rig *r = opaque;
    if (r->nmsgs < RIG_MAX_MSGS)
        snprintf(r->msgs[r->nmsgs++], sizeof r->msgs[0], "%s", line);
}

bool rig_msg_has(const rig *r, const char *needle)
{
    for (unsigned i = 0; i < r->nmsgs; i++)
        if (strstr(r->msgs[i], needle))
            return true;
    return false;
}

static void *serve_thread(void *arg)
{
    rig *r = arg;
    if (r->listen_fd >= 0) {
        int fd = accept(r->listen_fd, NULL, NULL);
        int one = 1;   /* a good terminal server: no Nagle delay on echoes */
        if (fd >= 0)
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (fd < 0 || sice_transport_from_fd(&r->target_t, fd) != SICE_OK) {
            r->serve_status = SICE_ERR_IO;
            return NULL;
        }
    }
    r->serve_status = sice_target_serve(&r->target, &r->target_t);
    return NULL;
}

bool rig_start(rig *r, rig_link link, const sice_target_fault *fault)
{
    memset(r, 0, sizeof *r);
    r->listen_fd = -1;
    sice_transport_init(&r->target_t);
    sice_transport_init(&r->host_t);
    if (sice_ram_board_init(&r->board, 0, 0x20000) != SICE_OK)
        return false;
    /* The transcript's values. */
    r->board.ram[0x1000] = 0xef;
    r->board.ram[0x1001] = 0xbe;
    r->board.io[0xcfc] = 0x86;
    r->board.io[0xcfd] = 0x80;
    r->board.io[0xcfe] = 0x37;
    r->board.io[0xcff] = 0x12;
    r->board.cpuid0[0] = 4;
    memcpy(&r->board.cpuid0[1], "Genu", 4);
    memcpy(&r->board.cpuid0[3], "ineI", 4);
    memcpy(&r->board.cpuid0[2], "ntel", 4);
    r->board.msr[0].used = true;
    r->board.msr[0].msr = 0x1b;
    r->board.msr[0].val = 0xfee00900;

    sice_target_config cfg;
    rig_target_config(&cfg);
    if (fault)
        cfg.fault = *fault;
    sice_target_bus bus = sice_ram_board_bus(&r->board);
    sice_target_init(&r->target, &cfg, &bus);

    r->ccfg = (sice_client_config){ .timeout_ms = RIG_TIMEOUT_MS, .quiet_ms = RIG_QUIET_MS,
                                    .message = capture, .message_opaque = r };
    switch (link) {
    case RIG_PTY:
        if (sice_transport_open_pty(&r->target_t, 0) != SICE_OK)
            return false;
        if (sice_transport_open_serial(&r->host_t, r->target_t.path, 115200) != SICE_OK)
            return false;
        break;
    case RIG_SOCKETPAIR: {
        int sv[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
            return false;
        if (sice_transport_from_fd(&r->target_t, sv[0]) != SICE_OK ||
            sice_transport_from_fd(&r->host_t, sv[1]) != SICE_OK)
            return false;
        break;
    }
    case RIG_TCP: {
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
        socklen_t al = sizeof a;
        r->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
        if (r->listen_fd < 0 || bind(r->listen_fd, (struct sockaddr *)&a, sizeof a) < 0 ||
            listen(r->listen_fd, 1) < 0 ||
            getsockname(r->listen_fd, (struct sockaddr *)&a, &al) < 0)
            return false;
        break;
    }
    }
    if (pthread_create(&r->thread, NULL, serve_thread, r) != 0)
        return false;
    r->running = true;
    if (link == RIG_TCP) {
        struct sockaddr_in a;
        socklen_t al = sizeof a;
        if (getsockname(r->listen_fd, (struct sockaddr *)&a, &al) < 0)
            return false;
        if (sice_transport_open_tcp(&r->host_t, "127.0.0.1", ntohs(a.sin_port), 2000) != SICE_OK)
            return false;
    }
    return true;
}

sice_status rig_open_client(rig *r)
{
    return sice_client_open(&r->client, &r->host_t, &r->ccfg);
}

void rig_stop(rig *r)
{
    sice_transport_close(&r->host_t);
    if (r->running) {
        sice_target_stop(&r->target);
        if (r->listen_fd >= 0)
            shutdown(r->listen_fd, SHUT_RDWR);  /* wakes an accept() that never got a peer */
        pthread_join(r->thread, NULL);
        r->running = false;
    }
    sice_transport_close(&r->target_t);
    if (r->listen_fd >= 0)
        close(r->listen_fd);
    sice_ram_board_free(&r->board);
}
