/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-export-private.h"

/*
 * What the exports read from the store: the tasks in the list's order,
 * read with one prepared statement (a 100,000-task export must not prepare
 * 200,000 statements), the indicators per unit, and the figures of the
 * report computed from the same task list as the task sheet, so that the
 * summary always adds up to the rows exported.
 */

G_DEFINE_QUARK (dd-export-error-quark, dd_export_error)

void
dd_export_options_init (DdExportOptions *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  dd_task_query_init (&self->tasks);
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  g_date_clear (&self->report_date, 1);
}

DdLanguage
_dd_export_language (const DdExportOptions *options)
{
  return g_strcmp0 (options->language, "en") == 0 ? DD_LANGUAGE_ENGLISH : DD_LANGUAGE_VIETNAMESE;
}

/* Tasks */

#define EXPORT_TEXT_COLUMNS \
  "t.id, p.number, t.number, t.title, t.lead_unit_id, lu.name, " \
  "(SELECT group_concat (name, '; ') FROM (SELECT u.name AS name FROM task_coordinators c " \
  "  JOIN units u ON u.id = c.unit_id WHERE c.task_id = t.id ORDER BY c.position)), " \
  "t.deadline_kind, t.deadline_text, t.deadline_understood, t.due_on, " \
  "(SELECT e.old_due FROM task_extensions e WHERE e.task_id = t.id ORDER BY e.id LIMIT 1), " \
  "t.product, t.directing, t.progress, t.completed_on, t.actual_product, t.note, t.plan_id"
#define EXPORT_TEXT_JOINS \
  "JOIN plans p ON p.id = t.plan_id LEFT JOIN units lu ON lu.id = t.lead_unit_id"

/* Only what the figures need: no join, no text. */
#define EXPORT_STATUS_COLUMNS "t.id, t.lead_unit_id, t.deadline_kind, t.due_on, t.completed_on, t.plan_id"

/* One row of either column list into @task (its strings point into @stmt). */
static void
read_task_row (DdStore      *store,
               sqlite3_stmt *stmt,
               gboolean      with_text,
               const GDate  *as_of,
               const GDate  *soon,
               DdExportTask *task)
{
  memset (task, 0, sizeof *task);
  if (!with_text)
    {
      task->id = sqlite3_column_int64 (stmt, 0);
      task->lead_id = sqlite3_column_int64 (stmt, 1);
      task->deadline_kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 2), 0, DD_N_DEADLINE_KINDS - 1);
      dd_sql_column_date (stmt, 3, &task->due);
      dd_sql_column_date (stmt, 4, &task->completed_on);
      task->plan_id = sqlite3_column_int64 (stmt, 5);
      g_date_clear (&task->original_due, 1);
      task->deadline_understood = TRUE;
    }
  else
    {
      task->id = sqlite3_column_int64 (stmt, 0);
      task->plan_number = dd_sql_column_text (stmt, 1);
      task->number = dd_sql_column_text (stmt, 2);
      task->title = dd_sql_column_text (stmt, 3);
      task->lead_id = sqlite3_column_int64 (stmt, 4);
      task->lead = dd_sql_column_text (stmt, 5);
      task->coordinators = dd_sql_column_text (stmt, 6);
      task->deadline_kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 7), 0, DD_N_DEADLINE_KINDS - 1);
      task->deadline_text = dd_sql_column_text (stmt, 8);
      task->deadline_understood = sqlite3_column_int (stmt, 9) != 0;
      dd_sql_column_date (stmt, 10, &task->due);
      dd_sql_column_date (stmt, 11, &task->original_due);
      task->product = dd_sql_column_text (stmt, 12);
      task->directing = dd_sql_column_text (stmt, 13);
      task->progress = (guint) CLAMP (sqlite3_column_int (stmt, 14), 0, 100);
      dd_sql_column_date (stmt, 15, &task->completed_on);
      task->actual_product = dd_sql_column_text (stmt, 16);
      task->note = dd_sql_column_text (stmt, 17);
      task->plan_id = sqlite3_column_int64 (stmt, 18);
    }
  task->status = _dd_store_task_status (store, task->id, task->deadline_kind, &task->due, &task->completed_on,
                                        as_of, soon);
}

/* The same from the text of a server's row (DdStoreRowsReader), whose
 * columns are those of the same list; the strings point into @values. */
static void
read_task_values (DdStore            *store,
                  const char * const *values,
                  gboolean            with_text,
                  const GDate        *as_of,
                  const GDate        *soon,
                  DdExportTask       *task)
{
#define INT_AT(c) (values[c] != NULL ? g_ascii_strtoll (values[c], NULL, 10) : 0)
#define DATE_AT(c, date) G_STMT_START { if (!dd_date_parse_iso (values[c], (date))) g_date_clear ((date), 1); } G_STMT_END
  memset (task, 0, sizeof *task);
  task->id = INT_AT (0);
  if (!with_text)
    {
      task->lead_id = INT_AT (1);
      task->deadline_kind = (DdDeadlineKind) CLAMP (INT_AT (2), 0, DD_N_DEADLINE_KINDS - 1);
      DATE_AT (3, &task->due);
      DATE_AT (4, &task->completed_on);
      task->plan_id = INT_AT (5);
      g_date_clear (&task->original_due, 1);
      task->deadline_understood = TRUE;
    }
  else
    {
      task->plan_number = values[1];
      task->number = values[2];
      task->title = values[3];
      task->lead_id = INT_AT (4);
      task->lead = values[5];
      task->coordinators = values[6];
      task->deadline_kind = (DdDeadlineKind) CLAMP (INT_AT (7), 0, DD_N_DEADLINE_KINDS - 1);
      task->deadline_text = values[8];
      task->deadline_understood = INT_AT (9) != 0;
      DATE_AT (10, &task->due);
      DATE_AT (11, &task->original_due);
      task->product = values[12];
      task->directing = values[13];
      task->progress = (guint) CLAMP (INT_AT (14), 0, 100);
      DATE_AT (15, &task->completed_on);
      task->actual_product = values[16];
      task->note = values[17];
      task->plan_id = INT_AT (18);
    }
#undef INT_AT
#undef DATE_AT
  task->status = _dd_store_task_status (store, task->id, task->deadline_kind, &task->due, &task->completed_on,
                                        as_of, soon);
}

