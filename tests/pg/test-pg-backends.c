/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The same office on both backends, from outside (the built dondoc-cli):
 * the sample file moved to a throwaway server with "migrate", the reading
 * commands' JSON on the file and on the server compared (one list of
 * commands run on each backend), the move back to a new file, "user list"
 * and "user set", and the faults: a server that is down, a wrong
 * password, a login without a role, a schema from a newer version, a
 * target that already holds data. Nothing is written on a fault.
 * With DD_TEST_PG_DIFF=DIR, two outputs that differ are written to
 * DIR/on-file and DIR/on-server (for diff) before the test fails.
 */
#include <dondoc/dondoc.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>

#include "dd-test-pg.h"
#include "dd-test-smtp.h"
#include "dd-store-private.h"
#include "dd-pg-private.h"
#include "dd-export-private.h"

static DdTestPgCluster *cluster;

/* Runs the built dondoc-cli with the NULL-terminated arguments; its exit
 * status, output and error output. */
static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("DONDOC_CLI");
  const char *arg;
  va_list args;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static int
count (PGconn *conn, const char *sql)
{
  g_autofree char *value = dd_test_pg_dup_value (conn, sql);

  return atoi (value);
}

/* A folder of the test's own with the sample office's file in it. */
typedef struct
{
  char *dir;
  char *file;
} Office;

static void
office_make (Office *office)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  office->dir = g_dir_make_tmp ("dd-backends-XXXXXX", &error);
  g_assert_no_error (error);
  office->file = g_build_filename (office->dir, "office.sqlite", NULL);
  g_assert_cmpint (run_cli (&out, &err, "--db", office->file, "--sample-data", "summary", NULL), ==, 0);
  g_assert_true (g_file_test (office->file, G_FILE_TEST_EXISTS));
}

/* Removes @folder and what it holds (files and folders of files). */
static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_folder (path);
      else
        g_unlink (path);
    }
  g_rmdir (folder);
}

static void
office_clear (Office *office)
{
  remove_folder (office->dir);
  g_free (office->dir);
  g_free (office->file);
}

/* "init" and "migrate --from FILE --to URI": every table's count equal on
 * both sides; the JSON of the counts. */
static JsonNode *
move_to_server (DdTestPgFixture *fixture, const Office *office)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *counts;
  JsonArray *array;

  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "init", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "migrate", "--from", office->file, "--to", fixture->uri,
                            "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  counts = json_from_string (out, &error);
  g_assert_no_error (error);
  array = json_node_get_array (counts);
  g_assert_cmpuint (json_array_get_length (array), >=, 19);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *table = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (table, "source"), ==,
                       json_object_get_int_member (table, "target"));
    }
  return counts;
}

static gint64
count_of (JsonNode *counts, const char *table)
{
  JsonArray *array = json_node_get_array (counts);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (object, "table"), table))
        return json_object_get_int_member (object, "target");
    }
  g_assert_not_reached ();
}

/* The reading commands whose JSON must be the same on both backends. */
static const char * const *const read_commands[] = {
  (const char *[]) { "tasks", "--format", "json", NULL },
  (const char *[]) { "tasks", "--status", "overdue", "--format", "json", NULL },
  (const char *[]) { "summary", "--format", "json", NULL },
  (const char *[]) { "scorecard", "--format", "json", NULL },
  (const char *[]) { "calendar", "--from", "2026-01-01", "--to", "2027-12-31", "--format", "json", NULL },
  (const char *[]) { "units", "--format", "json", NULL },
  (const char *[]) { "plans", "--format", "json", NULL },
  /* Filters, dates and the other reading commands. */
  (const char *[]) { "tasks", "--plan", "01/KH-MẪU", "--format", "json", NULL },
  (const char *[]) { "tasks", "--unit", "Phòng Hành chính - Quản trị", "--format", "json", NULL },
  (const char *[]) { "tasks", "--search", "thủ tục", "--format", "json", NULL },
  (const char *[]) { "tasks", "--status", "due_soon", "--as-of", "2026-11-20", "--format", "json", NULL },
  (const char *[]) { "tasks", "--status", "in_progress", "--as-of", "2027-03-01", "--format", "json", NULL },
  (const char *[]) { "tasks", "--as-of", "2026-10-01", NULL },
  (const char *[]) { "summary", "--as-of", "2027-01-15", "--format", "json", NULL },
  (const char *[]) { "scorecard", "--period", "2026", "--format", "json", NULL },
  (const char *[]) { "calendar", "--from", "2026-11-01", "--to", "2026-12-31", NULL },
  (const char *[]) { "history", "--task", "15", "--format", "json", NULL },
  (const char *[]) { "check", "--format", "json", NULL },
  (const char *[]) { "indicator", "list", "--format", "json", NULL },
  (const char *[]) { "scoring", "show", "--format", "json", NULL },
  (const char *[]) { "schedule", "5", "--format", "json", NULL },
  (const char *[]) { "holidays", "2026", "--format", "json", NULL },
  (const char *[]) { "report", "list", "7", "--format", "json", NULL },
};

/* The output of @command on the backend @location (a file or a URI). */
static char *
read_on (const char *location, const char * const *command)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_ptr_array_add (argv, g_strdup (g_getenv ("DONDOC_CLI")));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (location));
  for (guint i = 0; command[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (command[i]));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s on %s failed: %s", command[0], location, err);
  g_assert_cmpstr (err, ==, "");
  return out;
}

/* Every reading command gives the same JSON on the file and on the server,
 * for the superuser and for a viewer's login. */
static void
test_same_json (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *viewer_uri = dd_test_pg_uri (fixture->cluster, fixture->database, "reader");
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  g_assert_cmpint (count_of (counts, "tasks"), >, 10);
  g_assert_cmpint (count_of (counts, "audit_log"), >, 10);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "reader", "--role", "viewer",
                            NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (read_commands); i++)
    {
      const char *backends[] = { office.file, fixture->uri, viewer_uri };
      g_autofree char *on_file = read_on (backends[0], read_commands[i]);
      g_autoptr(JsonNode) parsed = json_from_string (on_file, NULL);

      /* JSON where the command was asked for it (a few are text). */
      g_assert_true (parsed != NULL || !g_strv_contains (read_commands[i], "json"));
      g_assert_cmpuint (strlen (on_file), >, 20);
      for (guint b = 1; b < G_N_ELEMENTS (backends); b++)
        {
          g_autofree char *on_server = read_on (backends[b], read_commands[i]);

          if (g_strcmp0 (on_server, on_file) != 0 && g_getenv ("DD_TEST_PG_DIFF") != NULL)
            {
              g_autofree char *a = g_build_filename (g_getenv ("DD_TEST_PG_DIFF"), "on-file", NULL);
              g_autofree char *b2 = g_build_filename (g_getenv ("DD_TEST_PG_DIFF"), "on-server", NULL);

              g_file_set_contents (a, on_file, -1, NULL);
              g_file_set_contents (b2, on_server, -1, NULL);
            }
          g_assert_cmpstr (on_server, ==, on_file);
        }
    }
  /* Not a trivial equality: the list holds every live task. */
  {
    g_autofree char *tasks = read_on (fixture->uri, read_commands[0]);
    g_autoptr(JsonNode) node = json_from_string (tasks, NULL);

    g_assert_cmpint (json_array_get_length (json_node_get_array (node)), ==,
                     count (fixture->conn, "SELECT count(*) FROM tasks WHERE deleted_at IS NULL"));
  }
  office_clear (&office);
}

/* The reading commands' store reads the server's tables in place: nothing
 * is copied into its memory, every read sees one snapshot, and a write is
 * refused with nothing written. */
static void
test_in_place (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdStore) later = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) again = NULL;
  g_autoptr(DdTask) changed = NULL;
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt = NULL;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  store = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);

  task = dd_store_get_task (store, 3, NULL, &error);
  g_assert_no_error (error);
  title = dd_test_pg_dup_value (fixture->conn, "SELECT title FROM tasks WHERE id = 3");
  g_assert_cmpstr (dd_task_get_title (task), ==, title);
  /* The tasks are the server's; the store's own table is empty. */
  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store),
                                       "SELECT (SELECT count(*) FROM tasks), (SELECT count(*) FROM main.tasks)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, count_of (counts, "tasks"));
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  sqlite3_finalize (stmt);

  /* A change on the server meanwhile: not seen by this store's snapshot,
   * seen by the next store. */
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET title = 'Đổi trên máy chủ' WHERE id = 3");
  again = dd_store_get_task (store, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_task_get_title (again), ==, title);
  later = dd_pg_read_store (pg, &error);
  g_assert_null (later);
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autoptr(DdPg) other = dd_pg_connect (fixture->uri, &error);

    g_assert_no_error (error);
    later = dd_pg_read_store (other, &error);
    g_assert_no_error (error);
  }
  changed = dd_store_get_task (later, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_task_get_title (changed), ==, "Đổi trên máy chủ");

  /* Read-only: a save is refused and the server keeps its value. */
  g_assert_false (dd_store_record_progress (store, 4, 77, NULL, NULL, "no", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count (fixture->conn, "SELECT progress FROM tasks WHERE id = 4"), !=, 77);
  office_clear (&office);
}

/* The size of @path, asserted to exist and be more than a header. */
static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000);
  return st.st_size;
}

/* The documents a server's office writes, read in place: the workbook,
 * the handout, a chart and the urging letters, as from the file (the same
 * number of letters; the workbook within a few bytes, its zip's dates
 * aside). A write of a reading command is refused, saying why. */
static void
test_documents (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  const char *kinds[] = { "file", "server" };
  gint64 workbook[2] = { 0, 0 };
  guint letters[2] = { 0, 0 };
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  for (guint b = 0; b < G_N_ELEMENTS (kinds); b++)
    {
      const char *location = b == 0 ? office.file : fixture->uri;
      g_autofree char *xlsx = g_strdup_printf ("%s/%s.xlsx", office.dir, kinds[b]);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", office.dir, kinds[b]);
      g_autofree char *png = g_strdup_printf ("%s/%s.png", office.dir, kinds[b]);
      g_autofree char *folder = g_strdup_printf ("%s/letters-%s", office.dir, kinds[b]);
      const char * const commands[][8] = {
        { "export", "--out", xlsx, "--as-of", "2026-12-01", NULL },
        { "report", "--out", pdf, "--as-of", "2026-12-01", NULL },
        { "chart", "status", "--out", png, "--as-of", "2026-12-01", NULL },
        { "letters", "--out", folder, "--as-of", "2026-12-01", NULL },
      };
      g_autoptr(GDir) dir = NULL;

      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        g_free (read_on (location, commands[c]));
      workbook[b] = file_size (xlsx);
      file_size (pdf);
      file_size (png);
      dir = g_dir_open (folder, 0, NULL);
      while (g_dir_read_name (dir) != NULL)
        letters[b]++;
    }
  g_assert_cmpint (letters[0], >, 0);
  g_assert_cmpint (letters[1], ==, letters[0]);
  g_assert_cmpint (ABS (workbook[1] - workbook[0]), <, 64);

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_autofree char *factor = NULL;

    /* Written in place now, as on a file (it was refused while the
     * server's settings could not be written). */
    g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "scoring", "set", "score.late_factor", "0.5",
                              NULL), ==, 0);
    factor = dd_test_pg_dup_value (fixture->conn, "SELECT value FROM settings WHERE key = 'score.late_factor'");
    g_assert_cmpstr (factor, ==, "0.5");
  }
  office_clear (&office);
}

/* A second move into the same database is refused and changes nothing. */
static void
test_refuse_non_empty (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  g_assert_cmpint (run_cli (&out, &err, "migrate", "--from", office.file, "--to", fixture->uri, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already holds data"));
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM tasks"), ==, count_of (counts, "tasks"));
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log"), ==, count_of (counts, "audit_log"));
  office_clear (&office);
}

/* Back to a new file: the tasks, the history and the recycle bin read the
 * same as in the first file; an existing file is never written over. */
static void
test_back_to_file (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char * const history[] = { "history", "--format", "json", NULL };
  const char * const tasks[] = { "tasks", "--format", "json", NULL };
  const char * const verify[] = { "verify", NULL };
  Office office;

  office_make (&office);
  /* One task in the recycle bin, so that it travels too. */
  g_assert_cmpint (run_cli (&out, &err, "--db", office.file, "delete", "1", NULL), ==, 0);
  counts = move_to_server (fixture, &office);
  copy = g_build_filename (office.dir, "laptop.sqlite", NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "migrate", "--from", fixture->uri, "--to", copy, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "the counts are equal"));

  for (guint i = 0; i < 2; i++)
    {
      const char * const *command = i == 0 ? history : tasks;
      g_autofree char *on_file = read_on (office.file, command);
      g_autofree char *on_copy = read_on (copy, command);

      g_assert_cmpstr (on_copy, ==, on_file);
    }
  before = read_on (copy, verify);
  g_assert_nonnull (strstr (before, "in good order"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "migrate", "--from", fixture->uri, "--to", copy, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already exists"));
  after = read_on (copy, history);
  g_assert_cmpuint (strlen (after), >, 100);
  office_clear (&office);
}

/* "user set" makes the login role and its grants; "user list" shows them. */
static void
test_user_set_list (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *array;
  gboolean found = FALSE;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "alice", "--role", "unit_editor",
                            NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "alice", "--role", "unit_editor",
                            "--unit", "Phòng Kinh tế", NULL), ==, 0);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON "
                                         "g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE "
                                         "r.rolname = 'alice' AND g.rolname = 'dondoc_unit_editor'"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "list", "--format", "json", NULL), ==, 0);
  list = json_from_string (out, NULL);
  g_assert_nonnull (list);
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (entry, "login"), "alice"))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (entry, "role"), ==, "unit_editor");
        }
    }
  g_assert_true (found);
  office_clear (&office);
}

