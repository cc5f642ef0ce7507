/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-list"

#include "config.h"

#include <string.h>

#include "dd-core-private.h"
#include "dd-store-private.h"

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
  gboolean refill_items; /* dd_task_list_set_refill_items() */
  GHashTable *rows;      /* position → DdTask handed out, while refill_items */
  gboolean notify_later; /* dd_task_list_set_notify_later() */
  GArray *unnotified;    /* Refilled: the items refilled, not notified yet */
};

/* An item refilled in place whose notification waits (notify_later). */
typedef struct
{
  guint position;
  DdTask *task;
} Refilled;

static void
refilled_clear (gpointer data)
{
  g_clear_object (&((Refilled *) data)->task);
}

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

/* The task at @position read from the store, the rows of the next
 * PREFETCH_MAX read with it from a server's tables (in one query per
 * table, _dd_store_set_batch_ids()): a view reads them next. NULL (and
 * @error) when it is no longer there. */
static DdTask *
load_batched (DdTaskList  *self,
              guint        position,
              GError     **error)
{
  gint64 id = g_array_index (self->ids, gint64, position);
  guint end = MIN (MIN (self->ids->len, self->row_limit), position + PREFETCH_MAX);
  DdTask *task;

  if (!_dd_store_has_remote_tables (self->store))
    return _dd_store_load_task (self->store, id, &self->query.as_of, &self->soon_limit, error);
  _dd_store_set_batch_ids (self->store, &g_array_index (self->ids, gint64, position), end - position);
  task = _dd_store_load_task (self->store, id, &self->query.as_of, &self->soon_limit, error);
  _dd_store_set_batch_ids (self->store, NULL, 0);
  return task;
}

/* The task at @position (below the number of ids), from the cache or
 * read from the store; @take: taken out of the cache (or not put in it),
 * to be the list's item for its position. (transfer full) */
static DdTask *
load_task_at (DdTaskList *self,
              guint       position,
              gboolean    take)
{
  g_autoptr(GError) error = NULL;
  gint64 id = g_array_index (self->ids, gint64, position);
  DdTask *task = g_hash_table_lookup (self->cache, &id);

  if (task != NULL)
    {
      g_object_ref (task);
      if (take)
        g_hash_table_remove (self->cache, &id);
      return task;
    }

  task = load_batched (self, position, &error);
  if (task == NULL)
    {
      /* Deleted by another desktop since the ids were read: show an empty
       * row until the next refresh rather than break the view's contract. */
      g_debug ("Task %" G_GINT64_FORMAT " could not be read: %s", id, error->message);
      task = _dd_task_new_empty ();
      task->id = id;
      return task;
    }
  if (take)
    return task;

  if (g_hash_table_size (self->cache) >= CACHE_MAX)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (task));
  return task;
}

/* Whether a view shows @value: it listens to its "id" (a cell binds it
 * again when notified). */
static gboolean
shown_in_view (gpointer value)
{
  return g_signal_has_handler_pending (value, g_signal_lookup ("notify", G_TYPE_OBJECT),
                                       g_quark_from_static_string ("id"), FALSE);
}

/* Whether only the list holds @task (no view shows it any more). */
static gboolean
held_by_list_only (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  return g_atomic_int_get (&G_OBJECT (value)->ref_count) == 1;
}

static gpointer
dd_task_list_get_item (GListModel *model,
                       guint       position)
{
  DdTaskList *self = DD_TASK_LIST (model);
  DdTask *task;

  if (position >= MIN (self->ids->len, self->row_limit))
    return NULL;
  if (!self->refill_items)
    return load_task_at (self, position, FALSE);

  /* The same object for a position as long as someone holds it. */
  task = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (task != NULL)
    return g_object_ref (task);
  task = load_task_at (self, position, TRUE);
  if (g_hash_table_size (self->rows) >= CACHE_MAX)
    g_hash_table_foreach_remove (self->rows, held_by_list_only, NULL);
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), g_object_ref (task));
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
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->unnotified, g_array_unref);
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
  self->rows = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->unnotified = g_array_new (FALSE, FALSE, sizeof (Refilled));
  g_array_set_clear_func (self->unnotified, refilled_clear);
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

/* The items handed out that someone still holds, at positions below the
 * new number of items, filled with the task now at their position: a view
 * keeps its rows (GTK 4.8 builds new ones for new items). The others are
 * forgotten. Returns those refilled (Refilled), to notify. */
static GArray *
refill_rows (DdTaskList *self)
{
  GArray *refilled = g_array_new (FALSE, FALSE, sizeof (Refilled));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);
      g_autoptr(DdTask) task = NULL;

      /* Held by someone who does not listen: a snapshot, left as it is. */
      if (position >= n_items || held_by_list_only (key, value, NULL) || !shown_in_view (value))
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      task = load_task_at (self, position, TRUE);
      _dd_task_assign (value, task);
      g_array_append_val (refilled, ((Refilled) { position, g_object_ref (value) }));
    }
  g_array_set_clear_func (refilled, refilled_clear);
  return refilled;
}

