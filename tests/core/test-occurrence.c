/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dd-store-private.h"

static GDate
day (const char *iso)
{
  GDate d;

  g_date_clear (&d, 1);
  g_assert_true (dd_date_parse_iso (iso, &d));
  return d;
}

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
  GDate from = day ("2026-01-01");
  GDate to = day ("2026-12-31");
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
  GDate from = day ("2026-01-01");
  GDate to = day ("2026-06-30");
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
  GDate from = day ("2026-06-01");
  GDate to = day ("2026-09-30");
  g_autoptr(GPtrArray) list = dd_occurrences_expand (DD_PERIOD_QUARTERLY, DD_DUE_RULE_PERIOD_END, 0,
                                                     NULL, &from, &to);
  DdOccurrence *q2 = g_ptr_array_index (list, 0);
  DdOccurrence *q3 = g_ptr_array_index (list, 1);
  GDate as_of = day ("2026-06-20");
  GDate early = day ("2026-06-12");
  GDate late = day ("2026-06-16");
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

  as_of = day ("2026-09-08");
  dd_rules_due_soon_limit (NULL, &as_of, 5, &soon);
  dd_occurrence_judge (q3, NULL, &as_of, &soon);
  g_assert_cmpint (q3->status, ==, DD_STATUS_DUE_SOON);

  g_assert_cmpstr (dd_task_status_to_string (DD_STATUS_FORGOTTEN), ==, "forgotten");
  g_assert_cmpint (DD_N_STATUSES, ==, 7);
}

static void
test_expand_updates (void)
{
  GDate from = day ("2026-05-01");
  GDate to = day ("2026-12-31");
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
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (dd_store_load_default (store, &error));
  g_assert_no_error (error);
  *plan_id = dd_sql_query_int64 (store, "SELECT id FROM plans LIMIT 1", 0);
  return g_steal_pointer (&store);
}

static void
test_seed_task_8 (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  gint64 task8 = _dd_store_find_task_by_number (store, plan_id, "8.");
  GDate from = day ("2026-01-01");
  GDate to = day ("2026-12-31");
  GDate as_of = day ("2026-07-01");
  GDate reported = day ("2026-06-12");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) again = NULL;
  const DdOccurrence *occ;
  gint64 ad_hoc;

  g_assert_cmpint (task8, >, 0);
  list = dd_store_list_occurrences (store, task8, &from, &to, &as_of, &error);
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
                                         "Báo cáo số 1/BC-VPUB", &error));
  g_assert_no_error (error);
  ad_hoc = dd_store_add_ad_hoc_report (store, task8, "Báo cáo đột xuất về CCHC", &reported, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ad_hoc, >, 0);

  again = dd_store_list_occurrences (store, task8, &from, &to, &as_of, &error);
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
                                         &reported, NULL, &error));
  g_assert_no_error (error);
}

