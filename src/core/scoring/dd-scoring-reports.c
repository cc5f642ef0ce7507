/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scoring-reports"

#include "config.h"

#include "dd-scoring-cache-private.h"
#include "dd-store-reports-private.h"

/*
 * The reports owed by the periodic and ongoing tasks each unit leads in a
 * period, judged on a day, from the occurrences the scoring cache keeps
 * (dd-scoring-scan.c asks for them; dd-scoring-cache.c corrects them when
 * a task's occurrences are read again alone after a commit).
 */

void
_dd_scoring_judged_reports_free (JudgedReports *judged)
{
  g_free (judged->counts);
  g_free (judged);
}

void
_dd_scoring_count_task_reports (const Context       *ctx,
                                DdOccurrenceSet     *set,
                                guint                t,
                                const JudgedReports *judged,
                                int                  sign,
                                GArray              *occurrences)
{
  const DdOccurrenceTask *task = _dd_occurrence_set_get_task (set, t);
  guint unit;

  /* As each period chose its tasks: not completed before it began. */
  if (dd_date_is_set (&task->completed_on) && g_date_compare (&task->completed_on, &judged->start) < 0)
    return;
  unit = _dd_scoring_context_unit_position (ctx, task->lead_unit_id);
  if (unit == 0)
    return;
  g_array_set_size (occurrences, 0);
  _dd_occurrence_set_judge_periods (set, t, &judged->start, &judged->end, &judged->as_of, &judged->soon,
                                    occurrences);
  for (guint j = 0; j < occurrences->len; j++)
    {
      guint *counts = judged->counts[unit - 1];

      switch (g_array_index (occurrences, DdOccurrence, j).status)
        {
        case DD_STATUS_DONE_ON_TIME:
          counts[0] += sign;
          break;
        case DD_STATUS_DONE_LATE:
          counts[1] += sign;
          break;
        case DD_STATUS_FORGOTTEN:
        case DD_STATUS_OVERDUE:
          counts[2] += sign;
          break;
        default:
          counts[3] += sign;
          break;
        }
    }
}

JudgedReports *
_dd_scoring_judge_reports (DdScoringCache *cache,
                           const GDate    *start,
                           const GDate    *end,
                           const GDate    *as_of,
                           const GDate    *soon)
{
  Context *ctx = &cache->ctx;
  DdOccurrenceSet *set = cache->occurrences;
  GHashTable *patches = cache->occurrence_patches;
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));
  JudgedReports *judged = g_new0 (JudgedReports, 1);
  GHashTableIter iter;
  gpointer patch;

  judged->start = *start;
  judged->end = *end;
  judged->as_of = *as_of;
  judged->soon = *soon;
  judged->counts = g_new0 (ReportCounts, MAX (ctx->units->len, 1));
  /* Those of the occurrences read for all, but the tasks read again alone
   * since, then those. */
  for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (set); t++)
    if (patches == NULL || !g_hash_table_contains (patches, &_dd_occurrence_set_get_task (set, t)->id))
      _dd_scoring_count_task_reports (ctx, set, t, judged, 1, occurrences);
  if (patches == NULL)
    return judged;
  g_hash_table_iter_init (&iter, patches);
  while (g_hash_table_iter_next (&iter, NULL, &patch))
    for (guint t = 0; patch != NULL && t < _dd_occurrence_set_get_n_tasks (patch); t++)
      _dd_scoring_count_task_reports (ctx, patch, t, judged, 1, occurrences);
  return judged;
}
