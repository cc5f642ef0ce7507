/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * The layout of each kind of chart: where every bar, segment, line and text
 * goes at a given size. Only the scene is built here; dd-chart.c paints it
 * and hit-tests it. Rules kept by every kind:
 *  - value axes start at zero, lengths are proportional to the figures;
 *  - texts are Pango layouts bounded in width (ellipsized) and in lines,
 *    placed in rows that do not overlap; what has no room is left out and
 *    said so ("N more units not shown"), never drawn on top of something;
 *  - every figure is formatted by dd-format in the interface's language.
 */

/* Auxiliary methods */

static void
with_alpha (const double rgba[4],
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
static double
nice_step (double   max,
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

static double
line_height (DdChartLayout *l)
{
  double h;
  PangoLayout *probe = _dd_chart_make_text (l, "Ấy Ỹg", 1.0, FALSE, -1, 1, PANGO_ALIGN_LEFT, NULL, &h);

  g_object_unref (probe);
  return h;
}

/* Percentages of @counts that add up to exactly 100 at one decimal
 * (largest remainder), so the legend never says 99.9% or 100.1%. */
static void
percentages (const guint *counts,
             guint        n,
             double      *out)
{
  guint total = 0;
  int tenths[64];
  double rem[64];
  int sum = 0;

  g_assert (n <= G_N_ELEMENTS (tenths));
  for (guint i = 0; i < n; i++)
    total += counts[i];
  for (guint i = 0; i < n; i++)
    {
      double exact = total > 0 ? 1000.0 * counts[i] / total : 0;

      tenths[i] = (int) floor (exact);
      rem[i] = exact - tenths[i];
      sum += tenths[i];
    }
  while (total > 0 && sum < 1000)
    {
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (rem[i] > rem[best])
          best = i;
      tenths[best]++;
      rem[best] = -1;
      sum++;
    }
  for (guint i = 0; i < n; i++)
    out[i] = tenths[i] / 10.0;
}

static char *
count_label (guint count)
{
  return dd_format_number (count, 0);
}

/* "Done on time: 12 of 40 tasks (30,0%)" */
static char *
segment_label (const char *prefix,
               int         status,
               guint       count,
               guint       total,
               double      percent)
{
  g_autofree char *n = count_label (count);
  g_autofree char *t = count_label (total);
  g_autofree char *p = dd_format_percent (percent, 1);
  g_autofree char *core = NULL;

  core = g_strdup_printf (ngettext ("%s: %s of %s task (%s)", "%s: %s of %s tasks (%s)", total),
                          dd_task_status_get_label ((DdTaskStatus) status), n, t, p);
  if (prefix != NULL)
    /* Translators: a unit's name, then the figures of one of its statuses. */
    return g_strdup_printf (_("%s — %s"), prefix, core);
  return g_steal_pointer (&core);
}

/* Draws "No data" centred in the rectangle. */
static void
layout_empty (DdChartLayout *l,
              double         x0,
              double         y0,
              double         x1,
              double         y1)
{
  double w, h;
  PangoLayout *layout = _dd_chart_make_text (l, _("No data"), 1.2, FALSE, MAX (1.0, x1 - x0), 2,
                                             PANGO_ALIGN_CENTER, &w, &h);
  double fg[4];

  with_alpha (l->chart->foreground, 0.7, fg);
  _dd_chart_place_text (l, layout, x0, y0 + MAX (0.0, (y1 - y0 - h) / 2), fg, -1);
}

/* A legend entry: a swatch and a text; returns its width. */
static double
legend_entry (DdChartLayout *l,
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

/* Status: a donut */

static void
layout_status (DdChartLayout *l,
               double         x0,
               double         y0,
               double         x1,
               double         y1)
{
  const DdStatsHeadline *hl = &l->chart->headline;
  double pct[DD_N_STATUSES];
  double line_h = line_height (l);
  double aw = x1 - x0, ah = y1 - y0;
  double legend_w = 0, row_h = line_h * 1.35;
  gboolean legend_right = aw >= ah * 1.2;
  guint n_entries = 0;
  double dx0 = x0, dy0 = y0, dx1 = x1, dy1 = y1;
  double cx, cy, r1, r0, a;
  int hits[DD_N_STATUSES];
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (DD_N_STATUSES, g_free);
  char **entry_text;

  percentages (hl->counts, DD_N_STATUSES, pct);

  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      g_autofree char *n = NULL;
      g_autofree char *p = NULL;
      DdChartHit hit = { 0 };

      hits[s] = -1;
      g_ptr_array_add (entries, NULL);
      if (hl->counts[s] == 0)
        continue;
      n_entries++;
      n = count_label (hl->counts[s]);
      p = dd_format_percent (pct[s], 1);
      /* Translators: a legend entry: status, number of tasks, percentage. */
      g_ptr_array_index (entries, s) = g_strdup_printf (_("%s: %s (%s)"), dd_task_status_get_label ((DdTaskStatus) s), n, p);

      hit.kind = DD_CHART_STATUS;
      hit.status = s;
      hit.index = -1;
      hit.count = hl->counts[s];
      hit.total = hl->tasks;
      hit.value = pct[s];
      g_date_clear (&hit.date, 1);
      hit.label = segment_label (NULL, s, hl->counts[s], hl->tasks, pct[s]);
      hits[s] = _dd_chart_add_hit (l, &hit);
    }

  entry_text = (char **) entries->pdata;

  /* The legend beside the donut when the chart is wide, under it otherwise. */
  for (int s = 0; s < DD_N_STATUSES; s++)
    if (entry_text[s] != NULL)
      {
        double c[4];

        dd_status_get_color ((DdTaskStatus) s, c);
        legend_w = MAX (legend_w, legend_entry (l, 0, 0, aw, c, entry_text[s], line_h, -1, FALSE));
      }
  if (legend_right)
    {
      legend_w = MIN (legend_w, aw * 0.55);
      dx1 = x1 - legend_w - line_h;
    }
  else
    dy1 = y1 - MIN (n_entries * row_h, ah * 0.45) - line_h * 0.5;

  /* The legend, as many entries as fit. */
  {
    double lx = legend_right ? x1 - legend_w : x0;
    double ly = legend_right ? y0 + MAX (0.0, (ah - n_entries * row_h) / 2) : dy1 + line_h * 0.5;
    double lw = legend_right ? legend_w : aw;

    for (int s = 0; s < DD_N_STATUSES; s++)
      {
        double c[4];

        if (entry_text[s] == NULL)
          continue;
        if (ly + line_h > y1 + 0.5)
          break;
        dd_status_get_color ((DdTaskStatus) s, c);
        legend_entry (l, lx, ly, lw, c, entry_text[s], line_h, hits[s], TRUE);
        ly += row_h;
      }
  }

  /* The donut: from twelve o'clock, clockwise, in status order. */
  cx = (dx0 + dx1) / 2;
  cy = (dy0 + dy1) / 2;
  r1 = MIN (dx1 - dx0, dy1 - dy0) / 2 - 1;
  if (r1 < 3)
    return;
  r0 = r1 * 0.58;
  a = -G_PI / 2;
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      double c[4];
      double sweep;

      if (hl->counts[s] == 0)
        continue;
      sweep = 2 * G_PI * hl->counts[s] / hl->tasks;
      dd_status_get_color ((DdTaskStatus) s, c);
      _dd_chart_add_arc (l, cx, cy, r0, r1, a, a + sweep, c, hits[s]);
      a += sweep;
    }

  /* The completion rate in the centre, if there is room for it. */
  if (r0 > line_h * 1.2)
    {
      g_autofree char *rate = hl->has_rate ? dd_format_percent (100.0 * hl->completion_rate, 1)
                                           : g_strdup ("—");
      double inner = r0 * 1.6;
      double scale = CLAMP (r0 / (line_h * 2.2), 1.0, 3.0);
      double rw, rh, cw = 0, ch = 0;
      PangoLayout *big = _dd_chart_make_text (l, rate, scale, TRUE, inner, 1, PANGO_ALIGN_CENTER, &rw, &rh);
      PangoLayout *caption = NULL;
      double muted[4];

      with_alpha (l->chart->foreground, 0.75, muted);
      if (r0 > line_h * 2.4)
        caption = _dd_chart_make_text (l, _("completion rate"), 1.0, FALSE, inner, 2,
                                       PANGO_ALIGN_CENTER, &cw, &ch);
      _dd_chart_place_text (l, big, cx - inner / 2, cy - (rh + ch) / 2, l->chart->foreground, -1);
      if (caption != NULL)
        _dd_chart_place_text (l, caption, cx - inner / 2, cy - (rh + ch) / 2 + rh, muted, -1);
    }
}

/* Units: stacked horizontal bars */

typedef struct
{
  const DdStatsUnit *unit;
  guint order;
} UnitRow;

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
      w = legend_entry (l, 0, 0, x1 - x0, c, dd_task_status_get_label ((DdTaskStatus) s), line_h, -1, FALSE);
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
      hit.label = g_strdup (dd_task_status_get_label ((DdTaskStatus) s));
      index = _dd_chart_add_hit (l, &hit);
      legend_entry (l, x, y, x1 - x, c, dd_task_status_get_label ((DdTaskStatus) s), line_h, index, TRUE);
      x += w + gap;
    }
  return y + line_h - y0;
}

