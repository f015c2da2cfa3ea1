/*
 * Firmware loader: ELF files built byte by byte here (System V gABI
 * layouts from <elf.h>), loaded into a fake 1 MiB RAM at 0 through the
 * write callback; raw images; every error line; random and mutated input.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctest.h"
#include "cosim/loader.h"

#define RAM_SIZE (1u << 20)

typedef struct fake_ram {
    uint8_t *mem;
    unsigned writes;
} fake_ram;

static bool ram_write(void *opaque, uint64_t addr, const void *buf, uint64_t len)
{
    fake_ram *r = opaque;
    if (addr >= RAM_SIZE || len > RAM_SIZE - addr)
        return false;
    memcpy(r->mem + addr, buf, len);
    r->writes++;
    return true;
}

static fake_ram *ram_new(void)
{
    fake_ram *r = calloc(1, sizeof *r);
    r->mem = malloc(RAM_SIZE);
    memset(r->mem, 0xaa, RAM_SIZE);   /* so zero-fill is visible */
    return r;
}

static void ram_free(fake_ram *r)
{
    free(r->mem);
    free(r);
}

static loader_config arm_cfg(fake_ram *r)
{
    loader_config c = { .machine = LOADER_EM_ARM, .load_address = 0x10000,
                        .has_load_address = true, .write = ram_write, .opaque = r };
    return c;
}

/* ---- building ELF files ------------------------------------------------ */

typedef struct elf_opts {
    uint16_t machine;
    uint16_t type;
    uint32_t text_paddr, text_vaddr, entry;
    uint32_t data_paddr, data_memsz;
    uint32_t data_filesz_override;   /* 0: the real 8 */
    bool no_load;                    /* program headers are PT_NOTE */
} elf_opts;

static elf_opts default_opts(void)
{
    elf_opts o = { .machine = EM_ARM, .type = ET_EXEC, .text_paddr = 0x10000,
                   .text_vaddr = 0x10000, .entry = 0x10008, .data_paddr = 0x20000,
                   .data_memsz = 0x2000 };
    return o;
}

static const uint8_t text_bytes[16] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                        0xfe, 0xff, 0xff, 0xea, 0x00, 0x00, 0xa0, 0xe1 };
static const uint8_t data_bytes[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };

