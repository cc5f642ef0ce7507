/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-read-blocking"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"

/*
 * Do reads on the main thread wait for other desktops? In the rollback
 * journal mode a reader needs a SHARED lock, which it cannot get only while
 * a writer holds PENDING (it wants to commit and waits for the readers to
 * go) or EXCLUSIVE (it is writing the database file: the commit, or a
 * transaction whose changes no longer fit in its page cache). The store's
 * busy handler then waits, on the calling thread, up to 5 s.
 *
 *   bench-read-blocking [FOLDER]
 *
 * While other processes do what desktops do, this process reads as the
 * window does on its main thread (the units list and the data_version
 * poll), every 10 ms, and prints the longest read and how many waited more
 * than 50 ms:
 *
 *   idle               nobody else
 *   reserved 2 s       a write transaction open for 2 s (BEGIN IMMEDIATE,
 *                      a change, no commit yet)
 *   commit small       a task saved, 20 times
 *   commit N MiB       a transaction of N MiB committed (within and beyond
 *                      the page cache of 40 MiB)
 *   long read + commit another desktop holds a read transaction for 2 s
 *                      (an export of 100,000 tasks reads for about that
 *                      long) and a third one saves a task meanwhile: its
 *                      commit waits for the reader, holding PENDING
 */

typedef struct
{
  double max_ms;
  double total_ms;
  guint n;
  guint slow;      /* reads that took more than 50 ms */
  guint failed;    /* reads that gave up (SQLITE_BUSY after 5 s) */
} Reads;

static void
read_once (DdStore *store,
           Reads   *reads)
{
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  dd_store_poll_external_changes (store, NULL);
  units = dd_store_list_units (store, 0, &error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  reads->max_ms = MAX (reads->max_ms, ms);
  reads->total_ms += ms;
  reads->n++;
  if (ms > 50)
    reads->slow++;
  if (units == NULL)
    reads->failed++;
}

/* Reads every 10 ms for @ms. */
static void
read_for (DdStore *store,
          guint    ms,
          Reads   *reads)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      read_once (store, reads);
      g_usleep (10 * 1000);
    }
}

static void
print_reads (const char  *what,
             const Reads *reads)
{
  printf ("%-34s %5u reads: longest %8.1f ms, mean %6.2f ms, %3u over 50 ms, %u failed\n",
          what, reads->n, reads->max_ms, reads->n > 0 ? reads->total_ms / reads->n : 0.0,
          reads->slow, reads->failed);
}

static void
signal_ready (int fd)
{
  char byte = 1;

  g_assert_cmpint (write (fd, &byte, 1), ==, 1);
}

static void
wait_ready (int fd)
{
  char byte;

  g_assert_cmpint (read (fd, &byte, 1), ==, 1);
}

static DdStore *
open_other (const char *db)
{
  g_autoptr(GError) error = NULL;
  DdStore *store = dd_store_open (db, DD_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  return store;
}

/* A write transaction held open for @hold_ms, then rolled back. */
static void G_GNUC_NORETURN
hold_reserved (const char *db,
               int         ready,
               int         hold_ms)
{
  g_autoptr(DdStore) store = open_other (db);

  g_assert_true (_dd_store_begin (store, NULL));
  g_assert_true (dd_sql_exec (store, "UPDATE settings SET value = value WHERE key = 'due_soon_days'", NULL));
  signal_ready (ready);
  g_usleep ((gulong) hold_ms * 1000);
  _dd_store_rollback (store);
  _exit (0);
}

/* @n saves of a task, @pause_ms apart. */
static void G_GNUC_NORETURN
save_tasks (const char *db,
            int         ready,
            int         n,
            int         pause_ms)
{
  g_autoptr(DdStore) store = open_other (db);

  signal_ready (ready);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!dd_store_record_progress (store, 2, (i * 7) % 100, NULL, NULL, NULL, &error))
        g_printerr ("  (the other desktop's save %d failed: %s)\n", i, error->message);
      g_usleep ((gulong) pause_ms * 1000);
    }
  _exit (0);
}

