/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-list"

#include "config.h"

#include <string.h>

#include "dd-core-private.h"

/* How many loaded tasks the list keeps before it starts over: a screenful of
 * rows many times over, and a few hundred KB at most. */
#define CACHE_MAX 1024

struct _DdTaskList
{
  GObject parent_instance;

  DdStore *store;
  DdTaskQuery query;
  char *text;            /* owns query.text */
  GDate soon_limit;
  GArray *ids;           /* gint64 */
  GHashTable *cache;     /* gint64* id → DdTask */
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
  return DD_TASK_LIST (model)->ids->len;
}

static gpointer
dd_task_list_get_item (GListModel *model,
                       guint       position)
{
  DdTaskList *self = DD_TASK_LIST (model);
  g_autoptr(GError) error = NULL;
  DdTask *task;
  gint64 id;

  if (position >= self->ids->len)
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

gboolean
dd_task_list_refresh (DdTaskList  *self,
                      GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  guint old_len;

  g_return_val_if_fail (DD_IS_TASK_LIST (self), FALSE);

  ids = _dd_store_query_task_ids (self->store, &self->query, error);
  if (ids == NULL)
    return FALSE;

  /* Rows may have changed even when the ids did not: drop the cache and tell
   * the views to rebind everything. */
  g_hash_table_remove_all (self->cache);
  old_len = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);

  if (old_len > 0 || self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->ids->len);
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
