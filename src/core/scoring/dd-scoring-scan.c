/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scoring-scan"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-scoring-cache-private.h"
#include "dd-store-reports-private.h"

/*
 * The scorecards of a period and the scores of the earlier periods of its
 * trend, counted from what the cache keeps (dd-scoring-cache.c): each task
 * in each period it belongs to, the reports owed, the indicators; then the
 * score of each unit, the ranks and the trends.
 */

/* One unit's figures while a period is read. */
typedef struct
{
  DdScoreInput input;
  GPtrArray *tasks;                      /* DdScoreTask* it leads, by id (the order of the scan) */
  GPtrArray *coordinated;                /* DdScoreTask* it coordinates, likewise */
  guint dossier_on_time;
  guint dossier_judged;
} Tally;

static void
tally_free (Tally *tally)
{
  g_clear_pointer (&tally->input.indicators, g_ptr_array_unref);
  g_clear_pointer (&tally->tasks, g_ptr_array_unref);
  g_clear_pointer (&tally->coordinated, g_ptr_array_unref);
  g_free (tally);
}

/* The indicators are made by period_indicator_new(): for the period asked
 * for, each in one block with its title; for a period of the trend, in
 * slabs of the period's (its cards are only scored). */
static Tally *
tally_new (gboolean history)
{
  Tally *tally = g_new0 (Tally, 1);

  tally->input.indicators = history ? g_ptr_array_new () : g_ptr_array_new_with_free_func (g_free);
  tally->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_score_task_free);
  tally->coordinated = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_score_task_free);
  return tally;
}

static Tally *
tally_for (Context    *ctx,
           GPtrArray  *tallies,
           gint64      unit_id)
{
  guint position = _dd_scoring_context_unit_position (ctx, unit_id);

  if (position == 0)
    return NULL;
  return g_ptr_array_index (tallies, position - 1);
}

/* One period being scored: the year asked for, or an earlier one of its trend. */
typedef struct
{
  DdScorePeriod period;
  GDate as_of;                  /* the period's tasks are judged as they stood then */
  GDate soon;
  GDate reports_as_of;          /* its reports, as of the day the cards are asked for */
  GDate reports_soon;
  char *start;                  /* its days as the SQL of the tasks compared them: ISO text */
  char *end;
  gboolean want_tasks;          /* the cards list their tasks (the period asked for only) */
  GPtrArray *tallies;           /* Tally*, in the order of Context.units */
  /* For the indicators derived from the tasks, per unit and plan (unit
   * position × number of plans + plan index): the tasks done on time and
   * those judged. An array, not a table per unit: it is counted for each
   * task of each period and read for each unit and derived indicator. */
  guint (*on_time)[2];
  guint n_plans;
  GPtrArray *slabs;             /* the indicators of a period of the trend (tally_new()) */
  guint slab_used;
} Period;

static void
period_clear (Period *p)
{
  g_clear_pointer (&p->start, g_free);
  g_clear_pointer (&p->end, g_free);
  g_clear_pointer (&p->tallies, g_ptr_array_unref);
  g_clear_pointer (&p->on_time, g_free);
  g_clear_pointer (&p->slabs, g_ptr_array_unref);
}

#define SLAB_INDICATORS 4096

/* A new indicator of a unit's card in @p, titled @title: for the period
 * asked for, one block with its title, owned by the card's list (a hundred
 * thousand a period on the benchmark file: one allocation each instead of
 * two); for one of the trend, untitled in @p's slabs, never seen by anyone. */
static DdScoreIndicator *
period_indicator_new (Period     *p,
                      const char *title)
{
  DdScoreIndicator *slab;

  if (p->want_tasks)
    {
      gsize size = title != NULL ? strlen (title) + 1 : 0;
      DdScoreIndicator *indicator = g_malloc0 (sizeof *indicator + size);

      if (title != NULL)
        indicator->title = memcpy (indicator + 1, title, size);
      return indicator;
    }
  if (p->slabs == NULL)
    p->slabs = g_ptr_array_new_with_free_func (g_free);
  if (p->slabs->len == 0 || p->slab_used == SLAB_INDICATORS)
    {
      g_ptr_array_add (p->slabs, g_new0 (DdScoreIndicator, SLAB_INDICATORS));
      p->slab_used = 0;
    }
  slab = g_ptr_array_index (p->slabs, p->slabs->len - 1);
  return &slab[p->slab_used++];
}

