/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-shared-processes"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * Several processes on one database file, as several desktops on one share:
 * the worker is dd-test-writer (path in $DD_TEST_WRITER).
 */

#define N_WRITERS 8
#define N_EDITS 500
#define N_KILLS 100

typedef struct
{
  char *dir;
  char *db;
} Fixture;

/* Auxiliary methods */

/* A memory filesystem when there is one: the test is about locks and
 * atomicity, not about the speed of the disk. */
static char *
make_work_dir (void)
{
  char *dir = NULL;

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      g_autofree char *tmpl = g_build_filename ("/dev/shm", "dondoc-proc-XXXXXX", NULL);

      dir = g_mkdtemp (g_steal_pointer (&tmpl));
    }
  if (dir == NULL)
    dir = dd_test_make_tmp_dir ("dondoc-proc-XXXXXX");
  return dir;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;

  f->dir = make_work_dir ();
  f->db = g_build_filename (f->dir, "shared.sqlite", NULL);

  store = dd_test_new_store (f->db);
  accounts = dd_users_new (store);
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autofree char *account = g_strdup_printf ("writer%u", i);

      dd_users_set_role (accounts, account, NULL, DD_ROLE_ADMIN, 0, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static const char *
writer_path (void)
{
  const char *path = g_getenv ("DD_TEST_WRITER");

  g_assert_nonnull (path);
  return path;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           const char *text,
           gint64      a,
           gint64      b)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, a);
  sqlite3_bind_int64 (stmt, 3, b);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_integrity (DdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  dd_store_verify (store, &report, &error);
  g_assert_no_error (error);
}

/* (a) 8 processes × 500 random edits, the same rows included */

static void
test_concurrent_writers (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(GHashTable) revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPid pids[N_WRITERS];
  gint64 start, elapsed;
  guint n_saves = 0, n_progress = 0, n_conflicts = 0, n_errors = 0;
  gint64 initial_revision_sum, final_revision_sum;
  sqlite3 *db;

  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  db = _dd_store_get_db (store);
  initial_revision_sum = query_int (db, "SELECT sum (revision) FROM tasks", NULL, 0, 0);
  g_clear_object (&store);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autofree char *log = g_strdup_printf ("%s/writer%u.log", f->dir, i);
      g_autofree char *account = g_strdup_printf ("writer%u", i);
      g_autofree char *n = g_strdup_printf ("%u", N_EDITS);
      g_autofree char *seed = g_strdup_printf ("%u", g_test_rand_int_range (1, G_MAXINT32));
      const char *argv[] = { writer_path (), "edits", f->db, log, account, n, seed, NULL };

      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pids[i], &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_WRITERS; i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_spawn_close_pid (pids[i]);
    }
  elapsed = g_get_monotonic_time () - start;

  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  db = _dd_store_get_db (store);
  assert_integrity (store);

  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autofree char *log = g_strdup_printf ("%s/writer%u.log", f->dir, i);
      g_autofree char *account = g_strdup_printf ("writer%u", i);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      guint n_lines = 0;

      g_file_get_contents (log, &contents, NULL, &error);
      g_assert_no_error (error);
      lines = g_strsplit (contents, "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_auto(GStrv) w = g_strsplit (lines[j], " ", 4);
          gint64 task_id;

          if (*lines[j] == '\0')
            continue;
          n_lines++;
          if (g_str_equal (w[0], "error"))
            {
              g_test_message ("writer%u: %s", i, lines[j]);
              n_errors++;
              continue;
            }
          task_id = g_ascii_strtoll (w[1], NULL, 10);
          if (g_str_equal (w[0], "conflict"))
            {
              n_conflicts++;
              continue;
            }
          if (g_str_equal (w[0], "save"))
            {
              gint64 revision = g_ascii_strtoll (w[2], NULL, 10);
              const char *marker = w[3];
              g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                                      task_id, revision);

              /* No two saves may claim the same revision of a task: that
               * would be an update lost without a conflict. */
              g_assert_false (g_hash_table_contains (revisions, key));
              g_hash_table_add (revisions, g_steal_pointer (&key));
              n_saves++;
              /* In the audit history, by its writer, with its values. */
              g_assert_cmpint (query_int (db,
                                          "SELECT count(*) FROM audit_log WHERE table_name = 'tasks' "
                                          "AND row_id = ?2 AND json_extract (new_values, '$.revision') = ?3 "
                                          "AND json_extract (new_values, '$.actual_product') = ?1",
                                          marker, task_id, revision), ==, 1);
              g_assert_cmpint (query_int (db,
                                          "SELECT count(*) FROM audit_log WHERE table_name = 'tasks' "
                                          "AND row_id = ?2 AND json_extract (new_values, '$.revision') = ?3 "
                                          "AND user = ?1", account, task_id, revision), ==, 1);
              /* And in the file: its progress update. */
              g_assert_cmpint (query_int (db,
                                          "SELECT count(*) FROM progress_updates WHERE task_id = ?2 "
                                          "AND actual_product = ?1", marker, task_id, 0), ==, 1);
            }
          else
            {
              g_assert_cmpstr (w[0], ==, "progress");
              n_progress++;
              g_assert_cmpint (query_int (db,
                                          "SELECT count(*) FROM progress_updates p JOIN audit_log a "
                                          "ON a.table_name = 'progress_updates' AND a.row_id = p.id "
                                          "AND a.action = 'insert' WHERE p.task_id = ?2 AND "
                                          "p.actual_product = ?1 AND a.user = p.recorded_by "
                                          "AND p.recorded_by = substr (?1, 1, instr (?1, '-') - 1)",
                                          w[2], task_id, 0), ==, 1);
            }
        }
      /* Every edit was answered: saved, or a conflict the writer was told of. */
      g_assert_cmpuint (n_lines, ==, N_EDITS);
    }

  /* Each successful write raised its task's revision by exactly one: no
   * write was lost, none was counted twice. */
  final_revision_sum = query_int (db, "SELECT sum (revision) FROM tasks", NULL, 0, 0);
  g_assert_cmpint (final_revision_sum - initial_revision_sum, ==, n_saves + n_progress);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (n_saves + n_progress + n_conflicts, ==, N_WRITERS * N_EDITS);

  g_printerr ("# concurrency: %d processes x %d edits in %.1f s: %u saves, %u progress updates, "
              "%u conflicts reported, %u errors (none \"database is locked\"), integrity ok\n",
              N_WRITERS, N_EDITS, elapsed / 1e6, n_saves, n_progress, n_conflicts, n_errors);
}

