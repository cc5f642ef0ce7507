/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-reports-private.h"
#include "dd-calendar-private.h"

/*
 * DdCalendar: the time of a file (see dd-calendar.h). The days off, the
 * occurrences of one task and the deadline calendar are read here through
 * the store; the occurrences of many tasks at once come from the store's
 * occurrence sets (dd-store-occurrences.c), of which the calendar keeps the
 * range it listed last. The computations on dates (working days, lunar
 * dates, expanding and judging occurrences) are dd-workdays.c's and
 * dd-occurrence.c's, which know nothing of the store.
 */

/* The occurrences of the range listed last (month_get()). */
typedef struct
{
  DdOccurrenceSet *set;
  GDate from;
  GDate to;
  DdStoreStamp stamp;   /* the file when the set was read */
} Month;

struct _DdCalendar
{
  GObject parent_instance;

  DdStore *store;
  Month month;
  GPtrArray *last_moves;    /* of the last change of days off (DdMovedDeadline) */
  DdCalendarLoads loads;    /* dd-calendar-async.c's */
};

G_DEFINE_FINAL_TYPE (DdCalendar, dd_calendar, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
month_clear (Month *month)
{
  g_clear_pointer (&month->set, _dd_occurrence_set_free);
  dd_store_stamp_clear (&month->stamp);
}

/* Boxed types */

G_DEFINE_BOXED_TYPE (DdCalendarEntry, dd_calendar_entry, dd_calendar_entry_copy, dd_calendar_entry_free)

/* Copies @text to *@at and moves *@at past it; %NULL stays %NULL. */
static char *
entry_string (char       **at,
              const char  *text,
              gsize        size)
{
  char *copy = *at;

  if (text == NULL)
    return NULL;
  memcpy (copy, text, size);
  *at += size;
  return copy;
}

/* An entry and its three strings in one block: a month's calendar has tens
 * of thousands of entries, and four allocations each cost more than all
 * the rest of reading it. dd_calendar_entry_free() frees the block. */
static DdCalendarEntry *
entry_new (const DdCalendarEntry *fields,
           const char            *title,
           const char            *lead,
           const char            *occurrence)
{
  gsize title_size = title != NULL ? strlen (title) + 1 : 0;
  gsize lead_size = lead != NULL ? strlen (lead) + 1 : 0;
  gsize occurrence_size = occurrence != NULL ? strlen (occurrence) + 1 : 0;
  DdCalendarEntry *entry = g_malloc (sizeof (DdCalendarEntry) + title_size + lead_size + occurrence_size);
  char *at = (char *) (entry + 1);

  *entry = *fields;
  entry->title = entry_string (&at, title, title_size);
  entry->lead = entry_string (&at, lead, lead_size);
  entry->occurrence = entry_string (&at, occurrence, occurrence_size);
  return entry;
}

DdCalendarEntry *
dd_calendar_entry_copy (const DdCalendarEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return entry_new (self, self->title, self->lead, self->occurrence);
}

void
dd_calendar_entry_free (DdCalendarEntry *self)
{
  /* The strings are in the same block (entry_new()). */
  g_free (self);
}

/* GObject overrides */

static void
dd_calendar_finalize (GObject *object)
{
  DdCalendar *self = (DdCalendar *) object;

  month_clear (&self->month);
  g_clear_pointer (&self->last_moves, g_ptr_array_unref);
  /* No job of ours runs (each holds the calendar): the remote calendar is
   * not in use. The worker first: when this is its last reference, its
   * dispose waits for its thread. */
  g_clear_object (&self->loads.worker);
  g_clear_object (&self->loads.remote);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_calendar_parent_class)->finalize (object);
}

