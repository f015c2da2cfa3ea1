/*
 * Firmware loader (see loader.h): ELF32 little-endian through libelf, raw
 * images at the board's load address.
 *
 * Follows the System V ABI gABI (ELF header, program headers, symbol table)
 * and the ARM ELF supplement (Thumb bit in function symbols, mapping
 * symbols $a/$t/$d).  Segment placement and the entry adjustment follow
 * QEMU's ELF loader behaviour (physical addresses).
 *
 * Robustness: the ELF identification is checked by hand before libelf sees
 * the bytes, every segment's file range is checked against the buffer, and
 * every libelf call that can fail is checked; tests feed it random bytes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gelf.h>
#include <libelf.h>

#include "cosim/loader.h"

/* Zero-fill source for .bss: writes go through the callback in chunks. */
static const uint8_t loader_zeros[4096];

typedef struct loader_machine {
    uint16_t em;
    const char *name;
} loader_machine;

static const loader_machine loader_machines[] = {
    { 2, "SPARC" },      { 3, "Intel 80386" }, { 8, "MIPS" },        { 20, "PowerPC" },
    { 21, "PowerPC64" }, { 22, "S/390" },      { 40, "ARM" },        { 42, "SuperH" },
    { 43, "SPARC V9" },  { 50, "IA-64" },      { 62, "x86-64" },     { 83, "AVR" },
    { 94, "Xtensa" },    { 183, "AArch64" },   { 243, "RISC-V" },    { 258, "LoongArch" },
};

const char *loader_machine_name(uint16_t machine)
{
    for (size_t i = 0; i < sizeof loader_machines / sizeof loader_machines[0]; i++)
        if (loader_machines[i].em == machine)
            return loader_machines[i].name;
    return NULL;
}