/* Tick labels of a horizontal value axis from 0 to @max at @step, under
 * the plot; each label centred on its tick and left out if it would touch
 * the previous one. */
static void
value_axis (DdChartLayout *l,
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

  with_alpha (l->chart->foreground, 0.18, grid);
  with_alpha (l->chart->foreground, 0.75, muted);
  for (double v = 0; v <= max + step / 2; v += step)
    {
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

static void
layout_units (DdChartLayout *l,
              double         x0,
              double         y0,
              double         x1,
              double         y1)
{
  GPtrArray *units = l->chart->units;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (UnitRow));
  guint present[DD_N_STATUSES] = { 0 };
  double line_h = line_height (l);
  double axis_h = line_h * 0.9 + 4;
  double gap = MAX (2.0, line_h * 0.4);
  guint max_total = 0, n, n_shown;
  double top, area_h, row_h, min_row_h, bar_h, label_w = 0, value_w, bx0, bx1, step, max;
  int max_lines;
  double muted[4];

  with_alpha (l->chart->foreground, 0.75, muted);
  for (guint i = 0; i < units->len; i++)
    {
      UnitRow row = { g_ptr_array_index (units, i), i };

      if (row.unit->total == 0)
        continue;
      g_array_append_val (rows, row);
      max_total = MAX (max_total, row.unit->total);
      for (int s = 0; s < DD_N_STATUSES; s++)
        present[s] |= row.unit->counts[s] > 0;
    }
  if (l->chart->unit_sort == DD_CHART_SORT_BY_LATENESS)
    g_array_sort (rows, compare_lateness);
  n = rows->len;

  /* Legend on top, axis at the bottom, rows between. */
  top = y0 + flow_legend (l, present, x0, y0, x1, line_h) + gap;
  area_h = y1 - axis_h - top;
  if (area_h < 2)
    return;
  min_row_h = line_h + 4;
  if (n * min_row_h <= area_h)
    {
      n_shown = n;
      row_h = MIN (area_h / n, line_h * 3.2);
    }
  else
    {
      /* No room for every unit: the first ones, and a line saying how
       * many are left out. */
      row_h = min_row_h;
      n_shown = (guint) MAX (0.0, floor (area_h / row_h) - 1);
    }
  max_lines = row_h >= 2 * line_h + 4 ? 2 : 1;
  bar_h = MIN (row_h * 0.68, line_h * 2.2);

  /* Columns: names (at most 35% of the width), bars, totals. */
  {
    g_autofree char *widest = count_label (max_total);
    PangoLayout *probe = _dd_chart_make_text (l, widest, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &value_w, NULL);

    g_object_unref (probe);
  }
  if (x1 - x0 >= 160)
    for (guint i = 0; i < n_shown; i++)
      {
        const DdStatsUnit *u = g_array_index (rows, UnitRow, i).unit;
        double w;
        PangoLayout *probe = _dd_chart_make_text (l, u->name != NULL ? u->name : _("(No lead unit)"), 1.0, FALSE,
                                                  (x1 - x0) * 0.35, max_lines, PANGO_ALIGN_LEFT, &w, NULL);

        g_object_unref (probe);
        label_w = MAX (label_w, w);
      }
  bx0 = x0 + (label_w > 0 ? label_w + gap : 0);
  bx1 = x1 - value_w - gap;
  if (bx1 - bx0 < 4)
    {
      bx1 = x1;
      value_w = 0;
    }
  step = nice_step (max_total, MAX (1, (int) ((bx1 - bx0) / (line_h * 5))), TRUE);
  max = ceil (max_total / step) * step;
  if (max <= 0)
    max = 1;

  value_axis (l, bx0, bx1, top, top + n_shown * row_h, max, step, FALSE);

  for (guint i = 0; i < n_shown; i++)
    {
      const DdStatsUnit *u = g_array_index (rows, UnitRow, i).unit;
      const char *name = u->name != NULL ? u->name : _("(No lead unit)");
      double ry = top + i * row_h;
      double by = ry + (row_h - bar_h) / 2;
      double x = bx0;
      guint cumulative = 0;
      double pct[DD_N_STATUSES];

      percentages (u->counts, DD_N_STATUSES, pct);

      if (label_w > 0)
        {
          double th;
          PangoLayout *layout = _dd_chart_make_text (l, name, 1.0, FALSE, label_w, max_lines,
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
          {
            g_autofree char *t = count_label (u->total);

            /* Translators: a unit's name and its number of tasks. */
            hit.label = g_strdup_printf (ngettext ("%s: %s task", "%s: %s tasks", u->total), name, t);
          }
          _dd_chart_place_text (l, layout, x0, ry + (row_h - th) / 2, l->chart->foreground,
                                _dd_chart_add_hit (l, &hit));
        }

      for (int s = 0; s < DD_N_STATUSES; s++)
        {
          DdChartHit hit = { 0 };
          double c[4];
          double sx, ex;

          if (u->counts[s] == 0)
            continue;
          /* Both ends from the cumulative count: the lengths add up exactly. */
          sx = bx0 + (bx1 - bx0) * cumulative / max;
          cumulative += u->counts[s];
          ex = bx0 + (bx1 - bx0) * cumulative / max;
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
          hit.label = segment_label (name, s, u->counts[s], u->total, pct[s]);
          dd_status_get_color ((DdTaskStatus) s, c);
          _dd_chart_add_rect (l, sx, by, ex - sx, bar_h, c, _dd_chart_add_hit (l, &hit));
        }

      if (value_w > 0 && row_h >= line_h * 0.9)
        {
          g_autofree char *t = count_label (u->total);
          double th;
          PangoLayout *layout = _dd_chart_make_text (l, t, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, NULL, &th);

          _dd_chart_place_text (l, layout, x + gap / 2, ry + (row_h - th) / 2, muted, -1);
        }
    }

  if (n_shown < n)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u more unit not shown: enlarge the chart or filter",
                                                         "%u more units not shown: enlarge the chart or filter",
                                                         n - n_shown), n - n_shown);
      PangoLayout *layout = _dd_chart_make_text (l, text, 0.9, FALSE, x1 - x0, 1, PANGO_ALIGN_LEFT, NULL, NULL);

      _dd_chart_place_text (l, layout, x0, y1 - axis_h - row_h + 2, muted, -1);
    }
}

