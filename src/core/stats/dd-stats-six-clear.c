/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-stats"

#include "config.h"

#include "dd-store-private.h"
#include "dd-core-private.h"
#include "dd-stats-private.h"

/*
 * The dashboard's "6 rõ" count: the tasks that SIX_CLEAR_FAILS_EXPR
 * (dd-store-query.c) keeps, the task list's filter when the figure is
 * clicked, counted in one pass over the tasks in id order beside one pass
 * over their coordinators in the same order. The filter asks whether the
 * lead coordinates with a seek into task_coordinators for each task, two
 * fifths of its time on the large file; here both tables are read once,
 * in order. The rules are the filter's, term by term, with SQL's NULLs;
 * the text ones the check's own code (_dd_six_clear_check_words(), as the
 * SQL function dd_six_clear_text()). /core/stats/six-clear-count compares
 * the two. A query with other filters than the plan is counted by the
 * filter itself.
 */

/* The lead units that are groups (is_group = 1, as the filter reads it). */
static GHashTable *
read_groups (DdStore  *self,
             GError  **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, "SELECT id FROM units WHERE is_group = 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (groups, g_memdup2 (&id, sizeof id));
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&groups);
}

/* Whether the deadline terms of the filter keep the task of @stmt's row
 * (columns 2, 3, 4: kind, due_on IS NULL, deadline_understood):
 *   deadline_kind NOT IN (1, 2, 3, 4, 5)
 *   OR (deadline_kind IN (1, 5) AND due_on IS NULL)
 *   OR (deadline_kind IN (2, 3, 4) AND NOT deadline_understood)
 * A NULL kind or understanding makes its term NULL (not kept by it). */
static gboolean
deadline_fails (sqlite3_stmt *stmt)
{
  gint64 kind;

  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    return FALSE;
  if (sqlite3_column_type (stmt, 2) != SQLITE_INTEGER)
    return TRUE;
  kind = sqlite3_column_int64 (stmt, 2);
  if (kind < 1 || kind > 5)
    return TRUE;
  if (kind == 1 || kind == 5)
    return sqlite3_column_int (stmt, 3) != 0;
  return sqlite3_column_type (stmt, 4) != SQLITE_NULL && sqlite3_column_double (stmt, 4) == 0.0;
}

/* Whether the task @task_id leads with @lead_id among its coordinators:
 * @coordinators (task_id, unit_id in task order) stepped on from where
 * it is (*@rc its last step) up to the task. */
static gboolean
lead_coordinates (sqlite3_stmt *coordinators,
                  int          *rc,
                  gint64        task_id,
                  gint64        lead_id)
{
  gboolean found = FALSE;

  while (*rc == SQLITE_ROW && sqlite3_column_int64 (coordinators, 0) <= task_id)
    {
      if (sqlite3_column_int64 (coordinators, 0) == task_id && sqlite3_column_int64 (coordinators, 1) == lead_id)
        found = TRUE;
      *rc = sqlite3_step (coordinators);
    }
  return found;
}

static gboolean
count_all (DdStore  *self,
           guint    *out_count,
           GError  **error)
{
  g_autoptr(GHashTable) groups = read_groups (self, error);
  g_autoptr(sqlite3_stmt) tasks = NULL;
  g_autoptr(sqlite3_stmt) coordinators = NULL;
  int rc, crc;

  if (groups == NULL)
    return FALSE;
  /* NOT INDEXED: the table in its own order is by id. */
  tasks = dd_sql_prepare (self,
                          "SELECT id, lead_unit_id, deadline_kind, due_on IS NULL, deadline_understood, title, "
                          "product, directing FROM tasks NOT INDEXED "
                          "WHERE deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("id") " ORDER BY id", error);
  if (tasks == NULL)
    return FALSE;
  coordinators = dd_sql_prepare (self, "SELECT task_id, unit_id FROM task_coordinators ORDER BY task_id", error);
  if (coordinators == NULL)
    return FALSE;

  crc = sqlite3_step (coordinators);
  while ((rc = sqlite3_step (tasks)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (tasks, 0);
      gint64 lead = sqlite3_column_int64 (tasks, 1);
      gboolean no_lead = sqlite3_column_type (tasks, 1) == SQLITE_NULL;
      /* Stepped for every task, so that the cursor keeps up. */
      gboolean coordinates = lead_coordinates (coordinators, &crc, id, lead);

      if (no_lead || deadline_fails (tasks)
          || _dd_six_clear_check_words (dd_sql_column_text (tasks, 5), dd_sql_column_text (tasks, 6),
                                        dd_sql_column_text (tasks, 7)) != 0
          || g_hash_table_contains (groups, &lead) || coordinates)
        (*out_count)++;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  if (crc != SQLITE_DONE && crc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self, crc, error);
  return TRUE;
}

gboolean
_dd_stats_count_six_clear (DdStore            *self,
                           const DdTaskQuery  *query,
                           guint              *out_count,
                           GError            **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  *out_count = 0;
  /* A plan's tasks (a few hundred) are found by its index; a server's
   * tables have no order of SQLite's. */
  if (query->plan_id > 0 || query->unit_id > 0 || query->status >= 0 || (query->text != NULL && *query->text != '\0')
      || _dd_store_has_remote_tables (self))
    {
      DdTaskQuery six_clear = *query;

      six_clear.six_clear_incomplete = TRUE;
      return dd_store_count_tasks (self, &six_clear, out_count, error);
    }
  return count_all (self, out_count, error);
}
