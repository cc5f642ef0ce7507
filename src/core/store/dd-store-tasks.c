/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * The store's plans, units and tasks: reading, writing, importing, and the
 * embedded default. The opening, transactions and SQL helpers are in
 * dd-store.c.
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
 * C code (dd_six_clear_text() in dd-store.c); the person in charge does
 * not change the outcome (a group lead stays unclear). Kinds: 0 none,
 * 1 date, 2 ongoing, 3 periodic, 4 statutory, 5 external. */
#define SIX_CLEAR_FAILS_EXPR \
  "(t.lead_unit_id IS NULL " \
  "OR t.deadline_kind NOT IN (1, 2, 3, 4, 5) " \
  "OR (t.deadline_kind IN (1, 5) AND t.due_on IS NULL) " \
  "OR (t.deadline_kind IN (2, 3, 4) AND NOT t.deadline_understood) " \
  "OR dd_six_clear_text (t.title, t.product, t.directing) <> 0 " \
  "OR t.lead_unit_id IN (SELECT u.id FROM units u WHERE u.is_group = 1) " \
  "OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.unit_id = t.lead_unit_id))"

/* Plans and units */

GListModel *
dd_store_list_plans (DdStore  *self,
                     GError  **error)
{
  g_autoptr(GListStore) plans = g_list_store_new (DD_TYPE_PLAN);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self,
                  "SELECT p.id, p.number, p.issued_on, p.title, p.issuer, p.basis, "
                  "(SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.deleted_at IS NULL), p.is_sample "
                  "FROM plans p ORDER BY p.issued_on IS NULL, p.issued_on DESC, p.id DESC",
                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DdPlan) plan = NULL;
      GDate issued;

      dd_sql_column_date (stmt, 2, &issued);
      plan = _dd_plan_new (sqlite3_column_int64 (stmt, 0), dd_sql_column_text (stmt, 1), &issued,
                           dd_sql_column_text (stmt, 3), dd_sql_column_text (stmt, 4), dd_sql_column_text (stmt, 5),
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

GListModel *
dd_store_list_units (DdStore  *self,
                     gint64    plan_id,
                     GError  **error)
{
  g_autoptr(GListStore) units = g_list_store_new (DD_TYPE_UNIT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) led = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) coordinated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  /* The counts in a few grouped reads of indexes (0005-performance.sql),
   * not two counts per unit: on 100,000 tasks and 300 units those read
   * every task row twice over, half a second as the window opens. */
  if (!add_unit_counts (self,
                        "SELECT t.lead_unit_id, count(*) FROM tasks t WHERE t.deleted_at IS NULL "
                        "AND (?1 = 0 OR t.plan_id = ?1) GROUP BY t.lead_unit_id",
                        plan_id, 1, led, error))
    return NULL;
  if (plan_id == 0)
    {
      /* Every coordinator row, less those of the tasks in the recycle bin. */
      if (!add_unit_counts (self, "SELECT c.unit_id, count(*) FROM task_coordinators c GROUP BY c.unit_id",
                            0, 1, coordinated, error)
          || !add_unit_counts (self,
                               "SELECT c.unit_id, count(*) FROM tasks t CROSS JOIN task_coordinators c "
                               "ON c.task_id = t.id WHERE t.deleted_at IS NOT NULL GROUP BY c.unit_id",
                               0, -1, coordinated, error))
        return NULL;
    }
  else if (!add_unit_counts (self,
                             "SELECT c.unit_id, count(*) FROM tasks t CROSS JOIN task_coordinators c "
                             "ON c.task_id = t.id WHERE t.plan_id = ?1 AND t.deleted_at IS NULL "
                             "GROUP BY c.unit_id",
                             plan_id, 1, coordinated, error))
    return NULL;

  stmt = dd_sql_prepare (self, "SELECT u.id, u.name, u.is_group FROM units u ORDER BY u.sort_key, u.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr(DdUnit) unit = _dd_unit_new (id,
                                             dd_sql_column_text (stmt, 1),
                                             sqlite3_column_int (stmt, 2) != 0,
                                             (guint) GPOINTER_TO_SIZE (g_hash_table_lookup (led, &id)),
                                             (guint) GPOINTER_TO_SIZE (g_hash_table_lookup (coordinated, &id)));
      g_list_store_append (units, unit);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&units));
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
static gint64
find_or_create_unit (DdStore     *self,
                     const char  *name,
                     gboolean    *created,
                     GError     **error)
{
  g_autofree char *clean = dd_text_normalize_space (name);
  g_autofree char *key = dd_text_unit_match_key (clean);
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  guint8 *sort_key;
  gsize sort_len;

  g_assert (self->flags.in_transaction);
  if (created != NULL)
    *created = FALSE;

  find = dd_sql_prepare (self, "SELECT id FROM units WHERE match_key = ?1", error);
  if (find == NULL)
    return -1;
  dd_sql_bind_text (find, 1, key);
  if (sqlite3_step (find) == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);

  insert = dd_sql_prepare (self,
                    "INSERT INTO units (name, match_key, sort_key, is_group, created_at, updated_at, updated_by) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)", error);
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
  if (created != NULL)
    *created = TRUE;
  return sqlite3_last_insert_rowid (self->db);
}

