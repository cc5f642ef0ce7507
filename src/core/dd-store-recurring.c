/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store-recurring"

#include "config.h"

#include "dd-store-private.h"
#include "dondoc/dd-occurrence.h"
#include "dondoc/dd-rules.h"
#include "dondoc/dd-store-calendar.h"

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
 * The occurrences are exactly those of dd_store_list_occurrences() (same
 * expansion, same start at the plan's date, same judging), computed here for
 * every recurring task at once: three scans (tasks, reports, updates) instead
 * of three queries per task, and cached until the reference date, the
 * due-soon window or the file changes. Ad hoc (đột xuất) reports count on the
 * calendar but not here.
 */

/* How far back the latest past occurrence is looked for: a year and a bit
 * covers the longest period (a year) and its latest due-date rule. */
#define LOOK_BACK_DAYS 430

struct _DdRecurringCache
{
  guint32 as_of;
  guint32 soon;
  gint64 data_version;
  guint64 serial;
  GHashTable *status;   /* task id (gint64 *) → DdTaskStatus, only where it differs */
};

void
_dd_recurring_cache_free (DdRecurringCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->status, g_hash_table_unref);
  g_free (cache);
}

static guint32
julian_or_zero (const GDate *date)
{
  return dd_date_is_set (date) ? g_date_get_julian (date) : 0;
}

/* The latest past occurrence and the next one, per kind. */
typedef struct
{
  const DdOccurrence *latest[DD_N_OCCURRENCE_KINDS];
  DdTaskStatus status;
} Judgement;

static char *
report_key (gint64 task_id,
            int    kind,
            int    year,
            int    index)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%d:%d:%d", task_id, kind, year, index);
}

/* Judges one occurrence into @j: the latest past one of each kind decides
 * "forgotten", the first one not made within the window "due soon". */
static void
judge (Judgement          *j,
       const DdOccurrence *occ,
       const GDate        *reported,
       const GDate        *as_of,
       const GDate        *soon)
{
  DdOccurrence copy = *occ;

  dd_occurrence_judge (&copy, reported, as_of, soon);
  if (g_date_compare (&occ->due, as_of) < 0)
    {
      if ((int) occ->kind >= 0 && occ->kind < DD_N_OCCURRENCE_KINDS)
        j->latest[occ->kind] = occ;
      /* Remember the judgement of the latest of this kind only: a later one
       * of the same kind replaces it below. */
    }
  else if (copy.status == DD_STATUS_DUE_SOON && j->status == DD_STATUS_IN_PROGRESS)
    j->status = DD_STATUS_DUE_SOON;
}

typedef struct
{
  GHashTable *expansions;    /* signature → GPtrArray of DdOccurrence */
  GHashTable *reports;       /* report_key → GDate * */
  GHashTable *updates;       /* task id → GArray of GDate, in order */
  DdWorkdays *workdays;
  GDate from, to, as_of, soon;
  gint64 only_id;            /* > 0: judge this task only */
} Context;

static GPtrArray *
expansion (Context  *ctx,
           gboolean  ongoing,
           guint     periods,
           int       rule,
           int       param,
           guint     every)
{
  g_autofree char *key = ongoing ? g_strdup_printf ("u:%u", every)
                                 : g_strdup_printf ("p:%u:%d:%d", periods, rule, param);
  GPtrArray *list = g_hash_table_lookup (ctx->expansions, key);

  if (list == NULL)
    {
      list = ongoing ? dd_occurrences_expand_updates (every, ctx->workdays, &ctx->from, &ctx->to)
                     : dd_occurrences_expand (periods, (DdDueRule) rule, param, ctx->workdays,
                                              &ctx->from, &ctx->to);
      g_hash_table_insert (ctx->expansions, g_steal_pointer (&key), list);
    }
  return list;
}

/* The update of an ongoing task that falls in an occurrence's window. */
static const GDate *
update_in (GArray             *updates,
           const DdOccurrence *occ)
{
  for (guint i = 0; updates != NULL && i < updates->len; i++)
    {
      const GDate *day = &g_array_index (updates, GDate, i);

      if (g_date_compare (day, &occ->start) >= 0 && g_date_compare (day, &occ->due) <= 0)
        return day;
    }
  return NULL;
}

