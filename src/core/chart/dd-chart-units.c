/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * The units chart: one stacked horizontal bar per unit, its tasks per
 * status, under the statuses' legend; the unit's name on the left, its
 * number of tasks on the right, a value axis at the bottom.
 */

typedef struct
{
  const DdStatsUnit *unit;
  guint order;
} UnitRow;

/* Where the rows go. */
typedef struct
{
  double line_h;
  double gap;
  double top;                  /* of the first row */
  double row_h;
  double bar_h;
  int max_lines;               /* of a unit's name */
  guint n_shown;
  double label_w;              /* of the names' column; 0: none */
  double value_w;              /* of the totals' column; 0: none */
  double bx0, bx1;             /* where the bars run */
  double max;                  /* the figure at bx1 */
  double muted[4];
} UnitGrid;

/* Auxiliary methods */

static int
compare_lateness (gconstpointer a,
                  gconstpointer b)
{
  const UnitRow *x = a, *y = b;

  if (x->unit->counts[DD_STATUS_OVERDUE] != y->unit->counts[DD_STATUS_OVERDUE])
    return x->unit->counts[DD_STATUS_OVERDUE] > y->unit->counts[DD_STATUS_OVERDUE] ? -1 : 1;
  if (x->unit->counts[DD_STATUS_DONE_LATE] != y->unit->counts[DD_STATUS_DONE_LATE])
    return x->unit->counts[DD_STATUS_DONE_LATE] > y->unit->counts[DD_STATUS_DONE_LATE] ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static const char *
unit_name (const DdStatsUnit *unit)
{
  return unit->name != NULL ? unit->name : _("(No lead unit)");
}

/* The units that have tasks, in the chart's order; which statuses occur,
 * and the largest total. (transfer full) */
static GArray *
collect_rows (DdChart *chart,
              guint   *present,
              guint   *out_max_total)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (UnitRow));
  guint max_total = 0;

  for (guint i = 0; i < chart->units->len; i++)
    {
      UnitRow row = { g_ptr_array_index (chart->units, i), i };

      if (row.unit->total == 0)
        continue;
      g_array_append_val (rows, row);
      max_total = MAX (max_total, row.unit->total);
      for (int s = 0; s < DD_N_STATUSES; s++)
        present[s] |= row.unit->counts[s] > 0;
    }
  if (chart->unit_sort == DD_CHART_SORT_BY_LATENESS)
    g_array_sort (rows, compare_lateness);
  *out_max_total = max_total;
  return rows;
}

/* Lays the statuses' legend out as a flow of entries; returns its height. */
static double
flow_legend (DdChartLayout *l,
             const guint   *present,
             double         x0,
             double         y0,
             double         x1,
             double         line_h)
{
  double x = x0, y = y0;
  double gap = line_h;

  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      double c[4];
      double w;
      DdChartHit hit = { 0 };
      int index;

      if (!present[s])
        continue;
      dd_status_get_color ((DdTaskStatus) s, c);
      w = _dd_chart_legend_entry (l, 0, 0, x1 - x0, c, _dd_chart_status_label ((DdTaskStatus) s), line_h, -1,
                                  FALSE);
      if (w <= 0)
        break;
      if (x > x0 && x + w > x1)
        {
          x = x0;
          y += line_h * 1.3;
        }
      hit.kind = l->chart->kind;
      hit.status = s;
      hit.index = -1;
      g_date_clear (&hit.date, 1);
      hit.label = g_strdup (_dd_chart_status_label ((DdTaskStatus) s));
      index = _dd_chart_add_hit (l, &hit);
      _dd_chart_legend_entry (l, x, y, x1 - x, c, _dd_chart_status_label ((DdTaskStatus) s), line_h, index, TRUE);
      x += w + gap;
    }
  return y + line_h - y0;
}

/* The rows' height in @area_h for @n units: all of them, or when there is
 * no room the first ones and a line saying how many are left out. */
