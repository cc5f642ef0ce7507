/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dd-test-pg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
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
  guint port;        /* 5432 on the socket only; a free one with TCP */
  DdTestPgFlags flags;
  char *server_options;
  char *certificate; /* TLS: the server's self-signed certificate */
  int slot;          /* in the fatal signals' table */
};

/* What the handler of a fatal signal runs for each running cluster, made
 * before any test runs: stopping the server at once, then removing its
 * folder. */
#define MAX_CLUSTERS 4
static char **abort_argv[MAX_CLUSTERS];
static char **abort_rm_argv[MAX_CLUSTERS];

/* The signals that end a test program without its stopping the cluster:
 * an assertion (SIGABRT), g_error() and a fatal critical (SIGTRAP),
 * meson's timeout (SIGTERM), Ctrl+C (SIGINT), a closed terminal (SIGHUP). */
static const int fatal_signals[] = { SIGABRT, SIGTRAP, SIGTERM, SIGINT, SIGHUP };

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
    {
      g_autofree char *log_path = g_build_filename (cluster->dir, "server.log", NULL);
      g_autofree char *log = NULL;

      g_file_get_contents (log_path, &log, NULL, NULL);
      g_error ("%s failed:\n%s\n%s\nThe server's log:\n%s", tool, out, err, log != NULL ? log : "");
    }
}

/* Runs @program with @args as the server's user (in its folder). */
static void
run_as_server (DdTestPgCluster *cluster,
               const char      *program,
               const char      *const *args)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (cluster->as_postgres)
    {
      const char *runuser[] = { "/usr/sbin/runuser", "-u", "postgres", "--", NULL };

      g_strv_builder_addv (builder, runuser);
    }
  g_strv_builder_add (builder, program);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  g_spawn_sync (cluster->dir, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s\n%s", program, out, err);
}

/* Only async-signal-safe calls: fork, execv, waitpid, raise. The handler
 * is reset on entry (SA_RESETHAND), so raising the signal again ends the
 * program as the signal would have. */
static void
on_fatal_signal (int signum)
{
  for (int i = MAX_CLUSTERS - 1; i >= 0; i--)
    {
      if (abort_argv[i] != NULL)
        run_in_child (abort_argv[i]);
      if (abort_rm_argv[i] != NULL)
        run_in_child (abort_rm_argv[i]);
    }
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

/* A free TCP port on 127.0.0.1 (the kernel's choice, released at once). */
static guint
free_port (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = 0 };
  socklen_t len = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  guint port;

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || bind (fd, (struct sockaddr *) &address, sizeof address) != 0
      || getsockname (fd, (struct sockaddr *) &address, &len) != 0)
    g_error ("No free TCP port on 127.0.0.1: %s", g_strerror (errno));
  port = ntohs (address.sin_port);
  close (fd);
  return port;
}

/* A temporary folder the server's user owns. */
static DdTestPgCluster *
cluster_new (DdTestPgFlags flags)
{
  DdTestPgCluster *cluster = g_new0 (DdTestPgCluster, 1);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (PG_BIN "/initdb", G_FILE_TEST_IS_EXECUTABLE))
    g_error ("PostgreSQL 15 is not installed (%s): bash .ci/dev deps installs it", PG_BIN "/initdb");

  /* Under /tmp: a socket's path must stay short (107 bytes). */
  cluster->dir = g_dir_make_tmp ("dd-pg-XXXXXX", &error);
  g_assert_no_error (error);
  cluster->data_dir = g_build_filename (cluster->dir, "data", NULL);
  cluster->as_postgres = geteuid () == 0;
  cluster->flags = flags;
  cluster->slot = -1;
  if (flags & DD_TEST_PG_TLS)
    cluster->flags |= DD_TEST_PG_TCP;
  cluster->port = (cluster->flags & DD_TEST_PG_TCP) ? free_port () : 5432;
  if (cluster->as_postgres)
    {
      /* initdb refuses root: the cluster is the postgres system user's. */
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL)
        g_error ("Running as root but there is no “postgres” system user to run the server");
      if (chown (cluster->dir, pw->pw_uid, pw->pw_gid) != 0)
        g_error ("chown %s: %s", cluster->dir, g_strerror (errno));
    }
  return cluster;
}

/* One role logs in with a password, for the tests of a wrong one. */
static void
add_password_role (DdTestPgCluster *cluster)
{
  g_autofree char *hba = g_build_filename (cluster->data_dir, "pg_hba.conf", NULL);
  g_autofree char *rules = NULL;
  g_autofree char *with_password = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (hba, &rules, NULL, &error);
  g_assert_no_error (error);
  with_password = g_strconcat ("local all " DD_TEST_PG_PASSWORD_ROLE " scram-sha-256\n"
                               "host all " DD_TEST_PG_PASSWORD_ROLE " 127.0.0.1/32 scram-sha-256\n",
                               rules, NULL);
  g_file_set_contents (hba, with_password, -1, &error);
  g_assert_no_error (error);
}

