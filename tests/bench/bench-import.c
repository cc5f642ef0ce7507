/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-bench.h"

/*
 * The import paths that were quadratic (issue #20):
 *
 * - a plan of N rows imported into a new database, then again (every row
 *   matched with its task by (plan_id, number): the update path);
 * - a 10 MB plan text parsed;
 * - a text of "Phụ lục" lines and no table, which find_appendix() once
 *   scanned to the end from every line.
 *
 *   bench-import [N_ROWS] [FOLDER] [CHUNK_ROWS]
 *
 * N_ROWS defaults to 100,000; FOLDER to the temporary folder; CHUNK_ROWS
 * to the store's chunk (IMPORT_CHUNK_ROWS in dd-store-import.c).
 *
 * Each figure is the wall-clock time and, beside it, the processor time
 * of this process (user + system): on a loaded machine the first is
 * mostly waiting for a core, so the load average is printed too. While
 * each import runs, another process ("another desktop") saves every 20 ms
 * (a row and its history entry, in a write transaction of its own), and
 * the longest it waited and how many of its saves gave up (busy for
 * DD_BUSY_TIMEOUT_MS) are printed. Both the first import (a new plan)
 * and the second (the same plan again, the update path) commit in chunks
 * of about 150 ms each (dd-store-import.c), or of CHUNK_ROWS rows;
 * G_MESSAGES_DEBUG=dd-store prints how long each chunk held the write
 * lock.
 */

static const char *units[] = {
  "Phòng Hành chính - Quản trị", "Phòng Tổng hợp", "Trung tâm Phục vụ hành chính công",
  "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính",
};

/* A CSV plan of @n rows, as the appendix's columns. */
static char *
make_csv (guint n)
{
  GString *csv = g_string_new ("TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian,Sản phẩm,Trách nhiệm chỉ đạo\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "%u.,Rà soát thủ tục hành chính số %u của lĩnh vực %u,%s,%s,"
                            "Trước %u/%u/2027,Báo cáo,Chánh Văn phòng\n",
                            i + 1, i + 1, i % 97, units[i % G_N_ELEMENTS (units)],
                            units[(i + 1) % G_N_ELEMENTS (units)], 1 + i % 28, 1 + i % 12);
  return g_string_free (csv, FALSE);
}

/* A plan text of about @bytes: a heading, "Phụ lục", the table. */
static char *
make_text (gsize bytes)
{
  GString *text = g_string_new ("KẾ HOẠCH\nCải cách hành chính năm 2027\n\nPhụ lục\n"
                                "(Kèm theo Kế hoạch số 1/KH-BENCH ngày 2/1/2027 của Văn phòng)\n\n"
                                "TT\tNhiệm vụ\tCơ quan\t\tThời gian\tSản phẩm\tTrách nhiệm chỉ đạo\n"
                                "\t\tChủ trì\tPhối hợp\t\t\t\n");

  for (guint i = 0; text->len < bytes; i++)
    /* A text plan numbers its rows with at most three digits a level. */
    g_string_append_printf (text, "%u.%u.\tRà soát thủ tục hành chính số %u của lĩnh vực %u\t%s\t%s\t"
                            "Trước %u/%u/2027\tBáo cáo\tChánh Văn phòng\n",
                            i / 999 + 1, i % 999 + 1, i + 1, i % 97, units[i % G_N_ELEMENTS (units)],
                            units[(i + 1) % G_N_ELEMENTS (units)], 1 + i % 28, 1 + i % 12);
  return g_string_free (text, FALSE);
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3 +
         usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
}

/* A figure as wall-clock time, and the processor time since @cpu_start. */
static void
result_with_cpu (const char *key,
                 const char *label,
                 double      wall_ms,
                 double      cpu_start)
{
  g_autofree char *cpu_key = g_strconcat (key, "_cpu", NULL);
  const char *cpu_label = "  the same, processor time";

  dd_bench_result (key, label, wall_ms, "ms");
  dd_bench_result (cpu_key, cpu_label, cpu_ms () - cpu_start, "ms");
}

