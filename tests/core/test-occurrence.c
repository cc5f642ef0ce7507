/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dd-store-private.h"
#include "dd-test-core.h"

static void
assert_date (const GDate *date,
             const char  *iso)
{
  g_autofree char *got = dd_date_to_iso (date);

  g_assert_cmpstr (got, ==, iso);
}

static void
test_period_bounds (void)
{
  GDate start, end;

  /* Nghị định 09/2019/NĐ-CP, Article 12. */
  dd_period_bounds (DD_OCCURRENCE_QUARTER, 2026, 1, &start, &end);
  assert_date (&start, "2025-12-15");
  assert_date (&end, "2026-03-14");
  dd_period_bounds (DD_OCCURRENCE_QUARTER, 2026, 3, &start, &end);
  assert_date (&start, "2026-06-15");
  assert_date (&end, "2026-09-14");
  dd_period_bounds (DD_OCCURRENCE_HALF_YEAR, 2026, 1, &start, &end);
  assert_date (&start, "2025-12-15");
  assert_date (&end, "2026-06-14");
  dd_period_bounds (DD_OCCURRENCE_YEAR, 2026, 1, &start, &end);
  assert_date (&start, "2025-12-15");
  assert_date (&end, "2026-12-14");
  dd_period_bounds (DD_OCCURRENCE_MONTH, 2026, 1, &start, &end);
  assert_date (&start, "2025-12-15");
  assert_date (&end, "2026-01-14");
  dd_period_bounds (DD_OCCURRENCE_UPDATE, 2026, 2, &start, &end);
  assert_date (&start, "2026-02-01");
  assert_date (&end, "2026-02-28");
}

static void
test_expand_year (void)
{
  GDate from = dd_test_date ("2026-01-01");
  GDate to = dd_test_date ("2026-12-31");
  g_autoptr(GPtrArray) list = dd_occurrences_expand (0, DD_DUE_RULE_PERIOD_END, 0, NULL, &from, &to);
  struct { DdOccurrenceKind kind; int index; const char *due; const char *label; } expected[] = {
    /* 14/3/2026 is a Saturday, 14/6 a Sunday: the time limit runs to Monday. */
    { DD_OCCURRENCE_QUARTER, 1, "2026-03-16", "Quarter I/2026" },
    { DD_OCCURRENCE_QUARTER, 2, "2026-06-15", "Quarter II/2026" },
    { DD_OCCURRENCE_HALF_YEAR, 1, "2026-06-15", "6 months of 2026" },
    { DD_OCCURRENCE_QUARTER, 3, "2026-09-14", "Quarter III/2026" },
    { DD_OCCURRENCE_QUARTER, 4, "2026-12-14", "Quarter IV/2026" },
    { DD_OCCURRENCE_YEAR, 1, "2026-12-14", "Year 2026" },
  };

  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (list, i);

      g_assert_cmpint (occ->kind, ==, expected[i].kind);
      g_assert_cmpint (occ->index, ==, expected[i].index);
      g_assert_cmpint (occ->year, ==, 2026);
      assert_date (&occ->due, expected[i].due);
      g_assert_cmpstr (occ->label, ==, expected[i].label);
    }
}

static void
test_expand_rules (void)
{
  GDate from = dd_test_date ("2026-01-01");
  GDate to = dd_test_date ("2026-06-30");
  g_autoptr(GPtrArray) day18 = dd_occurrences_expand (DD_PERIOD_QUARTERLY, DD_DUE_RULE_DAY_OF_MONTH, 18,
                                                      NULL, &from, &to);
  g_autoptr(GPtrArray) five = dd_occurrences_expand (DD_PERIOD_QUARTERLY, DD_DUE_RULE_WORKDAYS_AFTER, 5,
                                                     NULL, &from, &to);
  g_autoptr(GPtrArray) monthly = dd_occurrences_expand (DD_PERIOD_MONTHLY, DD_DUE_RULE_PERIOD_END, 0,
                                                        NULL, &from, &to);

  g_assert_cmpuint (day18->len, ==, 2);
  assert_date (&((DdOccurrence *) g_ptr_array_index (day18, 0))->due, "2026-03-18");
  assert_date (&((DdOccurrence *) g_ptr_array_index (day18, 1))->due, "2026-06-18");
  g_assert_cmpuint (five->len, ==, 2);
  /* 14/3 (Saturday) + 5 working days. */
  assert_date (&((DdOccurrence *) g_ptr_array_index (five, 0))->due, "2026-03-20");
  /* Monthly reports: 14/1 … 14/6, 14/2 and 14/3 on a weekend, 14/2/2026 in
   * no holiday either. */
  g_assert_cmpuint (monthly->len, ==, 6);
}

static void
test_judge (void)
{
  GDate from = dd_test_date ("2026-06-01");
  GDate to = dd_test_date ("2026-09-30");
  g_autoptr(GPtrArray) list = dd_occurrences_expand (DD_PERIOD_QUARTERLY, DD_DUE_RULE_PERIOD_END, 0,
                                                     NULL, &from, &to);
  DdOccurrence *q2 = g_ptr_array_index (list, 0);
  DdOccurrence *q3 = g_ptr_array_index (list, 1);
  GDate as_of = dd_test_date ("2026-06-20");
  GDate early = dd_test_date ("2026-06-12");
  GDate late = dd_test_date ("2026-06-16");
  GDate soon;

  dd_rules_due_soon_limit (NULL, &as_of, 5, &soon);
  dd_occurrence_judge (q2, NULL, &as_of, &soon);
  g_assert_cmpint (q2->status, ==, DD_STATUS_FORGOTTEN);
  dd_occurrence_judge (q2, &early, &as_of, &soon);
  g_assert_cmpint (q2->status, ==, DD_STATUS_DONE_ON_TIME);
  dd_occurrence_judge (q2, &late, &as_of, &soon);
  g_assert_cmpint (q2->status, ==, DD_STATUS_DONE_LATE);
  dd_occurrence_judge (q3, NULL, &as_of, &soon);
  g_assert_cmpint (q3->status, ==, DD_STATUS_IN_PROGRESS);

  as_of = dd_test_date ("2026-09-08");
  dd_rules_due_soon_limit (NULL, &as_of, 5, &soon);
  dd_occurrence_judge (q3, NULL, &as_of, &soon);
  g_assert_cmpint (q3->status, ==, DD_STATUS_DUE_SOON);

  g_assert_cmpstr (dd_task_status_to_string (DD_STATUS_FORGOTTEN), ==, "forgotten");
  g_assert_cmpint (DD_N_STATUSES, ==, 7);
}

