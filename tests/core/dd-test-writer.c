/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-test-writer"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * A worker process of test-shared-processes: it writes to one database file
 * while other processes do too, and logs what the store told it.
 *
 *   dd-test-writer edits DB LOG ACCOUNT N SEED
 *     N random edits (record_progress or save_task of a random task); one
 *     log line per edit: "save TASK REVISION MARKER", "progress TASK MARKER",
 *     "conflict TASK", or "error DOMAIN CODE MESSAGE".
 *   dd-test-writer crash DB LOG SEED
 *     records progress for ever (until killed); after each commit it appends
 *     "committed MARKER" to LOG and flushes it to the disk.
 *   dd-test-writer once DB TASK_ID PROGRESS
 *     one progress update, then exits.
 */

static void
log_line (FILE       *log,
          gboolean    sync,
          const char *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
log_line (FILE       *log,
          gboolean    sync,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (log, format, args);
  va_end (args);
  fputc ('\n', log);
  fflush (log);
  if (sync)
    fsync (fileno (log));
}

static GArray *
task_ids (DdStore *store)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;
  GArray *ids;

  dd_task_query_init (&query);
  ids = _dd_store_query_task_ids (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  return ids;
}

static int
run_edits (const char *db,
           const char *log_path,
           const char *account,
           guint       n,
           guint32     seed)
{
  g_autoptr(DdStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  FILE *log;

  /* One desktop among several, as @account. */
  store = dd_test_open_other (db, account);
  ids = task_ids (store);
  log = fopen (log_path, "w");
  g_assert_nonnull (log);

  for (guint i = 0; i < n; i++)
    {
      gint64 task_id = g_array_index (ids, gint64, g_rand_int_range (rand, 0, (gint32) ids->len));
      g_autofree char *marker = g_strdup_printf ("%s-%u", account, i);
      int progress = g_rand_int_range (rand, 0, 100);
      g_autoptr(GError) local = NULL;
      gboolean ok;

      if (g_rand_boolean (rand))
        {
          ok = dd_store_record_progress (store, task_id, progress, NULL, marker, NULL, &local);
          if (ok)
            log_line (log, FALSE, "progress %" G_GINT64_FORMAT " %s", task_id, marker);
        }
      else
        {
          g_autoptr(DdTask) task = dd_store_get_task (store, task_id, NULL, &local);
          g_autoptr(DdTask) copy = NULL;

          if (task == NULL)
            {
              log_line (log, FALSE, "error %s %d %s", g_quark_to_string (local->domain), local->code,
                        local->message);
              continue;
            }
          copy = dd_task_copy (task);
          dd_task_set_progress (copy, (guint) progress);
          dd_task_set_actual_product (copy, marker);
          /* A person takes a moment between reading and saving: others may
           * save the same task meanwhile. */
          if (g_rand_int_range (rand, 0, 4) == 0)
            g_usleep ((gulong) g_rand_int_range (rand, 0, 3000));
          ok = dd_store_save_task (store, copy, &local);
          if (ok)
            log_line (log, FALSE, "save %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s", task_id,
                      dd_task_get_revision (copy), marker);
        }
      if (!ok)
        {
          if (g_error_matches (local, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT))
            log_line (log, FALSE, "conflict %" G_GINT64_FORMAT, task_id);
          else
            log_line (log, FALSE, "error %s %d %s", g_quark_to_string (local->domain), local->code,
                      local->message);
        }
    }
  fclose (log);
  return 0;
}

static int
run_crash (const char *db,
           const char *log_path,
           guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  FILE *log;

  store = dd_store_open (db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  ids = task_ids (store);
  log = fopen (log_path, "a");
  g_assert_nonnull (log);

  for (guint i = 0; ; i++)
    {
      gint64 task_id = g_array_index (ids, gint64, g_rand_int_range (rand, 0, (gint32) ids->len));
      g_autofree char *marker = g_strdup_printf ("c%u-%u", seed, i);
      g_autoptr(GError) local = NULL;

      if (!dd_store_record_progress (store, task_id, g_rand_int_range (rand, 0, 100), NULL, marker,
                                     NULL, &local))
        {
          log_line (log, TRUE, "error %s", local->message);
          return 1;
        }
      log_line (log, TRUE, "committed %s", marker);
    }
  return 0;
}

static int
run_once (const char *db,
          gint64      task_id,
          int         progress)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (db, DD_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  dd_store_record_progress (store, task_id, progress, NULL, NULL, "once", &error);
  g_assert_no_error (error);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc == 7 && g_str_equal (argv[1], "edits"))
    return run_edits (argv[2], argv[3], argv[4], (guint) atoi (argv[5]), (guint32) atol (argv[6]));
  if (argc == 5 && g_str_equal (argv[1], "crash"))
    return run_crash (argv[2], argv[3], (guint32) atol (argv[4]));
  if (argc == 5 && g_str_equal (argv[1], "once"))
    return run_once (argv[2], g_ascii_strtoll (argv[3], NULL, 10), atoi (argv[4]));
  g_printerr ("usage: dd-test-writer edits DB LOG ACCOUNT N SEED | crash DB LOG SEED | once DB TASK PROGRESS\n");
  return 2;
}
