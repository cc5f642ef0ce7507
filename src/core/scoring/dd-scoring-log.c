/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scoring-log"

#include "config.h"

#include <string.h>

#include "dd-scoring-cache-private.h"

/*
 * What the audit log says changed since the entry the scoring cache was
 * read after (dd-scoring-cache-private.h), for the cache to be brought up
 * to date after a commit of this connection or another desktop. Every write of the
 * application's tables goes through the log's triggers in the same
 * transaction (0003-shared.sql, 0012-audit-untrusted.sql), the entries of
 * a task's rows with its task_id; so the tasks named there are the only
 * ones whose rows may differ. What the log cannot tell task by task (a
 * unit, a plan, a setting, a holiday, an indicator or its rules), an
 * import under way (its history may be taken back, entries and all), a
 * schema change or another file in the place of this one: read again.
 */

/* Past this many tasks named, reading every row again is as quick. */
#define MAX_TASKS_REFRESHED 5000

/* The tables whose entries name a task (task_id) and change only what the
 * cache keeps of that task: its row, coordinators, due date as extended,
 * words, occurrences and reports. */
static const char * const task_tables[] = {
  "tasks", "task_coordinators", "task_extensions", "progress_updates", "task_schedules",
  "occurrence_reports", "task_people", "task_sources",
};

/* Those of a task's occurrences and reports: read the occurrences again. */
static const char * const occurrence_tables[] = { "task_schedules", "occurrence_reports" };

/* Tables the cache does not keep anything of: the dossier figures are read
 * at each call; who may write and the letters sent change no score. */
static const char * const unread_tables[] = { "dossier_figures", "users", "letters_sent" };

static gboolean
name_in (const char         *name,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_strcmp0 (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
_dd_scoring_read_log_mark (DdStore  *store,
                           gint64   *out_id,
                           char    **out_at,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store, "SELECT id, at FROM audit_log ORDER BY id DESC LIMIT 1",
                                                 error);
  int rc;

  *out_id = 0;
  *out_at = NULL;
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      *out_at = g_strdup (dd_sql_column_text (stmt, 1));
      rc = sqlite3_step (stmt);
    }
  return _dd_scoring_read_done (store, rc, error);
}

gboolean
_dd_scoring_import_pending (DdStore   *store,
                            gboolean  *out_pending,
                            GError   **error)
{
  /* MARKER_PREFIX of dd-store-import-undo.c; a range on the key's index. */
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store,
                                                 "SELECT 1 FROM settings WHERE key >= 'import_pending.' "
                                                 "AND key < 'import_pending/' LIMIT 1", error);
  int rc;

  *out_pending = FALSE;
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_pending = TRUE;
      rc = sqlite3_step (stmt);
    }
  return _dd_scoring_read_done (store, rc, error);
}

gboolean
_dd_scoring_cache_take_mark (DdScoringCache  *cache,
                             DdStore         *store,
                             GError         **error)
{
  gboolean pending;

  g_clear_pointer (&cache->mark_at, g_free);
  cache->mark = 0;
  cache->schema_version = dd_sql_query_int64 (store, "PRAGMA schema_version", -1);
  if (!_dd_scoring_import_pending (store, &pending, error) ||
      !_dd_scoring_read_log_mark (store, &cache->mark, &cache->mark_at, error))
    return FALSE;
  /* Read whole next time. */
  if (pending || cache->schema_version < 0)
    {
      cache->mark = 0;
      g_clear_pointer (&cache->mark_at, g_free);
    }
  return TRUE;
}

/* Whether the log still holds the entry @cache was read after, as it was
 * (else the file is another one: a backup put back), and the schema is the
 * one it was read with. */
static gboolean
mark_holds (DdStore         *store,
            DdScoringCache  *cache,
            gboolean        *out_holds,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_holds = FALSE;
  if (cache->mark <= 0 || cache->mark_at == NULL ||
      dd_sql_query_int64 (store, "PRAGMA schema_version", -1) != cache->schema_version)
    return TRUE;
  stmt = dd_sql_prepare (store, "SELECT at FROM audit_log WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cache->mark);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_holds = g_strcmp0 (dd_sql_column_text (stmt, 0), cache->mark_at) == 0;
      rc = sqlite3_step (stmt);
    }
  return _dd_scoring_read_done (store, rc, error);
}