/* Tasks: reading */

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
                  "LEFT JOIN units lu ON lu.id = t.lead_unit_id WHERE t.id = ?1 AND t.deleted_at IS NULL",
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
  if (!load_coordinators (self, task, error))
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
  GDate day, soon;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  if (dd_date_is_set (as_of))
    day = *as_of;
  else
    dd_sql_today (&day);
  _dd_store_due_soon_limit (self, &day, dd_store_get_due_soon_days (self), &soon);
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
build_where (const DdTaskQuery *query,
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
  g_string_append (q->sql, " WHERE t.deleted_at IS NULL");
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
    g_string_append (q->sql, " AND " SIX_CLEAR_FAILS_EXPR);

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
     * dd-store.c: instr() for each word, in one call). "search_text > ''"
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
  build_where (query, TRUE, joins, &q);
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

GArray *
_dd_store_query_task_ids (DdStore           *self,
                          const DdTaskQuery *query,
                          GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  DdTaskQuery all = *query;
  guint counts[DD_N_STATUSES] = { 0, };
  int rc;

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
  g_free (self->counts_key);
  self->counts_key = counts_key (self, query);
  memcpy (self->counts, counts, sizeof counts);
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
  if (self->counts_key != NULL)
    {
      g_autofree char *key = counts_key (self, query);

      if (g_str_equal (key, self->counts_key))
        {
          memcpy (counts, self->counts, sizeof (guint) * DD_N_STATUSES);
          return TRUE;
        }
    }
  _dd_store_due_soon_limit (self, &query->as_of, query->due_soon_days, &soon);
  if (!_dd_store_prepare_recurring (self, &query->as_of, &soon, error))
    return FALSE;
  build_where (query, FALSE, NULL, &q);
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
  build_where (query, TRUE, NULL, &q);
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

/* Tasks: writing */

static char *
search_text_for (const char         *number,
                 const char         *title,
                 const char         *lead,
                 const char * const *coordinators,
                 const char         *deadline_text,
                 const char         *product,
                 const char         *directing,
                 const char         *actual_product)
{
  g_autoptr(GString) all = g_string_new (NULL);
  const char *fields[] = { number, title, lead, deadline_text, product, directing, actual_product };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL)
      g_string_append_printf (all, "%s\n", fields[i]);
  for (guint i = 0; coordinators != NULL && coordinators[i] != NULL; i++)
    g_string_append_printf (all, "%s\n", coordinators[i]);
  return dd_text_fold_for_search (all->str);
}

/* Leaves the rows of units that stay as they are, so that saving a task
 * whose coordinators did not change writes nothing to the audit history
 * about them (a delete and re-insert would record a removal and an
 * addition of every coordinator on every save). */
