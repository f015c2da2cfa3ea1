/*
 * SerialICE target-end simulator: plays "the real board".
 *
 * It speaks the board side of the SerialICE shell byte for byte as the
 * genuine shell (v1.6) does (see docs/serialice.md and the observed
 * transcript it reproduces): the prompt "\r\n> ", an echo of every received
 * byte, every byte other than '*' ignored (echoed, then a fresh prompt),
 * fixed-width hex arguments with "ERROR: parsing number\r\n" per bad digit
 * (the digit counts as 0 and parsing goes on), fixed-width lowercase hex
 * replies starting with "\r\n", "ERROR\r\n" for an unknown command, and the
 * version banner once at start-up.
 *
 * Behind it sits a callback bus (sice_target_bus) so any simulated board
 * can answer: the RAM board in ram-board.h for tests and the sice-target
 * program, and the platform's tcg_bus through target-tcgbus.h.
 *
 * Fault injection (for testing hosts): one mode, applied to `count`
 * consecutive '*' commands starting with command number `at` (0-based,
 * counting every '*' the target receives, handshake *vi / *mb included).
 *
 * Invariants: single-threaded; sice_target_stop() may be called from any
 * thread and makes sice_target_serve() return within ~20 ms.
 */
#ifndef SERIALICE_TARGET_SIM_H
#define SERIALICE_TARGET_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "serialice/status.h"
#include "serialice/transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The simulated board's buses.  Return false on a bus error: the shell has
 * no error reply, so the target answers all-ones (like a floating bus).
 * NULL hooks behave as "no such bus": reads give all-ones, writes vanish.
 */
typedef struct sice_target_bus {
    bool (*mem_read)(void *opaque, uint64_t addr, unsigned size, uint64_t *val);
    bool (*mem_write)(void *opaque, uint64_t addr, unsigned size, uint64_t val);
    bool (*io_read)(void *opaque, uint32_t port, unsigned size, uint64_t *val);
    bool (*io_write)(void *opaque, uint32_t port, unsigned size, uint64_t val);
    bool (*rdmsr)(void *opaque, uint32_t msr, uint32_t key, uint64_t *val);
    bool (*wrmsr)(void *opaque, uint32_t msr, uint32_t key, uint64_t val);
    bool (*cpuid)(void *opaque, uint32_t eax, uint32_t ecx, uint32_t out[4]);
    /* Optional: let the board's own time pass.  Called on serve()'s
     * thread after each byte received (idle = false) and after each poll
     * slice (~20 ms) in which nothing came (idle = true).  The SystemC
     * target server (cosim --serialice-target) advances simulated time
     * here, so a served board's timers run while it talks. */
    void (*pass_time)(void *opaque, bool idle);
    void *opaque;
} sice_target_bus;

typedef enum sice_fault_mode {
    SICE_FAULT_NONE = 0,
    SICE_FAULT_NOISE,       /* junk bytes ("\xff~#") before the echo of the 4th command byte */
    SICE_FAULT_WRONG_ECHO,  /* echo 'x' instead of the '*' (the command still runs)          */
    SICE_FAULT_SHORT_REPLY, /* reply one hex digit short                                     */
    SICE_FAULT_NONHEX_REPLY,/* first reply digit replaced by 'z'                             */
    SICE_FAULT_STALL,       /* say nothing for stall_ms after the command, then go on        */
    SICE_FAULT_RESET,       /* after the two command letters: banner + prompt, command lost  */
    SICE_FAULT_DISCONNECT,  /* after echoing '*': close the line, serve() returns            */
} sice_fault_mode;

typedef struct sice_target_fault {
    sice_fault_mode mode;
    unsigned at;        /* first faulted command number (0 = first '*')  */
    unsigned count;     /* how many consecutive commands; 0 means 1      */
    unsigned stall_ms;  /* SICE_FAULT_STALL: silence length              */
} sice_target_fault;

typedef struct sice_target_config {
    const char *version;    /* whole version line; NULL: "SerialICE v1.6 (cosim target-sim)" */
    const char *mainboard;  /* up to 32 characters, space padded on the wire; NULL: "COSIM" */
    bool no_banner;         /* skip the start-up banner                        */
    sice_target_fault fault;
} sice_target_config;

typedef struct sice_target_stats {
    unsigned commands;      /* '*' commands started                            */
    unsigned mem_reads, mem_writes, io_reads, io_writes;
    unsigned msr_reads, msr_writes, cpuids, errors, faults;
} sice_target_stats;

typedef struct sice_target {
    sice_target_config cfg;
    sice_target_bus bus;
    sice_transport *t;
    bool stop;              /* set by sice_target_stop(); read with __atomic builtins */
    bool fault_now;         /* the current command is faulted              */
    unsigned cmd_bytes;     /* bytes of the current command seen so far    */
    sice_target_stats stats;
    char version[96];
    char mainboard[33];
} sice_target;

void sice_target_init(sice_target *tg, const sice_target_config *cfg, const sice_target_bus *bus);

/*
 * Serve the shell on t until the host disconnects (SICE_ERR_CLOSED), a
 * disconnect fault fires (SICE_ERR_CLOSED, line closed), or
 * sice_target_stop() is called (SICE_OK).  Other errors: SICE_ERR_IO.
 */
sice_status sice_target_serve(sice_target *tg, sice_transport *t) SICE_WUR;

/* Ask serve() to return (thread-safe). */
void sice_target_stop(sice_target *tg);

/* Parse a fault spec "MODE[@AT][xCOUNT][:STALL_MS]", MODE one of none, noise,
 * echo, short, nonhex, stall, reset, disconnect.  err gets a message. */
sice_status sice_target_parse_fault(const char *spec, sice_target_fault *out,
                                    char *err, unsigned errlen) SICE_WUR;

#ifdef __cplusplus
}
#endif

#endif
