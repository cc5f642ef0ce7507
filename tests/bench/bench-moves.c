/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Re-judging the due dates when a year's days off change, over the large
 * database (dd-bench-generate): the preview of what a change would move
 * (dd_calendar_list_moved_deadlines, what the holiday editor shows before
 * it applies a notice) and a change itself (dd_calendar_add_holiday, then
 * dd_calendar_remove_holiday: each recomputes the due dates by the old and
 * the new tables and records the moves in the history, in its
 * transaction). The changes are made on a copy of DB. Not a test: no
 * assertion on time.
 *
 * Usage: bench-moves DB [DAY]   (DAY, made a day off, defaults to Monday
 * 2026-03-16: the first quarter's reports, due when the period ends on
 * Saturday 14/3, roll forward to it) */
#include "config.h"

#include <time.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-bench.h"

#define RUNS 3

/* The process's CPU time in ms: on a shared machine the wall-clock time
 * also counts the waits for a core. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdCalendar) calendar = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  double preview[RUNS], add[RUNS], remove[RUNS], preview_cpu[RUNS], add_cpu[RUNS], remove_cpu[RUNS];
  guint n_moved = 0;
  int year;
  GDate day;

  if (argc < 2)
    {
      g_printerr ("Usage: %s DB [YEAR]  (DB from dd-bench-generate)\n", argv[0]);
      return 2;
    }
  if (!dd_date_parse_iso (argc > 2 ? argv[2] : "2026-03-16", &day))
    {
      g_printerr ("%s: not a date: %s\n", argv[0], argv[2]);
      return 2;
    }
  year = g_date_get_year (&day);
  dir = g_dir_make_tmp ("bench-moves-XXXXXX", &error);
  g_assert_no_error (error);
  copy = g_build_filename (dir, "copy.sqlite", NULL);
  g_assert_true (g_file_get_contents (argv[1], &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, &error));
  g_clear_pointer (&contents, g_free);
  store = dd_store_open (copy, DD_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  calendar = dd_calendar_new (store);

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GPtrArray) days = dd_holidays_for_year (year, NULL, NULL);
      g_autoptr(GPtrArray) moves = NULL;
      double t0, c0;

      g_ptr_array_add (days, dd_holiday_new (&day, DD_HOLIDAY_KIND_HOLIDAY, "Nghỉ thêm"));
      t0 = dd_bench_now_ms ();
      c0 = cpu_ms ();
      moves = dd_calendar_list_moved_deadlines (calendar, year, days, &error);
      preview[r] = dd_bench_now_ms () - t0;
      preview_cpu[r] = cpu_ms () - c0;
      g_assert_no_error (error);
      n_moved = moves->len;

      t0 = dd_bench_now_ms ();
      c0 = cpu_ms ();
      g_assert_true (dd_calendar_add_holiday (calendar, &day, DD_HOLIDAY_KIND_HOLIDAY, "Nghỉ thêm", &error));
      add[r] = dd_bench_now_ms () - t0;
      add_cpu[r] = cpu_ms () - c0;
      g_assert_no_error (error);

      t0 = dd_bench_now_ms ();
      c0 = cpu_ms ();
      g_assert_true (dd_calendar_remove_holiday (calendar, &day, &error));
      remove[r] = dd_bench_now_ms () - t0;
      remove_cpu[r] = cpu_ms () - c0;
      g_assert_no_error (error);
    }

  g_print ("| re-judging after a change of %d's days off (median of %d; %u due dates move) | time |\n"
           "|---|---:|\n", year, RUNS, n_moved);
  dd_bench_result ("moves_preview", "preview of the moves (list_moved_deadlines)",
                   dd_bench_median (preview, RUNS), "ms");
  dd_bench_result ("moves_add_day", "add a day off, moves recorded", dd_bench_median (add, RUNS), "ms");
  dd_bench_result ("moves_remove_day", "remove it again, moves recorded",
                   dd_bench_median (remove, RUNS), "ms");
  dd_bench_result ("moves_preview_cpu", "preview, CPU time", dd_bench_median (preview_cpu, RUNS), "ms");
  dd_bench_result ("moves_add_day_cpu", "add a day off, CPU time", dd_bench_median (add_cpu, RUNS), "ms");
  dd_bench_result ("moves_remove_day_cpu", "remove it again, CPU time",
                   dd_bench_median (remove_cpu, RUNS), "ms");

  g_clear_object (&calendar);
  g_clear_object (&store);
  g_unlink (copy);
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *shm = g_strconcat (copy, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