static void
test_expand_updates (void)
{
  GDate from = dd_test_date ("2026-05-01");
  GDate to = dd_test_date ("2026-12-31");
  g_autoptr(GPtrArray) monthly = dd_occurrences_expand_updates (1, NULL, &from, &to);
  g_autoptr(GPtrArray) quarterly = dd_occurrences_expand_updates (3, NULL, &from, &to);
  const DdOccurrence *may;

  /* April's window ends on 30/4, a holiday, and the weekend after 1/5:
   * its update is due on Monday 4/5, inside the range. */
  g_assert_cmpuint (monthly->len, ==, 9);
  assert_date (&((DdOccurrence *) g_ptr_array_index (monthly, 0))->due, "2026-05-04");
  may = g_ptr_array_index (monthly, 1);
  assert_date (&may->start, "2026-05-01");
  assert_date (&may->end, "2026-05-31");
  /* 31/5/2026 is a Sunday. */
  assert_date (&may->due, "2026-06-01");
  g_assert_cmpstr (may->label, ==, "Month 5/2026");
  /* Windows of three months from January: due 30/6, 30/9, 31/12. */
  g_assert_cmpuint (quarterly->len, ==, 3);
}

/* The seed plan 662/KH-VPUB, issued 28/4/2026. */
static DdStore *
seed_store (gint64 *plan_id)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");

  *plan_id = dd_sql_query_int64 (store, "SELECT id FROM plans LIMIT 1", 0);
  return g_steal_pointer (&store);
}

static void
test_seed_task_8 (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  gint64 task8 = _dd_store_find_task_by_number (store, plan_id, "8.");
  GDate from = dd_test_date ("2026-01-01");
  GDate to = dd_test_date ("2026-12-31");
  GDate as_of = dd_test_date ("2026-07-01");
  GDate reported = dd_test_date ("2026-06-12");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) again = NULL;
  const DdOccurrence *occ;
  gint64 ad_hoc;

  g_assert_cmpint (task8, >, 0);
  list = dd_calendar_list_occurrences (calendar, task8, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  /* Quarter I (due 16/3) is before the plan: Q2, 6 months, Q3, Q4, year. */
  g_assert_cmpuint (list->len, ==, 5);
  occ = g_ptr_array_index (list, 0);
  g_assert_cmpint (occ->kind, ==, DD_OCCURRENCE_QUARTER);
  g_assert_cmpint (occ->index, ==, 2);
  g_assert_cmpint (occ->status, ==, DD_STATUS_FORGOTTEN);
  occ = g_ptr_array_index (list, 4);
  g_assert_cmpint (occ->kind, ==, DD_OCCURRENCE_YEAR);
  g_assert_cmpint (occ->status, ==, DD_STATUS_IN_PROGRESS);

  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_QUARTER, 2026, 2, &reported,
                                         NULL, "Báo cáo số 1/BC-VPUB", &error));
  g_assert_no_error (error);
  ad_hoc = dd_store_add_ad_hoc_report (store, task8, "Báo cáo đột xuất về CCHC", &reported, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ad_hoc, >, 0);

  again = dd_calendar_list_occurrences (calendar, task8, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 6);
  occ = g_ptr_array_index (again, 0);
  g_assert_cmpint (occ->kind, ==, DD_OCCURRENCE_AD_HOC);
  g_assert_cmpint (occ->status, ==, DD_STATUS_FORGOTTEN);
  occ = g_ptr_array_index (again, 1);
  g_assert_cmpint (occ->kind, ==, DD_OCCURRENCE_QUARTER);
  g_assert_cmpint (occ->status, ==, DD_STATUS_DONE_ON_TIME);
  assert_date (&occ->reported_on, "2026-06-12");

  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_AD_HOC, 2026, (int) ad_hoc,
                                         &reported, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_forgotten_months (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  gint64 task2 = _dd_store_find_task_by_number (store, plan_id, "2.");
  GDate from = dd_test_date ("2026-01-01");
  GDate to = dd_test_date ("2026-12-31");
  GDate as_of = dd_test_date ("2026-08-15");
  GDate june = dd_test_date ("2026-06-20");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) after = NULL;
  DdTaskSchedule schedule;

  g_assert_cmpint (task2, >, 0);
  list = dd_calendar_list_occurrences (calendar, task2, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  /* From May (the first whole month after 28/4) to December. */
  g_assert_cmpuint (list->len, ==, 8);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (((DdOccurrence *) g_ptr_array_index (list, i))->status, ==, DD_STATUS_FORGOTTEN);
  g_assert_cmpint (((DdOccurrence *) g_ptr_array_index (list, 3))->status, ==, DD_STATUS_IN_PROGRESS);

  g_assert_true (_dd_store_begin (store, &error));
  g_assert_true (_dd_store_record_progress_locked (store, task2, 40, NULL, NULL, "Tháng 6", &june, &error));
  g_assert_true (_dd_store_commit (store, &error));
  g_assert_no_error (error);

  after = dd_calendar_list_occurrences (calendar, task2, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((DdOccurrence *) g_ptr_array_index (after, 0))->status, ==, DD_STATUS_FORGOTTEN);
  g_assert_cmpint (((DdOccurrence *) g_ptr_array_index (after, 1))->status, ==, DD_STATUS_DONE_ON_TIME);
  g_assert_cmpint (((DdOccurrence *) g_ptr_array_index (after, 2))->status, ==, DD_STATUS_FORGOTTEN);

  /* An update every quarter: windows due 30/6, 30/9, 31/12. */
  schedule = (DdTaskSchedule) { DD_DUE_RULE_PERIOD_END, 0, 3 };
  g_assert_true (dd_store_set_task_schedule (store, task2, &schedule, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = dd_calendar_list_occurrences (calendar, task2, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpint (((DdOccurrence *) g_ptr_array_index (after, 0))->status, ==, DD_STATUS_IN_PROGRESS);
}


static DdTaskStatus
status_of (DdStore    *store,
           gint64      task_id,
           const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDate as_of = dd_test_date (iso);
  g_autoptr(DdTask) task = dd_store_get_task (store, task_id, &as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);
  return dd_task_get_status (task);
}

/* The single task, the filtered list and the counts judge alike. */
static void
assert_list_agrees (DdStore    *store,
                    const char *iso)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;
  guint counts[DD_N_STATUSES];
  guint total = 0;

  dd_task_query_init (&query);
  query.as_of = dd_test_date (iso);
  g_assert_true (dd_store_count_by_status (store, &query, counts, &error));
  g_assert_no_error (error);
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      g_autoptr(DdTaskList) list = NULL;
      guint n;

      query.status = s;
      list = dd_store_query_tasks (store, &query, &error);
      g_assert_no_error (error);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      g_assert_cmpuint (n, ==, counts[s]);
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (status_of (store, dd_task_list_get_id_at (list, i), iso), ==, s);
      total += n;
    }
  g_assert_cmpuint (total, ==, 8);
}

/* A recurring task as a whole: forgotten when its latest occurrence passed
 * unreported, due soon when the next one is near, and so everywhere. */
static void
test_task_status (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  gint64 task2 = _dd_store_find_task_by_number (store, plan_id, "2.");
  gint64 task8 = _dd_store_find_task_by_number (store, plan_id, "8.");
  GDate may29 = dd_test_date ("2026-05-29");
  GDate june12 = dd_test_date ("2026-06-12");
  guint counts[DD_N_STATUSES];
  DdTaskQuery query;

  /* May's update is due on Monday 1/6: not yet near on 20/5 (the window of
   * five working days ends 27/5), near on 27/5, missed on 2/6. */
  g_assert_cmpint (status_of (store, task2, "2026-05-20"), ==, DD_STATUS_IN_PROGRESS);
  g_assert_cmpint (status_of (store, task2, "2026-05-27"), ==, DD_STATUS_DUE_SOON);
  g_assert_cmpint (status_of (store, task2, "2026-06-02"), ==, DD_STATUS_FORGOTTEN);
  assert_list_agrees (store, "2026-05-27");
  assert_list_agrees (store, "2026-06-02");

  /* The four ongoing tasks 2, 3, 4, 7 and the periodic task 8 on 2/7. */
  dd_task_query_init (&query);
  query.as_of = dd_test_date ("2026-07-02");
  g_assert_true (dd_store_count_by_status (store, &query, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[DD_STATUS_FORGOTTEN], ==, 5);

  /* An update within May clears May; June's is due 30/6, still far on 2/6. */
  g_assert_true (_dd_store_begin (store, &error));
  g_assert_true (_dd_store_record_progress_locked (store, task2, 30, NULL, NULL, "Tháng 5", &may29, &error));
  g_assert_true (_dd_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (store, task2, "2026-06-02"), ==, DD_STATUS_IN_PROGRESS);
  g_assert_cmpint (status_of (store, task2, "2026-07-02"), ==, DD_STATUS_FORGOTTEN);
  assert_list_agrees (store, "2026-06-02");

  /* Task 8 owes the Q2 and the 6-month reports, both due 14/6 (a Sunday:
   * Monday 15/6). One of them made is not enough. */
  g_assert_cmpint (status_of (store, task8, "2026-06-10"), ==, DD_STATUS_DUE_SOON);
  g_assert_cmpint (status_of (store, task8, "2026-07-01"), ==, DD_STATUS_FORGOTTEN);
  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_QUARTER, 2026, 2, &june12, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (store, task8, "2026-07-01"), ==, DD_STATUS_FORGOTTEN);
  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_HALF_YEAR, 2026, 1, &june12, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (store, task8, "2026-07-01"), ==, DD_STATUS_IN_PROGRESS);
  assert_list_agrees (store, "2026-07-01");
}

