/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * The progress chart: the tasks due and the tasks completed, both
 * cumulative, per week or month; the completed line stops at the
 * reference date, which is marked.
 */

/* The plot and its style. */
typedef struct
{
  const DdStatsProgress *progress;
  guint n;                     /* buckets */
  double line_h;
  double gap;
  double px0, px1, py0, py1;   /* the plot */
  double dx;                   /* a bucket's width */
  double step;                 /* between the y axis's ticks */
  double max;                  /* the figure at py0 */
  double due_c[4];
  double done_c[4];
  double grid[4];
  double muted[4];
} Plot;

/* Auxiliary methods */

static char *
bucket_label (const DdStatsPoint *p,
              DdStatsInterval     interval)
{
  if (interval == DD_STATS_BY_MONTH)
    return g_strdup_printf ("%02u/%u", g_date_get_month (&p->start), g_date_get_year (&p->start));
  return g_strdup_printf ("%02u/%02u", g_date_get_day (&p->start), g_date_get_month (&p->start));
}

static const DdStatsPoint *
point (const Plot *p,
       guint       i)
{
  return &g_array_index (p->progress->points, DdStatsPoint, i);
}

/* The legend: the two lines. Returns the top of what is under it. */
static double
add_legend (DdChartLayout *l,
            const Plot    *p,
            double         x0,
            double         y0,
            double         x1)
{
  double x = x0;
  double s = p->line_h * 1.4;
  const struct { const char *text; const double *rgba; gboolean dashed; } entries[] = {
    { _("Due (plan, cumulative)"), p->due_c, TRUE },
    { _("Completed (cumulative)"), p->done_c, FALSE },
  };

  for (guint e = 0; e < G_N_ELEMENTS (entries); e++)
    {
      double tw;
      PangoLayout *layout = _dd_chart_make_text (l, entries[e].text, 1.0, FALSE, MAX (1.0, x1 - x - s - p->gap), 1,
                                                 PANGO_ALIGN_LEFT, &tw, NULL);
      double xy[4] = { x, y0 + p->line_h / 2, x + s, y0 + p->line_h / 2 };

      if (x + s + p->gap + p->line_h > x1)
        {
          g_object_unref (layout);
          break;
        }
      _dd_chart_add_line (l, xy, 2, 2.5, entries[e].dashed, entries[e].rgba);
      _dd_chart_place_text (l, layout, x + s + p->gap, y0, l->chart->foreground, -1);
      x += s + p->gap + tw + p->line_h;
    }
  return y0 + p->line_h + p->gap;
}

/* The y axis's scale, and the plot beside its labels and above the x
 * axis's. FALSE when the plot has no room. */
static gboolean
fit_plot (DdChartLayout *l,
          Plot          *p,
          double         x0,
          double         top,
          double         x1,
          double         y1)
{
  guint max_value = 0;
  double ylab_w = 0;

  for (guint i = 0; i < p->n; i++)
    max_value = MAX (max_value, MAX (point (p, i)->due, point (p, i)->completed));

  p->step = _dd_chart_nice_step (max_value, MAX (1, (int) ((y1 - top) / (p->line_h * 2.5))), TRUE);
  p->max = ceil (max_value / p->step) * p->step;
  if (p->max <= 0)
    p->max = 1;
  /* An integer counter: a sum of steps would drift (cert-flp30-c). */
  for (guint k = 0; k * p->step <= p->max + p->step / 2; k++)
    {
      double v = k * p->step;
      g_autofree char *text = dd_format_number (v, 0);
      double w;
      PangoLayout *probe = _dd_chart_make_text (l, text, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, NULL);

      g_object_unref (probe);
      ylab_w = MAX (ylab_w, w);
    }

  p->px0 = x0 + ylab_w + p->gap;
  p->px1 = x1 - p->line_h * 0.5;
  p->py0 = top + p->line_h * 0.5;
  p->py1 = y1 - p->line_h - p->gap;
  if (p->px1 - p->px0 < 4 || p->py1 - p->py0 < 4)
    return FALSE;
  p->dx = (p->px1 - p->px0) / p->n;
  return TRUE;
}

