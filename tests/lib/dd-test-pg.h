/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/*
 * A throwaway PostgreSQL 15 cluster for the tests (no mock): Debian's
 * initdb and pg_ctl (/usr/lib/postgresql/15/bin) in a temporary folder,
 * listening on a Unix socket in that folder only (no TCP unless asked:
 * then 127.0.0.1 only), with "trust" logins for the test's roles. Run as root (CI), the server runs as the
 * "postgres" system user (runuser), the folder given to it; otherwise as
 * the user running the tests. Start a cluster in main() before
 * g_test_run() (or in a test), stop it after. It is also stopped (at
 * once) and its folder removed when the program is ended by SIGABRT (a
 * failed assertion), SIGTRAP (g_error()), SIGTERM (meson's timeout),
 * SIGINT or SIGHUP; up to four clusters at once (a primary and its
 * standby, a TLS one). The cluster's
 * superuser is "postgres".
 */

typedef struct _DdTestPgCluster DdTestPgCluster;

/* The one role that logs in with a password (scram-sha-256) rather than
 * "trust": a test creates it with the password it wants. */
#define DD_TEST_PG_PASSWORD_ROLE "dd_password"

/* What a cluster is started with, besides the Unix socket. */
typedef enum
{
  DD_TEST_PG_TCP = 1 << 0,      /* also listens on 127.0.0.1, at a free port */
  DD_TEST_PG_TLS = 1 << 1,      /* ssl = on with a self-signed certificate for "localhost" that
                                 * openssl makes at start (implies TCP) */
  DD_TEST_PG_DURABLE = 1 << 2,  /* synchronous_commit on: an acknowledged commit survives a kill */
  DD_TEST_PG_MANY = 1 << 3,     /* max_connections 250 (the load benchmark's desktops) */
} DdTestPgFlags;

DdTestPgCluster *dd_test_pg_cluster_start   (void);
DdTestPgCluster *dd_test_pg_cluster_start_with (DdTestPgFlags flags);
/* A hot standby of @primary on this machine: pg_basebackup -R, streaming
 * replication over @primary's socket; read-only. Stop it before @primary. */
DdTestPgCluster *dd_test_pg_cluster_start_standby (DdTestPgCluster *primary);
/* SIGKILL to the server and every backend at once; returns when they are
 * gone. dd_test_pg_cluster_restart() starts it again (crash recovery). */
void             dd_test_pg_cluster_kill    (DdTestPgCluster *cluster);
void             dd_test_pg_cluster_restart (DdTestPgCluster *cluster);
/* pg_ctl stop -m @mode ("smart", "fast" or "immediate"), waiting for the
 * server to be gone; its folder stays for dd_test_pg_cluster_restart(). */
void             dd_test_pg_cluster_halt    (DdTestPgCluster *cluster,
                                             const char      *mode);
guint            dd_test_pg_cluster_get_port (DdTestPgCluster *cluster);
/* DD_TEST_PG_TLS: the server's certificate, its own authority (a file). */
const char      *dd_test_pg_cluster_get_certificate (DdTestPgCluster *cluster);
/* DD_TEST_PG_TCP: a URI over TCP to "localhost" (127.0.0.1) with @sslmode. */
char            *dd_test_pg_tcp_uri         (DdTestPgCluster *cluster,
                                             const char      *database,
                                             const char      *user,
                                             const char      *sslmode);
void             dd_test_pg_cluster_stop    (DdTestPgCluster *cluster);
const char      *dd_test_pg_cluster_get_socket_dir (DdTestPgCluster *cluster);

/* The server's process id (its postmaster.pid). */
GPid             dd_test_pg_cluster_get_server_pid (DdTestPgCluster *cluster);

/* A libpq URI for @database as @user (NULL: the superuser). */
char            *dd_test_pg_uri             (DdTestPgCluster *cluster,
                                             const char      *database,
                                             const char      *user);
/* A connection, asserted to succeed. */
PGconn          *dd_test_pg_connect         (DdTestPgCluster *cluster,
                                             const char      *database,
                                             const char      *user);
/* Runs @sql, asserting that it succeeds. */
void             dd_test_pg_exec            (PGconn          *conn,
                                             const char      *sql);
/* The first value of @sql's first row, asserted to exist. */
char            *dd_test_pg_dup_value       (PGconn          *conn,
                                             const char      *sql);

/*
 * A g_test fixture: a fresh database of its own for each test case, made on
 * the cluster given as the test's data and dropped after it.
 */
typedef struct
{
  DdTestPgCluster *cluster;
  char *database;
  char *uri;       /* the superuser's */
  PGconn *conn;    /* the superuser's connection to it */
} DdTestPgFixture;

void dd_test_pg_fixture_setup    (DdTestPgFixture *fixture,
                                  gconstpointer    cluster);
void dd_test_pg_fixture_teardown (DdTestPgFixture *fixture,
                                  gconstpointer    cluster);

G_END_DECLS
