/*
 * The device API support: the model table, compatible look-up, property
 * defaults, logging, and the "cosim,unimplemented" placeholder.
 */
#include "ctest.h"
#include "periph_testhost.h"

#include <string.h>

CTEST(periph, find_model_by_compatible)
{
    static const struct { const char *compat; const char *name; int out, in; bool chr; } want[] = {
        { "arm,pl011", "pl011", 1, 0, true },
        { "arm,sp804", "sp804", 1, 0, false },
        { "arm,versatile-vic", "pl190", 2, 32, false },
        { "arm,pl190-vic", "pl190", 2, 32, false },
        { "arm,versatile-sic", "versatile-sic", 11, 32, false },
        { "arm,versatile-sysreg", "versatile-sysreg", 0, 0, false },
        { "arm,core-module-versatile", "versatile-sysreg", 0, 0, false },
        { "arm,pl031", "pl031", 1, 0, false },
        { "cosim,unimplemented", "unimplemented", 0, 0, false },
        { "renesas,sh7750-intc", "sh7750-intc", 2, 26, false },
        { "renesas,sh7750-tmu", "sh7750-tmu", 3, 0, false },
        { "renesas,scif", "sh-scif", 4, 0, true },
        { "renesas,sh7750-sci", "sh7750-sci", 4, 0, true },
        { "renesas,sh7750-cpg", "sh7750-cpg", 0, 0, false },
        { "renesas,sh7750-bsc", "sh7750-bsc", 0, 0, false },
        { "renesas,sh7750-rtc", "sh7750-rtc", 3, 0, false },
        { "renesas,sh7750-dmac", "sh7750-dmac", 5, 0, false },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const periph_model *m = periph_find_model(want[i].compat);
        CT_ASSERT_TRUE(m != NULL);
        CT_EXPECT_STREQ(m->compatible, want[i].compat);
        CT_EXPECT_STREQ(m->name, want[i].name);
        CT_EXPECT_EQ(m->n_irq_out, want[i].out);
        CT_EXPECT_EQ(m->n_irq_in, want[i].in);
        CT_EXPECT_EQ(m->has_chr, want[i].chr);
        CT_EXPECT_EQ(m->set_irq_in != NULL, want[i].in > 0);
        CT_EXPECT_EQ(m->attach_chr != NULL, want[i].chr);
        CT_EXPECT_TRUE(m->init && m->reset && m->read && m->write);
    }
    CT_EXPECT_TRUE(periph_find_model("arm,pl999") == NULL);
    CT_EXPECT_TRUE(periph_find_model(NULL) == NULL);
    int n = 0;
    for (const periph_model *const *m = periph_models; *m; m++)
        n++;
    CT_EXPECT_EQ(n, (int)(sizeof want / sizeof want[0]));
}

CTEST(periph, prop_u64_defaults)
{
    periph_testhost t;
    pth_init(&t);
    pth_set_prop(&t, "present", 42);
    uint64_t v = 0;
    CT_EXPECT_TRUE(periph_prop_u64(&t.periph_props, "present", 7, &v));
    CT_EXPECT_EQ(v, 42);
    CT_EXPECT_FALSE(periph_prop_u64(&t.periph_props, "absent", 7, &v));
    CT_EXPECT_EQ(v, 7);
    CT_EXPECT_FALSE(periph_prop_u64(NULL, "absent", 9, &v));
    CT_EXPECT_EQ(v, 9);
    const char *s = "x";
    CT_EXPECT_FALSE(periph_prop_str(&t.periph_props, "absent", &s));
    CT_EXPECT_TRUE(s == NULL);
}

CTEST(periph, log_formats_through_host)
{
    periph_testhost t;
    pth_init(&t);
    periph_log(&t.host, PERIPH_LOG_GUEST_ERROR, "bad %s at 0x%x", "thing", 0x40u);
    CT_EXPECT_STREQ(t.last_log, "bad thing at 0x40");
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 1);
    periph_log(&t.host, PERIPH_LOG_UNIMP, "nope");
    CT_EXPECT_EQ(pth_take_unimp(&t), 1);
    /* A host without a log sink is fine. */
    periph_host_ops quiet = *t.host.ops;
    quiet.log = NULL;
    periph_host h = { &quiet, &t };
    periph_log(&h, PERIPH_LOG_UNIMP, "dropped");
    CT_EXPECT_EQ(pth_take_unimp(&t), 0);
    /* No reset hook: the request is logged as unimplemented. */
    quiet.log = t.host.ops->log;
    quiet.request_reset = NULL;
    periph_request_reset(&h);
    CT_EXPECT_EQ(pth_take_unimp(&t), 1);
    CT_EXPECT_EQ(t.resets_requested, 0);
    periph_request_reset(&t.host);
    CT_EXPECT_EQ(t.resets_requested, 1);
}

CTEST(periph, unimplemented_device)
{
    periph_testhost t;
    pth_init(&t);
    pth_set_prop_str(&t, "name", "pl050");
    pth_dev d;
    CT_ASSERT_TRUE(pth_dev_create(&t, &d, "cosim,unimplemented"));
    pth_wr(&d, 0x10, 0x1234);
    CT_EXPECT_EQ(pth_take_unimp(&t), 1);
    CT_EXPECT_TRUE(strstr(t.last_log, "pl050") != NULL);
    CT_EXPECT_EQ(pth_rd(&d, 0x10), 0);
    CT_EXPECT_EQ(pth_rd_sized(&d, 0x3, 1), 0);
    CT_EXPECT_EQ(pth_take_unimp(&t), 2);
    /* It claims regions of any size (a 64 MiB flash window, say). */
    CT_EXPECT_EQ(d.model->region_size, UINT64_MAX);
    CT_EXPECT_EQ(pth_rd(&d, 0x03fffffc), 0);
    CT_EXPECT_EQ(pth_take_unimp(&t), 1);
    CT_EXPECT_EQ(pth_take_guest_errors(&t), 0);
    pth_dev_destroy(&d);
}
