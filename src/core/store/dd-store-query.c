/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * The store's reads of tasks: one task with its status, the ids of a
 * query's tasks in the list's order (for DdTaskList), the counts per
 * status, and the query's SQL, which the exports and statistics read too.
 * The SQL is put together from the fixed fragments of this file, never
 * from user text.
 */

/* The task columns every task query reads, in the order read_task() expects. */
#define TASK_COLUMNS \
  "t.id, t.plan_id, p.number, t.revision, t.position, t.number, t.title, " \
  "t.lead_unit_id, lu.name, t.deadline_kind, t.deadline_text, t.deadline_understood, " \
  "t.due_on, t.periods, t.annual_due, t.product, t.directing, t.progress, " \
  "t.completed_on, t.actual_product, t.note, t.updated_by, t.updated_at, " \
  "(SELECT e.old_due FROM task_extensions e WHERE e.task_id = t.id ORDER BY e.id LIMIT 1), " \
  "(SELECT count(*) FROM task_extensions e WHERE e.task_id = t.id), " \
  "ifnull (lu.is_group, 0), (SELECT tp.person FROM task_people tp WHERE tp.task_id = t.id)"

#define STATUS_EXPR "dd_status (t.deadline_kind, t.due_on, t.completed_on, ?1, ?2, t.id)"

/* The tasks that fail the "6 rõ" check: the same rules as
 * dd_six_clear_check() (a test compares the two on every task), written
 * so that SQLite judges 100,000 tasks in about 0.1 s. The text rules (a
 * title of three words, a directing leader, a product) are the check's own
 * C code (dd_six_clear_text() in dd-store-sql.c); the person in charge does
 * not change the outcome (a group lead stays unclear). Kinds: 0 none,
 * 1 date, 2 ongoing, 3 periodic, 4 statutory, 5 external. The dashboard
 * counts the same terms in C (dd-stats-six-clear.c): change both. */
#define SIX_CLEAR_FAILS_TERMS \
  "t.lead_unit_id IS NULL " \
  "OR t.deadline_kind NOT IN (1, 2, 3, 4, 5) " \
  "OR (t.deadline_kind IN (1, 5) AND t.due_on IS NULL) " \
  "OR (t.deadline_kind IN (2, 3, 4) AND NOT t.deadline_understood) " \
  "OR dd_six_clear_text (t.title, t.product, t.directing) <> 0 " \
  "OR t.lead_unit_id IN (SELECT u.id FROM units u WHERE u.is_group = 1) "
#define SIX_CLEAR_FAILS_EXPR \
  "(" SIX_CLEAR_FAILS_TERMS \
  "OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.unit_id = t.lead_unit_id))"

/* The same on a server's tables, which have no index of SQLite's: there
 * the EXISTS above was a query on the server for each task (96,000 for
 * the dashboard's count on the 100,000-task office), where this reads the
 * coordinators once (SQLite keeps the pairs of an uncorrelated IN). */
#define SIX_CLEAR_FAILS_EXPR_REMOTE \
  "(" SIX_CLEAR_FAILS_TERMS \
  "OR (t.id, t.lead_unit_id) IN (SELECT c.task_id, c.unit_id FROM task_coordinators c))"

/* The status counts of the last task list read (_dd_store_query_task_ids()),
 * which the window asks for next (dd_store_count_by_status()), and what
 * they depend on. */
struct _DdStatusCounts
{
  char *key;
  guint counts[DD_N_STATUSES];
};

void
_dd_status_counts_free (DdStatusCounts *counts)
{
  if (counts == NULL)
    return;
  g_free (counts->key);
  g_free (counts);
}

