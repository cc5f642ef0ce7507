/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-shared"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dd-cli-test.h"

/*
 * The shared file's commands of dondoc-cli (path in $DONDOC_CLI): history,
 * backup, restore, verify, delete, restore-task. Each case runs in its own
 * folder, which is also HOME and the XDG data folder.
 */

/* Auxiliary methods */

/* Runs dondoc-cli on the case's database with the arguments given. */
#define RUN(f, ...) run ((f), "--db", (f)->db, __VA_ARGS__)

static void
shared_set_up (Fixture       *f,
               gconstpointer  data)
{
  fixture_set_up (f, data);
  init_seed (f);
}

static JsonArray *
parse_array (const char *text,
             JsonNode  **out_root)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  *out_root = root;
  return json_node_get_array (root);
}

static guint
count_tasks (Fixture *f)
{
  g_auto(Result) r = RUN (f, "tasks", "--format", "json");
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (r.status, ==, 0);
  return json_array_get_length (parse_array (r.out, &root));
}

/* Tests */

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *last;
  gboolean found_update = FALSE;

  {
    g_auto(Result) r = RUN (f, "update", "2", "--progress", "45");
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = RUN (f, "history", "--task", "2", "--format", "json");

    g_assert_cmpint (r.status, ==, 0);
    array = parse_array (r.out, &root);
    g_assert_cmpuint (json_array_get_length (array), >=, 3);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *entry = json_array_get_object_element (array, i);

        g_assert_true (json_object_has_member (entry, "at"));
        g_assert_cmpstr (json_object_get_string_member (entry, "user"), ==, g_get_user_name ());
        g_assert_true (json_object_has_member (entry, "table"));
        g_assert_true (json_object_has_member (entry, "row_id"));
        g_assert_true (json_object_has_member (entry, "old"));
        g_assert_true (json_object_has_member (entry, "new"));
        g_assert_cmpint (json_object_get_int_member (entry, "task_id"), ==, 2);
        if (g_str_equal (json_object_get_string_member (entry, "table"), "tasks") &&
            g_str_equal (json_object_get_string_member (entry, "action"), "update"))
          {
            JsonObject *old = json_object_get_object_member (entry, "old");
            JsonObject *new = json_object_get_object_member (entry, "new");

            g_assert_cmpint (json_object_get_int_member (old, "progress"), ==, 0);
            g_assert_cmpint (json_object_get_int_member (new, "progress"), ==, 45);
            found_update = TRUE;
          }
      }
    g_assert_true (found_update);
    last = json_array_get_object_element (array, json_array_get_length (array) - 1);
    g_assert_cmpstr (json_object_get_string_member (last, "table"), ==, "progress_updates");
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (last, "old")));
  }
  g_clear_pointer (&root, json_node_unref);
  {
    g_auto(Result) r = RUN (f, "history", "--since", "2999-01-01", "--format", "json");

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (json_array_get_length (parse_array (r.out, &root)), ==, 0);
  }
  {
    g_auto(Result) r = RUN (f, "history");

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "changes"));
  }
  {
    g_auto(Result) r = RUN (f, "history", "--since", "31/02/2026");

    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Result) r = RUN (f, "history", "--task", "abc");

    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Result) r = RUN (f, "history", "--format", "xml");

    g_assert_cmpint (r.status, ==, 2);
  }
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *to = g_build_filename (f->dir, "saoluu", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *foreign = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;

  {
    g_auto(Result) r = RUN (f, "backup");

    g_assert_cmpint (r.status, ==, 0);
    g_strstrip (r.out);
    g_assert_true (g_file_test (r.out, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(Result) r = RUN (f, "backup", "--to", to);

    g_assert_cmpint (r.status, ==, 0);
    backup = g_strdup (g_strstrip (r.out));
    g_assert_true (g_str_has_prefix (backup, to));
    g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  }

  {
    g_auto(Result) r = RUN (f, "delete", "2");
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpuint (count_tasks (f), ==, 7);

  /* Not a backup: refused, nothing changed. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  sum = dd_test_file_checksum (f->db);
  {
    g_auto(Result) r = RUN (f, "restore", foreign);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "nothing was restored"));
  }
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);

  {
    g_auto(Result) r = RUN (f, "restore", backup);

    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpuint (count_tasks (f), ==, 8);
  {
    g_auto(Result) r = RUN (f, "restore");

    g_assert_cmpint (r.status, ==, 2);
  }
}

static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;

  {
    g_auto(Result) r = RUN (f, "verify");

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Integrity: ok"));
  }

  /* The tasks' root page overwritten: damaged, exit 1 with the reason. */
  dd_test_damage_tasks_page (f->db);
  sum = dd_test_file_checksum (f->db);
  {
    g_auto(Result) r = RUN (f, "verify");

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "damaged"));
  }
  {
    g_auto(Result) r = RUN (f, "update", "2", "--progress", "10");

    g_assert_cmpint (r.status, ==, 1);
  }
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);

  dd_test_write_file (f->db, "not a database at all", -1);
  {
    g_auto(Result) r = RUN (f, "verify");

    g_assert_cmpint (r.status, ==, 1);
  }
  g_unlink (f->db);
  {
    g_auto(Result) r = RUN (f, "verify");

    g_assert_cmpint (r.status, ==, 1);
    g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  }
}