static void
count_on_time (Period       *p,
               guint         unit,
               guint         plan,
               DdTaskStatus  status)
{
  guint *pair = p->on_time[(gsize) unit * p->n_plans + plan];
  gboolean judged = status == DD_STATUS_DONE_ON_TIME || status == DD_STATUS_DONE_LATE ||
                    status == DD_STATUS_OVERDUE || status == DD_STATUS_FORGOTTEN;

  if (!judged)
    return;
  if (status == DD_STATUS_DONE_ON_TIME)
    pair[0]++;
  pair[1]++;
}

/* Whether the task is one of @p's: the rule the period's own query had,
 *   due_on BETWEEN start AND end
 *   OR (due_on < start AND (completed_on IS NULL OR completed_on >= start))
 *   OR (due_on IS NULL AND (completed_on IS NULL OR completed_on >= start)
 *       AND coalesce (plan's issued_on, substr (created_at, 1, 10)) <= end),
 * compared as SQLite compares the texts (bytewise), so that a malformed
 * date is taken or left as it was. */
static gboolean
period_has (const Period  *p,
            const ScanRow *row)
{
  gboolean open_at_start = row->done_text == NULL || strcmp (row->done_text, p->start) >= 0;

  if (row->due_text != NULL)
    {
      if (strcmp (row->due_text, p->start) >= 0)
        return strcmp (row->due_text, p->end) <= 0;
      return open_at_start;
    }
  return open_at_start && row->starts != NULL && strcmp (row->starts, p->end) <= 0;
}

/* The tasks of every period, counted per lead and coordinating unit, from
 * one pass over the rows: each task is counted in each period it belongs
 * to, judged as of that period's day. */
static void
scan_tasks (DdScoringCache *cache,
            Period         *periods,
            guint           n_periods)
{
  for (guint r = 0; r < cache->rows->len; r++)
    {
      const ScanRow *row = &g_array_index (cache->rows, ScanRow, r);
      const guint *coordinators = &g_array_index (cache->row_units, guint, row->coordinators);

      for (guint k = 0; k < n_periods; k++)
        {
          Period *p = &periods[k];
          DdTaskStatus status;

          if (!period_has (p, row))
            continue;
          status = dd_rules_task_status (row->kind, &row->due, &row->done, &p->as_of, &p->soon);
          if ((int) status < 0 || (int) status >= DD_N_STATUSES)
            continue;

          if (row->lead > 0)
            {
              Tally *lead = g_ptr_array_index (p->tallies, row->lead - 1);

              lead->input.led_counts[status]++;
              count_on_time (p, row->lead - 1, row->plan, status);
              if (p->want_tasks)
                g_ptr_array_add (lead->tasks, _dd_score_task_new (row->words->id, row->words->number,
                                                                  row->words->title, &row->due, status, TRUE));
              lead->input.six_clear_checked++;
              if (row->six_clear_passed)
                lead->input.six_clear_passed++;
            }

          for (guint i = 0; i < row->n_coordinators; i++)
            {
              Tally *tally = g_ptr_array_index (p->tallies, coordinators[i] - 1);

              tally->input.coordinated_counts[status]++;
              if (p->want_tasks)
                g_ptr_array_add (tally->coordinated, _dd_score_task_new (row->words->id, row->words->number,
                                                                         row->words->title, &row->due, status,
                                                                         FALSE));
            }
        }
    }
}

/* The reports owed by the periodic and ongoing tasks each unit leads, from
 * the occurrences of every period read at once; judged once per period and
 * day while the cache holds (each period judges every occurrence of every
 * recurring task: a fifth of the tasks on the benchmark file).
 *
 * A report counts in the period it reports on (its period's last day is in
 * the scorecard's), even when its due date runs past a weekend or a holiday
 * into the next period; and it is judged as of the day the scorecard is
 * asked for, in the period asked for and in those of its trend alike: a
 * report not made by its due date is forgotten in its period (not pending
 * for ever because the period was judged on its last day), one made late
 * is late in its period. */

