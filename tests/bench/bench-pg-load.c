/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-pg-load FILE pg|file DESKTOPS SECONDS [THINK_MS [WRITERS]]: an office's day
 * on the 100,000-task data set, as DESKTOPS processes (simulated desktops)
 * at once for SECONDS:
 *
 *   - desktop 0 exports the meeting workbook again and again (its times
 *     are the export's under load);
 *   - every other desktop, after a think time of 0.5–1.5 × THINK_MS
 *     (default 1000), does one of: refresh the task list (40 %), filter it
 *     by a unit (20 %), open a task (20 %), save a progress update (15 %),
 *     record a quarter's report (5 %). Saves go to the desktop's own
 *     tasks, one in twenty to anyone's, so that some meet another's save.
 *
 * pg: a throwaway PostgreSQL 15 cluster on this machine over TCP on
 * 127.0.0.1 (loopback), commits durable (synchronous_commit on; fsync
 * off, as in the tests: no power cut here), FILE moved onto it with
 * migrate. Each desktop opens one store at its start, as the window does
 * (dd_pg_write_store(): reads in place, a row's revision checked on the
 * server, new rows' ids the server's), and refreshes it as the window
 * does when another desktop's save is notified: a new snapshot on the
 * same connection, the store's caches dropped (_dd_pg_live_renew(),
 * _dd_store_external_change()), then the list read again. The export
 * reads a store of its own on a new connection (as the export's worker
 * does: dd_store_open_sibling()). WRITERS desktops (default: all but the
 * exporting one) write, the others refresh, filter and open tasks
 * instead of writing.
 * file: a copy of FILE shared by the desktops, each with its own
 * connection, as on an office's share.
 *
 * After the run, every acknowledged save and report is looked for on the
 * backend (its row and its history) and no task revision may have been
 * written twice (a lost update would): "lost updates" counts the misses.
 * Each desktop but the exporting one reads the list as its window opens
 * ("first-list", all at once: the worst of a morning), apart from the
 * refreshes that follow; "refresh-whole" counts, among the refreshes,
 * those that read the whole list again instead of the one kept.
 * Prints p50/p95/max of each kind of action and the figures as RESULT
 * lines; asserts nothing about time.
 */
#include <dondoc/dondoc.h>

#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dd-bench.h"
#include "dd-test-pg.h"
#include "dd-pg-private.h"
#include "dd-store-private.h"

#define AS_OF "2026-11-25"
#define BENCH_LOGIN "bench"

typedef enum
{
  OP_REFRESH,
  OP_FILTER,
  OP_OPEN,
  OP_SAVE,
  OP_REPORT,
  OP_EXPORT,
  OP_COPY,
  OP_FIRST,
  OP_WHOLE,
  N_OPS
} Op;

static const char * const op_names[N_OPS] = {
  "refresh", "filter", "open", "save", "report", "export", "open-copy", "first-list",
  "refresh-whole",
};

typedef struct
{
  gboolean pg;
  const char *location;     /* the file, or the server's URI as the bench's login */
  guint index;
  guint n_desktops;
  guint n_writers;          /* pg: desktops 1..n_writers hold a copy and write */
  double seconds;
  double think_ms;
  GArray *task_ids;         /* every live task */
  GArray *report_ids;       /* live quarterly tasks, not completed */
  GArray *unit_ids;
  const char *out_dir;
} Desktop;

/* One desktop's handles: the store it reads, the one it writes. */
typedef struct
{
  DdPg *read_pg;
  DdStore *read;
  DdStore *write;
} Handles;

static FILE *out;

static void
note_time (Op op, double ms)
{
  fprintf (out, "T %s %.3f\n", op_names[op], ms);
}

static gint64
pick (GArray *ids, GRand *rand)
{
  return g_array_index (ids, gint64, g_rand_int_range (rand, 0, (gint32) ids->len));
}

/* A fresh snapshot to read (pg), or the shared file's connection: the
 * window's store takes a new snapshot on its connection; the exporting
 * desktop's store is opened again, as the export's worker opens one. */
