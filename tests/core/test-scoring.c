/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scoring"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "dd-store-private.h"
#include "dd-scoring-private.h"
#include "dd-test-core.h"

/*
 * The scorecard against figures worked out by hand.
 *
 * The pure engine (dd_scorecard_new()) on counts written here: each
 * threshold's edge, the late-product rule, the coordinator share, the
 * rescaling of components, a unit with nothing to do.
 *
 * The store on a small plan, second quarter of 2026 (15/03–14/06, Nghị
 * định 09/2019), as of 14/06/2026:
 *
 *   TT  lead                  coordinators  deadline          completed    Q2 status
 *   1   Phòng A               Ban B         Trước 10/4/2026   05/04/2026   done on time
 *   2   Phòng A                             Trước 20/4/2026   25/04/2026   done late
 *   3   Phòng A               Ban B         Trước 30/4/2026   —            overdue
 *   4   Phòng A                             Trước 30/9/2026   —            (due after Q2: not counted)
 *   5   Đội C                               Trước 30/12/2026  —            (not counted: C has nothing)
 *   6   Các phòng liên quan                 Trước 1/5/2026    30/04/2026   done on time (a group: no score)
 *
 * Indicators: "Tỷ lệ văn bản ký số" (typed) and "Tỷ lệ hồ sơ, nhiệm vụ đúng
 * hạn" (derived: 'on_time').
 *
 *   Phòng A: tasks (1 + 0.75 + 0) ÷ 3 = 0.58333 × 60 = 35 points of 60;
 *            derived indicator 1 ÷ 3 on time = attainment 0.33333 × 20 =
 *            6.6667 of 20; no reports; weights that apply: 80;
 *            score (35 + 6.6667) × 100 ÷ 80 = 52.08 → hoan_thanh, rank 1.
 *   Ban B:   coordinated, share 0.3: (0.3 × 1) ÷ (0.3 × 2) = 0.5 → 50.00,
 *            exactly the edge of hoan_thanh, rank 2.
 */

/* The pure engine */

static DdScorecard *
card_for (guint                 led_on_time,
          guint                 led_late,
          guint                 led_overdue,
          guint                 coordinated_on_time,
          guint                 coordinated_overdue,
          const DdScoreWeights *weights)
{
  DdScoreInput input = { 0 };
  DdScorePeriod period;

  dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, 2026, 2);
  input.led_counts[DD_STATUS_DONE_ON_TIME] = led_on_time;
  input.led_counts[DD_STATUS_DONE_LATE] = led_late;
  input.led_counts[DD_STATUS_OVERDUE] = led_overdue;
  input.coordinated_counts[DD_STATUS_DONE_ON_TIME] = coordinated_on_time;
  input.coordinated_counts[DD_STATUS_OVERDUE] = coordinated_overdue;
  return dd_scorecard_new (1, "Phòng A", FALSE, &period, &input, weights);
}

static void
assert_card (DdScorecard  *card,
             double        score,
             DdScoreLevel  level)
{
  g_assert_true (dd_scorecard_has_score (card));
  g_assert_cmpfloat_with_epsilon (dd_scorecard_get_score (card), score, 0.005);
  g_assert_cmpint (dd_scorecard_get_level (card), ==, level);
}

static void
test_thresholds (void)
{
  struct {
    guint on_time, overdue;
    double score;
    DdScoreLevel level;
  } cases[] = {
    { 10, 0, 100.0, DD_SCORE_LEVEL_EXCELLENT },
    { 9, 1, 90.0, DD_SCORE_LEVEL_EXCELLENT },     /* ≥ 90: xuất sắc */
    { 35, 4, 89.74, DD_SCORE_LEVEL_GOOD },        /* just under 90 */
    { 7, 3, 70.0, DD_SCORE_LEVEL_GOOD },          /* ≥ 70: tốt */
    { 69, 31, 69.0, DD_SCORE_LEVEL_PASS },
    { 5, 5, 50.0, DD_SCORE_LEVEL_PASS },          /* ≥ 50: hoàn thành */
    { 49, 51, 49.0, DD_SCORE_LEVEL_FAIL },        /* < 50: không hoàn thành */
    { 0, 3, 0.0, DD_SCORE_LEVEL_FAIL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdScorecard) card = card_for (cases[i].on_time, 0, cases[i].overdue, 0, 0, NULL);

      assert_card (card, cases[i].score, cases[i].level);
    }

  /* The level function at the edges themselves. */
  g_assert_cmpint (dd_score_level_for (90.0, NULL), ==, DD_SCORE_LEVEL_EXCELLENT);
  g_assert_cmpint (dd_score_level_for (89.99, NULL), ==, DD_SCORE_LEVEL_GOOD);
  g_assert_cmpint (dd_score_level_for (70.0, NULL), ==, DD_SCORE_LEVEL_GOOD);
  g_assert_cmpint (dd_score_level_for (69.99, NULL), ==, DD_SCORE_LEVEL_PASS);
  g_assert_cmpint (dd_score_level_for (50.0, NULL), ==, DD_SCORE_LEVEL_PASS);
  g_assert_cmpint (dd_score_level_for (49.99, NULL), ==, DD_SCORE_LEVEL_FAIL);
  g_assert_cmpstr (dd_score_level_to_string (DD_SCORE_LEVEL_EXCELLENT), ==, "xuat_sac");
  g_assert_cmpstr (dd_score_level_to_string (DD_SCORE_LEVEL_GOOD), ==, "tot");
  g_assert_cmpstr (dd_score_level_to_string (DD_SCORE_LEVEL_PASS), ==, "hoan_thanh");
  g_assert_cmpstr (dd_score_level_to_string (DD_SCORE_LEVEL_FAIL), ==, "khong_hoan_thanh");
  g_assert_null (dd_score_level_to_string (DD_SCORE_LEVEL_NONE));
}

