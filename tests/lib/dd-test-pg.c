/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dd-test-pg.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define PG_BIN "/usr/lib/postgresql/15/bin"
#define SUPERUSER "postgres"

struct _DdTestPgCluster
{
  char *dir;         /* the temporary folder: data/, the socket, the log */
  char *data_dir;
  gboolean as_postgres;  /* run as the postgres system user (we are root) */
  guint n_databases;
};

/* What the handler of a fatal signal runs, made before any test runs:
 * stopping the server at once, then removing its folder. */
static char **abort_argv;
static char **abort_rm_argv;

/* The signals that end a test program without its stopping the cluster:
 * an assertion (SIGABRT), meson's timeout (SIGTERM), Ctrl+C (SIGINT), a
 * closed terminal (SIGHUP). */
static const int fatal_signals[] = { SIGABRT, SIGTERM, SIGINT, SIGHUP };

static void
run_in_child (char **argv)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      execv (argv[0], argv);
      _exit (127);
    }
  if (pid > 0)
    waitpid (pid, NULL, 0);
}

/* argv for @tool of PG_BIN with @args, through runuser when we are root. */
static GStrv
tool_argv (DdTestPgCluster *cluster,
           const char      *tool,
           const char      *const *args)
{
  GStrvBuilder *builder = g_strv_builder_new ();

  if (cluster->as_postgres)
    {
      g_strv_builder_add (builder, "/usr/sbin/runuser");
      g_strv_builder_add (builder, "-u");
      g_strv_builder_add (builder, "postgres");
      g_strv_builder_add (builder, "--");
    }
  g_autofree char *path = g_build_filename (PG_BIN, tool, NULL);
  GStrv argv;

  g_strv_builder_add (builder, path);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return argv;
}

