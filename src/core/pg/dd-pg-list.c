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

/* Kept lists (issue #22): a window refreshing its list after another
 * desktop's save read all 100,000 rows again (20 ms of the server's time
 * and as much of the desktop's, each time, on every desktop). Each list
 * read is kept with the snapshot it was read in and the sort key of each
 * row; the next reading of the same query in a newer snapshot asks only
 * for the tasks changed since (data/pg/0008-task-changes.sql: the
 * transaction that last wrote each task or its coordinators), takes them
 * out of the kept list and puts those still in it back in their place.
 * Kept for the sorts whose order a row's own columns decide (number,
 * deadline, progress, status), not for those by the units' names (a
 * unit's renaming moves rows of unchanged tasks) nor by title. */

/* How many lists a store keeps, and their rows at most: the whole list
 * and the lists a user filters in between (units, plans, words), so that
 * going back to the whole list after a few filters does not read its
 * 100,000 rows again. A row kept costs 40 bytes (its copy for the store
 * is the store's): 300,000 rows are 12 MB. The least recently read go
 * first; the latest stays whatever its size. */
#define KEPT_LISTS 8
#define KEPT_ROWS 300000

/* The order of a row, as the server sorted it: three values and the id. */
typedef struct
{
  gint64 a, b, c;
} ListKey;

typedef struct
{
  char *query;                  /* the SQL and its parameters: what was asked */
  char *snapshot;               /* the snapshot the rows are of */
  char *pending;                /* the plans hidden then (Live's pending) */
  DdTaskSort sort;
  gboolean descending;
  GArray *rows;                 /* DdStoreListRow in the list's order */
  GArray *keys;                 /* ListKey of each row */
} ListKept;

static void
list_kept_free (gpointer data)
{
  ListKept *kept = data;

  g_free (kept->query);
  g_free (kept->snapshot);
  g_free (kept->pending);
  g_array_unref (kept->rows);
  g_array_unref (kept->keys);
  g_free (kept);
}

void
_dd_pg_live_drop_lists (Live *live)
{
  if (live->lists != NULL)
    g_ptr_array_set_size (live->lists, 0);
}

/* The three values of a row's order for @sort (each of its sort's
 * columns, or 0), or NULL when a kept list cannot be put in order again
 * from its rows alone. */
static const char *
key_columns (DdTaskSort sort)
{
  switch (sort)
    {
    case DD_TASK_SORT_NUMBER:
      return "t.plan_id, t.position, 0";
    case DD_TASK_SORT_DEADLINE:
      return "(t.due_on IS NULL)::int, coalesce (t.due_on - DATE '2000-01-01', 0), t.deadline_kind";
    case DD_TASK_SORT_PROGRESS:
      return "t.progress, 0, 0";
    case DD_TASK_SORT_STATUS:
      return "0, 0, 0";
    default:
      return NULL;
    }
}

/* The order append_order() gives the server, for the kept rows. */
static int
compare_rows (const ListKept *kept,
              const ListKey  *key_a,
              gint64          id_a,
              const ListKey  *key_b,
              gint64          id_b)
{
  int d = key_a->a != key_b->a ? (key_a->a < key_b->a ? -1 : 1)
        : key_a->b != key_b->b ? (key_a->b < key_b->b ? -1 : 1)
        : key_a->c != key_b->c ? (key_a->c < key_b->c ? -1 : 1) : 0;

  if (d != 0)
    return kept->descending ? -d : d;
  d = id_a < id_b ? -1 : id_a > id_b;
  /* By number, the ids always go up. */
  return kept->descending && kept->sort != DD_TASK_SORT_NUMBER ? -d : d;
}

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

/* Whether task t is in @query's list, and its parameters after the two
 * dates. */