static void
fit_rows (UnitGrid *g,
          guint     n,
          double    area_h)
{
  double min_row_h = g->line_h + 4;

  if (n * min_row_h <= area_h)
    {
      g->n_shown = n;
      g->row_h = MIN (area_h / n, g->line_h * 3.2);
    }
  else
    {
      g->row_h = min_row_h;
      g->n_shown = (guint) MAX (0.0, floor (area_h / g->row_h) - 1);
    }
  g->max_lines = g->row_h >= 2 * g->line_h + 4 ? 2 : 1;
  g->bar_h = MIN (g->row_h * 0.68, g->line_h * 2.2);
}

/* Columns: names (at most 35% of the width), bars, totals; and the bars'
 * scale, whose step it returns. */
static double
fit_columns (DdChartLayout *l,
             UnitGrid      *g,
             GArray        *rows,
             guint          max_total,
             double         x0,
             double         x1)
{
  g_autofree char *widest = _dd_chart_count_label (max_total);
  PangoLayout *probe = _dd_chart_make_text (l, widest, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &g->value_w, NULL);
  double step;

  g_object_unref (probe);
  g->label_w = 0;
  if (x1 - x0 >= 160)
    for (guint i = 0; i < g->n_shown; i++)
      {
        const DdStatsUnit *u = g_array_index (rows, UnitRow, i).unit;
        double w;

        probe = _dd_chart_make_text (l, unit_name (u), 1.0, FALSE, (x1 - x0) * 0.35, g->max_lines,
                                     PANGO_ALIGN_LEFT, &w, NULL);
        g_object_unref (probe);
        g->label_w = MAX (g->label_w, w);
      }
  g->bx0 = x0 + (g->label_w > 0 ? g->label_w + g->gap : 0);
  g->bx1 = x1 - g->value_w - g->gap;
  if (g->bx1 - g->bx0 < 4)
    {
      g->bx1 = x1;
      g->value_w = 0;
    }
  step = _dd_chart_nice_step (max_total, MAX (1, (int) ((g->bx1 - g->bx0) / (g->line_h * 5))), TRUE);
  g->max = ceil (max_total / step) * step;
  if (g->max <= 0)
    g->max = 1;
  return step;
}

/* The name of the unit of row @i, at the left of its bar. */
static void
add_unit_name (DdChartLayout     *l,
               const UnitGrid    *g,
               const DdStatsUnit *u,
               guint              i,
               double             x0,
               double             ry)
{
  const char *name = unit_name (u);
  g_autofree char *t = _dd_chart_count_label (u->total);
  double th;
  PangoLayout *layout = _dd_chart_make_text (l, name, 1.0, FALSE, g->label_w, g->max_lines,
                                             PANGO_ALIGN_RIGHT, NULL, &th);
  DdChartHit hit = { 0 };

  hit.kind = DD_CHART_UNITS;
  hit.status = -1;
  hit.has_unit = TRUE;
  hit.unit_id = u->unit_id;
  hit.index = (int) i;
  hit.total = u->total;
  hit.count = u->total;
  g_date_clear (&hit.date, 1);
  /* Translators: a unit's name and its number of tasks. */
  hit.label = g_strdup_printf (ngettext ("%s: %s task", "%s: %s tasks", u->total), name, t);
  _dd_chart_place_text (l, layout, x0, ry + (g->row_h - th) / 2, l->chart->foreground,
                        _dd_chart_add_hit (l, &hit));
}