/* Shows @ids (the result of the list's query) in place of the old ones. */
static void
take_ids (DdTaskList *self,
          GArray     *ids,
          const guint counts[DD_N_STATUSES],
          GPtrArray  *tasks,
          gboolean    refill)
{
  guint old_len = g_list_model_get_n_items (G_LIST_MODEL (self));
  g_autoptr(GArray) refilled = NULL;
  guint new_len;

  /* Rows may have changed even when the ids did not: drop the cache and tell
   * the views to rebind everything. */
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

  new_len = g_list_model_get_n_items (G_LIST_MODEL (self));
  /* Refilled again below, or replaced. */
  g_array_set_size (self->unnotified, 0);
  if (!self->refill_items || !refill)
    {
      g_hash_table_remove_all (self->rows);
      if (old_len > 0 || new_len > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, new_len);
      return;
    }

  /* The items kept change in place; only the end comes or goes. */
  refilled = refill_rows (self);
  if (new_len < old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), new_len, old_len - new_len, 0);
  else if (new_len > old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, new_len - old_len);
  if (self->notify_later)
    {
      g_array_append_vals (self->unnotified, refilled->data, refilled->len);
      /* The references moved. */
      g_array_set_clear_func (refilled, NULL);
      return;
    }
  for (guint i = 0; i < refilled->len; i++)
    _dd_task_notify_all (g_array_index (refilled, Refilled, i).task);
}

/**
 * dd_task_list_set_notify_later:
 * @self: a task list
 * @later: whether the items refilled wait for dd_task_list_notify_refilled()
 *
 * With dd_task_list_set_refill_items(), the items a new query's result
 * refills in place hold the new tasks at once, but say so (notify) only
 * when dd_task_list_notify_refilled() is called: a view bound to 200 rows
 * (GTK 4.8) then binds and measures again the rows it shows first, and
 * the others over the next frames, not all in one frame.
 */
void
dd_task_list_set_notify_later (DdTaskList *self,
                               gboolean    later)
{
  g_return_if_fail (DD_IS_TASK_LIST (self));

  self->notify_later = later;
  if (!later)
    dd_task_list_notify_refilled (self, 0, G_MAXUINT);
}

static gint
compare_distance (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  guint near = GPOINTER_TO_UINT (user_data);
  guint pa = ((const Refilled *) a)->position, pb = ((const Refilled *) b)->position;
  guint da = pa > near ? pa - near : near - pa, db = pb > near ? pb - near : near - pb;

  if (da != db)
    return da < db ? -1 : 1;
  return pa < pb ? -1 : pa > pb;
}

/**
 * dd_task_list_notify_refilled:
 * @self: a task list
 * @near: a position: the items nearest to it first
 * @max: how many items to notify at most (0: none, to count them)
 *
 * Notifies (every property, as a refill does at once without
 * dd_task_list_set_notify_later()) at most @max of the items refilled
 * and not notified yet, those nearest to @near first.
 *
 * Returns: how many items still wait to be notified
 */
guint
dd_task_list_notify_refilled (DdTaskList *self,
                              guint       near,
                              guint       max)
{
  g_autoptr(GArray) now = NULL;
  guint n;

  g_return_val_if_fail (DD_IS_TASK_LIST (self), 0);

  if (max == 0 || self->unnotified->len == 0)
    return self->unnotified->len;
  g_array_sort_with_data (self->unnotified, compare_distance, GUINT_TO_POINTER (near));
  n = MIN (max, self->unnotified->len);
  /* Taken out first: a notification may change the list. */
  now = g_array_sized_new (FALSE, FALSE, sizeof (Refilled), n);
  g_array_append_vals (now, self->unnotified->data, n);
  g_array_set_clear_func (now, refilled_clear);
  g_array_set_clear_func (self->unnotified, NULL);
  g_array_remove_range (self->unnotified, 0, n);
  g_array_set_clear_func (self->unnotified, refilled_clear);
  for (guint i = 0; i < now->len; i++)
    _dd_task_notify_all (g_array_index (now, Refilled, i).task);
  return self->unnotified->len;
}

/**
 * dd_task_list_set_refill_items:
 * @self: a task list
 * @refill: whether to keep the items handed out
 *
 * With @refill, the list hands out one DdTask per position, the same
 * object each time while someone holds it, and a new query's result (a
 * sort, a search: dd_task_list_set_query() or _finish()) fills the objects still held by a view (someone
 * connected to their "notify::id") with the tasks now at their
 * positions, in place: each then notifies all its properties, and
 * items-changed only says the items that come or go at the end. A view
 * (GTK 4.8's list view builds new row widgets for new items) thus keeps
 * its rows and binds them again. Those items are then not snapshots: take
 * a copy (dd_task_copy()) of a task to keep while listening to it. Items
 * held by others stay as they were. dd_task_list_refresh() (after a
 * change of the store) replaces every item, as without @refill.
 */
