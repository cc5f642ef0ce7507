/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * The deadline engine's tables: days off per year, extensions, the rules
 * and reports of periodic and ongoing tasks, and the calendar that puts
 * them together. Opening, transactions and SQL helpers are in dd-store.c.
 */

/* Boxed types */

G_DEFINE_BOXED_TYPE (DdExtension, dd_extension, dd_extension_copy, dd_extension_free)
G_DEFINE_BOXED_TYPE (DdCalendarEntry, dd_calendar_entry, dd_calendar_entry_copy, dd_calendar_entry_free)

DdExtension *
dd_extension_copy (const DdExtension *extension)
{
  DdExtension *copy;

  g_return_val_if_fail (extension != NULL, NULL);

  copy = g_new (DdExtension, 1);
  *copy = *extension;
  copy->reason = g_strdup (extension->reason);
  copy->approved_by = g_strdup (extension->approved_by);
  copy->recorded_at = g_strdup (extension->recorded_at);
  copy->recorded_by = g_strdup (extension->recorded_by);
  return copy;
}

void
dd_extension_free (DdExtension *extension)
{
  if (extension == NULL)
    return;
  g_free (extension->reason);
  g_free (extension->approved_by);
  g_free (extension->recorded_at);
  g_free (extension->recorded_by);
  g_free (extension);
}

/* Copies @text to *@at and moves *@at past it; %NULL stays %NULL. */
static char *
entry_string (char       **at,
              const char  *text,
              gsize        size)
{
  char *copy = *at;

  if (text == NULL)
    return NULL;
  memcpy (copy, text, size);
  *at += size;
  return copy;
}

/* An entry and its three strings in one block: a month's calendar has tens
 * of thousands of entries, and four allocations each cost more than all
 * the rest of reading it. dd_calendar_entry_free() frees the block. */
static DdCalendarEntry *
entry_new (const DdCalendarEntry *fields,
           const char            *title,
           const char            *lead,
           const char            *occurrence)
{
  gsize title_size = title != NULL ? strlen (title) + 1 : 0;
  gsize lead_size = lead != NULL ? strlen (lead) + 1 : 0;
  gsize occurrence_size = occurrence != NULL ? strlen (occurrence) + 1 : 0;
  DdCalendarEntry *entry = g_malloc (sizeof (DdCalendarEntry) + title_size + lead_size + occurrence_size);
  char *at = (char *) (entry + 1);

  *entry = *fields;
  entry->title = entry_string (&at, title, title_size);
  entry->lead = entry_string (&at, lead, lead_size);
  entry->occurrence = entry_string (&at, occurrence, occurrence_size);
  return entry;
}

DdCalendarEntry *
dd_calendar_entry_copy (const DdCalendarEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry_new (entry, entry->title, entry->lead, entry->occurrence);
}

void
dd_calendar_entry_free (DdCalendarEntry *entry)
{
  /* The strings are in the same block (entry_new()). */
  g_free (entry);
}

/* Auxiliary methods */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
year_in_range (int year)
{
  return year >= DD_LUNAR_MIN_YEAR && year <= DD_LUNAR_MAX_YEAR;
}

static gboolean
year_is_stored (DdStore *self,
                int      year)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, "SELECT 1 FROM holiday_years WHERE year = ?1",
                                                 NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Writes the defaults of @year if its table is not stored yet. Inside a
 * transaction. */
