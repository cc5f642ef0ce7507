/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * What a chart shows, in words: its figures as a screen reader reads them
 * (the chart view's accessible description), one sentence a part.
 */

static void
append_counts (GString     *text,
               const guint  counts[DD_N_STATUSES])
{
  gboolean first = TRUE;

  for (guint i = 0; i < DD_N_STATUSES; i++)
    {
      g_autofree char *n = NULL;

      if (counts[i] == 0)
        continue;
      n = dd_format_number (counts[i], 0);
      /* Translators: a status and its number of tasks, in a chart's description: "Quá hạn: 12". */
      g_string_append_printf (text, first ? _("%s: %s") : _(", %s: %s"), dd_task_status_get_label (i), n);
      first = FALSE;
    }
  g_string_append (text, first ? _("no task.") : ".");
}

static void
describe_status (DdChart *self,
                 GString *text)
{
  g_autofree char *total = dd_format_number (self->headline.tasks, 0);

  /* Translators: the start of the status chart's description: the number of tasks. */
  g_string_append_printf (text, _("%s tasks. "), total);
  append_counts (text, self->headline.counts);
}

static void
describe_units (DdChart *self,
                GString *text)
{
  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    {
      const DdStatsUnit *unit = g_ptr_array_index (self->units, i);
      g_autofree char *total = dd_format_number (unit->total, 0);

      /* Translators: a lead unit and its number of tasks, in the units chart's description. */
      g_string_append_printf (text, _("%s, %s tasks: "), unit->name != NULL ? unit->name : _("No lead unit"),
                              total);
      append_counts (text, unit->counts);
      g_string_append_c (text, ' ');
    }
}

static void
describe_progress (DdChart *self,
                   GString *text)
{
  const DdStatsPoint *last = NULL;

  for (guint i = 0; self->progress.points != NULL && i < self->progress.points->len; i++)
    {
      const DdStatsPoint *point = &g_array_index (self->progress.points, DdStatsPoint, i);

      if (!point->future)
        last = point;
    }
  if (last != NULL)
    {
      g_autofree char *end = dd_format_date (&last->end);
      g_autofree char *due = dd_format_number (last->due, 0);
      g_autofree char *done = dd_format_number (last->completed, 0);
      g_autofree char *total = dd_format_number (self->progress.total_due, 0);

      /* Translators: the completion chart's description: by a date, the tasks due (the plan
       * line) and those completed, then all the tasks with a due date. */
      g_string_append_printf (text, _("By %s, %s tasks due and %s completed, of %s tasks with a due date."),
                              end, due, done, total);
    }
}

static void
describe_indicators (DdChart *self,
                     GString *text)
{
  for (guint i = 0; self->indicators != NULL && i < self->indicators->len; i++)
    {
      const DdStatsIndicator *indicator = g_ptr_array_index (self->indicators, i);
      g_autofree char *target = dd_format_percent (indicator->target, 0);

      if (indicator->has_data)
        {
          g_autofree char *achieved = dd_format_percent (indicator->achieved, 1);

          /* Translators: an indicator, what it achieved and its target, in the indicators chart's description. */
          g_string_append_printf (text, _("%s: %s of a target of %s. "), indicator->title, achieved, target);
        }
      else
        /* Translators: an indicator without figures, and its target. */
        g_string_append_printf (text, _("%s: no figures, target %s. "), indicator->title, target);
    }
}

/**
 * dd_chart_dup_description:
 * @self: a chart
 *
 * The chart's figures in words, for a screen reader: the status chart's
 * counts, each unit's, the tasks due and completed by the last date of the
 * completion chart, each indicator against its target.
 *
 * Returns: (transfer full): the description; "No data" without figures
 */
char *
dd_chart_dup_description (DdChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (DD_IS_CHART (self), NULL);

  if (!dd_chart_has_data (self))
    return g_strdup (_("No data"));

  switch (self->kind)
    {
    case DD_CHART_STATUS:
      describe_status (self, text);
      break;
    case DD_CHART_UNITS:
      describe_units (self, text);
      break;
    case DD_CHART_PROGRESS:
      describe_progress (self, text);
      break;
    case DD_CHART_INDICATORS:
    default:
      describe_indicators (self, text);
      break;
    }
  g_strchomp (text->str);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
