/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * The indicators chart: bullet bars. Each indicator's text, then under it
 * its qualitative bands (below amber, amber to target), the figure
 * achieved in the colour of its level and a mark at the target; the
 * figure written on the right.
 */

/* Where the rows go. */
typedef struct
{
  double line_h;
  double gap;
  double axis_h;
  int title_lines;
  double title_h;
  double bar_h;
  double row_h;
  guint n_shown;
  double value_w;              /* of the figures' column; 0: none */
  double bx0, bx1;             /* where the bars run */
  double max;                  /* the percentage at bx1 */
  double muted[4];
  double band1[4];
  double band2[4];
} BulletGrid;

/* Auxiliary methods */

/* The rows' height, and how many fit: each row holds the indicator's text
 * (up to two lines) and the bar under it. */
static void
fit_rows (BulletGrid *g,
          guint       n,
          double      y0,
          double      y1)
{
  g->title_lines = (y1 - y0 - g->axis_h) / MAX (1, n) >= 4 * g->line_h ? 2 : 1;
  g->title_h = g->title_lines * g->line_h;
  g->bar_h = MIN (g->line_h * 1.6, MAX (4.0, (y1 - y0 - g->axis_h) / MAX (1, n) - g->title_h - g->gap * 2));
  g->row_h = g->title_h + g->bar_h + g->gap * 2;
  g->n_shown = (guint) MIN ((double) n, floor ((y1 - y0 - g->axis_h) / g->row_h));
  if (g->n_shown < n && g->n_shown > 0)
    g->n_shown--;
}

/* The figures column: "95,2% · Close to target", and the bars beside it. */
static void
fit_columns (DdChartLayout *l,
             BulletGrid    *g,
             GPtrArray     *indicators,
             double         x0,
             double         x1)
{
  g->value_w = 0;
  for (guint i = 0; i < g->n_shown; i++)
    {
      const DdStatsIndicator *ind = g_ptr_array_index (indicators, i);
      g_autofree char *p = ind->has_data ? dd_format_percent (ind->achieved, 1) : g_strdup (_("No data"));
      double w;
      PangoLayout *probe = _dd_chart_make_text (l, p, 1.0, TRUE, (x1 - x0) * 0.3, 1, PANGO_ALIGN_LEFT, &w, NULL);

      g_object_unref (probe);
      g->value_w = MAX (g->value_w, w);
    }
  g->bx0 = x0;
  g->bx1 = x1 - g->value_w - g->gap;
  if (g->bx1 - g->bx0 < 10)
    {
      g->bx1 = x1;
      g->value_w = 0;
    }
}

/* The hit of row @i: its figures in words. Returns its index. */
static int
add_indicator_hit (DdChartLayout          *l,
                   const DdStatsIndicator *ind,
                   DdIndicatorLevel        level,
                   guint                   i)
{
  DdChartHit hit = { 0 };

  hit.kind = DD_CHART_INDICATORS;
  hit.status = -1;
  hit.index = (int) i;
  hit.value = ind->achieved;
  hit.reference = ind->target;
  g_date_clear (&hit.date, 1);
  if (ind->has_data)
    {
      g_autofree char *a = dd_format_percent (ind->achieved, 1);
      g_autofree char *t = dd_format_percent (ind->target, 0);
      g_autofree char *num = dd_format_number (ind->numerator, 0);
      g_autofree char *den = dd_format_number (ind->denominator, 0);

      /* Translators: indicator, achieved %, target %, level, numerator/denominator. */
      hit.label = g_strdup_printf (_("%s: %s against a target of %s (%s; %s/%s)"),
                                   ind->title, a, t, dd_indicator_level_get_label (level), num, den);
    }
  else
    hit.label = g_strdup_printf (_("%s: no data for the period"), ind->title);
  return _dd_chart_add_hit (l, &hit);
}

/* The bullet bar at @by: qualitative bands (below amber, amber to
 * target), then the figure achieved and the target's mark. */