/* Layout: ehdr | 2 phdrs | text | data | symtab | strtab | shdrs */
static uint8_t *build_elf(const elf_opts *o, size_t *len_out)
{
    static const char strtab[] = "\0main\0_start\0data_obj\0$a\0label\0undef\0absval";
    enum { S_MAIN = 1, S_START = 6, S_DATA = 13, S_MAP = 22, S_LABEL = 25, S_UNDEF = 31, S_ABS = 37 };
    Elf32_Sym syms[] = {
        { 0 },
        { .st_name = S_MAIN, .st_value = 0x10001, .st_size = 8,
          .st_info = ELF32_ST_INFO(STB_GLOBAL, STT_FUNC), .st_shndx = 1 },
        { .st_name = S_START, .st_value = 0x10008, .st_size = 8,
          .st_info = ELF32_ST_INFO(STB_GLOBAL, STT_FUNC), .st_shndx = 1 },
        { .st_name = S_DATA, .st_value = 0x20000, .st_size = 8,
          .st_info = ELF32_ST_INFO(STB_LOCAL, STT_OBJECT), .st_shndx = 2 },
        { .st_name = S_MAP, .st_value = 0x10000, .st_size = 0,
          .st_info = ELF32_ST_INFO(STB_LOCAL, STT_NOTYPE), .st_shndx = 1 },
        { .st_name = S_LABEL, .st_value = 0x20100, .st_size = 0,
          .st_info = ELF32_ST_INFO(STB_LOCAL, STT_NOTYPE), .st_shndx = 2 },
        { .st_name = S_UNDEF, .st_value = 0, .st_size = 0,
          .st_info = ELF32_ST_INFO(STB_GLOBAL, STT_NOTYPE), .st_shndx = SHN_UNDEF },
        { .st_name = S_ABS, .st_value = 0x1234, .st_size = 0,
          .st_info = ELF32_ST_INFO(STB_GLOBAL, STT_NOTYPE), .st_shndx = SHN_ABS },
        { .st_name = 0, .st_value = 0x10000, .st_info = ELF32_ST_INFO(STB_LOCAL, STT_SECTION),
          .st_shndx = 1 },
    };
    size_t off_ph = sizeof(Elf32_Ehdr);
    size_t off_text = off_ph + 2 * sizeof(Elf32_Phdr);
    size_t off_data = off_text + sizeof text_bytes;
    size_t off_sym = off_data + sizeof data_bytes;
    size_t off_str = off_sym + sizeof syms;
    size_t off_sh = (off_str + sizeof strtab + 3) & ~(size_t)3;
    size_t n_sh = 5;   /* null, .text, .data, .symtab, .strtab */
    size_t len = off_sh + n_sh * sizeof(Elf32_Shdr);
    uint8_t *b = calloc(1, len);

    Elf32_Ehdr eh = { 0 };
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = o->type;
    eh.e_machine = o->machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = o->entry;
    eh.e_phoff = (Elf32_Off)off_ph;
    eh.e_shoff = (Elf32_Off)off_sh;
    eh.e_flags = 0x05000200;   /* EABI5, soft-float */
    eh.e_ehsize = sizeof(Elf32_Ehdr);
    eh.e_phentsize = sizeof(Elf32_Phdr);
    eh.e_phnum = 2;
    eh.e_shentsize = sizeof(Elf32_Shdr);
    eh.e_shnum = (Elf32_Half)n_sh;
    eh.e_shstrndx = SHN_UNDEF;
    memcpy(b, &eh, sizeof eh);

    Elf32_Phdr ph[2] = {
        { .p_type = o->no_load ? PT_NOTE : PT_LOAD, .p_offset = (Elf32_Off)off_text,
          .p_vaddr = o->text_vaddr, .p_paddr = o->text_paddr, .p_filesz = sizeof text_bytes,
          .p_memsz = sizeof text_bytes, .p_flags = PF_R | PF_X, .p_align = 4 },
        { .p_type = o->no_load ? PT_NOTE : PT_LOAD, .p_offset = (Elf32_Off)off_data,
          .p_vaddr = o->data_paddr, .p_paddr = o->data_paddr,
          .p_filesz = o->data_filesz_override ? o->data_filesz_override : sizeof data_bytes,
          .p_memsz = o->data_memsz, .p_flags = PF_R | PF_W, .p_align = 4 },
    };
    memcpy(b + off_ph, ph, sizeof ph);
    memcpy(b + off_text, text_bytes, sizeof text_bytes);
    memcpy(b + off_data, data_bytes, sizeof data_bytes);
    memcpy(b + off_sym, syms, sizeof syms);
    memcpy(b + off_str, strtab, sizeof strtab);

    Elf32_Shdr sh[5] = {
        { 0 },
        { .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC | SHF_EXECINSTR, .sh_addr = 0x10000,
          .sh_offset = (Elf32_Off)off_text, .sh_size = sizeof text_bytes, .sh_addralign = 4 },
        { .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC | SHF_WRITE, .sh_addr = 0x20000,
          .sh_offset = (Elf32_Off)off_data, .sh_size = sizeof data_bytes, .sh_addralign = 4 },
        { .sh_type = SHT_SYMTAB, .sh_offset = (Elf32_Off)off_sym, .sh_size = sizeof syms,
          .sh_link = 4, .sh_info = 6, .sh_addralign = 4, .sh_entsize = sizeof(Elf32_Sym) },
        { .sh_type = SHT_STRTAB, .sh_offset = (Elf32_Off)off_str, .sh_size = sizeof strtab,
          .sh_addralign = 1 },
    };
    memcpy(b + off_sh, sh, sizeof sh);
    *len_out = len;
    return b;
}

