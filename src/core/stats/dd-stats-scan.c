/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-stats"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dondoc/dd-stats.h"
#include "dd-stats-private.h"

/*
 * The dashboard's aggregates. The tasks are read once, in one indexed scan
 * of four narrow columns (lead unit, deadline kind, due date, completion
 * date), and every figure is counted in C while reading: the status of each
 * task comes from _dd_store_task_status() (the one rule, with recurring
 * tasks judged by their occurrences), without calling the
 * SQL function dd_status() per row (which parses four dates each time and
 * costs more than the whole scan). Typed indicators are summed by SQL;
 * derived ones are the scorecards' (dd-stats-derived.c).
 */

/* The most buckets a progress series has: 19 years of weeks. */
#define MAX_POINTS 1000

/* Plain structs */

void
dd_stats_query_init (DdStatsQuery *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  dd_task_query_init (&self->tasks);
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  self->interval = DD_STATS_BY_WEEK;
}

/* Whether a status counts against the completion rate: late and not done. */
static gboolean
status_is_late_not_done (int status)
{
  return status == DD_STATUS_OVERDUE || status == DD_STATUS_FORGOTTEN;
}

static gboolean
status_is_done (int status)
{
  return status == DD_STATUS_DONE_ON_TIME || status == DD_STATUS_DONE_LATE;
}

void
dd_stats_headline_update (DdStatsHeadline *self)
{
  g_return_if_fail (self != NULL);

  self->tasks = 0;
  self->done = 0;
  self->late_not_done = 0;
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      self->tasks += self->counts[s];
      if (status_is_done (s))
        self->done += self->counts[s];
      else if (status_is_late_not_done (s))
        self->late_not_done += self->counts[s];
    }
  self->has_rate = self->done + self->late_not_done > 0;
  self->completion_rate = self->has_rate
    ? (double) self->done / (double) (self->done + self->late_not_done)
    : 0.0;
}

DdStatsUnit *
dd_stats_unit_copy (const DdStatsUnit *self)
{
  DdStatsUnit *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  return copy;
}

void
dd_stats_unit_free (DdStatsUnit *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}

DdStatsIndicator *
dd_stats_indicator_copy (const DdStatsIndicator *self)
{
  DdStatsIndicator *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->title = g_strdup (self->title);
  return copy;
}

void
dd_stats_indicator_free (DdStatsIndicator *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self);
}

void
dd_stats_progress_clear (DdStatsProgress *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->points, g_array_unref);
  self->total_due = 0;
}

void
dd_stats_progress_copy (const DdStatsProgress *self,
                        DdStatsProgress       *dest)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (dest != NULL);

  *dest = *self;
  dest->points = g_array_new (FALSE, FALSE, sizeof (DdStatsPoint));
  if (self->points != NULL)
    g_array_append_vals (dest->points, self->points->data, self->points->len);
}

void
dd_stats_dashboard_clear (DdStatsDashboard *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  dd_stats_progress_clear (&self->progress);
  memset (&self->headline, 0, sizeof self->headline);
}

/* Auxiliary methods */

/* "YYYY-MM-DD" to a Julian day number, quickly (it runs once or twice per
 * task); 0 for NULL or anything else. */
static guint32
parse_julian (const unsigned char *text)
{
  guint year = 0, month, day;

  if (text == NULL)
    return 0;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return 0;
      year = year * 10 + (text[i] - '0');
    }
  if (text[4] != '-' || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6])
      || text[7] != '-' || !g_ascii_isdigit (text[8]) || !g_ascii_isdigit (text[9])
      || text[10] != '\0')
    return 0;
  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return 0;

  /* Days from the civil date (H. Hinnant's algorithm), shifted so that
   * 1/1/1 is day 1 as in GDate. */
  {
    int y = (int) year - (month <= 2);
    int era = y / 400;
    int yoe = y - era * 400;
    int doy = (153 * ((int) month + (month > 2 ? -3 : 9)) + 2) / 5 + (int) day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return (guint32) (era * 146097 + doe - 719468 + 719163);
  }
}

static void
date_from_julian (GDate   *date,
                  guint32  julian)
{
  g_date_clear (date, 1);
  if (julian > 0)
    g_date_set_julian (date, julian);
}

/* What one scan of the tasks collects. */
/* Counting is by arrays, not hash tables: per unit id (ids are small and
 * dense) and per day between the earliest and the latest date of the
 * table (found through the date indexes). */
