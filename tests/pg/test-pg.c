/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The PostgreSQL server side against a real server (a throwaway cluster,
 * dd-test-pg.h): "dondoc-cli --db postgresql://… init|upgrade|roles", the
 * roles the server enforces with psql-level SQL as each role, the audit
 * history's session user, and the status rule's SQL function against the
 * C rule on every combination of its inputs.
 */
#include <dondoc/dondoc.h>

#include <errno.h>
#include <signal.h>

#include <glib/gstdio.h>

#include "dd-test-pg.h"

static DdTestPgCluster *cluster;

/* Runs the built dondoc-cli with --db @uri and the NULL-terminated
 * arguments; its exit status, its output and error output. */
static int
run_cli (const char  *uri,
         char       **out,
         char       **err,
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
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) uri);
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

static void
assert_cli_ok (DdTestPgFixture *fixture, const char *command, const char *expected)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (fixture->uri, &out, &err, command, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, expected));
}

/* init creates the schema at this program's version; a second init and an
 * upgrade change nothing. */
static void
test_init_idempotent (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autofree char *version = NULL;
  g_autofree char *status = NULL;

  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM pg_tables WHERE tablename = 'tasks'"), ==, 0);
  assert_cli_ok (fixture, "init", "migrations applied");

  version = dd_test_pg_dup_value (fixture->conn, "SELECT max (version) FROM dondoc_schema");
  g_assert_cmpint (atoi (version), ==, DD_PG_SCHEMA_VERSION);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM dondoc_schema"), ==, DD_PG_SCHEMA_VERSION);
  /* Every table of data version 10, with row-level security where a unit
   * editor writes. */
  g_assert_cmpint (count (fixture->conn,
                          "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN "
                          "('settings', 'deadline_kinds', 'plans', 'units', 'tasks', 'task_coordinators', "
                          "'progress_updates', 'indicators', 'indicator_figures', 'indicator_rules', "
                          "'dossier_figures', 'holiday_years', 'holidays', 'task_extensions', "
                          "'task_schedules', 'occurrence_reports', 'task_people', 'task_sources', "
                          "'users', 'audit_log')"), ==, 20);
  g_assert_cmpint (count (fixture->conn,
                          "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND rowsecurity"), ==, 9);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM pg_roles WHERE rolname IN "
                          "('dondoc_viewer', 'dondoc_unit_editor', 'dondoc_admin')"), ==, 3);

  assert_cli_ok (fixture, "init", "nothing to do");
  assert_cli_ok (fixture, "upgrade", "nothing to do");
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM dondoc_schema"), ==, DD_PG_SCHEMA_VERSION);

  /* A database four migrations behind: init refuses, upgrade applies them. */
  /* (the objects of the last four, 0005-letters-mail.sql, 0006-notify.sql,
   * 0007-import-pending.sql and 0008-task-changes.sql) */
  dd_test_pg_exec (fixture->conn, "DROP FUNCTION dd_notify_change () CASCADE");
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%\\_notify'"), ==, 0);
  dd_test_pg_exec (fixture->conn, "DROP TABLE import_pending");
  dd_test_pg_exec (fixture->conn, "DROP TABLE letters_sent");
  dd_test_pg_exec (fixture->conn, "ALTER TABLE units DROP COLUMN email");
  dd_test_pg_exec (fixture->conn, "DROP FUNCTION dd_note_task_change () CASCADE");
  dd_test_pg_exec (fixture->conn, "DROP FUNCTION dd_note_table_change () CASCADE");
  dd_test_pg_exec (fixture->conn, "DROP FUNCTION dd_note_all_changed ()");
  dd_test_pg_exec (fixture->conn, "DROP TABLE task_changes, table_changes");
  status = g_strdup_printf ("DELETE FROM dondoc_schema WHERE version >= %d", DD_PG_SCHEMA_VERSION - 3);
  dd_test_pg_exec (fixture->conn, status);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (fixture->uri, &out, &err, "init", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "upgrade"));
  }
  assert_cli_ok (fixture, "upgrade", "4 migrations applied");
  /* Every table of the data notifies the windows (0006-notify.sql, and
   * import_pending of 0007). */
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%\\_notify'"), ==, 21);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM information_schema.tables "
                                         "WHERE table_name = 'import_pending'"), ==, 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM information_schema.tables "
                                         "WHERE table_name = 'letters_sent'"), ==, 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM information_schema.columns "
                                         "WHERE table_name = 'units' AND column_name = 'email'"), ==, 1);
  /* Every write of a task or its coordinators noted, and of the seven
   * small tables a window keeps (0008-task-changes.sql): by row and by
   * TRUNCATE. */
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%\\_change'"), ==, 18);
  g_assert_cmpint (count (fixture->conn, "SELECT dd_task_status (1, '2026-01-10', NULL, '2026-01-11', NULL)"),
                   ==, DD_STATUS_OVERDUE);
}

