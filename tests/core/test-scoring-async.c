/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scoring-async"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * dd_scoring_list_scorecards_async() over plan 662/KH-VPUB, second quarter
 * of 2026 judged on 14/06/2026, on a file (a thread and a connection of
 * the DdScoring's own) and in memory (the jobs on the main thread, on the
 * store itself):
 *
 *   - a load gives what dd_scoring_list_scorecards() gives, trends too;
 *   - what it read is kept for the calls on the main thread, which then
 *     read no task while nothing is committed;
 *   - a write in between, from this connection or another one on the same
 *     file, is seen by the next load;
 *   - loads asked for one after the other without waiting, and a call on
 *     the main thread while they run, each give the right cards;
 *   - a cancelled load gives G_IO_ERROR_CANCELLED.
 */

typedef struct
{
  GListModel *cards;
  GError *error;
  gboolean done;
} Load;

static void
on_cards_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Load *load = user_data;

  load->cards = dd_scoring_list_scorecards_finish (DD_SCORING (source), result, &load->error);
  load->done = TRUE;
}

static void
load_start (DdScoring           *scoring,
            const DdScorePeriod *period,
            const GDate         *as_of,
            GCancellable        *cancellable,
            Load                *load)
{
  memset (load, 0, sizeof *load);
  dd_scoring_list_scorecards_async (scoring, period, as_of, cancellable, on_cards_cb, load);
  /* Never at once: the callback comes from the main loop. */
  g_assert_false (load->done);
}

static void
load_wait (Load *load)
{
  while (!load->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
load_clear (Load *load)
{
  g_clear_object (&load->cards);
  g_clear_error (&load->error);
}

/* Loads and waits; fails the test on an error. (transfer full) */
static GListModel *
load_cards (DdScoring           *scoring,
            const DdScorePeriod *period,
            const GDate         *as_of)
{
  Load load;

  load_start (scoring, period, as_of, NULL, &load);
  load_wait (&load);
  g_assert_no_error (load.error);
  g_assert_nonnull (load.cards);
  return load.cards;
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

static void
assert_same_value (double expected,
                   double actual)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat (expected, ==, actual);
}

/* Every figure of every card alike; returns how many cards have a score. */
static guint
assert_same_cards (GListModel *expected,
                   GListModel *actual)
{
  guint scored = 0;

  g_assert_cmpuint (g_list_model_get_n_items (actual), ==, g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(DdScorecard) a = g_list_model_get_item (expected, i);
      g_autoptr(DdScorecard) b = g_list_model_get_item (actual, i);
      GArray *trend_a = dd_scorecard_get_trend (a);
      GArray *trend_b = dd_scorecard_get_trend (b);

      g_assert_cmpint (dd_scorecard_get_unit_id (b), ==, dd_scorecard_get_unit_id (a));
      g_assert_cmpstr (dd_scorecard_get_unit_name (b), ==, dd_scorecard_get_unit_name (a));
      g_assert_cmpint (dd_scorecard_has_score (b), ==, dd_scorecard_has_score (a));
      if (dd_scorecard_has_score (a))
        {
          g_assert_cmpfloat (dd_scorecard_get_score (b), ==, dd_scorecard_get_score (a));
          g_assert_cmpuint (dd_scorecard_get_rank (b), ==, dd_scorecard_get_rank (a));
          scored++;
        }
      g_assert_cmpuint (dd_scorecard_get_n_led (b), ==, dd_scorecard_get_n_led (a));
      g_assert_cmpuint (dd_scorecard_get_n_coordinated (b), ==, dd_scorecard_get_n_coordinated (a));
      for (int s = 0; s < DD_N_STATUSES; s++)
        g_assert_cmpuint (dd_scorecard_get_count (b, s), ==, dd_scorecard_get_count (a, s));
      g_assert_cmpuint (dd_scorecard_get_n_forgotten (b), ==, dd_scorecard_get_n_forgotten (a));
      g_assert_cmpuint (dd_scorecard_get_input (b)->six_clear_passed, ==,
                        dd_scorecard_get_input (a)->six_clear_passed);
      g_assert_cmpuint (dd_scorecard_get_tasks (b)->len, ==, dd_scorecard_get_tasks (a)->len);
      g_assert_cmpuint (trend_b->len, ==, trend_a->len);
      for (guint h = 0; h < trend_a->len; h++)
        assert_same_value (g_array_index (trend_a, double, h), g_array_index (trend_b, double, h));
    }
  return scored;
}

/* The statements the store's own connection runs that read the tasks
 * table. */
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

static const char *
card_name (GListModel *cards,
           gint64      unit_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);

      if (dd_scorecard_get_unit_id (card) == unit_id)
        return dd_scorecard_get_unit_name (card);   /* the model keeps it */
    }
  return NULL;
}

/* A unit's card under a new name: seen by the next load, and the same as
 * a DdScoring that reads on the main thread counts. */
static void
check_rename_seen (DdScoring           *scoring,
                   DdStore             *writer,
                   const DdScorePeriod *period,
                   const GDate         *as_of,
                   const char          *old_name,
                   const char          *new_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScoring) reference = dd_scoring_new (dd_scoring_get_store (scoring));
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(GListModel) expected = NULL;
  gint64 unit_id = dd_test_unit_id (writer, old_name);

  g_assert_true (dd_store_rename_unit (writer, unit_id, new_name, &error));
  g_assert_no_error (error);
  cards = load_cards (scoring, period, as_of);
  g_assert_cmpstr (card_name (cards, unit_id), ==, new_name);
  expected = list_cards (reference, period, as_of);
  assert_same_cards (expected, cards);
}