/* Load with opts; returns ok and fills err. */
static bool load_opts(const elf_opts *o, fake_ram *r, loader_image *img, char *err, size_t n)
{
    size_t len;
    uint8_t *e = build_elf(o, &len);
    loader_config cfg = arm_cfg(r);
    bool ok = loader_load_buffer(img, e, len, "fw.elf", &cfg, err, n);
    free(e);
    return ok;
}

static void expect_elf_error(const elf_opts *o, const char *want, int line)
{
    fake_ram *r = ram_new();
    loader_image img;
    char err[256] = "";
    if (load_opts(o, r, &img, err, sizeof err))
        ctest_fail(__FILE__, line, "loaded, expected \"%s\"", want);
    else if (strcmp(err, want) != 0)
        ctest_fail(__FILE__, line, "error \"%s\", expected \"%s\"", err, want);
    if (img.n_segments || img.n_symbols || img.symbols || img.segments)
        ctest_fail(__FILE__, line, "image not left empty on failure");
    loader_image_free(&img);
    ram_free(r);
}

/* ---- tests ---------------------------------------------------------------- */

CTEST(loader, elf_segments_and_entry)
{
    fake_ram *r = ram_new();
    loader_image img;
    char err[256] = "";
    elf_opts o = default_opts();
    bool ok = load_opts(&o, r, &img, err, sizeof err);
    CT_EXPECT_STREQ(err, "");
    CT_ASSERT_TRUE(ok);
    CT_EXPECT_EQ(img.format, LOADER_FORMAT_ELF);
    CT_EXPECT_EQ(img.machine, EM_ARM);
    CT_EXPECT_EQ(img.entry, 0x10008);
    CT_EXPECT_EQ(memcmp(r->mem + 0x10000, text_bytes, sizeof text_bytes), 0);
    CT_EXPECT_EQ(memcmp(r->mem + 0x20000, data_bytes, sizeof data_bytes), 0);
    /* .bss: memsz - filesz zero-filled, and not a byte more */
    bool zero = true;
    for (uint32_t a = 0x20008; a < 0x22000; a++)
        zero = zero && r->mem[a] == 0;
    CT_EXPECT_TRUE(zero);
    CT_EXPECT_EQ(r->mem[0x22000], 0xaa);
    CT_EXPECT_EQ(r->mem[0x1000f + 1], 0xaa);
    CT_EXPECT_EQ(r->mem[0xffff], 0xaa);
    CT_ASSERT_EQ(img.n_segments, 2);
    CT_EXPECT_EQ(img.segments[0].paddr, 0x10000);
    CT_EXPECT_EQ(img.segments[0].flags, PF_R | PF_X);
    CT_EXPECT_EQ(img.segments[1].filesz, 8);
    CT_EXPECT_EQ(img.segments[1].memsz, 0x2000);
    CT_EXPECT_EQ(img.low, 0x10000);
    CT_EXPECT_EQ(img.high, 0x22000);
    loader_image_free(&img);
    CT_EXPECT_EQ(img.n_segments, 0);
    loader_image_free(&img);   /* twice is harmless */
    ram_free(r);
}

CTEST(loader, elf_unaligned_buffer)
{
    fake_ram *r = ram_new();
    loader_config cfg = arm_cfg(r);
    elf_opts o = default_opts();
    size_t len;
    uint8_t *e = build_elf(&o, &len);
    uint8_t *odd = malloc(len + 1);
    memcpy(odd + 1, e, len);
    loader_image img;
    char err[256] = "";
    bool ok = loader_load_buffer(&img, odd + 1, len, "fw.elf", &cfg, err, sizeof err);
    CT_EXPECT_STREQ(err, "");
    CT_EXPECT_TRUE(ok);
    if (ok) {
        CT_EXPECT_EQ(img.entry, 0x10008);
        CT_EXPECT_EQ(img.n_symbols, 4);
        CT_EXPECT_EQ(memcmp(r->mem + 0x20000, data_bytes, sizeof data_bytes), 0);
        loader_image_free(&img);
    }
    free(odd);
    free(e);
    ram_free(r);
}

