/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-pg-reads FILE [RUNS]: the reads of a command and of the window's
 * task list on a PostgreSQL server (a throwaway cluster on this machine,
 * over its Unix socket), the server's tables read in place
 * by a command (dd_pg_read_store()) and by the window, whose store also
 * writes in place (dd_pg_write_store()), against the file itself. FILE is
 * a database made by dd-bench-generate (it is only read); its data is
 * moved to the server with dd_pg_migrate_from_store() first. Prints
 * medians of RUNS (default 3); asserts nothing about time.
 *
 * Then the window's refresh, as after another desktop's save (the store's
 * snapshot renewed, its caches stale): the list's ids and its first 208
 * tasks (what the task list's worker reads before the view shows it),
 * then the ids alone, REFRESHES times (20) each on one store: median and
 * 95th percentile, the reads sent to the server per refresh, and the
 * time of the recurring tasks' status, which the refresh prepares first.
 * Then SAVES (40) progress updates saved through the window's store on
 * the idle server: median, 95th percentile, reads sent per save.
 * Then the meeting workbook exported EXPORTS (3) times from the window's
 * store as its export dialog does (DdExporter): its time, and the main
 * loop's longest stretch without a turn meanwhile (what the window's
 * frames and clicks wait for).
 *
 * DD_BENCH_PG_URI=postgresql://… measures a database FILE was moved to
 * already (no throwaway cluster, no move). DD_BENCH_CHECK_ORDERS=1 then
 * compares the list's ids on the file and on the server for each sort
 * the server takes, all tasks, a unit's and the overdue ones.
 */
#include <dondoc/dondoc.h>

#include <string.h>
#include <glib/gstdio.h>

#include "dd-bench.h"
#include "dd-test-pg.h"
#include "dd-pg-private.h"
#include "dd-store-private.h"

#define REFRESHES 20
#define EXPORTS 3

typedef DdStore *(*OpenFunc) (const char *location);

static DdStore *
open_file (const char *location)
{
  return dd_store_open (location, DD_STORE_OPEN_READ_ONLY, NULL);
}

static DdStore *
open_window (const char *location)
{
  g_autoptr(DdPg) pg = dd_pg_connect (location, NULL);

  return pg != NULL ? dd_pg_write_store (pg, NULL) : NULL;
}

