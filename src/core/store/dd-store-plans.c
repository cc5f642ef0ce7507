/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * The store's plans and units: the lists of both, with their task counts,
 * and finding a unit by its tolerant name (or creating it) for a task's
 * lead and coordinators.
 */

/* Plans and units */

/* The plans, newest first; with each one's live tasks counted, or none
 * (zero) for a list that shows only their names (500 plans over 100,000
 * tasks: the counts are most of its time). */
static GListModel *
read_plans (DdStore   *self,
            gboolean   with_counts,
            GError   **error)
{
  g_autoptr(GListStore) plans = g_list_store_new (DD_TYPE_PLAN);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (self,
                  with_counts
                  ? "SELECT p.id, p.number, p.issued_on, p.title, p.issuer, p.basis, "
                    "(SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.deleted_at IS NULL AND "
                    DD_SQL_TASK_SHOWN ("t.id") "), p.is_sample, "
                    "p.builtin "
                    "FROM plans p WHERE "
                    DD_SQL_PLAN_SHOWN ("p.id") " ORDER BY p.issued_on IS NULL, p.issued_on DESC, p.id DESC"
                  : "SELECT p.id, p.number, p.issued_on, p.title, p.issuer, p.basis, 0, p.is_sample, p.builtin "
                    "FROM plans p WHERE "
                    DD_SQL_PLAN_SHOWN ("p.id") " ORDER BY p.issued_on IS NULL, p.issued_on DESC, p.id DESC",
                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DdPlan) plan = NULL;
      const char *builtin_title = _dd_store_builtin_plan_title (dd_sql_column_text (stmt, 8));
      GDate issued;

      dd_sql_column_date (stmt, 2, &issued);
      plan = _dd_plan_new (sqlite3_column_int64 (stmt, 0), dd_sql_column_text (stmt, 1), &issued,
                           builtin_title != NULL ? builtin_title : dd_sql_column_text (stmt, 3), dd_sql_column_text (stmt, 4), dd_sql_column_text (stmt, 5),
                           (guint) sqlite3_column_int (stmt, 6), sqlite3_column_int (stmt, 7) != 0);
      g_list_store_append (plans, plan);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&plans));
}

GListModel *
dd_store_list_plans (DdStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  return read_plans (self, TRUE, error);
}

GListModel *
dd_store_list_plan_names (DdStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  return read_plans (self, FALSE, error);
}

/* Adds (or with @sign -1, takes away) the counts "unit id, n" of @sql to
 * @counts (unit id → guint). */
static gboolean
add_unit_counts (DdStore     *self,
                 const char  *sql,
                 gint64       plan_id,
                 int          sign,
                 GHashTable  *counts,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);
      gint64 *key = g_new (gint64, 1);
      gint64 old = GPOINTER_TO_SIZE (g_hash_table_lookup (counts, &id));

      *key = id;
      g_hash_table_insert (counts, key, GSIZE_TO_POINTER ((gsize) MAX (old + sign * n, 0)));
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The units in Vietnamese order, with the counts in @led and @coordinated
 * (unit id → count; none when NULL). */
static GListModel *
read_units (DdStore     *self,
            GHashTable  *led,
            GHashTable  *coordinated,
            GError     **error)
{
  g_autoptr(GListStore) units = g_list_store_new (DD_TYPE_UNIT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (self, "SELECT u.id, u.name, u.is_group FROM units u ORDER BY u.sort_key, u.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr(DdUnit) unit = NULL;

      unit = _dd_unit_new (id, dd_sql_column_text (stmt, 1), sqlite3_column_int (stmt, 2) != 0,
                           led != NULL ? (guint) GPOINTER_TO_SIZE (g_hash_table_lookup (led, &id)) : 0,
                           coordinated != NULL ? (guint) GPOINTER_TO_SIZE (g_hash_table_lookup (coordinated, &id)) : 0);
      g_list_store_append (units, unit);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&units));
}

