/*
 * Test rig for the SerialICE suite: a RAM-board target simulator served
 * in a thread, and a client transport connected to it over a pty pair, a
 * socketpair or TCP on 127.0.0.1.  Messages from the client are captured.
 * Timeouts are short (RIG_TIMEOUT_MS) so fault tests finish quickly.
 */
#ifndef TESTS_SERIALICE_RIG_H
#define TESTS_SERIALICE_RIG_H

#include <pthread.h>
#include <stdbool.h>

#include "serialice/client.h"
#include "serialice/ram-board.h"
#include "serialice/target-sim.h"
#include "serialice/transport.h"

#define RIG_TIMEOUT_MS 400
#define RIG_QUIET_MS 40
#define RIG_MAX_MSGS 16

typedef enum rig_link { RIG_PTY, RIG_SOCKETPAIR, RIG_TCP } rig_link;

typedef struct rig {
    sice_ram_board board;
    sice_target target;
    sice_transport target_t;   /* the board's end   */
    sice_transport host_t;     /* the client's end  */
    sice_client client;
    sice_client_config ccfg;
    pthread_t thread;
    bool running;
    int listen_fd;
    sice_status serve_status;
    char msgs[RIG_MAX_MSGS][320];
    unsigned nmsgs;
} rig;

/* The reference transcript's board: v1.6, "QEMU X86", 0x1000=beef, port
 * 0xcfc=12378086, CPUID leaf 0 GenuineIntel max 4, MSR 0x1b=fee00900. */
void rig_target_config(sice_target_config *cfg);

/* Start the target (with `fault`) and connect the host transport.  false on failure. */
bool rig_start(rig *r, rig_link link, const sice_target_fault *fault);
/* Handshake with the rig's client config (short timeouts, captured messages). */
sice_status rig_open_client(rig *r);
void rig_stop(rig *r);
/* Does any captured message contain `needle`? */
bool rig_msg_has(const rig *r, const char *needle);

/* Milliseconds on the monotonic clock. */
double rig_now_ms(void);

#endif
