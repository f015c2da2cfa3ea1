/*
 * Forwarding rules (command-line and file syntax, good and bad input,
 * matching, rewriting), the access log's line format, and the -serialice
 * option parser.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctest.h"
#include "serialice/config.h"
#include "serialice/log.h"
#include "serialice/rules.h"

CTEST(serialice_rules, command_line_forms)
{
    sice_rules r;
    char err[256] = "";
    sice_rules_init(&r);
    CT_ASSERT_EQ(sice_rules_add(&r, "0x101f1000+0x1000", err, sizeof err), SICE_OK);
    CT_ASSERT_EQ(sice_rules_add(&r, "0x10000000-0x1000ffff,to=both,name=SYSCTL", err, sizeof err),
                 SICE_OK);
    CT_ASSERT_EQ(sice_rules_add(&r, "io:0x3f8+8,to=sim", err, sizeof err), SICE_OK);
    CT_ASSERT_EQ(sice_rules_add(&r, "0x20000000,mask=0xff00,value=0x1200,on=read", err,
                                sizeof err), SICE_OK);
    CT_ASSERT_EQ(sice_rules_add(&r, "io:all", err, sizeof err), SICE_OK);
    CT_ASSERT_EQ(r.n, 5);
    CT_EXPECT_EQ(r.v[0].space, SICE_SPACE_MEM);
    CT_EXPECT_EQ(r.v[0].first, 0x101f1000);
    CT_EXPECT_EQ(r.v[0].last, 0x101f1fff);
    CT_EXPECT_EQ(r.v[0].route, SICE_ROUTE_HW);       /* forwarding means hardware */
    CT_EXPECT_STREQ(r.v[0].name, "MEM");
    CT_EXPECT_EQ(r.v[1].first, 0x10000000);
    CT_EXPECT_EQ(r.v[1].last, 0x1000ffff);
    CT_EXPECT_EQ(r.v[1].route, SICE_ROUTE_BOTH);
    CT_EXPECT_STREQ(r.v[1].name, "SYSCTL");
    CT_EXPECT_EQ(r.v[2].space, SICE_SPACE_IO);
    CT_EXPECT_EQ(r.v[2].first, 0x3f8);
    CT_EXPECT_EQ(r.v[2].last, 0x3ff);
    CT_EXPECT_EQ(r.v[2].route, SICE_ROUTE_SIM);
    CT_EXPECT_STREQ(r.v[2].name, "IO");
    CT_EXPECT_EQ(r.v[3].first, 0x20000000);
    CT_EXPECT_EQ(r.v[3].last, 0x20000000);
    CT_EXPECT_TRUE(r.v[3].rewrite);
    CT_EXPECT_EQ(r.v[3].rewrite_on, SICE_REWRITE_READ);
    CT_EXPECT_EQ(r.v[4].first, 0);
    CT_EXPECT_EQ(r.v[4].last, 0xffff);

    /* Matching: the last matching rule wins; spaces are separate. */
    CT_EXPECT_TRUE(sice_rules_match(&r, SICE_SPACE_MEM, 0x101f1018) == &r.v[0]);
    CT_EXPECT_TRUE(sice_rules_match(&r, SICE_SPACE_MEM, 0x101f2000) == NULL);
    CT_EXPECT_TRUE(sice_rules_match(&r, SICE_SPACE_MEM, 0x3f8) == NULL);
    CT_EXPECT_TRUE(sice_rules_match(&r, SICE_SPACE_IO, 0x3f8) == &r.v[4]);
    CT_ASSERT_EQ(sice_rules_add(&r, "io:0x3f8-0x3ff,to=sim", err, sizeof err), SICE_OK);
    CT_EXPECT_TRUE(sice_rules_match(&r, SICE_SPACE_IO, 0x3fa) == &r.v[5]);
    CT_EXPECT_TRUE(sice_rules_match(&r, SICE_SPACE_IO, 0x400) == &r.v[4]);

    /* Rewrites: bits under the mask forced, only in the named direction. */
    CT_EXPECT_EQ(sice_rule_apply(&r.v[3], false, 4, 0xaabbccdd), 0xaabb12dd);
    CT_EXPECT_EQ(sice_rule_apply(&r.v[3], true, 4, 0xaabbccdd), 0xaabbccdd);
    CT_EXPECT_EQ(sice_rule_apply(&r.v[3], false, 1, 0xdd), 0xdd);   /* mask beyond a byte */
    CT_EXPECT_EQ(sice_rule_apply(&r.v[0], false, 2, 0x12345), 0x2345);
    CT_EXPECT_EQ(sice_rule_apply(NULL, true, 1, 0x1ff), 0xff);

    char buf[160];
    sice_rule_format(&r.v[3], buf, sizeof buf);
    CT_EXPECT_STREQ(buf, "0x20000000-0x20000000,to=hw,mask=0xff00,value=0x1200,on=read,name=MEM");
    sice_rules_free(&r);
}

