/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "dd-store-private.h"
#include "dd-stats-private.h"
#include "dd-test-files.h"
#include "dd-test-core.h"

/*
 * The dashboard's aggregates against figures worked out by hand on a small
 * plan built here, as of Monday 15/06/2026:
 *
 *   TT  lead     deadline                     completed     status
 *   1   Phòng A  Trước 31/5/2026              30/05/2026    done on time
 *   2   Phòng A  Trước 31/5/2026              05/06/2026    done late
 *   3   Phòng A  Trước 10/6/2026              —             overdue
 *   4   Phòng A  Trước 30/9/2026              —             in progress
 *   5   Ban B    Trước 16/6/2026              —             due soon
 *   6   Ban B    Thường xuyên                 —             in progress
 *   7   Ban B    Trước 20/5/2026              20/05/2026    done on time
 *   8   Đội C    Theo Kế hoạch của Sở Nội vụ  —             no deadline
 *   9   Đội C    Trước 1/6/2026               —             overdue
 *   10  —        Trước 30/6/2026              20/06/2026    in progress (completed after the date)
 *
 * Completion rate 3 ÷ (3 + 2) = 0.6.
 */

typedef struct
{
  DdStore *store;
  DdStats *stats;
  DdStatsQuery query;
  gint64 unit_a;
  gint64 unit_b;
} Fixture;

static const struct
{
  const char *lead;
  const char *deadline;
  const char *completed;
} fixture_tasks[] = {
  { "Phòng A", "Trước 31/5/2026", "2026-05-30" },
  { "Phòng A", "Trước 31/5/2026", "2026-06-05" },
  { "Phòng A", "Trước 10/6/2026", NULL },
  { "Phòng A", "Trước 30/9/2026", NULL },
  { "Ban B", "Trước 16/6/2026", NULL },
  { "Ban B", "Thường xuyên", NULL },
  { "Ban B", "Trước 20/5/2026", "2026-05-20" },
  { "Đội C", "Theo Kế hoạch của Sở Nội vụ", NULL },
  { "Đội C", "Trước 1/6/2026", NULL },
  { NULL, "Trước 30/6/2026", "2026-06-20" },
};

static void
exec_sql (DdStore    *store,
          const char *sql)
{
  char *message = NULL;

  sqlite3_exec (_dd_store_get_db (store), sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();
  const double targets[] = { 100, 90, 100 };
  gint64 plan_id;

  f->store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  plan->number = g_strdup ("1/KH-TEST");
  plan->title = g_strdup ("Kế hoạch thử");
  for (guint i = 0; i < G_N_ELEMENTS (fixture_tasks); i++)
    {
      DdImportedTask *task = g_new0 (DdImportedTask, 1);

      task->line = i + 1;
      task->number = g_strdup_printf ("%u.", i + 1);
      task->title = g_strdup_printf ("Nhiệm vụ số %u%s", i + 1, i == 0 || i == 9 ? ", kiểm tra" : "");
      task->lead = g_strdup (fixture_tasks[i].lead);
      task->coordinators = g_ptr_array_new_with_free_func (g_free);
      if (i == 0)
        g_ptr_array_add (task->coordinators, g_strdup ("Ban B"));
      task->deadline_text = g_strdup (fixture_tasks[i].deadline);
      g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
      g_ptr_array_add (plan->tasks, task);
    }
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      DdImportedIndicator *indicator = g_new0 (DdImportedIndicator, 1);

      indicator->title = g_strdup_printf ("Chỉ tiêu %u", i + 1);
      indicator->target = targets[i];
      g_ptr_array_add (plan->indicators, indicator);
    }
  g_assert_true (dd_store_import_plan (f->store, plan, NULL, &error));
  g_assert_no_error (error);

  plan_id = dd_sql_query_int64 (f->store, "SELECT id FROM plans", 0);
  g_assert_cmpint (plan_id, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_tasks); i++)
    {
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);

      if (fixture_tasks[i].completed != NULL)
        dd_test_complete_task (f->store, plan_id, number, fixture_tasks[i].completed);
    }

  f->unit_a = dd_test_unit_id (f->store, "Phòng A");
  f->unit_b = dd_test_unit_id (f->store, "Ban B");

  /* Indicator 1: office-wide 95/100, and a unit's 40/50 that must not be
   * added to it. Indicator 2: units only, 30/40 + 52/60 = 82%. Indicator 3:
   * nothing. All in the second quarter. Indicator ids follow positions. */
  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO indicator_figures (indicator_id, unit_id, period_start, period_end, numerator, denominator) VALUES "
      "((SELECT id FROM indicators ORDER BY position LIMIT 1), NULL, '2026-04-01', '2026-06-30', 95, 100), "
      "((SELECT id FROM indicators ORDER BY position LIMIT 1), %" G_GINT64_FORMAT ", '2026-04-01', '2026-06-30', 40, 50), "
      "((SELECT id FROM indicators ORDER BY position LIMIT 1 OFFSET 1), %" G_GINT64_FORMAT ", '2026-04-01', '2026-06-30', 30, 40), "
      "((SELECT id FROM indicators ORDER BY position LIMIT 1 OFFSET 1), %" G_GINT64_FORMAT ", '2026-04-01', '2026-06-30', 52, 60)",
      f->unit_a, f->unit_a, f->unit_b);

    exec_sql (f->store, sql);
  }

  f->stats = dd_stats_new (f->store);
  dd_stats_query_init (&f->query);
  g_assert_true (dd_date_parse_iso ("2026-06-15", &f->query.tasks.as_of));
  f->query.tasks.due_soon_days = 5;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->stats);
  g_clear_object (&f->store);
}

/* Tests */

