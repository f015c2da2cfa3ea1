/* VCD writer and bus transaction log: exact text. */
#include <stdlib.h>
#include <string.h>

#include "ctest.h"
#include "traces/bustrace.h"
#include "traces/vcd.h"

CTEST(traces_vcd, exact_text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    trace_vcd v;
    trace_vcd_init(&v, f);
    int uart = trace_vcd_add(&v, "irq", "uart0", 1, 0);
    int timer = trace_vcd_add(&v, "irq", "timer 0", 1, 1);
    int cnt = trace_vcd_add(&v, "sp804", "value", 8, 0x0f);
    CT_ASSERT_EQ(uart, 0);
    CT_ASSERT_EQ(timer, 1);
    CT_ASSERT_EQ(cnt, 2);
    CT_ASSERT_TRUE(trace_vcd_change(&v, uart, 1500, 1));
    CT_ASSERT_TRUE(trace_vcd_change(&v, timer, 1500, 0));
    CT_ASSERT_TRUE(trace_vcd_change(&v, cnt, 2000, 0x0f));   /* unchanged: nothing */
    CT_ASSERT_TRUE(trace_vcd_change(&v, cnt, 2500, 0x1a5));  /* masked to 8 bits */
    CT_ASSERT_TRUE(trace_vcd_change(&v, uart, 3000, 0));
    CT_EXPECT_FALSE(trace_vcd_change(&v, uart, 2999, 1));    /* back in time */
    CT_EXPECT_EQ(trace_vcd_add(&v, "irq", "late", 1, 0), -1); /* after the header */
    CT_ASSERT_TRUE(trace_vcd_close(&v, 5000));
    fclose(f);
    CT_EXPECT_STREQ(buf,
        "$version cosim $end\n"
        "$timescale 1ps $end\n"
        "$scope module irq $end\n"
        "$var wire 1 ! uart0 $end\n"
        "$var wire 1 \" timer_0 $end\n"
        "$upscope $end\n"
        "$scope module sp804 $end\n"
        "$var wire 8 # value $end\n"
        "$upscope $end\n"
        "$enddefinitions $end\n"
        "#0\n"
        "$dumpvars\n"
        "0!\n"
        "1\"\n"
        "b1111 #\n"
        "$end\n"
        "#1500\n"
        "1!\n"
        "0\"\n"
        "#2500\n"
        "b10100101 #\n"
        "#3000\n"
        "0!\n"
        "#5000\n");
    free(buf);
}

CTEST(traces_vcd, many_signal_ids_are_unique)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    trace_vcd v;
    trace_vcd_init(&v, f);
    char name[16];
    for (int i = 0; i < 200; i++) {
        snprintf(name, sizeof name, "s%d", i);
        CT_ASSERT_EQ(trace_vcd_add(&v, "top", name, 1, 0), i);
    }
    for (int i = 0; i < 200; i++)
        for (int j = i + 1; j < 200; j++)
            if (!strcmp(v.sig[i].id, v.sig[j].id))
                ctest_fail(__FILE__, __LINE__, "ids %d and %d collide", i, j);
    CT_EXPECT_STREQ(v.sig[94].id, "!\"");
    CT_ASSERT_TRUE(trace_vcd_close(&v, 0));
    fclose(f);
    free(buf);
}

CTEST(traces_bus, log_exact_text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    trace_buslog b;
    trace_buslog_init(&b, f);
    trace_sink s = trace_buslog_sink(&b);
    trace_bus e = { .time_ps = 1500000, .initiator = "cpu0", .target = "uart0", .addr = 0x101f1000,
                    .size = 4, .is_write = true, .data = 0x41, .latency_ps = 10000 };
    s.ops->bus(s.opaque, &e);
    e = (trace_bus){ .time_ps = 1600000, .initiator = "cpu0", .target = "<none>", .addr = 0x1ffff000,
                     .size = 1, .data = 0x1234, .latency_ps = 0, .status = TRACE_BUS_DECODE_ERROR };
    s.ops->bus(s.opaque, &e);
    CT_ASSERT_TRUE(s.ops->finish(s.opaque));
    fclose(f);
    CT_EXPECT_STREQ(buf,
        "1500000 ps cpu0 -> uart0 W4 101f1000 00000041 lat 10000 ps OK\n"
        "1600000 ps cpu0 -> <none> R1 1ffff000 34 lat 0 ps DECODE_ERROR\n");
    CT_EXPECT_EQ(b.lines, 2);
    free(buf);
}