GListModel *
dd_store_list_units (DdStore  *self,
                     gint64    plan_id,
                     GError  **error)
{
  g_autoptr(GHashTable) led = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) coordinated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  /* The counts in a few grouped reads of indexes (0005-performance.sql),
   * not two counts per unit: on 100,000 tasks and 300 units those read
   * every task row twice over, half a second as the window opens. */
  if (!add_unit_counts (self,
                        "SELECT t.lead_unit_id, count(*) FROM tasks t WHERE t.deleted_at IS NULL AND "
                        DD_SQL_TASK_SHOWN ("t.id") " "
                        "AND (?1 = 0 OR t.plan_id = ?1) GROUP BY t.lead_unit_id",
                        plan_id, 1, led, error))
    return NULL;
  if (plan_id == 0)
    {
      /* Every coordinator row, less those of the tasks in the recycle bin
       * and of the live tasks of a plan under import (none, read from the
       * index of the plans' tasks, while none runs). */
      if (!add_unit_counts (self, "SELECT c.unit_id, count(*) FROM task_coordinators c GROUP BY c.unit_id",
                            0, 1, coordinated, error)
          || !add_unit_counts (self,
                               "SELECT c.unit_id, count(*) FROM tasks t CROSS JOIN task_coordinators c "
                               "ON c.task_id = t.id WHERE t.deleted_at IS NOT NULL GROUP BY c.unit_id",
                               0, -1, coordinated, error)
          || !add_unit_counts (self,
                               "SELECT c.unit_id, count(*) FROM tasks t CROSS JOIN task_coordinators c "
                               "ON c.task_id = t.id WHERE t.plan_id IN " DD_SQL_HIDDEN_PLANS " "
                               "AND t.deleted_at IS NULL GROUP BY c.unit_id",
                               0, -1, coordinated, error))
        return NULL;
    }
  else if (!add_unit_counts (self,
                             "SELECT c.unit_id, count(*) FROM tasks t CROSS JOIN task_coordinators c "
                             "ON c.task_id = t.id WHERE t.plan_id = ?1 AND t.deleted_at IS NULL AND "
                             DD_SQL_TASK_SHOWN ("t.id") " "
                             "GROUP BY c.unit_id",
                             plan_id, 1, coordinated, error))
    return NULL;

  return read_units (self, led, coordinated, error);
}

GListModel *
dd_store_list_unit_names (DdStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  return read_units (self, NULL, NULL, error);
}

/* A collective phrase ("Các phòng, ban, đơn vị liên quan") names a group of
 * units, not one unit. */
static gboolean
is_group_name (const char *name)
{
  g_autofree char *folded = dd_text_fold_for_search (name);

  return g_str_has_prefix (folded, "cac ") || strstr (folded, "lien quan") != NULL;
}

/* Finds a unit by its tolerant key, or creates it. Inside a transaction. */
gint64
_dd_store_find_or_create_unit (DdStore     *self,
                               const char  *name,
                               gboolean    *created,
                               GError     **error)
{
  g_autoptr(DdSqlCache) cache = dd_sql_cache_new ();

  return _dd_store_find_or_create_unit_cached (self, cache, name, created, error);
}

static gint64
insert_unit (DdStore     *self,
             DdSqlCache  *cache,
             const char  *clean,
             const char  *key,
             GError     **error)
{
  g_autofree char *now = dd_sql_now_utc ();
  sqlite3_stmt *insert;
  guint8 *sort_key;
  gsize sort_len;

  insert = dd_sql_cache_get (self, cache,
                             "INSERT INTO units (name, match_key, sort_key, is_group, created_at, updated_at, "
                             "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)", error);
  if (insert == NULL)
    return -1;
  sort_key = dd_text_collate_key (clean, &sort_len);
  dd_sql_bind_text (insert, 1, clean);
  dd_sql_bind_text (insert, 2, key);
  dd_sql_bind_blob (insert, 3, sort_key, sort_len);
  sqlite3_bind_int (insert, 4, is_group_name (clean));
  dd_sql_bind_text (insert, 5, now);
  dd_sql_bind_text (insert, 6, self->access.user);
  if (!dd_sql_step_done (self, insert, error))
    return -1;
  return sqlite3_last_insert_rowid (self->db);
}

/* An import names the same few units on thousands of rows: @cache
 * remembers each name's unit for the rest of the transaction. */
gint64
_dd_store_find_or_create_unit_cached (DdStore     *self,
                                      DdSqlCache  *cache,
                                      const char  *name,
                                      gboolean    *created,
                                      GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *find;
  gint64 id;

  g_assert (self->flags.in_transaction);
  if (created != NULL)
    *created = FALSE;
  id = dd_sql_cache_lookup_unit (cache, name);
  if (id > 0)
    return id;

  clean = dd_text_normalize_space (name);
  key = dd_text_unit_match_key (clean);
  find = dd_sql_cache_get (self, cache, "SELECT id FROM units WHERE match_key = ?1", error);
  if (find == NULL)
    return -1;
  dd_sql_bind_text (find, 1, key);
  if (sqlite3_step (find) == SQLITE_ROW)
    id = sqlite3_column_int64 (find, 0);
  sqlite3_reset (find);
  if (id <= 0)
    {
      id = insert_unit (self, cache, clean, key, error);
      if (id < 0)
        return -1;
      if (created != NULL)
        *created = TRUE;
    }
  dd_sql_cache_remember_unit (cache, name, id);
  return id;
}
