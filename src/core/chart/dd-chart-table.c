/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * What a chart shows, as a table: the figures behind its shapes, a row
 * each, with the headings of their columns (the dashboard's "Table view"
 * of a chart card). The same figures as the description
 * (dd-chart-describe.c), formatted as everywhere ("11.383", "95,2%").
 */

/* Adds @text to @builder and frees it (g_strv_builder_take() is GLib 2.80). */
static void
take (GStrvBuilder *builder,
      char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static void
add_row (GPtrArray    *rows,
         GStrvBuilder *builder)
{
  g_ptr_array_add (rows, g_strv_builder_end (builder));
}

static void
add_status_rows (DdChart   *self,
                 GPtrArray *rows)
{
  g_autoptr(GStrvBuilder) heading = g_strv_builder_new ();
  guint total = self->headline.tasks;

  g_strv_builder_add (heading, _("Status"));
  g_strv_builder_add (heading, C_("chart table", "Tasks"));
  /* Translators: a column of a chart's table: the share of all the tasks. */
  g_strv_builder_add (heading, _("Share"));
  add_row (rows, heading);

  for (guint i = 0; i < DD_N_STATUSES; i++)
    {
      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

      g_strv_builder_add (row, dd_task_status_get_label (i));
      take (row, dd_format_number (self->headline.counts[i], 0));
      take (row, dd_format_percent (total > 0 ? 100.0 * self->headline.counts[i] / total : 0, 1));
      add_row (rows, row);
    }
  {
    g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

    /* Translators: the last row of a chart's table: all the tasks. */
    g_strv_builder_add (row, _("Total"));
    take (row, dd_format_number (total, 0));
    take (row, dd_format_percent (total > 0 ? 100 : 0, 1));
    add_row (rows, row);
  }
}

static void
add_units_rows (DdChart   *self,
                GPtrArray *rows)
{
  g_autoptr(GStrvBuilder) heading = g_strv_builder_new ();

  g_strv_builder_add (heading, C_("chart table", "Lead unit"));
  g_strv_builder_add (heading, C_("chart table", "Tasks"));
  for (guint i = 0; i < DD_N_STATUSES; i++)
    g_strv_builder_add (heading, dd_task_status_get_label (i));
  add_row (rows, heading);

  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    {
      const DdStatsUnit *unit = g_ptr_array_index (self->units, i);
      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

      g_strv_builder_add (row, unit->name != NULL ? unit->name : _("No lead unit"));
      take (row, dd_format_number (unit->total, 0));
      for (guint s = 0; s < DD_N_STATUSES; s++)
        take (row, dd_format_number (unit->counts[s], 0));
      add_row (rows, row);
    }
}

static void
add_progress_rows (DdChart   *self,
                   GPtrArray *rows)
{
  g_autoptr(GStrvBuilder) heading = g_strv_builder_new ();

  /* Translators: a column of the completion chart's table: the week or month. */
  g_strv_builder_add (heading, _("Period"));
  /* Translators: a column of the completion chart's table: tasks due by the end of the period (the plan line). */
  g_strv_builder_add (heading, _("Due by then"));
  /* Translators: a column of the completion chart's table: tasks completed by the end of the period. */
  g_strv_builder_add (heading, _("Completed by then"));
  add_row (rows, heading);

  for (guint i = 0; self->progress.points != NULL && i < self->progress.points->len; i++)
    {
      const DdStatsPoint *point = &g_array_index (self->progress.points, DdStatsPoint, i);
      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
      g_autofree char *start = dd_format_date (&point->start);
      g_autofree char *end = dd_format_date (&point->end);

      /* Translators: a period in a chart's table: its first and last days. */
      take (row, g_strdup_printf (_("%s – %s"), start, end));
      take (row, dd_format_number (point->due, 0));
      /* Not known yet for a period to come (not drawn either). */
      take (row, point->future ? g_strdup ("—") : dd_format_number (point->completed, 0));
      add_row (rows, row);
    }
}

static void
add_indicators_rows (DdChart   *self,
                     GPtrArray *rows)
{
  g_autoptr(GStrvBuilder) heading = g_strv_builder_new ();

  g_strv_builder_add (heading, _("Indicator"));
  /* Translators: a column of the indicators chart's table: the share achieved. */
  g_strv_builder_add (heading, C_("chart table", "Achieved"));
  g_strv_builder_add (heading, _("Target"));
  g_strv_builder_add (heading, _("Level"));
  add_row (rows, heading);

  for (guint i = 0; self->indicators != NULL && i < self->indicators->len; i++)
    {
      const DdStatsIndicator *indicator = g_ptr_array_index (self->indicators, i);
      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

      g_strv_builder_add (row, indicator->title);
      take (row, indicator->has_data ? dd_format_percent (indicator->achieved, 1)
                                                    : g_strdup (_("No figures")));
      take (row, dd_format_percent (indicator->target, 0));
      g_strv_builder_add (row, dd_indicator_level_get_label (dd_indicator_level_for (indicator)));
      add_row (rows, row);
    }
}

/**
 * dd_chart_dup_table:
 * @self: a chart
 *
 * The chart's figures as a table, for those who prefer figures to shapes
 * and for screen readers: the status chart's count and share of each
 * status, each lead unit's counts, the completion chart's tasks due and
 * completed by the end of each period, each indicator against its target.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, the first one
 *   the headings of the columns, all of the same length; none without data
 */
GPtrArray *
dd_chart_dup_table (DdChart *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (DD_IS_CHART (self), rows);

  if (!dd_chart_has_data (self))
    return rows;

  switch (self->kind)
    {
    case DD_CHART_STATUS:
      add_status_rows (self, rows);
      break;
    case DD_CHART_UNITS:
      add_units_rows (self, rows);
      break;
    case DD_CHART_PROGRESS:
      add_progress_rows (self, rows);
      break;
    case DD_CHART_INDICATORS:
    default:
      add_indicators_rows (self, rows);
      break;
    }
  return rows;
}
