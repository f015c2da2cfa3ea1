/*
 * ARM semihosting: console output (WRITEC, WRITE0, WRITE on ":tt"),
 * console input, exit codes (SYS_EXIT, SYS_EXIT_EXTENDED), HEAPINFO,
 * GET_CMDLINE, simulated time (CLOCK, TIME, ELAPSED, TICKFREQ), file
 * handle errors, the features file, and both entry paths (helper and
 * ARM_EXCP_SEMIHOST through do_interrupt).  The guest's memory is 64 KiB of
 * RAM at 0 with the MMU off.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "ctest.h"
#include "armsys_test.h"
#include "targets/arm/helper.h"

typedef struct sh_host {
    char out[512];
    unsigned out_len;
    char err[512];
    unsigned err_len;
    const char *in;
    const char *cmdline;
    uint64_t now_ns;
} sh_host;

static void host_write(void *opaque, const uint8_t *buf, uint32_t len)
{
    sh_host *h = opaque;
    for (uint32_t i = 0; i < len && h->out_len + 1 < sizeof(h->out); i++)
        h->out[h->out_len++] = (char)buf[i];
    h->out[h->out_len] = 0;
}
static int host_read(void *opaque)
{
    sh_host *h = opaque;
    return (h->in && *h->in) ? (unsigned char)*h->in++ : -1;
}
static const char *host_cmdline(void *opaque) { return ((sh_host *)opaque)->cmdline; }
static uint64_t host_ns(void *opaque) { return ((sh_host *)opaque)->now_ns; }

static const arm_semihost_ops host_ops = {
    .write_console = host_write, .read_console = host_read,
    .cmdline = host_cmdline, .elapsed_ns = host_ns,
};

static bool sh_setup(armsys_fixture *fx, sh_host *h)
{
    memset(h, 0, sizeof(*h));
    if (!armsys_setup(fx, 0, 0x10000))
        return false;
    fx->cpu->semihosting = true;
    fx->cpu->semihost = &host_ops;
    fx->cpu->semihost_opaque = h;
    return true;
}

static void put_str(armsys_fixture *fx, uint32_t addr, const char *s)
{
    memcpy(fx->ram.mem + addr, s, strlen(s) + 1);
}

/* one call: r0 = op, r1 = arg; returns r0 (exit reported through *exited) */
static uint32_t call(armsys_fixture *fx, uint32_t op, uint32_t arg, bool *exited)
{
    fx->cpu->regs[0] = op;
    fx->cpu->regs[1] = arg;
    bool e = arm_semihost_call(fx->cpu);
    if (exited)
        *exited = e;
    return fx->cpu->regs[0];
}

/* parameter block at 0x3000 */
static uint32_t blk(armsys_fixture *fx, uint32_t a0, uint32_t a1, uint32_t a2)
{
    armsys_w32(fx, 0x3000, a0);
    armsys_w32(fx, 0x3004, a1);
    armsys_w32(fx, 0x3008, a2);
    return 0x3000;
}

static uint32_t open_name(armsys_fixture *fx, const char *name, uint32_t mode)
{
    put_str(fx, 0x2000, name);
    return call(fx, 0x01, blk(fx, 0x2000, mode, (uint32_t)strlen(name)), NULL);
}

CTEST(arm_semihost, console_output)
{
    armsys_fixture fx;
    sh_host h;
    CT_ASSERT_TRUE(sh_setup(&fx, &h));
    bool exited = true;

    put_str(&fx, 0x1000, "hello, ");
    CT_EXPECT_EQ(call(&fx, 0x04, 0x1000, &exited), 0u);   /* SYS_WRITE0 */
    CT_EXPECT_FALSE(exited);
    fx.ram.mem[0x1100] = 'w';
    call(&fx, 0x03, 0x1100, NULL);                          /* SYS_WRITEC */
    /* SYS_WRITE to ":tt" opened for writing */
    uint32_t hnd = open_name(&fx, ":tt", 4);
    CT_ASSERT_NE(hnd, 0xffffffffu);
    put_str(&fx, 0x1200, "orld!\nIGNORED");
    CT_EXPECT_EQ(call(&fx, 0x05, blk(&fx, hnd, 0x1200, 6), NULL), 0u);   /* all written */
    CT_EXPECT_STREQ(h.out, "hello, world!\n");
    CT_EXPECT_EQ(call(&fx, 0x09, blk(&fx, hnd, 0, 0), NULL), 1u);        /* ISTTY */
    CT_EXPECT_EQ(call(&fx, 0x02, blk(&fx, hnd, 0, 0), NULL), 0u);        /* CLOSE */
    /* a closed handle: nothing written, errno EBADF */
    CT_EXPECT_EQ(call(&fx, 0x05, blk(&fx, hnd, 0x1200, 6), NULL), 6u);
    CT_EXPECT_EQ(call(&fx, 0x13, 0, NULL), (uint32_t)EBADF);             /* ERRNO */
    CT_EXPECT_EQ(call(&fx, 0x02, blk(&fx, hnd, 0, 0), NULL), 0xffffffffu);
    CT_EXPECT_STREQ(h.out, "hello, world!\n");
    armsys_teardown(&fx);
}