/* The y axis: from zero, grid lines, labels that fit. */
static void
add_y_axis (DdChartLayout *l,
            const Plot    *p)
{
  double last_top = G_MAXDOUBLE;

  /* An integer counter: a sum of steps would drift (cert-flp30-c). */
  for (guint k = 0; k * p->step <= p->max + p->step / 2; k++)
    {
      double v = k * p->step;
      double y = p->py1 - (p->py1 - p->py0) * v / p->max;
      double xy[4] = { p->px0, y, p->px1, y };
      g_autofree char *text = dd_format_number (v, 0);
      double tw, th;
      PangoLayout *layout;

      _dd_chart_add_line (l, xy, 2, 1.0, FALSE, p->grid);
      layout = _dd_chart_make_text (l, text, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &tw, &th);
      if (y + th / 2 > last_top - 2 || y - th / 2 < 0)
        {
          g_object_unref (layout);
          continue;
        }
      _dd_chart_place_text (l, layout, p->px0 - p->gap - tw, y - th / 2, p->muted, -1);
      last_top = y - th / 2;
    }
}

/* The x axis: bucket labels, as many as fit without touching. */
static void
add_x_axis (DdChartLayout *l,
            const Plot    *p,
            double         x0,
            double         x1)
{
  g_autofree char *sample = bucket_label (point (p, 0), p->progress->interval);
  double sw;
  PangoLayout *probe = _dd_chart_make_text (l, sample, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &sw, NULL);
  guint every;

  g_object_unref (probe);
  every = (guint) MAX (1.0, ceil ((sw + p->gap * 2) / p->dx));
  for (guint i = 0; i < p->n; i += every)
    {
      g_autofree char *text = bucket_label (point (p, i), p->progress->interval);
      double x = p->px0 + (i + 0.5) * p->dx;
      double tw;
      PangoLayout *layout = _dd_chart_make_text (l, text, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &tw, NULL);

      if (x - tw / 2 < x0 || x + tw / 2 > x1)
        {
          g_object_unref (layout);
          continue;
        }
      _dd_chart_place_text (l, layout, x - tw / 2, p->py1 + 2, p->muted, -1);
    }
}

/* Invisible bands, one per bucket, for hit-testing. */
static void
add_bucket_hits (DdChartLayout *l,
                 const Plot    *p)
{
  gboolean by_month = p->progress->interval == DD_STATS_BY_MONTH;

  for (guint i = 0; i < p->n; i++)
    {
      const DdStatsPoint *pt = point (p, i);
      static const double none[4] = { 0, 0, 0, 0 };
      g_autofree char *start = dd_format_date (&pt->start);
      g_autofree char *due = _dd_chart_count_label (pt->due);
      g_autofree char *done = _dd_chart_count_label (pt->completed);
      DdChartHit hit = { 0 };

      hit.kind = DD_CHART_PROGRESS;
      hit.status = -1;
      hit.index = (int) i;
      hit.value = pt->future ? 0 : pt->completed;
      hit.reference = pt->due;
      hit.date = pt->start;
      if (pt->future)
        hit.label = g_strdup_printf (by_month
                                     ? _("Month from %s: %s due (cumulative)")
                                     : _("Week from %s: %s due (cumulative)"),
                                     start, due);
      else
        hit.label = g_strdup_printf (by_month
                                     ? _("Month from %s: %s due, %s completed (cumulative)")
                                     : _("Week from %s: %s due, %s completed (cumulative)"),
                                     start, due, done);
      _dd_chart_add_rect (l, p->px0 + i * p->dx, p->py0, p->dx, p->py1 - p->py0, none, _dd_chart_add_hit (l, &hit));
    }
}