static gboolean
refresh_store (const Desktop *desktop, Handles *h)
{
  g_autoptr(GError) error = NULL;

  if (!desktop->pg)
    return TRUE;
  if (desktop->index > 0)
    {
      if (!_dd_pg_live_renew (h->read, &error))
        {
          fprintf (out, "E refresh %s\n", error->message);
          return FALSE;
        }
      _dd_store_external_change (h->read);
      return TRUE;
    }
  g_clear_object (&h->read);
  g_clear_object (&h->read_pg);
  h->read_pg = dd_pg_connect (desktop->location, &error);
  h->read = h->read_pg != NULL ? dd_pg_read_store (h->read_pg, &error) : NULL;
  if (h->read == NULL)
    fprintf (out, "E refresh %s\n", error->message);
  return h->read != NULL;
}

static void
list (const Desktop *desktop, Handles *h, gint64 unit_id, Op op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) tasks = NULL;
  DdTaskQuery query;
  double start = dd_bench_now_ms ();
  guint64 kept = 0;

  if (op == OP_REFRESH && !refresh_store (desktop, h))
    return;
  if (desktop->pg)
    kept = _dd_pg_live_count_lists_kept (h->read);
  dd_task_query_init (&query);
  dd_date_parse_iso (AS_OF, &query.as_of);
  query.unit_id = unit_id;
  tasks = dd_store_query_tasks (h->read, &query, &error);
  if (tasks == NULL)
    {
      fprintf (out, "E %s %s\n", op_names[op], error->message);
      return;
    }
  /* The first screenful, as the window paints it. */
  for (guint i = 0; i < MIN (40, g_list_model_get_n_items (G_LIST_MODEL (tasks))); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (tasks), i));
  note_time (op, dd_bench_now_ms () - start);
  /* Of the refreshes, those that read the whole list again (not the one
   * kept with the tasks changed since): counted in "refresh" too. */
  if (op == OP_REFRESH && desktop->pg && _dd_pg_live_count_lists_kept (h->read) == kept)
    note_time (OP_WHOLE, dd_bench_now_ms () - start);
}

static void
open_task (Handles *h, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  GDate as_of;
  double start = dd_bench_now_ms ();

  dd_date_parse_iso (AS_OF, &as_of);
  task = dd_store_get_task (h->read, id, &as_of, &error);
  if (task == NULL)
    fprintf (out, "E open %s\n", error->message);
  else
    note_time (OP_OPEN, dd_bench_now_ms () - start);
}

/* A progress update with a token of its own in its note: acknowledged
 * ("S task token"), a conflict ("C task") or another error. */
static void
save (const Desktop *desktop, Handles *h, GRand *rand, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_strdup_printf ("bench:%u:%u", desktop->index, n);
  gint64 id;
  double start;

  /* Its own tasks (one in every n_desktops), or, one in twenty, anyone's. */
  do
    id = pick (desktop->task_ids, rand);
  while (g_rand_int_range (rand, 0, 20) != 0 && (guint) (id % desktop->n_desktops) != desktop->index);
  start = dd_bench_now_ms ();
  if (dd_store_record_progress (h->write, id, g_rand_int_range (rand, 1, 100), NULL, NULL, token, &error))
    {
      note_time (OP_SAVE, dd_bench_now_ms () - start);
      fprintf (out, "S %" G_GINT64_FORMAT " %s\n", id, token);
    }
  else if (g_error_matches (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT))
    fprintf (out, "C %" G_GINT64_FORMAT "\n", id);
  else
    fprintf (out, "E save %s\n", error->message);
}

