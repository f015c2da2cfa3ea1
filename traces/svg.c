/*
 * SVG flame graph and bar chart (see svg.h).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "traces/svg.h"

#define FG_WIDTH 1200.0
#define FG_PAD 10.0
#define FG_FRAME 16.0
#define FG_CHAR 7.0      /* approximate width of a 12px monospace glyph */

void trace_svg_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static void colour(const char *name, char *buf, size_t len)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (const char *s = name; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    snprintf(buf, len, "rgb(%u,%u,%u)", 205 + (h % 50), 80 + ((h >> 8) % 130), 30 + ((h >> 16) % 50));
}

static uint32_t max_depth(const trace_profile *p)
{
    uint32_t best = 0;
    for (size_t i = 1; i < p->n_nodes; i++) {
        uint32_t d = 0;
        for (uint32_t a = (uint32_t)i; a; a = p->nodes[a].parent)
            d++;
        if (d > best)
            best = d;
    }
    return best;
}

static void frame(FILE *f, const char *name, uint64_t v, uint64_t total, double x, double y,
                  double w, const char *unit)
{
    char fill[32];
    colour(name, fill, sizeof fill);
    fputs("<g><title>", f);
    trace_svg_escape(f, name);
    fprintf(f, " (%" PRIu64 " %s, %.2f%%)</title>", v, unit, total ? 100.0 * (double)v / (double)total : 0.0);
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" rx=\"2\"/>",
            x, y, w, FG_FRAME - 1, fill);
    size_t fit = (size_t)((w - 6) / FG_CHAR);
    if (fit >= 3) {
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", x + 3, y + FG_FRAME - 5);
        size_t n = strlen(name);
        if (n <= fit) {
            trace_svg_escape(f, name);
        } else {
            char buf[256];
            size_t k = fit - 2 < sizeof buf - 1 ? fit - 2 : sizeof buf - 1;
            memcpy(buf, name, k);
            buf[k] = 0;
            trace_svg_escape(f, buf);
            fputs("..", f);
        }
        fputs("</text>", f);
    }
    fputs("</g>\n", f);
}

size_t trace_svg_flamegraph(const trace_profile *p, FILE *f, const char *title, bool metric_insns)
{
    const char *unit = metric_insns ? "instructions" : "cycles";
    uint32_t depth = max_depth(p);
    double height = (depth + 1) * FG_FRAME + 3 * FG_PAD + 20;
    uint64_t total = metric_insns ? p->nodes[0].total_insns : p->nodes[0].total_cycles;
    double scale = total ? (FG_WIDTH - 2 * FG_PAD) / (double)total : 0;
    fprintf(f, "<?xml version=\"1.0\" standalone=\"no\"?>\n"
               "<svg version=\"1.1\" width=\"%.0f\" height=\"%.0f\" xmlns=\"http://www.w3.org/2000/svg\">\n"
               "<style>text { font-family: monospace; font-size: 12px; fill: #000; }</style>\n"
               "<rect x=\"0\" y=\"0\" width=\"100%%\" height=\"100%%\" fill=\"#fdf6ec\"/>\n"
               "<text x=\"%.1f\" y=\"24\" style=\"font-size:16px\">", FG_WIDTH, height, FG_PAD);
    trace_svg_escape(f, title ? title : "Flame graph");
    fputs("</text>\n", f);
    double base = height - FG_PAD - FG_FRAME;
    size_t drawn = 0;
    frame(f, "all", total, total, FG_PAD, base, total * scale, unit);
    drawn++;
    /* x of each node: children laid out left to right from the parent's x */
    double *xs = calloc(p->n_nodes ? p->n_nodes : 1, sizeof *xs);
    uint32_t *dep = calloc(p->n_nodes ? p->n_nodes : 1, sizeof *dep);
    if (!xs || !dep) {
        free(xs);
        free(dep);
        fputs("</svg>\n", f);
        return drawn;
    }
    xs[0] = FG_PAD;
    for (size_t i = 0; i < p->n_nodes; i++) {
        double x = xs[i];
        for (uint32_t c = p->nodes[i].first_child; c; c = p->nodes[c].next_sibling) {
            xs[c] = x;
            dep[c] = dep[i] + 1;
            uint64_t v = metric_insns ? p->nodes[c].total_insns : p->nodes[c].total_cycles;
            x += v * scale;
        }
    }
    for (size_t i = 1; i < p->n_nodes; i++) {
        uint64_t v = metric_insns ? p->nodes[i].total_insns : p->nodes[i].total_cycles;
        double w = v * scale;
        if (w < 0.5)
            continue;
        frame(f, trace_profile_fn_name(p, p->nodes[i].fn), v, total, xs[i], base - dep[i] * FG_FRAME,
              w, unit);
        drawn++;
    }
    free(xs);
    free(dep);
    fputs("</svg>\n", f);
    return drawn;
}

void trace_svg_bars(FILE *f, const char *title, const char *const *labels, const uint64_t *values,
                    size_t n, const char *unit)
{
    const double label_w = 260, bar_w = 600, row = 22, top = 40;
    uint64_t max = 1;
    for (size_t i = 0; i < n; i++)
        if (values[i] > max)
            max = values[i];
    fprintf(f, "<?xml version=\"1.0\" standalone=\"no\"?>\n"
               "<svg version=\"1.1\" width=\"%.0f\" height=\"%.0f\" xmlns=\"http://www.w3.org/2000/svg\">\n"
               "<style>text { font-family: monospace; font-size: 12px; }</style>\n"
               "<rect x=\"0\" y=\"0\" width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n"
               "<text x=\"10\" y=\"24\" style=\"font-size:16px\">",
            label_w + bar_w + 140, top + n * row + 20);
    trace_svg_escape(f, title ? title : "");
    fputs("</text>\n", f);
    for (size_t i = 0; i < n; i++) {
        double y = top + i * row, w = bar_w * (double)values[i] / (double)max;
        fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">", label_w - 8, y + 15);
        trace_svg_escape(f, labels[i]);
        fprintf(f, "</text><rect x=\"%.0f\" y=\"%.0f\" width=\"%.1f\" height=\"%.0f\" fill=\"#4a7ebb\"/>"
                   "<text x=\"%.1f\" y=\"%.0f\">%" PRIu64 " %s</text>\n",
                label_w, y + 2, w, row - 4, label_w + w + 6, y + 15, values[i], unit);
    }
    fputs("</svg>\n", f);
}
