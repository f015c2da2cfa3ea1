/*
 * ARM semihosting for AArch32 guests ("Semihosting for AArch32 and
 * AArch64", ARM DUI 0471 / IHI 0070, version 2.0): the call number is in
 * r0, its argument (usually the address of a parameter block of 32-bit
 * words) in r1, the result goes to r0.
 *
 * Implemented: SYS_OPEN (":tt" console, ":semihosting-features", host
 * files), SYS_CLOSE, SYS_WRITEC, SYS_WRITE0, SYS_WRITE, SYS_READ, SYS_READC,
 * SYS_ISERROR, SYS_ISTTY, SYS_SEEK, SYS_FLEN, SYS_CLOCK, SYS_TIME,
 * SYS_ERRNO, SYS_GET_CMDLINE, SYS_HEAPINFO, SYS_EXIT, SYS_EXIT_EXTENDED,
 * SYS_ELAPSED, SYS_TICKFREQ.  Not implemented (return -1, logged under
 * -d unimp): SYS_TMPNAM, SYS_REMOVE, SYS_RENAME, SYS_SYSTEM -- they would
 * let a guest change host files or run host commands.
 *
 * Time is simulated (the embedding's elapsed_ns; without one, one cycle
 * counts as 1 ns), so runs are deterministic:
 *   SYS_CLOCK    centiseconds since the simulation started
 *   SYS_TIME     seconds since the simulation started: the guest's epoch is
 *                the start of the run, not 1970 (QEMU returns host time)
 *   SYS_ELAPSED  nanoseconds since the start, SYS_TICKFREQ 1e9
 *
 * Exit (QEMU 7.2 semantics): SYS_EXIT with r1 = ADP_Stopped_ApplicationExit
 * (0x20026) exits 0, any other reason 1; SYS_EXIT_EXTENDED takes a block
 * {reason, subcode} and exits with the subcode for ApplicationExit, else 1.
 *
 * Guest memory is accessed with tcg_cpu_debug_rw (through the MMU, no
 * faults): an unreadable block makes the call fail with EFAULT, as QEMU's
 * lock_user failure does.  Errno values are the host's (as in QEMU).
 *
 * User mode: calls from User mode never reach this file; arm_tb_flags only
 * sets ARM_TBFLAG_SEMIHOST in privileged modes, so SWI 0x123456 (ARM) /
 * 0xab (Thumb) in User mode is a normal SWI, as in QEMU 7.2 without
 * "-semihosting-config userspace=on".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "targets/arm/cpu.h"
#include "targets/arm/internals.h"

enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05,
    SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08, SYS_ISTTY = 0x09, SYS_SEEK = 0x0a,
    SYS_FLEN = 0x0c, SYS_TMPNAM = 0x0d, SYS_REMOVE = 0x0e, SYS_RENAME = 0x0f, SYS_CLOCK = 0x10,
    SYS_TIME = 0x11, SYS_SYSTEM = 0x12, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
    SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20, SYS_ELAPSED = 0x30,
    SYS_TICKFREQ = 0x31,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

enum { SH_FREE, SH_CON_IN, SH_CON_OUT, SH_CON_ERR, SH_FILE, SH_FEATURES };

/* ":semihosting-features": magic "SHFB", then feature byte 0:
 * bit 0 SYS_EXIT_EXTENDED, bit 1 ":tt" opened for append is stderr */
static const uint8_t arm_sh_features[5] = { 'S', 'H', 'F', 'B', 0x03 };

#define SH_CHUNK 256u

/* ---- guest memory ---------------------------------------------------- */

static bool sh_mem(arm_cpu *cpu, uint32_t addr, void *buf, uint32_t len, bool write)
{
    return tcg_cpu_debug_rw(&cpu->common, addr, buf, len, write) == len;
}