/* How long one short read transaction of an export may last: a save of
 * another desktop waits for it at most about this long (a reader's shared
 * lock holds a writer's commit back in the rollback journal mode). */
#define EXPORT_READ_SLICE_US (10 * G_TIME_SPAN_MILLISECOND)

/* The same after another desktop committed since the export's previous
 * slice. Its next save, waiting at the end of the slice, commits while
 * the slice's rows are written (as long as it takes to read them): 10 ms
 * of writing seldom covers a commit's fsyncs on a loaded machine or a
 * share, and the export then waited for the rest of it at the start of
 * its next slice, once a slice. With 50 ms, a save waits at most about
 * 50 ms more than its own commit (bench-export-blocking). */
#define EXPORT_READ_SLICE_CHANGED_US (50 * G_TIME_SPAN_MILLISECOND)

/* On a server's tables (read in place, dd-pg-live.c), how many tasks'
 * rows are read at once: the rows of the next EXPORT_BATCH_IDS tasks of
 * the list come in one query per table (the task, its coordinators, its
 * extensions) instead of three queries a task, which on 100,000 tasks
 * was 300,000 round trips to the server. A few MB of rows at a time. */
#define EXPORT_BATCH_IDS 4096

guint _dd_export_slice_rows = 0;
guint _dd_export_batch_ids = 0;
gboolean _dd_export_gather_plan_counts = TRUE;
void (*_dd_export_slice_hook) (gpointer data) = NULL;
gpointer _dd_export_slice_hook_data = NULL;

/* The rows of one slice, copied out of the statement: they are written
 * after the slice's read transaction has ended. */
typedef struct
{
  GArray *tasks;          /* of DdExportTask, their strings in @strings */
  GStringChunk *strings;
} Slice;

static const char *
slice_text (Slice      *slice,
            const char *text)
{
  return text != NULL ? g_string_chunk_insert (slice->strings, text) : NULL;
}

static void
slice_add (Slice              *slice,
           const DdExportTask *task)
{
  DdExportTask copy = *task;

  copy.plan_number = slice_text (slice, task->plan_number);
  copy.number = slice_text (slice, task->number);
  copy.title = slice_text (slice, task->title);
  copy.lead = slice_text (slice, task->lead);
  copy.coordinators = slice_text (slice, task->coordinators);
  copy.deadline_text = slice_text (slice, task->deadline_text);
  copy.product = slice_text (slice, task->product);
  copy.directing = slice_text (slice, task->directing);
  copy.actual_product = slice_text (slice, task->actual_product);
  copy.note = slice_text (slice, task->note);
  g_array_append_val (slice->tasks, copy);
}

/* Reads @ids[*@next…] with @stmt (prepared by id) into @slice until they
 * are all read or the slice's time is used up; *@next: the first one not
 * read. Only SQLite's work is done here, in the read transaction: the
 * rows are written once it has ended, so that a save of another desktop
 * waiting for it commits while they are (and the export does not then
 * wait for that commit at the start of its next slice). */
static gboolean
read_ids_slice (DdStore      *store,
                sqlite3_stmt *stmt,
                GArray       *ids,
                guint        *next,
                gboolean      with_text,
                const GDate  *as_of,
                const GDate  *soon,
                gint64        slice_us,
                Slice        *slice,
                GError      **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean remote = _dd_store_has_remote_tables (store);
  guint batch = _dd_export_batch_ids > 0 ? _dd_export_batch_ids : EXPORT_BATCH_IDS;
  guint i = *next;

  for (; i < ids->len; i++)
    {
      DdExportTask task;
      int rc;

      if (_dd_export_slice_rows > 0 && i - *next >= _dd_export_slice_rows)
        break;
      /* The clock is asked every 64 rows (about 0.05 ms of reading). */
      if (i > *next && i % 64 == 0 && g_get_monotonic_time () - start > slice_us)
        break;
      if (remote && i % batch == 0)
        {
          _dd_store_set_batch_ids (store, &g_array_index (ids, gint64, i), MIN (batch, ids->len - i));
          /* Read ahead while these are formatted. */
          if (i + batch < ids->len)
            _dd_store_set_next_batch_ids (store, &g_array_index (ids, gint64, i + batch),
                                          MIN (batch, ids->len - i - batch));
        }
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;   /* deleted (or put in the bin) meanwhile by another desktop */
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return dd_sql_set_sqlite_error (store, rc, error);
        }
      read_task_row (store, stmt, with_text, as_of, soon, &task);
      slice_add (slice, &task);
    }
  sqlite3_reset (stmt);
  *next = i;
  return TRUE;
}

/* Hands the rows of @slice to @func, and empties it. */
static gboolean
write_slice (Slice             *slice,
             DdExportTaskFunc   func,
             gpointer           user_data,
             GError           **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < slice->tasks->len; i++)
    ok = func (&g_array_index (slice->tasks, DdExportTask, i), user_data, error);
  g_array_set_size (slice->tasks, 0);
  g_string_chunk_clear (slice->strings);
  return ok;
}

