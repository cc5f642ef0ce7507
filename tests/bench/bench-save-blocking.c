/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-save-blocking"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"

/*
 * How long saving a task keeps the calling thread when another process
 * holds the file's write lock: before, the task editor called
 * dd_store_save_task() on the GTK main thread; now it opens a sibling
 * connection there (dd_store_open_sibling()) and saves in a worker thread.
 *
 *   bench-save-blocking [FOLDER]
 *
 * For each time the other process holds the lock (0, 300 ms, 1.5 s, for
 * ever), it prints how long dd_store_save_task() took on the calling thread,
 * and how long dd_store_open_sibling() (all that is left on the main thread)
 * took meanwhile.
 */

/* Another desktop: takes the write lock, says so on @ready, holds it for
 * @hold_ms (or until killed when negative), commits. */
static void G_GNUC_NORETURN
hold_lock (const char *db,
           int         ready,
           int         hold_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (db, DD_STORE_OPEN_EXISTING, &error);
  char byte = 1;

  g_assert_no_error (error);
  g_assert_true (_dd_store_begin (store, &error));
  g_assert_cmpint (write (ready, &byte, 1), ==, 1);
  if (hold_ms < 0)
    for (;;)
      pause ();
  g_usleep ((gulong) hold_ms * 1000);
  _dd_store_commit (store, NULL);
  _exit (0);
}

static void
measure (DdStore    *store,
         const char *db,
         int         hold_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, 2, NULL, &error);
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(DdStore) sibling = NULL;
  int fds[2];
  char byte;
  pid_t pid;
  gint64 start;
  double save_ms, sibling_ms;
  gboolean ok;

  g_assert_no_error (error);
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = hold_ms == 0 ? 0 : fork ();
  g_assert_cmpint (pid, >=, 0);
  if (hold_ms != 0 && pid == 0)
    hold_lock (db, fds[1], hold_ms);
  if (hold_ms != 0)
    g_assert_cmpint (read (fds[0], &byte, 1), ==, 1);
  close (fds[0]);
  close (fds[1]);

  /* Now: what the main thread still does. */
  start = g_get_monotonic_time ();
  sibling = dd_store_open_sibling (store, &error);
  sibling_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);

  /* Before: the save itself, on the calling thread. */
  copy = dd_task_copy (task);
  dd_task_set_progress (copy, (dd_task_get_progress (task) + 7) % 100);
  start = g_get_monotonic_time ();
  ok = dd_store_save_task (store, copy, &error);
  save_ms = (g_get_monotonic_time () - start) / 1000.0;

  if (hold_ms < 0)
    printf ("lock held for ever:    save_task blocked %8.1f ms, then %s; open_sibling %.2f ms\n",
            save_ms, ok ? "saved" : error->message, sibling_ms);
  else
    printf ("lock held %5d ms:     save_task blocked %8.1f ms (%s); open_sibling %.2f ms\n",
            hold_ms, save_ms, ok ? "saved" : error->message, sibling_ms);

  if (pid > 0)
    {
      kill (pid, SIGKILL);
      waitpid (pid, NULL, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  const int holds[] = { 0, 300, 1500, -1 };

  if (argc > 1)
    {
      g_autofree char *tmpl = g_build_filename (argv[1], "bench-save-XXXXXX", NULL);

      dir = g_mkdtemp (g_steal_pointer (&tmpl));
    }
  else
    dir = g_dir_make_tmp ("bench-save-XXXXXX", &error);
  g_assert_nonnull (dir);
  db = g_build_filename (dir, "bench.sqlite", NULL);

  store = dd_store_open (db, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dd_store_load_default (store, &error);
  g_assert_no_error (error);

  printf ("database: %s (default busy policy: 5 tries of 1.5 s, pauses from 250 ms doubling)\n", db);
  for (guint i = 0; i < G_N_ELEMENTS (holds); i++)
    measure (store, db, holds[i]);

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