/* Another desktop's update reaches this one's statuses (the cache follows the file). */
static void
test_task_status_shared (void)
{
  g_autoptr(GError) error = NULL;
  /* In the test's own data folder (G_TEST_OPTION_ISOLATE_DIRS removes it). */
  const char *dir = g_get_user_data_dir ();
  g_autofree char *path = g_build_filename (dir, "shared.sqlite", NULL);
  g_autoptr(DdStore) mine = NULL;
  g_autoptr(DdStore) theirs = NULL;
  gint64 plan_id, task4;
  GDate may15 = dd_test_date ("2026-05-15");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  mine = dd_test_new_store (path);
  plan_id = dd_sql_query_int64 (mine, "SELECT id FROM plans LIMIT 1", 0);
  task4 = _dd_store_find_task_by_number (mine, plan_id, "4.");
  g_assert_cmpint (status_of (mine, task4, "2026-06-05"), ==, DD_STATUS_FORGOTTEN);

  theirs = dd_test_open_other (path, NULL);
  g_assert_true (_dd_store_begin (theirs, &error));
  g_assert_true (_dd_store_record_progress_locked (theirs, task4, 20, NULL, NULL, "Tháng 5", &may15, &error));
  g_assert_true (_dd_store_commit (theirs, &error));
  g_assert_no_error (error);

  g_assert_cmpint (status_of (mine, task4, "2026-06-05"), ==, DD_STATUS_IN_PROGRESS);
  assert_list_agrees (mine, "2026-06-05");
  g_clear_object (&theirs);
  g_clear_object (&mine);
}


/* Task @task_id's entry of @kind in @entries: its status, or -1. */
static int
calendar_status (GPtrArray          *entries,
                 gint64              task_id,
                 DdOccurrenceKind    kind)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const DdCalendarEntry *e = g_ptr_array_index (entries, i);

      if (e->task_id == task_id && e->kind == kind)
        return (int) e->status;
    }
  return -1;
}

static void
assert_same_entries (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const DdCalendarEntry *x = g_ptr_array_index (a, i);
      const DdCalendarEntry *y = g_ptr_array_index (b, i);

      g_assert_cmpint (x->task_id, ==, y->task_id);
      g_assert_cmpint (g_date_compare (&x->date, &y->date), ==, 0);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->occurrence, ==, y->occurrence);
      g_assert_cmpstr (x->lead, ==, y->lead);
    }
}

/* The occurrences a month's calendar keeps between two listings follow
 * the file: a listing again, on other days, after a write of this
 * connection, of another one, and inside a transaction, is what a
 * connection that kept nothing lists. */
