/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-stats"

#include "config.h"

#include "dondoc/dondoc.h"
#include "dd-stats-private.h"
#include "dd-scoring-private.h"

/*
 * The dashboard's figures of the derived indicators ("100% hồ sơ, nhiệm vụ
 * hoàn thành đúng hạn"): computed from the tasks and the dossier figures,
 * never typed. They are the scorecards' (dd_scorecards_sum_indicator()),
 * the same as the workbook's indicators sheet and the Indicators page's
 * grid, for the reporting periods that lie in the dashboard's period, as a
 * typed indicator's figures are those whose period lies in it. Summed
 * without making the scorecards (_dd_scoring_sum_derived(): the tasks'
 * dates of one period, not their words nor the trend), a tenth of their
 * time on the large file.
 */

/* More reporting periods than this (a custom period of decades) and the
 * derived indicators show no figure rather than keep the dashboard waiting. */
#define MAX_PERIODS 16

static gboolean
overlaps_taken (GArray              *taken,
                const DdScorePeriod *period)
{
  for (guint i = 0; i < taken->len; i++)
    {
      const DdScorePeriod *other = &g_array_index (taken, DdScorePeriod, i);

      if (g_date_compare (&period->start, &other->end) <= 0 && g_date_compare (&other->start, &period->end) <= 0)
        return TRUE;
    }
  return FALSE;
}

/* The reporting periods whose days lie in @from–@to, the longest first and
 * never one inside another (a quarter's figures and its months' are the
 * same tasks), as the workbook takes typed figures; %NULL for more than
 * MAX_PERIODS. */
static GArray *
periods_within (const GDate *from,
                const GDate *to)
{
  const DdOccurrenceKind kinds[] = { DD_OCCURRENCE_YEAR, DD_OCCURRENCE_HALF_YEAR, DD_OCCURRENCE_QUARTER,
                                     DD_OCCURRENCE_MONTH };
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (DdScorePeriod));

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      DdScorePeriod period;

      dd_score_period_for_date (&period, kinds[k], from);
      while (g_date_compare (&period.start, to) <= 0)
        {
          DdScorePeriod next;

          if (g_date_compare (&period.start, from) >= 0 && g_date_compare (&period.end, to) <= 0
              && !overlaps_taken (taken, &period))
            {
              if (taken->len == MAX_PERIODS)
                return NULL;
              g_array_append_val (taken, period);
            }
          dd_score_period_shift (&period, 1, &next);
          period = next;
        }
    }
  return g_steal_pointer (&taken);
}

gboolean
_dd_stats_fill_derived (DdStore            *self,
                        const DdStatsQuery *query,
                        DdScoring         **scoring,
                        GPtrArray          *derived,
                        GError            **error)
{
  g_autoptr(GArray) periods = NULL;
  gint64 unit_id = MAX (query->tasks.unit_id, 0);

  if (derived->len == 0 || !dd_date_is_set (&query->from) || !dd_date_is_set (&query->to))
    return TRUE;
  periods = periods_within (&query->from, &query->to);
  if (periods == NULL || periods->len == 0)
    return TRUE;

  if (*scoring == NULL || dd_scoring_get_store (*scoring) != self)
    {
      g_clear_object (scoring);
      *scoring = _dd_scoring_new_for_derived (self);
    }
  for (guint p = 0; p < periods->len; p++)
    {
      const DdScorePeriod *period = &g_array_index (periods, DdScorePeriod, p);
      const GDate *as_of = &query->tasks.as_of;
      g_autoptr(GArray) sums = NULL;
      g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

      /* Judged as of the dashboard's date while the period runs, else as
       * the scorecards judge a period that has passed: as of its end. */
      if (!dd_date_is_set (as_of) || g_date_compare (as_of, &period->end) >= 0)
        as_of = NULL;
      sums = _dd_scoring_sum_derived (*scoring, period, as_of, unit_id, error);
      if (sums == NULL)
        return FALSE;
      for (guint k = 0; k < sums->len; k++)
        g_hash_table_insert (by_id, &g_array_index (sums, DdDerivedSum, k).indicator_id,
                             &g_array_index (sums, DdDerivedSum, k));
      for (guint i = 0; i < derived->len; i++)
        {
          DdStatsIndicator *indicator = g_ptr_array_index (derived, i);
          const DdDerivedSum *sum = g_hash_table_lookup (by_id, &indicator->indicator_id);

          if (sum == NULL)
            continue;
          indicator->numerator += sum->numerator;
          indicator->denominator += sum->denominator;
        }
    }
  for (guint i = 0; i < derived->len; i++)
    {
      DdStatsIndicator *indicator = g_ptr_array_index (derived, i);

      indicator->has_data = indicator->denominator > 0;
      indicator->achieved = indicator->has_data ? 100.0 * indicator->numerator / indicator->denominator : 0.0;
    }
  return TRUE;
}
