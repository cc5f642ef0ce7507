/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dd-store-reports-private.h"
#include "dd-occurrence-private.h"

/*
 * The occurrences of many tasks at once: what dd_calendar_list_occurrences()
 * gives for one task (dd-calendar.c), for every task the calendar,
 * the scorecards or the recurring status (dd-store-recurring.c) look at.
 *
 * One task at a time costs a handful of queries per task, and there are
 * tens of thousands of ongoing and periodic tasks in a province's file.
 * Here the tasks (from the covering index tasks_recurring), their
 * schedules, the reports of the periodic ones, the updates of the ongoing
 * ones (by day, progress_updates_day) and the ad hoc reports are read in
 * one scan each and matched to the tasks by id. Most tasks share a handful
 * of schedules, so an expansion is computed once per schedule and range.
 * The occurrences of one task are then judged in memory, as
 * dd_calendar_list_occurrences() judges them; "/occurrence/bulk" in
 * tests/core/test-occurrence.c checks that they are the same.
 */

typedef struct
{
  int kind;
  int year;
  int index;
  GDate reported_on;
} Report;

typedef struct
{
  int id;
  char *title;
  GDate due;
  GDate reported_on;
} AdHoc;

/* One schedule expanded over one range, its occurrences chosen by their due
 * date or (@by_period) by their period's last day. */
typedef struct
{
  gboolean ongoing;
  gboolean by_period;
  guint periods;
  int rule;
  int param;
  guint every;
  guint32 from, to;
  GPtrArray *occurrences;   /* DdOccurrence, sorted by due date */
  /* The first occurrence due on or after split_as_of, and the kinds
   * (bits) due before it: see expansion_split(). */
  guint32 split_as_of;
  guint split;
  guint past_kinds;
} Expansion;

struct _DdOccurrenceSet
{
  DdOccurrenceScope scope;
  GDate as_of;              /* DD_OCCURRENCE_SCOPE_OPEN only */
  GArray *tasks;            /* DdOccurrenceTask, by id */
  DdWorkdays *workdays;
  GDate from, to;
  GArray *reports;          /* Report */
  GArray *updates;          /* GDate */
  GArray *ad_hoc;           /* AdHoc */
  GPtrArray *expansions;    /* Expansion */
  GStringChunk *strings;    /* the tasks' titles and lead units' names */
  DdTaskSchedule fallback;  /* the office-wide default schedule */
};

static void
expansion_free (Expansion *e)
{
  g_ptr_array_unref (e->occurrences);
  g_free (e);
}

static void
ad_hoc_clear (AdHoc *a)
{
  g_free (a->title);
}

void
_dd_occurrence_set_free (DdOccurrenceSet *set)
{
  if (set == NULL)
    return;
  g_clear_pointer (&set->tasks, g_array_unref);
  g_clear_object (&set->workdays);
  g_clear_pointer (&set->reports, g_array_unref);
  g_clear_pointer (&set->updates, g_array_unref);
  g_clear_pointer (&set->ad_hoc, g_array_unref);
  g_clear_pointer (&set->expansions, g_ptr_array_unref);
  g_clear_pointer (&set->strings, g_string_chunk_free);
  g_free (set);
}

/* The expansion of one schedule over [from, to], computed once. */
static Expansion *
expansion_find_by (DdOccurrenceSet *set,
                   gboolean         ongoing,
                   guint            periods,
                   int              rule,
                   int              param,
                   guint            every,
                   const GDate     *from,
                   const GDate     *to,
                   gboolean         by_period)
{
  guint32 from_j = g_date_get_julian (from);
  guint32 to_j = g_date_get_julian (to);
  Expansion *e;

  /* A handful of schedules: a linear search beats hashing a key. */
  for (guint i = 0; i < set->expansions->len; i++)
    {
      e = g_ptr_array_index (set->expansions, i);
      if (e->ongoing == ongoing && e->by_period == by_period && e->from == from_j && e->to == to_j &&
          (ongoing ? e->every == every : (e->periods == periods && e->rule == rule && e->param == param)))
        return e;
    }
  e = g_new0 (Expansion, 1);
  e->ongoing = ongoing;
  e->by_period = by_period;
  e->periods = periods;
  e->rule = rule;
  e->param = param;
  e->every = every;
  e->from = from_j;
  e->to = to_j;
  e->occurrences = ongoing ? _dd_occurrences_expand_updates_by (every, set->workdays, from, to, by_period)
                           : _dd_occurrences_expand_by (periods, (DdDueRule) rule, param, set->workdays, from, to,
                                                        by_period);
  /* Julian days from now on: every comparison below is then one integer's. */
  for (guint i = 0; i < e->occurrences->len; i++)
    {
      DdOccurrence *occ = g_ptr_array_index (e->occurrences, i);

      (void) g_date_get_julian (&occ->start);
      (void) g_date_get_julian (&occ->due);
    }
  g_ptr_array_add (set->expansions, e);
  return e;
}

/* The expansion by due date (the calendar's, the recurring status'). */
static Expansion *
expansion_find (DdOccurrenceSet *set,
                gboolean         ongoing,
                guint            periods,
                int              rule,
                int              param,
                guint            every,
                const GDate     *from,
                const GDate     *to)
{
  return expansion_find_by (set, ongoing, periods, rule, param, every, from, to, FALSE);
}

/* The index of @e's first occurrence due on or after @as_of (a Julian day),
 * found once for all the tasks sharing the schedule; e->past_kinds is then
 * the set of the kinds due before it. */