static void
run_tool (DdTestPgCluster *cluster,
          const char      *tool,
          const char      *const *args)
{
  g_auto(GStrv) argv = tool_argv (cluster, tool, args);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (cluster->dir, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s\n%s", tool, out, err);
}

/* Only async-signal-safe calls: fork, execv, waitpid, raise. The handler
 * is reset on entry (SA_RESETHAND), so raising the signal again ends the
 * program as the signal would have. */
static void
on_fatal_signal (int signum)
{
  if (abort_argv != NULL)
    run_in_child (abort_argv);
  if (abort_rm_argv != NULL)
    run_in_child (abort_rm_argv);
  raise (signum);
}

static void
set_fatal_handlers (gboolean install)
{
  struct sigaction action = { 0 };

  sigemptyset (&action.sa_mask);
  action.sa_handler = install ? on_fatal_signal : SIG_DFL;
  action.sa_flags = install ? SA_RESETHAND : 0;
  for (guint i = 0; i < G_N_ELEMENTS (fatal_signals); i++)
    sigaction (fatal_signals[i], &action, NULL);
}

DdTestPgCluster *
dd_test_pg_cluster_start (void)
{
  DdTestPgCluster *cluster = g_new0 (DdTestPgCluster, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *server_options = NULL;
  g_autofree char *log = NULL;

  if (!g_file_test (PG_BIN "/initdb", G_FILE_TEST_IS_EXECUTABLE))
    g_error ("PostgreSQL 15 is not installed (%s): bash .ci/dev deps installs it", PG_BIN "/initdb");

  /* Under /tmp: a socket's path must stay short (107 bytes). */
  cluster->dir = g_dir_make_tmp ("dd-pg-XXXXXX", &error);
  g_assert_no_error (error);
  cluster->data_dir = g_build_filename (cluster->dir, "data", NULL);
  cluster->as_postgres = geteuid () == 0;
  if (cluster->as_postgres)
    {
      /* initdb refuses root: the cluster is the postgres system user's. */
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL)
        g_error ("Running as root but there is no “postgres” system user to run the server");
      if (chown (cluster->dir, pw->pw_uid, pw->pw_gid) != 0)
        g_error ("chown %s: %s", cluster->dir, g_strerror (errno));
    }

  {
    const char *args[] = { "-D", cluster->data_dir, "-U", SUPERUSER, "--auth=trust", "--no-sync",
                           "-E", "UTF8", "--locale=C.UTF-8", NULL };
    run_tool (cluster, "initdb", args);
  }

  {
    /* One role logs in with a password, for the tests of a wrong one. */
    g_autofree char *hba = g_build_filename (cluster->data_dir, "pg_hba.conf", NULL);
    g_autofree char *rules = NULL;
    g_autofree char *with_password = NULL;

    g_file_get_contents (hba, &rules, NULL, &error);
    g_assert_no_error (error);
    with_password = g_strconcat ("local all " DD_TEST_PG_PASSWORD_ROLE " scram-sha-256\n", rules, NULL);
    g_file_set_contents (hba, with_password, -1, &error);
    g_assert_no_error (error);
  }

  log = g_build_filename (cluster->dir, "server.log", NULL);
  server_options = g_strdup_printf ("-k %s -c listen_addresses='' -c fsync=off "
                                    "-c full_page_writes=off -c synchronous_commit=off",
                                    cluster->dir);
  {
    const char *args[] = { "-D", cluster->data_dir, "-l", log, "-o", server_options, "-w", "start", NULL };
    run_tool (cluster, "pg_ctl", args);
  }

  {
    const char *args[] = { "-D", cluster->data_dir, "-m", "immediate", "-w", "stop", NULL };
    const char *rm[] = { "/bin/rm", "-rf", cluster->dir, NULL };

    abort_argv = tool_argv (cluster, "pg_ctl", args);
    abort_rm_argv = g_strdupv ((char **) rm);
    set_fatal_handlers (TRUE);
  }
  return cluster;
}

void
dd_test_pg_cluster_stop (DdTestPgCluster *cluster)
{
  const char *args[] = { "-D", cluster->data_dir, "-m", "fast", "-w", "stop", NULL };
  const char *rm[] = { "rm", "-rf", cluster->dir, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  run_tool (cluster, "pg_ctl", args);
  set_fatal_handlers (FALSE);
  g_clear_pointer (&abort_argv, g_strfreev);
  g_clear_pointer (&abort_rm_argv, g_strfreev);

  /* The folder and everything in it (the cluster's files). */
  g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_false (g_file_test (cluster->dir, G_FILE_TEST_EXISTS));

  g_free (cluster->data_dir);
  g_free (cluster->dir);
  g_free (cluster);
}

const char *
dd_test_pg_cluster_get_socket_dir (DdTestPgCluster *cluster)
{
  return cluster->dir;
}

char *
dd_test_pg_uri (DdTestPgCluster *cluster,
                const char      *database,
                const char      *user)
{
  return g_strdup_printf ("postgresql:///%s?host=%s&user=%s", database, cluster->dir,
                          user != NULL ? user : SUPERUSER);
}

PGconn *
dd_test_pg_connect (DdTestPgCluster *cluster,
                    const char      *database,
                    const char      *user)
{
  g_autofree char *uri = dd_test_pg_uri (cluster, database, user);
  PGconn *conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to %s: %s", uri, PQerrorMessage (conn));
  PQclear (PQexec (conn, "SET client_min_messages = warning"));
  return conn;
}

void
dd_test_pg_exec (PGconn     *conn,
                 const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s\nfailed: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

char *
dd_test_pg_dup_value (PGconn     *conn,
                      const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  char *value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) < 1)
    g_error ("%s\nfailed: %s", sql, PQresultErrorMessage (result));
  value = PQgetisnull (result, 0, 0) ? NULL : g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

void
dd_test_pg_fixture_setup (DdTestPgFixture *fixture,
                          gconstpointer    data)
{
  DdTestPgCluster *cluster = (DdTestPgCluster *) data;
  PGconn *admin = dd_test_pg_connect (cluster, "postgres", NULL);
  g_autofree char *sql = NULL;

  fixture->cluster = cluster;
  fixture->database = g_strdup_printf ("dd_test_%u", ++cluster->n_databases);
  sql = g_strdup_printf ("CREATE DATABASE %s", fixture->database);
  dd_test_pg_exec (admin, sql);
  PQfinish (admin);
  fixture->uri = dd_test_pg_uri (cluster, fixture->database, NULL);
  fixture->conn = dd_test_pg_connect (cluster, fixture->database, NULL);
}

void
dd_test_pg_fixture_teardown (DdTestPgFixture *fixture,
                             gconstpointer    data)
{
  PGconn *admin = dd_test_pg_connect (fixture->cluster, "postgres", NULL);
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", fixture->database);

  PQfinish (fixture->conn);
  dd_test_pg_exec (admin, sql);
  PQfinish (admin);
  g_free (fixture->database);
  g_free (fixture->uri);
}

GPid
dd_test_pg_cluster_get_server_pid (DdTestPgCluster *cluster)
{
  g_autofree char *path = g_build_filename (cluster->data_dir, "postmaster.pid", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return (GPid) g_ascii_strtoll (contents, NULL, 10);
}