CTEST(loader, elf_physical_addresses)
{
    /* Linked at 0xc0010000, loaded at 0x10000: bytes go to p_paddr and
     * the entry moves with the executable segment (as QEMU does). */
    fake_ram *r = ram_new();
    loader_image img;
    char err[256] = "";
    elf_opts o = default_opts();
    o.text_vaddr = 0xc0010000;
    o.entry = 0xc0010008;
    bool ok = load_opts(&o, r, &img, err, sizeof err);
    CT_ASSERT_TRUE(ok);
    CT_EXPECT_EQ(img.entry, 0x10008);
    CT_EXPECT_EQ(img.segments[0].vaddr, 0xc0010000);
    CT_EXPECT_EQ(memcmp(r->mem + 0x10000, text_bytes, sizeof text_bytes), 0);
    loader_image_free(&img);

    /* An entry outside the moved segment stays as it is. */
    o.entry = 0x20000;
    ok = load_opts(&o, r, &img, err, sizeof err);
    CT_ASSERT_TRUE(ok);
    CT_EXPECT_EQ(img.entry, 0x20000);
    loader_image_free(&img);
    ram_free(r);
}

CTEST(loader, elf_symbols)
{
    fake_ram *r = ram_new();
    loader_image img;
    char err[256] = "";
    elf_opts o = default_opts();
    CT_ASSERT_TRUE(load_opts(&o, r, &img, err, sizeof err));
    /* main, _start, data_obj, label; not $a, undef, absval, the section. */
    CT_ASSERT_EQ(img.n_symbols, 4);
    for (size_t i = 1; i < img.n_symbols; i++)
        CT_EXPECT_TRUE(img.symbols[i - 1].addr <= img.symbols[i].addr);
    const loader_symbol *m = loader_symbol_find(&img, "main");
    CT_ASSERT_TRUE(m != NULL);
    CT_EXPECT_EQ(m->addr, 0x10000);      /* Thumb bit cleared */
    CT_EXPECT_TRUE(m->thumb);
    CT_EXPECT_EQ(m->size, 8);
    CT_EXPECT_EQ(m->type, LOADER_SYM_FUNC);
    CT_EXPECT_TRUE(m->global);
    const loader_symbol *s = loader_symbol_find(&img, "_start");
    CT_ASSERT_TRUE(s != NULL);
    CT_EXPECT_FALSE(s->thumb);
    CT_EXPECT_EQ(s->addr, 0x10008);
    const loader_symbol *d = loader_symbol_find(&img, "data_obj");
    CT_ASSERT_TRUE(d != NULL);
    CT_EXPECT_EQ(d->type, LOADER_SYM_OBJECT);
    CT_EXPECT_FALSE(d->global);
    CT_EXPECT_TRUE(loader_symbol_find(&img, "$a") == NULL);
    CT_EXPECT_TRUE(loader_symbol_find(&img, "undef") == NULL);
    CT_EXPECT_TRUE(loader_symbol_find(&img, "absval") == NULL);

    CT_EXPECT_TRUE(loader_symbol_lookup(&img, 0x10000) == m);
    CT_EXPECT_TRUE(loader_symbol_lookup(&img, 0x10007) == m);
    CT_EXPECT_TRUE(loader_symbol_lookup(&img, 0x10008) == s);
    CT_EXPECT_TRUE(loader_symbol_lookup(&img, 0x1000f) == s);
    CT_EXPECT_TRUE(loader_symbol_lookup(&img, 0x10010) == NULL);   /* past _start's size */
    CT_EXPECT_TRUE(loader_symbol_lookup(&img, 0x20004) == d);
    CT_EXPECT_TRUE(loader_symbol_lookup(&img, 0x20008) == NULL);
    const loader_symbol *l = loader_symbol_lookup(&img, 0x20200);   /* unsized, last */
    CT_ASSERT_TRUE(l != NULL);
    CT_EXPECT_STREQ(l->name, "label");
    CT_EXPECT_TRUE(loader_symbol_lookup(&img, 0xfff) == NULL);
    loader_image_free(&img);
    ram_free(r);
}

