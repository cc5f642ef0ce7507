/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard, the calendar and the scorecards over the large database
 * (dd-bench-generate), with two peers in the same run:
 *   - the sqlite3 shell running the same "status per lead unit" aggregate
 *     (the status written as a CASE, the shell having no dd_status());
 *     ours must be within 1.5× of it;
 *   - python3-matplotlib drawing the same stacked bars (status per lead
 *     unit) to a 1200×800 PNG (bench-charts-peer.py); ours (drawn and
 *     written to PNG the same way) must be 20× faster.
 * Not a test: no assertion on time.
 *
 * Usage: bench-charts DB [AS_OF] [SQLITE3] [PYTHON3] */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-bench.h"

#define RUNS 9
#define PEER_UNITS 30

/* The status of DdTaskStatus in plain SQL (dd-rules.c), for the shell. */
#define STATUS_CASE \
  "CASE WHEN completed_on IS NOT NULL AND completed_on <= '%s' " \
  "THEN (CASE WHEN due_on IS NOT NULL AND completed_on > due_on THEN 1 ELSE 0 END) " \
  "WHEN due_on IS NOT NULL THEN (CASE WHEN due_on < '%s' THEN 4 WHEN due_on <= '%s' THEN 3 ELSE 2 END) " \
  "WHEN deadline_kind IN (2, 3, 4) THEN 2 ELSE 5 END"

/* The shell's own timer ("Run Time: real …") over @runs runs of @sql. */
static double
shell_median_ms (const char *sqlite3,
                 const char *db,
                 const char *sql,
                 guint       runs)
{
  g_autoptr(GString) script = g_string_new (".timer on\n.output /dev/null\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *script_path = NULL;
  g_autofree char *command = NULL;
  g_auto(GStrv) lines = NULL;
  double times[64];
  guint n = 0;
  int fd, status;

  for (guint i = 0; i < runs; i++)
    g_string_append_printf (script, "%s;\n", sql);
  fd = g_file_open_tmp ("dondoc-bench-XXXXXX.sql", &script_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (script_path, script->str, -1, NULL));
  command = g_strdup_printf ("%s -bail %s -init %s .quit", sqlite3, db, script_path);
  if (!g_spawn_command_line_sync (command, &out, NULL, &status, &error) || out == NULL)
    {
      g_printerr ("%s: %s\n", sqlite3, error != NULL ? error->message : "failed");
      g_unlink (script_path);
      return -1;
    }
  g_unlink (script_path);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && n < G_N_ELEMENTS (times); i++)
    if (g_str_has_prefix (lines[i], "Run Time: real "))
      times[n++] = g_ascii_strtod (lines[i] + strlen ("Run Time: real "), NULL) * 1000;
  return n == 0 ? -1 : dd_bench_median (times, n);
}

