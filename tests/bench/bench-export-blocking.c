/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-export-blocking"

#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-bench.h"
#include "dd-store-private.h"

/*
 * Does an export hold other desktops' saves waiting? In the rollback
 * journal mode a reader's shared lock holds a writer's commit back: a save
 * waits (in the store's busy handler) until the reader lets go. The
 * workbook's export reads its ~1.5 s of rows in short read transactions
 * (dd-store-export.c); this compares that with one read transaction over
 * the whole export, as it was (the store's own transaction around the
 * export makes it read in one statement); and the same for the report
 * (PDF), which read in one transaction until it read as the workbook.
 *
 *   bench-export-blocking DB [ROUNDS [MODES]]
 *
 * DB: the large database of dd-bench-generate (copied first: it is
 * written). While this process exports every task to a workbook, another
 * process (another desktop) saves a task's progress every 20 ms and times
 * each save; printed: the export's time and the longest and median saves,
 * beside the same saves for 5 s without an export (what a save takes on
 * this machine anyway), and the workbook's export with nobody saving.
 * MODES: a comma-separated list of the keys below (default: all). Beside
 * each export: the processor time this process spent (the export and its
 * deflating thread), the pages its connection read from the file (SQLite's
 * cache misses) and the machine's load average then, since the machine
 * may be shared.
 */

#define AS_OF "2026-11-25"
#define SAVE_PAUSE_MS 20

typedef struct
{
  double longest_ms;
  double median_ms;
  guint n;
  guint over_50;
  guint failed;
} Saves;

static DdStore *
open_store (const char *db)
{
  g_autoptr(GError) error = NULL;
  DdStore *store = dd_store_open (db, DD_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  return store;
}

/* The other desktop: opens the file, says so on @out, waits for a byte on
 * @stop (the export's store is open: its opening's check of the file is
 * not timed), saves until the parent closes @stop, then writes its figures
 * to @out. */
static void G_GNUC_NORETURN
save_until_stopped (const char *db,
                    int         stop,
                    int         out)
{
  g_autoptr(DdStore) store = open_store (db);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  Saves saves = { 0, };
  struct pollfd p = { stop, POLLIN, 0 };
  char byte = 1;

  g_assert_cmpint (write (out, &byte, 1), ==, 1);
  g_assert_cmpint (read (stop, &byte, 1), ==, 1);
  for (guint i = 0; poll (&p, 1, 0) == 0; i++)
    {
      g_autoptr(GError) error = NULL;
      double start = dd_bench_now_ms (), ms;

      if (!dd_store_record_progress (store, 2, (int) (i * 7 % 100), NULL, NULL, NULL, &error))
        saves.failed++;
      ms = dd_bench_now_ms () - start;
      g_array_append_val (times, ms);
      if (ms > 50)
        saves.over_50++;
      g_usleep (SAVE_PAUSE_MS * 1000);
    }
  saves.n = times->len;
  saves.longest_ms = dd_bench_max ((double *) times->data, times->len);
  saves.median_ms = dd_bench_median ((double *) times->data, times->len);
  g_assert_cmpint (write (out, &saves, sizeof saves), ==, (ssize_t) sizeof saves);
  _exit (0);
}

typedef enum
{
  MODE_ALONE,             /* the export as it reads now, nobody saving */
  MODE_IDLE,              /* no export: what a save takes anyway */
  MODE_ONE_TRANSACTION,   /* one read transaction over the export, as before */
  MODE_SHORT,             /* the export as it reads now */
  MODE_PDF_ONE,           /* the report (PDF) in one read transaction, as before */
  MODE_PDF_SHORT,         /* the report as it reads now */
  N_MODES
} Mode;

static const char * const mode_names[N_MODES] = {
  "workbook alone (nobody saving)", "no export (5 s)", "one transaction (before)", "short transactions (now)",
  "PDF: one transaction (before)", "PDF: short transactions (now)"
};
static const char * const mode_keys[N_MODES] = { "alone", "idle", "one", "short", "pdf_one", "pdf_short" };

typedef struct
{
  double export_ms;
  double cpu_ms;      /* this process's processor time meanwhile */
  double waited_ms;   /* its connection's waits for the lock */
  int cache_misses;   /* pages the export's connection read from the file */
  double load;        /* the load average over the last minute, at the end */
} Export;

static double
cpu_ms_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0
         + usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

/* The store's busy handler (dd-store.c: a look every 0.5-4 ms, until the
 * budget is spent), timing the waits of the export's connection. */
typedef struct
{
  gint64 since;
  gint64 waited_us;
} BusyClock;

static int
timed_busy_cb (void *data,
               int   count)
{
  BusyClock *clock = data;
  gint64 now = g_get_monotonic_time ();
  gulong pause = (gulong) g_random_int_range (500, 4000);

  if (count == 0)
    clock->since = now;
  if (now - clock->since >= (gint64) DD_BUSY_TIMEOUT_MS * 1000)
    return 0;
  g_usleep (pause);
  clock->waited_us += g_get_monotonic_time () - now;
  return 1;
}

/* The export of @mode, timed. */
static void
export_once (DdStore               *store,
             const DdExportOptions *options,
             const char            *out_path,
             Mode                   mode,
             Export                *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_path = g_strconcat (out_path, ".pdf", NULL);
  sqlite3 *db = _dd_store_get_db (store);
  double start = dd_bench_now_ms (), cpu = cpu_ms_now ();
  BusyClock clock = { 0, 0 };
  int misses, high;

  sqlite3_busy_handler (db, timed_busy_cb, &clock);
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_MISS, &misses, &high, TRUE);
  if (mode == MODE_IDLE)
    g_usleep (5 * G_USEC_PER_SEC);
  if (mode == MODE_ONE_TRANSACTION || mode == MODE_PDF_ONE)
    g_assert_cmpint (sqlite3_exec (db, "BEGIN DEFERRED", NULL, NULL, NULL), ==, SQLITE_OK);
  if ((mode == MODE_ALONE || mode == MODE_ONE_TRANSACTION || mode == MODE_SHORT)
      && !dd_export_xlsx (store, options, out_path, &error))
    g_error ("%s", error->message);
  if ((mode == MODE_PDF_ONE || mode == MODE_PDF_SHORT) && !dd_export_pdf (store, options, pdf_path, &error))
    g_error ("%s", error->message);
  if (mode == MODE_ONE_TRANSACTION || mode == MODE_PDF_ONE)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  out->export_ms = dd_bench_now_ms () - start;
  out->cpu_ms = cpu_ms_now () - cpu;
  out->waited_ms = clock.waited_us / 1000.0;
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_MISS, &out->cache_misses, &high, FALSE);
  out->load = load_average ();
}