/* A server that is down, a wrong password, a login without a role, a
 * schema from a newer version: a clear message, exit 1, nothing written. */
static void
test_faults (DdTestPgFixture *fixture, gconstpointer data)
{
  const char * const tasks[] = { "tasks", "--format", "json", NULL };
  g_autofree char *down = g_strdup_printf ("postgresql:///%s?host=/nonexistent-dd-socket", fixture->database);
  g_autofree char *nobody = dd_test_pg_uri (fixture->cluster, fixture->database, "nobody");
  g_autofree char *password_uri = dd_test_pg_uri (fixture->cluster, fixture->database,
                                                  DD_TEST_PG_PASSWORD_ROLE);
  g_autofree char *wrong = g_strdup_printf ("%s&password=wrong", password_uri);
  g_autofree char *right = g_strdup_printf ("%s&password=right", password_uri);
  const char *cases[][2] = {
    { down, "Cannot connect" },
    { wrong, "password authentication failed" },
    { nobody, "has no Đôn Đốc role" },
  };
  Office office;

  office_make (&office);
  g_autoptr(JsonNode) counts = move_to_server (fixture, &office);
  dd_test_pg_exec (fixture->conn, "CREATE ROLE nobody LOGIN");
  dd_test_pg_exec (fixture->conn, "CREATE ROLE " DD_TEST_PG_PASSWORD_ROLE " LOGIN PASSWORD 'right' "
                                  "IN ROLE dondoc_viewer");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (&out, &err, "--db", cases[i][0], tasks[0], tasks[1], tasks[2], NULL), ==, 1);
      g_assert_cmpstr (out, ==, "");
      if (strstr (err, cases[i][1]) == NULL)
        g_error ("expected “%s” in: %s", cases[i][1], err);
    }
  /* The right password reads. */
  g_free (read_on (right, tasks));

  /* A newer schema: refused before anything is read or written. */
  dd_test_pg_exec (fixture->conn, "INSERT INTO dondoc_schema (version, name) VALUES (99, '0099-future.sql')");
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "tasks", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "newer than this program"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *copy = g_build_filename (office.dir, "never.sqlite", NULL);

    g_assert_cmpint (run_cli (&out, &err, "migrate", "--from", fixture->uri, "--to", copy, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "newer than this program"));
    g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM tasks"), ==, count_of (counts, "tasks"));
  office_clear (&office);
}

/* The same update on both backends leaves the same tasks; on the server
 * it is audited with the login's name by the server's triggers, and the
 * identity sequences stay past the ids the copy gave. */
static void
test_writes (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *boss = dd_test_pg_uri (fixture->cluster, fixture->database, "boss");
  const char * const tasks[] = { "tasks", "--format", "json", NULL };
  const char * const update[] = { "update", "3", "--progress", "65", "--note", "Đang làm", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int updates;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "boss", "--role", "admin", NULL), ==, 0);
  updates = count (fixture->conn, "SELECT count(*) FROM progress_updates");

  const char * const record[] = { "report", "record", "7", "--period", "2026-Q3", "--on", "2026-09-10",
                                  "--number", "12/BC", NULL };
  const char * const reports[] = { "report", "list", "7", "--format", "json", NULL };

  for (guint i = 0; i < 2; i++)
    {
      const char *location = i == 0 ? office.file : boss;

      g_free (read_on (location, update));
      g_free (read_on (location, record));
    }
  for (guint i = 0; i < 2; i++)
    {
      const char * const *command = i == 0 ? tasks : reports;
      g_autofree char *on_file = read_on (office.file, command);
      g_autofree char *on_server = read_on (fixture->uri, command);

      g_assert_cmpstr (on_server, ==, on_file);
      if (i == 1)
        g_assert_nonnull (strstr (on_server, "12/BC"));
    }
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM occurrence_reports WHERE task_id = 7 AND "
                                         "report_number = '12/BC'"), ==, 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log WHERE account = 'boss' AND "
                                         "table_name = 'occurrence_reports' AND action = 'insert'"), ==, 1);
  g_assert_cmpint (count (fixture->conn, "SELECT progress FROM tasks WHERE id = 3"), ==, 65);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates"), ==, updates + 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log WHERE account = 'boss' AND "
                                         "table_name = 'tasks' AND row_id = 3 AND action = 'update'"), ==, 1);
  /* Another desktop's insert takes the next id, not one the copy used. */
  dd_test_pg_exec (fixture->conn, "INSERT INTO progress_updates (task_id, reported_on, progress) "
                                  "VALUES (3, '2026-12-01', 70)");
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates"), ==, updates + 2);
  office_clear (&office);
}

/* The writing commands run alike on the file and on the server (the
 * copy that writes through): each succeeds on both, with the same output,
 * and the reading commands then give the same JSON on both. */
static const char * const *const write_commands[] = {
  (const char *[]) { "task", "add", "--plan", "01/KH-MẪU", "--title", "Thử ghi trên hai nơi lưu trữ",
                     "--lead", "Phòng Kinh tế", "--coordinators", "Phòng Nông nghiệp", "--due", "2027-02-01",
                     "--product", "Báo cáo thử", "--directing", "Lãnh đạo Văn phòng", "--person", "Chị Lan", NULL },
  (const char *[]) { "task", "edit", "2", "--title", "Công bố danh mục thủ tục hành chính (đã sửa)", NULL },
  (const char *[]) { "extend", "4", "--to", "2027-01-31", "--decision", "Công văn số 45/UBND-TH",
                     "--reason", "Chờ ý kiến", "--signed-on", "2026-12-01", NULL },
  (const char *[]) { "delete", "5", NULL },
  (const char *[]) { "delete", "6", NULL },
  (const char *[]) { "restore-task", "6", NULL },
  (const char *[]) { "schedule", "7", "--every", "quarter,year", NULL },
  (const char *[]) { "dossier", "set", "--period", "2026-Q3", "--received", "10", "--on-time", "8", "--late",
                     "1", "--pending", "1", NULL },
  (const char *[]) { "update", "8", "--progress", "50", NULL },
  (const char *[]) { "report", "record", "17", "--period", "2026-Q4", "--on", "2026-12-02", NULL },
  (const char *[]) { "unit-email", "Phòng Kinh tế", "kinhte@example.org", NULL },
  (const char *[]) { "scoring", "set", "score.level.good", "75", NULL },
  (const char *[]) { "holidays", "2027", "--add", "2027-03-16", "--name", "Nghỉ thử", NULL },
};

static const char * const *const after_write_commands[] = {
  (const char *[]) { "tasks", "--format", "json", NULL },
  (const char *[]) { "tasks", "--as-of", "2027-02-15", "--format", "json", NULL },
  (const char *[]) { "summary", "--format", "json", NULL },
  (const char *[]) { "scorecard", "--period", "2026-Q3", "--format", "json", NULL },
  (const char *[]) { "schedule", "7", "--format", "json", NULL },
  (const char *[]) { "report", "list", "17", "--format", "json", NULL },
  (const char *[]) { "indicator", "list", "--format", "json", NULL },
  (const char *[]) { "dossier", "show", "--period", "2026-Q3", "--format", "json", NULL },
  (const char *[]) { "unit-email", "Phòng Kinh tế", NULL },
  (const char *[]) { "scoring", "show", "--format", "json", NULL },
  (const char *[]) { "holidays", "2027", "--format", "json", NULL },
  (const char *[]) { "scorecard", "--period", "2026-Q2", "--format", "json", NULL },
};

static void
test_same_writes (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  for (guint i = 0; i < G_N_ELEMENTS (write_commands); i++)
    {
      g_autofree char *on_file = read_on (office.file, write_commands[i]);
      g_autofree char *on_server = read_on (fixture->uri, write_commands[i]);

      g_assert_cmpstr (on_server, ==, on_file);
    }
  for (guint i = 0; i < G_N_ELEMENTS (after_write_commands); i++)
    {
      g_autofree char *on_file = read_on (office.file, after_write_commands[i]);
      g_autofree char *on_server = read_on (fixture->uri, after_write_commands[i]);

      if (g_strcmp0 (on_server, on_file) != 0 && g_getenv ("DD_TEST_PG_DIFF") != NULL)
        {
          g_autofree char *a = g_build_filename (g_getenv ("DD_TEST_PG_DIFF"), "on-file", NULL);
          g_autofree char *b = g_build_filename (g_getenv ("DD_TEST_PG_DIFF"), "on-server", NULL);

          g_file_set_contents (a, on_file, -1, NULL);
          g_file_set_contents (b, on_server, -1, NULL);
        }
      g_assert_cmpstr (on_server, ==, on_file);
    }
  /* An overdue task (19: the sample's due dates lie around today) extended
   * after its due date is scored by its old one: the server's scorecards
   * read the extensions (in one query there) as the file's do. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 60);
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *to = g_date_time_format (later, "%Y-%m-%d");
    g_autofree char *year = g_date_time_format (now, "%Y");
    const char *extend[] = { "extend", "19", "--to", to, "--decision", "Công văn số 46/UBND-TH", "--reason",
                             "Chờ hồ sơ", "--signed-on", today, NULL };
    const char *scorecard[] = { "scorecard", "--period", year, "--as-of", today, "--format", "json", NULL };
    g_autofree char *extended_on_file = read_on (office.file, extend);
    g_autofree char *extended_on_server = read_on (fixture->uri, extend);
    g_autofree char *on_file = read_on (office.file, scorecard);
    g_autofree char *on_server = read_on (fixture->uri, scorecard);

    g_assert_cmpstr (extended_on_server, ==, extended_on_file);
    g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM task_extensions WHERE task_id = 19 AND "
                                           "approved_on > old_due"), ==, 1);
    g_assert_cmpstr (on_server, ==, on_file);
  }
  /* On the server indeed, and audited there. */
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM tasks WHERE title = 'Thử ghi trên hai nơi lưu trữ'"),
                   ==, 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM tasks WHERE id = 5 AND deleted_at IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM task_extensions WHERE task_id = 4"), ==, 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log WHERE account = 'postgres' AND "
                                         "table_name = 'dossier_figures'"), ==, 1);
  office_clear (&office);
}

/* Another desktop's transaction that changed task 3 and holds it: it
 * commits once a save of this test waits for the row (pg_stat_activity
 * says a backend waits on a lock), so the change lands after the save's
 * snapshot was taken and before its update. */
typedef struct
{
  DdTestPgFixture *fixture;
  PGconn *holder;   /* the other desktop's, in its transaction */
  gboolean waited;
} Meanwhile;

static gpointer
commit_when_waited (gpointer data)
{
  Meanwhile *meanwhile = data;
  PGconn *watch = dd_test_pg_connect (meanwhile->fixture->cluster, meanwhile->fixture->database, NULL);
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!meanwhile->waited && g_get_monotonic_time () < end)
    {
      meanwhile->waited = count (watch, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                        "AND datname = current_database ()") > 0;
      if (!meanwhile->waited)
        g_usleep (20000);
    }
  dd_test_pg_exec (meanwhile->holder, "COMMIT");
  PQfinish (watch);
  return NULL;
}

/* A row someone changed on the server after the save read it: the save is
 * refused as a conflict and nothing of it is written; a viewer's save is
 * refused too. The stores write in place (dd_pg_write_store()). */
static void
test_write_conflict (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *boss_uri = dd_test_pg_uri (fixture->cluster, fixture->database, "boss");
  g_autofree char *reader_uri = dd_test_pg_uri (fixture->cluster, fixture->database, "reader");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) store = NULL;
  Meanwhile meanwhile = { fixture, NULL, FALSE };
  GThread *other;
  int updates;
  int progress;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "boss", "--role", "admin", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "reader", "--role", "viewer", NULL), ==, 0);

  pg = dd_pg_connect (boss_uri, &error);
  g_assert_no_error (error);
  store = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_read_only (store));
  updates = count (fixture->conn, "SELECT count(*) FROM progress_updates");
  progress = count (fixture->conn, "SELECT progress FROM tasks WHERE id = 3");
  meanwhile.holder = dd_test_pg_connect (fixture->cluster, fixture->database, NULL);
  dd_test_pg_exec (meanwhile.holder, "BEGIN");
  dd_test_pg_exec (meanwhile.holder, "UPDATE tasks SET note = 'changed meanwhile', revision = revision + 1 "
                                     "WHERE id = 3");
  other = g_thread_new ("other-desktop", commit_when_waited, &meanwhile);

  g_assert_false (dd_store_record_progress (store, 3, 55, NULL, NULL, "mine", &error));
  g_thread_join (other);
  g_assert_true (meanwhile.waited);
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  PQfinish (meanwhile.holder);
  note = dd_test_pg_dup_value (fixture->conn, "SELECT note FROM tasks WHERE id = 3");
  g_assert_cmpstr (note, ==, "changed meanwhile");
  g_assert_cmpint (count (fixture->conn, "SELECT progress FROM tasks WHERE id = 3"), ==, progress);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates"), ==, updates);

  /* Another task, not changed meanwhile: saved. */
  g_assert_true (dd_store_record_progress (store, 4, 75, NULL, NULL, "mine", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->conn, "SELECT progress FROM tasks WHERE id = 4"), ==, 75);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates"), ==, updates + 1);
  g_clear_object (&store);
  g_clear_object (&pg);

  /* A viewer's login: refused, nothing written. */
  pg = dd_pg_connect (reader_uri, &error);
  g_assert_no_error (error);
  store = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_record_progress (store, 5, 90, NULL, NULL, "viewer", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count (fixture->conn, "SELECT progress FROM tasks WHERE id = 5"), ==, 60);
  office_clear (&office);
}

