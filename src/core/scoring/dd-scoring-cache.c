/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scoring-cache"

#include "config.h"

#include <string.h>

#include "dd-scoring-cache-private.h"

/*
 * What the scorecards read from the file, kept by their DdScoring while
 * the store's stamp says nothing was committed (dd-scoring-cache-private.h):
 * the context (units, plans, settings, indicators, coordinators), the
 * words and dates of every live task, the occurrences of the periods, the
 * typed indicator sums. Bound parameters only.
 */

/* The tasks' words read again one by one after commits before the whole
 * table is read again instead (keeps the string chunk from growing). */
#define MAX_WORDS_REFRESHED 20000

/* The tasks whose occurrences are read again alone after commits before
 * all of them are read again instead. */
#define MAX_OCCURRENCE_PATCHES 256

static void
unit_row_free (UnitRow *row)
{
  g_free (row->name);
  g_free (row->match_key);
  g_free (row);
}

static void
plan_row_free (PlanRow *row)
{
  g_free (row->issued_on);
  g_free (row);
}

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->units, g_ptr_array_unref);
  g_clear_pointer (&ctx->unit_index, g_hash_table_unref);
  g_clear_pointer (&ctx->coordinators, g_array_unref);
  g_clear_pointer (&ctx->coordinator_units, g_array_unref);
  g_clear_pointer (&ctx->plans, g_hash_table_unref);
  g_clear_pointer (&ctx->indicators, g_ptr_array_unref);
  g_clear_object (&ctx->workdays);
}

static void
words_clear (DdScoringCache *cache)
{
  g_clear_pointer (&cache->words, g_array_unref);
  g_clear_pointer (&cache->strings, g_string_chunk_free);
  g_clear_pointer (&cache->words_mark_at, g_free);
  cache->words_mark = 0;
  cache->words_stale = FALSE;
  cache->n_words_refreshed = 0;
}

/* All but the tasks' words, which are then brought up to date from the
 * audit log when next needed (refresh_words()). */
static void
scoring_cache_clear_but_words (DdScoringCache *cache)
{
  context_clear (&cache->ctx);
  g_clear_pointer (&cache->occurrences, _dd_occurrence_set_free);
  g_clear_pointer (&cache->occurrence_patches, g_hash_table_unref);
  g_clear_pointer (&cache->typed_sums, g_hash_table_unref);
  g_clear_pointer (&cache->reports, g_hash_table_unref);
  g_clear_pointer (&cache->rows, g_array_unref);
  g_clear_pointer (&cache->row_units, g_array_unref);
  g_clear_pointer (&cache->extra_words, g_ptr_array_unref);
  g_clear_pointer (&cache->mark_at, g_free);
  cache->mark = 0;
  cache->words_stale = cache->words != NULL;
  /* The texts of the words read again are added to the chunk, never
   * removed: past a number of them, start again from a full read. */
  if (cache->n_words_refreshed > MAX_WORDS_REFRESHED)
    words_clear (cache);
}

static void
scoring_cache_clear (DdScoringCache *cache)
{
  scoring_cache_clear_but_words (cache);
  words_clear (cache);
}

DdScoringCache *
_dd_scoring_cache_new (void)
{
  DdScoringCache *cache = g_new0 (DdScoringCache, 1);

  dd_store_stamp_clear (&cache->stamp);
  return cache;
}

void
_dd_scoring_cache_free (DdScoringCache *cache)
{
  if (cache == NULL)
    return;
  scoring_cache_clear (cache);
  g_free (cache);
}

