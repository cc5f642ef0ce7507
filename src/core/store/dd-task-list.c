/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-list"

#include "config.h"

#include <string.h>

#include "dd-core-private.h"

/* How many loaded tasks the list keeps before it starts over: a screenful of
 * rows many times over, and a few hundred KB at most. */
#define CACHE_MAX 1024

/* How many of a new result's first tasks the worker reads with its ids: as
 * many rows as GTK 4.8's list view builds at once (about 200 around the
 * first shown), so that building them reads nothing on the main thread. */
#define PREFETCH_MAX 208

struct _DdTaskList
{
  GObject parent_instance;

  DdStore *store;
  DdTaskQuery query;
  char *text;            /* owns query.text */
  GDate soon_limit;
  GArray *ids;           /* gint64 */
  GHashTable *cache;     /* gint64* id → DdTask */
  guint counts[DD_N_STATUSES];  /* of the last reading, every status */
  DdStoreWorker *worker; /* dd_task_list_set_query_async(), made at its first call */
  guint generation;      /* of the last query asked for: older results are dropped */
  guint row_limit;       /* the items shown of the ids (dd_task_list_set_row_limit()) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdTaskList, dd_task_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

void
dd_task_query_init (DdTaskQuery *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  g_date_clear (&self->as_of, 1);
  dd_date_set_today (&self->as_of);
  self->due_soon_days = DD_DEFAULT_DUE_SOON_DAYS;
  self->status = -1;
  self->sort = DD_TASK_SORT_NUMBER;
}

static GType
dd_task_list_get_item_type (GListModel *model)
{
  return DD_TYPE_TASK;
}

static guint
dd_task_list_get_n_items (GListModel *model)
{
  DdTaskList *self = DD_TASK_LIST (model);

  return MIN (self->ids->len, self->row_limit);
}

static gpointer
dd_task_list_get_item (GListModel *model,
                       guint       position)
{
  DdTaskList *self = DD_TASK_LIST (model);
  g_autoptr(GError) error = NULL;
  DdTask *task;
  gint64 id;

  if (position >= MIN (self->ids->len, self->row_limit))
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  task = g_hash_table_lookup (self->cache, &id);
  if (task != NULL)
    return g_object_ref (task);

  task = _dd_store_load_task (self->store, id, &self->query.as_of, &self->soon_limit, &error);
  if (task == NULL)
    {
      /* Deleted by another desktop since the ids were read: show an empty
       * row until the next refresh rather than break the view's contract. */
      g_debug ("Task %" G_GINT64_FORMAT " could not be read: %s", id, error->message);
      task = _dd_task_new_empty ();
      task->id = id;
      return task;
    }

  if (g_hash_table_size (self->cache) >= CACHE_MAX)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (task));
  return task;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dd_task_list_get_item_type;
  iface->get_n_items = dd_task_list_get_n_items;
  iface->get_item = dd_task_list_get_item;
}

static void
dd_task_list_finalize (GObject *object)
{
  DdTaskList *self = (DdTaskList *) object;

  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_free (self->text);

  G_OBJECT_CLASS (dd_task_list_parent_class)->finalize (object);
}

static void
dd_task_list_class_init (DdTaskListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_task_list_finalize;
}

static void
dd_task_list_init (DdTaskList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_date_clear (&self->soon_limit, 1);
  self->row_limit = G_MAXUINT;
}

static void
take_query (DdTaskList        *self,
            const DdTaskQuery *query)
{
  char *text = g_strdup (query->text);

  g_free (self->text);
  self->text = text;
  self->query = *query;
  self->query.text = self->text;
  if (!dd_date_is_set (&self->query.as_of))
    dd_date_set_today (&self->query.as_of);
  _dd_store_due_soon_limit (self->store, &self->query.as_of, self->query.due_soon_days,
                            &self->soon_limit);
}

DdTaskList *
_dd_task_list_new (DdStore           *store,
                   const DdTaskQuery *query)
{
  DdTaskList *self = g_object_new (DD_TYPE_TASK_LIST, NULL);

  self->store = g_object_ref (store);
  take_query (self, query);
  return self;
}

/* Shows @ids (the result of the list's query) in place of the old ones. */
static void
take_ids (DdTaskList *self,
          GArray     *ids,
          const guint counts[DD_N_STATUSES],
          GPtrArray  *tasks)
{
  guint old_len = g_list_model_get_n_items (G_LIST_MODEL (self));

  /* Rows may have changed even when the ids did not: drop the cache and tell
   * the views to rebind everything. A row limit was for the last result. */
  self->row_limit = G_MAXUINT;
  g_hash_table_remove_all (self->cache);
  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  memcpy (self->counts, counts, sizeof self->counts);
  /* The first rows, read with the ids (on a worker): the rows a view
   * builds next are in memory. */
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      DdTask *task = g_ptr_array_index (tasks, i);

      g_hash_table_insert (self->cache, g_memdup2 (&task->id, sizeof task->id), g_object_ref (task));
    }

  if (old_len > 0 || self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->ids->len);
}