static void
report (const Desktop *desktop, Handles *h, GRand *rand, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_strdup_printf ("bench-report:%u:%u", desktop->index, n);
  gint64 id = pick (desktop->report_ids, rand);
  GDate on;
  double start = dd_bench_now_ms ();

  g_date_set_dmy (&on, 5, 10, 2026);
  if (dd_store_record_report (h->write, id, DD_OCCURRENCE_QUARTER, 2026, g_rand_int_range (rand, 1, 4), &on,
                              NULL, token, &error))
    {
      note_time (OP_REPORT, dd_bench_now_ms () - start);
      fprintf (out, "R %" G_GINT64_FORMAT " %s\n", id, token);
    }
  else if (g_error_matches (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT))
    fprintf (out, "C %" G_GINT64_FORMAT "\n", id);
  else
    fprintf (out, "E report %s\n", error->message);
}

static void
export (const Desktop *desktop, Handles *h)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/export-%u.xlsx", desktop->out_dir, desktop->index);
  DdExportOptions options;
  double start = dd_bench_now_ms ();

  if (!refresh_store (desktop, h))
    return;
  dd_export_options_init (&options);
  dd_date_parse_iso (AS_OF, &options.tasks.as_of);
  if (dd_export_xlsx (h->read, &options, path, &error))
    note_time (OP_EXPORT, dd_bench_now_ms () - start);
  else
    fprintf (out, "E export %s\n", error->message);
  g_unlink (path);
}

static gboolean
open_handles (const Desktop *desktop, Handles *h)
{
  g_autoptr(GError) error = NULL;
  double start = dd_bench_now_ms ();

  if (!desktop->pg)
    {
      h->read = dd_store_open (desktop->location, DD_STORE_OPEN_EXISTING, &error);
      h->write = h->read != NULL ? g_object_ref (h->read) : NULL;
    }
  else
    {
      h->read_pg = dd_pg_connect (desktop->location, &error);
      /* Desktop 0 only exports; the others hold the window's store. */
      if (h->read_pg != NULL && desktop->index == 0)
        h->read = dd_pg_read_store (h->read_pg, &error);
      else if (h->read_pg != NULL)
        h->read = dd_pg_write_store (h->read_pg, &error);
      if (h->read != NULL && desktop->index > 0 && desktop->index <= desktop->n_writers)
        h->write = g_object_ref (h->read);
    }
  if (error != NULL)
    {
      fprintf (out, "E open-store %s\n", error->message);
      return FALSE;
    }
  note_time (OP_COPY, dd_bench_now_ms () - start);
  return TRUE;
}

static int
run_desktop (const Desktop *desktop)
{
  g_autofree char *path = g_strdup_printf ("%s/desktop-%u.txt", desktop->out_dir, desktop->index);
  g_autoptr(GRand) rand = g_rand_new_with_seed (662 + desktop->index);
  Handles h = { 0 };
  double end;
  guint n = 0;

  out = fopen (path, "w");
  g_assert_nonnull (out);
  setvbuf (out, NULL, _IOLBF, 0);
  if (!open_handles (desktop, &h))
    return 1;
  /* The window shows its list as it opens: the list read whole, timed
   * apart from the refreshes that follow (all desktops open at once
   * here, the worst of a morning). */
  if (desktop->index > 0)
    list (desktop, &h, 0, OP_FIRST);
  end = dd_bench_now_ms () + desktop->seconds * 1000;
  while (dd_bench_now_ms () < end)
    {
      guint dice = (guint) g_rand_int_range (rand, 0, 100);

      n++;
      if (desktop->index == 0)
        {
          export (desktop, &h);
          continue;
        }
      g_usleep ((gulong) (desktop->think_ms * g_rand_double_range (rand, 0.5, 1.5) * 1000));
      if (dice < 40)
        list (desktop, &h, 0, OP_REFRESH);
      else if (dice < 60)
        list (desktop, &h, pick (desktop->unit_ids, rand), OP_FILTER);
      else if (dice < 80 || h.write == NULL)
        open_task (&h, pick (desktop->task_ids, rand));
      else if (dice < 95)
        save (desktop, &h, rand, n);
      else
        report (desktop, &h, rand, n);
    }
  fprintf (out, "M %.0f\n", dd_bench_proc_mib (0, "VmHWM"));
  g_clear_object (&h.read);
  g_clear_object (&h.write);
  g_clear_object (&h.read_pg);
  fclose (out);
  return 0;
}

