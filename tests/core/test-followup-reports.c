/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * The reports of the follow-up loop (issue #15): the 9-month period,
 * recording a report (late, with its number) and taking it back, every bad
 * input refused with nothing written, the schedules, the roles, the rule
 * that a missed report counts in its own period's scorecard, and the
 * agreement of every page after a late report.
 */

static void
exec_sql (DdStore    *store,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_dd_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
query_text (DdStore    *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Everything a report or schedule could write, and the history. */
static char *
snapshot (DdStore *store)
{
  return query_text (store,
                     "SELECT (SELECT count (*) FROM audit_log) || ':' || "
                     "ifnull ((SELECT group_concat (quote (id) || quote (kind) || quote (year) || quote (period_index) "
                     "|| quote (title) || quote (due_on) || quote (reported_on) || quote (report_number) "
                     "|| quote (note) || quote (revision), ',') FROM occurrence_reports), '') || ':' || "
                     "ifnull ((SELECT group_concat (quote (task_id) || quote (due_rule) || quote (due_param) "
                     "|| quote (update_every_months) || quote (periods), ',') FROM task_schedules), '') || ':' || "
                     "ifnull ((SELECT group_concat (key || '=' || value, ',') FROM settings), '')");
}

static void
assert_date (const GDate *date,
             const char  *iso)
{
  g_autofree char *got = dd_date_to_iso (date);

  g_assert_cmpstr (got, ==, iso);
}

/* A store with the seed plan and a plan of our own, issued on 1/12/2025:
 * units 901–904 and their periodic tasks (901: quarterly, led by 901;
 * 902: monthly, led by 902; 903: ongoing, led by 904; 904: dated, led by
 * 903; 905: quarterly, completed on 20/2/2026, led by 901). */
static DdStore *
new_store (void)
{
  DdStore *store = dd_test_new_store (":memory:");

  exec_sql (store,
            "INSERT INTO units (id, name, match_key, sort_key) VALUES "
            " (901, 'Phòng Một', 'phong mot', x'01'), (902, 'Phòng Hai', 'phong hai', x'02'),"
            " (903, 'Phòng Ba', 'phong ba', x'03'), (904, 'Phòng Bốn', 'phong bon', x'04');"
            "INSERT INTO plans (id, number, issued_on, title) VALUES (900, '9/KH-TEST', '2025-12-01', 'Kế hoạch thử');"
            "INSERT INTO tasks (id, plan_id, position, number, title, lead_unit_id, deadline_kind, periods, "
            "                   due_on, completed_on) VALUES "
            " (901, 900, 1, '1.', 'Báo cáo quý', 901, 3, 2, NULL, NULL),"
            " (902, 900, 2, '2.', 'Báo cáo tháng', 902, 3, 1, NULL, NULL),"
            " (903, 900, 3, '3.', 'Thường xuyên', 904, 2, 0, NULL, NULL),"
            " (904, 900, 4, '4.', 'Có hạn', 903, 1, 0, '2026-12-31', NULL),"
            " (905, 900, 5, '5.', 'Báo cáo quý, đã xong', 901, 3, 2, NULL, '2026-02-20');");
  return store;
}

static GDate
date_in_days (int days)
{
  GDate day;

  g_date_clear (&day, 1);
  dd_date_set_today (&day);
  if (days >= 0)
    g_date_add_days (&day, (guint) days);
  else
    g_date_subtract_days (&day, (guint) -days);
  return day;
}

/* The period of @list of @kind, @year, @index. */
static const DdOccurrence *
find (GPtrArray        *list,
      DdOccurrenceKind  kind,
      int               year,
      int               index)
{
  for (guint i = 0; i < list->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (list, i);

      if (occ->kind == kind && occ->year == year && occ->index == index)
        return occ;
    }
  g_error ("No period %s %d/%d", dd_occurrence_kind_to_string (kind), index, year);
  return NULL;
}

static GPtrArray *
periods_of (DdStore     *store,
            gint64       task_id,
            const char  *from,
            const char  *to,
            const char  *as_of)
{
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GError) error = NULL;
  GDate f = dd_test_date (from), t = dd_test_date (to), a = dd_test_date (as_of);
  GPtrArray *list = dd_calendar_list_task_periods (calendar, task_id, &f, &t, &a, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

/* The 9-month period */

static void
test_nine_months (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  DdOccurrenceKind kind;
  DdDeadline deadline;
  GDate start, end, from = dd_test_date ("2026-01-01"), to = dd_test_date ("2026-12-31");
  const DdOccurrence *occ;

  /* Nghị định 09/2019: 15/12 of the year before to 14/9. */
  dd_period_bounds (DD_OCCURRENCE_NINE_MONTHS, 2026, 1, &start, &end);
  assert_date (&start, "2025-12-15");
  assert_date (&end, "2026-09-14");
  g_assert_cmpint (DD_OCCURRENCE_NINE_MONTHS, ==, 6);
  g_assert_cmpstr (dd_occurrence_kind_to_string (DD_OCCURRENCE_NINE_MONTHS), ==, "nine_months");
  g_assert_true (dd_occurrence_kind_from_string ("nine_months", &kind));
  g_assert_cmpint (kind, ==, DD_OCCURRENCE_NINE_MONTHS);
  g_assert_false (dd_occurrence_kind_from_string ("nine", &kind));
  g_assert_true (dd_occurrence_kind_for_period_flag (DD_PERIOD_NINE_MONTHS, &kind));
  g_assert_cmpint (kind, ==, DD_OCCURRENCE_NINE_MONTHS);
  g_assert_false (dd_occurrence_kind_for_period_flag (DD_PERIOD_AD_HOC, &kind));

  list = dd_occurrences_expand (DD_PERIOD_NINE_MONTHS | DD_PERIOD_YEARLY, DD_DUE_RULE_PERIOD_END, 0, NULL,
                                &from, &to);
  g_assert_cmpuint (list->len, ==, 2);
  occ = g_ptr_array_index (list, 0);
  g_assert_cmpint (occ->kind, ==, DD_OCCURRENCE_NINE_MONTHS);
  assert_date (&occ->due, "2026-09-14");
  g_assert_cmpstr (occ->label, ==, "First 9 months of 2026");

  /* Read from a Thời gian text: a date, or one period of a periodic task. */
  g_assert_true (dd_deadline_parse ("9 tháng đầu năm 2026", &deadline, &error));
  g_assert_no_error (error);
  g_assert_cmpint (deadline.kind, ==, DD_DEADLINE_DATE);
  assert_date (&deadline.due, "2026-09-30");
  g_assert_true (dd_deadline_parse ("9 tháng/2026", &deadline, &error));
  assert_date (&deadline.due, "2026-09-30");
  g_assert_true (dd_deadline_parse ("Định kỳ hằng quý, 6 tháng, 9 tháng, năm", &deadline, &error));
  g_assert_no_error (error);
  g_assert_cmpint (deadline.kind, ==, DD_DEADLINE_PERIODIC);
  g_assert_cmpuint (deadline.periods, ==, DD_PERIOD_QUARTERLY | DD_PERIOD_HALF_YEAR | DD_PERIOD_NINE_MONTHS |
                                          DD_PERIOD_YEARLY);

  /* The states of a period for the editor. */
  g_assert_cmpint (dd_occurrence_state_from_status (DD_STATUS_DONE_ON_TIME), ==, DD_OCCURRENCE_STATE_ON_TIME);
  g_assert_cmpint (dd_occurrence_state_from_status (DD_STATUS_DONE_LATE), ==, DD_OCCURRENCE_STATE_LATE);
  g_assert_cmpint (dd_occurrence_state_from_status (DD_STATUS_FORGOTTEN), ==, DD_OCCURRENCE_STATE_FORGOTTEN);
  g_assert_cmpint (dd_occurrence_state_from_status (DD_STATUS_DUE_SOON), ==, DD_OCCURRENCE_STATE_COMING);
  g_assert_cmpstr (dd_occurrence_state_to_string (DD_OCCURRENCE_STATE_FORGOTTEN), ==, "forgotten");
}

/* Recording, numbers, taking back */

static void
test_record_late_and_undo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = new_store ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  GDate late = dd_test_date ("2026-04-02");
  g_autofree char *audit = NULL;
  const DdOccurrence *occ;

  /* Q1/2026 ends on Saturday 14/3: due Monday 16/3, forgotten by 1/5. */
  before = periods_of (store, 901, "2026-01-01", "2026-12-31", "2026-05-01");
  occ = find (before, DD_OCCURRENCE_QUARTER, 2026, 1);
  assert_date (&occ->due, "2026-03-16");
  g_assert_cmpint (occ->status, ==, DD_STATUS_FORGOTTEN);
  g_assert_null (occ->report_number);

  g_assert_true (dd_store_record_report (store, 901, DD_OCCURRENCE_QUARTER, 2026, 1, &late,
                                         "  45/BC-HCQT ", "Gửi  qua hệ thống", &error));
  g_assert_no_error (error);
  after = periods_of (store, 901, "2026-01-01", "2026-12-31", "2026-05-01");
  occ = find (after, DD_OCCURRENCE_QUARTER, 2026, 1);
  g_assert_cmpint (occ->status, ==, DD_STATUS_DONE_LATE);
  g_assert_cmpint (dd_occurrence_state_from_status (occ->status), ==, DD_OCCURRENCE_STATE_LATE);
  assert_date (&occ->reported_on, "2026-04-02");
  g_assert_cmpstr (occ->report_number, ==, "45/BC-HCQT");
  g_assert_cmpstr (occ->report_note, ==, "Gửi qua hệ thống");

  /* Recording again keeps the number when none is given. */
  late = dd_test_date ("2026-03-16");
  g_assert_true (dd_store_record_report (store, 901, DD_OCCURRENCE_QUARTER, 2026, 1, &late, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = periods_of (store, 901, "2026-01-01", "2026-12-31", "2026-05-01");
  occ = find (after, DD_OCCURRENCE_QUARTER, 2026, 1);
  g_assert_cmpint (occ->status, ==, DD_STATUS_DONE_ON_TIME);
  g_assert_cmpstr (occ->report_number, ==, "45/BC-HCQT");

  /* Taken back: owed again, and the history says both. */
  g_assert_true (dd_store_record_report (store, 901, DD_OCCURRENCE_QUARTER, 2026, 1, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  undone = periods_of (store, 901, "2026-01-01", "2026-12-31", "2026-05-01");
  occ = find (undone, DD_OCCURRENCE_QUARTER, 2026, 1);
  g_assert_cmpint (occ->status, ==, DD_STATUS_FORGOTTEN);
  g_assert_false (dd_date_is_set (&occ->reported_on));
  g_assert_null (occ->report_number);
  audit = query_text (store,
                      "SELECT group_concat (action || ' ' || ifnull (json_extract (new_values, '$.reported_on'), 'null'), "
                      "'; ') FROM (SELECT * FROM audit_log WHERE table_name = 'occurrence_reports' AND task_id = 901 "
                      "ORDER BY id)");
  g_assert_cmpstr (audit, ==, "insert 2026-04-02; update 2026-03-16; update null");

  /* Nothing left to take back. */
  g_assert_false (dd_store_record_report (store, 901, DD_OCCURRENCE_QUARTER, 2026, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
}

static void
test_ad_hoc (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = new_store ();
  g_autoptr(GPtrArray) list = NULL;
  GDate due = dd_test_date ("2026-05-20"), on = dd_test_date ("2026-05-25");
  const DdOccurrence *occ;
  gint64 id;

  /* Whatever the task's kind, with its own due date. */
  id = dd_store_add_ad_hoc_report (store, 904, "Báo cáo đột xuất về CCHC", &due, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (dd_store_record_report (store, 904, DD_OCCURRENCE_AD_HOC, 0, (int) id, &on, "12/BC-UBND", NULL,
                                         &error));
  g_assert_no_error (error);
  list = periods_of (store, 904, "2026-01-01", "2026-12-31", "2026-06-01");
  occ = find (list, DD_OCCURRENCE_AD_HOC, 2026, (int) id);
  assert_date (&occ->due, "2026-05-20");
  g_assert_cmpstr (occ->label, ==, "Báo cáo đột xuất về CCHC");
  g_assert_cmpint (occ->status, ==, DD_STATUS_DONE_LATE);
  g_assert_cmpstr (occ->report_number, ==, "12/BC-UBND");
}

/* Bad input: the error names the field, and nothing is written. */

typedef struct
{
  const char *what;
  gint64 task_id;
  DdOccurrenceKind kind;
  int year;
  int index;
  int on_days;          /* the report date: today + this; G_MININT: none (take back); G_MAXINT: invalid */
  int code;
  const char *says;
} BadReport;

static void
test_bad_reports (void)
{
  g_autoptr(DdStore) store = new_store ();
  g_autofree char *before = NULL;
  GDate today = date_in_days (0);
  const BadReport cases[] = {
    { "a kind the task does not report", 901, DD_OCCURRENCE_MONTH, 2026, 5, -1, DD_STORE_ERROR_INVALID,
      "Period: “Month 5/2026” is not one of this task’s reporting periods." },
    { "a quarter out of range", 901, DD_OCCURRENCE_QUARTER, 2026, 5, -1, DD_STORE_ERROR_INVALID,
      "Period: number 5 does not exist (1 to 4)." },
    { "index 0", 902, DD_OCCURRENCE_MONTH, 2026, 0, -1, DD_STORE_ERROR_INVALID,
      "Period: number 0 does not exist (1 to 12)." },
    { "a year out of range", 901, DD_OCCURRENCE_QUARTER, 1800, 1, -1, DD_STORE_ERROR_INVALID,
      "Period: the year must be between 1901 and 2100." },
    { "due before the plan", 901, DD_OCCURRENCE_QUARTER, 2025, 3, -1, DD_STORE_ERROR_INVALID,
      "Period: “Quarter III/2025” was due before the task’s plan (01/12/2025), which asks no report for it." },
    { "not begun yet", 901, DD_OCCURRENCE_QUARTER, 0, 4, -1, DD_STORE_ERROR_INVALID, "has not begun yet" },
    { "begun after completion", 905, DD_OCCURRENCE_QUARTER, 2026, 2, -1, DD_STORE_ERROR_INVALID,
      "Period: “Quarter II/2026” began after the task was completed (20/02/2026)." },
    { "a report in the future", 901, DD_OCCURRENCE_QUARTER, 2026, 1, 3, DD_STORE_ERROR_INVALID,
      "is in the future." },
    { "an invalid report date", 901, DD_OCCURRENCE_QUARTER, 2026, 1, G_MAXINT, DD_STORE_ERROR_INVALID,
      "Report date: not a valid date." },
    { "an update as a report", 903, DD_OCCURRENCE_UPDATE, 2026, 3, -1, DD_STORE_ERROR_INVALID,
      "Period: the updates of an ongoing task are recorded as its progress, not as reports." },
    { "a task that is not periodic", 904, DD_OCCURRENCE_QUARTER, 2026, 1, -1, DD_STORE_ERROR_INVALID,
      "Period: this task is not periodic" },
    { "no such task", 999, DD_OCCURRENCE_QUARTER, 2026, 1, -1, DD_STORE_ERROR_NO_SUCH_ROW,
      "There is no task with id 999." },
    { "no such ad hoc report", 904, DD_OCCURRENCE_AD_HOC, 0, 77, -1, DD_STORE_ERROR_NO_SUCH_ROW,
      "Period: there is no ad hoc report with id 77 for this task." },
    { "nothing to take back", 901, DD_OCCURRENCE_QUARTER, 2026, 2, G_MININT, DD_STORE_ERROR_NO_SUCH_ROW,
      "there is nothing to take back." },
  };

  /* Something recorded already, so that the checksum covers a row. */
  {
    g_autoptr(GError) error = NULL;
    GDate on = dd_test_date ("2026-03-20");

    g_assert_true (dd_store_record_report (store, 902, DD_OCCURRENCE_MONTH, 2026, 3, &on, "1/BC", NULL, &error));
    g_assert_no_error (error);
  }
  before = snapshot (store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      const BadReport *c = &cases[i];
      int year = c->year != 0 ? c->year : (int) g_date_get_year (&today) + 1;
      GDate on;

      if (c->on_days == G_MAXINT)
        g_date_clear (&on, 1);
      else if (c->on_days != G_MININT)
        on = date_in_days (c->on_days);
      g_test_message ("%s", c->what);
      g_assert_false (dd_store_record_report (store, c->task_id, c->kind, year, c->index,
                                              c->on_days == G_MININT ? NULL : &on, "9/BC", "x", &error));
      g_assert_error (error, DD_STORE_ERROR, c->code);
      if (strstr (error->message, c->says) == NULL)
        g_error ("%s: “%s” does not say “%s”", c->what, error->message, c->says);
      after = snapshot (store);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_bad_ad_hoc (void)
{
  g_autoptr(DdStore) store = new_store ();
  g_autofree char *before = snapshot (store);
  struct { const char *title; const char *due; const char *says; } cases[] = {
    { "   ", "2026-05-20", "Title: an ad hoc report needs a title." },
    { "Báo cáo", "2025-11-30", "Due date: 30/11/2025 is before the date of the task’s plan (01/12/2025)." },
    { "Báo cáo", NULL, "Due date: not a valid date." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      GDate due = dd_test_date (cases[i].due);

      g_assert_cmpint (dd_store_add_ad_hoc_report (store, 901, cases[i].title, &due, &error), ==, 0);
      g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].says);
      after = snapshot (store);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Schedules */

static void
test_schedules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = new_store ();
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *audit = NULL;
  DdTaskSchedule schedule, read;
  const DdOccurrence *occ;
  GDate on = dd_test_date ("2026-09-20");

  /* Without one of its own: the default, the periods of its text. */
  g_assert_true (dd_calendar_get_task_schedule (calendar, 901, &read, &error));
  g_assert_no_error (error);
  g_assert_true (read.inherited);
  g_assert_cmpuint (read.periods, ==, DD_PERIOD_QUARTERLY);
  g_assert_cmpint (read.due_rule, ==, DD_DUE_RULE_PERIOD_END);

  /* Its own: 9 months and the year, 5 working days after the cut-off day. */
  dd_task_schedule_init (&schedule);
  schedule.periods = DD_PERIOD_NINE_MONTHS | DD_PERIOD_YEARLY;
  schedule.due_rule = DD_DUE_RULE_WORKDAYS_AFTER;
  schedule.due_param = 5;
  g_assert_true (dd_store_set_task_schedule (store, 901, &schedule, &error));
  g_assert_no_error (error);
  g_assert_true (dd_calendar_get_task_schedule (calendar, 901, &read, &error));
  g_assert_false (read.inherited);
  g_assert_cmpuint (read.periods, ==, DD_PERIOD_NINE_MONTHS | DD_PERIOD_YEARLY);
  g_assert_cmpint (read.due_rule, ==, DD_DUE_RULE_WORKDAYS_AFTER);
  g_assert_cmpint (read.due_param, ==, 5);
  list = periods_of (store, 901, "2026-01-01", "2026-12-31", "2026-10-01");
  occ = find (list, DD_OCCURRENCE_NINE_MONTHS, 2026, 1);
  /* 14/9/2026 is a Monday: five working days later is Monday 21/9. */
  assert_date (&occ->due, "2026-09-21");
  g_assert_cmpint (occ->status, ==, DD_STATUS_FORGOTTEN);
  g_assert_true (dd_store_record_report (store, 901, DD_OCCURRENCE_NINE_MONTHS, 2026, 1, &on, NULL, NULL, &error));
  g_assert_no_error (error);
  /* A quarter is no longer one of its periods. */
  g_assert_false (dd_store_record_report (store, 901, DD_OCCURRENCE_QUARTER, 2026, 2, &on, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  audit = query_text (store, "SELECT json_extract (new_values, '$.periods') FROM audit_log "
                             "WHERE table_name = 'task_schedules' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (audit, ==, "40");

  /* Bad schedules write nothing. */
  before = snapshot (store);
  schedule.due_param = 400;
  g_assert_false (dd_store_set_task_schedule (store, 901, &schedule, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Due rule:"));
  g_clear_error (&error);
  schedule.due_param = 5;
  schedule.periods = DD_PERIOD_AD_HOC;
  g_assert_false (dd_store_set_default_schedule (store, &schedule, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Periods:"));
  g_clear_error (&error);
  schedule.periods = 0;
  schedule.update_every_months = 13;
  g_assert_false (dd_store_set_task_schedule (store, 901, &schedule, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *after = snapshot (store);

    g_assert_cmpstr (after, ==, before);
  }

  /* The office-wide default: for the tasks without a schedule of their own. */
  dd_task_schedule_init (&schedule);
  schedule.due_rule = DD_DUE_RULE_WORKDAYS_AFTER;
  schedule.due_param = 3;
  schedule.update_every_months = 3;
  g_assert_true (dd_store_set_default_schedule (store, &schedule, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_get_default_schedule (store, &read, &error));
  g_assert_cmpint (read.due_param, ==, 3);
  g_assert_cmpuint (read.update_every_months, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = periods_of (store, 902, "2026-01-01", "2026-12-31", "2026-10-01");
  /* Month 5/2026 ends on Thursday 14/5: three working days later, 19/5. */
  assert_date (&find (list, DD_OCCURRENCE_MONTH, 2026, 5)->due, "2026-05-19");
  /* Back to the default: the task's own schedule is gone. */
  g_assert_true (dd_store_set_task_schedule (store, 901, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_calendar_get_task_schedule (calendar, 901, &read, &error));
  g_assert_true (read.inherited);
  g_assert_cmpint (read.due_param, ==, 3);
  g_assert_cmpuint (read.periods, ==, DD_PERIOD_QUARTERLY);
}

/* Roles */

static void
test_roles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = new_store ();
  g_autoptr(DdUsers) users = dd_users_new (store);
  g_autofree char *before = NULL;
  DdTaskSchedule schedule;
  GDate on = dd_test_date ("2026-06-20");

  g_assert_true (dd_users_set_role (users, "donvi", NULL, DD_ROLE_UNIT_EDITOR, 902, &error));
  g_assert_no_error (error);
  _dd_store_set_user (store, "donvi");

  /* Its own unit's task. */
  g_assert_true (dd_store_record_report (store, 902, DD_OCCURRENCE_MONTH, 2026, 6, &on, "7/BC", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dd_store_add_ad_hoc_report (store, 902, "Đột xuất", &on, &error), >, 0);
  g_assert_no_error (error);

  /* Not another unit's, nor the schedules. */
  before = snapshot (store);
  g_assert_false (dd_store_record_report (store, 901, DD_OCCURRENCE_QUARTER, 2026, 1, &on, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (dd_store_add_ad_hoc_report (store, 901, "Đột xuất", &on, &error), ==, 0);
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  dd_task_schedule_init (&schedule);
  g_assert_false (dd_store_set_task_schedule (store, 902, &schedule, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (dd_store_set_default_schedule (store, &schedule, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  {
    g_autofree char *after = snapshot (store);

    g_assert_cmpstr (after, ==, before);
  }
}

/* The scoring rule: a missed report counts in its own period */

/* The report counts of @unit_id's card for @period_text as of @as_of. */
static DdScoreInput
card_input (DdScoring   *scoring,
            const char  *period_text,
            const char  *as_of,
            gint64       unit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cards = NULL;
  DdScorePeriod period;
  GDate day = dd_test_date (as_of);
  DdScoreInput found = { 0 };

  g_assert_true (dd_score_period_parse (period_text, &period, &error));
  cards = dd_scoring_list_scorecards (scoring, &period, &day, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);
      const DdScoreInput *input = dd_scorecard_get_input (card);

      if (dd_scorecard_get_unit_id (card) != unit_id)
        continue;
      found.reports_on_time = input->reports_on_time;
      found.reports_late = input->reports_late;
      found.reports_forgotten = input->reports_forgotten;
      found.reports_pending = input->reports_pending;
      return found;
    }
  g_error ("No card of unit %" G_GINT64_FORMAT, unit_id);
  return found;
}

static void
assert_reports (DdScoring   *scoring,
                const char  *period,
                gint64       unit_id,
                guint        on_time,
                guint        late,
                guint        forgotten,
                guint        pending)
{
  DdScoreInput input = card_input (scoring, period, "2026-08-01", unit_id);

  g_test_message ("%s, unit %" G_GINT64_FORMAT ": %u on time, %u late, %u forgotten, %u pending", period,
                  unit_id, input.reports_on_time, input.reports_late, input.reports_forgotten,
                  input.reports_pending);
  g_assert_cmpuint (input.reports_on_time, ==, on_time);
  g_assert_cmpuint (input.reports_late, ==, late);
  g_assert_cmpuint (input.reports_forgotten, ==, forgotten);
  g_assert_cmpuint (input.reports_pending, ==, pending);
}

static void
test_scorecard_cases (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = new_store ();
  g_autoptr(DdScoring) scoring = dd_scoring_new (store);
  g_autoptr(GPtrArray) list = NULL;
  GDate march = dd_test_date ("2026-03-20"), april = dd_test_date ("2026-04-20"), may = dd_test_date ("2026-05-10");
  const DdOccurrence *feb, *mar;

  /* Task 902 (unit 902) reports monthly: January, February (its cut-off
   * day a Saturday before Tết, due after Tết) and June are never made;
   * March (due Monday 16/3, in April's window) and April are made late,
   * May on time. */
  list = periods_of (store, 902, "2026-01-01", "2026-12-31", "2026-08-01");
  feb = find (list, DD_OCCURRENCE_MONTH, 2026, 2);
  mar = find (list, DD_OCCURRENCE_MONTH, 2026, 3);
  g_assert_cmpint (g_date_compare (&feb->due, &feb->end), >, 0);
  g_assert_cmpint (g_date_get_month (&feb->due), ==, G_DATE_FEBRUARY);
  g_assert_cmpint (g_date_get_day (&feb->due), >, 14);
  assert_date (&mar->due, "2026-03-16");
  g_assert_true (dd_store_record_report (store, 902, DD_OCCURRENCE_MONTH, 2026, 3, &march, NULL, NULL, &error));
  g_assert_true (dd_store_record_report (store, 902, DD_OCCURRENCE_MONTH, 2026, 4, &april, NULL, NULL, &error));
  g_assert_true (dd_store_record_report (store, 902, DD_OCCURRENCE_MONTH, 2026, 5, &may, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Each in its own month, judged as of the day asked (1/8/2026). */
  assert_reports (scoring, "2026-01", 902, 0, 0, 1, 0);
  assert_reports (scoring, "2026-02", 902, 0, 0, 1, 0);
  assert_reports (scoring, "2026-03", 902, 0, 1, 0, 0);
  assert_reports (scoring, "2026-04", 902, 0, 1, 0, 0);
  assert_reports (scoring, "2026-05", 902, 1, 0, 0, 0);
  assert_reports (scoring, "2026-06", 902, 0, 0, 1, 0);
  /* A quarter: its three months (June's due date, Monday 15/6, is after
   * the quarter's window; March's, in it, is not its). */
  assert_reports (scoring, "2026-Q1", 902, 0, 1, 2, 0);
  assert_reports (scoring, "2026-Q2", 902, 1, 1, 1, 0);
  /* Task 901 (unit 901) reports quarterly and never did: Q1 (due Monday
   * 16/3, in Q2's window) is forgotten in Q1; Q2 (due 15/6) in Q2; task 905
   * (completed in February) owes Q1 only. */
  assert_reports (scoring, "2026-Q1", 901, 0, 0, 2, 0);
  assert_reports (scoring, "2026-Q2", 901, 0, 0, 1, 0);
  /* Not yet due as of the day asked: pending. */
  {
    DdScoreInput input = card_input (scoring, "2026-Q3", "2026-09-10", 901);

    g_assert_cmpuint (input.reports_pending, ==, 1);
    g_assert_cmpuint (input.reports_forgotten, ==, 0);
  }
}

/* The escape the issue measured: over 2020–2035, every monthly and
 * quarterly report due and never made is forgotten in its period's
 * scorecard. Before, a period was judged as of its last day and only the
 * reports due in it counted: those due on their cut-off day itself (not
 * run to a later working day) were never counted forgotten anywhere. */
static void
test_missed_reports_2020_2035 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = new_store ();
  g_autoptr(DdScoring) scoring = dd_scoring_new (store);
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  GDate from = dd_test_date ("2020-01-01"), to = dd_test_date ("2036-02-28"), as_of = dd_test_date ("2036-03-01");
  guint months = 0, quarters = 0, escaped_months = 0, escaped_quarters = 0;
  g_autoptr(GPtrArray) monthly = NULL;
  g_autoptr(GPtrArray) quarterly = NULL;

  exec_sql (store,
            "INSERT INTO units (id, name, match_key, sort_key) VALUES "
            " (911, 'Phòng Tháng', 'phong thang', x'11'), (912, 'Phòng Quý', 'phong quy', x'12');"
            "INSERT INTO plans (id, number, issued_on, title) VALUES (910, '1/KH-DAI', '2019-12-01', 'Dài hạn');"
            "INSERT INTO tasks (id, plan_id, position, number, title, lead_unit_id, deadline_kind, periods) VALUES "
            " (911, 910, 1, '1.', 'Báo cáo tháng', 911, 3, 1), (912, 910, 2, '2.', 'Báo cáo quý', 912, 3, 2);");

  /* How many the old rule let escape: due in the period's own window and
   * judged as of its last day, a report due on that day is not yet late. */
  monthly = dd_calendar_list_occurrences (calendar, 911, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  quarterly = dd_calendar_list_occurrences (calendar, 912, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *list = k == 0 ? monthly : quarterly;

      for (guint i = 0; i < list->len; i++)
        {
          const DdOccurrence *occ = g_ptr_array_index (list, i);
          gboolean escaped = g_date_compare (&occ->due, &occ->end) == 0;

          if (occ->year < 2020 || occ->year > 2035)
            continue;
          if (k == 0)
            {
              months++;
              escaped_months += escaped;
            }
          else
            {
              quarters++;
              escaped_quarters += escaped;
            }
        }
    }
  g_test_message ("Escaped before: %u of %u monthly, %u of %u quarterly", escaped_months, months,
                  escaped_quarters, quarters);
  g_assert_cmpuint (months, ==, 192);
  g_assert_cmpuint (quarters, ==, 64);
  months = quarters = 0;
  g_assert_cmpuint (escaped_months, ==, 136);
  g_assert_cmpuint (escaped_quarters, ==, 47);

  /* Now every one is forgotten in its own period, none pending. */
  for (int year = 2020; year <= 2035; year++)
    for (int month = 1; month <= 12; month++)
      {
        g_autofree char *period = g_strdup_printf ("%d-%02d", year, month);
        DdScoreInput input = card_input (scoring, period, "2036-03-01", 911);

        g_assert_cmpuint (input.reports_forgotten, ==, 1);
        g_assert_cmpuint (input.reports_pending, ==, 0);
        months += input.reports_forgotten;
        if (month % 3 == 0)
          {
            g_autofree char *quarter = g_strdup_printf ("%d-Q%d", year, month / 3);
            DdScoreInput q = card_input (scoring, quarter, "2036-03-01", 912);

            g_assert_cmpuint (q.reports_forgotten, ==, 1);
            g_assert_cmpuint (q.reports_pending, ==, 0);
            quarters += q.reports_forgotten;
          }
      }
  g_assert_cmpuint (months, ==, 192);
  g_assert_cmpuint (quarters, ==, 64);
}

/* Every page agrees after a late report */

typedef struct
{
  DdTaskStatus task;
  guint forgotten_tasks;      /* the task list's and the dashboard's count */
  guint reminders_forgotten;
  guint scorecard_forgotten;
  guint scorecard_late;
  DdTaskStatus calendar;      /* the calendar's entry of the period */
  DdOccurrenceState editor;   /* the editor's list of the task's periods */
} Seen;

static Seen
look (DdStore      *store,
      gint64        task_id,
      const GDate  *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, task_id, as_of, &error);
  g_autoptr(DdStats) stats = dd_stats_new (store);
  g_autoptr(DdScoring) scoring = dd_scoring_new (store);
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GListModel) cards = NULL;
  DdStatsQuery query;
  DdStatsHeadline headline;
  DdReminderCounts reminders;
  DdScorePeriod q3;
  GDate from = dd_test_date ("2026-09-01"), to = dd_test_date ("2026-09-30");
  Seen seen = { 0 };

  g_assert_no_error (error);
  seen.task = dd_task_get_status (task);

  dd_stats_query_init (&query);
  query.tasks.as_of = *as_of;
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  g_assert_true (dd_stats_get_headline (stats, &query, &headline, &error));
  g_assert_no_error (error);
  seen.forgotten_tasks = headline.counts[DD_STATUS_FORGOTTEN];
  g_assert_true (dd_stats_count_reminders (stats, &query.tasks, &reminders, &error));
  g_assert_no_error (error);
  seen.reminders_forgotten = reminders.forgotten;
  g_assert_cmpuint (reminders.forgotten, ==, headline.counts[DD_STATUS_FORGOTTEN]);
  g_assert_cmpuint (reminders.overdue, ==, headline.counts[DD_STATUS_OVERDUE]);
  {
    g_autoptr(GListModel) listed = dd_stats_list_reminders (stats, &query.tasks, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (listed), ==,
                      reminders.overdue + reminders.forgotten + reminders.due_soon);
  }

  dd_score_period_init (&q3, DD_OCCURRENCE_QUARTER, 2026, 3);
  cards = dd_scoring_list_scorecards (scoring, &q3, as_of, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);

      if (dd_scorecard_get_unit_id (card) == dd_task_get_lead_id (task))
        {
          seen.scorecard_forgotten = dd_scorecard_get_input (card)->reports_forgotten;
          seen.scorecard_late = dd_scorecard_get_input (card)->reports_late;
        }
    }

  entries = dd_calendar_list_entries (calendar, &from, &to, as_of, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const DdCalendarEntry *e = g_ptr_array_index (entries, i);

      if (e->task_id == task_id && e->kind == DD_OCCURRENCE_QUARTER && e->occurrence != NULL)
        seen.calendar = e->status;
    }
  periods = dd_calendar_list_task_periods (calendar, task_id, &from, &to, as_of, &error);
  g_assert_no_error (error);
  seen.editor = dd_occurrence_state_from_status (find (periods, DD_OCCURRENCE_QUARTER, 2026, 3)->status);
  return seen;
}

static void
test_pages_agree (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  gint64 plan_id = dd_sql_query_int64 (store, "SELECT id FROM plans LIMIT 1", 0);
  gint64 task8 = _dd_store_find_task_by_number (store, plan_id, "8.");
  GDate as_of = dd_test_date ("2026-11-25"), late = dd_test_date ("2026-11-20");
  Seen before, after;

  /* Task 8 of the seed plan reports each quarter, 6 months and year: as
   * of 25/11 its Q3 and 6-month reports are forgotten. */
  before = look (store, task8, &as_of);
  g_assert_cmpint (before.task, ==, DD_STATUS_FORGOTTEN);
  g_assert_cmpint (before.calendar, ==, DD_STATUS_FORGOTTEN);
  g_assert_cmpint (before.editor, ==, DD_OCCURRENCE_STATE_FORGOTTEN);
  g_assert_cmpuint (before.scorecard_forgotten, >, 0);

  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_QUARTER, 2026, 3, &late, "45/BC-HCQT",
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_HALF_YEAR, 2026, 1, &late, "46/BC-HCQT",
                                         NULL, &error));
  g_assert_no_error (error);

  /* It leaves "Quên việc" everywhere at once. */
  after = look (store, task8, &as_of);
  g_assert_cmpint (after.task, !=, DD_STATUS_FORGOTTEN);
  g_assert_cmpuint (after.forgotten_tasks, ==, before.forgotten_tasks - 1);
  g_assert_cmpuint (after.reminders_forgotten, ==, before.reminders_forgotten - 1);
  g_assert_cmpuint (after.scorecard_forgotten, ==, before.scorecard_forgotten - 1);
  g_assert_cmpuint (after.scorecard_late, ==, before.scorecard_late + 1);
  g_assert_cmpint (after.calendar, ==, DD_STATUS_DONE_LATE);
  g_assert_cmpint (after.editor, ==, DD_OCCURRENCE_STATE_LATE);
}

/* Migration */

static void
test_migration_keeps_reports (void)
{
  g_autoptr(DdStore) store = new_store ();
  g_autofree char *check = NULL;

  /* The rebuilt table takes the 9-month kind and still refuses others. */
  exec_sql (store, "INSERT INTO occurrence_reports (task_id, kind, year, period_index, reported_on) "
                   "VALUES (901, 6, 2026, 1, '2026-09-20')");
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store),
                                 "INSERT INTO occurrence_reports (task_id, kind, year) VALUES (901, 5, 2026)",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  check = query_text (store, "SELECT count (*) FROM audit_log WHERE table_name = 'occurrence_reports' "
                             "AND json_extract (new_values, '$.kind') = 6");
  g_assert_cmpstr (check, ==, "1");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/followup-reports/nine-months", test_nine_months);
  g_test_add_func ("/core/followup-reports/record-late-and-undo", test_record_late_and_undo);
  g_test_add_func ("/core/followup-reports/ad-hoc", test_ad_hoc);
  g_test_add_func ("/core/followup-reports/bad-reports", test_bad_reports);
  g_test_add_func ("/core/followup-reports/bad-ad-hoc", test_bad_ad_hoc);
  g_test_add_func ("/core/followup-reports/schedules", test_schedules);
  g_test_add_func ("/core/followup-reports/roles", test_roles);
  g_test_add_func ("/core/followup-reports/scorecard-cases", test_scorecard_cases);
  g_test_add_func ("/core/followup-reports/missed-reports-2020-2035", test_missed_reports_2020_2035);
  g_test_add_func ("/core/followup-reports/pages-agree", test_pages_agree);
  g_test_add_func ("/core/followup-reports/migration", test_migration_keeps_reports);

  return g_test_run ();
}