static char *
build_shown (const DdTaskQuery *query,
             const char        *words,
             GPtrArray         *params)
{
  GString *sql = g_string_new ("t.deleted_at IS NULL "
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
  return g_string_free (sql, FALSE);
}

/* The columns of both readings: the id, its status by the rule, its kind,
 * and the three values of its order. */
#define STATUS_COLUMNS \
  "dd_task_status (t.deadline_kind, t.due_on, t.completed_on, $1::date, $2::date), t.deadline_kind"

/* The query of @query's tasks (@shown: build_shown()'s). */
static char *
build_list_sql (const DdTaskQuery *query,
                const char        *shown)
{
  const char *keys = key_columns (query->sort);
  GString *sql = g_string_new (NULL);

  g_string_printf (sql, "SELECT t.id, TRUE, " STATUS_COLUMNS ", %s FROM tasks t WHERE %s",
                   keys != NULL ? keys : "0, 0, 0", shown);
  if (!append_order (sql, query))
    {
      g_string_free (sql, TRUE);
      return NULL;
    }
  return g_string_free (sql, FALSE);
}

/* The tasks changed since the snapshot of parameter $@n, whether each is
 * still in the list, its status and its order; a truncated table, task 0. */
static char *
build_changes_sql (const DdTaskQuery *query,
                   const char        *shown,
                   guint              n)
{
  return g_strdup_printf ("SELECT c.task_id, t.id IS NOT NULL AND %s, " STATUS_COLUMNS ", %s "
                          "FROM task_changes c LEFT JOIN tasks t ON t.id = c.task_id "
                          "WHERE c.changed_xid >= pg_snapshot_xmin ($%u::pg_snapshot) "
                          "AND NOT pg_visible_in_snapshot (c.changed_xid, $%u::pg_snapshot)",
                          shown, key_columns (query->sort), n, n);
}

static PGresult *
run (Live       *live,
     const char *sql,
     GPtrArray  *params)
{
  PGresult *result = PQexecParams (dd_pg_get_conn (live->pg), sql, (int) params->len, NULL,
                                   (const char * const *) params->pdata, NULL, NULL, 0);

  live->n_reads++;
  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQnfields (result) != 7)
    {
      g_debug ("The server did not read the list: %s", PQresultErrorMessage (result));
      PQclear (result);
      return NULL;
    }
  return result;
}

static gint64
int_value (PGresult *result,
           int       r,
           int       c)
{
  return g_ascii_strtoll (PQgetvalue (result, r, c), NULL, 10);
}

/* Row @r of a reading, and its key. */
static void
read_row (PGresult       *result,
          int             r,
          DdStoreListRow *row,
          ListKey        *key)
{
  row->id = int_value (result, r, 0);
  row->status = (gint8) int_value (result, r, 2);
  row->kind = (gint8) int_value (result, r, 3);
  key->a = int_value (result, r, 4);
  key->b = int_value (result, r, 5);
  key->c = int_value (result, r, 6);
}

/* Lets the least recently read lists go, beyond KEPT_LISTS or the rows
 * kept; the latest stays. */
static void
trim (Live *live)
{
  guint max_rows = live->kept_rows_max > 0 ? live->kept_rows_max : KEPT_ROWS;

  for (guint n_rows = 0, i = live->lists->len; i-- > 0;)
    {
      const ListKept *older = live->lists->pdata[i];

      n_rows += older->rows->len;
      if (i < live->lists->len - 1 && (live->lists->len - i > KEPT_LISTS || n_rows > max_rows))
        {
          /* This one and every older one go. */
          g_ptr_array_remove_range (live->lists, 0, i + 1);
          return;
        }
    }
}

/* The kept list of @key, the latest of live->lists now; or NULL. */
static ListKept *
find_kept (Live       *live,
           const char *key)
{
  for (guint i = 0; live->lists != NULL && i < live->lists->len; i++)
    {
      ListKept *kept = live->lists->pdata[i];

      if (g_str_equal (kept->query, key))
        {
          g_ptr_array_add (live->lists, g_ptr_array_steal_index (live->lists, i));
          trim (live);
          return kept;
        }
    }
  return NULL;
}

