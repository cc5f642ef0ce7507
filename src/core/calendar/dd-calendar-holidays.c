/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-calendar-private.h"

/*
 * DdCalendar's days off (dd-calendar.h): a year's table is stored only
 * when someone changes it (an edit of a day, a notice entered); reading a
 * year writes nothing, so that a stored year is always a decision and the
 * others follow the shipped schedules and the rule as they are corrected.
 * The notice's number of a stored year is the setting
 * "holidays.document.YEAR" (audited like every setting).
 */

G_DEFINE_BOXED_TYPE (DdHolidayYear, dd_holiday_year, dd_holiday_year_copy, dd_holiday_year_free)

DdHolidayYear *
dd_holiday_year_copy (const DdHolidayYear *self)
{
  DdHolidayYear *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DdHolidayYear, 1);
  copy->year = self->year;
  copy->source = self->source;
  copy->document = g_strdup (self->document);
  copy->days = g_ptr_array_new_full (self->days->len, (GDestroyNotify) dd_holiday_free);
  for (guint i = 0; i < self->days->len; i++)
    g_ptr_array_add (copy->days, dd_holiday_copy (g_ptr_array_index (self->days, i)));
  return copy;
}

void
dd_holiday_year_free (DdHolidayYear *self)
{
  if (self == NULL)
    return;
  g_free (self->document);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_free (self);
}

/* Auxiliary methods */

static gboolean
check_year (int       year,
            GError  **error)
{
  if (year >= DD_LUNAR_MIN_YEAR && year <= DD_LUNAR_MAX_YEAR)
    return TRUE;
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
               _("The days off are known for the years %d to %d only."),
               DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR);
  return FALSE;
}

static gboolean
year_is_stored (DdStore *store,
                int      year)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store, "SELECT 1 FROM holiday_years WHERE year = ?1",
                                                 NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static char *
document_key (int year)
{
  return g_strdup_printf ("holidays.document.%d", year);
}

/* Sets (or, for %NULL, removes) the notice's number of @year. Inside a
 * transaction. */
static gboolean
write_document_locked (DdStore     *store,
                       int          year,
                       const char  *document,
                       GError     **error)
{
  g_autofree char *key = document_key (year);

  return _dd_store_write_setting (store, key, document, error);
}

