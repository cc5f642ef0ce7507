/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scoring-cache"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-scoring-private.h"
#include "dd-test-core.h"

/*
 * The scorecards read every period of a trend in one pass and keep what
 * they read between calls in their DdScoring (dd-scoring-cache.c). Here:
 *
 *   - the trend of a card equals the scores of its earlier periods asked
 *     for one by one, over the kinds of period and several dates;
 *   - what is kept follows every write: a task's title (the "6 rõ" check
 *     and the list of a card), its coordinators, a unit renamed or merged,
 *     from this connection and from a second DdStore on the same file;
 *   - the "6 rõ" check made from a task's words checked beforehand equals
 *     the whole check;
 *   - after writes of either connection, what a kept DdScoring counts
 *     equals what a new one counts, without reading every task's words
 *     again.
 *
 * The plan, issued 1/3/2025, led by Phòng A, Ban B, Đội C, with tasks due
 * in every quarter from 2025 to 2026, some done on time, some late, some
 * never, a periodic and an ongoing one; task 2's title is too short for
 * "6 rõ".
 */

typedef struct
{
  char *dir;
  char *db;
  DdStore *store;
  DdScoring *scoring;
  gint64 unit_a;
  gint64 unit_b;
  gint64 unit_c;
} Fixture;

static const DdTestPlanTask fixture_tasks[] = {
  { "Rà soát thủ tục hành chính cấp tỉnh", "Phòng A", "Ban B", "Trước 10/4/2025", "2025-04-05" },
  { "Ký số", "Phòng A", NULL, "Trước 20/7/2025", "2025-07-25" },
  { "Số hóa hồ sơ một cửa", "Phòng A", "Đội C", "Trước 30/10/2025", NULL },
  { "Cập nhật cơ sở dữ liệu cán bộ", "Ban B", "Phòng A", "Trước 15/1/2026", "2026-01-10" },
  { "Tập huấn chuyển đổi số cho cấp xã", "Ban B", NULL, "Trước 30/4/2026", NULL },
  { "Báo cáo kết quả cải cách hành chính", "Đội C", "Ban B", "Định kỳ hằng quý", NULL },
  { "Theo dõi việc giải quyết hồ sơ", "Đội C", NULL, "Thường xuyên", NULL },
  { "Đánh giá chỉ số hài lòng của người dân", "Phòng A", "Ban B", "Trước 30/9/2026", "2026-10-02" },
  { "Công khai kết quả giải quyết hồ sơ", "Đội C", "Phòng A", "Trước 31/12/2026", NULL },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  gint64 plan_id;

  f->dir = dd_test_make_tmp_dir ("dondoc-scoring-cache-XXXXXX");
  f->db = g_build_filename (f->dir, "dondoc.sqlite", NULL);
  f->store = dd_store_open (f->db, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  plan = dd_test_plan_new ("12/KH-TEST", fixture_tasks, G_N_ELEMENTS (fixture_tasks),
                           0, G_N_ELEMENTS (fixture_tasks));
  g_assert_true (dd_store_import_plan (f->store, plan, NULL, &error));
  g_assert_no_error (error);

  plan_id = dd_sql_query_int64 (f->store, "SELECT id FROM plans", 0);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_tasks); i++)
    {
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);

      if (fixture_tasks[i].completed != NULL)
        dd_test_complete_task (f->store, plan_id, number, fixture_tasks[i].completed);
    }

  f->unit_a = dd_test_unit_id (f->store, "Phòng A");
  f->unit_b = dd_test_unit_id (f->store, "Ban B");
  f->unit_c = dd_test_unit_id (f->store, "Đội C");
  g_assert_cmpint (f->unit_a * f->unit_b * f->unit_c, >, 0);

  /* Typed figures of the first indicator in two quarters, for A and B. */
  {
    gint64 typed = dd_sql_query_int64 (f->store, "SELECT id FROM indicators ORDER BY position LIMIT 1", 0);
    g_autoptr(DdFigures) figures = dd_figures_new (f->store);
    DdScorePeriod q;

    dd_score_period_init (&q, DD_OCCURRENCE_QUARTER, 2025, 3);
    g_assert_true (dd_figures_set_indicator_figure (figures, typed, f->unit_a, &q, 7, 10, NULL, &error));
    dd_score_period_init (&q, DD_OCCURRENCE_QUARTER, 2026, 2);
    g_assert_true (dd_figures_set_indicator_figure (figures, typed, f->unit_a, &q, 9, 10, NULL, &error));
    g_assert_true (dd_figures_set_indicator_figure (figures, typed, f->unit_b, &q, 3, 4, NULL, &error));
    g_assert_no_error (error);
  }
  f->scoring = dd_scoring_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->scoring);
  g_clear_object (&f->store);
  dd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static GListModel *
