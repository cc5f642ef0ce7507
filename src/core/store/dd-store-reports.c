/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store-reports"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-reports-private.h"
#include "dd-occurrence-private.h"

/*
 * The writes of a task's reports and of the schedules its occurrences
 * follow (dd-store-reports.h): recording a period's report (on time or
 * late) and taking it back, asking for an ad hoc report, setting a task's
 * schedule and the office-wide default. Each is one transaction; the input
 * is checked first, against the same rules the readers of occurrences
 * (dd-calendar.c, dd-store-occurrences.c) follow, so that a report is
 * recorded only for a period the task owes: nothing is written that no
 * page would show.
 */

#define DEFAULT_SCHEDULE_KEY "default_schedule"

/* Auxiliary methods */

void
dd_task_schedule_init (DdTaskSchedule *out)
{
  g_return_if_fail (out != NULL);

  out->due_rule = DD_DUE_RULE_PERIOD_END;
  out->due_param = 0;
  out->update_every_months = 1;
  out->periods = 0;
  out->inherited = TRUE;
}

guint
_dd_store_effective_periods (guint own,
                             guint text,
                             guint fallback)
{
  guint periods = own != 0 ? own | (text & DD_PERIOD_AD_HOC) : text;

  if ((periods & ~DD_PERIOD_AD_HOC) == 0)
    periods |= fallback & ~DD_PERIOD_AD_HOC;
  return periods;
}

static gboolean
check_schedule (const DdTaskSchedule  *schedule,
                GError               **error)
{
  if ((guint) schedule->due_rule > DD_DUE_RULE_WORKDAYS_AFTER ||
      schedule->due_param < 0 || schedule->due_param > 366)
    return _dd_store_invalid (error, _("Due rule: out of range (working days after the cut-off day: 0 to 366)."));
  if (schedule->due_rule == DD_DUE_RULE_DAY_OF_MONTH &&
      (schedule->due_param < 1 || schedule->due_param > 31))
    return _dd_store_invalid (error, _("Due rule: the day of the month must be between 1 and 31."));
  if (schedule->update_every_months > 12)
    return _dd_store_invalid (error, _("Update every: a number of months from 0 to 12."));
  if ((schedule->periods & ~DD_PERIOD_ALL_PERIODS) != 0)
    return _dd_store_invalid (error, _("Periods: only month, quarter, 6 months, 9 months and year."));
  return TRUE;
}

static char *
schedule_to_setting (const DdTaskSchedule *schedule)
{
  return g_strdup_printf ("periods=%u;due_rule=%d;due_param=%d;update_every_months=%u",
                          schedule->periods, (int) schedule->due_rule, schedule->due_param,
                          schedule->update_every_months);
}

/* Reads what schedule_to_setting() wrote; %FALSE (and @out untouched) for
 * anything else. */
static gboolean
schedule_from_setting (const char     *value,
                       DdTaskSchedule *out)
{
  g_auto(GStrv) parts = NULL;
  DdTaskSchedule read;
  guint found = 0;

  if (value == NULL)
    return FALSE;
  dd_task_schedule_init (&read);
  parts = g_strsplit (value, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      static const char * const keys[] = { "periods", "due_rule", "due_param", "update_every_months" };
      const char *eq = strchr (parts[i], '=');
      gint64 number;

      if (eq == NULL || !g_ascii_string_to_signed (eq + 1, 10, 0, 366, &number, NULL))
        return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (strlen (keys[k]) == (gsize) (eq - parts[i]) && strncmp (parts[i], keys[k], eq - parts[i]) == 0)
          {
            if (k == 0)
              read.periods = (guint) number;
            else if (k == 1)
              read.due_rule = (DdDueRule) number;
            else if (k == 2)
              read.due_param = (int) number;
            else
              read.update_every_months = (guint) number;
            found |= 1u << k;
          }
    }
  if (found != 0xf || !check_schedule (&read, NULL))
    return FALSE;
  *out = read;
  return TRUE;
}

gboolean
_dd_store_read_default_schedule (DdStore         *self,
                                 DdTaskSchedule  *out,
                                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = dd_store_dup_setting (self, DEFAULT_SCHEDULE_KEY, &local_error);

  dd_task_schedule_init (out);
  out->inherited = TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (value != NULL && !schedule_from_setting (value, out))
    g_debug ("Ignoring the default schedule “%s”", value);
  return TRUE;
}

/* What the checks of a report need of its task. */
typedef struct
{
  gint64 id;
  DdDeadlineKind kind;
  guint periods;              /* as its occurrences follow them */
  gint64 lead_unit_id;
  GDate starts_on;            /* the plan's date, else the task's creation */
  GDate completed_on;
  DdTaskSchedule schedule;    /* its own, or the default */
} ReportTask;