static void
test_recycle_bin (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpuint (count_tasks (f), ==, 8);
  {
    g_auto(Result) r = RUN (f, "delete", "3");

    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpuint (count_tasks (f), ==, 7);
  {
    g_auto(Result) r = RUN (f, "delete", "3");

    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Result) r = RUN (f, "update", "3", "--progress", "10");

    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Result) r = RUN (f, "restore-task", "3");

    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpuint (count_tasks (f), ==, 8);
  {
    g_auto(Result) r = RUN (f, "restore-task", "3");

    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Result) r = RUN (f, "delete", "x");

    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(Result) r = RUN (f, "delete");

    g_assert_cmpint (r.status, ==, 2);
  }
}

static void
role_admin (sqlite3_context *ctx,
            int              argc,
            sqlite3_value  **argv)
{
  sqlite3_result_text (ctx, "admin", -1, SQLITE_STATIC);
}

/* A stand-in for the audit triggers' dd_json_object () and
 * dd_json_changed () (data version 11) on a plain connection: the history
 * of these set-up writes does not matter. */
static void
sql_json_stand_in (sqlite3_context  *ctx,
                   int               argc,
                   sqlite3_value  **argv)
{
  sqlite3_result_text (ctx, "{}", -1, SQLITE_STATIC);
}

/* Runs @sql on the file as another program would, without Đôn Đốc's
 * functions and checks. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;

  tamper (f, "CREATE TRIGGER wipe AFTER UPDATE ON tasks BEGIN DELETE FROM tasks; END");
  sum = dd_test_file_checksum (f->db);
  {
    g_auto(Result) r = RUN (f, "verify");

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.out, "“wipe”"));
    g_assert_nonnull (strstr (r.err, "outside"));
  }
  /* A read says on stderr that the file cannot be trusted; a write is
   * refused and the trigger never runs. */
  {
    g_auto(Result) r = RUN (f, "tasks");

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, "“wipe”"));
  }
  {
    g_auto(Result) r = RUN (f, "update", "2", "--progress", "10");

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "outside"));
  }
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
  g_assert_cmpuint (count_tasks (f), ==, 8);
}

