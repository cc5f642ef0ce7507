/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scoring-refresh"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-scoring-private.h"
#include "dd-test-core.h"
#include "dd-test-files.h"

/*
 * After a commit, the scorecards a DdScoring keeps are brought up to date
 * from the audit log (dd-scoring-log.c): only the tasks it names are
 * read again, the typed sums and the occurrences only when what feeds them
 * changed, and everything when the log cannot say what changed. Here,
 * random sequences of writes of every kind, by this connection and by
 * another desktop on the same file — progress, a task edited (title, lead,
 * coordinators, due date), deleted, restored from the recycle bin,
 * extended, a report recorded, an ad hoc report, indicator figures set and
 * cleared, dossier figures, a unit renamed or merged, the scoring rules,
 * a holiday, a plan imported — and after each one the cards a kept
 * DdScoring gives for several periods and days equal, field by field,
 * those of a new DdScoring over a new store on the same file. The kept one
 * must have been brought up to date from the log most of the time (else
 * this would test only the full read).
 *
 * The seed is g_test's: run with --seed=R02S… to replay a failure.
 */

#define N_STEPS 60

typedef struct
{
  char *dir;
  char *db;
  DdStore *store;
  DdStore *other;
  GArray *tasks;        /* gint64 ids of the tasks */
  GPtrArray *units;     /* unit names, as they are now */
  gint64 typed;         /* a typed indicator */
  guint n_imports;
} Fixture;

static const DdTestPlanTask fixture_tasks[] = {
  { "Rà soát thủ tục hành chính cấp tỉnh", "Phòng A", "Ban B", "Trước 10/4/2025", NULL },
  { "Ký số", "Phòng A", NULL, "Trước 20/7/2025", NULL },
  { "Số hóa hồ sơ một cửa", "Phòng A", "Đội C", "Trước 30/10/2025", NULL },
  { "Cập nhật cơ sở dữ liệu cán bộ", "Ban B", "Phòng A", "Trước 15/1/2026", NULL },
  { "Tập huấn chuyển đổi số cho cấp xã", "Ban B", NULL, "Trước 30/4/2026", NULL },
  { "Báo cáo kết quả cải cách hành chính", "Đội C", "Ban B", "Định kỳ hằng quý", NULL },
  { "Theo dõi việc giải quyết hồ sơ", "Đội C", NULL, "Thường xuyên", NULL },
  { "Đánh giá chỉ số hài lòng của người dân", "Phòng A", "Ban B", "Trước 30/9/2026", NULL },
  { "Công khai kết quả giải quyết hồ sơ", "Đội C", "Phòng A", "Trước 31/12/2026", NULL },
  { "Báo cáo tình hình ứng dụng công nghệ thông tin", "Tổ D", "Đội C", "Định kỳ 6 tháng", NULL },
};

static DdImportedPlan *
plan_new (const char *number,
          guint       first,
          guint       n)
{
  return dd_test_plan_new (number, fixture_tasks, G_N_ELEMENTS (fixture_tasks), first, n);
}

static void
read_tasks (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (f->store, "SELECT id FROM tasks ORDER BY id", NULL);

  g_assert_nonnull (stmt);
  g_array_set_size (f->tasks, 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (f->tasks, id);
    }
}

