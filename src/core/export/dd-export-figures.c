/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-export-private.h"

/*
 * The figures of a "báo cáo tình hình thực hiện" beyond the counts: how
 * late each overdue or forgotten task is in working days (the core's
 * calendar of days off), what a forgotten task missed, the indicators with
 * their true figures, and shares that add up.
 */

/* Working days */

/* Due dates this far from the report's date are counted by
 * dd_workdays_between() alone (a hostile date in year 9999). */
#define MAX_COUNTED_SPAN 40000

/* The working days from the report's date @offset days back (@step -1)
 * or ahead (@step 1), as dd_workdays_between() counts them: the days after
 * the earlier date up to the later one. @counts[k] holds them for offset k,
 * extended one day at a time as far as asked, so that the export of 100,000
 * tasks due over years asks each day once (each due date counted on its
 * own took 0.3 s of processor time). */
static int
counted_span (DdExportData *data,
              GArray       *counts,
              guint         offset,
              int           step)
{
  const GDate *as_of = &data->options.tasks.as_of;

  if (counts->len == 0)
    {
      int zero = 0;

      g_array_append_val (counts, zero);
    }
  while (counts->len <= offset)
    {
      GDate day = *as_of;
      guint k = counts->len;
      int n = g_array_index (counts, int, k - 1);

      /* Back: the day as_of − k + 1; ahead: as_of + k. */
      if (step < 0)
        g_date_subtract_days (&day, k - 1);
      else
        g_date_add_days (&day, k);
      n += dd_workdays_is_working_day (data->workdays, &day) ? 1 : 0;
      g_array_append_val (counts, n);
    }
  return g_array_index (counts, int, offset);
}

int
_dd_export_workdays_late (DdExportData *data,
                          const GDate  *due)
{
  guint32 day = g_date_get_julian (due);
  guint32 as_of = g_date_get_julian (&data->options.tasks.as_of);
  gpointer found;
  int days;

  if (day <= as_of && as_of - day <= MAX_COUNTED_SPAN)
    return counted_span (data, data->days_back, as_of - day, -1);
  if (day > as_of && day - as_of <= MAX_COUNTED_SPAN)
    return -counted_span (data, data->days_ahead, day - as_of, 1);
  /* Many tasks share a due date: count each date's days once. */
  if (g_hash_table_lookup_extended (data->late_days, GUINT_TO_POINTER (day), NULL, &found))
    return GPOINTER_TO_INT (found);
  days = dd_workdays_between (data->workdays, due, &data->options.tasks.as_of);
  g_hash_table_insert (data->late_days, GUINT_TO_POINTER (day), GINT_TO_POINTER (days));
  return days;
}

/* Forgotten tasks */

/* Of the occurrences that decide a recurring task's status, the forgotten
 * one due longest ago (the most late), or NULL. */
static const DdOccurrence *
first_forgotten (GArray      *occurrences,
                 const GDate *as_of)
{
  const DdOccurrence *found = NULL;

  for (guint i = 0; i < occurrences->len; i++)
    {
      const DdOccurrence *occ = &g_array_index (occurrences, DdOccurrence, i);

      if (occ->status != DD_STATUS_FORGOTTEN || g_date_compare (&occ->due, as_of) >= 0)
        continue;
      if (found == NULL || g_date_compare (&occ->due, &found->due) < 0)
        found = occ;
    }
  return found;
}

/* The forgotten tasks of @actions (@index: id → position) in @set. */
static void
judge_forgotten (DdExportData    *data,
                 DdOccurrenceSet *set,
                 GHashTable      *index,
                 const GDate     *soon)
{
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));
  const GDate *as_of = &data->options.tasks.as_of;

  for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (set); t++)
    {
      const DdOccurrenceTask *task = _dd_occurrence_set_get_task (set, t);
      gpointer position;
      DdExportAction *action;
      const DdOccurrence *missed;

      if (!g_hash_table_lookup_extended (index, &task->id, NULL, &position))
        continue;
      g_array_set_size (occurrences, 0);
      _dd_occurrence_set_judge_latest (set, t, as_of, soon, occurrences);
      missed = first_forgotten (occurrences, as_of);
      if (missed == NULL)
        continue;
      action = &g_array_index (data->actions, DdExportAction, GPOINTER_TO_UINT (position));
      action->due = missed->due;
      action->days = _dd_export_workdays_late (data, &missed->due);
      if (missed->label != NULL)
        action->what = g_string_chunk_insert_const (data->strings, missed->label);
    }
}