__attribute__((format(printf, 4, 5)))
static bool fail(char *err, size_t err_len, const char *name, const char *fmt, ...)
{
    int n = snprintf(err, err_len, "%s: ", name);
    if (n >= 0 && (size_t)n < err_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + n, err_len - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

void loader_image_free(loader_image *img)
{
    if (!img)
        return;
    free(img->segments);
    free(img->symbols);
    free(img->strings);
    memset(img, 0, sizeof *img);
}

static bool add_segment(loader_image *img, const loader_segment *s)
{
    loader_segment *n = realloc(img->segments, (img->n_segments + 1) * sizeof *n);
    if (!n)
        return false;
    img->segments = n;
    img->segments[img->n_segments++] = *s;
    if (img->n_segments == 1 || s->paddr < img->low)
        img->low = s->paddr;
    if (img->n_segments == 1 || s->paddr + s->memsz > img->high)
        img->high = s->paddr + s->memsz;
    return true;
}

static bool load_raw(loader_image *img, const uint8_t *data, size_t len, const char *name,
                     const loader_config *cfg, char *err, size_t err_len)
{
    if (!cfg->has_load_address)
        return fail(err, err_len, name,
                    "not an ELF file, and this board has no load address for raw images");
    uint64_t at = cfg->load_address;
    if (at + len < at || !cfg->write(cfg->opaque, at, data, len))
        return fail(err, err_len, name, "image at 0x%llx (size 0x%zx) falls outside RAM",
                    (unsigned long long)at, len);
    img->format = LOADER_FORMAT_RAW;
    img->entry = at;
    loader_segment s = { .paddr = at, .vaddr = at, .filesz = len, .memsz = len,
                         .flags = PF_R | PF_W | PF_X };
    if (!add_segment(img, &s))
        return fail(err, err_len, name, "out of memory");
    return true;
}

/* Checks libelf would not phrase well: class, byte order, header size. */
static bool check_ident(const uint8_t *data, size_t len, const char *name, char *err, size_t err_len)
{
    if (len < EI_NIDENT)
        return fail(err, err_len, name, "truncated ELF header (%zu bytes)", len);
    if (data[EI_CLASS] == ELFCLASS64)
        return fail(err, err_len, name, "ELF64 file, this board needs a 32-bit (ELF32) image");
    if (data[EI_CLASS] != ELFCLASS32)
        return fail(err, err_len, name, "bad ELF class %u", data[EI_CLASS]);
    if (data[EI_DATA] == ELFDATA2MSB)
        return fail(err, err_len, name, "big-endian ELF, this board needs little-endian");
    if (data[EI_DATA] != ELFDATA2LSB)
        return fail(err, err_len, name, "bad ELF data encoding %u", data[EI_DATA]);
    if (len < sizeof(Elf32_Ehdr))
        return fail(err, err_len, name, "truncated ELF header (%zu bytes)", len);
    /* libelf hands out pointers into the image: tables at odd offsets
     * would be misaligned structs.  Real files align them. */
    Elf32_Ehdr eh;
    memcpy(&eh, data, sizeof eh);
    if (eh.e_phoff % 4 || eh.e_shoff % 4)
        return fail(err, err_len, name, "ELF header tables are misaligned (corrupt file?)");
    return true;
}

static bool write_segment(const loader_config *cfg, const uint8_t *data, const Elf32_Phdr *ph)
{
    uint64_t at = ph->p_paddr;
    if (at + ph->p_memsz > (1ull << 32))
        return false;
    if (ph->p_filesz && !cfg->write(cfg->opaque, at, data + ph->p_offset, ph->p_filesz))
        return false;
    for (uint64_t done = ph->p_filesz; done < ph->p_memsz;) {
        uint64_t n = ph->p_memsz - done;
        if (n > sizeof loader_zeros)
            n = sizeof loader_zeros;
        if (!cfg->write(cfg->opaque, at + done, loader_zeros, n))
            return false;
        done += n;
    }
    return true;
}

static bool load_segments(loader_image *img, Elf *elf, const uint8_t *data, size_t len,
                          const Elf32_Ehdr *eh, const char *name, const loader_config *cfg,
                          char *err, size_t err_len)
{
    size_t phnum;
    if (elf_getphdrnum(elf, &phnum) != 0)
        return fail(err, err_len, name, "bad ELF program headers (%s)", elf_errmsg(-1));
    Elf32_Phdr *ph = phnum ? elf32_getphdr(elf) : NULL;
    if (phnum && !ph)
        return fail(err, err_len, name, "bad ELF program headers (%s)", elf_errmsg(-1));
    img->entry = eh->e_entry;
    for (size_t i = 0; i < phnum; i++) {
        const Elf32_Phdr *p = &ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        if (p->p_filesz > p->p_memsz)
            return fail(err, err_len, name, "segment 0x%x has file size 0x%x larger than its memory size 0x%x",
                        (unsigned)p->p_paddr, (unsigned)p->p_filesz, (unsigned)p->p_memsz);
        if ((uint64_t)p->p_offset + p->p_filesz > len)
            return fail(err, err_len, name, "segment 0x%x extends past the end of the file (truncated?)",
                        (unsigned)p->p_paddr);
        if (!write_segment(cfg, data, p))
            return fail(err, err_len, name, "segment 0x%x (size 0x%x) falls outside RAM",
                        (unsigned)p->p_paddr, (unsigned)p->p_memsz);
        loader_segment s = { .paddr = p->p_paddr, .vaddr = p->p_vaddr, .filesz = p->p_filesz,
                             .memsz = p->p_memsz, .flags = p->p_flags };
        if (!add_segment(img, &s))
            return fail(err, err_len, name, "out of memory");
        /* e_entry is virtual: move it with an executable segment loaded
         * at a different physical address. */
        if (p->p_vaddr != p->p_paddr && (p->p_flags & PF_X) && eh->e_entry >= p->p_vaddr &&
            eh->e_entry - p->p_vaddr < p->p_filesz)
            img->entry = eh->e_entry - p->p_vaddr + p->p_paddr;
    }
    if (img->n_segments == 0)
        return fail(err, err_len, name, "ELF has no loadable segments");
    return true;
}

static bool is_mapping_symbol(const char *s)
{
    return s[0] == '$' && (s[1] == 'a' || s[1] == 't' || s[1] == 'd' || s[1] == 'x') &&
           (s[2] == '\0' || s[2] == '.');
}

static int symbol_cmp(const void *a, const void *b)
{
    const loader_symbol *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Keep functions, objects and labels with a name and a section. */
static bool keep_symbol(const Elf32_Sym *s, const char *nm, loader_sym_type *t)
{
    if (!nm || !*nm || is_mapping_symbol(nm))
        return false;
    if (s->st_shndx == SHN_UNDEF || s->st_shndx == SHN_ABS || s->st_shndx >= SHN_LORESERVE)
        return false;
    switch (ELF32_ST_TYPE(s->st_info)) {
    case STT_FUNC: *t = LOADER_SYM_FUNC; return true;
    case STT_OBJECT: *t = LOADER_SYM_OBJECT; return true;
    case STT_NOTYPE: *t = LOADER_SYM_NOTYPE; return true;
    default: return false;
    }
}

/* Symbols are an extra: a broken symbol table is ignored, never fatal,
 * except for running out of memory. */
static bool load_symbols(loader_image *img, Elf *elf, uint16_t machine)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        Elf32_Shdr *sh = elf32_getshdr(scn);
        if (!sh || sh->sh_type != SHT_SYMTAB)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d || !d->d_buf || d->d_type != ELF_T_SYM || (uintptr_t)d->d_buf % 4)
            return true;
        size_t n = d->d_size / sizeof(Elf32_Sym);
        const Elf32_Sym *syms = d->d_buf;
        size_t pool = 0, count = 0;
        for (size_t i = 0; i < n; i++) {
            loader_sym_type t;
            const char *nm = elf_strptr(elf, sh->sh_link, syms[i].st_name);
            if (keep_symbol(&syms[i], nm, &t)) {
                pool += strlen(nm) + 1;
                count++;
            }
        }
        if (count == 0)
            return true;
        img->symbols = calloc(count, sizeof *img->symbols);
        img->strings = malloc(pool);
        if (!img->symbols || !img->strings)
            return false;
        char *w = img->strings;
        for (size_t i = 0; i < n; i++) {
            loader_sym_type t;
            const char *nm = elf_strptr(elf, sh->sh_link, syms[i].st_name);
            if (!keep_symbol(&syms[i], nm, &t))
                continue;
            loader_symbol *s = &img->symbols[img->n_symbols++];
            size_t l = strlen(nm) + 1;
            memcpy(w, nm, l);
            s->name = w;
            w += l;
            s->addr = syms[i].st_value;
            s->size = syms[i].st_size;
            s->type = t;
            s->global = ELF32_ST_BIND(syms[i].st_info) != STB_LOCAL;
            if (machine == LOADER_EM_ARM && t == LOADER_SYM_FUNC && (s->addr & 1)) {
                s->thumb = true;
                s->addr &= ~1ull;
            }
        }
        qsort(img->symbols, img->n_symbols, sizeof *img->symbols, symbol_cmp);
        return true;   /* one .symtab per file (gABI) */
    }
    return true;
}

