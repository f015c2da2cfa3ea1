/*
 * Binary trace writer and reader (format in bintrace.h).
 *
 * Invariant: writer and reader apply the same delta state transitions
 * (bin_state_reset, then one update per record), so each chunk decodes
 * on its own.  The reader never trusts a length from the file: every
 * varint and string is bounds-checked against the chunk payload.
 */
#include <stdlib.h>
#include <string.h>

#include "traces/bintrace.h"

enum {
    REC_INSN = 1, REC_REG = 2, REC_MEM = 3, REC_EXC = 4, REC_BUS = 5, REC_STR = 6, REC_CPU = 7,
};

/* INSN tag flags */
#define I_EXEC  0x08u
#define I_SEQ   0x10u
#define I_THUMB 0x20u
#define I_LEN2  0x40u
#define I_EXT   0x80u
/* INSN ext byte */
#define X_PHYS   0x01u
#define X_MODE   0x02u
#define X_COUNT  0x04u
#define X_OTHER  0x08u
#define X_BRANCH_SHIFT 4
#define X_LEN    0x40u
/* REG */
#define R_W64   0x08u
/* MEM */
#define M_WRITE 0x08u
#define M_SIZE_SHIFT 4
#define M_PHYS  0x40u
#define M_XSIZE 0x80u
/* BUS */
#define B_WRITE 0x08u
#define B_STATUS_SHIFT 4

#define HEADER_SIZE 24u
#define CHUNK_HEADER_SIZE 40u

static void bin_state_reset(trace_bin_state *st, uint64_t first_count, uint64_t cycles, uint64_t ps)
{
    memset(st, 0, sizeof *st);
    st->cycles = cycles;
    st->ps = ps;
    st->count = first_count - 1;
}

static uint64_t zz(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static int64_t unzz(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* ---- writer ---------------------------------------------------------- */

static void fwrite_all(trace_bin_writer *w, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, w->f) != n)
        w->io_error = true;
    w->offset += n;
}

static void reserve(trace_bin_writer *w, size_t n)
{
    if (w->len + n <= w->cap)
        return;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + n)
        cap *= 2;
    uint8_t *b = realloc(w->buf, cap);
    if (!b) {
        /* out of memory: drop the record stream, report at close */
        w->io_error = true;
        return;
    }
    w->buf = b;
    w->cap = cap;
}

static void put_u8(trace_bin_writer *w, uint8_t v)
{
    reserve(w, 1);
    if (w->len < w->cap)
        w->buf[w->len++] = v;
}

static void put_var(trace_bin_writer *w, uint64_t v)
{
    reserve(w, 10);
    if (w->len + 10 > w->cap)
        return;
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        w->buf[w->len++] = b | (v ? 0x80 : 0);
    } while (v);
}

static void flush_chunk(trace_bin_writer *w)
{
    if (!w->records)
        return;
    uint8_t h[CHUNK_HEADER_SIZE];
    memcpy(h, "CHNK", 4);
    put_le(h + 4, w->len, 4);
    put_le(h + 8, w->records, 4);
    put_le(h + 12, w->insns, 4);
    put_le(h + 16, w->cur.first_count, 8);
    put_le(h + 24, w->cur.base_cycles, 8);
    put_le(h + 32, w->cur.base_ps, 8);
    w->cur.offset = w->offset;
    if (w->n_index == w->cap_index) {
        size_t cap = w->cap_index ? 2 * w->cap_index : 64;
        trace_bin_chunk_info *n = realloc(w->index, cap * sizeof *n);
        if (!n) {
            w->io_error = true;
            return;
        }
        w->index = n;
        w->cap_index = cap;
    }
    w->index[w->n_index++] = w->cur;
    fwrite_all(w, h, sizeof h);
    fwrite_all(w, w->buf, w->len);
    w->len = 0;
    w->records = 0;
    w->insns = 0;
}

static void free_strs(trace_bin_writer *w)
{
    for (uint32_t i = 0; i < TRACE_BIN_MAX_STRINGS; i++) {
        free(w->strs[i]);
        w->strs[i] = NULL;
    }
    w->n_strs = 0;
}