static void
dd_calendar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DdCalendar *self = DD_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_calendar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DdCalendar *self = DD_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_calendar_class_init (DdCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_calendar_finalize;
  object_class->get_property = dd_calendar_get_property;
  object_class->set_property = dd_calendar_set_property;

  /**
   * DdCalendar:store:
   * The store whose file this is the calendar of. Construct-only.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_calendar_init (DdCalendar *self)
{
}

/* Public API */

DdCalendarLoads *
_dd_calendar_get_loads (DdCalendar *self)
{
  return &self->loads;
}

DdCalendar *
dd_calendar_new (DdStore *store)
{
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_CALENDAR, "store", store, NULL);
}

DdStore *
dd_calendar_get_store (DdCalendar *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);

  return self->store;
}

/* Days off */

DdWorkdays *
dd_calendar_get_workdays (DdCalendar *self,
                          GError  **error)
{
  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);

  return _dd_store_read_workdays (self->store, error);
}

void
_dd_calendar_take_last_moves (DdCalendar *self,
                              GPtrArray  *moves)
{
  g_clear_pointer (&self->last_moves, g_ptr_array_unref);
  self->last_moves = moves;
}

GPtrArray *
dd_calendar_get_last_moves (DdCalendar *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);

  return self->last_moves;
}

/* A task's time */

GPtrArray *
dd_calendar_list_extensions (DdCalendar *self,
                             gint64    task_id,
                             GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_extension_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);

  stmt = dd_sql_prepare (self->store,
                         "SELECT id, old_due, new_due, reason, approved_by, approved_on, recorded_at, "
                         "recorded_by, decision FROM task_extensions WHERE task_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdExtension *ext = g_new0 (DdExtension, 1);

      ext->id = sqlite3_column_int64 (stmt, 0);
      ext->task_id = task_id;
      dd_sql_column_date (stmt, 1, &ext->old_due);
      dd_sql_column_date (stmt, 2, &ext->new_due);
      ext->reason = g_strdup (dd_sql_column_text (stmt, 3));
      ext->approved_by = g_strdup (dd_sql_column_text (stmt, 4));
      dd_sql_column_date (stmt, 5, &ext->approved_on);
      ext->recorded_at = g_strdup (dd_sql_column_text (stmt, 6));
      ext->recorded_by = g_strdup (dd_sql_column_text (stmt, 7));
      ext->decision = g_strdup (dd_sql_column_text (stmt, 8));
      g_ptr_array_add (list, ext);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self->store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The rules of a task (the office's defaults when none were set); its
 * periods as set for it (0: its text's). */
static gboolean
read_task_schedule (DdStore         *store,
                    gint64           task_id,
                    DdTaskSchedule  *out,
                    GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_dd_store_read_default_schedule (store, out, error))
    return FALSE;
  stmt = dd_sql_prepare (store,
                         "SELECT due_rule, due_param, update_every_months, coalesce (periods, 0) "
                         "FROM task_schedules WHERE task_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->due_rule = (DdDueRule) CLAMP (sqlite3_column_int (stmt, 0), 0, 2);
      out->due_param = sqlite3_column_int (stmt, 1);
      out->update_every_months = (guint) CLAMP (sqlite3_column_int (stmt, 2), 0, 12);
      out->periods = (guint) sqlite3_column_int (stmt, 3);
      out->inherited = FALSE;
    }
  else if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (store, rc, error);
  return TRUE;
}

static guint task_periods (DdStore *store, const DdTaskSchedule *schedule, guint text);

gboolean
dd_calendar_get_task_schedule (DdCalendar      *self,
                               gint64           task_id,
                               DdTaskSchedule  *out,
                               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!read_task_schedule (self->store, task_id, out, error))
    return FALSE;

  /* The periods its reports follow, written out (a periodic task only). */
  stmt = dd_sql_prepare (self->store, "SELECT deadline_kind, periods FROM tasks WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no task with id %lld."), (long long) task_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self->store, rc, error);
  if (sqlite3_column_int (stmt, 0) == DD_DEADLINE_PERIODIC)
    {
      out->periods = task_periods (self->store, out, (guint) sqlite3_column_int (stmt, 1)) & DD_PERIOD_ALL_PERIODS;
      if (out->periods == 0)
        out->periods = DD_PERIOD_DEFAULT_PERIODS;
    }
  return TRUE;
}