typedef struct
{
  gboolean want_units;
  gboolean want_progress;
  DdStatsHeadline headline;
  GArray *units;           /* guint[DD_N_STATUSES] per lead unit id (0: none) */
  guint32 first_day;       /* the Julian day of due_days[0] and done_days[0] */
  guint n_days;
  guint *due_days;         /* tasks due on each day */
  guint *done_days;        /* tasks (with a due date) completed on each day */
  guint total_due;
  guint32 min_day;
  guint32 max_due;
} Scan;

/* The widest range of days counted: 400 years. */
#define MAX_DAYS (400 * 366)

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->units, g_array_unref);
  g_clear_pointer (&scan->due_days, g_free);
  g_clear_pointer (&scan->done_days, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scan, scan_clear)

static guint *
unit_counts (Scan   *scan,
             gint64  unit)
{
  if (unit < 0 || unit > G_MAXINT32)
    unit = 0;
  if ((guint64) unit * DD_N_STATUSES >= scan->units->len)
    g_array_set_size (scan->units, (guint) (unit + 1) * DD_N_STATUSES);
  return &g_array_index (scan->units, guint, (guint) unit * DD_N_STATUSES);
}

static void
count_day (Scan    *scan,
           guint   *days,
           guint32  julian)
{
  if (julian >= scan->first_day && julian - scan->first_day < scan->n_days)
    days[julian - scan->first_day]++;
}

/* The range of the dates in the table, by its indexes on due_on and
 * completed_on (a min() or max() there reads one row). */
static gboolean
prepare_days (DdStore  *self,
              Scan     *scan,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint32 lo = G_MAXUINT32, hi = 0;

  stmt = dd_sql_prepare (self,
                         "SELECT (SELECT min (due_on) FROM tasks WHERE deleted_at IS NULL AND "
                         DD_SQL_TASK_SHOWN ("id") "), "
                         "(SELECT max (due_on) FROM tasks WHERE deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("id") "), "
                         "(SELECT min (completed_on) FROM tasks WHERE deleted_at IS NULL AND "
                         DD_SQL_TASK_SHOWN ("id") "), "
                         "(SELECT max (completed_on) FROM tasks WHERE deleted_at IS NULL AND "
                         DD_SQL_TASK_SHOWN ("id") ")",
                         error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 4; i++)
      {
        guint32 day = parse_julian (sqlite3_column_text (stmt, i));

        if (day == 0)
          continue;
        lo = MIN (lo, day);
        hi = MAX (hi, day);
      }
  if (hi == 0)
    return TRUE;
  /* A typing slip (year 0202 for 2026) must not cost gigabytes: dates
   * beyond 400 years from the last one are not counted. */
  if (hi - lo >= MAX_DAYS)
    lo = hi - MAX_DAYS + 1;
  scan->first_day = lo;
  scan->n_days = hi - lo + 1;
  scan->due_days = g_new0 (guint, scan->n_days);
  scan->done_days = g_new0 (guint, scan->n_days);
  return TRUE;
}

/* The filters of DdTaskQuery, as dd_store_query_tasks() applies them:
 * fixed SQL text, values bound (?1 plan, ?2 unit, words from ?10). */
static sqlite3_stmt *
prepare_scan (DdStore             *self,
              const DdTaskQuery   *query,
              GError             **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT t.lead_unit_id, t.deadline_kind, t.due_on, t.completed_on, t.id "
                                         "FROM tasks t WHERE t.deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("t.id"));
  g_autofree char *folded = dd_text_fold_for_search (query->text);
  g_auto(GStrv) words = g_strsplit (folded != NULL ? folded : "", " ", -1);
  g_autoptr(GPtrArray) bound = g_ptr_array_new ();
  sqlite3_stmt *stmt;

  if (query->plan_id > 0)
    g_string_append (sql, " AND t.plan_id = ?1");
  if (query->unit_id > 0)
    g_string_append (sql,
                     " AND t.id IN (SELECT id FROM tasks WHERE lead_unit_id = ?2 "
                     "UNION SELECT task_id FROM task_coordinators WHERE unit_id = ?2)");
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      g_string_append_printf (sql, " AND instr (t.search_text, ?%u) > 0", 10 + bound->len);
      g_ptr_array_add (bound, words[i]);
    }

  stmt = dd_sql_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, query->plan_id);
  sqlite3_bind_int64 (stmt, 2, query->unit_id);
  for (guint i = 0; i < bound->len; i++)
    dd_sql_bind_text (stmt, 10 + (int) i, g_ptr_array_index (bound, i));
  return stmt;
}

