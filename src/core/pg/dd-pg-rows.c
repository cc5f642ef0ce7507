/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-pg-live-private.h"
#include "dd-store-private.h"

/*
 * An export's task rows read by the server itself (issue #22). Through
 * the tables in place, each task's row of the workbook was a statement of
 * SQLite's over five virtual tables (the task, its plan, its lead, its
 * coordinators and their units, its first extension), served from batches
 * read ahead but still several scans a task: about half of the 100,000-task
 * export's time, on a desktop that shares its cores with the server and
 * forty-nine others. A batch of 4,096 tasks is now three plain queries by
 * their ids (the tasks with their plan's number and lead's name, their
 * coordinators' names in order, their first extensions), joined here in
 * the list's order; the next batch is read ahead on the prefetcher's
 * connection meanwhile. One query that joined and ordered it all on the
 * server took twice the server's time (49 ms a batch against 25: its
 * aggregate and its sort), time the other desktops wait for.
 *
 * The columns are those of the export's lists (dd-store-export.c,
 * EXPORT_TEXT_COLUMNS and EXPORT_STATUS_COLUMNS), in the same order and in
 * the file's text: dates as ISO text (datestyle ISO), integers as digits.
 * Each condition is the file's query's: a task deleted or in the recycle
 * bin is left out (deleted_at), as is one whose plan is being imported
 * (DD_SQL_TASK_SHOWN); the coordinators joined with "; " in their order
 * (group_concat()'s), the due date before the first extension.
 * tests/pg/test-pg-backends.c compares the rows on both backends.
 */

/* The tasks, in the columns' order; the coordinators (6) and the first
 * extension's due date (11) come from the two queries after. (The plan
 * of a task being imported is in import_pending, whose plan_id is never
 * NULL: NOT IN is the file's NOT IN.) */
#define TASKS_SQL \
  "SELECT t.id, p.number, t.number, t.title, t.lead_unit_id, lu.name, NULL, " \
  "t.deadline_kind, t.deadline_text, t.deadline_understood, t.due_on, NULL, " \
  "t.product, t.directing, t.progress, t.completed_on, t.actual_product, t.note, t.plan_id " \
  "FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN units lu ON lu.id = t.lead_unit_id " \
  "WHERE t.id = ANY ($1::bigint[]) AND t.deleted_at IS NULL " \
  "AND t.plan_id NOT IN (SELECT plan_id FROM import_pending)"
#define COORDINATORS_SQL \
  "SELECT c.task_id, u.name FROM task_coordinators c JOIN units u ON u.id = c.unit_id " \
  "WHERE c.task_id = ANY ($1::bigint[]) ORDER BY c.task_id, c.position"
#define EXTENSIONS_SQL \
  "SELECT DISTINCT ON (e.task_id) e.task_id, e.old_due FROM task_extensions e " \
  "WHERE e.task_id = ANY ($1::bigint[]) ORDER BY e.task_id, e.id"
#define STATUS_SQL \
  "SELECT t.id, t.lead_unit_id, t.deadline_kind, t.due_on, t.completed_on, t.plan_id " \
  "FROM tasks t WHERE t.id = ANY ($1::bigint[]) AND t.deleted_at IS NULL " \
  "AND t.plan_id NOT IN (SELECT plan_id FROM import_pending)"

#define TEXT_COLUMNS 19
#define STATUS_COLUMNS 6
#define COORDINATORS_COLUMN 6
#define ORIGINAL_DUE_COLUMN 11

enum { TASKS, COORDINATORS, EXTENSIONS, N_QUERIES };

/* A row of a result by its task's id: [start, end) of its rows. */
typedef struct
{
  gint64 id;
  int start;
  int end;
} Rows;

static gint
compare_rows (gconstpointer a,
              gconstpointer b)
{
  gint64 x = ((const Rows *) a)->id, y = ((const Rows *) b)->id;

  return x < y ? -1 : x > y;
}