static void
test_calendar_kept (void)
{
  g_autoptr(GError) error = NULL;
  const char *dir = g_get_user_data_dir ();
  g_autofree char *path = g_build_filename (dir, "calendar-kept.sqlite", NULL);
  g_autoptr(DdStore) mine = NULL;
  g_autoptr(DdStore) theirs = NULL;
  g_autoptr(DdCalendar) calendar = NULL;
  gint64 plan_id, task8;
  GDate from = dd_test_date ("2026-06-01");
  GDate to = dd_test_date ("2026-06-30");
  GDate reported = dd_test_date ("2026-06-12");
  const char *days[] = { "2026-06-10", "2026-07-01", "2026-06-16" };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  mine = dd_test_new_store (path);
  plan_id = dd_sql_query_int64 (mine, "SELECT id FROM plans LIMIT 1", 0);
  task8 = _dd_store_find_task_by_number (mine, plan_id, "8.");
  theirs = dd_test_open_other (path, NULL);
  calendar = dd_calendar_new (mine);

  /* The same month listed again, judged on other days: as read anew. */
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      GDate as_of = dd_test_date (days[i]);
      g_autoptr(GPtrArray) kept = NULL;
      g_autoptr(GPtrArray) fresh = NULL;
      g_autoptr(DdStore) other = dd_test_open_other (path, NULL);
      g_autoptr(DdCalendar) other_calendar = NULL;

      g_assert_no_error (error);
      other_calendar = dd_calendar_new (other);
      kept = dd_calendar_list_entries (calendar, &from, &to, &as_of, &error);
      g_assert_no_error (error);
      fresh = dd_calendar_list_entries (other_calendar, &from, &to, &as_of, &error);
      g_assert_no_error (error);
      assert_same_entries (kept, fresh);
    }

  {
    GDate as_of = dd_test_date ("2026-07-01");
    g_autoptr(GPtrArray) before = dd_calendar_list_entries (calendar, &from, &to, &as_of, &error);
    g_autoptr(GPtrArray) after_mine = NULL;
    g_autoptr(GPtrArray) after_theirs = NULL;
    g_autoptr(GPtrArray) inside = NULL;
    g_autoptr(GPtrArray) after_rollback = NULL;

    g_assert_cmpint (calendar_status (before, task8, DD_OCCURRENCE_QUARTER), ==, DD_STATUS_FORGOTTEN);
    g_assert_cmpint (calendar_status (before, task8, DD_OCCURRENCE_HALF_YEAR), ==, DD_STATUS_FORGOTTEN);

    /* This connection's write. */
    g_assert_true (dd_store_record_report (mine, task8, DD_OCCURRENCE_QUARTER, 2026, 2, &reported, NULL, NULL, &error));
    g_assert_no_error (error);
    after_mine = dd_calendar_list_entries (calendar, &from, &to, &as_of, &error);
    g_assert_cmpint (calendar_status (after_mine, task8, DD_OCCURRENCE_QUARTER), ==, DD_STATUS_DONE_ON_TIME);
    g_assert_cmpint (calendar_status (after_mine, task8, DD_OCCURRENCE_HALF_YEAR), ==, DD_STATUS_FORGOTTEN);

    /* Another desktop's. */
    g_assert_true (dd_store_record_report (theirs, task8, DD_OCCURRENCE_HALF_YEAR, 2026, 1, &reported, NULL, NULL,
                                           &error));
    g_assert_no_error (error);
    after_theirs = dd_calendar_list_entries (calendar, &from, &to, &as_of, &error);
    g_assert_cmpint (calendar_status (after_theirs, task8, DD_OCCURRENCE_HALF_YEAR), ==, DD_STATUS_DONE_ON_TIME);

    /* Inside a transaction of this connection, what it wrote counts; after
     * the rollback, it is gone. */
    g_assert_true (_dd_store_begin (mine, &error));
    if (sqlite3_exec (_dd_store_get_db (mine), "DELETE FROM occurrence_reports", NULL, NULL, NULL) != SQLITE_OK)
      g_error ("%s", sqlite3_errmsg (_dd_store_get_db (mine)));
    inside = dd_calendar_list_entries (calendar, &from, &to, &as_of, &error);
    g_assert_no_error (error);
    g_assert_cmpint (calendar_status (inside, task8, DD_OCCURRENCE_QUARTER), ==, DD_STATUS_FORGOTTEN);
    _dd_store_rollback (mine);
    after_rollback = dd_calendar_list_entries (calendar, &from, &to, &as_of, &error);
    g_assert_no_error (error);
    assert_same_entries (after_rollback, after_theirs);
  }
  g_clear_object (&calendar);
  g_clear_object (&theirs);
  g_clear_object (&mine);
}

static void exec_sql (DdStore    *store,
                      const char *sql);

static void
test_calendar (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  gint64 task8 = _dd_store_find_task_by_number (store, plan_id, "8.");
  GDate from = dd_test_date ("2026-06-01");
  GDate to = dd_test_date ("2026-06-30");
  GDate as_of = dd_test_date ("2026-07-01");
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *sql = NULL;
  guint n_task8 = 0, n_forgotten = 0;

  /* A dated task read before the ongoing ones due the same day, with a
   * larger id: its place is after them. */
  sql = g_strdup_printf ("INSERT INTO tasks (id, plan_id, position, number, title, deadline_kind, due_on) VALUES "
                         "(5000, %" G_GINT64_FORMAT ", 5000, '5000.', 'Có hạn 30/6', 1, '2026-06-30')", plan_id);
  exec_sql (store, sql);
  entries = dd_calendar_list_entries (calendar, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const DdCalendarEntry *e = g_ptr_array_index (entries, i);

      g_assert_true (g_date_compare (&e->date, &from) >= 0 && g_date_compare (&e->date, &to) <= 0);
      if (i > 0)
        g_assert_cmpint (g_date_compare (&((DdCalendarEntry *) g_ptr_array_index (entries, i - 1))->date,
                                         &e->date), <=, 0);
      if (e->task_id == task8)
        n_task8++;
      if (e->status == DD_STATUS_FORGOTTEN)
        n_forgotten++;
    }
  /* Task 8: Quarter II and 6 months, both 15/6. */
  g_assert_cmpuint (n_task8, ==, 2);
  g_assert_cmpuint (n_forgotten, >=, 2);

  /* Two days with more entries than days (sorted day by day): in order of
   * date, task and kind, and the same entries as the month's on them. */
  {
    GDate last = dd_test_date ("2026-06-29");
    g_autoptr(GPtrArray) two = dd_calendar_list_entries (calendar, &last, &to, &as_of, &error);
    guint k = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (two->len, >, 2);
    for (guint i = 0; i < two->len; i++)
      {
        const DdCalendarEntry *e = g_ptr_array_index (two, i);
        g_autoptr(DdCalendarEntry) copy = dd_calendar_entry_copy (e);

        if (i > 0)
          {
            const DdCalendarEntry *p = g_ptr_array_index (two, i - 1);
            int by_date = g_date_compare (&p->date, &e->date);

            g_assert_cmpint (by_date, <=, 0);
            if (by_date == 0)
              g_assert_true (p->task_id < e->task_id || (p->task_id == e->task_id && p->kind <= e->kind));
          }
        while (g_date_compare (&((DdCalendarEntry *) g_ptr_array_index (entries, k))->date, &last) < 0)
          k++;
        g_assert_cmpint (((DdCalendarEntry *) g_ptr_array_index (entries, k + i))->task_id, ==, e->task_id);
        g_assert_cmpstr (((DdCalendarEntry *) g_ptr_array_index (entries, k + i))->occurrence, ==, e->occurrence);

        /* A copy is one block too, with its own strings. */
        g_assert_cmpint (copy->task_id, ==, e->task_id);
        g_assert_cmpint (g_date_compare (&copy->date, &e->date), ==, 0);
        g_assert_cmpstr (copy->title, ==, e->title);
        g_assert_true (copy->title != e->title);
        g_assert_cmpstr (copy->lead, ==, e->lead);
        g_assert_cmpstr (copy->occurrence, ==, e->occurrence);
        g_assert_cmpint (copy->status, ==, e->status);
      }
    g_assert_cmpuint (k + two->len, ==, entries->len);
  }
}

