/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include "dd-store-private.h"

/*
 * The file's working days as the store's own reads need them: the stored
 * tables of days off (holidays, holiday_years), the Labor Code defaults
 * (dd-workdays.c) for the other years, and the "due soon" limit counted in
 * working days. Writing the tables is DdCalendar's (dd-calendar.c).
 */

GPtrArray *
_dd_store_read_holidays (DdStore  *self,
                         int       year,
                         GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_holiday_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (self, "SELECT day, kind, name FROM holidays WHERE year = ?1 ORDER BY day",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate day;

      dd_sql_column_date (stmt, 0, &day);
      if (!dd_date_is_set (&day))
        continue;
      g_ptr_array_add (list, dd_holiday_new (&day,
                                             (DdHolidayKind) CLAMP (sqlite3_column_int (stmt, 1), 0,
                                                                    DD_N_HOLIDAY_KINDS - 1),
                                             dd_sql_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

DdWorkdays *
_dd_store_read_workdays (DdStore  *self,
                         GError  **error)
{
  g_autoptr(DdWorkdays) workdays = dd_workdays_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (self, "SELECT year FROM holiday_years ORDER BY year", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_autoptr(GPtrArray) list = _dd_store_read_holidays (self, year, error);

      if (list == NULL)
        return NULL;
      dd_workdays_set_year (workdays, year, list);
      dd_workdays_set_source (workdays, year, DD_HOLIDAY_SOURCE_EDITED, NULL);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }

  /* A stored year with its notice's number is official (dd-calendar-holidays.c). */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = dd_sql_prepare (self, "SELECT CAST (substr (s.key, 19) AS INTEGER), s.value FROM settings s "
                         "JOIN holiday_years y ON y.year = CAST (substr (s.key, 19) AS INTEGER) "
                         "WHERE s.key LIKE 'holidays.document.%'", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    dd_workdays_set_source (workdays, sqlite3_column_int (stmt, 0), DD_HOLIDAY_SOURCE_OFFICIAL,
                            dd_sql_column_text (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&workdays);
}

void
_dd_store_due_soon_limit (DdStore     *self,
                          const GDate *as_of,
                          guint        due_soon_days,
                          GDate       *out_limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdWorkdays) workdays = _dd_store_read_workdays (self, &error);

  /* An unreadable table of days off falls back on the Labor Code: the
   * window is then at worst a day or two off, which is better than none. */
  if (workdays == NULL)
    g_debug ("Cannot read the days off, using the Labor Code's: %s", error->message);
  dd_rules_due_soon_limit (workdays, as_of, due_soon_days, out_limit);
}