static DdTask *
read_task (sqlite3_stmt *stmt)
{
  DdTask *task = _dd_task_new_empty ();
  const char *annual;

  task->id = sqlite3_column_int64 (stmt, 0);
  task->plan_id = sqlite3_column_int64 (stmt, 1);
  task->plan_number = g_strdup (dd_sql_column_text (stmt, 2));
  task->revision = sqlite3_column_int64 (stmt, 3);
  task->position = (guint) sqlite3_column_int (stmt, 4);
  g_free (task->number);
  task->number = g_strdup (dd_sql_column_text (stmt, 5) != NULL ? dd_sql_column_text (stmt, 5) : "");
  g_free (task->title);
  task->title = g_strdup (dd_sql_column_text (stmt, 6) != NULL ? dd_sql_column_text (stmt, 6) : "");
  task->lead_id = sqlite3_column_int64 (stmt, 7);
  task->lead = g_strdup (dd_sql_column_text (stmt, 8));
  task->deadline_kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 9), 0, DD_N_DEADLINE_KINDS - 1);
  task->deadline_text = g_strdup (dd_sql_column_text (stmt, 10));
  task->deadline_understood = sqlite3_column_int (stmt, 11) != 0;
  dd_sql_column_date (stmt, 12, &task->due);
  task->periods = (guint) sqlite3_column_int (stmt, 13);
  annual = dd_sql_column_text (stmt, 14);
  if (annual != NULL && strlen (annual) == 5 && annual[2] == '-')
    {
      task->annual_month = (guint8) g_ascii_strtoull (annual, NULL, 10);
      task->annual_day = (guint8) g_ascii_strtoull (annual + 3, NULL, 10);
    }
  task->product = g_strdup (dd_sql_column_text (stmt, 15));
  task->directing = g_strdup (dd_sql_column_text (stmt, 16));
  task->progress = (guint) CLAMP (sqlite3_column_int (stmt, 17), 0, 100);
  dd_sql_column_date (stmt, 18, &task->completed_on);
  task->actual_product = g_strdup (dd_sql_column_text (stmt, 19));
  task->note = g_strdup (dd_sql_column_text (stmt, 20));
  task->updated_by = g_strdup (dd_sql_column_text (stmt, 21));
  task->updated_at = g_strdup (dd_sql_column_text (stmt, 22));
  dd_sql_column_date (stmt, 23, &task->original_due);
  task->n_extensions = (guint) sqlite3_column_int (stmt, 24);
  task->lead_is_group = sqlite3_column_int (stmt, 25) != 0;
  task->person = g_strdup (dd_sql_column_text (stmt, 26));
  return task;
}