/* Progress: cumulative lines */

static char *
bucket_label (const DdStatsPoint *p,
              DdStatsInterval     interval)
{
  if (interval == DD_STATS_BY_MONTH)
    return g_strdup_printf ("%02u/%u", g_date_get_month (&p->start), g_date_get_year (&p->start));
  return g_strdup_printf ("%02u/%02u", g_date_get_day (&p->start), g_date_get_month (&p->start));
}

static void
layout_progress (DdChartLayout *l,
                 double         x0,
                 double         y0,
                 double         x1,
                 double         y1)
{
  const DdStatsProgress *pr = &l->chart->progress;
  GArray *points = pr->points;
  guint n = points->len;
  double line_h = line_height (l);
  double gap = MAX (2.0, line_h * 0.4);
  double due_c[4], done_c[4], grid[4], muted[4];
  guint max_value = 0;
  double step, max, ylab_w = 0, px0, px1, py0, py1, dx, top;
  g_autofree double *due_xy = g_new (double, 2 * n);
  g_autofree double *done_xy = g_new (double, 2 * n);
  guint n_done = 0;

  with_alpha (l->chart->foreground, 0.75, due_c);
  dd_status_get_color (DD_STATUS_DONE_ON_TIME, done_c);
  with_alpha (l->chart->foreground, 0.18, grid);
  with_alpha (l->chart->foreground, 0.75, muted);

  for (guint i = 0; i < n; i++)
    {
      const DdStatsPoint *p = &g_array_index (points, DdStatsPoint, i);

      max_value = MAX (max_value, MAX (p->due, p->completed));
    }

  /* Legend: the two lines. */
  {
    double x = x0;
    double s = line_h * 1.4;
    const struct { const char *text; const double *rgba; gboolean dashed; } entries[] = {
      { _("Due (plan, cumulative)"), due_c, TRUE },
      { _("Completed (cumulative)"), done_c, FALSE },
    };

    for (guint e = 0; e < G_N_ELEMENTS (entries); e++)
      {
        double tw;
        PangoLayout *layout = _dd_chart_make_text (l, entries[e].text, 1.0, FALSE, MAX (1.0, x1 - x - s - gap), 1,
                                                   PANGO_ALIGN_LEFT, &tw, NULL);
        double xy[4] = { x, y0 + line_h / 2, x + s, y0 + line_h / 2 };

        if (x + s + gap + line_h > x1)
          {
            g_object_unref (layout);
            break;
          }
        _dd_chart_add_line (l, xy, 2, 2.5, entries[e].dashed, entries[e].rgba);
        _dd_chart_place_text (l, layout, x + s + gap, y0, l->chart->foreground, -1);
        x += s + gap + tw + line_h;
      }
    top = y0 + line_h + gap;
  }

  step = nice_step (max_value, MAX (1, (int) ((y1 - top) / (line_h * 2.5))), TRUE);
  max = ceil (max_value / step) * step;
  if (max <= 0)
    max = 1;
  for (double v = 0; v <= max + step / 2; v += step)
    {
      g_autofree char *text = dd_format_number (v, 0);
      double w;
      PangoLayout *probe = _dd_chart_make_text (l, text, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, NULL);

      g_object_unref (probe);
      ylab_w = MAX (ylab_w, w);
    }

  px0 = x0 + ylab_w + gap;
  px1 = x1 - line_h * 0.5;
  py0 = top + line_h * 0.5;
  py1 = y1 - line_h - gap;
  if (px1 - px0 < 4 || py1 - py0 < 4)
    return;
  dx = (px1 - px0) / n;

  /* The y axis: from zero, grid lines, labels that fit. */
  {
    double last_top = G_MAXDOUBLE;

    for (double v = 0; v <= max + step / 2; v += step)
      {
        double y = py1 - (py1 - py0) * v / max;
        double xy[4] = { px0, y, px1, y };
        g_autofree char *text = dd_format_number (v, 0);
        double tw, th;
        PangoLayout *layout;

        _dd_chart_add_line (l, xy, 2, 1.0, FALSE, grid);
        layout = _dd_chart_make_text (l, text, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &tw, &th);
        if (y + th / 2 > last_top - 2 || y - th / 2 < 0)
          {
            g_object_unref (layout);
            continue;
          }
        _dd_chart_place_text (l, layout, px0 - gap - tw, y - th / 2, muted, -1);
        last_top = y - th / 2;
      }
  }

  /* The x axis: bucket labels, as many as fit without touching. */
  {
    g_autofree char *sample = bucket_label (&g_array_index (points, DdStatsPoint, 0), pr->interval);
    double sw;
    PangoLayout *probe = _dd_chart_make_text (l, sample, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &sw, NULL);
    guint every;

    g_object_unref (probe);
    every = (guint) MAX (1.0, ceil ((sw + gap * 2) / dx));
    for (guint i = 0; i < n; i += every)
      {
        g_autofree char *text = bucket_label (&g_array_index (points, DdStatsPoint, i), pr->interval);
        double x = px0 + (i + 0.5) * dx;
        double tw;
        PangoLayout *layout = _dd_chart_make_text (l, text, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &tw, NULL);

        if (x - tw / 2 < x0 || x + tw / 2 > x1)
          {
            g_object_unref (layout);
            continue;
          }
        _dd_chart_place_text (l, layout, x - tw / 2, py1 + 2, muted, -1);
      }
  }

  /* Invisible bands, one per bucket, for hit-testing. */
  for (guint i = 0; i < n; i++)
    {
      const DdStatsPoint *p = &g_array_index (points, DdStatsPoint, i);
      static const double none[4] = { 0, 0, 0, 0 };
      g_autofree char *start = dd_format_date (&p->start);
      g_autofree char *due = count_label (p->due);
      g_autofree char *done = count_label (p->completed);
      DdChartHit hit = { 0 };

      hit.kind = DD_CHART_PROGRESS;
      hit.status = -1;
      hit.index = (int) i;
      hit.value = p->future ? 0 : p->completed;
      hit.reference = p->due;
      hit.date = p->start;
      if (p->future)
        hit.label = g_strdup_printf (pr->interval == DD_STATS_BY_MONTH
                                     ? _("Month from %s: %s due (cumulative)")
                                     : _("Week from %s: %s due (cumulative)"),
                                     start, due);
      else
        hit.label = g_strdup_printf (pr->interval == DD_STATS_BY_MONTH
                                     ? _("Month from %s: %s due, %s completed (cumulative)")
                                     : _("Week from %s: %s due, %s completed (cumulative)"),
                                     start, due, done);
      _dd_chart_add_rect (l, px0 + i * dx, py0, dx, py1 - py0, none, _dd_chart_add_hit (l, &hit));
    }

  /* The lines, the completed one up to the reference date. */
  for (guint i = 0; i < n; i++)
    {
      const DdStatsPoint *p = &g_array_index (points, DdStatsPoint, i);
      double x = px0 + (i + 0.5) * dx;

      due_xy[2 * i] = x;
      due_xy[2 * i + 1] = py1 - (py1 - py0) * p->due / max;
      if (!p->future)
        {
          done_xy[2 * n_done] = x;
          done_xy[2 * n_done + 1] = py1 - (py1 - py0) * p->completed / max;
          n_done++;
        }
    }
  _dd_chart_add_line (l, due_xy, n, 2.0, TRUE, due_c);
  if (n_done > 0)
    _dd_chart_add_line (l, done_xy, n_done, 2.5, FALSE, done_c);
  if (dx >= 8)
    for (guint i = 0; i < n_done; i++)
      _dd_chart_add_circle (l, done_xy[2 * i], done_xy[2 * i + 1], 2.5, done_c, -1);

  /* The reference date, where it falls in its bucket. */
  for (guint i = 0; i < n && dd_date_is_set (&pr->as_of); i++)
    {
      const DdStatsPoint *p = &g_array_index (points, DdStatsPoint, i);

      if (g_date_compare (&pr->as_of, &p->start) >= 0 && g_date_compare (&pr->as_of, &p->end) <= 0)
        {
          double days = g_date_days_between (&p->start, &p->end) + 1;
          double x = px0 + dx * (i + (g_date_days_between (&p->start, &pr->as_of) + 0.5) / days);
          double xy[4] = { x, py0, x, py1 };
          g_autofree char *date = dd_format_date (&pr->as_of);
          g_autofree char *text = g_strdup_printf (_("Today (%s)"), date);
          double tw;
          PangoLayout *layout = _dd_chart_make_text (l, text, 0.9, TRUE, -1, 1, PANGO_ALIGN_LEFT, &tw, NULL);
          double marker[4];

          with_alpha (l->chart->foreground, 0.9, marker);
          _dd_chart_add_line (l, xy, 2, 1.5, FALSE, marker);
          if (tw + 4 <= px1 - px0)
            _dd_chart_place_text (l, layout, CLAMP (x + 3, px0, px1 - tw), py0, marker, -1);
          else
            g_object_unref (layout);
          break;
        }
    }

  {
    double axis[4];
    double xy[6] = { px0, py0, px0, py1, px1, py1 };

    with_alpha (l->chart->foreground, 0.6, axis);
    _dd_chart_add_line (l, xy, 3, 1.0, FALSE, axis);
  }
}