static bool load_elf(loader_image *img, const uint8_t *data, size_t len, const char *name,
                     const loader_config *cfg, char *err, size_t err_len)
{
    if (!check_ident(data, len, name, err, err_len))
        return false;
    if (elf_version(EV_CURRENT) == EV_NONE)
        return fail(err, err_len, name, "libelf initialisation failed");
    /* libelf reads structs in place: give it an aligned copy if needed. */
    uint8_t *copy = NULL;
    if ((uintptr_t)data % 8) {
        copy = malloc(len);
        if (!copy)
            return fail(err, err_len, name, "out of memory");
        memcpy(copy, data, len);
        data = copy;
    }
    Elf *elf = elf_memory((char *)data, len);   /* read-only use */
    if (!elf) {
        free(copy);
        return fail(err, err_len, name, "bad ELF file (%s)", elf_errmsg(-1));
    }
    bool ok = false;
    Elf32_Ehdr *eh = elf32_getehdr(elf);
    if (!eh) {
        fail(err, err_len, name, "bad ELF header (%s)", elf_errmsg(-1));
        goto out;
    }
    if (eh->e_machine != cfg->machine) {
        const char *have = loader_machine_name(eh->e_machine);
        const char *want = loader_machine_name(cfg->machine);
        fail(err, err_len, name, "ELF is for machine %s (%u), this board needs %s",
             have ? have : "unknown", eh->e_machine, want ? want : "another machine");
        goto out;
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        fail(err, err_len, name, "ELF type %u is not an executable (relocatable object?)",
             eh->e_type);
        goto out;
    }
    img->format = LOADER_FORMAT_ELF;
    img->machine = eh->e_machine;
    if (!load_segments(img, elf, data, len, eh, name, cfg, err, err_len))
        goto out;
    if (!load_symbols(img, elf, eh->e_machine)) {
        fail(err, err_len, name, "out of memory reading symbols");
        goto out;
    }
    ok = true;
out:
    elf_end(elf);
    free(copy);
    return ok;
}