static gboolean
load_coordinators (DdStore  *self,
                   DdTask   *task,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  stmt = dd_sql_prepare (self,
                  "SELECT u.name FROM task_coordinators c JOIN units u ON u.id = c.unit_id "
                  "WHERE c.task_id = ?1 ORDER BY c.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, dd_sql_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  g_strfreev (task->coordinators);
  task->coordinators = g_strv_builder_end (builder);
  return TRUE;
}

DdTask *
_dd_store_load_task (DdStore      *self,
                     gint64        task_id,
                     const GDate  *as_of,
                     const GDate  *soon_limit,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(DdTask) task = NULL;
  int rc;

  stmt = dd_sql_prepare (self,
                  "SELECT " TASK_COLUMNS " FROM tasks t JOIN plans p ON p.id = t.plan_id "
                  "LEFT JOIN units lu ON lu.id = t.lead_unit_id WHERE t.id = ?1 AND t.deleted_at IS NULL AND "
                  DD_SQL_TASK_SHOWN ("t.id"),
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no task with id %lld."), (long long) task_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }

  task = read_task (stmt);
  if (!load_coordinators (self, task, error) || !_dd_store_load_task_source (self, task, error))
    return NULL;

  task->as_of = *as_of;
  if (!_dd_store_judge_task (self, task, as_of, soon_limit, error))
    return NULL;
  return g_steal_pointer (&task);
}

DdTask *
dd_store_get_task (DdStore      *self,
                   gint64        task_id,
                   const GDate  *as_of,
                   GError      **error)
{
  GError *local_error = NULL;
  GDate day, soon;
  guint soon_days;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  if (dd_date_is_set (as_of))
    day = *as_of;
  else
    dd_sql_today (&day);
  soon_days = dd_store_get_due_soon_days (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  _dd_store_due_soon_limit (self, &day, soon_days, &soon);
  return _dd_store_load_task (self, task_id, &day, &soon, error);
}

/* Builds "FROM … WHERE …" for a query, from fixed fragments; parameters
 * ?1 (as_of) and ?2 (soon limit) are always bound, then those listed in
 * @binds in order from ?3. */
typedef struct
{
  GString *sql;
  GPtrArray *words;   /* folded search words, bound from ?10 on */
} QuerySql;

static void
query_sql_clear (QuerySql *q)
{
  if (q->sql != NULL)
    g_string_free (q->sql, TRUE);
  g_clear_pointer (&q->words, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QuerySql, query_sql_clear)

static void
build_where (DdStore           *store,
             const DdTaskQuery *query,
             gboolean           with_status,
             const char        *joins,
             QuerySql          *q)
{
  g_autofree char *folded = dd_text_fold_for_search (query->text);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  /* Tasks in the recycle bin are in no query. */
  q->sql = g_string_new (" FROM tasks t ");
  if (joins != NULL)
    g_string_append (q->sql, joins);
  g_string_append (q->sql, " WHERE t.deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("t.id"));
  q->words = g_ptr_array_new_with_free_func (g_free);

  if (query->plan_id > 0)
    g_string_append (q->sql, " AND t.plan_id = ?3");
  if (query->unit_id > 0 && query->lead_only)
    g_string_append (q->sql, " AND t.lead_unit_id = ?4");
  else if (query->unit_id > 0)
    g_string_append (q->sql,
                     " AND t.id IN (SELECT id FROM tasks WHERE lead_unit_id = ?4 "
                     "UNION SELECT task_id FROM task_coordinators WHERE unit_id = ?4)");
  if (with_status && query->status >= 0)
    g_string_append (q->sql, " AND " STATUS_EXPR " = ?5");
  if (query->six_clear_incomplete)
    g_string_append (q->sql, _dd_store_has_remote_tables (store) ? " AND " SIX_CLEAR_FAILS_EXPR_REMOTE
                                                                  : " AND " SIX_CLEAR_FAILS_EXPR);

  {
    g_autoptr(GString) joined = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (*words[i] == '\0')
          continue;
        if (joined->len > 0)
          g_string_append_c (joined, ' ');
        g_string_append (joined, words[i]);
      }
    /* Every word, anywhere in the folded text (dd_search_match() in
     * dd-store-sql.c: instr() for each word, in one call). "search_text > ''"
     * is always true when there is a word to find: it lets SQLite read the
     * index that holds the text (tasks_live_text, 0005-performance.sql).
     * The SQL text is fixed; only the value comes from the user. */
    if (joined->len > 0)
      {
        g_string_append (q->sql, " AND t.search_text > '' AND dd_search_match (t.search_text, ?10)");
        g_ptr_array_add (q->words, g_string_free (g_steal_pointer (&joined), FALSE));
      }
  }
}

static void
bind_query (sqlite3_stmt      *stmt,
            const DdTaskQuery *query,
            const GDate       *soon,
            const QuerySql    *q)
{
  dd_sql_bind_date (stmt, 1, &query->as_of);
  dd_sql_bind_date (stmt, 2, soon);
  sqlite3_bind_int64 (stmt, 3, query->plan_id);
  sqlite3_bind_int64 (stmt, 4, query->unit_id);
  sqlite3_bind_int (stmt, 5, query->status);
  for (guint i = 0; i < q->words->len; i++)
    dd_sql_bind_text (stmt, 10 + (int) i, g_ptr_array_index (q->words, i));
}

static const char *
sort_expression (DdTaskSort sort)
{
  switch (sort)
    {
    case DD_TASK_SORT_TITLE:
      return "t.title_key %s";
    case DD_TASK_SORT_LEAD:
      return "(SELECT u.sort_key FROM units u WHERE u.id = t.lead_unit_id) %s";
    case DD_TASK_SORT_COORDINATORS:
      return "(SELECT u.sort_key FROM task_coordinators c JOIN units u ON u.id = c.unit_id "
             "WHERE c.task_id = t.id ORDER BY c.position LIMIT 1) %s";
    case DD_TASK_SORT_DEADLINE:
      return "t.due_on IS NULL %s, t.due_on %s, t.deadline_kind %s";
    case DD_TASK_SORT_PRODUCT:
      return "t.product COLLATE dd_vi %s";
    case DD_TASK_SORT_DIRECTING:
      return "t.directing COLLATE dd_vi %s";
    case DD_TASK_SORT_STATUS:
      return STATUS_EXPR " %s";
    case DD_TASK_SORT_PROGRESS:
      return "t.progress %s";
    case DD_TASK_SORT_NUMBER:
    default:
      return "t.plan_id %s, t.position %s";
    }
}

/* Prepares "SELECT @columns FROM tasks t @joins WHERE … ORDER BY …" for
 * @query, with every parameter bound: the tasks of the list in the list's
 * order, read in one statement. */
sqlite3_stmt *
_dd_store_prepare_task_query (DdStore           *self,
                              const DdTaskQuery *query,
                              const char        *columns,
                              const char        *joins,
                              GError           **error)
{
  g_auto(QuerySql) q = { 0 };
  sqlite3_stmt *stmt;
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  const char *dir = query->descending ? "DESC" : "ASC";
  g_auto(GStrv) parts = NULL;
  GDate soon;

  _dd_store_due_soon_limit (self, &query->as_of, query->due_soon_days, &soon);
  if (!_dd_store_prepare_recurring (self, &query->as_of, &soon, error))
    return NULL;
  build_where (self, query, TRUE, joins, &q);
  g_string_append (sql, columns);
  g_string_append (sql, q.sql->str);

  /* The order: the chosen column, then the appendix order for ties. */
  g_string_append (sql, " ORDER BY ");
  parts = g_strsplit (sort_expression (query->sort), "%s", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_string_append (sql, parts[i]);
      if (parts[i + 1] != NULL)
        g_string_append (sql, dir);
    }
  /* Ties keep the order of entry (ids grow as plans are imported), which
   * lets SQLite walk an index such as (title_key, id) instead of sorting. */
  if (query->sort == DD_TASK_SORT_NUMBER)
    g_string_append (sql, ", t.id");
  else
    g_string_append_printf (sql, ", t.id %s", dir);

  stmt = dd_sql_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query, &soon, &q);
  return stmt;
}

/* What the status counts of @query depend on: the query but its status
 * filter and sort, and the state of the file (changes of this connection
 * and of others). */
static char *
counts_key (DdStore           *self,
            const DdTaskQuery *query)
{
  g_autofree char *as_of = dd_date_to_iso (&query->as_of);

  return g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%d|%s|%u|%" G_GINT64_FORMAT "|%d|%s",
                          query->plan_id, query->unit_id, query->lead_only ? 1 : 0,
                          query->six_clear_incomplete ? 1 : 0, as_of,
                          query->due_soon_days, dd_sql_query_int64 (self, "PRAGMA data_version", -1),
                          sqlite3_total_changes (self->db), query->text != NULL ? query->text : "");
}

/* Keeps @counts, those of @query's tasks in every status, for
 * dd_store_count_by_status(). */
static void
keep_counts (DdStore           *self,
             const DdTaskQuery *query,
             const guint        counts[DD_N_STATUSES])
{
  if (self->counts == NULL)
    self->counts = g_new0 (DdStatusCounts, 1);
  g_free (self->counts->key);
  self->counts->key = counts_key (self, query);
  memcpy (self->counts->counts, counts, sizeof (guint) * DD_N_STATUSES);
}

/* The rows of a server's list, sorted by status (@query's direction),
 * in their order within a status: the server sorted them by id, as the
 * file's order sorts the tasks of one status. */
static void
sort_by_status (GArray            *rows,
                const DdTaskQuery *query)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (DdStoreListRow), rows->len);

  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      int status = query->descending ? DD_N_STATUSES - 1 - s : s;

      for (guint i = 0; i < rows->len; i++)
        if (g_array_index (rows, DdStoreListRow, i).status == status)
          g_array_append_val (sorted, g_array_index (rows, DdStoreListRow, i));
    }
  g_array_set_size (rows, 0);
  g_array_append_vals (rows, sorted->data, sorted->len);
}

