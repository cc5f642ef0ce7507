/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dondoc/dondoc.h"
#include "dd-pg-live-private.h"
#include "dd-store-private.h"

/*
 * The task list's ids and status counts sorted and filtered on the
 * server (issue #22): the store's own query (dd-store-query.c) read every
 * live task's columns through the tables in place and sorted them here,
 * 90-160 ms on 100,000 tasks for each refresh of the window. One query
 * sent as it is to the server answers it instead, in the store's
 * snapshot: each task's id in the list's order, its status by the
 * server's dd_task_status() (data/pg/0003-status.sql, tested for equality
 * with the C rule on every combination in tests/pg/test-pg.c) and its
 * kind, from which the store judges a recurring task by its occurrences
 * as dd_status() does. Every sort and filter is written to give the
 * file's order exactly (tests/pg/test-pg-backends.c compares them): the
 * stored ICU keys compare as bytes on both, SQLite's NULLs come first
 * ascending, ties go by id. A sort by the app's own collation (product,
 * directing) and the "6 rõ" filter (a C rule) are left to the store.
 */

/* The list's ORDER BY for @query, or FALSE when the server cannot sort as
 * the file does. A sort by status is the store's: the server's order is
 * then the ids'. */
static gboolean
append_order (GString           *sql,
              const DdTaskQuery *query)
{
  const char *dir = query->descending ? "DESC" : "ASC";
  /* SQLite's NULLs are the smallest values. */
  const char *nulls = query->descending ? "NULLS LAST" : "NULLS FIRST";

  g_string_append (sql, " ORDER BY ");
  switch (query->sort)
    {
    case DD_TASK_SORT_NUMBER:
      g_string_append_printf (sql, "t.plan_id %s, t.position %s, t.id", dir, dir);
      return TRUE;
    case DD_TASK_SORT_TITLE:
      g_string_append_printf (sql, "t.title_key %s %s", dir, nulls);
      break;
    case DD_TASK_SORT_LEAD:
      g_string_append_printf (sql, "(SELECT u.sort_key FROM units u WHERE u.id = t.lead_unit_id) %s %s", dir, nulls);
      break;
    case DD_TASK_SORT_COORDINATORS:
      g_string_append_printf (sql, "(SELECT u.sort_key FROM task_coordinators c JOIN units u ON u.id = c.unit_id "
                                   "WHERE c.task_id = t.id ORDER BY c.position, c.unit_id LIMIT 1) %s %s", dir, nulls);
      break;
    case DD_TASK_SORT_DEADLINE:
      g_string_append_printf (sql, "t.due_on IS NULL %s, t.due_on %s, t.deadline_kind %s", dir, dir, dir);
      break;
    case DD_TASK_SORT_PROGRESS:
      g_string_append_printf (sql, "t.progress %s", dir);
      break;
    case DD_TASK_SORT_STATUS:
      g_string_append_printf (sql, "t.id %s", dir);
      return TRUE;
    case DD_TASK_SORT_PRODUCT:
    case DD_TASK_SORT_DIRECTING:
    default:
      return FALSE;
    }
  g_string_append_printf (sql, ", t.id %s", dir);
  return TRUE;
}

/* The query of @query's tasks and its parameters after the two dates. */
static char *
build_list_sql (const DdTaskQuery *query,
                const char        *words,
                GPtrArray         *params)
{
  GString *sql = g_string_new ("SELECT t.id, dd_task_status (t.deadline_kind, t.due_on, t.completed_on, "
                               "$1::date, $2::date), t.deadline_kind FROM tasks t "
                               "WHERE t.deleted_at IS NULL "
                               /* DD_SQL_TASK_SHOWN: not a plan being imported. */
                               "AND NOT EXISTS (SELECT 1 FROM import_pending ip WHERE ip.plan_id = t.plan_id)");

  if (query->plan_id > 0)
    {
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, query->plan_id));
      g_string_append_printf (sql, " AND t.plan_id = $%u::bigint", params->len);
    }
  if (query->unit_id > 0)
    {
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, query->unit_id));
      if (query->lead_only)
        g_string_append_printf (sql, " AND t.lead_unit_id = $%u::bigint", params->len);
      else
        g_string_append_printf (sql, " AND t.id IN (SELECT id FROM tasks WHERE lead_unit_id = $%u::bigint "
                                     "UNION SELECT task_id FROM task_coordinators WHERE unit_id = $%u::bigint)",
                                params->len, params->len);
    }
  /* Every word in the folded text, as bytes (dd_search_match()'s
   * memmem(); strpos() compares bytes in a deterministic collation). */
  if (words != NULL && *words != '\0')
    {
      g_ptr_array_add (params, g_strdup (words));
      g_string_append_printf (sql, " AND NOT EXISTS (SELECT 1 FROM unnest (string_to_array ($%u::text, ' ')) w "
                                   "WHERE w <> '' AND strpos (t.search_text, w) = 0)", params->len);
    }
  if (!append_order (sql, query))
    {
      g_string_free (sql, TRUE);
      return NULL;
    }
  return g_string_free (sql, FALSE);
}

GArray *
_dd_pg_live_read_list (DdStore           *store,
                       const DdTaskQuery *query,
                       const GDate       *soon,
                       const char        *words,
                       gpointer           data)
{
  Live *live = data;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = NULL;
  GArray *rows;
  PGresult *result;

  (void) store;
  /* Inside the store's write the rows it wrote are the server's too, but
   * the store's own SQL stays the reference there. */
  if (query->six_clear_incomplete || live->in_transaction)
    return NULL;
  g_ptr_array_add (params, dd_date_to_iso (&query->as_of));
  g_ptr_array_add (params, dd_date_is_set (soon) ? dd_date_to_iso (soon) : NULL);
  sql = build_list_sql (query, words, params);
  if (sql == NULL || !_dd_pg_live_use_snapshot (live, NULL))
    return NULL;
  result = PQexecParams (dd_pg_get_conn (live->pg), sql, (int) params->len, NULL,
                         (const char * const *) params->pdata, NULL, NULL, 0);
  live->n_reads++;
  live->n_lists++;
  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQnfields (result) != 3)
    {
      g_debug ("The server did not sort the list: %s", PQresultErrorMessage (result));
      PQclear (result);
      return NULL;
    }
  rows = g_array_sized_new (FALSE, FALSE, sizeof (DdStoreListRow), PQntuples (result));
  for (int r = 0; r < PQntuples (result); r++)
    {
      DdStoreListRow row = { g_ascii_strtoll (PQgetvalue (result, r, 0), NULL, 10),
                             (gint8) atoi (PQgetvalue (result, r, 1)), (gint8) atoi (PQgetvalue (result, r, 2)) };

      g_array_append_val (rows, row);
    }
  PQclear (result);
  return rows;
}

guint64
_dd_pg_live_count_lists (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_val_if_fail (live != NULL, 0);

  return live->n_lists;
}