/* Opens a chunk if none is open, or cuts one before an instruction once
 * the payload reached its target size. */
static void begin_record(trace_bin_writer *w, bool is_insn, uint64_t count, uint64_t cycles,
                         uint64_t ps)
{
    if (w->records && is_insn && w->len >= w->chunk_target)
        flush_chunk(w);
    if (!w->records) {
        uint64_t first = is_insn ? count : w->st.count + 1;
        w->cur = (trace_bin_chunk_info){ 0, first, cycles, ps };
        bin_state_reset(&w->st, first, cycles, ps);
        free_strs(w);
    }
    w->records++;
}

static void put_time(trace_bin_writer *w, trace_time t)
{
    put_var(w, zz((int64_t)(t.cycles - w->st.cycles)));
    put_var(w, zz((int64_t)(t.ps - w->st.ps)));
    w->st.cycles = t.cycles;
    w->st.ps = t.ps;
}

/* String id for s in this chunk (0: NULL), defining it if needed.  Must
 * be called before the record that uses it is started. */
static uint32_t intern(trace_bin_writer *w, const char *s)
{
    if (!s)
        return 0;
    for (uint32_t i = 0; i < w->n_strs; i++)
        if (!strcmp(w->strs[i], s))
            return i + 1;
    size_t n = strlen(s);
    if (n > 255)
        n = 255;
    char *copy = malloc(n + 1);
    if (!copy) {
        w->io_error = true;
        return 0;
    }
    memcpy(copy, s, n);
    copy[n] = 0;
    uint32_t id;
    if (w->n_strs < TRACE_BIN_MAX_STRINGS)
        id = ++w->n_strs;
    else
        id = TRACE_BIN_MAX_STRINGS;   /* table full: redefine the last slot */
    if (w->st.mode_id == id)
        w->st.mode_id = 0;            /* the reader forgets the mode with its slot */
    free(w->strs[id - 1]);
    w->strs[id - 1] = copy;
    w->records++;
    put_u8(w, REC_STR);
    put_var(w, id);
    put_var(w, n);
    reserve(w, n);
    if (w->len + n <= w->cap) {
        memcpy(w->buf + w->len, copy, n);
        w->len += n;
    }
    return id;
}

static void set_cpu(trace_bin_writer *w, uint16_t cpu)
{
    if (cpu == w->st.cpu)
        return;
    w->records++;
    put_u8(w, REC_CPU);
    put_var(w, cpu);
    w->st.cpu = cpu;
}

bool trace_bin_writer_open(trace_bin_writer *w, FILE *f, uint16_t machine, size_t chunk_bytes)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    w->chunk_target = chunk_bytes ? chunk_bytes : 65536;
    uint8_t h[HEADER_SIZE];
    memcpy(h, "COSIMTRC", 8);
    put_le(h + 8, TRACE_BIN_VERSION, 2);
    put_le(h + 10, machine, 2);
    put_le(h + 12, HEADER_SIZE, 4);
    put_le(h + 16, 0, 8);
    fwrite_all(w, h, sizeof h);
    return !w->io_error;
}