static gboolean
read_report_task (DdStore     *self,
                  gint64       task_id,
                  ReportTask  *out,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DdTaskSchedule fallback;
  int rc;

  stmt = dd_sql_prepare (self,
                         "SELECT t.deadline_kind, t.periods, t.lead_unit_id, "
                         "coalesce (p.issued_on, substr (t.created_at, 1, 10)), t.completed_on, "
                         "s.task_id, s.periods, s.due_rule, s.due_param, s.update_every_months "
                         "FROM tasks t JOIN plans p ON p.id = t.plan_id "
                         "LEFT JOIN task_schedules s ON s.task_id = t.id "
                         "WHERE t.id = ?1 AND t.deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no task with id %lld."), (long long) task_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self, rc, error);

  if (!_dd_store_read_default_schedule (self, &fallback, error))
    return FALSE;
  out->id = task_id;
  out->kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 0), 0, DD_N_DEADLINE_KINDS - 1);
  out->lead_unit_id = sqlite3_column_int64 (stmt, 2);
  dd_sql_column_date (stmt, 3, &out->starts_on);
  dd_sql_column_date (stmt, 4, &out->completed_on);
  out->schedule = fallback;
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    {
      out->schedule.periods = (guint) sqlite3_column_int (stmt, 6);
      out->schedule.due_rule = (DdDueRule) CLAMP (sqlite3_column_int (stmt, 7), 0, 2);
      out->schedule.due_param = sqlite3_column_int (stmt, 8);
      out->schedule.update_every_months = (guint) CLAMP (sqlite3_column_int (stmt, 9), 0, 12);
      out->schedule.inherited = FALSE;
    }
  out->periods = _dd_store_effective_periods (out->schedule.inherited ? 0 : out->schedule.periods,
                                              (guint) sqlite3_column_int (stmt, 1), fallback.periods);
  return TRUE;
}

/* A unit editor records the reports of the tasks its unit leads; the
 * guard triggers would refuse the others, in words less clear. */
static gboolean
check_can_report (DdStore          *self,
                  const ReportTask *task,
                  GError          **error)
{
  g_autofree char *reason = NULL;

  if (dd_store_can_for_unit (self, DD_ACTION_EDIT_TASK, task->lead_unit_id, &reason))
    return TRUE;
  g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION, reason);
  return FALSE;
}

/* The periods of a year a task's reports follow; %FALSE when @kind is not
 * among them. */
static gboolean
task_has_kind (const ReportTask *task,
               DdOccurrenceKind  kind)
{
  guint periods = task->periods;

  if ((periods & ~DD_PERIOD_AD_HOC) == 0)
    periods |= DD_PERIOD_DEFAULT_PERIODS;
  for (guint bit = 1; bit <= DD_PERIOD_NINE_MONTHS; bit <<= 1)
    {
      DdOccurrenceKind k;

      if ((periods & bit) != 0 && dd_occurrence_kind_for_period_flag (bit, &k) && k == kind)
        return TRUE;
    }
  return FALSE;
}

/* The occurrence of (@kind, @year, @index) as the task's schedule makes it:
 * its period and due date. */
static DdOccurrence *
task_occurrence (DdStore          *self,
                 const ReportTask *task,
                 DdOccurrenceKind  kind,
                 int               year,
                 int               index,
                 GError          **error)
{
  g_autoptr(DdWorkdays) workdays = _dd_store_read_workdays (self, error);
  g_autoptr(GPtrArray) found = NULL;
  GDate start, end;
  guint flag = 0;

  if (workdays == NULL)
    return NULL;
  for (guint bit = 1; bit <= DD_PERIOD_NINE_MONTHS; bit <<= 1)
    {
      DdOccurrenceKind k;

      if (dd_occurrence_kind_for_period_flag (bit, &k) && k == kind)
        flag = bit;
    }
  dd_period_bounds (kind, year, index, &start, &end);
  found = _dd_occurrences_expand_by (flag, task->schedule.due_rule, task->schedule.due_param, workdays,
                                     &end, &end, TRUE);
  for (guint i = 0; i < found->len; i++)
    {
      DdOccurrence *occ = g_ptr_array_index (found, i);

      if (occ->kind == kind && occ->year == year && occ->index == index)
        return dd_occurrence_copy (occ);
    }
  g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, "No such occurrence");
  return NULL;
}

/* Whether (@kind, @year, @index) is a period the task owes a report for
 * (see dd_store_record_report()). */