static double
import_once (DdStore              *store,
             const DdImportedPlan *plan,
             DdImportSummary      *summary)
{
  g_autoptr(GError) error = NULL;
  double start = dd_bench_now_ms ();

  if (!dd_store_import_plan (store, plan, summary, &error))
    g_error ("import: %s", error->message);
  return dd_bench_now_ms () - start;
}

/* Another desktop: saves every SAVE_EVERY_MS until SIGTERM and writes
 * "longest-wait-ms given-up attempts" to @out. */
#define SAVE_EVERY_MS 20
static volatile sig_atomic_t stop_saving;

static void
on_term (int sig)
{
  stop_saving = 1;
}

static void G_GNUC_NORETURN
save_meanwhile (const char *db,
                int         out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (db, DD_STORE_OPEN_EXISTING, &error);
  double longest = 0;
  guint failed = 0, attempts = 0;
  char line[128];
  int len;

  signal (SIGTERM, on_term);
  g_assert_no_error (error);
  while (!stop_saving)
    {
      double start = dd_bench_now_ms ();

      attempts++;
      /* A save: one row written, with its history entry. */
      if (_dd_store_begin (store, NULL) &&
          sqlite3_exec (_dd_store_get_db (store),
                        "INSERT INTO settings (key, value) VALUES ('bench.save', '1') ON CONFLICT (key) "
                        "DO UPDATE SET value = value + 1, revision = revision + 1", NULL, NULL, NULL) == SQLITE_OK &&
          _dd_store_commit (store, NULL))
        ;
      else
        {
          _dd_store_rollback (store);
          failed++;
        }
      longest = MAX (longest, dd_bench_now_ms () - start);
      g_usleep (SAVE_EVERY_MS * 1000);
    }
  len = g_snprintf (line, sizeof line, "%.1f %u %u", longest, failed, attempts);
  if (write (out, line, (size_t) len) != len)
    _exit (1);
  _exit (0);
}

/* Imports @plan while another process saves every SAVE_EVERY_MS; prints
 * the import's times and the longest a save waited. */