gboolean
_dd_export_fill_forgotten (DdExportData  *data,
                           DdStore       *store,
                           GError       **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  const GDate *as_of = &data->options.tasks.as_of;
  GDate from, to, soon;
  gint64 only_id = 0;

  for (guint i = 0; i < data->actions->len; i++)
    {
      DdExportAction *action = &g_array_index (data->actions, DdExportAction, i);

      if (action->status == DD_STATUS_FORGOTTEN)
        {
          g_hash_table_insert (index, &action->id, GUINT_TO_POINTER (i));
          only_id = action->id;
        }
    }
  if (g_hash_table_size (index) == 0)
    return TRUE;

  /* The same look-back and judging as the status itself
   * (dd-store-recurring.c): one task read alone, or all at once. */
  _dd_store_due_soon_limit (store, as_of, data->options.tasks.due_soon_days, &soon);
  from = *as_of;
  g_date_subtract_days (&from, 430);
  to = dd_date_is_set (&soon) && g_date_compare (&soon, as_of) > 0 ? soon : *as_of;
  {
    g_autoptr(DdOccurrenceSet) set = NULL;

    set = _dd_occurrence_set_load (store, DD_OCCURRENCE_SCOPE_OPEN, g_hash_table_size (index) == 1 ? only_id : 0,
                                   data->workdays, &from, &to, as_of, error);
    if (set == NULL)
      return FALSE;
    judge_forgotten (data, set, index, dd_date_is_set (&soon) ? &soon : as_of);
  }
  return TRUE;
}

/* The note of a row for action: what a forgotten task missed, then the
 * task's note. (transfer full) */
char *
_dd_export_dup_action_note (const DdExportAction *action,
                            const char           *note)
{
  g_autofree char *missed = NULL;

  if (action->status != DD_STATUS_FORGOTTEN || action->what == NULL)
    return g_strdup (note);
  /* Translators: in the note of a forgotten task: the report or update it did not make ("Quý I/2026"). */
  missed = g_strdup_printf (_("Not reported: %s"), action->what);
  if (note == NULL || *note == '\0')
    return g_steal_pointer (&missed);
  return g_strconcat (missed, "\n", note, NULL);
}

const char *
_dd_export_rates_note (void)
{
  /* Translators: the note under the two rates of a report. */
  return _("Completion rate = tasks done ÷ (tasks done + tasks overdue or forgotten, not done); "
           "on-time rate = tasks done on time ÷ the same.");
}

/* Colours */

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

gboolean
_dd_export_white_on (const double rgba[4])
{
  double l = 0.2126 * linear (rgba[0]) + 0.7152 * linear (rgba[1]) + 0.0722 * linear (rgba[2]);

  /* WCAG 2: the contrast ratio (L1 + 0.05) ÷ (L2 + 0.05) of each. */
  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05;
}

gboolean
_dd_export_status_white_text (DdTaskStatus status)
{
  double rgba[4];

  dd_status_get_color (status, rgba);
  return _dd_export_white_on (rgba);
}

/* Indicators */

void
_dd_export_indicator_free (DdExportIndicator *row)
{
  if (row == NULL)
    return;
  g_clear_pointer (&row->title, g_ref_string_release);
  g_clear_pointer (&row->unit, g_ref_string_release);
  g_free (row);
}

typedef struct
{
  gint64 id;
  gint64 plan_id;
  char *title;
  double target;
  gboolean derived;
} IndicatorInfo;

static void
info_clear (IndicatorInfo *info)
{
  g_free (info->title);
}