/* The ids of @query's tasks as a server sorts and filters them
 * (DdStoreListReader), each judged here as dd_status() judges it: the
 * rule's status the server gives, and a recurring task's from its
 * occurrences. NULL (and no @error) when the server cannot give them. */
static GArray *
query_server_ids (DdStore           *self,
                  const DdTaskQuery *query,
                  guint              counts[DD_N_STATUSES],
                  GError           **error)
{
  g_auto(QuerySql) q = { 0 };
  g_autoptr(GArray) rows = NULL;
  GArray *ids;
  guint32 as_of, soon_days;
  GDate soon;

  _dd_store_due_soon_limit (self, &query->as_of, query->due_soon_days, &soon);
  if (!_dd_store_prepare_recurring (self, &query->as_of, &soon, error))
    return NULL;
  /* The folded words, as the file's query binds them. */
  build_where (self, query, FALSE, NULL, &q);
  rows = self->list_reader (self, query, &soon, q.words->len > 0 ? q.words->pdata[0] : NULL,
                            self->list_reader_data);
  if (rows == NULL)
    return NULL;
  as_of = g_date_get_julian (&query->as_of);
  soon_days = dd_date_is_set (&soon) ? g_date_get_julian (&soon) : 0;
  for (guint i = 0; i < rows->len; i++)
    {
      DdStoreListRow *row = &g_array_index (rows, DdStoreListRow, i);

      row->status = (gint8) _dd_store_recurring_status (self, row->id, (DdDeadlineKind) row->kind,
                                                        (DdTaskStatus) row->status, as_of, soon_days);
    }
  if (query->sort == DD_TASK_SORT_STATUS)
    sort_by_status (rows, query);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const DdStoreListRow *row = &g_array_index (rows, DdStoreListRow, i);

      if (row->status >= 0 && row->status < DD_N_STATUSES)
        counts[row->status]++;
      if (query->status < 0 || row->status == query->status)
        g_array_append_val (ids, row->id);
    }
  return ids;
}