static void
test_forgotten_months (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  gint64 task2 = _dd_store_find_task_by_number (store, plan_id, "2.");
  GDate from = day ("2026-01-01");
  GDate to = day ("2026-12-31");
  GDate as_of = day ("2026-08-15");
  GDate june = day ("2026-06-20");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) after = NULL;
  DdTaskSchedule schedule;

  g_assert_cmpint (task2, >, 0);
  list = dd_store_list_occurrences (store, task2, &from, &to, &as_of, &error);
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

  after = dd_store_list_occurrences (store, task2, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((DdOccurrence *) g_ptr_array_index (after, 0))->status, ==, DD_STATUS_FORGOTTEN);
  g_assert_cmpint (((DdOccurrence *) g_ptr_array_index (after, 1))->status, ==, DD_STATUS_DONE_ON_TIME);
  g_assert_cmpint (((DdOccurrence *) g_ptr_array_index (after, 2))->status, ==, DD_STATUS_FORGOTTEN);

  /* An update every quarter: windows due 30/6, 30/9, 31/12. */
  schedule = (DdTaskSchedule) { DD_DUE_RULE_PERIOD_END, 0, 3 };
  g_assert_true (dd_store_set_task_schedule (store, task2, &schedule, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = dd_store_list_occurrences (store, task2, &from, &to, &as_of, &error);
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
  GDate as_of = day (iso);
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
  query.as_of = day (iso);
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
  GDate may29 = day ("2026-05-29");
  GDate june12 = day ("2026-06-12");
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
  query.as_of = day ("2026-07-02");
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
  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_QUARTER, 2026, 2, &june12, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (store, task8, "2026-07-01"), ==, DD_STATUS_FORGOTTEN);
  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_HALF_YEAR, 2026, 1, &june12, NULL, &error));
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
  GDate may15 = day ("2026-05-15");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  mine = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_load_default (mine, &error));
  g_assert_no_error (error);
  plan_id = dd_sql_query_int64 (mine, "SELECT id FROM plans LIMIT 1", 0);
  task4 = _dd_store_find_task_by_number (mine, plan_id, "4.");
  g_assert_cmpint (status_of (mine, task4, "2026-06-05"), ==, DD_STATUS_FORGOTTEN);

  theirs = dd_store_open (path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (_dd_store_begin (theirs, &error));
  g_assert_true (_dd_store_record_progress_locked (theirs, task4, 20, NULL, NULL, "Tháng 5", &may15, &error));
  g_assert_true (_dd_store_commit (theirs, &error));
  g_assert_no_error (error);

  g_assert_cmpint (status_of (mine, task4, "2026-06-05"), ==, DD_STATUS_IN_PROGRESS);
  assert_list_agrees (mine, "2026-06-05");
  g_clear_object (&theirs);
  g_clear_object (&mine);
}

static void
test_calendar (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  gint64 task8 = _dd_store_find_task_by_number (store, plan_id, "8.");
  GDate from = day ("2026-06-01");
  GDate to = day ("2026-06-30");
  GDate as_of = day ("2026-07-01");
  g_autoptr(GPtrArray) entries = dd_store_list_calendar (store, &from, &to, &as_of, &error);
  guint n_task8 = 0, n_forgotten = 0;

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
}

static void
test_extension (void)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  g_autoptr(DdStore) store = seed_store (&plan_id);
  gint64 task = dd_sql_query_int64 (store, "SELECT id FROM tasks WHERE due_on IS NOT NULL ORDER BY id LIMIT 1", 0);
  GDate new_due = day ("2026-12-31");
  GDate approved = day ("2026-06-01");
  g_autoptr(DdTask) before = dd_store_get_task (store, task, NULL, &error);
  g_autoptr(DdTask) after = NULL;
  g_autoptr(GPtrArray) extensions = NULL;
  GDate original;

  g_assert_no_error (error);
  g_assert_null (dd_task_get_original_due (before));
  g_assert_cmpuint (dd_task_get_n_extensions (before), ==, 0);
  original = *dd_task_get_due (before);

  g_assert_false (dd_store_extend_task (store, task, &new_due, "", "Chánh Văn phòng", NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (dd_store_extend_task (store, task, &new_due, "Chờ ý kiến của Sở Nội vụ",
                                       "Chánh Văn phòng", &approved, &error));
  g_assert_no_error (error);
  new_due = day ("2027-01-15");
  g_assert_true (dd_store_extend_task (store, task, &new_due, "Lùi lần hai", "Chánh Văn phòng", NULL, &error));
  g_assert_no_error (error);

  after = dd_store_get_task (store, task, NULL, &error);
  g_assert_no_error (error);
  assert_date (dd_task_get_due (after), "2027-01-15");
  g_assert_cmpint (g_date_compare (dd_task_get_original_due (after), &original), ==, 0);
  g_assert_cmpuint (dd_task_get_n_extensions (after), ==, 2);
  g_assert_cmpint (dd_task_get_revision (after), ==, dd_task_get_revision (before) + 2);

  extensions = dd_store_list_extensions (store, task, &error);
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
  g_test_add_func ("/occurrence/extension", test_extension);

  return g_test_run ();
}
