/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-store-import-rows.h"

/*
 * Writing an imported plan: its row, its tasks matched by their number
 * (TT) so that importing the same plan again updates it in place and keeps
 * the progress the units reported, its indicators.
 */

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
gint64
_dd_store_find_import_plan (DdStore              *self,
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
gboolean
_dd_store_coordinators_differ (DdStore            *self,
                               DdSqlCache         *cache,
                               gint64              task_id,
                               const char * const *names)
{
  g_autoptr(DdSqlCache) own = cache == NULL ? dd_sql_cache_new () : NULL;
  sqlite3_stmt *stmt;
  gboolean differ = FALSE;
  guint i = 0;

  stmt = dd_sql_cache_get (self, cache != NULL ? cache : own,
                           "SELECT u.match_key FROM task_coordinators c "
                           "JOIN units u ON u.id = c.unit_id WHERE c.task_id = ?1 "
                           "ORDER BY c.position", NULL);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  while (!differ && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = NULL;

      if (names == NULL || names[i] == NULL)
        differ = TRUE;
      else
        {
          key = dd_text_unit_match_key (names[i++]);
          differ = g_strcmp0 (key, dd_sql_column_text (stmt, 0)) != 0;
        }
    }
  sqlite3_reset (stmt);
  return differ || (names != NULL && names[i] != NULL);
}

/* The statements of one import and the time it is recorded at. New tasks
 * wait in a block (write_block()) and are inserted BLOCK_ROWS at a time. */
typedef struct
{
  DdSqlCache *cache;
  char *now;
  GHashTable *tasks;            /* number → NumberedTask */
  gboolean keep_undo;           /* a re-import in chunks: save what it changes */
  GArray *block;                /* BlockTask: new tasks not inserted yet */
  GArray *block_coordinators;   /* BlockCoordinator: their coordinators */
  gint64 next_id;               /* the id of the next new task; 0: not read in this transaction */
  gint64 deadline;              /* a chunk: it ends at the first block after (monotonic µs); 0: none */
  GHashTable *inserts;          /* the block's INSERTs by their number of rows, tasks' > 0, coordinators' < 0 */
} ImportWriter;

static void
import_writer_clear (ImportWriter *writer)
{
  g_clear_pointer (&writer->tasks, g_hash_table_unref);
  g_clear_pointer (&writer->block, g_array_unref);
  g_clear_pointer (&writer->block_coordinators, g_array_unref);
  g_clear_pointer (&writer->inserts, g_hash_table_unref);
}

/* An update keeps the progress the units reported; only the plan's own
 * columns are taken from the file. */
static sqlite3_stmt *
update_statement (DdStore       *self,
                  ImportWriter  *writer,
                  GError       **error)
{
  return dd_sql_cache_get (self, writer->cache,
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
}

/* The plan's tasks by number, read once: the first by position when a
 * number appears twice, as _dd_store_find_task_by_number() finds it. The
 * query is served by the index tasks_plan_number alone (0010), without
 * reading the tasks' rows: 100,000 of them took seconds under the lock. */
typedef struct
{
  gint64 id;
  gint64 position;
} NumberedTask;

static gboolean
read_task_numbers (DdStore       *self,
                   ImportWriter  *writer,
                   gint64         plan_id,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  writer->tasks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (plan_id <= 0)
    return TRUE;
  stmt = dd_sql_prepare (self, "SELECT number, id, position FROM tasks WHERE plan_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *number = dd_sql_column_text (stmt, 0);
      NumberedTask *known = g_hash_table_lookup (writer->tasks, number);
      NumberedTask task = { sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };

      if (known == NULL)
        g_hash_table_insert (writer->tasks, g_strdup (number), g_memdup2 (&task, sizeof task));
      else if (task.position < known->position ||
               (task.position == known->position && task.id < known->id))
        *known = task;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The columns of a task an import writes, and what they were, for taking
 * a re-import in chunks back (0014-import-undo.sql); only when the update
 * below will change the row, with the same parameters. */
#define SAVE_TASK_SQL \
  "INSERT INTO import_undo_tasks (task_id, plan_id, row_saved, position, title, lead_unit_id, deadline_kind, " \
  "deadline_text, deadline_understood, due_on, periods, annual_due, product, directing, search_text, title_key, " \
  "revision, updated_at, updated_by) SELECT id, ?18, 1, position, title, lead_unit_id, deadline_kind, " \
  "deadline_text, deadline_understood, due_on, periods, annual_due, product, directing, search_text, title_key, " \
  "revision, updated_at, updated_by FROM tasks WHERE id = ?1 AND (" \
  "position IS NOT ?2 OR title IS NOT ?4 OR lead_unit_id IS NOT ?5 OR " \
  "deadline_kind IS NOT ?6 OR deadline_text IS NOT ?7 OR due_on IS NOT ?9 OR " \
  "periods IS NOT ?10 OR annual_due IS NOT ?11 OR product IS NOT ?12 OR " \
  "directing IS NOT ?13) " \
  "ON CONFLICT (task_id) DO NOTHING"

/* The parameters of update_statement() and SAVE_TASK_SQL (each uses some:
 * binding a number past a statement's last fails, harmlessly). */
static void
bind_task (DdStore               *self,
           ImportWriter          *writer,
           sqlite3_stmt          *stmt,
           gint64                 task_id,
           gint64                 plan_id,
           guint                  position,
           const DdImportedTask  *in,
           const ImportRow       *row,
           gint64                 lead_id)
{
  if (task_id > 0)
    sqlite3_bind_int64 (stmt, 1, task_id);
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
  dd_sql_bind_text (stmt, 11, row->annual);
  dd_sql_bind_text (stmt, 12, in->product);
  dd_sql_bind_text (stmt, 13, in->directing);
  dd_sql_bind_text (stmt, 14, row->search);
  sqlite3_bind_blob (stmt, 15, row->title_key, (int) row->title_key_len, SQLITE_STATIC);
  dd_sql_bind_text (stmt, 16, writer->now);
  dd_sql_bind_text (stmt, 17, self->access.user);
}

static gint64
find_task (ImportWriter *writer,
           const char   *number)
{
  NumberedTask *task = number != NULL ? g_hash_table_lookup (writer->tasks, number) : NULL;

  return task != NULL ? task->id : 0;
}

/* A block of new tasks: one INSERT of many rows costs SQLite one
 * statement (its statement journal, the pages the triggers' history
 * entries and the indexes share) where a row each cost one per row; the
 * ids are given, as SQLite would give them (the largest plus one: the
 * table has no AUTOINCREMENT), so that the coordinators and a later row
 * of the same number find the task before it is written. */
#define BLOCK_ROWS 100
#define BLOCK_COORDINATORS 200
#define TASK_PARAMS 15

typedef struct
{
  guint index;                  /* in the plan's tasks */
  gint64 id;
  gint64 lead_id;
} BlockTask;

typedef struct
{
  gint64 task_id;
  gint64 unit_id;
  gint position;
} BlockCoordinator;

/* INSERT INTO tasks of @n rows: ?1 the plan, ?2 the time, ?3 the user,
 * then TASK_PARAMS a row (bind_block_task()). */
static char *
insert_tasks_sql (guint n)
{
  GString *sql = g_string_new ("INSERT INTO tasks (id, plan_id, position, number, title, lead_unit_id, "
                               "deadline_kind, deadline_text, deadline_understood, due_on, periods, "
                               "annual_due, product, directing, search_text, title_key, created_at, "
                               "updated_at, updated_by) VALUES ");

  for (guint i = 0; i < n; i++)
    {
      guint p = 4 + i * TASK_PARAMS;

      g_string_append_printf (sql, "%s(?%u, ?1", i > 0 ? ", " : "", p);
      for (guint j = 1; j < TASK_PARAMS; j++)
        g_string_append_printf (sql, ", ?%u", p + j);
      g_string_append (sql, ", ?2, ?2, ?3)");
    }
  return g_string_free (sql, FALSE);
}

static char *
insert_coordinators_sql (guint n)
{
  GString *sql = g_string_new ("INSERT INTO task_coordinators (task_id, unit_id, position) VALUES ");

  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", (?, ?, ?)" : "(?, ?, ?)");
  return g_string_free (sql, FALSE);
}

/* @text for as long as the statement runs: the rows outlive it. */
static void
bind_static_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_block_task (sqlite3_stmt          *stmt,
                 int                    p,
                 const BlockTask       *task,
                 const DdImportedTask  *in,
                 const ImportRow       *row)
{
  sqlite3_bind_int64 (stmt, p, task->id);
  sqlite3_bind_int (stmt, p + 1, (int) task->index + 1);
  bind_static_text (stmt, p + 2, in->number != NULL ? in->number : "");
  bind_static_text (stmt, p + 3, in->title);
  dd_sql_bind_id (stmt, p + 4, task->lead_id);
  sqlite3_bind_int (stmt, p + 5, in->deadline.kind);
  bind_static_text (stmt, p + 6, in->deadline_text);
  sqlite3_bind_int (stmt, p + 7, in->deadline.understood);
  dd_sql_bind_date (stmt, p + 8, &in->deadline.due);
  sqlite3_bind_int (stmt, p + 9, (int) in->deadline.periods);
  bind_static_text (stmt, p + 10, row->annual);
  bind_static_text (stmt, p + 11, in->product);
  bind_static_text (stmt, p + 12, in->directing);
  bind_static_text (stmt, p + 13, row->search);
  sqlite3_bind_blob (stmt, p + 14, row->title_key, (int) row->title_key_len, SQLITE_STATIC);
}

static void
finalize_insert (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* The INSERT of @n tasks (@n > 0) or of -@n coordinators, prepared once
 * an import: the blocks are mostly full, a chunk's last one of the same
 * size each time. */
static sqlite3_stmt *
block_statement (DdStore       *self,
                 ImportWriter  *writer,
                 gint           n,
                 GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (writer->inserts == NULL)
    writer->inserts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_insert);
  stmt = g_hash_table_lookup (writer->inserts, GINT_TO_POINTER (n));
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  sql = n > 0 ? insert_tasks_sql ((guint) n) : insert_coordinators_sql ((guint) -n);
  stmt = dd_sql_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (writer->inserts, GINT_TO_POINTER (n), stmt);
  return stmt;
}

static gboolean
write_block_tasks (DdStore               *self,
                   ImportWriter          *writer,
                   gint64                 plan_id,
                   const DdImportedPlan  *plan,
                   const ImportRows      *rows,
                   GError               **error)
{
  guint n = writer->block->len;
  sqlite3_stmt *stmt = block_statement (self, writer, (gint) n, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  dd_sql_bind_text (stmt, 2, writer->now);
  dd_sql_bind_text (stmt, 3, self->access.user);
  for (guint i = 0; i < n; i++)
    {
      const BlockTask *task = &g_array_index (writer->block, BlockTask, i);

      bind_block_task (stmt, 4 + (int) (i * TASK_PARAMS), task,
                       g_ptr_array_index (plan->tasks, task->index), &rows->rows[task->index]);
    }
  if (!dd_sql_step_done (self, stmt, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Writes the coordinators waiting, BLOCK_COORDINATORS at a time, and all
 * of them if @all: the rest waits for the next block of tasks. */
static gboolean
write_block_coordinators (DdStore       *self,
                          ImportWriter  *writer,
                          gboolean       all,
                          GError       **error)
{
  GArray *waiting = writer->block_coordinators;
  guint done = 0;

  while (done < waiting->len && (all || waiting->len - done >= BLOCK_COORDINATORS))
    {
      guint n = MIN (BLOCK_COORDINATORS, waiting->len - done);
      sqlite3_stmt *stmt = block_statement (self, writer, -(gint) n, error);

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          const BlockCoordinator *c = &g_array_index (waiting, BlockCoordinator, done + i);

          sqlite3_bind_int64 (stmt, (int) (3 * i + 1), c->task_id);
          sqlite3_bind_int64 (stmt, (int) (3 * i + 2), c->unit_id);
          sqlite3_bind_int (stmt, (int) (3 * i + 3), c->position);
        }
      if (!dd_sql_step_done (self, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
      done += n;
    }
  g_array_remove_range (waiting, 0, done);
  return TRUE;
}

/* Inserts the block's tasks, then the coordinators waiting (all of them
 * if @all: before the transaction ends). */
static gboolean
write_block (DdStore               *self,
             ImportWriter          *writer,
             gint64                 plan_id,
             const DdImportedPlan  *plan,
             const ImportRows      *rows,
             gboolean               all,
             GError               **error)
{
  if (writer->block == NULL)
    return TRUE;
  if ((writer->block->len > 0 && !write_block_tasks (self, writer, plan_id, plan, rows, error)) ||
      !write_block_coordinators (self, writer, all, error))
    return FALSE;
  for (guint i = 0; writer->keep_undo && i < writer->block->len; i++)
    if (!_dd_import_undo_note_added (self, writer->cache, plan_id,
                                     g_array_index (writer->block, BlockTask, i).id, error))
      return FALSE;
  g_array_set_size (writer->block, 0);
  return TRUE;
}

/* Puts the row @index, a task new to the plan, in the block: its id, its
 * coordinators' units (found or created in their order, a unit named twice
 * keeping its first place, as _dd_store_add_coordinators() does). */
static gboolean
add_to_block (DdStore               *self,
              ImportWriter          *writer,
              guint                  index,
              const DdImportedTask  *in,
              const ImportRow       *row,
              gint64                 lead_id,
              guint                 *units_added,
              GError               **error)
{
  const char * const *names = (const char * const *) row->names->pdata;
  BlockTask task = { index, 0, lead_id };
  guint first;

  if (writer->block == NULL)
    {
      writer->block = g_array_new (FALSE, FALSE, sizeof (BlockTask));
      writer->block_coordinators = g_array_new (FALSE, FALSE, sizeof (BlockCoordinator));
    }
  if (writer->next_id <= 0)
    {
      writer->next_id = dd_sql_query_int64 (self, "SELECT ifnull (max (id), 0) + 1 FROM tasks", -1);
      if (writer->next_id <= 0)
        return dd_sql_set_sqlite_error (self, sqlite3_errcode (self->db), error);
    }
  task.id = writer->next_id++;
  first = writer->block_coordinators->len;
  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean created = FALSE, seen = FALSE;
      gint64 unit_id = _dd_store_find_or_create_unit_cached (self, writer->cache, names[i], &created, error);
      BlockCoordinator c = { task.id, unit_id, 0 };

      if (unit_id < 0)
        return FALSE;
      if (created)
        (*units_added)++;
      for (guint j = first; j < writer->block_coordinators->len; j++)
        seen |= g_array_index (writer->block_coordinators, BlockCoordinator, j).unit_id == unit_id;
      if (seen)
        continue;
      c.position = (gint) (writer->block_coordinators->len - first);
      g_array_append_val (writer->block_coordinators, c);
    }
  g_array_append_val (writer->block, task);
  /* Rows without a number are not checked for repeats; a later one finds
   * this one, as it would in the file. */
  if (in->number != NULL && !g_hash_table_contains (writer->tasks, in->number))
    {
      NumberedTask numbered = { task.id, index + 1 };

      g_hash_table_insert (writer->tasks, g_strdup (in->number), g_memdup2 (&numbered, sizeof numbered));
    }
  return TRUE;
}

/* Writes the row @index of the plan: a new task joins the block (written
 * with it), a task the plan has is updated, the block written first. */
static gboolean
write_imported_task (DdStore               *self,
                     ImportWriter          *writer,
                     gint64                 plan_id,
                     const DdImportedPlan  *plan,
                     const ImportRows      *rows,
                     guint                  index,
                     gboolean              *added,
                     gboolean              *changed,
                     guint                 *units_added,
                     GError               **error)
{
  const DdImportedTask *in = g_ptr_array_index (plan->tasks, index);
  const ImportRow *row = &rows->rows[index];
  const char * const *names = (const char * const *) row->names->pdata;
  sqlite3_stmt *stmt;
  gint64 task_id, lead_id = 0;

  if (in->lead != NULL && *in->lead != '\0')
    {
      gboolean created = FALSE;

      lead_id = _dd_store_find_or_create_unit_cached (self, writer->cache, in->lead, &created, error);
      if (lead_id < 0)
        return FALSE;
      if (created)
        (*units_added)++;
    }

  task_id = find_task (writer, in->number);
  *added = task_id == 0;
  if (task_id == 0)
    return add_to_block (self, writer, index, in, row, lead_id, units_added, error) &&
           (writer->block->len < BLOCK_ROWS || write_block (self, writer, plan_id, plan, rows, FALSE, error));
  if (!write_block (self, writer, plan_id, plan, rows, TRUE, error))
    return FALSE;
  /* A re-import in chunks first copies what it is about to change. */
  if (writer->keep_undo)
    {
      stmt = dd_sql_cache_get (self, writer->cache, SAVE_TASK_SQL, error);
      if (stmt == NULL)
        return FALSE;
      bind_task (self, writer, stmt, task_id, plan_id, index + 1, in, row, lead_id);
      if (!dd_sql_step_done (self, stmt, error))
        return FALSE;
    }
  stmt = update_statement (self, writer, error);
  if (stmt == NULL)
    return FALSE;
  bind_task (self, writer, stmt, task_id, plan_id, index + 1, in, row, lead_id);
  if (!dd_sql_step_done (self, stmt, error))
    return FALSE;
  *changed = sqlite3_changes (self->db) > 0;
  if (!*changed && !_dd_store_coordinators_differ (self, writer->cache, task_id, names))
    return TRUE;
  *changed = TRUE;
  return (!writer->keep_undo ||
          _dd_import_undo_save_coordinators (self, writer->cache, plan_id, task_id, error)) &&
         _dd_store_replace_coordinators (self, writer->cache, task_id, names, units_added, error);
}

static gboolean
check_importable (const DdImportedPlan  *plan,
                  GError               **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

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
                       plan->table_rows
                       ? _("Row %u of the table, column “TT”: the number “%s” was already used on row %u.")
                       : _("Line %u, column “TT”: the number “%s” was already used on line %u."),
                       task->line, task->number, other->line);
          return FALSE;
        }
      g_hash_table_insert (seen, task->number, (gpointer) task);
    }
  return TRUE;
}

/* Writes the rows [*@next, @end) of the plan, or fewer in a chunk whose
 * time is up (@writer's deadline, looked at between two blocks); *@next:
 * the first not written. */
static gboolean
write_tasks_range (DdStore               *self,
                   ImportWriter          *writer,
                   gint64                 plan_id,
                   const DdImportedPlan  *plan,
                   ImportRows            *rows,
                   guint                 *next,
                   guint                  end,
                   DdImportSummary       *local,
                   GError               **error)
{
  guint start = *next;

  for (guint i = start; i < MIN (end, plan->tasks->len); i++)
    {
      const DdImportedTask *task = g_ptr_array_index (plan->tasks, i);
      gboolean added = FALSE, changed = FALSE;

      if ((i - start) % BLOCK_ROWS == 0)
        {
          if (i > start && writer->deadline > 0 && g_get_monotonic_time () >= writer->deadline)
            break;
          _dd_import_rows_wait (rows, MIN (end, i + BLOCK_ROWS));
        }

      if (!write_imported_task (self, writer, plan_id, plan, rows, i, &added, &changed,
                                &local->units_added, error))
        return FALSE;
      if (added)
        local->tasks_added++;
      else if (changed)
        local->tasks_updated++;
      else
        local->tasks_unchanged++;
      if (!task->deadline.understood)
        local->tasks_flagged++;
      *next = i + 1;
    }
  /* The transaction ends after this range: the next one reads the largest
   * id again, as other desktops may have added tasks in between. */
  writer->next_id = 0;
  return write_block (self, writer, plan_id, plan, rows, TRUE, error);
}

static gboolean
write_tasks (DdStore               *self,
             ImportWriter          *writer,
             gint64                 plan_id,
             const DdImportedPlan  *plan,
             ImportRows            *rows,
             DdImportSummary       *local,
             GError               **error)
{
  guint next = 0;

  return write_tasks_range (self, writer, plan_id, plan, rows, &next, G_MAXUINT, local, error);
}

/* The tasks of @plan_id (0: none). */
static gboolean
count_plan_tasks (DdStore  *self,
                  gint64    plan_id,
                  guint    *n,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) count = NULL;

  *n = 0;
  if (plan_id <= 0)
    return TRUE;
  count = dd_sql_prepare (self, "SELECT count(*) FROM tasks WHERE plan_id = ?1", error);
  if (count == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 1, plan_id);
  if (sqlite3_step (count) == SQLITE_ROW)
    *n = (guint) sqlite3_column_int (count, 0);
  return TRUE;
}

static gboolean
import_rows_locked (DdStore               *self,
                    const DdImportedPlan  *plan,
                    ImportRows            *rows,
                    gboolean               is_sample,
                    DdImportSummary       *summary,
                    GError               **error)
{
  g_autoptr(DdSqlCache) cache = dd_sql_cache_new ();
  g_autofree char *now = dd_sql_now_utc ();
  ImportWriter writer = { cache, now, NULL, FALSE, NULL, NULL, 0, 0, NULL };
  DdImportSummary local = { 0 };
  gint64 plan_id;
  guint n_before;
  gboolean ok;

  g_assert (self->flags.in_transaction);

  plan_id = _dd_store_find_import_plan (self, plan);
  local.plan_existed = plan_id > 0;
  if (!count_plan_tasks (self, plan_id, &n_before, error))
    return FALSE;

  ok = read_task_numbers (self, &writer, plan_id, error) &&
       write_plan_row (self, plan, is_sample, &plan_id, error) &&
       write_tasks (self, &writer, plan_id, plan, rows, &local, error) &&
       write_indicators (self, plan_id, plan, error);
  import_writer_clear (&writer);
  if (!ok)
    return FALSE;

  local.plan_id = plan_id;
  local.indicators = plan->indicators != NULL ? plan->indicators->len : 0;
  local.tasks_kept = n_before - MIN (n_before, local.tasks_updated + local.tasks_unchanged);
  if (summary != NULL)
    *summary = local;
  return TRUE;
}

gboolean
_dd_store_import_plan_locked (DdStore               *self,
                              const DdImportedPlan  *plan,
                              gboolean               is_sample,
                              DdImportSummary       *summary,
                              GError               **error)
{
  g_autoptr(ImportRows) rows = NULL;

  if (!check_importable (plan, error))
    return FALSE;
  rows = _dd_import_rows_new (plan);
  return import_rows_locked (self, plan, rows, is_sample, summary, error);
}

/* The import in chunks (dd-store-import-undo.c says how a failed one is
 * taken back). A plan of more than IMPORT_CHUNK_ROWS rows is written in
 * chunks of IMPORT_CHUNK_MS each, whatever number of rows that is on a
 * busy or an idle machine (at most IMPORT_CHUNK_MAX_ROWS): a save that
 * comes meanwhile waits that long and the commit; between two, the import
 * sleeps IMPORT_YIELD_US, longer than a waiting save's busy handler sleeps
 * between its tries (on_busy_cb() in dd-store.c: at most 4 ms), so that a
 * save waiting for the lock gets it. Fewer chunks cost less: each commit
 * writes again the pages of the indexes in no order (the titles' keys)
 * that its rows changed. Tests give a number of rows instead, or another
 * time (_dd_store_set_import_chunk_time()): a machine's speed then decides
 * nothing of what they see. */
#define IMPORT_CHUNK_ROWS 1000
#define IMPORT_CHUNK_MS 150
#define IMPORT_CHUNK_MAX_ROWS 20000
#define IMPORT_YIELD_US (10 * 1000)

guint
_dd_store_import_chunk_rows (DdStore *self)
{
  return self->import_chunk_rows > 0 ? self->import_chunk_rows : IMPORT_CHUNK_ROWS;
}

/* A chunk begins (its transaction has the lock): its end of rows, and of
 * time in @writer. */
static guint
chunk_begins (DdStore       *self,
              ImportWriter  *writer,
              guint          next)
{
  if (self->import_chunk_rows > 0)
    return next + self->import_chunk_rows;
  writer->deadline = g_get_monotonic_time () +
                     (self->import_chunk_us > 0 ? self->import_chunk_us : IMPORT_CHUNK_MS * 1000);
  return next + IMPORT_CHUNK_MAX_ROWS;
}

void
_dd_store_set_import_chunk_rows (DdStore *self,
                                 guint    rows)
{
  self->import_chunk_rows = rows;
}

void
_dd_store_set_import_chunk_time (DdStore *self,
                                 gint64   usec)
{
  self->import_chunk_us = usec;
}

/* The units the plan names, found or created in the order the rows name
 * them (as write_imported_task() would); @created: the ids of those
 * created. */
static gboolean
find_or_create_units (DdStore               *self,
                      ImportWriter          *writer,
                      const DdImportedPlan  *plan,
                      GArray                *created,
                      guint                 *units_added,
                      GError               **error)
{
  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DdImportedTask *in = g_ptr_array_index (plan->tasks, i);
      guint n = in->coordinators != NULL ? in->coordinators->len : 0;

      for (guint j = 0; j <= n; j++)
        {
          const char *name = j == 0 ? in->lead : g_ptr_array_index (in->coordinators, j - 1);
          gboolean made = FALSE;
          gint64 id;

          if (j == 0 && (name == NULL || *name == '\0'))
            continue;
          id = _dd_store_find_or_create_unit_cached (self, writer->cache, name, &made, error);
          if (id < 0)
            return FALSE;
          if (made)
            {
              g_array_append_val (created, id);
              (*units_added)++;
            }
        }
    }
  return TRUE;
}

/* An import in chunks: the plan it writes, whether the file had it, and
 * what the summary counts. */
typedef struct
{
  ImportWriter writer;
  gint64 plan_id;               /* the plan the file had, or the new one */
  gboolean replacing;           /* a re-import of a plan the file has */
  gint64 audit_mark;            /* the last history entry before the import */
  GArray *marker_history;       /* gint64: the history entries about the marker */
  guint n_before;               /* the plan's tasks before a re-import */
  guint next;                   /* the first row not written yet */
  DdImportSummary local;
} ImportChunks;

/* The last chunk's end: a re-import's plan row, the indicators, and the
 * marker gone with what the undo needed. */
static gboolean
finish_chunks (DdStore               *self,
               ImportChunks          *run,
               const DdImportedPlan  *plan,
               GError               **error)
{
  return (!run->replacing || write_plan_row (self, plan, FALSE, &run->plan_id, error)) &&
         write_indicators (self, run->plan_id, plan, error) &&
         _dd_import_marker_finish (self, run->plan_id, run->audit_mark, run->marker_history, error);
}

/* The end of every chunk, the first one included: its rows up to @end
 * (or fewer when its time is up), then, when it wrote the last row, what
 * finishes the import (a fast machine may write every row within the
 * first chunk's time), else a re-import's history range of the chunk
 * (entries after @chunk_mark) in its marker; commits. The one place that
 * decides whether a chunk is the last. */
static gboolean
write_chunk_rows (DdStore               *self,
                  ImportChunks          *run,
                  const DdImportedPlan  *plan,
                  ImportRows            *rows,
                  guint                  end,
                  gint64                 chunk_mark,
                  GError               **error)
{
  if (!write_tasks_range (self, &run->writer, run->plan_id, plan, rows, &run->next, end, &run->local, error))
    return FALSE;
  if (run->next >= rows->n_rows)
    return finish_chunks (self, run, plan, error) && _dd_store_commit (self, error);
  return (!run->replacing ||
          _dd_import_marker_add_range (self, run->plan_id, chunk_mark, run->marker_history, error)) &&
         _dd_store_commit (self, error);
}

/* The first chunk, in the write transaction the caller began: a new
 * plan's row, the units, the marker, the first rows. Commits. */
static gboolean
write_first_chunk (DdStore               *self,
                   ImportChunks          *run,
                   const DdImportedPlan  *plan,
                   ImportRows            *rows,
                   GError               **error)
{
  g_autoptr(GArray) created = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint end = chunk_begins (self, &run->writer, run->next);

  run->audit_mark = dd_sql_query_int64 (self, "SELECT ifnull (max (id), 0) FROM audit_log", -1);
  if (run->audit_mark < 0)
    return dd_sql_set_sqlite_error (self, sqlite3_errcode (self->db), error);
  if (!run->replacing && !write_plan_row (self, plan, FALSE, &run->plan_id, error))
    return FALSE;
  return find_or_create_units (self, &run->writer, plan, created, &run->local.units_added, error) &&
         _dd_import_marker_write (self, run->plan_id, run->audit_mark, run->replacing, created,
                                  run->marker_history, error) &&
         write_chunk_rows (self, run, plan, rows, end, run->audit_mark, error);
}

/* One chunk after the first, in a write transaction of its own; the last
 * one also finishes the import. */
static gboolean
write_next_chunk (DdStore               *self,
                  ImportChunks          *run,
                  const DdImportedPlan  *plan,
                  ImportRows            *rows,
                  GError               **error)
{
  gint64 chunk_mark;
  guint end;

  /* Not under the lock: the first rows of the chunk are ready. */
  _dd_import_rows_wait (rows, run->next + BLOCK_ROWS);
  if (!_dd_store_begin (self, error))
    return FALSE;
  end = chunk_begins (self, &run->writer, run->next);
  chunk_mark = dd_sql_query_int64 (self, "SELECT ifnull (max (id), 0) FROM audit_log", -1);
  if (chunk_mark < 0)
    return dd_sql_set_sqlite_error (self, sqlite3_errcode (self->db), error);
  return write_chunk_rows (self, run, plan, rows, end, chunk_mark, error);
}

/* Writes @rows in chunks, from inside the write transaction the caller
 * began; @plan_id: the plan the file has (a re-import), or 0. On failure
 * after the first chunk, takes back what the chunks wrote. */
static gboolean
import_in_chunks (DdStore               *self,
                  const DdImportedPlan  *plan,
                  ImportRows            *rows,
                  gint64                 plan_id,
                  DdImportSummary       *summary,
                  GError               **error)
{
  g_autoptr(DdSqlCache) cache = dd_sql_cache_new ();
  g_autofree char *now = dd_sql_now_utc ();
  g_autoptr(GArray) marker_history = g_array_new (FALSE, FALSE, sizeof (gint64));
  ImportChunks run = { { cache, now, NULL, plan_id > 0, NULL, NULL, 0, 0, NULL }, plan_id, plan_id > 0, 0, marker_history, 0, 0, { 0, } };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  ok = count_plan_tasks (self, plan_id, &run.n_before, error) &&
       read_task_numbers (self, &run.writer, plan_id, error) &&
       write_first_chunk (self, &run, plan, rows, error);
  if (!ok)
    _dd_store_rollback (self);
  g_debug ("Import: the first chunk held the write lock %" G_GINT64_FORMAT " ms",
           (g_get_monotonic_time () - start) / 1000);
  while (ok && run.next < rows->n_rows)
    {
      g_usleep (IMPORT_YIELD_US);
      start = g_get_monotonic_time ();
      ok = write_next_chunk (self, &run, plan, rows, error);
      g_debug ("Import: rows up to %u held the write lock %" G_GINT64_FORMAT " ms", run.next,
               (g_get_monotonic_time () - start) / 1000);
      if (!ok)
        {
          g_autoptr(GError) undo_error = NULL;

          ok = FALSE;
          _dd_store_rollback (self);
          if (!_dd_import_undo (self, run.plan_id, &undo_error))
            g_prefix_error (error, _("The rows imported so far will be removed the next time an administrator "
                                     "opens the file (%s). "), undo_error->message);
        }
    }
  import_writer_clear (&run.writer);
  if (!ok)
    return FALSE;

  run.local.plan_id = run.plan_id;
  run.local.plan_existed = run.replacing;
  run.local.indicators = plan->indicators != NULL ? plan->indicators->len : 0;
  run.local.tasks_kept = run.n_before - MIN (run.n_before, run.local.tasks_updated + run.local.tasks_unchanged);
  if (summary != NULL)
    *summary = run.local;
  return TRUE;
}

/* A plan of more rows than a chunk holds is written in chunks (above), the
 * rest in one transaction:
 * everything but the SQL is done before the lock (_dd_import_rows_new()), each
 * statement is prepared once, the units and the plan's tasks are looked up
 * in memory, and the statement journals stay in memory (dd-store.c). A plan
 * of 1,000 rows holds the lock about 0.1 s. A re-import in chunks first
 * copies each task it changes (0014-import-undo.sql), so that a failure or
 * a killed process gives the old plan back whole
 * (tests/bench/bench-import.c gives the figures). */
gboolean
dd_store_import_plan (DdStore               *self,
                      const DdImportedPlan  *plan,
                      DdImportSummary       *summary,
                      GError               **error)
{
  g_autoptr(ImportRows) rows = NULL;
  gboolean ok;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!check_importable (plan, error))
    return FALSE;
  if (plan->tasks->len > _dd_store_import_chunk_rows (self))
    {
      rows = _dd_import_rows_start (plan);
      if (!_dd_store_begin (self, error))
        return FALSE;
      return import_in_chunks (self, plan, rows, _dd_store_find_import_plan (self, plan), summary, error);
    }
  rows = _dd_import_rows_new (plan);
  if (!_dd_store_begin (self, error))
    return FALSE;
  ok = import_rows_locked (self, plan, rows, FALSE, summary, error) && _dd_store_commit (self, error);
  if (!ok)
    _dd_store_rollback (self);
  return ok;
}