static gboolean
replace_coordinators (DdStore             *self,
                      gint64               task_id,
                      const char * const  *names,
                      guint               *units_added,
                      GError             **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gboolean created = FALSE;
      gboolean seen = FALSE;
      gint64 unit_id = find_or_create_unit (self, names[i], &created, error);

      if (unit_id < 0)
        return FALSE;
      if (created && units_added != NULL)
        (*units_added)++;
      /* A unit named twice keeps its first place. */
      for (guint j = 0; j < ids->len; j++)
        seen |= g_array_index (ids, gint64, j) == unit_id;
      if (seen)
        continue;
      g_array_append_val (ids, unit_id);
      g_string_append_printf (json, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "", unit_id);
    }
  g_string_append_c (json, ']');

  del = dd_sql_prepare (self,
                        "DELETE FROM task_coordinators WHERE task_id = ?1 "
                        "AND unit_id NOT IN (SELECT value FROM json_each (?2))", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, task_id);
  dd_sql_bind_text (del, 2, json->str);
  if (!dd_sql_step_done (self, del, error))
    return FALSE;

  ins = dd_sql_prepare (self,
                        "INSERT INTO task_coordinators (task_id, unit_id, position) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (task_id, unit_id) DO UPDATE SET position = excluded.position "
                        "WHERE position IS NOT excluded.position",
                        error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, task_id);
      sqlite3_bind_int64 (ins, 2, g_array_index (ids, gint64, i));
      sqlite3_bind_int (ins, 3, (int) i);
      if (!dd_sql_step_done (self, ins, error))
        return FALSE;
    }
  return TRUE;
}

static char *
annual_due_text (guint8 month,
                 guint8 day)
{
  if (month == 0 || day == 0)
    return NULL;
  return g_strdup_printf ("%02u-%02u", month, day);
}