static gboolean
context_load (DdStore  *store,
              Context  *ctx,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) coords = NULL;
  g_autoptr(sqlite3_stmt) plans = NULL;
  int rc;

  if (!_dd_scoring_read_weights (store, &ctx->weights, error))
    return FALSE;
  ctx->workdays = _dd_store_read_workdays (store, error);
  if (ctx->workdays == NULL)
    return FALSE;
  ctx->due_soon_days = dd_store_get_due_soon_days (store, error);
  if (error != NULL && *error != NULL)
    return FALSE;
  ctx->indicators = _dd_figures_read_indicators (store, 0, error);
  if (ctx->indicators == NULL)
    return FALSE;

  ctx->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_row_free);
  ctx->unit_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  units = dd_sql_prepare (store, "SELECT id, name, is_group FROM units ORDER BY sort_key, id", error);
  if (units == NULL)
    return FALSE;
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      UnitRow *row = g_new0 (UnitRow, 1);

      row->id = sqlite3_column_int64 (units, 0);
      row->name = g_strdup (dd_sql_column_text (units, 1));
      row->match_key = dd_text_unit_match_key (row->name);
      row->is_group = sqlite3_column_int (units, 2) != 0;
      g_ptr_array_add (ctx->units, row);
      g_hash_table_insert (ctx->unit_index, &row->id, GUINT_TO_POINTER (ctx->units->len));
    }
  if (!_dd_scoring_read_done (store, rc, error))
    return FALSE;

  /* The plans' dates, read beside: joining the plan row by row costs the
   * task scan a lookup a task (a third of its time). */
  ctx->plans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) plan_row_free);
  plans = dd_sql_prepare (store, "SELECT id, issued_on FROM plans", error);
  if (plans == NULL)
    return FALSE;
  while ((rc = sqlite3_step (plans)) == SQLITE_ROW)
    {
      gint64 plan_id = sqlite3_column_int64 (plans, 0);
      PlanRow *row = g_new0 (PlanRow, 1);

      row->issued_on = g_strdup (dd_sql_column_text (plans, 1));
      row->index = g_hash_table_size (ctx->plans);
      g_hash_table_insert (ctx->plans, g_memdup2 (&plan_id, sizeof plan_id), row);
    }
  if (!_dd_scoring_read_done (store, rc, error))
    return FALSE;

  /* In task order, as the tasks are scanned: one cursor walks both. */
  ctx->coordinators = g_array_new (FALSE, FALSE, sizeof (TaskCoordinators));
  ctx->coordinator_units = g_array_new (FALSE, FALSE, sizeof (gint64));
  coords = dd_sql_prepare (store, "SELECT task_id, unit_id FROM task_coordinators ORDER BY task_id, position",
                           error);
  if (coords == NULL)
    return FALSE;
  while ((rc = sqlite3_step (coords)) == SQLITE_ROW)
    {
      gint64 task_id = sqlite3_column_int64 (coords, 0);
      gint64 unit_id = sqlite3_column_int64 (coords, 1);
      TaskCoordinators *last = ctx->coordinators->len > 0
        ? &g_array_index (ctx->coordinators, TaskCoordinators, ctx->coordinators->len - 1) : NULL;

      if (last == NULL || last->task_id != task_id)
        {
          TaskCoordinators entry = { task_id, ctx->coordinator_units->len, 0 };

          g_array_append_val (ctx->coordinators, entry);
          last = &g_array_index (ctx->coordinators, TaskCoordinators, ctx->coordinators->len - 1);
        }
      g_array_append_val (ctx->coordinator_units, unit_id);
      last->n++;
    }
  return _dd_scoring_read_done (store, rc, error);
}

static gboolean cache_refresh (DdScoringCache *cache, DdStore *store, gboolean *out_done, GError **error);

DdScoringCache *
_dd_scoring_cache_get (DdScoringCache  *kept,
                       DdStore         *store,
                       DdScoringCache **out_temporary,
                       GError         **error)
{
  DdScoringCache *cache = kept;
  DdStoreStamp stamp;

  *out_temporary = NULL;
  if (dd_store_stamp_is_current (store, &kept->stamp))
    return kept;

  /* Taken before reading: a commit while it reads makes it not current. */
  if (!dd_store_stamp_take (store, &stamp))
    {
      cache = *out_temporary = _dd_scoring_cache_new ();
      cache->without_words = kept->without_words;
    }
  else if (kept->rows != NULL)
    {
      gboolean done = FALSE;

      /* Not current while it is brought up to date: a failure empties it. */
      dd_store_stamp_clear (&kept->stamp);
      if (!cache_refresh (kept, store, &done, error))
        {
          scoring_cache_clear (kept);
          return NULL;
        }
      if (done)
        {
          kept->stamp = stamp;
          return kept;
        }
    }
  scoring_cache_clear_but_words (cache);
  /* Never current until filled: a failed read is read again next time. */
  dd_store_stamp_clear (&cache->stamp);
  cache->n_full_reads++;
  if (!_dd_scoring_cache_take_mark (cache, store, error) || !context_load (store, &cache->ctx, error))
    {
      scoring_cache_clear (cache);
      g_clear_pointer (out_temporary, _dd_scoring_cache_free);
      return NULL;
    }
  if (cache == kept)
    cache->stamp = stamp;
  return cache;
}

void
_dd_scoring_cache_check_after (DdScoringCache *cache,
                               DdStore        *store)
{
  if (!dd_store_stamp_is_current (store, &cache->stamp))
    dd_store_stamp_clear (&cache->stamp);
}

static void
task_words_set (DdScoringCache *cache,
                TaskWords      *words,
                gint64          id,
                sqlite3_stmt   *stmt,
                int             first_column)
{
  const char *number = dd_sql_column_text (stmt, first_column);
  const char *title = dd_sql_column_text (stmt, first_column + 1);

  words->id = id;
  words->number = number != NULL ? g_string_chunk_insert_const (cache->strings, number) : NULL;
  words->title = title != NULL ? g_string_chunk_insert (cache->strings, title) : NULL;
  words->missing = _dd_six_clear_check_words (title, dd_sql_column_text (stmt, first_column + 2),
                                              dd_sql_column_text (stmt, first_column + 3));
}

/* Whether the log still holds the entry the words were read after, as it
 * was: else the file is another one (a backup put back) and nothing said
 * since that entry holds. */
static gboolean
log_mark_holds (DdStore         *store,
                DdScoringCache  *cache,
                gboolean        *out_holds,
                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_holds = FALSE;
  if (cache->words_mark <= 0 || cache->words_mark_at == NULL)
    return TRUE;
  stmt = dd_sql_prepare (store, "SELECT at FROM audit_log WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cache->words_mark);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_holds = g_strcmp0 (dd_sql_column_text (stmt, 0), cache->words_mark_at) == 0;
      rc = sqlite3_step (stmt);
    }
  return _dd_scoring_read_done (store, rc, error);
}