static void
test_late_product (void)
{
  g_autoptr(DdScorecard) late = card_for (2, 2, 0, 0, 0, NULL);
  g_autoptr(DdScorecard) all_late = card_for (0, 4, 0, 0, 0, NULL);
  g_autoptr(DdScorecard) harsh = NULL;
  DdScoreWeights weights;

  /* (2 + 2 × 0.75) ÷ 4: each late product loses 25% of its points. */
  assert_card (late, 87.5, DD_SCORE_LEVEL_GOOD);
  assert_card (all_late, 75.0, DD_SCORE_LEVEL_GOOD);
  g_assert_cmpfloat_with_epsilon (dd_scorecard_get_component (late, DD_SCORE_COMPONENT_TASKS)->earned, 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (dd_scorecard_get_component (late, DD_SCORE_COMPONENT_TASKS)->possible, 4.0, 1e-9);

  dd_score_weights_init_defaults (&weights);
  weights.late_factor = 0.5;
  harsh = card_for (2, 2, 0, 0, 0, &weights);
  assert_card (harsh, 75.0, DD_SCORE_LEVEL_GOOD);
}

static void
test_coordinator_share (void)
{
  g_autoptr(DdScorecard) card = card_for (1, 0, 0, 0, 1, NULL);
  g_autoptr(DdScorecard) equal = NULL;
  g_autoptr(DdScorecard) only = card_for (0, 0, 0, 1, 1, NULL);
  DdScoreWeights weights;

  /* A led task done on time (1) and a coordinated one overdue (0.3):
   * 1 ÷ 1.3. */
  assert_card (card, 76.92, DD_SCORE_LEVEL_GOOD);
  g_assert_cmpuint (dd_scorecard_get_n_led (card), ==, 1);
  g_assert_cmpuint (dd_scorecard_get_n_coordinated (card), ==, 1);

  dd_score_weights_init_defaults (&weights);
  weights.coordinator_share = 1.0;
  equal = card_for (1, 0, 0, 0, 1, &weights);
  assert_card (equal, 50.0, DD_SCORE_LEVEL_PASS);

  /* Only coordinated tasks: the share cancels out. */
  assert_card (only, 50.0, DD_SCORE_LEVEL_PASS);
}

static void
test_components (void)
{
  DdScoreInput input = { 0 };
  DdScorePeriod period;
  g_autoptr(DdScorecard) card = NULL;
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_score_indicator_free);
  DdScoreIndicator *indicator = g_new0 (DdScoreIndicator, 1);
  double sum = 0.0;

  dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, 2026, 2);
  input.led_counts[DD_STATUS_DONE_ON_TIME] = 4;
  input.led_counts[DD_STATUS_IN_PROGRESS] = 7;     /* not judged yet */
  input.reports_on_time = 1;
  input.reports_forgotten = 1;
  input.reports_pending = 3;                       /* not due yet */
  indicator->title = g_strdup ("Văn bản ký số");
  indicator->target = 100;
  indicator->numerator = 412;
  indicator->denominator = 415;
  _dd_score_indicator_update (indicator);
  g_ptr_array_add (indicators, indicator);
  input.indicators = indicators;
  input.six_clear_checked = 11;
  input.six_clear_passed = 10;

  card = dd_scorecard_new (1, "Phòng A", FALSE, &period, &input, NULL);
  /* 60 × 1 + 20 × 0.5 + 20 × 412/415; "6 rõ" has weight 0 by default. */
  assert_card (card, 60.0 + 10.0 + 20.0 * 412.0 / 415.0, DD_SCORE_LEVEL_GOOD);
  g_assert_true (dd_scorecard_get_component (card, DD_SCORE_COMPONENT_TASKS)->applies);
  g_assert_true (dd_scorecard_get_component (card, DD_SCORE_COMPONENT_REPORTS)->applies);
  g_assert_true (dd_scorecard_get_component (card, DD_SCORE_COMPONENT_INDICATORS)->applies);
  g_assert_false (dd_scorecard_get_component (card, DD_SCORE_COMPONENT_SIX_CLEAR)->applies);
  g_assert_cmpuint (dd_scorecard_get_n_forgotten (card), ==, 1);

  /* Every score is explained: the points add up to it. */
  for (guint c = 0; c < DD_N_SCORE_COMPONENTS; c++)
    sum += dd_scorecard_get_component (card, (DdScoreComponent) c)->points;
  g_assert_cmpfloat_with_epsilon (sum, dd_scorecard_get_score (card), 0.005);

  /* Without indicators and reports, the tasks alone are scaled to 100. */
  {
    DdScoreInput tasks_only = { 0 };
    g_autoptr(DdScorecard) scaled = NULL;

    tasks_only.led_counts[DD_STATUS_DONE_ON_TIME] = 3;
    tasks_only.led_counts[DD_STATUS_OVERDUE] = 1;
    scaled = dd_scorecard_new (1, "Phòng A", FALSE, &period, &tasks_only, NULL);
    assert_card (scaled, 75.0, DD_SCORE_LEVEL_GOOD);
    g_assert_cmpfloat_with_epsilon (dd_scorecard_get_component (scaled, DD_SCORE_COMPONENT_TASKS)->points,
                                    75.0, 1e-9);
  }
}