/* Two desktops (two stores, two connections) writing in place, one after
 * the other, each opened before the other wrote: every save is on the
 * server with an id of the server's (two copies gave two rows the same id
 * here: "duplicate key progress_updates_pkey"), audited with the login; a
 * task saved from a stale read is refused as a conflict and nothing of it
 * is written; a viewer's store is read-only, saying why. */
static void
test_in_place_writes (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *boss_uri = dd_test_pg_uri (fixture->cluster, fixture->database, "boss");
  g_autofree char *reader_uri = dd_test_pg_uri (fixture->cluster, fixture->database, "reader");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg_a = NULL;
  g_autoptr(DdPg) pg_b = NULL;
  g_autoptr(DdStore) a = NULL;
  g_autoptr(DdStore) b = NULL;
  g_autoptr(DdTask) stale = NULL;
  g_autoptr(DdTask) fresh = NULL;
  int updates;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "boss", "--role", "admin", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "reader", "--role", "viewer", NULL), ==, 0);
  updates = count (fixture->conn, "SELECT count(*) FROM progress_updates");

  pg_a = dd_pg_connect (boss_uri, &error);
  g_assert_no_error (error);
  pg_b = dd_pg_connect (boss_uri, &error);
  g_assert_no_error (error);
  a = dd_pg_write_store (pg_a, &error);
  g_assert_no_error (error);
  b = dd_pg_write_store (pg_b, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_read_only (a));
  g_assert_false (dd_store_is_read_only (b));

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *note_a = g_strdup_printf ("A%d", i);
      g_autofree char *note_b = g_strdup_printf ("B%d", i);

      g_assert_true (dd_store_record_progress (a, 3, 10 + i, NULL, NULL, note_a, &error));
      g_assert_no_error (error);
      g_assert_true (dd_store_record_progress (b, 4, 20 + i, NULL, NULL, note_b, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates"), ==, updates + 10);
  g_assert_cmpint (count (fixture->conn, "SELECT count(DISTINCT note) FROM progress_updates "
                                         "WHERE note ~ '^[AB][0-9]$'"), ==, 10);
  g_assert_cmpint (count (fixture->conn, "SELECT progress FROM tasks WHERE id = 3"), ==, 14);
  g_assert_cmpint (count (fixture->conn, "SELECT progress FROM tasks WHERE id = 4"), ==, 24);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log WHERE account = 'boss' AND "
                                         "table_name = 'progress_updates' AND action = 'insert'"), ==, 10);
  /* Each store reads the other's saves after its own next write. */
  fresh = dd_store_get_task (a, 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_task_get_progress (fresh), ==, 24);
  g_clear_object (&fresh);

  /* A stale read: B saves task 5 after A read it; A's save is refused. */
  stale = dd_store_get_task (a, 5, NULL, &error);
  g_assert_no_error (error);
  fresh = dd_store_get_task (b, 5, NULL, &error);
  g_assert_no_error (error);
  dd_task_set_title (fresh, "Sửa từ máy thứ hai");
  g_assert_true (dd_store_save_task (b, fresh, &error));
  g_assert_no_error (error);
  dd_task_set_title (stale, "Sửa từ máy thứ nhất");
  g_assert_false (dd_store_save_task (a, stale, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  title = dd_test_pg_dup_value (fixture->conn, "SELECT title FROM tasks WHERE id = 5");
  g_assert_cmpstr (title, ==, "Sửa từ máy thứ hai");
  /* A can go on: its next save reads the server as it is now. */
  g_assert_true (dd_store_record_progress (a, 5, 70, NULL, NULL, "after", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->conn, "SELECT progress FROM tasks WHERE id = 5"), ==, 70);
  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&pg_a);

  /* A viewer's store is read-only, saying why; nothing is written. */
  pg_a = dd_pg_connect (reader_uri, &error);
  g_assert_no_error (error);
  a = dd_pg_write_store (pg_a, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_is_read_only (a));
  g_assert_nonnull (dd_store_get_read_only_reason (a));
  g_assert_false (dd_store_record_progress (a, 6, 90, NULL, NULL, "viewer", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates WHERE note = 'viewer'"), ==, 0);
  g_clear_object (&a);
  g_clear_object (&pg_a);

  /* A unit editor: its unit's task saved, audited with its login; another
   * unit's task refused, the server unchanged. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "alice", "--role", "unit_editor",
                            "--unit", "Phòng Kinh tế", NULL), ==, 0);
  g_free (reader_uri);
  reader_uri = dd_test_pg_uri (fixture->cluster, fixture->database, "alice");
  pg_a = dd_pg_connect (reader_uri, &error);
  g_assert_no_error (error);
  a = dd_pg_write_store (pg_a, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_read_only (a));
  g_assert_true (dd_store_record_progress (a, 4, 45, NULL, NULL, "alice", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log WHERE account = 'alice' AND "
                                         "table_name = 'progress_updates' AND action = 'insert'"), ==, 1);
  g_clear_object (&stale);
  stale = dd_store_get_task (a, 8, NULL, &error);
  g_assert_no_error (error);
  dd_task_set_title (stale, "Không phải việc của đơn vị mình");
  g_assert_false (dd_store_save_task (a, stale, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM tasks WHERE title = "
                                         "'Không phải việc của đơn vị mình'"), ==, 0);
  office_clear (&office);
}

/* Gives tasks of the file at @path what the sample has none of: extensions
 * (two for one task), source documents and persons in charge. */
static void
add_task_rows (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (path, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store),
                                 "INSERT INTO task_extensions (task_id, old_due, new_due, decision, reason, "
                                 "approved_by, approved_on) VALUES "
                                 "(2, '2026-10-02', '2026-11-02', 'Công văn số 45/UBND-TH', 'Chờ số liệu', "
                                 "'Ông A', '2026-09-30'), "
                                 "(3, '2026-11-21', '2026-12-21', 'Công văn số 46/UBND-TH', NULL, 'Ông A', "
                                 "'2026-11-20'), "
                                 "(3, '2026-12-21', '2027-01-21', 'Công văn số 47/UBND-TH', 'Lần hai', 'Bà B', "
                                 "'2026-12-20'); "
                                 "INSERT INTO task_sources (task_id, kind, number, issued_on, issuer) VALUES "
                                 "(1, 'Thông báo kết luận', '125/TB-UBND', '2026-12-02', 'UBND tỉnh'), "
                                 "(4, 'Công văn', '12/SNV', NULL, NULL); "
                                 "INSERT INTO task_people (task_id, person) VALUES (2, 'Nguyễn Văn An'), "
                                 "(5, 'Trần Thị Bình')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Every field of @task a list shows or a form edits, as one text. */
static char *
describe_task (DdTask *task)
{
  g_autofree char *coordinators = g_strjoinv ("|", (char **) dd_task_get_coordinators (task));
  g_autofree char *source = dd_task_get_source (task) != NULL ? dd_source_document_format (dd_task_get_source (task))
                                                              : NULL;
  g_autofree char *due = dd_task_get_due (task) != NULL ? dd_date_to_iso (dd_task_get_due (task)) : NULL;
  g_autofree char *original = dd_task_get_original_due (task) != NULL
                              ? dd_date_to_iso (dd_task_get_original_due (task)) : NULL;
  g_autofree char *completed = dd_task_get_completed_on (task) != NULL
                               ? dd_date_to_iso (dd_task_get_completed_on (task)) : NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT " %s %s r%" G_GINT64_FORMAT " %s %s lead %s [%s] kind %d %s due %s "
                          "orig %s ext %u done %s %u%% person %s source %s status %d product %s directing %s "
                          "note %s by %s at %s",
                          dd_task_get_id (task), dd_task_get_plan_number (task), dd_task_get_number (task),
                          dd_task_get_revision (task), dd_task_get_title (task), dd_task_get_product (task),
                          dd_task_get_lead (task), coordinators, dd_task_get_deadline_kind (task),
                          dd_task_get_deadline_text (task), due, original, dd_task_get_n_extensions (task),
                          completed, dd_task_get_progress (task), dd_task_get_person (task), source,
                          dd_task_get_status (task), dd_task_get_product (task), dd_task_get_directing (task),
                          dd_task_get_note (task), dd_task_get_updated_by (task), dd_task_get_updated_at (task));
}

/* The tasks of @store's default list as of @as_of, each described, in
 * the list's order; the reads sent to the server meanwhile in @n_reads
 * (a server's store). */
static GPtrArray *
describe_list (DdStore *store, const GDate *as_of, guint64 *n_reads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) list = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  guint64 before = n_reads != NULL ? _dd_pg_live_count_reads (store) : 0;
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.as_of = *as_of;
  list = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (rows, describe_task (task));
    }
  if (n_reads != NULL)
    *n_reads = _dd_pg_live_count_reads (store) - before;
  return rows;
}

static void
assert_same_rows (GPtrArray *on_file, GPtrArray *on_server)
{
  g_assert_cmpuint (on_file->len, ==, on_server->len);
  for (guint i = 0; i < on_file->len; i++)
    g_assert_cmpstr (on_file->pdata[i], ==, on_server->pdata[i]);
}

/* The window's list reads its tasks' rows from the server in batches
 * (the task, its coordinators, extensions, people, source, each table
 * once for many tasks): every task reads as on the file, for a list read
 * task by task and for the first rows its worker reads; a task another
 * desktop changed reads changed after the refresh that follows (a new
 * snapshot), not from the batch read before, whose tables are read in
 * one round trip; and a task this store saves reads saved. */
static void
test_batched_rows (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) file = NULL;
  g_autoptr(DdStore) server = NULL;
  g_autoptr(GPtrArray) on_file = NULL;
  g_autoptr(GPtrArray) on_server = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *coordinator = NULL;
  guint64 n_reads = 0, first_trips, trips;
  gint64 id;
  GDate as_of;
  Office office;

  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 6, 12, 2026);
  office_make (&office);
  add_task_rows (office.file);
  counts = move_to_server (fixture, &office);
  file = dd_store_open (office.file, 0, &error);
  g_assert_no_error (error);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  server = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);

  /* The sample has tasks with coordinators, extensions and sources. */
  g_assert_cmpint (count (fixture->conn, "SELECT count(DISTINCT task_id) FROM task_coordinators"), >, 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM task_extensions"), ==, 3);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM task_sources"), ==, 2);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM task_people"), ==, 2);
  on_file = describe_list (file, &as_of, NULL);
  on_server = describe_list (server, &as_of, &n_reads);
  first_trips = _dd_pg_live_count_batch_trips (server);
  g_assert_cmpuint (on_file->len, >, 10);
  g_assert_cmpuint (on_file->len, <=, 208);
  assert_same_rows (on_file, on_server);
  /* In batches: far fewer reads than one per task, let alone six. */
  g_test_message ("%u tasks read in %" G_GUINT64_FORMAT " reads", on_server->len, n_reads);
  g_assert_cmpuint (n_reads, <, on_server->len);

  /* Another desktop changes the first task, its coordinators and a
   * later task's title: this store's snapshot does not show it yet, the
   * next one (the listener's refresh) does. */
  id = count (fixture->conn, "SELECT id FROM tasks WHERE deleted_at IS NULL ORDER BY plan_id, position LIMIT 1");
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET title = 'Đổi bởi máy khác', revision = revision + 1 "
                                  "WHERE id IN (SELECT id FROM tasks WHERE deleted_at IS NULL "
                                  "ORDER BY plan_id, position LIMIT 1 OFFSET 5)");
  changed = g_strdup_printf ("DELETE FROM task_coordinators WHERE task_id = %" G_GINT64_FORMAT "; "
                             "INSERT INTO task_coordinators (task_id, unit_id, position) "
                             "SELECT %" G_GINT64_FORMAT ", max (id), 0 FROM units", id, id);
  dd_test_pg_exec (fixture->conn, changed);
  g_ptr_array_unref (on_server);
  on_server = describe_list (server, &as_of, NULL);
  assert_same_rows (on_file, on_server);
  g_assert_true (_dd_pg_live_renew (server, &error));
  g_assert_no_error (error);
  _dd_store_external_change (server);
  g_ptr_array_unref (on_server);
  trips = _dd_pg_live_count_batch_trips (server);
  on_server = describe_list (server, &as_of, NULL);
  /* The list's scans of its last batch (the task, its extensions, people,
   * coordinators, source) were read for the new snapshot in the round
   * trip of the first, not one each. */
  g_assert_cmpuint (first_trips, >=, 5);
  g_assert_cmpuint (_dd_pg_live_count_batch_trips (server) - trips, ==, 1);
  g_assert_cmpuint (on_server->len, ==, on_file->len);
  g_assert_nonnull (strstr (on_server->pdata[5], " Đổi bởi máy khác "));
  g_assert_null (strstr (on_file->pdata[5], " Đổi bởi máy khác "));
  coordinator = dd_test_pg_dup_value (fixture->conn, "SELECT name FROM units ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (on_server->pdata[0], coordinator));
  task = dd_store_get_task (server, id, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_task_get_coordinators (task)[0], ==, coordinator);
  g_assert_null (dd_task_get_coordinators (task)[1]);
  for (guint i = 0; i < on_file->len; i++)
    if (i != 0 && i != 5)
      g_assert_cmpstr (on_file->pdata[i], ==, on_server->pdata[i]);

  /* This store saves a task of the list: read again, it is saved. */
  g_assert_true (dd_store_record_progress (server, id, 55, NULL, NULL, "lô", &error));
  g_assert_no_error (error);
  g_ptr_array_unref (on_server);
  on_server = describe_list (server, &as_of, NULL);
  g_clear_object (&task);
  task = dd_store_get_task (server, id, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_task_get_progress (task), ==, 55);
  g_assert_nonnull (strstr (on_server->pdata[0], " 55% "));
  office_clear (&office);
}