static void
read_units (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (f->store, "SELECT name FROM units ORDER BY id", NULL);

  g_assert_nonnull (stmt);
  g_ptr_array_set_size (f->units, 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (f->units, g_strdup (dd_sql_column_text (stmt, 0)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = plan_new ("12/KH-TEST", 0, G_N_ELEMENTS (fixture_tasks));

  f->dir = dd_test_make_tmp_dir ("dondoc-scoring-refresh-XXXXXX");
  f->db = g_build_filename (f->dir, "dondoc.sqlite", NULL);
  f->store = dd_store_open (f->db, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_import_plan (f->store, plan, NULL, &error));
  g_assert_no_error (error);
  f->other = dd_test_open_other (f->db, NULL);
  f->tasks = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->units = g_ptr_array_new_with_free_func (g_free);
  read_tasks (f);
  read_units (f);
  f->typed = dd_sql_query_int64 (f->store, "SELECT id FROM indicators WHERE id NOT IN "
                                 "(SELECT indicator_id FROM indicator_rules) ORDER BY id LIMIT 1", 0);
  g_assert_cmpint (f->typed, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->other);
  g_clear_object (&f->store);
  g_clear_pointer (&f->tasks, g_array_unref);
  g_clear_pointer (&f->units, g_ptr_array_unref);
  dd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
assert_same_number (double expected,
                    double actual)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat (expected, ==, actual);
}

static void
assert_same_date (const GDate *expected,
                  const GDate *actual)
{
  g_assert_cmpint (dd_date_is_set (expected), ==, dd_date_is_set (actual));
  if (dd_date_is_set (expected))
    g_assert_cmpint (g_date_compare (expected, actual), ==, 0);
}

static void
assert_same_indicators (GPtrArray *expected,
                        GPtrArray *actual)
{
  g_assert_cmpuint (expected != NULL ? expected->len : 0, ==, actual != NULL ? actual->len : 0);
  for (guint k = 0; expected != NULL && k < expected->len; k++)
    {
      const DdScoreIndicator *e = g_ptr_array_index (expected, k);
      const DdScoreIndicator *a = g_ptr_array_index (actual, k);

      g_assert_cmpint (e->indicator_id, ==, a->indicator_id);
      g_assert_cmpstr (e->title, ==, a->title);
      assert_same_number (e->target, a->target);
      g_assert_cmpint (e->derived, ==, a->derived);
      assert_same_number (e->numerator, a->numerator);
      assert_same_number (e->denominator, a->denominator);
      g_assert_cmpint (e->has_data, ==, a->has_data);
      assert_same_number (e->achieved, a->achieved);
      assert_same_number (e->attainment, a->attainment);
    }
}

static void
assert_same_input (const DdScoreInput *e,
                   const DdScoreInput *a)
{
  for (guint s = 0; s < DD_N_STATUSES; s++)
    {
      g_assert_cmpuint (e->led_counts[s], ==, a->led_counts[s]);
      g_assert_cmpuint (e->coordinated_counts[s], ==, a->coordinated_counts[s]);
    }
  g_assert_cmpuint (e->reports_on_time, ==, a->reports_on_time);
  g_assert_cmpuint (e->reports_late, ==, a->reports_late);
  g_assert_cmpuint (e->reports_forgotten, ==, a->reports_forgotten);
  g_assert_cmpuint (e->reports_pending, ==, a->reports_pending);
  g_assert_cmpuint (e->six_clear_checked, ==, a->six_clear_checked);
  g_assert_cmpuint (e->six_clear_passed, ==, a->six_clear_passed);
  assert_same_indicators (e->indicators, a->indicators);
}

/* Every field of one card. */
static void
assert_same_card (DdScorecard *e,
                  DdScorecard *a)
{
  GPtrArray *e_tasks = dd_scorecard_get_tasks (e);
  GPtrArray *a_tasks = dd_scorecard_get_tasks (a);
  GArray *e_trend = dd_scorecard_get_trend (e);
  GArray *a_trend = dd_scorecard_get_trend (a);

  g_assert_cmpint (dd_scorecard_get_unit_id (e), ==, dd_scorecard_get_unit_id (a));
  g_assert_cmpstr (dd_scorecard_get_unit_name (e), ==, dd_scorecard_get_unit_name (a));
  g_assert_cmpint (dd_scorecard_get_is_group (e), ==, dd_scorecard_get_is_group (a));
  g_assert_cmpint (dd_scorecard_get_period (e)->kind, ==, dd_scorecard_get_period (a)->kind);
  assert_same_date (&dd_scorecard_get_period (e)->start, &dd_scorecard_get_period (a)->start);
  assert_same_date (&dd_scorecard_get_period (e)->end, &dd_scorecard_get_period (a)->end);
  assert_same_date (dd_scorecard_get_as_of (e), dd_scorecard_get_as_of (a));
  assert_same_input (dd_scorecard_get_input (e), dd_scorecard_get_input (a));
  g_assert_cmpuint (dd_scorecard_get_n_led (e), ==, dd_scorecard_get_n_led (a));
  g_assert_cmpuint (dd_scorecard_get_n_coordinated (e), ==, dd_scorecard_get_n_coordinated (a));
  g_assert_cmpuint (dd_scorecard_get_n_forgotten (e), ==, dd_scorecard_get_n_forgotten (a));
  g_assert_cmpint (dd_scorecard_has_score (e), ==, dd_scorecard_has_score (a));
  g_assert_cmpstr (dd_scorecard_get_no_score_reason (e), ==, dd_scorecard_get_no_score_reason (a));
  assert_same_number (dd_scorecard_get_score (e), dd_scorecard_get_score (a));
  g_assert_cmpint (dd_scorecard_get_level (e), ==, dd_scorecard_get_level (a));
  g_assert_cmpuint (dd_scorecard_get_rank (e), ==, dd_scorecard_get_rank (a));
  for (guint c = 0; c < DD_N_SCORE_COMPONENTS; c++)
    {
      const DdScoreComponentResult *ec = dd_scorecard_get_component (e, c);
      const DdScoreComponentResult *ac = dd_scorecard_get_component (a, c);

      g_assert_cmpint (ec->applies, ==, ac->applies);
      assert_same_number (ec->weight, ac->weight);
      assert_same_number (ec->earned, ac->earned);
      assert_same_number (ec->possible, ac->possible);
      assert_same_number (ec->ratio, ac->ratio);
      assert_same_number (ec->points, ac->points);
    }
  assert_same_indicators (dd_scorecard_get_indicators (e), dd_scorecard_get_indicators (a));
  g_assert_cmpuint (e_trend->len, ==, a_trend->len);
  for (guint k = 0; k < e_trend->len; k++)
    assert_same_number (g_array_index (e_trend, double, k), g_array_index (a_trend, double, k));
  g_assert_cmpuint (e_tasks->len, ==, a_tasks->len);
  for (guint j = 0; j < e_tasks->len; j++)
    {
      const DdScoreTask *et = g_ptr_array_index (e_tasks, j);
      const DdScoreTask *at = g_ptr_array_index (a_tasks, j);

      g_assert_cmpint (et->task_id, ==, at->task_id);
      g_assert_cmpstr (et->number, ==, at->number);
      g_assert_cmpstr (et->title, ==, at->title);
      assert_same_date (&et->due, &at->due);
      g_assert_cmpint (et->status, ==, at->status);
      g_assert_cmpint (et->led, ==, at->led);
    }
}

/* The periods and days asked for after each write: a year and its trend,
 * a quarter, a month, judged on several days. */
static const struct
{
  DdOccurrenceKind kind;
  int year;
  int index;
  const char *as_of;
} askings[] = {
  { DD_OCCURRENCE_YEAR, 2025, 1, "2025-11-25" },
  { DD_OCCURRENCE_YEAR, 2026, 1, "2026-11-30" },
  { DD_OCCURRENCE_QUARTER, 2025, 3, "2025-09-15" },
  { DD_OCCURRENCE_MONTH, 2026, 4, "2026-04-30" },
};

/* The kept DdScorings asked after each write: the first asked for every
 * asking in turn (each reads the occurrences of its days again), each of
 * the others for one asking only, as the Units page asks for its period
 * again and again (the occurrences kept, those of the tasks written read
 * again alone). */
typedef struct
{
  DdScoring *all;
  DdScoring *one[G_N_ELEMENTS (askings)];
} Kept;

static void
kept_init (Kept    *kept,
           DdStore *store)
{
  kept->all = dd_scoring_new (store);
  for (guint i = 0; i < G_N_ELEMENTS (askings); i++)
    kept->one[i] = dd_scoring_new (store);
}

static void
kept_clear (Kept *kept)
{
  g_clear_object (&kept->all);
  for (guint i = 0; i < G_N_ELEMENTS (askings); i++)
    g_clear_object (&kept->one[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Kept, kept_clear)

static void
assert_same_cards (DdScoring           *kept,
                   GListModel          *expected,
                   const DdScorePeriod *period,
                   const GDate         *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) actual = dd_scoring_list_scorecards (kept, period, as_of, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (expected), ==, g_list_model_get_n_items (actual));
  for (guint c = 0; c < g_list_model_get_n_items (expected); c++)
    {
      g_autoptr(DdScorecard) e = g_list_model_get_item (expected, c);
      g_autoptr(DdScorecard) a = g_list_model_get_item (actual, c);

      assert_same_card (e, a);
    }
}

/* The kept DdScorings' cards against those of a new one over a new store
 * on the file, for every asking. */
static void
assert_kept_equals_fresh (Fixture *f,
                          Kept    *kept)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) fresh_store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(DdScoring) fresh = NULL;

  g_assert_no_error (error);
  fresh = dd_scoring_new (fresh_store);
  for (guint i = 0; i < G_N_ELEMENTS (askings); i++)
    {
      g_autoptr(GListModel) expected = NULL;
      DdScorePeriod period;
      GDate as_of = dd_test_date (askings[i].as_of);

      dd_score_period_init (&period, askings[i].kind, askings[i].year, askings[i].index);
      expected = dd_scoring_list_scorecards (fresh, &period, &as_of, &error);
      g_assert_no_error (error);
      assert_same_cards (kept->all, expected, &period, &as_of);
      assert_same_cards (kept->one[i], expected, &period, &as_of);
    }
}

static gint64
random_task (Fixture *f)
{
  return g_array_index (f->tasks, gint64, g_test_rand_int_range (0, f->tasks->len));
}

static const char *
random_unit (Fixture *f)
{
  return g_ptr_array_index (f->units, g_test_rand_int_range (0, f->units->len));
}

static GDate
random_day (void)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_test_rand_int_range (1, 29), g_test_rand_int_range (1, 13),
                  g_test_rand_int_range (2025, 2027));
  if (g_date_get_year (&day) == 2026 && g_date_get_month (&day) > G_DATE_NOVEMBER)
    g_date_set_month (&day, G_DATE_NOVEMBER);
  return day;
}