static bool sh_ld32(arm_cpu *cpu, uint32_t addr, uint32_t *v)
{
    uint8_t b[4];
    if (!sh_mem(cpu, addr, b, 4, false))
        return false;
    *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return true;
}

static bool sh_st32(arm_cpu *cpu, uint32_t addr, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    return sh_mem(cpu, addr, b, 4, true);
}

/* the parameter block at r1 */
static bool sh_args(arm_cpu *cpu, unsigned n, uint32_t *args)
{
    for (unsigned i = 0; i < n; i++)
        if (!sh_ld32(cpu, cpu->regs[1] + 4 * i, &args[i]))
            return false;
    return true;
}

/* ---- host side ------------------------------------------------------- */

/* Console output.  QEMU sends SYS_WRITEC, SYS_WRITE0 and ":tt" opened for
 * append to stderr (the error stream) and SYS_WRITE on ":tt" opened for
 * writing to stdout; users redirecting one of them expect the same split
 * here.  An embedding without an error stream gets everything on
 * write_console. */
static void sh_console_out(arm_cpu *cpu, bool err, const uint8_t *buf, uint32_t len)
{
    const arm_semihost_ops *h = cpu->semihost;
    if (h && err && h->write_console_err) {
        h->write_console_err(cpu->semihost_opaque, buf, len);
    } else if (h && h->write_console) {
        h->write_console(cpu->semihost_opaque, buf, len);
    } else {
        FILE *f = err ? stderr : stdout;
        fwrite(buf, 1, len, f);
        fflush(f);
    }
}

static int sh_console_getc(arm_cpu *cpu)
{
    if (cpu->semihost && cpu->semihost->read_console)
        return cpu->semihost->read_console(cpu->semihost_opaque);
    return getchar();
}

static uint64_t sh_elapsed_ns(arm_cpu *cpu)
{
    if (cpu->semihost && cpu->semihost->elapsed_ns)
        return cpu->semihost->elapsed_ns(cpu->semihost_opaque);
    return cpu->common.cycles;
}

static arm_semihost_file *sh_file(arm_cpu *cpu, uint32_t handle)
{
    if (handle < 1 || handle > ARM_SEMIHOST_MAX_FILES)
        return NULL;
    arm_semihost_file *f = &cpu->semihost_files[handle - 1];
    return f->kind == SH_FREE ? NULL : f;
}

void arm_semihost_reset(arm_cpu *cpu)
{
    for (unsigned i = 0; i < ARM_SEMIHOST_MAX_FILES; i++) {
        arm_semihost_file *f = &cpu->semihost_files[i];
        if (f->kind == SH_FILE && f->host)
            fclose(f->host);
        *f = (arm_semihost_file){ 0 };
    }
    cpu->semihost_errno = 0;
}

/* ---- calls ----------------------------------------------------------- */

static uint32_t sh_fail(arm_cpu *cpu, int err)
{
    cpu->semihost_errno = (uint32_t)err;
    return 0xffffffffu;
}

static uint32_t sh_open(arm_cpu *cpu)
{
    static const char *const modes[12] = {
        "r", "rb", "r+", "r+b", "w", "wb", "w+", "w+b", "a", "ab", "a+", "a+b",
    };
    uint32_t a[3];
    char name[1024];
    unsigned i;

    if (!sh_args(cpu, 3, a))
        return sh_fail(cpu, EFAULT);
    if (a[1] > 11)
        return sh_fail(cpu, EINVAL);
    if (a[2] >= sizeof(name))
        return sh_fail(cpu, ENAMETOOLONG);
    if (!sh_mem(cpu, a[0], name, a[2], false))
        return sh_fail(cpu, EFAULT);
    name[a[2]] = 0;
    for (i = 0; i < ARM_SEMIHOST_MAX_FILES; i++)
        if (cpu->semihost_files[i].kind == SH_FREE)
            break;
    if (i == ARM_SEMIHOST_MAX_FILES)
        return sh_fail(cpu, EMFILE);
    arm_semihost_file *f = &cpu->semihost_files[i];
    *f = (arm_semihost_file){ 0 };
    if (strcmp(name, ":tt") == 0) {
        f->kind = a[1] < 4 ? SH_CON_IN : a[1] < 8 ? SH_CON_OUT : SH_CON_ERR;
    } else if (strcmp(name, ":semihosting-features") == 0) {
        if (a[1] > 1)
            return sh_fail(cpu, EACCES);
        f->kind = SH_FEATURES;
    } else {
        FILE *h = fopen(name, modes[a[1]]);
        if (!h)
            return sh_fail(cpu, errno);
        f->kind = SH_FILE;
        f->host = h;
    }
    return i + 1;
}