static DdTaskStatus
task_status (Context     *ctx,
             gint64       task_id,
             gboolean     ongoing,
             GPtrArray   *occs,
             const GDate *starts_on)
{
  Judgement j = { { NULL }, DD_STATUS_IN_PROGRESS };
  GArray *updates = ongoing ? g_hash_table_lookup (ctx->updates, &task_id) : NULL;

  for (guint i = 0; i < occs->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (occs, i);
      const GDate *reported = NULL;

      /* As dd_store_list_occurrences(): nothing is owed before the plan. */
      if (dd_date_is_set (starts_on) &&
          g_date_compare (ongoing ? &occ->start : &occ->due, starts_on) < 0)
        continue;
      if (ongoing)
        reported = update_in (updates, occ);
      else
        {
          g_autofree char *key = report_key (task_id, occ->kind, occ->year, occ->index);
          reported = g_hash_table_lookup (ctx->reports, key);
        }
      judge (&j, occ, reported, &ctx->as_of, &ctx->soon);
    }

  /* The latest past occurrence of each kind, judged on its own. */
  for (int k = 0; k < DD_N_OCCURRENCE_KINDS; k++)
    {
      const DdOccurrence *occ = j.latest[k];
      const GDate *reported = NULL;
      DdOccurrence copy;

      if (occ == NULL)
        continue;
      if (ongoing)
        reported = update_in (updates, occ);
      else
        {
          g_autofree char *key = report_key (task_id, occ->kind, occ->year, occ->index);
          reported = g_hash_table_lookup (ctx->reports, key);
        }
      copy = *occ;
      dd_occurrence_judge (&copy, reported, &ctx->as_of, &ctx->soon);
      if (copy.status == DD_STATUS_FORGOTTEN)
        return DD_STATUS_FORGOTTEN;
    }
  return j.status;
}

/* " AND t.id = ?9" when only one task is judged: a separate statement, so
 * that SQLite uses the index on the id. */
#define ONE_TASK(ctx) ((ctx)->only_id > 0 ? " AND t.id = ?9" : "")

