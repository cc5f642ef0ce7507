/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store-recurring"

#include "config.h"

#include "dd-store-private.h"
#include "dondoc/dd-occurrence.h"
#include "dondoc/dd-rules.h"

/*
 * The status of a recurring task as a whole. An ongoing ("Thường xuyên") or
 * periodic ("Định kỳ") task that is not completed has no due date of its own,
 * so the one status rule calls it "in progress"; but the plan's promise is
 * "không để xảy ra tình trạng … quên việc". Here such a task is:
 *
 *   - forgotten (quên việc) when, for any kind of its occurrences (monthly
 *     updates; quarterly, 6-month, annual reports), the latest one due before
 *     the reference date was not made;
 *   - due soon when, otherwise, an occurrence not yet made falls due within
 *     the due-soon window;
 *   - in progress otherwise.
 *
 * The occurrences are exactly those of dd_calendar_list_occurrences() (same
 * expansion, same start at the plan's date, same judging), computed for
 * every recurring task at once by dd-store-occurrences.c (three scans:
 * tasks, reports, updates, instead of three queries per task), and cached
 * here until the reference date, the due-soon window or the file changes.
 * Of a year's occurrences only those that can decide are judged, the latest
 * past one of each kind and the coming ones
 * (_dd_occurrence_set_judge_latest()), and only their updates are read.
 * Ad hoc (đột xuất) reports count on the calendar but not here.
 *
 * On a server (whose every write another desktop makes is a new snapshot
 * here, so the file's stamp is never current after it), the server's log
 * of changes (_dd_store_set_change_log()) says which tasks changed since
 * the cache was computed: only those are judged again, and nothing when
 * none changed. What it cannot tell task by task (a plan, a holiday, a
 * setting, a unit) is judged all again, as on the file.
 */

/* The tables whose changes name a task (task_id) and change at most that
 * task's status; those no status depends on. */
static const char * const task_tables[] = {
  "tasks", "task_coordinators", "task_extensions", "progress_updates", "task_schedules",
  "occurrence_reports", "task_people", "task_sources", "letters_sent", NULL,
};
static const char * const unread_tables[] = {
  "users", "dossier_figures", "indicators", "indicator_figures", "indicator_rules", NULL,
};

/* Past this many tasks changed, judging every recurring task again is
 * about as quick. */
#define MAX_TASKS_JUDGED_AGAIN 64

/* How far back the latest past occurrence is looked for: a year and a bit
 * covers the longest period (a year) and its latest due-date rule. */
#define LOOK_BACK_DAYS 430

struct _DdRecurringCache
{
  guint32 as_of;
  guint32 soon;
  DdStoreStamp stamp;   /* what the file was when it was computed */
  GArray *status;       /* Judged, only where it differs from "in progress": by task id */
  char *mark;           /* the server's change log's when it was (brought up to date), or NULL */
};

/* A task's status as a whole. The tasks come in id order: a sorted array
 * is built without an allocation per task and searched without hashing
 * (the dashboard looks up every recurring task on each count). */
typedef struct
{
  gint64 id;
  DdTaskStatus status;
} Judged;

void
_dd_recurring_cache_free (DdRecurringCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->status, g_array_unref);
  g_free (cache->mark);
  g_free (cache);
}

static guint32
julian_or_zero (const GDate *date)
{
  return dd_date_is_set (date) ? g_date_get_julian (date) : 0;
}

/* The status of one task from its occurrences, judged as of @as_of: the
 * latest past one of each kind decides "forgotten", one not made within the
 * window "due soon". */
static DdTaskStatus
task_status (GArray      *occurrences,
             const GDate *as_of)
{
  const DdOccurrence *latest[DD_N_OCCURRENCE_KINDS] = { NULL };
  DdTaskStatus status = DD_STATUS_IN_PROGRESS;

  for (guint i = 0; i < occurrences->len; i++)
    {
      const DdOccurrence *occ = &g_array_index (occurrences, DdOccurrence, i);

      if (g_date_compare (&occ->due, as_of) < 0)
        {
          /* A later one of the same kind replaces it (they are in date
           * order). */
          if ((int) occ->kind >= 0 && occ->kind < DD_N_OCCURRENCE_KINDS)
            latest[occ->kind] = occ;
        }
      else if (occ->status == DD_STATUS_DUE_SOON)
        status = DD_STATUS_DUE_SOON;
    }
  for (int k = 0; k < DD_N_OCCURRENCE_KINDS; k++)
    if (latest[k] != NULL && latest[k]->status == DD_STATUS_FORGOTTEN)
      return DD_STATUS_FORGOTTEN;
  return status;
}