/* An export's row of a task (DdExportTask), every field of it, as one
 * text, into the GPtrArray @data. */
static gboolean
collect_export_row (const DdExportTask *task, gpointer data, GError **error)
{
  g_autofree char *due = dd_date_is_set (&task->due) ? dd_date_to_iso (&task->due) : NULL;
  g_autofree char *original = dd_date_is_set (&task->original_due) ? dd_date_to_iso (&task->original_due) : NULL;
  g_autofree char *completed = dd_date_is_set (&task->completed_on) ? dd_date_to_iso (&task->completed_on) : NULL;

  g_ptr_array_add (data, g_strdup_printf ("%" G_GINT64_FORMAT " plan %" G_GINT64_FORMAT " %s %s %s "
                                          "lead %" G_GINT64_FORMAT " %s [%s] kind %d %s (%d) due %s orig %s "
                                          "%s %s %u%% done %s status %d %s %s",
                                          task->id, task->plan_id, task->plan_number, task->number, task->title,
                                          task->lead_id, task->lead, task->coordinators, task->deadline_kind,
                                          task->deadline_text, task->deadline_understood, due, original,
                                          task->product, task->directing, task->progress, completed,
                                          task->status, task->actual_product, task->note));
  return TRUE;
}

static void
write_between_slices (gpointer data)
{
  DdTestPgFixture *fixture = data;

  /* Every task and its coordinators, by another desktop. */
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET title = title || ' (sửa)', progress = 100 - progress; "
                                  "DELETE FROM task_coordinators WHERE position > 0");
}

static void
kill_read_ahead (gpointer data)
{
  DdTestPgFixture *fixture = data;

  dd_test_pg_exec (fixture->conn, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                  "WHERE application_name = 'dondoc-prefetch'");
}

/* An export's task rows read ahead (dd-pg-prefetch.c): the rows of each
 * batch of tasks (the server's three queries of dd-pg-rows.c: the tasks,
 * their coordinators, their extensions) asked on a connection of their
 * own, in the export's snapshot, while the batch before is formatted, are
 * those the file gives; another desktop's writes while the export reads
 * (between two batches, before the later batches are asked) are not in
 * them, as they are not in the store's own reads; the next snapshot
 * shows them, read ahead too. */
static void
test_read_ahead (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) file = NULL;
  g_autoptr(DdStore) server = NULL;
  g_autoptr(GPtrArray) on_file = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) on_server = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_free);
  guint64 taken;
  DdTaskQuery query;
  Office office;

  office_make (&office);
  add_task_rows (office.file);
  counts = move_to_server (fixture, &office);
  file = dd_store_open (office.file, 0, &error);
  g_assert_no_error (error);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  server = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);
  dd_task_query_init (&query);
  g_date_set_dmy (&query.as_of, 6, 12, 2026);
  g_assert_true (_dd_store_export_foreach_query (file, &query, TRUE, collect_export_row, on_file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (on_file->len, >=, 20);

  /* The store's snapshot taken (its list read), then another desktop
   * writes; three tasks a batch, and another desktop writing between
   * each two. */
  {
    g_autoptr(DdTaskList) list = dd_store_query_tasks (server, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, on_file->len);
  }
  write_between_slices (fixture);
  _dd_export_batch_ids = 3;
  _dd_export_slice_hook = write_between_slices;
  _dd_export_slice_hook_data = fixture;
  g_assert_true (_dd_store_export_foreach_query (server, &query, TRUE, collect_export_row, on_server, &error));
  g_assert_no_error (error);
  _dd_export_slice_hook = NULL;
  _dd_export_slice_hook_data = NULL;
  g_assert_cmpuint (on_server->len, ==, on_file->len);
  for (guint i = 0; i < on_file->len; i++)
    g_assert_cmpstr (on_server->pdata[i], ==, on_file->pdata[i]);
  /* The batches but the first, their three queries (a query the
   * prefetcher had not begun yet is read by the store itself). */
  taken = _dd_pg_live_count_read_ahead (server);
  g_test_message ("%u tasks, %" G_GUINT64_FORMAT " queries read ahead", on_file->len, taken);
  g_assert_cmpuint (taken, >=, 2 * (on_file->len / 3 - 1));

  /* The next snapshot: the writes, read ahead as well. */
  g_assert_true (_dd_pg_live_renew (server, &error));
  g_assert_no_error (error);
  _dd_store_external_change (server);
  g_assert_true (_dd_store_export_foreach_query (server, &query, TRUE, collect_export_row, after, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, on_file->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_nonnull (strstr (after->pdata[i], " (sửa) lead "));
  g_assert_cmpuint (_dd_pg_live_count_read_ahead (server), >=, taken + 2 * (on_file->len / 3 - 1));

  /* The reading ahead's connection killed between each two batches
   * (its query may be running): the store reads what it lacks itself,
   * the reading ahead connects again; the same rows. */
  g_assert_true (_dd_pg_live_renew (server, &error));
  g_assert_no_error (error);
  _dd_store_external_change (server);
  _dd_export_slice_hook = kill_read_ahead;
  _dd_export_slice_hook_data = fixture;
  g_assert_true (_dd_store_export_foreach_query (server, &query, TRUE, collect_export_row, again, &error));
  g_assert_no_error (error);
  _dd_export_slice_hook = NULL;
  _dd_export_slice_hook_data = NULL;
  g_assert_cmpuint (again->len, ==, after->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (again->pdata[i], ==, after->pdata[i]);
  _dd_export_batch_ids = 0;
  office_clear (&office);
}

/* The rows of @ids (with their text or not) of @store, each described. */
static GPtrArray *
export_rows_of (DdStore *store, GArray *ids, gboolean with_text, const GDate *as_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (_dd_store_export_foreach_task (store, ids, with_text, as_of, 7, collect_export_row, rows, &error));
  g_assert_no_error (error);
  return rows;
}

/* An export's rows on a server are read by the server itself
 * (dd-pg-rows.c: three queries a batch, joined on the desktop), not
 * through SQLite over the tables in place: every field the same as the
 * file's, with and without the text, in the order asked (not the ids'),
 * the coordinators joined in their order, the due date before the first
 * of two extensions; a task in the recycle bin, one that does not exist
 * and the tasks of a plan being imported left out on both. */
static void
test_export_rows (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) file = NULL;
  g_autoptr(DdStore) server = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate as_of;
  Office office;
  guint64 batches;

  office_make (&office);
  add_task_rows (office.file);
  g_clear_pointer (&(JsonNode *) { move_to_server (fixture, &office) }, json_node_unref);
  file = dd_store_open (office.file, 0, &error);
  g_assert_no_error (error);
  /* Task 6's coordinators in another order than their ids'. */
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (file),
                                 "UPDATE task_coordinators SET position = 9 - position WHERE task_id = 6; "
                                 "UPDATE tasks SET completed_on = '2026-11-30', progress = 100 WHERE id = 5",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  dd_test_pg_exec (fixture->conn, "UPDATE task_coordinators SET position = 9 - position WHERE task_id = 6; "
                                  "UPDATE tasks SET completed_on = '2026-11-30', progress = 100 WHERE id = 5");
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  server = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);
  g_date_set_dmy (&as_of, 6, 12, 2026);
  /* Backwards, a missing one among them. */
  for (gint64 id = 22; id >= 1; id--)
    g_array_append_val (ids, id);
  g_array_insert_val (ids, 5, ((gint64) { 99999 }));
  _dd_export_batch_ids = 4;
  for (int with_text = 1; with_text >= 0; with_text--)
    {
      g_autoptr(GPtrArray) on_file = export_rows_of (file, ids, with_text, &as_of);
      g_autoptr(GPtrArray) on_server = NULL;

      batches = _dd_pg_live_count_row_batches (server);
      on_server = export_rows_of (server, ids, with_text, &as_of);
      g_assert_cmpuint (on_file->len, ==, 22);
      g_assert_true (g_str_has_prefix (on_file->pdata[0], "22 "));
      assert_same_rows (on_file, on_server);
      /* Each batch of four read by the server. */
      g_assert_cmpuint (_dd_pg_live_count_row_batches (server) - batches, ==, (ids->len + 3) / 4);
      if (with_text)
        {
          g_assert_nonnull (strstr (on_file->pdata[22 - 3], " orig 2026-11-21 "));
          g_assert_nonnull (strstr (on_file->pdata[22 - 2], " orig 2026-10-02 "));
        }
    }

  /* Task 4 in the recycle bin, on both. */
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (file),
                                 "UPDATE tasks SET deleted_at = '2026-12-01T08:00:00Z' WHERE id = 4",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET deleted_at = '2026-12-01T08:00:00Z' WHERE id = 4");
  g_assert_true (_dd_pg_live_renew (server, &error));
  g_assert_no_error (error);
  _dd_store_external_change (server);
  {
    g_autoptr(GPtrArray) on_file = export_rows_of (file, ids, TRUE, &as_of);
    g_autoptr(GPtrArray) on_server = export_rows_of (server, ids, TRUE, &as_of);

    g_assert_cmpuint (on_file->len, ==, 21);
    assert_same_rows (on_file, on_server);
  }

  /* The plan being imported again by another desktop: its tasks hidden. */
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (file),
                                 "INSERT INTO import_pending (plan_id, started_at) "
                                 "SELECT id, '2026-12-06T08:00:00Z' FROM plans",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  dd_test_pg_exec (fixture->conn, "INSERT INTO import_pending (plan_id, started_at) "
                                  "SELECT id, '2026-12-06T08:00:00Z' FROM plans");
  g_assert_true (_dd_pg_live_renew (server, &error));
  g_assert_no_error (error);
  _dd_store_external_change (server);
  for (int with_text = 1; with_text >= 0; with_text--)
    {
      g_autoptr(GPtrArray) on_file = export_rows_of (file, ids, with_text, &as_of);
      g_autoptr(GPtrArray) on_server = export_rows_of (server, ids, with_text, &as_of);

      g_assert_cmpuint (on_file->len, ==, 0);
      assert_same_rows (on_file, on_server);
    }
  _dd_export_batch_ids = 0;
  office_clear (&office);
}

/* The indicators' rows of an export of @store for @options, one line a
 * row. */
static char *
export_indicators_of (DdStore *store, const DdExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportData) data = _dd_export_data_new (store, options, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < data->indicators->len; i++)
    {
      const DdExportIndicator *row = g_ptr_array_index (data->indicators, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT "|%s|%s|%.17g|%.17g|%d\n", row->indicator_id, row->title,
                              row->unit != NULL ? row->unit : "(office)", row->numerator, row->denominator,
                              row->has_data);
    }
  return g_string_free (text, FALSE);
}

/* An export's typed indicators on a server: every figure read by the
 * server in one query (dd-pg-rows.c), not indicator by indicator through
 * SQLite, in the typed query's order: the same rows as the file's, with
 * and without a period: the whole office first, the units in their
 * Vietnamese order (not their ids'), a quarter taken before its months
 * (never both), a figure outside the period or above the largest number
 * left out. */
static void
test_export_figures (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) file = NULL;
  g_autoptr(DdStore) server = NULL;
  DdExportOptions options;
  Office office;

  office_make (&office);
  file = dd_store_open (office.file, 0, &error);
  g_assert_no_error (error);
  /* Units 12 ("Ban Tiếp công dân tỉnh") and 8 ("Phòng Hành chính - Quản
   * trị") come before unit 2 ("Phòng Kinh tế") in Vietnamese order. */
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (file),
                                 "INSERT INTO indicators (id, plan_id, position, title, target, updated_at, updated_by) "
                                 "VALUES (90, 1, 9, 'Tỷ lệ hồ sơ tiếp nhận trực tuyến', 80, "
                                 "'2026-01-01T00:00:00Z', 'test'), "
                                 "(91, 1, 10, 'Tỷ lệ văn bản điện tử', 90, '2026-01-01T00:00:00Z', 'test'); "
                                 "INSERT INTO indicator_figures (indicator_id, unit_id, period_start, period_end, "
                                 "numerator, denominator, updated_at) VALUES "
                                 "(90, 2, '2026-04-01', '2026-06-30', 6, 10, '2026-07-01T00:00:00Z'), "
                                 "(90, 2, '2026-01-01', '2026-01-31', 1, 2, '2026-02-01T00:00:00Z'), "
                                 "(90, 2, '2026-01-01', '2026-03-31', 5, 10, '2026-04-01T00:00:00Z'), "
                                 "(90, 12, '2026-02-01', '2026-02-28', 3, 4, '2026-03-01T00:00:00Z'), "
                                 "(90, 8, '2025-10-01', '2025-12-31', 7, 9, '2026-01-05T00:00:00Z'), "
                                 "(90, 8, '2026-05-01', '2026-05-31', 0.25, 0.5, '2026-06-01T00:00:00Z'), "
                                 "(90, NULL, '2026-01-01', '2026-03-31', 10, 20, '2026-04-01T00:00:00Z'), "
                                 "(90, NULL, '2026-01-01', '2026-12-31', 50, 100, '2027-01-01T00:00:00Z'), "
                                 "(91, 8, '2026-03-01', '2026-03-31', 2e12, 3e12, '2026-04-01T00:00:00Z'), "
                                 "(91, 12, '2026-03-01', '2026-03-31', 1, 3, '2026-04-01T00:00:00Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&file);
  g_clear_pointer (&(JsonNode *) { move_to_server (fixture, &office) }, json_node_unref);
  file = dd_store_open (office.file, 0, &error);
  g_assert_no_error (error);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  server = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);

  dd_export_options_init (&options);
  g_date_set_dmy (&options.tasks.as_of, 6, 12, 2026);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *on_file = NULL;
      g_autofree char *on_server = NULL;
      guint64 reads = _dd_pg_live_count_figure_reads (server);

      /* The year 2026, then no period. */
      if (pass == 0)
        {
          g_date_set_dmy (&options.from, 1, 1, 2026);
          g_date_set_dmy (&options.to, 31, 12, 2026);
        }
      else
        {
          g_date_clear (&options.from, 1);
          g_date_clear (&options.to, 1);
        }
      on_file = export_indicators_of (file, &options);
      on_server = export_indicators_of (server, &options);
      g_test_message ("%s", on_file);
      g_assert_cmpstr (on_server, ==, on_file);
      g_assert_cmpuint (_dd_pg_live_count_figure_reads (server), ==, reads + 1);
      /* The office's year, not its first quarter too; unit 12 before 8
       * before 2; unit 2's two quarters, not its January. */
      g_assert_nonnull (strstr (on_file, "|Tỷ lệ hồ sơ tiếp nhận trực tuyến|(office)|50|100|1\n"
                                         "90|Tỷ lệ hồ sơ tiếp nhận trực tuyến|Ban Tiếp công dân tỉnh|3|4|1\n"
                                         "90|Tỷ lệ hồ sơ tiếp nhận trực tuyến|Phòng Hành chính - Quản trị|"));
      g_assert_nonnull (strstr (on_file, "|Phòng Kinh tế|11|20|1\n"));
      /* 2025's quarter only without a period; the figure above the
       * largest number never. */
      g_assert_nonnull (strstr (on_file, pass == 0 ? "Quản trị|0.25|0.5|1\n" : "Quản trị|7.25|9.5|1\n"));
      g_assert_nonnull (strstr (on_file, "91|Tỷ lệ văn bản điện tử|Ban Tiếp công dân tỉnh|1|3|1\n"));
      g_assert_null (strstr (on_file, "91|Tỷ lệ văn bản điện tử|Phòng Hành chính"));
    }
  office_clear (&office);
}

