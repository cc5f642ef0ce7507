/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The faults of a server, each against throwaway PostgreSQL 15 clusters
 * this program starts (no mock), from outside (the built dondoc-cli, in
 * Vietnamese): TLS required but not offered; a self-signed certificate
 * (made by openssl at start) checked with verify-full, with its authority,
 * without one, with another one, and for another host name; a hot standby
 * (pg_basebackup -R, streaming replication on this machine) that is read
 * and refuses writes; the server killed (SIGKILL to every process) in the
 * middle of a save, and just after one. Each time: a clear translated
 * message and nothing written, or the save there whole.
 * (A wrong password, a server that is down, a login without a role and a
 * newer schema are /pg/faults of test-pg-backends and test-pg.)
 */
#include <dondoc/dondoc.h>

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "dd-test-pg.h"
#include "dd-export-private.h"
#include "dd-pg-private.h"

/* TCP on 127.0.0.1 without TLS; commits survive a kill. */
static DdTestPgCluster *cluster;

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* The environment of a Vietnamese desktop. */
static char **
vietnamese_environment (void)
{
  char **envp = g_get_environ ();
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));
  gboolean have_vi = setlocale (LC_ALL, "vi_VN.UTF-8") != NULL;

  setlocale (LC_ALL, old);
  envp = g_environ_setenv (envp, "LANGUAGE", "vi", TRUE);
  /* Without vi_VN.UTF-8, glibc still follows LANGUAGE under C.UTF-8. */
  envp = g_environ_setenv (envp, "LC_ALL", have_vi ? "vi_VN.UTF-8" : "C.UTF-8", TRUE);
  /* No ~/.postgresql of the machine's: certificates only as the URI says. */
  envp = g_environ_setenv (envp, "PGSSLROOTCERT", "", TRUE);
  return envp;
}

/* Runs the built dondoc-cli with the NULL-terminated arguments, in
 * Vietnamese; its exit status and output. */
static Run
run_cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = vietnamese_environment ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  Run run = { 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("DONDOC_CLI"));
  g_ptr_array_add (argv, (gpointer) first);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &run.out, &run.err,
                &run.status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (run.status));
  run.status = WEXITSTATUS (run.status);
  return run;
}

/* Refused: exit 1, nothing on standard output, and each of the
 * NULL-terminated texts in the message. */
static void
assert_refused (Run *run, ...)
{
  const char *text;
  va_list args;

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  va_start (args, run);
  while ((text = va_arg (args, const char *)) != NULL)
    if (strstr (run->err, text) == NULL)
      g_error ("expected “%s” in: %s", text, run->err);
  va_end (args);
  run_clear (run);
}

static int
count (PGconn *conn, const char *sql)
{
  g_autofree char *value = dd_test_pg_dup_value (conn, sql);

  return atoi (value);
}