static DdStore *
open_in_place (const char *location)
{
  g_autoptr(DdPg) pg = dd_pg_connect (location, NULL);

  return pg != NULL ? dd_pg_read_store (pg, NULL) : NULL;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* The ids of every live task in appendix order (of @unit_id's), then the
 * first @n_first of them read. */
static double
time_list_first (DdStore *store, gint64 unit_id, guint n_first)
{
  DdTaskQuery query;
  g_autoptr(DdTaskList) list = NULL;
  double start = now_ms ();

  dd_task_query_init (&query);
  g_date_set_dmy (&query.as_of, 25, 11, 2026);
  query.unit_id = unit_id;
  list = dd_store_query_tasks (store, &query, NULL);
  g_assert_nonnull (list);
  for (guint i = 0; i < MIN (n_first, g_list_model_get_n_items (G_LIST_MODEL (list))); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  return now_ms () - start;
}

/* A first screenful (40 tasks). */
static double
time_list (DdStore *store, gint64 unit_id)
{
  return time_list_first (store, unit_id, 40);
}

/* The window's refresh after another desktop's save (a task's progress,
 * on a connection of its own), REFRESHES times, reading the ids and the
 * first @n_first tasks. */
static void
measure_refresh (const char *location,
                 guint       n_first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = dd_pg_connect (location, &error);
  g_autoptr(DdPg) other = dd_pg_connect (location, &error);
  g_autoptr(DdStore) store = NULL;
  double times[REFRESHES], reads[REFRESHES], recurring[REFRESHES];
  guint64 kept = 0;
  GDate as_of, soon;

  g_assert_no_error (error);
  store = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 25, 11, 2026);
  _dd_store_due_soon_limit (store, &as_of, DD_DEFAULT_DUE_SOON_DAYS, &soon);
  time_list_first (store, 0, n_first);
  for (guint r = 0; r < REFRESHES; r++)
    {
      g_autofree char *save = g_strdup_printf ("UPDATE tasks SET progress = (progress + 1) %% 101, "
                                               "revision = revision + 1 WHERE id = %u", 1 + r * 997);
      guint64 kept_before = _dd_pg_live_count_lists_kept (store);
      guint64 before;
      double start, at;

      g_assert_true (dd_pg_exec (other, save, &error));
      start = now_ms ();
      before = _dd_pg_live_count_reads (store);
      g_assert_true (_dd_pg_live_renew (store, &error));
      _dd_store_external_change (store);
      /* The recurring tasks' status, which the list's query prepares
       * first: its share of the refresh. */
      at = now_ms ();
      g_assert_true (_dd_store_prepare_recurring (store, &as_of, &soon, &error));
      recurring[r] = now_ms () - at;
      time_list_first (store, 0, n_first);
      times[r] = now_ms () - start;
      reads[r] = (double) (_dd_pg_live_count_reads (store) - before);
      kept += _dd_pg_live_count_lists_kept (store) - kept_before;
    }
  qsort (times, REFRESHES, sizeof (double), dd_bench_compare_double);
  qsort (reads, REFRESHES, sizeof (double), dd_bench_compare_double);
  qsort (recurring, REFRESHES, sizeof (double), dd_bench_compare_double);
  g_print ("window refresh (ids + %u tasks), %u times: median %.0f ms, p95 %.0f ms, max %.0f ms; "
           "%.0f reads sent to the server; recurring status median %.1f ms; %" G_GUINT64_FORMAT
           " of the lists brought up to date from the one kept\n", n_first,
           REFRESHES, times[REFRESHES / 2], times[(REFRESHES * 95 + 99) / 100 - 1], times[REFRESHES - 1],
           reads[REFRESHES / 2], recurring[REFRESHES / 2], kept);
  g_print ("RESULT\tpg-reads-window-refresh-%u-reads\t%.0f\treads\n", n_first, reads[REFRESHES / 2]);
  g_print ("RESULT\tpg-reads-window-refresh-%u-recurring\t%.1f\tms\n", n_first, recurring[REFRESHES / 2]);
  g_print ("RESULT\tpg-reads-window-refresh-%u-median\t%.0f\tms\n", n_first, times[REFRESHES / 2]);
  g_print ("RESULT\tpg-reads-window-refresh-%u-p95\t%.0f\tms\n", n_first,
           times[(REFRESHES * 95 + 99) / 100 - 1]);
}

#define SAVES 40

/* A desktop's save of a progress update on the window's store, SAVES
 * times on tasks far apart, the server otherwise idle: what one save
 * costs before any load (bench-pg-load puts it beside the others). */
static void
measure_saves (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = dd_pg_connect (location, &error);
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdTaskList) tasks = NULL;
  DdTaskQuery query;
  double times[SAVES], reads[SAVES];

  g_assert_no_error (error);
  store = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  /* Live tasks, far apart in the list. */
  dd_task_query_init (&query);
  tasks = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_task_list_get_n_tasks (tasks), >=, SAVES);
  for (guint r = 0; r < SAVES; r++)
    {
      g_autofree char *note = g_strdup_printf ("bench-pg-reads save %u", r);
      gint64 id = dd_task_list_get_id_at (tasks, r * (dd_task_list_get_n_tasks (tasks) / SAVES));
      guint64 before = _dd_pg_live_count_reads (store);
      double start = now_ms ();

      g_assert_true (dd_store_record_progress (store, id, 10 + r, NULL, NULL, note, &error));
      g_assert_no_error (error);
      times[r] = now_ms () - start;
      reads[r] = (double) (_dd_pg_live_count_reads (store) - before);
    }
  qsort (times, SAVES, sizeof (double), dd_bench_compare_double);
  qsort (reads, SAVES, sizeof (double), dd_bench_compare_double);
  g_print ("window save (a progress update), %u times: median %.1f ms, p95 %.1f ms, max %.1f ms; "
           "%.0f reads sent to the server\n", SAVES, times[SAVES / 2], times[(SAVES * 95 + 99) / 100 - 1],
           times[SAVES - 1], reads[SAVES / 2]);
  g_print ("RESULT\tpg-reads-window-save-median\t%.1f\tms\n", times[SAVES / 2]);
  g_print ("RESULT\tpg-reads-window-save-p95\t%.1f\tms\n", times[(SAVES * 95 + 99) / 100 - 1]);
  g_print ("RESULT\tpg-reads-window-save-reads\t%.0f\treads\n", reads[SAVES / 2]);
}