/* The log's last entry before the words are read; none (0: they are read
 * whole next time) while an import runs, whose history may be taken back
 * (dd-store-import-undo.c). */
static gboolean
read_words_mark (DdStore  *store,
                 gint64   *out_id,
                 char    **out_at,
                 GError  **error)
{
  gboolean pending;

  if (!_dd_scoring_import_pending (store, &pending, error) ||
      !_dd_scoring_read_log_mark (store, out_id, out_at, error))
    return FALSE;
  if (pending)
    {
      *out_id = 0;
      g_clear_pointer (out_at, g_free);
    }
  return TRUE;
}

/* The place of task @id in the words (by id), or where it would go. */
static guint
words_position (GArray  *words,
                gint64   id,
                gboolean *out_found)
{
  guint low = 0, high = words->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      gint64 at = g_array_index (words, TaskWords, middle).id;

      if (at == id)
        {
          *out_found = TRUE;
          return middle;
        }
      if (at < id)
        low = middle + 1;
      else
        high = middle;
    }
  *out_found = FALSE;
  return low;
}

/* The words of task @id read again into the kept ones: replaced, added
 * (a new task) or removed (a task deleted or gone). */
static gboolean
refresh_task_words (DdStore         *store,
                    DdScoringCache  *cache,
                    sqlite3_stmt    *one,
                    gint64           id,
                    GError         **error)
{
  gboolean found;
  guint position = words_position (cache->words, id, &found);
  int rc;

  sqlite3_reset (one);
  sqlite3_bind_int64 (one, 1, id);
  rc = sqlite3_step (one);
  if (rc == SQLITE_ROW)
    {
      TaskWords entry;

      task_words_set (cache, &entry, id, one, 0);
      if (found)
        g_array_index (cache->words, TaskWords, position) = entry;
      else
        g_array_insert_val (cache->words, position, entry);
      cache->n_words_refreshed++;
      return TRUE;
    }
  if (found)
    g_array_remove_index (cache->words, position);
  return _dd_scoring_read_done (store, rc, error);
}

/* The kept words brought up to date after commits: only the tasks the
 * audit log names since its entry the words were read after. FALSE with
 * *@out_done FALSE (and no error) when they cannot be: read them all. */
static gboolean
refresh_words (DdStore         *store,
               DdScoringCache  *cache,
               gboolean        *out_done,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) changed = NULL;
  g_autoptr(sqlite3_stmt) one = NULL;
  g_autofree char *mark_at = NULL;
  gboolean holds;
  gint64 mark;
  int rc;

  *out_done = FALSE;
  if (!log_mark_holds (store, cache, &holds, error) || !holds)
    return holds;
  /* Taken before the tasks are read: what is committed meanwhile is read
   * again next time. */
  if (!read_words_mark (store, &mark, &mark_at, error))
    return FALSE;
  /* NOT INDEXED: by the log's ids, the entries since the mark only;
   * through audit_log_task the planner walks every task's entries. */
  changed = dd_sql_prepare (store,
                            _dd_store_has_remote_tables (store)
                            ? "SELECT DISTINCT task_id FROM audit_log WHERE id > ?1 AND table_name = 'tasks' "
                              "AND task_id IS NOT NULL"
                            : "SELECT DISTINCT task_id FROM audit_log NOT INDEXED WHERE id > ?1 "
                              "AND table_name = 'tasks' AND task_id IS NOT NULL", error);
  one = dd_sql_prepare (store, "SELECT number, title, product, directing FROM tasks "
                        "WHERE id = ?1 AND deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("id"), error);
  if (changed == NULL || one == NULL)
    return FALSE;
  sqlite3_bind_int64 (changed, 1, cache->words_mark);
  for (guint n = 0; (rc = sqlite3_step (changed)) == SQLITE_ROW; n++)
    {
      /* A plan imported: reading the table whole is then quicker. */
      if (n >= MAX_WORDS_REFRESHED / 4)
        return TRUE;
      if (!refresh_task_words (store, cache, one, sqlite3_column_int64 (changed, 0), error))
        return FALSE;
    }
  if (!_dd_scoring_read_done (store, rc, error))
    return FALSE;

  cache->words_mark = mark;
  g_free (cache->words_mark_at);
  cache->words_mark_at = g_steal_pointer (&mark_at);
  cache->words_stale = FALSE;
  *out_done = TRUE;
  return TRUE;
}

/* The words of every live task, in one pass over the table in id order:
 * most of them are in the periods of a scorecard and its trend (86% on
 * the benchmark file for a year), so picking them one by one would read
 * nearly every page anyway, and in no order. Kept across commits, and
 * then brought up to date from the audit log (refresh_words()). */
