/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "dondoc/dondoc.h"
#include "dd-test-core.h"
#include "dd-store-private.h"
#include "dd-holidays-private.h"

/*
 * Changing a year's days off (issue #21): where each year's table comes
 * from, the due dates counted in working days that a change moves (said
 * and recorded in the history), and migration 0011, which removes the
 * years an earlier version stored by merely reading them.
 */

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
assert_date (const GDate *date,
             const char  *iso)
{
  g_autofree char *text = dd_date_to_iso (date);

  g_assert_cmpstr (text, ==, iso);
}

/* A plan of 1/12/2025 with one quarterly report due 5 working days after
 * each period (NĐ 09/2019 periods: Q1/2027 ends on Sunday 14/3/2027, so
 * it is due Friday 19/3/2027). */
static DdStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  DdStore *store = dd_test_new_store (":memory:");
  DdTaskSchedule schedule;

  exec_sql (_dd_store_get_db (store),
            "INSERT INTO units (id, name, match_key, sort_key) VALUES (901, 'Phòng Một', 'phong mot', x'01');"
            "INSERT INTO plans (id, number, issued_on, title) VALUES (900, '9/KH-TEST', '2025-12-01', 'Kế hoạch');"
            "INSERT INTO tasks (id, plan_id, position, number, title, lead_unit_id, deadline_kind, periods) "
            "VALUES (901, 900, 1, '1.', 'Báo cáo quý', 901, 3, 2);");
  dd_task_schedule_init (&schedule);
  schedule.periods = DD_PERIOD_QUARTERLY;
  schedule.due_rule = DD_DUE_RULE_WORKDAYS_AFTER;
  schedule.due_param = 5;
  g_assert_true (dd_store_set_task_schedule (store, 901, &schedule, &error));
  g_assert_no_error (error);
  return store;
}

static void
assert_one_move (GPtrArray  *moves,
                 const char *old_due,
                 const char *new_due)
{
  const DdMovedDeadline *move;

  g_assert_nonnull (moves);
  g_assert_cmpuint (moves->len, ==, 1);
  move = g_ptr_array_index (moves, 0);
  g_assert_cmpint (move->task_id, ==, 901);
  g_assert_cmpstr (move->title, ==, "Báo cáo quý");
  g_assert_cmpint (move->kind, ==, DD_OCCURRENCE_QUARTER);
  g_assert_true (move->occurrence != NULL && *move->occurrence != '\0');
  assert_date (&move->old_due, old_due);
  assert_date (&move->new_due, new_due);
}

/* A day off on Tuesday 16/3/2027 moves Q1/2027's report from 19/3 to 22/3:
 * said before (nothing written), said after, and in the history. */