typedef struct
{
  double last_tick;
  double longest;               /* the main loop's longest time between two ticks */
  gboolean done;
} Stall;

static gboolean
on_tick_cb (gpointer data)
{
  Stall *stall = data;
  double now = now_ms ();

  stall->longest = MAX (stall->longest, now - stall->last_tick);
  stall->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_exported_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;
  Stall *stall = data;

  g_assert_true (dd_exporter_export_xlsx_finish (DD_EXPORTER (source), result, &error));
  g_assert_no_error (error);
  stall->done = TRUE;
}

/* The meeting workbook exported from the window's store (DdExporter, as
 * the export dialog does), EXPORTS times: its time, and the main loop's
 * longest stretch without a turn meanwhile (a 10 ms tick): what the
 * window's user waits for, frames and clicks, while the export runs. */
static void
measure_window_export (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = dd_pg_connect (location, &error);
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdExporter) exporter = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-pg-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  double times[EXPORTS], stalls[EXPORTS];

  g_assert_no_error (error);
  store = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  exporter = dd_exporter_new (store);
  path = g_build_filename (dir, "bao-cao.xlsx", NULL);
  for (guint r = 0; r < EXPORTS; r++)
    {
      Stall stall = { now_ms (), 0, FALSE };
      guint tick = g_timeout_add (10, on_tick_cb, &stall);
      DdExportOptions options;
      double start = now_ms ();

      dd_export_options_init (&options);
      dd_date_parse_iso ("2026-11-25", &options.tasks.as_of);
      dd_exporter_export_xlsx_async (exporter, &options, path, NULL, on_exported_cb, &stall);
      while (!stall.done)
        g_main_context_iteration (NULL, TRUE);
      /* (A main loop held by the export never ticked since.) */
      on_tick_cb (&stall);
      times[r] = now_ms () - start;
      stalls[r] = stall.longest;
      g_source_remove (tick);
      g_unlink (path);
    }
  g_rmdir (dir);
  qsort (times, EXPORTS, sizeof (double), dd_bench_compare_double);
  qsort (stalls, EXPORTS, sizeof (double), dd_bench_compare_double);
  g_print ("window export (the meeting workbook), %u times: median %.2f s; the main loop's longest stretch "
           "without a turn: median %.0f ms, max %.0f ms\n", EXPORTS, times[EXPORTS / 2] / 1000,
           stalls[EXPORTS / 2], stalls[EXPORTS - 1]);
  g_print ("RESULT\tpg-reads-window-export-median\t%.0f\tms\n", times[EXPORTS / 2]);
  g_print ("RESULT\tpg-reads-window-export-stall-max\t%.0f\tms\n", stalls[EXPORTS - 1]);
}

/* Whether the server's list (sorted and counted there, dd-pg-list.c) is
 * the file's for @sort and the filters of a unit and a status, on this
 * data set: prints the lists that differ (none expected). */
static void
check_orders (DdStore    *file,
              const char *location)
{
  g_autoptr(DdPg) pg = dd_pg_connect (location, NULL);
  g_autoptr(DdStore) server = pg != NULL ? dd_pg_read_store (pg, NULL) : NULL;
  guint n_same = 0, n_lists = 0;

  g_assert_nonnull (server);
  for (int sort = DD_TASK_SORT_NUMBER; sort <= DD_TASK_SORT_PROGRESS; sort++)
    for (int variant = 0; variant < 6; variant++)
      {
        g_autoptr(GArray) on_file = NULL;
        g_autoptr(GArray) on_server = NULL;
        DdTaskQuery query;

        if (sort == DD_TASK_SORT_PRODUCT || sort == DD_TASK_SORT_DIRECTING)
          continue;
        dd_task_query_init (&query);
        g_date_set_dmy (&query.as_of, 25, 11, 2026);
        query.sort = sort;
        query.descending = variant % 2;
        query.unit_id = variant / 2 == 1 ? 5 : 0;
        query.status = variant / 2 == 2 ? DD_STATUS_OVERDUE : -1;
        on_file = _dd_store_query_task_ids (file, &query, NULL);
        on_server = _dd_store_query_task_ids (server, &query, NULL);
        g_assert_nonnull (on_file);
        g_assert_nonnull (on_server);
        n_lists++;
        if (on_file->len == on_server->len &&
            memcmp (on_file->data, on_server->data, sizeof (gint64) * on_file->len) == 0)
          n_same++;
        else
          g_print ("sort %d%s, unit %" G_GINT64_FORMAT ", status %d: %u tasks on the file, %u on the server, "
                   "not in the same order\n", sort, query.descending ? " descending" : "", query.unit_id,
                   query.status, on_file->len, on_server->len);
      }
  g_print ("lists sorted on the server as on the file: %u of %u (%" G_GUINT64_FORMAT " sorted there)\n",
           n_same, n_lists, _dd_pg_live_count_lists (server));
}

