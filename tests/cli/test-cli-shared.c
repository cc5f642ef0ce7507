/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-shared"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

/*
 * The shared file's commands of dondoc-cli (path in $DONDOC_CLI): history,
 * backup, restore, verify, delete, restore-task. Each case runs in its own
 * folder, which is also HOME and the XDG data folder.
 */

typedef struct
{
  char *dir;
  char *db;
  char **envp;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

/* Auxiliary methods */

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static Result
run_argv (Fixture            *f,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Result r = { 0, NULL, NULL };
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("DONDOC_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (f->dir, (char **) argv->pdata, f->envp, G_SPAWN_DEFAULT,
                NULL, NULL, &r.out, &r.err, &wait_status, &error);
  g_assert_no_error (error);
  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv->pdata);

      g_test_message ("$ %s\n%s%s", line, r.out, r.err);
    }
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  g_assert_true (g_utf8_validate (r.out, -1, NULL));
  g_assert_true (g_utf8_validate (r.err, -1, NULL));
  return r;
}

#define RUN(f, ...) run_argv (f, (const char * const[]) { __VA_ARGS__, NULL })

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "..", "data", "seed",
                                                 "ke-hoach-662-KH-VPUB.txt", NULL);
  g_auto(Result) r1 = { 0 };
  g_auto(Result) r2 = { 0 };

  f->dir = g_dir_make_tmp ("dondoc-cli-shared-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "vp.sqlite", NULL);
  data_home = g_build_filename (f->dir, "data", NULL);
  f->envp = g_get_environ ();
  f->envp = g_environ_setenv (f->envp, "HOME", f->dir, TRUE);
  f->envp = g_environ_setenv (f->envp, "XDG_DATA_HOME", data_home, TRUE);
  f->envp = g_environ_setenv (f->envp, "LANGUAGE", "en", TRUE);
  f->envp = g_environ_setenv (f->envp, "LC_ALL", "C.UTF-8", TRUE);
  f->envp = g_environ_unsetenv (f->envp, "LANG");

  r1 = RUN (f, "init");
  g_assert_cmpint (r1.status, ==, 0);
  r2 = RUN (f, "import", seed);
  g_assert_cmpint (r2.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_strfreev (f->envp);
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

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return g_strdup ("absent");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
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
  sum = file_checksum (f->db);
  {
    g_auto(Result) r = RUN (f, "restore", foreign);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "nothing was restored"));
  }
  after = file_checksum (f->db);
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
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    g_autofree char *contents = NULL;
    gint64 root, page_size;
    gsize len;

    g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT rootpage FROM sqlite_master WHERE name = 'tasks'), "
                                         "(SELECT page_size FROM pragma_page_size)", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    root = sqlite3_column_int64 (stmt, 0);
    page_size = sqlite3_column_int64 (stmt, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    g_assert_true (g_file_get_contents (f->db, &contents, &len, NULL));
    memset (contents + (root - 1) * page_size, 0x5a, (gsize) page_size);
    g_assert_true (g_file_set_contents (f->db, contents, (gssize) len, NULL));
  }
  sum = file_checksum (f->db);
  {
    g_auto(Result) r = RUN (f, "verify");

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "damaged"));
  }
  {
    g_auto(Result) r = RUN (f, "update", "2", "--progress", "10");

    g_assert_cmpint (r.status, ==, 1);
  }
  after = file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);

  g_assert_true (g_file_set_contents (f->db, "not a database at all", -1, NULL));
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli/shared/history", test_history);
  ADD ("/cli/shared/backup-restore", test_backup_restore);
  ADD ("/cli/shared/verify", test_verify);
  ADD ("/cli/shared/recycle-bin", test_recycle_bin);
#undef ADD

  return g_test_run ();
}