bool loader_load_buffer(loader_image *img, const void *data, size_t len, const char *name,
                        const loader_config *cfg, char *err, size_t err_len)
{
    memset(img, 0, sizeof *img);
    const uint8_t *p = data;
    bool ok;
    if (len == 0)
        ok = fail(err, err_len, name, "empty file");
    else if (len >= 4 && memcmp(p, ELFMAG, SELFMAG) == 0)
        ok = load_elf(img, p, len, name, cfg, err, err_len);
    else
        ok = load_raw(img, p, len, name, cfg, err, err_len);
    if (!ok)
        loader_image_free(img);
    return ok;
}

/* Read a whole file; one line on failure. */
static bool read_file(const char *path, uint8_t **out, size_t *out_len, char *err, size_t err_len)
{
    *out = NULL;
    *out_len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, err_len, path, "%s", strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return fail(err, err_len, path, "is a directory");
    }
    size_t cap = 0, len = 0;
    uint8_t *buf = NULL;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : (st.st_size > 0 ? (size_t)st.st_size + 1 : 65536);
            uint8_t *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                fclose(f);
                return fail(err, err_len, path, "out of memory");
            }
            buf = nb;
            cap = ncap;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    bool bad = ferror(f);
    int e = errno;
    fclose(f);
    if (bad) {
        free(buf);
        return fail(err, err_len, path, "read error: %s", strerror(e));
    }
    *out = buf;
    *out_len = len;
    return true;
}

bool loader_load_file(loader_image *img, const char *path, const loader_config *cfg,
                      char *err, size_t err_len)
{
    memset(img, 0, sizeof *img);
    uint8_t *buf;
    size_t len;
    if (!read_file(path, &buf, &len, err, err_len))
        return false;
    bool ok = loader_load_buffer(img, buf, len, path, cfg, err, err_len);
    free(buf);
    return ok;
}

/* Does symbol i cover addr?  Unsized symbols reach up to the next
 * symbol with a higher address. */
static bool covers(const loader_image *img, size_t i, uint64_t addr)
{
    const loader_symbol *s = &img->symbols[i];
    if (addr < s->addr)
        return false;
    if (s->size)
        return addr - s->addr < s->size;
    for (size_t j = i + 1; j < img->n_symbols; j++)
        if (img->symbols[j].addr > s->addr)
            return addr < img->symbols[j].addr;
    return true;
}

const loader_symbol *loader_symbol_lookup(const loader_image *img, uint64_t addr)
{
    if (!img->n_symbols)
        return NULL;
    /* Last symbol with symbols[i].addr <= addr. */
    size_t lo = 0, hi = img->n_symbols;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (img->symbols[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    /* Among the candidates at or below addr, nearest first: a sized FUNC
     * wins over a label at the same address.  Look back a bounded way
     * so that a small label inside a big function still resolves. */
    const loader_symbol *best = NULL;
    size_t steps = 0;
    for (size_t i = lo; i-- > 0 && steps < 64; steps++) {
        if (best && img->symbols[i].addr != best->addr)
            break;
        if (covers(img, i, addr)) {
            if (!best || (best->type != LOADER_SYM_FUNC && img->symbols[i].type == LOADER_SYM_FUNC))
                best = &img->symbols[i];
        }
    }
    return best;
}

const loader_symbol *loader_symbol_find(const loader_image *img, const char *name)
{
    for (size_t i = 0; i < img->n_symbols; i++)
        if (strcmp(img->symbols[i].name, name) == 0)
            return &img->symbols[i];
    return NULL;
}