list_cards (DdScoring           *scoring,
            const DdScorePeriod *period,
            const GDate         *as_of)
{
  g_autoptr(GError) error = NULL;
  GListModel *cards = dd_scoring_list_scorecards (scoring, period, as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cards);
  return cards;
}

static DdScorecard *
find_card (GListModel *cards,
           gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);

      if (dd_scorecard_get_unit_id (card) == id)
        return g_steal_pointer (&card);
    }
  return NULL;
}

static void
assert_same_score (double expected,
                   double actual)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat (expected, ==, actual);
}

/* The trend of every card against the earlier periods asked for alone. */
static void
test_trend_equals_periods (Fixture       *f,
                           gconstpointer  data)
{
  static const struct
  {
    DdOccurrenceKind kind;
    int year;
    int index;
    const char *as_of;
  } cases[] = {
    { DD_OCCURRENCE_YEAR, 2026, 1, "2026-11-25" },
    { DD_OCCURRENCE_YEAR, 2026, 1, "2026-03-01" },
    { DD_OCCURRENCE_HALF_YEAR, 2026, 1, "2026-11-25" },
    { DD_OCCURRENCE_QUARTER, 2026, 2, "2026-05-02" },
    { DD_OCCURRENCE_QUARTER, 2026, 4, "2026-12-30" },
    { DD_OCCURRENCE_MONTH, 2026, 1, "2026-01-10" },
    { DD_OCCURRENCE_MONTH, 2025, 8, "2026-11-25" },
  };
  guint scored = 0;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GListModel) cards = NULL;
      DdScorePeriod period;
      GDate as_of;

      dd_score_period_init (&period, cases[c].kind, cases[c].year, cases[c].index);
      g_assert_true (dd_date_parse_iso (cases[c].as_of, &as_of));
      cards = list_cards (f->scoring, &period, &as_of);

      for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
        {
          g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);
          GArray *trend = dd_scorecard_get_trend (card);

          g_assert_cmpuint (trend->len, ==, DD_SCORE_DEFAULT_TREND_PERIODS);
          assert_same_score (dd_scorecard_has_score (card) ? dd_scorecard_get_score (card) : NAN,
                             g_array_index (trend, double, trend->len - 1));
          for (guint h = 0; h + 1 < trend->len; h++)
            {
              g_autoptr(GListModel) alone = NULL;
              g_autoptr(DdScorecard) same = NULL;
              DdScorePeriod earlier;

              dd_score_period_shift (&period, -(int) (trend->len - 1 - h), &earlier);
              alone = list_cards (f->scoring, &earlier, &as_of);
              same = find_card (alone, dd_scorecard_get_unit_id (card));
              g_assert_nonnull (same);
              assert_same_score (dd_scorecard_has_score (same) ? dd_scorecard_get_score (same) : NAN,
                                 g_array_index (trend, double, h));
              if (!isnan (g_array_index (trend, double, h)))
                scored++;
            }
        }
    }
  /* Not a comparison of nothing with nothing. */
  g_assert_cmpuint (scored, >=, 10);
}

static guint
six_clear_passed (GListModel *cards,
                  gint64      id)
{
  g_autoptr(DdScorecard) card = find_card (cards, id);

  g_assert_nonnull (card);
  return dd_scorecard_get_input (card)->six_clear_passed;
}

static const char *
task_title (GListModel *cards,
            gint64      unit,
            gint64      task_id)
{
  g_autoptr(DdScorecard) card = find_card (cards, unit);
  GPtrArray *tasks = dd_scorecard_get_tasks (card);

  for (guint i = 0; i < tasks->len; i++)
    {
      const DdScoreTask *task = g_ptr_array_index (tasks, i);

      if (task->task_id == task_id)
        return task->title;
    }
  return NULL;
}