static void
test_nothing_to_do (void)
{
  DdScoreInput input = { 0 };
  DdScorePeriod period;
  g_autoptr(DdScorecard) empty = NULL;
  g_autoptr(DdScorecard) pending = NULL;
  g_autoptr(DdScorecard) group = NULL;
  double rate = -1;

  dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, 2026, 2);
  empty = dd_scorecard_new (1, "Đội C", FALSE, &period, &input, NULL);
  g_assert_false (dd_scorecard_has_score (empty));
  g_assert_cmpint (dd_scorecard_get_level (empty), ==, DD_SCORE_LEVEL_NONE);
  g_assert_true (isnan (dd_scorecard_get_score (empty)));          /* neither 0 nor 100 */
  g_assert_nonnull (dd_scorecard_get_no_score_reason (empty));
  g_assert_false (dd_scorecard_get_completion_rate (empty, &rate));

  /* Tasks still in progress and reports not yet due: nothing to judge. */
  input.led_counts[DD_STATUS_IN_PROGRESS] = 3;
  input.led_counts[DD_STATUS_DUE_SOON] = 1;
  input.reports_pending = 2;
  pending = dd_scorecard_new (1, "Đội C", FALSE, &period, &input, NULL);
  g_assert_false (dd_scorecard_has_score (pending));
  g_assert_cmpuint (dd_scorecard_get_n_led (pending), ==, 4);

  /* A group of units is never rated. */
  input.led_counts[DD_STATUS_DONE_ON_TIME] = 3;
  group = dd_scorecard_new (1, "Các phòng liên quan", TRUE, &period, &input, NULL);
  g_assert_false (dd_scorecard_has_score (group));
  g_assert_true (dd_scorecard_get_completion_rate (group, &rate));
  g_assert_cmpfloat (rate, ==, 1.0);
}

static void
assert_period (const char *text,
               const char *start,
               const char *end,
               const char *canonical)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;
  g_autofree char *e = NULL;
  g_autofree char *back = NULL;
  DdScorePeriod period;

  g_assert_true (dd_score_period_parse (text, &period, &error));
  g_assert_no_error (error);
  s = dd_date_to_iso (&period.start);
  e = dd_date_to_iso (&period.end);
  back = dd_score_period_to_string (&period);
  g_assert_cmpstr (s, ==, start);
  g_assert_cmpstr (e, ==, end);
  g_assert_cmpstr (back, ==, canonical);
}