static void
test_moves (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = new_store ();
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  GDate day = dd_test_date ("2027-03-16");
  GDate far = dd_test_date ("2027-07-15");

  g_assert_null (dd_calendar_get_last_moves (calendar));

  /* The preview writes nothing. */
  table = dd_holidays_for_year (2027, NULL, NULL);
  g_ptr_array_add (table, dd_holiday_new (&day, DD_HOLIDAY_KIND_HOLIDAY, "Nghỉ thử"));
  preview = dd_calendar_list_moved_deadlines (calendar, 2027, table, &error);
  g_assert_no_error (error);
  assert_one_move (preview, "2027-03-19", "2027-03-22");
  g_assert_cmpint (dd_sql_query_int64 (store, "SELECT count(*) FROM holiday_years", -1), ==, 0);
  /* The table it has: nothing moves. */
  g_clear_pointer (&preview, g_ptr_array_unref);
  preview = dd_calendar_list_moved_deadlines (calendar, 2027, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 0);

  g_assert_true (dd_calendar_add_holiday (calendar, &day, DD_HOLIDAY_KIND_HOLIDAY, "Nghỉ thử", &error));
  g_assert_no_error (error);
  assert_one_move (dd_calendar_get_last_moves (calendar), "2027-03-19", "2027-03-22");
  g_assert_cmpint (dd_sql_query_int64 (store,
                                       "SELECT count(*) FROM audit_log WHERE table_name = 'occurrence_due' "
                                       "AND task_id = 901 AND json_extract (old_values, '$.due') = '2027-03-19' "
                                       "AND json_extract (new_values, '$.due') = '2027-03-22'", -1), ==, 1);

  /* A day that moves nothing: none said, none recorded. */
  g_assert_true (dd_calendar_add_holiday (calendar, &far, DD_HOLIDAY_KIND_HOLIDAY, "Nghỉ xa", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_calendar_get_last_moves (calendar)->len, ==, 0);

  /* Removing it moves it back. */
  g_assert_true (dd_calendar_remove_holiday (calendar, &day, &error));
  g_assert_no_error (error);
  assert_one_move (dd_calendar_get_last_moves (calendar), "2027-03-22", "2027-03-19");
  g_assert_cmpint (dd_sql_query_int64 (store, "SELECT count(*) FROM audit_log WHERE table_name = 'occurrence_due'",
                                       -1), ==, 2);

  /* A notice that makes 16/3 a day off again, in one transaction. */
  {
    g_autoptr(DdHolidayNotice) notice = dd_holiday_notice_new ("77/TB-TEST");
    g_autoptr(GPtrArray) rule = dd_holidays_default_for_year (2027);

    for (guint i = 0; i < rule->len; i++)
      g_array_append_val (notice->days_off, ((DdHoliday *) g_ptr_array_index (rule, i))->date);
    g_array_append_val (notice->days_off, day);
    g_assert_true (dd_calendar_apply_notice (calendar, 2027, notice, &error));
    g_assert_no_error (error);
    assert_one_move (dd_calendar_get_last_moves (calendar), "2027-03-19", "2027-03-22");
  }
}

/* Moves are decoded in the history: the due date, old and new. */
static void
test_moves_in_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = new_store ();
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(DdHistory) history = dd_history_new (store);
  g_autoptr(GPtrArray) entries = NULL;
  GDate day = dd_test_date ("2027-03-16");
  guint found = 0;

  g_assert_true (dd_calendar_add_holiday (calendar, &day, DD_HOLIDAY_KIND_HOLIDAY, "Nghỉ thử", &error));
  g_assert_no_error (error);
  entries = dd_history_list (history, 901, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GPtrArray) changes = dd_history_list_changes (history, g_ptr_array_index (entries, i), &error);

      g_assert_no_error (error);
      for (guint j = 0; j < changes->len; j++)
        {
          const DdAuditChange *change = g_ptr_array_index (changes, j);

          if (change->field != DD_AUDIT_FIELD_OCCURRENCE_DUE)
            continue;
          found++;
          g_assert_cmpstr (change->old_value, ==, "19/03/2027");
          g_assert_cmpstr (change->new_value, ==, "22/03/2027");
          g_assert_nonnull (strstr (change->label, "days off"));
          g_assert_true (g_str_has_suffix (change->subject, " 1"));
        }
    }
  g_assert_cmpuint (found, ==, 1);
}