static void
keep (Live              *live,
      const char        *key,
      const DdTaskQuery *query,
      GArray            *rows,
      GArray            *keys)
{
  ListKept *kept = g_new0 (ListKept, 1);

  kept->query = g_strdup (key);
  kept->snapshot = g_strdup (live->snapshot);
  kept->pending = g_strdup (live->pending);
  kept->sort = query->sort;
  kept->descending = query->descending;
  kept->rows = rows;
  kept->keys = keys;
  if (live->lists == NULL)
    live->lists = g_ptr_array_new_with_free_func (list_kept_free);
  g_ptr_array_add (live->lists, kept);
  trim (live);
}

typedef struct
{
  const ListKept *kept;
  const GArray *rows;
  const GArray *keys;
} SortContext;

static int
compare_indices (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const SortContext *ctx = data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  return compare_rows (ctx->kept, &g_array_index (ctx->keys, ListKey, i),
                       g_array_index (ctx->rows, DdStoreListRow, i).id,
                       &g_array_index (ctx->keys, ListKey, j), g_array_index (ctx->rows, DdStoreListRow, j).id);
}

/* @kept brought to live's snapshot with @changes (build_changes_sql()'s
 * rows): the changed tasks taken out, those still in the list put back in
 * their place. FALSE when a table was truncated (read it all again). */
static gboolean
apply_changes (Live     *live,
               ListKept *kept,
               PGresult *changes)
{
  int n = PQntuples (changes);
  g_autoptr(GHashTable) changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_autoptr(GArray) new_rows = g_array_sized_new (FALSE, FALSE, sizeof (DdStoreListRow), n);
  g_autoptr(GArray) new_keys = g_array_sized_new (FALSE, FALSE, sizeof (ListKey), n);
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  GArray *rows, *keys;
  SortContext ctx = { kept, new_rows, new_keys };
  guint i, j;

  for (int r = 0; r < n; r++)
    {
      gint64 id = int_value (changes, r, 0);

      if (id == 0)
        return FALSE;
      g_array_append_val (ids, id);
    }
  for (i = 0; i < ids->len; i++)
    g_hash_table_add (changed, &g_array_index (ids, gint64, i));
  for (int r = 0; r < n; r++)
    if (g_str_equal (PQgetvalue (changes, r, 1), "t"))
      {
        DdStoreListRow row;
        ListKey key;

        read_row (changes, r, &row, &key);
        g_array_append_val (new_rows, row);
        g_array_append_val (new_keys, key);
        g_array_append_val (order, (guint) { new_rows->len - 1 });
      }
  g_array_sort_with_data (order, compare_indices, &ctx);

  /* The kept rows not changed, and the changed ones merged in. */
  rows = g_array_sized_new (FALSE, FALSE, sizeof (DdStoreListRow), kept->rows->len + new_rows->len);
  keys = g_array_sized_new (FALSE, FALSE, sizeof (ListKey), kept->rows->len + new_rows->len);
  for (i = 0, j = 0; i < kept->rows->len || j < order->len;)
    {
      const DdStoreListRow *old_row = i < kept->rows->len ? &g_array_index (kept->rows, DdStoreListRow, i) : NULL;
      guint k = j < order->len ? g_array_index (order, guint, j) : 0;

      if (old_row != NULL && g_hash_table_contains (changed, &old_row->id))
        {
          i++;
          continue;
        }
      if (old_row == NULL
          || (j < order->len
              && compare_rows (kept, &g_array_index (new_keys, ListKey, k), g_array_index (new_rows, DdStoreListRow, k).id,
                               &g_array_index (kept->keys, ListKey, i), old_row->id) < 0))
        {
          g_array_append_val (rows, g_array_index (new_rows, DdStoreListRow, k));
          g_array_append_val (keys, g_array_index (new_keys, ListKey, k));
          j++;
        }
      else
        {
          g_array_append_val (rows, *old_row);
          g_array_append_val (keys, g_array_index (kept->keys, ListKey, i));
          i++;
        }
    }
  g_array_unref (kept->rows);
  g_array_unref (kept->keys);
  kept->rows = rows;
  kept->keys = keys;
  g_free (kept->snapshot);
  kept->snapshot = g_strdup (live->snapshot);
  return TRUE;
}