static void
test_periods (void)
{
  const char *bad[] = { "", "26", "2026-Q5", "2026-Q0", "2026-H3", "2026-13", "2026-00", "2026-5",
                        "2026/05", "abcd", "2026-Q", "1800", "2026-Q22" };
  DdScorePeriod period, other;
  GDate date;
  g_autofree char *label = NULL;

  /* Nghị định 09/2019/NĐ-CP windows. */
  assert_period ("2026-Q2", "2026-03-15", "2026-06-14", "2026-Q2");
  assert_period ("2026-q1", "2025-12-15", "2026-03-14", "2026-Q1");
  assert_period ("2026-H1", "2025-12-15", "2026-06-14", "2026-H1");
  assert_period ("2026-H2", "2026-06-15", "2026-12-14", "2026-H2");
  assert_period ("2026", "2025-12-15", "2026-12-14", "2026");
  assert_period ("2026-05", "2026-04-15", "2026-05-14", "2026-05");
  assert_period (" 2026-01 ", "2025-12-15", "2026-01-14", "2026-01");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (dd_score_period_parse (bad[i], &period, &error));
      g_assert_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_PERIOD);
    }

  /* 20/12/2025 belongs to the first quarter of 2026; 14/3 still does. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, G_DATE_DECEMBER, 2025);
  dd_score_period_for_date (&period, DD_OCCURRENCE_QUARTER, &date);
  g_assert_cmpint (period.year, ==, 2026);
  g_assert_cmpint (period.index, ==, 1);
  g_date_set_dmy (&date, 14, G_DATE_MARCH, 2026);
  dd_score_period_for_date (&period, DD_OCCURRENCE_QUARTER, &date);
  g_assert_cmpint (period.index, ==, 1);
  g_date_set_dmy (&date, 15, G_DATE_MARCH, 2026);
  dd_score_period_for_date (&period, DD_OCCURRENCE_QUARTER, &date);
  g_assert_cmpint (period.index, ==, 2);

  dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, 2026, 1);
  dd_score_period_shift (&period, -1, &other);
  g_assert_cmpint (other.year, ==, 2025);
  g_assert_cmpint (other.index, ==, 4);
  dd_score_period_shift (&other, 4, &other);
  g_assert_cmpint (other.year, ==, 2026);
  g_assert_cmpint (other.index, ==, 4);

  label = dd_score_period_dup_label (&period);
  g_assert_nonnull (strstr (label, "I/2026"));
}

static void
test_weights (void)
{
  g_autoptr(GError) error = NULL;
  DdScoreWeights weights;

  dd_score_weights_init_defaults (&weights);
  g_assert_true (dd_score_weights_validate (&weights, &error));
  g_assert_cmpfloat (weights.weight_tasks + weights.weight_reports + weights.weight_indicators +
                     weights.weight_six_clear, ==, 100.0);

  weights.level_good = 95;   /* above the excellent threshold */
  g_assert_false (dd_score_weights_validate (&weights, &error));
  g_assert_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS);
  g_clear_error (&error);

  dd_score_weights_init_defaults (&weights);
  weights.late_factor = 1.5;
  g_assert_false (dd_score_weights_validate (&weights, &error));
  g_clear_error (&error);

  dd_score_weights_init_defaults (&weights);
  weights.weight_tasks = weights.weight_reports = weights.weight_indicators = weights.weight_six_clear = 0;
  g_assert_false (dd_score_weights_validate (&weights, &error));
  g_clear_error (&error);

  /* The weights add up to 100 points; at 100 they pass, at 99.5 not. */
  dd_score_weights_init_defaults (&weights);
  weights.weight_indicators = 10;
  weights.weight_six_clear = 9.5;
  g_assert_false (dd_score_weights_validate (&weights, &error));
  g_assert_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS);
  g_assert_nonnull (strstr (error->message, "add up to 100 points; they add up to 99.5"));
  g_clear_error (&error);
  weights.weight_six_clear = 10;
  g_assert_true (dd_score_weights_validate (&weights, &error));
  g_assert_no_error (error);

  /* Each message names the setting, in words and by key. */
  weights.late_factor = 1.5;
  g_assert_false (dd_score_weights_validate (&weights, &error));
  g_assert_nonnull (strstr (error->message, "Share of its points a late product keeps must be from 0 to 1, not 1.5"));
  g_assert_nonnull (strstr (error->message, "score.late_factor"));
  g_clear_error (&error);

  dd_score_weights_init_defaults (&weights);
  weights.level_pass = 75;
  g_assert_false (dd_score_weights_validate (&weights, &error));
  g_assert_nonnull (strstr (error->message, "“Tasks completed” (75) is above"));
  g_clear_error (&error);

  /* By key. */
  {
    const char * const *keys = dd_score_weights_list_keys ();
    double value = 0;

    g_assert_cmpuint (g_strv_length ((char **) keys), ==, 10);
    g_assert_cmpstr (keys[0], ==, "score.weight.tasks");
    dd_score_weights_init_defaults (&weights);
    g_assert_true (dd_score_weights_get_value (&weights, "score.coordinator_share", &value));
    g_assert_cmpfloat (value, ==, 0.3);
    g_assert_true (dd_score_weights_set_value (&weights, "score.trend_periods", 6, &error));
    g_assert_cmpuint (weights.trend_periods, ==, 6);
    g_assert_false (dd_score_weights_set_value (&weights, "score.trend_periods", 2.5, &error));
    g_clear_error (&error);
    g_assert_false (dd_score_weights_set_value (&weights, "score.nothing", 1, &error));
    g_assert_nonnull (strstr (error->message, "score.weight.tasks"));
    g_clear_error (&error);
    g_assert_false (dd_score_weights_get_value (&weights, "score.nothing", &value));
    g_assert_nonnull (dd_score_weights_get_label ("score.level.good"));
  }
}

/* The store */

typedef struct
{
  DdStore *store;
  DdFigures *figures;
  DdScoring *scoring;
  gint64 unit_a;
  gint64 unit_b;
  gint64 unit_c;
  gint64 typed;
  gint64 derived;
  DdScorePeriod q2;
  GDate as_of;
} Fixture;

static const struct
{
  const char *lead;
  const char *coordinator;
  const char *deadline;
  const char *completed;
} fixture_tasks[] = {
  { "Phòng A", "Ban B", "Trước 10/4/2026", "2026-04-05" },
  { "Phòng A", NULL, "Trước 20/4/2026", "2026-04-25" },
  { "Phòng A", "Ban B", "Trước 30/4/2026", NULL },
  { "Phòng A", NULL, "Trước 30/9/2026", NULL },
  { "Đội C", NULL, "Trước 30/12/2026", NULL },
  { "Các phòng liên quan", NULL, "Trước 1/5/2026", "2026-04-30" },
};