/* Occurrences */

/* What the occurrences of one task are computed from. */
typedef struct
{
  gint64 id;
  char *title;
  char *lead;
  DdDeadlineKind kind;
  guint periods;
  GDate due;
  GDate completed_on;
  GDate starts_on;     /* the plan's date, else the task's creation */
} TaskInfo;

static void
task_info_clear (TaskInfo *info)
{
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->lead, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TaskInfo, task_info_clear)

#define TASK_INFO_COLUMNS \
  "t.id, t.title, lu.name, t.deadline_kind, t.periods, t.due_on, t.completed_on, " \
  "coalesce (p.issued_on, substr (t.created_at, 1, 10))"
#define TASK_INFO_FROM \
  " FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN units lu ON lu.id = t.lead_unit_id "

static void
read_task_info (sqlite3_stmt *stmt,
                TaskInfo     *info)
{
  info->id = sqlite3_column_int64 (stmt, 0);
  info->title = g_strdup (dd_sql_column_text (stmt, 1));
  info->lead = g_strdup (dd_sql_column_text (stmt, 2));
  info->kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 3), 0, DD_N_DEADLINE_KINDS - 1);
  info->periods = (guint) sqlite3_column_int (stmt, 4);
  dd_sql_column_date (stmt, 5, &info->due);
  dd_sql_column_date (stmt, 6, &info->completed_on);
  dd_sql_column_date (stmt, 7, &info->starts_on);
}

static char *
period_key (int kind,
            int year,
            int index)
{
  return g_strdup_printf ("%d:%d:%d", kind, year, index);
}

/* A report recorded for a period: the day it was made (the first
 * member, so that a ReportRow * is a GDate *), its number and note. */
typedef struct
{
  GDate reported_on;
  char *number;
  char *note;
} ReportRow;

static void
report_row_free (ReportRow *row)
{
  g_free (row->number);
  g_free (row->note);
  g_free (row);
}

/* The periodic reports made for task @task_id: "kind:year:index" →
 * (ReportRow *) the day each was made, its number and note. */
static GHashTable *
read_period_reports (DdStore  *store,
                     gint64    task_id,
                     GError  **error)
{
  g_autoptr(GHashTable) reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) report_row_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (store,
                         "SELECT kind, year, period_index, reported_on, report_number, note "
                         "FROM occurrence_reports "
                         "WHERE task_id = ?1 AND kind <> 4 AND reported_on IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportRow *row = g_new0 (ReportRow, 1);

      dd_sql_column_date (stmt, 3, &row->reported_on);
      row->number = g_strdup (dd_sql_column_text (stmt, 4));
      row->note = g_strdup (dd_sql_column_text (stmt, 5));
      g_hash_table_insert (reports,
                           period_key (sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1),
                                       sqlite3_column_int (stmt, 2)),
                           row);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&reports);
}

/* The days task @task_id's progress updates were reported on, in order
 * (a GArray of GDate). */
static GArray *
read_update_days (DdStore  *store,
                  gint64    task_id,
                  GError  **error)
{
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (store,
                         "SELECT reported_on FROM progress_updates WHERE task_id = ?1 "
                         "ORDER BY reported_on", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate day;

      dd_sql_column_date (stmt, 0, &day);
      if (dd_date_is_set (&day))
        g_array_append_val (updates, day);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&updates);
}

/* Appends to @result the ad hoc reports of task @task_id due in
 * [@from, @to], judged as of @as_of. */