/* One export of every task while the other desktop saves (or alone).
 * The other desktop is forked before this process opens the file: a fork
 * after it would share the store's page cache and heap copy-on-write, and
 * the export would pay a copy for each page it then writes (1.7 s for
 * the first statement's cache change, on this virtual machine). */
static void
run_round (const char *db,
           const char *out_path,
           Mode        mode,
           Export     *out_export,
           Saves      *out_saves)
{
  g_autoptr(DdStore) store = NULL;
  DdExportOptions options;
  int stop[2], back[2];
  pid_t pid = -1;
  char byte;

  memset (out_saves, 0, sizeof *out_saves);
  if (mode != MODE_ALONE)
    {
      g_assert_cmpint (pipe (stop), ==, 0);
      g_assert_cmpint (pipe (back), ==, 0);
      fflush (stdout);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (stop[1]);
          close (back[0]);
          save_until_stopped (db, stop[0], back[1]);
        }
      close (stop[0]);
      close (back[1]);
      g_assert_cmpint (read (back[0], &byte, 1), ==, 1);
    }

  store = open_store (db);
  dd_export_options_init (&options);
  g_assert_true (dd_date_parse_iso (AS_OF, &options.tasks.as_of));
  options.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  if (mode == MODE_ALONE)
    {
      export_once (store, &options, out_path, mode, out_export);
      return;
    }
  /* The other desktop saves a few times before the export starts. */
  g_assert_cmpint (write (stop[1], &byte, 1), ==, 1);
  g_usleep (200 * 1000);

  export_once (store, &options, out_path, mode, out_export);

  close (stop[1]);
  g_assert_cmpint (read (back[0], out_saves, sizeof *out_saves), ==, (ssize_t) sizeof *out_saves);
  close (back[0]);
  waitpid (pid, NULL, 0);
}