static gboolean
load_words (DdStore         *store,
            DdScoringCache  *cache,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) words = NULL;
  g_autofree char *mark_at = NULL;
  gint64 mark;
  int rc;

  /* The rows' texts (their dates) are kept in the chunk all the same. */
  if (cache->without_words)
    {
      if (cache->strings == NULL)
        cache->strings = g_string_chunk_new (64 * 1024);
      return TRUE;
    }
  if (cache->words != NULL && cache->words_stale)
    {
      gboolean done;

      if (!refresh_words (store, cache, &done, error))
        {
          words_clear (cache);
          if (error != NULL && *error != NULL)
            return FALSE;
        }
      else if (!done)
        words_clear (cache);
    }
  if (cache->words != NULL)
    return TRUE;

  words_clear (cache);
  /* Taken before the table is read (see refresh_words()). */
  if (!read_words_mark (store, &mark, &mark_at, error))
    return FALSE;
  /* NOT INDEXED: the table in its own order is already by id; through
   * tasks_scoring it would be an index walk and a seek a row besides. */
  stmt = dd_sql_prepare (store,
                         _dd_store_has_remote_tables (store)
                         ? "SELECT id, number, title, product, directing FROM tasks "
                           "WHERE deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("id") " ORDER BY id"
                         : "SELECT id, number, title, product, directing FROM tasks NOT INDEXED "
                           "WHERE deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("id") " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  cache->strings = g_string_chunk_new (256 * 1024);
  words = g_array_new (FALSE, FALSE, sizeof (TaskWords));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TaskWords entry;

      task_words_set (cache, &entry, sqlite3_column_int64 (stmt, 0), stmt, 1);
      g_array_append_val (words, entry);
    }
  if (!_dd_scoring_read_done (store, rc, error))
    return FALSE;
  cache->words = g_steal_pointer (&words);
  cache->words_mark = mark;
  cache->words_mark_at = g_steal_pointer (&mark_at);
  return TRUE;
}

static const char *
intern (DdScoringCache *cache,
        const char     *text)
{
  return text != NULL ? g_string_chunk_insert_const (cache->strings, text) : NULL;
}

/* The words of task @id, from the cache's (in id order, as the tasks come:
 * *@cursor goes on from the last one); a task not there (written by another
 * connection since they were read) is read on its own. */
static const TaskWords *
words_for (DdStore         *store,
           DdScoringCache  *cache,
           gint64           id,
           guint           *cursor,
           sqlite3_stmt   **one,
           GError         **error)
{
  GArray *words = cache->words;
  TaskWords *spare;
  int rc;

  while (*cursor < words->len && g_array_index (words, TaskWords, *cursor).id < id)
    (*cursor)++;
  if (*cursor < words->len && g_array_index (words, TaskWords, *cursor).id == id)
    return &g_array_index (words, TaskWords, *cursor);

  if (*one == NULL)
    {
      *one = dd_sql_prepare (store, "SELECT number, title, product, directing FROM tasks WHERE id = ?1", error);
      if (*one == NULL)
        return NULL;
    }
  sqlite3_reset (*one);
  sqlite3_bind_int64 (*one, 1, id);
  rc = sqlite3_step (*one);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  spare = g_new0 (TaskWords, 1);
  g_ptr_array_add (cache->extra_words, spare);
  if (rc == SQLITE_ROW)
    task_words_set (cache, spare, id, *one, 0);
  else
    {
      /* Gone meanwhile: judged as a task without words. */
      spare->id = id;
      spare->missing = _dd_six_clear_check_words (NULL, NULL, NULL);
    }
  return spare;
}

/* The day a task without a due date starts counting in: its plan's date,
 * else the day it was created (column @column: created_at). */