CTEST(loader, elf_errors)
{
    elf_opts o = default_opts();
    o.machine = EM_X86_64;
    expect_elf_error(&o, "fw.elf: ELF is for machine x86-64 (62), this board needs ARM", __LINE__);
    o.machine = 9999;
    expect_elf_error(&o, "fw.elf: ELF is for machine unknown (9999), this board needs ARM", __LINE__);

    o = default_opts();
    o.text_paddr = 0x200000;   /* RAM is 1 MiB */
    expect_elf_error(&o, "fw.elf: segment 0x200000 (size 0x10) falls outside RAM", __LINE__);

    o = default_opts();
    o.data_paddr = 0xff000;
    o.data_memsz = 0x2000;     /* file part fits, .bss runs off the end */
    expect_elf_error(&o, "fw.elf: segment 0xff000 (size 0x2000) falls outside RAM", __LINE__);

    o = default_opts();
    o.data_filesz_override = 0x4000;
    o.data_memsz = 0x8000;
    expect_elf_error(&o, "fw.elf: segment 0x20000 extends past the end of the file (truncated?)",
                     __LINE__);

    o = default_opts();
    o.data_filesz_override = 0x100;
    o.data_memsz = 0x10;
    expect_elf_error(&o, "fw.elf: segment 0x20000 has file size 0x100 larger than its memory size 0x10",
                     __LINE__);

    o = default_opts();
    o.type = ET_REL;
    expect_elf_error(&o, "fw.elf: ELF type 1 is not an executable (relocatable object?)", __LINE__);

    o = default_opts();
    o.no_load = true;
    expect_elf_error(&o, "fw.elf: ELF has no loadable segments", __LINE__);
}

static void expect_buf_error(const void *buf, size_t len, bool has_load, const char *want, int line)
{
    fake_ram *r = ram_new();
    loader_config cfg = arm_cfg(r);
    cfg.has_load_address = has_load;
    loader_image img;
    char err[256] = "";
    if (loader_load_buffer(&img, buf, len, "fw.bin", &cfg, err, sizeof err))
        ctest_fail(__FILE__, line, "loaded, expected \"%s\"", want);
    else if (strcmp(err, want) != 0)
        ctest_fail(__FILE__, line, "error \"%s\", expected \"%s\"", err, want);
    ram_free(r);
}

CTEST(loader, header_errors)
{
    size_t len;
    uint8_t *e = build_elf(&(elf_opts){ .machine = EM_ARM, .type = ET_EXEC, .text_paddr = 0x10000,
                                        .text_vaddr = 0x10000, .entry = 0x10000,
                                        .data_paddr = 0x20000, .data_memsz = 8 }, &len);
    e[EI_CLASS] = ELFCLASS64;
    expect_buf_error(e, len, true, "fw.bin: ELF64 file, this board needs a 32-bit (ELF32) image", __LINE__);
    e[EI_CLASS] = 7;
    expect_buf_error(e, len, true, "fw.bin: bad ELF class 7", __LINE__);
    e[EI_CLASS] = ELFCLASS32;
    e[EI_DATA] = ELFDATA2MSB;
    expect_buf_error(e, len, true, "fw.bin: big-endian ELF, this board needs little-endian", __LINE__);
    e[EI_DATA] = ELFDATA2LSB;
    e[28] ^= 1;   /* e_phoff odd */
    expect_buf_error(e, len, true, "fw.bin: ELF header tables are misaligned (corrupt file?)", __LINE__);
    e[28] ^= 1;
    expect_buf_error(e, 30, true, "fw.bin: truncated ELF header (30 bytes)", __LINE__);
    expect_buf_error(e, 10, true, "fw.bin: truncated ELF header (10 bytes)", __LINE__);
    expect_buf_error(e, 0, true, "fw.bin: empty file", __LINE__);
    free(e);

    static const uint8_t text[] = "just some text, not an ELF";
    expect_buf_error(text, sizeof text, false,
                     "fw.bin: not an ELF file, and this board has no load address for raw images",
                     __LINE__);
}