static void
check_async (DdStore    *store,
             const char *path)
{
  g_autoptr(DdScoring) scoring = dd_scoring_new (store);
  g_autoptr(DdScoring) reference = dd_scoring_new (store);
  g_autoptr(GListModel) expected = NULL;
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DdScorePeriod q2, q1, year;
  GDate as_of = dd_test_date ("2026-06-14");
  Load first, second, third;

  dd_score_period_init (&q2, DD_OCCURRENCE_QUARTER, 2026, 2);
  dd_score_period_init (&q1, DD_OCCURRENCE_QUARTER, 2026, 1);
  dd_score_period_init (&year, DD_OCCURRENCE_YEAR, 2026, 1);

  /* The load equals the call; not a comparison of nothing with nothing. */
  cards = load_cards (scoring, &q2, &as_of);
  expected = list_cards (reference, &q2, &as_of);
  g_assert_cmpuint (g_list_model_get_n_items (expected), >=, 3);
  g_assert_cmpuint (assert_same_cards (expected, cards), >, 0);
  g_clear_object (&cards);

  /* What the load read is the object's: the call reads no task. */
  g_assert_cmpuint (task_reads_of_listing (scoring, &q2, &as_of), ==, 0);
  /* Nor does a load after a call. */
  cards = load_cards (scoring, &q2, &as_of);
  assert_same_cards (expected, cards);
  g_assert_cmpuint (task_reads_of_listing (scoring, &q2, &as_of), ==, 0);
  g_clear_object (&cards);

  /* A write of this connection in between is seen by the next load. */
  check_rename_seen (scoring, store, &q2, &as_of,
                     "Phòng Hành chính - Quản trị", "Phòng Hành chính, Quản trị và Tổng hợp");
  g_assert_cmpuint (task_reads_of_listing (scoring, &q2, &as_of), ==, 0);

  /* A write while a load that counts from what was kept is asked for:
   * the loads asked for after it read the file again, even when the first
   * of them is cancelled before it runs (in memory it always is). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) after = NULL;
    g_autoptr(GCancellable) dropped = g_cancellable_new ();
    gint64 unit_id = dd_test_unit_id (store, "Phòng Hành chính, Quản trị và Tổng hợp");

    load_start (scoring, &q2, &as_of, NULL, &first);
    g_assert_true (dd_store_rename_unit (store, unit_id, "Văn phòng", &error));
    g_assert_no_error (error);
    load_start (scoring, &q2, &as_of, dropped, &second);
    g_cancellable_cancel (dropped);
    load_start (scoring, &q2, &as_of, NULL, &third);
    load_wait (&first);
    load_wait (&second);
    load_wait (&third);
    g_assert_no_error (first.error);
    g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_no_error (third.error);
    g_assert_cmpstr (card_name (third.cards, unit_id), ==, "Văn phòng");
    after = list_cards (scoring, &q2, &as_of);
    g_assert_cmpstr (card_name (after, unit_id), ==, "Văn phòng");
    load_clear (&first);
    load_clear (&second);
    load_clear (&third);
  }

  /* And one of another desktop on the same file. */
  if (path != NULL)
    {
      g_autoptr(DdStore) other = dd_test_open_other (path, NULL);

      check_rename_seen (scoring, other, &q2, &as_of,
                         "Trung tâm Phục vụ Hành chính công", "Trung tâm Phục vụ hành chính công tỉnh");
    }

  /* Three loads at once, the first cancelled, and a call on the main
   * thread while they run: each gives its own period's cards. */
  load_start (scoring, &q1, &as_of, cancellable, &first);
  load_start (scoring, &year, &as_of, NULL, &second);
  load_start (scoring, &q2, &as_of, NULL, &third);
  g_cancellable_cancel (cancellable);
  g_clear_object (&expected);
  expected = list_cards (scoring, &year, &as_of);
  load_wait (&first);
  load_wait (&second);
  load_wait (&third);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first.cards);
  g_assert_no_error (second.error);
  g_assert_no_error (third.error);
  {
    g_autoptr(GListModel) year_cards = list_cards (reference, &year, &as_of);
    g_autoptr(GListModel) q2_cards = list_cards (reference, &q2, &as_of);

    assert_same_cards (year_cards, expected);
    assert_same_cards (year_cards, second.cards);
    assert_same_cards (q2_cards, third.cards);
  }
  load_clear (&first);
  load_clear (&second);
  load_clear (&third);
  /* The cache came back to the object. */
  g_assert_cmpuint (task_reads_of_listing (scoring, &q2, &as_of), ==, 0);

  /* Cancelled before it runs: not made. */
  load_start (scoring, &q2, &as_of, cancellable, &first);
  load_wait (&first);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first.cards);
  load_clear (&first);

  g_assert_finalize_object (g_steal_pointer (&scoring));
}

static void
test_async_memory (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");

  check_async (store, NULL);
}

static void
test_async_file (void)
{
  g_autofree char *path = NULL;
  DdStore *store = dd_test_create_store (&path);

  check_async (store, path);
  g_assert_finalize_object (store);
  dd_test_remove_store_file (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/scoring/async/memory", test_async_memory);
  g_test_add_func ("/core/scoring/async/file", test_async_file);

  return g_test_run ();
}