/* Indicators: bullet bars */

static void
layout_indicators (DdChartLayout *l,
                   double         x0,
                   double         y0,
                   double         x1,
                   double         y1)
{
  GPtrArray *indicators = l->chart->indicators;
  double line_h = line_height (l);
  double gap = MAX (2.0, line_h * 0.4);
  double axis_h = line_h * 0.9 + 4;
  double max = 100, value_w = 0, bar_h, row_h, title_h, bx0, bx1;
  int title_lines;
  guint n = indicators->len, n_shown;
  double muted[4], band1[4], band2[4];

  with_alpha (l->chart->foreground, 0.75, muted);
  with_alpha (l->chart->foreground, 0.16, band1);
  with_alpha (l->chart->foreground, 0.08, band2);

  for (guint i = 0; i < n; i++)
    {
      const DdStatsIndicator *ind = g_ptr_array_index (indicators, i);

      max = MAX (max, MAX (ind->target, ind->has_data ? ind->achieved : 0));
    }

  /* Each row: the indicator's text (up to two lines), the bar under it. */
  title_lines = (y1 - y0 - axis_h) / MAX (1, n) >= 4 * line_h ? 2 : 1;
  title_h = title_lines * line_h;
  bar_h = MIN (line_h * 1.6, MAX (4.0, (y1 - y0 - axis_h) / MAX (1, n) - title_h - gap * 2));
  row_h = title_h + bar_h + gap * 2;
  n_shown = (guint) MIN ((double) n, floor ((y1 - y0 - axis_h) / row_h));
  if (n_shown < n && n_shown > 0)
    n_shown--;

  /* The figures column: "95,2% · Close to target". */
  for (guint i = 0; i < n_shown; i++)
    {
      const DdStatsIndicator *ind = g_ptr_array_index (indicators, i);
      g_autofree char *p = ind->has_data ? dd_format_percent (ind->achieved, 1) : g_strdup (_("No data"));
      double w;
      PangoLayout *probe = _dd_chart_make_text (l, p, 1.0, TRUE, (x1 - x0) * 0.3, 1, PANGO_ALIGN_LEFT, &w, NULL);

      g_object_unref (probe);
      value_w = MAX (value_w, w);
    }
  bx0 = x0;
  bx1 = x1 - value_w - gap;
  if (bx1 - bx0 < 10)
    {
      bx1 = x1;
      value_w = 0;
    }

  value_axis (l, bx0, bx1, y0, y0 + n_shown * row_h, max,
              nice_step (max, MAX (1, (int) ((bx1 - bx0) / (line_h * 5))), TRUE), TRUE);

  for (guint i = 0; i < n_shown; i++)
    {
      const DdStatsIndicator *ind = g_ptr_array_index (indicators, i);
      DdIndicatorLevel level = dd_indicator_level_for (ind);
      double ry = y0 + i * row_h;
      double by = ry + title_h + gap;
      double c[4];
      DdChartHit hit = { 0 };
      int index;
      PangoLayout *layout;

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
      index = _dd_chart_add_hit (l, &hit);

      layout = _dd_chart_make_text (l, ind->title != NULL ? ind->title : "", 1.0, FALSE, x1 - x0, title_lines,
                                    PANGO_ALIGN_LEFT, NULL, NULL);
      _dd_chart_place_text (l, layout, x0, ry + gap / 2, l->chart->foreground, index);

      /* Qualitative bands: below amber, amber to target. */
      {
        double xa = bx0 + (bx1 - bx0) * DD_INDICATOR_AMBER_RATIO * ind->target / max;
        double xt = bx0 + (bx1 - bx0) * ind->target / max;

        _dd_chart_add_rect (l, bx0, by, xa - bx0, bar_h, band1, index);
        _dd_chart_add_rect (l, xa, by, xt - xa, bar_h, band2, index);

        if (ind->has_data)
          {
            double xv = bx0 + (bx1 - bx0) * ind->achieved / max;
            double target_xy[4] = { xt, by - 2, xt, by + bar_h + 2 };

            dd_indicator_level_get_color (level, c);
            _dd_chart_add_rect (l, bx0, by + bar_h * 0.25, xv - bx0, bar_h * 0.5, c, index);
            _dd_chart_add_line (l, target_xy, 2, 2.0, FALSE, l->chart->foreground);
          }
      }

      if (value_w > 0)
        {
          g_autofree char *p = ind->has_data ? dd_format_percent (ind->achieved, 1) : g_strdup (_("No data"));
          double th;

          layout = _dd_chart_make_text (l, p, 1.0, ind->has_data, value_w, 1, PANGO_ALIGN_LEFT, NULL, &th);
          _dd_chart_place_text (l, layout, bx1 + gap, by + (bar_h - th) / 2,
                                ind->has_data ? l->chart->foreground : muted, index);
        }
    }

  if (n_shown < n)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u more indicator not shown",
                                                         "%u more indicators not shown", n - n_shown),
                                               n - n_shown);
      PangoLayout *layout = _dd_chart_make_text (l, text, 0.9, FALSE, x1 - x0, 1, PANGO_ALIGN_LEFT, NULL, NULL);

      _dd_chart_place_text (l, layout, x0, y0 + n_shown * row_h + axis_h, muted, -1);
    }
}