CTEST(serialice_rules, bad_rules_are_rejected_with_reasons)
{
    static const struct { const char *spec, *why; } bad[] = {
        { "0x1000+0", "empty range '0x1000+0'" },
        { "0x2000-0x1000", "range '0x2000-0x1000' ends before it starts" },
        { "io:0xfff0+0x20", "I/O range 'io:0xfff0+0x20' goes past port 0xffff" },
        { "0xffffffffffffff00+0x1000", "wraps past the end" },
        { "uart0", "bad address 'uart0'" },
        { "0x10zz+4", "bad range '0x10zz+4'" },
        { "0x1000,to=cpu", "bad to=cpu (want hw, sim or both)" },
        { "0x1000,mask=0xf", "mask= and value= go together" },
        { "0x1000,on=read", "on= needs mask= and value=" },
        { "0x1000,mask=0xf,value=0x10", "value=0x10 has bits outside mask=0xf" },
        { "0x1000,colour=red", "unknown option 'colour'" },
        { "0x1000,hw", "expected KEY=VALUE, got 'hw'" },
        { "0x1000,name=a/b", "bad name=a/b" },
        { "", "empty rule" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sice_rules r;
        char err[256] = "";
        sice_rules_init(&r);
        CT_EXPECT_EQ(sice_rules_add(&r, bad[i].spec, err, sizeof err), SICE_ERR_ARG);
        CT_EXPECT_EQ(r.n, 0);
        if (!strstr(err, bad[i].why) || strncmp(err, "bad forwarding rule '", 21) != 0)
            ctest_fail(__FILE__, __LINE__, "'%s': got \"%s\", want \"%s\"", bad[i].spec, err,
                       bad[i].why);
        sice_rules_free(&r);
    }
}

CTEST(serialice_rules, rules_file_with_comments_and_line_numbers)
{
    const char *text =
        "# Versatile PB: UART0 on the real board\n"
        "\n"
        "0x101f1000+0x1000  to=hw  name=UART0   # the console\n"
        "   0x101e3000-0x101e3fff,to=both\r\n"
        "io:0x80 to=hw\n";
    sice_rules r;
    char err[256] = "";
    sice_rules_init(&r);
    CT_ASSERT_EQ(sice_rules_parse_text(&r, text, "board.rules", err, sizeof err), SICE_OK);
    CT_ASSERT_EQ(r.n, 3);
    CT_EXPECT_STREQ(r.v[0].name, "UART0");
    CT_EXPECT_EQ(r.v[1].route, SICE_ROUTE_BOTH);
    CT_EXPECT_EQ(r.v[1].last, 0x101e3fff);
    CT_EXPECT_EQ(r.v[2].space, SICE_SPACE_IO);
    CT_EXPECT_EQ(r.v[2].first, 0x80);
    sice_rules_free(&r);

    sice_rules_init(&r);
    const char *bad = "# ok\n0x1000+4\n\n0x2000+4 to=nowhere\n";
    CT_EXPECT_EQ(sice_rules_parse_text(&r, bad, "board.rules", err, sizeof err), SICE_ERR_ARG);
    CT_EXPECT_STREQ(err, "board.rules:4: bad to=nowhere (want hw, sim or both)");
    sice_rules_free(&r);

    /* From a real file, and a missing one. */
    char path[] = "/tmp/sice-rules-XXXXXX";
    int fd = mkstemp(path);
    CT_ASSERT_TRUE(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    sice_rules_init(&r);
    CT_EXPECT_EQ(sice_rules_load(&r, path, err, sizeof err), SICE_OK);
    CT_EXPECT_EQ(r.n, 3);
    sice_rules_free(&r);
    unlink(path);
    sice_rules_init(&r);
    CT_EXPECT_EQ(sice_rules_load(&r, path, err, sizeof err), SICE_ERR_ARG);
    CT_EXPECT_TRUE(strstr(err, "cannot open rules file /tmp/sice-rules-") != NULL);
    sice_rules_free(&r);
}

CTEST(serialice_log, line_format)
{
    char line[200];
    sice_log_entry e = { .kind = SICE_LOG_MEM_READ, .addr = 0x101f1018, .size = 4,
                         .val = 0x12345678, .pc = 0x00010a3c, .flags = SICE_LOG_HW,
                         .name = "UART0" };
    sice_log_format(line, sizeof line, 1, &e);
    CT_EXPECT_STREQ(line, "0000.0001    RH..    [0000:00010a3c]   UART0:  readl 101f1018 => 12345678");
    e = (sice_log_entry){ .kind = SICE_LOG_MEM_WRITE, .addr = 0x101f1000, .size = 1, .val = 0x141,
                          .pc = 0x8000, .flags = SICE_LOG_HW | SICE_LOG_SIM | SICE_LOG_FAKED };
    sice_log_format(line, sizeof line, 0x1234, &e);
    CT_EXPECT_STREQ(line, "0000.1234    RHQF    [0000:00008000]   MEM: writeb 101f1000 <= 41");
    e = (sice_log_entry){ .kind = SICE_LOG_IO_WRITE, .addr = 0x80, .size = 1, .val = 0x23,
                          .flags = SICE_LOG_HW };
    sice_log_format(line, sizeof line, 2, &e);
    CT_EXPECT_STREQ(line, "0000.0002    RH..    [0000:00000000]   IO: outb 0080 <= 23");
    e = (sice_log_entry){ .kind = SICE_LOG_IO_READ, .addr = 0xcfc, .size = 2, .val = 0x8086,
                          .flags = SICE_LOG_SIM | SICE_LOG_UNKNOWN, .parent = 2 };
    sice_log_format(line, sizeof line, 3, &e);
    CT_EXPECT_STREQ(line, "0002.0003    R.QU    [0000:00000000]   IO:  inw 0cfc => 8086");
    e = (sice_log_entry){ .kind = SICE_LOG_MEM_READ, .addr = 0x1000, .size = 8,
                          .val = 0x0123456789abcdefull, .flags = SICE_LOG_HW };
    sice_log_format(line, sizeof line, 0x12345, &e);
    CT_EXPECT_STREQ(line, "0000.12345    RH..    [0000:00000000]   MEM:  readq 00001000 => 0123456789abcdef");
    e = (sice_log_entry){ .kind = SICE_LOG_MSR_READ, .addr = 0x1b, .val = 0xfee00900,
                          .flags = SICE_LOG_HW };
    sice_log_format(line, sizeof line, 4, &e);
    CT_EXPECT_STREQ(line, "0000.0004    RH..    [0000:00000000]   MSR: rdmsr 0000001b => 00000000.fee00900");
    e = (sice_log_entry){ .kind = SICE_LOG_CPUID, .addr = 0, .ecx = 0,
                          .cpuid = { 4, 0x756e6547, 0x6c65746e, 0x49656e69 },
                          .flags = SICE_LOG_HW };
    sice_log_format(line, sizeof line, 5, &e);
    CT_EXPECT_STREQ(line, "0000.0005    RH..    [0000:00000000]   CPUID: cpuid 00000000.00000000 => 00000004.756e6547.6c65746e.49656e69");
}

CTEST(serialice_log, file_ids_and_flush)
{
    char path[] = "/tmp/sice-log-XXXXXX";
    int fd = mkstemp(path);
    CT_ASSERT_TRUE(fd >= 0);
    close(fd);
    sice_log l;
    CT_ASSERT_EQ(sice_log_open(&l, path), SICE_OK);
    sice_log_entry e = { .kind = SICE_LOG_MEM_WRITE, .addr = 0x10, .size = 2, .val = 0xbeef,
                         .pc = 0x100, .flags = SICE_LOG_HW };
    uint32_t id = 0;
    CT_EXPECT_EQ(sice_log_write(&l, &e, &id), SICE_OK);
    CT_EXPECT_EQ(id, 1);
    CT_EXPECT_EQ(sice_log_write(&l, &e, &id), SICE_OK);
    CT_EXPECT_EQ(id, 2);
    CT_EXPECT_EQ(sice_log_info(&l, 0x104, "stopped"), SICE_OK);
    CT_EXPECT_EQ(sice_log_flush(&l), SICE_OK);
    /* After the flush the file holds every line, before close. */
    char buf[512] = "";
    FILE *f = fopen(path, "r");
    CT_ASSERT_TRUE(f != NULL);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    CT_EXPECT_STREQ(buf,
                    "0000.0001    RH..    [0000:00000100]   MEM: writew 00000010 <= beef\n"
                    "0000.0002    RH..    [0000:00000100]   MEM: writew 00000010 <= beef\n"
                    "0000.0003    I...    [0000:00000104]   SerialICE: stopped\n");
    CT_EXPECT_EQ(sice_log_close(&l), SICE_OK);
    unlink(path);
    CT_EXPECT_EQ(sice_log_open(&l, "/nonexistent-dir/x.log"), SICE_ERR_IO);
}

CTEST(serialice_config, option_parsing)
{
    sice_config c;
    char err[256] = "";
    sice_config_defaults(&c);
    CT_ASSERT_EQ(sice_config_parse(&c, "dev=/dev/ttyUSB0,baud=115200", err, sizeof err), SICE_OK);
    CT_EXPECT_STREQ(c.dev, "/dev/ttyUSB0");
    CT_EXPECT_EQ(c.baud, 115200);
    CT_EXPECT_EQ(c.timeout_ms, 10000);
    CT_EXPECT_EQ(c.retries, 1);
    sice_config_defaults(&c);
    CT_ASSERT_EQ(sice_config_parse(&c, "tcp=ts1.lab:7001,timeout=500,retries=0,log=run.log,"
                                   "rules=board.rules,latency=2000,quiet=20", err, sizeof err),
                 SICE_OK);
    CT_EXPECT_STREQ(c.tcp_host, "ts1.lab");
    CT_EXPECT_EQ(c.tcp_port, 7001);
    CT_EXPECT_EQ(c.timeout_ms, 500);
    CT_EXPECT_TRUE(c.no_retry);
    CT_EXPECT_STREQ(c.log, "run.log");
    CT_EXPECT_STREQ(c.rules, "board.rules");
    CT_EXPECT_EQ(c.latency_ns, 2000);
    sice_client_config cc = sice_config_client(&c);
    CT_EXPECT_EQ(cc.timeout_ms, 500);
    CT_EXPECT_EQ(cc.quiet_ms, 20);
    CT_EXPECT_TRUE(cc.no_retry);

    static const struct { const char *spec, *why; } bad[] = {
        { "dev=/dev/ttyUSB0,baud=12345", "unsupported baud=12345" },
        { "baud=9600", "say where the board is" },
        { "dev=/dev/ttyS0,tcp=h:1", "give dev= or tcp=, not both" },
        { "tcp=host", "bad tcp='host'" },
        { "tcp=host:99999", "bad tcp='host:99999'" },
        { "dev=/dev/ttyS0,speed=9600", "unknown key 'speed'" },
        { "dev=/dev/ttyS0,timeout=0", "bad timeout=0" },
        { "dev=/dev/ttyS0,ttyS1", "expected KEY=VALUE, got 'ttyS1'" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sice_config_defaults(&c);
        CT_EXPECT_EQ(sice_config_parse(&c, bad[i].spec, err, sizeof err), SICE_ERR_ARG);
        if (!strstr(err, bad[i].why))
            ctest_fail(__FILE__, __LINE__, "'%s': got \"%s\"", bad[i].spec, err);
    }
    sice_transport t;
    sice_config_defaults(&c);
    CT_ASSERT_EQ(sice_config_parse(&c, "dev=/nonexistent/ttyUSB7", err, sizeof err), SICE_OK);
    CT_EXPECT_EQ(sice_config_connect(&c, &t, err, sizeof err), SICE_ERR_IO);
    CT_EXPECT_TRUE(strstr(err, "serialice: cannot open /nonexistent/ttyUSB7") != NULL);
}
