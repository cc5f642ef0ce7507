/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-history"

#include "config.h"

#include <string.h>

#include "dd-store-private.h"
#include "dd-store-stamp.h"
#include "dd-audit-private.h"

/*
 * DdHistory: reads the audit log that the triggers of
 * data/sql/0003-shared.sql write (table audit_log), filtered and paged in
 * SQL, and says its entries for people (dd-audit-change.c), naming units by
 * the names it keeps. The _async calls read on a worker of the object's
 * own (a thread and a connection), made by the first of them.
 */

struct _DdHistory
{
  GObject parent_instance;

  DdStore *store;
  DdStoreWorker *worker;        /* made by the first _async call */

  /* The units, kept while the store's stamp taken before they were read
   * is current (dd-store-stamp.h): nothing committed since, by this
   * connection or another one. */
  GListModel *units;            /* DdUnit, counts 0 */
  GHashTable *unit_names;       /* gint64* → const char* (of @units) */
  DdStoreStamp units_stamp;
};

G_DEFINE_FINAL_TYPE (DdHistory, dd_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_BOXED_TYPE (DdAuditEntry, dd_audit_entry, dd_audit_entry_copy, dd_audit_entry_free)

/* Boxed types */

DdAuditEntry *
dd_audit_entry_copy (const DdAuditEntry *self)
{
  DdAuditEntry *copy = g_new0 (DdAuditEntry, 1);

  copy->id = self->id;
  copy->at = g_strdup (self->at);
  copy->user = g_strdup (self->user);
  copy->table_name = g_strdup (self->table_name);
  copy->row_id = self->row_id;
  copy->task_id = self->task_id;
  copy->action = g_strdup (self->action);
  copy->old_values = g_strdup (self->old_values);
  copy->new_values = g_strdup (self->new_values);
  copy->display_name = g_strdup (self->display_name);
  copy->task_number = g_strdup (self->task_number);
  return copy;
}

void
dd_audit_entry_free (DdAuditEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->at);
  g_free (self->user);
  g_free (self->table_name);
  g_free (self->action);
  g_free (self->old_values);
  g_free (self->new_values);
  g_free (self->display_name);
  g_free (self->task_number);
  g_free (self);
}

void
dd_history_person_free (DdHistoryPerson *self)
{
  if (self == NULL)
    return;
  g_free (self->account);
  g_free (self->display_name);
  g_free (self);
}

/* Auxiliary methods */

/* The columns read_audit_entries() expects, from AUDIT_TABLES. */
#define AUDIT_COLUMNS "a.id, a.at, a.user, a.table_name, a.row_id, a.task_id, a.action, " \
                      "a.old_values, a.new_values, u.display_name, t.number "
#define AUDIT_TABLES "audit_log a LEFT JOIN users u ON u.account = a.user " \
                     "LEFT JOIN tasks t ON t.id = a.task_id "

static GPtrArray *
read_audit_entries (DdStore       *store,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_audit_entry_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdAuditEntry *entry = g_new0 (DdAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = g_strdup (dd_sql_column_text (stmt, 1));
      entry->user = g_strdup (dd_sql_column_text (stmt, 2));
      entry->table_name = g_strdup (dd_sql_column_text (stmt, 3));
      entry->row_id = sqlite3_column_int64 (stmt, 4);
      entry->task_id = sqlite3_column_int64 (stmt, 5);
      entry->action = g_strdup (dd_sql_column_text (stmt, 6));
      entry->old_values = g_strdup (dd_sql_column_text (stmt, 7));
      entry->new_values = g_strdup (dd_sql_column_text (stmt, 8));
      entry->display_name = g_strdup (dd_sql_column_text (stmt, 9));
      entry->task_number = g_strdup (dd_sql_column_text (stmt, 10));
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* The log's "at" format ('%Y-%m-%dT%H:%M:%fZ'), which sorts as text. */
static char *
format_log_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
}

static GListModel *
read_units (DdStore  *store,
            GError  **error)
{
  g_autoptr(GListStore) units = g_list_store_new (DD_TYPE_UNIT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (store, "SELECT id, name, is_group FROM units ORDER BY sort_key, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DdUnit) unit = _dd_unit_new (sqlite3_column_int64 (stmt, 0), dd_sql_column_text (stmt, 1),
                                             sqlite3_column_int (stmt, 2) != 0, 0, 0);

      g_list_store_append (units, unit);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&units));
}