static gboolean
check_period (DdStore          *self,
              const ReportTask *task,
              DdOccurrenceKind  kind,
              int               year,
              int               index,
              const GDate      *today,
              GError          **error)
{
  g_autoptr(DdOccurrence) occ = NULL;
  int n = dd_occurrence_kind_get_n_periods (kind);

  if (kind == DD_OCCURRENCE_UPDATE)
    return _dd_store_invalid (error, _("Period: the updates of an ongoing task are recorded as its progress, "
                                       "not as reports."));
  if (n == 0)
    return _dd_store_invalid (error, _("Period: unknown kind of period."));
  if (task->kind != DD_DEADLINE_PERIODIC)
    return _dd_store_invalid (error, _("Period: this task is not periodic and owes no periodic report; "
                                       "record its progress, or add an ad hoc report."));
  if (year < 1901 || year > 2100)
    return _dd_store_invalid (error, _("Period: the year must be between 1901 and 2100."));
  if (index < 1 || index > n)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Period: number %d does not exist (1 to %d)."), index, n);
      return FALSE;
    }

  occ = task_occurrence (self, task, kind, year, index, error);
  if (occ == NULL)
    return FALSE;
  if (!task_has_kind (task, kind))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Period: “%s” is not one of this task’s reporting periods."), occ->label);
      return FALSE;
    }
  if (g_date_compare (&occ->start, today) > 0)
    {
      g_autofree char *start = dd_date_to_dmy (&occ->start);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Period: “%s” has not begun yet (it begins on %s)."), occ->label, start);
      return FALSE;
    }
  if (dd_date_is_set (&task->starts_on) && g_date_compare (&occ->due, &task->starts_on) < 0)
    {
      g_autofree char *starts = dd_date_to_dmy (&task->starts_on);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Period: “%s” was due before the task’s plan (%s), which asks no report for it."),
                   occ->label, starts);
      return FALSE;
    }
  if (dd_date_is_set (&task->completed_on) && g_date_compare (&occ->start, &task->completed_on) > 0)
    {
      g_autofree char *done = dd_date_to_dmy (&task->completed_on);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Period: “%s” began after the task was completed (%s)."), occ->label, done);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_report_date (const GDate  *reported_on,
                   const GDate  *today,
                   GError      **error)
{
  if (!g_date_valid (reported_on))
    return _dd_store_invalid (error, _("Report date: not a valid date."));
  if (g_date_compare (reported_on, today) > 0)
    {
      g_autofree char *dmy = dd_date_to_dmy (reported_on);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Report date: %s is in the future."), dmy);
      return FALSE;
    }
  return TRUE;
}

/* @text cleaned, "" kept as "" (to clear), %NULL as %NULL (to keep). */
static char *
clean_text (const char *text)
{
  if (text == NULL)
    return NULL;
  if (dd_text_is_blank (text))
    return g_strdup ("");
  return dd_text_normalize_space (text);
}

/* Binds @text at @index: %NULL keeps the column (coalesce), "" clears it. */
static void
bind_kept_text (sqlite3_stmt *stmt,
                int           index,
                const char   *text)
{
  dd_sql_bind_text (stmt, index, text);
}

/* Records (or with @reported_on %NULL takes back) the report of an ad hoc
 * report @id of task @task_id. Inside a transaction. */
static gboolean
write_ad_hoc_locked (DdStore      *self,
                     gint64        task_id,
                     int           id,
                     const GDate  *reported_on,
                     const char   *number,
                     const char   *note,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  stmt = dd_sql_prepare (self,
                         "UPDATE occurrence_reports SET reported_on = ?3, "
                         "report_number = CASE WHEN ?3 IS NULL THEN NULL "
                         "  ELSE nullif (coalesce (?4, report_number), '') END, "
                         "note = nullif (coalesce (?5, note), ''), "
                         "revision = revision + 1, updated_at = ?6, updated_by = ?7 "
                         "WHERE id = ?2 AND task_id = ?1 AND kind = 4 "
                         "AND (?3 IS NOT NULL OR reported_on IS NOT NULL)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  sqlite3_bind_int (stmt, 2, id);
  dd_sql_bind_date (stmt, 3, reported_on);
  bind_kept_text (stmt, 4, number);
  bind_kept_text (stmt, 5, note);
  dd_sql_bind_text (stmt, 6, now);
  dd_sql_bind_text (stmt, 7, dd_store_get_user (self));
  if (!dd_sql_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      if (reported_on == NULL)
        g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                     _("Period: no report was recorded for ad hoc report %d of this task."), id);
      else
        g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                     _("Period: there is no ad hoc report with id %d for this task."), id);
      return FALSE;
    }
  return TRUE;
}