/* The lines, the completed one up to the reference date. */
static void
add_lines (DdChartLayout *l,
           const Plot    *p)
{
  g_autofree double *due_xy = g_new (double, 2 * p->n);
  g_autofree double *done_xy = g_new (double, 2 * p->n);
  guint n_done = 0;

  for (guint i = 0; i < p->n; i++)
    {
      const DdStatsPoint *pt = point (p, i);
      double x = p->px0 + (i + 0.5) * p->dx;

      due_xy[2 * i] = x;
      due_xy[2 * i + 1] = p->py1 - (p->py1 - p->py0) * pt->due / p->max;
      if (!pt->future)
        {
          done_xy[2 * n_done] = x;
          done_xy[2 * n_done + 1] = p->py1 - (p->py1 - p->py0) * pt->completed / p->max;
          n_done++;
        }
    }
  _dd_chart_add_line (l, due_xy, p->n, 2.0, TRUE, p->due_c);
  if (n_done > 0)
    _dd_chart_add_line (l, done_xy, n_done, 2.5, FALSE, p->done_c);
  if (p->dx >= 8)
    for (guint i = 0; i < n_done; i++)
      _dd_chart_add_circle (l, done_xy[2 * i], done_xy[2 * i + 1], 2.5, p->done_c, -1);
}

/* The reference date, where it falls in its bucket. */
static void
add_today (DdChartLayout *l,
           const Plot    *p)
{
  const GDate *as_of = &p->progress->as_of;

  for (guint i = 0; i < p->n && dd_date_is_set (as_of); i++)
    {
      const DdStatsPoint *pt = point (p, i);

      if (g_date_compare (as_of, &pt->start) >= 0 && g_date_compare (as_of, &pt->end) <= 0)
        {
          double days = g_date_days_between (&pt->start, &pt->end) + 1;
          double x = p->px0 + p->dx * (i + (g_date_days_between (&pt->start, as_of) + 0.5) / days);
          double xy[4] = { x, p->py0, x, p->py1 };
          g_autofree char *date = dd_format_date (as_of);
          g_autofree char *text = g_strdup_printf (_("Today (%s)"), date);
          double tw;
          PangoLayout *layout = _dd_chart_make_text (l, text, 0.9, TRUE, -1, 1, PANGO_ALIGN_LEFT, &tw, NULL);
          double marker[4];

          _dd_chart_with_alpha (l->chart->foreground, 0.9, marker);
          _dd_chart_add_line (l, xy, 2, 1.5, FALSE, marker);
          if (tw + 4 <= p->px1 - p->px0)
            _dd_chart_place_text (l, layout, CLAMP (x + 3, p->px0, p->px1 - tw), p->py0, marker, -1);
          else
            g_object_unref (layout);
          break;
        }
    }
}

/* Shared with dd-chart-layout.c */

void
_dd_chart_layout_progress (DdChartLayout *l,
                           double         x0,
                           double         y0,
                           double         x1,
                           double         y1)
{
  Plot p = { 0, };
  double top;

  p.progress = &l->chart->progress;
  p.n = p.progress->points->len;
  p.line_h = _dd_chart_line_height (l);
  p.gap = MAX (2.0, p.line_h * 0.4);
  _dd_chart_with_alpha (l->chart->foreground, 0.75, p.due_c);
  dd_status_get_color (DD_STATUS_DONE_ON_TIME, p.done_c);
  _dd_chart_with_alpha (l->chart->foreground, 0.18, p.grid);
  _dd_chart_with_alpha (l->chart->foreground, 0.75, p.muted);

  top = add_legend (l, &p, x0, y0, x1);
  if (!fit_plot (l, &p, x0, top, x1, y1))
    return;
  add_y_axis (l, &p);
  add_x_axis (l, &p, x0, x1);
  add_bucket_hits (l, &p);
  add_lines (l, &p);
  add_today (l, &p);

  /* The axes' lines. */
  {
    double axis[4];
    double xy[6] = { p.px0, p.py0, p.px0, p.py1, p.px1, p.py1 };

    _dd_chart_with_alpha (l->chart->foreground, 0.6, axis);
    _dd_chart_add_line (l, xy, 3, 1.0, FALSE, axis);
  }
}