static void
scan_reports (DdScoringCache *cache,
              Period         *p)
{
  Context *ctx = &cache->ctx;
  g_autofree char *as_of = dd_date_to_iso (&p->reports_as_of);
  g_autofree char *soon = dd_date_is_set (&p->reports_soon) ? dd_date_to_iso (&p->reports_soon) : g_strdup ("-");
  g_autofree char *key = g_strjoin (" ", p->start, p->end, as_of, soon, NULL);
  JudgedReports *judged;
  ReportCounts *counts;

  if (cache->reports == NULL)
    cache->reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) _dd_scoring_judged_reports_free);
  judged = g_hash_table_lookup (cache->reports, key);
  if (judged == NULL)
    {
      judged = _dd_scoring_judge_reports (cache, &p->period.start, &p->period.end, &p->reports_as_of,
                                          &p->reports_soon);
      if (g_hash_table_size (cache->reports) >= 32)
        g_hash_table_remove_all (cache->reports);
      g_hash_table_insert (cache->reports, g_steal_pointer (&key), judged);
    }
  counts = judged->counts;

  for (guint u = 0; u < ctx->units->len; u++)
    {
      Tally *tally = g_ptr_array_index (p->tallies, u);

      tally->input.reports_on_time += counts[u][0];
      tally->input.reports_late += counts[u][1];
      tally->input.reports_forgotten += counts[u][2];
      tally->input.reports_pending += counts[u][3];
    }
}

/* The indicators of each unit: typed figures summed over the period, and
 * the derived ones from the tasks and dossiers. A period of the trend needs
 * only the scores: not their titles (period_indicator_new()). */
/* The dossier figures of each unit in @p's period, into its tallies. */
static gboolean
read_dossiers (DdStore   *store,
               Context   *ctx,
               Period    *p,
               GError   **error)
{
  GPtrArray *tallies = p->tallies;
  g_autoptr(sqlite3_stmt) dossiers = NULL;
  int rc;

  dossiers = dd_sql_prepare (store,
                             "SELECT unit_id, total (on_time), total (late) FROM dossier_figures "
                             "WHERE unit_id IS NOT NULL AND period_start >= ?1 AND period_end <= ?2 "
                             "GROUP BY unit_id", error);
  if (dossiers == NULL)
    return FALSE;
  dd_sql_bind_date (dossiers, 1, &p->period.start);
  dd_sql_bind_date (dossiers, 2, &p->period.end);
  while ((rc = sqlite3_step (dossiers)) == SQLITE_ROW)
    {
      Tally *tally = tally_for (ctx, tallies, sqlite3_column_int64 (dossiers, 0));

      if (tally == NULL)
        continue;
      tally->dossier_on_time = (guint) sqlite3_column_double (dossiers, 1);
      tally->dossier_judged = (guint) (sqlite3_column_double (dossiers, 1) + sqlite3_column_double (dossiers, 2));
    }
  return _dd_scoring_read_done (store, rc, error);
}

/* The figure of derived indicator @info in the card of the unit at
 * @unit in @p (its tasks of the indicator's plan done on time of those
 * judged, and its dossiers); FALSE when it has none. */
static gboolean
derived_figure (const Context         *ctx,
                const Period          *p,
                const DdIndicatorInfo *info,
                guint                  unit,
                double                *out_numerator,
                double                *out_denominator)
{
  const PlanRow *plan = g_hash_table_lookup (ctx->plans, &info->plan_id);
  const Tally *tally = g_ptr_array_index (p->tallies, unit);
  const guint *pair = plan != NULL ? p->on_time[(gsize) unit * p->n_plans + plan->index] : NULL;

  if ((pair == NULL || pair[1] == 0) && tally->dossier_judged == 0)
    return FALSE;
  *out_numerator = (pair != NULL ? pair[0] : 0) + tally->dossier_on_time;
  *out_denominator = (pair != NULL ? pair[1] : 0) + tally->dossier_judged;
  return TRUE;
}