void trace_bin_write_insn(trace_bin_writer *w, const trace_insn *e)
{
    begin_record(w, true, e->count, e->time.cycles, e->time.ps);
    w->insns++;
    set_cpu(w, e->cpu);
    uint32_t mode_id = w->st.mode_id;
    bool mode_changed = false;
    const char *cur = mode_id ? w->strs[mode_id - 1] : NULL;
    if ((e->mode == NULL) != (cur == NULL) || (e->mode && strcmp(e->mode, cur))) {
        mode_id = intern(w, e->mode);
        mode_changed = true;
    }
    uint8_t tag = REC_INSN, ext = 0;
    if (e->executed) tag |= I_EXEC;
    if (e->pc == w->st.next_pc) tag |= I_SEQ;
    if (e->isa == TRACE_ISA_THUMB) tag |= I_THUMB;
    else if (e->isa != TRACE_ISA_ARM) ext |= X_OTHER;
    if (e->size == 2) tag |= I_LEN2;
    else if (e->size != 4) ext |= X_LEN;
    if (e->phys_pc != e->pc) ext |= X_PHYS;
    if (mode_changed) ext |= X_MODE;
    if (e->count != w->st.count + 1) ext |= X_COUNT;
    ext |= (uint8_t)((e->branch & 3u) << X_BRANCH_SHIFT);
    if (ext) tag |= I_EXT;
    put_u8(w, tag);
    if (ext)
        put_u8(w, ext);
    put_time(w, e->time);
    if (!(tag & I_SEQ))
        put_var(w, zz((int64_t)(e->pc - w->st.next_pc)));
    /* encodings look random to a varint: raw, 2 bytes for 16-bit ones */
    reserve(w, 4);
    if (w->len + 4 <= w->cap) {
        unsigned nb = e->size == 2 ? 2 : 4;
        put_le(w->buf + w->len, e->opcode, nb);
        w->len += nb;
    }
    if (ext & X_PHYS)
        put_var(w, zz((int64_t)(e->phys_pc - e->pc)));
    if (ext & X_MODE)
        put_var(w, mode_id);
    if (ext & X_COUNT)
        put_var(w, zz((int64_t)(e->count - (w->st.count + 1))));
    if (ext & X_LEN)
        put_var(w, e->size);
    w->st.mode_id = mode_id;
    w->st.count = e->count;
    w->st.pc = e->pc;
    w->st.next_pc = e->pc + e->size;
}

void trace_bin_write_reg(trace_bin_writer *w, const trace_reg *e)
{
    begin_record(w, false, 0, e->time.cycles, e->time.ps);
    set_cpu(w, e->cpu);
    uint32_t id = intern(w, e->name);
    put_u8(w, REC_REG | (e->width > 32 ? R_W64 : 0));
    put_time(w, e->time);
    put_var(w, e->regno);
    put_var(w, id);
    put_var(w, e->value);
}

static int size_log2(unsigned size)
{
    switch (size) {
    case 1: return 0;
    case 2: return 1;
    case 4: return 2;
    case 8: return 3;
    default: return -1;
    }
}

void trace_bin_write_mem(trace_bin_writer *w, const trace_mem *e)
{
    begin_record(w, false, 0, e->time.cycles, e->time.ps);
    set_cpu(w, e->cpu);
    int l2 = size_log2(e->size);
    uint8_t tag = REC_MEM;
    if (e->is_write) tag |= M_WRITE;
    if (l2 >= 0) tag |= (uint8_t)(l2 << M_SIZE_SHIFT);
    else tag |= M_XSIZE;
    if (e->paddr != e->vaddr) tag |= M_PHYS;
    put_u8(w, tag);
    put_time(w, e->time);
    put_var(w, zz((int64_t)(e->vaddr - w->st.mem_addr)));
    if (tag & M_PHYS)
        put_var(w, zz((int64_t)(e->paddr - e->vaddr)));
    if (tag & M_XSIZE)
        put_var(w, e->size);
    put_var(w, e->value);
    w->st.mem_addr = e->vaddr;
}

void trace_bin_write_exc(trace_bin_writer *w, const trace_exc *e)
{
    begin_record(w, false, 0, e->time.cycles, e->time.ps);
    set_cpu(w, e->cpu);
    uint32_t id = intern(w, e->name);
    put_u8(w, REC_EXC);
    put_time(w, e->time);
    put_var(w, e->number);
    put_var(w, id);
    put_var(w, e->return_addr);
    put_var(w, e->handler);
}

void trace_bin_write_bus(trace_bin_writer *w, const trace_bus *e)
{
    begin_record(w, false, 0, w->st.cycles, e->time_ps);
    uint32_t ini = intern(w, e->initiator);
    uint32_t tgt = intern(w, e->target);
    put_u8(w, (uint8_t)(REC_BUS | (e->is_write ? B_WRITE : 0) | ((e->status & 3u) << B_STATUS_SHIFT)));
    put_var(w, zz((int64_t)(e->time_ps - w->st.ps)));
    w->st.ps = e->time_ps;
    put_var(w, ini);
    put_var(w, tgt);
    put_var(w, e->addr);
    put_var(w, e->size);
    put_var(w, e->data);
    put_var(w, e->latency_ps);
}

