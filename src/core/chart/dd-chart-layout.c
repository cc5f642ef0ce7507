/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * The layout of each kind of chart: where every bar, segment, line and text
 * goes at a given size. The files of the kinds (dd-chart-status.c,
 * dd-chart-units.c, dd-chart-progress.c, dd-chart-indicators.c) build the
 * scene with the parts here, which they share; dd-chart.c calls the kind
 * (_dd_chart_layout()), paints the scene and hit-tests it. Rules kept by
 * every kind:
 *  - value axes start at zero, lengths are proportional to the figures;
 *  - texts are Pango layouts bounded in width (ellipsized) and in lines,
 *    placed in rows that do not overlap; what has no room is left out and
 *    said so ("N more units not shown"), never drawn on top of something;
 *  - every figure is formatted by dd-format in the interface's language.
 */

/* Shared with the kinds of chart */

void
_dd_chart_with_alpha (const double rgba[4],
                      double       alpha,
                      double       out[4])
{
  out[0] = rgba[0];
  out[1] = rgba[1];
  out[2] = rgba[2];
  out[3] = rgba[3] * alpha;
}

/* A step of 1, 2 or 5 × 10ⁿ giving about @n_ticks ticks up to @max (whole
 * numbers when @integer). */
double
_dd_chart_nice_step (double   max,
                     int      n_ticks,
                     gboolean integer)
{
  double raw, mag, r, step;

  if (max <= 0)
    return 1.0;
  raw = max / MAX (1, n_ticks);
  mag = pow (10.0, floor (log10 (raw)));
  r = raw / mag;
  step = (r <= 1.0 ? 1.0 : r <= 2.0 ? 2.0 : r <= 5.0 ? 5.0 : 10.0) * mag;
  if (integer && step < 1.0)
    step = 1.0;
  return step;
}

double
_dd_chart_line_height (DdChartLayout *l)
{
  double h;
  PangoLayout *probe = _dd_chart_make_text (l, "Ấy Ỹg", 1.0, FALSE, -1, 1, PANGO_ALIGN_LEFT, NULL, &h);

  g_object_unref (probe);
  return h;
}

/* Percentages of @counts at one decimal by the rule of the documents
 * (dd_format_split_shares()): they add up to 100 unless equal counts would
 * then differ, and the legend and the workbook agree. */
void
_dd_chart_percentages (const guint *counts,
                       guint        n,
                       double      *out)
{
  g_autofree guint *tenths = g_new0 (guint, n);

  dd_format_split_shares (counts, n, 1000, tenths);
  for (guint i = 0; i < n; i++)
    out[i] = tenths[i] / 10.0;
}

char *
_dd_chart_count_label (guint count)
{
  return dd_format_number (count, 0);
}

/* "Done on time: 12 of 40 tasks (30,0%)" */
char *
_dd_chart_segment_label (const char *prefix,
                         int         status,
                         guint       count,
                         guint       total,
                         double      percent)
{
  g_autofree char *n = _dd_chart_count_label (count);
  g_autofree char *t = _dd_chart_count_label (total);
  g_autofree char *p = dd_format_percent (percent, 1);
  g_autofree char *core = NULL;

  core = g_strdup_printf (ngettext ("%s: %s of %s task (%s)", "%s: %s of %s tasks (%s)", total),
                          _dd_chart_status_label ((DdTaskStatus) status), n, t, p);
  if (prefix != NULL)
    /* Translators: a unit's name, then the figures of one of its statuses. */
    return g_strdup_printf (_("%s — %s"), prefix, core);
  return g_steal_pointer (&core);
}

/* A legend entry: a swatch and a text; returns its width. */
double
_dd_chart_legend_entry (DdChartLayout *l,
                        double         x,
                        double         y,
                        double         max_width,
                        const double   swatch[4],
                        const char    *text,
                        double         line_h,
                        int            hit,
                        gboolean       place)
{
  double s = line_h * 0.75;
  double gap = line_h * 0.4;
  double tw, th;
  PangoLayout *layout;

  if (max_width < s + gap + line_h)
    return 0;
  layout = _dd_chart_make_text (l, text, 1.0, FALSE, max_width - s - gap, 1, PANGO_ALIGN_LEFT, &tw, &th);
  if (!place)
    {
      g_object_unref (layout);
      return s + gap + tw;
    }
  _dd_chart_add_rect (l, x, y + (line_h - s) / 2, s, s, swatch, hit);
  _dd_chart_place_text (l, layout, x + s + gap, y, l->chart->foreground, hit);
  return s + gap + tw;
}

/* Tick labels of a horizontal value axis from 0 to @max at @step, under
 * the plot; each label centred on its tick and left out if it would touch
 * the previous one. */
void
_dd_chart_value_axis (DdChartLayout *l,
                      double         px0,
                      double         px1,
                      double         gy0,
                      double         gy1,
                      double         max,
                      double         step,
                      gboolean       percent)
{
  double grid[4], muted[4];
  double last_right = -G_MAXDOUBLE;

  _dd_chart_with_alpha (l->chart->foreground, 0.18, grid);
  _dd_chart_with_alpha (l->chart->foreground, 0.75, muted);
  /* An integer counter: a sum of steps would drift (cert-flp30-c). */
  for (guint k = 0; k * step <= max + step / 2; k++)
    {
      double v = k * step;
      double x = px0 + (px1 - px0) * v / max;
      double xy[4] = { x, gy0, x, gy1 };
      g_autofree char *text = percent ? dd_format_percent (v, 0) : dd_format_number (v, 0);
      double tw, th;
      PangoLayout *layout;

      _dd_chart_add_line (l, xy, 2, 1.0, FALSE, grid);
      layout = _dd_chart_make_text (l, text, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &tw, &th);
      if (x - tw / 2 < last_right + 4 || x + tw / 2 > l->scene->width)
        {
          g_object_unref (layout);
          continue;
        }
      _dd_chart_place_text (l, layout, MAX (0.0, x - tw / 2), gy1 + 2, muted, -1);
      last_right = x + tw / 2;
    }
}