/* Where @id is, or would go, in @status (from compute(), in id order). */
static guint
position (GArray *status,
          gint64  id)
{
  const Judged *judged = (const Judged *) status->data;
  guint lo = 0, hi = status->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (judged[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The status of @id in @status (from compute()), if it is there. */
static gboolean
lookup (GArray       *status,
        gint64        id,
        DdTaskStatus *out)
{
  const Judged *judged = (const Judged *) status->data;
  guint lo = position (status, id);

  if (lo < status->len && judged[lo].id == id)
    {
      *out = judged[lo].status;
      return TRUE;
    }
  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = *(const gint64 *) a, ib = *(const gint64 *) b;

  return ia < ib ? -1 : ia > ib;
}

static gboolean
cache_is_for (DdRecurringCache *cache,
              const GDate      *as_of,
              const GDate      *soon)
{
  return cache != NULL && cache->as_of == julian_or_zero (as_of) && cache->soon == julian_or_zero (soon);
}

/* The status of the recurring tasks among @ids (@n_ids, sorted; NULL:
 * all), those not in progress, in id order. */
static GArray *
compute (DdStore      *self,
         const GDate  *as_of,
         const GDate  *soon,
         const gint64 *ids,
         guint         n_ids,
         GError      **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (Judged));
  g_autoptr(DdWorkdays) workdays = NULL;
  g_autoptr(DdOccurrenceSet) set = NULL;
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));
  GDate from, to, near;

  workdays = _dd_store_read_workdays (self, error);
  if (workdays == NULL)
    return NULL;
  near = dd_date_is_set (soon) ? *soon : *as_of;
  from = *as_of;
  g_date_subtract_days (&from, LOOK_BACK_DAYS);
  to = g_date_compare (&near, as_of) > 0 ? near : *as_of;

  /* The tasks, reports and updates in four scans (dd-store-occurrences.c). */
  set = _dd_occurrence_set_load_some (self, DD_OCCURRENCE_SCOPE_OPEN, ids, n_ids, workdays, &from, &to, as_of,
                                      error);
  if (set == NULL)
    return NULL;
  for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (set); t++)
    {
      Judged judged = { _dd_occurrence_set_get_task (set, t)->id, DD_STATUS_IN_PROGRESS };

      /* Of its occurrences over the look-back, only those that can decide
       * (the latest past one of each kind, the coming ones). */
      g_array_set_size (occurrences, 0);
      _dd_occurrence_set_judge_latest (set, t, as_of, &near, occurrences);
      judged.status = task_status (occurrences, as_of);
      /* In id order, as the set's tasks. */
      if (judged.status != DD_STATUS_IN_PROGRESS)
        g_array_append_val (result, judged);
    }
  return g_steal_pointer (&result);
}

/* Puts @id's status of @one (compute() of some tasks, @id among them) in
 * @status, or takes it out (in progress, or no longer a recurring task). */
static void
patch (GArray *status,
       gint64  id,
       GArray *one)
{
  const Judged *judged = (const Judged *) status->data;
  guint lo = position (status, id);
  Judged now = { id, DD_STATUS_IN_PROGRESS };

  if (lo < status->len && judged[lo].id == id)
    g_array_remove_index (status, lo);
  if (lookup (one, id, &now.status) && now.status != DD_STATUS_IN_PROGRESS)
    g_array_insert_val (status, lo, now);
}

/* Brings @cache up to date from the server's log of changes since its
 * mark: the tasks named are judged again, together (one scan of each
 * table for all, however many saves came since). FALSE when the log
 * cannot tell, or names what every task may depend on, or too many. */