static void G_GNUC_PRINTF (2, 3)
exec_printf (PGconn *conn, const char *format, ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  dd_test_pg_exec (conn, sql);
}

static void
note_export_thread (gpointer data)
{
  *(GThread **) data = g_thread_self ();
}

typedef struct
{
  gboolean done;
  gboolean written;
  GError *error;
} Exported;

static void
on_exported_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Exported *exported = data;

  exported->written = dd_exporter_export_xlsx_finish (DD_EXPORTER (source), result, &exported->error);
  exported->done = TRUE;
}

/* The text of every sheet of the workbook at @path (unzip). */
static char *
workbook_sheets (const char *path)
{
  const char *argv[] = { "unzip", "-p", path, "xl/worksheets/*.xml", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Exports the workbook of @window's exporter to @path as the window's
 * export dialog does, running the main loop till it is written; the
 * thread that read the tasks' rows. */
static GThread *
export_from_window (DdExporter *exporter, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Exported exported = { FALSE, };
  GThread *thread = NULL;
  DdExportOptions options;

  g_file_delete (file, NULL, NULL);
  dd_export_options_init (&options);
  g_date_set_dmy (&options.tasks.as_of, 6, 12, 2026);
  /* The hook runs between two batches of the server's rows. */
  _dd_export_batch_ids = 3;
  _dd_export_slice_hook = note_export_thread;
  _dd_export_slice_hook_data = &thread;
  dd_exporter_export_xlsx_async (exporter, &options, path, NULL, on_exported_cb, &exported);
  while (!exported.done)
    g_main_context_iteration (NULL, TRUE);
  _dd_export_batch_ids = 0;
  _dd_export_slice_hook = NULL;
  _dd_export_slice_hook_data = NULL;
  g_assert_no_error (exported.error);
  g_assert_true (exported.written);
  return thread;
}

/* The window's export on the server (DdExporter) runs on its worker's
 * thread, on a store of a connection made for it (DD_STORE_WORKER_LONG),
 * not on the main thread, which it froze for the whole export (2.5 s on
 * the 100,000-task office); it reads the server as it is when it starts,
 * like a file's export, a write made after the window's snapshot too; the
 * next export, the write after that one. */
static void
test_export_in_thread (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) window = NULL;
  g_autoptr(DdExporter) exporter = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *first_sheets = NULL;
  g_autofree char *second_sheets = NULL;
  GThread *thread;
  gint64 id;
  GDate as_of;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  path = g_build_filename (office.dir, "bao-cao.xlsx", NULL);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  window = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  id = count (fixture->conn, "SELECT min (id) FROM tasks WHERE deleted_at IS NULL");
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 6, 12, 2026);
  /* The window's snapshot: a task read; then another desktop's save. */
  task = dd_store_get_task (window, id, &as_of, &error);
  g_assert_no_error (error);
  exec_printf (fixture->conn, "UPDATE tasks SET title = 'Việc sửa sau ảnh chụp' WHERE id = %" G_GINT64_FORMAT, id);

  exporter = dd_exporter_new (window);
  thread = export_from_window (exporter, path);
  g_assert_nonnull (thread);
  g_assert_true (thread != g_thread_self ());
  first_sheets = workbook_sheets (path);
  g_assert_nonnull (strstr (first_sheets, "Việc sửa sau ảnh chụp"));
  /* The window's own snapshot is still the one before. */
  g_clear_object (&task);
  task = dd_store_get_task (window, id, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_task_get_title (task), !=, "Việc sửa sau ảnh chụp");

  exec_printf (fixture->conn, "UPDATE tasks SET title = 'Việc sửa lần hai' WHERE id = %" G_GINT64_FORMAT, id);
  thread = export_from_window (exporter, path);
  g_assert_true (thread != g_thread_self ());
  second_sheets = workbook_sheets (path);
  g_assert_nonnull (strstr (second_sheets, "Việc sửa lần hai"));
  g_assert_null (strstr (second_sheets, "Việc sửa sau ảnh chụp"));
  /* No connection of an export left behind. */
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dondoc-job'"),
                   ==, 0);
  office_clear (&office);
}

typedef struct
{
  gboolean done;
  GError *error;
  DdStatsReading *reading;
  GListModel *cards;
} Loaded;

static void
on_dashboard_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Loaded *loaded = data;

  loaded->reading = dd_stats_load_dashboard_finish (DD_STATS (source), result, &loaded->error);
  loaded->done = TRUE;
}

static void
on_scorecards_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  Loaded *loaded = data;

  loaded->cards = dd_scoring_list_scorecards_finish (DD_SCORING (source), result, &loaded->error);
  loaded->done = TRUE;
}

typedef struct
{
  gboolean done;
  GPtrArray *entries;
  GError *error;
} CalendarLoaded;

static void
on_calendar_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  CalendarLoaded *loaded = data;

  loaded->entries = dd_calendar_list_entries_finish (DD_CALENDAR (source), result, NULL, &loaded->error);
  loaded->done = TRUE;
}

/* How many of @entries are of task @id. */
static guint
entries_of (GPtrArray *entries, gint64 id)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += ((const DdCalendarEntry *) entries->pdata[i])->task_id == id;
  return n;
}

/* The calendar's loads (dd_calendar_list_entries_async()) of a window on
 * the server run on their worker's thread, each on a connection made for
 * it, not on the main thread (which they held still for half a second
 * on the 100,000-task office): each reads the server as it is when it
 * starts, a task another desktop put in the bin after the window's
 * snapshot left out (the window's snapshot, read on the main thread,
 * still has it), and the next load, on another connection, the task
 * back once restored. */
static void
test_calendar_in_thread (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) window = NULL;
  g_autoptr(DdCalendar) calendar = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) still = NULL;
  GDate from, to, as_of;
  gint64 id;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  window = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  calendar = dd_calendar_new (window);
  g_date_set_dmy (&from, 1, 1, 2026);
  g_date_set_dmy (&to, 31, 12, 2027);
  g_date_set_dmy (&as_of, 6, 12, 2026);
  before = dd_calendar_list_entries (calendar, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, >, 0);
  id = ((const DdCalendarEntry *) before->pdata[0])->task_id;
  g_assert_cmpuint (entries_of (before, id), >, 0);
  exec_printf (fixture->conn, "UPDATE tasks SET deleted_at = now () WHERE id = %" G_GINT64_FORMAT, id);

  for (guint pass = 0; pass < 2; pass++)
    {
      CalendarLoaded loaded = { FALSE, };

      dd_calendar_list_entries_async (calendar, &from, &to, &as_of, NULL, NULL, on_calendar_cb, &loaded);
      while (!loaded.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (loaded.error);
      if (pass == 0)
        {
          g_assert_cmpuint (entries_of (loaded.entries, id), ==, 0);
          g_assert_cmpuint (loaded.entries->len, ==, before->len - entries_of (before, id));
          exec_printf (fixture->conn, "UPDATE tasks SET deleted_at = NULL WHERE id = %" G_GINT64_FORMAT, id);
        }
      else
        g_assert_cmpuint (loaded.entries->len, ==, before->len);
      g_ptr_array_unref (loaded.entries);
    }
  /* The window's snapshot, on the main thread, as it was. */
  still = dd_calendar_list_entries (calendar, &from, &to, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (still->len, ==, before->len);
  /* No connection of a load left behind. */
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dondoc-job'"),
                   ==, 0);
  office_clear (&office);
}

/* Of @cards, the tasks led and coordinated in every status. */
static guint
scorecards_tasks (GListModel *cards)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);

      if (!dd_scorecard_get_is_group (card))
        n += dd_scorecard_get_n_led (card) + dd_scorecard_get_n_coordinated (card);
    }
  return n;
}

/* The dashboard's readings and the scorecards of a window on the server
 * run on their workers' threads, each job on a connection made for it
 * (DD_STORE_WORKER_LONG), not on the main thread, which they froze for
 * seconds (the window's first frame 5.3 s, the units page 1.8 s on the
 * 100,000-task office: bench-gui). Each reads the server as it is when it
 * starts: a task another desktop put in the recycle bin after the
 * window's snapshot is in neither, while the window's own snapshot (read
 * on the main thread) still has it. */