/* What the log's entries in (@from, @to] say changed: the tasks named
 * into @tasks (a set of gint64). */
typedef struct
{
  GHashTable *tasks;
  gboolean occurrences;
  gboolean figures;
  gboolean unknown;             /* something the log cannot describe task by task */
} Changes;

static gboolean
read_changes (DdStore  *store,
              gint64    from,
              gint64    to,
              Changes  *changes,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store,
                                                 "SELECT table_name, task_id FROM audit_log "
                                                 "WHERE id > ?1 AND id <= ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *table = dd_sql_column_text (stmt, 0);
      gint64 task_id = sqlite3_column_int64 (stmt, 1);

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL && name_in (table, task_tables, G_N_ELEMENTS (task_tables)))
        {
          g_hash_table_add (changes->tasks, g_memdup2 (&task_id, sizeof task_id));
          changes->occurrences |= name_in (table, occurrence_tables, G_N_ELEMENTS (occurrence_tables));
        }
      else if (g_strcmp0 (table, "indicator_figures") == 0)
        changes->figures = TRUE;
      else if (!name_in (table, unread_tables, G_N_ELEMENTS (unread_tables)))
        changes->unknown = TRUE;
      if (changes->unknown || g_hash_table_size (changes->tasks) > MAX_TASKS_REFRESHED)
        {
          changes->unknown = TRUE;
          return TRUE;
        }
    }
  return _dd_scoring_read_done (store, rc, error);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Whether one of @ids (a set of gint64) has occurrences kept, in the set
 * read for all or read again alone. */
static gboolean
occurrences_name_one_of (DdScoringCache *cache,
                         GHashTable     *ids)
{
  DdOccurrenceSet *set = cache->occurrences;
  GHashTableIter iter;
  gpointer key, value;

  if (set == NULL)
    return FALSE;
  for (guint i = 0; i < _dd_occurrence_set_get_n_tasks (set); i++)
    if (g_hash_table_contains (ids, &_dd_occurrence_set_get_task (set, i)->id))
      return TRUE;
  if (cache->occurrence_patches == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, cache->occurrence_patches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL && g_hash_table_contains (ids, key))
      return TRUE;
  return FALSE;
}

void
_dd_scoring_changes_clear (DdScoringChanges *changes)
{
  g_clear_pointer (&changes->tasks, g_array_unref);
  g_clear_pointer (&changes->mark_at, g_free);
}

gboolean
_dd_scoring_log_changes (DdStore           *store,
                         DdScoringCache    *cache,
                         DdScoringChanges  *out,
                         GError           **error)
{
  g_autoptr(GHashTable) tasks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Changes changes = { tasks, FALSE, FALSE, FALSE };
  GHashTableIter iter;
  gpointer key;
  gboolean holds, pending;

  memset (out, 0, sizeof *out);
  if (!mark_holds (store, cache, &holds, error) || !holds)
    return error == NULL || *error == NULL;
  /* Taken before the rows are read: what is committed meanwhile is read
   * again next time (reading a task's row again is reading it as it is). */
  if (!_dd_scoring_import_pending (store, &pending, error) ||
      !_dd_scoring_read_log_mark (store, &out->mark, &out->mark_at, error))
    return FALSE;
  if (pending || out->mark < cache->mark)
    return TRUE;
  if (!read_changes (store, cache->mark, out->mark, &changes, error))
    return FALSE;
  if (changes.unknown)
    return TRUE;

  out->tasks = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (tasks));
  g_hash_table_iter_init (&iter, tasks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_vals (out->tasks, key, 1);
  g_array_sort (out->tasks, compare_ids);
  /* The tasks that had occurrences, before their rows are read again. */
  out->occurrences = changes.occurrences || occurrences_name_one_of (cache, tasks);
  out->figures = changes.figures;
  out->described = TRUE;
  return TRUE;
}