static gint64
query_id (DdStore    *store,
          const char *sql,
          const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();
  const char *indicators[] = { "Tỷ lệ văn bản ký số", "Tỷ lệ hồ sơ, nhiệm vụ đúng hạn" };
  gint64 plan_id;

  f->store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->figures = dd_figures_new (f->store);
  f->scoring = dd_scoring_new (f->store);

  plan->number = g_strdup ("9/KH-TEST");
  plan->title = g_strdup ("Kế hoạch thử");
  g_date_set_dmy (&plan->issued_on, 1, G_DATE_MARCH, 2026);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_tasks); i++)
    {
      DdImportedTask *task = g_new0 (DdImportedTask, 1);

      task->line = i + 1;
      task->number = g_strdup_printf ("%u.", i + 1);
      task->title = g_strdup_printf ("Thực hiện nhiệm vụ số %u", i + 1);
      task->lead = g_strdup (fixture_tasks[i].lead);
      task->coordinators = g_ptr_array_new_with_free_func (g_free);
      if (fixture_tasks[i].coordinator != NULL)
        g_ptr_array_add (task->coordinators, g_strdup (fixture_tasks[i].coordinator));
      task->deadline_text = g_strdup (fixture_tasks[i].deadline);
      task->product = g_strdup ("Báo cáo");
      task->directing = g_strdup ("Thủ trưởng cơ quan");
      g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
      g_ptr_array_add (plan->tasks, task);
    }
  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    {
      DdImportedIndicator *indicator = g_new0 (DdImportedIndicator, 1);

      indicator->title = g_strdup (indicators[i]);
      indicator->target = 100;
      g_ptr_array_add (plan->indicators, indicator);
    }
  g_assert_true (dd_store_import_plan (f->store, plan, NULL, &error));
  g_assert_no_error (error);

  plan_id = dd_sql_query_int64 (f->store, "SELECT id FROM plans", 0);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_tasks); i++)
    {
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);

      if (fixture_tasks[i].completed != NULL)
        dd_test_complete_task (f->store, plan_id, number, fixture_tasks[i].completed);
    }

  f->unit_a = query_id (f->store, "SELECT id FROM units WHERE name = ?1", "Phòng A");
  f->unit_b = query_id (f->store, "SELECT id FROM units WHERE name = ?1", "Ban B");
  f->unit_c = query_id (f->store, "SELECT id FROM units WHERE name = ?1", "Đội C");
  f->typed = query_id (f->store, "SELECT id FROM indicators WHERE title = ?1", indicators[0]);
  f->derived = query_id (f->store, "SELECT id FROM indicators WHERE title = ?1", indicators[1]);
  g_assert_cmpint (f->unit_a * f->unit_b * f->unit_c * f->typed * f->derived, >, 0);

  dd_score_period_init (&f->q2, DD_OCCURRENCE_QUARTER, 2026, 2);
  g_date_clear (&f->as_of, 1);
  g_date_set_dmy (&f->as_of, 14, G_DATE_JUNE, 2026);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->scoring);
  g_clear_object (&f->figures);
  g_clear_object (&f->store);
}

static DdScorecard *
find_card (GListModel *cards,
           gint64      unit_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);

      if (dd_scorecard_get_unit_id (card) == unit_id)
        return g_steal_pointer (&card);
    }
  g_assert_not_reached ();
}

static GListModel *
list_cards (Fixture             *f,
            const DdScorePeriod *period,
            const GDate         *as_of)
{
  g_autoptr(GError) error = NULL;
  GListModel *cards = dd_scoring_list_scorecards (f->scoring, period, as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cards);
  return cards;
}

static void
test_store_scorecards (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GListModel) cards = list_cards (f, &f->q2, &f->as_of);
  g_autoptr(DdScorecard) a = find_card (cards, f->unit_a);
  g_autoptr(DdScorecard) b = find_card (cards, f->unit_b);
  g_autoptr(DdScorecard) c = find_card (cards, f->unit_c);
  g_autoptr(DdScorecard) group = NULL;
  GPtrArray *indicators;
  double rate;

  g_assert_cmpuint (dd_scorecard_get_n_led (a), ==, 3);        /* task 4 is due after Q2 */
  g_assert_cmpuint (dd_scorecard_get_count (a, DD_STATUS_DONE_ON_TIME), ==, 1);
  g_assert_cmpuint (dd_scorecard_get_count (a, DD_STATUS_DONE_LATE), ==, 1);
  g_assert_cmpuint (dd_scorecard_get_count (a, DD_STATUS_OVERDUE), ==, 1);
  g_assert_true (dd_scorecard_get_completion_rate (a, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 2.0 / 3.0, 1e-9);
  indicators = dd_scorecard_get_indicators (a);
  g_assert_cmpuint (indicators->len, ==, 1);
  g_assert_true (((DdScoreIndicator *) g_ptr_array_index (indicators, 0))->derived);
  assert_card (a, (35.0 + 20.0 / 3.0) * 100.0 / 80.0, DD_SCORE_LEVEL_PASS);
  g_assert_cmpuint (dd_scorecard_get_rank (a), ==, 1);
  g_assert_cmpuint (dd_scorecard_get_tasks (a)->len, ==, 3);

  g_assert_cmpuint (dd_scorecard_get_n_led (b), ==, 0);
  g_assert_cmpuint (dd_scorecard_get_n_coordinated (b), ==, 2);
  assert_card (b, 50.0, DD_SCORE_LEVEL_PASS);
  g_assert_cmpuint (dd_scorecard_get_rank (b), ==, 2);

  /* Đội C has nothing in the quarter: no score, no rank. */
  g_assert_cmpuint (dd_scorecard_get_n_led (c), ==, 0);
  g_assert_false (dd_scorecard_has_score (c));
  g_assert_cmpuint (dd_scorecard_get_rank (c), ==, 0);

  group = find_card (cards, query_id (f->store, "SELECT id FROM units WHERE name = ?1", "Các phòng liên quan"));
  g_assert_true (dd_scorecard_get_is_group (group));
  g_assert_false (dd_scorecard_has_score (group));

  /* Units come in Vietnamese order: Ban B, Các phòng…, Đội C, Phòng A. */
  {
    g_autoptr(DdScorecard) first = g_list_model_get_item (cards, 0);
    g_autoptr(DdScorecard) last = g_list_model_get_item (cards, 3);

    g_assert_cmpint (dd_scorecard_get_unit_id (first), ==, f->unit_b);
    g_assert_cmpint (dd_scorecard_get_unit_id (last), ==, f->unit_a);
  }
}