bool trace_bin_writer_close(trace_bin_writer *w)
{
    flush_chunk(w);
    uint64_t idx_off = w->offset;
    uint8_t h[8];
    memcpy(h, "CIDX", 4);
    put_le(h + 4, w->n_index, 4);
    fwrite_all(w, h, 8);
    for (size_t i = 0; i < w->n_index; i++) {
        uint8_t e[32];
        put_le(e, w->index[i].offset, 8);
        put_le(e + 8, w->index[i].first_count, 8);
        put_le(e + 16, w->index[i].base_cycles, 8);
        put_le(e + 24, w->index[i].base_ps, 8);
        fwrite_all(w, e, 32);
    }
    uint8_t t[12];
    put_le(t, idx_off, 8);
    memcpy(t + 8, "CEND", 4);
    fwrite_all(w, t, 12);
    if (fflush(w->f) != 0)
        w->io_error = true;
    free(w->buf);
    free(w->index);
    free_strs(w);
    w->buf = NULL;
    w->index = NULL;
    w->len = w->cap = w->n_index = w->cap_index = 0;
    return !w->io_error;
}

static void s_insn(void *o, const trace_insn *e) { trace_bin_write_insn(o, e); }
static void s_reg(void *o, const trace_reg *e) { trace_bin_write_reg(o, e); }
static void s_mem(void *o, const trace_mem *e) { trace_bin_write_mem(o, e); }
static void s_exc(void *o, const trace_exc *e) { trace_bin_write_exc(o, e); }
static void s_bus(void *o, const trace_bus *e) { trace_bin_write_bus(o, e); }
static bool s_finish(void *o) { return trace_bin_writer_close(o); }

static const trace_sink_ops bin_ops = {
    .name = "bintrace", .insn = s_insn, .reg = s_reg, .mem = s_mem, .exc = s_exc,
    .bus = s_bus, .finish = s_finish,
};

trace_sink trace_bin_writer_sink(trace_bin_writer *w)
{
    return (trace_sink){ &bin_ops, w };
}

/* ---- reader ---------------------------------------------------------- */

static bool rfail(trace_bin_reader *r, const char *msg)
{
    snprintf(r->err, sizeof r->err, "%s", msg);
    return false;
}

static bool read_at(FILE *f, uint64_t off, void *buf, size_t n)
{
    if (fseeko(f, (off_t)off, SEEK_SET) != 0)
        return false;
    return fread(buf, 1, n, f) == n;
}

static bool add_chunk(trace_bin_reader *r, const trace_bin_chunk_info *c, size_t *cap)
{
    if (r->n_chunks == *cap) {
        size_t nc = *cap ? 2 * *cap : 64;
        trace_bin_chunk_info *n = realloc(r->index, nc * sizeof *n);
        if (!n)
            return false;
        r->index = n;
        *cap = nc;
    }
    r->index[r->n_chunks++] = *c;
    return true;
}

static bool load_index(trace_bin_reader *r, uint64_t file_size)
{
    uint8_t t[12];
    if (file_size < HEADER_SIZE + 8 + 12 || !read_at(r->f, file_size - 12, t, 12) ||
        memcmp(t + 8, "CEND", 4))
        return false;
    uint64_t off = get_le(t, 8);
    uint8_t h[8];
    if (off < HEADER_SIZE || off + 8 > file_size - 12 || !read_at(r->f, off, h, 8) ||
        memcmp(h, "CIDX", 4))
        return false;
    uint64_t n = get_le(h + 4, 4);
    if (n * 32 != file_size - 12 - off - 8)
        return false;
    size_t cap = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint8_t e[32];
        if (fread(e, 1, 32, r->f) != 32)
            return false;
        trace_bin_chunk_info c = { get_le(e, 8), get_le(e + 8, 8), get_le(e + 16, 8),
                                   get_le(e + 24, 8) };
        if (c.offset < HEADER_SIZE || c.offset + CHUNK_HEADER_SIZE > off)
            return false;
        if (!add_chunk(r, &c, &cap))
            return false;
    }
    return true;
}

