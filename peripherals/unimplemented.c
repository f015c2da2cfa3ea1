/*
 * "cosim,unimplemented": a placeholder that claims a region the board
 * wants mapped but has no model for (QEMU's unimplemented-device).  Reads
 * return 0, writes are ignored, and every access is logged as
 * unimplemented with the device's name (property "name", else the
 * compatible) so `-d unimp` shows what the guest touched.
 * The region size is whatever the board's reg says (region_size =
 * UINT64_MAX: any offset is accepted).
 */
#include "peripherals/periph.h"
#include "peripherals/periph_internal.h"

#include <stdio.h>

typedef struct unimp_state {
    periph_host host;
    char name[64];
} unimp_state;

static bool unimp_init(void *opaque, const periph_host *host, const periph_props *props,
                       const periph_irq *irq_out, char *err, size_t err_len)
{
    unimp_state *s = opaque;
    const char *name;
    s->host = *host;
    if (!periph_prop_str(props, "name", &name) || !name)
        name = "unimplemented";
    snprintf(s->name, sizeof s->name, "%s", name);
    return true;
}

static void unimp_reset(void *opaque) { (void)opaque; }

static periph_status unimp_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    unimp_state *s = opaque;
    periph_log(&s->host, PERIPH_LOG_UNIMP, "%s: unimplemented device read (size %u, offset 0x%llx)",
               s->name, size, (unsigned long long)offset);
    *val = 0;
    return PERIPH_OK;
}

static periph_status unimp_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    unimp_state *s = opaque;
    periph_log(&s->host, PERIPH_LOG_UNIMP,
               "%s: unimplemented device write (size %u, offset 0x%llx, value 0x%llx)", s->name,
               size, (unsigned long long)offset, (unsigned long long)val);
    return PERIPH_OK;
}

const periph_model unimplemented_model = {
    .compatible = "cosim,unimplemented",
    .name = "unimplemented",
    .state_size = sizeof(unimp_state),
    .region_size = UINT64_MAX,
    .n_irq_out = 0,
    .n_irq_in = 0,
    .has_chr = false,
    .init = unimp_init,
    .reset = unimp_reset,
    .read = unimp_read,
    .write = unimp_write,
    .set_irq_in = NULL,
    .attach_chr = NULL,
    .destroy = NULL,
};