static void
test_store_carry_over_and_trend (Fixture       *f,
                                 gconstpointer  data)
{
  DdScorePeriod q3;
  GDate as_of;
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(DdScorecard) a = NULL;
  GArray *trend;

  /* Third quarter (15/06–14/09): task 3, due 30/4 and never done, is
   * still overdue; tasks 1 and 2 were done before the quarter. */
  dd_score_period_init (&q3, DD_OCCURRENCE_QUARTER, 2026, 3);
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 1, G_DATE_DECEMBER, 2026);   /* judged as of the quarter's end */
  cards = list_cards (f, &q3, &as_of);
  a = find_card (cards, f->unit_a);
  g_assert_cmpuint (dd_scorecard_get_n_led (a), ==, 1);
  g_assert_cmpuint (dd_scorecard_get_count (a, DD_STATUS_OVERDUE), ==, 1);
  assert_card (a, 0.0, DD_SCORE_LEVEL_FAIL);
  g_assert_cmpint (g_date_get_day (dd_scorecard_get_as_of (a)), ==, 14);

  /* 2025-Q4, 2026-Q1 (nothing due), Q2, Q3. */
  trend = dd_scorecard_get_trend (a);
  g_assert_cmpuint (trend->len, ==, 4);
  g_assert_true (isnan (g_array_index (trend, double, 0)));
  g_assert_true (isnan (g_array_index (trend, double, 1)));
  g_assert_cmpfloat_with_epsilon (g_array_index (trend, double, 2), 52.08, 0.005);
  g_assert_cmpfloat_with_epsilon (g_array_index (trend, double, 3), 0.0, 1e-9);

  /* Completed in Q3, task 3 would count as done late there. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) again = NULL;
    g_autoptr(DdScorecard) later = NULL;
    GDate done;

    g_date_clear (&done, 1);
    g_date_set_dmy (&done, 1, G_DATE_JULY, 2026);
    g_assert_true (dd_store_record_progress (f->store, _dd_store_find_task_by_number (f->store, 1, "3."),
                                             100, &done, NULL, NULL, &error));
    g_assert_no_error (error);
    again = list_cards (f, &q3, &as_of);
    later = find_card (again, f->unit_a);
    g_assert_cmpuint (dd_scorecard_get_count (later, DD_STATUS_DONE_LATE), ==, 1);
    /* Tasks 0.75 × 60 = 45; derived indicator 0 of 1 on time: 0 of 20. */
    assert_card (later, 45.0 * 100.0 / 80.0, DD_SCORE_LEVEL_PASS);
  }
}

static void
test_store_weights (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(DdScorecard) a = NULL;
  g_autoptr(DdScorecard) b = NULL;
  DdScoreWeights weights;

  g_assert_true (dd_scoring_get_weights (f->scoring, &weights, &error));
  g_assert_cmpfloat (weights.late_factor, ==, 0.75);

  /* Tasks only, late products worth half: A = 1.5 ÷ 3. */
  weights.weight_indicators = 0;
  weights.weight_tasks = 80;
  weights.late_factor = 0.5;
  g_assert_true (dd_scoring_set_weights (f->scoring, &weights, &error));
  g_assert_no_error (error);
  {
    g_autofree char *stored = dd_store_dup_setting (f->store, "score.late_factor", NULL);

    g_assert_cmpstr (stored, ==, "0.5");
  }
  cards = list_cards (f, &f->q2, &f->as_of);
  a = find_card (cards, f->unit_a);
  assert_card (a, 50.0, DD_SCORE_LEVEL_PASS);
  b = find_card (cards, f->unit_b);
  /* A and B tie at 50: they share rank 1. */
  g_assert_cmpuint (dd_scorecard_get_rank (a), ==, 1);
  g_assert_cmpuint (dd_scorecard_get_rank (b), ==, 1);

  /* A setting that is not a number is an error naming it. */
  g_assert_true (dd_store_set_setting (f->store, "score.level.good", "bảy mươi", &error));
  g_assert_false (dd_scoring_get_weights (f->scoring, &weights, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "score.level.good"));
}