static gboolean
add_ad_hoc (DdStore      *store,
            gint64        task_id,
            const GDate  *from,
            const GDate  *to,
            const GDate  *as_of,
            const GDate  *soon,
            gboolean      with_reports,
            GPtrArray    *result,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (store,
                         "SELECT id, title, due_on, reported_on, report_number, note FROM occurrence_reports "
                         "WHERE task_id = ?1 AND kind = 4 AND due_on BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  dd_sql_bind_date (stmt, 2, from);
  dd_sql_bind_date (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdOccurrence *occ = g_new0 (DdOccurrence, 1);
      GDate reported;

      occ->kind = DD_OCCURRENCE_AD_HOC;
      occ->index = sqlite3_column_int (stmt, 0);
      occ->label = g_strdup (dd_sql_column_text (stmt, 1));
      dd_sql_column_date (stmt, 2, &occ->due);
      occ->year = g_date_get_year (&occ->due);
      occ->start = occ->due;
      occ->end = occ->due;
      dd_sql_column_date (stmt, 3, &reported);
      dd_occurrence_judge (occ, dd_date_is_set (&reported) ? &reported : NULL, as_of, soon);
      if (with_reports && dd_date_is_set (&reported))
        {
          occ->report_number = g_strdup (dd_sql_column_text (stmt, 4));
          occ->report_note = g_strdup (dd_sql_column_text (stmt, 5));
        }
      g_ptr_array_add (result, occ);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The periods a periodic task's reports follow (see
 * _dd_store_effective_periods()), from its schedule (read_task_schedule())
 * and its text's @text. */
static guint
task_periods (DdStore              *store,
              const DdTaskSchedule *schedule,
              guint                 text)
{
  DdTaskSchedule fallback;

  if (schedule->inherited)
    return _dd_store_effective_periods (0, text, schedule->periods);
  /* Unreadable, it is the rule's default (the task's own was just read). */
  if (!_dd_store_read_default_schedule (store, &fallback, NULL))
    dd_task_schedule_init (&fallback);
  return _dd_store_effective_periods (schedule->periods, text, fallback.periods);
}

/* The occurrences of one task due in [from, to], judged as of @as_of
 * (@with_reports: with the numbers and notes of the reports made). */
static GPtrArray *
task_occurrences (DdStore         *store,
                  DdWorkdays      *workdays,
                  const TaskInfo  *info,
                  const GDate     *from,
                  const GDate     *to,
                  const GDate     *as_of,
                  const GDate     *soon,
                  gboolean         with_reports,
                  GError         **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_occurrence_free);
  g_autoptr(GPtrArray) expanded = NULL;
  DdTaskSchedule schedule;
  gboolean done = dd_date_is_set (&info->completed_on) && g_date_compare (&info->completed_on, as_of) <= 0;

  if (!read_task_schedule (store, info->id, &schedule, error))
    return NULL;

  if (info->kind == DD_DEADLINE_PERIODIC)
    {
      g_autoptr(GHashTable) reports = NULL;

      reports = read_period_reports (store, info->id, error);
      if (reports == NULL)
        return NULL;

      expanded = dd_occurrences_expand (task_periods (store, &schedule, info->periods), schedule.due_rule,
                                        schedule.due_param, workdays, from, to);
      for (guint i = 0; i < expanded->len; i++)
        {
          DdOccurrence *occ = g_ptr_array_index (expanded, i);
          g_autofree char *key = period_key (occ->kind, occ->year, occ->index);
          const ReportRow *row = g_hash_table_lookup (reports, key);
          const GDate *reported = row != NULL ? &row->reported_on : NULL;

          /* A plan cannot ask for a report due before it was issued, nor
           * after the task was closed. */
          if (dd_date_is_set (&info->starts_on) && g_date_compare (&occ->due, &info->starts_on) < 0)
            continue;
          if (done && g_date_compare (&occ->start, &info->completed_on) > 0)
            continue;
          dd_occurrence_judge (occ, reported, as_of, soon);
          if (with_reports && row != NULL)
            {
              occ->report_number = g_strdup (row->number);
              occ->report_note = g_strdup (row->note);
            }
          g_ptr_array_add (result, dd_occurrence_copy (occ));
        }
    }
  else if (info->kind == DD_DEADLINE_ONGOING && schedule.update_every_months > 0)
    {
      g_autoptr(GArray) updates = NULL;

      updates = read_update_days (store, info->id, error);
      if (updates == NULL)
        return NULL;

      expanded = dd_occurrences_expand_updates (schedule.update_every_months, workdays, from, to);
      for (guint i = 0; i < expanded->len; i++)
        {
          DdOccurrence *occ = g_ptr_array_index (expanded, i);
          const GDate *reported = NULL;

          /* The first whole month after the plan's date is the first owed. */
          if (dd_date_is_set (&info->starts_on) && g_date_compare (&occ->start, &info->starts_on) < 0)
            continue;
          if (done && g_date_compare (&occ->start, &info->completed_on) > 0)
            continue;
          for (guint j = 0; j < updates->len; j++)
            {
              const GDate *day = &g_array_index (updates, GDate, j);

              if (g_date_compare (day, &occ->start) >= 0 && g_date_compare (day, &occ->due) <= 0)
                {
                  reported = day;
                  break;
                }
            }
          /* Completing the task within the window is its last update. */
          if (reported == NULL && done && g_date_compare (&info->completed_on, &occ->start) >= 0 &&
              g_date_compare (&info->completed_on, &occ->due) <= 0)
            reported = &info->completed_on;
          dd_occurrence_judge (occ, reported, as_of, soon);
          g_ptr_array_add (result, dd_occurrence_copy (occ));
        }
    }

  /* Ad hoc reports, whatever the task's kind. */
  if (!add_ad_hoc (store, info->id, from, to, as_of, soon, with_reports, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

static int
compare_occurrence_due (gconstpointer a,
                        gconstpointer b)
{
  const DdOccurrence *oa = *(const DdOccurrence * const *) a;
  const DdOccurrence *ob = *(const DdOccurrence * const *) b;

  return g_date_compare (&oa->due, &ob->due);
}

static GPtrArray *
list_occurrences (DdCalendar   *self,
                  gint64        task_id,
                  const GDate  *from,
                  const GDate  *to,
                  const GDate  *as_of,
                  gboolean      with_reports,
                  GError      **error)
{
  g_autoptr(DdWorkdays) workdays = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(TaskInfo) info = { 0 };
  GPtrArray *result;
  GError *local_error = NULL;
  GDate day, soon;
  guint soon_days;
  int rc;

  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), NULL);

  if (dd_date_is_set (as_of))
    day = *as_of;
  else
    dd_sql_today (&day);

  workdays = _dd_store_read_workdays (self->store, error);
  if (workdays == NULL)
    return NULL;
  soon_days = dd_store_get_due_soon_days (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  dd_rules_due_soon_limit (workdays, &day, soon_days, &soon);

  stmt = dd_sql_prepare (self->store, "SELECT " TASK_INFO_COLUMNS TASK_INFO_FROM "WHERE t.id = ?1", error);
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
      dd_sql_set_sqlite_error (self->store, rc, error);
      return NULL;
    }
  read_task_info (stmt, &info);

  result = task_occurrences (self->store, workdays, &info, from, to, &day, &soon, with_reports, error);
  if (result != NULL)
    g_ptr_array_sort (result, compare_occurrence_due);
  return result;
}

GPtrArray *
dd_calendar_list_occurrences (DdCalendar   *self,
                              gint64        task_id,
                              const GDate  *from,
                              const GDate  *to,
                              const GDate  *as_of,
                              GError      **error)
{
  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), NULL);

  return list_occurrences (self, task_id, from, to, as_of, FALSE, error);
}