/* Replaces the interned string *@text by its cleaned one when they differ. */
static void
clean_interned (GString  *buf,
                char    **text)
{
  const char *clean;

  if (*text == NULL)
    return;
  clean = _dd_export_clean_text (buf, *text, DD_CLEAN_NONE);
  if (clean == *text)
    return;
  g_ref_string_release (*text);
  *text = g_ref_string_new_intern (clean);
}

static DdExportIndicator *
row_new (const IndicatorInfo *info,
         const char          *unit,
         double               numerator,
         double               denominator)
{
  DdExportIndicator *row = g_new0 (DdExportIndicator, 1);

  row->indicator_id = info->id;
  /* Interned: an indicator's title is the same for each of its units'
   * rows, and a unit's name for each indicator (74,000 rows of 300 units
   * in the benchmark's file kept 9 MB of copies). */
  row->title = g_ref_string_new_intern (info->title != NULL ? info->title : "");
  row->target = info->target;
  row->derived = info->derived;
  row->unit = unit != NULL ? g_ref_string_new_intern (unit) : NULL;
  row->numerator = numerator;
  row->denominator = denominator;
  row->has_data = denominator > 0;
  return row;
}

typedef struct
{
  guint32 start;
  guint32 end;
} Window;

/* A typed figure a server read (DdStoreFiguresReader); the strings in
 * FillContext.strings. */
typedef struct
{
  gint64 unit;                 /* 0: the whole office */
  const char *unit_name;
  const char *start;
  const char *end;
  double numerator;
  double denominator;
} Figure;

/* The indicators' statements, prepared once for all of them. */
typedef struct
{
  DdExportData *data;
  sqlite3_stmt *typed;
  sqlite3_stmt *derived;       /* prepared when first needed */
  GArray *taken;               /* of Window */
  GArray *units;               /* of UnitName: every unit in the store's order, read when first needed */
  GHashTable *figures;         /* a server's: indicator id → GArray of Figure in the typed query's order; or NULL */
  GStringChunk *strings;       /* their text */
} FillContext;

typedef struct
{
  gint64 id;
  char *name;
} UnitName;

static void
unit_name_clear (gpointer data)
{
  g_free (((UnitName *) data)->name);
}

/* A row of DdStoreFiguresReader: indicator, unit (0: the whole office),
 * its name, the period's start and end, numerator, denominator. */
static gboolean
add_server_figure (const char * const *values,
                   gpointer            data,
                   GError            **error)
{
  FillContext *ctx = data;
  gint64 indicator = g_ascii_strtoll (values[0], NULL, 10);
  GArray *figures = g_hash_table_lookup (ctx->figures, &indicator);
  Figure f;

  if (figures == NULL)
    {
      figures = g_array_new (FALSE, FALSE, sizeof (Figure));
      g_hash_table_insert (ctx->figures, g_memdup2 (&indicator, sizeof indicator), figures);
    }
  f.unit = values[1] != NULL ? g_ascii_strtoll (values[1], NULL, 10) : 0;
  f.unit_name = values[2] != NULL ? g_string_chunk_insert_const (ctx->strings, values[2]) : NULL;
  f.start = values[3] != NULL ? g_string_chunk_insert (ctx->strings, values[3]) : NULL;
  f.end = values[4] != NULL ? g_string_chunk_insert (ctx->strings, values[4]) : NULL;
  f.numerator = values[5] != NULL ? g_ascii_strtod (values[5], NULL) : 0;
  f.denominator = values[6] != NULL ? g_ascii_strtod (values[6], NULL) : 0;
  g_array_append_val (figures, f);
  return TRUE;
}