GArray *
_dd_store_query_task_ids (DdStore           *self,
                          const DdTaskQuery *query,
                          GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  DdTaskQuery all = *query;
  guint counts[DD_N_STATUSES] = { 0, };
  int rc;

  /* On a server, sorted and counted there: a scan of every live task
   * through the tables read in place took 90-160 ms on 100,000 tasks. */
  if (self->list_reader != NULL)
    {
      GError *local = NULL;

      ids = query_server_ids (self, query, counts, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (ids != NULL)
        {
          keep_counts (self, query, counts);
          return g_steal_pointer (&ids);
        }
    }
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* One pass gives both the list and its status counts (which the window
   * asks for next, dd_store_count_by_status()): the rows of every status
   * are read, each one's status with them, and the status filter applied
   * here. */
  all.status = -1;
  stmt = _dd_store_prepare_task_query (self, &all, "t.id, " STATUS_EXPR, NULL, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int status = sqlite3_column_int (stmt, 1);

      if (status >= 0 && status < DD_N_STATUSES)
        counts[status]++;
      if (query->status < 0 || status == query->status)
        g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  keep_counts (self, query, counts);
  return g_steal_pointer (&ids);
}

gboolean
dd_store_count_by_status (DdStore            *self,
                          const DdTaskQuery  *query,
                          guint               counts[DD_N_STATUSES],
                          GError            **error)
{
  g_auto(QuerySql) q = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  /* Counted here rather than with GROUP BY, which sorts every row first. */
  g_autoptr(GString) sql = g_string_new ("SELECT " STATUS_EXPR);
  GDate soon;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  memset (counts, 0, sizeof (guint) * DD_N_STATUSES);
  /* The counts of the list just read for the same filters, if nothing
   * changed since (_dd_store_query_task_ids()). */
  if (self->counts != NULL)
    {
      g_autofree char *key = counts_key (self, query);

      if (g_str_equal (key, self->counts->key))
        {
          memcpy (counts, self->counts->counts, sizeof (guint) * DD_N_STATUSES);
          return TRUE;
        }
    }
  _dd_store_due_soon_limit (self, &query->as_of, query->due_soon_days, &soon);
  if (!_dd_store_prepare_recurring (self, &query->as_of, &soon, error))
    return FALSE;
  build_where (self, query, FALSE, NULL, &q);
  g_string_append (sql, q.sql->str);

  stmt = dd_sql_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_query (stmt, query, &soon, &q);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int status = sqlite3_column_int (stmt, 0);

      if (status >= 0 && status < DD_N_STATUSES)
        counts[status]++;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

gboolean
dd_store_count_tasks (DdStore            *self,
                      const DdTaskQuery  *query,
                      guint              *out_count,
                      GError            **error)
{
  g_auto(QuerySql) q = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  GDate soon;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  *out_count = 0;
  _dd_store_due_soon_limit (self, &query->as_of, query->due_soon_days, &soon);
  if (query->status >= 0 && !_dd_store_prepare_recurring (self, &query->as_of, &soon, error))
    return FALSE;
  build_where (self, query, TRUE, NULL, &q);
  g_string_append (sql, q.sql->str);

  stmt = dd_sql_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_query (stmt, query, &soon, &q);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self, rc, error);
  *out_count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}