static gboolean
ensure_year_locked (DdStore  *self,
                    int       year,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GPtrArray) defaults = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  g_assert (self->flags.in_transaction);

  if (year_is_stored (self, year))
    return TRUE;

  mark = dd_sql_prepare (self, "INSERT INTO holiday_years (year, created_at, created_by) VALUES (?1, ?2, ?3)",
                         error);
  if (mark == NULL)
    return FALSE;
  sqlite3_bind_int (mark, 1, year);
  dd_sql_bind_text (mark, 2, now);
  dd_sql_bind_text (mark, 3, self->access.user);
  if (!dd_sql_step_done (self, mark, error))
    return FALSE;

  insert = dd_sql_prepare (self,
                           "INSERT OR IGNORE INTO holidays (year, day, kind, name, updated_at, updated_by) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (insert == NULL)
    return FALSE;
  defaults = dd_holidays_default_for_year (year);
  for (guint i = 0; i < defaults->len; i++)
    {
      const DdHoliday *holiday = g_ptr_array_index (defaults, i);

      sqlite3_reset (insert);
      sqlite3_bind_int (insert, 1, year);
      dd_sql_bind_date (insert, 2, &holiday->date);
      sqlite3_bind_int (insert, 3, holiday->kind);
      dd_sql_bind_text (insert, 4, holiday->name);
      dd_sql_bind_text (insert, 5, now);
      dd_sql_bind_text (insert, 6, self->access.user);
      if (!dd_sql_step_done (self, insert, error))
        return FALSE;
    }
  return TRUE;
}

/* Days off */

DdWorkdays *
dd_store_get_workdays (DdStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  return _dd_store_read_workdays (self, error);
}

GPtrArray *
dd_store_list_holidays (DdStore  *self,
                        int       year,
                        GError  **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  if (!year_in_range (year))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The days off are known for the years %d to %d only."),
                   DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR);
      return NULL;
    }

  if (!year_is_stored (self, year))
    {
      /* The year's table is a setting: whoever may not write settings (a
       * read-only file, anyone but an administrator, a lock warning not
       * yet acknowledged) sees the defaults it would start from. */
      if (self->access.read_only || self->access.role != DD_ROLE_ADMIN ||
          (self->access.lock_warning != NULL && !self->access.lock_acknowledged))
        return dd_holidays_default_for_year (year);
      if (!_dd_store_begin (self, error))
        return NULL;
      if (!ensure_year_locked (self, year, error) || !_dd_store_commit (self, error))
        {
          _dd_store_rollback (self);
          return NULL;
        }
    }
  return _dd_store_read_holidays (self, year, error);
}