/* The parent: setup, the desktops, the figures, the check */

static GArray *
read_ids (sqlite3 *db, const char *sql)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (ids->len, >, 0);
  return ids;
}

static void
read_candidates (const char *file, Desktop *desktop)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (file, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  desktop->task_ids = read_ids (db, "SELECT id FROM tasks WHERE deleted_at IS NULL");
  desktop->report_ids = read_ids (db, "SELECT t.id FROM tasks t JOIN plans p ON p.id = t.plan_id "
                                      "WHERE t.deleted_at IS NULL AND t.completed_on IS NULL "
                                      "AND t.deadline_kind IN (2, 3) AND (t.periods & 2) != 0 "
                                      "AND coalesce (p.issued_on, '2026-01-01') < '2026-01-01'");
  desktop->unit_ids = read_ids (db, "SELECT id FROM units");
  sqlite3_close (db);
}

/* Every line of every desktop's file: the times per action, the
 * acknowledged saves and reports (token → task), conflicts, errors. */
typedef struct
{
  GArray *times[N_OPS];
  GHashTable *saves;
  GHashTable *reports;
  guint conflicts;
  double max_mib;
  GHashTable *errors;           /* "op message" → count */
} Tally;

static void
read_desktop (Tally *tally, const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", 3);

      if (g_str_equal (f[0], "T"))
        for (guint op = 0; op < N_OPS; op++)
          if (g_str_equal (f[1], op_names[op]))
            {
              double ms = g_ascii_strtod (f[2], NULL);

              g_array_append_val (tally->times[op], ms);
            }
      if (g_str_equal (f[0], "S"))
        g_hash_table_insert (tally->saves, g_strdup (f[2]), g_strdup (f[1]));
      if (g_str_equal (f[0], "R"))
        g_hash_table_insert (tally->reports, g_strdup (f[2]), g_strdup (f[1]));
      if (g_str_equal (f[0], "C"))
        tally->conflicts++;
      if (g_str_equal (f[0], "M"))
        tally->max_mib = MAX (tally->max_mib, g_ascii_strtod (f[1], NULL));
      if (g_str_equal (f[0], "E"))
        {
          g_autofree char *key = g_strdup_printf ("%s %s", f[1], f[2] != NULL ? f[2] : "");
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (tally->errors, key));

          g_hash_table_insert (tally->errors, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
        }
    }
}

static double
percentile (GArray *values, double p)
{
  guint i;

  if (values->len == 0)
    return 0;
  g_array_sort (values, dd_bench_compare_double);
  i = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (i, values->len - 1));
}

static void
print_times (Tally *tally, const char *backend, guint n_desktops)
{
  g_print ("| action | count | p50 (ms) | p95 (ms) | max (ms) |\n|---|---:|---:|---:|---:|\n");
  for (guint op = 0; op < N_OPS; op++)
    {
      GArray *t = tally->times[op];
      g_autofree char *key = NULL;

      g_print ("| %s | %u | %.1f | %.1f | %.1f |\n", op_names[op], t->len, percentile (t, 0.5),
               percentile (t, 0.95), percentile (t, 1.0));
      key = g_strdup_printf ("pg-load-%s-%u-%s-p95", backend, n_desktops, op_names[op]);
      g_print ("RESULT\t%s\t%.1f\tms\n", key, percentile (t, 0.95));
    }
}