/* Where each year's table comes from, as the calendar's cells say it. */
static void
test_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = new_store ();
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(DdWorkdays) before = NULL;
  g_autoptr(DdWorkdays) after = NULL;
  g_autoptr(DdHolidayNotice) notice = dd_holiday_notice_new ("12/TB-TEST ngày 01/10/2026");
  GDate day = dd_test_date ("2027-01-01");
  GDate other = dd_test_date ("2028-05-02");
  const char *document = NULL;

  before = dd_calendar_get_workdays (calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_workdays_get_source (before, 2026, &document), ==, DD_HOLIDAY_SOURCE_OFFICIAL);
  g_assert_cmpstr (document, ==, "9441/TB-BNV ngày 16/10/2025");
  g_assert_cmpint (dd_workdays_get_source (before, 2027, &document), ==, DD_HOLIDAY_SOURCE_DEFAULT);
  g_assert_null (document);
  /* 2024's Tết and Quốc khánh: the Ministry's notice 5015/TB-LĐTBXH. */
  g_assert_cmpint (dd_workdays_get_source (before, 2024, &document), ==, DD_HOLIDAY_SOURCE_OFFICIAL);
  g_assert_true (g_str_has_prefix (document, "5015/TB-LĐTBXH ngày 22/11/2023; "));

  g_array_append_val (notice->days_off, day);
  g_assert_true (dd_calendar_apply_notice (calendar, 2027, notice, &error));
  g_assert_no_error (error);
  g_assert_true (dd_calendar_add_holiday (calendar, &other, DD_HOLIDAY_KIND_HOLIDAY, "Nghỉ thêm", &error));
  g_assert_no_error (error);

  after = dd_calendar_get_workdays (calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_workdays_get_source (after, 2027, &document), ==, DD_HOLIDAY_SOURCE_OFFICIAL);
  g_assert_cmpstr (document, ==, "12/TB-TEST ngày 01/10/2026");
  g_assert_cmpint (dd_workdays_get_source (after, 2028, &document), ==, DD_HOLIDAY_SOURCE_EDITED);
  g_assert_null (document);
  g_assert_cmpint (dd_workdays_get_source (after, 2029, NULL), ==, DD_HOLIDAY_SOURCE_DEFAULT);
}

/* Stores @year's table as the rule before schema 11 gave it, as reading
 * it did then (every row inserted at once, revision 1). */
static void
store_legacy_year (sqlite3 *db,
                   int      year)
{
  g_autofree char *key = _dd_holidays_dup_legacy_key (year);
  g_auto(GStrv) days = g_strsplit (key, ",", -1);
  g_autofree char *mark = g_strdup_printf ("INSERT INTO holiday_years (year, created_at, created_by) "
                                           "VALUES (%d, '2026-01-05T08:00:00Z', 'old');", year);

  exec_sql (db, mark);
  for (guint i = 0; days[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (days[i], ":", 2);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO holidays (year, day, kind, name, updated_at, updated_by) "
                                              "VALUES (%d, '%s', %s, 'Ngày nghỉ', '2026-01-05T08:00:00Z', 'old');",
                                              year, parts[0], parts[1]);

      exec_sql (db, sql);
    }
}

static void
sql_admin (sqlite3_context *ctx,
           int              argc,
           sqlite3_value  **argv)
{
  sqlite3_result_text (ctx, "admin", -1, SQLITE_STATIC);
}

/* The migration's SQL, run on @db as opening a file of the version before runs it. */
static void
run_cleanup_migration (sqlite3 *db)
{
  g_auto(GStrv) names = g_resources_enumerate_children ("/io/github/dondoc/Dondoc/core/sql/", 0, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], "-holiday-years-read.sql"))
      {
        g_autofree char *path = g_strconcat ("/io/github/dondoc/Dondoc/core/sql/", names[i], NULL);

        bytes = g_resources_lookup_data (path, 0, NULL);
      }
  g_assert_nonnull (bytes);
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  exec_sql (db, sql);
}

/* Migration 0011: the years stored by reading them go, so that the official
 * schedule (2024) or the rule (2019) applies again; a year someone changed
 * stays, whatever it holds, and so does one with a notice's number. */