/* The same for a period's report. */
static gboolean
write_period_locked (DdStore           *self,
                     gint64             task_id,
                     DdOccurrenceKind   kind,
                     int                year,
                     int                index,
                     const GDate       *reported_on,
                     const char        *number,
                     const char        *note,
                     GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  if (reported_on == NULL)
    stmt = dd_sql_prepare (self,
                           "UPDATE occurrence_reports SET reported_on = NULL, report_number = NULL, "
                           "note = nullif (coalesce (?6, note), ''), "
                           "revision = revision + 1, updated_at = ?7, updated_by = ?8 "
                           "WHERE task_id = ?1 AND kind = ?2 AND year = ?3 AND period_index = ?4 "
                           "AND reported_on IS NOT NULL", error);
  else
    {
      /* The period's report if there is one (an ad hoc one is always
       * new), else a new one. */
      stmt = dd_sql_prepare (self,
                             "UPDATE occurrence_reports SET reported_on = ?5, "
                             "report_number = nullif (coalesce (?9, report_number), ''), "
                             "note = nullif (coalesce (?6, note), ''), "
                             "revision = revision + 1, updated_at = ?7, updated_by = ?8 "
                             "WHERE task_id = ?1 AND kind = ?2 AND year = ?3 AND period_index = ?4 "
                             "AND kind <> 4", error);
      insert = stmt == NULL ? NULL : dd_sql_prepare (self,
                             "INSERT INTO occurrence_reports (task_id, kind, year, period_index, reported_on, "
                             "report_number, note, updated_at, updated_by) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, nullif (?9, ''), nullif (?6, ''), ?7, ?8)", error);
      if (insert == NULL)
        return FALSE;
    }
  if (stmt == NULL)
    return FALSE;
  for (guint s = 0; s < 2; s++)
    {
      sqlite3_stmt *one = s == 0 ? stmt : insert;

      if (one == NULL)
        continue;
      sqlite3_bind_int64 (one, 1, task_id);
      sqlite3_bind_int (one, 2, kind);
      sqlite3_bind_int (one, 3, year);
      sqlite3_bind_int (one, 4, index);
      if (reported_on != NULL)
        dd_sql_bind_date (one, 5, reported_on);
      bind_kept_text (one, 6, note);
      dd_sql_bind_text (one, 7, now);
      dd_sql_bind_text (one, 8, dd_store_get_user (self));
      if (reported_on != NULL)
        bind_kept_text (one, 9, number);
    }
  if (insert != NULL ? !dd_sql_step_upsert (self, stmt, insert, error) : !dd_sql_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                           _("Period: no report was recorded for that period; there is nothing to take back."));
      return FALSE;
    }
  return TRUE;
}

/* Shared with the store's other files */

/* dd_store_record_report() in the caller's transaction (a progress form
 * writes all its rows in one). */
gboolean
_dd_store_record_report_locked (DdStore           *self,
                                gint64             task_id,
                                DdOccurrenceKind   kind,
                                int                year,
                                int                index,
                                const GDate       *reported_on,
                                const char        *number,
                                const char        *note,
                                GError           **error)
{
  g_autofree char *clean_number = clean_text (number);
  g_autofree char *clean_note = clean_text (note);
  ReportTask task = { 0 };
  GDate today;

  dd_sql_today (&today);
  if (reported_on != NULL && !check_report_date (reported_on, &today, error))
    return FALSE;
  if (!read_report_task (self, task_id, &task, error) || !check_can_report (self, &task, error))
    return FALSE;
  if (kind == DD_OCCURRENCE_AD_HOC)
    return write_ad_hoc_locked (self, task_id, index, reported_on, clean_number, clean_note, error);
  return check_period (self, &task, kind, year, index, &today, error) &&
         write_period_locked (self, task_id, kind, year, index, reported_on, clean_number, clean_note,
                              error);
}

/* Public API */