static void
test_dashboard_in_thread (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) window = NULL;
  g_autoptr(DdStats) stats = NULL;
  g_autoptr(DdScoring) scoring = NULL;
  g_autoptr(GListModel) window_cards = NULL;
  g_autoptr(DdStatsReading) reading = NULL;
  g_autoptr(GListModel) cards = NULL;
  DdStatsHeadline headline;
  DdStatsQuery query;
  DdScorePeriod period;
  Loaded loaded = { FALSE, };
  gint64 id;
  int live;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  window = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  stats = dd_stats_new (window);
  scoring = dd_scoring_new (window);
  dd_stats_query_init (&query);
  g_date_set_dmy (&query.tasks.as_of, 6, 12, 2026);
  dd_score_period_for_date (&period, DD_OCCURRENCE_YEAR, &query.tasks.as_of);
  live = count (fixture->conn, "SELECT count(*) FROM tasks WHERE deleted_at IS NULL");
  /* The window's snapshot, read; the scorecards as it has them. */
  g_assert_true (dd_stats_get_headline (stats, &query, &headline, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (headline.tasks, ==, (guint) live);
  {
    /* (On an object of its own: the one below would count from what this
     * one read while the window's snapshot is current.) */
    g_autoptr(DdScoring) window_scoring = dd_scoring_new (window);

    window_cards = dd_scoring_list_scorecards (window_scoring, &period, &query.tasks.as_of, &error);
  }
  g_assert_no_error (error);
  /* Another desktop puts a task led by a unit in the bin. */
  id = count (fixture->conn, "SELECT min (id) FROM tasks WHERE deleted_at IS NULL AND lead_unit_id IS NOT NULL "
                             "AND due_on IS NOT NULL");
  exec_printf (fixture->conn, "UPDATE tasks SET deleted_at = now () WHERE id = %" G_GINT64_FORMAT, id);

  dd_stats_load_dashboard_async (stats, &query, DD_STATS_LOAD_FIGURES, NULL, on_dashboard_cb, &loaded);
  while (!loaded.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (loaded.error);
  reading = loaded.reading;
  g_assert_cmpuint (reading->dashboard.headline.tasks, ==, (guint) live - 1);

  loaded.done = FALSE;
  dd_scoring_list_scorecards_async (scoring, &period, &query.tasks.as_of, NULL, on_scorecards_cb, &loaded);
  while (!loaded.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (loaded.error);
  cards = loaded.cards;
  g_assert_cmpuint (scorecards_tasks (cards), <, scorecards_tasks (window_cards));

  /* The window's own snapshot is still the one before. */
  g_assert_true (dd_stats_get_headline (stats, &query, &headline, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (headline.tasks, ==, (guint) live);
  office_clear (&office);
}

/* Copies a few of @path's tasks under new ids with no lead, no due date
 * and no coordinator, and two with the same title: ties and NULLs for
 * every sort of the list. */
static void
add_list_ties (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (path, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store),
                                 "CREATE TEMP TABLE copies AS SELECT * FROM tasks "
                                 "WHERE deleted_at IS NULL ORDER BY id LIMIT 4; "
                                 "UPDATE temp.copies SET id = id + 100000, position = position + 500, "
                                 "lead_unit_id = NULL, due_on = NULL; "
                                 "INSERT INTO tasks SELECT * FROM temp.copies; "
                                 /* Leads among their own coordinators: not "6 rõ". */
                                 "INSERT OR IGNORE INTO task_coordinators (task_id, unit_id, position) "
                                 "SELECT id, lead_unit_id, 99 FROM tasks WHERE deleted_at IS NULL "
                                 "AND lead_unit_id IS NOT NULL AND id % 2 = 0",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

/* @query's ids and status counts on @file and @server are the same; the
 * server sorted and counted them itself unless @in_store. */
static void
assert_same_list (DdStore           *file,
                  DdStore           *server,
                  const DdTaskQuery *query,
                  gboolean           in_store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) on_file = NULL;
  g_autoptr(GArray) on_server = NULL;
  guint file_counts[DD_N_STATUSES], server_counts[DD_N_STATUSES];
  guint64 lists = _dd_pg_live_count_lists (server);

  on_file = _dd_store_query_task_ids (file, query, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_count_by_status (file, query, file_counts, &error));
  on_server = _dd_store_query_task_ids (server, query, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_count_by_status (server, query, server_counts, &error));
  g_assert_cmpuint (_dd_pg_live_count_lists (server), ==, lists + (in_store ? 0 : 1));
  g_assert_cmpuint (on_file->len, ==, on_server->len);
  for (guint i = 0; i < on_file->len; i++)
    if (g_array_index (on_file, gint64, i) != g_array_index (on_server, gint64, i))
      g_error ("sort %d%s, status %d, unit %" G_GINT64_FORMAT ", plan %" G_GINT64_FORMAT ", text “%s”: "
               "row %u is task %" G_GINT64_FORMAT " on the file, %" G_GINT64_FORMAT " on the server",
               query->sort, query->descending ? " descending" : "", query->status, query->unit_id,
               query->plan_id, query->text != NULL ? query->text : "", i, g_array_index (on_file, gint64, i),
               g_array_index (on_server, gint64, i));
  for (guint s = 0; s < DD_N_STATUSES; s++)
    g_assert_cmpuint (file_counts[s], ==, server_counts[s]);
}

/* The task list's ids and status counts sorted and counted on the server
 * (dd-pg-list.c) are the file's: every sort both ways, each status, a
 * unit (leading, or taking part too), a plan, words of the text, and ties
 * and NULLs in each sort's column. A sort by product or directing (the
 * app's collation) and the "6 rõ" filter are left to the store, alike. */
static void
test_list_order (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) file = NULL;
  g_autoptr(DdStore) server = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *two_words = NULL;
  DdTaskQuery query;
  Office office;
  gint64 unit, plan;

  office_make (&office);
  add_list_ties (office.file);
  counts = move_to_server (fixture, &office);
  file = dd_store_open (office.file, 0, &error);
  g_assert_no_error (error);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  server = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);
  /* The unit that takes part in the most tasks, and the plan of most. */
  unit = count (fixture->conn, "SELECT unit_id FROM task_coordinators GROUP BY unit_id "
                               "ORDER BY count(*) DESC, unit_id LIMIT 1");
  plan = count (fixture->conn, "SELECT plan_id FROM tasks GROUP BY plan_id ORDER BY count(*) DESC, plan_id LIMIT 1");
  title = dd_test_pg_dup_value (fixture->conn, "SELECT title FROM tasks WHERE title LIKE '% % %' ORDER BY id LIMIT 1");
  words = g_strsplit (title, " ", 3);
  two_words = g_strdup_printf ("%s %s", words[1], words[0]);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM tasks WHERE deadline_kind IN (2, 3)"), >, 0);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM task_coordinators c JOIN tasks t "
                                         "ON t.id = c.task_id AND c.unit_id = t.lead_unit_id"), >, 0);

  for (int sort = DD_TASK_SORT_NUMBER; sort <= DD_TASK_SORT_PROGRESS; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        gboolean in_store = sort == DD_TASK_SORT_PRODUCT || sort == DD_TASK_SORT_DIRECTING;

        dd_task_query_init (&query);
        g_date_set_dmy (&query.as_of, 6, 12, 2026);
        query.sort = sort;
        query.descending = descending;
        assert_same_list (file, server, &query, in_store);
        for (int status = 0; status < DD_N_STATUSES; status++)
          {
            query.status = status;
            assert_same_list (file, server, &query, in_store);
          }
        query.status = -1;
        query.unit_id = unit;
        assert_same_list (file, server, &query, in_store);
        query.lead_only = TRUE;
        assert_same_list (file, server, &query, in_store);
        query.unit_id = 0;
        query.lead_only = FALSE;
        query.plan_id = plan;
        assert_same_list (file, server, &query, in_store);
        query.plan_id = 0;
        query.text = words[0];
        assert_same_list (file, server, &query, in_store);
        query.text = two_words;
        assert_same_list (file, server, &query, in_store);
        query.text = "không có chữ này";
        assert_same_list (file, server, &query, in_store);
        query.text = NULL;
        query.six_clear_incomplete = TRUE;
        assert_same_list (file, server, &query, TRUE);
      }
  office_clear (&office);
}

/* The status of every task of @store's default list as of @as_of, as
 * "id:status" texts in the list's order. */
static GPtrArray *
list_statuses (DdStore *store, const GDate *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) list = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.as_of = *as_of;
  list = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (rows, g_strdup_printf ("%" G_GINT64_FORMAT ":%d", dd_task_get_id (task),
                                              dd_task_get_status (task)));
    }
  return rows;
}

/* The statuses @window reads after a refresh (a new snapshot, as its
 * listener takes) are those a store opened now reads: the recurring
 * tasks' status judged again from the server's log of changes. */
static void
assert_statuses_fresh (DdTestPgFixture *fixture, DdStore *window, const GDate *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = dd_pg_connect (fixture->uri, &error);
  g_autoptr(DdStore) fresh = NULL;
  g_autoptr(GPtrArray) on_window = NULL;
  g_autoptr(GPtrArray) on_fresh = NULL;

  g_assert_no_error (error);
  g_assert_true (_dd_pg_live_renew (window, &error));
  g_assert_no_error (error);
  _dd_store_external_change (window);
  on_window = list_statuses (window, as_of);
  fresh = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);
  on_fresh = list_statuses (fresh, as_of);
  assert_same_rows (on_fresh, on_window);
}

/* Whether task @id has @status in @rows (of list_statuses()). */
static gboolean
has_status (GPtrArray *rows, gint64 id, DdTaskStatus status)
{
  g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT ":%d", id, status);

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (rows->pdata[i], row))
      return TRUE;
  return FALSE;
}

/* The window keeps the recurring tasks' status between refreshes and
 * judges again only the tasks the server's audit log names (issue 22):
 * after other desktops' updates of recurring tasks, their completion,
 * a change of the days off, and an update committed after the window's
 * snapshot by a transaction that was writing when it was taken (whose
 * log entry comes before the last one that snapshot saw), it reads the
 * statuses a store opened afresh reads. */
static void
test_recurring_log (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) window = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  PGconn *other;
  guint64 reads, reads_one;
  GDate as_of;
  Office office;

  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 6, 12, 2026);
  office_make (&office);
  counts = move_to_server (fixture, &office);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  window = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  before = list_statuses (window, &as_of);
  /* The sample's ongoing tasks 10 and 16 are forgotten (no monthly
   * update). */
  g_assert_true (has_status (before, 10, DD_STATUS_FORGOTTEN));
  g_assert_true (has_status (before, 16, DD_STATUS_FORGOTTEN));

  /* Task 16 updated every week for over a year, task 7 completed. */
  dd_test_pg_exec (fixture->conn, "INSERT INTO progress_updates (task_id, reported_on, progress, note) "
                                  "SELECT 16, d::date, 50, 'đều đặn' FROM generate_series "
                                  "('2025-08-01'::date, '2026-12-05'::date, '7 days') d");
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET completed_on = '2026-12-01', progress = 100, "
                                  "revision = revision + 1 WHERE id = 7");
  assert_statuses_fresh (fixture, window, &as_of);
  after = list_statuses (window, &as_of);
  g_assert_false (has_status (after, 16, DD_STATUS_FORGOTTEN));
  g_assert_true (has_status (after, 10, DD_STATUS_FORGOTTEN));

  /* Nothing changed: the same statuses. */
  assert_statuses_fresh (fixture, window, &as_of);

  /* A unit renamed: what the log does not tell task by task. */
  dd_test_pg_exec (fixture->conn, "UPDATE units SET name = name || ' mới' WHERE id = (SELECT min (id) FROM units)");
  assert_statuses_fresh (fixture, window, &as_of);

  /* Another desktop writes task 10's updates and is slower to commit
   * than a third, which writes after it: the window's snapshot taken
   * between sees the third's entry (the last) and not the second's. */
  other = dd_test_pg_connect (fixture->cluster, fixture->database, NULL);
  dd_test_pg_exec (other, "BEGIN");
  dd_test_pg_exec (other, "INSERT INTO progress_updates (task_id, reported_on, progress, note) "
                          "SELECT 10, d::date, 40, 'chậm' FROM generate_series "
                          "('2025-08-01'::date, '2026-12-05'::date, '7 days') d");
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET note = 'Ghi chú', revision = revision + 1 WHERE id = 3");
  assert_statuses_fresh (fixture, window, &as_of);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list_statuses (window, &as_of);
  g_assert_true (has_status (after, 10, DD_STATUS_FORGOTTEN));
  dd_test_pg_exec (other, "COMMIT");
  PQfinish (other);
  assert_statuses_fresh (fixture, window, &as_of);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list_statuses (window, &as_of);
  g_assert_false (has_status (after, 10, DD_STATUS_FORGOTTEN));

  /* Other desktops' saves of several recurring tasks between two
   * refreshes are judged again together: the refresh asks the server as
   * many times after four of them as after one (it asked three times a
   * task, and a refresh under load waited on each). */
  dd_test_pg_exec (fixture->conn, "INSERT INTO progress_updates (task_id, reported_on, progress, note) "
                                  "VALUES (16, '2026-12-04', 60, 'một')");
  reads = _dd_pg_live_count_reads (window);
  assert_statuses_fresh (fixture, window, &as_of);
  reads_one = _dd_pg_live_count_reads (window) - reads;
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM tasks WHERE deadline_kind IN (2, 3) "
                                         "AND deleted_at IS NULL"), ==, 4);
  dd_test_pg_exec (fixture->conn, "INSERT INTO progress_updates (task_id, reported_on, progress, note) "
                                  "SELECT id, '2026-12-04', 70, 'bốn' FROM tasks WHERE deadline_kind IN (2, 3) "
                                  "AND deleted_at IS NULL");
  dd_test_pg_exec (fixture->conn, "INSERT INTO progress_updates (task_id, reported_on, progress, note) "
                                  "VALUES (3, '2026-12-04', 20, 'không định kỳ')");
  g_assert_cmpint (count (fixture->conn, "SELECT count(DISTINCT task_id) FROM progress_updates "
                                         "WHERE reported_on = '2026-12-04' AND note IN ('bốn', 'không định kỳ')"), ==, 5);
  reads = _dd_pg_live_count_reads (window);
  assert_statuses_fresh (fixture, window, &as_of);
  g_assert_cmpuint (_dd_pg_live_count_reads (window) - reads, ==, reads_one);

  /* More entries than the log's reading tells one by one (over 1,000):
   * every status judged again, the same. */
  dd_test_pg_exec (fixture->conn, "INSERT INTO progress_updates (task_id, reported_on, progress, note) "
                                  "SELECT 10 + (d::date - '2023-01-01'::date) % 7, d::date, 30, 'dồn' FROM generate_series "
                                  "('2023-01-01'::date, '2026-01-10'::date, '1 day') d");
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log WHERE table_name = 'progress_updates'"), >, 1000);
  assert_statuses_fresh (fixture, window, &as_of);
  office_clear (&office);
}

/* Runs the SQL of @format on @conn. */
/* The queries of test_list_changes(): every sort the server keeps
 * (number, deadline, progress, status), both ways, all tasks; and by
 * number a unit's (taking part too), a unit's lead, a plan's and words. */
static GArray *
kept_queries (gint64 unit, gint64 plan, const char *word)
{
  GArray *queries = g_array_new (FALSE, FALSE, sizeof (DdTaskQuery));
  const DdTaskSort sorts[] = { DD_TASK_SORT_NUMBER, DD_TASK_SORT_DEADLINE, DD_TASK_SORT_PROGRESS,
                               DD_TASK_SORT_STATUS };
  DdTaskQuery query;

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (int descending = 0; descending < 2; descending++)
      {
        dd_task_query_init (&query);
        g_date_set_dmy (&query.as_of, 6, 12, 2026);
        query.sort = sorts[s];
        query.descending = descending;
        g_array_append_val (queries, query);
      }
  query.sort = DD_TASK_SORT_NUMBER;
  query.descending = FALSE;
  query.unit_id = unit;
  g_array_append_val (queries, query);
  query.lead_only = TRUE;
  query.descending = TRUE;
  g_array_append_val (queries, query);
  query.unit_id = 0;
  query.lead_only = FALSE;
  query.plan_id = plan;
  g_array_append_val (queries, query);
  query.plan_id = 0;
  query.text = word;
  g_array_append_val (queries, query);
  return queries;
}

/* kept_queries() for the office on the server: *@unit, the unit taking
 * part in most tasks, *@plan, its largest plan, and the first of *@words
 * (which the queries point into), of a task's title. */