/* With an error stream, WRITEC/WRITE0 and ":tt" for append go there and
 * SYS_WRITE on ":tt" for writing stays on the output stream (QEMU's split). */
static void host_write_err(void *opaque, const uint8_t *buf, uint32_t len)
{
    sh_host *h = opaque;
    for (uint32_t i = 0; i < len && h->err_len + 1 < sizeof(h->err); i++)
        h->err[h->err_len++] = (char)buf[i];
    h->err[h->err_len] = 0;
}

CTEST(arm_semihost, console_error_stream)
{
    static const arm_semihost_ops split_ops = {
        .write_console = host_write, .write_console_err = host_write_err,
    };
    armsys_fixture fx;
    sh_host h;
    CT_ASSERT_TRUE(sh_setup(&fx, &h));
    fx.cpu->semihost = &split_ops;

    put_str(&fx, 0x1000, "w0 ");
    call(&fx, 0x04, 0x1000, NULL);                          /* SYS_WRITE0 */
    fx.ram.mem[0x1100] = 'c';
    call(&fx, 0x03, 0x1100, NULL);                          /* SYS_WRITEC */
    uint32_t out = open_name(&fx, ":tt", 4);                /* "w"  */
    uint32_t err = open_name(&fx, ":tt", 8);                /* "a"  */
    CT_ASSERT_NE(out, 0xffffffffu);
    CT_ASSERT_NE(err, 0xffffffffu);
    put_str(&fx, 0x1200, "out");
    put_str(&fx, 0x1300, " err");
    CT_EXPECT_EQ(call(&fx, 0x05, blk(&fx, out, 0x1200, 3), NULL), 0u);
    CT_EXPECT_EQ(call(&fx, 0x05, blk(&fx, err, 0x1300, 4), NULL), 0u);
    CT_EXPECT_STREQ(h.out, "out");
    CT_EXPECT_STREQ(h.err, "w0 c err");
    armsys_teardown(&fx);
}

CTEST(arm_semihost, console_input)
{
    armsys_fixture fx;
    sh_host h;
    CT_ASSERT_TRUE(sh_setup(&fx, &h));
    h.in = "ab\ncd";

    uint32_t hnd = open_name(&fx, ":tt", 0);
    CT_ASSERT_NE(hnd, 0xffffffffu);
    /* one line per read; the result counts the bytes NOT read */
    CT_EXPECT_EQ(call(&fx, 0x06, blk(&fx, hnd, 0x1000, 10), NULL), 7u);
    CT_EXPECT_EQ(memcmp(fx.ram.mem + 0x1000, "ab\n", 3), 0);
    CT_EXPECT_EQ(call(&fx, 0x07, 0, NULL), (uint32_t)'c');               /* READC */
    CT_EXPECT_EQ(call(&fx, 0x06, blk(&fx, hnd, 0x1000, 4), NULL), 3u);
    CT_EXPECT_EQ(fx.ram.mem[0x1000], 'd');
    /* writing to the input handle fails */
    CT_EXPECT_EQ(call(&fx, 0x05, blk(&fx, hnd, 0x1000, 2), NULL), 2u);
    armsys_teardown(&fx);
}

CTEST(arm_semihost, exit_codes)
{
    armsys_fixture fx;
    sh_host h;
    CT_ASSERT_TRUE(sh_setup(&fx, &h));
    bool exited = false;

    call(&fx, 0x18, 0x20026, &exited);   /* ADP_Stopped_ApplicationExit */
    CT_EXPECT_TRUE(exited);
    CT_EXPECT_TRUE(fx.cpu->common.exited);
    CT_EXPECT_EQ(fx.cpu->common.exit_code, 0);

    fx.cpu->common.exited = false;
    call(&fx, 0x18, 0x20023, &exited);   /* RunTimeErrorUnknown */
    CT_EXPECT_TRUE(exited);
    CT_EXPECT_EQ(fx.cpu->common.exit_code, 1);

    call(&fx, 0x20, blk(&fx, 0x20026, 42, 0), &exited);   /* EXIT_EXTENDED */
    CT_EXPECT_TRUE(exited);
    CT_EXPECT_EQ(fx.cpu->common.exit_code, 42);
    call(&fx, 0x20, blk(&fx, 0x20023, 42, 0), &exited);
    CT_EXPECT_TRUE(exited);
    CT_EXPECT_EQ(fx.cpu->common.exit_code, 1);
    armsys_teardown(&fx);
}