/* Keeps @units (transfer full; NULL: none) as the file had them when
 * @stamp was taken (a stamp never current: for the call that read them). */
static void
set_units (DdHistory          *self,
           GListModel         *units,
           const DdStoreStamp *stamp)
{
  g_hash_table_remove_all (self->unit_names);
  g_clear_object (&self->units);
  self->units = units;
  self->units_stamp = *stamp;
  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      gint64 *key = g_new (gint64, 1);

      *key = dd_unit_get_id (unit);
      /* The name belongs to the unit, which @units keeps. */
      g_hash_table_insert (self->unit_names, key, (gpointer) dd_unit_get_name (unit));
    }
}

/* The units as the file has them now: read again when another connection
 * or this one committed since they were read. Inside a write they are
 * read for this call only (the stamp is then never current). */
static gboolean
ensure_units (DdHistory  *self,
              GError    **error)
{
  DdStoreStamp stamp;
  GListModel *units;

  if (self->units != NULL && dd_store_stamp_is_current (self->store, &self->units_stamp))
    return TRUE;

  /* Taken before reading: a commit from now on makes it not current. */
  dd_store_stamp_take (self->store, &stamp);
  units = read_units (self->store, error);
  if (units == NULL)
    dd_store_stamp_clear (&stamp);
  set_units (self, units, &stamp);
  return units != NULL;
}

/* GObject overrides */

static void
dd_history_dispose (GObject *object)
{
  DdHistory *self = DD_HISTORY (object);

  g_hash_table_remove_all (self->unit_names);
  g_clear_object (&self->units);
  /* No job is running: each holds the object until its end came back. */
  g_clear_object (&self->worker);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_history_parent_class)->dispose (object);
}

static void
dd_history_finalize (GObject *object)
{
  DdHistory *self = DD_HISTORY (object);

  g_hash_table_unref (self->unit_names);

  G_OBJECT_CLASS (dd_history_parent_class)->finalize (object);
}

static void
dd_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdHistory *self = DD_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DdHistory *self = DD_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_history_class_init (DdHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_history_dispose;
  object_class->finalize = dd_history_finalize;
  object_class->get_property = dd_history_get_property;
  object_class->set_property = dd_history_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_history_init (DdHistory *self)
{
  self->unit_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  dd_store_stamp_clear (&self->units_stamp);
}

/* Public API */

DdHistory *
dd_history_new (DdStore *store)
{
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_HISTORY, "store", store, NULL);
}

void
dd_history_query_init (DdHistoryQuery *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
}