static void
test_headline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdStatsHeadline h;
  guint counts[DD_N_STATUSES];

  g_assert_true (dd_stats_get_headline (f->stats, &f->query, &h, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (h.tasks, ==, 10);
  g_assert_cmpuint (h.counts[DD_STATUS_DONE_ON_TIME], ==, 2);
  g_assert_cmpuint (h.counts[DD_STATUS_DONE_LATE], ==, 1);
  g_assert_cmpuint (h.counts[DD_STATUS_IN_PROGRESS], ==, 3);
  g_assert_cmpuint (h.counts[DD_STATUS_DUE_SOON], ==, 1);
  g_assert_cmpuint (h.counts[DD_STATUS_OVERDUE], ==, 2);
  g_assert_cmpuint (h.counts[DD_STATUS_NO_DEADLINE], ==, 1);
  g_assert_cmpuint (h.done, ==, 3);
  g_assert_cmpuint (h.late_not_done, ==, 2);
  g_assert_true (h.has_rate);
  g_assert_cmpfloat_with_epsilon (h.completion_rate, 0.6, 1e-12);

  /* The same figures as the status filter of the task list (dd_status in SQL). */
  g_assert_true (dd_store_count_by_status (f->store, &f->query.tasks, counts, &error));
  for (int s = 0; s < DD_N_STATUSES; s++)
    g_assert_cmpuint (counts[s], ==, h.counts[s]);

  /* One unit's tasks, led or coordinated: Phòng A's four and task 1's
   * coordinator Ban B sees its own three plus task 1. */
  f->query.tasks.unit_id = f->unit_b;
  g_assert_true (dd_stats_get_headline (f->stats, &f->query, &h, &error));
  g_assert_cmpuint (h.tasks, ==, 4);
  g_assert_cmpuint (h.counts[DD_STATUS_DONE_ON_TIME], ==, 2);

  /* A plan that does not exist: nothing, and no rate. */
  f->query.tasks.unit_id = 0;
  f->query.tasks.plan_id = 999;
  g_assert_true (dd_stats_get_headline (f->stats, &f->query, &h, &error));
  g_assert_cmpuint (h.tasks, ==, 0);
  g_assert_false (h.has_rate);
}

static void
test_headline_text (Fixture       *f,
                    gconstpointer  data)
{
  DdStatsHeadline h;

  f->query.tasks.text = "Kiểm tra";   /* tasks 1 and 10 */
  g_assert_true (dd_stats_get_headline (f->stats, &f->query, &h, NULL));
  g_assert_cmpuint (h.tasks, ==, 2);
  g_assert_cmpuint (h.counts[DD_STATUS_DONE_ON_TIME], ==, 1);
  g_assert_cmpuint (h.counts[DD_STATUS_IN_PROGRESS], ==, 1);
}

static void
test_rate_update (void)
{
  DdStatsHeadline h = { 0 };

  dd_stats_headline_update (&h);
  g_assert_false (h.has_rate);
  h.counts[DD_STATUS_IN_PROGRESS] = 4;
  dd_stats_headline_update (&h);
  g_assert_false (h.has_rate);
  h.counts[DD_STATUS_OVERDUE] = 1;
  dd_stats_headline_update (&h);
  g_assert_true (h.has_rate);
  g_assert_cmpfloat (h.completion_rate, ==, 0.0);
  h.counts[DD_STATUS_DONE_LATE] = 3;
  dd_stats_headline_update (&h);
  g_assert_cmpfloat_with_epsilon (h.completion_rate, 0.75, 1e-12);
  g_assert_cmpuint (h.tasks, ==, 8);
}

static void
test_units (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = dd_stats_list_units (f->stats, &f->query, &error);
  const DdStatsUnit *u;

  g_assert_no_error (error);
  g_assert_nonnull (units);
  g_assert_cmpuint (units->len, ==, 4);

  /* Vietnamese order: B < Đ < P; the tasks without a lead last. */
  u = g_ptr_array_index (units, 0);
  g_assert_cmpstr (u->name, ==, "Ban B");
  g_assert_cmpuint (u->total, ==, 3);
  g_assert_cmpuint (u->counts[DD_STATUS_DUE_SOON], ==, 1);
  g_assert_cmpuint (u->counts[DD_STATUS_IN_PROGRESS], ==, 1);
  g_assert_cmpuint (u->counts[DD_STATUS_DONE_ON_TIME], ==, 1);

  u = g_ptr_array_index (units, 1);
  g_assert_cmpstr (u->name, ==, "Đội C");
  g_assert_cmpuint (u->total, ==, 2);
  g_assert_cmpuint (u->counts[DD_STATUS_NO_DEADLINE], ==, 1);
  g_assert_cmpuint (u->counts[DD_STATUS_OVERDUE], ==, 1);

  u = g_ptr_array_index (units, 2);
  g_assert_cmpstr (u->name, ==, "Phòng A");
  g_assert_cmpint (u->unit_id, ==, f->unit_a);
  g_assert_cmpuint (u->total, ==, 4);
  g_assert_cmpuint (u->counts[DD_STATUS_DONE_ON_TIME], ==, 1);
  g_assert_cmpuint (u->counts[DD_STATUS_DONE_LATE], ==, 1);
  g_assert_cmpuint (u->counts[DD_STATUS_OVERDUE], ==, 1);
  g_assert_cmpuint (u->counts[DD_STATUS_IN_PROGRESS], ==, 1);

  u = g_ptr_array_index (units, 3);
  g_assert_null (u->name);
  g_assert_cmpint (u->unit_id, ==, 0);
  g_assert_cmpuint (u->total, ==, 1);
  g_assert_cmpuint (u->counts[DD_STATUS_IN_PROGRESS], ==, 1);
}

static void
assert_point (const DdStatsProgress *p,
              guint                  index,
              const char            *start,
              guint                  due,
              guint                  completed,
              gboolean               future)
{
  const DdStatsPoint *point = &g_array_index (p->points, DdStatsPoint, index);
  g_autofree char *iso = dd_date_to_iso (&point->start);

  g_assert_cmpstr (iso, ==, start);
  g_assert_cmpuint (point->due, ==, due);
  if (!future)
    g_assert_cmpuint (point->completed, ==, completed);
  g_assert_cmpint (point->future, ==, future);
}

static void
test_progress_month (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdStatsProgress p;

  f->query.interval = DD_STATS_BY_MONTH;
  g_assert_true (dd_stats_get_progress (f->stats, &f->query, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.total_due, ==, 8);
  g_assert_cmpuint (p.points->len, ==, 5);
  assert_point (&p, 0, "2026-05-01", 3, 2, FALSE);
  assert_point (&p, 1, "2026-06-01", 7, 3, FALSE);
  assert_point (&p, 2, "2026-07-01", 7, 3, TRUE);
  assert_point (&p, 3, "2026-08-01", 7, 3, TRUE);
  assert_point (&p, 4, "2026-09-01", 8, 3, TRUE);
  dd_stats_progress_clear (&p);
}

static void
test_progress_week_period (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdStatsProgress p;

  /* June only, by week: cumulative counts include what came before. */
  g_assert_true (dd_date_parse_iso ("2026-06-01", &f->query.from));
  g_assert_true (dd_date_parse_iso ("2026-06-30", &f->query.to));
  g_assert_true (dd_stats_get_progress (f->stats, &f->query, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.points->len, ==, 5);
  assert_point (&p, 0, "2026-06-01", 4, 3, FALSE);
  assert_point (&p, 1, "2026-06-08", 5, 3, FALSE);
  assert_point (&p, 2, "2026-06-15", 6, 3, FALSE);
  assert_point (&p, 3, "2026-06-22", 6, 3, TRUE);
  assert_point (&p, 4, "2026-06-29", 7, 3, TRUE);
  for (guint i = 0; i < p.points->len; i++)
    g_assert_cmpint (g_date_get_weekday (&g_array_index (p.points, DdStatsPoint, i).start), ==, G_DATE_MONDAY);
  dd_stats_progress_clear (&p);

  /* Nothing due: no point. */
  f->query.tasks.plan_id = 999;
  g_assert_true (dd_stats_get_progress (f->stats, &f->query, &p, &error));
  g_assert_cmpuint (p.points->len, ==, 0);
  g_assert_cmpuint (p.total_due, ==, 0);
  dd_stats_progress_clear (&p);
}

/* Figures above DD_FIGURES_MAX cannot be entered; those of an older or
 * altered file are left out of the sums, which stay finite (two of 1e308
 * once made the sum infinite and the score NaN). */
static void
test_indicators_out_of_range (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) one_plan = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO indicator_figures (indicator_id, unit_id, period_start, period_end, numerator, denominator) VALUES "
    "((SELECT id FROM indicators ORDER BY position LIMIT 1 OFFSET 1), %" G_GINT64_FORMAT ", '2026-04-01', '2026-04-30', 1e308, 1e308), "
    "((SELECT id FROM indicators ORDER BY position LIMIT 1 OFFSET 1), %" G_GINT64_FORMAT ", '2026-05-01', '2026-05-31', 1e308, 1e308)",
    f->unit_a, f->unit_b);
  const DdStatsIndicator *i;

  exec_sql (f->store, sql);
  all = dd_stats_list_indicators (f->stats, &f->query, &error);
  g_assert_no_error (error);
  i = g_ptr_array_index (all, 1);
  g_assert_cmpfloat (i->numerator, ==, 82);
  g_assert_cmpfloat (i->denominator, ==, 100);
  g_assert_true (isfinite (i->achieved));
  g_assert_cmpint (dd_indicator_level_for (i), ==, DD_INDICATOR_AMBER);

  f->query.tasks.plan_id = dd_sql_query_int64 (f->store, "SELECT id FROM plans", 0);
  one_plan = dd_stats_list_indicators (f->stats, &f->query, &error);
  g_assert_no_error (error);
  i = g_ptr_array_index (one_plan, 1);
  g_assert_cmpfloat (i->numerator, ==, 82);
  g_assert_cmpfloat (i->denominator, ==, 100);
  f->query.tasks.plan_id = 0;
}

static void
test_indicators (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = dd_stats_list_indicators (f->stats, &f->query, &error);
  g_autoptr(GPtrArray) unit = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) one_plan = NULL;
  g_autoptr(GPtrArray) no_plan = NULL;
  const DdStatsIndicator *i;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);

  i = g_ptr_array_index (all, 0);
  g_assert_cmpstr (i->title, ==, "Chỉ tiêu 1");
  g_assert_true (i->has_data);
  g_assert_cmpfloat (i->numerator, ==, 95);     /* office-wide, the unit's not added */
  g_assert_cmpfloat (i->denominator, ==, 100);
  g_assert_cmpfloat_with_epsilon (i->achieved, 95.0, 1e-9);
  g_assert_cmpint (dd_indicator_level_for (i), ==, DD_INDICATOR_AMBER);

  i = g_ptr_array_index (all, 1);
  g_assert_true (i->has_data);
  g_assert_cmpfloat (i->numerator, ==, 82);
  g_assert_cmpfloat (i->denominator, ==, 100);
  g_assert_cmpfloat (i->target, ==, 90);
  g_assert_cmpint (dd_indicator_level_for (i), ==, DD_INDICATOR_AMBER);   /* 82 ≥ 0.9 × 90 */

  i = g_ptr_array_index (all, 2);
  g_assert_false (i->has_data);
  g_assert_cmpint (dd_indicator_level_for (i), ==, DD_INDICATOR_NO_DATA);

  /* One unit: its own figures only. */
  f->query.tasks.unit_id = f->unit_a;
  unit = dd_stats_list_indicators (f->stats, &f->query, &error);
  g_assert_cmpfloat_with_epsilon (((DdStatsIndicator *) g_ptr_array_index (unit, 0))->achieved, 80.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (((DdStatsIndicator *) g_ptr_array_index (unit, 1))->achieved, 75.0, 1e-9);
  g_assert_cmpint (dd_indicator_level_for (g_ptr_array_index (unit, 1)), ==, DD_INDICATOR_RED);

  /* One plan: its indicators, summed over the runs of its figures only
   * (another statement); another plan's: none. */
  f->query.tasks.unit_id = 0;
  f->query.tasks.plan_id = dd_sql_query_int64 (f->store, "SELECT id FROM plans", 0);
  one_plan = dd_stats_list_indicators (f->stats, &f->query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one_plan->len, ==, 3);
  for (guint k = 0; k < one_plan->len; k++)
    {
      const DdStatsIndicator *a = g_ptr_array_index (all, k);
      const DdStatsIndicator *b = g_ptr_array_index (one_plan, k);

      g_assert_cmpint (a->indicator_id, ==, b->indicator_id);
      g_assert_cmpint (a->has_data, ==, b->has_data);
      g_assert_cmpfloat (a->numerator, ==, b->numerator);
      g_assert_cmpfloat (a->denominator, ==, b->denominator);
    }
  f->query.tasks.plan_id = 999;
  no_plan = dd_stats_list_indicators (f->stats, &f->query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (no_plan->len, ==, 0);
  f->query.tasks.plan_id = 0;

  /* A period with no figure: no data anywhere. */
  g_assert_true (dd_date_parse_iso ("2026-07-01", &f->query.from));
  later = dd_stats_list_indicators (f->stats, &f->query, &error);
  for (guint k = 0; k < later->len; k++)
    g_assert_false (((DdStatsIndicator *) g_ptr_array_index (later, k))->has_data);
}

/* Every plan's indicators in one list: two plans' indicators of the
 * same text each name their plan (the overview's chart showed the same
 * label twice); one plan's keep their text. */
static void
test_indicators_of_plans (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();
  DdImportedIndicator *indicator = g_new0 (DdImportedIndicator, 1);
  DdImportedTask *task = g_new0 (DdImportedTask, 1);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) second = NULL;

  plan->number = g_strdup ("2/KH-TEST");
  plan->title = g_strdup ("Kế hoạch thứ hai");
  task->line = 1;
  task->number = g_strdup ("1.");
  task->title = g_strdup ("Rà soát thủ tục hành chính");
  task->lead = g_strdup ("Phòng A");
  task->coordinators = g_ptr_array_new_with_free_func (g_free);
  task->deadline_text = g_strdup ("Thường xuyên");
  g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
  g_ptr_array_add (plan->tasks, task);
  indicator->title = g_strdup ("Chỉ tiêu 1");
  indicator->target = 100;
  g_ptr_array_add (plan->indicators, indicator);
  dd_store_import_plan (f->store, plan, NULL, &error);
  g_assert_no_error (error);

  all = dd_stats_list_indicators (f->stats, &f->query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (((DdStatsIndicator *) g_ptr_array_index (all, 0))->title, ==, "Chỉ tiêu 1 (plan 1/KH-TEST)");
  g_assert_cmpstr (((DdStatsIndicator *) g_ptr_array_index (all, 2))->title, ==, "Chỉ tiêu 3 (plan 1/KH-TEST)");
  g_assert_cmpstr (((DdStatsIndicator *) g_ptr_array_index (all, 3))->title, ==, "Chỉ tiêu 1 (plan 2/KH-TEST)");

  f->query.tasks.plan_id = dd_sql_query_int64 (f->store, "SELECT id FROM plans WHERE number = '2/KH-TEST'", 0);
  second = dd_stats_list_indicators (f->stats, &f->query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpstr (((DdStatsIndicator *) g_ptr_array_index (second, 0))->title, ==, "Chỉ tiêu 1");
}

static void
test_dashboard (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdStatsDashboard d;
  DdStatsHeadline h;

  g_assert_true (dd_stats_get_dashboard (f->stats, &f->query, &d, &error));
  g_assert_no_error (error);
  g_assert_true (dd_stats_get_headline (f->stats, &f->query, &h, NULL));
  g_assert_cmpmem (&d.headline, sizeof h, &h, sizeof h);
  g_assert_cmpuint (d.units->len, ==, 4);
  g_assert_cmpuint (d.indicators->len, ==, 3);
  g_assert_cmpuint (d.progress.total_due, ==, 8);
  dd_stats_dashboard_clear (&d);
  g_assert_null (d.units);
}

static void
test_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdStats) stats = NULL;
  DdStatsQuery query;
  DdStatsDashboard d;
  guint counts[DD_N_STATUSES];
  guint sum = 0;

  g_assert_no_error (error);
  dd_stats_query_init (&query);
  g_assert_true (dd_date_parse_iso ("2026-05-15", &query.tasks.as_of));
  g_assert_true (dd_store_load_sample (store, &query.tasks.as_of, &error));
  g_assert_no_error (error);
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);

  stats = dd_stats_new (store);
  g_assert_true (dd_stats_get_dashboard (stats, &query, &d, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_count_by_status (store, &query.tasks, counts, &error));
  for (int s = 0; s < DD_N_STATUSES; s++)
    g_assert_cmpuint (d.headline.counts[s], ==, counts[s]);
  /* The sample has every status of the rule: the bars add up to the total. */
  for (guint i = 0; i < d.units->len; i++)
    sum += ((DdStatsUnit *) g_ptr_array_index (d.units, i))->total;
  g_assert_cmpuint (sum, ==, d.headline.tasks);
  g_assert_cmpuint (d.headline.counts[DD_STATUS_OVERDUE], >, 0);
  g_assert_cmpuint (d.headline.counts[DD_STATUS_DONE_ON_TIME], >, 0);
  dd_stats_dashboard_clear (&d);
}