/* Runs @sql (no user input) in a transaction of its own. */
static void
exec_sql (DdStore    *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  g_assert_true (_dd_store_begin (store, &error));
  g_assert_no_error (error);
  if (sqlite3_exec (_dd_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_true (_dd_store_commit (store, &error));
  g_assert_no_error (error);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  return g_date_compare (&(*(const DdOccurrence * const *) a)->due, &(*(const DdOccurrence * const *) b)->due);
}

static void
assert_same_date (const GDate *a,
                  const GDate *b)
{
  g_assert_cmpint (dd_date_is_set (a), ==, dd_date_is_set (b));
  if (dd_date_is_set (a))
    g_assert_cmpint (g_date_compare (a, b), ==, 0);
}

/* The occurrences of every task of @set over [from, to] as of @as_of are
 * those of dd_calendar_list_occurrences(), one by one: kind, period, dates,
 * report and status. Returns how many were compared. */
static guint
assert_set_agrees (DdStore         *store,
                   DdOccurrenceSet *set,
                   const char      *from_iso,
                   const char      *to_iso,
                   const char      *as_of_iso)
{
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdWorkdays) workdays = dd_calendar_get_workdays (calendar, &error);
  g_autoptr(GArray) bulk = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));
  GDate from = dd_test_date (from_iso), to = dd_test_date (to_iso), as_of = dd_test_date (as_of_iso), soon;
  guint compared = 0;

  g_assert_no_error (error);
  dd_rules_due_soon_limit (workdays, &as_of, dd_store_get_due_soon_days (store, NULL), &soon);
  for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (set); t++)
    {
      const DdOccurrenceTask *task = _dd_occurrence_set_get_task (set, t);
      g_autoptr(GPtrArray) one = dd_calendar_list_occurrences (calendar, task->id, &from, &to, &as_of, &error);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

      g_assert_no_error (error);
      g_array_set_size (bulk, 0);
      _dd_occurrence_set_judge (set, t, &from, &to, &as_of, &soon, bulk);
      /* dd_calendar_list_occurrences() sorts by due date (a stable sort). */
      for (guint i = 0; i < bulk->len; i++)
        g_ptr_array_add (sorted, &g_array_index (bulk, DdOccurrence, i));
      g_ptr_array_sort (sorted, compare_due);

      g_assert_cmpuint (sorted->len, ==, one->len);
      for (guint i = 0; i < one->len; i++)
        {
          const DdOccurrence *a = g_ptr_array_index (sorted, i);
          const DdOccurrence *b = g_ptr_array_index (one, i);

          g_assert_cmpint (a->kind, ==, b->kind);
          g_assert_cmpint (a->year, ==, b->year);
          g_assert_cmpint (a->index, ==, b->index);
          assert_same_date (&a->start, &b->start);
          assert_same_date (&a->end, &b->end);
          assert_same_date (&a->due, &b->due);
          assert_same_date (&a->reported_on, &b->reported_on);
          g_assert_cmpint (a->status, ==, b->status);
          g_assert_cmpstr (a->label, ==, b->label);
          compared++;
        }
    }
  return compared;
}