/* Whether another connection committed since *@version was read (in the
 * read transaction just begun; its first statement, so the one that waits
 * for the lock), and *@version now. */
static gboolean
changed_since (sqlite3_stmt *version_stmt,
               gint64       *version)
{
  gboolean changed = FALSE;

  if (version_stmt == NULL)
    return FALSE;
  if (sqlite3_step (version_stmt) == SQLITE_ROW)
    {
      gint64 now = sqlite3_column_int64 (version_stmt, 0);

      changed = *version >= 0 && now != *version;
      *version = now;
    }
  sqlite3_reset (version_stmt);
  return changed;
}

typedef struct
{
  DdStore *store;
  gboolean with_text;
  const GDate *as_of;
  const GDate *soon;
  DdExportTaskFunc func;
  gpointer user_data;
} ServerRows;

static gboolean
server_row (const char * const *values,
            gpointer            data,
            GError            **error)
{
  ServerRows *rows = data;
  DdExportTask task;

  read_task_values (rows->store, values, rows->with_text, rows->as_of, rows->soon, &task);
  return rows->func (&task, rows->user_data, error);
}

/* On a server's tables, the rows of the tasks @ids[*@next…] read by the
 * server itself (DdStoreRowsReader), a batch at a time, the next batch
 * read ahead while one is written: read through SQLite, each task's row
 * was several scans of the tables in place, about half of the export's
 * time on 100,000 tasks (issue #22). The whole export reads one snapshot
 * of the server's (dd-pg-live.c), so that it needs no slices. Stops at
 * the first batch the server cannot read so (*@next: its first task). */
static gboolean
read_ids_on_server (DdStore          *store,
                    GArray           *ids,
                    guint            *next,
                    gboolean          with_text,
                    const GDate      *as_of,
                    const GDate      *soon,
                    DdExportTaskFunc  func,
                    gpointer          user_data,
                    GError          **error)
{
  gpointer reader_data = NULL;
  DdStoreRowsReader reader = _dd_store_get_rows_reader (store, &reader_data);
  guint batch = _dd_export_batch_ids > 0 ? _dd_export_batch_ids : EXPORT_BATCH_IDS;
  ServerRows rows = { store, with_text, as_of, soon, func, user_data };

  while (reader != NULL && *next < ids->len)
    {
      guint n = MIN (batch, ids->len - *next);
      guint after = *next + n;
      int rc = reader (store, &g_array_index (ids, gint64, *next), n,
                       after < ids->len ? &g_array_index (ids, gint64, after) : NULL,
                       after < ids->len ? MIN (batch, ids->len - after) : 0,
                       with_text, server_row, &rows, reader_data, error);

      if (rc < 0)
        break;
      if (rc == 0)
        return FALSE;
      *next = after;
      if (*next < ids->len && _dd_export_slice_hook != NULL)
        _dd_export_slice_hook (_dd_export_slice_hook_data);
    }
  return TRUE;
}

/* Reads the tasks @ids with @stmt: in short read transactions, unless the
 * caller holds one, so that other desktops' saves go through between
 * them. Each slice's rows are read in one transaction and written after
 * it; a slice is longer after another desktop's commit. */