/* @result's rows by their first column's id, sorted. */
static GArray *
index_rows (PGresult *result)
{
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (Rows), PQntuples (result));

  for (int r = 0; r < PQntuples (result); r++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (result, r, 0), NULL, 10);
      Rows *last = rows->len > 0 ? &g_array_index (rows, Rows, rows->len - 1) : NULL;

      if (last != NULL && last->id == id)
        last->end = r + 1;
      else
        g_array_append_val (rows, ((Rows) { id, r, r + 1 }));
    }
  g_array_sort (rows, compare_rows);
  return rows;
}

static const Rows *
find_rows (GArray *rows,
           gint64  id)
{
  Rows key = { id, 0, 0 };
  guint index;

  return g_array_binary_search (rows, &key, compare_rows, &index) ? &g_array_index (rows, Rows, index) : NULL;
}

/* Asks the prefetcher for @sql's rows of @ids, as the next reading will
 * ask for them. */
static void
ask_ahead (Live       *live,
           const char *sql,
           const char *ids)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = NULL;

  g_ptr_array_add (params, g_strdup (ids));
  key = _dd_pg_live_request_key (sql, params);
  _dd_pg_prefetch_ask (live->prefetch, live->exported, key, sql, params);
}

/* @sql's rows of the ids @params names: taken read ahead, else read. */
static PGresult *
read_or_take (Live       *live,
              const char *sql,
              GPtrArray  *params)
{
  PGresult *result = NULL;

  if (live->prefetch != NULL && live->exported != NULL)
    {
      g_autofree char *key = _dd_pg_live_request_key (sql, params);

      result = _dd_pg_prefetch_take (live->prefetch, key);
    }
  return result != NULL ? result : _dd_pg_live_run_select (live, sql, params);
}

/* The store's snapshot for a reading, or @error as the store says it. */
static gboolean
begin_read (Live    *live,
            GError **error)
{
  GError *local = NULL;

  if (_dd_pg_live_use_snapshot (live, &local))
    return TRUE;
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Database error: %s"), local->message);
  g_error_free (local);
  return FALSE;
}

/* Whether @result holds rows of @n_fields columns; else @error says what
 * the server answered, as a refused read through the tables does. */
static gboolean
rows_read (PGresult  *result,
           int        n_fields,
           GError   **error)
{
  g_autofree char *refused = NULL;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQnfields (result) == n_fields)
    return TRUE;
  refused = g_strdup_printf (_("The server refused a read: %s"), PQresultErrorMessage (result));
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Database error: %s"), g_strstrip (refused));
  return FALSE;
}

int
_dd_pg_live_read_rows (DdStore         *store,
                       const gint64    *ids,
                       guint            n_ids,
                       const gint64    *next_ids,
                       guint            n_next_ids,
                       gboolean         with_text,
                       DdStoreRowFunc   func,
                       gpointer         func_data,
                       gpointer         data,
                       GError         **error)
{
  Live *live = data;
  const char *sql[N_QUERIES] = { with_text ? TASKS_SQL : STATUS_SQL, COORDINATORS_SQL, EXTENSIONS_SQL };
  guint n_queries = with_text ? N_QUERIES : 1;
  int n_columns = with_text ? TEXT_COLUMNS : STATUS_COLUMNS;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  PGresult *result[N_QUERIES] = { NULL, };
  GArray *rows[N_QUERIES] = { NULL, };
  g_autoptr(GString) coordinators = g_string_new (NULL);
  const char *values[TEXT_COLUMNS];
  gboolean ok = TRUE;

  (void) store;
  /* Inside the store's write, its own SQL reads what it wrote. */
  if (live->in_transaction)
    return -1;
  if (!begin_read (live, error))
    return 0;
  g_ptr_array_add (params, _dd_pg_ids_array (ids, n_ids));
  for (guint q = 0; q < n_queries; q++)
    result[q] = read_or_take (live, sql[q], params);
  if (next_ids != NULL && n_next_ids > 0 && _dd_pg_live_export_snapshot (live))
    {
      g_autofree char *next = _dd_pg_ids_array (next_ids, n_next_ids);

      for (guint q = 0; q < n_queries; q++)
        ask_ahead (live, sql[q], next);
    }
  for (guint q = 0; ok && q < n_queries; q++)
    ok = rows_read (result[q], q == TASKS ? n_columns : 2, error);
  if (ok)
    live->n_row_batches++;
  for (guint q = 0; ok && q < n_queries; q++)
    rows[q] = index_rows (result[q]);
  /* In the order asked; a task not there was deleted or is hidden. */
  for (guint i = 0; ok && i < n_ids; i++)
    {
      const Rows *task = find_rows (rows[TASKS], ids[i]);
      int r;

      if (task == NULL)
        continue;
      r = task->start;
      for (int c = 0; c < n_columns; c++)
        values[c] = PQgetisnull (result[TASKS], r, c) ? NULL : PQgetvalue (result[TASKS], r, c);
      if (with_text)
        {
          const Rows *coordinator = find_rows (rows[COORDINATORS], ids[i]);
          const Rows *extension = find_rows (rows[EXTENSIONS], ids[i]);

          values[COORDINATORS_COLUMN] = NULL;
          if (coordinator != NULL)
            {
              g_string_truncate (coordinators, 0);
              for (int k = coordinator->start; k < coordinator->end; k++)
                {
                  if (k > coordinator->start)
                    g_string_append (coordinators, "; ");
                  g_string_append (coordinators, PQgetvalue (result[COORDINATORS], k, 1));
                }
              values[COORDINATORS_COLUMN] = coordinators->str;
            }
          values[ORIGINAL_DUE_COLUMN] = extension != NULL && !PQgetisnull (result[EXTENSIONS], extension->start, 1)
                                          ? PQgetvalue (result[EXTENSIONS], extension->start, 1) : NULL;
        }
      ok = func (values, func_data, error);
    }
  for (guint q = 0; q < n_queries; q++)
    {
      PQclear (result[q]);
      if (rows[q] != NULL)
        g_array_unref (rows[q]);
    }
  return ok ? 1 : 0;
}

