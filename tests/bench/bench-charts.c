/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prints how long the dashboard takes over a large database: every
 * aggregate, and each chart drawn at 1200×800. Not a test: no assertion on
 * time. Usage: bench-charts [N_TASKS] (default 100,000, over 300 units). */
#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"

static const char * const deadlines[] = {
  "Trước 30/4/2026", "Thường xuyên", "Định kỳ", "Theo quy định của Pháp luật",
  "Theo Kế hoạch của Sở Nội vụ", "Quý II/2026", "Tháng 9/2026", "Năm 2026", "Trước 15/12/2026",
  "Trước 15/5/2026", "Trước 31/5/2026", "Tháng 6/2026", "Trước 20/7/2026",
};

#define RUNS 9

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *times)
{
  qsort (times, RUNS, sizeof (double), (int (*) (const void *, const void *)) compare_double);
  return times[RUNS / 2];
}

#define MEASURE(label, code)                                         \
  G_STMT_START {                                                     \
    double times[RUNS];                                              \
    for (int run = 0; run < RUNS; run++)                             \
      {                                                              \
        gint64 t0 = g_get_monotonic_time ();                         \
        code;                                                        \
        times[run] = (g_get_monotonic_time () - t0) / 1000.0;        \
      }                                                              \
    g_print ("| %-44s | %8.2f ms |\n", label, median (times));       \
  } G_STMT_END

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dondoc-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.sqlite", NULL);
  g_autoptr(DdStore) store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  GRand *rand = g_rand_new_with_seed (662);
  DdStatsQuery query;
  DdStatsDashboard dashboard;
  guint per_plan = 500;
  gint64 start;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  for (guint p = 0; p * per_plan < n; p++)
    {
      g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();

      plan->number = g_strdup_printf ("%u/KH-BENCH", p + 1);
      plan->title = g_strdup_printf ("Kế hoạch thử số %u", p + 1);
      for (guint i = 0; i < per_plan && p * per_plan + i < n; i++)
        {
          DdImportedTask *task = g_new0 (DdImportedTask, 1);

          task->line = i + 1;
          task->number = g_strdup_printf ("%u.", i + 1);
          task->title = g_strdup_printf ("Nhiệm vụ thử số %u", i);
          task->lead = g_strdup_printf ("Phòng số %u", g_rand_int_range (rand, 0, 300));
          task->coordinators = g_ptr_array_new_with_free_func (g_free);
          task->deadline_text = g_strdup (deadlines[g_rand_int_range (rand, 0, G_N_ELEMENTS (deadlines))]);
          g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
          g_ptr_array_add (plan->tasks, task);
        }
      if (p == 0)
        for (guint i = 0; i < 4; i++)
          {
            DdImportedIndicator *indicator = g_new0 (DdImportedIndicator, 1);

            indicator->title = g_strdup_printf ("Chỉ tiêu thử %u", i + 1);
            indicator->target = 100;
            g_ptr_array_add (plan->indicators, indicator);
          }
      g_assert_true (dd_store_import_plan (store, plan, NULL, &error));
    }

  /* About half of the dated tasks done, some of them late; figures for the
   * indicators, per unit and quarter. */
  g_assert_true (dd_sql_exec (store,
                              "UPDATE tasks SET progress = 100, completed_on = "
                              "date (due_on, (abs (random ()) % 40 - 25) || ' days') "
                              "WHERE due_on IS NOT NULL AND abs (random ()) % 2 = 0", &error));
  g_assert_true (dd_sql_exec (store,
                              "INSERT INTO indicator_figures (indicator_id, unit_id, period_start, period_end, "
                              "numerator, denominator) "
                              "SELECT i.id, u.id, '2026-04-01', '2026-06-30', abs (random ()) % 50 + 50, 100 "
                              "FROM indicators i, units u", &error));
  g_assert_no_error (error);
  g_print ("Made %u tasks, %" G_GINT64_FORMAT " units in %.1f s (%s)\n\n", n,
           dd_sql_query_int64 (store, "SELECT count(*) FROM units", 0),
           (g_get_monotonic_time () - start) / 1e6, path);

  dd_stats_query_init (&query);
  g_assert_true (dd_date_parse_iso ("2026-06-15", &query.tasks.as_of));
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store);

  g_print ("| what (median of %d) | time |\n|---|---:|\n", RUNS);
  MEASURE ("headline figures", { DdStatsHeadline h; dd_store_stats_headline (store, &query, &h, NULL); });
  MEASURE ("status per lead unit", { g_ptr_array_unref (dd_store_stats_units (store, &query, NULL)); });
  MEASURE ("completion over time, by week", {
    DdStatsProgress p; dd_store_stats_progress (store, &query, &p, NULL); dd_stats_progress_clear (&p); });
  MEASURE ("indicators against target", { g_ptr_array_unref (dd_store_stats_indicators (store, &query, NULL)); });
  MEASURE ("all dashboard aggregates (one call)", {
    dd_store_stats_dashboard (store, &query, &dashboard, NULL); dd_stats_dashboard_clear (&dashboard); });
  query.tasks.plan_id = 7;
  MEASURE ("all dashboard aggregates, one plan", {
    dd_store_stats_dashboard (store, &query, &dashboard, NULL); dd_stats_dashboard_clear (&dashboard); });
  query.tasks.plan_id = 0;

  g_assert_true (dd_store_stats_dashboard (store, &query, &dashboard, &error));
  for (int k = 0; k < DD_N_CHART_KINDS; k++)
    {
      g_autoptr(DdChart) chart = dd_chart_new ((DdChartKind) k);
      g_autofree char *label = g_strdup_printf ("draw %s chart at 1200x800", dd_chart_kind_to_string (k));
      g_autofree char *label2 = g_strdup_printf ("hit-test %s chart (same size)", dd_chart_kind_to_string (k));
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);
      DdChartHit hit;

      dd_chart_set_as_of (chart, &query.tasks.as_of);
      dd_chart_set_dashboard (chart, &dashboard);
      dd_chart_set_title (chart, "Tình hình thực hiện nhiệm vụ");
      MEASURE (label, {
        cairo_t *cr = cairo_create (surface);
        dd_chart_render (chart, cr, 1200, 800);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
      });
      MEASURE (label2, { dd_chart_hit_test (chart, 1200, 800, 600, 400, &hit); dd_chart_hit_clear (&hit); });
      cairo_surface_destroy (surface);
    }
  dd_stats_dashboard_clear (&dashboard);

  g_clear_object (&store);
  /* "bench-charts N keep" leaves the database, for sqlite3 and EXPLAIN. */
  if (argc > 2 && g_str_equal (argv[2], "keep"))
    g_print ("\nKept %s\n", path);
  else
    {
      g_unlink (path);
      g_rmdir (dir);
    }
  g_rand_free (rand);
  return 0;
}