static gboolean
fill_context_init (FillContext   *ctx,
                   DdExportData  *data,
                   DdStore       *store,
                   GError       **error)
{
  gpointer reader_data = NULL;
  DdStoreFiguresReader reader = _dd_store_get_figures_reader (store, &reader_data);

  ctx->data = data;
  ctx->typed = NULL;
  ctx->derived = NULL;
  ctx->units = NULL;
  ctx->figures = NULL;
  ctx->strings = NULL;
  ctx->taken = g_array_new (FALSE, FALSE, sizeof (Window));
  /* On a server, every indicator's figures in one query, in the typed
   * query's order: through SQLite over the tables in place, the 74,000
   * figures of the benchmark's file were an eighth of the export's time. */
  if (reader != NULL)
    {
      int rc;

      ctx->figures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
      ctx->strings = g_string_chunk_new (64 * 1024);
      rc = reader (store, &data->options.from, &data->options.to, DD_FIGURES_MAX, add_server_figure, ctx,
                   reader_data, error);
      if (rc == 0)
        return FALSE;
      if (rc > 0)
        return TRUE;
      g_clear_pointer (&ctx->figures, g_hash_table_unref);
      g_clear_pointer (&ctx->strings, g_string_chunk_free);
    }
  ctx->typed = dd_sql_prepare (store,
                               "SELECT ifnull (f.unit_id, 0), u.name, f.period_start, f.period_end, "
                               "f.numerator, f.denominator FROM indicator_figures f "
                               "LEFT JOIN units u ON u.id = f.unit_id "
                               "WHERE f.indicator_id = ?1 "
                               "AND (?2 IS NULL OR f.period_start >= ?2) AND (?3 IS NULL OR f.period_end <= ?3) "
                               "AND f.numerator BETWEEN 0 AND ?4 AND f.denominator BETWEEN 0 AND ?4 "
                               "ORDER BY f.unit_id IS NOT NULL, u.sort_key, f.unit_id, "
                               "julianday (f.period_end) - julianday (f.period_start) DESC, f.period_start, f.id",
                               error);
  if (ctx->typed == NULL)
    return FALSE;
  dd_sql_bind_date (ctx->typed, 2, &data->options.from);
  dd_sql_bind_date (ctx->typed, 3, &data->options.to);
  sqlite3_bind_double (ctx->typed, 4, DD_FIGURES_MAX);
  return TRUE;
}

static void
fill_context_clear (FillContext *ctx)
{
  g_clear_pointer (&ctx->typed, sqlite3_finalize);
  g_clear_pointer (&ctx->derived, sqlite3_finalize);
  g_clear_pointer (&ctx->taken, g_array_unref);
  g_clear_pointer (&ctx->units, g_array_unref);
  g_clear_pointer (&ctx->figures, g_hash_table_unref);
  g_clear_pointer (&ctx->strings, g_string_chunk_free);
}

/* Where typed_rows() stands in an indicator's figures. */
typedef struct
{
  gint64 unit;
  DdExportIndicator *row;
  guint n;
} TypedState;

/* One figure of an indicator, in the order of the typed query. */
static void
add_figure (FillContext         *ctx,
            const IndicatorInfo *info,
            GPtrArray           *rows,
            TypedState          *state,
            gint64               unit,
            const char          *unit_name,
            const char          *start_text,
            const char          *end_text,
            double               numerator,
            double               denominator)
{
  GArray *taken = ctx->taken;
  GDate start, end;
  Window window;
  gboolean overlaps = FALSE;

  if (state->row == NULL || unit != state->unit)
    {
      state->unit = unit;
      state->row = row_new (info, unit_name, 0, 0);
      g_ptr_array_add (rows, state->row);
      g_array_set_size (taken, 0);
      state->n++;
    }
  if (!dd_date_parse_iso (start_text, &start) || !dd_date_parse_iso (end_text, &end))
    return;
  window.start = g_date_get_julian (&start);
  window.end = g_date_get_julian (&end);
  for (guint i = 0; i < taken->len && !overlaps; i++)
    {
      const Window *other = &g_array_index (taken, Window, i);

      overlaps = window.start <= other->end && other->start <= window.end;
    }
  if (overlaps)
    return;
  g_array_append_val (taken, window);
  state->row->numerator += numerator;
  state->row->denominator += denominator;
  state->row->has_data = state->row->denominator > 0;
}