static gboolean
update_from_log (DdStore          *self,
                 DdRecurringCache *cache,
                 const GDate      *as_of,
                 const GDate      *soon)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) tasks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) named = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) judged = NULL;
  g_autofree char *mark = NULL;
  GHashTableIter iter;
  gpointer key;

  if (self->change_log == NULL || cache->mark == NULL)
    return FALSE;
  mark = self->change_log (self, cache->mark, tables, tasks, self->change_log_data);
  if (mark == NULL)
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    {
      if (g_strv_contains (unread_tables, tables->pdata[i]))
        continue;
      if (!g_strv_contains (task_tables, tables->pdata[i]) || g_array_index (tasks, gint64, i) <= 0)
        return FALSE;
      g_hash_table_add (named, &g_array_index (tasks, gint64, i));
      if (g_hash_table_size (named) > MAX_TASKS_JUDGED_AGAIN)
        return FALSE;
    }
  g_hash_table_iter_init (&iter, named);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  if (ids->len > 0)
    {
      g_array_sort (ids, compare_ids);
      judged = compute (self, as_of, soon, (const gint64 *) (gpointer) ids->data, ids->len, NULL);
      if (judged == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        patch (cache->status, g_array_index (ids, gint64, i), judged);
    }
  g_free (cache->mark);
  cache->mark = g_steal_pointer (&mark);
  return TRUE;
}

gboolean
_dd_store_prepare_recurring (DdStore      *self,
                             const GDate  *as_of,
                             const GDate  *soon,
                             GError      **error)
{
  DdRecurringCache *cache = self->recurring;
  DdStoreStamp stamp;
  GArray *status;
  char *mark = NULL;

  g_return_val_if_fail (dd_date_is_set (as_of), FALSE);

  if (cache_is_for (cache, as_of, soon) && dd_store_stamp_is_current (self, &cache->stamp))
    return TRUE;

  /* Inside a transaction the stamp is never current: what this one wrote
   * is judged, and the result is not kept beyond it. */
  if (dd_store_stamp_take (self, &stamp) && cache_is_for (cache, as_of, soon) &&
      update_from_log (self, cache, as_of, soon))
    {
      cache->stamp = stamp;
      return TRUE;
    }
  /* The server's mark of the snapshot read next (the same). */
  if (stamp.valid && self->change_log != NULL)
    mark = self->change_log (self, NULL, NULL, NULL, self->change_log_data);
  status = compute (self, as_of, soon, NULL, 0, error);
  if (status == NULL)
    {
      g_free (mark);
      return FALSE;
    }
  if (cache == NULL)
    cache = self->recurring = g_new0 (DdRecurringCache, 1);
  g_clear_pointer (&cache->status, g_array_unref);
  cache->status = status;
  g_free (cache->mark);
  cache->mark = mark;
  cache->as_of = julian_or_zero (as_of);
  cache->soon = julian_or_zero (soon);
  cache->stamp = stamp;
  return TRUE;
}

DdTaskStatus
_dd_store_task_status_days (DdStore        *self,
                            gint64          task_id,
                            DdDeadlineKind  kind,
                            guint32         due,
                            guint32         completed_on,
                            guint32         as_of,
                            guint32         soon)
{
  return _dd_store_recurring_status (self, task_id, kind,
                                     _dd_rules_task_status_days (kind, due, completed_on, as_of, soon), as_of, soon);
}

DdTaskStatus
_dd_store_recurring_status (DdStore        *self,
                            gint64          task_id,
                            DdDeadlineKind  kind,
                            DdTaskStatus    status,
                            guint32         as_of,
                            guint32         soon)
{
  DdRecurringCache *cache = self->recurring;

  if (status != DD_STATUS_IN_PROGRESS ||
      (kind != DD_DEADLINE_ONGOING && kind != DD_DEADLINE_PERIODIC) ||
      cache == NULL || cache->as_of != as_of || cache->soon != soon)
    return status;
  lookup (cache->status, task_id, &status);
  return status;
}

DdTaskStatus
_dd_store_task_status (DdStore        *self,
                       gint64          task_id,
                       DdDeadlineKind  kind,
                       const GDate    *due,
                       const GDate    *completed_on,
                       const GDate    *as_of,
                       const GDate    *soon)
{
  g_return_val_if_fail (dd_date_is_set (as_of), DD_STATUS_NO_DEADLINE);

  return _dd_store_task_status_days (self, task_id, kind, julian_or_zero (due), julian_or_zero (completed_on),
                                     g_date_get_julian (as_of), julian_or_zero (soon));
}