/* (b) a writer killed at 100 random moments */

/* The products recorded in the file: each committed transaction's marker. */
static GHashTable *
products_in_file (DdStore *store)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store),
                                       "SELECT actual_product FROM progress_updates "
                                       "WHERE actual_product IS NOT NULL", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return set;
}

static void
test_killed_writer (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *log = g_build_filename (f->dir, "crash.log", NULL);
  g_autoptr(GHashTable) present = NULL;
  guint n_committed = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint round = 0; round < N_KILLS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdStore) store = NULL;
      g_autofree char *seed = g_strdup_printf ("%u", round + 1);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      const char *argv[] = { writer_path (), "crash", f->db, log, seed, NULL };
      GPid pid;
      int status = 0;

      GStatBuf buf;
      gint64 size_before = g_stat (log, &buf) == 0 ? (gint64) buf.st_size : 0;
      gint64 started;

      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      /* Once the writer is writing (its first commit is logged; opening
       * takes longer under a sanitizer), kill it at a random moment. */
      started = g_get_monotonic_time ();
      while (g_get_monotonic_time () - started < 20 * G_USEC_PER_SEC &&
             (g_stat (log, &buf) != 0 || (gint64) buf.st_size <= size_before))
        g_usleep (2000);
      g_usleep ((gulong) g_test_rand_int_range (0, 60000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status) || (WIFEXITED (status) && WEXITSTATUS (status) == 0));

      /* The file opens (rolling back the killed transaction), is whole,
       * and holds every transaction reported committed. */
      store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
      g_assert_false (dd_store_is_damaged (store));
      assert_integrity (store);

      if (!g_file_get_contents (log, &contents, NULL, NULL))
        continue;
      lines = g_strsplit (contents, "\n", -1);
      n_committed = 0;
      g_clear_pointer (&present, g_hash_table_unref);
      present = products_in_file (store);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (*lines[j] == '\0')
            continue;
          /* A line cut by the kill is a marker not yet reported. */
          if (!g_str_has_prefix (lines[j], "committed ") || lines[j + 1] == NULL)
            {
              g_assert_false (g_str_has_prefix (lines[j], "error"));
              continue;
            }
          n_committed++;
          g_assert_true (g_hash_table_contains (present, lines[j] + strlen ("committed ")));
        }
    }
  g_assert_cmpuint (n_committed, >, 0);
  g_printerr ("# crashes: %d kills with SIGKILL in %.1f s; after each the file opened, "
              "integrity ok; %u committed transactions reported, all present\n",
              N_KILLS, (g_get_monotonic_time () - start) / 1e6, n_committed);
}

/* Live refresh across processes: another process's commit is seen. */

static void
test_poll_other_process (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  const char *argv[] = { writer_path (), "once", f->db, "2", "55", NULL };
  g_autoptr(DdTask) task = NULL;
  int status = 0;
  gint64 start;
  gboolean seen = FALSE;

  g_assert_no_error (error);
  g_assert_false (dd_store_poll_external_changes (store, NULL));

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  /* The window polls every 2 s; within 3 s the change must be seen. */
  start = g_get_monotonic_time ();
  while (!seen && g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    {
      seen = dd_store_poll_external_changes (store, NULL);
      if (!seen)
        g_usleep (100000);
    }
  g_assert_true (seen);
  task = dd_store_get_task (store, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_task_get_progress (task), ==, 55);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/shared-processes/poll-other-process", Fixture, NULL, fixture_set_up,
              test_poll_other_process, fixture_tear_down);
  g_test_add ("/core/shared-processes/concurrent-writers", Fixture, NULL, fixture_set_up,
              test_concurrent_writers, fixture_tear_down);
  g_test_add ("/core/shared-processes/killed-writer", Fixture, NULL, fixture_set_up,
              test_killed_writer, fixture_tear_down);
  return g_test_run ();
}