static gboolean
scan_indicators (DdStore          *store,
                 DdScoringCache   *cache,
                 Period           *p,
                 GError          **error)
{
  Context *ctx = &cache->ctx;
  GPtrArray *tallies = p->tallies;
  GArray *sums;
  guint cursor = 0;

  if (!read_dossiers (store, ctx, p, error))
    return FALSE;
  sums = _dd_scoring_cache_typed_sums (cache, store, &p->period, error);
  if (sums == NULL)
    return FALSE;

  for (guint i = 0; i < ctx->indicators->len; i++)
    {
      const DdIndicatorInfo *info = g_ptr_array_index (ctx->indicators, i);

      if (info->derived)
        {
          for (guint u = 0; u < tallies->len; u++)
            {
              Tally *tally = g_ptr_array_index (tallies, u);
              DdScoreIndicator *indicator;
              double numerator, denominator;

              if (!derived_figure (ctx, p, info, u, &numerator, &denominator))
                continue;
              indicator = period_indicator_new (p, info->title);
              indicator->indicator_id = info->id;
              indicator->target = info->target;
              indicator->derived = TRUE;
              indicator->numerator = numerator;
              indicator->denominator = denominator;
              _dd_score_indicator_update (indicator);
              g_ptr_array_add (tally->input.indicators, indicator);
            }
          continue;
        }

      for (; cursor < sums->len && g_array_index (sums, TypedSum, cursor).indicator == i; cursor++)
        {
          const TypedSum *sum = &g_array_index (sums, TypedSum, cursor);
          Tally *tally = g_ptr_array_index (tallies, sum->unit);
          DdScoreIndicator *indicator = period_indicator_new (p, info->title);

          indicator->indicator_id = info->id;
          indicator->target = info->target;
          indicator->numerator = sum->numerator;
          indicator->denominator = sum->denominator;
          _dd_score_indicator_update (indicator);
          g_ptr_array_add (tally->input.indicators, indicator);
        }
    }
  return TRUE;
}

/* The scorecards of one period once its tasks are counted, in the order of
 * the units, into @cards; for a period of the trend, only their scores
 * (NAN: none) into @scores. */
static gboolean
score_period (DdStore          *store,
              DdScoringCache   *cache,
              Period           *p,
              GPtrArray        *cards,
              GArray           *scores,
              GError          **error)
{
  Context *ctx = &cache->ctx;

  scan_reports (cache, p);
  if (!scan_indicators (store, cache, p, error))
    return FALSE;

  for (guint i = 0; i < ctx->units->len; i++)
    {
      const UnitRow *row = g_ptr_array_index (ctx->units, i);
      Tally *tally = g_ptr_array_index (p->tallies, i);
      DdScorecard *card;
      double score;

      if (cards == NULL)
        {
          score = _dd_score_input_score (&tally->input, row->is_group, &ctx->weights);
          g_array_append_val (scores, score);
          continue;
        }
      card = _dd_scorecard_new_take (row->id, row->name, row->is_group, &p->period, &tally->input,
                                     &ctx->weights);
      _dd_scorecard_set_as_of (card, &p->as_of);
      /* The tasks led, then those coordinated, each by id: the scan gave
       * them in id order, so the two lists end to end need no sorting. */
      g_ptr_array_extend_and_steal (tally->tasks, g_steal_pointer (&tally->coordinated));
      _dd_scorecard_set_tasks (card, g_steal_pointer (&tally->tasks));
      g_ptr_array_add (cards, card);
    }
  return TRUE;
}

static int
compare_scores_desc (gconstpointer a,
                     gconstpointer b)
{
  double sa = dd_scorecard_get_score (*(DdScorecard * const *) a);
  double sb = dd_scorecard_get_score (*(DdScorecard * const *) b);

  return sa < sb ? 1 : sa > sb ? -1 : 0;
}