/* As the app and dondoc-cli save a chart: dd_chart_save() to PNG. */
static void
draw_units_png (DdChart    *chart,
                const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_chart_save (chart, path, 1200, 800, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdStats) stats = NULL;
  const char *as_of_text = argc > 2 ? argv[2] : "2026-11-25";
  const char *sqlite3 = argc > 3 ? argv[3] : "sqlite3";
  const char *python3 = argc > 4 ? argv[4] : "/usr/bin/python3";
  g_autofree char *dir = g_dir_make_tmp ("dondoc-bench-charts-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "ours.png", NULL);
  g_autofree char *their_png = g_build_filename (dir, "theirs.png", NULL);
  g_autofree char *units_tsv = g_build_filename (dir, "units.tsv", NULL);
  DdStatsQuery query;
  DdStatsDashboard dashboard;
  double ours_sql, theirs_sql, ours_png_ms = 0;
  GDate soon;

  if (argc < 2)
    {
      g_printerr ("Usage: %s DB [AS_OF] [SQLITE3] [PYTHON3]\n", argv[0]);
      return 2;
    }
  store = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  stats = dd_stats_new (store);

  dd_stats_query_init (&query);
  g_assert_true (dd_date_parse_iso (as_of_text, &query.tasks.as_of));
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  _dd_store_due_soon_limit (store, &query.tasks.as_of, query.tasks.due_soon_days, &soon);

  g_print ("| what (median of %d) | time |\n|---|---:|\n", RUNS);
  /* The first call after opening the file: it judges every ongoing and
   * periodic task as a whole (_dd_store_prepare_recurring()), which the
   * repeats below find cached. A fresh connection each run. */
  {
    double times[5];

    for (guint run = 0; run < G_N_ELEMENTS (times); run++)
      {
        g_autoptr(DdStore) fresh = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_READ_ONLY,
                                                  &error);
        DdStatsHeadline h;
        double t0;

        if (fresh == NULL)
          g_error ("%s", error->message);
        t0 = dd_bench_now_ms ();
        {
          g_autoptr(DdStats) fresh_stats = dd_stats_new (fresh);

          dd_stats_get_headline (fresh_stats, &query, &h, NULL);
        }
        times[run] = dd_bench_now_ms () - t0;
      }
    dd_bench_result ("dash_headline_first", "dashboard: headline figures, first call",
                     dd_bench_median (times, G_N_ELEMENTS (times)), "ms");
  }
  DD_BENCH_MEASURE ("dash_headline", "dashboard: headline figures", RUNS,
                    { DdStatsHeadline h; dd_stats_get_headline (stats, &query, &h, NULL); });
  DD_BENCH_MEASURE ("dash_units", "dashboard: status per lead unit", RUNS,
                    { g_ptr_array_unref (dd_stats_list_units (stats, &query, NULL)); });
  DD_BENCH_MEASURE ("dash_progress", "dashboard: completion over time", RUNS, {
    DdStatsProgress p; dd_stats_get_progress (stats, &query, &p, NULL); dd_stats_progress_clear (&p); });
  DD_BENCH_MEASURE ("dash_indicators", "dashboard: indicators against target", RUNS,
                    { g_ptr_array_unref (dd_stats_list_indicators (stats, &query, NULL)); });
  DD_BENCH_MEASURE ("dash_all", "dashboard: all aggregates (one call)", RUNS, {
    dd_stats_get_dashboard (stats, &query, &dashboard, NULL); dd_stats_dashboard_clear (&dashboard); });
  query.tasks.plan_id = 7;
  DD_BENCH_MEASURE ("dash_plan", "dashboard: all aggregates, one plan", RUNS, {
    dd_stats_get_dashboard (stats, &query, &dashboard, NULL); dd_stats_dashboard_clear (&dashboard); });
  query.tasks.plan_id = 0;

  g_assert_true (dd_stats_get_dashboard (stats, &query, &dashboard, &error));
  for (int k = 0; k < DD_N_CHART_KINDS; k++)
    {
      g_autoptr(DdChart) chart = dd_chart_new ((DdChartKind) k);
      g_autofree char *key = g_strdup_printf ("chart_%s", dd_chart_kind_to_string (k));
      g_autofree char *label = g_strdup_printf ("chart \"%s\" drawn at 1200×800", dd_chart_kind_to_string (k));
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);

      dd_chart_set_as_of (chart, &query.tasks.as_of);
      dd_chart_set_dashboard (chart, &dashboard);
      dd_chart_set_title (chart, "Tình hình thực hiện nhiệm vụ");
      DD_BENCH_MEASURE (key, label, RUNS, {
        cairo_t *cr = cairo_create (surface);
        dd_chart_render (chart, cr, 1200, 800);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
      });
      cairo_surface_destroy (surface);

      if (k == DD_CHART_UNITS)
        {
          double times[RUNS];
          GPtrArray *all = dashboard.units;
          g_autoptr(GPtrArray) first = g_ptr_array_new ();

          /* The peer draws every bar it is given: both draw the first
           * PEER_UNITS units (what fits at 1200×800), from the same figures. */
          for (guint i = 0; i < MIN (all->len, PEER_UNITS); i++)
            g_ptr_array_add (first, g_ptr_array_index (all, i));
          dashboard.units = first;
          dd_chart_set_dashboard (chart, &dashboard);
          dashboard.units = all;
          for (int run = 0; run < RUNS; run++)
            {
              double t0 = dd_bench_now_ms ();
              draw_units_png (chart, png);
              times[run] = dd_bench_now_ms () - t0;
            }
          ours_png_ms = dd_bench_median (times, RUNS);
          dd_bench_result ("chart_units_png", "chart \"units\" (30 units) drawn and written to PNG", ours_png_ms, "ms");
        }
    }

  /* The calendar: a month of everything due, occurrences included. */
  {
    g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
    GDate from, to;

    g_date_clear (&from, 1);
    g_date_set_dmy (&from, 1, g_date_get_month (&query.tasks.as_of), g_date_get_year (&query.tasks.as_of));
    to = from;
    g_date_add_months (&to, 1);
    g_date_subtract_days (&to, 1);
    /* A month listed for the first time (opening, another month, or after
     * a write) reads its occurrences; listing it again (the page's
     * refresh) finds them kept (dd-calendar.c). A fresh connection
     * each run, after the dashboard's first figures as in the window. */
    {
      double times[RUNS];

      for (guint run = 0; run < RUNS; run++)
        {
          g_autoptr(DdStore) fresh = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_READ_ONLY,
                                                    &error);
          g_autoptr(DdCalendar) fresh_calendar = NULL;
          double t0;

          if (fresh == NULL)
            g_error ("%s", error->message);
          {
            g_autoptr(DdStats) fresh_stats = dd_stats_new (fresh);
            DdStatsHeadline h;

            dd_stats_get_headline (fresh_stats, &query, &h, NULL);
          }
          fresh_calendar = dd_calendar_new (fresh);
          t0 = dd_bench_now_ms ();
          g_ptr_array_unref (dd_calendar_list_entries (fresh_calendar, &from, &to, &query.tasks.as_of, NULL));
          times[run] = dd_bench_now_ms () - t0;
        }
      dd_bench_result ("calendar_month_first", "calendar: a month, first listing",
                       dd_bench_median (times, RUNS), "ms");
    }
    DD_BENCH_MEASURE ("calendar_month", "calendar: a month with its occurrences", RUNS, {
      g_ptr_array_unref (dd_calendar_list_entries (calendar, &from, &to, &query.tasks.as_of, NULL)); });
    {
      g_autoptr(GPtrArray) entries = dd_calendar_list_entries (calendar, &from, &to, &query.tasks.as_of, NULL);
      g_print ("(%u calendar entries in the month)\n", entries != NULL ? entries->len : 0);
    }
  }

  /* Scorecards: every unit, for a year. */
  {
    g_autoptr(DdScoring) scoring = dd_scoring_new (store);
    DdScorePeriod period;

    double times[5];

    dd_score_period_init (&period, DD_OCCURRENCE_YEAR, g_date_get_year (&query.tasks.as_of), 1);
    /* The first call of a DdScoring reads what the calls after it find
     * kept in it (dd-scoring-cache.c: the tasks' words, the coordinators,
     * the occurrences, the typed indicator sums); so does the first call
     * after any write. A fresh connection and DdScoring each run; then one
     * DdScoring asked again, as the Units page keeps one. */
    for (guint run = 0; run < G_N_ELEMENTS (times); run++)
      {
        g_autoptr(DdStore) fresh = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_READ_ONLY,
                                                  &error);
        g_autoptr(DdScoring) fresh_scoring = NULL;
        double t0;

        if (fresh == NULL)
          g_error ("%s", error->message);
        fresh_scoring = dd_scoring_new (fresh);
        t0 = dd_bench_now_ms ();
        g_object_unref (dd_scoring_list_scorecards (fresh_scoring, &period, &query.tasks.as_of, NULL));
        times[run] = dd_bench_now_ms () - t0;
      }
    dd_bench_result ("scorecards_year_first", "scorecards: every unit, one year, first call",
                     dd_bench_median (times, G_N_ELEMENTS (times)), "ms");
    DD_BENCH_MEASURE ("scorecards_year", "scorecards: every unit, one year", 5, {
      g_object_unref (dd_scoring_list_scorecards (scoring, &period, &query.tasks.as_of, NULL)); });
  }

  /* Scorecards: the first call after a write, of the connection the
   * DdScoring reads through, then of another (a second desktop): a task's
   * title changed, then put back (the file keeps its tasks as they were;
   * its audit log grows by two entries a run). */
  {
    g_autoptr(DdStore) own = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING, &error);
    g_autoptr(DdStore) other = NULL;
    g_autoptr(DdScoring) kept = NULL;
    DdScorePeriod period;
    double times[2][6];
    gint64 task_id;

    if (own == NULL)
      g_error ("%s", error->message);
    other = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING, &error);
    if (other == NULL)
      g_error ("%s", error->message);
    kept = dd_scoring_new (own);
    task_id = dd_sql_query_int64 (own, "SELECT id FROM tasks WHERE deleted_at IS NULL ORDER BY id LIMIT 1 OFFSET 5000", 0);
    dd_score_period_init (&period, DD_OCCURRENCE_YEAR, g_date_get_year (&query.tasks.as_of), 1);
    g_object_unref (dd_scoring_list_scorecards (kept, &period, &query.tasks.as_of, NULL));
    for (guint who = 0; who < 2; who++)
      for (guint run = 0; run < G_N_ELEMENTS (times[who]); run++)
        {
          DdStore *writer = who == 0 ? own : other;
          g_autoptr(DdTask) task = dd_store_get_task (writer, task_id, NULL, &error);
          g_autofree char *title = NULL;
          double t0;

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
          t0 = dd_bench_now_ms ();
          g_object_unref (dd_scoring_list_scorecards (kept, &period, &query.tasks.as_of, NULL));
          times[who][run] = dd_bench_now_ms () - t0;
        }
    dd_bench_result ("scorecards_after_write", "scorecards: one year, first call after a write",
                     dd_bench_median (times[0], G_N_ELEMENTS (times[0])), "ms");
    dd_bench_result ("scorecards_after_other_write",
                     "scorecards: one year, first call after another desktop's write",
                     dd_bench_median (times[1], G_N_ELEMENTS (times[1])), "ms");
  }

  /* Peer 1: the sqlite3 shell on the same aggregate. */
  {
    g_autofree char *as_of_iso = g_strdup (as_of_text);
    g_autofree char *soon_iso = dd_date_to_iso (&soon);
    g_autofree char *status_case = g_strdup_printf (STATUS_CASE, as_of_iso, as_of_iso, soon_iso);
    g_autofree char *sql = g_strdup_printf ("SELECT lead_unit_id, %s AS status, count(*) FROM tasks "
                                            "WHERE deleted_at IS NULL GROUP BY 1, 2", status_case);

    ours_sql = 0;
    {
      double times[RUNS];

      for (int run = 0; run < RUNS; run++)
        {
          double t0 = dd_bench_now_ms ();
          g_ptr_array_unref (dd_stats_list_units (stats, &query, NULL));
          times[run] = dd_bench_now_ms () - t0;
        }
      ours_sql = dd_bench_median (times, RUNS);
    }
    theirs_sql = shell_median_ms (sqlite3, argv[1], sql, RUNS);
    if (theirs_sql > 0)
      {
        dd_bench_result ("peer_sqlite3_units", "peer: sqlite3 shell, status per lead unit", theirs_sql, "ms");
        dd_bench_result ("ratio_units_vs_sqlite3", "ratio: ours ÷ sqlite3 shell (target ≤ 1.5)",
                         ours_sql / theirs_sql, "×");
      }
  }

  /* Peer 2: python3-matplotlib, the same stacked bars to PNG. */
  {
    g_autoptr(GString) tsv = g_string_new (NULL);
    g_autofree char *peer = g_build_filename (SRCDIR, "bench-charts-peer.py", NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    const char *pargv[] = { python3, peer, units_tsv, their_png, NULL };
    int status;

    for (guint i = 0; i < MIN (dashboard.units->len, PEER_UNITS); i++)
      {
        const DdStatsUnit *u = g_ptr_array_index (dashboard.units, i);

        g_string_append (tsv, u->name != NULL ? u->name : "—");
        for (int s = 0; s < DD_N_STATUSES; s++)
          g_string_append_printf (tsv, "\t%u", u->counts[s]);
        g_string_append_c (tsv, '\n');
      }
    g_assert_true (g_file_set_contents (units_tsv, tsv->str, -1, NULL));
    if (g_spawn_sync (NULL, (char **) pargv, NULL, 0, NULL, NULL, &out, &err, &status, NULL)
        && g_spawn_check_wait_status (status, NULL) && out != NULL)
      {
        double theirs = g_ascii_strtod (out, NULL);

        dd_bench_result ("peer_matplotlib_units", "peer: python3-matplotlib, same bars to PNG", theirs, "ms");
        dd_bench_result ("ratio_matplotlib_vs_units", "ratio: matplotlib ÷ ours (target ≥ 20)",
                         theirs / ours_png_ms, "×");
      }
    else
      g_printerr ("matplotlib peer failed (is python3-matplotlib installed?): %s\n", err != NULL ? err : "");
  }
  dd_stats_dashboard_clear (&dashboard);

  g_unlink (png);
  g_unlink (their_png);
  g_unlink (units_tsv);
  g_rmdir (dir);
  return 0;
}
