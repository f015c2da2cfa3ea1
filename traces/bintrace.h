/*
 * Compact binary trace: instructions, register writes, memory accesses,
 * exceptions and bus transactions with their timestamps, for runs of
 * hundreds of millions of instructions, plus a reader that replays the
 * records as trace events into any sink.
 *
 * File layout (all integers little-endian):
 *   header   "COSIMTRC" | u16 version (1) | u16 machine (ELF e_machine)
 *            | u32 header size (24) | u64 flags (0)
 *   chunk*   "CHNK" | u32 payload bytes | u32 records | u32 instructions
 *            | u64 first instruction count | u64 base cycles | u64 base ps
 *            | payload
 *   index    "CIDX" | u32 chunks | per chunk: u64 file offset,
 *            u64 first instruction count, u64 base cycles, u64 base ps
 *   trailer  u64 index offset | "CEND"
 * A chunk decodes on its own: the delta state (previous pc, address,
 * time) and the string table are reset at each chunk start, and a chunk
 * always begins with an instruction record, so a reader can seek to any
 * chunk through the index (or, in a file whose writer died before the
 * index, by walking chunk headers).
 *
 * Records: one tag byte (low 3 bits: type; high 5 bits: flags), then
 * LEB128 varints; times are zigzag deltas from the previous record's
 * time in the chunk (CPU-local time may run ahead of SystemC time, so
 * deltas can be negative):
 *   INSN  [ext byte if F_EXT] dcycles dps [zz dpc unless F_SEQ]
 *         opcode (raw LE: 2 bytes if F_LEN2, else 4)
 *         [cpu][zz phys-pc][mode str][zz dcount]   (as ext bits say)
 *   REG   dcycles dps regno name-str value         (F_W64: 64-bit)
 *   MEM   dcycles dps zz dvaddr [zz paddr-vaddr] value   (size in flags)
 *   EXC   dcycles dps number name-str return-addr handler
 *   BUS   dps(time_ps) init-str target-str addr size data latency status
 *   STR   id length bytes          (defines a string id in this chunk)
 *   CPU   cpu                      (later records belong to this CPU)
 * Counts are implicit (previous + 1) unless the ext byte says otherwise.
 * Pointers in replayed events (mode, names) stay valid until the next
 * chunk is read.
 */
#ifndef TRACES_BINTRACE_H
#define TRACES_BINTRACE_H

#include <stdio.h>

#include "traces/trace-events.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TRACE_BIN_VERSION 1
#define TRACE_BIN_MAX_STRINGS 256

typedef struct trace_bin_chunk_info {
    uint64_t offset, first_count, base_cycles, base_ps;
} trace_bin_chunk_info;

/* delta state shared by writer and reader (reset per chunk) */
typedef struct trace_bin_state {
    uint64_t cycles, ps;          /* time of the previous record         */
    uint64_t next_pc;             /* pc + size of the previous insn      */
    uint64_t count;               /* count of the previous insn          */
    uint64_t pc;                  /* pc of the previous insn             */
    uint64_t mem_addr;            /* previous data address               */
    uint16_t cpu;
    const char *mode;             /* mode of the previous insn (reader)  */
    uint32_t mode_id;             /* its string id (writer; 0: none)     */
} trace_bin_state;

typedef struct trace_bin_writer {
    FILE *f;
    uint8_t *buf;                 /* payload of the open chunk           */
    size_t len, cap;
    size_t chunk_target;          /* payload bytes before a new chunk    */
    uint32_t records, insns;
    trace_bin_chunk_info cur;
    trace_bin_state st;
    char *strs[TRACE_BIN_MAX_STRINGS];   /* copies: the chunk's string table */
    uint32_t n_strs;
    trace_bin_chunk_info *index;
    size_t n_index, cap_index;
    uint64_t offset;              /* file offset of the next write       */
    bool io_error;
} trace_bin_writer;

/* machine: ELF e_machine (40 for ARM).  chunk_bytes 0: 64 KiB. */
TRACE_WUR bool trace_bin_writer_open(trace_bin_writer *w, FILE *f, uint16_t machine,
                                     size_t chunk_bytes);
void trace_bin_write_insn(trace_bin_writer *w, const trace_insn *e);
void trace_bin_write_reg(trace_bin_writer *w, const trace_reg *e);
void trace_bin_write_mem(trace_bin_writer *w, const trace_mem *e);
void trace_bin_write_exc(trace_bin_writer *w, const trace_exc *e);
void trace_bin_write_bus(trace_bin_writer *w, const trace_bus *e);
/* Writes the last chunk, the index and the trailer, and frees buffers
 * (does not close the FILE).  false on an I/O error. */
TRACE_WUR bool trace_bin_writer_close(trace_bin_writer *w);
trace_sink trace_bin_writer_sink(trace_bin_writer *w);

typedef struct trace_bin_reader {
    FILE *f;
    uint16_t version, machine;
    trace_bin_chunk_info *index;
    size_t n_chunks;
    bool had_index;               /* false: rebuilt by walking chunks     */
    /* current chunk */
    uint8_t *buf;
    size_t len, pos, cap;
    size_t chunk;                 /* index of the chunk in buf            */
    uint32_t records_left;
    trace_bin_state st;
    char *strs[TRACE_BIN_MAX_STRINGS];
    char err[160];
} trace_bin_reader;

/* Opens and validates; on failure err holds one line. */
TRACE_WUR bool trace_bin_reader_open(trace_bin_reader *r, FILE *f, char *err, size_t err_len);
void trace_bin_reader_close(trace_bin_reader *r);
/* Positions before chunk i (0..n_chunks-1). */
TRACE_WUR bool trace_bin_reader_seek_chunk(trace_bin_reader *r, size_t i);
/* Positions at the chunk holding instruction number `count`. */
TRACE_WUR bool trace_bin_reader_seek_count(trace_bin_reader *r, uint64_t count);
/* Replays the next record into sink; 1: one record, 0: end of trace,
 * -1: corrupt file (message in r->err). */
TRACE_WUR int trace_bin_reader_next(trace_bin_reader *r, trace_sink sink);
/* Replays everything from the current position; false on corruption. */
TRACE_WUR bool trace_bin_reader_replay(trace_bin_reader *r, trace_sink sink);

#ifdef __cplusplus
}
#endif

#endif