gboolean
_dd_store_judge_task (DdStore       *self,
                      DdTask        *task,
                      const GDate   *as_of,
                      const GDate   *soon,
                      GError       **error)
{
  DdTaskStatus status = dd_rules_task_status (task->deadline_kind, &task->due, &task->completed_on,
                                              as_of, soon);
  g_autoptr(GArray) one = NULL;

  if (status == DD_STATUS_IN_PROGRESS &&
      (task->deadline_kind == DD_DEADLINE_ONGOING || task->deadline_kind == DD_DEADLINE_PERIODIC))
    {
      /* The rows of a list come after the list's query prepared the cache;
       * a task read on its own is judged on its own, which is three
       * indexed reads instead of all recurring tasks. */
      if (cache_is_for (self->recurring, as_of, soon) &&
          dd_store_stamp_is_current (self, &self->recurring->stamp))
        status = _dd_store_task_status (self, task->id, task->deadline_kind, &task->due,
                                        &task->completed_on, as_of, soon);
      else
        {
          one = compute (self, as_of, soon, &task->id, 1, error);
          if (one == NULL)
            return FALSE;
          lookup (one, task->id, &status);
        }
    }
  task->status = status;
  return TRUE;
}

/* SQL function dd_status(kind, due, completed_on, as_of, soon_limit[, id]):
 * the one status rule of dd-rules.c, so that SQL filters and sorts by
 * exactly the status the application shows. With the task's id, an ongoing
 * or periodic task is judged by its occurrences too (forgotten, due soon),
 * as prepared by _dd_store_prepare_recurring() for that date. */
static void
sql_status (sqlite3_context *ctx,
            int              argc,
            sqlite3_value  **argv)
{
  DdStore *self = sqlite3_user_data (ctx);
  DdDeadlineKind kind = (DdDeadlineKind) sqlite3_value_int (argv[0]);
  GDate due, completed, as_of, soon;

  g_assert (argc == 5 || argc == 6);

  if (!dd_date_parse_iso ((const char *) sqlite3_value_text (argv[1]), &due))
    g_date_clear (&due, 1);
  if (!dd_date_parse_iso ((const char *) sqlite3_value_text (argv[2]), &completed))
    g_date_clear (&completed, 1);
  if (!dd_date_parse_iso ((const char *) sqlite3_value_text (argv[3]), &as_of))
    {
      sqlite3_result_error (ctx, "dd_status: invalid reference date", -1);
      return;
    }
  if (!dd_date_parse_iso ((const char *) sqlite3_value_text (argv[4]), &soon))
    g_date_clear (&soon, 1);

  if (argc == 6)
    sqlite3_result_int (ctx, _dd_store_task_status (self, sqlite3_value_int64 (argv[5]), kind,
                                                    &due, &completed, &as_of, &soon));
  else
    sqlite3_result_int (ctx, dd_rules_task_status (kind, &due, &completed, &as_of, &soon));
}

void
_dd_store_register_status_function (DdStore *self)
{
  for (int n_args = 5; n_args <= 6; n_args++)
    sqlite3_create_function_v2 (self->db, "dd_status", n_args,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                self, sql_status, NULL, NULL, NULL);
}

void
_dd_store_set_list_reader (DdStore           *self,
                           DdStoreListReader  reader,
                           gpointer           data)
{
  self->list_reader = reader;
  self->list_reader_data = data;
}

void
_dd_store_set_rows_reader (DdStore           *self,
                           DdStoreRowsReader  reader,
                           gpointer           data)
{
  self->rows_reader = reader;
  self->rows_reader_data = data;
}

DdStoreRowsReader
_dd_store_get_rows_reader (DdStore  *self,
                           gpointer *data)
{
  *data = self->rows_reader_data;
  return self->rows_reader;
}

void
_dd_store_set_figures_reader (DdStore              *self,
                              DdStoreFiguresReader  reader,
                              gpointer              data)
{
  self->figures_reader = reader;
  self->figures_reader_data = data;
}

DdStoreFiguresReader
_dd_store_get_figures_reader (DdStore  *self,
                              gpointer *data)
{
  *data = self->figures_reader_data;
  return self->figures_reader;
}

void
_dd_store_set_change_log (DdStore          *self,
                          DdStoreChangeLog  log,
                          gpointer          data)
{
  self->change_log = log;
  self->change_log_data = data;
}