/* The scorecards' figures of @indicator_id over @periods (judged as the
 * dashboard judges them: as of @as_of while a period runs), for @unit_id
 * (0: every unit). */
static void
scored_sum (DdStore     *store,
            gint64       indicator_id,
            gint64       unit_id,
            const char  *const *periods,
            const GDate *as_of,
            double      *out_numerator,
            double      *out_denominator)
{
  g_autoptr(DdScoring) scoring = dd_scoring_new (store);

  *out_numerator = *out_denominator = 0;
  for (guint i = 0; periods[i] != NULL; i++)
    {
      g_autoptr(GListModel) cards = NULL;
      g_autoptr(GError) error = NULL;
      DdScorePeriod period;
      double numerator, denominator;

      g_assert_true (dd_score_period_parse (periods[i], &period, &error));
      cards = dd_scoring_list_scorecards (scoring, &period, g_date_compare (as_of, &period.end) < 0 ? as_of : NULL,
                                          &error);
      g_assert_no_error (error);
      dd_scorecards_sum_indicator (cards, indicator_id, unit_id, &numerator, &denominator);
      *out_numerator += numerator;
      *out_denominator += denominator;
    }
}

static const DdStatsIndicator *
find_indicator (GPtrArray *indicators,
                gint64     id)
{
  for (guint i = 0; i < indicators->len; i++)
    if (((DdStatsIndicator *) g_ptr_array_index (indicators, i))->indicator_id == id)
      return g_ptr_array_index (indicators, i);
  g_assert_not_reached ();
}