static void
retitle (DdStore    *store,
         gint64      task_id,
         const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, task_id, NULL, &error);

  g_assert_no_error (error);
  dd_task_set_title (task, title);
  g_assert_true (dd_store_save_task (store, task, &error));
  g_assert_no_error (error);
}

/* What is kept between calls follows the writes of this connection and of
 * another one on the same file. */
static void
test_follows_writes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) other = NULL;
  DdScorePeriod year;
  GDate as_of;
  gint64 task1 = _dd_store_find_task_by_number (f->store, 1, "1.");
  gint64 task2 = _dd_store_find_task_by_number (f->store, 1, "2.");
  guint passed;

  dd_score_period_init (&year, DD_OCCURRENCE_YEAR, 2025, 1);
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 25, G_DATE_NOVEMBER, 2025);

  /* Tasks 1, 2 and 3 of Phòng A are in 2025; "Ký số" fails "6 rõ". */
  {
    g_autoptr(GListModel) cards = list_cards (f->scoring, &year, &as_of);
    g_autoptr(GListModel) again = list_cards (f->scoring, &year, &as_of);

    passed = six_clear_passed (cards, f->unit_a);
    g_assert_cmpuint (passed, ==, 2);
    g_assert_cmpuint (six_clear_passed (again, f->unit_a), ==, passed);
    g_assert_cmpstr (task_title (again, f->unit_a, task2), ==, "Ký số");
  }

  /* This connection's write. */
  retitle (f->store, task2, "Ký số văn bản đi");
  {
    g_autoptr(GListModel) cards = list_cards (f->scoring, &year, &as_of);

    g_assert_cmpuint (six_clear_passed (cards, f->unit_a), ==, passed + 1);
    g_assert_cmpstr (task_title (cards, f->unit_a, task2), ==, "Ký số văn bản đi");
  }

  /* Another connection's: a title, a coordinator, a unit's name. */
  other = dd_test_open_other (f->db, NULL);
  retitle (other, task1, "Rà soát");
  {
    g_autoptr(GListModel) cards = list_cards (f->scoring, &year, &as_of);

    g_assert_cmpuint (six_clear_passed (cards, f->unit_a), ==, passed);
    g_assert_cmpstr (task_title (cards, f->unit_a, task1), ==, "Rà soát");
  }

  {
    g_autoptr(DdTask) task = dd_store_get_task (other, task2, NULL, &error);
    const char *names[] = { "Đội C", NULL };
    g_autoptr(GListModel) before = list_cards (f->scoring, &year, &as_of);
    g_autoptr(GListModel) after = NULL;
    g_autoptr(DdScorecard) c_before = find_card (before, f->unit_c);
    g_autoptr(DdScorecard) c_after = NULL;

    g_assert_no_error (error);
    dd_task_set_coordinators (task, names);
    g_assert_true (dd_store_save_task (other, task, &error));
    g_assert_no_error (error);
    after = list_cards (f->scoring, &year, &as_of);
    c_after = find_card (after, f->unit_c);
    g_assert_cmpuint (dd_scorecard_get_n_coordinated (c_after), ==, dd_scorecard_get_n_coordinated (c_before) + 1);
    g_assert_nonnull (task_title (after, f->unit_c, task2));
  }

  g_assert_true (dd_store_rename_unit (other, f->unit_b, "Ban B (mới)", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) cards = list_cards (f->scoring, &year, &as_of);
    g_autoptr(DdScorecard) b = find_card (cards, f->unit_b);

    g_assert_cmpstr (dd_scorecard_get_unit_name (b), ==, "Ban B (mới)");
  }

  /* Merged: Ban B's card is gone, its task counts for Phòng A. */
  {
    g_autoptr(GListModel) before = list_cards (f->scoring, &year, &as_of);
    g_autoptr(GListModel) after = NULL;
    g_autoptr(DdScorecard) a_before = find_card (before, f->unit_a);
    g_autoptr(DdScorecard) b_before = find_card (before, f->unit_b);
    g_autoptr(DdScorecard) a_after = NULL;

    g_assert_true (dd_store_merge_units (other, f->unit_b, f->unit_a, &error));
    g_assert_no_error (error);
    after = list_cards (f->scoring, &year, &as_of);
    g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before) - 1);
    g_assert_null (find_card (after, f->unit_b));
    a_after = find_card (after, f->unit_a);
    g_assert_cmpuint (dd_scorecard_get_n_led (a_after), ==,
                      dd_scorecard_get_n_led (a_before) + dd_scorecard_get_n_led (b_before));
  }
}