/* A task edited: one of its title (short enough to fail "6 rõ" or not),
 * lead, coordinators, due date or kind of deadline. */
static void
edit_task (Fixture *f,
           DdStore *writer,
           gint64   task_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (writer, task_id, NULL, &error);

  /* In the recycle bin: nothing to edit. */
  if (task == NULL)
    return;
  switch (g_test_rand_int_range (0, 5))
    {
    case 0:
      dd_task_set_title (task, g_test_rand_bit () ? "Số" : "Rà soát, đơn giản hóa thủ tục hành chính nội bộ");
      break;
    case 1:
      dd_task_set_lead (task, random_unit (f));
      break;
    case 2:
      {
        const char *names[] = { random_unit (f), g_test_rand_bit () ? random_unit (f) : NULL, NULL };

        if (g_strcmp0 (names[0], names[1]) == 0)
          names[1] = NULL;
        dd_task_set_coordinators (task, names);
      }
      break;
    case 3:
      {
        GDate due = random_day ();

        /* A periodic or ongoing task becomes one with a due date. */
        dd_task_set_due (task, &due);
      }
      break;
    default:
      {
        static const char *const kinds[] = { "Định kỳ hằng quý", "Thường xuyên", "Định kỳ 6 tháng" };

        /* And the other way round. */
        g_assert_true (dd_task_set_deadline_text (task, kinds[g_test_rand_int_range (0, G_N_ELEMENTS (kinds))],
                                                  NULL));
      }
      break;
    }
  if (!dd_store_save_task (writer, task, &error))
    g_test_message ("edit refused: %s", error->message);
}