static uint32_t sh_close(arm_cpu *cpu)
{
    uint32_t a[1];
    if (!sh_args(cpu, 1, a))
        return sh_fail(cpu, EFAULT);
    arm_semihost_file *f = sh_file(cpu, a[0]);
    if (!f)
        return sh_fail(cpu, EBADF);
    int rc = 0;
    if (f->kind == SH_FILE)
        rc = fclose(f->host);
    *f = (arm_semihost_file){ 0 };
    return rc == 0 ? 0 : sh_fail(cpu, errno);
}

/* SYS_WRITE: returns the number of bytes NOT written */
static uint32_t sh_write(arm_cpu *cpu)
{
    uint32_t a[3];
    uint8_t buf[SH_CHUNK];

    if (!sh_args(cpu, 3, a))
        return sh_fail(cpu, EFAULT);
    arm_semihost_file *f = sh_file(cpu, a[0]);
    if (!f || f->kind == SH_CON_IN || f->kind == SH_FEATURES) {
        cpu->semihost_errno = EBADF;
        return a[2];
    }
    uint32_t done = 0;
    while (done < a[2]) {
        uint32_t n = a[2] - done < SH_CHUNK ? a[2] - done : SH_CHUNK;
        if (!sh_mem(cpu, a[1] + done, buf, n, false)) {
            cpu->semihost_errno = EFAULT;
            break;
        }
        if (f->kind == SH_FILE) {
            size_t w = fwrite(buf, 1, n, f->host);
            done += (uint32_t)w;
            if (w < n) {
                cpu->semihost_errno = (uint32_t)errno;
                break;
            }
        } else {
            sh_console_out(cpu, f->kind == SH_CON_ERR, buf, n);
            done += n;
        }
    }
    return a[2] - done;
}

/* SYS_READ: returns the number of bytes NOT read (all of them at EOF) */
static uint32_t sh_read(arm_cpu *cpu)
{
    uint32_t a[3];
    uint8_t buf[SH_CHUNK];

    if (!sh_args(cpu, 3, a))
        return sh_fail(cpu, EFAULT);
    arm_semihost_file *f = sh_file(cpu, a[0]);
    if (!f || f->kind == SH_CON_OUT || f->kind == SH_CON_ERR) {
        cpu->semihost_errno = EBADF;
        return a[2];
    }
    uint32_t done = 0;
    bool eof = false;
    while (done < a[2] && !eof) {
        uint32_t want = a[2] - done < SH_CHUNK ? a[2] - done : SH_CHUNK, n = 0;
        if (f->kind == SH_FILE) {
            n = (uint32_t)fread(buf, 1, want, f->host);
            eof = n < want;
        } else if (f->kind == SH_FEATURES) {
            while (n < want && f->pos < sizeof(arm_sh_features))
                buf[n++] = arm_sh_features[f->pos++];
            eof = n < want;
        } else {
            /* console: one line at most, like a terminal read */
            while (n < want) {
                int ch = sh_console_getc(cpu);
                if (ch < 0) {
                    eof = true;
                    break;
                }
                buf[n++] = (uint8_t)ch;
                if (ch == '\n') {
                    eof = true;
                    break;
                }
            }
        }
        if (n && !sh_mem(cpu, a[1] + done, buf, n, true)) {
            cpu->semihost_errno = EFAULT;
            break;
        }
        done += n;
    }
    return a[2] - done;
}