/* One transaction of @mib MiB (a scratch table), committed. */
static void G_GNUC_NORETURN
commit_big (const char *db,
            int         ready,
            int         mib)
{
  g_autoptr(DdStore) store = open_other (db);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 start;

  g_assert_true (dd_sql_exec (store, "CREATE TABLE IF NOT EXISTS bench_scratch (data BLOB)", NULL));
  signal_ready (ready);
  start = g_get_monotonic_time ();
  g_assert_true (_dd_store_begin (store, &error));
  sql = g_strdup_printf ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
                         "INSERT INTO bench_scratch SELECT randomblob (4096) FROM n", mib * 256);
  g_assert_true (dd_sql_exec (store, sql, &error));
  g_assert_true (dd_sql_exec (store, "DELETE FROM bench_scratch", &error));
  if (!_dd_store_commit (store, &error))
    g_printerr ("  (the big commit failed: %s)\n", error->message);
  g_printerr ("  (the %d MiB transaction took %.0f ms)\n", mib, (g_get_monotonic_time () - start) / 1000.0);
  _exit (0);
}

/* A read transaction held for @hold_ms (as an export holds one). */
static void G_GNUC_NORETURN
hold_read (const char *db,
           int         ready,
           int         hold_ms)
{
  g_autoptr(DdStore) store = open_other (db);
  sqlite3 *handle = _dd_store_get_db (store);

  g_assert_cmpint (sqlite3_exec (handle, "BEGIN DEFERRED; SELECT count(*) FROM tasks", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  signal_ready (ready);
  g_usleep ((gulong) hold_ms * 1000);
  sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);
  _exit (0);
}

static pid_t
start_child (int *fd)
{
  int fds[2];
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      *fd = fds[1];
      return 0;
    }
  close (fds[1]);
  *fd = fds[0];
  return pid;
}

static void
finish_child (pid_t pid,
              int   fd)
{
  close (fd);
  waitpid (pid, NULL, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  const int sizes[] = { 4, 64 };
  Reads reads = { 0, };
  pid_t pid;
  int fd;

  if (argc > 1)
    {
      g_autofree char *tmpl = g_build_filename (argv[1], "bench-read-XXXXXX", NULL);

      dir = g_mkdtemp (g_steal_pointer (&tmpl));
    }
  else
    dir = g_dir_make_tmp ("bench-read-XXXXXX", &error);
  g_assert_nonnull (dir);
  db = g_build_filename (dir, "bench.sqlite", NULL);

  store = dd_store_open (db, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dd_store_load_default (store, &error);
  g_assert_no_error (error);
  printf ("database: %s (journal_mode=DELETE, synchronous=FULL, busy budget of a read 5 s)\n", db);

  read_for (store, 1000, &reads);
  print_reads ("idle", &reads);

  memset (&reads, 0, sizeof reads);
  if ((pid = start_child (&fd)) == 0)
    hold_reserved (db, fd, 2000);
  wait_ready (fd);
  read_for (store, 2000, &reads);
  finish_child (pid, fd);
  print_reads ("reserved 2 s", &reads);

  memset (&reads, 0, sizeof reads);
  if ((pid = start_child (&fd)) == 0)
    save_tasks (db, fd, 20, 50);
  wait_ready (fd);
  read_for (store, 2000, &reads);
  finish_child (pid, fd);
  print_reads ("commit small (20 saves)", &reads);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *what = g_strdup_printf ("commit %d MiB", sizes[i]);

      memset (&reads, 0, sizeof reads);
      if ((pid = start_child (&fd)) == 0)
        commit_big (db, fd, sizes[i]);
      wait_ready (fd);
      read_for (store, sizes[i] > 10 ? 6000 : 2000, &reads);
      finish_child (pid, fd);
      print_reads (what, &reads);
    }

  {
    pid_t reader, writer;
    int reader_fd, writer_fd;

    memset (&reads, 0, sizeof reads);
    if ((reader = start_child (&reader_fd)) == 0)
      hold_read (db, reader_fd, 2000);
    wait_ready (reader_fd);
    if ((writer = start_child (&writer_fd)) == 0)
      save_tasks (db, writer_fd, 1, 0);
    wait_ready (writer_fd);
    read_for (store, 3000, &reads);
    finish_child (reader, reader_fd);
    finish_child (writer, writer_fd);
    print_reads ("long read 2 s + commit", &reads);
  }

  g_clear_object (&store);
  {
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    g_autoptr(GDir) d = g_dir_open (backups, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (backups, name, NULL);

        g_unlink (path);
      }
    g_rmdir (backups);
  }
  {
    g_autofree char *journal = g_strconcat (db, "-journal", NULL);

    g_unlink (journal);
  }
  g_unlink (db);
  g_rmdir (dir);
  return 0;
}