static gboolean
run_scan (DdStore            *self,
          const DdStatsQuery *query,
          Scan               *scan,
          GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const DdTaskQuery *tq = &query->tasks;
  GDate soon;
  guint32 as_of, soon_day;
  int rc;

  g_return_val_if_fail (dd_date_is_set (&tq->as_of), FALSE);

  _dd_store_due_soon_limit (self, &tq->as_of, tq->due_soon_days, &soon);
  as_of = g_date_get_julian (&tq->as_of);
  soon_day = dd_date_is_set (&soon) ? g_date_get_julian (&soon) : 0;
  if (scan->want_units)
    {
      scan->units = g_array_new (FALSE, TRUE, sizeof (guint));
      g_array_set_size (scan->units, (guint) (MAX (0, dd_sql_query_int64 (self, "SELECT max (id) FROM units", 0)) + 1)
                                     * DD_N_STATUSES);
    }
  if (scan->want_progress && !prepare_days (self, scan, error))
    return FALSE;

  if (!_dd_store_prepare_recurring (self, &tq->as_of, &soon, error))
    return FALSE;
  stmt = prepare_scan (self, tq, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 due_day = parse_julian (sqlite3_column_text (stmt, 2));
      guint32 done_day = parse_julian (sqlite3_column_text (stmt, 3));
      DdTaskStatus status;

      /* On the days as read: no GDate made and compared per task. */
      status = _dd_store_task_status_days (self, sqlite3_column_int64 (stmt, 4),
                                           (DdDeadlineKind) sqlite3_column_int (stmt, 1),
                                           due_day, done_day, as_of, soon_day);
      if ((int) status < 0 || (int) status >= DD_N_STATUSES)
        continue;
      scan->headline.counts[status]++;

      if (scan->want_units)
        unit_counts (scan, sqlite3_column_int64 (stmt, 0))[status]++;

      if (scan->want_progress && due_day > 0)
        {
          scan->total_due++;
          count_day (scan, scan->due_days, due_day);
          if (scan->min_day == 0 || due_day < scan->min_day)
            scan->min_day = due_day;
          scan->max_due = MAX (scan->max_due, due_day);
          if (done_day > 0 && done_day <= as_of)
            {
              count_day (scan, scan->done_days, done_day);
              if (done_day < scan->min_day)
                scan->min_day = done_day;
            }
        }
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);

  dd_stats_headline_update (&scan->headline);
  return TRUE;
}

static GPtrArray *
units_from_scan (DdStore  *self,
                 Scan     *scan,
                 GError  **error)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_stats_unit_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint *counts;
  guint none_total = 0;
  int rc;

  /* The units in Vietnamese order (by their stored ICU key), 300 rows:
   * cheaper than joining them to 100,000 tasks. */
  stmt = dd_sql_prepare (self, "SELECT id, name FROM units ORDER BY sort_key, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      DdStatsUnit *unit;
      guint total = 0;

      if (id <= 0 || (guint64) id * DD_N_STATUSES >= scan->units->len)
        continue;
      counts = unit_counts (scan, id);
      for (int s = 0; s < DD_N_STATUSES; s++)
        total += counts[s];
      if (total == 0)
        continue;
      unit = g_new0 (DdStatsUnit, 1);
      unit->unit_id = id;
      unit->name = g_strdup (dd_sql_column_text (stmt, 1));
      for (int s = 0; s < DD_N_STATUSES; s++)
        {
          unit->counts[s] = counts[s];
          unit->total += counts[s];
        }
      g_ptr_array_add (units, unit);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }

  /* Tasks without a lead unit (NULL reads as 0) come last. */
  counts = unit_counts (scan, 0);
  for (int s = 0; s < DD_N_STATUSES; s++)
    none_total += counts[s];
  if (none_total > 0)
    {
      DdStatsUnit *unit = g_new0 (DdStatsUnit, 1);

      for (int s = 0; s < DD_N_STATUSES; s++)
        {
          unit->counts[s] = counts[s];
          unit->total += counts[s];
        }
      g_ptr_array_add (units, unit);
    }

  return g_steal_pointer (&units);
}

/* The first day of the bucket holding @date. */
static void
bucket_start (GDate           *date,
              DdStatsInterval  interval)
{
  if (interval == DD_STATS_BY_MONTH)
    g_date_set_day (date, 1);
  else
    g_date_subtract_days (date, g_date_get_weekday (date) - G_DATE_MONDAY);
}