/* The sample office moved to @fixture's database (init, migrate). */
static char *
move_office (DdTestPgFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dd-faults-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "office.sqlite", NULL);
  Run run;

  g_assert_no_error (error);
  run = run_cli ("--db", file, "--sample-data", "summary", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run = run_cli ("--db", fixture->uri, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run = run_cli ("migrate", "--from", file, "--to", fixture->uri, NULL);
  if (run.status != 0)
    g_error ("migrate: %s", run.err);
  run_clear (&run);
  g_unlink (file);
  return dir;
}

/* What a refused command must leave as it was. */
typedef struct
{
  int progress;
  int updates;
  int audit;
} Snapshot;

static Snapshot
snapshot (PGconn *conn, int task)
{
  g_autofree char *sql = g_strdup_printf ("SELECT progress FROM tasks WHERE id = %d", task);

  return (Snapshot) {
    .progress = count (conn, sql),
    .updates = count (conn, "SELECT count(*) FROM progress_updates"),
    .audit = count (conn, "SELECT count(*) FROM audit_log"),
  };
}

static void
assert_unchanged (PGconn *conn, int task, const Snapshot *before)
{
  Snapshot now = snapshot (conn, task);

  g_assert_cmpint (now.progress, ==, before->progress);
  g_assert_cmpint (now.updates, ==, before->updates);
  g_assert_cmpint (now.audit, ==, before->audit);
}

/* TLS */

/* sslmode=require against a server without TLS: refused before anything
 * is sent; init writes no schema. */
static void
test_tls_missing (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autofree char *require = dd_test_pg_tcp_uri (fixture->cluster, fixture->database, NULL, "require");
  g_autofree char *plain = dd_test_pg_tcp_uri (fixture->cluster, fixture->database, NULL, "disable");
  g_autofree char *schema = NULL;
  Run run;

  run = run_cli ("--db", require, "init", NULL);
  assert_refused (&run, "đòi hỏi mã hóa (TLS, sslmode=require)", "Chưa có gì được gửi", NULL);
  g_assert_null (dd_test_pg_dup_value (fixture->conn, "SELECT to_regclass ('public.dondoc_schema')"));
  run = run_cli ("--db", require, "tasks", NULL);
  assert_refused (&run, "đòi hỏi mã hóa", NULL);

  /* The same server over TCP without TLS: it was the TLS. */
  run = run_cli ("--db", plain, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  schema = dd_test_pg_dup_value (fixture->conn, "SELECT to_regclass ('public.dondoc_schema')");
  g_assert_cmpstr (schema, ==, "dondoc_schema");
}

/* Another self-signed certificate authority, not the server's. */
static char *
make_other_authority (const char *dir)
{
  g_autofree char *key = g_build_filename (dir, "other.key", NULL);
  char *crt = g_build_filename (dir, "other.crt", NULL);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                         "-subj", "/CN=localhost", "-keyout", key, "-out", crt, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return crt;
}

/* The URI of @tls's database @database with verify-full, @root as the
 * authority, to @host. */
static char *
verify_uri (DdTestPgCluster *tls, const char *database, const char *root, const char *host)
{
  return g_strdup_printf ("postgresql://postgres@%s:%u/%s?hostaddr=127.0.0.1&sslmode=verify-full"
                          "&sslrootcert=%s", host, dd_test_pg_cluster_get_port (tls), database, root);
}

/* A server with a self-signed certificate: verify-full with its authority
 * connects over TLS; without an authority, with another one or to a name
 * the certificate is not for, refused and nothing written. */
static void
test_tls_verify (void)
{
  DdTestPgCluster *tls = dd_test_pg_cluster_start_with (DD_TEST_PG_TLS);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-tls-XXXXXX", &error);
  g_autofree char *absent = g_build_filename (dir, "absent.crt", NULL);
  g_autofree char *other = make_other_authority (dir);
  g_autofree char *schema = NULL;
  const char *ca = dd_test_pg_cluster_get_certificate (tls);
  g_autofree char *good = verify_uri (tls, "postgres", ca, "localhost");
  g_autofree char *no_ca = verify_uri (tls, "postgres", absent, "localhost");
  g_autofree char *wrong_ca = verify_uri (tls, "postgres", other, "localhost");
  g_autofree char *wrong_name = verify_uri (tls, "postgres", ca, "127.0.0.1");
  PGconn *conn;
  PGconn *admin = dd_test_pg_connect (tls, "postgres", NULL);
  Run run;

  g_assert_no_error (error);
  run = run_cli ("--db", no_ca, "init", NULL);
  assert_refused (&run, "sslmode=verify-full", absent, "không có tệp chứng thư", "Chưa có gì được gửi", NULL);
  run = run_cli ("--db", wrong_ca, "init", NULL);
  assert_refused (&run, "không do tổ chức cấp", other, NULL);
  run = run_cli ("--db", wrong_name, "init", NULL);
  assert_refused (&run, "không cấp cho tên máy “127.0.0.1”", NULL);
  g_assert_null (dd_test_pg_dup_value (admin, "SELECT to_regclass ('public.dondoc_schema')"));

  run = run_cli ("--db", good, "init", NULL);
  if (run.status != 0)
    g_error ("init over TLS: %s", run.err);
  run_clear (&run);
  schema = dd_test_pg_dup_value (admin, "SELECT to_regclass ('public.dondoc_schema')");
  g_assert_cmpstr (schema, ==, "dondoc_schema");
  run = run_cli ("--db", good, "tasks", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "[]\n");
  run_clear (&run);
  /* The URI the app took is indeed TLS, checked. */
  conn = PQconnectdb (good);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_assert_cmpint (PQsslInUse (conn), ==, 1);
  PQfinish (conn);

  PQfinish (admin);
  dd_test_pg_cluster_stop (tls);
  g_unlink (other);
  {
    g_autofree char *key = g_build_filename (dir, "other.key", NULL);

    g_unlink (key);
  }
  g_rmdir (dir);
}

/* A hot standby */

/* Waits until @standby has replayed what @primary has written. */
static void
wait_replayed (PGconn *primary, PGconn *standby)
{
  g_autofree char *lsn = dd_test_pg_dup_value (primary, "SELECT pg_current_wal_lsn ()");
  g_autofree char *sql = g_strdup_printf ("SELECT pg_last_wal_replay_lsn () >= '%s'::pg_lsn", lsn);

  for (guint tries = 0; ; tries++)
    {
      g_autofree char *done = dd_test_pg_dup_value (standby, sql);

      if (g_strcmp0 (done, "t") == 0)
        return;
      g_assert_cmpuint (tries, <, 1200);
      g_usleep (50000);
    }
}

/* The app reads from a streaming standby of the office's server and
 * refuses to write there, with a clear message, writing nothing; what
 * the primary saves then shows on the standby. */
static gboolean
set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
count_export_row (const DdExportTask *task, gpointer data, GError **error)
{
  (*(guint *) data)++;
  return TRUE;
}

static void
format_slowly (gpointer data)
{
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
}

static void
test_standby (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autofree char *dir = move_office (fixture);
  DdTestPgCluster *standby = NULL;
  g_autofree char *on_standby = NULL;
  PGconn *replica;
  Snapshot before;
  Run run;

  run = run_cli ("--db", fixture->uri, "user", "set", "boss", "--role", "admin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  standby = dd_test_pg_cluster_start_standby (fixture->cluster);
  on_standby = dd_test_pg_uri (standby, fixture->database, "boss");
  replica = dd_test_pg_connect (standby, fixture->database, NULL);
  wait_replayed (fixture->conn, replica);
  {
    g_autofree char *recovery = dd_test_pg_dup_value (replica, "SELECT pg_is_in_recovery ()::text");

    g_assert_cmpstr (recovery, ==, "true");
  }

  /* It reads: the same tasks as on the primary. */
  {
    g_autofree char *on_primary = dd_test_pg_uri (fixture->cluster, fixture->database, "boss");
    Run a = run_cli ("--db", on_primary, "tasks", "--format", "json", NULL);
    Run b = run_cli ("--db", on_standby, "tasks", "--format", "json", NULL);

    g_assert_cmpint (a.status, ==, 0);
    g_assert_cmpint (b.status, ==, 0);
    g_assert_cmpuint (strlen (a.out), >, 1000);
    g_assert_cmpstr (b.out, ==, a.out);
    run_clear (&a);
    run_clear (&b);
  }

  /* A window's listener on it (a standby cannot LISTEN) says no lost
   * connection: the window shows no bar. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdPg) pg = dd_pg_connect (on_standby, &error);
    g_autoptr(DdStore) store = pg != NULL ? dd_pg_read_store (pg, &error) : NULL;
    g_autoptr(DdPgListener) listener = NULL;
    gboolean waited = FALSE;

    g_assert_no_error (error);
    listener = dd_pg_listener_new (store);
    g_assert_nonnull (listener);
    /* Its attempt: connect, LISTEN refused. */
    g_timeout_add_seconds (3, set_true_cb, &waited);
    while (!waited)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (dd_pg_listener_get_connected (listener));
    g_assert_null (dd_pg_listener_get_error (listener));
  }

  /* An export's rows are read ahead there too: a standby exports its
   * snapshot (dd-pg-prefetch.c). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdPg) pg = dd_pg_connect (on_standby, &error);
    g_autoptr(DdStore) store = pg != NULL ? dd_pg_read_store (pg, &error) : NULL;
    guint n = 0;
    DdTaskQuery query;

    g_assert_no_error (error);
    dd_task_query_init (&query);
    g_date_set_dmy (&query.as_of, 6, 12, 2026);
    /* Three tasks a batch, formatted slowly enough for the next batch's
     * queries to be under way when they are needed. */
    _dd_export_batch_ids = 3;
    _dd_export_slice_hook = format_slowly;
    g_assert_true (_dd_store_export_foreach_query (store, &query, TRUE, count_export_row, &n, &error));
    _dd_export_slice_hook = NULL;
    _dd_export_batch_ids = 0;
    g_assert_no_error (error);
    g_assert_cmpuint (n, >, 6);
    g_assert_cmpuint (_dd_pg_live_count_read_ahead (store), >, 0);
  }

  /* It refuses writes: a save, a report, a role; nothing written. */
  run = run_cli ("--db", fixture->uri, "user", "set", "thu", "--role", "viewer", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  wait_replayed (fixture->conn, replica);
  before = snapshot (fixture->conn, 3);
  run = run_cli ("--db", on_standby, "update", "3", "--progress", "65", NULL);
  assert_refused (&run, "máy chủ dự phòng", "máy chủ chính", "Chưa có gì được lưu", NULL);
  run = run_cli ("--db", on_standby, "report", "record", "7", "--period", "2026-Q3", "--on", "2026-09-10",
                 NULL);
  assert_refused (&run, "máy chủ dự phòng", NULL);
  {
    g_autofree char *standby_admin = dd_test_pg_uri (standby, fixture->database, NULL);

    run = run_cli ("--db", standby_admin, "user", "set", "lan", "--role", "viewer", NULL);
    assert_refused (&run, "máy chủ dự phòng", NULL);
  }
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM pg_roles WHERE rolname = 'lan'"), ==, 0);
  assert_unchanged (fixture->conn, 3, &before);
  assert_unchanged (replica, 3, &before);

  /* Saved on the primary, it shows on the standby. */
  {
    g_autofree char *on_primary = dd_test_pg_uri (fixture->cluster, fixture->database, "boss");

    run = run_cli ("--db", on_primary, "update", "3", "--progress", "65", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
  }
  wait_replayed (fixture->conn, replica);
  g_assert_cmpint (count (replica, "SELECT progress FROM tasks WHERE id = 3"), ==, 65);
  run = run_cli ("--db", on_standby, "tasks", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"progress\" : 65"));
  run_clear (&run);

  PQfinish (replica);
  dd_test_pg_cluster_stop (standby);
  {
    g_autofree char *sample = g_build_filename (dir, "office.sqlite", NULL);

    g_unlink (sample);
    g_rmdir (dir);
  }
}

/* The server killed */

/* The tables a save of progress writes on the server, in the order it
 * writes them (the server's own history of a first save says). */
static GStrv
tables_in_order (DdTestPgFixture *fixture, const char *boss)
{
  int mark = count (fixture->conn, "SELECT max(id) FROM audit_log");
  g_autofree char *sql = g_strdup_printf ("SELECT string_agg (table_name, ' ' ORDER BY first) FROM "
                                          "(SELECT table_name, min(id) AS first FROM audit_log "
                                          "WHERE id > %d GROUP BY table_name) AS touched", mark);
  g_autofree char *tables = NULL;
  Run run = run_cli ("--db", boss, "update", "4", "--progress", "70", NULL);

  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  tables = dd_test_pg_dup_value (fixture->conn, sql);
  return g_strsplit (tables, " ", -1);
}

/* The saving process's backend, once it waits for a lock. */
static void
wait_blocked (PGconn *conn)
{
  for (guint tries = 0; ; tries++)
    {
      if (count (conn, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dd-save' "
                       "AND wait_event_type = 'Lock'") == 1)
        return;
      g_assert_cmpuint (tries, <, 1200);
      g_usleep (50000);
    }
}

/* Kill the server while a save has written part of its rows: the save
 * is reported as failed (in words), and after the server restarts none
 * of it is there. Then kill it just after a save was acknowledged: that
 * save is there whole. */
static void
test_kill_mid_save (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autofree char *dir = move_office (fixture);
  g_autofree char *boss = dd_test_pg_uri (fixture->cluster, fixture->database, "boss");
  g_autofree char *saver = g_strdup_printf ("%s&application_name=dd-save", boss);
  g_auto(GStrv) tables = NULL;
  g_auto(GStrv) envp = vietnamese_environment ();
  const char *argv[] = { g_getenv ("DONDOC_CLI"), "--db", saver, "update", "3", "--progress", "65",
                         "--note", "Lưu khi máy chủ bị tắt", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *holds = NULL;
  PGconn *locker;
  Snapshot before;
  GPid pid;
  int err_fd;
  int status;

  {
    Run run = run_cli ("--db", fixture->uri, "user", "set", "boss", "--role", "admin", NULL);

    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
  }
  tables = tables_in_order (fixture, boss);
  g_assert_cmpuint (g_strv_length (tables), >=, 2);
  before = snapshot (fixture->conn, 3);

  /* Another session holds the last table the save writes (reads go on):
   * the save writes its first rows, then waits in the middle. */
  locker = dd_test_pg_connect (fixture->cluster, fixture->database, NULL);
  lock = g_strdup_printf ("BEGIN; LOCK TABLE %s IN SHARE MODE", tables[g_strv_length (tables) - 1]);
  dd_test_pg_exec (locker, lock);
  g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL, NULL,
                            &err_fd, &error);
  g_assert_no_error (error);
  wait_blocked (fixture->conn);
  holds = g_strdup_printf ("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                           "WHERE a.application_name = 'dd-save' AND l.granted AND l.mode = 'RowExclusiveLock' "
                           "AND l.relation = '%s'::regclass", tables[0]);
  g_assert_cmpint (count (fixture->conn, holds), ==, 1);

  dd_test_pg_cluster_kill (fixture->cluster);
  {
    g_autoptr(GIOChannel) channel = g_io_channel_unix_new (err_fd);

    g_io_channel_set_close_on_unref (channel, TRUE);
    g_io_channel_read_to_end (channel, &err, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  if (strstr (err, "Mất kết nối với máy chủ PostgreSQL") == NULL)
    g_error ("expected the lost connection in: %s", err);

  dd_test_pg_cluster_restart (fixture->cluster);
  PQfinish (locker);
  PQreset (fixture->conn);
  g_assert_cmpint (PQstatus (fixture->conn), ==, CONNECTION_OK);
  assert_unchanged (fixture->conn, 3, &before);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates WHERE "
                                         "note = 'Lưu khi máy chủ bị tắt'"), ==, 0);

  /* Acknowledged, then killed: there whole. */
  {
    Run run = run_cli ("--db", boss, "update", "3", "--progress", "65", "--note", "Lưu xong rồi tắt", NULL);

    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
  }
  dd_test_pg_cluster_kill (fixture->cluster);
  dd_test_pg_cluster_restart (fixture->cluster);
  PQreset (fixture->conn);
  g_assert_cmpint (count (fixture->conn, "SELECT progress FROM tasks WHERE id = 3"), ==, 65);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates WHERE task_id = 3 AND "
                                         "note = 'Lưu xong rồi tắt'"), ==, 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM progress_updates"), ==, before.updates + 1);
  g_assert_cmpint (count (fixture->conn, "SELECT count(*) FROM audit_log WHERE account = 'boss' AND "
                                         "table_name = 'tasks' AND row_id = 3"), ==, 1);
  {
    g_autofree char *sample = g_build_filename (dir, "office.sqlite", NULL);

    g_unlink (sample);
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dd_init_i18n ();

  cluster = dd_test_pg_cluster_start_with (DD_TEST_PG_TCP | DD_TEST_PG_DURABLE);
#define ADD(path, func) \
  g_test_add (path, DdTestPgFixture, cluster, dd_test_pg_fixture_setup, func, dd_test_pg_fixture_teardown)
  ADD ("/pg/faults/tls-missing", test_tls_missing);
  g_test_add_func ("/pg/faults/tls-verify", test_tls_verify);
  ADD ("/pg/faults/standby", test_standby);
  ADD ("/pg/faults/kill-mid-save", test_kill_mid_save);
#undef ADD
  status = g_test_run ();
  dd_test_pg_cluster_stop (cluster);
  return status;
}