GPtrArray *
dd_calendar_list_task_periods (DdCalendar   *self,
                               gint64        task_id,
                               const GDate  *from,
                               const GDate  *to,
                               const GDate  *as_of,
                               GError      **error)
{
  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), NULL);

  return list_occurrences (self, task_id, from, to, as_of, TRUE, error);
}

/* The calendar */

/* An entry's place: by date, then task, then kind of occurrence; entries
 * equal in all three keep the order they were found in (as a stable sort
 * would). Julian days, so that sorting tens of thousands of entries
 * compares integers. */
typedef struct
{
  guint32 day;
  guint position;
  gint64 task_id;
  int kind;
  DdCalendarEntry *entry;
} EntryKey;

static int
compare_entry_keys (gconstpointer a,
                    gconstpointer b)
{
  const EntryKey *ka = a;
  const EntryKey *kb = b;

  if (ka->day != kb->day)
    return ka->day < kb->day ? -1 : 1;
  if (ka->task_id != kb->task_id)
    return ka->task_id < kb->task_id ? -1 : 1;
  if (ka->kind != kb->kind)
    return ka->kind < kb->kind ? -1 : 1;
  return ka->position < kb->position ? -1 : ka->position > kb->position;
}

/* Sorts @entries, all dated in [@from, @to]. A month has tens of thousands
 * of entries on thirty-odd days: they are put in their days first (a
 * counting sort, stable), and each day sorted by itself, with keys that
 * stay in the cache instead of one sort of all. */