static void
add_bullet (DdChartLayout          *l,
            const BulletGrid       *g,
            const DdStatsIndicator *ind,
            DdIndicatorLevel        level,
            double                  by,
            int                     index)
{
  double xa = g->bx0 + (g->bx1 - g->bx0) * DD_INDICATOR_AMBER_RATIO * ind->target / g->max;
  double xt = g->bx0 + (g->bx1 - g->bx0) * ind->target / g->max;

  _dd_chart_add_rect (l, g->bx0, by, xa - g->bx0, g->bar_h, g->band1, index);
  _dd_chart_add_rect (l, xa, by, xt - xa, g->bar_h, g->band2, index);

  if (ind->has_data)
    {
      double xv = g->bx0 + (g->bx1 - g->bx0) * ind->achieved / g->max;
      double target_xy[4] = { xt, by - 2, xt, by + g->bar_h + 2 };
      double c[4];

      dd_indicator_level_get_color (level, c);
      _dd_chart_add_rect (l, g->bx0, by + g->bar_h * 0.25, xv - g->bx0, g->bar_h * 0.5, c, index);
      _dd_chart_add_line (l, target_xy, 2, 2.0, FALSE, l->chart->foreground);
    }
}

static void
add_indicator_row (DdChartLayout          *l,
                   const BulletGrid       *g,
                   const DdStatsIndicator *ind,
                   guint                   i,
                   double                  x0,
                   double                  y0,
                   double                  x1)
{
  DdIndicatorLevel level = dd_indicator_level_for (ind);
  double ry = y0 + i * g->row_h;
  double by = ry + g->title_h + g->gap;
  int index = add_indicator_hit (l, ind, level, i);
  PangoLayout *layout;

  layout = _dd_chart_make_text (l, ind->title != NULL ? ind->title : "", 1.0, FALSE, x1 - x0, g->title_lines,
                                PANGO_ALIGN_LEFT, NULL, NULL);
  _dd_chart_place_text (l, layout, x0, ry + g->gap / 2, l->chart->foreground, index);
  add_bullet (l, g, ind, level, by, index);

  if (g->value_w > 0)
    {
      g_autofree char *p = ind->has_data ? dd_format_percent (ind->achieved, 1) : g_strdup (_("No data"));
      double th;

      layout = _dd_chart_make_text (l, p, 1.0, ind->has_data, g->value_w, 1, PANGO_ALIGN_LEFT, NULL, &th);
      _dd_chart_place_text (l, layout, g->bx1 + g->gap, by + (g->bar_h - th) / 2,
                            ind->has_data ? l->chart->foreground : g->muted, index);
    }
}

/* Shared with dd-chart-layout.c */

void
_dd_chart_layout_indicators (DdChartLayout *l,
                             double         x0,
                             double         y0,
                             double         x1,
                             double         y1)
{
  GPtrArray *indicators = l->chart->indicators;
  guint n = indicators->len;
  BulletGrid g = { 0, };

  g.line_h = _dd_chart_line_height (l);
  g.gap = MAX (2.0, g.line_h * 0.4);
  g.axis_h = g.line_h * 0.9 + 4;
  g.max = 100;
  _dd_chart_with_alpha (l->chart->foreground, 0.75, g.muted);
  _dd_chart_with_alpha (l->chart->foreground, 0.16, g.band1);
  _dd_chart_with_alpha (l->chart->foreground, 0.08, g.band2);

  for (guint i = 0; i < n; i++)
    {
      const DdStatsIndicator *ind = g_ptr_array_index (indicators, i);

      g.max = MAX (g.max, MAX (ind->target, ind->has_data ? ind->achieved : 0));
    }

  fit_rows (&g, n, y0, y1);
  fit_columns (l, &g, indicators, x0, x1);
  _dd_chart_value_axis (l, g.bx0, g.bx1, y0, y0 + g.n_shown * g.row_h, g.max,
                        _dd_chart_nice_step (g.max, MAX (1, (int) ((g.bx1 - g.bx0) / (g.line_h * 5))), TRUE), TRUE);

  for (guint i = 0; i < g.n_shown; i++)
    add_indicator_row (l, &g, g_ptr_array_index (indicators, i), i, x0, y0, x1);

  if (g.n_shown < n)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u more indicator not shown",
                                                         "%u more indicators not shown", n - g.n_shown),
                                               n - g.n_shown);
      PangoLayout *layout = _dd_chart_make_text (l, text, 0.9, FALSE, x1 - x0, 1, PANGO_ALIGN_LEFT, NULL, NULL);

      _dd_chart_place_text (l, layout, x0, y0 + g.n_shown * g.row_h + g.axis_h, g.muted, -1);
    }
}