/* A typed indicator: per unit (the whole office first), the figures whose
 * period lies in the report's, never one inside another that is taken:
 * the longest periods first, so that a quarter's figure and those of its
 * months are never added together (each is the same work counted again).
 * On a server, from the figures it read for every indicator at once. */
static gboolean
typed_rows (FillContext         *ctx,
            DdStore             *store,
            const IndicatorInfo *info,
            GPtrArray           *rows,
            GError             **error)
{
  sqlite3_stmt *stmt = ctx->typed;
  TypedState state = { -1, NULL, 0 };
  int rc;

  if (ctx->figures != NULL)
    {
      GArray *figures = g_hash_table_lookup (ctx->figures, &info->id);

      for (guint i = 0; figures != NULL && i < figures->len; i++)
        {
          const Figure *f = &g_array_index (figures, Figure, i);

          add_figure (ctx, info, rows, &state, f->unit, f->unit_name, f->start, f->end, f->numerator,
                      f->denominator);
        }
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, info->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        add_figure (ctx, info, rows, &state, sqlite3_column_int64 (stmt, 0), dd_sql_column_text (stmt, 1),
                    dd_sql_column_text (stmt, 2), dd_sql_column_text (stmt, 3), sqlite3_column_double (stmt, 4),
                    sqlite3_column_double (stmt, 5));
      if (rc != SQLITE_DONE)
        return dd_sql_set_sqlite_error (store, rc, error);
    }
  if (state.n == 0)
    g_ptr_array_add (rows, row_new (info, NULL, 0, 0));
  return TRUE;
}

/* The scoring period whose days are exactly the report's, if any. */
static gboolean
score_period_of (const DdExportOptions *options,
                 DdScorePeriod         *out)
{
  const DdOccurrenceKind kinds[] = { DD_OCCURRENCE_MONTH, DD_OCCURRENCE_QUARTER, DD_OCCURRENCE_HALF_YEAR,
                                     DD_OCCURRENCE_YEAR };

  if (!dd_date_is_set (&options->from) || !dd_date_is_set (&options->to))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      dd_score_period_for_date (out, kinds[k], &options->from);
      if (g_date_compare (&out->start, &options->from) == 0 && g_date_compare (&out->end, &options->to) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A derived indicator ("đúng hạn": tasks and dossiers done on time ÷ those
 * judged) for a reporting period, exactly as the scorecards compute it:
 * per unit, the whole office their sum (the figures the Indicators page's
 * grid and the dashboard show). */
static void
derived_rows_scored (GListModel          *cards,
                     const IndicatorInfo *info,
                     GPtrArray           *rows)
{
  DdExportIndicator *office = row_new (info, NULL, 0, 0);
  guint n = g_list_model_get_n_items (cards);

  office->has_data = dd_scorecards_sum_indicator (cards, info->id, 0, &office->numerator, &office->denominator);
  g_ptr_array_add (rows, office);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);
      const DdScoreIndicator *ind;

      if (dd_scorecard_get_is_group (card))
        continue;
      ind = dd_scorecard_find_indicator (card, info->id);
      if (ind != NULL)
        g_ptr_array_add (rows, row_new (info, dd_scorecard_get_unit_name (card), ind->numerator, ind->denominator));
    }
}

/* Whether @status counts in an "on time" indicator: done (on time or
 * late), or late and not done. */
static gboolean
judged (int status)
{
  return status == DD_STATUS_DONE_ON_TIME || status == DD_STATUS_DONE_LATE
         || status == DD_STATUS_OVERDUE || status == DD_STATUS_FORGOTTEN;
}

/* The same as derived_rows_counted() from the counts the export gathered
 * from its rows (DdExportData.plan_counts: they are every task of the
 * plans), by lead unit in the store's order: no query but the units'. */