/* The store's copy of a kept list: it changes it (the recurring tasks'
 * status, the order by status). */
static GArray *
copy_rows (const GArray *rows)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (DdStoreListRow), rows->len);

  g_array_append_vals (copy, rows->data, rows->len);
  return copy;
}

static GArray *
kept_rows (Live     *live,
           ListKept *kept)
{
  live->n_lists++;
  live->n_lists_kept++;
  return copy_rows (kept->rows);
}

/* A reading of the whole list, kept when its sort allows. */
static GArray *
read_whole (Live              *live,
            const DdTaskQuery *query,
            const char        *key,
            const char        *sql,
            GPtrArray         *params)
{
  PGresult *result = run (live, sql, params);
  GArray *rows, *keys;

  if (result == NULL)
    return NULL;
  rows = g_array_sized_new (FALSE, FALSE, sizeof (DdStoreListRow), PQntuples (result));
  keys = g_array_sized_new (FALSE, FALSE, sizeof (ListKey), PQntuples (result));
  g_array_set_size (rows, PQntuples (result));
  g_array_set_size (keys, PQntuples (result));
  for (int r = 0; r < PQntuples (result); r++)
    read_row (result, r, &g_array_index (rows, DdStoreListRow, r), &g_array_index (keys, ListKey, r));
  PQclear (result);
  live->n_lists++;
  if (key_columns (query->sort) == NULL || live->snapshot == NULL)
    {
      g_array_unref (keys);
      return rows;
    }
  keep (live, key, query, rows, keys);
  return copy_rows (rows);
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
  g_autofree char *shown = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GString) key = NULL;
  ListKept *kept;

  (void) store;
  /* Inside the store's write the rows it wrote are the server's too, but
   * the store's own SQL stays the reference there. */
  if (query->six_clear_incomplete || live->in_transaction)
    return NULL;
  g_ptr_array_add (params, dd_date_to_iso (&query->as_of));
  g_ptr_array_add (params, dd_date_is_set (soon) ? dd_date_to_iso (soon) : NULL);
  shown = build_shown (query, words, params);
  sql = build_list_sql (query, shown);
  if (sql == NULL || !_dd_pg_live_use_snapshot (live, NULL))
    return NULL;
  /* What was asked: the query and its values. */
  key = g_string_new (sql);
  for (guint i = 0; i < params->len; i++)
    g_string_append_printf (key, "\x1f%s", params->pdata[i] != NULL ? (char *) params->pdata[i] : "");
  if (key_columns (query->sort) != NULL && _dd_pg_live_snapshot_info (live, NULL)
      && (kept = find_kept (live, key->str)) != NULL)
    {
      g_autofree char *changes_sql = NULL;
      PGresult *changes;

      if (g_str_equal (kept->snapshot, live->snapshot))
        return kept_rows (live, kept);
      /* Another plan hidden or shown: many rows in or out. */
      if (g_str_equal (kept->pending, live->pending))
        {
          g_ptr_array_add (params, g_strdup (kept->snapshot));
          changes_sql = build_changes_sql (query, shown, params->len);
          changes = run (live, changes_sql, params);
          g_ptr_array_set_size (params, params->len - 1);
          if (changes != NULL && apply_changes (live, kept, changes))
            {
              PQclear (changes);
              return kept_rows (live, kept);
            }
          g_clear_pointer (&changes, PQclear);
        }
      g_ptr_array_remove (live->lists, kept);
    }
  return read_whole (live, query, key->str, sql, params);
}

guint64
_dd_pg_live_count_lists (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_val_if_fail (live != NULL, 0);

  return live->n_lists;
}

void
_dd_pg_live_set_kept_rows (DdStore *store,
                           guint    rows)
{
  Live *live = _dd_pg_live_of (store);

  g_return_if_fail (live != NULL);

  live->kept_rows_max = rows;
}

guint64
_dd_pg_live_count_lists_kept (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_val_if_fail (live != NULL, 0);

  return live->n_lists_kept;
}