/* Inside a transaction of this connection, its writes not yet committed
 * count, and are not kept once rolled back. */
static void
test_in_transaction (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) inside = NULL;
  g_autoptr(GListModel) after = NULL;
  DdScorePeriod year;
  GDate as_of;

  dd_score_period_init (&year, DD_OCCURRENCE_YEAR, 2025, 1);
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 25, G_DATE_NOVEMBER, 2025);
  before = list_cards (f->scoring, &year, &as_of);

  g_assert_true (_dd_store_begin (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (dd_sql_exec (f->store, "UPDATE tasks SET title = 'Ký' WHERE number = '1.'", &error));
  g_assert_no_error (error);
  inside = list_cards (f->scoring, &year, &as_of);
  _dd_store_rollback (f->store);
  after = list_cards (f->scoring, &year, &as_of);

  g_assert_cmpuint (six_clear_passed (inside, f->unit_a), ==, six_clear_passed (before, f->unit_a) - 1);
  g_assert_cmpuint (six_clear_passed (after, f->unit_a), ==, six_clear_passed (before, f->unit_a));
}

/* The statements a connection runs that read the tasks table. */
static int
on_trace_cb (unsigned  type,
             void     *data,
             void     *stmt,
             void     *sql)
{
  guint *n_task_reads = data;
  const char *text = sqlite3_sql (stmt);

  if (text != NULL && strstr (text, "FROM tasks") != NULL)
    (*n_task_reads)++;
  return 0;
}

/* The read of every task's words (dd-scoring-cache.c, load_words()). */
static int
on_whole_read_cb (unsigned  type,
                  void     *data,
                  void     *stmt,
                  void     *sql)
{
  guint *n_reads = data;
  const char *text = sqlite3_sql (stmt);

  if (text != NULL && strstr (text, "FROM tasks NOT INDEXED") != NULL)
    (*n_reads)++;
  return 0;
}

static guint
task_reads_of_listing (DdScoring           *scoring,
                       const DdScorePeriod *period,
                       const GDate         *as_of)
{
  sqlite3 *db = _dd_store_get_db (dd_scoring_get_store (scoring));
  g_autoptr(GListModel) cards = NULL;
  guint n_task_reads = 0;

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_trace_cb, &n_task_reads);
  cards = list_cards (scoring, period, as_of);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  return n_task_reads;
}

/* What one DdScoring read is kept for its next call, and only in it: a
 * second call reads no task while nothing is committed; another DdScoring
 * of the same store reads them for itself; a commit has them read again. */
static void
test_kept_between_calls (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DdScoring) second = dd_scoring_new (f->store);
  DdScorePeriod year;
  GDate as_of;

  dd_score_period_init (&year, DD_OCCURRENCE_YEAR, 2025, 1);
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 25, G_DATE_NOVEMBER, 2025);

  g_assert_cmpuint (task_reads_of_listing (f->scoring, &year, &as_of), >, 0);
  g_assert_cmpuint (task_reads_of_listing (f->scoring, &year, &as_of), ==, 0);
  g_assert_cmpuint (task_reads_of_listing (second, &year, &as_of), >, 0);
  g_assert_cmpuint (task_reads_of_listing (second, &year, &as_of), ==, 0);

  retitle (f->store, _dd_store_find_task_by_number (f->store, 1, "1."), "Rà soát thủ tục hành chính");
  g_assert_cmpuint (task_reads_of_listing (f->scoring, &year, &as_of), >, 0);
  g_assert_cmpuint (task_reads_of_listing (f->scoring, &year, &as_of), ==, 0);
}