static const char *
row_starts (DdScoringCache *cache,
            const PlanRow  *plan,
            sqlite3_stmt   *stmt,
            int             column)
{
  const char *created;
  const char *end;
  g_autofree char *day = NULL;

  if (plan->issued_on != NULL || sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return plan->issued_on;
  /* substr (created_at, 1, 10): ten characters, not bytes. */
  created = dd_sql_column_text (stmt, column);
  end = created;
  for (guint i = 0; i < 10 && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  day = g_strndup (created, end - created);
  return intern (cache, day);
}

/* The coordinators of task @task_id in the context's list, or %NULL: in
 * task order, as the tasks come (*@cursor goes on from the last one). */
static const TaskCoordinators *
coordinators_for (const Context *ctx,
                  gint64         task_id,
                  guint         *cursor)
{
  while (*cursor < ctx->coordinators->len &&
         g_array_index (ctx->coordinators, TaskCoordinators, *cursor).task_id < task_id)
    (*cursor)++;
  if (*cursor < ctx->coordinators->len &&
      g_array_index (ctx->coordinators, TaskCoordinators, *cursor).task_id == task_id)
    return &g_array_index (ctx->coordinators, TaskCoordinators, *cursor);
  return NULL;
}

/* The units @row's task coordinates with (@ids, @n_ids of them), counted
 * in each period, into the cache's row_units: not the lead itself (it does
 * not coordinate its own task), nor a unit that is gone. */
static void
row_add_coordinators (DdScoringCache *cache,
                      ScanRow        *row,
                      const gint64   *ids,
                      guint           n_ids,
                      gint64          lead_id)
{
  const Context *ctx = &cache->ctx;

  row->coordinators = cache->row_units->len;
  for (guint i = 0; i < n_ids; i++)
    {
      guint position = ids[i] != lead_id ? _dd_scoring_context_unit_position (ctx, ids[i]) : 0;

      if (position > 0)
        {
          g_array_append_val (cache->row_units, position);
          row->n_coordinators++;
        }
    }
}

/* Whether @row's task, which a unit leads, passes the "6 rõ" check: it
 * does not depend on the period, so it is made once. */
static gboolean
row_passes_six_clear (const Context *ctx,
                      const ScanRow *row,
                      const gint64  *ids,
                      guint          n_ids,
                      gboolean       deadline_understood)
{
  const UnitRow *lead_row = g_ptr_array_index (ctx->units, row->lead - 1);
  DdSixClearInput input = { 0 };
  gboolean lead_coordinates = FALSE;

  for (guint i = 0; i < n_ids && !lead_coordinates; i++)
    {
      guint position = _dd_scoring_context_unit_position (ctx, ids[i]);

      /* As dd_six_clear_check() compares the names, from the keys of the
       * units computed once instead of twice a task; the names themselves
       * are then not read. */
      if (position > 0)
        {
          const UnitRow *unit = g_ptr_array_index (ctx->units, position - 1);

          lead_coordinates = g_strcmp0 (unit->match_key, lead_row->match_key) == 0;
        }
    }
  input.lead = lead_row->name;
  input.lead_is_group = lead_row->is_group;
  input.kind = row->kind;
  input.has_due = dd_date_is_set (&row->due);
  input.deadline_understood = deadline_understood;
  return _dd_six_clear_check_known_words (&input, lead_coordinates, row->words->missing) == 0;
}

/* What a task is scored on: its id, lead, kind, due date as extended before
 * it fell due, completion, plan, "6 rõ" flag and creation, in this order. */
/* A task is scored against its due date as extended before it fell due;
 * an extension signed after the due date it replaced leaves the task
 * judged against that date (README.md, "Rules": it was late already). */
#define ROW_SELECT \
  "SELECT t.id, t.lead_unit_id, t.deadline_kind, " \
  "coalesce ((SELECT e.old_due FROM task_extensions e WHERE e.task_id = t.id " \
  "AND e.approved_on > e.old_due ORDER BY e.id LIMIT 1), t.due_on), t.completed_on, t.plan_id, " \
  "t.deadline_understood, t.created_at FROM tasks t "

/* The same for every task on a server's tables, which have no index of
 * SQLite's: the subquery above, a query on the server for each task
 * (100,000 round trips, 10-20 s on the benchmark's office), becomes one
 * read of the extensions, grouped: of a task's extensions approved after
 * their due date, the first's old due date (SQLite gives the other
 * columns of the row of min()). */
#define ROW_SELECT_ALL_REMOTE \
  "SELECT t.id, t.lead_unit_id, t.deadline_kind, coalesce (x.old_due, t.due_on), t.completed_on, t.plan_id, " \
  "t.deadline_understood, t.created_at FROM tasks t LEFT JOIN " \
  "(SELECT e.task_id AS task_id, e.old_due AS old_due, min (e.id) FROM task_extensions e " \
  " WHERE e.approved_on > e.old_due GROUP BY e.task_id) x ON x.task_id = t.id "

/* @row from a result of ROW_SELECT, its coordinators @ids (@n_ids) and
 * its words *@cursor on (words_for()); FALSE (and no error) when its plan
 * is not there: it is not scored. */
static gboolean
row_read (DdStore         *store,
          DdScoringCache  *cache,
          sqlite3_stmt    *stmt,
          const gint64    *ids,
          guint            n_ids,
          guint           *cursor,
          sqlite3_stmt   **one,
          ScanRow         *row,
          GError         **error)
{
  Context *ctx = &cache->ctx;
  gint64 lead_id = sqlite3_column_int64 (stmt, 1);
  gint64 plan_id = sqlite3_column_int64 (stmt, 5);
  const PlanRow *plan;

  memset (row, 0, sizeof *row);
  /* An inner join with the plans, as the query of each period had. */
  plan = g_hash_table_lookup (ctx->plans, &plan_id);
  if (plan == NULL)
    return FALSE;
  row->id = sqlite3_column_int64 (stmt, 0);
  row->plan = plan->index;
  row->kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 2), 0, DD_N_DEADLINE_KINDS - 1);
  row->due_text = intern (cache, dd_sql_column_text (stmt, 3));
  row->done_text = intern (cache, dd_sql_column_text (stmt, 4));
  dd_sql_column_date (stmt, 3, &row->due);
  dd_sql_column_date (stmt, 4, &row->done);
  if (row->due_text == NULL)
    row->starts = row_starts (cache, plan, stmt, 7);
  if (!cache->without_words)
    {
      row->words = words_for (store, cache, row->id, cursor, one, error);
      if (row->words == NULL)
        return FALSE;
    }
  row->lead = lead_id > 0 ? _dd_scoring_context_unit_position (ctx, lead_id) : 0;
  row_add_coordinators (cache, row, ids, n_ids, lead_id);
  if (row->lead > 0 && row->words != NULL)
    row->six_clear_passed = row_passes_six_clear (ctx, row, ids, n_ids, sqlite3_column_int (stmt, 6) != 0);
  return TRUE;
}

/* INDEXED BY: the planner would not pick a partial index for a whole scan
 * by itself in every case; the table's rows are eleven times its size. */