gboolean
dd_store_record_report (DdStore           *self,
                        gint64             task_id,
                        DdOccurrenceKind   kind,
                        int                year,
                        int                index,
                        const GDate       *reported_on,
                        const char        *number,
                        const char        *note,
                        GError           **error)
{
  GDate today;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  /* A bad date is refused before the file is locked. */
  dd_sql_today (&today);
  if (reported_on != NULL && !check_report_date (reported_on, &today, error))
    return FALSE;

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!_dd_store_record_report_locked (self, task_id, kind, year, index, reported_on, number, note, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return _dd_store_commit (self, error);
}

gint64
dd_store_add_ad_hoc_report (DdStore      *self,
                            gint64        task_id,
                            const char   *title,
                            const GDate  *due,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *clean = NULL;
  ReportTask task = { 0 };
  gint64 id;

  g_return_val_if_fail (DD_IS_STORE (self), 0);
  g_return_val_if_fail (due != NULL, 0);

  if (dd_text_is_blank (title))
    {
      _dd_store_invalid (error, _("Title: an ad hoc report needs a title."));
      return 0;
    }
  if (!g_date_valid (due))
    {
      _dd_store_invalid (error, _("Due date: not a valid date."));
      return 0;
    }
  clean = dd_text_normalize_space (title);

  if (!_dd_store_begin (self, error))
    return 0;
  if (!read_report_task (self, task_id, &task, error) || !check_can_report (self, &task, error))
    goto fail;
  if (dd_date_is_set (&task.starts_on) && g_date_compare (due, &task.starts_on) < 0)
    {
      g_autofree char *dmy = dd_date_to_dmy (due);
      g_autofree char *starts = dd_date_to_dmy (&task.starts_on);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Due date: %s is before the date of the task’s plan (%s)."), dmy, starts);
      goto fail;
    }
  stmt = dd_sql_prepare (self,
                         "INSERT INTO occurrence_reports (task_id, kind, year, title, due_on, updated_at, "
                         "updated_by) VALUES (?1, 4, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, task_id);
  sqlite3_bind_int (stmt, 2, g_date_get_year (due));
  dd_sql_bind_text (stmt, 3, clean);
  dd_sql_bind_date (stmt, 4, due);
  dd_sql_bind_text (stmt, 5, now);
  dd_sql_bind_text (stmt, 6, dd_store_get_user (self));
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!_dd_store_commit (self, error))
    return 0;
  return id;

fail:
  _dd_store_rollback (self);
  return 0;
}

gboolean
dd_store_set_task_schedule (DdStore               *self,
                            gint64                 task_id,
                            const DdTaskSchedule  *schedule,
                            GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  ReportTask task = { 0 };

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (schedule != NULL && !check_schedule (schedule, error))
    return FALSE;
  if (!_dd_store_check_can (self, DD_ACTION_EDIT_SETTINGS, error))
    return FALSE;

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!read_report_task (self, task_id, &task, error))
    goto fail;
  if (schedule == NULL)
    stmt = dd_sql_prepare (self, "DELETE FROM task_schedules WHERE task_id = ?1", error);
  else
    {
      stmt = dd_sql_prepare (self,
                             "UPDATE task_schedules SET due_rule = ?2, due_param = ?3, update_every_months = ?4, "
                             "periods = nullif (?5, 0), revision = revision + 1, updated_at = ?6, "
                             "updated_by = ?7 WHERE task_id = ?1", error);
      insert = stmt == NULL ? NULL : dd_sql_prepare (self,
                             "INSERT INTO task_schedules (task_id, due_rule, due_param, update_every_months, "
                             "periods, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, nullif (?5, 0), ?6, ?7)",
                             error);
      if (insert == NULL)
        goto fail;
    }
  if (stmt == NULL)
    goto fail;
  for (guint s = 0; s < 2; s++)
    {
      sqlite3_stmt *one = s == 0 ? stmt : insert;

      if (one == NULL)
        continue;
      sqlite3_bind_int64 (one, 1, task_id);
      if (schedule != NULL)
        {
          sqlite3_bind_int (one, 2, schedule->due_rule);
          sqlite3_bind_int (one, 3, schedule->due_param);
          sqlite3_bind_int (one, 4, (int) schedule->update_every_months);
          sqlite3_bind_int (one, 5, (int) schedule->periods);
          dd_sql_bind_text (one, 6, now);
          dd_sql_bind_text (one, 7, dd_store_get_user (self));
        }
    }
  if (insert != NULL ? !dd_sql_step_upsert (self, stmt, insert, error) : !dd_sql_step_done (self, stmt, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

gboolean
dd_store_get_default_schedule (DdStore         *self,
                               DdTaskSchedule  *out,
                               GError         **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return _dd_store_read_default_schedule (self, out, error);
}

gboolean
dd_store_set_default_schedule (DdStore               *self,
                               const DdTaskSchedule  *schedule,
                               GError               **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (schedule != NULL, FALSE);

  if (!check_schedule (schedule, error) || !_dd_store_check_can (self, DD_ACTION_EDIT_SETTINGS, error))
    return FALSE;
  value = schedule_to_setting (schedule);
  return dd_store_set_setting (self, DEFAULT_SCHEDULE_KEY, value, error);
}