CTEST(arm_semihost, heapinfo_and_cmdline)
{
    armsys_fixture fx;
    sh_host h;
    CT_ASSERT_TRUE(sh_setup(&fx, &h));
    arm_cpu *cpu = fx.cpu;

    cpu->heap_base = 0x00100000;
    cpu->heap_limit = 0x00800000;
    cpu->stack_base = 0x01000000;
    cpu->stack_limit = 0x00f00000;
    armsys_w32(&fx, 0x3000, 0x4000);   /* r1 -> pointer to the block */
    CT_EXPECT_EQ(call(&fx, 0x16, 0x3000, NULL), 0u);
    CT_EXPECT_EQ(armsys_r32(&fx, 0x4000), 0x00100000u);
    CT_EXPECT_EQ(armsys_r32(&fx, 0x4004), 0x00800000u);
    CT_EXPECT_EQ(armsys_r32(&fx, 0x4008), 0x01000000u);
    CT_EXPECT_EQ(armsys_r32(&fx, 0x400c), 0x00f00000u);

    h.cmdline = "prog -v 3";
    CT_EXPECT_EQ(call(&fx, 0x15, blk(&fx, 0x5000, 64, 0), NULL), 0u);
    CT_EXPECT_STREQ((const char *)fx.ram.mem + 0x5000, "prog -v 3");
    CT_EXPECT_EQ(armsys_r32(&fx, 0x3004), 9u);
    /* too small a buffer (needs 10 with the NUL) */
    CT_EXPECT_EQ(call(&fx, 0x15, blk(&fx, 0x5100, 9, 0), NULL), 0xffffffffu);
    CT_EXPECT_EQ(fx.ram.mem[0x5100], 0);
    armsys_teardown(&fx);
}

CTEST(arm_semihost, simulated_time)
{
    armsys_fixture fx;
    sh_host h;
    CT_ASSERT_TRUE(sh_setup(&fx, &h));

    h.now_ns = 123456789012ull;   /* 123.456789012 s */
    CT_EXPECT_EQ(call(&fx, 0x10, 0, NULL), 12345u);   /* CLOCK: centiseconds */
    CT_EXPECT_EQ(call(&fx, 0x11, 0, NULL), 123u);     /* TIME: seconds since start */
    CT_EXPECT_EQ(call(&fx, 0x30, 0x3000, NULL), 0u);  /* ELAPSED */
    CT_EXPECT_EQ(armsys_r32(&fx, 0x3000), (uint32_t)123456789012ull);
    CT_EXPECT_EQ(armsys_r32(&fx, 0x3004), (uint32_t)(123456789012ull >> 32));
    CT_EXPECT_EQ(call(&fx, 0x31, 0, NULL), 1000000000u);   /* TICKFREQ */
    h.now_ns = 0;
    CT_EXPECT_EQ(call(&fx, 0x10, 0, NULL), 0u);
    armsys_teardown(&fx);
}

CTEST(arm_semihost, features_file_and_errors)
{
    armsys_fixture fx;
    sh_host h;
    CT_ASSERT_TRUE(sh_setup(&fx, &h));

    uint32_t hnd = open_name(&fx, ":semihosting-features", 0);
    CT_ASSERT_NE(hnd, 0xffffffffu);
    CT_EXPECT_EQ(call(&fx, 0x0c, blk(&fx, hnd, 0, 0), NULL), 5u);          /* FLEN */
    CT_EXPECT_EQ(call(&fx, 0x09, blk(&fx, hnd, 0, 0), NULL), 0u);          /* not a tty */
    CT_EXPECT_EQ(call(&fx, 0x06, blk(&fx, hnd, 0x1000, 8), NULL), 3u);     /* 5 of 8 read */
    CT_EXPECT_EQ(memcmp(fx.ram.mem + 0x1000, "SHFB\x03", 5), 0);
    CT_EXPECT_EQ(call(&fx, 0x0a, blk(&fx, hnd, 4, 0), NULL), 0u);          /* SEEK */
    CT_EXPECT_EQ(call(&fx, 0x06, blk(&fx, hnd, 0x1100, 1), NULL), 0u);
    CT_EXPECT_EQ(fx.ram.mem[0x1100], 0x03);
    /* writable opens of the features file are refused */
    CT_EXPECT_EQ(open_name(&fx, ":semihosting-features", 4), 0xffffffffu);
    /* a missing host file */
    CT_EXPECT_EQ(open_name(&fx, "/nonexistent/armsys-test-file", 0), 0xffffffffu);
    CT_EXPECT_EQ(call(&fx, 0x13, 0, NULL), (uint32_t)ENOENT);
    /* ISERROR */
    CT_EXPECT_EQ(call(&fx, 0x08, blk(&fx, 0xfffffffeu, 0, 0), NULL), 1u);
    CT_EXPECT_EQ(call(&fx, 0x08, blk(&fx, 5, 0, 0), NULL), 0u);
    /* unsupported call */
    CT_EXPECT_EQ(call(&fx, 0x12, 0x3000, NULL), 0xffffffffu);   /* SYS_SYSTEM */
    CT_EXPECT_EQ(call(&fx, 0x13, 0, NULL), (uint32_t)ENOSYS);
    /* a parameter block outside memory */
    CT_EXPECT_EQ(call(&fx, 0x05, 0x00800000, NULL), 0xffffffffu);
    CT_EXPECT_EQ(call(&fx, 0x13, 0, NULL), (uint32_t)EFAULT);
    armsys_teardown(&fx);
}