/* One write of kind @kind by @writer (or none, when it is refused). */
static void
write_one (Fixture   *f,
           DdStore   *writer,
           guint      kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFigures) figures = dd_figures_new (writer);
  gint64 task_id = random_task (f);
  GDate day = random_day ();
  gboolean ok = TRUE;

  switch (kind)
    {
    case 0:
      if (g_test_rand_bit ())
        ok = dd_store_record_progress (writer, task_id, 100, &day, NULL, "Xong", &error);
      else
        ok = dd_store_record_progress (writer, task_id, g_test_rand_int_range (0, 100), NULL, NULL, "Tiến độ",
                                       &error);
      break;
    case 1:
      edit_task (f, writer, task_id);
      break;
    case 2:
      ok = dd_store_delete_task (writer, task_id, &error);
      break;
    case 3:
      /* A task in the recycle bin, if there is one. */
      {
        gint64 n_deleted = dd_sql_query_int64 (writer, "SELECT count(*) FROM tasks WHERE deleted_at IS NOT NULL", 0);
        g_autofree char *sql = NULL;

        /* Chosen by g_test's generator, so that a seed replays the run. */
        if (n_deleted > 0)
          sql = g_strdup_printf ("SELECT id FROM tasks WHERE deleted_at IS NOT NULL ORDER BY id LIMIT 1 OFFSET %d",
                                 g_test_rand_int_range (0, (gint32) n_deleted));
        task_id = sql != NULL ? dd_sql_query_int64 (writer, sql, 0) : 0;
      }
      if (task_id > 0)
        ok = dd_store_restore_task (writer, task_id, &error);
      break;
    case 4:
      {
        DdScorePeriod quarter;

        dd_score_period_init (&quarter, DD_OCCURRENCE_QUARTER, g_test_rand_int_range (2025, 2027),
                              g_test_rand_int_range (1, 5));
        if (g_test_rand_int_range (0, 3) == 0)
          ok = dd_figures_clear_indicator_figure (figures, f->typed, dd_test_unit_id (writer, random_unit (f)),
                                                  &quarter, &error);
        else
          ok = dd_figures_set_indicator_figure (figures, f->typed, dd_test_unit_id (writer, random_unit (f)),
                                                &quarter, g_test_rand_int_range (0, 11), 10, NULL, &error);
      }
      break;
    case 5:
      {
        const char *name = random_unit (f);
        g_autofree char *renamed = g_strdup_printf ("%s'", name);

        ok = dd_store_rename_unit (writer, dd_test_unit_id (writer, name), renamed, &error);
      }
      break;
    case 6:
      if (f->units->len > 3)
        {
          const char *from = random_unit (f), *into = random_unit (f);

          if (g_strcmp0 (from, into) != 0)
            ok = dd_store_merge_units (writer, dd_test_unit_id (writer, from), dd_test_unit_id (writer, into),
                                       &error);
        }
      break;
    case 7:
      {
        g_autoptr(DdScoring) scoring = dd_scoring_new (writer);
        DdScoreWeights weights;

        g_assert_true (dd_scoring_get_weights (scoring, &weights, &error));
        weights.trend_periods = g_test_rand_int_range (1, 5);
        ok = dd_scoring_set_weights (scoring, &weights, &error);
      }
      break;
    case 8:
      {
        g_autoptr(DdCalendar) calendar = dd_calendar_new (writer);

        while (g_date_get_weekday (&day) >= G_DATE_SATURDAY)
          g_date_add_days (&day, 1);
        ok = dd_calendar_add_holiday (calendar, &day, DD_HOLIDAY_KIND_COMPENSATORY, "Nghỉ bù", &error);
      }
      break;
    case 9:
      if (f->n_imports < 3)
        {
          g_autofree char *number = g_strdup_printf ("%u/KH-THEM", ++f->n_imports);
          g_autoptr(DdImportedPlan) plan = plan_new (number, g_test_rand_int_range (0, 6), 3);

          ok = dd_store_import_plan (writer, plan, NULL, &error);
        }
      break;
    case 10:
      {
        gint64 periodic = _dd_store_find_task_by_number (writer, 1, "6.");

        if (g_test_rand_bit ())
          ok = dd_store_record_report (writer, periodic, DD_OCCURRENCE_QUARTER, g_test_rand_int_range (2025, 2027),
                                       g_test_rand_int_range (1, 4), &day, NULL, NULL, &error);
        else
          ok = dd_store_add_ad_hoc_report (writer, task_id, "Báo cáo đột xuất", &day, &error) > 0;
      }
      break;
    case 11:
      {
        GDate signed_on = dd_test_date ("2026-01-05");

        g_date_add_days (&day, 400);
        ok = dd_store_extend_task (writer, task_id, &day, "Công văn số 45/UBND-TH", "Chờ ý kiến", "Chủ tịch",
                                   &signed_on, &error);
      }
      break;
    default:
      {
        DdDossierFigures dossiers = { 10, g_test_rand_int_range (0, 6), 2, 0, 0 };
        DdScorePeriod month;

        dd_score_period_init (&month, DD_OCCURRENCE_MONTH, 2026, g_test_rand_int_range (1, 12));
        ok = dd_figures_set_dossier_figures (figures, dd_test_unit_id (writer, random_unit (f)), &month, &dossiers,
                                             NULL, &error);
      }
      break;
    }
  /* A write the store refuses (a task in the recycle bin, a report for a
   * period that is not one of the task's…) writes nothing: fine. */
  if (!ok)
    g_test_message ("write %u refused: %s", kind, error != NULL ? error->message : "");
  read_tasks (f);
  read_units (f);
}