static uint32_t sh_write0(arm_cpu *cpu)
{
    uint32_t addr = cpu->regs[1];
    uint8_t buf[SH_CHUNK];

    for (;;) {
        /* never cross a 1 KiB page in one read, so a readable prefix of
         * the string is printed even if it ends next to a hole */
        uint32_t n = TCG_PAGE_SIZE - (addr & (TCG_PAGE_SIZE - 1));
        if (n > SH_CHUNK)
            n = SH_CHUNK;
        if (!sh_mem(cpu, addr, buf, n, false))
            return sh_fail(cpu, EFAULT);
        uint8_t *nul = memchr(buf, 0, n);
        uint32_t len = nul ? (uint32_t)(nul - buf) : n;
        if (len)
            sh_console_out(cpu, true, buf, len);
        if (nul)
            return 0;
        addr += n;
    }
}

static uint32_t sh_seek(arm_cpu *cpu)
{
    uint32_t a[2];
    if (!sh_args(cpu, 2, a))
        return sh_fail(cpu, EFAULT);
    arm_semihost_file *f = sh_file(cpu, a[0]);
    if (!f)
        return sh_fail(cpu, EBADF);
    if (f->kind == SH_FEATURES) {
        if (a[1] > sizeof(arm_sh_features))
            return sh_fail(cpu, EINVAL);
        f->pos = a[1];
        return 0;
    }
    if (f->kind != SH_FILE)
        return sh_fail(cpu, ESPIPE);
    return fseek(f->host, (long)a[1], SEEK_SET) == 0 ? 0 : sh_fail(cpu, errno);
}

static uint32_t sh_flen(arm_cpu *cpu)
{
    uint32_t a[1];
    if (!sh_args(cpu, 1, a))
        return sh_fail(cpu, EFAULT);
    arm_semihost_file *f = sh_file(cpu, a[0]);
    if (!f)
        return sh_fail(cpu, EBADF);
    if (f->kind == SH_FEATURES)
        return sizeof(arm_sh_features);
    if (f->kind != SH_FILE)
        return sh_fail(cpu, EINVAL);
    long cur = ftell(f->host);
    if (cur < 0 || fseek(f->host, 0, SEEK_END) != 0)
        return sh_fail(cpu, errno);
    long len = ftell(f->host);
    if (fseek(f->host, cur, SEEK_SET) != 0 || len < 0)
        return sh_fail(cpu, errno);
    return (uint32_t)len;
}

static uint32_t sh_get_cmdline(arm_cpu *cpu)
{
    uint32_t a[2];
    const char *s = NULL;

    if (!sh_args(cpu, 2, a))
        return sh_fail(cpu, EFAULT);
    if (cpu->semihost && cpu->semihost->cmdline)
        s = cpu->semihost->cmdline(cpu->semihost_opaque);
    if (!s)
        s = "";
    size_t len = strlen(s);
    if (len + 1 > a[1])
        return sh_fail(cpu, E2BIG);
    if (!sh_mem(cpu, a[0], (void *)s, (uint32_t)len + 1, true) ||
        !sh_st32(cpu, cpu->regs[1] + 4, (uint32_t)len))
        return sh_fail(cpu, EFAULT);
    return 0;
}

static uint32_t sh_heapinfo(arm_cpu *cpu)
{
    uint32_t block;
    if (!sh_ld32(cpu, cpu->regs[1], &block))
        return sh_fail(cpu, EFAULT);
    if (!sh_st32(cpu, block, cpu->heap_base) || !sh_st32(cpu, block + 4, cpu->heap_limit) ||
        !sh_st32(cpu, block + 8, cpu->stack_base) || !sh_st32(cpu, block + 12, cpu->stack_limit))
        return sh_fail(cpu, EFAULT);
    return 0;
}