static gboolean
derived_rows_gathered (FillContext         *ctx,
                       DdStore             *store,
                       const IndicatorInfo *info,
                       GPtrArray           *rows,
                       GError             **error)
{
  GHashTable *plan = g_hash_table_lookup (ctx->data->plan_counts, &info->plan_id);
  DdExportIndicator *office = row_new (info, NULL, 0, 0);

  g_ptr_array_add (rows, office);
  if (plan == NULL)
    return TRUE;
  if (ctx->units == NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store, "SELECT id, name FROM units ORDER BY sort_key, id",
                                                     error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      ctx->units = g_array_new (FALSE, FALSE, sizeof (UnitName));
      g_array_set_clear_func (ctx->units, unit_name_clear);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          UnitName unit = { sqlite3_column_int64 (stmt, 0), g_strdup (dd_sql_column_text (stmt, 1)) };

          g_array_append_val (ctx->units, unit);
        }
      if (rc != SQLITE_DONE)
        return dd_sql_set_sqlite_error (store, rc, error);
    }
  for (guint i = 0; i < ctx->units->len; i++)
    {
      const UnitName *unit = &g_array_index (ctx->units, UnitName, i);
      const guint *counts = g_hash_table_lookup (plan, &unit->id);
      DdExportIndicator *row = NULL;

      if (counts == NULL)
        continue;
      for (int status = 0; status < DD_N_STATUSES; status++)
        {
          if (!judged (status) || counts[status] == 0)
            continue;
          if (row == NULL)
            {
              row = row_new (info, unit->name, 0, 0);
              g_ptr_array_add (rows, row);
            }
          row->denominator += counts[status];
          office->denominator += counts[status];
          if (status == DD_STATUS_DONE_ON_TIME)
            {
              row->numerator += counts[status];
              office->numerator += counts[status];
            }
          row->has_data = office->has_data = TRUE;
        }
    }
  return TRUE;
}

/* The same without a reporting period: every task of the plan as of the
 * report's date, judged as the task sheet judges it, by lead unit. */
static gboolean
derived_rows_counted (FillContext         *ctx,
                      DdStore             *store,
                      const IndicatorInfo *info,
                      GPtrArray           *rows,
                      GError             **error)
{
  DdExportData *data = ctx->data;
  sqlite3_stmt *stmt = ctx->derived;
  DdExportIndicator *office = row_new (info, NULL, 0, 0);
  DdExportIndicator *row = NULL;
  gint64 unit = -1;
  int rc;

  g_ptr_array_add (rows, office);
  if (stmt == NULL)
    {
      GDate soon;

      _dd_store_due_soon_limit (store, &data->options.tasks.as_of, data->options.tasks.due_soon_days, &soon);
      if (!_dd_store_prepare_recurring (store, &data->options.tasks.as_of, &soon, error))
        return FALSE;
      stmt = ctx->derived = dd_sql_prepare (store,
                                            "SELECT t.lead_unit_id, u.name, "
                                            "dd_status (t.deadline_kind, t.due_on, t.completed_on, ?1, ?2, t.id) AS s, "
                                            "count (*) FROM tasks t JOIN units u ON u.id = t.lead_unit_id "
                                            "WHERE t.plan_id = ?3 AND t.deleted_at IS NULL AND "
                                            DD_SQL_TASK_SHOWN ("t.id") " "
                                            "GROUP BY t.lead_unit_id, s ORDER BY u.sort_key, t.lead_unit_id", error);
      if (stmt == NULL)
        return FALSE;
      dd_sql_bind_date (stmt, 1, &data->options.tasks.as_of);
      dd_sql_bind_date (stmt, 2, &soon);
    }
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 3, info->plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int status = sqlite3_column_int (stmt, 2);
      double count = sqlite3_column_double (stmt, 3);

      if (!judged (status))
        continue;
      if (row == NULL || sqlite3_column_int64 (stmt, 0) != unit)
        {
          unit = sqlite3_column_int64 (stmt, 0);
          row = row_new (info, dd_sql_column_text (stmt, 1), 0, 0);
          g_ptr_array_add (rows, row);
        }
      row->denominator += count;
      office->denominator += count;
      if (status == DD_STATUS_DONE_ON_TIME)
        {
          row->numerator += count;
          office->numerator += count;
        }
      row->has_data = office->has_data = TRUE;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (store, rc, error);
  return TRUE;
}

