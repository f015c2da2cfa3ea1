/*
 * Self-made SVG pictures for profiles (no external flamegraph.pl):
 *   - a flame graph of the calling-context tree: root ("all") at the
 *     bottom, each frame a <rect> whose width is its inclusive cost, with
 *     a <title> tooltip "name (N cycles, P%)" and a clipped <text> label;
 *     frames narrower than 0.5 px are left out;
 *   - a horizontal bar chart (top functions by exclusive cost).
 * Names are XML-escaped.  Colours are a deterministic hash of the name
 * (warm palette), so the same profile gives the same file.
 */
#ifndef TRACES_SVG_H
#define TRACES_SVG_H

#include <stdio.h>

#include "traces/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Returns the number of frames drawn (root included). */
size_t trace_svg_flamegraph(const trace_profile *p, FILE *f, const char *title, bool metric_insns);
/* Bars for labels[i] = values[i], in the given order. */
void trace_svg_bars(FILE *f, const char *title, const char *const *labels, const uint64_t *values,
                    size_t n, const char *unit);
/* Writes s with &, <, >, " escaped. */
void trace_svg_escape(FILE *f, const char *s);

#ifdef __cplusplus
}
#endif

#endif