/* The tokens found by @sql (one text column) on the backend. */
static GHashTable *
found_tokens (const Desktop *desktop, PGconn *conn, const char *pg_sql, const char *file_sql)
{
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (desktop->pg)
    {
      PGresult *result = PQexec (conn, pg_sql);

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      for (int i = 0; i < PQntuples (result); i++)
        g_hash_table_add (found, g_strdup (PQgetvalue (result, i, 0)));
      PQclear (result);
    }
  else
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (desktop->location, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, file_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
  return found;
}

/* Acknowledged tokens of @acknowledged missing from @found. */
static guint
count_missing (GHashTable *acknowledged, GHashTable *found)
{
  GHashTableIter iter;
  gpointer token;
  guint missing = 0;

  g_hash_table_iter_init (&iter, acknowledged);
  while (g_hash_table_iter_next (&iter, &token, NULL))
    missing += !g_hash_table_contains (found, token);
  return missing;
}

/* Lost updates: an acknowledged save without its row or its history, an
 * acknowledged report without its history, a task revision written by
 * two saves. */
static guint
check_lost (const Desktop *desktop, PGconn *conn, Tally *tally)
{
  g_autoptr(GHashTable) rows = found_tokens (desktop, conn,
    "SELECT note FROM progress_updates WHERE note LIKE 'bench:%'",
    "SELECT note FROM progress_updates WHERE note LIKE 'bench:%'");
  g_autoptr(GHashTable) history = found_tokens (desktop, conn,
    "SELECT new_values->>'note' FROM audit_log WHERE table_name = 'progress_updates' AND action = 'insert' "
    "AND new_values->>'note' LIKE 'bench:%'",
    "SELECT json_extract (new_values, '$.note') FROM audit_log WHERE table_name = 'progress_updates' "
    "AND action = 'insert' AND json_extract (new_values, '$.note') LIKE 'bench:%'");
  g_autoptr(GHashTable) report_history = found_tokens (desktop, conn,
    "SELECT new_values->>'note' FROM audit_log WHERE table_name = 'occurrence_reports' "
    "AND new_values->>'note' LIKE 'bench-report:%'",
    "SELECT json_extract (new_values, '$.note') FROM audit_log WHERE table_name = 'occurrence_reports' "
    "AND json_extract (new_values, '$.note') LIKE 'bench-report:%'");
  g_autoptr(GHashTable) twice = found_tokens (desktop, conn,
    "SELECT row_id || ':' || (new_values->>'revision') FROM audit_log WHERE table_name = 'tasks' "
    "AND action = 'update' AND new_values ? 'revision' GROUP BY 1 HAVING count(*) > 1",
    "SELECT row_id || ':' || json_extract (new_values, '$.revision') FROM audit_log WHERE table_name = 'tasks' "
    "AND action = 'update' AND json_extract (new_values, '$.revision') IS NOT NULL GROUP BY 1 "
    "HAVING count(*) > 1");
  guint lost_rows = count_missing (tally->saves, rows);
  guint lost_history = count_missing (tally->saves, history);
  guint lost_reports = count_missing (tally->reports, report_history);

  g_print ("\nacknowledged saves %u (missing row %u, missing history %u), acknowledged reports %u "
           "(missing history %u), conflicts reported %u, a task revision written twice: %u\n",
           g_hash_table_size (tally->saves), lost_rows, lost_history, g_hash_table_size (tally->reports),
           lost_reports, tally->conflicts, g_hash_table_size (twice));
  return lost_rows + lost_history + lost_reports + g_hash_table_size (twice);
}

/* pg: a cluster with FILE on it and the bench's login (an administrator);
 * @location is set to its URI over TCP. */
static DdTestPgCluster *
start_server (const char *file, DdTestPgFixture *fixture, char **location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) source = dd_store_open (file, DD_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(DdPg) pg = NULL;
  DdTestPgCluster *cluster;
  double start = dd_bench_now_ms ();

  g_assert_no_error (error);
  cluster = dd_test_pg_cluster_start_with (DD_TEST_PG_TCP | DD_TEST_PG_DURABLE | DD_TEST_PG_MANY);
  dd_test_pg_fixture_setup (fixture, cluster);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  g_assert_true (dd_pg_init_schema (pg, NULL, &error));
  g_assert_true (dd_pg_migrate_from_store (pg, source, NULL, &error));
  g_assert_true (dd_pg_grant_role (pg, BENCH_LOGIN, DD_PG_ROLE_ADMIN, NULL, &error));
  g_assert_no_error (error);
  dd_test_pg_exec (fixture->conn, "VACUUM ANALYZE");
  g_print ("The data set moved to the server in %.1f s.\n", (dd_bench_now_ms () - start) / 1000);
  *location = dd_test_pg_tcp_uri (cluster, fixture->database, BENCH_LOGIN, "disable");
  return cluster;
}

static char *
copy_file (const char *file, const char *dir)
{
  g_autoptr(GFile) from = g_file_new_for_path (file);
  char *path = g_build_filename (dir, "office.sqlite", NULL);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

static void
print_errors (Tally *tally)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, tally->errors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_print ("error x%u: %s\n", GPOINTER_TO_UINT (value), (const char *) key);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *location = NULL;
  DdTestPgCluster *cluster = NULL;
  DdTestPgFixture fixture = { 0 };
  Desktop desktop = { 0 };
  Tally tally = { 0 };
  double start;
  guint lost;

  if (argc < 5 || (!g_str_equal (argv[2], "pg") && !g_str_equal (argv[2], "file")))
    {
      g_printerr ("Usage: bench-pg-load FILE pg|file DESKTOPS SECONDS [THINK_MS [WRITERS]]\n");
      return 2;
    }
  dd_init_i18n ();
  dir = g_dir_make_tmp ("dd-load-XXXXXX", &error);
  g_assert_no_error (error);
  desktop.pg = g_str_equal (argv[2], "pg");
  desktop.n_desktops = (guint) CLAMP (atoi (argv[3]), 2, 200);
  desktop.seconds = g_ascii_strtod (argv[4], NULL);
  desktop.think_ms = argc > 5 ? g_ascii_strtod (argv[5], NULL) : 1000;
  desktop.n_writers = argc > 6 ? (guint) atoi (argv[6]) : desktop.n_desktops;
  desktop.out_dir = dir;
  read_candidates (argv[1], &desktop);
  if (desktop.pg)
    cluster = start_server (argv[1], &fixture, &location);
  else
    location = copy_file (argv[1], dir);
  desktop.location = location;

  g_print ("%s, %u desktops (1 exporting, %u writing), %.0f s, think time %.0f ms, %u tasks\n", argv[2],
           desktop.n_desktops, MIN (desktop.n_writers, desktop.n_desktops - 1), desktop.seconds,
           desktop.think_ms, desktop.task_ids->len);
  start = dd_bench_now_ms ();
  for (guint i = 0; i < desktop.n_desktops; i++)
    {
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          desktop.index = i;
          _exit (run_desktop (&desktop));
        }
    }
  while (wait (NULL) > 0)
    ;
  g_print ("The desktops ran for %.0f s (with their opening).\n\n", (dd_bench_now_ms () - start) / 1000);

  for (guint op = 0; op < N_OPS; op++)
    tally.times[op] = g_array_new (FALSE, FALSE, sizeof (double));
  tally.saves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tally.reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tally.errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < desktop.n_desktops; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/desktop-%u.txt", dir, i);

      read_desktop (&tally, path);
      g_unlink (path);
    }
  print_times (&tally, argv[2], desktop.n_desktops);
  g_print ("largest desktop (peak resident): %.0f MiB\n", tally.max_mib);
  lost = check_lost (&desktop, fixture.conn, &tally);
  print_errors (&tally);
  g_print ("RESULT\tpg-load-%s-%u-lost-updates\t%u\tcount\n", argv[2], desktop.n_desktops, lost);
  g_print ("RESULT\tpg-load-%s-%u-conflicts\t%u\tcount\n", argv[2], desktop.n_desktops, tally.conflicts);

  if (cluster != NULL)
    {
      dd_test_pg_fixture_teardown (&fixture, cluster);
      dd_test_pg_cluster_stop (cluster);
    }
  else
    {
      g_autofree char *wal = g_strconcat (location, "-wal", NULL);
      g_autofree char *shm = g_strconcat (location, "-shm", NULL);

      g_unlink (location);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_rmdir (dir);
  return 0;
}