static void
bucket_next (GDate           *date,
             DdStatsInterval  interval)
{
  if (interval == DD_STATS_BY_MONTH)
    g_date_add_months (date, 1);
  else
    g_date_add_days (date, 7);
}

/* The count of the days up to @julian (inclusive), @days turned into
 * running sums. */
static guint
cumulative_at (const Scan  *scan,
               const guint *sums,
               guint32      julian)
{
  if (julian < scan->first_day)
    return 0;
  if (julian - scan->first_day >= scan->n_days)
    return sums[scan->n_days - 1];
  return sums[julian - scan->first_day];
}

static void
progress_from_scan (const DdStatsQuery *query,
                    Scan               *scan,
                    DdStatsProgress    *out)
{
  guint32 as_of = g_date_get_julian (&query->tasks.as_of);
  guint32 first, last;
  GDate start;

  memset (out, 0, sizeof *out);
  out->interval = query->interval;
  out->as_of = query->tasks.as_of;
  out->points = g_array_new (FALSE, FALSE, sizeof (DdStatsPoint));
  out->total_due = scan->total_due;

  if (scan->total_due == 0)
    return;

  /* The range: the period if given, else from the first date to the later
   * of the last due date and the reference date. */
  first = dd_date_is_set (&query->from) ? g_date_get_julian (&query->from) : scan->min_day;
  last = dd_date_is_set (&query->to) ? g_date_get_julian (&query->to) : MAX (scan->max_due, as_of);
  if (last < first)
    return;

  /* At most MAX_POINTS buckets: keep the latest ones. */
  date_from_julian (&start, first);
  bucket_start (&start, query->interval);
  {
    guint32 span = last - g_date_get_julian (&start);
    guint n = query->interval == DD_STATS_BY_MONTH ? span / 28 + 1 : span / 7 + 1;

    if (n > MAX_POINTS)
      {
        date_from_julian (&start, last);
        if (query->interval == DD_STATS_BY_MONTH)
          g_date_subtract_months (&start, MAX_POINTS - 1);
        else
          g_date_subtract_days (&start, 7 * (MAX_POINTS - 1));
        bucket_start (&start, query->interval);
      }
  }

  for (guint i = 1; i < scan->n_days; i++)
    {
      scan->due_days[i] += scan->due_days[i - 1];
      scan->done_days[i] += scan->done_days[i - 1];
    }

  while (g_date_get_julian (&start) <= last && out->points->len < MAX_POINTS)
    {
      DdStatsPoint point;
      guint32 end;

      point.start = start;
      bucket_next (&start, query->interval);
      point.end = start;
      g_date_subtract_days (&point.end, 1);
      end = g_date_get_julian (&point.end);

      /* Cumulative from the very first task, not from the period's start. */
      point.due = cumulative_at (scan, scan->due_days, end);
      point.completed = cumulative_at (scan, scan->done_days, end);
      point.future = g_date_get_julian (&point.start) > as_of;
      g_array_append_val (out->points, point);
    }
}

/* Readers on one connection (the store's, or a worker's) */

gboolean
_dd_stats_read_headline (DdStore            *self,
                         const DdStatsQuery *query,
                         DdStatsHeadline    *out_headline,
                         GError            **error)
{
  g_auto(Scan) scan = { 0 };

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (out_headline != NULL, FALSE);

  if (!run_scan (self, query, &scan, error))
    return FALSE;
  *out_headline = scan.headline;
  return TRUE;
}

GPtrArray *
_dd_stats_read_units (DdStore            *self,
                      const DdStatsQuery *query,
                      GError            **error)
{
  g_auto(Scan) scan = { 0 };

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  scan.want_units = TRUE;
  if (!run_scan (self, query, &scan, error))
    return NULL;
  return units_from_scan (self, &scan, error);
}

gboolean
_dd_stats_read_progress (DdStore            *self,
                         const DdStatsQuery *query,
                         DdStatsProgress    *out_progress,
                         GError            **error)
{
  g_auto(Scan) scan = { 0 };

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (out_progress != NULL, FALSE);

  scan.want_progress = TRUE;
  if (!run_scan (self, query, &scan, error))
    return FALSE;
  progress_from_scan (query, &scan, out_progress);
  return TRUE;
}

/* The sums of one indicator's figures: the office's own (unit NULL) and
 * its units'. */
typedef struct
{
  gint64 indicator_id;
  double office_numerator;
  double office_denominator;
  double units_numerator;
  double units_denominator;
} FigureSums;