/* No usable index (the writer died): walk the chunk headers. */
static void scan_chunks(trace_bin_reader *r, uint64_t file_size)
{
    size_t cap = 0;
    uint64_t off = HEADER_SIZE;
    free(r->index);
    r->index = NULL;
    r->n_chunks = 0;
    while (off + CHUNK_HEADER_SIZE <= file_size) {
        uint8_t h[CHUNK_HEADER_SIZE];
        if (!read_at(r->f, off, h, sizeof h) || memcmp(h, "CHNK", 4))
            break;
        uint64_t len = get_le(h + 4, 4);
        if (off + CHUNK_HEADER_SIZE + len > file_size)
            break;   /* the chunk being written when the run ended */
        trace_bin_chunk_info c = { off, get_le(h + 16, 8), get_le(h + 24, 8), get_le(h + 32, 8) };
        if (!add_chunk(r, &c, &cap))
            break;
        off += CHUNK_HEADER_SIZE + len;
    }
}

bool trace_bin_reader_open(trace_bin_reader *r, FILE *f, char *err, size_t err_len)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    uint8_t h[HEADER_SIZE];
    if (!read_at(f, 0, h, sizeof h) || memcmp(h, "COSIMTRC", 8)) {
        snprintf(err, err_len, "not a cosim binary trace (bad magic)");
        return false;
    }
    r->version = (uint16_t)get_le(h + 8, 2);
    r->machine = (uint16_t)get_le(h + 10, 2);
    if (r->version != TRACE_BIN_VERSION) {
        snprintf(err, err_len, "binary trace version %u is not supported (this reader knows %u)",
                 r->version, TRACE_BIN_VERSION);
        return false;
    }
    if (get_le(h + 12, 4) != HEADER_SIZE) {
        snprintf(err, err_len, "binary trace header size %u is not supported",
                 (unsigned)get_le(h + 12, 4));
        return false;
    }
    if (fseeko(f, 0, SEEK_END) != 0) {
        snprintf(err, err_len, "binary trace is not seekable");
        return false;
    }
    uint64_t size = (uint64_t)ftello(f);
    r->had_index = load_index(r, size);
    if (!r->had_index)
        scan_chunks(r, size);
    r->chunk = (size_t)-1;
    return true;
}

void trace_bin_reader_close(trace_bin_reader *r)
{
    free(r->index);
    free(r->buf);
    for (size_t i = 0; i < TRACE_BIN_MAX_STRINGS; i++)
        free(r->strs[i]);
    memset(r, 0, sizeof *r);
}

static bool load_chunk(trace_bin_reader *r, size_t i)
{
    uint8_t h[CHUNK_HEADER_SIZE];
    if (i >= r->n_chunks)
        return rfail(r, "chunk number out of range");
    if (!read_at(r->f, r->index[i].offset, h, sizeof h) || memcmp(h, "CHNK", 4))
        return rfail(r, "corrupt binary trace: bad chunk header");
    size_t len = (size_t)get_le(h + 4, 4);
    if (len > r->cap) {
        uint8_t *b = realloc(r->buf, len);
        if (!b)
            return rfail(r, "out of memory");
        r->buf = b;
        r->cap = len;
    }
    if (fread(r->buf, 1, len, r->f) != len)
        return rfail(r, "corrupt binary trace: chunk truncated");
    r->len = len;
    r->pos = 0;
    r->records_left = (uint32_t)get_le(h + 8, 4);
    r->chunk = i;
    bin_state_reset(&r->st, get_le(h + 16, 8), get_le(h + 24, 8), get_le(h + 32, 8));
    for (size_t k = 0; k < TRACE_BIN_MAX_STRINGS; k++) {
        free(r->strs[k]);
        r->strs[k] = NULL;
    }
    return true;
}

bool trace_bin_reader_seek_chunk(trace_bin_reader *r, size_t i)
{
    return load_chunk(r, i);
}

bool trace_bin_reader_seek_count(trace_bin_reader *r, uint64_t count)
{
    if (!r->n_chunks)
        return rfail(r, "empty trace");
    size_t lo = 0, hi = r->n_chunks;   /* last chunk with first_count <= count */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (r->index[mid].first_count <= count)
            lo = mid;
        else
            hi = mid;
    }
    return load_chunk(r, lo);
}