gboolean
dd_store_add_holiday (DdStore       *self,
                      const GDate   *date,
                      DdHolidayKind  kind,
                      const char    *name,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *clean = NULL;
  int year;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (dd_date_is_set (date), FALSE);

  year = g_date_get_year (date);
  if (!year_in_range (year))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The days off are known for the years %d to %d only."),
                   DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR);
      return FALSE;
    }
  if ((guint) kind >= DD_N_HOLIDAY_KINDS)
    return invalid (error, _("Unknown kind of day off."));
  if (kind == DD_HOLIDAY_KIND_WORKING_SATURDAY && g_date_get_weekday (date) != G_DATE_SATURDAY)
    return invalid (error, _("Only a Saturday can be marked as a working Saturday."));
  if (is_blank (name))
    return invalid (error, _("A day off needs a name."));
  clean = dd_text_normalize_space (name);

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!ensure_year_locked (self, year, error))
    goto fail;
  stmt = dd_sql_prepare (self,
                         "INSERT INTO holidays (year, day, kind, name, updated_at, updated_by) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                         "ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
                         "revision = revision + 1, updated_at = excluded.updated_at, "
                         "updated_by = excluded.updated_by", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, year);
  dd_sql_bind_date (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, kind);
  dd_sql_bind_text (stmt, 4, clean);
  dd_sql_bind_text (stmt, 5, now);
  dd_sql_bind_text (stmt, 6, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

gboolean
dd_store_remove_holiday (DdStore      *self,
                         const GDate  *date,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int year;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (dd_date_is_set (date), FALSE);

  year = g_date_get_year (date);
  if (!year_in_range (year))
    return invalid (error, _("There is no day off on that date."));

  if (!_dd_store_begin (self, error))
    return FALSE;
  /* Removing a default day first makes the year's table its own. */
  if (!ensure_year_locked (self, year, error))
    goto fail;
  stmt = dd_sql_prepare (self, "DELETE FROM holidays WHERE day = ?1", error);
  if (stmt == NULL)
    goto fail;
  dd_sql_bind_date (stmt, 1, date);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *dmy = dd_date_to_dmy (date);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no day off on %s."), dmy);
      goto fail;
    }
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

/* Extensions */

gboolean
dd_store_extend_task (DdStore      *self,
                      gint64        task_id,
                      const GDate  *new_due,
                      const char   *reason,
                      const char   *approved_by,
                      const GDate  *approved_on,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  GDate old_due, approved;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (dd_date_is_set (new_due), FALSE);

  if (is_blank (reason))
    return invalid (error, _("An extension needs a reason."));
  if (is_blank (approved_by))
    return invalid (error, _("An extension needs the name of who approved it."));
  if (dd_date_is_set (approved_on))
    approved = *approved_on;
  else
    dd_sql_today (&approved);

  if (!_dd_store_begin (self, error))
    return FALSE;

  read = dd_sql_prepare (self, "SELECT due_on FROM tasks WHERE id = ?1", error);
  if (read == NULL)
    goto fail;
  sqlite3_bind_int64 (read, 1, task_id);
  rc = sqlite3_step (read);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no task with id %lld."), (long long) task_id);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      goto fail;
    }
  dd_sql_column_date (read, 0, &old_due);
  if (!dd_date_is_set (&old_due))
    {
      invalid (error, _("Only a task with a due date can be extended."));
      goto fail;
    }

  insert = dd_sql_prepare (self,
                           "INSERT INTO task_extensions (task_id, old_due, new_due, reason, approved_by, "
                           "approved_on, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_int64 (insert, 1, task_id);
  dd_sql_bind_date (insert, 2, &old_due);
  dd_sql_bind_date (insert, 3, new_due);
  dd_sql_bind_text (insert, 4, reason);
  dd_sql_bind_text (insert, 5, approved_by);
  dd_sql_bind_date (insert, 6, &approved);
  dd_sql_bind_text (insert, 7, now);
  dd_sql_bind_text (insert, 8, self->access.user);
  if (!dd_sql_step_done (self, insert, error))
    goto fail;

  update = dd_sql_prepare (self,
                           "UPDATE tasks SET due_on = ?2, revision = revision + 1, updated_at = ?3, "
                           "updated_by = ?4 WHERE id = ?1", error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_int64 (update, 1, task_id);
  dd_sql_bind_date (update, 2, new_due);
  dd_sql_bind_text (update, 3, now);
  dd_sql_bind_text (update, 4, self->access.user);
  if (!dd_sql_step_done (self, update, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

GPtrArray *
dd_store_list_extensions (DdStore  *self,
                          gint64    task_id,
                          GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_extension_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self,
                         "SELECT id, old_due, new_due, reason, approved_by, approved_on, recorded_at, "
                         "recorded_by FROM task_extensions WHERE task_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdExtension *ext = g_new0 (DdExtension, 1);

      ext->id = sqlite3_column_int64 (stmt, 0);
      ext->task_id = task_id;
      dd_sql_column_date (stmt, 1, &ext->old_due);
      dd_sql_column_date (stmt, 2, &ext->new_due);
      ext->reason = g_strdup (dd_sql_column_text (stmt, 3));
      ext->approved_by = g_strdup (dd_sql_column_text (stmt, 4));
      dd_sql_column_date (stmt, 5, &ext->approved_on);
      ext->recorded_at = g_strdup (dd_sql_column_text (stmt, 6));
      ext->recorded_by = g_strdup (dd_sql_column_text (stmt, 7));
      g_ptr_array_add (list, ext);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Periodic and ongoing tasks */

gboolean
dd_store_get_task_schedule (DdStore         *self,
                            gint64           task_id,
                            DdTaskSchedule  *out,
                            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  out->due_rule = DD_DUE_RULE_PERIOD_END;
  out->due_param = 0;
  out->update_every_months = 1;

  stmt = dd_sql_prepare (self,
                         "SELECT due_rule, due_param, update_every_months FROM task_schedules "
                         "WHERE task_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->due_rule = (DdDueRule) CLAMP (sqlite3_column_int (stmt, 0), 0, 2);
      out->due_param = sqlite3_column_int (stmt, 1);
      out->update_every_months = (guint) CLAMP (sqlite3_column_int (stmt, 2), 0, 12);
    }
  else if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

gboolean
dd_store_set_task_schedule (DdStore               *self,
                            gint64                 task_id,
                            const DdTaskSchedule  *schedule,
                            GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (schedule != NULL, FALSE);

  if ((guint) schedule->due_rule > DD_DUE_RULE_WORKDAYS_AFTER ||
      schedule->due_param < 0 || schedule->due_param > 366 ||
      schedule->update_every_months > 12)
    return invalid (error, _("The rule of the task’s occurrences is out of range."));
  if (schedule->due_rule == DD_DUE_RULE_DAY_OF_MONTH &&
      (schedule->due_param < 1 || schedule->due_param > 31))
    return invalid (error, _("The day of the month must be between 1 and 31."));

  if (!_dd_store_begin (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self,
                         "INSERT INTO task_schedules (task_id, due_rule, due_param, update_every_months, "
                         "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                         "ON CONFLICT (task_id) DO UPDATE SET due_rule = excluded.due_rule, "
                         "due_param = excluded.due_param, update_every_months = excluded.update_every_months, "
                         "revision = revision + 1, updated_at = excluded.updated_at, "
                         "updated_by = excluded.updated_by", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, task_id);
  sqlite3_bind_int (stmt, 2, schedule->due_rule);
  sqlite3_bind_int (stmt, 3, schedule->due_param);
  sqlite3_bind_int (stmt, 4, (int) schedule->update_every_months);
  dd_sql_bind_text (stmt, 5, now);
  dd_sql_bind_text (stmt, 6, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

gboolean
dd_store_record_report (DdStore           *self,
                        gint64             task_id,
                        DdOccurrenceKind   kind,
                        int                year,
                        int                index,
                        const GDate       *reported_on,
                        const char        *note,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if ((guint) kind > DD_OCCURRENCE_AD_HOC)
    return invalid (error, _("Progress updates of ongoing tasks are recorded as progress, not as reports."));

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (kind == DD_OCCURRENCE_AD_HOC)
    {
      stmt = dd_sql_prepare (self,
                             "UPDATE occurrence_reports SET reported_on = ?3, note = coalesce (?4, note), "
                             "revision = revision + 1, updated_at = ?5, updated_by = ?6 "
                             "WHERE id = ?2 AND task_id = ?1 AND kind = 4", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int (stmt, 2, index);
    }
  else
    {
      stmt = dd_sql_prepare (self,
                             "INSERT INTO occurrence_reports (task_id, kind, year, period_index, reported_on, "
                             "note, updated_at, updated_by) VALUES (?1, ?7, ?8, ?2, ?3, ?4, ?5, ?6) "
                             "ON CONFLICT (task_id, kind, year, period_index) WHERE kind <> 4 DO UPDATE SET "
                             "reported_on = excluded.reported_on, note = coalesce (excluded.note, note), "
                             "revision = revision + 1, updated_at = excluded.updated_at, "
                             "updated_by = excluded.updated_by", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int (stmt, 2, index);
      sqlite3_bind_int (stmt, 7, kind);
      sqlite3_bind_int (stmt, 8, year);
    }
  sqlite3_bind_int64 (stmt, 1, task_id);
  dd_sql_bind_date (stmt, 3, reported_on);
  dd_sql_bind_text (stmt, 4, note);
  dd_sql_bind_text (stmt, 5, now);
  dd_sql_bind_text (stmt, 6, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no ad hoc report with id %d for this task."), index);
      goto fail;
    }
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
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
  gint64 id;

  g_return_val_if_fail (DD_IS_STORE (self), 0);
  g_return_val_if_fail (dd_date_is_set (due), 0);

  if (is_blank (title))
    {
      invalid (error, _("An ad hoc report needs a title."));
      return 0;
    }
  if (!_dd_store_begin (self, error))
    return 0;
  stmt = dd_sql_prepare (self,
                         "INSERT INTO occurrence_reports (task_id, kind, year, title, due_on, updated_at, "
                         "updated_by) VALUES (?1, 4, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, task_id);
  sqlite3_bind_int (stmt, 2, g_date_get_year (due));
  dd_sql_bind_text (stmt, 3, title);
  dd_sql_bind_date (stmt, 4, due);
  dd_sql_bind_text (stmt, 5, now);
  dd_sql_bind_text (stmt, 6, self->access.user);
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

/* Occurrences */

/* What the occurrences of one task are computed from. */
typedef struct
{
  gint64 id;
  char *title;
  char *lead;
  DdDeadlineKind kind;
  guint periods;
  GDate due;
  GDate completed_on;
  GDate starts_on;     /* the plan's date, else the task's creation */
} TaskInfo;

static void
task_info_clear (TaskInfo *info)
{
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->lead, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TaskInfo, task_info_clear)

#define TASK_INFO_COLUMNS \
  "t.id, t.title, lu.name, t.deadline_kind, t.periods, t.due_on, t.completed_on, " \
  "coalesce (p.issued_on, substr (t.created_at, 1, 10))"
#define TASK_INFO_FROM \
  " FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN units lu ON lu.id = t.lead_unit_id "

static void
read_task_info (sqlite3_stmt *stmt,
                TaskInfo     *info)
{
  info->id = sqlite3_column_int64 (stmt, 0);
  info->title = g_strdup (dd_sql_column_text (stmt, 1));
  info->lead = g_strdup (dd_sql_column_text (stmt, 2));
  info->kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 3), 0, DD_N_DEADLINE_KINDS - 1);
  info->periods = (guint) sqlite3_column_int (stmt, 4);
  dd_sql_column_date (stmt, 5, &info->due);
  dd_sql_column_date (stmt, 6, &info->completed_on);
  dd_sql_column_date (stmt, 7, &info->starts_on);
}

static char *
period_key (int kind,
            int year,
            int index)
{
  return g_strdup_printf ("%d:%d:%d", kind, year, index);
}

/* The occurrences of one task due in [from, to], judged as of @as_of. */
static GPtrArray *
task_occurrences (DdStore         *self,
                  DdWorkdays      *workdays,
                  const TaskInfo  *info,
                  const GDate     *from,
                  const GDate     *to,
                  const GDate     *as_of,
                  const GDate     *soon,
                  GError         **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_occurrence_free);
  g_autoptr(GPtrArray) expanded = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DdTaskSchedule schedule;
  gboolean done = dd_date_is_set (&info->completed_on) && g_date_compare (&info->completed_on, as_of) <= 0;
  int rc;

  if (!dd_store_get_task_schedule (self, info->id, &schedule, error))
    return NULL;

  if (info->kind == DD_DEADLINE_PERIODIC)
    {
      g_autoptr(GHashTable) reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      stmt = dd_sql_prepare (self,
                             "SELECT kind, year, period_index, reported_on FROM occurrence_reports "
                             "WHERE task_id = ?1 AND kind <> 4 AND reported_on IS NOT NULL", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, info->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GDate *day = g_new (GDate, 1);

          dd_sql_column_date (stmt, 3, day);
          g_hash_table_insert (reports,
                               period_key (sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1),
                                           sqlite3_column_int (stmt, 2)),
                               day);
        }
      if (rc != SQLITE_DONE)
        {
          dd_sql_set_sqlite_error (self, rc, error);
          return NULL;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);

      expanded = dd_occurrences_expand (info->periods, schedule.due_rule, schedule.due_param,
                                        workdays, from, to);
      for (guint i = 0; i < expanded->len; i++)
        {
          DdOccurrence *occ = g_ptr_array_index (expanded, i);
          g_autofree char *key = period_key (occ->kind, occ->year, occ->index);
          const GDate *reported = g_hash_table_lookup (reports, key);

          /* A plan cannot ask for a report due before it was issued, nor
           * after the task was closed. */
          if (dd_date_is_set (&info->starts_on) && g_date_compare (&occ->due, &info->starts_on) < 0)
            continue;
          if (done && g_date_compare (&occ->start, &info->completed_on) > 0)
            continue;
          dd_occurrence_judge (occ, reported, as_of, soon);
          g_ptr_array_add (result, dd_occurrence_copy (occ));
        }
    }
  else if (info->kind == DD_DEADLINE_ONGOING && schedule.update_every_months > 0)
    {
      g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (GDate));

      stmt = dd_sql_prepare (self,
                             "SELECT reported_on FROM progress_updates WHERE task_id = ?1 "
                             "ORDER BY reported_on", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, info->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GDate day;

          dd_sql_column_date (stmt, 0, &day);
          if (dd_date_is_set (&day))
            g_array_append_val (updates, day);
        }
      if (rc != SQLITE_DONE)
        {
          dd_sql_set_sqlite_error (self, rc, error);
          return NULL;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);

      expanded = dd_occurrences_expand_updates (schedule.update_every_months, workdays, from, to);
      for (guint i = 0; i < expanded->len; i++)
        {
          DdOccurrence *occ = g_ptr_array_index (expanded, i);
          const GDate *reported = NULL;

          /* The first whole month after the plan's date is the first owed. */
          if (dd_date_is_set (&info->starts_on) && g_date_compare (&occ->start, &info->starts_on) < 0)
            continue;
          if (done && g_date_compare (&occ->start, &info->completed_on) > 0)
            continue;
          for (guint j = 0; j < updates->len; j++)
            {
              const GDate *day = &g_array_index (updates, GDate, j);

              if (g_date_compare (day, &occ->start) >= 0 && g_date_compare (day, &occ->due) <= 0)
                {
                  reported = day;
                  break;
                }
            }
          /* Completing the task within the window is its last update. */
          if (reported == NULL && done && g_date_compare (&info->completed_on, &occ->start) >= 0 &&
              g_date_compare (&info->completed_on, &occ->due) <= 0)
            reported = &info->completed_on;
          dd_occurrence_judge (occ, reported, as_of, soon);
          g_ptr_array_add (result, dd_occurrence_copy (occ));
        }
    }

  /* Ad hoc reports, whatever the task's kind. */
  stmt = dd_sql_prepare (self,
                         "SELECT id, title, due_on, reported_on FROM occurrence_reports "
                         "WHERE task_id = ?1 AND kind = 4 AND due_on BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, info->id);
  dd_sql_bind_date (stmt, 2, from);
  dd_sql_bind_date (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdOccurrence *occ = g_new0 (DdOccurrence, 1);
      GDate reported;

      occ->kind = DD_OCCURRENCE_AD_HOC;
      occ->index = sqlite3_column_int (stmt, 0);
      occ->label = g_strdup (dd_sql_column_text (stmt, 1));
      dd_sql_column_date (stmt, 2, &occ->due);
      occ->year = g_date_get_year (&occ->due);
      occ->start = occ->due;
      occ->end = occ->due;
      dd_sql_column_date (stmt, 3, &reported);
      dd_occurrence_judge (occ, dd_date_is_set (&reported) ? &reported : NULL, as_of, soon);
      g_ptr_array_add (result, occ);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

static int
compare_occurrence_due (gconstpointer a,
                        gconstpointer b)
{
  const DdOccurrence *oa = *(const DdOccurrence * const *) a;
  const DdOccurrence *ob = *(const DdOccurrence * const *) b;

  return g_date_compare (&oa->due, &ob->due);
}

GPtrArray *
dd_store_list_occurrences (DdStore      *self,
                           gint64        task_id,
                           const GDate  *from,
                           const GDate  *to,
                           const GDate  *as_of,
                           GError      **error)
{
  g_autoptr(DdWorkdays) workdays = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(TaskInfo) info = { 0 };
  GPtrArray *result;
  GDate day, soon;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), NULL);

  if (dd_date_is_set (as_of))
    day = *as_of;
  else
    dd_sql_today (&day);

  workdays = dd_store_get_workdays (self, error);
  if (workdays == NULL)
    return NULL;
  dd_rules_due_soon_limit (workdays, &day, dd_store_get_due_soon_days (self), &soon);

  stmt = dd_sql_prepare (self, "SELECT " TASK_INFO_COLUMNS TASK_INFO_FROM "WHERE t.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no task with id %lld."), (long long) task_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  read_task_info (stmt, &info);

  result = task_occurrences (self, workdays, &info, from, to, &day, &soon, error);
  if (result != NULL)
    g_ptr_array_sort (result, compare_occurrence_due);
  return result;
}

/* The calendar */

/* An entry's place: by date, then task, then kind of occurrence; entries
 * equal in all three keep the order they were found in (as a stable sort
 * would). Julian days, so that sorting tens of thousands of entries
 * compares integers. */
typedef struct
{
  guint32 day;
  guint position;
  gint64 task_id;
  int kind;
  DdCalendarEntry *entry;
} EntryKey;

static int
compare_entry_keys (gconstpointer a,
                    gconstpointer b)
{
  const EntryKey *ka = a;
  const EntryKey *kb = b;

  if (ka->day != kb->day)
    return ka->day < kb->day ? -1 : 1;
  if (ka->task_id != kb->task_id)
    return ka->task_id < kb->task_id ? -1 : 1;
  if (ka->kind != kb->kind)
    return ka->kind < kb->kind ? -1 : 1;
  return ka->position < kb->position ? -1 : ka->position > kb->position;
}

/* Sorts @entries, all dated in [@from, @to]. A month has tens of thousands
 * of entries on thirty-odd days: they are put in their days first (a
 * counting sort, stable), and each day sorted by itself, with keys that
 * stay in the cache instead of one sort of all. */
static void
sort_entries (GPtrArray   *entries,
              const GDate *from,
              const GDate *to)
{
  guint32 first = g_date_get_julian (from);
  guint n_days = g_date_get_julian (to) - first + 1;
  g_autofree EntryKey *keys = g_new (EntryKey, MAX (entries->len, 1));
  gboolean in_range = g_date_compare (from, to) <= 0;

  for (guint i = 0; i < entries->len; i++)
    {
      DdCalendarEntry *entry = g_ptr_array_index (entries, i);

      keys[i] = (EntryKey) { g_date_get_julian (&entry->date), i, entry->task_id, (int) entry->kind, entry };
      in_range &= keys[i].day >= first && keys[i].day - first < n_days;
    }
  /* Days far more than entries (a range of years): one sort. */
  if (!in_range || n_days > entries->len)
    qsort (keys, entries->len, sizeof (EntryKey), compare_entry_keys);
  else
    {
      g_autofree guint *starts = g_new0 (guint, n_days + 1);
      g_autofree EntryKey *by_day = g_new (EntryKey, MAX (entries->len, 1));

      for (guint i = 0; i < entries->len; i++)
        starts[keys[i].day - first + 1]++;
      for (guint d = 0; d < n_days; d++)
        starts[d + 1] += starts[d];
      for (guint i = 0; i < entries->len; i++)
        by_day[starts[keys[i].day - first]++] = keys[i];
      /* starts[d] is now where day d + 1 begins. */
      for (guint d = 0, start = 0; d < n_days; start = starts[d], d++)
        qsort (by_day + start, starts[d] - start, sizeof (EntryKey), compare_entry_keys);
      for (guint i = 0; i < entries->len; i++)
        entries->pdata[i] = by_day[i].entry;
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    entries->pdata[i] = keys[i].entry;
}

/* The occurrences of [@from, @to], loaded once and kept on the store
 * while neither another connection (PRAGMA data_version) nor this one
 * (commit_serial) committed: the calendar page lists the same month again
 * on every refresh, and going back to a month should not read it again.
 * The set does not depend on the day they are judged on. Inside a
 * transaction of this connection, or when another connection committed
 * while the set was read, the set is this call's only (@out_temporary). */
static DdOccurrenceSet *
calendar_set_get (DdStore           *self,
                  DdWorkdays        *workdays,
                  const GDate       *from,
                  const GDate       *to,
                  DdOccurrenceSet  **out_temporary,
                  GError           **error)
{
  gint64 version = dd_sql_query_int64 (self, "PRAGMA data_version", -1);
  DdOccurrenceSet *set;

  *out_temporary = NULL;
  if (!self->flags.in_transaction && self->calendar_set != NULL && version >= 0
      && self->calendar_version == version && self->calendar_serial == self->commit_serial
      && g_date_compare (&self->calendar_from, from) == 0 && g_date_compare (&self->calendar_to, to) == 0)
    return self->calendar_set;

  set = _dd_occurrence_set_load (self, DD_OCCURRENCE_SCOPE_CALENDAR, 0, workdays, from, to, NULL, error);
  if (set == NULL)
    return NULL;
  if (self->flags.in_transaction || version < 0
      || version != dd_sql_query_int64 (self, "PRAGMA data_version", -1))
    return *out_temporary = set;

  g_clear_pointer (&self->calendar_set, _dd_occurrence_set_free);
  self->calendar_set = set;
  self->calendar_from = *from;
  self->calendar_to = *to;
  self->calendar_version = version;
  self->calendar_serial = self->commit_serial;
  return set;
}

GPtrArray *
dd_store_list_calendar (DdStore      *self,
                        const GDate  *from,
                        const GDate  *to,
                        const GDate  *as_of,
                        GError      **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_calendar_entry_free);
  g_autoptr(DdWorkdays) workdays = NULL;
  g_autoptr(sqlite3_stmt) dated = NULL;
  DdOccurrenceSet *set = NULL;
  g_autoptr(DdOccurrenceSet) temporary = NULL;
  g_autoptr(GArray) occurrences = NULL;
  GDate day, soon;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), NULL);

  if (dd_date_is_set (as_of))
    day = *as_of;
  else
    dd_sql_today (&day);

  workdays = dd_store_get_workdays (self, error);
  if (workdays == NULL)
    return NULL;
  dd_rules_due_soon_limit (workdays, &day, dd_store_get_due_soon_days (self), &soon);

  /* Tasks with a date of their own (tasks_due index). */
  dated = dd_sql_prepare (self,
                          "SELECT " TASK_INFO_COLUMNS TASK_INFO_FROM
                          "WHERE t.deleted_at IS NULL AND t.due_on BETWEEN ?1 AND ?2 "
                          "ORDER BY t.due_on, t.id", error);
  if (dated == NULL)
    return NULL;
  dd_sql_bind_date (dated, 1, from);
  dd_sql_bind_date (dated, 2, to);
  while ((rc = sqlite3_step (dated)) == SQLITE_ROW)
    {
      DdCalendarEntry fields = { 0 };
      DdDeadlineKind kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (dated, 3), 0, DD_N_DEADLINE_KINDS - 1);
      GDate completed_on;

      /* The columns of read_task_info(), without copying the strings twice. */
      fields.task_id = sqlite3_column_int64 (dated, 0);
      dd_sql_column_date (dated, 5, &fields.date);
      dd_sql_column_date (dated, 6, &completed_on);
      fields.status = dd_rules_task_status (kind, &fields.date, &completed_on, &day, &soon);
      g_ptr_array_add (entries, entry_new (&fields, dd_sql_column_text (dated, 1), dd_sql_column_text (dated, 2),
                                           NULL));
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }

  /* Periodic and ongoing tasks, and any task with ad hoc reports: all of
   * them in one pass (dd-store-occurrences.c), or as kept from the last
   * listing of the same range (calendar_set_get()). */
  set = calendar_set_get (self, workdays, from, to, &temporary, error);
  if (set == NULL)
    return NULL;
  occurrences = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));
  for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (set); t++)
    {
      const DdOccurrenceTask *task = _dd_occurrence_set_get_task (set, t);

      g_array_set_size (occurrences, 0);
      _dd_occurrence_set_judge (set, t, from, to, &day, &soon, occurrences);
      for (guint i = 0; i < occurrences->len; i++)
        {
          const DdOccurrence *occ = &g_array_index (occurrences, DdOccurrence, i);
          DdCalendarEntry fields = { 0 };

          fields.date = occ->due;
          fields.task_id = task->id;
          fields.status = occ->status;
          fields.kind = occ->kind;
          g_ptr_array_add (entries, entry_new (&fields, task->title, task->lead, occ->label));
        }
    }

  sort_entries (entries, from, to);
  return g_steal_pointer (&entries);
}
