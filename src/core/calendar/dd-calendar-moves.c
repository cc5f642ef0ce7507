/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-calendar-private.h"

/*
 * Re-judging when a year's days off change (dd-calendar.h): the due dates
 * counted in working days (periodic reports due N working days after their
 * period, dates rolled forward off a day off) are computed from the old
 * and the new tables over the months the year's days can reach, and those
 * that differ are the moves. A change of a table records each move in the
 * history (audit_log, table "occurrence_due"), in the change's transaction.
 */

G_DEFINE_BOXED_TYPE (DdMovedDeadline, dd_moved_deadline, dd_moved_deadline_copy, dd_moved_deadline_free)

DdMovedDeadline *
dd_moved_deadline_copy (const DdMovedDeadline *self)
{
  DdMovedDeadline *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DdMovedDeadline, 1);
  *copy = *self;
  copy->title = g_strdup (self->title);
  copy->occurrence = g_strdup (self->occurrence);
  return copy;
}

void
dd_moved_deadline_free (DdMovedDeadline *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->occurrence);
  g_free (self);
}

/* Auxiliary methods */

/* The due dates a change of @year's days can move: those of the periods
 * ending from December of the year before to March of the year after. */
static void
moves_range (int    year,
             GDate *from,
             GDate *to)
{
  g_date_clear (from, 1);
  g_date_clear (to, 1);
  g_date_set_dmy (from, 1, G_DATE_DECEMBER, year - 1);
  g_date_set_dmy (to, 31, G_DATE_MARCH, MIN (year + 1, DD_LUNAR_MAX_YEAR + 1));
}

/* "task id|kind|label" → due date (julian, as a pointer) of every
 * occurrence due in [@from, @to] by @workdays. */
static GHashTable *
read_due_dates (DdStore      *store,
                DdWorkdays   *workdays,
                const GDate  *from,
                const GDate  *to,
                GHashTable   *titles,
                GError      **error)
{
  g_autoptr(DdOccurrenceSet) set = NULL;
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));
  g_autoptr(GHashTable) due = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GDate today, soon;

  set = _dd_occurrence_set_load (store, DD_OCCURRENCE_SCOPE_CALENDAR, 0, workdays, from, to, NULL, error);
  if (set == NULL)
    return NULL;
  dd_sql_today (&today);
  soon = today;
  for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (set); t++)
    {
      const DdOccurrenceTask *task = _dd_occurrence_set_get_task (set, t);

      g_array_set_size (occurrences, 0);
      _dd_occurrence_set_judge (set, t, from, to, &today, &soon, occurrences);
      for (guint i = 0; i < occurrences->len; i++)
        {
          const DdOccurrence *occ = &g_array_index (occurrences, DdOccurrence, i);
          char *key = g_strdup_printf ("%" G_GINT64_FORMAT "|%d|%s", task->id, occ->kind,
                                       occ->label != NULL ? occ->label : "");

          if (titles != NULL && !g_hash_table_contains (titles, key))
            g_hash_table_insert (titles, g_strdup (key), g_strdup (task->title));
          g_hash_table_insert (due, key, GUINT_TO_POINTER (g_date_get_julian (&occ->due)));
        }
    }
  return g_steal_pointer (&due);
}

static int
compare_moves (gconstpointer a,
               gconstpointer b)
{
  const DdMovedDeadline *ma = *(const DdMovedDeadline * const *) a;
  const DdMovedDeadline *mb = *(const DdMovedDeadline * const *) b;
  int cmp = g_date_compare (&ma->old_due, &mb->old_due);

  if (cmp != 0)
    return cmp;
  return ma->task_id < mb->task_id ? -1 : ma->task_id > mb->task_id;
}