static void
test_store_indicators (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdScorePeriod q1, h1, periods[2];
  DdScoreIndicator sum = { 0 };
  gint64 units[2] = { f->unit_a, f->unit_b };

  dd_score_period_init (&q1, DD_OCCURRENCE_QUARTER, 2026, 1);
  dd_score_period_init (&h1, DD_OCCURRENCE_HALF_YEAR, 2026, 1);

  /* Q1: A 9/10, B 1/100; Q2: A 90/90. */
  g_assert_true (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_a, &q1, 9, 10, "Báo cáo 1", &error));
  g_assert_true (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_b, &q1, 1, 100, NULL, &error));
  g_assert_true (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_a, &f->q2, 90, 90, NULL, &error));
  g_assert_no_error (error);

  /* Across units in Q1: (9 + 1) ÷ (10 + 100) = 9.09%, not the mean of
   * 90% and 1% (45.5%). */
  g_assert_true (dd_figures_sum_indicator (f->figures, f->typed, units, 2, &q1, 1, &sum, &error));
  g_assert_cmpfloat_with_epsilon (sum.achieved, 1000.0 / 110.0, 1e-9);
  g_free (sum.title);

  /* Across units and periods: (9 + 1 + 90) ÷ (10 + 100 + 90) = 50%. */
  periods[0] = q1;
  periods[1] = f->q2;
  g_assert_true (dd_figures_sum_indicator (f->figures, f->typed, NULL, 0, periods, 2, &sum, &error));
  g_assert_cmpfloat_with_epsilon (sum.achieved, 50.0, 1e-9);
  g_free (sum.title);

  /* The first 6 months hold both quarters (the windows nest). */
  g_assert_true (dd_figures_sum_indicator (f->figures, f->typed, NULL, 0, &h1, 1, &sum, &error));
  g_assert_cmpfloat_with_epsilon (sum.numerator, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sum.denominator, 200.0, 1e-9);
  g_free (sum.title);

  /* The scorecard of H1 for A sums Q1 and Q2: 99/100. */
  {
    g_autoptr(GListModel) cards = list_cards (f, &h1, &f->as_of);
    g_autoptr(DdScorecard) a = find_card (cards, f->unit_a);
    GPtrArray *list = dd_scorecard_get_indicators (a);
    const DdScoreIndicator *typed = NULL;

    for (guint i = 0; i < list->len; i++)
      if (((DdScoreIndicator *) g_ptr_array_index (list, i))->indicator_id == f->typed)
        typed = g_ptr_array_index (list, i);
    g_assert_nonnull (typed);
    g_assert_cmpfloat_with_epsilon (typed->achieved, 99.0, 1e-9);
  }

  /* Replacing a figure keeps one row. */
  g_assert_true (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_a, &q1, 10, 10, "Báo cáo 2", &error));
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count (*) FROM indicator_figures", 0), ==, 3);

  /* Refusals. */
  g_assert_false (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_a, &q1, 11, 10, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_a, &q1, 1, 0, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_a, &q1, 0, 0, NULL, &error));
  g_assert_false (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_a, &q1, -1, 10, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dd_figures_set_indicator_figure (f->figures, f->typed, 9999, &q1, 1, 10, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
  g_clear_error (&error);
  g_assert_false (dd_figures_set_indicator_figure (f->figures, 9999, f->unit_a, &q1, 1, 10, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
  g_clear_error (&error);
  /* The derived indicator is computed, never typed. */
  g_assert_false (dd_figures_set_indicator_figure (f->figures, f->derived, f->unit_a, &q1, 1, 10, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
}

static void
test_store_dossiers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(DdScorecard) a = NULL;
  DdDossierFigures figures = { 120, 8, 2, 5, 1 }, sum;
  DdScorePeriod april, may;
  gboolean found = FALSE;
  const DdScoreIndicator *derived;

  dd_score_period_init (&april, DD_OCCURRENCE_MONTH, 2026, 4);
  dd_score_period_init (&may, DD_OCCURRENCE_MONTH, 2026, 5);
  g_assert_true (dd_figures_set_dossier_figures (f->figures, f->unit_a, &april, &figures, "Báo cáo TTHC", &error));
  figures.on_time = 10;
  figures.late = 0;
  figures.apologies = 0;
  g_assert_true (dd_figures_set_dossier_figures (f->figures, f->unit_a, &may, &figures, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (dd_figures_get_dossier_figures (f->figures, f->unit_a, &f->q2, &sum, &found, &error));
  g_assert_true (found);
  g_assert_cmpuint (sum.received, ==, 240);
  g_assert_cmpuint (sum.on_time, ==, 18);
  g_assert_cmpuint (sum.late, ==, 2);
  g_assert_cmpuint (sum.apologies, ==, 1);   /* one late dossier without an apology */

  g_assert_true (dd_figures_get_dossier_figures (f->figures, f->unit_b, &f->q2, &sum, &found, &error));
  g_assert_false (found);

  /* Figures that cannot be: refused, with the figures in the message. */
  {
    const struct { DdDossierFigures figures; const char *message; } bad[] = {
      { { 10, 8, 3, 0, 0 }, "on time (8) and late (3) add up to 11, more than the 10 received" },
      { { 10, 5, 3, 4, 0 }, "resolved (8) and pending (4) add up to 12, more than the 10 received" },
      { { 10, 5, 3, 2, 4 }, "more apology letters (4) than dossiers resolved late (3)" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (dd_figures_set_dossier_figures (f->figures, f->unit_b, &april, &bad[i].figures, NULL, &error));
        g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, bad[i].message));
        g_clear_error (&error);
      }
    g_assert_true (dd_figures_get_dossier_figures (f->figures, f->unit_b, &f->q2, &sum, &found, &error));
    g_assert_false (found);
  }

  /* The derived indicator adds the dossiers: (1 + 18) ÷ (3 + 20). */
  cards = list_cards (f, &f->q2, &f->as_of);
  a = find_card (cards, f->unit_a);
  derived = g_ptr_array_index (dd_scorecard_get_indicators (a), 0);
  g_assert_cmpfloat_with_epsilon (derived->numerator, 19.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (derived->denominator, 23.0, 1e-9);
}

static void
test_store_rename_merge (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdScorePeriod q1;
  gint64 task1 = _dd_store_find_task_by_number (f->store, 1, "1.");

  dd_score_period_init (&q1, DD_OCCURRENCE_QUARTER, 2026, 1);

  /* Rename. */
  g_assert_true (dd_store_rename_unit (f->store, f->unit_b, "Ban Bê", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_id (f->store, "SELECT id FROM units WHERE name = ?1", "Ban Bê"), ==, f->unit_b);
  {
    DdTaskQuery query;
    g_autoptr(DdTaskList) list = NULL;

    dd_task_query_init (&query);
    query.text = "ban bê";
    list = dd_store_query_tasks (f->store, &query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  }
  g_assert_false (dd_store_rename_unit (f->store, f->unit_b, "phòng a", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (dd_store_rename_unit (f->store, f->unit_b, "  ", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Figures of the same period add up on merge. */
  g_assert_true (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_a, &q1, 9, 10, NULL, &error));
  g_assert_true (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_b, &q1, 1, 100, NULL, &error));
  g_assert_true (dd_figures_set_indicator_figure (f->figures, f->typed, f->unit_b, &f->q2, 5, 5, NULL, &error));

  /* Merge B into A: B coordinated tasks 1 and 3, both led by A. */
  g_assert_true (dd_store_merge_units (f->store, f->unit_b, f->unit_a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_id (f->store, "SELECT count (*) FROM units WHERE name = ?1", "Ban Bê"), ==, 0);
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count (*) FROM task_coordinators", -1), ==, 0);
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count (*) FROM indicator_figures", -1), ==, 2);
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT denominator FROM indicator_figures "
                                                 "WHERE period_start = '2025-12-15'", -1), ==, 110);
  g_assert_cmpint (task1, >, 0);

  /* Merge C into A: C's task moves. */
  g_assert_true (dd_store_merge_units (f->store, f->unit_c, f->unit_a, &error));
  g_assert_cmpint (query_id (f->store, "SELECT count (*) FROM tasks WHERE lead_unit_id = ?1",
                             "x") , ==, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM tasks WHERE lead_unit_id = %" G_GINT64_FORMAT,
                                            f->unit_a);

    g_assert_cmpint (dd_sql_query_int64 (f->store, sql, -1), ==, 5);
  }

  g_assert_false (dd_store_merge_units (f->store, f->unit_a, f->unit_a, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dd_store_merge_units (f->store, f->unit_c, f->unit_a, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
}

static void
test_store_person (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *person = NULL;
  gint64 task1 = _dd_store_find_task_by_number (f->store, 1, "1.");

  g_assert_null (dd_store_dup_task_person (f->store, task1, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_set_task_person (f->store, task1, "  Nguyễn Văn  A ", &error));
  g_assert_no_error (error);
  person = dd_store_dup_task_person (f->store, task1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (person, ==, "Nguyễn Văn A");
  g_assert_true (dd_store_set_task_person (f->store, task1, NULL, &error));
  g_assert_null (dd_store_dup_task_person (f->store, task1, &error));
  g_assert_no_error (error);
  g_assert_false (dd_store_set_task_person (f->store, 9999, "X", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/scoring/thresholds", test_thresholds);
  g_test_add_func ("/core/scoring/late-product", test_late_product);
  g_test_add_func ("/core/scoring/coordinator-share", test_coordinator_share);
  g_test_add_func ("/core/scoring/components", test_components);
  g_test_add_func ("/core/scoring/nothing-to-do", test_nothing_to_do);
  g_test_add_func ("/core/scoring/periods", test_periods);
  g_test_add_func ("/core/scoring/weights", test_weights);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/scoring/store/scorecards", test_store_scorecards);
  ADD ("/core/scoring/store/carry-over-and-trend", test_store_carry_over_and_trend);
  ADD ("/core/scoring/store/weights", test_store_weights);
  ADD ("/core/scoring/store/indicators", test_store_indicators);
  ADD ("/core/scoring/store/dossiers", test_store_dossiers);
  ADD ("/core/scoring/store/rename-merge", test_store_rename_merge);
  ADD ("/core/scoring/store/person", test_store_person);
#undef ADD

  return g_test_run ();
}