static void
set_ranks (GPtrArray *cards)
{
  g_autoptr(GPtrArray) scored = g_ptr_array_new ();

  for (guint i = 0; i < cards->len; i++)
    if (dd_scorecard_has_score (g_ptr_array_index (cards, i)))
      g_ptr_array_add (scored, g_ptr_array_index (cards, i));
  g_ptr_array_sort (scored, compare_scores_desc);

  /* Equal scores share a rank; the next one skips (1, 2, 2, 4). Scores
   * are shown with one decimal: two that look the same are equal. */
  for (guint i = 0; i < scored->len; i++)
    {
      DdScorecard *card = g_ptr_array_index (scored, i);
      guint rank = i + 1;

      if (i > 0 && round (dd_scorecard_get_score (card) * 10) ==
                   round (dd_scorecard_get_score (g_ptr_array_index (scored, i - 1)) * 10))
        rank = dd_scorecard_get_rank (g_ptr_array_index (scored, i - 1));
      _dd_scorecard_set_rank (card, rank);
    }
}

/* @p, empty, for @period judged on @day; with @want_tasks, the cards list
 * their tasks (the period asked for). */
static void
period_init (DdScoringCache      *cache,
             Period              *p,
             const DdScorePeriod *period,
             const GDate         *day,
             gboolean             want_tasks)
{
  p->period = *period;
  p->want_tasks = want_tasks;
  /* Its tasks as they stood at its end at the latest. */
  p->as_of = *day;
  if (g_date_compare (&p->as_of, &p->period.end) > 0)
    p->as_of = p->period.end;
  dd_rules_due_soon_limit (cache->ctx.workdays, &p->as_of, cache->ctx.due_soon_days, &p->soon);
  p->reports_as_of = *day;
  dd_rules_due_soon_limit (cache->ctx.workdays, day, cache->ctx.due_soon_days, &p->reports_soon);
  p->start = dd_date_to_iso (&p->period.start);
  p->end = dd_date_to_iso (&p->period.end);
  p->tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);
  p->n_plans = g_hash_table_size (cache->ctx.plans);
  p->on_time = g_malloc0_n ((gsize) MAX (cache->ctx.units->len, 1) * MAX (p->n_plans, 1), sizeof *p->on_time);
  for (guint i = 0; i < cache->ctx.units->len; i++)
    g_ptr_array_add (p->tallies, tally_new (!p->want_tasks));
}

/* The periods of a call: periods[0] is the period asked for, then the
 * earlier ones of the trend, oldest first (periods[1] is trend_periods - 1
 * periods back); the tasks of each are judged as of @day or its end,
 * whichever is first, and the reports of all as of @day (scan_reports()). */
static Period *
periods_new (DdScoringCache       *cache,
             const DdScorePeriod  *period,
             const GDate          *day,
             guint                *out_n_periods)
{
  guint n_periods = MAX (cache->ctx.weights.trend_periods, 1);
  Period *periods = g_new0 (Period, n_periods);

  for (guint k = 0; k < n_periods; k++)
    {
      DdScorePeriod shifted;

      if (k > 0)
        dd_score_period_shift (period, -(int) (n_periods - k), &shifted);
      period_init (cache, &periods[k], k == 0 ? period : &shifted, day, k == 0);
    }
  *out_n_periods = n_periods;
  return periods;
}

static void
periods_free (Period *periods,
              guint   n_periods)
{
  for (guint k = 0; k < n_periods; k++)
    period_clear (&periods[k]);
  g_free (periods);
}

/* The occurrences of the tasks over all the periods, read in one pass and
 * kept with the cache; each period judges its own. */
static gboolean
load_occurrences (DdStore         *store,
                  DdScoringCache  *cache,
                  const Period    *periods,
                  guint            n_periods,
                  GError         **error)
{
  GDate from = periods[0].period.start, to = periods[0].period.end;

  for (guint k = 1; k < n_periods; k++)
    {
      if (g_date_compare (&periods[k].period.start, &from) < 0)
        from = periods[k].period.start;
      if (g_date_compare (&periods[k].period.end, &to) > 0)
        to = periods[k].period.end;
    }
  return _dd_scoring_cache_load_occurrences (cache, store, &from, &to, error);
}

/* Each card's trend: the scores of the earlier periods (@history, one
 * GArray of scores a period, in the order of the cards), then its own. */