static void
measure (const char *backend, OpenFunc open, const char *location, guint runs)
{
  double opening[16], list[16], unit_list[16], one[16];
  GDate as_of;

  g_date_set_dmy (&as_of, 25, 11, 2026);
  for (guint r = 0; r < runs; r++)
    {
      double start = now_ms ();
      g_autoptr(DdStore) store = open (location);
      g_autoptr(DdTask) task = NULL;

      g_assert_nonnull (store);
      opening[r] = now_ms () - start;
      list[r] = time_list (store, 0);
      unit_list[r] = time_list (store, 5);
      start = now_ms ();
      task = dd_store_get_task (store, 4321, &as_of, NULL);
      one[r] = now_ms () - start;
      g_assert_nonnull (task);
    }
  g_print ("| %-9s | %10.0f | %12.0f | %12.0f | %8.1f |\n", backend, dd_bench_median (opening, runs),
           dd_bench_median (list, runs), dd_bench_median (unit_list, runs), dd_bench_median (one, runs));
  g_print ("RESULT\tpg-reads-%s-open\t%.0f\tms\n", backend, dd_bench_median (opening, runs));
  g_print ("RESULT\tpg-reads-%s-list\t%.0f\tms\n", backend, dd_bench_median (list, runs));
  g_print ("RESULT\tpg-reads-%s-unit-list\t%.0f\tms\n", backend, dd_bench_median (unit_list, runs));
  g_print ("RESULT\tpg-reads-%s-one-task\t%.1f\tms\n", backend, dd_bench_median (one, runs));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) source = NULL;
  g_autoptr(DdPg) pg = NULL;
  DdTestPgCluster *cluster = NULL;
  DdTestPgFixture fixture;
  const char *uri = g_getenv ("DD_BENCH_PG_URI");
  guint runs = argc > 2 ? CLAMP (atoi (argv[2]), 1, 16) : 3;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-pg-reads FILE [RUNS]\n");
      return 2;
    }
  dd_init_i18n ();
  source = dd_store_open (argv[1], DD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  if (uri == NULL)
    {
      cluster = dd_test_pg_cluster_start ();
      dd_test_pg_fixture_setup (&fixture, cluster);
      pg = dd_pg_connect (fixture.uri, &error);
      g_assert_no_error (error);
      g_assert_true (dd_pg_init_schema (pg, NULL, &error));
      g_assert_true (dd_pg_migrate_from_store (pg, source, NULL, &error));
      g_assert_no_error (error);
      dd_test_pg_exec (fixture.conn, "VACUUM ANALYZE");
      uri = fixture.uri;
    }

  g_print ("| backend   | open (ms)  | list (ms)    | unit (ms)    | task (ms) |\n");
  g_print ("|-----------|-----------:|-------------:|-------------:|---------:|\n");
  measure ("file", open_file, argv[1], runs);
  measure ("in-place", open_in_place, uri, runs);
  measure ("window", open_window, uri, runs);
  measure_refresh (uri, 208);
  measure_refresh (uri, 0);
  measure_saves (uri);
  measure_window_export (uri);
  if (g_getenv ("DD_BENCH_CHECK_ORDERS") != NULL)
    check_orders (source, uri);

  g_clear_object (&pg);
  if (cluster != NULL)
    {
      dd_test_pg_fixture_teardown (&fixture, cluster);
      dd_test_pg_cluster_stop (cluster);
    }
  return 0;
}