GPtrArray *
dd_history_list (DdHistory    *self,
                 gint64        task_id,
                 const GDate  *since,
                 const char   *user,
                 gint64        unit_id,
                 GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " AUDIT_COLUMNS "FROM " AUDIT_TABLES "WHERE 1");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DD_IS_HISTORY (self), NULL);

  /* Fixed fragments only; the values are bound. */
  if (task_id > 0)
    g_string_append (sql, " AND a.task_id = ?1");
  if (dd_date_is_set (since))
    g_string_append (sql, " AND a.at >= ?2");
  if (user != NULL)
    g_string_append (sql, " AND a.user = ?3");
  if (unit_id > 0)
    g_string_append (sql, " AND a.task_id IN (SELECT id FROM tasks WHERE lead_unit_id = ?4)");
  g_string_append (sql, " ORDER BY a.id");

  stmt = dd_sql_prepare (self->store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (task_id > 0)
    sqlite3_bind_int64 (stmt, 1, task_id);
  if (dd_date_is_set (since))
    dd_sql_bind_date (stmt, 2, since);
  if (user != NULL)
    dd_sql_bind_text (stmt, 3, user);
  if (unit_id > 0)
    sqlite3_bind_int64 (stmt, 4, unit_id);

  return read_audit_entries (self->store, stmt, error);
}

/* dd_history_query() through @store (the object's, or its worker's
 * connection). */
static GPtrArray *
read_query (DdStore               *store,
            const DdHistoryQuery  *query,
            GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (query->from != NULL)
    from = format_log_time (query->from);
  if (query->to != NULL)
    to = format_log_time (query->to);

  /* Fixed fragments only; the values are bound. The unit's tasks are
   * looked up first and their entries read through audit_log_task, so a
   * unit with few changes does not make SQLite walk the whole log. */
  if (query->unit_id > 0)
    g_string_append (sql, "WITH unit_tasks (id) AS MATERIALIZED "
                          "(SELECT id FROM tasks WHERE lead_unit_id = ?4) ");
  g_string_append (sql, "SELECT " AUDIT_COLUMNS "FROM " AUDIT_TABLES "WHERE 1");
  if (query->task_id > 0)
    g_string_append (sql, " AND a.task_id = ?1");
  if (query->user != NULL)
    g_string_append (sql, " AND a.user = ?2");
  if (query->unit_id > 0)
    g_string_append (sql, " AND a.task_id IN unit_tasks");
  if (from != NULL)
    g_string_append (sql, " AND a.at >= ?5");
  if (to != NULL)
    g_string_append (sql, " AND a.at < ?6");
  if (query->before_id > 0)
    g_string_append (sql, " AND a.id < ?7");
  g_string_append (sql, " ORDER BY a.id DESC");
  if (query->limit > 0)
    g_string_append (sql, " LIMIT ?8");

  stmt = dd_sql_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (query->task_id > 0)
    sqlite3_bind_int64 (stmt, 1, query->task_id);
  if (query->user != NULL)
    dd_sql_bind_text (stmt, 2, query->user);
  if (query->unit_id > 0)
    sqlite3_bind_int64 (stmt, 4, query->unit_id);
  if (from != NULL)
    dd_sql_bind_text (stmt, 5, from);
  if (to != NULL)
    dd_sql_bind_text (stmt, 6, to);
  if (query->before_id > 0)
    sqlite3_bind_int64 (stmt, 7, query->before_id);
  if (query->limit > 0)
    sqlite3_bind_int64 (stmt, 8, query->limit);

  return read_audit_entries (store, stmt, error);
}

GPtrArray *
dd_history_query (DdHistory             *self,
                  const DdHistoryQuery  *query,
                  GError               **error)
{
  g_return_val_if_fail (DD_IS_HISTORY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return read_query (self->store, query, error);
}

/* dd_history_list_people() through @store. */
static GPtrArray *
read_people (DdStore  *store,
             GError  **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_history_person_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* DISTINCT over a million entries reads them all; the recursive query
   * jumps from one account to the next through audit_log_user instead. */
  stmt = dd_sql_prepare (store,
                         "WITH RECURSIVE logged (account) AS ("
                         "  SELECT (SELECT min (user) FROM audit_log) "
                         "  UNION ALL "
                         "  SELECT (SELECT min (user) FROM audit_log WHERE user > logged.account) "
                         "  FROM logged WHERE logged.account IS NOT NULL), "
                         "everyone (account) AS ("
                         "  SELECT account FROM logged WHERE account IS NOT NULL "
                         "  UNION SELECT account FROM users) "
                         "SELECT e.account, u.display_name FROM everyone e "
                         "LEFT JOIN users u ON u.account = e.account ORDER BY e.account", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdHistoryPerson *person = g_new0 (DdHistoryPerson, 1);

      person->account = g_strdup (dd_sql_column_text (stmt, 0));
      person->display_name = g_strdup (dd_sql_column_text (stmt, 1));
      g_ptr_array_add (people, person);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&people);
}

GPtrArray *
dd_history_list_people (DdHistory  *self,
                        GError    **error)
{
  g_return_val_if_fail (DD_IS_HISTORY (self), NULL);

  return read_people (self->store, error);
}

GPtrArray *
dd_history_list_changes (DdHistory           *self,
                         const DdAuditEntry  *entry,
                         GError             **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_audit_change_free);

  g_return_val_if_fail (DD_IS_HISTORY (self), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  if (!ensure_units (self, error))
    return NULL;
  _dd_audit_entry_decode (entry, self->unit_names, changes);
  return g_steal_pointer (&changes);
}

GListModel *
dd_history_list_units (DdHistory  *self,
                       GError    **error)
{
  g_return_val_if_fail (DD_IS_HISTORY (self), NULL);

  if (!ensure_units (self, error))
    return NULL;
  return g_object_ref (self->units);
}

/* On the worker
 *
 * The jobs read through the worker's connection, one after the other; the
 * units they read are kept as the object's when their end comes back and
 * the store's stamp taken when they were asked for is still current
 * (nothing was committed since, so they are the file's as it is: the
 * worker's connection has a stamp of its own, which means nothing to the
 * store). */

typedef struct
{
  DdHistoryQuery query;         /* its pointers are the ones below */
  char *user;
  GDateTime *from;
  GDateTime *to;
  gboolean with_units;          /* the kept units are not current */
} QueryData;

typedef struct
{
  GPtrArray *entries;
  GListModel *units;            /* QueryData.with_units, else NULL */
} QueryReading;

static void
query_data_free (QueryData *data)
{
  g_free (data->user);
  g_clear_pointer (&data->from, g_date_time_unref);
  g_clear_pointer (&data->to, g_date_time_unref);
  g_free (data);
}

static void
query_reading_free (QueryReading *reading)
{
  g_clear_pointer (&reading->entries, g_ptr_array_unref);
  g_clear_object (&reading->units);
  g_free (reading);
}

static DdStoreWorker *
ensure_worker (DdHistory *self)
{
  if (self->worker == NULL)
    self->worker = dd_store_worker_new (self->store, DD_STORE_WORKER_READS);
  return self->worker;
}

/* A task of @self whose data is the store's stamp now, for keep_units(). */
static GTask *
stamped_task_new (DdHistory           *self,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DdStoreStamp *stamp = g_new0 (DdStoreStamp, 1);

  g_task_set_source_tag (task, source_tag);
  dd_store_stamp_take (self->store, stamp);
  g_task_set_task_data (task, stamp, g_free);
  return task;
}

/* Units (transfer full; NULL: none) read on the worker for @task. */
static void
keep_units (DdHistory  *self,
            GListModel *units,
            GTask      *task)
{
  const DdStoreStamp *stamp = g_task_get_task_data (task);

  if (units != NULL && dd_store_stamp_is_current (self->store, stamp))
    set_units (self, units, stamp);
  else
    g_clear_object (&units);
}

static gpointer
query_job (DdStore       *connection,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  const QueryData *query = data;
  QueryReading *reading = g_new0 (QueryReading, 1);

  reading->entries = read_query (connection, &query->query, error);
  /* The changes of the entries name units: read with them, they need
   * not be read on the main thread. */
  if (reading->entries != NULL && query->with_units)
    reading->units = read_units (connection, error);
  if (reading->entries == NULL || (query->with_units && reading->units == NULL))
    g_clear_pointer (&reading, query_reading_free);
  return reading;
}

static void
on_query_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdHistory *self = g_task_get_source_object (task);
  GError *error = NULL;
  QueryReading *reading = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  if (reading == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  keep_units (self, g_steal_pointer (&reading->units), task);
  g_task_return_pointer (task, g_steal_pointer (&reading->entries), (GDestroyNotify) g_ptr_array_unref);
  query_reading_free (reading);
}

/**
 * dd_history_query_async:
 * @self: the history of a store
 * @query: what to read (copied)
 * @cancellable: (nullable): drops the result
 * @callback: called on this thread once the entries are read
 * @user_data: for @callback
 *
 * dd_history_query() on a thread and a connection of the object's own,
 * made by the first _async call; the reads run one after the other. The
 * names of the units are read too when those kept are not current, so
 * that dd_history_list_changes() on the entries reads nothing. Call it
 * on the store's thread.
 */
void
dd_history_query_async (DdHistory            *self,
                        const DdHistoryQuery *query,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  GTask *task;
  QueryData *data;

  g_return_if_fail (DD_IS_HISTORY (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (QueryData, 1);
  data->query = *query;
  data->query.user = data->user = g_strdup (query->user);
  data->query.from = data->from = query->from != NULL ? g_date_time_ref (query->from) : NULL;
  data->query.to = data->to = query->to != NULL ? g_date_time_ref (query->to) : NULL;
  data->with_units = self->units == NULL || !dd_store_stamp_is_current (self->store, &self->units_stamp);

  task = stamped_task_new (self, dd_history_query_async, cancellable, callback, user_data);
  dd_store_worker_run_async (ensure_worker (self), query_job, data, (GDestroyNotify) query_data_free,
                             (GDestroyNotify) query_reading_free, cancellable, on_query_done_cb, task);
}

/**
 * dd_history_query_finish:
 * @self: the history of a store
 * @result: the result given to the callback
 * @error: %DD_STORE_ERROR, or %G_IO_ERROR_CANCELLED when it was cancelled
 *
 * Returns: (transfer full) (element-type DdAuditEntry): what
 *   dd_history_query() gives, or %NULL with @error set
 */
GPtrArray *
dd_history_query_finish (DdHistory     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (DD_IS_HISTORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_history_query_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
people_job (DdStore       *connection,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return read_people (connection, error);
}

/* The end of a job whose result is the caller's as it is. */
static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer value = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * dd_history_list_people_async:
 * @self: the history of a store
 * @cancellable: (nullable): drops the result
 * @callback: called on this thread once the people are read
 * @user_data: for @callback
 *
 * dd_history_list_people() on the object's worker (see
 * dd_history_query_async()).
 */
void
dd_history_list_people_async (DdHistory           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DD_IS_HISTORY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_history_list_people_async);
  dd_store_worker_run_async (ensure_worker (self), people_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                             cancellable, on_job_done_cb, task);
}

/**
 * dd_history_list_people_finish:
 * @self: the history of a store
 * @result: the result given to the callback
 * @error: %DD_STORE_ERROR, or %G_IO_ERROR_CANCELLED when it was cancelled
 *
 * Returns: (transfer full) (element-type DdHistoryPerson): what
 *   dd_history_list_people() gives, or %NULL with @error set
 */
GPtrArray *
dd_history_list_people_finish (DdHistory     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (DD_IS_HISTORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_history_list_people_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
units_job (DdStore       *connection,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return read_units (connection, error);
}

static void
on_units_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdHistory *self = g_task_get_source_object (task);
  GError *error = NULL;
  GListModel *units = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  if (units == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Kept first: the callback may ask for the changes of entries. */
  keep_units (self, g_object_ref (units), task);
  g_task_return_pointer (task, units, g_object_unref);
}

/**
 * dd_history_list_units_async:
 * @self: the history of a store
 * @cancellable: (nullable): drops the result
 * @callback: called on this thread once the units are known
 * @user_data: for @callback
 *
 * dd_history_list_units() on the object's worker (see
 * dd_history_query_async()); the units kept, when they are current, are
 * given without reading. What is read is kept as dd_history_list_units()
 * keeps it.
 */
void
dd_history_list_units_async (DdHistory           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DD_IS_HISTORY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = stamped_task_new (self, dd_history_list_units_async, cancellable, callback, user_data);
  if (self->units != NULL && dd_store_stamp_is_current (self->store, &self->units_stamp))
    {
      /* The callback still comes from the main loop. */
      g_task_return_pointer (task, g_object_ref (self->units), g_object_unref);
      g_object_unref (task);
      return;
    }
  dd_store_worker_run_async (ensure_worker (self), units_job, NULL, NULL, g_object_unref,
                             cancellable, on_units_done_cb, task);
}

/**
 * dd_history_list_units_finish:
 * @self: the history of a store
 * @result: the result given to the callback
 * @error: %DD_STORE_ERROR, or %G_IO_ERROR_CANCELLED when it was cancelled
 *
 * Returns: (transfer full): a GListModel of DdUnit as
 *   dd_history_list_units() gives, or %NULL with @error set
 */
GListModel *
dd_history_list_units_finish (DdHistory     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (DD_IS_HISTORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_history_list_units_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
