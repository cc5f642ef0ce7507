/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * The status chart: a donut of the tasks per status, from twelve o'clock
 * clockwise, its legend beside it when the chart is wide (under it
 * otherwise), the completion rate in its centre.
 */

/* Auxiliary methods */

/* The legend's texts (NULL for a status without tasks) and the statuses'
 * hits (-1 for those). Returns how many statuses have tasks. */
static guint
add_status_hits (DdChartLayout *l,
                 const double  *pct,
                 GPtrArray     *entries,
                 int           *hits)
{
  const DdStatsHeadline *hl = &l->chart->headline;
  guint n_entries = 0;

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
      n = _dd_chart_count_label (hl->counts[s]);
      p = dd_format_percent (pct[s], 1);
      /* Translators: a legend entry: status, number of tasks, percentage. */
      g_ptr_array_index (entries, s) = g_strdup_printf (_("%s: %s (%s)"), _dd_chart_status_label ((DdTaskStatus) s), n, p);

      hit.kind = DD_CHART_STATUS;
      hit.status = s;
      hit.index = -1;
      hit.count = hl->counts[s];
      hit.total = hl->tasks;
      hit.value = pct[s];
      g_date_clear (&hit.date, 1);
      hit.label = _dd_chart_segment_label (NULL, s, hl->counts[s], hl->tasks, pct[s]);
      hits[s] = _dd_chart_add_hit (l, &hit);
    }
  return n_entries;
}

/* The legend beside the donut when the chart is wide, under it otherwise,
 * as many entries as fit. Returns in @dx0, @dx1 and @dy1 the left, right
 * and bottom of the room left for the donut. */
static void
add_status_legend (DdChartLayout *l,
                   char         **entry_text,
                   const int     *hits,
                   guint          n_entries,
                   double         x0,
                   double         y0,
                   double         x1,
                   double         y1,
                   double         line_h,
                   double        *dx0,
                   double        *dx1,
                   double        *dy1)
{
  double aw = x1 - x0, ah = y1 - y0;
  double legend_w = 0, row_h = line_h * 1.35;
  gboolean legend_right = aw >= ah * 1.2;
  double lx, ly, lw;

  for (int s = 0; s < DD_N_STATUSES; s++)
    if (entry_text[s] != NULL)
      {
        double c[4];

        dd_status_get_color ((DdTaskStatus) s, c);
        legend_w = MAX (legend_w, _dd_chart_legend_entry (l, 0, 0, aw, c, entry_text[s], line_h, -1, FALSE));
      }
  if (legend_right)
    {
      double group_w;

      legend_w = MIN (legend_w, aw * 0.55);
      /* The donut (as wide as it is high) and its legend side by side in
       * the middle, not at the two ends of a wide chart. */
      group_w = MIN (aw, ah + line_h + legend_w);
      *dx0 = x0 + (aw - group_w) / 2;
      x1 = *dx0 + group_w;
      *dx1 = x1 - legend_w - line_h;
    }
  else
    *dy1 = y1 - MIN (n_entries * row_h, ah * 0.45) - line_h * 0.5;

  lx = legend_right ? x1 - legend_w : x0;
  ly = legend_right ? y0 + MAX (0.0, (ah - n_entries * row_h) / 2) : *dy1 + line_h * 0.5;
  lw = legend_right ? legend_w : aw;
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      double c[4];

      if (entry_text[s] == NULL)
        continue;
      if (ly + line_h > y1 + 0.5)
        break;
      dd_status_get_color ((DdTaskStatus) s, c);
      _dd_chart_legend_entry (l, lx, ly, lw, c, entry_text[s], line_h, hits[s], TRUE);
      ly += row_h;
    }
}

/* The completion rate in the centre of the donut, if there is room for it. */
static void
add_donut_centre (DdChartLayout *l,
                  double         cx,
                  double         cy,
                  double         r0,
                  double         line_h)
{
  const DdStatsHeadline *hl = &l->chart->headline;
  g_autofree char *rate = NULL;
  double inner = r0 * 1.6;
  double scale = CLAMP (r0 / (line_h * 2.2), 1.0, 3.0);
  double rw, rh, cw = 0, ch = 0;
  PangoLayout *big;
  PangoLayout *caption = NULL;
  double muted[4];

  if (r0 <= line_h * 1.2)
    return;
  rate = hl->has_rate ? dd_format_percent (100.0 * hl->completion_rate, 1) : g_strdup ("—");
  big = _dd_chart_make_text (l, rate, scale, TRUE, inner, 1, PANGO_ALIGN_CENTER, &rw, &rh);
  _dd_chart_with_alpha (l->chart->foreground, 0.75, muted);
  if (r0 > line_h * 2.4)
    caption = _dd_chart_make_text (l, _("completion rate"), 1.0, FALSE, inner, 2,
                                   PANGO_ALIGN_CENTER, &cw, &ch);
  _dd_chart_place_text (l, big, cx - inner / 2, cy - (rh + ch) / 2, l->chart->foreground, -1);
  if (caption != NULL)
    _dd_chart_place_text (l, caption, cx - inner / 2, cy - (rh + ch) / 2 + rh, muted, -1);
}

/* Shared with dd-chart-layout.c */

void
_dd_chart_layout_status (DdChartLayout *l,
                         double         x0,
                         double         y0,
                         double         x1,
                         double         y1)
{
  const DdStatsHeadline *hl = &l->chart->headline;
  double pct[DD_N_STATUSES];
  double line_h = _dd_chart_line_height (l);
  double dx0 = x0, dy0 = y0, dx1 = x1, dy1 = y1;
  double cx, cy, r1, r0, a;
  int hits[DD_N_STATUSES];
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (DD_N_STATUSES, g_free);
  guint n_entries;

  _dd_chart_percentages (hl->counts, DD_N_STATUSES, pct);
  n_entries = add_status_hits (l, pct, entries, hits);
  add_status_legend (l, (char **) entries->pdata, hits, n_entries, x0, y0, x1, y1, line_h, &dx0, &dx1, &dy1);

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

  add_donut_centre (l, cx, cy, r0, line_h);
}