/* A derived indicator ("100% hồ sơ, nhiệm vụ hoàn thành đúng hạn"): its
 * figures are the scorecards' of the reporting periods in the dashboard's
 * period (the workbook's and the Indicators page's), never typed figures. */
static void
test_derived (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdStats) stats = NULL;
  g_autoptr(DdFigures) figures = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(DdUnit) unit = NULL;
  const char *const q1[] = { "2026-Q1", NULL };
  const char *const months[] = { "2026-05", "2026-06", NULL };
  DdDossierFigures dossiers = { .received = 20, .on_time = 15, .late = 3, .pending = 2, .apologies = 3 };
  DdScorePeriod period;
  DdStatsQuery query;
  gint64 derived = 0;
  double numerator, denominator;

  g_assert_no_error (error);
  dd_stats_query_init (&query);
  g_assert_true (dd_date_parse_iso ("2026-05-15", &query.tasks.as_of));
  g_assert_true (dd_store_load_sample (store, &query.tasks.as_of, &error));
  g_assert_no_error (error);
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  stats = dd_stats_new (store);
  figures = dd_figures_new (store);
  infos = dd_figures_list_indicators (figures, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < infos->len && derived == 0; i++)
    if (((DdIndicatorInfo *) g_ptr_array_index (infos, i))->derived)
      derived = ((DdIndicatorInfo *) g_ptr_array_index (infos, i))->id;
  g_assert_cmpint (derived, >, 0);
  units = dd_store_list_units (store, 0, &error);
  g_assert_no_error (error);
  /* The first unit (a group is never scored). */
  for (guint i = 0; unit == NULL && i < g_list_model_get_n_items (units); i++)
    {
      unit = g_list_model_get_item (units, i);
      if (dd_unit_get_is_group (unit))
        g_clear_object (&unit);
    }
  g_assert_nonnull (unit);
  /* Dossiers of a unit in the first quarter, and a typed figure an older
   * file may hold for the derived indicator: the first counts, the second
   * never. */
  g_assert_true (dd_score_period_parse ("2026-Q1", &period, &error));
  g_assert_true (dd_figures_set_dossier_figures (figures, dd_unit_get_id (unit), &period, &dossiers, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO indicator_figures (indicator_id, unit_id, period_start, "
                                            "period_end, numerator, denominator) VALUES (%" G_GINT64_FORMAT
                                            ", NULL, '2026-01-01', '2026-03-01', 1, 1000)", derived);

    g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  /* Exactly a reporting quarter. */
  query.from = period.start;
  query.to = period.end;
  {
    g_autoptr(GPtrArray) list = dd_stats_list_indicators (stats, &query, &error);
    const DdStatsIndicator *indicator;

    g_assert_no_error (error);
    indicator = find_indicator (list, derived);
    scored_sum (store, derived, 0, q1, &query.tasks.as_of, &numerator, &denominator);
    g_assert_cmpfloat (denominator, >=, 18);
    g_assert_cmpfloat (numerator, >=, 15);
    g_assert_true (indicator->has_data);
    g_assert_cmpfloat (indicator->numerator, ==, numerator);
    g_assert_cmpfloat (indicator->denominator, ==, denominator);
    g_assert_cmpfloat (indicator->achieved, ==, 100.0 * numerator / denominator);
  }
  /* One unit's. */
  query.tasks.unit_id = dd_unit_get_id (unit);
  {
    g_autoptr(GPtrArray) list = dd_stats_list_indicators (stats, &query, &error);
    const DdStatsIndicator *indicator;

    g_assert_no_error (error);
    indicator = find_indicator (list, derived);
    scored_sum (store, derived, dd_unit_get_id (unit), q1, &query.tasks.as_of, &numerator, &denominator);
    g_assert_cmpfloat (denominator, >=, 18);
    g_assert_cmpfloat (indicator->numerator, ==, numerator);
    g_assert_cmpfloat (indicator->denominator, ==, denominator);
  }
  query.tasks.unit_id = 0;

  /* The dashboard's calendar quarter (01/04–30/06): the reporting months
   * that lie in it (15/04–14/05, 15/05–14/06), the second judged as of the
   * dashboard's date; through the dashboard's reading too. */
  g_assert_true (dd_date_parse_iso ("2026-04-01", &query.from));
  g_assert_true (dd_date_parse_iso ("2026-06-30", &query.to));
  {
    DdStatsDashboard d;
    const DdStatsIndicator *indicator;

    g_assert_true (dd_stats_get_dashboard (stats, &query, &d, &error));
    g_assert_no_error (error);
    indicator = find_indicator (d.indicators, derived);
    scored_sum (store, derived, 0, months, &query.tasks.as_of, &numerator, &denominator);
    g_assert_cmpfloat (indicator->numerator, ==, numerator);
    g_assert_cmpfloat (indicator->denominator, ==, denominator);
    g_assert_true (indicator->has_data == (denominator > 0));
    dd_stats_dashboard_clear (&d);
  }

  /* A period of decades: no figure rather than hundreds of scorecards. */
  g_assert_true (dd_date_parse_iso ("1900-01-01", &query.from));
  g_assert_true (dd_date_parse_iso ("2100-12-31", &query.to));
  {
    g_autoptr(GPtrArray) list = dd_stats_list_indicators (stats, &query, &error);

    g_assert_no_error (error);
    g_assert_false (find_indicator (list, derived)->has_data);
  }
}

typedef struct
{
  GMainLoop *loop;
  DdStatsReading *reading;
  GError *error;
} AsyncWait;

static void
on_reading_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->reading = dd_stats_load_dashboard_finish (DD_STATS (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static DdStatsReading *
load_and_wait (DdStats            *stats,
               const DdStatsQuery *query,
               DdStatsLoad         what,
               GCancellable       *cancellable,
               GError            **error)
{
  AsyncWait wait = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  dd_stats_load_dashboard_async (stats, query, what, cancellable, on_reading_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.reading;
}

/* On the worker, the figures come without the derived indicators' (the
 * scorecards take seconds on a large file), and a reading of
 * DD_STATS_LOAD_DERIVED alone gives every indicator as the method does. */
static void
test_derived_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdStats) stats = NULL;
  g_autoptr(DdStatsReading) figures = NULL;
  g_autoptr(DdStatsReading) derived = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  DdStatsQuery query;
  guint n_derived = 0;

  g_assert_no_error (error);
  dd_stats_query_init (&query);
  g_assert_true (dd_date_parse_iso ("2026-05-15", &query.tasks.as_of));
  g_assert_true (dd_store_load_sample (store, &query.tasks.as_of, &error));
  g_assert_no_error (error);
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  g_assert_true (dd_date_parse_iso ("2026-01-01", &query.from));
  g_assert_true (dd_date_parse_iso ("2026-06-30", &query.to));
  stats = dd_stats_new (store);
  expected = dd_stats_list_indicators (stats, &query, &error);
  g_assert_no_error (error);

  figures = load_and_wait (stats, &query, DD_STATS_LOAD_FIGURES, NULL, &error);
  g_assert_no_error (error);
  derived = load_and_wait (stats, &query, DD_STATS_LOAD_DERIVED, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (derived->loaded == DD_STATS_LOAD_DERIVED);
  g_assert_cmpuint (figures->dashboard.indicators->len, ==, expected->len);
  g_assert_cmpuint (derived->dashboard.indicators->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const DdStatsIndicator *e = g_ptr_array_index (expected, i);
      const DdStatsIndicator *a = g_ptr_array_index (derived->dashboard.indicators, i);
      const DdStatsIndicator *f = g_ptr_array_index (figures->dashboard.indicators, i);

      g_assert_cmpint (a->indicator_id, ==, e->indicator_id);
      g_assert_cmpfloat (a->numerator, ==, e->numerator);
      g_assert_cmpfloat (a->denominator, ==, e->denominator);
      /* The sample's indicators are all derived: none has a figure yet. */
      g_assert_false (f->has_data);
      n_derived += e->has_data;
    }
  g_assert_cmpuint (n_derived, >, 0);
}

/* The reading on a worker gives what the methods give at once; a plan
 * that is gone is dropped from the query; a cancelled reading is not made.
 * On a file (a thread and a connection of its own) and in memory (on the
 * main thread, the store itself). */
static void
check_async_reading (DdStore           *store,
                     const DdStatsQuery *base)
{
  g_autoptr(DdStats) stats = dd_stats_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStatsReading) reading = NULL;
  g_autoptr(DdStatsReading) gone = NULL;
  g_autoptr(DdStatsReading) cancelled = NULL;
  g_autoptr(GListModel) plans = dd_store_list_plans (store, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DdStatsQuery query = *base;
  DdStatsDashboard d;
  DdTaskQuery six_clear;
  guint n_six_clear = 0;

  g_assert_no_error (error);
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  g_assert_true (dd_stats_get_dashboard (stats, &query, &d, &error));
  g_assert_no_error (error);
  six_clear = query.tasks;
  six_clear.six_clear_incomplete = TRUE;
  g_assert_true (dd_store_count_tasks (store, &six_clear, &n_six_clear, &error));

  reading = load_and_wait (stats, &query,
                           DD_STATS_LOAD_FIGURES | DD_STATS_LOAD_PLANS | DD_STATS_LOAD_SIX_CLEAR,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reading);
  g_assert_cmpint (reading->loaded, ==, DD_STATS_LOAD_FIGURES | DD_STATS_LOAD_PLANS | DD_STATS_LOAD_SIX_CLEAR);
  g_assert_cmpuint (reading->dashboard.headline.tasks, ==, d.headline.tasks);
  g_assert_cmpuint (reading->dashboard.headline.tasks, >, 0);
  for (int s = 0; s < DD_N_STATUSES; s++)
    g_assert_cmpuint (reading->dashboard.headline.counts[s], ==, d.headline.counts[s]);
  g_assert_cmpuint (reading->dashboard.units->len, ==, d.units->len);
  g_assert_cmpuint (reading->dashboard.indicators->len, ==, d.indicators->len);
  g_assert_cmpuint (reading->n_six_clear, ==, n_six_clear);
  g_assert_cmpuint (g_list_model_get_n_items (reading->plans), ==, g_list_model_get_n_items (plans));
  dd_stats_dashboard_clear (&d);

  /* A plan that is not (or no longer) in the file: every plan's figures. */
  query.tasks.plan_id = 999999;
  gone = load_and_wait (stats, &query, DD_STATS_LOAD_FIGURES | DD_STATS_LOAD_PLANS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gone->query.tasks.plan_id, ==, 0);
  g_assert_cmpuint (gone->dashboard.headline.tasks, ==, reading->dashboard.headline.tasks);
  g_assert_false (gone->loaded & DD_STATS_LOAD_SIX_CLEAR);

  g_cancellable_cancel (cancellable);
  cancelled = load_and_wait (stats, &query, DD_STATS_LOAD_FIGURES, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
}

static void
test_async_memory (Fixture       *f,
                   gconstpointer  data)
{
  check_async_reading (f->store, &f->query);
}

static void
test_async_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-stats-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "stats.sqlite", NULL);
  DdStatsQuery query;

  dd_stats_query_init (&query);
  g_assert_true (dd_date_parse_iso ("2026-05-15", &query.tasks.as_of));
  {
    g_autoptr(DdStore) store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_true (dd_store_load_sample (store, &query.tasks.as_of, &error));
    check_async_reading (store, &query);
  }
  dd_test_remove_tree (dir);
}

/* What a reading of a file gave is kept on disk (the user's cache folder)
 * and given again while the file is as it was: the same figures, the same
 * "6 rõ" count, the same derived indicators. Once the file changed (a task
 * moved to the recycle bin), the figures are read again, never the kept
 * ones. */
static void
check_same_reading (const DdStatsReading *a,
                    const DdStatsReading *b)
{
  g_assert_cmpuint (a->dashboard.headline.tasks, ==, b->dashboard.headline.tasks);
  for (int s = 0; s < DD_N_STATUSES; s++)
    g_assert_cmpuint (a->dashboard.headline.counts[s], ==, b->dashboard.headline.counts[s]);
  g_assert_cmpfloat (a->dashboard.headline.completion_rate, ==, b->dashboard.headline.completion_rate);
  g_assert_cmpuint (a->dashboard.units->len, ==, b->dashboard.units->len);
  for (guint i = 0; i < a->dashboard.units->len; i++)
    {
      const DdStatsUnit *ua = g_ptr_array_index (a->dashboard.units, i);
      const DdStatsUnit *ub = g_ptr_array_index (b->dashboard.units, i);

      g_assert_cmpint (ua->unit_id, ==, ub->unit_id);
      g_assert_cmpstr (ua->name, ==, ub->name);
      g_assert_cmpuint (ua->total, ==, ub->total);
      g_assert_cmpmem (ua->counts, sizeof ua->counts, ub->counts, sizeof ub->counts);
    }
  g_assert_cmpuint (a->dashboard.progress.points->len, ==, b->dashboard.progress.points->len);
  g_assert_cmpuint (a->dashboard.progress.total_due, ==, b->dashboard.progress.total_due);
  for (guint i = 0; i < a->dashboard.progress.points->len; i++)
    {
      const DdStatsPoint *pa = &g_array_index (a->dashboard.progress.points, DdStatsPoint, i);
      const DdStatsPoint *pb = &g_array_index (b->dashboard.progress.points, DdStatsPoint, i);

      g_assert_cmpint (g_date_compare (&pa->start, &pb->start), ==, 0);
      g_assert_cmpint (g_date_compare (&pa->end, &pb->end), ==, 0);
      g_assert_cmpuint (pa->due, ==, pb->due);
      g_assert_cmpuint (pa->completed, ==, pb->completed);
      g_assert_cmpint (pa->future, ==, pb->future);
    }
  g_assert_cmpuint (a->n_six_clear, ==, b->n_six_clear);
}

static void
check_same_indicators (GPtrArray *a,
                       GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const DdStatsIndicator *ia = g_ptr_array_index (a, i);
      const DdStatsIndicator *ib = g_ptr_array_index (b, i);

      g_assert_cmpint (ia->indicator_id, ==, ib->indicator_id);
      g_assert_cmpstr (ia->title, ==, ib->title);
      g_assert_cmpint (ia->has_data, ==, ib->has_data);
      g_assert_cmpfloat (ia->numerator, ==, ib->numerator);
      g_assert_cmpfloat (ia->denominator, ==, ib->denominator);
    }
}

static guint
count_kept (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "dondoc", "dashboard", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
test_kept_file (void)
{
  const DdStatsLoad what = DD_STATS_LOAD_FIGURES | DD_STATS_LOAD_SIX_CLEAR;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-stats-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "stats.sqlite", NULL);
  g_autoptr(DdStore) store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdStats) stats = NULL;
  g_autoptr(DdStatsReading) first = NULL;
  g_autoptr(DdStatsReading) again = NULL;
  g_autoptr(DdStatsReading) after = NULL;
  g_autoptr(DdStatsReading) derived = NULL;
  g_autoptr(DdStatsReading) derived_again = NULL;
  g_autoptr(DdTaskList) tasks = NULL;
  g_autoptr(DdTask) task = NULL;
  DdTaskQuery all;
  DdStatsQuery query;
  DdStatsDashboard now;

  g_assert_no_error (error);
  dd_stats_query_init (&query);
  g_assert_true (dd_date_parse_iso ("2026-05-15", &query.tasks.as_of));
  g_assert_true (dd_date_parse_iso ("2026-01-01", &query.from));
  g_assert_true (dd_date_parse_iso ("2026-06-30", &query.to));
  g_assert_true (dd_store_load_sample (store, &query.tasks.as_of, &error));
  g_assert_no_error (error);
  stats = dd_stats_new (store);
  g_assert_cmpuint (count_kept (), ==, 0);

  first = load_and_wait (stats, &query, what, NULL, &error);
  g_assert_no_error (error);
  derived = load_and_wait (stats, &query, DD_STATS_LOAD_DERIVED, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_kept (), ==, 3);
  again = load_and_wait (stats, &query, what, NULL, &error);
  g_assert_no_error (error);
  check_same_reading (first, again);
  check_same_indicators (first->dashboard.indicators, again->dashboard.indicators);
  derived_again = load_and_wait (stats, &query, DD_STATS_LOAD_DERIVED, NULL, &error);
  g_assert_no_error (error);
  check_same_indicators (derived->dashboard.indicators, derived_again->dashboard.indicators);

  /* A change of the file: read again, as the methods read it now. */
  dd_task_query_init (&all);
  tasks = dd_store_query_tasks (store, &all, &error);
  g_assert_no_error (error);
  task = g_list_model_get_item (G_LIST_MODEL (tasks), 0);
  g_assert_true (dd_store_delete_task (store, dd_task_get_id (task), &error));
  g_assert_no_error (error);
  after = load_and_wait (stats, &query, what, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->dashboard.headline.tasks, ==, first->dashboard.headline.tasks - 1);
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  g_assert_true (dd_stats_get_dashboard (stats, &query, &now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (after->dashboard.headline.tasks, ==, now.headline.tasks);
  for (int s = 0; s < DD_N_STATUSES; s++)
    g_assert_cmpuint (after->dashboard.headline.counts[s], ==, now.headline.counts[s]);
  dd_stats_dashboard_clear (&now);

  g_clear_object (&stats);
  g_clear_object (&store);
  dd_test_remove_tree (dir);
}

/* The dashboard's "6 rõ" count (dd-stats-six-clear.c: one pass in C)
 * equals the task list's filter (SIX_CLEAR_FAILS_EXPR), on the sample
 * made to fail each term of the rule in turn, for every plan and each. */
static void
check_six_clear_count (DdStore *store,
                       GDate   *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans = dd_store_list_plans (store, &error);
  guint n_plans;

  g_assert_no_error (error);
  n_plans = g_list_model_get_n_items (plans);
  for (guint i = 0; i <= n_plans; i++)
    {
      DdTaskQuery query;
      guint counted = G_MAXUINT, filtered = G_MAXUINT;

      dd_task_query_init (&query);
      query.as_of = *as_of;
      if (i < n_plans)
        {
          g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);

          query.plan_id = dd_plan_get_id (plan);
        }
      g_assert_true (_dd_stats_count_six_clear (store, &query, &counted, &error));
      g_assert_no_error (error);
      query.six_clear_incomplete = TRUE;
      g_assert_true (dd_store_count_tasks (store, &query, &filtered, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counted, ==, filtered);
    }
}

static void
test_six_clear_count (void)
{
  const char *const changes[] = {
    /* Short titles, blank products and directing leaders. */
    "UPDATE tasks SET title = 'Kế hoạch' WHERE id % 7 = 0",
    "UPDATE tasks SET title = '   ' WHERE id % 31 = 1",
    "UPDATE tasks SET product = '  ' WHERE id % 5 = 1",
    "UPDATE tasks SET product = NULL WHERE id % 37 = 2",
    "UPDATE tasks SET directing = NULL WHERE id % 11 = 2",
    /* No kind, a date without its date, a time not understood. */
    "UPDATE tasks SET deadline_kind = 0, due_on = NULL WHERE id % 13 = 3",
    "UPDATE tasks SET due_on = NULL WHERE deadline_kind IN (1, 5) AND id % 3 = 0",
    "UPDATE tasks SET deadline_understood = 0 WHERE deadline_kind IN (2, 3, 4) AND id % 2 = 0",
    "UPDATE tasks SET deadline_understood = 0 WHERE deadline_kind IN (1, 5) AND id % 2 = 1",
    /* No lead, a group leading, a lead among the coordinators (an
     * imported file may hold one). */
    "UPDATE tasks SET lead_unit_id = NULL WHERE id % 17 = 4",
    "UPDATE tasks SET lead_unit_id = (SELECT min (id) FROM units WHERE is_group = 1) WHERE id % 19 = 5",
    "INSERT OR IGNORE INTO task_coordinators (task_id, unit_id, position) "
    "SELECT id, lead_unit_id, 99 FROM tasks WHERE lead_unit_id IS NOT NULL AND id % 23 = 6",
    /* In the recycle bin: counted by neither. */
    "UPDATE tasks SET deleted_at = '2026-05-01T00:00:00Z' WHERE id % 29 = 7",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  GDate as_of;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (dd_date_parse_iso ("2026-05-15", &as_of));
  g_assert_true (dd_store_load_sample (store, &as_of, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dd_sql_query_int64 (store, "SELECT count (*) FROM units WHERE is_group = 1", 0), >, 0);
  check_six_clear_count (store, &as_of);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      exec_sql (store, changes[i]);
      check_six_clear_count (store, &as_of);
    }
  {
    DdTaskQuery query;

    dd_task_query_init (&query);
    g_assert_true (_dd_stats_count_six_clear (store, &query, &n, &error));
    g_assert_no_error (error);
    /* Most of the sample's tasks fail by now, not all. */
    g_assert_cmpuint (n, >, 10);
    g_assert_cmpint (n, <, dd_sql_query_int64 (store, "SELECT count (*) FROM tasks WHERE deleted_at IS NULL", 0));
  }
}

/* The derived indicators' figures (summed without the scorecards,
 * _dd_scoring_sum_derived()) equal the scorecards' (dd_scorecards_sum_indicator())
 * for every derived indicator of the sample, in the periods the dashboard
 * offers and for every unit; again on the worker after tasks were
 * completed (its kept scoring brought up to date), and after a unit
 * became a group. */
static void
check_derived_every (DdStats            *stats,
                     DdStore            *store,
                     const DdStatsQuery *base)
{
  /* Reporting periods (from the 15th of a month to the 14th), and the
   * dashboard's calendar quarter 01/04–30/06 with the two reporting months
   * that lie in it. */
  static const struct
  {
    const char *from;           /* NULL: the period's own days */
    const char *to;
    const char *periods[3];
  } ranges[] = {
    { NULL, NULL, { "2026-Q1", NULL } },
    { NULL, NULL, { "2026-Q2", NULL } },
    { NULL, NULL, { "2026-H1", NULL } },
    { NULL, NULL, { "2026", NULL } },
    { "2026-04-01", "2026-06-30", { "2026-05", "2026-06", NULL } },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = dd_store_list_units (store, 0, &error);
  g_autoptr(DdFigures) figures = dd_figures_new (store);
  g_autoptr(GPtrArray) infos = dd_figures_list_indicators (figures, 0, &error);
  guint n_with_data = 0;

  g_assert_no_error (error);
  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint u = 0; u <= g_list_model_get_n_items (units); u++)
      {
        g_autoptr(DdUnit) unit = u > 0 ? g_list_model_get_item (units, u - 1) : NULL;
        g_autoptr(GPtrArray) list = NULL;
        DdStatsQuery query = *base;

        if (ranges[r].from != NULL)
          {
            g_assert_true (dd_date_parse_iso (ranges[r].from, &query.from));
            g_assert_true (dd_date_parse_iso (ranges[r].to, &query.to));
          }
        else
          {
            DdScorePeriod period;

            g_assert_true (dd_score_period_parse (ranges[r].periods[0], &period, &error));
            query.from = period.start;
            query.to = period.end;
          }
        query.tasks.unit_id = unit != NULL ? dd_unit_get_id (unit) : 0;
        list = dd_stats_list_indicators (stats, &query, &error);
        g_assert_no_error (error);
        for (guint i = 0; i < infos->len; i++)
          {
            const DdIndicatorInfo *info = g_ptr_array_index (infos, i);
            const DdStatsIndicator *indicator;
            double numerator, denominator;

            if (!info->derived)
              continue;
            indicator = find_indicator (list, info->id);
            scored_sum (store, info->id, query.tasks.unit_id, ranges[r].periods, &query.tasks.as_of, &numerator,
                        &denominator);
            g_assert_cmpfloat (indicator->numerator, ==, numerator);
            g_assert_cmpfloat (indicator->denominator, ==, denominator);
            g_assert_cmpint (indicator->has_data, ==, denominator > 0);
            n_with_data += indicator->has_data;
          }
      }
  g_assert_cmpuint (n_with_data, >, 0);
}

static void
check_derived_async (DdStats            *stats,
                     DdStore            *store,
                     const DdStatsQuery *query,
                     const char         *const *periods)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStatsReading) reading = load_and_wait (stats, query, DD_STATS_LOAD_DERIVED, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < reading->dashboard.indicators->len; i++)
    {
      const DdStatsIndicator *indicator = g_ptr_array_index (reading->dashboard.indicators, i);
      double numerator, denominator;

      scored_sum (store, indicator->indicator_id, 0, periods, &query->tasks.as_of, &numerator, &denominator);
      if (!indicator->has_data && denominator == 0)
        continue;
      g_assert_cmpfloat (indicator->numerator, ==, numerator);
      g_assert_cmpfloat (indicator->denominator, ==, denominator);
    }
}

static void
test_derived_every (void)
{
  const char *const q2[] = { "2026-05", "2026-06", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-stats-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "stats.sqlite", NULL);
  g_autoptr(DdStore) store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdStats) stats = NULL;
  g_autoptr(DdFigures) figures = NULL;
  g_autoptr(GListModel) units = NULL;
  DdDossierFigures dossiers = { .received = 20, .on_time = 15, .late = 3, .pending = 2, .apologies = 3 };
  DdScorePeriod period;
  DdStatsQuery query;

  g_assert_no_error (error);
  dd_stats_query_init (&query);
  g_assert_true (dd_date_parse_iso ("2026-05-15", &query.tasks.as_of));
  g_assert_true (dd_store_load_sample (store, &query.tasks.as_of, &error));
  g_assert_no_error (error);
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  stats = dd_stats_new (store);
  figures = dd_figures_new (store);
  units = dd_store_list_units (store, 0, &error);
  g_assert_no_error (error);
  /* Dossiers of two units, in a quarter and in a month. */
  g_assert_true (dd_score_period_parse ("2026-Q1", &period, &error));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      g_assert_true (dd_figures_set_dossier_figures (figures, dd_unit_get_id (unit), &period, &dossiers, NULL,
                                                     &error));
      g_assert_no_error (error);
      g_assert_true (dd_score_period_parse ("2026-05", &period, &error));
    }
  check_derived_every (stats, store, &query);

  /* On the worker, its scoring kept: read, then brought up to date after
   * tasks were completed (the audit log names them), then after a unit
   * became a group (read again whole). */
  g_assert_true (dd_date_parse_iso ("2026-04-01", &query.from));
  g_assert_true (dd_date_parse_iso ("2026-06-30", &query.to));
  check_derived_async (stats, store, &query, q2);
  exec_sql (store, "UPDATE tasks SET completed_on = '2026-05-10', progress = 100 "
                   "WHERE completed_on IS NULL AND id % 3 = 0");
  check_derived_async (stats, store, &query, q2);
  exec_sql (store, "UPDATE units SET is_group = 1 WHERE id = (SELECT lead_unit_id FROM tasks "
                   "WHERE lead_unit_id IS NOT NULL AND deleted_at IS NULL LIMIT 1)");
  check_derived_async (stats, store, &query, q2);
  check_derived_every (stats, store, &query);

  g_clear_object (&stats);
  g_clear_object (&store);
  dd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* The readings of a file are kept in the user's cache folder. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/stats/headline", test_headline);
  ADD ("/core/stats/headline-text", test_headline_text);
  g_test_add_func ("/core/stats/rate", test_rate_update);
  ADD ("/core/stats/units", test_units);
  ADD ("/core/stats/progress-month", test_progress_month);
  ADD ("/core/stats/progress-week-period", test_progress_week_period);
  ADD ("/core/stats/indicators", test_indicators);
  ADD ("/core/stats/indicators-out-of-range", test_indicators_out_of_range);
  ADD ("/core/stats/indicators-of-plans", test_indicators_of_plans);
  ADD ("/core/stats/dashboard", test_dashboard);
  ADD ("/core/stats/async/memory", test_async_memory);
  g_test_add_func ("/core/stats/async/file", test_async_file);
  g_test_add_func ("/core/stats/async/kept", test_kept_file);
  g_test_add_func ("/core/stats/sample", test_sample);
  g_test_add_func ("/core/stats/derived", test_derived);
  g_test_add_func ("/core/stats/derived-async", test_derived_async);
  g_test_add_func ("/core/stats/derived-every", test_derived_every);
  g_test_add_func ("/core/stats/six-clear-count", test_six_clear_count);
#undef ADD

  return g_test_run ();
}