/* Every figure of every card, and the tasks behind them, equal. */
static void
assert_same_cards (GListModel *expected,
                   GListModel *actual)
{
  g_assert_cmpuint (g_list_model_get_n_items (expected), ==, g_list_model_get_n_items (actual));
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(DdScorecard) e = g_list_model_get_item (expected, i);
      g_autoptr(DdScorecard) a = g_list_model_get_item (actual, i);
      GPtrArray *e_tasks = dd_scorecard_get_tasks (e);
      GPtrArray *a_tasks = dd_scorecard_get_tasks (a);

      g_assert_cmpint (dd_scorecard_get_unit_id (e), ==, dd_scorecard_get_unit_id (a));
      g_assert_cmpstr (dd_scorecard_get_unit_name (e), ==, dd_scorecard_get_unit_name (a));
      g_assert_cmpuint (dd_scorecard_get_n_led (e), ==, dd_scorecard_get_n_led (a));
      g_assert_cmpuint (dd_scorecard_get_n_coordinated (e), ==, dd_scorecard_get_n_coordinated (a));
      g_assert_cmpuint (dd_scorecard_get_input (e)->six_clear_passed, ==,
                        dd_scorecard_get_input (a)->six_clear_passed);
      g_assert_cmpint (dd_scorecard_has_score (e), ==, dd_scorecard_has_score (a));
      assert_same_score (dd_scorecard_get_score (e), dd_scorecard_get_score (a));
      g_assert_cmpuint (dd_scorecard_get_rank (e), ==, dd_scorecard_get_rank (a));
      g_assert_cmpuint (e_tasks->len, ==, a_tasks->len);
      for (guint j = 0; j < e_tasks->len; j++)
        {
          const DdScoreTask *et = g_ptr_array_index (e_tasks, j);
          const DdScoreTask *at = g_ptr_array_index (a_tasks, j);

          g_assert_cmpint (et->task_id, ==, at->task_id);
          g_assert_cmpstr (et->number, ==, at->number);
          g_assert_cmpstr (et->title, ==, at->title);
        }
    }
}

/* What a kept DdScoring counts after writes equals what a new one, which
 * reads everything, counts; and the tasks' words are not read whole again
 * (only the tasks the audit log names). */
static void
test_equals_full_recompute (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) other = dd_test_open_other (f->db, NULL);
  gint64 task1 = _dd_store_find_task_by_number (f->store, 1, "1.");
  gint64 task2 = _dd_store_find_task_by_number (f->store, 1, "2.");
  gint64 task3 = _dd_store_find_task_by_number (f->store, 1, "3.");
  DdScorePeriod year;
  GDate as_of;

  dd_score_period_init (&year, DD_OCCURRENCE_YEAR, 2025, 1);
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 25, G_DATE_NOVEMBER, 2025);
  g_object_unref (list_cards (f->scoring, &year, &as_of));

  for (guint step = 0; step < 7; step++)
    {
      DdStore *writer = step % 2 == 0 ? f->store : other;
      g_autoptr(DdScoring) fresh = NULL;
      g_autoptr(GListModel) kept_cards = NULL;
      g_autoptr(GListModel) fresh_cards = NULL;
      sqlite3 *db = _dd_store_get_db (f->store);
      guint n_whole_reads = 0;

      switch (step)
        {
        case 0:
          retitle (writer, task2, "Ký số văn bản đi của các sở, ban, ngành");
          break;
        case 1:
          retitle (writer, task1, "Rà");
          break;
        case 2:
          g_assert_true (dd_store_delete_task (writer, task3, &error));
          break;
        case 3:
          g_assert_true (dd_store_restore_task (writer, task3, &error));
          break;
        case 4:
          dd_test_complete_task (writer, 1, "3.", "2025-11-20");
          break;
        case 5:
          retitle (writer, task3, "Số");
          break;
        default:
          g_assert_true (dd_store_rename_unit (writer, f->unit_c, "Đội C (mới)", &error));
          break;
        }
      g_assert_no_error (error);

      sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_whole_read_cb, &n_whole_reads);
      kept_cards = list_cards (f->scoring, &year, &as_of);
      sqlite3_trace_v2 (db, 0, NULL, NULL);
      g_assert_cmpuint (n_whole_reads, ==, 0);

      fresh = dd_scoring_new (f->store);
      fresh_cards = list_cards (fresh, &year, &as_of);
      assert_same_cards (fresh_cards, kept_cards);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/scoring-cache/trend-equals-periods", test_trend_equals_periods);
  ADD ("/core/scoring-cache/follows-writes", test_follows_writes);
  ADD ("/core/scoring-cache/in-transaction", test_in_transaction);
  ADD ("/core/scoring-cache/kept-between-calls", test_kept_between_calls);
  ADD ("/core/scoring-cache/equals-full-recompute", test_equals_full_recompute);
#undef ADD

  return g_test_run ();
}