static GArray *
office_kept_queries (DdTestPgFixture *fixture, gint64 *unit, gint64 *plan, GStrv *words)
{
  g_autofree char *title = NULL;

  *unit = count (fixture->conn, "SELECT unit_id FROM task_coordinators GROUP BY unit_id "
                                "ORDER BY count(*) DESC, unit_id LIMIT 1");
  *plan = count (fixture->conn, "SELECT plan_id FROM tasks GROUP BY plan_id ORDER BY count(*) DESC, plan_id LIMIT 1");
  title = dd_test_pg_dup_value (fixture->conn, "SELECT title FROM tasks WHERE title LIKE '% %' ORDER BY id LIMIT 1");
  *words = g_strsplit (title, " ", 2);
  return kept_queries (*unit, *plan, (*words)[0]);
}

/* A store of the server opened now. */
static DdStore *
open_fresh (DdTestPgFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = dd_pg_connect (fixture->uri, &error);
  DdStore *fresh;

  g_assert_no_error (error);
  fresh = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);
  return fresh;
}

/* @window after a refresh (a new snapshot, its caches dropped, as its
 * listener does) reads for @query the ids and counts that @fresh reads;
 * how many of its readings came from a list it kept (as it was, or with
 * the changes since), not read whole. */
static guint
read_after_refresh (DdStore *fresh, DdStore *window, const DdTaskQuery *query)
{
  g_autoptr(GError) error = NULL;
  guint64 before = _dd_pg_live_count_lists_kept (window);

  g_assert_true (_dd_pg_live_renew (window, &error));
  g_assert_no_error (error);
  _dd_store_external_change (window);
  assert_same_list (fresh, window, query, FALSE);
  return (guint) (_dd_pg_live_count_lists_kept (window) - before);
}

/* Each of @windows after a refresh reads for its query of @queries the
 * ids and counts that a store opened now reads, twice; *@kept: how many
 * of these readings came from the list it kept, not read whole. */
static void
assert_kept_lists_fresh (DdTestPgFixture *fixture, GPtrArray *windows, GArray *queries, guint *kept)
{
  g_autoptr(DdStore) fresh = open_fresh (fixture);

  *kept = 0;
  for (guint q = 0; q < queries->len; q++)
    {
      DdStore *window = windows->pdata[q];
      guint64 before = _dd_pg_live_count_lists_kept (window);

      read_after_refresh (fresh, window, &g_array_index (queries, DdTaskQuery, q));
      /* Asked again in the same snapshot: the list kept as it is. */
      assert_same_list (fresh, window, &g_array_index (queries, DdTaskQuery, q), FALSE);
      *kept += (guint) (_dd_pg_live_count_lists_kept (window) - before);
    }
}

/* A window's task lists kept with their snapshot and brought up to date
 * with only the tasks changed since (dd-pg-list.c,
 * data/pg/0008-task-changes.sql) are the lists a store opened afresh
 * reads, after each kind of change another desktop (or psql) makes: a
 * status, a deadline (and none), a task moved to another plan and place,
 * put in the bin and back, deleted for good, added, a coordinator added,
 * many tasks at once, a write committed after the window's snapshot by a
 * transaction open when it was taken; a plan hidden by an import and a
 * truncated table read the whole lists again. */
static void
test_list_changes (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) queries = NULL;
  g_auto(GStrv) words = NULL;
  gint64 unit, plan, other_plan, first, last;
  guint kept, lists;
  PGconn *other;
  Office office;

  office_make (&office);
  add_list_ties (office.file);
  counts = move_to_server (fixture, &office);
  queries = office_kept_queries (fixture, &unit, &plan, &words);
  other_plan = count (fixture->conn, "SELECT max (plan_id) FROM tasks");
  g_assert_cmpint (other_plan, !=, plan);
  first = count (fixture->conn, "SELECT min (id) FROM tasks");
  last = count (fixture->conn, "SELECT max (id) FROM tasks WHERE id < 100000");
  /* A window for each query, as a desktop's list. */
  for (guint q = 0; q < queries->len; q++)
    {
      g_autoptr(DdPg) pg = dd_pg_connect (fixture->uri, &error);

      g_assert_no_error (error);
      g_ptr_array_add (windows, dd_pg_write_store (pg, &error));
      g_assert_no_error (error);
    }
  lists = queries->len;

  /* Read whole the first time (then kept in the same snapshot), then
   * nothing changed: kept as they are. */
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, lists);
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, 2 * lists);

  /* Completed late; a deadline moved back, one taken away. */
  exec_printf (fixture->conn, "UPDATE tasks SET progress = 100, completed_on = '2026-11-30' WHERE id = %" G_GINT64_FORMAT,
                         first);
  exec_printf (fixture->conn, "UPDATE tasks SET due_on = '2025-01-01' WHERE id = %" G_GINT64_FORMAT, first + 1);
  exec_printf (fixture->conn, "UPDATE tasks SET due_on = NULL, progress = 7 WHERE id = %" G_GINT64_FORMAT, first + 2);
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, 2 * lists);

  /* Moved to the end of another plan; into the bin. */
  exec_printf (fixture->conn, "UPDATE tasks SET plan_id = %" G_GINT64_FORMAT ", position = -1 WHERE id = %" G_GINT64_FORMAT,
                         other_plan, last);
  exec_printf (fixture->conn, "UPDATE tasks SET deleted_at = now () WHERE id = %" G_GINT64_FORMAT, first + 3);
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, 2 * lists);

  /* Back from the bin; another deleted for good; a copy of one added;
   * the unit now taking part in a task it had none of. */
  exec_printf (fixture->conn, "UPDATE tasks SET deleted_at = NULL WHERE id = %" G_GINT64_FORMAT, first + 3);
  exec_printf (fixture->conn, "DELETE FROM tasks WHERE id = %" G_GINT64_FORMAT, first + 4);
  exec_printf (fixture->conn, "INSERT INTO tasks (plan_id, position, number, title, lead_unit_id, deadline_kind, due_on, "
                         "progress, search_text) SELECT plan_id, position, number, title || ' (bản sao)', "
                         "lead_unit_id, deadline_kind, due_on, progress, search_text FROM tasks "
                         "WHERE id = %" G_GINT64_FORMAT, first + 5);
  exec_printf (fixture->conn, "INSERT INTO task_coordinators (task_id, unit_id, position) SELECT min (id), %" G_GINT64_FORMAT
                         ", 9 FROM tasks WHERE id NOT IN (SELECT task_id FROM task_coordinators WHERE unit_id = %"
                         G_GINT64_FORMAT ") AND lead_unit_id IS DISTINCT FROM %" G_GINT64_FORMAT, unit, unit, unit);
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, 2 * lists);

  /* A third of the tasks at once. */
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET progress = (progress + 37) % 101, "
                                  "due_on = due_on + (id % 5)::int WHERE id % 3 = 0");
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, 2 * lists);

  /* Another desktop writing while the window takes its snapshot, and
   * committing after it: not seen, then seen. */
  other = dd_test_pg_connect (fixture->cluster, fixture->database, NULL);
  dd_test_pg_exec (other, "BEGIN");
  exec_printf (other, "UPDATE tasks SET plan_id = %" G_GINT64_FORMAT ", position = 0, due_on = '2024-02-29', "
                         "progress = 99 WHERE id = %" G_GINT64_FORMAT, plan, first + 6);
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET note = 'Ghi chú' WHERE id = (SELECT max (id) FROM tasks)");
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, 2 * lists);
  dd_test_pg_exec (other, "COMMIT");
  PQfinish (other);
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, 2 * lists);

  /* A plan hidden while it is imported, then shown: read whole. */
  exec_printf (fixture->conn, "INSERT INTO import_pending (plan_id, started_at) VALUES (%" G_GINT64_FORMAT ", 'now')", plan);
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, lists);
  dd_test_pg_exec (fixture->conn, "DELETE FROM import_pending");
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, lists);
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, 2 * lists);

  /* Every task gone at once: read whole. */
  dd_test_pg_exec (fixture->conn, "TRUNCATE tasks CASCADE");
  assert_kept_lists_fresh (fixture, windows, queries, &kept);
  g_assert_cmpuint (kept, ==, lists);
  office_clear (&office);
}

/* A window keeps its whole list while its user filters it by a few
 * units, plans or words in between (dd-pg-list.c: up to eight lists and
 * 300,000 rows, the least recently read going first): going back to the
 * list after seven others reads only the tasks changed since; after eight,
 * or past the rows a window keeps, it reads the list whole. The latest
 * list is kept whatever its size. */
static void
test_lists_kept_while_filtering (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) window = NULL;
  g_autoptr(GArray) queries = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) unit_list = NULL;
  g_auto(GStrv) words = NULL;
  const DdTaskQuery *list;
  gint64 unit, plan, first;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  first = count (fixture->conn, "SELECT min (id) FROM tasks");
  /* The whole list by number, then eleven others. */
  queries = office_kept_queries (fixture, &unit, &plan, &words);
  g_assert_cmpuint (queries->len, >=, 10);
  list = &g_array_index (queries, DdTaskQuery, 0);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  window = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);

  {
    g_autoptr(DdStore) fresh = open_fresh (fixture);

    g_assert_cmpuint (read_after_refresh (fresh, window, list), ==, 0);
    for (guint q = 1; q <= 7; q++)
      g_assert_cmpuint (read_after_refresh (fresh, window, &g_array_index (queries, DdTaskQuery, q)), ==, 0);
  }
  /* Another desktop's save, then back to the whole list: kept, brought
   * up to date. */
  exec_printf (fixture->conn, "UPDATE tasks SET progress = 100, completed_on = '2026-11-30' WHERE id = %" G_GINT64_FORMAT,
               first);
  {
    g_autoptr(DdStore) fresh = open_fresh (fixture);

    g_assert_cmpuint (read_after_refresh (fresh, window, list), ==, 1);
    /* Seven of the others again and an eighth: the whole list, now the
     * least recently read of nine, goes. */
    for (guint q = 1; q <= 8; q++)
      read_after_refresh (fresh, window, &g_array_index (queries, DdTaskQuery, q));
    g_assert_cmpuint (read_after_refresh (fresh, window, list), ==, 0);
  }

  /* Fewer rows kept than the whole list and a unit's together: the
   * unit's list pushes the whole one out; it stays with one more row. */
  all = _dd_store_query_task_ids (window, list, &error);
  g_assert_no_error (error);
  unit_list = _dd_store_query_task_ids (window, &g_array_index (queries, DdTaskQuery, 8), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unit_list->len, >, 0);
  exec_printf (fixture->conn, "UPDATE tasks SET progress = 3 WHERE id = %" G_GINT64_FORMAT, first + 1);
  {
    g_autoptr(DdStore) fresh = open_fresh (fixture);

    _dd_pg_live_set_kept_rows (window, all->len + unit_list->len - 1);
    read_after_refresh (fresh, window, &g_array_index (queries, DdTaskQuery, 8));
    g_assert_cmpuint (read_after_refresh (fresh, window, list), ==, 0);
    _dd_pg_live_set_kept_rows (window, all->len + unit_list->len);
    read_after_refresh (fresh, window, &g_array_index (queries, DdTaskQuery, 8));
    g_assert_cmpuint (read_after_refresh (fresh, window, list), ==, 1);
    /* The latest list kept, however few rows a window keeps. */
    _dd_pg_live_set_kept_rows (window, 1);
    g_assert_cmpuint (read_after_refresh (fresh, window, list), ==, 1);
  }
  office_clear (&office);
}

/* Lets @window's snapshot end as a window's does after a while without a
 * read (a TRUNCATE or a migrate waits for it), running the main loop. */
static void
end_snapshot_when_idle (DdStore *window)
{
  gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  _dd_pg_live_end_when_idle (window);
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

/* The lead's name of task @id as @window reads it after a refresh (a new
 * snapshot, its caches dropped); *@kept: the small tables' wholes it kept
 * from the last snapshot meanwhile. */
static char *
lead_after_refresh (DdStore *window, gint64 id, guint *kept)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  guint64 before = _dd_pg_live_count_wholes_kept (window);
  GDate as_of;

  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 6, 12, 2026);
  g_assert_true (_dd_pg_live_renew (window, &error));
  g_assert_no_error (error);
  _dd_store_external_change (window);
  task = dd_store_get_task (window, id, &as_of, &error);
  g_assert_no_error (error);
  *kept = (guint) (_dd_pg_live_count_wholes_kept (window) - before);
  return g_strdup (dd_task_get_lead (task));
}

/* The small tables a window reads whole (units, plans, settings…) serve
 * its next snapshot while no transaction that snapshot did not see wrote
 * them (data/pg/0008-task-changes.sql, table_changes): a refresh after a
 * task's save reads none again; one after a unit's renaming reads the
 * units again and shows the new name, also when the renaming committed
 * after the window's snapshot by a transaction open when it was taken; a
 * TRUNCATE reads the table again. */