void
dd_task_list_set_refill_items (DdTaskList *self,
                               gboolean    refill)
{
  g_return_if_fail (DD_IS_TASK_LIST (self));

  self->refill_items = refill;
  if (!refill)
    g_hash_table_remove_all (self->rows);
}

/**
 * dd_task_list_set_row_limit:
 * @self: a task list
 * @limit: how many of the tasks to show as items, %G_MAXUINT for all
 *
 * Shows only the first @limit tasks as the list's items, for a view to
 * build the first screenful of a new result before the rest (GTK 4.8's
 * list view builds 200 rows at once), then more. Emits items-changed for
 * the items added or removed at the end. The ids, the counts and
 * dd_task_list_find() still cover the whole result; the limit stays for
 * the next results until changed.
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

/* Reads the query again at once; @refill: the items a view shows are
 * refilled (a new query), else all replaced (a change of the store). */
static gboolean
read_again (DdTaskList  *self,
            gboolean     refill,
            GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  guint counts[DD_N_STATUSES];

  /* What was asked for before is now out of date. */
  self->generation++;
  ids = read_ids (self->store, &self->query, counts, error);
  if (ids == NULL)
    return FALSE;

  take_ids (self, ids, counts, NULL, refill);
  return TRUE;
}

gboolean
dd_task_list_refresh (DdTaskList  *self,
                      GError     **error)
{
  g_return_val_if_fail (DD_IS_TASK_LIST (self), FALSE);

  return read_again (self, FALSE, error);
}

gboolean
dd_task_list_set_query (DdTaskList        *self,
                        const DdTaskQuery *query,
                        GError           **error)
{
  g_return_val_if_fail (DD_IS_TASK_LIST (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  take_query (self, query);
  return read_again (self, TRUE, error);
}

/* A query to run on the worker: a copy that owns its text. */
typedef struct
{
  DdTaskQuery query;
  char *text;
  guint generation;
  guint shown_from, shown_to;  /* the positions of the items held, also read first */
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

/* The tasks of the first of @ids, and of the positions of the items a
 * view holds (refilled with the new result), as dd_task_list_get_item()
 * reads them, through @connection; those that cannot be read are left for
 * the list to read (or to show empty) when asked. */
static GPtrArray *
read_first_tasks (DdStore           *connection,
                  const QueryJob    *job,
                  GArray            *ids,
                  GCancellable      *cancellable)
{
  const DdTaskQuery *query = &job->query;
  GPtrArray *tasks = g_ptr_array_new_with_free_func (g_object_unref);
  GDate soon_limit;

  g_autoptr(GArray) first_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_date_clear (&soon_limit, 1);
  _dd_store_due_soon_limit (connection, &query->as_of, query->due_soon_days, &soon_limit);
  for (guint i = 0; i < ids->len; i++)
    {
      if (i >= PREFETCH_MAX && i < job->shown_from)
        i = job->shown_from;
      if (i >= MAX (PREFETCH_MAX, job->shown_to) || i >= ids->len)
        break;
      g_array_append_val (first_ids, g_array_index (ids, gint64, i));
    }
  /* A server's tables read the rows of all of them at once. */
  _dd_store_set_batch_ids (connection, (const gint64 *) (gpointer) first_ids->data, first_ids->len);
  for (guint i = 0; i < first_ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      DdTask *task = _dd_store_load_task (connection, g_array_index (first_ids, gint64, i), &query->as_of,
                                          &soon_limit, NULL);

      if (task != NULL)
        g_ptr_array_add (tasks, task);
    }
  _dd_store_set_batch_ids (connection, NULL, 0);
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
  result->tasks = read_first_tasks (connection, job, result->ids, cancellable);
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

/* The positions of the items a view holds, [@from, @to) (empty when
 * none, or without dd_task_list_set_refill_items()). */
static void
shown_range (DdTaskList *self,
             guint      *from,
             guint      *to)
{
  GHashTableIter iter;
  gpointer key, value;

  *from = G_MAXUINT;
  *to = 0;
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!held_by_list_only (key, value, NULL) && shown_in_view (value))
      {
        *from = MIN (*from, GPOINTER_TO_UINT (key));
        *to = MAX (*to, GPOINTER_TO_UINT (key) + 1);
      }
  /* At most a view's rows (GTK 4.8 keeps 200 or so), and a selected item
   * far from them. */
  if (*to > *from + 2 * PREFETCH_MAX)
    *from = *to = 0;
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
  shown_range (self, &job->shown_from, &job->shown_to);

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
  take_ids (self, read->ids, read->counts, read->tasks, TRUE);
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