static bool get_u8(trace_bin_reader *r, uint8_t *v)
{
    if (r->pos >= r->len)
        return false;
    *v = r->buf[r->pos++];
    return true;
}

static bool get_var(trace_bin_reader *r, uint64_t *v)
{
    uint64_t x = 0;
    for (unsigned shift = 0; shift < 70; shift += 7) {
        if (r->pos >= r->len)
            return false;
        uint8_t b = r->buf[r->pos++];
        x |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = x;
            return true;
        }
    }
    return false;
}

static bool get_time(trace_bin_reader *r, trace_time *t)
{
    uint64_t dc, dp;
    if (!get_var(r, &dc) || !get_var(r, &dp))
        return false;
    r->st.cycles += (uint64_t)unzz(dc);
    r->st.ps += (uint64_t)unzz(dp);
    t->cycles = r->st.cycles;
    t->ps = r->st.ps;
    return true;
}

static bool get_str(trace_bin_reader *r, const char **s)
{
    uint64_t id;
    if (!get_var(r, &id) || id > TRACE_BIN_MAX_STRINGS)
        return false;
    if (id == 0) {
        *s = NULL;
        return true;
    }
    *s = r->strs[id - 1];
    return *s != NULL;   /* an id used before its definition is corrupt */
}

int trace_bin_reader_next(trace_bin_reader *r, trace_sink sink)
{
again:
    while (r->chunk == (size_t)-1 || r->records_left == 0) {
        size_t next = r->chunk == (size_t)-1 ? 0 : r->chunk + 1;
        if (next >= r->n_chunks)
            return 0;
        if (!load_chunk(r, next))
            return -1;
    }
    r->records_left--;
    uint8_t tag;
    if (!get_u8(r, &tag))
        goto corrupt;
    const trace_sink_ops *o = sink.ops;
    switch (tag & 7u) {
    case REC_INSN: {
        trace_insn e = { 0 };
        uint8_t ext = 0;
        uint64_t v;
        if ((tag & I_EXT) && !get_u8(r, &ext))
            goto corrupt;
        if (!get_time(r, &e.time))
            goto corrupt;
        e.pc = r->st.next_pc;
        if (!(tag & I_SEQ)) {
            if (!get_var(r, &v))
                goto corrupt;
            e.pc = r->st.next_pc + (uint64_t)unzz(v);
        }
        unsigned nb = (tag & I_LEN2) ? 2 : 4;
        if (r->pos + nb > r->len)
            goto corrupt;
        e.opcode = (uint32_t)get_le(r->buf + r->pos, nb);
        r->pos += nb;
        e.phys_pc = e.pc;
        if (ext & X_PHYS) {
            if (!get_var(r, &v))
                goto corrupt;
            e.phys_pc = e.pc + (uint64_t)unzz(v);
        }
        e.mode = r->st.mode;
        if (ext & X_MODE) {
            if (!get_str(r, &e.mode))
                goto corrupt;
            r->st.mode = e.mode;
        }
        e.count = r->st.count + 1;
        if (ext & X_COUNT) {
            if (!get_var(r, &v))
                goto corrupt;
            e.count += (uint64_t)unzz(v);
        }
        e.size = (tag & I_LEN2) ? 2 : 4;
        if (ext & X_LEN) {
            if (!get_var(r, &v))
                goto corrupt;
            e.size = (uint8_t)v;
        }
        e.isa = (ext & X_OTHER) ? TRACE_ISA_OTHER : (tag & I_THUMB) ? TRACE_ISA_THUMB : TRACE_ISA_ARM;
        e.branch = (ext >> X_BRANCH_SHIFT) & 3u;
        e.executed = (tag & I_EXEC) != 0;
        e.cpu = r->st.cpu;
        r->st.count = e.count;
        r->st.pc = e.pc;
        r->st.next_pc = e.pc + e.size;
        if (o->insn)
            o->insn(sink.opaque, &e);
        return 1;
    }
    case REC_REG: {
        trace_reg e = { 0 };
        uint64_t regno;
        if (!get_time(r, &e.time) || !get_var(r, &regno) || !get_str(r, &e.name) ||
            !get_var(r, &e.value))
            goto corrupt;
        e.regno = (uint16_t)regno;
        e.width = (tag & R_W64) ? 64 : 32;
        e.cpu = r->st.cpu;
        if (o->reg)
            o->reg(sink.opaque, &e);
        return 1;
    }
    case REC_MEM: {
        trace_mem e = { 0 };
        uint64_t v;
        if (!get_time(r, &e.time) || !get_var(r, &v))
            goto corrupt;
        e.vaddr = r->st.mem_addr + (uint64_t)unzz(v);
        e.paddr = e.vaddr;
        if (tag & M_PHYS) {
            if (!get_var(r, &v))
                goto corrupt;
            e.paddr = e.vaddr + (uint64_t)unzz(v);
        }
        e.size = (uint8_t)(1u << ((tag >> M_SIZE_SHIFT) & 3u));
        if (tag & M_XSIZE) {
            if (!get_var(r, &v))
                goto corrupt;
            e.size = (uint8_t)v;
        }
        if (!get_var(r, &e.value))
            goto corrupt;
        e.is_write = (tag & M_WRITE) != 0;
        e.cpu = r->st.cpu;
        e.pc = r->st.pc;
        r->st.mem_addr = e.vaddr;
        if (o->mem)
            o->mem(sink.opaque, &e);
        return 1;
    }
    case REC_EXC: {
        trace_exc e = { 0 };
        uint64_t num;
        if (!get_time(r, &e.time) || !get_var(r, &num) || !get_str(r, &e.name) ||
            !get_var(r, &e.return_addr) || !get_var(r, &e.handler))
            goto corrupt;
        e.number = (uint32_t)num;
        e.cpu = r->st.cpu;
        if (o->exc)
            o->exc(sink.opaque, &e);
        return 1;
    }
    case REC_BUS: {
        trace_bus e = { 0 };
        uint64_t dt, size;
        if (!get_var(r, &dt) || !get_str(r, &e.initiator) || !get_str(r, &e.target) ||
            !get_var(r, &e.addr) || !get_var(r, &size) || !get_var(r, &e.data) ||
            !get_var(r, &e.latency_ps))
            goto corrupt;
        r->st.ps += (uint64_t)unzz(dt);
        e.time_ps = r->st.ps;
        e.size = (uint32_t)size;
        e.is_write = (tag & B_WRITE) != 0;
        e.status = (tag >> B_STATUS_SHIFT) & 3u;
        if (o->bus)
            o->bus(sink.opaque, &e);
        return 1;
    }
    case REC_STR: {
        uint64_t id, n;
        if (!get_var(r, &id) || id == 0 || id > TRACE_BIN_MAX_STRINGS || !get_var(r, &n) ||
            n > 255 || r->pos + n > r->len)
            goto corrupt;
        char *s = malloc(n + 1);
        if (!s) {
            rfail(r, "out of memory");
            return -1;
        }
        memcpy(s, r->buf + r->pos, n);
        s[n] = 0;
        r->pos += n;
        /* The old string may still be the current mode: keep it valid by
         * replacing the mode pointer too when it is redefined. */
        if (r->st.mode == r->strs[id - 1])
            r->st.mode = NULL;
        free(r->strs[id - 1]);
        r->strs[id - 1] = s;
        goto again;
    }
    case REC_CPU: {
        uint64_t cpu;
        if (!get_var(r, &cpu))
            goto corrupt;
        r->st.cpu = (uint16_t)cpu;
        goto again;
    }
    default:
        break;
    }
corrupt:
    snprintf(r->err, sizeof r->err, "corrupt binary trace: bad record in chunk %zu at byte %zu",
             r->chunk, r->pos);
    return -1;
}

bool trace_bin_reader_replay(trace_bin_reader *r, trace_sink sink)
{
    int rc;
    while ((rc = trace_bin_reader_next(r, sink)) > 0)
        ;
    return rc == 0;
}