static gboolean
read_ids (DdStore          *store,
          sqlite3_stmt     *stmt,
          GArray           *ids,
          gboolean          with_text,
          const GDate      *as_of,
          const GDate      *soon,
          DdExportTaskFunc  func,
          gpointer          user_data,
          GError          **error)
{
  sqlite3 *db = _dd_store_get_db (store);
  g_autoptr(sqlite3_stmt) version_stmt = dd_sql_prepare (store, "PRAGMA data_version", NULL);
  Slice slice = { g_array_new (FALSE, FALSE, sizeof (DdExportTask)), g_string_chunk_new (64 * 1024) };
  gint64 version = -1;
  guint next = 0;
  gboolean ok = read_ids_on_server (store, ids, &next, with_text, as_of, soon, func, user_data, error);

  while (ok && next < ids->len)
    {
      gboolean began = sqlite3_get_autocommit (db)
                       && sqlite3_exec (db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
      gint64 slice_us = began && changed_since (version_stmt, &version)
                          ? EXPORT_READ_SLICE_CHANGED_US : EXPORT_READ_SLICE_US;

      ok = read_ids_slice (store, stmt, ids, &next, with_text, as_of, soon, slice_us, &slice, error);
      if (began)
        sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      ok = ok && write_slice (&slice, func, user_data, error);
      if (ok && began && next < ids->len && _dd_export_slice_hook != NULL)
        _dd_export_slice_hook (_dd_export_slice_hook_data);
    }
  _dd_store_set_batch_ids (store, NULL, 0);
  g_array_unref (slice.tasks);
  g_string_chunk_free (slice.strings);
  return ok;
}

/* The ids of @query's tasks in the list's order: one statement that reads
 * no text (60–300 ms on 100,000 tasks on a loaded machine). (transfer full) */
static GArray *
read_query_ids (DdStore            *store,
                const DdTaskQuery  *query,
                GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = _dd_store_prepare_task_query (store, query, "t.id", NULL, error);
  g_autoptr(GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static sqlite3_stmt *
prepare_by_id (DdStore   *store,
               gboolean   with_text,
               GError   **error)
{
  /* A task another desktop put in the recycle bin meanwhile is left out,
   * as one deleted for good; so is one whose plan another desktop began to
   * import again meanwhile (hidden until that import ends). */
  return dd_sql_prepare (store,
                         with_text
                           ? "SELECT " EXPORT_TEXT_COLUMNS " FROM tasks t " EXPORT_TEXT_JOINS
                             " WHERE t.id = ?1 AND t.deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("t.id")
                           : "SELECT " EXPORT_STATUS_COLUMNS " FROM tasks t WHERE t.id = ?1 AND t.deleted_at IS NULL"
                             " AND " DD_SQL_TASK_SHOWN ("t.id"),
                         error);
}

/* Outside a transaction (the workbook's export), the rows with their text
 * are read in short read transactions (EXPORT_READ_SLICE_US, or
 * EXPORT_READ_SLICE_CHANGED_US after another desktop's commit), by id in
 * the list's order, each slice's rows written after its transaction: the
 * long read (about 1.5 s on 100,000 tasks) would otherwise hold every
 * other desktop's save waiting, since a reader's shared lock holds a
 * writer's commit back in the rollback journal mode (bench-export-blocking).
 * A task changed meanwhile is read as it is when its turn comes (each row
 * in one statement: another desktop's save of it is in the row whole or
 * not at all), one deleted or put in the bin meanwhile is left out, one
 * added is not in the export: each row is one that was saved, and the
 * workbook's figures, gathered from the rows it writes, add up to them.
 * A save of several tasks may be in the export for some of them only.
 * Inside a transaction (the PDF's, whose figures are read before its
 * rows), one statement. */
gboolean
_dd_store_export_foreach_query (DdStore           *store,
                                const DdTaskQuery *query,
                                gboolean           with_text,
                                DdExportTaskFunc   func,
                                gpointer           user_data,
                                GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate soon;
  int rc;

  g_assert (DD_IS_STORE (store));
  g_assert (dd_date_is_set (&query->as_of));

  /* One statement in the list's order: the rows are read as the pages lie,
   * not looked up one id at a time. */
  _dd_store_due_soon_limit (store, &query->as_of, query->due_soon_days, &soon);
  if (!_dd_store_prepare_recurring (store, &query->as_of, &soon, error))
    return FALSE;
  if (with_text && sqlite3_get_autocommit (_dd_store_get_db (store)))
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GArray) ids = read_query_ids (store, query, error);

      if (ids == NULL)
        return FALSE;
      g_debug ("The list's %u ids read in %.1f ms", ids->len, (g_get_monotonic_time () - start) / 1000.0);
      stmt = prepare_by_id (store, with_text, error);
      return stmt != NULL && read_ids (store, stmt, ids, with_text, &query->as_of, &soon, func, user_data, error);
    }
  stmt = _dd_store_prepare_task_query (store, query,
                                       with_text ? EXPORT_TEXT_COLUMNS : EXPORT_STATUS_COLUMNS,
                                       with_text ? EXPORT_TEXT_JOINS : NULL, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdExportTask task;

      read_task_row (store, stmt, with_text, &query->as_of, &soon, &task);
      if (!func (&task, user_data, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (store, rc, error);
  return TRUE;
}

gboolean
_dd_store_export_foreach_task (DdStore          *store,
                               GArray           *ids,
                               gboolean          with_text,
                               const GDate      *as_of,
                               guint             due_soon_days,
                               DdExportTaskFunc  func,
                               gpointer          user_data,
                               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate soon;

  g_assert (DD_IS_STORE (store));
  g_assert (dd_date_is_set (as_of));

  _dd_store_due_soon_limit (store, as_of, due_soon_days, &soon);
  if (!_dd_store_prepare_recurring (store, as_of, &soon, error))
    return FALSE;
  stmt = prepare_by_id (store, with_text, error);
  return stmt != NULL && read_ids (store, stmt, ids, with_text, as_of, &soon, func, user_data, error);
}

/* The extent of the columns' text */

static gboolean
read_extent_row (const DdExportTask  *task,
                 gpointer             user_data,
                 GError             **error)
{
  /* Enough: stop the reading (not an error). */
  return _dd_extent_reader_add (user_data, task);
}

gboolean
_dd_store_export_extent (DdStore           *store,
                         const DdTaskQuery *query,
                         DdExportExtent    *out,
                         GError           **error)
{
  DdExtentReader *r = _dd_extent_reader_new (out);
  gboolean ok;

  ok = _dd_store_export_foreach_query (store, query, TRUE, read_extent_row, r, error) || out->sampled;
  _dd_extent_reader_finish (r);
  return ok;
}

/* The report's figures */

gboolean
_dd_export_rate (const guint  counts[DD_N_STATUSES],
                 double      *out_rate)
{
  DdStatsHeadline headline = { 0, };

  memcpy (headline.counts, counts, sizeof headline.counts);
  dd_stats_headline_update (&headline);
  *out_rate = headline.completion_rate;
  return headline.has_rate;
}

gboolean
_dd_export_on_time_rate (const guint  counts[DD_N_STATUSES],
                         double      *out_rate)
{
  DdStatsHeadline headline = { 0, };

  /* The same denominator as the completion rate. */
  memcpy (headline.counts, counts, sizeof headline.counts);
  dd_stats_headline_update (&headline);
  *out_rate = headline.has_rate
    ? (double) counts[DD_STATUS_DONE_ON_TIME] / (double) (headline.done + headline.late_not_done) : 0.0;
  return headline.has_rate;
}

void
_dd_export_data_add_task (DdExportData       *data,
                          const DdExportTask *task)
{
  guint *counts;

  if ((guint) task->status >= DD_N_STATUSES)
    return;
  data->headline.counts[task->status]++;

  counts = g_hash_table_lookup (data->unit_counts, &task->lead_id);
  if (counts == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = task->lead_id;
      counts = g_new0 (guint, DD_N_STATUSES);
      g_hash_table_insert (data->unit_counts, key, counts);
    }
  counts[task->status]++;

  /* By plan too, for the derived indicators (dd-export-figures.c). */
  if (data->plan_counts != NULL && task->lead_id != 0)
    {
      GHashTable *plan = g_hash_table_lookup (data->plan_counts, &task->plan_id);

      if (plan == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = task->plan_id;
          plan = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
          g_hash_table_insert (data->plan_counts, key, plan);
        }
      counts = g_hash_table_lookup (plan, &task->lead_id);
      if (counts == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = task->lead_id;
          counts = g_new0 (guint, DD_N_STATUSES);
          g_hash_table_insert (plan, key, counts);
        }
      counts[task->status]++;
    }

  if ((task->status == DD_STATUS_OVERDUE || task->status == DD_STATUS_DUE_SOON)
      && dd_date_is_set (&task->due))
    {
      DdExportAction action = { task->id, task->status, 0, task->due, NULL };
      int late = _dd_export_workdays_late (data, &task->due);

      /* In working days, as time limits run (the calendar of days off). */
      action.days = task->status == DD_STATUS_OVERDUE ? late : -late;
      g_array_append_val (data->actions, action);
    }
  else if (task->status == DD_STATUS_FORGOTTEN)
    {
      /* Its missed report's date and lateness: _dd_export_fill_forgotten(). */
      DdExportAction action = { task->id, task->status, 0, { 0, }, NULL };

      g_date_clear (&action.due, 1);
      g_array_append_val (data->actions, action);
    }
}

static gboolean
gather_task (const DdExportTask  *task,
             gpointer             user_data,
             GError             **error)
{
  _dd_export_data_add_task (user_data, task);
  return TRUE;
}

/* Overdue first, then forgotten, most days late first; then due soon, the
 * nearest first; ties in the list's order (the sort is stable on ids'
 * positions). */
static int
action_rank (DdTaskStatus status)
{
  return status == DD_STATUS_OVERDUE ? 0 : status == DD_STATUS_FORGOTTEN ? 1 : 2;
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  const DdExportAction *x = a, *y = b;

  if (x->status != y->status)
    return action_rank (x->status) - action_rank (y->status);
  if (x->status != DD_STATUS_DUE_SOON)
    return (x->days < y->days) - (x->days > y->days);
  return (x->days > y->days) - (x->days < y->days);
}

/* The plan @plan_id, or NULL with @error set. */
static DdPlan *
load_plan (DdStore  *store,
           gint64    plan_id,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate issued;
  int rc;

  /* One plan: not dd_store_list_plans(), which counts the tasks of all. */
  stmt = dd_sql_prepare (store,
                         "SELECT p.id, p.number, p.issued_on, p.title, p.issuer, p.basis, "
                         "(SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.deleted_at IS NULL AND "
                         DD_SQL_TASK_SHOWN ("t.id") "), "
                         "p.is_sample FROM plans p WHERE p.id = ?1 AND " DD_SQL_PLAN_SHOWN ("p.id"),
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   dgettext (GETTEXT_PACKAGE, "There is no plan with id %lld."), (long long) plan_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  dd_sql_column_date (stmt, 2, &issued);
  return _dd_plan_new (sqlite3_column_int64 (stmt, 0), dd_sql_column_text (stmt, 1), &issued,
                       dd_sql_column_text (stmt, 3), dd_sql_column_text (stmt, 4), dd_sql_column_text (stmt, 5),
                       (guint) sqlite3_column_int (stmt, 6), sqlite3_column_int (stmt, 7) != 0);
}

/* The date of a document's place and date line. In Vietnamese as Nghị
 * định 30/2020/NĐ-CP writes it: a leading zero for days under 10 and for
 * the months 1 and 2 ("ngày 05 tháng 02 năm 2026", "ngày 28 tháng 4 năm
 * 2026"), so that nothing can be written in before them. */
static char *
dup_document_date (DdLanguage   language,
                   const GDate *date)
{
  guint month = g_date_get_month (date);

  if (language != DD_LANGUAGE_VIETNAMESE)
    {
      int previous = _dd_document_language_push (language);
      char *text = dd_format_date_long (date);

      _dd_document_language_pop (previous);
      return text;
    }
  return g_strdup_printf ("ngày %02u tháng %0*u năm %u", (guint) g_date_get_day (date),
                          month <= 2 ? 2 : 1, month, (guint) g_date_get_year (date));
}

/* Replaces *@text by its cleaned copy (_dd_export_clean_text()). */
static void
clean_in_place (char **text)
{
  char *clean = _dd_export_dup_clean (*text);

  g_free (*text);
  *text = clean;
}

/* The name of the reporting period (Nghị định 09/2019) that runs exactly
 * from @from to @to, in the document's language, or NULL. */
static char *
dup_named_period_label (const GDate *from,
                        const GDate *to)
{
  static const struct { DdOccurrenceKind kind; int n; } kinds[] = {
    { DD_OCCURRENCE_MONTH, 12 }, { DD_OCCURRENCE_QUARTER, 4 }, { DD_OCCURRENCE_HALF_YEAR, 1 },
    { DD_OCCURRENCE_NINE_MONTHS, 1 }, { DD_OCCURRENCE_YEAR, 1 },
  };
  int year;

  if (!dd_date_is_set (from) || !dd_date_is_set (to))
    return NULL;
  year = g_date_get_year (to);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (int index = 1; index <= kinds[k].n; index++)
      {
        GDate start, end;

        dd_period_bounds (kinds[k].kind, year, index, &start, &end);
        if (g_date_compare (&start, from) == 0 && g_date_compare (&end, to) == 0)
          return dd_period_dup_label (kinds[k].kind, year, index, DD_PERIOD_LABEL_FIRST_HALF);
      }
  return NULL;
}

/* Every string of the report's header, as documents can carry them. */
static void
clean_header (DdExportData *data)
{
  char **fields[] = { &data->font_name, &data->period_label, &data->place, &data->issuer,
                      &data->issuer_superior, &data->issuer_body, &data->number_line, &data->kind,
                      &data->signer_position, &data->signer_name, &data->title, &data->subtitle,
                      &data->date_line };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    clean_in_place (fields[i]);
  data->options.font_name = data->font_name;
}

DdExportData *
_dd_export_data_prepare (DdStore               *store,
                         const DdExportOptions *options,
                         GError               **error)
{
  g_autoptr(DdExportData) data = g_new0 (DdExportData, 1);
  g_autoptr(DdPlan) plan = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *long_date = NULL;
  GDate report_date;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (dd_date_is_set (&options->tasks.as_of), NULL);

  data->options = *options;
  data->language = _dd_export_language (options);
  data->options.language = NULL;
  data->text = g_strdup (options->tasks.text);
  data->options.tasks.text = data->text;
  data->font_name = g_strdup (options->font_name != NULL && *options->font_name != '\0'
                                ? options->font_name : DD_EXPORT_DEFAULT_FONT);
  data->options.font_name = data->font_name;
  if (data->options.font_size <= 0)
    data->options.font_size = DD_EXPORT_DEFAULT_FONT_SIZE;
  data->options.font_size = CLAMP (data->options.font_size, 6.0, 72.0);
  data->units = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_stats_unit_free);
  data->actions = g_array_new (FALSE, FALSE, sizeof (DdExportAction));
  data->unit_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  /* The rows are every task of their plans: their counts by plan serve
   * the derived indicators, instead of a query a plan (on a server, 500
   * plans' queries were a fifth of the export of 100,000 tasks). */
  if (_dd_export_gather_plan_counts && data->options.tasks.unit_id <= 0 && data->options.tasks.status < 0
      && (data->text == NULL || *data->text == '\0') && !data->options.tasks.six_clear_incomplete)
    data->plan_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_hash_table_unref);
  data->late_days = g_hash_table_new (NULL, NULL);
  data->days_back = g_array_new (FALSE, FALSE, sizeof (int));
  data->days_ahead = g_array_new (FALSE, FALSE, sizeof (int));
  data->strings = g_string_chunk_new (256);

  /* The plan, for the title and the header. */
  if (options->tasks.plan_id > 0)
    {
      plan = load_plan (store, options->tasks.plan_id, error);
      if (plan == NULL)
        return NULL;
    }
  data->all_plans = plan == NULL;

  data->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) _dd_export_indicator_free);
  data->workdays = _dd_store_read_workdays (store, error);
  if (data->workdays == NULL)
    return NULL;

  /* Texts of the header. */
  if (!_dd_export_data_fill_form (data, store, plan, options, error))
    return NULL;

  as_of_text = dd_format_date (&options->tasks.as_of);
  if (plan != NULL)
    /* Translators: the title of the meeting report, under "REPORT"; %s: the plan's number, then the
     * reference date. */
    data->title = g_strdup_printf (_("Implementation of Plan No. %s — as of %s"),
                                   dd_plan_get_number (plan), as_of_text);
  else
    data->title = g_strdup_printf (_("Implementation of the plans — as of %s"), as_of_text);
  data->subtitle = plan != NULL ? g_strdup (dd_plan_get_title (plan)) : NULL;

  /* A named period is named in the document's language, whatever
   * language the caller's label was made in. */
  if ((data->period_label = dup_named_period_label (&options->from, &options->to)) != NULL)
    ;
  else if (options->period_label != NULL && *options->period_label != '\0')
    data->period_label = g_strdup (options->period_label);
  else if (dd_date_is_set (&options->from) || dd_date_is_set (&options->to))
    {
      g_autofree char *f = dd_date_is_set (&options->from) ? dd_format_date (&options->from) : g_strdup ("…");
      g_autofree char *t = dd_date_is_set (&options->to) ? dd_format_date (&options->to) : g_strdup ("…");

      /* Translators: a reporting period, "from 15/03/2026 to 14/06/2026". */
      data->period_label = g_strdup_printf (_("from %s to %s"), f, t);
    }

  report_date = dd_date_is_set (&options->report_date) ? options->report_date : options->tasks.as_of;
  long_date = dup_document_date (data->language, &report_date);
  if (data->place != NULL)
    /* Translators: the place and date line of a document: "Nghệ An, ngày 25 tháng 11 năm 2026". */
    data->date_line = g_strdup_printf (_("%s, %s"), data->place, long_date);
  else
    data->date_line = g_strdup (long_date);
  clean_header (data);

  return g_steal_pointer (&data);
}

gboolean
_dd_export_data_finish (DdExportData  *data,
                        DdStore       *store,
                        GError       **error)
{
  GHashTable *units = data->unit_counts;
  gboolean began, ok;

  dd_stats_headline_update (&data->headline);
  /* Each part in a read transaction of its own, when the caller holds none
   * (the workbook's export): a save of another desktop waits for one part
   * at most. (In none at all, each of their many small reads would take
   * the lock and, after any other desktop's save, read the file again.) */
  began = _dd_export_read_begin (store);
  ok = _dd_export_fill_forgotten (data, store, error);
  _dd_export_read_end (store, began);
  if (!ok)
    return FALSE;
  g_array_sort (data->actions, compare_actions);
  if (!_dd_export_data_fill_scope (data, store, FALSE, error))
    return FALSE;
  /* The indicators each in a read transaction of its own, the scorecards
   * in one (dd-export-figures.c). */
  if (!_dd_export_data_fill_indicators (data, store, error))
    return FALSE;

  /* Units in Vietnamese order (the store's order), the tasks without a lead
   * last. Only their names: the counts are those gathered above. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    guint *counts;
    int rc;

    stmt = dd_sql_prepare (store, "SELECT u.id, u.name FROM units u ORDER BY u.sort_key, u.id", error);
    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        DdStatsUnit *row;

        counts = g_hash_table_lookup (units, &id);
        if (counts == NULL)
          continue;
        row = g_new0 (DdStatsUnit, 1);
        row->unit_id = id;
        row->name = _dd_export_dup_clean (dd_sql_column_text (stmt, 1));
        for (int s = 0; s < DD_N_STATUSES; s++)
          {
            row->counts[s] = counts[s];
            row->total += counts[s];
          }
        g_ptr_array_add (data->units, row);
      }
    if (rc != SQLITE_DONE)
      {
        dd_sql_set_sqlite_error (store, rc, error);
        return FALSE;
      }
    counts = g_hash_table_lookup (units, &(gint64) { 0 });
    if (counts != NULL)
      {
        DdStatsUnit *row = g_new0 (DdStatsUnit, 1);

        for (int s = 0; s < DD_N_STATUSES; s++)
          {
            row->counts[s] = counts[s];
            row->total += counts[s];
          }
        g_ptr_array_add (data->units, row);
      }
  }

  return TRUE;
}

DdExportData *
_dd_export_data_new (DdStore               *store,
                     const DdExportOptions *options,
                     GError               **error)
{
  gboolean began = _dd_export_read_begin (store);
  g_autoptr(DdExportData) data = _dd_export_data_prepare (store, options, error);

  /* The header's texts in one read transaction; then, when the caller
   * holds none (the report's export), the rows in short ones and the
   * figures each part in one of its own, as the workbook's. */
  _dd_export_read_end (store, began);
  if (data == NULL)
    return NULL;
  /* The tasks, once: the counts, the units and the list for action. */
  if (!_dd_store_export_foreach_query (store, &data->options.tasks, FALSE, gather_task, data, error)
      || !_dd_export_data_finish (data, store, error))
    return NULL;
  return g_steal_pointer (&data);
}

void
_dd_export_data_free (DdExportData *data)
{
  if (data == NULL)
    return;
  g_free (data->font_name);
  g_free (data->period_label);
  g_free (data->place);
  g_free (data->issuer);
  g_free (data->issuer_superior);
  g_free (data->issuer_body);
  g_free (data->number_line);
  g_free (data->kind);
  g_free (data->signer_position);
  g_free (data->signer_name);
  g_free (data->scope_line);
  g_free (data->title);
  g_free (data->subtitle);
  g_free (data->date_line);
  g_free (data->text);
  g_clear_pointer (&data->unit_counts, g_hash_table_unref);
  g_clear_pointer (&data->plan_counts, g_hash_table_unref);
  g_clear_pointer (&data->units, g_ptr_array_unref);
  g_clear_pointer (&data->actions, g_array_unref);
  g_clear_pointer (&data->indicators, g_ptr_array_unref);
  g_clear_object (&data->workdays);
  g_clear_pointer (&data->late_days, g_hash_table_unref);
  g_clear_pointer (&data->days_back, g_array_unref);
  g_clear_pointer (&data->days_ahead, g_array_unref);
  g_clear_pointer (&data->strings, g_string_chunk_free);
  g_free (data);
}

static guint
unit_late (const DdStatsUnit *unit)
{
  return unit->counts[DD_STATUS_OVERDUE] + unit->counts[DD_STATUS_FORGOTTEN];
}

static int
compare_lateness (gconstpointer a,
                  gconstpointer b)
{
  const DdStatsUnit *x = *(DdStatsUnit * const *) a;
  const DdStatsUnit *y = *(DdStatsUnit * const *) b;

  if (unit_late (x) != unit_late (y))
    return unit_late (x) > unit_late (y) ? -1 : 1;
  if (x->counts[DD_STATUS_DONE_LATE] != y->counts[DD_STATUS_DONE_LATE])
    return x->counts[DD_STATUS_DONE_LATE] > y->counts[DD_STATUS_DONE_LATE] ? -1 : 1;
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return 0;
}

GPtrArray *
_dd_export_chart_units (const DdExportData *data)
{
  /* Not g_ptr_array_copy(): the copy would free the units with it. */
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (data->units->len);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_stats_unit_free);
  DdStatsUnit *rest = NULL;
  guint n_rest = 0;

  for (guint i = 0; i < data->units->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (data->units, i));
  g_ptr_array_sort (sorted, compare_lateness);
  for (guint i = 0; i < sorted->len; i++)
    {
      const DdStatsUnit *unit = g_ptr_array_index (sorted, i);

      if (i < DD_EXPORT_CHART_UNITS || sorted->len == DD_EXPORT_CHART_UNITS + 1)
        {
          DdStatsUnit *copy = dd_stats_unit_copy (unit);

          if (copy->name == NULL)
            copy->name = g_strdup (_("No lead unit"));
          g_ptr_array_add (out, copy);
          continue;
        }
      if (rest == NULL)
        {
          rest = g_new0 (DdStatsUnit, 1);
          rest->unit_id = -1;
        }
      for (int s = 0; s < DD_N_STATUSES; s++)
        rest->counts[s] += unit->counts[s];
      rest->total += unit->total;
      n_rest++;
    }
  if (rest != NULL)
    {
      rest->name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other unit", "%u other units", n_rest), n_rest);
      g_ptr_array_add (out, rest);
    }
  return out;
}