/**
 * dd_task_list_set_row_limit:
 * @self: a task list
 * @limit: how many of the tasks to show as items, %G_MAXUINT for all
 *
 * Shows only the first @limit tasks as the list's items, for a view to
 * build the first screenful of a new result before the rest (GTK 4.8's
 * list view builds 200 rows at once), then all of them. Emits
 * items-changed for the items added or removed at the end. The ids, the
 * counts and dd_task_list_find() still cover the whole result; the next
 * result read shows all its tasks.
 */
void
dd_task_list_set_row_limit (DdTaskList *self,
                            guint       limit)
{
  guint before, after;

  g_return_if_fail (DD_IS_TASK_LIST (self));

  before = g_list_model_get_n_items (G_LIST_MODEL (self));
  self->row_limit = limit;
  after = g_list_model_get_n_items (G_LIST_MODEL (self));
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
}

/**
 * dd_task_list_get_n_tasks:
 * @self: a task list
 *
 * Returns: how many tasks the result has, its row limit aside
 */
guint
dd_task_list_get_n_tasks (DdTaskList *self)
{
  g_return_val_if_fail (DD_IS_TASK_LIST (self), 0);

  return self->ids->len;
}

/* The ids of @query's tasks and the counts by status of its tasks in every
 * status, through @connection. */