static void
sort_entries (GPtrArray   *entries,
              const GDate *from,
              const GDate *to)
{
  guint32 first = g_date_get_julian (from);
  guint n_days = g_date_get_julian (to) - first + 1;
  g_autofree EntryKey *keys = g_new (EntryKey, MAX (entries->len, 1));
  gboolean in_range = g_date_compare (from, to) <= 0;

  for (guint i = 0; i < entries->len; i++)
    {
      DdCalendarEntry *entry = g_ptr_array_index (entries, i);

      keys[i] = (EntryKey) { g_date_get_julian (&entry->date), i, entry->task_id, (int) entry->kind, entry };
      in_range &= keys[i].day >= first && keys[i].day - first < n_days;
    }
  /* Days far more than entries (a range of years): one sort. */
  if (!in_range || n_days > entries->len)
    qsort (keys, entries->len, sizeof (EntryKey), compare_entry_keys);
  else
    {
      g_autofree guint *starts = g_new0 (guint, n_days + 1);
      g_autofree EntryKey *by_day = g_new (EntryKey, MAX (entries->len, 1));

      for (guint i = 0; i < entries->len; i++)
        starts[keys[i].day - first + 1]++;
      for (guint d = 0; d < n_days; d++)
        starts[d + 1] += starts[d];
      for (guint i = 0; i < entries->len; i++)
        by_day[starts[keys[i].day - first]++] = keys[i];
      /* starts[d] is now where day d + 1 begins. */
      for (guint d = 0, start = 0; d < n_days; start = starts[d], d++)
        qsort (by_day + start, starts[d] - start, sizeof (EntryKey), compare_entry_keys);
      for (guint i = 0; i < entries->len; i++)
        entries->pdata[i] = by_day[i].entry;
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    entries->pdata[i] = keys[i].entry;
}

/* The occurrences of [@from, @to], loaded once and kept while neither
 * another connection nor the store committed (dd_store_stamp_is_current()):
 * the calendar page lists the same month again on every refresh, and going
 * back to a month should not read it again. The set does not depend on the
 * day they are judged on. Inside a transaction of the store, or when
 * another connection committed while the set was read, the set is this
 * call's only (@out_temporary). */
static DdOccurrenceSet *
month_get (DdCalendar        *self,
           DdWorkdays        *workdays,
           const GDate       *from,
           const GDate       *to,
           DdOccurrenceSet  **out_temporary,
           GError           **error)
{
  DdStoreStamp stamp;
  DdOccurrenceSet *set;

  *out_temporary = NULL;
  if (self->month.set != NULL
      && g_date_compare (&self->month.from, from) == 0 && g_date_compare (&self->month.to, to) == 0
      && dd_store_stamp_is_current (self->store, &self->month.stamp))
    return self->month.set;

  dd_store_stamp_take (self->store, &stamp);
  set = _dd_occurrence_set_load (self->store, DD_OCCURRENCE_SCOPE_CALENDAR, 0, workdays, from, to, NULL, error);
  if (set == NULL)
    return NULL;
  if (!dd_store_stamp_is_current (self->store, &stamp))
    return *out_temporary = set;

  month_clear (&self->month);
  self->month.set = set;
  self->month.from = *from;
  self->month.to = *to;
  self->month.stamp = stamp;
  return set;
}

GPtrArray *
dd_calendar_list_entries (DdCalendar   *self,
                          const GDate  *from,
                          const GDate  *to,
                          const GDate  *as_of,
                          GError      **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_calendar_entry_free);
  g_autoptr(DdWorkdays) workdays = NULL;
  g_autoptr(sqlite3_stmt) dated = NULL;
  DdOccurrenceSet *set = NULL;
  g_autoptr(DdOccurrenceSet) temporary = NULL;
  g_autoptr(GArray) occurrences = NULL;
  GError *local_error = NULL;
  GDate day, soon;
  guint soon_days;
  int rc;

  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), NULL);

  if (dd_date_is_set (as_of))
    day = *as_of;
  else
    dd_sql_today (&day);

  workdays = _dd_store_read_workdays (self->store, error);
  if (workdays == NULL)
    return NULL;
  soon_days = dd_store_get_due_soon_days (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  dd_rules_due_soon_limit (workdays, &day, soon_days, &soon);

  /* Tasks with a date of their own (tasks_due index). */
  dated = dd_sql_prepare (self->store,
                          "SELECT " TASK_INFO_COLUMNS TASK_INFO_FROM
                          "WHERE t.deleted_at IS NULL AND "
                          DD_SQL_TASK_SHOWN ("t.id") " AND t.due_on BETWEEN ?1 AND ?2 "
                          "ORDER BY t.due_on, t.id", error);
  if (dated == NULL)
    return NULL;
  dd_sql_bind_date (dated, 1, from);
  dd_sql_bind_date (dated, 2, to);
  while ((rc = sqlite3_step (dated)) == SQLITE_ROW)
    {
      DdCalendarEntry fields = { 0 };
      DdDeadlineKind kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (dated, 3), 0, DD_N_DEADLINE_KINDS - 1);
      GDate completed_on;

      /* The columns of read_task_info(), without copying the strings twice. */
      fields.task_id = sqlite3_column_int64 (dated, 0);
      dd_sql_column_date (dated, 5, &fields.date);
      dd_sql_column_date (dated, 6, &completed_on);
      fields.status = dd_rules_task_status (kind, &fields.date, &completed_on, &day, &soon);
      g_ptr_array_add (entries, entry_new (&fields, dd_sql_column_text (dated, 1), dd_sql_column_text (dated, 2),
                                           NULL));
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self->store, rc, error);
      return NULL;
    }

  /* Periodic and ongoing tasks, and any task with ad hoc reports: all of
   * them in one pass (dd-store-occurrences.c), or as kept from the last
   * listing of the same range (month_get()). */
  set = month_get (self, workdays, from, to, &temporary, error);
  if (set == NULL)
    return NULL;
  occurrences = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));
  for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (set); t++)
    {
      const DdOccurrenceTask *task = _dd_occurrence_set_get_task (set, t);

      g_array_set_size (occurrences, 0);
      _dd_occurrence_set_judge (set, t, from, to, &day, &soon, occurrences);
      for (guint i = 0; i < occurrences->len; i++)
        {
          const DdOccurrence *occ = &g_array_index (occurrences, DdOccurrence, i);
          DdCalendarEntry fields = { 0 };

          fields.date = occ->due;
          fields.task_id = task->id;
          fields.status = occ->status;
          fields.kind = occ->kind;
          g_ptr_array_add (entries, entry_new (&fields, task->title, task->lead, occ->label));
        }
    }

  sort_entries (entries, from, to);
  return g_steal_pointer (&entries);
}