/* The occurrences due on another day by @after than by @before. */
static GPtrArray *
diff_due_dates (GHashTable *before,
                GHashTable *after,
                GHashTable *titles)
{
  GPtrArray *moves = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_moved_deadline_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer new_value;
      DdMovedDeadline *move;
      g_auto(GStrv) parts = NULL;

      if (!g_hash_table_lookup_extended (after, key, NULL, &new_value) || new_value == value)
        continue;
      parts = g_strsplit (key, "|", 3);
      move = g_new0 (DdMovedDeadline, 1);
      move->task_id = g_ascii_strtoll (parts[0], NULL, 10);
      move->kind = (DdOccurrenceKind) g_ascii_strtoll (parts[1], NULL, 10);
      move->occurrence = g_strdup (parts[2]);
      move->title = g_strdup (g_hash_table_lookup (titles, key));
      g_date_clear (&move->old_due, 1);
      g_date_clear (&move->new_due, 1);
      g_date_set_julian (&move->old_due, GPOINTER_TO_UINT (value));
      g_date_set_julian (&move->new_due, GPOINTER_TO_UINT (new_value));
      g_ptr_array_add (moves, move);
    }
  g_ptr_array_sort (moves, compare_moves);
  return moves;
}

/* The moves from @before to @after over what @year's days can reach. */
static GPtrArray *
list_moves (DdStore     *store,
            int          year,
            DdWorkdays  *before,
            DdWorkdays  *after,
            GError     **error)
{
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) old_due = NULL;
  g_autoptr(GHashTable) new_due = NULL;
  GDate from, to;

  moves_range (year, &from, &to);
  old_due = read_due_dates (store, before, &from, &to, titles, error);
  if (old_due == NULL)
    return NULL;
  new_due = read_due_dates (store, after, &from, &to, titles, error);
  if (new_due == NULL)
    return NULL;
  return diff_due_dates (old_due, new_due, titles);
}

/* Internal API */

GPtrArray *
_dd_calendar_record_moves_locked (DdStore     *store,
                                  int          year,
                                  DdWorkdays  *before,
                                  GError     **error)
{
  g_autoptr(DdWorkdays) after = _dd_store_read_workdays (store, error);
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (after == NULL)
    return NULL;
  moves = list_moves (store, year, before, after, error);
  if (moves == NULL)
    return NULL;
  if (moves->len == 0)
    return g_steal_pointer (&moves);

  stmt = dd_sql_prepare (store,
                         "INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values) "
                         "VALUES (dd_user (), 'occurrence_due', ?1, ?2, 'update', "
                         "json_object ('due', ?3, 'occurrence', ?5), json_object ('due', ?4, 'occurrence', ?5))",
                         error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < moves->len; i++)
    {
      const DdMovedDeadline *move = g_ptr_array_index (moves, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, year);
      sqlite3_bind_int64 (stmt, 2, move->task_id);
      dd_sql_bind_date (stmt, 3, &move->old_due);
      dd_sql_bind_date (stmt, 4, &move->new_due);
      dd_sql_bind_text (stmt, 5, move->occurrence);
      if (!dd_sql_step_done (store, stmt, error))
        return NULL;
    }
  return g_steal_pointer (&moves);
}

/* Public API */

GPtrArray *
dd_calendar_list_moved_deadlines (DdCalendar  *self,
                                  int          year,
                                  GPtrArray   *days,
                                  GError     **error)
{
  g_autoptr(DdWorkdays) before = NULL;
  g_autoptr(DdWorkdays) after = NULL;
  g_autoptr(GPtrArray) unstored = NULL;
  DdStore *store;

  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);

  if (year < DD_LUNAR_MIN_YEAR || year > DD_LUNAR_MAX_YEAR)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The days off are known for the years %d to %d only."),
                   DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR);
      return NULL;
    }
  store = dd_calendar_get_store (self);
  before = _dd_store_read_workdays (store, error);
  if (before == NULL)
    return NULL;
  after = _dd_store_read_workdays (store, error);
  if (after == NULL)
    return NULL;
  /* unstored owns the days, to free them at the end (g_autoptr). */
  if (days == NULL)
    days = unstored = dd_holidays_for_year (year, NULL, NULL);  /* NOLINT(clang-analyzer-deadcode.DeadStores) */
  dd_workdays_set_year (after, year, days);
  return list_moves (store, year, before, after, error);
}