/* The ids of the live tasks that have occurrences in [from, to] one by one. */
static GArray *
tasks_with_occurrences (DdStore    *store,
                        const char *from_iso,
                        const char *to_iso,
                        const char *as_of_iso)
{
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate from = dd_test_date (from_iso), to = dd_test_date (to_iso), as_of = dd_test_date (as_of_iso);

  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store),
                                       "SELECT id FROM tasks WHERE deleted_at IS NULL ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GPtrArray) one = dd_calendar_list_occurrences (calendar, id, &from, &to, &as_of, &error);

      g_assert_no_error (error);
      if (one->len > 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

/* The occurrences of every task read at once (dd-store-occurrences.c: the
 * calendar, the scorecards, the recurring status) are those of
 * dd_calendar_list_occurrences() task by task, on the seed plan and on tasks
 * with other schedules, reports, updates, completions and ad hoc reports. */
static void
test_bulk (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  g_autoptr(DdCalendar) store_calendar = dd_calendar_new (store);
  gint64 task8 = _dd_store_find_task_by_number (store, plan_id, "8.");
  gint64 task2 = _dd_store_find_task_by_number (store, plan_id, "2.");
  g_autofree char *sql = NULL;
  const char *as_ofs[] = { "2026-03-10", "2026-07-01", "2026-11-25", "2027-02-01" };
  GDate june12 = dd_test_date ("2026-06-12"), july20 = dd_test_date ("2026-07-20"), oct5 = dd_test_date ("2026-10-05");
  g_autoptr(GArray) found = NULL;
  guint compared = 0;

  /* A plan of 2025 (its tasks owe occurrences from then) and tasks of every
   * sort: periodic with other periods and due rules, one completed, ongoing
   * with updates every 3 and 12 months and none, one completed within a
   * window, dated tasks with ad hoc reports, one in the recycle bin. */
  sql = g_strdup_printf (
    "INSERT INTO plans (id, number, issued_on, title) VALUES (900, '1/KH-TEST', '2025-02-10', 'Kế hoạch thử');"
    "INSERT INTO tasks (id, plan_id, position, number, title, lead_unit_id, deadline_kind, periods, completed_on) VALUES "
    " (901, %1$" G_GINT64_FORMAT ", 901, '901.', 'Báo cáo tháng và quý', (SELECT min (id) FROM units), 3, 3, NULL),"
    " (902, 900, 1, '1.', 'Báo cáo định kỳ, đã xong', (SELECT min (id) FROM units), 3, 0, '2026-08-20'),"
    " (903, 900, 2, '2.', 'Cập nhật hằng quý', (SELECT max (id) FROM units), 2, 0, NULL),"
    " (904, 900, 3, '3.', 'Cập nhật hằng năm', NULL, 2, 0, NULL),"
    " (905, %1$" G_GINT64_FORMAT ", 905, '905.', 'Thường xuyên, xong tháng 9', (SELECT min (id) FROM units), 2, 0, '2026-09-10'),"
    " (906, %1$" G_GINT64_FORMAT ", 906, '906.', 'Không phải cập nhật', (SELECT min (id) FROM units), 2, 0, NULL),"
    " (907, 900, 4, '4.', 'Có hạn, có báo cáo đột xuất', (SELECT min (id) FROM units), 1, 0, NULL),"
    " (908, 900, 5, '5.', 'Định kỳ trong thùng rác', (SELECT min (id) FROM units), 3, 8, NULL),"
    " (909, 900, 6, '6.', 'Báo cáo năm, 20 ngày làm việc sau', (SELECT min (id) FROM units), 3, 8, NULL);"
    "UPDATE tasks SET due_on = '2026-12-31' WHERE id = 907;"
    "UPDATE tasks SET deleted_at = '2026-05-01T00:00:00Z' WHERE id = 908;"
    "INSERT INTO task_schedules (task_id, due_rule, due_param, update_every_months) VALUES "
    " (901, 1, 18, 1), (902, 2, 10, 1), (903, 0, 0, 3), (904, 0, 0, 12), (906, 0, 0, 0), (909, 2, 20, 1);"
    "INSERT INTO progress_updates (task_id, reported_on, progress) VALUES "
    " (903, '2025-12-20', 10), (903, '2026-03-02', 20), (903, '2026-09-30', 30), (903, '2026-10-01', 35),"
    " (904, '2025-03-15', 10), (904, '2026-02-10', 20), (%2$" G_GINT64_FORMAT ", '2026-07-15', 50),"
    " (%2$" G_GINT64_FORMAT ", '2026-07-28', 55), (905, '2026-06-05', 60);"
    "INSERT INTO occurrence_reports (task_id, kind, year, period_index, reported_on) VALUES "
    " (901, 0, 2026, 5, '2026-05-14'), (901, 0, 2026, 6, '2026-06-30'), (901, 1, 2026, 3, '2026-09-01'),"
    " (902, 1, 2025, 4, '2025-12-20'), (902, 1, 2026, 1, '2026-03-30'), (902, 2, 2026, 1, '2026-06-20'),"
    " (909, 3, 2025, 1, '2026-01-05'), (909, 3, 2024, 1, '2025-01-10');",
    plan_id, task2);
  exec_sql (store, sql);
  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_QUARTER, 2026, 2, &june12, NULL, NULL, &error));
  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_YEAR, 2026, 1, &oct5, NULL, NULL, &error));
  g_assert_cmpint (dd_store_add_ad_hoc_report (store, 907, "Báo cáo đột xuất 1", &july20, &error), >, 0);
  g_assert_cmpint (dd_store_add_ad_hoc_report (store, 907, "Báo cáo đột xuất 2", &july20, &error), >, 0);
  g_assert_cmpint (dd_store_add_ad_hoc_report (store, 906, "Báo cáo đột xuất 3", &oct5, &error), >, 0);
  g_assert_cmpint (dd_store_add_ad_hoc_report (store, task8, "Báo cáo đột xuất 4", &june12, &error), >, 0);
  g_assert_no_error (error);
  exec_sql (store, "UPDATE occurrence_reports SET reported_on = '2026-07-25' "
                   "WHERE kind = 4 AND title = 'Báo cáo đột xuất 1'");

  for (guint a = 0; a < G_N_ELEMENTS (as_ofs); a++)
    {
      g_autoptr(DdWorkdays) workdays = dd_calendar_get_workdays (store_calendar, &error);
      g_autoptr(DdOccurrenceSet) calendar = NULL;
      g_autoptr(DdOccurrenceSet) led = NULL;
      GDate from = dd_test_date ("2026-01-01"), to = dd_test_date ("2026-12-31");
      GDate led_from = dd_test_date ("2025-01-01");

      g_assert_no_error (error);
      /* The calendar's year, and every live task with occurrences in it is there. */
      calendar = _dd_occurrence_set_load (store, DD_OCCURRENCE_SCOPE_CALENDAR, 0, workdays, &from, &to,
                                          NULL, &error);
      g_assert_no_error (error);
      compared += assert_set_agrees (store, calendar, "2026-01-01", "2026-12-31", as_ofs[a]);
      g_clear_pointer (&found, g_array_unref);
      found = tasks_with_occurrences (store, "2026-01-01", "2026-12-31", as_ofs[a]);
      for (guint i = 0; i < found->len; i++)
        {
          gboolean in_set = FALSE;

          for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (calendar); t++)
            in_set |= _dd_occurrence_set_get_task (calendar, t)->id == g_array_index (found, gint64, i);
          g_assert_true (in_set);
        }
      g_assert_cmpuint (found->len, >=, 12);

      /* A half year: the windows due in it began before it (an update made
       * in February counts for the year's window). */
      {
        g_autoptr(DdOccurrenceSet) half = NULL;
        GDate july = dd_test_date ("2026-07-01");

        half = _dd_occurrence_set_load (store, DD_OCCURRENCE_SCOPE_CALENDAR, 0, workdays, &july, &to, NULL, &error);
        g_assert_no_error (error);
        compared += assert_set_agrees (store, half, "2026-07-01", "2026-12-31", as_ofs[a]);
      }

      /* A month: a task with nothing due in it is not read at all (909's
       * annual report is due in January), one with only an ad hoc report
       * due is (906 in October). */
      {
        g_autoptr(DdOccurrenceSet) month = NULL;
        GDate oct1 = dd_test_date ("2026-10-01"), oct31 = dd_test_date ("2026-10-31");
        gboolean has_906 = FALSE;

        month = _dd_occurrence_set_load (store, DD_OCCURRENCE_SCOPE_CALENDAR, 0, workdays, &oct1, &oct31, NULL,
                                         &error);
        g_assert_no_error (error);
        compared += assert_set_agrees (store, month, "2026-10-01", "2026-10-31", as_ofs[a]);
        for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (month); t++)
          {
            g_assert_cmpint (_dd_occurrence_set_get_task (month, t)->id, !=, 909);
            has_906 |= _dd_occurrence_set_get_task (month, t)->id == 906;
          }
        g_assert_true (has_906);
      }

      /* The scorecards read two years at once and judge each quarter. */
      led = _dd_occurrence_set_load (store, DD_OCCURRENCE_SCOPE_LED, 0, workdays, &led_from, &to, NULL, &error);
      g_assert_no_error (error);
      compared += assert_set_agrees (store, led, "2025-01-01", "2026-12-31", as_ofs[a]);
      compared += assert_set_agrees (store, led, "2025-10-01", "2025-12-31", as_ofs[a]);
      compared += assert_set_agrees (store, led, "2026-04-01", "2026-06-30", as_ofs[a]);
      compared += assert_set_agrees (store, led, "2026-07-01", "2026-09-30", as_ofs[a]);
    }
  /* Not a comparison of nothing. */
  g_assert_cmpuint (compared, >, 500);
}

/* How dd-store-recurring.c judged a task as a whole before it judged only
 * the latest past occurrence of each kind and the coming ones: every
 * occurrence of the 430 days before @as_of to the due-soon limit, one task
 * at a time (dd_calendar_list_occurrences(), not the set of all tasks), ad
 * hoc reports aside; the latest past one of a kind unmade is forgotten, a
 * coming one near is due soon. */
static DdTaskStatus
reference_status (DdStore     *store,
                  gint64       task_id,
                  const GDate *as_of,
                  const GDate *soon)
{
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, task_id, as_of, &error);
  g_autoptr(GPtrArray) list = NULL;
  const DdOccurrence *latest[DD_N_OCCURRENCE_KINDS] = { NULL };
  DdTaskStatus status;
  GDate from = *as_of, to;

  g_assert_no_error (error);
  status = dd_rules_task_status (task->deadline_kind, &task->due, &task->completed_on, as_of, soon);
  if (status != DD_STATUS_IN_PROGRESS ||
      (task->deadline_kind != DD_DEADLINE_ONGOING && task->deadline_kind != DD_DEADLINE_PERIODIC))
    return status;
  g_date_subtract_days (&from, 430);
  to = g_date_compare (soon, as_of) > 0 ? *soon : *as_of;
  list = dd_calendar_list_occurrences (calendar, task_id, &from, &to, as_of, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (list, i);

      if (occ->kind == DD_OCCURRENCE_AD_HOC)
        continue;
      if (g_date_compare (&occ->due, as_of) < 0)
        latest[occ->kind] = occ;
      else if (occ->status == DD_STATUS_DUE_SOON)
        status = DD_STATUS_DUE_SOON;
    }
  for (int k = 0; k < DD_N_OCCURRENCE_KINDS; k++)
    if (latest[k] != NULL && latest[k]->status == DD_STATUS_FORGOTTEN)
      return DD_STATUS_FORGOTTEN;
  return status;
}