static gboolean
insert_progress_update (DdStore      *self,
                        gint64        task_id,
                        const GDate  *reported_on,
                        int           progress,
                        const GDate  *completed_on,
                        const char   *actual_product,
                        const char   *note,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  stmt = dd_sql_prepare (self,
                  "INSERT INTO progress_updates (task_id, reported_on, progress, completed_on, "
                  "actual_product, note, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  dd_sql_bind_date (stmt, 2, reported_on);
  if (progress >= 0)
    sqlite3_bind_int (stmt, 3, progress);
  else
    sqlite3_bind_null (stmt, 3);
  dd_sql_bind_date (stmt, 4, completed_on);
  dd_sql_bind_text (stmt, 5, actual_product);
  dd_sql_bind_text (stmt, 6, note);
  dd_sql_bind_text (stmt, 7, now);
  dd_sql_bind_text (stmt, 8, self->access.user);
  return dd_sql_step_done (self, stmt, error);
}

static gboolean
save_task_locked (DdStore  *self,
                  DdTask   *task,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *search = NULL;
  g_autofree char *annual = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  guint8 *title_key;
  gsize title_key_len;
  gint64 lead_id = 0;
  gboolean progress_changed = FALSE;

  if (task->title == NULL || *task->title == '\0')
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("A task must say what is to be done: the task title is empty."));
      return FALSE;
    }
  if (task->progress > 100)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Progress must be between 0 and 100%%."));
      return FALSE;
    }

  if (task->id > 0)
    {
      g_autoptr(sqlite3_stmt) check = NULL;
      GDate old_completed;

      check = dd_sql_prepare (self,
                       "SELECT revision, progress, completed_on, actual_product, updated_by, updated_at "
                       "FROM tasks WHERE id = ?1 AND deleted_at IS NULL", error);
      if (check == NULL)
        return FALSE;
      sqlite3_bind_int64 (check, 1, task->id);
      if (sqlite3_step (check) != SQLITE_ROW)
        {
          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                       _("The task “%s” no longer exists: it was deleted by someone else."),
                       task->title);
          return FALSE;
        }
      if (sqlite3_column_int64 (check, 0) != task->revision)
        {
          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT,
                       _("The task “%s” was changed by %s at %s after you opened it. "
                         "Your changes were not saved, so as not to overwrite theirs."),
                       task->title,
                       dd_sql_column_text (check, 4) != NULL ? dd_sql_column_text (check, 4) : "?",
                       dd_sql_column_text (check, 5) != NULL ? dd_sql_column_text (check, 5) : "?");
          return FALSE;
        }
      dd_sql_column_date (check, 2, &old_completed);
      progress_changed = (guint) sqlite3_column_int (check, 1) != task->progress ||
                         g_strcmp0 (dd_sql_column_text (check, 3), task->actual_product) != 0 ||
                         dd_date_is_set (&old_completed) != dd_date_is_set (&task->completed_on) ||
                         (dd_date_is_set (&old_completed) &&
                          g_date_compare (&old_completed, &task->completed_on) != 0);
    }
  else
    progress_changed = task->progress > 0 || dd_date_is_set (&task->completed_on) ||
                       task->actual_product != NULL;

  if (task->lead != NULL)
    {
      lead_id = find_or_create_unit (self, task->lead, NULL, error);
      if (lead_id < 0)
        return FALSE;
    }

  search = search_text_for (task->number, task->title, task->lead,
                            (const char * const *) task->coordinators, task->deadline_text,
                            task->product, task->directing, task->actual_product);
  annual = annual_due_text (task->annual_month, task->annual_day);
  title_key = dd_text_collate_key (task->title, &title_key_len);

  if (task->id > 0)
    stmt = dd_sql_prepare (self,
                    "UPDATE tasks SET number = ?2, title = ?3, lead_unit_id = ?4, deadline_kind = ?5, "
                    "deadline_text = ?6, deadline_understood = ?7, due_on = ?8, periods = ?9, "
                    "annual_due = ?10, product = ?11, directing = ?12, progress = ?13, "
                    "completed_on = ?14, actual_product = ?15, note = ?16, search_text = ?17, "
                    "title_key = ?18, updated_at = ?19, updated_by = ?20, revision = revision + 1 "
                    "WHERE id = ?1",
                    error);
  else
    stmt = dd_sql_prepare (self,
                    "INSERT INTO tasks (plan_id, position, number, title, lead_unit_id, deadline_kind, "
                    "deadline_text, deadline_understood, due_on, periods, annual_due, product, directing, "
                    "progress, completed_on, actual_product, note, search_text, title_key, created_at, "
                    "updated_at, updated_by) VALUES (?21, "
                    "(SELECT ifnull (max (position), 0) + 1 FROM tasks WHERE plan_id = ?21), "
                    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20)",
                    error);
  if (stmt == NULL)
    {
      g_free (title_key);
      return FALSE;
    }

  if (task->id > 0)
    sqlite3_bind_int64 (stmt, 1, task->id);
  else
    sqlite3_bind_int64 (stmt, 21, task->plan_id);
  dd_sql_bind_text (stmt, 2, task->number);
  dd_sql_bind_text (stmt, 3, task->title);
  dd_sql_bind_id (stmt, 4, lead_id);
  sqlite3_bind_int (stmt, 5, task->deadline_kind);
  dd_sql_bind_text (stmt, 6, task->deadline_text);
  sqlite3_bind_int (stmt, 7, task->deadline_understood);
  dd_sql_bind_date (stmt, 8, &task->due);
  sqlite3_bind_int (stmt, 9, (int) task->periods);
  dd_sql_bind_text (stmt, 10, annual);
  dd_sql_bind_text (stmt, 11, task->product);
  dd_sql_bind_text (stmt, 12, task->directing);
  sqlite3_bind_int (stmt, 13, (int) task->progress);
  dd_sql_bind_date (stmt, 14, &task->completed_on);
  dd_sql_bind_text (stmt, 15, task->actual_product);
  dd_sql_bind_text (stmt, 16, task->note);
  dd_sql_bind_text (stmt, 17, search);
  dd_sql_bind_blob (stmt, 18, title_key, title_key_len);
  dd_sql_bind_text (stmt, 19, now);
  dd_sql_bind_text (stmt, 20, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    return FALSE;

  if (task->id <= 0)
    task->id = sqlite3_last_insert_rowid (self->db);

  if (!replace_coordinators (self, task->id, (const char * const *) task->coordinators, NULL, error))
    return FALSE;

  if (progress_changed)
    {
      GDate reported;

      dd_sql_today (&reported);
      if (!insert_progress_update (self, task->id, &reported, (int) task->progress,
                                   &task->completed_on, task->actual_product, NULL, error))
        return FALSE;
    }

  {
    g_autoptr(sqlite3_stmt) rev = dd_sql_prepare (self, "SELECT revision FROM tasks WHERE id = ?1", error);

    if (rev == NULL)
      return FALSE;
    sqlite3_bind_int64 (rev, 1, task->id);
    if (sqlite3_step (rev) == SQLITE_ROW)
      task->revision = sqlite3_column_int64 (rev, 0);
  }
  task->lead_id = lead_id;
  g_free (task->updated_by);
  task->updated_by = g_strdup (self->access.user);
  g_free (task->updated_at);
  task->updated_at = g_steal_pointer (&now);
  return TRUE;
}