static gboolean
mode_wanted (const char *modes,
             Mode        mode)
{
  g_auto(GStrv) keys = NULL;

  if (modes == NULL)
    return TRUE;
  keys = g_strsplit (modes, ",", -1);
  return g_strv_contains ((const char * const *) keys, mode_keys[mode]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  int rounds = argc > 2 ? atoi (argv[2]) : 3;
  const char *modes = argc > 3 ? argv[3] : NULL;

  if (argc < 2)
    {
      g_printerr ("usage: bench-export-blocking DB [ROUNDS [MODES]]\n");
      return 2;
    }
  {
    g_autofree char *parent = g_path_get_dirname (argv[1]);
    g_autofree char *tmpl = g_build_filename (parent, "bench-export-blocking-XXXXXX", NULL);

    dir = g_mkdtemp (g_steal_pointer (&tmpl));
    g_assert_nonnull (dir);
  }
  db = g_build_filename (dir, "bench.sqlite", NULL);
  out = g_build_filename (dir, "export.xlsx", NULL);
  {
    g_autoptr(GFile) from = g_file_new_for_path (argv[1]);
    g_autoptr(GFile) to = g_file_new_for_path (db);

    g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  /* The daily backup, once, before anything is timed. */
  g_object_unref (open_store (db));

  printf ("database: %s, %d rounds, a save every %d ms meanwhile\n\n", argv[1], rounds, SAVE_PAUSE_MS);
  printf ("| %-34s | %9s | %9s | %9s | %7s | %6s | %11s | %11s | %7s | %6s | %5s |\n", "export read", "export",
          "CPU", "waited", "misses", "saves", "longest save", "median save", "> 50 ms", "failed", "load");
  printf ("|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "------------------------------------", "----------:",
          "----------:", "----------:", "--------:", "-------:", "------------:", "------------:", "--------:", "-------:",
          "------:");
  for (int r = 0; r < rounds; r++)
    for (Mode mode = 0; mode < N_MODES; mode++)
      {
        Saves saves;
        Export e;

        if (!mode_wanted (modes, mode))
          continue;
        run_round (db, out, mode, &e, &saves);
        if (mode == MODE_IDLE)
          printf ("| %-34s | %9s | %9s | %9s | %7s |", mode_names[mode], "—", "—", "—", "—");
        else
          printf ("| %-34s | %6.0f ms | %6.0f ms | %6.0f ms | %7d |", mode_names[mode], e.export_ms, e.cpu_ms,
                  e.waited_ms, e.cache_misses);
        if (mode == MODE_ALONE)
          printf (" %6s | %11s | %11s | %7s | %6s |", "—", "—", "—", "—", "—");
        else
          printf (" %6u | %8.1f ms | %8.1f ms | %7u | %6u |", saves.n, saves.longest_ms, saves.median_ms,
                  saves.over_50, saves.failed);
        printf (" %5.1f |\n", e.load);
        if (r == rounds - 1)
          {
            g_autofree char *key = g_strdup_printf ("export_blocking_longest_save_%s", mode_keys[mode]);
            g_autofree char *time_key = g_strdup_printf ("export_blocking_export_%s", mode_keys[mode]);

            if (mode != MODE_IDLE)
              printf ("RESULT\t%s\t%.4f\tms\n", time_key, e.export_ms);
            if (mode != MODE_ALONE)
              printf ("RESULT\t%s\t%.4f\tms\n", key, saves.longest_ms);
          }
        fflush (stdout);
      }

  {
    g_autofree char *journal = g_strconcat (db, "-journal", NULL);
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    g_autoptr(GDir) d = g_dir_open (backups, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (backups, name, NULL);

        g_unlink (path);
      }
    g_rmdir (backups);
    g_unlink (journal);
    g_unlink (db);
    g_unlink (out);
    {
      g_autofree char *pdf = g_strconcat (out, ".pdf", NULL);

      g_unlink (pdf);
    }
    g_rmdir (dir);
  }
  return 0;
}