gboolean
_dd_scoring_cache_load_rows (DdScoringCache  *cache,
                             DdStore         *store,
                             GError         **error)
{
  Context *ctx = &cache->ctx;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) one = NULL;
  g_autoptr(GArray) rows = NULL;
  guint coordinator_cursor = 0, words_cursor = 0;
  int rc;

  if (cache->rows != NULL)
    return TRUE;
  if (!load_words (store, cache, error))
    return FALSE;

  /* A server's tables have no index of SQLite's (dd_pg_read_store()). */
  stmt = dd_sql_prepare (store,
                         _dd_store_has_remote_tables (store)
                         ? ROW_SELECT_ALL_REMOTE "WHERE t.deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("t.id")
                           " ORDER BY t.id"
                         : ROW_SELECT "INDEXED BY tasks_scoring WHERE t.deleted_at IS NULL AND "
                                      DD_SQL_TASK_SHOWN ("t.id") " ORDER BY t.id",
                         error);
  if (stmt == NULL)
    return FALSE;
  rows = g_array_new (FALSE, TRUE, sizeof (ScanRow));
  g_clear_pointer (&cache->row_units, g_array_unref);
  cache->row_units = g_array_new (FALSE, FALSE, sizeof (guint));
  if (cache->extra_words == NULL)
    cache->extra_words = g_ptr_array_new_with_free_func (g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const TaskCoordinators *coordinators = coordinators_for (ctx, sqlite3_column_int64 (stmt, 0),
                                                               &coordinator_cursor);
      const gint64 *ids = coordinators != NULL
        ? &g_array_index (ctx->coordinator_units, gint64, coordinators->first) : NULL;
      ScanRow row;

      if (row_read (store, cache, stmt, ids, coordinators != NULL ? coordinators->n : 0, &words_cursor, &one,
                    &row, error))
        g_array_append_val (rows, row);
      else if (error != NULL && *error != NULL)
        return FALSE;
    }
  if (!_dd_scoring_read_done (store, rc, error))
    return FALSE;
  cache->rows = g_steal_pointer (&rows);
  /* In the rows now (row_units). */
  g_clear_pointer (&ctx->coordinators, g_array_unref);
  g_clear_pointer (&ctx->coordinator_units, g_array_unref);
  return TRUE;
}

/* The row of task @id read again, appended to @rows (nothing when it is
 * gone, in the recycle bin or without a plan). */
static gboolean
reload_row (DdStore         *store,
            DdScoringCache  *cache,
            sqlite3_stmt    *task,
            sqlite3_stmt    *coordinators,
            gint64           id,
            GArray          *rows,
            gboolean        *out_recurring,
            GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) one = NULL;
  gboolean found;
  guint cursor = cache->words != NULL ? words_position (cache->words, id, &found) : 0;
  ScanRow row;
  int rc;

  sqlite3_reset (coordinators);
  sqlite3_bind_int64 (coordinators, 1, id);
  while ((rc = sqlite3_step (coordinators)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (coordinators, 0);

      g_array_append_val (ids, unit_id);
    }
  if (!_dd_scoring_read_done (store, rc, error))
    return FALSE;
  sqlite3_reset (task);
  sqlite3_bind_int64 (task, 1, id);
  rc = sqlite3_step (task);
  if (rc != SQLITE_ROW)
    return _dd_scoring_read_done (store, rc, error);
  if (sqlite3_column_int (task, 2) == DD_DEADLINE_PERIODIC || sqlite3_column_int (task, 2) == DD_DEADLINE_ONGOING)
    *out_recurring = TRUE;
  if (row_read (store, cache, task, (const gint64 *) ids->data, ids->len, &cursor, &one, &row, error))
    g_array_append_val (rows, row);
  else if (error != NULL && *error != NULL)
    return FALSE;
  return _dd_scoring_read_done (store, sqlite3_step (task), error);
}

/* @row, kept, into @rows: its coordinators from @units into the cache's
 * new row_units, its words found again (the array may have moved). */
static gboolean
keep_row (DdStore         *store,
          DdScoringCache  *cache,
          ScanRow          row,
          GArray          *units,
          GArray          *rows,
          guint           *cursor,
          sqlite3_stmt   **one,
          GError         **error)
{
  if (row.n_coordinators > 0)
    g_array_append_vals (cache->row_units, &g_array_index (units, guint, row.coordinators), row.n_coordinators);
  row.coordinators = cache->row_units->len - row.n_coordinators;
  if (!cache->without_words)
    {
      row.words = words_for (store, cache, row.id, cursor, one, error);
      if (row.words == NULL)
        return FALSE;
    }
  g_array_append_val (rows, row);
  return TRUE;
}

/* The rows of the tasks @ids (gint64, in increasing order, no twice) read
 * again into the kept ones (replaced, added or removed), and the tasks'
 * words with them. *@out_recurring: one of them is periodic or ongoing,
 * or was not kept before (restored from the recycle bin: its ad hoc
 * reports, which no log entry of this commit names, count again).
 * *@out_kept FALSE (TRUE returned) when the words had to be read whole
 * again: the rows cannot be kept then. */
