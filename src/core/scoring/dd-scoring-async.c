/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scoring-async"

#include "config.h"

#include "dd-scoring-object-private.h"

/*
 * dd_scoring_list_scorecards_async(): the scorecards counted on the
 * DdScoring's own worker (a thread and a connection of its own, made by
 * the first load), from the same DdScoringCache the calls on the main
 * thread count from, so that neither reads again what the other read.
 *
 * The cache is in one place at a time. Between loads it is the object's
 * (self->cache, judged by the store's stamp). The first load asked for
 * lends it to the worker: the loads run one after the other on the
 * worker's thread, each counting from it and leaving it in the relay for
 * the next; when the end of the last load asked for comes back, so does
 * the cache.
 *
 * The worker's connection is not the store's, and its stamp means nothing
 * to the store; whether the lent cache holds the file as it is is judged
 * on the main thread, by the loan stamp: the stamp of the store when the
 * cache was last known to hold the file (the cache's own when it was lent
 * current), or taken before the loads that read it all again. While the
 * loan stamp is current, nobody committed since, and a load counts from
 * what the cache holds; once it is not, a new loan stamp is taken, and
 * the first load under it that runs reads the file again (each load
 * carries the number of its loan, and the cache the number of the loan it
 * was read under: a load cancelled before it runs does not lose the
 * reading). A cache that comes back under a loan stamp no longer current
 * is not kept (it may mix the file before and after a commit).
 */

typedef struct
{
  DdScorePeriod period;
  GDate day;
  guint loan;                   /* what the cache must have been read under */
  DdScoringRelay *relay;        /* the object's, which the load holds */
} ListData;

/* Lends the cache to the loads when it is not lent yet, and gives the loan
 * the load asked for now counts under: while its stamp is current, what
 * the cache holds, once read under it, is the file as it is. */
static guint
lend_cache (DdScoring *self)
{
  if (self->cache != NULL)
    {
      /* No load is asked for: the relay is the main thread's. */
      g_assert (self->n_loads == 0);
      self->relay.cache = g_steal_pointer (&self->cache);
      self->relay.filled = FALSE;
      if (dd_store_stamp_is_current (self->store, &self->relay.cache->stamp))
        {
          /* Read under a loan of its own: counted from as it is. */
          self->loan_stamp = self->relay.cache->stamp;
          self->relay.filled = TRUE;
          self->relay.loan = ++self->loan;
          return self->loan;
        }
    }
  else if (dd_store_stamp_is_current (self->store, &self->loan_stamp))
    {
      /* The loads before this one leave what they read, of the file as
       * it is. */
      return self->loan;
    }

  /* Taken before the load reads: a commit from now on makes it not
   * current. Inside a transaction it never is. */
  dd_store_stamp_take (self->store, &self->loan_stamp);
  return ++self->loan;
}

/* When the end of the last load asked for came back: no load runs or
 * waits on the worker, and the cache is the object's again. */
static void
take_back_cache (DdScoring *self)
{
  DdScoringCache *cache = g_steal_pointer (&self->relay.cache);

  if (self->relay.filled && self->relay.loan == self->loan &&
      dd_store_stamp_is_current (self->store, &self->loan_stamp))
    cache->stamp = self->loan_stamp;
  else
    dd_store_stamp_clear (&cache->stamp);
  self->cache = cache;
}

/* The job: on the worker's thread, through its connection. */
static gpointer
list_scorecards_job (DdStore       *connection,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  const ListData *list = data;
  DdScoringRelay *relay = list->relay;
  g_autoptr(DdScoringCache) temporary = NULL;
  DdScoringCache *cache = relay->cache;
  GListModel *cards;

  if (!relay->filled || relay->loan != list->loan)
    {
      relay->filled = FALSE;
      relay->loan = list->loan;
      /* Never current on this connection: read again. */
      dd_store_stamp_clear (&relay->cache->stamp);
      cache = _dd_scoring_cache_get (relay->cache, connection, &temporary, error);
      if (cache == NULL)
        return NULL;
    }

  cards = _dd_scoring_cache_list_scorecards (cache, connection, &list->period, &list->day, error);
  /* A cache of this load only (a transaction open on the connection: a
   * database in memory) leaves the kept one to be read again. */
  relay->filled = cards != NULL && cache == relay->cache;
  return cards;
}

static void
on_list_scorecards_done_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdScoring *self = g_task_get_source_object (task);
  GError *error = NULL;
  GListModel *cards = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  g_assert (self->n_loads > 0);
  if (--self->n_loads == 0)
    take_back_cache (self);

  if (cards == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cards, g_object_unref);
}

/* Public API */

/**
 * dd_scoring_list_scorecards_async:
 * @self: the scoring of a store
 * @period: the period
 * @as_of: (nullable): the reference date; %NULL: today, or the period's
 *   end when it has passed
 * @cancellable: (nullable): drops the result
 * @callback: called on this thread once the scorecards are counted
 * @user_data: for @callback
 *
 * dd_scoring_list_scorecards() on a thread and a connection of the
 * object's own, made by the first call: the loads run one after the
 * other, and what they read is kept in the object as what the calls on
 * this thread read (a call after a load reads nothing again while nothing
 * is committed, and the other way round). A call made while a load runs
 * reads for itself. Call it on the store's thread.
 */
void
dd_scoring_list_scorecards_async (DdScoring            *self,
                                  const DdScorePeriod  *period,
                                  const GDate          *as_of,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *list;

  g_return_if_fail (DD_IS_SCORING (self));
  g_return_if_fail (period != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->cache == NULL || !self->cache->without_words);

  if (self->worker == NULL)
    self->worker = dd_store_worker_new (self->store, DD_STORE_WORKER_READS | DD_STORE_WORKER_LONG);

  list = g_new0 (ListData, 1);
  list->period = *period;
  _dd_scoring_judged_day (period, as_of, &list->day);
  list->loan = lend_cache (self);
  list->relay = &self->relay;
  self->n_loads++;

  /* The task holds the object, and with it the relay, until the end of
   * the load came back. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_scoring_list_scorecards_async);
  g_task_set_name (task, "[dondoc] list scorecards");
  dd_store_worker_run_async (self->worker, list_scorecards_job, list, g_free, g_object_unref,
                             cancellable, on_list_scorecards_done_cb, g_steal_pointer (&task));
}

/**
 * dd_scoring_list_scorecards_finish:
 * @self: the scoring of a store
 * @result: the result given to the callback
 * @error: %DD_STORE_ERROR, or %G_IO_ERROR_CANCELLED when the load was
 *   cancelled
 *
 * Returns: (transfer full): a GListModel of #DdScorecard, as
 *   dd_scoring_list_scorecards() gives, or %NULL with @error set
 */
GListModel *
dd_scoring_list_scorecards_finish (DdScoring     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (DD_IS_SCORING (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
