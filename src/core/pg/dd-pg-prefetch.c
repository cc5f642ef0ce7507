/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <string.h>

#include "dd-pg-private.h"
#include "dd-pg-prefetch-private.h"

/*
 * The next batch of an export's task rows, read ahead (issue #22). An
 * export reads the rows of 100,000 tasks through the tables in place in
 * batches of 4,096 tasks, six queries a batch (the tasks, their
 * coordinators, extensions, people, sources, schedules); each query made
 * the desktop wait for the server, then the server wait while the desktop
 * formatted the rows: about a third of the export's time on a server
 * under load was the desktop waiting.
 *
 * A prefetcher has a connection of its own (the store's parameters:
 * PQconninfo(), the same login and so the same rows under row-level
 * security) and a thread that runs the queries asked of it, in order, in
 * the store's very snapshot: the store's transaction exports it
 * (pg_export_snapshot()), the prefetcher's transaction takes it (SET
 * TRANSACTION SNAPSHOT), so the rows read ahead are those the store would
 * read itself. While the desktop formats a batch, the server reads the
 * next one; the store takes each result by the query and its parameters
 * and reads on its own connection whatever was not asked ahead, or failed.
 * A snapshot's end drops what was asked in it and ends the prefetcher's
 * transaction (it holds the snapshot and its tables' locks).
 */

typedef struct
{
  char *key;                    /* the query and its parameters */
  char *snapshot;               /* pg_export_snapshot()'s id */
  char *sql;
  GPtrArray *params;
  PGresult *result;             /* once run */
  gboolean running;             /* the thread took it from the queue */
  gboolean done;
  gboolean abandoned;           /* dropped while running: the thread frees it */
} Request;

struct _DdPgPrefetch
{
  DdPgParams params;            /* the connection's parameters */
  GThread *thread;
  GMutex lock;
  GCond cond;
  GQueue waiting;               /* Request*, not run yet */
  GHashTable *requests;         /* key → Request*, this generation's, waiting, running or done */
  guint generation;             /* one per snapshot */
  gboolean quit;
  gboolean failed;              /* the connection could not be made: asks nothing more */
  /* The thread's own */
  PGconn *conn;
  char *in_snapshot;            /* the snapshot its transaction took, or NULL */
  guint64 n_taken;
};

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->key);
  g_free (request->snapshot);
  g_free (request->sql);
  g_ptr_array_unref (request->params);
  g_clear_pointer (&request->result, PQclear);
  g_free (request);
}

/* The thread */

static gboolean
exec_ok (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;

  PQclear (result);
  return ok;
}