static uint32_t sh_elapsed(arm_cpu *cpu)
{
    uint64_t t = sh_elapsed_ns(cpu);
    if (!sh_st32(cpu, cpu->regs[1], (uint32_t)t) || !sh_st32(cpu, cpu->regs[1] + 4, (uint32_t)(t >> 32)))
        return sh_fail(cpu, EFAULT);
    return 0;
}

static void sh_exit(arm_cpu *cpu, int code)
{
    tcg_log_item(&cpu->common, TCG_LOG_INT, "arm: semihosting exit, status %d\n", code);
    cpu->common.exited = true;
    cpu->common.exit_code = code;
}

bool arm_semihost_call(arm_cpu *cpu)
{
    uint32_t op = cpu->regs[0], ret = 0, a[2];

    switch (op) {
    case SYS_OPEN: ret = sh_open(cpu); break;
    case SYS_CLOSE: ret = sh_close(cpu); break;
    case SYS_WRITEC: {
        uint8_t ch;
        if (!sh_mem(cpu, cpu->regs[1], &ch, 1, false)) {
            ret = sh_fail(cpu, EFAULT);
            break;
        }
        sh_console_out(cpu, true, &ch, 1);
        ret = cpu->regs[0];   /* r0 is corrupted by the call: leave it */
        break;
    }
    case SYS_WRITE0: ret = sh_write0(cpu); break;
    case SYS_WRITE: ret = sh_write(cpu); break;
    case SYS_READ: ret = sh_read(cpu); break;
    case SYS_READC: ret = (uint32_t)sh_console_getc(cpu); break;
    case SYS_ISERROR:
        ret = sh_args(cpu, 1, a) ? (int32_t)a[0] < 0 : sh_fail(cpu, EFAULT);
        break;
    case SYS_ISTTY: {
        arm_semihost_file *f;
        if (!sh_args(cpu, 1, a))
            ret = sh_fail(cpu, EFAULT);
        else if (!(f = sh_file(cpu, a[0])))
            ret = sh_fail(cpu, EBADF);
        else
            ret = f->kind == SH_CON_IN || f->kind == SH_CON_OUT || f->kind == SH_CON_ERR;
        break;
    }
    case SYS_SEEK: ret = sh_seek(cpu); break;
    case SYS_FLEN: ret = sh_flen(cpu); break;
    case SYS_CLOCK: ret = (uint32_t)(sh_elapsed_ns(cpu) / 10000000u); break;
    case SYS_TIME: ret = (uint32_t)(sh_elapsed_ns(cpu) / 1000000000u); break;
    case SYS_ERRNO: ret = cpu->semihost_errno; break;
    case SYS_GET_CMDLINE: ret = sh_get_cmdline(cpu); break;
    case SYS_HEAPINFO: ret = sh_heapinfo(cpu); break;
    case SYS_ELAPSED: ret = sh_elapsed(cpu); break;
    case SYS_TICKFREQ: ret = 1000000000u; break;
    case SYS_EXIT:
        sh_exit(cpu, cpu->regs[1] == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
        return true;
    case SYS_EXIT_EXTENDED:
        if (!sh_args(cpu, 2, a)) {
            ret = sh_fail(cpu, EFAULT);
            break;
        }
        sh_exit(cpu, a[0] == ADP_STOPPED_APPLICATION_EXIT ? (int)a[1] : 1);
        return true;
    case SYS_TMPNAM:
    case SYS_REMOVE:
    case SYS_RENAME:
    case SYS_SYSTEM:
    default:
        tcg_log_item(&cpu->common, TCG_LOG_UNIMP, "arm: semihosting call 0x%x not supported\n", op);
        ret = sh_fail(cpu, ENOSYS);
        break;
    }
    cpu->regs[0] = ret;
    return false;
}