static GDate
random_day (GRand      *rand,
            const char *from_iso,
            const char *to_iso)
{
  GDate from = dd_test_date (from_iso), to = dd_test_date (to_iso);

  g_date_add_days (&from, (guint) g_rand_int_range (rand, 0, (gint32) g_date_days_between (&from, &to) + 1));
  return from;
}

/* The recurring status from the latest past occurrence of each kind and
 * the coming ones only (and only their updates read) is the status from
 * every occurrence of the look-back: on a hundred generated tasks of every
 * schedule, with reports, updates and completions at random, as of days
 * over fourteen months, the exact due dates among them, and due-soon
 * windows that run over Tết; through the cache of all tasks and through
 * one task judged alone. */
static void
test_latest_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) as_ofs = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr(GString) sql = g_string_new (NULL);
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  const int everies[] = { 0, 1, 1, 2, 3, 4, 6, 12 };
  guint counts[DD_N_STATUSES] = { 0 };
  guint exact = 0, over_holiday = 0, n_every_fourth;
  guint sample = g_getenv ("DD_TEST_SANITIZER") != NULL ? 7 : 1;
  GDate d, last;

  g_string_append (sql,
                   "INSERT INTO plans (id, number, issued_on, title) VALUES "
                   " (900, '1/KH-TEST', '2025-02-10', 'Kế hoạch thử'),"
                   " (901, '2/KH-TEST', '2025-09-20', 'Kế hoạch thử 2'),"
                   " (902, '3/KH-TEST', '2024-12-20', 'Kế hoạch thử 3');"
                   /* A yearly update whose latest past window (2025) is a
                    * year back on 31/12/2026 (owed: the plan is of
                    * 20/12/2024), made in its third month; the same unmade. */
                   "INSERT INTO tasks (id, plan_id, position, number, title, lead_unit_id, deadline_kind) VALUES "
                   " (1001, 902, 1001, '1001.', 'Cập nhật hằng năm, đã cập nhật', NULL, 2),"
                   " (1002, 902, 1002, '1002.', 'Cập nhật hằng năm, chưa cập nhật', NULL, 2);"
                   "INSERT INTO task_schedules (task_id, due_rule, due_param, update_every_months) VALUES "
                   " (1001, 0, 0, 12), (1002, 0, 0, 12);"
                   "INSERT INTO progress_updates (task_id, reported_on, progress) VALUES (1001, '2025-03-15', 10);");
  for (gint64 id = 1003; id <= 1100; id++)
    {
      gboolean periodic = g_rand_boolean (rand);
      gint64 plan = (gint64[]) { 900, 901, 902, plan_id }[g_rand_int_range (rand, 0, 4)];
      GDate done = random_day (rand, "2025-06-01", "2027-02-28");
      g_autofree char *done_iso = dd_date_to_iso (&done);
      g_autofree char *completed = g_rand_int_range (rand, 0, 4) == 0 ? g_strdup_printf ("'%s'", done_iso)
                                                                      : g_strdup ("NULL");

      g_string_append_printf (sql,
                              "INSERT INTO tasks (id, plan_id, position, number, title, lead_unit_id, deadline_kind, "
                              "periods, completed_on) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", "
                              "%" G_GINT64_FORMAT ", '%" G_GINT64_FORMAT ".', 'Nhiệm vụ sinh ngẫu nhiên', NULL, %d, "
                              "%d, %s);",
                              id, plan, id, id, periodic ? 3 : 2, periodic ? g_rand_int_range (rand, 0, 16) : 0,
                              completed);
      if (g_rand_boolean (rand))
        {
          int rule = g_rand_int_range (rand, 0, 3);

          g_string_append_printf (sql,
                                  "INSERT INTO task_schedules (task_id, due_rule, due_param, update_every_months) "
                                  "VALUES (%" G_GINT64_FORMAT ", %d, %d, %d);",
                                  id, rule, rule == 1 ? g_rand_int_range (rand, 1, 32)
                                                      : rule == 2 ? g_rand_int_range (rand, 1, 26) : 0,
                                  everies[g_rand_int_range (rand, 0, G_N_ELEMENTS (everies))]);
        }
      if (periodic)
        {
          /* Some of the reports of 2025 and 2026 made, around their periods' ends. */
          for (int year = 2025; year <= 2026; year++)
            for (int kind = DD_OCCURRENCE_MONTH; kind <= DD_OCCURRENCE_YEAR; kind++)
              for (int index = 1; index <= (kind == DD_OCCURRENCE_MONTH ? 12 : kind == DD_OCCURRENCE_QUARTER ? 4 : 1);
                   index++)
                {
                  GDate start, end;
                  g_autofree char *made = NULL;

                  if (g_rand_int_range (rand, 0, 3) == 0)
                    continue;
                  dd_period_bounds ((DdOccurrenceKind) kind, year, index, &start, &end);
                  g_date_add_days (&end, 40);
                  g_date_subtract_days (&end, (guint) g_rand_int_range (rand, 0, 60));
                  made = dd_date_to_iso (&end);
                  g_string_append_printf (sql,
                                          "INSERT INTO occurrence_reports (task_id, kind, year, period_index, "
                                          "reported_on) VALUES (%" G_GINT64_FORMAT ", %d, %d, %d, '%s');",
                                          id, kind, year, index, made);
                }
        }
      else
        for (int n = g_rand_int_range (rand, 0, 16); n > 0; n--)
          {
            GDate made = random_day (rand, "2025-01-01", "2027-02-28");
            g_autofree char *made_iso = dd_date_to_iso (&made);

            g_string_append_printf (sql,
                                    "INSERT INTO progress_updates (task_id, reported_on, progress) "
                                    "VALUES (%" G_GINT64_FORMAT ", '%s', 10);", id, made_iso);
          }
    }
  exec_sql (store, sql->str);
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store),
                                         "SELECT id FROM tasks WHERE deadline_kind IN (2, 3) ORDER BY id",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
    g_assert_cmpuint (ids->len, >=, 100);
  }

  /* Every fourth day, then the due dates of some tasks' occurrences. Under
   * the sanitizers (DD_TEST_SANITIZER, set by `.ci/dev asan`), which make
   * this test 20 times slower, every 28th day and the dates of a 7th as
   * many tasks: the same assertions on a sample. */
  last = dd_test_date ("2027-02-28");
  for (d = dd_test_date ("2026-01-02"); g_date_compare (&d, &last) <= 0; g_date_add_days (&d, 4 * sample))
    g_array_append_val (as_ofs, d);
  n_every_fourth = as_ofs->len;
  for (guint i = 0; i < ids->len; i += 7 * sample)
    {
      GDate from = dd_test_date ("2026-01-01"), to = dd_test_date ("2027-02-28"), as_of = dd_test_date ("2026-01-01");
      g_autoptr(GPtrArray) list = dd_calendar_list_occurrences (calendar, g_array_index (ids, gint64, i), &from, &to,
                                                                &as_of, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < list->len; j += 3)
        g_array_append_val (as_ofs, ((DdOccurrence *) g_ptr_array_index (list, j))->due);
    }

  for (guint a = 0; a < as_ofs->len; a++)
    {
      const GDate *as_of = &g_array_index (as_ofs, GDate, a);
      gboolean spans_holiday;
      GDate soon;

      _dd_store_due_soon_limit (store, as_of, dd_store_get_due_soon_days (store, NULL), &soon);
      /* Five working days are seven days but over a holiday. */
      spans_holiday = g_date_days_between (as_of, &soon) > 7;
      g_assert_true (_dd_store_prepare_recurring (store, as_of, &soon, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          DdTaskStatus expected = reference_status (store, id, as_of, &soon);
          g_autoptr(DdTask) task = dd_store_get_task (store, id, as_of, &error);

          g_assert_no_error (error);
          /* The cache of all the recurring tasks (the lists, the dashboard). */
          g_assert_cmpint (_dd_store_task_status (store, id, task->deadline_kind, &task->due, &task->completed_on,
                                                  as_of, &soon), ==, expected);
          g_assert_cmpint (task->status, ==, expected);
          counts[expected]++;
          if (expected == DD_STATUS_DUE_SOON && spans_holiday)
            over_holiday++;
          /* Due today, not yet made: due soon, not forgotten. */
          if (expected == DD_STATUS_DUE_SOON && a >= n_every_fourth)
            exact++;
        }
      /* One task judged alone, without the cache: a set of its own. */
      if (a % 5 == 0)
        {
          _dd_recurring_cache_free (g_steal_pointer (&store->recurring));
          for (guint i = 0; i < ids->len; i += 3)
            {
              gint64 id = g_array_index (ids, gint64, i);
              g_autoptr(DdTask) task = dd_store_get_task (store, id, as_of, &error);

              g_assert_no_error (error);
              g_assert_null (store->recurring);
              g_assert_cmpint (task->status, ==, reference_status (store, id, as_of, &soon));
            }
        }
    }
  g_assert_cmpuint (exact, >, 0);
  g_assert_cmpuint (counts[DD_STATUS_FORGOTTEN], >, 100);
  g_assert_cmpuint (counts[DD_STATUS_DUE_SOON], >, 100);
  g_assert_cmpuint (counts[DD_STATUS_IN_PROGRESS], >, 100);
  g_assert_cmpuint (over_holiday, >, 0);

  /* The yearly updates on 31/12/2026: the window of 2025 (from 1/1/2025)
   * was updated on 15/3/2025 for one, not for the other; 2026's is due today. */
  g_assert_cmpint (status_of (store, 1001, "2026-12-31"), ==, DD_STATUS_DUE_SOON);
  g_assert_cmpint (status_of (store, 1002, "2026-12-31"), ==, DD_STATUS_FORGOTTEN);
}