/* The entry point */

DdChartScene *
_dd_chart_layout (DdChart      *chart,
                  PangoContext *pango,
                  double        width,
                  double        height)
{
  DdChartLayout l = { chart, _dd_chart_scene_new (width, height), pango, 0 };
  double pad = CLAMP (MIN (width, height) * 0.03, 1.0, 16.0);
  double x0 = pad, y0 = pad, x1 = width - pad, y1 = height - pad;

  l.font_px = chart->font_size > 0 ? chart->font_size : CLAMP (MIN (width, height) / 30.0, 6.0, 14.0);

  if (x1 - x0 < 2 || y1 - y0 < 2)
    return l.scene;

  if (chart->title != NULL && *chart->title != '\0' && y1 - y0 > l.font_px * 6)
    {
      double th;
      PangoLayout *layout = _dd_chart_make_text (&l, chart->title, 1.25, TRUE, x1 - x0, 1,
                                                 PANGO_ALIGN_LEFT, NULL, &th);

      _dd_chart_place_text (&l, layout, x0, y0, chart->foreground, -1);
      y0 += th + pad;
    }

  if (!dd_chart_has_data (chart))
    {
      layout_empty (&l, x0, y0, x1, y1);
      return l.scene;
    }

  switch (chart->kind)
    {
    case DD_CHART_STATUS:
      layout_status (&l, x0, y0, x1, y1);
      break;
    case DD_CHART_UNITS:
      layout_units (&l, x0, y0, x1, y1);
      break;
    case DD_CHART_PROGRESS:
      layout_progress (&l, x0, y0, x1, y1);
      break;
    case DD_CHART_INDICATORS:
      layout_indicators (&l, x0, y0, x1, y1);
      break;
    default:
      g_assert_not_reached ();
    }
  return l.scene;
}