/* Every typed figure in the export's typed query's order
 * (dd-export-figures.c), by indicator: NULLs of the unit first as SQLite
 * puts them ("IS NOT NULL" is FALSE first on both), the units' stored
 * sort keys compared as bytes on both, the period's length in days. */
#define FIGURES_SQL \
  "SELECT f.indicator_id, f.unit_id, u.name, f.period_start, f.period_end, f.numerator, f.denominator " \
  "FROM indicator_figures f LEFT JOIN units u ON u.id = f.unit_id " \
  "WHERE ($1::date IS NULL OR f.period_start >= $1::date) AND ($2::date IS NULL OR f.period_end <= $2::date) " \
  "AND f.numerator BETWEEN 0 AND $3::float8 AND f.denominator BETWEEN 0 AND $3::float8 " \
  "ORDER BY f.indicator_id, f.unit_id IS NOT NULL, u.sort_key, f.unit_id, " \
  "f.period_end - f.period_start DESC, f.period_start, f.id"

int
_dd_pg_live_read_figures (DdStore         *store,
                          const GDate     *from,
                          const GDate     *to,
                          double           max,
                          DdStoreRowFunc   func,
                          gpointer         func_data,
                          gpointer         data,
                          GError         **error)
{
  Live *live = data;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *values[7];
  PGresult *result;
  gboolean ok = TRUE;

  (void) store;
  if (live->in_transaction)
    return -1;
  if (!begin_read (live, error))
    return 0;
  g_ptr_array_add (params, dd_date_is_set (from) ? dd_date_to_iso (from) : NULL);
  g_ptr_array_add (params, dd_date_is_set (to) ? dd_date_to_iso (to) : NULL);
  g_ptr_array_add (params, g_strdup (g_ascii_dtostr (number, sizeof number, max)));
  result = _dd_pg_live_run_select (live, FIGURES_SQL, params);
  if (!rows_read (result, G_N_ELEMENTS (values), error))
    {
      PQclear (result);
      return 0;
    }
  live->n_figure_reads++;
  for (int r = 0; ok && r < PQntuples (result); r++)
    {
      for (int c = 0; c < (int) G_N_ELEMENTS (values); c++)
        values[c] = PQgetisnull (result, r, c) ? NULL : PQgetvalue (result, r, c);
      ok = func (values, func_data, error);
    }
  PQclear (result);
  return ok ? 1 : 0;
}