static void
test_extension (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  gint64 task = dd_sql_query_int64 (store, "SELECT id FROM tasks WHERE due_on IS NOT NULL ORDER BY id LIMIT 1", 0);
  GDate new_due = dd_test_date ("2026-12-31");
  GDate approved = dd_test_date ("2026-06-01");
  g_autoptr(DdTask) before = dd_store_get_task (store, task, NULL, &error);
  g_autoptr(DdTask) after = NULL;
  g_autoptr(GPtrArray) extensions = NULL;
  GDate original;

  g_assert_no_error (error);
  g_assert_null (dd_task_get_original_due (before));
  g_assert_cmpuint (dd_task_get_n_extensions (before), ==, 0);
  original = *dd_task_get_due (before);

  g_assert_false (dd_store_extend_task (store, task, &new_due, "", "Chờ ý kiến của Sở Nội vụ",
                                        "Chánh Văn phòng", NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (dd_store_extend_task (store, task, &new_due, "Công văn số 45/UBND-TH",
                                       "Chờ ý kiến của Sở Nội vụ", "Chánh Văn phòng", &approved, &error));
  g_assert_no_error (error);
  new_due = dd_test_date ("2027-01-15");
  g_assert_true (dd_store_extend_task (store, task, &new_due, "Công văn số 60/UBND-TH", "Lùi lần hai",
                                       "Chánh Văn phòng", NULL, &error));
  g_assert_no_error (error);

  after = dd_store_get_task (store, task, NULL, &error);
  g_assert_no_error (error);
  assert_date (dd_task_get_due (after), "2027-01-15");
  g_assert_cmpint (g_date_compare (dd_task_get_original_due (after), &original), ==, 0);
  g_assert_cmpuint (dd_task_get_n_extensions (after), ==, 2);
  g_assert_cmpint (dd_task_get_revision (after), ==, dd_task_get_revision (before) + 2);

  extensions = dd_calendar_list_extensions (calendar, task, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (extensions->len, ==, 2);
  assert_date (&((DdExtension *) g_ptr_array_index (extensions, 0))->approved_on, "2026-06-01");
  assert_date (&((DdExtension *) g_ptr_array_index (extensions, 1))->old_due, "2026-12-31");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/occurrence/period-bounds", test_period_bounds);
  g_test_add_func ("/occurrence/expand-year", test_expand_year);
  g_test_add_func ("/occurrence/expand-rules", test_expand_rules);
  g_test_add_func ("/occurrence/judge", test_judge);
  g_test_add_func ("/occurrence/expand-updates", test_expand_updates);
  g_test_add_func ("/occurrence/seed-task-8", test_seed_task_8);
  g_test_add_func ("/occurrence/forgotten-months", test_forgotten_months);
  g_test_add_func ("/occurrence/task-status", test_task_status);
  g_test_add_func ("/occurrence/task-status-shared", test_task_status_shared);
  g_test_add_func ("/occurrence/calendar", test_calendar);
  g_test_add_func ("/occurrence/calendar-kept", test_calendar_kept);
  g_test_add_func ("/occurrence/extension", test_extension);
  g_test_add_func ("/occurrence/bulk", test_bulk);
  g_test_add_func ("/occurrence/latest-status", test_latest_status);

  return g_test_run ();
}