/* Writes @days as the table of @year (which is not stored yet). */
static gboolean
insert_days_locked (DdStore    *store,
                    int         year,
                    GPtrArray  *days,
                    GError    **error)
{
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  mark = dd_sql_prepare (store, "INSERT INTO holiday_years (year, created_at, created_by) VALUES (?1, ?2, ?3)",
                         error);
  if (mark == NULL)
    return FALSE;
  sqlite3_bind_int (mark, 1, year);
  dd_sql_bind_text (mark, 2, now);
  dd_sql_bind_text (mark, 3, dd_store_get_user (store));
  if (!dd_sql_step_done (store, mark, error))
    return FALSE;

  insert = dd_sql_prepare (store,
                           "INSERT OR IGNORE INTO holidays (year, day, kind, name, updated_at, updated_by) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < days->len; i++)
    {
      const DdHoliday *holiday = g_ptr_array_index (days, i);

      sqlite3_reset (insert);
      sqlite3_bind_int (insert, 1, year);
      dd_sql_bind_date (insert, 2, &holiday->date);
      sqlite3_bind_int (insert, 3, holiday->kind);
      dd_sql_bind_text (insert, 4, holiday->name);
      dd_sql_bind_text (insert, 5, now);
      dd_sql_bind_text (insert, 6, dd_store_get_user (store));
      if (!dd_sql_step_done (store, insert, error))
        return FALSE;
    }
  return TRUE;
}

/* Removes the table of @year, its days first. */
static gboolean
delete_year_locked (DdStore  *store,
                    int       year,
                    GError  **error)
{
  static const char * const sql[] = {
    "DELETE FROM holidays WHERE year = ?1",
    "DELETE FROM holiday_years WHERE year = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, year);
      if (!dd_sql_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Before the first edit of @year: writes the table it had until then (the
 * official schedule and its document, else the rule). Inside a
 * transaction. */
static gboolean
ensure_year_locked (DdStore  *store,
                    int       year,
                    GError  **error)
{
  g_autoptr(GPtrArray) days = NULL;
  g_autofree char *document = NULL;

  g_assert (store->flags.in_transaction);

  if (year_is_stored (store, year))
    return TRUE;
  days = dd_holidays_for_year (year, NULL, &document);
  return insert_days_locked (store, year, days, error)
         && (document == NULL || write_document_locked (store, year, document, error));
}

/* Ends a change of @year's table begun with @before the tables until
 * then: records the due dates it moved and commits. */
static gboolean
commit_change (DdCalendar  *self,
               int          year,
               DdWorkdays  *before,
               GError     **error)
{
  DdStore *store = dd_calendar_get_store (self);
  g_autoptr(GPtrArray) moves = _dd_calendar_record_moves_locked (store, year, before, error);

  if (moves == NULL || !_dd_store_commit (store, error))
    return FALSE;
  _dd_calendar_take_last_moves (self, g_steal_pointer (&moves));
  return TRUE;
}

/* Public API */

DdHolidayYear *
dd_calendar_read_holiday_year (DdCalendar  *self,
                               int          year,
                               GError     **error)
{
  g_autoptr(DdHolidayYear) result = NULL;
  DdStore *store;

  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);

  if (!check_year (year, error))
    return NULL;
  store = dd_calendar_get_store (self);
  result = g_new0 (DdHolidayYear, 1);
  result->year = year;
  if (!year_is_stored (store, year))
    {
      /* Nothing is written: a year nobody changed follows the shipped
       * schedule or the rule, as they are now. */
      result->days = dd_holidays_for_year (year, &result->source, &result->document);
      return g_steal_pointer (&result);
    }

  result->days = _dd_store_read_holidays (store, year, error);
  if (result->days == NULL)
    return NULL;
  {
    g_autofree char *key = document_key (year);
    GError *local_error = NULL;

    result->document = dd_store_dup_setting (store, key, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, local_error);
        return NULL;
      }
  }
  result->source = result->document != NULL ? DD_HOLIDAY_SOURCE_OFFICIAL : DD_HOLIDAY_SOURCE_EDITED;
  return g_steal_pointer (&result);
}

GPtrArray *
dd_calendar_list_holidays (DdCalendar  *self,
                           int          year,
                           GError     **error)
{
  g_autoptr(DdHolidayYear) table = NULL;

  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);

  table = dd_calendar_read_holiday_year (self, year, error);
  if (table == NULL)
    return NULL;
  return g_steal_pointer (&table->days);
}

gboolean
dd_calendar_add_holiday (DdCalendar    *self,
                         const GDate   *date,
                         DdHolidayKind  kind,
                         const char    *name,
                         GError       **error)
{
  DdStore *store;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *clean = NULL;
  g_autoptr(DdWorkdays) before = NULL;
  int year;

  g_return_val_if_fail (DD_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (dd_date_is_set (date), FALSE);

  store = dd_calendar_get_store (self);
  year = g_date_get_year (date);
  if (!check_year (year, error))
    return FALSE;
  if ((guint) kind >= DD_N_HOLIDAY_KINDS)
    return _dd_store_invalid (error, _("Unknown kind of day off."));
  if (kind == DD_HOLIDAY_KIND_WORKING_SATURDAY && g_date_get_weekday (date) != G_DATE_SATURDAY)
    return _dd_store_invalid (error, _("Only a Saturday can be marked as a working Saturday."));
  if (dd_text_is_blank (name))
    return _dd_store_invalid (error, _("A day off needs a name."));
  clean = dd_text_normalize_space (name);

  if (!_dd_store_begin (store, error))
    return FALSE;
  before = _dd_store_read_workdays (store, error);
  if (before == NULL || !ensure_year_locked (store, year, error))
    goto fail;
  stmt = dd_sql_prepare (store,
                         "UPDATE holidays SET kind = ?3, name = ?4, revision = revision + 1, updated_at = ?5, "
                         "updated_by = ?6 WHERE day = ?2", error);
  insert = stmt == NULL ? NULL : dd_sql_prepare (store,
                         "INSERT INTO holidays (year, day, kind, name, updated_at, updated_by) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (insert == NULL)
    goto fail;
  for (guint s = 0; s < 2; s++)
    {
      sqlite3_stmt *one = s == 0 ? stmt : insert;

      sqlite3_bind_int (one, 1, year);
      dd_sql_bind_date (one, 2, date);
      sqlite3_bind_int (one, 3, kind);
      dd_sql_bind_text (one, 4, clean);
      dd_sql_bind_text (one, 5, now);
      dd_sql_bind_text (one, 6, dd_store_get_user (store));
    }
  if (!dd_sql_step_upsert (store, stmt, insert, error) || !commit_change (self, year, before, error))
    goto fail;
  return TRUE;

fail:
  _dd_store_rollback (store);
  return FALSE;
}

gboolean
dd_calendar_remove_holiday (DdCalendar   *self,
                            const GDate  *date,
                            GError      **error)
{
  DdStore *store;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(DdWorkdays) before = NULL;
  int year;

  g_return_val_if_fail (DD_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (dd_date_is_set (date), FALSE);

  store = dd_calendar_get_store (self);
  year = g_date_get_year (date);
  if (year < DD_LUNAR_MIN_YEAR || year > DD_LUNAR_MAX_YEAR)
    return _dd_store_invalid (error, _("There is no day off on that date."));

  if (!_dd_store_begin (store, error))
    return FALSE;
  /* Removing a day of a year not stored first makes the year's table its own. */
  before = _dd_store_read_workdays (store, error);
  if (before == NULL || !ensure_year_locked (store, year, error))
    goto fail;
  stmt = dd_sql_prepare (store, "DELETE FROM holidays WHERE day = ?1", error);
  if (stmt == NULL)
    goto fail;
  dd_sql_bind_date (stmt, 1, date);
  if (!dd_sql_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (_dd_store_get_db (store)) == 0)
    {
      g_autofree char *dmy = dd_date_to_dmy (date);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no day off on %s."), dmy);
      goto fail;
    }
  if (!commit_change (self, year, before, error))
    goto fail;
  return TRUE;

fail:
  _dd_store_rollback (store);
  return FALSE;
}

gboolean
dd_calendar_apply_notice (DdCalendar             *self,
                          int                     year,
                          const DdHolidayNotice  *notice,
                          GError                **error)
{
  g_autoptr(GPtrArray) table = NULL;
  g_autofree char *document = NULL;
  g_autoptr(DdWorkdays) before = NULL;
  DdStore *store;

  g_return_val_if_fail (DD_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (notice != NULL, FALSE);

  /* Everything is checked before anything is written. */
  table = dd_holiday_notice_to_table (notice, year, error);
  if (table == NULL)
    return FALSE;
  document = dd_text_normalize_space (notice->document);
  store = dd_calendar_get_store (self);

  if (!_dd_store_begin (store, error))
    return FALSE;
  /* The year's rows go (each deletion in the history), the notice's come. */
  before = _dd_store_read_workdays (store, error);
  if (before == NULL
      || !delete_year_locked (store, year, error)
      || !insert_days_locked (store, year, table, error)
      || !write_document_locked (store, year, document, error)
      || !commit_change (self, year, before, error))
    goto fail;
  return TRUE;

fail:
  _dd_store_rollback (store);
  return FALSE;
}