static int
compare_figure_sums (const void *a,
                     const void *b)
{
  gint64 ia = ((const FigureSums *) a)->indicator_id;
  gint64 ib = ((const FigureSums *) b)->indicator_id;

  return ia < ib ? -1 : ia > ib;
}

/* The typed figures' sums of @query's indicators, by indicator id, into
 * @sums (FigureSums). */
static gboolean
read_figure_sums (DdStore            *self,
                  const DdStatsQuery *query,
                  GArray             *sums,
                  GError            **error)
{
  g_autoptr(sqlite3_stmt) figures = NULL;
  gint64 plan_id;
  int rc;

  plan_id = MAX (query->tasks.plan_id, 0);
  /* The figures in one scan of the covering index indicator_figures_sums,
   * grouped in its order, then matched to the indicators in C: the same
   * sums as a LEFT JOIN from the indicators (same rows, same order, so the
   * same totals to the last bit) at two thirds of its cost, without a seek
   * per indicator nor CASE per figure. For one plan, the runs of its
   * indicators only. Office-wide figures (unit NULL) and units' figures are
   * summed apart; the choice between them is made below. A figure above
   * DD_FIGURES_MAX cannot be entered; one of an older or altered file is
   * left out, as dd_figures_sum() leaves it out, so that no sum becomes
   * infinite (and no score NaN). */
  figures = dd_sql_prepare (self,
                            plan_id > 0
                            ? "SELECT f.indicator_id, "
                              " total (f.numerator) FILTER (WHERE f.unit_id IS NULL), "
                              " total (f.denominator) FILTER (WHERE f.unit_id IS NULL), "
                              " total (f.numerator) FILTER (WHERE f.unit_id IS NOT NULL), "
                              " total (f.denominator) FILTER (WHERE f.unit_id IS NOT NULL) "
                              "FROM indicator_figures f "
                              "WHERE (?1 IS NULL OR f.period_start >= ?1) "
                              " AND (?2 IS NULL OR f.period_end <= ?2) "
                              " AND (?3 = 0 OR f.unit_id = ?3) "
                              " AND f.numerator BETWEEN 0 AND ?5 AND f.denominator BETWEEN 0 AND ?5 "
                              " AND f.indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?4) "
                              "GROUP BY f.indicator_id ORDER BY f.indicator_id"
                            : "SELECT f.indicator_id, "
                              " total (f.numerator) FILTER (WHERE f.unit_id IS NULL), "
                              " total (f.denominator) FILTER (WHERE f.unit_id IS NULL), "
                              " total (f.numerator) FILTER (WHERE f.unit_id IS NOT NULL), "
                              " total (f.denominator) FILTER (WHERE f.unit_id IS NOT NULL) "
                              "FROM indicator_figures f "
                              "WHERE (?1 IS NULL OR f.period_start >= ?1) "
                              " AND (?2 IS NULL OR f.period_end <= ?2) "
                              " AND (?3 = 0 OR f.unit_id = ?3) "
                              " AND f.numerator BETWEEN 0 AND ?5 AND f.denominator BETWEEN 0 AND ?5 "
                              "GROUP BY f.indicator_id ORDER BY f.indicator_id",
                            error);
  if (figures == NULL)
    return FALSE;
  dd_sql_bind_date (figures, 1, &query->from);
  dd_sql_bind_date (figures, 2, &query->to);
  sqlite3_bind_int64 (figures, 3, MAX (query->tasks.unit_id, 0));
  if (plan_id > 0)
    sqlite3_bind_int64 (figures, 4, plan_id);
  sqlite3_bind_double (figures, 5, DD_FIGURES_MAX);
  while ((rc = sqlite3_step (figures)) == SQLITE_ROW)
    {
      FigureSums sum;

      sum.indicator_id = sqlite3_column_int64 (figures, 0);
      sum.office_numerator = sqlite3_column_double (figures, 1);
      sum.office_denominator = sqlite3_column_double (figures, 2);
      sum.units_numerator = sqlite3_column_double (figures, 3);
      sum.units_denominator = sqlite3_column_double (figures, 4);
      g_array_append_val (sums, sum);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* With every plan's indicators in one list, two plans' indicators often
 * have the same text ("100% hồ sơ … đúng hạn"): each names its plan then,
 * so that a chart's rows and its table can be told apart. @plans holds
 * each indicator's plan id, @numbers its plan's number. */
static void
name_plans (GPtrArray *indicators,
            GArray    *plans,
            GPtrArray *numbers)
{
  gboolean several = FALSE;

  for (guint i = 1; i < plans->len && !several; i++)
    several = g_array_index (plans, gint64, i) != g_array_index (plans, gint64, 0);
  for (guint i = 0; several && i < indicators->len; i++)
    {
      DdStatsIndicator *indicator = g_ptr_array_index (indicators, i);
      char *title = indicator->title;

      /* Translators: an indicator's text, then its plan's number. */
      indicator->title = g_strdup_printf (_("%s (plan %s)"), title, (const char *) g_ptr_array_index (numbers, i));
      g_free (title);
    }
}

GPtrArray *
_dd_stats_read_indicators (DdStore            *self,
                           const DdStatsQuery *query,
                           DdScoring         **scoring,
                           GError            **error)
{
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_stats_indicator_free);
  g_autoptr(GArray) sums = g_array_new (FALSE, FALSE, sizeof (FigureSums));
  g_autoptr(GPtrArray) derived = g_ptr_array_new ();
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 plan_id;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  plan_id = MAX (query->tasks.plan_id, 0);
  if (!read_figure_sums (self, query, sums, error))
    return NULL;

  stmt = dd_sql_prepare (self,
                         "SELECT i.id, i.title, i.target, "
                         "EXISTS (SELECT 1 FROM indicator_rules r WHERE r.indicator_id = i.id), i.plan_id, "
                         "(SELECT p.number FROM plans p WHERE p.id = i.plan_id) FROM indicators i "
                         "WHERE (?4 = 0 OR i.plan_id = ?4) ORDER BY i.plan_id, i.position, i.id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 4, plan_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdStatsIndicator *indicator = g_new0 (DdStatsIndicator, 1);
      FigureSums key = { .indicator_id = sqlite3_column_int64 (stmt, 0) };
      /* In id order (ORDER BY above); none found: no figure, all zero. */
      const FigureSums *sum = sums->len == 0 ? NULL
                              : bsearch (&key, sums->data, sums->len, sizeof (FigureSums), compare_figure_sums);

      if (sum == NULL || sqlite3_column_int (stmt, 3) != 0)
        sum = &key;
      indicator->indicator_id = key.indicator_id;
      indicator->title = g_strdup (dd_sql_column_text (stmt, 1));
      g_array_append_vals (plans, &(gint64) { sqlite3_column_int64 (stmt, 4) }, 1);
      g_ptr_array_add (numbers, g_strdup (dd_sql_column_text (stmt, 5)));
      indicator->target = sqlite3_column_double (stmt, 2);
      if (sum->office_denominator > 0)
        {
          indicator->numerator = sum->office_numerator;
          indicator->denominator = sum->office_denominator;
        }
      else
        {
          indicator->numerator = sum->units_numerator;
          indicator->denominator = sum->units_denominator;
        }
      indicator->has_data = indicator->denominator > 0;
      indicator->achieved = indicator->has_data
        ? 100.0 * indicator->numerator / indicator->denominator
        : 0.0;
      g_ptr_array_add (indicators, indicator);
      /* Never typed (a figure of an older file would be left out): the
       * scorecards' figures, below. */
      if (sqlite3_column_int (stmt, 3) != 0)
        g_ptr_array_add (derived, indicator);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (scoring != NULL && !_dd_stats_fill_derived (self, query, scoring, derived, error))
    return NULL;
  if (plan_id == 0)
    name_plans (indicators, plans, numbers);
  return g_steal_pointer (&indicators);
}

gboolean
_dd_stats_read_dashboard (DdStore            *self,
                          const DdStatsQuery *query,
                          DdScoring         **scoring,
                          DdStatsDashboard   *out_dashboard,
                          GError            **error)
{
  g_auto(Scan) scan = { 0 };
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) indicators = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (out_dashboard != NULL, FALSE);

  memset (out_dashboard, 0, sizeof *out_dashboard);
  scan.want_units = TRUE;
  scan.want_progress = TRUE;
  if (!run_scan (self, query, &scan, error))
    return FALSE;
  units = units_from_scan (self, &scan, error);
  if (units == NULL)
    return FALSE;
  indicators = _dd_stats_read_indicators (self, query, scoring, error);
  if (indicators == NULL)
    return FALSE;

  out_dashboard->headline = scan.headline;
  out_dashboard->units = g_steal_pointer (&units);
  out_dashboard->indicators = g_steal_pointer (&indicators);
  progress_from_scan (query, &scan, &out_dashboard->progress);
  return TRUE;
}
