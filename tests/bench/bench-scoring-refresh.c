/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The unit scorecards of a year, the first call after a write, on the large
 * database (dd-bench-generate): what the Units page waits for once a task
 * is saved here or on another desktop (issue #18, target 100 ms). The
 * writes: a task's title changed then put back (as bench-charts), a
 * progress update, and a progress update of a periodic task (its reports
 * are judged again). The DdScoring is kept across the writes, as the page
 * keeps one. Not a test: no assertion on time.
 *
 * Every call measured goes through measured_call(); under callgrind,
 *   valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no \
 *     --toggle-collect=measured_call --dump-after=measured_call \
 *     bench-scoring-refresh DB AS_OF 1
 * counts the instructions of those calls only, one file each (the machine's
 * load does not change them). The first call, which fills what is kept,
 * runs uninstrumented when valgrind's headers are there (the package
 * valgrind): ten times quicker.
 *
 * Usage: bench-scoring-refresh DB [AS_OF] [RUNS] */
#include "config.h"

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND_H 1
#endif
#endif

#include "dd-store-private.h"
#include "dd-bench.h"

static guint n_measured;

/* The call measured (kept out of line for callgrind's --toggle-collect). */
G_GNUC_NO_INLINE static void
measured_call (DdScoring           *scoring,
               const DdScorePeriod *period,
               const GDate         *as_of)
{
  g_autoptr(GError) error = NULL;
  GListModel *cards = dd_scoring_list_scorecards (scoring, period, as_of, &error);

  if (cards == NULL)
    g_error ("%s", error->message);
  g_object_unref (cards);
  n_measured++;
}

static void
write_title (DdStore *writer,
             gint64   task_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (writer, task_id, NULL, &error);
  g_autofree char *title = NULL;

  if (task == NULL)
    g_error ("%s", error->message);
  title = g_strdup (dd_task_get_title (task));
  if (g_str_has_suffix (title, " (sửa)"))
    title[strlen (title) - strlen (" (sửa)")] = '\0';
  else
    {
      g_autofree char *longer = g_strconcat (title, " (sửa)", NULL);

      g_free (title);
      title = g_steal_pointer (&longer);
    }
  dd_task_set_title (task, title);
  if (!dd_store_save_task (writer, task, &error))
    g_error ("%s", error->message);
}

static void
write_progress (DdStore *writer,
                gint64   task_id,
                guint    run)
{
  g_autoptr(GError) error = NULL;

  if (!dd_store_record_progress (writer, task_id, 10 + (int) (run % 80), NULL, NULL, "Tiến độ", &error))
    g_error ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) own = NULL;
  g_autoptr(DdStore) other = NULL;
  g_autoptr(DdScoring) kept = NULL;
  DdScorePeriod period;
  GDate as_of;
  guint runs = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 7;
  double times[6][64];
  double quiet[64];
  gint64 task_id, periodic_id;
  double t0;
  static const char *const labels[6][2] = {
    { "scorecards_after_title", "scorecards: one year, after this connection's title change" },
    { "scorecards_after_other_title", "scorecards: one year, after another desktop's title change" },
    { "scorecards_after_progress", "scorecards: one year, after this connection's progress update" },
    { "scorecards_after_other_progress", "scorecards: one year, after another desktop's progress update" },
    { "scorecards_after_periodic", "scorecards: one year, after this connection's periodic task update" },
    { "scorecards_after_other_periodic", "scorecards: one year, after another desktop's periodic task update" },
  };

  if (argc < 2)
    {
      g_printerr ("Usage: %s DB [AS_OF] [RUNS]\n", argv[0]);
      return 2;
    }
  runs = CLAMP (runs, 1, G_N_ELEMENTS (quiet));
  g_date_clear (&as_of, 1);
  if (argc > 2)
    g_date_set_parse (&as_of, argv[2]);
  else
    g_date_set_time_t (&as_of, time (NULL));
  if (!g_date_valid (&as_of))
    g_error ("bad date");

  own = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING, &error);
  if (own == NULL)
    g_error ("%s", error->message);
  other = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING, &error);
  if (other == NULL)
    g_error ("%s", error->message);
  kept = dd_scoring_new (own);
  task_id = dd_sql_query_int64 (own, "SELECT id FROM tasks WHERE deleted_at IS NULL ORDER BY id LIMIT 1 OFFSET 5000", 0);
  periodic_id = dd_sql_query_int64 (own, "SELECT id FROM tasks WHERE deleted_at IS NULL AND deadline_kind = 3 "
                                    "AND lead_unit_id IS NOT NULL AND completed_on IS NULL ORDER BY id LIMIT 1", 0);
  dd_score_period_init (&period, DD_OCCURRENCE_YEAR, g_date_get_year (&as_of), 1);

  /* The first call fills what is kept (not measured). */
  t0 = dd_bench_now_ms ();
  g_object_unref (dd_scoring_list_scorecards (kept, &period, &as_of, NULL));
  g_print ("(first call: %.1f ms)\n", dd_bench_now_ms () - t0);
#ifdef HAVE_CALLGRIND_H
  CALLGRIND_START_INSTRUMENTATION;
#endif

  for (guint run = 0; run < runs; run++)
    {
      t0 = dd_bench_now_ms ();
      measured_call (kept, &period, &as_of);
      quiet[run] = dd_bench_now_ms () - t0;
    }
  for (guint kind = 0; kind < 6; kind++)
    for (guint run = 0; run < runs; run++)
      {
        DdStore *writer = kind % 2 == 0 ? own : other;

        if (kind < 2)
          write_title (writer, task_id);
        else
          write_progress (writer, kind < 4 ? task_id : periodic_id, run);
        t0 = dd_bench_now_ms ();
        measured_call (kept, &period, &as_of);
        times[kind][run] = dd_bench_now_ms () - t0;
      }

  dd_bench_result ("scorecards_kept", "scorecards: one year, nothing written since",
                   dd_bench_median (quiet, runs), "ms");
  for (guint kind = 0; kind < 6; kind++)
    dd_bench_result (labels[kind][0], labels[kind][1], dd_bench_median (times[kind], runs), "ms");
  g_print ("(%u calls measured: %u with nothing written, then %u after each kind of write)\n", n_measured, runs,
           runs);
  return 0;
}