static gboolean
load_reports (DdStore  *self,
              Context  *ctx,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  sql = g_strconcat ("SELECT r.task_id, r.kind, r.year, r.period_index, r.reported_on "
                     "FROM occurrence_reports r JOIN tasks t ON t.id = r.task_id "
                     "WHERE r.kind <> 4 AND r.reported_on IS NOT NULL AND r.year >= ?1 "
                     "AND t.deadline_kind = ?2 AND t.deleted_at IS NULL", ONE_TASK (ctx), NULL);
  stmt = dd_sql_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, g_date_get_year (&ctx->from) - 1);
  sqlite3_bind_int (stmt, 2, DD_DEADLINE_PERIODIC);
  sqlite3_bind_int64 (stmt, 9, ctx->only_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate *day = g_new (GDate, 1);

      dd_sql_column_date (stmt, 4, day);
      g_hash_table_insert (ctx->reports,
                           report_key (sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                                       sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3)),
                           day);
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
load_updates (DdStore  *self,
              Context  *ctx,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  sql = g_strconcat ("SELECT u.task_id, u.reported_on FROM progress_updates u "
                     "JOIN tasks t ON t.id = u.task_id "
                     "WHERE u.reported_on >= ?1 AND t.deadline_kind = ?2 AND t.deleted_at IS NULL",
                     ONE_TASK (ctx), " ORDER BY u.task_id, u.reported_on", NULL);
  stmt = dd_sql_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  dd_sql_bind_date (stmt, 1, &ctx->from);
  sqlite3_bind_int (stmt, 2, DD_DEADLINE_ONGOING);
  sqlite3_bind_int64 (stmt, 9, ctx->only_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GArray *days = g_hash_table_lookup (ctx->updates, &id);
      GDate day;

      dd_sql_column_date (stmt, 1, &day);
      if (!dd_date_is_set (&day))
        continue;
      if (days == NULL)
        {
          days = g_array_new (FALSE, FALSE, sizeof (GDate));
          g_hash_table_insert (ctx->updates, g_memdup2 (&id, sizeof id), days);
        }
      g_array_append_val (days, day);
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

static GHashTable *
compute (DdStore      *self,
         const GDate  *as_of,
         const GDate  *soon,
         gint64        only_id,
         GError      **error)
{
  g_autoptr(GHashTable) result = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  Context ctx = { 0 };
  gboolean ok = FALSE;
  int rc;

  ctx.workdays = dd_store_get_workdays (self, error);
  if (ctx.workdays == NULL)
    return NULL;
  ctx.only_id = only_id;
  ctx.as_of = *as_of;
  ctx.soon = dd_date_is_set (soon) ? *soon : *as_of;
  ctx.from = *as_of;
  g_date_subtract_days (&ctx.from, LOOK_BACK_DAYS);
  ctx.to = g_date_compare (&ctx.soon, as_of) > 0 ? ctx.soon : *as_of;
  ctx.expansions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  ctx.reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.updates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_array_unref);

  if (!load_reports (self, &ctx, error) || !load_updates (self, &ctx, error))
    goto out;

  sql = g_strconcat ("SELECT t.id, t.deadline_kind, t.periods, "
                     "coalesce (p.issued_on, substr (t.created_at, 1, 10)), "
                     "ifnull (s.due_rule, 0), ifnull (s.due_param, 0), "
                     "ifnull (s.update_every_months, 1) "
                     "FROM tasks t JOIN plans p ON p.id = t.plan_id "
                     "LEFT JOIN task_schedules s ON s.task_id = t.id "
                     "WHERE t.deleted_at IS NULL AND t.deadline_kind IN (?2, ?3) AND t.due_on IS NULL "
                     "AND (t.completed_on IS NULL OR t.completed_on > ?1)", ONE_TASK (&ctx), NULL);
  stmt = dd_sql_prepare (self, sql, error);
  if (stmt == NULL)
    goto out;
  dd_sql_bind_date (stmt, 1, as_of);
  sqlite3_bind_int (stmt, 2, DD_DEADLINE_ONGOING);
  sqlite3_bind_int (stmt, 3, DD_DEADLINE_PERIODIC);
  sqlite3_bind_int64 (stmt, 9, only_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean ongoing = sqlite3_column_int (stmt, 1) == DD_DEADLINE_ONGOING;
      guint every = (guint) CLAMP (sqlite3_column_int (stmt, 6), 0, 12);
      GPtrArray *occs;
      DdTaskStatus status;
      GDate starts_on;

      /* An ongoing task asked for no updates owes none. */
      if (ongoing && every == 0)
        continue;
      dd_sql_column_date (stmt, 3, &starts_on);
      occs = expansion (&ctx, ongoing, (guint) sqlite3_column_int (stmt, 2),
                        CLAMP (sqlite3_column_int (stmt, 4), 0, 2), sqlite3_column_int (stmt, 5), every);
      status = task_status (&ctx, id, ongoing, occs, &starts_on);
      if (status != DD_STATUS_IN_PROGRESS)
        g_hash_table_insert (result, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (status));
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      goto out;
    }
  ok = TRUE;

out:
  g_hash_table_unref (ctx.expansions);
  g_hash_table_unref (ctx.reports);
  g_hash_table_unref (ctx.updates);
  g_object_unref (ctx.workdays);
  return ok ? g_steal_pointer (&result) : NULL;
}

gboolean
_dd_store_prepare_recurring (DdStore      *self,
                             const GDate  *as_of,
                             const GDate  *soon,
                             GError      **error)
{
  DdRecurringCache *cache = self->recurring;
  gint64 version = dd_sql_query_int64 (self, "PRAGMA data_version", -1);
  GHashTable *status;

  g_return_val_if_fail (dd_date_is_set (as_of), FALSE);

  if (cache != NULL && cache->as_of == julian_or_zero (as_of) && cache->soon == julian_or_zero (soon) &&
      cache->data_version == version && cache->serial == self->commit_serial)
    return TRUE;

  status = compute (self, as_of, soon, 0, error);
  if (status == NULL)
    return FALSE;
  if (cache == NULL)
    cache = self->recurring = g_new0 (DdRecurringCache, 1);
  g_clear_pointer (&cache->status, g_hash_table_unref);
  cache->status = status;
  cache->as_of = julian_or_zero (as_of);
  cache->soon = julian_or_zero (soon);
  cache->data_version = version;
  cache->serial = self->commit_serial;
  return TRUE;
}

static gboolean
cache_is_for (DdRecurringCache *cache,
              const GDate      *as_of,
              const GDate      *soon)
{
  return cache != NULL && cache->as_of == julian_or_zero (as_of) && cache->soon == julian_or_zero (soon);
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
  DdTaskStatus status = dd_rules_task_status (kind, due, completed_on, as_of, soon);
  gpointer found;

  if (status != DD_STATUS_IN_PROGRESS ||
      (kind != DD_DEADLINE_ONGOING && kind != DD_DEADLINE_PERIODIC) ||
      !cache_is_for (self->recurring, as_of, soon))
    return status;
  if (g_hash_table_lookup_extended (self->recurring->status, &task_id, NULL, &found))
    return (DdTaskStatus) GPOINTER_TO_INT (found);
  return status;
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
  g_autoptr(GHashTable) one = NULL;
  gpointer found;

  if (status == DD_STATUS_IN_PROGRESS &&
      (task->deadline_kind == DD_DEADLINE_ONGOING || task->deadline_kind == DD_DEADLINE_PERIODIC))
    {
      /* The rows of a list come after the list's query prepared the cache;
       * a task read on its own is judged on its own, which is three
       * indexed reads instead of all recurring tasks. */
      if (cache_is_for (self->recurring, as_of, soon) &&
          self->recurring->data_version == dd_sql_query_int64 (self, "PRAGMA data_version", -1) &&
          self->recurring->serial == self->commit_serial)
        status = _dd_store_task_status (self, task->id, task->deadline_kind, &task->due,
                                        &task->completed_on, as_of, soon);
      else
        {
          one = compute (self, as_of, soon, task->id, error);
          if (one == NULL)
            return FALSE;
          if (g_hash_table_lookup_extended (one, &task->id, NULL, &found))
            status = (DdTaskStatus) GPOINTER_TO_INT (found);
        }
    }
  task->status = status;
  return TRUE;
}