static void
set_trends (GPtrArray *cards,
            GPtrArray *history)
{
  for (guint i = 0; i < cards->len; i++)
    {
      DdScorecard *card = g_ptr_array_index (cards, i);
      GArray *trend = g_array_new (FALSE, FALSE, sizeof (double));
      double score;

      for (guint h = 0; h < history->len; h++)
        g_array_append_val (trend, g_array_index ((GArray *) g_ptr_array_index (history, h), double, i));
      score = dd_scorecard_has_score (card) ? dd_scorecard_get_score (card) : NAN;
      g_array_append_val (trend, score);
      _dd_scorecard_set_trend (card, trend);
    }
}

/* The scorecards of @period and their trends, from @cache, in the order of
 * the units. */
static GPtrArray *
score_periods (DdScoringCache  *cache,
               DdStore         *store,
               Period          *periods,
               guint            n_periods,
               GError         **error)
{
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) cards = NULL;

  if (!load_occurrences (store, cache, periods, n_periods, error) ||
      !_dd_scoring_cache_load_rows (cache, store, error))
    return NULL;
  scan_tasks (cache, periods, n_periods);

  cards = g_ptr_array_new_with_free_func (g_object_unref);
  if (!score_period (store, cache, &periods[0], cards, NULL, error))
    return NULL;
  set_ranks (cards);
  for (guint k = 1; k < n_periods; k++)
    {
      GArray *scores = g_array_new (FALSE, FALSE, sizeof (double));

      g_ptr_array_add (history, scores);
      if (!score_period (store, cache, &periods[k], NULL, scores, error))
        return NULL;
    }
  set_trends (cards, history);
  return g_steal_pointer (&cards);
}

GListModel *
_dd_scoring_cache_list_scorecards (DdScoringCache       *cache,
                                   DdStore              *store,
                                   const DdScorePeriod  *period,
                                   const GDate          *day,
                                   GError              **error)
{
  g_autoptr(GListStore) model = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  Period *periods;
  guint n_periods;

  periods = periods_new (cache, period, day, &n_periods);
  cards = score_periods (cache, store, periods, n_periods, error);
  periods_free (periods, n_periods);
  if (cards == NULL)
    return NULL;

  model = g_list_store_new (DD_TYPE_SCORECARD);
  for (guint i = 0; i < cards->len; i++)
    g_list_store_append (model, g_ptr_array_index (cards, i));
  return G_LIST_MODEL (g_steal_pointer (&model));
}

GArray *
_dd_scoring_cache_sum_derived (DdScoringCache       *cache,
                               DdStore              *store,
                               const DdScorePeriod  *period,
                               const GDate          *day,
                               gint64                unit_id,
                               GError              **error)
{
  Context *ctx = &cache->ctx;
  g_autoptr(GArray) sums = g_array_new (FALSE, FALSE, sizeof (DdDerivedSum));
  Period p = { 0 };
  gboolean done;

  /* The period alone: no trend, reports, occurrences nor typed sums; the
   * tasks counted as for its scorecards, their words not read. */
  period_init (cache, &p, period, day, FALSE);
  done = _dd_scoring_cache_load_rows (cache, store, error) && read_dossiers (store, ctx, &p, error);
  if (done)
    {
      scan_tasks (cache, &p, 1);
      for (guint i = 0; i < ctx->indicators->len; i++)
        {
          const DdIndicatorInfo *info = g_ptr_array_index (ctx->indicators, i);
          DdDerivedSum sum = { info->id, 0, 0 };

          if (!info->derived)
            continue;
          /* As dd_scorecards_sum_indicator() sums the cards: groups left out. */
          for (guint u = 0; u < ctx->units->len; u++)
            {
              const UnitRow *row = g_ptr_array_index (ctx->units, u);
              double numerator, denominator;

              if (row->is_group || (unit_id > 0 && row->id != unit_id)
                  || !derived_figure (ctx, &p, info, u, &numerator, &denominator))
                continue;
              sum.numerator += numerator;
              sum.denominator += denominator;
            }
          if (sum.denominator > 0)
            g_array_append_val (sums, sum);
        }
    }
  period_clear (&p);
  return done ? g_steal_pointer (&sums) : NULL;
}