static void
test_small_tables_kept (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) window = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  gint64 id, lead;
  PGconn *other;
  Office office;
  guint kept;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  id = count (fixture->conn, "SELECT min (id) FROM tasks WHERE lead_unit_id IS NOT NULL");
  sql = g_strdup_printf ("SELECT lead_unit_id FROM tasks WHERE id = %" G_GINT64_FORMAT, id);
  lead = count (fixture->conn, sql);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  window = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);

  /* The copy into the server noted every table changed: the first
   * refresh reads them; then a save of a task changes none of them. */
  name = lead_after_refresh (window, id, &kept);
  g_free (name);
  name = lead_after_refresh (window, id, &kept);
  g_assert_cmpuint (kept, >=, 2);
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET progress = 42, revision = revision + 1 WHERE id = 3");
  g_free (name);
  name = lead_after_refresh (window, id, &kept);
  g_assert_cmpuint (kept, >=, 2);

  /* The lead unit renamed: the units read again. */
  exec_printf (fixture->conn, "UPDATE units SET name = 'Sở Đổi Tên' WHERE id = %" G_GINT64_FORMAT, lead);
  g_free (name);
  name = lead_after_refresh (window, id, &kept);
  g_assert_cmpstr (name, ==, "Sở Đổi Tên");

  /* Renamed by a transaction open while the window takes its snapshot,
   * committed after: the old name, then the new one. */
  other = dd_test_pg_connect (fixture->cluster, fixture->database, NULL);
  dd_test_pg_exec (other, "BEGIN");
  exec_printf (other, "UPDATE units SET name = 'Sở Tên Mới' WHERE id = %" G_GINT64_FORMAT, lead);
  g_free (name);
  name = lead_after_refresh (window, id, &kept);
  g_assert_cmpstr (name, ==, "Sở Đổi Tên");
  dd_test_pg_exec (other, "COMMIT");
  PQfinish (other);
  g_free (name);
  name = lead_after_refresh (window, id, &kept);
  g_assert_cmpstr (name, ==, "Sở Tên Mới");
  g_free (name);
  name = lead_after_refresh (window, id, &kept);
  g_assert_cmpstr (name, ==, "Sở Tên Mới");
  g_assert_cmpuint (kept, >=, 2);

  /* A setting added, then every setting gone by TRUNCATE (which fires no
   * row trigger): read again each time. (The TRUNCATE waits for the
   * window's snapshot to end: as a window's does, after a while without
   * a read.) */
  dd_test_pg_exec (fixture->conn, "INSERT INTO settings (key, value) VALUES ('test_kept', 'một')");
  g_free (name);
  name = lead_after_refresh (window, id, &kept);
  value = dd_store_dup_setting (window, "test_kept", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "một");
  end_snapshot_when_idle (window);
  dd_test_pg_exec (fixture->conn, "TRUNCATE settings");
  g_free (name);
  name = lead_after_refresh (window, id, &kept);
  g_free (value);
  value = dd_store_dup_setting (window, "test_kept", &error);
  g_assert_no_error (error);
  g_assert_null (value);
  office_clear (&office);
}

/* A window open on the empty server while an administrator moves an office
 * onto it (migrate, whose copy runs with the triggers that note changes
 * off): its next refresh reads the units and the task list whole, not as
 * kept (dd_note_all_changed()). */
static void
test_kept_after_migrate (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdPg) fresh_pg = NULL;
  g_autoptr(DdStore) window = NULL;
  g_autoptr(DdStore) fresh = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  DdTaskQuery query;
  Office office;

  office_make (&office);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "init", NULL), ==, 0);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  window = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  dd_task_query_init (&query);
  g_date_set_dmy (&query.as_of, 6, 12, 2026);
  /* Read twice in two snapshots: kept. */
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (_dd_pg_live_renew (window, &error));
      _dd_store_external_change (window);
      g_clear_object (&units);
      units = dd_store_list_units (window, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (units), ==, 0);
      g_clear_pointer (&ids, g_array_unref);
      ids = _dd_store_query_task_ids (window, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 0);
    }
  g_assert_cmpuint (_dd_pg_live_count_lists_kept (window), ==, 1);

  /* The window's snapshot ends when idle (the copy waits for it). */
  end_snapshot_when_idle (window);
  counts = move_to_server (fixture, &office);

  g_assert_true (_dd_pg_live_renew (window, &error));
  _dd_store_external_change (window);
  g_clear_object (&units);
  units = dd_store_list_units (window, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (units), ==,
                    (guint) count (fixture->conn, "SELECT count(*) FROM units"));
  fresh_pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  fresh = dd_pg_read_store (fresh_pg, &error);
  g_assert_no_error (error);
  assert_same_list (fresh, window, &query, FALSE);
  g_assert_cmpuint (_dd_pg_live_count_lists_kept (window), ==, 1);
  office_clear (&office);
}

/* Two desktops at once: two series of "update" processes running
 * together on the same two tasks. Every save acknowledged (exit 0) is on
 * the server, once; every other one was refused as a conflict (or a
 * server's serialization failure), with nothing of it written; no
 * duplicate key. */
static void
test_two_desktops (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  int updates;
  int saved = 0;
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  updates = count (fixture->conn, "SELECT count(*) FROM progress_updates");
  for (int i = 0; i < 12; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *task = g_strdup_printf ("%d", 3 + i % 2);
      g_autofree char *progress = g_strdup_printf ("%d", 30 + i);
      char *note = g_strdup_printf ("desktop %c, save %d", i % 4 < 2 ? 'A' : 'B', i);
      const char *argv[] = { g_getenv ("DONDOC_CLI"), "--db", fixture->uri, "update", task,
                             "--progress", progress, "--note", note, NULL };
      GSubprocess *run = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                  G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);

      g_assert_no_error (error);
      g_ptr_array_add (runs, run);
      g_ptr_array_add (notes, note);
    }
  for (guint i = 0; i < runs->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM progress_updates WHERE note = '%s'",
                                              (char *) notes->pdata[i]);
      GSubprocess *run = runs->pdata[i];

      g_subprocess_communicate_utf8 (run, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      g_assert_null (strstr (err, "duplicate key"));
      if (g_subprocess_get_if_exited (run) && g_subprocess_get_exit_status (run) == 0)
        {
          g_assert_cmpint (count (fixture->conn, sql), ==, 1);
          saved++;
        }
      else
        {
          g_test_message ("refused: %s", err);
          g_assert_cmpint (count (fixture->conn, sql), ==, 0);
          g_assert_true (strstr (err, "changed") != NULL || strstr (err, "thay đổi") != NULL ||
                         strstr (err, "sửa") != NULL);
        }
    }
  g_test_message ("%d of %u saves acknowledged", saved, runs->len);
  g_assert_cmpint (saved, >, 0);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates"), ==, updates + saved);
  office_clear (&office);
}

/* An address for every unit of the office at @location (unit-email). */
static void
set_unit_addresses (const char *location)
{
  g_autofree char *units = read_on (location, (const char *[]) { "units", "--format", "json", NULL });
  g_autoptr(JsonNode) node = json_from_string (units, NULL);
  JsonArray *array = json_node_get_array (node);

  g_assert_cmpuint (json_array_get_length (array), >, 2);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *unit = json_array_get_object_element (array, i);
      g_autofree char *address = g_strdup_printf ("don-vi-%" G_GINT64_FORMAT "@ubnd.example.vn",
                                                  json_object_get_int_member (unit, "id"));
      const char *name = json_object_get_string_member (unit, "name");

      g_free (read_on (location, (const char *[]) { "unit-email", name, address, NULL }));
    }
}

/* The letters sent, as the history at @location tells them. */
static guint
count_sent (const char *location)
{
  g_autofree char *history = read_on (location, (const char *[]) { "history", NULL });
  guint n = 0;

  for (const char *p = history; (p = strstr (p, " insert letters_sent #")) != NULL; p++)
    n++;
  return n;
}

/* The messages the sink took. */
static guint
count_messages (DdTestSmtpSink *sink)
{
  guint n = 0;

  while (TRUE)
    {
      g_autofree char *message = dd_test_smtp_sink_dup_message (sink, n + 1);

      if (message == NULL)
        return n;
      n++;
    }
}

/* The urging letters by email on both backends, against a real SMTP
 * server on 127.0.0.1 (tests/lib/smtp-sink.py): the mail server and the
 * units' addresses set (mail-settings, unit-email), the dry run sends and
 * records nothing, the send mails each unit its letter and records each
 * in its tasks' history (letters_sent; on the server by the login, audited
 * by the server's triggers), the same output on both; a recipient the mail
 * server refuses is said and not recorded. */
static void
test_letters_mail (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *boss = dd_test_pg_uri (fixture->cluster, fixture->database, "boss");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *kinds[] = { "file", "server" };
  char *dry_run[2] = { NULL, NULL };
  char *sent[2] = { NULL, NULL };
  guint n_sent[2] = { 0, 0 };
  Office office;

  office_make (&office);
  counts = move_to_server (fixture, &office);
  g_assert_cmpint (run_cli (&out, &err, "--db", fixture->uri, "user", "set", "boss", "--role", "admin", NULL), ==, 0);
  for (guint b = 0; b < G_N_ELEMENTS (kinds); b++)
    {
      const char *location = b == 0 ? office.file : boss;
      g_autofree char *sink_dir = g_strdup_printf ("%s/sink-%s", office.dir, kinds[b]);
      g_autofree char *refusing_dir = g_strdup_printf ("%s/refusing-%s", office.dir, kinds[b]);
      g_autofree char *folder = g_strdup_printf ("%s/mail-%s", office.dir, kinds[b]);
      DdTestSmtpSink sink = { 0 };
      guint before;

      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      dd_test_smtp_sink_start (&sink, sink_dir, NULL, NULL);
      g_free (read_on (location, (const char *[]) { "mail-settings", "--host", "127.0.0.1", "--port", sink.port,
                                                    "--tls", "none", "--sender", "vanphong@ubnd.example.vn",
                                                    NULL }));
      set_unit_addresses (location);
      before = count_sent (location);

      dry_run[b] = read_on (location, (const char *[]) { "mail", "--dry-run", "--as-of", "2026-12-01", NULL });
      g_assert_nonnull (strstr (dry_run[b], "(not sent)"));
      g_assert_cmpuint (count_messages (&sink), ==, 0);
      g_assert_cmpuint (count_sent (location), ==, before);

      sent[b] = read_on (location, (const char *[]) { "mail", "--send", "--as-of", "2026-12-01", "--out", folder,
                                                      NULL });
      g_assert_nonnull (strstr (sent[b], " letters sent\n"));
      g_assert_cmpuint (count_messages (&sink), >, 1);
      {
        g_autofree char *to_send = g_strdup_printf ("%u letters to send", count_messages (&sink));

        g_assert_nonnull (strstr (dry_run[b], to_send));
      }
      n_sent[b] = count_sent (location) - before;
      g_assert_cmpuint (n_sent[b], >=, count_messages (&sink));
      dd_test_smtp_sink_stop (&sink);

      /* Phòng Tổng hợp's address refused by the mail server: said, and
       * nothing more recorded. */
      dd_test_smtp_sink_start (&sink, refusing_dir, "--refuse", "don-vi-9@ubnd.example.vn");
      g_free (read_on (location, (const char *[]) { "mail-settings", "--port", sink.port, NULL }));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli (&out, &err, "--db", location, "mail", "--send", "--as-of", "2026-12-01", "--unit",
                                "Phòng Tổng hợp", NULL), ==, 1);
      g_assert_nonnull (strstr (err, "refused the address don-vi-9@ubnd.example.vn"));
      g_assert_cmpuint (count_messages (&sink), ==, 0);
      g_assert_cmpuint (count_sent (location), ==, before + n_sent[b]);
      dd_test_smtp_sink_stop (&sink);
    }
  g_assert_cmpstr (dry_run[1], ==, dry_run[0]);
  g_assert_cmpstr (sent[1], ==, sent[0]);
  g_assert_cmpuint (n_sent[1], ==, n_sent[0]);
  /* On the server indeed: sent by the login, audited by the server. */
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM letters_sent WHERE sent_by = 'boss' AND "
                                         "address LIKE 'don-vi-%@ubnd.example.vn'"), ==, n_sent[1]);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log WHERE account = 'boss' AND "
                                         "table_name = 'letters_sent' AND action = 'insert'"), ==, n_sent[1]);
  for (guint b = 0; b < 2; b++)
    {
      g_free (dry_run[b]);
      g_free (sent[b]);
    }
  office_clear (&office);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dd_init_i18n ();

  cluster = dd_test_pg_cluster_start ();
#define ADD(path, func) \
  g_test_add (path, DdTestPgFixture, cluster, dd_test_pg_fixture_setup, func, dd_test_pg_fixture_teardown)
  ADD ("/pg/backends/same-json", test_same_json);
  ADD ("/pg/backends/in-place", test_in_place);
  ADD ("/pg/backends/documents", test_documents);
  ADD ("/pg/backends/same-writes", test_same_writes);
  ADD ("/pg/migrate/refuse-non-empty", test_refuse_non_empty);
  ADD ("/pg/migrate/back-to-file", test_back_to_file);
  ADD ("/pg/user/set-list", test_user_set_list);
  ADD ("/pg/faults", test_faults);
  ADD ("/pg/backends/writes", test_writes);
  ADD ("/pg/backends/write-conflict", test_write_conflict);
  ADD ("/pg/backends/in-place-writes", test_in_place_writes);
  ADD ("/pg/backends/batched-rows", test_batched_rows);
  ADD ("/pg/backends/read-ahead", test_read_ahead);
  ADD ("/pg/backends/export-in-thread", test_export_in_thread);
  ADD ("/pg/backends/export-rows", test_export_rows);
  ADD ("/pg/backends/export-figures", test_export_figures);
  ADD ("/pg/backends/calendar-in-thread", test_calendar_in_thread);
  ADD ("/pg/backends/dashboard-in-thread", test_dashboard_in_thread);
  ADD ("/pg/backends/list-order", test_list_order);
  ADD ("/pg/backends/recurring-log", test_recurring_log);
  ADD ("/pg/backends/list-changes", test_list_changes);
  ADD ("/pg/backends/lists-kept-while-filtering", test_lists_kept_while_filtering);
  ADD ("/pg/backends/small-tables-kept", test_small_tables_kept);
  ADD ("/pg/backends/kept-after-migrate", test_kept_after_migrate);
  ADD ("/pg/backends/two-desktops", test_two_desktops);
  ADD ("/pg/backends/letters-mail", test_letters_mail);
#undef ADD
  status = g_test_run ();
  dd_test_pg_cluster_stop (cluster);
  return status;
}