static void
import_with_saver (DdStore              *store,
                   const char           *db,
                   const DdImportedPlan *plan,
                   const char           *key,
                   const char           *label,
                   DdImportSummary      *summary)
{
  g_autofree char *wait_key = g_strconcat (key, "_save_wait_ms", NULL);
  g_autofree char *failed_key = g_strconcat (key, "_save_failed", NULL);
  g_autofree char *ms_key = g_strconcat (key, "_ms", NULL);
  int fds[2];
  pid_t saver;
  char line[128] = { 0 };
  double longest = 0, ms, cpu;
  guint failed = 0, attempts = 0;

  g_assert (pipe (fds) == 0);
  saver = fork ();
  if (saver == 0)
    {
      close (fds[0]);
      save_meanwhile (db, fds[1]);
    }
  close (fds[1]);
  g_usleep (300 * 1000);
  cpu = cpu_ms ();
  ms = import_once (store, plan, summary);
  result_with_cpu (ms_key, label, ms, cpu);
  kill (saver, SIGTERM);
  if (read (fds[0], line, sizeof line - 1) > 0)
    sscanf (line, "%lf %u %u", &longest, &failed, &attempts);
  close (fds[0]);
  waitpid (saver, NULL, 0);
  dd_bench_result (wait_key, "  another desktop's save meanwhile: longest wait", longest, "ms");
  dd_bench_result (failed_key, "  another desktop's saves that gave up (busy)", failed, "");
  g_print ("  (%u saves tried)\n", attempts);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  DdImportSummary summary = { 0, };
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  double start, cpu;
  double load[3] = { 0, };
  guint64 serial;

  if (argc > 2)
    {
      g_autofree char *tmpl = g_build_filename (argv[2], "bench-import-XXXXXX", NULL);

      dir = g_mkdtemp (g_steal_pointer (&tmpl));
    }
  else
    dir = g_dir_make_tmp ("bench-import-XXXXXX", &error);
  if (dir == NULL)
    g_error ("no folder: %s", error != NULL ? error->message : g_strerror (errno));
  db = g_build_filename (dir, "bench.dondoc", NULL);
  store = dd_store_open (db, DD_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    g_error ("open: %s", error->message);
  if (argc > 3)
    _dd_store_set_import_chunk_rows (store, (guint) g_ascii_strtoull (argv[3], NULL, 10));

  if (getloadavg (load, 3) > 0)
    printf ("Load average at the start: %.1f %.1f %.1f on %u cores\n\n", load[0], load[1], load[2],
            g_get_num_processors ());
  printf ("| %-52s | %15s |\n|---|---|\n", "Figure", "Value");

  csv = make_csv (n);
  cpu = cpu_ms ();
  start = dd_bench_now_ms ();
  plan = dd_importer_parse_data (csv, strlen (csv), DD_IMPORT_FORMAT_CSV, "bench.csv", &error);
  if (plan == NULL)
    g_error ("parse: %s", error->message);
  label = g_strdup_printf ("parse a CSV plan of %u rows (%.1f MB)", n, strlen (csv) / 1e6);
  result_with_cpu ("import_parse_csv_ms", label, dd_bench_now_ms () - start, cpu);

  g_free (label);
  label = argc > 3 ? g_strdup_printf ("import %u rows into a new database (chunks of %s rows)", n, argv[3])
                   : g_strdup_printf ("import %u rows into a new database (chunks)", n);
  serial = store->commit_serial;
  import_with_saver (store, db, plan, "import_new", label, &summary);
  dd_bench_result ("import_new_chunks", "  write transactions (chunks)", store->commit_serial - serial, "");
  g_assert (summary.tasks_added == n);
  {
    GStatBuf st;

    if (g_stat (db, &st) == 0)
      dd_bench_result ("import_db_mb", "  size of the database file", st.st_size / 1e6, "MB");
  }

  memset (&summary, 0, sizeof summary);
  g_free (label);
  label = g_strdup_printf ("import the same %u rows again (update path, chunks)", n);
  serial = store->commit_serial;
  import_with_saver (store, db, plan, "import_again", label, &summary);
  dd_bench_result ("import_again_chunks", "  write transactions (chunks)", store->commit_serial - serial, "");
  g_assert (summary.tasks_unchanged + summary.tasks_updated == n);
  g_clear_pointer (&plan, dd_imported_plan_free);

  text = make_text (10 * 1000 * 1000);
  cpu = cpu_ms ();
  start = dd_bench_now_ms ();
  plan = dd_importer_parse_data (text, strlen (text), DD_IMPORT_FORMAT_AUTO, NULL, &error);
  if (plan == NULL)
    g_error ("parse text: %s", error->message);
  g_free (label);
  label = g_strdup_printf ("parse a %.1f MB plan text (%u tasks)", strlen (text) / 1e6, plan->tasks->len);
  result_with_cpu ("import_parse_text_ms", label, dd_bench_now_ms () - start, cpu);
  g_clear_pointer (&plan, dd_imported_plan_free);
  g_free (text);

  /* 1.2 MB of "Phụ lục" lines and no table: refused, in one pass. */
  {
    GString *bad = g_string_new (NULL);

    while (bad->len < 1200 * 1000)
      g_string_append (bad, "Phụ lục\n");
    text = g_string_free (bad, FALSE);
  }
  start = dd_bench_now_ms ();
  plan = dd_importer_parse_data (text, strlen (text), DD_IMPORT_FORMAT_TEXT, NULL, &error);
  g_assert (plan == NULL && error != NULL);
  g_clear_error (&error);
  dd_bench_result ("import_many_appendix_ms", "refuse 1.2 MB of “Phụ lục” lines without a table",
                   dd_bench_now_ms () - start, "ms");

  g_clear_object (&store);
  {
    g_autofree char *journal = g_strconcat (db, "-journal", NULL);

    g_unlink (journal);
    g_unlink (db);
    g_rmdir (dir);
  }
  return 0;
}
