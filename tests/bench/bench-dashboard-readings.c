/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard's three readings of a file whose kept readings do not
 * match (the first opening after a change; issue #18): the figures and
 * charts, the "6 rõ" count and the derived indicators, each on a
 * connection of its own opened for it, as the DdStats's workers read them
 * (dd_store_open_sibling(), a connection's first reading, with the
 * workers' small page cache; DD_BENCH_CACHE_KIB=40960 for the store's).
 * Prints the processor time of the calling thread and the wall time of
 * each, medians of RUNS. Not a test: no assertion on time.
 *
 * The quarter of AS_OF (default: today), every plan, as the dashboard
 * opens.
 *
 * Usage: bench-dashboard-readings DB [AS_OF] [RUNS] */
#include "config.h"

#include <time.h>

#include "dd-store-private.h"
#include "dd-stats-private.h"
#include "dd-bench.h"

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef enum
{
  READ_FIGURES,
  READ_SIX_CLEAR,
  READ_DERIVED,
  N_READINGS
} Reading;

static int cache_kib = DD_STORE_SMALL_CACHE_KIB;

static const char *const keys[N_READINGS] = { "figures", "six_clear", "derived" };
static const char *const labels[N_READINGS] = {
  "figures and charts",
  "\"6 ro\" count",
  "derived indicators",
};

static void
read_once (DdStore            *main_store,
           Reading             which,
           const DdStatsQuery *query,
           double             *out_cpu,
           double             *out_wall)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open_sibling (main_store, &error);
  g_autoptr(DdScoring) scoring = NULL;
  DdStatsQuery q = *query;
  double cpu, wall;

  if (store == NULL)
    g_error ("%s", error->message);
  q.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  /* As DD_STORE_WORKER_SMALL_CACHE sets it (DD_BENCH_CACHE_KIB: another). */
  {
    g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = -%d", cache_kib);

    if (!dd_sql_exec (store, pragma, &error))
      g_error ("%s", error->message);
  }
  cpu = thread_cpu_ms ();
  wall = dd_bench_now_ms ();
  switch (which)
    {
    case READ_FIGURES:
      {
        DdStatsDashboard dashboard;

        if (!_dd_stats_read_dashboard (store, &q, NULL, &dashboard, &error))
          g_error ("%s", error->message);
        dd_stats_dashboard_clear (&dashboard);
      }
      break;
    case READ_SIX_CLEAR:
      {
        guint n = 0;

        if (!_dd_stats_count_six_clear (store, &q.tasks, &n, &error))
          g_error ("%s", error->message);
        if (g_getenv ("DD_BENCH_VERBOSE") != NULL)
          g_printerr ("not clear in 6 ways: %u\n", n);
      }
      break;
    case READ_DERIVED:
      {
        g_autoptr(GPtrArray) indicators = _dd_stats_read_indicators (store, &q, &scoring, &error);

        if (indicators == NULL)
          g_error ("%s", error->message);
      }
      break;
    case N_READINGS:
    default:
      g_assert_not_reached ();
    }
  *out_cpu = thread_cpu_ms () - cpu;
  *out_wall = dd_bench_now_ms () - wall;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  DdStatsQuery query;
  guint runs;
  GDate as_of;
  guint first_month;

  if (argc < 2)
    {
      g_printerr ("Usage: %s DB [AS_OF] [RUNS]\n", argv[0]);
      return 2;
    }
  g_date_clear (&as_of, 1);
  if (argc > 2)
    g_date_set_parse (&as_of, argv[2]);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&as_of, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  if (!g_date_valid (&as_of))
    g_error ("not a date: %s", argv[2]);
  runs = argc > 3 ? (guint) atoi (argv[3]) : 5;
  if (g_getenv ("DD_BENCH_CACHE_KIB") != NULL)
    cache_kib = atoi (g_getenv ("DD_BENCH_CACHE_KIB"));

  /* Checked on opening, as the window's store is; each reading is then
   * made on a sibling, as on a worker. */
  store = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  dd_stats_query_init (&query);
  query.tasks.as_of = as_of;
  first_month = 3 * ((g_date_get_month (&as_of) - 1) / 3) + 1;
  g_date_set_dmy (&query.from, 1, first_month, g_date_get_year (&as_of));
  query.to = query.from;
  g_date_add_months (&query.to, 3);
  g_date_subtract_days (&query.to, 1);

  printf ("| reading, fresh connection (median of %u) | figure |\n|---|---:|\n", runs);
  for (guint r = 0; r < N_READINGS; r++)
    {
      g_autofree double *cpu = g_new0 (double, runs);
      g_autofree double *wall = g_new0 (double, runs);
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;

      for (guint i = 0; i < runs; i++)
        read_once (store, (Reading) r, &query, &cpu[i], &wall[i]);
      key = g_strdup_printf ("dash_%s_cpu", keys[r]);
      label = g_strdup_printf ("%s: processor time", labels[r]);
      dd_bench_result (key, label, dd_bench_median (cpu, runs), "ms");
      g_free (key);
      g_free (label);
      key = g_strdup_printf ("dash_%s_wall", keys[r]);
      label = g_strdup_printf ("%s: wall time", labels[r]);
      dd_bench_result (key, label, dd_bench_median (wall, runs), "ms");
    }
  return 0;
}