static GArray *
read_ids (DdStore           *connection,
          const DdTaskQuery *query,
          guint              counts[DD_N_STATUSES],
          GError           **error)
{
  g_autoptr(GArray) ids = _dd_store_query_task_ids (connection, query, error);

  /* The counts of the pass that read the ids (kept by the connection). */
  if (ids == NULL || !dd_store_count_by_status (connection, query, counts, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * dd_task_list_new:
 * @store: the database
 *
 * A list of no task yet, the default query's (dd_task_query_init()), for
 * a view to show at once while dd_task_list_set_query_async() reads its
 * first query.
 *
 * Returns: (transfer full): a new, empty task list
 */
DdTaskList *
dd_task_list_new (DdStore *store)
{
  DdTaskQuery query;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  dd_task_query_init (&query);
  return _dd_task_list_new (store, &query);
}

gboolean
dd_task_list_refresh (DdTaskList  *self,
                      GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  guint counts[DD_N_STATUSES];

  g_return_val_if_fail (DD_IS_TASK_LIST (self), FALSE);

  /* What was asked for before is now out of date. */
  self->generation++;
  ids = read_ids (self->store, &self->query, counts, error);
  if (ids == NULL)
    return FALSE;

  take_ids (self, ids, counts, NULL);
  return TRUE;
}

gboolean
dd_task_list_set_query (DdTaskList        *self,
                        const DdTaskQuery *query,
                        GError           **error)
{
  g_return_val_if_fail (DD_IS_TASK_LIST (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  take_query (self, query);
  return dd_task_list_refresh (self, error);
}

/* A query to run on the worker: a copy that owns its text. */
typedef struct
{
  DdTaskQuery query;
  char *text;
  guint generation;
} QueryJob;

typedef struct
{
  GArray *ids;
  guint counts[DD_N_STATUSES];
  GPtrArray *tasks;      /* DdTask: the first ids' (PREFETCH_MAX) */
  guint generation;
} QueryResult;

static void
query_job_free (QueryJob *job)
{
  g_free (job->text);
  g_free (job);
}

static void
query_result_free (QueryResult *result)
{
  g_clear_pointer (&result->ids, g_array_unref);
  g_clear_pointer (&result->tasks, g_ptr_array_unref);
  g_free (result);
}

/* The tasks of the first of @ids, as dd_task_list_get_item() reads them,
 * through @connection; those that cannot be read are left for the list
 * to read (or to show empty) when asked. */
static GPtrArray *
read_first_tasks (DdStore           *connection,
                  const DdTaskQuery *query,
                  GArray            *ids,
                  GCancellable      *cancellable)
{
  GPtrArray *tasks = g_ptr_array_new_with_free_func (g_object_unref);
  GDate soon_limit;

  g_date_clear (&soon_limit, 1);
  _dd_store_due_soon_limit (connection, &query->as_of, query->due_soon_days, &soon_limit);
  for (guint i = 0; i < MIN (ids->len, PREFETCH_MAX) && !g_cancellable_is_cancelled (cancellable); i++)
    {
      DdTask *task = _dd_store_load_task (connection, g_array_index (ids, gint64, i), &query->as_of,
                                          &soon_limit, NULL);

      if (task != NULL)
        g_ptr_array_add (tasks, task);
    }
  return tasks;
}

/* On the worker's thread, through its connection. */
static gpointer
query_ids_job (DdStore       *connection,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  QueryJob *job = data;
  QueryResult *result = g_new0 (QueryResult, 1);

  result->generation = job->generation;
  result->ids = read_ids (connection, &job->query, result->counts, error);
  if (result->ids == NULL)
    {
      query_result_free (result);
      return NULL;
    }
  result->tasks = read_first_tasks (connection, &job->query, result->ids, cancellable);
  return result;
}

static void
on_query_ids_done_cb (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  QueryResult *result = dd_store_worker_run_finish (DD_STORE_WORKER (source), res, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) query_result_free);
}

/**
 * dd_task_list_set_query_async:
 * @self: a task list
 * @query: the new query (copied)
 * @cancellable: (nullable): to drop the result
 * @callback: called on the main thread once the list shows the new query
 * @user_data: for @callback
 *
 * Replaces the query as dd_task_list_set_query() does, but runs it on a
 * worker of the list's own (a thread and a connection of its own): the
 * list keeps its rows and its query until the caller takes the new ones
 * with dd_task_list_set_query_finish(), which changes the list at once
 * (one items-changed: a view may be given the list again after it). A
 * later call (or a refresh) makes an earlier one out of date: its finish
 * then changes nothing and says %G_IO_ERROR_CANCELLED, as it does when
 * @cancellable is cancelled.
 */
void
dd_task_list_set_query_async (DdTaskList          *self,
                              const DdTaskQuery   *query,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job;

  g_return_if_fail (DD_IS_TASK_LIST (self));
  g_return_if_fail (query != NULL);

  if (self->worker == NULL)
    self->worker = dd_store_worker_new (self->store, DD_STORE_WORKER_READS);

  job = g_new0 (QueryJob, 1);
  job->query = *query;
  job->text = g_strdup (query->text);
  job->query.text = job->text;
  if (!dd_date_is_set (&job->query.as_of))
    dd_date_set_today (&job->query.as_of);
  job->generation = ++self->generation;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_task_list_set_query_async);
  /* The task keeps the query to take when the ids arrive; the worker's
   * job reads a copy of its own. */
  g_task_set_task_data (task, job, (GDestroyNotify) query_job_free);
  job = g_memdup2 (job, sizeof *job);
  job->text = g_strdup (job->text);
  job->query.text = job->text;
  dd_store_worker_run_async (self->worker, query_ids_job, job, (GDestroyNotify) query_job_free,
                             (GDestroyNotify) query_result_free, cancellable,
                             on_query_ids_done_cb, g_steal_pointer (&task));
}

/**
 * dd_task_list_set_query_finish:
 * @self: a task list
 * @result: the result given to the callback
 * @error: where to say why not (%G_IO_ERROR_CANCELLED when replaced or
 *   cancelled)
 *
 * Takes the ids read by dd_task_list_set_query_async(): the list shows
 * its query from now on.
 *
 * Returns: whether the list now shows the query
 */
gboolean
dd_task_list_set_query_finish (DdTaskList    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  QueryResult *read;

  g_return_val_if_fail (DD_IS_TASK_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  read = g_task_propagate_pointer (G_TASK (result), error);
  if (read == NULL)
    return FALSE;
  /* Asked again (or read at once) since: this one is out of date. */
  if (read->generation != self->generation)
    {
      query_result_free (read);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "A newer query replaced this one");
      return FALSE;
    }
  take_query (self, &((QueryJob *) g_task_get_task_data (G_TASK (result)))->query);
  take_ids (self, read->ids, read->counts, read->tasks);
  query_result_free (read);
  return TRUE;
}

/**
 * dd_task_list_get_status_counts:
 * @self: a task list
 * @counts: (out caller-allocates): the number of tasks in each status
 *
 * The counts by status of the tasks the query finds in every status (its
 * status filter aside), read with the list's last ids.
 */
void
dd_task_list_get_status_counts (DdTaskList *self,
                                guint       counts[DD_N_STATUSES])
{
  g_return_if_fail (DD_IS_TASK_LIST (self));
  g_return_if_fail (counts != NULL);

  memcpy (counts, self->counts, sizeof self->counts);
}

const DdTaskQuery *
dd_task_list_get_query (DdTaskList *self)
{
  g_return_val_if_fail (DD_IS_TASK_LIST (self), NULL);
  return &self->query;
}

gint64
dd_task_list_get_id_at (DdTaskList *self,
                        guint       position)
{
  g_return_val_if_fail (DD_IS_TASK_LIST (self), 0);
  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

int
dd_task_list_find (DdTaskList *self,
                   gint64      task_id)
{
  g_return_val_if_fail (DD_IS_TASK_LIST (self), -1);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == task_id)
      return (int) i;
  return -1;
}

DdTaskList *
dd_store_query_tasks (DdStore            *self,
                      const DdTaskQuery  *query,
                      GError            **error)
{
  g_autoptr(DdTaskList) list = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  list = _dd_task_list_new (self, query);
  if (!dd_task_list_refresh (list, error))
    return NULL;
  return g_steal_pointer (&list);
}
