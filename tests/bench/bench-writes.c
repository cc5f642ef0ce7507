/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-writes"

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
 * How long one dd_store_save_task() takes (BEGIN IMMEDIATE … COMMIT with
 * synchronous=FULL, the audit triggers included), alone and while other
 * processes write to the same file.
 *
 *   bench-writes [FOLDER] [N_SAVES] [N_OTHER_WRITERS]
 *
 * FOLDER defaults to the temporary folder (a disk, so fsync costs what it
 * costs); put it on a network share to measure that.
 */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *label,
        GArray     *ms,
        guint       conflicts,
        guint       failures)
{
  double *v = (double *) (void *) ms->data;
  double sum = 0;

  qsort (v, ms->len, sizeof (double), compare_doubles);
  for (guint i = 0; i < ms->len; i++)
    sum += v[i];
  printf ("%-28s n=%u  mean %.2f ms  median %.2f ms  p95 %.2f ms  max %.2f ms  "
          "conflicts %u  failed (busy) %u\n",
          label, ms->len, sum / ms->len, v[ms->len / 2], v[ms->len * 95 / 100], v[ms->len - 1],
          conflicts, failures);
}

static void
measure (DdStore    *store,
         guint       n,
         const char *label)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint failures = 0, conflicts = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdTask) task = dd_store_get_task (store, 1 + g_random_int_range (0, 8), NULL, &error);
      g_autoptr(DdTask) copy = NULL;
      g_autofree char *product = g_strdup_printf ("Sản phẩm %u", i);
      gint64 start;
      double elapsed;

      g_assert_no_error (error);
      copy = dd_task_copy (task);
      dd_task_set_actual_product (copy, product);
      dd_task_set_progress (copy, i % 100);
      start = g_get_monotonic_time ();
      /* The others record progress on the same tasks: a save over their
       * change is a conflict, measured like any other save. */
      if (!dd_store_save_task (store, copy, &error))
        {
          if (g_error_matches (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT))
            conflicts++;
          else
            failures++;
        }
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ms, elapsed);
    }
  report (label, ms, conflicts, failures);
}

/* Another desktop: records progress as fast as it can until killed. */
static void G_GNUC_NORETURN
other_writer (const char *db,
              guint       seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (db, DD_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  g_random_set_seed (seed);
  for (;;)
    {
      g_autoptr(GError) local = NULL;

      dd_store_record_progress (store, 1 + g_random_int_range (0, 8), g_random_int_range (0, 100),
                                NULL, NULL, NULL, &local);
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
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 200;
  guint n_others = argc > 3 ? (guint) atoi (argv[3]) : 3;
  GPid pids[16];

  n_others = MIN (n_others, G_N_ELEMENTS (pids));
  if (argc > 1)
    {
      g_autofree char *tmpl = g_build_filename (argv[1], "bench-writes-XXXXXX", NULL);

      dir = g_mkdtemp (g_steal_pointer (&tmpl));
    }
  else
    dir = g_dir_make_tmp ("bench-writes-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_nonnull (dir);
  db = g_build_filename (dir, "bench.sqlite", NULL);

  store = dd_store_open (db, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dd_store_load_default (store, &error);
  g_assert_no_error (error);

  printf ("database: %s\n", db);
  measure (store, n, "save_task, alone");

  for (guint i = 0; i < n_others; i++)
    {
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        other_writer (db, i + 1);
      pids[i] = pid;
    }
  g_usleep (300 * 1000);
  {
    g_autofree char *label = g_strdup_printf ("save_task, %u other writers", n_others);

    measure (store, n, label);
  }
  for (guint i = 0; i < n_others; i++)
    {
      kill (pids[i], SIGKILL);
      waitpid (pids[i], NULL, 0);
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
  g_unlink (db);
  g_rmdir (dir);
  return 0;
}