static void
end_transaction (DdPgPrefetch *self)
{
  if (self->conn != NULL && PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    exec_ok (self->conn, "ROLLBACK");
  g_clear_pointer (&self->in_snapshot, g_free);
}

/* Connected, in a transaction of @snapshot; FALSE if not possible. */
static gboolean
enter_snapshot (DdPgPrefetch *self,
                const char   *snapshot)
{
  g_autofree char *take = NULL;
  char *quoted;

  if (self->in_snapshot != NULL && g_str_equal (self->in_snapshot, snapshot)
      && PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;
  end_transaction (self);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      g_clear_pointer (&self->conn, PQfinish);
      self->conn = PQconnectdbParams ((const char * const *) self->params.keywords->pdata,
                                      (const char * const *) self->params.values->pdata, FALSE);
      if (PQstatus (self->conn) != CONNECTION_OK
          || !exec_ok (self->conn, DD_PG_SESSION_SETUP))
        {
          g_debug ("No connection to read ahead: %s", PQerrorMessage (self->conn));
          g_clear_pointer (&self->conn, PQfinish);
          return FALSE;
        }
    }
  quoted = PQescapeLiteral (self->conn, snapshot, strlen (snapshot));
  if (quoted == NULL)
    return FALSE;
  /* As the store's own read transaction (_dd_pg_live_begin_sql()). */
  take = g_strdup_printf ("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT %s; "
                          "SET LOCAL TimeZone = 'UTC'; SET LOCAL bytea_output = 'hex'; "
                          "SET LOCAL extra_float_digits = 1", quoted);
  PQfreemem (quoted);
  if (!exec_ok (self->conn, take))
    {
      end_transaction (self);
      return FALSE;
    }
  self->in_snapshot = g_strdup (snapshot);
  return TRUE;
}

static gpointer
prefetch_thread (gpointer data)
{
  DdPgPrefetch *self = data;
  guint ended = 0;

  g_mutex_lock (&self->lock);
  while (!self->quit)
    {
      Request *request = g_queue_pop_head (&self->waiting);
      PGresult *result = NULL;
      g_autofree char *snapshot = NULL;
      g_autofree char *sql = NULL;
      g_autoptr(GPtrArray) params = NULL;

      if (request == NULL)
        {
          /* A snapshot ended: so does the transaction that took it. */
          if (ended != self->generation)
            {
              ended = self->generation;
              g_mutex_unlock (&self->lock);
              end_transaction (self);
              g_mutex_lock (&self->lock);
              continue;
            }
          g_cond_wait (&self->cond, &self->lock);
          continue;
        }
      request->running = TRUE;
      snapshot = g_strdup (request->snapshot);
      sql = g_strdup (request->sql);
      params = g_ptr_array_ref (request->params);
      g_mutex_unlock (&self->lock);
      if (enter_snapshot (self, snapshot))
        result = PQexecParams (self->conn, sql, (int) params->len, NULL,
                               (const char * const *) params->pdata, NULL, NULL, 0);
      g_mutex_lock (&self->lock);
      /* No connection: the store reads everything itself from now on.
       * (A snapshot gone meanwhile fails this request only.) */
      if (result == NULL && self->conn == NULL)
        self->failed = TRUE;
      request->result = result;
      request->done = TRUE;
      g_cond_broadcast (&self->cond);
      if (request->abandoned)
        request_free (request);
    }
  g_mutex_unlock (&self->lock);
  end_transaction (self);
  g_clear_pointer (&self->conn, PQfinish);
  return NULL;
}

/* The store's side */

DdPgPrefetch *
_dd_pg_prefetch_new (PGconn *like)
{
  DdPgPrefetch *self = g_new0 (DdPgPrefetch, 1);

  _dd_pg_params_init (&self->params, like);
  _dd_pg_params_set (&self->params, "application_name", "dondoc-prefetch");
  /* The store waits for a request running: never for long. */
  _dd_pg_params_set (&self->params, "connect_timeout", "10");
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->requests = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

/* Drops the requests of the snapshot that ended (those running are freed
 * by the thread); called with the lock. */
static void
drop_requests (DdPgPrefetch *self)
{
  GHashTableIter iter;
  Request *request;

  g_queue_clear (&self->waiting);
  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &request))
    {
      g_hash_table_iter_remove (&iter);
      /* Waiting (no longer queued) or done: ours to free. */
      if (request->running && !request->done)
        request->abandoned = TRUE;
      else
        request_free (request);
    }
}

void
_dd_pg_prefetch_reset (DdPgPrefetch *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  drop_requests (self);
  self->generation++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
_dd_pg_prefetch_free (DdPgPrefetch *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  drop_requests (self);
  self->quit = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  if (self->thread != NULL)
    g_thread_join (self->thread);
  g_hash_table_unref (self->requests);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  _dd_pg_params_clear (&self->params);
  g_free (self);
}

void
_dd_pg_prefetch_ask (DdPgPrefetch *self,
                     const char   *snapshot,
                     const char   *key,
                     const char   *sql,
                     GPtrArray    *params)
{
  Request *request;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  if (self->failed || g_hash_table_contains (self->requests, key))
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  request = g_new0 (Request, 1);
  request->key = g_strdup (key);
  request->snapshot = g_strdup (snapshot);
  request->sql = g_strdup (sql);
  request->params = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < params->len; i++)
    g_ptr_array_add (request->params, g_strdup (params->pdata[i]));
  g_hash_table_insert (self->requests, request->key, request);
  g_queue_push_tail (&self->waiting, request);
  if (self->thread == NULL)
    self->thread = g_thread_new ("dd-pg-prefetch", prefetch_thread, self);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

PGresult *
_dd_pg_prefetch_take (DdPgPrefetch *self,
                      const char   *key)
{
  Request *request;
  PGresult *result;

  if (self == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  request = g_hash_table_lookup (self->requests, key);
  if (request == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  g_hash_table_remove (self->requests, key);
  if (!request->running)
    {
      /* Not started: the store reads it itself, now. */
      g_queue_remove (&self->waiting, request);
      g_mutex_unlock (&self->lock);
      request_free (request);
      return NULL;
    }
  while (!request->done)
    g_cond_wait (&self->cond, &self->lock);
  result = g_steal_pointer (&request->result);
  if (result != NULL && PQresultStatus (result) == PGRES_TUPLES_OK)
    self->n_taken++;
  g_mutex_unlock (&self->lock);
  request_free (request);
  if (result != NULL && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_clear_pointer (&result, PQclear);
  return result;
}

guint64
_dd_pg_prefetch_count_taken (DdPgPrefetch *self)
{
  guint64 n;

  if (self == NULL)
    return 0;
  g_mutex_lock (&self->lock);
  n = self->n_taken;
  g_mutex_unlock (&self->lock);
  return n;
}