/* Reading */

gboolean
_dd_export_read_begin (DdStore *store)
{
  sqlite3 *db = _dd_store_get_db (store);

  if (!sqlite3_get_autocommit (db))
    return FALSE;
  return sqlite3_exec (db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
}

void
_dd_export_read_end (DdStore  *store,
                     gboolean  began)
{
  if (began)
    sqlite3_exec (_dd_store_get_db (store), "COMMIT", NULL, NULL, NULL);
}

/* Files */

char *
_dd_export_temp_path (const char  *path,
                      GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = NULL;
  int fd;

  /* Those of an export of this file that was killed. */
  tmpl = g_strdup_printf (".%s.", base);
  _dd_remove_stale_parts (dir, tmpl);
  g_free (tmpl);
  tmpl = g_strdup_printf ("%s%c.%s.XXXXXX.part", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmpl, O_RDWR, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE,
                   dgettext (GETTEXT_PACKAGE, "Cannot write “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

gboolean
_dd_export_commit (const char  *tmp,
                   const char  *path,
                   GError     **error)
{
  /* On the disk before it takes the name: a crash never leaves the old
   * file replaced by an empty one. */
  if (!_dd_fsync_path (tmp) || g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp);
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE,
                   dgettext (GETTEXT_PACKAGE, "Cannot write “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Periods */

static gboolean
parse_int (const char *text,
           int         min,
           int         max,
           int        *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &value, NULL))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

/* "DATE..DATE", @sep pointing at the "..": both days included. */
static gboolean
parse_range (const char  *t,
             const char  *sep,
             GDate       *out_from,
             GDate       *out_to,
             char       **out_label)
{
  g_autofree char *a = g_strndup (t, (gsize) (sep - t));
  GDate from, to;

  if (!dd_date_parse_any (g_strstrip (a), &from) || !dd_date_parse_any (sep + 2, &to)
      || g_date_compare (&from, &to) > 0)
    return FALSE;
  *out_from = from;
  *out_to = to;
  if (out_label != NULL)
    {
      g_autofree char *f = dd_format_date (&from);
      g_autofree char *e = dd_format_date (&to);

      *out_label = g_strdup_printf (_("from %s to %s"), f, e);
    }
  return TRUE;
}

/* "Q2/2026", "2026-Q2", "H1/2026", "2026-05", "5/2026", "2026" (in upper
 * case): the kind of period, its year and its index in the year. */
static gboolean
parse_named_period (const char       *t,
                    DdOccurrenceKind *out_kind,
                    int              *out_year,
                    int              *out_index)
{
  g_auto(GStrv) parts = g_strsplit_set (t, "/-", 2);
  const char *a, *b;

  if (parts[0] == NULL)
    return FALSE;
  if (parts[1] == NULL)
    {
      *out_kind = DD_OCCURRENCE_YEAR;
      *out_index = 1;
      return parse_int (parts[0], 1900, 9999, out_year);
    }

  a = parts[0];
  b = parts[1];
  /* The year may come first or last. */
  if (strlen (a) == 4 && g_ascii_isdigit (a[0]))
    {
      const char *tmp = a;
      a = b;
      b = tmp;
    }
  if (!parse_int (b, 1900, 9999, out_year))
    return FALSE;
  if (a[0] == 'Q')
    {
      *out_kind = DD_OCCURRENCE_QUARTER;
      return parse_int (a + 1, 1, 4, out_index);
    }
  if (a[0] == 'H')
    {
      *out_kind = DD_OCCURRENCE_HALF_YEAR;
      *out_index = 1;
      return g_str_equal (a + 1, "1");
    }
  /* The decree's 9-month report: "9M/2026" or "2026-9M". */
  if (g_str_equal (a, "9M"))
    {
      *out_kind = DD_OCCURRENCE_NINE_MONTHS;
      *out_index = 1;
      return TRUE;
    }
  *out_kind = DD_OCCURRENCE_MONTH;
  return parse_int (a, 1, 12, out_index);
}

gboolean
dd_export_parse_period (const char  *text,
                        GDate       *out_from,
                        GDate       *out_to,
                        char       **out_label,
                        GError     **error)
{
  g_autofree char *t = NULL;
  const char *sep;
  int year = 0, index = 0;
  DdOccurrenceKind kind = DD_OCCURRENCE_YEAR;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_from != NULL && out_to != NULL, FALSE);

  g_date_clear (out_from, 1);
  g_date_clear (out_to, 1);
  t = g_strstrip (g_ascii_strup (text, -1));

  if ((sep = strstr (t, "..")) != NULL)
    {
      if (parse_range (t, sep, out_from, out_to, out_label))
        return TRUE;
    }
  else if (parse_named_period (t, &kind, &year, &index))
    {
      dd_period_bounds (kind, year, index, out_from, out_to);
      if (out_label != NULL)
        *out_label = dd_period_dup_label (kind, year, index, DD_PERIOD_LABEL_FIRST_HALF);
      return TRUE;
    }

  g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_INVALID,
               dgettext (GETTEXT_PACKAGE, "Cannot read the period “%s”: write 2026, Q2/2026, H1/2026, 9M/2026, 5/2026 or DATE..DATE."),
               text);
  return FALSE;
}
