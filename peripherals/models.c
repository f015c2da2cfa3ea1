/*
 * The table of built-in device models, looked up by device-tree
 * compatible (periph_find_model).  A model with several accepted
 * compatibles has one entry per compatible (same ops and name).
 * To add a model: write peripherals/<dev>.c exporting a const
 * periph_model, declare it here and list it below.
 */
#include "peripherals/periph.h"

extern const periph_model pl011_model;
extern const periph_model sp804_model;
extern const periph_model pl190_model;
extern const periph_model pl190_model_pl190;
extern const periph_model versatile_sic_model;
extern const periph_model versatile_sysregs_model;
extern const periph_model versatile_sysregs_model_cm;
extern const periph_model pl031_model;
extern const periph_model unimplemented_model;
extern const periph_model sh7750_intc_model;
extern const periph_model sh7750_tmu_model;
extern const periph_model sh_scif_model;
extern const periph_model sh7750_sci_model;
extern const periph_model sh7750_cpg_model;
extern const periph_model sh7750_bsc_model;
extern const periph_model sh7750_rtc_model;
extern const periph_model sh7750_dmac_model;

const periph_model *const periph_models[] = {
    &pl011_model,
    &sp804_model,
    &pl190_model,
    &pl190_model_pl190,
    &versatile_sic_model,
    &versatile_sysregs_model,
    &versatile_sysregs_model_cm,
    &pl031_model,
    &unimplemented_model,
    &sh7750_intc_model,
    &sh7750_tmu_model,
    &sh_scif_model,
    &sh7750_sci_model,
    &sh7750_cpg_model,
    &sh7750_bsc_model,
    &sh7750_rtc_model,
    &sh7750_dmac_model,
    NULL,
};