gboolean
dd_store_save_task (DdStore  *self,
                    DdTask   *task,
                    GError  **error)
{
  gint64 old_id, old_revision;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (DD_IS_TASK (task), FALSE);

  old_id = task->id;
  old_revision = task->revision;
  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!save_task_locked (self, task, error) || !_dd_store_commit (self, error))
    {
      _dd_store_rollback (self);
      task->id = old_id;
      task->revision = old_revision;
      return FALSE;
    }
  return TRUE;
}

gboolean
_dd_store_record_progress_locked (DdStore      *self,
                                  gint64        task_id,
                                  int           progress,
                                  const GDate  *completed_on,
                                  const char   *actual_product,
                                  const char   *note,
                                  const GDate  *reported_on,
                                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *search = NULL;
  g_autoptr(DdTask) task = NULL;
  GDate day;

  if (progress > 100 || progress < -1)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Progress must be between 0 and 100%%."));
      return FALSE;
    }
  if (dd_date_is_set (completed_on))
    {
      if (progress >= 0 && progress < 100)
        {
          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                       _("A task with a completion date is 100%% done; the progress given was %d%%."),
                       progress);
          return FALSE;
        }
      progress = 100;
    }

  dd_sql_today (&day);
  task = _dd_store_load_task (self, task_id, &day, &day, error);
  if (task == NULL)
    return FALSE;

  /* A progress under 100% means the task is not completed (any more). */
  if (progress >= 0)
    task->progress = (guint) progress;
  if (dd_date_is_set (completed_on))
    task->completed_on = *completed_on;
  else if (progress >= 0 && progress < 100)
    g_date_clear (&task->completed_on, 1);
  if (actual_product != NULL)
    {
      g_free (task->actual_product);
      task->actual_product = g_strstrip (g_strdup (actual_product));
    }

  search = search_text_for (task->number, task->title, task->lead,
                            (const char * const *) task->coordinators, task->deadline_text,
                            task->product, task->directing, task->actual_product);
  stmt = dd_sql_prepare (self,
                  "UPDATE tasks SET progress = ?2, completed_on = ?3, actual_product = ?4, "
                  "search_text = ?5, updated_at = ?6, updated_by = ?7, revision = revision + 1 "
                  "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  sqlite3_bind_int (stmt, 2, (int) task->progress);
  dd_sql_bind_date (stmt, 3, &task->completed_on);
  dd_sql_bind_text (stmt, 4, task->actual_product);
  dd_sql_bind_text (stmt, 5, search);
  dd_sql_bind_text (stmt, 6, now);
  dd_sql_bind_text (stmt, 7, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    return FALSE;

  return insert_progress_update (self, task_id, dd_date_is_set (reported_on) ? reported_on : &day,
                                 progress, completed_on, actual_product, note, error);
}

gboolean
dd_store_record_progress (DdStore      *self,
                          gint64        task_id,
                          int           progress,
                          const GDate  *completed_on,
                          const char   *actual_product,
                          const char   *note,
                          GError      **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!_dd_store_record_progress_locked (self, task_id, progress, completed_on, actual_product,
                                         note, NULL, error) ||
      !_dd_store_commit (self, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Import */

gint64
_dd_store_find_task_by_number (DdStore    *self,
                               gint64      plan_id,
                               const char *number)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self,
                                          "SELECT id FROM tasks WHERE plan_id = ?1 AND number = ?2 "
                                          "ORDER BY position LIMIT 1", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  dd_sql_bind_text (stmt, 2, number);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return 0;
}

/* The plan that an import updates: same number, and the same date when both
 * the file and the database know it. */
static gint64
find_plan (DdStore              *self,
           const DdImportedPlan *plan)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = dd_sql_prepare (self,
                  "SELECT id FROM plans WHERE number = ?1 AND "
                  "(?2 IS NULL OR issued_on IS NULL OR issued_on = ?2) ORDER BY id LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;
  dd_sql_bind_text (stmt, 1, plan->number);
  dd_sql_bind_date (stmt, 2, &plan->issued_on);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return 0;
}

static gboolean
write_plan_row (DdStore               *self,
                const DdImportedPlan  *plan,
                gboolean               is_sample,
                gint64                *plan_id,
                GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  if (*plan_id > 0)
    stmt = dd_sql_prepare (self,
                    "UPDATE plans SET number = ?2, issued_on = ifnull (?3, issued_on), title = ?4, "
                    "issuer = ifnull (?5, issuer), basis = ifnull (?6, basis), "
                    "source_name = ifnull (?7, source_name), updated_at = ?8, updated_by = ?9, "
                    "revision = revision + 1 WHERE id = ?1", error);
  else
    stmt = dd_sql_prepare (self,
                    "INSERT INTO plans (number, issued_on, title, issuer, basis, source_name, is_sample, "
                    "created_at, updated_at, updated_by) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?10, ?8, ?8, ?9)",
                    error);
  if (stmt == NULL)
    return FALSE;
  if (*plan_id > 0)
    sqlite3_bind_int64 (stmt, 1, *plan_id);
  else
    sqlite3_bind_int (stmt, 10, is_sample);
  dd_sql_bind_text (stmt, 2, plan->number);
  dd_sql_bind_date (stmt, 3, &plan->issued_on);
  dd_sql_bind_text (stmt, 4, plan->title);
  dd_sql_bind_text (stmt, 5, plan->issuer);
  dd_sql_bind_text (stmt, 6, plan->basis);
  dd_sql_bind_text (stmt, 7, plan->source_name);
  dd_sql_bind_text (stmt, 8, now);
  dd_sql_bind_text (stmt, 9, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    return FALSE;
  if (*plan_id <= 0)
    *plan_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
write_indicators (DdStore               *self,
                  gint64                 plan_id,
                  const DdImportedPlan  *plan,
                  GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  if (plan->indicators == NULL)
    return TRUE;

  stmt = dd_sql_prepare (self,
                  "INSERT INTO indicators (plan_id, position, title, target, updated_at, updated_by) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (plan_id, position) DO UPDATE SET "
                  "title = excluded.title, target = excluded.target, revision = revision + 1, "
                  "updated_at = excluded.updated_at, updated_by = excluded.updated_by "
                  "WHERE title IS NOT excluded.title OR target IS NOT excluded.target",
                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < plan->indicators->len; i++)
    {
      const DdImportedIndicator *indicator = g_ptr_array_index (plan->indicators, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int (stmt, 2, (int) i + 1);
      dd_sql_bind_text (stmt, 3, indicator->title);
      sqlite3_bind_double (stmt, 4, indicator->target);
      dd_sql_bind_text (stmt, 5, now);
      dd_sql_bind_text (stmt, 6, self->access.user);
      if (!dd_sql_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether the coordinators of a task, as stored, differ from @names (in
 * order, by their tolerant unit key). */
static gboolean
coordinators_differ (DdStore            *self,
                     gint64              task_id,
                     const char * const *names)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self,
                                          "SELECT u.match_key FROM task_coordinators c "
                                          "JOIN units u ON u.id = c.unit_id WHERE c.task_id = ?1 "
                                          "ORDER BY c.position", NULL);
  guint i = 0;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = NULL;

      if (names == NULL || names[i] == NULL)
        return TRUE;
      key = dd_text_unit_match_key (names[i++]);
      if (g_strcmp0 (key, dd_sql_column_text (stmt, 0)) != 0)
        return TRUE;
    }
  return names != NULL && names[i] != NULL;
}

static gboolean
write_imported_task (DdStore               *self,
                     gint64                 plan_id,
                     guint                  position,
                     const DdImportedTask  *in,
                     gboolean              *added,
                     gboolean              *changed,
                     guint                 *units_added,
                     GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *search = NULL;
  g_autofree char *annual = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  guint8 *title_key;
  gsize title_key_len;
  gint64 task_id, lead_id = 0;

  if (in->coordinators != NULL)
    for (guint i = 0; i < in->coordinators->len; i++)
      g_ptr_array_add (names, g_ptr_array_index (in->coordinators, i));
  g_ptr_array_add (names, NULL);

  if (in->lead != NULL && *in->lead != '\0')
    {
      gboolean created = FALSE;

      lead_id = find_or_create_unit (self, in->lead, &created, error);
      if (lead_id < 0)
        return FALSE;
      if (created)
        (*units_added)++;
    }

  task_id = _dd_store_find_task_by_number (self, plan_id, in->number);
  *added = task_id == 0;

  search = search_text_for (in->number, in->title, in->lead, (const char * const *) names->pdata,
                            in->deadline_text, in->product, in->directing, NULL);
  annual = annual_due_text (in->deadline.annual_month, in->deadline.annual_day);
  title_key = dd_text_collate_key (in->title, &title_key_len);

  /* An update keeps the progress the units reported; only the plan's own
   * columns are taken from the file. */
  if (task_id > 0)
    stmt = dd_sql_prepare (self,
                    "UPDATE tasks SET position = ?2, title = ?4, lead_unit_id = ?5, deadline_kind = ?6, "
                    "deadline_text = ?7, deadline_understood = ?8, due_on = ?9, periods = ?10, "
                    "annual_due = ?11, product = ?12, directing = ?13, "
                    "search_text = ?14 || ifnull (char (10) || actual_product, ''), title_key = ?15, "
                    "updated_at = ?16, updated_by = ?17, revision = revision + 1 WHERE id = ?1 AND ("
                    "position IS NOT ?2 OR title IS NOT ?4 OR lead_unit_id IS NOT ?5 OR "
                    "deadline_kind IS NOT ?6 OR deadline_text IS NOT ?7 OR due_on IS NOT ?9 OR "
                    "periods IS NOT ?10 OR annual_due IS NOT ?11 OR product IS NOT ?12 OR "
                    "directing IS NOT ?13)",
                    error);
  else
    stmt = dd_sql_prepare (self,
                    "INSERT INTO tasks (plan_id, position, number, title, lead_unit_id, deadline_kind, "
                    "deadline_text, deadline_understood, due_on, periods, annual_due, product, directing, "
                    "search_text, title_key, created_at, updated_at, updated_by) VALUES "
                    "(?18, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17)",
                    error);
  if (stmt == NULL)
    {
      g_free (title_key);
      return FALSE;
    }
  if (task_id > 0)
    sqlite3_bind_int64 (stmt, 1, task_id);
  else
    sqlite3_bind_int64 (stmt, 18, plan_id);
  sqlite3_bind_int (stmt, 2, (int) position);
  dd_sql_bind_text (stmt, 3, in->number != NULL ? in->number : "");
  dd_sql_bind_text (stmt, 4, in->title);
  dd_sql_bind_id (stmt, 5, lead_id);
  sqlite3_bind_int (stmt, 6, in->deadline.kind);
  dd_sql_bind_text (stmt, 7, in->deadline_text);
  sqlite3_bind_int (stmt, 8, in->deadline.understood);
  dd_sql_bind_date (stmt, 9, &in->deadline.due);
  sqlite3_bind_int (stmt, 10, (int) in->deadline.periods);
  dd_sql_bind_text (stmt, 11, annual);
  dd_sql_bind_text (stmt, 12, in->product);
  dd_sql_bind_text (stmt, 13, in->directing);
  dd_sql_bind_text (stmt, 14, search);
  dd_sql_bind_blob (stmt, 15, title_key, title_key_len);
  dd_sql_bind_text (stmt, 16, now);
  dd_sql_bind_text (stmt, 17, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    return FALSE;
  *changed = sqlite3_changes (self->db) > 0;
  if (task_id == 0)
    task_id = sqlite3_last_insert_rowid (self->db);
  else if (!*changed && !coordinators_differ (self, task_id, (const char * const *) names->pdata))
    return TRUE;
  else
    *changed = TRUE;

  return replace_coordinators (self, task_id, (const char * const *) names->pdata, units_added, error);
}

gboolean
_dd_store_import_plan_locked (DdStore               *self,
                              const DdImportedPlan  *plan,
                              gboolean               is_sample,
                              DdImportSummary       *summary,
                              GError               **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  DdImportSummary local = { 0 };
  gint64 plan_id;
  guint n_before;

  g_assert (self->flags.in_transaction);

  if (plan->number == NULL || *plan->number == '\0' || plan->title == NULL ||
      plan->tasks == NULL || plan->tasks->len == 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY,
                   _("The plan has no number, no title or no task; nothing was imported."));
      return FALSE;
    }

  /* Tasks are matched by their TT on re-import, so a TT may appear once. */
  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DdImportedTask *task = g_ptr_array_index (plan->tasks, i);
      const DdImportedTask *other;

      if (task->number == NULL || *task->number == '\0')
        continue;
      other = g_hash_table_lookup (seen, task->number);
      if (other != NULL)
        {
          g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_VALUE,
                       _("Line %u, column “TT”: the number “%s” was already used on line %u."),
                       task->line, task->number, other->line);
          return FALSE;
        }
      g_hash_table_insert (seen, task->number, (gpointer) task);
    }

  plan_id = find_plan (self, plan);
  local.plan_existed = plan_id > 0;
  n_before = 0;
  if (plan_id > 0)
    {
      g_autoptr(sqlite3_stmt) count = dd_sql_prepare (self, "SELECT count(*) FROM tasks WHERE plan_id = ?1", error);

      if (count == NULL)
        return FALSE;
      sqlite3_bind_int64 (count, 1, plan_id);
      if (sqlite3_step (count) == SQLITE_ROW)
        n_before = (guint) sqlite3_column_int (count, 0);
    }

  if (!write_plan_row (self, plan, is_sample, &plan_id, error))
    return FALSE;

  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DdImportedTask *task = g_ptr_array_index (plan->tasks, i);
      gboolean added = FALSE, changed = FALSE;

      if (!write_imported_task (self, plan_id, i + 1, task, &added, &changed, &local.units_added, error))
        return FALSE;
      if (added)
        local.tasks_added++;
      else if (changed)
        local.tasks_updated++;
      else
        local.tasks_unchanged++;
      if (!task->deadline.understood)
        local.tasks_flagged++;
    }

  if (!write_indicators (self, plan_id, plan, error))
    return FALSE;

  local.plan_id = plan_id;
  local.indicators = plan->indicators != NULL ? plan->indicators->len : 0;
  local.tasks_kept = n_before - MIN (n_before, local.tasks_updated + local.tasks_unchanged);
  if (summary != NULL)
    *summary = local;
  return TRUE;
}

gboolean
dd_store_import_plan (DdStore               *self,
                      const DdImportedPlan  *plan,
                      DdImportSummary       *summary,
                      GError               **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!_dd_store_import_plan_locked (self, plan, FALSE, summary, error) ||
      !_dd_store_commit (self, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}