/* The stacked bar of row @i, from bx0; returns where it ends. */
static double
add_unit_bar (DdChartLayout     *l,
              const UnitGrid    *g,
              const DdStatsUnit *u,
              guint              i,
              double             by)
{
  double x = g->bx0;
  guint cumulative = 0;
  double pct[DD_N_STATUSES];

  _dd_chart_percentages (u->counts, DD_N_STATUSES, pct);
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      DdChartHit hit = { 0 };
      double c[4];
      double sx, ex;

      if (u->counts[s] == 0)
        continue;
      /* Both ends from the cumulative count: the lengths add up exactly. */
      sx = g->bx0 + (g->bx1 - g->bx0) * cumulative / g->max;
      cumulative += u->counts[s];
      ex = g->bx0 + (g->bx1 - g->bx0) * cumulative / g->max;
      x = ex;

      hit.kind = DD_CHART_UNITS;
      hit.status = s;
      hit.has_unit = TRUE;
      hit.unit_id = u->unit_id;
      hit.index = (int) i;
      hit.count = u->counts[s];
      hit.total = u->total;
      hit.value = pct[s];
      g_date_clear (&hit.date, 1);
      hit.label = _dd_chart_segment_label (unit_name (u), s, u->counts[s], u->total, pct[s]);
      dd_status_get_color ((DdTaskStatus) s, c);
      _dd_chart_add_rect (l, sx, by, ex - sx, g->bar_h, c, _dd_chart_add_hit (l, &hit));
    }
  return x;
}

static void
add_unit_row (DdChartLayout     *l,
              const UnitGrid    *g,
              const DdStatsUnit *u,
              guint              i,
              double             x0)
{
  double ry = g->top + i * g->row_h;
  double by = ry + (g->row_h - g->bar_h) / 2;
  double x;

  if (g->label_w > 0)
    add_unit_name (l, g, u, i, x0, ry);
  x = add_unit_bar (l, g, u, i, by);

  /* The unit's number of tasks, after its bar. */
  if (g->value_w > 0 && g->row_h >= g->line_h * 0.9)
    {
      g_autofree char *t = _dd_chart_count_label (u->total);
      double th;
      PangoLayout *layout = _dd_chart_make_text (l, t, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, NULL, &th);

      _dd_chart_place_text (l, layout, x + g->gap / 2, ry + (g->row_h - th) / 2, g->muted, -1);
    }
}

/* Shared with dd-chart-layout.c */

void
_dd_chart_layout_units (DdChartLayout *l,
                        double         x0,
                        double         y0,
                        double         x1,
                        double         y1)
{
  g_autoptr(GArray) rows = NULL;
  guint present[DD_N_STATUSES] = { 0 };
  UnitGrid g = { 0, };
  double axis_h, area_h, step;
  guint max_total, n;

  g.line_h = _dd_chart_line_height (l);
  g.gap = MAX (2.0, g.line_h * 0.4);
  axis_h = g.line_h * 0.9 + 4;
  _dd_chart_with_alpha (l->chart->foreground, 0.75, g.muted);
  rows = collect_rows (l->chart, present, &max_total);
  n = rows->len;

  /* Legend on top, axis at the bottom, rows between. */
  g.top = y0 + flow_legend (l, present, x0, y0, x1, g.line_h) + g.gap;
  area_h = y1 - axis_h - g.top;
  if (area_h < 2)
    return;
  fit_rows (&g, n, area_h);
  step = fit_columns (l, &g, rows, max_total, x0, x1);
  _dd_chart_value_axis (l, g.bx0, g.bx1, g.top, g.top + g.n_shown * g.row_h, g.max, step, FALSE);

  for (guint i = 0; i < g.n_shown; i++)
    add_unit_row (l, &g, g_array_index (rows, UnitRow, i).unit, i, x0);

  if (g.n_shown < n)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u more unit not shown: enlarge the chart or filter",
                                                         "%u more units not shown: enlarge the chart or filter",
                                                         n - g.n_shown), n - g.n_shown);
      PangoLayout *layout = _dd_chart_make_text (l, text, 0.9, FALSE, x1 - x0, 1, PANGO_ALIGN_LEFT, NULL, NULL);

      _dd_chart_place_text (l, layout, x0, y1 - axis_h - g.row_h + 2, g.muted, -1);
    }
}