static gboolean
reload_rows (DdScoringCache  *cache,
             DdStore         *store,
             GArray          *ids,
             gboolean        *out_recurring,
             gboolean        *out_kept,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) task = NULL;
  g_autoptr(sqlite3_stmt) coordinators = NULL;
  g_autoptr(sqlite3_stmt) one = NULL;
  g_autoptr(GArray) old_units = NULL;
  g_autoptr(GArray) rows = NULL;
  guint r = 0, cursor = 0;

  GStringChunk *strings = cache->strings;

  *out_recurring = FALSE;
  *out_kept = FALSE;
  /* The words first: the rows point into them. Read whole again (or too
   * many read again), they take the rows' texts with them. */
  if (!cache->without_words)
    {
      if (cache->words == NULL || cache->n_words_refreshed > MAX_WORDS_REFRESHED)
        return TRUE;
      cache->words_stale = TRUE;
      if (!load_words (store, cache, error))
        return FALSE;
      if (cache->strings != strings)
        return TRUE;
    }
  task = dd_sql_prepare (store, ROW_SELECT "WHERE t.id = ?1 AND t.deleted_at IS NULL AND "
                                           DD_SQL_TASK_SHOWN ("t.id"), error);
  coordinators = dd_sql_prepare (store, "SELECT unit_id FROM task_coordinators WHERE task_id = ?1 "
                                 "ORDER BY position", error);
  if (task == NULL || coordinators == NULL)
    return FALSE;

  /* One pass in id order: the rows kept, those read again in their place. */
  old_units = g_steal_pointer (&cache->row_units);
  cache->row_units = g_array_sized_new (FALSE, FALSE, sizeof (guint), old_units->len + 16);
  rows = g_array_sized_new (FALSE, TRUE, sizeof (ScanRow), cache->rows->len + ids->len);
  for (guint i = 0; i <= ids->len; i++)
    {
      gint64 id = i < ids->len ? g_array_index (ids, gint64, i) : G_MAXINT64;
      gboolean had = FALSE;
      guint n_rows;

      for (; r < cache->rows->len && g_array_index (cache->rows, ScanRow, r).id <= id; r++)
        if (g_array_index (cache->rows, ScanRow, r).id == id)
          had = TRUE;
        else if (!keep_row (store, cache, g_array_index (cache->rows, ScanRow, r), old_units, rows, &cursor, &one,
                            error))
          return FALSE;
      n_rows = rows->len;
      if (i < ids->len && !reload_row (store, cache, task, coordinators, id, rows, out_recurring, error))
        return FALSE;
      if (!had && rows->len > n_rows)
        *out_recurring = TRUE;
    }
  g_array_unref (cache->rows);
  cache->rows = g_steal_pointer (&rows);
  *out_kept = TRUE;
  return TRUE;
}

/* Adds (@sign 1) or takes away (-1) the reports of task @id in @set (if
 * it is there) in every period judged and kept. */
static void
adjust_reports (DdScoringCache  *cache,
                DdOccurrenceSet *set,
                gint64           id,
                int              sign)
{
  g_autoptr(GArray) occurrences = NULL;
  GHashTableIter iter;
  gpointer judged;

  if (set == NULL || cache->reports == NULL)
    return;
  occurrences = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));
  for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (set); t++)
    {
      if (_dd_occurrence_set_get_task (set, t)->id != id)
        continue;
      g_hash_table_iter_init (&iter, cache->reports);
      while (g_hash_table_iter_next (&iter, NULL, &judged))
        _dd_scoring_count_task_reports (&cache->ctx, set, t, judged, sign, occurrences);
    }
}

/* The occurrences of the tasks @ids read again, each alone, over the days
 * of the kept ones (a periodic task's schedule, reports or progress
 * changed); the reports judged corrected by the difference. */
static gboolean
patch_occurrences (DdScoringCache  *cache,
                   DdStore         *store,
                   GArray          *ids,
                   GError         **error)
{
  if (cache->occurrences == NULL)
    {
      g_clear_pointer (&cache->reports, g_hash_table_unref);
      return TRUE;
    }
  if (cache->occurrence_patches == NULL)
    cache->occurrence_patches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) _dd_occurrence_set_free);
  /* Past a number of them, all are read again in one pass. */
  if (g_hash_table_size (cache->occurrence_patches) + ids->len > MAX_OCCURRENCE_PATCHES)
    {
      g_clear_pointer (&cache->occurrences, _dd_occurrence_set_free);
      g_clear_pointer (&cache->occurrence_patches, g_hash_table_unref);
      g_clear_pointer (&cache->reports, g_hash_table_unref);
      return TRUE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      DdOccurrenceSet *set = _dd_occurrence_set_load (store, DD_OCCURRENCE_SCOPE_LED, id, cache->ctx.workdays,
                                                      &cache->occurrences_from, &cache->occurrences_to, NULL,
                                                      error);
      gpointer old = NULL;

      if (set == NULL)
        return FALSE;
      /* What it counted for: its last reading alone, else the set's. */
      if (!g_hash_table_lookup_extended (cache->occurrence_patches, &id, NULL, &old))
        old = cache->occurrences;
      adjust_reports (cache, old, id, -1);
      adjust_reports (cache, set, id, 1);
      if (_dd_occurrence_set_get_n_tasks (set) == 0)
        g_clear_pointer (&set, _dd_occurrence_set_free);
      g_hash_table_replace (cache->occurrence_patches, g_memdup2 (&id, sizeof id), set);
    }
  return TRUE;
}