CTEST(loader, raw_image)
{
    fake_ram *r = ram_new();
    loader_config cfg = arm_cfg(r);
    uint8_t img_bytes[300];
    for (size_t i = 0; i < sizeof img_bytes; i++)
        img_bytes[i] = (uint8_t)(i * 7 + 3);
    img_bytes[0] = 0x7f;   /* starts like ELF, but only one byte of the magic */
    loader_image img;
    char err[256] = "";
    bool ok = loader_load_buffer(&img, img_bytes, sizeof img_bytes, "fw.bin", &cfg, err, sizeof err);
    CT_EXPECT_STREQ(err, "");
    CT_ASSERT_TRUE(ok);
    CT_EXPECT_EQ(img.format, LOADER_FORMAT_RAW);
    CT_EXPECT_EQ(img.entry, 0x10000);
    CT_EXPECT_EQ(img.low, 0x10000);
    CT_EXPECT_EQ(img.high, 0x10000 + sizeof img_bytes);
    CT_EXPECT_EQ(img.n_symbols, 0);
    CT_EXPECT_EQ(memcmp(r->mem + 0x10000, img_bytes, sizeof img_bytes), 0);
    CT_EXPECT_EQ(r->mem[0x10000 + sizeof img_bytes], 0xaa);
    CT_EXPECT_TRUE(loader_symbol_lookup(&img, 0x10000) == NULL);
    loader_image_free(&img);

    cfg.load_address = RAM_SIZE - 100;   /* 300 bytes do not fit */
    CT_EXPECT_FALSE(loader_load_buffer(&img, img_bytes, sizeof img_bytes, "fw.bin", &cfg, err, sizeof err));
    CT_EXPECT_STREQ(err, "fw.bin: image at 0xfff9c (size 0x12c) falls outside RAM");
    ram_free(r);
}

CTEST(loader, files)
{
    fake_ram *r = ram_new();
    loader_config cfg = arm_cfg(r);
    loader_image img;
    char err[256] = "";
    CT_EXPECT_FALSE(loader_load_file(&img, "/nonexistent/fw.elf", &cfg, err, sizeof err));
    CT_EXPECT_STREQ(err, "/nonexistent/fw.elf: No such file or directory");
    CT_EXPECT_FALSE(loader_load_file(&img, "/tmp", &cfg, err, sizeof err));
    CT_EXPECT_STREQ(err, "/tmp: is a directory");

    char path[] = "/tmp/loader_test_XXXXXX";
    int fd = mkstemp(path);
    CT_ASSERT_TRUE(fd >= 0);
    close(fd);
    CT_EXPECT_FALSE(loader_load_file(&img, path, &cfg, err, sizeof err));
    char want[128];
    snprintf(want, sizeof want, "%s: empty file", path);
    CT_EXPECT_STREQ(err, want);

    elf_opts o = default_opts();
    size_t len;
    uint8_t *e = build_elf(&o, &len);
    FILE *f = fopen(path, "wb");
    CT_ASSERT_TRUE(f != NULL);
    fwrite(e, 1, len, f);
    fclose(f);
    bool ok = loader_load_file(&img, path, &cfg, err, sizeof err);
    CT_EXPECT_TRUE(ok);
    if (ok) {
        CT_EXPECT_EQ(img.entry, 0x10008);
        CT_EXPECT_EQ(img.n_symbols, 4);
        CT_EXPECT_EQ(memcmp(r->mem + 0x10000, text_bytes, sizeof text_bytes), 0);
        loader_image_free(&img);
    }
    unlink(path);
    free(e);
    ram_free(r);
}