static void
test_restore_viewer (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;

  {
    g_auto(Result) r = RUN (f, "backup");

    g_assert_cmpint (r.status, ==, 0);
    backup = g_strdup (g_strstrip (r.out));
  }
  /* Another account is the administrator; this one only views. The
   * guards of users call dd_role () and the audit dd_user (): a plain
   * connection is given stand-ins. */
  sql = g_strdup_printf ("INSERT INTO users (account, role) VALUES ('boss', 'admin'); "
                         "INSERT OR REPLACE INTO users (account, role) VALUES ('%s', 'viewer')",
                         g_get_user_name ());
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_create_function (db, "dd_role", 0, SQLITE_UTF8, NULL, role_admin, NULL, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_create_function (db, "dd_user", 0, SQLITE_UTF8, NULL, role_admin, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_create_function (db, "dd_json_object", -1, SQLITE_UTF8, NULL, sql_json_stand_in, NULL, NULL);
    sqlite3_create_function (db, "dd_json_changed", -1, SQLITE_UTF8, NULL, sql_json_stand_in, NULL, NULL);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  sum = dd_test_file_checksum (f->db);
  {
    g_auto(Result) r = RUN (f, "restore", backup);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "administrator"));
  }
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
}

/* dondoc-cli on the case's database, as an account that may not write it:
 * "nobody" when the test runs as root (root may write anything). */
static Result
run_as_reader (Fixture            *f,
               const char * const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0, NULL, NULL };
  int wait_status = 0;

  if (geteuid () == 0)
    {
      g_strv_builder_add (builder, "/usr/sbin/runuser");
      g_strv_builder_add_many (builder, "-u", "nobody", "--", NULL);
    }
  g_strv_builder_add_many (builder, cli_path (), "--db", f->db, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  g_spawn_sync (f->dir, argv, f->envp, G_SPAWN_DEFAULT, NULL, NULL, &r.out, &r.err, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s%s", args[0], r.out, r.err);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

/* A writer was killed in the middle of a change, and an account that may
 * not write the file (nor its folder) opens it: it is told what happened,
 * never that the file is damaged, and nothing is written. The next open by
 * one who may write undoes the change. */
static void
test_hot_journal_reader (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *journal = g_strconcat (f->db, "-journal", NULL);
  g_autofree char *sum = NULL;
  g_autofree char *journal_sum = NULL;
  g_autofree char *after = NULL;
  const char *commands[][3] = { { "verify", NULL }, { "tasks", NULL }, { "tasks", "--format=json", NULL } };

  dd_test_make_hot_journal (f->db);
  g_assert_cmpint (g_chmod (f->db, 0444), ==, 0);
  g_assert_cmpint (g_chmod (journal, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  sum = dd_test_file_checksum (f->db);
  journal_sum = dd_test_file_checksum (journal);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Result) r = run_as_reader (f, commands[i]);

      g_assert_cmpint (r.status, ==, 1);
      g_assert_true (g_str_has_prefix (r.err, "dondoc-cli: "));
      g_assert_nonnull (strstr (r.err, "another desktop began and did not finish"));
      g_assert_nonnull (strstr (r.err, "will be undone when someone who may write"));
      g_assert_null (strstr (r.err, "damaged so badly"));
      g_assert_null (strstr (r.err, "restore"));
      g_assert_cmpstr (r.out, ==, "");
    }
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
  g_clear_pointer (&after, g_free);
  after = dd_test_file_checksum (journal);
  g_assert_cmpstr (journal_sum, ==, after);

  /* Someone who may write: the change is undone, the file intact. */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0644), ==, 0);
  {
    g_auto(Result) r = RUN (f, "verify");

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Integrity: ok"));
  }
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_tasks (f), ==, 8);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, shared_set_up, fn, fixture_tear_down)
  ADD ("/cli/shared/history", test_history);
  ADD ("/cli/shared/backup-restore", test_backup_restore);
  ADD ("/cli/shared/verify", test_verify);
  ADD ("/cli/shared/hot-journal-reader", test_hot_journal_reader);
  ADD ("/cli/shared/tampered", test_tampered);
  ADD ("/cli/shared/restore-viewer", test_restore_viewer);
  ADD ("/cli/shared/recycle-bin", test_recycle_bin);
#undef ADD

  return g_test_run ();
}