static guint
expansion_split (Expansion *e,
                 guint32    as_of)
{
  guint lo = 0, hi = e->occurrences->len;

  if (e->split_as_of == as_of && as_of != 0)
    return e->split;
  /* Sorted by due date. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const DdOccurrence *occ = g_ptr_array_index (e->occurrences, mid);

      if (g_date_get_julian (&occ->due) < as_of)
        lo = mid + 1;
      else
        hi = mid;
    }
  e->split = lo;
  e->split_as_of = as_of;
  e->past_kinds = 0;
  for (guint j = 0; j < lo; j++)
    e->past_kinds |= 1u << ((const DdOccurrence *) g_ptr_array_index (e->occurrences, j))->kind;
  return lo;
}

/* The task of @set with id @id, at or after *@cursor (rows come in task
 * order, so the search goes on from where the last one stopped). */
static DdOccurrenceTask *
task_at (DdOccurrenceSet *set,
         gint64           id,
         guint           *cursor)
{
  while (*cursor < set->tasks->len && g_array_index (set->tasks, DdOccurrenceTask, *cursor).id < id)
    (*cursor)++;
  if (*cursor < set->tasks->len && g_array_index (set->tasks, DdOccurrenceTask, *cursor).id == id)
    return &g_array_index (set->tasks, DdOccurrenceTask, *cursor);
  return NULL;
}

static int
compare_task_ids (gconstpointer a,
                  gconstpointer b)
{
  gint64 ia = ((const DdOccurrenceTask *) a)->id;
  gint64 ib = ((const DdOccurrenceTask *) b)->id;

  return ia < ib ? -1 : ia > ib;
}

/* The tasks' own columns only, from the covering index tasks_recurring
 * (0006-occurrences.sql): joining the plan, the schedule and the lead unit
 * row by row would cost three lookups a task; the few plans and units are
 * read beside (plans_and_units()) and the schedules in their own scan. */
#define TASK_COLUMNS \
  "t.id, t.lead_unit_id, t.deadline_kind, t.periods, t.completed_on, t.plan_id, t.created_at"

/* The rows of some tasks only: parameter 9 is their ids as a JSON array
 * (_dd_occurrence_set_load_some()). One statement for all of them, so
 * that a refresh judging again the tasks changed since the last asks a
 * server once per table, not once per task and table; SQLite uses the
 * index on the id either way. */
#define ONLY_TASKS "task_id IN (SELECT value FROM json_each (?9))"

/* A task's own rules (task_schedules), as dd_calendar_get_task_schedule() reads them. */
typedef struct
{
  gint64 task_id;
  int due_rule;
  int due_param;
  guint every;
  guint periods;            /* 0: those of the task's text */
} Schedule;

/* What a task takes from its plan and its lead unit; for the calendar,
 * what tells whether it has anything due in the range. */
typedef struct
{
  GHashTable *plans;        /* plan id → GDate *: the plan's date; an unset date for none */
  GHashTable *units;        /* unit id → name in the set's strings (calendar only) */
  GArray *schedules;        /* Schedule, by task id (calendar only) */
  GArray *ad_hoc_ids;       /* gint64: the tasks with ad hoc reports due in the range, in order (likewise) */
} Names;

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->plans, g_hash_table_unref);
  g_clear_pointer (&names->units, g_hash_table_unref);
  g_clear_pointer (&names->schedules, g_array_unref);
  g_clear_pointer (&names->ad_hoc_ids, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Names, names_clear)