/* A self-signed certificate for "localhost" (its own certificate
 * authority), made by openssl as the server's user in its data folder. */
static void
make_certificate (DdTestPgCluster *cluster)
{
  const char *req[] = { "-c", "cd \"$0\" && openssl req -x509 -newkey rsa:2048 -nodes -days 2 "
                              "-subj /CN=localhost -addext subjectAltName=DNS:localhost "
                              "-keyout server.key -out server.crt 2>/dev/null && chmod 600 server.key",
                        cluster->data_dir, NULL };
  g_autofree char *copy = g_build_filename (cluster->dir, "ca.crt", NULL);
  g_autofree char *pem = NULL;
  g_autofree char *from = g_build_filename (cluster->data_dir, "server.crt", NULL);
  g_autoptr(GError) error = NULL;

  run_as_server (cluster, "/bin/sh", req);
  g_file_get_contents (from, &pem, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (pem, "BEGIN CERTIFICATE"));
  g_file_set_contents (copy, pem, -1, &error);
  g_assert_no_error (error);
  cluster->certificate = g_steal_pointer (&copy);
}

/* Starts the server of @cluster's data folder (also after a crash) and
 * registers it for the fatal signals. */
static void
server_start (DdTestPgCluster *cluster)
{
  g_autofree char *log = g_build_filename (cluster->dir, "server.log", NULL);

  if (cluster->server_options == NULL)
    cluster->server_options = g_strdup_printf (
      "-k %s -p %u -c listen_addresses='%s' -c fsync=off -c full_page_writes=off%s%s%s",
      cluster->dir, cluster->port, (cluster->flags & DD_TEST_PG_TCP) ? "127.0.0.1" : "",
      (cluster->flags & DD_TEST_PG_DURABLE) ? "" : " -c synchronous_commit=off",
      (cluster->flags & DD_TEST_PG_TLS) ? " -c ssl=on" : "",
      (cluster->flags & DD_TEST_PG_MANY) ? " -c max_connections=250 -c shared_buffers=256MB" : "");
  {
    const char *args[] = { "-D", cluster->data_dir, "-l", log, "-o", cluster->server_options, "-w",
                           "start", NULL };
    run_tool (cluster, "pg_ctl", args);
  }

  if (cluster->slot < 0)
    {
      const char *args[] = { "-D", cluster->data_dir, "-m", "immediate", "-w", "stop", NULL };
      const char *rm[] = { "/bin/rm", "-rf", cluster->dir, NULL };
      gboolean first = TRUE;

      for (int i = 0; i < MAX_CLUSTERS; i++)
        first &= abort_argv[i] == NULL;
      for (int i = 0; i < MAX_CLUSTERS && cluster->slot < 0; i++)
        if (abort_argv[i] == NULL)
          cluster->slot = i;
      g_assert_cmpint (cluster->slot, >=, 0);
      abort_argv[cluster->slot] = tool_argv (cluster, "pg_ctl", args);
      abort_rm_argv[cluster->slot] = g_strdupv ((char **) rm);
      if (first)
        set_fatal_handlers (TRUE);
    }
}

DdTestPgCluster *
dd_test_pg_cluster_start_with (DdTestPgFlags flags)
{
  DdTestPgCluster *cluster = cluster_new (flags);
  const char *args[] = { "-D", cluster->data_dir, "-U", SUPERUSER, "--auth=trust", "--no-sync",
                         "-E", "UTF8", "--locale=C.UTF-8", NULL };

  run_tool (cluster, "initdb", args);
  add_password_role (cluster);
  if (cluster->flags & DD_TEST_PG_TLS)
    make_certificate (cluster);
  server_start (cluster);
  return cluster;
}

DdTestPgCluster *
dd_test_pg_cluster_start (void)
{
  return dd_test_pg_cluster_start_with (0);
}

DdTestPgCluster *
dd_test_pg_cluster_start_standby (DdTestPgCluster *primary)
{
  DdTestPgCluster *cluster = cluster_new (0);
  g_autofree char *port = g_strdup_printf ("%u", primary->port);
  const char *args[] = { "-D", cluster->data_dir, "-h", primary->dir, "-p", port, "-U", SUPERUSER,
                         "-R", "-X", "stream", "--no-sync", "-c", "fast", NULL };

  /* A copy of the primary that keeps streaming its changes (-R writes
   * primary_conninfo and standby.signal): a hot standby, read-only. */
  run_tool (cluster, "pg_basebackup", args);
  server_start (cluster);
  return cluster;
}