/* A schema newer than this program's is refused by init and upgrade alike,
 * changing nothing; upgrade refuses a database without the schema. */
static void
test_refuse_newer (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *newer = NULL;

  g_assert_cmpint (run_cli (fixture->uri, &out, &err, "upgrade", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "init"));
  g_assert_null (dd_test_pg_dup_value (fixture->conn, "SELECT to_regclass ('public.dondoc_schema')"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  assert_cli_ok (fixture, "init", "migrations applied");
  newer = g_strdup_printf ("INSERT INTO dondoc_schema (version, name) VALUES (%d, 'from the future')",
                           DD_PG_SCHEMA_VERSION + 1);
  dd_test_pg_exec (fixture->conn, newer);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out2 = NULL;
      g_autofree char *err2 = NULL;

      g_assert_cmpint (run_cli (fixture->uri, &out2, &err2, i == 0 ? "init" : "upgrade", NULL), ==, 1);
      g_assert_nonnull (strstr (err2, "newer"));
      g_assert_cmpstr (out2, ==, "");
    }
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM dondoc_schema"), ==, DD_PG_SCHEMA_VERSION + 1);

  /* A command that reads the server refuses the newer schema too. */
  g_assert_cmpint (run_cli (fixture->uri, &out, &err, "tasks", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "newer"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* A command that does not work on a server yet says so ("history" did
   * before it read the server in place). */
  g_assert_cmpint (run_cli (fixture->uri, &out, &err, "backup", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "PostgreSQL"));
}

/* Two units, a plan, a task each; anna edits for unit A, binh for B, vu views. */
static void
setup_office (DdTestPgFixture *fixture)
{
  g_autofree char *key_a = dd_text_unit_match_key ("Sở Nội vụ");
  g_autofree char *key_b = dd_text_unit_match_key ("Sở Tài chính");
  g_autofree char *sql = NULL;
  const char *grants[][3] = {
    { "anna", "unit-editor", "Sở Nội vụ" },
    { "binh", "unit-editor", "Sở Tài chính" },
    { "vu", "viewer", NULL },
  };

  assert_cli_ok (fixture, "init", "migrations applied");
  sql = g_strdup_printf ("INSERT INTO units (id, name, match_key, sort_key) VALUES "
                         "(1, 'Sở Nội vụ', '%s', '\\x01'), (2, 'Sở Tài chính', '%s', '\\x02');"
                         "INSERT INTO plans (id, number, title) VALUES (1, '662/KH-VPUB', 'Kế hoạch');"
                         "INSERT INTO tasks (id, plan_id, position, title, lead_unit_id) VALUES "
                         "(1, 1, 1, 'Việc của Sở Nội vụ', 1), (2, 1, 2, 'Việc của Sở Tài chính', 2)",
                         key_a, key_b);
  dd_test_pg_exec (fixture->conn, sql);

  for (guint i = 0; i < G_N_ELEMENTS (grants); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (fixture->uri, &out, &err, "roles", "grant", grants[i][0], grants[i][1],
                                grants[i][2], NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
    }
}

/* Runs @sql as @user; the SQLSTATE of its error (NULL on success) and its
 * number of rows changed. */
static char *
exec_as (DdTestPgFixture *fixture, const char *user, const char *sql, int *out_rows)
{
  PGconn *conn = dd_test_pg_connect (fixture->cluster, fixture->database, user);
  PGresult *result = PQexec (conn, sql);
  char *state = NULL;

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    state = g_strdup_printf ("%s %s", PQresultErrorField (result, PG_DIAG_SQLSTATE),
                             PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
  else if (out_rows != NULL)
    *out_rows = atoi (PQcmdTuples (result));
  PQclear (result);
  PQfinish (conn);
  return state;
}

static void
test_roles_unit_editor (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autofree char *other = NULL;
  g_autofree char *hijack = NULL;
  g_autofree char *own = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *report_other = NULL;
  g_autofree char *report_own = NULL;
  g_autofree char *bin = NULL;
  g_autofree char *note = NULL;
  int rows = -1;

  setup_office (fixture);

  /* Another unit's task: the server's row-level security refuses. */
  other = exec_as (fixture, "anna", "UPDATE tasks SET note = 'x' WHERE id = 2", NULL);
  g_assert_nonnull (other);
  g_assert_true (g_str_has_prefix (other, "42501 new row violates row-level security policy"));
  /* … also when it tries to take the task over for its unit. */
  hijack = exec_as (fixture, "anna", "UPDATE tasks SET lead_unit_id = 1 WHERE id = 2", NULL);
  g_assert_cmpstr (hijack, ==, "42501 dd:permission:unit");
  /* … and to give its task away. */
  moved = exec_as (fixture, "anna", "UPDATE tasks SET lead_unit_id = 2 WHERE id = 1", NULL);
  g_assert_nonnull (moved);
  g_assert_true (g_str_has_prefix (moved, "42501 new row violates row-level security policy"));
  note = dd_test_pg_dup_value (fixture->conn, "SELECT coalesce (note, '') || lead_unit_id FROM tasks WHERE id = 2");
  g_assert_cmpstr (note, ==, "2");

  /* Its own unit's task: allowed. */
  own = exec_as (fixture, "anna", "UPDATE tasks SET note = 'Đã trình', progress = 50 WHERE id = 1", &rows);
  g_assert_null (own);
  g_assert_cmpint (rows, ==, 1);
  g_clear_pointer (&note, g_free);
  note = dd_test_pg_dup_value (fixture->conn, "SELECT note FROM tasks WHERE id = 1");
  g_assert_cmpstr (note, ==, "Đã trình");

  /* Reports and progress of another unit's task: refused; of its own: allowed. */
  report_other = exec_as (fixture, "anna", "INSERT INTO progress_updates (task_id, reported_on, progress) "
                                           "VALUES (2, '2026-12-01', 10)", NULL);
  g_assert_nonnull (report_other);
  g_assert_true (g_str_has_prefix (report_other, "42501"));
  report_own = exec_as (fixture, "anna", "INSERT INTO occurrence_reports (task_id, kind, year, period_index, "
                                         "reported_on) VALUES (1, 1, 2026, 4, '2026-12-01')", &rows);
  g_assert_null (report_own);
  g_assert_cmpint (rows, ==, 1);
  /* Figures of another unit, and the recycle bin, are not its own either. */
  g_free (report_other);
  report_other = exec_as (fixture, "binh", "INSERT INTO dossier_figures (unit_id, period_start, period_end) "
                                           "VALUES (1, '2026-01-01', '2026-03-31')", NULL);
  g_assert_nonnull (report_other);
  g_assert_true (g_str_has_prefix (report_other, "42501"));
  bin = exec_as (fixture, "anna", "UPDATE tasks SET deleted_at = now() WHERE id = 1", NULL);
  g_assert_cmpstr (bin, ==, "42501 dd:permission:admin");
  g_clear_pointer (&bin, g_free);
  bin = exec_as (fixture, "anna", "DELETE FROM tasks WHERE id = 1", NULL);
  g_assert_true (g_str_has_prefix (bin, "42501 permission denied"));
}

static void
test_roles_viewer (DdTestPgFixture *fixture, gconstpointer data)
{
  const char *writes[] = {
    "UPDATE tasks SET note = 'x' WHERE id = 1",
    "INSERT INTO progress_updates (task_id, reported_on, progress) VALUES (1, '2026-12-01', 10)",
    "DELETE FROM task_coordinators",
    "INSERT INTO settings (key, value) VALUES ('a', 'b')",
    "INSERT INTO users (account, unit_id) VALUES ('vu', 1)",
    "INSERT INTO audit_log (table_name, action) VALUES ('tasks', 'insert')",
  };
  g_autofree char *read = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int rows = -1;

  setup_office (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_autofree char *state = exec_as (fixture, "vu", writes[i], NULL);

      g_assert_nonnull (state);
      g_assert_true (g_str_has_prefix (state, "42501 permission denied"));
    }
  read = exec_as (fixture, "vu", "SELECT * FROM tasks", &rows);
  g_assert_null (read);
  g_assert_cmpint (rows, ==, 2);

  /* roles list shows them; revoking takes the reading away too. */
  g_assert_cmpint (run_cli (fixture->uri, &out, &err, "roles", "list", "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"login\" : \"anna\",\n    \"role\" : \"unit_editor\",\n    \"unit\" : \"Sở Nội vụ\""));
  g_assert_nonnull (strstr (out, "\"login\" : \"vu\",\n    \"role\" : \"viewer\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->uri, &out, &err, "roles", "revoke", "vu", NULL), ==, 0);
  g_clear_pointer (&read, g_free);
  read = exec_as (fixture, "vu", "SELECT * FROM tasks", NULL);
  g_assert_true (g_str_has_prefix (read, "42501 permission denied"));
}

/* The audit row names the login that connected, whatever the client says. */
static void
test_audit_session_user (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autofree char *state = NULL;
  g_autofree char *who = NULL;
  g_autofree char *forged = NULL;

  setup_office (fixture);
  state = exec_as (fixture, "anna",
                   "SET application_name = 'binh'; "
                   "UPDATE tasks SET progress = 80, updated_by = 'binh' WHERE id = 1", NULL);
  g_assert_null (state);
  who = dd_test_pg_dup_value (fixture->conn,
                              "SELECT account || ' ' || action || ' ' || old_values::text || ' ' || new_values::text "
                              "FROM audit_log WHERE table_name = 'tasks' AND task_id = 1 ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (who, ==, "anna update {\"progress\": 0} {\"progress\": 80}");

  /* Nobody writes the history by hand, not even to name someone else. */
  forged = exec_as (fixture, "anna", "INSERT INTO audit_log (account, table_name, action) "
                                     "VALUES ('binh', 'tasks', 'update')", NULL);
  g_assert_true (g_str_has_prefix (forged, "42501 permission denied"));
  g_clear_pointer (&forged, g_free);
  forged = exec_as (fixture, "anna", "UPDATE audit_log SET account = 'binh'", NULL);
  g_assert_true (g_str_has_prefix (forged, "42501 permission denied"));
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log WHERE account = 'binh'"), ==, 0);
}

/* dd_task_status () against dd_rules_task_status () on every combination:
 * every kind (and one that is none), the due date, completion date and
 * "due soon" limit each absent or on one of five days, the reference date
 * on one of them: every order the four dates can stand in. */
static void
test_status_equals_c_rule (DdTestPgFixture *fixture, gconstpointer data)
{
  PGresult *result;
  int n;

  assert_cli_ok (fixture, "init", "migrations applied");
  result = PQexec (fixture->conn,
                   "WITH days (d) AS (VALUES (NULL::date), ('2026-03-01'), ('2026-03-02'), "
                   "  ('2026-03-03'), ('2026-03-04'), ('2026-03-05')) "
                   "SELECT k, due.d - date '2026-02-28', done.d - date '2026-02-28', "
                   "  asof.d - date '2026-02-28', soon.d - date '2026-02-28', "
                   "  dd_task_status (k, due.d, done.d, asof.d, soon.d) "
                   "FROM generate_series (0, 6) AS k, days due, days done, days asof, days soon "
                   "WHERE asof.d IS NOT NULL");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  n = PQntuples (result);
  g_assert_cmpint (n, ==, 7 * 6 * 6 * 5 * 6);

  for (int i = 0; i < n; i++)
    {
      GDate dates[4];
      const GDate *args[4];
      DdTaskStatus expected;

      for (int j = 0; j < 4; j++)
        {
          g_date_clear (&dates[j], 1);
          args[j] = NULL;
          if (!PQgetisnull (result, i, j + 1))
            {
              g_date_set_dmy (&dates[j], 28, G_DATE_FEBRUARY, 2026);
              g_date_add_days (&dates[j], atoi (PQgetvalue (result, i, j + 1)));
              args[j] = &dates[j];
            }
        }
      expected = dd_rules_task_status (atoi (PQgetvalue (result, i, 0)), args[0], args[1], args[2], args[3]);
      if ((int) expected != atoi (PQgetvalue (result, i, 5)))
        g_error ("kind %s due %s done %s as of %s soon %s: C %d, SQL %s",
                 PQgetvalue (result, i, 0), PQgetvalue (result, i, 1), PQgetvalue (result, i, 2),
                 PQgetvalue (result, i, 3), PQgetvalue (result, i, 4), expected, PQgetvalue (result, i, 5));
    }
  PQclear (result);
}

/* A test program that meson's timeout ends (SIGTERM), or Ctrl+C (SIGINT),
 * leaves no server running and no folder behind. */
/* Whether process @pid has ended: no such process, or a zombie (it runs
 * nothing) that its new parent has not reaped yet. */
static gboolean
process_gone (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return kill (pid, 0) == -1 && errno == ESRCH;
  end = strrchr (stat, ')');
  return end != NULL && end[1] == ' ' && end[2] == 'Z';
}

static void
test_harness_signal (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  g_autofree char *report = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPid server;

  if (g_test_subprocess ())
    {
      DdTestPgCluster *own = dd_test_pg_cluster_start ();
      g_autofree char *text = g_strdup_printf ("%s\n%d\n", dd_test_pg_cluster_get_socket_dir (own),
                                               (int) dd_test_pg_cluster_get_server_pid (own));

      /* Where the cluster is, for the parent (GLib 2.74 has no
       * g_test_trap_get_stdout()). */
      g_file_set_contents (g_getenv ("DD_TEST_PG_REPORT"), text, -1, &error);
      g_assert_no_error (error);
      raise (signum);
      g_assert_not_reached ();
    }
  report = g_build_filename (g_get_tmp_dir (), "dd-test-pg-signal-XXXXXX", NULL);
  g_close (g_mkstemp (report), NULL);
  g_setenv ("DD_TEST_PG_REPORT", report, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_file_get_contents (report, &contents, NULL, &error);
  g_assert_no_error (error);
  g_unlink (report);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  server = (GPid) g_ascii_strtoll (lines[1], NULL, 10);
  g_assert_cmpint (server, >, 1);
  g_assert_true (g_str_has_prefix (lines[0], g_get_tmp_dir ()));
  g_assert_false (g_file_test (lines[0], G_FILE_TEST_EXISTS));
  /* pg_ctl -w waited for the server to exit; init reaps it a moment later. */
  for (int i = 0; i < 50 && !process_gone (server); i++)
    g_usleep (100 * 1000);
  g_assert_true (process_gone (server));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dd_init_i18n ();

  g_test_add_data_func ("/pg/harness/sigterm", GINT_TO_POINTER (SIGTERM), test_harness_signal);
  g_test_add_data_func ("/pg/harness/sigint", GINT_TO_POINTER (SIGINT), test_harness_signal);
  /* A subprocess of the tests above starts its own cluster. */
  if (g_test_subprocess ())
    return g_test_run ();

  cluster = dd_test_pg_cluster_start ();
#define ADD(path, func) \
  g_test_add (path, DdTestPgFixture, cluster, dd_test_pg_fixture_setup, func, dd_test_pg_fixture_teardown)
  ADD ("/pg/init/idempotent", test_init_idempotent);
  ADD ("/pg/init/refuse-newer", test_refuse_newer);
  ADD ("/pg/roles/unit-editor", test_roles_unit_editor);
  ADD ("/pg/roles/viewer", test_roles_viewer);
  ADD ("/pg/audit/session-user", test_audit_session_user);
  ADD ("/pg/status/equals-c-rule", test_status_equals_c_rule);
#undef ADD
  status = g_test_run ();
  dd_test_pg_cluster_stop (cluster);
  return status;
}
