/*
 * A GDB server for the fake machine: the simulation loop the CPU side will
 * follow, driven by the stub (poll without waiting while running, block
 * in the host while held, so simulated time stands still), used by the
 * end-to-end test with a real gdb (run-gdb-e2e.sh).
 *
 *   gdb_fake_server SPEC   e.g. tcp::0 -> prints "port N" on stdout
 * Exits with the guest's exit code, 0 after 'k'/monitor quit, or 124
 * after 30 s of wall time (a safety net for a stuck test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "fake_target.h"
#include "gdb/transport.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s tcp::PORT|unix:PATH\n", argv[0]);
        return 2;
    }
    fake_machine *m = malloc(sizeof *m);
    fake_init(m);
    /* CPU 0: nops, store r0 -> 0x1800, load, exit 3; CPU 1 spins */
    for (uint32_t a = 0x1000; a < 0x1010; a += 4)
        fake_poke(m, a, 0);
    fake_poke(m, 0x1010, 0x01001800);
    fake_poke(m, 0x1014, 0x02001800);
    fake_poke(m, 0x1018, 0xff000003);
    m->cpu[0].r[0] = 0x12345678;
    fake_poke(m, 0x1100, 0x03001100);

    gdb_stub_config cfg = { .start_halted = true, .log = stderr };
    gdb_stub *s = gdb_stub_new(&fake_dif, m, &cfg);
    gdb_transport *t;
    char err[256];
    if (!s || gdb_transport_open(&t, argv[1], err, sizeof err) != GDB_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    char where[128];
    gdb_transport_describe(t, where, sizeof where);
    printf("port %d\n", gdb_transport_port(t));
    fflush(stdout);
    fprintf(stderr, "gdb: waiting for a debugger on %s\n", where);

    time_t deadline = time(NULL) + 30;
    int code = 124;
    while (time(NULL) < deadline) {
        gdb_transport_poll(t, s, 0);
        if (gdb_stub_cpu_run(s, 0) == GDB_RUN_QUIT) {
            code = m->exited ? m->exit_code : 0;
            break;
        }
        if (!gdb_stub_any_running(s)) {
            gdb_transport_poll(t, s, 50);   /* held: host waits, no simulated time */
            continue;
        }
        fake_run(m, s, 100);                /* one quantum */
    }
    gdb_transport_close(t);
    gdb_stub_free(s);
    free(m);
    return code;
}