/* Random writes of every kind, by either connection; after each, the kept
 * cards equal the fresh ones. */
static void
test_random_writes (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Kept) kept = { NULL };
  guint partial, full;

  kept_init (&kept, f->store);
  assert_kept_equals_fresh (f, &kept);
  for (guint step = 0; step < N_STEPS; step++)
    {
      /* Task writes more often than the rest, as in a working day. */
      guint kind = g_test_rand_int_range (0, 4) > 0 ? g_test_rand_int_range (0, 5) : g_test_rand_int_range (0, 13);
      DdStore *writer = g_test_rand_bit () ? f->store : f->other;

      g_test_message ("step %u: write %u by %s", step, kind, writer == f->store ? "this connection" : "another");
      write_one (f, writer, kind);
      /* Sometimes two writes before the next reading. */
      if (g_test_rand_int_range (0, 4) == 0)
        write_one (f, g_test_rand_bit () ? f->store : f->other, g_test_rand_int_range (0, 5));
      assert_kept_equals_fresh (f, &kept);
    }
  _dd_scoring_get_cache_counts (kept.one[0], &partial, &full);
  g_test_message ("%u refreshes from the log, %u full reads", partial, full);
  g_assert_cmpuint (partial, >, N_STEPS / 4);
  g_assert_cmpuint (full, >, 1);
}