/* Brings @cache (filled, its rows read, its stamp no longer current) up to
 * date from what the audit log says changed since its mark. *@out_done
 * FALSE (and TRUE returned) when the log cannot say: empty it. */
static gboolean
cache_refresh (DdScoringCache  *cache,
               DdStore         *store,
               gboolean        *out_done,
               GError         **error)
{
  g_auto(DdScoringChanges) changes = { 0 };
  gboolean recurring = FALSE, kept = TRUE;

  *out_done = FALSE;
  if (!_dd_scoring_log_changes (store, cache, &changes, error))
    return FALSE;
  if (!changes.described)
    return TRUE;
  if (changes.tasks->len > 0 && !reload_rows (cache, store, changes.tasks, &recurring, &kept, error))
    return FALSE;
  if (!kept)
    return TRUE;
  if ((changes.occurrences || recurring) && !patch_occurrences (cache, store, changes.tasks, error))
    return FALSE;
  if (changes.figures)
    g_clear_pointer (&cache->typed_sums, g_hash_table_unref);

  cache->mark = changes.mark;
  g_free (cache->mark_at);
  cache->mark_at = g_steal_pointer (&changes.mark_at);
  cache->n_partial_refreshes++;
  *out_done = TRUE;
  return TRUE;
}

gboolean
_dd_scoring_cache_load_occurrences (DdScoringCache  *cache,
                                    DdStore         *store,
                                    const GDate     *from,
                                    const GDate     *to,
                                    GError         **error)
{
  if (cache->occurrences != NULL && g_date_compare (&cache->occurrences_from, from) == 0 &&
      g_date_compare (&cache->occurrences_to, to) == 0)
    return TRUE;
  g_clear_pointer (&cache->occurrences, _dd_occurrence_set_free);
  g_clear_pointer (&cache->occurrence_patches, g_hash_table_unref);
  /* The reports judged are of the tasks of these occurrences only: after
   * a commit, those of the tasks named are judged again. */
  g_clear_pointer (&cache->reports, g_hash_table_unref);
  cache->occurrences = _dd_occurrence_set_load (store, DD_OCCURRENCE_SCOPE_LED, 0, cache->ctx.workdays,
                                                from, to, NULL, error);
  if (cache->occurrences == NULL)
    return FALSE;
  cache->occurrences_from = *from;
  cache->occurrences_to = *to;
  return TRUE;
}

/* The sums of every typed indicator over @period, in the order of
 * Context.indicators: read once per period while the cache holds (a
 * query an indicator, a thousand on the benchmark file, each period). */
GArray *
_dd_scoring_cache_typed_sums (DdScoringCache       *cache,
                              DdStore              *store,
                              const DdScorePeriod  *period,
                              GError              **error)
{
  Context *ctx = &cache->ctx;
  g_autofree char *start = dd_date_to_iso (&period->start);
  g_autofree char *end = dd_date_to_iso (&period->end);
  g_autofree char *key = g_strconcat (start, " ", end, NULL);
  g_autoptr(GArray) sums = NULL;
  g_autoptr(sqlite3_stmt) typed = NULL;
  GArray *found;
  int rc;

  if (cache->typed_sums == NULL)
    cache->typed_sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  found = g_hash_table_lookup (cache->typed_sums, key);
  if (found != NULL)
    return found;

  typed = dd_sql_prepare (store,
                          "SELECT unit_id, total (numerator), total (denominator) FROM indicator_figures "
                          "WHERE indicator_id = ?1 AND unit_id IS NOT NULL "
                          "AND period_start >= ?2 AND period_end <= ?3 GROUP BY unit_id", error);
  if (typed == NULL)
    return NULL;
  sums = g_array_new (FALSE, FALSE, sizeof (TypedSum));
  for (guint i = 0; i < ctx->indicators->len; i++)
    {
      const DdIndicatorInfo *info = g_ptr_array_index (ctx->indicators, i);

      if (info->derived)
        continue;
      sqlite3_reset (typed);
      sqlite3_bind_int64 (typed, 1, info->id);
      dd_sql_bind_text (typed, 2, start);
      dd_sql_bind_text (typed, 3, end);
      while ((rc = sqlite3_step (typed)) == SQLITE_ROW)
        {
          TypedSum sum = { i, _dd_scoring_context_unit_position (ctx, sqlite3_column_int64 (typed, 0)),
                           sqlite3_column_double (typed, 1), sqlite3_column_double (typed, 2) };

          if (sum.unit == 0)
            continue;
          sum.unit--;
          g_array_append_val (sums, sum);
        }
      if (!_dd_scoring_read_done (store, rc, error))
        return NULL;
    }
  /* A few periods are asked for at a time; not every one ever asked for. */
  if (g_hash_table_size (cache->typed_sums) >= 32)
    g_hash_table_remove_all (cache->typed_sums);
  found = g_steal_pointer (&sums);
  g_hash_table_insert (cache->typed_sums, g_steal_pointer (&key), found);
  return found;
}