static void
test_cleanup_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) created = dd_test_create_store (&path);
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdCalendar) calendar = NULL;
  g_autoptr(DdHolidayYear) year = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&created);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "dd_user", 0, SQLITE_UTF8, NULL, sql_admin, NULL, NULL);
  sqlite3_create_function (db, "dd_role", 0, SQLITE_UTF8, NULL, sql_admin, NULL, NULL);
  sqlite3_create_function (db, "dd_unit", 0, SQLITE_UTF8, NULL, sql_admin, NULL, NULL);
  _dd_sql_register_functions (db);

  /* Read only: 2019, 2024. */
  store_legacy_year (db, 2019);
  store_legacy_year (db, 2024);
  /* Read, then a day renamed (an update in the history, revision 2). */
  store_legacy_year (db, 2021);
  exec_sql (db, "UPDATE holidays SET name = 'Tết', revision = revision + 1 WHERE day = '2021-02-12'");
  /* Read, then a day removed and put back as it was (a delete in the history). */
  store_legacy_year (db, 2022);
  exec_sql (db, "DELETE FROM holidays WHERE day = '2022-04-30';"
                "INSERT INTO holidays (year, day, kind, name) VALUES (2022, '2022-04-30', 0, 'Ngày nghỉ')");
  /* Read, with a day added at once. */
  store_legacy_year (db, 2023);
  exec_sql (db, "INSERT INTO holidays (year, day, kind, name) VALUES (2023, '2023-06-15', 0, 'Nghỉ thêm')");
  /* The old rule's days with the number of a notice. */
  store_legacy_year (db, 2025);
  exec_sql (db, "INSERT INTO settings (key, value) VALUES ('holidays.document.2025', '1/TB-TEST')");

  run_cleanup_migration (db);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  {
    g_autofree char *years = NULL;
    g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store, "SELECT group_concat (year, ',') FROM "
                                                   "(SELECT year FROM holiday_years ORDER BY year)", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    years = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    g_assert_cmpstr (years, ==, "2021,2022,2023,2025");
  }
  g_assert_cmpint (dd_sql_query_int64 (store, "SELECT count(*) FROM holidays WHERE year IN (2019, 2024)", -1),
                   ==, 0);
  /* The removals are in the history. */
  g_assert_cmpint (dd_sql_query_int64 (store, "SELECT count(*) FROM audit_log WHERE table_name = 'holiday_years' "
                                       "AND action = 'delete'", -1), ==, 2);

  calendar = dd_calendar_new (store);
  year = dd_calendar_read_holiday_year (calendar, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpint (year->source, ==, DD_HOLIDAY_SOURCE_OFFICIAL);
  g_clear_pointer (&year, dd_holiday_year_free);
  year = dd_calendar_read_holiday_year (calendar, 2019, &error);
  g_assert_no_error (error);
  g_assert_cmpint (year->source, ==, DD_HOLIDAY_SOURCE_DEFAULT);
  g_clear_pointer (&year, dd_holiday_year_free);
  year = dd_calendar_read_holiday_year (calendar, 2021, &error);
  g_assert_no_error (error);
  g_assert_cmpint (year->source, ==, DD_HOLIDAY_SOURCE_EDITED);

  g_clear_object (&calendar);
  g_clear_object (&store);
  dd_test_remove_store_file (path);
}

/* The old rule, as it was: 2026 had Tết 16–20/2 (the last day + 4), 1/9 and 2/9. */
static void
test_legacy_rule (void)
{
  g_autofree char *key = _dd_holidays_dup_legacy_key (2026);

  g_assert_nonnull (strstr (key, "2026-02-16:0,2026-02-17:0,2026-02-18:0,2026-02-19:0,2026-02-20:0"));
  g_assert_nonnull (strstr (key, "2026-09-01:0,2026-09-02:0"));
  g_assert_true (g_str_has_prefix (key, "2026-01-01:0,"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dd_test_init_i18n ();

  g_test_add_func ("/holiday-changes/moves", test_moves);
  g_test_add_func ("/holiday-changes/moves-in-history", test_moves_in_history);
  g_test_add_func ("/holiday-changes/sources", test_sources);
  g_test_add_func ("/holiday-changes/legacy-rule", test_legacy_rule);
  g_test_add_func ("/holiday-changes/cleanup-migration", test_cleanup_migration);

  return g_test_run ();
}