/* Each kind of write alone, by each connection, then the cards compared:
 * every kind is covered whatever the seed. */
static void
test_each_kind (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Kept) kept = { NULL };

  kept_init (&kept, f->store);
  assert_kept_equals_fresh (f, &kept);
  for (guint kind = 0; kind <= 12; kind++)
    for (guint who = 0; who < 2; who++)
      for (guint n = 0; n < 3; n++)
        {
          write_one (f, who == 0 ? f->store : f->other, kind);
          assert_kept_equals_fresh (f, &kept);
        }
}

/* A title changed by either connection is read again alone: the kept
 * cache is brought up to date from the log, not read whole. */
static void
test_title_refreshes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Kept) kept = { NULL };
  guint partial, full;

  kept_init (&kept, f->store);
  assert_kept_equals_fresh (f, &kept);
  for (guint who = 0; who < 2; who++)
    {
      DdStore *writer = who == 0 ? f->store : f->other;
      g_autoptr(DdTask) task = dd_store_get_task (writer, g_array_index (f->tasks, gint64, 1), NULL, &error);

      g_assert_no_error (error);
      dd_task_set_title (task, who == 0 ? "Ký số văn bản đi của các sở, ban, ngành" : "Ký");
      g_assert_true (dd_store_save_task (writer, task, &error));
      g_assert_no_error (error);
      assert_kept_equals_fresh (f, &kept);
    }
  _dd_scoring_get_cache_counts (kept.one[0], &partial, &full);
  g_assert_cmpuint (partial, ==, 2);
  g_assert_cmpuint (full, ==, 1);

  /* A unit renamed: read whole. */
  g_assert_true (dd_store_rename_unit (f->other, dd_test_unit_id (f->other, "Ban B"), "Ban B (mới)", &error));
  g_assert_no_error (error);
  assert_kept_equals_fresh (f, &kept);
  _dd_scoring_get_cache_counts (kept.one[0], &partial, &full);
  g_assert_cmpuint (partial, ==, 2);
  g_assert_cmpuint (full, ==, 2);
}

/* A dated task with an ad hoc report, in the recycle bin when the kept
 * cards were read, restored by either connection: its report, which no
 * log entry of the restore names, counts again (it was left out once,
 * seen in CI as one forgotten report too few). */
static void
test_restored_ad_hoc (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Kept) kept = { NULL };

  for (guint who = 0; who < 2; who++)
    {
      DdStore *writer = who == 0 ? f->store : f->other;
      gint64 task_id = g_array_index (f->tasks, gint64, who);
      GDate due = dd_test_date ("2026-03-10");

      g_assert_cmpint (dd_store_add_ad_hoc_report (writer, task_id, "Báo cáo đột xuất", &due, &error), >, 0);
      g_assert_no_error (error);
      g_assert_true (dd_store_delete_task (writer, task_id, &error));
      g_assert_no_error (error);
      kept_init (&kept, f->store);
      assert_kept_equals_fresh (f, &kept);
      g_assert_true (dd_store_restore_task (writer, task_id, &error));
      g_assert_no_error (error);
      assert_kept_equals_fresh (f, &kept);
      kept_clear (&kept);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/scoring-refresh/title", test_title_refreshes);
  ADD ("/core/scoring-refresh/each-kind", test_each_kind);
  ADD ("/core/scoring-refresh/restored-ad-hoc", test_restored_ad_hoc);
  ADD ("/core/scoring-refresh/random-writes", test_random_writes);
#undef ADD

  return g_test_run ();
}