CTEST(arm_semihost, host_file_roundtrip)
{
    armsys_fixture fx;
    sh_host h;
    CT_ASSERT_TRUE(sh_setup(&fx, &h));
    char path[] = "/tmp/armsys-semihost-XXXXXX";
    int fd = mkstemp(path);
    CT_ASSERT_TRUE(fd >= 0);
    close(fd);

    uint32_t w = open_name(&fx, path, 4);   /* "w" */
    CT_ASSERT_NE(w, 0xffffffffu);
    put_str(&fx, 0x1000, "0123456789");
    CT_EXPECT_EQ(call(&fx, 0x05, blk(&fx, w, 0x1000, 10), NULL), 0u);
    CT_EXPECT_EQ(call(&fx, 0x02, blk(&fx, w, 0, 0), NULL), 0u);
    uint32_t r = open_name(&fx, path, 1);   /* "rb" */
    CT_ASSERT_NE(r, 0xffffffffu);
    CT_EXPECT_EQ(call(&fx, 0x0c, blk(&fx, r, 0, 0), NULL), 10u);
    CT_EXPECT_EQ(call(&fx, 0x0a, blk(&fx, r, 6, 0), NULL), 0u);
    CT_EXPECT_EQ(call(&fx, 0x06, blk(&fx, r, 0x1100, 8), NULL), 4u);
    CT_EXPECT_EQ(memcmp(fx.ram.mem + 0x1100, "6789", 4), 0);
    CT_EXPECT_EQ(call(&fx, 0x02, blk(&fx, r, 0, 0), NULL), 0u);
    unlink(path);
    CT_EXPECT_STREQ(h.out, "");
    armsys_teardown(&fx);
}

CTEST(arm_semihost, entry_paths)
{
    armsys_fixture fx;
    sh_host h;
    CT_ASSERT_TRUE(sh_setup(&fx, &h));
    arm_cpu *cpu = fx.cpu;

    /* raised as ARM_EXCP_SEMIHOST: regs[15] is the SWI, resumes after it */
    put_str(&fx, 0x1000, "A");
    cpu->regs[0] = 0x04;
    cpu->regs[1] = 0x1000;
    cpu->regs[15] = 0x100;
    cpu->common.exception_index = ARM_EXCP_SEMIHOST;
    arm_do_interrupt(&cpu->common);
    CT_EXPECT_EQ(cpu->regs[15], 0x104u);
    CT_EXPECT_EQ(arm_cpsr_read(cpu) & ARM_CPSR_M, (uint32_t)ARM_MODE_SVC);   /* no mode change */
    CT_EXPECT_FALSE(cpu->common.stop_request);
    /* Thumb SVC 0xab */
    arm_cpsr_write(cpu, ARM_CPSR_T, ARM_CPSR_T);
    cpu->regs[0] = 0x18;
    cpu->regs[1] = 0x20026;
    cpu->regs[15] = 0x200;
    cpu->common.exception_index = ARM_EXCP_SEMIHOST;
    arm_do_interrupt(&cpu->common);
    CT_EXPECT_EQ(cpu->regs[15], 0x202u);
    CT_EXPECT_TRUE(cpu->common.stop_request);
    CT_EXPECT_TRUE(cpu->common.exited);
    /* the helper path (regs[15] already at the next instruction) */
    cpu->regs[0] = 0x04;
    cpu->regs[1] = 0x1000;
    CT_EXPECT_EQ(arm_helper_semihost(cpu, 0, 0, 0, 0), 0u);
    CT_EXPECT_STREQ(h.out, "AA");
    armsys_teardown(&fx);
}