CTEST(loader, superh_machine)
{
    fake_ram *r = ram_new();
    loader_config cfg = arm_cfg(r);
    cfg.machine = LOADER_EM_SH;
    elf_opts o = default_opts();
    o.machine = EM_SH;
    size_t len;
    uint8_t *e = build_elf(&o, &len);
    loader_image img;
    char err[256] = "";
    bool ok = loader_load_buffer(&img, e, len, "sh.elf", &cfg, err, sizeof err);
    CT_EXPECT_TRUE(ok);
    if (ok) {
        CT_EXPECT_EQ(img.machine, EM_SH);
        /* Thumb bit is an ARM convention only: odd SH symbol kept as is. */
        const loader_symbol *m = loader_symbol_find(&img, "main");
        CT_ASSERT_TRUE(m != NULL);
        CT_EXPECT_EQ(m->addr, 0x10001);
        CT_EXPECT_FALSE(m->thumb);
        loader_image_free(&img);
    }
    o.machine = EM_ARM;
    free(e);
    e = build_elf(&o, &len);
    CT_EXPECT_FALSE(loader_load_buffer(&img, e, len, "arm.elf", &cfg, err, sizeof err));
    CT_EXPECT_STREQ(err, "arm.elf: ELF is for machine ARM (40), this board needs SuperH");
    free(e);
    CT_EXPECT_STREQ(loader_machine_name(EM_ARM), "ARM");
    CT_EXPECT_TRUE(loader_machine_name(9999) == NULL);
    ram_free(r);
}

static uint32_t xorshift(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* Garbage must give an error line or a load, never a crash. */
CTEST(loader, fuzz)
{
    fake_ram *r = ram_new();
    loader_config cfg = arm_cfg(r);
    cfg.has_load_address = false;   /* so non-ELF garbage is an error too */
    uint32_t seed = 0x12345678;
    size_t len;
    elf_opts o = default_opts();
    uint8_t *good = build_elf(&o, &len);
    uint8_t *buf = malloc(len + 65);
    unsigned loaded = 0, failed = 0;
    char err[256];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n;
        if (iter % 3 == 0) {
            /* random bytes behind a valid identification */
            n = xorshift(&seed) % (len + 64);
            for (size_t i = 0; i < n; i++)
                buf[i] = (uint8_t)xorshift(&seed);
            if (n >= 6) {
                memcpy(buf, ELFMAG, SELFMAG);
                buf[EI_CLASS] = ELFCLASS32;
                buf[EI_DATA] = ELFDATA2LSB;
            }
        } else {
            /* a good file with a few bytes changed, maybe truncated */
            memcpy(buf, good, len);
            int flips = 1 + (int)(xorshift(&seed) % 8);
            for (int k = 0; k < flips; k++)
                buf[6 + xorshift(&seed) % (len - 6)] = (uint8_t)xorshift(&seed);
            n = (iter % 3 == 2) ? xorshift(&seed) % (len + 1) : len;
        }
        /* Every fifth input sits at an odd address (callers' buffers need
         * not be aligned). */
        uint8_t *in = buf;
        if (iter % 5 == 0) {
            memmove(buf + 1, buf, n);
            in = buf + 1;
        }
        loader_image img;
        err[0] = '\0';
        if (loader_load_buffer(&img, in, n, "fuzz.elf", &cfg, err, sizeof err)) {
            loaded++;
            for (size_t k = 0; k < img.n_symbols; k++)
                (void)loader_symbol_lookup(&img, img.symbols[k].addr);
            loader_image_free(&img);
        } else {
            failed++;
            CT_CHECK_(strncmp(err, "fuzz.elf: ", 10) == 0 && err[10] != '\0', 0,
                      "iteration %d: error line \"%s\"", iter, err);
            CT_CHECK_(strchr(err, '\n') == NULL, 0, "iteration %d: multi-line error", iter);
        }
    }
    CT_EXPECT_EQ(loaded + failed, 3000);
    CT_EXPECT_TRUE(failed > 0);
    free(buf);
    free(good);
    ram_free(r);
}
