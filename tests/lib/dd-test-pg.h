/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/*
 * A throwaway PostgreSQL 15 cluster for the tests (no mock): Debian's
 * initdb and pg_ctl (/usr/lib/postgresql/15/bin) in a temporary folder,
 * listening on a Unix socket in that folder only (no TCP), with "trust"
 * logins for the test's roles. Run as root (CI), the server runs as the
 * "postgres" system user (runuser), the folder given to it; otherwise as
 * the user running the tests. One cluster a test program: start it in
 * main() before g_test_run(), stop it after. It is also stopped (at once)
 * and its folder removed when the program is ended by SIGABRT (a failed
 * assertion), SIGTERM (meson's timeout), SIGINT or SIGHUP. The cluster's
 * superuser is "postgres".
 */

typedef struct _DdTestPgCluster DdTestPgCluster;

/* The one role that logs in with a password (scram-sha-256) rather than
 * "trust": a test creates it with the password it wants. */
#define DD_TEST_PG_PASSWORD_ROLE "dd_password"

DdTestPgCluster *dd_test_pg_cluster_start   (void);
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