/* A read transaction, unless the caller holds one (as
 * _dd_export_read_begin() does; that file calls this one). */
static gboolean
read_begin (DdStore *store)
{
  sqlite3 *db = _dd_store_get_db (store);

  return sqlite3_get_autocommit (db) && sqlite3_exec (db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
}

static GArray *
read_indicators (DdStore  *store,
                 gint64    plan_id,
                 GError  **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (IndicatorInfo));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_array_set_clear_func (list, (GDestroyNotify) info_clear);
  stmt = dd_sql_prepare (store,
                         "SELECT i.id, i.plan_id, i.title, i.target, "
                         "EXISTS (SELECT 1 FROM indicator_rules r WHERE r.indicator_id = i.id) "
                         "FROM indicators i JOIN plans p ON p.id = i.plan_id "
                         "WHERE ?1 = 0 OR i.plan_id = ?1 "
                         "ORDER BY p.issued_on IS NULL, p.issued_on DESC, p.id DESC, i.position",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IndicatorInfo info = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                             g_strdup (dd_sql_column_text (stmt, 2)), sqlite3_column_double (stmt, 3),
                             sqlite3_column_int (stmt, 4) != 0 };

      g_array_append_val (list, info);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* How many indicators are read in one read transaction: a save of another
 * desktop waits for a few milliseconds of reading at most. */
#define INDICATORS_PER_READ 32

static gboolean
fill_one (FillContext         *ctx,
          DdStore             *store,
          const IndicatorInfo *info,
          GListModel         **cards,
          GError             **error)
{
  DdExportData *data = ctx->data;
  DdScorePeriod period;

  if (!info->derived)
    return typed_rows (ctx, store, info, data->indicators, error);
  if (*cards == NULL && score_period_of (&data->options, &period))
    {
      g_autoptr(DdScoring) scoring = dd_scoring_new (store);

      *cards = dd_scoring_list_scorecards (scoring, &period, &data->options.tasks.as_of, error);
      if (*cards == NULL)
        return FALSE;
    }
  if (*cards != NULL)
    {
      derived_rows_scored (*cards, info, data->indicators);
      return TRUE;
    }
  if (data->plan_counts != NULL)
    return derived_rows_gathered (ctx, store, info, data->indicators, error);
  return derived_rows_counted (ctx, store, info, data->indicators, error);
}

gboolean
_dd_export_data_fill_indicators (DdExportData  *data,
                                 DdStore       *store,
                                 GError       **error)
{
  g_autoptr(GArray) list = read_indicators (store, data->options.tasks.plan_id, error);
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(GString) buf = g_string_new (NULL);
  FillContext ctx;
  gboolean began = FALSE;
  gboolean ok;

  if (list == NULL)
    return FALSE;
  if (!fill_context_init (&ctx, data, store, error))
    {
      fill_context_clear (&ctx);
      return FALSE;
    }
  /* A few indicators in a read transaction of their own and the
   * scorecards in one, when the caller holds none (the exports): a save of
   * another desktop waits for one of them at most. */
  ok = TRUE;
  for (guint i = 0; i < list->len && ok; i++)
    {
      if (i % INDICATORS_PER_READ == 0)
        {
          if (began)
            sqlite3_exec (_dd_store_get_db (store), "COMMIT", NULL, NULL, NULL);
          began = read_begin (store);
        }
      ok = fill_one (&ctx, store, &g_array_index (list, IndicatorInfo, i), &cards, error);
    }
  /* Statements reset before the transaction ends, so that it can end. */
  fill_context_clear (&ctx);
  if (began)
    sqlite3_exec (_dd_store_get_db (store), "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return FALSE;
  for (guint i = 0; i < data->indicators->len; i++)
    {
      DdExportIndicator *row = g_ptr_array_index (data->indicators, i);

      clean_interned (buf, &row->title);
      clean_interned (buf, &row->unit);
    }
  return TRUE;
}