/* Whether process @pid is gone (or a zombie nobody reaps). */
static gboolean
process_gone (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *close_paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  close_paren = strrchr (stat, ')');
  return close_paren == NULL || close_paren[2] == 'Z' || close_paren[2] == 'X';
}

/* The processes whose parent is @parent. */
static GArray *
children_of (GPid parent)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/stat", name);
      g_autofree char *stat = NULL;
      const char *close_paren;
      GPid pid = (GPid) g_ascii_strtoll (name, NULL, 10);
      int ppid = 0;

      if (pid <= 0 || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      close_paren = strrchr (stat, ')');
      if (close_paren != NULL && sscanf (close_paren + 2, "%*c %d", &ppid) == 1 && ppid == (int) parent)
        g_array_append_val (pids, pid);
    }
  return pids;
}

void
dd_test_pg_cluster_kill (DdTestPgCluster *cluster)
{
  GPid server = dd_test_pg_cluster_get_server_pid (cluster);
  g_autoptr(GArray) children = children_of (server);

  /* The postmaster and every backend at once, as the kernel's OOM killer
   * or a power cut would: no shutdown, no checkpoint. */
  kill (server, SIGKILL);
  for (guint i = 0; i < children->len; i++)
    kill (g_array_index (children, GPid, i), SIGKILL);
  for (guint tries = 0; !process_gone (server); tries++)
    {
      g_assert_cmpuint (tries, <, 3000);
      g_usleep (10000);
    }
  for (guint i = 0; i < children->len; i++)
    for (guint tries = 0; !process_gone (g_array_index (children, GPid, i)); tries++)
      {
        g_assert_cmpuint (tries, <, 3000);
        g_usleep (10000);
      }
  /* A dead postmaster nobody has reaped yet still answers kill (pid, 0),
   * and the next one would take it for a running server: its lock files
   * (the data folder's, the socket's) go, as an administrator removes
   * them after a crash. */
  {
    g_autofree char *lock = g_build_filename (cluster->data_dir, "postmaster.pid", NULL);
    g_autofree char *proc = g_strdup_printf ("/proc/%d", (int) server);

    for (guint tries = 0; tries < 100 && g_file_test (proc, G_FILE_TEST_EXISTS); tries++)
      g_usleep (10000);
    g_autofree char *socket_lock = g_strdup_printf ("%s/.s.PGSQL.%u.lock", cluster->dir, cluster->port);

    if (g_file_test (proc, G_FILE_TEST_EXISTS))
      {
        g_assert_cmpint (g_unlink (lock), ==, 0);
        g_unlink (socket_lock);
      }
  }
}

void
dd_test_pg_cluster_restart (DdTestPgCluster *cluster)
{
  server_start (cluster);
}

void
dd_test_pg_cluster_halt (DdTestPgCluster *cluster,
                         const char      *mode)
{
  const char *args[] = { "-D", cluster->data_dir, "-m", mode, "-w", "stop", NULL };

  run_tool (cluster, "pg_ctl", args);
}

guint
dd_test_pg_cluster_get_port (DdTestPgCluster *cluster)
{
  return cluster->port;
}

const char *
dd_test_pg_cluster_get_certificate (DdTestPgCluster *cluster)
{
  return cluster->certificate;
}

char *
dd_test_pg_tcp_uri (DdTestPgCluster *cluster,
                    const char      *database,
                    const char      *user,
                    const char      *sslmode)
{
  g_assert_true (cluster->flags & DD_TEST_PG_TCP);
  return g_strdup_printf ("postgresql://%s@localhost:%u/%s?hostaddr=127.0.0.1&sslmode=%s",
                          user != NULL ? user : SUPERUSER, cluster->port, database, sslmode);
}

void
dd_test_pg_cluster_stop (DdTestPgCluster *cluster)
{
  const char *args[] = { "-D", cluster->data_dir, "-m", "fast", "-w", "stop", NULL };
  const char *rm[] = { "rm", "-rf", cluster->dir, NULL };
  g_autoptr(GError) error = NULL;
  gboolean last = TRUE;
  int status;

  run_tool (cluster, "pg_ctl", args);
  if (cluster->slot >= 0)
    {
      g_clear_pointer (&abort_argv[cluster->slot], g_strfreev);
      g_clear_pointer (&abort_rm_argv[cluster->slot], g_strfreev);
    }
  for (int i = 0; i < MAX_CLUSTERS; i++)
    last &= abort_argv[i] == NULL;
  if (last)
    set_fatal_handlers (FALSE);

  /* The folder and everything in it (the cluster's files). */
  g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_false (g_file_test (cluster->dir, G_FILE_TEST_EXISTS));

  g_free (cluster->server_options);
  g_free (cluster->certificate);
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
  return g_strdup_printf ("postgresql:///%s?host=%s&port=%u&user=%s", database, cluster->dir, cluster->port,
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
