/*
 * Helpers shared by the built-in device models (not part of the device
 * API: nothing outside peripherals/ includes this).
 *
 * Register access convention used by every model here: AMBA peripherals
 * have 32-bit registers on word boundaries.  A narrower read returns the
 * addressed bytes of the word (Linux reads the PL011 with 16-bit accesses);
 * a narrower write at a word boundary writes the zero-extended value, and a
 * write that does not start at a word boundary is a guest error, ignored.
 */
#ifndef PERIPH_PERIPH_INTERNAL_H
#define PERIPH_PERIPH_INTERNAL_H

#include "peripherals/periph.h"

/* The PrimeCell identification block: 8 byte-wide registers at 0xfe0..0xffc
 * (PeriphID0-3 then CellID0-3). */
#define PERIPH_ID_BASE 0xfe0u
#define PERIPH_ID_END 0x1000u

static inline bool periph_is_id_offset(uint64_t word_off)
{
    return word_off >= PERIPH_ID_BASE && word_off < PERIPH_ID_END;
}

static inline uint32_t periph_id_read(const uint8_t id[8], uint64_t word_off)
{
    return id[(word_off - PERIPH_ID_BASE) >> 2];
}

/* Pick the bytes a sub-word read asked for out of a 32-bit register value. */
static inline uint64_t periph_narrow_read(uint32_t reg, uint64_t offset, unsigned size)
{
    uint64_t v = (uint64_t)reg >> ((offset & 3) * 8);
    if (size >= 4)
        return v;
    return v & ((1ull << (size * 8)) - 1);
}

/* True when a write can be applied to the word at offset & ~3; logs the
 * guest error otherwise.  `who` names the device in the log. */
bool periph_write_ok(const periph_host *h, const char *who, uint64_t offset, unsigned size);

static inline void periph_timer_mod(const periph_host *h, periph_timer *t, uint64_t when)
{
    h->ops->timer_mod(h->ctx, t, when);
}

static inline void periph_timer_del(const periph_host *h, periph_timer *t)
{
    h->ops->timer_del(h->ctx, t);
}

/* An interrupt controller's input n (0..n_inputs-1) changed level: record
 * it in the `level` bit mask.  False (nothing recorded) for a line number
 * the board should never have wired. */
static inline bool periph_set_input_level(uint32_t *levels, int n, int n_inputs, bool level)
{
    if (n < 0 || n >= n_inputs || n >= 32)
        return false;
    if (level)
        *levels |= 1u << n;
    else
        *levels &= ~(1u << n);
    return true;
}

#endif