static gboolean
plans_and_units (DdStore       *self,
                 Names         *names,
                 GStringChunk  *strings,
                 gboolean       named,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) plans = NULL;
  g_autoptr(sqlite3_stmt) units = NULL;
  int rc;

  names->plans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  plans = dd_sql_prepare (self, "SELECT id, issued_on FROM plans", error);
  if (plans == NULL)
    return FALSE;
  while ((rc = sqlite3_step (plans)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (plans, 0);
      GDate *issued = g_new (GDate, 1);

      /* NULL: the task's creation stands for it (below). */
      if (sqlite3_column_type (plans, 1) == SQLITE_NULL)
        {
          g_free (issued);
          issued = NULL;
        }
      else
        dd_sql_column_date (plans, 1, issued);
      g_hash_table_insert (names->plans, g_memdup2 (&id, sizeof id), issued);
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  if (!named)
    return TRUE;

  /* Each name copied once, not once a task. */
  names->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  units = dd_sql_prepare (self, "SELECT id, name FROM units", error);
  if (units == NULL)
    return FALSE;
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (units, 0);
      const char *name = dd_sql_column_text (units, 1);

      g_hash_table_insert (names->units, g_memdup2 (&id, sizeof id),
                           name != NULL ? g_string_chunk_insert_const (strings, name) : NULL);
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return ia < ib ? -1 : ia > ib;
}

/* For the calendar: the tasks' own rules, and the tasks with ad hoc reports
 * due in the range (occurrence_reports_due), before the tasks are read. */
static gboolean
due_in_range_context (DdStore          *self,
                      DdOccurrenceSet  *set,
                      Names            *names,
                      GError          **error)
{
  g_autoptr(sqlite3_stmt) schedules = NULL;
  g_autoptr(sqlite3_stmt) ad_hoc = NULL;
  int rc;

  names->schedules = g_array_new (FALSE, FALSE, sizeof (Schedule));
  schedules = dd_sql_prepare (self, "SELECT task_id, due_rule, due_param, update_every_months, "
                                    "coalesce (periods, 0) FROM task_schedules ORDER BY task_id", error);
  if (schedules == NULL)
    return FALSE;
  while ((rc = sqlite3_step (schedules)) == SQLITE_ROW)
    {
      /* As load_schedules() and dd_calendar_get_task_schedule() read them. */
      Schedule schedule = {
        sqlite3_column_int64 (schedules, 0),
        CLAMP (sqlite3_column_int (schedules, 1), 0, 2),
        sqlite3_column_int (schedules, 2),
        (guint) CLAMP (sqlite3_column_int (schedules, 3), 0, 12),
        (guint) sqlite3_column_int (schedules, 4),
      };

      g_array_append_val (names->schedules, schedule);
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);

  names->ad_hoc_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ad_hoc = dd_sql_prepare (self, "SELECT DISTINCT task_id FROM occurrence_reports "
                                 "WHERE kind = 4 AND due_on BETWEEN ?1 AND ?2 ORDER BY task_id", error);
  if (ad_hoc == NULL)
    return FALSE;
  dd_sql_bind_date (ad_hoc, 1, &set->from);
  dd_sql_bind_date (ad_hoc, 2, &set->to);
  while ((rc = sqlite3_step (ad_hoc)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (ad_hoc, 0);

      g_array_append_val (names->ad_hoc_ids, id);
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Whether @task (its rules not yet read) has anything due in the set's
 * range: an occurrence of its schedule's expansion (owed or not), or an ad
 * hoc report. Most periodic tasks have nothing due in a given month, and
 * the calendar need not copy their titles. */
static gboolean
due_in_range (DdOccurrenceSet        *set,
              Names                  *names,
              const DdOccurrenceTask *task)
{
  /* (bsearch() must not be given the NULL data of an empty array.) */
  const Schedule *own = names->schedules->len == 0 ? NULL
                        : bsearch (&task->id, names->schedules->data, names->schedules->len, sizeof (Schedule),
                                   compare_ids);
  int rule = own != NULL ? own->due_rule : task->due_rule;
  int param = own != NULL ? own->due_param : task->due_param;
  guint every = own != NULL ? own->every : task->every;
  guint periods = own != NULL && own->periods != 0 ? own->periods | (task->periods & DD_PERIOD_AD_HOC)
                                                  : task->periods;

  if (task->kind == DD_DEADLINE_PERIODIC &&
      expansion_find (set, FALSE, periods, rule, param, 0, &set->from, &set->to)->occurrences->len > 0)
    return TRUE;
  if (task->kind == DD_DEADLINE_ONGOING && every > 0 &&
      expansion_find (set, TRUE, 0, 0, 0, every, &set->from, &set->to)->occurrences->len > 0)
    return TRUE;
  return names->ad_hoc_ids->len > 0
         && bsearch (&task->id, names->ad_hoc_ids->data, names->ad_hoc_ids->len, sizeof (gint64),
                     compare_ids) != NULL;
}

static gboolean
read_tasks (DdStore          *self,
            DdOccurrenceSet  *set,
            Names            *names,
            const char       *sql,
            const char       *only,
            const GDate      *as_of,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *one = NULL;
  int rc;

  /* A separate statement for some tasks (ONLY_TASKS), so that SQLite uses
   * the index on the id; one owns it, to free it at the end (g_autofree). */
  if (only != NULL)
    sql = one = g_strconcat (sql, " AND t.id IN (SELECT value FROM json_each (?9))", NULL);  /* NOLINT(clang-analyzer-deadcode.DeadStores) */
  stmt = dd_sql_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  dd_sql_bind_date (stmt, 1, &set->from);
  dd_sql_bind_date (stmt, 2, &set->to);
  if (as_of != NULL)
    dd_sql_bind_date (stmt, 3, as_of);
  if (only != NULL)
    sqlite3_bind_text (stmt, 9, only, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdOccurrenceTask task = { 0 };
      gint64 plan_id = sqlite3_column_int64 (stmt, 5);
      gpointer issued;

      /* As "JOIN plans": a task's plan is always there. */
      if (!g_hash_table_lookup_extended (names->plans, &plan_id, NULL, &issued))
        continue;
      task.id = sqlite3_column_int64 (stmt, 0);
      task.lead_unit_id = sqlite3_column_int64 (stmt, 1);
      task.kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 2), 0, DD_N_DEADLINE_KINDS - 1);
      /* The text's periods, or the default's when it named none. */
      task.periods = _dd_store_effective_periods (0, (guint) sqlite3_column_int (stmt, 3), set->fallback.periods);
      dd_sql_column_date (stmt, 4, &task.completed_on);
      /* coalesce (p.issued_on, substr (t.created_at, 1, 10)) */
      if (issued != NULL)
        task.starts_on = *(const GDate *) issued;
      else
        {
          char created[11] = { 0 };

          g_strlcpy (created, dd_sql_column_text (stmt, 6) != NULL ? dd_sql_column_text (stmt, 6) : "",
                     sizeof created);
          if (!dd_date_parse_iso (created, &task.starts_on))
            g_date_clear (&task.starts_on, 1);
        }
      /* The defaults of dd_calendar_get_task_schedule() (the office's);
       * load_schedules() sets the tasks' own. */
      task.due_rule = set->fallback.due_rule;
      task.due_param = set->fallback.due_param;
      task.every = set->fallback.update_every_months;
      if (names->schedules != NULL && !due_in_range (set, names, &task))
        continue;
      if (names->units != NULL)
        {
          const char *title = dd_sql_column_text (stmt, 7);
          const char *lead = g_hash_table_lookup (names->units, &task.lead_unit_id);

          /* One block for all, instead of two allocations a task. */
          task.title = title != NULL ? g_string_chunk_insert (set->strings, title) : NULL;
          task.lead = lead;
        }
      g_array_append_val (set->tasks, task);
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The rules of the tasks that have their own (the primary key's order). */
static gboolean
load_schedules (DdStore          *self,
                DdOccurrenceSet  *set,
                const char       *only,
                GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint cursor = 0;
  int rc;

  /* None of the tasks asked for is in the set (none recurring). */
  if (set->tasks->len == 0)
    return TRUE;
  stmt = dd_sql_prepare (self,
                         only != NULL
                         ? "SELECT task_id, due_rule, due_param, update_every_months, coalesce (periods, 0) "
                           "FROM task_schedules WHERE " ONLY_TASKS " ORDER BY task_id"
                         : "SELECT task_id, due_rule, due_param, update_every_months, coalesce (periods, 0) "
                           "FROM task_schedules ORDER BY task_id", error);
  if (stmt == NULL)
    return FALSE;
  if (only != NULL)
    sqlite3_bind_text (stmt, 9, only, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdOccurrenceTask *task = task_at (set, sqlite3_column_int64 (stmt, 0), &cursor);

      if (task == NULL)
        continue;
      /* As dd_calendar_get_task_schedule() reads them. */
      task->due_rule = CLAMP (sqlite3_column_int (stmt, 1), 0, 2);
      task->due_param = sqlite3_column_int (stmt, 2);
      task->every = (guint) CLAMP (sqlite3_column_int (stmt, 3), 0, 12);
      if (sqlite3_column_int (stmt, 4) != 0)
        task->periods = (guint) sqlite3_column_int (stmt, 4) | (task->periods & DD_PERIOD_AD_HOC);
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
load_tasks (DdStore            *self,
            DdOccurrenceSet    *set,
            DdOccurrenceScope   scope,
            const char         *only,
            const GDate        *as_of,
            GError            **error)
{
  g_auto(Names) names = { NULL };
  const char *recurring, *ad_hoc = NULL;

  /* The ongoing and periodic tasks from the covering index tasks_recurring
   * (0006-occurrences.sql), and for the calendar and the scorecards the
   * few other tasks with an ad hoc report due in the range, through
   * occurrence_reports_due. */
  switch (scope)
    {
    case DD_OCCURRENCE_SCOPE_CALENDAR:
      recurring = "SELECT " TASK_COLUMNS ", t.title FROM tasks t "
                  "WHERE t.deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("t.id") " AND t.deadline_kind IN (2, 3)";
      ad_hoc = "SELECT " TASK_COLUMNS ", t.title FROM tasks t "
               "WHERE t.deleted_at IS NULL AND "
               DD_SQL_TASK_SHOWN ("t.id") " AND t.deadline_kind NOT IN (2, 3) AND t.id IN "
               "(SELECT task_id FROM occurrence_reports WHERE kind = 4 AND due_on BETWEEN ?1 AND ?2)";
      break;
    case DD_OCCURRENCE_SCOPE_LED:
      recurring = "SELECT " TASK_COLUMNS ", NULL FROM tasks t "
                  "WHERE t.deleted_at IS NULL AND "
                  DD_SQL_TASK_SHOWN ("t.id") " AND t.deadline_kind IN (2, 3) AND t.lead_unit_id IS NOT NULL "
                  "AND (t.completed_on IS NULL OR t.completed_on >= ?1)";
      ad_hoc = "SELECT " TASK_COLUMNS ", NULL FROM tasks t "
               "WHERE t.deleted_at IS NULL AND "
               DD_SQL_TASK_SHOWN ("t.id") " AND t.deadline_kind NOT IN (2, 3) AND t.id IN "
               "(SELECT task_id FROM occurrence_reports WHERE kind = 4 AND due_on BETWEEN ?1 AND ?2) "
               "AND t.lead_unit_id IS NOT NULL AND (t.completed_on IS NULL OR t.completed_on >= ?1)";
      break;
    case DD_OCCURRENCE_SCOPE_OPEN:
    default:
      recurring = "SELECT " TASK_COLUMNS ", NULL FROM tasks t "
                  "WHERE t.deleted_at IS NULL AND "
                  DD_SQL_TASK_SHOWN ("t.id") " AND t.deadline_kind IN (2, 3) AND t.due_on IS NULL "
                  "AND (t.completed_on IS NULL OR t.completed_on > ?3)";
      break;
    }
  if (scope == DD_OCCURRENCE_SCOPE_CALENDAR && !due_in_range_context (self, set, &names, error))
    return FALSE;
  if (!plans_and_units (self, &names, set->strings, scope == DD_OCCURRENCE_SCOPE_CALENDAR, error) ||
      !read_tasks (self, set, &names, recurring, only, as_of, error) ||
      (ad_hoc != NULL && !read_tasks (self, set, &names, ad_hoc, only, as_of, error)))
    return FALSE;
  /* In task order, as the scans below come. */
  g_array_sort (set->tasks, compare_task_ids);
  return load_schedules (self, set, only, error);
}

/* The reports made for the periods of the periodic tasks. An expansion
 * over [from, to] has periods of the years around them only. */
static gboolean
load_reports (DdStore          *self,
              DdOccurrenceSet  *set,
              const char       *only,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint cursor = 0;
  int rc;

  /* None of the tasks asked for is in the set (none recurring). */
  if (set->tasks->len == 0)
    return TRUE;
  /* occurrence_reports_period, in task order. */
  stmt = dd_sql_prepare (self,
                         only != NULL
                         ? "SELECT task_id, kind, year, period_index, reported_on FROM occurrence_reports "
                           "WHERE kind <> 4 AND reported_on IS NOT NULL AND year BETWEEN ?1 AND ?2 "
                           "AND " ONLY_TASKS " ORDER BY task_id"
                         : "SELECT task_id, kind, year, period_index, reported_on FROM occurrence_reports "
                           "WHERE kind <> 4 AND reported_on IS NOT NULL AND year BETWEEN ?1 AND ?2 "
                           "ORDER BY task_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, g_date_get_year (&set->from) - 1);
  sqlite3_bind_int (stmt, 2, g_date_get_year (&set->to) + 1);
  if (only != NULL)
    sqlite3_bind_text (stmt, 9, only, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdOccurrenceTask *task = task_at (set, sqlite3_column_int64 (stmt, 0), &cursor);
      Report report;

      if (task == NULL || task->kind != DD_DEADLINE_PERIODIC)
        continue;
      if (task->n_reports == 0)
        task->reports = set->reports->len;
      report.kind = sqlite3_column_int (stmt, 1);
      report.year = sqlite3_column_int (stmt, 2);
      report.index = sqlite3_column_int (stmt, 3);
      dd_sql_column_date (stmt, 4, &report.reported_on);
      g_array_append_val (set->reports, report);
      task->n_reports++;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The last day an update read can count: the range's, and for the
 * scorecards, which judge the windows ending in the range, a month more
 * (a window's due date runs to a working day after it). */
static void
updates_until (const DdOccurrenceSet *set,
               GDate                 *out)
{
  *out = set->to;
  if (set->scope == DD_OCCURRENCE_SCOPE_LED)
    g_date_add_days (out, 31);
}

/* The progress updates of the ongoing tasks: those that can fall in one of
 * their windows only. */
static gboolean
load_updates (DdStore          *self,
              DdOccurrenceSet  *set,
              const char       *only,
              GError          **error)
{
  typedef struct
  {
    guint task;
    GDate day;
  } Found;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) found = NULL;
  guint everies = 0;
  GDate first, last;
  int rc;

  /* The earliest window: a window due in [from, to] is in the expansion of
   * the whole range, and so is any window of a part of it. */
  g_date_clear (&first, 1);
  for (guint i = 0; i < set->tasks->len; i++)
    {
      const DdOccurrenceTask *task = &g_array_index (set->tasks, DdOccurrenceTask, i);

      if (task->kind == DD_DEADLINE_ONGOING && task->every > 0)
        everies |= 1u << task->every;
    }
  for (guint every = 1; every <= 12; every++)
    {
      Expansion *e;
      const DdOccurrence *occ;
      guint earliest = 0;

      if ((everies & (1u << every)) == 0)
        continue;
      e = expansion_find (set, TRUE, 0, 0, 0, every, &set->from, &set->to);
      if (e->occurrences->len == 0)
        continue;
      /* The recurring status judges the latest window due before the
       * reference date and the later ones only
       * (_dd_occurrence_set_judge_latest()), and its tasks are not
       * completed by then (which could make an earlier window the last
       * owed): the updates of the year before are not read. */
      if (set->scope == DD_OCCURRENCE_SCOPE_OPEN)
        {
          guint split = expansion_split (e, g_date_get_julian (&set->as_of));

          earliest = split > 0 ? split - 1 : 0;
        }
      /* In date order, and the windows of one schedule do not overlap. */
      occ = g_ptr_array_index (e->occurrences, earliest);
      if (!dd_date_is_set (&first) || g_date_compare (&occ->start, &first) < 0)
        first = occ->start;
    }
  if (!dd_date_is_set (&first))
    return TRUE;

  /* progress_updates_day (0006-occurrences.sql): the days of the windows
   * only, in date order; then gathered per task, still in date order. */
  stmt = dd_sql_prepare (self,
                         only != NULL
                         ? "SELECT task_id, reported_on FROM progress_updates "
                           "WHERE " ONLY_TASKS " AND reported_on BETWEEN ?1 AND ?2 ORDER BY reported_on"
                         : "SELECT task_id, reported_on FROM progress_updates "
                           "WHERE reported_on BETWEEN ?1 AND ?2 ORDER BY reported_on", error);
  if (stmt == NULL)
    return FALSE;
  dd_sql_bind_date (stmt, 1, &first);
  updates_until (set, &last);
  dd_sql_bind_date (stmt, 2, &last);
  if (only != NULL)
    sqlite3_bind_text (stmt, 9, only, -1, SQLITE_STATIC);
  found = g_array_new (FALSE, FALSE, sizeof (Found));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdOccurrenceTask key = { .id = sqlite3_column_int64 (stmt, 0) };
      DdOccurrenceTask *task = set->tasks->len == 0 ? NULL
                               : bsearch (&key, set->tasks->data, set->tasks->len, sizeof (DdOccurrenceTask),
                                          compare_task_ids);
      Found f;

      if (task == NULL || task->kind != DD_DEADLINE_ONGOING)
        continue;
      dd_sql_column_date (stmt, 1, &f.day);
      if (!dd_date_is_set (&f.day))
        continue;
      (void) g_date_get_julian (&f.day);
      f.task = (guint) (task - (DdOccurrenceTask *) set->tasks->data);
      g_array_append_val (found, f);
      task->n_updates++;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);

  /* Each task's run of set->updates, then the days into them in order. */
  for (guint i = 0, next = 0; i < set->tasks->len; i++)
    {
      DdOccurrenceTask *task = &g_array_index (set->tasks, DdOccurrenceTask, i);

      task->updates = next;
      next += task->n_updates;
      task->n_updates = 0;
    }
  g_array_set_size (set->updates, found->len);
  for (guint i = 0; i < found->len; i++)
    {
      const Found *f = &g_array_index (found, Found, i);
      DdOccurrenceTask *task = &g_array_index (set->tasks, DdOccurrenceTask, f->task);

      g_array_index (set->updates, GDate, task->updates + task->n_updates++) = f->day;
    }
  return TRUE;
}

static gboolean
load_ad_hoc (DdStore          *self,
             DdOccurrenceSet  *set,
             const char       *only,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint cursor = 0;
  int rc;

  /* None of the tasks asked for is in the set (none recurring). */
  if (set->tasks->len == 0)
    return TRUE;
  /* occurrence_reports_due, then a sort of the few found. */
  stmt = dd_sql_prepare (self,
                         only != NULL
                         ? "SELECT task_id, id, title, due_on, reported_on FROM occurrence_reports "
                           "WHERE kind = 4 AND due_on BETWEEN ?1 AND ?2 AND " ONLY_TASKS " "
                           "ORDER BY task_id, due_on, id"
                         : "SELECT task_id, id, title, due_on, reported_on FROM occurrence_reports "
                           "WHERE kind = 4 AND due_on BETWEEN ?1 AND ?2 ORDER BY task_id, due_on, id", error);
  if (stmt == NULL)
    return FALSE;
  dd_sql_bind_date (stmt, 1, &set->from);
  dd_sql_bind_date (stmt, 2, &set->to);
  if (only != NULL)
    sqlite3_bind_text (stmt, 9, only, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdOccurrenceTask *task = task_at (set, sqlite3_column_int64 (stmt, 0), &cursor);
      AdHoc a;

      if (task == NULL)
        continue;
      dd_sql_column_date (stmt, 3, &a.due);
      if (!dd_date_is_set (&a.due))
        continue;
      a.id = sqlite3_column_int (stmt, 1);
      a.title = g_strdup (dd_sql_column_text (stmt, 2));
      dd_sql_column_date (stmt, 4, &a.reported_on);
      if (task->n_ad_hoc == 0)
        task->ad_hoc = set->ad_hoc->len;
      g_array_append_val (set->ad_hoc, a);
      task->n_ad_hoc++;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The set of the tasks @ids (@n_ids of them; NULL: every task of @scope)
 * that are in @scope: one scan of each table for all of them. */
DdOccurrenceSet *
_dd_occurrence_set_load_some (DdStore            *self,
                              DdOccurrenceScope   scope,
                              const gint64       *ids,
                              guint               n_ids,
                              DdWorkdays         *workdays,
                              const GDate        *from,
                              const GDate        *to,
                              const GDate        *as_of,
                              GError            **error)
{
  g_autoptr(DdOccurrenceSet) set = g_new0 (DdOccurrenceSet, 1);
  g_autoptr(GString) json = NULL;
  const char *only = NULL;

  if (ids != NULL)
    {
      json = g_string_new ("[");
      for (guint i = 0; i < n_ids; i++)
        g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
      g_string_append_c (json, ']');
      only = json->str;
    }

  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), NULL);
  g_return_val_if_fail (scope != DD_OCCURRENCE_SCOPE_OPEN || dd_date_is_set (as_of), NULL);

  set->scope = scope;
  g_date_clear (&set->as_of, 1);
  if (scope == DD_OCCURRENCE_SCOPE_OPEN)
    set->as_of = *as_of;
  set->tasks = g_array_new (FALSE, FALSE, sizeof (DdOccurrenceTask));
  set->workdays = g_object_ref (workdays);
  set->from = *from;
  set->to = *to;
  set->reports = g_array_new (FALSE, FALSE, sizeof (Report));
  set->updates = g_array_new (FALSE, FALSE, sizeof (GDate));
  set->ad_hoc = g_array_new (FALSE, FALSE, sizeof (AdHoc));
  g_array_set_clear_func (set->ad_hoc, (GDestroyNotify) ad_hoc_clear);
  set->expansions = g_ptr_array_new_with_free_func ((GDestroyNotify) expansion_free);
  set->strings = g_string_chunk_new (64 * 1024);
  if (!_dd_store_read_default_schedule (self, &set->fallback, error) ||
      !load_tasks (self, set, scope, only, as_of, error) ||
      !load_reports (self, set, only, error) ||
      !load_updates (self, set, only, error))
    return NULL;
  /* The recurring status does not count ad hoc reports. */
  if (scope != DD_OCCURRENCE_SCOPE_OPEN && !load_ad_hoc (self, set, only, error))
    return NULL;
  return g_steal_pointer (&set);
}

DdOccurrenceSet *
_dd_occurrence_set_load (DdStore            *self,
                         DdOccurrenceScope   scope,
                         gint64              only_id,
                         DdWorkdays         *workdays,
                         const GDate        *from,
                         const GDate        *to,
                         const GDate        *as_of,
                         GError            **error)
{
  return _dd_occurrence_set_load_some (self, scope, only_id > 0 ? &only_id : NULL, only_id > 0 ? 1 : 0,
                                       workdays, from, to, as_of, error);
}

guint
_dd_occurrence_set_get_n_tasks (DdOccurrenceSet *set)
{
  return set->tasks->len;
}

const DdOccurrenceTask *
_dd_occurrence_set_get_task (DdOccurrenceSet *set,
                             guint            i)
{
  g_return_val_if_fail (i < set->tasks->len, NULL);
  return &g_array_index (set->tasks, DdOccurrenceTask, i);
}

static const GDate *
report_for (DdOccurrenceSet        *set,
            const DdOccurrenceTask *task,
            const DdOccurrence     *occ)
{
  for (guint i = 0; i < task->n_reports; i++)
    {
      const Report *r = &g_array_index (set->reports, Report, task->reports + i);

      if (r->kind == (int) occ->kind && r->year == occ->year && r->index == occ->index)
        return &r->reported_on;
    }
  return NULL;
}

/* The first update (they are in date order) within the window. */
static const GDate *
update_in (DdOccurrenceSet        *set,
           const DdOccurrenceTask *task,
           const DdOccurrence     *occ)
{
  for (guint i = 0; i < task->n_updates; i++)
    {
      const GDate *day = &g_array_index (set->updates, GDate, task->updates + i);

      if (g_date_compare (day, &occ->start) >= 0 && g_date_compare (day, &occ->due) <= 0)
        return day;
    }
  return NULL;
}

/* Whether a task owes an occurrence of its schedule, and if not, why. */
typedef enum
{
  OWED,
  NOT_OWED_BEFORE_START,    /* before the plan's date, as every earlier one of its kind */
  NOT_OWED_AFTER_DONE,      /* after the task was closed */
} Owed;

static Owed
owed (const DdOccurrenceTask *task,
      const DdOccurrence     *occ,
      gboolean                starts,
      gboolean                done)
{
  if (task->kind == DD_DEADLINE_PERIODIC)
    {
      /* A plan cannot ask for a report due before it was issued. */
      if (starts && g_date_compare (&occ->due, &task->starts_on) < 0)
        return NOT_OWED_BEFORE_START;
    }
  else
    {
      /* The first whole month after the plan's date is the first owed. */
      if (starts && g_date_compare (&occ->start, &task->starts_on) < 0)
        return NOT_OWED_BEFORE_START;
    }
  /* Nor anything after the task was closed. */
  if (done && g_date_compare (&occ->start, &task->completed_on) > 0)
    return NOT_OWED_AFTER_DONE;
  return OWED;
}

/* Appends @occ, owed by @task, judged. */
static void
judge_one (DdOccurrenceSet        *set,
           const DdOccurrenceTask *task,
           const DdOccurrence     *occ,
           gboolean                done,
           const GDate            *as_of,
           const GDate            *soon,
           GArray                 *out)
{
  const GDate *reported;
  DdOccurrence copy;

  if (task->kind == DD_DEADLINE_PERIODIC)
    reported = report_for (set, task, occ);
  else
    {
      reported = update_in (set, task, occ);
      /* Completing the task within the window is its last update. */
      if (reported == NULL && done && g_date_compare (&task->completed_on, &occ->start) >= 0 &&
          g_date_compare (&task->completed_on, &occ->due) <= 0)
        reported = &task->completed_on;
    }
  copy = *occ;
  dd_occurrence_judge (&copy, reported, as_of, soon);
  g_array_append_val (out, copy);
}

static void
judge_ad_hoc (const AdHoc  *a,
              const GDate  *as_of,
              const GDate  *soon,
              GArray       *out)
{
  DdOccurrence occ = { 0 };

  occ.kind = DD_OCCURRENCE_AD_HOC;
  occ.index = a->id;
  occ.label = a->title;
  occ.due = a->due;
  occ.year = g_date_get_year (&occ.due);
  occ.start = occ.due;
  occ.end = occ.due;
  dd_occurrence_judge (&occ, dd_date_is_set (&a->reported_on) ? &a->reported_on : NULL, as_of, soon);
  g_array_append_val (out, occ);
}

/* The expansion of @task's schedule over [from, to], or %NULL when it owes
 * no periodic report nor update. */
static Expansion *
task_expansion (DdOccurrenceSet        *set,
                const DdOccurrenceTask *task,
                const GDate            *from,
                const GDate            *to,
                gboolean                by_period)
{
  if (task->kind == DD_DEADLINE_PERIODIC)
    return expansion_find_by (set, FALSE, task->periods, task->due_rule, task->due_param, 0, from, to, by_period);
  if (task->kind == DD_DEADLINE_ONGOING && task->every > 0)
    return expansion_find_by (set, TRUE, 0, 0, 0, task->every, from, to, by_period);
  return NULL;
}

static void
judge_range (DdOccurrenceSet *set,
             guint            i,
             const GDate     *from,
             const GDate     *to,
             const GDate     *as_of,
             const GDate     *soon,
             gboolean         by_period,
             GArray          *out)
{
  const DdOccurrenceTask *task;
  Expansion *e;
  gboolean done, starts;

  g_return_if_fail (i < set->tasks->len);
  g_return_if_fail (g_date_compare (from, &set->from) >= 0 && g_date_compare (to, &set->to) <= 0);

  task = &g_array_index (set->tasks, DdOccurrenceTask, i);
  done = dd_date_is_set (&task->completed_on) && g_date_compare (&task->completed_on, as_of) <= 0;
  starts = dd_date_is_set (&task->starts_on);

  e = task_expansion (set, task, from, to, by_period);
  for (guint j = 0; e != NULL && j < e->occurrences->len; j++)
    {
      const DdOccurrence *occ = g_ptr_array_index (e->occurrences, j);

      if (owed (task, occ, starts, done) == OWED)
        judge_one (set, task, occ, done, as_of, soon, out);
    }

  /* Ad hoc reports, whatever the task's kind. */
  for (guint j = 0; j < task->n_ad_hoc; j++)
    {
      const AdHoc *a = &g_array_index (set->ad_hoc, AdHoc, task->ad_hoc + j);

      if (g_date_compare (&a->due, from) >= 0 && g_date_compare (&a->due, to) <= 0)
        judge_ad_hoc (a, as_of, soon, out);
    }
}

/* Keep this in step with task_occurrences() in dd-calendar.c: the
 * test "/occurrence/bulk" compares the two over a year. */
void
_dd_occurrence_set_judge (DdOccurrenceSet *set,
                          guint            i,
                          const GDate     *from,
                          const GDate     *to,
                          const GDate     *as_of,
                          const GDate     *soon,
                          GArray          *out)
{
  judge_range (set, i, from, to, as_of, soon, FALSE, out);
}

void
_dd_occurrence_set_judge_periods (DdOccurrenceSet *set,
                                  guint            i,
                                  const GDate     *from,
                                  const GDate     *to,
                                  const GDate     *as_of,
                                  const GDate     *soon,
                                  GArray          *out)
{
  judge_range (set, i, from, to, as_of, soon, TRUE, out);
}

/* What the recurring status looks at (dd-store-recurring.c): of all the
 * occurrences _dd_occurrence_set_judge() gives over the whole range loaded,
 * the latest of each kind due before @as_of and every one due from @as_of
 * on; the others cannot change the task's status as a whole, and they are
 * most of a year's. The occurrences of one kind are in date order, and
 * those before the plan's date are a run at the start of each kind, so the
 * latest owed one is found walking back from @as_of. */
void
_dd_occurrence_set_judge_latest (DdOccurrenceSet *set,
                                 guint            i,
                                 const GDate     *as_of,
                                 const GDate     *soon,
                                 GArray          *out)
{
  const DdOccurrenceTask *task;
  guint32 as_of_j;
  Expansion *e;
  gboolean done, starts;
  int latest_ad_hoc = -1;

  g_return_if_fail (i < set->tasks->len);
  g_return_if_fail (set->scope != DD_OCCURRENCE_SCOPE_OPEN || g_date_compare (as_of, &set->as_of) == 0);

  task = &g_array_index (set->tasks, DdOccurrenceTask, i);
  done = dd_date_is_set (&task->completed_on) && g_date_compare (&task->completed_on, as_of) <= 0;
  starts = dd_date_is_set (&task->starts_on);
  as_of_j = g_date_get_julian (as_of);

  e = task_expansion (set, task, &set->from, &set->to, FALSE);
  if (e != NULL)
    {
      guint split = expansion_split (e, as_of_j);
      guint picked[DD_N_OCCURRENCE_KINDS];
      guint n_picked = 0, settled = 0;

      /* A kind is settled when its latest owed occurrence is found, or
       * when it has none (the rest of it is before the plan's date). */
      for (guint j = split; j-- > 0 && settled != e->past_kinds;)
        {
          const DdOccurrence *occ = g_ptr_array_index (e->occurrences, j);
          guint bit = 1u << occ->kind;

          if ((settled & bit) != 0)
            continue;
          switch (owed (task, occ, starts, done))
            {
            case OWED:
              picked[n_picked++] = j;
              settled |= bit;
              break;
            case NOT_OWED_BEFORE_START:
              settled |= bit;
              break;
            case NOT_OWED_AFTER_DONE:
              break;
            }
        }
      /* In date order, as _dd_occurrence_set_judge() gives them. */
      while (n_picked > 0)
        judge_one (set, task, g_ptr_array_index (e->occurrences, picked[--n_picked]), done, as_of, soon, out);
      for (guint j = split; j < e->occurrences->len; j++)
        {
          const DdOccurrence *occ = g_ptr_array_index (e->occurrences, j);

          if (owed (task, occ, starts, done) == OWED)
            judge_one (set, task, occ, done, as_of, soon, out);
        }
    }

  /* Ad hoc reports (in date order): likewise. */
  for (guint j = 0; j < task->n_ad_hoc; j++)
    {
      const AdHoc *a = &g_array_index (set->ad_hoc, AdHoc, task->ad_hoc + j);

      if (g_date_compare (&a->due, &set->from) < 0 || g_date_compare (&a->due, &set->to) > 0)
        continue;
      if (g_date_get_julian (&a->due) < as_of_j)
        latest_ad_hoc = (int) j;
      else
        {
          if (latest_ad_hoc >= 0)
            judge_ad_hoc (&g_array_index (set->ad_hoc, AdHoc, task->ad_hoc + latest_ad_hoc), as_of, soon, out);
          latest_ad_hoc = -1;
          judge_ad_hoc (a, as_of, soon, out);
        }
    }
  if (latest_ad_hoc >= 0)
    judge_ad_hoc (&g_array_index (set->ad_hoc, AdHoc, task->ad_hoc + latest_ad_hoc), as_of, soon, out);
}
